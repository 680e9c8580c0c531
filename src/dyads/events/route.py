"""Which coder a document goes to, by its language: the one place that decides.

English goes to the parsed coder (``events.coder``); a language with a shallow lexicon
(``events/shallow/<language>.yaml``: Arabic, Persian, Spanish) goes to the shallow coder, which reads
word order instead of a parse. Other languages go to the parsed coder as before.
"""

from __future__ import annotations

from functools import cached_property

from dyads.events.coder import EventCoder
from dyads.events.dictionary import EventDictionary
from dyads.events.shallow import ShallowCoder, shallow_languages
from dyads.kb.base import KnowledgeBase
from dyads.nlp import ParsedDocument
from dyads.types import Event, Mention, TimeExpression


def coding_method(language: str | None) -> str:
    """"shallow" for a language with a shallow lexicon, else "parsed"."""
    return "shallow" if language in shallow_languages() else "parsed"


class LanguageCoders:
    """Codes each document with the coder of its language; each coder is built on first use."""

    def __init__(self, dictionary: EventDictionary, kb: KnowledgeBase):
        self.dictionary = dictionary
        self.kb = kb

    @cached_property
    def parsed(self) -> EventCoder:
        """The coder over dependency parses."""
        return EventCoder(self.dictionary, self.kb)

    @cached_property
    def shallow(self) -> ShallowCoder:
        """The coder from word order, for languages without a parser here."""
        return ShallowCoder(self.dictionary, self.kb)

    def code(self, parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]) -> list[Event]:
        """Events of a parsed document, by the coder of its language."""
        coder = self.shallow if coding_method(parsed.document.language) == "shallow" else self.parsed
        return coder.code(parsed, mentions, times)
