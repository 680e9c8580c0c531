"""Every event carries its document's language: store (and its migration), filters, exports, the
code command and the web explorer."""

from __future__ import annotations

import csv
import json

import duckdb
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from dyads import open_store
from dyads.analysis import queries
from dyads.cli import main
from dyads.extract.language import detect_language
from dyads.store.gdelt import MENTION_COLUMNS
from dyads.store.schema import SCHEMA_VERSION
from dyads.types import Document, Event, ProcessedDocument, Sentence
from dyads.web import create_app

ENGLISH = {
    "aid.txt": "Russia sends rescue teams to Iran\n\nPublished on March 14, 2023\n\n"
               "Russia sent rescue teams to Iran after the earthquake on Monday.\n\n"
               "Iran thanked Russia for the rescue teams.\n",
}
# Our own sentences in Russian and Arabic; the Arabic one carries markup that must stay text.
RUSSIAN = "Россия направила гуманитарную помощь Ирану после землетрясения."
ARABIC = "استقبل الرئيس الروسي فلاديمير بوتين وزير الخارجية الإيراني في موسكو <b>أمس</b>."


def _foreign(doc_id: str, text: str, language: str, cameo: str, source: str, target: str) -> ProcessedDocument:
    """A stored document in another language with one event (written by hand: the coders of these
    languages are not what is tested here)."""
    document = Document(doc_id=doc_id, source=f"{doc_id}.txt", text=text, content_hash=doc_id * 4,
                        title=text[:30], published="2024-05-20", published_precision="day", language=language)
    event = Event(event_id=f"{doc_id}-e", doc_id=doc_id, sentence_index=0, sentence=text, source_actor_id=None,
                  source_code=source, target_actor_id=None, target_code=target, cameo=cameo, root=cameo[:2],
                  quad_class=2 if cameo.startswith("07") else 1, goldstein=7.0 if cameo.startswith("07") else 1.0,
                  plover="AID" if cameo.startswith("07") else "CONSULT", mode="asserted", confidence=0.5,
                  predicate="test", date="2024-05-20", date_precision="day", date_source="publication",
                  language=language)
    return ProcessedDocument(document, [Sentence(doc_id, 0, 0, len(text), text)], [], [], [event], [])


@pytest.fixture(scope="module")
def db(store_from_articles, loaded_pipeline):
    path = store_from_articles(ENGLISH)
    with open_store(path) as store:
        store.write_batch([_foreign("ru000001", RUSSIAN, "ru", "070", "RUS", "IRN"),
                           _foreign("ar000001", ARABIC, "ar", "040", "RUSGOV", "IRNGOV")],
                          loaded_pipeline.knowledge_base())
    return path


def _events_json(capsys, db, *args) -> tuple[int, list[dict]]:
    code = main(["events", *args, "--json", "--db", str(db)])
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else []


def test_pipeline_events_carry_the_identified_language(db):
    with open_store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT e.language, d.language FROM events e JOIN documents d USING (doc_id) WHERE d.source LIKE '%aid.txt'"
        ).fetchall()
    assert rows and all(event == document == "en" for event, document in rows)


def test_events_filter_by_one_or_several_languages(db, capsys):
    code, everything = _events_json(capsys, db)
    assert code == 0 and {r["language"] for r in everything} == {"en", "ru", "ar"}
    code, russian = _events_json(capsys, db, "--language", "ru")
    assert code == 0 and [r["sentence"] for r in russian] == [RUSSIAN]
    code, both = _events_json(capsys, db, "--language", "RU, ar")
    assert code == 0 and {r["language"] for r in both} == {"ru", "ar"} and len(both) == 2
    code, english = _events_json(capsys, db, "--language", "en")
    assert code == 0 and english and all(r["language"] == "en" for r in english)
    assert main(["events", "--language", "Russian!", "--db", str(db)]) == 2
    assert "--language" in capsys.readouterr().err
    main(["events", "--language", "ar", "--db", str(db)])  # the table shows the language column
    table = capsys.readouterr().out
    assert "language" in table and " ar " in table
    with open_store(db, read_only=True) as store:
        assert set(queries.events(store, language=["ar", "ru"])["language"]) == {"ar", "ru"}
        assert queries.events(store, language="fa").empty


