"""Score newsevents.time.tag on TimeML gold (TempEval-3 TimeBank / AQUAINT) and on the seed article.

    .venv/bin/python bench/timex_eval.py [--errors N] [GOLD_DIR ...]

A thin wrapper over newsevents.evaluate (the same as `newsevents eval timex DIR` per corpus, plus the
corpora combined and the tagging speed); skips cleanly when the gold data is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from newsevents.evaluate import common, report, seed, timeml
from newsevents.time import tag

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "timeml"
SEED_TEXT = SHARED / "corpus" / "000_585025c503813674.txt"
SEED_GOLD = SHARED / "gold" / "seed.gold.json"


def run_docs(name: str, docs: list[timeml.TimeMLDoc], n_errors: int) -> timeml.TimexReport:
    t0 = time.perf_counter()
    r = timeml.evaluate_docs(docs)
    secs = time.perf_counter() - t0
    print(f"{name}: docs={len(docs)} ({r.chars / max(secs, 1e-9) / 1e6:.2f} M chars/s, scoring included)")
    print("\n".join(report.timex_summary(name, r.total)[1:]))
    for m in [m for m in r.total.misses if m.kind == "wrong value"][:n_errors]:
        print("   ", m)
    return r


def run_seed() -> None:
    if not (SEED_TEXT.exists() and SEED_GOLD.exists()):
        print("seed: gold absent, skipped")
        return
    gold = common.read_json(SEED_GOLD)
    body = seed.body_of(SEED_TEXT.read_text(encoding="utf-8"))
    found = [t.to_record() for t in tag(body, date.fromisoformat(gold["publication_date"]))]
    hits = seed.timex_hits(gold["timexes"], body, found)
    for g, ok in zip(gold["timexes"], hits, strict=True):
        if not ok:
            print("  seed miss:", g)
    print(f"seed: {sum(hits)}/{len(hits)} gold timexes with an overlapping extent and a gold value")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--errors", type=int, default=0, help="print this many value errors per corpus")
    args = ap.parse_args()
    dirs = [Path(d) for d in args.dirs] or [GOLD / "TimeBank", GOLD / "AQUAINT"]
    all_docs: list[timeml.TimeMLDoc] = []
    for d in dirs:
        if d.exists():
            docs = [timeml.read_tml(f) for f in timeml.tml_files(d)]
            all_docs += docs
            run_docs(d.name, docs, args.errors)
        else:
            print(f"{d}: absent, skipped")
    if len(dirs) > 1 and all_docs:
        run_docs("combined", all_docs, 0)
    run_seed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
