package main

import (
	"io"
	"testing"
)

func TestServeFlagsFromEnvironment(t *testing.T) {
	env := map[string]string{"OKMOCK_ADDR": ":9999", "OKMOCK_SEED": "42", "OKMOCK_PUBLIC_URL": "https://api.ok.ru"}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		name     string
		args     []string
		addr     string
		seed     int64
		wantFail bool
	}{
		{"environment only", nil, ":9999", 42, false},
		{"flags beat environment", []string{"--addr", ":1", "--seed", "3"}, ":1", 3, false},
		{"bad seed", []string{"--seed", "x"}, "", 0, true},
		{"stray argument", []string{"extra"}, "", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := parseServeFlags(tt.args, getenv, io.Discard)
			if (err != nil) != tt.wantFail {
				t.Fatalf("err = %v", err)
			}
			if err == nil && (cfg.addr != tt.addr || cfg.seed != tt.seed || cfg.publicURL != "https://api.ok.ru") {
				t.Errorf("cfg = %+v", cfg)
			}
		})
	}
}
