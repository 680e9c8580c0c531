"""Time normalisation by category, relative to the publication date, never to the clock."""

from __future__ import annotations

import pytest

from dyads.time import find_time_expressions, load_periods

PERIODS = load_periods()
PUB = "2024-05-21"  # a Tuesday


def values(text, published=PUB):
    return [(r.value, r.precision) for r in find_time_expressions(text, published, PERIODS)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On Sunday at 10 p.m. the meeting began.", [("2024-05-19", "day")]),
        ("They met on 21 May 2024.", [("2024-05-21", "day")]),
        ("They met on May 3rd, 2019.", [("2019-05-03", "day")]),
        ("They met on 2024-05-02.", [("2024-05-02", "day")]),
        ("They met on 03/04/2021.", [("2021-04-03", "day")]),
        ("They met on 05/21/2024.", [("2024-05-21", "day")]),
        ("It began in May 2017.", [("2017-05", "month")]),
        ("They agreed in March to restore ties.", [("2024-03", "month")]),
        ("Talks stalled in November.", [("2023-11", "month")]),
        ("Ties grew after 2015.", [("2015", "year")]),
        ("It was common in the 1990s.", [("1990", "decade")]),
        ("In the 19th century Russia expanded.", [("1801/1900", "range")]),
        ("during the Second World War", [("1939/1945", "range")]),
        ("after the Iran-Iraq war", [("1980/1988", "range")]),
        ("Protests broke out two days ago.", [("2024-05-19", "day")]),
        ("Protests broke out yesterday.", [("2024-05-20", "day")]),
        ("It happened last month.", [("2024-04", "month")]),
        ("It happened earlier this year.", [("2024", "year")]),
        ("It happened last week.", [("2024-05-13/2024-05-19", "range")]),
        ("The deal was signed on 1403/02/30.", [("2024-05-19", "day")]),
        ("The deal was signed on ۱۴۰۳/۰۲/۳۰.", [("2024-05-19", "day")]),
        ("Talks began on 12 Ramadan 1445 AH.", [("2024-03-22", "day")]),
        ("The talks were held on May 2.", [("2024-05-02", "day")]),
        ("About 2,000 troops and 150 tanks moved.", []),
        ("Officials may 5 times revise it.", []),
    ],
)
def test_categories(text, expected):
    assert values(text) == expected


def test_future_clauses_point_forward():
    assert values("The minister will travel on Friday.") == [("2024-05-24", "day")]
    assert values("He said on Monday that talks will resume on 2 March.") == [("2024-05-20", "day"),
                                                                             ("2025-03-02", "day")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks began on 3 May 2024. The next day, both sides walked out.", ["2024-05-03", "2024-05-04"]),
        ("The vote was held on 3 May 2024. Two days later, results came.", ["2024-05-03", "2024-05-05"]),
        ("Troops crossed on 1 March 2022. The previous day, envoys met.", ["2022-03-01", "2022-02-28"]),
        ("The quake struck on 2 June 2023, and aid arrived that evening.", ["2023-06-02", "2023-06-02"]),
        ("Ministers met last night and will meet again the day after tomorrow.", ["2024-05-20", "2024-05-23"]),
    ],
)
def test_narrative_and_day_words(text, expected):
    assert [v for v, _p in values(text)] == expected


def test_persian_month_names_and_slashed_gregorian():
    assert values("Rallies were held on 22 Bahman 1402.") == [("2024-02-11", "day")]
    assert values("The letter is dated ۲۰۱۸/۰۵/۰۸.") == [("2018-05-08", "day")]


def test_unknown_publication_date_leaves_relative_expressions_unresolved():
    found = find_time_expressions("On Sunday, two days ago, last week.", None, PERIODS)
    assert found and all(r.value is None and r.anchor == "unresolved" for r in found)
    assert values("In May 2017 they met.", published=None) == [("2017-05", "month")]
