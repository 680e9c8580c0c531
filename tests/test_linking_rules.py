"""Linking rules for news the linker was not written for: surnames and short forms, roles whose
country comes from the context, capitals as places or governments, German and French spellings,
and the day a role changes hands. The sentences are ours."""

from __future__ import annotations

import pytest

from dyads.extract import content_hash
from dyads.kb import load_knowledge_base
from dyads.kb.base import surname_of
from dyads.kb.link import Linker, org_sector
from dyads.kb.normalize import foreign_readings
from dyads.nlp import parse_documents
from dyads.time import resolve_times
from dyads.types import Document


def _document(text: str, published: str | None) -> Document:
    digest = content_hash(text)
    return Document(doc_id=digest[:16], source="t", text=text, content_hash=digest, published=published)


def mentions_of(pipeline, text: str, published: str | None, linker: Linker | None = None):
    """The mentions of one text, linked with the document's resolved times as the pipeline does."""
    parsed = next(parse_documents(pipeline._part("nlp"), [_document(text, published)]))
    times = resolve_times(parsed, pipeline._part("periods"))
    return (linker or pipeline._part("linker")).link(parsed, times)[0]


def linked(pipeline, text: str, published: str | None, linker: Linker | None = None) -> dict[str, tuple]:
    """Surface -> (actor id, code, kind) of every mention (the last one wins for repeated surfaces)."""
    return {m.surface: (m.actor_id, m.code, m.kind) for m in mentions_of(pipeline, text, published, linker)}


def events_of(pipeline, text: str, published: str) -> list[dict]:
    return next(pipeline.code([{"id": "t", "text": text, "date": published}]))["events"]


# -- surnames and short forms ---------------------------------------------------------------------
def test_bare_surname_of_an_office_holder_links(loaded_pipeline):
    found = linked(loaded_pipeline, "Lavrov met Wang Yi in Astana.", "2023-06-01")
    assert found["Lavrov"][:2] == ("lavrov_sergei", "RUSGOV")
    assert found["Wang Yi"][0] == "wang_yi"


def test_surname_after_a_role_mention_is_that_person(loaded_pipeline):
    text = "Russia's top diplomat landed in Ankara on Monday. Lavrov said the talks had been useful."
    found = linked(loaded_pipeline, text, "2022-03-10")
    assert found["Russia's top diplomat"][0] == found["Lavrov"][0] == "lavrov_sergei"


@pytest.mark.parametrize(("text", "published", "surface", "actor"), [
    ("Xi told the visiting delegation that Taiwan was a red line.", "2023-11-15", "Xi", "xi_jinping"),
    ("Moon accepted an invitation to visit Pyongyang in the autumn.", "2018-04-27", "Moon", "moon_jae_in"),
    ("Abiy said the offensive in Tigray was over.", "2020-11-28", "Abiy", "abiy_ahmed"),
])
def test_short_forms_by_naming_custom(loaded_pipeline, text, published, surface, actor):
    # Chinese and Korean names start with the family name; Ethiopians are called by the given name
    assert linked(loaded_pipeline, text, published)[surface][0] == actor


def test_surname_of_a_person_named_before_beats_a_town_and_other_bearers(loaded_pipeline):
    text = ("The army removed Mohamed Morsi after days of protests. Morsi, the first freely elected president, "
            "was jailed. Osama bin Laden's men were blamed; Bin Laden denied it.")
    found = linked(loaded_pipeline, text, "2013-07-05")
    assert found["Morsi"][0] == "morsi_mohamed"
    assert found["Bin Laden"][0] == "bin_laden_osama"


def test_surname_of_someone_named_in_full_stays_that_person(loaded_pipeline):
    text = ("Senator Ron Johnson opened the hearing of the Homeland Security committee in Washington. "
            "Johnson said the agency had failed Congress and the American people.")
    mentions = mentions_of(loaded_pipeline, text, "2020-03-01")
    johnson = [m for m in mentions if m.surface == "Johnson"]
    # the page is plainly about the United States (Washington, Congress, American) and "Senator" is his title
    assert johnson and johnson[0].actor_id == "new:ron_johnson" and johnson[0].code == "USALEG"
    assert all(m.actor_id != "johnson_boris" for m in mentions)


