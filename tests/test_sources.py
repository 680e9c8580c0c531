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


def test_jsonl_takes_the_body_field_that_holds_something(tmp_path):
    lines = [json.dumps({"id": "e1", "html": "", "text": "Iran and Russia signed a trade agreement on Monday."}),
             json.dumps({"id": "e2", "html": "<p>Page body</p>", "text": ""}),
             json.dumps({"id": "e3", "html": "  ", "text": None})]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _items(path)
    assert [(i.external_id, i.kind) for i in items if isinstance(i, RawInput)] == [("e1", "text"), ("e2", "html")]
    assert [i.problem for i in items if isinstance(i, InputError)] == ["no 'text' or 'html' string field"]


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


def _serve(folder):
    """A local HTTP server over a folder (stands in for a remote crawl host)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_urls_listings_globs_and_warcs_over_http(tmp_path):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    crawl = tmp_path / "crawl-data" / "news"
    crawl.mkdir(parents=True)
    with (crawl / "one.warc.gz").open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        page = b"<html><body><p>Turkey and Greece held talks in Athens on Monday.</p></body></html>"
        writer.write_record(writer.create_warc_record("https://news.example/a", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    (crawl / "two.txt.gz").write_bytes(gzip.compress(b"Some plain article text."))
    # a Common Crawl style listing: paths relative to the host's root
    listing = b"crawl-data/news/one.warc.gz\ncrawl-data/news/two.txt.gz\n"
    (tmp_path / "warc.paths.gz").write_bytes(gzip.compress(listing))
    server = _serve(tmp_path)
    try:
        root = f"http://127.0.0.1:{server.server_address[1]}"
        items = _items(f"{root}/warc.paths.gz", f"{root}/crawl-data/news/missing.txt")
        assert [type(i) for i in items] == [RawInput, RawInput, InputError]
        assert items[0].url == "https://news.example/a" and b"Athens" in items[0].content
        assert items[1].source == f"{root}/crawl-data/news/two.txt.gz"
        assert items[1].content == b"Some plain article text."
        assert str(items[2]) == f"{root}/crawl-data/news/missing.txt: no such file"
    finally:
        server.shutdown()
    # file:// URLs with a glob, and a protocol whose reader is not installed
    globbed = _items(f"file://{crawl}/*.txt.gz")
    assert [i.source for i in globbed] == [f"file://{crawl}/two.txt.gz"]
    (missing,) = _items("s3://some-bucket/crawl/*.warc.gz")
    assert isinstance(missing, InputError) and "s3fs" in missing.problem


def _jsonl_line(n: int, words: int = 20) -> str:
    return json.dumps({"id": f"r{n}", "text": " ".join(f"word{n}x{i}" for i in range(words))})


def _bad_jsonl(path):
    """Five records, one over a 4,000 byte limit, five more, and a last line cut off."""
    lines = [_jsonl_line(n) for n in range(1, 6)] + [_jsonl_line(6, 2000)] + [_jsonl_line(n) for n in range(7, 12)]
    path.write_text("\n".join(lines) + "\n" + _jsonl_line(12)[:40], encoding="utf-8")


def test_jsonl_limit_applies_per_record_locally_and_by_url(tmp_path):
    path = tmp_path / "big.jsonl"
    _bad_jsonl(path)
    for name in (path, f"file://{path}"):
        items = list(iter_inputs([name], max_bytes=4000))
        good = [i for i in items if isinstance(i, RawInput)]
        bad = [i for i in items if isinstance(i, InputError)]
        assert [g.external_id for g in good] == [f"r{n}" for n in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11)]
        assert [g.source.rsplit("#", 1)[1] for g in good] == ["1", "2", "3", "4", "5", "7", "8", "9", "10", "11"]
        assert [(b.source, b.problem.split(" (")[0]) for b in bad] == [
            (f"{name}#6", "record larger than the 4000 byte limit"), (f"{name}#12", "truncated last line")]


def test_jsonl_gz_cut_short_keeps_the_lines_before_the_cut(tmp_path):
    data = gzip.compress(("\n".join(_jsonl_line(n, 200) for n in range(1, 401)) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_inputs([path]))
    good = [i for i in items if isinstance(i, RawInput)]
    assert 0 < len(good) < 400
    assert [g.external_id for g in good] == [f"r{n}" for n in range(1, len(good) + 1)]
    assert items[-1] == InputError(f"{path}#{len(good) + 1}", items[-1].problem)
    assert "corrupt or truncated gzip" in items[-1].problem and len(items) == len(good) + 1


def test_jsonl_is_read_one_record_at_a_time(tmp_path):
    import tracemalloc

    path = tmp_path / "large.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(3000):
            handle.write(_jsonl_line(n, 1000) + "\n")  # about 30 MB
    assert path.stat().st_size > 25_000_000
    tracemalloc.start()
    count = sum(1 for _ in iter_inputs([path]))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 3000 and peak < 3_000_000


def _warc(path, pages: int, gzipped: bool) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for n in range(pages):
            body = f"<html><body><p>Page {n} {'text ' * (50 + n)}</p></body></html>".encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "response",
                                                          payload=BytesIO(body), http_headers=headers))
            writer.write_record(writer.create_warc_record(f"https://example.org/{n}", "metadata",
                                                          payload=BytesIO(b"x: y\r\n")))


def test_big_files_cut_into_record_ranges_read_the_same_items(tmp_path):
    from dyads.sources import PartReader, plan_parts

    lines = [_jsonl_line(n, 5 + n % 40) for n in range(300)]
    lines[17], lines[40], lines[41] = "{broken", "", _jsonl_line(41, 3000)
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n" + lines[-1][:30], encoding="utf-8")
    _warc(tmp_path / "b.warc.gz", 60, gzipped=True)
    _warc(tmp_path / "c.warc", 60, gzipped=False)
    for name in ("a.jsonl", "b.warc.gz", "c.warc"):
        path = tmp_path / name
        whole = list(iter_inputs([path], max_bytes=20000))
        parts = list(plan_parts([path], part_bytes=path.stat().st_size // 7))
        assert len(parts) >= 5, name
        assert parts[0].start == 0 and parts[-1].end is None
        assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))
        assert [item for part in parts for item in PartReader(part, max_bytes=20000)] == whole, name
        assert sum(isinstance(i, RawInput) for i in whole) >= 60


def test_ranges_of_a_record_count_read_the_same_items(tmp_path):
    """Ranges that end at a number of lines as well (small records), of a file too small to be
    cut by its bytes: every line read once, in order, no range over the count."""
    from dyads.sources import PartReader, plan_parts

    path = tmp_path / "small.jsonl"
    path.write_text("\n".join(_jsonl_line(n, 5 + n % 40) for n in range(100)) + "\n", encoding="utf-8")
    whole = list(iter_inputs([path]))
    parts = list(plan_parts([path], part_bytes=path.stat().st_size, part_records=7))
    assert len(parts) == 15 and parts[0].start == 0 and parts[-1].end is None
    assert all(a.end == b.start for a, b in zip(parts, parts[1:], strict=False))
    read = [list(PartReader(part)) for part in parts]
    assert max(len(items) for items in read) == 7
    assert [item for items in read for item in items] == whole
    assert [part.first_record for part in parts] == list(range(1, 100, 7))
    few = list(plan_parts([path], part_bytes=path.stat().st_size, part_records=100))
    assert len(few) == 1 and few[0].whole
