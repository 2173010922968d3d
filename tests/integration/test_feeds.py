"""Feeds polled from a news site on 127.0.0.1 (liveserver.py): full text used, links followed, re-polls
conditional, syndicated copies linked, failing and hanging feeds isolated, robots.txt obeyed."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsevents.feeds import Fetcher, Options
from newsevents.query import Database
from newsevents.store import Store
from newsevents.watch import Cycle, run_cycle

from .conftest import cli, jsonl
from .liveserver import LIVE, Site, serve

FAST = Options(timeout=0.3, retries=1, backoff=0.01, delay=0.01)
FEEDS = ("broken", "hanging", "fulltext", "links", "changing", "blocked")  # the failing ones first
FAILING = ("/feeds/broken.xml", "/feeds/hanging.xml")


@dataclass
class Polls:
    site: Site
    db: str
    cycles: list[Cycle]
    requests: list[list[tuple[str, int]]]  # per poll, as the server logged them
    counts: list[dict[str, int]]


def _poll(site: Site, db: str, n: int) -> tuple[Cycle, list[tuple[str, int]], dict[str, int]]:
    start = len(site.log)
    with Store.open(db) as store:
        cycle = run_cycle(store, n, fetcher=Fetcher(store, FAST), folder=None)
        counts = store.counts()
    site.hang = 0  # let the hanging handler's threads finish before counting
    return cycle, site.requests(start), counts


@pytest.fixture(scope="module")
def polls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Polls]:
    db = str(tmp_path_factory.mktemp("feeds") / "feeds.duckdb")
    with serve() as site:
        with Store.open(db) as store:
            for name in FEEDS:
                store.add_feed(f"{site.base}/feeds/{name}.xml")
        out = Polls(site, db, [], [], [])
        for n in (1, 2, 3):
            site.hang = 2.0
            if n == 3:
                site.changing = 2  # the changing feed has one more item now
            cycle, requests, counts = _poll(site, db, n)
            out.cycles.append(cycle)
            out.requests.append([r for r in requests if r[0] not in FAILING])
            out.counts.append(counts)
        yield out


def feed_paths(requests: list[tuple[str, int]]) -> list[str]:
    return sorted(p for p, _ in requests)


def test_first_poll_uses_full_text_and_follows_links(polls: Polls) -> None:
    first = polls.cycles[0]
    assert first.intake.stored == 6  # 2 full-text + 3 pages + 1 changing; the 4th page is a copy
    assert first.intake.duplicates == 1 and first.intake.events > 0
    pages = sorted(p for p, s in polls.requests[0] if p.startswith("/pages/"))
    assert pages == ["/pages/brazil.html", "/pages/summit.html", "/pages/wire_herald.html", "/pages/wire_times.html"]
    assert not any(p.startswith("/delta/") or p.startswith("/andes/") for p, _ in polls.requests[0])  # full text
    with Database.open(polls.db) as db:
        docs = {r[0]: r[1] for r in db.fetch("SELECT url, text FROM documents")}
    boilerplate = [line for line in (LIVE / "boilerplate.txt").read_text().splitlines() if line.strip()]
    assert not [b for b in boilerplate for text in docs.values() if b in text]
    canonical = "https://ledger.example/world/2024/03/12/japan-australia-defence-pact"
    assert docs[canonical].startswith("Japan and Australia signed a defence cooperation agreement")


def test_second_poll_makes_only_conditional_gets_and_adds_nothing(polls: Polls) -> None:
    second = polls.requests[1]
    assert feed_paths(second) == ["/feeds/blocked.xml", "/feeds/changing.xml", "/feeds/fulltext.xml",
                                  "/feeds/links.xml"]
    assert {status for _, status in second} == {304}
    assert polls.cycles[1].intake.stored == polls.cycles[1].intake.duplicates == 0
    assert polls.counts[1] == {**polls.counts[0], "errors": polls.counts[1]["errors"]}
    assert polls.counts[1]["errors"] == polls.counts[0]["errors"]  # the same failures are not recorded twice


def test_a_changed_feed_adds_only_its_new_item(polls: Polls) -> None:
    third = dict(polls.requests[2])
    assert third["/feeds/changing.xml"] == 200
    assert [s for p, s in polls.requests[2] if p != "/feeds/changing.xml"] == [304, 304, 304]
    assert polls.cycles[2].intake.stored == 1 and polls.cycles[2].intake.skipped == 0
    assert polls.counts[2]["documents"] == polls.counts[1]["documents"] + 1


def test_failing_and_hanging_feeds_are_errors_and_the_others_go_on(polls: Polls) -> None:
    reasons = {str(e.source).rsplit("/", 1)[-1]: e.reason for e in polls.cycles[0].errors}
    assert "HTTP 500" in reasons["broken.xml"] and "timed out" in reasons["hanging.xml"]
    with Store.open(polls.db, read_only=True) as store:
        feeds = {f["url"].rsplit("/", 1)[-1]: f for f in store.feeds()}
        assert "HTTP 500" in feeds["broken.xml"]["error"] and feeds["broken.xml"]["etag"] is None
        assert feeds["links.xml"]["error"] is None and feeds["links.xml"]["etag"]
        assert any("hanging.xml" in e["source"] for e in store.errors())


def test_robots_txt_is_obeyed(polls: Polls) -> None:
    everything = [p for poll in polls.requests for p, _ in poll]
    assert "/robots.txt" in everything and everything.count("/robots.txt") == 1  # kept in the store
    assert not [p for p in everything if p.startswith("/private/")]
    assert any("robots.txt" in e.reason for e in polls.cycles[0].errors)


def test_syndicated_copies_add_sources_not_events(polls: Polls) -> None:
    with Database.open(polls.db) as db:
        ids = {r[0]: r[1] for r in db.fetch("SELECT source, id FROM documents")}
        herald, times = ids["Coastal Herald"], ids["Highland Times"]
        assert db.fetch("SELECT original_id FROM duplicates WHERE doc_id = ?", [times]) == [(herald,)]
        assert db.fetch("SELECT count(*) FROM events WHERE doc_id = ?", [times]) == [(0,)]
        kenya: list[dict[str, Any]] = db.events(doc_id=herald)
    assert kenya and all(e["num_sources"] == 2 and e["num_articles"] == 2 for e in kenya)


def test_cli_feeds_add_list_poll(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.duckdb")
    with serve() as site:
        url = f"{site.base}/feeds/fulltext.xml"
        cli(["feeds", "add", url, f"{site.base}/feeds/broken.xml", "--db", db])
        again = cli(["feeds", "add", url, "--db", db])
        assert "already registered" in again.stderr
        bad = cli(["feeds", "add", "ftp://example.invalid/x", "--db", db], check=False)
        assert bad.returncode == 2 and "not an http(s) URL" in bad.stderr
        fast = ["--timeout", "0.5", "--retries", "0", "--delay", "0"]
        first = cli(["feeds", "poll", "--db", db, *fast], check=False)
        assert first.returncode == 1  # the broken feed
        assert "new documents 2," in first.stderr and "broken.xml: HTTP 500" in first.stderr
        listed = {r["url"]: r for r in jsonl(cli(["feeds", "list", "--db", db, "--format", "jsonl"]).stdout)}
        assert listed[url]["title"] == "Delta Wire" and listed[url]["status"] == 200
        assert listed[f"{site.base}/feeds/broken.xml"]["error"].startswith("HTTP 500")
        second = cli(["feeds", "poll", "--db", db, *fast], check=False)
        assert "new documents 0," in second.stderr


def test_an_updated_entry_is_fetched_again_conditionally(tmp_path: Path) -> None:
    db = str(tmp_path / "u.duckdb")
    with serve() as site, Store.open(db) as store:
        store.add_feed(f"{site.base}/feeds/links.xml")
        run_cycle(store, 1, fetcher=Fetcher(store, FAST), folder=None)
        before = store.counts()
        site.edits = {"<updated>2024-03-12T01:00:00Z</updated>": "<updated>2024-03-13T01:00:00Z</updated>"}
        start = len(site.log)
        cycle = run_cycle(store, 2, fetcher=Fetcher(store, FAST), folder=None)
        assert site.requests(start) == [("/feeds/links.xml", 200), ("/pages/summit.html", 304)]
        assert cycle.intake.stored == 0 and store.counts()["documents"] == before["documents"]
        item = store.feed_item(f"{site.base}/pages/summit.html")
        assert item is not None and item["updated"] == "2024-03-13T01:00:00Z" and item["status"] == "not modified"


# -- the fetcher alone, over a mock transport (no network, no waiting) ------------------------------------


class Clock:
    """Stands in for time.sleep and time.monotonic: sleeping advances the clock, and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, s: float) -> None:
        self.sleeps.append(round(s, 3))
        self.now += s

    def monotonic(self) -> float:
        return self.now


