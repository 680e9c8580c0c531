"""The DuckDB store: all SQL of dyads lives in this package."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from dyads.extract.neardup import DUPLICATE_THRESHOLD, Fingerprint, signature_from_bytes
from dyads.kb.base import KnowledgeBase
from dyads.store.rows import APPEND_ONLY_TABLES, ROW_TABLES, BatchRows, batch_rows, only_documents
from dyads.store.schema import MIGRATIONS, SCHEMA_VERSION
from dyads.store.search import INDEX_NEW_SQL
from dyads.types import UNCOUNTED_MODES, ProcessedDocument

DEFAULT_DB = "dyads.duckdb"
#: How long a reader (a query, a web request) waits for a run to let go of the file.
READ_WAIT_SECONDS = 30.0

EXPORTS = {
    "documents": """
        SELECT doc_id, external_id, source, url, title, authors, published, published_precision, site_date,
               language, text, content_hash, duplicate_of, method
        FROM documents ORDER BY ingested_at, doc_id""",
    "actors": """
        SELECT actor_id, name, type, country, codes, aliases, wikidata,
               [{'title': r.title, 'country': r.country, 'start': r."start", 'end': r."end"} FOR r IN roles]
                   AS roles,
               lat, lon, provisional
        FROM actors ORDER BY actor_id""",
    "mentions": """
        SELECT doc_id, actor_id, surface, start_char AS "start", end_char AS "end",
               doc_id || ':' || sentence_index AS sentence_id, code, confidence, kind
        FROM mentions ORDER BY doc_id, start_char""",
    "events": """
        SELECT event_id, doc_id, language, sentence, date, date_precision, date_source, time_text,
               source_actor_id, source_code, target_actor_id, target_code, cameo, root, quad_class,
               goldstein, plover, mode, location, confidence, predicate, method
        FROM events ORDER BY doc_id, sentence_index, event_id""",
}


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message says why."""


class _OutdatedSchema(StoreError):
    """A read-only open found an older schema: open_store upgrades the file first."""


class StoreBusyError(StoreError):
    """Another process holds the database file (a run writing a batch); retrying may succeed."""


def default_db_path() -> str:
    """The database path: ``$DYADS_DB`` or ``./dyads.duckdb``."""
    return os.environ.get("DYADS_DB") or DEFAULT_DB


# DuckDB keeps table blocks it has read cached up to its memory limit (by default 80 % of
# the machine), so a writer's memory would grow with the store. A run's writer only needs
# the blocks of one batch's lookups. 10k new articles into a store of 100k peaked at 568 MB
# with this limit (×1.05 of the same articles into an empty store; ×1.19 at 200 MB), at
# 10 % lower throughput (blocks come back from the OS page cache). A batch that needs more
# (key indexes grow with the store) doubles it (Store.write_rows).
WRITER_MEMORY_LIMIT_MB = 100
#: How many times a write may double the connection's memory limit before it fails.
MEMORY_DOUBLINGS = 8


