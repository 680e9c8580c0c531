"""Store, queries and exports: commands checked against what fixture articles say."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from dyads import open_store
from dyads.cli import main
from dyads.store import StoreError
from dyads.store.gdelt import EVENT_COLUMNS, MENTION_COLUMNS
from dyads.store.schema import MIGRATIONS, SCHEMA_VERSION

ARTICLES = {
    "a.txt": """Russia sends rescue teams to Iran

Published on March 14, 2023

Russia sent rescue teams to Iran after the earthquake, the emergencies ministry said on Monday.

Iran thanked Russia for the rescue teams.

The ministry said the teams carried search dogs, thermal cameras and field kitchens, and would work
with local crews in the worst-hit villages near the border, where roads had been cut by landslides
and many houses had collapsed during the night.
""",
    "b.txt": """Moscow and Tehran hold talks

Published on June 2, 2023

Russian Foreign Minister Sergei Lavrov met Iranian Foreign Minister Hossein Amir-Abdollahian in Moscow on Thursday.

The United States imposed sanctions on Iran on Friday.
""",
    # a syndicated copy of a.txt with a new headline and a small edit: counted once
    "c.txt": """Russian rescuers fly to Iran

Published on March 15, 2023

Russia sent rescue teams to Iran after the earthquake, the emergencies ministry said on Monday.

Iran thanked Russia for the rescue teams.

The ministry said the teams carried search dogs, thermal cameras and field kitchens, and would work
with local crews in the worst-hit villages near the border, where roads had been cut by landslides
and many houses had collapsed during the night.

