// Slipway example: answers on $PORT with a greeting and the version read from ./VERSION.
// Standard library only, so it builds without any module proxy.
package main

import (
	"context"
	"fmt"
	"html"
	"log"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"
)

const name = "go-hello"

func main() {
	port := getenv("PORT", "5000")
	host := getenv("HOST", "0.0.0.0")
	// Read once at start: a new version is a new release, not a file edited under a running one.
	raw, err := os.ReadFile("VERSION")
	if err != nil {
		log.Fatalf("%s: reading VERSION: %v", name, err)
	}
	version := strings.TrimSpace(string(raw))
	page := fmt.Sprintf(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hello from %[1]s</title></head>
<body>
  <h1>Hello from %[1]s</h1>
  <p class="version">Version: %[2]s</p>
  <p>Go %[3]s, pid %[4]d</p>
</body>
</html>
`, name, html.EscapeString(version), runtime.Version(), os.Getpid())

	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.URL.Path != "/" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, "<p>Not found: %s</p>\n", html.EscapeString(r.URL.Path))
			return
		}
		fmt.Fprint(w, page)
	})
	server := &http.Server{Addr: host + ":" + port, Handler: mux, ReadHeaderTimeout: 10 * time.Second}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		sig := <-stop
		log.Printf("%s: %v, closing", name, sig)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		server.Shutdown(ctx)
	}()
	log.Printf("%s %s listening on %s:%s", name, version, host, port)
	if err := server.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatalf("%s: %v", name, err)
	}
}

func getenv(key, fallback string) string {
	if value := os.Getenv(key); value != "" {
		return value
	}
	return fallback
}
