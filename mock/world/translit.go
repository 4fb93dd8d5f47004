package world

import (
	"strings"
	"unicode"
)

// latin spells Russian letters the way people spell their names in email
// addresses (close to the passport transliteration; ё is e, signs vanish).
var latin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
}

// translit writes Cyrillic text in lower-case Latin letters. Latin letters
// and digits stay; anything else becomes sep (runs collapse, no sep at the
// ends).
func translit(s string, sep string) string {
	var b strings.Builder
	pendingSep := false
	for _, r := range strings.ToLower(s) {
		out, ok := latin[r]
		switch {
		case ok:
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			out = string(r)
		default:
			pendingSep = b.Len() > 0
			continue
		}
		if out == "" {
			continue
		}
		if pendingSep {
			b.WriteString(sep)
			pendingSep = false
		}
		b.WriteString(out)
	}
	return b.String()
}
