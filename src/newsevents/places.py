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
        return ent[1].idx, ent[1:].text
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
    shared = _shared_head_places(parsed)
    done = {t for _, _, toks in shared for t in toks}
    out.extend(m for m, _, _ in shared)
    for ent in parsed.doc.ents:
        if done & set(range(ent.start, ent.end)):
            continue
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
    missed = _missed_places(parsed, out)
    if missed:
        ctx = ctx or context(parsed)
        for start, end, cands in missed:
            place = choose(cands, ctx)
            if place is not None:
                out.append(PlaceMention(start, end, parsed.document.text[start:end], place))
    out.sort(key=lambda m: m.start)
    return out


MAX_NAME_TOKENS = 5
MIN_UNTAGGED_CITY_POPULATION = 100_000  # a city the model did not tag must be this large


# Plural kind nouns that two coordinated names share: "the East and South China seas".
SHARED_HEADS = {"seas": "Sea", "oceans": "Ocean", "straits": "Strait", "gulfs": "Gulf", "rivers": "River",
                "lakes": "Lake", "islands": "Islands", "regions": "region", "provinces": "Province",
                "oblasts": "Oblast"}


def _shared_head_places(parsed: Parsed) -> list[tuple[PlaceMention, int, set[int]]]:
    """Coordinated names that share a plural head: "the East and South China seas" is the East China
    Sea and the South China Sea, "Kherson and Zaporizhzhia regions" two regions. The last name keeps
    its words after the first ("China") and lends them to the earlier ones ("East" -> "East China")."""
    doc = parsed.doc
    out: list[tuple[PlaceMention, int, set[int]]] = []
    for ent in doc.ents:
        if ent.end >= len(doc) or doc[ent.end].lower_ not in SHARED_HEADS or ent.label_ not in PLACE_LABELS | {"ORG"}:
            continue
        noun = doc[ent.end]
        head = SHARED_HEADS[noun.lower_]
        words = ent.text.split()
        if words[0].lower() == "the":
            words = words[1:]
        if not words:
            continue
        names: list[tuple[int, int, list[str]]] = [(ent.start, noun.i + 1, words)]
        # the earlier conjuncts: "East and", "Kherson, Luhansk and"
        i = ent.start - 1
        while i >= 1 and doc[i].lower_ in ("and", ",", "or"):
            j = i - 1
            if not (doc[j].text[:1].isupper() and doc[j].is_alpha):
                break
            k = j
            while k - 1 >= ent.sent.start and doc[k - 1].text[:1].isupper() and doc[k - 1].is_alpha:
                k -= 1
            names.append((k, j + 1, [*doc[k:j + 1].text.split(), *words[1:]]))
            i = k - 1
        if len(names) < 2:
            continue
        found: list[tuple[PlaceMention, int, set[int]]] = []
        for a, b, ws in names:
            text = " ".join(ws)
            place = next((pl for form in (f"{text} {head}", f"{text} {head.lower()}", f"{text} {head.rstrip('s')}")
                          if (pl := gazetteer.place(form)) is not None and pl.kind != "not-a-place"), None)
            if place is None:
                break
            start = doc[a].idx
            end = doc[b - 1].idx + len(doc[b - 1].text)
            found.append((PlaceMention(start, end, doc[a:b].text, place), a, set(range(a, b))))
        else:
            out.extend(found)
    return out


