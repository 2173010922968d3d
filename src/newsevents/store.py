"""The DuckDB store: documents, the events coded from them, and everything needed to audit an event.

One DuckDB file is the store. Its schema is created and migrated from code (`MIGRATIONS`, applied by
`Store.open` in a transaction each and recorded in `schema_version`). A document and everything derived
from it (events, event actors, mentions, timexes) are written in one transaction, so a crash leaves all
of it or none of it; a document whose content hash or id is already stored is skipped.

Every query takes its filters as bound parameters; no SQL is ever built from caller input.

Dates: an event's `date` is a period (a day "2021-03-05", a month "2021-03" or a year "2021"); the
`events` table keeps its first day (`date_start`) and last day (`date_end`). The `since`/`until` filters
keep an event when its period *overlaps* [since, until]: an event dated "2021-03" is kept for
since=2021-03-15, and one dated "2021" for until=2021-06-30.

Concurrency: DuckDB lets one process write a file, or several read it, never both at once. So a writer
announces itself first, by holding an exclusive lock on `<db>.writer` (`writer_intent`); readers that
see it (`writer_waiting`, a cheap non-blocking check) close their connections and wait, and the writer
opens the file once they have let go (retrying with back-off). `Store.open` for writing holds the lock
until it is closed; `SharedStore` (the ingest writer) holds the file only while it writes one batch, so a
server reading the same file answers between batches and only ever sees committed batches.
"""

from __future__ import annotations

import calendar
import fcntl
import json
import os
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from types import TracebackType
from typing import Any

import duckdb

from newsevents.registry import Person, Registry, aggregate, merge
from newsevents.types import ActorMention, Document, Event, IngestError, PlaceMention, Quantity, Timex

Mention = ActorMention | PlaceMention | Quantity
Item = tuple[Document, Sequence[Event], Sequence[Timex], Sequence[Mention]]
Row = tuple[Any, ...]

# A URL's host (after any user@), as a regular expression both Python's re and DuckDB's RE2 read alike.
_HOST_PATTERN = r"^[a-zA-Z][a-zA-Z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)"

# The cross-document counts (GDELT's NumArticles/NumSources) of the group keys selected by {keys}: the
# distinct documents and sources among the events of each key and the stored syndicated copies of their
# documents (live.py), which count as more articles and sources, not events.
GROUP_COUNTS = (
    "SELECT group_key, count(DISTINCT doc_id), count(DISTINCT source_key) FROM ("
    "SELECT group_key, doc_id, source_key FROM events WHERE group_key IN ({keys}) UNION ALL"
    " SELECT e.group_key, c.doc_id, c.source_key FROM events e JOIN duplicates c ON c.original_id = e.doc_id"
    " WHERE e.group_key IN ({keys})) GROUP BY group_key")

