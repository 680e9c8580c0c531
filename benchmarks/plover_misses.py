"""List the PLOVER records of the working half whose focal event dyads misses (dev-time, not in make test).

For each miss: the sentence, the gold focal event (source, target, type, the experts' event words) and
every event dyads coded there (source, target, CAMEO code, PLOVER type, mode, predicate word). Only the
working half is ever shown; the kept half is reported as a figure by ``bench_events.py``.

    .venv/bin/python benchmarks/plover_misses.py [--all] [--grep WORD]
"""

from __future__ import annotations

import argparse
import sys

from eventsets import coded_without_failure, plover_records, shared_present

from dyads import Pipeline


def _side(ours: str | None, gold: str | None) -> bool:
    return gold is None or (ours or "")[:3].upper() == gold


def found(record: dict, events: list[dict]) -> bool:
    """Whether the focal event is among ours (the PLOVER scorer's rule)."""
    for gold in record["expected"]:
        for e in events:
            straight = _side(e["source_code"], gold["source"]) and _side(e["target_code"], gold["target"])
            crossed = gold["symmetric"] and _side(e["source_code"], gold["target"]) \
                and _side(e["target_code"], gold["source"])
            if (straight or crossed) and e["plover"] == gold["type"]:
                return True
    return False


def main() -> int:
    """Code the working half and print the misses (``--all``: every record)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="print found records too")
    parser.add_argument("--grep", default="", help="only records whose text holds this word")
    args = parser.parse_args()
    if not shared_present():
        print("../shared/dev-data is absent")
        return 1
    records = plover_records("working")
    pipeline = Pipeline(quiet=True)
    predictions = list(coded_without_failure(pipeline.code(
        {"id": r["id"], "text": r["text"], "date": r.get("date")} for r in records)))
    hits = 0
    for record, predicted in zip(records, predictions, strict=True):
        ok = found(record, predicted["events"])
        hits += ok
        if (ok and not args.all) or args.grep.lower() not in record["text"].lower():
            continue
        print(f"{'FOUND' if ok else 'MISS '} {record['id']}: {record['text']}")
        for gold in record["expected"]:
            print(f"   gold {gold['source']} -> {gold['target']} {gold['type']}"
                  f"{' (sym)' if gold['symmetric'] else ''}  [{record.get('event_text')}]")
        for e in predicted["events"]:
            print(f"   ours {e['source_code']} -> {e['target_code']} {e['cameo']} {e['plover']} {e['mode']}"
                  f" [{e['predicate']}]")
    print(f"\nworking half: {hits}/{len(records)} found ({hits / max(1, len(records)):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