def _missed_places(parsed: Parsed, found: list[PlaceMention]) -> list[tuple[int, int, list[Place]]]:
    """Places the model did not tag (see the module docstring): a country or a curated place other
    than a city anywhere outside other entities ("the people of Seychelles", "U.S. Embassy Czech
    Republic:", "the Indo-Pacific region"); a city after a locative preposition or coordinated with
    a place ("in Kharkiv, Luhansk, and Donetsk"); a US state's postal code after a name ("Brown
    University (RI)", "Providence, RI"). A name run on by another capitalised word ("Free Asia",
    "Georgia Tech") is not one."""
    doc = parsed.doc
    # an entity across a line break is the model's slip ("Sport\nBelgium\nValérie Glatigny"): looked into
    covered = {t for e in doc.ents if "\n" not in e.text for t in range(e.start, e.end)}
    for m in found:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            covered.update(range(span.start, span.end))
    out: list[tuple[int, int, list[Place]]] = []
    i = 0
    n = len(doc)
    while i < n:
        t = doc[i]
        if i in covered or not t.text[:1].isupper():
            i += 1
            continue
        hit = None
        for k in range(min(MAX_NAME_TOKENS, n - i), 0, -1):
            span = doc[i:i + k]
            if any(x.i in covered or x.is_space for x in span) or not span[-1].text[:1].isalpha():
                continue
            hit = _missed_place(span)
            if hit is not None:
                break
        if hit is None:
            i += 1
            continue
        span, cands = hit
        out.append((span.start_char, span.end_char, cands))
        i = span.end
    return out


def _missed_place(span: Span) -> tuple[Span, list[Place]] | None:
    doc = span.doc
    text = span.text
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if len(span) == 1 and len(text) == 2 and text.isupper():
        state = gazetteer.us_state_by_code(text)
        if state is None or before is None:
            return None
        if (before.text == "(" and after is not None and after.text == ")") or (
                before.text == "," and span.start > 1 and doc[span.start - 2].text[:1].isupper()
                and (after is None or not after.text[:1].isupper())):
            return span, [state]
        return None
    if (after is not None and after.text[:1].isupper() and after.is_alpha and after.lower_ not in REGION_NOUNS) \
            or (before is not None and before.text[:1].isupper() and before.is_alpha
                and before.i != span.sent.start and gazetteer.agent(before.text) is None):
        return None  # part of a longer name ("Radio Free Asia"), but "U.S. Embassy Hungary" names a place
    if text.isupper() and len(text) <= 3 or text.lower() in ("us", "un"):
        return None
    cands = gazetteer.place_candidates(text)
    if not cands or cands[0].kind == "not-a-place":
        return None
    if cands[0].kind != "city":
        return span, cands
    if gazetteer.population(cands[0]) < MIN_UNTAGGED_CITY_POPULATION:
        return None
    locative = before is not None and before.lower_ in LOCATIVE_PREPS
    return (span, cands) if locative or _coordinated_with_place(span) else None


def _coordinated_with_place(span: Span) -> bool:
    """"in Kharkiv, Luhansk, and Donetsk": a conjunct of a place the model tagged."""
    root = span.root
    if root.dep_ != "conj":
        return False
    first = root
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return any(c.ent_type_ in ("GPE", "LOC") or (c.dep_ == "pobj" and c.head.lower_ in LOCATIVE_PREPS)
               for c in (first, *first.conjuncts) if c.i != root.i)


def _slipped_place(ent: Span) -> bool:
    """An ORG or PERSON entity that is a place all the same (see SLIP_LABELS)."""
    text = _name(ent)[1]
    p = gazetteer.place(text)
    if p is None or gazetteer.organisation(text) or gazetteer.armed_group(text) or gazetteer.metonym(text):
        return False
    if p.kind in NATURAL_KINDS or (ent.label_ == "PERSON" and p.kind not in ("city", "country")):
        return True
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if p.kind == "region" and ent.root.dep_ not in ("nsubj", "nsubjpass", "poss") and (
            ent[0].lower_ == "the" or (before is not None and (before.lower_ == "the" or before.pos_ == "ADJ"))):
        return True  # "a free and open Indo-Pacific", "the Sahel"
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
    # "the so-called DNR and LNR regions": a conjunct followed by "regions"
    return any(c.i + 1 < len(doc) and doc[c.i + 1].lower_ in REGION_NOUNS for c in root.conjuncts)
