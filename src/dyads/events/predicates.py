"""Predicate matching: which verb or event noun codes which CAMEO code in its clause."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Token

from dyads.events.dictionary import CodeInfo, EventDictionary, Pattern, code_family
from dyads.events.syntax import OBJECT_DEPS, Grammar, prep_object, relation

# CAMEO codes an actor's own announced act by what it announces: a future act of cooperation is an
# intent (03x), of conflict a threat (13x), and a refusal to cooperate a rejection (12x). Each table maps a
# code family (its prefix; the longest prefix wins) to the code of that intent, threat or rejection.
_INTENT = {
    "04": "036", "05": "032", "057": "030", "06": "031", "061": "0311", "062": "0312", "063": "0313",
    "064": "0314", "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334", "08": "035",
    "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344",
    "084": "0353", "085": "0354", "086": "0355", "087": "0356",
}
_THREAT = {
    "14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134",
    "165": "135", "166": "136", "17": "137", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323",
    "1724": "1324", "18": "138", "19": "138", "191": "1381", "192": "1382", "20": "138",
}
_REFUSAL = {
    "03": "120", "04": "125", "05": "120", "06": "121", "061": "1211", "062": "1212", "07": "122",
    "071": "1221", "072": "1222", "073": "1223", "074": "1224", "08": "124", "081": "1241", "082": "1242",
    "083": "123", "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234", "084": "1243",
    "085": "1244", "086": "1245", "087": "1246",
}


def _family_code(table: dict[str, str], code: str) -> str | None:
    prefix = next((code[:n] for n in range(len(code), 1, -1) if code[:n] in table), None)
    return table[prefix] if prefix is not None else None


def threat_code(code: str) -> str | None:
    """The threat to do what ``code`` codes ("will impose sanctions": 163 -> 1312), None outside conflict."""
    return _family_code(_THREAT, code)


def announced_code(code: str, negated: bool) -> str | None:
    """The code of an actor announcing its own act: an intent to cooperate (073 -> 0333), a threat (163 ->
    1312), or for an announced refusal to cooperate ("will not accept refugees") a rejection (075 -> 122);
    None where CAMEO has no such code (an announced statement or demand stays what it is)."""
    if negated:
        return _family_code(_REFUSAL, code)
    return _family_code(_INTENT, code) or threat_code(code)


def plover_type(dictionary: EventDictionary, info: CodeInfo, mode: str) -> str:
    """The PLOVER type of an event of code ``info`` in ``mode``. PLOVER's manual takes every cooperative act
    reported in the future tense as an intention (AGREE), and its THREATEN covers the coercive acts an actor
    says it will take; so a future act is typed as the intent or threat CAMEO would code it as ("will provide
    food aid": 073 -> AGREE, "plans to impose restrictions": 172 -> THREATEN). Other modes keep the code's
    own type."""
    if mode == "future":
        announced = announced_code(info.code, False)
        if announced in dictionary.codes:
            return dictionary.codes[announced].plover
    return info.plover


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

    def match_received(self, token: Token) -> Candidate | None:
        """For a verb of receiving ("received weapons from North Korea"), the pattern its object fits as the
        object of a verb of giving (``giving_verbs``: "provide weapon", 072), the first that fits; a pattern of
        the giving verb alone ("supply") says nothing of what was received ("received a letter")."""
        for giving in self.grammar.lex.giving_verbs:
            candidate = self._match(token, self.dictionary.verbs, giving)
            if candidate is not None and candidate.pattern.others:
                return candidate
        return None

    def match_noun(self, token: Token) -> Candidate | None:
        """The best noun pattern for a token, refined by its clause's cue words."""
        return self._match(token, self.dictionary.nouns)

    def _match(self, token: Token, index: dict[str, list[Pattern]], lemma: str | None = None) -> Candidate | None:
        patterns = index.get(lemma or self.grammar.lemma(token))
        if not patterns:
            return None
        dependents = self.grammar.dependents(token)
        fitting = [p for p in patterns if all(map(dependents.__contains__, p.others))]
        if not fitting:
            return None
        # the most specific pattern; among equals, content words over prepositions, words nearer the
        # predicate ("demanded that Belarus withdraw its troops": withdraw before troops), the finer code
        pattern = max(fitting, key=lambda p: (p.specificity, -sum(w in self.dictionary.prepositions for w in p.others),
                                              -sum(dependents[w] for w in p.others), len(p.code)))
        refined = self.refine(pattern.code, token)
        threat = self._threat(refined, token)
        if threat is not None and threat in self.dictionary.codes:
            refined = threat
        if refined != pattern.code:
            pattern = replace(pattern, code=refined)
        return Candidate(pattern, token)

    def _threat(self, code: str, token: Token) -> str | None:
        """"vowed to punish Israel", "pledged to strike back": an intent (03) whose complement is a
        hostile act is a threat, of the kind the complement's root says (CAMEO 13x); so is a threat not
        specified (130) by what it threatens ("warned that it would strike Israel": 138)."""
        lex = self.grammar.lex
        ready = any(c.dep_ == "acomp" and c.lower_ in lex.ready_words for c in token.children)
        if code != "130" and (not code.startswith("03") or (self.grammar.lemma(token) not in lex.threat_heads
                                                            and not ready)):
            return None  # "vowed to punish", "is prepared to impose martial law"
        for clause in self.grammar.complements(token):
            if self.grammar.lemma(clause) in lex.hostile_verbs:
                return "130"
            inner = self._match(clause, self.dictionary.verbs) if clause.pos_ in ("VERB", "AUX") else None
            threat = threat_code(inner.pattern.code) if inner is not None else None
            if threat is not None:
                return threat
        return None

    def refine(self, code: str, token: Token) -> str:
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
        """Does the noun report an event ("Putin's visit", "talks were held", "staged an attack", an attack
        "by" one party "on" another), rather than name one inside another act ("suspended negotiations",
        "condemned the strike")?"""
        if any(c.dep_ == "poss" for c in noun.children) or relation(noun) in ("nsubj", "nsubj:pass", "ROOT"):
            return True
        if relation(noun) in OBJECT_DEPS and self.grammar.lemma(noun.head) in self.grammar.lex.light_verbs:
            return True
        if self.grammar.undergoer(noun) is not None:
            return True  # "is facing charges", "under investigation by the FBI"
        agent = self.grammar.agent(noun)
        if agent is not None and any(prep_object(t, p) is not None for t in (noun, agent) for p in ("on", "against")):
            # "in retaliation for deadly attacks by Hamas militants on southern Israel" (the parser may hang
            # the target on the agent)
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
    """"has been cooperating since 2015": an ongoing state, not a new event ("has not sent weapons since
    December" is an act denied, coded negated)."""
    children = list(predicate.children)
    perfect_progressive = predicate.tag_ == "VBG" and {"been"} <= {c.lower_ for c in children} and any(
        c.lemma_ == "have" for c in children)
    since = any(c.dep_ == "prep" and c.lower_ == "since" for c in children) and not any(
        c.dep_ == "neg" for c in children)
    return perfect_progressive or (since and any(c.lemma_ == "have" for c in children if c.dep_ == "aux"))


def same_party(first: str | None, second: str | None) -> bool:
    """Whether two actor codes name one party: the same code, or a state and its own government (RUS, RUSGOV).

    A venue such as "at the Kremlin" beside "Putin" must not make Russia act on its own government."""
    if not first or not second:
        return False
    if first == second:
        return True
    return {first, second} == {first[:3], first[:3] + "GOV"} and first[:3] == second[:3]
