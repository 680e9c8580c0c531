"""Linking in Russian, French, Spanish, Arabic and Persian text: states, capitals and people by the
names of those languages, inflected Russian forms, the Arabic article and proclitics, Persian
letters, and role phrases. The sentences are ours."""

from __future__ import annotations

import pytest

from dyads.extract import content_hash
from dyads.kb.normalize import normalize_name, normalize_token, tokenize
from dyads.nlp import parse_documents
from dyads.time import resolve_times
from dyads.types import Document


def linked(pipeline, text: str, language: str, published: str = "2024-03-01") -> tuple[dict[str, tuple], list]:
    """Surface -> (actor id, code, kind) of every mention, and the provisional actors."""
    digest = content_hash(text)
    document = Document(doc_id=digest[:16], source="t", text=text, content_hash=digest, published=published,
                        language=language)
    parsed = next(parse_documents(pipeline._part("nlp"), [document]))
    mentions, provisional = pipeline._part("linker").link(parsed, resolve_times(parsed, pipeline._part("periods")))
    return {m.surface: (m.actor_id, m.code, m.kind) for m in mentions}, provisional


# -- normal forms -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("one", "other"), [
    ("سوريه", "سوریه"),        # Arabic yeh and Persian yeh
    ("كرمان", "کرمان"),        # Arabic kaf and Persian keheh
    ("إيران", "ايران"),        # hamza below
    ("أنقرة", "انقره"),        # hamza above and teh marbuta
    ("مُحَمَّد", "محمد"),       # harakat
    ("إيـــران", "ایران"),     # tatweel
    ("الرئيس", "رئيس"),        # the article
    ("والرئيس", "رئيس"),       # wa- with the article
    ("للرئيس", "رئيس"),        # li- with the article
    ("России", "Россия"),      # Russian cases
    ("Путиным", "Путин"),
    ("Москве", "Москва"),
    ("российского", "российский"),
])
def test_spellings_and_forms_meet(one, other):
    assert normalize_token(one) == normalize_token(other)


def test_a_persian_word_with_a_zero_width_non_joiner_is_one_token():
    assert len(tokenize("خامنه\u200cای")) == 1
    assert normalize_name("خامنه\u200cای") == normalize_name("خامنهای")


def test_english_tokens_are_unchanged():
    assert [t for t, _s, _e in tokenize("Iran's president, al-Assad")] == ["Iran's", "president", "al", "Assad"]
    assert normalize_token("Rouhani") == "rouhani"


# -- linking --------------------------------------------------------------------------------------
def test_russian_report_links_state_leader_capital_and_inflected_forms(loaded_pipeline):
    found, provisional = linked(
        loaded_pipeline, "Президент России Владимир Путин провел в Москве встречу с послом Ирана.", "ru")
    assert found["России"][0] == "RUS"
    assert found["Владимир Путин"][:2] == ("putin_vladimir", "RUSGOV")
    assert found["Москве"][0] == "geo:524901"  # after "в": the city, a place
    assert found["послом Ирана"][:2] == ("IRN", "IRNGOV")  # the ambassador: Iran's government
    assert provisional == []


def test_russian_capital_acting_is_the_government_and_a_role_finds_its_holder(loaded_pipeline):
    found, _ = linked(loaded_pipeline, "Москва осудила удары по Дамаску, заявил министр иностранных дел России.", "ru")
    assert found["Москва"][:2] == ("RUS", "RUSGOV")
    assert found["министр иностранных дел России"][0] == "lavrov_sergei"
    found, _ = linked(loaded_pipeline, "Лавров встретился с Нетаньяху и с Зеленским.", "ru")
    assert {v[0] for v in found.values()} == {"lavrov_sergei", "netanyahu_benjamin", "zelensky_volodymyr"}


def test_french_report(loaded_pipeline):
    found, _ = linked(loaded_pipeline, "Le président russe a reçu à Moscou le ministre iranien des Affaires "
                                       "étrangères. La Chine a salué la rencontre, selon l'Égypte.", "fr")
    assert found["président russe"][0] == "putin_vladimir"
    assert found["Moscou"][0] == "geo:524901"
    assert found["ministre iranien des Affaires étrangères"][0] == "amir_abdollahian_hossein"
    assert found["Chine"][0] == "CHN"
    assert found["Égypte"][0] == "EGY"  # the elided article split off


def test_spanish_report(loaded_pipeline):
    found, _ = linked(loaded_pipeline, "El presidente de Rusia se reunió en Teherán con el líder supremo iraní. "
                                       "Estados Unidos y Arabia Saudí criticaron la visita.", "es")
    assert found["presidente de Rusia"][0] == "putin_vladimir"
    assert found["Teherán"][0] == "geo:112931"
    assert found["líder supremo iraní"][0] == "khamenei_ali"
    assert found["Estados Unidos"][0] == "USA"
    assert found["Arabia Saudí"][0] == "SAU"


