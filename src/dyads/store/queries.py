"""Read queries over a store: dyad series, event lists, actor timelines, search, read-only SQL.

Actor filters are resolved by the caller (``dyads.analysis``) into ``ActorFilter``
values; here they become parameterised SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dyads.store.duck import Store, StoreError
from dyads.store.search import SEARCH_SQL
from dyads.types import UNCOUNTED_MODES

PERIODS = {"day": "day", "week": "week", "month": "month", "year": "year"}


@dataclass(frozen=True)
class ActorFilter:
    """Which events an actor argument selects: by actor ids or by CAMEO code prefixes."""

    label: str
    actor_ids: tuple[str, ...] = ()
    code_prefixes: tuple[str, ...] = ()

    def sql(self, side: str) -> tuple[str, list]:
        """A WHERE fragment for ``side`` ('source' or 'target') and its parameters."""
        parts, params = [], []
        if self.actor_ids:
            parts.append(f"{side}_actor_id IN (SELECT unnest(?))")
            params.append(list(self.actor_ids))
        for prefix in self.code_prefixes:
            parts.append(f"starts_with({side}_code, ?)")
            params.append(prefix)
        return ("(" + " OR ".join(parts) + ")" if parts else "false"), params


@dataclass
class EventQuery:
    """Filters for an event listing."""

    source: ActorFilter | None = None
    target: ActorFilter | None = None
    code: str | None = None
    since: str | None = None
    until: str | None = None
    modes: tuple[str, ...] | None = None  # None: every mode but negated and hypothetical
    languages: tuple[str, ...] | None = None  # ISO 639-1 codes of the documents; None: every language
    limit: int | None = 100


def _mode_clause(modes: tuple[str, ...] | None) -> tuple[str, list]:
    if modes is None:
        return "NOT list_contains(?, e.mode)", [sorted(UNCOUNTED_MODES)]
    return "list_contains(?, e.mode)", [list(modes)]


def _date_clauses(since: str | None, until: str | None) -> tuple[list[str], list]:
    clauses, params = ["e.date IS NOT NULL"], []
    if since:
        clauses.append("e.date >= ?")
        params.append(since)
    if until:
        # a partial date (2024-05) sorts before its days; compare on the same length
        clauses.append("left(e.date, length(?)) <= ?")
        params += [until, until]
    return clauses, params


def _frame(store: Store, sql: str, params: list | dict) -> pd.DataFrame:
    return store.con.execute(sql, params).df()


def dyad_series(store: Store, a: ActorFilter, b: ActorFilter, by: str = "month", since: str | None = None,
                until: str | None = None, modes: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Events between A and B per period and direction: counts by QuadClass, Goldstein sum and mean.

    Counts fused events (one event however many articles report it; near-duplicate articles
    once). Events whose date is coarser than the period (a year-only date in a monthly
    series) or a range are left out.
    """
    if by not in PERIODS:
        raise StoreError(f"unknown period {by!r}; choose day, week, month or year")
    a_src, a_src_p = a.sql("e.source")
    b_tgt, b_tgt_p = b.sql("e.target")
    b_src, b_src_p = b.sql("e.source")
    a_tgt, a_tgt_p = a.sql("e.target")
    mode_sql, mode_p = _mode_clause(modes)
    date_sql, date_p = _date_clauses(since, until)
    min_length = {"day": 10, "week": 10, "month": 7, "year": 4}[by]
    sql = f"""
        WITH picked AS (
            SELECT CASE WHEN {a_src} AND {b_tgt} THEN ? ELSE ? END AS direction,
                   date_trunc('{PERIODS[by]}', TRY_CAST(rpad(e.date[:10], 10, '-01') AS DATE)) AS period,
                   e.quad_class, e.goldstein
            FROM fused_events e
            WHERE (({a_src} AND {b_tgt}) OR ({b_src} AND {a_tgt}))
              AND {mode_sql} AND length(e.date) >= {min_length} AND coalesce(e.date_precision, '') <> 'range'
              AND TRY_CAST(rpad(e.date[:10], 10, '-01') AS DATE) IS NOT NULL
              AND {' AND '.join(date_sql)}
        )
        SELECT period, direction, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(sum(goldstein), 2) AS goldstein_sum, round(avg(goldstein), 2) AS goldstein_mean
        FROM picked GROUP BY period, direction ORDER BY period, direction
    """
    a_to_b, b_to_a = f"{a.label} -> {b.label}", f"{b.label} -> {a.label}"
    params = (a_src_p + b_tgt_p + [a_to_b, b_to_a] + a_src_p + b_tgt_p + b_src_p + a_tgt_p + mode_p + date_p)
    return _frame(store, sql, params)