class Store:
    """A dyads database file."""

    def __init__(self, path: str | Path, read_only: bool = False, memory_limit_mb: int | None = None):
        self.path = str(path)
        self.read_only = read_only
        self._columns: dict[str, list[str]] = {}  # per table, for inserts
        if read_only and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database (run 'dyads run' first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" in message.lower():
                raise StoreBusyError(f"{self.path}: in use by another dyads process; wait for it to finish") from exc
            raise StoreError(f"{self.path}: cannot open database ({message.splitlines()[0]})") from exc
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a readable dyads database ({str(exc).splitlines()[0]})") from exc
        # no DuckDB progress bar on long statements: dyads draws its own, and only on a terminal
        self.con.execute("SET enable_progress_bar = false")
        self._fts_loaded = False
        if not read_only:
            self.load_search()  # its stemmers feed the search index (store/search.py)
        self._check_or_migrate(read_only)
        self.memory_limit_mb = None
        if memory_limit_mb:  # after the migrations: a one-off upgrade may need more
            self.set_memory_limit(memory_limit_mb)

    def _check_or_migrate(self, read_only: bool) -> None:
        has_meta = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
        ).fetchone()[0]
        version = 0
        if has_meta:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            self.con.close()
            raise StoreError(
                f"{self.path}: written by a newer dyads (schema {version}, this one reads {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return
        if read_only:
            self.con.close()
            raise _OutdatedSchema(f"{self.path}: schema {version} is older than {SCHEMA_VERSION}")
        self.con.execute("BEGIN")
        for step in MIGRATIONS[version:]:
            self.con.execute(step)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        self.con.execute("COMMIT")

    def load_search(self) -> None:
        """Load the fts extension, whose stemmers the search index uses (once per connection).

        A reader loads it only to search: loading takes longer than most queries, and the
        explorer opens the store for every request.
        """
        if self._fts_loaded:
            return
        # The fts extension comes from the pinned duckdb-ext-fts wheel: never downloaded.
        import duckdb_ext

        folder = Path(next(iter(duckdb_ext.__path__))) / "extensions"
        self.con.execute("SET autoinstall_known_extensions = false")
        self.con.execute("SET extension_directory = ?", [str(folder)])
        self.con.execute("LOAD fts")
        self._fts_loaded = True

    def close(self) -> None:
        """Close the database file."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def known_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of these document ids are stored already."""
        doc_ids = list(doc_ids)
        if not doc_ids:
            return set()
        rows = self.con.execute("SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?))", [doc_ids]).fetchall()
        return {r[0] for r in rows}

    def document_ids(self) -> list[str]:
        """The ids of every stored document."""
        return [r[0] for r in self.con.execute("SELECT doc_id FROM documents").fetchall()]

    def write_batch(self, batch: list[ProcessedDocument], kb: KnowledgeBase) -> None:
        """Write a batch of processed documents in one transaction (all or nothing)."""
        self.write_rows(batch_rows(batch, kb))

    def write_rows(self, rows: BatchRows) -> int:
        """Write the table rows of a batch (from ``batch_rows`` or a shard) in one transaction;
        returns how many of its documents were new (rows of stored documents are left out).

        Near-duplicates are marked against the store and the batch on the way in.
        """
        if not rows.get("documents"):
            return 0
        bands: dict[str, list[int]] = {}
        for row in rows.get("doc_bands", ()):
            bands.setdefault(row["doc_id"], []).append(row["band_key"])
        fingerprints = {r["doc_id"]: Fingerprint(signature_from_bytes(r["signature"]),
                                                 tuple(bands.get(r["doc_id"], ())))
                        for r in rows["doc_signatures"]}
        for attempt in range(MEMORY_DOUBLINGS + 1):
            try:
                return self._write_transaction(rows, fingerprints)
            except (duckdb.Error, OSError) as exc:
                self._rollback()
                if isinstance(exc, duckdb.OutOfMemoryException) and self.memory_limit_mb \
                        and attempt < MEMORY_DOUBLINGS:
                    # The limit is there to bound the block cache; what a batch truly needs (key
                    # indexes grow with the store) gets more room rather than failing the run.
                    self.set_memory_limit(self.memory_limit_mb * 2)
                    continue
                raise StoreError(f"{self.path}: write failed, batch not stored ({str(exc).splitlines()[0]})") from exc

    def _write_transaction(self, rows: BatchRows, fingerprints: dict[str, Fingerprint]) -> int:
        self.con.execute("BEGIN")
        new_ids = sorted({r["doc_id"] for r in rows["documents"]} - self.known_documents(
            r["doc_id"] for r in rows["documents"]))
        rows = only_documents(rows, set(new_ids))  # the key-less tables must not get a stored document twice
        languages = {d["doc_id"]: d.get("language") for d in rows["documents"]}
        for event in rows.get("events", ()):
            if "language" not in event:  # a shard written before events carried their language (schema 7)
                event["language"] = languages.get(event["doc_id"])
        self._mark_near_duplicates(rows["documents"], fingerprints)
        for table in ROW_TABLES:
            self._insert(table, rows.get(table, []), ignore=table not in APPEND_ONLY_TABLES)
        self.con.execute("CREATE OR REPLACE TEMP TABLE search_new AS SELECT unnest(?::VARCHAR[]) AS doc_id",
                         [new_ids])
        self.con.execute(INDEX_NEW_SQL)
        self.con.execute("DROP TABLE search_new")
        self.con.execute("COMMIT")
        return len(new_ids)

    def _rollback(self) -> None:
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # nothing was begun

    def set_memory_limit(self, megabytes: int) -> None:
        """DuckDB's memory limit for this connection, in MB."""
        self.memory_limit_mb = megabytes
        self.con.execute(f"SET memory_limit = '{int(megabytes)}MB'")

    def _band_candidates(self, fingerprints: dict[str, Fingerprint]) -> list[tuple]:
        """Stored documents sharing at least two LSH bands with the batch: (band, doc_id, signature,
        published, duplicate_of) per shared band.

        Two bands, not one: a pair at the 0.8 threshold shares about 13 of 32 bands, while
        articles that merely share a paragraph share one band by chance, and in a large store
        those chance collisions would be most of the work. The band list is passed as one
        array and compared with ``= ANY``, and signatures and dates are fetched by semi-join:
        each step is one columnar pass, with no hash table built over the whole store.
        """
        bands = sorted({band for fp in fingerprints.values() for band in fp.bands})
        shared = self.con.execute(
            """
            SELECT doc_id, list(band_key) FROM doc_bands WHERE band_key = ANY(?)
            GROUP BY doc_id HAVING count(*) >= 2
            """,
            [bands],
        ).fetchall()
        if not shared:
            return []
        ids = [doc_id for doc_id, _ in shared]
        signatures = dict(self.con.execute(
            "SELECT doc_id, signature FROM doc_signatures WHERE doc_id IN (SELECT unnest(?))", [ids]).fetchall())
        dates = {row[0]: row[1:] for row in self.con.execute(
            "SELECT doc_id, published, duplicate_of FROM documents WHERE doc_id IN (SELECT unnest(?))",
            [ids]).fetchall()}
        return [(band, doc_id, signatures[doc_id], *dates[doc_id])
                for doc_id, doc_bands in shared if doc_id in signatures and doc_id in dates for band in doc_bands]

    def _mark_near_duplicates(self, documents: list[dict], fingerprints: dict[str, Fingerprint]) -> None:
        """Set ``duplicate_of`` on the later copy of a near-duplicate pair (stored or in this batch)."""
        batch_seen: list[dict] = []
        stored_by_band: dict[int, list[tuple]] = {}
        for band, doc_id, signature, published, duplicate_of in self._band_candidates(fingerprints):
            stored_by_band.setdefault(band, []).append((doc_id, signature_from_bytes(signature), published,
                                                        duplicate_of))
        for document in documents:
            fp = fingerprints[document["doc_id"]]
            stored = {c[0]: c for band in fp.bands for c in stored_by_band.get(band, ())}
            candidates = list(stored.values())
            candidates += [(d["doc_id"], fingerprints[d["doc_id"]].signature, d["published"], d["duplicate_of"])
                           for d in batch_seen if set(fingerprints[d["doc_id"]].bands) & set(fp.bands)]
            batch_seen.append(document)
            best = max(candidates, key=lambda c: fp.similarity(c[1]), default=None)
            if best is None or fp.similarity(best[1]) < DUPLICATE_THRESHOLD:
                continue
            original_id, original_published = best[3] or best[0], best[2]
            if best[3]:
                row = self.con.execute("SELECT published FROM documents WHERE doc_id = ?", [original_id]).fetchone()
                original_published = row[0] if row else None
                for d in batch_seen:
                    if d["doc_id"] == original_id:
                        original_published = d["published"]
            if document["published"] and original_published and document["published"] < original_published:
                # The new copy is the earlier one: it becomes the original of the whole group.
                self.con.execute("UPDATE documents SET duplicate_of = ? WHERE doc_id = ? OR duplicate_of = ?",
                                 [document["doc_id"], original_id, original_id])
                for entries in stored_by_band.values():  # keep the prefetched rows in step with the update
                    entries[:] = [(c[0], c[1], c[2], document["doc_id"] if c[0] == original_id or c[3] == original_id
                                   else c[3]) for c in entries]
                for d in batch_seen:
                    if d["doc_id"] == original_id or d["duplicate_of"] == original_id:
                        d["duplicate_of"] = document["doc_id"]
                document["duplicate_of"] = None
            else:
                document["duplicate_of"] = original_id

    def _insert(self, table: str, rows: list[dict], ignore: bool = False) -> None:
        if not rows:
            return
        if table not in self._columns:
            self._columns[table] = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
        columns = self._columns[table]
        data = pa.Table.from_pylist([{c: r[c] for c in columns if c in r} for r in rows])
        self.con.register("incoming", data)
        try:
            verb = "INSERT OR IGNORE" if ignore else "INSERT"
            names = ", ".join(f'"{c}"' for c in data.column_names)
            self.con.execute(f"{verb} INTO {table} ({names}) SELECT {names} FROM incoming")
        finally:
            self.con.unregister("incoming")

    def save_kb_records(self, records: Iterable[dict], origin: str) -> int:
        """Store the user's knowledge-base records (replacing records with the same actor id)."""
        rows = [{"actor_id": r["actor_id"], "record": json.dumps(r, ensure_ascii=False), "imported_from": origin}
                for r in records]
        if not rows:
            return 0
        try:
            self.con.execute("BEGIN")
            self.con.execute("DELETE FROM kb_extra WHERE actor_id IN (SELECT unnest(?))",
                             [[r["actor_id"] for r in rows]])
            self._insert("kb_extra", rows)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: knowledge-base records not stored ({str(exc).splitlines()[0]})") from exc
        return len(rows)

    def kb_records(self) -> list[dict]:
        """The user's imported knowledge-base records."""
        rows = self.con.execute("SELECT record FROM kb_extra ORDER BY actor_id").fetchall()
        return [json.loads(r[0]) for r in rows]

    # -- reading -------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        return {
            table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "sentences", "actors", "mentions", "time_expressions", "events")
        }

    def language_counts(self) -> dict[str, tuple[int, int]]:
        """Documents and events per document language ('?' where none was identified), most documents first."""
        rows = self.con.execute(
            """
            SELECT coalesce(d.language, '?') AS language, count(*) AS documents, coalesce(sum(e.n), 0) AS events
            FROM documents d LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) e USING (doc_id)
            GROUP BY 1 ORDER BY documents DESC, language
            """
        ).fetchall()
        return {language: (int(documents), int(events)) for language, documents, events in rows}

    def top_dyads(self, limit: int = 10, include_all_modes: bool = False) -> list[tuple[str, str, int, float]]:
        """Most frequent (source, target) country-level dyads with event count and mean Goldstein."""
        modes = [] if include_all_modes else sorted(UNCOUNTED_MODES)
        return self.con.execute(
            """
            SELECT left(source_code, 3) AS a, left(target_code, 3) AS b, count(*) AS n, avg(goldstein) AS g
            FROM events JOIN documents USING (doc_id)
            WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND NOT list_contains(?, mode)
              AND documents.duplicate_of IS NULL
            GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?
            """,
            [modes, limit],
        ).fetchall()

    def export(self, table: str, fmt: str, out: str | Path) -> int:
        """Write one table as jsonl, csv or parquet; returns the number of rows."""
        if table not in EXPORTS:
            raise StoreError(f"unknown table {table!r}; choose from {', '.join(EXPORTS)}")
        relation = self.con.sql(EXPORTS[table])
        out = str(out)
        if fmt == "parquet":
            relation.write_parquet(out)
        elif fmt == "csv":
            self.con.execute(f"COPY ({EXPORTS[table]}) TO '{quote_path(out)}' (HEADER, DELIMITER ',')")
        elif fmt == "jsonl":
            self.con.execute(f"COPY ({EXPORTS[table]}) TO '{quote_path(out)}' (FORMAT JSON)")
        else:
            raise StoreError(f"unknown format {fmt!r}; choose jsonl, csv or parquet")
        return self.con.execute(f"SELECT count(*) FROM ({EXPORTS[table]})").fetchone()[0]


