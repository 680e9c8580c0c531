"""The fixed split of ../shared/dev-data into a working half and a kept half, and the scorers.

Rules are changed looking only at the working half's errors; the kept half is scored but its
per-page errors are not read, so that its figures say how the rules do on pages they were not
tuned on. The split is by id alone: the ids sorted by a salted SHA-256, the first half working.
Both the benchmark and the accuracy gate in tests/ use it; the gold is read from ../shared at
run time and never copied into the repo.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEV = SHARED / "dev-data"
#: Changing the salt changes the split: never change it once errors of a half have been read.
SPLIT_SALT = "dyads-dev-split-1"
HALVES = ("working", "kept")


def gold(folder: Path) -> list[dict]:
    """The gold rows of a dev-data folder, in file order."""
    return [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def split(ids: list[str]) -> dict[str, str]:
    """Each id's half: 'working' for the first half of the ids ordered by salted hash, else 'kept'."""
    ordered = sorted(ids, key=lambda i: hashlib.sha256(f"{SPLIT_SALT}|{i}".encode()).hexdigest())
    cut = (len(ordered) + 1) // 2
    return {i: ("working" if n < cut else "kept") for n, i in enumerate(ordered)}


def pages(folder: Path) -> list[tuple[str, str | None, bytes]]:
    """(id, url, raw HTML bytes) of every page of a dev-data folder."""
    return [(g["id"], g.get("url"), gzip.decompress((folder / "html" / f"{g['id']}.html.gz").read_bytes()))
            for g in gold(folder)]


def _scorer():
    """The shared extraction scorer (the Zyte benchmark's shingle F1), imported from ../shared/tools."""
    spec = importlib.util.spec_from_file_location("score_extraction", SHARED / "tools" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def body_scores(gold_rows: list[dict], predicted: dict[str, str]) -> tuple[float, float, float]:
    """(F1, precision, recall) of predicted bodies, scored exactly as ../shared/tools/score_extraction.py."""
    scorer = _scorer()
    rows = [scorer.tp_fp_fn(g["text"] or "", predicted.get(g["id"], "")) for g in gold_rows]
    return scorer.metrics(rows)


def date_scores(gold_rows: list[dict], predicted: dict[str, str | None]) -> tuple[float, int, int]:
    """(accuracy, undated pages left undated, undated pages) as ../shared/tools/score_dates.py counts:
    a dated page is right when the day matches, an undated page when no date is given."""
    right = 0
    undated = abstained = 0
    for g in gold_rows:
        guess = predicted.get(g["id"])
        if g.get("date"):
            right += bool(guess) and str(guess)[:10] == g["date"]
        else:
            undated += 1
            abstained += not guess
    return (right + abstained) / max(1, len(gold_rows)), abstained, undated
