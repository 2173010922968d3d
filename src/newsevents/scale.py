"""The distributed engine: the same pipeline spread over a Dask cluster, one Parquet file per shard.

`run_dask` reads the inputs in the client, cuts the documents into shards of `shard_size` (in input
order), and submits one task per shard. A shard's id is a hash of its documents' content hashes, so the
same input gives the same shards. Each task codes its shard with `pipeline.code_documents` (the model is
loaded once per worker process: `nlp.model()` is cached per process) and writes `shards/<id>.parquet`
atomically (a temporary name, then `os.replace`). A shard whose file exists is never redone, so a re-run
after a crash resumes where it stopped; a failed task is retried.

A shard file holds two kinds of rows (column `kind`):
- "event": one per event, with the main flat columns and `record`, the JSON of `Event.to_record()`;
- "document": one per document, with its fields and `coded`, the pickled `pipeline.Coded` that
  `load_shards` hands to `Store.write_batch` (our own output, read back only by this module).

`load_shards` loads shards into a DuckDB store (idempotent: the store skips stored content hashes);
`parquet_events` queries the shard files in place with DuckDB's `read_parquet`.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import pickle
import sys
import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from .store import period
from .types import Document, Event, IngestError, Record

SHARDS = "shards"
# Parquet columns of a shard file (both kinds of rows share one schema; unused columns are null).
_STRING_COLS = ("kind", "shard_id", "doc_id", "content_hash", "event_id", "published", "date",
                "date_precision", "date_source", "plover_type", "plover_mode", "cameo_code", "cameo_root",
                "source_code", "target_code", "location_name", "location_country", "modality", "trigger",
                "sentence", "record", "title", "url", "source", "text")


def shard_id(documents: Sequence[Document]) -> str:
    """Stable id of a shard: sha256 over its documents' content hashes, in order."""
    h = hashlib.sha256()
    for d in documents:
        h.update(d.content_hash.encode("ascii"))
        h.update(b"\n")
    return h.hexdigest()[:24]


def shard_dir(out_dir: str | os.PathLike[str]) -> Path:
    return Path(out_dir) / SHARDS


def shard_path(out_dir: str | os.PathLike[str], sid: str) -> Path:
    return shard_dir(out_dir) / f"{sid}.parquet"


def _event_row(sid: str, doc: Document, e: Event) -> dict[str, Any]:
    rec = e.to_record()
    span = period(e.date)
    place = e.location.place if e.location else None
    src = e.source[0].actor if e.source else None
    tgt = e.target[0].actor if e.target else None
    return {
        "kind": "event", "shard_id": sid, "doc_id": e.doc_id, "content_hash": doc.content_hash,
        "event_id": rec["event_id"], "published": rec["published"], "date": e.date,
        "date_start": span[0] if span else None, "date_end": span[1] if span else None,
        "date_precision": e.date_precision, "date_source": e.date_source,
        "plover_type": e.plover_type, "plover_mode": e.plover_mode,
        "cameo_code": e.cameo.code, "cameo_root": e.cameo.root, "goldstein": e.cameo.goldstein,
        "quad_class": e.cameo.quad_class,
        "source_code": src.code if src else None, "target_code": tgt.code if tgt else None,
        "source_countries": sorted({m.actor.country for m in e.source if m.actor.country}),
        "target_countries": sorted({m.actor.country for m in e.target if m.actor.country}),
        "location_name": place.name if place else None, "location_country": place.country if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "modality": e.modality, "confidence": rec["confidence"], "trigger": e.evidence.trigger,
        "sentence": e.evidence.sentence, "record": json.dumps(rec, ensure_ascii=False),
    }


