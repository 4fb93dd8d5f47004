package scenarios

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
)

// glob is one compiled match pattern. Matching never allocates, so rules
// that do not match a request cost no garbage.
type glob struct {
	pat     string
	literal bool   // no metacharacters: plain comparison
	fold    bool   // compare case-insensitively
	prefix  string // ASCII literal start of pat, checked first to reject cheaply
}

// globs is a set of alternatives; an empty set matches everything.
type globs []glob

func compileGlobs(pats []string, fold bool) (globs, error) {
	if len(pats) == 0 {
		return nil, nil
	}
	out := make(globs, 0, len(pats))
	for _, p := range pats {
		g, err := compileGlob(p, fold)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

func (gs globs) match(s string) bool {
	if len(gs) == 0 {
		return true
	}
	for i := range gs {
		if gs[i].match(s) {
			return true
		}
	}
	return false
}

// compileGlob checks the pattern's syntax once so that matching can assume
// it is well formed.
func compileGlob(pat string, fold bool) (glob, error) {
	if err := checkGlob(pat); err != nil {
		return glob{}, err
	}
	g := glob{pat: pat, literal: !strings.ContainsAny(pat, `*?[\`), fold: fold}
	end := 0
	for end < len(pat) && pat[end] < utf8.RuneSelf && !strings.ContainsRune(`*?[\`, rune(pat[end])) {
		end++
	}
	g.prefix = pat[:end]
	return g, nil
}

func checkGlob(pat string) error {
	for i := 0; i < len(pat); {
		switch pat[i] {
		case '\\':
			if i+1 >= len(pat) {
				return errors.New(`pattern ends with an unfinished escape (\)`)
			}
			_, w := utf8.DecodeRuneInString(pat[i+1:])
			i += 1 + w
		case '[':
			end, err := checkClass(pat, i)
			if err != nil {
				return err
			}
			i = end
		default:
			i++
		}
	}
	return nil
}

// checkClass validates the class starting at pat[start] == '[' and returns
// the index just past its closing ']'.
func checkClass(pat string, start int) (int, error) {
	j := start + 1
	if j < len(pat) && (pat[j] == '^' || pat[j] == '!') {
		j++
	}
	for first := true; ; first = false {
		if j >= len(pat) {
			return 0, errors.New("pattern has an unterminated character class ([ without ])")
		}
		if pat[j] == ']' && !first {
			return j + 1, nil
		}
		lo, w, ok := classChar(pat, j)
		if !ok {
			return 0, errors.New("pattern has an unterminated character class ([ without ])")
		}
		j += w
		if j+1 < len(pat) && pat[j] == '-' && pat[j+1] != ']' {
			hi, w, ok := classChar(pat, j+1)
			if !ok {
				return 0, errors.New("pattern has an unterminated character class ([ without ])")
			}
			if hi < lo {
				return 0, errors.New("pattern has a character range that runs backwards")
			}
			j += 1 + w
		}
	}
}

// classChar reads one possibly escaped character of a class.
func classChar(pat string, j int) (r rune, width int, ok bool) {
	if pat[j] == '\\' {
		if j+1 >= len(pat) {
			return 0, 0, false
		}
		r, w := utf8.DecodeRuneInString(pat[j+1:])
		return r, 1 + w, true
	}
	r, w := utf8.DecodeRuneInString(pat[j:])
	return r, w, true
}

func (g *glob) match(s string) bool {
	if g.literal {
		if g.fold {
			return strings.EqualFold(g.pat, s)
		}
		return g.pat == s
	}
	switch g.prefixMatch(s) {
	case prefixMismatch:
		return false
	case prefixMatched:
		// The prefix is literal ASCII matched byte for byte: skip it.
		return globMatch(g.pat[len(g.prefix):], s[len(g.prefix):], g.fold)
	}
	return globMatch(g.pat, s, g.fold)
}

const (
	prefixMatched = iota
	prefixMismatch
	prefixUnsure
)

// prefixMatch rejects most non-matching values by their first bytes. A
// non-ASCII byte in s (which might fold onto an ASCII letter, like the
// Kelvin sign onto k) leaves the decision to globMatch.
func (g *glob) prefixMatch(s string) int {
	for j := 0; j < len(g.prefix); j++ {
		switch {
		case j >= len(s):
			return prefixMismatch // every prefix character needs at least a byte of s
		case s[j] >= utf8.RuneSelf:
			if g.fold {
				return prefixUnsure
			}
			return prefixMismatch
		}
		a, b := g.prefix[j], s[j]
		if g.fold {
			a, b = lowerASCII(a), lowerASCII(b)
		}
		if a != b {
			return prefixMismatch
		}
	}
	return prefixMatched
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// globMatch is the classic single-backtrack wildcard matcher: only * has a
// variable width, so remembering the last star is enough. Unlike
// path.Match, * also matches '/'.
func globMatch(pat, s string, fold bool) bool {
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		if p < len(pat) {
			r, w := utf8.DecodeRuneInString(s[i:])
			switch pat[p] {
			case '*':
				starP, starI = p, i
				p++
				continue
			case '?':
				p, i = p+1, i+w
				continue
			case '[':
				if ok, next := matchClass(pat, p, r, fold); ok {
					p, i = next, i+w
					continue
				}
			case '\\':
				pr, pw := utf8.DecodeRuneInString(pat[p+1:])
				if runeEqual(pr, r, fold) {
					p, i = p+1+pw, i+w
					continue
				}
			default:
				pr, pw := utf8.DecodeRuneInString(pat[p:])
				if runeEqual(pr, r, fold) {
					p, i = p+pw, i+w
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		_, w := utf8.DecodeRuneInString(s[starI:])
		starI += w
		p, i = starP+1, starI
	}
	for p < len(pat) && pat[p] == '*' {
		p++
	}
	return p == len(pat)
}

// matchClass matches r against the (already validated) class at pat[p] and
// returns the index past the class.
func matchClass(pat string, p int, r rune, fold bool) (bool, int) {
	j := p + 1
	negated := false
	if pat[j] == '^' || pat[j] == '!' {
		negated = true
		j++
	}
	matched := false
	for first := true; ; first = false {
		if pat[j] == ']' && !first {
			j++
			break
		}
		lo, w, _ := classChar(pat, j)
		j += w
		hi := lo
		if pat[j] == '-' && pat[j+1] != ']' {
			hi, w, _ = classChar(pat, j+1)
			j += 1 + w
		}
		if inRange(r, lo, hi, fold) {
			matched = true
		}
	}
	return matched != negated, j
}

func inRange(r, lo, hi rune, fold bool) bool {
	if lo <= r && r <= hi {
		return true
	}
	if fold {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if lo <= f && f <= hi {
				return true
			}
		}
	}
	return false
}

func runeEqual(a, b rune, fold bool) bool {
	if a == b {
		return true
	}
	if !fold {
		return false
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		return lowerASCII(byte(a)) == lowerASCII(byte(b))
	}
	for f := unicode.SimpleFold(a); f != a; f = unicode.SimpleFold(f) {
		if f == b {
			return true
		}
	}
	return false
}
