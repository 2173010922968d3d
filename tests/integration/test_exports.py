"""`newsevents export` in every format on a real DuckDB file the CLI built from fixtures, round-tripped."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pyarrow.parquet as pq
import pytest

from newsevents.exports import GDELT_COLUMNS, ICEWS_COLUMNS
from newsevents.query import FLAT_COLUMNS, flatten

from .apiserver import INJECTIONS, build_db, serve
from .conftest import SCHEMA, cli, jsonl


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_db(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def records(db: str) -> list[dict[str, Any]]:
    out = jsonl(cli(["export", "--db", db, "--format", "jsonl"]).stdout)
    assert out
    return out


def export(db: str, fmt: str, *args: str) -> str:
    return cli(["export", "--db", db, "--format", fmt, *args]).stdout


def test_jsonl_is_schema_valid_records_with_counts(records: list[dict[str, Any]], db: str) -> None:
    for r in records:
        jsonschema.validate(r, SCHEMA)
        assert r["num_articles"] >= 1 and r["num_sources"] >= 1
    plain = jsonl(cli(["events", "--db", db, "--format", "jsonl"]).stdout)
    assert [{k: v for k, v in r.items() if k not in ("num_articles", "num_sources")} for r in records] == plain


def test_same_filters_as_events(db: str) -> None:
    for args in (["--country", "JPN"], ["--type", "CONSULT"], ["--since", "2023-01-01", "--until", "2023-04-01"],
                 ["--min-confidence", "0.84"], ["--limit", "3"]):
        events = [r["event_id"] for r in jsonl(cli(["events", "--db", db, "--format", "jsonl", *args]).stdout)]
        exported = [r["event_id"] for r in jsonl(export(db, "jsonl", *args))]
        assert events and exported == events, args
    directed = jsonl(export(db, "jsonl", "--dyad", "FRA,DEU", "--directed"))
    assert directed and all(r["source"][0]["country"] == "FRA" for r in directed)
    assert jsonl(export(db, "jsonl", "--actor", "scholz"))
    assert jsonl(export(db, "jsonl", "--quad-class", "3"))
    assert jsonl(export(db, "jsonl", "--text", "sanctions"))


def test_injection_strings_export_nothing(db: str) -> None:
    for bad in INJECTIONS:
        for option in ("--country", "--type", "--actor", "--text", "--source-country", "--target-country"):
            assert export(db, "jsonl", option, bad) == ""
    assert jsonl(export(db, "jsonl"))  # the table is intact


def test_csv_has_every_flat_column(records: list[dict[str, Any]], db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(export(db, "csv"))))
    assert len(rows) == len(records) and list(rows[0]) == [c for c, _ in FLAT_COLUMNS]
    for row, rec in zip(rows, records, strict=True):
        assert row["event_id"] == rec["event_id"] and row["sentence"] == rec["evidence"]["sentence"]
        assert row["source_codes"] == ";".join(a["code"] for a in rec["source"])
        assert int(row["num_articles"]) == rec["num_articles"]


def test_parquet_reads_back_equal_to_the_jsonl_records(records: list[dict[str, Any]], db: str,
                                                       tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    cli(["export", "--db", db, "--format", "parquet", "--out", str(out)])
    table = pq.read_table(out)
    assert table.column_names == [c for c, _ in FLAT_COLUMNS]
    assert table.to_pylist() == [flatten(r) for r in records]
    refused = cli(["export", "--db", db, "--format", "parquet"], check=False)
    assert refused.returncode != 0 and "--out" in refused.stderr


def test_gdelt_has_61_columns_on_every_row(records: list[dict[str, Any]], db: str) -> None:
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    lines = export(db, "gdelt").splitlines()
    assert len(lines) == len(records)
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    for row, rec in zip(rows, records, strict=True):
        assert row["GLOBALEVENTID"] == rec["event_id"]
        assert row["SQLDATE"][:4] == rec["date"][:4] and len(row["SQLDATE"]) == 8
        assert row["Actor1Code"] == rec["source"][0]["code"]
        assert row["EventCode"] == rec["cameo"]["code"] and row["EventRootCode"] == rec["cameo"]["root"]
        assert int(row["QuadClass"]) == rec["cameo"]["quad_class"]
        assert float(row["GoldsteinScale"]) == rec["cameo"]["goldstein"]
        assert int(row["NumArticles"]) == rec["num_articles"] and int(row["NumSources"]) == rec["num_sources"]
        assert len(row["DATEADDED"]) == 14
        if rec["location"]:
            assert float(row["ActionGeo_Lat"]) == rec["location"]["lat"]
            assert row["ActionGeo_CountryCode"] == rec["location"]["country"]
            assert row["ActionGeo_Type"] in {"1", "2", "3", "4", "5"}
        else:
            assert row["ActionGeo_Type"] == "0" and row["ActionGeo_Lat"] == ""
    paris = next(r for r in rows if r["Actor1CountryCode"] == "FRA" and r["EventRootCode"] == "05")
    assert paris["SOURCEURL"].startswith("https://") and paris["SQLDATE"] == "20230508"
    assert paris["FractionDate"] == "2023.3507" and paris["MonthYear"] == "202305"


def test_icews_has_a_header_and_20_columns(records: list[dict[str, Any]], db: str) -> None:
    lines = export(db, "icews").splitlines()
    assert lines[0].split("\t") == list(ICEWS_COLUMNS) and len(ICEWS_COLUMNS) == 20
    assert len(lines) == len(records) + 1 and all(len(line.split("\t")) == 20 for line in lines)
    rows = [dict(zip(ICEWS_COLUMNS, line.split("\t"), strict=True)) for line in lines[1:]]
    iran = next(r for r in rows if r["Source Country"] == "United States" and r["Target Country"] == "Iran")
    assert iran["CAMEO Code"] == "163" and iran["Event Text"] and iran["Story ID"] == "api-iran"
    assert iran["Sentence Number"] == "1" and iran["Event Date"] == "2022-11-14"
    assert {r["Publisher"] for r in rows} >= {"Reuters", "www.lemonde.example"}


def test_geojson_is_a_valid_feature_collection_of_located_events(records: list[dict[str, Any]], db: str,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "e.geojson"
    cli(["export", "--db", db, "--format", "geojson", "--out", str(out)])
    geo = json.loads(out.read_text(encoding="utf-8"))
    located = [r for r in records if r["location"] and r["location"]["lat"] is not None]
    assert geo["type"] == "FeatureCollection" and located
    assert [f["id"] for f in geo["features"]] == [r["event_id"] for r in located]
    for f, r in zip(geo["features"], located, strict=True):
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (r["location"]["lat"], r["location"]["lon"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["plover_type"] == r["plover"]["type"]
    empty = json.loads(export(db, "geojson", "--since", "2030-01-01"))
    assert empty == {"type": "FeatureCollection", "features": []}


@pytest.fixture(scope="module")
def base(db: str) -> Iterator[str]:
    yield from serve(db)


def test_api_export_equals_cli_export(base: str, db: str, tmp_path: Path) -> None:
    for fmt in ("jsonl", "csv", "gdelt", "icews", "geojson"):
        over_http = httpx.get(f"{base}/api/export", params={"format": fmt, "country": "USA"}, timeout=30)
        assert over_http.status_code == 200
        assert over_http.text == export(db, fmt, "--country", "USA"), fmt
    out = tmp_path / "p.parquet"
    cli(["export", "--db", db, "--format", "parquet", "--out", str(out), "--country", "USA"])
    got = httpx.get(f"{base}/api/export", params={"format": "parquet", "country": "USA"}, timeout=30)
    assert pq.read_table(io.BytesIO(got.content)).to_pylist() == pq.read_table(out).to_pylist()
