"""Place names that are also other words: when a one-word name is taken for the place.

Many cities of the gazetteer are called by a word English uses otherwise: a common word
("Enterprise", Nevada; "Vista", California; "Forest", Belgium), a variant spelling that is one
("Lion" for Lyon, "Soul" for Seoul) or the name of a person or a thing ("Napier", "Jupiter"). The
bundled ``data/place_words.txt`` lists them (``scripts/build_place_words.py``, from WordNet 3.0).
Such a word is linked to a minor place only where the text uses it as a place (``Linker``
decides: spaCy reads it as a GPE or LOC, the grammar puts it in a locative context, or the
place's country follows: "Enterprise, Alabama"). A large city or a national capital called so
by its own name stays linked by its name ("Phoenix", "Victoria").
"""

from __future__ import annotations

from importlib import resources

from dyads.kb.base import AliasEntry, KnowledgeBase

#: A place this populous is no minor place (a "million city" of the gazetteer).
LARGE_PLACE = 1_000_000


def load_place_words() -> frozenset[str]:
    """The normalised words of the bundled place_words.txt."""
    text = (resources.files("dyads.kb") / "data" / "place_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


PLACE_WORDS = load_place_words()


def needs_place_evidence(kb: KnowledgeBase, key: tuple[str, ...], entry: AliasEntry) -> bool:
    """Whether the alias ``key`` names the place of ``entry`` only where the text uses it as a place:
    a one-word name of the list, for a place that is not a state, and called so by a variant
    spelling or a minor place (neither a national capital nor ``LARGE_PLACE`` people)."""
    if len(key) != 1 or key[0] not in PLACE_WORDS or kb.actors[entry.actor_id].type != "location":
        return False
    if entry.kind != "name":
        return True  # "Lion" is no English name of Lyon
    capital = any(e.kind == "metonym" for e in kb.aliases.get(key, ()))
    return not capital and kb.populations.get(entry.actor_id, 0) < LARGE_PLACE
