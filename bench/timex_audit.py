"""The TimeBank + AQUAINT value F1 next to what it is once the audited gold errors are set aside.

    .venv/bin/python bench/timex_audit.py [--audit docs/timeml_audit.tsv] [GOLD_DIR]

docs/timeml_audit.tsv holds one verdict per error of the tagger on the TempEval-3 training corpus, as
the tagger stood on 2026-11-26 (commit 3e369db): each miss (document, character offset, kind: missed,
spurious or wrong value) was read in its context and put in one of four categories:

- gold_error: the annotation is wrong for the text (a future "will meet on Thursday" valued as the past
  Thursday, a date a week or a year off, a duration given for a date);
- gold_odd_format: the value is right in substance but written in a form the tagger does not use
  (`1968-XX` for a year, `2000-W7`, a part of the day left out of the value, `P100Y` for "this century");
- ambiguous: both readings are defensible ("last week" as a week number or `1989-WXX`);
- system_error: the tagger is wrong.

The official figure is printed first and is the one docs/accuracy.md reports. The two adjusted figures
count the wrong values judged gold_error (and then also gold_odd_format) as right; nothing else changes,
so they show how much of the gap to a target is the annotation's. Errors the tagger makes now that were
not audited (the code has changed since) are counted as they are, and listed.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

from newsevents.evaluate import timeml

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "timeml"
AUDIT = ROOT / "docs" / "timeml_audit.tsv"
CATEGORIES = ("gold_error", "gold_odd_format", "ambiguous", "system_error")

Key = tuple[str, int, str]


def read_audit(path: Path) -> dict[Key, str]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    out: dict[Key, str] = {}
    for i, r in enumerate(rows, start=2):
        if r.get("category") not in CATEGORIES:
            sys.exit(f"{path}:{i}: category {r.get('category')!r} is not one of {', '.join(CATEGORIES)}")
        out[(r["doc"], int(r["offset"]), r["kind"])] = r["category"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(GOLD))
    ap.add_argument("--audit", default=str(AUDIT))
    args = ap.parse_args()
    if not Path(args.gold).exists():
        print(f"skipped: {args.gold} not found (the TempEval-3 gold lives in ../shared)")
        return 0
    audit = read_audit(Path(args.audit))
    total = timeml.evaluate_dir(args.gold).total
    counts: Counter[tuple[str, str]] = Counter()
    unaudited = []
    for m in total.misses:
        cat = audit.get((m.docid, m.start, m.kind), "unaudited")
        counts[(m.kind, cat)] += 1
        if cat == "unaudited":
            unaudited.append(m)
    n = total.gold + total.system
    print(f"gold {total.gold}, system {total.system}, right values {total.value_ok}")
    print(f"{'kind':<12}" + "".join(f"{c:>17}" for c in (*CATEGORIES, "unaudited")))
    for kind in ("wrong value", "spurious", "missed"):
        print(f"{kind:<12}" + "".join(f"{counts[(kind, c)]:>17}" for c in (*CATEGORIES, "unaudited")))
    print(f"value F1, official (TempEval-3):                      {total.value_f1:.3f}")
    extra = counts[("wrong value", "gold_error")]
    print(f"value F1, gold errors in the values counted right:    {2 * (total.value_ok + extra) / n:.3f}")
    extra += counts[("wrong value", "gold_odd_format")]
    print(f"value F1, gold errors and odd formats counted right:  {2 * (total.value_ok + extra) / n:.3f}")
    for m in unaudited:
        print("  unaudited:", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
