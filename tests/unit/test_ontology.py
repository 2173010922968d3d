from __future__ import annotations

from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import pytest

from newsevents import ontology
from newsevents.datafiles import DATA_ENV, DataFileError
from newsevents.types import Cameo

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    ontology.clear_caches()
    yield
    ontology.clear_caches()


def test_plover_types() -> None:
    types = ontology.plover_types()
    assert set(types) == PLOVER
    assert types["CONSULT"].modes == ("visit", "third-party", "multilateral", "phone")
    assert "investigate" in types["ACCUSE"].modes
    assert types["AGREE"].modes == ()
    assert all(t.description for t in types.values())


def test_contexts_and_sectors() -> None:
    ctx = ontology.plover_contexts()
    assert {"military", "economic", "diplomatic", "pro_democracy", "cbrn"} <= ctx
    sec = ontology.sectors()
    assert {"GOV", "MIL", "REB", "COP", "JUD", "LEG", "CVL", "UNK"} <= set(sec)
    assert len(sec) == 25
    assert "Military" in sec["MIL"]


def test_all_roots_present() -> None:
    codes = ontology.cameo_codes()
    roots = {c.root for c in codes.values()}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    for root in roots:
        assert ontology.cameo_code(root).code == root
    assert all(len(c) in (2, 3, 4) and c.isdigit() for c in codes)
    assert len(codes) > 300


@pytest.mark.parametrize(("code", "goldstein"), [
    ("040", 1.0), ("042", 1.9), ("057", 8.0), ("0874", 10.0), ("112", -2.0), ("173", -5.0),
    ("190", -10.0), ("145", -7.5),
    ("0313", 5.2),  # no score of its own: inherited from 031
    ("1011", -5.0),  # inherited from 101
])
def test_goldstein(code: str, goldstein: float) -> None:
    assert ontology.cameo_code(code).goldstein == goldstein


@pytest.mark.parametrize(("code", "ptype", "mode"), [
    ("04", "CONSULT", None), ("040", "CONSULT", None), ("042", "CONSULT", "visit"),
    ("08", "CONCEDE", None), ("084", "RETREAT", None), ("0841", "RETREAT", "release"),
    ("16", "SANCTION", None), ("163", "COERCE", "restrict"),  # child differs from its root
    ("191", "COERCE", "restrict"), ("1712", "ASSAULT", "destroy"), ("20", "ASSAULT", None),
    ("112", "ACCUSE", "disapprove"), ("173", "COERCE", "arrest"),
])
def test_plover_mapping(code: str, ptype: str, mode: str | None) -> None:
    c = ontology.cameo_code(code)
    assert (c.plover_type, c.plover_mode) == (ptype, mode)


def test_context_mapping() -> None:
    assert ontology.cameo_code("094").plover_context == ("military", "legal")
    assert ontology.cameo_code("040").plover_context == ()


def test_every_code_maps_to_a_known_plover_type() -> None:
    types = ontology.plover_types()
    for c in ontology.cameo_codes().values():
        if c.root in ("01", "02"):  # dropped by PLOVER (manual, "CAMEO to PLOVER translation")
            assert c.plover_type == "", c
            continue
        assert c.plover_type in types, c
        assert c.plover_mode is None or c.plover_mode in types[c.plover_type].modes, c
        assert set(c.plover_context) <= ontology.plover_contexts(), c


@pytest.mark.parametrize(("code", "gdelt", "icews"), [
    ("010", 1, 0), ("020", 1, 0), ("040", 1, 1), ("057", 1, 1), ("070", 2, 2), ("0874", 2, 2),
    ("090", 2, 3), ("112", 3, 3), ("141", 3, 4), ("150", 4, 4), ("160", 4, 3), ("173", 4, 4), ("20", 4, 4),
])
def test_quad_class(code: str, gdelt: int, icews: int) -> None:
    assert ontology.quad_class(code) == gdelt
    assert ontology.quad_class(code, "gdelt") == gdelt
    assert ontology.quad_class(code, "icews") == icews


def test_to_cameo() -> None:
    assert ontology.to_cameo("0874") == Cameo(code="0874", root="08", goldstein=10.0, quad_class=2)
    assert ontology.to_cameo("090", "icews") == Cameo(code="090", root="09", goldstein=-2.0, quad_class=3)


def test_unknown_inputs() -> None:
    with pytest.raises(KeyError, match="unknown CAMEO code '999'"):
        ontology.cameo_code("999")
    with pytest.raises(KeyError, match="unknown CAMEO code '40'"):
        ontology.quad_class("40")
    with pytest.raises(ValueError, match="unknown QuadClass variant 'phoenix'"):
        ontology.quad_class("040", "phoenix")


