"""The gazetteer: regions, seas and straits, small towns, cities NER mislabels, and fuzzy suggestions.

Sentences written for these tests. Expected places are looked up in the base by a name of
their own (not the one in the sentence), so a test fails when linking picks another place.
"""

from __future__ import annotations

import pytest

from dyads.cli import main
from dyads.extract import content_hash
from dyads.geo.gazetteer import read_towns, town_key
from dyads.kb.base import search_actors
from dyads.kb.fuzzy import name_similarity
from dyads.nlp import parse_documents
from dyads.types import Document

NO_DB = ["--db", "/nonexistent/none.duckdb"]


@pytest.fixture(scope="module")
def kb(loaded_pipeline):
    return loaded_pipeline._part("kb")


def links(loaded_pipeline, text: str, published: str = "2024-03-01") -> dict[str, str]:
    """Surface -> actor id of every mention the linker finds in ``text``."""
    digest = content_hash(text)
    document = Document(doc_id=digest[:16], source="t", text=text, content_hash=digest, published=published)
    parsed = next(parse_documents(loaded_pipeline._part("nlp"), [document]))
    mentions, _provisional = loaded_pipeline._part("linker").link(parsed)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
    return {m.surface: m.actor_id for m in mentions}


def only(kb, name: str, kind: str = "location", country: str | None = None):
    found = [a for a in kb.lookup(name) if a.type == kind and (country is None or a.country == country)]
    assert len(found) == 1, (name, found)
    return found[0]


def test_regions_with_their_noun_are_the_region_not_the_city(loaded_pipeline, kb):
    region = only(kb, "Idlib Governorate", country="SYR")
    city = next(a for a in kb.lookup("Idlib") if a.actor_id != region.actor_id)
    assert region.lat is not None and region.actor_id != city.actor_id
    found = links(loaded_pipeline, "Shelling hit Idlib province on Monday, and a market in Idlib was closed.")
    assert found["Idlib province"] == region.actor_id
    assert found["Idlib"] == city.actor_id
    found = links(loaded_pipeline, "Aid convoys reached the province of Idlib on Tuesday.")
    assert found["Idlib"] == region.actor_id
    oblast = only(kb, "Kherson Oblast", country="UKR")
    assert links(loaded_pipeline, "Russian forces withdrew from Kherson oblast.")["Kherson oblast"] == oblast.actor_id
    assert links(loaded_pipeline, "Drones struck the Kherson region overnight.")["Kherson region"] == oblast.actor_id


def test_regions_named_like_words_or_peoples_need_their_noun(kb):
    # Isle of Man's parish "German" must not answer for the demonym; no region is called "North" alone
    assert all(a.type != "location" for a in kb.lookup("German"))
    assert not any(a.type == "location" and a.name == "North" for a in kb.lookup("North"))


@pytest.mark.parametrize(("sentence", "surface", "name"), [
    ("A tanker was attacked in the Black Sea on Sunday.", "Black Sea", "Black Sea"),
    ("Houthi rebels fired at ships in the Bab el-Mandeb.", "Bab el-Mandeb", "Bab al-Mandab Strait"),
    ("Iran seized a vessel in the Strait of Hormuz.", "Strait of Hormuz", "Hormuz Strait"),
    ("Ukrainian drones hit a ferry in the Kerch Strait.", "Kerch Strait", "Strait of Kerch"),
    ("Warships patrolled the Gulf of Aden.", "Gulf of Aden", "Gulf of Aden"),
])
def test_seas_gulfs_and_straits(loaded_pipeline, kb, sentence, surface, name):
    place = only(kb, name)
    assert place.lat is not None and place.lon is not None
    assert links(loaded_pipeline, sentence)[surface] == place.actor_id


def test_small_towns_are_linked_with_their_country(loaded_pipeline, kb):
    found = links(loaded_pipeline, "Ukrainian troops left Vuhledar after months of shelling near Kherson. "
                                   "A drone struck a school in Borodianka, Ukraine.")
    for name in ("Vuhledar", "Borodianka"):
        town = only(kb, name, country="UKR")
        assert found[name] == town.actor_id
        assert town.lat is not None
    found = links(loaded_pipeline, "Rescuers pulled survivors from the rubble in Jindayris, Syria.")
    assert found["Jindayris"] == only(kb, "Jindayris", country="SYR").actor_id


