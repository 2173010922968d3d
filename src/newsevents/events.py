"""The `events` stage: PLOVER/CAMEO events from trigger patterns over the dependency parse.

A trigger (data/triggers.tsv) is a verb, a verb with a required object ("signed an agreement",
"shared concerns"), or a noun ("talks"). Its source comes from the subject (or the passive agent, or
the governing verb's subject for "vowing to ..."), its target from the object or prepositional
objects the pattern names; actors come from the `actors` stage. The date is the temporal expression
attached to the trigger in the parse (not crossing into other clauses), else the publication date.
Precision first: no actor, no event; a pattern that needs a target and finds none codes nothing.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Token

from . import gazetteer, ontology
from .actors import Resolution
from .datafiles import read_table, split_list
from .nlp import Parsed
from .time import event_date
from .types import Actor, ActorMention, Event, Evidence, PlaceMention, Quantity, Timex

# Dependencies that open another clause: a date or place there belongs to that clause's event.
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "parataxis", "csubj", "acl", "conj"}
SUBJECT_DEPS = {"nsubj", "csubj"}
PLACE_PREPS = {"in", "at", "near", "inside", "outside"}
WH_OBJECTS = {"WP", "WDT"}
MAX_OBJECT_LOOKAHEAD = 10
NO_OBJECT = frozenset({"-"})
# A photo credit marks a caption ("... stands with leaders from Israel Image: The White House.").
CAPTION = re.compile(r"\b(?:Image|Photo|Photograph|Picture)\s*:\s")
# Types whose source may be a thing named by its owner ("Israeli air raids killed ...", "Russian
# missiles hit ..."); in the others a source must be an actor.
# RETREAT modes where a passive subject is the one who retreats ("troops were withdrawn").
SELF_RETREAT_MODES = {"withdraw", "disarm", "resign"}
FORCE_TYPES = {"ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION"}
# The state's own forces and officials (PLOVER: their rallies and marches are not PROTEST).
STATE_SECTORS = {"GOV", "MIL", "COP", "SPY"}
# Sectors of people who may protest where they are without a stated nationality (not officials).
CROWD_SECTORS = {"CVL", "LAB", "EDU", "AGR", "REL", "REF", "OPP", "MED"}
# Types whose mentions across a document are one event: a readout's "met ... discussed ... also
# discussed" is one meeting. Statements (accusations, support, requests) stay one per sentence.
DOCUMENT_LEVEL_TYPES = {"CONSULT"}  # in triggers.tsv: the verb must have no direct object


CLAUSE = frozenset({"ccomp"})  # as a pattern's particle: the verb must govern a that-clause


@dataclass(frozen=True)
class Pattern:
    verbs: frozenset[str]
    objects: frozenset[str]
    particle: frozenset[str]
    preps: frozenset[str]
    deep: bool
    place_target: bool  # with no actor as target, the country of the event's place is the target
    topic_object: bool  # the direct object is what is discussed, never the target ("discussed trade")
    home_target: bool  # with no target at all, the source's own government ("students protested")
    act_target: bool  # with no target, a complement that is an action is enough ("agreed to allow access")
    self_target: bool  # the object names the target itself: "received the delegation", not "Iranian aid"
    plover: str
    mode: str | None
    cameo: str
    reciprocal: bool
    needs_target: bool
    weight: float
    line: int


@dataclass(frozen=True)
class Modality:
    speech: frozenset[str]
    intent: frozenset[str]
    future: frozenset[str]
    hypothetical: frozenset[str]
    ultimatum: frozenset[str]  # "unless": the action is threatened if the other side does not comply
    obligation: frozenset[str]  # "must": a demand on the clause's subject
    irrealis: frozenset[str]  # nouns whose complement did not happen: "demand that ...", "plan to ..."
    negator: frozenset[str]  # verbs whose complement did not happen: "refused to ...", "failed to ..."
    request: frozenset[str]  # verbs whose complement is the action asked for: "urged X to sign"
    voice: frozenset[str]  # nouns that speak for their owner: "a Chinese statement accused ..."
    potential: frozenset[str]  # nouns whose complement is only possible: "the right to protest"
    decision: frozenset[str]  # verbs whose future complement is a decision taken: "announced it would ban"
    attempt: frozenset[str]  # verbs whose complement was attempted: "tried to hack into ..."
    prospective: frozenset[str]  # verbs whose object event has not happened: "arrange a meeting"
    recode: dict[str, tuple[str, str]]  # intended cooperation -> AGREE and its CAMEO code
    threat: dict[str, str]  # intended or conditional conflict -> THREATEN and its CAMEO code


@cache
def patterns() -> tuple[dict[str, list[Pattern]], dict[str, list[Pattern]]]:
    """Trigger patterns indexed by verb lemma and by noun lemma (nominal triggers)."""
    table = read_table("triggers.tsv", ("search", "plover", "cameo", "reciprocal", "needs_target", "weight"))
    known_types = ontology.plover_types()
    by_verb: dict[str, list[Pattern]] = {}
    by_noun: dict[str, list[Pattern]] = {}
    for row in table.rows:
        if row["plover"] not in known_types:
            raise row.fail(f"unknown PLOVER type {row['plover']!r}")
        try:
            ontology.cameo_code(row["cameo"])
        except KeyError:
            raise row.fail(f"unknown CAMEO code {row['cameo']!r}") from None
        mode = row.get("mode")
        if mode and mode not in known_types[row["plover"]].modes:
            raise row.fail(f"mode {mode!r} is not one of {row['plover']}'s modes")
        search = set(row["search"].split("+"))
        if not search & {"direct", "deep"} or search - {"direct", "deep", "place", "topic", "home", "act", "self"}:
            raise row.fail("search must be 'direct' or 'deep', optionally with '+place', '+topic', '+home', "
                           "'+act' and '+self'")
        try:
            weight = float(row["weight"])
        except ValueError:
            raise row.fail(f"weight {row['weight']!r} is not a number") from None
        if not 0 < weight <= 1:
            raise row.fail("weight must be in (0, 1]")
        verbs = frozenset(split_list(row.get("verbs")))
        objects = frozenset(split_list(row.get("objects")))
        if not verbs and not objects:
            raise row.fail("a pattern needs verbs or objects")
        p = Pattern(verbs, objects, frozenset(split_list(row.get("particle"))),
                    frozenset(split_list(row.get("preps"))), "deep" in search, "place" in search,
                    "topic" in search, "home" in search, "act" in search, "self" in search, row["plover"],
                    row.get("mode") or None, row["cameo"], row["reciprocal"] == "yes",
                    row["needs_target"] == "yes", weight, row.line)
        for v in verbs:
            by_verb.setdefault(v, []).append(p)
        if not verbs:
            for o in objects:
                by_noun.setdefault(o, []).append(p)
    # Most specific first: patterns that require an object, then a particle, then bare verbs.
    for lst in by_verb.values():
        lst.sort(key=lambda p: (not p.objects or p.objects == NO_OBJECT, not p.particle, p.line))
    return by_verb, by_noun


@cache
def modality_cues() -> Modality:
    table = read_table("modality.tsv", ("word", "kind"))
    kinds: dict[str, set[str]] = {"speech": set(), "intent": set(), "future": set(), "hypothetical": set(),
                                  "ultimatum": set(), "obligation": set(), "irrealis": set(), "negator": set(),
                                  "request": set(), "voice": set(), "potential": set(),
                                  "decision": set(), "attempt": set(), "prospective": set()}
    recode: dict[str, tuple[str, str]] = {}
    threat: dict[str, str] = {}
    for row in table.rows:
        k = row["kind"]
        if k in ("recode", "threat"):
            try:
                ontology.cameo_code(row["value"])
            except KeyError:
                raise row.fail(f"unknown CAMEO code {row['value']!r}") from None
            if k == "recode":
                recode[row["word"]] = ("AGREE", row["value"])
            else:
                threat[row["word"]] = row["value"]
        elif k in kinds:
            kinds[k].add(row["word"])
        else:
            raise row.fail(f"unknown kind {k!r}")
    return Modality(frozenset(kinds["speech"]), frozenset(kinds["intent"]), frozenset(kinds["future"]),
                    frozenset(kinds["hypothetical"]), frozenset(kinds["ultimatum"]), frozenset(kinds["obligation"]),
                    frozenset(kinds["irrealis"]), frozenset(kinds["negator"]), frozenset(kinds["request"]),
                    frozenset(kinds["voice"]), frozenset(kinds["potential"]),
                    frozenset(kinds["decision"]), frozenset(kinds["attempt"]), frozenset(kinds["prospective"]),
                    recode, threat)


@dataclass(frozen=True)
class Annotations:
    parsed: Parsed
    actors: Resolution
    timexes: list[Timex]
    places: list[PlaceMention]
    quantities: list[Quantity]


@dataclass
class _Match:
    pattern: Pattern
    trigger: list[Token]  # the verb (or noun) and its required object/particle
    head: Token  # the clause head: the verb, or the noun for a nominal trigger


def code(ann: Annotations) -> list[Event]:
    """All events of one document, deduplicated within sentences, in text order."""
    doc = ann.parsed.doc
    tok_timex = _token_index(doc, ann.timexes)
    tok_place = _token_index(doc, ann.places)
    text = ann.parsed.document.text  # the same string as doc.text, which spaCy rebuilds on every access
    sent_index: dict[int, int] = {}
    paragraph: dict[int, int] = {}  # sentence start -> paragraph number (a line break between them)
    captions: set[int] = set()  # starts of photo captions ("... Image: The White House.")
    para, prev_end = 0, 0
    for n, sent in enumerate(doc.sents):
        if "\n" in text[prev_end:sent.start_char]:  # spaCy keeps the line break in the sentence before
            para += 1
        sent_index[sent.start], paragraph[sent.start] = n, para
        sent_text = text[sent.start_char:sent.end_char]
        prev_end = sent.start_char + len(sent_text.rstrip())
        if CAPTION.search(sent_text):
            captions.add(sent.start)
    narrative: dict[int, list[tuple[int, frozenset[str | None], DateInfo]]] = {}
    events: list[Event] = []
    heads: dict[int, Token] = {}  # evidence start -> the trigger's clause head
    consumed: set[int] = set()
    nominal: set[int] = set()  # evidence starts of events coded from a noun alone ("the invasion")
    for alternatives in _matches(ann):
        if alternatives[0].head.sent.start in captions:
            continue  # "X stands with Y Image: ...": a photo caption describes a picture, not an event
        # the most specific pattern that yields an event wins ("threatened to break relations with X")
        for m in alternatives:
            if m.head.pos_ == "NOUN" and not m.pattern.verbs and m.head.i in consumed:
                break
            found = _events_for(ann, m, tok_timex, tok_place, sent_index,
                                _Narrative(narrative, paragraph[m.head.sent.start]))
            if found:
                events.extend(found)
                heads.update((e.evidence.start, m.head) for e in found)
                if m.head.pos_ == "NOUN" and not m.pattern.verbs:
                    nominal.update(e.evidence.start for e in found)
                consumed.update(t.i for t in m.trigger)
                break
    events = _drop_requested(_drop_governors(events, heads), heads)
    events = _dedupe(_drop_background(events, heads, nominal, tok_timex))
    events.sort(key=lambda e: (e.evidence.start, e.evidence.end))
    return events


def _drop_governors(events: list[Event], heads: dict[int, Token]) -> list[Event]:
    """"vowing to cooperate": when the complement of a promise or threat is itself coded (as an
    intended event), the governing verb adds nothing."""
    coded = {h.i for h in heads.values()}
    intent = modality_cues().intent
    return [e for e in events if not (heads[e.evidence.start].lemma_.lower() in intent and any(
        c.i in coded for c in _complements(heads[e.evidence.start])))]


# How an argument hangs on its event: objects, prepositional objects, possessors, conjuncts.
ARGUMENT_DEPS = {"dobj", "pobj", "prep", "poss", "conj", "appos", "compound", "nsubjpass", "attr"}


def _drop_background(events: list[Event], heads: dict[int, Token], nominal: set[int],
                     tok_timex: dict[int, Timex | PlaceMention]) -> list[Event]:
    """"condemned Russia's invasion of Ukraine", "discussed the attack on X": a nominal event inside
    another coded event's argument is a mention of something that happened before, on a day the
    sentence does not give; it stays only with a date of its own ("the March 3 attack")."""
    coded = {h.i for h in heads.values()}

    def inside_other(noun: Token) -> bool:
        t = noun
        while t.dep_ in ARGUMENT_DEPS and t.head.i != t.i:
            t = t.head
            if t.i in coded:
                return True
        return False

    def own_date(noun: Token) -> bool:
        return any(isinstance(tok_timex.get(t.i), Timex) for t in noun.subtree)

    def mentioned(e: Event, noun: Token) -> bool:
        # "the effects of the Russian invasion", "in response to the airstrike": a use of force named
        # in passing is one that happened before (but "after their talks" is the day's meeting)
        return (noun.dep_ == "pobj" and e.plover_type in FORCE_TYPES) or inside_other(noun)

    return [e for e in events if not (e.evidence.start in nominal and mentioned(e, h := heads[e.evidence.start])
                                      and not own_date(h))]


def _drop_requested(events: list[Event], heads: dict[int, Token]) -> list[Event]:
    """"reiterated its demand that Israel ease restrictions": the clause a coded request holds is
    what was asked for, not an event."""
    asked = {heads[e.evidence.start].i for e in events if e.plover_type == "REQUEST"}
    return [e for e in events if not ((h := heads[e.evidence.start]).dep_ == "ccomp" and h.head.i in asked)]


def _complements(verb: Token) -> list[Token]:
    """The actions a verb's complement names: "agreed to allow ...", "committed to opening ..."."""
    out = [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")]
    preps = [c for c in verb.children if c.dep_ == "prep"]
    if (q := _after_quote(verb)) is not None:
        if q.dep_ == "aux":
            out.append(q.head)  # 'is “committed” to widening', the parser's "to" marking its verb
        preps.append(q)
    out.extend(g for c in preps for g in c.children if g.dep_ == "pcomp" and g.pos_ == "VERB")
    return out


def _after_quote(verb: Token) -> Token | None:
    """A preposition right after a quoted verb belongs to it, though the parser hangs it elsewhere:
    'Japan is “fully committed” to enhancing ...'."""
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    if nxt is None or nxt.tag_ not in ("''", '"'):
        return None
    after = verb.nbor(2) if verb.i + 2 < len(verb.doc) else None
    if after is None or after.head == verb:
        return None
    if after.dep_ == "prep" or (after.dep_ == "aux" and after.lower_ == "to" and after.head.pos_ == "VERB"):
        return after
    return None


def _token_index(doc: object, spans: Iterable[Timex | PlaceMention]) -> dict[int, Timex | PlaceMention]:
    from spacy.tokens import Doc

    assert isinstance(doc, Doc)
    out: dict[int, Timex | PlaceMention] = {}
    for s in spans:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        for t in span:
            out.setdefault(t.i, s)
    return out


def _matches(ann: Annotations) -> Iterator[list[_Match]]:
    """For each trigger word, the patterns it matches, most specific first; verbs before nouns, so
    a noun a verb pattern used ("signed an agreement") is not coded again as a nominal trigger."""
    by_verb, by_noun = patterns()
    doc = ann.parsed.doc
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") or (tok.pos_ in ("NOUN", "ADJ") and tok.tag_.startswith("VB")):
            pats = next((by_verb[c] for c in _lemma_candidates(tok) if c in by_verb), [])
            found = [m for p in pats if (m := _match_verb(tok, p))]
            if found:
                yield found
    for tok in doc:
        if tok.pos_ == "NOUN" and (ps := by_noun.get(tok.lemma_.lower())):
            yield [_Match(p, [tok], tok) for p in ps]


def _lemma_candidates(tok: Token) -> list[str]:
    """The model's lemma, then the word's regular base forms: the lemmatizer slips on some verbs
    ("staged" -> "stag")."""
    low = tok.lower_
    out = [tok.lemma_.lower(), low]
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                         ("es", ""), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            out.append(low[: -len(suffix)] + repl)
    return out


def _objects(verb: Token) -> list[Token]:
    objs: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
            objs.append(c)
            objs.extend(c.conjuncts)
            # a measure or part of the object: "25,000 tons of food aid", "part of a program"
            objs.extend(g for x in c.children if x.dep_ == "prep" and x.lower_ == "of"
                        for g in x.children if g.dep_ == "pobj")
        elif c.dep_ in ("prep", "prt", "agent"):
            objs.extend(g for g in c.children if g.dep_ == "pobj")
    return objs


def _match_verb(verb: Token, p: Pattern) -> _Match | None:
    trigger = [verb]
    if p.particle == CLAUSE:
        # the verb must govern a clause: "a rights group protested that the authorities fail ..."
        if not any(c.dep_ == "ccomp" for c in verb.children):
            return None
    elif p.particle:
        part = [c for c in verb.children if c.dep_ in ("prep", "prt", "agent") and c.lower_ in p.particle]
        if not part:
            # "spoke today with X to continue ...": the parser made "with" a clause marker
            part = [t for t in verb.doc[verb.i + 1: min(verb.sent.end, verb.i + 4)]
                    if t.lower_ in p.particle and t.dep_ == "mark"][:1]
        if not part and (q := _after_quote(verb)) is not None and q.lower_ in p.particle:
            part = [q]
        if not part:
            return None
        trigger.append(part[0])
    if p.objects == NO_OBJECT:
        if any(c.dep_ == "dobj" for c in verb.children):
            return None
    elif p.objects:
        obj = next((o for o in _objects(verb) if o.lemma_.lower() in p.objects), None)
        if obj is None and not any(c.dep_ == "dobj" and c.tag_ not in WH_OBJECTS for c in verb.children):
            obj = _free_relative_object(verb, p.objects)
        if obj is None:
            return None
        trigger.append(obj)
    elif _is_modifier_use(verb):
        return None
    return _Match(p, trigger, verb)


def _free_relative_object(verb: Token, objects: frozenset[str]) -> Token | None:
    """The object inside a free relative the parser misreads: "fired what it claimed was a new
    missile". Only when no other noun or clause break stands between the verb and the object."""
    end = min(verb.sent.end, verb.i + MAX_OBJECT_LOOKAHEAD)
    # a prepositional phrase between them is passed over ("shortened by one hour the nightly curfew")
    skip = {x.i for c in verb.children if c.dep_ in ("prep", "agent") and c.i > verb.i for x in c.subtree}
    for t in verb.doc[verb.i + 1: end]:
        if t.i in skip:
            continue
        if t.pos_ == "NOUN" and t.lemma_.lower() in objects:
            return t
        if t.pos_ in ("NOUN", "PROPN") or t.text in (",", ";", ":", "(", ")") or t.dep_ == "cc":
            return None
    return None


def _is_modifier_use(verb: Token) -> bool:
    """A bare verb used as an adjective or noun ("an agreed text") is not an event."""
    return verb.dep_ in ("amod", "compound")


def _subject(verb: Token, depth: int = 0) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:
        # of two, not the one set off by commas, an apposition the parser took for a subject ("On May
        # 29, the International Day of X, the United States reaffirms ..."; "Members of Y, a body
        # linked to Z, investigated ...")
        plain = [c for c in subjects if not _between_commas(c)]
        subjects = plain or subjects
    if subjects:
        return [subjects[0]]
    for c in verb.children:
        if c.dep_ == "agent":
            return [g for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "auxpass" for c in verb.children):
        # "Turkey ... was condemned in a joint statement by Egypt": the subject a passive verb shares
        # with the clause before it is what is done to, never the doer; the doer is a "by" phrase
        return [g for c in verb.children if c.dep_ == "prep" for x in c.subtree
                if x.dep_ == "prep" and x.lower_ == "by" for g in x.children if g.dep_ == "pobj"][:1]
    if depth < 3 and verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acomp") and verb.head.i != verb.i:
        return _subject(verb.head, depth + 1)
    if verb.dep_ == "acl" and (poss := [c for c in verb.head.children if c.dep_ == "poss"]):
        return poss  # "the Greek government's decision to expel ...": the decision's owner
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        return [verb.head]  # "countries seeking to ..."
    return []


def _between_commas(t: Token) -> bool:
    doc, lo, hi = t.doc, t.left_edge.i, t.right_edge.i
    return lo > 0 and doc[lo - 1].text == "," and hi + 1 < len(doc) and doc[hi + 1].text == ","


def _with_conjuncts(toks: Iterable[Token], res: Resolution | None = None) -> list[Token]:
    """Tokens with their coordinated tokens, and their appositions when they name no actor
    themselves ("Kenzo Oshima, the UN relief coordinator"; not "Pakistan, a key U.S. ally")."""
    out: list[Token] = []
    for t in toks:
        appos = [c for c in t.children if c.dep_ == "appos"]
        if res is not None and res.actors_at(t.i):
            appos = []
        for x in (t, *t.conjuncts, *appos):
            if x not in out:
                out.append(x)
    return out


def _actors_direct(res: Resolution, toks: Iterable[Token]) -> list[ActorMention]:
    """Actors named by these tokens themselves, or failing that by their possessor ("China's
    attempts"), their modifiers ("Hezbollah guerrillas", "Israeli air raids") or an of-phrase
    ("thousands of Iraqi Kurds", "the deputy chief of Israel's militia")."""
    out: list[ActorMention] = []
    for t in _with_conjuncts(toks, res):
        ms = res.actors_at(t.i)
        if not ms and t.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            ms = _modifier_actors(res, t)
            if not ms:
                # "doctors from two American aid groups": people are from where they come
                froms = ("of", "from") if gazetteer.agent_info(t.lemma_.lower()) is not None else ("of",)
                for c in t.children:
                    if c.dep_ == "prep" and c.lower_ in froms:
                        for g in c.children:
                            if g.dep_ == "pobj":  # "the delegations of Cyprus, Greece and Israel"
                                ms = (res.actors_at(g.i) or _modifier_actors(res, g)) \
                                    + [m for x in g.conjuncts for m in res.actors_at(x.i)]
        for m in ms:
            if all(m.actor != o.actor for o in out):
                out.append(m)
    # "Australian Foreign Minister Penny Wong" names one actor, not AUS and AUSGOV
    specific = {m.actor.country for m in out if m.actor.sector}
    return [m for m in out if m.actor.sector or m.actor.country not in specific]


def _modifier_actors(res: Resolution, t: Token) -> list[ActorMention]:
    for dep in ("poss", "compound", "amod", "nmod"):
        for c in t.children:
            if c.dep_ == dep and c.i < t.i and (ms := res.actors_at(c.i)):
                extra = [m for x in c.conjuncts for m in res.actors_at(x.i)]
                return [*ms, *extra]
    for c in t.children:  # a chain of compounds: "US Predator attacks"
        if c.dep_ == "compound" and c.i < t.i and (ms := _modifier_actors(res, c)):
            return ms
    return []


def _actors_deep(res: Resolution, root: Token, sources: list[ActorMention] | None = None) -> list[ActorMention]:
    """The first actor met breadth-first inside a phrase, with its coordinated actors, passing over
    the source itself ("agreed to re-open its borders to UN peacekeepers")."""
    queue = deque([root])
    while queue:
        t = queue.popleft()
        if res.actors_at(t.i):
            found = _actors_direct(res, [t])
            if sources is None or _not_self(found, sources):
                return found
        # not into a relative clause, unless it is an infinitive the parser called one ("a call for its
        # forces to be deployed in East Timor")
        queue.extend(c for c in t.children if c.dep_ != "relcl" or any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children))
    return []


