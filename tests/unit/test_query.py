"""The query layer on a real DuckDB file holding hand-built events (no language model)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.query import Database, Filters, QueryError, flatten
from newsevents.store import GROUP_COUNTS, MIGRATIONS, Store, group_key, source_key
from newsevents.types import Actor, ActorMention, Cameo, Document, Event, Evidence, Place, PlaceMention, Timex

# (id, published, source, url, text)
DOCS = [
    ("d1", date(2022, 1, 5), "Reuters", "https://www.reuters.com/a/1",
     "Japan and the United States agreed to cooperate on Tuesday. Russian troops shelled Kyiv in February."),
    ("d2", date(2022, 1, 6), None, "https://WWW.bbc.co.uk/news/2",
     "Japan and the United States agreed to cooperate on Tuesday, officials said."),
    ("d3", date(2022, 1, 7), " reuters ", None, "Japan and the United States agreed to cooperate on Tuesday."),
    ("d4", date(2022, 2, 25), None, None,
     "Ukraine accused Russia of aggression on Thursday. The United States consulted Japan in 2021."),
]

CODES = {"AGREE": ("036", "03", 4.0, 1), "ASSAULT": ("195", "19", -10.0, 4), "ACCUSE": ("112", "11", -2.0, 3),
         "CONSULT": ("040", "04", 1.0, 1)}


def docs() -> dict[str, Document]:
    return {i: Document(id=i, published=p, text=t, title=i.upper(), url=u, source=s) for i, p, s, u, t in DOCS}


def mention(d: Document, words: str, country: str | None, sector: str | None = None,
            name: str | None = None) -> ActorMention:
    start = d.text.index(words)
    return ActorMention(start, start + len(words), words, Actor(country, sector, name=name))


def event(d: Document, type: str, when: str, source: list[ActorMention], target: list[ActorMention],
          trigger: str, confidence: float, place: tuple[str, str, float, float] | None = None) -> Event:
    start = d.text.index(trigger)
    sentence = next(s for s in d.text.split(". ") if trigger in s)
    code, root, goldstein, quad = CODES[type]
    loc = None
    if place:
        p = d.text.index(place[0])
        loc = PlaceMention(p, p + len(place[0]), place[0], Place(place[0], place[1], place[2], place[3], "city"))
    return Event(doc_id=d.id, published=d.published, date=when,
                 date_precision={4: "year", 7: "month", 10: "day"}[len(when)], date_source="text", date_text=None,
                 plover_type=type, plover_mode=None, plover_context=(), cameo=Cameo(code, root, goldstein, quad),
                 source=tuple(source), target=tuple(target), location=loc, modality="asserted", quantities=(),
                 evidence=Evidence(0, sentence, start, start + len(trigger), trigger), confidence=confidence)


def items() -> list[tuple[Document, list[Event], list[Timex], list[ActorMention]]]:
    d = docs()
    out = []
    for i in ("d1", "d2", "d3"):
        doc = d[i]
        jp, us = mention(doc, "Japan", "JPN", "GOV"), mention(doc, "United States", "USA", "GOV")
        evs = [event(doc, "AGREE", "2022-01-04", [jp], [us], "agreed", 0.9 if i == "d1" else 0.7)]
        if i == "d1":
            evs.append(event(doc, "ASSAULT", "2022-02", [mention(doc, "Russian troops", "RUS", "MIL")],
                             [mention(doc, "Kyiv", "UKR")], "shelled", 0.6, ("Kyiv", "UKR", 50.45, 30.52)))
        t = doc.text.index("Tuesday")
        out.append((doc, evs, [Timex(t, t + 7, "Tuesday", "DATE", "2022-01-04")], [jp, us]))
    doc = d["d4"]
    out.append((doc, [
        event(doc, "ACCUSE", "2022-02-24", [mention(doc, "Ukraine", "UKR")], [mention(doc, "Russia", "RUS")],
              "accused", 0.5),
        event(doc, "CONSULT", "2021", [mention(doc, "United States", "USA")], [mention(doc, "Japan", "JPN")],
              "consulted", 0.8),
    ], [], [mention(doc, "Ukraine", "UKR", name="Ukraine")]))
    return out


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> str:
    p = str(tmp_path_factory.mktemp("query") / "q.duckdb")
    with Store.open(p) as st:
        assert st.write_batch(items()) == 4
    return p


@pytest.fixture(scope="module")
def db(path: str) -> Iterator[Database]:
    with Database.open(path) as database:
        yield database


def ids(records: list[dict[str, object]]) -> list[str]:
    return [str(r["doc_id"]) + ":" + str(r["plover"]["type"]) for r in records]  # type: ignore[index]


def test_keys() -> None:
    d = docs()
    assert [source_key(d[i]) for i in ("d1", "d2", "d3", "d4")] == ["reuters", "bbc.co.uk", "reuters", "d4"]
    agree = items()[0][1][0]
    assert group_key(agree) == "AGREE|JPNGOV|USAGOV|2022-01-04"


def test_migration_back_fill_gives_what_the_write_path_stores(path: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(path).read_bytes())
    with Store.open(str(copy)) as st:
        cols = "SELECT event_id, group_key, source_key, sentence FROM events ORDER BY event_id"
        written = st._fetch(cols)
        st._fetch("UPDATE events SET group_key = NULL, source_key = NULL, sentence = NULL")
        for statement in MIGRATIONS[2]:
            if statement.startswith("UPDATE"):
                st._fetch(statement)
        assert st._fetch(cols) == written
        assert all(all(v is not None for v in row) for row in written)


def test_cross_document_counts(db: Database) -> None:
    recs = {ids([r])[0]: r for r in db.events()}
    for i in ("d1", "d2", "d3"):  # three documents, two sources (Reuters twice)
        assert (recs[f"{i}:AGREE"]["num_articles"], recs[f"{i}:AGREE"]["num_sources"]) == (3, 2)
    assert (recs["d1:ASSAULT"]["num_articles"], recs["d1:ASSAULT"]["num_sources"]) == (1, 1)
    # counted over the whole store whatever the filters select
    assert db.events(doc_id="d2")[0]["num_articles"] == 3
    one = db.event(recs["d2:AGREE"]["event_id"])
    assert one is not None and one["event"]["num_articles"] == 3
    assert {s["doc_id"] for s in one["same_event"]} == {"d1", "d3"}
    assert one["document"]["url"] == "https://WWW.bbc.co.uk/news/2" and one["document"]["title"] == "D2"
    assert db.event("nope") is None


def test_filters(db: Database) -> None:
    assert ids(db.events(country="ukr")) == ["d1:ASSAULT", "d4:ACCUSE"]  # 2022-02 starts first
    assert ids(db.events(source_country="UKR")) == ["d4:ACCUSE"]
    assert ids(db.events(target_country="UKR")) == ["d1:ASSAULT"]
    assert ids(db.events(actor="rusmil")) == ["d1:ASSAULT"]
    assert ids(db.events(actor="russian tro")) == ["d1:ASSAULT"]
    assert ids(db.events(dyad=("USA", "JPN"))) == ["d4:CONSULT", "d1:AGREE", "d2:AGREE", "d3:AGREE"]
    assert ids(db.events(dyad="USA,JPN", directed=True)) == ["d4:CONSULT"]
    assert ids(db.events(dyad="JPNGOV,USAGOV", directed=True)) == ["d1:AGREE", "d2:AGREE", "d3:AGREE"]
    assert ids(db.events(dyad="JPNGOV,USA")) == ["d1:AGREE", "d2:AGREE", "d3:AGREE"]
    assert ids(db.events(type="accuse")) == ["d4:ACCUSE"]
    assert ids(db.events(quad_class=4)) == ["d1:ASSAULT"]
    assert ids(db.events(min_confidence=0.8)) == ["d4:CONSULT", "d1:AGREE"]
    assert ids(db.events(text="OFFICIALS")) == ["d2:AGREE"]
    assert ids(db.events(since="2022-02-10", until=date(2022, 2, 28))) == ["d1:ASSAULT", "d4:ACCUSE"]
    assert ids(db.events(located=True)) == ["d1:ASSAULT"]
    assert db.count(country="JPN") == 4 and db.count() == 6


def test_sorting_and_pages(db: Database) -> None:
    assert ids(db.events(sort="confidence", order="desc"))[:2] == ["d1:AGREE", "d4:CONSULT"]
    assert [r["cameo"]["goldstein"] for r in db.events(sort="goldstein")] == [-10.0, -2.0, 1.0, 4.0, 4.0, 4.0]
    everything = ids(db.events())
    assert ids(db.events(limit=2)) + ids(db.events(limit=2, offset=2)) + ids(db.events(offset=4)) == everything


def test_bad_options_are_query_errors(db: Database) -> None:
    for bad in ({"quad_class": 7}, {"dyad": "JPN"}, {"since": "yesterday"}, {"min_confidence": 2},
                {"sort": "record"}, {"order": "sideways"}, {"colour": "red"}):
        with pytest.raises(QueryError):
            db.events(**bad)
    with pytest.raises(QueryError):
        db.dyad("JPN", "USA", by="decade")
    with pytest.raises(QueryError):
        db.network(level="galaxy")


@pytest.mark.parametrize("bad", ["x' OR '1'='1", "JPN'); DROP TABLE events; --", "%", "_", "' OR 1=1 --"])
def test_injection_strings_are_just_values(db: Database, bad: str) -> None:
    for name in ("country", "source_country", "target_country", "actor", "type", "text", "doc_id"):
        options: dict[str, Any] = {name: bad}
        assert db.events(**options) == [], name
    assert db.events(dyad=(bad, "JPN")) == []
    assert db.actors(q=bad) == {"codes": [], "people": []}
    assert db.country(bad)["events"] == 0
    assert db.document(bad) is None and db.event(bad) is None
    assert db.count() == 6


def test_dyad_series(db: Database) -> None:
    monthly = db.dyad("jpn", "usa")
    assert monthly["a_to_b"] == [{"period": "2022-01-01", "events": 3, "quad_class": {"1": 3, "2": 0, "3": 0, "4": 0},
                                  "goldstein_sum": 12.0, "goldstein_mean": 4.0}]
    assert monthly["b_to_a"] == []  # the consultation is dated 2021 only: not put on a month
    assert [p["period"] for p in db.dyad("JPN", "USA", by="week")["a_to_b"]] == ["2022-01-03"]
    assert [p["period"] for p in db.dyad("JPN", "USA", by="day")["a_to_b"]] == ["2022-01-04"]
    war = db.dyad("RUS", "UKR", by="month")
    assert [(p["period"], p["events"]) for p in war["a_to_b"]] == [("2022-02-01", 1)]
    assert [(p["period"], p["quad_class"]["3"]) for p in war["b_to_a"]] == [("2022-02-01", 1)]
    assert [p["period"] for p in db.dyad("RUS", "UKR", by="day")["a_to_b"]] == []


def test_country(db: Database) -> None:
    ukr = db.country("ukr")
    assert (ukr["name"], ukr["events"], ukr["as_source"], ukr["as_target"], ukr["located"]) == (
        "Ukraine", 2, 1, 1, 1)
    assert ukr["partners"] == [{"country": "RUS", "name": "Russia", "events": 2, "outgoing": 1, "incoming": 1,
                                "goldstein_mean": -6.0}]
    assert (ukr["first_date"], ukr["last_date"]) == ("2022-02-01", "2022-02-28")
    assert {t["type"]: t["events"] for t in ukr["by_type"]} == {"ACCUSE": 1, "ASSAULT": 1}
    assert db.country("JPN", since="2022-01-01")["events"] == 3


def test_network(db: Database) -> None:
    net = db.network(level="country")
    assert [(e["source"], e["target"], e["weight"]) for e in net["edges"]] == [
        ("JPN", "USA", 3), ("RUS", "UKR", 1), ("UKR", "RUS", 1), ("USA", "JPN", 1)]
    assert {n["id"]: n["events"] for n in net["nodes"]} == {"JPN": 4, "USA": 4, "RUS": 2, "UKR": 2}
    actors = db.network(level="actor", min_weight=2)
    assert [(e["source"], e["target"], e["weight"]) for e in actors["edges"]] == [("JPNGOV", "USAGOV", 3)]


def test_actors(db: Database) -> None:
    codes = {c["code"]: c for c in db.actors()["codes"]}
    assert (codes["JPNGOV"]["events"], codes["JPNGOV"]["as_source"], codes["JPNGOV"]["as_target"]) == (3, 3, 0)
    assert [c["code"] for c in db.actors(country="UKR")["codes"]] == ["UKR", "RUS", "RUSMIL"]


def test_document_spans(db: Database) -> None:
    doc = db.document("d1")
    assert doc is not None and [e["plover"]["type"] for e in doc["events"]] == ["AGREE", "ASSAULT"]
    text = doc["text"]
    kinds: dict[str, list[str]] = {}
    for s in doc["spans"]:
        assert text[s["start"]:s["end"]] == s["text"]
        kinds.setdefault(s["kind"], []).append(s["text"])
    assert kinds["event"] == ["agreed", "shelled"] and kinds["timex"] == ["Tuesday"]
    assert sorted(kinds["event_actor"]) == ["Japan", "Kyiv", "Russian troops", "United States"]
    assert kinds["actor"] == ["Japan", "United States"]
    roles = {(s["text"], s["role"]) for s in doc["spans"] if s["kind"] == "event_actor"}
    assert ("Japan", "source") in roles and ("Kyiv", "target") in roles


def test_pandas_and_arrow_are_the_flat_records(db: Database) -> None:
    recs = db.events(country="JPN")
    table = db.events_arrow(country="JPN")
    assert table.to_pylist() == [flatten(r) for r in recs]
    df = db.events_df(country="JPN")
    assert list(df["event_id"]) == [r["event_id"] for r in recs]
    assert list(df["num_articles"]) == [1, 3, 3, 3]
    assert db.events_arrow(since="2030-01-01").num_rows == 0


def test_store_events_keep_the_plain_records(path: str) -> None:
    with Store.open(path, read_only=True) as st:
        plain = st.events(country="JPN")
    assert plain and all("num_articles" not in r for r in plain)


def test_filters_object_is_reusable(db: Database) -> None:
    f = Filters.make(country="jpn", since="2022-01-01")
    assert f.country == "JPN" and f.since == date(2022, 1, 1)
    assert ids(db.events(filters=f)) == ["d1:AGREE", "d2:AGREE", "d3:AGREE"]
    assert ids(db.events(filters=f, type="CONSULT")) == []


# -- read speed (migration 5): counts kept per group key, side lists, pages from one query -------------


def recount(st: Store) -> list[tuple[Any, ...]]:
    """The cross-document counts of every group key, counted from the rows themselves."""
    return st._fetch(GROUP_COUNTS.format(keys="SELECT group_key FROM events") + " ORDER BY 1")


def side_lists(st: Store) -> list[tuple[Any, ...]]:
    return st._fetch("SELECT event_id, source_codes, source_countries, target_codes, target_countries"
                     " FROM events ORDER BY event_id")


def test_migration_5_back_fill_gives_what_the_write_path_stores(path: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(path).read_bytes())
    with Store.open(str(copy)) as st:
        groups, sides = st._fetch("SELECT * FROM event_groups ORDER BY 1"), side_lists(st)
        assert groups == recount(st) and len(groups) == 4  # AGREE (3 documents), ASSAULT, ACCUSE, CONSULT
        assert all(all(v is not None for v in row) for row in sides)
        st._fetch("DELETE FROM event_groups")
        st._fetch("UPDATE events SET source_codes = NULL, source_countries = NULL, target_codes = NULL,"
                  " target_countries = NULL")
        for statement in MIGRATIONS[4]:
            if statement.startswith(("INSERT", "UPDATE")):
                st._fetch(statement)
        assert st._fetch("SELECT * FROM event_groups ORDER BY 1") == groups
        assert side_lists(st) == sides


def test_side_lists_filter_like_the_actor_rows(db: Database) -> None:
    """The country and dyad filters read the side lists; the actor rows must select the same events."""
    side = ("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.role IN ({roles})"
            " AND (a.country = ? OR a.code = ?))")

    def reference(*conds: tuple[str, str]) -> list[str]:
        sql = " AND ".join(side.format(roles=roles) for roles, _ in conds)
        rows = db.fetch(f"SELECT e.doc_id || ':' || e.plover_type FROM events e WHERE {sql}",
                        [v for _, value in conds for v in (value, value)])
        return sorted(r[0] for r in rows)

    values = ("JPN", "USA", "UKR", "RUS", "USAGOV", "RUSMIL", "JPNGOV", "XXX")
    for value in values:
        if not value.endswith(("GOV", "MIL")):  # a country (an actor code never equals one here)
            assert sorted(ids(db.events(country=value))) == reference(("'source', 'target'", value))
            assert sorted(ids(db.events(source_country=value))) == reference(("'source'", value))
            assert sorted(ids(db.events(target_country=value))) == reference(("'target'", value))
        for other in values:
            a_to_b = reference(("'source'", value), ("'target'", other))
            assert sorted(ids(db.events(dyad=(value, other), directed=True))) == a_to_b
            both = sorted(set(a_to_b) | set(reference(("'source'", other), ("'target'", value))))
            assert sorted(ids(db.events(dyad=(value, other)))) == both


def test_page_is_one_query_for_the_total_and_the_records(db: Database) -> None:
    for options in ({}, {"country": "JPN"}, {"dyad": "USA,JPN"}, {"min_confidence": 0.65}, {"type": "nope"}):
        everything = db.events(limit=None, **options)  # one query with the counts joined
        for sort, order in (("date", "asc"), ("confidence", "desc"), ("goldstein", "asc")):
            full = db.events(limit=None, sort=sort, order=order, **options)
            for limit, offset in ((1, 0), (2, 1), (50, 0), (3, 4), (5, 100), (0, 0)):
                total, page = db.page(limit=limit, offset=offset, sort=sort, order=order, **options)
                assert total == db.count(**options) == len(everything), options
                assert page == full[offset:offset + limit], (options, sort, order, limit, offset)


def test_counts_follow_writes_and_syndicated_copies(path: str, tmp_path: Path) -> None:
    copy = str(tmp_path / "copy.duckdb")
    Path(copy).write_bytes(Path(path).read_bytes())
    d = docs()
    with Database.open(copy) as db:
        agree = {r["doc_id"]: r for r in db.events(type="AGREE")}
        assert (agree["d1"]["num_articles"], agree["d1"]["num_sources"]) == (3, 2)
        # a writer commits: the reader lets go, reopens and forgets what it kept
        with Store.open(copy) as st:
            herald = Document(id="d5", published=date(2022, 1, 8), text=d["d1"].text + " More.", source="Herald")
            jp, us = mention(herald, "Japan", "JPN", "GOV"), mention(herald, "United States", "USA", "GOV")
            assert st.write_batch([(herald, [event(herald, "AGREE", "2022-01-04", [jp], [us], "agreed", 0.5)],
                                    [], [])]) == 1
            times = Document(id="d6", published=date(2022, 1, 9), text=d["d2"].text + " Copy.", source="Times")
            assert st.write_duplicate(times, "d2", 0.95)
            assert st._fetch("SELECT * FROM event_groups ORDER BY 1") == recount(st)
        agree = {r["doc_id"]: r for r in db.events(type="AGREE")}
        assert set(agree) == {"d1", "d2", "d3", "d5"}
        assert all((r["num_articles"], r["num_sources"]) == (5, 4) for r in agree.values())
        assert db.page(type="AGREE", limit=1)[0] == 4
        assert db.events(type="ASSAULT")[0]["num_articles"] == 1
