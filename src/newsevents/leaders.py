"""Well-known leaders with time-bounded roles, looked up by the name news uses ("Bush", "Mr. Arafat").

The table `leaders.tsv` lists one tenure per row: a person in a role for a country (ISO 3166 alpha-3, empty
for an international organisation) from `start` to `end` (YYYY-MM-DD, YYYY-MM or YYYY; an empty end means
still in office). `lookup(text, on)` finds the tenure in force on a date, or a recent one: a leader is still
named in the news for a while after leaving office.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache

import pycountry

from newsevents.datafiles import DataFileError, Row, read_table, split_list

LEADERS_FILE = "leaders.tsv"
COLUMNS = ("name", "aliases", "country", "sector", "role", "start", "end")
REQUIRED = ("name", "sector", "role", "start")
EXTRA_COUNTRIES = frozenset({"XKX"})  # Kosovo: user-assigned code used by the EU, World Bank and ICEWS
EXTRA_SECTORS = frozenset({"IGO", "NGO"})
AFTERLIFE_YEARS = 2  # a leader who left office is still named (and meant) for this long

# Honorifics and titles that may precede a name, normalised (see `normalise`). A title also hints at the
# role, which decides between two people who share a surname ("King Abdullah" in 2000).
_TITLES: dict[str, str | None] = {
    "mr": None, "mrs": None, "ms": None, "miss": None, "dr": None, "sir": None, "dame": None, "lord": None,
    "lady": None, "the": None, "former": None, "late": None, "then": None, "acting": None, "interim": None,
    "president": "president", "prime minister": "prime minister", "premier": "premier",
    "chancellor": "chancellor", "king": "king", "queen": "queen", "emperor": "emperor", "emir": "emir",
    "amir": "emir", "crown prince": "crown prince", "prince": None, "sultan": None, "sheikh": None,
    "sheik": None, "shaikh": None, "foreign minister": "foreign minister", "foreign secretary": "foreign secretary",
    "secretary of state": "secretary of state", "secretary general": "secretary general", "secretary": None,
    "general": None, "gen": None, "lieutenant general": None, "lt gen": None, "field marshal": None,
    "marshal": None, "colonel": None, "col": None, "admiral": None, "ayatollah": None, "grand ayatollah": None,
    "supreme leader": "supreme leader", "chairman": "chairman", "leader": None, "mullah": None,
}
_TITLE_RE = re.compile(r"^(" + "|".join(re.escape(t) for t in sorted(_TITLES, key=len, reverse=True)) + r") ")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss",
                       "æ": "ae", "œ": "oe", "’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "`": "'", "´": "'",
                       "‐": "-", "‑": "-", "–": "-", "—": "-"})


@dataclass(frozen=True)
class Tenure:
    name: str
    country: str | None
    sector: str
    role: str
    start: date
    end: date | None  # None: in office as of the table's version


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-folded form used for matching: "Mr. Erdoğan’s" -> "mr erdogan"."""
    t = unicodedata.normalize("NFKC", text).translate(_FOLD)
    t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c)).casefold()
    t = re.sub(r"[.\-,;:\"()\[\]]", " ", t)
    t = " ".join(t.split()).strip("' ")
    t = re.sub(r"'s$|(?<=s)'$", "", t).strip()
    return t


def _forms(text: str) -> tuple[list[str], str | None]:
    """The mention, then the mention with each leading title stripped; and the role hint of the last title."""
    t = normalise(text)
    forms = [t]
    hint: str | None = None
    while (m := _TITLE_RE.match(t + " ")) and len(t) > len(m.group(1)):
        hint = _TITLES[m.group(1)] or hint
        t = t[len(m.group(1)):].strip()
        forms.append(t)
    return forms, hint


