"""The `time` stage: find temporal expressions and normalise them to TIMEX3 values.

Mechanism only; the words (month names, units, tense cues...) live in `data/time_words.tsv`.
`tag(text, dct)` runs a handful of regexes compiled once from that table, keeps the longest
non-overlapping matches, and resolves each against the publication date (dct). Underspecified
expressions ("Friday", "March", "the fourth quarter") take their direction from a small tense
heuristic over the words just before (then after) the expression in the same sentence.
Extents follow TimeML/TempEval-3: a leading preposition is outside, determiners are inside.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

from newsevents.datafiles import read_table
from newsevents.types import Timex

TABLE = "time_words.tsv"

# ---------------------------------------------------------------------------------------------
# Lexicon: the table, indexed by kind.


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]  # surface form (as written, dot stripped) -> month number
    month_full: frozenset[str]
    month_ambiguous: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    parts: dict[str, str]
    dayparts: dict[str, str]
    units: dict[str, tuple[str, int]]  # singular -> (TIMEX3 unit, multiplier)
    numbers: dict[str, str]
    ordinals: dict[str, int]
    decades: dict[str, int]
    quantmods: dict[str, str]
    deictic: dict[str, tuple[int, str]]
    rel: dict[str, int]
    refs: dict[str, str]  # phrase with optional [extent] -> value
    sets: dict[str, str]
    set_reports: frozenset[str]  # frequency words that after a determiner name a report: "its quarterly dividend"
    every: frozenset[str]
    ago: dict[str, int]
    tz: dict[str, str]
    holidays: dict[str, tuple[int, int, int]]  # month, day, ISO weekday (0 = the day itself)
    calendar: dict[str, tuple[str, str]]  # holiday -> (ISO alpha-2 country, "" = named in the text; its name)
    holiday_country: dict[str, str]  # a fixed-rule holiday -> the one country that keeps it (Election Day: US)
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    not_past: frozenset[str]
    year_cues: frozenset[str]
    anchors: frozenset[str]
    aux_future: frozenset[str]
    present_cues: frozenset[str]
    future_preps: frozenset[str]
    not_infinitive: frozenset[str]
    weak: frozenset[str]  # future cues too weak to move a weekday forward
    plan_to: frozenset[str]  # words before a to-infinitive that make it a plan ("set to", "plans to")
    soon_as: tuple[str, ...]  # phrases right before a date that put it ahead ("as early as")
    fiscal_rel: dict[str, int]  # "the latest fiscal year": a step from the dct's year
    clause_breaks: frozenset[str]  # words that start a new clause: the tense search stops there
    anaphoric: dict[str, int]  # "the following", "that": a step from the date last named in the text
    scheduled: frozenset[str]  # present-tense verbs of a timetable: "the leaders meet Monday" is ahead
    calendar_words: frozenset[str]  # lowercased words that may come right before a year in a date
    idioms: tuple[str, ...]  # phrases with a time word that name no time: "high noon"
    rate_nouns: frozenset[str]  # what a speed or rate counts: "miles per hour" is a unit, not a frequency
    nowadays_nouns: frozenset[str]  # "today's <noun>" of the present age: "today's global challenges"
    festive_nouns: frozenset[str]  # "this time of <noun>" of the holiday named before: "this time of celebration"
    news_nouns: frozenset[str]  # "today's <noun>" of the day's news: "today's meeting", "today's announcement"
    past_nouns: frozenset[str]  # what a day before it dates in the past: "the October 23 ceasefire agreement"
    period_holidays: frozenset[str]  # a holiday that is a stretch of days ("Ramadan"): "this holiday" is not it
    national_days: dict[str, str]  # ISO alpha-2 country -> the `holidays` package's name of its national day


@cache
def _lexicon() -> _Lexicon:
    table = read_table(TABLE, required=("kind", "word"))
    by: dict[str, list[tuple[str, str, str]]] = {}
    for r in table.rows:
        by.setdefault(r["kind"], []).append((r["word"], r.get("value"), r.get("arg")))

    def kv(kind: str, lower: bool = True) -> dict[str, str]:
        return {(w.lower() if lower else w): v for w, v, _ in by.get(kind, [])}

    def words(kind: str) -> frozenset[str]:
        return frozenset(w.lower() for w, _, _ in by.get(kind, []))

    def as_int(kind: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for w, v, _ in by.get(kind, []):
            try:
                out[w.lower()] = int(v)
            except ValueError:
                raise ValueError(f"{table.path}: {kind} {w!r}: value {v!r} is not a number") from None
        return out

    months = {w.rstrip("."): int(v) for w, v, _ in by.get("month", [])}
    holidays: dict[str, tuple[int, int, int]] = {}
    calendar: dict[str, tuple[str, str]] = {}
    holiday_country: dict[str, str] = {}
    for w, v, _ in by.get("holiday", []):
        v, _, cc = v.partition("@") if v[0] != "@" else (v, "", "")
        if cc:  # 11-02-2@US: a rule of that country only
            if not re.fullmatch(r"[A-Z]{2}", cc):
                raise ValueError(f"{table.path}: holiday {w!r}: country {cc!r} is not an ISO alpha-2 code")
            holiday_country[w.lower()] = cc
        if v[0] == "@":  # @CC:Name / @:Name: a feast of another calendar, or a country's own day
            cc, sep, name = v[1:].partition(":")
            if not sep or not name or not re.fullmatch(r"(?:[A-Z]{2})?", cc):
                raise ValueError(f"{table.path}: holiday {w!r}: value {v!r} is neither @CC:Name nor @:Name")
            calendar[w.lower()] = (cc, name)
            holidays[w.lower()] = (-2, 0, 0)
            continue
        if v[0] in "EO":  # E+N / O+N: N days from Western / Orthodox Easter (month 0 / -1 marks it)
            holidays[w.lower()] = (0 if v[0] == "E" else -1, int(v[1:]), 0)
            continue
        parts = [int(x) for x in v.split("-")]  # MM-DD, MM-DD-W: the first weekday W on or after MM-DD; MM
        holidays[w.lower()] = (parts[0], parts[1] if len(parts) > 1 else 0, parts[2] if len(parts) > 2 else 0)
    if unknown := sorted(words("period_holiday") - holidays.keys()):
        raise ValueError(f"{table.path}: period_holiday {unknown[0]!r} is not a holiday row")
    national_days = {w: v for w, v, _ in by.get("national_day", [])}
    for w, v in national_days.items():
        if not re.fullmatch(r"[A-Z]{2}", w) or not v:
            raise ValueError(f"{table.path}: national_day {w!r}: not an ISO alpha-2 code with a holiday name")
    return _Lexicon(
        months=months,
        month_full=frozenset(w for w, _, a in by.get("month", []) if a != "abbr"),
        month_ambiguous=frozenset(w for w, _, a in by.get("month", []) if a == "ambiguous"),
        weekdays={w: int(v) for w, v, _ in by.get("weekday", [])},
        seasons=kv("season"),
        parts=kv("part"),
        dayparts=kv("daypart"),
        units={w.lower(): (v, int(a or "1")) for w, v, a in by.get("unit", [])},
        numbers=kv("number"),
        ordinals=as_int("ordinal"),
        decades=as_int("decade"),
        quantmods=kv("quantmod"),
        deictic={w.lower(): (int(v), a) for w, v, a in by.get("deictic", [])},
        rel=as_int("rel"),
        refs=kv("ref"),
        sets=kv("set"),
        set_reports=frozenset(w.lower() for w, _, a in by.get("set", []) if a == "report"),
        every=words("every"),
        ago=as_int("ago"),
        tz=kv("tz", lower=False),
        holidays=holidays,
        calendar=calendar,
        holiday_country=holiday_country,
        future_cues=words("future_cue"),
        past_cues=words("past_cue"),
        not_past=words("not_past"),
        year_cues=words("year_cue"),
        anchors=words("anchor"),
        aux_future=words("aux_future"),
        present_cues=words("present_cue"),
        future_preps=words("future_prep"),
        not_infinitive=words("not_infinitive"),
        weak=frozenset(w.lower() for k in ("future_cue", "aux_future") for w, _, a in by.get(k, [])
                       if a == "weak"),
        plan_to=words("plan_to"),
        soon_as=tuple(sorted(words("soon_as"), key=len, reverse=True)),
        anaphoric=as_int("anaphoric"),
        clause_breaks=words("clause_break"),
        fiscal_rel=as_int("fiscal_rel"),
        scheduled=words("scheduled"),
        calendar_words=frozenset(
            {w.lower().rstrip(".") for w in months} | set(kv("weekday")) | set(kv("season"))
            | {x for h in holidays for x in h.split()} | words("year_cue")),
        idioms=tuple(sorted(words("idiom"), key=len, reverse=True)),
        rate_nouns=words("rate_noun"),
        nowadays_nouns=words("nowadays_noun"),
        festive_nouns=words("festive_noun"),
        news_nouns=words("news_noun"),
        past_nouns=words("past_noun"),
        period_holidays=words("period_holiday"),
        national_days=national_days,
    )


def _alt(items: Iterable[str], case_sensitive: bool = False) -> str:
    """A regex alternation of phrases, longest first; spaces match any whitespace.

    Written as a trie ("t(?:en|h(?:irty|ree))") so the regex engine rejects a position on its first
    letter instead of trying every phrase in turn: most of `tag`'s time is spent in these alternations.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for p in set(items):
        node = trie
        for ch in re.sub(r"\s+", " ", p if case_sensitive else p.lower()):
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a phrase
    body = _trie_regex(trie)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _trie_regex(node: dict) -> str:  # type: ignore[type-arg]
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child)
            for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    # a phrase may end here: try the longer phrases first (greedy), fall back to the shorter one
    return f"(?:{body})?" if "" in node else body


def _plural(w: str) -> str:
    return w[:-1] + "ies" if w.endswith("y") and w[-2] not in "aeiou" else w + "s"


# ---------------------------------------------------------------------------------------------
# Small date arithmetic.


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(m: int) -> int:
    return (m - 1) // 3 + 1


def _season_of(m: int) -> int:
    """Index of the season a month falls in (0 winter .. 3 fall), for last/next season."""
    return {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2}.get(m, 3)


_SEASON_INDEX = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}


def _pick_year(item: tuple[int, ...], now: tuple[int, ...], year: int, tense: int, rel: int | None,
               per_year: int = 12, near: int = 0) -> int:
    """The year of an expression that names a point in the year (month, month-day, quarter, season).

    rel -1 = "last X" (most recent strictly before now), +1 = "next X", 0 = "this X". Without rel,
    news prior: the dct year, moved back for a later point told in the past tense and forward for an
    earlier point told in the future tense, unless it lies within `near` steps of now (then the tense
    cue is more likely wrong than the year); with no cue at all, a point more than half a year ahead
    is last year's (news looks back far more often than ahead). `per_year` = steps of item[0] a year.
    """
    if rel is not None and rel < 0:
        return year if item < now else year - 1
    if rel is not None and rel > 0:
        return year if item > now else year + 1
    if rel == 0:
        return year
    ahead = _steps(item, now, per_year)
    if tense == _WEAK_FUTURE:
        # a modal or an infinitive ("to make the November trip") is a weak cue: it moves a point ahead only
        # to within half a year of now; otherwise the point is read with no cue
        if -ahead > near and per_year + ahead <= per_year / 2:
            return year + 1
        tense = 0
    if tense == _NEAREST:  # "until March", "through Sept. 29": the occurrence nearest to now
        # a tie (six months either way) goes ahead: a deadline lies in the future more often than not
        return min((year + 1, year, year - 1), key=lambda y: abs(ahead + (y - year) * per_year))
    if tense < 0 and ahead > near:
        return year - 1
    if tense > 0 and -ahead > near:
        return year + 1
    if tense == 0 and ahead > per_year // 2:
        return year - 1
    return year


def _steps(item: tuple[int, ...], now: tuple[int, ...], per_year: int) -> float:
    """How far item lies after now, in units of item[0] (months, quarters...), days as a fraction."""
    d = float(item[0] - now[0])
    if len(item) > 1 and len(now) > 1:
        d += (item[1] - now[1]) / 31
    return d


def _weekday_date(wd: int, dct: date, tense: int, rel: int | None) -> date:
    back = (dct.isoweekday() - wd) % 7  # days back to the most recent such weekday (0 = dct)
    fwd = (wd - dct.isoweekday()) % 7
    if rel is not None and rel < 0:
        return dct - timedelta(days=back or 7)
    if rel is not None and rel > 0:
        return dct + timedelta(days=fwd or 7)
    if tense == _NEAREST_DAY:
        return dct - timedelta(days=back) if back < fwd else dct + timedelta(days=fwd)
    if tense > 0:
        return dct + timedelta(days=fwd)
    return dct - timedelta(days=back)


def _num(s: str | None, lex: _Lexicon) -> float | None:
    """A number written in digits or words; None = unspecified (a few, several)."""
    if s is None:
        return None
    s = s.lower().replace(",", "")
    if half := re.fullmatch(r"(\d+)\s*(?:1/2|½)", s):
        return int(half[1]) + 0.5
    if and_half := re.fullmatch(r"(.+?)(?:\s+|-)and(?:\s+|-)a(?:\s+|-)half", s):  # "two and a half"
        n = _num(and_half[1], lex)
        return None if n is None else n + 0.5
    try:
        return float(s)
    except ValueError:
        pass
    whole = lex.numbers.get(re.sub(r"[\s-]+", " ", s))
    if whole is not None:  # one entry ("a couple of", "half a")
        return None if whole == "X" else float(whole)
    total = 0.0
    for part in re.split(r"[\s-]+", s):
        v = lex.numbers.get(part)
        if v is None:
            # the whole phrase may be one entry ("a couple of")
            v = lex.numbers.get(re.sub(r"\s+", " ", s))
            if v is None or v == "X":
                return None
            return float(v)
        if v == "X":
            return None
        total = total * float(v) if float(v) == 100 and total else total + float(v)
    return total


def _duration(n: float | None, unit: str, mult: int) -> str:
    """P5Y, PT3H, P2Y6M for 2 1/2 years, PT1M30S for a minute and a half, PXY when unspecified."""
    time = unit.startswith("T")
    u = unit[-1]
    if n is None:
        return f"PT X{u}".replace(" ", "") if time else f"PX{u}"
    n *= mult
    whole = int(n)
    if n != whole:  # the fraction goes into the next smaller unit: 2.5 years -> P2Y6M
        lower = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
                 "M ": ("S", 60)}.get(u + (" " if time and u == "M" else ""))
        if lower:
            rest = round((n - whole) * lower[1])
            if not whole and not rest:  # "0.004 days": too small for the next unit, keep the fraction
                return f"{'PT' if time else 'P'}{n:g}{u}"
            small_time = time or lower[0] == "H"
            head = f"{whole}{u}" if whole else ""
            if small_time and not time:
                return f"P{head}T{rest}{lower[0]}"
            return f"{'PT' if time else 'P'}{head}{rest}{lower[0]}"
        if time and u == "S":  # "40.2 seconds": no smaller unit, the fraction stays
            return f"PT{n:g}S"
    return f"PT{whole}{u}" if time else f"P{whole}{u}"


# ---------------------------------------------------------------------------------------------
# Tense heuristic.

# a web or mail address is no word of the sentence: "live streamed on www.state.gov at 9:00 a.m." (its
# pieces would fill the window the tense is looked for in)
_WEB_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                             r"|\b[\w-]+(?:\.[\w-]+)*\.(?:gov|com|org|net|int|edu)\b\S*")
_WORD_RE = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*(?:'[a-z]+)?|'ll")  # a compound is one word: "pre-set" is no past form
# a sentence ends at . ! ? before a capital or a digit, but not after an initial, a title or a month's abbreviation
# ("Daniel P. Davison", "Gen. Smith", "from Sept. 14 to Thursday"); the checks look back from the stop, so they
# run only where there is one
_SENT_END_RE = re.compile(
    r"[.!?](?<!\b[A-Z][.!?])"
    r"(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bMrs\.)(?<!\bGen\.)(?<!\bSen\.)(?<!\bRep\.)"
    r"(?<!\bGov\.)(?<!\bCol\.)(?<!\bLt\.)(?<!\bCapt\.)(?<!\bSgt\.)(?<!\bJr\.)(?<!\bSr\.)(?<!\bJan\.)"
    r"(?<!\bFeb\.)(?<!\bMar\.)(?<!\bApr\.)(?<!\bAug\.)(?<!\bSep\.)(?<!\bSept\.)(?<!\bOct\.)(?<!\bNov\.)(?<!\bDec\.)"
    r"[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")
_PLAN_WORDS = frozenset({"expected", "scheduled", "due", "slated", "planned", "set"})
# before "until", these put the end ahead even when told in the past: "the vote was postponed until Friday",
# "has given them until 9 a.m. Tuesday"
_POSTPONE = frozenset({"postponed", "delayed", "adjourned", "deferred", "extended", "suspended", "put", "pushed",
                       "moved", "closed", "remain", "remains", "stay", "stays", "given", "gave", "granted", "allowed",
                       "has", "have"})
# past forms of being in a state: "was envoy until December" tells of one that ended
_STATE_PAST = frozenset({"was", "were", "served", "stayed", "lived", "worked", "remained"})
_WINDOW_BACK = 10
_NEAREST = 2  # a "tense" value: a deadline preposition, take the nearest occurrence
_WEAK_FUTURE = 3  # a "tense" value: only a weak future cue (a modal, an infinitive)
_NEAREST_DAY = 4  # a "tense" value for weekdays only: the nearest such day, before or after (ties: after)
_WINDOW_FWD = 6


def _is_past_form(t: str, lex: _Lexicon) -> bool:
    if t in lex.past_cues:
        return True
    # regular past: -ed, but not "need"/"succeed" nor un-...-ed adjectives ("unspecified")
    return len(t) > 4 and t.endswith("ed") and not t.endswith("eed") and not t.startswith("un") \
        and t not in lex.not_past


# before a timetable verb, these make it an infinitive, a negation, a weak modal or a noun ("a return")
_NOT_SCHEDULED = frozenset({"to", "did", "not", "didn't", "would", "could", "might", "may", "a", "an", "the",
                            "its", "his", "her", "their", "our", "my", "your", "this", "that", "of", "s"})

# a promise points ahead only before its to-infinitive: "a position pledged on Dec. 9" is a past participle
_PROMISES = frozenset({"pledged", "promised", "vowed"})

_Cue = tuple[int, bool]  # (+1 future / -1 past / 0 present, weak)


# words that are verbs of their own, not a modifier between "be" and a participle
_NOT_BETWEEN = frozenset({"be", "been", "being", "and", "or", "was", "were", "is", "are", "am", "has", "have", "had",
                          "not", "to"})


def _cue(toks: list[str], i: int, lex: _Lexicon) -> _Cue | None:
    """The tense cue of token i of a lowercased window, or None."""
    t = toks[i]
    p1 = toks[i - 1] if i > 0 else ""
    p2 = toks[i - 2] if i > 1 else ""
    n1 = toks[i + 1] if i + 1 < len(toks) else ""
    if t == "last" and p1 in ("the", "its", "their", "his", "her", "our", "this", "that", "these", "those"):
        return None  # "to ban the last opposition party from the November elections": an adjective, no tense
    if t == "to" and p1 in ("was", "were") and n1 not in ("be", "blame", "the", "a", "an"):
        return 1, True  # "his term was to end in August": planned then, ahead when told (weak: not for weekdays)
    if t == "to":
        # "agreed to buy ... in February": an infinitive points ahead; "to the", "to be" do not
        ok = n1 and n1 not in lex.not_infinitive and not _is_past_form(n1, lex)
        # "set to resume Monday", "is to arrive Tuesday", "planned to leave on Thursday": a plan, strong
        if ok and p1 in lex.plan_to and "had" in toks[max(0, i - 4):i]:
            return -1, False  # "had been scheduled to expire Friday": a plan in the past
        return (1, p1 not in lex.plan_to) if ok else None
    if t in lex.aux_future and n1 == "be" and i + 2 < len(toks) and toks[i + 2].endswith("ing"):
        return 1, False  # "would be traveling": a plan reported, not a mere possibility
    if t in lex.future_cues and not (t in _PROMISES and n1 != "to" and p1 not in _NOT_SCHEDULED):
        if t in ("due", "next") and n1 == "to":
            return None  # "due to": a cause; "next to": a place
        if t in _PLAN_WORDS and "had" in (p1, p2):
            return -1, False  # "had been due to expire Friday"
        if t in _PLAN_WORDS and p1 in ("was", "were"):
            # "was planned for early March", "was expected to end on December 15": a plan told in the past
            # lies either side of publication; the nearest occurrence (a weekday still looks ahead)
            return _NEAREST, False
        return 1, t in lex.weak
    if t in lex.aux_future:
        return 1, t in lex.weak
    if t == "set" and n1 in ("for", "to"):
        # "the vote is set for Tuesday": a plan; "the record set on Aug. 6": a past participle (below)
        return (-1, False) if "had" in (p1, p2) else (1, False)
    if t in lex.present_cues:
        n2 = toks[i + 2] if i + 2 < len(toks) else ""
        if t in ("is", "are") and n1 == "to" and n2 and (n2 == "be" or n2 not in lex.not_infinitive
                                                         and not _is_past_form(n2, lex)):
            return 1, False  # "Super Tuesday is to include 14 states": a plan, also after the expression
        return 0, False
    if t in lex.scheduled and p1 not in _NOT_SCHEDULED:
        # "He and Arafat meet separately Monday", "the talks resume Tuesday": a timetable, ahead
        return 1, False
    if not _is_past_form(t, lex) or p1 in ("to", "get", "getting"):
        return None  # "to cut", "getting hurt": a base form or a passive, not a past
    # "will be held", "to be held", "can be exercised", "will have met" are not past
    aux = lex.aux_future
    if p1 in aux:
        return 1, p1 in lex.weak
    p3 = toks[i - 3] if i > 2 else ""
    if p2 in ("be", "and", "or") and p1.isalpha() and p1 not in _NOT_BETWEEN and p1 not in aux:
        # "will be live streamed", "will also be jointly hosted", "will be pooled and live streamed": a word
        # between "be" (or the "and" of a second participle) and the participle
        p1, p2, p3 = p2, p3, toks[i - 4] if i > 3 else ""
    if p1 == "be" and p2 not in aux and p2 != "to" and p3 in aux:
        p2 = p3  # "would still be held": an adverb between
    if p1 == "be" and (p2 in aux or p2 == "to"):
        return 1, p2 in lex.weak or p2 == "to"
    if p1 in {"have", "been"} and p2 in aux:
        return 1, p2 in lex.weak
    if p1 in {"is", "are", "am"}:
        return 0, False  # "when the case is heard in May": a present passive
    if p1 in ("and", "or"):  # "will be co-hosted by Palau and the United States and held in Koror": the same be
        for j in range(i - 2, max(0, i - 14), -1):  # (within the clause: the words come from it alone)
            if toks[j] in ("was", "were", "had", "is", "are", "has", "have", "been"):
                break  # "were postponed and held": a finite verb of its own
            if toks[j] == "be" and j > 0 and (toks[j - 1] in aux or toks[j - 1] == "to"):
                return 1, toks[j - 1] in lex.weak or toks[j - 1] == "to"
    return -1, False


def _scan(toks: list[str], order: range, lex: _Lexicon, strong: bool) -> int | None:
    low = [t.lower() for t in toks]
    for i in order:
        # capitalised words are names ("May", "Will Smith"), except the auxiliaries opening a sentence
        if toks[i][0].isupper() and low[i] not in {"will", "was", "were", "had", "is", "are"}:
            continue
        if low[i] == "to" and i + 1 < len(toks) and toks[i + 1][0].isupper():
            continue  # "delivered vaccines to Samoa by November 22": a place, not an infinitive
        c = _cue(low, i, lex)
        if c is not None and strong and c[1] and low[i] == "would" and len(low) - 4 <= i < len(low) - 1 and \
                low[i + 1] not in _NOT_PLANNED_AFTER_WOULD:
            # "announced it would meet on Monday": a plan told in the past, on either side of publication
            # ("predicted Humberto would pass Bermuda Wednesday night", told on Thursday); the verb is
            # right before the date (not "would look for ways to get around Wednesday's ruling")
            return _NEAREST_DAY
        if c is not None and not (strong and c[1]):
            return c[0]
    return None


# after "would", these make no plan: "would have met", "would be", "would not", "would like"
_NOT_PLANNED_AFTER_WOULD = frozenset({"have", "be", "not", "never", "like", "rather", "probably", "likely"})


def _tense(text: str, start: int, end: int, lex: _Lexicon, strong: bool = False) -> int:
    """The tense around text[start:end]: nearest cue before it in the sentence, else just after it.

    strong=True ignores weak future cues (would, could, to-infinitives, "until"): used for weekdays,
    where news almost always means the past week.
    """
    lo = max(0, start - 160)
    left = text[lo:start]
    cut = None
    for m in _SENT_END_RE.finditer(text[lo:start + 1]):  # +1: the capital the lookahead needs to see
        cut = m.end()
    if cut is not None:
        left = left[cut:]
    toks = _WORD_RE.findall(_WEB_ADDRESS_RE.sub(" ", left) if "." in left else left)
    k, n = len(toks), 0
    while k > 0 and n < _WINDOW_BACK:
        k -= 1
        n += not toks[k][0].isupper()
    toks = toks[k:]
    if toks and toks[-1].lower() in lex.future_preps:
        if not strong and toks[-1].lower() == "by" and _told_in_past(toks[:-1], text, end, lex):
            return -1  # "drastic measures were taken by March", "by March 13 he had left": done before it
        if _clause_tense(toks[:-1], text, end, lex) > 0:
            return 1  # "would fund the government through September", "will finish by January": ahead
        if not strong and _STATE_PAST.intersection(t.lower() for t in toks[:-1]) and \
                _ended_until(toks, text, end, lex):
            # "who was envoy until December": a state that ended (not "released him on bail till October",
            # "delaying the election until June", which set an end ahead)
            return -1
        if not strong:
            return _NEAREST  # "until March", "payable Dec. 7", "through Sept. 29": a deadline, the nearest one
    tail = " ".join(toks[-4:]).lower()
    if any(tail.endswith(p) for p in lex.soon_as):
        if len(toks) == 1 and tail in ("until", "till") and \
                _right_tense(text, end, lex, strong) < 0:
            return -1  # "Until Thursday, they had not named a suspect": the sentence is told in the past
        if tail.endswith(("as early as", "as late as")) and _told_in_past(toks[:-3], text, end, lex):
            return -1  # "had started handing out masks as early as March 8"
        if _ended_until(toks, text, end, lex):
            return -1  # "he stayed until Friday" (not "the vote was postponed until Friday")
        return 1  # "as early as Tuesday", "postponed until Tuesday morning"
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].lower() in lex.clause_breaks:
            toks = toks[k + 1:]  # "filed a suit to overturn it, but in March a judge ruled": a new clause
            break
    c = _scan(toks, range(len(toks) - 1, -1, -1), lex, strong)
    if c is not None:
        return c
    return _right_tense(text, end, lex, strong)


