"""Polling RSS/Atom feeds politely, keeping what was fetched in the store so a re-poll fetches nothing new.

- A feed is fetched with a conditional GET (its stored ETag and Last-Modified); 304 means nothing new.
- An entry whose feed carries the article (content or a long description, `MIN_FULL_TEXT`) is used as
  it is; otherwise its link is fetched and the article extracted from the page (webpage.py).
- An item URL fetched once is not fetched again unless the entry's updated date changes, and then
  conditionally; what each item gave (content hash, document id) is kept in `feed_items`.
- Per host: robots.txt is obeyed (fetched once a day, kept in `hosts`; unreachable means "disallow
  for now", a 4xx means "no rules", as RFC 9309 says), and requests are spaced by a delay (or the
  robots.txt Crawl-delay if longer).
- Timeouts, connection errors, 429 and 5xx answers are retried with exponential back-off; a feed that
  still fails is one error and the other feeds go on.

A feed's validators and its items are recorded only once its new documents are stored (`Poll.done`),
so an interrupted run re-fetches what it did not finish.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from . import webpage
from .store import AnyStore
from .types import Document, IngestError, content_hash

USER_AGENT = "newsevents/0.1 (feed reader)"
MIN_FULL_TEXT = 400  # characters of entry text that make it a whole article rather than a teaser
ROBOTS_TTL = timedelta(days=1)


class FetchError(Exception):
    """A URL could not be fetched (after the retries); the message says why, `status` is the HTTP
    status when the server answered with an error. `permanent`: asking again will not help (a 4xx
    answer, robots.txt forbids it), unlike a timeout or a 5xx."""

    def __init__(self, reason: str, status: int | None = None, permanent: bool = False) -> None:
        super().__init__(reason)
        self.status, self.permanent = status, permanent


@dataclass(frozen=True)
class Options:
    timeout: float = 10.0  # seconds for each connect/read, and twice that for a whole response
    retries: int = 2  # further attempts after the first
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    delay: float = 1.0  # seconds between two requests to one host
    max_bytes: int = 1_000_000  # largest article text; a response may be 8 times this
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Response:
    status: int
    url: str
    headers: httpx.Headers
    body: bytes


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Fetcher:
    """HTTP GETs with robots.txt, per-host delays, timeouts and retries. `requests` counts every
    request sent (robots.txt included)."""

    def __init__(self, store: AnyStore, options: Options | None = None, client: httpx.Client | None = None) -> None:
        options = options or Options()
        self.store, self.options = store, options
        self.client = client or httpx.Client(timeout=options.timeout, follow_redirects=True,
                                             headers={"User-Agent": options.user_agent})
        self.requests = 0
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """GET url (conditionally when validators are given): a 2xx or 304 Response, else FetchError."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"not an http(s) URL: {url}", permanent=True)
        rules = self._rules(url)
        if rules is None:
            raise FetchError(f"robots.txt of {_host(url)} could not be read; not fetching for now")
        if not rules.can_fetch(self.options.user_agent, url):
            raise FetchError("disallowed by robots.txt", permanent=True)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        delay = max(self.options.delay, float(rules.crawl_delay(self.options.user_agent) or 0))
        return self._get(url, headers, delay)

    def _get(self, url: str, headers: dict[str, str], delay: float) -> Response:
        reason = ""
        for attempt in range(self.options.retries + 1):
            if attempt:
                time.sleep(self.options.backoff * 2 ** (attempt - 1))
            try:
                r = self._send(url, headers, delay)
            except httpx.TimeoutException:
                reason = f"timed out (timeout {self.options.timeout:g} s)"
                continue
            except httpx.HTTPError as e:
                reason = f"{type(e).__name__}: {e}"
                continue
            if r.status == 429 or r.status >= 500:
                reason = f"HTTP {r.status}"
                continue
            if r.status >= 400:
                raise FetchError(f"HTTP {r.status}", r.status, permanent=True)
            return r
        raise FetchError(f"{reason} (tried {self.options.retries + 1} times)")

    def _send(self, url: str, headers: dict[str, str], delay: float) -> Response:
        self._wait(_host(url), delay)
        self.requests += 1
        limit = 8 * self.options.max_bytes
        deadline = time.monotonic() + 2 * self.options.timeout  # a server trickling bytes is cut off too
        try:
            with self.client.stream("GET", url, headers=headers) as r:
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > limit:  # asking again would not make it smaller
                        raise FetchError(f"response over {limit} bytes", permanent=True)
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("response took too long")
                return Response(r.status_code, str(r.url), r.headers, b"".join(chunks))
        finally:
            self._last[_host(url)] = time.monotonic()
            self.store.record_host(_host(url), last_request_at=_now())

    def _wait(self, host: str, delay: float) -> None:
        last = self._last.get(host)
        if last is None:  # first contact in this process: a previous run may have just asked it
            state = self.store.host(host)
            if state and state["last_request_at"] is not None:
                ago = (_now() - state["last_request_at"]).total_seconds()
                last = time.monotonic() - max(ago, 0.0)
        if last is not None:
            pause = delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)

    def _rules(self, url: str) -> RobotFileParser | None:
        """The robots.txt rules of url's host (cached in memory and in the store), None if unreachable."""
        host = _host(url)
        if host in self._robots:
            return self._robots[host]
        state = self.store.host(host)
        rules: RobotFileParser | None
        if state and state["robots_at"] is not None and _now() - state["robots_at"] < ROBOTS_TTL:
            rules = _parse_robots(int(state["robots_status"]), state["robots_txt"] or "")
        else:
            parts = urlsplit(url)
            try:
                r = self._get(f"{parts.scheme}://{parts.netloc}/robots.txt", {}, self.options.delay)
                status, text = r.status, r.body.decode("utf-8", errors="replace")
            except FetchError as e:
                status, text = e.status or 0, ""  # a 4xx answer; 0: unreachable or 5xx
            rules = _parse_robots(status, text) if status else None
            if status:
                self.store.record_host(host, robots_status=status, robots_txt=text, robots_at=_now())
        self._robots[host] = rules
        return rules


