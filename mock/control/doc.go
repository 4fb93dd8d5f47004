// Package control is a Go client of okmock's control API, the JSON endpoints
// under /__okmock/ with which a test arranges okmock and reads what it saw:
//
//	c := control.New("http://127.0.0.1:8080")
//	app, _ := c.PutApp(ctx, control.App{ID: 7001, Key: "MYAPP", Secret: "s3cr3t", AutoApprove: true})
//	grant, _ := c.CreateSession(ctx, control.SessionSpec{ApplicationKey: app.Key, Scopes: []string{"VALUABLE_ACCESS"}})
//	_, _ = c.AddRule(ctx, app.Key, map[string]any{
//		"match": map[string]any{"method": "users.getCurrentUser"}, "times": 1,
//		"respond": map[string]any{"error_code": 102},
//	})
//	// ... the code under test calls okmock with grant.AccessToken ...
//	n, _ := c.CountRequests(ctx, control.Filter{ApplicationKey: app.Key, ErrorCode: 102})
//
// The types are okmock's own (aliases of package mock's and package
// scenarios'), so the client and the server cannot drift apart. Every
// method takes a context; a refusal by okmock comes back as an *Error with
// the HTTP status and okmock's message.
//
// Scope what a test changes to its own application (an application per
// test, rules scoped with an application key) and several tests can share
// one okmock; Reset and ClearScenarios affect everyone.
package control
