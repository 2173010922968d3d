"""The CLI end to end on fixtures written for these tests."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import duckdb
import jsonschema

from newsevents.query import Database

from .conftest import FIXTURES, SCHEMA, cli, jsonl

ARTICLES = FIXTURES / "articles"


def _jsonl_file(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_code_prints_schema_valid_events_from_several_formats(tmp_path: Path) -> None:
    text = (ARTICLES / "plain.txt").read_text()
    _jsonl_file(tmp_path / "a.jsonl", [{"id": "a1", "date": "2023-05-08", "text": text, "title": "t"}])
    with gzip.open(tmp_path / "b.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"id": "b1", "date": "2023-05-08", "text": text}) + "\n")
    with open(tmp_path / "c.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "date", "text"])
        w.writeheader()
        w.writerow({"id": "c1", "date": "2023-05-08", "text": text})
    out = jsonl(cli(["code", str(tmp_path)]).stdout)
    assert {e["doc_id"] for e in out} == {"a1", "b1", "c1"}
    for e in out:
        jsonschema.validate(e, SCHEMA)
    signed = [e for e in out if e["doc_id"] == "a1" and e["plover"]["type"] == "AGREE"]
    # "France and Germany signed an agreement ... in Paris on Monday": both directions, dated Monday
    assert {(e["source"][0]["country"], e["target"][0]["country"]) for e in signed} == {
        ("FRA", "DEU"), ("DEU", "FRA")}
    assert all(e["date"] == "2023-05-08" and e["date_source"] == "text" for e in signed)
    assert all(e["location"] and e["location"]["name"] == "Paris" for e in signed)


def test_plain_text_needs_date_option() -> None:
    p = cli(["code", str(ARTICLES / "plain.txt")], check=False)
    assert p.returncode == 1 and "no date" in p.stderr and "plain.txt" in p.stderr
    p = cli(["code", str(ARTICLES / "plain.txt"), "--date", "2023-05-08"])
    assert jsonl(p.stdout)


def test_stdin_and_table_format() -> None:
    text = (ARTICLES / "plain.txt").read_text()
    p = cli(["code", "-", "--date", "2023-05-08", "--format", "table"], stdin=text)
    lines = p.stdout.splitlines()
    assert lines[0].split()[:4] == ["date", "source", "type", "target"]
    assert any("AGREE" in line for line in lines[1:])


def test_event_ids_are_stable_across_runs() -> None:
    a = jsonl(cli(["code", str(ARTICLES / "talks.txt")]).stdout)
    b = jsonl(cli(["code", str(ARTICLES / "talks.txt")]).stdout)
    assert a and [e["event_id"] for e in a] == [e["event_id"] for e in b]
    assert len({e["event_id"] for e in a}) == len(a)


def test_ingest_is_idempotent(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    first = cli(["ingest", str(ARTICLES), "--db", db, "--quiet", "--date", "2023-05-08"])
    assert "errors 0" in first.stderr
    con = duckdb.connect(db, read_only=True)
    counts = "select (select count(*) from documents), (select count(*) from events)"
    n_docs, n_events = con.execute(counts).fetchone()  # type: ignore[misc]
    con.close()
    assert n_docs == 2 and n_events > 0
    second = cli(["ingest", str(ARTICLES), "--db", db, "--quiet", "--date", "2023-05-08"])
    assert "skipped (already stored) 2" in second.stderr
    con = duckdb.connect(db, read_only=True)
    again = con.execute(counts).fetchone()
    con.close()
    assert again == (n_docs, n_events)


def test_malformed_inputs_each_give_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = (ARTICLES / "plain.txt").read_text()
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"date 2022-01-01 \x00\x01\x02\xff\xfe binary \x00")
    (bad / "lines.jsonl").write_text(
        json.dumps({"id": "ok1", "date": "2023-05-08", "text": good}) + "\n"
        + "{this is not json\n"
        + json.dumps({"id": "baddate", "date": "2022-02-30", "text": good}) + "\n"
        + json.dumps({"id": "empty", "date": "2023-05-08", "text": "   "}) + "\n",
        encoding="utf-8")
    db = str(tmp_path / "e.duckdb")
    p = cli(["ingest", str(bad), "--db", db, "--quiet"], check=False)
    assert p.returncode == 1
    errors = [line for line in p.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4, errors
    assert any("binary.txt" in e for e in errors)
    assert any("lines.jsonl:line 2" in e for e in errors)
    assert any("2022-02-30" in e and "baddate" in e for e in errors)
    assert any("empty" in e for e in errors)
    con = duckdb.connect(db, read_only=True)
    assert con.execute("select id from documents").fetchall() == [("ok1",)]
    assert con.execute("select count(*) from errors").fetchone() == (4,)
    con.close()


def test_events_query_filters_and_formats(tmp_path: Path) -> None:
    db = str(tmp_path / "e.duckdb")
    cli(["ingest", str(ARTICLES), "--db", db, "--quiet", "--date", "2023-05-08"])
    everything = jsonl(cli(["events", "--db", db, "--format", "jsonl"]).stdout)
    assert everything
    sanctions = jsonl(cli(["events", "--db", db, "--type", "SANCTION", "--format", "jsonl"]).stdout)
    assert sanctions and all(e["plover"]["type"] == "SANCTION" for e in sanctions)
    blr = jsonl(cli(["events", "--db", db, "--country", "BLR", "--format", "jsonl"]).stdout)
    assert blr and all("BLR" in {a["country"] for a in e["source"] + e["target"]} for e in blr)
    later = jsonl(cli(["events", "--db", db, "--since", "2023-05-01", "--format", "jsonl"]).stdout)
    assert {e["doc_id"] for e in later} < {e["doc_id"] for e in everything}
    rows = list(csv.DictReader(io.StringIO(cli(["events", "--db", db, "--format", "csv"]).stdout)))
    assert len(rows) == len(everything) and {"date", "source", "type", "target"} <= set(rows[0])


def test_demo_reports_on_a_small_corpus(tmp_path: Path) -> None:
    db = str(tmp_path / "d.duckdb")
    p = cli(["demo", "--corpus", str(ARTICLES / "talks.txt"), "--db", db, "--no-serve"], cwd=tmp_path)
    assert "Events by PLOVER type" in p.stdout and "Top country dyads" in p.stdout
    assert "articles/s" in p.stdout


def test_two_workers_store_the_same_events_as_one(tmp_path: Path) -> None:
    ids = []
    for workers in ("1", "2"):
        db = str(tmp_path / f"w{workers}.duckdb")
        cli(["ingest", str(ARTICLES), str(FIXTURES / "api" / "articles.jsonl"), "--db", db, "--quiet",
             "--date", "2023-05-08", "--workers", workers, "--batch-size", "2"])
        ids.append(sorted(e["event_id"] for e in jsonl(cli(["events", "--db", db, "--format", "jsonl"]).stdout)))
    assert ids[0] and ids[0] == ids[1]


def test_ingest_counts_a_syndicated_copy_as_a_source_not_new_events(tmp_path: Path) -> None:
    pages = FIXTURES / "live" / "pages"
    db = str(tmp_path / "s.duckdb")
    alone = str(tmp_path / "alone.duckdb")
    cli(["ingest", str(pages / "wire_times.html"), "--db", alone, "--quiet"])
    out = cli(["ingest", str(pages / "wire_times.html"), str(pages / "wire_herald.html"), "--db", db, "--quiet"])
    assert "syndicated copies 1" in out.stderr
    con = duckdb.connect(db, read_only=True)
    n_docs, n_events, n_dup = con.execute(  # type: ignore[misc]
        "select (select count(*) from documents), (select count(*) from events),"
        " (select count(*) from duplicates)").fetchone()
    con.close()
    con = duckdb.connect(alone, read_only=True)
    (events_alone,) = con.execute("select count(*) from events").fetchone()  # type: ignore[misc]
    con.close()
    assert n_docs == 2 and n_dup == 1 and n_events == events_alone > 0
    with Database.open(db) as d:
        recs = d.events()
    assert recs and all(r["num_articles"] == 2 and r["num_sources"] == 2 for r in recs)
