"""Draw sentences at random (fixed seed) from the bodies of the real pages in ../shared/dev-data.

The bodies are the extraction pages' gold bodies and dyads' extraction of the date pages; only
English pages take part (dyads codes English), at most ``PER_PAGE`` sentences from a page. A sentence is a
span of ``eventsets.iter_sentences`` with at least four words. The draw is written to
``data/events_real_gold.jsonl`` as page id, character span and short hash, never the text; records
already there are kept as they are (labels, spans), new ones are appended with ``"events": null``
until labelled. ``--print`` shows the
unlabelled sentences' text for labelling (on the terminal only: the text must not enter the repo).

    python benchmarks/draw_real_sentences.py [--count 800] [--print]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter

from eventsets import REAL_GOLD, TRAIN_SPANS, iter_sentences, real_pages, shared_present, short_hash

from dyads.extract.language import detect_language

SEED = 20261207
MIN_WORDS = 4
MAX_CHARS = 800
#: At most this many sentences from a page: the first 560 records were drawn at six, the 99 English
#: pages hold only 575 at six, so the set grew to 800 at nine.
PER_PAGE = 9


def candidate_spans() -> list[tuple[str, int, int]]:
    """Every (page id, start, end) sentence span of the English pages, in a fixed order."""
    spans = []
    for page_id, page in sorted(real_pages().items()):
        if detect_language(page.body) != "en":
            continue
        for start, end in iter_sentences(page.body):
            text = page.body[start:end]
            if len(text) <= MAX_CHARS and sum(1 for w in text.split() if any(c.isalpha() for c in w)) >= MIN_WORDS:
                spans.append((page_id, start, end))
    return spans


def draw(spans: list[tuple[str, int, int]], existing: list[dict], count: int) -> list[dict]:
    """The gold records grown to ``count``: the existing ones as they are, then new spans in a fixed
    random order, at most ``PER_PAGE`` from one page (a few long pages, a wiki's tables or a page of
    jokes, would otherwise fill the set). A span whose sentence is already in the gold is skipped, so
    the set grows without redrawing what was labelled (the extractor may since have moved spans); nor is
    a training sentence drawn."""
    pages = real_pages()
    order = spans[:]
    random.Random(SEED).shuffle(order)
    records = list(existing)
    taken = Counter(r["page"] for r in records)
    have = {(r["page"], r["sha"]) for r in records}
    if TRAIN_SPANS.exists():  # the training sentences (training/draw_training.py) never enter the gold
        have |= {(r["page"], r["sha"]) for r in map(json.loads, TRAIN_SPANS.read_text(encoding="utf-8").splitlines())}
    for page_id, start, end in order:
        if len(records) >= count:
            break
        sha = short_hash(pages[page_id].body[start:end])
        if taken[page_id] >= PER_PAGE or (page_id, sha) in have:
            continue
        taken[page_id] += 1
        have.add((page_id, sha))
        records.append({"id": f"r{len(records) + 1:04d}", "page": page_id, "start": start, "end": end,
                        "sha": sha, "events": None})
    return records


def main() -> int:
    """Draw the sentences and merge them into the gold file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=800)
    parser.add_argument("--print", action="store_true", help="print the unlabelled sentences' text")
    args = parser.parse_args()
    if not shared_present():
        print("../shared/dev-data is absent: nothing to draw")
        return 0
    existing = []
    if REAL_GOLD.exists():
        existing = [json.loads(line) for line in REAL_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    spans = candidate_spans()
    records = draw(spans, existing, args.count)
    pages = real_pages()
    REAL_GOLD.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    print(f"{len(spans)} sentences in English pages; {len(records)} drawn into {REAL_GOLD.name}, "
          f"{sum(r['events'] is None for r in records)} unlabelled")
    if args.print:
        for record in records:
            if record["events"] is None:
                page = pages[record["page"]]
                print(f"{record['id']}\t{record['page']}\t{page.body[record['start']:record['end']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