def quote_path(path: str | Path) -> str:
    """A file path as the inside of a single-quoted SQL string literal."""
    return str(path).replace("'", "''")


@contextmanager
def run_lock(path: str | Path):
    """Hold the write lock of a database for a whole run; a second run fails with a clear message.

    The lock is an advisory lock on ``PATH.lock`` that the system releases when the process
    ends, so a killed run never leaves a stale lock behind.
    """
    lock_path = f"{path}.lock"
    handle = open(lock_path, "a+")  # noqa: SIM115 - held open for the whole run
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise StoreError(f"{path}: another dyads run is writing to it; wait for it to finish") from exc
        yield
    finally:
        handle.close()


class HeldStore:
    """A writer's store that stays open across batches and lets go of the file as soon as a
    reader (dyads serve, a query) asks for it, or after ``hold_seconds`` at the latest.

    Reopening is not free: the first statements after an open read the band keys and
    indexes back (about a second at 10,000 documents, growing with the store), so a run
    keeps the file while nobody else wants it. A reader that finds the file busy touches
    ``DB.wait`` (``open_store``); the writer sees it after its current batch.
    """

    def __init__(self, path: str | Path, hold_seconds: float, wait_seconds: float):
        self.path, self.hold_seconds, self.wait_seconds = path, hold_seconds, wait_seconds
        self._store: Store | None = None
        self._opened = 0.0

    @contextmanager
    def use(self):
        """The open store for one step; closed after the step when a reader waits or time is up."""
        if self._store is None:
            self._store = open_store(self.path, wait_seconds=self.wait_seconds,
                                     memory_limit_mb=WRITER_MEMORY_LIMIT_MB)
            self._opened = time.time()
        try:
            yield self._store
        except BaseException:
            self.close()
            raise
        if time.time() - self._opened >= self.hold_seconds or _reader_waiting(self.path, since=self._opened):
            self.close()

    def close(self) -> None:
        """Let go of the file."""
        if self._store is not None:
            self._store.close()
            self._store = None


