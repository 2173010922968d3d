"""Watch mode holds the store only while it reads or writes (store.SharedStore): a reader is answered
while a cycle waits on the network."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from newsevents.feeds import Options
from newsevents.query import Database
from newsevents.store import Store
from newsevents.watch import watch

from .liveserver import serve


def test_the_store_can_be_read_while_a_cycle_waits_for_a_feed(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    lines: list[str] = []
    with serve() as site:
        site.hang = 2.0
        with Store.open(db) as store:
            store.add_feed(f"{site.base}/feeds/hanging.xml")
        cycle = threading.Thread(target=watch, args=(db,), kwargs={
            "feeds": True, "dirs": [], "every": 0.05, "cycles": 1, "log": lines.append,
            "options": Options(timeout=5, retries=1, backoff=0.01, delay=0.0)})
        cycle.start()
        try:
            time.sleep(0.7)
            assert cycle.is_alive() and not lines  # the cycle waits for the hanging feed
            with Database.open(db, wait=0.5) as reader:  # a writer holding the file makes this give up
                assert reader.count() == 0
                assert reader.counts()["documents"] == 0
        finally:
            cycle.join(timeout=30)
    assert len(lines) == 1 and "cycle 1:" in lines[0]