def list_events(store: Store, query: EventQuery) -> pd.DataFrame:
    """Events matching the filters, newest first, with evidence and source article."""
    clauses, params = [], []
    for side, actor in (("e.source", query.source), ("e.target", query.target)):
        if actor is not None:
            fragment, fragment_params = actor.sql(side)
            clauses.append(fragment)
            params += fragment_params
    if query.code:
        clauses.append("starts_with(e.cameo, ?)")
        params.append(query.code)
    mode_sql, mode_p = _mode_clause(query.modes)
    clauses.append(mode_sql)
    params += mode_p
    if query.languages is not None:
        clauses.append("list_contains(?, e.language)")
        params.append(list(query.languages))
    if query.since or query.until:
        date_sql, date_p = _date_clauses(query.since, query.until)
        clauses += date_sql
        params += date_p
    limit = f"LIMIT {int(query.limit)}" if query.limit else ""
    sql = f"""
        SELECT e.event_id, e.date, e.source_code, sa.name AS source_name, e.cameo, e.target_code,
               ta.name AS target_name, e.quad_class, e.goldstein, e.mode, e.confidence, e.sentence,
               e.language, d.title, d.source AS article, e.doc_id
        FROM events e JOIN documents d USING (doc_id)
        LEFT JOIN actors sa ON sa.actor_id = e.source_actor_id
        LEFT JOIN actors ta ON ta.actor_id = e.target_actor_id
        WHERE {' AND '.join(clauses)}
        ORDER BY e.date DESC NULLS LAST, e.event_id {limit}
    """
    return _frame(store, sql, params)


def event_languages(store: Store) -> pd.DataFrame:
    """The languages of the stored events with their counts, most events first."""
    return _frame(store, """
        SELECT language, count(*) AS events FROM events WHERE language IS NOT NULL
        GROUP BY language ORDER BY events DESC, language
    """, [])


def actor_partners(store: Store, actor: ActorFilter, limit: int = 10) -> pd.DataFrame:
    """The actor's most frequent counterparts (either direction) with mean Goldstein."""
    src, src_p = actor.sql("e.source")
    tgt, tgt_p = actor.sql("e.target")
    sql = f"""
        SELECT CASE WHEN {src} THEN e.target_code ELSE e.source_code END AS partner,
               count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean
        FROM events e JOIN documents d USING (doc_id)
        WHERE ({src} OR {tgt}) AND NOT list_contains(?, e.mode) AND d.duplicate_of IS NULL
        GROUP BY partner HAVING partner IS NOT NULL ORDER BY events DESC, partner LIMIT ?
    """
    return _frame(store, sql, src_p + src_p + tgt_p + [sorted(UNCOUNTED_MODES), limit])


def stored_actor_ids(store: Store, ids: list[str]) -> set[str]:
    """Which of these actor ids the store knows."""
    rows = store.con.execute("SELECT actor_id FROM actors WHERE actor_id IN (SELECT unnest(?))", [ids]).fetchall()
    return {r[0] for r in rows}


def search(store: Store, text: str, limit: int = 20) -> pd.DataFrame:
    """Full-text search (BM25) over article bodies and evidence sentences, best first."""
    store.load_search()
    sql = f"""
        WITH scored AS ({SEARCH_SQL})
        SELECT * FROM (
            SELECT 'article' AS kind, d.doc_id AS id, d.title AS title, left(d.text, 200) AS snippet, s.score
            FROM scored s JOIN documents d ON s.kind = 'article' AND d.doc_id = s.item
            UNION ALL
            SELECT 'event' AS kind, e.event_id AS id, e.cameo || ' ' || coalesce(e.source_code, '') || ' -> '
                   || coalesce(e.target_code, '') AS title, e.sentence AS snippet, s.score
            FROM scored s JOIN events e ON s.kind = 'event' AND e.event_id = s.item
        ) ORDER BY score DESC, id LIMIT $limit
    """
    return _frame(store, sql, {"query": text, "limit": limit})


def read_only_sql(store: Store, query: str) -> pd.DataFrame:
    """Run a user's query on a read-only connection."""
    if not store.read_only:
        raise StoreError("refusing to run user SQL on a writable connection")
    store.load_search()  # the user's query may stem words as the search index does
    try:
        return store.con.execute(query).df()
    except Exception as exc:  # duckdb raises many error types; the user wants the message
        raise StoreError(f"query failed: {str(exc).splitlines()[0]}") from exc


