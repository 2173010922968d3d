"""Watch mode: cycles over feeds (liveserver.py) and a folder, failing feeds isolated, clean stops."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from newsevents.feeds import Options
from newsevents.live import store_documents
from newsevents.store import Store
from newsevents.types import Document, content_hash
from newsevents.watch import parse_every, watch

from .conftest import ROOT
from .liveserver import LIVE, serve

FAST = Options(timeout=0.3, retries=1, backoff=0.01, delay=0.0)
STORY = "date 2024-07-20\nNorway and Iceland held talks on fishing quotas in Oslo on Friday, officials said. " \
        "The ministers agreed to meet again to settle the dispute over mackerel stocks."


def test_watch_survives_failing_and_hanging_feeds_and_takes_new_files(tmp_path: Path) -> None:
    db, folder = str(tmp_path / "w.duckdb"), tmp_path / "inbox"
    folder.mkdir()
    (folder / "summit.html").write_bytes((LIVE / "pages" / "summit.html").read_bytes())
    lines: list[str] = []

    def log(line: str) -> None:
        lines.append(line)
        if len(lines) == 1:  # a file arrives between the first and second cycle
            (folder / "talks.txt").write_text(STORY, encoding="utf-8")

    with serve() as site:
        site.hang = 1.0
        with Store.open(db) as store:
            for name in ("hanging", "broken", "fulltext"):
                store.add_feed(f"{site.base}/feeds/{name}.xml")
        n = watch(db, feeds=True, dirs=[str(folder)], every=0.05, cycles=3, options=FAST, log=log)
        site.hang = 0
    assert n == 3 and len(lines) == 3
    assert "cycle 1: new documents 3," in lines[0] and "errors 2," in lines[0]  # 2 feed items + 1 page
    assert "cycle 2: new documents 1," in lines[1] and "errors 2," in lines[1]  # the new file
    assert "cycle 3: new documents 0," in lines[2] and "events 0," in lines[2]
    with Store.open(db, read_only=True) as store:
        assert store.counts()["documents"] == 4
        feeds = {f["url"].rsplit("/", 1)[-1]: f for f in store.feeds()}
    assert feeds["fulltext.xml"]["error"] is None and feeds["fulltext.xml"]["status"] == 304
    assert "timed out" in feeds["hanging.xml"]["error"] and "HTTP 500" in feeds["broken.xml"]["error"]


def test_a_stop_request_finishes_the_document_in_hand_and_leaves_the_rest(tmp_path: Path) -> None:
    texts = [(LIVE / "pages" / f"{n}.sentences.txt").read_text() for n in ("summit", "wire", "brazil")]
    docs = [Document(id=content_hash(t), published=date(2024, 6, 6), text=t) for t in texts]
    done: list[str] = []
    with Store.open(str(tmp_path / "s.duckdb")) as store:
        first = store_documents(store, docs, stop=lambda: bool(done), done=lambda d: done.append(d.id))
        assert first.stored == 1 and done == [docs[0].id]
        assert store.known_hashes(d.content_hash for d in docs) == {docs[0].content_hash}
        rest = store_documents(store, docs)
        assert (rest.stored, rest.skipped) == (2, 1)


def test_sigterm_stops_watch_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "talks.txt").write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "w.duckdb")
    proc = subprocess.Popen([sys.executable, "-m", "newsevents", "watch", "--db", db, "--dir", str(folder),
                             "--every", "1h"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        first = ""
        while "cycle 1:" not in first:  # blocks until the first cycle is logged (or the process ends)
            first = proc.stderr.readline()
            assert first, "watch ended before its first cycle"
        assert "cycle 1: new documents 1," in first
        proc.send_signal(signal.SIGTERM)
        t0 = time.monotonic()
        rest = proc.communicate(timeout=60)[1]
        assert time.monotonic() - t0 < 30  # the hour-long wait was cut short
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and "watch stopped after 1 cycle(s)" in rest
    with Store.open(db, read_only=True) as store:
        assert store.counts()["documents"] == 1


def test_parse_every() -> None:
    assert [parse_every(v) for v in ("15m", "30s", "1h", "90", "1.5h", "2d")] == [900, 30, 3600, 90, 5400, 172800]
    for bad in ("", "soon", "0", "-5m", "5 weeks"):
        try:
            parse_every(bad)
        except ValueError:
            continue
        raise AssertionError(f"{bad!r} was accepted")
