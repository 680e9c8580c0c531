"""Ray runs: the same store as a local run, a killed worker retried, a rerun that skips done tasks."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from dyads import Pipeline, open_store
from dyads.scale import plan_tasks, run_on_ray
from dyads.store.shards import shard_marker

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"

TABLES = {
    "documents": "doc_id", "sentences": "doc_id, sentence_index", "mentions": "doc_id, start_char, actor_id",
    "events": "event_id", "actors": "actor_id", "time_expressions": "doc_id, start_char",
    "doc_bands": "doc_id, band_key",
}


def _contents(db: Path) -> dict[str, list[tuple]]:
    """Every row of the data tables (without load times), in a fixed order."""
    with open_store(db, read_only=True) as store:
        contents = {}
        for table, order in TABLES.items():
            columns = [c[0] for c in store.con.execute(f"DESCRIBE {table}").fetchall() if c[0] != "ingested_at"]
            contents[table] = store.con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}").fetchall()
        return contents


def _ray_worker_pids() -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"ShardWorker" in command:
                pids.append(int(entry.name))
    return pids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The bundled corpus plus a near-duplicate pair split across tasks, read through a file:// URL."""
    folder = tmp_path_factory.mktemp("ray") / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def test_tasks_keep_input_order_and_archives_alone(corpus, tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.warc.gz").write_bytes(b"")
    (tmp_path / "c.txt").write_text("x", encoding="utf-8")
    tasks = list(plan_tasks([tmp_path], files_per_task=5))
    assert [len(t.parts) for t in tasks] == [1, 1, 1]
    assert [Path(t.parts[0].name).name for t in tasks] == ["a.txt", "b.warc.gz", "c.txt"]
    assert [t.name for t in plan_tasks([tmp_path], files_per_task=5)] == [t.name for t in tasks]
    (tmp_path / "d.jsonl").write_text("{}\n" * 4000, encoding="utf-8")
    (tmp_path / "e.jsonl").write_text("{}\n", encoding="utf-8")
    by_size = list(plan_tasks([tmp_path / "d.jsonl", tmp_path / "e.jsonl"], files_per_task=5, bytes_per_task=8000))
    assert [len(t.parts) for t in by_size] == [1, 1]  # the first file fills a task by its size


def test_ray_run_with_a_killed_worker_equals_a_local_run(corpus, tmp_path, pipeline_for):
    url = f"file://{corpus}"
    local = tmp_path / "local.duckdb"
    documents = pipeline_for(local).run([url]).added
    assert documents >= 12

    on_ray = tmp_path / "ray.duckdb"
    shards = tmp_path / "shards"
    killed: list[int] = []

    def kill_a_worker_after_the_first_shard() -> None:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not killed:
            if (shards / "_done").exists() and any((shards / "_done").iterdir()):
                for pid in _ray_worker_pids()[:1]:
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_worker_after_the_first_shard, daemon=True)
    killer.start()
    pipeline = Pipeline(db=on_ray, quiet=True, workers=2, on_error=lambda e: None)
    summary = run_on_ray(pipeline, [url], shard_folder=shards, files_per_task=1)
    killer.join(timeout=1)
    assert killed, "no Ray worker was running to be killed"
    assert summary.added == documents and len(summary.errors) == 0
    assert _contents(on_ray) == _contents(local)
    with open_store(on_ray, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0] >= 1

    # The shards are a Parquet dataset DuckDB reads in place.
    with open_store(on_ray, read_only=True) as store:
        in_place = store.con.execute(f"SELECT count(*) FROM read_parquet('{shards}/events/*.parquet')").fetchone()[0]
        assert in_place == store.con.execute("SELECT count(*) FROM events").fetchone()[0]

    # A rerun finds every task done: nothing is run or stored again.
    markers = sorted((shards / "_done").iterdir())
    stamps = [m.stat().st_mtime_ns for m in markers]
    again = run_on_ray(Pipeline(db=on_ray, quiet=True, workers=2), [url], shard_folder=shards, files_per_task=1)
    assert again.added == 0 and again.skipped_known == documents
    assert [m.stat().st_mtime_ns for m in markers] == stamps
    assert _contents(on_ray) == _contents(local)
    task = next(t for t in plan_tasks([url], files_per_task=1))
    assert shard_marker(shards, task.name)["documents"] == 1

    # --no-load keeps the shards as a dataset: the summary points to them and no store is filled.
    from dyads.cli import main

    kept = tmp_path / "kept.duckdb"
    assert main(["run", url, "--db", str(kept), "--ray", "--shards", str(shards), "--no-load", "--quiet",
                 "--files-per-task", "1"]) == 0
    assert [m.stat().st_mtime_ns for m in markers] == stamps  # nothing was run again
    with open_store(kept, read_only=True) as store:
        assert store.counts()["documents"] == 0