def _stranded_object(prep: Token, res: Resolution) -> list[Token]:
    """A misparse leaves "spoke today with Australian Foreign Minister Penny Wong to continue ..."
    without an object of "with": take the first named actor right after the preposition."""
    for t in prep.doc[prep.i + 1: min(prep.sent.end, prep.i + 9)]:
        if t.is_punct or t.pos_ in ("VERB", "AUX"):
            break
        if res.actors_at(t.i):
            return [t]
    return []


def _not_self(targets: list[ActorMention], sources: list[ActorMention]) -> list[ActorMention]:
    """Drop targets that are the source itself ("reaffirmed the United States' commitment"); the same
    country with another sector is a domestic event (army against rebels) and stays."""
    return [t for t in targets if not any(
        t.actor.country == s.actor.country and (t.actor.sector is None or s.actor.sector is None
                                                or t.actor.sector == s.actor.sector) for s in sources)]


def _target(ann: Annotations, m: _Match, sources: list[ActorMention]) -> list[ActorMention]:
    res, p = ann.actors, m.pattern
    heads = [m.head, *m.trigger[1:]]
    cands: list[tuple[Token, bool]] = []  # (token, search deep)
    for h in heads:
        if h is not m.head and h.pos_ == "NOUN" and p.plover == "ACCUSE":
            # "attacked the Greek government's decision": the owner of what is criticised
            cands.extend((c, False) for c in h.children if c.dep_ == "poss")
        for c in h.children:
            if c.dep_ == "acl" and c.lower_ in p.preps:
                # "missiles targeting US troops": the object of a participle the pattern names
                cands.extend((g, p.deep) for g in c.children if g.dep_ == "dobj")
            if c.dep_ in ("prep", "agent") and c.lower_ in p.preps and not any(
                    g.dep_ == "advmod" and g.lower_ in ("together", "along") for g in c.children):
                # ("together with the people of X, I offer ...": company, not the one addressed)
                objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                cands.extend((g, p.deep) for g in objs or _stranded_object(c, res))
            elif c.dep_ == "xcomp" and "xcomp" in p.preps:
                cands.append((c, True))  # "refused to deploy peacekeepers in Iraq"
            elif (c.dep_ == "ccomp" or (c.dep_ == "acl" and h.pos_ == "NOUN")) and "ccomp" in p.preps:
                # "demanded that the US cancel ...": the target is the complement's subject
                cands.extend((g, False) for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
    for t in m.trigger[1:]:
        if t.dep_ == "mark" and t.lower_ in p.preps:
            cands.extend((g, p.deep) for g in _stranded_object(t, res))
    if (not p.objects or p.objects == NO_OBJECT or m.head.pos_ != "NOUN") and not p.topic_object:
        objs = [c for c in m.head.children if c.dep_ in ("dobj", "nsubjpass", "dative")
                and c not in m.trigger and c.tag_ not in WH_OBJECTS]
        cands = [(o, p.deep) for o in objs] + cands
    if p.needs_target and not p.reciprocal and not any(
            _not_self(_actors_deep(res, c, sources) if d else _actors_direct(res, [c]), sources) for c, d in cands):
        # last resort: the first other actor in the trigger's own clause, outside its subject
        # ("denounced as an ugly crime Serbia's suppression of ...")
        # (not in a circumstance: "defend their country in the face of Russia's aggression"; "as" is
        # the object's predicate, which the parser makes hold the object)
        allowed = p.preps | p.particle | {"as"}
        cands.extend((t, False) for t in _clause_bfs([m.head], False)
                     if t.dep_ not in SUBJECT_DEPS | {"nsubjpass"} and t.i != m.head.i
                     and not any(a.dep_ in SUBJECT_DEPS or (a.dep_ == "prep" and a.lower_ not in allowed)
                                 for a in (t, *t.ancestors) if a.i != m.head.i and a.head.i == m.head.i))
    if p.self_target:  # "received Iranian assistance" receives no one
        cands = [(c, d) for c, d in cands if c.dep_ not in ("dobj", "nsubjpass") or res.actors_at(c.i)]
    for c, deep in cands:
        if c.pos_ in ("VERB", "AUX") and c.dep_ == "pcomp":
            # a misparse: "to five officers holed up" with the noun as the clause's subject
            c = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), c)
        found = _not_self(_actors_deep(res, c, sources) if deep else _actors_direct(res, [c]), sources)
        if found:
            return found
    return []