# Migration N (1-based) is MIGRATIONS[N - 1]. Append new ones; never edit an applied one.
MIGRATIONS: list[list[str]] = [
    [
        """CREATE TABLE documents (
            id VARCHAR PRIMARY KEY, content_hash VARCHAR NOT NULL UNIQUE, published DATE NOT NULL,
            title VARCHAR, url VARCHAR, source VARCHAR, text VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, published DATE NOT NULL,
            date VARCHAR NOT NULL, date_start DATE, date_end DATE, date_precision VARCHAR,
            date_source VARCHAR, date_text VARCHAR,
            plover_type VARCHAR NOT NULL, plover_mode VARCHAR, plover_context VARCHAR[],
            cameo_code VARCHAR, cameo_root VARCHAR, goldstein DOUBLE, quad_class INTEGER,
            source_code VARCHAR, target_code VARCHAR, source_country VARCHAR, target_country VARCHAR,
            location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            modality VARCHAR, confidence DOUBLE, sentence_index INTEGER,
            evidence_start INTEGER, evidence_end INTEGER, trigger VARCHAR, record JSON NOT NULL)""",
        """CREATE TABLE event_actors (
            event_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position INTEGER NOT NULL,
            "start" INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR, actor_role VARCHAR,
            country VARCHAR, sector VARCHAR, code VARCHAR)""",
        """CREATE TABLE mentions (
            doc_id VARCHAR NOT NULL, "start" INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR NOT NULL,
            country VARCHAR, sector VARCHAR, code VARCHAR, name VARCHAR, role VARCHAR,
            lat DOUBLE, lon DOUBLE, place_kind VARCHAR, geonames_id BIGINT,
            amount DOUBLE, currency VARCHAR, unit VARCHAR)""",
        """CREATE TABLE timexes (
            doc_id VARCHAR NOT NULL, "start" INTEGER, "end" INTEGER, text VARCHAR, type VARCHAR,
            value VARCHAR, mod VARCHAR, anchor VARCHAR)""",
        "CREATE SEQUENCE errors_id_seq",
        """CREATE TABLE errors (
            id BIGINT PRIMARY KEY DEFAULT nextval('errors_id_seq'), source VARCHAR NOT NULL,
            locator VARCHAR, reason VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL)""",
        "CREATE INDEX events_date ON events (date_start)",
        "CREATE INDEX event_actors_event ON event_actors (event_id)",
    ],
    [
        # The actor registry: one row per person, role and country, with the publication dates of
        # the first and last stored documents that named them in that role (see registry.py).
        """CREATE TABLE actors (
            name_key VARCHAR NOT NULL, role_key VARCHAR NOT NULL, country VARCHAR NOT NULL,
            name VARCHAR NOT NULL, surname VARCHAR NOT NULL, sector VARCHAR NOT NULL, role VARCHAR NOT NULL,
            first_seen DATE NOT NULL, last_seen DATE NOT NULL, mentions INTEGER NOT NULL,
            documents INTEGER NOT NULL, PRIMARY KEY (name_key, role_key, country))""",
        "CREATE INDEX actors_surname ON actors (surname)",
    ],
    [
        # Cross-document counts (GDELT's NumArticles/NumSources, see query.py) and text search:
        # group_key = PLOVER type|sorted distinct source codes|sorted distinct target codes|date;
        # source_key = the document's source, else its URL host, else its id (`source_key` below);
        # sentence = the evidence sentence. New rows get them from `_rows`; old rows are back-filled.
        # No index: DuckDB scans these columns fast, and an index would slow every write (and cannot be
        # created in the transaction that back-fills).
        "ALTER TABLE events ADD COLUMN group_key VARCHAR",
        "ALTER TABLE events ADD COLUMN source_key VARCHAR",
        "ALTER TABLE events ADD COLUMN sentence VARCHAR",
        """UPDATE events SET sentence = json_extract_string(record, '$.evidence.sentence'),
            group_key = plover_type
            || '|' || coalesce((SELECT array_to_string(list_sort(list_distinct(list(a.code))), ',')
                                FROM event_actors a WHERE a.event_id = events.event_id AND a.role = 'source'), '')
            || '|' || coalesce((SELECT array_to_string(list_sort(list_distinct(list(a.code))), ',')
                                FROM event_actors a WHERE a.event_id = events.event_id AND a.role = 'target'), '')
            || '|' || date""",
        """UPDATE events SET source_key = (
            SELECT coalesce(nullif(lower(trim(d.source)), ''),
                            nullif(regexp_replace(lower(regexp_extract(d.url, '""" + _HOST_PATTERN + """', 1)),
                                                  '^www[.]', ''), ''),
                            d.id)
            FROM documents d WHERE d.id = events.doc_id)""",
    ],
    [
        # Live news (feeds.py, syndication.py): feeds and what each poll fetched, so a re-poll asks only
        # conditional GETs; per-host politeness (robots.txt, last request); near-duplicate signatures of
        # coded documents; and syndicated copies, stored without events and linked to their original so
        # they count as more articles and sources for its events (query.py).
        """CREATE TABLE feeds (
            url VARCHAR PRIMARY KEY, added_at TIMESTAMP NOT NULL, title VARCHAR, etag VARCHAR,
            last_modified VARCHAR, polled_at TIMESTAMP, status INTEGER, error VARCHAR)""",
        """CREATE TABLE feed_items (
            url VARCHAR PRIMARY KEY, feed_url VARCHAR NOT NULL, entry_id VARCHAR, updated VARCHAR,
            etag VARCHAR, last_modified VARCHAR, content_hash VARCHAR, doc_id VARCHAR, status VARCHAR,
            fetched_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE hosts (
            host VARCHAR PRIMARY KEY, robots_status INTEGER, robots_txt VARCHAR, robots_at TIMESTAMP,
            last_request_at TIMESTAMP)""",
        "CREATE TABLE signatures (doc_id VARCHAR PRIMARY KEY, published DATE NOT NULL, minhash BIGINT[] NOT NULL)",
        """CREATE TABLE duplicates (
            doc_id VARCHAR PRIMARY KEY, original_id VARCHAR NOT NULL, similarity DOUBLE NOT NULL,
            source_key VARCHAR NOT NULL, detected_at TIMESTAMP NOT NULL)""",
        "CREATE INDEX duplicates_original ON duplicates (original_id)",
    ],
    [
        # Read speed (issue 8 load): the cross-document counts of every group key, kept by the write path
        # for the keys each batch or syndicated copy touches (`_refresh_groups`), so a page joins them
        # instead of counting; and per side the distinct actor codes and countries of each event, so
        # the country and dyad filters test a column instead of probing event_actors.
        """CREATE TABLE event_groups (
            group_key VARCHAR PRIMARY KEY, num_articles INTEGER NOT NULL, num_sources INTEGER NOT NULL)""",
        "INSERT INTO event_groups " + GROUP_COUNTS.format(keys="SELECT group_key FROM events"),
        "ALTER TABLE events ADD COLUMN source_codes VARCHAR[]",
        "ALTER TABLE events ADD COLUMN source_countries VARCHAR[]",
        "ALTER TABLE events ADD COLUMN target_codes VARCHAR[]",
        "ALTER TABLE events ADD COLUMN target_countries VARCHAR[]",
        "UPDATE events SET " + ", ".join(
            f"{side}_{cols} = coalesce((SELECT list_sort(list_distinct(list(a.{col}))) FROM event_actors a"
            f" WHERE a.event_id = events.event_id AND a.role = '{side}'), []::VARCHAR[])"
            for side in ("source", "target") for col, cols in (("code", "codes"), ("country", "countries"))),
    ],
]

