"""How much of real news vocabulary the event dictionary has an answer for.

Over the bodies of the real pages in ../shared/dev-data (the extraction set's gold bodies and
the English date pages as dyads extracts them), count verb lemmas and event-noun lemmas with
the pinned spaCy model. A lemma is covered when the dictionary codes it (the head of a verb or
noun pattern) or lists it as deliberately not an event
(`events/dictionary/nonevents/en.yaml`). Event nouns are nouns whose commonest WordNet sense is
an act, event or communication with a verb derived from it (nominalisations: visit, attack,
statement); WordNet 3.0 comes from Debian's `wordnet-base` and is read with nltk.

    python benchmarks/lexicon_coverage.py [--top-verbs 500] [--top-nouns 300] [--show 40]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from eventsets import real_pages, shared_present

from dyads.events.dictionary import load_dictionary, load_nonevents
from dyads.extract.language import detect_language
from dyads.nlp.parse import load_nlp

EVENT_NOUN_LEXNAMES = frozenset({"noun.act", "noun.event", "noun.communication"})


def dev_bodies() -> list[str]:
    """English article bodies of the real dev pages (the same pages the event gold is drawn from)."""
    return [page.body for page in real_pages().values() if detect_language(page.body) == "en"]


def wordnet_reader():
    """WordNet 3.0 from Debian's wordnet-base, or None (with a message) where it or nltk is missing."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from wordnet_source import open_wordnet

    return open_wordnet()


def is_event_noun(wordnet, lemma: str) -> bool:
    """A nominalisation: commonest sense an act, event or communication, with a related verb."""
    senses = wordnet.synsets(lemma, "n")
    if not senses or senses[0].lexname() not in EVENT_NOUN_LEXNAMES:
        return False
    return any(
        related.synset().pos() == "v"
        for sense in senses[:2]
        for word in sense.lemmas()
        if word.name().lower() == lemma
        for related in word.derivationally_related_forms()
    )


def lemma_counts(bodies: list[str]) -> tuple[Counter, Counter]:
    """Verb and noun lemma frequencies over the bodies (lower-case, Latin letters only)."""
    nlp = load_nlp()
    verbs: Counter = Counter()
    nouns: Counter = Counter()
    for doc in nlp.pipe(bodies, batch_size=16):
        for token in doc:
            lemma = token.lemma_.lower()
            if not (lemma.isascii() and lemma.isalpha()):
                continue
            if token.pos_ == "VERB":
                verbs[lemma] += 1
            elif token.pos_ == "NOUN":
                nouns[lemma] += 1
    return verbs, nouns


def coverage(top_verbs: int = 500, top_nouns: int = 300) -> dict:
    """Shares of the most frequent verb and event-noun lemmas the dictionary answers for, with the gaps."""
    dictionary = load_dictionary()
    nonevents = load_nonevents()
    wordnet = wordnet_reader()
    verbs, nouns = lemma_counts(dev_bodies())
    if wordnet is None:
        ranked_nouns = []
    else:
        ranked_nouns = [lemma for lemma, _ in nouns.most_common() if is_event_noun(wordnet, lemma)][:2 * top_nouns]
    ranked_verbs = [lemma for lemma, _ in verbs.most_common(2 * top_verbs)]

    def uncovered(lemmas: list[str], patterns: dict, skipped: frozenset) -> list[str]:
        return [lemma for lemma in lemmas if lemma not in patterns and lemma not in skipped]

    def share(lemmas: list[str], missing: list[str]) -> float | None:
        return 1 - len(missing) / len(lemmas) if lemmas else None

    result = {}
    for kind, ranked, top, patterns in (("verb", ranked_verbs, top_verbs, dictionary.verbs),
                                        ("noun", ranked_nouns, top_nouns, dictionary.nouns)):
        head, tail = ranked[:top], ranked[top:]
        missing, missing_tail = (uncovered(part, patterns, nonevents[f"{kind}s"]) for part in (head, tail))
        result.update({f"{kind}s": len(head), f"{kind}_share": share(head, missing), f"missing_{kind}s": missing,
                       f"{kind}_tail_share": share(tail, missing_tail)})
    return result


def main() -> int:
    """Print the coverage figures and the uncovered lemmas."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top-verbs", type=int, default=500)
    parser.add_argument("--top-nouns", type=int, default=300)
    parser.add_argument("--show", type=int, default=40, help="print this many uncovered lemmas of each kind")
    args = parser.parse_args()
    if not shared_present():
        print("lexicon coverage: skipped (../shared/dev-data not found)")
        return 0
    result = coverage(args.top_verbs, args.top_nouns)
    print_coverage(result, args.show)
    return 0


def print_coverage(result: dict, show: int = 0) -> None:
    """The coverage lines bench-events prints (the next, unreviewed ranks show how far the review carries)."""
    print(f"  lexicon coverage over the dev pages: {result['verb_share']:.3f} of the {result['verbs']} most frequent "
          f"verb lemmas (next {result['verbs']}: {result['verb_tail_share'] or 0:.3f})", end="")
    if result["noun_share"] is None:
        print("; event nouns skipped (WordNet not found: apt-get install wordnet-base)")
    else:
        print(f", {result['noun_share']:.3f} of the {result['nouns']} most frequent event nouns "
              f"(next {result['nouns']}: {result['noun_tail_share'] or 0:.3f})")
    if show:
        print(f"  uncovered verbs: {' '.join(result['missing_verbs'][:show])}")
        print(f"  uncovered nouns: {' '.join(result['missing_nouns'][:show])}")


if __name__ == "__main__":
    sys.exit(main())
