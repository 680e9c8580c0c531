"""Entity-linking benchmark: the own set, the real working half and the real kept half side by side.

The sets and how a mention is scored are described in ``linksets.py``. Prints precision, recall,
link accuracy and the share of mentions given a provisional actor for each set, the floors of
``linking_floors.json`` that ``make test`` holds them to, the time per 1,000 words on the own set
(parse included), and the errors by class (for the kept half: counts only).

    python benchmarks/bench_linking.py [--show-errors N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from linksets import OWN_GOLD, available, floors, score_own, score_real

from dyads import Pipeline

FIGURES = ("precision", "recall", "accuracy", "provisional")


def main() -> int:
    """Score the three sets and print them side by side."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-errors", type=int, default=0,
                        help="print this many errors of the own set and of the real working half (never the kept half)")
    args = parser.parse_args()
    pipeline = Pipeline(quiet=True)
    for part in ("nlp", "kb", "linker"):
        pipeline._part(part)

    words = sum(len(json.loads(line)["text"].split()) for line in OWN_GOLD.read_text(encoding="utf-8").splitlines()
                if line.strip())
    started = time.perf_counter()
    scores = [score_own(pipeline)]
    seconds = time.perf_counter() - started
    if available():
        scores += [score_real(pipeline, "working"), score_real(pipeline, "kept")]
    else:
        print("../shared/dev-data is absent: the real-text sets are skipped")
    limits = floors()

    print(f"{'entity linking':<16}" + "".join(f"{s.name:>17}" for s in scores))
    print(f"{'mentions':<16}" + "".join(f"{s.mentions:>17}" for s in scores))
    print(f"{'  in the KB':<16}" + "".join(f"{s.in_kb:>17}" for s in scores))
    for name in FIGURES:
        cells = []
        for s in scores:
            floor = limits.get(s.name, {}).get(name)
            cells.append(f"{s.figures()[name]:.3f}" + (f" (>={floor:g})" if floor is not None else ""))
        print(f"{name:<16}" + "".join(f"{c:>17}" for c in cells))
    drifted = [f"{s.name} {s.drifted}" for s in scores if s.drifted]
    if drifted:
        print("drifted (span no longer found in its page): " + ", ".join(drifted))
    print(f"own set: {1e6 * seconds / words:.0f} ms per 1,000 words (parse included)")
    print("precision = right links / mentions linked to a KB actor; recall = right links / gold mentions in the KB;")
    print("accuracy = right actor, or no KB actor where the gold says 'not in the KB'; provisional = share of")
    print("gold mentions given a provisional actor. (>=x): the floor make test holds.")

    for s in scores:
        if s.errors:
            print(f"\n{s.name} errors by class:")
            for kind, count in s.errors.most_common():
                print(f"  {count:>4}  {kind}")
        if args.show_errors and s.name != "real kept":
            for line in s.details[: args.show_errors]:
                print(f"    {line}")
    failed = [f"{s.name} {name} {s.figures()[name]:.3f} < {floor}" for s in scores
              for name, floor in limits.get(s.name, {}).items() if s.figures()[name] < floor]
    for line in failed:
        print(f"BELOW FLOOR: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
