"""The HTTP API: FastAPI over one event database, read-only by default.

    newsevents serve --db newsevents.duckdb          # http://127.0.0.1:8000/api/health

Endpoints (GET unless marked, JSON unless exporting; the OpenAPI schema is served at /openapi.json and
checked in as docs/openapi.json, regenerated with `newsevents openapi > docs/openapi.json`):

    /api/health                      store version and counts
    /api/events                      filtered, sorted, paginated event records (at most MAX_LIMIT a page)
    /api/events/{event_id}           one event, its document's details and the same event in other documents
    /api/documents/{doc_id}          a document's text, its events and every coded span (offsets)
    /api/actors                      actor codes of the selected events with counts; registry people
    /api/dyads/{a}/{b}/series        counts by QuadClass and Goldstein sum/mean per day|week|month, both ways
    /api/countries/{code}            a country's summary
    /api/network                     weighted directed edges between actor codes or countries
    /api/export?format=...           jsonl|csv|parquet|gdelt|icews|geojson, streamed
    /api/types/series                event counts by PLOVER type per day|week|month
    /api/movers                      dyads or countries whose events this week differ most from the weeks before
    /api/countries                   every country's event counts (party, located) with its ISO numeric code

    POST /api/documents              code and store one document; only with a write token (Bearer)

Every event endpoint takes the same filters as `newsevents.query.Filters`. Errors are JSON with a
`detail` message and never a stack trace; there is no CORS (the dashboard is served by this server).

Limits (docs/reliability.md): pages of at most MAX_LIMIT events, request bodies of at most MAX_BODY bytes,
queries interrupted after `query_timeout` seconds (503). The database is read-only to the API unless the
server is started with a write token, and it shares the file with an `ingest` writing it (query.Database):
a read that cannot get the file within its time budget answers 503 with Retry-After. Answers are cached
by URL and the state of the database file (`AnswerCache`): a writer's commit changes the file, and so the
key, in every server process alike.
The web dashboard (newsevents.web: /, /events, /event/{id}, /dyad/{a}/{b}, /country/{code}, /map,
/network; docs/dashboard.md) is served by the same app.
"""

from __future__ import annotations

import datetime
import functools
import hmac
import json
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Hashable
from contextlib import asynccontextmanager
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any, Literal, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import web
from .exports import FORMATS, export
from .query import DEFAULT_LIMIT, MAX_LIMIT, Database, DatabaseBusy, Filters, QueryError, QueryTimeout

log = logging.getLogger("newsevents.api")

QUERY_TIMEOUT = 10.0  # seconds before a query is interrupted
MAX_BODY = 2_000_000  # bytes in a request body: a document of 1 MB of text, JSON-escaped, fits
CACHE_BYTES = 64 << 20  # answers kept in memory per server process
ENV_DB, ENV_TOKEN, ENV_CACHE = "NEWSEVENTS_DB", "NEWSEVENTS_WRITE_TOKEN", "NEWSEVENTS_CACHE_BYTES"

Str = Annotated[str | None, Query(max_length=200)]


# -- response models ------------------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Actor(_Model):
    text: str
    name: str | None
    role: str | None
    country: str | None = Field(description="ISO 3166 alpha-3; null for international organisations")
    sector: str | None
    code: str = Field(description="CAMEO-style code: country then sector, e.g. JPNGOV")


class Location(_Model):
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class QuantityModel(_Model):
    text: str
    amount: float
    currency: str | None = None
    unit: str | None = None


class Evidence(_Model):
    sentence_index: int
    sentence: str
    start: int = Field(description="character offset of the trigger phrase in the document text")
    end: int
    trigger: str


class Plover(_Model):
    type: str
    mode: str | None
    context: list[str]


class CameoModel(_Model):
    code: str
    root: str
    goldstein: float
    quad_class: int


class EventRecord(_Model):
    """An event record (docs/record.md) with its cross-document counts."""

    event_id: str
    doc_id: str
    published: str
    date: str
    date_precision: str
    date_source: str
    date_text: str | None
    plover: Plover
    cameo: CameoModel
    source: list[Actor]
    target: list[Actor]
    location: Location | None
    modality: str
    reported_by: Actor | None = None
    quantities: list[QuantityModel]
    evidence: Evidence
    num_mentions: int
    other_evidence: list[Evidence]
    confidence: float
    num_articles: int | None = Field(None, description="distinct documents reporting this type, dyad and date")
    num_sources: int | None = Field(None, description="distinct sources reporting this type, dyad and date")


