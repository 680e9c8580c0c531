"""Full-text search: a BM25 index kept up to date batch by batch.

DuckDB's fts extension only builds its index over a whole table at once: every run would
rebuild it (26 s and 1.2 GB above the base at 100k articles, growing with the store), so
memory could not stay flat as the corpus grows. The index here is two plain tables filled
with each written batch inside the batch's transaction: ``search_items`` (one row per
article or event: its stemmer and length in terms) and ``search_terms`` (one row per
item and term, with the term's count). Tokens are runs of letters and digits in any
script, lower-cased without accents, stemmed with the Snowball stemmer of the article's
language (the fts extension's ``stem`` function; none where no stemmer exists). Scoring is
BM25 with the usual constants, computed at query time from the two tables.
"""

from __future__ import annotations

# Snowball stemmers of the fts extension by ISO 639-1 code; other languages are not stemmed.
STEMMERS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek", "en": "english",
    "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french", "ga": "irish", "hi": "hindi",
    "hu": "hungarian", "id": "indonesian", "it": "italian", "lt": "lithuanian", "ne": "nepali",
    "nl": "dutch", "no": "norwegian", "pt": "portuguese", "ro": "romanian", "ru": "russian",
    "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
}
BM25_K1 = 1.2
BM25_B = 0.75

_STEMMER_SQL = ("CASE d.language " + " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in STEMMERS.items())
                + " ELSE 'none' END")


def _tokens_sql(column: str) -> str:
    return rf"regexp_extract_all(lower(strip_accents({column})), '[\pL\pN]+')"


def _index_script(documents_filter: str) -> str:
    """A script adding the articles chosen by ``documents_filter`` (a condition on ``d``) and
    their events to the index."""
    sources = (
        f"""SELECT 'article' AS kind, d.doc_id AS item, {_STEMMER_SQL} AS stemmer,
                              {_tokens_sql("coalesce(d.title, '') || ' ' || d.text")} AS tokens
                       FROM documents d WHERE {documents_filter}""",
        f"""SELECT 'event' AS kind, e.event_id AS item, {_STEMMER_SQL} AS stemmer,
                            {_tokens_sql("e.sentence")} AS tokens
                     FROM events e JOIN documents d USING (doc_id) WHERE {documents_filter}""",
    )
    return "".join(f"""
            CREATE OR REPLACE TEMP TABLE search_batch AS {source};
            INSERT INTO search_items SELECT kind, item, stemmer, len(tokens) FROM search_batch;
            INSERT INTO search_terms
            SELECT kind, item, stem(token, stemmer) AS term, count(*)::INTEGER AS tf
            FROM (SELECT kind, item, stemmer, unnest(tokens) AS token FROM search_batch)
            GROUP BY kind, item, term;
            DROP TABLE search_batch;
        """ for source in sources)


# Indexes the articles listed in the temporary table search_new (doc_id), and their events;
# run inside the transaction that writes them.
INDEX_NEW_SQL = _index_script("d.doc_id IN (SELECT doc_id FROM search_new)")
# Indexes every stored article and event (a store written before the index existed).
INDEX_ALL_SQL = _index_script("true")


SEARCH_SCHEMA_SQL = """
    CREATE TABLE IF NOT EXISTS search_items (kind VARCHAR NOT NULL, item VARCHAR NOT NULL,
                                             stemmer VARCHAR NOT NULL, length INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS search_terms (kind VARCHAR NOT NULL, item VARCHAR NOT NULL,
                                             term VARCHAR NOT NULL, tf INTEGER NOT NULL);
"""

# Parameter $query: the query text. Every word of the query is stemmed with each stemmer in
# use and matched against items stemmed the same way; the score is BM25 over items of
# the same kind (articles, events).
SEARCH_SQL = f"""
    WITH words AS (SELECT DISTINCT unnest({_tokens_sql("$query")}) AS word),
    stemmers AS (SELECT DISTINCT stemmer FROM search_items),
    wanted AS (SELECT word, stemmer, stem(word, stemmer) AS term FROM words, stemmers),
    stats AS (SELECT kind, count(*) AS n, avg(length) AS mean_length FROM search_items GROUP BY kind),
    hits AS (
        SELECT t.kind, t.item, w.word, t.tf, i.length
        FROM search_terms t
        JOIN wanted w ON w.term = t.term
        JOIN search_items i ON i.kind = t.kind AND i.item = t.item AND i.stemmer = w.stemmer
        WHERE t.term IN (SELECT term FROM wanted)
    ),
    frequency AS (SELECT kind, word, count(*) AS df FROM hits GROUP BY kind, word)
    SELECT h.kind, h.item,
           sum(ln((s.n - f.df + 0.5) / (f.df + 0.5) + 1)
               * h.tf * ({BM25_K1} + 1)
               / (h.tf + {BM25_K1} * (1 - {BM25_B} + {BM25_B} * h.length / s.mean_length))) AS score
    FROM hits h JOIN frequency f USING (kind, word) JOIN stats s USING (kind)
    GROUP BY h.kind, h.item
"""
