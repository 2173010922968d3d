"""PLOVER gold-standard sentences (../shared/gold/plover-gsr-dev.jsonl), scored in-process with the
same definitions as ../shared/tools/score.py (top event per sentence by confidence).

    .venv/bin/python bench/plover_eval.py [--show N] [--type TYPE]

A thin wrapper over newsevents.evaluate.plover (`newsevents eval events FILE` prints the same figures).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsevents.evaluate import common, countries, plover

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "plover-gsr-dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print N wrong sentences")
    ap.add_argument("--type", default=None, help="only show errors for this gold type")
    args = ap.parse_args()
    if not GOLD.exists():
        sys.exit(f"skipped: {GOLD} is absent")
    recs = common.read_jsonl(GOLD)
    markup = {str(r["id"]): r.get("markup") or r["text"] for r in recs}
    s = plover.evaluate(recs)
    wrong = [x for x in s.sentences if not (x.typed and x.dyad_ok) and (not args.type or args.type == x.gold)]
    for x in wrong[: args.show]:
        print(f"\n[{x.gold} -> {x.predicted}] {markup[x.id]}")
        print("   gold src", set(x.gold_source), "tgt", set(x.gold_target))
        for e in x.events:
            print("   sys ", e["plover"]["type"], sorted(countries(e["source"])), sorted(countries(e["target"])),
                  repr(e["evidence"]["trigger"]), e["confidence"])
    f = s.figures(top_confusions=20)
    print(f"\ntype_acc={f['type_accuracy']:.3f} macro_f1={f['macro_f1']:.3f} "
          f"dyad_acc={f['dyad_accuracy_when_typed']:.3f} no_event={f['no_event']} extra_events={f['extra_events']}")
    print(f["confusions"])


if __name__ == "__main__":
    main()
