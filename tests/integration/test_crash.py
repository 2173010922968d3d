"""Crash safety: `newsevents ingest` killed with SIGKILL part-way, then run again, leaves the database an
uninterrupted run leaves: the same documents, events, actors, mentions, timexes and errors, no duplicate
and no partial document. The kills land at different points: while coding (after the progress bar shows
stored documents), inside a write transaction (documents and events inserted, not committed) and just
after a commit (the batch only in DuckDB's write-ahead log). The Dask engine is killed, the whole process
group, while its workers write shards and while the client loads them.

The corpus is a subset of ../shared/corpus copied into tmp_path (skipped when absent) plus two bad
records, so the errors table is compared too. The runs use the code in this checkout: a reference run and
the killed runs must see the same code and data files.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from .conftest import ROOT, needs_shared

# Runs `newsevents ARGS` after patching the store so that the process SIGKILLs itself at a chosen point
# of the nth write (no fault hook in the product: the patch lives here).
LAUNCHER = """
import os, signal, sys
from newsevents import store
point, nth = sys.argv[1], int(sys.argv[2])
seen = [0]
def bang():
    seen[0] += 1
    if seen[0] == nth:
        os.kill(os.getpid(), signal.SIGKILL)
if point == "mid-transaction":
    insert = store.Store._insert
    def _insert(self, table, rows):
        insert(self, table, rows)
        if table == "events" and rows:
            bang()
    store.Store._insert = _insert
elif point == "after-commit":
    write_batch = store.Store.write_batch
    def _write_batch(self, *args, **kw):
        n = write_batch(self, *args, **kw)
        bang()
        return n
    store.Store.write_batch = _write_batch
from newsevents.cli import main
main(sys.argv[3:], prog_name="newsevents")
"""

KEYS = {  # every stored table, as sorted rows (lists, not sets: a duplicate shows)
    "documents": "SELECT id, content_hash, published, title, url, source, text FROM documents",
    "events": "SELECT * FROM events",
    "event_actors": "SELECT * FROM event_actors",
    "mentions": "SELECT * FROM mentions",
    "timexes": "SELECT * FROM timexes",
    "actors": "SELECT * FROM actors",
    "errors": "SELECT source, locator, reason FROM errors",
}


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(con.execute(sql).fetchall(), key=repr) for t, sql in KEYS.items()}
    finally:
        con.close()


def check_whole(snap: dict[str, list[tuple[Any, ...]]]) -> None:
    """No duplicate and nothing that points at a missing document or event."""
    docs = {r[0] for r in snap["documents"]}
    assert len(docs) == len(snap["documents"])
    assert len({r[1] for r in snap["documents"]}) == len(docs)  # content hashes
    event_ids = [r[0] for r in snap["events"]]
    assert len(event_ids) == len(set(event_ids))
    assert {r[1] for r in snap["events"]} <= docs
    assert {r[0] for r in snap["event_actors"]} <= set(event_ids)
    assert {r[0] for r in snap["mentions"]} | {r[0] for r in snap["timexes"]} <= docs
    assert len(snap["errors"]) == len(set(snap["errors"]))


BAD = [{"id": "bad-date", "date": "2022-02-30", "text": "Talks were held."},
       {"id": "html", "date": "2022-01-07", "text": "<html><body>Talks.</body></html>"}]


def head(shared: Path, name: str, n: int, out: Path) -> None:
    with gzip.open(shared / name, "rt", encoding="utf-8") as f:
        lines = [next(f) for _ in range(n)]
    (out / name.replace(".gz", "")).write_text("".join(lines), encoding="utf-8")


def corpus(tmp: Path, parts: list[tuple[str, int]], seed: bool) -> list[str]:
    """The first documents of files of the default corpus, the seed article, and two bad records."""
    shared = needs_shared("corpus")
    tmp.mkdir()
    for name, n in parts:
        head(shared, name, n, tmp)
    if seed:
        (tmp / "000_585025c503813674.txt").write_bytes((shared / "000_585025c503813674.txt").read_bytes())
    (tmp / "bad.jsonl").write_text("".join(json.dumps(r) + "\n" for r in BAD), encoding="utf-8")
    return sorted(str(p) for p in tmp.iterdir())


def newsevents(args: list[str], launcher: list[str] | None = None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-c", LAUNCHER, *launcher, *args] if launcher else [sys.executable, "-m", "newsevents",
                                                                                *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)  # its own process group


class Watch:
    """Collects a process's stderr in a thread (so the pipe never fills) for the test to poll."""

    def __init__(self, p: subprocess.Popen[bytes]) -> None:
        self.p, self.text = p, ""
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.p.stderr is not None
        for chunk in iter(lambda: self.p.stderr.read1(4096), b""):  # type: ignore[union-attr]
            self.text += chunk.decode("utf-8", "replace")

    def progress(self) -> int:
        counts = re.findall(r"(\d+) docs \[", self.text)
        return int(counts[-1]) if counts else 0

    def past(self, n: int) -> Callable[[], bool]:
        """Whether the progress bar has counted n documents (stored, or skipped as already stored)."""
        return lambda: self.progress() >= n

    def wait(self, timeout: float = 300) -> int:
        rc = self.p.wait(timeout)
        self.thread.join(10)
        return rc


