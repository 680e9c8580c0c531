"""Property-based tests: no exception escapes but the documented ones, offsets stay inside the text,
dates are valid ISO values."""

from __future__ import annotations

import io
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyads.extract import extract_document
from dyads.extract.plaintext import extract_plain_text
from dyads.sources.files import iter_jsonl
from dyads.time import find_time_expressions, load_periods
from dyads.types import Document, InputError, RawInput

PERIODS = load_periods()
WORDS = st.sampled_from(["Russia", "Iran", "met", "on", "Sunday", "May", "21", "2024", "last", "week", "the",
                         "1403/02/30", "yesterday", "۱۴۰۳", "two", "days", "ago", "in", "1990s", "Second", "World",
                         "War", ",", ".", "\n\n", "Published on", "By", "عدد الزيارات", "<p>", "</div>", "&amp;",
                         "\x00", "0000", "9999"])
TEXTS = st.one_of(st.text(max_size=400), st.lists(WORDS, max_size=80).map(" ".join))
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")


def _valid_iso(value: str) -> bool:
    if not ISO.match(value):
        return False
    for part in value.split("/"):
        pieces = [int(p) for p in part.split("-")]
        date(pieces[0], pieces[1] if len(pieces) > 1 else 1, pieces[2] if len(pieces) > 2 else 1)
    return True


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_time_expressions_are_inside_the_text_and_valid(text, published):
    for found in find_time_expressions(text, published, PERIODS):
        assert 0 <= found.start < found.end <= len(text)
        assert text[found.start:found.end] == found.text
        assert found.value is None or _valid_iso(found.value), found
        if published is None:
            assert found.anchor != "publication"


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_plain_text_extraction_never_raises_and_keeps_text(text):
    found = extract_plain_text(text)
    assert isinstance(found.text, str)
    assert found.published is None or _valid_iso(found.published)
    assert found.site_date is None or _valid_iso(found.site_date)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600), TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       st.sampled_from(["html", "text"]))
def test_extract_document_returns_a_document_or_an_error(data, kind):
    result = extract_document(RawInput(source="fuzz", content=data, kind=kind))
    assert isinstance(result, Document | InputError)
    if isinstance(result, Document):
        assert result.published is None or _valid_iso(result.published)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=800))
def test_jsonl_reader_yields_only_inputs_or_errors(data):
    for item in iter_jsonl(io.BytesIO(data), "fuzz.jsonl"):
        assert isinstance(item, RawInput | InputError)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, min_size=1, max_size=60).map(" ".join))
def test_linker_offsets_point_into_the_text(loaded_pipeline, text):
    from dyads.extract import content_hash
    from dyads.nlp import parse_documents

    document = Document(doc_id="p", source="p", text=text, content_hash=content_hash(text), published="2024-05-21")
    parsed = next(parse_documents(loaded_pipeline._part("nlp"), [document]))
    mentions, _provisional = loaded_pipeline._part("linker").link(parsed)
    for mention in mentions:
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start:mention.end] == mention.surface
