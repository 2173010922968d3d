"""What the event scorers share: reading gold files, where the shared development data is, country codes."""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..datafiles import read_table, unique
from ..types import Record

SHARED_ENV = "NEWSEVENTS_SHARED"  # the folder holding corpus/ and gold/ (default ../shared)


class GoldError(ValueError):
    """A gold file that is absent or unreadable; the message names it."""


def shared_path(*parts: str) -> Path:
    """A path in the shared development data: $NEWSEVENTS_SHARED, else ../shared from the current folder."""
    return Path(os.environ.get(SHARED_ENV, "../shared")).joinpath(*parts)


def read_jsonl(path: str | Path) -> list[Record]:
    """The records of a .jsonl or .jsonl.gz file; blank lines are skipped."""
    p = Path(path)
    if not p.is_file():
        raise GoldError(f"{p}: no such file")
    opener = gzip.open if p.name.endswith(".gz") else open
    out: list[Record] = []
    with opener(p, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise GoldError(f"{p}:{n}: not JSON ({e.msg})") from None
            if not isinstance(rec, dict):
                raise GoldError(f"{p}:{n}: not a JSON object")
            out.append(rec)
    return out


def read_json(path: str | Path) -> Record:
    p = Path(path)
    if not p.is_file():
        raise GoldError(f"{p}: no such file")
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise GoldError(f"{p}: not JSON ({e.msg})") from None
    if not isinstance(data, dict):
        raise GoldError(f"{p}: not a JSON object")
    return data


@cache
def cameo_to_iso() -> dict[str, str]:
    """CAMEO country codes that differ from ISO 3166-1 alpha-3 (JAP -> JPN)."""
    rows = unique(read_table("cameo_countries.tsv", ("cameo", "iso3")).rows, lambda r: r["cameo"].upper())
    for r in rows.values():
        if not re.fullmatch(r"[A-Z]{3}", r["iso3"]):
            raise r.fail(f"iso3 {r['iso3']!r} is not three capital letters")
    return {k: r["iso3"] for k, r in rows.items()}


def countries(actors: object) -> set[str]:
    """An actor list's country codes (ISO alpha-3; CAMEO codes mapped) from `country` and the first three
    letters of `code`, plus IGO or NGO for an organisation with that sector, as CAMEO codes them."""
    res: set[str] = set()
    table = cameo_to_iso()
    for a in actors if isinstance(actors, list) else []:
        if not isinstance(a, dict):
            continue
        code = str(a.get("code") or "").upper()
        for c in (a.get("country"), code[:3] or None):
            if c:
                res.add(table.get(str(c).upper(), str(c).upper()))
        sector = str(a.get("sector") or "").upper()
        if sector in ("IGO", "NGO"):
            res.add(sector)
    return res


def as_list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


def norm_words(s: str | None) -> str:
    """Lowercase letters and digits with single spaces between runs: how triggers are compared."""
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", (s or "").lower())).strip()


def macro_f1(pairs: Sequence[tuple[str, str]], labels: Iterable[str]) -> dict[str, float]:
    """F1 of each label over (gold, predicted) pairs; labels that occur nowhere are left out."""
    out: dict[str, float] = {}
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        if tp + fp + fn == 0:
            continue
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        out[lab] = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return out