def test_people_the_base_does_not_know_take_the_page_country_and_their_title_sector(loaded_pipeline):
    text = ("Keir Starmer faced a revolt over Gaza on Monday.\n"
            "Burnley council leader Afrasiab Anwar said Starmer should resign.\n"
            "Jane Doherty, a teacher, wrote to Starmer as well.")
    codes = {m.surface: m.code for m in mentions_of(loaded_pipeline, text, "2023-11-03")}
    assert codes["Afrasiab Anwar"] == "GBRGOV"  # the people the page names are British; a council leader
    assert codes["Jane Doherty"] == "GBR"  # no title before the name: the country alone
    alone = {m.surface: m.code for m in mentions_of(loaded_pipeline, "Afrasiab Anwar met Gazans in Gaza.",
                                                    "2023-11-03")}
    assert alone["Afrasiab Anwar"] is None  # one sentence: no page to tell his country


def test_a_page_split_between_states_gives_unknown_people_no_country(loaded_pipeline):
    text = ("France and Germany argued over Russia and Poland.\nPierre Dumont of the think tank spoke.")
    codes = {m.surface: m.code for m in mentions_of(loaded_pipeline, text, "2023-11-03")}
    assert codes.get("Pierre Dumont") is None


def test_foreign_office_holder_surname_stays_out_of_a_domestic_page(loaded_pipeline):
    # a page that keeps naming one country (the US) and never Britain: the British prime minister
    # of that day is not the Johnson of a congressional hearing, and no British event appears
    text = ("The House committee in Washington questioned the agency for six hours on Tuesday. "
            "Johnson criticised the agency for failing Congress and the American people.")
    mentions = mentions_of(loaded_pipeline, text, "2020-03-01")
    assert all(m.actor_id != "johnson_boris" and (m.code or "")[:3] != "GBR" for m in mentions)
    assert not any((e["source_code"] or "").startswith("GBR") or (e["target_code"] or "").startswith("GBR")
                   for e in events_of(loaded_pipeline, text, "2020-03-01"))
    # the same surname in a story about Britain is its prime minister
    british = linked(loaded_pipeline, "Britain closed its schools on Wednesday. Johnson said the "
                                      "measures would last weeks.", "2020-03-18")
    assert british["Johnson"][0] == "johnson_boris"


def test_only_bearer_out_of_office_needs_a_story_without_other_countries(loaded_pipeline):
    assert linked(loaded_pipeline, "Gorbachev said the treaty had been a mistake.", "2015-06-01")["Gorbachev"][0] \
        == "gorbachev_mikhail"
    found = linked(loaded_pipeline, "Rodrigo Londono, known as Timochenko, signed the text in Colombia.", "2016-09-26")
    assert found.get("Timochenko", (None,))[0] is None
    assert "Rice" not in linked(loaded_pipeline, "Rice prices rose again on Monday.", "2016-05-01")


def test_name_suffixes_and_organisation_names_are_no_surnames_or_states(loaded_pipeline):
    assert surname_of(("george", "bush", "senior"), "USA") == "bush"
    assert surname_of(("abdullah", "ii", "of", "jordan"), "JOR") is None
    assert "bush_george_h_w" not in loaded_pipeline._part("kb").surnames.get("senior", [])
    found = linked(loaded_pipeline, "She wrote for The Times of Israel for ten years.", "2023-03-01")
    assert all(actor[0] != "ISR" for actor in found.values())


def test_organisations_the_base_does_not_know_take_the_page_country_and_their_names_sector(loaded_pipeline):
    text = ("Joe Biden spoke in Washington on Monday.\n"
            "The White House criticised the Senate over the budget.\n"
            "The Securities and Exchange Commission is investigating Acme Holdings over its accounts, "
            "the Springfield Gazette reported.")
    found = linked(loaded_pipeline, text, "2023-05-01")
    assert found["Acme Holdings"] == ("new:acme_holdings", "USABUS", "org")
    assert found["the Springfield Gazette"][1] == "USAMED"
    events = events_of(loaded_pipeline, text, "2023-05-01")
    assert any(e["target_code"] == "USABUS" and e["root"] == "09" for e in events)
    # a state or well-known place in the name tells the country before the page does
    text += " The University of Edinburgh and the Times of India disagreed."
    found = linked(loaded_pipeline, text, "2023-05-01")
    assert found["The University of Edinburgh"][1] == "GBREDU"
    assert found["the Times of India"][1] == "INDMED"
    # one sentence: no page to tell the company's country, so no actor at all
    alone = linked(loaded_pipeline, "Regulators are investigating Acme Holdings.", "2023-05-01")
    assert "Acme Holdings" not in alone


