"""The HTTP API's defences: loopback by default, read-only without a write token, parameterised queries for
every parameter of every endpoint, bounded pages, bodies and query time, no CORS, no stack traces, and a
bounded schemathesis run that finds no server error."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import psutil
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from newsevents.api import MAX_BODY, Answers, create_app, serve
from newsevents.query import MAX_LIMIT, Database
from newsevents.store import Store, writer_intent

from . import apiserver
from .apiserver import INJECTIONS, build_db, free_socket

# More attack styles on top of apiserver.INJECTIONS: comments, casts, file access, NUL, templating,
# path traversal, numbers where strings go, and an over-long value.
MORE_INJECTIONS = ("1; SELECT 1", "' OR 1=1 --", "1) OR (1=1", "\\", "NULL", "JPN\x00", "$1", "?",
                   "'; ATTACH '/tmp/pwn.duckdb' AS pwn; --", "'; COPY events TO '/tmp/pwn.csv'; --",
                   "read_csv('/etc/passwd')", "{{7*7}}", "../../etc/passwd", "-1", "1e309", "x" * 5000)
ATTACKS = INJECTIONS + MORE_INJECTIONS
TOKEN = "s3cret-token"
DUCKDB_ERROR = re.compile(r"(Parser|Binder|Catalog|Conversion|Invalid Input|IO|Interrupt) Error")
STATS: Counter[str] = Counter()  # requests sent, for the report printed at the end of the module


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_db(tmp_path_factory.mktemp("security"))


@pytest.fixture(scope="module")
def base(db: str) -> Iterator[str]:
    yield from apiserver.serve(db)


@pytest.fixture(scope="module")
def http(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


@pytest.fixture(scope="module", autouse=True)
def report() -> Iterator[None]:
    yield
    print(f"\nAPI security: {dict(STATS)}")


def sample_values(http: httpx.Client) -> dict[str, str]:
    """A valid value for each path parameter, from the data."""
    first = http.get("/api/events", params={"limit": 1}).json()["items"][0]
    return {"event_id": first["event_id"], "doc_id": first["doc_id"], "a": "JPN", "b": "USA", "code": "FRA"}


def get_operations(http: httpx.Client) -> list[tuple[str, str, str, bool]]:
    """(path, parameter, where, takes a string) for every parameter of every GET endpoint, read from the
    served schema."""
    schema = http.get("/openapi.json").json()

    def stringy(p: dict[str, Any]) -> bool:
        kinds = [p["schema"], *p["schema"].get("anyOf", [])]
        return any(k.get("type") == "string" and "enum" not in k and "format" not in k for k in kinds)

    return [(path, p["name"], p["in"], stringy(p)) for path, ops in schema["paths"].items() if "get" in ops
            for p in ops["get"].get("parameters", [])]


# -- binding and write access ----------------------------------------------------------------------------


def test_serve_binds_loopback_by_default(db: str) -> None:
    import inspect

    from newsevents.cli import main

    serve_cmd = main.commands["serve"]
    assert {p.name: p.default for p in serve_cmd.params}["host"] == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    port = free_socket().getsockname()[1]
    p = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", db, "--port", str(port),
                          "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, listening = time.monotonic() + 60, list[Any]()
        while not listening and time.monotonic() < deadline:
            listening = [c.laddr for c in psutil.Process(p.pid).net_connections("inet")
                         if c.status == psutil.CONN_LISTEN]
            time.sleep(0.2)
        assert listening and all(a.ip == "127.0.0.1" for a in listening), listening
        r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=10)
        assert r.json()["read_only"] is True and "server" not in r.headers  # no uvicorn banner either
    finally:
        p.terminate()
        p.wait(timeout=20)


def test_serve_takes_the_write_token_from_the_environment(db: str) -> None:
    port = free_socket().getsockname()[1]
    p = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", db, "--port", str(port),
                          "--log-level", "warning"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env={**os.environ, "NEWSEVENTS_WRITE_TOKEN": TOKEN})
    try:
        base, deadline, health = f"http://127.0.0.1:{port}", time.monotonic() + 60, None
        while health is None and time.monotonic() < deadline:
            try:
                health = httpx.get(f"{base}/api/health", timeout=5).json()
            except httpx.TransportError:
                time.sleep(0.2)
        assert health is not None and health["read_only"] is False
        doc = {"text": "France and Germany signed an agreement on Monday.", "date": "2023-05-10"}
        assert httpx.post(f"{base}/api/documents", json=doc).status_code == 401
        assert httpx.post(f"{base}/api/documents", json=doc, headers={"Authorization": "Bearer x"}).status_code == 403
    finally:
        p.terminate()
        p.wait(timeout=20)


def test_read_only_without_a_token(http: httpx.Client, db: str) -> None:
    before = http.get("/api/health").json()
    assert before["read_only"] is True
    doc = {"text": "France and Germany signed an agreement on Monday.", "date": "2023-05-10"}
    r = http.post("/api/documents", json=doc, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]
    for path in {op[0] for op in get_operations(http) if "{" not in op[0]}:
        for method in ("PUT", "DELETE", "PATCH"):
            assert http.request(method, path).status_code == 405, (method, path)
    assert http.get("/api/health").json() == before


def test_writes_need_the_token(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "writable.duckdb"
    copy.write_bytes(Path(db).read_bytes())
    text = "Japan and the United States held talks in Tokyo on Friday about defence cooperation."
    with TestClient(create_app(str(copy), write_token=TOKEN)) as client:
        assert client.get("/api/health").json()["read_only"] is False
        doc = {"id": "posted-1", "text": text, "date": "2022-01-07", "title": "Talks", "source": "Test"}
        missing = client.post("/api/documents", json=doc)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        wrong = client.post("/api/documents", json=doc, headers={"Authorization": "Bearer not-it"})
        assert wrong.status_code == 403
        assert client.get("/api/documents/posted-1").status_code == 404
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = client.post("/api/documents", json=doc, headers=auth)
        assert r.status_code == 201 and r.json()["stored"] is True and r.json()["events"] > 0, r.text
        shown = client.get("/api/documents/posted-1").json()
        assert shown["title"] == "Talks" and len(shown["events"]) == r.json()["events"]
        again = client.post("/api/documents", json={**doc, "id": "posted-2"}, headers=auth)
        assert again.json() == {"id": "posted-2", "stored": False, "events": 0}  # same text: skipped
        bad = client.post("/api/documents", json={**doc, "date": "9999-12-31"}, headers=auth)
        assert bad.status_code == 422 and "Traceback" not in bad.text
        # the write path binds every value too: injection strings stored as they are, nothing else changes
        tables = client.get("/api/health").json()
        for n, attack in enumerate(ATTACKS[:8]):
            posted = {"id": f"{attack[:400]}-{n}", "text": f"{text} Report {n}.", "date": "2022-01-07",
                      "title": attack, "url": attack, "source": attack}
            assert client.post("/api/documents", json=posted, headers=auth).status_code == 201
            STATS["write-path injection posts"] += 1
            got = client.get("/api/documents/" + quote(posted["id"], safe="")).json()
            assert (got["title"], got["url"], got["source"]) == (attack, attack, attack)
        assert client.get("/api/health").json()["documents"] == tables["documents"] + 8


def test_request_body_size_is_limited(db: str) -> None:
    with TestClient(create_app(db, write_token=TOKEN)) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        huge = b'{"date": "2022-01-07", "text": "' + b"a" * (MAX_BODY + 10) + b'"}'
        r = client.post("/api/documents", content=huge, headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 413 and "bytes" in r.json()["detail"]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
            yield huge[: MAX_BODY // 2]
            yield huge[MAX_BODY // 2:]

        r = client.post("/api/documents", content=chunks(), headers={**auth, "Content-Type": "application/json"})
        assert r.status_code == 413
        long_text = {"date": "2022-01-07", "text": "a" * 1_000_001}  # fits the body limit, not the text one
        assert client.post("/api/documents", json=long_text, headers=auth).status_code == 422


# -- injection strings in every parameter ----------------------------------------------------------------


def test_injection_strings_in_every_parameter_of_every_endpoint(http: httpx.Client) -> None:
    before = http.get("/api/health").json()
    valid = sample_values(http)
    operations = get_operations(http)
    assert len(operations) > 80  # 12 GET endpoints with their filters
    for path, name, where, takes_string in operations:
        # typed parameters (numbers, dates, choices) are refused before any query: a few attacks suffice
        for attack in ATTACKS if takes_string else ATTACKS[:4] + ATTACKS[-1:]:
            url = path
            for key, value in valid.items():
                url = url.replace("{" + key + "}", quote(attack if key == name else value, safe=""))
            params = {name: attack} if where == "query" else {}
            r = http.get(url, params=params)
            STATS["injection requests"] += 1
            assert r.status_code in (200, 400, 404, 422), (path, name, attack[:40], r.status_code, r.text[:300])
            assert "Traceback" not in r.text and not DUCKDB_ERROR.search(r.text), r.text[:300]
            if r.status_code == 200 and path == "/api/events" and name in ("country", "type", "actor", "text"):
                assert r.json()["total"] == 0, (name, attack)
    STATS["injection strings"] = len(ATTACKS)
    STATS["parameters"] = len(operations)
    STATS["string parameters"] = sum(op[3] for op in operations)
    assert http.get("/api/health").json() == before


# -- limits ------------------------------------------------------------------------------------------


def test_page_size_is_limited(http: httpx.Client) -> None:
    for path, name, _, _ in get_operations(http):
        if name == "limit" and path != "/api/export":  # exports stream, so they take any limit
            url = path.replace("{a}", "JPN").replace("{b}", "USA").replace("{code}", "FRA")
            assert http.get(url, params={"limit": MAX_LIMIT + 1}).status_code == 422, path
            assert http.get(url, params={"limit": MAX_LIMIT}).status_code == 200, path


def test_a_slow_query_is_interrupted_with_a_json_503(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(self: Database, **_: Any) -> Any:
        return self.fetch("SELECT count(*) FROM range(1000000000000) t(x) WHERE x % 7 = 3")

    monkeypatch.setattr(Database, "network", slow)
    with TestClient(create_app(db, query_timeout=0.3)) as client:
        r = client.get("/api/network")
        assert r.status_code == 503 and "longer than 0.3 s" in r.json()["detail"]
        assert client.get("/api/events").status_code == 200  # the server goes on


def test_a_read_that_cannot_get_the_file_answers_503_with_retry_after(db: str, tmp_path: Path) -> None:
    copy = tmp_path / "busy.duckdb"
    copy.write_bytes(Path(db).read_bytes())
    with TestClient(create_app(str(copy))) as client:
        before = client.get("/api/events")
        assert before.status_code == 200
        client.app.state.db.wait = 0.3  # type: ignore[attr-defined]
        with writer_intent(str(copy)), Store.open(str(copy), wait=10):
            assert client.get("/api/events").json() == before.json()  # unchanged file: the cached answer
            r = client.get("/api/events", params={"type": "AGREE"})  # a new question needs the file
            assert r.status_code == 503 and r.headers["retry-after"] == "1"
            assert r.json() == {"detail": "the database is being written; try again shortly"}
        assert client.get("/api/events", params={"type": "AGREE"}).status_code == 200


# -- CORS and errors ---------------------------------------------------------------------------------


def test_no_cors(http: httpx.Client) -> None:
    evil = {"Origin": "https://evil.example"}
    r = http.get("/api/events", headers=evil)
    assert r.status_code == 200 and not any(h.startswith("access-control-") for h in r.headers)
    pre = http.options("/api/events", headers={**evil, "Access-Control-Request-Method": "GET"})
    assert pre.status_code == 405 and "access-control-allow-origin" not in pre.headers


def test_internal_errors_carry_no_stack_trace(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    def broken(*_a: Any, **_k: Any) -> Any:
        raise duckdb.CatalogException(f"Catalog Error: Table with name secret does not exist in {db}")

    monkeypatch.setattr(Database, "fetch", broken)
    with TestClient(create_app(db), raise_server_exceptions=False) as client:
        for path in ("/api/events", "/api/actors", "/api/countries", "/api/network"):
            r = client.get(path)
            assert r.status_code == 500 and r.json() == {"detail": "internal error"}, (path, r.text)
            assert "secret" not in r.text and db not in r.text
    assert "Traceback" not in TestClient(create_app(db)).get("/api/nowhere").text


# -- schemathesis --------------------------------------------------------------------------------------


EXAMPLES = 20  # per operation and generation mode: a bounded run


def test_schemathesis_finds_no_server_error(base: str) -> None:
    """Requests generated from the served OpenAPI schema, valid ones and invalid ones, to every operation
    (POST /api/documents included: without a token it must refuse cleanly): none answers 5xx."""
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) >= 13
    for op in operations:
        for mode in GenerationMode:
            @given(case=op.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck),
                      database=None)
            def run(case: Any) -> None:
                r = case.call(base_url=base, timeout=30)
                STATS["schemathesis requests"] += 1
                STATS[f"schemathesis {r.status_code // 100}xx"] += 1
                assert r.status_code < 500, (case.method, case.formatted_path, case.query, r.status_code,
                                             r.text[:300])

            try:
                run()
            except Unsatisfiable:
                STATS["schemathesis operations with no invalid request"] += 1  # nothing to break
    assert STATS["schemathesis requests"] > 200


def test_the_answer_cache_is_bounded_in_bytes() -> None:
    answers = Answers(max_bytes=1600)
    for n in range(20):
        answers.put(n, bytes(90))  # 20 answers of 90 bytes: only the last 17 fit
    assert answers.get(0) is None and answers.get(19) == bytes(90)
    assert sum(answers.get(n) is not None for n in range(20)) == 1600 // 90
    answers.put("huge", bytes(101))  # over max_bytes / 16: not kept, nothing pushed out
    assert answers.get("huge") is None and answers.get(19) is not None