class EventsPage(_Model):
    total: int
    limit: int
    offset: int
    sort: str
    order: str
    items: list[EventRecord]


class DocumentMeta(_Model):
    id: str
    published: str
    title: str | None
    url: str | None
    source: str | None
    ingested_at: str
    length: int


class SameEvent(_Model):
    event_id: str
    doc_id: str
    source: str | None
    published: str


class EventDetail(_Model):
    event: EventRecord
    document: DocumentMeta | None
    same_event: list[SameEvent] = Field(description="the events of other documents counted with this one")


class Span(_Model):
    start: int
    end: int
    kind: Literal["event", "event_actor", "actor", "place", "quantity", "timex"]
    text: str
    label: str
    event_id: str | None
    role: str | None


class DocumentOut(_Model):
    id: str
    published: str
    title: str | None
    url: str | None
    source: str | None
    text: str
    events: list[EventRecord]
    spans: list[Span]


class ActorCode(_Model):
    code: str
    country: str | None
    sector: str | None
    events: int
    as_source: int
    as_target: int


class Person(_Model):
    name: str
    role: str
    country: str
    sector: str
    first_seen: str
    last_seen: str
    documents: int
    mentions: int


class ActorsOut(_Model):
    codes: list[ActorCode]
    people: list[Person]


class SeriesPoint(_Model):
    period: str = Field(description="first day of the day, ISO week or month")
    events: int
    quad_class: dict[str, int]
    goldstein_sum: float
    goldstein_mean: float


class DyadSeries(_Model):
    a: str
    b: str
    by: str
    a_to_b: list[SeriesPoint]
    b_to_a: list[SeriesPoint]


class TypeCount(_Model):
    type: str
    events: int


class QuadCount(_Model):
    quad_class: int
    events: int


class MonthPoint(_Model):
    period: str
    events: int
    cooperation: int
    conflict: int
    goldstein_mean: float


class Partner(_Model):
    country: str
    name: str | None
    events: int
    outgoing: int
    incoming: int
    goldstein_mean: float


class CountryOut(_Model):
    country: str
    name: str | None
    events: int
    as_source: int
    as_target: int
    located: int
    documents: int
    first_date: str | None
    last_date: str | None
    goldstein_mean: float | None
    by_type: list[TypeCount]
    by_quad_class: list[QuadCount]
    by_month: list[MonthPoint]
    partners: list[Partner]


class Node(_Model):
    id: str
    events: int
    country: str | None
    label: str


class Edge(_Model):
    source: str
    target: str
    weight: int
    goldstein_mean: float


class NetworkOut(_Model):
    level: str
    nodes: list[Node]
    edges: list[Edge]


class TypeSeriesItem(_Model):
    type: str
    events: int
    counts: list[int] = Field(description="events per period, in the order of `periods`")


class TypeSeries(_Model):
    by: str
    periods: list[str] = Field(description="first day of each day, ISO week or month with events")
    series: list[TypeSeriesItem]


class Mover(_Model):
    id: str = Field(description="A->B for a dyad, the country for a country")
    a: str
    b: str | None
    label: str
    this_week: int
    previous_mean: float
    change: float = Field(description="this_week - previous_mean")
    weekly: list[int] = Field(description="events per week, oldest first; the last is this week")


class Movers(_Model):
    level: str
    week: str | None = Field(description="Monday of the week compared")
    previous_from: str | None
    weeks: int
    items: list[Mover]


class CountryTotal(_Model):
    country: str
    name: str | None
    numeric: str | None = Field(description="ISO 3166 numeric code (the id of world-atlas shapes)")
    events: int
    as_source: int
    as_target: int
    located: int
    goldstein_mean: float | None


class Health(_Model):
    status: str
    version: str
    schema_version: int
    documents: int
    events: int
    read_only: bool


class ErrorOut(_Model):
    detail: str


