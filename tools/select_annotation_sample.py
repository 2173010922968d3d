"""List the State Department releases chosen for the hand-made reference annotations.

    python3 tools/select_annotation_sample.py                 # the 50 event documents, one id a line
    python3 tools/select_annotation_sample.py --actors        # the first 30 of them (actors/places set)
    python3 tools/select_annotation_sample.py --corpus PATH   # another copy of the corpus file
    python3 tools/select_annotation_sample.py --check         # validate tests/data/statedept_*.jsonl

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
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
CORPUS = CORPUS_DIR / "statedept-releases-2021-2022.jsonl.gz"
SEED = 20261126
DATA = ROOT / "tests" / "data"
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


PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
CODE = re.compile(r"^[A-Z]{3}$")  # ISO 3166 alpha-3, or IGO / NGO
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check(corpus: Path = CORPUS, data: Path = DATA) -> list[str]:
    """Problems found in the hand-made annotation files (empty list when they are valid)."""
    chosen = select(corpus)
    wanted = set(chosen)
    docs: dict[str, dict[str, Any]] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in wanted:
                docs[row["id"]] = row
    errors: list[str] = []

    def rows(name: str) -> list[dict[str, Any]]:
        out = []
        for n, line in enumerate((data / name).read_text(encoding="utf-8").splitlines(), 1):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as e:
                errors.append(f"{name}:{n}: not JSON ({e})")
        return out

    def code_ok(where: str, c: object, allow_none: bool = False) -> None:
        if c is None and allow_none:
            return
        if not isinstance(c, str) or not CODE.match(c):
            errors.append(f"{where}: bad code {c!r}")

    actors = rows("statedept_actors.jsonl")
    if [r.get("id") for r in actors] != chosen[:N_ACTORS]:
        errors.append("statedept_actors.jsonl: ids differ from the selection (first 30, in order)")
    for r in actors:
        doc = docs.get(str(r.get("id")))
        if doc is None:
            errors.append(f"actors {r.get('id')}: not in the selection")
            continue
        text, where = doc["text"], f"actors {r['id']}"
        if r.get("date") != doc["date"]:
            errors.append(f"{where}: date {r.get('date')} != {doc['date']}")
        for p in r["people"]:
            if p["mention"] not in text:
                errors.append(f"{where}: person {p['mention']!r} not in text")
            code_ok(where, p["country"], allow_none=True)
            code_ok(where, p["sector"])
        for p in r["places"]:
            if p["mention"] not in text:
                errors.append(f"{where}: place {p['mention']!r} not in text")
            code_ok(where, p["country"], allow_none=True)

    events = rows("statedept_events.jsonl")
    if [r.get("id") for r in events] != chosen[: len(events)]:
        errors.append("statedept_events.jsonl: ids differ from the selection order")
    for r in events:
        doc = docs.get(str(r.get("id")))
        if doc is None:
            errors.append(f"events {r.get('id')}: not in the selection")
            continue
        text, where = doc["text"], f"events {r['id']}"
        if r.get("date") != doc["date"]:
            errors.append(f"{where}: date {r.get('date')} != {doc['date']}")
        for e in r["events"]:
            s, trig = e["sentence_start"], e["trigger"]
            starts = [m.start() for m in re.finditer(re.escape(s), text)]
            if not starts:
                errors.append(f"{where}: sentence_start {s!r} not in text")
            elif not any(0 <= text.find(trig, i) - i < 800 for i in starts):
                errors.append(f"{where}: trigger {trig!r} not found after {s!r}")
            if not e["plover"] or set(e["plover"]) - PLOVER:
                errors.append(f"{where}: bad plover {e['plover']}")
            for c in e["source"] + e["target"]:
                code_ok(where, c)
            if e["date"] is not None and not DATE.match(e["date"]):
                errors.append(f"{where}: bad date {e['date']!r}")
            if not isinstance(e["required"], bool):
                errors.append(f"{where}: required must be true/false")
    return errors


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--actors", action="store_true", help="print only the actors/places set")
    ap.add_argument("--check", action="store_true", help="validate the annotation files instead")
    args = ap.parse_args()
    if args.check:
        problems = check(args.corpus)
        for p in problems:
            print(p)
        raise SystemExit(1 if problems else 0)
    chosen = select(args.corpus)
    for i in chosen[:N_ACTORS] if args.actors else chosen:
        print(i)


if __name__ == "__main__":
    main()
