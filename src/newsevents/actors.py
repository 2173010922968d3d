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

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import urlparse

from spacy.tokens import Span, Token

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
# Plural nouns that, with "the"/"both"/a number, refer back to the parties just named.
GROUP_NOUNS = {"country", "nation", "side", "government", "ally", "partner", "leader", "party"}
# "rebels in Darfur", "students throughout Indonesia": where the actors are says who they are.
LOCATING_PREPS = {"in", "from", "throughout", "across", "inside"}
# After these prepositions a capital is a party, not a place ("talks with Moscow", "sanctions on Minsk").
ACTING_PREPS = {"with", "against", "on", "toward", "towards", "by"}
TITLE_JOINERS = {"of", "for", "to", "and", "-"}
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
    return ActorMention(start, end, toks[0].doc.text[start:end], actor)


def _country_of_word(text: str) -> str | None:
    return gazetteer.country(text) or gazetteer.demonym(text)


def _nationality(tokens: Iterable[Token]) -> list[str]:
    """Countries named by nationality words among tokens ("Japanese", "U.S.", "Japan-U.S.")."""
    found: list[str] = []
    for t in tokens:
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
    Countries after "to"/"in" in the title are the posting, not the nationality.
    """
    doc = ent.doc
    i = ent.start - 1
    toks: list[Token] = []
    while i >= ent.sent.start:
        t = doc[i]
        low = t.lower_
        if low in HONORIFICS:
            toks.insert(0, t)
            i -= 1
            continue
        title_word = t.pos_ in ("PROPN", "NOUN", "ADJ") and t.ent_type_ not in ("PERSON", "DATE", "CARDINAL")
        if title_word or (low in TITLE_JOINERS and toks and low != "and") or t.tag_ == "HYPH":
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
    # Political-Military Affairs" is a Secretary of State's office, not "military"
    found = [(m, cut) for cut in range(len(words), 0, -1)
             if (m := gazetteer.longest_agent_suffix(words[:cut]))]
    if not found:
        return [], None, None, []
    best, end = max(found, key=lambda f: (f[0][0], f[1]))
    n, sector, _is_title = best
    head_start = end - n
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
    role = " ".join(t.text for t in role_toks).strip() or None
    return toks, role, sector, nations


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
            role = " ".join(t.text for t in toks[cut - n:cut])
            return role, sector, nations
    return None, None, []


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
            mods.extend(x for x in c.children if x.dep_ in ("compound", "nmod") and x.i < head.i)
    mods = sorted(set(mods), key=lambda t: t.i)
    found = _nationality(mods)
    if found:
        return found
    for c in mods:
        if c.pos_ == "PROPN" and (pl := _place_country(c)):
            return [pl]
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in LOCATING_PREPS:
            for g in c.children:
                if g.dep_ == "pobj" and (pl := _country_of_word(g.text) or _place_country(g)):
                    return [pl]
    return []


def _place_country(tok: Token) -> str | None:
    """The country of a named place token, using the whole entity it belongs to."""
    text = tok.text
    if tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP"):
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        text = ent.text if ent is not None else text
    elif tok.pos_ != "PROPN":
        return None
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

    # 1. Named entities.
    for ent in doc.ents:
        text = ent.text
        label = ent.label_
        if label in ("GPE", "NORP", "ORG", "FAC", "LOC", "PERSON"):
            # the model's slips: "Kyiv" tagged PERSON is still the city
            actor = _entity_actor(ent)
            if actor is not None:
                res.add(ent, _span_mention(ent, actor))
                continue
            if label == "PERSON" and (gazetteer.capital(text) or gazetteer.place(text)):
                continue
        if label == "PERSON" or (label in ("ORG", "GPE", "NORP") and all(t.pos_ == "PROPN" for t in ent)):
            # and a name tagged as a place or organisation ("Blinken said", "Olaf Scholz"): a person
            # if it has a title or was named with one earlier
            person_ents.append(ent)

    # 2. People with titles, learned in text order so later surnames find them.
    for ent in sorted(person_ents, key=lambda e: e.start):
        name = ent.text.strip()
        known = people.get(name) or people.get(_surname(name))
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
        if role is None:
            role, sector, nations = _title_after(ent)
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
        if not nations and role and res.home_country:
            if _foreign_title(role, res.home_country):
                # "Foreign Minister X" in a U.S. release: the country the release takes place in
                if res.venue_country:
                    nations, how = [res.venue_country], "home"
            else:
                nations, how = [res.home_country], "home"
        if not nations or not sector or (ent.label_ != "PERSON" and role is None):
            continue
        if title_toks and ent.start > 0:
            # first names the model left outside the entity belong to the name
            j = ent.start - 1
            while j >= title_toks[0].i and doc[j].pos_ == "PROPN" and gazetteer.agent(doc[j].lower_) is None \
                    and doc[j].lower_ not in ("of", "state"):
                j -= 1
            if j < ent.start - 1 and doc[j].lower_ not in TITLE_JOINERS:
                name = doc[j + 1:ent.end].text
        actor = Actor(country=nations[0] or None, sector=sector, name=name, role=role)
        people[name] = actor
        people.setdefault(_surname(name), actor)
        span = list(title_toks) + list(ent)
        res.add(span, _span_mention(span, actor), how)

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


def _entity_actor(ent: Span) -> Actor | None:
    text = ent.text
    c = gazetteer.country(text)
    if c:
        return Actor(country=c)
    if ent.label_ == "NORP":
        d = gazetteer.demonym(text)
        return Actor(country=d) if d else None
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
    for _ in range(3):
        if tok.dep_ not in ("appos", "nmod", "compound", "conj") or tok.head is tok:
            break
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
                    role == title or role.endswith(" " + title) or role.startswith(title + " ")):
                res.add(span, _span_mention(span, prev.actor), "group")
                return
    # A definite plural agent with no nationality refers back to the last group of actors.
    if head.tag_ in ("NNS", "NNPS") and last_group:
        nums = [c for c in head.children if c.dep_ == "nummod"]
        if dets & GROUP_DETERMINERS or nums:
            for g in last_group:
                res.add(span, _span_mention(span, g.actor), "group")


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
    if low in PERSON_PRONOUNS or low in THING_PRONOUNS:
        want_person = low in PERSON_PRONOUNS
        # the nearest earlier subject of the right kind, within this and the previous sentence
        sent_start = tok.sent.start
        prev_start = tok.doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for i in range(tok.i - 1, prev_start - 1, -1):
            t = tok.doc[i]
            if t.dep_ not in ("nsubj", "nsubjpass") and not (t.dep_ == "pobj" and not want_person):
                continue
            ms = res.actors_at(i)
            if not ms:
                continue
            is_person = any(m.actor.name and m.actor.role for m in ms)
            if is_person == want_person and len(ms) == 1:
                res.add([tok], ms[0], "pronoun")
                return
