"""Every read query over an event store, in one place, and the Python API object that runs them.

    >>> import newsevents
    >>> db = newsevents.open("newsevents.duckdb")
    >>> db.events(country="JPN", type="CONSULT", since="2022-01-01", limit=10)
    >>> db.events_df(dyad=("JPN", "USA")); db.dyad("JPN", "USA", by="month"); db.close()

Filters (the same for every query that selects events, the CLI, the HTTP API and the exports):

- since / until: the event's date period overlaps [since, until] (see store.py);
- country, source_country, target_country: an actor on either side / the source / the target side has
  this ISO 3166 alpha-3 country;
- actor: an actor on either side has this code (JPNGOV, any case) or a name or text containing it;
- dyad (A, B): an actor matching A on one side and one matching B on the other, in both directions
  (directed=True: A the source, B the target); A and B are actor codes (JPNGOV) or countries (JPN,
  which matches every actor of that country);
- type (PLOVER, any case), quad_class (1..4), min_confidence, text (a substring of the evidence
  sentence, any case), doc_id, located (only events with coordinates).

Every caller value goes in as a bound parameter. The few SQL fragments chosen by the caller (sort
column, order, time bucket, network level) are looked up in constant tables here after validation.

Each event record a query returns is the stored `Event.to_record()` plus GDELT-style cross-document
counts: `num_articles` and `num_sources`, the number of distinct documents and of distinct sources
(a document's `source`, else its URL host, else its id) among stored events with the same PLOVER type,
source actor codes, target actor codes and date (`store.group_key`), counting stored syndicated copies
of their documents too; the write path keeps them per group key (`store.GROUP_COUNTS`, table
event_groups), so reading a page joins them.
"""

from __future__ import annotations

import json
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

import duckdb

from .store import LOCK_WAIT, Store, StoreError, period, writer_waiting
from .types import Record

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

MAX_LIMIT = 1000  # largest page the HTTP API serves
DEFAULT_LIMIT = 50
SORTS = {"date": "date_start", "confidence": "confidence", "goldstein": "goldstein"}
ORDERS = {"asc": "ASC", "desc": "DESC"}
BUCKETS = {"day": ("day", ("day",)), "week": ("week", ("day",)), "month": ("month", ("day", "month"))}
LEVELS = {"actor": "code", "country": "country"}
BATCH = 1000

Params = list[Any]


class QueryError(ValueError):
    """A filter or option has a value the query cannot use (unknown sort, quad class 7, ...)."""


def _date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{name}: {value!r} is not a date in the form YYYY-MM-DD") from None


@dataclass(frozen=True, slots=True)
class Filters:
    """Which events a query selects (see the module docstring). Build with `Filters.make`."""

    since: date | None = None
    until: date | None = None
    country: str | None = None
    source_country: str | None = None
    target_country: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    type: str | None = None
    quad_class: int | None = None
    min_confidence: float | None = None
    text: str | None = None
    doc_id: str | None = None
    located: bool = False

    @classmethod
    def make(cls, *, since: date | str | None = None, until: date | str | None = None,
             country: str | None = None, source_country: str | None = None, target_country: str | None = None,
             actor: str | None = None, dyad: Sequence[str] | str | None = None, directed: bool = False,
             type: str | None = None, quad_class: int | None = None, min_confidence: float | None = None,
             text: str | None = None, doc_id: str | None = None, located: bool = False) -> Filters:
        """Check and normalise filter values; empty strings mean no filter. Raises QueryError."""
        def code(v: str | None) -> str | None:
            return v.strip().upper() if v and v.strip() else None

        pair: tuple[str, str] | None = None
        if dyad:
            parts = [p.strip().upper() for p in (dyad.split(",") if isinstance(dyad, str) else dyad)]
            if len(parts) != 2 or not all(parts):
                raise QueryError(f"dyad: give two actor or country codes (A,B), not {dyad!r}")
            pair = (parts[0], parts[1])
        if quad_class is not None and quad_class not in (1, 2, 3, 4):
            raise QueryError(f"quad_class: {quad_class!r} is not 1, 2, 3 or 4")
        if min_confidence is not None and not 0 <= float(min_confidence) <= 1:
            raise QueryError(f"min_confidence: {min_confidence!r} is not between 0 and 1")
        return cls(since=_date(since, "since"), until=_date(until, "until"), country=code(country),
                   source_country=code(source_country), target_country=code(target_country),
                   actor=actor.strip() if actor and actor.strip() else None, dyad=pair, directed=bool(directed),
                   type=type.strip() if type and type.strip() else None, quad_class=quad_class,
                   min_confidence=None if min_confidence is None else float(min_confidence),
                   text=text if text and text.strip() else None, doc_id=doc_id or None, located=bool(located))


FILTER_NAMES = tuple(f.name for f in fields(Filters))

_SIDE = ("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.role {roles}"
         " AND {cond})")
_PARTY = "IN ('source', 'target')"
# An actor on a side has this country, or this code or country: tested on the event's own lists of the
# distinct codes and countries of each side (migration 5), not by probing event_actors.
_COUNTRY = "list_contains(e.{role}_countries, ?)"
_ACTOR = "(list_contains(e.{role}_codes, ?) OR list_contains(e.{role}_countries, ?))"


def where(f: Filters) -> tuple[str, Params]:
    """The WHERE clause (with its parameters) selecting events `e` by the filters; "TRUE" for none."""
    conds: list[str] = []
    params: Params = []
    if f.country is not None:
        conds.append(f"({_COUNTRY.format(role='source')} OR {_COUNTRY.format(role='target')})")
        params += [f.country, f.country]
    for value, role in ((f.source_country, "source"), (f.target_country, "target")):
        if value is not None:
            conds.append(_COUNTRY.format(role=role))
            params.append(value)
    if f.actor is not None:
        conds.append(_SIDE.format(roles=_PARTY, cond="(a.code = upper(?) OR contains(lower(a.name), lower(?))"
                                                      " OR contains(lower(a.text), lower(?)))"))
        params += [f.actor] * 3
    if f.dyad is not None:
        a_to_b = f"({_ACTOR.format(role='source')} AND {_ACTOR.format(role='target')})"
        b_to_a = f"({_ACTOR.format(role='target')} AND {_ACTOR.format(role='source')})"
        a, b = f.dyad
        conds.append(a_to_b if f.directed else f"({a_to_b} OR {b_to_a})")
        params += [a, a, b, b] if f.directed else [a, a, b, b, a, a, b, b]
    if f.type is not None:
        conds.append("lower(e.plover_type) = lower(?)")
        params.append(f.type)
    if f.quad_class is not None:
        conds.append("e.quad_class = ?")
        params.append(int(f.quad_class))
    if f.since is not None:
        conds.append("e.date_end >= ?")
        params.append(f.since)
    if f.until is not None:
        conds.append("e.date_start <= ?")
        params.append(f.until)
    if f.min_confidence is not None:
        conds.append("e.confidence >= ?")
        params.append(f.min_confidence)
    if f.text is not None:
        conds.append("contains(lower(e.sentence), lower(?))")
        params.append(f.text)
    if f.doc_id is not None:
        conds.append("e.doc_id = ?")
        params.append(f.doc_id)
    if f.located:
        conds.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    return (" AND ".join(conds) or "TRUE"), params


