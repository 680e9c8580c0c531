"""Datelines in plain text: a place and a day that open a story give its publication day, not its title;
markup-like strings in text handed over as text never lose the article."""

from __future__ import annotations

import io
import json

import pytest

from dyads.extract import extract_document
from dyads.extract.plaintext import extract_plain_text
from dyads.sources.files import iter_jsonl
from dyads.types import Document, RawInput

BODY_EN = "Iran and Russia signed a trade agreement on Monday, officials said."
BODY_RU = "Иран и Россия подписали торговое соглашение в понедельник, сообщили официальные лица."
BODY_AR = "وقعت إيران وروسيا اتفاقية تجارية يوم الاثنين، حسبما قال مسؤولون."


def _document(text: str, published: str | None = None) -> Document:
    found = extract_document(RawInput(source="t.txt", content=text, kind="text", published=published))
    assert isinstance(found, Document), found
    return found


@pytest.mark.parametrize("text, day", [
    (f"Tehran, 3 March 2024\n\n{BODY_EN}", "2024-03-03"),
    (f"Tehran, March 3, 2024\n\n{BODY_EN}", "2024-03-03"),
    (f"TEHRAN - 2024-03-03\n\n{BODY_EN}", "2024-03-03"),
    (f"ТЕГЕРАН, 21 мая 2024 года\n\n{BODY_RU}", "2024-05-21"),
    (f"طهران - ٢١ مايو ٢٠٢٤\n\n{BODY_AR}", "2024-05-21"),
    (f"Rio de Janeiro, 9 July 2022\n\n{BODY_EN}", "2022-07-09"),
    (f"Tehran, 3 March 2024 (IRNA)\n\n{BODY_EN}", "2024-03-03"),
])
def test_a_line_that_is_a_place_and_a_date_is_a_dateline_not_a_title(text, day):
    found = _document(text)
    assert (found.published, found.published_precision) == (day, "day")
    assert found.title is None
    assert found.text.startswith(text.split("\n\n", 1)[1][:20])


def test_a_real_headline_above_the_dateline_stays_the_title():
    found = _document(f"Iran and Russia sign a trade pact\n\nTehran, 3 March 2024\n\n{BODY_EN}")
    assert found.title == "Iran and Russia sign a trade pact" and found.published == "2024-03-03"


@pytest.mark.parametrize("opening, day", [
    ("MOSCOW, 21 May 2024 (Reuters) - ", "2024-05-21"),
    ("ТЕГЕРАН, 21 мая 2024 года. ", "2024-05-21"),
    ("طهران - ٢١ مايو ٢٠٢٤ - ", "2024-05-21"),
    ("AMMAN, July 9, 2022 — ", "2022-07-09"),
    ("NEW DELHI: May 21, 2024: ", "2024-05-21"),
    ("PARIS, 21 mai 2024 (AFP) - ", "2024-05-21"),  # not a byline for starting with "par"
    ("BERLIN, 21. Mai 2024 - ", "2024-05-21"),
    ("تهران، ۲۱ مه ۲۰۲۴ - ", "2024-05-21"),
    ("BEIRUT, Lebanon, May 21, 2024 - ", "2024-05-21"),
    ("KYIV, May 21, 2024 /PRNewswire/ -- ", "2024-05-21"),
])
def test_a_dateline_opening_the_first_paragraph(opening, day):
    body = BODY_RU if "ТЕГЕРАН" in opening else BODY_AR if opening[0] in "طت" else BODY_EN
    found = _document(f"{opening}{body}\n\nThe agreement covers energy and grain.")
    assert (found.published, found.published_precision) == (day, "day")
    assert not found.authors
    assert found.text.startswith(opening.strip())  # the body keeps it: offsets stay true
    assert found.title is None


def test_a_dateline_without_a_year_takes_the_year_from_the_input_never_from_the_clock():
    text = f"MOSCOW, May 21 (Reuters) - {BODY_EN}\n\nThe agreement covers energy and grain."
    alone = _document(text)
    assert alone.published is None and alone.title is None
    assert _document(text, published="2024-05").published == "2024-05-21"  # a JSONL month
    assert _document(text, published="2023").published == "2023-05-21"
    assert _document(text, published="2024-04").published == "2024-04"  # the month disagrees: kept as given
    assert _document(text, published="2024-05-30").published == "2024-05-30"  # a day given wins
    assert _document(text + "\n\n© 2024 Reuters. All rights reserved.").published == "2024-05-21"
    line = _document(f"MOSCOW, May 21\n\n{BODY_EN}")
    assert line.title is None and line.published is None
    assert _document(f"MOSCOW, February 29\n\n{BODY_EN}\n\nCopyright 2023").published is None  # no such day


def test_a_jsonl_published_month_completes_a_dateline_day(tmp_path):
    line = json.dumps({"text": f"MOSCOW, May 21 (Reuters) - {BODY_EN}", "published": "2024-05"})
    raw = next(iter_jsonl(io.BytesIO(line.encode()), "c.jsonl"))
    found = extract_document(raw)
    assert (found.published, found.published_precision) == ("2024-05-21", "day")


@pytest.mark.parametrize("line", [
    BODY_EN, "Iran, Russia and China met on 21 May 2024 to sign a long agreement on trade and energy.",
    "Updated: May 22, 2024", "On Monday, the ministers met.", "Published on May 21, 2024", "Tehran, Iran",
    "Tehran, 2024", "the capital, 3 March 2024", "Tehran, 3 March 2024 Iran and Russia signed a pact",
    "Tarih: 05.06.2023 14:32", "Fecha: 14 de febrero de 2024",
    "Tehran, 21 2024", "BERLIN, 21 -",  # no month named: dateparser would take it from the clock
])
def test_what_is_not_a_dateline(line):
    from dyads.extract.plaintext import read_dateline

    found = read_dateline(line)
    assert found is None, found


def test_an_update_line_is_not_the_publication_date():
    found = extract_plain_text(f"Trade pact\n\nUpdated: May 22, 2024\n\n{BODY_EN}")
    assert found.published is None and found.title == "Trade pact"


# -- markup-like strings in text --------------------------------------------------------------------

MARKED = ("Iran <script>alert(1)</script> and Russia signed a trade agreement on Monday, officials said. "
          "<img src=x onerror=alert(2)>")


def test_text_with_markup_like_strings_is_kept_in_jsonl_and_txt(tmp_path):
    raw = next(iter_jsonl(io.BytesIO(json.dumps({"text": MARKED}).encode()), "m.jsonl"))
    from_jsonl = extract_document(raw)
    assert isinstance(from_jsonl, Document), from_jsonl
    assert from_jsonl.text == MARKED  # nothing dropped, nothing moved
    from_txt = _document(MARKED)
    assert from_txt.text == MARKED
    essay = ("How <b>bold</b> tags work\n\nA page may hold <div class=\"x\"> and <br/> tags.\n\n"
             "Browsers render <em>emphasis</em> in italics, and authors nest <span> inside <p>.")
    kept = _document(essay)
    assert "<div class=\"x\">" in kept.text and kept.text.endswith("inside <p>.")
