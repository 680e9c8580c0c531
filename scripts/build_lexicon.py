"""Propose dictionary entries from WordNet 3.0 and write the reviewed ones (dev-time; `make lexicon`).

For each CAMEO code, the verbs of the hand-written dictionary (src/dyads/events/dictionary/NN.yaml)
are seeds. From the two commonest WordNet senses of each
seed whose lexicographer file fits political action, the script proposes:
- synonyms: the other words of the sense (phrasal verbs included: "hash out");
- troponyms: the direct hyponyms of the first sense (ways of doing it: "shell" for "bombard");
- prefixed forms: re- and co- forms of any pattern's verb whose WordNet gloss says the base verb
  is done again or jointly ("reimpose: impose anew"), with the rest of the pattern
  ("impose sanction" -> "reimpose sanction", "sign treaty" -> "cosign treaty");
- nominalisations: nouns derived from the verb whose sense is an act, event or communication.
A word is proposed only when the sense it comes through is one of its own two commonest senses
(WordNet orders senses by corpus frequency), so a word whose usual meaning is another ("cut"
for snubbing, "issue" for supplying) is not taken, and the troponyms of a sense with more than
MAX_TROPONYMS of them are left out (such a sense is too general to say what kind of event its
hyponyms are: "supply" has 140, mostly ways of fitting things out).
A word that the hand-written dictionary has for any code is not proposed again, and a word
proposed for two codes goes to the code of its closer relation (synonym before prefix before
troponym before noun, then the commoner sense).

Review: every proposal is written to scripts/lexicon_proposals.tsv; the ones judged wrong are
listed in scripts/lexicon_rejected.tsv (word, code or *, reason). The accepted ones go to
src/dyads/events/dictionary/wordnet/NN.yaml with a comment naming the seed, sense and relation.

    python scripts/build_lexicon.py            # regenerate proposals and the wordnet/ YAML files
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DICTIONARY = HERE.parent / "src" / "dyads" / "events" / "dictionary"
PROPOSALS = HERE / "lexicon_proposals.tsv"
REJECTED = HERE / "lexicon_rejected.tsv"

VERB_FILES = frozenset({
    "verb.communication", "verb.social", "verb.competition", "verb.contact", "verb.possession",
    "verb.motion", "verb.change", "verb.cognition", "verb.stative", "verb.creation",
})
NOUN_FILES = frozenset({"noun.act", "noun.event", "noun.communication", "noun.possession"})
RELATION_RANK = {"synonym": 0, "prefix": 1, "troponym": 2, "noun": 3}
SENSES_PER_SEED = 2
MAX_TROPONYMS = 25
REPETITION_WORDS = frozenset({"again", "anew", "jointly", "together", "renew"})


@dataclass(frozen=True)
class Proposal:
    """One word proposed for a code, and where it came from."""

    word: str
    pos: str  # "verb" or "noun"
    code: str
    seed: str
    sense: str  # WordNet synset name
    relation: str
    rank: tuple[int, int]  # (relation rank, sense number): lower is closer


def hand_written() -> dict[str, dict]:
    """The hand-written dictionary files by root."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(DICTIONARY.glob("*.yaml"))}


def _phrase(name: str) -> str:
    return name.replace("_", " ").lower()


def _repeats(sense, base: str) -> bool:
    """Whether a re-/co- verb's sense is its base verb done again or jointly, by WordNet's own gloss.

    "reimpose: impose anew" and "cosign: sign jointly" are; "recall", "resign" and "repay" name
    other acts, whatever their spelling."""
    gloss = set(sense.definition().lower().replace(";", " ").replace(",", " ").split())
    hypernyms = {lemma.name() for hypernym in sense.hypernyms() for lemma in hypernym.lemmas()}
    return bool(gloss & REPETITION_WORDS) and (base in gloss or base in hypernyms)


