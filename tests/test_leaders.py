"""The dated table of heads of state and government since 1975 (``dyads/kb/data/leaders``): its
format, its consistency, and linking by it: roles on a historical day, surnames resolved by the
document's date, and title plus nationality when the name is unknown. The sentences are ours."""

from __future__ import annotations

from importlib import resources

import pytest
from test_linking_rules import linked

from dyads.kb.leaders import (
    LEADERS_DIR,
    LeaderTableError,
    check_terms,
    last_day,
    parse_terms,
    person_records,
    read_terms,
)


def test_the_table_has_no_repeated_or_overlapping_terms():
    terms = read_terms(resources.files("dyads.kb") / "data" / LEADERS_DIR)
    assert len(terms) > 300
    assert check_terms(terms) == []


def test_overlapping_terms_of_one_office_are_found():
    rows = ["KEN|P|Ann One|1990-01|1995-06|", "KEN|P|Bob Two|1993-02|2000|", "KEN|P|Cy Three|2000|2004|"]
    problems = check_terms(list(parse_terms(rows, "t.psv")))
    # Bob starts while Ann holds the office; Cy starts in the year Bob's term ends, which is allowed
    assert len(problems) == 1 and "Bob Two" in problems[0] and "t.psv:2" in problems[0]


@pytest.mark.parametrize("row", ["KEN|X|Ann One|1990|1995|", "KEN|P|Ann One|1990|1985|", "KE|P|Ann|1990||",
                                 "KEN|P|Ann One|90|1995|", "KEN|P|Ann One"])
def test_broken_rows_name_their_line(row):
    with pytest.raises(LeaderTableError, match=r"t\.psv:2"):
        list(parse_terms(["# comment", row], "t.psv"))


def test_a_partial_end_date_ends_on_the_last_day_of_its_period():
    assert (last_day("1993"), last_day("1992-02"), last_day("1993-12-07")) == ("1993-12-31", "1992-02-29", "1993-12-07")


def test_a_person_already_in_the_base_gets_the_terms_added_not_a_twin():
    known = [{"actor_id": "doe_ann", "name": "Ann Doe", "type": "person", "country": "KEN", "codes": ["KENGOV"],
              "aliases": ["Ann B. Doe"], "roles": [{"title": "president", "country": "KEN", "start": "1990-01-01",
                                                     "end": "1994-12-31"}]}]
    rows = ["KEN|P|Ann B. Doe|1990-01|1994|Annie Doe", "KEN|FM|Ann B. Doe|1985|1989|", "UGA|P|Ann Doe|2001||"]
    records = {r["actor_id"]: r for r in person_records(parse_terms(rows, "t.psv"), known, {"doe_ann"})}
    kenyan = records["doe_ann"]
    assert [r["title"] for r in kenyan["roles"]] == ["president", "foreign minister"]  # the term held is not repeated
    assert "Annie Doe" in kenyan["aliases"]
    assert records["doe_ann_"]["country"] == "UGA"  # a namesake elsewhere is another person


# -- linking by the table -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "published", "surface", "actor"), [
    ("Kenya's president dissolved parliament on Tuesday.", "1995-03-14", "Kenya's president", "moi_daniel_arap"),
    ("Kenya's president dissolved parliament on Tuesday.", "2010-03-16", "Kenya's president", "kibaki_mwai"),
    ("The Nigerian foreign minister flew to Accra.", "1996-05-02", "Nigerian foreign minister", "ikimi_tom"),
    ("Zambia's president opened the copper talks.", "1988-06-01", "Zambia's president", "kaunda_kenneth"),
])
def test_historical_roles_resolve_on_the_documents_day(loaded_pipeline, text, published, surface, actor):
    assert linked(loaded_pipeline, text, published)[surface][0] == actor


@pytest.mark.parametrize(("text", "published", "surface", "actor", "code"), [
    ("Gbagbo rejected the plan drawn up in Dakar.", "2003-02-01", "Gbagbo", "gbagbo_laurent", "CIVGOV"),
    ("Museveni told the rebels to lay down their arms.", "1996-08-10", "Museveni", "museveni_yoweri", "UGAGOV"),
    ("Rawlings said the summit in Lome had failed.", "1990-04-11", "Rawlings", "rawlings_jerry", "GHAGOV"),
])
def test_surnames_of_past_leaders_resolve_by_date(loaded_pipeline, text, published, surface, actor, code):
    assert linked(loaded_pipeline, text, published)[surface][:2] == (actor, code)


def test_full_names_of_past_leaders_link_without_a_date(loaded_pipeline):
    found = linked(loaded_pipeline, "President Yoweri Museveni warned the rebels in the north.", None)
    assert found["Yoweri Museveni"][:2] == ("museveni_yoweri", "UGAGOV")


# -- title and nationality when the name is unknown -----------------------------------------------------
@pytest.mark.parametrize(("text", "surface", "code"), [
    ("Serbian President Dragan Petrovac promised new elections.", "Dragan Petrovac", "SRBGOV"),
    ("Sudanese Foreign Minister Omar Hamidi said talks would resume.", "Omar Hamidi", "SDNGOV"),
    ("King Idris of Morocco received the delegation.", "King Idris of Morocco", "MARGOV"),
    ("President Amadou Zongo of Burkina Faso left for Paris.", "President Amadou Zongo of Burkina Faso", "BFAGOV"),
])
def test_a_title_with_its_country_gives_the_government_when_the_name_is_unknown(loaded_pipeline, text, surface,
                                                                               code):
    assert linked(loaded_pipeline, text, None)[surface][1] == code


def test_a_bare_title_and_unknown_name_without_a_country_stays_unknown(loaded_pipeline):
    found = linked(loaded_pipeline, "President Idris Talbouni said the talks would go on.", None)
    assert all(code is None for _actor, code, _kind in found.values())


def test_a_leader_named_with_the_country_he_served_acts_for_it(loaded_pipeline):
    # Kostunica was Yugoslavia's president and then Serbia's prime minister
    found = linked(loaded_pipeline, "Serbian President Vojislav Kostunica promised elections.", None)
    assert found["Serbian President Vojislav Kostunica"][:2] == ("kostunica_vojislav", "SRBGOV")


def test_a_juntas_chairman_is_his_countrys_president(loaded_pipeline):
    found = linked(loaded_pipeline, "Nigeria's president flew to Kano.", "1995-05-01")
    assert found["Nigeria's president"][:2] == ("abacha_sani", "NGAGOV")


def test_a_king_by_his_short_title_and_country(loaded_pipeline):
    found = linked(loaded_pipeline, "King Hassan of Morocco received the envoy.", "1990-02-01")
    assert next(v for k, v in found.items() if k.startswith("King Hassan"))[0] == "hassan_ii"


@pytest.mark.parametrize(("text", "published", "word"), [
    ("The talks will resume on Friday, officials said.", "2025-12-01", "Friday"),  # Godwin Friday, St Vincent
    ("The minutes were published in English and French.", "2017-01-05", "English"),  # Bill English, New Zealand
])
def test_a_day_or_a_language_is_no_leaders_surname(loaded_pipeline, text, published, word):
    assert word not in linked(loaded_pipeline, text, published)


def test_regional_leaders_of_the_table_link_by_date(loaded_pipeline):
    found = linked(loaded_pipeline, "Poland's prime minister met the Hungarian prime minister in Warsaw.", "1996-05-10")
    assert found["Poland's prime minister"][0] == "cimoszewicz_wlodzimierz"
    assert found["Hungarian prime minister"][0] == "horn_gyula"
