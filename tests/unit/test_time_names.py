"""The `time` stage: words that look temporal but name no time (names, idioms, past-tense "soon"),
and a weekday given inside a zone conversion."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.time import tag

DCT = date(2022, 1, 7)  # a Friday


def spans(text: str, dct: date = DCT) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in tag(text, dct)]


@pytest.mark.parametrize("text", [
    "The mayor was soon forced to resign after the audit.",
    "Prices rose at first but soon fell back.",
])
def test_soon_in_a_past_clause_is_not_a_future_ref(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize("text", [
    "The council will soon vote on the budget.",
    "Officials said the bridge may soon reopen.",
])
def test_soon_ahead_of_the_publication_date_stays_a_future_ref(text: str) -> None:
    assert spans(text) == [("soon", "FUTURE_REF")]


def test_high_noon_is_an_idiom() -> None:
    assert spans("For the coalition it is high noon in parliament.") == []
    assert spans("The vote is at noon.") == [("noon", "2022-01-07T12:00")]


@pytest.mark.parametrize("text", [
    "The firm launched a fund called Horizon 2030 to buy farmland.",
    "She runs a charity named Harvest 1998 in the valley.",
])
def test_a_name_ending_in_a_year_is_not_a_year(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize("text, expected", [
    ("The plant opened in 1998 near the river.", [("1998", "1998")]),
    ("The festival moved to Christmas 2019 after the floods.", [("Christmas 2019", "2019-12-25")]),
    ("The rebels retreated in Spring 1995, the report said.", [("Spring 1995", "1995-SP")]),
])
def test_a_year_after_a_calendar_word_stays_a_year(text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(text) == expected


@pytest.mark.parametrize("text", [
    "The governor told USA Today that she would not run again.",
    "In an interview on the Today programme, the minister defended the plan.",
    "He gave an interview to BBC Tonight about the strike.",
])
def test_a_capitalised_deictic_inside_a_name_is_not_a_date(text: str) -> None:
    assert spans(text) == []


@pytest.mark.parametrize("text, value", [
    ("Today the strikers returned to work.", "2022-01-07"),
    ("The strikers returned to work. Today, the union said, pay talks resume.", "2022-01-07"),
    ("Strikers Return To Work Today", "2022-01-07"),  # a title-case headline
])
def test_a_capitalised_deictic_at_a_sentence_start_or_in_a_headline_is_a_date(text: str, value: str) -> None:
    assert spans(text) == [("Today", value)]


def test_a_weekday_inside_a_zone_conversion_dates_the_clock_time() -> None:
    found = spans("The convoy will leave at 5 in the morning (3 a.m. GMT Monday), officials said.")
    assert found[0] == ("5 in the morning", "2022-01-10T05:00")