def fetcher(tmp_path: Path, answers: dict[str, list[int]], monkeypatch: pytest.MonkeyPatch,
            robots: str = "", **options: Any) -> tuple[Fetcher, list[str], Clock]:
    import time

    import httpx

    asked: list[str] = []
    clock = Clock()
    monkeypatch.setattr(time, "sleep", clock.sleep)  # the module feeds.py uses; restored after the test
    monkeypatch.setattr(time, "monotonic", clock.monotonic)

    def handle(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        asked.append(url)
        if url.endswith("/robots.txt"):
            return httpx.Response(200, text=robots)
        statuses = answers[url]
        return httpx.Response(statuses.pop(0) if len(statuses) > 1 else statuses[0], text="<html></html>")

    store = Store.open(str(tmp_path / "f.duckdb"))
    opts = Options(**{"timeout": 1.0, "retries": 2, "backoff": 0.5, "delay": 2.0, **options})
    return Fetcher(store, opts, httpx.Client(transport=httpx.MockTransport(handle))), asked, clock


def test_fetcher_spaces_requests_per_host(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a1, a2, b1 = "http://a.test/1", "http://a.test/2", "http://b.test/1"
    f, asked, clock = fetcher(tmp_path, {a1: [200], a2: [200], b1: [200]}, monkeypatch)
    f.get(a1)
    f.get(b1)  # another host: no wait for it
    f.get(a2)
    assert asked == ["http://a.test/robots.txt", a1, "http://b.test/robots.txt", b1, a2]
    assert clock.sleeps == [2.0, 2.0]  # a1 after a's robots.txt, a2 after a1 (b's requests waited on nothing)
    assert f.requests == 5


def test_fetcher_retries_with_back_off_then_gives_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.feeds import FetchError

    ok, down, gone = "http://a.test/ok", "http://a.test/down", "http://a.test/gone"
    f, asked, clock = fetcher(tmp_path, {ok: [503, 429, 200], down: [500], gone: [404]}, monkeypatch, delay=0.0)
    assert f.get(ok).status == 200 and asked.count(ok) == 3
    assert clock.sleeps == [0.5, 1.0]  # back-off doubles
    with pytest.raises(FetchError, match=r"HTTP 500 \(tried 3 times\)") as e:
        f.get(down)
    assert not e.value.permanent
    with pytest.raises(FetchError, match="HTTP 404") as e:
        f.get(gone)
    assert e.value.permanent and asked.count(gone) == 1  # a 4xx is not retried


def test_fetcher_obeys_robots_disallow_and_crawl_delay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.feeds import FetchError

    page, secret = "http://a.test/page", "http://a.test/private/x"
    robots = "User-agent: *\nCrawl-delay: 5\nDisallow: /private/\n"
    f, asked, clock = fetcher(tmp_path, {page: [200], secret: [200]}, monkeypatch, robots=robots, delay=0.1)
    with pytest.raises(FetchError, match="robots.txt") as e:
        f.get(secret)
    assert e.value.permanent and secret not in asked
    f.get(page)
    assert clock.sleeps == [5.0]  # the Crawl-delay, longer than --delay
    again = Fetcher(f.store, f.options, f.client)  # a later run: robots.txt comes from the store
    again.get(page)
    assert asked.count("http://a.test/robots.txt") == 1


def test_fetcher_refuses_an_oversized_response_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.feeds import FetchError

    big = "http://a.test/big"
    f, asked, _ = fetcher(tmp_path, {big: [200]}, monkeypatch, max_bytes=1)  # 8 bytes of markup at most
    with pytest.raises(FetchError, match="over 8 bytes") as e:
        f.get(big)
    assert e.value.permanent and asked.count(big) == 1
