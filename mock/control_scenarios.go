package mock

import (
	"errors"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/okmock/okmock/scenarios"
)

// ScenarioList is the answer of the scenario endpoints: the active rules.
type ScenarioList struct {
	Rules []scenarios.RuleInfo `json:"rules"`
}

// readScenario loads a scenario from a control request body (YAML or JSON:
// a bare rule, a list of rules or a whole document).
func readScenario(c echo.Context) (*scenarios.Document, error) {
	body, err := io.ReadAll(io.LimitReader(c.Request().Body, maxControlBody+1))
	if err != nil {
		return nil, err
	}
	if len(body) > maxControlBody {
		return nil, errors.New("scenario is larger than 1 MiB")
	}
	doc, err := scenarios.Load(c.Request().Method+" "+c.Request().URL.Path, body)
	if err != nil {
		return nil, err
	}
	if key := c.QueryParam("application_key"); key != "" {
		doc = doc.Scoped(key)
	}
	return doc, nil
}

func (s *Server) ctlListScenarios(c echo.Context) error {
	return c.JSON(http.StatusOK, ScenarioList{nonNil(s.scenarios.List())})
}

// ctlAddScenario adds rules; ?application_key= scopes them to one
// application so parallel tests do not see each other's faults.
func (s *Server) ctlAddScenario(c echo.Context) error {
	doc, err := readScenario(c)
	if err != nil {
		return ctlFail(c, http.StatusBadRequest, err.Error())
	}
	infos, err := s.scenarios.Add(doc)
	if err != nil {
		return ctlFail(c, http.StatusBadRequest, err.Error())
	}
	return c.JSON(http.StatusOK, ScenarioList{infos})
}

// ctlReplaceScenario replaces one rule by id with the (single) rule sent.
func (s *Server) ctlReplaceScenario(c echo.Context) error {
	doc, err := readScenario(c)
	if err != nil {
		return ctlFail(c, http.StatusBadRequest, err.Error())
	}
	info, err := s.scenarios.Replace(c.Param("id"), doc)
	if err != nil {
		status := http.StatusBadRequest
		if _, ok := s.scenarios.Rule(c.Param("id")); !ok {
			status = http.StatusNotFound
		}
		return ctlFail(c, status, err.Error())
	}
	return c.JSON(http.StatusOK, ScenarioList{[]scenarios.RuleInfo{info}})
}

func (s *Server) ctlRemoveScenario(c echo.Context) error {
	if !s.scenarios.Remove(c.Param("id")) {
		return ctlFail(c, http.StatusNotFound, "no rule "+c.Param("id"))
	}
	return c.NoContent(http.StatusNoContent)
}

func (s *Server) ctlClearScenarios(c echo.Context) error {
	s.scenarios.Clear()
	return c.NoContent(http.StatusNoContent)
}

// LibraryEntry describes one ready-made scenario.
type LibraryEntry struct {
	Name        string `json:"name"`
	Description string `json:"description"`
	Rules       int    `json:"rules"`
}

func (s *Server) ctlScenarioLibrary(c echo.Context) error {
	out := []LibraryEntry{}
	for _, d := range scenarios.Library() {
		out = append(out, LibraryEntry{d.Name, d.Description, len(d.Rules)})
	}
	return c.JSON(http.StatusOK, out)
}

// ctlUseLibraryScenario activates a named library scenario, scoped to
// ?application_key= when given.
func (s *Server) ctlUseLibraryScenario(c echo.Context) error {
	doc, ok := scenarios.Named(c.Param("name"))
	if !ok {
		return ctlFail(c, http.StatusNotFound, "no library scenario "+c.Param("name"))
	}
	if key := c.QueryParam("application_key"); key != "" {
		doc = doc.Scoped(key)
	}
	infos, err := s.scenarios.Add(doc)
	if err != nil {
		return ctlFail(c, http.StatusBadRequest, err.Error())
	}
	return c.JSON(http.StatusOK, ScenarioList{infos})
}
