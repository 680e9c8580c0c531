"""Time expressions in Russian, French, Spanish, Arabic and Persian, resolved against the publication day."""

from __future__ import annotations

import pytest

from dyads.time import find_time_expressions, load_periods
from dyads.time.languages import fold, time_language

PUBLISHED = "2024-05-21"  # a Tuesday


@pytest.fixture(scope="module")
def periods():
    return load_periods()


@pytest.mark.parametrize("language, text, expected", [
    ("ru", "Встреча прошла в понедельник в Москве.", [("в понедельник", "2024-05-20")]),
    ("ru", "ТЕГЕРАН, 21 мая 2024 года. Переговоры начались три дня назад.",
     [("21 мая 2024 года", "2024-05-21"), ("три дня назад", "2024-05-18")]),
    ("ru", "Вчера президент прибыл, а на прошлой неделе министр посетил Анкару.",
     [("Вчера", "2024-05-20"), ("на прошлой неделе", "2024-05-13/2024-05-19")]),
    ("ru", "Визит намечен на следующий вторник, в мае 2025 года.",
     [("следующий вторник", "2024-05-28"), ("мае 2025 года", "2025-05")]),
    ("fr", "La réunion a eu lieu lundi dernier, le 1er mars 2024, et il y a deux semaines.",
     [("lundi dernier", "2024-05-20"), ("1er mars 2024", "2024-03-01"),
      ("il y a deux semaines", "2024-05-06/2024-05-12")]),
    ("fr", "Hier, le ministre a annoncé la visite pour la semaine prochaine.",
     [("Hier", "2024-05-20"), ("la semaine prochaine", "2024-05-27/2024-06-02")]),
    ("es", "El 21 de mayo de 2024 y ayer, hace tres días, el lunes pasado.",
     [("21 de mayo de 2024", "2024-05-21"), ("ayer", "2024-05-20"), ("hace tres días", "2024-05-18"),
      ("lunes pasado", "2024-05-20")]),
    # Arabic-Indic digits, the proclitic و, Levantine month names and hamza variants
    ("ar", "وأمس أعلنت الحكومة، منذ ٣ أيام في ٥ أيار ٢٠٢٤ والأسبوع الماضي.",
     [("أمس", "2024-05-20"), ("منذ ٣ أيام", "2024-05-18"), ("٥ أيار ٢٠٢٤", "2024-05-05"),
      ("الأسبوع الماضي", "2024-05-13/2024-05-19")]),
    ("ar", "وصل يوم الأحد الماضي في 21 ابريل 2024.",
     [("يوم الأحد الماضي", "2024-05-19"), ("21 ابريل 2024", "2024-04-21")]),
    # Persian digits, a Solar Hijri date, ی/ي and the zero-width non-joiner
    ("fa", "دیروز وزیر در ۱ خرداد ۱۴۰۳ و سه روز پیش و هفته گذشته.",
     [("دیروز", "2024-05-20"), ("۱ خرداد ۱۴۰۳", "2024-05-21"), ("سه روز پیش", "2024-05-18"),
      ("هفته گذشته", "2024-05-13/2024-05-19")]),
    ("fa", "امروز سه\u200cشنبه بود.", [("امروز", "2024-05-21"), ("سه\u200cشنبه", "2024-05-21")]),
])
def test_time_words_of_other_languages(periods, language, text, expected):
    found = [(r.text, r.value) for r in find_time_expressions(text, PUBLISHED, periods, language=language)]
    assert found == expected


def test_relative_words_stay_unresolved_without_a_publication_date(periods):
    [found] = find_time_expressions("Вчера президент прибыл.", None, periods, language="ru")
    assert (found.text, found.value, found.anchor) == ("Вчера", None, "unresolved")


def test_english_and_unknown_languages_add_nothing(periods):
    assert time_language("en") is None and time_language("de") is None and time_language("../x") is None
    # without the language, Russian words are not read (only the year)
    assert [r.text for r in find_time_expressions("Вчера, 21 мая 2024 года", PUBLISHED, periods)] == ["2024"]


def test_folding_joins_written_variants():
    assert fold("أيّار") == fold("ايار")
    assert fold("سه\u200cشنبه") == fold("سه شنبه")
    assert fold("یکشنبه") == fold("يكشنبه")
