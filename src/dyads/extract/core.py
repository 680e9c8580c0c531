"""Dispatch of raw inputs to the HTML or plain-text extractor, and document identity."""

from __future__ import annotations

import hashlib
import re
import signal
import threading
import unicodedata
from contextlib import contextmanager

from dyads.extract.dates import parse_date_value
from dyads.extract.decode import DecodeError, declared_charset, decode_bytes
from dyads.extract.html import extract_html
from dyads.extract.language import detect_language, language_code
from dyads.extract.plaintext import dated_day, extract_plain_text
from dyads.types import Document, InputError, RawInput

#: Bodies shorter than this many letters are not articles.
MIN_BODY_LETTERS = 40
#: Longest input (HTML or text, in characters) that is extracted; longer ones are refused.
MAX_INPUT_CHARS = 10_000_000
#: Seconds one extraction may take before the article is given up (pathological pages).
EXTRACTION_SECONDS = 30.0


class ExtractionTimeout(Exception):
    """An extraction ran past its time limit."""


@contextmanager
def time_limit(seconds: float):
    """Raise ``ExtractionTimeout`` in this block after ``seconds`` (main thread only; elsewhere no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def normalize_for_hash(text: str) -> str:
    """Canonical form of a body for exact-duplicate detection."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised body: the same article read twice gets the same hash."""
    return hashlib.sha256(normalize_for_hash(text).encode("utf-8")).hexdigest()


def document_id(digest: str, source: str) -> str:
    """A document is one body from one source: rerunning an input finds the same id, while the
    same body from another site is a new document (marked as a duplicate by the store)."""
    return hashlib.sha256(f"{digest}|{source}".encode()).hexdigest()[:16]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean_text(text: str) -> str:
    text = _CONTROL.sub("", text)  # control characters (category Cc) but tab and newline
    return re.sub(r"[ \t]+\n", "\n", text).strip()


def _with_dateline_day(published: tuple[str, str], dateline_day: tuple[int, int] | None) -> tuple[str, str]:
    """A month or year from the input's metadata made a day by a dateline without a year
    ("MOSCOW, May 21 -" in an article published 2024-05): the dateline's month must agree."""
    value, precision = published
    if dateline_day is None or precision not in ("month", "year"):
        return published
    month, day = dateline_day
    if precision == "month" and int(value[5:7]) != month:
        return published
    return dated_day(int(value[:4]), month, day) or published


def extract_document(raw: RawInput) -> Document | InputError:
    """Extract the body and metadata of one raw input."""
    if isinstance(raw.content, bytes):
        declared = declared_charset(raw.content) if raw.kind == "html" else None
        try:
            content = decode_bytes(raw.content, declared)
        except DecodeError as exc:
            return InputError(raw.source, str(exc))
    else:
        content = raw.content
    if len(content) > MAX_INPUT_CHARS:
        return InputError(raw.source, f"article larger than {MAX_INPUT_CHARS} characters")
    try:
        with time_limit(EXTRACTION_SECONDS):
            found = extract_html(content, url=raw.url) if raw.kind == "html" else extract_plain_text(content)
    except ExtractionTimeout:
        return InputError(raw.source, f"extraction took longer than {EXTRACTION_SECONDS:.0f} s; skipped")
    except (ValueError, RecursionError, MemoryError) as exc:
        return InputError(raw.source, f"cannot extract ({type(exc).__name__}: {str(exc)[:80]})")
    text = _clean_text(found.text)
    if sum(ch.isalpha() for ch in text) < MIN_BODY_LETTERS:
        return InputError(raw.source, "no article text found")
    published, precision = found.published, found.published_precision
    if raw.published:
        parsed = parse_date_value(raw.published)
        if parsed is None:
            return InputError(raw.source, f"unreadable 'published' value {raw.published[:40]!r}")
        published, precision = _with_dateline_day(parsed, found.dateline_day)
    try:
        language = language_code(raw.language) if raw.language else detect_language(text)
    except ValueError as exc:
        return InputError(raw.source, f"unreadable 'language' value ({exc})")
    digest = content_hash(text)
    return Document(
        doc_id=document_id(digest, raw.source),
        source=raw.source,
        text=text,
        content_hash=digest,
        external_id=raw.external_id,
        url=raw.url,
        title=raw.title or found.title,
        authors=found.authors,
        published=published,
        published_precision=precision,
        site_date=found.site_date,
        language=language,
        method=found.method,
    )
