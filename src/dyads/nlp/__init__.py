"""NLP stage: sentence splitting, tagging, dependency parsing and NER with spaCy.

Contract: ``parse_documents(nlp, documents)`` yields one ``ParsedDocument`` per input
document, in order, holding the spaCy ``Doc`` and the ``Sentence`` records.
"""

from dyads.nlp.languages import LanguageParsers
from dyads.nlp.parse import BATCH_TEXTS, MODEL_PACKAGE, ParsedDocument, load_nlp, parse_documents

__all__ = ["BATCH_TEXTS", "LanguageParsers", "MODEL_PACKAGE", "ParsedDocument", "load_nlp", "parse_documents"]