@pytest.mark.parametrize(("name", "sector"), [
    ("Acme Corp.", "BUS"), ("Bank of Springfield", "BUS"), ("University of Leeds", "EDU"),
    ("Bloomberg News", "MED"), ("Wikimedia Foundation", "NGO"), ("Reform Party", "PTY"),
    ("Department of Energy", None), ("Manchester United", None), ("World Cup", None),
])
def test_the_head_word_of_an_organisations_name_tells_its_sector(name, sector):
    assert org_sector(name) == sector


def test_title_before_a_surname_must_fit_the_bearer(loaded_pipeline):
    found = linked(loaded_pipeline, "Gov. Abbott signed the bill in Austin on Friday.", "2014-05-02")
    assert found.get("Abbott", (None,))[0] != "abbott_tony"
    found = linked(loaded_pipeline, "Prime Minister Abbott met Chinese officials in Canberra.", "2014-05-02")
    assert found["Abbott"][0] == "abbott_tony"


# -- unnamed agencies, groups and titled people ----------------------------------------------------------
def test_bare_agency_and_group_nouns_take_their_sector(loaded_pipeline):
    found = linked(loaded_pipeline, "Federal prosecutors said the feds had raided the warehouse before riot police "
                                    "and security forces sealed off the street.", "2022-04-12")
    assert found["prosecutors"][1:] == ("JUD", "group")
    assert found["feds"][1] == "GOV"
    assert found["riot police"][1] == "COP"
    assert found["security forces"][1] == "COP"  # police, not the army: two words are one group noun


def test_group_after_a_demonym_or_place_takes_its_country(loaded_pipeline):
    found = linked(loaded_pipeline, "Chilean security forces dispersed the march while Lyon police watched "
                                    "and Sydney residents cheered.", "2022-04-12")
    assert found["Chilean security forces"][1] == "CHLCOP"
    assert found["Lyon"][0] == "geo:2996944"  # the place stays a mention of its own
    assert found["police"][1] == "FRACOP"
    assert found["residents"][1] == "AUSCVL"
    # a place after a locative word is the scene, not the group's home
    assert "people" not in linked(loaded_pipeline, "In Aleppo people queued for bread.", "2022-04-12")


def test_title_after_a_place_gives_an_unknown_person_the_country_and_sector(loaded_pipeline):
    mentions = mentions_of(loaded_pipeline, "Vermont Gov. Daniel Harrow vetoed the budget.", "2022-04-12")
    codes = {m.surface: m.code for m in mentions}
    assert codes["Daniel Harrow"] == "USAGOV"  # one sentence, no page country: the place before the title tells it
    found = linked(loaded_pipeline, "The Ohio Attorney General opened an inquiry into the landlord.", "2022-04-12")
    assert found["Attorney General"][1] == "USAGOV"
    found = linked(loaded_pipeline, "The man was indicted, the U.S. Attorney's office said.", "2022-04-12")
    assert found["U.S. Attorney's office"][1] == "USAGOV"  # across the stop of the initials


def test_a_title_after_an_intergovernmental_organisation_gives_its_code(loaded_pipeline):
    mentions = mentions_of(loaded_pipeline, "United Nations spokesman Farhan Aziz Haq told reporters the camp was "
                           "closed.", "2022-04-12")
    assert {m.surface: m.code for m in mentions}["Farhan Aziz Haq"] == "IGOUNO"


def test_surnames_and_name_heads_are_no_towns(loaded_pipeline):
    text = ("Marcel Granollers and Feliciano Lopez won the doubles for Spain. \"It was a difficult situation for "
            "us,\" Lopez said. At the United Nations Climate Action Summit, Modi pledged to double solar power.")
    found = linked(loaded_pipeline, text, "2019-11-24")
    assert found["Lopez"][0] == found["Feliciano Lopez"][0]  # the player named in full, not a town of that name
    assert "Summit" not in found  # the name's head, not Summit, New Jersey


def test_an_envoys_host_is_part_of_the_title(loaded_pipeline):
    mentions = mentions_of(loaded_pipeline, "Indian envoy to the United Nations Ravi Kapoor criticized Pakistan.",
                           "2022-04-12")
    assert {m.surface: m.code for m in mentions}["Ravi Kapoor"] == "INDGOV"  # India's envoy, not the UN's
    found = linked(loaded_pipeline, "The Chilean Ambassador criticized Lima.", "2022-04-12")
    assert found["Chilean Ambassador"][1] == "CHLGOV"  # a title, capitalised, after a demonym


