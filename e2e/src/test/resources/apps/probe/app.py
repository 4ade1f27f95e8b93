"""A hostile app for the isolation tests: it tries, on request, what an app must not be able to do.

GET /whoami            its uid, gid and groups
GET /read?path=P       reads P:    {"result": "read" | "denied" | "missing" | "error: ..."}
GET /list?path=P       lists P
GET /write?path=P      appends to P
GET /environs          every other process's environment it can read: [{"pid": ..., "uid": ...}]
"""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def attempt(action):
    try:
        action()
        return "ok"
    except PermissionError:
        return "denied"
    except FileNotFoundError:
        return "missing"
    except OSError as e:
        return "error: " + e.strerror


def read(path):
    with open(path, "rb") as f:
        f.read(1)


def write(path):
    with open(path, "a") as f:
        f.write("written by the probe\n")


def environs():
    found = []
    me = os.getuid()
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            uid = os.stat("/proc/" + pid).st_uid
            with open("/proc/" + pid + "/environ", "rb") as f:
                data = f.read()
            if uid != me and data:
                found.append({"pid": int(pid), "uid": uid})
        except OSError:
            pass
    return found


class Probe(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        path = parse_qs(url.query).get("path", [""])[0]
        if url.path == "/whoami":
            answer = {"uid": os.getuid(), "gid": os.getgid(), "groups": os.getgroups(), "home": os.environ.get("HOME")}
        elif url.path == "/read":
            answer = {"result": attempt(lambda: read(path))}
        elif url.path == "/list":
            answer = {"result": attempt(lambda: os.listdir(path))}
        elif url.path == "/write":
            answer = {"result": attempt(lambda: write(path))}
        elif url.path == "/environs":
            answer = environs()
        else:
            answer = {"probe": "ready"}
        body = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Probe).serve_forever()
