"""Entity-linking accuracy may not fall below the floors in benchmarks/linking_floors.json.

A quick run of the benchmark sets (benchmarks/linksets.py): the own gold always, the real-text
working half when ../shared/dev-data is present (skipped otherwise). The kept half is left to
``make bench-linking``.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from gates import below, load_benchmark_module

from dyads.types import Mention

linksets = load_benchmark_module("linksets")
FLOORS = linksets.floors()


def test_own_gold_stays_above_its_floors(loaded_pipeline):
    score = linksets.score_own(loaded_pipeline)
    assert score.mentions > 800
    assert not below(score.figures(), FLOORS["own"])


def test_real_working_half_stays_above_its_floors(loaded_pipeline):
    if not linksets.available():
        pytest.skip("../shared/dev-data is not present")
    score = linksets.score_real(loaded_pipeline, "working")
    # a changed extractor may drop or reword parts of a dates page: a few lost mentions are tolerated
    assert score.drifted <= 0.15 * (score.mentions + score.drifted), f"{score.drifted} gold spans lost"
    assert score.mentions > 150
    assert not below(score.figures(), FLOORS["real working"])


def test_real_gold_is_labelled_split_by_page_and_holds_no_text(loaded_pipeline):
    gold = linksets.load_gold()
    kb = loaded_pipeline._part("kb")
    assert len(gold) >= 400
    assert all(m["gold"] != "?" and m["what"] != "?" for m in gold), "unlabelled mentions"
    ids = [a for m in gold for a in (m["gold"], *m.get("alt", ())) if a is not None]
    assert [a for a in ids if a not in kb.actors] == []
    later = [p for m in gold for p in m.get("place_ids", ())]
    assert later and all(re.fullmatch(r"geo:\d+|feature:[a-z_]+", p) for p in later)
    halves = {(m["page"], m["half"]) for m in gold}
    assert len({page for page, _half in halves}) == len(halves), "a page has mentions in both halves"
    sizes = Counter(m["half"] for m in gold)
    assert set(sizes) == {"working", "kept"} and abs(sizes["working"] - sizes["kept"]) < 40
    assert all(len(m["surface"]) == m["end"] - m["start"] <= 80 for m in gold)  # names only, no sentences


def _mention(start: int, end: int, actor_id: str) -> Mention:
    return Mention("d", 0, start, end, "x" * (end - start), actor_id, None, 0.9)


def test_a_gold_mention_is_scored_by_the_mentions_overlapping_it():
    score = linksets.LinkScore("t")
    known = {"IRN", "raisi_ebrahim"}
    linksets._judge(score, known, "IRN", {"IRN"}, "state", [_mention(0, 4, "IRN")], "a")  # right
    linksets._judge(score, known, "raisi_ebrahim", {"raisi_ebrahim"}, "person", [_mention(0, 4, "IRN")], "b")
    linksets._judge(score, known, None, set(), "person", [_mention(0, 4, "new:jo_doe")], "c")  # right: no KB actor
    linksets._judge(score, known, None, set(), "city", [_mention(0, 4, "IRN")], "d")  # linked though not in KB
    linksets._judge(score, known, "IRN", {"IRN"}, "state", [], "e")  # missed
    assert (score.mentions, score.in_kb, score.linked, score.right, score.correct) == (5, 3, 3, 1, 2)
    assert score.provisional == 1
    figures = score.figures()
    assert figures["precision"] == pytest.approx(1 / 3) and figures["recall"] == pytest.approx(1 / 3)
    assert figures["accuracy"] == pytest.approx(2 / 5)
    assert score.errors == Counter({"person linked to the wrong KB actor": 1, "state or its people left unlinked": 1,
                                    "city not in the KB, linked to a KB actor": 1})


def test_a_moved_span_is_found_again_by_its_context():
    body = "Talks were held in Doha on Monday. Later that week, Doha said no."
    start = body.rindex("Doha")
    record = {"start": start, "end": start + 4, "surface": "Doha", "sha": linksets.short_hash("Doha"),
              "ctx": linksets.context_hash(body, start, start + 4)}
    assert linksets.anchor(record, body) == (start, start + 4)
    moved = "New intro. " + body
    assert linksets.anchor(record, moved) == (start + 11, start + 15)  # the second Doha, not the first
    one_side = moved.replace("that week", "that day")
    assert linksets.anchor(record, one_side) == (start + 10, start + 14)  # the words after still match
    assert linksets.anchor(record, one_side.replace("said no", "refused")) is None
