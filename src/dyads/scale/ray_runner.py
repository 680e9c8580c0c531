"""Running the stages on Ray: tasks of input files, Parquet shards, one loader into the store."""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from dyads.analysis import RunSummary
from dyads.pipeline import (
    HOLD_SECONDS,
    WRITE_WAIT_SECONDS,
    Pipeline,
    SeenInTask,
    WorkerClock,
    document_rate,
    finish_summary,
    progress_bar,
)
from dyads.sources import PART_BYTES, plan_parts
from dyads.store import HeldStore, Store, default_db_path, open_store, run_lock
from dyads.store.shards import ShardWriter, read_shard_part, shard_marker
from dyads.types import InputError, InputPart

#: Small files go together into one task (up to a count and a size); an archive (WARC) or a
#: record range of a big file (``sources.plan_parts``, ``PART_BYTES``) is a task of its own.
FILES_PER_TASK = 32
BYTES_PER_TASK = 512 * 1024  # about 250 plain-text articles or 10 HTML pages per task
ARCHIVE_SUFFIXES = (".warc", ".warc.gz")
#: Attempts of a task whose worker dies (killed process, lost node) before it is reported failed.
TASK_RETRIES = 3


@dataclass(frozen=True)
class RayTask:
    """A unit of remote work: some input files, or one record range of a big file, named by a
    digest of their names, ranges and (local files) sizes and modification times."""

    name: str
    parts: tuple[InputPart, ...]

    @property
    def size(self) -> int:
        """Raw bytes of the task's parts that are known (for progress)."""
        return sum(part.size or 0 for part in self.parts)


def _identity(part: InputPart) -> str:
    """A part's file name plus, for a local file, its size and modification time (a file
    rewritten under the same name is a new task, never served from an old shard; crawl
    archives named by URL are immutable by convention), plus the byte range of a range."""
    identity = f"{part.name}\t{part.stamp}" if part.stamp else part.name
    return identity if part.whole else f"{identity}\t{part.start}-{part.end if part.end is not None else ''}"


def plan_tasks(paths: Iterable[str | Path], files_per_task: int = FILES_PER_TASK,
               bytes_per_task: int = BYTES_PER_TASK,
               part_bytes: int = PART_BYTES) -> Iterator[RayTask | InputError]:
    """Group the parts that ``paths`` cut into (``sources.plan_parts``) into tasks, keeping input order.

    A task closes at ``files_per_task`` files or ``bytes_per_task`` bytes, so that a few
    large JSONL files still spread over the workers; an archive and a record range of a big
    file are tasks of their own.
    """
    group: list[InputPart] = []
    size = 0

    def task(parts: list[InputPart]) -> RayTask:
        return RayTask(hashlib.sha256("\n".join(_identity(p) for p in parts).encode()).hexdigest()[:20],
                       tuple(parts))

    for item in plan_parts(paths, part_bytes):
        if isinstance(item, InputError):
            yield item
            continue
        if not item.whole or item.name.lower().endswith(ARCHIVE_SUFFIXES):
            if group:
                yield task(group)
                group, size = [], 0
            yield task([item])
            continue
        group.append(item)
        size += item.size or 0
        if len(group) >= files_per_task or size >= bytes_per_task:
            yield task(group)
            group, size = [], 0
    if group:
        yield task(group)


