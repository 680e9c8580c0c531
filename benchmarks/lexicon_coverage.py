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
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from dyads.events.dictionary import load_dictionary, load_nonevents
from dyads.extract.core import extract_document
from dyads.nlp.parse import load_nlp
from dyads.types import Document, RawInput

DEV_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "dev-data"
EVENT_NOUN_LEXNAMES = frozenset({"noun.act", "noun.event", "noun.communication"})


def dev_bodies(dev_data: Path = DEV_DATA) -> list[str]:
    """English article bodies of the real dev pages (gold bodies, and extracted date pages)."""
    bodies = []
    gold = dev_data / "extraction" / "gold.jsonl"
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            bodies.append(json.loads(line)["text"])
    for page in sorted((dev_data / "dates" / "html").glob("*.html.gz")):
        raw = RawInput(source=str(page), content=gzip.decompress(page.read_bytes()), kind="html")
        document = extract_document(raw)
        if isinstance(document, Document) and document.language == "en":
            bodies.append(document.text)
    return bodies


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


def coverage(top_verbs: int = 500, top_nouns: int = 300, dev_data: Path = DEV_DATA) -> dict:
    """Shares of the most frequent verb and event-noun lemmas the dictionary answers for, with the gaps."""
    dictionary = load_dictionary()
    nonevents = load_nonevents()
    wordnet = wordnet_reader()
    verbs, nouns = lemma_counts(dev_bodies(dev_data))
    if wordnet is None:
        event_nouns = []
    else:
        event_nouns = [lemma for lemma, _ in nouns.most_common() if is_event_noun(wordnet, lemma)][:top_nouns]
    frequent_verbs = [lemma for lemma, _ in verbs.most_common(top_verbs)]

    missing_verbs = [v for v in frequent_verbs if v not in dictionary.verbs and v not in nonevents["verbs"]]
    missing_nouns = [n for n in event_nouns if n not in dictionary.nouns and n not in nonevents["nouns"]]
    return {
        "verbs": len(frequent_verbs),
        "verb_share": 1 - len(missing_verbs) / max(1, len(frequent_verbs)),
        "missing_verbs": missing_verbs,
        "nouns": len(event_nouns),
        "noun_share": 1 - len(missing_nouns) / max(1, len(event_nouns)) if event_nouns else None,
        "missing_nouns": missing_nouns,
    }


def main() -> int:
    """Print the coverage figures and the uncovered lemmas."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top-verbs", type=int, default=500)
    parser.add_argument("--top-nouns", type=int, default=300)
    parser.add_argument("--show", type=int, default=40, help="print this many uncovered lemmas of each kind")
    args = parser.parse_args()
    if not DEV_DATA.is_dir():
        print(f"lexicon coverage: skipped ({DEV_DATA} not found)")
        return 0
    result = coverage(args.top_verbs, args.top_nouns)
    print_coverage(result, args.show)
    return 0


def print_coverage(result: dict, show: int = 0) -> None:
    """The coverage lines bench-events prints."""
    print(f"lexicon coverage over the dev pages: {result['verb_share']:.3f} of the {result['verbs']} "
          f"most frequent verb lemmas", end="")
    if result["noun_share"] is None:
        print("; event nouns skipped (WordNet not found: apt-get install wordnet-base)")
    else:
        print(f", {result['noun_share']:.3f} of the {result['nouns']} most frequent event nouns")
    if show:
        print(f"  uncovered verbs: {' '.join(result['missing_verbs'][:show])}")
        print(f"  uncovered nouns: {' '.join(result['missing_nouns'][:show])}")


if __name__ == "__main__":
    sys.exit(main())
