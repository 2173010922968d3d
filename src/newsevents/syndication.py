"""Recognising syndicated copies: the same wire story republished by several outlets.

Each text gets a bottom-k MinHash signature of its word 5-shingles (the k smallest 63-bit shingle
hashes). Two signatures estimate the Jaccard similarity of the shingle sets: among the k smallest
hashes of their union, the share found in both. Copies of one story differ by a dateline, a byline or
a closing line and score well above `THRESHOLD`; different stories on the same topic share few
5-word runs and score near 0. (datasketch does the same but needs scipy; this is a few lines.)
"""

from __future__ import annotations

import hashlib
import heapq
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

K = 128  # signature size: the estimate's standard error is about sqrt(J(1-J)/K), 0.04 at J=0.5
SHINGLE = 5  # words per shingle
THRESHOLD = 0.5  # estimated Jaccard at or above which a text is a copy of another
WINDOW_DAYS = 3  # copies are published within a few days of the original
MIN_SHARED = 1 / 8  # share of signature hashes two texts must have in common to be compared at all

_WORD = re.compile(r"\w+")
_MASK = (1 << 63) - 1  # DuckDB BIGINT is signed: keep hashes non-negative


def signature(text: str) -> list[int]:
    """The bottom-k MinHash signature of a text's word shingles, ascending (fewer when the text is short)."""
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        shingles = {" ".join(words)} if words else set()
    else:
        shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = {int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest(), "big") & _MASK
              for s in shingles}
    return heapq.nsmallest(K, hashes)


def similarity(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures (exact for short texts)."""
    if not a or not b:
        return 0.0
    sa, sb = set(a), set(b)
    union = heapq.nsmallest(K, sa | sb)
    return sum(1 for h in union if h in sa and h in sb) / len(union)


def best_match(sig: Sequence[int], candidates: Iterable[tuple[str, Sequence[int]]]) -> tuple[str, float] | None:
    """The candidate (id, similarity) most similar to `sig`, if it reaches THRESHOLD."""
    best: tuple[str, float] | None = None
    for doc_id, other in candidates:
        s = similarity(sig, other)
        if s >= THRESHOLD and (best is None or s > best[1]):
            best = (doc_id, s)
    return best


def window(published: date) -> tuple[date, date]:
    """The publication dates an original of a copy published on `published` may have."""
    return published - timedelta(days=WINDOW_DAYS), published + timedelta(days=WINDOW_DAYS)


class Index:
    """Signatures by hash value, so a new text is compared only with texts sharing a good part of its
    signature (`MIN_SHARED`; a pair at the threshold shares about half) and published near it."""

    def __init__(self) -> None:
        self.signatures: dict[str, tuple[date, Sequence[int]]] = {}
        self.by_hash: dict[int, list[str]] = {}

    def add(self, doc_id: str, published: date, sig: Sequence[int]) -> None:
        self.signatures[doc_id] = (published, sig)
        for h in sig:
            self.by_hash.setdefault(h, []).append(doc_id)

    def match(self, sig: Sequence[int], published: date) -> tuple[str, float] | None:
        """The indexed text (id, similarity) that `sig` is a copy of, if any."""
        shared = Counter(i for h in sig for i in self.by_hash.get(h, ()))
        need = max(1, int(MIN_SHARED * len(sig)))
        lo, hi = window(published)
        return best_match(sig, ((i, self.signatures[i][1]) for i, n in shared.items()
                                if n >= need and lo <= self.signatures[i][0] <= hi))
