"""The actor registry across documents: a person named with a title in one article is resolved in a
later article that names them without one, with the role held nearest the later article's date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.cli import ingest
from newsevents.pipeline import code_documents
from newsevents.registry import Registry
from newsevents.store import Store
from newsevents.types import Document

from .conftest import cli

# A person the curated leaders table does not know, so only the registry can resolve the untitled
# mentions; the second role (DEFENSE) is made up for the test.
FIRST = ("Japanese Ambassador Koji Tomita met Chinese Foreign Minister Wang Yi in Beijing on Thursday."
         " Tomita said Japan wanted stable relations with China.")
LATER = "Koji Tomita met Russian Foreign Minister Sergey Lavrov in Moscow on Monday. Tomita criticized Russia."
DEFENSE = ("Japanese Defense Minister Koji Tomita met U.S. Defense Secretary Mark Esper in Tokyo on Tuesday."
           " Tomita said Japan would deepen defense cooperation.")


def _doc(id: str, published: date, text: str) -> Document:
    return Document(id=id, published=published, text=text)


def _tomita(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for r in records for a in r["source"] + r["target"] if a["name"] == "Koji Tomita"]


def test_later_document_without_title_resolved_through_registry() -> None:
    later = _doc("later", date(2019, 3, 5), LATER)
    # without a registry the untitled name is no actor
    alone = [e.to_record() for e in next(code_documents([later])).events]
    assert not _tomita(alone)
    reg = Registry()
    coded = list(code_documents([_doc("first", date(2019, 1, 10), FIRST), later], registry=reg))
    first, second = coded
    assert {m.actor.name for m in first.people} == {"Koji Tomita", "Wang Yi"}
    assert {m.actor.name for m in second.people} == {"Sergey Lavrov"}  # Tomita came from the registry
    tomita = _tomita([e.to_record() for e in second.events])
    assert tomita, "the later document's events should name Tomita"
    assert {(a["country"], a["sector"], a["role"], a["code"]) for a in tomita} == {
        ("JPN", "GOV", "Ambassador", "JPNGOV")}
    texts = {a["text"] for a in tomita}
    assert texts <= {"Koji Tomita", "Tomita"}


def test_role_as_of_the_article_date() -> None:
    reg = Registry()
    list(code_documents([_doc("fm", date(2019, 1, 10), FIRST), _doc("dm", date(2020, 1, 14), DEFENSE)],
                        registry=reg))
    roles = {(p.role, p.first_seen) for p in reg.people() if p.name == "Koji Tomita"}
    assert roles == {("Ambassador", date(2019, 1, 10)), ("Defense Minister", date(2020, 1, 14))}
    asof = {}
    for id_, day in (("in-2019", date(2019, 4, 1)), ("in-2020", date(2020, 6, 1))):
        text = "Tomita met Russian Foreign Minister Sergey Lavrov in Moscow on Monday."
        c = next(code_documents([_doc(id_, day, text)], registry=reg))
        asof[id_] = {a["role"] for a in _tomita([e.to_record() for e in c.events])}
    assert asof == {"in-2019": {"Ambassador"}, "in-2020": {"Defense Minister"}}


def _write(path: Path, day: str, text: str) -> str:
    path.write_text(f"date {day}\n{text}\n", encoding="utf-8")
    return str(path)


def test_ingest_learns_stores_and_lists(tmp_path: Path) -> None:
    db = str(tmp_path / "reg.duckdb")
    a = _write(tmp_path / "a.txt", "2019-01-10", FIRST)
    b = _write(tmp_path / "b.txt", "2019-03-05", LATER)
    # both in one run (one batch): the second benefits from the first
    s = ingest([a, b], db, progress=False)
    assert (s["stored"], s["errors"]) == (2, 0)
    with Store.open(db, read_only=True) as st:
        recs = st.events(country="JPN")
        people = {p.name: p for p in st.people()}
    later_recs = [r for r in recs if r["published"] == "2019-03-05"]
    assert {a["role"] for a in _tomita(later_recs)} == {"Ambassador"}
    k = people["Koji Tomita"]
    assert (k.country, k.sector, k.role, k.first_seen, k.last_seen, k.documents) == (
        "JPN", "GOV", "Ambassador", date(2019, 1, 10), date(2019, 1, 10), 1)
    # re-ingesting changes nothing; a later run reads the registry from the store
    assert ingest([a, b], db, progress=False)["stored"] == 0
    with Store.open(db, read_only=True) as st:
        assert {p.name: p for p in st.people()} == people
    c = _write(tmp_path / "c.txt", "2019-04-02", "Tomita met Russian Foreign Minister Sergey Lavrov on Monday.")
    ingest([c], db, progress=False)
    with Store.open(db, read_only=True) as st:
        later = [r for r in st.events() if r["published"] == "2019-04-02"]
        lavrov = next(p for p in st.people() if p.name == "Sergey Lavrov")
    assert {a["code"] for a in _tomita(later)} == {"JPNGOV"}
    assert (lavrov.first_seen, lavrov.last_seen, lavrov.documents) == (date(2019, 3, 5), date(2019, 4, 2), 2)

    out = cli(["actors", "--db", db, "--country", "JPN", "--format", "jsonl"]).stdout
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == [{"name": "Koji Tomita", "role": "Ambassador", "country": "JPN", "sector": "GOV",
                     "first_seen": "2019-01-10", "last_seen": "2019-01-10", "documents": 1, "mentions": 2}]
    table = cli(["actors", "--db", db, "--format", "table"]).stdout.splitlines()
    assert table[0].split() == ["name", "role", "country", "sector", "first_seen", "last_seen", "documents",
                                "mentions"]
    assert len(table) == 1 + 3  # Tomita, Wang Yi, Lavrov
    csv_out = cli(["actors", "--db", db, "--format", "csv"]).stdout.splitlines()
    assert csv_out[0] == "name,role,country,sector,first_seen,last_seen,documents,mentions"
