"""The `actors` stage: who is who in one parsed document.

Resolution works over the spaCy parse plus the dictionaries in `gazetteer`:
- named entities: countries, capitals acting as governments, metonyms (White House), organisations,
  armed groups, and people with their titles ("Foreign Minister Yoshimasa Hayashi",
  "U.S. interim ambassador to Japan Raymond Greene");
- agent noun phrases with nationality modifiers, coordinated ("Japanese and U.S. foreign and defense
  chiefs" gives a JPN GOV and a USA GOV actor over the same span);
- later mentions: surnames, pronouns (conservatively: the last person for he/she, the last group for
  they), definite plural agents ("the ministers", "the two countries") as the last group of actors.

The output maps token indices to the actors they denote, so the `events` stage can turn any subject
or object token into actors.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from urllib.parse import urlparse

from spacy.tokens import Doc, Span, Token

from . import gazetteer, leaders
from .datafiles import read_table, split_list, unique
from .nlp import Parsed
from .registry import Registry
from .types import Actor, ActorMention

FIRST_PERSON = {"we", "us", "our", "i", "my"}
PERSON_PRONOUNS = {"he", "she", "him", "his", "her"}
GROUP_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}
GROUP_DETERMINERS = {"the", "both", "these", "those", "all"}
# Modifiers that make a plural new rather than the parties just named ("the other leaders").
NOT_ANAPHORIC = {"other", "different", "various", "many", "several", "some", "local", "foreign", "new"}
# Plural nouns that, with "the"/"both"/a number, refer back to the parties just named.
GROUP_NOUNS = {"country", "nation", "side", "government", "ally", "partner", "leader", "party"}
# "rebels in Darfur", "students throughout Indonesia": where the actors are says who they are.
LOCATING_PREPS = {"in", "from", "throughout", "across", "inside"}
# After these prepositions a capital is a party, not a place ("talks with Moscow", "sanctions on Minsk").
ACTING_PREPS = {"with", "against", "on", "toward", "towards", "by"}
TITLE_JOINERS = {"of", "for", "to", "and", "-"}
_NAME_TAIL = re.compile(r"[^\w.)]+$")  # punctuation and invisible marks after a name ("Ned Price:\u200e")
HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "gen", "gen.", "sen", "sen.",
              "rep", "rep."}


@dataclass
class Resolution:
    """What the actors stage found in one document."""

    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, list[ActorMention]] = field(default_factory=dict)
    home_country: str | None = None
    speaker_country: str | None = None  # the government whose own release this is (from its URL)
    venue_country: str | None = None  # the foreign country most places in the article are in
    # How a token's actors were found, for confidence: "direct", "title", "home", "pronoun", "group".
    how: dict[int, str] = field(default_factory=dict)

    def add(self, span_tokens: Iterable[Token], mention: ActorMention, how: str = "direct") -> None:
        self.mentions.append(mention)
        for t in span_tokens:
            lst = self.by_token.setdefault(t.i, [])
            if all(m.actor != mention.actor for m in lst):
                lst.append(mention)
            self.how.setdefault(t.i, how)

    def actors_at(self, i: int) -> list[ActorMention]:
        return self.by_token.get(i, [])


@cache
def title_countries() -> dict[str, str]:
    """Titles that name one country's office ("Secretary of State" alone is the U.S. one)."""
    table = read_table("title_countries.tsv", ("title", "country"))
    return {r["title"]: r["country"] for r in unique(table.rows, lambda r: r["title"]).values()}


@cache
def foreign_titles() -> dict[str, frozenset[str]]:
    """Titles that a country's own officials do not hold ("minister" in the U.S.)."""
    table = read_table("foreign_titles.tsv", ("title", "countries"))
    rows = unique(table.rows, lambda r: r["title"]).values()
    return {r["title"]: frozenset(split_list(r["countries"])) for r in rows}


def _foreign_title(role: str, country: str) -> bool:
    words = role.lower().split()
    for n in range(len(words), 0, -1):
        countries = foreign_titles().get(" ".join(words[-n:]))
        if countries is not None:
            return country in countries
    return False


def _foreign_phrase(text: str, country: str) -> bool:
    """Any title in a phrase that `country`'s officials do not hold ("Deputy Minister of Defense Sr.
    Lt. Gen." in a U.S. release)."""
    words = [w.strip(".,").lower() for w in text.split()]
    return any(_foreign_title(" ".join(words[:k]), country) for k in range(1, len(words) + 1))


def _foreign_partner(res: Resolution, ent: Span, home: str) -> str | None:
    """The country of the nearest person named before `ent` in its sentence with a country other than
    the home country."""
    start = ent.sent.start_char
    for m in reversed(res.mentions):
        a = m.actor
        if start <= m.start < ent.start_char and a.name and a.role and a.country and a.country != home:
            return a.country
    return None


def _title_organisation(toks: list[Token]) -> tuple[str | None, str] | None:
    """An organisation named in a title phrase (an ORG entity among its tokens, or an acronym in
    parentheses): (its country or None, its sector)."""
    doc = toks[0].doc
    lo, hi = toks[0].i, toks[-1].i
    for ent in doc.ents:
        if ent.label_ == "ORG" and lo <= ent.start and ent.end - 1 <= hi:
            hit = gazetteer.organisation(ent.text)
            if hit is not None:
                return hit[0], hit[1]
    for t in toks:
        if t.is_upper and len(t.text) >= 2 and (hit := gazetteer.organisation(t.text)) is not None:
            return hit[0], hit[1]
    words = [t.text for t in toks]
    for n in range(min(len(words), 6), 1, -1):  # "the United Nations Emergency Relief Coordinator"
        for i in range(len(words) - n + 1):
            if words[i][:1].isupper() and (hit := gazetteer.organisation(" ".join(words[i:i + n]))) is not None:
                return hit[0], hit[1]
    return None


def _same_person(known: Actor | None, name: str) -> Actor | None:
    """`known` (found by surname) if `name` can be them: a surname alone, or words all in their name
    ("Sheikh Abdullah bin Zayed Al Nahyan" is not "Mohamed bin Zayed Al Nahyan")."""
    if known is None:
        return None
    words = [w for w in name.lower().replace("’s", "").replace("'s", "").split() if w not in HONORIFICS]
    return known if set(words) <= set((known.name or "").lower().split()) else None


def _sentence_venue(ent: Span, home: str) -> str | None:
    """The one foreign country the places after "in"/"at" in the person's sentence are in ("In the
    United Arab Emirates, Envoy Kerry met with ... Foreign Minister X")."""
    found: set[str] = set()
    for e in ent.sent.ents:
        if e.label_ in ("GPE", "LOC") and e.root.dep_ == "pobj" and e.root.head.lower_ in ("in", "at") \
                and e.end <= ent.start:
            p = gazetteer.place(e.text)
            if p is not None and p.country and p.country != home:
                found.add(p.country)
    return found.pop() if len(found) == 1 else None


