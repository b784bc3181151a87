#!/usr/bin/env python3
"""The demo's feed server: serves Config/demo/feeds on 127.0.0.1 for `make run`.

The feeds are templates: `{{rfc822:-2h}}` and `{{rfc3339:-3d}}` become that long before the moment the server
started (units m, h, d), so the demo's stories are always fresh and its history always old. Every response carries
an ETag and Last-Modified, and a conditional request is answered 304, as a well-behaved server would.

Bounded: it listens on 127.0.0.1 only, on a free port written to --port-file, and exits after --lifetime seconds.
"""

import argparse
import email.utils
import hashlib
import http.server
import os
import re
import threading
import time

TYPES = {".rss": "application/rss+xml", ".atom": "application/atom+xml", ".json": "application/feed+json"}
PLACEHOLDER = re.compile(r"\{\{(rfc822|rfc3339):-(\d+)([mhd])\}\}")
UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400}


def render(template: str, started: float) -> str:
    def replace(match: re.Match) -> str:
        moment = started - int(match.group(2)) * UNIT_SECONDS[match.group(3)]
        if match.group(1) == "rfc822":
            return email.utils.formatdate(moment, usegmt=True)
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))

    return PLACEHOLDER.sub(replace, template)


def load(directory: str, started: float) -> dict:
    feeds = {}
    for name in sorted(os.listdir(directory)):
        kind = TYPES.get(os.path.splitext(name)[1])
        if kind is None:
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as template:
            body = render(template.read(), started).encode("utf-8")
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        feeds["/" + name] = (body, kind, etag)
    return feeds


class Handler(http.server.BaseHTTPRequestHandler):
    feeds: dict = {}
    last_modified = ""

    def do_GET(self) -> None:
        feed = self.feeds.get(self.path)
        if feed is None:
            self.send_error(404, "no such demo feed")
            return
        body, kind, etag = feed
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", kind + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.last_modified)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        with open(self.server.log_path, "a") as log:
            log.write("%s %s\n" % (time.strftime("%H:%M:%S"), format % args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", required=True, help="the folder of feed templates")
    parser.add_argument("--port-file", required=True, help="where the chosen port is written")
    parser.add_argument("--log", default="/dev/null", help="the request log")
    parser.add_argument("--lifetime", type=float, default=300, help="seconds before the server exits")
    arguments = parser.parse_args()
    started = time.time()
    Handler.feeds = load(arguments.feeds, started)
    Handler.last_modified = email.utils.formatdate(started, usegmt=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.log_path = arguments.log
    # Written whole then renamed, so the reader never sees half a number.
    with open(arguments.port_file + ".tmp", "w") as port_file:
        port_file.write(str(server.server_address[1]))
    os.replace(arguments.port_file + ".tmp", arguments.port_file)
    threading.Timer(arguments.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
