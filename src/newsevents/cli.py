"""The `newsevents` command: a thin layer over the library."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click

from .types import Document, IngestError, Record, json_line

FORMATS_OUT = ["jsonl", "table", "csv"]


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


DATE = {"callback": _parse_date, "metavar": "YYYY-MM-DD"}


class _Errors:
    """Counts input errors and writes each as one line on stderr naming the document."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, err: IngestError) -> None:
        self.count += 1
        click.echo(f"error: {err}", err=True)


class _Stop(Exception):  # noqa: N818 - a signal, not an error
    """--strict: the first error ends the run."""


def _documents(paths: Sequence[str], when: date | None, on_error: Callable[[IngestError], None],
               max_bytes: int, *, strict: bool = False, origins: dict[str, str] | None = None) -> Iterator[Document]:
    """The documents of `paths`; errors go to on_error. With strict, reading stops at the first bad one.
    `origins` learns the path each document came from, to name one the coder fails on."""
    from .ingest import STDIN, STDIN_NAME, read_paths

    for path in paths:
        for item in read_paths([path], when, max_bytes=max_bytes, stdin=sys.stdin):
            if isinstance(item, IngestError):
                on_error(item)
                if strict:
                    return
            else:
                if origins is not None:
                    origins[item.id] = STDIN_NAME if path == STDIN else path
                yield item


def _coding_failed(on_error: Callable[[IngestError], None], origins: dict[str, str],
                   strict: bool) -> Callable[[Document, Exception], None]:
    """The coder's on_error: one IngestError naming the document (file and id); with strict, stop."""
    from .pipeline import coding_error

    def failed(doc: Document, e: Exception) -> None:
        on_error(coding_error(doc, e, origins.pop(doc.id, None)))
        if strict:
            raise _Stop

    return failed


@click.group()
@click.version_option(package_name="newsevents")
def main() -> None:
    """newsevents: dated news articles in, an auditable political event database out."""


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", "when", help="Publication date for texts that carry none.", **DATE)  # type: ignore[arg-type]
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--max-bytes", type=click.IntRange(1), default=1_000_000, show_default=True,
              help="Largest text accepted, in bytes of UTF-8; a longer one is an error naming it.")
@click.option("--strict", is_flag=True, help="Stop at the first document that cannot be read or coded.")
def code_cmd(paths: tuple[str, ...], when: date | None, fmt: str, min_confidence: float,
             max_bytes: int, strict: bool) -> None:
    """Code documents and print their events (JSON lines by default); stores nothing.

    PATHS are files (.txt, .jsonl, .jsonl.gz, .csv), folders, or - for standard input. A document that
    cannot be read or coded gets one line on stderr naming it and the others go on (--strict: the
    events of the documents before it are printed, then the command stops). The exit status is 1 when
    any document failed.
    """
    from .pipeline import code_documents

    errors = _Errors()
    origins: dict[str, str] = {}

    def records() -> Iterator[Record]:
        docs = _documents(paths, when, errors, max_bytes, strict=strict, origins=origins)
        try:
            for c in code_documents(docs, min_confidence=min_confidence,
                                    on_error=_coding_failed(errors, origins, strict)):
                origins.pop(c.document.id, None)
                yield from (e.to_record() for e in c.events)
        except _Stop:
            return

    _print_records(records(), fmt)
    if strict and errors.count:
        click.echo("stopped at the first error (--strict)", err=True)
    sys.exit(1 if errors.count else 0)


@main.command("timex")
@click.argument("file", default="-")
@click.option("--dct", required=True, help="Document creation (publication) date.", **DATE)  # type: ignore[arg-type]
def timex_cmd(file: str, dct: date) -> None:
    """Print every temporal expression in FILE (or standard input) as JSON lines.

    Offsets are character offsets into the input text exactly as given.
    """
    from . import time as timex

    raw = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise click.ClickException(f"{file}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    for t in timex.tag(text, dct):
        click.echo(json_line(t.to_record()))


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file (created if new).")
@click.option("--date", "when", help="Publication date for texts that carry none.", **DATE)  # type: ignore[arg-type]
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=64, show_default=True)
@click.option("--max-bytes", type=click.IntRange(1), default=1_000_000, show_default=True,
              help="Largest text accepted, in bytes of UTF-8; a longer one is an error naming it.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for parsing and coding (one model each); the database has one writer.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: code shards on a Dask cluster into Parquet files, then load them into --db.")
