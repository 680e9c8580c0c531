"""Event-coding benchmark: the own gold, the real random sentences and the PLOVER records side by side.

The own set and the PLOVER records code each sentence as its own document. The real random sentences
are scored in page context, as ``dyads run`` codes them: each whole page is one document (published on
its gold day where the page has one), and a sentence's events are those whose evidence sentence is its
span (the human labels were made reading the page). The sentence-alone figures print beside them.
Scores (see eventsets.py):
- own and real sets: root level (source country, target country, root) and full level (source code,
  target code, event code) precision, recall and F1 (multiset matching per sentence), accuracy on
  sentences without events, mode accuracy on matched events;
- PLOVER records: the focal event found with its type and both sides, the type at all, the sides at all;
- sentences per second including the parse (noisy on a busy machine);
- French and Russian: their own sets (``data/events_gold_<language>.jsonl``), a working and a kept half each,
  coded from each language's own parse (nlp/languages.py), with their speed beside English;
- Arabic, Persian and Spanish: their own sets likewise, coded shallow (events/shallow.py: word order, no
  parse), and every sentence of the dev pages in those languages (nearly no events: what the coder invents).
The real sets print a working and a kept half; ``--show-errors`` shows working-half errors only.
"""

from __future__ import annotations

import argparse
import sys

from eventsets import (
    LANGUAGE_SETS,
    PageRuns,
    SetScore,
    language_items,
    language_real_items,
    own_items,
    plover_records,
    real_items,
    real_train_items,
    score_in_pages,
    score_plover,
    score_sentences,
    shared_present,
)
from lexicon_coverage import coverage, print_coverage

from dyads import Pipeline


def _print_set(score: SetScore) -> None:
    root, full = score.level("root"), score.level("full")
    c = score.counts
    missing = f", {score.missing} spans not found" if score.missing else ""
    # A kept half's pages are often coded already with the working half: no time of its own to show.
    rate = f"{score.sentences / score.seconds:.0f} sent/s" if score.seconds >= 0.01 else "pages coded before"
    print(f"  {score.name:17} {score.sentences:4} sent {c['root_gold']:4} ev {c['root_predicted']:4} coded  "
          f"root P {root[0]:.3f} R {root[1]:.3f} F1 {root[2]:.3f}  full F1 {full[2]:.3f}  "
          f"no-event {c['no_event_right']}/{c['no_event_total']} ({score.no_event_accuracy:.3f})  "
          f"mode {c['modes_right']}/{c['modes_total']}  {rate}{missing}")


def _print_alone(score: SetScore) -> None:
    root = score.level("root")
    print(f"    {score.name:15} {score.counts['root_predicted']:4} coded  root P {root[0]:.3f} R {root[1]:.3f} "
          f"F1 {root[2]:.3f}  no-event {score.no_event_accuracy:.3f}")


def _show(score: SetScore, limit: int) -> None:
    for error in score.errors[:limit]:
        print(f"{error['id']}: {error['text']}")
        print(f"   gold {[(e.get('source'), e.get('target'), e['code'], e['mode']) for e in error['gold']]}")
        print(f"   ours {[(e.get('source'), e.get('target'), e['code'], e['mode']) for e in error['ours']]}")


def main() -> int:
    """Code every set and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-errors", type=int, default=0, help="print this many wrong sentences per working set")
    parser.add_argument("--no-coverage", action="store_true", help="skip the lexicon coverage over the dev pages")
    args = parser.parse_args()
    pipeline = Pipeline(quiet=True)
    for part in ("nlp", "kb", "linker", "coder", "periods"):
        pipeline._part(part)
    pipeline.code([{"id": "warm", "text": "Russia sent aid to Iran.", "date": "2024-05-21"}]).__next__()

    scores = [score_sentences(pipeline, "own", own_items())]
    # each language's own set, both halves; the first document of a language loads its parser, so
    # one warm-up sentence each keeps the load out of the speed figure
    for language in LANGUAGE_SETS:
        items = language_items(language, "working")
        pipeline.code([{**items[0], "id": "warm"}]).__next__()
        scores += [score_sentences(pipeline, f"{language} {half}", language_items(language, half))
                   for half in ("working", "kept")]
    for half in ("working", "kept"):
        items, missing = language_real_items(half)
        if items:
            scores.append(score_sentences(pipeline, f"ar/fa/es pages {half}", items))
            scores[-1].missing = missing
    alone, plover = [], []
    if shared_present():
        runs = PageRuns(pipeline)
        for half in ("working", "kept"):
            items, missing = real_items(half)
            score = score_in_pages(runs, f"real {half}", items)
            score.missing = missing
            scores.append(score)
            alone.append(score_sentences(pipeline, f"{half} alone", items))
        items, missing = real_train_items()
        if items:
            scores.append(score_in_pages(runs, "real train", items))
            scores[-1].missing = missing
        plover = [score_plover(pipeline, f"plover {half}", plover_records(half)) for half in ("working", "kept")]
    print("event coding (root = source country, target country, CAMEO root; a missing side is empty)")
    for score in scores:
        _print_set(score)
    if alone:
        print("  real sets with each sentence coded alone (before page context; pages coded above in "
              f"{sum(s.seconds for s in scores[1:]):.0f} s)")
        for score in alone:
            _print_alone(score)
    for p in plover:
        print(f"  {p.name:17} {p.n:4} sent  focal event found {p.recall:.3f}  type at all {p.type:.3f}  "
              f"sides at all {p.dyad:.3f}  {p.n / max(p.seconds, 1e-9):.0f} sent/s")
    if not shared_present():
        print("  ../shared/dev-data is absent: real and PLOVER sets skipped")
    sentences = sum(s.sentences for s in [scores[0], *alone]) + sum(p.n for p in plover)
    seconds = sum(s.seconds for s in [scores[0], *alone]) + sum(p.seconds for p in plover)
    print(f"  all sets: {sentences / seconds:.0f} sentences/s including the parse (one process)")
    if shared_present() and not args.no_coverage:
        print_coverage(coverage())
    if args.show_errors:
        for score in scores:
            shown = {"own", "real working", "real train"} | {f"{lang} working" for lang in LANGUAGE_SETS}
            if score.name in shown:
                print(f"\n{score.name} errors")
                _show(score, args.show_errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
