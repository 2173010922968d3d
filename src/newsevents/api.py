"""The HTTP API: FastAPI over one event database, read-only by default.

    newsevents serve --db newsevents.duckdb          # http://127.0.0.1:8000/api/health

Endpoints (all GET, JSON unless exporting; the OpenAPI schema is served at /openapi.json and checked in
as docs/openapi.json, regenerated with `newsevents openapi > docs/openapi.json`):

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

Every event endpoint takes the same filters as `newsevents.query.Filters`. Errors are JSON with a
`detail` message and never a stack trace; there is no CORS (the dashboard is served by this server).
The web dashboard (newsevents.web: /, /events, /event/{id}, /dyad/{a}/{b}, /country/{code}, /map,
/network; docs/dashboard.md) is served by the same app.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from . import web
from .exports import FORMATS, export
from .query import DEFAULT_LIMIT, MAX_LIMIT, Database, Filters, QueryError

log = logging.getLogger("newsevents.api")

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
                                           500: {"model": ErrorOut}}


def _version() -> str:
    try:
        return version("newsevents")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "0"


# -- the app --------------------------------------------------------------------------------------------


def create_app(db_path: str, *, read_only: bool = True, write_token: str | None = None) -> FastAPI:
    """The API over the database at db_path, opened when the server starts and closed when it stops.

    read_only=False and write_token are for write endpoints to come; there are none yet."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database.open(db_path, read_only=read_only)
        try:
            yield
        finally:
            db, app.state.db = app.state.db, None
            db.close()

    app = FastAPI(title="newsevents", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political events coded from news articles (PLOVER, CAMEO), with the evidence "
                              "behind every event. Read-only.")
    app.state.db = None
    app.state.read_only = read_only
    app.state.write_token = write_token

    @app.exception_handler(QueryError)
    async def bad_query(_request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> JSONResponse:
        log.error("error answering %s: %r", request.url.path, exc)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    web.mount(app)

    @app.get("/api/health", response_model=Health, tags=["meta"])
    def health(db: DB) -> dict[str, Any]:
        counts = db.counts()
        return {"status": "ok", "version": app.version, "schema_version": db.schema_version(),
                "documents": counts["documents"], "events": counts["events"], "read_only": read_only}

    @app.get("/api/events", response_model=EventsPage, response_model_exclude_unset=True, responses=ERRORS,
             tags=["events"])
    def events(db: DB, f: FiltersDep, sort: Sort = "date", order: Order = "asc",
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
               offset: Annotated[int, Query(ge=0, le=100_000_000)] = 0) -> dict[str, Any]:
        """Event records selected by the filters, sorted (ties by event id), a page at a time."""
        return {"total": db.count(filters=f), "limit": limit, "offset": offset, "sort": sort, "order": order,
                "items": db.events(filters=f, sort=sort, order=order, limit=limit, offset=offset)}

    @app.get("/api/events/{event_id}", response_model=EventDetail, response_model_exclude_unset=True,
             responses=ERRORS, tags=["events"])
    def event(db: DB, event_id: Annotated[str, Path(max_length=200)]) -> dict[str, Any]:
        """One event with its evidence, its document's details and the same event in other documents."""
        found = db.event(event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r}")
        return found

    @app.get("/api/documents/{doc_id}", response_model=DocumentOut, response_model_exclude_unset=True,
             responses=ERRORS, tags=["documents"])
    def document(db: DB, doc_id: Annotated[str, Path(max_length=500)]) -> dict[str, Any]:
        """A document's text, its events and every coded span as character offsets, for highlighting."""
        found = db.document(doc_id)
        if found is None:
            raise HTTPException(404, f"no document {doc_id!r}")
        return found

    @app.get("/api/actors", response_model=ActorsOut, responses=ERRORS, tags=["actors"])
    def actors(db: DB, f: FiltersDep, q: Str = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100) -> dict[str, Any]:
        """Actor codes of the selected events with counts, and registry people (name containing q)."""
        return db.actors(filters=f, q=q, limit=limit)

    @app.get("/api/dyads/{a}/{b}/series", response_model=DyadSeries, responses=ERRORS, tags=["dyads"])
    def dyad_series(db: DB, f: FiltersDep, a: Annotated[str, Path(max_length=50)],
                    b: Annotated[str, Path(max_length=50)],
                    by: Annotated[Literal["day", "week", "month"], Query()] = "month") -> dict[str, Any]:
        """Per period, A->B and B->A: events, counts by QuadClass, Goldstein sum and mean."""
        return db.dyad(a, b, by=by, filters=f)

    @app.get("/api/countries/{code}", response_model=CountryOut, responses=ERRORS, tags=["countries"])
    def country(db: DB, f: FiltersDep, code: Annotated[str, Path(max_length=50)],
                partners: Annotated[int, Query(ge=0, le=100)] = 10) -> dict[str, Any]:
        """A country's events as a party, by type, QuadClass and month, and its top partner countries."""
        return db.country(code, partners=partners, filters=f)

    @app.get("/api/network", response_model=NetworkOut, responses=ERRORS, tags=["network"])
    def network(db: DB, f: FiltersDep, level: Annotated[Literal["actor", "country"], Query()] = "actor",
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
                min_weight: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        """Directed edges source -> target weighted by events (the heaviest `limit`), and their nodes."""
        return db.network(level=level, limit=limit, min_weight=min_weight, filters=f)

    @app.get("/api/types/series", response_model=TypeSeries, responses=ERRORS, tags=["overview"])
    def type_series(db: DB, f: FiltersDep, by: Annotated[Literal["day", "week", "month"], Query()] = "week",
                    top: Annotated[int | None, Query(ge=1, le=100)] = None) -> dict[str, Any]:
        """Event counts by PLOVER type per day, week or month (a matrix: periods x types, busiest first)."""
        return db.type_series(by, top=top, filters=f)

    @app.get("/api/movers", response_model=Movers, responses=ERRORS, tags=["overview"])
    def movers(db: DB, f: FiltersDep, level: Annotated[Literal["dyad", "country"], Query()] = "dyad",
               week: Annotated[date | None, Query(description="a day of the week compared (default: the "
                                                  "latest week with events)")] = None,
               weeks: Annotated[int, Query(ge=1, le=52)] = 4,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10) -> dict[str, Any]:
        """Country dyads or countries whose events this week differ most from their mean over the weeks
        before (day-dated events only)."""
        return db.movers(level=level, week=week, weeks=weeks, limit=limit, filters=f)

    @app.get("/api/countries", response_model=list[CountryTotal], responses=ERRORS, tags=["countries"])
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

    return app


def openapi_json(app: FastAPI | None = None) -> str:
    """The OpenAPI schema as the text checked in as docs/openapi.json."""
    import json

    schema = (app or create_app(":memory:")).openapi()
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, *, log_level: str = "info") -> None:
    """Run the API with uvicorn until interrupted."""
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level=log_level)
