"""dyads kb: show, search and import (JSONL, CSV, Wikidata dump excerpts written here)."""

from __future__ import annotations

import bz2
import json

from dyads import open_store
from dyads.cli import main


def _wikidata_line(entity: dict) -> str:
    return json.dumps(entity) + ",\n"


def _claim(prop: str, qid: str, qualifiers: dict | None = None) -> dict:
    claim = {"mainsnak": {"property": prop, "datavalue": {"value": {"id": qid}}}}
    if qualifiers:
        claim["qualifiers"] = {p: [{"datavalue": {"value": {"time": t}}}] for p, t in qualifiers.items()}
    return claim


def test_show_variant_spellings(capsys):
    assert main(["kb", "show", "Ibrahim Raisi", "--db", "/nonexistent/none.duckdb"]) == 0
    out = capsys.readouterr().out
    assert "Ebrahim Raisi" in out and "president (IRN" in out and "2021-08-03" in out
    assert main(["kb", "show", "Rohani", "--db", "/nonexistent/none.duckdb"]) == 0
    assert "Hassan Rouhani" in capsys.readouterr().out
    assert main(["kb", "show", "Mahshad", "--db", "/nonexistent/none.duckdb"]) == 0
    out = capsys.readouterr().out
    assert "Mashhad" in out and "IRN" in out


def test_search(capsys):
    assert main(["kb", "search", "Zelenskiy"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert "Volodymyr Zelensky" in first


def test_import_jsonl_csv_and_wikidata(tmp_path, capsys):
    db = tmp_path / "kb.duckdb"
    jsonl = tmp_path / "mine.jsonl"
    jsonl.write_text(json.dumps({"actor_id": "doe_jane", "name": "Jane Doe", "type": "person", "country": "GBR",
                                 "codes": ["GBRMED"], "aliases": ["J. Doe"]}) + "\n", encoding="utf-8")
    table = tmp_path / "mine.csv"
    table.write_text("actor_id,name,type,country,codes,aliases\n"
                     "NRC,Northern Relief Council,organization,NOR,NORNGO,NRC Relief|Relief Council North\n",
                     encoding="utf-8")
    dump = tmp_path / "excerpt.json.bz2"
    lines = ["[\n",
             _wikidata_line({"id": "Q900001", "labels": {"en": {"value": "President of Ruritania"}},
                             "claims": {"P1001": [_claim("P1001", "Q159")]}}),
             _wikidata_line({"id": "Q900002", "labels": {"en": {"value": "Anna Petrova-Smith"}},
                             "aliases": {"en": [{"value": "Anna Petrova"}]},
                             "claims": {"P31": [_claim("P31", "Q5")], "P27": [_claim("P27", "Q159")],
                                        "P39": [_claim("P39", "Q900001", {"P580": "+2031-02-00T00:00:00Z",
                                                                          "P582": "+2035-05-07T00:00:00Z"})]}}),
             "]\n"]
    with bz2.open(dump, "wt", encoding="utf-8") as handle:
        handle.writelines(lines)
    assert main(["kb", "import", str(jsonl), str(table), str(dump), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["kb", "show", "J. Doe", "--db", str(db)]) == 0
    assert "Jane Doe" in capsys.readouterr().out
    assert main(["kb", "show", "Relief Council North", "--db", str(db)]) == 0
    assert "NORNGO" in capsys.readouterr().out
    assert main(["kb", "show", "Anna Petrova", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Anna Petrova-Smith" in out and "president (RUS, GOV) 2031-02-01 .. 2035-05-07" in out
    # importing again replaces, never duplicates
    assert main(["kb", "import", str(jsonl), "--db", str(db)]) == 0
    with open_store(db, read_only=True) as store:
        assert len(store.kb_records()) == 3


def test_import_reports_broken_files(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"actor_id": "x", "name": "X", "type": "person"}\n{broken\n', encoding="utf-8")
    assert main(["kb", "import", str(bad), "--db", str(tmp_path / "kb.duckdb")]) == 1
    assert "bad.jsonl:2: broken JSON" in capsys.readouterr().err
