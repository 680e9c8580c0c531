"""Article extraction from HTML with trafilatura, dates with htmldate."""

from __future__ import annotations

import logging

import trafilatura
from htmldate import find_date

from dyads.extract.dates import parse_date_value
from dyads.extract.plaintext import TextExtraction

# trafilatura and htmldate log every odd page at WARNING; our own errors say what matters.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def extract_html(html: str, url: str | None = None) -> TextExtraction:
    """Body, title, authors and publication date of an HTML page."""
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,  # tables often carry article text: F1 0.957 -> 0.968 on dev-data
        include_links=False,
        favor_precision=True,
        deduplicate=False,
    )
    text = result.text if result is not None and result.text else ""
    found = TextExtraction(text=text, method="trafilatura")
    if result is not None:
        found.title = result.title or None
        if result.author:
            found.authors = [a.strip() for a in result.author.split(";") if a.strip()]
    # Metadata first (original_date prefers the first publication over updates); only when
    # the page declares nothing, the extensive search that reads dates from the page text.
    # Measured on ../shared/dev-data/dates: 0.83 metadata only, 0.87 with this fallback.
    try:
        day = find_date(html, url=url, original_date=True, extensive_search=False)
        if day is None:
            day = find_date(html, url=url, original_date=False, extensive_search=True)
            if day and day.endswith("-01-01"):
                day = None  # a bare year in the page text, filled in as 1 January: not a publication day
    except (ValueError, TypeError):
        day = None
    parsed = parse_date_value(day)
    if parsed:
        found.published, found.published_precision = parsed
    return found