def test_exports_carry_the_language(db, tmp_path):
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        assert main(["export", "events", "--format", fmt, "-o", str(out), "--db", str(db)]) == 0
        if fmt == "jsonl":
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        elif fmt == "csv":
            rows = list(csv.DictReader(out.open(encoding="utf-8")))
        else:
            rows = pd.read_parquet(out).to_dict("records")
        by_sentence = {r["sentence"]: r["language"] for r in rows}
        assert by_sentence[RUSSIAN] == "ru" and by_sentence[ARABIC] == "ar", fmt
        assert {r["language"] for r in rows} == {"en", "ru", "ar"}, fmt
    plover = tmp_path / "events.plover.jsonl"
    assert main(["export", "events", "--format", "plover", "-o", str(plover), "--db", str(db)]) == 0
    records = {r["event_text"]: r for r in map(json.loads, plover.read_text(encoding="utf-8").splitlines())}
    assert records[ARABIC]["language"] == "ar" and records[RUSSIAN]["language"] == "ru"
    prefix = tmp_path / "gdelt"
    assert main(["export", "events", "--format", "gdelt", "-o", str(prefix), "--db", str(db)]) == 0
    with open(f"{prefix}.mentions.CSV", encoding="utf-8") as handle:
        mentions = list(csv.reader(handle, delimiter="\t"))
    info = MENTION_COLUMNS.index("MentionDocTranslationInfo")
    source = MENTION_COLUMNS.index("MentionIdentifier")
    by_source = {row[source]: row[info] for row in mentions}
    assert by_source["ru000001.txt"] == "srclc:rus" and by_source["ar000001.txt"] == "srclc:ara"
    assert all(value == "" for name, value in by_source.items() if name.endswith("aid.txt"))


def test_schema_7_store_gets_the_language_of_its_documents(tmp_path):
    old = tmp_path / "v7.duckdb"
    open_store(old).close()
    con = duckdb.connect(str(old))  # as schema 7 had them: events without a language
    con.execute("ALTER TABLE events DROP COLUMN language")
    con.execute("UPDATE meta SET value = '7' WHERE key = 'schema_version'")
    con.execute("INSERT INTO documents (doc_id, source, text, content_hash, language) VALUES "
                "('d1', 'a.txt', 'x', 'h1', 'fa'), ('d2', 'b.txt', 'y', 'h2', NULL)")
    con.execute("INSERT INTO events (event_id, doc_id, sentence_index, sentence, cameo, root, quad_class, goldstein, "
                "mode) VALUES ('e1', 'd1', 0, 'x', '040', '04', 1, 1.0, 'asserted'), "
                "('e2', 'd2', 0, 'y', '042', '04', 1, 1.0, 'asserted')")
    con.close()
    with open_store(old, read_only=True) as store:  # a reader upgrades the file first
        version = store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert int(version) == SCHEMA_VERSION
        assert dict(store.con.execute("SELECT event_id, language FROM events").fetchall()) == {"e1": "fa", "e2": None}
        assert store.con.execute("SELECT count(*) FROM fused_events").fetchone()[0] == 2
        assert list(queries.events(store, language="fa")["event_id"]) == ["e1"]


def _code(capsys, lines: list) -> tuple[int, list[dict], str]:
    import io
    import sys

    stdin = sys.stdin
    sys.stdin = io.StringIO("\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
                                      for line in lines) + "\n")
    try:
        code = main(["code"])
    finally:
        sys.stdin = stdin
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_code_reads_or_identifies_the_language_and_writes_it(capsys, loaded_pipeline, monkeypatch):
    from dyads import cli

    monkeypatch.setattr(cli, "Pipeline", lambda **kwargs: loaded_pipeline)
    code, results, err = _code(capsys, [
        {"id": "en", "text": "Russia sent rescue teams to Iran on Sunday.", "date": "2024-05-21"},
        {"id": "ru", "text": RUSSIAN, "date": "2024-05-21"},
        {"id": "ar", "text": ARABIC, "date": "2024-05-21"},
        {"id": "tagged", "text": "Russia sent rescue teams to Iran on Sunday.", "language": "EN-gb"},
        # py3langid's full model took this for Nigerian Pidgin: identification keeps ISO 639-1 languages
        {"id": "short", "text": "Germany handed over 20 Benin Bronzes to Nigeria."},
        {"id": "bad", "text": "Russia sent rescue teams to Iran.", "language": 7},
        {"id": "bad2", "text": "Russia sent rescue teams to Iran.", "language": "Russian!"},
    ])
    by_id = {r["id"]: r for r in results}
    assert code == 1 and set(by_id) == {"en", "ru", "ar", "tagged", "short"}
    assert {k: r["language"] for k, r in by_id.items()} == {"en": "en", "ru": "ru", "ar": "ar", "tagged": "en",
                                                           "short": "en"}
    assert by_id["en"]["events"] and all(e["language"] == "en" for e in by_id["en"]["events"])
    assert err.count("error:") == 2 and "-#6" in err and "-#7" in err


