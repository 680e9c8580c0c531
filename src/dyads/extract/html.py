"""Article extraction from HTML: body, title and authors with trafilatura; dates from our ranked candidates."""

from __future__ import annotations

import logging

import trafilatura
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_title
from trafilatura.utils import load_html
from trafilatura.xpaths import PRECISION_DISCARD_XPATH

from dyads.extract.cleanup import trim_boilerplate
from dyads.extract.pagedates import page_date
from dyads.extract.plaintext import TextExtraction

# trafilatura and htmldate log every odd page at WARNING; our own errors say what matters.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


#: Below this many letters, trafilatura's precision mode is taken to have missed the article.
FALLBACK_LETTERS = 100


def _trafilatura(page, url: str | None, precision: bool):
    """Precision or balanced mode, each with trafilatura's comparison against its readability
    and jusText fallbacks: accuracy comes before speed here (extraction is a few per cent of a
    run), and trafilatura's own precision mode scores F1 0.944 without them against 0.964 with
    them over the 50 dev pages."""
    return trafilatura.bare_extraction(
        page,
        url=url,
        with_metadata=False,  # title and authors come from _title_and_authors, dates from page_date
        include_comments=False,
        include_tables=True,  # tables often carry article text: F1 0.957 -> 0.968 on dev-data
        include_links=False,
        favor_precision=precision,
        fast=False,
        deduplicate=False,
    )


def _title_and_authors(tree) -> tuple[str | None, list[str]]:
    """Title and authors by trafilatura's metadata readers (meta tags and OpenGraph, JSON-LD,
    then the page's headings and bylines).

    Its ``extract_metadata`` would also run htmldate, and read the site name, categories,
    tags and licence, none of which we keep: a fifth of the extraction time on dev-data.
    """
    found = examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a one-word meta author is a handle or the site, as trafilatura rules
    try:
        found = extract_meta_json(tree, found)
    except Exception:  # noqa: BLE001 - trafilatura's JSON-LD reader fails in many ways on broken JSON
        pass
    title = found.title or extract_title(tree)
    author = found.author or extract_author(tree)
    return (title or "").strip() or None, [a.strip() for a in (author or "").split(";") if a.strip()]


def _too_little(text: str) -> bool:
    """Fewer than FALLBACK_LETTERS letters (a long text is not counted letter by letter)."""
    if len(text) > 20 * FALLBACK_LETTERS:
        return False
    return sum(ch.isalpha() for ch in text) < FALLBACK_LETTERS


def _keep_words_inside_sentences(tree) -> None:
    """Unmark inline spans inside paragraphs that trafilatura's precision mode would discard.

    Its precision rules drop blocks classed 'link', '...bottom' or bordered, and a span so
    classed inside a paragraph ('has reported that <span class="link"><a>the NFL will fine
    Rudolph</a></span> for his role') takes words out of the middle of a sentence.
    """
    for xpath in PRECISION_DISCARD_XPATH:
        for element in xpath(tree):
            if element.tag == "span" and any(a.tag == "p" for a in element.iterancestors()):
                for attribute in ("class", "id", "style"):
                    element.attrib.pop(attribute, None)


def extract_html(html: str, url: str | None = None) -> TextExtraction:
    """Body, title, authors and publication date of an HTML page."""
    # One parse for trafilatura's modes and its metadata readers (trafilatura leaves the tree
    # unchanged); our date reader parses again with plain lxml elements, which it walks faster
    # than lxml.html's.
    tree = load_html(html)
    if tree is not None:
        _keep_words_inside_sentences(tree)
    page = tree if tree is not None else html
    result = _trafilatura(page, url, precision=True)
    if result is None or _too_little(result.text or ""):
        # precision mode found (almost) nothing: the balanced mode with the fallback extractors
        balanced = _trafilatura(page, url, precision=False)
        if balanced is not None and len(balanced.text or "") > len(getattr(result, "text", "") or ""):
            result = balanced
    text = result.text if result is not None and result.text else ""
    title, authors = _title_and_authors(tree) if tree is not None else (None, [])
    # a repeated title, links to other articles, closing prompts: F1 0.968 -> 0.974 on dev-data
    text = trim_boilerplate(text, title)
    found = TextExtraction(text=text, method="trafilatura", title=title, authors=authors)
    # Our ranked candidates: metadata, JSON-LD, URL, dates shown by the title, a dateline, and
    # as a last resort a dated element or the first date of a page with few dates.
    dated = page_date(html, url=url, body=text)
    if dated is not None:
        found.published, found.published_precision = dated[0], dated[1]
    return found
