"""Knowledge base and linking: variants, metonyms, demonym groups, dated roles, places."""

from __future__ import annotations

import pytest

from dyads.extract import content_hash
from dyads.kb.normalize import normalize_name
from dyads.nlp import parse_documents
from dyads.types import Document


@pytest.fixture(scope="module")
def kb(loaded_pipeline):
    return loaded_pipeline._part("kb")


def link(loaded_pipeline, text: str, published: str | None):
    digest = content_hash(text)
    document = Document(doc_id=digest[:16], source="t", text=text, content_hash=digest, published=published)
    parsed = next(parse_documents(loaded_pipeline._part("nlp"), [document]))
    mentions, _provisional = loaded_pipeline._part("linker").link(parsed)
    return {(m.surface, m.actor_id, m.code) for m in mentions}, mentions


@pytest.mark.parametrize(("a", "b"), [
    ("Ebrahim Raisi", "Ibrahim Raisi"), ("Hassan Rohani", "Hasan Rouhani"),
    ("Mohammed bin Salman", "Muhammad bin Salman"),
    ("Bashar el-Assad", "Bashar al-Assad"), ("Volodymyr Zelenskyy", "Volodymyr Zelensky"), ("Erdoğan", "Erdogan"),
])
def test_variants_normalise_alike(a, b):
    assert normalize_name(a) == normalize_name(b)


def test_lookup_variant_spellings(kb):
    assert [a.name for a in kb.lookup("Ibrahim Raisi")] == [a.name for a in kb.lookup("Ebrahim Raisi")]
    assert kb.lookup("Ebrahim Raisi")[0].type == "person"
    assert kb.lookup("Rohani")[0].actor_id == kb.lookup("Hassan Rouhani")[0].actor_id
    mashhad = kb.lookup("Mashhad")
    assert mashhad and mashhad[0].type == "location" and mashhad[0].country == "IRN"


def test_dated_roles(kb):
    assert {a.name for a in kb.holders("president", "IRN", "2017-05-01")} == {kb.lookup("Hassan Rouhani")[0].name}
    assert {a.name for a in kb.holders("president", "IRN", "2023-03-01")} == {kb.lookup("Ebrahim Raisi")[0].name}


def test_linking_metonyms_groups_roles_and_surnames(loaded_pipeline, kb):
    text = ("The Kremlin said on Monday that Iranian students had gathered outside the embassy. "
            "Iran's president met Russian rescue forces. Ebrahim Raisi thanked them, and Raisi later left.")
    found, mentions = link(loaded_pipeline, text, "2023-02-07")
    codes = {surface: code for surface, _actor, code in found}
    assert codes["The Kremlin"] == "RUSGOV"
    assert codes["Iranian students"] == "IRNEDU"
    assert codes["Russian rescue forces"] in ("RUSGOV", "RUSMIL")
    raisi = kb.lookup("Ebrahim Raisi")[0].actor_id
    assert ("Iran's president", raisi, "IRNGOV") in found
    assert sum(1 for m in mentions if m.actor_id == raisi) == 3  # role, full name, surname
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface


def test_misspelt_city_in_an_iranian_article(loaded_pipeline, kb):
    text = "The delegation travelled from Tehran to the holy city of Mahshad in Iran, where it met local clerics."
    _found, mentions = link(loaded_pipeline, text, "2017-04-10")
    mashhad = kb.lookup("Mashhad")[0].actor_id
    assert any(m.actor_id == mashhad and m.surface == "Mahshad" for m in mentions)


def test_acronyms_need_capitals(loaded_pipeline):
    found, _mentions = link(loaded_pipeline, "Who will pay? The WHO said the US would.", "2020-01-01")
    surfaces = {s for s, _a, _c in found}
    assert "WHO" in surfaces and "US" in surfaces and "Who" not in surfaces


@pytest.mark.parametrize(("text", "surface", "code"), [
    # names of the 1980s and 1990s news: the EU's predecessor, old state names, armed movements
    ("European Community ministers met in Brussels.", "European Community", "IGOEUR"),
    ("Kampuchean troops crossed the river.", "Kampuchean troops", "KHMMIL"),
    ("The Tamil Tigers attacked a navy base.", "Tamil Tigers", "LKAREB"),
    ("UNITA rejected the offer.", "UNITA", "AGOREB"),
    ("The Khmer Rouge rejected the plan.", "Khmer Rouge", "KHMREB"),
    # radicals are a sector of their own country
    ("Croatian extremists attacked the office.", "Croatian extremists", "HRVRAD"),
])
def test_historical_names_and_radicals(loaded_pipeline, text, surface, code):
    found, _mentions = link(loaded_pipeline, text, None)
    assert any(s == surface and c == code for s, _a, c in found), found
