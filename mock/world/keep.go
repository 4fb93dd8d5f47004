package world

import (
	"reflect"
	"strings"
)

// keep copies a string the world is about to store. The server hands the
// world parameters that are slices of the whole request body (parsing
// copies nothing), so storing one as it is would keep every byte of that
// request alive for as long as the object lives: writes would cost memory
// in proportion to what clients sent, not to what was written.
func keep(s string) string { return strings.Clone(s) }

// keepAll is keep for a whole object: every string in *v, in its
// exported fields, slices, arrays and maps however deep, is replaced by a
// copy, and byte slices (json.RawMessage) too. It is for the writes of
// whole objects (an album, a product, a mailing); the hot write
// (PostTopic) copies its few fields by hand instead.
func keepAll[T any](v *T) {
	keepValue(reflect.ValueOf(v).Elem())
}

func keepValue(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if v.CanSet() && v.Len() > 0 {
			v.SetString(strings.Clone(v.String()))
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				keepValue(v.Field(i))
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			keepValue(v.Index(i))
		}
	case reflect.Slice:
		if v.IsNil() || !v.CanSet() {
			return
		}
		// A fresh backing array: the old one may be the caller's.
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(c, v)
		if v.Type().Elem().Kind() != reflect.Uint8 {
			for i := range c.Len() {
				keepValue(c.Index(i))
			}
		}
		v.Set(c)
	case reflect.Map:
		if v.IsNil() || !v.CanSet() {
			return
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			k := reflect.New(v.Type().Key()).Elem()
			k.Set(it.Key())
			keepValue(k)
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(it.Value())
			keepValue(e)
			c.SetMapIndex(k, e)
		}
		v.Set(c)
	case reflect.Pointer:
		if !v.IsNil() && v.CanSet() {
			p := reflect.New(v.Type().Elem())
			p.Elem().Set(v.Elem())
			keepValue(p.Elem())
			v.Set(p)
		}
	}
}