def _ended_until(toks: list[str], text: str, end: int, lex: _Lexicon) -> bool:
    """Whether "until"/"till" ending `toks` closes a stretch told in the past ("he stayed until Friday"), not
    an end set ahead ("the vote was postponed until Friday")."""
    return toks[-1].lower() in ("until", "till") and not _POSTPONE.intersection(t.lower() for t in toks[-7:]) \
        and _told_in_past(toks[:-1], text, end, lex)


def _clause_tense(toks: list[str], text: str, end: int, lex: _Lexicon) -> int:
    """The tense of the clause around a deadline word: its nearest tense cue before the word, else after
    the expression (-1 past, 0 present or none, +1 future or modal)."""
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].lower() in lex.clause_breaks:
            toks = toks[k + 1:]
            break
    c = _scan(toks, range(len(toks) - 1, -1, -1), lex, False)
    c = c if c is not None else _right_tense(text, end, lex, False)
    return 1 if c in (1, _WEAK_FUTURE) else c if c in (-1, 0) else 0


def _told_in_past(toks: list[str], text: str, end: int, lex: _Lexicon) -> bool:
    """Whether the clause around a deadline word is told in the past (a past form, not a future, modal or
    present one)."""
    return _clause_tense(toks, text, end, lex) == -1


def _right_tense(text: str, end: int, lex: _Lexicon, strong: bool) -> int:
    """The first tense cue after text[end], in the same sentence, within a few words (names not counted)."""
    right = text[end:end + 120]
    stop = _SENT_END_RE.search(right)
    if stop:
        right = right[:stop.start()]
    toks = _WORD_RE.findall(right)
    # a name does not count towards the window: "On Tuesday, the National Rights League plans to..."
    k = n = 0
    while k < len(toks) and n < _WINDOW_FWD:
        n += not toks[k][0].isupper()
        k += 1
    toks = toks[:k]
    return _scan(toks, range(len(toks)), lex, strong) or 0


# ---------------------------------------------------------------------------------------------
# Patterns.


@dataclass(frozen=True)
class _Ctx:
    text: str
    dct: date
    lex: _Lexicon

    def tense(self, m: re.Match[str], strong: bool = False) -> int:
        return _tense(self.text, m.start(), m.end(), self.lex, strong)

    def year_tense(self, m: re.Match[str]) -> int:
        """The tense for placing a month or season in a year: a future seen only through weak cues is weak."""
        t = self.tense(m)
        return _WEAK_FUTURE if t == 1 and self.tense(m, strong=True) != 1 else t

    def word_before(self, pos: int) -> str:
        w = re.findall(r"[A-Za-z']+", self.text[max(0, pos - 30):pos])
        return w[-1].lower() if w else ""


_Res = tuple[str, str, str | None] | None  # (type, value, mod)
_Handler = Callable[[re.Match[str], _Ctx], _Res]


def _g(m: re.Match[str], name: str) -> str | None:
    """A named group, or None when the pattern has no such group or it did not take part."""
    try:
        return m.group(name)
    except IndexError:
        return None


def _low(s: str | None) -> str | None:
    return re.sub(r"\s+", " ", s.lower()) if s else None


def _part_mod(m: re.Match[str], ctx: _Ctx) -> str | None:
    p = _low(_g(m, "part") or _g(m, "part2"))
    return ctx.lex.parts.get(p) if p else None


def _rel(m: re.Match[str], ctx: _Ctx) -> int | None:
    r = _low(_g(m, "rel"))
    return ctx.lex.rel.get(r) if r else None


def _year_of(s: str) -> int:
    y = int(s)
    return y + (2000 if y < 50 else 1900) if len(s) == 2 else y


def _h_iso(m: re.Match[str], ctx: _Ctx) -> _Res:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        date(y, mo, d)
    except ValueError:
        return None
    if m["hh"]:
        return "TIME", f"{y:04d}-{mo:02d}-{d:02d}T{m['hh']}:{m['mm']}", None
    return "DATE", f"{y:04d}-{mo:02d}-{d:02d}", None


# "December 6-10, 2022": the year after a range of days is the first day's too
_RANGE_YEAR_RE = re.compile(r"\s*(?:-|–|to|and|through)\s*(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+"
                            r"((?:19|20)\d\d)\b")
# "July 13 of last year", "from July 13 to 17 of last year": the year told after the day (or the range)
_REL_YEAR_AFTER_RE = re.compile(r"(?:\s*(?:-|–|to|and|through)\s*(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)?,?\s+"
                                r"(?:of\s+)?(last|this|next)\s+year\b", re.IGNORECASE)


def _month_day(mo: int, day: int, year: str | None, m: re.Match[str], ctx: _Ctx) -> _Res:
    if not year and (ry := _RANGE_YEAR_RE.match(ctx.text, m.end())):
        year = ry[1]
    rel_year = _REL_YEAR_AFTER_RE.match(ctx.text, m.end()) if not year else None
    if rel_year:
        y = ctx.dct.year + ctx.lex.rel[rel_year[1].lower()]
    elif year:
        y = _year_of(year)
    else:
        y = _pick_year((mo, day), (ctx.dct.month, ctx.dct.day), ctx.dct.year, ctx.year_tense(m), None, near=1)
    try:
        date(y, mo, day)
    except ValueError:
        return None
    return "DATE", f"{y:04d}-{mo:02d}-{day:02d}", _part_mod(m, ctx)


