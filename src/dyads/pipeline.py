"""The stage chain: sources -> extract -> nlp -> time -> kb linking -> events -> store."""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np
from tqdm import tqdm

from dyads.analysis import RunSummary
from dyads.events import LanguageCoders, load_dictionary
from dyads.extract import content_hash, extract_document
from dyads.extract.dates import load_date_parser, parse_date_value
from dyads.extract.language import detect_language, language_code
from dyads.kb import KnowledgeBase, load_knowledge_base
from dyads.kb.link import Linker
from dyads.nlp import BATCH_TEXTS, LanguageParsers, ParsedDocument, load_nlp, parse_documents
from dyads.sources import DEFAULT_MAX_BYTES, PART_BYTES, PartReader, plan_parts, total_bytes
from dyads.store import HeldStore, default_db_path, open_store, run_lock
from dyads.store.rows import BatchRows, batch_rows, merge_rows
from dyads.time import load_periods, resolve_times
from dyads.types import (
    Actor,
    Document,
    Event,
    InputError,
    InputPart,
    Mention,
    ProcessedDocument,
    RawInput,
    TimeExpression,
)

ErrorHandler = Callable[[InputError], None]
ProgressHandler = Callable[[int], object]
#: Which of some document ids to skip (stored already, or seen before): a store's
#: ``known_documents``, ``StoredDocuments`` or ``SeenInTask``.
KnownCheck = Callable[[list[str]], set[str]]
#: How long a run waits for readers (dyads serve, a query) to let go of the database file.
WRITE_WAIT_SECONDS = 120.0
#: Longest a run keeps the database file open across batches (it lets go at once when a reader asks).
HOLD_SECONDS = 60.0


def event_record(event: Event) -> dict:
    """An event as a plain dict with the fields of the events export."""
    location = event.location
    return {
        "event_id": event.event_id, "sentence": event.sentence, "date": event.date,
        "date_precision": event.date_precision, "date_source": event.date_source, "time_text": event.time_text,
        "source_actor_id": event.source_actor_id, "source_code": event.source_code,
        "target_actor_id": event.target_actor_id, "target_code": event.target_code,
        "cameo": event.cameo, "root": event.root, "quad_class": event.quad_class, "goldstein": event.goldstein,
        "plover": event.plover, "mode": event.mode, "confidence": event.confidence, "predicate": event.predicate,
        "method": event.method,
        "language": event.language,
        "location": None if location is None else {"name": location.name, "country": location.country,
                                                   "lat": location.lat, "lon": location.lon},
    }


def _print_error(error: InputError) -> None:
    print(f"error: {error}", file=sys.stderr)


@dataclass
class CodedBatch:
    """A batch after every stage: its errors and the store's table rows for its documents."""

    errors: list[InputError]
    rows: BatchRows
    documents: int
    #: documents read but not coded: stored already, or repeated in the batch or task
    skipped: int = 0


@dataclass
class TaskResult:
    """What a worker sends back for one task: its coded batches, the seconds it spent per stage,
    and when it ran (for the run's account of busy and idle workers)."""

    batches: list[CodedBatch]
    stage_seconds: dict[str, float]
    worker: int
    started: float
    finished: float


class StoredDocuments:
    """The ids of the documents a store held when a run began, for worker processes, which
    cannot ask the store (one writer holds it). Ids are 64-bit hex digests
    (``extract.document_id``), so they are held exactly as a sorted array of unsigned 64-bit
    numbers: 8 bytes per document (8 MB per million) instead of ~100 as a set of strings."""

    def __init__(self, doc_ids: Iterable[str]):
        values = []
        for doc_id in doc_ids:
            try:
                values.append(int(doc_id, 16) if len(doc_id) == 16 else -1)
            except ValueError:
                continue  # not an id a run writes (test data): no run's document can match it
        self._ids = np.unique(np.array([v for v in values if v >= 0], dtype=np.uint64))

    def __len__(self) -> int:
        return len(self._ids)

    def __call__(self, doc_ids: list[str]) -> set[str]:
        """Which of ``doc_ids`` were stored when the run began."""
        if not len(self._ids) or not doc_ids:
            return set()
        wanted = np.array([int(d, 16) for d in doc_ids], dtype=np.uint64)
        places = np.minimum(np.searchsorted(self._ids, wanted), len(self._ids) - 1)
        return {d for d, found in zip(doc_ids, self._ids[places] == wanted, strict=True) if found}