@pytest.mark.parametrize("text, language", [
    ("Blinken met Wang Yi in Geneva.", "en"),  # py3langid: Dutch (0.29)
    ("Полиция задержала демонстрантов в Париже.", "ru"),  # py3langid: Bulgarian (0.51)
    ("Армия Судана заняла город.", "ru"),  # py3langid: Bulgarian (0.49)
    ("Україна отримала нову партію допомоги від Німеччини.", "uk"),  # sure (1.0): kept
    ("Die Bundesregierung verurteilte den Angriff auf Kiew.", "de"),
])
def test_an_unsure_identification_of_a_short_sentence_takes_a_language_dyads_reads(text, language):
    assert detect_language(text) == language


def test_code_api_takes_the_language_given(loaded_pipeline):
    # an English sentence said to be Russian is linked and dated as Russian: its language goes with it
    [result] = loaded_pipeline.code([{"id": "1", "text": "Russia sent rescue teams to Iran on Sunday.",
                                      "language": "ru", "date": "2024-05-21"}])
    assert result["language"] == "ru" and all(e["language"] == "ru" for e in result["events"])


def test_jsonl_language_tags_are_normalised_and_bad_ones_reported(tmp_path, pipeline_for):
    body = "Russia sent rescue teams to Iran after the earthquake, the emergencies ministry said on Monday."
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.jsonl").write_text(
        json.dumps({"id": "1", "text": body, "language": "ru-RU"}) + "\n"
        + json.dumps({"id": "2", "text": body + " Again.", "language": "Russian!"}) + "\n", encoding="utf-8")
    errors: list = []
    pipeline_for(tmp_path / "s.duckdb", errors).run([folder])
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.con.execute("SELECT language FROM documents").fetchall() == [("ru",)]
    assert len(errors) == 1 and "wire.jsonl#2" in str(errors[0]) and "language" in str(errors[0])


@pytest.fixture(scope="module")
def client(db, loaded_pipeline):
    return TestClient(create_app(db, kb=loaded_pipeline.knowledge_base()))


def test_web_lists_filter_and_show_the_language(client):
    api = client.get("/api/events", params={"language": "ar"}).json()["events"]
    assert [e["sentence"] for e in api] == [ARABIC] and api[0]["language"] == "ar"
    both = client.get("/api/events?language=ru&language=ar").json()["events"]
    assert {e["language"] for e in both} == {"ru", "ar"}
    assert {e["language"] for e in client.get("/api/events?language=ru,en").json()["events"]} == {"ru", "en"}
    assert client.get("/api/events", params={"language": "<x>"}).status_code == 400
    assert {r["language"] for r in client.get("/api/languages").json()["languages"]} == {"en", "ru", "ar"}
    page = client.get("/events", params={"language": "ar"}).text
    assert '<td dir="auto" lang="ar">' in page and "<b>" not in page and "&lt;b&gt;أمس&lt;/b&gt;" in page
    assert RUSSIAN not in page and 'value="ar" checked' in page
    assert RUSSIAN in client.get("/events").text
    event = client.get(f"/event/{api[0]['event_id']}").text
    assert '<dd class="lang">ar</dd>' in event and '<article class="article" dir="auto" lang="ar">' in event
    assert "&lt;b&gt;أمس&lt;/b&gt;" in event and "<b>" not in event
    dashboard = client.get("/").text
    assert '<td class="lang">ru</td>' in dashboard
