"""Speed of the HTTP API on the demo database: each call type over real HTTP, median of N.

    .venv/bin/python bench/api_speed.py [--db FILE] [--n N] [--write-doc]

Builds the database from the default corpus (../shared/corpus, the files `newsevents demo` ingests) with
`newsevents ingest` into a temporary file, unless --db gives one already built; skips cleanly when the
corpus is absent. Serves it with `newsevents serve` (uvicorn) on 127.0.0.1, a free port, warms each call
once, then times N requests of each with httpx (wall clock, client to full response body) and reports
the median and the slowest. --write-doc writes the "## API" section of docs/performance.md (only it).
Target (issue 6): every API call the tests make answers in under 200 ms; bulk exports are reported apart.
"""

from __future__ import annotations

import argparse
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from machine import cpu, write_section  # bench/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DOC = ROOT / "docs" / "performance.md"
HEADING = "## API"
TARGET_MS = 200.0


def build(db: Path) -> float:
    from newsevents.cli import demo_inputs

    paths = demo_inputs(str(CORPUS)) if (CORPUS / "README.md").exists() else demo_inputs(None)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsevents", "ingest", *paths, "--db", str(db), "--quiet"],
                   check=False, cwd=ROOT)
    return time.perf_counter() - t0


def demo_db(given: str | None, tmp: Path) -> tuple[Path, float | None] | None:
    """The database to measure and the seconds its build took: the one given, else the default
    corpus ingested into `tmp` (None build time for a given one); None when the corpus is absent."""
    if given:
        return Path(given), None
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return None
    db = tmp / "demo.duckdb"
    return db, build(db)


def calls(http: Any) -> list[tuple[str, str, dict[str, Any], bool]]:
    """(label, path, params, is a bulk export) for every call type, with ids and dyads from the data."""
    first = http.get("/api/events", params={"limit": 1, "sort": "confidence", "order": "desc"}).json()["items"][0]
    dyad = http.get("/api/network", params={"level": "country", "limit": 1}).json()["edges"][0]
    a, b = dyad["source"], dyad["target"]
    return [
        ("health", "/api/health", {}, False),
        ("events, first page (50)", "/api/events", {}, False),
        ("events, page of 1000", "/api/events", {"limit": 1000}, False),
        ("events, last page (offset)", "/api/events", {"offset": 3000, "limit": 50}, False),
        (f"events, country={a}, by confidence", "/api/events", {"country": a, "sort": "confidence",
                                                               "order": "desc"}, False),
        (f"events, dyad={a},{b}", "/api/events", {"dyad": f"{a},{b}"}, False),
        ("events, actor name substring", "/api/events", {"actor": "blinken"}, False),
        ("events, text search, QuadClass 4, since", "/api/events", {"text": "attack", "quad_class": 4,
                                                                    "since": "2021-01-01"}, False),
        ("one event", f"/api/events/{first['event_id']}", {}, False),
        ("one document with spans", f"/api/documents/{first['doc_id']}", {}, False),
        ("actors", "/api/actors", {}, False),
        (f"dyad series {a}/{b} by month", f"/api/dyads/{a}/{b}/series", {"by": "month"}, False),
        (f"dyad series {a}/{b} by day", f"/api/dyads/{a}/{b}/series", {"by": "day"}, False),
        (f"country summary {b}", f"/api/countries/{b}", {}, False),
        ("network, actors", "/api/network", {"level": "actor"}, False),
        ("network, countries", "/api/network", {"level": "country"}, False),
        ("export jsonl, everything", "/api/export", {"format": "jsonl"}, True),
        ("export gdelt, everything", "/api/export", {"format": "gdelt"}, True),
        ("export parquet, everything", "/api/export", {"format": "parquet"}, True),
    ]


def run(db: Path, n: int) -> dict[str, Any]:
    import httpx

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    server = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port),
                               "--cache-mb", "0"],  # time the queries, not the answer cache
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    rows = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as http:
            deadline = time.monotonic() + 60
            while True:
                try:
                    health = http.get("/api/health").json()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("newsevents serve did not start") from None
                    time.sleep(0.2)
            for label, path, params, bulk in calls(http):
                r = http.get(path, params=params)  # warm
                assert r.status_code == 200, (path, r.status_code, r.text[:300])
                times = []
                for _ in range(n if not bulk else max(3, n // 5)):
                    t0 = time.perf_counter()
                    r = http.get(path, params=params)
                    times.append(1000 * (time.perf_counter() - t0))
                rows.append({"label": label, "median": statistics.median(times), "max": max(times),
                             "bytes": len(r.content), "bulk": bulk, "runs": len(times)})
                print(f"{label:<45} median {rows[-1]['median']:8.1f} ms  max {rows[-1]['max']:8.1f} ms"
                      f"  {len(r.content):>10} bytes", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"health": health, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=None, help="An already built database (default: ingest the corpus).")
    ap.add_argument("--n", type=int, default=20, help="Timed requests per call type (default 20).")
    ap.add_argument("--write-doc", action="store_true", help=f"write the '{HEADING}' section of {DOC.name}")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if (found := demo_db(args.db, Path(tmp))) is None:
            return 0
        db, build_s = found
        result = run(db, args.n)
    if args.write_doc:
        write_doc(result, build_s, args)
    return 0


def write_doc(result: dict[str, Any], build_s: float | None, args: argparse.Namespace) -> None:
    h = result["health"]
    rows = result["rows"]
    calls_ = [r for r in rows if not r["bulk"]]
    worst = max(calls_, key=lambda r: r["median"])
    met = "met" if worst["median"] < TARGET_MS else "not met"
    built = (f"built from the default corpus by `newsevents ingest` in {build_s:.0f} s" if build_s is not None
             else "given with --db")
    lines = [
        HEADING, "",
        f"Measured {date.today().isoformat()} by `bench/api_speed.py` on {cpu()}, Python "
        f"{platform.python_version()}: the API served by `newsevents serve` (uvicorn, one process), called over "
        f"HTTP on 127.0.0.1 with httpx (wall clock to the full body), one warm-up and then {args.n} requests "
        "per call (bulk exports: fewer).", "",
        f"Database: {h['documents']} documents, {h['events']} events (schema version {h['schema_version']}), "
        f"{built}.", "",
        "| call | median ms | slowest ms | response bytes |", "|---|---|---|---|",
        *[f"| {r['label']} | {r['median']:.1f} | {r['max']:.1f} | {r['bytes']:,} |" for r in calls_], "",
        "Bulk exports of every event (streamed):", "",
        "| call | median ms | slowest ms | response bytes |", "|---|---|---|---|",
        *[f"| {r['label']} | {r['median']:.1f} | {r['max']:.1f} | {r['bytes']:,} |" for r in rows if r["bulk"]], "",
        f"Target (issue 6): every API call under {TARGET_MS:.0f} ms: {met} (slowest median: "
        f"{worst['label']}, {worst['median']:.1f} ms).", "",
        "Rerun:", "", "```sh", ".venv/bin/python bench/api_speed.py --write-doc", "```", "",
    ]
    section = "\n".join(lines)
    write_section(DOC, HEADING, section)
    print(f"wrote {DOC}")


if __name__ == "__main__":
    sys.exit(main())