class ShardWorker:
    """A Ray actor: loads the models once, when it starts, then turns tasks into Parquet shards."""

    def __init__(self, pipeline: Pipeline):
        self.pipeline = pipeline
        pipeline.load_models()
        pipeline.warm_up()
        self.memory = Store(":memory:")  # the shards' column types, for every task of this worker
        # What is loaded now lives as long as the worker: out of the collector's reach, so that
        # its full collections, which would walk the models and the knowledge base, stay short.
        gc.freeze()

    def run_task(self, task: RayTask, shard_folder: str) -> dict:
        """Extract, process and shard one task's inputs; returns the task's marker, stage times
        and when and where it ran."""
        started = time.time()
        pipeline = self.pipeline
        pipeline.stage_seconds.clear()
        writer = ShardWriter(shard_folder, task.name, self.memory)
        errors: list[tuple[str, str]] = []
        for coded in pipeline.code_parts(task.parts, SeenInTask()):
            errors.extend((e.source, e.problem) for e in coded.errors)
            with pipeline.timed("store"):
                writer.add(coded.rows)
        marker = writer.publish(errors)
        return {**marker, "stage_seconds": dict(pipeline.stage_seconds),
                "worker": os.getpid(), "started": started, "finished": time.time()}


def _worker_pipeline(pipeline: Pipeline, kb_records: list[dict]) -> Pipeline:
    """A fresh pipeline with the same settings for a remote worker (nothing loaded yet)."""
    return Pipeline(kb_files=pipeline.kb_files, dictionary_files=pipeline.dictionary_files,
                    periods_file=pipeline.periods_file, batch_size=pipeline.batch_size,
                    max_bytes=pipeline.max_bytes, part_bytes=pipeline.part_bytes, quiet=True,
                    kb_records=tuple(kb_records))


def _start_ray(address: str | None, workers: int):
    try:
        import ray
    except ImportError as exc:  # pragma: no cover - ray is in the lock file; this is for slim installs
        raise RuntimeError("dyads run --ray needs the 'ray' package (pip install ray)") from exc
    options = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.ERROR,
               "configure_logging": False}
    if address:
        ray.init(address=address, **options)
    else:
        ray.init(num_cpus=workers, **options)
    return ray


def run_on_ray(pipeline: Pipeline, paths: Iterable[str | Path], address: str | None = None,
               shard_folder: str | Path | None = None, load: bool = True,
               files_per_task: int = FILES_PER_TASK) -> RunSummary:
    """Process ``paths`` as Ray tasks; load their shards into the pipeline's store unless ``load`` is off.

    ``address``: an existing cluster (``auto``, ``ray://host:10001``...), else a local Ray
    instance with ``pipeline.workers`` CPUs. Shards go to ``shard_folder`` (default: the
    database path plus ``.shards``), which every worker must be able to write (a shared
    file system on a cluster). Tasks whose shards exist are not run again; documents the
    store holds already are not loaded again.
    """
    started = time.monotonic()
    summary = RunSummary()
    db = str(pipeline.db or default_db_path())
    folder = Path(shard_folder or f"{db}.shards").absolute()
    show = not pipeline.quiet and sys.stderr.isatty()
    with run_lock(db):
        with open_store(db, wait_seconds=WRITE_WAIT_SECONDS) as store:
            kb_records = store.kb_records()
        tasks: list[RayTask] = []
        for item in plan_tasks(paths, files_per_task, part_bytes=pipeline.part_bytes):
            if isinstance(item, InputError):
                summary.errors.append(item)
                pipeline.on_error(item)
            else:
                tasks.append(item)
        markers: dict[int, dict] = {}
        for index, task in enumerate(tasks):
            if (marker := shard_marker(folder, task.name)) is not None:
                markers[index] = marker
        todo = [i for i in range(len(tasks)) if i not in markers]
        progress = progress_bar(sum(t.size for t in tasks), "dyads run --ray", show)
        progress.update(sum(tasks[i].size for i in markers))
        loader = _Loader(pipeline, db, folder, tasks, summary) if load else None
        if loader:
            loader.load_ready(markers)
        try:
            if todo:
                pipeline.stage_seconds["startup"] = time.monotonic() - started  # then Ray's own start-up
                _run_tasks(pipeline, address, kb_records, tasks, todo, folder, markers, summary, progress, loader)
            if loader:
                finish_summary(loader.held, summary)
        finally:
            if loader:
                loader.close()
            progress.close()
        if not loader:
            summary.added = sum(m["documents"] for m in markers.values())
            summary.shard_folder = str(folder)
    summary.seconds = time.monotonic() - started
    return summary


