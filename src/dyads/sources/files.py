"""Reading articles from files and folders, local or named by URL (see ``remote``)."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.sources.remote import RemoteFile, expand_url, is_url
from dyads.types import InputError, InputPart, RawInput

#: Largest item read whole, after decompression: an HTML, text or feed file, one JSONL line,
#: one WARC record. Larger items are refused with one error each; the rest of the file goes on.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
#: A local JSONL or WARC file over twice this size is cut into record ranges of about this
#: size when workers share the work (``plan_parts``); each range is read on its own.
PART_BYTES = 1024 * 1024
#: Bytes read at a time while scanning a file for range boundaries.
SCAN_BYTES = 8 * 1024 * 1024

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
KNOWN_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES


class SourceError(Exception):
    """A source item that cannot be read; the message names the problem."""


#: A file to read: a local path or a file named by URL.
InputFile = Path | RemoteFile


def _inner_suffix(path: InputFile) -> str:
    """The suffix that says what a file holds, looking through ``.gz``."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return suffixes[-1] if suffixes else ""


def _expand(paths: Iterable[str | Path]) -> Iterator[InputFile | InputError]:
    """Files named by ``paths``, folders walked recursively in sorted order."""
    for raw in paths:
        if is_url(str(raw)):
            yield from expand_url(str(raw), KNOWN_SUFFIXES)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _inner_suffix(child) in KNOWN_SUFFIXES and not child.name.startswith("."):
                    yield child
        elif path.is_file():
            yield path
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        else:
            yield InputError(str(path), "not a regular file")


def open_binary(path: InputFile):
    """A buffered binary stream over a local or remote file's raw bytes."""
    if isinstance(path, Path):
        return path.open("rb")
    # fsspec's files read lines only whole; a BufferedReader gives readline(limit) and peek.
    return io.BufferedReader(path.open(), buffer_size=1024 * 1024)


def _is_gzip(path: InputFile) -> bool:
    return bool(path.suffixes) and path.suffixes[-1].lower() == ".gz"


