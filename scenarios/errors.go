package scenarios

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// LoadError is one problem found in a scenario document. Field is the path
// to the offending value ("rules[0].respond.delay_ms"); Line is 1-based, or
// 0 when the document was not loaded from text.
type LoadError struct {
	Source string
	Line   int
	Field  string
	Msg    string
}

// Error formats the problem as "source:line: field: msg", leaving out the
// parts that are unknown.
func (e *LoadError) Error() string {
	var b strings.Builder
	if e.Source != "" {
		b.WriteString(e.Source)
		if e.Line > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Line))
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// LoadErrors is every problem found in a document, in line order. It
// unwraps to its members, so errors.As(err, &loadErr) finds the first one.
type LoadErrors []*LoadError

// Error lists the problems one per line.
func (es LoadErrors) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

// Unwrap exposes each problem to errors.Is and errors.As.
func (es LoadErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// maxReportedErrors bounds the list: a hostile document must not make the
// error report itself huge.
const maxReportedErrors = 100

// problems collects LoadErrors for one source.
type problems struct {
	source  string
	list    LoadErrors
	dropped int
}

func (p *problems) add(line int, field, format string, args ...any) {
	if len(p.list) >= maxReportedErrors {
		p.dropped++
		return
	}
	p.list = append(p.list, &LoadError{Source: p.source, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// err returns the collected problems sorted by line (stable, so problems on
// one line keep the order they were found in), or nil.
func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	sort.SliceStable(p.list, func(i, j int) bool { return p.list[i].Line < p.list[j].Line })
	if p.dropped > 0 {
		p.list = append(p.list, &LoadError{Source: p.source, Msg: fmt.Sprintf("%d more problems not shown", p.dropped)})
	}
	return p.list
}
