"""The scorers of `newsevents eval`, on small inputs whose scores were worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluate import countries, plover, seed, statedept
from newsevents.evaluate.common import GoldError, macro_f1, read_json, read_jsonl
from newsevents.evaluate.timeml import GoldTimex, TimeMLError, read_tml, score_doc, tml_files

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eval"


def tx(start: int, end: int, type_: str, value: str) -> GoldTimex:
    return GoldTimex(start, end, "x" * (end - start), type_, value)


# --- TimeML reader ---------------------------------------------------------------------------------

def test_reader_offsets_are_into_the_text_without_tags() -> None:
    doc = read_tml(FIXTURES / "timeml" / "fix001.tml")
    assert doc.docid == "FIX001"
    assert doc.dct == date(2022, 1, 7)
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("Friday", "DATE", "2022-01-07"), ("Wednesday", "DATE", "2022-01-05"), ("five years", "DURATION", "P5Y")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert "<" not in doc.text and "Smith & Jones" in doc.text  # tags gone, entities replaced
    assert "January 7, 2022" not in doc.text  # the DCT is outside <TEXT>


def test_reader_finds_files_recursively_and_reads_the_creation_time() -> None:
    files = tml_files(FIXTURES / "timeml")
    assert [f.name for f in files] == ["fix001.tml", "fix002.tml"]
    doc = read_tml(files[1])
    assert doc.dct == date(1998, 8, 7)
    assert [t.type for t in doc.timexes] == ["DATE", "DURATION", "SET", "DATE"]


def test_nested_timex_offsets(tmp_path: Path) -> None:
    f = tmp_path / "n.tml"
    f.write_text('<TimeML><DCT><TIMEX3 value="2000-01-01" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>'
                 '<TEXT>From <TIMEX3 type="DURATION" value="P2D"><TIMEX3 type="DATE" value="2000-01-03">'
                 'Monday</TIMEX3> to Tuesday</TIMEX3>.</TEXT></TimeML>')
    doc = read_tml(f)
    assert [(t.text, t.value) for t in doc.timexes] == [("Monday to Tuesday", "P2D"), ("Monday", "2000-01-03")]


@pytest.mark.parametrize("body, message", [
    ("<TimeML><TEXT>a &bogus; b</TEXT></TimeML>", "not readable TimeML"),
    ("<TimeML><DCT></DCT><TEXT>no creation time</TEXT></TimeML>", "no document creation time"),
    ("<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT>"),
])
def test_reader_errors_name_the_file(tmp_path: Path, body: str, message: str) -> None:
    f = tmp_path / "bad.tml"
    f.write_text(body)
    with pytest.raises(TimeMLError, match=message) as e:
        read_tml(f)
    assert "bad.tml" in str(e.value)


# --- TimeML scorer ---------------------------------------------------------------------------------

def test_scores_on_a_hand_computed_example() -> None:
    gold = [tx(0, 6, "DATE", "2022-01-07"), tx(10, 20, "DATE", "2021-03"), tx(30, 40, "DURATION", "P5Y"),
            tx(50, 55, "DATE", "2021")]
    system = [tx(0, 6, "DATE", "2022-01-07"),   # strict match, right value
              tx(12, 20, "DATE", "2021-04"),    # relaxed only, wrong value
              tx(30, 40, "DATE", "p5y "),       # strict match, wrong type, value right up to case and spaces
              tx(60, 65, "DATE", "2021")]       # spurious
    s = score_doc("d", gold, system)
    # strict 2 of 4 both ways; relaxed 3 of 4; values right on 2 of the 3 relaxed matches, types on 2
    assert s.strict == (0.5, 0.5, 0.5)
    assert s.relaxed == (0.75, 0.75, 0.75)
    assert s.value_accuracy == pytest.approx(2 / 3)
    assert s.value_f1 == pytest.approx(0.5)
    assert s.type_accuracy == pytest.approx(2 / 3)
    assert [(m.kind, m.start) for m in s.misses] == [("wrong value", 10), ("missed", 50), ("spurious", 60)]


def test_matching_is_one_to_one() -> None:
    gold = [tx(0, 10, "DATE", "2021")]
    system = [tx(0, 4, "DATE", "2021"), tx(5, 10, "DATE", "2021")]  # both overlap the one gold span
    s = score_doc("d", gold, system)
    assert (s.relaxed_tp, s.system) == (1, 2)
    assert s.relaxed == pytest.approx((0.5, 1.0, 2 / 3))
    assert [m.kind for m in s.misses] == ["spurious"]


def test_counts_add_up_over_files() -> None:
    a = score_doc("a", [tx(0, 3, "DATE", "2021")], [tx(0, 3, "DATE", "2021")])
    b = score_doc("b", [tx(0, 3, "DATE", "2021"), tx(5, 8, "DATE", "2020")], [])
    a += b
    assert (a.gold, a.system, a.relaxed_tp) == (3, 1, 1)
    assert a.relaxed == pytest.approx((1.0, 1 / 3, 0.5))
    assert [m.docid for m in a.misses] == ["b", "b"]


def test_no_system_output_scores_zero_not_an_error() -> None:
    s = score_doc("d", [tx(0, 3, "DATE", "2021")], [])
    assert s.figures()["relaxed_f1"] == 0.0 and s.value_f1 == 0.0


# --- PLOVER gold sentences ---------------------------------------------------------------------------

def ev(type_: str, src: str, tgt: str | None, conf: float, **extra: Any) -> dict[str, Any]:
    return {"plover": {"type": type_}, "source": [{"country": src, "code": src + "GOV"}],
            "target": [{"country": tgt}] if tgt else [], "confidence": conf, **extra}


def test_cameo_country_codes_are_mapped_to_iso() -> None:
    assert countries([{"code": "JAPGOV"}, {"code": "UK"}, {"country": "GMY"}]) == {"JPN", "GBR", "DEU"}
    assert countries([{"code": "IGOUNO", "sector": "IGO"}]) == {"IGO"}
    assert countries(None) == set()


def test_plover_scores_on_a_hand_computed_example() -> None:
    recs = read_jsonl(FIXTURES / "plover.jsonl")
    coded = {
        "fix-consult": [ev("CONSULT", "JPN", "USA", 0.8), ev("AGREE", "JPN", "USA", 0.5)],  # right, one extra
        "fix-assault": [],                                                                  # no event
        "fix-accuse": [ev("ACCUSE", "DEU", "IRN", 0.7)],                                    # type right, target wrong
        "fix-aid": [ev("ACCUSE", "GBR", "UKR", 0.6)],                                       # type wrong
    }
    f = plover.score(recs, coded).figures()
    assert f["type_accuracy"] == 0.5
    # per gold type: CONSULT 1, ASSAULT 0, ACCUSE P 1/2 R 1 -> 2/3, AID 0
    assert f["macro_f1"] == pytest.approx((1 + 0 + 2 / 3 + 0) / 4)
    assert f["dyad_accuracy_when_typed"] == 0.5
    assert (f["source_accuracy_when_typed"], f["target_accuracy_when_typed"]) == (1.0, 0.5)
    assert (f["no_event"], f["extra_events"]) == (1, 1)
    confusions = f["confusions"]
    assert isinstance(confusions, list)
    assert sorted(confusions) == [("AID->ACCUSE", 1), ("ASSAULT->NONE", 1)]


def test_dyad_needs_source_and_target_on_one_event() -> None:
    rec = {"id": "x", "text": "t", "event": "CONSULT", "source": [{"code": "JPN"}], "target": [{"code": "USA"}]}
    split = [ev("CONSULT", "JPN", "CHN", 0.9), ev("CONSULT", "KOR", "USA", 0.8)]
    s = plover.score([rec], {"x": split}).sentences[0]
    assert (s.source_ok, s.target_ok, s.dyad_ok) == (True, True, False)


def test_plover_dates_default_to_2000() -> None:
    docs = plover.documents(read_jsonl(FIXTURES / "plover.jsonl"))
    assert [d.published for d in docs] == [date(2000, 1, 1)] * 3 + [date(2021, 5, 3)]


def test_macro_f1_leaves_out_labels_seen_nowhere() -> None:
    assert macro_f1([("A", "A"), ("B", "A")], ["A", "B", "C"]) == {"A": pytest.approx(2 / 3), "B": 0.0}


def test_records_of_another_format_are_refused() -> None:
    with pytest.raises(GoldError, match="lacks event"):
        plover.check_records([{"id": "1", "text": "t"}], "f.jsonl")
    assert statedept.is_annotation(read_jsonl(FIXTURES / "statedept_events.jsonl"))
    assert not statedept.is_annotation(read_jsonl(FIXTURES / "plover.jsonl"))


# --- one article (seed) --------------------------------------------------------------------------------

def test_seed_scoring_rules() -> None:
    gold = read_json(FIXTURES / "seed.gold.json")
    body = seed.body_of((FIXTURES / "seed.txt").read_text())
    assert body.startswith("Japanese")
    wed = body.index("Wednesday")
    timexes = [{"start": wed, "end": wed + 9, "value": "2024-03-06"},
               {"start": body.index("next"), "end": body.index("next") + 10, "value": "2024-05"}]  # wrong value
    sent1 = body[:body.index(".") + 1]
    sent3 = body[body.index("China"):]
    events = [
        ev("CONSULT", "JPN", "AUS", 0.8, date="2024-03-06", evidence={"sentence": sent1}),
        ev("ACCUSE", "CHN", None, 0.7, date="2024-03-07", evidence={"sentence": sent3}),  # null target allowed
        ev("ACCUSE", "CHN", "JPN", 0.7, date="2024-03-08", evidence={"sentence": sent3}),  # wrong date
    ]
    r = seed.score(gold, body, timexes, events)
    assert (r["timex_right"], r["timex_total"], r["timex_missed"]) == (1, 3, ["next month", "on Thursday"])
    assert (r["required_found"], r["required_total"], r["optional_found"]) == (2, 2, 0)
    assert (r["events_emitted"], r["events_unmatched"]) == (3, 1)


# --- State Department annotation ----------------------------------------------------------------------

def test_statedept_matching() -> None:
    g = {"plover": ["CONSULT"], "sentence_start": "Secretary Blinken spoke with Foreign Mi", "source": ["USA"],
         "target": ["PHL"], "date": "2022-03"}
    e = ev("CONSULT", "PHL", "USA", 0.9, date="2022-03-02",
           evidence={"sentence": "Secretary Blinken spoke with Foreign Minister Locsin."})
    assert statedept.event_matches(e, g)  # a meeting told from the other side, a day in the gold month
    assert not statedept.event_matches({**e, "date": "2022-04-02"}, g)
    assert not statedept.event_matches({**e, "plover": {"type": "ACCUSE"}}, {**g, "plover": ["ACCUSE"]})


def test_statedept_place_names_are_whole_words() -> None:
    assert statedept.contains(statedept.words("the Donetsk region"), statedept.words("Donetsk"))
    assert not statedept.contains(statedept.words("Ukraine"), statedept.words("UK"))


def test_a_bad_date_in_gold_records_is_named() -> None:
    with pytest.raises(GoldError, match="record 1: date '5 May'"):
        plover.check_records([{"id": "1", "text": "t", "event": "AID", "date": "5 May"}], "f.jsonl")
