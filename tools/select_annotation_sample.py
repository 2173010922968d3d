"""List the State Department releases chosen for the hand-made reference annotations.

    python3 tools/select_annotation_sample.py                 # the 50 event documents, one id a line
    python3 tools/select_annotation_sample.py --actors        # the first 30 of them (actors/places set)
    python3 tools/select_annotation_sample.py --corpus PATH   # another copy of the corpus file

Rule (documented in tests/data/README.md): take every release of
`statedept-releases-2021-2022.jsonl.gz`, drop the 20 whose ids appear in the file names of
`samples/` (developers have read them) and every release whose `text` is longer than 6,000
characters, sort the remaining ids, shuffle them with `random.Random(20261126)` and keep the
first 50. The first 30 of those 50 are also annotated for people and places.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
CORPUS = CORPUS_DIR / "statedept-releases-2021-2022.jsonl.gz"
SEED = 20261126
N_EVENTS = 50
N_ACTORS = 30
MAX_CHARS = 6000


def sample_ids(corpus: Path) -> set[str]:
    """Ids (``state-NNNNNN``) of the releases copied to ``samples/``."""
    ids = set()
    for p in (corpus.parent / "samples").glob("*.txt"):
        m = re.search(r"(state-\d+)", p.name)
        if m:
            ids.add(m.group(1))
    return ids


def eligible(corpus: Path) -> list[str]:
    excluded = sample_ids(corpus)
    ids = []
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in excluded or len(row["text"]) > MAX_CHARS:
                continue
            ids.append(row["id"])
    return sorted(ids)


def select(corpus: Path = CORPUS) -> list[str]:
    ids = eligible(corpus)
    random.Random(SEED).shuffle(ids)
    return ids[:N_EVENTS]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--actors", action="store_true", help="print only the actors/places set")
    args = ap.parse_args()
    chosen = select(args.corpus)
    for i in chosen[:N_ACTORS] if args.actors else chosen:
        print(i)


if __name__ == "__main__":
    main()
