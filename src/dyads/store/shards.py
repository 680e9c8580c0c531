"""Parquet shards: the store's table rows written by distributed tasks, loaded by one writer.

Layout under a shard folder (queryable in place, e.g. ``SELECT * FROM 'shards/events/*.parquet'``)::

    <table>/<task>-<part>.parquet   one file per table and batch, columns as in the store
    _done/<task>.json               written last: the task's parts, document count and errors
    _work/<task>/                   a task's files while it runs (moved into place at the end)

A task is done when its marker exists; a killed task leaves no marker and is run again,
overwriting its own files. Near-duplicates are marked when shards are loaded into a store.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb

from dyads.store.duck import Store, quote_path
from dyads.store.rows import APPEND_ONLY_TABLES, ROW_TABLES, BatchRows


class ShardWriter:
    """Writes one task's batches as Parquet parts, then publishes them with the task's marker."""

    def __init__(self, folder: str | Path, task: str, memory: Store | None = None):
        """``memory``: an in-memory store to write through (a worker keeps one for all its
        tasks: building the schema costs ~0.15 s of CPU), else one of the writer's own."""
        self.folder = Path(folder)
        self.task = task
        self.work = self.folder / "_work" / task
        shutil.rmtree(self.work, ignore_errors=True)  # leftovers of a killed attempt
        self.parts = 0
        self.documents = 0
        # an in-memory store gives every Parquet column the store's own type
        self._own = memory is None
        self._memory = Store(":memory:") if memory is None else memory

    def add(self, rows: BatchRows) -> None:
        """Write one batch's rows as part files (one per table)."""
        if not rows.get("documents"):
            return
        con = self._memory.con
        for table in ROW_TABLES:
            con.execute(f"DELETE FROM {table}")
            self._memory._insert(table, rows.get(table, []), ignore=table not in APPEND_ONLY_TABLES)
            columns = ", ".join(f'"{c[0]}"' for c in con.execute(f"DESCRIBE {table}").fetchall()
                                if c[0] != "ingested_at")
            target = self.work / table / f"{self.task}-{self.parts:05d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            con.execute(f"COPY (SELECT {columns} FROM {table}) TO '{quote_path(target)}' (FORMAT parquet)")
        self.parts += 1
        self.documents += len(rows["documents"])

    def publish(self, errors: list[tuple[str, str]]) -> dict:
        """Move the parts into place and write the marker; returns the marker's content."""
        if self._own:
            self._memory.close()
        for table in ROW_TABLES:
            (self.folder / table).mkdir(parents=True, exist_ok=True)
            for part in sorted((self.work / table).glob("*.parquet")) if (self.work / table).exists() else ():
                os.replace(part, self.folder / table / part.name)
        marker = {"task": self.task, "parts": self.parts, "documents": self.documents, "errors": errors}
        done = self.folder / "_done"
        done.mkdir(parents=True, exist_ok=True)
        scratch = done / f"{self.task}.json.tmp"
        scratch.write_text(json.dumps(marker))
        os.replace(scratch, done / f"{self.task}.json")
        shutil.rmtree(self.work, ignore_errors=True)
        try:
            self.work.parent.rmdir()  # only when no other task is running
        except OSError:
            pass
        return marker


def shard_marker(folder: str | Path, task: str) -> dict | None:
    """The marker of a finished task, or None when the task has not finished."""
    path = Path(folder) / "_done" / f"{task}.json"
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError):
        return None


def read_shard_part(folder: str | Path, task: str, part: int) -> BatchRows:
    """The rows of one part of a finished task, table by table."""
    con = duckdb.connect()
    try:
        rows = {}
        for table in ROW_TABLES:
            path = Path(folder) / table / f"{task}-{part:05d}.parquet"
            query = f"SELECT * FROM read_parquet('{quote_path(path)}')"
            rows[table] = con.execute(query).fetch_arrow_table().to_pylist()
        return rows
    finally:
        con.close()
