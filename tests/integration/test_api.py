"""The HTTP API through real HTTP: uvicorn on 127.0.0.1 over a DuckDB file the CLI built from fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import jsonschema
import pytest

import newsevents
from newsevents.api import create_app, openapi_json
from newsevents.query import MAX_LIMIT, Database, flatten

from .apiserver import INJECTIONS, build_db, free_socket, serve
from .conftest import ROOT, SCHEMA, cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_db(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def base(db: str) -> Iterator[str]:
    yield from serve(db)


@pytest.fixture(scope="module")
def http(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


def get(http: httpx.Client, path: str, **params: Any) -> Any:
    r = http.get(path, params=params)
    assert r.status_code == 200, (path, params, r.status_code, r.text[:500])
    return r.json()


def all_events(http: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    return list(get(http, "/api/events", limit=MAX_LIMIT, **params)["items"])


def key(e: dict[str, Any]) -> tuple[str, str, str, str]:
    return (e["plover"]["type"], ",".join(sorted({a["code"] for a in e["source"]})),
            ",".join(sorted({a["code"] for a in e["target"]})), e["date"])


def parties(e: dict[str, Any]) -> list[dict[str, Any]]:
    return list(e["source"]) + list(e["target"])


def test_health(http: httpx.Client) -> None:
    h = get(http, "/api/health")
    assert h["status"] == "ok" and h["read_only"] is True and h["schema_version"] >= 3
    assert h["documents"] == 6 and h["events"] > 10


def test_events_are_schema_valid_records_with_cross_document_counts(http: httpx.Client) -> None:
    page = get(http, "/api/events")
    assert page["total"] == len(all_events(http)) and page["limit"] == 50 and page["offset"] == 0
    events = all_events(http)
    docs: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for e in events:
        jsonschema.validate(e, SCHEMA)
        docs[key(e)].add(e["doc_id"])
    for e in events:
        assert e["num_articles"] == len(docs[key(e)])
    # the Paris agreement is reported by three documents from two sources (Reuters twice)
    paris = [e for e in events if key(e) == ("AGREE", "FRA", "DEU", "2023-05-08")]
    assert {e["doc_id"] for e in paris} == {"api-paris-reuters", "api-paris-lemonde", "api-paris-reuters-2"}
    assert {(e["num_articles"], e["num_sources"]) for e in paris} == {(3, 2)}
    assert any(e["num_articles"] == 1 and e["num_sources"] == 1 for e in events)


def test_event_filters(http: httpx.Client) -> None:
    everything = all_events(http)
    jpn = all_events(http, country="jpn")
    assert jpn and all("JPN" in {a["country"] for a in parties(e)} for e in jpn)
    assert len(jpn) == sum("JPN" in {a["country"] for a in parties(e)} for e in everything)
    src = all_events(http, source_country="IRN")
    assert src and all(any(a["country"] == "IRN" for a in e["source"]) for e in src)
    tgt = all_events(http, target_country="IRN")
    assert tgt and all(any(a["country"] == "IRN" for a in e["target"]) for e in tgt)
    assert {e["event_id"] for e in src}.isdisjoint({e["event_id"] for e in tgt})
    by_code = all_events(http, actor="deugov")
    assert by_code and all(any(a["code"] == "DEUGOV" for a in parties(e)) for e in by_code)
    by_name = all_events(http, actor="scholz")
    assert by_name and all(any("scholz" in (a["name"] or a["text"]).lower() for a in parties(e)) for e in by_name)
    both = all_events(http, dyad="FRA,DEU")
    directed = all_events(http, dyad="FRA,DEU", directed="true")
    assert len(both) == 2 * len(directed) > 0
    assert all(e["source"][0]["country"] == "FRA" and e["target"][0]["country"] == "DEU" for e in directed)
    assert all_events(http, dyad="RUS,CHN") and all_events(http, dyad="RUSGOV,CHNGOV")
    sanctions = all_events(http, type="sanction")
    assert sanctions and all(e["plover"]["type"] == "SANCTION" for e in sanctions)
    conflict = all_events(http, quad_class=4)
    assert conflict and all(e["cameo"]["quad_class"] == 4 for e in conflict)
    sure = all_events(http, min_confidence=0.84)
    assert sure and all(e["confidence"] >= 0.84 for e in sure) and len(sure) < len(everything)
    words = all_events(http, text="OFFICIALS SAID")
    assert words and all("officials said" in e["evidence"]["sentence"].lower() for e in words)
    window = all_events(http, since="2023-01-01", until="2023-03-31")
    assert window and all("2023-01" <= e["date"] <= "2023-03-31" for e in window)
    assert get(http, "/api/events", since="2030-01-01")["total"] == 0


def test_pagination_and_sorting(http: httpx.Client) -> None:
    everything = all_events(http)
    pages = [get(http, "/api/events", limit=4, offset=o)["items"] for o in range(0, len(everything), 4)]
    assert [e["event_id"] for p in pages for e in p] == [e["event_id"] for e in everything]
    assert [e["date"] for e in everything] == sorted(e["date"] for e in everything)
    conf = all_events(http, sort="confidence", order="desc")
    assert [e["confidence"] for e in conf] == sorted((e["confidence"] for e in conf), reverse=True)
    gold = all_events(http, sort="goldstein", order="asc")
    assert [e["cameo"]["goldstein"] for e in gold] == sorted(e["cameo"]["goldstein"] for e in gold)
    assert http.get("/api/events", params={"limit": MAX_LIMIT + 1}).status_code == 422
    assert http.get("/api/events", params={"sort": "record"}).status_code == 422
    assert http.get("/api/events", params={"quad_class": 7}).status_code == 422
    bad = http.get("/api/events", params={"dyad": "JPN"})
    assert bad.status_code == 400 and "dyad" in bad.json()["detail"]


def test_injection_strings_in_every_string_filter_return_nothing_and_break_nothing(http: httpx.Client) -> None:
    before = get(http, "/api/health")
    for bad in INJECTIONS:
        for name in ("country", "source_country", "target_country", "actor", "type", "text"):
            assert get(http, "/api/events", **{name: bad})["total"] == 0, (name, bad)
        assert get(http, "/api/events", dyad=f"{bad},JPN")["total"] == 0
        assert get(http, "/api/countries/" + quote(bad, safe=""))["events"] == 0
        assert get(http, "/api/actors", q=bad) == {"codes": [], "people": []}
        assert get(http, "/api/network", actor=bad)["edges"] == []
        assert http.get("/api/events/" + quote(bad, safe="")).status_code == 404
        assert http.get("/api/documents/" + quote(bad, safe="")).status_code == 404
    assert get(http, "/api/health") == before


def test_one_event_with_evidence_and_the_same_event_elsewhere(http: httpx.Client) -> None:
    paris = all_events(http, dyad="FRA,DEU", directed="true")
    first = paris[0]
    found = get(http, f"/api/events/{first['event_id']}")
    assert found["event"] == first
    assert found["document"]["id"] == first["doc_id"] and found["document"]["url"].startswith("https://")
    assert {s["doc_id"] for s in found["same_event"]} | {first["doc_id"]} == {e["doc_id"] for e in paris}
    assert http.get("/api/events/0000000000").json() == {"detail": "no event '0000000000'"}


def test_document_with_every_span(http: httpx.Client) -> None:
    doc = get(http, "/api/documents/api-kharkiv")
    text = doc["text"]
    assert doc["published"] == "2022-06-03" and doc["events"]
    kinds = {s["kind"] for s in doc["spans"]}
    assert {"event", "event_actor", "actor", "place", "timex"} <= kinds
    for s in doc["spans"]:
        assert 0 <= s["start"] < s["end"] <= len(text)
        if s["kind"] in ("event", "timex", "place", "quantity"):
            assert text[s["start"]:s["end"]] == s["text"], s
    evidence = {(e["evidence"]["start"], e["evidence"]["end"], e["event_id"]) for e in doc["events"]}
    assert evidence <= {(s["start"], s["end"], s["event_id"]) for s in doc["spans"] if s["kind"] == "event"}
    assert [s["start"] for s in doc["spans"]] == sorted(s["start"] for s in doc["spans"])
    assert http.get("/api/documents/nope").status_code == 404


def test_actors(http: httpx.Client) -> None:
    out = get(http, "/api/actors")
    codes = {c["code"]: c for c in out["codes"]}
    assert {"FRA", "DEU", "JPN", "USA", "IRN"} <= set(codes)
    assert codes["FRA"]["events"] == len(all_events(http, actor="FRA"))
    assert codes["FRA"]["as_source"] + codes["FRA"]["as_target"] >= codes["FRA"]["events"]
    assert any(p["name"] == "Olaf Scholz" for p in get(http, "/api/actors", q="scholz")["people"])
    only_irn = {c["code"] for c in get(http, "/api/actors", country="IRN")["codes"]}
    assert "IRN" in only_irn and "FRA" not in only_irn


def test_dyad_series(http: httpx.Client) -> None:
    s = get(http, "/api/dyads/jpn/usa/series", by="month")
    assert s["a"] == "JPN" and s["b"] == "USA" and s["by"] == "month"
    jpn_usa = all_events(http, dyad="JPN,USA", directed="true")
    assert sum(p["events"] for p in s["a_to_b"]) == len(jpn_usa)
    for p in s["a_to_b"] + s["b_to_a"]:
        assert sum(p["quad_class"].values()) == p["events"]
        assert p["goldstein_mean"] == pytest.approx(p["goldstein_sum"] / p["events"], abs=1e-3)
    assert [p["period"] for p in s["a_to_b"]] == ["2022-03-01", "2023-05-01"]
    daily = get(http, "/api/dyads/JPN/USA/series", by="day")  # the month-dated talks are left out
    assert [p["period"] for p in daily["a_to_b"]] == ["2023-05-10"]
    weekly = get(http, "/api/dyads/JPN/USA/series", by="week")
    assert [p["period"] for p in weekly["b_to_a"]] == ["2023-05-08"]  # the Monday of that ISO week
    assert http.get("/api/dyads/JPN/USA/series", params={"by": "decade"}).status_code == 422


def test_country_summary(http: httpx.Client) -> None:
    c = get(http, "/api/countries/irn")
    irn = all_events(http, country="IRN")
    assert c["country"] == "IRN" and c["name"] == "Iran" and c["events"] == len(irn)
    assert c["as_source"] == len(all_events(http, source_country="IRN"))
    assert c["as_target"] == len(all_events(http, target_country="IRN"))
    assert sum(t["events"] for t in c["by_type"]) == c["events"]
    assert [p["country"] for p in c["partners"]] == ["USA"]
    assert c["partners"][0]["outgoing"] >= 1 and c["partners"][0]["incoming"] >= 1
    empty = get(http, "/api/countries/ATA")
    assert empty["events"] == 0 and empty["partners"] == [] and empty["first_date"] is None


def test_network(http: httpx.Client) -> None:
    net = get(http, "/api/network", level="country")
    edges = {(e["source"], e["target"]): e["weight"] for e in net["edges"]}
    assert edges[("FRA", "DEU")] == len(all_events(http, dyad="FRA,DEU", directed="true"))
    ids = {n["id"] for n in net["nodes"]}
    assert {s for s, _ in edges} | {t for _, t in edges} == ids
    actors = get(http, "/api/network", level="actor", limit=2)
    assert len(actors["edges"]) == 2 and actors["edges"][0]["weight"] >= actors["edges"][1]["weight"]
    assert http.get("/api/network", params={"level": "galaxy"}).status_code == 422


def test_export_endpoint_streams_each_format(http: httpx.Client) -> None:
    jsonl = http.get("/api/export", params={"format": "jsonl", "country": "JPN"})
    assert jsonl.status_code == 200 and jsonl.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in jsonl.headers["content-disposition"]
    assert [json.loads(line) for line in jsonl.text.splitlines()] == all_events(http, country="JPN")
    gdelt = http.get("/api/export", params={"format": "gdelt"}).text.splitlines()
    assert gdelt and all(len(line.split("\t")) == 61 for line in gdelt)
    geo = http.get("/api/export", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert http.get("/api/export", params={"format": "xls"}).status_code == 422


def test_openapi_is_served_and_checked_in(http: httpx.Client) -> None:
    served = get(http, "/openapi.json")
    checked_in = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert served == checked_in, "docs/openapi.json is stale: run `newsevents openapi > docs/openapi.json`"
    assert (ROOT / "docs" / "openapi.json").read_text(encoding="utf-8") == openapi_json(create_app("unused"))
    assert cli(["openapi"]).stdout == openapi_json()
    assert {"/api/events", "/api/events/{event_id}", "/api/documents/{doc_id}", "/api/actors",
            "/api/dyads/{a}/{b}/series", "/api/countries/{code}", "/api/network", "/api/export",
            "/api/health"} == set(served["paths"])


def test_placeholder_page_no_cors_no_docs(http: httpx.Client) -> None:
    page = http.get("/")
    assert page.status_code == 200 and "dashboard" in page.text
    r = http.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = http.options("/api/events", headers={"Origin": "https://evil.example",
                                               "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    assert http.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def test_errors_carry_no_stack_trace(http: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a: Any, **_k: Any) -> Any:
        raise RuntimeError("secret detail in /work/main/src")

    monkeypatch.setattr(Database, "network", broken)
    r = http.get("/api/network")
    assert r.status_code == 500 and r.json() == {"detail": "internal error"}
    assert "secret" not in r.text and "Traceback" not in r.text


def test_python_api_matches_http(http: httpx.Client, db: str) -> None:
    over_http = all_events(http, country="USA", sort="confidence", order="desc")
    with newsevents.open(db) as local:
        assert local.events(country="USA", sort="confidence", order="desc") == over_http
        df = local.events_df(country="USA", sort="confidence", order="desc")
        table = local.events_arrow(country="USA", sort="confidence", order="desc")
        assert list(df["event_id"]) == [e["event_id"] for e in over_http] == table.column("event_id").to_pylist()
        assert table.to_pylist() == [flatten(e) for e in over_http]
        assert df["num_articles"].tolist() == [e["num_articles"] for e in over_http]
        assert local.dyad("JPN", "USA", by="month") == get(http, "/api/dyads/JPN/USA/series", by="month")
        assert local.document("api-iran") == get(http, "/api/documents/api-iran")


def test_serve_command(db: str, tmp_path: Path) -> None:
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    p = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", db, "--port", str(port)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        r = None
        while r is None and time.monotonic() < deadline and p.poll() is None:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
        if r is None:
            p.terminate()
            raise AssertionError(f"newsevents serve did not answer: {p.communicate(timeout=20)[1][-2000:]}")
        assert r.status_code == 200 and r.json()["documents"] == 6
    finally:
        p.terminate()
        p.wait(timeout=20)
