"""Score newsevents.time.tag on TimeML gold (TempEval-3 TimeBank / AQUAINT) and on the seed article.

    .venv/bin/python bench/timex_eval.py [--errors N] [GOLD_DIR ...]

Uses the shared scorer at ../shared/tools/tml.py (character offsets, TE3 value-F1 convention);
skips cleanly when it or the gold data is absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from newsevents.time import tag

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TML_PATH = SHARED / "tools" / "tml.py"
GOLD = SHARED / "gold" / "timeml"
SEED_TEXT = SHARED / "corpus" / "000_585025c503813674.txt"
SEED_GOLD = SHARED / "gold" / "seed.gold.json"


def load_tml() -> ModuleType | None:
    if not TML_PATH.exists():
        return None
    spec = importlib.util.spec_from_file_location("tml", TML_PATH)
    if spec is None or spec.loader is None:
        return None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run_dir(tml: ModuleType, path: Path, n_errors: int) -> dict[str, Any]:
    return run_docs(tml, path.name, [tml.parse_tml(f) for f in tml.iter_tml(str(path))], n_errors)


def run_docs(tml: ModuleType, name: str, gold: list[dict[str, Any]], n_errors: int) -> dict[str, Any]:
    sys_docs = []
    t0 = time.perf_counter()
    chars = 0
    for g in gold:
        dct = date.fromisoformat(g["dct"][:10])
        chars += len(g["text"])
        found = tag(g["text"], dct)
        sys_docs.append({"docid": g["docid"], "timexes": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
            for t in found]})
    secs = time.perf_counter() - t0
    r: dict[str, Any] = tml.score(gold, sys_docs)
    print(f"{name}: docs={len(gold)} gold={r['gold']} system={r['system']} "
          f"({chars / max(secs, 1e-9) / 1e6:.2f} M chars/s)")
    for k in ("strict", "relaxed"):
        p, rc, f = r[k]
        print(f"  {k:8s} extent P={p:.3f} R={rc:.3f} F1={f:.3f}")
    print(f"  value acc={r['value_acc']:.3f} value F1={r['value_F1']:.3f}  type F1={r['type_F1']:.3f}")
    for e in r["errors"][:n_errors]:
        print("   ", e)
    return r


def run_seed() -> None:
    if not (SEED_TEXT.exists() and SEED_GOLD.exists()):
        print("seed: gold absent, skipped")
        return
    raw = SEED_TEXT.read_text(encoding="utf-8")
    head, _, body = raw.lstrip().partition(" ")  # " date 2022-01-07 <body>"
    dct_s, _, body = body.partition(" ")
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["timexes"]
    found = tag(body, date.fromisoformat(dct_s))
    ok = 0
    pos = 0
    for g in gold:
        start = body.find(g["text"], pos)
        if start < 0:
            start = body.find(g["text"])
        end = start + len(g["text"])
        pos = max(pos, start)
        vals = g["value"] if isinstance(g["value"], list) else [g["value"]]
        hit = [t for t in found if t.start < end and start < t.end and t.value in vals]
        ok += bool(hit)
        if not hit:
            print("  seed miss:", g, [(t.text, t.value) for t in found if t.start < end and start < t.end])
    print(f"seed: {ok}/{len(gold)} gold timexes with an overlapping extent and a gold value")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--errors", type=int, default=0, help="print this many value errors per corpus")
    args = ap.parse_args()
    tml = load_tml()
    if tml is None:
        print(f"skipped: {TML_PATH} not found")
        return 0
    dirs = [Path(d) for d in args.dirs] or [GOLD / "TimeBank", GOLD / "AQUAINT"]
    all_gold: list[dict[str, Any]] = []
    for d in dirs:
        if d.exists():
            gold = [tml.parse_tml(f) for f in tml.iter_tml(str(d))]
            all_gold += gold
            run_docs(tml, d.name, gold, args.errors)
        else:
            print(f"{d}: absent, skipped")
    if len(dirs) > 1 and all_gold:
        run_docs(tml, "combined", all_gold, 0)
    run_seed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