def _nominal_participants(ann: Annotations, noun: Token) -> tuple[list[ActorMention], list[ActorMention]]:
    """Participants of a nominal trigger: possessor and modifiers ("Japan-U.S. meeting", "their talks")
    as sources; "with X" as the target; "between A and B" as reciprocal sources."""
    res = ann.actors
    sources: list[ActorMention] = []
    for t in noun.subtree:
        if t.i >= noun.i:
            break
        for ms in (res.actors_at(t.i),):
            for a in ms:
                if all(a.actor != o.actor for o in sources):
                    sources.append(a)
    targets: list[ActorMention] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            for g in c.children:
                if g.dep_ == "pobj":
                    sources.extend(x for x in _actors_direct(res, [g]) if x not in sources)
        elif c.dep_ == "prep" and c.lower_ in _nominal_target_preps(noun):
            for g in c.children:
                if g.dep_ == "pobj":
                    targets.extend(_actors_direct(res, [g]))
    return sources, targets


def _nominal_target_preps(noun: Token) -> frozenset[str]:
    """The prepositions that mark a nominal trigger's target ("talks with X")."""
    _, by_noun = patterns()
    ps = by_noun.get(noun.lemma_.lower(), [])
    return ps[0].preps - {"between"} if ps else frozenset()


def _bfs(heads: list[Token], follow: Callable[[Token, Token], bool]) -> Iterator[Token]:
    """Tokens reached from the heads, nearest first, descending from t to a child c when follow(t, c)."""
    seen = {h.i for h in heads}
    queue = deque(heads)
    while queue:
        t = queue.popleft()
        yield t
        for c in t.children:
            if c.i not in seen and follow(t, c):
                seen.add(c.i)
                queue.append(c)


