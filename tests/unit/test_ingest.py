"""Reading documents: every format, ids, and one IngestError per bad input with the good ones kept."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.ingest import documents_from_records, parse_date, read_paths
from newsevents.types import Document, IngestError, content_hash

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
D = date(2022, 1, 7)


def read(*paths: str | Path, **kw: object) -> list[Document | IngestError]:
    return list(read_paths([str(p) for p in paths], **kw))  # type: ignore[arg-type]


def docs(items: list[Document | IngestError]) -> list[Document]:
    return [x for x in items if isinstance(x, Document)]


def errors(items: list[Document | IngestError]) -> list[IngestError]:
    return [x for x in items if isinstance(x, IngestError)]


def jsonl(path: Path, *records: object, raw: list[str] | None = None) -> Path:
    lines = [json.dumps(r) for r in records] + (raw or [])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good(i: int, **over: object) -> dict[str, object]:
    rec: dict[str, object] = {"id": f"g{i}", "date": "2021-06-0" + str(i), "text": f"Good article {i}."}
    rec.update(over)
    return rec


# ---------------------------------------------------------------------------------------------- formats


def test_example_format_txt() -> None:
    [d] = read(FIXTURES / "example.txt")
    assert isinstance(d, Document)
    assert d.published == D
    assert d.text == "Japan and the United States agreed on Friday to deepen defense ties."
    assert d.id == content_hash(d.text)
    assert d.title is None and d.url is None and d.source is None


def test_example_format_keeps_internal_whitespace(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("\n  date 2021-03-04\t First  line.\n\n\tSecond line.\n", encoding="utf-8")
    [d] = read(p)
    assert isinstance(d, Document)
    assert d.published == date(2021, 3, 4)
    assert d.text == "First  line.\n\n\tSecond line."


def test_plain_txt_needs_date() -> None:
    [e] = read(FIXTURES / "plain.txt")
    assert isinstance(e, IngestError)
    assert e.source.endswith("plain.txt")
    assert "no date" in e.reason and "--date" in e.reason
    [d] = read(FIXTURES / "plain.txt", date=D)
    assert isinstance(d, Document)
    assert d.published == D
    assert d.text == "The minister  met his counterpart in Rome.\n\nThey discussed trade."


def test_header_date_wins_over_the_date_argument() -> None:
    [d] = read(FIXTURES / "example.txt", date=date(2020, 1, 1))
    assert isinstance(d, Document) and d.published == D


def test_jsonl_fields_and_ids() -> None:
    items = read(FIXTURES / "records.jsonl")
    assert errors(items) == []
    a, b, c = docs(items)
    assert (a.id, a.published, a.title, a.url) == ("a1", date(2021, 6, 4), "Call with Oman", "https://example.org/a1")
    assert b.id == "42"  # a numeric id becomes a string
    assert c.id == content_hash(c.text)  # no id: the hash of the text
    assert c.source == "Wire"


def test_jsonl_gz_is_read_like_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl.gz"
    p.write_bytes(gzip.compress((FIXTURES / "records.jsonl").read_bytes()))
    assert read(p) == read(FIXTURES / "records.jsonl")


def test_csv_reads_rows_with_quoted_commas() -> None:
    items = read(FIXTURES / "records.csv")
    assert errors(items) == []
    a, b = docs(items)
    assert a.id == "c1" and a.text == "Leaders met in Geneva, and talked." and a.title == "Talks"
    assert b.published == date(2022, 3, 2) and b.title is None


def test_csv_with_bom_and_no_id_and_date_argument(tmp_path: Path) -> None:
    p = tmp_path / "x.csv"
    p.write_bytes("\ufefftext,Title\nOne article.\n".encode())
    [d] = read(p, date=D)
    assert isinstance(d, Document)
    assert d.id == content_hash("One article.") and d.published == D and d.title is None


def test_directory_is_recursive_sorted_and_skips_hidden_and_unknown() -> None:
    items = read(FIXTURES / "nested")
    assert errors(items) == []
    assert [d.text for d in docs(items)] == ["A deeply nested record.",
                                             "A nested article in the example format."]
    assert read(FIXTURES / "nested") == items  # deterministic


def test_stdin_text_and_jsonl() -> None:
    [d] = read("-", stdin=io.StringIO(" date 2022-01-07 From stdin."))
    assert isinstance(d, Document) and d.text == "From stdin." and d.published == D
    [d] = read("-", stdin=io.StringIO("Plain text."), date=D)
    assert isinstance(d, Document) and d.text == "Plain text."
    [e] = read("-", stdin=io.StringIO("Plain text."))
    assert isinstance(e, IngestError) and e.source == "<stdin>" and "no date" in e.reason
    lines = "\n  \n" + json.dumps(good(1)) + "\nnot json\n" + json.dumps(good(2)) + "\n"
    items = read("-", stdin=io.StringIO(lines))
    assert [d.id for d in docs(items)] == ["g1", "g2"]
    [e] = errors(items)
    assert (e.source, e.locator) == ("<stdin>", "line 4")


def test_stdin_jsonl_whose_only_records_are_in_the_wrong_encoding() -> None:
    # found by hypothesis: with no readable line, a stream of records is still JSONL, one error a line
    raw = (json.dumps(good(1), ensure_ascii=False).replace("Good", "Caf\u00e9") + "\n").encode("latin-1")
    items = read("-", stdin=io.TextIOWrapper(io.BytesIO(raw * 2)))
    assert [(e.source, e.locator) for e in errors(items)] == [("<stdin>", "line 1"), ("<stdin>", "line 2")]
    assert len(items) == 2
    [e] = read("-", stdin=io.TextIOWrapper(io.BytesIO("Caf\u00e9 au lait.\n".encode("latin-1"))), date=D)
    assert isinstance(e, IngestError) and e.locator is None and "not UTF-8" in e.reason


def test_input_order_is_kept_across_paths() -> None:
    items = read(FIXTURES / "example.txt", FIXTURES / "records.csv", FIXTURES / "plain.txt")
    assert [type(x).__name__ for x in items] == ["Document", "Document", "Document", "IngestError"]


def test_documents_from_records_api() -> None:
    items = list(documents_from_records([good(1), {"text": "no date"}, good(2, id=None)], "api", date=None))
    assert isinstance(items[0], Document) and items[0].id == "g1"
    assert isinstance(items[1], IngestError) and items[1].locator == "record 2" and items[1].source == "api"
    assert isinstance(items[2], Document) and items[2].id == content_hash("Good article 2.")


# ----------------------------------------------------------------------------------------------- errors


def assert_one_error(items: list[Document | IngestError], source: str, locator: str | None,
                     reason: str, n_docs: int) -> IngestError:
    errs = errors(items)
    assert len(errs) == 1, errs
    e = errs[0]
    assert e.source == source
    assert e.locator == locator
    assert reason in e.reason, e.reason
    assert len(docs(items)) == n_docs
    assert str(e).startswith(source)
    return e


def test_binary_file_between_good_files(tmp_path: Path) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(2000)) + b"\x00\x00"
    (tmp_path / "b.txt").write_bytes(data)
    (tmp_path / "a.txt").write_text(" date 2021-01-01 Before.", encoding="utf-8")
    (tmp_path / "c.txt").write_text(" date 2021-01-01 After.", encoding="utf-8")
    items = read(tmp_path)
    assert_one_error(items, str(tmp_path / "b.txt"), None, "binary file", 2)
    assert isinstance(items[1], IngestError)


@pytest.mark.parametrize("ext", [".jsonl", ".csv"])
def test_binary_jsonl_or_csv_gives_one_error(tmp_path: Path, ext: str) -> None:
    rng = random.Random(3)
    p = tmp_path / ("b" + ext)
    p.write_bytes(b"\n".join(bytes(rng.randrange(256) for _ in range(50)) + b"\x00" for _ in range(20)))
    assert_one_error(read(p, FIXTURES / "records.jsonl"), str(p), ext == ".jsonl" and "line 1" or "row 1",
                     "binary file", 3)


def test_jsonl_line_not_json(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "r.jsonl", good(1),
              raw=['{"id": "x", "date": "2021-01-01", "text": "oops"', "[1, 2]"])
    items = read(p)
    errs = errors(items)
    assert [(e.locator, e.reason.split(" (")[0]) for e in errs] == [
        ("line 2", "not JSON"), ("line 3", "not a JSON object but a list")]
    assert len(docs(items)) == 1


@pytest.mark.parametrize(("bad", "reason"), [
    ("2022-02-30", "impossible date '2022-02-30'"),
    ("9999-99-99", "impossible date '9999-99-99'"),
    ((date.today() + timedelta(days=365 * 200)).isoformat(), "out of range"),
    ("1850-01-01", "out of range"),
    ("2022/01/07", "bad date"),
    ("7 January 2022", "bad date"),
])
def test_bad_dates_in_jsonl(tmp_path: Path, bad: str, reason: str) -> None:
    p = jsonl(tmp_path / "r.jsonl", good(1), good(2, id="bad", date=bad), good(3))
    assert_one_error(read(p), str(p), "line 2, id bad", reason, 2)


def test_bad_date_in_txt_header(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(" date 2022-02-30 Text.", encoding="utf-8")
    assert_one_error(read(p, date=D), str(p), None, "impossible date '2022-02-30'", 0)


def test_date_two_days_ahead_is_accepted_three_is_not() -> None:
    today = date.today()
    assert parse_date((today + timedelta(days=2)).isoformat()) == today + timedelta(days=2)
    with pytest.raises(ValueError, match="out of range"):
        parse_date((today + timedelta(days=3)).isoformat())


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_and_whitespace_text(tmp_path: Path, text: str) -> None:
    p = jsonl(tmp_path / "r.jsonl", good(1), good(2, id="e", text=text), good(3))
    assert_one_error(read(p), str(p), "line 2, id e", "empty text", 2)
    t = tmp_path / "e.txt"
    t.write_text(" date 2021-01-01 " + text, encoding="utf-8")
    assert_one_error(read(t), str(t), None, "empty text", 0)


def test_missing_text_and_missing_date(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "r.jsonl", {"id": "t", "date": "2021-01-01"}, {"id": "d", "text": "No date."})
    e1, e2 = read(p)
    assert isinstance(e1, IngestError) and "no 'text' field" in e1.reason and e1.locator == "line 1, id t"
    assert isinstance(e2, IngestError) and "no date" in e2.reason
    _, d = read(p, date=D)
    assert isinstance(d, Document) and d.published == D


def test_latin1_file(tmp_path: Path) -> None:
    p = tmp_path / "l.txt"
    p.write_bytes(" date 2021-01-01 Le président a parlé.".encode("latin-1"))
    e = assert_one_error(read(p), str(p), None, "not UTF-8 text (byte 0xe9 at offset", 0)
    assert "offset 22" in e.reason  # " date 2021-01-01 Le pr" is 22 bytes


def test_latin1_line_in_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "r.jsonl"
    latin1 = json.dumps(good(2, text="Café"), ensure_ascii=False).encode("latin-1")
    lines = [json.dumps(good(1)).encode(), latin1, json.dumps(good(3)).encode()]
    p.write_bytes(b"\n".join(lines))
    assert_one_error(read(p), str(p), "line 2", "not UTF-8 text (byte 0xe9", 2)


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "u.txt"
    p.write_bytes(" date 2021-01-01 Président Zelensky spoke.".encode("utf-16"))
    [d] = read(p)
    assert isinstance(d, Document) and d.text == "Président Zelensky spoke."
    j = tmp_path / "u.jsonl"
    j.write_bytes((json.dumps(good(1)) + "\n" + json.dumps(good(2)) + "\n").encode("utf-16"))
    assert [x.id for x in docs(read(j))] == ["g1", "g2"]


def test_truncated_gzip(tmp_path: Path) -> None:
    p = tmp_path / "t.jsonl.gz"
    body = "".join(json.dumps(good(i % 9 + 1, id=f"r{i}", text=f"Article {i} " + "x" * i)) + "\n"
                   for i in range(400))
    full = gzip.compress(body.encode())
    p.write_bytes(full[: len(full) // 2])
    items = read(p)
    e = items[-1]
    assert isinstance(e, IngestError) and e.source == str(p)
    assert "truncated" in e.reason
    n = len(docs(items))
    assert 0 < n < 400 and len(errors(items)) == 1
    assert e.locator == f"line {n + 1}"


def test_not_gzip(tmp_path: Path) -> None:
    p = tmp_path / "n.jsonl.gz"
    p.write_text(json.dumps(good(1)) + "\n", encoding="utf-8")
    assert_one_error(read(p), str(p), "line 1", "not a gzip file", 0)


def test_text_over_max_bytes(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "r.jsonl", good(1), good(2, id="big", text="é" * 600), good(3))
    assert_one_error(read(p, max_bytes=1000), str(p), "line 2, id big",
                     "text is 1200 bytes, over the limit of 1000 (see --max-bytes)", 2)
    t = tmp_path / "big.txt"
    t.write_text(" date 2021-01-01 " + "word " * 10_000, encoding="utf-8")
    assert_one_error(read(t, max_bytes=1000), str(t), None, "over the limit of 1000", 0)
    assert len(docs(read(t))) == 1


def test_jsonl_line_far_over_the_limit_is_skipped(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "r.jsonl", good(1), good(2, text="y" * 70_000), good(3))
    assert_one_error(read(p, max_bytes=100), str(p), "line 2", "over the limit", 2)


def test_csv_missing_column(tmp_path: Path) -> None:
    p = tmp_path / "m.csv"
    p.write_text("id,date,title\na,2021-01-01,No text column\n", encoding="utf-8")
    assert_one_error(read(p, FIXTURES / "records.csv"), str(p), "row 1", "no 'text' column", 2)


def test_csv_bad_rows(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("id,date,text\na,2021-01-01,Good.\nb,2021-02-30,Bad date.\nc,2021-01-02\n"
                 "d,2021-01-03,Also good.\ne,2021-01-01,Too,many,cells\n", encoding="utf-8")
    items = read(p)
    assert [d.id for d in docs(items)] == ["a", "d"]
    assert [(e.locator, e.reason.split(" ")[0]) for e in errors(items)] == [
        ("row 3, id b", "impossible"), ("row 4, id c", "no"), ("row 6", "the")]


def test_csv_without_date_column_needs_date(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_text("text\nSomething happened.\n", encoding="utf-8")
    assert_one_error(read(p), str(p), "row 1", "no 'date' column", 0)
    assert len(docs(read(p, date=D))) == 1


def test_missing_and_unknown_paths(tmp_path: Path) -> None:
    items = read(tmp_path / "nope.txt", tmp_path / "x.pdf", FIXTURES / "example.txt")
    e1, e2, d = items
    assert isinstance(e1, IngestError) and "no such file" in e1.reason
    assert isinstance(e2, IngestError) and "unknown file type" in e2.reason
    assert isinstance(d, Document)


def test_nul_in_json_text_and_bad_id(tmp_path: Path) -> None:
    p = jsonl(tmp_path / "r.jsonl", good(1, text="a\u0000b"), good(2, id=["x"]), good(3, text="x\ud800y"),
              good(4, text="Bell \x07 kept."))
    e1, e2, e3, d = read(p)
    assert isinstance(e1, IngestError) and "NUL" in e1.reason
    assert isinstance(e2, IngestError) and "'id' must be" in e2.reason
    assert isinstance(e3, IngestError) and "surrogate" in e3.reason
    assert isinstance(d, Document) and d.text == "Bell \x07 kept."  # control characters are kept


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "u.txt"
    p.write_text(" date 2021-01-01 x", encoding="utf-8")
    p.chmod(0)
    [e] = read(p)
    assert isinstance(e, IngestError) and "cannot open" in e.reason


# -------------------------------------------------------------------------------------- property tests


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000), ext=st.sampled_from([".txt", ".jsonl", ".csv", ".jsonl.gz"]),
       with_date=st.booleans(), cut=st.integers(0, 40))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes, ext: str, with_date: bool, cut: int) -> None:
    p = tmp_path / ("f" + ext)
    if ext == ".jsonl.gz":  # compressed random bytes, sometimes truncated
        data = gzip.compress(data)
        data = data[: len(data) - cut]
    p.write_bytes(data)
    items = read(p, date=D if with_date else None, max_bytes=2000)
    for x in items:
        assert isinstance(x, Document | IngestError)
        if isinstance(x, IngestError):
            assert x.source == str(p) and x.reason
        else:
            assert x.text.strip() and len(x.text.encode()) <= 2000


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
    max_leaves=8)
records = st.fixed_dictionaries({}, optional={"id": json_values, "date": json_values | st.dates().map(str),
                                              "text": json_values | st.text(), "title": json_values})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(recs=st.lists(records | json_values, max_size=6))
def test_random_json_records_never_raise(tmp_path: Path, recs: list[object]) -> None:
    p = tmp_path / "r.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    items = read(p)
    assert all(isinstance(x, Document | IngestError) for x in items)
    assert len(items) == len(recs)  # one result per line (json.dumps never gives a blank line)
