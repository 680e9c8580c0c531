"""Article extraction from HTML with trafilatura; dates from our ranked candidates, then htmldate."""

from __future__ import annotations

import logging

import trafilatura
from htmldate import find_date
from trafilatura.utils import load_html

from dyads.extract.cleanup import trim_boilerplate
from dyads.extract.dates import parse_date_value
from dyads.extract.pagedates import page_date
from dyads.extract.plaintext import TextExtraction

# trafilatura and htmldate log every odd page at WARNING; our own errors say what matters.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


#: Below this many letters, trafilatura's precision mode is taken to have missed the article.
FALLBACK_LETTERS = 100


def _trafilatura(page, url: str | None, precision: bool):
    """Precision mode alone ("fast": no comparison with trafilatura's readability and jusText
    fallbacks, 27 -> 32 docs/s at the same F1 on dev-data), or balanced mode with them."""
    return trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,  # tables often carry article text: F1 0.957 -> 0.968 on dev-data
        include_links=False,
        favor_precision=precision,
        fast=precision,
        deduplicate=False,
        # trafilatura runs htmldate on every page; we read dates ourselves, so its cheapest search
        date_extraction_params={"original_date": True, "extensive_search": False},
    )


def _too_little(text: str) -> bool:
    """Fewer than FALLBACK_LETTERS letters (a long text is not counted letter by letter)."""
    if len(text) > 20 * FALLBACK_LETTERS:
        return False
    return sum(ch.isalpha() for ch in text) < FALLBACK_LETTERS


def extract_html(html: str, url: str | None = None) -> TextExtraction:
    """Body, title, authors and publication date of an HTML page."""
    # One parse for trafilatura's modes and htmldate (trafilatura leaves the tree unchanged); our
    # date reader parses again with plain lxml elements, which it walks faster than lxml.html's.
    tree = load_html(html)
    page = tree if tree is not None else html
    result = _trafilatura(page, url, precision=True)
    if result is None or _too_little(result.text or ""):
        # precision mode found (almost) nothing: the balanced mode with the fallback extractors
        balanced = _trafilatura(page, url, precision=False)
        if balanced is not None and len(balanced.text or "") > len(getattr(result, "text", "") or ""):
            result = balanced
    text = result.text if result is not None and result.text else ""
    title = result.title if result is not None else None
    # a repeated title, links to other articles, closing prompts: F1 0.968 -> 0.974 on dev-data
    text = trim_boilerplate(text, title)
    found = TextExtraction(text=text, method="trafilatura")
    if result is not None:
        found.title = title or None
        if result.author:
            found.authors = [a.strip() for a in result.author.split(";") if a.strip()]
    # Our ranked candidates (metadata, JSON-LD, URL, dates shown by the title, a dateline);
    # only when the page gives none of them, htmldate's extensive search of the page text.
    dated = page_date(html, url=url, body=text)
    if dated is not None:
        found.published, found.published_precision = dated[0], dated[1]
        return found
    try:
        day = find_date(page, url=url, original_date=False, extensive_search=True)
        if day and day.endswith("-01-01"):
            day = None  # a bare year in the page text, filled in as 1 January: not a publication day
    except (ValueError, TypeError):
        day = None
    parsed = parse_date_value(day)
    if parsed:
        found.published, found.published_precision = parsed
    return found