def _clause_bfs(heads: list[Token], nominal: bool) -> Iterator[Token]:
    """Tokens of the trigger's own clause, nearest first; a nominal trigger keeps its acl
    ("the meeting, last held in Tokyo in March")."""
    return _bfs(heads, lambda t, c: c.dep_ not in CLAUSE_DEPS or (nominal and t.i == heads[0].i and c.dep_ == "acl"))


def _find_date(m: _Match, tok_timex: dict[int, Timex | PlaceMention], stated: bool = False) -> Timex | None:
    """The date of the trigger's own clause, else of the clauses governing it; `stated`: an intention,
    threat or demand is made when it is said ("Yesterday, Pelosi announced she would launch ...")."""
    nominal = m.head.pos_ == "NOUN"
    starts: list[list[Token]] = [m.trigger]
    h = m.head
    # inherit from the governing clause for "vowing to cooperate", "and said ..." and light verbs
    for _ in range(3):
        if h.dep_ in ("xcomp", "advcl", "conj") or (nominal and h.dep_ == "dobj") or (stated and h.dep_ == "ccomp"):
            h = h.head
            starts.append([h])
        else:
            break
    for heads in starts:
        for t in _date_bfs(heads, nominal):
            tx = tok_timex.get(t.i)
            if isinstance(tx, Timex) and event_date(tx) is not None:
                return tx
    return None