def _parse_date(row: Row, col: str, last: bool) -> date:
    """YYYY-MM-DD, or a month or year expanded to its first (start) or last (end) day."""
    cell = row[col]
    m = _DATE_RE.match(cell)
    try:
        if not m:
            raise ValueError
        y = int(m.group(1))
        if m.group(3):
            return date(y, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            mo = int(m.group(2))
            return date(y, mo, calendar.monthrange(y, mo)[1] if last else 1)
        return date(y, 12, 31) if last else date(y, 1, 1)
    except ValueError:
        raise row.fail(f"column {col!r}: {cell!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None


@cache
def _country_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_COUNTRIES


@cache
def _load() -> tuple[tuple[Tenure, tuple[str, ...]], ...]:
    """All tenures with their normalised names and aliases, validated."""
    from newsevents.ontology import sectors  # late import: the ontology loads its own tables

    table = read_table(LEADERS_FILE, REQUIRED)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise DataFileError(table.path, None, f"header lacks column(s) {', '.join(missing)}")
    known_sectors = set(sectors()) | EXTRA_SECTORS
    seen: dict[tuple[str, str, str, date], Row] = {}
    out: list[tuple[Tenure, tuple[str, ...]]] = []
    for row in table.rows:
        country, sector = row["country"] or None, row["sector"]
        if sector not in known_sectors:
            raise row.fail(f"unknown sector {sector!r} (not in sectors.tsv, nor IGO/NGO)")
        if country is None:
            if sector != "IGO":
                raise row.fail("empty country is only allowed for sector IGO")
        elif country not in _country_codes():
            raise row.fail(f"{country!r} is not an ISO 3166 alpha-3 code")
        start = _parse_date(row, "start", last=False)
        end = _parse_date(row, "end", last=True) if row["end"] else None
        if end is not None and end < start:
            raise row.fail(f"end {row['end']} is before start {row['start']}")
        key = (normalise(row["name"]), row["country"], row["role"].casefold(), start)
        if key in seen:
            raise row.fail(f"duplicate tenure {row['name']!r} {row['role']!r} from {row['start']} "
                           f"(first at line {seen[key].line})")
        seen[key] = row
        names = {normalise(row["name"])} | {normalise(a) for a in split_list(row["aliases"])}
        names.discard("")
        out.append((Tenure(row["name"], country, sector, row["role"], start, end), tuple(sorted(names))))
    return tuple(out)


@cache
def _index() -> dict[str, tuple[Tenure, ...]]:
    idx: dict[str, list[Tenure]] = {}
    for tenure, names in _load():
        for n in names:
            idx.setdefault(n, []).append(tenure)
    return {k: tuple(v) for k, v in idx.items()}


def _after(end: date, years: int) -> date:
    try:
        return end.replace(year=end.year + years)
    except ValueError:  # 29 February
        return end.replace(year=end.year + years, day=28)


def _pick(cands: list[Tenure], hint: str | None) -> Tenure | None:
    """One person's tenure, or None when different people remain after applying the title hint."""
    if hint and len({t.name for t in cands}) > 1:
        fitting = [t for t in cands if normalise(t.role).startswith(hint)]
        cands = fitting or cands
    if len({t.name for t in cands}) > 1:
        return None
    if hint:  # one person holding two offices at once: prefer the titled one
        cands = [t for t in cands if normalise(t.role).startswith(hint)] or cands
    return max(cands, key=lambda t: t.start)


def lookup(text: str, on: date) -> Tenure | None:
    """The tenure of the leader named `text` (as written in the news) in force on `on`; failing that, the most
    recent tenure that ended less than two years before; None if unknown or ambiguous."""
    index = _index()
    forms, hint = _forms(text)
    for key in forms:
        tenures = index.get(key)
        if not tenures:
            continue
        active = [t for t in tenures if t.start <= on and (t.end is None or on <= t.end)]
        if active:
            return _pick(active, hint)
        recent = [t for t in tenures if t.end is not None and t.end < on <= _after(t.end, AFTERLIFE_YEARS)]
        if not recent:
            return None
        last = max(t.end for t in recent if t.end is not None)
        return _pick([t for t in recent if t.end == last], hint)
    return None


def lookup_any_time(text: str) -> Tenure | None:
    """With a title and no tenure near the date ("former President Carter", an archive story): the
    latest tenure of that name under that title, when every such tenure is in the same country."""
    index = _index()
    forms, hint = _forms(text)
    if hint is None:
        return None
    for key in forms[1:]:
        fitting = [t for t in index.get(key, ()) if normalise(t.role).startswith(hint)]
        if fitting:
            return max(fitting, key=lambda t: t.start) if len({t.country for t in fitting}) == 1 else None
    return None


def tenures() -> list[Tenure]:
    return [t for t, _ in _load()]


def validate() -> None:
    """Load and check the table; raises DataFileError naming file and line."""
    _load()


def clear_cache() -> None:
    """Forget the loaded table (after changing NEWSEVENTS_DATA or editing the file)."""
    for f in (_load, _index, read_table):
        f.cache_clear()