def test_small_towns_named_like_words_or_people_are_not_linked(loaded_pipeline, kb):
    assert any(a.type == "location" for a in kb.lookup("Aroma"))  # a town in Sudan
    found = links(loaded_pipeline, "Aroma and taste matter, the chef said. Turnout was low in the Middle East poll.")
    assert not any(actor.startswith("geo:") for actor in found.values())


@pytest.mark.parametrize(("sentence", "surface", "name"), [
    ("An air strike hit the outskirts of Aleppo.", "Aleppo", "Aleppo"),
    ("The Free Syrian Army denied any part in the Aleppo blasts.", "Aleppo", "Aleppo"),
    ("Residents of the port city of Hodeidah reported explosions.", "Hodeidah", "Al Hudaydah"),
    ("In Raqqa people queued for bread on Friday.", "Raqqa", "Ar Raqqah"),
])
def test_cities_of_the_base_in_running_text(loaded_pipeline, kb, sentence, surface, name):
    city = next(a for a in kb.lookup(name) if a.type == "location")
    assert links(loaded_pipeline, sentence).get(surface) == city.actor_id


def test_towns_table_is_sorted_and_keyed_by_its_names():
    towns = read_towns()
    assert len(towns) > 100_000
    assert all(towns.keys[i] <= towns.keys[i + 1] for i in range(0, len(towns.keys) - 1, 997))
    assert list(towns.ids) == sorted(towns.ids)
    for at in range(0, len(towns.keys), 20_011):  # a key is the town_key of one of its town's names
        assert towns.keys[at] in {town_key(name) for name in towns.names[towns.rows[at]].split("|")}


def test_towns_become_actors_when_asked_for(kb):
    town = only(kb, "Krasnohorivka", country="UKR")
    assert town.actor_id in kb.actors and kb.actors.get(town.actor_id) == town
    assert "geo:999999999" not in kb.actors and kb.actors.get("geo:999999999") is None


def test_name_similarity_ignores_short_and_generic_names():
    assert name_similarity("bay of bengal", "bay") == 0
    assert name_similarity("sea of azov", "azov") == 0
    assert name_similarity("sea", "sea") == 0
    assert name_similarity("zelensky", "volodymyr zelensky") >= 90
    assert name_similarity("mahshad", "mashhad") >= 85


def test_search_does_not_answer_with_a_stop_word(kb):
    for query in ("Bay of Bengal", "Sea of Azov", "Bab el-Mandeb"):
        best = search_actors(kb, query, 1)[0][0]
        assert best.name.lower().startswith(query.split()[0].lower()), (query, best)


@pytest.mark.parametrize(("query", "expected"), [
    ("Bay of Bengal", "Bay of Bengal"), ("Sea of Azov", "Sea of Azov"), ("Bab el-Mandeb", "Bab el-Mandeb"),
    ("Idlib province", "Idlib Governorate"), ("Vuhledar", "Vuhledar"),
])
def test_kb_show_places_with_coordinates(capsys, query, expected):
    assert main(["kb", "show", query, *NO_DB]) == 0
    out = capsys.readouterr().out
    assert out.startswith(expected) and "\n  at " in out and "closest" not in out


def test_kb_show_says_when_nothing_is_close(capsys):
    assert main(["kb", "show", "Qwxzv Bay", *NO_DB]) == 1
    captured = capsys.readouterr()
    assert "no actor named" in captured.err and captured.out == ""


@pytest.mark.parametrize(("sentence", "surface", "country"), [
    ("Lebanese troops deployed in Tripoli after clashes.", "Tripoli", "LBN"),
    ("Libyan militias fought in Tripoli overnight.", "Tripoli", "LBY"),
    ("ADF rebels killed 20 villagers near Beni, in the Democratic Republic of the Congo.", "Beni", "COD"),
    ("Wildfires spread across Arizona, US officials said.", "Arizona", "USA"),
])
def test_places_sharing_a_name_follow_the_article_s_countries(loaded_pipeline, kb, sentence, surface, country):
    actor = kb.actors[links(loaded_pipeline, sentence)[surface]]
    assert actor.type == "location" and actor.country == country


@pytest.mark.parametrize("text", [
    "The two sides signed the accord in March and met again on Sunday.",
    "MOSCOW, March 21, 2023 - Russia and China ended talks in May.",
    "Elections are due in August, the commission said on Friday.",
])
def test_month_and_weekday_names_are_times_not_towns(loaded_pipeline, text):
    """Towns share names with months ("March", Cambridgeshire): in news those words date, not place."""
    found = links(loaded_pipeline, text)
    assert not {s for s in found if town_key(s) in {"march", "may", "august", "sunday", "friday"}}, found
