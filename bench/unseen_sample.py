"""Draw a seeded random sample of coded events from corpus documents nobody tuned on, for reading.

    .venv/bin/python bench/unseen_sample.py wikinews --docs 150 --events 30 --seed 41 > sample.jsonl

Documents are drawn with `random.Random(seed).sample` from the corpus file minus the releases
annotated in tests/data; all their events are coded, and `--events` of them are drawn with the same
generator. Each line holds what a reader needs to judge the event against its sentence (type, CAMEO
code, source and target countries, date and where it came from, the trigger and the sentence). The
judging itself is by hand; docs/accuracy.md ("Text nobody tuned on") gives the counts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from datetime import date
from pathlib import Path

from newsevents.evaluate.common import shared_path
from newsevents.pipeline import code_documents
from newsevents.types import Document

FILES = {"wikinews": "wikinews-2019-2021.jsonl.gz", "statedept": "statedept-releases-2021-2022.jsonl.gz"}
ANNOTATED = Path(__file__).resolve().parent.parent / "tests" / "data" / "statedept_events.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", choices=sorted(FILES))
    ap.add_argument("--docs", type=int, default=150)
    ap.add_argument("--events", type=int, default=30)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--exclude", action="append", default=[],
                    help="an earlier sample (JSONL) whose documents were read: they are not drawn again")
    args = ap.parse_args()
    path = shared_path("corpus", FILES[args.corpus])
    if not path.exists():
        sys.exit(f"{path} not found: the shared corpus is needed")
    skip = {json.loads(line)["id"] for line in ANNOTATED.read_text(encoding="utf-8").splitlines()}
    for earlier in args.exclude:
        skip |= {json.loads(line)["doc_id"] for line in Path(earlier).read_text(encoding="utf-8").splitlines()}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [r for line in f if (r := json.loads(line)).get("text") and r["id"] not in skip]
    rng = random.Random(args.seed)
    chosen = rng.sample(sorted(records, key=lambda r: r["id"]), min(args.docs, len(records)))
    docs = [Document(r["id"], date.fromisoformat(r["date"][:10]), r["text"], url=r.get("url")) for r in chosen]
    events = [e for coded in code_documents(docs) for e in coded.events]
    for e in rng.sample(events, min(args.events, len(events))):
        print(json.dumps({
            "doc_id": e.doc_id, "published": e.published.isoformat(), "type": e.plover_type, "cameo": e.cameo.code,
            "source": [a.actor.country or a.actor.sector for a in e.source],
            "target": [a.actor.country or a.actor.sector for a in e.target],
            "date": e.date, "date_source": e.date_source, "modality": e.modality,
            "trigger": e.evidence.trigger, "sentence": e.evidence.sentence,
        }, ensure_ascii=False))


if __name__ == "__main__":
    main()