def _parse_robots(status: int, text: str) -> RobotFileParser:
    rules = RobotFileParser()
    rules.parse(text.splitlines() if 200 <= status < 300 else [])  # 4xx: no rules, everything allowed
    return rules


# -- polling -------------------------------------------------------------------------------------------


@dataclass
class Poll:
    """What one poll found. `documents` are new; `done(doc)` (pass it to live.store_documents) records
    the items that gave a document once it is stored; `finish()` then records the feeds' validators."""

    store: AnyStore
    documents: list[Document] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    feeds: int = 0
    not_modified: int = 0
    items: dict[str, list[dict[str, Any]]] = field(default_factory=dict, repr=False)  # content hash -> rows
    waiting: dict[str, set[str]] = field(default_factory=dict, repr=False)  # feed -> content hashes not stored
    validators: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)  # feed -> 200 answer
    retry: set[str] = field(default_factory=set, repr=False)  # feeds with an item to fetch again

    def add(self, doc: Document, item: dict[str, Any]) -> None:
        if doc.content_hash not in self.items:
            self.documents.append(doc)
        self.items.setdefault(doc.content_hash, []).append(item)
        self.waiting.setdefault(item["feed_url"], set()).add(doc.content_hash)

    def done(self, doc: Document) -> None:
        for item in self.items.pop(doc.content_hash, []):
            self.store.record_item(**item, content_hash=doc.content_hash, doc_id=doc.id, status="stored")
            self.waiting.get(item["feed_url"], set()).discard(doc.content_hash)

    def finish(self) -> None:
        """Record each polled feed; its validators only when all its new documents were stored."""
        for url, v in self.validators.items():
            complete = not self.waiting.get(url) and url not in self.retry
            self.store.record_poll(url, status=v["status"], error=None, title=v["title"],
                                   etag=v["etag"] if complete else None,
                                   last_modified=v["last_modified"] if complete else None)


def poll(store: AnyStore, fetcher: Fetcher, urls: Sequence[str] | None = None, fallback: date | None = None,
         stop: Callable[[], bool] = lambda: False) -> Poll:
    """Fetch the registered feeds (or `urls` among them) and their new items. Never raises for a bad
    feed or page: each becomes an error in `Poll.errors` (and the feed's `error` column). `stop()` is
    checked between entries: a feed left half-read keeps its old validators."""
    result = Poll(store)
    for feed in store.feeds():
        if urls is not None and feed["url"] not in urls:
            continue
        if stop():
            break
        result.feeds += 1
        try:
            _poll_feed(store, fetcher, feed, fallback, result, stop)
        except FetchError as e:
            result.errors.append(IngestError(feed["url"], None, str(e)))
            store.record_poll(feed["url"], status=None, error=str(e))
    return result


