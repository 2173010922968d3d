"""The HTTP API through real HTTP: uvicorn on 127.0.0.1 over a DuckDB file the CLI built from fixtures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
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
            "/api/health", "/api/types/series", "/api/movers", "/api/countries",
            "/api/documents"} == set(served["paths"])


def test_dashboard_pages_and_assets_no_cors_no_docs(http: httpx.Client) -> None:
    for path in ("/", "/events", "/event/x", "/dyad", "/dyad/USA/CHN", "/country", "/country/JPN", "/map",
                 "/network"):
        page = http.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html"), path
        assert '<script type="module" src="/static/app.js">' in page.text and "/vendor/chart.js" in page.text
        assert "https://" not in page.text.split("<footer>")[0]  # nothing from a CDN
    for src in re.findall(r'src="(/[^"]+)"', http.get("/").text):
        r = http.get(src)
        assert r.status_code == 200 and len(r.content) > 1000, src
    assert http.get("/static/overview.js").status_code == 200
    world = http.get("/vendor/countries-110m.json").json()
    assert world["type"] == "Topology" and len(world["objects"]["countries"]["geometries"]) > 150
    assert http.get("/vendor/package.json").status_code == 404  # only the listed files are served
    assert http.get("/vendor/..%2Fpackage.json").status_code == 404
    assert http.get("/static/../api.py").status_code == 404
    r = http.get("/api/health", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = http.options("/api/events", headers={"Origin": "https://evil.example",
                                               "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers
    assert http.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def _monday(day: str) -> str:
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def test_types_series_counts_each_type_per_period(http: httpx.Client) -> None:
    events = all_events(http)
    for by, precisions, bucket in (("month", ("day", "month"), lambda d: d[:7] + "-01"),
                                   ("week", ("day",), _monday), ("day", ("day",), lambda d: d)):
        out = get(http, "/api/types/series", by=by)
        expected: dict[tuple[str, str], int] = defaultdict(int)
        for e in events:
            if e["date_precision"] in precisions:
                expected[(bucket(e["date"]), e["plover"]["type"])] += 1
        assert out["by"] == by and out["periods"] == sorted({p for p, _ in expected})
        got = {(p, s["type"]): n for s in out["series"] for p, n in zip(out["periods"], s["counts"], strict=True)
               if n}
        assert got == expected
        totals = [s["events"] for s in out["series"]]
        assert totals == sorted(totals, reverse=True) and sum(totals) == sum(expected.values())
    top = get(http, "/api/types/series", by="month", top=2)["series"]
    assert [s["type"] for s in top] == [s["type"] for s in get(http, "/api/types/series", by="month")["series"]][:2]
    jpn = get(http, "/api/types/series", by="month", country="JPN")
    assert sum(s["events"] for s in jpn["series"]) == len(
        [e for e in all_events(http, country="JPN") if e["date_precision"] in ("day", "month")])
    assert http.get("/api/types/series", params={"by": "year"}).status_code == 422


def _movers(events: list[dict[str, Any]], level: str, week: str, weeks: int) -> list[dict[str, Any]]:
    """The movers computed from the event records alone."""
    start = date.fromisoformat(week)
    counts: dict[tuple[str, str | None], list[int]] = defaultdict(lambda: [0] * (weeks + 1))
    for e in events:
        if e["date_precision"] != "day" or e["date"] > e["published"]:
            continue
        ago = (start - date.fromisoformat(_monday(e["date"]))).days // 7
        if not 0 <= ago <= weeks:
            continue
        src = {a["country"] for a in e["source"] if a.get("country")}
        tgt = {a["country"] for a in e["target"] if a.get("country")}
        keys: set[tuple[str, str | None]] = ({(s, t) for s in src for t in tgt if s != t} if level == "dyad"
                                             else {(c, None) for c in src | tgt})
        for k in keys:
            counts[k][weeks - ago] += 1
    out = [{"a": a, "b": b, "this_week": c[-1], "previous_mean": round(sum(c[:-1]) / weeks, 3),
            "change": round(c[-1] - sum(c[:-1]) / weeks, 3), "weekly": c} for (a, b), c in counts.items()]
    out.sort(key=lambda m: (-abs(m["change"]), -m["this_week"], f"{m['a']}->{m['b']}" if m["b"] else m["a"]))
    return out


def test_movers_this_week_against_the_weeks_before(http: httpx.Client) -> None:
    events = all_events(http)
    latest = max(e["date"] for e in events if e["date_precision"] == "day" and e["date"] <= e["published"])
    for level in ("dyad", "country"):
        out = get(http, "/api/movers", level=level, limit=MAX_LIMIT)
        assert out["week"] == _monday(latest) and out["weeks"] == 4
        assert out["previous_from"] == (date.fromisoformat(out["week"]) - timedelta(weeks=4)).isoformat()
        got = [{k: m[k] for k in ("a", "b", "this_week", "previous_mean", "change", "weekly")} for m in out["items"]]
        assert got == _movers(events, level, out["week"], 4) and got
        # twelve weeks back reaches the March 2023 events: a non-zero mean before
        wide = get(http, "/api/movers", level=level, week="2023-05-10", weeks=12, limit=MAX_LIMIT)
        expected = _movers(events, level, "2023-05-08", 12)
        assert [{k: m[k] for k in ("a", "b", "this_week", "previous_mean", "change", "weekly")}
                for m in wide["items"]] == expected
        assert any(m["previous_mean"] > 0 for m in expected)
    paris = get(http, "/api/movers", level="dyad", limit=1)["items"]
    assert len(paris) == 1 and paris[0]["id"] in ("DEU->FRA", "FRA->DEU") and "France" in paris[0]["label"]
    assert get(http, "/api/movers", country="FRA", limit=MAX_LIMIT)["items"] and all(
        "FRA" in (m["a"], m["b"]) for m in get(http, "/api/movers", country="FRA", limit=MAX_LIMIT)["items"]
        if m["this_week"])
    assert get(http, "/api/movers", since="2030-01-01")["items"] == []
    for bad in ({"level": "galaxy"}, {"weeks": 0}, {"weeks": 53}, {"week": "yesterday"}):
        assert http.get("/api/movers", params=bad).status_code == 422, bad
    # a week in year 1 leaves no weeks before it: a clear error, not the 500 the fuzz test found
    early = http.get("/api/movers", params={"week": "0001-01-01"})
    assert early.status_code == 400 and "weeks before it" in early.json()["detail"]


def test_country_totals_for_the_map(http: httpx.Client) -> None:
    import pycountry

    rows = get(http, "/api/countries")
    events = all_events(http)
    assert rows and {r["country"] for r in rows} >= {"JPN", "USA", "FRA", "DEU"}
    for r in rows:
        mine = [e for e in events if r["country"] in {a.get("country") for a in parties(e)}]
        assert r["events"] == len(mine) == get(http, "/api/events", country=r["country"], limit=1)["total"]
        assert r["as_source"] == len([e for e in mine if r["country"] in {a.get("country") for a in e["source"]}])
        assert r["located"] == len([e for e in events if (e["location"] or {}).get("country") == r["country"]])
        country = pycountry.countries.get(alpha_3=r["country"])
        assert r["numeric"] == (country.numeric if country else None)
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    assert {r["country"] for r in get(http, "/api/countries", type="AGREE")} < {r["country"] for r in rows}
    located = get(http, "/api/events", located="true", limit=MAX_LIMIT)
    assert located["total"] == len([e for e in events if e["location"] and e["location"]["lat"] is not None]) > 0
    assert all(e["location"]["lat"] is not None for e in located["items"])


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


def test_demo_ends_by_serving_the_dashboard(tmp_path: Path) -> None:
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    db = str(tmp_path / "demo.duckdb")
    p = subprocess.Popen([sys.executable, "-m", "newsevents", "demo", "--corpus",
                          str(ROOT / "tests" / "fixtures" / "api" / "articles.jsonl"), "--db", db, "--port", str(port)],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path)
    try:
        assert p.stdout is not None
        lines = []
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = p.stdout.readline()
            if not line:
                break
            lines.append(line)
            if line.startswith("Dashboard:"):
                break
        assert lines and lines[-1].strip().startswith(f"Dashboard: http://127.0.0.1:{port}/"), "".join(lines)[-2000:]
        assert any("Events by PLOVER type" in x for x in lines)  # the report came first
        r = None
        while r is None and time.monotonic() < deadline and p.poll() is None:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
        assert r is not None and r.status_code == 200 and "/static/app.js" in r.text
        assert httpx.get(f"http://127.0.0.1:{port}/api/health").json()["documents"] == 6
    finally:
        p.terminate()
        p.wait(timeout=30)