The teams will stay for a week.
""",
}


@pytest.fixture(scope="module")
def store_path(store_from_articles):
    return store_from_articles(ARTICLES)


def run_cli(capsys, *args):
    code = main([*args])
    out = capsys.readouterr().out
    return code, out


def test_near_duplicate_marked_on_the_later_copy(store_path):
    with open_store(store_path, read_only=True) as store:
        rows = dict(store.con.execute("SELECT title, duplicate_of IS NOT NULL FROM documents").fetchall())
    assert rows == {"Russia sends rescue teams to Iran": False, "Moscow and Tehran hold talks": False,
                    "Russian rescuers fly to Iran": True}


def test_dyad_counts_fused_events_both_directions(store_path, capsys):
    code, out = run_cli(capsys, "dyad", "Russia", "Iran", "--by", "month", "--json", "--db", str(store_path))
    assert code == 0
    rows = json.loads(out)  # one JSON document: an array of rows
    by_key = {(r["period"], r["direction"]): r for r in rows}
    march = by_key[("2023-03", "RUS -> IRN")]
    assert march["events"] == 1 and march["material_cooperation"] == 1  # aid, reported twice, counted once
    assert by_key[("2023-03", "IRN -> RUS")]["verbal_cooperation"] == 1  # thanks
    june = by_key[("2023-06", "RUS -> IRN")]
    assert june["events"] == 1 and june["verbal_cooperation"] == 1  # the meeting
    assert all(r["goldstein_mean"] is not None for r in rows)


def test_json_is_one_document_and_nl_one_row_per_line_for_every_query_command(store_path, capsys):
    """--json prints one JSON array (json.load reads it), --nl one object per line; periods print as
    the period they are (2023-03 by month, 2023 by year), dates and timestamps as ISO strings."""
    db = ["--db", str(store_path)]
    commands = [["dyad", "Russia", "Iran"], ["actor", "Russia"], ["events", "--limit", "5"], ["search", "rescue"],
                ["sql", "SELECT doc_id, ingested_at, CAST(published AS DATE) AS day FROM documents"],
                ["events", "--code", "99"], ["search", "nothingmatcheshere"]]
    for command in commands:
        code, out = run_cli(capsys, *command, "--json", *db)
        rows = json.loads(out)
        assert code == 0 and isinstance(rows, list), command
        code, out = run_cli(capsys, *command, "--nl", *db)
        lines = [json.loads(line) for line in out.splitlines()]
        assert code == 0 and lines == rows, command
    assert run_cli(capsys, "search", "nothingmatcheshere", "--json", *db)[1].strip() == "[]"
    day = json.loads(run_cli(capsys, "sql", "SELECT CAST('2023-03-14' AS DATE) AS d, "
                                           "TIMESTAMP '2023-03-14 10:30:00' AS t", "--json", *db)[1])
    assert day == [{"d": "2023-03-14", "t": "2023-03-14T10:30:00"}]
    periods = {by: {r["period"] for r in json.loads(run_cli(capsys, "dyad", "Russia", "Iran", "--by", by,
                                                              "--json", *db)[1])}
               for by in ("day", "week", "month", "year")}
    assert periods["month"] == {"2023-03", "2023-06"} and periods["year"] == {"2023"}
    assert "2023-03-13" in periods["day"] or "2023-03-14" in periods["day"]
    assert all(p.startswith("2023-W") for p in periods["week"])
    code, out = run_cli(capsys, "dyad", "Russia", "Iran", "--by", "year", *db)
    assert "2023 " in out and "00:00:00" not in out  # the table prints periods the same way
    code, out = run_cli(capsys, "dyad", "Russia", "Iran", "--by", "year", "--csv", *db)
    assert "\n2023," in out


def test_dyad_plot_file(store_path, tmp_path, capsys):
    out = tmp_path / "dyad.png"
    code, _ = run_cli(capsys, "dyad", "RUS", "IRN", "--plot", str(out), "--db", str(store_path))
    assert code == 0 and out.stat().st_size > 5000 and out.read_bytes()[:4] == b"\x89PNG"


def test_events_filters_and_actor_profile(store_path, capsys):
    code, out = run_cli(capsys, "events", "--source", "United States", "--code", "16", "--json",
                        "--db", str(store_path))
    rows = json.loads(out)
    assert code == 0 and len(rows) == 1
    assert rows[0]["target_code"].startswith("IRN") and rows[0]["date"] == "2023-06-02"
    code, out = run_cli(capsys, "actor", "Sergei Lavrov", "--db", str(store_path))
    assert code == 0 and "foreign minister" in out and "IRNGOV" in out and "2023-06-01" in out


def test_search_and_read_only_sql(store_path, capsys):
    code, out = run_cli(capsys, "search", "earthquake", "--nl", "--db", str(store_path))
    kinds = {json.loads(line)["kind"] for line in out.splitlines()}
    assert code == 0 and kinds == {"article", "event"}
    code, out = run_cli(capsys, "sql", "SELECT count(*) AS n FROM documents", "--json", "--db", str(store_path))
    assert json.loads(out) == [{"n": 3}]
    assert main(["sql", "DELETE FROM documents", "--db", str(store_path)]) == 2
    with open_store(store_path, read_only=True) as store:
        assert store.counts()["documents"] == 3


def test_gdelt_export_round_trips_through_the_importer(store_path, tmp_path, capsys):
    prefix = tmp_path / "out"
    assert main(["export", "events", "--format", "gdelt", "-o", str(prefix), "--db", str(store_path)]) == 0
    with open(f"{prefix}.export.CSV", encoding="utf-8") as handle:
        events = list(csv.reader(handle, delimiter="\t"))
    with open(f"{prefix}.mentions.CSV", encoding="utf-8") as handle:
        mentions = list(csv.reader(handle, delimiter="\t"))
    assert events and all(len(row) == len(EVENT_COLUMNS) == 61 for row in events)
    assert mentions and all(len(row) == len(MENTION_COLUMNS) == 16 for row in mentions)
    aid = [r for r in events if r[EVENT_COLUMNS.index("EventRootCode")] == "07"]
    assert len(aid) == 1 and aid[0][EVENT_COLUMNS.index("Actor1CountryCode")] == "RUS"
    assert aid[0][EVENT_COLUMNS.index("NumArticles")] == "1"  # the syndicated copy counts once
    assert aid[0][EVENT_COLUMNS.index("NumMentions")] == "2"
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(store_path.read_bytes())
    assert main(["import-gdelt", f"{prefix}.export.CSV", "--db", str(copy)]) == 0
    with open_store(copy, read_only=True) as store:
        imported = store.con.execute("SELECT Actor1Code, Actor2Code, EventCode, Day FROM gdelt_events").fetchall()
    exported = {(r[5], r[15], r[26], int(r[1])) for r in events}
    assert set(imported) == exported
    code, out = run_cli(capsys, "dyad", "Russia", "Iran", "--compare", "gdelt", "--db", str(copy))
    assert code == 0 and "GDELT" in out
    code, out = run_cli(capsys, "dyad", "Russia", "Iran", "--compare", "gdelt", "--json", "--db", str(copy))
    both = json.loads(out)  # both series in one document, each row naming its own
    assert {r["series"] for r in both} == {"dyads", "gdelt"} and {r["period"] for r in both} >= {"2023-03"}


def test_plover_export(store_path, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    assert main(["export", "events", "--format", "plover", "-o", str(out), "--db", str(store_path)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    aid = [r for r in records if r["cameo"].startswith("07")]
    assert aid and aid[0]["event_type"] == "AID" and aid[0]["actor_country"] == "RUS"
    assert all(r["event_text"] for r in records)


def test_old_schema_is_upgraded_and_newer_is_refused(tmp_path):
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute(MIGRATIONS[0])
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with open_store(old) as store:
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION
        assert store.con.execute("SELECT count(*) FROM fused_events").fetchone()[0] == 0
    newer = tmp_path / "newer.duckdb"
    con = duckdb.connect(str(newer))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('schema_version', '999')")
    con.close()
    before = newer.read_bytes()
    with pytest.raises(StoreError, match="newer dyads"):
        open_store(newer)
    assert newer.read_bytes() == before


def test_truncated_store_file_gives_a_clear_error(tmp_path, store_path):
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(store_path.read_bytes()[:5000])
    with pytest.raises(StoreError, match="broken.duckdb"):
        open_store(broken)


def _snapshot(db):
    with open_store(db, read_only=True) as store:
        return {
            "documents": store.con.execute("SELECT doc_id FROM documents ORDER BY 1").fetchall(),
            "events": store.con.execute("SELECT event_id FROM events ORDER BY 1").fetchall(),
            "mentions": store.con.execute("SELECT count(*) FROM mentions").fetchone(),
            "actors": store.con.execute("SELECT actor_id FROM actors ORDER BY 1").fetchall(),
        }


def test_killed_run_then_rerun_gives_the_uninterrupted_store(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"{i:02d}.txt").write_text(
            f"Report {i}\n\nPublished on May {1 + i % 28}, 2021\n\n"
            f"Russia sent {i + 2} rescue teams to Iran after flooding in province {i}. "
            f"Iran thanked Russia for help number {i}.\n", encoding="utf-8")
    whole = tmp_path / "whole.duckdb"
    command = [sys.executable, "-m", "dyads.cli", "run", str(corpus), "--quiet", "--batch-size", "4"]
    subprocess.run([*command, "--db", str(whole)], check=True, timeout=600)
    killed = tmp_path / "killed.duckdb"
    process = subprocess.Popen([*command, "--db", str(killed)])
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:  # kill it once some batches are in
        time.sleep(0.2)
        if killed.exists() and killed.stat().st_size > 0 and process.poll() is None:
            try:
                with open_store(killed, read_only=True) as store:
                    if store.counts()["documents"] >= 8:
                        break
            except StoreError:
                continue
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with open_store(killed, read_only=True) as store:
        partial = store.counts()["documents"]
    assert 0 < partial <= 40
    subprocess.run([*command, "--db", str(killed)], check=True, timeout=600)
    assert _snapshot(killed) == _snapshot(whole)


def test_a_run_keeps_the_file_until_a_reader_asks(tmp_path):
    from dyads.store import HeldStore

    db = tmp_path / "held.duckdb"
    open_store(db).close()
    held = HeldStore(db, hold_seconds=600, wait_seconds=5)
    with held.use():
        pass  # the writer now holds the file across steps
    reader = subprocess.Popen([sys.executable, "-c", (
        "import sys; from dyads import open_store; "
        f"s = open_store({str(db)!r}, read_only=True, wait_seconds=60); print(s.counts()['documents'])")],
        stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not Path(f"{db}.wait").exists() and time.monotonic() < deadline:
        time.sleep(0.05)  # the reader finds the file busy and says so
    with held.use():
        pass  # the next step sees the waiting reader and lets go afterwards
    assert reader.communicate(timeout=60)[0].strip() == "0"
    held.close()


def test_a_write_that_needs_more_memory_than_the_limit_raises_it(tmp_path, loaded_pipeline):
    from dyads.store.duck import Store

    documents = [d for d in loaded_pipeline.extract([Path(__file__).parent.parent / "examples" / "corpus"])][:6]
    rows = loaded_pipeline.code_batch(documents).rows
    unlimited = Store(tmp_path / "unlimited.duckdb")
    unlimited.write_rows(rows)
    tight = Store(tmp_path / "tight.duckdb", memory_limit_mb=1)  # too little for one batch
    tight.write_rows(rows)
    assert tight.memory_limit_mb > 1
    for table in ("documents", "events", "search_terms"):
        query = f"SELECT count(*) FROM {table}"
        assert tight.con.execute(query).fetchone() == unlimited.con.execute(query).fetchone() != (0,)


def test_rows_of_stored_documents_are_not_written_twice(tmp_path, loaded_pipeline):
    from dyads.store.duck import Store
    from dyads.store.rows import ROW_TABLES, only_documents

    documents = [d for d in loaded_pipeline.extract([Path(__file__).parent.parent / "examples" / "corpus"])][:6]
    rows = loaded_pipeline.code_batch(documents).rows
    first_half = {r["doc_id"] for r in rows["documents"][:3]}
    store = Store(tmp_path / "twice.duckdb")
    assert store.write_rows(only_documents(rows, first_half)) == 3
    assert store.write_rows(rows) == 3  # three stored documents come again, beside three new ones
    assert store.write_rows(rows) == 0
    for table in ROW_TABLES:
        count = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        expected = len({r["actor_id"] for r in rows[table]}) if table == "actors" else len(rows[table])
        assert count == expected, table
    assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    assert store.con.execute("SELECT count(DISTINCT event_id) = count(*) FROM events").fetchone()[0]


def test_keyed_sentences_and_events_of_schema_5_lose_their_key_indexes(tmp_path):
    from dyads.store.schema import EVENT_COLUMNS

    old = tmp_path / "v5.duckdb"
    open_store(old).close()
    con = duckdb.connect(str(old))  # as schema 5 had them: with key indexes
    con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    con.execute("DROP TABLE sentences")
    con.execute("""CREATE TABLE sentences (doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
                   start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
                   PRIMARY KEY (doc_id, sentence_index))""")
    con.execute("INSERT INTO sentences VALUES ('d1', 0, 0, 20, 'Russia thanked Iran.')")
    con.execute("DROP TABLE events")
    keyed_events = EVENT_COLUMNS.replace("event_id VARCHAR NOT NULL", "event_id VARCHAR PRIMARY KEY")
    con.execute(f"CREATE TABLE events ({keyed_events})")
    con.close()
    with open_store(old) as store:
        indexes = dict(store.con.execute(
            "SELECT table_name, index_count FROM duckdb_tables() WHERE table_name IN ('sentences', 'events')"
        ).fetchall())
        assert indexes == {"sentences": 0, "events": 0}
        assert store.con.execute("SELECT doc_id, text FROM sentences").fetchall() == [("d1", "Russia thanked Iran.")]
        assert store.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 0


ONE_SIDED = {
    "d.txt": """Attack in Kirkuk