def test_arabic_report_with_article_and_proclitics(loaded_pipeline):
    found, _ = linked(loaded_pipeline, "التقى الرئيس الروسي فلاديمير بوتين في موسكو بوزير الخارجية الإيراني، "
                                       "وقالت دمشق إن سوريا ترحب بالاتفاق وبوتين يزور القاهرة.", "ar")
    assert found["فلاديمير بوتين"][0] == "putin_vladimir"
    assert found["موسكو"][0] == "geo:524901"
    assert found["بوزير الخارجية الإيراني"][0] == "amir_abdollahian_hossein"  # bi- on the role
    assert found["دمشق"][:2] == ("SYR", "SYRGOV")
    assert found["سوريا"][0] == "SYR"
    assert found["وبوتين"][0] == "putin_vladimir"  # wa- on the name
    assert found["القاهرة"][:2] == ("EGY", "EGYGOV")


def test_persian_report_with_persian_letters(loaded_pipeline):
    found, _ = linked(loaded_pipeline, "رئیس جمهور روسیه ولادیمیر پوتین در تهران با عباس عراقچی دیدار کرد. "
                                       "وزیر امور خارجه ایران گفت که آمریکا و سوریه مسئول هستند.", "fa")
    assert found["روسیه"][0] == "RUS"
    assert found["ولادیمیر پوتین"][0] == "putin_vladimir"
    assert found["تهران"][0] == "geo:112931"
    assert found["عباس عراقچی"][0] == "araghchi_abbas"
    assert found["وزیر امور خارجه ایران"][0] == "amir_abdollahian_hossein"
    assert found["آمریکا"][0] == "USA"
    assert found["سوریه"][0] == "SYR"


def test_a_role_resolves_on_the_day(loaded_pipeline):
    found, _ = linked(loaded_pipeline, "Российский министр обороны прибыл в Минск.", "ru", "2024-08-01")
    assert found["Российский министр обороны"][0] == "belousov_andrei"
    found, _ = linked(loaded_pipeline, "Российский министр обороны прибыл в Минск.", "ru", "2023-08-01")
    assert found["Российский министр обороны"][0] == "shoigu_sergei"


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Послом Ирана назначен дипломат. МИД России ответил, что НАТО и хуситы виноваты.", "ru",
     {"Послом Ирана": ("IRN", "IRNGOV"), "МИД России": ("RUS", "RUSGOV"), "НАТО": ("NATO", "IGONAT"),
      "хуситы": ("HOUTHIS", "YEMREB")}),
    ("L'armée russe a frappé, selon l'ONU et les talibans.", "fr",
     {"armée russe": ("RUS", "RUSMIL"), "ONU": ("UN", "IGOUNO"), "talibans": ("TALIBAN", "AFGREB")}),
    ("El gobierno de Irán y la OTAN.", "es", {"gobierno de Irán": ("IRN", "IRNGOV"), "OTAN": ("NATO", "IGONAT")}),
    ("قال الجيش الروسي إن الحرس الثوري وحزب الله", "ar",
     {"الجيش الروسي": ("RUS", "RUSMIL"), "الحرس الثوري": ("IRGC", "IRNMIL"), "وحزب الله": ("HEZBOLLAH", "LBNREB")}),
    ("سپاه پاسداران و ارتش ایران و سازمان ملل", "fa",
     {"سپاه پاسداران": ("IRGC", "IRNMIL"), "ارتش ایران": ("IRN", "IRNMIL"), "سازمان ملل": ("UN", "IGOUNO")}),
])
def test_organisations_and_state_institutions(loaded_pipeline, text, language, expected):
    found, _ = linked(loaded_pipeline, text, language)
    assert {surface: found[surface][:2] for surface in expected} == expected


def test_unknown_names_stay_unlinked(loaded_pipeline):
    found, provisional = linked(loaded_pipeline, "Казем Джалали прибыл в Тебриз.", "ru")
    assert provisional == []
    assert found == {}


def test_common_words_are_no_states_or_capitals(loaded_pipeline):
    # "Того" (of that) is no Togo; عمان is Oman, whose name Amman shares in Arabic script
    found, _ = linked(loaded_pipeline, "Того же мнения придерживается Франция.", "ru")
    assert found == {"Франция": ("FRA", "FRA", "alias")}
    found, _ = linked(loaded_pipeline, "وصل الوزير إلى عمان.", "ar")
    assert found["عمان"][0] == "OMN"
