"""Write src/dyads/kb/data/place_words.txt: one-word city names that are also words of another kind (dev-time).

A city of the gazetteer (``dyads.geo``) may be called by a word that English uses otherwise: a common
word ("Enterprise", "Vista", "Forest", "Lion", a variant spelling of Lyon) or the name of a person or
a thing ("Napier", "Jupiter"). The linker takes such a word for the place only with evidence that the
text uses it as one (``dyads.kb.place_words``). The list holds the normalised one-word names and
variants of the gazetteer's cities and regions that WordNet 3.0 (Debian's wordnet-base, read by
``wordnet_source.py``) has in a sense other than a place: a lowercase lemma (a common noun, verb,
adjective or adverb), or a capitalised one outside the ``noun.location`` file. Which of the places
so named are minor enough to need the evidence is decided at run time, by their population.

    python scripts/build_place_words.py
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "src" / "dyads" / "kb" / "data" / "place_words.txt"
HEADER = ("# One-word city and region names (normalised) that WordNet 3.0 has as a common word or a non-place name.\n"
          "# Written by scripts/build_place_words.py; the linker wants place evidence for these (kb/place_words.py).\n")


def other_senses(wordnet) -> set[str]:
    """Lowercased one-word WordNet lemmas with a sense that is not a place."""
    words: set[str] = set()
    for synset in wordnet.all_synsets():
        lexname = synset.lexname()
        for lemma in synset.lemma_names():
            if "_" in lemma or "-" in lemma:
                continue
            if lemma[:1].islower() or lexname != "noun.location":
                words.add(lemma.lower())
    return words


def main() -> int:
    """Write the list."""
    from wordnet_source import open_wordnet

    from dyads.geo.gazetteer import read_gazetteer
    from dyads.kb.normalize import normalize_name

    wordnet = open_wordnet()
    if wordnet is None:
        return 1
    senses = other_senses(wordnet)
    gazetteer = read_gazetteer()
    names = [name for city in gazetteer.cities for name in city["names"]]
    names += [name for region in gazetteer.regions for name in (region["name"], *region["aliases"])]
    found = {key[0] for name in names if len(key := normalize_name(name)) == 1 and name.lower() in senses}
    OUT.write_text(HEADER + "".join(f"{word}\n" for word in sorted(found)), encoding="utf-8")
    print(f"{len(found)} words written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
