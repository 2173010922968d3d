"""HTML articles: main text kept, planted boilerplate dropped, metadata read (fixtures in tests/fixtures/live)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from newsevents.ingest import read_paths
from newsevents.types import Document, IngestError
from newsevents.webpage import NO_DATE, extract, fragment_text, page_document

LIVE = Path(__file__).resolve().parents[1] / "fixtures" / "live"
PAGES = {"summit": "summit", "wire_herald": "wire", "wire_times": "wire", "brazil": "brazil", "ceasefire": "ceasefire"}
BOILERPLATE = [line for line in (LIVE / "boilerplate.txt").read_text().splitlines() if line.strip()]


def norm(s: str) -> str:
    return " ".join(s.split())


def sentences(name: str) -> list[str]:
    return [line for line in (LIVE / "pages" / f"{name}.sentences.txt").read_text().splitlines() if line.strip()]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_article_sentences_are_kept(page: str) -> None:
    found = extract((LIVE / "pages" / f"{page}.html").read_bytes())
    assert found is not None
    text = norm(found.text)
    kept = [s for s in sentences(PAGES[page]) if norm(s) in text]
    assert len(kept) / len(sentences(PAGES[page])) >= 0.95, set(sentences(PAGES[page])) - set(kept)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_planted_boilerplate_never_reaches_the_text(page: str) -> None:
    doc = page_document((LIVE / "pages" / f"{page}.html").read_bytes(), page)
    assert isinstance(doc, Document)
    text = norm(doc.text)
    leaked = [b for b in BOILERPLATE if norm(b) in text]
    assert leaked == []
    # nor any fragment of the navigation or share bars
    assert not re.search(r"Share this story|Reader comments|All rights reserved|Accept all cookies", doc.text)


def test_metadata_title_date_canonical_url_and_site() -> None:
    page = extract((LIVE / "pages" / "summit.html").read_bytes())
    assert page is not None
    assert page.title == "Japan and Australia sign defence pact"
    assert page.published == date(2024, 3, 12)
    assert page.url == "https://ledger.example/world/2024/03/12/japan-australia-defence-pact"
    assert page.site == "Pacific Daily Ledger"
    assert not page.text.startswith(page.title)  # the headline is not repeated as body text


def test_date_from_a_time_element_when_no_meta() -> None:
    page = extract((LIVE / "pages" / "brazil.html").read_bytes())
    assert page is not None and page.published == date(2024, 6, 6)


def test_page_without_a_date_is_an_error_naming_it_unless_a_fallback_is_given() -> None:
    html = (LIVE / "pages" / "nodate.html").read_bytes()
    err = page_document(html, "saved/nodate.html")
    assert isinstance(err, IngestError)
    assert err.source == "saved/nodate.html" and err.reason == NO_DATE
    doc = page_document(html, "saved/nodate.html", fallback=date(2024, 1, 2))
    assert isinstance(doc, Document) and doc.published == date(2024, 1, 2)
    assert "Norway and Iceland held talks" in doc.text


def test_page_without_article_text_is_an_error() -> None:
    err = page_document(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty.html")
    assert isinstance(err, IngestError) and "no article text" in err.reason


def test_ingest_reads_html_files_in_folders(tmp_path: Path) -> None:
    for name in ("summit.html", "nodate.html"):
        (tmp_path / name).write_bytes((LIVE / "pages" / name).read_bytes())
    (tmp_path / "wire.htm").write_bytes((LIVE / "pages" / "wire_times.html").read_bytes())
    items = list(read_paths([str(tmp_path)]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert sorted(d.source or "" for d in docs) == ["Highland Times", "Pacific Daily Ledger"]
    assert [e.source for e in errors] == [str(tmp_path / "nodate.html")]
    assert "no publication date" in errors[0].reason
    # --date dates the page that has none; a page's own date wins over it
    dated = [i for i in read_paths([str(tmp_path)], date(2024, 2, 1)) if isinstance(i, Document)]
    assert sorted(d.published for d in dated) == [date(2024, 2, 1), date(2024, 3, 12), date(2024, 5, 10)]


def test_fragment_text_puts_blocks_on_lines() -> None:
    text = fragment_text("<p>First  one.</p><p>Second<br>line</p><ul><li>item</li></ul>tail")
    assert text.split("\n") == ["First one.", "Second", "line", "item", "tail"]


def test_a_dateline_before_the_first_sentence_is_dropped() -> None:
    page = extract((LIVE / "pages" / "wire_herald.html").read_bytes())
    assert page is not None
    assert page.text.startswith("Kenya and Ethiopia agreed on Friday")  # not "NAIROBI (Wire Service)"
    one_line = extract(b"<html><body><article><p>" + b"Talks went on all night in Geneva, officials said. " * 3
                       + b"</p></article><time datetime='2024-01-01'></time></body></html>")
    assert one_line is not None and one_line.text.startswith("Talks went on")
