"""Extraction benchmark: dyads against trafilatura (bodies) and htmldate (dates) on ../shared/dev-data.

Also scores the plain-text path on our own scrapes in benchmarks/data/scrapes.
Prints body F1, date accuracy and documents per second; writes predictions to build/bench/.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import trafilatura
from htmldate import find_date

from dyads.extract import extract_document
from dyads.extract.plaintext import extract_plain_text
from dyads.types import Document, RawInput

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
OUT = REPO / "build" / "bench"


def _gold(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()]


def _pages(folder: Path) -> list[tuple[str, str | None, bytes]]:
    gold = _gold(folder)
    return [(g["id"], g.get("url"), gzip.decompress((folder / "html" / f"{g['id']}.html.gz").read_bytes()))
            for g in gold]


def _write(path: Path, rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _score(tool: str, folder: Path, pred: Path) -> str:
    done = subprocess.run([sys.executable, str(SHARED / "tools" / tool), str(folder), str(pred)],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def _timed(pages, fn) -> tuple[list[dict], float]:
    """Rows and documents per second in steady state: one page first, untimed, so that the
    one-time loading of models and lazy imports is not counted as per-document time."""
    fn(pages[0])
    started = time.perf_counter()
    rows = [fn(page) for page in pages]
    return rows, len(pages) / (time.perf_counter() - started)


def _dyads(page, field: str) -> dict:
    page_id, url, html = page
    doc = extract_document(RawInput(source=page_id, content=html, kind="html", url=url))
    value = getattr(doc, field) if isinstance(doc, Document) else None
    if field == "published" and value is not None and len(value) < 10:
        value = None  # the scorer counts days; a month is not a day
    return {"id": page_id, "text" if field == "text" else "date": value or ("" if field == "text" else None)}


def bench_bodies(folder: Path) -> None:
    pages = _pages(folder)
    ours, ours_rate = _timed(pages, lambda p: _dyads(p, "text"))
    theirs, theirs_rate = _timed(
        pages, lambda p: {"id": p[0], "text": trafilatura.extract(p[2], url=p[1]) or ""})
    print(f"bodies ({len(pages)} pages)")
    print(f"  dyads        {_score('score_extraction.py', folder, _write(OUT / 'bodies_dyads.jsonl', ours))}"
          f"  {ours_rate:.1f} docs/s")
    print(f"  trafilatura  {_score('score_extraction.py', folder, _write(OUT / 'bodies_trafilatura.jsonl', theirs))}"
          f"  {theirs_rate:.1f} docs/s")


def bench_dates(folder: Path) -> None:
    pages = _pages(folder)
    ours, ours_rate = _timed(pages, lambda p: _dyads(p, "published"))
    theirs, theirs_rate = _timed(
        pages, lambda p: {"id": p[0], "date": find_date(p[2], url=p[1], extensive_search=True)})
    print(f"dates ({len(pages)} pages)")
    print(f"  dyads        {_score('score_dates.py', folder, _write(OUT / 'dates_dyads.jsonl', ours))}"
          f"  {ours_rate:.1f} docs/s")
    print(f"  htmldate     {_score('score_dates.py', folder, _write(OUT / 'dates_htmldate.jsonl', theirs))}"
          f"  {theirs_rate:.1f} docs/s")
    undated = {g["id"] for g in _gold(folder) if not g.get("date")}
    print(f"  undated pages left without a date: dyads {sum(1 for r in ours if r['id'] in undated and not r['date'])}"
          f"/{len(undated)}, htmldate {sum(1 for r in theirs if r['id'] in undated and not r['date'])}/{len(undated)}")


def bench_scrapes(folder: Path) -> None:
    gold = _gold(folder)
    started = time.perf_counter()
    found = {g["id"]: extract_plain_text((folder / "html" / f"{g['id']}.txt").read_text(encoding="utf-8"))
             for g in gold}
    rate = len(gold) / (time.perf_counter() - started)
    pred = _write(OUT / "scrapes_dyads.jsonl", [{"id": i, "text": f.text} for i, f in found.items()])
    dates_right = sum(1 for g in gold if found[g["id"]].published == g.get("date"))
    titles_right = sum(1 for g in gold if _same(found[g["id"]].title, g.get("title")))
    print(f"plain-text scrapes ({len(gold)} scrapes)")
    print(f"  dyads        {_score('score_extraction.py', folder, pred)}  {rate:.1f} docs/s")
    print(f"  dates right {dates_right}/{len(gold)}, titles right {titles_right}/{len(gold)}")


def _same(a: str | None, b: str | None) -> bool:
    def norm(s: str | None) -> str:
        return re.sub(r"\W+", " ", (s or "").lower()).strip()
    return norm(a) == norm(b)


def main() -> int:
    """Run every extraction benchmark whose data is present."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.parse_args()
    dev = SHARED / "dev-data"
    if (dev / "extraction" / "gold.jsonl").exists():
        bench_bodies(dev / "extraction")
        bench_dates(dev / "dates")
    else:
        print("../shared/dev-data is absent: HTML benchmarks skipped")
    scrapes = HERE / "data" / "scrapes"
    if (scrapes / "gold.jsonl").exists():
        bench_scrapes(scrapes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
