"""PLOVER gold-standard sentences (../shared/gold/plover-gsr-dev.jsonl), scored in-process with the
same definitions as ../shared/tools/score.py (top event per sentence by confidence).

    .venv/bin/python bench/plover_eval.py [--show N]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from datetime import date
from pathlib import Path

from newsevents.pipeline import code_documents
from newsevents.types import Document

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "plover-gsr-dev.jsonl"
CAMEO_TO_ISO = {"JAP": "JPN", "UK": "GBR", "GMY": "DEU", "RUM": "ROU", "ROM": "ROU", "SER": "SRB",
                "ZAR": "COD", "BUR": "MMR", "TMP": "TLS", "WSB": "PSE", "GZS": "PSE", "PAL": "PSE",
                "KOS": "XKX", "ITL": "ITA", "SIN": "SGP", "BAG": "BGD"}


def countries(actors: list[dict[str, str]]) -> set[str]:
    res: set[str] = set()
    for a in actors or []:
        code = (a.get("code") or "").upper()
        for c in (a.get("country"), code[:3] or None):
            if c:
                res.add(CAMEO_TO_ISO.get(c.upper(), c.upper()))
        if (a.get("sector") or "").upper() in ("IGO", "NGO"):
            res.add(a["sector"].upper())
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print N wrong sentences")
    ap.add_argument("--type", default=None, help="only show errors for this gold type")
    args = ap.parse_args()
    if not GOLD.exists():
        sys.exit(f"skipped: {GOLD} is absent")
    recs = [json.loads(line) for line in GOLD.open()]
    docs = [Document(r["id"], date(2000, 1, 1), r["text"]) for r in recs]
    by: dict[str, list[dict]] = collections.defaultdict(list)
    for c in code_documents(docs):
        by[c.document.id] = [e.to_record() for e in c.events]
    pairs, typed, dyad, extra, shown = [], 0, 0, 0, 0
    for r in recs:
        evs = by[r["id"]]
        top = max(evs, key=lambda e: e["confidence"]) if evs else None
        pred = top["plover"]["type"] if top else "NONE"
        pairs.append((r["event"], pred))
        extra += max(0, len(evs) - 1)
        ok_dyad = False
        if pred == r["event"]:
            typed += 1
            gs, gt = countries(r["source"]), countries(r["target"])
            ok_dyad = any((not gs or countries(e["source"]) & gs) and (not gt or countries(e["target"]) & gt)
                          for e in evs if e["plover"]["type"] == pred)
            dyad += ok_dyad
        if (pred != r["event"] or not ok_dyad) and shown < args.show and (not args.type or args.type == r["event"]):
            shown += 1
            print(f"\n[{r['event']} -> {pred}] {r['markup']}")
            print("   gold src", countries(r["source"]), "tgt", countries(r["target"]))
            for e in evs:
                print("   sys ", e["plover"]["type"], sorted(countries(e["source"])), sorted(countries(e["target"])),
                      repr(e["evidence"]["trigger"]), e["confidence"])
    labels = sorted({g for g, _ in pairs})
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    n = len(recs)
    print(f"\ntype_acc={typed / n:.3f} macro_f1={sum(f1s) / len(f1s):.3f} dyad_acc={dyad / typed if typed else 0:.3f} "
          f"no_event={sum(p == 'NONE' for _, p in pairs)} extra_events={extra}")
    print(collections.Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(20))


if __name__ == "__main__":
    main()
