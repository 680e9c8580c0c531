"""The DuckDB schema, versioned; ``migrate`` brings an older file up to date in place."""

from __future__ import annotations

from dyads.store.search import INDEX_ALL_SQL, SEARCH_SCHEMA_SQL

SCHEMA_VERSION = 8

# Sentences and events carry no key index: a batch writes the rows of new documents only
# (Store.write_rows), which keeps them unique, while a key index (DuckDB's ART) grows with the
# store and must be in memory for every insert (60 MB at 100,000 articles in a run).
SENTENCE_COLUMNS = """
        doc_id VARCHAR NOT NULL,
        sentence_index INTEGER NOT NULL,
        start_char INTEGER NOT NULL,
        end_char INTEGER NOT NULL,
        text VARCHAR NOT NULL
"""
EVENT_COLUMNS = """
        event_id VARCHAR NOT NULL,
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
"""
# EVENT_COLUMNS are the events table of schema 6 (migration 6 copies an older table into them, column by
# column); later columns are added by their own migrations (7: method, 8: language).
_EVENT_NAMES = ", ".join(line.split()[0] for line in EVENT_COLUMNS.strip().splitlines())


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
        content_hash VARCHAR NOT NULL,
        method VARCHAR,
        duplicate_of VARCHAR,
        ingested_at TIMESTAMP DEFAULT current_timestamp
    );
    CREATE TABLE IF NOT EXISTS doc_signatures (doc_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS doc_bands (band_key BIGINT NOT NULL, doc_id VARCHAR NOT NULL);
    CREATE INDEX IF NOT EXISTS doc_bands_key ON doc_bands (band_key);
    CREATE TABLE IF NOT EXISTS sentences (""" + SENTENCE_COLUMNS + """);
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
    CREATE TABLE IF NOT EXISTS events (""" + EVENT_COLUMNS + """);
    """,
    # 2: reports of the same event fused (same source and target actor, event code and mode,
    # day-precision dates at most a day apart); counts of mentions, sources and distinct
    # articles (near-duplicates once).
    """
    CREATE TABLE IF NOT EXISTS gdelt_events (
        GlobalEventID BIGINT, Day INTEGER, Actor1Code VARCHAR, Actor1Name VARCHAR, Actor2Code VARCHAR,
        Actor2Name VARCHAR, EventCode VARCHAR, EventRootCode VARCHAR, QuadClass INTEGER, GoldsteinScale DOUBLE,
        NumMentions INTEGER, NumSources INTEGER, NumArticles INTEGER, ActionGeo_FullName VARCHAR,
        ActionGeo_Lat DOUBLE, ActionGeo_Long DOUBLE, SOURCEURL VARCHAR, imported_from VARCHAR
    );
    CREATE OR REPLACE VIEW fused_events AS
    WITH counted AS (
        SELECT e.*, coalesce(d.duplicate_of, d.doc_id) AS article, d.url, d.source AS article_source,
               TRY_CAST(e.date AS DATE) AS day
        FROM events e JOIN documents d USING (doc_id)
    ),
    breaks AS (
        SELECT *, CASE WHEN day IS NULL THEN 0
                       WHEN lag(day) OVER w IS NULL OR day - lag(day) OVER w > 1 THEN 1 ELSE 0 END AS new_group
        FROM counted
        WINDOW w AS (PARTITION BY coalesce(source_actor_id, source_code, ''),
                                  coalesce(target_actor_id, target_code, ''), cameo, mode, day IS NULL
                     ORDER BY day, event_id)
    ),
    grouped AS (
        SELECT *, CASE WHEN day IS NULL THEN coalesce(date, '') ELSE CAST(sum(new_group) OVER (
                       PARTITION BY coalesce(source_actor_id, source_code, ''), coalesce(target_actor_id,
                       target_code, ''), cameo, mode, day IS NULL
                       ORDER BY day, event_id ROWS UNBOUNDED PRECEDING) AS VARCHAR) END AS group_key
        FROM breaks
    )
    SELECT md5(concat_ws('|', coalesce(source_actor_id, source_code, ''), coalesce(target_actor_id, target_code,
               ''), cameo, mode, group_key))[:16] AS fused_id,
           source_actor_id, target_actor_id, source_code, target_code, cameo, mode, any_value(root) AS root,
           any_value(quad_class) AS quad_class,
           any_value(goldstein) AS goldstein, any_value(plover) AS plover, min(date) AS date,
           any_value(date_precision) AS date_precision,
           count(*) AS num_mentions,
           count(DISTINCT coalesce(regexp_extract(url, '^[a-z]+://([^/]+)', 1), article_source)) AS num_sources,
           count(DISTINCT article) AS num_articles,
           list(event_id ORDER BY event_id) AS event_ids,
           arg_min(event_id, event_id) AS first_event_id
    FROM grouped
    GROUP BY source_actor_id, target_actor_id, source_code, target_code, cameo, mode, group_key;
    """,
    # 3: the user's own knowledge-base records (dyads kb import), kept with the data they code
    """
    CREATE TABLE IF NOT EXISTS kb_extra (actor_id VARCHAR PRIMARY KEY, record VARCHAR NOT NULL,
                                         imported_from VARCHAR, imported_at TIMESTAMP DEFAULT current_timestamp);
    """,
    # 4: relational views: one row per dated role, and one row per report of a fused event
    """
    CREATE OR REPLACE VIEW roles AS
    SELECT a.actor_id, a.name, r.title, r.country, r.sector, r."start", r."end"
    FROM actors a, unnest(a.roles) AS u(r);
    CREATE OR REPLACE VIEW event_mentions AS
    SELECT f.fused_id, e.event_id, e.doc_id, e.sentence_index, s.start_char, s.end_char, e.sentence
    FROM fused_events f, unnest(f.event_ids) AS u(event_id)
    JOIN events e ON e.event_id = u.event_id
    JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence_index = e.sentence_index;
    """,
    # 5: the full-text index kept batch by batch (store/search.py) replaces the fts extension's
    # whole-table index, which every run rebuilt; the band-key index goes (near-duplicate
    # candidates come from a columnar scan, and at 100k articles the index held 110 MB of
    # memory in a run and slowed each batch's insert)
    """
    DROP SCHEMA IF EXISTS fts_main_documents CASCADE;
    DROP SCHEMA IF EXISTS fts_main_events CASCADE;
    DROP INDEX IF EXISTS doc_bands_key;
    """ + SEARCH_SCHEMA_SQL + INDEX_ALL_SQL,
    # 6: sentences and events lose their key indexes (see SENTENCE_COLUMNS): the tables are
    # copied into key-less ones (DuckDB cannot drop a key constraint)
    """
    CREATE TABLE sentences_v6 (""" + SENTENCE_COLUMNS + """);
    INSERT INTO sentences_v6 SELECT * FROM sentences;
    DROP TABLE sentences;
    ALTER TABLE sentences_v6 RENAME TO sentences;
    CREATE TABLE events_v6 (""" + EVENT_COLUMNS + """);
    INSERT INTO events_v6 SELECT """ + _EVENT_NAMES + """ FROM events;
    DROP TABLE events;
    ALTER TABLE events_v6 RENAME TO events;
    """,
    # 7: how each event was coded: "parsed" (over a dependency parse) or "shallow" (from word order, for
    # languages without a parser here); events stored before were all parsed
    """
    ALTER TABLE events ADD COLUMN IF NOT EXISTS method VARCHAR;
    UPDATE events SET method = 'parsed' WHERE method IS NULL;
    """,
    # 8: every event carries its document's language (ISO 639-1), filled in for stored events
    """
    ALTER TABLE events ADD COLUMN IF NOT EXISTS language VARCHAR;
    UPDATE events SET language = d.language FROM documents d WHERE d.doc_id = events.doc_id;
    """,
]
