package scenarios

import (
	"sync"
	"sync/atomic"
	"testing"
)

func TestCountsStayExactUnderParallelEvaluate(t *testing.T) {
	e := engineWith(t, 1, `
rules:
  - name: hundred
    match: {method: a.b}
    times: 100
    respond: {delay_ms: 1}
  - name: the-777th
    match: {method: a.b}
    when: {nth: 777}
    respond: {expire_token: true}
  - name: every-tenth
    match: {method: a.b}
    when: {every: 10}
    respond: {revoke_token: true}
  - name: limited
    match: {method: a.b}
    respond: {rate_limit: {limit: 50, window_ms: 60000}}
`)
	const workers, calls = 8, 1000
	var expired, revoked, delayed, flooded atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range calls {
				o := e.Evaluate(apiCall("a.b"))
				if o == nil {
					continue
				}
				if o.ExpireToken {
					expired.Add(1)
				}
				if o.RevokeToken {
					revoked.Add(1)
				}
				if o.Delay > 0 {
					delayed.Add(1)
				}
				if o.Error != nil {
					flooded.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	total := int64(workers * calls)
	if delayed.Load() != 100 || expired.Load() != 1 || revoked.Load() != total/10 || flooded.Load() != total-50 {
		t.Errorf("outcomes: delayed %d (want 100), expired %d (want 1), revoked %d (want %d), flooded %d (want %d)",
			delayed.Load(), expired.Load(), revoked.Load(), total/10, flooded.Load(), total-50)
	}
	for _, info := range e.List() {
		if info.Matched != total {
			t.Errorf("%s matched %d calls, want %d", info.Label, info.Matched, total)
		}
	}
	if f := e.List()[0].Fired; f != 100 {
		t.Errorf("times: 100 fired %d times", f)
	}
}

func TestRulesCanChangeWhileRequestsAreEvaluated(t *testing.T) {
	e := NewEngine(1)
	doc, err := Load("x.yaml", []byte("match: {method: a.b}\nrespond: {error_code: 1}"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
					e.Evaluate(apiCall("a.b"))
				}
			}
		}()
	}
	for i := range 200 {
		infos, err := e.Add(doc)
		if err != nil {
			t.Fatal(err)
		}
		_ = e.List()
		if i%2 == 0 {
			e.Remove(infos[0].ID)
		} else if _, err := e.Replace(infos[0].ID, doc); err != nil {
			t.Fatal(err)
		}
		if i%50 == 0 {
			e.Clear()
		}
	}
	close(stop)
	wg.Wait()
}
