"""RSS and Atom feed files: each entry's inline content, or the linked page saved beside the feed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import feedparser

from dyads.sources.remote import RemoteFile
from dyads.types import InputError, RawInput


def _beside(feed: Path | RemoteFile, link: str | None) -> Path | None:
    """A linked page saved next to a local feed (same file name as the link's last path part)."""
    if not link or not isinstance(feed, Path):
        return None
    name = Path(urlparse(link).path).name
    for candidate in (feed.parent / name, feed.parent / f"{name}.html", feed.parent / link):
        try:
            if name and candidate.is_file():
                return candidate
        except OSError:
            continue
    return None


def iter_feed(path: Path | RemoteFile, data: bytes, max_bytes: int) -> Iterator[RawInput | InputError]:
    """One article per feed entry; the saved page wins over the (often abridged) inline content."""
    parsed = feedparser.parse(data)
    if parsed.bozo and not parsed.entries:
        yield InputError(str(path), f"not a readable RSS or Atom feed ({parsed.bozo_exception})")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{path}#{number}"
        link = entry.get("link")
        published = entry.get("published") or entry.get("updated")
        title = entry.get("title")
        page = _beside(path, link)
        if page is not None and page.stat().st_size <= max_bytes:
            yield RawInput(source=str(page), content=page.read_bytes(), kind="html", url=link, title=title,
                           published=published)
            continue
        contents = entry.get("content") or []
        body = contents[0].get("value") if contents else entry.get("summary")
        if not body:
            yield InputError(where, "feed entry has no content and no saved page")
            continue
        yield RawInput(source=link or where, content=f"<html><body>{body}</body></html>", kind="html", url=link,
                       title=title, published=published, external_id=entry.get("id"))
