"""Each dashboard page in a real Chromium: real numbers from the API appear, filters work, the evidence
is highlighted, the map draws country shapes from the installed world-atlas, nothing leaves 127.0.0.1."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from .conftest import open_page, shoot, wait_ready


@pytest.fixture(scope="module")
def http(base: str) -> Any:
    with httpx.Client(base_url=base, timeout=30) as client:
        yield client


def get(http: httpx.Client, path: str, **params: Any) -> Any:
    r = http.get(path, params=params)
    assert r.status_code == 200, (path, r.text[:300])
    return r.json()


def rows(page: Any, testid: str) -> list[str]:
    return [t.strip() for t in page.locator(f"[data-testid={testid}] tbody tr").all_inner_texts()]


def month_dated(http: httpx.Client, **filters: Any) -> int:
    return sum(s["events"] for s in get(http, "/api/types/series", by="month", **filters)["series"])


def test_overview_and_country_filter(page: Any, http: httpx.Client) -> None:
    health = get(http, "/api/health")
    open_page(page, "/")
    assert page.inner_text("[data-testid=documents]") == str(health["documents"])
    assert page.inner_text("[data-testid=events]") == str(health["events"])
    assert page.inner_text("[data-testid=selected]") == str(month_dated(http))
    # the chart is drawn: a Chart.js instance on the canvas with one dataset per PLOVER type
    types = get(http, "/api/types/series", by="month")["series"]
    drawn = page.evaluate("() => Chart.getChart(document.querySelector('[data-testid=types-chart]'))"
                          ".data.datasets.map(d => d.data.reduce((a, b) => a + b, 0))")
    assert drawn == [s["events"] for s in types] and len(drawn) >= 3
    top = get(http, "/api/network", level="country", limit=10)["edges"]
    assert len(rows(page, "top-dyads")) == len(top)
    assert rows(page, "top-dyads")[0].startswith(f"{top[0]['source']} → {top[0]['target']}")
    movers = get(http, "/api/movers", level="dyad", limit=8)["items"]
    assert movers and len(rows(page, "movers-dyads")) == len(movers)
    shoot(page, "overview")

    # filter by a country: the URL, the numbers and the tables follow
    page.fill("form.filters input[name=country]", "JPN")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"country=JPN"))
    wait_ready(page)
    assert page.inner_text("[data-testid=selected]") == str(month_dated(http, country="JPN"))
    dyads = rows(page, "top-dyads")
    assert dyads and all("JPN" in r for r in dyads)
    assert "JPN" in page.inner_text("h1")


def test_event_list_filter_and_evidence(page: Any, http: httpx.Client) -> None:
    open_page(page, "/events")
    total = get(http, "/api/events")["total"]
    assert page.inner_text("[data-testid=total]") == f"{total} events"
    assert len(rows(page, "events-table")) == min(total, 50)
    shoot(page, "events")

    page.select_option("form.filters select[name=type]", "AGREE")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=AGREE"))
    wait_ready(page)
    agree = get(http, "/api/events", type="AGREE", sort="date", order="desc")
    assert page.inner_text("[data-testid=total]") == f"{agree['total']} events"
    listed = rows(page, "events-table")
    assert len(listed) == agree["total"] and all("\tAGREE\t" in r for r in listed)

    # open the first event: its document with this event's trigger highlighted, and the source link
    first = agree["items"][0]
    page.click("[data-testid=events-table] tbody tr:first-child a")
    page.wait_for_url(re.compile(r"/event/"))
    wait_ready(page)
    assert page.url.endswith(f"/event/{first['event_id']}")
    doc = get(http, f"/api/documents/{first['doc_id']}")
    evidence = page.locator("[data-testid=document] .hl-evidence")
    assert evidence.count() >= 1
    assert "".join(evidence.all_inner_texts()) == doc["text"][first["evidence"]["start"]:first["evidence"]["end"]]
    assert page.locator("[data-testid=document] .hl-source").count() >= 1
    assert page.inner_text("[data-testid=document]") == doc["text"]
    if doc["url"]:
        assert page.get_attribute("[data-testid=source-link]", "href") == doc["url"]
    record = page.inner_text("[data-testid=event-record]")
    assert "AGREE" in record and "http" not in record
    for actor in first["source"]:
        assert actor["code"] in record
    shoot(page, "event")


def test_dyad_page(page: Any, http: httpx.Client) -> None:
    series = get(http, "/api/dyads/FRA/DEU/series", by="month")
    open_page(page, "/dyad/FRA/DEU")
    a_to_b = sum(p["events"] for p in series["a_to_b"])
    b_to_a = sum(p["events"] for p in series["b_to_a"])
    assert a_to_b > 0 and b_to_a > 0
    assert page.inner_text("[data-testid=a-to-b]") == str(a_to_b)
    assert page.inner_text("[data-testid=b-to-a]") == str(b_to_a)
    bars = page.evaluate("() => Chart.getChart(document.querySelector('[data-testid=chart-a_to_b]'))"
                         ".data.datasets.slice(0, 4).map(d => d.data.reduce((a, b) => a + b, 0))")
    assert sum(bars) == a_to_b
    assert len(rows(page, "dyad-events")) == get(http, "/api/events", dyad="FRA,DEU", limit=20)["total"]
    shoot(page, "dyad")
    open_page(page, "/dyad")
    assert len(rows(page, "dyad-list")) > 0


def test_country_page(page: Any, http: httpx.Client) -> None:
    c = get(http, "/api/countries/JPN")
    open_page(page, "/country/JPN")
    assert "Japan" in page.inner_text("h1")
    assert page.inner_text("[data-testid=country-events]") == str(c["events"])
    assert len(rows(page, "partners")) == len(c["partners"]) > 0
    shoot(page, "country")
    open_page(page, "/country")
    assert len(rows(page, "country-list")) == len(get(http, "/api/countries"))


def test_map(page: Any, http: httpx.Client) -> None:
    totals = {c["country"]: c for c in get(http, "/api/countries")}
    open_page(page, "/map")
    assert page.locator("svg[data-testid=map] path.country").count() > 150  # world-atlas 110m: 177 shapes
    for iso in ("FRA", "JPN"):
        shape = page.locator(f"svg[data-testid=map] path.country[data-iso={iso}]")
        assert shape.count() == 1 and shape.get_attribute("data-events") == str(totals[iso]["events"])
        assert len(shape.get_attribute("d") or "") > 50
    located = get(http, "/api/events", located="true", limit=1000)["items"]
    places = {(e["location"]["lat"], e["location"]["lon"]) for e in located}
    assert places and page.locator("[data-testid=points] circle").count() == len(places)
    shoot(page, "map")
    page.click("svg[data-testid=map] path.country[data-iso=DEU]")  # compact: its middle is on land
    page.wait_for_url(re.compile(r"/country/DEU$"))
    wait_ready(page)


def test_network(page: Any, http: httpx.Client) -> None:
    net = get(http, "/api/network", level="country", limit=80)
    open_page(page, "/network")
    assert page.locator("svg[data-testid=network] circle").count() == len(net["nodes"]) > 2
    assert page.locator("svg[data-testid=network] line").count() == len(net["edges"])
    shoot(page, "network")
    page.click("text=Show actors instead")
    wait_ready(page)
    actors = get(http, "/api/network", level="actor", limit=80)
    assert page.locator("svg[data-testid=network] circle").count() == len(actors["nodes"])


def test_unknown_event_shows_an_error_not_a_blank_page(page: Any) -> None:
    page.goto("/event/no-such-event")
    page.wait_for_selector("body[data-ready=error]", state="attached")
    assert "no event" in page.inner_text("[data-testid=error]")
    page.errors.clear()  # the 404 of the API call is logged by the browser: expected here