class DocumentIn(_Model):
    """A document to code and store, as a JSONL record of `newsevents ingest`."""

    text: str = Field(min_length=1, max_length=1_000_000)
    date: datetime.date = Field(description="publication date")
    id: str | None = Field(None, max_length=500, description="default: the sha256 of the text")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500)


class Stored(_Model):
    id: str
    stored: bool = Field(description="false when the same text or id was already stored")
    events: int = Field(description="events stored from it")


# -- dependencies ---------------------------------------------------------------------------------------


def event_filters(
    since: Annotated[date | None, Query(description="events whose date period overlaps [since, until]")] = None,
    until: Annotated[date | None, Query()] = None,
    country: Annotated[str | None, Query(max_length=200, description="ISO alpha-3 of an actor on either side")]
    = None,
    source_country: Str = None,
    target_country: Str = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor code (JPNGOV) or part of a name")] = None,
    dyad: Annotated[str | None, Query(max_length=200, description="A,B: actor codes or countries")] = None,
    directed: Annotated[bool, Query(description="dyad A->B only")] = False,
    type: Annotated[str | None, Query(max_length=200, description="PLOVER type, e.g. CONSULT")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the evidence sentence")] = None,
    located: Annotated[bool, Query(description="only events with coordinates")] = False,
) -> Filters:
    return Filters.make(since=since, until=until, country=country, source_country=source_country,
                        target_country=target_country, actor=actor, dyad=dyad, directed=directed, type=type,
                        quad_class=quad_class, min_confidence=min_confidence, text=text, located=located)


FiltersDep = Annotated[Filters, Depends(event_filters)]
Sort = Annotated[Literal["date", "confidence", "goldstein"], Query()]
Order = Annotated[Literal["asc", "desc"], Query()]


def get_db(request: Request) -> Database:
    db: Database | None = getattr(request.app.state, "db", None)
    if db is None:
        raise HTTPException(503, "the database is not open")
    return db


DB = Annotated[Database, Depends(get_db)]
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 404: {"model": ErrorOut},
                                           500: {"model": ErrorOut}, 503: {"model": ErrorOut}}
_bearer = HTTPBearer(auto_error=False, description="the token the server was started with (--write-token)")