@click.option("--scheduler", default=None, help="With --engine dask: scheduler address (default: a local cluster"
              " of --workers processes).")
@click.option("--shards", "shards_dir", type=click.Path(file_okay=False), default=None,
              help="With --engine dask: folder for the shard files (default: <db>.shards next to the db).")
@click.option("--shard-size", type=click.IntRange(1), default=200, show_default=True)
@click.option("--strict", is_flag=True, help="Stop at the first document that cannot be read or coded; "
              "the documents before it are stored, none after it.")
def ingest_cmd(paths: tuple[str, ...], db: str, when: date | None, batch_size: int, max_bytes: int,
               min_confidence: float, quiet: bool, workers: int, engine: str, scheduler: str | None,
               shards_dir: str | None, shard_size: int, strict: bool) -> None:
    """Code documents and store them in a DuckDB file. Documents already stored (same text) are
    skipped before parsing, so a re-run adds nothing, and a run that was killed resumes. A document that
    cannot be read or coded gets one line on stderr naming it and a row in the errors table, and the
    others go on. The exit status is 1 when any document failed."""
    if engine == "dask":
        _ingest_dask(paths, db, when=when, max_bytes=max_bytes, min_confidence=min_confidence, workers=workers,
                     scheduler=scheduler, shards_dir=shards_dir, shard_size=shard_size, strict=strict)
        return
    summary = ingest(paths, db, when=when, batch_size=batch_size, max_bytes=max_bytes,
                     min_confidence=min_confidence, progress=not quiet, workers=workers, strict=strict)
    if strict and summary["errors"]:
        click.echo("stopped at the first error (--strict)", err=True)
    click.echo(_summary_line(summary), err=True)
    sys.exit(1 if summary["errors"] else 0)


CHECK_CHUNK = 1000  # documents looked up in the store (stored already? a syndicated copy?) at a time


def ingest(paths: Sequence[str], db: str, *, when: date | None = None, batch_size: int = 64,
           max_bytes: int = 1_000_000, min_confidence: float = 0.0, progress: bool = True,
           workers: int = 1, strict: bool = False) -> dict[str, Any]:
    """Ingest paths into db; returns the counts the CLI prints. strict: stop at the first document that
    cannot be read or coded, after storing the ones before it."""
    from tqdm import tqdm

    from .live import CopyFinder
    from .pipeline import batches, code_documents_parallel
    from .store import SharedStore

    errors = _Errors()
    t0 = time.perf_counter()
    stats = {"read": 0, "stored": 0, "skipped": 0, "copies": 0, "events": 0}
    with SharedStore(db) as store:  # holds the file only while writing a batch: `serve` reads between
        events_before = store.counts().get("events", 0)
        registry = store.registry()  # people seen in stored documents; learns as documents are coded
        bar = tqdm(unit=" docs", disable=not progress, file=sys.stderr, dynamic_ncols=True)

        def err(e: IngestError) -> None:
            with tqdm.external_write_mode(file=sys.stderr):  # the error on a line of its own, not after the bar
                errors(e)
            store.write_error(e)

        copies: list[tuple[Document, str, float]] = []  # syndicated copies, stored after their originals
        finder = CopyFinder()

        def fresh(docs: Iterable[Document]) -> Iterator[Document]:
            # checked a thousand at a time: each check opens the file, which a re-run would otherwise
            # spend most of its time on
            for chunk in batches(docs, max(batch_size, CHECK_CHUNK)):
                stats["read"] += len(chunk)
                with store.writing() as s:  # one opening of the file per chunk for both questions
                    known = s.known_hashes(d.content_hash for d in chunk)
                    new = [d for d in chunk if d.content_hash not in known]
                    originals, found = finder.split(s, new) if new else ([], [])
                for d in chunk:
                    if d.content_hash in known:
                        origins.pop(d.id, None)
                        stats["skipped"] += 1
                        bar.update(1)
                copies.extend(found)
                yield from originals

        pending: list[Any] = []
        people: list[Any] = []
        origins: dict[str, str] = {}
        docs = fresh(_documents(paths, when, err, max_bytes, strict=strict, origins=origins))
        try:
            for coded in code_documents_parallel(docs, workers=workers, batch_size=batch_size,
                                                 min_confidence=min_confidence, registry=registry,
                                                 on_error=_coding_failed(err, origins, strict)):
                origins.pop(coded.document.id, None)
                pending.append((coded.document, coded.events, coded.timexes, coded.mentions))
                people.append(coded.people)
                if len(pending) >= batch_size:
                    stats["stored"] += store.write_batch(pending, people)
                    bar.update(len(pending))
                    pending, people = [], []
        except _Stop:
            pass  # --strict: the documents coded before the failed one are stored below
        if pending:
            stats["stored"] += store.write_batch(pending, people)
            bar.update(len(pending))
        if copies:
            with store.writing() as s:
                for doc, original_id, similarity in copies:
                    origins.pop(doc.id, None)
                    if s.document(original_id) is not None and s.write_duplicate(doc, original_id, similarity):
                        stats["copies"] += 1
            bar.update(len(copies))
        bar.close()
        total_events = store.counts().get("events", 0)
        stats["events"] = total_events - events_before
    secs = time.perf_counter() - t0
    return {**stats, "errors": errors.count, "seconds": secs, "events_in_db": total_events,
            "docs_per_s": stats["stored"] / secs if secs else 0.0}


