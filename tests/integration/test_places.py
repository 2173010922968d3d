"""places.find over the real model: an ambiguous city name resolved by what the document says."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents import places
from newsevents.nlp import parse
from newsevents.types import Document, Place


def _found(text: str) -> dict[str, Place]:
    parsed = parse(Document(id="t", published=date(2022, 3, 1), text=text))
    return {m.text: m.place for m in places.find(parsed)}


@pytest.mark.parametrize(("text", "name", "country", "admin1"), [
    ("A tornado hit Paris on Monday, the governor of Texas said. Officials in Dallas sent help.",
     "Paris", "USA", "TX"),
    ("French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday.",
     "Paris", "FRA", None),
    # the United States named everywhere does not move Paris or Athens to America
    ("U.S. Secretary of State Antony Blinken traveled to Paris on Monday.", "Paris", "FRA", None),
    ("The United States ambassador visited Athens on Tuesday.", "Athens", "GRC", None),
    ("Clashes in Tripoli left five dead, the Lebanese army said. Lebanon's government called for calm.",
     "Tripoli", "LBN", None),
    ("Clashes in Tripoli left five dead, the Libyan army said.", "Tripoli", "LBY", None),
    ("Canadian police in London, Ontario, arrested a man on Sunday.", "London", "CAN", None),
    ("British police in London arrested a man on Sunday.", "London", "GBR", None),
    ("Police in Portland, Maine, arrested two people.", "Portland", "USA", "ME"),
    ("Police in Odessa, Texas, arrested a gunman on Saturday.", "Odessa", "USA", "TX"),
    ("Russian missiles hit Odessa on Monday.", "Odessa", "UKR", None),
])
def test_ambiguous_city_follows_the_document(text: str, name: str, country: str, admin1: str | None) -> None:
    from newsevents import gazetteer

    found = _found(text)
    assert name in found, found
    p = found[name]
    assert p.country == country, (text, p)
    if admin1:
        assert gazetteer.admin1(p) == admin1


def test_curated_places_found_in_text() -> None:
    found = _found("Russian forces shelled the Donbas and Kharkiv Oblast, while warships in the Black Sea"
                   " fired missiles toward Snake Island. Israeli troops raided Jenin in the West Bank.")
    got = {k: (v.country, v.kind) for k, v in found.items()}
    assert got.get("Donbas") == ("UKR", "region")
    assert got.get("Black Sea") == (None, "sea")  # "the" is left out of the mention
    assert got.get("Snake Island") == ("UKR", "island")
    assert got.get("West Bank") == ("PSE", "region")


def test_context() -> None:
    parsed = parse(Document(id="t", published=date(2022, 3, 1),
                            text="Japanese officials in Dallas, Texas, met French diplomats in Beijing."))
    ctx = places.context(parsed)
    assert {"JPN", "FRA", "USA", "CHN"} <= ctx.countries
    assert ctx.us_states == {"TX"}
    assert places.choose([], ctx) is None


def test_places_the_model_tags_as_organisations_or_people() -> None:
    found = _found("The delegation visited Paraguay and Panama. The United States condemns the missile"
                   " strikes on Erbil, Iraq last night. Ceasefire violations rose in Kharkiv, Luhansk, and"
                   " Donetsk. Aid reached the Tigray region of Ethiopia and the wider Sahel region.")
    got = {k: v.country for k, v in found.items()}
    for name, country in [("Paraguay", "PRY"), ("Erbil", "IRQ"), ("Luhansk", "UKR"), ("Tigray", "ETH")]:
        assert got.get(name) == country, (name, got)
    # a company named like a region is no place without locative context
    assert "Amazon" not in _found("Amazon said on Monday it would hire 5,000 workers.")


@pytest.mark.parametrize(("text", "name", "country"), [
    # names the model did not tag at all
    ("I offer congratulations to the people of Seychelles on the anniversary.", "Seychelles", "SYC"),
    ("Our cooperation advances a free and open, connected, prosperous and resilient Indo-Pacific.",
     "Indo-Pacific", None),
    ("There have been reports of ceasefire violations in Kharkiv, Luhansk, and Donetsk in recent days.",
     "Donetsk", "UKR"),
    ("U.S. Embassy Czech Republic: https://cz.usembassy.gov/\nU.S. Embassy Lithuania: https://lt.usembassy.gov/",
     "Lithuania", "LTU"),
    # a country line the model ran into the next lines ("Sport\nBelgium\nValérie Glatigny")
    ("Ane Example, Minister for Sport\nBelgium\nBea Sample, Minister of Culture", "Belgium", "BEL"),
    # a US state's postal code after a name
    ("The top senders are Brown University (RI) and Bowdoin College (ME).", "RI", "USA"),
])
def test_places_the_model_missed(text: str, name: str, country: str | None) -> None:
    found = _found(text)
    assert name in found, found
    assert found[name].country == country


def test_names_inside_organisations_and_longer_names_are_not_places() -> None:
    found = _found("A panel including Ann Example, Managing Director, Radio Free Asia, met at the "
                   "University of North Georgia in March.")
    assert "Asia" not in found and "Georgia" not in found and "March" not in found, found
