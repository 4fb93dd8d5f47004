package main

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/okmock/okmock/mock"
)

// limitSettings are the flags bounding what a request may carry and how
// long a client may take to send it. Zero keeps mock's default.
type limitSettings struct {
	maxBody, maxUpload     int64
	maxParams, maxHeader   int
	readHeader, read, idle time.Duration
	envErrs                []error
}

func (l *limitSettings) register(fs *flag.FlagSet, getenv func(string) string) {
	num := func(key string) int64 {
		v := getenv(key)
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			l.envErrs = append(l.envErrs, fmt.Errorf("%s %q is not a non-negative whole number", key, v))
		}
		return n
	}
	dur := func(key string) time.Duration {
		v := getenv(key)
		if v == "" {
			return 0
		}
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			l.envErrs = append(l.envErrs, fmt.Errorf("%s %q is not a duration", key, v))
		}
		return d
	}
	fs.Int64Var(&l.maxBody, "max-body-bytes", num("OKMOCK_MAX_BODY_BYTES"), "largest form body of a REST call; larger ones get OK's error (OKMOCK_MAX_BODY_BYTES, default 1 MiB)")
	fs.Int64Var(&l.maxUpload, "max-upload-bytes", num("OKMOCK_MAX_UPLOAD_BYTES"), "largest multipart upload (OKMOCK_MAX_UPLOAD_BYTES, default 16 MiB)")
	fs.IntVar(&l.maxParams, "max-params", int(num("OKMOCK_MAX_PARAMS")), "most parameters a call may carry (OKMOCK_MAX_PARAMS, default 1000)")
	fs.IntVar(&l.maxHeader, "max-header-bytes", int(num("OKMOCK_MAX_HEADER_BYTES")), "largest request line and headers; larger ones get HTTP 431 (OKMOCK_MAX_HEADER_BYTES, default 1 MiB)")
	fs.DurationVar(&l.readHeader, "read-header-timeout", dur("OKMOCK_READ_HEADER_TIMEOUT"), "time a client has to send its headers (OKMOCK_READ_HEADER_TIMEOUT, default 10s)")
	fs.DurationVar(&l.read, "read-timeout", dur("OKMOCK_READ_TIMEOUT"), "time a client has to send a whole request (OKMOCK_READ_TIMEOUT, default 1m)")
	fs.DurationVar(&l.idle, "idle-timeout", dur("OKMOCK_IDLE_TIMEOUT"), "idle keep-alive connections are closed after this (OKMOCK_IDLE_TIMEOUT, default 2m)")
}

func (l *limitSettings) check() error {
	if err := errors.Join(l.envErrs...); err != nil {
		return err
	}
	if l.maxBody < 0 || l.maxUpload < 0 || l.maxParams < 0 || l.maxHeader < 0 || l.readHeader < 0 || l.read < 0 || l.idle < 0 {
		return errors.New("limits and timeouts must not be negative")
	}
	return nil
}

// limits are the mock.Limits the flags describe.
func (l *limitSettings) limits() mock.Limits {
	return mock.Limits{
		MaxBodyBytes: l.maxBody, MaxUploadBytes: l.maxUpload, MaxParams: l.maxParams,
		MaxHeaderBytes: l.maxHeader, ReadHeaderTimeout: l.readHeader, ReadTimeout: l.read, IdleTimeout: l.idle,
	}
}