# -- the Dask engine (newsevents.scale) ----------------------------------------------------------------


def _ingest_dask(paths: Sequence[str], db: str, *, when: date | None, max_bytes: int, min_confidence: float,
                 workers: int, scheduler: str | None, shards_dir: str | None, shard_size: int,
                 strict: bool = False) -> None:
    from .scale import load_shards, run_dask
    from .store import Store

    out = shards_dir or f"{db}.shards"
    t0 = time.perf_counter()
    run = run_dask(paths, out, when=when, scheduler=scheduler, shard_size=shard_size,
                   workers=workers, max_bytes=max_bytes, min_confidence=min_confidence, strict=strict)
    loaded = load_shards(out, db, run["shards"])
    errors = _Errors()
    with Store.open(db) as store:
        for e in run["errors"]:
            errors(e)
            store.write_error(e)
    click.echo(f"documents read {run['documents']}, shards {len(run['shards'])} (coded {len(run['coded'])}, "
               f"already done {run['skipped']}) in {out}, stored {loaded['stored']}, errors {errors.count}, "
               f"{time.perf_counter() - t0:.1f} s", err=True)
    if strict and errors.count:
        click.echo("stopped at the first error (--strict)", err=True)
    sys.exit(1 if errors.count else 0)


def _summary_line(s: dict[str, Any]) -> str:
    return (f"documents read {s['read']}, stored {s['stored']}, skipped (already stored) {s['skipped']}, "
            f"events {s['events']} (in database {s['events_in_db']}), errors {s['errors']}, "
            f"{s['seconds']:.1f} s, {s['docs_per_s']:.1f} articles/s"
            + (f", syndicated copies {s['copies']} (counted as sources, not coded)" if s.get("copies") else ""))


@main.command("events")
@click.option("--db", type=click.Path(exists=True, dir_okay=False))
@click.option("--parquet", "parquet_dir", type=click.Path(exists=True, file_okay=False),
              help="Instead of --db: query the shard files of `ingest --engine dask` in place.")
@click.option("--country", help="ISO 3166 alpha-3 code of a source or target actor.")
@click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT.")
@click.option("--since", **DATE)  # type: ignore[arg-type]
@click.option("--until", **DATE)  # type: ignore[arg-type]
@click.option("--min-confidence", type=click.FloatRange(0, 1))
@click.option("--limit", type=click.IntRange(1), default=None)
@click.option("--format", "fmt", type=click.Choice(FORMATS_OUT), default=None,
              help="Default: table on a terminal, jsonl when piped.")
def events_cmd(db: str | None, parquet_dir: str | None, country: str | None, type_: str | None,
               since: date | None, until: date | None, min_confidence: float | None, limit: int | None,
               fmt: str | None) -> None:
    """Query stored events (--db), or the Parquet shard files of the Dask engine (--parquet DIR)."""
    from .store import Store

    if (db is None) == (parquet_dir is None):
        raise click.UsageError("give exactly one of --db FILE and --parquet DIR")
    if parquet_dir is not None:
        from .scale import parquet_events

        recs = parquet_events(parquet_dir, country=country, type=type_, since=since, until=until,
                              min_confidence=min_confidence, limit=limit)
        _print_records(recs, fmt or ("table" if sys.stdout.isatty() else "jsonl"))
        return
    assert db is not None
    with Store.open(db, read_only=True) as store:
        recs = store.events(country=country, type=type_, since=since, until=until,
                            min_confidence=min_confidence, limit=limit)
    _print_records(recs, fmt or ("table" if sys.stdout.isatty() else "jsonl"))


