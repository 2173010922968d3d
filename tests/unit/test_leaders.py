from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from newsevents import datafiles, leaders, ontology
from newsevents.datafiles import DATA_ENV, DataFileError
from newsevents.leaders import Tenure, lookup, normalise


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    leaders.clear_cache()
    ontology.clear_caches()
    yield
    leaders.clear_cache()
    ontology.clear_caches()


def _d(s: str) -> date:
    return date.fromisoformat(s)


def _found(text: str, on: str) -> Tenure:
    t = lookup(text, _d(on))
    assert t is not None, f"{text!r} on {on} not found"
    return t


def test_packaged_table_validates_and_has_enough_rows() -> None:
    leaders.validate()
    assert 400 <= len(leaders.tenures()) <= 1000


@pytest.mark.parametrize(("text", "on", "name", "country", "role"), [
    ("Bush", "1991-06-01", "George H. W. Bush", "USA", "President"),
    ("Bush", "2003-03-20", "George W. Bush", "USA", "President"),
    ("Mitterrand", "1985-06-01", "François Mitterrand", "FRA", "President"),
    ("Arafat", "1995-06-01", "Yasser Arafat", "PSE", None),
    ("Gaddafi", "2000-06-01", "Muammar Gaddafi", "LBY", None),
    ("Qaddafi", "2000-06-01", "Muammar Gaddafi", "LBY", None),
    ("Kadhafi", "2000-06-01", "Muammar Gaddafi", "LBY", None),
    ("Putin", "2001-06-01", "Vladimir Putin", "RUS", "President"),
    ("Putin", "2010-06-01", "Vladimir Putin", "RUS", "Prime Minister"),
    ("Putin", "2022-02-24", "Vladimir Putin", "RUS", "President"),
    ("Merkel", "2010-06-01", "Angela Merkel", "DEU", "Chancellor"),
    ("Kishida", "2022-06-01", "Fumio Kishida", "JPN", "Prime Minister"),
    ("Kishida", "2015-06-01", "Fumio Kishida", "JPN", "Foreign Minister"),
    ("Blinken", "2022-06-01", "Antony Blinken", "USA", "Secretary of State"),
    ("Clinton", "1995-06-01", "Bill Clinton", "USA", "President"),
    ("Clinton", "2010-06-01", "Hillary Clinton", "USA", "Secretary of State"),
    ("Lavrov", "2020-06-01", "Sergey Lavrov", "RUS", "Foreign Minister"),
    ("Erdogan", "2010-06-01", "Recep Tayyip Erdoğan", "TUR", "Prime Minister"),
    ("Erdoğan", "2020-06-01", "Recep Tayyip Erdoğan", "TUR", "President"),
    ("Saddam", "1990-08-02", "Saddam Hussein", "IRQ", "President"),
    ("Assad", "1990-06-01", "Hafez al-Assad", "SYR", "President"),
    ("Assad", "2012-06-01", "Bashar al-Assad", "SYR", "President"),
    ("Zelenskyy", "2022-06-01", "Volodymyr Zelensky", "UKR", "President"),
    ("Milosevic", "1999-04-01", "Slobodan Milošević", "SRB", "President of Yugoslavia"),
    ("Lula", "2024-01-01", "Luiz Inácio Lula da Silva", "BRA", "President"),
])
def test_lookup_by_surname_and_date(text: str, on: str, name: str, country: str, role: str | None) -> None:
    t = _found(text, on)
    assert (t.name, t.country) == (name, country)
    if role is not None:
        assert t.role == role
    assert t.start <= _d(on) and (t.end is None or _d(on) <= t.end)


def test_international_organisation_heads_have_no_country() -> None:
    t = _found("Kofi Annan", "2000-06-01")
    assert (t.name, t.country, t.sector, t.role) == ("Kofi Annan", None, "IGO", "Secretary-General")
    assert _found("Stoltenberg", "2016-01-01").sector == "IGO"
    assert _found("Tusk", "2016-01-01").country is None  # European Council, not Poland


