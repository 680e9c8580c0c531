"""The stage chain: sources -> extract -> nlp -> time -> kb linking -> events -> store."""

from __future__ import annotations

import multiprocessing
import shutil
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tqdm import tqdm

from dyads.analysis import RunSummary
from dyads.events import LanguageCoders, load_dictionary
from dyads.extract import content_hash, extract_document
from dyads.extract.dates import parse_date_value
from dyads.kb import KnowledgeBase, load_knowledge_base
from dyads.kb.link import Linker
from dyads.nlp import LanguageParsers, load_nlp, parse_documents
from dyads.sources import DEFAULT_MAX_BYTES, PART_BYTES, PartReader, plan_parts, total_bytes
from dyads.store import HeldStore, default_db_path, open_store, run_lock
from dyads.store.rows import BatchRows, batch_rows
from dyads.time import load_periods, resolve_times
from dyads.types import Document, Event, InputError, InputPart, ProcessedDocument, RawInput

ErrorHandler = Callable[[InputError], None]
ProgressHandler = Callable[[int], object]
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

    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base (built-in data, ``kb_files`` and ``kb_records``), loaded once."""
        return self._part("kb")

    # -- stages --------------------------------------------------------------------------
    def extract(self, paths: Iterable[str | Path]) -> Iterator[Document | InputError]:
        """Sources and extraction only: one Document or InputError per article."""
        return self.extract_parts(plan_parts(paths))

    def extract_parts(self, parts: Iterable[InputPart | InputError],
                      on_progress: ProgressHandler | None = None) -> Iterator[Document | InputError]:
        """Read and extract parts of inputs (``sources.plan_parts``) as a stream; ``on_progress``
        gets the raw bytes read after each article."""
        for part in parts:
            if isinstance(part, InputError):
                yield part
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

    def process(self, documents: Iterable[Document]) -> Iterator[ProcessedDocument | InputError]:
        """NLP, linking, time and event coding for extracted documents.

        A document that fails in a stage becomes an ``InputError`` (the run goes on without it).
        """
        nlp, linker, coder, periods = (self._part(n) for n in ("nlp", "linker", "coder", "periods"))
        documents = iter(documents)
        while batch := list(islice(documents, self.batch_size)):
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
                    with self.timed("events"):
                        events = coder.code(parsed, mentions, times)
                except Exception as exc:  # a bug or a pathological text must not stop the run
                    yield InputError(parsed.document.source,
                                     f"processing failed ({type(exc).__name__}: {str(exc)[:120]})")
                    continue
                yield ProcessedDocument(parsed.document, parsed.sentences, mentions, times, events, provisional)

    def code(self, records: Iterable[dict]) -> Iterator[dict]:
        """Code users' own sentences: ``{"id", "text", "date", "language"}`` in, ``{"id", "events": [...]}`` out.

        ``date`` is the publication date that relative time expressions resolve against; ``language``
        (ISO 639-1, optional) routes the text to its language's linking, time words and coder.
        Events carry the fields of the events export; nothing is stored.
        """
        documents = []
        for record in records:
            text = str(record.get("text") or "")
            digest = content_hash(text)
            parsed_date = parse_date_value(str(record["date"])) if record.get("date") else None
            documents.append(Document(
                doc_id=str(record.get("id", digest[:16])), source=f"code:{record.get('id', digest[:16])}",
                text=text, content_hash=digest, language=record.get("language") or None,
                published=parsed_date[0] if parsed_date else None,
                published_precision=parsed_date[1] if parsed_date else None,
            ))
        for processed in self.process(documents):
            if isinstance(processed, InputError):
                yield {"id": processed.source.removeprefix("code:"), "events": [], "error": processed.problem}
            else:
                yield {"id": processed.document.doc_id, "events": [event_record(e) for e in processed.events]}

    def run(self, paths: Iterable[str | Path]) -> RunSummary:
        """Process every input into the store; bad inputs are reported and skipped.

        Batches commit one transaction each, so a killed run keeps every finished batch and a
        rerun adds only the rest. With ``workers`` > 1, worker processes parse and code while
        this process reads, extracts and writes (one writer).
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
            progress = progress_bar(total_bytes(paths) if show else None, "dyads run", show)
            held = HeldStore(db, HOLD_SECONDS, WRITE_WAIT_SECONDS)
            try:
                with self._pool() as pool:
                    batches = self._fresh_batches(self._documents(paths, pool, progress.update), held, summary)
                    for coded in self._coded_batches(batches, pool):
                        for error in coded.errors:
                            summary.errors.append(error)
                            self.on_error(error)
                        with self.timed("store"), held.use() as store:
                            store.write_rows(coded.rows)
                        summary.added += coded.documents
                        rate = document_rate(summary.added, time.monotonic() - started)
                        progress.set_postfix_str(rate, refresh=False)
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
    def _pool(self):
        """A pool of worker processes (forked after the models are loaded), or None for one worker."""
        if self.workers <= 1:
            yield None
            return
        for part in ("nlp", "linker", "coder", "periods"):
            self._part(part)  # loaded before the fork, shared copy-on-write by the workers
        with multiprocessing.get_context("fork").Pool(self.workers, initializer=_init_worker,
                                                      initargs=(self,)) as pool:
            yield pool

    def _documents(self, paths: list, pool, on_progress: ProgressHandler) -> Iterator[Document | InputError]:
        """Extracted documents in input order. With a pool, the workers read and extract jobs
        of parts (big JSONL and WARC files cut into record ranges), a bounded window at a time."""
        if pool is None:
            yield from self.extract_parts(plan_parts(paths), on_progress)
            return
        window: deque = deque()
        for job, size in self._jobs(plan_parts(paths, self.part_bytes)):
            window.append((pool.apply_async(_extract_in_worker, (job,)), size))
            if len(window) >= 2 * self.workers:
                result, done = window.popleft()
                yield from result.get()
                on_progress(done)
        while window:
            result, done = window.popleft()
            yield from result.get()
            on_progress(done)

    def _jobs(self, parts: Iterator[InputPart | InputError]) -> Iterator[tuple[list, int]]:
        """Extraction jobs for the pool with their raw bytes: small files together (up to a batch
        of files or ``part_bytes``), a record range alone; both read in the worker. A part that
        cannot be cut and is big or of unknown size (a ``.jsonl.gz``, a URL) is read here as a
        stream, a batch of articles per job."""
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

    def _fresh_batches(self, items: Iterator[Document | InputError], held: HeldStore,
                       summary: RunSummary) -> Iterator[list[Document]]:
        """Extracted documents not yet stored, in batches; errors reported on the way."""
        pending: list[Document] = []
        in_batch: set[str] = set()
        for item in items:
            if isinstance(item, InputError):
                summary.errors.append(item)
                self.on_error(item)
                continue
            if item.doc_id in in_batch:
                summary.skipped_known += 1
                continue
            in_batch.add(item.doc_id)
            pending.append(item)
            if len(pending) >= self.batch_size:
                yield self._unknown(pending, held, summary)
                pending, in_batch = [], set()
        if pending:
            yield self._unknown(pending, held, summary)

    @staticmethod
    def _unknown(pending: list[Document], held: HeldStore, summary: RunSummary) -> list[Document]:
        with held.use() as store:
            known = store.known_documents(d.doc_id for d in pending)
        summary.skipped_known += len(known)
        return [d for d in pending if d.doc_id not in known]

    def code_batch(self, batch: list[Document]) -> CodedBatch:
        """One batch through every stage up to the store's table rows (in a worker, if any)."""
        results = list(self.process(batch))
        processed = [r for r in results if isinstance(r, ProcessedDocument)]
        with self.timed("rows"):
            rows = batch_rows(processed, self.knowledge_base())
        return CodedBatch([r for r in results if isinstance(r, InputError)], rows, len(processed))

    def _coded_batches(self, batches: Iterator[list[Document]], pool) -> Iterator[CodedBatch]:
        """Code batches here, or in the pool keeping a bounded window of batches in flight; the
        workers also build the table rows (MinHash fingerprints included), so the one writer
        only writes."""
        if pool is None:
            for batch in batches:
                yield self.code_batch(batch)
            return
        window: deque = deque()
        for batch in batches:
            window.append(pool.apply_async(_code_in_worker, (batch,)))
            if len(window) >= 2 * self.workers:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()


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


# One pipeline per worker process: the standard pattern for process pools, set by the initializer.
_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _code_in_worker(batch: list[Document]) -> CodedBatch:
    assert _WORKER_PIPELINE is not None
    return _WORKER_PIPELINE.code_batch(batch)


def _extract_in_worker(job: list[InputPart | RawInput | InputError]) -> list[Document | InputError]:
    """A job's documents: parts are read here, articles read by the main process extracted."""
    assert _WORKER_PIPELINE is not None
    documents: list[Document | InputError] = []
    for item in job:
        if isinstance(item, InputPart):
            documents.extend(_WORKER_PIPELINE.extract_parts([item]))
        else:
            documents.append(item if isinstance(item, InputError) else extract_document(item))
    return documents