# Prepositions whose object is a party or purpose, never the event's time: "support for the 2015
# National Assembly" is not dated 2015.
NOT_TIME_PREPS = {"for", "of", "with", "to", "about", "against", "toward", "towards"}
# Words whose "on" names the occasion, not the time: "congratulate Fiji on its Independence Day" is said
# when the statement is made, which may be days before the holiday ("congratulated him on Monday" is a time).
OCCASION_ON = {"congratulate", "congratulation", "congratulations", "felicitate", "compliment", "commend"}
CALENDAR_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
                  "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening", "night", "january",
                  "february", "march", "april", "may", "june", "july", "august", "september", "october",
                  "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                  "nov", "dec"}


def _occasion(t: Token, c: Token) -> bool:
    """Whether c is the "on" of an occasion under t ("congratulate X on its National Day")."""
    if not (c.dep_ == "prep" and c.lower_ == "on" and t.lemma_.lower() in OCCASION_ON):
        return False
    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
    return obj is not None and not any(x.lower_.rstrip(".") in CALENDAR_WORDS for x in obj.subtree)
# How a date hangs on its event: "on Friday" (prep + pobj), "Friday" (npadvmod), "yesterday"
# (advmod), a nominal trigger's own clause ("the meeting, held in March"). A date inside an argument
# ("congratulates Armenia on its June 20 elections") dates that argument, not the event.
DATE_DEPS = {"prep", "npadvmod", "advmod", "tmod", "nummod", "appos"}


def _date_bfs(heads: list[Token], nominal: bool) -> Iterator[Token]:
    def follow(t: Token, c: Token) -> bool:
        return (c.dep_ in DATE_DEPS and not _occasion(t, c)
                or (c.dep_ == "pobj" and t.dep_ == "prep" and t.lower_ not in NOT_TIME_PREPS)
                or (t.dep_ == "pobj" and t.head.dep_ == "prep" and c.dep_ == "compound")  # "on Sunday Presidents X"
                or (nominal and t.i == heads[0].i and c.dep_ in ("acl", "compound", "nmod", "poss"))
                or (t.dep_ == "acl" and nominal and t.head.i == heads[0].i and c.dep_ in DATE_DEPS))

    return _bfs(heads, follow)


# Marks of a clause that happens at the same moment as the one it hangs on.
SAME_TIME_MARKS = {"when", "as", "while"}


