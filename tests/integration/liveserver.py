"""A news site on 127.0.0.1 for the feed and watch tests: serves tests/fixtures/live with ETag and
Last-Modified (answering conditional GETs with 304), plus a feed that fails (500) and one that hangs,
and logs every request (path and status) so tests can count what a poll asked for."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LIVE = Path(__file__).resolve().parents[1] / "fixtures" / "live"
LAST_MODIFIED = "Mon, 01 Jul 2024 00:00:00 GMT"
ROBOTS = "User-agent: *\nDisallow: /private/\n"


class Site:
    """What the server answers; tests change `changing` (1 or 2) and `hang` (seconds) while it runs."""

    def __init__(self) -> None:
        self.base = ""
        self.changing = 1
        self.hang = 2.0
        self.edits: dict[str, str] = {}  # text replacements in every served body (to change an entry)
        self.log: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def body(self, path: str) -> tuple[bytes, str] | None:
        if path == "/robots.txt":
            return ROBOTS.encode(), "text/plain"
        if path == "/feeds/changing.xml":
            path = f"/feeds/changing_{self.changing}.xml"
        if path == "/feeds/blocked.xml":
            return _feed_linking("/private/secret.html", self.base), "application/atom+xml"
        name = path.lstrip("/")
        if name.startswith(("feeds/", "pages/")) and ".." not in name and (LIVE / name).is_file():
            text = (LIVE / name).read_text(encoding="utf-8").replace("{{BASE}}", self.base)
            for old, new in self.edits.items():
                text = text.replace(old, new)
            return text.encode("utf-8"), "application/rss+xml" if name.endswith(".xml") else "text/html"
        return None

    def requests(self, since: int = 0) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.log[since:])


def _feed_linking(path: str, base: str) -> bytes:
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blocked</title>'
            f'<id>urn:blocked</id><updated>2024-07-01T00:00:00Z</updated><entry><title>Secret</title>'
            f'<id>urn:secret</id><link href="{base}{path}"/><updated>2024-07-01T00:00:00Z</updated>'
            f'<summary>short</summary></entry></feed>').encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            path = self.path.split("?")[0]
            if path == "/feeds/broken.xml":
                return self._send(500, b"server error", "text/plain")
            if path == "/feeds/hanging.xml":
                time.sleep(site.hang)
                return self._send(200, b"<rss version='2.0'><channel><title>late</title></channel></rss>",
                                  "application/rss+xml")
            found = site.body(path)
            if found is None:
                return self._send(404, b"not found", "text/plain")
            body, kind = found
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            inm, ims = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if inm == etag if inm is not None else ims == LAST_MODIFIED:  # If-None-Match wins (RFC 9110)
                return self._send(304, b"", kind, etag)
            self._send(200, body, kind, etag)

        def _send(self, status: int, body: bytes, kind: str, etag: str | None = None) -> None:
            with site.lock:
                site.log.append((self.path, status))
            try:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                if etag:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", LAST_MODIFIED)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)
            except OSError:  # the client gave up (a timeout test): nothing to answer
                pass

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet server
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a hanging handler's client is gone by the time it answers


@contextmanager
def serve() -> Iterator[Site]:
    """Run the site on a free port of 127.0.0.1 while the block runs."""
    site = Site()
    server = _Server(("127.0.0.1", 0), _handler(site))
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
