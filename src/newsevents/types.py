"""The core types that flow between stages. Offsets are character offsets into `Document.text`."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

Record = dict[str, Any]

# characters that str.splitlines() and JavaScript end a line at, which JSON leaves raw inside a string
_LINE_BREAKS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_LINE_BREAKS_RE = re.compile("[\u2028\u2029\x85]")


def json_line(value: Any) -> str:
    """One JSON Lines line (no newline): UTF-8 kept readable, but every character that some reader takes
    for a line end escaped, so a text holding U+2028 cannot split a record in two."""
    return _LINE_BREAKS_RE.sub(lambda m: _LINE_BREAKS[m.group(0)], json.dumps(value, ensure_ascii=False))


@dataclass(frozen=True, slots=True)
class Document:
    id: str
    published: date
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """sha256 of the text: the document id when none is given, and the key for skipping re-ingests."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 temporal expression. `value` follows TimeML (2022-01-05, 2021-12, P5Y, PRESENT_REF...)."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: str | None = None
    anchor: str | None = None  # for a duration with a known start ("over five years from April")

    def to_record(self) -> Record:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "value": self.value, "mod": self.mod}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who acts: an ISO 3166 alpha-3 country (or None for international actors) and a sector code."""

    country: str | None
    sector: str | None = None
    name: str | None = None
    role: str | None = None

    @property
    def code(self) -> str:
        """CAMEO-style code: country then sector, e.g. JPNGOV; an IGO without country is IGO."""
        return (self.country or "") + (self.sector or "") or "UNK"


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor

    def to_record(self) -> Record:
        a = self.actor
        return {"text": self.text, "name": a.name, "role": a.role, "country": a.country,
                "sector": a.sector, "code": a.code}


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str  # city | country | region | sea | island | ...
    geonames_id: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place

    def to_record(self) -> Record:
        p = self.place
        return {"text": self.text, "name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon}


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    amount: float
    currency: str | None = None  # ISO 4217
    unit: str | None = None

    def to_record(self) -> Record:
        rec: Record = {"text": self.text, "amount": self.amount}
        if self.currency:
            rec["currency"] = self.currency
        else:
            rec["unit"] = self.unit
        return rec


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence_index: int
    sentence: str
    start: int  # of the evidence span (the trigger phrase) in Document.text
    end: int
    trigger: str

    def to_record(self) -> Record:
        return {"sentence_index": self.sentence_index, "sentence": self.sentence,
                "start": self.start, "end": self.end, "trigger": self.trigger}


@dataclass(frozen=True, slots=True)
class Cameo:
    code: str
    root: str
    goldstein: float
    quad_class: int


@dataclass(frozen=True, slots=True)
class Event:
    doc_id: str
    published: date
    date: str  # 2022-01-05 | 2021-03 | 2021
    date_precision: str  # day | month | year
    date_source: str  # text | publication
    date_text: str | None
    plover_type: str
    plover_mode: str | None
    plover_context: tuple[str, ...]
    cameo: Cameo
    source: tuple[ActorMention, ...]
    target: tuple[ActorMention, ...]
    location: PlaceMention | None
    modality: str  # asserted | intended | negated | reported | hypothetical
    quantities: tuple[Quantity, ...]
    evidence: Evidence
    confidence: float
    reported_by: ActorMention | None = None
    extra_evidence: tuple[Evidence, ...] = field(default=())

    @property
    def event_id(self) -> str:
        """Stable across runs: the same document, type, dyad, date and trigger give the same id."""
        key = "|".join([
            self.doc_id, self.plover_type, self.cameo.code,
            ",".join(sorted(a.actor.code for a in self.source)),
            ",".join(sorted(a.actor.code for a in self.target)),
            self.date, str(self.evidence.start), str(self.evidence.end),
        ])
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]

    def to_record(self) -> Record:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "published": self.published.isoformat(),
            "date": self.date,
            "date_precision": self.date_precision,
            "date_source": self.date_source,
            "date_text": self.date_text,
            "plover": {"type": self.plover_type, "mode": self.plover_mode,
                       "context": list(self.plover_context)},
            "cameo": {"code": self.cameo.code, "root": self.cameo.root,
                      "goldstein": self.cameo.goldstein, "quad_class": self.cameo.quad_class},
            "source": [a.to_record() for a in self.source],
            "target": [a.to_record() for a in self.target],
            "location": self.location.to_record() if self.location else None,
            "modality": self.modality,
            "reported_by": self.reported_by.to_record() if self.reported_by else None,
            "quantities": [q.to_record() for q in self.quantities],
            "evidence": self.evidence.to_record(),
            "num_mentions": 1 + len(self.extra_evidence),
            "other_evidence": [e.to_record() for e in self.extra_evidence],
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class IngestError:
    """A document that could not be read: the file, where in it (line or id), and why, in plain words."""

    source: str
    locator: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.locator}" if self.locator else self.source
        return f"{where}: {self.reason}"
