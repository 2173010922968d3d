"""A real database file built from tests/fixtures/api by the CLI, and the HTTP API served over it by
uvicorn on 127.0.0.1 (a free port) in a thread, for test_api.py and test_exports.py."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import uvicorn

from newsevents.api import create_app

from .conftest import FIXTURES, cli

API_ARTICLES = FIXTURES / "api" / "articles.jsonl"

# One string per attack style: quotes, comments, stacked statements, LIKE wildcards, unicode.
INJECTIONS = ("x' OR '1'='1", "JPN'); DROP TABLE events; --", "%", "_", "' UNION SELECT record FROM events --",
              "\" OR \"\"=\"", "😀'--")


def build_db(folder: Path) -> str:
    db = str(folder / "api.duckdb")
    cli(["ingest", str(API_ARTICLES), "--db", db, "--quiet"])
    return db


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def serve(db: str) -> Iterator[str]:
    """Yield the base URL of the API over db while it runs; stop it afterwards."""
    sock = free_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