def test_military_rulers_are_mil() -> None:
    assert _found("Pinochet", "1985-01-01").sector == "MIL"
    assert _found("Abacha", "1995-01-01").sector == "MIL"


@pytest.mark.parametrize("text", [
    "President George W. Bush", "George W. Bush", "Mr. Bush", "Mr Bush", "BUSH", "bush", "Bush’s", "Bush's",
    "  President   Bush ", "the President Bush",
])
def test_normalisation_of_mentions(text: str) -> None:
    assert _found(text, "2003-03-20").name == "George W. Bush"


@pytest.mark.parametrize(("text", "on", "name"), [
    ("Mr. Arafat", "1995-06-01", "Yasser Arafat"),
    ("Arafat’s", "1995-06-01", "Yasser Arafat"),
    ("Chairman Arafat", "1995-06-01", "Yasser Arafat"),
    ("Prime Minister Shinzo Abe", "2015-01-01", "Shinzo Abe"),
    ("Chancellor Schroeder", "2000-01-01", "Gerhard Schröder"),
    ("Chancellor Schröder", "2000-01-01", "Gerhard Schröder"),
    ("Foreign Minister Lavrov", "2020-01-01", "Sergey Lavrov"),
    ("Secretary of State Powell", "2002-01-01", "Colin Powell"),
    ("Secretary-General Ban Ki-moon", "2010-01-01", "Ban Ki-moon"),
    ("Secretary General Ban Ki moon", "2010-01-01", "Ban Ki-moon"),
    ("Sheikh Tamim", "2020-01-01", "Tamim bin Hamad Al Thani"),
    ("General Musharraf", "2000-01-01", "Pervez Musharraf"),
    ("Dr. Abiy", "2020-01-01", "Abiy Ahmed"),
    ("Mrs. Thatcher", "1985-01-01", "Margaret Thatcher"),
    ("Premier Wen Jiabao", "2008-01-01", "Wen Jiabao"),
    ("King Abdullah", "2010-01-01", None),  # Jordan's and Saudi Arabia's kings: ambiguous
])
def test_titles_and_honorifics_are_stripped(text: str, on: str, name: str | None) -> None:
    t = lookup(text, _d(on))
    assert (t.name if t else None) == name


def test_normalise() -> None:
    assert normalise("Mr. Erdoğan’s") == "mr erdogan"
    assert normalise("Wałęsa") == normalise("Walesa") == "walesa"
    assert normalise("Yıldırım") == "yildirim"
    assert normalise("Tuđman") == "tudman"
    assert normalise("Ban Ki-moon") == "ban ki moon"
    assert normalise("Yar'Adua's") == "yar'adua"
    assert normalise("Reynolds'") == "reynolds"


def test_title_decides_between_people_sharing_a_name() -> None:
    # 2000: Saudi crown prince Abdullah and King Abdullah II of Jordan
    assert lookup("Abdullah", _d("2000-06-01")) is None
    t = _found("King Abdullah", "2000-06-01")
    assert (t.country, t.role) == ("JOR", "King")


def test_ambiguous_names_give_none() -> None:
    assert lookup("Kim", _d("2000-06-15")) is None  # Kim Dae-jung and Kim Jong Il
    assert _found("Kim", "2015-01-01").name == "Kim Jong Un"
    assert lookup("Hussein", _d("1990-08-02")) is None  # Saddam Hussein and King Hussein
    assert lookup("Kaczynski", _d("2007-01-01")) is None  # the twins: president and prime minister


def test_recently_retired_leaders_are_still_found() -> None:
    t = _found("Thatcher", "1991-06-01")  # left office 1990-11-28
    assert (t.name, t.role) == ("Margaret Thatcher", "Prime Minister")
    assert t.end == _d("1990-11-28")
    assert lookup("Thatcher", _d("1995-06-01")) is None  # more than two years out
    assert _found("Obama", "2017-06-01").name == "Barack Obama"


def test_a_leader_in_office_wins_over_a_retired_one() -> None:
    assert _found("Bush", "2001-06-01").name == "George W. Bush"
    assert _found("Gandhi", "1986-01-01").name == "Rajiv Gandhi"


