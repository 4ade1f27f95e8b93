"""Slipway example (a Hop3 app, configured by hop3.toml alone): answers on $PORT with a greeting and the version read from ./VERSION.

Standard library only (http.server), so it runs without any package index.
"""
import html
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NAME = "hop3-hello"
PORT = int(os.environ.get("PORT", "5000"))
HOST = os.environ.get("HOST", "0.0.0.0")
# Read once at start: a new version is a new release, not a file edited under a running one.
VERSION = (Path(__file__).resolve().parent / "VERSION").read_text(encoding="utf-8").strip()

PAGE = f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hello from {NAME}</title></head>
<body>
  <h1>Hello from {NAME}</h1>
  <p class="version">Version: {html.escape(VERSION)}</p>
  <p>Python {html.escape(sys.version.split()[0])}, pid {os.getpid()}</p>
</body>
</html>
""".encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            self.reply(200, "text/plain", b"ok\n")
        elif path == "/":
            self.reply(200, "text/html; charset=utf-8", PAGE)
        else:
            body = f"<p>Not found: {html.escape(path)}</p>\n".encode("utf-8")
            self.reply(404, "text/html; charset=utf-8", body)

    def reply(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        sys.stdout.write(f"{self.address_string()} {fmt % args}\n")
        sys.stdout.flush()


def main():
    server = ThreadingHTTPServer((HOST, PORT), Handler)
    server.daemon_threads = True

    def stop(signum, _frame):
        print(f"{NAME}: signal {signum}, closing", flush=True)
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"{NAME} {VERSION} listening on {HOST}:{PORT}", flush=True)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