def _wait_signal(path: str | Path) -> Path:
    return Path(f"{path}.wait")


def _reader_waiting(path: str | Path, since: float) -> bool:
    try:
        return _wait_signal(path).stat().st_mtime >= since
    except OSError:
        return False


def _signal_waiting(path: str | Path) -> None:
    try:
        _wait_signal(path).touch()
    except OSError:
        pass  # a read-only folder: the writer lets go after its hold time anyway


def open_store(path: str | Path | None = None, read_only: bool = False, wait_seconds: float = 0.0,
               memory_limit_mb: int | None = None) -> Store:
    """Open (creating or upgrading) a dyads database; ``None`` means ``$DYADS_DB`` or ./dyads.duckdb.

    ``wait_seconds``: how long to retry while a writer holds the file (readers beside a run);
    ``memory_limit_mb``: DuckDB's memory limit for this connection; a write that needs more
    raises it.
    """
    deadline = time.monotonic() + wait_seconds
    path = path or default_db_path()
    while True:
        try:
            return Store(path, read_only=read_only, memory_limit_mb=memory_limit_mb)
        except _OutdatedSchema:
            Store(path).close()  # migrations upgrade the file in place, then it opens read-only
        except StoreBusyError:
            if time.monotonic() >= deadline:
                raise
            _signal_waiting(path)
            time.sleep(0.05)
