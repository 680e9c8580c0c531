"""Crashes and concurrency: SIGKILL at random points, two runs at once, a full disk."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest

from dyads import open_store
from dyads.store import StoreError

RUN = [sys.executable, "-m", "dyads.cli", "run", "--quiet", "--batch-size", "3", "--workers", "1"]


def _corpus(folder, n=30):
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:03d}.txt").write_text(
            f"Report {i}\n\nPublished on April {1 + i % 28}, 2020\n\nIran sent {i + 3} doctors to Iraq after "
            f"the fire in district {i}. Iraq thanked Iran for the doctors number {i}.\n", encoding="utf-8")
    return folder


def _snapshot(db):
    with open_store(db, read_only=True) as store:
        return (store.con.execute("SELECT doc_id, duplicate_of FROM documents ORDER BY 1").fetchall(),
                store.con.execute("SELECT event_id FROM events ORDER BY 1").fetchall(),
                store.con.execute("SELECT count(*), count(DISTINCT (doc_id, start_char)) FROM mentions").fetchone(),
                store.con.execute("SELECT actor_id FROM actors ORDER BY 1").fetchall())


def _kill_and_rerun(corpus, db, delay):
    process = subprocess.Popen([*RUN, str(corpus), "--db", str(db)])
    time.sleep(delay)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait()
    subprocess.run([*RUN, str(corpus), "--db", str(db)], check=True, timeout=600)


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    corpus = _corpus(folder / "corpus")
    whole = folder / "whole.duckdb"
    started = time.monotonic()
    subprocess.run([*RUN, str(corpus), "--db", str(whole)], check=True, timeout=600)
    return corpus, _snapshot(whole), time.monotonic() - started


def _points(count, duration, seed):
    rng = random.Random(seed)
    return sorted(rng.uniform(0.5, duration) for _ in range(count))


def _check_kill_points(reference, tmp_path, count, seed):
    corpus, expected, duration = reference
    for n, delay in enumerate(_points(count, duration, seed=seed)):
        db = tmp_path / f"k{n}.duckdb"
        _kill_and_rerun(corpus, db, delay)
        assert _snapshot(db) == expected, f"killed after {delay:.1f} s"


def test_sigkill_at_random_points_then_rerun(reference, tmp_path):
    _check_kill_points(reference, tmp_path, count=3, seed=1)


@pytest.mark.slow
def test_sigkill_at_twenty_points(reference, tmp_path):
    _check_kill_points(reference, tmp_path, count=20, seed=2)


def test_second_run_on_the_same_store_fails_clearly(reference, tmp_path):
    corpus, expected, _duration = reference
    db = tmp_path / "both.duckdb"
    first = subprocess.Popen([*RUN, str(corpus), "--db", str(db)])
    deadline = time.monotonic() + 120
    while not (tmp_path / "both.duckdb.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    second = subprocess.run([*RUN, str(corpus), "--db", str(db)], capture_output=True, text=True, timeout=600)
    first.wait(timeout=600)
    assert first.returncode == 0
    assert second.returncode == 2 and "another dyads run is writing" in second.stderr
    assert _snapshot(db) == expected


def _mount_small_disk(path) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    path.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(path)], capture_output=True)
    return done.returncode == 0


def test_full_disk_stops_with_a_clear_error(reference, tmp_path):
    corpus, _expected, _duration = reference
    disk = tmp_path / "disk"
    if not _mount_small_disk(disk):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        big = tmp_path / "big"
        big.mkdir()
        for i in range(300):
            (big / f"{i:03d}.txt").write_text(
                f"Item {i}\n\nPublished on May 3, 2021\n\n" + f"Iran sent {i} doctors to Iraq. " * 300,
                encoding="utf-8")
        db = disk / "full.duckdb"
        done = subprocess.run([*RUN, str(big), "--db", str(db)], capture_output=True, text=True, timeout=900)
        assert done.returncode != 0
        last = done.stderr.strip().splitlines()[-1]
        assert last.startswith("error:") and "full.duckdb" in last
        try:
            with open_store(db, read_only=True) as store:
                assert store.counts()["documents"] >= 0  # opens, with its committed batches
        except StoreError as exc:
            pytest.fail(f"store does not open after a full disk: {exc}")
    finally:
        subprocess.run(["umount", str(disk)], check=False)
