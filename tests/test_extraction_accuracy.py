"""Accuracy gate for HTML extraction on the real pages of ../shared/dev-data (skips when absent).

Bodies and publication dates are scored per half of the fixed split (benchmarks/devsplit.py)
with the shared scorers' rules; the floors sit a little under what the extractor reaches, so
that a change losing accuracy on either half fails here rather than only in bench-extraction.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dyads.extract import extract_document
from dyads.types import Document, RawInput

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from devsplit import DEV, body_scores, date_scores, gold, pages, split  # noqa: E402

#: Body F1 floors per half (reached: working 0.977, kept 0.976).
BODY_F1_FLOOR = {"working": 0.965, "kept": 0.965}
#: Date accuracy floors per half (reached: working 0.91, kept 0.96).
DATE_FLOOR = {"working": 0.89, "kept": 0.94}


def _present(name: str) -> Path:
    folder = DEV / name
    if not (folder / "gold.jsonl").exists():
        pytest.skip(f"../shared/dev-data/{name} is not present")
    return folder


def _extract(page) -> Document | None:
    page_id, url, html = page
    doc = extract_document(RawInput(source=page_id, content=html, kind="html", url=url))
    return doc if isinstance(doc, Document) else None


def _by_half(rows: list[dict]) -> dict[str, list[dict]]:
    half = split([r["id"] for r in rows])
    return {name: [r for r in rows if half[r["id"]] == name] for name in ("working", "kept")}


def test_body_f1_on_both_halves():
    folder = _present("extraction")
    found = {page[0]: _extract(page) for page in pages(folder)}
    texts = {i: doc.text if doc else "" for i, doc in found.items()}
    for name, rows in _by_half(gold(folder)).items():
        f1 = body_scores(rows, texts)[0]
        assert f1 >= BODY_F1_FLOOR[name], f"{name} half: body F1 {f1:.3f} < {BODY_F1_FLOOR[name]}"


def test_dates_on_both_halves_and_no_date_invented():
    folder = _present("dates")
    found = {page[0]: _extract(page) for page in pages(folder)}
    # the scorer counts days: a month-precision date is no day
    days = {i: doc.published if doc and doc.published and len(doc.published) == 10 else None
            for i, doc in found.items()}
    for name, rows in _by_half(gold(folder)).items():
        accuracy, left_undated, undated = date_scores(rows, days)
        assert accuracy >= DATE_FLOOR[name], f"{name} half: date accuracy {accuracy:.3f} < {DATE_FLOOR[name]}"
        assert left_undated == undated, f"{name} half: a date invented on {undated - left_undated} undated page(s)"
