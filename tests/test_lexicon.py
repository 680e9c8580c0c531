"""The WordNet-derived lexicon: consistent with its review, loaded by the coder, and coding real verbs."""

from __future__ import annotations

import csv
from importlib import resources

import pytest
import yaml

from dyads.events.dictionary import load_dictionary, load_nonevents

REPO = resources.files("dyads").joinpath("..", "..")
DICTIONARY = resources.files("dyads.events") / "dictionary"


def _wordnet_entries() -> list[tuple[str, str, str]]:
    entries = []
    for path in (DICTIONARY / "wordnet").iterdir():
        if path.name.endswith(".yaml"):
            for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["codes"]:
                for kind in ("verbs", "nouns"):
                    entries += [(str(word), kind, str(entry["code"])) for word in entry.get(kind) or ()]
    return entries


def test_wordnet_entries_belong_to_known_codes_and_none_was_rejected():
    hand_written = load_dictionary().codes
    rejected_file = REPO / "scripts" / "lexicon_rejected.tsv"
    rejected = set()
    if rejected_file.is_file():
        rows = csv.reader(rejected_file.read_text(encoding="utf-8").splitlines(), delimiter="\t")
        rejected = {row[0] for row in rows if row and not row[0].startswith("#")}
    entries = _wordnet_entries()
    assert len(entries) > 500
    assert {code for _, _, code in entries} <= set(hand_written)
    assert not [word for word, _, _ in entries if word in rejected]


def test_nonevents_are_never_coded_alone():
    """A word reviewed as no event by itself has no one-word pattern (phrases like "help rebuild" may use it)."""
    dictionary, nonevents = load_dictionary(), load_nonevents()
    assert len(nonevents["verbs"]) > 200 and len(nonevents["nouns"]) > 200
    for kind, index in (("verbs", dictionary.verbs), ("nouns", dictionary.nouns)):
        alone = {head for head, patterns in index.items() if any(not p.others for p in patterns)}
        assert not nonevents[kind] & alone, kind


@pytest.mark.parametrize("text, expected", [
    ("Iran chastised Saudi Arabia on Monday.", ("IRN", "SAU", "111")),  # synonym of castigate
    ("The United States reimposed sanctions on Venezuela.", ("USA", "VEN", "163")),  # re- form of impose sanction
    ("Turkey exhorted Sweden to release the detainees.", ("TUR", "SWE", "020")),  # synonym of urge
    ("Russia cosigned the treaty with China.", ("RUS", "CHN", "057")),  # co- form of sign treaty
    ("Pakistan demilitarized the border with Afghanistan.", ("PAK", "AFG", "0873")),  # synonym of disarm
    ("France upbraided Italy over the migrants.", ("FRA", "ITA", "112")),  # troponym of accuse
    ("Germany redeployed troops to Lithuania.", ("DEU", "LTU", "154")),  # re- form of deploy troop to
])
def test_wordnet_verbs_code_events(loaded_pipeline, text, expected):
    [result] = loaded_pipeline.code([{"id": "t", "text": text, "date": "2024-03-04"}])
    assert expected in [(e["source_code"], e["target_code"], e["cameo"]) for e in result["events"]]
