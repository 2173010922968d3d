"""Articles from HTML: main text, title, publication date and canonical URL, via trafilatura.

trafilatura keeps the article body and drops navigation, cookie banners, share buttons, related links,
comments and footers (docs/live.md compares it with readability-lxml on the test fixtures). Dates come
from the page's metadata and markup (htmldate, without guessing from the running text); a page with
none is an error naming it unless a fallback date is given, as for plain-text files.
"""

from __future__ import annotations

from configparser import ConfigParser
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from .types import Document, IngestError, content_hash

MIN_TEXT = 50  # characters: about one sentence
HEADING_WORDS = 8  # a line this short without a full stop, before the first sentence, is not the article
MIN_PARAGRAPH_WORDS = 8  # shorter paragraphs (datelines, buttons) say little about where the article is
MAX_LINK_DENSITY = 0.5  # a paragraph mostly made of link text is navigation ("Read more: ...")
DOMINANT = 0.5  # share of the page's paragraph words that makes a block the main one
NO_DATE = "no publication date found in the page's metadata or markup, and no --date was given"


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page says about its article. `published` is None when the page gives no date."""

    text: str
    title: str | None
    published: date | None
    url: str | None
    site: str | None


def extract(html: str | bytes, url: str | None = None) -> Page | None:
    """The article in an HTML page, or None when the page has no main text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, config=_config(),
        favor_precision=True,  # fewer stray lines: boilerplate must never reach the coder
        date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or isinstance(doc, dict) or not (doc.text or "").strip():
        return None
    title = (doc.title or "").strip() or None
    text = _body(doc.text or "", title)
    block = _main_block(html)
    if block is not None:  # trafilatura found no article markup and took in its neighbours: keep the body only
        text = "\n".join(line for line in text.split("\n") if " ".join(line.split()) in block)
    if len(text) < MIN_TEXT:
        return None
    return Page(text=text, title=title, published=_date(doc.date),
                url=doc.url or url, site=(doc.sitename or "").strip() or None)


def _main_block(html: str | bytes) -> str | None:
    """The text of the page's main block, when one clearly dominates (the parent of most paragraph
    words, `DOMINANT`), without link-dense paragraphs or blocks holding a form (newsletter sign-ups,
    "Read more" links): the guard against div-soup pages where the extraction runs into comments,
    side columns and footers. None when no block dominates (then trafilatura's text stands)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    words: dict[Any, int] = {}
    for p in root.iter("p"):
        n = len(p.text_content().split())
        if n >= MIN_PARAGRAPH_WORDS and _link_density(p) < MAX_LINK_DENSITY:
            words[p.getparent()] = words.get(p.getparent(), 0) + n
    if not words:
        return None
    best = max(words, key=lambda b: words[b])
    if words[best] < DOMINANT * sum(words.values()):
        return None
    for form in list(best.iter("form")):
        box = form.getparent()
        if box is not None and box is not best:
            box.drop_tree()
    for el in list(best.iter("p", "li")):
        if _link_density(el) >= MAX_LINK_DENSITY:
            el.drop_tree()
    return " ".join(best.text_content().split())


def _link_density(el: Any) -> float:
    text = len(" ".join(el.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return links / text if text else 1.0


@cache
def _config() -> ConfigParser:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(MIN_TEXT))  # a lone menu word is not an article
    return config


def _body(text: str, title: str | None) -> str:
    """The text without the lines before its first sentence that repeat the headline or are a dateline
    or kicker ("NAIROBI (Wire Service)"): glued to the first sentence they spoil its parse."""
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    while len(lines) > 1 and (lines[0] == title or _heading(lines[0])):
        lines = lines[1:]
    return "\n".join(lines)


def _heading(line: str) -> bool:
    """A short line that does not end like a sentence."""
    return len(line.split()) <= HEADING_WORDS and not line.rstrip("\"'”’)").endswith((".", "!", "?", ":"))


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def page_document(html: str | bytes, source: str, *, url: str | None = None, fallback: date | None = None,
                  max_bytes: int = 1_000_000, site: str | None = None) -> Document | IngestError:
    """A Document from a page (id: content hash of the text), or an IngestError naming `source`.

    `fallback` dates a page without a date of its own (a feed entry's date, or the CLI's --date);
    `site` names the publisher when the page does not (else its URL host counts as the source)."""
    try:
        page = extract(html, url)
    except Exception as e:  # noqa: BLE001 - a broken page is one error, never the end of a batch
        return IngestError(source, None, f"cannot parse the HTML ({type(e).__name__}: {e})")
    if page is None:
        return IngestError(source, None, "no article text found in the page")
    published = page.published or fallback
    if published is None:
        return IngestError(source, None, NO_DATE)
    size = len(page.text.encode("utf-8"))
    if size > max_bytes:
        return IngestError(source, None, f"text is {size} bytes, over the limit of {max_bytes} (see --max-bytes)")
    return Document(id=content_hash(page.text), published=published, text=page.text, title=page.title,
                    url=page.url, source=page.site or site)


def read_html_file(path: str, fallback: date | None = None, max_bytes: int = 1_000_000) -> Document | IngestError:
    """An .html/.htm file as one Document (the hook `ingest.read_paths` uses)."""
    try:
        with open(path, "rb") as f:
            data = f.read(8 * max_bytes + 1)
    except OSError as e:
        return IngestError(path, None, f"cannot read the file ({e.strerror or e})")
    if len(data) > 8 * max_bytes:  # markup is bulky: allow 8x the text limit before giving up
        return IngestError(path, None, f"page is over {8 * max_bytes} bytes (see --max-bytes)")
    return page_document(data, path, fallback=fallback, max_bytes=max_bytes)


_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section")


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one line per block, blank lines dropped."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - not markup at all: take it as text
        return " ".join(html.split())
    for el in root.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