def _run_tasks(pipeline: Pipeline, address: str | None, kb_records: list[dict], tasks: list[RayTask],
               todo: list[int], folder: Path, markers: dict[int, dict], summary: RunSummary, progress,
               loader: _Loader | None) -> None:
    """Run the tasks on Ray with a bounded number in flight; load finished shards in input order."""
    clock = WorkerClock()
    clock.begin()  # Ray's start and the actors' model loading count as the workers' waiting
    ray = _start_ray(address, pipeline.workers)
    try:
        cpus = int(ray.cluster_resources().get("CPU", 1))
        workers = max(1, min(pipeline.workers if not address else cpus, len(todo)))
        actor_class = ray.remote(num_cpus=1, max_restarts=TASK_RETRIES, max_task_retries=TASK_RETRIES)(ShardWorker)
        actors = [actor_class.remote(_worker_pipeline(pipeline, kb_records)) for _ in range(workers)]
        queue = list(reversed(todo))
        in_flight: dict = {}

        def submit(actor) -> None:
            if queue:
                index = queue.pop()
                in_flight[actor.run_task.remote(tasks[index], str(folder))] = (index, actor)

        for _ in range(2):  # one running and one waiting per actor: none idles while the driver loads
            for actor in actors:
                submit(actor)
        while in_flight:
            ready, _ = ray.wait(list(in_flight), num_returns=1)
            index, actor = in_flight.pop(ready[0])
            try:
                marker = ray.get(ready[0])
            except Exception as exc:  # retries used up (a task that kills its worker every time)
                problem = f"task failed after {TASK_RETRIES} retries ({type(exc).__name__})"
                marker = {"task": tasks[index].name, "parts": 0, "documents": 0,
                          "errors": [[str(part), problem] for part in tasks[index].parts]}
            pipeline.add_stage_seconds(marker.pop("stage_seconds", {}))
            if "worker" in marker:
                clock.add(marker.pop("worker"), marker.pop("started"), marker.pop("finished"))
            markers[index] = marker
            progress.update(tasks[index].size)
            submit(actor)
            if loader:
                loader.load_ready(markers)
            progress.set_postfix_str(document_rate(summary.added, progress.format_dict["elapsed"]), refresh=False)
        if not loader:
            for marker in markers.values():
                _report(pipeline, summary, marker)
    finally:
        ray.shutdown()
    pipeline.stage_seconds.update(clock.seconds())


def _report(pipeline: Pipeline, summary: RunSummary, marker: dict) -> None:
    for source, problem in marker["errors"]:
        error = InputError(source, problem)
        summary.errors.append(error)
        pipeline.on_error(error)


class _Loader:
    """Loads finished shards into the store strictly in task order, so near-duplicates are
    marked exactly as a local run marks them."""

    def __init__(self, pipeline: Pipeline, db: str, folder: Path, tasks: list[RayTask], summary: RunSummary):
        self.pipeline, self.folder, self.tasks, self.summary = pipeline, folder, tasks, summary
        self.held = HeldStore(db, HOLD_SECONDS, WRITE_WAIT_SECONDS)
        self.next_index = 0

    def load_ready(self, markers: dict[int, dict]) -> None:
        """Load every finished task from the next unloaded one on, stopping at the first unfinished."""
        while self.next_index in markers:
            marker = markers[self.next_index]
            _report(self.pipeline, self.summary, marker)
            for part in range(marker["parts"]):
                rows = read_shard_part(self.folder, marker["task"], part)
                with self.pipeline.timed("load"), self.held.use() as store:
                    added = store.write_rows(rows)
                self.summary.skipped_known += len(rows["documents"]) - added
                self.summary.added += added
            self.next_index += 1

    def close(self) -> None:
        """Let go of the database file."""
        self.held.close()

