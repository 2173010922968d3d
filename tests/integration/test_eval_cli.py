"""`newsevents eval ...` on the fixtures, and our TimeML scorer against the shared one on TimeBank."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.evaluate import timeml
from newsevents.time import tag

from .conftest import FIXTURES, cli, needs_shared

EVAL = FIXTURES / "eval"


def as_json(args: list[str]) -> dict[str, Any]:
    data = json.loads(cli(["eval", *args, "--json"]).stdout)
    assert isinstance(data, dict)
    return data


def test_eval_timex_json_matches_the_library_and_reads_subfolders() -> None:
    out = as_json(["timex", str(EVAL / "timeml"), "--per-file"])
    assert out["files"] == 2 and out["gold"] == 7  # 3 + 4 TIMEX3s, the DCTs left out
    assert sorted(out["per_file"]) == ["FIX001", "FIX002"]
    lib = timeml.evaluate_dir(EVAL / "timeml").total.figures()
    assert {k: out[k] for k in lib} == lib


def test_eval_timex_text_lists_misses(tmp_path: Path) -> None:
    # the gold says "Monday" where the text's Monday is another day: a wrong value for any tagger
    (tmp_path / "w.tml").write_text(
        '<TimeML><DCT><TIMEX3 value="2022-01-07" functionInDocument="CREATION_TIME">x</TIMEX3></DCT><TEXT>'
        'They met on <TIMEX3 type="DATE" value="1999-12-31">Monday</TIMEX3>.</TEXT></TimeML>')
    out = cli(["eval", "timex", str(tmp_path), "--errors", "5"]).stdout
    assert "relaxed extent" in out and "value F1" in out
    assert "wrong value: 1" in out and "'Monday' 1999-12-31" in out


def test_eval_timex_absent_folder_is_a_clear_error(tmp_path: Path) -> None:
    p = cli(["eval", "timex", str(tmp_path / "nowhere")], check=False)
    assert p.returncode == 1 and "nowhere: no such file or folder" in p.stderr


def test_eval_events_on_plover_records() -> None:
    out = as_json(["events", str(EVAL / "plover.jsonl")])
    assert out["sentences"] == 4
    assert set(out["f1_per_type"]) == {"CONSULT", "ASSAULT", "ACCUSE", "AID"}
    assert out["type_accuracy"] * 4 == pytest.approx(round(out["type_accuracy"] * 4))
    assert 0 <= out["dyad_accuracy_when_typed"] <= 1 and out["extra_events"] >= 0


def test_eval_events_detects_the_statedept_format() -> None:
    args = [str(EVAL / "statedept_events.jsonl"), "--corpus", str(EVAL / "releases.jsonl")]
    via_events = as_json(["events", *args])
    via_statedept = as_json(["statedept", *args])
    assert via_events == via_statedept
    assert via_events["required"] == 4  # required gold events in the fixture
    assert via_events["events_right"] <= via_events["events_coded"]


def test_eval_statedept_with_people_and_places() -> None:
    out = as_json(["statedept", str(EVAL / "statedept_events.jsonl"), "--corpus", str(EVAL / "releases.jsonl"),
                   "--actors", str(EVAL / "statedept_actors.jsonl"), "--min-confidence", "0.5"])
    assert (out["people"], out["places"], out["min_confidence"]) == (2, 1, 0.5)


def test_eval_seed_on_a_fixture_article() -> None:
    out = as_json(["seed", "--gold", str(EVAL / "seed.gold.json"), "--text", str(EVAL / "seed.txt")])
    assert (out["timex_total"], out["required_total"], out["optional_total"]) == (3, 2, 1)
    assert out["events_unmatched"] <= out["events_emitted"]
    assert len(out["timex_missed"]) == 3 - out["timex_right"]


def test_eval_seed_without_shared_data_says_what_to_do(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSEVENTS_SHARED": str(tmp_path / "none")}
    p = subprocess.run([sys.executable, "-m", "newsevents", "eval", "seed"], capture_output=True, text=True,
                       cwd=tmp_path, env=env, timeout=600)
    assert p.returncode == 1
    assert "seed.gold.json is absent" in p.stderr and "NEWSEVENTS_SHARED" in p.stderr


def test_timex_scores_agree_with_the_shared_scorer_on_timebank() -> None:
    gold_dir = needs_shared("gold", "timeml", "TimeBank")
    spec = importlib.util.spec_from_file_location("shared_tml", needs_shared("tools", "tml.py"))
    assert spec is not None and spec.loader is not None
    tml = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tml)
    gold = [tml.parse_tml(f) for f in tml.iter_tml(str(gold_dir))]
    system = [{"docid": g["docid"],
               "timexes": [t.to_record() for t in tag(g["text"], date.fromisoformat(g["dct"][:10]))]}
              for g in gold]
    theirs = tml.score(gold, system)
    ours = timeml.evaluate_dir(gold_dir).total
    assert (ours.gold, ours.system) == (theirs["gold"], theirs["system"])
    for mine, shared in [(ours.strict, theirs["strict"]), (ours.relaxed, theirs["relaxed"])]:
        assert [round(x, 3) for x in mine] == [round(x, 3) for x in shared]
    assert round(ours.value_accuracy, 3) == round(theirs["value_acc"], 3)
    assert round(ours.value_f1, 3) == round(theirs["value_F1"], 3)
    assert round(ours.type_accuracy, 3) == round(theirs["type_acc"], 3)
