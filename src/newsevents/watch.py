"""Watch mode: poll the feeds and a folder every few minutes and store what is new.

Each cycle polls the registered feeds (feeds.py) and reads the files of the watched folders that are
new or changed since the last cycle, stores the new documents (live.py: copies of stored stories are
linked, the rest coded) and logs one line. The store is a `store.SharedStore`, which holds the file
only while it reads or writes, so `serve` goes on answering during a cycle. SIGINT or SIGTERM asks the
loop to stop: the document in hand is finished and stored, the rest is left for the next run; a second
signal interrupts at once and the document's transaction is rolled back.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import FrameType
from typing import Any

from .feeds import Fetcher, Options, poll
from .live import Intake, store_documents
from .store import AnyStore, SharedStore
from .types import Document, IngestError

_EVERY = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)", re.IGNORECASE)
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_every(value: str) -> float:
    """Seconds in an interval like 15m, 30s, 1h, 1.5h or 90 (seconds); ValueError otherwise."""
    m = _EVERY.fullmatch(value.strip())
    if not m or float(m[1]) <= 0:
        raise ValueError(f"{value!r} is not an interval such as 30s, 15m or 1h")
    return float(m[1]) * _UNITS[m[2].lower()]


class Stopper:
    """Turns SIGINT/SIGTERM into a stop request while active; a second signal raises KeyboardInterrupt."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._saved: dict[int, Any] = {}

    def __enter__(self) -> Stopper:
        if threading.current_thread() is threading.main_thread():  # handlers can only be set there
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._saved[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._saved.items():
            signal.signal(sig, handler)

    def _handle(self, signum: int, _frame: FrameType | None) -> None:
        if self.event.is_set():
            raise KeyboardInterrupt
        self.event.set()

    def stopped(self) -> bool:
        return self.event.is_set()


@dataclass
class Cycle:
    """One cycle's counts, for its log line."""

    number: int
    intake: Intake
    errors: list[IngestError]
    requests: int
    seconds: float

    def line(self) -> str:
        i = self.intake
        at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return (f"{at} cycle {self.number}: new documents {i.stored}, syndicated copies {i.duplicates}, "
                f"already stored {i.skipped}, events {i.events}, errors {len(self.errors)}, "
                f"requests {self.requests}, {self.seconds:.1f} s")


class Folder:
    """The files under some folders that are new or changed since they were last taken."""

    def __init__(self, roots: Sequence[str]) -> None:
        self.roots = list(roots)
        self.seen: dict[str, tuple[int, int]] = {}

    def changed(self) -> list[tuple[str, tuple[int, int]]]:
        from .ingest import EXTENSIONS

        found = []
        for path in self._files():
            if not path.lower().endswith(EXTENSIONS):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            key = (st.st_mtime_ns, st.st_size)
            if self.seen.get(path) != key:
                found.append((path, key))
        return found

    def _files(self) -> Iterator[str]:
        for root in self.roots:
            for top, dirs, files in os.walk(root):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                yield from (os.path.join(top, f) for f in sorted(files) if not f.startswith("."))


def run_cycle(store: AnyStore, number: int, *, fetcher: Fetcher | None, folder: Folder | None,
              fallback: date | None = None, min_confidence: float = 0.0, max_bytes: int = 1_000_000,
              stop: Callable[[], bool] = lambda: False) -> Cycle:
    """Poll the feeds (with a fetcher) and the folder, store what is new; errors go to the store too."""
    from .ingest import read_paths

    t0 = time.perf_counter()
    docs: list[Document] = []
    errors: list[IngestError] = []
    polled = poll(store, fetcher, fallback=fallback, stop=stop) if fetcher is not None else None
    if polled is not None:
        docs += polled.documents
        errors += polled.errors
    files = folder.changed() if folder is not None else []
    for item in read_paths([p for p, _ in files], fallback, max_bytes=max_bytes):
        if isinstance(item, IngestError):
            errors.append(item)
        else:
            docs.append(item)
    intake = store_documents(store, docs, min_confidence=min_confidence, stop=stop,
                             done=polled.done if polled is not None else None)
    if polled is not None:
        polled.finish()
    if folder is not None and not stop():
        folder.seen.update(files)  # an interrupted cycle re-reads its files next time (stored ones are skipped)
    for e in errors:
        store.write_error(e)
    return Cycle(number, intake, errors, fetcher.requests if fetcher is not None else 0,
                 time.perf_counter() - t0)


def watch(db: str, *, feeds: bool, dirs: Sequence[str], every: float, cycles: int | None = None,
          options: Options | None = None, fallback: date | None = None, min_confidence: float = 0.0,
          log: Callable[[str], None] = print, on_error: Callable[[IngestError], None] | None = None) -> int:
    """Run cycles until stopped (or `cycles` are done); returns the number of cycles run."""
    import httpx

    options = options or Options()
    folder = Folder(dirs) if dirs else None
    client = httpx.Client(timeout=options.timeout, follow_redirects=True,
                          headers={"User-Agent": options.user_agent}) if feeds else None
    n = 0
    with Stopper() as stopper:
        try:
            while not stopper.stopped():
                n += 1
                with SharedStore(db) as store:  # holds the file per call only: `serve` answers meanwhile
                    fetcher = Fetcher(store, options, client) if client is not None else None
                    cycle = run_cycle(store, n, fetcher=fetcher, folder=folder, fallback=fallback,
                                      min_confidence=min_confidence, max_bytes=options.max_bytes,
                                      stop=stopper.stopped)
                for e in cycle.errors:
                    if on_error:
                        on_error(e)
                log(cycle.line())
                if cycles is not None and n >= cycles:
                    break
                stopper.event.wait(every)
        finally:
            if client is not None:
                client.close()
    return n
