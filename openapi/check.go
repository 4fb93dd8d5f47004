package openapi

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/valyala/fastjson"
)

// valueKind is what a single value must parse as.
type valueKind uint8

const (
	kindString valueKind = iota
	kindInteger
	kindNumber
	kindBoolean
)

// valueCheck validates one value (or one list item) against what its schema
// says. It is compiled once at load so that a request costs no regexp
// compilation, no kin-openapi call and, on success, no allocation.
type valueCheck struct {
	kind           valueKind
	bits           int // integer width
	min, max       float64
	hasMin, hasMax bool
	minLen         int
	maxLen         int // -1: no limit
	digits         bool
	re             *regexp.Regexp
	enum           []string
	json           bool
}

// digitPatterns are the patterns checked by a loop instead of a regexp.
var digitPatterns = map[string]bool{`^[0-9]+$`: true, `^\d+$`: true}

func compileCheck(s *schemaNode) (valueCheck, error) {
	c := valueCheck{maxLen: -1}
	typ, err := schemaType(s)
	if err != nil {
		return c, err
	}
	switch typ {
	case typeInteger:
		c.kind, c.bits = kindInteger, 64
		if s.Format == "int32" {
			c.bits = 32
		}
	case typeNumber:
		c.kind = kindNumber
	case typeBoolean:
		c.kind = kindBoolean
	case typeString:
		c.kind = kindString
		c.json = s.Format == "json"
	default:
		return c, fmt.Errorf("list items must be scalars, not %s", typ)
	}
	if s.Minimum != nil {
		c.min, c.hasMin = *s.Minimum, true
	}
	if s.Maximum != nil {
		c.max, c.hasMax = *s.Maximum, true
	}
	c.minLen = int(min(s.MinLength, 1<<31))
	if s.MaxLength != nil {
		c.maxLen = int(min(*s.MaxLength, 1<<31))
	}
	if s.Pattern != "" {
		if digitPatterns[s.Pattern] {
			c.digits = true
		} else if c.re, err = regexp.Compile(s.Pattern); err != nil {
			return c, fmt.Errorf("pattern: %w", err)
		}
	}
	for _, e := range s.Enum {
		text, err := exampleText(e)
		if err != nil {
			return c, fmt.Errorf("enum: %w", err)
		}
		c.enum = append(c.enum, text)
	}
	return c, nil
}

// ok reports whether v is a valid value. Booleans and enum values are
// matched in any letter case, as OK matches method and field names.
func (c *valueCheck) ok(v string) bool {
	switch c.kind {
	case kindInteger:
		n, err := strconv.ParseInt(v, 10, c.bits)
		if err != nil || !c.inRange(float64(n)) {
			return false
		}
	case kindNumber:
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || !c.inRange(f) {
			return false
		}
	case kindBoolean:
		if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
			return false
		}
	case kindString:
		if c.minLen > 0 || c.maxLen >= 0 {
			n := utf8.RuneCountInString(v)
			if n < c.minLen || (c.maxLen >= 0 && n > c.maxLen) {
				return false
			}
		}
		if c.digits && !allDigits(v) {
			return false
		}
		if c.re != nil && !c.re.MatchString(v) {
			return false
		}
		// fastjson, as the server's own reading of JSON parameters: it
		// takes the string as it is, at two fifths of encoding/json's cost.
		if c.json && fastjson.Validate(v) != nil {
			return false
		}
	}
	if c.enum != nil {
		for _, e := range c.enum {
			if strings.EqualFold(v, e) {
				return true
			}
		}
		return false
	}
	return true
}

func (c *valueCheck) inRange(f float64) bool {
	return (!c.hasMin || f >= c.min) && (!c.hasMax || f <= c.max)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
