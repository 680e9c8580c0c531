"""Sources: each input type is read, bad inputs become one clear error each."""

from __future__ import annotations

import gzip
import json

from dyads.sources import iter_inputs
from dyads.types import InputError, RawInput


def _items(*paths):
    return list(iter_inputs(paths))


def test_text_html_gzip_and_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nSome body text here.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>Hello</p></body></html>", encoding="utf-8")
    with gzip.open(tmp_path / "c.txt.gz", "wt", encoding="utf-8") as handle:
        handle.write("Compressed body text.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.htm").write_text("<html><p>x</p></html>", encoding="utf-8")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    items = _items(tmp_path)
    assert [type(i) for i in items] == [RawInput] * 4
    kinds = {i.source.rsplit("/", 1)[-1]: i.kind for i in items}
    assert kinds == {"a.txt": "text", "b.html": "html", "c.txt.gz": "text", "d.htm": "html"}
    assert next(i for i in items if i.source.endswith("c.txt.gz")).content == b"Compressed body text."


def test_jsonl_keeps_metadata_and_reports_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "x1", "url": "https://e.org/1", "title": "T", "published": "2024-05-21",
                    "language": "en", "text": "Body one."}),
        "{not json",
        json.dumps({"id": "x2", "html": "<p>Body two</p>"}),
        json.dumps({"id": "x3"}),
        json.dumps({"id": "x4", "text": "ok", "title": ["not", "a", "string"]}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    items = _items(path)
    good = [i for i in items if isinstance(i, RawInput)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [g.external_id for g in good] == ["x1", "x2"]
    assert good[0].published == "2024-05-21" and good[0].url == "https://e.org/1"
    assert good[1].kind == "html"
    assert [b.source.rsplit("#", 1)[1] for b in bad] == ["2", "4", "5"]
    assert "broken JSON" in bad[0].problem


def test_bad_files_give_one_error_each(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    items = _items(tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "broken.txt.gz",
                   tmp_path / "missing.txt")
    assert all(isinstance(i, InputError) for i in items)
    problems = [i.problem for i in items]
    assert problems[0] == "empty file"
    assert "binary" in problems[1]
    assert "gzip" in problems[2]
    assert "no such file" in problems[3]
    assert all(str(i).startswith(str(tmp_path)) for i in items)


def test_rss_inline_content_and_atom_with_saved_pages(tmp_path):
    rss = tmp_path / "news.rss"
    rss.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
      <item><title>Talks resume</title><link>https://example.org/talks</link>
        <pubDate>Tue, 21 May 2024 10:00:00 GMT</pubDate>
        <description><![CDATA[<p>Negotiators from both sides met again in Doha on Monday.</p>]]></description></item>
      <item><title>Empty</title><link>https://example.org/empty</link></item>
    </channel></rss>""", encoding="utf-8")
    atom_dir = tmp_path / "atom"
    atom_dir.mkdir()
    (atom_dir / "feed.atom").write_text("""<?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
        <entry><title>Aid arrives</title><link href="https://example.org/world/aid-arrives.html"/>
          <id>urn:x:1</id><updated>2023-02-08T09:00:00Z</updated><summary>Short teaser.</summary></entry>
      </feed>""", encoding="utf-8")
    (atom_dir / "aid-arrives.html").write_text(
        "<html><body><article><p>Aid convoys reached the quake zone on Tuesday.</p></article></body></html>",
        encoding="utf-8")
    items = list(iter_inputs([rss, atom_dir / "feed.atom"]))
    good = [i for i in items if isinstance(i, RawInput)]
    bad = [i for i in items if isinstance(i, InputError)]
    assert [g.title for g in good] == ["Talks resume", "Aid arrives"]
    assert "Doha" in good[0].content and good[0].published.startswith("Tue, 21 May 2024")
    assert good[1].source.endswith("aid-arrives.html") and b"quake zone" in good[1].content
    assert len(bad) == 1 and "no content" in bad[0].problem
