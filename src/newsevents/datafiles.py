"""Reading the knowledge tables under `newsevents/data/`.

Every table is a UTF-8 TSV file: first comment lines (`# key: value`, at least `version` and `source`),
then a header row, then one row per line. Blank lines and lines starting with `#` are skipped.
Errors name the file and line, so an analyst who extends a table sees what to fix.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

DATA_ENV = "NEWSEVENTS_DATA"  # a folder whose tables override the packaged ones


class DataFileError(ValueError):
    def __init__(self, path: str, line: int | None, message: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


@dataclass(frozen=True)
class Row:
    """One data row, with the file and line it came from for error messages."""

    path: str
    line: int
    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def get(self, key: str, default: str = "") -> str:
        return self.values.get(key) or default

    def fail(self, message: str) -> DataFileError:
        return DataFileError(self.path, self.line, message)


@dataclass(frozen=True)
class Table:
    path: str
    meta: dict[str, str]
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def data_path(name: str) -> str:
    override = os.environ.get(DATA_ENV)
    if override and (Path(override) / name).exists():
        return str(Path(override) / name)
    return str(resources.files("newsevents") / "data" / name)


@cache
def read_table(name: str, required: tuple[str, ...] = ()) -> Table:
    """Read a packaged table by file name; `required` columns must be present and non-empty."""
    path = data_path(name)
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise DataFileError(path, None, f"cannot read data file ({e.strerror})") from e
    except UnicodeDecodeError as e:
        raise DataFileError(path, None, "not UTF-8 text") from e
    meta: dict[str, str] = {}
    header: tuple[str, ...] | None = None
    rows: list[Row] = []
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        if raw.startswith("#"):
            if header is None and ":" in raw:
                k, _, v = raw[1:].partition(":")
                meta[k.strip().lower()] = v.strip()
            continue
        cells = raw.split("\t")
        if header is None:
            header = tuple(c.strip() for c in cells)
            missing = [c for c in required if c not in header]
            if missing:
                raise DataFileError(path, n, f"header lacks column(s) {', '.join(missing)}")
            continue
        if len(cells) > len(header):
            raise DataFileError(path, n, f"{len(cells)} cells but the header has {len(header)} columns")
        values = {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header)}
        for c in required:
            if not values[c]:
                raise DataFileError(path, n, f"empty required column {c!r}")
        rows.append(Row(path, n, values))
    if header is None:
        raise DataFileError(path, None, "no header row")
    for key in ("version", "source"):
        if key not in meta:
            raise DataFileError(path, 1, f"missing '# {key}: ...' line at the top")
    return Table(path, meta, header, tuple(rows))


def unique(rows: Iterable[Row], key: Callable[[Row], str]) -> dict[str, Row]:
    """Index rows by key, failing on a duplicate with both lines named."""
    seen: dict[str, Row] = {}
    for r in rows:
        k = key(r)
        if k in seen:
            raise r.fail(f"duplicate key {k!r} (first at line {seen[k].line})")
        seen[k] = r
    return seen


def split_list(cell: str, sep: str = "|") -> list[str]:
    return [x.strip() for x in cell.split(sep) if x.strip()]


def parse_float(row: Row, col: str, lo: float | None = None, hi: float | None = None) -> float | None:
    cell = row.get(col)
    if not cell:
        return None
    try:
        v = float(cell)
    except ValueError:
        raise row.fail(f"column {col!r}: {cell!r} is not a number") from None
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise row.fail(f"column {col!r}: {v} outside [{lo}, {hi}]")
    return v
