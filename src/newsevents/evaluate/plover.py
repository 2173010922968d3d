"""PLOVER gold sentences (the format of plover-gsr-dev.jsonl: one sentence, one gold event each).

Each sentence is coded on its own, dated with the record's `date` or else 2000-01-01. Its prediction
is the type of its highest-confidence event, or NONE. Type accuracy is over all sentences; macro-F1
averages the per-type F1 over the gold types. Where the type is right, the dyad is right when some
event of that type has source countries meeting the gold source's and target countries meeting the
gold target's (an empty gold side accepts anything); source and target are also counted alone. Every
event beyond the first in a sentence is an extra event.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..types import Document, Record
from .common import GoldError, countries, macro_f1

DEFAULT_DATE = date(2000, 1, 1)
NONE = "NONE"


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    gold: str
    predicted: str
    source_ok: bool  # some event of the predicted type has the gold source
    target_ok: bool
    dyad_ok: bool  # ... and one event has both
    gold_source: tuple[str, ...] = ()
    gold_target: tuple[str, ...] = ()
    events: list[Record] = field(default_factory=list)

    @property
    def typed(self) -> bool:
        return self.gold == self.predicted


@dataclass
class PloverScore:
    sentences: list[Sentence]

    def figures(self, top_confusions: int = 15) -> dict[str, object]:
        n = len(self.sentences)
        typed = [s for s in self.sentences if s.typed]
        pairs = [(s.gold, s.predicted) for s in self.sentences]
        per_type = macro_f1(pairs, sorted({g for g, _ in pairs}))
        extra = sum(max(0, len(s.events) - 1) for s in self.sentences)
        return {
            "sentences": n,
            "type_accuracy": len(typed) / n if n else 0.0,
            "macro_f1": sum(per_type.values()) / len(per_type) if per_type else 0.0,
            "dyad_accuracy_when_typed": _share(typed, lambda s: s.dyad_ok),
            "source_accuracy_when_typed": _share(typed, lambda s: s.source_ok),
            "target_accuracy_when_typed": _share(typed, lambda s: s.target_ok),
            "no_event": sum(s.predicted == NONE for s in self.sentences),
            "extra_events": extra,
            "extra_events_per_sentence": extra / n if n else 0.0,
            "f1_per_type": per_type,
            "confusions": Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(top_confusions),
        }


def _share(items: Sequence[Sentence], ok: Callable[[Sentence], bool]) -> float:
    return sum(1 for s in items if ok(s)) / len(items) if items else 0.0


def check_records(records: Sequence[Record], path: str) -> None:
    for n, r in enumerate(records, 1):
        missing = [k for k in ("id", "text", "event") if not r.get(k)]
        if missing:
            raise GoldError(f"{path}: record {n} lacks {', '.join(missing)} (not PLOVER gold sentences?)")
        try:
            documents([r])
        except ValueError:
            raise GoldError(f"{path}: record {n}: date {r.get('date')!r} is not YYYY-MM-DD") from None


def documents(records: Sequence[Record]) -> list[Document]:
    return [Document(str(r["id"]), date.fromisoformat(str(r["date"])[:10]) if r.get("date") else DEFAULT_DATE,
                     str(r["text"])) for r in records]


def score(records: Sequence[Record], coded: Mapping[str, list[Record]]) -> PloverScore:
    """Score gold sentences against the event records coded from each (keyed by the record's id)."""
    out: list[Sentence] = []
    for r in records:
        evs = list(coded.get(str(r["id"]), []))
        top = max(evs, key=lambda e: e.get("confidence") or 0) if evs else None
        pred = str(top["plover"]["type"]) if top else NONE
        same = [e for e in evs if e["plover"]["type"] == pred]
        gs, gt = countries(r.get("source")), countries(r.get("target"))
        src = [not gs or bool(countries(e.get("source")) & gs) for e in same]
        tgt = [not gt or bool(countries(e.get("target")) & gt) for e in same]
        dyad = any(a and b for a, b in zip(src, tgt, strict=True))
        out.append(Sentence(str(r["id"]), str(r["event"]), pred, any(src), any(tgt), dyad,
                            tuple(sorted(gs)), tuple(sorted(gt)), evs))
    return PloverScore(out)


def evaluate(records: Sequence[Record]) -> PloverScore:
    from ..pipeline import code_documents

    coded = {c.document.id: [e.to_record() for e in c.events] for c in code_documents(documents(records))}
    return score(records, coded)
