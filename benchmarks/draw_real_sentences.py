"""Draw sentences at random (fixed seed) from the bodies of the real pages in ../shared/dev-data.

The bodies are the extraction pages' gold bodies and dyads' extraction of the date pages; only
English pages take part (dyads codes English), at most six sentences from a page. A sentence is a
span of ``eventsets.iter_sentences`` with at least four words. The draw is written to
``data/events_real_gold.jsonl`` as page id, character span and short hash, never the text; labels
already there are kept, new records get ``"events": null`` until labelled. ``--print`` shows the
unlabelled sentences' text for labelling (on the terminal only: the text must not enter the repo).

    python benchmarks/draw_real_sentences.py [--count 560] [--print]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter

from eventsets import REAL_GOLD, iter_sentences, real_pages, shared_present, short_hash

from dyads.extract.language import detect_language

SEED = 20261207
MIN_WORDS = 4
MAX_CHARS = 800
PER_PAGE = 6


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


def draw(spans: list[tuple[str, int, int]], count: int) -> list[tuple[str, int, int]]:
    """``count`` spans at random, at most ``PER_PAGE`` from one page (a few long pages, a wiki's
    tables or a page of jokes, would otherwise fill the set)."""
    order = spans[:]
    random.Random(SEED).shuffle(order)
    taken: Counter = Counter()
    drawn = []
    for span in order:
        if taken[span[0]] < PER_PAGE:
            taken[span[0]] += 1
            drawn.append(span)
            if len(drawn) == count:
                break
    return drawn


def main() -> int:
    """Draw the sentences and merge them into the gold file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=560)
    parser.add_argument("--print", action="store_true", help="print the unlabelled sentences' text")
    args = parser.parse_args()
    if not shared_present():
        print("../shared/dev-data is absent: nothing to draw")
        return 0
    spans = candidate_spans()
    drawn = draw(spans, args.count)
    existing = {}
    if REAL_GOLD.exists():
        existing = {r["id"]: r for r in map(json.loads, REAL_GOLD.read_text(encoding="utf-8").splitlines()) if r}
    pages = real_pages()
    records = []
    for number, (page_id, start, end) in enumerate(drawn, 1):
        record_id = f"r{number:04d}"
        old = existing.get(record_id)
        sha = short_hash(pages[page_id].body[start:end])
        if old is not None and old["sha"] != sha:
            sys.exit(f"{record_id}: the draw changed under a labelled record ({old['page']} vs {page_id})")
        records.append({"id": record_id, "page": page_id, "start": start, "end": end, "sha": sha,
                        "events": old["events"] if old else None})
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
