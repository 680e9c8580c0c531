"""Which coder a document goes to, by its language: the one place that decides.

A language with a shallow lexicon (``events/shallow/<language>.yaml``: Arabic, Persian, Spanish) goes
to the shallow coder, which reads word order instead of a parse. A document parsed by its language's
own parser (``nlp/languages.py``: French, Russian) goes to a parsed coder (``events.coder``) built from
that language's patterns and word lists; everything else to the English one.
"""

from __future__ import annotations

from functools import cached_property

from dyads.events.coder import EventCoder
from dyads.events.dictionary import EventDictionary, load_dictionary
from dyads.events.language import has_lexicon, load_lexicon
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
        self._parsed_by_language: dict[str, EventCoder] = {}

    @cached_property
    def parsed(self) -> EventCoder:
        """The coder over dependency parses."""
        return EventCoder(self.dictionary, self.kb)

    @cached_property
    def shallow(self) -> ShallowCoder:
        """The coder from word order, for languages without a parser here."""
        return ShallowCoder(self.dictionary, self.kb)

    def parsed_for(self, language: str) -> EventCoder:
        """The parsed coder of a language with its own patterns and word lists (French, Russian)."""
        if language not in self._parsed_by_language:
            self._parsed_by_language[language] = EventCoder(load_dictionary(language=language), self.kb,
                                                            load_lexicon(language))
        return self._parsed_by_language[language]

    def code(self, parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]) -> list[Event]:
        """Events of a parsed document, by the coder of its language."""
        language = parsed.document.language
        if coding_method(language) == "shallow":
            return self.shallow.code(parsed, mentions, times)
        english = self.parsed.grammar.lex.language
        if language and language != english and has_lexicon(language) and parsed.doc.lang_ == language:
            return self.parsed_for(language).code(parsed, mentions, times)
        return self.parsed.code(parsed, mentions, times)
