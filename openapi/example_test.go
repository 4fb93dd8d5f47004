package openapi_test

import (
	"fmt"
	"net/url"

	"github.com/okmock/okmock/openapi"
)

func ExampleMethod_Validate() {
	cat, err := openapi.Default()
	if err != nil {
		panic(err)
	}
	m, _ := cat.Lookup("users.getinfo") // OK matches names in any case
	query := url.Values{"uids": {"BlaBlaBla"}, "fields": {"uid,first_name"}}
	lookup := func(name string) (string, bool) {
		v, ok := query[name]
		if !ok {
			return "", false
		}
		return v[0], true
	}
	p := m.Validate(lookup)
	fmt.Printf("%s: %d PARAM : %s\n", m.Name, p.Code, p.Message)
	// Output: users.getInfo: 100 PARAM : Invalid UID value BlaBlaBla
}
