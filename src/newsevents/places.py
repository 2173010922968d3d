"""The `places` stage: named places with coordinates, from the model's entities and the gazetteer.

A name several places share ("Paris", "Tripoli", "Portland") is resolved with what the document
itself says (`gazetteer.place_candidates` lists the candidates, the context-free choice first):

1. a city in a US state the document names wins ("Paris" in a story that names Texas);
2. otherwise the context-free choice stays when its country is named in the document;
3. otherwise the most populous namesake in a country the document names wins, if it has at least
   1/`CONTEXT_POPULATION_RATIO` (30) of the default's population ("Tripoli" in a story about Lebanon).
   U.S. namesakes need their state named (rule 1): the United States is named in so much
   international news that its mention alone says nothing about "Athens" or "Birmingham".

The countries a document names are its country and demonym entities plus the countries of its
unambiguous places ("Beijing", "the Senkaku Islands"); its US states are the states it names and
the states of its unambiguous US cities.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from . import gazetteer
from .nlp import Parsed
from .types import Place, PlaceMention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
CONTEXT_LABELS = PLACE_LABELS | {"NORP"}
CONTEXT_POPULATION_RATIO = 30
# The model's slips: places tagged ORG or PERSON ("visited Paraguay", "strikes on Erbil", "the Tigray
# region"). Such an entity is a place when it is a curated sea, strait, island, river or lake; a curated
# region tagged PERSON ("Sahel"); or any place after a locative preposition ("in the Amazon"),
# coordinated with a place, or followed by "region"/"province" or by ", <country>".
SLIP_LABELS = {"ORG", "PERSON"}
LOCATIVE_PREPS = {"in", "at", "near", "from", "to", "into", "on", "across", "outside", "inside", "toward",
                  "towards", "throughout", "around", "via", "visited", "within"}
NATURAL_KINDS = {"sea", "ocean", "strait", "gulf", "island", "islands", "river", "lake"}
REGION_NOUNS = {"region", "regions", "province", "state", "oblast", "area", "areas"}


@dataclass
class Context:
    """What a document says about where it is: the countries (ISO3) and US states (two letters) it names."""

    countries: set[str] = field(default_factory=set)
    us_states: set[str] = field(default_factory=set)


def _name(ent: Span) -> tuple[int, str]:
    """Start offset and text of an entity without a leading "the" ("the East China Sea")."""
    if ent[0].lower_ == "the" and len(ent) > 1:
        start = ent[1].idx
        return start, ent.doc.text[start:ent.end_char]
    return ent.start_char, ent.text


def context(parsed: Parsed) -> Context:
    """The countries and US states a document names (see the module docstring)."""
    ctx = Context()
    for ent in parsed.doc.ents:
        if ent.label_ not in CONTEXT_LABELS:
            continue
        text = ent.text
        c = gazetteer.demonym(text) if ent.label_ == "NORP" else gazetteer.country(text)
        if c is not None:
            ctx.countries.add(c)
            continue
        if ent.label_ == "NORP":
            continue
        state = gazetteer.us_state(text)
        if state is not None:
            ctx.us_states.add(state)
            ctx.countries.add("USA")
            continue
        cands = gazetteer.place_candidates(_name(ent)[1])
        if len(cands) == 1 and cands[0].country:
            ctx.countries.add(cands[0].country)
            if cands[0].country == "USA" and (st := gazetteer.admin1(cands[0])) is not None:
                ctx.us_states.add(st)
    return ctx


def choose(candidates: list[Place], ctx: Context) -> Place | None:
    """The candidate a document's context points to (rules in the module docstring)."""
    if not candidates:
        return None
    default = candidates[0]
    if len(candidates) == 1:
        return default
    for c in candidates:
        if c.country == "USA" and gazetteer.admin1(c) in ctx.us_states:
            return c
    if default.country in ctx.countries:
        return default
    floor = gazetteer.population(default) / CONTEXT_POPULATION_RATIO
    for c in candidates[1:]:
        if c.country in ctx.countries and c.country != "USA" and gazetteer.population(c) >= floor:
            return c
    return default


def find(parsed: Parsed) -> list[PlaceMention]:
    """Every entity that the gazetteer knows as a place, disambiguated by the document's context.
    Whether a place is where an event happened is the `events` stage's call (a place after
    "in"/"at" attached to the trigger)."""
    out: list[PlaceMention] = []
    ctx: Context | None = None
    for ent in parsed.doc.ents:
        if ent.label_ not in PLACE_LABELS and not (ent.label_ in SLIP_LABELS and _slipped_place(ent)):
            continue
        start, text = _name(ent)
        candidates = gazetteer.place_candidates(ent.text)
        if len(candidates) > 1:
            ctx = ctx or context(parsed)
        place = choose(candidates, ctx) if ctx is not None else (candidates[0] if candidates else None)
        if place is None:
            continue
        out.append(PlaceMention(start, ent.end_char, text, place))
    return out


def _slipped_place(ent: Span) -> bool:
    """An ORG or PERSON entity that is a place all the same (see SLIP_LABELS)."""
    text = _name(ent)[1]
    p = gazetteer.place(text)
    if p is None or gazetteer.organisation(text) or gazetteer.armed_group(text) or gazetteer.metonym(text):
        return False
    if p.kind in NATURAL_KINDS or (ent.label_ == "PERSON" and p.kind not in ("city", "country")):
        return True
    return _locative(ent)  # a region tagged ORG needs context too ("Amazon said" is the company)


def _locative(ent: Span) -> bool:
    doc = ent.doc
    root = ent.root
    before = ent.start - 1
    while before >= 0 and doc[before].lower_ in ("the", "wider", "whole", "entire", "northern", "southern",
                                                 "eastern", "western", "central"):
        before -= 1
    if before >= 0 and doc[before].lower_ in LOCATIVE_PREPS:
        return True
    if ent.end < len(doc) and doc[ent.end].lower_ in REGION_NOUNS:
        return True
    if ent.end + 1 < len(doc) and doc[ent.end].text == "," and doc[ent.end + 1].ent_type_ == "GPE" \
            and gazetteer.country(doc[ent.end + 1].text) is not None:
        return True
    if root.dep_ == "conj":  # "in Kharkiv, Luhansk, and Donetsk"
        first = root
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        if first.ent_type_ in ("GPE", "LOC") or (first.dep_ == "pobj" and first.head.lower_ in LOCATIVE_PREPS):
            return True
    return False
