"""Reading dated news articles from files, folders and stdin.

`read_paths` turns paths into a stream of `Document`s and `IngestError`s, in input order. It never raises
for bad input: a file or a line that cannot be read becomes one `IngestError` naming the file, where in it
(line, row, id) and why, and the good documents around it still come through.

Formats, chosen by file extension:

- ``.txt``: one article. If it starts with ``date YYYY-MM-DD`` (the example format, possibly after
  whitespace) that is the publication date and the rest is the text; otherwise the ``date`` argument
  (the CLI's ``--date``) is used. The id is the content hash of the text.
- ``.jsonl`` / ``.jsonl.gz``: one JSON object per line with ``id``, ``date``, ``text`` and optional
  ``title``, ``url``, ``source``; other fields are ignored. Read as a stream.
- ``.csv``: a header row with the same column names, then one article per row. Rows are numbered as in a
  spreadsheet: the header is row 1.
- a directory: every file with one of these extensions below it, in sorted order; hidden files and
  folders and other extensions are skipped without comment.
- ``-``: stdin; JSONL if the first readable non-blank line starts with ``{``, else one article as in
  ``.txt``.

Text must be UTF-8 (a UTF-8 byte-order mark is dropped; a file with a UTF-16 byte-order mark is decoded
as UTF-16). Control characters are kept so that offsets stay true to the input, except NUL, which
marks binary data. A text that is a whole HTML page (``<html>``, ``<head>``, ``<body>`` or a doctype) is
an error: evidence must point into article text, and the ``.html`` reader extracts the article. CSV is
read strictly: a malformed row (a stray quote, a bare CR) is one error and the next rows are still read;
a quote never closed ends the file with one error instead of merging the rows after it into one text.
docs/reliability.md lists every kind of bad input and what becomes of it.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date as Date
from datetime import timedelta
from itertools import chain
from typing import IO, Any, TextIO, cast

from newsevents.types import Document, IngestError, content_hash

STDIN = "-"
STDIN_NAME = "<stdin>"
DEFAULT_MAX_BYTES = 1_000_000
MIN_YEAR = 1900
FUTURE_SLACK_DAYS = 2  # time zones and embargoed releases: a date up to two days ahead is accepted
EXTENSIONS = (".jsonl.gz", ".jsonl", ".csv", ".txt", ".html", ".htm")
OPTIONAL_FIELDS = ("title", "url", "source")

_HEADER_RE = re.compile(r"\A\s*date[ \t]+(\d+[-/.]\S*)(?:\s+|\Z)")
_ISO_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z", re.ASCII)
_BOM_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_PAGE_RE = re.compile(r"<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_PEEK_LINES = 100
_NO_DATE = "no date: the file does not start with 'date YYYY-MM-DD' and no --date was given"


class _Reject(ValueError):  # noqa: N818 - internal signal, turned into an IngestError (or a ValueError)
    """Raised inside this module for input that cannot become a document; carries the plain reason."""

    def __init__(self, reason: str, record: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.record = record  # the rejected line looked like a JSON record ("{...")


# ----------------------------------------------------------------------------------------------- API


def read_paths(
    paths: Sequence[str],
    date: Date | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: TextIO | None = None,
) -> Iterator[Document | IngestError]:
    """Yield the documents in `paths` (files, folders, or "-" for stdin) and an error for each bad one.

    `date` is the publication date for articles that carry none (plain .txt, stdin, records without a
    date). `max_bytes` limits the UTF-8 size of one document's text.
    """
    if isinstance(paths, str):  # a lone path is a common slip; treat it as a list of one
        paths = [paths]
    for path in map(os.fspath, paths):  # pathlib.Path works too
        if path == STDIN:
            yield from _read_stdin(stdin, date, max_bytes)
        elif os.path.isdir(path):
            yield from _read_dir(path, date, max_bytes)
        else:
            yield from _read_file(path, date, max_bytes, explicit=True)


def documents_from_records(
    records: Iterable[Mapping[str, Any]],
    source: str,
    date: Date | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document | IngestError]:
    """Documents from dict-like records with `id`, `date`, `text` and optional `title`, `url`, `source`.

    The building block of the JSONL and CSV readers, and the way to feed records from Python. A record
    without an id gets the content hash of its text; a record without a date gets `date`. Bad records
    become IngestErrors with locator "record N" (counting from 1).
    """
    for n, rec in enumerate(records, 1):
        if not isinstance(rec, Mapping):
            yield IngestError(source, f"record {n}", f"not a record but {_kind(rec)}")
            continue
        yield record_to_document(rec, source, f"record {n}", date, max_bytes=max_bytes)


def record_to_document(
    rec: Mapping[str, Any],
    source: str,
    locator: str | None,
    date: Date | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document | IngestError:
    """One record to a Document, or the IngestError saying what is wrong (the first problem found)."""
    try:
        doc_id = _record_id(rec.get("id"))
    except _Reject as e:
        return IngestError(source, locator, e.reason)
    where = ", ".join(x for x in (locator, doc_id and f"id {doc_id}") if x) or None
    try:
        text = rec.get("text")
        if text is None:
            raise _Reject("no 'text' field")
        if not isinstance(text, str):
            raise _Reject(f"'text' must be a string, not {_kind(text)}")
        _check_text(text, max_bytes)
        raw_date = rec.get("date")
        if raw_date is None or (isinstance(raw_date, str) and not raw_date.strip()):
            if date is None:
                raise _Reject("no date: the record has no 'date' and no --date was given")
            published = date
        else:
            published = parse_date(raw_date)
        extra = {k: _optional(rec.get(k)) for k in OPTIONAL_FIELDS}
    except _Reject as e:
        return IngestError(source, where, e.reason)
    return Document(id=doc_id or content_hash(text), published=published, text=text, **extra)


def parse_date(value: object, today: Date | None = None) -> Date:
    """A strict YYYY-MM-DD date from 1900 to two days after `today`; else ValueError with a plain reason."""
    if not isinstance(value, str):
        raise _Reject(f"bad date {value!r}: expected a string YYYY-MM-DD")
    s = value.strip()
    if not _ISO_RE.match(s):
        raise _Reject(f"bad date {_clip(s)!r}: expected YYYY-MM-DD")
    try:
        d = Date.fromisoformat(s)
    except ValueError:
        raise _Reject(f"impossible date {s!r}") from None
    today = today or Date.today()
    if d.year < MIN_YEAR or d > today + timedelta(days=FUTURE_SLACK_DAYS):
        raise _Reject(f"date {s!r} is out of range (before {MIN_YEAR} or in the future)")
    return d


# ------------------------------------------------------------------------------------- files and dirs


def _read_dir(top: str, date: Date | None, max_bytes: int) -> Iterator[Document | IngestError]:
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except OSError as e:
        yield IngestError(top, None, f"cannot read folder ({e.strerror or e})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            yield from _read_dir(entry.path, date, max_bytes)
        elif _format_of(entry.name) is not None:
            yield from _read_file(entry.path, date, max_bytes, explicit=False)


def _format_of(name: str) -> str | None:
    lower = name.lower()
    for ext in EXTENSIONS:
        if lower.endswith(ext):
            return ext
    return None


def _read_file(path: str, date: Date | None, max_bytes: int, *, explicit: bool) -> Iterator[
        Document | IngestError]:
    fmt = _format_of(os.path.basename(path))
    if fmt is None:
        if explicit:
            yield IngestError(path, None, "unknown file type: expected .txt, .jsonl, .jsonl.gz or .csv")
        return
    if fmt in (".html", ".htm"):  # web pages: the article is extracted from the markup (webpage.py)
        from newsevents.webpage import read_html_file

        yield read_html_file(path, date, max_bytes)
        return
    try:
        f = cast(IO[bytes], gzip.open(path, "rb") if fmt == ".jsonl.gz" else open(path, "rb"))  # noqa: SIM115
    except FileNotFoundError:
        yield IngestError(path, None, "no such file or folder")
        return
    except OSError as e:
        yield IngestError(path, None, f"cannot open the file ({e.strerror or e})")
        return
    with f:
        if fmt == ".txt":
            yield _article_from_binary(f, path, date, max_bytes)
        elif fmt == ".csv":
            yield from _csv_documents(_binary_lines(f, _line_limit(max_bytes)), path, date, max_bytes)
        else:
            yield from _jsonl_documents(_binary_lines(f, _line_limit(max_bytes)), path, date, max_bytes)


def _read_stdin(stdin: TextIO | None, date: Date | None, max_bytes: int) -> Iterator[
        Document | IngestError]:
    limit = _line_limit(max_bytes)
    source = sys.stdin if stdin is None else stdin
    buffer = getattr(source, "buffer", None)  # the bytes when there are some, to check the encoding
    lines = _binary_lines(buffer, limit) if buffer is not None else _text_lines(source, limit)
    # peek at the first readable non-blank line to choose between JSONL and one article (a JSONL stream
    # may start with a line in the wrong encoding: that line is then one error, not the whole stream)
    head: list[tuple[int, str | _Reject]] = []
    try:
        for item in lines:
            head.append(item)
            if isinstance(item[1], str) and item[1].strip() or len(head) >= _PEEK_LINES:
                break
    except _Reject as e:
        yield IngestError(STDIN_NAME, None, e.reason)
        return
    first = next((line for _, line in head if isinstance(line, str) and line.strip()), "")
    # (a stream whose only records are in the wrong encoding is still JSONL: one error per line)
    if first.lstrip().startswith("{") or (not first and any(isinstance(x, _Reject) and x.record for _, x in head)):
        yield from _jsonl_documents(chain(head, lines), STDIN_NAME, date, max_bytes)
        return
    # one article: gather the lines up to the size limit
    parts: list[str] = []
    size = 0
    try:
        for _, line in chain(head, lines):
            if isinstance(line, _Reject):
                raise line
            parts.append(line)
            size += len(line)
            if size > 4 * max_bytes + 1024:
                raise _Reject(f"text is over {max_bytes} bytes, the limit (see --max-bytes)")
    except _Reject as e:
        yield IngestError(STDIN_NAME, None, e.reason)
        return
    yield _article("".join(parts), STDIN_NAME, date, max_bytes)


# --------------------------------------------------------------------------------------- text articles


def _article_from_binary(f: IO[bytes], path: str, date: Date | None,
                         max_bytes: int) -> Document | IngestError:
    cap = 2 * max_bytes + 1024  # UTF-16 takes at most twice the bytes of UTF-8; room for the header
    try:
        data = f.read(cap + 1)
    except OSError as e:
        return IngestError(path, None, f"cannot read the file ({e.strerror or e})")
    if len(data) > cap:
        try:
            size = os.path.getsize(path)
        except OSError:
            size = len(data)
        return IngestError(path, None,
                           f"file is {size} bytes, over the limit of {max_bytes} (see --max-bytes)")
    try:
        text = _decode(data)
    except _Reject as e:
        return IngestError(path, None, e.reason)
    return _article(text, path, date, max_bytes)


def _article(raw: str, source: str, date: Date | None, max_bytes: int) -> Document | IngestError:
    """An article in the example format (`date YYYY-MM-DD text`) or plain text with the given date."""
    m = _HEADER_RE.match(raw)
    try:
        if m:
            published = parse_date(m.group(1))
            text = raw[m.end():].rstrip()
        elif date is not None:
            published, text = date, raw.strip()
        else:
            if "\x00" in raw:
                raise _Reject("binary file, not text")
            if not raw.strip():
                raise _Reject("empty text")
            raise _Reject(_NO_DATE)
        _check_text(text, max_bytes)
    except _Reject as e:
        return IngestError(source, None, e.reason)
    return Document(id=content_hash(text), published=published, text=text)


# ------------------------------------------------------------------------------------------------ JSONL


def _jsonl_documents(lines: Iterator[tuple[int, str | _Reject]], source: str, date: Date | None,
                     max_bytes: int) -> Iterator[Document | IngestError]:
    n = 0
    try:
        for n, line in lines:
            if isinstance(line, _Reject):
                yield IngestError(source, f"line {n}", line.reason)
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                yield IngestError(source, f"line {n}", f"not JSON ({e.msg} at column {e.colno})")
                continue
            except RecursionError:
                yield IngestError(source, f"line {n}", "not JSON (nested too deeply)")
                continue
            if not isinstance(rec, dict):
                yield IngestError(source, f"line {n}", f"not a JSON object but {_kind(rec)}")
                continue
            yield record_to_document(rec, source, f"line {n}", date, max_bytes=max_bytes)
    except _Reject as e:  # the stream broke off (truncated gzip, read error): the lines before still count
        yield IngestError(source, f"line {n + 1}", e.reason)


# -------------------------------------------------------------------------------------------------- CSV


class _CsvLines:
    """Feeds decoded physical lines to csv.reader, remembering which lines could not be decoded."""

    def __init__(self, lines: Iterator[tuple[int, str | _Reject]]) -> None:
        self.lines = lines
        self.bad: dict[int, str] = {}
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for n, line in self.lines:
            self.count = n
            if isinstance(line, _Reject):
                self.bad[n] = line.reason
                yield ""
            else:
                yield line


def _csv_documents(lines: Iterator[tuple[int, str | _Reject]], source: str, date: Date | None,
                   max_bytes: int) -> Iterator[Document | IngestError]:
    feed = _CsvLines(lines)
    limit = max(csv.field_size_limit(), _line_limit(max_bytes))
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    # strict: a malformed row (a stray quote, a bare CR) is an error, not silently merged text; the
    # reader starts afresh on the next line, so the rows after it still come through
    reader = csv.reader(iter(feed), strict=True)
    row_no = 0
    header: list[str] | None = None
    try:
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                row_no += 1
                feed.bad.clear()
                yield IngestError(source, f"row {row_no}", _csv_problem(str(e)))
                if header is None:
                    return
                continue
            row_no += 1
            if not any(c.strip() for c in cells) and not feed.bad:
                continue
            if feed.bad:
                reason = next(iter(feed.bad.values()))
                feed.bad.clear()
                yield IngestError(source, f"row {row_no}", reason)
                if header is None:
                    return
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                problem = _csv_header_problem(header, date)
                if problem:
                    yield IngestError(source, "row 1", problem)
                    return
                continue
            if len(cells) > len(header):
                yield IngestError(source, f"row {row_no}", f"the row has {len(cells)} cells but the header "
                                  f"has {len(header)} columns (an unquoted comma?)")
                continue
            rec = {h: c for h, c in zip(header, cells, strict=False) if h}
            yield record_to_document(rec, source, f"row {row_no}", date, max_bytes=max_bytes)
        if header is None:
            yield IngestError(source, None, "empty file: no header row")
    except _Reject as e:  # the stream broke off (truncated, unreadable)
        yield IngestError(source, f"row {row_no + 1}", f"{e.reason}; the rest of the file was not read")


def _csv_problem(error: str) -> str:
    if "unexpected end of data" in error:
        return "not valid CSV: a quote opened in this row is never closed; the rest of the file was not read"
    if "new-line character" in error:
        return "not valid CSV: a carriage return (CR) inside a cell that is not quoted"
    return f"not valid CSV ({error})"


def _csv_header_problem(header: list[str], date: Date | None) -> str | None:
    if "text" not in header:
        return f"the header has no 'text' column (columns: {', '.join(header) or 'none'})"
    if "date" not in header and date is None:
        return f"the header has no 'date' column and no --date was given (columns: {', '.join(header)})"
    return None


# ------------------------------------------------------------------------------------ lines and decoding


def _line_limit(max_bytes: int) -> int:
    """The longest line to read: JSON escapes take up to six bytes per character, plus the other fields."""
    return 6 * max_bytes + 65_536


def _binary_lines(f: IO[bytes], limit: int) -> Iterator[tuple[int, str | _Reject]]:
    """Numbered, decoded lines of a binary stream. A line that cannot be decoded or is too long comes as
    a _Reject in its place; a stream that breaks off (truncated gzip) raises _Reject."""
    n = 0
    offset = 0
    utf16 = False
    while True:
        try:
            line = f.readline(limit + 1)
        except (EOFError, zlib.error, gzip.BadGzipFile) as e:
            raise _Reject(_broken_stream(e, n)) from None
        except OSError as e:
            raise _Reject(f"cannot read the file ({e.strerror or e}) after line {n}") from None
        if not line:
            return
        n += 1
        if n == 1 and line.startswith(_BOM_UTF16):
            utf16 = True
            break
        start = offset
        offset += len(line)
        if len(line) > limit and not line.endswith(b"\n"):
            try:
                while True:
                    rest = f.readline(1 << 20)
                    offset += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
            except (EOFError, zlib.error, OSError) as e:
                raise _Reject(_broken_stream(e, n)) from None
            yield n, _Reject(f"line is over {limit} bytes, so its text is over the limit (see --max-bytes)")
            continue
        if n == 1 and (b"\x00" in line or _looks_binary(line)):
            raise _Reject("binary file, not text")  # one error for the file, not one per line
        if b"\x00" in line:
            yield n, _Reject("binary data (NUL bytes), not text")
            continue
        try:
            yield n, line.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as e:
            pos = e.start + (3 if n == 1 and line.startswith(codecs.BOM_UTF8) else 0)
            yield n, _Reject(_not_utf8(line, pos, start + pos), record=line.lstrip().startswith(b"{"))
    if utf16:
        wrapper = io.TextIOWrapper(io.BufferedReader(_Prepend(line, f)), encoding="utf-16", newline="")
        yield from _text_lines(wrapper, limit)


def _broken_stream(e: BaseException, n: int) -> str:
    if isinstance(e, gzip.BadGzipFile) and n == 0:
        return f"not a gzip file ({e})"
    if isinstance(e, EOFError):
        return f"the gzip file is truncated after line {n}; the lines before were read"
    return f"the gzip file is corrupt after line {n} ({e}); the lines before were read"


class _Prepend(io.RawIOBase):
    """A binary stream that first returns `head`, then the rest of `f` (to re-read a peeked line)."""

    def __init__(self, head: bytes, f: IO[bytes]) -> None:
        self.head, self.f = head, f

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        view = memoryview(b)
        if self.head:
            k = min(len(view), len(self.head))
            view[:k] = self.head[:k]
            self.head = self.head[k:]
            return k
        data = self.f.read(len(view))
        view[: len(data)] = data
        return len(data)


def _text_lines(f: IO[str], limit: int) -> Iterator[tuple[int, str | _Reject]]:
    n = 0
    while True:
        try:
            line = f.readline(limit + 1)
        except UnicodeDecodeError as e:
            raise _Reject(f"not valid text after line {n} ({e.reason})") from None
        except (EOFError, zlib.error, OSError) as e:
            raise _Reject(_broken_stream(e, n)) from None
        if not line:
            return
        n += 1
        if n == 1 and line.startswith("\ufeff"):
            line = line[1:]
        if len(line) > limit and not line.endswith("\n"):
            while True:
                rest = f.readline(1 << 20)
                if not rest or rest.endswith("\n"):
                    break
            yield n, _Reject(f"line is over {limit} characters, so its text is over the limit "
                             "(see --max-bytes)")
            continue
        if "\x00" in line:
            yield n, _Reject("binary data (NUL characters), not text")
            continue
        yield n, line


def _decode(data: bytes) -> str:
    """Bytes of a whole article to text: UTF-8 (BOM dropped), or UTF-16 with a BOM; else _Reject."""
    if data.startswith(_BOM_UTF16):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Reject("not text: it starts with a UTF-16 byte-order mark but is not UTF-16") from None
        if "\x00" in text:
            raise _Reject("binary file, not text")
        return text
    if b"\x00" in data:
        raise _Reject("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if _looks_binary(data):
            raise _Reject("binary file, not text") from None
        pos = e.start + (3 if data.startswith(codecs.BOM_UTF8) else 0)
        raise _Reject(_not_utf8(data, pos, pos)) from None


def _not_utf8(data: bytes, pos: int, offset: int) -> str:
    return f"not UTF-8 text (byte 0x{data[pos]:02x} at offset {offset}); save the file as UTF-8"


def _looks_binary(data: bytes) -> bool:
    """True when many bytes are control codes or invalid UTF-8, unlike text in a legacy encoding."""
    sample = data[:8192]
    text = sample.decode("utf-8", errors="replace")
    odd = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f\v") or ch == "\x7f")
    return odd >= 4 and odd > 0.1 * len(text)


def check_text(text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """ValueError with the plain reason when `text` cannot be an article (the checks every reader makes)."""
    _check_text(text, max_bytes)


def _check_text(text: str, max_bytes: int) -> None:
    if "\x00" in text:
        raise _Reject("binary data: the text contains NUL characters")
    if not text.strip():
        raise _Reject("empty text")
    if _HTML_PAGE_RE.search(text):
        # offsets and evidence must point into article text, not markup; the .html reader extracts it
        raise _Reject("the text is an HTML page, not article text: save it as .html to have the article "
                      "extracted, or extract the text first")
    if len(text) * 4 > max_bytes or not text.isascii():
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError as e:
            raise _Reject(f"the text has an unpaired surrogate (U+{ord(text[e.start]):04X}) at character "
                          f"{e.start}") from None
        if size > max_bytes:
            raise _Reject(f"text is {size} bytes, over the limit of {max_bytes} (see --max-bytes)")


# ----------------------------------------------------------------------------------------------- fields


def _record_id(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Reject(f"'id' must be a string or a number, not {value!r}")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Reject(f"'id' must be a string or a number, not {value!r}")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value.strip() or None
    raise _Reject(f"'id' must be a string or a number, not {_kind(value)}")


def _optional(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number",
             bool: "true/false", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _clip(s: str, n: int = 40) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
