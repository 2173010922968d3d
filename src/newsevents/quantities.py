"""Money amounts and counted quantities in news text: "¥1.05 trillion", "€200m", "1,200 troops".

`find(text)` returns `Quantity`s with character offsets into `text`, non-overlapping and in order. A
quantity is a number with a currency (symbol or code before it, or a currency name or code after it) or
with a count noun after it; bare numbers, years, dates, ordinals and phone numbers are not quantities.

The knowledge lives in three tables under `newsevents/data/`: `currencies.tsv` (symbols, codes, names,
ISO 4217), `scale_words.tsv` (million, bn, crore ...) and `quantity_units.tsv` (troops, barrels ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import cache

from newsevents.datafiles import DataFileError, Row, read_table, split_list, unique
from newsevents.types import Quantity

CURRENCIES = "currencies.tsv"
SCALES = "scale_words.tsv"
UNITS = "quantity_units.tsv"

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ONES, 1)} | {
    w: 10 * i for i, w in enumerate(_TENS, 2)}

# a four-digit number after one of these words is a year, not a count ("in 2021 people voted")
_RANGE_GAP = re.compile(r"\s*(?:to|and|or|-|–)\s*")
_YEAR_CONTEXT = re.compile(r"(?i:\b(?:in|since|by|from|until|till|before|after|during|year|early|late)\s+)\Z")
# function words that cannot stand between a number and its unit noun
_NOT_MODIFIERS = ("of", "and", "or", "to", "in", "on", "at", "for", "by", "per", "the", "a", "an", "from",
                  "with", "than", "as", "is", "are", "was", "were")


@dataclass(frozen=True)
class _Tables:
    pattern: re.Pattern[str]
    before: dict[str, str]  # form -> ISO code
    after: dict[str, str]  # lower-cased form -> ISO code
    scales: dict[str, Decimal]  # lower-cased word -> factor
    units: dict[str, str]  # lower-cased form (single spaces) -> unit


def find(text: str) -> list[Quantity]:
    """Money amounts and counts with units in `text`, in order, non-overlapping."""
    t = _tables()
    found: list[tuple[Quantity, Decimal | None]] = []
    for m in t.pattern.finditer(text):
        hit = _quantity(m, t, text)
        if hit is None:
            continue
        q, factor = hit
        # "$8 to $10 billion", "between $5 and $7 billion": the first amount takes the second's scale
        if factor is not None and found:
            prev, prev_factor = found[-1]
            if (prev_factor is None and prev.currency and prev.currency == q.currency
                    and _RANGE_GAP.fullmatch(text, prev.end, q.start)):
                found[-1] = (replace(prev, amount=float(Decimal(repr(prev.amount)) * factor)), factor)
        found.append((q, factor))
    return [q for q, _ in found]


def _quantity(m: re.Match[str], t: _Tables, text: str) -> tuple[Quantity, Decimal | None] | None:
    g = m.groupdict()
    scale_word = g["s1"] or g["s2"] or g["s3"] or g["s4"]
    factor = t.scales[scale_word.lower()] if scale_word else None
    if g["pre"] is not None:
        number = _number(g["n1"])
        currency: str | None = t.before[g["pre"]]
        unit = None
    else:
        number = _number(g["n2"] or g["n3"] or "")
        currency = t.after[_norm(g["post"])] if g["post"] else None
        unit = t.units[_norm(g["unit"])] if g["unit"] else None
        digits = g["n2"] or ""
        start = m.start()
        if (not scale_word and len(digits) == 4 and digits.isdigit() and 1800 <= int(digits) <= 2100
                and _YEAR_CONTEXT.search(text, max(0, start - 12), start)):
            return None
    if number is None:
        return None
    amount = float(number * factor) if factor is not None else float(number)
    q = Quantity(start=m.start(), end=m.end(), text=m.group(), amount=amount, currency=currency, unit=unit)
    return q, factor


def _number(s: str) -> Decimal | None:
    s = s.strip()
    if not s:
        return None
    lower = s.lower()
    if lower[0].isalpha():
        tens, _, ones = lower.partition("-")
        return Decimal(NUMBER_WORDS[tens] + (NUMBER_WORDS[ones] if ones else 0))
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _alternation(forms: list[str], *, flexible_space: bool = False) -> str:
    """A regex alternation of literal forms, longest first so that "US$" wins over "$"."""
    parts = []
    for f in sorted(set(forms), key=lambda x: (-len(x), x)):
        esc = re.escape(f)
        if flexible_space:
            esc = r"\s+".join(re.escape(w) for w in f.split())
        parts.append(esc)
    return "|".join(parts)


@cache
def _tables() -> _Tables:
    cur = read_table(CURRENCIES, required=("form", "currency", "position"))
    before: dict[str, str] = {}
    after: dict[str, str] = {}
    not_before: dict[str, str] = {}
    after_forms: list[str] = []
    for r in cur.rows:
        code, pos = r["currency"], r["position"]
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise r.fail(f"currency {code!r} is not an ISO 4217 code")
        if pos not in ("before", "after", "both"):
            raise r.fail(f"position {pos!r} is not before, after or both")
        if pos in ("before", "both"):
            _add(before, r["form"], code, r)
        if pos in ("after", "both"):
            _add(after, _norm(r["form"]), code, r)
            after_forms.append(r["form"])
            if r.get("not_before"):
                not_before[_norm(r["form"])] = r.get("not_before")
    scale_rows = unique(read_table(SCALES, required=("word", "factor", "spacing")).rows,
                        key=lambda r: r["word"].lower())
    scales: dict[str, Decimal] = {}
    attached: list[str] = []
    spaced: list[str] = []
    for word, r in scale_rows.items():
        try:
            scales[word] = Decimal(r["factor"])
        except InvalidOperation:
            raise r.fail(f"factor {r['factor']!r} is not a number") from None
        if r["spacing"] not in ("any", "attached"):
            raise r.fail(f"spacing {r['spacing']!r} is not any or attached")
        (attached if r["spacing"] == "attached" else spaced).append(word)
    unit_rows = unique(read_table(UNITS, required=("form", "unit")).rows, key=lambda r: _norm(r["form"]))
    units = {form: r["unit"] for form, r in unit_rows.items()}
    return _Tables(_compile(before, after_forms, not_before, attached, spaced, list(units)),
                   before, after, scales, units)


def _add(index: dict[str, str], form: str, code: str, row: Row) -> None:
    if index.get(form, code) != code:
        raise DataFileError(row.path, row.line, f"form {form!r} is already {index[form]}")
    index[form] = code


def _compile(before: dict[str, str], after: list[str], not_before: dict[str, str],
             attached: list[str], spaced: list[str], units: list[str]) -> re.Pattern[str]:
    # a number that is not part of a larger token (COVID-19, 3.5, 1,200, F-16, 2022-01-07)
    edge = r"(?<![\w.,/:+\-])"
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\d|[,.]\d)"
    words = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    word_number = rf"(?i:\b(?:{words})(?:-(?:{words}))?\b)"
    # the scale word: attached ones only right after the number; others after a space or hyphen
    def scale(g_attached: str, g_spaced: str) -> str:
        return (rf"(?:(?P<{g_attached}>(?i:{_alternation(attached)}))(?![^\W\d_])"
                rf"|[\s-]?(?P<{g_spaced}>(?i:{_alternation(spaced)}))(?![^\W\d_]))")

    alpha_before = [f for f in before if f[:1].isalpha()]
    symbol_before = [f for f in before if not f[:1].isalpha()]
    pre = (rf"(?P<pre>(?<![^\W\d_])(?:{_alternation(alpha_before)})(?=[\s\d])"
           rf"|(?<![^\W\d_$])(?:{_alternation(symbol_before)}))")
    post_parts = []
    codes = [f for f in after if re.fullmatch(r"[A-Z]{3}", f)]  # codes: upper case only
    for form in sorted({_norm(f) for f in after if f not in codes}, key=lambda x: (-len(x), x)):
        esc = r"\s+".join(re.escape(w) for w in form.split())
        guard = ""
        if form in not_before:
            stops = [re.escape(w) + (r"\b" if w[-1:].isalnum() else "") for w in split_list(not_before[form])]
            guard = rf"(?!\s*(?:{'|'.join(stops)}))"
        post_parts.append(esc + rf"\b{guard}")
    code_alt = "|".join(re.escape(c) + r"\b" for c in codes)
    post = rf"(?P<post>(?:{code_alt})|(?i:{'|'.join(post_parts)}))"
    stop = "|".join(_NOT_MODIFIERS)
    unit_alt = _alternation(units, flexible_space=True)
    # one word between the number and the unit noun (1,200 U.S. troops), but not the start of a unit
    # itself (71 metric tons) and not a function word (5 of the people)
    modifier = (rf"(?:\s+(?!(?i:(?:{stop}|{unit_alt})\b))"
                rf"(?:[A-Z](?:\.[A-Z])+\.?|[^\W\d_][\w'’-]*))?")
    unit = rf"(?P<unit>(?i:{unit_alt}))\b(?!/)"  # not km/h
    pattern = (
        rf"{pre}\s?(?P<n1>{digits})(?:{scale('s1', 's2')})?(?![^\W_])"
        rf"|{edge}(?:(?P<n2>{digits})|(?P<n3>{word_number}))(?:{scale('s3', 's4')})?"
        rf"(?:\s?{post}|{modifier}\s*(?<=\s|\d){unit})"
    )
    return re.compile(pattern)