def gdelt_dyad_series(store: Store, a_codes: tuple[str, ...], b_codes: tuple[str, ...], by: str = "month",
                      since: str | None = None, until: str | None = None) -> pd.DataFrame:
    """The same series as ``dyad_series`` over imported GDELT events, selected by actor code prefixes."""
    if by not in PERIODS:
        raise StoreError(f"unknown period {by!r}; choose day, week, month or year")

    def side(column: str, codes: tuple[str, ...]) -> tuple[str, list]:
        return "(" + " OR ".join(f"starts_with({column}, ?)" for _ in codes) + ")", list(codes)

    a1, a1p = side("Actor1Code", a_codes)
    b2, b2p = side("Actor2Code", b_codes)
    b1, b1p = side("Actor1Code", b_codes)
    a2, a2p = side("Actor2Code", a_codes)
    clauses, params = [], []
    if since:
        clauses.append("strptime(CAST(Day AS VARCHAR), '%Y%m%d') >= CAST(? AS DATE)")
        params.append(since[:10] if len(since) >= 10 else (since + "-01-01")[:10])
    if until:
        clauses.append("strptime(CAST(Day AS VARCHAR), '%Y%m%d') <= CAST(? AS DATE)")
        params.append(until[:10] if len(until) >= 10 else (until + "-12-31")[:10])
    sql = f"""
        SELECT date_trunc('{PERIODS[by]}', strptime(CAST(Day AS VARCHAR), '%Y%m%d')) AS period,
               CASE WHEN {a1} AND {b2} THEN ? ELSE ? END AS direction, count(*) AS events,
               count(*) FILTER (WHERE QuadClass = 1) AS verbal_cooperation,
               count(*) FILTER (WHERE QuadClass = 2) AS material_cooperation,
               count(*) FILTER (WHERE QuadClass = 3) AS verbal_conflict,
               count(*) FILTER (WHERE QuadClass = 4) AS material_conflict,
               round(sum(GoldsteinScale), 2) AS goldstein_sum, round(avg(GoldsteinScale), 2) AS goldstein_mean
        FROM gdelt_events
        WHERE (({a1} AND {b2}) OR ({b1} AND {a2})) {''.join(' AND ' + c for c in clauses)}
        GROUP BY ALL ORDER BY period, direction
    """
    labels = [f"{a_codes[0]} -> {b_codes[0]}", f"{b_codes[0]} -> {a_codes[0]}"]
    return _frame(store, sql, a1p + b2p + labels + a1p + b2p + b1p + a2p + params)


def event_detail(store: Store, event_id: str) -> dict | None:
    """One event with its article, the evidence span in the article, and the other reports of it."""
    row = store.con.execute(
        """
        SELECT e.*, sa.name AS source_name, ta.name AS target_name, d.title, d.text, d.source AS article_source,
               d.url, d.published, s.start_char AS sentence_start, s.end_char AS sentence_end
        FROM events e JOIN documents d USING (doc_id)
        JOIN sentences s ON s.doc_id = e.doc_id AND s.sentence_index = e.sentence_index
        LEFT JOIN actors sa ON sa.actor_id = e.source_actor_id
        LEFT JOIN actors ta ON ta.actor_id = e.target_actor_id
        WHERE e.event_id = ?
        """,
        [event_id],
    ).fetchone()
    if row is None:
        return None
    names = [c[0] for c in store.con.description]
    event = dict(zip(names, row, strict=True))
    event["other_reports"] = _frame(store, """
        SELECT e.event_id, d.title, d.source AS article_source, d.url, d.published, e.sentence
        FROM fused_events f, unnest(f.event_ids) AS u(event_id)
        JOIN events e ON e.event_id = u.event_id JOIN documents d ON d.doc_id = e.doc_id
        WHERE list_contains(f.event_ids, ?) AND e.event_id <> ?
        ORDER BY d.published NULLS LAST
    """, [event_id, event_id]).to_dict("records")
    return event


def top_dyad_months(store: Store, limit: int = 10) -> pd.DataFrame:
    """Most active country dyads (either direction) with their monthly event counts, for sparklines.

    ``monthly`` holds one count per month from the dyad's first dated month to its last, months
    without events as 0 (so the line's x axis is time); ``months`` names them (2024-05). Both are
    empty for a dyad whose events have no month (undated, year-only, ranges).
    """
    return _frame(store, """
        WITH dyads AS (
            SELECT least(source_code[:3], target_code[:3]) AS a, greatest(source_code[:3], target_code[:3]) AS b,
                   date, goldstein
            FROM fused_events
            WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND source_code[:3] <> target_code[:3]
              AND mode NOT IN ('negated', 'hypothetical')
        ), top AS (
            SELECT a, b, count(*) AS events, round(avg(goldstein), 2) AS goldstein_mean
            FROM dyads GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?
        ), counted AS (
            SELECT a, b, TRY_CAST(date[:7] || '-01' AS DATE) AS month, count(*) AS count
            FROM dyads JOIN top USING (a, b)
            WHERE TRY_CAST(date[:7] || '-01' AS DATE) IS NOT NULL GROUP BY ALL
        ), spans AS (
            SELECT a, b, unnest(generate_series(min(month), max(month), INTERVAL 1 MONTH)) AS month
            FROM counted GROUP BY a, b
        ), filled AS (
            SELECT s.a, s.b, strftime(s.month, '%Y-%m') AS month, coalesce(c.count, 0) AS count
            FROM spans s LEFT JOIN counted c ON c.a = s.a AND c.b = s.b AND c.month = CAST(s.month AS DATE)
        )
        SELECT top.a, top.b, top.events, top.goldstein_mean,
               coalesce(list(f.count ORDER BY f.month) FILTER (WHERE f.month IS NOT NULL), []) AS monthly,
               coalesce(list(f.month ORDER BY f.month) FILTER (WHERE f.month IS NOT NULL), []) AS months
        FROM top LEFT JOIN filled f USING (a, b)
        GROUP BY top.a, top.b, top.events, top.goldstein_mean ORDER BY top.events DESC, top.a, top.b
    """, [limit])
