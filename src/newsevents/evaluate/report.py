"""The scores as people read them (the CLI and the bench scripts print these)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict

from .common import countries
from .plover import PloverScore
from .statedept import StatedeptScore
from .timeml import Miss, TimexReport, TimexScore


def timex_summary(name: str, s: TimexScore) -> list[str]:
    (sp, sr, sf), (rp, rr, rf) = s.strict, s.relaxed
    return [f"{name}: gold {s.gold}, system {s.system}",
            f"  strict  extent P={sp:.3f} R={sr:.3f} F1={sf:.3f}",
            f"  relaxed extent P={rp:.3f} R={rr:.3f} F1={rf:.3f}",
            f"  type accuracy={s.type_accuracy:.3f} (type F1={s.type_f1:.3f})",
            f"  value accuracy={s.value_accuracy:.3f} value F1={s.value_f1:.3f}"]


def timex_text(name: str, r: TimexReport, per_file: bool = False, errors: int = 20) -> str:
    lines = timex_summary(f"{name} ({len(r.per_file)} files)", r.total)
    if per_file:
        lines.append(f"{'file':40s} {'gold':>5s} {'sys':>5s} {'strict':>6s} {'relax':>6s} {'val.acc':>7s} "
                     f"{'val.F1':>6s}")
        for docid, s in r.per_file:
            lines.append(f"{docid[:40]:40s} {s.gold:5d} {s.system:5d} {s.strict[2]:6.3f} {s.relaxed[2]:6.3f} "
                         f"{s.value_accuracy:7.3f} {s.value_f1:6.3f}")
    lines += misses_text(r.total.misses, errors)
    return "\n".join(lines)


def misses_text(misses: list[Miss], limit: int) -> list[str]:
    """Up to `limit` misses of each kind, under a count of all of them."""
    if limit <= 0:
        return []
    out: list[str] = []
    for kind in ("missed", "spurious", "wrong value"):
        these = [m for m in misses if m.kind == kind]
        out.append(f"{kind}: {len(these)}" + (f" (first {limit})" if len(these) > limit else ""))
        out += [f"  {m}" for m in these[:limit]]
    return out


def timex_json(r: TimexReport, per_file: bool = False, errors: int = 20) -> dict[str, object]:
    out: dict[str, object] = {**r.total.figures(), "files": len(r.per_file)}
    if per_file:
        out["per_file"] = {docid: s.figures() for docid, s in r.per_file}
    out["misses"] = [asdict(m) for m in r.total.misses[:max(errors, 0)]]
    return out


def plover_text(s: PloverScore, show: int = 0) -> str:
    f = s.figures()
    lines = []
    shown = [x for x in s.sentences if not (x.typed and x.dyad_ok)][:max(show, 0)]
    for x in shown:
        lines.append(f"[{x.gold} -> {x.predicted}] {x.id}: gold {'+'.join(x.gold_source) or '-'}->"
                     f"{'+'.join(x.gold_target) or '-'}")
        for e in x.events:
            src, tgt = "+".join(sorted(countries(e["source"]))) or "-", "+".join(sorted(countries(e["target"]))) or "-"
            lines.append(f"    {e['plover']['type']} {src}->{tgt} {e['evidence']['trigger']!r} {e['confidence']}")
    per_type: Mapping[str, float] = f["f1_per_type"]  # type: ignore[assignment]
    confusions: list[tuple[str, int]] = f["confusions"]  # type: ignore[assignment]
    lines += [
        f"sentences {f['sentences']}: type accuracy {f['type_accuracy']:.3f}, macro-F1 {f['macro_f1']:.3f} "
        f"over {len(per_type)} gold types",
        f"when typed right: source and target {f['dyad_accuracy_when_typed']:.3f}, source "
        f"{f['source_accuracy_when_typed']:.3f}, target {f['target_accuracy_when_typed']:.3f}",
        f"no event {f['no_event']}, extra events {f['extra_events']} "
        f"({f['extra_events_per_sentence']:.2f} per sentence)",
        "F1 per type: " + ", ".join(f"{k} {v:.2f}" for k, v in per_type.items()),
        "top confusions (gold->predicted): " + ", ".join(f"{k} {n}" for k, n in confusions),
    ]
    return "\n".join(lines)


def seed_text(r: Mapping[str, object]) -> str:
    lines = [f"temporal expressions right {r['timex_right']}/{r['timex_total']}"
             + (f", missed {r['timex_missed']}" if r["timex_missed"] else ""),
             f"required events found {r['required_found']}/{r['required_total']}"
             + (f", missed {r['required_missed']}" if r["required_missed"] else ""),
             f"optional events found {r['optional_found']}/{r['optional_total']}",
             f"events emitted {r['events_emitted']}, matching no gold event {r['events_unmatched']}"]
    unmatched: list[str] = r["unmatched"]  # type: ignore[assignment]
    lines += [f"  unmatched: {u}" for u in unmatched]
    return "\n".join(lines)


def statedept_text(s: StatedeptScore, show: int = 0) -> str:
    f = s.figures()
    lines = [f"  wrong: {w}" for w in s.wrong[:max(show, 0)]]
    lines.append(f"events: coded {f['events_coded']}, right {f['events_right']}, precision {f['precision']:.3f}; "
                 f"required gold {f['required']}, found {f['required_found']}, recall {f['recall']:.3f} "
                 f"(min confidence {s.min_confidence})")
    if s.people or s.places:
        lines.append(f"people: {s.people_right}/{s.people} resolved right ({s.people_right / max(s.people, 1):.3f}); "
                     f"places: {s.places_right}/{s.places} with the right country "
                     f"({s.places_right / max(s.places, 1):.3f})")
    return "\n".join(lines)
