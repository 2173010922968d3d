"""Print what newsevents.time.tag finds in a seeded sample of news nobody tuned it on, for judging by hand.

    .venv/bin/python bench/unseen_timex.py --corpus statedept --docs 8 --seed 7 > statedept.jsonl
    .venv/bin/python bench/unseen_timex.py --corpus wikinews --seed 11 --exclude docs/unseen_timex.tsv
    .venv/bin/python bench/unseen_timex.py --score docs/unseen_timex.tsv

Documents are drawn with `random.Random(seed).sample` from the corpus file (sorted by id) minus the
releases annotated in tests/data, as bench/unseen_sample.py draws them, and minus the documents named in
every judgement TSV given with `--exclude` (repeatable), so a new sample holds no document judged before
(a document with nothing tagged and nothing missed has no row, so it can be drawn again: state-251031 of
seed 7 was not drawn by seed 11). A long document is cut to its first 400 words, carried on to the end of
that sentence (`--words`; 0 keeps the whole text), and only the kept text is tagged and judged. Each
output line holds the document id, its publication date, the kept text with every tagged expression
marked `[[text|TYPE value]]`, and the expressions themselves.

`--score` reads the judgement TSV (docs/unseen_timex.tsv: corpus, doc_id, pub_date, kind, text,
system_value, right_value, verdict, reason, sample) and prints per corpus and overall the counts, precision
(tagged that are timexes / tagged), recall (timexes found / timexes found or missed), value accuracy
(right / timexes tagged) and the TempEval-3 value F1 (value accuracy x F1 of precision and recall), for
each sample and for all samples together. `sample` names the draw and the commit judged, `seed7@3e369db`.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.evaluate.common import shared_path
from newsevents.time import tag

FILES = {"wikinews": "wikinews-2019-2021.jsonl.gz", "statedept": "statedept-releases-2021-2022.jsonl.gz"}
ANNOTATED = Path(__file__).resolve().parent.parent / "tests" / "data" / "statedept_events.jsonl"
VERDICTS = ("right", "wrong_value", "not_timex", "missed")


def keep_words(text: str, words: int) -> str:
    """The first `words` words of `text`, carried on to the end of that sentence (all of it when shorter)."""
    if words <= 0:
        return text
    spans = [m.end() for m in re.finditer(r"\S+", text)]
    if len(spans) <= words:
        return text
    end = re.compile(r"[.!?][\"')\u201d\u2019]*(?=\s)|\n").search(text, spans[words - 1] - 1)
    return text[: end.end() if end else len(text)].rstrip()


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a judgement TSV."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def draw(corpus: str, n: int, seed: int, exclude: Iterable[Path] = ()) -> list[dict[str, Any]]:
    """`n` records of the corpus drawn with the seed, annotated State Department releases and the
    documents of the judgement TSVs in `exclude` left out."""
    path = shared_path("corpus", FILES[corpus])
    if not path.exists():
        sys.exit(f"{path} not found: the shared corpus is needed")
    skip = {json.loads(line)["id"] for line in ANNOTATED.read_text(encoding="utf-8").splitlines() if line.strip()}
    skip |= {r["doc_id"] for tsv in exclude for r in read_tsv(tsv)}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        records = [r for line in f if (r := json.loads(line)).get("text") and r["id"] not in skip]
    return random.Random(seed).sample(sorted(records, key=lambda r: r["id"]), min(n, len(records)))


def show(record: dict[str, Any], words: int) -> dict[str, Any]:
    """The JSON line for one document: its kept text with the tagged expressions marked, and the list."""
    text = keep_words(record["text"], words)
    published = date.fromisoformat(record["date"][:10])
    found = tag(text, published)
    parts: list[str] = []
    at = 0
    for t in found:
        parts += [text[at:t.start], f"[[{text[t.start:t.end]}|{t.type} {t.value}{' ' + t.mod if t.mod else ''}]]"]
        at = t.end
    parts.append(text[at:])
    return {
        "doc_id": record["id"], "date": published.isoformat(), "title": record.get("title", ""),
        "words": len(record["text"].split()), "kept_words": len(text.split()), "marked": "".join(parts),
        "timexes": [t.to_record() for t in found],
    }


def ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def table(rows: list[dict[str, str]]) -> None:
    """Counts and figures per corpus and overall of some judgement rows."""
    groups = sorted({r["corpus"] for r in rows}) + ["overall"]
    print(f"{'corpus':<10} {'tagged':>6} {'right':>5} {'wrong_value':>11} {'not_timex':>9} {'missed':>6}"
          f" {'P':>6} {'R':>6} {'F1':>6} {'val_acc':>7} {'val_F1':>6}")
    for g in groups:
        sel = [r for r in rows if g in ("overall", r["corpus"])]
        c = Counter(r["verdict"] for r in sel)
        tagged = c["right"] + c["wrong_value"] + c["not_timex"]
        real = c["right"] + c["wrong_value"]
        p, rec = ratio(real, tagged), ratio(real, real + c["missed"])
        f1 = ratio(2 * p * rec, p + rec)
        acc = ratio(c["right"], real)
        print(f"{g:<10} {tagged:>6} {c['right']:>5} {c['wrong_value']:>11} {c['not_timex']:>9}"
              f" {c['missed']:>6} {p:>6.3f} {rec:>6.3f} {f1:>6.3f} {acc:>7.3f} {acc * f1:>6.3f}")


def score(path: Path) -> None:
    """Counts and figures per corpus and overall from the judgement TSV, for each sample and all together."""
    rows = read_tsv(path)
    for i, r in enumerate(rows, 2):
        if r["verdict"] not in VERDICTS or (r["kind"] == "missed") != (r["verdict"] == "missed"):
            sys.exit(f"{path}:{i}: kind {r['kind']!r} with verdict {r['verdict']!r}")
        if not r.get("sample"):
            sys.exit(f"{path}:{i}: no sample named")
    samples = list(dict.fromkeys(r["sample"] for r in rows))
    for s in samples:
        docs = len({r["doc_id"] for r in rows if r["sample"] == s})
        print(f"sample {s} ({docs} documents with a row)")
        table([r for r in rows if r["sample"] == s])
        print()
    print(f"all samples ({', '.join(samples)}; {len({r['doc_id'] for r in rows})} documents with a row)")
    table(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=sorted(FILES))
    ap.add_argument("--docs", type=int, default=8)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--words", type=int, default=400, help="keep this many words of a document (0: all)")
    ap.add_argument("--exclude", type=Path, action="append", default=[], metavar="FILE.tsv",
                    help="draw no document of this judgement TSV (repeatable)")
    ap.add_argument("--score", type=Path, metavar="FILE.tsv", help="print the figures of a judgement TSV")
    args = ap.parse_args()
    if args.score:
        score(args.score)
        return
    if not args.corpus:
        ap.error("--corpus is needed unless --score is given")
    for record in draw(args.corpus, args.docs, args.seed, args.exclude):
        print(json.dumps(show(record, args.words), ensure_ascii=False))


if __name__ == "__main__":
    main()
