"""Words that name places only sometimes: common words and people's names that minor places bear,
places and demonyms inside longer names, and acronyms in capitals. The sentences are ours."""

from __future__ import annotations

import pytest

from dyads.extract import content_hash
from dyads.kb.place_words import PLACE_WORDS, needs_place_evidence
from dyads.types import Document


def mentions_of(pipeline, text: str, published: str):
    """The mentions the whole pipeline finds in one text."""
    digest = content_hash(text)
    document = Document(doc_id=digest[:16], source="t", text=text, content_hash=digest, published=published)
    return next(pipeline.process([document])).mentions


def places_of(pipeline, text: str, kb_actors) -> dict[str, str]:
    """Surface -> actor id of the mentions linked to a place or a state of the base."""
    return {m.surface: m.actor_id for m in mentions_of(pipeline, text, "2024-05-01")
            if m.actor_id in kb_actors and kb_actors[m.actor_id].type in ("location", "state")}


@pytest.fixture(scope="module")
def kb_actors(loaded_pipeline):
    return loaded_pipeline._part("kb").actors


def test_the_word_list_holds_words_that_name_minor_places():
    assert {"enterprise", "vista", "lion", "napier", "jupiter"} <= PLACE_WORDS
    assert "moscow" not in PLACE_WORDS


def test_large_cities_and_capitals_by_their_own_name_need_no_evidence(loaded_pipeline):
    kb = loaded_pipeline._part("kb")
    entries = {key: kb.aliases[(key,)] for key in ("phoenix", "paris", "enterprise", "lion")}

    def own_name(key: str, country: str):
        return next(e for e in entries[key] if e.kind == "name" and kb.actors[e.actor_id].country == country)

    assert not needs_place_evidence(kb, ("phoenix",), own_name("phoenix", "USA"))
    assert not needs_place_evidence(kb, ("paris",), own_name("paris", "FRA"))
    assert all(needs_place_evidence(kb, ("enterprise",), e) for e in entries["enterprise"])
    assert all(needs_place_evidence(kb, ("lion",), e) for e in entries["lion"])  # a variant of Lyon


@pytest.mark.parametrize("text", [
    "The update reaches Windows Vista Home and Enterprise editions next month.",
    "The Lion release of the operating system added new gestures.",
    "Researchers led by Napier reported the results in a journal.",
])
def test_a_word_of_another_kind_is_no_minor_place_without_evidence(loaded_pipeline, kb_actors, text):
    found = places_of(loaded_pipeline, text, kb_actors)
    assert not {"Vista", "Enterprise", "Lion", "Napier"} & set(found), found


@pytest.mark.parametrize(("text", "surface"), [
    ("Mayor Smith of Enterprise, Alabama, said the water was safe.", "Enterprise"),
    ("She grew up in Enterprise and moved away at twenty.", "Enterprise"),
])
def test_a_word_used_as_a_place_is_the_place(loaded_pipeline, kb_actors, text, surface):
    found = places_of(loaded_pipeline, text, kb_actors)
    assert kb_actors[found[surface]].country == "USA", found


@pytest.mark.parametrize(("text", "surfaces"), [
    ("He gave a lecture at Georgetown University in 2008.", {"Georgetown", "University"}),
    ("She is the first justice of Native American heritage.", {"American"}),
])
def test_places_and_demonyms_inside_longer_names_are_not_mentions(loaded_pipeline, kb_actors, text, surfaces):
    found = places_of(loaded_pipeline, text, kb_actors)
    assert not surfaces & set(found), found


def test_an_organisation_named_after_its_state_takes_the_states_code(loaded_pipeline, kb_actors):
    mentions = mentions_of(loaded_pipeline, "The U.S. Census Bureau published new estimates on Tuesday.",
                           "2024-05-01")
    assert not [m for m in mentions if m.actor_id == "USA"]
    bureau = next(m for m in mentions if m.surface.endswith("U.S. Census Bureau"))
    assert bureau.actor_id.startswith("new:") and bureau.code.startswith("USA")
    army = {m.surface: m.code for m in mentions_of(loaded_pipeline, "The U.S. Army sent more troops.", "2024-05-01")}
    assert army.get("U.S. Army") == "USAMIL"
    # a body of the state named by its group noun stays the state's
    embassy = places_of(loaded_pipeline, "Students protested in front of the Russian Embassy in Tehran.", kb_actors)
    assert embassy.get("Russian") == "RUS", embassy


@pytest.mark.parametrize("text", [
    "The trial results were published in JAMA last week.",
    "Doctors say NICE will approve the drug soon.",
])
def test_an_acronym_is_no_place_read_in_capitals(loaded_pipeline, kb_actors, text):
    assert not places_of(loaded_pipeline, text, kb_actors)


def test_places_apart_in_one_entity_stay_places(loaded_pipeline, kb_actors):
    # NER may run one organisation over "Pskov to Belarus": the two are no words of one name
    found = places_of(loaded_pipeline, "Russia deployed troops from Pskov to Belarus.", kb_actors)
    assert found.get("Belarus") == "BLR", found
