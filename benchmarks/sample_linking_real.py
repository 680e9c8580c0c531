"""Draw the mentions of the real-text linking gold from the English pages of ../shared/dev-data.

A candidate mention is a span that may name an actor or a place:
- a spaCy entity of type PERSON, NORP, ORG, GPE, LOC or FAC (a leading "the" dropped);
- a run of proper nouns that no entity covers (names the entity recogniser missed);
- a role phrase ("the president", "Russia's foreign minister", "President Donald Trump"), with the
  country before it and the name after it when they are written there.
A title between a country and a name ("U.S. Attorney General William Barr") makes one mention.
Candidates in paragraphs that are not English are left out (the page filter reads only a page's
first 2,000 characters).

The candidates of all pages are pooled and SAMPLE_SIZE of them drawn with a fixed seed; pages are
then dealt to a working half and a kept half (shuffled with the seed, each page to the half with
fewer mentions so far), so that no page has mentions in both halves. Labels are added by hand
(`gold`: an actor id of the knowledge base, or null when the KB does not hold what the mention
names); rerunning the script keeps the labels of mentions it draws again. The dates pages' bodies come
from dyads' extractor, so the same draw comes back only with the extractor the gold was drawn with
(main 951e5bd); with another, the script refuses to overwrite the labelled gold.

    python benchmarks/sample_linking_real.py [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys

from linksets import REAL_GOLD, available, context_hash, load_gold, load_pages, short_hash

from dyads.extract.language import detect_language
from dyads.nlp import load_nlp

SEED = 20
SAMPLE_SIZE = 440
ENTITY_LABELS = {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC"}
ROLE = re.compile(
    r"\b(?:(?:the|his|her|their|its|our|then|former|new)\s+){0,2}(?:(?:deputy|acting|vice|former)\s+)?"
    r"(?:president|prime minister|premier|chancellor|foreign minister|defen[cs]e minister|secretary of state|"
    r"defen[cs]e secretary|secretary of defen[cs]e|governor|mayor|king|queen|emir|crown prince|supreme leader|"
    r"pope|speaker|attorney general)\b",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_TITLE_RUN = re.compile(r"\s+(?:[A-Z][\w.'-]*\s+){1,4}")
#: A word that may be part of a name: capitalised letters ("Lavrov", "al-Assad", "NATO"), not code or
#: lowercase words that the tagger reads as proper nouns.
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)*|[A-Z]{2,5}|(?:al|el|bin|ibn|von|van|de)")
_POSSESSIVE = re.compile(r"^(?:'s|’s)?\s+")


def candidates(doc) -> list[tuple[int, int, str]]:
    """Candidate mentions (start, end, how found) of one parsed page, without overlaps."""
    text = doc.text
    ents = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        start = ent.start_char + len(_LEADING_THE.match(ent.text).group(0)) if _LEADING_THE.match(ent.text) \
            else ent.start_char
        if start < ent.end_char and "\n" not in text[start:ent.end_char]:
            ents.append((start, ent.end_char, f"ner:{ent.label_}"))
    persons = {s: (s, e) for s, e, how in ents if how == "ner:PERSON"}
    found: list[tuple[int, int, str]] = []
    # a country, a title and a name: one mention ("U.S. Attorney General William Barr")
    for start, end, how in ents:
        if how in ("ner:NORP", "ner:GPE"):
            title = _TITLE_RUN.match(text, end)
            if title and title.end() in persons:
                found.append((start, persons[title.end()][1], "title"))
    for match in ROLE.finditer(text):
        start, end = match.start(), match.end()
        after = re.match(r"\s", text[end:end + 1])
        if after and end + 1 in persons:
            end = persons[end + 1][1]  # "President Donald Trump"
        for e_start, e_end, how in ents:  # "Russia's foreign minister", "the Russian president"
            if how in ("ner:GPE", "ner:NORP") and e_end <= start and _POSSESSIVE.fullmatch(text[e_end:start]):
                start = e_start
        found.append((start, end, "role"))
    found += ents
    # proper nouns no entity covers
    covered = {t.i for ent in doc.ents for t in ent}
    run: list = []
    for token in [*doc, None]:
        if token is not None and token.pos_ == "PROPN" and token.i not in covered and _NAME_WORD.fullmatch(token.text):
            run.append(token)
            continue
        while run and run[-1].text.islower():
            run.pop()  # a name neither ends nor starts with a particle ("von", "al")
        while run and run[0].text.islower():
            run.pop(0)
        if run and not (len(run) == 1 and run[0].is_sent_start) and len(run) <= 4:
            found.append((run[0].idx, run[-1].idx + len(run[-1].text), "propn"))
        run = []
    # only English paragraphs: some pages mix languages (a German post under English error lines)
    foreign = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)
               if detect_language(m.group(0)) not in (None, "en")]
    found = [c for c in found if not any(s <= c[0] < e for s, e in foreign)]
    # keep the longest of overlapping candidates, in text order
    found.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    kept: list[tuple[int, int, str]] = []
    for cand in found:
        if all(cand[1] <= k[0] or k[1] <= cand[0] for k in kept):
            kept.append(cand)
    return sorted(kept)


def split_pages(counts: dict[str, int], seed: int = SEED) -> dict[str, str]:
    """Deal pages to the working and the kept half: shuffled, each to the half with fewer mentions."""
    order = sorted(counts)
    random.Random(seed).shuffle(order)
    halves = {"working": 0, "kept": 0}
    assigned = {}
    for page in order:
        half = min(halves, key=lambda h: (halves[h], h == "kept"))
        assigned[page] = half
        halves[half] += counts[page]
    return assigned


def main() -> int:
    """Sample the mentions and write the gold file, keeping labels already given."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(REAL_GOLD))
    args = parser.parse_args()
    if not available():
        print("../shared/dev-data is absent: nothing to sample")
        return 1
    pages = load_pages()
    nlp = load_nlp()
    pool = []
    for page_id in sorted(pages):
        page = pages[page_id]
        for start, end, how in candidates(nlp(page.text)):
            pool.append((page_id, start, end, how))
    drawn = sorted(random.Random(SEED).sample(pool, SAMPLE_SIZE))
    counts: dict[str, int] = {}
    for page_id, *_ in drawn:
        counts[page_id] = counts.get(page_id, 0) + 1
    halves = split_pages(counts)
    labels = {}
    try:
        labels = {(m["page"], m["start"], m["end"]): m for m in load_gold()}
    except FileNotFoundError:
        pass
    drawn_keys = {(page_id, start, end) for page_id, start, end, _how in drawn}
    lost = [key for key, old in labels.items() if old.get("gold") != "?" and key not in drawn_keys]
    if lost and args.out == str(REAL_GOLD):
        print(f"the draw differs from the labelled gold ({len(lost)} labelled mentions would be lost: the page "
              "bodies changed since it was drawn); write the new draw elsewhere with --out")
        return 1
    with open(args.out, "w", encoding="utf-8") as out:
        for page_id, start, end, how in drawn:
            text = pages[page_id].text
            old = labels.get((page_id, start, end), {})
            record = {"page": page_id, "start": start, "end": end, "surface": text[start:end],
                      "sha": short_hash(text[start:end]), "ctx": context_hash(text, start, end), "via": how,
                      "published": pages[page_id].published, "half": halves[page_id],
                      "gold": old.get("gold", "?"), "what": old.get("what", "?")}
            record.update({key: old[key] for key in ("alt", "place_ids") if old.get(key)})
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(drawn)} mentions from {len(counts)} of {len(pages)} English pages ({len(pool)} candidates); "
          f"working {sum(counts[p] for p in counts if halves[p] == 'working')}, "
          f"kept {sum(counts[p] for p in counts if halves[p] == 'kept')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