def test_before_office_and_unknown_names() -> None:
    assert lookup("Obama", _d("2005-01-01")) is None
    assert lookup("Zaphod Beeblebrox", _d("2000-01-01")) is None
    assert lookup("", _d("2000-01-01")) is None
    assert lookup("President", _d("2000-01-01")) is None


def test_month_and_year_precision_cover_the_whole_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    header = _header()
    rows = ["Ann Example\tExample\tFRA\tGOV\tPresident\t1990-03\t1991",
            "Bob Sample\tSample\tDEU\tGOV\tChancellor\t2001\t2002-02"]
    (tmp_path / "leaders.tsv").write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    leaders.clear_cache()
    assert lookup("Example", _d("1990-02-28")) is None
    assert _found("Example", "1990-03-01").start == _d("1990-03-01")
    assert _found("Example", "1991-12-31").end == _d("1991-12-31")
    assert _found("Sample", "2001-01-01").end == _d("2002-02-28")


def _packaged() -> list[str]:
    return (resources.files("newsevents") / "data" / "leaders.tsv").read_text(encoding="utf-8").splitlines()


def _header() -> list[str]:
    """The comment lines and the header row of the packaged table."""
    lines = _packaged()
    return lines[: next(i for i, line in enumerate(lines) if not line.startswith("#")) + 1]


@pytest.mark.parametrize(("bad", "message"), [
    ("Jane Doe\tDoe\tXYZ\tGOV\tPresident\t2000\t2001", "'XYZ' is not an ISO 3166 alpha-3 code"),
    ("Jane Doe\tDoe\t\tGOV\tPresident\t2000\t2001", "empty country is only allowed for sector IGO"),
    ("Jane Doe\tDoe\tFRA\tBOSS\tPresident\t2000\t2001", "unknown sector 'BOSS'"),
    ("Jane Doe\tDoe\tFRA\tGOV\tPresident\t2001-01-01\t2000-12-31", "is before start"),
    ("Jane Doe\tDoe\tFRA\tGOV\tPresident\t2000-13-01\t", "is not a date"),
    ("Jane Doe\tDoe\tFRA\tGOV\tPresident\tsoon\t", "is not a date"),
    ("Jane Doe\tDoe\tFRA\tGOV\t\t2000\t", "empty required column 'role'"),
    ("Jane Doe\tDoe\tFRA\tGOV\tPresident\t2000\t2001\textra", "cells but the header has"),
])
def test_broken_table_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          bad: str, message: str) -> None:
    lines = _packaged()
    lines.insert(len(lines) - 3, bad)
    line_no = len(lines) - 3
    path = tmp_path / "leaders.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    leaders.clear_cache()
    datafiles.read_table.cache_clear()
    with pytest.raises(DataFileError) as err:
        leaders.validate()
    assert f"{path}:{line_no}: " in str(err.value)
    assert message in str(err.value)
    assert err.value.line == line_no
    with pytest.raises(DataFileError):
        lookup("Bush", _d("2003-01-01"))


def test_duplicate_row_is_reported_at_its_second_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = _packaged()
    first = next(i for i, line in enumerate(lines) if line.startswith("Angela Merkel\t"))
    lines.append(lines[first])
    path = tmp_path / "leaders.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    leaders.clear_cache()
    datafiles.read_table.cache_clear()
    with pytest.raises(DataFileError, match=rf"leaders.tsv:{len(lines)}: duplicate tenure 'Angela Merkel'.*"
                                             rf"first at line {first + 1}"):
        leaders.validate()


def test_any_time_lookup_needs_a_title_and_one_country() -> None:
    # no tenure near 1997: the title finds the country (both Presidents Bush were American)
    assert lookup("President Bush", date(1997, 6, 1)) is None
    ten = leaders.lookup_any_time("President Bush")
    assert ten is not None and ten.country == "USA"
    assert leaders.lookup_any_time("Bush") is None  # a bare surname could be anyone
    assert leaders.lookup_any_time("Chancellor Bush") is None  # no such title for that name
