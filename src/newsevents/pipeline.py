"""The stages wired together: documents in, coded documents out. Every engine calls `code_documents`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from . import actors, events, places, quantities
from . import time as timex
from .ingest import DEFAULT_MAX_BYTES, check_text, parse_date
from .nlp import BATCH_SIZE, Parsed, model, parse_many
from .registry import Registry, is_person
from .types import ActorMention, Document, Event, IngestError, PlaceMention, Quantity, Timex, content_hash


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


OnError = Callable[[Document, Exception], None]


def code_documents(documents: Iterable[Document], *, batch_size: int = BATCH_SIZE,
                   min_confidence: float = 0.0, registry: Registry | None = None,
                   on_error: OnError | None = None) -> Iterator[Coded]:
    """Parse in batches and code each document. With a registry, people named without a title are
    looked up in it, and it learns each document's titled people as soon as the document is coded
    (so later documents in the same run benefit).

    A document the model or a coding stage fails on raises, unless `on_error` is given: then it is
    called with the document and the exception, and the other documents go on (a failed batch parse
    is retried one document at a time to find the culprit)."""
    for parsed in _parse(documents, batch_size, on_error):
        try:
            coded = code_parsed(parsed, min_confidence, registry)
        except Exception as e:
            if on_error is None:
                raise
            on_error(parsed.document, e)
            continue
        if registry is not None:
            registry.learn(coded.people, parsed.document.published)
        yield coded


def _parse(documents: Iterable[Document], batch_size: int, on_error: OnError | None) -> Iterator[Parsed]:
    for batch in batches(documents, batch_size):
        try:
            parsed = _parse_batch(batch, batch_size)
        except Exception:
            if on_error is None:
                raise
            parsed = []
            for d in batch:
                try:
                    parsed.append(_parse_batch([d], 1)[0])
                except Exception as e:
                    on_error(d, e)
        yield from parsed


# spaCy's parser needs about 1 GB of memory per 100,000 characters parsed at once (3 GB for a 1 MB
# text), so a longer text is parsed in pieces of at most this many characters, cut at a line or sentence
# end, and the pieces joined into one Doc over the same text.
LONG_CHARS = 100_000


def _parse_batch(batch: list[Document], batch_size: int) -> list[Parsed]:
    short = iter(parse_many([d for d in batch if len(d.text) <= LONG_CHARS], batch_size=batch_size))
    return [next(short) if len(d.text) <= LONG_CHARS else _parse_long(d) for d in batch]


def _parse_long(document: Document) -> Parsed:
    from spacy.tokens import Doc

    nlp = model()
    docs = list(nlp.pipe(pieces(document.text, LONG_CHARS), batch_size=1))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != document.text:  # offsets must stay true to the input
        raise RuntimeError("the pieces of a long text did not join up to the text")
    return Parsed(document, doc)


def pieces(text: str, size: int) -> list[str]:
    """`text` cut into consecutive pieces of at most `size` characters, each ending at a paragraph, line
    or sentence end or a space when one is in the second half of the piece."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start:start + size]
        end = size
        for sep in ("\n\n", "\n", ". ", "? ", "! ", " "):
            i = window.rfind(sep)
            if i >= size // 2:
                end = i + len(sep)
                break
        out.append(window[:end])
        start += end
    out.append(text[start:])
    return out


def coding_error(document: Document, error: Exception, source: str | None = None) -> IngestError:
    """The IngestError for a document the coder failed on (a bug, but one document must not stop a run)."""
    return IngestError(source or "<input>", f"id {document.id}",
                       f"could not be coded ({type(error).__name__}: {error})")


# Each worker process keeps its own model and registry; set by _init_worker.
_WORKER: dict[str, object] = {}
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _init_worker(people: list[object], min_confidence: float, batch_size: int) -> None:
    from .nlp import model

    model()  # load once per worker, before the first batch
    _WORKER.update(registry=Registry(people), min_confidence=min_confidence,  # type: ignore[arg-type]
                   batch_size=batch_size)


def _code_batch(batch: list[Document]) -> list[Coded | tuple[Document, Exception]]:
    registry = _WORKER["registry"]
    assert isinstance(registry, Registry)
    out: list[Coded | tuple[Document, Exception]] = []  # in input order, failures included
    for coded in code_documents(batch, batch_size=int(str(_WORKER["batch_size"])),
                                min_confidence=float(str(_WORKER["min_confidence"])), registry=registry,
                                on_error=lambda d, e: out.append((d, _picklable(e)))):
        out.append(coded)
    return out


def _picklable(e: Exception) -> Exception:
    import pickle

    try:
        pickle.loads(pickle.dumps(e))  # noqa: S301 - our own bytes
        return e
    except Exception:
        return RuntimeError(f"{type(e).__name__}: {e}")


def code_documents_parallel(documents: Iterable[Document], *, workers: int, batch_size: int = BATCH_SIZE,
                            min_confidence: float = 0.0, registry: Registry | None = None,
                            on_error: OnError | None = None) -> Iterator[Coded]:
    """The same as `code_documents`, spread over worker processes (one model load each), results in
    input order. Each worker starts from the registry as it is now and learns on its own. BLAS and
    OpenMP thread pools are pinned to one thread per process so the workers don't fight for cores."""
    import multiprocessing as mp
    import os

    if workers <= 1:
        yield from code_documents(documents, batch_size=batch_size, min_confidence=min_confidence,
                                  registry=registry, on_error=on_error)
        return
    for var in THREAD_VARS:
        os.environ.setdefault(var, "1")
    people = registry.people() if registry is not None else []
    ctx = mp.get_context("spawn")  # fresh interpreters: no forked model or DuckDB handles
    with ctx.Pool(workers, initializer=_init_worker, initargs=(people, min_confidence, batch_size)) as pool:
        for results in pool.imap(_code_batch, batches(documents, batch_size), chunksize=1):
            for r in results:
                if isinstance(r, Coded):
                    yield r
                elif on_error is None:
                    raise r[1]
                else:
                    on_error(*r)


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


def code(text: str, published: date | str, doc_id: str | None = None, *,
         max_bytes: int = DEFAULT_MAX_BYTES) -> list[Event]:
    """Code one text: the Python API's entry point (`newsevents.code`). Text and date must pass the
    checks `ingest` makes (non-empty text without NUL, no HTML page, at most `max_bytes` of UTF-8, a
    real date from 1900 to two days ahead); else ValueError with the reason."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    pub = parse_date(published if isinstance(published, str) else published.isoformat())
    check_text(text, max_bytes)
    doc = Document(id=doc_id or content_hash(text), published=pub, text=text)
    return next(code_documents([doc])).events