ACTOR_COLUMNS = ["name", "role", "country", "sector", "first_seen", "last_seen", "documents", "mentions"]


@main.command("actors")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--country", help="ISO 3166 alpha-3 code: only people of this country.")
@click.option("--format", "fmt", type=click.Choice(FORMATS_OUT), default=None,
              help="Default: table on a terminal, jsonl when piped.")
def actors_cmd(db: str, country: str | None, fmt: str | None) -> None:
    """List the actor registry: people seen with a role in stored documents, one row per person,
    role and country, with the first and last publication dates they were seen in that role."""
    from .store import Store

    with Store.open(db, read_only=True) as store:
        rows = [{"name": p.name, "role": p.role, "country": p.country, "sector": p.sector,
                 "first_seen": p.first_seen.isoformat(), "last_seen": p.last_seen.isoformat(),
                 "documents": p.documents, "mentions": p.mentions} for p in store.people(country=country)]
    _print_rows(rows, ACTOR_COLUMNS, fmt, width=40, none="None")


def _print_rows(rows: list[dict[str, Any]], columns: list[str], fmt: str | None, width: int,
                none: str = "") -> None:
    """Rows as jsonl, csv or an aligned table (cells cut at `width`, a missing value shown as `none`); by
    default a table on a terminal."""
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt == "jsonl":
        for r in rows:
            click.echo(json_line(r))
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=columns)
        w.writeheader()
        w.writerows(rows)
    else:
        cells = [[none if r[c] is None else str(r[c])[:width] for c in columns] for r in rows]
        widths = [max([len(c)] + [len(x[i]) for x in cells]) for i, c in enumerate(columns)]
        for line in [columns, *cells]:
            click.echo("  ".join(v.ljust(n) for v, n in zip(line, widths, strict=True)).rstrip())


@main.command("validate")
def validate_cmd() -> None:
    """Load and check every knowledge table; print what is wrong with file and line."""
    from . import events, gazetteer, ontology

    ontology.validate_all()
    gazetteer.validate_all()
    events.patterns()
    events.modality_cues()
    click.echo("all data tables are valid")