class SeenInTask:
    """Known documents within one task: stored ones (``StoredDocuments``, if given) and those
    read earlier in the same task, so that a task codes each document once."""

    def __init__(self, stored: StoredDocuments | None = None):
        self.stored, self.seen = stored, set()

    def __call__(self, doc_ids: list[str]) -> set[str]:
        """Which of ``doc_ids`` are stored or were asked about before; all are remembered."""
        known = {d for d in doc_ids if d in self.seen} | (self.stored(doc_ids) if self.stored else set())
        self.seen.update(doc_ids)
        return known


@dataclass
class Analysis:
    """A document parsed, its time expressions resolved and its mentions linked: what event coding reads."""

    parsed: ParsedDocument
    times: list[TimeExpression]
    mentions: list[Mention]
    provisional: list[Actor]  # provisional actors first seen in this document


def _failed(parsed: ParsedDocument, exc: Exception) -> InputError:
    """The one-line error of a document a stage failed on."""
    return InputError(parsed.document.source, f"processing failed ({type(exc).__name__}: {str(exc)[:120]})")


@dataclass
class Pipeline:
    """Runs the stages over inputs; models and tables load once, on first use."""

    db: str | Path | None = None
    kb_files: tuple[str, ...] = ()
    dictionary_files: tuple[str, ...] = ()
    periods_file: str | None = None
    batch_size: int = 32
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES  # largest item (a file read whole, a JSONL line, a WARC record) read
    #: workers share a big local JSONL or WARC file in record ranges of about this many bytes
    part_bytes: int = PART_BYTES
    quiet: bool = False
    on_error: ErrorHandler = _print_error
    #: knowledge-base records beyond the files (a store's imported records, given to remote workers)
    kb_records: tuple[dict, ...] = ()
    #: seconds spent per stage in this process (extract, parse, link, time, events, store)
    stage_seconds: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _parts: dict = field(default_factory=dict, init=False, repr=False)

    # -- lazily built stage resources ----------------------------------------------------
    def _part(self, name: str):
        if name not in self._parts:
            if name in ("linker", "coder"):
                self._part("kb")  # first, so that each load is timed once
            with self.timed("models"):
                if name == "nlp":
                    self._parts[name] = load_nlp()
                elif name == "parsers":  # French and Russian parsers, each loaded on its first document
                    self._parts[name] = LanguageParsers()
                elif name == "kb":
                    self._parts[name] = load_knowledge_base(self.kb_files, self.kb_records)
                elif name == "linker":
                    self._parts[name] = Linker(self._part("kb"))
                elif name == "coder":
                    self._parts[name] = LanguageCoders(load_dictionary(self.dictionary_files), self._part("kb"))
                elif name == "periods":
                    self._parts[name] = load_periods(Path(self.periods_file) if self.periods_file else None)
        return self._parts[name]

    def load_models(self) -> None:
        """Load every model and table the stages use (else each loads on first use; French and
        Russian parsers still load on their first document)."""
        for part in ("nlp", "parsers", "linker", "coder", "periods"):
            self._part(part)
        with self.timed("models"):
            load_date_parser()

    def coders(self) -> LanguageCoders:
        """The event coders (one per language, each built on first use), loaded once."""
        return self._part("coder")

    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base (built-in data, ``kb_files`` and ``kb_records``), loaded once."""
        return self._part("kb")

    # -- stages --------------------------------------------------------------------------
    def extract(self, paths: Iterable[str | Path]) -> Iterator[Document | InputError]:
        """Sources and extraction only: one Document or InputError per article."""
        return self.extract_parts(plan_parts(paths))

    def extract_parts(self, parts: Iterable[InputPart | RawInput | InputError],
                      on_progress: ProgressHandler | None = None) -> Iterator[Document | InputError]:
        """Read and extract parts of inputs (``sources.plan_parts``), or articles read already, as
        a stream; ``on_progress`` gets the raw bytes of parts read after each article."""
        for part in parts:
            if isinstance(part, InputError):
                yield part
                continue
            if isinstance(part, RawInput):
                with self.timed("extract"):
                    item = extract_document(part)
                yield item
                continue
            reader, reported = PartReader(part, self.max_bytes), 0
            for raw in reader:
                with self.timed("extract"):
                    item = raw if isinstance(raw, InputError) else extract_document(raw)
                yield item
                if on_progress is not None and reader.done > reported:
                    on_progress(reader.done - reported)
                    reported = reader.done
            if on_progress is not None and reader.done > reported:
                on_progress(reader.done - reported)

    def code_parts(self, parts: Iterable[InputPart | RawInput | InputError], known: KnownCheck,
                   on_progress: ProgressHandler | None = None) -> Iterator[CodedBatch]:
        """Parts of inputs (or articles read already) read, extracted, processed and turned into
        table rows, a batch at a time; each batch carries the errors met on the way to it.
        Documents that ``known`` names (stored already, or seen) are skipped, not coded."""
        errors: list[InputError] = []
        pending: list[Document] = []
        in_batch: set[str] = set()
        repeated = 0
        for item in self.extract_parts(parts, on_progress):
            if isinstance(item, InputError):
                errors.append(item)
            elif item.doc_id in in_batch:
                repeated += 1
            else:
                in_batch.add(item.doc_id)
                pending.append(item)
                if len(pending) >= self.batch_size:
                    yield self._code_new(pending, errors, repeated, known)
                    errors, pending, in_batch, repeated = [], [], set(), 0
        if pending or errors or repeated:
            yield self._code_new(pending, errors, repeated, known)

    def _code_new(self, pending: list[Document], errors: list[InputError], repeated: int,
                  known: KnownCheck) -> CodedBatch:
        """A batch's documents that ``known`` does not name, coded."""
        stored = known([d.doc_id for d in pending]) if pending else set()
        fresh = [d for d in pending if d.doc_id not in stored]
        coded = self.code_batch(fresh) if fresh else CodedBatch([], {}, 0)
        return CodedBatch(errors + coded.errors, coded.rows, coded.documents, repeated + len(stored))

    def analyse(self, documents: Iterable[Document]) -> Iterator[Analysis | InputError]:
        """NLP, time and linking for extracted documents: each parse with its times and mentions.

        A document that fails in a stage becomes an ``InputError`` (the run goes on without it).
        """
        nlp, linker, periods = (self._part(n) for n in ("nlp", "linker", "periods"))
        documents = iter(documents)
        # Batches here feed the parser (BATCH_TEXTS short texts parse faster together); ``batch_size``
        # sets the store's transactions, upstream in code_parts.
        while batch := list(islice(documents, max(self.batch_size, BATCH_TEXTS))):
            parsed_batch = parse_documents(nlp, batch, others=self._part("parsers"))
            while True:
                with self.timed("parse"):
                    parsed = next(parsed_batch, None)
                if parsed is None:
                    break
                try:
                    with self.timed("time"):  # before linking: roles are held on the day a sentence tells
                        times = resolve_times(parsed, periods)
                    with self.timed("link"):
                        mentions, provisional = linker.link(parsed, times)
                except Exception as exc:  # a bug or a pathological text must not stop the run
                    yield _failed(parsed, exc)
                    continue
                yield Analysis(parsed, times, mentions, provisional)

    def process(self, documents: Iterable[Document]) -> Iterator[ProcessedDocument | InputError]:
        """NLP, linking, time and event coding for extracted documents.

        A document that fails in a stage becomes an ``InputError`` (the run goes on without it).
        """
        coder = self._part("coder")
        for analysis in self.analyse(documents):
            if isinstance(analysis, InputError):
                yield analysis
                continue
            parsed = analysis.parsed
            try:
                with self.timed("events"):
                    events = coder.code(parsed, analysis.mentions, analysis.times)
                for event in events:  # the evidence stays in the document's language: say which
                    event.language = parsed.document.language
            except Exception as exc:  # a bug or a pathological text must not stop the run
                yield _failed(parsed, exc)
                continue
            yield ProcessedDocument(parsed.document, parsed.sentences, analysis.mentions, analysis.times, events,
                                    analysis.provisional)

    def code(self, records: Iterable[dict]) -> Iterator[dict]:
        """Code users' own sentences: ``{"id", "text", "date", "language"}`` in, ``{"id", "language",
        "events": [...]}`` out.

        ``date`` is the publication date that relative time expressions resolve against;
        ``language`` (ISO 639-1, optional) the text's language, identified from the text when
        absent. Events carry the fields of the events export; nothing is stored. A record whose
        ``language`` is no language code raises ValueError.
        """
        documents = []
        for record in records:
            text = str(record.get("text") or "")
            digest = content_hash(text)
            parsed_date = parse_date_value(str(record["date"])) if record.get("date") else None
            language = language_code(str(record["language"])) if record.get("language") else detect_language(text)
            documents.append(Document(
                doc_id=str(record.get("id", digest[:16])), source=f"code:{record.get('id', digest[:16])}",
                text=text, content_hash=digest,
                published=parsed_date[0] if parsed_date else None,
                published_precision=parsed_date[1] if parsed_date else None,
                language=language,
            ))
        languages = {d.doc_id: d.language for d in documents}
        for processed in self.process(documents):
            if isinstance(processed, InputError):
                key = processed.source.removeprefix("code:")
                yield {"id": key, "language": languages.get(key), "events": [], "error": processed.problem}
            else:
                yield {"id": processed.document.doc_id, "language": processed.document.language,
                       "events": [event_record(e) for e in processed.events]}

    def run(self, paths: Iterable[str | Path]) -> RunSummary:
        """Process every input into the store; bad inputs are reported and skipped.

        Batches commit one transaction each, so a killed run keeps every finished batch and a
        rerun adds only the rest. With ``workers`` > 1, worker processes take tasks (a record
        range of a big file, a group of small files) from reading to table rows, and this
        process only plans the tasks and writes their rows in input order (one writer).
        """
        started = time.monotonic()
        paths = list(paths)
        summary = RunSummary()
        show = not self.quiet and sys.stderr.isatty()
        db = str(self.db or default_db_path())
        # One run writes a database at a time; it lets go of the file between batches when a
        # reader (dyads serve, a query) asks, so readers see each committed batch as the run goes on.
        with run_lock(db):
            with open_store(db, wait_seconds=WRITE_WAIT_SECONDS) as store:
                if "kb" not in self._parts:
                    self._parts["kb"] = load_knowledge_base(self.kb_files, store.kb_records())
                stored = StoredDocuments(store.document_ids()) if self.workers > 1 else None
            progress = progress_bar(total_bytes(paths) if show else None, "dyads run", show)
            held = HeldStore(db, HOLD_SECONDS, WRITE_WAIT_SECONDS)
            clock = WorkerClock()
            try:
                self.load_models()  # before the pool's fork, shared copy-on-write by the workers
                with self._pool(stored) as pool:
                    clock.begin()
                    self.stage_seconds["startup"] = time.monotonic() - started
                    for coded in self._coded(paths, pool, held, progress.update, clock):
                        for error in coded.errors:
                            summary.errors.append(error)
                            self.on_error(error)
                        with self.timed("store"), held.use() as store:
                            added = store.write_rows(coded.rows)
                        summary.added += added
                        summary.skipped_known += coded.skipped + coded.documents - added
                        rate = document_rate(summary.added, time.monotonic() - started)
                        progress.set_postfix_str(rate, refresh=False)
                self.stage_seconds.update(clock.seconds())
                finish_summary(held, summary)
            finally:
                held.close()
                progress.close()
        summary.seconds = time.monotonic() - started
        return summary

    def add_stage_seconds(self, seconds: dict[str, float]) -> None:
        """Add stage times measured elsewhere (in remote workers) to ``stage_seconds``."""
        for stage, value in seconds.items():
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + value

    @contextmanager
    def timed(self, stage: str):
        """Add the block's wall time to ``stage_seconds[stage]``."""
        tick = time.perf_counter()
        try:
            yield
        finally:
            self.stage_seconds[stage] = self.stage_seconds.get(stage, 0.0) + time.perf_counter() - tick

    @contextmanager
    def _pool(self, stored: StoredDocuments | None):
        """A pool of worker processes forked after the models are loaded (shared copy-on-write),
        or None for one worker."""
        if self.workers <= 1:
            yield None
            return
        self.warm_up()
        # The parent's objects (models, knowledge base, the warmed caches) go to the collector's
        # permanent generation: a worker's collections then never touch, and so never copy, them.
        gc.freeze()
        try:
            with multiprocessing.get_context("fork").Pool(self.workers, initializer=_init_worker,
                                                          initargs=(self, stored)) as pool:
                yield pool
        finally:
            gc.unfreeze()

    def warm_up(self) -> None:
        """Run one small page through every stage, so that what each stage loads on first use
        (extraction's and language identification's tables, parser caches) is loaded now: before
        the pool's workers fork, so it is loaded once and shared, or when a Ray worker starts."""
        before = dict(self.stage_seconds)
        with self.timed("models"):  # start-up, not the stages' work on the inputs
            document = extract_document(RawInput("warm-up", _WARM_UP_PAGE, "html"))
            if isinstance(document, Document):
                for _processed in self.process([document]):
                    pass
        self.stage_seconds = {**before, "models": self.stage_seconds["models"]}

    def _coded(self, paths: list, pool, held: HeldStore, on_progress: ProgressHandler,
               clock: WorkerClock) -> Iterator[CodedBatch]:
        """Coded batches in input order: here, asking the store which documents it holds, or
        from the pool's tasks, a bounded window of them in flight (each task's rows stay in
        memory until written, so the window bounds memory as well)."""
        if pool is None:
            def known(doc_ids: list[str]) -> set[str]:
                with held.use() as store:
                    return store.known_documents(doc_ids)

            yield from self.code_parts(plan_parts(paths), known, on_progress)
            return
        yield from self._merged(self._pool_batches(paths, pool, on_progress, clock))

    def _merged(self, batches: Iterator[CodedBatch]) -> Iterator[CodedBatch]:
        """Consecutive batches merged up to ``batch_size`` documents: tasks are small (a few
        pages of HTML), and each write has a fixed cost (duplicate search, search index)."""
        group: list[CodedBatch] = []
        for coded in batches:
            group.append(coded)
            if sum(c.documents for c in group) >= self.batch_size:
                yield _merge(group)
                group = []
        if group:
            yield _merge(group)

    def _pool_batches(self, paths: list, pool, on_progress: ProgressHandler,
                      clock: WorkerClock) -> Iterator[CodedBatch]:
        """The coded batches of the pool's tasks, in input order."""
        window: deque = deque()

        def collect() -> list[CodedBatch]:
            pending, size = window.popleft()
            with self.timed("wait"):
                result: TaskResult = pending.get()
            self.add_stage_seconds(result.stage_seconds)
            clock.add(result.worker, result.started, result.finished)
            on_progress(size)
            return result.batches

        for task, size in self._tasks(plan_parts(paths, self.part_bytes, self.batch_size)):
            window.append((pool.apply_async(_task_in_worker, (task,)), size))
            if len(window) >= TASKS_IN_FLIGHT * self.workers:
                yield from collect()
        while window:
            yield from collect()

    def _tasks(self, parts: Iterator[InputPart | InputError]) -> Iterator[tuple[list, int]]:
        """Tasks for the pool with their raw bytes: small files together (up to a batch of files
        or ``part_bytes``), a record range alone; both read in the worker. A part that cannot be
        cut and is big or of unknown size (a ``.jsonl.gz``, a URL) is read here as a stream, a
        batch of articles per task."""
        group: list = []
        group_bytes = 0
        for part in parts:
            if isinstance(part, InputError) or (part.whole and part.size is not None and part.size <= self.part_bytes):
                group.append(part)
                group_bytes += 0 if isinstance(part, InputError) else part.size or 0
                if len(group) >= self.batch_size or group_bytes >= self.part_bytes:
                    yield group, group_bytes
                    group, group_bytes = [], 0
                continue
            if group:
                yield group, group_bytes
                group, group_bytes = [], 0
            if not part.whole or (part.size is not None and part.size <= 2 * self.part_bytes):
                yield [part], part.size or 0
                continue
            reader, reported = PartReader(part, self.max_bytes), 0
            records = iter(reader)
            while chunk := list(islice(records, self.batch_size)):
                yield chunk, reader.done - reported
                reported = reader.done
            yield [], reader.done - reported
        if group:
            yield group, group_bytes

    def code_batch(self, batch: list[Document]) -> CodedBatch:
        """One batch through every stage up to the store's table rows (in a worker, if any)."""
        results = list(self.process(batch))
        processed = [r for r in results if isinstance(r, ProcessedDocument)]
        with self.timed("rows"):
            rows = batch_rows(processed, self.knowledge_base())
        return CodedBatch([r for r in results if isinstance(r, InputError)], rows, len(processed))


