"""The shallow coder (events/shallow.py) on sentences written for these tests, one block per language,
and the routing of documents to it by language."""

from __future__ import annotations

import json

import pytest

from dyads.cli import main
from dyads.events import coding_method
from dyads.events.dictionary import DictionaryError
from dyads.events.shallow import (
    arabic_forms,
    fold,
    load_shallow_lexicon,
    parse_shallow_lexicon,
    persian_forms,
    shallow_languages,
    spanish_forms,
)
from dyads.store import open_store
from dyads.types import Document


def _events(pipeline, text: str, language: str, date: str = "2024-06-01") -> list[tuple]:
    result = next(pipeline.code([{"id": "t", "text": text, "date": date, "language": language}]))
    return [(e["source_code"], e["target_code"], e["cameo"], e["mode"], e["method"]) for e in result["events"]]


def _roots(events: list[tuple]) -> set[tuple]:
    return {((s or "")[:3], (t or "")[:3], code[:2], mode) for s, t, code, mode, _method in events}


# -- Arabic -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("اتهمت إيران بريطانيا بدعم الجماعات المسلحة.", {("IRN", "GBR", "11", "asserted")}),  # verb first
    ("إيران تتهم بريطانيا بدعم الجماعات المسلحة.", {("IRN", "GBR", "11", "asserted")}),  # subject first
    ("لم تفرض اليابان عقوبات على روسيا.", {("JPN", "RUS", "16", "negated")}),
    ("ستفرض كندا عقوبات جديدة على إيران.", {("CAN", "IRN", "16", "future")}),
    ("وندد الأردن بالهجوم على السفارة المصرية.", {("JOR", "EGY", "11", "asserted")}),
    ("ارتفعت أسعار القمح في الأردن خلال الشهر الماضي.", set()),
    ("سحبت البحرين سفيرها من تركيا.", {("BHR", "TUR", "16", "asserted")}),  # the trigger takes من
])
def test_arabic(loaded_pipeline, text, expected):
    events = _events(loaded_pipeline, text, "ar")
    assert _roots(events) == expected
    assert all(method == "shallow" for *_rest, method in events)


def test_arabic_title_and_name_are_one_party(loaded_pipeline):
    # "the Turkish president Erdogan" is one source, not Turkey and its president acting apart
    events = _events(loaded_pipeline, "استقبل الرئيس التركي رجب طيب أردوغان رئيس الوزراء العراقي في أنقرة.", "ar")
    assert [(s[:3], t[:3], code) for s, t, code, _m, _x in events] == [("TUR", "IRQ", "043")]


# -- Persian ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("عراق سفیر ترکیه را احضار کرد.", {("IRQ", "TUR", "11", "asserted")}),  # object marked by را
    ("هند ایران را محکوم نکرد.", {("IND", "IRN", "11", "negated")}),
    ("پاکستان به افغانستان حمله خواهد کرد.", {("PAK", "AFG", "19", "future")}),
    ("آلمان به اوکراین موشک فرستاد.", {("DEU", "UKR", "07", "asserted")}),
    ("قیمت نان در تهران افزایش یافت.", set()),
    # the object phrase را closes: its first party, not the place inside it
    ("پاکستان یک پایگاه هند در افغانستان را هدف قرار داد.", {("PAK", "IND", "19", "asserted")}),
])
def test_persian(loaded_pipeline, text, expected):
    assert _roots(_events(loaded_pipeline, text, "fa")) == expected


def test_persian_sent_weapons_is_military_aid(loaded_pipeline):
    events = _events(loaded_pipeline, "آلمان به اوکراین موشک فرستاد.", "fa")
    assert [code for _s, _t, code, _m, _x in events] == ["072"]


# -- Spanish ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Irán condenó los ataques de Pakistán.", {("IRN", "PAK", "11", "asserted")}),
    ("Perú no expulsará a los diplomáticos de Bolivia.", {("PER", "BOL", "17", "negated")}),
    ("Chile y Perú firmaron un acuerdo comercial.", {("CHL", "PER", "05", "asserted"),
                                                    ("PER", "CHL", "05", "asserted")}),
    ("Brasil podría sancionar a Venezuela.", {("BRA", "VEN", "16", "hypothetical")}),
    ("La embajada de Colombia fue atacada por Venezuela.", {("VEN", "COL", "19", "asserted")}),  # passive
    ("El Barcelona ganó la Copa del Rey en Sevilla.", set()),
    # "envío" is a noun, "envió" the verb: only the rejection is an act
    ("España rechazó el envío de tropas a Libia.", {("ESP", "LBY", "12", "asserted")}),
    # a verb joined by "y" shares the first verb's subject
    ("Chile visitó Perú y se reunió con el presidente de Bolivia.", {("CHL", "PER", "04", "asserted"),
                                                                    ("CHL", "BOL", "04", "asserted")}),
])
def test_spanish(loaded_pipeline, text, expected):
    assert _roots(_events(loaded_pipeline, text, "es")) == expected


# -- routing and records -----------------------------------------------------------------------------
def test_routing_by_language(loaded_pipeline):
    assert coding_method("ar") == coding_method("fa") == coding_method("es") == "shallow"
    assert coding_method("en") == coding_method(None) == "parsed"
    english = _events(loaded_pipeline, "Iran condemned the Pakistani strikes.", "en")
    spanish = _events(loaded_pipeline, "Irán condenó los ataques de Pakistán.", "es")
    assert english and {m for *_r, m in english} == {"parsed"}
    assert spanish and {m for *_r, m in spanish} == {"shallow"}