@main.command("demo")
@click.option("--corpus", default=None, help="Folder or file to ingest (default: ../shared/corpus).")
@click.option("--db", default="newsevents.duckdb", show_default=True)
@click.option("--no-serve", is_flag=True, help="Stop after the report instead of serving the dashboard.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Where the dashboard is served.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
def demo_cmd(corpus: str | None, db: str, no_serve: bool, host: str, port: int) -> None:
    """Ingest the default corpus into ./newsevents.duckdb, print a short report, then serve the web
    dashboard over it until interrupted (--no-serve: stop after the report)."""
    paths = demo_inputs(corpus)
    click.echo(f"ingesting {len(paths)} input(s) into {db}: " + ", ".join(paths), err=True)
    summary = ingest(paths, db, progress=True)
    click.echo(_summary_line(summary))
    click.echo(report(db))
    if no_serve:
        return
    from .api import serve

    click.echo(f"Dashboard: http://{host}:{port}/  (API under /api; Ctrl-C stops)")
    serve(db, host, port, log_level="warning")


def demo_inputs(corpus: str | None) -> list[str]:
    """The default corpus: the files directly in ../shared/corpus (its samples/ folder holds copies
    of State Department releases already in the JSONL file, so it is left out)."""
    root = Path(corpus or os.environ.get("NEWSEVENTS_CORPUS", "../shared/corpus"))
    if not root.exists():
        raise click.ClickException(f"corpus not found: {root} (give --corpus PATH)")
    if root.is_file() or corpus is not None and root.is_dir() and not (root / "README.md").exists():
        return [str(root)]
    exts = (".txt", ".jsonl", ".jsonl.gz", ".csv")
    return sorted(str(p) for p in root.iterdir() if p.is_file() and p.name.endswith(exts)
                  and not p.name.startswith("."))


def report(db: str) -> str:
    from .store import Store

    out = io.StringIO()
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
        out.write(f"\n{counts.get('documents', 0)} documents, {counts.get('events', 0)} events, "
                  f"{counts.get('errors', 0)} errors in {db}\n\nEvents by PLOVER type:\n")
        for t, n in store.count_by_type():
            out.write(f"  {t:<10} {n:>6}\n")
        out.write("\nTop country dyads (source -> target):\n")
        for s, t, n in store.top_dyads(10):
            out.write(f"  {s} -> {t}  {n:>5}\n")
        out.write("\nFive events with their evidence:\n")
        for r in store.sample_events(5):
            out.write(f"  {r['date']} {_actors(r['source'])} {r['plover']['type']} {_actors(r['target'])}"
                      f" (CAMEO {r['cameo']['code']}, confidence {r['confidence']})\n"
                      f"    \"{r['evidence']['sentence']}\"\n")
    return out.getvalue()


def _actors(actors: list[Record]) -> str:
    return "+".join(sorted({a["code"] for a in actors})) or "-"


TABLE_COLUMNS = ["date", "source", "type", "target", "cameo", "modality", "conf", "trigger"]


def _flat(r: Record) -> dict[str, Any]:
    return {"date": r["date"], "source": _actors(r["source"]), "type": r["plover"]["type"],
            "target": _actors(r["target"]), "cameo": r["cameo"]["code"], "modality": r["modality"],
            "conf": r["confidence"], "trigger": r["evidence"]["trigger"], "doc_id": r["doc_id"],
            "event_id": r["event_id"], "goldstein": r["cameo"]["goldstein"],
            "quad_class": r["cameo"]["quad_class"], "sentence": r["evidence"]["sentence"]}


def _print_records(records: Iterable[Record], fmt: str) -> None:
    if fmt == "jsonl":
        for r in records:
            click.echo(json_line(r))
    elif fmt == "csv":
        w: csv.DictWriter[str] | None = None
        for r in records:
            flat = _flat(r)
            if w is None:
                w = csv.DictWriter(sys.stdout, fieldnames=list(flat))
                w.writeheader()
            w.writerow(flat)
    else:
        rows = [[str(_flat(r)[c])[:60] for c in TABLE_COLUMNS] for r in records]
        widths = [max([len(c)] + [len(cells[i]) for cells in rows]) for i, c in enumerate(TABLE_COLUMNS)]
        for cells in [TABLE_COLUMNS, *rows]:
            click.echo("  ".join(v.ljust(n) for v, n in zip(cells, widths, strict=True)).rstrip())


def _filter_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters of `newsevents events`, and the further ones of the query layer."""
    options = [
        click.option("--country", help="ISO 3166 alpha-3 code of a source or target actor."),
        click.option("--type", "type_", help="PLOVER event type, e.g. CONSULT."),
        click.option("--since", **DATE),  # type: ignore[arg-type]
        click.option("--until", **DATE),  # type: ignore[arg-type]
        click.option("--min-confidence", type=click.FloatRange(0, 1)),
        click.option("--limit", type=click.IntRange(1), default=None),
        click.option("--source-country", help="ISO alpha-3 code of a source actor."),
        click.option("--target-country", help="ISO alpha-3 code of a target actor."),
        click.option("--actor", help="Actor code (JPNGOV) or part of an actor's name."),
        click.option("--dyad", metavar="A,B", help="Events between A and B (actor codes or countries)."),
        click.option("--directed", is_flag=True, help="With --dyad: only A -> B."),
        click.option("--quad-class", type=click.IntRange(1, 4)),
        click.option("--text", help="Words in the evidence sentence."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


EXPORT_FORMATS = ["jsonl", "csv", "parquet", "gdelt", "icews", "geojson"]


@main.command("export")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), required=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), default=None,
              help="File to write (default: standard output; parquet needs a file).")
@_filter_options
def export_cmd(db: str, fmt: str, out: str | None, type_: str | None, limit: int | None,
               **filters: Any) -> None:
    """Export stored events: JSON lines, CSV, Parquet, the GDELT 2.0 event table (61 tab-separated
    columns), the ICEWS layout (20 columns) or GeoJSON of located events (docs/exports.md)."""
    from .exports import export
    from .query import Database, QueryError

    if fmt == "parquet" and out is None:
        raise click.UsageError("parquet export needs --out PATH")
    try:
        with Database.open(db) as database:
            chunks = export(database, fmt, type=type_, limit=limit, **filters)
            if out is None:
                stream = sys.stdout.buffer
                for chunk in chunks:
                    stream.write(chunk)
                stream.flush()
            else:
                tmp = Path(out + ".part")
                with open(tmp, "wb") as fh:
                    for chunk in chunks:
                        fh.write(chunk)
                tmp.replace(out)
    except QueryError as e:
        raise click.BadParameter(str(e)) from None


@main.command("serve")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes (each opens the file read-only).")
@click.option("--write-token", envvar="NEWSEVENTS_WRITE_TOKEN", default=None,
              help="Accept POST /api/documents with Authorization: Bearer TOKEN (env NEWSEVENTS_WRITE_TOKEN); "
                   "without it the API changes nothing.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True, help="Server log level (info and below log each request).")
@click.option("--cache-mb", type=click.IntRange(0), default=64, show_default=True,
              help="Memory per server process for answers to repeated queries (0: none).")
def serve_cmd(db: str, host: str, port: int, workers: int, write_token: str | None, log_level: str,
              cache_mb: int) -> None:
    """Serve the HTTP API (read-only unless given a write token) over a database: /api/..., schema at
    /openapi.json. It reads while `newsevents ingest` writes the same file."""
    from .api import serve
    from .query import Database

    Database.open(db).close()  # fail now, with a message, if the file is not a usable store
    mode = "read-write with a token" if write_token else "read-only"
    click.echo(f"serving {db} ({mode}) at http://{host}:{port}/ (API under /api; Ctrl-C stops)", err=True)
    serve(db, host, port, workers=workers, write_token=write_token, log_level=log_level,
          cache_bytes=cache_mb << 20)


@main.command("openapi")
def openapi_cmd() -> None:
    """Print the HTTP API's OpenAPI schema (docs/openapi.json is this output)."""
    from .api import openapi_json

    click.echo(openapi_json(), nl=False)


# ------------------------------------------------------------------------------------------------ eval


@main.group("eval")
def eval_group() -> None:
    """Score newsevents against reference annotations (TimeML, PLOVER gold sentences, hand annotations)."""


def _scored(run: Callable[[], Any]) -> Any:
    """Run a scorer, turning an absent or unreadable gold file into a one-line error."""
    from .evaluate import GoldError, TimeMLError

    try:
        return run()
    except (GoldError, TimeMLError) as e:
        raise click.ClickException(str(e)) from None


@eval_group.command("timex")
@click.argument("folder", metavar="DIR")
@click.option("--errors", type=click.IntRange(0), default=20, show_default=True,
              help="List up to N misses of each kind (missed, spurious, wrong value).")
@click.option("--per-file", is_flag=True, help="Also print the figures of every file.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_timex_cmd(folder: str, errors: int, per_file: bool, as_json: bool) -> None:
    """Score the temporal tagger on the TimeML (.tml) files under DIR (or one file).

    Each file's raw text is tagged with its creation time (the TIMEX3 with functionInDocument=
    "CREATION_TIME"). Prints strict and relaxed extent P/R/F1, type and value accuracy (over relaxed
    matches) and value F1 = value accuracy x relaxed F1 (TempEval-3).
    """
    from .evaluate import report, timeml

    r = _scored(lambda: timeml.evaluate_dir(folder))
    if as_json:
        click.echo(json.dumps(report.timex_json(r, per_file, errors)))
    else:
        click.echo(report.timex_text(Path(folder).name or folder, r, per_file, errors))


@eval_group.command("events")
@click.argument("file")
@click.option("--show", type=click.IntRange(0), default=0, show_default=True,
              help="Print N sentences (or N wrong events) with what was coded.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("--corpus", default=None, help="State Department annotation only: the corpus holding the texts.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True,
              help="State Department annotation only: score events at or above this confidence.")
def eval_events_cmd(file: str, show: int, as_json: bool, corpus: str | None, min_confidence: float) -> None:
    """Score the event coder on gold records in FILE (.jsonl).

    PLOVER gold sentences (id, text, event, source, target, as in plover-gsr-dev.jsonl): each is coded
    on its own (dated by its `date`, else 2000-01-01); prints type accuracy of the top-confidence
    event, macro-F1 over the gold types, source/target country accuracy where the type is right, extra
    events and the top confusions. A file in the State Department annotation format (id, date,
    events) is scored as `newsevents eval statedept` does.
    """
    from .evaluate import common, plover, report, statedept

    records = _scored(lambda: common.read_jsonl(file))
    if statedept.is_annotation(records):
        _statedept(file, None, corpus, min_confidence, show, as_json)
        return
    _scored(lambda: plover.check_records(records, file))
    s = plover.evaluate(records)
    click.echo(json.dumps(s.figures()) if as_json else report.plover_text(s, show))


@eval_group.command("seed")
@click.option("--gold", default=None, help="Annotation (default: $NEWSEVENTS_SHARED or ../shared, "
              "gold/seed.gold.json).")
@click.option("--text", default=None, help="The article (default: corpus/000_585025c503813674.txt there).")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_seed_cmd(gold: str | None, text: str | None, as_json: bool) -> None:
    """Score one article's temporal expressions and events against its hand annotation.

    Reports the gold temporal expressions found with a gold value, the required and optional gold
    events found, and the emitted events that match no gold event.
    """
    from .evaluate import report, seed

    default_gold, default_text = seed.default_paths()
    for given, default in ((gold, default_gold), (text, default_text)):
        if given is None and not default.is_file():
            raise click.ClickException(f"{default} is absent: pass --gold and --text, or set $NEWSEVENTS_SHARED "
                                       "to the folder holding gold/ and corpus/")
    r = _scored(lambda: seed.evaluate(gold or default_gold, text or default_text))
    click.echo(json.dumps(r) if as_json else report.seed_text(r))


@eval_group.command("statedept")
@click.argument("file")
@click.option("--actors", default=None, help="The people/places annotation of the same releases.")
@click.option("--corpus", default=None, help="The releases (default: $NEWSEVENTS_SHARED or ../shared, "
              "corpus/statedept-releases-2021-2022.jsonl.gz).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option("--show", type=click.IntRange(0), default=0, show_default=True, help="Print N wrong events.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
def eval_statedept_cmd(file: str, actors: str | None, corpus: str | None, min_confidence: float, show: int,
                       as_json: bool) -> None:
    """Score events (and with --actors people and places) on hand-annotated releases (tests/data/).

    Precision is over all coded events at the threshold, recall over the gold events marked required.
    """
    _statedept(file, actors, corpus, min_confidence, show, as_json)


def _statedept(file: str, actors: str | None, corpus: str | None, min_confidence: float, show: int,
               as_json: bool) -> None:
    from .evaluate import report, statedept

    s = _scored(lambda: statedept.evaluate(file, actors, corpus, min_confidence))
    click.echo(json.dumps(s.figures()) if as_json else report.statedept_text(s, show))


# -- live news: feeds and watch mode (newsevents.feeds, newsevents.watch) --------------------------------


def _fetch_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """How feeds and pages are fetched (feeds.Options), shared by `feeds poll` and `watch`."""
    options = [
        click.option("--timeout", type=click.FloatRange(0.01), default=10.0, show_default=True,
                     help="Seconds to wait for a server."),
        click.option("--retries", type=click.IntRange(0, 10), default=2, show_default=True,
                     help="Further attempts after a timeout, connection error, 429 or 5xx (exponential back-off)."),
        click.option("--backoff", type=click.FloatRange(0), default=1.0, show_default=True,
                     help="Seconds before the first retry, doubled for each next one."),
        click.option("--delay", type=click.FloatRange(0), default=1.0, show_default=True,
                     help="Seconds between two requests to one host (or robots.txt's Crawl-delay if longer)."),
        click.option("--date", "when", help="Publication date for pages and entries that carry none.",
                     **DATE),  # type: ignore[arg-type]
        click.option("--max-bytes", type=int, default=1_000_000, show_default=True, help="Largest text accepted."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _options(timeout: float, retries: int, backoff: float, delay: float, max_bytes: int) -> Any:
    from .feeds import Options

    return Options(timeout=timeout, retries=retries, backoff=backoff, delay=delay, max_bytes=max_bytes)


@main.group("feeds")
def feeds_group() -> None:
    """RSS/Atom feeds: register them, list them, poll them into a database."""


@feeds_group.command("add")
@click.argument("urls", nargs=-1, required=True)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file (created if new).")
def feeds_add_cmd(urls: tuple[str, ...], db: str) -> None:
    """Register feed URLs (http or https) in the database; nothing is fetched until `feeds poll`."""
    from urllib.parse import urlsplit

    from .store import Store

    bad = [u for u in urls if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).netloc]
    if bad:
        raise click.BadParameter(f"not an http(s) URL: {', '.join(bad)}", param_hint="URLS")
    with Store.open(db) as store:
        for url in urls:
            click.echo(f"{'added' if store.add_feed(url) else 'already registered'}: {url}", err=True)


@feeds_group.command("list")
@click.option("--db", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS_OUT), default=None,
              help="Default: table on a terminal, jsonl when piped.")
def feeds_list_cmd(db: str, fmt: str | None) -> None:
    """List the registered feeds with their last poll (when, HTTP status, error)."""
    from .store import Store

    columns = ["url", "title", "polled_at", "status", "error"]
    with Store.open(db, read_only=True) as store:
        rows = [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in f.items() if k in columns}
                for f in store.feeds()]
    _print_rows(rows, columns, fmt, width=60)


@feeds_group.command("poll")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file (created if new).")
@_fetch_options
def feeds_poll_cmd(db: str, timeout: float, retries: int, backoff: float, delay: float, when: date | None,
                   max_bytes: int, min_confidence: float) -> None:
    """Fetch every registered feed once and store its new articles, coded as `ingest` codes them.

    Conditional GETs (ETag, Last-Modified), robots.txt, a delay per host, retries with back-off;
    items fetched before are not fetched again. Syndicated copies of stored stories are linked to
    them (more sources, no new events). The exit status is 1 when any feed or page failed."""
    from .feeds import Fetcher
    from .store import Store
    from .watch import run_cycle

    errors = _Errors()
    with Store.open(db) as store:
        if not store.feeds():
            raise click.ClickException(f"no feeds registered in {db} (newsevents feeds add URL --db {db})")
        fetcher = Fetcher(store, _options(timeout, retries, backoff, delay, max_bytes))
        try:
            cycle = run_cycle(store, 1, fetcher=fetcher, folder=None, fallback=when, min_confidence=min_confidence,
                              max_bytes=max_bytes)
        finally:
            fetcher.close()
        in_db = store.counts().get("events", 0)
    for e in cycle.errors:
        errors(e)
    i = cycle.intake
    click.echo(f"new documents {i.stored}, syndicated copies {i.duplicates}, already stored {i.skipped}, "
               f"events {i.events} (in database {in_db}), errors {errors.count}, requests {cycle.requests}, "
               f"{cycle.seconds:.1f} s", err=True)
    sys.exit(1 if errors.count else 0)


@main.command("watch")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file (created if new).")
@click.option("--feeds", "use_feeds", is_flag=True, help="Poll the registered feeds each cycle.")
@click.option("--dir", "dirs", multiple=True, type=click.Path(exists=True, file_okay=False),
              help="A folder whose new or changed files are ingested each cycle (repeatable).")
@click.option("--every", default="15m", show_default=True, help="Time between cycles: 30s, 15m, 1h...")
@click.option("--cycles", type=click.IntRange(1), default=None, help="Stop after N cycles (default: run until"
              " SIGINT/SIGTERM).")
@_fetch_options
def watch_cmd(db: str, use_feeds: bool, dirs: tuple[str, ...], every: str, cycles: int | None, timeout: float,
              retries: int, backoff: float, delay: float, when: date | None, max_bytes: int,
              min_confidence: float) -> None:
    """Keep a database current: every --every, poll the feeds (--feeds) and take new files from
    folders (--dir), code only what is new and log one line per cycle. SIGINT/SIGTERM stops after
    the document in hand; a second one stops at once, rolling that document back."""
    from .watch import parse_every, watch

    if not use_feeds and not dirs:
        raise click.UsageError("give --feeds, --dir PATH or both")
    try:
        seconds = parse_every(every)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--every") from None
    errors = _Errors()
    n = watch(db, feeds=use_feeds, dirs=dirs, every=seconds, cycles=cycles,
              options=_options(timeout, retries, backoff, delay, max_bytes), fallback=when,
              min_confidence=min_confidence, log=lambda line: click.echo(line, err=True), on_error=errors)
    click.echo(f"watch stopped after {n} cycle(s)", err=True)
