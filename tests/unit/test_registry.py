"""The actor registry on its own: full names, surnames, ambiguity and time-bounded roles."""

from __future__ import annotations

from datetime import date

from newsevents.registry import Person, Registry, aggregate, merge, name_key, surname
from newsevents.types import Actor, ActorMention


def person(name: str, role: str, country: str, first: date, last: date | None = None,
           sector: str = "GOV", documents: int = 1) -> Person:
    return Person(name, country, sector, role, first, last or first, documents, documents)


def mention(name: str | None, role: str | None, country: str | None = "JPN",
            sector: str | None = "GOV") -> ActorMention:
    text = name or "Japan"
    return ActorMention(0, len(text), text, Actor(country, sector, name=name, role=role))


def test_full_name_and_surname() -> None:
    reg = Registry([person("Taro Kono", "Foreign Minister", "JPN", date(2019, 1, 10))])
    on = date(2019, 6, 1)
    for name in ("Taro Kono", "Kono", "Kono's", "Mr. Kono", "taro  kono", "Kōno"):
        hit = reg.lookup(name, on)
        assert hit == Actor("JPN", "GOV", name="Taro Kono", role="Foreign Minister"), name
    assert reg.lookup("Yohei Kono", on) is None  # another full name with the same surname
    assert reg.lookup("Taro", on) is None  # a first name alone is not a surname
    assert reg.lookup("", on) is None


def test_middle_initial_same_person() -> None:
    reg = Registry([person("Antony J. Blinken", "Secretary of State", "USA", date(2021, 1, 27))])
    hit = reg.lookup("Antony Blinken", date(2021, 5, 1))
    assert hit is not None and hit.country == "USA"
    assert reg.lookup("Blinken", date(2021, 5, 1)) == hit


def test_ambiguous_surname_needs_full_name() -> None:
    reg = Registry([
        person("Kim Jong Un", "leader", "PRK", date(2019, 1, 1)),
        person("Kim Yo Jong", "official", "PRK", date(2019, 2, 1)),
        person("Boris Johnson", "Foreign Secretary", "GBR", date(2017, 1, 1)),
        person("Boris Johnson", "Prime Minister", "GBR", date(2020, 1, 1)),
    ])
    on = date(2020, 3, 1)
    assert reg.lookup("Kim", on) is None  # two different people
    assert reg.lookup("Jong Un", on) is None
    assert reg.lookup("Kim Jong Un", on) == Actor("PRK", "GOV", "Kim Jong Un", "leader")
    assert reg.lookup("Kim Yo Jong", on) == Actor("PRK", "GOV", "Kim Yo Jong", "official")
    # one person with two roles is not ambiguous
    johnson = reg.lookup("Johnson", on)
    assert johnson is not None and johnson.role == "Prime Minister"


def test_role_nearest_in_time() -> None:
    reg = Registry([
        person("Taro Kono", "Foreign Minister", "JPN", date(2017, 8, 3), date(2019, 9, 10)),
        person("Taro Kono", "Defense Minister", "JPN", date(2019, 9, 11), date(2020, 9, 15)),
        person("Taro Kono", "Digital Minister", "JPN", date(2022, 8, 10), date(2022, 12, 1)),
    ])
    def role(on: date) -> str | None:
        hit = reg.lookup("Kono", on)
        return hit.role if hit else None
    assert role(date(2018, 5, 1)) == "Foreign Minister"  # inside the span
    assert role(date(2015, 1, 1)) == "Foreign Minister"  # before everything: the earliest
    assert role(date(2020, 1, 1)) == "Defense Minister"
    assert role(date(2021, 1, 1)) == "Defense Minister"  # 3.5 months after vs 19 months before
    assert role(date(2022, 5, 1)) == "Digital Minister"
    assert role(date(2030, 1, 1)) == "Digital Minister"


def test_learn_aggregates_and_widens() -> None:
    reg = Registry()
    ms = [mention("Taro Kono", "Foreign Minister"), mention("Taro Kono", "foreign minister"),
          mention(None, None), mention("Wang Yi", "Foreign Minister", "CHN"),
          mention("UN", None, None, "IGO")]
    found = reg.learn(ms, date(2019, 1, 10))
    assert sorted((p.name, p.mentions, p.documents) for p in found) == [
        ("Taro Kono", 2, 1), ("Wang Yi", 1, 1)]
    reg.learn([mention("Taro Kono", "Foreign Minister")], date(2019, 3, 1))
    reg.learn([mention("Taro Kono", "Foreign Minister")], date(2018, 12, 1))
    kono = [p for p in reg.people() if p.name == "Taro Kono"]
    assert len(kono) == 1
    assert (kono[0].first_seen, kono[0].last_seen, kono[0].mentions, kono[0].documents) == (
        date(2018, 12, 1), date(2019, 3, 1), 4, 3)
    assert len(reg) == 2


def test_merge_and_keys() -> None:
    a = aggregate([mention("Taro Kono", "Foreign Minister")], date(2019, 1, 1))
    b = aggregate([mention("Taro Kono", "Foreign Minister")], date(2019, 2, 1))
    (m,) = merge(a + b)
    assert (m.first_seen, m.last_seen, m.documents) == (date(2019, 1, 1), date(2019, 2, 1), 2)
    assert name_key("Dr. José  Ramos-Horta's") == "jose ramos horta"
    assert surname("Antony J. Blinken") == "blinken"
    assert m.surname == "kono"


def test_family_name_alone_is_not_the_same_person() -> None:
    reg = Registry([person("Sheikh Ahmad Nasser Al-Mohammad Al-Sabah", "Foreign Minister", "KWT",
                           date(2021, 1, 1))])
    assert reg.lookup("Sheikh Mishal Al-Ahmed Al-Sabah", date(2021, 6, 1)) is None
    assert reg.lookup("Sheikh Ahmad Nasser Al-Mohammad Al-Sabah", date(2021, 6, 1)) is not None
