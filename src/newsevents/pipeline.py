"""The stages wired together: documents in, coded documents out. Every engine calls `code_documents`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from . import actors, events, places, quantities
from . import time as timex
from .nlp import BATCH_SIZE, Parsed, parse_many
from .types import ActorMention, Document, Event, PlaceMention, Quantity, Timex, content_hash


@dataclass(frozen=True, slots=True)
class Coded:
    """One document with everything derived from it, as the store writes it in one transaction."""

    document: Document
    events: list[Event]
    timexes: list[Timex]
    mentions: list[ActorMention | PlaceMention | Quantity]


def annotate(parsed: Parsed) -> events.Annotations:
    text = parsed.document.text
    return events.Annotations(
        parsed=parsed,
        actors=actors.resolve(parsed),
        timexes=timex.tag(text, parsed.document.published),
        places=places.find(parsed),
        quantities=quantities.find(text),
    )


def code_parsed(parsed: Parsed, min_confidence: float = 0.0) -> Coded:
    ann = annotate(parsed)
    evs = [e for e in events.code(ann) if e.confidence >= min_confidence]
    mentions: list[ActorMention | PlaceMention | Quantity] = [
        *_unique(ann.actors.mentions), *ann.places, *ann.quantities]
    return Coded(parsed.document, evs, ann.timexes, mentions)


def _unique(ms: Iterable[ActorMention]) -> list[ActorMention]:
    seen: dict[tuple[int, int, str], ActorMention] = {}
    for m in ms:
        seen.setdefault((m.start, m.end, m.actor.code), m)
    return list(seen.values())


def code_documents(documents: Iterable[Document], *, batch_size: int = BATCH_SIZE,
                   min_confidence: float = 0.0) -> Iterator[Coded]:
    """Parse in batches and code each document."""
    for parsed in parse_many(documents, batch_size=batch_size):
        yield code_parsed(parsed, min_confidence)


def code(text: str, published: date | str, doc_id: str | None = None) -> list[Event]:
    """Code one text: the Python API's entry point (`newsevents.code`)."""
    pub = date.fromisoformat(published) if isinstance(published, str) else published
    doc = Document(id=doc_id or content_hash(text), published=pub, text=text)
    return next(code_documents([doc])).events
