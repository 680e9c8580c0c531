"""Extract stage: ``RawInput`` -> ``Document`` (clean body, title, authors, dates, language).

Contract: ``extract_document(raw)`` returns a ``Document`` or an ``InputError``; it never
raises for bad input. The publication date is only ever read from the input itself.
"""

from dyads.extract.core import content_hash, extract_document, normalize_for_hash

__all__ = ["content_hash", "extract_document", "normalize_for_hash"]
