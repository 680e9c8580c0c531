"""HTML bodies: words trafilatura's precision rules would cut out of a sentence stay in it."""

from __future__ import annotations

from dyads.extract import extract_document
from dyads.types import Document, RawInput

PARAGRAPHS = [
    "The harbour council met on a wet Tuesday morning to settle the budget for the coming year, and the "
    "debate ran long past noon as members argued over dredging, ferry fares and the old sea wall.",
    "The chief engineer told members that the <span class=\"link\"><a href=\"/news/sea-wall-report\">sea wall "
    "will need new foundations</a></span> before the winter storms, at a cost the budget does not yet cover.",
    "In the end the vote was close, and the mayor promised a second reading next month once the engineers "
    "have priced the work on the wall and the dredging of the outer channel.",
]


def test_a_linked_phrase_in_a_span_classed_link_stays_in_its_sentence():
    html = ("<html><head><title>Harbour budget</title></head><body><nav><a href='/'>Home</a></nav><article>"
            "<h1>Harbour budget</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) +
            "</article><footer>Contact us</footer></body></html>")
    doc = extract_document(RawInput(source="t", content=html, kind="html"))
    assert isinstance(doc, Document)
    assert "told members that the sea wall will need new foundations before the winter storms" in doc.text
    assert doc.text.count("\n") == 2  # three paragraphs, nothing else