def _find_place(m: _Match, tok_place: dict[int, Timex | PlaceMention]) -> PlaceMention | None:
    # the trigger's own clause, then a clause of the same moment ("killed 23 people when they blew
    # themselves up in Tel Aviv")
    same_time = [c for c in m.head.children if c.dep_ == "advcl" and any(
        g.dep_ in ("mark", "advmod") and g.lower_ in SAME_TIME_MARKS for g in c.children)]
    for heads in (m.trigger, same_time):
        for t in _clause_bfs(heads, m.head.pos_ == "NOUN") if heads else ():
            pm = tok_place.get(t.i)
            if isinstance(pm, PlaceMention) and t.dep_ == "pobj" and (
                    t.head.lower_ in PLACE_PREPS or _place_of(t.head)):
                return pm
    return None



def _place_of(prep: Token) -> bool:
    """"in the northern city of Kirkuk": the place named by the of-phrase of a place noun."""
    noun = prep.head
    return prep.lower_ == "of" and noun.dep_ == "pobj" and noun.head.lower_ in PLACE_PREPS \
        and gazetteer.place_noun(noun.lemma_.lower())


def _thing(res: Resolution, subject: list[Token]) -> bool:
    """A subject that is a thing, not an actor, with a nationality only in its modifiers."""
    if len(subject) != 1:
        return False
    t = subject[0]
    if t.pos_ != "NOUN" or res.actors_at(t.i) or t.ent_type_ or t.like_num:
        return False
    if any((c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ in ("compound", "appos", "nmod") and c.pos_ == "PROPN")
           for c in t.children):
        return False  # "thousands of Iraqi Kurds", "the APEC forum": the actor is named there
    return gazetteer.agent_info(t.lemma_.lower()) is None and t.lemma_.lower() not in modality_cues().voice


def _local_crowd(subject: list[Token], place: PlaceMention | None) -> list[ActorMention]:
    """"Hundreds of thousands of people blocked streets in Hong Kong": protesters of no stated
    nationality are civilians of the country where they protest."""
    if len(subject) != 1 or place is None or not place.place.country:
        return []
    t = subject[0]
    span = t.doc[t.left_edge.i: t.right_edge.i + 1]
    for _ in range(3):  # "hundreds of thousands of people": the people
        of = [g for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if not of:
            break
        t = of[0]
    words = [c.lower_ for c in t.children if c.dep_ == "compound" and c.i < t.i] + [t.lemma_.lower()]
    info = gazetteer.agent_info(" ".join(words)) or gazetteer.agent_info(t.lemma_.lower())
    if t.lower_ == "people":  # not an agent noun elsewhere ("the people" is no actor), but a crowd here
        sector = "CVL"
    elif info is None or info.kind == "title" or info.sector not in CROWD_SECTORS:
        return []
    else:
        sector = info.sector
    return [ActorMention(span.start_char, span.end_char, span.text, Actor(country=place.place.country, sector=sector))]


def _home_government(sources: list[ActorMention]) -> ActorMention | None:
    """Protesters of one country, not themselves its government, protest (by default) against it."""
    countries = {a.actor.country for a in sources}
    if len(countries) != 1 or None in countries or any(a.actor.sector == "GOV" for a in sources):
        return None
    a = sources[0]  # the words that give the country are the evidence
    return ActorMention(a.start, a.end, a.text, Actor(country=a.actor.country, sector="GOV"))


def _place_argument(m: _Match, tok_place: dict[int, Timex | PlaceMention]) -> PlaceMention | None:
    """A place that is the event's argument rather than its setting: "an invasion of South Lebanon",
    "threatened to impose a curfew in Algiers" (the place inside the threatened action)."""
    p = m.pattern
    for h in [m.head, *m.trigger[1:]]:
        for c in h.children:
            if (c.dep_ == "prep" and c.lower_ in p.preps) or (c.dep_ == "xcomp" and "xcomp" in p.preps):
                for t in c.subtree:
                    pm = tok_place.get(t.i)
                    if isinstance(pm, PlaceMention) and (t.head.i == c.i or t.head.lower_ in PLACE_PREPS):
                        return pm
    return None


def _modality(ann: Annotations, m: _Match) -> tuple[str, ActorMention | None, float]:
    """asserted, or negated / hypothetical / intended / reported, from the trigger's own clause and
    the clauses above it ("vowed to ...", "said that ...", "an agreement that will make ...")."""
    cues = modality_cues()
    t = m.head
    if t.pos_ == "NOUN" and t.dep_ == "dobj":
        t = t.head
        if not m.pattern.verbs and t.lemma_.lower() in cues.prospective:
            return "hypothetical", None, 0.6  # "worked to arrange a meeting between A and B"
    own = True  # whether t's own negation and auxiliaries bear on the trigger
    for _ in range(5):
        if own and any(c.dep_ == "neg" for c in t.children):
            if _asked_for(t, cues):
                return "requested", None, 0.0  # "urged China not to provide support": asked, not done
            return "negated", None, 0.9
        if own and any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in cues.ultimatum
                                                 for g in c.children) for c in t.children):
            return "conditional", None, 0.85  # "will withdraw ... unless": a threat
        aux = {c.lower_ for c in t.children if c.dep_ in ("aux", "auxpass", "mark")} if own else set()
        if aux & cues.obligation:
            # "X must cease its attacks" (said Y): Y demands it of X
            return "obligation", _speaker_above(ann, t, cues), 0.9
        if aux & cues.hypothetical:
            return "hypothetical", None, 0.6
        if aux & cues.future:
            if t.dep_ == "ccomp" and t.head.lemma_.lower() in cues.decision:
                return "decided", None, 0.9  # "announced it would prohibit all aid": the act itself
            return "intended", None, 0.9
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in cues.speech:  # "according to X"
                to = [g for x in c.children for g in x.children if g.dep_ == "pobj"]
                speakers = _actors_direct(ann.actors, to)
                return "reported", (speakers[0] if speakers else None), 0.95
        h = t.head
        if t.dep_ in ("acl", "ccomp", "relcl") and h.pos_ == "NOUN" and h.lemma_.lower() in cues.potential:
            return "potential", None, 0.0  # "deserve the right to protest": nobody did, or plans to
        if t.dep_ in ("acl", "ccomp", "relcl") and h.pos_ == "NOUN" and h.lemma_.lower() in cues.irrealis:
            if h.lemma_.lower() in cues.request and m.pattern.plover != "REQUEST":
                return "requested", None, 0.0  # "its demand that Israel ease restrictions": only asked for
            return "hypothetical", None, 0.6  # "a plan to cut aid"
        if h is t or t.dep_ not in ("xcomp", "ccomp", "advcl", "conj"):
            break
        lemma = h.lemma_.lower()
        # an infinitive the parser hung as an adverbial clause ("have sworn to fight until ...")
        dep = "xcomp" if t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) \
            and lemma in cues.negator | cues.request | cues.attempt | cues.intent else t.dep_
        if dep == "xcomp" and lemma in cues.negator:
            return "negated", None, 0.9  # "refused to commit to any assistance"
        if dep in ("xcomp", "ccomp") and lemma in cues.request:
            return "requested", None, 0.0  # "urged Iraq to sign": what was asked for has not happened
        if dep == "xcomp" and lemma in cues.attempt and not any(c.dep_ == "neg" for c in h.children):
            if m.pattern.plover == "CONSULT":
                return "intended", None, 0.9  # "decided to hold the next meetings": a meeting takes both
            return "asserted", None, 0.9  # "tried to hack into ...", "decided to allow ...": the act
        if dep == "xcomp" and lemma in cues.intent:
            if any(c.dep_ == "neg" for c in h.children):
                return "negated", None, 0.9
            return "intended", None, 0.9
        if t.dep_ == "ccomp" and lemma in cues.speech:
            speakers = _actors_direct(ann.actors, _subject(h))
            return "reported", (speakers[0] if speakers else None), 0.95
        # a finite verb coordinated with another ("did not want X and calls on Y") has its own
        # negation and tense; the clauses above still say whether both are reported
        own = own and not (t.dep_ == "conj" and t.tag_ in ("VBZ", "VBP", "VBD"))
        t = h
    return "asserted", None, 1.0


