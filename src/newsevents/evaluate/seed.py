"""One article against a hand annotation in the format of seed.gold.json.

A gold temporal expression is right when a tagged one overlaps one of its occurrences in the article
body and has one of its values. An emitted event matches a gold event when its PLOVER type is among
the gold types, its source countries meet the gold sources, its target countries meet the gold
targets (a null among them accepts no target; no gold target accepts none), its date is among the
gold dates (when given) and its evidence sentence holds the gold trigger or its first word (lowercase
letters and digits compared). Events matching no gold event are counted as unmatched.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ..types import Document, Record
from .common import GoldError, as_list, countries, norm_words, read_json, shared_path

DEFAULT_GOLD = ("gold", "seed.gold.json")
DEFAULT_TEXT = ("corpus", "000_585025c503813674.txt")
_DATE_LINE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*")


def default_paths() -> tuple[Path, Path]:
    return shared_path(*DEFAULT_GOLD), shared_path(*DEFAULT_TEXT)


def body_of(text: str) -> str:
    """The article without its leading `date YYYY-MM-DD` line: what the temporal tagger reads."""
    return _DATE_LINE.sub("", text)


def timex_hits(gold: Sequence[Record], body: str, found: Sequence[Record]) -> list[bool]:
    out = []
    for g in gold:
        starts = [m.start() for m in re.finditer(re.escape(g["text"]), body)]
        values = [str(v) for v in as_list(g["value"])]
        out.append(any(t["start"] < s + len(g["text"]) and s < t["end"] and str(t["value"]) in values
                       for t in found for s in starts))
    return out


def event_matches(e: Record, g: Record) -> bool:
    if e.get("plover", {}).get("type") not in g["plover"]:
        return False
    if not countries(e.get("source")) & set(g["source"]):
        return False
    tg = {x for x in g["target"] if x}
    tc = countries(e.get("target"))
    if tg and not tc & tg and not (None in g["target"] and not tc):
        return False
    if not tg and tc and None not in g["target"]:
        return False
    if g.get("date") is not None and str(e.get("date")) not in [str(d) for d in as_list(g["date"])]:
        return False
    sent = norm_words((e.get("evidence") or {}).get("sentence"))
    trigger = norm_words(g["trigger"])
    return trigger in sent or trigger.split()[0] in sent


def score(gold: Record, body: str, timexes: Sequence[Record], events: Sequence[Record]) -> dict[str, object]:
    hits = timex_hits(gold["timexes"], body, timexes)
    matched: set[str] = set()
    unmatched: list[Record] = []
    for e in events:
        ids = [g["id"] for g in gold["events"] if event_matches(e, g)]
        matched.update(ids)
        if not ids:
            unmatched.append(e)
    req = [g["id"] for g in gold["events"] if g["required"]]
    opt = [g["id"] for g in gold["events"] if not g["required"]]
    return {"timex_right": sum(hits), "timex_total": len(hits),
            "timex_missed": [g["text"] for g, ok in zip(gold["timexes"], hits, strict=True) if not ok],
            "required_found": sum(i in matched for i in req), "required_total": len(req),
            "required_missed": [i for i in req if i not in matched],
            "optional_found": sum(i in matched for i in opt), "optional_total": len(opt),
            "events_emitted": len(events), "events_unmatched": len(unmatched),
            "unmatched": [_brief(e) for e in unmatched]}


def _brief(e: Record) -> str:
    src = "+".join(sorted(countries(e.get("source")))) or "-"
    tgt = "+".join(sorted(countries(e.get("target")))) or "-"
    return f"{e['plover']['type']} {src}->{tgt} {e.get('date')} {(e.get('evidence') or {}).get('trigger')!r}"


def evaluate(gold_path: str | Path, text_path: str | Path) -> dict[str, object]:
    """Tag and code the article as `newsevents timex` and `newsevents code` would, then score it."""
    from ..ingest import read_paths
    from ..pipeline import code_documents
    from ..time import tag

    gold = read_json(gold_path)
    for key in ("publication_date", "timexes", "events"):
        if key not in gold:
            raise GoldError(f"{gold_path}: no {key!r} (not a seed annotation?)")
    if not Path(text_path).is_file():
        raise GoldError(f"{text_path}: no such file")
    docs = list(read_paths([str(text_path)], date.fromisoformat(gold["publication_date"])))
    doc = docs[0]
    if not isinstance(doc, Document):
        raise GoldError(str(doc))
    body = body_of(Path(text_path).read_text(encoding="utf-8"))
    timexes = [t.to_record() for t in tag(body, date.fromisoformat(gold["publication_date"]))]
    events = [e.to_record() for c in code_documents([doc]) for e in c.events]
    return score(gold, body, timexes, events)
