"""Event stage: CAMEO/PLOVER events from parsed sentences and linked mentions.

Contract: ``LanguageCoders(dictionary, kb).code(parsed, mentions, times)`` returns the
``Event`` records of one document, each with its evidence sentence and spans, from the parsed coder
(``EventCoder``) or, for Arabic, Persian and Spanish, the shallow one (``events.shallow``).
"""

from dyads.events.coder import EventCoder
from dyads.events.dictionary import EventDictionary, load_dictionary
from dyads.events.route import LanguageCoders, coding_method

__all__ = ["EventCoder", "EventDictionary", "LanguageCoders", "coding_method", "load_dictionary"]
