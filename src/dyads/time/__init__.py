"""Time stage: time expressions per sentence, resolved against the publication date.

Contract: ``resolve_times(parsed, periods)`` returns one ``TimeExpression`` per expression
found, with offsets into the document text. Without a publication date, relative
expressions stay unresolved (value None): the clock is never used.
"""

from __future__ import annotations

from dyads.nlp import ParsedDocument
from dyads.time.normalize import Periods, Resolved, find_time_expressions, load_periods
from dyads.types import TimeExpression

__all__ = ["Periods", "Resolved", "find_time_expressions", "load_periods", "resolve_times", "speaks_of_future"]

_FUTURE_WORDS = {"will", "shall", "'ll", "wo"}


def speaks_of_future(tokens) -> bool:
    """True when a clause's tokens carry a future auxiliary ("will", "shall", "going to")."""
    words = [t.lower_ for t in tokens]
    return any(w in _FUTURE_WORDS for w in words) or "going to" in " ".join(words)


def resolve_times(parsed: ParsedDocument, periods: Periods) -> list[TimeExpression]:
    """All time expressions of a parsed document, sentence by sentence."""
    document = parsed.document
    found: list[TimeExpression] = []
    anchor: str | None = None  # the last full date told, for "the next day" in later sentences
    for sentence in parsed.sentences:
        for r in find_time_expressions(sentence.text, document.published, periods, anchor=anchor,
                                       language=document.language):
            if r.value and r.precision == "day" and r.anchor != "period":
                anchor = r.value
            found.append(
                TimeExpression(
                    doc_id=document.doc_id,
                    sentence_index=sentence.index,
                    start=sentence.start + r.start,
                    end=sentence.start + r.end,
                    text=r.text,
                    value=r.value,
                    precision=r.precision,
                    anchor=r.anchor,  # type: ignore[arg-type]
                )
            )
    return found
