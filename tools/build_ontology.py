"""Regenerate the ontology tables under src/newsevents/data/ from the reference material.

    python tools/build_ontology.py [REFERENCE_DIR]   (default /work/shared/reference)

Writes plover.tsv, plover_contexts.tsv, sectors.tsv, cameo.tsv and quadclass.tsv. The reference files are
only read here; the package never needs them at run time. Every place where our tables deliberately
differ from the reference is listed below (and noted in the `note` column of cameo.tsv), so the
derivation can be reviewed and repeated.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "newsevents" / "data"
VERSION = "1"

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")

# Our choice of the most general CAMEO code for a PLOVER type without mode (see docs/ontology.md).
DEFAULT_CAMEO = {"AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060",
                 "AID": "070", "RETREAT": "084", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120",
                 "THREATEN": "130", "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150",
                 "COERCE": "170", "ASSAULT": "180"}
# Where the shortest-then-lowest code for a type and mode is a poor general choice, or no code has the mode.
MODE_DEFAULTS = {"ASSAULT": "targeted=186|aerial=195|drone=195", "COERCE": "restrict=172",
                 "PROTEST": "strike=143", "RETREAT": "withdraw=0874"}

# Root names: the manual's table "PLOVER equivalents to CAMEO cue categories".
# 01, 02 are dropped by PLOVER; 08 is split in CONCEDE and RETREAT and listed twice: the root follows 080.
ROOT_TYPES = {"01": "", "02": "", "08": "CONCEDE"}

# CAMEO 01 (make public statement) and 02 (appeal) are absent from CAMEO2PLOVER (PLOVER drops them);
# names from the CAMEO codebook (Schrodt 2012, v1.1b3). No PLOVER type.
CAMEO_01_02 = {
    "010": "Make statement, not specified below", "011": "Decline comment",
    "012": "Make pessimistic comment", "013": "Make optimistic comment", "014": "Consider policy option",
    "015": "Acknowledge or claim responsibility", "016": "Deny responsibility",
    "017": "Engage in symbolic act", "018": "Make empathetic comment", "019": "Express accord",
    "020": "Make an appeal or request, not specified below", "021": "Appeal for material cooperation",
    "0211": "Appeal for economic cooperation", "0212": "Appeal for military cooperation",
    "0213": "Appeal for judicial cooperation", "0214": "Appeal for intelligence",
    "022": "Appeal for diplomatic cooperation (such as policy support)", "023": "Appeal for aid",
    "0231": "Appeal for economic aid", "0232": "Appeal for military aid",
    "0233": "Appeal for humanitarian aid", "0234": "Appeal for military protection or peacekeeping",
    "024": "Appeal for political reform", "0241": "Appeal for change in leadership",
    "0242": "Appeal for policy change", "0243": "Appeal for rights",
    "0244": "Appeal for change in institutions, regime", "025": "Appeal to yield",
    "0251": "Appeal for easing of administrative sanctions", "0252": "Appeal for easing of popular dissent",
    "0253": "Appeal for release of persons or property",
    "0254": "Appeal for easing of economic sanctions, boycott, or embargo",
    "0255": "Appeal to allow international involvement (non-mediation)",
    "0256": "Appeal for de-escalation of military engagement", "026": "Appeal to others to meet or negotiate",
    "027": "Appeal to others to settle dispute", "028": "Appeal to engage in or accept mediation",
}

# Codes in cameo-goldstein.tsv that are not CAMEO codes (no name anywhere): left out.
NOT_CAMEO = {"0110", "0357", "109", "1641", "1642", "1643"}

NAME_FIXES = {"100": "Demand, not specified below", "055": "Apologize", "0813": "Ease curfew",
              "1444": "Obstruct passage to demand change in institutions, regime"}

# Modes in CAMEO2PLOVER that the manual does not list for the type -> a mode it lists ("" = none).
MODE_FIXES = {("RETREAT", "return"): "", ("RETREAT", "ease"): "", ("THREATEN", "ban"): "restrict",
              ("THREATEN", "political"): "restrict", ("COERCE", "ban"): "restrict",
              ("ASSAULT", "massacre"): "targeted", ("ASSAULT", "assassinate"): "targeted",
              ("ASSAULT", "cleansing"): "", ("ASSAULT", "seize"): "destroy"}
# Per-code mode corrections where the source contradicts the manual's mode definitions.
CODE_MODE_FIXES = {"105": "yield", "124": "yield", "1241": "yield", "1242": "yield"}
# A context written in the mode slot (175) and an old context name.
MODE_TO_CONTEXT = {"pro_autocracy"}
CONTEXT_FIXES = {"democracy": "pro_democracy"}
# Contexts CAMEO2PLOVER uses that the manual's table lacks: kept as our own additions.
EXTRA_CONTEXTS = [("humanitarian", "humanitarian aid, relief and access (used by CAMEO2PLOVER-2021; "
                   "not in the manual's table of general contexts)")]


def detex(s: str) -> str:
    s = re.sub(r"\\(?:plcat|plcon|plmod|ti|txt|textit|textbf|emph|textsf|texttt)\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\hyperref\[[^]]*\]\{([^{}]*)\}", r"\1", s)
    s = re.sub(r"\\(?:auto)?ref\{[^{}]*\}", "", s)
    s = re.sub(r"\s*\(see (?:\\autoref\{[^}]*\} and )?Note \d\)", "", s)
    s = re.sub(r"\s*\(see\s*(?:and\s*)?Note \d\)", "", s)
    s = s.replace("``", '"').replace("''", '"').replace("---", " - ").replace("\\_", "_")
    s = s.replace("\\ldots", "...").replace("\\$", "$").replace("\\\\", "").replace("~", " ")
    s = re.sub(r"\s+", " ", s)
    return s.strip().rstrip(".").strip()


def tsv(name: str, source: str, header: list[str], rows: list[list[str]], notes: str = "") -> None:
    lines = [f"# version: {VERSION}", f"# source: {source}"]
    lines += [f"# {n}" for n in notes.splitlines() if n]
    lines.append("\t".join(header))
    for r in rows:
        assert all("\t" not in c and "\n" not in c for c in r), r
        lines.append("\t".join(r))
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT / name}: {len(rows)} rows")


def parse_manual(tex: str) -> tuple[dict[str, tuple[str, list[str]]], list[tuple[str, str]],
                                      list[tuple[str, str]]]:
    types: dict[str, tuple[str, list[str]]] = {}
    for t in PLOVER_TYPES:
        m = re.search(r"\\section\{" + t + r"\}(.*?)(?=\\section\{|\\chapter\{)", tex, re.S)
        assert m, t
        body = re.sub(r"(?m)^%.*$", "", m.group(1))
        first = re.split(r"\\subsection", body)[0]
        items = re.findall(r"\\item\s+(.*)", first)
        if items:
            desc = "; ".join(detex(i) for i in items)
        else:
            desc = detex(re.split(r"\n\s*\n", first.strip())[0])
            desc = re.sub(r"\s*See the discussion in Section.*$", "", desc).rstrip(".")
        modes: list[str] = []
        tab = re.search(r"\\caption\{[^\n]*modes?[^\n]*\}(.*?)\\end\{tabular\}", body, re.S)
        if tab:
            for line in tab.group(1).splitlines():
                line = line.strip()
                if "&" in line and not line.startswith(("%", "Name")):
                    name = line.split("&")[0].strip()
                    if name:
                        modes.append(name)
        types[t] = (desc, modes)
    ctx_block = tex.split(r"\label{tab:general-contexts}")[1].split(r"\end{longtable}")[0]
    contexts = []
    for line in ctx_block.splitlines():
        m = re.match(r"\s*(?:\\hyperref\[[^]]*\]\{([^}]*)\}|([a-z_\\]+))\s*&\s*(.*?)\s*\\\\\s*$", line)
        if m:
            contexts.append((detex(m.group(1) or m.group(2)), detex(m.group(3))))
    sec_block = tex.split(r"\label{tab:roles}")[1].split(r"\end{longtable}")[0]
    sectors = []
    for line in sec_block.splitlines():
        m = re.match(r"\s*([A-Z]{3})\s*&\s*(.*?)\s*\\\\\s*$", line)
        if m:
            sectors.append((m.group(1), detex(m.group(2))))
    return types, contexts, sectors


def parse_root_names(tex: str) -> dict[str, str]:
    block = tex.split(r"\caption{PLOVER equivalents to CAMEO cue categories}")[1].split(r"\end{tabular}")[0]
    names: dict[str, str] = {}
    for m in re.finditer(r"(?m)^(\d\d)\s*&\s*([^&]+?)\s*&", block):
        names[m.group(1)] = re.sub(r"\s*\(.*\)", "", m.group(2)).strip()
    return names


def main(ref: Path) -> None:
    tex = (ref / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    types, contexts, sectors = parse_manual(tex)
    all_contexts = ([(c, d, "manual") for c, d in contexts]
                    + [(c, d, "CAMEO2PLOVER") for c, d in EXTRA_CONTEXTS])
    context_names = {c for c, _, _ in all_contexts}
    tsv("plover.tsv", "PLOVER manual (Open Event Data Alliance, CC BY-SA 4.0), event category sections",
        ["type", "description", "modes", "default_cameo", "mode_cameo"],
        [[t, d, "|".join(m), DEFAULT_CAMEO[t], MODE_DEFAULTS.get(t, "")] for t, (d, m) in types.items()],
        "default_cameo: our choice of the CAMEO code for the type when no mode is known\n"
        "mode_cameo: mode=code choices overriding the rule "
        "'shortest, then lowest code with that type and mode'")
    tsv("plover_contexts.tsv",
        "PLOVER manual (CC BY-SA 4.0), table 'General contexts'; CAMEO2PLOVER-2021.txt",
        ["context", "description", "origin"], [list(c) for c in all_contexts])
    tsv("sectors.tsv", "PLOVER manual (CC BY-SA 4.0), table 'Sector Codes'",
        ["code", "description"], [list(s) for s in sectors])

    gold: dict[str, float] = {}
    for line in (ref / "cameo-goldstein.tsv").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if line.startswith("#") or cells[0] == "code":
            continue
        gold[cells[0]] = float(cells[1])

    root_names = parse_root_names(tex)
    rows: dict[str, dict[str, str]] = {}
    for line in (ref / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith(("#", "~")):
            continue
        m = re.match(r"(\d{2}):\s*([A-Z]+)\s*$", line)
        if m:
            root_type = ROOT_TYPES.get(m.group(1), m.group(2))
            empty = {"mode": "", "context": "", "name": "", "note": ""}
            rows.setdefault(m.group(1), {"type": root_type, **empty})
            continue
        m = re.match(r"(\d{3,4}):\s*([^#]*?)\s*#\s*(.*)$", line)
        assert m, line
        code, mapping, name = m.groups()
        ptype, mode, ctx = ([x.strip() for x in mapping.split(",")] + ["", ""])[:3]
        notes = []
        if mode in MODE_TO_CONTEXT:
            notes.append(f"source mode {mode!r} is a context")
            ctx, mode = f"{mode}; {ctx}", ""
        if (ptype, mode) in MODE_FIXES:
            notes.append(f"source mode {mode!r} is not among the manual's {ptype} modes")
            mode = MODE_FIXES[(ptype, mode)]
        if code in CODE_MODE_FIXES:
            notes.append(f"source mode {mode!r} contradicts the manual's mode definitions")
            mode = CODE_MODE_FIXES[code]
        ctxs = []
        for c in (x.strip() for x in ctx.split(";")):
            if c in CONTEXT_FIXES:
                notes.append(f"source context {c!r} renamed")
                c = CONTEXT_FIXES[c]
            if c:
                assert c in context_names, (code, c)
                ctxs.append(c)
        if mode:
            assert mode in types[ptype][1], (code, ptype, mode)
        if code in rows and code != "175":  # 175 is listed twice in the source, identically
            raise SystemExit(f"duplicate {code}")
        rows[code] = {"type": ptype, "mode": mode, "context": "|".join(ctxs),
                      "name": NAME_FIXES.get(code, name.strip()), "note": "; ".join(notes)}
    for code, name in CAMEO_01_02.items():
        rows[code] = {"type": "", "mode": "", "context": "", "name": name,
                      "note": "no PLOVER type (dropped by the manual); name from the CAMEO codebook"}
    for root in ("01", "02"):
        rows[root] = {"type": "", "mode": "", "context": "", "name": "",
                      "note": "no PLOVER type (dropped by the manual)"}
    for root, name in root_names.items():
        rows[root]["name"] = name
    for code in gold:
        assert code in rows or code in NOT_CAMEO, f"goldstein code {code} unknown"

    out = []
    for code in sorted(rows):
        r = rows[code]
        src = next(c for c in (code, code[:3], code[:2]) if c in gold)
        out.append([code, code[:2], r["name"], f"{gold[src]:.1f}", "" if src == code else src,
                    r["type"], r["mode"], r["context"], r["note"]])
    tsv("cameo.tsv",
        "CAMEO2PLOVER-2021.txt (OEDA, CC BY-SA 4.0) for names and PLOVER mappings; cameo-goldstein.tsv "
        "(phoenix_pipeline, MIT) for Goldstein scores; CAMEO codebook v1.1b3 for roots 01, 02",
        ["code", "root", "name", "goldstein", "goldstein_from", "plover_type", "plover_mode",
         "plover_context", "note"], out,
        "goldstein_from: the parent code whose score is used when the code has none of its own\n"
        "plover_type empty: no PLOVER equivalent (the manual drops CAMEO 01 and 02)\n"
        "plover_context: pipe-separated")

    labels = {0: "neutral", 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
    gdelt = {**dict.fromkeys(range(1, 6), 1), **dict.fromkeys(range(6, 10), 2),
             **dict.fromkeys(range(10, 15), 3), **dict.fromkeys(range(15, 21), 4)}
    icews = {1: 0, 2: 0, **dict.fromkeys(range(3, 6), 1), **dict.fromkeys(range(6, 9), 2),
             **dict.fromkeys((9, 10, 11, 12, 13, 16), 3), **dict.fromkeys((14, 15, 17, 18, 19, 20), 4)}
    qrows = [[variant, f"{root:02d}", str(q), labels[q]]
             for variant, table in (("gdelt", gdelt), ("icews", icews)) for root, q in sorted(table.items())]
    tsv("quadclass.tsv", "GDELT 2.0 event codebook (gdelt); ICEWS/Phoenix convention (icews)",
        ["variant", "root", "quad_class", "label"], qrows)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/work/shared/reference"))
