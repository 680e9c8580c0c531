"""Extraction benchmark: dyads against trafilatura (bodies) and htmldate (dates) on ../shared/dev-data.

Every figure is given for the working half (whose errors rules may be tuned on), the kept half
(never inspected page by page) and both; see devsplit.py for the fixed split. trafilatura runs in
each of its modes (default, favor_precision, favor_recall, each with and without its fallback
extractors), htmldate with and without its extensive search. An undated page counts as right only
when no date is given, and the number of undated pages left undated is printed on its own.
Also scores the plain-text path on our own scrapes in benchmarks/data/scrapes.
Writes predictions to build/bench/; speeds are documents per second over all pages.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import trafilatura
from devsplit import DEV, HALVES, SHARED, body_scores, date_scores, gold, pages, split
from htmldate import find_date

from dyads.extract import extract_document
from dyads.extract.plaintext import extract_plain_text
from dyads.types import Document, RawInput

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
OUT = REPO / "build" / "bench"

#: trafilatura's modes: keyword arguments of trafilatura.extract.
TRAFILATURA_MODES = {
    "default": {},
    "default, no fallback": {"fast": True},
    "favor_precision": {"favor_precision": True},
    "favor_precision, no fallback": {"favor_precision": True, "fast": True},
    "favor_recall": {"favor_recall": True},
    "favor_recall, no fallback": {"favor_recall": True, "fast": True},
}


def _write(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _score(tool: str, folder: Path, pred: Path) -> str:
    done = subprocess.run([sys.executable, str(SHARED / "tools" / tool), str(folder), str(pred)],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def _timed(items, fn) -> tuple[dict, float]:
    """Predictions by id and documents per second in steady state: one item first, untimed, so
    that the one-time loading of models and lazy imports is not counted as per-document time."""
    fn(items[0])
    started = time.perf_counter()
    found = {item[0]: fn(item) for item in items}
    return found, len(items) / (time.perf_counter() - started)


def _dyads(page, field: str):
    page_id, url, html = page
    doc = extract_document(RawInput(source=page_id, content=html, kind="html", url=url))
    value = getattr(doc, field) if isinstance(doc, Document) else None
    if field == "published" and value is not None and len(value) < 10:
        value = None  # the scorer counts days; a month is not a day
    return value or ("" if field == "text" else None)


def _slug(name: str) -> str:
    return re.sub(r"\W+", "_", name)


def _halves(rows: list[dict]) -> dict[str, list[dict]]:
    """The gold rows of each half, and of both ('all')."""
    half = split([r["id"] for r in rows])
    out = {name: [r for r in rows if half[r["id"]] == name] for name in HALVES}
    out["all"] = rows
    return out


def bench_bodies(folder: Path) -> None:
    """Body F1 (precision, recall) per half for dyads and every trafilatura mode."""
    items = pages(folder)
    by_half = _halves(gold(folder))
    runs = {"dyads": _timed(items, lambda p: _dyads(p, "text"))}
    for mode, options in TRAFILATURA_MODES.items():
        runs[f"trafilatura {mode}"] = _timed(
            items, lambda p, o=options: trafilatura.extract(p[2], url=p[1], **o) or "")
    sizes = "  ".join(f"{name} ({len(rows)})".ljust(20) for name, rows in by_half.items())
    print(f"{'bodies: F1 (P/R)':<44}{sizes}  docs/s")
    for tool, (found, rate) in runs.items():
        _write(OUT / f"bodies_{_slug(tool)}.jsonl", [{"id": i, "text": t} for i, t in found.items()])
        cells = "  ".join(f"{f:.3f} ({p:.3f}/{r:.3f})" for f, p, r in
                          (body_scores(rows, found) for rows in by_half.values()))
        print(f"  {tool:<42}{cells}  {rate:6.1f}")


def bench_dates(folder: Path) -> None:
    """Date accuracy per half, and undated pages left undated, for dyads and htmldate."""
    items = pages(folder)
    by_half = _halves(gold(folder))
    runs = {
        "dyads": _timed(items, lambda p: _dyads(p, "published")),
        "htmldate fast": _timed(items, lambda p: find_date(p[2], url=p[1], extensive_search=False)),
        "htmldate extensive": _timed(items, lambda p: find_date(p[2], url=p[1], extensive_search=True)),
    }
    sizes = "  ".join(f"{name} ({len(rows)})".ljust(16) for name, rows in by_half.items())
    print(f"{'dates: accuracy (undated left undated)':<44}{sizes}  docs/s")
    for tool, (found, rate) in runs.items():
        _write(OUT / f"dates_{_slug(tool)}.jsonl", [{"id": i, "date": d} for i, d in found.items()])
        cells = "  ".join(f"{acc:.3f} ({kept}/{undated})".ljust(16) for acc, kept, undated in
                          (date_scores(rows, found) for rows in by_half.values()))
        print(f"  {tool:<42}{cells}  {rate:6.1f}")


def bench_scrapes(folder: Path) -> None:
    rows = gold(folder)
    started = time.perf_counter()
    found = {g["id"]: extract_plain_text((folder / "html" / f"{g['id']}.txt").read_text(encoding="utf-8"))
             for g in rows}
    rate = len(rows) / (time.perf_counter() - started)
    pred = _write(OUT / "scrapes_dyads.jsonl", [{"id": i, "text": f.text} for i, f in found.items()])
    dates_right = sum(1 for g in rows if found[g["id"]].published == g.get("date"))
    titles_right = sum(1 for g in rows if _same(found[g["id"]].title, g.get("title")))
    print(f"plain-text scrapes ({len(rows)} scrapes)")
    print(f"  dyads        {_score('score_extraction.py', folder, pred)}  {rate:.1f} docs/s")
    print(f"  dates right {dates_right}/{len(rows)}, titles right {titles_right}/{len(rows)}")


def _same(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return re.sub(r"\W+", " ", (s or "").lower()).strip()
    return norm(a) == norm(b)


def main() -> int:
    """Run every extraction benchmark whose data is present."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    if (DEV / "extraction" / "gold.jsonl").exists():
        bench_bodies(DEV / "extraction")
        bench_dates(DEV / "dates")
    else:
        print("../shared/dev-data is absent: HTML benchmarks skipped")
    scrapes = HERE / "data" / "scrapes"
    if (scrapes / "gold.jsonl").exists():
        bench_scrapes(scrapes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
