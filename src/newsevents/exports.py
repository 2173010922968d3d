"""Exports of the selected events: JSONL, CSV, Parquet, GDELT 2.0 and ICEWS tables, GeoJSON.

Every format is produced as an iterator of byte chunks, read batch by batch from the store (nothing
but one batch is held in memory, Parquet included: each batch becomes a row group), so the CLI writes
them to a file or standard output and the HTTP API streams them. The column layouts and where their
values differ from GDELT's and ICEWS's are in docs/exports.md.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import Any

from .query import FLAT_COLUMNS, Database, arrow_schema, country_names, flatten
from .store import period
from .types import Record, json_line

# format -> (media type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "jsonl": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
    "gdelt": ("text/tab-separated-values; charset=utf-8", "gdelt.tsv"),
    "icews": ("text/tab-separated-values; charset=utf-8", "icews.tsv"),
    "geojson": ("application/geo+json", "geojson"),
}

# The GDELT 2.0 event table, in order (GDELT Event Codebook V2.0): 61 tab-separated columns, no header.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

# The ICEWS coded event data layout (Dataverse files): 20 tab-separated columns, with this header.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)

Places = dict[tuple[str, str], tuple[str | None, int | None]]


class ExportError(ValueError):
    """An export cannot be made as asked (unknown format...)."""


def export(db: Database, fmt: str, **options: Any) -> Iterator[bytes]:
    """The selected events in format `fmt`, as byte chunks. options: the query's filters (see query.py),
    sort, order and limit."""
    writers = {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet, "gdelt": _gdelt, "icews": _icews,
               "geojson": _geojson}
    if fmt not in writers:
        raise ExportError(f"format: {fmt!r} is not one of {', '.join(writers)}")
    return writers[fmt](db, options)


def _clean(value: Any) -> str:
    """A TSV cell: no tabs or line breaks inside, None as empty."""
    if value is None:
        return ""
    return " ".join(str(value).replace("\t", " ").splitlines())


def _tsv(rows: Sequence[Sequence[Any]]) -> bytes:
    return "".join("\t".join(_clean(v) for v in row) + "\n" for row in rows).encode("utf-8")


def _jsonl(db: Database, options: dict[str, Any]) -> Iterator[bytes]:
    for batch in db.iter_batches(**options):
        yield "".join(json_line(r) + "\n" for r in batch).encode("utf-8")


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv(db: Database, options: dict[str, Any]) -> Iterator[bytes]:
    names = [c for c, _ in FLAT_COLUMNS]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(names)
    for batch in db.iter_batches(**options):
        for r in batch:
            flat = flatten(r)
            w.writerow([_csv_cell(flat[c]) for c in names])
        yield buf.getvalue().encode("utf-8")
        buf.seek(0)
        buf.truncate()
    if buf.tell():
        yield buf.getvalue().encode("utf-8")


class _Sink(io.RawIOBase):
    """A write-only file that keeps what is written until taken (Parquet row groups, streamed)."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []
        self._pos = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        b = bytes(data)
        self._chunks.append(b)
        self._pos += len(b)
        return len(b)

    def tell(self) -> int:
        return self._pos

    def take(self) -> bytes:
        out = b"".join(self._chunks)
        self._chunks.clear()
        return out


def _parquet(db: Database, options: dict[str, Any]) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    sink = _Sink()
    with pq.ParquetWriter(sink, schema, compression="zstd") as writer:
        for batch in db.iter_batches(**options):
            writer.write_batch(pa.RecordBatch.from_pylist([flatten(r) for r in batch], schema=schema))
            if chunk := sink.take():
                yield chunk
    yield sink.take()


def _first(actors: list[Record]) -> Record | None:
    return actors[0] if actors else None


def _geo_type(country: str | None, kind: str | None) -> int:
    """GDELT geographic resolution: 1 country, 2 US state, 3 US city, 4 world city, 5 other (ADM1 region)."""
    if kind == "country":
        return 1
    if kind == "city":
        return 3 if country == "USA" else 4
    return 2 if country == "USA" and kind == "region" else 5


def _day(rec: Record) -> date | None:
    span = period(rec["date"])
    return span[0] if span else None


