"""End to end: raw articles -> store -> exports and CLI, with reruns and bad inputs."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dyads import open_store
from dyads.cli import main
from dyads.types import InputError

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"

DOCUMENT_FIELDS = {"doc_id", "external_id", "source", "title", "authors", "published", "language", "text",
                   "content_hash", "duplicate_of"}
ACTOR_FIELDS = {"actor_id", "name", "type", "country", "aliases", "wikidata", "roles"}
MENTION_FIELDS = {"doc_id", "actor_id", "surface", "start", "end", "sentence_id"}
EVENT_FIELDS = {"event_id", "doc_id", "sentence", "date", "date_precision", "source_actor_id", "source_code",
                "target_actor_id", "target_code", "cameo", "root", "quad_class", "goldstein", "plover", "mode",
                "location", "confidence"}

ARTICLE = """Ministers Meet in Ankara

Published on March 14, 2023

Turkish Foreign Minister Mevlut Cavusoglu met Iranian Foreign Minister Hossein Amir-Abdollahian in Ankara on Monday.

Turkey condemned the attack on the Iranian embassy in Baku, the Turkish foreign ministry said.

Iran and Turkey signed an agreement on border trade, officials said.
"""


@pytest.fixture()
def small_corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ankara.txt").write_text(ARTICLE, encoding="utf-8")
    record = {"id": "wire-7", "url": "https://example.org/7", "published": "2022-08-02",
              "text": "Russia sent rescue teams to Iran after the earthquake. Iran thanked Russia for the aid."}
    (folder / "wire.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    return folder


def test_run_stores_documents_mentions_events_and_rerun_adds_nothing(small_corpus, tmp_path, pipeline_for):
    db = tmp_path / "t.duckdb"
    summary = pipeline_for(db).run([small_corpus])
    assert summary.added == 2 and not summary.errors
    counts = summary.counts
    assert counts["documents"] == 2 and counts["mentions"] > 5 and counts["events"] >= 2
    again = pipeline_for(db).run([small_corpus])
    assert again.added == 0 and again.skipped_known == 2
    assert again.counts == counts

    with open_store(db, read_only=True) as store:
        rows = store.con.execute("SELECT external_id, published FROM documents ORDER BY source").fetchall()
        assert ("wire-7", "2022-08-02") in rows and (None, "2023-03-14") in rows
        events = store.con.execute("SELECT source_code, target_code, root, date FROM events").fetchall()
    roots = {(s[:3], t[:3], r) for s, t, r, _d in events if s and t}
    assert ("RUS", "IRN", "07") in roots  # rescue teams sent: aid
    assert ("IRN", "RUS", "05") in roots or ("IRN", "RUS", "01") in roots  # thanks: praise
    assert any(d == "2023-03-13" for *_x, d in events)  # "on Monday" before Tuesday 2023-03-14


def test_exports_have_the_contract_fields(small_corpus, tmp_path, pipeline_for):
    db = tmp_path / "t.duckdb"
    pipeline_for(db).run([small_corpus])
    for table, fields in [("documents", DOCUMENT_FIELDS), ("actors", ACTOR_FIELDS),
                          ("mentions", MENTION_FIELDS), ("events", EVENT_FIELDS)]:
        out = tmp_path / f"{table}.jsonl"
        assert main(["export", table, "--format", "jsonl", "-o", str(out), "--db", str(db)]) == 0
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert records, table
        assert fields <= set(records[0]), (table, fields - set(records[0]))
    documents = [json.loads(x) for x in (tmp_path / "documents.jsonl").read_text().splitlines()]
    mentions = [json.loads(x) for x in (tmp_path / "mentions.jsonl").read_text().splitlines()]
    texts = {d["doc_id"]: d["text"] for d in documents}
    for mention in mentions:
        assert texts[mention["doc_id"]][mention["start"]:mention["end"]] == mention["surface"]
    for fmt in ("csv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        assert main(["export", "events", "--format", fmt, "-o", str(out), "--db", str(db)]) == 0
        reader = "read_csv_auto" if fmt == "csv" else "read_parquet"
        assert duckdb.sql(f"SELECT count(*) FROM {reader}('{out}')").fetchone()[0] >= 2


def test_bad_inputs_are_reported_and_the_rest_is_stored(small_corpus, tmp_path, pipeline_for):
    db = tmp_path / "t.duckdb"
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "binary.html").write_bytes(b"\x00\x01\x02" * 100)
    errors: list = []
    summary = pipeline_for(db, errors).run([small_corpus, tmp_path / "missing.txt"])
    assert summary.added == 2 and summary.failed
    assert sorted(e.source.rsplit("/", 1)[-1] for e in errors) == ["binary.html", "empty.txt", "missing.txt"]


def test_cli_run_exit_code_summary_and_db_env(tmp_path, small_corpus):
    db = tmp_path / "cli.duckdb"
    (small_corpus / "empty.txt").write_bytes(b"")
    env = {"DYADS_DB": str(db), "PATH": ""}
    done = subprocess.run([sys.executable, "-m", "dyads.cli", "run", str(small_corpus)], capture_output=True,
                          text=True, env=env, timeout=600)
    assert done.returncode == 1  # one input failed
    assert "empty.txt: empty file" in done.stderr
    assert "2 documents added" in done.stdout and "top dyads" in done.stdout
    stats = subprocess.run([sys.executable, "-m", "dyads.cli", "stats"], capture_output=True, text=True, env=env,
                           timeout=600)
    assert stats.returncode == 0 and "documents" in stats.stdout and db.exists()


def test_help_lists_every_command():
    done = subprocess.run([sys.executable, "-m", "dyads.cli", "--help"], capture_output=True, text=True)
    for command in ("run", "extract", "export", "stats"):
        assert command in done.stdout


def test_bundled_demo_corpus_runs(tmp_path, pipeline_for):
    summary = pipeline_for(tmp_path / "demo.duckdb").run([CORPUS])
    assert summary.added >= 10 and not summary.errors
    assert summary.counts["events"] >= 20
    # the Russian and Arabic articles: dated, their actors linked, their relative days resolved
    assert summary.languages["ru"][0] >= 1 and summary.languages["ar"][0] >= 1
    with open_store(tmp_path / "demo.duckdb", read_only=True) as store:
        for language in ("ru", "ar"):
            published, actors, days = store.con.execute("""
                SELECT any_value(d.published), list(DISTINCT m.actor_id), list(DISTINCT t.value)
                FROM documents d JOIN mentions m USING (doc_id) JOIN time_expressions t USING (doc_id)
                WHERE d.language = ?""", [language]).fetchone()
            assert published[:4] == "2025" and {"putin_vladimir", "RUS", "IRN"} <= set(actors), language
            assert published in days, language  # "в пятницу", "اليوم الخميس": the day it was published


def test_two_workers_give_the_same_store_as_one(tmp_path, pipeline_for):
    stores = {}
    for workers in (1, 2):
        pipeline = pipeline_for(tmp_path / f"w{workers}.duckdb")
        pipeline.workers, pipeline.batch_size = workers, 3
        summary = pipeline.run([CORPUS])
        assert summary.added >= 10
        with open_store(tmp_path / f"w{workers}.duckdb", read_only=True) as store:
            stores[workers] = (
                store.con.execute("SELECT doc_id, duplicate_of FROM documents ORDER BY 1").fetchall(),
                store.con.execute("SELECT event_id, cameo, source_code, target_code FROM events ORDER BY 1").fetchall(),
                store.con.execute("SELECT count(*) FROM mentions").fetchone(),
            )
    assert stores[1] == stores[2]


def test_code_command_codes_users_sentences(tmp_path, capsys):
    path = tmp_path / "sentences.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "s1", "text": "Russia sent rescue teams to Iran on Sunday.", "date": "2024-05-21"}),
        json.dumps({"id": "s2", "text": "The weather was mild.", "date": "2024-05-21"}),
        "{broken",
    ]) + "\n", encoding="utf-8")
    assert main(["code", str(path)]) == 1  # the broken line is reported, the rest coded
    captured = capsys.readouterr()
    results = {r["id"]: r for r in map(json.loads, captured.out.splitlines())}
    assert results["s2"]["events"] == []
    (event,) = results["s1"]["events"]
    assert (event["source_code"], event["target_code"], event["root"], event["date"]) == ("RUS", "IRN", "07",
                                                                                          "2024-05-19")
    assert "sentences.jsonl#3" in captured.err


def test_a_document_that_breaks_a_stage_is_reported_and_the_run_goes_on(tmp_path, small_corpus, pipeline_for,
                                                                        monkeypatch):
    pipeline = pipeline_for(tmp_path / "t.duckdb", errors := [])
    linker = pipeline._part("linker")
    original = linker.link

    def flaky(parsed, times=()):
        if "Ankara" in parsed.document.text:
            raise RuntimeError("simulated bug")
        return original(parsed, times)

    monkeypatch.setattr(linker, "link", flaky)
    summary = pipeline.run([small_corpus])
    assert summary.added == 1 and summary.failed
    assert len(errors) == 1 and "processing failed (RuntimeError: simulated bug)" in errors[0].problem


def _terminal_output(command: list[str]) -> str:
    """Run a command on a pseudo-terminal (of zero size, as in many CI runners) and return its output."""
    import pty

    leader, follower = pty.openpty()
    process = subprocess.Popen(command, stdout=follower, stderr=follower)
    process.wait(timeout=300)
    os.close(follower)
    output = b""
    try:
        while chunk := os.read(leader, 65536):
            output += chunk
    except OSError:  # the follower side is closed: all output is read
        pass
    os.close(leader)
    return output.decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal_and_not_with_quiet(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):
        (corpus / f"{i}.txt").write_text(
            f"Report {i}\n\nPublished on May {i + 1}, 2021\n\nRussia sent {i + 2} rescue teams to Iran after "
            f"flooding in province {i}. Iran thanked Russia for help number {i}.\n", encoding="utf-8")
    run = [sys.executable, "-m", "dyads.cli", "run", str(corpus), "--workers", "1"]
    shown = _terminal_output([*run, "--db", str(tmp_path / "a.duckdb")])
    from tqdm import tqdm

    size = tqdm.format_sizeof(sum(f.stat().st_size for f in corpus.iterdir()), divisor=1024)
    assert "dyads run: 100%" in shown and f"{size}/{size}" in shown and "docs/s" in shown  # bytes of input read
    quiet = _terminal_output([*run, "--db", str(tmp_path / "b.duckdb"), "--quiet"])
    assert "%|" not in quiet and "docs/s" not in quiet


def _corpus_lines(pipeline) -> list[str]:
    """The bundled corpus's articles as JSONL lines (bodies as extracted, with their dates)."""
    documents = [d for d in pipeline.extract([CORPUS]) if not isinstance(d, InputError)]
    return [json.dumps({"id": f"a{n}", "text": d.text, "published": d.published}) for n, d in enumerate(documents)]


