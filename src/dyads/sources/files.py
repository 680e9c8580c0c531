"""Reading articles from files and folders, local or named by URL (see ``remote``)."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.sources.remote import RemoteFile, expand_url, is_url
from dyads.types import InputError, RawInput

#: Largest article file (after decompression) that is read; larger inputs are refused.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

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
    """A binary stream over a local or remote file's raw bytes."""
    return path.open("rb") if isinstance(path, Path) else path.open()


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


def count_inputs(paths: Iterable[str | Path]) -> int:
    """Number of files the paths expand to (for a progress bar's total)."""
    return sum(1 for item in _expand(paths) if not isinstance(item, InputError))


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[str | InputError]:
    """The files (local paths or URLs) that ``paths`` expand to, in reading order."""
    for item in _expand(paths):
        yield item if isinstance(item, InputError) else str(item)


def iter_inputs(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawInput | InputError]:
    """Yield every article found under ``paths``, or an error per unreadable item."""
    for item in _expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        yield from _read_file(item, max_bytes)


def _read_file(path: InputFile, max_bytes: int) -> Iterator[RawInput | InputError]:
    source = str(path)
    suffix = _inner_suffix(path)
    if suffix in WARC_SUFFIXES:
        from dyads.sources.warc import iter_warc

        yield from iter_warc(path, max_bytes)
        return
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
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(data, source)
    elif suffix in FEED_SUFFIXES or _sniff_feed(data):
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


def iter_jsonl(data: bytes, source: str) -> Iterator[RawInput | InputError]:
    """One article per JSON line: ``text`` or ``html`` plus optional metadata fields."""
    for number, line in enumerate(data.splitlines(), start=1):
        where = f"{source}#{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield InputError(where, f"broken JSON line ({exc.msg if hasattr(exc, 'msg') else exc})")
            continue
        if not isinstance(record, dict):
            yield InputError(where, "JSON line is not an object")
            continue
        body_field = "html" if isinstance(record.get("html"), str) else "text"
        body = record.get(body_field)
        if not isinstance(body, str) or not body.strip():
            yield InputError(where, "no 'text' or 'html' string field")
            continue
        wrong = [f for f in _STRING_FIELDS if record.get(f) is not None and not isinstance(record[f], str | int)]
        if wrong:
            yield InputError(where, f"field {wrong[0]!r} must be a string")
            continue
        meta = {f: (str(record[f]) if record.get(f) is not None else None) for f in _STRING_FIELDS}
        yield RawInput(
            source=where,
            content=body,
            kind="html" if body_field == "html" else "text",
            external_id=meta["id"],
            url=meta["url"],
            title=meta["title"],
            published=meta["published"],
            language=meta["language"],
        )