def test_default_cameo_for() -> None:
    assert ontology.default_cameo_for("CONSULT") == "040"
    assert ontology.default_cameo_for("CONSULT", "visit") == "042"
    assert ontology.default_cameo_for("ACCUSE") == "112"
    assert ontology.default_cameo_for("ACCUSE", "investigate") == "090"
    assert ontology.default_cameo_for("ASSAULT", "targeted") == "186"  # mode_cameo override
    assert ontology.default_cameo_for("COERCE", "cyber") == "170"  # no CAMEO code: type default
    for name, t in ontology.plover_types().items():
        assert ontology.cameo_code(ontology.default_cameo_for(name)).plover_type == name
        for mode in t.modes:
            assert ontology.cameo_code(ontology.default_cameo_for(name, mode)).plover_type == name
    with pytest.raises(KeyError, match="unknown PLOVER type 'FIGHT'"):
        ontology.default_cameo_for("FIGHT")
    with pytest.raises(KeyError, match="'visit' is not a ASSAULT mode"):
        ontology.default_cameo_for("ASSAULT", "visit")


def test_validate_all_packaged() -> None:
    ontology.validate_all()


# --- broken tables --------------------------------------------------------------------------------


def _packaged(name: str) -> list[str]:
    return (resources.files("newsevents") / "data" / name).read_text(encoding="utf-8").splitlines()


def _set_cell(col: int, value: str) -> Callable[[str], str]:
    def edit(line: str) -> str:
        cells = line.split("\t")
        cells[col] = value
        return "\t".join(cells)
    return edit


CAMEO_COLS = ["code", "root", "name", "goldstein", "goldstein_from", "plover_type", "plover_mode",
              "plover_context", "note"]


def _c(col: str) -> int:
    return CAMEO_COLS.index(col)


@pytest.mark.parametrize(("name", "prefix", "edit", "message"), [
    ("cameo.tsv", "042\t", _set_cell(_c("plover_type"), "CONSOLT"), "unknown PLOVER type 'CONSOLT'"),
    ("cameo.tsv", "094\t", _set_cell(_c("plover_context"), "military|warfare"), "unknown PLOVER context"),
    ("cameo.tsv", "042\t", _set_cell(_c("plover_mode"), "phone-in"), "not a CONSULT mode"),
    ("cameo.tsv", "0874\t", _set_cell(_c("goldstein"), "12"), "outside [-10.0, 10.0]"),
    ("cameo.tsv", "0874\t", _set_cell(_c("goldstein"), "ten"), "is not a number"),
    ("cameo.tsv", "0874\t", _set_cell(_c("root"), "07"), "not the first two digits"),
    ("cameo.tsv", "0874\t", _set_cell(_c("code"), "08a4"), "must be 2 to 4 digits"),
    ("cameo.tsv", "0874\t", _set_cell(_c("code"), "08744"), "must be 2 to 4 digits"),
    ("cameo.tsv", "0874\t", lambda line: line + "\n" + line, "duplicate key '0874'"),
    ("plover.tsv", "ACCUSE\t", _set_cell(3, "040"), "default_cameo '040' is not a cameo.tsv code mapped"),
    ("quadclass.tsv", "icews\t01\t", _set_cell(2, "5"), "quad_class '5' is not 0..4"),
    ("quadclass.tsv", "icews\t01\t", _set_cell(1, "21"), "not one of 01..20"),
])
def test_broken_table_names_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                          prefix: str, edit: Callable[[str], str], message: str) -> None:
    lines = _packaged(name)
    idx = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    lines[idx] = edit(lines[idx])
    line_no = idx + 1 + (1 if "\n" in lines[idx] else 0)  # a duplicate is reported at its second line
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    ontology.clear_caches()
    with pytest.raises(DataFileError) as err:
        ontology.validate_all()
    assert f"{tmp_path / name}:{line_no}: " in str(err.value)
    assert message in str(err.value)
    assert err.value.line == line_no


def test_quadclass_variant_missing_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [line for line in _packaged("quadclass.tsv") if not line.startswith("icews\t16\t")]
    first_icews = next(i for i, line in enumerate(lines) if line.startswith("icews\t")) + 1
    (tmp_path / "quadclass.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    ontology.clear_caches()
    expected = rf"quadclass.tsv:{first_icews}: variant 'icews' lacks root\(s\) 16"
    with pytest.raises(DataFileError, match=expected):
        ontology.quad_class("160", "icews")


def test_missing_root_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [line for line in _packaged("cameo.tsv") if not line.startswith("15")]
    (tmp_path / "cameo.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    ontology.clear_caches()
    with pytest.raises(DataFileError, match=r"cameo.tsv: root code\(s\) 15 missing"):
        ontology.cameo_code("040")
