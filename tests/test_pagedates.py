"""Publication dates of HTML pages: each ranking rule on a small page of our own."""

from __future__ import annotations

import pytest
from htmldate import find_date

from dyads.extract import extract_document
from dyads.extract.pagedates import dates_in_text, page_date, parse_meta_value, url_date
from dyads.types import Document, RawInput

BODY = ("<p>The council met on a wet morning to settle the harbour budget, and the debate ran long "
        "past noon as members argued over dredging, ferry fares and the old sea wall.</p>"
        "<p>In the end the vote was close, and the mayor promised a second reading next month.</p>")


def page(head: str = "", header: str = "", body: str = BODY, lang: str = "en", title: str = "Harbour budget") -> str:
    return (f'<html lang="{lang}"><head><title>{title}</title>{head}</head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>{title}</h1>{header}{body}</article>'
            f"<footer>Contact us</footer></body></html>")


def day_of(html: str, url: str | None = None, text: str | None = None) -> str | None:
    found = page_date(html, url=url, body=text)
    return found[0] if found else None


def test_local_day_of_a_timestamp_is_kept_not_converted_to_utc():
    html = page('<meta property="article:published_time" content="2016-03-10T23:30:00-05:00">')
    assert day_of(html) == "2016-03-10"
    assert parse_meta_value("2016-03-10T23:30:00-05:00") == "2016-03-10"
    assert parse_meta_value("2021-11-04T23:00Z") == "2021-11-04"


def test_published_metadata_beats_modified():
    html = page('<meta property="article:modified_time" content="2020-01-02T09:00:00+01:00">'
                '<meta property="article:published_time" content="2019-05-01T08:00:00+01:00">')
    assert day_of(html) == "2019-05-01"


def test_jsonld_date_published_beats_date_modified_and_pictures():
    jsonld = ('{"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour budget",'
              ' "image": [{"@type": "ImageObject", "datePublished": "2017-02-02"}],'
              ' "dateModified": "2018-09-30T10:00:00+02:00", "datePublished": "2018-09-28T07:15:00+02:00"}')
    html = page(f'<script type="application/ld+json">{jsonld}</script>')
    assert day_of(html) == "2018-09-28"


def test_jsonld_graph_is_read():
    jsonld = ('{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Gazette"},'
              ' {"@type": "Article", "datePublished": "2015-06-14"}]}')
    assert day_of(page(f'<script type="application/ld+json">{jsonld}</script>')) == "2015-06-14"


def test_url_date_is_strong_evidence():
    url = "https://gazette.example/2021/07/15/harbour-budget"
    html = page('<meta name="date" content="2021-07-19">')
    assert day_of(html, url) == "2021-07-15"
    assert url_date(url) == ("2021-07-15", "day")
    assert url_date("https://gazette.example/news/2019-03-08-harbour") == ("2019-03-08", "day")
    assert url_date("https://gazette.example/a/20190308/harbour.html") == ("2019-03-08", "day")
    assert url_date("https://gazette.example/item/1503302") is None


def test_url_month_with_a_day_shown_on_the_page():
    url = "https://blog.example/2011/12/harbour-budget/"
    html = page(body=BODY + "<p class='postmeta'>This entry was posted on Saturday, 3 December 2011.</p>")
    assert day_of(html, url) == "2011-12-03"


def test_url_month_alone_keeps_month_precision():
    found = page_date(page(), url="https://blog.example/2011/12/harbour-budget/")
    assert found is not None and found[:2] == ("2011-12", "month")


def test_date_shown_by_the_title_that_metadata_confirms():
    # The page shows its update as the article's date, and the metadata knows that date.
    html = page('<meta property="article:published_time" content="2020-04-03T10:35:41Z">'
                '<meta property="article:modified_time" content="2020-04-11T08:27:52Z">',
                header='<div class="byline"><time datetime="2020-04-11T08:27:52Z">Updated 11.04.2020</time></div>',
                lang="de")
    assert day_of(html) == "2020-04-11"


def test_date_shown_by_the_title_without_metadata():
    html = page(header='<p class="stand"><span>Stand: </span>07.11.2023, 07:30 Uhr</p>', lang="de")
    assert day_of(html) == "2023-11-07"


def test_teaser_microdata_does_not_date_the_article():
    teasers = "".join(
        f'<div class="teaser"><a href="/x{i}">Other story {i}</a>'
        f'<meta itemprop="datePublished" content="2020-02-1{i}"></div>' for i in range(3))
    html = page('<meta property="article:published_time" content="2017-04-12T08:00:00+02:00">',
                body=BODY + teasers)
    assert day_of(html) == "2017-04-12"


def test_listing_page_takes_its_first_post_date_as_a_last_resort():
    posts = "".join(f'<div class="post"><span class="date">{d} March 2014</span><p>Post {d}.</p></div>'
                    for d in (21, 14, 7, 1))
    html = page(body=posts)
    assert day_of(html) == "2014-03-21"  # the newest post, as the page shows it first
    # but published metadata wins over the list
    assert day_of(page('<meta property="article:published_time" content="2015-02-03">', body=posts)) == "2015-02-03"


def test_last_resort_first_date_in_a_page_with_few_dates():
    text = ("<p>Die Kammer tagte am 12.05.2021 in Bonn und beriet dabei über den Haushalt des Hafens.</p>"
            "<p>Eine weitere Sitzung ist für den 19.05.2021 geplant, sagte die Sprecherin der Kammer.</p>")
    assert day_of(page(body=text)) == "2021-05-12"
    many = "".join(f"<p>Die Kammer tagt am {d}.06.2021 im großen Saal des Rathauses von Bonn, wie immer.</p>"
                   for d in range(1, 9))
    assert day_of(page(body=many)) is None  # a calendar, not a dated page


