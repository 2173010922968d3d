"""Main-text extraction compared on the fixture pages: sentences kept and planted boilerplate leaked.

    .venv/bin/python bench/html_extractors.py [--write-doc]

For each page in tests/fixtures/live/pages with a `.sentences.txt` (the article's sentences, one per line),
each extractor's text is checked for every sentence (whitespace-normalised substring) and for every
line of tests/fixtures/live/boilerplate.txt (navigation, cookie banner, share buttons, related links,
reader comments, footer, ads). --write-doc replaces the "## Choosing the extractor" table in docs/live.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LIVE = ROOT / "tests" / "fixtures" / "live"
PAGES = {"summit": "summit", "wire_herald": "wire", "wire_times": "wire", "brazil": "brazil", "ceasefire": "ceasefire"}
HEADING = "## Choosing the extractor"


def norm(s: str) -> str:
    return " ".join(s.split())


def trafilatura_newsevents(html: bytes) -> str:
    from newsevents.webpage import extract

    page = extract(html)
    return page.text if page else ""


def trafilatura_precision(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


def trafilatura_default(html: bytes) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def readability(html: bytes) -> str:
    import lxml.html
    from readability import Document

    return str(lxml.html.fromstring(Document(html).summary()).text_content())


def justext(html: bytes) -> str:
    import justext as jt

    paragraphs = jt.justext(html, jt.get_stoplist("English"))
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


EXTRACTORS: dict[str, Callable[[bytes], str]] = {
    "newsevents.webpage: trafilatura 2.3.1 (favor_precision, no comments) + main-block guard":
        trafilatura_newsevents,
    "trafilatura 2.3.1 (favor_precision, no comments)": trafilatura_precision,
    "trafilatura 2.3.1 (defaults, no comments)": trafilatura_default,
    "readability-lxml 0.9": readability,
    "jusText 3.0.2": justext,
}


def planted() -> int:
    """(page, boilerplate line) pairs: the planted lines each page really shows."""
    import lxml.html

    boilerplate = [norm(b) for b in (LIVE / "boilerplate.txt").read_text().splitlines() if b.strip()]
    shown = [norm(lxml.html.fromstring((LIVE / "pages" / f"{p}.html").read_bytes()).text_content()) for p in PAGES]
    return sum(1 for text in shown for b in boilerplate if b in text)


def measure() -> list[tuple[str, int, int, int, float]]:
    boilerplate = [norm(b) for b in (LIVE / "boilerplate.txt").read_text().splitlines() if b.strip()]
    rows = []
    for name, fn in EXTRACTORS.items():
        kept = total = leaked = 0
        fn((LIVE / "pages" / "summit.html").read_bytes())  # imports and caches outside the timing
        t0 = time.perf_counter()
        for page, story in PAGES.items():
            text = norm(fn((LIVE / "pages" / f"{page}.html").read_bytes()))
            sentences = [norm(s) for s in (LIVE / "pages" / f"{story}.sentences.txt").read_text().splitlines()
                         if s.strip()]
            total += len(sentences)
            kept += sum(1 for s in sentences if s in text)
            leaked += sum(1 for b in boilerplate if b in text)
        rows.append((name, kept, total, leaked, (time.perf_counter() - t0) / len(PAGES) * 1000))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write-doc", action="store_true")
    args = ap.parse_args()
    rows = measure()
    table = [f"| extractor | sentences kept | retention | boilerplate lines leaked (of {planted()} planted) "
             "| ms per page |",
             "|---|---:|---:|---:|---:|"]
    table += [f"| {n} | {k}/{t} | {100 * k / t:.1f}% | {leak} | {ms:.1f} |" for n, k, t, leak, ms in rows]
    print("\n".join(table))
    if args.write_doc:
        section = (f"{HEADING}\n\nMeasured by `bench/html_extractors.py` on the {len(PAGES)} fixture pages "
                   f"(tests/fixtures/live/pages: {rows[0][2]} article sentences; the planted boilerplate lines of "
                   "tests/fixtures/live/boilerplate.txt counted once per page that shows them):\n\n"
                   + "\n".join(table) + "\n\n")
        write_section(ROOT / "docs" / "live.md", HEADING, section)


if __name__ == "__main__":
    main()