def test_a_big_jsonl_with_bad_records_stores_the_rest_once(tmp_path, pipeline_for):
    lines = _corpus_lines(pipeline_for(tmp_path / "x.duckdb"))
    huge = json.dumps({"id": "huge", "text": "Russia sent aid to Iran. " * 2000})
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines[:5] + [huge] + lines[5:]) + "\n" + lines[0][:60], encoding="utf-8")
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    errors: list = []
    pipeline = pipeline_for(tmp_path / "bad.duckdb", errors)
    pipeline.max_bytes = 20_000
    first = pipeline.run([path, cut])
    assert [(e.source, e.problem.split(" (")[0]) for e in errors] == [
        (f"{path}#6", "record larger than the 20000 byte limit"),
        (f"{path}#{len(lines) + 2}", "truncated last line"),
        (f"{cut}#{errors[-1].source.rsplit('#', 1)[1]}", "corrupt or truncated gzip")]
    stored_from_cut = int(errors[-1].source.rsplit("#", 1)[1]) - 1
    assert 0 < stored_from_cut < len(lines)
    assert first.added == len(lines) + stored_from_cut
    with open_store(tmp_path / "bad.duckdb", read_only=True) as store:
        before = store.counts()
    rerun = pipeline_for(tmp_path / "bad.duckdb", [])
    rerun.max_bytes = 20_000
    again = rerun.run([path, cut])
    assert again.added == 0 and again.skipped_known == first.added
    with open_store(tmp_path / "bad.duckdb", read_only=True) as store:
        assert store.counts() == before
        assert store.con.execute("SELECT count(*), count(DISTINCT source) FROM documents").fetchone() == (
            first.added, first.added)