def test_a_rewritten_file_is_a_new_task(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("first version", encoding="utf-8")
    (before,) = plan_tasks([tmp_path])
    article.write_text("second, longer version", encoding="utf-8")
    (after,) = plan_tasks([tmp_path])
    assert [p.name for p in before.parts] == [p.name for p in after.parts] and before.name != after.name


def test_range_tasks_are_named_by_their_range_and_the_files_version(tmp_path):
    big = tmp_path / "big.jsonl"
    big.write_text("".join(f'{{"id": "{n}", "text": "body {n}"}}\n' for n in range(3000)), encoding="utf-8")
    before = list(plan_tasks([big], part_bytes=4000))
    assert len(before) >= 10 and len({t.name for t in before}) == len(before)
    assert [t.name for t in plan_tasks([big], part_bytes=4000)] == [t.name for t in before]
    stat = big.stat()
    os.utime(big, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # same bytes, a new version
    after = list(plan_tasks([big], part_bytes=4000))
    assert [t.parts[0].start for t in after] == [t.parts[0].start for t in before]
    assert not {t.name for t in before} & {t.name for t in after}


@pytest.fixture(scope="module")
def big_file(tmp_path_factory, loaded_pipeline) -> Path:
    """One JSONL of the corpus's articles, each twice (the second copy a near-duplicate of the
    first, so the store depends on reading order), for runs that cut it into record ranges."""
    import json

    from dyads.types import InputError

    documents = [d for d in loaded_pipeline.extract([CORPUS]) if not isinstance(d, InputError)]
    lines = [json.dumps({"id": f"a{n}", "text": d.text, "published": d.published})
             for n, d in enumerate(documents + documents)]
    path = tmp_path_factory.mktemp("big") / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _part_bytes(path: Path) -> int:
    return path.stat().st_size // 8


def _records(path: Path) -> int:
    """Articles in a JSONL file (twice the demo corpus's for ``big_file``)."""
    return len(path.read_text(encoding="utf-8").splitlines())


def test_workers_share_one_big_file_and_store_what_one_worker_stores(big_file, tmp_path, pipeline_for):
    from dyads.sources import plan_parts

    assert len(list(plan_parts([big_file], _part_bytes(big_file)))) >= 6
    for workers in (1, 2):
        pipeline = pipeline_for(tmp_path / f"w{workers}.duckdb")
        pipeline.workers, pipeline.batch_size, pipeline.part_bytes = workers, 3, _part_bytes(big_file)
        summary = pipeline.run([big_file])
        assert summary.added == _records(big_file) >= 24 and not summary.errors
    assert _contents(tmp_path / "w1.duckdb") == _contents(tmp_path / "w2.duckdb")
    with open_store(tmp_path / "w2.duckdb", read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL").fetchone()[0] >= 12


def test_workers_store_a_file_given_twice_once_and_a_rerun_codes_nothing(big_file, tmp_path, pipeline_for):
    """The same records in two tasks (a file named twice) are stored once, as by one worker;
    a rerun on two workers skips every stored document before parsing it."""
    one = pipeline_for(tmp_path / "one.duckdb")
    one.workers, one.batch_size = 1, 3
    records = _records(big_file)
    assert one.run([big_file]).added == records >= 24
    twice = pipeline_for(tmp_path / "twice.duckdb")
    twice.workers, twice.batch_size, twice.part_bytes = 2, 5, _part_bytes(big_file)
    summary = twice.run([big_file, big_file])
    assert (summary.added, summary.skipped_known) == (records, records)
    assert _contents(tmp_path / "twice.duckdb") == _contents(tmp_path / "one.duckdb")
    rerun = pipeline_for(tmp_path / "twice.duckdb")
    rerun.workers, rerun.part_bytes = 2, _part_bytes(big_file)
    again = rerun.run([big_file])
    assert (again.added, again.skipped_known) == (0, records)
    assert rerun.stage_seconds.get("extract", 0) > 0 and "parse" not in rerun.stage_seconds
    assert rerun.stage_seconds["worker_busy"] > 0 and "worker_idle" in rerun.stage_seconds


def test_stored_documents_answer_exactly():
    from dyads.pipeline import SeenInTask, StoredDocuments

    ids = ["ffffffffffffffff", "0000000000000001", "8000000000000000", "abcdef0123456789"]
    stored = StoredDocuments([*ids, "not-an-id", "123"])
    assert len(stored) == 4
    assert stored(["ffffffffffffffff", "fffffffffffffffe", "0000000000000000", "8000000000000000"]) == {
        "ffffffffffffffff", "8000000000000000"}
    assert StoredDocuments([])(ids) == set()
    seen = SeenInTask(stored)
    assert seen(["0000000000000002", "0000000000000001"]) == {"0000000000000001"}
    assert seen(["0000000000000002", "0000000000000003"]) == {"0000000000000002"}


def test_progress_on_one_file_moves_by_records(big_file, loaded_pipeline):
    from dyads.sources import plan_parts

    steps: list[int] = []
    documents = list(loaded_pipeline.extract_parts(plan_parts([big_file]), steps.append))
    assert len(documents) == _records(big_file) >= 24 and len(steps) >= 20
    assert sum(steps) == big_file.stat().st_size


def test_ray_tasks_share_one_big_file_and_store_what_a_local_run_stores(big_file, tmp_path, pipeline_for):
    local = tmp_path / "local.duckdb"
    pipeline_for(local).run([big_file])
    tasks = list(plan_tasks([big_file], part_bytes=_part_bytes(big_file)))
    assert len(tasks) >= 6 and all(len(t.parts) == 1 and not t.parts[0].whole for t in tasks)
    assert len({t.name for t in tasks}) == len(tasks)
    on_ray = tmp_path / "ray.duckdb"
    pipeline = Pipeline(db=on_ray, quiet=True, workers=2, on_error=lambda e: None,
                        part_bytes=_part_bytes(big_file))
    summary = run_on_ray(pipeline, [big_file], shard_folder=tmp_path / "shards")
    assert summary.added == _records(big_file) >= 24 and not summary.errors
    assert _contents(on_ray) == _contents(local)