def _poll_feed(store: AnyStore, fetcher: Fetcher, feed: dict[str, Any], fallback: date | None, result: Poll,
               stop: Callable[[], bool]) -> None:
    import feedparser

    url = feed["url"]
    r = fetcher.get(url, feed["etag"], feed["last_modified"])
    if r.status == 304:
        result.not_modified += 1
        store.record_poll(url, status=304, error=None)
        return
    parsed = feedparser.parse(io.BytesIO(r.body), response_headers={"content-location": r.url,
                                                                     "content-type": r.headers.get("content-type", "")})
    if not parsed.entries and (parsed.bozo or not parsed.version):
        raise FetchError(f"not an RSS or Atom feed ({parsed.get('bozo_exception') or 'no entries'})")
    title = (parsed.feed.get("title") or "").strip() or None
    for entry in parsed.entries:
        if stop():
            return
        _entry(store, fetcher, url, title, entry, fallback, result)
    result.validators[url] = {"status": r.status, "title": title, "etag": r.headers.get("etag"),
                              "last_modified": r.headers.get("last-modified")}


def _entry(store: AnyStore, fetcher: Fetcher, feed_url: str, feed_title: str | None, entry: Any,
           fallback: date | None, result: Poll) -> None:
    link = entry.get("link") or entry.get("id")
    if not link:
        result.errors.append(IngestError(feed_url, "entry", "an entry with neither link nor id"))
        return
    updated = dict.get(entry, "updated") or dict.get(entry, "published")  # no feedparser alias warning
    item = {"url": link, "feed_url": feed_url, "entry_id": entry.get("id"), "updated": updated,
            "etag": None, "last_modified": None}
    prev = store.feed_item(link)
    when = _entry_date(entry) or fallback
    text = _full_text(entry)
    if text is not None:  # the feed carries the article: no request
        if prev and prev["content_hash"] == content_hash(text):
            return
        if when is None:
            result.errors.append(IngestError(link, None, "the feed entry has no date, and no --date was given"))
            return
        title = (entry.get("title") or "").strip() or None
        result.add(Document(id=content_hash(text), published=when, text=text, title=title, url=link,
                            source=feed_title), item)
        return
    if prev and prev["updated"] == updated:
        return  # fetched before and the entry says it has not changed
    try:
        r = fetcher.get(link, prev["etag"] if prev else None, prev["last_modified"] if prev else None)
    except FetchError as e:
        result.errors.append(IngestError(link, None, str(e)))
        if e.permanent:  # not again unless the entry changes
            store.record_item(**item, content_hash=None, doc_id=None, status=f"error: {e}")
        else:  # the feed is fetched in full next time, so this item is tried again
            result.retry.add(feed_url)
        return
    item.update(etag=r.headers.get("etag"), last_modified=r.headers.get("last-modified"))
    if r.status == 304 and prev:
        store.record_item(**item, content_hash=prev["content_hash"], doc_id=prev["doc_id"], status="not modified")
        return
    doc = webpage.page_document(r.body, link, url=r.url, fallback=when, max_bytes=fetcher.options.max_bytes)
    if isinstance(doc, IngestError):  # the page itself is unusable: remember, so it is not fetched again
        result.errors.append(doc)
        store.record_item(**item, content_hash=None, doc_id=None, status=f"error: {doc.reason}")
        return
    result.add(doc, item)


def _full_text(entry: Any) -> str | None:
    """The entry's article text when the feed carries it whole (content, or a long description)."""
    values = [c.get("value", "") for c in entry.get("content") or []] + [entry.get("summary") or ""]
    best = max((webpage.fragment_text(v) for v in values if v), key=len, default="")
    return best if len(best) >= MIN_FULL_TEXT else None


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        t = dict.get(entry, key)  # plain dict lookup: no feedparser alias warning
        if t:
            return date(t.tm_year, t.tm_mon, t.tm_mday)
    return None