def _write_parquet(rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [(c, pa.string()) for c in _STRING_COLS]
        + [("position", pa.int32()), ("date_start", pa.date32()), ("date_end", pa.date32()),
           ("goldstein", pa.float64()), ("quad_class", pa.int32()), ("lat", pa.float64()),
           ("lon", pa.float64()), ("confidence", pa.float64()),
           ("source_countries", pa.list_(pa.string())), ("target_countries", pa.list_(pa.string())),
           ("coded", pa.binary())])
    table = pa.Table.from_pylist(rows, schema=schema)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def code_shard(documents: list[Document], out_dir: str, sid: str, min_confidence: float = 0.0,
               crash_once: str | None = None) -> dict[str, Any]:
    """Code one shard and write its Parquet file; does nothing when the file exists (runs in a worker).

    `crash_once` (fault injection for tests): a marker file path; when it does not exist yet, the task
    creates it and kills its own worker process, so the cluster must reschedule the shard."""
    from .pipeline import code_documents, coding_error

    path = shard_path(out_dir, sid)
    if path.exists():
        return {"shard": sid, "documents": len(documents), "events": None, "skipped": True, "errors": []}
    if crash_once is not None and not os.path.exists(crash_once):
        Path(crash_once).write_text(str(os.getpid()))
        os._exit(1)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    rows: list[dict[str, Any]] = []
    n_events = 0
    failed: list[IngestError] = []  # documents the coder failed on: reported, not stored
    coded_docs = code_documents(documents, min_confidence=min_confidence,
                                on_error=lambda d, e: failed.append(coding_error(d, e, f"shard {sid}")))
    for position, coded in enumerate(coded_docs):
        doc = coded.document
        rows.append({"kind": "document", "shard_id": sid, "position": position, "doc_id": doc.id,
                     "content_hash": doc.content_hash, "published": doc.published.isoformat(),
                     "title": doc.title, "url": doc.url, "source": doc.source, "text": doc.text,
                     "coded": pickle.dumps(coded, protocol=pickle.HIGHEST_PROTOCOL)})
        for e in coded.events:
            rows.append({**_event_row(sid, doc, e), "position": position})
            n_events += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_parquet(rows, path)
    return {"shard": sid, "documents": len(documents), "events": n_events, "skipped": False, "errors": failed}


def run_dask(paths: Sequence[str], out_dir: str | os.PathLike[str], *, when: date | None = None,
             scheduler: str | None = None, shard_size: int = 200, workers: int = 2,
             max_bytes: int = 1_000_000, min_confidence: float = 0.0, timeout: float | None = None,
             crash_once: str | None = None, strict: bool = False) -> dict[str, Any]:
    """Code `paths` on a Dask cluster into `out_dir/shards/*.parquet`; returns counts, the shard ids in
    input order and the errors (IngestError: unreadable documents, then any the coder failed on).
    scheduler: a scheduler address; None starts a LocalCluster of `workers` single-threaded worker
    processes for this run. strict: the input ends at the first unreadable document, and the shard ids
    returned end before the first shard with a document the coder failed on."""
    from dask.distributed import Client, LocalCluster, as_completed

    from .ingest import read_paths
    from .pipeline import batches

    out = Path(out_dir)
    shard_dir(out).mkdir(parents=True, exist_ok=True)
    errors: list[IngestError] = []
    docs: list[Document] = []
    for item in read_paths(paths, when, max_bytes=max_bytes, stdin=sys.stdin):
        if isinstance(item, IngestError):
            errors.append(item)
            if strict:
                break
        else:
            docs.append(item)
    shards = [(shard_id(s), s) for s in batches(docs, shard_size)]
    order = [sid for sid, _ in shards]
    todo = [(sid, s) for sid, s in dict(shards).items() if not shard_path(out, sid).exists()]
    results: list[dict[str, Any]] = []
    if todo:
        cluster = None
        if scheduler is None:
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                                   dashboard_address=None)
        try:
            address = scheduler if scheduler is not None else cluster
            with Client(address, timeout=60) as client:  # type: ignore[no-untyped-call]
                futures = [client.submit(code_shard, s, str(out), sid, min_confidence, crash_once,
                                         key=f"newsevents-shard-{sid}", retries=2, pure=False)
                           for sid, s in todo]
                for fut in as_completed(futures, timeout=timeout):  # type: ignore[no-untyped-call]
                    results.append(fut.result())
        finally:
            if cluster is not None:
                cluster.close()
    done = {r["shard"] for r in results if not r["skipped"]}
    failed = {r["shard"]: r["errors"] for r in results if r["errors"]}
    for sid in order:  # coder failures in input order
        errors += failed.get(sid, [])
    if strict and failed:
        order = order[: min(order.index(sid) for sid in failed)]
    return {"documents": len(docs), "shards": order, "coded": sorted(done),
            "skipped": len(set(order) - done), "events": sum(r["events"] or 0 for r in results),
            "errors": errors, "out_dir": str(out)}


