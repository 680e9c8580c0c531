"""Extraction: plain-text scrapes lose their chrome, HTML gets body and metadata, encodings decode."""

from __future__ import annotations

from dyads.extract import extract_document
from dyads.extract.plaintext import extract_plain_text
from dyads.types import Document, InputError, RawInput

SCRAPE = """Главная | Новости | Политика | Контакты

Ankara and Baghdad Agree on New Water-Sharing Talks

By Leyla Demir and Omar Haddad

Published on March 4, 2023

Turkish and Iraqi officials agreed on Saturday to open a new round of talks on sharing the waters of the Tigris.

The talks will start next month in Baghdad, according to a statement from the Iraqi foreign ministry.

Iraq has long accused Turkey of cutting the flow of the river with upstream dams during dry summers.

Просмотров: 1 204

Поделиться

Читайте также: Новый мост открыт в Казани...
"""


def test_plain_text_scrape_drops_foreign_chrome_and_reads_header():
    found = extract_plain_text(SCRAPE)
    assert found.title == "Ankara and Baghdad Agree on New Water-Sharing Talks"
    assert found.authors == ["Leyla Demir", "Omar Haddad"]
    assert (found.published, found.published_precision) == ("2023-03-04", "day")
    assert found.text.startswith("Turkish and Iraqi officials")
    assert found.text.endswith("during dry summers.")
    assert "Просмотров" not in found.text and "Главная" not in found.text


def test_site_repost_date_is_not_the_publication_date():
    text = ("Talks resume\n\nتاريخ الإضافة الخميس 6 حزيران 2024 - 5:10 م    عدد الزيارات 90\n\n"
            "Negotiators from both sides met again in Doha to discuss the exchange of prisoners and aid.\n\n"
            "The mediators said the next round would follow within two weeks if progress holds.")
    found = extract_plain_text(text)
    assert found.site_date == "2024-06-06"
    assert found.published is None
    assert "عدد" not in found.text


def test_dateline_gives_the_publication_date():
    text = ("Border crossing reopens\n\nAMMAN, July 9, 2022 — Jordan reopened its main crossing with Syria "
            "after a two-week closure, officials said.\n\nTrucks lined up for kilometres on both sides.")
    found = extract_plain_text(text)
    assert found.published == "2022-07-09"


def test_html_page_body_title_author_and_date():
    html = """<html><head><title>Site | Leaders meet</title>
    <meta property="article:published_time" content="2022-03-04T10:00:00Z">
    <meta name="author" content="Sam Writer"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Leaders meet in Geneva</h1>
    <p>The two foreign ministers met in Geneva on Friday for three hours of talks on the crisis.</p>
    <p>Both sides described the meeting as frank and said their deputies would continue the work.</p>
    </article><footer>Copyright 2022 Example News. All rights reserved.</footer></body></html>"""
    doc = extract_document(RawInput(source="page.html", content=html.encode(), kind="html"))
    assert isinstance(doc, Document)
    assert "three hours of talks" in doc.text and "Copyright" not in doc.text
    assert doc.published == "2022-03-04"
    assert doc.authors == ["Sam Writer"]
    assert doc.language == "en"


def test_legacy_encodings_decode_without_declared_charset():
    arabic = "<html><body><p>" + "اجتمع وزيرا الخارجية في الدوحة يوم الأحد لبحث الأزمة الإقليمية. " * 3 + \
        "</p></body></html>"
    doc = extract_document(RawInput(source="ar.html", content=arabic.encode("cp1256"), kind="html"))
    assert isinstance(doc, Document) and "وزيرا الخارجية" in doc.text and doc.language == "ar"
    russian = "Министры иностранных дел встретились в Москве и обсудили поставки зерна. " * 3
    doc = extract_document(RawInput(source="ru.txt", content=russian.encode("koi8-r"), kind="text"))
    assert isinstance(doc, Document) and "Министры" in doc.text and doc.language == "ru"


def test_unknown_date_stays_unknown_and_bad_published_is_an_error():
    raw = RawInput(source="x.txt", content="Some title\n\n" + "Officials met to discuss trade. " * 5, kind="text")
    doc = extract_document(raw)
    assert isinstance(doc, Document) and doc.published is None
    bad = RawInput(source="y.jsonl#1", content="Officials met to discuss trade. " * 5, kind="text",
                   published="not a date")
    error = extract_document(bad)
    assert isinstance(error, InputError) and "published" in error.problem


def test_same_body_same_hash():
    a = extract_document(RawInput(source="a.txt", content="Body text of a story. " * 5, kind="text"))
    b = extract_document(RawInput(source="b.txt", content="Body  text of a story.\n" * 5, kind="text"))
    assert a.content_hash == b.content_hash and a.doc_id != b.doc_id


def test_hard_wrapped_lines_join_also_before_a_capitalised_name():
    scrape = """Floods close the border crossing

By Amina Farouk

Officials in the border province said on Friday that heavy rain had washed away two bridges
near the crossing and that trucks carrying grain to the capital had been diverted through
Turkmenistan, adding several days to each journey, according to the transport ministry.

The ministry said repairs would take at least a month.
"""
    found = extract_plain_text(scrape)
    assert found.title == "Floods close the border crossing"
    assert found.authors == ["Amina Farouk"]
    first, second = found.text.split("\n\n")
    assert first.startswith("Officials in the border province") and "through Turkmenistan, adding" in first
    assert second == "The ministry said repairs would take at least a month."