def _title_appositive(ent: Span) -> tuple[str, str, list[str]] | None:
    """A title the name stands in apposition to, before it: "the Crown Prince of Abu Dhabi, Sheikh
    Mohamed ...", "the Secretary General of the OIC, H.E. Hissein Brahim Taha": (role, sector,
    nationalities from the title's modifiers or its "of" place)."""
    root = ent.root
    if root.dep_ != "appos" or root.head.i >= ent.start or root.head.pos_ not in ("NOUN", "PROPN"):
        return None
    head = root.head
    left = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct")]
    m = gazetteer.longest_agent_suffix([t.lower_ for t in left])
    if m is None or not m[2]:
        return None
    role_toks = left[len(left) - m[0]:]
    nations = _nationality([t for t in left[:len(left) - m[0]]])
    posting = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < ent.start]
    if posting:
        obj = [g for g in posting[0].children if g.dep_ == "pobj"]
        if obj:
            tail = [t for t in obj[0].subtree if t.i < ent.start and t.dep_ != "punct"]
            role_toks += [posting[0], *tail]
            if not nations:
                nations = _nationality(tail) or [c for t in tail if t.pos_ == "PROPN" and (c := _place_country(t))][:1]
    role = " ".join(t.text for t in role_toks)
    return role, m[1], nations


def _person_spans(ents: list[Span]) -> list[Span]:
    """Person candidates in text order, with the model's slips mended: two PERSON entities side by
    side, or with name particles between, are one name ("Laurentino Cortizo" + "Cohen", "Thijs van" +
    "der" + "Plas"), and punctuation or invisible marks at the end
    are not part of it ("Ned Price:\u200e")."""
    out: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        gap: list[Token] = list(ent.doc[out[-1].end:ent.start]) if out else []
        if out and out[-1].label_ == ent.label_ == "PERSON" and ent.doc[ent.start - 1].whitespace_ \
                and all(t.lower_ in NAME_PARTICLES for t in gap):
            prev = out.pop()
            ent = Span(ent.doc, prev.start, ent.end, label="PERSON")
        end = ent.end
        while end > ent.start + 1 and not any(c.isalnum() for c in ent.doc[end - 1].text):
            end -= 1
        if end != ent.end:
            ent = Span(ent.doc, ent.start, end, label=ent.label_)
        out.append(ent)
    return out


def _title_country(role: str) -> str | None:
    """"Assistant Secretary of State for Political-Military Affairs" holds a U.S. office too."""
    low = role.lower()
    for title, country in title_countries().items():
        if low == title or f"{title} " in f"{low} " and (low.startswith(title) or f" {title}" in low):
            return country
    return None


def _span_mention(span: Span | list[Token], actor: Actor) -> ActorMention:
    toks = list(span)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    # the text between the first and last token, as Doc.text[start:end] has it (Doc.text is rebuilt
    # on every access: too slow to call per mention)
    return ActorMention(start, end, toks[0].doc[toks[0].i:toks[-1].i + 1].text, actor)


def _country_of_word(text: str) -> str | None:
    return gazetteer.country(text) or gazetteer.demonym(text)


def _nationality(tokens: Iterable[Token]) -> list[str]:
    """Countries named by nationality words among tokens ("Japanese", "U.S.", "Japan-U.S.", "Democratic
    Republic of the Congo"): names of several words first."""
    toks = list(tokens)
    found: list[str] = []
    i = 0
    while i < len(toks):
        for n in range(min(6, len(toks) - i), 1, -1):
            span = toks[i:i + n]
            if span[-1].i - span[0].i == n - 1 and span[-1].lower_ not in ("of", "the"):
                # a name or a demonym of several words: "North Korean" is not "Korean"
                c = gazetteer.demonym(toks[0].doc[span[0].i:span[-1].i + 1].text)
                if c:
                    if c not in found:
                        found.append(c)
                    i += n
                    break
        else:
            t = toks[i]
            i += 1
            c = _country_of_word(t.text)
            if c is None and "-" in t.text:
                for part in t.text.split("-"):
                    pc = _country_of_word(part)
                    if pc and pc not in found:
                        found.append(pc)
                continue
            if c and c not in found:
                found.append(c)
    return found


def _title_before(ent: Span) -> tuple[list[Token], str | None, str | None, list[str]]:
    """The title phrase just before a person's name: tokens, role text, sector, nationalities.

    "U.S. interim ambassador to Japan Raymond Greene": role "interim ambassador to Japan", GOV, [USA].
    Countries after "to"/"in" in the title are the posting, not the nationality. The phrase may hold
    "the" after "of"/"for" ("Special Representative for the DPRK"), "and" ("Director General for Asian
    and Oceanian Affairs") and a parenthesised acronym ("Democratic Republic of the Congo (DRC) President").
    """
    doc = ent.doc
    i = ent.start - 1
    toks: list[Token] = []
    bound = ent.sent.start
    while bound > 1 and _false_sentence_end(doc[bound - 1]):
        bound = doc[bound - 1].sent.start  # the model ended a sentence at "Sr." or "(ROK)" in a title
    while i >= bound:
        t = doc[i]
        low = t.lower_
        if low in HONORIFICS:
            toks.insert(0, t)
            i -= 1
            continue
        if t.text == ")" and toks:  # "(DRC)"
            j = i - 1
            while j > bound and doc[j].text != "(" and i - j < 5:
                j -= 1
            if doc[j].text == "(" and all(x.pos_ == "PROPN" or x.is_upper for x in doc[j + 1:i]):
                i = j - 1
                continue
            break
        title_word = t.pos_ in ("PROPN", "NOUN", "ADJ") and t.ent_type_ not in ("PERSON", "DATE", "CARDINAL")
        after_joiner = i > 0 and doc[i - 1].lower_ in ("of", "for") and low == "the" and toks
        abbrev_dot = t.text == "." and i > 0 and len(doc[i - 1].text) <= 3 and doc[i - 1].text.istitle()  # "Sr."
        if title_word or (low in TITLE_JOINERS and toks) or t.tag_ == "HYPH" or after_joiner or abbrev_dot:
            toks.insert(0, t)
            i -= 1
            continue
        break
    while toks and (toks[0].lower_ in TITLE_JOINERS or toks[0].tag_ == "HYPH"):
        toks.pop(0)
    if not toks:
        return [], None, None, []
    words = [t.lower_ for t in toks]
    # The agent is the longest title ending the phrase, or ending before "to/of X" (ambassador to Japan).
    # the longest title in the phrase, nearest the name on ties: "Assistant Secretary of State for
    # Political-Military Affairs" is a Secretary of State's office, not "military"; a title (minister)
    # before an office (ministry).
    found = [(m, cut) for cut in range(len(words), 0, -1)
             if (m := gazetteer.longest_agent_suffix(words[:cut]))]
    if not found:
        return [], None, None, []
    # a title inside another's posting is not the head: "Commissioner for Justice", not "Justice"
    heads = [f for f in found if f[1] - f[0][0] < 1 or words[f[1] - f[0][0] - 1] not in ("for", "of", "to")]
    if not any(f[0][2] for f in heads):
        heads = found
    best, end = max(heads, key=lambda f: (f[0][2], f[0][0], f[1]))
    n, sector, _is_title = best
    head_start = end - n
    info = gazetteer.agent_info(" ".join(words[head_start:end]))
    if info is not None and info.kind == "group":
        return [], None, None, []  # "Media Freedom Coalition Ministerial": an office or a group, not a title
    # "the United States and Japanese Foreign Minister X": the title starts after the last "and"
    # before it; an "and" after it is part of the posting ("for Asian and Oceanian Affairs")
    cuts = [k for k in range(head_start) if words[k] == "and"]
    if cuts:
        drop = cuts[-1] + 1
        toks, words = toks[drop:], words[drop:]
        head_start, end = head_start - drop, end - drop
    posting = words[end:]
    # a military rank after the office ("Deputy Minister of Defense Sr. Lt. Gen. X"): a soldier
    rank = gazetteer.longest_agent_suffix(words)
    if posting and posting[0] not in ("to", "of", "for", "in") and rank is not None and rank[1] == "MIL" \
            and all(w in HONORIFICS or _abbrev(w) or gazetteer.agent(w) for w in posting[:-rank[0]]):
        sector, posting, end = "MIL", [], len(words)
    if posting and words[end - 1] in ("to", "of", "for", "in"):  # a title listed with its preposition
        end -= 1
        posting = words[end:]
    # other words after the title must be a first name the model left out ("Antony" J. Blinken)
    if posting and posting[0] not in ("to", "of", "for", "in") and (len(posting) > 2 or not all(
            t.pos_ == "PROPN" and t.text[:1].isupper() for t in toks[end:])):
        return [], None, None, []
    nat_tokens = [t for t in toks[:head_start] if t.lower_ not in ("former", "newly", "then")]
    nations = _nationality(nat_tokens)
    has_posting = bool(posting) and posting[0] in ("to", "of", "for", "in")
    if not nations and has_posting and posting[0] == "of":
        nations = _nationality(toks[end + 1:])  # "Foreign Minister of Japan X"
    role_end = len(toks) if has_posting else end
    role_toks = toks[head_start - _modifier_run(toks, head_start):role_end]
    role = " ".join(t.text for t in role_toks).strip(" .") or None
    return toks, role, sector, nations


