from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents.store import MIGRATIONS, Item, Store, StoreError, open_store, period
from newsevents.types import (
    Actor,
    ActorMention,
    Cameo,
    Document,
    Event,
    Evidence,
    IngestError,
    Place,
    PlaceMention,
    Quantity,
    Timex,
)

TEXT = "Japan's government on Tuesday pledged $5 million in aid to Ukraine, Reuters reported from Kyiv."


def doc(text: str = TEXT, id: str | None = None, published: date = date(2022, 1, 5)) -> Document:
    return Document(id=id or f"d-{abs(hash(text)) % 10**8}", published=published, text=text,
                    title="Aid", url="https://example.org/a", source="test")


def actor(text: str, country: str | None, sector: str | None = None, start: int = 0) -> ActorMention:
    return ActorMention(start, start + len(text), text, Actor(country, sector, name=text, role=None))


def event(d: Document, *, type: str = "AID", date_: str = "2022-01-04", precision: str = "day",
          source: str | None = "JPN", target: str | None = "UKR", confidence: float = 0.8,
          start: int = 31) -> Event:
    return Event(
        doc_id=d.id, published=d.published, date=date_, date_precision=precision, date_source="text",
        date_text="Tuesday", plover_type=type, plover_mode="economic", plover_context=("humanitarian",),
        cameo=Cameo("073", "07", 7.4, 2),
        source=(actor("Japan's government", source, "GOV"),) if source else (),
        target=(actor("Ukraine", target, start=61),) if target else (),
        location=PlaceMention(88, 92, "Kyiv", Place("Kyiv", "UKR", 50.45, 30.52, "city", 703448)),
        modality="reported",
        quantities=(Quantity(39, 49, "$5 million", 5_000_000.0, currency="USD"),),
        evidence=Evidence(0, TEXT, start, start + 7, "pledged"),
        confidence=confidence,
        reported_by=actor("Reuters", None, "MED", start=69),
    )


@pytest.fixture
def path(tmp_path: Path) -> str:
    return str(tmp_path / "events.duckdb")


@pytest.fixture
def st(path: str) -> Any:
    with Store.open(path) as s:
        yield s