def _asked_for(t: Token, cues: Modality) -> bool:
    """Whether t is (coordinated into) the complement of a request verb ("urged X not to ...")."""
    for _ in range(5):
        h = t.head
        if h is t or t.dep_ not in ("xcomp", "ccomp", "conj"):
            return False
        if t.dep_ in ("xcomp", "ccomp") and h.lemma_.lower() in cues.request:
            return True
        t = h
    return False


def _speaker_above(ann: Annotations, t: Token, cues: Modality) -> ActorMention | None:
    """The subject of the speech verb whose complement holds t, if any."""
    for _ in range(4):
        h = t.head
        if h is t:
            return None
        if t.dep_ == "ccomp" and h.lemma_.lower() in cues.speech:
            speakers = _actors_direct(ann.actors, _subject(h))
            return speakers[0] if speakers else None
        if t.dep_ not in ("ccomp", "conj", "advcl"):
            return None
        t = h
    return None


def _how_factor(res: Resolution, mentions: list[ActorMention], toks: list[Token]) -> float:
    f = 1.0
    for t in toks:
        how = res.how.get(t.i, "direct")
        f = min(f, {"home": 0.8, "group": 0.85, "pronoun": 0.85}.get(how, 1.0))
    return f


DateInfo = tuple[str, str, str, str | None]  # date, precision, date_source, date_text


@dataclass
class _Narrative:
    """Day-precision dates of the events already coded, by paragraph, with their participants."""

    by_paragraph: dict[int, list[tuple[int, frozenset[str | None], DateInfo]]]
    paragraph: int

    def before(self, i: int, sources: frozenset[str | None]) -> DateInfo | None:
        """The date of the last dated event before token i in this paragraph, or failing that in an
        earlier paragraph, whose participants include all these sources (a readout's
        "The Secretary and the Minister also discussed ..." narrates the meeting dated above)."""
        # in the paragraph, the last dated event the same source took part in ("On November 27, Turkey
        # and Libya signed ... Athens expelled the Libyan ambassador" is not dated November 27)
        dated = [d for j, who, d in self.by_paragraph.get(self.paragraph, [])
                 if j < i and (not sources or None in sources or sources <= who)]
        if dated:
            return dated[-1]
        earlier = [(j, who, d) for par, ds in self.by_paragraph.items() if par < self.paragraph for j, who, d in ds]
        for _, who, d in sorted(earlier, key=lambda x: x[0], reverse=True):
            if sources and None not in sources and sources <= who:
                return d
        return None

    def add(self, i: int, participants: frozenset[str | None], d: DateInfo) -> None:
        self.by_paragraph.setdefault(self.paragraph, []).append((i, participants, d))


def _present_tense(head: Token) -> bool:
    """"The United States condemns ...", "is working with": a statement made now, on the publication
    day, which does not take the date of the narrated event before it."""
    verb = head.head if head.pos_ == "NOUN" and head.dep_ in ("dobj", "nsubj", "nsubjpass") else head
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in ("VBZ", "VBP"):
        return not auxes
    return verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" for a in auxes)