def _order(sort: str, order: str, prefix: str = "e.") -> str:
    if sort not in SORTS:
        raise QueryError(f"sort: {sort!r} is not one of {', '.join(SORTS)}")
    if order not in ORDERS:
        raise QueryError(f"order: {order!r} is not asc or desc")
    return f"{prefix}{SORTS[sort]} {ORDERS[order]} NULLS LAST, {prefix}event_id"


def _page(limit: int | None, offset: int) -> Params:
    return [None if limit is None else max(int(limit), 0), max(int(offset), 0)]


# The counts of an event's group as the write path keeps them (store.event_groups); 1 if it has none.
_COUNTS = "coalesce(g.num_articles, 1), coalesce(g.num_sources, 1)"


def events_sql(f: Filters, *, sort: str = "date", order: str = "asc", limit: int | None = None,
               offset: int = 0, counts: bool = True) -> tuple[str, Params]:
    """Events as (record JSON[, num_articles, num_sources]) rows, sorted (ties by event id)."""
    cond, params = where(f)
    if not counts:
        return (f"SELECT e.record FROM events e WHERE {cond} ORDER BY {_order(sort, order)} LIMIT ? OFFSET ?",
                params + _page(limit, offset))
    return (f"SELECT e.record, {_COUNTS} FROM events e LEFT JOIN event_groups g ON g.group_key = e.group_key"
            f" WHERE {cond} ORDER BY {_order(sort, order)} LIMIT ? OFFSET ?", params + _page(limit, offset))


def page_sql(f: Filters, *, sort: str = "date", order: str = "asc", limit: int | None = None,
             offset: int = 0) -> tuple[str, Params]:
    """A page as (event id, total) rows, sorted: only ids and sort keys are read (the wide records and
    counts are left for the caller, `Database.page`); `total` counts every event the filters select (a
    window over them, so no second query)."""
    cond, params = where(f)
    return (f"SELECT e.event_id, count(*) OVER () FROM events e WHERE {cond} ORDER BY {_order(sort, order)}"
            " LIMIT ? OFFSET ?", params + _page(limit, offset))


def count_sql(f: Filters) -> tuple[str, Params]:
    cond, params = where(f)
    return f"SELECT count(*) FROM events e WHERE {cond}", params