def test_schema_created_and_version_recorded(path: str) -> None:
    with Store.open(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
        counts = s.counts()
    assert set(counts) == {"schema_version", "documents", "events", "event_actors", "mentions",
                           "timexes", "errors", "actors"}
    assert counts["schema_version"] == len(MIGRATIONS)


def test_reopen_does_not_remigrate(path: str) -> None:
    with Store.open(path) as s:
        s.write_document(doc(), [])
    with open_store(path) as s:
        assert s.counts()["schema_version"] == len(MIGRATIONS)
        assert s.counts()["documents"] == 1
    with Store.open(path, read_only=True) as s:
        assert s.schema_version() == len(MIGRATIONS)


def test_newer_schema_refused(path: str) -> None:
    Store.open(path).close()
    con = duckdb.connect(path)
    con.execute("INSERT INTO schema_version VALUES (999, now())")
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


def test_read_only_unmigrated_refused(path: str) -> None:
    duckdb.connect(path).close()
    with pytest.raises(StoreError, match="migrating"):
        Store.open(path, read_only=True)


def test_round_trip_returns_exact_record(st: Store) -> None:
    d = doc()
    e = event(d, confidence=0.83333)
    timexes = [Timex(20, 27, "Tuesday", "DATE", "2022-01-04")]
    mentions = [e.source[0], e.target[0], e.location, e.quantities[0]]
    assert st.write_document(d, [e], timexes, [m for m in mentions if m is not None]) is True
    assert st.events() == [e.to_record()]
    assert st.has_document(d.content_hash)
    assert st.known_hashes([d.content_hash, "nope"]) == {d.content_hash}
    c = st.counts()
    assert (c["documents"], c["events"], c["event_actors"], c["mentions"], c["timexes"]) == (1, 1, 3, 4, 1)
    assert st._fetch('SELECT kind, code, name, lat, amount, currency FROM mentions ORDER BY "start"') == [
        ("actor", "JPNGOV", "Japan's government", None, None, None),
        ("quantity", None, None, None, 5_000_000.0, "USD"),
        ("actor", "UKR", "Ukraine", None, None, None),
        ("place", None, "Kyiv", 50.45, None, None)]
    assert st._fetch("SELECT role, position, code FROM event_actors ORDER BY role") == [
        ("reported_by", 0, "MED"), ("source", 0, "JPNGOV"), ("target", 0, "UKR")]
    stored = st.document(d.id)
    assert stored is not None and stored["text"] == TEXT and stored["published"] == "2022-01-05"


def test_event_columns(st: Store) -> None:
    d = doc()
    st.write_document(d, [event(d)])
    row = st._fetch("SELECT source_code, target_code, source_country, target_country, date_start,"
                    " date_end, plover_context, lat, goldstein FROM events")[0]
    assert row == ("JPNGOV", "UKR", "JPN", "UKR", date(2022, 1, 4), date(2022, 1, 4), ["humanitarian"],
                   50.45, 7.4)


def test_rewrite_is_idempotent(st: Store) -> None:
    d = doc()
    assert st.write_document(d, [event(d)])
    before = st.counts()
    assert st.write_document(d, [event(d)]) is False
    assert st.write_document(dataclasses.replace(d, id="other-id"), [event(d)]) is False  # same hash
    assert st.write_document(dataclasses.replace(d, text="different"), []) is False  # same id
    assert st.counts() == before


def test_write_batch_skips_known_and_repeats(st: Store) -> None:
    a, b, c = doc("one"), doc("two"), doc("three")
    st.write_document(a, [event(a)])
    items: list[Item] = [(a, [event(a)], [], []), (b, [event(b)], [], []), (b, [event(b)], [], []),
             (c, [event(c), event(c, type="CONSULT", start=0)], [], [])]
    assert st.write_batch(items) == 2
    assert st.counts()["documents"] == 3
    assert st.counts()["events"] == 4
    assert st.write_batch(items) == 0
    assert st.write_batch([]) == 0


def test_duplicate_event_in_document_stored_once(st: Store) -> None:
    d = doc()
    assert st.write_document(d, [event(d), event(d)])
    assert st.counts()["events"] == 1


@pytest.fixture
def filled(st: Store) -> Store:
    d1, d2, d3 = doc("a"), doc("b"), doc("c")
    st.write_batch([
        (d1, [event(d1, date_="2021-03-05", confidence=0.9),
              event(d1, type="ACCUSE", date_="2021-03", precision="month", source="RUS", target="USA",
                    confidence=0.5)], [], []),
        (d2, [event(d2, type="Protest", date_="2021", precision="year", source="FRA", target=None,
                    confidence=0.7)], [], []),
        (d3, [event(d3, type="aid", date_="2022-06-30", confidence=0.95)], [], []),
    ])
    return st


def dates(records: list[dict[str, Any]]) -> list[str]:
    return [r["date"] for r in records]


def test_order(filled: Store) -> None:
    assert dates(filled.events()) == ["2021", "2021-03", "2021-03-05", "2022-06-30"]
    assert dates(filled.events(limit=2, offset=1)) == ["2021-03", "2021-03-05"]


def test_filter_country(filled: Store) -> None:
    assert dates(filled.events(country="UKR")) == ["2021-03-05", "2022-06-30"]
    assert dates(filled.events(country="usa")) == ["2021-03"]
    assert dates(filled.events(source_country="RUS")) == ["2021-03"]
    assert filled.events(target_country="RUS") == []
    assert dates(filled.events(source_country="JPN", target_country="UKR")) == ["2021-03-05", "2022-06-30"]
    assert filled.events(country="MED") == []  # reported_by does not count as a party


def test_filter_type_case_insensitive(filled: Store) -> None:
    assert dates(filled.events(type="AID")) == ["2021-03-05", "2022-06-30"]
    assert dates(filled.events(type="protest")) == ["2021"]


def test_filter_dates_overlap_periods(filled: Store) -> None:
    assert dates(filled.events(since=date(2021, 3, 15), until=date(2021, 12, 31))) == ["2021", "2021-03"]
    assert dates(filled.events(since=date(2021, 3, 5), until=date(2021, 3, 5))) == [
        "2021", "2021-03", "2021-03-05"]
    assert dates(filled.events(since=date(2022, 1, 1))) == ["2022-06-30"]
    assert dates(filled.events(until=date(2021, 2, 28))) == ["2021"]
    assert filled.events(since=date(2023, 1, 1)) == []


def test_filter_min_confidence(filled: Store) -> None:
    assert dates(filled.events(min_confidence=0.9)) == ["2021-03-05", "2022-06-30"]


def test_summaries(filled: Store) -> None:
    assert filled.count_by_type() == [("ACCUSE", 1), ("AID", 1), ("Protest", 1), ("aid", 1)]
    assert filled.top_dyads() == [("JPN", "UKR", 2), ("RUS", "USA", 1)]
    assert filled.top_dyads(1) == [("JPN", "UKR", 2)]
    assert [r["confidence"] for r in filled.sample_events(2)] == [0.95, 0.9]


def test_injection_string_is_just_a_value(filled: Store) -> None:
    before = filled.counts()
    for bad in ["UKR' OR '1'='1", "x'); DROP TABLE events; --", "%"]:
        assert filled.events(country=bad) == []
        assert filled.events(type=bad) == []
    assert filled.counts() == before


def test_failure_mid_write_rolls_back(st: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    d = doc()
    real = Store._insert

    def failing(self: Store, table: str, rows: list[Any]) -> None:
        real(self, table, rows)
        if table == "documents":
            raise RuntimeError("disk on fire")

    monkeypatch.setattr(Store, "_insert", failing)
    with pytest.raises(RuntimeError):
        st.write_document(d, [event(d)])
    assert st.counts()["documents"] == 0
    assert st.counts()["events"] == 0
    assert not st.has_document(d.content_hash)
    monkeypatch.setattr(Store, "_insert", real)
    assert st.write_document(d, [event(d)])  # the connection is still usable
    assert st.counts()["events"] == 1


def test_errors_table(st: Store) -> None:
    st.write_error(IngestError("feed.jsonl", "12", "no published date"))
    st.write_error(IngestError("x.txt", None, "not UTF-8"))
    errs = st.errors()
    assert [(e["source"], e["locator"], e["reason"]) for e in errs] == [
        ("feed.jsonl", "12", "no published date"), ("x.txt", None, "not UTF-8")]
    assert errs[0]["id"] < errs[1]["id"]
    assert isinstance(errs[0]["at"], str)


def test_read_only_rejects_writes(path: str) -> None:
    Store.open(path).close()
    with Store.open(path, read_only=True) as s, pytest.raises(duckdb.Error):
        s.write_error(IngestError("a", None, "b"))


def test_period() -> None:
    assert period("2021-02") == (date(2021, 2, 1), date(2021, 2, 28))
    assert period("2020") == (date(2020, 1, 1), date(2020, 12, 31))
    assert period("2020-02-29") == (date(2020, 2, 29), date(2020, 2, 29))
    assert period("2021-13") is None
    assert period("PRESENT_REF") is None


# -- the actor registry (migration 2) -------------------------------------------------------------

def person(name: str, role: str, country: str = "JPN", start: int = 0) -> ActorMention:
    return ActorMention(start, start + len(name), name, Actor(country, "GOV", name=name, role=role))


def test_migration_2_upgrades_a_version_1_store(path: str) -> None:
    import newsevents.store as store_mod

    con = duckdb.connect(path)
    store_mod._migrate_to(con, 1)  # a store written before the registry existed
    con.close()
    with Store.open(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert s.counts()["actors"] == 0
        assert s.people() == []


def test_registry_upsert_is_idempotent(st: Store) -> None:
    kono, wang = person("Taro Kono", "Foreign Minister"), person("Wang Yi", "Foreign Minister", "CHN")
    d1 = doc("one", published=date(2019, 1, 10))
    d2 = doc("two", published=date(2019, 3, 5))
    d0 = doc("zero", published=date(2018, 11, 1))
    assert st.write_batch([(d1, [], [], [])], [[kono, kono, wang]]) == 1
    assert st.write_batch([(d1, [], [], []), (d2, [], [], []), (d2, [], [], [])],
                          [[kono, kono, wang], [kono], [kono]]) == 1  # d1 known, d2 repeated
    assert st.write_batch([(d0, [], [], [])], [[person("Taro Kono", "foreign minister")]]) == 1
    rows = {p.name: p for p in st.people()}
    k = rows["Taro Kono"]
    assert (k.role, k.first_seen, k.last_seen, k.mentions, k.documents) == (
        "Foreign Minister", date(2018, 11, 1), date(2019, 3, 5), 4, 3)
    assert (rows["Wang Yi"].documents, rows["Wang Yi"].mentions) == (1, 1)
    before = st.counts()
    assert st.write_batch([(d1, [], [], []), (d2, [], [], [])], [[kono], [kono]]) == 0
    assert st.counts() == before and st.people() == list(rows.values())
    assert [p.name for p in st.people(country="chn")] == ["Wang Yi"]
    hit = st.registry().lookup("Kono", date(2019, 2, 1))
    assert hit == Actor("JPN", "GOV", name="Taro Kono", role="Foreign Minister")


def test_registry_rows_roll_back_with_the_document(st: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(self: Store, learned: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_upsert_people", boom)
    d = doc()
    with pytest.raises(RuntimeError):
        st.write_batch([(d, [event(d)], [], [])], [[person("Taro Kono", "Foreign Minister")]])
    assert st.counts()["documents"] == 0 and st.counts()["actors"] == 0


def test_the_same_input_error_is_recorded_once(tmp_path: Path) -> None:
    from newsevents.types import IngestError

    with Store.open(str(tmp_path / "e.duckdb")) as store:
        for _ in range(3):
            store.write_error(IngestError("a.jsonl", "line 2", "not JSON"))
        store.write_error(IngestError("a.jsonl", None, "binary file, not text"))
        store.write_error(IngestError("a.jsonl", None, "binary file, not text"))
        assert store.counts()["errors"] == 2