def test_partisans_of_a_person_are_the_opposition_out_of_office(loaded_pipeline):
    text = "Evo Morales supporters blocked the highway to Cochabamba."
    assert linked(loaded_pipeline, text, "2020-08-10")["supporters"][1] == "BOLOPP"  # after his resignation
    assert linked(loaded_pipeline, text, "2015-08-10")["supporters"][1] == "BOLCVL"  # while president


def test_national_agencies_are_in_the_base(loaded_pipeline):
    found = linked(loaded_pipeline, "The Justice Department and the Securities and Exchange Commission sued the "
                                    "fund, and the Home Office revoked its manager's visa.", "2022-04-12")
    assert found["Justice Department"][:2] == ("DOJ", "USAGOV")
    assert found["Securities and Exchange Commission"][1] == "USAGOV"
    assert found["Home Office"][1] == "GBRGOV"


# -- roles with the country from the context --------------------------------------------------------
def test_role_takes_the_country_of_the_dateline(loaded_pipeline):
    text = "TEHRAN (Reuters) - The supreme leader said the talks could go on."
    found = linked(loaded_pipeline, text, "2023-06-01")
    assert found["supreme leader"][:2] == ("khamenei_ali", "IRNGOV")
    assert found["TEHRAN"][0].startswith("geo:")  # a dateline is a place


def test_role_takes_the_country_the_paragraph_speaks_of(loaded_pipeline):
    text = ("Turkish troops crossed into northern Syria on Wednesday, and Turkey said the operation would go on "
            "until the border was safe. The president said it was aimed only at militants.")
    assert linked(loaded_pipeline, text, "2019-10-10")["president"][:2] == ("erdogan_recep_tayyip", "TURGOV")


def test_the_countrys_role_is_the_paragraphs_country(loaded_pipeline):
    text = "Fires spread across the Amazon in Brazil on Tuesday. The country's president promised more firefighters."
    assert linked(loaded_pipeline, text, "2019-08-23")["president"][:2] == ("bolsonaro_jair", "BRAGOV")


def test_role_told_before_keeps_its_holder(loaded_pipeline):
    text = ("Russia's foreign minister met Iran's president in Tehran on Tuesday. "
            "Afterwards the foreign minister said the two countries would trade in their own currencies.")
    found = [m for m in mentions_of(loaded_pipeline, text, "2023-06-01") if m.surface == "foreign minister"]
    assert found and found[0].actor_id == "lavrov_sergei"


def test_counterpart_holds_the_speakers_role_in_the_named_country(loaded_pipeline):
    found = linked(loaded_pipeline, "Iran's foreign minister met his Russian counterpart in Tehran on Monday.",
                   "2023-06-01")
    assert found["Russian counterpart"][:2] == ("lavrov_sergei", "RUSGOV")
    found = linked(loaded_pipeline, "Chinese President Xi Jinping received his French counterpart in Beijing.",
                   "2023-04-06")
    assert found["French counterpart"][:2] == ("macron_emmanuel", "FRAGOV")


def test_role_with_an_of_phrase_a_name_or_elect_is_left_alone(loaded_pipeline):
    found = linked(loaded_pipeline, "Russia said the president of Brazil would visit in May.", "2023-03-01")
    assert "president" not in found
    found = linked(loaded_pipeline, "Biden won the vote in the United States. The president-elect thanked voters.",
                   "2020-11-10")
    assert "president" not in found
    found = linked(loaded_pipeline, "Britain's clubs dominate. The Premier League said the season would start.",
                   "2023-06-01")
    assert not any(actor[0] == "sunak_rishi" for actor in found.values())


# -- capitals: governments when they act, places otherwise --------------------------------------------
@pytest.mark.parametrize("text", [
    "The army pushed toward Khartoum on Thursday.",
    "Rebel fighters entered Khartoum before dawn.",
    "Civilians tried to escape Khartoum during the truce.",
    "Shells fell on the suburbs of Khartoum overnight.",
    "Drones struck Khartoum's southern suburbs.",
    "Talks between the generals were held in Khartoum.",
])
def test_capital_as_a_place_keeps_its_coordinates(loaded_pipeline, kb_actors, text):
    mention = next(m for m in mentions_of(loaded_pipeline, text, "2023-05-01") if m.surface.startswith("Khartoum"))
    place = kb_actors[mention.actor_id]
    assert place.type == "location" and place.country == "SDN" and place.lat is not None


@pytest.fixture(scope="module")
def kb_actors(loaded_pipeline):
    return loaded_pipeline._part("kb").actors


