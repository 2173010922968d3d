"""Reading while writing: `newsevents serve` answers while `newsevents ingest` writes the same DuckDB file,
in either start order, and only ever shows whole documents (query.Database and store.SharedStore)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from newsevents.query import Database, DatabaseBusy, QueryTimeout
from newsevents.store import SharedStore, Store, writer_intent, writer_waiting

from .apiserver import API_ARTICLES, build_db, free_socket

VARIANTS = 4  # copies of each fixture article with a changed text: 24 new documents
BATCH = 2  # documents per write: 12 writes, so reads fall between them


@pytest.fixture(scope="module")
def base_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_db(tmp_path_factory.mktemp("concurrency"))


@pytest.fixture
def db(base_db: str, tmp_path: Path) -> str:
    copy = tmp_path / "shared.duckdb"
    shutil.copy(base_db, copy)
    return str(copy)


@pytest.fixture(scope="module")
def more(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """New documents for the ingest: each fixture article again, its text changed, under a new id."""
    out = tmp_path_factory.mktemp("more") / "more.jsonl"
    records = [json.loads(line) for line in API_ARTICLES.read_text().splitlines() if line.strip()]
    with out.open("w") as fh:
        for k in range(VARIANTS):
            for rec in records:
                # enough new text that ingest does not take it for a syndicated copy of the original
                filler = " ".join(f"The weather in district {k}-{i} was mild and dry {i + k} days running."
                                  for i in range(3 * len(rec["text"].split()) // 10))
                fh.write(json.dumps({**rec, "id": f"{rec['id']}-v{k}",
                                     "text": f"{rec['text']} Officials met again on day {k + 2}. {filler}"}) + "\n")
    return out


def ingest(db: str, inputs: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsevents", "ingest", str(inputs), "--db", db, "--quiet",
                             "--batch-size", str(BATCH)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.fixture
def server(db: str) -> Iterator[Callable[..., str]]:
    """Start `newsevents serve` on db later (call the yielded starter); stop it afterwards."""
    procs: list[subprocess.Popen[str]] = []

    def start(workers: int = 1) -> str:
        sock = free_socket()
        port = sock.getsockname()[1]
        sock.close()
        procs.append(subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", db, "--port",
                                       str(port), "--log-level", "warning", "--workers", str(workers)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True))
        return f"http://127.0.0.1:{port}"

    yield start
    for p in procs:
        p.terminate()
        p.wait(timeout=20)


def wait_up(base: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/api/health", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{base} did not answer")


class Reader:
    """Reads the API in a loop from a thread until stopped: health counts and every new document."""

    def __init__(self, base: str, doc_ids: list[str]) -> None:
        self.base, self.doc_ids = base, doc_ids
        self.statuses: dict[int, int] = {}
        self.counts: list[tuple[int, int]] = []
        self.totals: list[int] = []  # of a repeated query, which the server caches
        self.documents: dict[str, list[list[str]]] = {}  # doc id -> the event ids seen, once per read
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Reader:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _get(self, http: httpx.Client, path: str) -> httpx.Response:
        r = http.get(path)
        self.statuses[r.status_code] = self.statuses.get(r.status_code, 0) + 1
        if r.status_code not in (200, 404):
            self.failures.append(f"{path}: {r.status_code} {r.headers.get('retry-after')} {r.text[:200]}")
        return r

    def _run(self) -> None:
        # a new connection for each request, so that with several server processes each answers some
        with httpx.Client(base_url=self.base, timeout=30, limits=httpx.Limits(max_keepalive_connections=0)) as http:
            n = 0
            while not self._stop.is_set():
                h = self._get(http, "/api/health")
                if h.status_code == 200:
                    self.counts.append((h.json()["documents"], h.json()["events"]))
                doc_id = self.doc_ids[n % len(self.doc_ids)]
                d = self._get(http, f"/api/documents/{doc_id}")
                if d.status_code == 200:
                    self.documents.setdefault(doc_id, []).append(sorted(e["event_id"] for e in d.json()["events"]))
                e = self._get(http, "/api/events?limit=5&country=FRA")
                if e.status_code == 200:
                    self.totals.append(e.json()["total"])
                n += 1

    @property
    def reads(self) -> int:
        return sum(self.statuses.values())


def final_events(db: str) -> dict[str, list[str]]:
    with Database.open(db) as local:
        rows = local.fetch("SELECT d.id, list(e.event_id ORDER BY e.event_id) FILTER (WHERE e.event_id IS NOT NULL)"
                           " FROM documents d LEFT JOIN events e ON e.doc_id = d.id GROUP BY d.id")
    return {r[0]: list(r[1] or []) for r in rows}


def check(reader: Reader, db: str, start: tuple[int, int], doc_ids: list[str]) -> None:
    final = final_events(db)
    assert set(doc_ids) <= set(final)
    assert not reader.failures, reader.failures[:5]
    assert reader.reads > 50 and set(reader.statuses) <= {200, 404}, reader.statuses
    docs = [c[0] for c in reader.counts]
    events = [c[1] for c in reader.counts]
    assert docs == sorted(docs) and events == sorted(events), "a count went down"
    assert docs[0] >= start[0] and docs[-1] == len(final)
    assert reader.totals == sorted(reader.totals) and len(set(reader.totals)) > 1, "a cached answer went stale"
    with Database.open(db) as local:
        assert reader.totals[-1] == local.count(country="FRA")
    assert any(start[0] < d < len(final) for d in docs), "no read fell while the ingest was writing"
    for doc_id, seen in reader.documents.items():
        assert all(ids == final[doc_id] for ids in seen), f"{doc_id} was seen without all its events"
    print(f"reads {reader.reads} {reader.statuses}, health counts seen {len(set(reader.counts))},"
          f" document reads {sum(map(len, reader.documents.values()))}")


def test_serve_keeps_answering_while_ingest_writes(db: str, more: Path, server: Callable[..., str]) -> None:
    base = server()
    wait_up(base)
    start = (httpx.get(f"{base}/api/health").json()["documents"], 0)
    doc_ids = [json.loads(line)["id"] for line in more.read_text().splitlines()]
    with Reader(base, doc_ids) as reader:
        writer = ingest(db, more)
        _, err = writer.communicate(timeout=600)
        assert writer.returncode == 0, err[-2000:]
        time.sleep(0.5)  # a few reads after the last batch
    check(reader, db, start, doc_ids)
    assert len(reader.documents) == len(doc_ids)  # every new document shown after the ingest


def test_serve_started_while_ingest_is_writing(db: str, more: Path, server: Callable[..., str]) -> None:
    """Also with two server processes: each lets go of the file and reopens it, and neither answers from
    its cache what the file no longer holds."""
    start = (6, 0)
    doc_ids = [json.loads(line)["id"] for line in more.read_text().splitlines()]
    writer = ingest(db, more)
    try:
        time.sleep(0.5)  # the ingest has the file (it creates the writer lock first)
        assert writer.poll() is None
        base = server(workers=2)
        wait_up(base)
        with Reader(base, doc_ids) as reader:
            _, err = writer.communicate(timeout=600)
            assert writer.returncode == 0, err[-2000:]
            time.sleep(0.5)
    finally:
        if writer.poll() is None:
            writer.kill()
    check(reader, db, start, doc_ids)


# -- the protocol in one process ---------------------------------------------------------------------


def test_a_reader_lets_go_when_a_writer_announces_itself_and_sees_only_committed_batches(db: str) -> None:
    with Database.open(db) as reader:
        before = reader.counts()["documents"]
        gen = reader.generation
        assert not writer_waiting(db)
        with writer_intent(db):
            assert writer_waiting(db)
            with Store.open(db, wait=10) as store:  # succeeds once the reader's watcher has let go
                store._fetch("CREATE TABLE scratch AS SELECT 1 AS x")
                with pytest.raises(DatabaseBusy):
                    reader.wait = 0.2
                    reader.counts()
        reader.wait = 10
        assert reader.counts()["documents"] == before and reader.generation == gen + 1
        assert reader.fetch("SELECT x FROM scratch") == [(1,)]


def test_shared_store_holds_the_file_only_while_writing(db: str) -> None:
    shared = SharedStore(db)
    with Database.open(db) as reader:
        n = reader.counts()["documents"]
        assert shared.known_hashes(["nothing"]) == set()  # reading beside the reader
        assert shared.counts()["documents"] == n
        with duckdb.connect(db, read_only=True) as other:  # another reader: no writer holds the file
            assert other.execute("SELECT count(*) FROM documents").fetchall() == [(n,)]


def test_a_long_query_is_interrupted(db: str) -> None:
    with Database.open(db, query_timeout=0.3) as slow:
        with pytest.raises(QueryTimeout):
            slow.fetch("SELECT count(*) FROM range(1000000000000) t(x) WHERE x % 7 = 3")
        assert slow.fetch("SELECT 1") == [(1,)]  # the connection is still usable
