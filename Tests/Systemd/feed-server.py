#!/usr/bin/env python3
"""Test feeds for the real-systemd test, served on 127.0.0.1 inside the guest.

/a.xml and /b.xml are small RSS feeds. /slow.xml announces 100 kB and sends one byte a second, so a fetch of it is
a transfer in flight for as long as the test needs; each request for it is noted in the file named by --log.
Bounded: each slow response stops after 120 s, and the server exits after --lifetime seconds.
"""

import argparse
import email.utils
import http.server
import threading
import time


def rss(name: str, count: int) -> bytes:
    now = time.time()
    items = "".join(
        f"<item><title>{name} story {n}</title><link>http://127.0.0.1/{name}/{n}</link>"
        f"<guid>{name}-{n}</guid><pubDate>{email.utils.formatdate(now - n * 600)}</pubDate>"
        f"<description>The {name} feed's story number {n}, told in a few words for the digest.</description></item>"
        for n in range(1, count + 1)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {name}</title>'
        f"<link>http://127.0.0.1/{name}</link><description>test</description>{items}</channel></rss>"
    ).encode()


class Handler(http.server.BaseHTTPRequestHandler):
    log_path = ""

    def do_GET(self) -> None:
        if self.path == "/slow.xml":
            with open(self.log_path, "a") as log:
                log.write("slow request started\n")
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(120):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return
        feeds = {"/a.xml": rss("alpha", 5), "/b.xml": rss("beta", 3)}
        body = feeds.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--log", required=True)
    parser.add_argument("--lifetime", type=int, default=900)
    arguments = parser.parse_args()
    Handler.log_path = arguments.log
    server = http.server.ThreadingHTTPServer(("127.0.0.1", arguments.port), Handler)
    server.daemon_threads = True
    threading.Timer(arguments.lifetime, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
