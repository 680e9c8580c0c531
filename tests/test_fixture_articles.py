"""Our own fixture articles (tests/fixtures/articles, described in EXPECTED.md), end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyads.extract import extract_document
from dyads.sources import iter_inputs
from dyads.types import Document, InputError

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def processed(loaded_pipeline):
    documents = {}
    for raw in iter_inputs([FIXTURES]):
        document = extract_document(raw)
        assert isinstance(document, Document), document
        documents[Path(raw.source).name] = document
    results = {}
    for item in loaded_pipeline.process(documents.values()):
        assert not isinstance(item, InputError), item
        results[Path(item.document.source).name] = item
    return results


def _links(item):
    return {(m.surface, m.actor_id) for m in item.mentions}


def test_spelling_variants_and_titles_resolve_to_one_person(processed):
    item = processed["raisi_variants.txt"]
    assert item.document.published == "2023-05-04"
    raisi = {surface for surface, actor in _links(item) if actor == "raisi_ebrahim"}
    assert {"Ibrahim Raisi", "Iran's president"} <= raisi or {"Ibrahim Raisi", "Iran’s president"} <= raisi
    assert not any(actor == "khamenei_ali" for _s, actor in _links(item))


def test_rohani_variants_and_misspelt_city(processed):
    item = processed["rohani_2017.txt"]
    rouhani = {surface for surface, actor in _links(item) if actor == "rouhani_hassan"}
    assert "Hassan Rohani" in rouhani and len(rouhani) >= 2
    assert any(actor == "geo:124665" for _s, actor in _links(item))  # Mahshad -> Mashhad


def test_metonyms_code_the_government(processed):
    item = processed["kremlin_metonym.txt"]
    codes = {m.surface: m.code for m in item.mentions}
    assert codes.get("Moscow") == "RUSGOV"
    assert any(e.source_code == "RUSGOV" and e.root == "11" for e in item.events)  # Moscow condemned


def test_modes(processed):
    modes = {e.mode for e in processed["negation_modes.txt"].events}
    assert {"negated", "future", "hypothetical"} <= modes


def test_undated_article_has_no_dates_from_relative_words(processed):
    item = processed["undated.txt"]
    assert item.document.published is None
    assert all(t.value is None for t in item.times if t.anchor != "absolute" and t.anchor != "period")
    assert all(e.date is None or e.date_source == "sentence" for e in item.events)


def test_arabic_chrome_and_legacy_encoding(processed):
    chrome = processed["chrome_arabic.txt"].document
    assert chrome.site_date == "2021-01-06" and chrome.published is None
    assert not any("\u0600" <= ch <= "\u06ff" for ch in chrome.text)
    arabic = processed["legacy_windows1256.html"].document
    assert arabic.language == "ar" and "القاهرة" in arabic.text
