package control

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"github.com/okmock/okmock/mock"
)

// LoadScenario activates a scenario given as YAML or JSON: a single rule, a
// list of rules or a whole document, exactly as the scenarios package
// reads files. A non-empty applicationKey scopes every rule to that
// application, so tests sharing okmock do not see each other's faults. It
// answers the rules as activated (their ids are what RemoveRule takes).
func (c *Client) LoadScenario(ctx context.Context, applicationKey string, yamlOrJSON []byte) ([]RuleInfo, error) {
	r := request{method: http.MethodPost, path: "/scenarios", body: yamlOrJSON, contentType: "application/yaml"}
	r.query = scope(applicationKey)
	var out mock.ScenarioList
	return out.Rules, c.do(ctx, r, &out)
}

// AddRule activates one rule (or a list, or a document) given as a Go
// value that encodes to the scenario format, such as
//
//	map[string]any{"match": map[string]any{"method": "users.getCurrentUser"},
//		"times": 1, "respond": map[string]any{"error_code": 102}}
//
// scoped to applicationKey when it is not empty.
func (c *Client) AddRule(ctx context.Context, applicationKey string, rule any) ([]RuleInfo, error) {
	b, err := json.Marshal(rule)
	if err != nil {
		return nil, fmt.Errorf("okmock control: encode rule: %w", err)
	}
	return c.LoadScenario(ctx, applicationKey, b)
}

// UseLibraryScenario activates a ready-made scenario of okmock's library
// by name, scoped to applicationKey when it is not empty (library
// scenarios otherwise match every application).
func (c *Client) UseLibraryScenario(ctx context.Context, applicationKey, name string) ([]RuleInfo, error) {
	r := request{method: http.MethodPost, path: "/scenarios/library/" + url.PathEscape(name), query: scope(applicationKey)}
	var out mock.ScenarioList
	return out.Rules, c.do(ctx, r, &out)
}

// Library lists the ready-made scenarios.
func (c *Client) Library(ctx context.Context) ([]LibraryEntry, error) {
	var out []LibraryEntry
	return out, c.send(ctx, http.MethodGet, "/scenarios/library", nil, &out)
}

// Rules lists the active rules with their counters (matched, fired).
func (c *Client) Rules(ctx context.Context) ([]RuleInfo, error) {
	var out mock.ScenarioList
	return out.Rules, c.send(ctx, http.MethodGet, "/scenarios", nil, &out)
}

// ReplaceRule replaces the rule with this id by rule (one rule, encoded as
// AddRule does), scoped to applicationKey when it is not empty; the id
// stays and the counters start again.
func (c *Client) ReplaceRule(ctx context.Context, id, applicationKey string, rule any) (RuleInfo, error) {
	b, err := json.Marshal(rule)
	if err != nil {
		return RuleInfo{}, fmt.Errorf("okmock control: encode rule: %w", err)
	}
	r := request{method: http.MethodPut, path: "/scenarios/" + url.PathEscape(id), body: b,
		contentType: "application/json", query: scope(applicationKey)}
	var out mock.ScenarioList
	if err := c.do(ctx, r, &out); err != nil {
		return RuleInfo{}, err
	}
	if len(out.Rules) != 1 {
		return RuleInfo{}, fmt.Errorf("okmock control: replace %s: okmock answered %d rules", id, len(out.Rules))
	}
	return out.Rules[0], nil
}

// RemoveRule removes one rule by id.
func (c *Client) RemoveRule(ctx context.Context, id string) error {
	return c.send(ctx, http.MethodDelete, "/scenarios/"+url.PathEscape(id), nil, nil)
}

// RemoveRules removes the rules activated together (what LoadScenario,
// AddRule or UseLibraryScenario answered), stopping at the first failure.
func (c *Client) RemoveRules(ctx context.Context, rules []RuleInfo) error {
	for _, r := range rules {
		if err := c.RemoveRule(ctx, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// ClearScenarios removes every rule, everyone's.
func (c *Client) ClearScenarios(ctx context.Context) error {
	return c.send(ctx, http.MethodDelete, "/scenarios", nil, nil)
}

func scope(applicationKey string) url.Values {
	if applicationKey == "" {
		return nil
	}
	return url.Values{"application_key": {applicationKey}}
}
