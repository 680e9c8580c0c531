"""Predicate matching: which verb or event noun codes which CAMEO code in its clause."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from dyads.events.dictionary import EventDictionary, Pattern, code_family
from dyads.events.syntax import OBJECT_DEPS, Grammar, relation

# The threat an intent to act in a conflict root makes: sanctions 131, repression 137, force 138.
_THREATENED = {"15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}


@dataclass
class Candidate:
    """A predicate token and the dictionary pattern it matched."""

    pattern: Pattern
    predicate: Token


class PredicateMatcher:
    """Matches verbs and nouns against the dictionary's patterns."""

    def __init__(self, dictionary: EventDictionary, grammar: Grammar):
        self.dictionary = dictionary
        self.grammar = grammar

    def match_verb(self, token: Token) -> Candidate | None:
        """The best verb pattern for a token, refined by its clause's cue words."""
        return self._match(token, self.dictionary.verbs)

    def match_noun(self, token: Token) -> Candidate | None:
        """The best noun pattern for a token, refined by its clause's cue words."""
        return self._match(token, self.dictionary.nouns)

    def _match(self, token: Token, index: dict[str, list[Pattern]]) -> Candidate | None:
        patterns = index.get(self.grammar.lemma(token))
        if not patterns:
            return None
        dependents = self.grammar.dependents(token)
        fitting = [p for p in patterns if all(word in dependents for word in p.others)]
        if not fitting:
            return None
        # the most specific pattern; among equals, content words over prepositions, words nearer the
        # predicate ("demanded that Belarus withdraw its troops": withdraw before troops), the finer code
        pattern = max(fitting, key=lambda p: (p.specificity, -sum(w in self.dictionary.prepositions for w in p.others),
                                              -sum(dependents[w] for w in p.others), len(p.code)))
        refined = self._refine(pattern.code, token)
        threat = self._threat(refined, token)
        if threat is not None and threat in self.dictionary.codes:
            refined = threat
        if refined != pattern.code:
            pattern = replace(pattern, code=refined)
        return Candidate(pattern, token)

    def _threat(self, code: str, token: Token) -> str | None:
        """"vowed to punish Israel", "pledged to strike back": an intent (03) whose complement is a
        hostile act is a threat, of the kind the complement's root says (CAMEO 13x)."""
        lex = self.grammar.lex
        if not code.startswith("03") or self.grammar.lemma(token) not in lex.threat_heads:
            return None
        for clause in self.grammar.complements(token):
            if self.grammar.lemma(clause) in lex.hostile_verbs:
                return "130"
            inner = self._match(clause, self.dictionary.verbs) if clause.pos_ in ("VERB", "AUX") else None
            if inner is not None and inner.pattern.code[:2] in _THREATENED:
                return _THREATENED[inner.pattern.code[:2]]
        return None

    def _refine(self, code: str, token: Token) -> str:
        """A finer code of the same family whose cue words occur in the predicate's clause
        ("demanded that Israel halt its offensive": 100 -> 1056)."""
        family = code_family(code)
        options = [(c, cues) for c, cues in self.dictionary.cues.items() if c.startswith(family) and c != code
                   and len(c) >= len(code)]
        if not options:
            return code
        words = self.grammar.clause_words(token)
        best, best_key = code, (0, 0)
        for candidate, cues in options:
            matched = max((len(cue) for cue in cues if all(w in words for w in cue)), default=0)
            if matched and (matched, len(candidate)) > best_key:
                best, best_key = candidate, (matched, len(candidate))
        return best

    def nominal_event(self, noun: Token) -> bool:
        """Does the noun report an event ("Putin's visit", "talks were held", "staged an attack"), rather
        than name one inside another act ("suspended negotiations", "condemned the strike")?"""
        if any(c.dep_ == "poss" for c in noun.children) or relation(noun) in ("nsubj", "nsubj:pass", "ROOT"):
            return True
        if relation(noun) in OBJECT_DEPS and self.grammar.lemma(noun.head) in self.grammar.lex.light_verbs:
            return True
        if noun.dep_ == "conj":
            # "the U.S. withdrawal from the deal and the subsequent reimposition of sanctions"
            head = noun
            for _ in range(4):
                if head.dep_ not in ("conj", "pobj", "prep") or head.head.i == head.i:
                    break
                head = head.head
                if head.pos_ == "NOUN" and head.dep_ not in ("pobj", "conj"):
                    return self.nominal_event(head)
        return False


def is_state(predicate: Token) -> bool:
    """"has been cooperating since 2015": an ongoing state, not a new event."""
    children = list(predicate.children)
    perfect_progressive = predicate.tag_ == "VBG" and {"been"} <= {c.lower_ for c in children} and any(
        c.lemma_ == "have" for c in children)
    since = any(c.dep_ == "prep" and c.lower_ == "since" for c in children)
    return perfect_progressive or (since and any(c.lemma_ == "have" for c in children if c.dep_ == "aux"))