def _events_for(ann: Annotations, m: _Match, tok_timex: dict[int, Timex | PlaceMention],
                tok_place: dict[int, Timex | PlaceMention], sent_index: dict[int, int],
                narrative: _Narrative) -> list[Event]:
    p = m.pattern
    res = ann.actors
    if m.head.pos_ == "NOUN" and not p.verbs:
        sources, targets = _nominal_participants(ann, m.head)
        src_toks = [t for t in m.head.subtree if t.i < m.head.i]
    else:
        src_toks = _subject(m.head)
        sources = _actors_direct(res, src_toks)
        if not sources and p.particle and p.plover != "CONSULT":
            # a stative passive is the subject's own stance: "Israel is opposed to ...", "committed to"
            # (not a movement: "he was flown to a hospital" is no visit)
            src_toks = [c for c in m.head.children if c.dep_ == "nsubjpass"]
            sources = _actors_direct(res, src_toks)
        if not sources and p.plover == "RETREAT" and p.mode in SELF_RETREAT_MODES \
                and any(c.dep_ == "auxpass" for c in m.head.children):
            # "guerrillas have been demobilized", "troops were withdrawn": those who stand down (not
            # "prisoners were released", who are released by someone else)
            src_toks = [c for c in m.head.children if c.dep_ == "nsubjpass"]
            sources = _actors_direct(res, src_toks)
        if not sources and m.head.dep_ == "acl" and m.head.head.dep_ == "dobj":
            # "issued a declaration demanding that ...": the subject of the verb governing the noun
            src_toks = _subject(m.head.head.head)
            sources = _actors_direct(res, src_toks)
    if sources and p.plover not in FORCE_TYPES and _thing(res, src_toks):
        sources = []  # "Pakistani law allowed ...", "Roosevelt's bill would allow ...": not an actor
    if not sources:
        # a crowd or opposition group of no stated nationality is of the place where it acts, for a
        # protest in its own clause ("people blocked streets in Hong Kong"), for other events also in
        # what it agrees or refuses to do ("opposition leaders agreed to postpone the rally in Baku")
        where = _find_place(m, tok_place)
        if where is None and not p.home_target:
            where = next((pl for c in _complements(m.head)
                          if (pl := _find_place(_Match(p, [c], c), tok_place)) is not None), None)
        sources = _local_crowd(src_toks, where)
    if not sources or (p.plover == "PROTEST" and (all(a.actor.sector in STATE_SECTORS for a in sources) or (
            src_toks and all(t.ent_type_ == "GPE" for t in src_toks)))):
        # PLOVER's PROTEST is civilian: a president holding a campaign rally is not one, and "China
        # protested Japan's decision" is the state's complaint
        return []
    if not (m.head.pos_ == "NOUN" and not p.verbs):
        targets = _target(ann, m, sources)
    src_countries = {a.actor.country for a in sources}
    targets = _not_self(targets, sources)
    place = _find_place(m, tok_place)
    place_factor = 1.0
    where = place if place is not None else _place_argument(m, tok_place) if p.place_target else None
    if not targets and p.place_target and where is not None and where.place.country:
        targets = [ActorMention(where.start, where.end, where.text, Actor(country=where.place.country))]
        place_factor = 0.85
    if not targets and p.home_target and (home := _home_government(sources)) is not None:
        targets, place_factor = [home], 0.85
    modality, reporter, mod_factor = _modality(ann, m)
    if modality in ("requested", "potential"):
        return []
    plover, cameo = p.plover, p.cameo
    cues = modality_cues()
    decided = modality == "decided"  # a conflictual decision announced is the act, not a threat
    if decided:
        modality = "intended"
    if modality == "intended" and plover in cues.recode:
        plover, cameo = cues.recode[plover]
    elif modality in ("intended", "hypothetical") and plover in cues.threat and not decided:
        plover, cameo = "THREATEN", cues.threat[plover]
    elif modality == "conditional":
        # an action promised unless the other side complies is a threat (an ultimatum)
        modality = "hypothetical"
        if plover != "THREATEN":
            plover, cameo = "THREATEN", cues.threat.get(plover, "130")
    elif modality == "obligation":
        # "X must do Y", said by a speaker or in a government's own statement: a demand on X
        speaker = reporter
        if speaker is None and res.speaker_country:
            speaker = ActorMention(m.head.idx, m.head.idx, "", Actor(country=res.speaker_country, sector="GOV"))
        if speaker is None or speaker.actor.country in src_countries:
            modality, mod_factor = "hypothetical", 0.6
        else:
            plover, cameo, modality, reporter = "REQUEST", "100", "asserted", None
            sources, targets, src_countries = [speaker], sources, {speaker.actor.country}
            p = replace(p, reciprocal=False)
    dyads: list[tuple[list[ActorMention], list[ActorMention]]]
    if targets:
        dyads = [(sources, targets)]
    elif p.reciprocal and len(src_countries) >= 2:
        dyads = [([s for s in sources if s.actor.country == c], [s for s in sources if s.actor.country != c])
                 for c in sorted(src_countries, key=lambda c: c or "")]
    elif p.needs_target and not (p.act_target and any(c.lemma_.lower() not in cues.speech
                                                      for c in _complements(m.head))):
        return []  # ("declined to resign" stands alone, "declined to comment" is no event)
    else:
        dyads = [(sources, [])]
    tx = _find_date(m, tok_timex, stated=modality in ("intended", "hypothetical"))
    date_text: str | None
    d = event_date(tx) if tx is not None else None
    if d is not None and modality in ("asserted", "negated") and m.head.tag_ in ("VBD", "VBN") \
            and d[0] > ann.parsed.document.published.isoformat():
        # a past event cannot fall after the story: "discussed the upcoming summit in June" dates
        # the summit, not the talks
        d = None
    if tx is not None and d is not None:
        date, precision, date_source, date_text = d[0], d[1], "text", tx.text
        if precision == "day":
            who = frozenset(a.actor.country for a in sources) | {a.actor.country for _, t in dyads for a in t}
            narrative.add(m.head.i, who, (date, precision, date_source, date_text))
    elif not _present_tense(m.head) and (prev := narrative.before(m.head.i, frozenset(src_countries))):
        # no date of its own: the day of the last dated event in the same paragraph ("Blinken spoke
        # with X on June 30. The two discussed ...")
        date, precision, date_source, date_text = prev
    else:
        pub = ann.parsed.document.published
        date, precision, date_source, date_text = pub.isoformat(), "day", "publication", None
    clause = {t.i for t in _clause_bfs(m.trigger, m.head.pos_ == "NOUN")}
    doc = ann.parsed.doc
    quantities = tuple(q for q in ann.quantities
                       if (span := doc.char_span(q.start, q.end, alignment_mode="expand")) is not None
                       and any(t.i in clause for t in span))
    first, last = min(m.trigger, key=lambda t: t.i), max(m.trigger, key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last.text)
    sent = m.head.sent
    evidence = Evidence(sent_index[sent.start], sent.text.strip(), start, end, ann.parsed.document.text[start:end])
    info = ontology.cameo_code(cameo)
    base = p.weight * mod_factor * place_factor * _how_factor(res, sources, src_toks)
    clause_head = m.head.head if m.head.pos_ == "NOUN" and m.head.dep_ == "dobj" else m.head
    if clause_head.dep_ in ("advcl", "relcl", "acl"):
        base *= 0.85  # background in a subordinate clause ("one day after a jet shot down ...")
    if not targets and p.reciprocal and len(dyads) > 1:
        base *= 0.95
    out = []
    for src, tgt in dyads:
        out.append(Event(
            doc_id=ann.parsed.document.id, published=ann.parsed.document.published,
            date=date, date_precision=precision, date_source=date_source, date_text=date_text,
            plover_type=plover, plover_mode=p.mode if plover == p.plover else None,
            plover_context=info.plover_context, cameo=ontology.to_cameo(cameo),
            source=tuple(src), target=tuple(tgt), location=place, modality=modality,
            quantities=quantities, evidence=evidence, confidence=max(0.05, min(1.0, base)),
            reported_by=reporter,
        ))
    return out


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, source, target, date) within a sentence (several triggers of one
    sentence coding the same thing) and, for meetings, within the document: "spoke with X ... The
    two discussed ... They also discussed ..." is one consultation, whichever side a sentence names
    first. The first mention gives the event (both directions if it was reciprocal) and its
    evidence; later mentions add their evidence and can raise its confidence. Other types stay apart
    across sentences: the same dyad and day can carry distinct accusations or statements."""
    kept: dict[tuple[object, ...], list[Event]] = {}
    for e in sorted(events, key=lambda e: (e.evidence.start, e.evidence.end)):
        src = tuple(sorted({a.actor.code for a in e.source}))
        tgt = tuple(sorted({a.actor.code for a in e.target}))
        key: tuple[object, ...]
        if e.plover_type in DOCUMENT_LEVEL_TYPES:
            key = (e.plover_type, frozenset((src, tgt)), e.date)
        else:
            key = (e.evidence.sentence_index, e.plover_type, src, tgt, e.date)
        group = kept.get(key)
        if group is None:
            kept[key] = [e]
        elif all(g.evidence == e.evidence for g in group):
            group.append(e)  # the other direction of the same reciprocal mention
        else:
            kept[key] = [g if e.evidence == g.evidence or e.evidence in g.extra_evidence else
                         replace(g, confidence=max(g.confidence, e.confidence),
                                 extra_evidence=(*g.extra_evidence, e.evidence)) for g in group]
    return [e for group in kept.values() for e in group]
