"""Full-text search: the index is written with each batch, stems by language, ranks by BM25."""

from __future__ import annotations

import pytest

from dyads import open_store
from dyads.store import queries

FIRST_RUN = {
    "sanctions.txt": """Ministers debate new sanctions

The European Union imposed sanctions on Belarus on Monday. The sanctions target banks, and
further sanctions on oil exports were discussed by ministers in Brussels.
""",
    "harvest.txt": """Farmers expect a record harvest

Farmers in Ukraine expect a record wheat harvest this year, the agriculture ministry said,
although one official mentioned that a sanction on fertiliser imports could raise costs.
""",
    "ru.txt": """Москва ответила на новые меры

Министерство иностранных дел России заявило во вторник, что новые санкции Евросоюза против
Белоруссии незаконны и что Москва примет ответные меры в ближайшее время.
""",
}
SECOND_RUN = {
    "flood.txt": """Floods hit the north

Heavy floods forced thousands of families in northern Pakistan to leave their homes on Sunday,
and rescue teams from Turkey arrived by air to help the provincial authorities.
""",
}


@pytest.fixture()
def two_runs(tmp_path, pipeline_for):
    folder = tmp_path / "inputs"
    folder.mkdir()
    db = tmp_path / "search.duckdb"
    for articles in (FIRST_RUN, SECOND_RUN):
        for name, text in articles.items():
            (folder / name).write_text(text, encoding="utf-8")
        pipeline_for(db).run([folder])
    return db


def _articles(store, text):
    found = queries.search(store, text, limit=50)
    return found[found["kind"] == "article"]


def test_stems_rank_and_later_runs_are_searchable(two_runs):
    with open_store(two_runs, read_only=True) as store:
        ranked = _articles(store, "sanction")
        # "sanctions" (English stem) matches both articles; four mentions outrank one
        assert list(ranked["title"]) == ["Ministers debate new sanctions", "Farmers expect a record harvest"]
        assert ranked["score"].iloc[0] > ranked["score"].iloc[1] > 0
        # the Russian stemmer: "санкций" finds the article that says "санкции"
        assert list(_articles(store, "санкций")["title"]) == ["Москва ответила на новые меры"]
        # the second run's article is found with no rebuild, and nothing was indexed twice
        assert list(_articles(store, "floods")["title"]) == ["Floods hit the north"]
        items = store.con.execute("SELECT kind, count(*), count(DISTINCT item) FROM search_items "
                                  "GROUP BY kind ORDER BY kind").fetchall()
        events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        assert items[0] == ("article", 4, 4)
        assert items[1] == ("event", events, events) and events > 0
        assert _articles(store, "zeppelin").empty


def test_rerun_adds_nothing_to_the_index(two_runs, pipeline_for):
    with open_store(two_runs, read_only=True) as store:
        before = store.con.execute("SELECT count(*) FROM search_terms").fetchone()[0]
    pipeline_for(two_runs).run([two_runs.parent / "inputs"])
    with open_store(two_runs, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM search_terms").fetchone()[0] == before


def test_a_store_from_before_the_index_is_indexed_on_upgrade(two_runs):
    with open_store(two_runs, read_only=True) as store:
        expected = queries.search(store, "sanctions rescue", limit=50)
    with open_store(two_runs) as store:
        store.con.execute("DROP TABLE search_items; DROP TABLE search_terms")
        # schema 5 brought the index; the upgrade from 4 runs every later migration too
        store.con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    with open_store(two_runs, read_only=True) as store:
        upgraded = queries.search(store, "sanctions rescue", limit=50)
    assert len(upgraded) == len(expected) > 2
    assert list(upgraded["id"]) == list(expected["id"])
