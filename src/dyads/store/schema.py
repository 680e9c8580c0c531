"""The DuckDB schema, versioned; ``migrate`` brings an older file up to date in place."""

from __future__ import annotations

SCHEMA_VERSION = 1

# Each entry upgrades from version N-1 to N; entry 0 creates version 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
    CREATE TABLE IF NOT EXISTS documents (
        doc_id VARCHAR PRIMARY KEY,
        external_id VARCHAR,
        source VARCHAR NOT NULL,
        url VARCHAR,
        title VARCHAR,
        authors VARCHAR[],
        published VARCHAR,
        published_precision VARCHAR,
        site_date VARCHAR,
        language VARCHAR,
        text VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL UNIQUE,
        method VARCHAR,
        duplicate_of VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE IF NOT EXISTS doc_signatures (doc_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS doc_bands (band_key BIGINT NOT NULL, doc_id VARCHAR NOT NULL);
    CREATE INDEX IF NOT EXISTS doc_bands_key ON doc_bands (band_key);
    CREATE TABLE IF NOT EXISTS sentences (
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (doc_id, sentence_index)
    );
    CREATE TABLE IF NOT EXISTS actors (
        actor_id VARCHAR PRIMARY KEY,
        name VARCHAR NOT NULL,
        type VARCHAR NOT NULL,
        country VARCHAR,
        codes VARCHAR[],
        aliases VARCHAR[],
        wikidata VARCHAR,
        roles STRUCT(title VARCHAR, country VARCHAR, sector VARCHAR, "start" VARCHAR, "end" VARCHAR)[],
        lat DOUBLE,
        lon DOUBLE,
        provisional BOOLEAN DEFAULT false
    );
    CREATE TABLE IF NOT EXISTS mentions (
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        surface VARCHAR NOT NULL,
        actor_id VARCHAR NOT NULL,
        code VARCHAR,
        confidence DOUBLE,
        kind VARCHAR
    );
    CREATE TABLE IF NOT EXISTS time_expressions (
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        value VARCHAR,
        precision VARCHAR,
        anchor VARCHAR
    );
    CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY,
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence VARCHAR NOT NULL,
        date VARCHAR,
        date_precision VARCHAR,
        date_source VARCHAR,
        time_text VARCHAR,
        source_actor_id VARCHAR,
        source_code VARCHAR,
        target_actor_id VARCHAR,
        target_code VARCHAR,
        cameo VARCHAR NOT NULL,
        root VARCHAR NOT NULL,
        quad_class INTEGER NOT NULL,
        goldstein DOUBLE NOT NULL,
        plover VARCHAR,
        mode VARCHAR NOT NULL,
        location STRUCT(name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE),
        confidence DOUBLE,
        predicate VARCHAR,
        source_start INTEGER,
        source_end INTEGER,
        target_start INTEGER,
        target_end INTEGER
    );
    """,
]
