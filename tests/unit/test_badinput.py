"""Bad input, property-based: in every format the package reads, each bad document becomes exactly one
IngestError naming its file and place (line, row, id), in input order, and every good document around it
comes through unchanged; the coder takes any text the readers accept; whole CLI runs turn each bad
document into one stderr line and one `errors` row, go on, exit 1, and `--strict` stops at the first.

tests/unit/test_ingest.py has the single cases (truncated gzip, binary files, malformed CSV...); this
module mixes bad documents of every kind with adversarial good ones in every format.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsevents
from newsevents import pipeline
from newsevents.cli import main
from newsevents.ingest import read_paths
from newsevents.types import Document, IngestError, json_line

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "event.schema.json").read_text())
MAX_BYTES = 4000
TODAY = date.today()
FORMATS = ("txt", "jsonl", "jsonl.gz", "csv", "stdin")


def bounded(n: int) -> settings:
    """n examples, no deadline (the model parse is slow and the machine is shared)."""
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


# --------------------------------------------------------------------------------------- the bad kinds


@dataclass(frozen=True)
class Bad:
    """A kind of bad document: what replaces the good text or date, and what the error must say."""

    name: str
    reason: str  # a regular expression the error's reason must match
    text: str | None = None  # replaces the text
    date: str | None = None  # replaces the date
    latin1: bool = False  # the document's bytes are Latin-1, not UTF-8


HTML_PAGE = ("<!DOCTYPE html>\n<html lang=en><head><title>Talks</title></head>\n<body><nav>Home</nav>"
             "<p>France and Germany signed an agreement in Paris.</p></body></html>")
KINDS = [
    Bad("impossible date", r"impossible date '2022-02-30'", date="2022-02-30"),
    Bad("absurd date", r"impossible date '9999-99-99'", date="9999-99-99"),
    Bad("200 years ahead", r"out of range", date=(TODAY + timedelta(days=365 * 200)).isoformat()),
    Bad("before 1900", r"out of range", date="1850-06-01"),
    Bad("not ISO date", r"bad date", date="07/01/2022"),
    Bad("empty text", r"empty text", text=""),
    Bad("whitespace-only text", r"empty text", text=" \t\n \u3000\u2028 "),
    Bad("NUL in text", r"NUL|binary", text="Talks\x00 were held."),
    Bad("HTML page as text", r"HTML page", text=HTML_PAGE),
    Bad("text over --max-bytes", rf"over the limit of {MAX_BYTES} \(see --max-bytes\)",
        text="Paris " + "é" * MAX_BYTES),
    Bad("one huge token over --max-bytes", r"over the limit", text="x" * (MAX_BYTES + 1)),
    Bad("Latin-1 bytes", r"not UTF-8 text \(byte 0xe9", text="Le président a parlé à Paris.", latin1=True),
]

# Adversarial but acceptable text: control characters (not NUL), bidi and zero-width marks, combining
# accents, non-characters, astral code points, CR and other line breaks, long tokens.
ODD = ["\x01", "\x07", "\x1b", "\x7f", "\x85", "\u200b", "\u200d", "\u202e", "\u2066", "\ufeff", "\u0301",
       "\ufffe", "\uffff", "\U0001f1eb\U0001f1f7", "\U0010fffd", "\r", "\r\n", "\u2028", "\t", "\x0b", "\x0c",
       '"', "'", ",", "\\", "{", "}", "<p>", "&amp;", "date 2021-01-01"]
WORDS = ["France", "Germany", "signed", "an", "agreement", "in", "Paris", "on", "Monday.", "President",
         "Macron", "said", "the", "Japan", "held", "talks", "with", "China", "$5 billion", "last week",
         "attacked", "Kyiv.", "Foreign Minister", "Wang Yi", "met", "sanctions", "March 3,", "ceasefire"]
piece = st.sampled_from(WORDS) | st.sampled_from(ODD) | st.text(
    st.characters(codec="utf-8", exclude_characters="\x00"), max_size=6)
long_token = st.just("") | st.integers(200, 3000).map(lambda n: "y" * n)
good_text = st.tuples(st.lists(piece, min_size=1, max_size=25), long_token).map(
    lambda t: " ".join([*t[0], t[1]])).filter(lambda t: bool(t.strip()) and len(t.encode()) <= MAX_BYTES - 100)
good_date = st.dates(date(1900, 1, 1), TODAY)


@dataclass(frozen=True)
class Item:
    id: str
    date: str
    text: str
    bad: Bad | None = None


@st.composite
def items(draw: st.DrawFn, min_size: int = 1, max_size: int = 6) -> list[Item]:
    """Good and bad documents mixed, with unique ids and texts (so none is skipped as a repeat)."""
    out: list[Item] = []
    for i in range(draw(st.integers(min_size, max_size))):
        bad = draw(st.none() | st.sampled_from(KINDS))
        text, day = draw(good_text), draw(good_date).isoformat()
        if bad is None:
            out.append(Item(f"g{i}", day, f"Item {i}. {text}"))
        else:
            out.append(Item(f"b{i}", bad.date or day, f"Item {i}. {text}" if bad.text is None else bad.text, bad))
    return out


# ---------------------------------------------------------------------------------------- the writers


def _encode(line: str, item: Item) -> bytes:
    return line.encode("latin-1") if item.bad and item.bad.latin1 else line.encode("utf-8")


def write_input(fmt: str, folder: Path, docs: list[Item]) -> tuple[list[str], bytes | None]:
    """Write `docs` in format `fmt`; returns the CLI paths and, for "stdin", what to feed it."""
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "txt":  # one file per document, named so the folder's sorted order is the input order
        for n, it in enumerate(docs):
            (folder / f"{n:03d}.txt").write_bytes(_encode(f" date {it.date}\n{it.text}", it))
        return [str(folder)], None
    if fmt == "csv":
        data = b""
        for n, it in enumerate(docs):
            buf = io.StringIO()
            w = csv.writer(buf)  # RFC 4180: CRLF, and a cell with a CR or LF is quoted
            if n == 0:
                w.writerow(["id", "date", "text"])
            w.writerow([it.id, it.date, it.text])
            data += _encode(buf.getvalue(), it)
        (folder / "in.csv").write_bytes(data)
        return [str(folder / "in.csv")], None
    data = b"".join(_encode(json.dumps({"id": it.id, "date": it.date, "text": it.text}, ensure_ascii=False)
                            + "\n", it) for it in docs)
    if fmt == "stdin":
        return ["-"], data
    path = folder / ("in." + fmt)
    path.write_bytes(gzip.compress(data) if fmt == "jsonl.gz" else data)
    return [str(path)], None


def where(fmt: str, folder: Path, n: int, it: Item) -> tuple[str, str]:
    """The source and a regular expression for the locator an error about docs[n] must have."""
    if fmt == "txt":
        return str(folder / f"{n:03d}.txt"), r"None"
    ident = rf"(, id {re.escape(it.id)})?"
    if fmt == "csv":
        return str(folder / "in.csv"), rf"row {n + 2}{ident}"  # the header is row 1
    source = "<stdin>" if fmt == "stdin" else str(folder / ("in." + fmt))
    return source, rf"line {n + 1}{ident}"


def expected_text(fmt: str, text: str) -> str:
    return text.strip() if fmt == "txt" else text  # a .txt article is trimmed after its date line


def read_back(fmt: str, paths: list[str], stdin: bytes | None) -> list[Document | IngestError]:
    feed = io.TextIOWrapper(io.BytesIO(stdin)) if stdin is not None else None  # bytes, as the CLI reads
    return list(read_paths(paths, max_bytes=MAX_BYTES, stdin=feed))


def check_results(fmt: str, folder: Path, docs: list[Item], got: list[Document | IngestError]) -> None:
    assert len(got) == len(docs), got  # one result per document, in order
    for n, (it, x) in enumerate(zip(docs, got, strict=True)):
        if it.bad is None:
            assert isinstance(x, Document), (it, x)
            assert x.text == expected_text(fmt, it.text)
            assert x.published.isoformat() == it.date
            if fmt != "txt":
                assert x.id == it.id
        else:
            assert isinstance(x, IngestError), (it.bad.name, x)
            source, locator = where(fmt, folder, n, it)
            assert x.source == source
            assert re.fullmatch(locator, str(x.locator)), (x.locator, locator)
            assert re.search(it.bad.reason, x.reason), (it.bad.name, x.reason)
            assert str(x).startswith(source) and "\n" not in str(x)  # one line naming the document


# ------------------------------------------------------------------------------------------- readers


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("bad", KINDS, ids=[k.name for k in KINDS])
def test_each_kind_in_each_format_between_good_documents(tmp_path: Path, fmt: str, bad: Bad) -> None:
    before, after = Item("g0", "2021-06-01", "Japan and China held talks."), Item("g2", "2021-06-02", "Later.")
    it = Item("b1", bad.date or "2021-06-01", "Talks were held." if bad.text is None else bad.text, bad)
    docs = [before, it, after]
    paths, stdin = write_input(fmt, tmp_path / "in", docs)
    check_results(fmt, tmp_path / "in", docs, read_back(fmt, paths, stdin))


@bounded(200)
@given(fmt=st.sampled_from(FORMATS), docs=items())
def test_mixed_good_and_bad_documents_in_every_format(tmp_path_factory: pytest.TempPathFactory, fmt: str,
                                                      docs: list[Item]) -> None:
    folder = tmp_path_factory.mktemp("mixed")
    paths, stdin = write_input(fmt, folder, docs)
    check_results(fmt, folder, docs, read_back(fmt, paths, stdin))


@pytest.mark.parametrize(("row", "reason"), [
    ('b1,2021-06-01,"Talks" were held', r"not valid CSV \(',' expected after '\"'\)"),
    ("b1,2021-06-01,Talks\rwere held", r"carriage return \(CR\) inside a cell that is not quoted"),
    ("b1,2021-06-01,Talks,were,held", r"the row has 5 cells but the header has 3 columns"),
    ("b1,2021-06-01", r"no 'text' field"),
])
def test_malformed_csv_row_is_one_error_and_the_next_rows_are_read(tmp_path: Path, row: str, reason: str) -> None:
    p = tmp_path / "m.csv"
    p.write_text(f"id,date,text\ng0,2021-06-01,Before.\n{row}\ng2,2021-06-02,After.\n", encoding="utf-8",
                 newline="")
    got = list(read_paths([str(p)]))
    assert [type(x) for x in got] == [Document, IngestError, Document]
    e = got[1]
    assert isinstance(e, IngestError) and re.fullmatch(r"row 3(, id b1)?", str(e.locator))
    assert re.search(reason, e.reason), e.reason


def test_csv_quote_never_closed_is_one_error_not_merged_rows(tmp_path: Path) -> None:
    p = tmp_path / "q.csv"
    p.write_text('id,date,text\ng0,2021-06-01,Before.\nb1,2021-06-01,"Never closed\ng2,2021-06-02,After.\n',
                 encoding="utf-8")
    d, e = read_paths([str(p)])
    assert isinstance(d, Document) and d.text == "Before."
    assert isinstance(e, IngestError) and e.locator == "row 3" and "never closed" in e.reason


@bounded(60)
@given(text=good_text, bom=st.sampled_from(["utf-16", "utf-16-le", "utf-8-sig"]))
def test_utf16_and_bom_files_read_like_utf8(tmp_path_factory: pytest.TempPathFactory, text: str,
                                            bom: str) -> None:
    """UTF-16 with its byte-order mark, and UTF-8 with one, read like UTF-8; UTF-16 without a BOM is not
    guessed at: it is one error naming the file."""
    folder = tmp_path_factory.mktemp("enc")
    body = f" date 2021-01-01 {text}"
    (folder / "a.txt").write_text(body, encoding=bom)
    jsonl = json.dumps({"id": "u", "date": "2021-01-01", "text": text}, ensure_ascii=False) + "\n"
    (folder / "b.jsonl").write_text(jsonl, encoding=bom)
    got = list(read_paths([str(folder)], max_bytes=MAX_BYTES))
    if bom == "utf-16-le":  # no BOM: NUL bytes everywhere
        assert [type(x) for x in got] == [IngestError, IngestError]
        assert all(re.search("binary|not UTF-8", x.reason) for x in got if isinstance(x, IngestError))
    else:
        assert [x.text for x in got if isinstance(x, Document)] == [text.strip(), text]


# --------------------------------------------------------------------------------------------- coder


def check_coded(doc: Document, coded: pipeline.Coded) -> None:
    text = doc.text
    assert coded.document == doc
    for e in coded.events:
        rec = e.to_record()
        jsonschema.validate(rec, SCHEMA)
        assert rec["doc_id"] == doc.id
        assert 0 <= e.evidence.start <= e.evidence.end <= len(text)
    for t in coded.timexes:
        assert text[t.start:t.end] == t.text
    for m in coded.mentions:
        assert 0 <= m.start <= m.end <= len(text)


@bounded(50)
@given(texts=st.lists(good_text, min_size=1, max_size=4), day=good_date, in_pieces=st.booleans())
def test_coder_takes_any_text_the_readers_accept(monkeypatch: pytest.MonkeyPatch, texts: list[str], day: date,
                                                 in_pieces: bool) -> None:
    """Also with texts parsed in pieces, as the longest ones are (see pipeline.LONG_CHARS)."""
    monkeypatch.setattr(pipeline, "LONG_CHARS", 200 if in_pieces else 100_000)
    docs = [Document(f"d{i}", day, t) for i, t in enumerate(texts)]
    failed: list[tuple[Document, Exception]] = []
    coded = list(pipeline.code_documents(docs, on_error=lambda d, e: failed.append((d, e))))
    assert failed == []
    assert [c.document.id for c in coded] == [d.id for d in docs]
    for d, c in zip(docs, coded, strict=True):
        check_coded(d, c)


@pytest.mark.parametrize("bad", [k for k in KINDS if not k.latin1], ids=lambda k: k.name)
def test_python_api_rejects_what_ingest_rejects(bad: Bad) -> None:
    with pytest.raises(ValueError, match=bad.reason):
        newsevents.code("Talks were held." if bad.text is None else bad.text, bad.date or "2021-06-01",
                        max_bytes=MAX_BYTES)


def test_python_api_codes_huge_token_and_controls_within_limits() -> None:
    text = "France and Germany signed an agreement in Paris on Monday.\x07\u202e " + "z" * 3000
    events = newsevents.code(text, date(2023, 5, 10), max_bytes=MAX_BYTES)
    assert {e.plover_type for e in events} == {"AGREE"}


def _explode_on(marker: str) -> Callable[..., Any]:
    real = pipeline.code_parsed

    def code_parsed(parsed: Any, *args: Any) -> Any:
        if marker in parsed.document.text:
            raise RuntimeError("boom")
        return real(parsed, *args)

    return code_parsed


def test_a_coder_failure_is_reported_and_the_others_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "code_parsed", _explode_on("EXPLODE"))
    docs = [Document(f"d{i}", date(2022, 1, 7), t) for i, t in
            enumerate(["Japan held talks with China.", "EXPLODE here.", "France met Germany."])]
    failed: list[tuple[str, str]] = []
    coded = list(pipeline.code_documents(docs, on_error=lambda d, e: failed.append((d.id, str(e)))))
    assert [c.document.id for c in coded] == ["d0", "d2"]
    assert failed == [("d1", "boom")]
    with pytest.raises(RuntimeError, match="boom"):  # without on_error the caller sees the exception
        list(pipeline.code_documents(docs))


def test_a_failed_batch_parse_is_retried_one_document_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.parse_many

    def parse_many(docs: list[Document], **kw: Any) -> Any:
        if any("EXPLODE" in d.text for d in docs):
            raise ValueError("bad batch")
        return real(docs, **kw)

    monkeypatch.setattr(pipeline, "parse_many", parse_many)
    docs = [Document(f"d{i}", date(2022, 1, 7), t) for i, t in enumerate(["A.", "EXPLODE.", "B.", "C."])]
    failed: list[str] = []
    coded = list(pipeline.code_documents(docs, batch_size=3, on_error=lambda d, e: failed.append(d.id)))
    assert [c.document.id for c in coded] == ["d0", "d2", "d3"] and failed == ["d1"]


@bounded(40)
@given(text=st.text(st.sampled_from("ab .\n?!"), max_size=400), size=st.integers(4, 60))
def test_long_text_pieces_join_up_to_the_text(text: str, size: int) -> None:
    parts = pipeline.pieces(text, size)
    assert "".join(parts) == text
    assert all(0 < len(p) <= size for p in parts) or text == ""


def test_a_long_text_is_parsed_in_pieces_with_offsets_true(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "LONG_CHARS", 300)
    text = " ".join(f"Japan and China held talks in Beijing on Monday, round {i}.\n" for i in range(30))
    [coded] = pipeline.code_documents([Document("long", date(2022, 1, 7), text)])
    check_coded(coded.document, coded)
    monkeypatch.setattr(pipeline, "LONG_CHARS", 10**9)
    [whole] = pipeline.code_documents([Document("long", date(2022, 1, 7), text)])
    assert [e.to_record() for e in coded.events] == [e.to_record() for e in whole.events]


# ------------------------------------------------------------------------------------ whole CLI runs


def run_cli(args: list[str], stdin: str | bytes | None = None) -> Any:
    return CliRunner().invoke(main, args, input=stdin, catch_exceptions=False)


def db_rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def layout(docs: list[Item], fmts: list[str]) -> list[tuple[str, list[Item]]]:
    """Cut the documents into consecutive groups, one input file (or folder) of the given format each."""
    groups: list[tuple[str, list[Item]]] = []
    size = max(1, -(-len(docs) // len(fmts)))
    for k, fmt in enumerate(fmts):
        part = docs[k * size:(k + 1) * size]
        if part:
            groups.append((fmt, part))
    return groups


def write_run(tmp: Path, groups: list[tuple[str, list[Item]]]) -> tuple[list[str], list[tuple[str, str]]]:
    """The CLI paths, and the (source, locator regex) of each bad document in input order."""
    paths: list[str] = []
    bad: list[tuple[str, str]] = []
    for k, (fmt, docs) in enumerate(groups):
        folder = tmp / f"{k}-{fmt.replace('.', '')}"
        paths += write_input(fmt, folder, docs)[0]
        bad += [where(fmt, folder, n, it) for n, it in enumerate(docs) if it.bad]
    return paths, bad


def check_error_lines(lines: list[str], bad: list[tuple[str, str]]) -> None:
    assert len(lines) == len(bad), lines
    for line, (source, locator) in zip(lines, bad, strict=True):
        assert line.startswith(f"error: {source}"), (line, source)
        if locator != "None":
            assert re.match(rf"error: {re.escape(source)}:{locator}: ", line), (line, locator)


cli_formats = st.lists(st.sampled_from(["txt", "jsonl", "jsonl.gz", "csv"]), min_size=1, max_size=3)


@bounded(30)
@given(docs=items(min_size=1, max_size=8), fmts=cli_formats)
def test_ingest_run_one_error_row_and_line_per_bad_document(tmp_path_factory: pytest.TempPathFactory,
                                                            docs: list[Item], fmts: list[str]) -> None:
    tmp = tmp_path_factory.mktemp("run")
    groups = layout(docs, fmts)
    paths, bad = write_run(tmp, groups)
    db = tmp / "e.duckdb"
    args = ["ingest", *paths, "--db", str(db), "--quiet", "--max-bytes", str(MAX_BYTES)]
    r = run_cli(args)
    assert r.exit_code == (1 if bad else 0), r.stderr
    check_error_lines(error_lines(r.stderr), bad)
    assert len(db_rows(db, "SELECT * FROM errors")) == len(bad)
    stored = {row[0] for row in db_rows(db, "SELECT text FROM documents")}
    assert stored == {expected_text(fmt, it.text) for fmt, g in groups for it in g if it.bad is None}
    counts = db_rows(db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),"
                         " (SELECT count(*) FROM errors)")
    again = run_cli(args)  # a re-run reports the same errors and adds nothing
    assert again.exit_code == r.exit_code and len(error_lines(again.stderr)) == len(bad)
    assert db_rows(db, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events),"
                       " (SELECT count(*) FROM errors)") == counts


@bounded(30)
@given(docs=items(min_size=1, max_size=8), fmts=cli_formats, batch=st.integers(1, 4))
def test_strict_ingest_stops_at_the_first_bad_document(tmp_path_factory: pytest.TempPathFactory,
                                                       docs: list[Item], fmts: list[str], batch: int) -> None:
    tmp = tmp_path_factory.mktemp("strict")
    groups = layout(docs, fmts)
    paths, bad = write_run(tmp, groups)
    db = tmp / "s.duckdb"
    r = run_cli(["ingest", *paths, "--db", str(db), "--quiet", "--max-bytes", str(MAX_BYTES), "--strict",
                 "--batch-size", str(batch)])
    assert r.exit_code == (1 if bad else 0), r.stderr
    check_error_lines(error_lines(r.stderr), bad[:1])
    assert len(db_rows(db, "SELECT * FROM errors")) == min(1, len(bad))
    before_first_bad: list[str] = []
    for fmt, g in groups:
        for it in g:
            if it.bad:
                break
            before_first_bad.append(expected_text(fmt, it.text))
        else:
            continue
        break
    stored = {row[0] for row in db_rows(db, "SELECT text FROM documents")}
    assert stored == set(before_first_bad)  # all before it, whole; none after it
    orphans = db_rows(db, "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)")
    assert orphans == [(0,)]


@bounded(20)
@given(docs=items(min_size=1, max_size=5), strict=st.booleans())
def test_code_command_reports_each_bad_document(tmp_path_factory: pytest.TempPathFactory, docs: list[Item],
                                                strict: bool) -> None:
    tmp = tmp_path_factory.mktemp("code")
    paths, stdin = write_input("stdin", tmp, docs)
    bad = [where("stdin", tmp, n, it) for n, it in enumerate(docs) if it.bad]
    r = run_cli(["code", *paths, "--max-bytes", str(MAX_BYTES), *(["--strict"] if strict else [])], stdin)
    assert r.exit_code == (1 if bad else 0), r.stderr
    check_error_lines(error_lines(r.stderr), bad[:1] if strict else bad)
    printed = {json.loads(line)["doc_id"] for line in r.stdout.splitlines()}
    allowed = {it.id for it in docs if not it.bad}
    if strict and bad:
        allowed = {it.id for it in docs[: next(n for n, it in enumerate(docs) if it.bad)]}
    assert printed <= allowed


def test_jsonl_output_has_one_line_per_record_whatever_the_text_holds() -> None:
    # U+2028, U+2029 and U+0085 are legal raw inside a JSON string, but str.splitlines() and JavaScript
    # end a line there: the fuzz test above found a record split in two
    text = "Russia attacked Ukraine on Monday.\u2028It was\x85bad.\u2029"
    line = json_line({"text": text, "n": 1})
    assert line.splitlines() == [line] and json.loads(line) == {"text": text, "n": 1}
    doc = {"id": "d1", "date": "2022-03-02", "text": "Russia attacked\u2028 Ukraine\x85 on Monday.\u2029"}
    r = run_cli(["code", "-"], json.dumps(doc) + "\n")  # the evidence sentence holds the raw characters
    assert r.exit_code == 0, r.stderr
    events = [json.loads(x) for x in r.stdout.splitlines()]
    assert events and all(e["doc_id"] == "d1" and "\u2028" in e["evidence"]["sentence"] for e in events)


def test_cli_names_a_document_the_coder_fails_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "code_parsed", _explode_on("EXPLODE"))
    docs = [Item("a", "2022-01-07", "Japan held talks with China."), Item("x", "2022-01-07", "EXPLODE now."),
            Item("c", "2022-01-07", "France met Germany.")]
    paths, _ = write_input("jsonl", tmp_path / "in", docs)
    db = tmp_path / "c.duckdb"
    r = run_cli(["ingest", *paths, "--db", str(db), "--quiet"])
    assert r.exit_code == 1
    assert error_lines(r.stderr) == [f"error: {paths[0]}:id x: could not be coded (RuntimeError: boom)"]
    assert db_rows(db, "SELECT id FROM documents ORDER BY id") == [("a",), ("c",)]
    assert db_rows(db, "SELECT source, locator FROM errors") == [(paths[0], "id x")]
    strict_db = tmp_path / "s.duckdb"
    r = run_cli(["ingest", *paths, "--db", str(strict_db), "--quiet", "--strict", "--batch-size", "1"])
    assert r.exit_code == 1 and "stopped at the first error (--strict)" in r.stderr
    assert db_rows(strict_db, "SELECT id FROM documents") == [("a",)]


@pytest.mark.parametrize("command", ["code", "ingest"])
def test_max_bytes_must_be_positive_and_names_the_limit(tmp_path: Path, command: str) -> None:
    db = ["--db", str(tmp_path / "m.duckdb")] if command == "ingest" else []
    assert run_cli([command, "-", *db, "--max-bytes", "0"], "x").exit_code == 2
    text = " date 2021-01-01 " + "Talks were held. " * 20
    r = run_cli([command, "-", *db, "--max-bytes", "100"], text)
    assert r.exit_code == 1
    assert error_lines(r.stderr) == ["error: <stdin>: text is 339 bytes, over the limit of 100 (see --max-bytes)"]
