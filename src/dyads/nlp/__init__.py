"""NLP stage: sentence splitting, tagging, dependency parsing and NER with spaCy.

Contract: ``parse_documents(nlp, documents)`` yields one ``ParsedDocument`` per input
document, in order, holding the spaCy ``Doc`` and the ``Sentence`` records.
"""

from dyads.nlp.languages import LanguageParsers
from dyads.nlp.parse import MODEL_PACKAGE, ParsedDocument, load_nlp, parse_documents

__all__ = ["LanguageParsers", "MODEL_PACKAGE", "ParsedDocument", "load_nlp", "parse_documents"]
