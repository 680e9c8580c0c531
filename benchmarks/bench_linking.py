"""Entity-linking benchmark on benchmarks/data/linking_gold.jsonl.

A predicted mention is right when it overlaps a gold mention and links the same actor.
Provisional actors (people the knowledge base does not know) are not scored. Prints
precision, recall and F1 of actor links and the time per 1,000 words (parse included).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from dyads import Pipeline
from dyads.extract import content_hash
from dyads.nlp import parse_documents
from dyads.types import Document

GOLD = Path(__file__).resolve().parent / "data" / "linking_gold.jsonl"


def main() -> int:
    """Link every gold article and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-errors", type=int, default=0, help="print this many wrong links")
    args = parser.parse_args()
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = Pipeline(quiet=True)
    nlp, linker, kb = pipeline._part("nlp"), pipeline._part("linker"), pipeline._part("kb")
    documents = [Document(doc_id=i["id"], source="gold", text=i["text"], content_hash=content_hash(i["text"]),
                          published=i.get("published")) for i in items]
    words = sum(len(i["text"].split()) for i in items)
    started = time.perf_counter()
    linked = [linker.link(parsed)[0] for parsed in parse_documents(nlp, documents)]
    seconds = time.perf_counter() - started

    right = predicted = gold_total = 0
    shown = 0
    for item, mentions in zip(items, linked, strict=True):
        ours = [m for m in mentions if m.actor_id in kb.actors]
        predicted += len(ours)
        gold_total += len(item["mentions"])
        used: set[int] = set()
        for gold in item["mentions"]:
            hit = next((k for k, m in enumerate(ours) if k not in used and m.start < gold["end"]
                        and gold["start"] < m.end and m.actor_id == gold["actor_id"]), None)
            if hit is not None:
                used.add(hit)
                right += 1
            elif shown < args.show_errors:
                shown += 1
                near = [(m.surface, m.actor_id) for m in ours if m.start < gold["end"] and gold["start"] < m.end]
                print(f"{item['id']} missed {gold['surface']!r} -> {gold['actor_id']}; ours {near}")
        for k, m in enumerate(ours):
            if k not in used and shown < args.show_errors:
                shown += 1
                print(f"{item['id']} extra {m.surface!r} -> {m.actor_id} ({m.kind})")
    precision = right / predicted if predicted else 0.0
    recall = right / gold_total if gold_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"entity linking: {len(items)} articles, {gold_total} gold mentions, {words} words")
    print(f"  precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"  {1e6 * seconds / words:.0f} ms per 1,000 words (parse included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