def _record(row: Sequence[Any]) -> Record:
    rec: Record = json.loads(row[0])
    if len(row) > 2:
        rec["num_articles"] = int(row[1])
        rec["num_sources"] = int(row[2])
    return rec


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 -> English short name, from the packaged countries table."""
    from .datafiles import read_table

    return {r["iso3"]: r["name"] for r in read_table("countries.tsv", ("iso3", "name")).rows}


@cache
def country_numeric() -> dict[str, str]:
    """ISO alpha-3 -> ISO 3166 numeric code ("392"), from pycountry (the ids of world-atlas shapes)."""
    import pycountry

    return {c.alpha_3: c.numeric for c in pycountry.countries}


# -- flat rows (CSV, Parquet, pandas, Arrow) ---------------------------------------------------------

FLAT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("event_id", "string"), ("doc_id", "string"), ("published", "string"), ("date", "string"),
    ("date_start", "date"), ("date_end", "date"), ("date_precision", "string"), ("date_source", "string"),
    ("date_text", "string"), ("plover_type", "string"), ("plover_mode", "string"), ("plover_context", "list"),
    ("cameo_code", "string"), ("cameo_root", "string"), ("goldstein", "float"), ("quad_class", "int"),
    ("source_codes", "list"), ("source_countries", "list"), ("source_names", "list"),
    ("target_codes", "list"), ("target_countries", "list"), ("target_names", "list"),
    ("location_name", "string"), ("location_country", "string"), ("lat", "float"), ("lon", "float"),
    ("modality", "string"), ("reported_by_code", "string"), ("quantities", "string"),
    ("sentence_index", "int"), ("sentence", "string"), ("evidence_start", "int"), ("evidence_end", "int"),
    ("trigger", "string"), ("num_mentions", "int"), ("num_articles", "int"), ("num_sources", "int"),
    ("confidence", "float"),
)


def flatten(rec: Record) -> dict[str, Any]:
    """One event record as a flat row (FLAT_COLUMNS): lists for the actors of each side (codes, the
    countries that are known, name or else the words naming them), quantities as JSON text."""
    span = period(rec["date"])
    loc = rec.get("location") or {}
    ev = rec["evidence"]

    def side(actors: list[Record]) -> tuple[list[str], list[str], list[str]]:
        return ([a["code"] for a in actors], [a["country"] for a in actors if a.get("country")],
                [a.get("name") or a["text"] for a in actors])

    src, tgt = side(rec["source"]), side(rec["target"])
    return {
        "event_id": rec["event_id"], "doc_id": rec["doc_id"], "published": rec["published"], "date": rec["date"],
        "date_start": span[0] if span else None, "date_end": span[1] if span else None,
        "date_precision": rec["date_precision"], "date_source": rec["date_source"], "date_text": rec["date_text"],
        "plover_type": rec["plover"]["type"], "plover_mode": rec["plover"]["mode"],
        "plover_context": list(rec["plover"]["context"]), "cameo_code": rec["cameo"]["code"],
        "cameo_root": rec["cameo"]["root"], "goldstein": float(rec["cameo"]["goldstein"]),
        "quad_class": int(rec["cameo"]["quad_class"]),
        "source_codes": src[0], "source_countries": src[1], "source_names": src[2],
        "target_codes": tgt[0], "target_countries": tgt[1], "target_names": tgt[2],
        "location_name": loc.get("name"), "location_country": loc.get("country"),
        "lat": loc.get("lat"), "lon": loc.get("lon"), "modality": rec["modality"],
        "reported_by_code": (rec.get("reported_by") or {}).get("code"),
        "quantities": json.dumps(rec["quantities"], ensure_ascii=False),
        "sentence_index": ev["sentence_index"], "sentence": ev["sentence"], "evidence_start": ev["start"],
        "evidence_end": ev["end"], "trigger": ev["trigger"], "num_mentions": rec["num_mentions"],
        "num_articles": rec.get("num_articles"), "num_sources": rec.get("num_sources"),
        "confidence": float(rec["confidence"]),
    }


def arrow_schema() -> pa.Schema:
    import pyarrow as pa

    kinds = {"string": pa.string(), "date": pa.date32(), "float": pa.float64(), "int": pa.int64(),
             "list": pa.list_(pa.string())}
    return pa.schema([pa.field(name, kinds[kind]) for name, kind in FLAT_COLUMNS])


def to_arrow(records: Sequence[Record]) -> pa.Table:
    import pyarrow as pa

    return pa.Table.from_pylist([flatten(r) for r in records], schema=arrow_schema())


# -- the database object ------------------------------------------------------------------------------


class DatabaseBusy(StoreError):
    """A writer kept the file longer than the reader would wait: try again shortly."""


class QueryTimeout(StoreError):
    """A query ran longer than the time allowed and was interrupted."""


READ_WAIT = 10.0  # seconds a read waits for a writer to finish its batch before DatabaseBusy
RECORD_CACHE = 32 << 20  # bytes of record JSON kept in memory (`Database.page`)
_TICK = 0.05  # how often the watcher checks for a waiting writer and overdue queries


class Database:
    """An event store opened for queries: `newsevents.open(path)`. Thread-safe: each thread reads through
    its own DuckDB cursor on the one database. Close it, or use it as a context manager.

    Read-only on a file, it shares the file with writers (store.py): when a writer announces itself,
    the connection is closed as soon as no read is using it, new reads wait (up to `wait` seconds, then
    DatabaseBusy) and the file is reopened when the writer is done, so a read sees committed batches
    only. `reading()` holds one snapshot over several queries. With `query_timeout`, a query running
    longer is interrupted (QueryTimeout)."""

    def __init__(self, path: str, *, read_only: bool = True, wait: float = READ_WAIT,
                 query_timeout: float | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.wait = wait
        self.query_timeout = query_timeout
        self._shares = read_only and not path.startswith(":memory:")
        self._store: Store | None = None
        self.generation = 0  # counts (re)openings of the file: each sees the writes committed before it
        self._active = 0  # reads using the connection now
        self._cond = threading.Condition()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self._running: dict[int, tuple[duckdb.DuckDBPyConnection, float]] = {}
        self._closed = False
        self._stop = threading.Event()
        # Event records with their counts by id, for pages (`_records_of`): reading the wide record
        # column costs more than choosing the page.
        self._records: OrderedDict[str, tuple[str, int, int]] = OrderedDict()
        self._records_size = 0
        self._records_lock = threading.Lock()
        if self._shares or query_timeout:
            threading.Thread(target=_watch, args=(weakref.ref(self), self._stop), daemon=True,
                             name="newsevents-db-watch").start()

    @classmethod
    def open(cls, path: str, *, read_only: bool = True, wait: float = LOCK_WAIT,
             query_timeout: float | None = None) -> Database:
        """Open a store for queries, waiting up to `wait` seconds for a writer to let go of it. A read-only
        open of a store written by an older version migrates it first in a short writable session."""
        db = cls(path, read_only=read_only, wait=wait, query_timeout=query_timeout)
        try:
            with db.reading():
                pass
        except BaseException:
            db.close()
            raise
        db.wait = min(wait, READ_WAIT)
        return db

    @property
    def store(self) -> Store:
        """The open store (opening it if needed); hold `reading()` while using it."""
        with self.reading() as store:
            return store

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            self._stop.set()
            self._let_go()
            self._cond.notify_all()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- sharing the file with writers ----------------------------------------------------------

    def _open_store(self) -> Store:
        try:
            return Store.open(self.path, read_only=self.read_only, wait=0)
        except StoreError as e:
            if not self.read_only or "needs migrating" not in str(e):
                raise
            Store.open(self.path, wait=self.wait).close()
            return Store.open(self.path, read_only=True, wait=0)

    def _writer_waiting(self) -> bool:
        return self._shares and writer_waiting(self.path)

    def _let_go(self) -> None:
        """Close the connection (call holding _cond, with no read active)."""
        for c in self._cursors:
            c.close()
        self._cursors.clear()
        if self._store is not None:
            self._store.close()
            self._store = None

    def _enter(self) -> Store:
        """Count a read in, opening the file when needed; wait while a writer wants it."""
        deadline, pause = time.monotonic() + self.wait, 0.005
        with self._cond:
            while True:
                if self._closed:
                    raise StoreError("the database is closed")
                waiting = self._writer_waiting()  # new reads wait, so the writer is not starved
                if waiting:
                    if self._active == 0:
                        self._let_go()
                elif self._store is None:
                    try:
                        self._store = self._open_store()
                        self.generation += 1
                        self._forget_records()
                    except StoreError as e:
                        if "in use" not in str(e):
                            raise
                if self._store is not None and not waiting:
                    self._active += 1
                    return self._store
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DatabaseBusy(f"{self.path} is being written; try again shortly")
                self._cond.wait(min(pause, left))
                pause = min(pause * 2, 0.1)

    def _leave(self) -> None:
        with self._cond:
            self._active -= 1
            if self._active == 0:
                self._cond.notify_all()

    def tick(self) -> None:
        """Let go of the file if a writer waits and no read is active; interrupt overdue queries."""
        with self._cond:
            if self._store is not None and self._active == 0 and self._writer_waiting():
                self._let_go()
            now = time.monotonic()
            for cur, deadline in list(self._running.values()):
                if now > deadline:
                    cur.interrupt()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """Hold one connection, so one committed snapshot, for the queries run inside (in this thread)."""
        depth: int = getattr(self._local, "depth", 0)
        if depth:
            self._local.depth = depth + 1
            try:
                assert self._store is not None
                yield self._store
            finally:
                self._local.depth = depth
            return
        store = self._enter()
        self._local.depth = 1
        try:
            yield store
        finally:
            self._local.depth = 0
            self._leave()

    # -- running queries ------------------------------------------------------------------------

    def _new_cursor(self, store: Store) -> duckdb.DuckDBPyConnection:
        cur = store.cursor()
        with self._cond:
            self._cursors.append(cur)
        return cur

    def _cursor(self, store: Store) -> duckdb.DuckDBPyConnection:
        cur: duckdb.DuckDBPyConnection | None = getattr(self._local, "cursor", None)
        if cur is None or getattr(self._local, "generation", None) != self.generation:
            cur = self._new_cursor(store)
            self._local.cursor, self._local.generation = cur, self.generation
        return cur

    def _release(self, cur: duckdb.DuckDBPyConnection) -> None:
        with self._cond:
            if cur in self._cursors:
                self._cursors.remove(cur)
        cur.close()

    def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.reading() as store:
            cur = self._cursor(store)
            if not self.query_timeout:
                return cur.execute(sql, list(params)).fetchall()
            key = threading.get_ident()
            with self._cond:
                self._running[key] = (cur, time.monotonic() + self.query_timeout)
            try:
                return cur.execute(sql, list(params)).fetchall()
            except duckdb.InterruptException:
                raise QueryTimeout(f"the query took longer than {self.query_timeout:g} s") from None
            finally:
                with self._cond:
                    self._running.pop(key, None)

    # -- events -----------------------------------------------------------------------------------

    def events(self, *, limit: int | None = None, offset: int = 0, sort: str = "date", order: str = "asc",
               **filters: Any) -> list[Record]:
        """Event records with their cross-document counts, filtered (see the module docstring), sorted
        by date, confidence or goldstein (ties by event id), paginated."""
        if limit is not None and limit <= MAX_LIMIT:
            return self.page(limit=limit, offset=offset, sort=sort, order=order, **filters)[1]
        sql, params = events_sql(self._filters(filters), sort=sort, order=order, limit=limit, offset=offset)
        return [_record(r) for r in self.fetch(sql, params)]

    def page(self, *, limit: int = DEFAULT_LIMIT, offset: int = 0, sort: str = "date", order: str = "asc",
             **filters: Any) -> tuple[int, list[Record]]:
        """(total, records): how many events the filters select, and one page of them as `events` gives
        it. One query picks the page and counts; records and their counts come from memory when read
        before from the same opening of the file."""
        total, rows = self.page_json(limit=limit, offset=offset, sort=sort, order=order, **filters)
        return total, [_record(r) for r in rows]

    def page_json(self, *, limit: int = DEFAULT_LIMIT, offset: int = 0, sort: str = "date", order: str = "asc",
                  **filters: Any) -> tuple[int, list[tuple[str, int, int]]]:
        """`page` with each record as (record JSON, num_articles, num_sources), for answering in JSON."""
        f = self._filters(filters)
        with self.reading():
            rows = self.fetch(*page_sql(f, sort=sort, order=order, limit=limit, offset=offset))
            if not rows:
                return (self.count(filters=f) if offset > 0 or not limit else 0), []
            found = self._records_of([r[0] for r in rows])
        return int(rows[0][1]), [found[r[0]] for r in rows]

    def _records_of(self, ids: list[str]) -> dict[str, tuple[str, int, int]]:
        """(record JSON, num_articles, num_sources) by event id. Nothing in the file changes while it is
        open read-only (a writer makes it reopen, see `_enter`), so a shared reader keeps what it read
        (least recently used dropped first) until then."""
        with self._records_lock:
            found = {i: self._records[i] for i in ids if i in self._records}
            for i in found:
                self._records.move_to_end(i)
        missing = [i for i in ids if i not in found]
        if not missing:
            return found
        read = {r[0]: (r[1], int(r[2]), int(r[3])) for r in self.fetch(
            f"SELECT e.event_id, e.record, {_COUNTS} FROM events e LEFT JOIN event_groups g"
            " ON g.group_key = e.group_key WHERE e.event_id IN (SELECT unnest(?::VARCHAR[]))", [missing])}
        found.update(read)
        if self._shares:
            with self._records_lock:
                for i, entry in read.items():
                    if i not in self._records:
                        self._records[i] = entry
                        self._records_size += len(entry[0])
                while self._records_size > RECORD_CACHE:
                    self._records_size -= len(self._records.popitem(last=False)[1][0])
        return found

    def _forget_records(self) -> None:
        with self._records_lock:
            self._records.clear()
            self._records_size = 0

    def count(self, **filters: Any) -> int:
        """How many events the filters select."""
        sql, params = count_sql(self._filters(filters))
        return int(self.fetch(sql, params)[0][0])

    def iter_batches(self, *, sort: str = "date", order: str = "asc", limit: int | None = None,
                     batch_size: int = BATCH, **filters: Any) -> Iterator[list[Record]]:
        """Stream the selected records in batches from a cursor of their own (for exports: nothing else
        is held in memory, and other queries go on meanwhile)."""
        sql, params = events_sql(self._filters(filters), sort=sort, order=order, limit=limit)
        cur = self._new_cursor(self._enter())  # counted in, not per thread: a stream moves between threads
        try:
            cur.execute(sql, params)
            while rows := cur.fetchmany(batch_size):
                yield [_record(r) for r in rows]
        finally:
            self._release(cur)
            self._leave()

    def iter_events(self, **options: Any) -> Iterator[Record]:
        for batch in self.iter_batches(**options):
            yield from batch

    def events_df(self, **options: Any) -> pd.DataFrame:
        """The selected events as a pandas DataFrame of flat rows (`FLAT_COLUMNS`)."""
        return self.events_arrow(**options).to_pandas()

    def events_arrow(self, **options: Any) -> pa.Table:
        """The selected events as a pyarrow Table of flat rows (`FLAT_COLUMNS`)."""
        import pyarrow as pa

        schema = arrow_schema()
        batches = [pa.RecordBatch.from_pylist([flatten(r) for r in b], schema=schema)
                   for b in self.iter_batches(**options)]
        return pa.Table.from_batches(batches, schema=schema)

    @staticmethod
    def _filters(filters: dict[str, Any]) -> Filters:
        if "filters" in filters:
            given = filters.pop("filters")
            if not isinstance(given, Filters):
                raise QueryError("filters= takes a Filters object")
            return replace(given, **filters) if filters else given
        unknown = sorted(set(filters) - set(FILTER_NAMES))
        if unknown:
            raise QueryError(f"unknown filter(s) {', '.join(unknown)}; known: {', '.join(FILTER_NAMES)}")
        return Filters.make(**filters)

    def event(self, event_id: str) -> Record | None:
        """One event: its record (with counts), its document's details (no text) and the stored events of
        other documents counted with it (same type, actors and date)."""
        rows = self.fetch("SELECT e.record, e.group_key FROM events e WHERE e.event_id = ?", [event_id])
        if not rows:
            return None
        record, key = rows[0]
        same = self.fetch(
            "SELECT e.event_id, e.doc_id, e.source_key, e.published FROM events e WHERE e.group_key = ?"
            " ORDER BY e.published, e.doc_id, e.event_id LIMIT 1000", [key])
        rec: Record = json.loads(record)
        copies = self.fetch("SELECT c.doc_id, c.source_key FROM duplicates c WHERE c.original_id IN"
                            " (SELECT doc_id FROM events WHERE group_key = ?)", [key])
        rec["num_articles"] = len({r[1] for r in same} | {c[0] for c in copies}) or 1
        rec["num_sources"] = len({r[2] for r in same} | {c[1] for c in copies}) or 1
        doc = self._document_meta(rec["doc_id"])
        return {"event": rec, "document": doc,
                "same_event": [{"event_id": r[0], "doc_id": r[1], "source": r[2], "published": r[3].isoformat()}
                               for r in same if r[0] != event_id]}

    # -- documents --------------------------------------------------------------------------------

    def _document_meta(self, doc_id: str) -> Record | None:
        rows = self.fetch("SELECT id, published, title, url, source, ingested_at, length(text) FROM documents"
                          " WHERE id = ?", [doc_id])
        if not rows:
            return None
        r = rows[0]
        return {"id": r[0], "published": r[1].isoformat(), "title": r[2], "url": r[3], "source": r[4],
                "ingested_at": r[5].isoformat(), "length": int(r[6])}

    def documents_meta(self, doc_ids: Sequence[str]) -> dict[str, Record]:
        """id -> url, source, ingested_at (a datetime), title for the given documents (one query)."""
        rows = self.fetch("SELECT id, url, source, ingested_at, title FROM documents"
                          " WHERE id IN (SELECT unnest(?::VARCHAR[]))", [sorted(set(doc_ids))])
        return {r[0]: {"url": r[1], "source": r[2], "ingested_at": r[3], "title": r[4]} for r in rows}

    def places(self, doc_ids: Sequence[str]) -> dict[tuple[str, str], tuple[str | None, int | None]]:
        """(doc id, place name) -> (place kind, GeoNames id) for the places resolved in these documents."""
        rows = self.fetch("SELECT doc_id, name, min(place_kind), min(geonames_id) FROM mentions"
                          " WHERE kind = 'place' AND doc_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY doc_id, name",
                          [sorted(set(doc_ids))])
        return {(r[0], r[1]): (r[2], None if r[3] is None else int(r[3])) for r in rows}

    def document(self, doc_id: str) -> Record | None:
        """A document with its text, its events and every coded span, as character offsets into the text
        for highlighting, sorted by start: `event` (an event's evidence; each mention of it), `event_actor`
        (a source/target/reported_by actor of an event), `actor`, `place`, `quantity`, `timex`."""
        rows = self.fetch("SELECT id, published, title, url, source, text FROM documents WHERE id = ?", [doc_id])
        if not rows:
            return None
        d = rows[0]
        events = self.events(doc_id=doc_id)
        spans: list[Record] = []

        def span(start: Any, end: Any, kind: str, text: str | None, label: str, event_id: str | None = None,
                 role: str | None = None) -> None:
            if start is not None and end is not None:
                spans.append({"start": int(start), "end": int(end), "kind": kind, "text": text or "",
                              "label": label, "event_id": event_id, "role": role})

        for e in events:
            label = f"{e['plover']['type']} (CAMEO {e['cameo']['code']})"
            for ev in [e["evidence"], *e["other_evidence"]]:
                span(ev["start"], ev["end"], "event", ev["trigger"], label, e["event_id"])
        for r in self.fetch('SELECT a.event_id, a.role, a."start", a."end", a.text, a.code FROM event_actors a'
                            " JOIN events e ON e.event_id = a.event_id WHERE e.doc_id = ?", [doc_id]):
            span(r[2], r[3], "event_actor", r[4], r[5], r[0], r[1])
        for r in self.fetch('SELECT "start", "end", text, kind, code, name, country, amount, currency, unit'
                            " FROM mentions WHERE doc_id = ?", [doc_id]):
            if r[3] == "actor":
                label = r[4] + (f": {r[5]}" if r[5] else "")
            elif r[3] == "place":
                label = f"{r[5]} ({r[6]})" if r[6] else str(r[5])
            else:
                label = f"{r[7]:g} {r[8] or r[9] or ''}".strip()
            span(r[0], r[1], r[3], r[2], label)
        for r in self.fetch('SELECT "start", "end", text, type, value, mod FROM timexes WHERE doc_id = ?',
                            [doc_id]):
            span(r[0], r[1], "timex", r[2], f"{r[3]} {r[4]}" + (f" ({r[5]})" if r[5] else ""))
        spans.sort(key=lambda s: (s["start"], -s["end"], s["kind"], s["event_id"] or "", s["role"] or ""))
        return {"id": d[0], "published": d[1].isoformat(), "title": d[2], "url": d[3], "source": d[4],
                "text": d[5], "events": events, "spans": spans}

    # -- actors -----------------------------------------------------------------------------------

    def actors(self, *, q: str | None = None, limit: int | None = 100, **filters: Any) -> Record:
        """The actor codes on either side of the selected events with their event counts (most first),
        and the people of the actor registry (optionally those whose name contains q)."""
        flt = self._filters(filters)
        cond, params = where(flt)
        code_rows = self.fetch(
            "SELECT a.code, min(a.country), min(a.sector), count(DISTINCT a.event_id),"
            " count(DISTINCT a.event_id) FILTER (WHERE a.role = 'source'),"
            " count(DISTINCT a.event_id) FILTER (WHERE a.role = 'target')"
            " FROM event_actors a WHERE a.role IN ('source', 'target')"
            f" AND a.event_id IN (SELECT e.event_id FROM events e WHERE {cond})"
            + (" AND (a.code = upper(?) OR contains(lower(a.name), lower(?)))" if q else "")
            + " GROUP BY a.code ORDER BY 4 DESC, a.code LIMIT ?",
            params + ([q, q] if q else []) + [None if limit is None else max(int(limit), 0)])
        conds, pparams = [], []
        if q:
            conds.append("contains(lower(name), lower(?))")
            pparams.append(q)
        if flt.country:
            conds.append("country = ?")
            pparams.append(flt.country)
        people = self.fetch(
            "SELECT name, role, country, sector, first_seen, last_seen, documents, mentions FROM actors"
            f" WHERE {' AND '.join(conds) or 'TRUE'} ORDER BY documents DESC, name, first_seen LIMIT ?",
            pparams + [None if limit is None else max(int(limit), 0)])
        return {
            "codes": [{"code": r[0], "country": r[1], "sector": r[2], "events": int(r[3]), "as_source": int(r[4]),
                       "as_target": int(r[5])} for r in code_rows],
            "people": [{"name": r[0], "role": r[1], "country": r[2], "sector": r[3], "first_seen": r[4].isoformat(),
                        "last_seen": r[5].isoformat(), "documents": int(r[6]), "mentions": int(r[7])}
                       for r in people],
        }

    # -- dyads, countries, networks ---------------------------------------------------------------

    def dyad(self, a: str, b: str, by: str = "month", **filters: Any) -> Record:
        """Time series of the events between A and B (actor codes or countries), each direction apart:
        per period (first day of the day, ISO week or month), the events, their counts by QuadClass and
        the sum and mean of their Goldstein scores. Events dated less precisely than the bucket (a
        month-dated event in a daily series) are left out rather than put on the period's first day."""
        if by not in BUCKETS:
            raise QueryError(f"by: {by!r} is not one of {', '.join(BUCKETS)}")
        part, precisions = BUCKETS[by]
        pair = Filters.make(dyad=(a, b)).dyad
        assert pair is not None
        a, b = pair
        cond, params = where(replace(self._filters(filters), dyad=pair, directed=False))
        side = ("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id AND x.role = '{role}'"
                " AND (x.code = ? OR x.country = ?))")
        # "source matches ? and target matches ?": with (A, B) it is A -> B, with (B, A) B -> A
        directed = f"({side.format(role='source')} AND {side.format(role='target')})"
        prec = ", ".join(f"'{p}'" for p in precisions)  # constants from BUCKETS
        sql = (f"WITH m AS (SELECT e.date_start, e.quad_class, e.goldstein, {directed} AS ab, {directed} AS ba"
               " FROM events e"
               f" WHERE {cond} AND e.date_precision IN ({prec}) AND e.date_start IS NOT NULL),"
               " d AS (SELECT 'a_to_b' AS direction, * FROM m WHERE ab UNION ALL"
               " SELECT 'b_to_a' AS direction, * FROM m WHERE ba)"
               f" SELECT direction, CAST(date_trunc('{part}', date_start) AS DATE) AS period, count(*),"
               " count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),"
               " count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),"
               " sum(goldstein), avg(goldstein) FROM d GROUP BY direction, period ORDER BY direction, period")
        rows = self.fetch(sql, [a, a, b, b, b, b, a, a] + params)
        series: dict[str, list[Record]] = {"a_to_b": [], "b_to_a": []}
        for r in rows:
            series[r[0]].append({"period": r[1].isoformat() if hasattr(r[1], "isoformat") else str(r[1]),
                                 "events": int(r[2]), "quad_class": {"1": int(r[3]), "2": int(r[4]),
                                                                     "3": int(r[5]), "4": int(r[6])},
                                 "goldstein_sum": round(float(r[7]), 3), "goldstein_mean": round(float(r[8]), 3)})
        return {"a": a, "b": b, "by": by, **series}

    def country(self, code: str, *, partners: int = 10, **filters: Any) -> Record:
        """A country's summary over the selected events: events it is a party to (as source, as target),
        located in it, first and last dates, by PLOVER type, by QuadClass, by month, top partner countries."""
        code = code.strip().upper()
        cond, params = where(self._filters(filters))
        ev = (f"WITH ev AS (SELECT e.* FROM events e WHERE {cond}),"
              " mine AS (SELECT DISTINCT a.event_id, a.role FROM event_actors a WHERE a.country = ?"
              " AND a.role IN ('source', 'target') AND a.event_id IN (SELECT event_id FROM ev)),"
              " party AS (SELECT * FROM ev WHERE event_id IN (SELECT event_id FROM mine))")
        p = params + [code]
        tot = self.fetch(ev + " SELECT (SELECT count(*) FROM party),"
                         " (SELECT count(DISTINCT event_id) FROM mine WHERE role = 'source'),"
                         " (SELECT count(DISTINCT event_id) FROM mine WHERE role = 'target'),"
                         " (SELECT count(*) FROM ev WHERE location_country = ?),"
                         " (SELECT min(date_start) FROM party), (SELECT max(date_end) FROM party),"
                         " (SELECT avg(goldstein) FROM party), (SELECT count(DISTINCT doc_id) FROM party)",
                         p + [code])[0]
        by_type = self.fetch(ev + " SELECT plover_type, count(*) FROM party GROUP BY 1 ORDER BY 2 DESC, 1", p)
        by_quad = self.fetch(ev + " SELECT quad_class, count(*) FROM party GROUP BY 1 ORDER BY 1", p)
        by_month = self.fetch(ev + " SELECT CAST(date_trunc('month', date_start) AS DATE) AS m, count(*),"
                              " count(*) FILTER (WHERE quad_class IN (1, 2)),"
                              " count(*) FILTER (WHERE quad_class IN (3, 4)), avg(goldstein) FROM party"
                              " WHERE date_precision IN ('day', 'month') GROUP BY m ORDER BY m", p)
        partner_rows = self.fetch(
            ev + ", pairs AS (SELECT DISTINCT m.event_id, m.role, o.country FROM mine m"
            " JOIN event_actors o ON o.event_id = m.event_id AND o.role IN ('source', 'target') AND o.role <> m.role"
            " WHERE o.country IS NOT NULL AND o.country <> ?)"
            " SELECT pairs.country, count(DISTINCT pairs.event_id),"
            " count(DISTINCT pairs.event_id) FILTER (WHERE pairs.role = 'source'),"
            " count(DISTINCT pairs.event_id) FILTER (WHERE pairs.role = 'target'),"
            " avg(ev.goldstein) FROM pairs JOIN ev ON ev.event_id = pairs.event_id"
            " GROUP BY pairs.country ORDER BY 2 DESC, 1 LIMIT ?", p + [code, max(int(partners), 0)])
        names = country_names()
        return {
            "country": code, "name": names.get(code), "events": int(tot[0]), "as_source": int(tot[1]),
            "as_target": int(tot[2]), "located": int(tot[3]), "documents": int(tot[7]),
            "first_date": tot[4].isoformat() if tot[4] else None, "last_date": tot[5].isoformat() if tot[5] else None,
            "goldstein_mean": None if tot[6] is None else round(float(tot[6]), 3),
            "by_type": [{"type": r[0], "events": int(r[1])} for r in by_type],
            "by_quad_class": [{"quad_class": int(r[0]), "events": int(r[1])} for r in by_quad if r[0] is not None],
            "by_month": [{"period": r[0].isoformat(), "events": int(r[1]), "cooperation": int(r[2]),
                          "conflict": int(r[3]), "goldstein_mean": round(float(r[4]), 3)} for r in by_month],
            "partners": [{"country": r[0], "name": names.get(r[0]), "events": int(r[1]), "outgoing": int(r[2]),
                          "incoming": int(r[3]), "goldstein_mean": round(float(r[4]), 3)} for r in partner_rows],
        }

    def network(self, *, level: str = "actor", limit: int = 100, min_weight: int = 1, **filters: Any) -> Record:
        """The directed network of the selected events: an edge source -> target (actor codes, or their
        countries with level="country") weighted by its events, with their mean Goldstein score; the
        `limit` heaviest edges, and as nodes the actors or countries they join with their event counts."""
        if level not in LEVELS:
            raise QueryError(f"level: {level!r} is not one of {', '.join(LEVELS)}")
        col = LEVELS[level]  # a constant column name
        cond, params = where(self._filters(filters))
        edges = self.fetch(
            f"WITH ev AS (SELECT e.event_id, e.goldstein FROM events e WHERE {cond}),"
            f" pairs AS (SELECT DISTINCT ev.event_id, s.{col} AS src, t.{col} AS tgt, ev.goldstein FROM ev"
            " JOIN event_actors s ON s.event_id = ev.event_id AND s.role = 'source'"
            " JOIN event_actors t ON t.event_id = ev.event_id AND t.role = 'target'"
            f" WHERE s.{col} IS NOT NULL AND t.{col} IS NOT NULL AND s.{col} <> t.{col})"
            " SELECT src, tgt, count(*) AS w, avg(goldstein) FROM pairs GROUP BY src, tgt HAVING count(*) >= ?"
            " ORDER BY w DESC, src, tgt LIMIT ?", params + [max(int(min_weight), 1), max(int(limit), 0)])
        ids = sorted({r[0] for r in edges} | {r[1] for r in edges})
        nodes = self.fetch(
            f"WITH ev AS (SELECT e.event_id FROM events e WHERE {cond})"
            f" SELECT a.{col}, count(DISTINCT a.event_id), min(a.country) FROM event_actors a"
            f" WHERE a.role IN ('source', 'target') AND a.{col} IN (SELECT unnest(?::VARCHAR[]))"
            f" AND a.event_id IN (SELECT event_id FROM ev) GROUP BY a.{col} ORDER BY 2 DESC, 1", params + [ids])
        names = country_names()
        return {
            "level": level,
            "nodes": [{"id": r[0], "events": int(r[1]), "country": r[2],
                       "label": names.get(r[0], r[0]) if level == "country" else r[0]} for r in nodes],
            "edges": [{"source": r[0], "target": r[1], "weight": int(r[2]), "goldstein_mean": round(float(r[3]), 3)}
                      for r in edges],
        }

    # -- overview: types over time, movers, country totals ---------------------------------------

    def type_series(self, by: str = "week", *, top: int | None = None, **filters: Any) -> Record:
        """Event counts by PLOVER type per period (first day of the day, ISO week or month), as a
        matrix: `periods` and, per type (most events first), one count per period. Events dated less
        precisely than the bucket are left out (as in `dyad`); `top` keeps the busiest types."""
        if by not in BUCKETS:
            raise QueryError(f"by: {by!r} is not one of {', '.join(BUCKETS)}")
        part, precisions = BUCKETS[by]
        cond, params = where(self._filters(filters))
        prec = ", ".join(f"'{p}'" for p in precisions)  # constants from BUCKETS
        rows = self.fetch(
            f"SELECT CAST(date_trunc('{part}', e.date_start) AS DATE) AS period, e.plover_type, count(*)"
            f" FROM events e WHERE {cond} AND e.date_precision IN ({prec}) AND e.date_start IS NOT NULL"
            " GROUP BY period, e.plover_type ORDER BY period, e.plover_type", params)
        periods = sorted({r[0] for r in rows})
        index = {p: i for i, p in enumerate(periods)}
        counts: dict[str, list[int]] = {}
        for r in rows:
            counts.setdefault(r[1], [0] * len(periods))[index[r[0]]] = int(r[2])
        ranked = sorted(counts.items(), key=lambda tc: (-sum(tc[1]), tc[0]))
        series: list[Record] = [{"type": t, "events": sum(c), "counts": c} for t, c in ranked]
        if top is not None:
            series = series[:max(int(top), 0)]
        return {"by": by, "periods": [p.isoformat() for p in periods], "series": series}

    def movers(self, *, level: str = "dyad", week: date | str | None = None, weeks: int = 4, limit: int = 10,
               **filters: Any) -> Record:
        """Country dyads (source -> target) or countries (as either party) whose event count in one ISO
        week differs most from their mean over the `weeks` weeks before it (ties: more events this week
        first). The week is the one containing `week`, by default the latest week with a day-dated event
        on or before its document's publication date. Only day-dated events count."""
        if level not in ("dyad", "country"):
            raise QueryError(f"level: {level!r} is not dyad or country")
        if not 1 <= int(weeks) <= 52:
            raise QueryError(f"weeks: {weeks!r} is not between 1 and 52")
        weeks = int(weeks)
        cond, params = where(self._filters(filters))
        day = "e.date_precision = 'day' AND e.date_start IS NOT NULL AND e.date_start <= e.published"
        when = _date(week, "week")
        if when is None:
            latest = self.fetch(f"SELECT max(e.date_start) FROM events e WHERE {cond} AND {day}", params)[0][0]
            if latest is None:
                return {"level": level, "week": None, "previous_from": None, "weeks": weeks, "items": []}
            when = latest
        try:  # the ISO week's Monday, and the Monday `weeks` weeks before it (none before year 1: a clear error)
            start = when - timedelta(days=when.weekday())
            first = start - timedelta(weeks=weeks)
        except OverflowError:
            raise QueryError(f"week: {week!r} leaves no {weeks} weeks before it") from None
        if level == "dyad":
            keys = ("SELECT DISTINCT ev.event_id, ev.wk, s.country AS k1, t.country AS k2 FROM ev"
                    " JOIN event_actors s ON s.event_id = ev.event_id AND s.role = 'source'"
                    " JOIN event_actors t ON t.event_id = ev.event_id AND t.role = 'target'"
                    " WHERE s.country IS NOT NULL AND t.country IS NOT NULL AND s.country <> t.country")
        else:
            keys = ("SELECT DISTINCT ev.event_id, ev.wk, a.country AS k1, NULL AS k2 FROM ev"
                    " JOIN event_actors a ON a.event_id = ev.event_id AND a.role IN ('source', 'target')"
                    " WHERE a.country IS NOT NULL")
        rows = self.fetch(
            "WITH ev AS (SELECT e.event_id, CAST(date_trunc('week', e.date_start) AS DATE) AS wk FROM events e"
            f" WHERE {cond} AND {day} AND e.date_start >= ? AND e.date_start < ?::DATE + 7),"
            f" k AS ({keys})"
            " SELECT k1, k2, CAST(datediff('day', wk, ?::DATE) / 7 AS INTEGER) AS ago, count(*) FROM k"
            " GROUP BY k1, k2, ago", params + [first, start, start])
        weekly: dict[tuple[str, str | None], list[int]] = {}
        for k1, k2, ago, n in rows:
            if 0 <= ago <= weeks:
                weekly.setdefault((k1, k2), [0] * (weeks + 1))[weeks - ago] = int(n)
        names = country_names()
        items: list[Record] = []
        for (k1, k2), counts in weekly.items():
            now, mean = counts[-1], sum(counts[:-1]) / weeks
            items.append({"id": f"{k1}->{k2}" if k2 else k1, "a": k1, "b": k2,
                          "label": f"{names.get(k1, k1)} → {names.get(k2, k2)}" if k2 else names.get(k1, k1),
                          "this_week": now, "previous_mean": round(mean, 3), "change": round(now - mean, 3),
                          "weekly": counts})
        items.sort(key=lambda i: (-abs(float(i["change"])), -int(i["this_week"]), str(i["id"])))
        return {"level": level, "week": start.isoformat(), "previous_from": first.isoformat(), "weeks": weeks,
                "items": items[:max(int(limit), 0)]}

    def country_totals(self, **filters: Any) -> list[Record]:
        """Per country: the selected events it is a party to (as source, as target), the events located
        in it and their mean Goldstein score, with its name and ISO 3166 numeric code (for map shapes)."""
        cond, params = where(self._filters(filters))
        rows = self.fetch(
            f"WITH ev AS (SELECT e.event_id, e.goldstein, e.location_country FROM events e WHERE {cond}),"
            " party AS (SELECT DISTINCT a.event_id, a.role, a.country FROM event_actors a"
            " WHERE a.role IN ('source', 'target') AND a.country IS NOT NULL"
            " AND a.event_id IN (SELECT event_id FROM ev)),"
            " p AS (SELECT party.country, count(DISTINCT party.event_id) AS n,"
            " count(DISTINCT party.event_id) FILTER (WHERE party.role = 'source') AS ns,"
            " count(DISTINCT party.event_id) FILTER (WHERE party.role = 'target') AS nt FROM party"
            " GROUP BY party.country),"
            " g AS (SELECT party.country, avg(ev.goldstein) AS gm FROM"
            " (SELECT DISTINCT event_id, country FROM party) party JOIN ev ON ev.event_id = party.event_id"
            " GROUP BY party.country),"
            " l AS (SELECT location_country AS country, count(*) AS nl FROM ev WHERE location_country IS NOT NULL"
            " GROUP BY 1)"
            " SELECT coalesce(p.country, l.country) AS c, coalesce(p.n, 0), coalesce(p.ns, 0), coalesce(p.nt, 0),"
            " coalesce(l.nl, 0), g.gm FROM p FULL OUTER JOIN l ON l.country = p.country"
            " LEFT JOIN g ON g.country = coalesce(p.country, l.country) ORDER BY 2 DESC, 5 DESC, 1", params)
        names, numeric = country_names(), country_numeric()
        return [{"country": r[0], "name": names.get(r[0]), "numeric": numeric.get(r[0]), "events": int(r[1]),
                 "as_source": int(r[2]), "as_target": int(r[3]), "located": int(r[4]),
                 "goldstein_mean": None if r[5] is None else round(float(r[5]), 3)} for r in rows]

    # -- store passthroughs -----------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        with self.reading() as store:
            return store.counts()

    def schema_version(self) -> int:
        with self.reading() as store:
            return store.schema_version()


def _watch(ref: weakref.ref[Database], stop: threading.Event) -> None:
    while not stop.wait(_TICK):
        db = ref()
        if db is None:
            return
        db.tick()
        del db


def open_database(path: str, *, read_only: bool = True) -> Database:
    return Database.open(path, read_only=read_only)
