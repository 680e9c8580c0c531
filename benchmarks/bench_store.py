"""Store benchmark: 1,000,000 synthetic events, then a monthly dyad series and an actor timeline.

Target: under 1 s each on a 2-core machine. The events are generated inside DuckDB
(random countries, sectors, codes and dates over ten years across 20,000 documents).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from dyads import open_store
from dyads.store import queries as q

COUNTRIES = ["RUS", "IRN", "USA", "CHN", "TUR", "ISR", "SAU", "UKR", "SYR", "IRQ", "FRA", "GBR", "DEU", "IND", "PAK"]
SECTORS = ["", "GOV", "MIL", "CVL", "OPP", "BUS"]
CODES = ["010", "020", "036", "040", "042", "043", "051", "057", "061", "073", "111", "112", "130", "141", "163",
         "173", "190", "193", "195"]


def fill(store, events: int, documents: int) -> None:
    """Insert synthetic documents and events with SQL (fast, reproducible with setseed)."""
    con = store.con
    con.execute("SELECT setseed(0.42)")
    con.execute("BEGIN")
    con.execute(f"""
        INSERT INTO documents (doc_id, source, text, content_hash, published)
        SELECT 'd' || i, 'synthetic', 'text ' || i, 'h' || i,
               strftime(DATE '2015-01-01' + CAST(random() * 3650 AS INTEGER), '%Y-%m-%d')
        FROM range({documents}) t(i)
    """)
    con.execute(f"""
        INSERT INTO events (event_id, doc_id, sentence_index, sentence, date, date_precision, date_source,
                            source_actor_id, source_code, target_actor_id, target_code, cameo, root, quad_class,
                            goldstein, plover, mode, confidence)
        WITH picks AS (
            SELECT i, CAST(floor(random() * {len(COUNTRIES)}) AS INTEGER) AS si,
                   CAST(floor(random() * {len(COUNTRIES) - 1}) AS INTEGER) AS shift,
                   list_extract(?, 1 + CAST(floor(random() * {len(SECTORS)}) AS INTEGER)) AS sector,
                   list_extract(?, 1 + CAST(floor(random() * {len(CODES)}) AS INTEGER)) AS code,
                   DATE '2015-01-01' + CAST(random() * 3650 AS INTEGER) AS day
            FROM range({events}) r(i)
        ), raw AS (  -- the target is any country but the source
            SELECT i, list_extract(?, 1 + si) AS s, list_extract(?, 1 + (si + 1 + shift) % {len(COUNTRIES)}) AS t,
                   sector, code, day
            FROM picks
        )
        SELECT 'e' || i, 'd' || (i % {documents}), 0, 'synthetic sentence ' || i, strftime(day, '%Y-%m-%d'), 'day',
               'sentence', s, s || sector, t, t, code, code[:2],
               CASE WHEN code[:2] <= '05' THEN 1 WHEN code[:2] <= '09' THEN 2 WHEN code[:2] <= '14' THEN 3 ELSE 4 END,
               CASE WHEN code[:2] <= '09' THEN 3.0 ELSE -5.0 END, 'CONSULT', 'asserted', 0.8
        FROM raw
    """, [SECTORS, CODES, COUNTRIES, COUNTRIES])
    con.execute("COMMIT")


def timed(label: str, fn) -> float:
    """Run ``fn`` three times and print the best time."""
    best = float("inf")
    rows = 0
    for _ in range(3):
        started = time.perf_counter()
        rows = len(fn())
        best = min(best, time.perf_counter() - started)
    print(f"  {label:28} {best:.3f} s ({rows} rows)")
    return best


def main() -> int:
    """Fill a temporary store and time the two queries."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.duckdb"
        with open_store(db) as store:
            started = time.perf_counter()
            fill(store, args.events, documents=20_000)
            count = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
            print(f"store: {count} events loaded in {time.perf_counter() - started:.1f} s")
        with open_store(db, read_only=True) as store:
            russia, iran = q.ActorFilter("RUS", code_prefixes=("RUS",)), q.ActorFilter("IRN", code_prefixes=("IRN",))
            series = timed("monthly dyad series RUS-IRN", lambda: q.dyad_series(store, russia, iran, "month"))
            timeline = timed("actor timeline (RUS, 100)", lambda: q.list_events(
                store, q.EventQuery(source=russia, limit=100)))
            partners = timed("actor partners (RUS)", lambda: q.actor_partners(store, russia))
    print(f"target under 1 s each: {'met' if max(series, timeline, partners) < 1 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
