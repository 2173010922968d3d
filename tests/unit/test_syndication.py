"""Syndicated copies: near-duplicate signatures, and copies counted as sources, not events (no model)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from newsevents import syndication
from newsevents.query import Database
from newsevents.store import Store
from newsevents.types import Actor, ActorMention, Cameo, Document, Event, Evidence
from newsevents.webpage import page_document

LIVE = Path(__file__).resolve().parents[1] / "fixtures" / "live" / "pages"


def page(name: str) -> Document:
    doc = page_document((LIVE / f"{name}.html").read_bytes(), name)
    assert isinstance(doc, Document)
    return doc


def test_copies_of_one_wire_story_match_and_other_stories_do_not() -> None:
    herald, times = page("wire_herald"), page("wire_times")
    assert herald.text != times.text  # dateline and closing line differ
    same = syndication.similarity(syndication.signature(herald.text), syndication.signature(times.text))
    assert same >= syndication.THRESHOLD
    for other in ("summit", "brazil"):
        s = syndication.similarity(syndication.signature(herald.text), syndication.signature(page(other).text))
        assert s < 0.1


def test_signature_is_deterministic_bounded_and_exact_for_short_texts() -> None:
    long_text = " ".join(f"word{i}" for i in range(1000))
    sig = syndication.signature(long_text)
    assert len(sig) == syndication.K and sig == sorted(sig) == syndication.signature(long_text)
    a = syndication.signature("one two three four five six")  # shingles: 1-5, 2-6
    b = syndication.signature("one two three four five seven")  # shingles: 1-5, 2-7
    assert syndication.similarity(a, b) == 1 / 3
    assert syndication.similarity(a, []) == 0.0


def test_best_match_takes_the_most_similar_above_the_threshold() -> None:
    herald, times, summit = page("wire_herald"), page("wire_times"), page("summit")
    sig = syndication.signature(times.text)
    cands = [("summit", syndication.signature(summit.text)), ("herald", syndication.signature(herald.text))]
    match = syndication.best_match(sig, cands)
    assert match is not None and match[0] == "herald"
    assert syndication.best_match(sig, cands[:1]) is None


def agree_event(doc: Document) -> Event:
    start = doc.text.index("signed an agreement")
    ken = ActorMention(0, 5, "Kenya", Actor("KEN", "GOV"))
    eth = ActorMention(10, 18, "Ethiopia", Actor("ETH", "GOV"))
    return Event(doc_id=doc.id, published=doc.published, date="2024-05-10", date_precision="day",
                 date_source="publication", date_text=None, plover_type="AGREE", plover_mode=None,
                 plover_context=(), cameo=Cameo("057", "05", 8.0, 1), source=(ken,), target=(eth,), location=None,
                 modality="asserted", quantities=(),
                 evidence=Evidence(0, "s", start, start + 19, "signed an agreement"), confidence=0.8)


def test_a_stored_copy_adds_an_article_and_a_source_not_an_event(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    herald, times = page("wire_herald"), page("wire_times")
    with Store.open(db) as store:
        assert store.write_document(herald, [agree_event(herald)])
        before = store.counts()["events"]
        assert store.write_duplicate(times, herald.id, 0.93)
        assert not store.write_duplicate(times, herald.id, 0.93)  # stored once
        assert store.counts()["events"] == before == 1
        assert [(d["doc_id"], d["original_id"], d["source_key"]) for d in store.duplicates()] == [
            (times.id, herald.id, "highland times")]
        assert store.document(times.id) is not None  # the copy's text is kept for audit
    with Database.open(db) as database:
        [rec] = database.events()
        assert (rec["num_articles"], rec["num_sources"]) == (2, 2)
        detail = database.event(rec["event_id"])
        assert detail is not None and (detail["event"]["num_articles"], detail["event"]["num_sources"]) == (2, 2)


def test_a_copy_from_the_same_outlet_adds_an_article_only(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    herald = page("wire_herald")
    again = Document(id="again", published=herald.published, text=herald.text + "\nUpdated at noon.",
                     source=herald.source)
    with Store.open(db) as store:
        store.write_document(herald, [agree_event(herald)])
        store.write_duplicate(again, herald.id, 0.97)
    with Database.open(db) as database:
        [rec] = database.events()
        assert (rec["num_articles"], rec["num_sources"]) == (2, 1)


def test_index_matches_copies_published_near_each_other_only() -> None:
    herald, times, summit = page("wire_herald"), page("wire_times"), page("summit")
    index = syndication.Index()
    index.add("herald", herald.published, syndication.signature(herald.text))
    index.add("summit", summit.published, syndication.signature(summit.text))
    sig = syndication.signature(times.text)
    match = index.match(sig, times.published)
    assert match is not None and match[0] == "herald" and match[1] >= syndication.THRESHOLD
    late = syndication.window(herald.published)[1] + timedelta(days=syndication.WINDOW_DAYS + 1)
    assert index.match(sig, late) is None  # the same text a week later is a new article, not a copy


def test_copy_finder_reads_each_day_of_stored_signatures_once_and_remembers_its_originals() -> None:
    from datetime import date as _date

    from newsevents.live import CopyFinder
    from newsevents.types import Document as _Doc

    class FakeStore:
        def __init__(self) -> None:
            self.reads: list[tuple[_date, _date]] = []

        def unsigned_documents(self, since: _date, until: _date) -> list[tuple[str, _date, str]]:
            return []

        def save_signatures(self, rows: object) -> None:
            raise AssertionError("nothing to sign")

        def signatures(self, since: _date, until: _date) -> list[tuple[str, _date, list[int]]]:
            self.reads.append((since, until))
            return []

    story = " ".join(f"word{i} of the wire story about the summit in Nairobi" for i in range(40))
    store, finder = FakeStore(), CopyFinder()
    first = [_Doc("a", _date(2024, 5, 10), story)]
    originals, copies = finder.split(store, first)  # type: ignore[arg-type]
    assert [d.id for d in originals] == ["a"] and not copies
    assert store.reads == [(_date(2024, 5, 7), _date(2024, 5, 13))]
    originals, copies = finder.split(store, [_Doc("b", _date(2024, 5, 11), story + " Updated.")])  # type: ignore[arg-type]
    assert not originals and copies[0][1] == "a"  # the first batch's original, from memory
    assert store.reads[1:] == [(_date(2024, 5, 14), _date(2024, 5, 14))]  # only the day not read before
