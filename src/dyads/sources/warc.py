"""Reading HTML responses out of WARC archives with warcio."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyads.sources.files import InputFile, open_binary
from dyads.types import InputError, RawInput


def iter_warc(path: InputFile, max_bytes: int) -> Iterator[RawInput | InputError]:
    """Yield each HTML response record of a WARC (or WARC.gz) file."""
    source = str(path)
    try:
        with open_binary(path) as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if "html" not in content_type.lower():
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                body = record.content_stream().read(max_bytes + 1)
                where = f"{source}#{number}"
                if len(body) > max_bytes:
                    yield InputError(where, f"record larger than the {max_bytes} byte limit")
                    continue
                if body.strip():
                    yield RawInput(source=url or where, content=body, kind="html", url=url)
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, KeyError, TypeError) as exc:
        # warcio raises whatever its parser hits on a corrupt record; all mean the same to the user
        yield InputError(source, f"corrupt or truncated WARC ({exc})")