def propose(wordnet, files: dict[str, dict]) -> list[Proposal]:
    """Every proposal, one per word and part of speech (its closest relation wins)."""
    known = {"verb": set(), "noun": set()}
    seeds: list[tuple[str, str, str]] = []  # (pos, word, code)
    for data in files.values():
        for entry in data["codes"]:
            for pos, key in (("verb", "verbs"), ("noun", "nouns")):
                for phrase in entry.get(key) or ():
                    phrase = str(phrase).lower()
                    known[pos].add(phrase)
                    seeds.append((pos, phrase, str(entry["code"])))
    best: dict[tuple[str, str], Proposal] = {}

    def offer(proposal: Proposal) -> None:
        if proposal.word in known[proposal.pos] or not proposal.word.replace(" ", "").isalpha():
            return
        word = proposal.word.split()[0] if proposal.relation == "prefix" else proposal.word
        own_senses = wordnet.synsets(word.replace(" ", "_"), proposal.pos[0])[:SENSES_PER_SEED]
        if proposal.sense not in {sense.name() for sense in own_senses}:
            return
        key = (proposal.word, proposal.pos)
        if key not in best or proposal.rank < best[key].rank:
            best[key] = proposal

    for pos, phrase, code in seeds:
        if pos == "noun":
            continue  # nouns come from the verbs' nominalisations, which keeps them to events
        seed, _, rest = phrase.partition(" ")
        for prefix in ("re", "co"):
            # a prefixed head keeps the rest of its phrase: "impose sanction" -> "reimpose sanction"
            for sense in wordnet.synsets(prefix + seed, "v")[:1]:
                if _repeats(sense, seed):
                    offer(Proposal(f"{prefix}{seed} {rest}".strip(), "verb", code, phrase, sense.name(), "prefix",
                                   (1, 0)))
        if rest:
            continue  # synonyms, troponyms and nouns come from one-word seeds only
        senses = [s for s in wordnet.synsets(seed, "v")[:SENSES_PER_SEED] if s.lexname() in VERB_FILES]
        for number, sense in enumerate(senses):
            for lemma in sense.lemmas():
                word = _phrase(lemma.name())
                offer(Proposal(word, "verb", code, seed, sense.name(), "synonym", (0, number)))
                for related in lemma.derivationally_related_forms():
                    noun_sense = related.synset()
                    if noun_sense.pos() == "n" and noun_sense.lexname() in NOUN_FILES:
                        offer(Proposal(_phrase(related.name()), "noun", code, seed, noun_sense.name(), "noun",
                                       (3, number)))
            if number == 0 and len(sense.hyponyms()) <= MAX_TROPONYMS:
                for hyponym in sense.hyponyms():
                    for lemma in hyponym.lemmas():
                        offer(Proposal(_phrase(lemma.name()), "verb", code, seed, hyponym.name(), "troponym",
                                       (2, number)))
    return sorted(best.values(), key=lambda p: (p.code, p.pos, p.word))


def read_rejected() -> dict[str, set[str]]:
    """word -> the codes it was rejected for ("*" for every code)."""
    rejected: dict[str, set[str]] = {}
    if REJECTED.is_file():
        for row in csv.reader(REJECTED.open(encoding="utf-8"), delimiter="\t"):
            if row and not row[0].startswith("#"):
                rejected.setdefault(row[0].strip().lower(), set()).add(row[1].strip() if len(row) > 1 else "*")
    return rejected


def write_yaml(accepted: list[Proposal], files: dict[str, dict]) -> None:
    """One wordnet/NN.yaml per root, each entry commented with its provenance."""
    out = DICTIONARY / "wordnet"
    out.mkdir(exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    by_root: dict[str, dict[str, list[Proposal]]] = {}
    for proposal in accepted:
        by_root.setdefault(proposal.code[:2], {}).setdefault(proposal.code, []).append(proposal)
    for root, codes in sorted(by_root.items()):
        data = files[root]
        lines = [
            f"# CAMEO root {root}: entries proposed from WordNet 3.0 by scripts/build_lexicon.py and reviewed",
            "# (rejections in scripts/lexicon_rejected.tsv). Each comment names the seed word of the hand-written",
            "# dictionary, the WordNet sense and the relation. Regenerate with `make lexicon`; do not edit by hand.",
            f'root: "{root}"',
            f"quad_class: {data['quad_class']}",
            "codes:",
        ]
        for code, proposals in sorted(codes.items()):
            lines.append(f'  - code: "{code}"')
            for pos, key in (("verb", "verbs"), ("noun", "nouns")):
                chosen = [p for p in proposals if p.pos == pos]
                if chosen:
                    lines.append(f"    {key}:")
                    lines += [f"      - {p.word}  # {p.seed}: {p.sense} {p.relation}" for p in chosen]
        (out / f"{root}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Write the proposals and the reviewed wordnet/ files."""
    from wordnet_source import open_wordnet

    wordnet = open_wordnet()
    if wordnet is None:
        return 1
    files = hand_written()
    proposals = propose(wordnet, files)
    with PROPOSALS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["word", "pos", "code", "seed", "sense", "relation"])
        for p in proposals:
            writer.writerow([p.word, p.pos, p.code, p.seed, p.sense, p.relation])
    rejected = read_rejected()
    accepted = [p for p in proposals if not rejected.get(p.word, set()) & {"*", p.code}]
    write_yaml(accepted, files)
    print(f"{len(proposals)} proposals, {len(accepted)} accepted, written to {DICTIONARY / 'wordnet'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
