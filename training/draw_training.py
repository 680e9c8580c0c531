"""Draw training sentences for event coding from the real English dev pages (dev-time).

Real sentences the project labels itself, to train a predicate classifier on
(``benchmarks/bench_predicate_model.py`` measures whether one helps) and, scored by ``bench_events``
as "real train", a large working set for the rules. They come from the same English pages of
``../shared/dev-data`` as the real gold (``benchmarks/data/events_real_gold.jsonl``) but never are
one of its sentences, so neither gold half is trained on; at most ``PER_PAGE`` come from one page
(a few long pages, a wiki's tables or a page of jokes, would otherwise fill the set). The spans are
written to ``training/events_real_train.jsonl`` (page id, character span, short hash; never the
text) in a fixed random order, in ``PARTS`` parts for labelling; ``--print PART`` shows a part's
sentences on the terminal for labelling (the text must not enter the repo). Labels are written to
``training/labels/part<k>.jsonl``, one record per sentence: the span's fields and ``events``, each
``{"source","target","code","mode","trigger","trigger_at"}`` (the word that reports the event and
its character offset in the sentence).

    python training/draw_training.py [--print PART]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "benchmarks"))

from draw_real_sentences import candidate_spans  # noqa: E402
from eventsets import REAL_GOLD, real_pages, shared_present, short_hash  # noqa: E402

TRAIN = HERE / "events_real_train.jsonl"
SEED = 20261208
PER_PAGE = 50
PARTS = 6


def draw() -> list[dict]:
    """The training spans: every English sentence span outside the real gold, in a fixed random
    order, at most ``PER_PAGE`` from one page, each with its part number."""
    pages = real_pages()
    gold = {(r["page"], r["sha"]) for r in map(json.loads, REAL_GOLD.read_text(encoding="utf-8").splitlines())}
    spans = candidate_spans()
    random.Random(SEED).shuffle(spans)
    records, taken = [], Counter()
    for page_id, start, end in spans:
        sha = short_hash(pages[page_id].body[start:end])
        if (page_id, sha) in gold or taken[page_id] >= PER_PAGE:
            continue
        taken[page_id] += 1
        records.append({"id": f"t{len(records) + 1:04d}", "page": page_id, "start": start, "end": end,
                        "sha": sha, "part": len(records) % PARTS + 1})
    return records


def main() -> int:
    """Draw the spans (unless drawn already) and print a part's text if asked."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--print", type=int, metavar="PART", help="print this part's sentences")
    args = parser.parse_args()
    if not shared_present():
        print("../shared/dev-data is absent: nothing to draw")
        return 0
    if not TRAIN.exists():
        records = draw()
        TRAIN.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        print(f"{len(records)} training sentences drawn into {TRAIN.name}")
    if args.print:
        pages = real_pages()
        for record in map(json.loads, TRAIN.read_text(encoding="utf-8").splitlines()):
            if record["part"] == args.print:
                print(f"{record['id']}\t{pages[record['page']].body[record['start']:record['end']]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