def test_site_prefixed_upload_meta_key():
    assert day_of(page('<meta property="photosite:uploaded" content="2013-02-16T04:36:36-05:00">')) \
        == "2013-02-16"
    # too generic for our ranked candidates; htmldate's extensive search (the last resort) reads it
    assert day_of(page('<meta property="photosite:date" content="2013-02-16">')) == "2013-02-16"


def test_meta_keys_from_htmldate_lists_rank_as_publication_dates():
    html = page('<meta property="article:modified_time" content="2019-03-09T10:00:00+01:00">'
                '<meta name="bt:pubdate" content="2019-03-04T08:00:00+01:00">')
    assert day_of(html) == "2019-03-04"


def test_last_resort_htmldate_reads_a_timestamp_in_a_script():
    data = '<script>var photo = {"id": 41, "created_at": "2013-02-16T04:36:36-05:00", "views": 665};</script>'
    assert day_of(page(body=BODY + data)) == "2013-02-16"


def test_last_resort_never_completes_a_year_or_a_month_into_a_day():
    # htmldate alone turns a copyright year into 1 January, a URL month into its first day
    front = page(body=BODY + "<p>© 2020 Harbour Gazette. All rights reserved.</p>")
    assert find_date(front, extensive_search=True) == "2020-01-01"
    assert day_of(front) is None
    found = page_date(page(), url="https://blog.example/2011/12/harbour-budget/")
    assert found is not None and found[:2] == ("2011-12", "month")


def test_dateline_opening_the_body():
    text = "Karlsruhe, (12.11.2021). The synod opened its autumn session with a debate on the budget."
    assert day_of(page(), text=text) == "2021-11-12"


def test_undated_page_has_no_date():
    assert day_of(page()) is None
    raw = RawInput(source="t", content=page().encode(), kind="html", url="https://gazette.example/harbour")
    doc = extract_document(raw)
    assert isinstance(doc, Document) and doc.published is None and doc.published_precision is None


def test_extract_document_uses_the_ranked_date():
    html = page('<meta property="article:modified_time" content="2020-01-02T09:00:00+01:00">'
                '<meta property="article:published_time" content="2019-05-01T23:50:00-07:00">')
    doc = extract_document(RawInput(source="t", content=html.encode(), kind="html"))
    assert isinstance(doc, Document)
    assert (doc.published, doc.published_precision) == ("2019-05-01", "day")


@pytest.mark.parametrize(("text", "day"), [
    ("Samstag, 3. Dezember 2011 um 10:00 Uhr", "2011-12-03"),
    ("Von Deutscher Tennis Bund 4.\u20092.\u20092022.", "2022-02-04"),
    ("Publicado el 5 de mayo de 2020", "2020-05-05"),
    ("12 июня 2020, 14:05", "2020-06-12"),
    ("Updated March 4, 2021 3:02am EST", "2021-03-04"),
    ("publié le 1er avril 2019", "2019-04-01"),
    ("2019年10月16日 12:00", "2019-10-16"),
    ("15 آذار 2016", "2016-03-15"),
    ("30/12/2016", "2016-12-30"),
    # month names from dateparser's locales, and the year-first orders
    ("Publicat: 19 ianuarie 2020", "2020-01-19"),
    ("Diterbitkan 5 Agustus 2021", "2021-08-05"),
    ("Publisert 12. desember 2019", "2019-12-12"),
    ("Публикувано на 14 ноември 2019", "2019-11-14"),
    ("Közzétéve: 2019. november 19. 10:31", "2019-11-19"),
    ("2019 m. lapkričio 19 d.", "2019-11-19"),
    ("Ellie Forbes - 6th November 2023", "2023-11-06"),
    ("Posted on the 22nd of May, 2020", "2020-05-22"),
])
def test_dates_written_in_text(text, day):
    assert dates_in_text(text)[0][1] == day


def test_words_that_are_no_month_make_no_date():
    assert dates_in_text("12 items 2020 and 3 Tagen 2019, page 4 of 2018") == []


def test_ambiguous_slash_dates_follow_the_page_language():
    assert dates_in_text("3/4/2020")[0][1] == "2020-04-03"
    assert dates_in_text("3/4/2020", month_first=True)[0][1] == "2020-03-04"


def test_empty_timestamps_are_not_dates():
    html = page('<meta property="article:published_time" content="1970-01-01T00:00:00Z">'
                '<meta property="article:modified_time" content="2022-05-06T10:00:00+02:00">')
    assert day_of(html) == "2022-05-06"
    assert parse_meta_value("1591200000") is None  # a Unix timestamp has no local day


def test_labelled_date_in_loose_text_under_a_title_block():
    html = ('<html><head><meta property="og:title" content="Harbour budget approved after long debate"></head>'
            '<body><h1><a href="/">Gazette</a></h1><div class="newsContent"><dl class="newsTitle">'
            '<dt>Harbour budget approved after long debate</dt></dl> Posted: [ 2018-08-25 15:24 ]'
            f'<div class="text">{BODY}</div></div></body></html>')
    assert day_of(html) == "2018-08-25"


def test_invisible_microdata_is_metadata_not_a_shown_date():
    html = page(header='<div class="article-info"><meta itemprop="dateCreated" content="2018-09-25T20:52:55+03:00">'
                       '<meta itemprop="dateModified" content="2018-11-23T12:29:06+03:00">'
                       '<meta itemprop="datePublished" content="2018-09-24T16:45:00+03:00"></div>'
                       '<p class="info">24 September 2018</p>')
    assert day_of(html) == "2018-09-24"