def _read_documents(path: Path) -> list[Any]:
    import pyarrow.parquet as pq

    t = pq.read_table(path, columns=["kind", "position", "coded"], filters=[("kind", "=", "document")])
    rows = sorted(zip(t.column("position").to_pylist(), t.column("coded").to_pylist(), strict=True),
                  key=lambda r: r[0])
    return [pickle.loads(blob) for _, blob in rows]  # noqa: S301 - our own shard files


def load_shards(out_dir: str | os.PathLike[str], db: str, shard_ids: Sequence[str] | None = None,
                batch_size: int = 256) -> dict[str, int]:
    """Load shards (all, by name, or `shard_ids` in that order) into the DuckDB store at `db`.
    Documents already stored are skipped by content hash, so loading twice adds nothing."""
    from .store import Store

    if shard_ids is None:
        files = sorted(shard_dir(out_dir).glob("*.parquet"))
    else:
        files = [shard_path(out_dir, s) for s in dict.fromkeys(shard_ids)]
    stats = {"shards": 0, "documents": 0, "stored": 0}
    with Store.open(db) as store:
        for f in files:
            coded = _read_documents(f)
            stats["shards"] += 1
            stats["documents"] += len(coded)
            for i in range(0, len(coded), batch_size):
                chunk = coded[i: i + batch_size]
                stats["stored"] += store.write_batch(
                    [(c.document, c.events, c.timexes, c.mentions) for c in chunk], [c.people for c in chunk])
    return stats


def parquet_glob(directory: str | os.PathLike[str]) -> str:
    """The shard files of DIR: DIR/shards/*.parquet when DIR holds a shards folder, else DIR/*.parquet."""
    d = Path(directory)
    return str((d / SHARDS if (d / SHARDS).is_dir() else d) / "*.parquet")


def parquet_events(directory: str | os.PathLike[str], *, country: str | None = None, type: str | None = None,
                   since: date | None = None, until: date | None = None, min_confidence: float | None = None,
                   limit: int | None = None) -> list[Record]:
    """Event records from shard files, queried in place (DuckDB read_parquet), with the filters of
    `Store.events`, ordered like it (date, then event id); an event in several shards comes once."""
    import duckdb

    pattern = parquet_glob(directory)
    if not glob.glob(pattern):
        return []
    conds = ["kind = 'event'"]
    params: list[Any] = [pattern]
    if country is not None:
        conds.append("(list_contains(source_countries, ?) OR list_contains(target_countries, ?))")
        params += [country, country]
    if type is not None:
        conds.append("lower(plover_type) = lower(?)")
        params.append(type)
    if since is not None:
        conds.append("date_end >= ?")
        params.append(since)
    if until is not None:
        conds.append("date_start <= ?")
        params.append(until)
    if min_confidence is not None:
        conds.append("confidence >= ?")
        params.append(min_confidence)
    params.append(limit)
    sql = ("SELECT record FROM read_parquet(?) WHERE " + " AND ".join(conds)
           + " QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY shard_id) = 1"
           " ORDER BY date_start ASC NULLS LAST, event_id LIMIT ?")
    con = duckdb.connect()
    try:
        return [json.loads(r[0]) for r in con.execute(sql, params).fetchall()]
    finally:
        con.close()
