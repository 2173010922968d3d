"""Events, people and places against the hand annotation of State Department releases (tests/data/).

The annotation holds no text: the releases are read from the corpus file by id.
Events: a coded event is right when, in the same release, a gold event has its PLOVER type among the
gold types, its evidence sentence holds the start of the gold sentence, its source countries meet the
gold ones, its target countries meet the gold ones (or both are empty; for reciprocal types either
direction counts) and, where the gold gives a date, the same date (a day within a gold month or year
counts). Precision is over all coded events at the threshold; recall over the gold events marked
required.
People: a gold person is right when an actor mention naming them (by surname) has the gold country
and sector. Places: a gold place is right when the first place mention of that name has the gold
country. Names are compared as whole words (case, punctuation and a leading "the" ignored): a mention
with exactly the gold words is preferred; failing that, one whose words contain the gold words as a
contiguous run or are contained in them ("Donetsk" for "Donetsk region"), so "UK" never matches
inside "Ukraine".
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..types import ActorMention, Document, PlaceMention, Record
from .common import GoldError, read_jsonl, shared_path

DEFAULT_CORPUS = ("corpus", "statedept-releases-2021-2022.jsonl.gz")
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}


def is_annotation(records: Sequence[Record]) -> bool:
    """Records in this annotation's format (events listed per release, no text)."""
    return bool(records) and all("events" in r and "text" not in r for r in records)


def codes(actors: list[dict[str, Any]]) -> set[str]:
    out = {a["country"] for a in actors if a.get("country")}
    out |= {a["sector"] for a in actors if a.get("sector") in ("IGO", "NGO")}
    return out


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def words(s: str) -> tuple[str, ...]:
    """A name as compared: lowercase word tokens, without a leading "the"."""
    w = tuple(re.findall(r"\w+", s.lower()))
    return w[1:] if len(w) > 1 and w[0] == "the" else w


def contains(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """`small` occurs in `big` as a contiguous run of whole words."""
    n = len(small)
    return n > 0 and any(big[i:i + n] == small for i in range(len(big) - n + 1))


def place_candidates(gold: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """The place mentions that name a gold place: exact word matches, else whole-word containment."""
    g = words(gold)
    exact = [m for m in places if words(m.text) == g]
    return exact or [m for m in places if contains(words(m.text), g) or contains(g, words(m.text))]


def event_matches(e: Record, g: Record) -> bool:
    if e["plover"]["type"] not in g["plover"]:
        return False
    if norm(g["sentence_start"])[:30] not in norm(e["evidence"]["sentence"]):
        return False
    src, tgt = codes(e["source"]), codes(e["target"])
    gs, gt = set(g["source"]), set(g["target"])
    ok = bool(src & gs) and (bool(tgt & gt) or (not gt and not tgt) or (not gt and bool(tgt & gs)))
    if not ok and e["plover"]["type"] in RECIPROCAL:  # the same meeting told from the other side
        both = gs | gt
        ok = bool(src & both) and (not tgt or bool(tgt & both))
    if not ok:
        return False
    # a day inside the gold's month (or year) agrees with it: the gold only knew the month
    return g.get("date") is None or e["date"] == g["date"] or str(e["date"]).startswith(g["date"] + "-")


@dataclass
class StatedeptScore:
    min_confidence: float
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    required: int = 0
    found_required: int = 0
    people: int = 0
    people_right: int = 0
    places: int = 0
    places_right: int = 0

    def figures(self) -> dict[str, object]:
        coded = self.right + len(self.wrong)
        return {"min_confidence": self.min_confidence, "events_coded": coded, "events_right": self.right,
                "precision": self.right / coded if coded else 0.0, "required": self.required,
                "required_found": self.found_required,
                "recall": self.found_required / self.required if self.required else 0.0,
                "people": self.people, "people_right": self.people_right,
                "places": self.places, "places_right": self.places_right}


def score_events(gold: Mapping[str, Record], coded: Mapping[str, list[Record]], res: StatedeptScore) -> None:
    """Add the coded events (already filtered by confidence) of each annotated release to res."""
    found: set[tuple[str, int]] = set()
    for doc_id, g in gold.items():
        for e in coded.get(doc_id, []):
            hits = [k for k, ge in enumerate(g["events"]) if event_matches(e, ge)]
            if hits:
                res.right += 1
                found.update((doc_id, k) for k in hits if g["events"][k]["required"])
            else:
                s, t = "+".join(sorted(codes(e["source"]))), "+".join(sorted(codes(e["target"])))
                res.wrong.append(f"{doc_id} {e['plover']['type']} {s}->{t} {e['date']} "
                                 f"'{e['evidence']['trigger']}' | {norm(e['evidence']['sentence'])[:120]}")
    res.required += sum(1 for g in gold.values() for ge in g["events"] if ge["required"])
    res.found_required += len(found)


def score_people_places(gold: Record, mentions: Sequence[object], res: StatedeptScore) -> None:
    actors = [m for m in mentions if isinstance(m, ActorMention) and m.actor.name]
    places = [m for m in mentions if isinstance(m, PlaceMention)]
    for person in gold["people"]:
        res.people += 1
        surname = person["mention"].split()[-1].lower()
        cands = [m for m in actors if surname in (m.actor.name or "").lower().split()]
        res.people_right += any(m.actor.country == person["country"] and m.actor.sector == person["sector"]
                                for m in cands)
    for place in gold["places"]:
        res.places += 1
        pc = place_candidates(place["mention"], places)
        res.places_right += bool(pc) and pc[0].place.country == place["country"]


def evaluate(events_path: str | Path, actors_path: str | Path | None = None, corpus: str | Path | None = None,
             min_confidence: float = 0.0) -> StatedeptScore:
    """Code the annotated releases (read from the corpus by id) and score events, people and places."""
    from ..pipeline import code_documents

    gold_ev = {str(r["id"]): r for r in read_jsonl(events_path)}
    gold_ac = {str(r["id"]): r for r in read_jsonl(actors_path)} if actors_path else {}
    if not is_annotation(list(gold_ev.values())):
        raise GoldError(f"{events_path}: not in the State Department annotation format (id, date, events)")
    corpus = Path(corpus) if corpus else shared_path(*DEFAULT_CORPUS)
    if not corpus.is_file():
        raise GoldError(f"{corpus} is absent: pass the releases' corpus file (--corpus), or set $NEWSEVENTS_SHARED")
    recs = {str(r["id"]): r for r in read_jsonl(corpus) if str(r.get("id")) in gold_ev}
    absent = [i for i in gold_ev if i not in recs]
    if absent:
        raise GoldError(f"{corpus}: lacks {len(absent)} annotated release(s), e.g. {absent[0]}")
    docs = [Document(i, date.fromisoformat(str(recs[i]["date"])[:10]), recs[i]["text"], recs[i].get("title"),
                     recs[i].get("url")) for i in gold_ev]
    res = StatedeptScore(min_confidence)
    coded: dict[str, list[Record]] = {}
    for c in code_documents(docs):
        # filter before to_record, which rounds the confidence
        coded[c.document.id] = [e.to_record() for e in c.events if e.confidence >= min_confidence]
        if c.document.id in gold_ac:
            score_people_places(gold_ac[c.document.id], c.mentions, res)
    score_events(gold_ev, coded, res)
    return res
