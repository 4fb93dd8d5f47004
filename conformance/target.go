package conformance

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/okmock/okmock/mock"
	"github.com/okmock/okmock/mock/control"
)

// Target is the okmock the suite runs against.
type Target struct {
	// Control reaches okmock's control API.
	Control *control.Client
	// DriverURL is okmock's base URL as the driver reaches it (another
	// container may know it under another name), without a trailing slash.
	DriverURL string
	// Base is okmock's base URL as the suite reaches it.
	Base string
	// HTTP is the client the suite itself uses on OAuth pages; it does
	// not follow redirects.
	HTTP *http.Client

	stop func(hard bool)
}

// Close stops an embedded okmock, letting requests in flight finish; a
// remote one is left running.
func (t *Target) Close() {
	if t.stop != nil {
		t.stop(false)
	}
}

// abort stops an embedded okmock at once, requests in flight included:
// an interrupted run cannot wait for a driver's slow call.
func (t *Target) abort() {
	if t.stop != nil {
		t.stop(true)
	}
}

// embeddedJournal is the journal size of the embedded okmock: the suite
// reads each spec's entries, so a ring of a few thousand is plenty.
const embeddedJournal = 5000

// StartEmbedded serves a fresh okmock on listen ("127.0.0.1:0" for any
// free port). advertise, when not empty, is the URL drivers are given
// instead of the listening address.
func StartEmbedded(listen, advertise string) (*Target, error) {
	srv, err := mock.New(mock.Options{Seed: 1, JournalSize: embeddedJournal})
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, fmt.Errorf("conformance: embedded okmock: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = hs.Serve(ln) }()
	local := "http://" + ln.Addr().String()
	if strings.HasPrefix(listen, ":") || strings.HasPrefix(listen, "0.0.0.0:") || strings.HasPrefix(listen, "[::]:") {
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		local = "http://127.0.0.1:" + port
	}
	t := newTarget(local, advertise)
	t.stop = func(hard bool) {
		if hard {
			_ = hs.Close()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
	}
	return t, nil
}

// Remote is a running okmock at baseURL (advertise as for StartEmbedded).
// It must answer its health check.
func Remote(ctx context.Context, baseURL, advertise string) (*Target, error) {
	t := newTarget(baseURL, advertise)
	h, err := t.Control.Health(ctx)
	if err != nil {
		return nil, fmt.Errorf("conformance: target %s: %w", baseURL, err)
	}
	if h.Status != "ok" {
		return nil, errors.New("conformance: target " + baseURL + " is not healthy: " + h.Status)
	}
	return t, nil
}

func newTarget(base, advertise string) *Target {
	base = strings.TrimRight(base, "/")
	if advertise == "" {
		advertise = base
	}
	noRedirect := &http.Client{
		Timeout: 10 * time.Second,
		// The suite reads the Location of OAuth redirects itself: the
		// redirect URIs point at the client, not at okmock.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &Target{
		Control:   control.New(base, control.WithHTTPClient(&http.Client{Timeout: 30 * time.Second})),
		DriverURL: strings.TrimRight(advertise, "/"),
		Base:      base,
		HTTP:      noRedirect,
	}
}