def test_acting_capitals_are_governments(loaded_pipeline):
    found = linked(loaded_pipeline, "Moscow said the fighting must stop, and the Kremlin warned Kyiv on Monday.",
                   "2023-05-01")
    assert found["Moscow"][:2] == ("RUS", "RUSGOV")
    assert found["Kyiv"][:2] == ("UKR", "UKRGOV")
    events = events_of(loaded_pipeline, "The Kremlin warned Kyiv on Monday.", "2023-05-01")
    assert any(e["source_code"] == "RUSGOV" and e["target_code"] == "UKRGOV" for e in events)
    events = events_of(loaded_pipeline, "The army pushed toward Khartoum on Thursday.", "2023-05-01")
    assert not any(e["target_code"] == "SDNGOV" for e in events)


def test_march_on_a_capital_is_a_place(loaded_pipeline, kb_actors):
    text = "Mercenaries halted their march on Moscow on Saturday evening."
    mention = next(m for m in mentions_of(loaded_pipeline, text, "2023-06-24") if m.surface == "Moscow")
    assert kb_actors[mention.actor_id].type == "location"


# -- German and French spellings ------------------------------------------------------------------------
@pytest.mark.parametrize(("spelling", "actor"), [
    ("Selenskyj", "zelensky_volodymyr"), ("Netanjahu", "netanyahu_benjamin"), ("Nétanyahou", "netanyahu_benjamin"),
    ("Chamenei", "khamenei_ali"), ("Poutine", "putin_vladimir"), ("Lawrow", "lavrov_sergei"),
    ("Choïgou", "shoigu_sergei"), ("Wolodymyr Selenskyj", "zelensky_volodymyr"),
])
def test_german_and_french_spellings_link(loaded_pipeline, spelling, actor):
    found = linked(loaded_pipeline, f"{spelling} said nothing new on Monday.", "2023-06-01")
    assert found[spelling][0] == actor


def test_kb_lookup_reads_foreign_spellings(loaded_pipeline):
    kb = loaded_pipeline._part("kb")
    assert [a.actor_id for a in kb.lookup("Netanjahu")] == ["netanyahu_benjamin"]
    assert kb.lookup("Wladimir Poutine")[0].actor_id == "putin_vladimir"


def test_foreign_readings_fold_by_rule():
    assert "netanyahu" in foreign_readings("Netanjahu")
    assert "putin" in foreign_readings("Poutine")
    assert "khamenei" in foreign_readings("Chamenei")
    assert foreign_readings("Erdogan") == ()  # nothing to fold


def test_english_words_are_not_read_as_foreign_names(loaded_pipeline):
    linker = loaded_pipeline._part("linker")
    assert linker._norm("Washington") == "washington"
    assert linker._norm("Chance") == "chance"


# -- the day a role changes --------------------------------------------------------------------------------
def test_role_ending_on_a_day_belongs_to_the_old_holder_that_day(loaded_pipeline):
    # two holders of a role that changes hands on 2031-03-05, in a base of their own
    kb = load_knowledge_base(with_cities=False, extra_records=[
        {"actor_id": "old_holder", "name": "Aram Oldholder", "type": "person", "country": "ARM", "codes": ["ARMGOV"],
         "roles": [{"title": "defence minister", "country": "ARM", "sector": "GOV", "start": "2030-01-01",
                    "end": "2031-03-05"}]},
        {"actor_id": "new_holder", "name": "Vahe Newholder", "type": "person", "country": "ARM", "codes": ["ARMGOV"],
         "roles": [{"title": "defence minister", "country": "ARM", "sector": "GOV", "start": "2031-03-05",
                    "end": None}]},
    ])
    linker = Linker(kb)
    role = "Armenia's defence minister"
    assert linked(loaded_pipeline, f"{role} resigned on Wednesday.", "2031-03-05", linker)[role][0] == "old_holder"
    # reported the next day: the sentence's own date decides
    assert linked(loaded_pipeline, f"{role} resigned on Wednesday.", "2031-03-06", linker)[role][0] == "old_holder"
    assert linked(loaded_pipeline, f"{role} spoke to parliament.", "2031-03-06", linker)[role][0] == "new_holder"


def test_president_killed_on_a_sunday_reported_on_monday(loaded_pipeline):
    found = linked(loaded_pipeline, "Iran's president was killed in a helicopter crash on Sunday.", "2024-05-20")
    assert found["Iran's president"][0] == "raisi_ebrahim"
