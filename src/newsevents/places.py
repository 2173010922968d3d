"""The `places` stage: named places with coordinates, from the model's entities and the gazetteer."""

from __future__ import annotations

from . import gazetteer
from .nlp import Parsed
from .types import PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}


def find(parsed: Parsed) -> list[PlaceMention]:
    """Every entity that the gazetteer knows as a place. Whether a place is where an event happened
    is the `events` stage's call (a place after "in"/"at" attached to the trigger)."""
    out: list[PlaceMention] = []
    for ent in parsed.doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        place = gazetteer.place(ent.text)
        if place is None:
            continue
        start = ent.start_char
        text = ent.text
        if ent[0].lower_ == "the":  # "the East China Sea": the name, not the article
            start = ent[1].idx if len(ent) > 1 else start
            text = parsed.doc.text[start:ent.end_char]
        out.append(PlaceMention(start, ent.end_char, text, place))
    return out