TABLES = ("schema_version", "documents", "events", "event_actors", "mentions", "timexes", "errors", "actors")

WRITE_TABLES = ("documents", "events", "event_actors", "mentions", "timexes")  # in insert order

_KNOWN = ("SELECT content_hash, id FROM documents WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))"
          " OR id IN (SELECT unnest(?::VARCHAR[]))")

# Upsert the people a batch of new documents named (one row per key: `aggregate` sums per document,
# `_merge_people` across the batch): widen the dates seen, add the counts.
_UPSERT_ACTORS = (
    "INSERT INTO actors SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
    " unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]),"
    " unnest(?::DATE[]), unnest(?::DATE[]), unnest(?::INTEGER[]), unnest(?::INTEGER[])"
    " ON CONFLICT (name_key, role_key, country) DO UPDATE SET"
    " first_seen = least(actors.first_seen, excluded.first_seen),"
    " last_seen = greatest(actors.last_seen, excluded.last_seen),"
    " mentions = actors.mentions + excluded.mentions, documents = actors.documents + excluded.documents")

_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


class StoreError(Exception):
    """The store file cannot be used as asked (schema too new, not migrated and read-only...)."""


LOCK_WAIT = 60.0  # seconds to wait for another process to let go of the file before giving up
WRITER_WAIT = 600.0  # the ingest writer waits longer: a reader may be streaming a large export
_BUSY = ("lock", "different configuration")  # DuckDB's words when another connection holds the file


def _on_disk(path: str) -> bool:
    return not path.startswith(":memory:")


def _lock_path(path: str) -> str:
    return f"{path}.writer"


_held: dict[str, list[int]] = {}  # lock file -> [fd, holders]: this process's writer locks
_held_lock = threading.Lock()


