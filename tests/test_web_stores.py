"""Every page and API route of the explorer answers (no 5xx) on any store a run can produce.

Stores are built through the public write paths: a pipeline run over articles, or
``Store.write_batch`` with processed documents (for shapes a run produces rarely but may:
only undated events, only one-sided events, a dyad with gaps of several months). A
property test writes small random stores the same way and walks every route.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.store import open_store
from dyads.types import Document, Event, Location, Mention, ProcessedDocument, Sentence
from dyads.web import create_app

SEARCH_PROBES = ("Iran", "\"*-", "'; DROP TABLE events; --", "Тегеран طهران ÿ", "a" * 200)


# -- building stores through the write path ------------------------------------------------------

def _document(doc_id: str, sentences: list[str], title: str | None, published: str | None) -> Document:
    text = " ".join(sentences)
    return Document(doc_id=doc_id, source=f"test/{doc_id}", text=text,
                    content_hash=hashlib.sha256(text.encode()).hexdigest(), title=title, published=published,
                    published_precision=None if published is None else ("day" if len(published) == 10 else
                                                                          "month" if len(published) == 7
                                                                          else "year"))


def _sentences(doc_id: str, texts: list[str]) -> list[Sentence]:
    out, start = [], 0
    for index, text in enumerate(texts):
        out.append(Sentence(doc_id, index, start, start + len(text), text))
        start += len(text) + 1
    return out


def _event(doc_id: str, index: int, sentence: str, source: str | None, target: str | None, date: str | None,
           cameo: str = "042", mode: str = "asserted", n: int = 0) -> Event:
    precision = None if date is None else ("range" if "/" in date else "day" if len(date) == 10 else
                                           "month" if len(date) == 7 else "year")
    return Event(event_id=f"{doc_id}-{index}-{n}", doc_id=doc_id, sentence_index=index, sentence=sentence,
                 source_actor_id=source, source_code=source, target_actor_id=target, target_code=target,
                 cameo=cameo, root=cameo[:2], quad_class=1 if cameo < "06" else 4,
                 goldstein=1.9 if cameo < "06" else -9.5, plover="CONSULT", mode=mode, confidence=0.8,
                 predicate="meet", date=date, date_precision=precision,
                 date_source="unknown" if date is None else "sentence",
                 location=Location("Tehran", "IRN", 35.7, 51.4) if n % 2 else None)


def _processed(doc_id: str, rows: list[tuple[str | None, str | None, str | None]], title: str | None = "A title",
               published: str | None = None, cameo: str = "042", mode: str = "asserted") -> ProcessedDocument:
    """One document with a sentence and an event per (source, target, date) row."""
    texts = [f"{s or 'Someone'} met {t or 'someone'} in the capital, officials said ({i})." for i, (s, t, _) in
             enumerate(rows)] or ["Nothing happened here worth coding, officials said."]
    document = _document(doc_id, texts, title, published)
    sentences = _sentences(doc_id, texts)
    events, mentions = [], []
    for i, (source, target, date) in enumerate(rows):
        events.append(_event(doc_id, i, texts[i], source, target, date, cameo, mode, n=i))
        for actor in (source, target):
            if actor is not None:
                mentions.append(Mention(doc_id, i, sentences[i].start, sentences[i].start + 3, actor, actor, actor,
                                        0.9))
    return ProcessedDocument(document, sentences, mentions, [], events, [])


def _write(db: Path, batch: list[ProcessedDocument], kb) -> Path:
    with open_store(db) as store:
        store.write_batch(batch, kb)
    return db


# -- walking every route ---------------------------------------------------------------------------

def walk(client: TestClient, light: bool = False) -> dict[str, int]:
    """Request every page and API route (with the store's own dyads, actors, events); status per path.

    ``light`` asks fewer variants of each route (for the property test's many stores).
    """
    statuses: dict[str, int] = {}

    def get(path: str):
        response = client.get(path)
        statuses[path] = response.status_code
        return response

    for path in ("/", "/api/summary", "/api/summary?limit=100", "/openapi.json", "/static/app.css",
                 "/static/app.js", "/search", "/search?q=", "/api/events", "/api/events?limit=1000",
                 "/api/events?since=2024&until=2024-05", "/api/events?since=zzz&until=0",
                 "/dyad?a=Russia&b=Iran", "/api/dyad?a=Russia&b=Iran&since=garbage&until=-1",
                 "/event/nonexistent", "/api/event/nonexistent", "/actor/Nobody%20Atall", "/events",
                 "/events?language=ar&language=en&source=&code=", "/events?language=%3Cx%3E", "/api/languages",
                 "/api/events?language=ru,ar", "/api/events?language=zz%20zz"):
        get(path)
    for probe in SEARCH_PROBES[:2] if light else SEARCH_PROBES:
        get(f"/search?q={quote(probe)}")
        get(f"/api/search?q={quote(probe)}")
    summary = client.get("/api/summary").json()
    pairs = {(d["a"], d["b"]) for d in summary.get("dyads", [])} | {("RUS", "IRN")}
    events = client.get("/api/events?limit=1000").json().get("events", [])
    actors = {e[k] for e in events for k in ("source_code", "target_code") if e.get(k)}
    for a, b in sorted(pairs):
        for by in ("day", "week", "month", "year"):
            get(f"/api/dyad?a={quote(a)}&b={quote(b)}&by={by}")
        for by in ("week", "bogus") if light else ("day", "week", "month", "year", "bogus"):
            get(f"/dyad?a={quote(a)}&b={quote(b)}&by={by}")
        get(f"/api/events?source={quote(a)}&target={quote(b)}&either=true")
    for actor in sorted(actors)[:4 if light else 12]:
        get(f"/actor/{quote(actor)}")
        get(f"/api/actor/{quote(actor)}")
    for event in events[:4 if light else 25]:
        get(f"/event/{quote(event['event_id'])}")
        get(f"/api/event/{quote(event['event_id'])}")
    return statuses


def assert_no_server_error(statuses: dict[str, int]) -> None:
    failed = {path: code for path, code in statuses.items() if code >= 500}
    assert not failed, failed


@pytest.fixture(scope="module")
def kb(loaded_pipeline):
    return loaded_pipeline._part("kb")


def _client(db: Path, kb) -> TestClient:
    return TestClient(create_app(db, kb=kb), raise_server_exceptions=False)


# -- stores a run produces -------------------------------------------------------------------------

def test_empty_store(tmp_path, kb):
    db = _write(tmp_path / "empty.duckdb", [], kb)
    client = _client(db, kb)
    assert_no_server_error(walk(client))
    assert client.get("/api/summary").json()["counts"]["documents"] == 0


def test_samples_store(store_from_articles, samples_dir, kb):
    articles = {p.name: p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))}
    assert_no_server_error(walk(_client(store_from_articles(articles), kb)))


def test_samples_and_one_jsonl_article(tmp_path, samples_dir, pipeline_for, kb):
    """The issue's reproduction: the samples plus one JSONL article, run as a user would."""
    import json

    folder = tmp_path / "in"
    shutil.copytree(samples_dir, folder)
    (folder / "one.jsonl").write_text(json.dumps({"text": "Russia sent aid to Iran on Monday, officials said. "
                                                          "Iran thanked Russia.", "published": "2024-05-21"}) + "\n",
                                      encoding="utf-8")
    db = tmp_path / "store.duckdb"
    pipeline_for(db).run([folder])
    assert_no_server_error(walk(_client(db, kb)))


def test_one_article(store_from_articles, kb):
    db = store_from_articles({"one.txt": "Russia sends aid to Iran\n\nPublished on March 14, 2023\n\n"
                                         "Russia sent rescue teams to Iran on Monday after the earthquake, "
                                         "officials said.\n"})
    client = _client(db, kb)
    assert_no_server_error(walk(client))
    assert client.get("/").status_code == 200


def test_non_latin_titles_and_very_long_sentences(store_from_articles, kb):
    long_sentence = "Russia sent aid to Iran on Monday, " + ", ".join(f"and item {i} of the list" for i in range(600))
    db = store_from_articles({
        "ru.txt": "Россия и Иран подписали соглашение\n\nPublished on May 2, 2024\n\n"
                  "Russia and Iran signed a trade agreement on Monday, officials said.\n",
        "ar.txt": "روسيا وإيران توقعان اتفاقية\n\nPublished on May 3, 2024\n\n"
                  "Iran condemned Israel on Tuesday, the foreign ministry said.\n",
        "zh.txt": "俄罗斯与伊朗签署协议\n\nPublished on May 4, 2024\n\n"
                  "China met Iran in Beijing on Wednesday, officials said.\n",
        "long.txt": "A very long sentence\n\nPublished on May 5, 2024\n\n" + long_sentence + ".\n",
        # text handed over as text with markup-like strings: kept, and shown escaped
        "markup.txt": "Iran <script>alert(1)</script> and Russia signed a trade agreement on Monday, officials "
                      "said. <img src=x onerror=alert(2)>\n",
    })
    client = _client(db, kb)
    assert_no_server_error(walk(client))
    marked = [e for e in client.get("/api/events?limit=1000").json()["events"] if "alert(1)" in e["sentence"]]
    assert marked, "the article with markup-like strings was dropped"
    page = client.get(f"/event/{marked[0]['event_id']}").text
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    results = client.get("/search", params={"q": "trade agreement"}).text
    assert "<script>alert" not in results


def test_only_undated_events(tmp_path, kb):
    batch = [_processed(f"d{i}", [("RUS", "IRN", None), ("IRN", "RUS", None)]) for i in range(3)]
    client = _client(_write(tmp_path / "undated.duckdb", batch, kb), kb)
    assert_no_server_error(walk(client))
    dyad = client.get("/api/summary").json()["dyads"][0]
    assert dyad["monthly"] == [] and dyad["months"] == [] and dyad["events"] >= 2
    assert client.get("/").status_code == 200


def test_only_one_sided_events(tmp_path, kb):
    """Events with no source or no target are listed (events, actor pages), never in dyad series."""
    batch = [_processed("s1", [("RUS", None, "2024-05-21"), (None, "IRN", "2024-05-22")]),
             _processed("s2", [(None, None, "2024-06-01")], title=None)]
    client = _client(_write(tmp_path / "onesided.duckdb", batch, kb), kb)
    assert_no_server_error(walk(client))
    events = client.get("/api/events").json()["events"]
    assert len(events) == 3 and {e["source_code"] for e in events} == {"RUS", None}
    assert client.get("/api/summary").json()["dyads"] == []
    assert client.get("/api/dyad", params={"a": "RUS", "b": "IRN"}).json()["series"] == []
    russia = client.get("/api/actor/RUS").json()
    assert [e["target_code"] for e in russia["timeline"]] == [None] and russia["partners"] == []
    page = client.get("/actor/IRN").text
    assert "s1-1-1" in page  # the one-sided event is on the actor page
    assert "—" in client.get(f"/event/{events[0]['event_id']}").text


def test_dyad_with_gaps_of_several_months(tmp_path, kb):
    rows = [("RUS", "IRN", "2023-01-15"), ("IRN", "RUS", "2023-01-20"), ("RUS", "IRN", "2023-06-02"),
            ("RUS", "IRN", "2024-02-29"), ("RUS", "IRN", "2024"), ("RUS", "IRN", "1939/1945")]
    client = _client(_write(tmp_path / "gaps.duckdb", [_processed("g1", rows)], kb), kb)
    assert_no_server_error(walk(client))
    dyad = client.get("/api/summary").json()["dyads"][0]
    assert dyad["months"][0] == "2023-01" and dyad["months"][-1] == "2024-02" and len(dyad["months"]) == 14
    assert dyad["monthly"][0] == 2 and dyad["monthly"][5] == 1 and dyad["monthly"][-1] == 1
    assert sum(dyad["monthly"]) == 4 and dyad["monthly"].count(0) == 11
    series = client.get("/api/dyad", params={"a": "RUS", "b": "IRN", "by": "month"}).json()["series"]
    assert {r["period"] for r in series} == {"2023-01-01", "2023-06-01", "2024-02-01"}


# -- random stores ---------------------------------------------------------------------------------

ACTORS = st.sampled_from([None, "RUS", "IRN", "USA", "RUSGOV", "lavrov_sergei", "ZZZ"])
DATES = st.one_of(st.none(), st.sampled_from(["2024", "2024-05", "2024-05-21", "1999-12-31", "1939/1945",
                                              "2100-01-01", "1800"]),
                  st.dates().map(lambda d: d.isoformat()))
TITLES = st.one_of(st.none(), st.text(max_size=60), st.sampled_from(["<script>alert(1)</script>", "Тегеран",
                                                                     "طهران", "\u202eevil", "{{ 7*7 }}"]))
ROWS = st.lists(st.tuples(ACTORS, ACTORS, DATES), max_size=4)
DOCS = st.lists(st.tuples(ROWS, TITLES, st.one_of(st.none(), DATES.filter(lambda d: d is None or "/" not in d)),
                          st.sampled_from(["042", "190", "0871"]),
                          st.sampled_from(["asserted", "negated", "hypothetical", "alleged"])),
                min_size=0, max_size=4)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DOCS)
def test_random_stores_answer_every_route(kb, docs):
    folder = Path(tempfile.mkdtemp(prefix="dyads-web-"))
    try:
        batch = [_processed(f"r{i}", rows, title, published, cameo, mode)
                 for i, (rows, title, published, cameo, mode) in enumerate(docs)]
        assert_no_server_error(walk(_client(_write(folder / "random.duckdb", batch, kb), kb), light=True))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
