"""The event ontology: PLOVER types, modes, contexts and sectors; CAMEO codes with Goldstein scores,
their PLOVER mapping and QuadClass. The knowledge is in the tables under `newsevents/data/`
(see docs/ontology.md); this module loads them once per process and checks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsevents.datafiles import DataFileError, Row, Table, parse_float, read_table, split_list, unique
from newsevents.types import Cameo

PLOVER_FILE = "plover.tsv"
CONTEXTS_FILE = "plover_contexts.tsv"
SECTORS_FILE = "sectors.tsv"
CAMEO_FILE = "cameo.tsv"
QUADCLASS_FILE = "quadclass.tsv"

ROOTS = tuple(f"{i:02d}" for i in range(1, 21))
_CODE = re.compile(r"\d{2,4}")
_NAME = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass(frozen=True)
class PloverType:
    name: str
    description: str
    modes: tuple[str, ...]
    default_cameo: str  # the CAMEO code used for this type when no mode is known
    mode_cameo: tuple[tuple[str, str], ...] = ()  # (mode, code) choices overriding the general rule


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    plover_type: str  # "" for CAMEO 01 and 02, which PLOVER drops
    plover_mode: str | None
    plover_context: tuple[str, ...]


def _table(name: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Table:
    table = read_table(name, required)
    missing = [c for c in optional if c not in table.columns]
    if missing:
        raise DataFileError(table.path, None, f"header lacks column(s) {', '.join(missing)}")
    return table


# --- loaders (cached; each validates its table) ---------------------------------------------------


@cache
def _contexts() -> frozenset[str]:
    rows = unique(_table(CONTEXTS_FILE, ("context",)).rows, lambda r: r["context"])
    for name, row in rows.items():
        if not _NAME.fullmatch(name):
            raise row.fail(f"context {name!r} must be lower case letters, digits, '_' or '-'")
    return frozenset(rows)


@cache
def _sectors() -> dict[str, str]:
    rows = unique(_table(SECTORS_FILE, ("code",), ("description",)).rows, lambda r: r["code"])
    for code, row in rows.items():
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise row.fail(f"sector code {code!r} must be three capital letters")
    return {code: row.get("description") for code, row in rows.items()}


@cache
def _plover() -> dict[str, PloverType]:
    table = _table(PLOVER_FILE, ("type", "default_cameo"), ("description", "modes", "mode_cameo"))
    out: dict[str, PloverType] = {}
    for name, row in unique(table.rows, lambda r: r["type"]).items():
        if not re.fullmatch(r"[A-Z]+", name):
            raise row.fail(f"PLOVER type {name!r} must be capital letters")
        modes = tuple(split_list(row.get("modes")))
        for m in modes:
            if not _NAME.fullmatch(m):
                raise row.fail(f"mode {m!r} must be lower case letters, digits, '_' or '-'")
        if len(set(modes)) != len(modes):
            raise row.fail("a mode is listed twice")
        pairs = []
        for item in split_list(row.get("mode_cameo")):
            m, eq, code = (x.strip() for x in item.partition("="))
            if not eq or m not in modes:
                raise row.fail(f"mode_cameo item {item!r} must be mode=code with a mode of this type")
            pairs.append((m, code))
        out[name] = PloverType(name, row.get("description"), modes, row["default_cameo"], tuple(pairs))
    return out


def _plover_row(name: str) -> Row:
    return next(r for r in read_table(PLOVER_FILE, ("type", "default_cameo")).rows if r["type"] == name)


@cache
def _cameo() -> dict[str, CameoCode]:
    table = _table(CAMEO_FILE, ("code", "root", "name", "goldstein"),
                   ("goldstein_from", "plover_type", "plover_mode", "plover_context"))
    types, contexts = _plover(), _contexts()
    rows = unique(table.rows, lambda r: r["code"])
    out: dict[str, CameoCode] = {}
    for code, row in rows.items():
        if not _CODE.fullmatch(code):
            raise row.fail(f"CAMEO code {code!r} must be 2 to 4 digits (keep leading zeros)")
        root = row["root"]
        if root != code[:2]:
            raise row.fail(f"root {root!r} is not the first two digits of code {code!r}")
        if root not in ROOTS:
            raise row.fail(f"root {root!r} is not one of 01..20")
        if len(code) > 2 and code[:-1] not in rows:
            raise row.fail(f"code {code!r} has no parent row {code[:-1]!r}")
        src = row.get("goldstein_from")
        if src and (src not in rows or not code.startswith(src) or src == code):
            raise row.fail(f"goldstein_from {src!r} is not a parent code of {code!r} in the table")
        goldstein = parse_float(row, "goldstein", -10.0, 10.0)
        assert goldstein is not None  # required column
        ptype, mode = row.get("plover_type"), row.get("plover_mode") or None
        if ptype and ptype not in types:
            raise row.fail(f"unknown PLOVER type {ptype!r} (not in {PLOVER_FILE})")
        if mode and not ptype:
            raise row.fail(f"mode {mode!r} without a PLOVER type")
        if mode and mode not in types[ptype].modes:
            raise row.fail(f"mode {mode!r} is not a {ptype} mode in {PLOVER_FILE}")
        ctx = tuple(split_list(row.get("plover_context")))
        for c in ctx:
            if c not in contexts:
                raise row.fail(f"unknown PLOVER context {c!r} (not in {CONTEXTS_FILE})")
        out[code] = CameoCode(code, root, row["name"], goldstein, ptype, mode, ctx)
    absent = [r for r in ROOTS if r not in out]
    if absent:
        raise DataFileError(table.path, None, f"root code(s) {', '.join(absent)} missing")
    return out


@cache
def _quad() -> dict[str, dict[str, int]]:
    table = _table(QUADCLASS_FILE, ("variant", "root", "quad_class"), ("label",))
    out: dict[str, dict[str, int]] = {}
    first: dict[str, Row] = {}
    for row in unique(table.rows, lambda r: f"{r['variant']}/{r['root']}").values():
        variant, root = row["variant"], row["root"]
        if root not in ROOTS:
            raise row.fail(f"root {root!r} is not one of 01..20 (two digits)")
        if row["quad_class"] not in {"0", "1", "2", "3", "4"}:
            raise row.fail(f"quad_class {row['quad_class']!r} is not 0..4")
        out.setdefault(variant, {})[root] = int(row["quad_class"])
        first.setdefault(variant, row)
    for variant, roots in out.items():
        absent = [r for r in ROOTS if r not in roots]
        if absent:
            raise first[variant].fail(f"variant {variant!r} lacks root(s) {', '.join(absent)}")
    return out


@cache
def _defaults() -> dict[tuple[str, str | None], str]:
    """(type, mode) -> CAMEO code; mode None gives the type's default_cameo from plover.tsv."""
    codes = _cameo()
    out: dict[tuple[str, str | None], str] = {}
    for t in _plover().values():
        c = codes.get(t.default_cameo)
        if c is None or c.plover_type != t.name:
            raise _plover_row(t.name).fail(
                f"default_cameo {t.default_cameo!r} is not a {CAMEO_FILE} code mapped to {t.name}")
        out[(t.name, None)] = t.default_cameo
        for mode, code in t.mode_cameo:
            c = codes.get(code)
            if c is None or c.plover_type != t.name:
                raise _plover_row(t.name).fail(
                    f"mode_cameo {mode}={code!r}: not a {CAMEO_FILE} code mapped to {t.name}")
            out[(t.name, mode)] = code
    # For a mode: the shortest, then lowest, code (3 or 4 digits) with that type and mode.
    for c in sorted(codes.values(), key=lambda c: (len(c.code), c.code)):
        if c.plover_mode and len(c.code) > 2:
            out.setdefault((c.plover_type, c.plover_mode), c.code)
    return out


