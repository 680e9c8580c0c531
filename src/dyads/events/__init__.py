"""Event stage: CAMEO/PLOVER events from parsed sentences and linked mentions.

Contract: ``EventCoder(dictionary, kb).code(parsed, mentions, times)`` returns the
``Event`` records of one document, each with its evidence sentence and spans.
"""

from dyads.events.coder import EventCoder
from dyads.events.dictionary import EventDictionary, load_dictionary

__all__ = ["EventCoder", "EventDictionary", "load_dictionary"]