def read_bytes(path: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file, decompressing gzip, refusing more than ``max_bytes`` of content."""
    try:
        stream = open_binary(path)
    except FileNotFoundError as exc:
        raise SourceError("no such file") from exc
    except OSError as exc:
        raise SourceError(f"cannot read ({getattr(exc, 'strerror', None) or exc})") from exc
    with stream:
        if path.suffixes and path.suffixes[-1].lower() == ".gz":
            try:
                with gzip.GzipFile(fileobj=stream, mode="rb") as handle:
                    data = handle.read(max_bytes + 1)
            except (OSError, EOFError, zlib.error) as exc:
                raise SourceError(f"corrupt or truncated gzip ({exc})") from exc
        else:
            try:
                data = stream.read(max_bytes + 1)
            except OSError as exc:
                raise SourceError(f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise SourceError(f"larger than the {max_bytes} byte limit")
    return data


def looks_binary(data: bytes) -> bool:
    """True for content that is not text: NUL bytes or many control characters."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls > max(8, len(head) // 50)


def _input_file(name: str) -> InputFile:
    return RemoteFile(name) if is_url(name) else Path(name)


def _whole(item: InputFile) -> InputPart:
    if isinstance(item, Path):
        try:
            stat = item.stat()
        except OSError:
            return InputPart(str(item))
        return InputPart(str(item), size=stat.st_size, stamp=f"{stat.st_size}\t{stat.st_mtime_ns}")
    return InputPart(str(item))


def plan_parts(paths: Iterable[str | Path], part_bytes: int | None = None,
               part_records: int | None = None) -> Iterator[InputPart | InputError]:
    """The parts to read under ``paths``, in reading order: one per file, or with ``part_bytes``,
    local JSONL and WARC files over twice that size cut into record ranges of about that size.
    With ``part_records`` as well, JSONL ranges also end after that many lines, and JSONL
    files of any size are cut (a range of plain-text articles then holds about as much work as
    one of HTML pages, which are fifty times their size).

    A gzip file is entered only at its start (a WARC.gz of one gzip member per record, as
    crawlers write them, at each record), so a ``.jsonl.gz`` stays one part; so do URLs
    (finding line numbers would read them twice).
    """
    for item in _expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        whole = _whole(item)
        suffix = _inner_suffix(item)
        jsonl = suffix in JSONL_SUFFIXES and not _is_gzip(item)
        if (part_bytes is None or not isinstance(item, Path) or whole.size is None
                or (whole.size <= 2 * part_bytes and not (jsonl and part_records))):
            yield whole
        elif jsonl:
            yield from _line_ranges(whole, part_bytes, part_records)
        elif suffix in WARC_SUFFIXES:
            from dyads.sources.warc import warc_ranges

            yield from warc_ranges(whole, part_bytes)
        else:
            yield whole


def _line_ranges(whole: InputPart, part_bytes: int, part_records: int | None = None) -> Iterator[InputPart]:
    """Ranges of about ``part_bytes`` (or ``part_records`` lines, whichever comes first) that
    start at line starts, with their first line's number, from one pass that finds newlines
    (``bytes.count``/``find`` run at memory speed); a file that needs no cut stays whole."""
    start, first_line = 0, 1
    position, lines = 0, 0  # bytes and newlines before the current chunk
    try:
        with open(whole.name, "rb") as handle:
            while chunk := handle.read(SCAN_BYTES):
                cuts = _cuts_by_lines(chunk, position, start, lines - first_line + 1, part_bytes, part_records) \
                    if part_records else _cuts_by_bytes(chunk, position, start, part_bytes)
                for cut in cuts:
                    boundary = position + cut + 1
                    if boundary >= whole.size:
                        break
                    yield InputPart(whole.name, start, boundary, first_line, boundary - start, whole.stamp)
                    start, first_line = boundary, lines + chunk.count(b"\n", 0, cut + 1) + 1
                lines += chunk.count(b"\n")
                position += len(chunk)
    except OSError:
        pass  # the last part's reader reports what cannot be read
    if start == 0:
        yield whole
    else:
        yield InputPart(whole.name, start, None, first_line, whole.size - start, whole.stamp)


def _cuts_by_bytes(chunk: bytes, position: int, start: int, part_bytes: int) -> Iterator[int]:
    """Indexes in ``chunk`` (which starts at file offset ``position``) of the newlines that end
    ranges begun at ``start``: the first newline at or after each range's ``part_bytes``."""
    target = start + part_bytes
    while target < position + len(chunk):
        cut = chunk.find(b"\n", max(0, target - position))
        if cut < 0:
            return  # the line goes on in the next chunk
        yield cut
        target = position + cut + 1 + part_bytes


def _cuts_by_lines(chunk: bytes, position: int, start: int, taken: int, part_bytes: int,
                   part_records: int) -> Iterator[int]:
    """As ``_cuts_by_bytes``, also ending a range at its ``part_records``-th line (``taken``:
    lines of the current range before this chunk). One ``find`` per line: about a second per
    million lines."""
    index = 0
    while (cut := chunk.find(b"\n", index)) >= 0:
        index = cut + 1
        taken += 1
        if taken >= part_records or position + index - start > part_bytes:
            yield cut
            start, taken = position + index, 0


def total_bytes(paths: Iterable[str | Path]) -> int | None:
    """Raw bytes of all the files under ``paths`` (a progress bar's total); None when a URL's size is unknown."""
    total = 0
    for part in plan_parts(paths):
        if isinstance(part, InputPart):
            if part.size is None:
                return None
            total += part.size
    return total


def iter_inputs(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawInput | InputError]:
    """Yield every article found under ``paths``, or an error per unreadable item."""
    for part in plan_parts(paths):
        if isinstance(part, InputError):
            yield part
        else:
            yield from PartReader(part, max_bytes)


class PartReader:
    """The articles of one part (``RawInput``, or an ``InputError`` per unreadable item), read as
    a stream: JSONL line by line and WARC record by record, so memory holds one item at a time.
    ``done`` tells how many of the part's raw bytes are read so far (for progress)."""

    def __init__(self, part: InputPart, max_bytes: int = DEFAULT_MAX_BYTES):
        self.part, self.max_bytes = part, max_bytes
        self._stream = None
        self._finished = False

    @property
    def done(self) -> int:
        """Raw bytes of the part read so far; the part's whole size once it is read."""
        size = self.part.size or 0
        if self._finished:
            return size
        try:
            position = self._stream.tell() - self.part.start if self._stream is not None else 0
        except (OSError, ValueError):
            return 0
        return max(0, min(position, size))

    def __iter__(self) -> Iterator[RawInput | InputError]:
        try:
            yield from self._read()
        finally:
            self._finished = True

    def _read(self) -> Iterator[RawInput | InputError]:
        part = self.part
        path = _input_file(part.name)
        suffix = _inner_suffix(path)
        if suffix not in WARC_SUFFIXES and suffix not in JSONL_SUFFIXES:
            yield from _read_whole(path, self.max_bytes)
            return
        where = part.name if part.whole else f"{part.name}#{part.first_record}"
        try:
            self._stream = open_binary(path)
        except OSError as exc:
            problem = "no such file" if isinstance(exc, FileNotFoundError) else (
                f"cannot read ({getattr(exc, 'strerror', None) or exc})")
            yield InputError(where, problem)
            return
        with self._stream as stream:
            try:
                if part.start:
                    stream.seek(part.start)
            except OSError as exc:
                yield InputError(where, f"cannot read ({exc})")
                return
            if suffix in WARC_SUFFIXES:
                from dyads.sources.warc import iter_warc

                yield from iter_warc(stream, part.name, self.max_bytes, part.first_record, part.end)
                return
            compressed = _is_gzip(path)
            lines = gzip.GzipFile(fileobj=stream, mode="rb") if compressed else stream
            length = None if part.end is None else part.end - part.start
            yield from iter_jsonl(lines, part.name, self.max_bytes, part.first_record, length, compressed)


def _read_whole(path: InputFile, max_bytes: int) -> Iterator[RawInput | InputError]:
    """A file read whole: HTML, text or a feed."""
    source = str(path)
    suffix = _inner_suffix(path)
    try:
        data = read_bytes(path, max_bytes)
    except SourceError as exc:
        yield InputError(source, str(exc))
        return
    if not data.strip():
        yield InputError(source, "empty file")
        return
    if looks_binary(data):
        yield InputError(source, "binary content, not text")
        return
    if suffix in FEED_SUFFIXES or _sniff_feed(data):
        from dyads.sources.feeds import iter_feed

        yield from iter_feed(path, data, max_bytes)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _sniff_html(data)):
        yield RawInput(source=source, content=data, kind="html")
    else:
        yield RawInput(source=source, content=data, kind="text")


