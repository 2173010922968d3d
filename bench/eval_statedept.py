"""Events, people and places on the hand-annotated State Department releases (tests/data/).

    .venv/bin/python bench/eval_statedept.py [--min-confidence 0.5] [--show N]

Events: a coded event is right when, in the same release, a gold event has its PLOVER type among the
gold types, its evidence sentence holds the start of the gold sentence, its source countries meet the gold
ones, its target countries meet the gold ones (or both are empty; for reciprocal types either
direction counts) and, where the gold gives a date, the same date (a day within a gold month or year
counts). Precision is over all coded events at the threshold; recall over the gold events marked required.
People: a gold person is right when an actor mention naming them (by surname) has the gold country
and sector. Places: a gold place is right when the first place mention of that name has the gold
country. Names are compared as whole words (case, punctuation and a leading "the" ignored): a mention
with exactly the gold words is preferred; failing that, one whose words contain the gold words as a
contiguous run or are contained in them ("Donetsk" for "Donetsk region"), so "UK" never matches
inside "Ukraine".
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.pipeline import code_documents
from newsevents.types import ActorMention, Document, PlaceMention

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "statedept-releases-2021-2022.jsonl.gz"
RECIPROCAL = {"CONSULT", "AGREE", "COOPERATE"}


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


def event_matches(e: dict[str, Any], g: dict[str, Any]) -> bool:
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
    return g.get("date") is None or e["date"] == g["date"] or e["date"].startswith(g["date"] + "-")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-confidence", type=float, default=0.0)
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"skipped: {CORPUS} is absent")
    gold_ev = {json.loads(x)["id"]: json.loads(x) for x in (ROOT / "tests/data/statedept_events.jsonl").open()}
    gold_ac = {json.loads(x)["id"]: json.loads(x) for x in (ROOT / "tests/data/statedept_actors.jsonl").open()}
    recs = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in gold_ev:
                recs[r["id"]] = r
    docs = [Document(i, date.fromisoformat(recs[i]["date"]), recs[i]["text"], recs[i].get("title"),
                     recs[i].get("url")) for i in gold_ev]
    coded = {c.document.id: c for c in code_documents(docs)}
    tp = fp = 0
    found_req: set[tuple[str, int]] = set()
    wrong: list[str] = []
    for doc_id, g in gold_ev.items():
        for e in (ev.to_record() for ev in coded[doc_id].events if ev.confidence >= args.min_confidence):
            hits = [k for k, ge in enumerate(g["events"]) if event_matches(e, ge)]
            if hits:
                tp += 1
                found_req.update((doc_id, k) for k in hits if g["events"][k]["required"])
            else:
                fp += 1
                s, t = "+".join(sorted(codes(e["source"]))), "+".join(sorted(codes(e["target"])))
                wrong.append(f"{doc_id} {e['plover']['type']} {s}->{t} {e['date']} "
                             f"'{e['evidence']['trigger']}' | {norm(e['evidence']['sentence'])[:120]}")
    n_req = sum(1 for g in gold_ev.values() for ge in g["events"] if ge["required"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = len(found_req) / n_req if n_req else 0.0
    for w in wrong[: args.show]:
        print("  wrong:", w)
    # people and places
    p_ok = p_n = pl_ok = pl_n = 0
    for doc_id, g in gold_ac.items():
        c = coded[doc_id]
        actors = [m for m in c.mentions if isinstance(m, ActorMention) and m.actor.name]
        places = [m for m in c.mentions if isinstance(m, PlaceMention)]
        for person in g["people"]:
            p_n += 1
            surname = person["mention"].split()[-1].lower()
            cands = [m for m in actors if surname in (m.actor.name or "").lower().split()]
            if any(m.actor.country == person["country"] and m.actor.sector == person["sector"] for m in cands):
                p_ok += 1
        for place in g["places"]:
            pl_n += 1
            cands = place_candidates(place["mention"], places)
            if cands and cands[0].place.country == place["country"]:
                pl_ok += 1
    print(f"events: coded {tp + fp}, right {tp}, precision {precision:.3f}; required gold {n_req}, "
          f"found {len(found_req)}, recall {recall:.3f} (min confidence {args.min_confidence})")
    print(f"people: {p_ok}/{p_n} resolved right ({p_ok / p_n:.3f}); "
          f"places: {pl_ok}/{pl_n} with the right country ({pl_ok / pl_n:.3f})")


if __name__ == "__main__":
    main()