Published on May 6, 2024

Unknown attackers shot dead a police chief in Kirkuk on Sunday.

Turkey delivered humanitarian aid to Iraq on Sunday.
""",
}


def test_one_sided_events_are_stored_listed_and_exported_but_not_in_dyads(store_from_articles, tmp_path, capsys):
    """An event with an unnamed source keeps the side empty everywhere and stays out of dyad counts."""
    db = store_from_articles(ONE_SIDED)
    code, out = run_cli(capsys, "events", "--target", "Iraq", "--json", "--db", str(db))
    rows = json.loads(out)
    unnamed = [r for r in rows if r["cameo"].startswith("18")]
    assert code == 0 and len(unnamed) == 1
    assert unnamed[0]["source_code"] is None and unnamed[0]["target_code"].startswith("IRQ")
    prefix = tmp_path / "one"
    assert main(["export", "events", "--format", "gdelt", "-o", str(prefix), "--db", str(db)]) == 0
    with open(f"{prefix}.export.CSV", encoding="utf-8") as handle:
        events = list(csv.reader(handle, delimiter="\t"))
    [attack] = [r for r in events if r[EVENT_COLUMNS.index("EventRootCode")] == "18"]
    actor1 = [attack[EVENT_COLUMNS.index(f"Actor1{c}")] for c in ("Code", "Name", "CountryCode")]
    assert actor1 == ["", "", ""] and attack[EVENT_COLUMNS.index("Actor2CountryCode")] == "IRQ"
    code, out = run_cli(capsys, "dyad", "Turkey", "Iraq", "--json", "--db", str(db))
    directions = {row["direction"] for row in json.loads(out)}
    assert code == 0 and directions == {"TUR -> IRQ"}
    with open_store(db, read_only=True) as store:
        assert all(a and b for a, b, _n, _g in store.top_dyads())


@pytest.mark.parametrize("command", [["sql", "SELECT range AS n FROM range(100000)"], ["dyad", "Russia", "Iran"],
                                     ["actor", "Russia"], ["events", "--nl"]])
def test_output_to_a_closed_pipe_ends_quietly(store_path, command):
    """`dyads sql ... | head`: the reader goes away before the command writes; no traceback."""
    process = subprocess.Popen([sys.executable, "-m", "dyads.cli", *command, "--db", str(store_path)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # the reader is gone before the first write
    stderr = process.stderr.read().decode()
    status = process.wait(timeout=120)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert status in (0, 141)
