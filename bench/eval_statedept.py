"""Events, people and places on the hand-annotated State Department releases (tests/data/).

    .venv/bin/python bench/eval_statedept.py [--min-confidence 0.5] [--show N]

A thin wrapper over newsevents.evaluate.statedept, where the matching rules are documented
(`newsevents eval statedept tests/data/statedept_events.jsonl --actors tests/data/statedept_actors.jsonl`
prints the same figures).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from newsevents.evaluate import report, statedept

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "statedept-releases-2021-2022.jsonl.gz"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"skipped: {CORPUS} is absent")
    s = statedept.evaluate(ROOT / "tests/data/statedept_events.jsonl", ROOT / "tests/data/statedept_actors.jsonl",
                           CORPUS, args.min_confidence)
    print(report.statedept_text(s, args.show))


if __name__ == "__main__":
    main()
