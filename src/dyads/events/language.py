"""Per-language word lists the event coder's rules read (events/lexicon/<language>.yaml).

The event patterns are in the dictionary; these are the function words and word classes the rules
around them need: speech and light verbs, mode cues, the prepositions that name targets and places,
title nouns. A new language adds a data file with the same keys, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

from dyads.events.dictionary import DictionaryError

_WORD_SETS = ("speech_verbs", "statement_verbs", "pessimistic_words", "optimistic_words", "own_pronouns",
              "light_verbs", "embedding_heads", "ready_words", "symmetric_verbs", "unnamed_parties", "pronouns",
              "possessive_pronouns", "hypothetical_words", "hypothetical_marks", "negation_words", "negating_heads",
              "future_heads", "alleged_words", "alleged_heads", "denying_heads", "threat_heads", "hostile_verbs",
              "locative_preps", "destination_preps", "origin_preps", "struck_place_preps", "relational_nouns",
              "sport_words", "contest_verbs", "accident_nouns", "unreal_heads", "question_marks",
              "non_party_objects", "obligation_words", "private_sectors")
# ordered: the first preposition that yields an actor wins
_WORD_SEQUENCES = ("target_preps", "toward_preps", "alleged_phrases")
# lists a language may leave out (empty): the passive agent's prepositions and morphological cases,
# the verbs whose object is the one said to do what they hang the act on ("accusé Israël d'avoir ...")
_OPTIONAL_SETS = ("accusing_heads", "weapon_nouns", "undergoing_heads", "addressless_roots", "resident_titles",
                  "pair_words", "occasion_nouns", "affiliation_verbs", "possibility_words", "permissive_verbs",
                  "business_words", "entertainment_words", "crime_words", "election_words", "party_object_verbs",
                  "receiving_verbs", "pessimistic_verbs", "voice_titles", "voice_preps", "voice_body_preps",
                  "campaign_nouns", "reciprocal_pronouns", "front_nouns", "homeland_nouns", "gathering_nouns")
_OPTIONAL_SEQUENCES = ("agent_preps", "of_preps", "giving_verbs", "grievance_preps")


@dataclass(frozen=True)
class Lexicon:
    """One language's word lists for the event coder (see events/lexicon/en.yaml for what each holds)."""

    language: str
    speech_verbs: frozenset[str]
    statement_verbs: frozenset[str]
    pessimistic_words: frozenset[str]
    optimistic_words: frozenset[str]
    own_pronouns: frozenset[str]
    light_verbs: frozenset[str]
    embedding_heads: frozenset[str]
    ready_words: frozenset[str]
    symmetric_verbs: frozenset[str]
    unnamed_parties: frozenset[str]
    pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    hypothetical_words: frozenset[str]
    hypothetical_marks: frozenset[str]
    negation_words: frozenset[str]
    negating_heads: frozenset[str]
    future_heads: frozenset[str]
    alleged_words: frozenset[str]
    alleged_heads: frozenset[str]
    denying_heads: frozenset[str]
    threat_heads: frozenset[str]
    hostile_verbs: frozenset[str]
    locative_preps: frozenset[str]
    destination_preps: frozenset[str]
    origin_preps: frozenset[str]
    struck_place_preps: frozenset[str]
    relational_nouns: frozenset[str]
    sport_words: frozenset[str]
    contest_verbs: frozenset[str]
    accident_nouns: frozenset[str]
    unreal_heads: frozenset[str]
    question_marks: frozenset[str]
    non_party_objects: frozenset[str]
    obligation_words: frozenset[str]
    private_sectors: frozenset[str]
    target_preps: tuple[str, ...]
    toward_preps: tuple[str, ...]
    alleged_phrases: tuple[str, ...]
    agent_cases: frozenset[str]  # UD Case values, as the parser writes them ("Ins")
    accusing_heads: frozenset[str]
    weapon_nouns: frozenset[str]
    undergoing_heads: frozenset[str]
    addressless_roots: frozenset[str]
    resident_titles: frozenset[str]  # bodies named by the place they are "in": "authorities in Niger"
    pair_words: frozenset[str]  # "the two leaders", "both sides": the parties of the clause before
    occasion_nouns: frozenset[str]  # "as a warning to Hezbollah": the act's occasion names its target
    affiliation_verbs: frozenset[str]  # "ships linked to Israel": the party a thing belongs to
    possibility_words: frozenset[str]  # "warned that China could invade": a possible act, not a threat
    permissive_verbs: frozenset[str]  # "allowed inspectors to visit": the complement's subject is the object
    business_words: frozenset[str]  # "automaker", "battery": a sentence about firms and products
    entertainment_words: frozenset[str]  # "film", "installation": about works and artists
    crime_words: frozenset[str]  # "drugs", "murder": crime news
    election_words: frozenset[str]  # "incumbent", "ballot": a contest verb reports an election result
    party_object_verbs: frozenset[str]  # "recognize", "defend": an event only with a party acted on
    receiving_verbs: frozenset[str]  # "received weapons from North Korea": the "from" party gives
    campaign_nouns: frozenset[str]  # "launched a counteroffensive": a state's campaign, its enemy unnamed
    pessimistic_verbs: frozenset[str]  # "warned that ...": a statement that is a pessimistic comment (012)
    reciprocal_pronouns: frozenset[str]  # "each other": coordinated subjects act on one another
    front_nouns: frozenset[str]  # "pressure on Ukrainian defences": a front line, so fighting, not words
    homeland_nouns: frozenset[str]  # "his country's troops": the country of the person the pronoun is
    gathering_nouns: frozenset[str]  # "pledged at the UN climate summit": a venue, not the party acted on
    agent_preps: tuple[str, ...]
    of_preps: tuple[str, ...]  # the genitive preposition of a UD language ("de"): "la visite de Poutine"
    giving_verbs: tuple[str, ...]  # whose patterns code what a verb of receiving receives, first fitting wins
    voice_titles: frozenset[str]  # "a spokesman for the Kremlin": people who speak for the body they name
    voice_preps: frozenset[str]  # "for", "from": the state or body a voice title speaks for
    voice_body_preps: frozenset[str]  # "at", "in": the body (not the state) a voice title works in
    grievance_preps: tuple[str, ...]  # "complained to the UN over Israeli raids": what a complaint is about
    title_sectors: dict[str, str]  # title noun -> sector code
    spellings: dict[str, str]  # spelling variant -> the dictionary's lemma


