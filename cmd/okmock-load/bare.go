package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// The load tool runs itself as the bare baseline server: the same binary
// with these variables set serves bareBody and nothing else.
const (
	roleEnv  = "OKMOCK_LOAD_ROLE"
	addrEnv  = "OKMOCK_LOAD_ADDR"
	roleBare = "bare"
)

// bareBody is a fixed ~300-byte user object, the size of okmock's
// users.getCurrentUser answer.
var bareBody = []byte(`{"uid":"575000000001","birthday":"1987-05-02","age":39,"first_name":"Иван","last_name":"Петров","name":"Иван Петров","locale":"ru","gender":"male","has_email":true,"location":{"city":"Москва","country":"RUSSIAN_FEDERATION","countryCode":"RU"},"online":"web","pic_1":"https://i.mycdn.me/i?r=AAAA","pic_2":"https://i.mycdn.me/i?r=BBBB"}`)

// bareHandler is the baseline: what any Go HTTP server costs before it
// does anything.
func bareHandler(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json;charset=utf-8")
	_, _ = w.Write(bareBody)
}

// serveBare runs the baseline with okmock's server timeouts until SIGTERM.
func serveBare(addr string, stderr io.Writer) int {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(stderr, "bare:", err)
		return 1
	}
	hs := &http.Server{Handler: http.HandlerFunc(bareHandler), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && err != http.ErrServerClosed {
		fmt.Fprintln(stderr, "bare:", err)
		return 1
	}
	return 0
}