def _sniff_feed(data: bytes) -> bool:
    head = data[:2000].lstrip()
    return head.startswith((b"<rss", b"<feed")) or (head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head))


def _sniff_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


_STRING_FIELDS = ("id", "url", "title", "published", "language")


def iter_jsonl(stream, source: str, max_bytes: int = DEFAULT_MAX_BYTES, first_line: int = 1,
               length: int | None = None, compressed: bool = False) -> Iterator[RawInput | InputError]:
    """One article per JSON line of a binary stream: ``text`` or ``html`` plus optional metadata.

    Reads line by line (at most ``length`` bytes when given: a range of a file), numbering
    lines from ``first_line``; a line over ``max_bytes`` is skipped without being held, and a
    stream that breaks off (a gzip cut short) ends with one error naming the line it broke in.
    """
    number, consumed, found = first_line - 1, 0, False
    try:
        head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
    except (OSError, EOFError, zlib.error) as exc:
        yield InputError(source, _stream_problem(exc, compressed))
        return
    if looks_binary(head):
        yield InputError(source if first_line == 1 else f"{source}#{first_line}", "binary content, not text")
        return
    while length is None or consumed < length:
        try:
            line = stream.readline(max_bytes + 1)
            if len(line) > max_bytes and not line.endswith(b"\n"):
                consumed += _skip_line(stream)
        except (OSError, EOFError, zlib.error) as exc:
            yield InputError(f"{source}#{number + 1}", _stream_problem(exc, compressed))
            return
        if not line:
            break
        number += 1
        consumed += len(line)
        where = f"{source}#{number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            found = True
            yield InputError(where, f"record larger than the {max_bytes} byte limit")
            continue
        if line.strip():
            found = True
            yield _jsonl_record(line, where)
    if not found and first_line == 1 and length is None:
        yield InputError(source, "empty file")


def _stream_problem(exc: BaseException, compressed: bool) -> str:
    if compressed:
        return f"corrupt or truncated gzip ({exc}); the lines before it are read"
    return f"cannot read ({getattr(exc, 'strerror', None) or exc})"


def _skip_line(stream) -> int:
    """Read past the rest of an over-long line, a block at a time; the bytes skipped."""
    skipped = 0
    while block := stream.readline(1024 * 1024):
        skipped += len(block)
        if block.endswith(b"\n"):
            break
    return skipped


def _jsonl_record(line: bytes, where: str) -> RawInput | InputError:
    """One JSONL line as an article, or the problem with it."""
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
        if not line.endswith(b"\n"):
            return InputError(where, f"truncated last line (broken JSON: {detail})")
        return InputError(where, f"broken JSON line ({detail})")
    if not isinstance(record, dict):
        return InputError(where, "JSON line is not an object")
    # the first of html and text that holds something: exports often carry an empty field beside the real one
    body_field = next((f for f in ("html", "text") if isinstance(record.get(f), str) and record[f].strip()), None)
    if body_field is None:
        return InputError(where, "no 'text' or 'html' string field")
    body = record[body_field]
    wrong = [f for f in _STRING_FIELDS if record.get(f) is not None and not isinstance(record[f], str | int)]
    if wrong:
        return InputError(where, f"field {wrong[0]!r} must be a string")
    meta = {f: (str(record[f]) if record.get(f) is not None else None) for f in _STRING_FIELDS}
    return RawInput(
        source=where,
        content=body,
        kind="html" if body_field == "html" else "text",
        external_id=meta["id"],
        url=meta["url"],
        title=meta["title"],
        published=meta["published"],
        language=meta["language"],
    )
