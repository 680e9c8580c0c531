"""Turning bytes into text with the right encoding."""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class DecodeError(ValueError):
    """Bytes that no encoding turns into sensible text."""


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a meta tag, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore").lower() if match else None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode with UTF-8 (BOM-aware), then the declared charset, then detection."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf8"):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    # No library decides legacy single-byte encodings reliably for short pages; charset_normalizer
    # scores candidates by how plausible the resulting text is, which is what we need here.
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable text (no encoding fits)")
    return str(best)
