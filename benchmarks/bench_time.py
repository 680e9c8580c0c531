"""Time-normalisation benchmark on benchmarks/data/time_gold.jsonl, beside dateparser's search_dates.

A gold expression counts as right when a predicted expression overlaps it in the text
and has the same value. Prints value accuracy overall and per category, and speed.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from dateparser.search import search_dates

from dyads.time import load_periods
from dyads.time.normalize import find_time_expressions

GOLD = Path(__file__).resolve().parent / "data" / "time_gold.jsonl"


def _gold_spans(item: dict) -> list[tuple[int, int, dict]]:
    spans, cursor = [], 0
    for expression in item["expressions"]:
        start = item["text"].find(expression["text"], cursor)
        if start < 0:
            start = item["text"].find(expression["text"])
        spans.append((start, start + len(expression["text"]), expression))
        cursor = start + len(expression["text"])
    return spans


def _score(items: list[dict], predict) -> tuple[Counter, Counter, int, float]:
    right, total, spurious = Counter(), Counter(), 0
    started = time.perf_counter()
    predictions = [predict(item) for item in items]
    seconds = time.perf_counter() - started
    for item, predicted in zip(items, predictions, strict=True):
        used = set()
        for start, end, expression in _gold_spans(item):
            total[expression["category"]] += 1
            for k, (p_start, p_end, value) in enumerate(predicted):
                if k not in used and p_start < end and start < p_end:
                    used.add(k)
                    if value == expression["value"]:
                        right[expression["category"]] += 1
                    break
        spurious += len(predicted) - len(used)
    return right, total, spurious, seconds


def _dyads(periods):
    def predict(item: dict) -> list[tuple[int, int, str | None]]:
        found = find_time_expressions(item["text"], item["published"], periods)
        return [(r.start, r.end, r.value) for r in found]
    return predict


def _dateparser(item: dict) -> list[tuple[int, int, str | None]]:
    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if item["published"]:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(item["published"])
    found = search_dates(item["text"], languages=["en"], settings=settings) or []
    spans, cursor = [], 0
    for text, value in found:
        start = item["text"].find(text, cursor)
        cursor = max(cursor, start + len(text))
        spans.append((start, start + len(text), value.date().isoformat()))
    return spans


def _report(name: str, right: Counter, total: Counter, spurious: int, seconds: float) -> None:
    n = sum(total.values())
    print(f"{name:12} accuracy {sum(right.values()) / n:.3f} ({sum(right.values())}/{n}), "
          f"spurious {spurious}, {n / seconds:,.0f} expressions/s")
    print("             " + ", ".join(f"{c} {right[c] / total[c]:.2f}" for c in sorted(total)))


def main() -> int:
    """Score dyads and naive dateparser on the gold set."""
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"time expressions: {sum(len(i['expressions']) for i in items)} in {len(items)} passages")
    _report("dyads", *_score(items, _dyads(load_periods())))
    _report("dateparser", *_score(items, _dateparser))
    return 0


if __name__ == "__main__":
    sys.exit(main())