def gdelt_row(rec: Record, doc: Record | None, places: Places) -> list[Any]:
    """One event as a GDELT 2.0 event table row (61 values in GDELT_COLUMNS order)."""
    d = _day(rec)
    row: list[Any] = [rec["event_id"], f"{d:%Y%m%d}" if d else "", f"{d:%Y%m}" if d else "",
                      d.year if d else "",
                      f"{d.year + d.timetuple().tm_yday / 365:.4f}" if d else ""]
    for actor in (_first(rec["source"]), _first(rec["target"])):
        if actor is None:
            row += [""] * 10
        else:
            row += [actor["code"], actor.get("name") or actor["text"], actor.get("country") or "",
                    "IGO" if actor.get("sector") == "IGO" and not actor.get("country") else "",
                    "", "", "", actor.get("sector") or "", "", ""]
    cameo = rec["cameo"]
    row += ["1" if rec["evidence"]["sentence_index"] == 0 else "0", cameo["code"], cameo["code"][:3],
            cameo["root"], cameo["quad_class"], cameo["goldstein"], rec["num_mentions"],
            rec.get("num_sources", 1), rec.get("num_articles", 1), ""]
    row += [0, "", "", "", "", "", "", ""] * 2  # actor geographies: not coded
    loc = rec.get("location")
    if loc:
        kind, geonames_id = places.get((rec["doc_id"], loc.get("name") or ""), (None, None))
        feature = geonames_id if geonames_id is not None else (loc.get("country") if kind == "country" else "")
        row += [_geo_type(loc.get("country"), kind), loc.get("name") or loc["text"], loc.get("country") or "",
                "", "", loc.get("lat"), loc.get("lon"), feature]
    else:
        row += [0, "", "", "", "", "", "", ""]
    added: datetime | None = doc.get("ingested_at") if doc else None
    row += [f"{added:%Y%m%d%H%M%S}" if added else "", (doc or {}).get("url") or ""]
    return row


def _context(db: Database, batch: list[Record]) -> tuple[dict[str, Record], Places]:
    ids = [r["doc_id"] for r in batch]
    return db.documents_meta(ids), db.places(ids)


def _gdelt(db: Database, options: dict[str, Any]) -> Iterator[bytes]:
    for batch in db.iter_batches(**options):
        docs, places = _context(db, batch)
        yield _tsv([gdelt_row(r, docs.get(r["doc_id"]), places) for r in batch])


def _publisher(doc: Record | None) -> str:
    if not doc:
        return ""
    if doc.get("source"):
        return str(doc["source"])
    url = str(doc.get("url") or "")
    return url.split("://", 1)[1].split("/", 1)[0] if "://" in url else ""


def icews_row(rec: Record, doc: Record | None, places: Places) -> list[Any]:
    """One event as an ICEWS row (20 values in ICEWS_COLUMNS order)."""
    from .ontology import cameo_code

    names = country_names()

    def actor(a: Record | None) -> list[Any]:
        if a is None:
            return ["", "", ""]
        country: str = a.get("country") or ""
        whole = country and not a.get("sector") and not a.get("name")  # a country as a whole
        name = names.get(country, country) if whole else (a.get("name") or a["text"])
        return [name, a.get("sector") or "", names.get(country, country) if country else ""]

    cameo = rec["cameo"]
    try:
        text = cameo_code(cameo["code"]).name
    except KeyError:
        text = ""
    d = _day(rec)
    loc = rec.get("location") or {}
    kind = places.get((rec["doc_id"], loc.get("name") or ""), (None, None))[0] if loc else None
    src, tgt = actor(_first(rec["source"])), actor(_first(rec["target"]))
    return [rec["event_id"], d.isoformat() if d else "", *src, text, cameo["code"], cameo["goldstein"], *tgt,
            rec["doc_id"], rec["evidence"]["sentence_index"] + 1, _publisher(doc),
            loc.get("name") if kind == "city" else "", "", loc.get("name") if kind == "region" else "",
            names.get(loc.get("country") or "", loc.get("country") or ""), loc.get("lat"), loc.get("lon")]


def _icews(db: Database, options: dict[str, Any]) -> Iterator[bytes]:
    yield _tsv([ICEWS_COLUMNS])
    for batch in db.iter_batches(**options):
        docs, places = _context(db, batch)
        yield _tsv([icews_row(r, docs.get(r["doc_id"]), places) for r in batch])


def geojson_feature(rec: Record) -> Record:
    loc = rec["location"]
    return {
        "type": "Feature",
        "id": rec["event_id"],
        "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
        "properties": {
            "event_id": rec["event_id"], "doc_id": rec["doc_id"], "date": rec["date"],
            "plover_type": rec["plover"]["type"], "cameo_code": rec["cameo"]["code"],
            "quad_class": rec["cameo"]["quad_class"], "goldstein": rec["cameo"]["goldstein"],
            "source": "+".join(a["code"] for a in rec["source"]), "target": "+".join(a["code"] for a in rec["target"]),
            "location_name": loc.get("name"), "location_country": loc.get("country"),
            "confidence": rec["confidence"], "trigger": rec["evidence"]["trigger"],
            "num_articles": rec.get("num_articles"), "num_sources": rec.get("num_sources"),
        },
    }


def _geojson(db: Database, options: dict[str, Any]) -> Iterator[bytes]:
    yield b'{"type": "FeatureCollection", "features": [\n'
    first = True
    for batch in db.iter_batches(**{**options, "located": True}):
        parts = [json.dumps(geojson_feature(r), ensure_ascii=False) for r in batch]
        if parts:
            yield (("" if first else ",\n") + ",\n".join(parts)).encode("utf-8")
            first = False
    yield b"\n]}\n"
