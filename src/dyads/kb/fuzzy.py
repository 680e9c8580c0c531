"""How close a written name is to a name of the base, for suggestions and fuzzy linking.

rapidfuzz's ``token_set_ratio`` gives 100 whenever one name's words are all in the other's,
so "Bay of Bengal" came out as the place called Bay and "Sea of Azov" as the town of Azov.
Here a shorter known name only scores on the query's whole text, and names made only of
stop words or generic words (Bay, Sea, North) are never suggested.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from dyads.geo.gazetteer import GENERIC_PLACE_WORDS, REGION_NOUNS

#: Words that carry no name by themselves (normalised forms: "el" reads "al").
STOP_WORDS = frozenset("of the and a an in on at to for al de la le du des von van da di bin ibn abu sur am "
                       "upon st saint".split())
#: Continents and world regions: names of their own, never a misspelling of a city ("Africa" is not Arica).
WORLD_REGIONS = frozenset("africa europe asia america americas oceania antarctica arctic eurasia levant maghreb "
                          "scandinavia".split())
_EMPTY_WORDS = STOP_WORDS | GENERIC_PLACE_WORDS | REGION_NOUNS | WORLD_REGIONS
#: A known name shorter than this share of the query's letters is not a suggestion for it.
MIN_LENGTH_SHARE = 0.6


def is_generic(name: str) -> bool:
    """A normalised name made only of stop words and generic place words ("bay", "the north")."""
    return all(word in _EMPTY_WORDS for word in name.split())


def name_similarity(query: str, name: str) -> float:
    """0-100 similarity of two normalised names. A query that is part of a longer name counts in
    full ("zelensky" in "volodymyr zelensky"); a name that is part of a longer query does not."""
    if not name or is_generic(name) or len(name) < MIN_LENGTH_SHARE * len(query):
        return 0.0
    whole = fuzz.token_sort_ratio(query, name)
    shared = set(query.split()) & set(name.split())
    if len(name) >= len(query) and not is_generic(query) and (not shared or not is_generic(" ".join(shared))):
        return max(whole, fuzz.token_set_ratio(query, name) * 0.95)  # a part ranks under a whole-name match
    return whole