@contextmanager
def writer_intent(path: str, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the writer lock of the store at `path` (an exclusive flock on `<path>.writer`, which the
    kernel drops if the process dies): one writing process at a time, and readers let go of the file.
    Re-entrant within a process, where DuckDB itself shares one database between connections."""
    if not _on_disk(path):
        yield
        return
    key = os.path.realpath(_lock_path(path))
    _acquire(key, path, wait)
    try:
        yield
    finally:
        with _held_lock:
            entry = _held[key]
            entry[1] -= 1
            if entry[1] == 0:
                del _held[key]
                os.close(entry[0])  # releases the lock


def _acquire(key: str, path: str, wait: float) -> None:
    deadline, pause = time.monotonic() + wait, 0.005
    while True:
        with _held_lock:
            if key in _held:
                _held[key][1] += 1
                return
            fd = os.open(key, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                _held[key] = [fd, 1]
                return
            except BlockingIOError:
                os.close(fd)
        if time.monotonic() > deadline:
            raise StoreError(f"{path}: another writer kept it for {wait:g} s")
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def writer_waiting(path: str) -> bool:
    """Whether a writer holds or wants the store at `path` (readers check this before each read)."""
    if not _on_disk(path):
        return False
    try:
        fd = os.open(_lock_path(path), os.O_RDONLY)
    except OSError:
        return False  # no lock file: no writer has ever opened it
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def is_busy(err: BaseException) -> bool:
    """Whether a DuckDB error means another connection holds the file (worth retrying)."""
    return isinstance(err, duckdb.Error) and any(w in str(err).lower() for w in _BUSY)


def connect(path: str, *, read_only: bool, wait: float = LOCK_WAIT) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, retried with back-off for up to `wait` seconds while another process holds the
    file; StoreError after that."""
    deadline, pause = time.monotonic() + wait, 0.005
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as e:
            if not is_busy(e):
                raise
            if time.monotonic() > deadline:
                raise StoreError(f"{path} is in use by another process (waited {wait:g} s): {e}") from None
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def period(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO day, month or year ("2021-03-05", "2021-03", "2021"); None if not one."""
    m = _PERIOD.fullmatch(value)
    if not m:
        return None
    try:
        year, month, day = int(m[1]), m[2], m[3]
        if day:
            d = date(year, int(month), int(day))
            return d, d
        if month:
            last = calendar.monthrange(year, int(month))[1]
            return date(year, int(month), 1), date(year, int(month), last)
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None


_URL_HOST = re.compile(_HOST_PATTERN)


def group_key(e: Event) -> str:
    """The key events of different documents share when they report the same thing: PLOVER type,
    sorted distinct source and target actor codes, date (migration 3 computes the same in SQL)."""
    return "|".join([e.plover_type, ",".join(sorted({a.actor.code for a in e.source})),
                     ",".join(sorted({a.actor.code for a in e.target})), e.date])


def source_key(doc: Document) -> str:
    """Who published a document, for counting distinct sources: its `source` (lower case), else the
    host of its URL (lower case, without "www."), else its id (migration 3 computes the same in SQL)."""
    if doc.source and doc.source.strip(" "):
        return doc.source.strip(" ").lower()
    m = _URL_HOST.match(doc.url or "")
    host = re.sub(r"^www[.]", "", m[1].lower()) if m else ""
    return host or doc.id


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _mention_row(doc_id: str, m: Mention) -> Row:
    if isinstance(m, ActorMention):
        a = m.actor
        return (doc_id, m.start, m.end, m.text, "actor", a.country, a.sector, a.code, a.name, a.role,
                None, None, None, None, None, None, None)
    if isinstance(m, PlaceMention):
        p = m.place
        return (doc_id, m.start, m.end, m.text, "place", p.country, None, None, p.name, None,
                p.lat, p.lon, p.kind, p.geonames_id, None, None, None)
    return (doc_id, m.start, m.end, m.text, "quantity", None, None, None, None, None,
            None, None, None, None, m.amount, m.currency, m.unit)


def _actor_row(event_id: str, role: str, position: int, m: ActorMention) -> Row:
    a = m.actor
    return (event_id, role, position, m.start, m.end, m.text, a.name, a.role, a.country, a.sector, a.code)


def _event_row(e: Event, rec: dict[str, Any]) -> Row:
    span = period(e.date)
    first_source = e.source[0].actor if e.source else None
    first_target = e.target[0].actor if e.target else None
    place = e.location.place if e.location else None
    return (
        rec["event_id"], e.doc_id, e.published, e.date, span[0] if span else None, span[1] if span else None,
        e.date_precision, e.date_source, e.date_text,
        e.plover_type, e.plover_mode, list(e.plover_context),
        e.cameo.code, e.cameo.root, e.cameo.goldstein, e.cameo.quad_class,
        first_source.code if first_source else None, first_target.code if first_target else None,
        first_source.country if first_source else None, first_target.country if first_target else None,
        place.name if place else None, place.country if place else None,
        place.lat if place else None, place.lon if place else None,
        e.modality, rec["confidence"], e.evidence.sentence_index,
        e.evidence.start, e.evidence.end, e.evidence.trigger,
        json.dumps(rec, ensure_ascii=False),
    )


def _sides(e: Event) -> Row:
    """Distinct actor codes and countries of the source side, then of the target side (migration 5)."""
    return tuple(sorted({getattr(m.actor, col) for m in side} - {None})
                 for side in (e.source, e.target) for col in ("code", "country"))


def _rows(item: Item, ingested_at: datetime) -> dict[str, list[Row]]:
    """All rows for one document, by table. Events with the same id in one document are stored once."""
    doc, events, timexes, mentions = item
    rows: dict[str, list[Row]] = {t: [] for t in WRITE_TABLES}
    rows["documents"].append((doc.id, doc.content_hash, doc.published, doc.title, doc.url, doc.source,
                              doc.text, ingested_at))
    seen: set[str] = set()
    src = source_key(doc)
    for e in events:
        rec = e.to_record()
        if rec["event_id"] in seen:
            continue
        seen.add(rec["event_id"])
        rows["events"].append(_event_row(e, rec) + (group_key(e), src, e.evidence.sentence) + _sides(e))
        actors = [("source", i, m) for i, m in enumerate(e.source)]
        actors += [("target", i, m) for i, m in enumerate(e.target)]
        if e.reported_by:
            actors.append(("reported_by", 0, e.reported_by))
        rows["event_actors"] += [_actor_row(rec["event_id"], r, i, m) for r, i, m in actors]
    rows["timexes"] += [(doc.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor) for t in timexes]
    rows["mentions"] += [_mention_row(doc.id, m) for m in mentions]
    return rows


class Store:
    """One DuckDB store file. Use `Store.open(path)`; close it, or use it as a context manager."""

    def __init__(self, con: duckdb.DuckDBPyConnection, *, read_only: bool) -> None:
        self._con = con
        self._lock = threading.Lock()  # one connection: serialise threads (e.g. an API's worker pool)
        self.read_only = read_only
        self._inserts = {t: _insert_sql(con, t) for t in WRITE_TABLES}
        self._held = ExitStack()  # the writer lock, released on close

    @classmethod
    def open(cls, path: str, *, read_only: bool = False, wait: float = LOCK_WAIT) -> Store:
        """Open (creating if needed) and migrate a store. Read-only stores must already be up to date.

        A writer first takes the writer lock (`writer_intent`) and keeps it until closed. Either waits
        up to `wait` seconds, with back-off, while another process holds the file (StoreError after)."""
        held = ExitStack()
        try:
            if not read_only:
                held.enter_context(writer_intent(path, wait))
            con = connect(path, read_only=read_only, wait=wait)
            try:
                _migrate(con, read_only=read_only)
            except BaseException:
                con.close()
                raise
        except BaseException:
            held.close()
            raise
        store = cls(con, read_only=read_only)
        store._held = held
        return store

    def close(self) -> None:
        with self._lock:
            self._con.close()
        self._held.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        return bool(self.known_hashes([content_hash]))

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The given content hashes that are already stored (one query for the lot)."""
        wanted = list(set(hashes))
        if not wanted:
            return set()
        with self._lock:
            rows = self._con.execute(
                "SELECT content_hash FROM documents WHERE content_hash IN (SELECT unnest(?::VARCHAR[]))",
                [wanted]).fetchall()
        return {r[0] for r in rows}

    def write_document(self, doc: Document, events: Sequence[Event], timexes: Sequence[Timex] = (),
                       mentions: Sequence[Mention] = ()) -> bool:
        """Store a document and everything derived from it, in one transaction.

        Returns False, writing nothing, when its content hash or its id is already stored."""
        return self.write_batch([(doc, events, timexes, mentions)]) == 1

    def write_batch(self, items: Sequence[Item],
                    people: Sequence[Sequence[ActorMention]] | None = None) -> int:
        """Store several documents in one transaction, skipping those already stored (by content hash
        or id, including repeats within the batch). Returns how many documents were written.

        people[i], when given, are the person mentions of items[i] the actor registry should learn
        (`Coded.people`); they are upserted into `actors` for the documents actually written, so
        re-ingesting a stored document changes no count."""
        with self._lock:
            con = self._con
            hashes = [d.content_hash for d, *_ in items]
            ids = [d.id for d, *_ in items]
            con.begin()
            try:
                known = con.execute(_KNOWN, [hashes, ids]).fetchall()
                seen_hashes = {r[0] for r in known}
                seen_ids = {r[1] for r in known}
                rows: dict[str, list[Row]] = {t: [] for t in WRITE_TABLES}
                learned: list[Person] = []
                now = _now()
                written = 0
                keys: set[str] = set()  # group keys of the new events: their counts change
                for n, item in enumerate(items):
                    doc = item[0]
                    if doc.content_hash in seen_hashes or doc.id in seen_ids:
                        continue
                    seen_hashes.add(doc.content_hash)
                    seen_ids.add(doc.id)
                    for table, new in _rows(item, now).items():
                        rows[table] += new
                    keys.update(group_key(e) for e in item[1])
                    if people is not None and n < len(people):
                        learned += aggregate(people[n], doc.published)
                    written += 1
                for table in WRITE_TABLES:
                    self._insert(table, rows[table])
                self._refresh_groups(sorted(keys))
                self._upsert_people(learned)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        return written

    def _insert(self, table: str, rows: list[Row]) -> None:
        """Append rows in one statement: each column goes in as one list parameter and is unnested
        (much faster than executemany, which runs one insert per row)."""
        if rows:
            self._con.execute(self._inserts[table], [list(col) for col in zip(*rows, strict=True)])

    def _refresh_groups(self, keys: list[str]) -> None:
        """Recount the cross-document counts of these group keys (in the writer's transaction)."""
        if keys:
            self._con.execute("INSERT OR REPLACE INTO event_groups "
                              + GROUP_COUNTS.format(keys="SELECT unnest(?::VARCHAR[])"), [keys, keys])

    def _upsert_people(self, learned: list[Person]) -> None:
        merged = merge(learned)
        if merged:
            cols = [[p.key[0] for p in merged], [p.key[1] for p in merged], [p.country for p in merged],
                    [p.name for p in merged], [p.surname for p in merged], [p.sector for p in merged],
                    [p.role for p in merged], [p.first_seen for p in merged], [p.last_seen for p in merged],
                    [p.mentions for p in merged], [p.documents for p in merged]]
            self._con.execute(_UPSERT_ACTORS, cols)

    def write_error(self, err: IngestError) -> None:
        """Record an input error once: re-running over the same bad input adds no row."""
        with self._lock:
            self._con.execute(
                'INSERT INTO errors (source, locator, reason, "at") SELECT ?, ?, ?, ? WHERE NOT EXISTS '
                '(SELECT 1 FROM errors WHERE source = ? AND locator IS NOT DISTINCT FROM ? AND reason = ?)',
                [err.source, err.locator, err.reason, _now(), err.source, err.locator, err.reason])

    # -- reading ---------------------------------------------------------------------------------

    def _fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        with self._lock:
            return self._con.execute(sql, list(params)).fetchall()

    def events(self, *, country: str | None = None, type: str | None = None, since: date | None = None,
               until: date | None = None, source_country: str | None = None,
               target_country: str | None = None, min_confidence: float | None = None,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Event records (exactly as `Event.to_record()` gave them), ordered by date then event id.

        country: any source or target actor has this ISO alpha-3 country; source_country/target_country:
        any actor on that side has it. type: PLOVER type, any case. since/until: the event's date period
        overlaps [since, until] (see the module docstring). min_confidence: confidence >= it.
        (`query.Database.events` has every filter and adds cross-document counts.)"""
        from .query import Filters, events_sql

        f = Filters.make(country=country, type=type, since=since, until=until, source_country=source_country,
                         target_country=target_country, min_confidence=min_confidence)
        sql, params = events_sql(f, limit=limit, offset=offset, counts=False)
        return [json.loads(r[0]) for r in self._fetch(sql, params)]

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A new connection to the same database for one thread's reads (close it when done)."""
        with self._lock:
            return self._con.cursor()

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A stored document by id (for showing an event's evidence in context), or None."""
        rows = self._fetch("SELECT id, content_hash, published, title, url, source, text FROM documents"
                           " WHERE id = ?", [doc_id])
        if not rows:
            return None
        keys = ("id", "content_hash", "published", "title", "url", "source", "text")
        rec = dict(zip(keys, rows[0], strict=True))
        rec["published"] = rec["published"].isoformat()
        return rec

    def people(self, *, country: str | None = None) -> list[Person]:
        """The actor registry's rows (one per person, role and country), by name then first seen."""
        sql = ("SELECT name, country, sector, role, first_seen, last_seen, mentions, documents FROM actors"
               + (" WHERE country = ?" if country is not None else "")
               + " ORDER BY name, first_seen, role")
        rows = self._fetch(sql, [country.upper()] if country is not None else [])
        return [Person(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), int(r[7])) for r in rows]

    def registry(self) -> Registry:
        """A snapshot of the actor registry for resolving people (`actors.resolve(..., registry=)`)."""
        return Registry(self.people())

    def schema_version(self) -> int:
        return int(self._fetch("SELECT coalesce(max(version), 0) FROM schema_version")[0][0])

    def counts(self) -> dict[str, int]:
        """Row count of every table."""
        return {t: int(self._fetch(f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}  # names are constants

    def count_by_type(self) -> list[tuple[str, int]]:
        """(PLOVER type, events) most frequent first."""
        rows = self._fetch("SELECT plover_type, count(*) AS n FROM events GROUP BY plover_type"
                           " ORDER BY n DESC, plover_type")
        return [(r[0], int(r[1])) for r in rows]

    def top_dyads(self, n: int = 10) -> list[tuple[str, str, int]]:
        """(source country, target country, events) of the first source and target actors, most frequent
        first; only pairs where both countries are known and differ."""
        rows = self._fetch(
            "SELECT source_country, target_country, count(*) AS n FROM events"
            " WHERE source_country IS NOT NULL AND target_country IS NOT NULL"
            " AND source_country <> target_country"
            " GROUP BY source_country, target_country ORDER BY n DESC, source_country, target_country"
            " LIMIT ?", [max(int(n), 0)])
        return [(r[0], r[1], int(r[2])) for r in rows]

    def sample_events(self, n: int) -> list[dict[str, Any]]:
        """The n highest-confidence event records (ties by event id, so the sample is deterministic)."""
        rows = self._fetch("SELECT record FROM events ORDER BY confidence DESC NULLS LAST, event_id LIMIT ?",
                           [max(int(n), 0)])
        return [json.loads(r[0]) for r in rows]

    def errors(self) -> list[dict[str, Any]]:
        """Recorded ingest errors, oldest first; `at` is an ISO timestamp in UTC."""
        rows = self._fetch('SELECT id, source, locator, reason, "at" FROM errors ORDER BY id')
        return [{"id": int(r[0]), "source": r[1], "locator": r[2], "reason": r[3], "at": r[4].isoformat()}
                for r in rows]

    # -- live news: feeds, fetch state and syndicated copies (migration 4; feeds.py, live.py) ----------

    def add_feed(self, url: str) -> bool:
        """Register a feed URL; False when it is already registered."""
        rows = self._fetch("INSERT INTO feeds (url, added_at) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING url",
                           [url, _now()])
        return bool(rows)

    def feeds(self) -> list[dict[str, Any]]:
        """Registered feeds with their last poll (status, error, validators), oldest first."""
        keys = ("url", "added_at", "title", "etag", "last_modified", "polled_at", "status", "error")
        rows = self._fetch(f"SELECT {', '.join(keys)} FROM feeds ORDER BY added_at, url")  # constant names
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def record_poll(self, url: str, *, status: int | None, error: str | None, title: str | None = None,
                    etag: str | None = None, last_modified: str | None = None) -> None:
        """A feed's last poll; the title and validators are kept when not given (a 304 or an error)."""
        self._fetch("UPDATE feeds SET polled_at = ?, status = ?, error = ?, title = coalesce(?, title),"
                    " etag = coalesce(?, etag), last_modified = coalesce(?, last_modified) WHERE url = ?",
                    [_now(), status, error, title, etag, last_modified, url])

    def feed_item(self, url: str) -> dict[str, Any] | None:
        """What was fetched for a feed item's URL, or None if it never was."""
        keys = ("url", "feed_url", "entry_id", "updated", "etag", "last_modified", "content_hash", "doc_id",
                "status", "fetched_at")
        rows = self._fetch(f"SELECT {', '.join(keys)} FROM feed_items WHERE url = ?", [url])  # constant names
        return dict(zip(keys, rows[0], strict=True)) if rows else None

    def record_item(self, url: str, feed_url: str, *, entry_id: str | None, updated: str | None,
                    etag: str | None, last_modified: str | None, content_hash: str | None, doc_id: str | None,
                    status: str) -> None:
        self._fetch("INSERT OR REPLACE INTO feed_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [url, feed_url, entry_id, updated, etag, last_modified, content_hash, doc_id, status, _now()])

    def host(self, host: str) -> dict[str, Any] | None:
        """Politeness state of a host: robots.txt as fetched (status, text, when) and the last request."""
        keys = ("host", "robots_status", "robots_txt", "robots_at", "last_request_at")
        rows = self._fetch(f"SELECT {', '.join(keys)} FROM hosts WHERE host = ?", [host])  # constant names
        return dict(zip(keys, rows[0], strict=True)) if rows else None

    def record_host(self, host: str, *, robots_status: int | None = None, robots_txt: str | None = None,
                    robots_at: datetime | None = None, last_request_at: datetime | None = None) -> None:
        """Update a host's state; fields not given keep their stored value."""
        self._fetch("INSERT INTO hosts VALUES (?, ?, ?, ?, ?) ON CONFLICT (host) DO UPDATE SET"
                    " robots_status = coalesce(excluded.robots_status, hosts.robots_status),"
                    " robots_txt = coalesce(excluded.robots_txt, hosts.robots_txt),"
                    " robots_at = coalesce(excluded.robots_at, hosts.robots_at),"
                    " last_request_at = coalesce(excluded.last_request_at, hosts.last_request_at)",
                    [host, robots_status, robots_txt, robots_at, last_request_at])

    def signatures(self, since: date, until: date) -> list[tuple[str, date, list[int]]]:
        """(doc_id, published, MinHash signature) of the signed documents published in [since, until]."""
        rows = self._fetch("SELECT doc_id, published, minhash FROM signatures WHERE published BETWEEN ? AND ?"
                           " ORDER BY published, doc_id", [since, until])
        return [(r[0], r[1], list(r[2])) for r in rows]

    def unsigned_documents(self, since: date, until: date) -> list[tuple[str, date, str]]:
        """(id, published, text) of coded documents in [since, until] without a signature yet (stored by
        `ingest`, say), so that a syndicated copy arriving later is still matched against them."""
        return [(r[0], r[1], r[2]) for r in self._fetch(
            "SELECT d.id, d.published, d.text FROM documents d WHERE d.published BETWEEN ? AND ?"
            " AND d.id NOT IN (SELECT doc_id FROM signatures) AND d.id NOT IN (SELECT doc_id FROM duplicates)",
            [since, until])]

    def save_signatures(self, rows: Sequence[tuple[str, date, Sequence[int]]]) -> None:
        for doc_id, published, minhash in rows:
            self._fetch("INSERT OR REPLACE INTO signatures VALUES (?, ?, ?)", [doc_id, published, list(minhash)])

    def write_duplicate(self, doc: Document, original_id: str, similarity: float) -> bool:
        """Store a syndicated copy of a stored document: the document itself (for audit) without events,
        and its link to the original, in one transaction. False, writing nothing, if already stored."""
        with self._lock:
            con = self._con
            con.begin()
            try:
                if con.execute(_KNOWN, [[doc.content_hash], [doc.id]]).fetchall():
                    con.rollback()
                    return False
                now = _now()
                self._insert("documents", _rows((doc, [], [], []), now)["documents"])
                con.execute("INSERT INTO duplicates VALUES (?, ?, ?, ?, ?)",
                            [doc.id, original_id, similarity, source_key(doc), now])
                self._refresh_groups([r[0] for r in con.execute(
                    "SELECT DISTINCT group_key FROM events WHERE doc_id = ?", [original_id]).fetchall()])
                con.commit()
            except BaseException:
                con.rollback()
                raise
        return True

    def duplicates(self) -> list[dict[str, Any]]:
        """Every stored syndicated copy with its original, similarity and source, oldest first."""
        keys = ("doc_id", "original_id", "similarity", "source_key", "detected_at")
        rows = self._fetch(f"SELECT {', '.join(keys)} FROM duplicates ORDER BY detected_at, doc_id")
        return [dict(zip(keys, r, strict=True)) for r in rows]


def _insert_sql(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """INSERT INTO table SELECT unnest(?::TYPE[]), ... for all its columns (names and types from the
    schema itself, never from input)."""
    types = con.execute("SELECT data_type FROM information_schema.columns WHERE table_schema = 'main'"
                        " AND table_name = ? ORDER BY ordinal_position", [table]).fetchall()
    return f"INSERT INTO {table} SELECT " + ", ".join(f"unnest(?::{t}[])" for (t,) in types)


def _migrate(con: duckdb.DuckDBPyConnection, *, read_only: bool) -> None:
    """Apply the migrations this file lacks, each in its own transaction, recording each one."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables"
                         " WHERE table_schema = 'main' AND table_name = 'schema_version'").fetchall()[0][0]
    current = 0
    if exists:
        current = int(con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0])
    if current > len(MIGRATIONS):
        raise StoreError(f"store schema version {current} is newer than this code ({len(MIGRATIONS)});"
                         " upgrade newsevents")
    if current == len(MIGRATIONS):
        return
    if read_only:
        raise StoreError(f"store schema version {current} needs migrating to {len(MIGRATIONS)};"
                         " open it once for writing")
    _migrate_to(con, len(MIGRATIONS), current)


def _migrate_to(con: duckdb.DuckDBPyConnection, target: int, current: int = 0) -> None:
    """Apply migrations current+1 .. target (tests build old stores with it)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                " applied_at TIMESTAMP NOT NULL)")
    for version in range(current + 1, target + 1):
        con.begin()
        try:
            for statement in MIGRATIONS[version - 1]:
                con.execute(statement)
            con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _now()])
            con.commit()
        except BaseException:
            con.rollback()
            raise


def open_store(path: str, *, read_only: bool = False) -> Store:
    """Open (and migrate) the store at `path`; same as `Store.open`."""
    return Store.open(path, read_only=read_only)


class SharedStore:
    """The ingest writer's store: it holds the file only while it writes a batch, so readers (the API)
    go on between batches. Each write opens the store for writing (announcing itself, see the module
    docstring), writes in one transaction and closes it, which checkpoints; each read opens it read-only
    beside any other readers. It has the `Store` methods the writer uses."""

    def __init__(self, path: str, *, wait: float = WRITER_WAIT) -> None:
        self.path = path
        self.wait = wait
        self._lock = threading.Lock()  # one open at a time in this process (DuckDB refuses mixed modes)
        with self.writing():
            pass  # create and migrate the file now

    @contextmanager
    def writing(self) -> Iterator[Store]:
        with self._lock, Store.open(self.path, wait=self.wait) as store:
            yield store

    @contextmanager
    def reading(self) -> Iterator[Store]:
        with self._lock, Store.open(self.path, read_only=True, wait=self.wait) as store:
            yield store

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        with self.reading() as store:
            return store.known_hashes(hashes)

    def has_document(self, content_hash: str) -> bool:
        return bool(self.known_hashes([content_hash]))

    def counts(self) -> dict[str, int]:
        with self.reading() as store:
            return store.counts()

    def registry(self) -> Registry:
        with self.reading() as store:
            return store.registry()

    def write_batch(self, items: Sequence[Item], people: Sequence[Sequence[ActorMention]] | None = None) -> int:
        with self.writing() as store:
            return store.write_batch(items, people)

    def write_document(self, doc: Document, events: Sequence[Event], timexes: Sequence[Timex] = (),
                       mentions: Sequence[Mention] = ()) -> bool:
        return self.write_batch([(doc, events, timexes, mentions)]) == 1

    def write_error(self, err: IngestError) -> None:
        with self.writing() as store:
            store.write_error(err)

    # -- what watch mode uses (feeds.py, live.py), each call in its own short opening ---------------

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.reading() as store:
            return store.document(doc_id)

    def feeds(self) -> list[dict[str, Any]]:
        with self.reading() as store:
            return store.feeds()

    def feed_item(self, url: str) -> dict[str, Any] | None:
        with self.reading() as store:
            return store.feed_item(url)

    def host(self, host: str) -> dict[str, Any] | None:
        with self.reading() as store:
            return store.host(host)

    def signatures(self, since: date, until: date) -> list[tuple[str, date, list[int]]]:
        with self.reading() as store:
            return store.signatures(since, until)

    def unsigned_documents(self, since: date, until: date) -> list[tuple[str, date, str]]:
        with self.reading() as store:
            return store.unsigned_documents(since, until)

    def record_poll(self, url: str, **fields: Any) -> None:
        with self.writing() as store:
            store.record_poll(url, **fields)

    def record_item(self, url: str, feed_url: str, **fields: Any) -> None:
        with self.writing() as store:
            store.record_item(url, feed_url, **fields)

    def record_host(self, host: str, **fields: Any) -> None:
        with self.writing() as store:
            store.record_host(host, **fields)

    def save_signatures(self, rows: Sequence[tuple[str, date, Sequence[int]]]) -> None:
        with self.writing() as store:
            store.save_signatures(rows)

    def write_duplicate(self, doc: Document, original_id: str, similarity: float) -> bool:
        with self.writing() as store:
            return store.write_duplicate(doc, original_id, similarity)

    def close(self) -> None:
        """Nothing to release: the file is only held while writing."""

    def __enter__(self) -> SharedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


AnyStore = Store | SharedStore  # what watch mode's feeds.py and live.py read and write through