def _false_sentence_end(t: Token) -> bool:
    """A sentence end the model put inside a title: after an abbreviation ("Sr.") or a parenthesis."""
    if t.text == ".":
        prev = t.doc[t.i - 1]
        return len(prev.text) <= 3 and prev.text.istitle()
    return t.text == ")" or t.pos_ in ("PROPN", "ADP")


def _abbrev(word: str) -> bool:
    """"sr", "lt", "." in a rank such as "Sr. Lt. Gen."."""
    return word == "." or (len(word.rstrip(".")) <= 3 and word.rstrip(".").isalpha())


def _modifier_run(toks: list[Token], head_start: int) -> int:
    """Adjectives right before the title that belong to the role ("interim", "acting", "deputy")."""
    n = 0
    j = head_start - 1
    while j >= 0 and toks[j].pos_ == "ADJ" and _country_of_word(toks[j].text) is None:
        n += 1
        j -= 1
    return n


def _title_inside(ent: Span) -> tuple[int, str, str, list[str]] | None:
    """A title at the start of an entity: (tokens it takes, role, sector, nationalities)."""
    words = [t.lower_ for t in ent]
    for k in range(len(ent) - 1, 0, -1):
        m = gazetteer.longest_agent_suffix(words[:k])
        if m and m[2] and ent[k].pos_ == "PROPN":
            n, sector, _ = m
            return k, ent[k - n:k].text, sector, _nationality(list(ent[:k - n]))
    return None


def _title_after(ent: Span) -> tuple[str | None, str | None, list[str]]:
    """An appositive title after the name: "Antony Blinken, the U.S. secretary of state"."""
    doc = ent.doc
    j = ent.end
    if j >= ent.sent.end or doc[j].text != ",":
        return None, None, []
    toks: list[Token] = []
    k = j + 1
    while k < ent.sent.end and doc[k].text not in (",", ".", ";", "(", ")") and len(toks) < 10:
        toks.append(doc[k])
        k += 1
    words = [t.lower_ for t in toks if t.lower_ not in ("the", "a", "an")]
    toks = [t for t in toks if t.lower_ not in ("the", "a", "an")]
    for cut in range(len(words), 0, -1):
        m = gazetteer.longest_agent_suffix(words[:cut])
        if m and m[2]:
            n, sector, _ = m
            posting = words[cut:]
            if posting and posting[0] not in ("to", "of", "for", "in"):
                return None, None, []
            nations = _nationality(toks[: cut - n])
            if not nations and posting and posting[0] == "of":
                nations = _nationality(toks[cut + 1:])  # "X, the foreign minister of Japan"
            if not nations and toks[: cut - n] and (org := _title_organisation(toks[: cut - n])) is not None:
                # "X, the United Nations Emergency Relief Coordinator": the organisation's
                nations = [org[0] or ""]
                sector = org[1] if org[1] in gazetteer.NON_STATE_SECTORS else sector
            role = " ".join(t.text for t in toks[cut - n:cut])
            return role, sector, nations
    return None, None, []


def _family_first(people: dict[str, Actor], name: str) -> Actor | None:
    """A one-word name that is the first word of exactly one titled person named before: the family
    name of a name written family name first ("Minister Park Jin ... Foreign Minister Park")."""
    if " " in name:
        return None
    hits = {a for full, a in people.items() if " " in full and full.split()[0] == name and a.role}
    return hits.pop() if len(hits) == 1 else None


def _surname(name: str) -> str:
    parts = name.replace("’s", "").replace("'s", "").split()
    return parts[-1] if parts else name


@cache
def source_countries() -> dict[str, str]:
    """News sources (by URL domain) and the country whose officials they name without nationality."""
    table = read_table("sources.tsv", ("domain", "country"))
    rows = unique(table.rows, lambda r: r["domain"].lower()).values()
    return {r["domain"].lower(): r["country"] for r in rows}


