package main

import (
	"io"
	"testing"
	"time"

	"github.com/okmock/okmock/mock"
)

func TestLimitAndStateFlags(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		want     mock.Limits
		state    string
		interval time.Duration
		wantFail bool
	}{
		{name: "defaults left to mock", want: mock.Limits{}, interval: 30 * time.Second},
		{
			name: "environment",
			env: map[string]string{
				"OKMOCK_MAX_BODY_BYTES": "2048", "OKMOCK_MAX_PARAMS": "50", "OKMOCK_READ_HEADER_TIMEOUT": "2s",
				"OKMOCK_STATE_FILE": "/tmp/s.json", "OKMOCK_STATE_INTERVAL": "5s",
			},
			want:  mock.Limits{MaxBodyBytes: 2048, MaxParams: 50, ReadHeaderTimeout: 2 * time.Second},
			state: "/tmp/s.json", interval: 5 * time.Second,
		},
		{
			name: "flags beat environment",
			env:  map[string]string{"OKMOCK_MAX_PARAMS": "50"},
			args: []string{"--max-params", "10", "--max-upload-bytes", "99", "--max-header-bytes", "4096",
				"--read-timeout", "3s", "--idle-timeout", "4s", "--state-file", "x.json", "--state-interval", "1m"},
			want:  mock.Limits{MaxParams: 10, MaxUploadBytes: 99, MaxHeaderBytes: 4096, ReadTimeout: 3 * time.Second, IdleTimeout: 4 * time.Second},
			state: "x.json", interval: time.Minute,
		},
		{name: "bad number in environment", env: map[string]string{"OKMOCK_MAX_BODY_BYTES": "lots"}, wantFail: true},
		{name: "bad duration in environment", env: map[string]string{"OKMOCK_READ_TIMEOUT": "soon"}, wantFail: true},
		{name: "bad state interval", env: map[string]string{"OKMOCK_STATE_INTERVAL": "often"}, wantFail: true},
		{name: "negative limit", args: []string{"--max-params", "-1"}, wantFail: true},
		{name: "zero state interval", args: []string{"--state-interval", "0s"}, wantFail: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseServeFlags(tt.args, func(k string) string { return tt.env[k] }, io.Discard)
			if (err != nil) != tt.wantFail {
				t.Fatalf("err = %v", err)
			}
			if err != nil {
				return
			}
			if got := cfg.limits.limits(); got != tt.want {
				t.Errorf("limits = %+v, want %+v", got, tt.want)
			}
			if cfg.state.path != tt.state || cfg.state.interval != tt.interval {
				t.Errorf("state = %q every %s", cfg.state.path, cfg.state.interval)
			}
		})
	}
}