def _merge(group: list[CodedBatch]) -> CodedBatch:
    """One batch of several (``store.rows.merge_rows``)."""
    if len(group) == 1:
        return group[0]
    return CodedBatch([e for c in group for e in c.errors], merge_rows([c.rows for c in group]),
                      sum(c.documents for c in group), sum(c.skipped for c in group))


def progress_bar(total: int | None, description: str, show: bool) -> tqdm:
    """A progress bar on stderr over the inputs' raw bytes (rate and time left), or a silent one.
    Bytes, not files, so that one big file moves as its records are read."""
    # Sizes from shutil: it falls back to 80x24 where a terminal reports a zero size, on
    # which tqdm would draw nothing.
    size = shutil.get_terminal_size()
    return tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, disable=not show, desc=description,
                ncols=size.columns, nrows=size.lines)


def document_rate(documents: int, seconds: float) -> str:
    """Documents stored so far and their rate, for a progress bar's postfix."""
    return f"{documents} docs, {documents / max(seconds, 1e-6):.1f} docs/s"


def finish_summary(held: HeldStore, summary: RunSummary) -> None:
    """After a run: read counts and top dyads on the run's own connection (a second DuckDB
    instance would allocate its own caches on top of the writer's)."""
    with held.use() as store:
        summary.counts = store.counts()
        summary.top_dyads = store.top_dyads()
        summary.languages = store.language_counts()


