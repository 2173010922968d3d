"""The example article against its reference annotation (../shared/gold/seed.gold.json).

Matching follows the project's scoring definitions: a temporal expression is right when its extent
overlaps the gold one and its value is among the gold values; an event matches a gold event when its
PLOVER type is among the gold types, its source and target countries meet the gold ones (or both have
none), its date is the gold date and its evidence sentence contains the gold trigger's first word.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import jsonschema

from .conftest import SCHEMA, cli, jsonl, needs_shared


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9]+", " ", (s or "").lower())).strip()


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else [v]


@cache
def _seed() -> tuple[dict[str, Any], str, str]:
    gold = json.loads(needs_shared("gold", "seed.gold.json").read_text())
    path = needs_shared("corpus", "000_585025c503813674.txt")
    body = re.sub(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s*", "", path.read_text(encoding="utf-8"))
    return gold, str(path), body


@cache
def _events() -> list[dict[str, Any]]:
    _, path, _ = _seed()
    return jsonl(cli(["code", path, "--format", "jsonl"]).stdout)


def _countries(actors: list[dict[str, Any]]) -> set[str]:
    return {a["country"] for a in actors if a.get("country")} | {
        a["sector"] for a in actors if a.get("sector") in ("IGO", "NGO")}


def _matches(e: dict[str, Any], g: dict[str, Any]) -> bool:
    if e["plover"]["type"] not in g["plover"]:
        return False
    if not _countries(e["source"]) & set(g["source"]):
        return False
    tg = {x for x in g["target"] if x}
    tc = _countries(e["target"])
    if tg and not tc & tg and not (None in g["target"] and not tc):
        return False
    if not tg and tc and None not in g["target"]:
        return False
    if g.get("date") is not None and e["date"] not in [str(d) for d in _list(g["date"])]:
        return False
    sent = _norm(e["evidence"]["sentence"])
    return _norm(g["trigger"]) in sent or _norm(g["trigger"]).split()[0] in sent


def test_all_gold_timexes_found_with_gold_value() -> None:
    gold, _, body = _seed()
    found = jsonl(cli(["timex", "--dct", gold["publication_date"], "-"], stdin=body).stdout)
    missed = []
    for g in gold["timexes"]:
        starts = [m.start() for m in re.finditer(re.escape(g["text"]), body)]
        values = [str(v) for v in _list(g["value"])]
        ok = any(t["start"] < s + len(g["text"]) and s < t["end"] and str(t["value"]) in values
                 for t in found for s in starts)
        if not ok:
            missed.append(g["text"])
    assert missed == [], f"missed or wrong value: {missed}"
    for t in found:  # offsets are into the input exactly as given
        assert body[t["start"]:t["end"]] == t["text"]


def test_required_events_found() -> None:
    gold, _, _ = _seed()
    required = [g for g in gold["events"] if g["required"]]
    found = [g["id"] for g in required if any(_matches(e, g) for e in _events())]
    assert len(found) >= 6, f"found {found} of {[g['id'] for g in required]}"


def test_every_event_has_evidence_containing_its_trigger() -> None:
    _, _, body = _seed()
    events = _events()
    assert events
    for e in events:
        ev = e["evidence"]
        assert body[ev["start"]:ev["end"]] == ev["trigger"]
        assert ev["trigger"] in ev["sentence"]
        assert ev["sentence"] in body


def test_records_follow_the_schema() -> None:
    for e in _events():
        jsonschema.validate(e, SCHEMA)


def test_missile_launch_dated_from_the_text() -> None:
    """'fired ... on Wednesday' in a Friday article is the Wednesday before, not the story's date."""
    mob = [e for e in _events() if e["plover"]["type"] == "MOBILIZE"]
    assert mob and mob[0]["date"] == "2022-01-05" and mob[0]["date_source"] == "text"
    assert {a["country"] for a in mob[0]["source"]} == {"PRK"}


def test_most_emitted_events_match_a_gold_event() -> None:
    """Precision on the example: few events that no analyst coded."""
    gold, _, _ = _seed()
    events = _events()
    unmatched = [e["evidence"]["trigger"] for e in events if not any(_matches(e, g) for g in gold["events"])]
    assert len(unmatched) <= len(events) // 4, unmatched
