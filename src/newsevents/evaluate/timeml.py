"""TimeML (.tml) files and the TempEval-3 TIMEX3 scores.

Offsets are character offsets into the plain text of the <TEXT> element (tags removed, entities
replaced). Matching is one-to-one and greedy in document order: strict needs identical offsets,
relaxed any overlap. Type and value accuracy are over the relaxed matches; value F1 is value accuracy
times relaxed F1, as TempEval-3 defines it. Values are compared ignoring case and outer spaces.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

CREATION_TIME = "CREATION_TIME"


class TimeMLError(ValueError):
    """A .tml file that cannot be read; the message names the file."""


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


@dataclass(frozen=True, slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDoc:
    docid: str
    path: str
    dct: date
    text: str
    timexes: list[GoldTimex]


def tml_files(root: str | Path) -> list[Path]:
    """The .tml files under root (recursively, sorted), or root itself when it is a file."""
    p = Path(root)
    if p.is_file():
        return [p]
    if not p.is_dir():
        raise TimeMLError(f"{p}: no such file or folder")
    # "._x.tml" are macOS resource forks, not TimeML
    return sorted(f for f in p.rglob("*.tml") if f.is_file() and not f.name.startswith("._"))


def read_tml(path: str | Path) -> TimeMLDoc:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as e:
        raise TimeMLError(f"{path}: not readable TimeML ({e})") from None
    body = root.find(".//TEXT")
    if body is None:
        raise TimeMLError(f"{path}: no <TEXT> element")
    docid = (root.findtext(".//DOCID") or "").strip() or Path(path).stem
    parts: list[str] = []
    spans: list[tuple[int, int, ET.Element]] = []
    _walk(body, parts, spans, top=True)
    text = "".join(parts)
    timexes = [GoldTimex(a, b, text[a:b], el.get("type", ""), el.get("value", ""), el.get("mod"))
               for a, b, el in spans]
    return TimeMLDoc(docid, str(path), _dct(root, path), text, timexes)


def _walk(el: ET.Element, parts: list[str], spans: list[tuple[int, int, ET.Element]], top: bool = False) -> None:
    """Append the element's text (and its tail, unless it is <TEXT> itself) to parts; note the offsets
    of each TIMEX3 (an outer one before those nested in it)."""
    start = sum(map(len, parts))
    parts.append(el.text or "")
    at = len(spans)
    for child in el:
        _walk(child, parts, spans)
    if el.tag == "TIMEX3" and not top:
        spans.insert(at, (start, sum(map(len, parts)), el))
    if not top:
        parts.append(el.tail or "")


def _dct(root: ET.Element, path: str | Path) -> date:
    found = [t for t in root.iter("TIMEX3") if t.get("functionInDocument") == CREATION_TIME]
    el = found[0] if found else root.find("./DCT/TIMEX3")
    value = (el.get("value") or "") if el is not None else ""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise TimeMLError(f"{path}: no document creation time (a TIMEX3 with functionInDocument="
                          f"\"{CREATION_TIME}\" and a YYYY-MM-DD value); got {value!r}") from None


@dataclass(frozen=True, slots=True)
class Miss:
    docid: str
    kind: str  # missed | spurious | wrong value
    start: int
    gold_text: str | None = None
    gold_value: str | None = None
    system_text: str | None = None
    system_value: str | None = None

    def __str__(self) -> str:
        gold = f"{self.gold_text!r} {self.gold_value}" if self.gold_text is not None else "-"
        system = f"{self.system_text!r} {self.system_value}" if self.system_text is not None else "-"
        return f"{self.kind:11s} {self.docid} @{self.start}: gold {gold} | system {system}"


def _prf(tp: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class TimexScore:
    """Counts that add up over files; the figures are computed from them."""

    gold: int = 0
    system: int = 0
    strict_tp: int = 0
    relaxed_tp: int = 0
    type_ok: int = 0
    value_ok: int = 0
    misses: list[Miss] = field(default_factory=list)

    def __iadd__(self, o: TimexScore) -> TimexScore:
        self.gold += o.gold
        self.system += o.system
        self.strict_tp += o.strict_tp
        self.relaxed_tp += o.relaxed_tp
        self.type_ok += o.type_ok
        self.value_ok += o.value_ok
        self.misses += o.misses
        return self

    @property
    def strict(self) -> tuple[float, float, float]:
        return _prf(self.strict_tp, self.system, self.gold)

    @property
    def relaxed(self) -> tuple[float, float, float]:
        return _prf(self.relaxed_tp, self.system, self.gold)

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed_tp if self.relaxed_tp else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed_tp if self.relaxed_tp else 0.0

    @property
    def type_f1(self) -> float:
        return self.type_accuracy * self.relaxed[2]

    @property
    def value_f1(self) -> float:
        return self.value_accuracy * self.relaxed[2]

    def figures(self) -> dict[str, float | int]:
        (sp, sr, sf), (rp, rr, rf) = self.strict, self.relaxed
        return {"gold": self.gold, "system": self.system,
                "strict_p": sp, "strict_r": sr, "strict_f1": sf,
                "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
                "type_accuracy": self.type_accuracy, "type_f1": self.type_f1,
                "value_accuracy": self.value_accuracy, "value_f1": self.value_f1}


def _pairs(gold: Sequence[Span], system: Sequence[Span], strict: bool) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: each gold span takes the first unused system span that fits."""
    used: set[int] = set()
    out: list[tuple[int, int]] = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            if j in used:
                continue
            fits = (s.start, s.end) == (g.start, g.end) if strict else s.start < g.end and g.start < s.end
            if fits:
                used.add(j)
                out.append((i, j))
                break
    return out


def _norm_value(v: str | None) -> str:
    return (v or "").strip().upper()


def score_doc(docid: str, gold: Sequence[Span], system: Sequence[Span]) -> TimexScore:
    """Score one document's system spans against its gold spans, keeping every miss."""
    relaxed = _pairs(gold, system, strict=False)
    res = TimexScore(len(gold), len(system), len(_pairs(gold, system, strict=True)), len(relaxed))
    for i, j in relaxed:
        g, s = gold[i], system[j]
        res.type_ok += g.type == s.type
        if _norm_value(g.value) == _norm_value(s.value):
            res.value_ok += 1
        else:
            res.misses.append(Miss(docid, "wrong value", g.start, g.text, g.value, s.text, s.value))
    got_g, got_s = {i for i, _ in relaxed}, {j for _, j in relaxed}
    res.misses += [Miss(docid, "missed", g.start, g.text, g.value) for i, g in enumerate(gold) if i not in got_g]
    res.misses += [Miss(docid, "spurious", s.start, system_text=s.text, system_value=s.value)
                   for j, s in enumerate(system) if j not in got_s]
    res.misses.sort(key=lambda m: m.start)
    return res


@dataclass
class TimexReport:
    total: TimexScore
    per_file: list[tuple[str, TimexScore]]
    chars: int = 0


def evaluate_docs(docs: Iterable[TimeMLDoc]) -> TimexReport:
    """Tag each document's text with its DCT and score it against the gold TIMEX3s."""
    from ..time import tag

    total, per_file, chars = TimexScore(), [], 0
    for d in docs:
        s = score_doc(d.docid, d.timexes, tag(d.text, d.dct))
        per_file.append((d.docid, s))
        total += s
        chars += len(d.text)
    return TimexReport(total, per_file, chars)


def evaluate_dir(root: str | Path) -> TimexReport:
    files = tml_files(root)
    if not files:
        raise TimeMLError(f"{root}: no .tml files")
    return evaluate_docs(read_tml(f) for f in files)