@dataclass
class WorkerClock:
    """How long each worker process was busy with tasks, from when the workers were ready to the
    end of the last task; what is left is time a worker waited for work (or for its first task)."""

    #: worker process id -> seconds busy
    busy: dict[int, float] = field(default_factory=dict)
    began: float = 0.0
    first: float | None = None
    ended: float = 0.0

    def begin(self) -> None:
        """The workers are ready (or are being started: their start-up counts as waiting)."""
        self.began = time.time()

    def add(self, worker: int, started: float, finished: float) -> None:
        """A task a worker ran, by wall-clock times (``time.time``, comparable across processes)."""
        self.busy[worker] = self.busy.get(worker, 0.0) + finished - started
        self.first = started if self.first is None else min(self.first, started)
        self.ended = max(self.ended, finished)

    def seconds(self) -> dict[str, float]:
        """Busy and waiting seconds summed over the workers, and the seconds from their start to
        the first task (nothing without worker processes)."""
        if not self.busy or self.first is None:
            return {}
        span = max(0.0, self.ended - self.began)
        return {"worker_busy": sum(self.busy.values()),
                "worker_idle": sum(max(0.0, span - busy) for busy in self.busy.values()),
                "first_task": max(0.0, self.first - self.began)}


_WARM_UP_PAGE = ("<html><head><title>Talks in Geneva</title></head><body><article><h1>Talks in Geneva</h1>"
                 "<p>The foreign ministers of France and Brazil met in Geneva on Monday to discuss trade, "
                 "officials said.</p><p>They agreed to meet again in March.</p></article></body></html>")

#: Tasks in flight per worker: enough that a worker never waits while the writer is behind on
#: one slow task, few enough that the rows held for writing stay small.
TASKS_IN_FLIGHT = 4

# One pipeline per worker process: the standard pattern for process pools, set by the initializer.
_WORKER: tuple[Pipeline, StoredDocuments | None] | None = None


def _init_worker(pipeline: Pipeline, stored: StoredDocuments | None) -> None:
    global _WORKER
    _WORKER = (pipeline, stored)


def _task_in_worker(task: list[InputPart | RawInput | InputError]) -> TaskResult:
    """A task from reading to table rows, with the worker's stage seconds and its time span."""
    assert _WORKER is not None
    pipeline, stored = _WORKER
    started = time.time()
    pipeline.stage_seconds.clear()
    batches = list(pipeline.code_parts(task, SeenInTask(stored)))
    return TaskResult(batches, dict(pipeline.stage_seconds), os.getpid(), started, time.time())
