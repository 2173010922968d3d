"""The stages wired together: documents in, coded documents out. Every engine calls `code_documents`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from . import actors, events, places, quantities
from . import time as timex
from .nlp import BATCH_SIZE, Parsed, parse_many
from .registry import Registry, is_person
from .types import ActorMention, Document, Event, PlaceMention, Quantity, Timex, content_hash


@dataclass(frozen=True, slots=True)
class Coded:
    """One document with everything derived from it, as the store writes it in one transaction.

    `people`: the mentions of people this document named with a title (not those it resolved only
    through the registry or the home country): what the actor registry learns from it."""

    document: Document
    events: list[Event]
    timexes: list[Timex]
    mentions: list[ActorMention | PlaceMention | Quantity]
    people: list[ActorMention] = field(default_factory=list)


def annotate(parsed: Parsed, registry: Registry | None = None) -> events.Annotations:
    text = parsed.document.text
    return events.Annotations(
        parsed=parsed,
        actors=actors.resolve(parsed, registry=registry),
        timexes=timex.tag(text, parsed.document.published),
        places=places.find(parsed),
        quantities=quantities.find(text),
    )


def code_parsed(parsed: Parsed, min_confidence: float = 0.0, registry: Registry | None = None) -> Coded:
    ann = annotate(parsed, registry)
    evs = [e for e in events.code(ann) if e.confidence >= min_confidence]
    unique = _unique(ann.actors.mentions)
    mentions: list[ActorMention | PlaceMention | Quantity] = [*unique, *ann.places, *ann.quantities]
    return Coded(parsed.document, evs, ann.timexes, mentions, _titled_people(parsed, ann.actors, unique))


def _titled_people(parsed: Parsed, res: actors.Resolution,
                   mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions of the people this document itself introduced with a title (how == "title")."""
    titled: set[object] = set()
    for m in mentions:
        if is_person(m.actor) and m.end > m.start:
            span = parsed.doc.char_span(m.end - 1, m.end, alignment_mode="expand")
            if span is not None and len(span) and res.how.get(span[0].i) == "title":
                titled.add(m.actor)
    return [m for m in mentions if m.actor in titled]


def _unique(ms: Iterable[ActorMention]) -> list[ActorMention]:
    seen: dict[tuple[int, int, str], ActorMention] = {}
    for m in ms:
        seen.setdefault((m.start, m.end, m.actor.code), m)
    return list(seen.values())


def code_documents(documents: Iterable[Document], *, batch_size: int = BATCH_SIZE,
                   min_confidence: float = 0.0, registry: Registry | None = None) -> Iterator[Coded]:
    """Parse in batches and code each document. With a registry, people named without a title are
    looked up in it, and it learns each document's titled people as soon as the document is coded
    (so later documents in the same run benefit)."""
    for parsed in parse_many(documents, batch_size=batch_size):
        coded = code_parsed(parsed, min_confidence, registry)
        if registry is not None:
            registry.learn(coded.people, parsed.document.published)
        yield coded


# Each worker process keeps its own model and registry; set by _init_worker.
_WORKER: dict[str, object] = {}
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _init_worker(people: list[object], min_confidence: float, batch_size: int) -> None:
    from .nlp import model

    model()  # load once per worker, before the first batch
    _WORKER.update(registry=Registry(people), min_confidence=min_confidence,  # type: ignore[arg-type]
                   batch_size=batch_size)


def _code_batch(batch: list[Document]) -> list[Coded]:
    registry = _WORKER["registry"]
    assert isinstance(registry, Registry)
    return list(code_documents(batch, batch_size=int(str(_WORKER["batch_size"])),
                               min_confidence=float(str(_WORKER["min_confidence"])), registry=registry))


def code_documents_parallel(documents: Iterable[Document], *, workers: int, batch_size: int = BATCH_SIZE,
                            min_confidence: float = 0.0, registry: Registry | None = None) -> Iterator[Coded]:
    """The same as `code_documents`, spread over worker processes (one model load each), results in
    input order. Each worker starts from the registry as it is now and learns on its own. BLAS and
    OpenMP thread pools are pinned to one thread per process so the workers don't fight for cores."""
    import multiprocessing as mp
    import os

    if workers <= 1:
        yield from code_documents(documents, batch_size=batch_size, min_confidence=min_confidence,
                                  registry=registry)
        return
    for var in THREAD_VARS:
        os.environ.setdefault(var, "1")
    people = registry.people() if registry is not None else []
    ctx = mp.get_context("spawn")  # fresh interpreters: no forked model or DuckDB handles
    with ctx.Pool(workers, initializer=_init_worker, initargs=(people, min_confidence, batch_size)) as pool:
        for coded in pool.imap(_code_batch, batches(documents, batch_size), chunksize=1):
            yield from coded


def batches(documents: Iterable[Document], n: int) -> Iterator[list[Document]]:
    """Documents in lists of n, in order (the last may be shorter)."""
    batch: list[Document] = []
    for d in documents:
        batch.append(d)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def code(text: str, published: date | str, doc_id: str | None = None) -> list[Event]:
    """Code one text: the Python API's entry point (`newsevents.code`)."""
    pub = date.fromisoformat(published) if isinstance(published, str) else published
    doc = Document(id=doc_id or content_hash(text), published=pub, text=text)
    return next(code_documents([doc])).events