def _h_usnum(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _month_day(int(m["m"]), int(m["d"]), m["y"], m, ctx)


def _h_mdy(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _month_day(ctx.lex.months[m["mon"].rstrip(".")], int(m["day"]), _g(m, "year"), m, ctx)


# The same handlers under other names, so that a rare pattern gets a gate of its own (_GATES) and is not run on
# texts that cannot hold it.
def _h_day_month(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _h_mdy(m, ctx)  # "5 January", "the 4th of June"


def _h_month_rel_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _h_month_year(m, ctx)  # "March of last year"


def _h_year_back_duration(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _h_duration(m, ctx)  # "the year-earlier nine months"


def _h_week_of(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"the week of March 6": the (ISO) week that day falls in."""
    res = _h_mdy(m, ctx)
    return None if res is None else ("DATE", _week(date.fromisoformat(res[1])), None)


def _h_nth_of_month(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"the last weekend of July", "the first Saturday in October": worked out inside that month."""
    mo = ctx.lex.months[m["mon"]]
    nth = m["nth"].lower()
    n = -1 if nth == "last" else (int(nth[0]) if nth[0].isdigit() else ctx.lex.ordinals.get(nth, 0))
    if not (n == -1 or 1 <= n <= 5):
        return None
    y = int(m["year"]) if _g(m, "year") else \
        _pick_year((mo,), (ctx.dct.month,), ctx.dct.year, ctx.year_tense(m), None)
    first = date(y, mo, 1)
    last = _shift_date_month(first) - timedelta(days=1)
    unit = _low(_g(m, "nunit"))
    if unit == "day":
        d = last if n == -1 else first + timedelta(days=n - 1)
        return "DATE", d.isoformat(), None
    wd = ctx.lex.weekdays[m["nwd"]] if _g(m, "nwd") else (6 if unit == "weekend" else None)
    if wd is None:  # a week: the one holding the month's first (nth) or last day
        d = last if n == -1 else first + timedelta(days=7 * (n - 1))
        return "DATE", _week(d), None
    if n == -1:
        d = last - timedelta(days=(last.isoweekday() - wd) % 7)
    else:
        d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    if d.month != mo:
        return None  # "the fifth Monday of February"
    return ("DATE", _week(d) + "-WE", None) if unit == "weekend" else ("DATE", d.isoformat(), None)


def _shift_date_month(d: date) -> date:
    y, mo = _shift_month(d.year, d.month, 1)
    return date(y, mo, 1)


def _h_month_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    mo = ctx.lex.months[m["mon"].rstrip(".")]
    yrel = _g(m, "yrel")
    y = ctx.dct.year + ctx.lex.rel[yrel.lower()] if yrel else int(m["year"])
    return "DATE", f"{y:04d}-{mo:02d}", _part_mod(m, ctx)


def _h_month_range(m: re.Match[str], ctx: _Ctx) -> _Res:
    """One end of "February-March 2022" / "July-August": the first month takes the year of the second."""
    if _g(m, "mon2") is None:  # the second month: the word before the hyphen must be a month
        before = re.search(r"([A-Za-z]+)[-–]$", ctx.text[max(0, m.start() - 14):m.start()])
        if before is None or before[1] not in ctx.lex.month_full:
            return None
        return _h_month_year(m, ctx) if _g(m, "year") else _h_month(m, ctx)
    if not _g(m, "year"):
        return _h_month(m, ctx)
    mo, mo2 = ctx.lex.months[m["mon"]], ctx.lex.months[m["mon2"]]
    y = int(m["year"]) - (mo > mo2)  # "December-January 2022" starts in 2021
    return "DATE", f"{y:04d}-{mo:02d}", None


def _h_seasons_set(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "SET", f"XXXX-{ctx.lex.seasons[m['season'].lower()]}", None


def _h_season_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", f"{m['year']}-{ctx.lex.seasons[m['season'].lower()]}", _part_mod(m, ctx)


def _h_spoken_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"nineteen ninety-six", "two thousand and one" (broadcast transcripts)."""
    words = re.split(r"[\s-]+", m["sy"].lower())
    if words[0] == "two":
        rest = [w for w in words[2:] if w != "and"]
        y = 2000 + int(_num(" ".join(rest), ctx.lex) or 0) if rest else 2000
    else:
        y = int(_num(words[0], ctx.lex) or 0) * 100 + int(_num("-".join(words[1:]), ctx.lex) or 0)
    if _g(m, "mon"):
        return "DATE", f"{y}-{ctx.lex.months[m['mon']]:02d}", _part_mod(m, ctx)
    if _g(m, "season"):
        return "DATE", f"{y}-{ctx.lex.seasons[m['season'].lower()]}", _part_mod(m, ctx)
    return "DATE", str(y), _part_mod(m, ctx)


# a day number right after a month name ("This July 9, we honor"; not "9.5%", "9 percent")
_DAY_AFTER_RE = re.compile(r"\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.,]\d|\s*percent)")


def _h_month(m: re.Match[str], ctx: _Ctx) -> _Res:
    mon = m["mon"]
    rel = _rel(m, ctx)
    part = _part_mod(m, ctx)
    # "May", "March" alone are a modal / a verb / a name unless a preposition or modifier goes before
    if mon in ctx.lex.month_ambiguous and rel is None and part is None and (
            ctx.word_before(m.start()) not in ctx.lex.year_cues
            or re.search(r"[.!?]\s*$", ctx.text[max(0, m.start() - 4):m.start()])):
        return None  # (a cue ending the sentence before is none: "... next year. May our efforts continue")
    if mon.isupper() and len(mon) > 3 and ctx.word_before(m.start()) not in ctx.lex.year_cues:
        return None  # ALL-CAPS headline word
    if rel is None and part is None and re.match(r"\s+of\s+(?:the\s+)?[A-Z][a-z]", ctx.text[m.end():m.end() + 20]):
        return None  # "the March of the Combatant Mothers": a name
    if rel is not None and _DAY_AFTER_RE.match(ctx.text, m.end()):
        return None  # "This July 9, we honor ...", "the upcoming June 23 talks": the day, read by the month-day pattern
    mo = ctx.lex.months[mon.rstrip(".").capitalize() if mon.isupper() else mon]
    if _g(m, "mthat"):  # "That September": that month in the year of the date last named
        return "DATE", f"{_ANCHORED}|N{mo:02d}|0|", part
    y = _pick_year((mo,), (ctx.dct.month,), ctx.dct.year, ctx.year_tense(m), rel)
    if rel == 1 and mo == ctx.dct.month and "coming" in (_low(_g(m, "rel")) or ""):
        y = ctx.dct.year  # "the upcoming March session", said on March 3: later this month ("next March" is a year on)
    return "DATE", f"{y:04d}-{mo:02d}", part


# a capitalised word a naming verb puts before the number: "a venture called Orion 1980" ("host Expo 2027",
# "the Eurosatory 2022 fair", "its Vision 2030 program" are the year of an edition or a target)
_NAME_BEFORE_RE = re.compile(r"\b(?:called|named|dubbed|titled|entitled|codenamed|as)\s+([A-Z][a-z]+)\s+$")


_SERIES_BEFORE_RE = re.compile(r"\b(?:UNSCR|UNSC|[Rr]esolutions?|No\.|Nos\.)\s+$")
_SERIES_WORDS = frozenset({"unscr", "unsc", "resolution", "resolutions", "no", "nos"})


# plurals without an -s that a number counts ("2000 people")
_COUNT_NOUNS = frozenset({"people", "children", "men", "women", "police", "personnel", "staff", "cattle", "sheep",
                          "fish", "deer", "aircraft", "militia", "infantry", "faithful", "youth"})


_PLURAL_AFTER_RE = re.compile(r"\s+[a-z]{3,}(?<![su]s)s\b")
_POSSESSIVES = frozenset({"our", "their", "its", "his", "her", "your", "my"})
_DETERMINER_AFTER_RE = re.compile(r"\s+(?:a|an|the|its|our|their|his|her|this|these|that|those)\s")


def _h_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    part = _part_mod(m, ctx)
    before = ctx.word_before(m.start())
    if before in _SERIES_WORDS and not part and _SERIES_BEFORE_RE.search(ctx.text, max(0, m.start() - 14), m.start()):
        return None  # "UNSCR 1701", "Resolution 2254", "No. 1989": a number in a series, not a year
    if re.match(r"-[a-z]+[A-Z]", ctx.text[m.end():m.end() + 8]):
        return None  # "the 2019-nCoV coronavirus": a code that holds a year
    if not part and not _g(m, "fiscal") and before not in ctx.lex.year_cues:
        after = ctx.text[m.end():m.end() + 20]
        nxt = re.match(r"\s+([a-z]+)", after)
        # "2000 troops", "nearly 2000 people": a number, not a year
        if nxt and (len(nxt[1]) > 3 and nxt[1].endswith("s") and not nxt[1].endswith(("ss", "us", "is"))
                    and not _DETERMINER_AFTER_RE.match(ctx.text, m.end() + nxt.end())
                    and not _PLURAL_AFTER_RE.match(ctx.text, m.end() + nxt.end())
                    and before not in _POSSESSIVES
                    # "the DRC's 2023 elections", "these 2030 targets" (a year near now or a target ahead), not
                    # "Nigeria's 2000 troops", "these 2000 troops"
                    and not (-5 <= int(m["year"]) - ctx.dct.year <= 30
                             and (before in ("these", "those")
                                  or re.search(r"\w['’]s\s+$", ctx.text[max(0, m.start() - 6):m.start()])))
                    or nxt[1] in _COUNT_NOUNS and not re.match(r"['’]", after[nxt.end():])):
            # (but "2021 opens a new chapter": a verb, its object after it; "their ambitious 2030 emissions
            # reductions targets", "our 2030 goals": a plural noun before another one modifies it, and a
            # possessive owns a dated thing, not a count)
            return None
        name = _NAME_BEFORE_RE.search(ctx.text, max(0, m.start() - 40), m.start())
        if name and name[1].lower() not in ctx.lex.calendar_words:
            return None  # "a venture called Orion 1980", "known as Charter 1977": a name that ends in a number
    return "DATE", m["year"], part


def _h_fiscal_short(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", m["fy"] if len(m["fy"]) == 4 else f"{ctx.dct.year // 100}{m['fy']}", _part_mod(m, ctx)


def _h_class_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    y = ctx.dct.year // 100 * 100 + int(m["yy"])
    return "DATE", str(y - 100 if y > ctx.dct.year else y), None  # the last such year up to now


def _h_year_range_end(m: re.Match[str], ctx: _Ctx) -> _Res:
    first = ctx.text[m.start() - 5:m.start() - 1]
    if not re.fullmatch(r"1[6-9]\d\d|20\d\d", first):
        return None
    y = int(m["yy"]) if len(m["yy"]) == 4 else int(first[:2] + m["yy"])
    if len(m["yy"]) == 2 and first.endswith("99") and m["yy"] == "00":
        y += 100  # "1999-00"
    return ("DATE", str(y), None) if int(first) < y <= int(first) + 100 else None


def _h_bc_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"1200 B.C.", "about 664 b.c.e.": a year before the common era, TIMEX3 BC1200."""
    if int(m["bcy"]) == 0:
        return None
    return "DATE", f"BC{int(m['bcy']):04d}", ctx.lex.quantmods.get(_low(_g(m, "qm")) or "")


def _h_prepost_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", m["year"], "BEFORE" if m["prepost"].lower() == "pre" else "AFTER"  # "post-1959 politics"


def _h_decade(m: re.Match[str], ctx: _Ctx) -> _Res:
    if _g(m, "dec"):
        v = m["dec"]
        if re.fullmatch(r"1\d0", v):
            return "DATE", v[:2], _part_mod(m, ctx)  # "the 1800s": the century, not 1800-1809
    else:
        d = int(m["dec2"]) if _g(m, "dec2") else ctx.lex.decades[m["decw"].lower()]
        century = ctx.dct.year // 100
        v = f"{century}{d}" if century * 100 + d * 10 <= ctx.dct.year else f"{century - 1}{d}"
    return "DATE", v, _part_mod(m, ctx)


def _h_century(m: re.Match[str], ctx: _Ctx) -> _Res:
    o = m["ord"].lower()
    n = int(o[:-2]) if o[0].isdigit() else ctx.lex.ordinals.get(o)
    if not n:
        return None
    return "DATE", f"{n - 1:02d}", _part_mod(m, ctx)


def _h_mid_century(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", f"{ctx.dct.year // 100:02d}", "MID"


def _h_quarter(m: re.Match[str], ctx: _Ctx) -> _Res:
    o = m["ord"].lower()
    n = int(o[0]) if o[0].isdigit() else ctx.lex.ordinals.get(o, 0)
    unit = (_g(m, "unit") or "quarters").lower()  # no unit: the first of "the second and fourth quarters"
    half = unit == "half"
    if not 1 <= n <= (2 if half else 4):
        return None
    if unit == "quarters":
        return "DATE", f"XXXX-Q{n}", None  # "in the second and fourth quarters": every year's
    if not (_g(m, "y1") or _g(m, "y2") or _g(m, "yrel")) and \
            re.match(r"\s+of\s+(?:the\s+|a\s+|its\s+|their\s+)?+(?!(?:year|fiscal|calendar|decade|century|this|last|next)\b)"
                     r"[a-z]", ctx.text[m.end():m.end() + 24]):
        return None  # "the first half of the match", "the third quarter of the game": not a part of a year
    yr = _g(m, "y1") or _g(m, "y2") or re.match(r"\d*", m.group(0))[0]  # type: ignore[index]
    yrel = _g(m, "yrel") or _g(m, "yrel0")
    if yr:
        y = int(yr)
    elif yrel:
        y = ctx.dct.year + ctx.lex.rel.get(_low(yrel) or "", 0)
    else:
        now = _quarter(ctx.dct.month) if not half else (1 if ctx.dct.month <= 6 else 2)
        # a quarter is reported after it ends: a future verb does not move an earlier one ahead
        y = _pick_year((n,), (now,), ctx.dct.year, min(ctx.tense(m), 0), None, per_year=2 if half else 4)
    if _g(m, "yback"):
        y -= 1  # "the year-earlier third quarter": that quarter a year before
    return "DATE", f"{y}-{'H' if half else 'Q'}{n}", None


def _h_first_of_quarters(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _h_quarter(m, ctx)  # its own handler only to have its own gate: texts with "quarters"


_ANCHORED = "@A"  # placeholder prefix: a step from the date last named ("@A|D|1|MO": the next morning)


def _h_anaphoric(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"the following year", "that day", "the next morning", "the previous Friday": anchored on the
    date last named in the text (TimeML practice), resolved in `_resolve_anchored`."""
    k = ctx.lex.anaphoric[_low(m["arel"]) or ""]
    if m["awd"]:
        return "DATE", f"{_ANCHORED}|{ctx.lex.weekdays[m['awd']]}|{k}|", None
    if m["adp"]:
        if k == 0 and (_low(m["arel"]) or "").startswith("the"):
            return None  # "the same morning" is fine, "the morning" alone is left to other rules
        return "TIME", f"{_ANCHORED}|D|{k}|{ctx.lex.dayparts[m['adp'].lower()]}", None
    unit = m["aunit"].lower()
    if _low(m["arel"]) == "the next" and unit != "day":
        return None  # "the next year" counts from the publication date (or is a duration)
    return "DATE", f"{_ANCHORED}|{unit[0].upper()}|{k}|", None


_ABS_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")


_DAY_PART_VALUE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI)$")
# the parts of the day an hour falls in, the most likely first
_PARTS_OF_HOUR = {h: (("MO", "NI") if h < 6 else ("MO",) if h < 12 else ("AF",) if h < 17 else ("EV", "AF") if h < 18
                      else ("EV", "NI") if h < 22 else ("NI", "EV")) for h in range(25)}


def _point(a: tuple[int, int | None, int | None]) -> tuple[int, int, int]:
    return a[0], a[1] or 0, a[2] or 0


def _resolve_anchored(tx: list[Timex], dct: date, text: str) -> list[Timex]:
    """Resolve "the following year", "the previous day"... on the last date named before them that is
    precise enough for the step (a day for a day or weekday step, a month for a month step), else the dct.
    "Two days later", "four years earlier" (a fifth field: the fallback) take that date only when it is
    named in the same or the sentence before; else "earlier" counts from the dct and "later" stays a
    duration."""
    out = list(tx)
    dct_anchor: tuple[int, int | None, int | None] = (dct.year, dct.month, dct.day)
    # per precision: the anchor and where it ends in the text (-1: the dct)
    anchors = {"Y": (dct_anchor, -1), "M": (dct_anchor, -1), "D": (dct_anchor, -1)}
    past_anchors: dict[str, tuple[tuple[int, int | None, int | None], int]] = {}  # the same, dates up to the dct
    parts_seen: dict[str, str] = {}  # part of the day ("MO") -> the day it was last named with
    last: tuple[int, int | None, int | None] | None = None  # the date last named, at its own precision
    other_day: tuple[tuple[int, int | None, int | None], int] | None = None  # the last day named that is not the dct
    last_end = -1
    last_week: tuple[str, int] | None = None  # a week last named ("2019-W43") and where it ends
    _clock_days(out, text)
    for i, t in enumerate(out):
        if t.value.startswith(_ANCHORED):
            _, unit, ks, dp, *rest = t.value.split("|")
            if unit[0] == "N":  # "That September": the month in the year of the date last named
                out[i] = t = replace(t, value=f"{anchors['Y'][0][0]:04d}-{unit[1:]}")
                continue
            if unit == "L":  # "until then": the date last named, as precise as it was named
                value = _as_value(last) if last else ""
                if last_week and last_week[1] > last_end:  # "the week of October 21 ... until then"
                    value = last_week[0]
                elif last and _point(last) <= _point(dct_anchor) and \
                        _tense(text, t.start, t.end, _lexicon(), strong=True) > 0:
                    value = "FUTURE_REF"  # "Today we urge him to stop. Until then, we will stand by": a time ahead
                out[i] = t = replace(t, value=value)
                continue
            if unit == "C":  # a clock time with no day named right after it: the day just before it, or the dct
                a, end = anchors["D"]
                prev = out[i - 1] if i else None
                if prev is not None and prev.type == "TIME" and _DAY_VALUE_RE.match(prev.value) and \
                        re.fullmatch(r"[^()\n]{0,30}\(\s*", text[prev.end:t.start]):
                    day = prev.value[:10]  # "around 11:30 am (1830 UTC)": a conversion keeps the day told
                    day = _utc_day(day, prev.value, dp, t.text)  # ... unless it crosses midnight
                elif _near(text, end, t.start) and not (_SENT_END_RE.search(text, end, t.start)
                                                        and _older_than_part(a, parts_seen, int(dp[:2]))):
                    day = _as_value(a)
                elif (opening := _opening_day(out[:i], text, dct, t.start)) and \
                        _tense(text, t.start, t.end, _lexicon(), strong=True) >= 0:
                    day = opening
                else:  # or the day of a part of the day named before that holds the hour ("yesterday morning")
                    h = int(dp[:2])
                    day = next((parts_seen[c] for c in _PARTS_OF_HOUR[h] if c in parts_seen), "")
                    if not day:  # or, told in the past, the day the story's lead tells of ("Yesterday, a crew ran")
                        past = _tense(text, t.start, t.end, _lexicon(), strong=True) < 0
                        lead = _lead_day(out, text, dct) if past else None
                        # or, not told in the past, the day of a future time set before: the day of the
                        # ceremony an advisory announces ("on Thursday, May 5, at 9:30 a.m.") holds its
                        # "Final access time: 9:00 a.m."
                        ahead = None if past else _scheduled_day(out[:i], dct)
                        day = lead.isoformat() if lead else ahead or _as_value(dct_anchor)
                out[i] = t = replace(t, value=f"{day}T{dp}")
                continue
            key = unit if unit in ("Y", "M") else "D"
            anchor, end = anchors[key]
            if key == "D" and anchor == dct_anchor and other_day is not None and _THAT_DAY_RE.fullmatch(t.text):
                # "Today we honor those killed ... and the memories of that day": a day other than today
                anchor, end = other_day
            elif key == "D" and end == -1 and last and last[1] is None and _point(last) <= _point(dct_anchor) \
                    and _THAT_DAY_RE.fullmatch(t.text) and _near(text, last_end, t.start):
                # "In 2004, Powell determined ... Since that day": a day of the year just named, told as
                # precisely as it was named, not the publication day (a month's day is below: 2021-10-XX)
                out[i] = t = replace(t, value=_as_value(last))
                continue
            if _point(anchor) > _point(dct_anchor) and key in past_anchors and \
                    _tense(text, t.start, t.end, _lexicon(), strong=True) < 0:
                # "the rules, to take effect on Dec. 10, ... were released later the same day": a past
                # event is not dated by a future date named before it, but by the last past one
                anchor, end = past_anchors[key]
            if unit == "D" and ks == "0" and not dp and last and last[1] and last[2] is None \
                    and _near(text, last_end, t.start):
                # "killed last October ... crossed out that same day": a day of the month just named
                out[i] = t = replace(t, value=_as_value(last) + "-XX")
                continue
            if rest and not _near(text, end, t.start):
                if rest[0]:  # "two days later" with no date near: the duration, "later" a signal (TimeML)
                    cut = re.search(r"[\s-]+later$", t.text, re.IGNORECASE)
                    n = cut.start() if cut else len(t.text)
                    out[i] = replace(t, end=t.start + n, text=t.text[:n], value=rest[0], type="DURATION")
                    continue
                # "two days earlier" far from any date: from the day the lead tells of, when told in the past
                lead = _lead_day(out, text, dct) if _tense(text, t.start, t.end, _lexicon(), strong=True) < 0 \
                    else None
                anchor = (lead.year, lead.month, lead.day) if lead else dct_anchor
            if t.text.lower() == "overnight" and anchor != dct_anchor and not _NOUN_AFTER_RE.match(text, t.end):
                # "After his arrest on Friday, he stayed overnight": that day's night ("shares fell on Friday
                # after overnight losses in New York": the one before the day)
                ks = "0"
            out[i] = t = replace(t, value=_step(anchor, unit, int(ks), dp), type="TIME" if dp else "DATE")
        if (pm := _DAY_PART_VALUE_RE.match(t.value)) and t.type == "TIME":
            parts_seen[pm[2]] = pm[1]
        if t.type == "DATE" and _WEEK_VALUE_RE.match(t.value):
            last_week = (t.value, t.end)
        am = _ABS_RE.match(t.value)
        if am and t.type in ("DATE", "TIME"):
            a = (int(am[1]), int(am[2]) if am[2] else None, int(am[3]) if am[3] else None)
            # "eight trading days after Oct. 12. Three days later": the time told is not the date named
            end = -1 if i and out[i - 1].type == "DURATION" and \
                re.fullmatch(r"\s+(?:after|before)\s+", text[out[i - 1].end:t.start]) else t.end
            anchors["Y"] = (a, end)
            if a[1] is not None:
                anchors["M"] = (a, end)
            if a[2] is not None:
                anchors["D"] = (a, end)
                if a != dct_anchor:
                    other_day = (a, end)
            if _point(a) <= _point(dct_anchor):
                past_anchors.update({k: v for k, v in anchors.items() if v[0] == a})
            last, last_end = a, t.end
    return [t for t in out if t.value]


_DAY_VALUE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T|$)")
_WEEK_VALUE_RE = re.compile(r"\d{4}-W\d\d$")
_THAT_DAY_RE = re.compile(r"that\s+(?:very\s+)?day", re.IGNORECASE)


def _utc_day(day: str, local: str, utc: str, text: str) -> str:
    """The day of a UTC time converting a local one: "around 8:30 p.m. (0030 UTC)" is the next day, since
    no zone is 20 hours behind UTC; when both days are possible (13:40 is 00:40 UTC the same day at UTC+13,
    or the next at UTC-11) the local day is kept."""
    lm, um = re.search(r"T(\d\d):(\d\d)", local), re.match(r"(\d\d):(\d\d)", utc)
    if not (lm and um and re.search(r"\b(?:UTC|GMT)\b", text)) or lm[1] == "24":
        return day  # (a "midnight" read as the day's end may be the one that opened it: "At midnight (0700 UTC)")
    diff = int(um[1]) * 60 + int(um[2]) - int(lm[1]) * 60 - int(lm[2])  # UTC minus local, on the same day
    fits = [k for k in (-1, 0, 1) if -14 * 60 <= diff + k * 1440 <= 12 * 60]  # zones run UTC-12 to UTC+14
    return (date.fromisoformat(day) + timedelta(days=fits[0])).isoformat() if len(fits) == 1 else day


def _older_than_part(a: tuple[int, int | None, int | None], parts_seen: dict[str, str], hour: int) -> bool:
    """Whether the date named in the sentence before lies more than a week before the day of a part of the
    day named earlier that holds `hour`: "Early yesterday morning, X died ... his last vote was on September
    11. At 2:45 a.m. he died" is yesterday's 2:45, not September 11's."""
    day = next((parts_seen[c] for c in _PARTS_OF_HOUR[hour] if c in parts_seen), None)
    if day is None or a[1] is None or a[2] is None:
        return False
    return (date.fromisoformat(day) - date(a[0], a[1], a[2])).days > 7


# a time word before a noun it modifies ("overnight losses", "by the morning train"), not before a preposition
# or a clause
_NOUN_AFTER_RE = re.compile(r"\s+(?!(?:before|after|in|at|on|and|or|to|into|from|with|but|as|while|when|until|for"
                            r"|the|a|an|by|of|near|outside|inside|without|amid)\b)[a-z]+")


_OPENING_ON_RE = re.compile(r"(?:^|[.!?]\s+|\n\s*)On\s+$")


def _opening_day(before: list[Timex], text: str, dct: date, start: int) -> str | None:
    """The day ahead a notice opens on ("On April 27, 2022, the committee will convene ... The meeting will
    take place from 1:00 p.m. to 5:00 p.m."): a sentence-opening "On <day>," after the dct, at most three
    sentences before the clock time, whose own sentence names no other day."""
    sent = max((m.end() for m in _SENT_END_RE.finditer(text, max(0, start - 400), start)), default=0)
    for t in reversed(before):
        dm = _DAY_VALUE_RE.match(t.value)
        if dm is None or t.type not in ("DATE", "TIME"):
            continue
        if t.start >= sent:
            return None  # the clock time's sentence names a day of its own
        if dm[1] > dct.isoformat() and _OPENING_ON_RE.search(text, max(0, t.start - 10), t.start) \
                and text.startswith(",", t.end) and _near(text, t.end, start, 3):
            return dm[1]
    return None


def _scheduled_day(before: list[Timex], dct: date) -> str | None:
    """The day of the last clock time named before on a day after the dct, if no other day is named since."""
    for t in reversed(before):
        dm = _DAY_VALUE_RE.match(t.value)
        if dm is None or t.type not in ("DATE", "TIME"):
            continue
        if t.type == "TIME" and "T" in t.value and dm[1] > dct.isoformat():
            return dm[1]
        if dm[1] != t.value[:10] or t.type == "DATE":
            return None
    return None
# between a clock time and its day: "at 6 a.m. on Tuesday", "12:01 a.m. eastern daylight time, July 1"
# (past a parenthetical: "at 8 p.m. (1830 UTC) on Friday")
# ("8:00 p.m. AST on Wednesday", "6 p.m. local time (1700 UTC) tomorrow")
_CLOCK_TO_DAY_RE = re.compile(r"(?:\s*\([^()\n]{1,40}\))?\)?,?\s+(?:[A-Z]{2,5}\s+)?(?:(?:[A-Za-z]+\s+){0,2}time,?\s*)?"
                              r"\(?(?:on\s+)?")


def _as_value(a: tuple[int, int | None, int | None]) -> str:
    y, mo, d = a
    return f"{y:04d}" + (f"-{mo:02d}" if mo else "") + (f"-{d:02d}" if mo and d else "")


def _clock_days(out: list[Timex], text: str) -> None:
    """A clock time takes the day named right after it ("at 1:30 p.m. on Thursday, Nov. 10"); right to
    left, so that "6 p.m. local time (1700 UTC) tomorrow" passes the day through the UTC time."""
    for i in range(len(out) - 1, -1, -1):
        t = out[i]
        if not t.value.startswith(f"{_ANCHORED}|C|"):
            continue
        prev = out[i - 1] if i else None
        pd = _DAY_VALUE_RE.match(prev.value) if prev else None
        day: re.Match[str] | None
        if prev and pd and re.fullmatch(r",?\s+(?:at\s+)?", text[prev.end:t.start]):
            day = pd  # "died today at 10 a.m."
        else:
            day = next((d for n in out[i + 1:i + 3] if (d := _DAY_VALUE_RE.match(n.value))
                        and _CLOCK_TO_DAY_RE.fullmatch(text, t.end, n.start)), None)
        if day:
            out[i] = replace(t, value=f"{day[1]}T{t.value.split('|')[3]}")


def _near(text: str, end: int, start: int, sentences: int = 1) -> bool:
    """Whether text[end:start] stays within one paragraph and crosses at most `sentences` sentence ends."""
    if end < 0 or "\n\n" in text[end:start]:
        return False
    return sum(1 for _ in _SENT_END_RE.finditer(text, end, start)) <= sentences


def _step(anchor: tuple[int, int | None, int | None], unit: str, k: int, dp: str) -> str:
    y, mo, d = anchor
    if unit == "Y" or mo is None:
        return str(y + (k if unit == "Y" else 0))
    if unit == "M" or d is None:
        yy, mm = _shift_month(y, mo, k if unit == "M" else 0)
        return f"{yy:04d}-{mm:02d}"
    day = date(y, mo, d)
    if unit == "W":
        return _week(day + timedelta(weeks=k))
    if unit.isdigit():  # a weekday before / after / of the anchor
        wd = int(unit)
        if k > 0:
            return (day + timedelta(days=(wd - day.isoweekday() - 1) % 7 + 1)).isoformat()
        return (day - timedelta(days=(day.isoweekday() - wd - (k < 0)) % 7 + (k < 0))).isoformat()
    v = (day + timedelta(days=k)).isoformat()
    return f"{v}T{dp}" if dp else v


def _h_fiscal_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", str(ctx.dct.year + ctx.lex.fiscal_rel[m["fy"].lower()]), None


def _h_year_back(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", str(ctx.dct.year - 1), None  # "the year-earlier": a quarter if the story names one


def _h_period_year_back(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", _REPORTED + "-1", None  # "the year-ago period": the reported quarter, a year back


def _h_period_of_year(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", _REPORTED + "=" + m["py"], None  # "the 1988 period": the reported quarter in 1988


def _h_half(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"the first two quarters of 1990", "the last half of 1989"."""
    y = int(m["y2"]) if m["y2"] else ctx.dct.year + ctx.lex.rel.get(_low(m["yrel"]) or "", 0)
    return "DATE", f"{y}-H{1 if m['ord'].lower() == 'first' else 2}", None


def _h_qnum(m: re.Match[str], ctx: _Ctx) -> _Res:
    n = int(m["q"])
    if m["y"]:
        y = _year_of(m["y"])
    else:
        y = _pick_year((n,), (_quarter(ctx.dct.month),), ctx.dct.year, min(ctx.tense(m), 0), None, per_year=4)
    return "DATE", f"{y}-Q{n}", None


# a bare verb after "to one day" ("hopes to one day fly"), not a word that goes on a phrase ("to one day or
# one month", "sentenced to one day in jail")
_VERB_AFTER_RE = re.compile(r"\s+(?!(?:or|and|in|of|at|on|for|per|a|an|the|to|with|before|after|later|earlier|"
                            r"ago|each|every|only|alone)\b)[a-z]+\b")
_FOR_BEFORE_RE = re.compile(r"\bfor\s+(?:(?:about|roughly|nearly|almost|around|more\s+than)\s+)?$", re.IGNORECASE)
_OVER_BEFORE_RE = re.compile(r"\b(?:over|within|during|throughout)\s+$", re.IGNORECASE)
_UNIT_SPAN = {"week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y", "decade": "P10Y", "century": "P100Y"}
_IN_THE_MONTH_RE = re.compile(r"\b(?:earl(?:y|ier)|later?)\s+in\s+$", re.IGNORECASE)


_FALL_NOUN_AFTER_RE = re.compile(r"[ \t]*(?:\(|[ \t](?:of|in|on|from|by|at|for|to\s+[\d$£€])\b)")


def _fall_is_season(m: re.Match[str], ctx: _Ctx) -> bool:
    """"Taking place in the fall": the season after in, during, until, through, since or by; not the noun
    ("since the fall of Kabul", "during the fall in prices", "continued the fall")."""
    return ctx.word_before(m.start()) in ("in", "during", "until", "through", "since", "by") and \
        not _FALL_NOUN_AFTER_RE.match(ctx.text, m.end())


def _h_relunit(m: re.Match[str], ctx: _Ctx) -> _Res:
    d = ctx.dct
    rel_word = _low(m["rel"]) or ""
    part = _part_mod(m, ctx)
    unit = m["unit"].lower()
    if m["unit"][0].isupper():
        return None  # "Person of the Year", ABC's "This Week": a title
    rel: int | None = None
    if rel_word == "the":
        if unit == "month" and (part or _IN_THE_MONTH_RE.search(ctx.text, max(0, m.start() - 12), m.start())):
            # "by the end of the month", "earlier in the month": the month named in this sentence or the one
            # before ("statements in May. Early in the month, ..."), else the dct's (resolved as anaphoric)
            return "DATE", f"{_ANCHORED}|M|0||", part
        if part is None and unit not in ("weekend", "year") and (
                unit not in ctx.lex.seasons or unit == "fall" and not _fall_is_season(m, ctx)):
            return None  # bare "the month" is too often a duration or anaphoric; "the fall" a noun
        if part is None and unit == "year":
            after = ctx.text[m.end():m.end() + 12].lower()
            if re.match(r"\s+(?:ended|ending)\b", after):
                return "DURATION", "P1Y", None  # "for the year ended Sept. 30": twelve months of accounts
            if re.match(r"\s+(?:before|after|earlier|later)\b", after):
                return None  # "the year before": counted from another date
            # otherwise "for the year", "the full year", "the fiscal year": the current (reporting) year
        k = 0
    else:
        k = rel = ctx.lex.rel[rel_word]
    if unit in ctx.lex.seasons:
        code = ctx.lex.seasons[unit]
        # "this summer" is the dct year's; "the summer" (no rel) is placed by tense, like a month name
        y = _pick_year((_SEASON_INDEX[code],), (_season_of(d.month),), d.year, ctx.year_tense(m), rel, per_year=4)
        if code == "WI" and d.month == 12 and k == 0:
            y = d.year + 1  # "this winter" said in December
        return "DATE", f"{y}-{code}", part
    if unit == "year" and part is None and rel_word == "this past":
        return "DURATION", "P1Y", None  # "This past year we made great strides": the twelve months to now
    if k < 0 and part is None and unit in _UNIT_SPAN and rel_word in ("the past", "the last") and (
            unit in ("week", "month") or _FOR_BEFORE_RE.search(ctx.text, max(0, m.start() - 24), m.start())
            or unit == "year" and not re.match(r"\s+of\b", ctx.text[m.end():m.end() + 4])
            or unit in ("decade", "century") and _OVER_BEFORE_RE.search(ctx.text, max(0, m.start() - 12), m.start())):
        # "for roughly the past year": the stretch up to now; "the past week", "the past month's unusual
        # activity", "over the past year" always ("last week", "last year" are the calendar week and year;
        # "the last year of his term" is his); "over the last decade" ("in the last decade", "in the last
        # century" stay the 1980s, the 1900s)
        return "DURATION", _UNIT_SPAN[unit], None
    if unit == "year" and part is None and rel_word in ("the coming", "the upcoming") and d.month < 10:
        return "DURATION", "P1Y", None  # "in the coming year", said in February: the twelve months ahead
    if unit in ("decade", "century") and part is None and (
            rel_word in ("the past", "past") and k < 0 or rel_word in ("the next", "the coming") and (
                unit == "decade" or d.year % 100 < 90 or re.match(r"\s+of\s", ctx.text[m.end():m.end() + 4]))):
        # TimeML practice: "the past decade" is a duration ending now, "the next decade" one starting now
        # (in 2022 it is 2022-2032, not the 2030s); "the next century" too ("over the next century", said in
        # 2022), but said in 1998, near a century's end, it is the 21st (unless "of our partnership" follows)
        return "DURATION", "P10Y" if unit == "decade" else "P100Y", None
    if unit == "week":
        if rel_word == "this" and d.isoweekday() == 7 and ctx.tense(m) > 0:
            k = 1  # "the law is to take effect late this week", told on a Sunday: the week starting tomorrow
        return "DATE", _week(d + timedelta(weeks=k)), part
    if unit == "weekend":
        if rel_word == "the":
            # the weekend of the dct's ISO week is the coming one (from Monday to Friday) or the current one
            tense = ctx.tense(m)
            k = 1 if tense > 0 and d.isoweekday() == 7 else (-1 if tense <= 0 and d.isoweekday() < 6 else 0)
        elif k > 0 and "coming" in rel_word and d.isoweekday() < 6:
            k = 0  # "this coming weekend" said on a weekday: the end of the dct's own week
        elif rel_word == "this" and d.isoweekday() < 6 and ctx.tense(m, strong=True) < 0:
            k = -1  # "a memorial was held this weekend", told on a Monday: the weekend just gone
        return "DATE", _week(d + timedelta(weeks=k)) + "-WE", part
    if unit == "month":
        y, mo = _shift_month(d.year, d.month, k)
        return "DATE", f"{y}-{mo:02d}", part
    if unit == "quarter" and rel_word == "this" and ctx.text[m.end():m.end() + 2] in ("'s", "’s"):
        return "DATE", _REPORTED, part  # "this quarter's loss" in a results story: the quarter reported
    if unit == "quarter":
        q = d.year * 4 + _quarter(d.month) - 1 + k
        return "DATE", f"{q // 4}-Q{q % 4 + 1}", part
    if unit == "year":
        return "DATE", str(d.year + k), part
    if unit == "decade":
        return "DATE", str(d.year // 10 + k), part
    if unit == "century":
        return "DATE", f"{d.year // 100 + k:02d}", part
    return None


_QUARTER_ENDED_RE = re.compile(r"\s+(?:that\s+)?end(?:ed|ing|s)\s+(?:on\s+)?([A-Z][a-z]+)\.?\s+(?:30|31)\b")


def _h_the_quarter(m: re.Match[str], ctx: _Ctx) -> _Res:
    which = _low(_g(m, "which"))
    if which == "current":
        return "DATE", f"{ctx.dct.year}-Q{_quarter(ctx.dct.month)}", None
    if which in ("latest", "most recent"):
        return "DATE", _REPORTED, None
    if m.group(0).lower().endswith("period"):
        return None  # "the period": any stretch of time
    end = _QUARTER_ENDED_RE.match(ctx.text, m.end())
    if end and ctx.lex.months.get(end[1], 1) % 3 == 0 and "fiscal" not in ctx.text:
        # "the quarter ended Sept. 30": the calendar quarter ending then, the occurrence nearest the
        # publication date (a story counting fiscal quarters names them by their own number)
        mo = ctx.lex.months[end[1]]
        y = min((ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1),
                key=lambda y: abs((date(y, mo, 28) - ctx.dct).days))
        return "DATE", f"{y}-Q{mo // 3}", None
    return "DATE", _ANAPHORIC_PERIOD, None


def _h_yearend(m: re.Match[str], ctx: _Ctx) -> _Res:
    k = ctx.lex.rel.get(_low(_g(m, "rel")) or "", None) if _g(m, "rel") else None
    if k is None and ctx.word_before(m.start()) == "since" and (ctx.dct.month, ctx.dct.day) != (12, 31):
        k = -1  # "the change since year-end": the last one passed
    if k is None:
        k = -1 if ctx.tense(m) < 0 and ctx.dct.month < 7 else 0
    return "DATE", str(ctx.dct.year + k), "END"


_PUT_BACK = frozenset({"pushed", "push", "moved", "move", "set", "put", "turned", "turn", "dated", "date", "went",
                       "came", "going", "coming", "brought", "bring", "goes", "comes", "go", "come"})


def _h_ago(m: re.Match[str], ctx: _Ctx) -> _Res:
    n = _num(m["num"], ctx.lex)
    unit, mult = ctx.lex.units[_unit_key(m["unit"])]
    word = _low(m["ago"]) or ""
    if word == "prior" and re.match(r"\s+to\b", ctx.text[m.end():m.end() + 4]):
        return None  # "two months prior to the vote": counted from the vote, left to the duration rule
    if word == "back" and (_PUT_BACK.intersection(re.findall(r"[a-z]+", ctx.text[max(0, m.start() - 30):m.start()]
                                                             .lower())[-4:]) or
                           re.match(r"\s+(?:to|in|into|from|on|at|home)\b", ctx.text[m.end():m.end() + 6])):
        return None  # "pushed the vote two weeks back", "two days back to work": a move, not a time ago
    sign = ctx.lex.ago[word]
    qm = ctx.lex.quantmods.get(_low(_g(m, "qm")) or "") or ("APPROX" if _g(m, "orso") else None)
    if n is not None and _g(m, "half") and unit in ("Y", "M"):
        # "a year and a half ago": 18 months back; "a month and a half ago": 45 days back
        n, unit, mult = (n * mult * 12 + 6, "M", 1) if unit == "Y" else (n * mult * 30 + 15, "D", 1)
    if word == "later" and (n is None or n != int(n) or unit not in _STEP_UNITS):
        return None  # "years later", "hours later": a stretch after some event, left to the duration rule
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    n *= mult * sign
    d = ctx.dct
    if n != int(n):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None
    k = int(n)
    if word in ("earlier", "later") and unit in _STEP_UNITS:
        # "four years earlier", "two days later": counted from the date last named (TimeML), resolved in
        # `_resolve_anchored`; with none named, "earlier" counts from publication like "ago" and
        # "later" stays the duration it names
        step, steps = ("D", k * 7) if unit == "W" else (unit, k)  # like "ago": a day, not a week
        fallback = _duration(abs(n), unit, 1) if word == "later" else ""
        return "DATE", f"{_ANCHORED}|{step}|{steps}||{fallback}", qm
    if unit == "Y":
        return "DATE", str(d.year + k), qm
    if unit == "M":
        y, mo = _shift_month(d.year, d.month, k)
        return "DATE", f"{y}-{mo:02d}", qm
    days = {"W": 7, "D": 1}.get(unit)
    if days:
        return "DATE", (d + timedelta(days=k * days)).isoformat(), qm
    return "DATE", d.isoformat(), qm  # hours/minutes ago: the day of publication


_STEP_UNITS = frozenset({"Y", "M", "W", "D"})


def _h_vague_ago(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", "PAST_REF", None


def _unit_key(u: str) -> str:
    u = u.lower()
    if u.endswith("ies"):
        return u[:-3] + "y"
    return u[:-1] if u.endswith("s") else u


# a count or an amount right before "a year" makes it a rate ("$1.76 a year", "twice a week"); not a date and
# a comma ("in September 1991, a month after the coup attempt")
_NUMBERISH_RE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|cents?|dollars?|percent|times|once|twice))[^\w,]*$", re.IGNORECASE)
_DETERMINER_RE = re.compile(r"\b(?:its|the|a|an|their|his|her|our|this|that|these|those)\s+$", re.IGNORECASE)
_DETERMINER_ADJ_RE = re.compile(r"\b(?:its|the|their|his|her|our|this|that)\s+[a-z]+\s+$", re.IGNORECASE)


# determiners that end a list of adjectives: "a safe and prosperous year ahead", not "a job, and the year ahead"
_DETS = "(?:" + "|".join(["the", "a", "an", "this", "that", "these", "those", *sorted(_POSSESSIVES)]) + ")"


_ORDINAL_DETERMINERS = frozenset({"the", "its", "his", "her", "their", "our", "your", "this", "s"})


_NOT_AGE_AFTER = r"(?![\s-]+olds?\b|\s+(?:ago|earlier|later|before|after|back)\b)"


_AGE_RANGE_BEFORE_RE = re.compile(r"\b(?:aged?|ages)\s+\d+\s*(?:-|–|to)\s*$", re.IGNORECASE)


def _h_range_end(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _h_duration(m, ctx)  # (a handler of its own for its own gate, a digit-hyphen-digit)


# a capitalised duration in a title-case heading: a preposition of length before, a function word after
_TITLED_BEFORE_RE = re.compile(r"\b(?:over|for|in|after|within|past|last|nearly|almost|about|around|than)\s+$",
                               re.IGNORECASE)
_TITLED_AFTER_RE = re.compile(r"\s+(?:for|of|since|to|in|on|and|with|ago|after|later)\b|\s*(?:[,.:;!?)]|$)",
                              re.IGNORECASE)


def _titled_duration(m: re.Match[str], ctx: _Ctx) -> bool:
    """"USD 12 Million over 4 Years for a Coordinated Effort", "Built Over 30 Years Since the War": a heading's
    duration (not "60 Minutes", "the 100 Days Campaign", "a 60 Minutes interview": titles)."""
    return bool(_TITLED_BEFORE_RE.search(ctx.text, max(0, m.start() - 8), m.start())
                and _TITLED_AFTER_RE.match(ctx.text, m.end()))


def _h_duration(m: re.Match[str], ctx: _Ctx) -> _Res:
    unit_word, num_word = m["unit"], m["num"].lower()
    if unit_word[0].isupper() and not num_word[0].isalpha() and not _titled_duration(m, ctx):
        return None  # "60 Minutes": a title
    if unit_word[0].isupper() and re.match(r"['’]\s+[A-Z]", ctx.text[m.end():m.end() + 3]):
        return None  # "the Thirty Years' War": a name
    after = ctx.text[m.end():m.end() + 8]
    if re.match(r"[\s-]+olds?\b", after) or (unit_word.lower().startswith("quarter") and re.match(r"\s+of\b", after)
                                            and _num(m["num"], ctx.lex) is not None):
        return None  # "52 years old" is an age; "three-quarters of" a fraction ("several quarters of" is not)
    if _AGE_RANGE_BEFORE_RE.search(ctx.text, max(0, m.start() - 16), m.start()):
        return None  # "children aged 0-14 years", "youths aged 16 to 18 years": an age
    before = ctx.word_before(m.start())
    if unit_word.lower() == "second" and m["num"].isalpha() and ctx.text.startswith("-", m.end("num")) \
            and (m.group(0).lower().startswith("the ") or before in _ORDINAL_DETERMINERS or before.endswith("'s")) \
            and not re.match(r"\s+(?:ad|advert|spot|clip|video|commercial|delay|pause|silence|countdown|segment)s?\b",
                             ctx.text[m.end():m.end() + 14]):
        return None  # "the sixty-second anniversary", "the forty-second president": an ordinal
    if num_word in ("a", "an"):
        if _unit_key(unit_word) in ("second", "quarter"):
            return None  # "a second group", "a quarter of"
        if _NUMBERISH_RE.search(ctx.text[max(0, m.start() - 20):m.start()]):
            return None  # "$1.76 a year", "twice a week": a rate, not a duration
    if re.fullmatch(r"(?:1[6-9]|20)\d\d", m["num"]) and not m["unit"].lower().endswith("s"):
        return None  # "the 1988 quarter" is a year, not 1988 quarters
    if num_word in ("one", "some") and _unit_key(unit_word) == "day" and m.group(0).lower() == f"{num_word} day" \
            and (ctx.word_before(m.start()) in ctx.lex.aux_future or ctx.word_before(m.start()) == "to"
                 and _VERB_AFTER_RE.match(ctx.text, m.end())):
        # "Islam will one day be...", "hopes to one day fly": someday (not "limited to one day or one month")
        return "DATE", "FUTURE_REF", None
    n = _num(m["num"], ctx.lex)
    if n is not None and _g(m, "half"):
        n += 0.5
    unit, mult = ctx.lex.units[_unit_key(m["unit"])]
    qm = ctx.lex.quantmods.get(_low(_g(m, "qm")) or "") or ("EQUAL_OR_MORE" if _g(m, "plus") else None)
    return "DURATION", _duration(n, unit, mult), qm  # ("40-plus years", "20+ years": at least that)


def _h_unit_and_half(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"the past year and a half", "the next month and a half": a stretch, not the year or month named."""
    unit, mult = ctx.lex.units[_unit_key(m["unit"])]
    return "DURATION", _duration(1.5, unit, mult), None


def _h_bare_units(m: re.Match[str], ctx: _Ctx) -> _Res:
    if any(w[0].isupper() for w in m.group(0).split()[1:]):
        return None  # "The Last Days": a title
    if _g(m, "unit5"):  # "in the year ahead": the twelve months from now
        unit, mult = ctx.lex.units[_unit_key(m["unit5"])]
        return "DURATION", _duration(1.0, unit, mult), None
    word = _g(m, "unit") or _g(m, "unit2") or _g(m, "unit3") or _g(m, "unit4") or _g(m, "unit6") or ""
    unit, mult = ctx.lex.units[_unit_key(word)]
    return "DURATION", _duration(None, unit, mult), None


_VAGUE_YEARS_BEFORE_RE = re.compile(r"\b(?:in|over|through|throughout)\s+(?:the\s+)?$"
                                    r"|\b(?:the|these|those|its|their)\s+early\s+$")


def _h_bare_units_after(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"for years", "over decades", "within days", "for many years", "within just days"."""
    before = ctx.text[max(0, m.start() - 16):m.start()].lower()  # (16: "throughout the ")
    if re.search(r"\b(?:for|over|within)\s+(?:many\s+|just\s+|only\s+|mere\s+)?$|\b(?:thousands|millions|billions"
                 r"|hundreds)\s+of\s+$", before):  # ("millions of years after the impact")
        return _h_bare_units(m, ctx)
    if m["unit"].lower() in ("years", "decades") and re.search(r"\b(?:the|our|their|its)\s+$", before) and \
            re.match(r"\s+of\s+(?!age\b)[a-z]", ctx.text[m.end():m.end() + 12]):
        return _h_bare_units(m, ctx)  # "the decades of close cooperation", "our decades of partnership"
    of = re.match(r"\s+of\s+(?!age\b)([A-Za-z])", ctx.text[m.end():m.end() + 12])
    if m["unit"].lower() in ("decades", "centuries") and of and (of[1].islower() or m["unit"].islower()):
        # "brings decades of experience", "decades of U.S. involvement" (not a title: "Decades of Change")
        return _h_bare_units(m, ctx)
    if m["unit"].lower() in ("years", "decades", "months") and re.search(r"\bthe\s+$", before) and \
            _UNITS_PASS_RE.match(ctx.text, m.end()):
        return _h_bare_units(m, ctx)  # "as the years have passed", "as the months went by": a vague stretch
    # "in years", "over the years", "in the years that followed", "the early years": a vague stretch
    # (not "in the days before the attack", an anchored period)
    if m["unit"].lower() in ("years", "decades") and _VAGUE_YEARS_BEFORE_RE.search(before):
        return _h_bare_units(m, ctx)
    if m["unit"] in ("years", "decades") and (
            _LIFE_YEARS_RE.search(ctx.text, max(0, m.start() - 28), m.start())
            or m["unit"] == "years" and re.match(r"\s+(?:as|in|at)\s", ctx.text[m.end():m.end() + 4])
            and re.search(r"\b(?:his|her|their|its|our|my|your)\s+$", before)):
        return _h_bare_units(m, ctx)  # a stretch of a life or a tenure: "his final years", "her years as mayor"
    after = ctx.text[m.end():m.end() + 30]
    if _STRETCH_BEFORE_RE.search(before) and re.match(r"\s+of\s+(?!age\b|the\b|a\b|an\b)[a-z]", after):
        return _h_bare_units(m, ctx)  # "after days of fighting", "Months of repression": how long it went on
    if re.search(r"\b(?:in|over)\s+the\s+$", before) and _FOLLOWED_RE.match(after):
        return _h_bare_units(m, ctx)  # "in the months that followed": a vague stretch after a point
    return None


_UNITS_PASS_RE = re.compile(r"\s+(?:have\s+|had\s+)?(?:passed|pass|gone\s+by|went\s+by|go\s+by|rolled\s+by)\b")
_LIFE_YEARS_RE = re.compile(r"\b(?:his|her|their|its|our|my|your|the)\s+(?:early|earliest|final|latter|later|formative"
                            r"|remaining|twilight|closing|waning|last|first)\s+$", re.IGNORECASE)
# before "<units> of <noun>": a stretch of time ("after weeks of talks", "Decades of war", "suffering from years of
# instability", "follows months of twists and turns", "the result of months of consultation", "took years of work")
_STRETCH_BEFORE_RE = re.compile(
    r"(?:^|[.!?]\s+|\n\s*|\b(?:after|following|follows|followed|amid|despite|through|with|from|endured|ended|ending|end"
    r"|spanning|of|took|take|takes|taking|spent|spend|spends|spending)\s+"
    r"|,\s+and\s+)$",  # (and the end of a list: "after rehabilitation, and months of therapy")
    re.IGNORECASE)
_FOLLOWED_RE = re.compile(r"\s+(?:that|which)\s+(?:have\s+|had\s+)?followed\b|\s+since\b")


def _h_long(m: re.Match[str], ctx: _Ctx) -> _Res:
    unit, mult = ctx.lex.units[_unit_key(m["unit"] + ("s" if _g(m, "pl") else ""))]
    return "DURATION", _duration(None if _g(m, "pl") else 1.0, unit, mult), None


def _h_long_spaced(m: re.Match[str], ctx: _Ctx) -> _Res:
    return _h_long(m, ctx)  # (its own gate: " long " is rarer than "-long")


def _h_nth_day_today(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", ctx.dct.isoformat(), None


def _h_then(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", f"{_ANCHORED}|L|0|", None  # "until then": the date last named (dropped when none is)


def _h_this_moment(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", "PRESENT_REF", None  # "at this crucial moment"


def _h_a_moment(m: re.Match[str], ctx: _Ctx) -> _Res:
    return None if ctx.tense(m) < 0 else ("DATE", "PRESENT_REF", None)  # "comes at a critical moment for"


def _h_is_a_moment(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"It's a historic moment", "this is a critical moment for": the present; "will be a critical moment"
    the future (not told in the past: "it was a proud moment")."""
    tense = ctx.tense(m)
    return None if tense < 0 else ("DATE", "FUTURE_REF" if tense > 0 else "PRESENT_REF", None)


_NAME_WORD_BEFORE_RE = re.compile(r"\b[A-Z][\w'\u2019-]*[ \t]+$")  # a capitalised word right before


def _h_set(m: re.Match[str], ctx: _Ctx) -> _Res:
    if _g(m, "setw"):
        before = ctx.text[max(0, m.start() - 24):m.start()]
        if m["setw"].lower() in ctx.lex.set_reports and (_DETERMINER_RE.search(before)
                                                        or _DETERMINER_ADJ_RE.search(before)):
            return None  # "its (first) quarterly dividend": a report or a payment, not a frequency
        if re.match(r"\s+[A-Z]", ctx.text[m.end():m.end() + 3]) and \
                ctx.word_before(m.start()) not in ("a", "an"):
            return None  # "the Communist Party daily Granma": a newspaper ("a daily Aspirin" is not)
        if m["setw"][0].isupper() and _NAME_WORD_BEFORE_RE.search(ctx.text, max(0, m.start() - 24), m.start()):
            return None  # "Apple Daily", "China Daily": a newspaper's name
        if re.search(r"\s[A-Z]", m["setw"]):
            return None  # "a song called "Day after Day"": a title
        return "SET", ctx.lex.sets[m["setw"].lower()], None
    if _g(m, "swd"):
        return "SET", f"XXXX-WXX-{ctx.lex.weekdays[m['swd'].rstrip('s')]}", None
    if _g(m, "smon"):
        day = f"-{int(m['sday']):02d}" if _g(m, "sday") else ""  # "each March 17": that day every year
        return "SET", f"XXXX-{ctx.lex.months[m['smon']]:02d}{day}", None
    if _g(m, "sdp"):
        if _g(m, "snum") or (_low(_g(m, "other")) == "other") or m.group(0).lower().startswith("per"):
            return None  # "$90 per night": a price, not a time of day
        return "SET", f"XXXX-XX-XXT{ctx.lex.dayparts[m['sdp'].lower()]}", None  # "every night"
    if m.group(0).lower().startswith("per") and ctx.word_before(m.start()) in ctx.lex.rate_nouns:
        return None  # "120 miles per hour", "15 million instructions per second": a unit of speed
    n = _num(_g(m, "snum"), ctx.lex) if _g(m, "snum") else 1.0
    if _low(_g(m, "other")) == "other":
        n = 2.0  # "every other day" ("every single day" is every day)
    unit, mult = ctx.lex.units[_unit_key(m["sunit"])]
    return "SET", _duration(n, unit, mult), None


_DEICTIC_APPOSITION_RE = re.compile(r"\b(today|tomorrow|yesterday),\s+(?:a|the)\s+$", re.IGNORECASE)
_TOMORROW_RE = re.compile(r"\btomorrow\b", re.IGNORECASE)


def _deictic_weekday(m: re.Match[str], ctx: _Ctx, wd: int, tense: int) -> date | None:
    """"Tomorrow, a Tuesday, is ...": a weekday in apposition to today / tomorrow / yesterday is that day;
    with no tense cue, a bare weekday that is the weekday of a "tomorrow" named before it is that day too."""
    app = _DEICTIC_APPOSITION_RE.search(ctx.text, max(0, m.start() - 24), m.start())
    if app:
        day = ctx.dct + timedelta(days=ctx.lex.deictic[app[1].lower()][0])
    elif tense == 0 and _TOMORROW_RE.search(ctx.text, 0, m.start()):
        day = ctx.dct + timedelta(days=1)
    else:
        return None
    return day if day.isoweekday() == wd else None


def _h_weekday(m: re.Match[str], ctx: _Ctx) -> _Res:
    wd_word = m["wd"]
    if _g(m, "pl") and re.match(r"\s+for\s+[A-Z]", ctx.text[m.end():m.end() + 8]):
        return None  # "the Fridays for Future movement": a name
    if (_g(m, "pl") or _g(m, "dpl")) and not _g(m, "rel"):
        # "on Mondays", "Tuesday nights": every such day
        dp = _low(_g(m, "dp"))
        suffix = f"T{ctx.lex.dayparts[dp]}" if dp else ""
        return "SET", f"XXXX-WXX-{ctx.lex.weekdays[wd_word]}{suffix}", None
    if not _g(m, "dp") and not _g(m, "rel"):
        # "on Monday and Tuesday nights": the plural after the second day makes both of them every week
        co = _coordinated_plural_re().match(ctx.text, m.end())
        if co:
            dp = _low(co["dp"])
            return "SET", f"XXXX-WXX-{ctx.lex.weekdays[wd_word]}" + (f"T{ctx.lex.dayparts[dp]}" if dp else ""), None
    if not _g(m, "dp") and not _g(m, "rel"):
        after = ctx.text[m.end():m.end() + 30]
        # "the Sunday Times": a name, not a date ("This Wednesday Greek ministers met" is a date)
        nm = re.match(r"[ \t]+([A-Z][a-z]+)", after)  # not across a line break: a heading or list item ends
        if nm and nm[1] not in ctx.lex.months and nm[1] not in ctx.lex.weekdays and \
                ctx.word_before(m.start()) not in {"on", "since", "until", "by", "from", "last", "next"}:
            return None
    rel = _rel(m, ctx)
    wd = ctx.lex.weekdays[wd_word]
    tense = ctx.tense(m, strong=True) if rel is None or rel == 0 else 0
    # "This Friday, parliament will gather": "this" with a weekday ahead is this week's, not the last one
    d = _weekday_date(wd, ctx.dct, tense, None if rel == 0 and tense > 0 else rel)
    if rel is None and not _g(m, "part"):
        d = _deictic_weekday(m, ctx, wd, tense) or d
    dp = _low(_g(m, "dp"))
    if dp:
        code = ctx.lex.dayparts[dp]
        return "TIME", f"{d.isoformat()}T{code}", _part_mod(m, ctx)
    return "DATE", d.isoformat(), _part_mod(m, ctx)


@cache
def _coordinated_plural_re() -> re.Pattern[str]:
    lex = _lexicon()
    return re.compile(rf"\s+(?:and|or)\s+(?:{_alt(lex.weekdays, case_sensitive=True)})"
                      rf"(?:s|\s+(?P<dp>{_alt(lex.dayparts)})s)\b")


def _in_title(text: str, start: int) -> bool:
    """A capitalised word inside a sentence, after a name word or "the", on a line that is not a
    title-case headline: part of a name ("USA Today", "NBC's Today show"), not a date."""
    before = re.search(r"(?:^|[ \t])([A-Za-z]+(?:['’]s)?)[ \t]+$", text[max(0, start - 30):start])
    if not text[start].isupper() or before is None:
        return False
    prev = before[1]
    if not (prev[0].isupper() or prev == "the"):
        return False
    lo, hi = text.rfind("\n", 0, start) + 1, text.find("\n", start)
    return re.search(r"\b[a-z]{4,}\b", text[lo:hi if hi >= 0 else len(text)]) is not None


# "<noun> of today" ending a phrase means nowadays; not "as of today", "the rest of today", "of today's action"
_NOUN_OF_RE = re.compile(r"\b(?!(?:as|part|rest|end|start|beginning|events?|schedule|most|all)\b)[A-Za-z]+\s+of\s+$",
                         re.IGNORECASE)
# before "today" meaning nowadays: "even today", "in the world today", "never more true than it is today"
# (not "still": "the talks are still going on today")
# ("in too many countries today", "in many parts of the world today": where it holds now)
_NOWADAYS_BEFORE_RE = re.compile(r"(?:\beven|\bthe\s+world|\b(?:than|as)\s+(?:it|they|we|this|that)\s+(?:is|are)"
                                 r"|\bin\s+(?:too\s+)?(?:many|most|some|all|several|numerous)\s+(?:countries|nations"
                                 r"|places|societies|parts\s+of\s+the\s+world)"
                                 # a state that holds now: "the challenges we face today", "the stability the
                                 # region enjoys today", "ties so many are relying on today", "the world we live in"
                                 r"|\b(?:enjoys?|enjoying|face|faces|facing|exists?|existing|(?:live|lives|living)\s+in"
                                 r"|(?:rely|relies|relying)\s+on))\s+$", re.IGNORECASE)
# a copula before "today" meaning nowadays: "the person I am today", "get where we are today" (at a clause's
# end), "Easter Island is today a barren place", "Colombia is today among the few" (before its predicate)
_NOWADAYS_COPULA_RE = re.compile(r"(?:\bi\s+am|\b(?:where|who|what)\s+(?:we|you|they|i|he|she|it)\s+(?:is|are|am))\s+$",
                                 re.IGNORECASE)
# "more important today than at any time since the war", "than ever before": the present age against the past
_THAN_EVER_RE = re.compile(r"\s+than\s+(?:ever|at\s+any\s+(?:other\s+)?(?:time|point|moment)|before|in\s+the\s+past"
                           r"|in\s+(?:decades|years|generations|centuries))\b", re.IGNORECASE)
_CLAUSE_END_RE = re.compile(r"\s*[.,;:!?\"\u201d)]")
# "Today, <subject> is/are/has/have/do not ..." describing a state (not "is designating", "has announced")
_TODAY_STATE_RE = re.compile(r",?\s+(?:[\w\u2019'-]+\s+){1,5}?(?:is|are|has|have|do\s+not|does\s+not)\s+"
                             r"(?![a-z]+(?:ing|ed|en)\b)(?!been\b|not\b)[a-z]+")
# words of a sentence that tells of an earlier era ("30 years later", "for decades"; or a year five years back)
_ERA_WORDS_RE = re.compile(r"\byears\s+(?:ago|later)\b|\bdecades\b|\bcentur(?:y|ies)\b")
_ERA_YEAR_RE = re.compile(r"\b(?:1[89]\d\d|20[0-2]\d)\b")
_COPULA_BEFORE_RE = re.compile(r"\b(?:is|are)\s+$")
_PREDICATE_AFTER_RE = re.compile(r"\s+(?:a|an|among|one\s+of|home\s+to|the\s+(?:most|largest|biggest|only))\s")
_FUTURE_AFTER_RE = re.compile(r"\s*(?:[,.;:)]|\s(?:and|or|is|are|was|were|have|has|as|that|will)\b)")
_TODAY_AND_RE = re.compile(r"\b[A-Za-z]+\s+of\s+today\s+and\s+$", re.IGNORECASE)
_NOWADAYS_AFTER_RE = re.compile(r"\s*(?:[,.;:)]|\s(?:and|or|is|are|was|were|have|has)\b)")
# "today's", then up to three modifiers before the head noun: "today's most pressing global challenges"
_POSSESSIVE_RE = re.compile(r"['\u2019]s((?:\s+[a-z][a-z-]*){1,4})")


def _nowadays_possessive(text: str, end: int, lex: _Lexicon) -> bool:
    """Whether "today's" ending at `end` heads a noun of the present age ("today's most pressing
    challenges", "today's world"), not of the day's news ("today's announcement", "today's meeting
    tackled global challenges": a modifier is no news noun, plural or verb ending in -s)."""
    m = _POSSESSIVE_RE.match(text, end)
    if m is None:
        return False
    for w in m.group(1).split():
        if w in lex.nowadays_nouns:
            return True
        if w in lex.news_nouns or (w.endswith("s") and not w.endswith(("ss", "ous"))):
            return False
    return False


def _today_after_an_era(m: re.Match[str], ctx: _Ctx) -> bool:
    """"In 1972 the convention opened for signature. Today, with over 180 States Parties, it is the
    cornerstone ...", "So 30 years later, the region still faces a threat. Today, millions do not have ...":
    a sentence opening "Today," that describes a state, right after one that tells of an earlier era, means
    nowadays (not "Today, the Secretary is designating", "Today we remember")."""
    start = m.start("deic")
    prev = ctx.text[max(0, start - 300):start].rstrip()
    if not prev.endswith((".", "!", "?")):
        return False
    sent = re.split(r"(?<=[.!?])\s+", prev[:-1])[-1]
    era = any(int(y) <= ctx.dct.year - 5 for y in _ERA_YEAR_RE.findall(sent)) or _ERA_WORDS_RE.search(sent) is not None
    after = ctx.text[m.end("deic"):m.end("deic") + 120].split(".")[0]
    after = re.sub(r"^,\s+with\s+[^,]+,", ",", after)  # "Today, with over 180 States Parties, it is"
    return era and _TODAY_STATE_RE.match(after) is not None


def _h_deictic(m: re.Match[str], ctx: _Ctx) -> _Res:
    if _in_title(ctx.text, m.start("deic")) and m.start("deic") == m.start():
        return None  # "He told USA Today", "the Today show": a name
    deic = _low(m["deic"]) or ""
    if deic == "this day" and _g(m, "dp"):
        return None  # "this day morning" is no phrase
    if deic == "today" and m.end() == m.end("deic") and _NOWADAYS_AFTER_RE.match(ctx.text, m.end()) and \
            _NOUN_OF_RE.search(ctx.text, max(0, m.start() - 24), m.start()):
        return "DATE", "PRESENT_REF", None  # "women of today are", "the challenges of today and tomorrow": nowadays
    if deic == "today" and m.end() == m.end("deic") and (
            _NOWADAYS_BEFORE_RE.search(ctx.text, max(0, m.start() - 40), m.start())
            or _THAN_EVER_RE.match(ctx.text, m.end())):
        return "DATE", "PRESENT_REF", None  # "even today", "the world today", "than it is today": nowadays
    if deic == "today" and m.end() == m.end("deic") and (
            _NOWADAYS_COPULA_RE.search(ctx.text, max(0, m.start() - 24), m.start())
            and _CLAUSE_END_RE.match(ctx.text, m.end())
            or _COPULA_BEFORE_RE.search(ctx.text, max(0, m.start() - 6), m.start())
            and _PREDICATE_AFTER_RE.match(ctx.text, m.end())):
        return "DATE", "PRESENT_REF", None  # "the person I am today", "the island is today a barren place"
    if deic == "today" and m["deic"] == "Today" and _today_after_an_era(m, ctx):
        return "DATE", "PRESENT_REF", None  # "... for decades. Today, millions do not have enough food"
    if deic == "today" and m.end() == m.end("deic") and _nowadays_possessive(ctx.text, m.end(), ctx.lex):
        return "DATE", "PRESENT_REF", None  # "today's global challenges": nowadays
    if deic == "tomorrow" and m.end() == m.end("deic") and _FUTURE_AFTER_RE.match(ctx.text, m.end()) and (
            _NOUN_OF_RE.search(ctx.text, max(0, m.start() - 24), m.start())
            or _TODAY_AND_RE.search(ctx.text, max(0, m.start() - 40), m.start())):
        return "DATE", "FUTURE_REF", None  # "the industries of tomorrow", "the challenges of today and tomorrow"
    if deic == "tomorrow" and m.end() == m.end("deic") and _nowadays_possessive(ctx.text, m.end(), ctx.lex):
        return "DATE", "FUTURE_REF", None  # "tomorrow's challenges", "tomorrow's workforce": the time ahead
    if deic == "this day" and (ctx.word_before(m.start()) in ("to", "until", "till")
                               or re.match(r"\s+and\s+age\b", ctx.text[m.end():m.end() + 9])):
        return "DATE", "PRESENT_REF", None  # "to this day", "in this day and age": up to now
    off, code = ctx.lex.deictic[deic]
    d = ctx.dct + timedelta(days=off)
    dp = _low(_g(m, "dp") or _g(m, "dp0"))
    if dp:
        code = ctx.lex.dayparts[dp]
    if code:
        sep = "T" if code[0].isalpha() else "T"
        return "TIME", f"{d.isoformat()}{sep}{code}", _part_mod(m, ctx)
    return "DATE", d.isoformat(), _part_mod(m, ctx)


def _h_daypart(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"in the morning", "by mid afternoon": that part of the day last named (TimeML anchoring), else the dct's;
    "overnight": the night before the dct, or the night of a day named before it."""
    if m["ovn"]:
        return "TIME", f"{_ANCHORED}|D|-1|{ctx.lex.dayparts['overnight']}", None
    if m["adp"][0].isupper():
        return None  # "Imus in the Morning": a title
    if ctx.word_before(m.start()) == "by" and _NOUN_AFTER_RE.match(ctx.text, m.end()) and \
            not re.match(r"\s+hours\b", ctx.text[m.end():m.end() + 7]):
        return None  # "by the morning train": a noun's modifier, not a time ("by the evening hours" is one)
    return "TIME", f"{_ANCHORED}|D|0|{ctx.lex.dayparts[m['adp'].lower()]}", _part_mod(m, ctx)


# "10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)": the day of a zone conversion
_PAREN_DAY_RE = re.compile(r"\s*\((?:[^()\n]{1,30}\)\s*,?\s*(?P<pwd>[A-Z][a-z]+day)\b"
                           r"|[^()\n]{1,30}?\s(?P<pwd2>[A-Z][a-z]+day)\))")


_CLOCK_WORDS = frozenset({"at", "until", "till", "from", "by", "before", "after", "approximately", "around", "about"})


def _h_time(m: re.Match[str], ctx: _Ctx) -> _Res:
    lex = ctx.lex
    if m["h4"] and not _g(m, "qm") and ctx.word_before(m.start()) not in _CLOCK_WORDS:
        return None  # "14:45" alone may be a score or a ratio; "at 14:45", "about 15:30" is a time
    if m["named"]:
        hm = lex.dayparts[m["named"].lower()]
        if hm == "24:00" and ctx.word_before(m.start()) in ("after", "past"):
            hm = "00:00"  # "early Saturday, after midnight": the start of the day, not its end
    else:
        h = int(m["h"] or m["h2"] or m["h3"] or m["h4"])
        mi = int(m["mi"] or m["mi2"] or m["mi3"] or m["mi4"] or 0)
        ap = (m["ampm"] or "").lower().replace(".", "")
        if ap.endswith(("morning", "afternoon", "evening", "night")):
            ap = "am" if ap.endswith("morning") else "pm"  # "4 in the morning", "10 at night"
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if h > 24 or mi > 59:
            return None
        se = m["se"] or m["se2"]
        hm = f"{h:02d}:{mi:02d}" + (f":{se}" if se else "")
    d = ctx.dct
    paren = _PAREN_DAY_RE.match(ctx.text, m.end()) if not (_g(m, "twd") or _g(m, "tdeic") or _g(m, "tmon")) \
        else None
    pwd = (paren["pwd"] or paren["pwd2"]) if paren else None
    if pwd in lex.weekdays:
        # the day named in or after a parenthetical (the zone conversion)
        d = _weekday_date(lex.weekdays[pwd], ctx.dct, ctx.tense(m, strong=True), None)
    elif _g(m, "twd"):
        d = _weekday_date(lex.weekdays[m["twd"]], ctx.dct, ctx.tense(m, strong=True), None)
    elif _g(m, "tdeic"):
        d = ctx.dct + timedelta(days=lex.deictic[m["tdeic"].lower()][0])
    elif _g(m, "tmon"):  # "5 p.m. EST Nov. 9"
        res = _month_day(lex.months[m["tmon"].rstrip(".")], int(m["tday"]), _g(m, "tyear"), m, ctx)
        if res is None:
            return None
        d = date.fromisoformat(res[1])
    else:  # no day with it: the day named right after it ("at 6 a.m. on Tuesday") or just before, else the dct
        return "TIME", f"{_ANCHORED}|C|0|{hm}", lex.quantmods.get(_low(_g(m, "qm")) or "")
    # a zone ("9 a.m. EST") is inside the extent but not in the value: TimeBank and AQUAINT give the
    # clock time as said ("T09:00"), and the news day is the local one
    qm = lex.quantmods.get(_low(_g(m, "qm")) or "")
    return "TIME", f"{d.isoformat()}T{hm}", qm


def _next_to_past(ctx: _Ctx, m: re.Match[str]) -> bool:
    """The word right before is a past "be"/"had" ("was soon released") or the word right after is a past
    form ("soon became"): the expression hangs on a told past event."""
    nxt = re.match(r"\s+([a-z]+)", ctx.text[m.end():m.end() + 20])
    return ctx.word_before(m.start()) in ("was", "were", "had") or \
        (nxt is not None and _is_past_form(nxt[1], ctx.lex))


_DISCOURSE_START_RE = re.compile(r"(?:^|[.!?\"”)]\s+|\n\s*)$")  # a sentence starts here
_THEN_SENTENCE_RE = re.compile(r"(?:^|[.!?]\s+|\n\s*)Then,[^\n]*$")  # "Then, China was isolated. Now, ..."


# "the past" before a plural noun is its adjective ("the past activities"), not before a unit ("the past weeks")
_PAST_ADJ_RE = re.compile(r"\s+(?!(?:few|several|two|three|four|five|decade|centurie|year|month|week|day|hour|minute"
                          r"|summer|winter|season|quarter)s?\b|(?:does|seems|remains|becomes|shows|means|looks|tells"
                          r"|teaches|haunts)\b)[a-z]{3,}s\b")
# "the future" before a singular noun is its adjective ("the future prosperity of Syria"), not before a function
# word, a verb or an adverb ("the future of", "the future that", "the future is", "the future looks", "the future
# together")
_FUTURE_ADJ_RE = re.compile(
    r"\s+(?!(?:of|for|and|or|nor|in|into|to|that|this|as|is|are|was|were|be|been|will|would|can|could|may|might|do"
    r"|does|did|must|should|shall|has|have|had|together|ahead|also|these|those|they|them|their|the|then|than|when"
    r"|where|which|who|whom|whose|with|within|without|by|but|not|now|here|there|because|if|on|at|from|through"
    r"|beyond|alone|too|again|free|full|look|hold|lie|depend|belong|remain|seem|rest|our|your|its|his|her|we|you"
    r"|she|he|it|one|itself|yet|still|already|only)\b)[a-z]{3,}(?<!s)(?<!ed)(?<!ly)\b")
# "the past, present(,) and future <noun>": three adjectives of one noun (not "the past, present and future.")
_PAST_PRESENT_RE = re.compile(r",?\s+present,?\s+(?:and|or)\s+future\s+(?!(?:of|and|or|in|for|to|is|are)\b)[a-z]")
# before "current" in the sense up to date ("sanctions remain current"; "markets that are current or potential
# markets" is the time)
_COPULAS = frozenset({"remain", "remains", "remained", "stay", "stays", "stayed", "kept", "keep", "keeps"})
# "current" is the adjective (a time) only before the word it modifies, not before a preposition or a stop
_CURRENT_ADJ_RE = re.compile(r"\s+(?!(?:of|in|on|at|from|to|with|by|into|through|is|was|are|were|that|which)\b)"
                             r"[A-Za-z]")


def _h_ref(m: re.Match[str], ctx: _Ctx) -> _Res:
    key = _low(m.group(0)) or ""
    if key in ("soon", "shortly") and (re.match(r"\s+(?:after|before|afterwards?|thereafter)\b",
                                                ctx.text[m.end():m.end() + 14])
                                       or ctx.word_before(m.start()) == "as"):
        # "soon after the attack", "as soon as Tuesday": a relation to another time (but "to Washington soon
        # as the two governments work" is soon, then a clause of reason)
        return None
    if key in ("soon", "shortly") and _next_to_past(ctx, m):
        return None  # "he was soon released": soon after a told event, not after the publication date
    if m.group(0) == "Now" and re.match(r",|\s+for\b", ctx.text[m.end():m.end() + 4]) and \
            _DISCOURSE_START_RE.search(ctx.text, max(0, m.start() - 200), m.start()) and \
            not _THEN_SENTENCE_RE.search(ctx.text, max(0, m.start() - 200), m.start()):
        return None  # "Now, I want to thank ...", "Now for the quiz": a discourse marker (not after "Then, ...")
    if m.group(0)[0].isupper() and re.match(r"\s+[A-Z]", ctx.text[m.end():m.end() + 2]) and \
            re.search(r"[a-z,;]\s+$", ctx.text[max(0, m.start() - 3):m.start()]):
        return None  # "published in Current Biology": a capitalised word inside a sentence begins a name
    if key == "current":
        nxt = re.match(r"\s+([a-z]+)", ctx.text[m.end():m.end() + 20])
        if not _CURRENT_ADJ_RE.match(ctx.text, m.end()) or (nxt and _is_past_form(nxt[1], ctx.lex)):
            return None  # "this upward current brought", "the current of the river": the noun, a flow
        if ctx.word_before(m.start()) in _COPULAS:
            return None  # "sanctions remain current and credible": up to date, not the present time
    if key == "the past" and (_PAST_ADJ_RE.match(ctx.text, m.end())
                              or _PAST_PRESENT_RE.match(ctx.text, m.end())):
        return None  # "the past activities of these groups", "the past, present, and future climate": adjectives
    if key == "the future" and (re.match(r"\s+[A-Z]", ctx.text[m.end():m.end() + 2])
                                or _FUTURE_ADJ_RE.match(ctx.text, m.end())):
        return None  # "to grow the future QIST marketplace", "protects the future prosperity": an adjective
    if key == "the future" and m.group(0).startswith("the") and m.group(0).endswith("Future"):
        return None  # "the Conference on the Future of Europe", "Feed the Future": a word of a name
    if key in ("our time", "our times", "our day") and (
            not _NOWADAYS_AFTER_RE.match(ctx.text, m.end())
            or re.search(r"\b(?:most|much|all|some|part|half|rest|use|waste|lot|end|start)\s+of\s+$",
                         ctx.text[max(0, m.start() - 12):m.start()], re.IGNORECASE)):
        return None  # "the challenges of our time.": the present age; not "most of our time talking"
    v = ctx.lex.refs.get(key)
    if v is None:  # a bracketed entry: find it by its extent
        for phrase, val in ctx.lex.refs.items():
            if "[" in phrase and re.sub(r".*\[(.*)\].*", r"\1", phrase) == key:
                v = val
                break
    if not v:
        return None
    return ("DURATION" if re.fullmatch(r"P(?:T?[\dX]+[A-Z])+", v) else "DATE"), v, None  # "for a while": PXX


# words that cannot modify "future" in "a ... future" (a preposition or verb ends the noun phrase), and the
# function words that may follow the noun, a determiner among them: "making their future a reality" (any other
# word makes "future" its adjective)
_NOT_MODIFIER = (r"(?:the|a|an|of|on|in|for|to|with|at|by|from|about|into|over|is|are|was|were|be|been|will|would|"
                 r"that|this|these|those|and|or|but|not|no|as|than)\b")
_AFTER_FUTURE = (r"(?:a|an|the|for|of|in|on|at|that|with|and|or|is|are|was|were|will|would|can|could|may|might|"
                 r"should|must|where|which|who|whose|we|they|as|to|by|through|together|ahead|here|there|not|has|have|had|"
                 r"depends|lies|looks|remains|rests|than|when|while|if|because|so|but|free|full|within|without|from|"
                 r"into|under|beyond|after|against|among|amid)\b")


def _h_future_np(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", "FUTURE_REF", None  # "a brighter future", "their country's future": the future as a noun


def _h_this_adj_day(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"on this special day", "this Independence Day" (a greeting sent on the day): the publication day."""
    if _g(m, "unit"):
        return _this_adj_unit(m, ctx)
    adj = m["adj"].split()[0].lower()
    if adj in ctx.lex.numbers or adj in ("same", "very", "whole", "entire", "one", "first", "last", "next"):
        return None
    return "DATE", ctx.dct.isoformat(), None


def _this_adj_unit(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"in this decisive decade", "this momentous year": the current one ("this past year", "this new year",
    "this fiscal year" have their own readings)."""
    adj = m["uadj"].lower()
    if adj in ctx.lex.numbers or adj in ctx.lex.rel or adj in (  # (rel: "past", "coming", "last", "next")
            "new", "same", "very", "whole", "entire", "first", "fiscal", "full", "calendar", "financial", "lunar"):
        return None
    y = ctx.dct.year
    unit = m["unit"].lower()
    return "DATE", str(y) if unit == "year" else str(y // 10) if unit == "decade" else f"{y // 100:02d}", None


def _h_nth_unit(m: re.Match[str], ctx: _Ctx) -> _Res:
    """"the third year of the pandemic", "its second month": one unit of something counted."""
    unit, mult = ctx.lex.units[_unit_key(m["unit"])]
    return "DURATION", _duration(1.0, unit, mult), None


def _h_holiday_again(m: re.Match[str], ctx: _Ctx) -> _Res:
    return "DATE", _HOLIDAY_AGAIN, None  # "this special holiday": the holiday named before (_holidays_again)


def _h_holiday(m: re.Match[str], ctx: _Ctx) -> _Res:
    nxt = re.match(r"[ \t]+([A-Z][a-z]+)", ctx.text[m.end():m.end() + 20])
    if nxt and nxt[1] not in ctx.lex.months and nxt[1] not in ctx.lex.weekdays:
        return None  # "the Great Orchestra of Christmas Charity", "Christmas Island": a name
    res = _holiday_date(m, ctx)
    if res is None or not (_g(m, "hw") or _g(m, "eve")) or len(res[1]) != 10:
        return res
    if _g(m, "eve"):  # "on the eve of Independence Day": the day before
        return res[0], (date.fromisoformat(res[1]) - timedelta(days=1)).isoformat(), res[2]
    week = _week(date.fromisoformat(res[1]))  # "Thanksgiving week", "Easter weekend": the holiday's week
    return res[0], week + ("-WE" if m["hw"].lower() == "weekend" else ""), res[2]


def _holiday_date(m: re.Match[str], ctx: _Ctx) -> _Res:
    key = _low(m["hol"]) or ""
    mo, day, wd = ctx.lex.holidays[key]
    told = _told_day_re().match(ctx.text, m.end())
    if told:  # "your National Day on July 7th", "on Election Day, August 9": the day the text gives
        return _month_day(ctx.lex.months[told["mon"]], int(told["d"]), _g(m, "year"), m, ctx)
    if key in ctx.lex.holiday_country:
        if not m["hol"][0].isupper():
            return None  # "on election day": the day of the election the story is about
        named = _named_country(ctx.text, m.start(), m.end(), before=True)
        if named not in (None, ctx.lex.holiday_country[key]):
            return None  # "Election Day" in Belarus, "Labor Day" in Kenya: not the American rule
    if mo == -2:
        return _calendar_holiday(m, ctx)
    if mo <= 0:  # "Good Friday": a step from Easter, whose date moves; the year is chosen as for a month-day
        method = EASTER_WESTERN if mo == 0 else EASTER_ORTHODOX
        near = easter(ctx.dct.year, method) + timedelta(days=day)
        res = _month_day(near.month, near.day, _g(m, "year"), m, ctx)
        if res is None:
            return None
        return res[0], (easter(int(res[1][:4]), method) + timedelta(days=day)).isoformat(), res[2]
    if day == 0:  # a month-long observance ("Pride Month"): that month, placed like a month name
        y = int(m["year"]) if _g(m, "year") else \
            _pick_year((mo,), (ctx.dct.month,), ctx.dct.year, ctx.year_tense(m), None)
        return "DATE", f"{y:04d}-{mo:02d}", None
    res = _month_day(mo, day, _g(m, "year"), m, ctx)
    if res is None or not wd:
        return res
    d = date.fromisoformat(res[1])  # "Thanksgiving": the fourth Thursday, the first on or after Nov. 22
    return res[0], (d + timedelta(days=(wd - d.isoweekday()) % 7)).isoformat(), res[2]


@cache
def _told_day_re() -> re.Pattern[str]:
    months = _alt(_lexicon().months, case_sensitive=True)
    return re.compile(rf",?\s+(?:on\s+)?(?P<mon>{months})\.?\s+(?P<d>[12]\d|3[01]|0?[1-9])(?!\d)")


_GREETED_DAY_RE = re.compile(r"(?:\b(?:your|their|its|a\s+(?:happy|joyous|joyful|blessed|wonderful))"
                             r"|\b(?-i:[A-Z][a-z]+)['\u2019]s)\s+$", re.IGNORECASE)  # ("France's national day")


def _calendar_holiday(m: re.Match[str], ctx: _Ctx) -> _Res:
    """A feast of another calendar ("Eid al-Adha", "Lunar New Year") or a country's own day ("your National
    Day"), dated by the `holidays` package; the year is chosen as for a month-day."""
    if not m["hol"][0].isupper() and not _GREETED_DAY_RE.search(ctx.text, max(0, m.start() - 24), m.start()) \
            or re.match(r"\s+of\b", ctx.text[m.end():]):
        return None  # "a national day of mourning": no holiday's name ("your national day" is the country's)
    cc, name = ctx.lex.calendar[_low(m["hol"]) or ""]
    if not cc:
        cc = _named_country(ctx.text, m.start(), m.end()) or ""
        if not cc:  # "On Armed Forces Day, we remember ...": the country named with the same day earlier on
            for prev in reversed(list(re.finditer(re.escape(m["hol"]), ctx.text[:m.start()]))):
                if cc := _named_country(ctx.text, prev.start(), prev.end()) or "":
                    break
        if not cc:  # or the country a greeting named sentences before
            cc = _named_country(ctx.text, m.start(), m.end(), anywhere=True) or ""
        if cc == "US" and ctx.word_before(m.start()) in ("your", "their"):
            return None  # Washington's greeting to a country it names in a way not known here
    near = _calendar_day(cc, name, ctx.dct.year) if cc else None
    if near is None and name == "National Day" and cc in ctx.lex.national_days:
        name = ctx.lex.national_days[cc]  # "Portugal's National Day" is the package's "Day of Portugal, ..."
        near = _calendar_day(cc, name, ctx.dct.year)
    if near is None:
        return None
    res = _month_day(near.month, near.day, _g(m, "year"), m, ctx)
    if res is None or int(res[1][:4]) == ctx.dct.year:
        return res
    day = _calendar_day(cc, name, int(res[1][:4]))
    return (res[0], day.isoformat(), res[2]) if day else None


@cache
def _calendar_day(country: str, name: str, year: int) -> date | None:
    """The first day the `holidays` package gives `country` in `year` for the holiday called `name` (or
    "<adjective> name": Belgium's "Belgian National Day" for "National Day")."""
    import holidays  # the calendars load only when a text names such a day

    try:  # every category: Denmark's Constitution Day is a half day, Hanukkah an optional one
        kinds = holidays.country_holidays(country).supported_categories
        days = holidays.country_holidays(country, years=year, language="en_US", categories=kinds)
    except NotImplementedError:  # a country the package has no calendar for
        return None
    named = sorted((d, n) for d, names in days.items() for n in names.split("; "))
    # the name itself, then with a note ("Eid al-Fitr Holiday", "Independence Day (observed)": Israel's moves
    # off a Friday), then after an adjective, then before the country's name ("Independence Day of the
    # Republic of Belarus"); not "National Day of Thanksgiving" for "National Day"
    for pick in (lambda n: n == name, lambda n: _HOLIDAY_NOTE_RE.sub("", n) == name,
                 lambda n: n.endswith(" " + name), lambda n: n.startswith(name + " of the Republic")):
        for d, n in named:
            if pick(n):
                return d
    return None


_HOLIDAY_NOTE_RE = re.compile(r"\s+\([^()]*\)|\s+Holiday$")


# a run of capitalised words, which may hold "of (the)": "the Republic of Korea", "Belarus’", "Maldivian"
_NAME_RUN_RE = re.compile(r"[A-Z][\w.’'-]*(?:\s+(?:of\s+(?:the\s+)?|d[’'])?[A-Z][\w.’'-]*)*")


def _named_country(text: str, start: int, end: int, before: bool = False, anywhere: bool = False) -> str | None:
    """ISO alpha-2 code of the country whose day a sentence names: the one named nearest in the sentence,
    else in the one before; a country other than the United States first, as a greeting from Washington
    names both ("On behalf of the United States, I congratulate the people of Iceland on your National Day").
    `before`: only the sentence's words before the day ("In Belarus, crowds gathered on Election Day").
    `anywhere`: failing those, the country other than the United States named last before them ("I
    congratulate South Africa ... We wish all a joyous Freedom Day", three sentences on)."""
    hi = _SENT_END_RE.search(text, end)
    stop = start if before else hi.start() if hi else len(text)
    ends = [e.end() for e in _SENT_END_RE.finditer(text, max(0, start - 600), start)]
    for lo in (ends[-1] if ends else max(0, start - 600), ends[-2] if len(ends) > 1 else None):
        if lo is None:
            break
        for _, iso2 in sorted(_countries_in(text, lo, stop, start, end), key=lambda f: (f[1] == "US", f[0])):
            return iso2
        stop = lo
    if anywhere:
        for _, iso2 in sorted(_countries_in(text, 0, stop, start, end)):
            if iso2 != "US":
                return iso2
    return None


def _countries_in(text: str, lo: int, hi: int, start: int, end: int) -> list[tuple[int, str]]:
    """The countries named in text[lo:hi] (ISO alpha-2) with their distance from a day's name at start:end,
    whose own words do not count ("Independence Day"), though a name right before them does ("Greece's")."""
    from newsevents import gazetteer

    found: list[tuple[int, str]] = []
    for run in _NAME_RUN_RE.finditer(text, lo, hi):
        words = run[0].split()
        if run.start() < end and run.end() > start:
            words = text[run.start():start].split() if run.start() < start else []
        spans = sorted(((a, b) for a in range(len(words)) for b in range(a + 1, len(words) + 1)),
                       key=lambda ab: ab[0] - ab[1])  # the longest first: "the Republic of Korea"
        for a, b in spans:
            iso3 = gazetteer.demonym(re.sub(r"['’]s?$", "", " ".join(words[a:b])))
            if iso3:
                entry = gazetteer.country_entry(iso3)
                if entry is not None:
                    found.append((abs(run.start() - start), entry.iso2))
                break
    return found


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], _Handler], ...]:
    lex = _lexicon()
    full = sorted(lex.month_full)
    mon_full = _alt(full + [w.upper() for w in full], case_sensitive=True)
    mon_any = "(?-i:" + "|".join(
        sorted([re.escape(w) + (r"\.?" if w not in lex.month_full else "") for w in lex.months]
               + [w.upper() for w in full], key=len, reverse=True)) + r")(?!\w)"
    wd = _alt(lex.weekdays, case_sensitive=True)
    day = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
    year = r"(?<![\w$£€#.,/:])(?P<year>(?:1[6-9]|20)\d\d)(?!\w|[.,]\d|\s*(?:%|per\s*cent|(?-i:UTC|GMT)\b))"
    part = r"(?:the\s+)?(?P<part>" + _alt(lex.parts) + r")(?:\s+|-)"
    numw = _alt(lex.numbers)
    tens = _alt(w for w, v in lex.numbers.items() if v.isdigit() and int(v) % 10 == 0 and 20 <= int(v) < 100)
    ones = _alt(w for w, v in lex.numbers.items() if v.isdigit() and 1 <= int(v) < 10 and " " not in w
                and w not in ("a", "an"))
    # "twenty-four", "24", "a few"; never two free number words ("a five year" is one number)
    num = (rf"(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+|\s+1/2|\s*½)?|{tens}[\s-]+{ones}|{numw})"
           r"(?:\s+and\s+a\s+half(?=\s)|-and-a-half(?=-))?)")  # "two-and-a-half-year"
    teens = _alt(w for w, v in lex.numbers.items() if v.isdigit() and 10 <= int(v) < 20)
    spoken_year = (rf"(?P<sy>(?:nineteen|twenty)[\s-]+(?:{tens}(?:[\s-]+{ones})?|{teens})"
                   rf"|two\s+thousand(?:\s+and)?(?:\s+{ones})?)")
    units = _alt([_plural(u) for u in lex.units] + list(lex.units))
    qm = r"(?:(?P<qm>" + _alt(lex.quantmods) + r")\s+)?"
    rel = _alt(lex.rel)
    seasons = _alt(lex.seasons)
    dayparts = _alt(lex.dayparts)
    tz = _alt(lex.tz, case_sensitive=True)
    ords = _alt(lex.ordinals)
    poss = "|".join(sorted(_POSSESSIVES))  # our, their, its, ...
    # the future as a noun: its modifiers ("democratic, peaceful, and prosperous"), the noun, what may follow it
    fmod = rf"(?:(?!{_NOT_MODIFIER})[A-Za-z][a-z-]*,?\s+(?:(?:and|or)\s+)?)"
    fnoun = r"(?-i:future)"
    fend = rf"(?![\w-])(?!\s+(?!{_AFTER_FUTURE})[A-Za-z])"
    b = r"(?<![\w-])"  # word start
    e = r"(?![\w-])"  # word end

    refs = []
    firsts = set()
    for phrase in lex.refs:
        if "[" in phrase:
            pre, _, rest = phrase.partition("[")
            ext, _, post = rest.partition("]")
            pat = "".join(f"(?<={re.escape(w)}\\s)" for w in pre.split()[-1:])
            ahead = "".join(f"(?=\\s+{re.escape(w)}\\b)" for w in post.split()[:1])  # "[a while] since"
            refs.append(pat + re.escape(ext.strip()).replace(r"\ ", r"\s+") + ahead)
            firsts.add(ext.strip()[0].lower())
    refs.sort(key=len, reverse=True)
    # the bracketed rows only where their extent's first letter is: each begins with a look-behind, which the
    # scan would otherwise try at every position
    refs = [f"(?=[{''.join(sorted(firsts))}])(?:{'|'.join(refs)})"] if refs else []
    refs.append(_alt(p for p in lex.refs if "[" not in p))

    specs: list[tuple[str, _Handler]] = [
        (r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mm>\d{2}))?(?![\d-])",
         _h_iso),
        (r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])/(?P<y>\d{4}|\d{2})(?![\d/])",
         _h_usnum),
        # a hyphen may join it to the day before ("May 31-June 8"), not to a word ("mid-June" is a part)
        (r"(?<!\w)(?<![A-Za-z]-)" + rf"(?:(?P<wd>{wd}),?\s+)?(?:{part})?(?P<mon>{mon_any})\s*{day}"
         rf"(?!\s*(?:%|percent))(?:(?:,\s*|\s+)(?:of\s+)?{year})?", _h_mdy),
        # (the second day of "7-8 July" too: a hyphen after a digit)
        (r"(?<!\w)(?<![^\d]-)" + rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?{day}(?:\s+of)?\s+(?P<mon>{mon_any})"
         rf"(?:,?\s+(?:of\s+)?{year})?", _h_day_month),  # "January 26th of 2021", "the 4th of June of 1989"
        (b + rf"the\s+week\s+of\s+(?P<mon>{mon_any})\s*{day}(?:,?\s+{year})?", _h_week_of),
        # "the last weekend of July", "the first Saturday in October", "the second week of March 2020"
        (b + rf"(?:the\s+)?(?P<nth>{ords}|last|[1-5](?:st|nd|rd|th))\s+(?:(?P<nwd>{wd})|(?P<nunit>week|weekend|day))"
         rf"\s+(?:of|in)\s+(?P<mon>{mon_full})(?:,?\s+{year})?{e}", _h_nth_of_month),
        (b + rf"(?:{part})?(?P<mon>{mon_any})(?:,\s*|\s+)(?:of\s+)?{year}", _h_month_year),
        # two months joined by a hyphen, "February-March 2022": each is a month, the year is shared
        (b + rf"(?P<mon>{mon_full})(?=[-–](?P<mon2>{mon_full})(?:(?:,\s*|\s+){year})?(?![\w-]))",
         _h_month_range),
        (rf"(?<=[a-z][-–])(?P<mon>{mon_full})(?:(?:,\s*|\s+){year})?{e}", _h_month_range),
        (b + rf"(?:the\s+)?(?:{part})?(?P<season>{seasons})(?:,\s*|\s+)(?:of\s+)?{year}", _h_season_year),
        # "for the past three summers": that season in each of several years (TimeBank: a SET)
        (b + rf"the\s+(?:past|last|next|previous|coming)\s+{num}\s+(?P<season>{seasons})s{e}", _h_seasons_set),
        (b + rf"(?:{part})?(?P<mon>{mon_full})(?:,\s*|\s+)(?:of\s+)?(?P<yrel>this|last|next)\s+year{e}",
         _h_month_rel_year),
        (b + rf"(?:(?:the\s+)?(?:{part})?(?:(?P<mon>{mon_full})|(?P<season>{seasons}))(?:,\s*|\s+)(?:of\s+)?|"
         rf"(?:the\s+)?year\s+)?{spoken_year}{e}(?![\s-]+{units})", _h_spoken_year),
        (b + rf"(?:{part})?(?:(?P<rel>{rel})\s+|(?P<mthat>that)\s+)?(?P<mon>{mon_full}){e}", _h_month),
        (b + rf"(?:{part})?(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year|FY)\s*)?{year}", _h_year),
        # "FY2022", "FY22": a fiscal year written close up (its label's year)
        (b + rf"(?:{part})?(?-i:FY)(?P<fy>(?:19|20)?\d\d)(?![\w-])", _h_fiscal_short),
        (b + rf"(?P<prepost>pre|post)-{year}", _h_prepost_year),
        # the second year of "2008-2011", "the 2008-09 season" (an en dash already ends a word)
        (r"(?:(?<=\d\d\d\d-)|(?<=\d\d\d\d–))(?P<yy>\d\d(?:\d\d)?)(?![\w-]|[.,]\d)", _h_year_range_end),
        # "President Clinton, class of '68": a class year, written short
        (r"(?<=\b[Cc]lass\sof\s)['’](?P<yy>\d\d)(?![\w'’])", _h_class_year),
        # "1200 B.C.", "about 664 b.c.e."; not "2019 BC Hydro" (British Columbia)
        (b + rf"{qm}(?P<bcy>\d{{1,4}})\s*(?:(?-i:BCE?)|B\.\s?C\.(?:E\.)?)(?!\w)(?!\s+(?-i:[A-Z]))",
         _h_bc_year),
        (b + rf"(?:the\s+)?(?:{part})?(?:(?P<dec>\d{{3}})0'?s|'(?P<dec2>\d)0s)" + e, _h_decade),
        (b + rf"the\s+(?:{part})?(?P<decw>{_alt(lex.decades)}){e}", _h_decade),
        (b + rf"(?:the\s+)?(?:{part})?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{ords})[\s-]+century{e}",
         _h_century),
        # "net zero by mid-century": the middle of the century now running (not "mid-century modern" design)
        (b + r"mid[\s-]?century(?![\w-])(?!\s+(?:modern|style|design|architecture|furniture|homes?|houses?))",
         _h_mid_century),
        (b + rf"(?:(?P<yrel0>this|last|next)\s+year's\s+|(?:19|20)\d\d's\s+)?"
         rf"(?:the\s+)?(?:(?:fiscal|calendar|current|latest|same|comparable|{rel}|(?P<yback>year[\s-](?:ago|earlier)))\s+)*"
         rf"(?:(?P<y1>(?:19|20)\d\d)\s+)?(?:fiscal[\s-]+)?(?P<ord>{ords}|[1-4](?:st|nd|rd|th))[\s-]+"
         rf"(?P<unit>quarters?|half){e}(?:\s+(?:of\s+)?(?:(?P<y2>(?:19|20)\d\d)|(?P<yrel>this|last|next)"
         r"\s+year))?", _h_quarter),
        # the first of two coordinated quarters: "the second and fourth quarters"
        (b + rf"(?:the\s+)?(?P<ord>{ords}|[1-4](?:st|nd|rd|th))(?=\s+and\s+(?:{ords}|[1-4](?:st|nd|rd|th))[\s-]+"
         r"quarters\b)", _h_first_of_quarters),
        (b + r"(?:the\s+)?(?P<ord>first|last|second)\s+(?:(?P<two>two)\s+quarters|half)\s+of\s+"
         r"(?:(?P<y2>(?:19|20)\d\d)|(?P<yrel>this|last|next)\s+year)" + e, _h_half),
        (b + rf"(?:(?:later|earlier)\s+)?(?P<arel>{_alt(lex.anaphoric)})\s+(?:(?P<aunit>day|week|month|year)"
         rf"|(?P<adp>morning|afternoon|evening|night)|(?P<awd>{wd})){e}", _h_anaphoric),
        (b + rf"(?:the\s+)?(?P<fy>{_alt(lex.fiscal_rel)})\s+fiscal\s+year" + e,
         _h_fiscal_year),
        (r"(?<!\w)(?-i:Q(?P<q>[1-4]))(?:\s+(?P<y>(?:19|20)\d\d))?" + e, _h_qnum),
        (b + rf"(?:{part})?(?P<rel>{rel}|the)\s+(?:(?:full|fiscal)\s+(?=year)|(?P<part2>early|late|mid)[\s-]+"
         rf"(?={seasons}))?(?P<unit>week|weekend|month|year|quarter|decade|century|{seasons}){e}", _h_relunit),
        (b + rf"(?:the\s+)?(?:(?P<rel>this|last|next)\s+)?year(?:[\s-]|'s\s+)end{e}", _h_yearend),
        (b + rf"(?:the\s+)?(?:comparable\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period))?{e}",
         _h_year_back),
        # "the year-earlier nine months": that stretch of months, a year back (TimeBank gives the duration)
        (b + rf"(?:the\s+)?(?:comparable\s+)?year[\s-](?:earlier|ago)\s+{num}\s+(?P<unit>months|weeks){e}",
         _h_year_back_duration),
        (b + r"(?:the|that)\s+(?:(?P<which>latest|most\s+recent|current|same)\s+)?(?:fiscal\s+)?quarter" + e,
         _h_the_quarter),
        (b + r"the\s+(?:(?P<which>latest|most\s+recent)\s+)?(?:fiscal\s+)?(?:quarter|period)" + e,
         _h_the_quarter),
        # the same quarter a year back: "the year-ago period", "the corresponding period last year"
        (b + r"(?:(?:the\s+)?(?:comparable|corresponding|same|year[\s-](?:ago|earlier))\s+(?:fiscal\s+)?"
         r"(?:quarter|period)(?:\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier)))?"
         r"|(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)"
         r"|last\s+year's\s+(?:fiscal\s+)?(?:quarter|period))" + e,
         _h_period_year_back),
        (b + r"the\s+(?P<py>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?:quarter|period)" + e,
         _h_period_of_year),
        (b + rf"{qm}{num}[\s-]+(?P<unit>{units})(?P<half>[\s-]+and[\s-]+a[\s-]+half)?(?P<orso>\s+or\s+so)?"
         rf"\s+(?P<ago>{_alt(lex.ago)}){e}", _h_ago),
        # with no number: "decades ago", "(tens of thousands of) years ago"
        (b + r"(?:days|weeks|months|years|decades|centuries)\s+ago" + e, _h_vague_ago),
        (b + rf"(?:(?:the|these|those)\s+)?(?:(?:past|last|next|first|coming|previous|following|final|initial|latest|"
         rf"remaining|same|whole|entire)\s+)?{qm}{num}(?P<plus>[\s-]+plus|\+|\s+or\s+more)?"
         rf"(?:\s+(?:more|additional|straight|consecutive|trading|business|working|combined|total|cumulative"
         rf"|long|short|full|whole|hard|difficult|tough|painful|brief))?"  # "after two long years of delays"
         rf"[\s-]+(?P<unit>{units})(?P<half>\s+and\s+a\s+half)?{e}", _h_duration),
        # the second number of a hyphenated range: "8-11 weeks" (the first gets the unit in _range_starts; not
        # ages, "10-19 year olds", nor a range before "ago": "7-8 years ago")
        (rf"(?<=\d-)(?P<num>\d+)\s+(?P<unit>{units}){e}{_NOT_AGE_AFTER}", _h_range_end),
        # "the past year and a half": a stretch, not the year named
        (b + rf"(?:the|this)\s+(?:past|last|next|coming|previous|following|first)\s+(?P<unit>{units})"
         rf"\s+and\s+a\s+half{e}", _h_unit_and_half),
        # an unspecified stretch just before or after now: "in recent weeks", "in the coming months"
        (b + r"(?:(?:the\s+)?(?:most\s+)?recent\s+(?P<unit>days|weeks|months|quarters)"
         r"|(?:the\s+)?(?:up)?coming\s+(?P<unit2>hours|days|weeks|months|years|decades|centuries)"
         r"|the\s+(?P<unit3>days|weeks|months|years)\s+ahead|(?:the|an?\s+(?-i:[a-z]+(?:(?:,\s+(?:and\s+)?|\s+and\s+)"
         rf"(?!{_DETS}\b)[a-z]+){{0,3}}))\s+(?P<unit5>century|decade|year|month|week)\s+(?:ahead|to\s+come)"
         r"|(?:the|these|those)\s+(?:next|past|last|previous|following)\s+(?P<unit4>hours|days|weeks|months|decades)"
         r"|the\s+(?P<unit6>hours|days|weeks|months|years)(?=\s+(?:and|or)\s+(?:hours|days|weeks|months|years|decades)"
         r"\s+(?:ahead|to\s+come)\b))"
         + e, _h_bare_units),
        (b + r"(?P<unit>years|months|weeks|decades|days|hours|minutes|seconds|centuries)" + e, _h_bare_units_after),
        # an adjective of length: "a day-long meeting", "a decades-long battle", "a weeklong visit"
        (b + r"(?P<unit>minute|hour|day|week|month|year|decade|century|centurie)(?P<pl>s)?-?long" + e, _h_long),
        # spaced before a noun: "Syria's decade long conflict" (not "all day long", "a year long")
        (r"(?<!\ball\s)" + b + r"(?P<unit>(?-i:minute|hour|day|week|month|year|decade|century))\s+long"
         r"(?=\s+(?-i:[a-z]{3,}))(?!\s+(?:ago|before|after|enough|since|as|and|or|to|for|in|on|at|is|was)\b)",
         _h_long_spaced),
        # "at this crucial moment", "this crucial historical moment" (not a clause: "this is our moment")
        (b + r"this\s+(?:(?!(?:is|was|be|the|a|an|our|their|my|his|her|its|your|not)\s)[a-z]+\s+){0,2}moment" + e,
         _h_this_moment),
        # "comes at a critical moment for Europe", "at a moment when our competitors are": the present (not "at a
        # moment's notice", "in an awful moment", nor told in the past: "he paused at a moment when")
        (r"(?<=\bat\s)an?\s+(?:(?-i:[a-z]+)\s+){0,2}moment(?=\s+(?:when|of|for|in|where|like)\b)", _h_a_moment),
        # "It's a historic moment", "this is a critical moment for the United States" (an adjective must come)
        (r"(?:(?<=\b(?:is|be)\s)|(?<=\bit['’]s\s)|(?<=\bthat['’]s\s))an?\s+(?!(?:single|brief|short|split|few)\s)"
         r"(?-i:[a-z]+)\s+moment(?![\w'’-])", _h_is_a_moment),
        # "today is the eighth day of the blockade", "it's the second day of the offensive": today
        (r"(?:(?<=\btoday\sis\s)|(?<=\bit\sis\s)|(?<=\bit's\s)|(?<=\bit’s\s)|(?<=\bthis\sis\s))"
         rf"(?:the\s+)?(?:{ords})\s+day(?=\s+of\b)", _h_nth_day_today),
        # the word first, its context after (a literal start is found fast): "until then", not "by then President"
        (r"then" + e + r"(?!\s+(?-i:[A-Z]))(?:(?<=\buntil\sthen)|(?<=\btill\sthen)|(?<=\bby\sthen))", _h_then),
        (b + rf"(?:(?P<setw>{_alt(lex.sets)})|(?:{_alt(lex.every)})\s+(?:(?P<other>other|single|passing)\s+)?"
         rf"(?:(?P<snum>\d+|{numw})\s+)?(?:(?P<swd>{wd})|(?P<smon>{mon_full})(?:\s+(?P<sday>[12]\d|3[01]|0?[1-9])(?!\d))?|(?P<sunit>{units})|(?P<sdp>{dayparts}))"
         rf"|(?:once|twice|thrice|\w+\s+times)\s+(?:a|an|per|every|each)\s+(?P<sunit2>{units})){e}",
         _h_set_any),
        (b + rf"(?:(?P<part>early|late|mid)\s+)?(?:(?P<rel>{rel})\s+)?(?P<wd>{wd})(?P<pl>s)?"
         rf"(?:\s+(?P<dp>{dayparts})(?P<dpl>s)?)?{e}", _h_weekday),
        (b + rf"(?:(?P<part>early|late|later|earlier)\s+)?(?:(?:mid[\s-]?)?(?P<dp0>morning|afternoon|evening)\s+"
         rf"(?=today|yesterday|tomorrow))?(?P<deic>{_alt(lex.deictic)})"
         rf"(?:\s+(?P<dp>morning|afternoon|evening|night))?{e}", _h_deictic),
        # a part of the day with no day named: "in the morning", "by mid afternoon" (the day last named)
        (b + r"(?:(?:(?:(?<=\bin\s)|(?<=\bduring\s)|(?<=\bthroughout\s)|(?<=\bthrough\s)|(?<=\bby\s)|(?<=\buntil\s)"
         r"|(?<=\binto\s))the\s+(?:(?P<part>early|late)\s+)?"
         r"|mid[\s-]?|(?:(?<=\buntil\s)|(?<=\btill\s)|(?<=\binto\s)|(?<=\btowards\s)|(?<=\bby\s))"
         r"(?:(?P<part2>early|late)\s+)?)"
         r"(?P<adp>morning|afternoon|evening)|(?P<ovn>overnight))" + e, _h_daypart),
        # (not inside "3:24:55": a clock time is read whole, seconds too)
        (r"(?<![\w:-])" + rf"{qm}(?:(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d)(?::(?P<se>[0-5]\d))?)?\s*"
         rf"(?P<ampm>[ap]\.m\.|[ap]m{e}|"
         rf"(?-i:[AP]M){e}|o'clock|in\s+the\s+(?:morning|afternoon|evening){e}|at\s+night{e})"
         rf"|(?P<h2>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?::(?P<se2>[0-5]\d))?"
         rf"(?=\s*(?:{tz}|local\s+time\b|hours\b|hrs\b))|(?P<h4>[01]?\d|2[0-3]):(?P<mi4>[0-5]\d)(?![\d:])"
         # "at 1922 UTC", "(0700 GMT)": four digits are a clock time only after a clock word and before a zone
         rf"|(?:(?<=\bat\s)|(?<=\()|(?<=\bby\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\bto\s))"
         # ("(2024 Friday, UTC)": a weekday may come between)
         rf"(?P<h3>[01]\d|2[0-3])(?P<mi3>[0-5]\d)(?=\s*(?:{wd}(?:\s+{dayparts})?,?\s*)?{tz})"
         rf"|(?P<named>(?:noon|midnight|midday)(?![\w-])))(?:\s+(?P<tz>{tz}))?"
         # the day after it: "9 p.m. Friday night", "Monday", "today", "February 10, 2019"
         rf"(?:,?\s+(?:(?P<twd>{wd})(?:\s+{dayparts}(?![\w-]))?|(?P<tdeic>today|yesterday|tomorrow)"
         rf"|(?P<tmon>{mon_any})\s*(?P<tday>[12]\d|3[01]|0?[1-9])(?!\d)"
         rf"(?:,\s*(?P<tyear>(?:1[6-9]|20)\d\d)(?![\w.,]\d|\w))?))?",
         _h_time),
        (r"(?<![\w-])(?:" + "|".join(refs) + r")" + e, _h_ref),
        (b + rf"(?:(?P<eve>the\s+eve\s+of)\s+(?:the\s+)?)?(?P<hol>{_alt(lex.holidays)})(?:\s+(?P<hw>week|weekend))?"
         rf"(?:,?\s+{year})?{e}", _h_holiday),
        # "on this special day", "this historic day": the publication day ("this two-day visit" is not)
        # "traditions that make this holiday special", "spending the holiday apart": the holiday named before
        # (and the greeting "Eid Mubarak": the Eid named before; "During this time of celebration" after it)
        (b + r"(?:(?:this|the)\s+(?:(?-i:[a-z]+)\s+)?holiday(?![\w-])(?!\s+(?:season|period|weekend|week|shopping|"
         r"sales|spirit|travel|break|rush|schedule|calendar|gift|card|party|pay)s?\b)|(?-i:Eid)(?=\s+Mubarak\b)"
         rf"|this\s+time\s+of\s+{_alt(lex.festive_nouns)}(?:\s+and\s+{_alt(lex.festive_nouns)})?)" + e,
         _h_holiday_again),
        # "the third year of the COVID-19 pandemic", "its second month", "its 23rd year": the one unit counted
        # (not a calendar part: "the first week of April", "the first month of 2022"; not "its 60th anniversary")
        (b + rf"(?:the|its|his|her|their|our|your|(?-i:[A-Z][\w.-]*)['\u2019]s)\s+"
         rf"(?P<ord>{ords}|\d{{1,3}}(?:st|nd|rd|th))\s+(?P<unit>year|month|decade)(?![\w-])"
         rf"(?!\s+of\s+(?:{mon_full}|(?:19|20)\d\d|the\s+year|this|last|next)\b)", _h_nth_unit),
        # "this decisive decade", "this momentous year": the current one (one scan with the days)
        (b + r"this\s+(?:(?P<adj>(?-i:[a-z]+\s+day|[A-Z][a-z]+\s+Day))|(?P<uadj>(?-i:[a-z]+))\s+"
         r"(?P<unit>year|decade|century))(?![\w-])", _h_this_adj_day),
        # "a brighter future", "a democratic, peaceful, and prosperous future", "their country's future": the
        # future as a noun, after a determiner or a possessive and up to six modifiers; not an adjective ("a
        # future meeting", "our future US ambassador": a word other than a function word follows)
        # (two patterns: a lookbehind for the possessive made every position a start; "x" is the extent)
        (r"(?<![\w-])(?:a|an|" + poss + r")\s+" + fmod + "{0,6}?" + fnoun + fend, _h_future_np),
        # the plural after a possessive and up to two modifiers: "their own futures", "our technological and
        # economic futures" (not "our children create better futures": two words more)
        (r"(?<![\w-])(?:" + poss + r")\s+" + fmod + "{0,2}?" + r"(?-i:futures)" + fend, _h_future_np),
        (r"['\u2019]s\s+(?P<x>" + fmod + "{0,6}?" + fnoun + ")" + fend, _h_future_np),
        # "the peaceful and prosperous future they deserve" ("the future" alone is a ref row), "the futures
        # they desire" (not "the futures market": a noun follows)
        (r"(?<![\w-])the\s+(?:" + fmod + "{1,6}?" + fnoun + "|(?-i:futures))" + fend, _h_future_np),
    ]
    return tuple((re.compile(p, re.IGNORECASE), h) for p, h in specs)


# ---------------------------------------------------------------------------------------------
# Scanning the lowercased text. `re` matches a case-sensitive pattern about a third faster than an
# IGNORECASE one, so each pattern gets a "finder": the same pattern, lowercased, for the lowercased text.
# A finder may match more than its pattern (its case-sensitive parts, "(?-i:May)", become plain), never
# less, so every place it matches is checked with the pattern itself on the text, and the handlers see
# the same match objects as before.

# the characters IGNORECASE takes for an ASCII letter though lower() does not make them that letter (and
# "İ", whose lower() is two characters): a text with one of them is scanned the old way
_FOLD_ODD = "\u0130\u0131\u017f"
_ESCAPED_CHAR_RE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|N)")


def _parts(p: str) -> Iterator[tuple[str, int, int]]:
    """("group" or "class", start, end) of every group and character class of regex source `p`."""
    stack: list[int] = []
    i, cls = 0, -1
    while i < len(p):
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if cls >= 0:
            if c == "]":
                yield "class", cls, i + 1
                cls = -1
        elif c == "[":
            cls = i
            i += 1 + p.startswith("^", i + 1)
            i += p.startswith("]", i)  # ("[]a]", "[^]a]": a leading "]" is a member)
            continue
        elif c == "(":
            stack.append(i)
        elif c == ")":
            yield "group", stack.pop(), i + 1
        i += 1


def _finder_source(p: str) -> str | None:
    """`p` (an IGNORECASE pattern) for the lowercased text, or None when it cannot be written so (a letter
    outside ASCII or written as an escape). Its case-sensitive parts become plain, and what cannot become
    plain without matching less is dropped: a negative lookaround on case ("not followed by a capital"
    would turn into "not followed by a letter") and a negated class of case (it matches any character)."""
    if any(ord(c) > 127 and c.isalpha() for c in p) or any(
            m[0] == "\\N" or chr(int(m[1] or m[2] or m[3], 16)).isalpha() for m in _ESCAPED_CHAR_RE.finditer(p)):
        return None
    parts = list(_parts(p))
    cased = [(a, b) for kind, a, b in parts if kind == "group" and p.startswith("(?-i:", a)]
    edits: list[tuple[int, int, str]] = []
    for kind, a, b in sorted(parts, key=lambda x: (x[1], -x[2])):
        if edits and a < edits[-1][1]:
            continue  # inside a part already dropped
        in_cased = any(x <= a and b <= y for x, y in cased)
        if kind == "group" and p.startswith(("(?!", "(?<!"), a) and (in_cased or "(?-i:" in p[a:b]):
            edits.append((a, b, ""))
        elif kind == "class" and p.startswith("[^", a) and in_cased:
            edits.append((a, b, r"[\s\S]"))
    for a, b, repl in reversed(edits):
        p = p[:a] + repl + p[b:]
    out: list[str] = []
    q, i = p.replace("(?-i:", "(?:"), 0
    while i < len(q):
        if q[i] == "\\":
            out.append(q[i:i + 2])
            i += 2
        elif q.startswith(("(?P<", "(?P="), i):  # a group's name keeps its case
            j = q.index(">" if q[i + 3] == "<" else ")", i) + 1
            out.append(q[i:j])
            i = j
        else:
            out.append(q[i].lower())
            i += 1
    return "".join(out)


def _compiled_or_none(src: str | None) -> re.Pattern[str] | None:
    try:
        return re.compile(src) if src is not None else None
    except re.error:  # (a dropped lookaround held a group named later, or a quantifier followed it)
        return None


@cache
def _finders() -> tuple[re.Pattern[str] | None, ...]:
    return tuple(_compiled_or_none(_finder_source(rx.pattern)) for rx, _ in _patterns())


def _matches(rx: re.Pattern[str], finder: re.Pattern[str], text: str, low: str) -> Iterator[re.Match[str]]:
    """What `rx.finditer(text)` yields, found with the finder on the lowercased text."""
    pos = 0
    while (f := finder.search(low, pos)) is not None:
        m = rx.match(text, f.start())
        if m is None:  # the finder matched more than the pattern: look on from the next character
            pos = f.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.start() + 1


def _h_set_any(m: re.Match[str], ctx: _Ctx) -> _Res:
    if _g(m, "sunit2"):
        unit, mult = ctx.lex.units[_unit_key(m["sunit2"])]
        return "SET", _duration(1.0, unit, mult), None
    return _h_set(m, ctx)


# A pattern whose handler is listed here runs only on a text that contains one of its gate words
# (lowercased substrings: a C-speed test) or, for a compiled gate, where that regex matches: most
# articles have no quarter, no clock time, no "ago", and skipping those patterns halves `tag`'s time.
@dataclass(frozen=True)
class _LowGate:
    """A gate pattern searched in the lowercased text: one pass for a long list of phrases."""
    rx: re.Pattern[str]


_Gate = tuple[str, ...] | re.Pattern[str] | _LowGate
_GATES: dict[_Handler, _Gate] = {
    _h_iso: re.compile(r"\d-\d"),
    _h_usnum: re.compile(r"\d/\d"),
    _h_this_adj_day: ("this ",),
    _h_holiday_again: ("holiday", "eid mubarak", "time of"),
    _h_nth_unit: ("year", "month", "decade"),
    _h_future_np: ("future",),
    _h_nth_of_month: ("day of", "day in", "week of", "week in", "weekend of", "weekend in"),
    _h_year_range_end: re.compile(r"[-–]\d\d(?<=\d\d\d\d[-–]\d\d)"),
    _h_month_range: tuple(f"{end}{dash}" for end in ("ary", "rch", "ril", "may", "une", "uly", "ust", "ber")
                          for dash in "-–"),
    _h_spoken_year: ("nineteen", "twenty", "thousand"),
    # a decade's digits or word ending a word: "ties" alone passed half the texts ("parties", "authorities")
    _h_decade: _LowGate(re.compile(
        r"(?:0'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?![\w-])")),
    _h_century: ("century",),
    _h_mid_century: ("century",),
    _h_quarter: ("quarter", "half"),
    _h_first_of_quarters: ("quarters",),
    _h_half: ("quarter", "half"),
    _h_qnum: re.compile(r"Q[1-4]"),
    _h_yearend: ("year end", "year-end", "year\nend", "year's end"),
    _h_the_quarter: ("quarter", "period"),
    _h_vague_ago: ("ago",),
    _h_long: ("-long", "daylong", "weeklong", "monthlong", "yearlong", "hourlong", "decadelong"),
    _h_long_spaced: (" long ",),
    _h_range_end: re.compile(r"\d-\d"),
    _h_prepost_year: ("pre-", "post-"),
    _h_bc_year: ("bc", "b.c", "b. c"),
    _h_this_moment: ("moment",),
    _h_a_moment: ("moment",),
    _h_is_a_moment: ("moment",),
    _h_class_year: ("class of",),
    _h_fiscal_short: re.compile(r"FY\d"),
    _h_day_month: re.compile(r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    _h_month_rel_year: ("this year", "last year", "next year"),
    _h_year_back_duration: ("year earlier", "year-earlier", "year ago", "year-ago"),
    _h_week_of: ("week of",),
    _h_nth_day_today: (" day of",),
    _h_then: ("then",),
    _h_fiscal_year: ("fiscal",),
    _h_year_back: ("year ago", "year-ago", "year earlier", "year-earlier"),
    _h_period_year_back: ("quarter", "period"),
    _h_period_of_year: ("quarter", "period"),
    _h_unit_and_half: ("and a half", "and\na half"),
    _h_bare_units: ("recent", "coming", "ahead", "next", "past", "last", "previous", "following", "to come"),
    _h_anaphoric: ("following", "next", "previous", "preceding", "prior", "that", "same"),
    _h_daypart: ("morning", "afternoon", "evening", "overnight"),
}


@cache
def _lexicon_gates() -> dict[_Handler, _Gate]:
    """Gates made from the word table: weekday, holiday, unit, frequency, season and zone names."""
    lex = _lexicon()
    unit_words = [_plural(u) for u in lex.units] + list(lex.units)
    units = _alt(unit_words)
    return {
        # a weekday pattern needs a capitalised weekday name (or a plural: "Mondays")
        _h_weekday: re.compile(_alt(lex.weekdays, case_sensitive=True)),
        # whole names, from a word start (a third faster): most texts hold none, and skip the pattern
        _h_holiday: _LowGate(re.compile(r"\b" + _alt(lex.holidays))),
        # a unit right before "ago", "later", ...: the words alone passed two texts in five ("back", "later")
        _h_ago: _LowGate(re.compile(
            units + r"(?:[\s-]+and[\s-]+a[\s-]+half)?"
            r"(?:\s+or\s+so)?\s+" + _alt(lex.ago) + r"(?![\w-])")),
        # what every clock time holds: a digit before a meridiem or "o'clock", h:mm, four digits before a
        # zone (a weekday may come between), a named time ("am" and ":" alone passed nine texts in ten);
        # written to start with one character class, which `re` scans for fast
        _h_time: _LowGate(re.compile(
            r"[\dnm](?:(?<=\d)(?::\d\d|\s*(?:[ap]\.m\.|[ap]m(?![\w-])|o'clock"
            r"|in\s+the\s+(?:morning|afternoon|evening)|at\s+night)|\d\d\d[a-z\s,]{0,30}?"
            + _alt(w.lower() for w in lex.tz) + r")|(?<=n)oon|(?<=m)id(?:night|day))")),
        # a frequency word, or "every"/"per" a few words before a unit, weekday, month or part of the day:
        # the words alone passed six texts in seven ("each", "per", "times")
        _h_set_any: _LowGate(re.compile(
            r"(?<![\w-])(?:" + _alt(lex.sets) + r"|(?:" + _alt(lex.every) + r")\s+(?:\S+\s+){0,6}?"
            + _alt(unit_words + [w.lower() for w in lex.weekdays]
                   + [w.lower() for w in lex.month_full] + list(lex.dayparts))
            + r"|(?:once|twice|thrice|times)\s+(?:a|an|per|every|each)\s+"
            + units + r")(?![\w-])")),
        _h_season_year: tuple(sorted(lex.seasons)),
        _h_seasons_set: tuple(sorted(w + "s" for w in lex.seasons)),
    }


def _gated_out(handler: _Handler, text: str, low: str) -> bool:
    gate = _lexicon_gates().get(handler) or _GATES.get(handler)
    if gate is None:
        return False
    if isinstance(gate, tuple):
        return not any(w in low for w in gate)
    if isinstance(gate, _LowGate):
        return gate.rx.search(low) is None
    return gate.search(text) is None


# ---------------------------------------------------------------------------------------------
# Public API.


def _idiom_spans(low: str, lex: _Lexicon) -> list[tuple[int, int]]:
    """Where the lowercased text holds a phrase that names no time though it has a time word ("high noon")."""
    return [(m.start(), m.end()) for phrase in lex.idioms if phrase in low
            for m in re.finditer(r"(?<!\w)" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?!\w)", low)]


def tag(text: str, dct: date) -> list[Timex]:
    """Every temporal expression in `text`, in order, non-overlapping, with TIMEX3 values on `dct`."""
    ctx = _Ctx(text, dct, _lexicon())
    low = text.lower()
    cands: list[tuple[int, int, str, str, str | None]] = []
    idioms = _idiom_spans(low, ctx.lex)
    gated: dict[_Handler, bool] = {}  # a handler's gate is tested once, however many patterns it has
    lowered = not any(c in text for c in _FOLD_ODD)
    for (rx, handler), finder in zip(_patterns(), _finders(), strict=True):
        if (skip := gated.get(handler)) is None:
            skip = gated[handler] = _gated_out(handler, text, low)
        if skip:
            continue
        for m in _matches(rx, finder, text, low) if finder is not None and lowered else rx.finditer(text):
            if m.end() <= m.start() or idioms and any(a < m.end() and m.start() < b for a, b in idioms):
                continue
            res = handler(m, ctx)
            if res is not None:  # (a group "x" marks an extent inside the match: "their country's [future]")
                cands.append((m.start("x") if "x" in rx.groupindex else m.start(), m.end(), *res))
    # longest first, then leftmost: "Jan. 5, 2021" beats "Jan. 5" and "2021"
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, str, str, str | None]] = []
    for c in cands:
        if all(c[1] <= t[0] or c[0] >= t[1] for t in taken):
            taken.append(c)
    taken.sort()
    out = _coordinated_days([Timex(s, e, text[s:e], typ, val, mod) for s, e, typ, val, mod in taken], text)
    out = [t for i, t in enumerate(out) if not _ref_before_date(t, out[i + 1] if i + 1 < len(out) else None, text)]
    out = _quoted_deictics(out, text, dct, ctx.lex)
    out = _days_named_again(_years_in_sentence(out, text, ctx.lex), text)
    out = _day_after(out, text, dct, ctx.lex)
    out = _coordinated_weekdays(out, text, dct, ctx.lex)
    out = _range_starts(out, text, ctx.lex)
    out = _paired_units(_compound_durations(out, text), text, ctx.lex)
    out = _this_day_named(_resolve_anchored(_resolve_periods(out, text, dct), dct, text), dct)
    out = _this_day_years_ago(out, text)
    out = _past_labels(out, text, dct, ctx.lex)
    out = _holidays_again(_habitual_holidays(out, text, ctx.lex), ctx.lex)
    return _anchor_durations(_overnight_windows(out, text), text, ctx.lex)


_ONE_UNIT_RE = re.compile(r"^P(?:(?P<d>\d+(?:\.\d+)?)(?P<du>[YMWD])|T(?P<t>\d+(?:\.\d+)?)(?P<tu>[HMS]))$")
_UNIT_ORDER = ("Y", "MO", "W", "D", "H", "MI", "S")
_DURATION_JOIN_RE = re.compile(r",?\s+(?:and\s+)?")


@cache
def _range_start_re() -> re.Pattern[str]:
    """A number and a range word right before a duration: "from three to", "8-", "one or"."""
    numbers = _alt(w for w in _lexicon().numbers if w not in ("a", "an"))
    return re.compile(rf"(?<![\w.,-])(?P<n>\d+|{numbers})\s*(?:-|–|\bto|\bor)\s*$", re.IGNORECASE)


def _range_starts(tx: list[Timex], text: str, lex: _Lexicon) -> list[Timex]:
    """"From three to ten years", "8-11 weeks", "one or two days": the first number of a range shares the
    unit of the second and is a duration of its own, as TimeBank tags "two" in "between two to six days"
    (not an age: "children aged 8-11 years" has no duration at all)."""
    out: list[Timex] = []
    for t in tx:
        words = t.text.split()
        m = None
        if t.type == "DURATION" and _ONE_UNIT_RE.match(t.value) and len(words) == 2 and (
                words[0][:1].isdigit() or words[0].lower() in lex.numbers):
            m = _range_start_re().search(text, max(0, t.start - 16), t.start)
        n = _num(m["n"], lex) if m else None
        if m and n is not None and not (out and out[-1].end > m.start()) and \
                not re.fullmatch(r"(?:1[6-9]|20)\d\d", m["n"]):
            unit, mult = lex.units[_unit_key(words[1])]
            out.append(Timex(m.start("n"), m.end("n"), m["n"], "DURATION", _duration(n, unit, mult), None))
        out.append(t)
    return out


def _compound_durations(tx: list[Timex], text: str) -> list[Timex]:
    """"1 hour 59 minutes 40.2 seconds", "3 hours and 20 minutes", "two years and six months": one duration
    (PT1H59M40.2S), as TimeML tags it, not three."""
    out: list[Timex] = []
    for t in tx:
        prev = out[-1] if out else None
        m = _ONE_UNIT_RE.match(t.value) if t.type == "DURATION" and not t.mod else None
        # (the cheap tests first: most timexes are no duration right after another)
        units = _duration_units(prev.value) if m and prev is not None and prev.type == "DURATION" and \
            _DURATION_JOIN_RE.fullmatch(text, prev.end, t.start) else None
        if prev is None or m is None or units is None:
            out.append(t)
            continue
        unit = "MO" if m["du"] == "M" else "MI" if m["tu"] == "M" else m["du"] or m["tu"]
        if _UNIT_ORDER.index(unit) <= max(_UNIT_ORDER.index(u) for u in units):
            out.append(t)  # "24 hours and 7 days": not one duration
            continue
        units[unit] = m["d"] or m["t"]
        out[-1] = replace(prev, end=t.end, text=text[prev.start:t.end], value=_units_value(units))
    return out


def _duration_units(v: str) -> dict[str, str] | None:
    """The amounts of a duration value by unit ("P2Y6M" -> {"Y": "2", "MO": "6"}), None if any is vague."""
    m = re.fullmatch(r"P((?:\d+(?:\.\d+)?[YMWD])*)(?:T((?:\d+(?:\.\d+)?[HMS])+))?", v)
    if m is None or not (m[1] or m[2]):
        return None
    units = {("MO" if u == "M" else u): n for n, u in re.findall(r"(\d+(?:\.\d+)?)([YMWD])", m[1])}
    units.update({("MI" if u == "M" else u): n for n, u in re.findall(r"(\d+(?:\.\d+)?)([HMS])", m[2] or "")})
    return units


def _units_value(units: dict[str, str]) -> str:
    date_part = "".join(f"{units[u]}{'M' if u == 'MO' else u}" for u in ("Y", "MO", "W", "D") if u in units)
    time_part = "".join(f"{units[u]}{'M' if u == 'MI' else u}" for u in ("H", "MI", "S") if u in units)
    return "P" + date_part + (f"T{time_part}" if time_part else "")


_HOLIDAY_AGAIN = "@H"  # placeholder value: the holiday last named
_HOLIDAY_VALUE_RE = re.compile(r"(?:\d{4}|XXXX)-\d\d(?:-\d\d)?$")


def _holidays_again(tx: list[Timex], lex: _Lexicon) -> list[Timex]:
    """"We wish a happy Nowruz ... the traditions that make this holiday special": the day of the holiday
    last named, within 1,500 characters; with none named, no timex ("the holiday" in general)."""
    out: list[Timex] = []
    last: Timex | None = None
    for t in tx:
        if t.value == _HOLIDAY_AGAIN:
            if last is not None and t.start - last.end <= 1500:
                out.append(replace(t, value=last.value))
            continue
        if t.text.lower() in lex.holidays and t.text.lower() not in lex.period_holidays and \
                _HOLIDAY_VALUE_RE.match(t.value):
            last = t
        out.append(t)
    return out


_THIS_ADJ_DAY_RE = re.compile(r"this\s+(?:[a-z]+|[A-Z][a-z]+)\s+[Dd]ay")
_THIS_DAY_RE = re.compile(r"this\s+(?:very\s+)?day", re.IGNORECASE)
_YEARS_AGO_RE = re.compile(r"\S+\s+years?\s+ago", re.IGNORECASE)


def _this_day_years_ago(tx: list[Timex], text: str) -> list[Timex]:
    """"the hope that prevailed on this day ten years ago", "On this day, 72 years ago": the same day that
    many years back. The day is the one a message marks when it is named before, within three days ("On
    Armed Forces Day [March 27], ... on this day alone one year ago", sent on March 26); a full date of the
    year back named in the text within three days of it is the one meant ("On July 9, 2011, ... on this day
    ten years ago", sent on July 8)."""
    if not any(_THIS_DAY_RE.fullmatch(t.text) for t in tx):
        return tx
    out = list(tx)
    named_days = [(t.end, date.fromisoformat(v[1])) for t in tx
                  if t.type == "DATE" and (v := _DAY_VALUE_RE.match(t.value))]
    for i, t in enumerate(out[:-1]):
        ago = out[i + 1]
        day = _DAY_VALUE_RE.match(t.value)
        if not (_THIS_DAY_RE.fullmatch(t.text) and day and _YEARS_AGO_RE.fullmatch(ago.text)
                and re.fullmatch(r"\d{4}", ago.value)
                and re.fullmatch(r",?\s+(?:alone\s+)?", text[t.end:ago.start])):
            continue
        d = date.fromisoformat(day[1])
        # the day a message marks, named before it ("On Armed Forces Day, ... on this day alone one year ago")
        d = next((n for end, n in reversed(named_days)
                  if end <= t.start and n.year == d.year and 0 < abs((n - d).days) <= 3), d)
        try:
            back = d.replace(year=int(ago.value))
        except ValueError:  # February 29
            back = d.replace(year=int(ago.value), day=28)
        named = [n for _, n in named_days if n.year == back.year and abs((n - back).days) <= 3]
        out[i] = replace(t, value=(named[0] if named else back).isoformat())
    return out


def _this_day_named(tx: list[Timex], dct: date) -> list[Timex]:
    """"Your Independence Day, June 1 ... on this special day", sent on May 31: the day named before it, when
    that is within a week of publication (a greeting sent before the day), not the publication day."""
    out = list(tx)
    last: date | None = None
    for i, t in enumerate(out):
        if _THIS_ADJ_DAY_RE.fullmatch(t.text) and t.value == dct.isoformat():
            if last is not None and last != dct and abs((last - dct).days) <= 7:
                out[i] = replace(t, value=last.isoformat())
        elif t.type == "DATE" and (dm := _DAY_VALUE_RE.match(t.value)) and dm[1] != dct.isoformat():
            last = date.fromisoformat(dm[1])  # (a "Today" between does not hide it)
    return out


# a holiday told of as a custom, not this year's: "Each year, people celebrate Pride Month", "For over 50
# years, people have come together to celebrate Pride Month", "International Women's Day is observed on March 8"
_HABITUAL_RE = re.compile(r"\b(?:(?:each|every)\s+year|annually|year\s+after\s+year|for\s+(?:over\s+|more\s+than\s+"
                          r"|nearly\s+|almost\s+)?\d+\s+years|(?:is|are)\s+(?:observed|celebrated|marked|"
                          r"commemorated)\s+(?:on|each|every|annually))\b", re.IGNORECASE)
_OBSERVED_ON_RE = re.compile(r"\b(?:is|are)\s+(?:observed|celebrated|marked|commemorated)\s+(?:on|each|every)\s+$",
                             re.IGNORECASE)


def _habitual_holidays(tx: list[Timex], text: str, lex: _Lexicon) -> list[Timex]:
    """A holiday named in a sentence that tells of it as a custom is any year's (XXXX-06), and so is the day
    it "is observed on" (XXXX-03-08)."""
    out = list(tx)
    for i, t in enumerate(out):
        if not re.match(r"\d{4}-\d\d", t.value) or re.search(r"\d{4}", t.text):
            continue
        holiday = t.text.lower() in lex.holidays
        if not holiday and not _OBSERVED_ON_RE.search(text, max(0, t.start - 40), t.start):
            continue
        start = max(text.rfind(".", 0, t.start), text.rfind("\n", 0, t.start), 0)
        ends = [e for e in (text.find(".", t.end), text.find("\n", t.end)) if e >= 0]
        if not holiday or _HABITUAL_RE.search(text, start, min(ends) if ends else len(text)):
            out[i] = replace(t, value="XXXX" + t.value[4:])
    return out


_DAY_ONLY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# up to four words between the day and the noun: "the October 23 Libyan nationwide ceasefire agreement"
_WORDS_THEN_RE = re.compile(r",?((?:\s+[A-Za-z][\w.-]*){1,5})")
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|its|their|our|his|her|this|that)\s+$", re.IGNORECASE)
_FUNCTION_WORDS = frozenset({"to", "of", "in", "on", "at", "for", "by", "with", "from", "and", "or", "but", "is", "are",
                             "was", "were", "be", "will", "would", "that", "which"})


def _past_labels(tx: list[Timex], text: str, dct: date, lex: _Lexicon) -> list[Timex]:
    """"The implementation of the October 23 ceasefire agreement will ...", "the January 3rd statement",
    "in the wake of the February 1 coup, people continue to flee": a day with no year that labels an
    agreement made or an event that happened is in the past, whatever the tense around it."""
    out = list(tx)
    for i, t in enumerate(out):
        if t.type != "DATE" or not _DAY_ONLY_RE.fullmatch(t.value) or t.value <= dct.isoformat() or \
                re.search(r"\d{4}", t.text):
            continue
        if not _DETERMINER_BEFORE_RE.search(text, max(0, t.start - 8), t.start):
            continue  # "will meet on October 23 to sign an agreement": the day is no label of a noun
        m = _WORDS_THEN_RE.match(text, t.end)
        words = [w.lower().rstrip(".,") for w in (m.group(1).split() if m else [])]
        head = next((w for w in words if w in lex.past_nouns or w in _FUNCTION_WORDS), None)
        if head is None or head in _FUNCTION_WORDS:
            continue  # no such noun before a function word ends the noun phrase
        y, mo, d = (int(x) for x in t.value.split("-"))
        if not (mo == 2 and d == 29):
            out[i] = replace(t, value=f"{y - 1}-{mo:02d}-{d:02d}")
    return out


def _day_after(tx: list[Timex], text: str, dct: date, lex: _Lexicon) -> list[Timex]:
    """"He was reported missing Thursday evening ... found dead, police reported Friday morning" in a story
    dated Thursday: a weekday told in the past after the story has named the publication day's weekday is
    the day after it (a story dated the day before it was written), not six days before."""
    out = list(tx)
    named_dct = False
    wd_before = dct - timedelta(days=6)
    for i, t in enumerate(out):
        wd = _weekday_of(t.text, lex)
        if wd is None or not _DAY_VALUE_RE.match(t.value):
            continue
        if t.value.startswith(dct.isoformat()) and wd == dct.isoweekday():
            named_dct = True
        elif named_dct and t.value.startswith(wd_before.isoformat()):
            out[i] = replace(t, value=(dct + timedelta(days=1)).isoformat() + t.value[10:])
    return out


def _coordinated_weekdays(tx: list[Timex], text: str, dct: date, lex: _Lexicon) -> list[Timex]:
    """"late on Monday or early Tuesday" in a forecast: a weekday joined to one ahead of the dct follows it,
    though its own tense cue is out of reach; the end of a range ("Wednesday through Friday") always does."""
    out = list(tx)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        wa, wb = _weekday_of(a.text, lex), _weekday_of(b.text, lex)
        da, db = _DAY_VALUE_RE.match(a.value), _DAY_VALUE_RE.match(b.value)
        if not (wa and wb and da and db) or not _WEEKDAY_JOIN_RE.fullmatch(text, a.end, b.start):
            continue
        first, second = date.fromisoformat(da[1]), date.fromisoformat(db[1])
        ranged = re.search(r"through|to|until|[-–]", text[a.end:b.start]) is not None
        if second < first and (first > dct or ranged):  # "Wednesday through Friday": the end follows the start
            day = first + timedelta(days=(wb - wa) % 7)
            out[i] = replace(b, value=day.isoformat() + b.value[10:])
    return out


_WEEKDAY_JOIN_RE = re.compile(r",?\s+(?:or|and|to|through|until)\s+(?:on\s+)?(?:early\s+|late\s+)?|\s*[-–]\s*")


def _weekday_of(text: str, lex: _Lexicon) -> int | None:
    """The weekday a timex names ("early Tuesday", "Monday night"), or None."""
    for w in text.split()[:2]:
        if w in lex.weekdays:
            return lex.weekdays[w]
    return None


@cache
def _bare_month_re() -> re.Pattern[str]:
    """A month, or a day of it, with nothing that gives its year: "October", "late February", "Oct. 5"."""
    mon = _alt(_lexicon().months, case_sensitive=True)
    return re.compile(rf"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
                      rf"(?:{mon}\.?(?:\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)?|(?:[12]\d|3[01]|0?[1-9])\s+{mon})",
                      re.IGNORECASE)


def _years_in_sentence(tx: list[Timex], text: str, lex: _Lexicon) -> list[Timex]:
    """"In 2015, the party won in October": a month with no year takes the year a sentence opens with, not
    the one the publication date suggests (a year further in frames only its own phrase: "under a program
    approved in 1987, it had bought shares through Sept. 29")."""
    out = list(tx)
    year: Timex | None = None
    for i, t in enumerate(out):
        if re.fullmatch(r"\d{4}", t.value) and re.fullmatch(r"\d{4}", t.text) and \
                re.search(r"(?:^|[.!?\n][\"”’]?\s*)In\s+$", text[max(0, t.start - 6):t.start]) and \
                text.startswith(",", t.end):
            year = t
        elif year is not None and t.type == "DATE" and _bare_month_re().fullmatch(t.text) and \
                _same_sentence(text, year, t) and not t.value.startswith(year.value):
            out[i] = replace(t, value=year.value + t.value[4:])
    # "Last year August 8 was ...", "Forty years ago, on June 5th": a year word right before a month names its
    # year, as after it
    for i in range(1, len(out)):
        y, t = out[i - 1], out[i]
        if re.fullmatch(r"\d{4}", y.value) and (_YEAR_WORD_RE.fullmatch(y.text) or _YEARS_AGO_RE.fullmatch(y.text)) \
                and t.type == "DATE" and _bare_month_re().fullmatch(t.text) \
                and re.fullmatch(r"\s*,?\s*(?:(?:on|in)\s+)?", text[y.end:t.start]):
            out[i] = replace(t, value=y.value + t.value[4:])
    # "from August through November 2020": the start of a range takes the year its end names (the year
    # before when its month comes later)
    for i in range(len(out) - 2, -1, -1):
        t, e = out[i], out[i + 1]
        em, tm = _MONTH_YEAR_VALUE_RE.match(e.value), _MONTH_YEAR_VALUE_RE.match(t.value)
        if em and tm and t.type == e.type == "DATE" and _bare_month_re().fullmatch(t.text) and \
                re.search(r"\d{4}$", e.text) and _RANGE_JOIN_RE.fullmatch(text, t.end, e.start):
            start_year = int(em[1]) - (int(tm[2]) > int(em[2]))
            out[i] = replace(t, value=f"{start_year:04d}" + t.value[4:])
    return out


_PAIRED_AFTER_RE = re.compile(r"\s+(?:and|or)\s+(?P<unit>hours|days|weeks|months|years|decades)"
                              r"(?:\s+(?:ahead|to\s+come))?(?![\w-])")
_PAIRED_REL_RE = re.compile(r"(?:coming|next|past|last|upcoming)\s", re.IGNORECASE)


def _paired_units(tx: list[Timex], text: str, lex: _Lexicon) -> list[Timex]:
    """The second of two plural units sharing their modifier: "weeks" of "the coming days and weeks", "weeks
    ahead" of "the days and weeks ahead" (the first is read on its own; not "for days and weeks")."""
    out = list(tx)
    for i, t in enumerate(tx):
        if t.type != "DURATION" or not re.fullmatch(r"PT?X[A-Z]+", t.value):
            continue
        m = _PAIRED_AFTER_RE.match(text, t.end)
        nxt = tx[i + 1].start if i + 1 < len(tx) else len(text)
        if m is None or m.end() > nxt or not (_PAIRED_REL_RE.search(t.text) or m.end() != m.end("unit")):
            continue
        unit, mult = lex.units[_unit_key(m["unit"])]
        out.append(Timex(m.start("unit"), m.end(), text[m.start("unit"):m.end()], "DURATION",
                         _duration(None, unit, mult), None))
    return sorted(out, key=lambda t: t.start)


def _days_named_again(tx: list[Timex], text: str) -> list[Timex]:
    """"the crackdown of June 4, 1989 ... we will not forget June 4", "the protests of July 11, 2021 ...
    sanctions enacted since July 11": a day of the month with no year, named earlier in the text with one,
    is that day again, not the one the publication date suggests ("this June 4" is not)."""
    out = list(tx)
    named: dict[str, str] = {}  # "06-04" -> the year it was named with
    for i, t in enumerate(out):
        m = _DAY_VALUE_RE.match(t.value)
        if m is None or t.type != "DATE" or t.value != m[1]:
            continue
        if re.search(r"\b\d{4}\b", t.text):
            named[t.value[5:]] = t.value[:4]
        elif (y := named.get(t.value[5:])) and y != t.value[:4] and _bare_month_re().fullmatch(t.text) and \
                not re.search(r"\b(?:this|next|last|coming|every|each|until|by)\s+$", text[max(0, t.start - 9):t.start],
                              re.IGNORECASE):
            out[i] = replace(t, value=y + t.value[4:])
    return out


_MONTH_YEAR_VALUE_RE = re.compile(r"^(\d{4})-(\d{2})")
_RANGE_JOIN_RE = re.compile(r"\s*(?:through|to|until|till|and|-|–)\s*")


_YEAR_WORD_RE = re.compile(r"(?:last|this|next)\s+year", re.IGNORECASE)


_WINDOW_JOIN_RE = re.compile(r"\s*(?:and|to|until|till|-|–)\s*$")
_TIME_ON_DAY_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})")


def _overnight_windows(tx: list[Timex], text: str) -> list[Timex]:
    """"a curfew between 10 p.m. and 4 a.m.": the end of a window that wraps past midnight is the next day."""
    out = list(tx)
    for i in range(1, len(out)):
        a, b = out[i - 1], out[i]
        ma, mb = _TIME_ON_DAY_RE.match(a.value), _TIME_ON_DAY_RE.match(b.value)
        if not (ma and mb) or ma[1] != mb[1] or (int(mb[2]), int(mb[3])) >= (int(ma[2]), int(ma[3])):
            continue
        if _WINDOW_JOIN_RE.search(text, a.end, b.start) and re.search(r"\b(?:between|from)\s+$",
                                                                       text[max(0, a.start - 10):a.start]):
            nxt = (date.fromisoformat(mb[1]) + timedelta(days=1)).isoformat()
            out[i] = replace(b, value=nxt + b.value[10:])
    return out


def _lead_day(tx: list[Timex], text: str, dct: date) -> date | None:
    """The day a story's lead sentence tells of, when it is a day of the week before publication ("The
    mayor was stabbed on Sunday" in a story published on Tuesday)."""
    stop = _SENT_END_RE.search(text, 0, min(len(text), 600))
    lead_end = stop.start() if stop else min(len(text), 300)
    for t in tx:
        if t.start >= lead_end:
            break
        if (dm := _DAY_VALUE_RE.match(t.value)) and t.type in ("DATE", "TIME"):
            d = date.fromisoformat(dm[1])
            return d if 1 <= (dct - d).days <= 7 else None
    return None


def _quoted_deictics(tx: list[Timex], text: str, dct: date, lex: _Lexicon) -> list[Timex]:
    """"Today I signed the bill," the governor tweeted, in a story whose lead dates the signing two days
    before publication: a "today", "this morning" or "last night" inside a quotation is counted from the day
    the lead tells of, not from the publication date (the story reports what was said then)."""
    lead = None
    out = list(tx)
    for i, t in enumerate(out):
        k = lex.deictic.get(t.text.lower())
        if k is None or not t.value.startswith((dct + timedelta(days=k[0])).isoformat()):
            continue
        para = text[text.rfind("\n", 0, t.start) + 1:t.start]
        if not (para.count('"') % 2 or para.count("“") > para.count("”")):
            continue  # not inside a quotation
        if lead is None:
            lead = _lead_day(out, text, dct) or dct
        if lead != dct:
            out[i] = replace(t, value=(lead + timedelta(days=k[0])).isoformat() + t.value[10:])
    return out


def _ref_before_date(t: Timex, nxt: Timex | None, text: str) -> bool:
    """"most recently last October", "recently on May 3": the adverb orders the date after it, which is the time."""
    return (t.value == "PAST_REF" and t.text.lower() == "recently" and nxt is not None
            and nxt.value[:1].isdigit() and re.fullmatch(r",?\s+(?:in\s+|on\s+)?", text[t.end:nxt.start]) is not None)


# the day must end a phrase ("April 24 and 25 in Washington"), not count something ("March 3 and 7 others")
_NEXT_DAY_RE = re.compile(r"\s*(?:and|or|to|through|-|–)\s*(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                          r"(?=\s*(?:[.;:)\"”]|,|$|\s+(?:in|at|on|of|when|where|while|during|as|to|for|with|by|and|but|from|after|before"
                          r"|amid|alongside|under|which|respectively)\b|\s+[-–—]\s))")


# a day of a comma list after a month-day, another comma or "and" after it: "March 25, 26, and 27"
_LIST_DAY_RE = re.compile(r",\s*(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?=\s*,|\s+(?:and|or)\s)")
# a day joined by a bare dash, whatever follows: "the June 29-30 NATO Summit", "his May 9-10 visit"
_NEXT_DAY_DASH_RE = re.compile(r"[-–](?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
                               r"(?![\w.,:-]?\d|\w|\s*(?:%|per\s*cent))")


_DAY_BEFORE_DASH_RE = re.compile(r"(?<![\w-])(?P<d>[12]\d|3[01]|0?[1-9])[-–]$")


def _coordinated_days(tx: list[Timex], text: str) -> list[Timex]:
    """"April 24 and 25", "May 5-7": the bare day after a month-day is a date of that month (TimeML tags it);
    "7-8 July": so is the bare day before a day-month."""
    out: list[Timex] = []
    for i, t in enumerate(tx):
        first = _DAY_BEFORE_DASH_RE.search(text, max(0, t.start - 3), t.start) \
            if _DAY_RE.match(t.value) and t.text[:1].isdigit() else None
        if first and int(first["d"]) < int(t.value[8:10]) and not (out and out[-1].end > first.start()):
            out.append(Timex(first.start("d"), first.end("d"), first["d"], "DATE",
                             f"{t.value[:8]}{int(first['d']):02d}", None))
        out.append(t)
        ends_in_day = _DAY_RE.match(t.value) and re.search(r"(?<!\d)\d{1,2}(?:st|nd|rd|th)?$", t.text)
        if not ends_in_day:
            continue
        nxt = tx[i + 1].start if i + 1 < len(tx) else len(text)
        end, last = t.end, int(t.value[8:10])
        while (li := _LIST_DAY_RE.match(text, end)) and li.end() <= nxt and int(li["d"]) > last:
            # "on March 25, 26, and 27": the days of a comma list
            out.append(Timex(li.start("d"), li.end("d"), li["d"], "DATE", f"{t.value[:8]}{int(li['d']):02d}", None))
            end, last = li.end(), int(li["d"])
        if end > t.end and text.startswith(",", end):
            end += 1  # (the list's last comma: ", and 27")
        m = _NEXT_DAY_RE.match(text, end) or _NEXT_DAY_DASH_RE.match(text, end)
        if m is None or m.end() > nxt:
            continue
        day = int(m["d"])
        if day <= last:
            continue  # "March 3 and 2 others": not a later day
        out.append(Timex(m.start("d"), m.end("d"), m["d"], "DATE", f"{t.value[:8]}{day:02d}", None))
    return out


_QUARTER_VALUE_RE = re.compile(r"^(\d{4})-Q(\d)$")
_YEAR_BACK_RE = re.compile(r"\byear[\s-]*(?:ago|earlier)\b", re.IGNORECASE)
_ANAPHORIC_PERIOD = "the period"  # value placeholder the pattern gives "the quarter"
_LONGER_PERIOD_RE = re.compile(
    r"\b(?:nine|six|eight|ten|eleven|twelve|\d+)\s+months\b|\b(?:first|second)\s+half\b|\bfull\s+year\b"
    r"|\bfiscal\s+(?:year|(?:19|20)\d\d)\b|\byear\s+ended\b", re.IGNORECASE)
_REPORTED = "@RQ"  # placeholder prefix: the reported quarter ("" / "-1" a year back / "=1988" in 1988)


def _completed(v: str, dct: date) -> bool:
    """A quarter value that has ended by the publication date (the kind results are reported for)."""
    qm = _QUARTER_VALUE_RE.match(v)
    return qm is not None and int(qm[1]) * 4 + int(qm[2]) < dct.year * 4 + _quarter(dct.month)


def _same_sentence(text: str, a: Timex, b: Timex) -> bool:
    lo, hi = sorted((a.end, b.start)) if a.start < b.start else sorted((b.end, a.start))
    # search a little past hi: the sentence-end pattern looks ahead at the capital that starts the next one
    end = _SENT_END_RE.search(text, lo, min(len(text), hi + 2))
    return (end is None or end.start() >= hi) and "\n" not in text[lo:hi]


def _recent_quarter(v: str, dct: date) -> bool:
    """A quarter a story published on dct can report on: one of the last four completed, or the current one."""
    qm = _QUARTER_VALUE_RE.match(v)
    if not qm:
        return False
    back = dct.year * 4 + _quarter(dct.month) - (int(qm[1]) * 4 + int(qm[2]))  # 1 = the last completed
    return 0 <= back <= 4


def _reporting_quarter(out: list[Timex], i: int, text: str, dct: date) -> str | None:
    """The quarter a business story reports on, as seen from timex i: a quarter named in the same
    sentence, else the first completed quarter the story names (its lead says what it reports on).
    `out` holds only quarters as named in the text (resolved anaphora masked out)."""
    t = out[i]
    for j in sorted(range(len(out)), key=lambda j: abs(j - i)):
        if j != i and _QUARTER_VALUE_RE.match(out[j].value) and _same_sentence(text, t, out[j]) \
                and _recent_quarter(out[j].value, dct):
            return out[j].value  # not "a charge in the 1988 second quarter": a quarter long past is no report
    lo = max((m.end() for m in _SENT_END_RE.finditer(text, max(0, t.start - 300), t.start)), default=0)
    hi = _SENT_END_RE.search(text, t.end)
    if _LONGER_PERIOD_RE.search(text, lo, hi.start() if hi else len(text)):
        return None  # "for the nine months, net rose from a year earlier": a longer stretch, not the quarter
    para = text.rfind("\n\n", 0, t.start)
    for o in reversed(out[:i]):  # the quarter this paragraph reports on (a story may cover two companies)
        if o.start > para and _completed(o.value, dct):
            return o.value
    for o in out:  # the story's lead names the quarter it reports on
        if _completed(o.value, dct):
            return o.value
    return None


def _years_back(v: str, dct: date) -> int | None:
    """How many years back a year value ("1988" on a 1989 dct) or an anchored year step ("a year earlier")
    points, else None."""
    if re.fullmatch(r"\d{4}", v):
        return dct.year - int(v)
    if v.startswith(f"{_ANCHORED}|Y|"):
        return -int(v.split("|")[2])
    return None


def _resolve_periods(tx: list[Timex], text: str, dct: date) -> list[Timex]:
    """Business-news anaphora: "the quarter" is the quarter last named; "the latest period" is the quarter
    the story reports on; "a year earlier", "the year-ago period" in a story about a quarter are that
    quarter a year before ("profit rose in the third quarter from a year earlier"); "the 1988 period" is
    that quarter in 1988. Without a quarter in the story they stay years.
    """
    out = list(tx)
    last_q: str | None = None
    q = dct.year * 4 + _quarter(dct.month) - 2
    last_done = f"{q // 4}-Q{q % 4 + 1}"  # the last completed quarter
    for i, t in enumerate(out):
        if t.value == _ANAPHORIC_PERIOD:
            out[i] = t = replace(t, value=last_q or last_done)
        if _QUARTER_VALUE_RE.match(t.value):
            last_q = t.value
    named = [replace(t, value="") if t.value.startswith(_REPORTED) or _YEAR_BACK_RE.search(t.text) else t
             for t in out]
    for i, t in enumerate(out):
        v = t.value
        if v.startswith(_REPORTED):
            spec = v[len(_REPORTED):]
            rq = _reporting_quarter(named, i, text, dct)
            if spec.startswith("="):
                val = f"{spec[1:]}-Q{rq[-1]}" if rq else spec[1:]
            elif spec:
                val = f"{int(rq[:4]) + int(spec)}-Q{rq[-1]}" if rq else str(dct.year + int(spec))
            else:
                val = rq or last_done
            out[i] = replace(t, value=val)
        elif (back := _years_back(v, dct)) is not None and _YEAR_BACK_RE.search(t.text):
            rq = _reporting_quarter(named, i, text, dct)
            if rq:
                out[i] = replace(t, value=f"{int(rq[:4]) - back}-Q{rq[-1]}")
    return _appositive_year_back(out, text, {i for i, t in enumerate(tx) if t.value == _ANAPHORIC_PERIOD})


_YEAR_GIVEN_RE = re.compile(r"\d{4}|\b(?:this|last|next)\s+year", re.IGNORECASE)


def _appositive_year_back(out: list[Timex], text: str, anaphoric: set[int]) -> list[Timex]:
    """"In the year-ago quarter, the second quarter ended Oct. 31, ...": a quarter set off by a comma after a
    year-back period is that period, so it takes its year, and so do the day it ended on and the later
    "that quarter" that refers back to it."""
    for i in range(1, len(out)):
        prev, t = out[i - 1], out[i]
        between = text[prev.end:t.start]
        if not (_YEAR_BACK_RE.search(prev.text) and _QUARTER_VALUE_RE.match(t.value)
                and re.fullmatch(r"\d{4}(?:-Q\d)?", prev.value)
                and re.fullmatch(r",\s*(?:(?:its|their|the)\s+)?", between) and not _YEAR_GIVEN_RE.search(t.text)):
            continue
        old, year = t.value, prev.value[:4]
        out[i] = replace(t, value=year + old[4:])
        nxt = out[i + 1] if i + 1 < len(out) else None
        if nxt and re.fullmatch(r"\s+ended\s+", text[t.end:nxt.start]) and nxt.value.startswith(old[:4]) \
                and not _YEAR_GIVEN_RE.search(nxt.text):
            out[i + 1] = replace(nxt, value=year + nxt.value[4:])
        for j in range(i + 1, len(out)):
            if j in anaphoric and out[j].value == old:
                out[j] = replace(out[j], value=out[i].value)
            elif _QUARTER_VALUE_RE.match(out[j].value) and j not in anaphoric:
                break  # another quarter named: later references are to it
    return out


def _anchor_durations(tx: list[Timex], text: str, lex: _Lexicon) -> list[Timex]:
    """"five years from April": the duration starts at the next timex; record it as the anchor."""
    out = list(tx)
    for i, t in enumerate(out[:-1]):
        nxt = out[i + 1]
        if t.type != "DURATION" or not re.match(r"\d{4}", nxt.value) or nxt.type == "DURATION":
            continue
        between = _low(text[t.end:nxt.start].strip())
        if between in lex.anchors:
            out[i] = replace(t, anchor=nxt.value)
    return out


_DAY_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_MONTH_RE = re.compile(r"^(\d{4}-\d{2})$")
_YEAR_RE = re.compile(r"^(\d{4})(?:-(?:Q\d|H\d|SP|SU|FA|WI))?$")
_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")


def event_date(t: Timex) -> tuple[str, str] | None:
    """The calendar date a timex gives an event and its precision (day | month | year), or None.

    A duration gives its anchor ("five years from April" -> April); REF values, sets and
    unanchored durations give None (the caller falls back on the publication date).
    """
    v = t.anchor if t.type == "DURATION" else t.value
    if not v or t.type == "SET":
        return None
    if m := _DAY_RE.match(v):
        return m[1], "day"
    if m := _MONTH_RE.match(v):
        return m[1], "month"
    if m := _WEEK_RE.match(v):
        # a week is dated by the month its Thursday falls in (ISO rule for which year owns a week)
        thu = date.fromisocalendar(int(m[1]), int(m[2]), 4)
        return f"{thu.year:04d}-{thu.month:02d}", "month"
    if m := _YEAR_RE.match(v):
        return m[1], "year"
    return None
