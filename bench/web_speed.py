"""Speed of the web dashboard on the demo database: each page's ready time in Debian's Chromium.

    .venv/bin/python bench/web_speed.py [--db FILE] [--n N] [--write-doc] [--screenshots DIR]

Builds the database from the default corpus (../shared/corpus) with `newsevents ingest` into a temporary
file unless --db gives one; skips cleanly when the corpus (or /usr/bin/chromium) is absent. Serves it with
`newsevents serve` on 127.0.0.1 and loads each page N times with Playwright driving /usr/bin/chromium:
the ready time is from navigation start to the page's `newsevents-ready` performance mark, set once its
data are fetched and its charts, map or network drawn (Chart.js animations are off). Each run is a new
browser context (empty cache: "cold") and then a reload in it ("warm"). --write-doc writes the
"## Dashboard" section of docs/performance.md (only it); --screenshots DIR saves a full-page PNG of each.
Target (issue 6): the overview ready in under 1 s.
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
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_speed import DOC, ROOT, demo_db  # noqa: E402
from machine import cpu, write_section  # noqa: E402

HEADING = "## Dashboard"
TARGET_MS = 1000.0
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pages(http: Any) -> list[tuple[str, str]]:
    """(name, path) of every page, with a busy dyad, country and event from the data."""
    edge = http.get("/api/network", params={"level": "country", "limit": 1}).json()["edges"][0]
    a, b = edge["source"], edge["target"]
    event = http.get("/api/events", params={"dyad": f"{a},{b}", "sort": "confidence", "order": "desc",
                                            "limit": 1}).json()["items"][0]
    return [("overview", "/"), ("events", "/events"), ("event", f"/event/{quote(event['event_id'])}"),
            ("dyad", f"/dyad/{a}/{b}"), ("country", f"/country/{a}"), ("map", "/map"), ("network", "/network")]


def ready_ms(page: Any) -> float:
    page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
    assert page.get_attribute("body", "data-ready") == "1", page.inner_text("main")[:300]
    return float(page.evaluate("() => performance.getEntriesByName('newsevents-ready')[0].startTime"))


def run(db: Path, n: int, shots: Path | None) -> dict[str, Any]:
    import httpx
    from playwright.sync_api import sync_playwright

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    rows = []
    try:
        with httpx.Client(base_url=base, timeout=120) as http:
            deadline = time.monotonic() + 60
            while True:
                try:
                    health = http.get("/api/health").json()
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("newsevents serve did not start") from None
                    time.sleep(0.2)
            todo = pages(http)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            for name, path in todo:
                cold, warm = [], []
                for i in range(n + 1):  # the first run warms the server and the OS caches
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    page = context.new_page()
                    page.goto(base + path)
                    c = ready_ms(page)
                    page.reload()
                    w = ready_ms(page)
                    if i:
                        cold.append(c)
                        warm.append(w)
                    if shots is not None and i == n:
                        shots.mkdir(parents=True, exist_ok=True)
                        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
                    context.close()
                rows.append({"page": name, "path": path, "cold": statistics.median(cold), "cold_max": max(cold),
                             "warm": statistics.median(warm)})
                print(f"{name:<10} {path[:40]:<40} cold median {rows[-1]['cold']:7.0f} ms (max "
                      f"{rows[-1]['cold_max']:6.0f})  warm median {rows[-1]['warm']:7.0f} ms", flush=True)
            version = browser.version
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"health": health, "rows": rows, "browser": version}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default=None, help="An already built database (default: ingest the corpus).")
    ap.add_argument("--n", type=int, default=10, help="Timed loads per page (default 10).")
    ap.add_argument("--write-doc", action="store_true", help=f"write the '{HEADING}' section of {DOC.name}")
    ap.add_argument("--screenshots", type=Path, default=None, help="save a screenshot of each page here")
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"skipped: {CHROMIUM} is absent (apt-get install chromium)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if (found := demo_db(args.db, Path(tmp))) is None:
            return 0
        db, build_s = found
        result = run(db, args.n, args.screenshots)
    if args.write_doc:
        write_doc(result, build_s, args)
    return 0


def write_doc(result: dict[str, Any], build_s: float | None, args: argparse.Namespace) -> None:
    h = result["health"]
    rows = result["rows"]
    overview = next(r for r in rows if r["page"] == "overview")
    met = "met" if overview["cold"] < TARGET_MS else "not met"
    built = (f"built from the default corpus by `newsevents ingest` in {build_s:.0f} s" if build_s is not None
             else "given with --db")
    lines = [
        HEADING, "",
        f"Measured {date.today().isoformat()} by `bench/web_speed.py` on {cpu()}, Python "
        f"{platform.python_version()}, Debian Chromium {result['browser']} (headless, driven by Playwright): "
        "the dashboard served by `newsevents serve` on 127.0.0.1; ready time = navigation start to the page's "
        "`newsevents-ready` mark (data fetched, charts, map or network drawn). Cold: a new browser context "
        f"(empty cache); warm: a reload in it. Median of {args.n} loads after one warm-up.", "",
        f"Database: {h['documents']} documents, {h['events']} events, {built}.", "",
        "| page | path | cold median ms | cold slowest ms | warm median ms |", "|---|---|---|---|---|",
        *[f"| {r['page']} | `{r['path'] if len(r['path']) < 40 else r['path'][:37] + '...'}` | {r['cold']:.0f} | "
          f"{r['cold_max']:.0f} | {r['warm']:.0f} |" for r in rows], "",
        f"Target (issue 6): the overview ready in under {TARGET_MS:.0f} ms: {met} "
        f"({overview['cold']:.0f} ms cold, {overview['warm']:.0f} ms warm).", "",
        "Rerun:", "", "```sh", ".venv/bin/python bench/web_speed.py --write-doc", "```", "",
    ]
    section = "\n".join(lines)
    write_section(DOC, HEADING, section)
    print(f"wrote {DOC}")


if __name__ == "__main__":
    sys.exit(main())
