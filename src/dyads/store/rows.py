"""Table rows of a processed batch, built without touching a database.

The same rows go straight into the store (``Store.write_rows``) or into Parquet shards
written by distributed workers and loaded later (``dyads.store.shards``), so a local run and
a Ray run store identical data.
"""

from __future__ import annotations

from dataclasses import asdict

from dyads.extract.neardup import fingerprint
from dyads.kb.base import KnowledgeBase
from dyads.types import Actor, Event, ProcessedDocument

#: Tables filled from processed documents, in the order they are written.
ROW_TABLES = ("documents", "doc_signatures", "doc_bands", "sentences", "mentions", "time_expressions",
              "events", "actors")
#: Tables without a key: their rows are appended (Store.write_rows keeps the rows of new documents only).
APPEND_ONLY_TABLES = frozenset({"doc_bands", "sentences", "mentions", "time_expressions", "events"})

BatchRows = dict[str, list[dict]]


def batch_rows(batch: list[ProcessedDocument], kb: KnowledgeBase) -> BatchRows:
    """The rows each store table receives for a batch of processed documents."""
    fingerprints = {p.document.doc_id: fingerprint(p.document.text) for p in batch}
    mentions = [
        {"doc_id": m.doc_id, "sentence_index": m.sentence_index, "start_char": m.start, "end_char": m.end,
         "surface": m.surface, "actor_id": m.actor_id, "code": m.code, "confidence": m.confidence,
         "kind": m.kind}
        for p in batch for m in p.mentions
    ]
    actor_ids = {m["actor_id"] for m in mentions}
    actors = [actor_row(kb.actors[a], provisional=False) for a in sorted(actor_ids) if a in kb.actors]
    actors += [actor_row(a, provisional=True) for p in batch for a in p.actors]
    return {
        "documents": [asdict(p.document) for p in batch],
        "doc_signatures": [{"doc_id": d, "signature": f.signature_bytes()} for d, f in fingerprints.items()],
        "doc_bands": [{"band_key": key, "doc_id": d} for d, f in fingerprints.items() for key in f.bands],
        "sentences": [
            {"doc_id": s.doc_id, "sentence_index": s.index, "start_char": s.start, "end_char": s.end,
             "text": s.text}
            for p in batch for s in p.sentences
        ],
        "mentions": mentions,
        "time_expressions": [
            {"doc_id": t.doc_id, "sentence_index": t.sentence_index, "start_char": t.start, "end_char": t.end,
             "text": t.text, "value": t.value, "precision": t.precision, "anchor": t.anchor}
            for p in batch for t in p.times
        ],
        "events": _unique_event_rows(batch),
        "actors": actors,
    }


def _unique_event_rows(batch: list[ProcessedDocument]) -> list[dict]:
    # The first row per event id: two readings of one clause may code the same event, and the
    # events table has no key to refuse the second.
    rows: dict[str, dict] = {}
    for processed in batch:
        for event in processed.events:
            if event.event_id not in rows:
                rows[event.event_id] = event_row(event)
    return list(rows.values())


def event_row(event: Event) -> dict:
    """An event as a row of the events table (location as a struct, spans as four columns)."""
    row = asdict(event)
    location = row.pop("location")
    row["location"] = {k: location[k] for k in ("name", "country", "lat", "lon")} if location else None
    source_span, target_span = row.pop("source_span"), row.pop("target_span")
    row["source_start"], row["source_end"] = source_span or (None, None)
    row["target_start"], row["target_end"] = target_span or (None, None)
    return row


def actor_row(actor: Actor, provisional: bool) -> dict:
    """An actor as a row of the actors table."""
    return {
        "actor_id": actor.actor_id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "codes": list(actor.codes),
        "aliases": list(actor.aliases),
        "wikidata": actor.wikidata,
        "roles": [asdict(r) for r in actor.roles],
        "lat": actor.lat,
        "lon": actor.lon,
        "provisional": provisional,
    }


def only_documents(rows: BatchRows, doc_ids: set[str]) -> BatchRows:
    """The rows of a batch that belong to these documents (actors are shared and kept)."""
    return {table: table_rows if table == "actors" else [r for r in table_rows if r["doc_id"] in doc_ids]
            for table, table_rows in rows.items()}


def merge_rows(parts: list[BatchRows]) -> BatchRows:
    """The rows of several batches as one, in order; a document in more than one batch keeps
    the rows of its first (the key-less tables must not get a document twice)."""
    merged: BatchRows = {table: [] for table in ROW_TABLES}
    taken: set[str] = set()
    for rows in parts:
        new = {r["doc_id"] for r in rows.get("documents", ())} - taken
        for table in ROW_TABLES:
            table_rows = rows.get(table, [])
            merged[table].extend(table_rows if table == "actors" else [r for r in table_rows if r["doc_id"] in new])
        taken |= new
    return merged