# --- public API -----------------------------------------------------------------------------------


def clear_caches() -> None:
    """Forget loaded tables (after changing NEWSEVENTS_DATA, e.g. in tests)."""
    for f in (_contexts, _sectors, _plover, _cameo, _quad, _defaults, read_table):
        f.cache_clear()


def plover_types() -> dict[str, PloverType]:
    return dict(_plover())


def plover_contexts() -> frozenset[str]:
    return _contexts()


def sectors() -> dict[str, str]:
    """Actor sector code (GOV, MIL, REB, ...) -> description."""
    return dict(_sectors())


def cameo_codes() -> dict[str, CameoCode]:
    return dict(_cameo())


def cameo_code(code: str) -> CameoCode:
    try:
        return _cameo()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r} (codes are 2-4 digit strings with leading "
                       f"zeros, listed in {CAMEO_FILE})") from None


def quad_class(code: str, variant: str = "gdelt") -> int:
    """QuadClass of a CAMEO code: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material
    conflict; the `icews` variant also has 0 (neutral) for roots 01 and 02."""
    root = cameo_code(code).root
    table = _quad()
    if variant not in table:
        raise ValueError(f"unknown QuadClass variant {variant!r} (known: {', '.join(sorted(table))})")
    return table[variant][root]


def to_cameo(code: str, variant: str = "gdelt") -> Cameo:
    c = cameo_code(code)
    return Cameo(code=c.code, root=c.root, goldstein=c.goldstein, quad_class=quad_class(code, variant))


def default_cameo_for(plover_type: str, mode: str | None = None) -> str:
    """The most general CAMEO code for a PLOVER type and mode.

    Without a mode: the type's `default_cameo` in plover.tsv (e.g. CONSULT -> 040, ACCUSE -> 112).
    With a mode: the type's `mode_cameo` choice if any (ASSAULT/targeted -> 186), else the shortest,
    then lowest, code mapped to that type and mode (CONSULT/visit -> 042); a mode the manual allows but
    no CAMEO code carries (e.g. COERCE/cyber) gives the type's default.
    """
    types = _plover()
    if plover_type not in types:
        raise KeyError(f"unknown PLOVER type {plover_type!r} (known: {', '.join(types)})")
    defaults = _defaults()
    if mode:
        if (plover_type, mode) in defaults:
            return defaults[(plover_type, mode)]
        if mode not in types[plover_type].modes:
            raise KeyError(f"{mode!r} is not a {plover_type} mode (known: "
                           f"{', '.join(types[plover_type].modes) or 'none'})")
    return defaults[(plover_type, None)]


def validate_all() -> None:
    """Load and check every ontology table; raises DataFileError naming file and line."""
    _contexts()
    _sectors()
    _plover()
    _cameo()
    _quad()
    _defaults()
