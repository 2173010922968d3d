"""Actors and places of the example article against its reference annotation (../shared/gold/seed.gold.json),
through `pipeline.code_documents` (the mentions of the Coded result); and the general mechanisms behind
them on small texts of the same kinds (lists of signatories and panellists, names the model missed).

A gold actor is resolved when some actor mention naming it (its mention or an `also` form, as whole words)
has the gold country, a sector among the gold sectors and, where the gold gives a role, that role (any
case). A gold place is found when a place mention with the gold words (a leading "the" aside), or whose
place has the gold name, has a country among the gold countries.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from typing import Any

import pytest

from newsevents.pipeline import Coded, code_documents
from newsevents.types import ActorMention, Document, PlaceMention

from .conftest import needs_shared


def _words(s: str) -> tuple[str, ...]:
    w = tuple(re.findall(r"\w+", s.lower()))
    return w[1:] if len(w) > 1 and w[0] == "the" else w


def _has_words(text: str, name: str) -> bool:
    big, small = _words(text), _words(name)
    return any(big[i:i + len(small)] == small for i in range(len(big) - len(small) + 1))


@cache
def _seed() -> tuple[dict[str, Any], Coded]:
    gold = json.loads(needs_shared("gold", "seed.gold.json").read_text(encoding="utf-8"))
    path = needs_shared("corpus", "000_585025c503813674.txt")
    body = re.sub(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", "", path.read_text(encoding="utf-8"))
    doc = Document("seed", date.fromisoformat(gold["publication_date"]), body)
    return gold, next(code_documents([doc]))


def _gold(kind: str) -> list[str]:
    """The gold mentions, for test ids (the list is read again inside the test, where it may skip)."""
    try:
        gold = json.loads(needs_shared("gold", "seed.gold.json").read_text(encoding="utf-8"))
    except pytest.skip.Exception:
        return ["absent"]
    return [g["mention"] for g in gold[kind]]


@pytest.mark.parametrize("mention", _gold("actors"))
def test_seed_actor(mention: str) -> None:
    gold, coded = _seed()
    g = next(a for a in gold["actors"] if a["mention"] == mention)
    names = [g["mention"], *g.get("also", [])]
    found = [m for m in coded.mentions if isinstance(m, ActorMention)
             and any(_has_words(m.text, n) or _has_words(m.actor.name or "", n) for n in names)]
    assert found, f"no actor mention for {mention!r}"

    def right(m: ActorMention) -> bool:
        a = m.actor
        role_ok = not g.get("role") or (a.role or "").casefold() == g["role"].casefold()
        return a.country == g["country"] and a.sector in g["sector"] and role_ok

    assert any(right(m) for m in found), (
        f"{mention!r}: want {g['country']} {g['sector']} {g.get('role')!r}, got "
        f"{sorted({(m.actor.country, m.actor.sector, m.actor.role) for m in found}, key=str)}")


@pytest.mark.parametrize("mention", _gold("places"))
def test_seed_place(mention: str) -> None:
    gold, coded = _seed()
    g = next(p for p in gold["places"] if p["mention"] == mention)
    found = [m for m in coded.mentions if isinstance(m, PlaceMention)
             and (_words(m.text) == _words(mention) or _words(m.place.name) == _words(mention))]
    assert found, f"no place mention for {mention!r}"
    assert any(m.place.country in g["country"] for m in found), (
        f"{mention!r}: want one of {g['country']}, got {sorted({str(m.place.country) for m in found})}")


# --- the mechanisms on small texts ------------------------------------------------------------------

def _people(text: str, url: str | None = "https://www.state.gov/x/") -> dict[str, tuple[str | None, str | None]]:
    coded = next(code_documents([Document("t", date(2022, 3, 1), text, url=url)]))
    return {m.actor.name: (m.actor.country, m.actor.sector) for m in coded.mentions
            if isinstance(m, ActorMention) and m.actor.name}


def test_signature_block_under_country_lines() -> None:
    text = ("We condemn the attack.\nSigned by the following ministers:\nAustralia\n"
            "Senator the Hon Jane Example, Minister for Sport\nRepublic of Korea\n"
            "KIM Example, Minister of Culture, Sports and Tourism\nUnited Kingdom\n"
            "The Rt Hon John Sample MP, Secretary of State for Digital, Culture, Media and Sport\n")
    people = _people(text)
    assert people["Jane Example"] == ("AUS", "GOV")
    assert people["KIM Example"] == ("KOR", "GOV")
    assert people["John Sample"] == ("GBR", "GOV")


def test_panel_list_takes_sector_and_country_from_the_organisation() -> None:
    text = ("The commission will hold a meeting. A panel of experts, including Ann Example, Managing "
            "Director for East Asia, Radio Free Asia; Bo Sample, CEO and Partner, Omelas; and Cy Model, "
            "Senior Fellow, University of Tokyo, will consider current challenges.")
    people = _people(text)
    assert people["Ann Example"] == ("USA", "JRN")  # a broadcaster named without a foreign country
    assert people["Bo Sample"] == ("USA", "BUS")  # a company: the release's own country
    assert people["Cy Model"] == ("JPN", "EDU")  # the university's city says where it is


def test_a_prose_paragraph_is_not_a_list() -> None:
    people = _people("Foreign Minister Yoshimasa Hayashi, Defense Minister Nobuo Kishi and their "
                     "counterparts met in Tokyo.", url=None)
    assert "Foreign Minister Yoshimasa Hayashi" not in people


def test_foreign_official_takes_the_country_of_the_one_named_before() -> None:
    text = ("The delegation met with Panamanian President Ana Example and Acting Foreign Minister "
            "Bea Sample; and with Salvadoran President Carl Model, Foreign Minister Dee Person, and "
            "other leaders.")
    people = _people(text)
    assert people["Bea Sample"][0] == "PAN"
    assert people["Dee Person"][0] == "SLV"


def test_international_official_has_no_country() -> None:
    people = _people("Secretary Blinken met with Secretary General Taha of the Organization of "
                     "Islamic Cooperation.")
    assert people["Taha"] == (None, "IGO")


def test_shared_plural_head_names_two_seas() -> None:
    coded = next(code_documents([Document("t", date(2022, 1, 7), "Beijing’s maritime assertiveness in "
                                          "the East and South China seas worries Tokyo.")]))
    names = {m.place.name for m in coded.mentions if isinstance(m, PlaceMention)}
    assert {"East China Sea", "South China Sea"} <= names
