"""Event-coding benchmark on benchmarks/data/events_gold.jsonl.

Each sentence is coded as its own document (published on the gold date). Scores:
- root level: (source country, target country, root) triples;
- full level: (source code, target code, event code) triples;
precision, recall and F1 over all sentences (multiset matching per sentence), accuracy on
sentences without events, mode accuracy on matched events, and sentences per second
including the parse.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from dyads import Pipeline
from dyads.types import UNCOUNTED_MODES

GOLD = Path(__file__).resolve().parent / "data" / "events_gold.jsonl"


def _root_key(event: dict) -> tuple:
    return ((event.get("source") or "")[:3], (event.get("target") or "")[:3], event["code"][:2])


def _full_key(event: dict) -> tuple:
    return (event.get("source") or "", event.get("target") or "", event["code"])


def _prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    """Code every gold sentence and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-errors", type=int, default=0, help="print this many wrong sentences")
    args = parser.parse_args()
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    pipeline = Pipeline(quiet=True)
    for part in ("nlp", "kb", "linker", "coder", "periods"):
        pipeline._part(part)
    started = time.perf_counter()
    predictions = list(pipeline.code({"id": i["id"], "text": i["text"], "date": i["date"]} for i in items))
    seconds = time.perf_counter() - started

    counts = Counter()
    modes_right = modes_total = 0
    no_event_right = no_event_total = 0
    shown = 0
    for item, predicted in zip(items, predictions, strict=True):
        gold_events = item["events"]
        # negated and hypothetical events are coded but not counted as happening: compare like with like
        ours = [{"source": e["source_code"], "target": e["target_code"], "code": e["cameo"], "mode": e["mode"]}
                for e in predicted["events"]]
        for level, key in (("root", _root_key), ("full", _full_key)):
            gold_keys, our_keys = Counter(map(key, gold_events)), Counter(map(key, ours))
            counts[f"{level}_right"] += sum((gold_keys & our_keys).values())
            counts[f"{level}_gold"] += sum(gold_keys.values())
            counts[f"{level}_predicted"] += sum(our_keys.values())
        for gold_event in gold_events:
            match = next((o for o in ours if _root_key(o) == _root_key(gold_event)), None)
            if match is not None:
                modes_total += 1
                modes_right += match["mode"] == gold_event["mode"]
        if not gold_events:
            no_event_total += 1
            no_event_right += not [o for o in ours if o["mode"] not in UNCOUNTED_MODES]
        wrong = Counter(map(_root_key, gold_events)) != Counter(map(_root_key, ours))
        if wrong and shown < args.show_errors:
            shown += 1
            print(f"{item['id']}: {item['text']}\n   gold {[_full_key(e) + (e['mode'],) for e in gold_events]}"
                  f"\n   ours {[_full_key(o) + (o['mode'],) for o in ours]}")
    print(f"event coding: {len(items)} sentences, {counts['root_gold']} gold events")
    for level in ("root", "full"):
        p, r, f = _prf(counts[f"{level}_right"], counts[f"{level}_predicted"], counts[f"{level}_gold"])
        print(f"  {level:5} level  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"  no-event sentences right {no_event_right}/{no_event_total} "
          f"({no_event_right / max(1, no_event_total):.3f})")
    print(f"  mode right on matched events {modes_right}/{modes_total} ({modes_right / max(1, modes_total):.3f})")
    print(f"  {len(items) / seconds:.0f} sentences/s including the parse")
    return 0


if __name__ == "__main__":
    sys.exit(main())
