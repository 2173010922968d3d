"""Throughput of the whole pipeline against spaCy's parse alone, measured side by side in one run.

    .venv/bin/python bench/throughput.py [--limit N] [--write-doc]

(a) spaCy's parse alone: the same model and batch size over the same texts;
(b) the whole newsevents pipeline (parse, annotators, event coding and DuckDB storage) via the same
    `ingest` function the CLI runs, into a fresh temporary database.
Both read the default corpus (../shared/corpus: the example article, the State Department releases,
the Wikinews articles). Reported: articles/s, words/s, and the ratio (b)/(a).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from machine import cpu  # bench/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
FILES = ["000_585025c503813674.txt", "statedept-releases-2021-2022.jsonl.gz", "wikinews-2019-2021.jsonl.gz"]


def texts(limit: int | None) -> list[str]:
    from newsevents.ingest import read_paths
    from newsevents.types import Document

    out = [d.text for d in read_paths([str(CORPUS / f) for f in FILES]) if isinstance(d, Document)]
    return out[:limit] if limit else out


class RssSampler(threading.Thread):
    """Samples the resident memory of the worker processes (this process's children, or this
    process itself with one worker) every 0.2 s; the peak per process is the peak per worker."""

    def __init__(self, own: bool) -> None:
        super().__init__(daemon=True)
        self.own, self.done = own, threading.Event()
        self.peaks: dict[int, int] = {}

    def run(self) -> None:
        me = os.getpid()
        while not self.done.is_set():
            pids = [me] if self.own else [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == me]
            for pid in pids:
                rss = _rss_kb(pid)
                if rss:
                    self.peaks[pid] = max(self.peaks.get(pid, 0), rss)
            self.done.wait(0.2)

    def stop(self) -> None:
        self.done.set()
        self.join()

    def peak_mb(self) -> float:
        return max(self.peaks.values(), default=0) / 1024


def _ppid(pid: int) -> int | None:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--write-doc", action="store_true", help="write the results into docs/performance.md")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    args = ap.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"skipped: {CORPUS} is absent")
    from newsevents.cli import ingest
    from newsevents.nlp import BATCH_SIZE, model

    docs = texts(args.limit)
    words = sum(len(t.split()) for t in docs)
    nlp = model()
    t0 = time.perf_counter()
    for _ in nlp.pipe(docs, batch_size=BATCH_SIZE):
        pass
    parse_s = time.perf_counter() - t0
    n = len(docs)
    lines = [f"articles {n}, words {words} ({words / n:.0f} per article)",
             f"(a) spaCy parse alone, 1 process: {n / parse_s:.1f} articles/s, {words / parse_s:.0f} words/s"]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl.gz"
        with gzip.open(src, "wt", encoding="utf-8") as f:
            for i, t in enumerate(docs):
                f.write(json.dumps({"id": f"b{i}", "date": date(2022, 1, 7).isoformat(), "text": t}) + "\n")
        for workers in args.workers:
            db = str(Path(tmp) / f"bench{workers}.duckdb")
            sampler = RssSampler(own=workers == 1)
            sampler.start()
            t0 = time.perf_counter()
            summary = ingest([str(src)], db, progress=False, workers=workers)
            pipe_s = time.perf_counter() - t0
            sampler.stop()
            peak_mb = sampler.peak_mb()
            lines.append(f"(b) whole pipeline incl. storage, {workers} worker(s): {n / pipe_s:.1f} articles/s, "
                         f"{words / pipe_s:.0f} words/s, {summary['events']} events; (b)/(a) = {parse_s / pipe_s:.2f}; "
                         f"peak resident memory per worker {peak_mb:.0f} MB")
            t0 = time.perf_counter()
            ingest([str(src)], db, progress=False, workers=workers)
            again_s = time.perf_counter() - t0
            lines.append(f"    re-ingest of the same input: {again_s:.2f} s, {pipe_s / again_s:.0f}x faster")
    print("\n".join(lines))
    if args.write_doc:
        write_doc(lines, args)


def write_doc(lines: list[str], args: argparse.Namespace) -> None:
    path = ROOT / "docs" / "performance.md"
    text = path.read_text() if path.exists() else "# Performance\n"
    head = "## Whole pipeline against the parse"
    section = "\n".join([
        head, "",
        f"Measured {date.today().isoformat()} by `bench/throughput.py` on {cpu()}, Python "
        f"{platform.python_version()}; rerun with `.venv/bin/python bench/throughput.py"
        + (f" --limit {args.limit}" if args.limit else "") + " --write-doc`.", "",
        *[f"- {line}" for line in lines], "",
    ])
    if head in text:
        before, _, rest = text.partition(head)
        after = rest[rest.find("\n## "):] if "\n## " in rest else ""
        text = before + section + after.lstrip("\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)


if __name__ == "__main__":
    main()
