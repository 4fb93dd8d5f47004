package mock

import (
	"encoding/json"
	"slices"
	"strconv"

	"github.com/okmock/okmock/mock/world"
)

// sdkReportPayment records a store purchase the SDK reports; a
// transaction reported again (the Android SDK retries) changes nothing.
// users.getAdditionalInfo then shows the user as a payer of the
// application.
func sdkReportPayment(c *apiCall) (any, *Error) {
	uid, err := c.sdkUser()
	if err != nil {
		return nil, err
	}
	_, werr := c.world.ReportPayment(world.Payment{
		TrxID: c.params.Value("trx_id"), AppKey: c.app.Key, UID: uid, Amount: c.params.Value("amount"),
		Currency: c.params.Value("currency"), Platform: c.params.Value("platform"), Time: c.now,
	})
	if werr != nil {
		return nil, worldError(werr)
	}
	return sdkResult[bool]{true}, nil
}

// statTypes are the kinds of statistics sdk.reportStats takes.
var statTypes = []string{"counter", "select", "interval", "status"}

// statBatch is the stats parameter of sdk.reportStats.
type statBatch struct {
	Time    int64  `json:"time"`
	Version string `json:"version"`
	Stats   []struct {
		ID   string   `json:"id"`
		Time int64    `json:"time"`
		Type string   `json:"type"`
		Data []string `json:"data"`
	} `json:"stats"`
}

// statsReport is sdk.reportStats' answer: how many statistics were taken,
// and why the others were not, by their index in the batch.
type statsReport struct {
	Processed int               `json:"processed"`
	Errors    map[string]string `json:"errors,omitempty"`
}

// sdkReportStats adds a batch of statistics to the application's
// counters: a counter adds its number (1 when its data is not one), the
// other kinds count one report each.
func sdkReportStats(c *apiCall) (any, *Error) {
	if _, err := c.sdkUser(); err != nil {
		return nil, err
	}
	var batch statBatch
	if err := json.Unmarshal([]byte(c.params.Value("stats")), &batch); err != nil {
		return nil, errParam("Invalid parameter stats: %s", err.Error())
	}
	out := statsReport{Errors: map[string]string{}}
	counts := map[string]int{}
	for i, s := range batch.Stats {
		switch {
		case s.ID == "":
			out.Errors[strconv.Itoa(i)] = "id is missing"
		case !slices.Contains(statTypes, s.Type):
			out.Errors[strconv.Itoa(i)] = "unknown type " + s.Type
		case len(s.Data) == 0:
			out.Errors[strconv.Itoa(i)] = "data is missing"
		default:
			n := 1
			if k, err := strconv.Atoi(s.Data[0]); err == nil && s.Type == "counter" && k > 0 {
				n = k
			}
			counts[s.ID] += n
			out.Processed++
		}
	}
	c.world.AddStats(c.app.Key, counts)
	if len(out.Errors) == 0 {
		out.Errors = nil
	}
	return out, nil
}
