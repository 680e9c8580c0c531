"""Hostile and broken inputs: one clear error line each, the run goes on, the store stays intact."""

from __future__ import annotations

import gzip
import json

import pytest

from dyads import open_store
from dyads.extract import extract_document
from dyads.extract.core import MAX_INPUT_CHARS
from dyads.sources import DEFAULT_MAX_BYTES, iter_inputs
from dyads.types import Document, InputError, RawInput

GOOD = "Good article\n\nPublished on May 2, 2022\n\nRussia sent aid to Iran after the floods, officials said.\n"


def _bad_files(folder):
    """(file name, expected words in the error, writer) for each hostile input."""
    huge_line = b"<html><body><p>" + b"x" * (DEFAULT_MAX_BYTES + 10) + b"</p></body></html>"
    bomb = gzip.compress(b"\0" * (DEFAULT_MAX_BYTES + 10))
    cases = {
        "empty.txt": (b"", "empty file"),
        "binary.txt": (bytes(range(256)) * 40, "binary"),
        "truncated.txt.gz": (gzip.compress(GOOD.encode() * 50)[:60], "gzip"),
        "corrupt.html.gz": (b"\x1f\x8b\x08\x00" + b"\xff" * 300, "gzip"),
        "bomb.txt.gz": (bomb, "limit"),
        "huge-line.html": (huge_line, "limit"),
        "truncated.warc.gz": (
            gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nHTTP/1.1 200")[:50],
            "WARC"),
        "no-sentence.txt": (b"...\n\n!!!\n\n- - -\n", "no article text"),
        "lines.jsonl": ("\n".join([
            "{broken",
            json.dumps({"id": 5, "text": ["not", "a", "string"]}),
            json.dumps({"id": "y0", "text": GOOD, "published": "0000-01-01"}),
            json.dumps({"id": "y9", "text": GOOD, "published": "9999-12-31"}),
            json.dumps({"id": "nonsense", "text": GOOD, "published": "the day after never"}),
            json.dumps({"id": "ok", "text": GOOD.replace("floods", "storm"), "published": "2022-05-02"}),
        ]).encode(), "line"),
    }
    for name, (data, _words) in cases.items():
        (folder / name).write_bytes(data)
    return {name: words for name, (_data, words) in cases.items()}


def test_each_bad_input_is_reported_and_the_rest_is_stored(tmp_path, pipeline_for):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    expected = _bad_files(folder)
    db = tmp_path / "store.duckdb"
    errors: list[InputError] = []
    summary = pipeline_for(db, errors).run([folder])
    assert summary.added == 2  # good.txt and the good JSONL line
    reported = {e.source.rsplit("/", 1)[-1].split("#")[0] for e in errors}
    assert set(expected) <= reported, set(expected) - reported
    for error in errors:
        line = str(error)
        assert "\n" not in line and line.startswith(str(folder))
    problems = {e.source.rsplit("/", 1)[-1]: e.problem for e in errors}
    for name, words in expected.items():
        if name != "lines.jsonl":
            assert words.lower() in problems[name].lower(), (name, problems[name])
    assert sum(1 for e in errors if e.source.endswith(("#1", "#2", "#3", "#4", "#5"))) == 5
    # a rerun adds nothing and loses nothing
    again = pipeline_for(db, []).run([folder])
    assert again.added == 0
    with open_store(db, read_only=True) as store:
        assert store.counts()["documents"] == 2


@pytest.mark.parametrize("html", [
    "<html><body>" + "<div>" * 50_000 + "<p>Deep text of an article about talks.</p>" + "</div>" * 50_000,
    "<html><body><p>Broken <b>nesting <i>all</b> over</i> the <p>page</div></span> with text about talks "
    "between ministers in Geneva on Monday and more words to make it long enough.</html>",
    "<p>" * 1000 + "unclosed paragraphs everywhere with some words about a meeting of leaders",
])
def test_pathological_html_never_raises(html):
    result = extract_document(RawInput(source="page.html", content=html.encode(), kind="html"))
    assert isinstance(result, Document | InputError)


def test_oversized_articles_are_refused():
    result = extract_document(RawInput(source="big.txt", content="word " * (MAX_INPUT_CHARS // 5 + 10), kind="text"))
    assert isinstance(result, InputError) and "larger than" in result.problem


def test_jsonl_huge_field_is_one_error(tmp_path):
    path = tmp_path / "huge.jsonl"
    path.write_text(json.dumps({"id": "big", "text": "a " * (MAX_INPUT_CHARS // 2 + 10)}) + "\n"
                    + json.dumps({"id": "small", "text": GOOD}) + "\n", encoding="utf-8")
    items = [i if isinstance(i, InputError) else extract_document(i) for i in iter_inputs([path])]
    assert isinstance(items[0], InputError) and "larger than" in items[0].problem
    assert isinstance(items[1], Document)