def _source_country(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    parts = host.lower().split(".")
    for i in range(len(parts) - 1):
        c = source_countries().get(".".join(parts[i:]))
        if c:
            return c
    return None


def _venue_country(parsed: Parsed, home: str | None) -> str | None:
    """The country, other than the home country, that the article's places after "in"/"at" are
    in most ("met yesterday in Hanoi with ..."), if one stands out."""
    counts: Counter[str] = Counter()
    for ent in parsed.doc.ents:
        root = ent.root
        if ent.label_ in ("GPE", "LOC", "FAC") and root.dep_ == "pobj" and root.head.lower_ in ("in", "at", "to"):
            p = gazetteer.place(ent.text)
            if p is not None and p.country and p.country != home:
                counts[p.country] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _home_country(parsed: Parsed) -> str | None:
    """The article's home country: its source's country when the URL is known (state.gov: USA),
    else the country it names most. News names its own officials without nationality ("Foreign
    Minister X" in a Japanese outlet), so a titled official with no nationality in the text is
    taken to be of this country, with lower confidence."""
    from_source = _source_country(parsed.document.url)
    if from_source:
        return from_source
    counts: Counter[str] = Counter()
    for ent in parsed.doc.ents:
        if ent.label_ in ("GPE", "NORP", "LOC"):
            c = _country_of_word(ent.text) or gazetteer.capital(ent.text)
            if c:
                counts[c] += 1
        elif ent.label_ == "ORG":
            # a national body names its country too: "UNITA", "the Kenya Anti-Corruption Commission"
            hit = gazetteer.armed_group(ent.text) or gazetteer.organisation(ent.text)
            c = hit[0] if hit else (_country_of_word(ent[0].text) if len(ent) > 1 else None)
            if c:
                counts[c] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return top if n > rest[0][1] else None


def _group_of(res: Resolution, tokens: Iterable[Token]) -> list[ActorMention]:
    seen: dict[Actor, ActorMention] = {}
    for t in tokens:
        for m in res.actors_at(t.i):
            seen.setdefault(m.actor, m)
    return list(seen.values())


def _np_countries(head: Token) -> list[str]:
    """Nationality of a noun phrase: amod/compound/nmod/poss children and their conjuncts
    ("Japanese and U.S. chiefs"), a place among them ("Darfur rebels"), or a place the phrase
    locates them in ("students throughout Indonesia", "settlers in the West Bank")."""
    mods: list[Token] = []
    for c in head.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss") and c.i < head.i:
            mods.append(c)
            mods.extend(x for x in c.conjuncts if x.i < head.i)
            # and their own modifiers, or words of the same name ("North" in "North Korean army")
            mods.extend(x for x in c.children if x.i < head.i and (
                x.dep_ in ("compound", "nmod") or (x.ent_type_ and x.ent_type_ == c.ent_type_)))
            if c.lower_ == "led":  # "Vietnamese-led forces", "the Saudi-led coalition"
                mods.extend(x for x in c.children if x.dep_ in ("npadvmod", "compound", "amod") and x.i < c.i)
    mods = sorted(set(mods), key=lambda t: t.i)
    found = _nationality(mods)
    if found:
        return found
    for c in mods:
        if c.pos_ == "PROPN" and (pl := _demonym_entity(c) or _place_country(c)):
            return [pl]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in LOCATING_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and (pl := _country_of_word(g.text) or _place_country(g)):
                    return [pl]
        elif c.dep_ == "prep" and c.lower_ == "of":  # "the president of Turkey", "the delegations of A and B"
            for g in c.children:
                if g.dep_ == "pobj" and (pl := _country_of_word(_entity_text(g))):
                    more = [x for x in (_country_of_word(_entity_text(y)) for y in g.conjuncts) if x]
                    return list(dict.fromkeys([pl, *more]))
    return []


def _entity_text(tok: Token) -> str:
    ent = _entity_of(tok)
    return ent.text if ent is not None else tok.text


def _entity_of(tok: Token) -> Span | None:
    """The named entity a token belongs to, found from the token's IOB tags (Doc.ents builds every
    entity span on each access)."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _demonym_entity(tok: Token) -> str | None:
    """The country of a several-word demonym the token is part of ("Sri Lankan", "South Korean")."""
    ent = _entity_of(tok)
    return gazetteer.demonym(ent.text) if ent is not None and len(ent) > 1 else None


def _place_country(tok: Token) -> str | None:
    """The country of a named place token, using the whole entity it belongs to."""
    text = tok.text
    if tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP"):
        ent = _entity_of(tok)
        text = ent.text if ent is not None else text
    else:
        return None  # a bare proper noun is too often an organisation ("UN") or a name
    p = gazetteer.place(text)
    return p.country if p is not None else None


def resolve(parsed: Parsed, registry: Registry | None = None) -> Resolution:
    """Find every actor mention in a parsed document. A registry (people seen with roles in earlier
    documents) resolves people this document names without a title ("Kono said")."""
    doc = parsed.doc
    res = Resolution(home_country=_home_country(parsed), speaker_country=_source_country(parsed.document.url))
    res.venue_country = _venue_country(parsed, res.home_country)
    people: dict[str, Actor] = {}  # full name and surname -> person actor, learned in this document
    person_ents: list[Span] = []

    # 0. People in signature blocks and lists ("Name, Title, Organisation").
    listed: set[int] = set()
    text = parsed.document.text  # the same string as doc.text, which spaCy rebuilds on every access
    for lp in _list_people(text, res.home_country, res.venue_country, parsed.document.published):
        name_span = doc.char_span(lp.start, lp.end, alignment_mode="expand")
        if name_span is None or listed & set(range(name_span.start, name_span.end)):
            continue
        listed.update(range(name_span.start, name_span.end))
        res.add(name_span, ActorMention(lp.start, lp.end, text[lp.start:lp.end], lp.actor), "title")
        people[lp.actor.name or ""] = lp.actor
        people.setdefault(_surname(lp.actor.name or ""), lp.actor)

    # 1. Named entities.
    for ent in doc.ents:
        if listed & set(range(ent.start, ent.end)):
            continue
        text = ent.text
        label = ent.label_
        if label in ("GPE", "NORP", "ORG", "FAC", "LOC", "PERSON"):
            # the model's slips: "Kyiv" tagged PERSON is still the city
            actor = _entity_actor(ent)
            if actor is not None:
                res.add(ent, _span_mention(ent, actor))
                continue
            if label == "PERSON" and (gazetteer.capital(text) or gazetteer.place(text)) \
                    and _title_before(ent)[1] is None:
                continue  # but "President Bush" is a person, whatever town is called Bush
        if label == "ORG" and (inst := _institution(ent, res)) is not None:
            res.add(ent, _span_mention(ent, inst[0]), inst[1])
            continue
        if label == "ORG" and len(ent) > 1:
            # "Baghdad University Medical School", "the Tehran Times": a kind of organisation named
            # with its place
            sector, country, its_own = _org_sector_country(text)
            if sector and (its_own or sector == "NGO"):  # an association is an actor with no country
                res.add(ent, _span_mention(ent, Actor(country=country, sector=sector, name=text)))
                continue
        if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and all(t.pos_ == "PROPN" for t in ent)):
            # and a name tagged as a place or organisation ("Blinken said", "Olaf Scholz"): a person
            # if it has a title or was named with one earlier
            person_ents.append(ent)
    person_ents.extend(s for s in _untagged_names(doc) if not listed & set(range(s.start, s.end)))
    for span, untagged in _untagged_actors(doc):  # "Nigeria will withdraw ...", which the model missed
        res.add(span, _span_mention(span, untagged))
    for span, slip in _misspelt_countries(doc, res):
        res.add(span, _span_mention(span, Actor(country=slip)))

    # 2. People with titles, learned in text order so later surnames find them.
    for ent in _person_spans(person_ents):
        name = ent.text.strip()
        known = people.get(name) or _same_person(people.get(_surname(name)), name) or _family_first(people, name)
        if known is not None and known.country:
            res.add(ent, _span_mention(ent, known), "direct")
            continue
        title_toks, role, sector, nations = _title_before(ent)
        how = "title"
        inner = _title_inside(ent)
        if inner is not None:  # the model put the title in the name: "Spokesperson Ned Price" (ORG)
            k, role, sector, inner_nations = inner
            name = ent[k:].text
            nations = inner_nations or nations
            title_toks = [*title_toks, *ent[:k]]
        if role is None and ent.label_ != "PERSON" and gazetteer.place(name) is not None:
            # "in Washington, DC with the Secretary General": a place, not a person; but a subject
            # with a title after it is one ("Oshima, the UN relief coordinator, demanded ...")
            if not (ent.root.dep_ == "nsubj" and ent.end + 1 < len(doc) and doc[ent.end].text == ","
                    and doc[ent.end + 1].lower_ == "the"):
                continue
            role, sector, nations = _title_after(ent)
            if role is None:
                continue
        if role is None:
            role, sector, nations = _title_after(ent)
        if role is None and (before := _title_appositive(ent)) is not None:
            role, sector, nations = before  # "the Crown Prince of Abu Dhabi, Sheikh Mohamed ..."
        if not nations and title_toks and (org := _title_organisation(title_toks)) is not None:
            # "European Union Commissioner for Justice X", "ICC Prosecutor Y": the organisation's
            # country (none for an international one) and, for an IGO or NGO, its sector
            nations = [org[0] or ""]
            sector = org[1] if org[1] in gazetteer.NON_STATE_SECTORS else sector
        if not nations:
            nations = _inherited_nationality(ent)
        if not nations and role and (c := _title_country(role)):
            nations = [c]
        if not nations and registry is not None \
                and (ent.label_ == "PERSON" or gazetteer.place(name) is None) \
                and (hit := registry.lookup(name, parsed.document.published)) and hit.country:
            nations, how, name = [hit.country], "registry", hit.name or name
            role, sector = role or hit.role, sector or hit.sector
        if not nations and ent.label_ == "PERSON" and (ten := leaders.lookup(name, parsed.document.published)):
            # a leader the curated table knows in office on the article's date ("President Bush")
            nations, how, name = ([ten.country] if ten.country else []), "leader", ten.name
            role, sector = role or ten.role, ten.sector
            if not ten.country:  # an international official: the organisation is the actor's "country"
                nations, sector = [""], "IGO"
        if not nations and ent.label_ == "PERSON" and role \
                and (ten := leaders.lookup_any_time(f"{role} {name}")) and ten.country:
            # a past leader under the title the table knows ("former President Carter"); not in office
            # on this date: the country, and the name as written (which of two namesakes is unsure)
            nations, how = [ten.country], "leader"
        if not nations and sector == "IGO":
            nations = [""]  # "the Secretary General of the OIC": an international official
        if not nations and role and res.home_country:
            title_text = " ".join(t.text for t in title_toks) or role
            if _foreign_title(role, res.home_country) or _foreign_phrase(title_text, res.home_country):
                # "Foreign Minister X" in a U.S. release: the country of the foreign official named
                # just before in the same sentence ("Panamanian President X and Acting Foreign
                # Minister Y"), else the country the release takes place in
                where = _foreign_partner(res, ent, res.home_country) or _sentence_venue(ent, res.home_country) \
                    or res.venue_country
                if where:
                    nations, how = [where], "home"
            elif sector in OFFICIAL_SECTORS:
                nations, how = [res.home_country], "home"
            elif res.venue_country:
                # a journalist or activist named without nationality is not taken to be the
                # release's own: the country the release takes place in, if any
                nations, how = [res.venue_country], "home"
        if not nations or not sector or (ent.label_ != "PERSON" and role is None):
            continue
        if title_toks and ent.start > 0:
            # first names the model left outside the entity belong to the name
            j = ent.start - 1
            while j >= title_toks[0].i and doc[j].pos_ == "PROPN" and gazetteer.agent(doc[j].lower_) is None \
                    and doc[j].lower_ not in ("of", "state") and _country_of_word(doc[j].text) is None \
                    and doc[j].text not in (role or "").split():
                j -= 1
            if j < ent.start - 1 and doc[j].lower_ not in TITLE_JOINERS:
                name = doc[j + 1:ent.end].text
        name = _NAME_TAIL.sub("", name) or name
        actor = Actor(country=nations[0] or None, sector=sector, name=name, role=role)
        people[name] = actor
        people.setdefault(_surname(name), actor)
        toks = list(title_toks) + list(ent)
        res.add(toks, _span_mention(toks, actor), how)

    # 2b. Surnames of people named above that the model left untagged ("Lenderking met with ...").
    for t in doc:
        known = people.get(t.text) if " " not in t.text else None
        if known is not None and known.country and t.i not in res.by_token and t.ent_type_ in ("", "PERSON") \
                and t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper():
            res.add([t], _span_mention([t], known), "direct")

    # 3. Agent noun phrases ("Japanese and U.S. foreign and defense chiefs", "the ministers").
    last_group: list[ActorMention] = []
    for sent in doc.sents:
        for t in sent:
            if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound",) and t.i not in res.by_token:
                _agent_phrase(t, res, last_group)
            elif t.pos_ == "PRON":
                _pronoun(t, res, last_group)
            ms = res.actors_at(t.i)
            if len({m.actor.country for m in ms}) >= 2 and t.pos_ != "PRON":
                last_group[:] = ms
        # group memory also learns from coordinated subjects ("the United States and Japan")
        for t in sent:
            if t.dep_ in ("nsubj", "nsubjpass") and t.conjuncts:
                grp = _group_of(res, [t, *t.conjuncts])
                if len({m.actor.country for m in grp}) >= 2:
                    last_group[:] = grp
    return res


# Sectors of officials whom a source names without nationality when they are its own ("Foreign
# Minister X" in a Japanese outlet): the home-country fallback applies to these only.
OFFICIAL_SECTORS = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY", "PTY"}
# Institutions named by their common name ("the Senate", "Congress", "the Supreme Court").
INSTITUTION_SECTORS = {"LEG", "JUD"}


def _institution(ent: Span, res: Resolution) -> tuple[Actor, str] | None:
    """A legislature or court the model tagged ORG, without nationality ("approved as envoy by the
    Senate"): the country of its modifiers, else of the nearest actor before it in the sentence,
    else the article's home country; and how it was found."""
    words = [t for t in ent if t.lower_ != "the"]
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    info = gazetteer.agent_info(" ".join(t.text for t in words))
    if info is None or info.kind != "group" or info.sector not in INSTITUTION_SECTORS:
        return None
    nations = _np_countries(ent.root)
    if nations:
        return Actor(country=nations[0], sector=info.sector), "direct"
    start = ent.sent.start_char
    for m in reversed(res.mentions):
        if start <= m.start < ent.start_char and m.actor.country:
            return Actor(country=m.actor.country, sector=info.sector), "home"
    if res.home_country:
        return Actor(country=res.home_country, sector=info.sector), "home"
    return None


def _untagged_names(doc: Doc) -> list[Span]:
    """Names the model did not tag, right after a title ("U.S. Ambassador to Japan Rahm Emanuel, a
    former ..."): runs of two to four capitalised proper nouns outside any entity that are neither
    agent words nor places, with a title phrase before them."""
    out: list[Span] = []
    i = 0
    n = len(doc)
    while i < n:
        j = i
        while j < n and j - i < 5 and _bare_name_token(doc[j]):
            j += 1
        if 2 <= j - i <= 4 and (i == 0 or not _bare_name_token(doc[i - 1])):
            span = Span(doc, i, j, label="PERSON")
            if _title_before(span)[1] is not None and gazetteer.place(span.text) is None:
                out.append(span)
        i = max(j, i + 1)
    return out


def _untagged_actors(doc: Doc) -> list[tuple[Span, Actor]]:
    """Countries and known armed groups or organisations outside any entity ("Nigeria will withdraw
    its troops", "the Hizbollah group declared ...", which the model left untagged): runs of
    capitalised proper nouns that are exactly such a name, not run on by another capitalised word
    ("Georgia Tech")."""
    out: list[tuple[Span, Actor]] = []
    i, n = 0, len(doc)
    while i < n:
        j = i
        while j < n and j - i < 4 and not doc[j].ent_type_ and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j > i and (i == 0 or not (doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper())):
            span = Span(doc, i, j)
            # "US" is the country, but not in a line in capitals ("TELL US")
            short = len(span) == 1 and span.text.isupper() and len(span.text) <= 2 and any(
                t.is_alpha and t.is_upper and len(t) > 1 for t in doc[max(0, i - 2):j + 2] if t.i != i)
            c = gazetteer.country(span.text)
            if c is not None and not short:
                out.append((span, Actor(country=c)))
            elif c is None and not short and (
                    g := gazetteer.armed_group(span.text) or gazetteer.organisation(span.text)):
                out.append((span, Actor(country=g[0], sector=g[1], name=g[2])))
        i = max(j, i + 1)
    return out


def _misspelt_countries(doc: Doc, res: Resolution) -> list[tuple[Span, str]]:
    """A country name or demonym one letter off ("Ethopia has agreed ... between Ethiopia and
    Eritrea"), taken as that country only when the text also names it correctly."""
    named = {m.actor.country for m in res.mentions if m.actor.country}
    out: list[tuple[Span, str]] = []
    for t in doc:
        # (the cheap spelling check first: the place lookup is the costly one)
        if t.pos_ == "PROPN" and t.i not in res.by_token and t.ent_type_ in ("", "GPE", "NORP") \
                and (slip := gazetteer.misspelt_country(t.text)) in named and gazetteer.place(t.text) is None:
            out.append((doc[t.i:t.i + 1], slip))
    return out


def _bare_name_token(t: Token) -> bool:
    return not t.ent_type_ and t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() \
        and gazetteer.agent(t.lower_) is None and _country_of_word(t.text) is None


def _entity_actor(ent: Span) -> Actor | None:
    text = ent.text
    c = gazetteer.country(text)
    if c:
        return Actor(country=c)
    if ent.label_ == "NORP":
        d = gazetteer.demonym(text)
        return Actor(country=d) if d else None
    if ent.label_ == "GPE" and (d := gazetteer.demonym(text)):
        return Actor(country=d)  # the model's slip: "Sri Lankan" tagged as a place
    m = gazetteer.metonym(text)
    if m:
        return Actor(country=m[0], sector=m[1])
    o = gazetteer.organisation(text)
    if o:
        return Actor(country=o[0], sector=o[1], name=o[2])
    g = gazetteer.armed_group(text)
    if g:
        return Actor(country=g[0], sector=g[1], name=g[2])
    cap = gazetteer.capital(text)
    if cap and _acts(ent.root):
        return Actor(country=cap, sector="GOV", name=text)
    return None


def _acts(tok: Token) -> bool:
    """A capital is its government when it acts or owns: subject, agent, possessor ("Beijing's")."""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss", "dobj"):
        return True
    return tok.dep_ == "pobj" and (tok.head.dep_ == "agent" or tok.head.lower_ in ACTING_PREPS)


def _inherited_nationality(ent: Span) -> list[str]:
    """A name in apposition to a noun with a nationality ("their U.S. counterparts ... Lloyd Austin")."""
    tok = ent.root
    for _ in range(4):
        if tok.dep_ == "pobj" and tok.head.lower_ in ("including", "like") and tok.head.head is not tok.head:
            tok = tok.head.head  # "top UAE officials including Foreign Minister X"
        elif tok.dep_ not in ("appos", "nmod", "compound", "conj") or tok.head is tok:
            break
        else:
            tok = tok.head
        if tok.pos_ == "NOUN":
            nations = _np_countries(tok)
            if nations:
                return nations
    return []


def _agent_phrase(head: Token, res: Resolution, last_group: list[ActorMention]) -> None:
    left = [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i]
    words = [t.lower_ for t in left if t.dep_ not in ("det", "poss", "punct") and t.pos_ != "NUM"]
    m = gazetteer.longest_agent_suffix(words) if words else None
    if m is None and head.lemma_.lower() not in GROUP_NOUNS:
        return
    sector = m[1] if m else None
    nations = _np_countries(head)
    span = [t for t in left if t.dep_ != "det"] or [head]
    if nations:
        for c in nations:
            res.add(span, _span_mention(span, Actor(country=c, sector=sector)))
        return
    if (e := gazetteer.agent_info(head.lower_)) is not None and e.kind == "populace":
        return  # "23 people", "the public": no actor without a nationality
    if sector in ("NGO", "IGO") and m is not None and not m[2]:
        # "a human rights group protested": a non-governmental or international body is an actor
        # without a country, as PLOVER codes it
        res.add(span, _span_mention(span, Actor(country=None, sector=sector)))
        return
    dets = {c.lower_ for c in head.children if c.dep_ in ("det", "predet")}
    first = head
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    lead_dets = dets | {c.lower_ for c in first.children if c.dep_ == "det"}
    # "the Secretary", "the Secretary and Foreign Minister": the last person named with that title.
    if m is not None and m[2] and head.tag_ in ("NN", "NNP") and "the" in lead_dets:
        title = " ".join(words[-m[0]:])
        for prev in reversed(res.mentions):
            role = (prev.actor.role or "").lower()
            if prev.start < head.idx and prev.actor.name and (
                    role == title or role.endswith(" " + title) or role.startswith(title + " of ")):
                res.add(span, _span_mention(span, prev.actor), "group")
                return
    # "the Foreign Ministers", "the two ministers": every person named before with that title,
    # when there are several (the ministers of a joint statement).
    if m is not None and m[0] >= 2 and m[2] and head.tag_ in ("NNS", "NNPS") \
            and lead_dets & ({"the"} | GROUP_DETERMINERS):
        title = " ".join([*words[-m[0]:-1], _singular(head)])
        before = [p.actor for p in res.mentions if p.start < head.idx and p.actor.name]
        named = list(dict.fromkeys(a for a in before if _role_is(a.role, title)))
        if len(named) >= 2:
            for a in named:
                res.add(span, _span_mention(span, a), "group")
            return
    # A definite plural agent with no nationality refers back to the last group of actors: officials
    # and parties ("the ministers", "the two sides"), not "the different communities".
    if head.tag_ in ("NNS", "NNPS") and last_group and (sector in OFFICIAL_SECTORS | {"IGO"} or (
            head.lemma_.lower() in GROUP_NOUNS)) and not any(
            c.dep_ == "amod" and c.lower_ in NOT_ANAPHORIC for c in head.children):
        nums = [c for c in head.children if c.dep_ == "nummod"]
        if dets & GROUP_DETERMINERS or nums:
            for g in last_group:
                res.add(span, _span_mention(span, g.actor), "group")


def _singular(t: Token) -> str:
    """The singular of a plural noun; spaCy leaves proper nouns ("Ministers") unlemmatised."""
    w = t.lemma_.lower()
    if t.tag_ == "NNPS" and w == t.lower_:
        w = w[:-3] + "y" if w.endswith("ies") else w[:-1] if w.endswith("s") else w
    return w


_OF_TITLE = re.compile(r"^(\w+) of (?:the )?(\w+)(?: affairs)?(?: of .+)?$")


def _role_is(role: str | None, title: str) -> bool:
    """Whether a role is that title; "Minister of Foreign Affairs" is a "foreign minister"."""
    r = (role or "").lower()
    if (m := _OF_TITLE.match(r)) is not None:
        r = f"{m.group(2)} {m.group(1)}"
    return r == title or r.endswith(" " + title) or r.startswith(title + " of ")


def _pronoun(tok: Token, res: Resolution, last_group: list[ActorMention]) -> None:
    low = tok.lower_
    if low in FIRST_PERSON and res.speaker_country:
        # "We condemn ...", "I congratulate ..." in a government's own release: that government
        res.add([tok], ActorMention(tok.idx, tok.idx + len(tok.text), tok.text,
                                    Actor(country=res.speaker_country, sector="GOV")), "home")
        return
    if low in RELATIVE_PRONOUNS and tok.head.dep_ in ("relcl", "acl") and tok.head.head.i in res.by_token:
        for m in res.actors_at(tok.head.head.i):
            res.add([tok], m, "pronoun")
        return
    if low in GROUP_PRONOUNS and last_group:
        for g in last_group:
            res.add([tok], g, "pronoun")
        return
    if low in GROUP_PRONOUNS:
        # no group of several countries: the nearest earlier plural subject ("Palestinian leaders
        # said they would ...") in this or the previous sentence
        sent_start = tok.sent.start
        prev_start = tok.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for i in range(tok.i - 1, prev_start - 1, -1):
            t = tok.doc[i]
            if t.dep_ in ("nsubj", "nsubjpass") and (t.tag_ in ("NNS", "NNPS") or t.conjuncts):
                ms = res.actors_at(i)
                if ms:
                    for m in ms:
                        res.add([tok], m, "pronoun")
                    return
        return
    if low in PERSON_PRONOUNS or low in THING_PRONOUNS:
        want_person = low in PERSON_PRONOUNS
        # the nearest earlier subject of the right kind, within this and the previous sentence
        sent_start = tok.sent.start
        prev_start = tok.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for i in range(tok.i - 1, prev_start - 1, -1):
            t = tok.doc[i]
            if t.dep_ not in ("nsubj", "nsubjpass") and not (t.dep_ == "pobj" and not want_person):
                continue
            if not want_person and t.tag_ in ("NNS", "NNPS"):
                continue  # "it" is not "the Palestinian people" or "the ministers"
            ms = res.actors_at(i)
            if not ms:
                continue
            is_person = any(m.actor.name and m.actor.role for m in ms)
            if is_person == want_person and len(ms) == 1:
                res.add([tok], ms[0], "pronoun")
                return


# --- people in list formats -------------------------------------------------------------------
# Signature blocks and panels name people as "Name, Title[, Organisation]": one a line under a line
# that names a country ("Australia" / "Senator the Hon Richard Colbeck, Minister for Sport"), or as
# ";"-separated items in a sentence ("including Min Mitchell, Managing Director for East Asia, Radio
# Free Asia; Evanna Hu, CEO and Partner, Omelas; and ..."). The model's entities are unreliable on
# such lines, so they are read from the text itself.

# Courtesy titles before a name and post-nominal letters after it ("The Rt Hon Nadine Dorries MP").
COURTESY = {"the", "hon", "honourable", "honorable", "rt", "right", "dr", "mr", "ms", "mrs", "miss",
            "prof", "professor", "sir", "dame", "h.e", "his", "her", "excellency", "amb", "sen", "rep",
            "sheikh", "shaikh", "sheik", "lord", "lady", "mme", "m"}
POST_NOMINALS = {"mp", "td", "mep", "msp", "mla", "mna", "qc", "kc", "phd", "obe", "cbe", "mbe", "kbe",
                 "dbe", "ac", "ao", "pc"}
NAME_PARTICLES = {"i", "de", "da", "di", "do", "dos", "das", "del", "della", "der", "den", "van", "von",
                  "bin", "binti", "al", "el", "la", "le", "du", "y", "ibn", "ter", "ten", "zu", "e"}
# An organisation's sector from a word of its name ("Harvard University", "Radio Free Asia").
ORG_WORD_SECTORS = {
    "university": "EDU", "college": "EDU", "school": "EDU", "academy": "EDU", "polytechnic": "EDU",
    "universidad": "EDU", "université": "EDU", "universität": "EDU",
    "radio": "JRN", "television": "JRN", "tv": "JRN", "broadcasting": "JRN", "broadcaster": "JRN",
    "news": "JRN", "newspaper": "JRN", "times": "JRN", "post": "JRN", "journal": "JRN", "magazine": "JRN",
    "gazette": "JRN", "tribune": "JRN", "herald": "JRN", "media": "JRN", "press": "JRN",
    "inc": "BUS", "ltd": "BUS", "llc": "BUS", "llp": "BUS", "plc": "BUS", "corp": "BUS",
    "corporation": "BUS", "company": "BUS", "co": "BUS", "gmbh": "BUS", "ag": "BUS", "sa": "BUS",
    "holdings": "BUS", "bank": "BUS", "group": "BUS", "consulting": "BUS", "technologies": "BUS",
    "foundation": "NGO", "association": "NGO",
}
POSTING_WORDS = {"of", "for", "to", "at", "in", "on", "and", "&", "(", "responsible"}
MAX_LIST_LINE_WORDS = 30  # a signature or panel line; a longer one is prose
ORG_JOINERS = {"of", "the", "for", "and", "&", "on", "de", "du", "des", "la", "le", "der", "für", "in"}
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class ListPerson:
    start: int  # character offsets of the name in the document
    end: int
    actor: Actor


def _bare(word: str) -> str:
    return word.strip(".,:;()\u200e\u200f").lower()


def _name_word(w: str) -> bool:
    core = w.strip(".,\u200e\u200f")
    return bool(core) and (core[0].isupper() or core.lower() in NAME_PARTICLES) \
        and all(c.isalpha() or c in "-'’." for c in core)


def _title_word(w: str) -> bool:
    """A courtesy title or an agent title ("Senator", "Vice-Chancellor") before a name."""
    low = _bare(w)
    if low in COURTESY or low.replace(".", "") in COURTESY:
        return True
    info = gazetteer.agent_info(low.split("-")[-1]) if low else None
    return info is not None and info.is_title


def _list_name(head: str, offset: int, allow_prefix: bool) -> tuple[int, int, str] | None:
    """The name ending `head` ("Senator the Hon Richard Colbeck" -> "Richard Colbeck"), with offsets.
    Without `allow_prefix` the name (after courtesy titles) must start the head."""
    words = [(m.start() + offset, m.group()) for m in _WORD.finditer(head)]
    while words and _bare(words[-1][1]) in POST_NOMINALS:
        words.pop()
    k = len(words)
    while k > 0 and _name_word(words[k - 1][1]):
        k -= 1
    prefix, run = words[:k], words[k:]
    while run and (_title_word(run[0][1]) or _bare(run[0][1]) in NAME_PARTICLES):
        prefix.append(run.pop(0))
    if prefix and not allow_prefix and not all(
            _title_word(w) or _bare(w) in ("and", "-", "•") for _, w in prefix):
        return None
    if not 2 <= len(run) <= 6 or _bare(run[-1][1]) in NAME_PARTICLES:
        return None
    start = run[0][0]
    end = run[-1][0] + len(run[-1][1].rstrip(".,:;\u200e\u200f"))
    name = " ".join(w for _, w in run).rstrip(".,:;\u200e\u200f")
    if _country_of_word(name) or gazetteer.place(name) or gazetteer.named_actor(name) \
            or gazetteer.agent_info(name):
        return None
    return start, end, name


def _title_sector(words: list[str]) -> tuple[str, str] | None:
    """(role, sector) of a title phrase: the longest prefix that ends in a title and is followed by
    nothing or by a posting ("Minister for Sport", "Managing Director for East Asia", "CEO and
    Partner"); failing that, an office in it ("Head of the Federal Department of Defence"). A title
    followed by a name ("Defense Minister Nobuo Kishi") is not one."""
    low = [w.lower().strip(",.") for w in words]
    for want_title in (True, False):
        for cut in range(len(low), 0, -1):
            m = gazetteer.longest_agent_suffix(low[:cut])
            if m and (m[2] or not want_title) and (cut == len(low) or low[cut] in POSTING_WORDS):
                return " ".join(words).strip(" ,."), m[1]
    return None


def _org_like(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 8 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in ORG_JOINERS or not w[:1].isalpha() for w in words)


def _org_sector_country(org: str) -> tuple[str | None, str | None, bool]:
    """(sector, country, known) of an organisation named in a list item: from organisations.tsv,
    else the sector from a word of its name and the country from a country, demonym or capital in it.
    `known` says the country is the organisation's own (None for an international one)."""
    hit = gazetteer.organisation(org)
    if hit is not None:
        return hit[1], hit[0], True
    words = [w.strip(",.()") for w in org.split()]
    sector = next((s for w in words if (s := ORG_WORD_SECTORS.get(w.lower().rstrip(".")))), None)
    country = _nationality_text(words)
    return sector, country, country is not None


def _nationality_text(words: list[str]) -> str | None:
    """A country named in a list of words, longest names first ("Republic of Korea", "Tokyo")."""
    for n in range(min(len(words), 6), 0, -1):
        for i in range(len(words) - n + 1):
            text = " ".join(words[i:i + n])
            c = _country_of_word(text) or (gazetteer.capital(text) if n > 1 or words[i][:1].isupper() else None)
            if c:
                return c
    return None


def _title_like(part: str) -> bool:
    """A title as lists write it: capitalised words and joiners ("Minister for Sport and Recreation",
    "CEO and Partner"), not a clause ("spoke today with ...")."""
    words = re.sub(r"\([^)]*\)", " ", part).split()
    return 1 <= len(words) <= 16 and words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in ORG_JOINERS or w.lower() in ("to", "at", "with") or not w[:1].isalpha()
        for w in words)


def _list_item(parts: list[tuple[int, str]], allow_prefix: bool, header: str | None, home: str | None,
               venue: str | None, on: date) -> ListPerson | None:
    """One "Name, Title[, Organisation or Country]" item; `parts` are its comma-separated parts with
    their offsets. With `allow_prefix` the item may follow other words ("including Min Mitchell, ...")."""
    if len(parts) < 2:
        return None
    starts = [len(parts) - 3, len(parts) - 2] if allow_prefix else [0]
    for j in starts:
        if j < 0:
            continue
        found = _list_name(parts[j][1], parts[j][0], allow_prefix)
        if found is None or not _title_like(parts[j + 1][1]):
            continue
        ts = _title_sector(parts[j + 1][1].split())
        if ts is None:
            continue
        return _list_actor(found, ts, [p.strip().rstrip(".;") for _, p in parts[j + 2:]], header, home, venue, on)
    return None


def _list_actor(found: tuple[int, int, str], ts: tuple[str, str], rest: list[str], header: str | None,
                home: str | None, venue: str | None, on: date) -> ListPerson | None:
    start, end, name = found
    role, sector = ts
    country: str | None = None
    decided = False
    named = next((c for p in rest if (c := gazetteer.country(p))), None)
    org = next((p for p in rest if _org_like(p)), None)
    if named:
        country, decided = named, True  # "Name, Minister of Sport, Australia"
    elif header:
        country, decided = header, True
    elif org is not None:
        o_sector, o_country, known = _org_sector_country(org)
        if o_sector is not None or sector != "GOV":
            sector = o_sector or sector
            if known:
                country, decided = o_country, True
            elif o_sector == "IGO":
                country, decided = None, True
    if not decided:
        nat = _nationality_text(role.split()[:3])
        ten = leaders.lookup(name, on)
        if nat:
            country = nat
        elif (tc := _title_country(role)) is not None:
            country = tc
        elif ten is not None:
            country = ten.country
            sector = ten.sector if ten.country else "IGO"
        elif sector == "IGO":
            country = None
        elif home and _foreign_title(role, home):
            if venue is None:
                return None
            country = venue
        else:
            country = home  # a domestic-sounding organisation, or none: the release's own country
    if country is None and sector != "IGO":
        return None
    return ListPerson(start, end, Actor(country=country, sector=sector, name=name, role=role))


def _list_people(text: str, home: str | None, venue: str | None, on: date) -> list[ListPerson]:
    """People named in signature blocks and ";"-separated lists (see above)."""
    out: list[ListPerson] = []
    header: str | None = None
    since = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        bare = line.strip().strip(":.").strip()
        if bare and len(bare) <= 60 and (c := gazetteer.country(bare)):
            header, since = c, 0
            continue
        since += 1
        if since > 3:
            header = None
        if "," not in line or (header is None and ";" not in line and len(line.split()) > MAX_LIST_LINE_WORDS):
            continue
        segs: list[tuple[int, str]] = []
        p = line_start
        for seg in line.split(";"):
            segs.append((p, seg))
            p += len(seg) + 1
        items = []
        for k, (off, seg) in enumerate(segs):
            lead = len(seg) - len(seg.lstrip(" -•\t"))
            if seg[lead:].lower().startswith("and "):
                lead += 4
            parts: list[tuple[int, str]] = []
            q = off + lead
            for part in seg[lead:].split(","):
                parts.append((q, part))
                q += len(part) + 1
            item = _list_item(parts, k == 0 and len(segs) > 1, header, home, venue, on)
            if item is not None:
                items.append(item)
        if len(segs) > 1 and len(items) < 2:
            continue
        out.extend(items)
    return out
