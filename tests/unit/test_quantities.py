"""Money amounts and counted quantities: values, currencies, units, offsets, and what is not a quantity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.quantities import find
from newsevents.types import Quantity


def one(text: str) -> Quantity:
    found = find(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("¥1.05 trillion", 1_050_000_000_000.0, "JPY"),
    ("$9 billion", 9e9, "USD"),
    ("US$3.5 million", 3.5e6, "USD"),
    ("€200m", 2e8, "EUR"),
    ("£1.2bn", 1.2e9, "GBP"),
    ("EUR 5 million", 5e6, "EUR"),
    ("5 million euros", 5e6, "EUR"),
    ("$150,000", 150_000.0, "USD"),
    ("Rs 500 crore", 5e9, "INR"),
    ("₹20 lakh", 2e6, "INR"),
    ("10,000 yuan", 10_000.0, "CNY"),
    ("$1,234,567.89", 1_234_567.89, "USD"),
    ("$5-million", 5e6, "USD"),
    ("$1.2 bn", 1.2e9, "USD"),
    ("USD 180,000", 180_000.0, "USD"),
    ("USD5m", 5e6, "USD"),
    ("500 million USD", 5e8, "USD"),
    ("A$5m", 5e6, "AUD"),
    ("HK$10bn", 1e10, "HKD"),
    ("947 million pounds", 9.47e8, "GBP"),
    ("two billion dollars", 2e9, "USD"),
    ("$150k", 150_000.0, "USD"),
])
def test_money(text: str, amount: float, currency: str) -> None:
    q = one(f"They pledged {text}, officials said.")
    assert q.text == text
    assert q.amount == amount
    assert q.currency == currency and q.unit is None


@pytest.mark.parametrize(("text", "amount", "unit"), [
    ("1,200 troops", 1200.0, "troops"),
    ("3 million Ukrainian refugees", 3e6, "refugees"),
    ("33,000 U.S. troops", 33_000.0, "troops"),
    ("1.5m barrels", 1.5e6, "barrels"),
    ("500 million vaccine doses", 5e8, "doses"),
    ("two soldiers", 2.0, "soldiers"),
    ("twenty-five missiles", 25.0, "missiles"),
    ("71 metric tons", 71.0, "tonnes"),
    ("500km", 500.0, "km"),
    ("30 million square kilometers", 3e7, "km2"),
    ("10,000 people", 10_000.0, "people"),
])
def test_counts(text: str, amount: float, unit: str) -> None:
    q = one(f"Reports said {text} were involved.")
    assert (q.text, q.amount, q.unit, q.currency) == (text, amount, unit, None)


def test_example_sentence_offsets() -> None:
    text = "under which Tokyo will pay ¥1.05 trillion ($9 billion) over five years"
    a, b = find(text)
    assert text[a.start:a.end] == a.text == "¥1.05 trillion"
    assert text[b.start:b.end] == b.text == "$9 billion"
    assert a.end < b.start


def test_range_takes_the_scale_of_its_second_amount() -> None:
    a, b = find("costs Africa between $5 and $7 billion a year")
    assert (a.amount, b.amount) == (5e9, 7e9)
    a, b = find("a ceiling of $8 to $10 billion")
    assert (a.amount, b.amount) == (8e9, 1e10)


def test_many_in_order_and_to_record() -> None:
    found = find("€200m for 1,200 troops and $9 billion for 5 million doses")
    assert [q.text for q in found] == ["€200m", "1,200 troops", "$9 billion", "5 million doses"]
    assert found[0].to_record() == {"text": "€200m", "amount": 2e8, "currency": "EUR"}
    assert found[1].to_record() == {"text": "1,200 troops", "amount": 1200.0, "unit": "troops"}


@pytest.mark.parametrize("text", [
    "The talks were held in 2021.",
    "In 2021 people voted in large numbers.",
    "Since 2014 soldiers have guarded the line.",
    "It was signed on 2022-01-07 in Tokyo.",
    "It happened on 7 January 2022.",
    "the 5th round and the 21st century",
    "Call +1 202 555 0100 or 555-0100 for details.",
    "the Japan-U.S. two-plus-two talks",
    "COVID-19 doses were delivered.",
    "S-400 missiles and F-16 jets",
    "a 3.5 percent rise",
    "he counted 5 million",
    "500 pounds of explosives",
    "weighed 82 pounds (37 kg)",
    "winds of 20 km/h",
    "5 of the people",
    "Mrs 500 crore",
    "version 3.5 was released",
])
def test_not_quantities(text: str) -> None:
    assert find(text) == []


def test_empty() -> None:
    assert find("") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.$€£¥-mbnkUSDtroopseuryaMB\n")), max_size=80))
def test_offsets_are_true_ordered_and_disjoint(text: str) -> None:
    found = find(text)
    last = 0
    for q in found:
        assert text[q.start:q.end] == q.text
        assert q.start >= last and q.end > q.start
        assert q.amount >= 0
        assert (q.currency is None) != (q.unit is None)
        last = q.end
