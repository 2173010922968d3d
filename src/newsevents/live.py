"""Storing newly arrived documents (from feeds or a watched folder), with syndicated copies recognised.

A document already stored (same text) is skipped. One whose text nearly matches a document stored
within a few days (syndication.py) is stored as a copy of it: no parse, no events of its own, but it
counts as one more article (and source) for the original's events. The rest are coded as `ingest`
codes them (`pipeline.code_documents`, with the actor registry) and stored one transaction per
document, so a stop request between two documents leaves each wholly stored or not at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from . import syndication
from .pipeline import code_documents
from .store import AnyStore
from .types import Document


@dataclass
class Intake:
    """What one call stored: coded documents, copies, documents already stored, and new events."""

    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    events: int = 0


def _never() -> bool:
    return False


def store_documents(store: AnyStore, docs: Iterable[Document], *, min_confidence: float = 0.0,
                    stop: Callable[[], bool] = _never,
                    done: Callable[[Document], None] | None = None) -> Intake:
    """Store new documents; `done(doc)` is called once a document is in the store (stored now, as a
    copy, or before), so callers record what they fetched only when it is safe. `stop()` is checked
    between documents: when it turns true the document in hand is finished and the rest left for later."""
    todo = list(docs)
    result = Intake()
    events_before = store.counts().get("events", 0)
    known = store.known_hashes(d.content_hash for d in todo)
    fresh: list[Document] = []
    seen = set(known)
    for d in todo:
        if d.content_hash in known:
            result.skipped += 1
            if done:
                done(d)
        elif d.content_hash not in seen:  # the same text twice in one call: the first one stands
            seen.add(d.content_hash)
            fresh.append(d)
    originals, copies = split_copies(store, fresh)
    stored: set[str] = set()
    registry = store.registry()
    for coded in code_documents(originals, min_confidence=min_confidence, registry=registry):
        doc = coded.document
        if store.write_batch([(doc, coded.events, coded.timexes, coded.mentions)], [coded.people]):
            store.save_signatures([(doc.id, doc.published, syndication.signature(doc.text))])
            result.stored += 1
        stored.add(doc.id)
        if done:
            done(doc)
        if stop():
            break
    for doc, original_id, score in copies:
        if stop() and original_id not in stored:
            continue
        if original_id in stored or _in_store(store, original_id):
            if store.write_duplicate(doc, original_id, score):
                result.duplicates += 1
            if done:
                done(doc)
    result.events = store.counts().get("events", 0) - events_before
    return result


def _in_store(store: AnyStore, doc_id: str) -> bool:
    return store.document(doc_id) is not None


Copy = tuple[Document, str, float]  # a syndicated copy, the id of its original, their similarity


def split_copies(store: AnyStore, docs: Sequence[Document]) -> tuple[list[Document], list[Copy]]:
    """Documents to code, and (copy, original id, similarity) for syndicated copies of stored documents
    or of earlier documents in `docs`."""
    return CopyFinder().split(store, docs)


class CopyFinder:
    """Finds syndicated copies batch after batch in one run: the signatures of stored documents are
    read once per publication day, and each batch's originals stay in memory for the next batches."""

    def __init__(self) -> None:
        self.index = syndication.Index()
        self.days: set[date] = set()  # publication days whose stored signatures are in the index

    def split(self, store: AnyStore, docs: Sequence[Document]) -> tuple[list[Document], list[Copy]]:
        originals: list[Document] = []
        copies: list[Copy] = []
        if not docs:
            return originals, copies
        for lo, hi in self._unread(docs):
            missing = store.unsigned_documents(lo, hi)  # stored by an older version, say: sign them once
            if missing:
                store.save_signatures([(i, p, syndication.signature(t)) for i, p, t in missing])
            for doc_id, published, sig in store.signatures(lo, hi):
                if doc_id not in self.index.signatures:
                    self.index.add(doc_id, published, sig)
        for doc in docs:
            sig = syndication.signature(doc.text)
            match = self.index.match(sig, doc.published)
            if match is None:
                originals.append(doc)
                self.index.add(doc.id, doc.published, sig)
            else:
                copies.append((doc, match[0], match[1]))
        return originals, copies

    def _unread(self, docs: Sequence[Document]) -> list[tuple[date, date]]:
        """The runs of days, within the windows of these documents' dates, not read from the store yet."""
        days = sorted({d.published + timedelta(days=k) for d in docs
                       for k in range(-syndication.WINDOW_DAYS, syndication.WINDOW_DAYS + 1)} - self.days)
        self.days.update(days)
        runs: list[tuple[date, date]] = []
        for day in days:
            if runs and day - runs[-1][1] == timedelta(days=1):
                runs[-1] = (runs[-1][0], day)
            else:
                runs.append((day, day))
        return runs