def require_writer(request: Request,
                   given: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """401 without a Bearer token, 403 with a wrong one or when the server has none (read-only)."""
    token: str | None = request.app.state.write_token
    if not token:
        raise HTTPException(403, "this server is read-only: start it with --write-token to accept documents")
    if given is None:
        raise HTTPException(401, "give the write token as Authorization: Bearer TOKEN",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.credentials.encode(), token.encode()):
        raise HTTPException(403, "wrong write token")


class Answers:
    """Recent answers (status 200 JSON bodies) by key, least recently used dropped first, at most max_bytes."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._data: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            body = self._data.get(key)
            if body is not None:
                self._data.move_to_end(key)
            return body

    def put(self, key: Hashable, body: bytes) -> None:
        if len(body) > self.max_bytes // 16:
            return  # a huge answer would push out many small ones
        with self._lock:
            if key in self._data:
                return
            self._data[key] = body
            self._size += len(body)
            while self._size > self.max_bytes:
                self._size -= len(self._data.popitem(last=False)[1])


def file_state(db_path: str) -> tuple[int, ...] | None:
    """What changes when a writer commits to the store: the size and time of the file and of its WAL."""
    try:
        st = os.stat(db_path)
    except OSError:
        return None
    try:
        wal = os.stat(db_path + ".wal")
        return (st.st_mtime_ns, st.st_size, wal.st_mtime_ns, wal.st_size)
    except OSError:
        return (st.st_mtime_ns, st.st_size)


class AnswerCache:
    """ASGI middleware: answer a GET under /api/ from memory when the same URL was answered (200) since the
    database file last changed. Exports and health are always computed."""

    SKIP = ("/api/export", "/api/health")

    def __init__(self, app: ASGIApp, db_path: str, answers: Answers) -> None:
        self.app = app
        self.db_path = db_path
        self.answers = answers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if (scope["type"] != "http" or scope["method"] != "GET" or not path.startswith("/api/")
                or path.startswith(self.SKIP)):
            await self.app(scope, receive, send)
            return
        state = file_state(self.db_path)
        key = (state, path, scope["query_string"]) if state is not None else None
        body = self.answers.get(key) if key is not None else None
        if body is not None:
            await send({"type": "http.response.start", "status": 200, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
            await send({"type": "http.response.body", "body": body})
            return
        status, chunks = 0, []

        async def keep(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if key is not None and status == 200 and not message.get("more_body", False):
                    self.answers.put(key, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, keep)


F = TypeVar("F", bound=Callable[..., Any])


def answered(model: Any, *, exclude_unset: bool = False) -> Callable[[F], F]:
    """Run an endpoint over one snapshot of the database and answer with its JSON, validated against the
    response model by pydantic-core directly (cheaper than FastAPI's own round trip)."""
    adapter: TypeAdapter[Any] = TypeAdapter(model)

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def endpoint(**kwargs: Any) -> Response:
            with kwargs["db"].reading():
                result = fn(**kwargs)
            body = adapter.dump_json(adapter.validate_python(result), exclude_unset=exclude_unset)
            return Response(body, media_type="application/json")

        return endpoint  # type: ignore[return-value]

    return decorate


def page_body(head: dict[str, Any], rows: list[tuple[str, int, int]]) -> bytes:
    """An EventsPage as JSON: the stored record JSON of each event (written by `Event.to_record`, so of
    the EventRecord shape) with its counts appended, not parsed and re-validated: on a page of 50 that
    round trip cost more than the query (docs/performance.md, "API under load")."""
    items = ",".join(f'{rec[:-1]}, "num_articles": {n}, "num_sources": {m}}}' for rec, n, m in rows)
    return f'{json.dumps(head)[:-1]}, "items": [{items}]}}'.encode()


class BodyLimit:
    """ASGI middleware: 413 for a request body over max_bytes, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _too_large(self.max_bytes)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, limited, send)


class Contain:
    """ASGI middleware: an unexpected error answers 500 {"detail": "internal error"} (logged, never shown)
    and goes no further, so the server keeps the connection (Starlette's last resort re-raises)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            if scope["type"] != "http" or started:
                raise
            log.error("error answering %s: %r", scope.get("path"), exc)
            await JSONResponse({"detail": "internal error"}, status_code=500)(scope, receive, send)


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)


def _version() -> str:
    try:
        return version("newsevents")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "0"


# -- the app --------------------------------------------------------------------------------------------


def create_app(db_path: str, *, read_only: bool = True, write_token: str | None = None,
               query_timeout: float | None = QUERY_TIMEOUT, max_body: int = MAX_BODY,
               cache_bytes: int = CACHE_BYTES) -> FastAPI:
    """The API over the database at db_path, opened (read-only unless read_only=False) when the server
    starts and closed when it stops. With a write token, POST /api/documents codes and stores documents
    sent with it (Authorization: Bearer TOKEN); without one the API changes nothing."""
    write_token = write_token or None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database.open(db_path, read_only=read_only, query_timeout=query_timeout)
        try:
            yield
        finally:
            db, app.state.db = app.state.db, None
            db.close()

    app = FastAPI(title="newsevents", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political events coded from news articles (PLOVER, CAMEO), with the evidence "
                              "behind every event. Read-only unless the server was given a write token.")
    app.state.db = None
    app.state.read_only = read_only and write_token is None
    app.state.write_token = write_token
    app.state.answers = Answers(cache_bytes)
    app.add_middleware(Contain)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    if cache_bytes:
        app.add_middleware(AnswerCache, db_path=db_path, answers=app.state.answers)
    writer = _Writer(db_path)

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(DatabaseBusy)
    async def busy(_request: Request, exc: DatabaseBusy) -> JSONResponse:
        return JSONResponse({"detail": "the database is being written; try again shortly"}, status_code=503,
                            headers={"Retry-After": "1"})

    @app.exception_handler(QueryTimeout)
    async def too_slow(_request: Request, exc: QueryTimeout) -> JSONResponse:
        return JSONResponse({"detail": f"{exc}; narrow the filters"}, status_code=503)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("error answering %s: %r", request.url.path, exc)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    web.mount(app)

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health(db: DB) -> dict[str, Any]:
        with db.reading():
            counts = db.counts()
            schema = db.schema_version()
        return {"status": "ok", "version": app.version, "schema_version": schema,
                "documents": counts["documents"], "events": counts["events"], "read_only": app.state.read_only}

    @app.get("/api/events", response_model=EventsPage, response_model_exclude_unset=True, responses=ERRORS,
             tags=["events"])
    def events(db: DB, f: FiltersDep, sort: Sort = "date", order: Order = "asc",
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
               offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0) -> Response:
        """Event records selected by the filters, sorted (ties by event id), a page at a time."""
        total, rows = db.page_json(filters=f, sort=sort, order=order, limit=limit, offset=offset)
        return Response(page_body({"total": total, "limit": limit, "offset": offset, "sort": sort, "order": order},
                                  rows), media_type="application/json")

    @app.get("/api/events/{event_id}", response_model=EventDetail, response_model_exclude_unset=True,
             responses=ERRORS, tags=["events"])
    @answered(EventDetail, exclude_unset=True)
    def event(db: DB, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        """One event with its evidence, its document's details and the same event in other documents."""
        found = db.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, response_model_exclude_unset=True,
             responses=ERRORS, tags=["documents"])
    @answered(DocumentOut, exclude_unset=True)
    def document(db: DB, doc_id: Annotated[str, Path(max_length=500)]) -> dict[str, Any]:
        """A document's text, its events and every coded span as character offsets, for highlighting."""
        found = db.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return found

    @app.get("/api/actors", response_model=ActorsOut, responses=ERRORS, tags=["actors"])
    @answered(ActorsOut)
    def actors(db: DB, f: FiltersDep, q: Str = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> dict[str, Any]:
        """Actor codes of the selected events with counts, and registry people (name containing q)."""
        return db.actors(filters=f, q=q, limit=limit)

    @app.get("/api/dyads/{a}/{b}/series", response_model=DyadSeries, responses=ERRORS, tags=["dyads"])
    @answered(DyadSeries)
    def dyad_series(db: DB, f: FiltersDep, a: Annotated[str, Path(max_length=50)],
                    b: Annotated[str, Path(max_length=50)],
                    by: Annotated[Literal["day", "week", "month"], Query()] = "month") -> dict[str, Any]:
        """Per period, A->B and B->A: events, counts by QuadClass, Goldstein sum and mean."""
        return db.dyad(a, b, by=by, filters=f)

    @app.get("/api/countries/{code}", response_model=CountryOut, responses=ERRORS, tags=["countries"])
    @answered(CountryOut)
    def country(db: DB, f: FiltersDep, code: Annotated[str, Path(max_length=50)],
                partners: Annotated[int, Query(ge=0, le=100)] = 10) -> dict[str, Any]:
        """A country's events as a party, by type, QuadClass and month, and its top partner countries."""
        return db.country(code, partners=partners, filters=f)

    @app.get("/api/network", response_model=NetworkOut, responses=ERRORS, tags=["network"])
    @answered(NetworkOut)
    def network(db: DB, f: FiltersDep, level: Annotated[Literal["actor", "country"], Query()] = "actor",
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                min_weight: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        """Directed edges source -> target weighted by events (the heaviest `limit`), and their nodes."""
        return db.network(level=level, limit=limit, min_weight=min_weight, filters=f)

    @app.get("/api/types/series", response_model=TypeSeries, responses=ERRORS, tags=["overview"])
    @answered(TypeSeries)
    def type_series(db: DB, f: FiltersDep, by: Annotated[Literal["day", "week", "month"], Query()] = "week",
                    top: Annotated[int | None, Query(ge=1, le=100)] = None) -> dict[str, Any]:
        """Event counts by PLOVER type per day, week or month (a matrix: periods x types, busiest first)."""
        return db.type_series(by, top=top, filters=f)

    @app.get("/api/movers", response_model=Movers, responses=ERRORS, tags=["overview"])
    @answered(Movers)
    def movers(db: DB, f: FiltersDep, level: Annotated[Literal["dyad", "country"], Query()] = "dyad",
               week: Annotated[date | None, Query(description="a day of the week compared (default: the "
                                                  "latest week with events)")] = None,
               weeks: Annotated[int, Query(ge=1, le=52)] = 4,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10) -> dict[str, Any]:
        """Country dyads or countries whose events this week differ most from their mean over the weeks
        before (day-dated events only)."""
        return db.movers(level=level, week=week, weeks=weeks, limit=limit, filters=f)

    @app.get("/api/countries", response_model=list[CountryTotal], responses=ERRORS, tags=["countries"])
    @answered(list[CountryTotal])
    def countries(db: DB, f: FiltersDep) -> list[dict[str, Any]]:
        """Every country with selected events: as a party (source, target), located in it, mean Goldstein."""
        return db.country_totals(filters=f)

    @app.get("/api/export", response_class=StreamingResponse, responses={
        200: {"content": {media: {} for media, _ in FORMATS.values()}, "description": "the events, streamed"},
        **ERRORS}, tags=["export"])
    def export_events(db: DB, f: FiltersDep, format: Annotated[Literal[
                          "jsonl", "csv", "parquet", "gdelt", "icews", "geojson"], Query()] = "jsonl",
                      sort: Sort = "date", order: Order = "asc",
                      limit: Annotated[int | None, Query(ge=1)] = None) -> StreamingResponse:
        """The selected events in one of the export formats (docs/exports.md), streamed as a download."""
        media, ext = FORMATS[format]
        chunks = export(db, format, filters=f, sort=sort, order=order, limit=limit)
        return StreamingResponse(chunks, media_type=media,
                                 headers={"Content-Disposition": f'attachment; filename="events.{ext}"'})

    @app.post("/api/documents", status_code=201, response_model=Stored, tags=["documents"],
              dependencies=[Depends(require_writer)],
              responses={401: {"model": ErrorOut}, 403: {"model": ErrorOut}, 413: {"model": ErrorOut},
                         503: {"model": ErrorOut}})
    def add_document(doc: DocumentIn) -> dict[str, Any]:
        """Code one document and store it with its events, as `newsevents ingest` would (a document whose
        text or id is already stored is left as it is). Needs the server's write token."""
        return writer.add(doc)

    return app


class _Writer:
    """Codes and stores documents posted to the API, one at a time, holding the file only while writing
    (store.SharedStore), so this server's own reads and other readers go on."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._lock = threading.Lock()  # one spaCy pipeline and one write at a time

    def add(self, posted: DocumentIn) -> dict[str, Any]:
        from .ingest import record_to_document
        from .pipeline import code_documents
        from .store import SharedStore
        from .types import IngestError

        rec = {**posted.model_dump(), "date": posted.date.isoformat()}
        doc = record_to_document(rec, "api", None)
        if isinstance(doc, IngestError):
            raise HTTPException(422, doc.reason)
        with self._lock:
            store = SharedStore(self.db_path, wait=QUERY_TIMEOUT)
            coded = next(code_documents([doc], registry=store.registry()))
            written = store.write_batch([(doc, coded.events, coded.timexes, coded.mentions)], [coded.people])
        return {"id": doc.id, "stored": written == 1, "events": len(coded.events) if written else 0}


def openapi_json(app: FastAPI | None = None) -> str:
    """The OpenAPI schema as the text checked in as docs/openapi.json."""
    schema = (app or create_app(":memory:")).openapi()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def app_from_env() -> FastAPI:
    """The app over $NEWSEVENTS_DB (with $NEWSEVENTS_WRITE_TOKEN if set): the factory of each worker
    process when `serve --workers N` runs several."""
    return create_app(os.environ[ENV_DB], write_token=os.environ.get(ENV_TOKEN),
                      cache_bytes=int(os.environ.get(ENV_CACHE, CACHE_BYTES)))


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info",
          workers: int = 1, write_token: str | None = None, cache_bytes: int = CACHE_BYTES) -> None:
    """Run the API with uvicorn until interrupted, in `workers` processes (each reads the file itself)."""
    import uvicorn

    options: dict[str, Any] = {"host": host, "port": port, "log_level": log_level, "server_header": False}
    if workers <= 1:
        uvicorn.run(create_app(db_path, write_token=write_token, cache_bytes=cache_bytes), **options)
        return
    os.environ[ENV_DB], os.environ[ENV_CACHE] = db_path, str(cache_bytes)
    if write_token:
        os.environ[ENV_TOKEN] = write_token
    uvicorn.run("newsevents.api:app_from_env", factory=True, workers=workers, **options)