def kill_when(p: subprocess.Popen[bytes], ready: Callable[[], bool], extra: float, timeout: float = 300) -> bool:
    """SIGKILL p's whole process group once ready() holds, after `extra` seconds; False if it ended first."""
    deadline = time.monotonic() + timeout
    while not ready():
        if p.poll() is not None:
            return False
        assert time.monotonic() < deadline, "the run never got to the kill point"
        time.sleep(0.05)
    time.sleep(extra)
    if p.poll() is not None:
        return False
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(30)
    return True


def group_gone(pgid: int) -> bool:
    for _ in range(100):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


def test_killed_ingest_resumes_to_the_same_database(tmp_path: Path) -> None:
    inputs = corpus(tmp_path / "corpus", [("statedept-releases-2021-2022.jsonl.gz", 36),
                                          ("wikinews-2019-2021.jsonl.gz", 8)], seed=True)
    args = ["ingest", *inputs, "--batch-size", "3"]
    ref = tmp_path / "reference.duckdb"
    w = Watch(newsevents([*args, "--db", str(ref)]))
    assert w.wait() == 1, w.text  # the two bad records
    want = snapshot(ref)
    check_whole(want)
    assert len(want["documents"]) == 45 and len(want["errors"]) == 2 and want["events"]

    db = tmp_path / "killed.duckdb"
    rng = random.Random(8)
    survived = []
    # (what, n): a kill from outside once the progress bar counts n documents more than were stored (plus
    # a random delay, to land anywhere in the coding of the next batch), or the process killing itself at
    # its nth write
    plan: list[tuple[str, int]] = [("progress", 3), ("mid-transaction", 2), ("progress", 3),
                                   ("after-commit", 2), ("mid-transaction", 1), ("progress", 6)]
    for what, n in plan:
        before = snapshot(db)["documents"] if db.exists() else []
        if what == "progress":
            p = newsevents([*args, "--db", str(db)])
            watch = Watch(p)
            killed = kill_when(p, watch.past(len(before) + n), rng.uniform(0, 0.6))
        else:
            p = newsevents([*args, "--db", str(db)], launcher=[what, str(n)])
            watch = Watch(p)
            killed = watch.wait() == -signal.SIGKILL
        assert group_gone(p.pid)
        if not killed:
            continue
        snap = snapshot(db)
        check_whole(snap)
        # what a killed run stored is whole: every stored document has exactly its reference rows
        ids = {r[0] for r in snap["documents"]}
        assert {r[0] for r in before} <= ids
        for table, col in (("events", 1), ("mentions", 0), ("timexes", 0)):
            assert snap[table] == [r for r in want[table] if r[col] in ids], (what, table)
        survived.append(f"{what} {len(before)}->{len(ids)}")
    assert len(survived) >= 5, survived

    w = Watch(newsevents([*args, "--db", str(db), "--quiet"]))
    assert w.wait() == 1, w.text
    assert snapshot(db) == want
    print(f"crashes survived: {len(survived)} ({', '.join(survived)})")


def test_killed_dask_ingest_resumes_to_the_same_database(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    inputs = corpus(tmp_path / "corpus", [("statedept-releases-2021-2022.jsonl.gz", 12)], seed=False)
    args = ["ingest", *inputs, "--engine", "dask", "--workers", "2", "--shard-size", "2"]
    ref = tmp_path / "reference.duckdb"
    w = Watch(newsevents([*args, "--db", str(ref)]))
    assert w.wait() == 1, w.text
    want = snapshot(ref)
    check_whole(want)
    assert len(want["documents"]) == 12 and len(want["errors"]) == 2

    db = tmp_path / "killed.duckdb"
    shards = Path(f"{db}.shards") / "shards"
    # 1: the whole process group (client, scheduler, nannies, workers) while shards are being written
    p = newsevents([*args, "--db", str(db)])
    watch = Watch(p)
    killed = kill_when(p, lambda: len(list(shards.glob("*.parquet"))) >= 2, 0.0)
    assert group_gone(p.pid), "a Dask process outlived the kill"
    done = len(list(shards.glob("*.parquet")))
    assert killed and 2 <= done < 6, (killed, done, watch.text)
    assert not db.exists() or snapshot(db)["documents"] == []  # nothing is loaded before every shard is coded
    # 2: the client while it loads the shards into the database (inside the first write transaction)
    p = newsevents([*args, "--db", str(db)], launcher=["mid-transaction", "1"])
    watch = Watch(p)
    assert watch.wait() == -signal.SIGKILL, watch.text
    assert group_gone(p.pid), "a Dask process outlived the kill"
    assert len(list(shards.glob("*.parquet"))) == 6
    check_whole(snapshot(db))
    # then a full run: codes nothing again, loads what is missing
    w = Watch(newsevents([*args, "--db", str(db)]))
    assert w.wait() == 1, w.text
    assert "coded 0, already done 6" in w.text
    assert snapshot(db) == want
    print(f"dask crashes survived: 2 (process group with {done}/6 shards written; client mid-load)")