def _words(data: dict, key: str, origin: str) -> list[str]:
    value = data.get(key)
    # YAML 1.1 reads a bare on/off/yes/no as a boolean: refuse anything that is not a string
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise DictionaryError(f"{origin}: '{key}' must be a list of words (quote on/off/yes/no)")
    return [w.lower() for w in value]


def parse_lexicon(data: dict, origin: str) -> Lexicon:
    """A lexicon from one parsed YAML file; a missing or malformed list is a DictionaryError."""
    if not isinstance(data, dict):
        raise DictionaryError(f"{origin}: not a mapping of word lists")
    sectors = data.get("title_sectors")
    spellings = data.get("spellings")
    if not isinstance(sectors, dict) or not isinstance(spellings, dict):
        raise DictionaryError(f"{origin}: 'title_sectors' and 'spellings' must be mappings")
    return Lexicon(
        language=str(data.get("language", "")),
        **{key: frozenset(_words(data, key, origin)) for key in _WORD_SETS},
        **{key: tuple(_words(data, key, origin)) for key in _WORD_SEQUENCES},
        agent_cases=frozenset(str(c) for c in data.get("agent_cases") or ()),  # "Ins": kept as written
        **{key: frozenset(_words(data, key, origin)) if key in data else frozenset() for key in _OPTIONAL_SETS},
        **{key: tuple(_words(data, key, origin)) if key in data else () for key in _OPTIONAL_SEQUENCES},
        title_sectors={word: str(sector) for sector in sectors
                       for word in _words(sectors, sector, f"{origin} title_sectors")},
        spellings={str(k).lower(): str(v).lower() for k, v in spellings.items()},
    )


def has_lexicon(language: str) -> bool:
    """Whether word lists for ``language`` are bundled."""
    return (resources.files("dyads.events") / "lexicon" / f"{language}.yaml").is_file()


def load_lexicon(language: str = "en") -> Lexicon:
    """The bundled word lists of ``language``."""
    entry = resources.files("dyads.events") / "lexicon" / f"{language}.yaml"
    if not entry.is_file():
        raise DictionaryError(f"no event-coder word lists for language {language!r}")
    return parse_lexicon(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
