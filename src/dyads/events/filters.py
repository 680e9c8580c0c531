"""Precision: sentences and clauses that report no act, whatever verb they use.

Each test is a class of text, not a sentence: questions, sport reports where a country or city names a
team, accidents and disasters, acts only feared, attempted, wished or asked about, and verbs whose object
is a thing made or said ("released a letter"). The word lists are the language's (events/lexicon).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from dyads.events.syntax import OBJECT_DEPS, SUBJECT_DEPS, Grammar, relation
from dyads.extract.plaintext import read_dateline
from dyads.types import Mention

# A game's score: "6-3", "2-1", "7-6 (4)"; a date range such as "2019-20" is not one (two digits each).
_SCORE = re.compile(r"(?<![\d-])\d{1,2}[-–]\d{1,2}(?![\d-])")
# A place in capitals opening a sentence before an agency or a dash: "TEHRAN (Reuters) -", "KYIV -".
# A place opening a sentence before an agency or a spaced dash: "TEHRAN (Reuters) -", "KYIV -", "موسكو -".
_DATELINE_OPENING = re.compile(r"\s*(?P<place>[^\W\d_][^\W\d_'.-]*(?: [^\W\d_][^\W\d_'.-]*){0,3})"
                               r"(?:,[^,\n]{1,30})?\s*(?:\([^)]{1,30}\)\s*)?[-–—]\s")
_FORCE_ROOTS = {"18", "19", "20"}
# Roots of material acts, where a thing made or said as the object shows another sense of the verb.
_MATERIAL_ROOTS = {"03", "07", "08", "15", "16", "17", "18", "19", "20"}


def dateline_free(mentions: list[Mention], text: str, start_char: int) -> list[Mention]:
    """The mentions of a sentence (``text``, starting at ``start_char``) that can be parties: the place of a
    dateline opening it ("MOSCOW, March 21, 2023 -", "TEHRAN (Reuters) -", "موسكو -") says where the report
    was filed, not who acted. A place in a script with letter case must be written in capitals."""
    dateline = read_dateline(text)
    end = dateline.end if dateline is not None else 0
    if not end and (opening := _DATELINE_OPENING.match(text)) is not None:
        place = opening.group("place")
        end = opening.end() if place == place.upper() else 0
    return [m for m in mentions if not (start_char <= m.start and m.end <= start_char + end)]


class EventFilter:
    """Decides which coded predicates report no act."""

    def __init__(self, grammar: Grammar):
        self.grammar = grammar
        self.lex = grammar.lex

    def question(self, span: Span) -> bool:
        """"Why did Russia attack ...?": a question reports no act."""
        return span.text.rstrip().rstrip("\"'”’)").endswith("?")

    def sport(self, span: Span) -> bool:
        """Is the sentence a sport report (a score, or a word only sport uses)?"""
        if _SCORE.search(span.text):
            return True
        return any(t.lower_ in self.lex.sport_words and t.pos_ in ("NOUN", "PROPN", "VERB") for t in span)

    def no_act(self, predicate: Token, root: str) -> bool:
        """Does the predicate's clause report something other than an act between parties?"""
        return self._accident(predicate, root) or self._unreal(predicate) \
            or (root in _MATERIAL_ROOTS and self._wrong_sense(predicate))

    def team_event(self, predicate: Token, span: Span, sources: list[Mention], targets: list[Mention]) -> bool:
        """A game between countries or cities named as teams: "Russia beat Croatia on Monday",
        "Kazakhstan needed the doubles match to beat the Netherlands 2-1"."""
        named = [m for m in sources + targets if m is not None]
        bare = named and all(m.code is not None and len(m.code) == 3 and not m.actor_id.startswith("group:")
                             for m in named)
        if not bare:
            return False
        return self.grammar.lemma(predicate) in self.lex.contest_verbs or self.sport(span)

    def _accident(self, predicate: Token, root: str) -> bool:
        """"soldiers were killed in a helicopter crash": death by accident or disaster is no assault."""
        if root not in _FORCE_ROOTS:
            return False
        for child in predicate.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "during", "after", "by"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.grammar.lemma(pobj) in self.lex.accident_nouns:
                        return True
        return False

    def _unreal(self, predicate: Token) -> bool:
        """Feared, attempted, wished or asked-about acts ("his fear of being handed over to ...",
        "efforts to get X to open an inquiry", "whether the minister withheld the aid")."""
        if any(c.dep_ == "ccomp" and (any(m.dep_ == "mark" and m.lower_ in self.lex.question_marks
                                           for m in c.children) or c.left_edge.tag_ in ("WRB", "WP"))
               for c in predicate.children):
            return True  # "asked whether Iran had supplied drones", "asked why ...": a question, not a request
        node = predicate
        for _ in range(5):
            if any(c.dep_ == "mark" and c.lower_ in self.lex.question_marks for c in node.children):
                return True
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep") \
                    and self.grammar.lemma(head) in self.lex.unreal_heads:
                return True
            if node.dep_ not in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "conj", "dobj"):
                return False
            node = head
        return False

    def _wrong_sense(self, predicate: Token) -> bool:
        """"released a letter", "launched an app", "offered this insight": the object is a thing made or
        said, so the verb is not in its event sense."""
        if predicate.pos_ not in ("VERB", "AUX"):
            return False
        objects = [c for c in predicate.children if relation(c) in OBJECT_DEPS]
        if not objects:
            return False
        obj = objects[0]
        words = {self.grammar.lemma(obj), obj.lower_} | {c.lower_ for c in obj.children if c.dep_ == "amod"}
        return bool(words & self.lex.non_party_objects) and not any(
            relation(c) in SUBJECT_DEPS for c in obj.children)
