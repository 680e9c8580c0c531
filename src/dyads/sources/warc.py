"""Reading HTML responses out of WARC archives with warcio, whole or by record ranges."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyads.types import InputError, InputPart, RawInput

#: What warcio raises on a corrupt or cut record: all mean the same to the user.
WARC_ERRORS = (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, KeyError, TypeError)


def iter_warc(stream, source: str, max_bytes: int, first_record: int = 1,
              end: int | None = None) -> Iterator[RawInput | InputError]:
    """Yield each HTML response record of a WARC (or WARC.gz) stream, from its current position
    up to the record that starts at byte ``end``; records are numbered from ``first_record``."""
    try:
        records = ArchiveIterator(stream)
        for number, record in enumerate(records, start=first_record):
            item = _response(record, f"{source}#{number}", max_bytes)
            # The record's offset is known once it is read; a record at ``end`` is the next range's.
            if end is not None and records.get_record_offset() >= end:
                return
            if item is not None:
                yield item
    except WARC_ERRORS as exc:
        yield InputError(source, f"corrupt or truncated WARC ({exc})")


def _response(record, where: str, max_bytes: int) -> RawInput | InputError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower():
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return InputError(where, f"record larger than the {max_bytes} byte limit")
    if body.strip():
        return RawInput(source=url or where, content=body, kind="html", url=url)
    return None


def warc_ranges(whole: InputPart, part_bytes: int) -> Iterator[InputPart]:
    """Ranges of about ``part_bytes`` that start at record offsets, from one pass over the record
    headers. A gzip WARC can be entered at a record only when each record is its own gzip
    member (as crawlers write them); otherwise, or when the pass hits a corrupt record, the
    rest stays one range and its reader reports the problem."""
    start, first_record, number = 0, 1, 0
    try:
        with open(whole.name, "rb") as stream:
            records = ArchiveIterator(stream, no_record_parse=True)
            for number, _record in enumerate(records, start=1):
                offset = records.get_record_offset()
                if offset >= start + part_bytes:
                    yield InputPart(whole.name, start, offset, first_record, offset - start, whole.stamp)
                    start, first_record = offset, number
    except WARC_ERRORS:
        pass
    yield InputPart(whole.name, start, None, first_record, (whole.size or 0) - start, whole.stamp)
