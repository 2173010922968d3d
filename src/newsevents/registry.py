"""The actor registry: people seen with a role in earlier documents, remembered across documents.

A person named with a title ("Japanese Foreign Minister Taro Kono") in one article is resolved in a
later article that names them without one ("Kono said ..."). Roles are time-bounded: the registry
keeps one entry per (name, role, country) with the first and last publication dates it was seen,
and a lookup picks the role whose [first_seen, last_seen] span is nearest to the article's date.

Precision first: a surname alone resolves only when it belongs to one person in the registry (two
people called "Kim" make "Kim" unresolvable; "Kim Jong Un" still resolves by full name).

The registry in memory is a snapshot (`Store.registry()` loads it from the `actors` table); the
store upserts what each stored document taught it in the transaction that writes the document.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .types import Actor, ActorMention

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")
_SPACE = re.compile(r"\s+")
HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "sir", "dame", "gen", "sen", "rep", "prof"})


@dataclass(frozen=True, slots=True)
class Person:
    """One registry entry: a person in one role for one country, with the dates it was seen."""

    name: str
    country: str
    sector: str
    role: str
    first_seen: date
    last_seen: date
    mentions: int = 1
    documents: int = 1

    @property
    def surname(self) -> str:
        return surname(self.name)

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes an entry: the name, the role (any case) and the country."""
        return name_key(self.name), self.role.casefold(), self.country

    @property
    def actor(self) -> Actor:
        return Actor(country=self.country, sector=self.sector, name=self.name, role=self.role)

    def distance(self, on: date) -> int:
        """Days from `on` to the span this role was seen in (0 inside it)."""
        if on < self.first_seen:
            return (self.first_seen - on).days
        if on > self.last_seen:
            return (on - self.last_seen).days
        return 0


def _words(name: str) -> list[str]:
    t = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = _POSSESSIVE.sub("", _SPACE.sub(" ", t).strip()).replace(".", " ").replace("-", " ")
    words = t.split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return words


def name_key(name: str) -> str:
    """A name as compared: case, accents, periods, hyphens, a possessive and honorifics ignored."""
    return " ".join(_words(name))


def surname(name: str) -> str:
    """The last word of a name, as compared ("Antony J. Blinken" -> "blinken")."""
    words = _words(name)
    return words[-1] if words else ""


def _person_id(name: str) -> str:
    """The name without initials: "Antony J. Blinken" and "Antony Blinken" are one person (but
    "Sheikh Mishal Al-Ahmed Al-Sabah" and "Sheikh Ahmad Nasser Al-Mohammad Al-Sabah" are two)."""
    words = _words(name)
    return " ".join(w for w in words if len(w) > 1) or " ".join(words)


def is_person(actor: Actor) -> bool:
    """A named person with a role, country and sector: what the registry remembers."""
    return bool(actor.name and actor.role and actor.country and actor.sector)


def aggregate(mentions: Iterable[ActorMention], published: date) -> list[Person]:
    """The registry entries one document gives: one per (name, role, country), counting mentions."""
    found: dict[tuple[str, str, str], Person] = {}
    for m in mentions:
        a = m.actor
        if not is_person(a):
            continue
        p = Person(a.name or "", a.country or "", a.sector or "", a.role or "", published, published, 1, 1)
        prior = found.get(p.key)
        found[p.key] = p if prior is None else replace(prior, mentions=prior.mentions + 1)
    return list(found.values())


def _combine(a: Person, b: Person) -> Person:
    return replace(a, first_seen=min(a.first_seen, b.first_seen), last_seen=max(a.last_seen, b.last_seen),
                   mentions=a.mentions + b.mentions, documents=a.documents + b.documents)


def merge(people: Iterable[Person]) -> list[Person]:
    """Entries with the same key combined: earliest first_seen, latest last_seen, counts added."""
    out: dict[tuple[str, str, str], Person] = {}
    for p in people:
        prior = out.get(p.key)
        out[p.key] = p if prior is None else _combine(prior, p)
    return list(out.values())


class Registry:
    """People with roles, from earlier documents; `lookup` resolves a name as of a date."""

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self._entries: dict[tuple[str, str, str], Person] = {}
        self._by_name: dict[str, set[tuple[str, str, str]]] = {}
        self._by_surname: dict[str, set[tuple[str, str, str]]] = {}
        for p in people:
            self._put(p)

    def __len__(self) -> int:
        return len(self._entries)

    def people(self) -> list[Person]:
        return sorted(self._entries.values(), key=lambda p: (p.name, p.first_seen, p.role))

    def _put(self, p: Person) -> None:
        prior = self._entries.get(p.key)
        if prior is not None:
            p = _combine(prior, p)
        self._entries[p.key] = p
        self._by_name.setdefault(name_key(p.name), set()).add(p.key)
        self._by_name.setdefault(_person_id(p.name), set()).add(p.key)
        self._by_surname.setdefault(p.surname, set()).add(p.key)

    def learn(self, mentions: Sequence[ActorMention], published: date) -> list[Person]:
        """Add the people of one coded document (actors with a name and a role); returns the entries
        the document gives (what the store upserts)."""
        found = aggregate(mentions, published)
        for p in found:
            self._put(p)
        return found

    def lookup(self, name: str, on: date) -> Actor | None:
        """The person a name denotes as of `on`: a full name, or a surname that belongs to exactly
        one person. When the person held several roles, the one seen nearest to `on` wins (then
        the one seen in more documents, then the later one)."""
        words = _words(name)
        if not words:
            return None
        keys: set[tuple[str, str, str]] = set()
        if len(words) > 1:
            keys = self._by_name.get(" ".join(words)) or self._by_name.get(_person_id(name)) or set()
        else:
            keys = self._by_surname.get(words[0], set())
            if len({_person_id(self._entries[k].name) for k in keys}) > 1:
                return None  # two different people share this surname
        if not keys:
            return None
        best = min((self._entries[k] for k in keys),
                   key=lambda p: (p.distance(on), -p.documents, -p.last_seen.toordinal(), p.role))
        return best.actor