def test_shallow_confidence_is_below_parsed(loaded_pipeline):
    def confidence(text, language):
        result = next(loaded_pipeline.code([{"id": "c", "text": text, "date": "2024-06-01", "language": language}]))
        return max(e["confidence"] for e in result["events"])

    assert confidence("Irán condenó los ataques de Pakistán.", "es") < \
        confidence("Iran condemned the Pakistani strikes.", "en")


# -- inflection and the lexicon files -----------------------------------------------------------------
def test_inflected_forms():
    arabic = dict(arabic_forms("يستقبل"))
    assert arabic[fold("تستقبل")] == "present" and arabic[fold("ستستقبل")] == "future"
    assert fold("استقبلت") in dict(arabic_forms("استقبل"))
    persian = dict(persian_forms("کرد", "کن"))
    assert persian[fold("کردند")] == "past" and persian[fold("نمی‌کند")] == "negated"
    assert persian[fold("کرده‌اند")] == "past"
    spanish = dict(spanish_forms("reunirse"))
    assert spanish["reunió"] == "past" and spanish["reuniran"] == "future" and spanish["reunido"] == "participle"


def test_every_language_file_loads_and_codes_exist(loaded_pipeline):
    codes = loaded_pipeline._part("coder").dictionary.codes
    assert {"ar", "fa", "es"} <= shallow_languages()
    for language in shallow_languages():
        lexicon = load_shallow_lexicon(language)
        assert lexicon.triggers
        assert {t.code for found in lexicon.triggers.values() for t in found} <= set(codes)
        assert {refined for _c, refined, _w in lexicon.refine} <= set(codes)


def test_malformed_lexicon_is_a_clear_error():
    with pytest.raises(DictionaryError, match="trigger needs a code"):
        parse_shallow_lexicon({"language": "es", "triggers": [{"words": ["atacar"]}]}, "bad.yaml")
    with pytest.raises(DictionaryError, match="not a Spanish infinitive"):
        parse_shallow_lexicon({"language": "es", "triggers": [{"code": "190", "words": ["ataque"]}]}, "bad.yaml")


def test_stored_and_exported_events_say_how_they_were_coded(store_from_articles, tmp_path):
    db = store_from_articles({
        "ar.txt": "دمشق، 3 آذار 2024\n\nاتهمت إيران بريطانيا بدعم الجماعات المسلحة في المنطقة، "
                  "وطالبت الحكومة البريطانية بوقف هذا الدعم فورا.\n",
        "en.txt": "Tehran, March 3, 2024\n\nIran accused Britain of backing armed groups in the region.\n",
    })
    with open_store(db, read_only=True) as store:
        rows = store.con.execute("SELECT d.language, e.method, e.cameo FROM events e JOIN documents d "
                                 "USING (doc_id)").fetchall()
    assert ("ar", "shallow", "112") in rows and ("en", "parsed", "112") in rows
    out = tmp_path / "events.jsonl"
    assert main(["export", "events", "-o", str(out), "--db", str(db)]) == 0
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["method"] for r in exported} == {"shallow", "parsed"}


@pytest.mark.parametrize("text, language", [
    # a dateline city and a venue of the source's own state are neither a target nor a source
    ("دمشق - استقبل الرئيس السوري بشار الأسد اليوم في قصر الشعب وزير الخارجية العماني.", "ar"),
    ("MADRID - El presidente Pedro Sánchez recibió en el Palacio de la Moncloa al primer ministro de Portugal.",
     "es"),
])
def test_no_state_acts_on_its_own_government_from_a_dateline_or_venue(loaded_pipeline, text, language):
    events = _events(loaded_pipeline, text, language)
    assert not [e for e in events if e[0] and e[1] and e[0][:3] == e[1][:3]], events


def test_evidence_starts_at_the_sentence_not_at_the_paragraph_break(loaded_pipeline):
    """Parsers that put the paragraph break before a sentence (natasha) give evidence without it."""
    text = "Москва и Тегеран укрепляют связи.\n\n  Президент России Владимир Путин встретился с президентом Ирана."
    [result] = loaded_pipeline.code([{"id": "t", "text": text, "date": "2025-01-17", "language": "ru"}])
    assert result["events"]
    assert all(e["sentence"] == e["sentence"].strip() for e in result["events"])


@pytest.mark.parametrize(("language", "sentences"), [
    ("ar", ["استقبل الرئيس المصري عبد الفتاح السيسي اليوم الخميس في القاهرة وزير الخارجية التركي هاكان فيدان.",
            "وبحث الجانبان العلاقات الثنائية والأوضاع في غزة."]),
    ("fa", ["وزیر امور خارجه ایران روز دوشنبه در مسکو با همتای روسی خود دیدار کرد.",
            "دو طرف درباره همکاری‌های اقتصادی گفتگو کردند."]),
    ("es", ["El presidente de Francia recibió el lunes en París al primer ministro de la India.",
            "Ambos líderes firmaron un acuerdo sobre energía nuclear civil."]),
])
def test_sentences_of_a_language_without_its_own_parser_end_at_punctuation(loaded_pipeline, language, sentences):
    # The English parser, which these languages go through, cut the Arabic one after the day name,
    # leaving the act without its target; sentence-final punctuation alone ends a sentence here.
    document = Document(doc_id="p", source="p", text=" ".join(sentences), content_hash="p", language=language,
                        published="2024-06-06", published_precision="day")
    processed = next(loaded_pipeline.process([document]))
    assert [s.text for s in processed.sentences] == sentences
    if language == "ar":
        assert [(e.source_code[:3], e.target_code[:3], e.cameo) for e in processed.events] == [("EGY", "TUR", "043")]
