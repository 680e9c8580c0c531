"""Precision: sentences and clauses that report no act, whatever verb they use.

Each test is a class of text, not a sentence: questions, sport reports where a country or city names a
team, firms, works and crime news where a place is only where someone is from, election results, crime
news (a private person charged or arrested by their own state), accidents and disasters, acts only
feared, planned, cancelled, owed, wished or asked about, and verbs whose object is a thing made or said
("released a letter") or no party at all ("recognises four types of violence"). The word lists are the
language's (events/lexicon).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from dyads.events.syntax import OBJECT_DEPS, SUBJECT_DEPS, Grammar, relation
from dyads.extract.plaintext import read_dateline
from dyads.kb.link import PROVISIONAL_PREFIX
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
# Acts of words (pressure, criticism) whose verbs also tell of fighting ("put pressure on Ukrainian
# defences"): read as fighting when what they fall on is a front line.
_VERBAL_ROOTS = {"10", "11"}
# Codes of acts of justice and policing: accusing, suing and convicting (112, 115, 116), coercion (17).
_JUSTICE_CODES = ("112", "115", "116", "17")
# Sectors that are the state itself: government, armed forces, police.
_STATE_SECTORS = {"GOV", "MIL", "COP"}
# Sectors of state bodies besides the government, forces and police: courts, parliaments, spies.
_STATE_BODY_SECTORS = {"JUD", "LEG", "SPY"}
# The sector of firms.
_FIRM_SECTOR = "BUS"
# Roots of the public acts a firm takes part in with a state body: promises (03), talks (04), agreements and
# cooperation (05, 06: a state body buying from a firm), aid (07: a bailout, a subsidy), yielding (08),
# investigations (09), demands (10), accusations, lawsuits and convictions (11), sanctions (16) and
# coercion (17: charges, seizures, fines).
_PUBLIC_ROOTS = {"03", "04", "05", "06", "07", "08", "09", "10", "11", "16", "17"}
# Acts only the state does, whose agent an agentless passive leaves to the verb: arrest, detain, charge.
_AUTHORITY_CODES = ("173",)


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
        return self._accident(predicate, root) or self._unreal(predicate) or self._owed(predicate) \
            or (root in _MATERIAL_ROOTS and self._wrong_sense(predicate)) \
            or (root in _VERBAL_ROOTS and self._on_front(predicate))

    def domain(self, span: Span) -> str | None:
        """The sentence's domain where a place is no party: "sport", "business" (firms and products),
        "entertainment" or "crime"; None for any other sentence."""
        if self.sport(span):
            return "sport"
        words = {t.lower_ for t in span} | {self.grammar.lemma(t) for t in span}
        for name, vocabulary in (("business", self.lex.business_words),
                                 ("entertainment", self.lex.entertainment_words), ("crime", self.lex.crime_words)):
            if words & vocabulary:
                return name
        return None

    def team_event(self, predicate: Token, span: Span, sources: list[Mention], targets: list[Mention]) -> bool:
        """A game, an election or a firm's or artist's doing, with places for parties: "Russia beat Croatia
        on Monday", "Kentucky Democrats beat incumbent Gov. Bevin", "Toyota says the battery ...", "the Serbian
        duo gives Amsterdam its starry night back". A country, a city or a nationality names a party only in
        a political sentence."""
        named = [m for m in sources + targets if m is not None]
        contest = self.grammar.lemma(predicate) in self.lex.contest_verbs
        if contest and named and any(t.lower_ in self.lex.election_words for t in span):
            return True  # an election result, whoever the sides are
        if not named or not all(_place(m) for m in named):
            return False
        return contest or self.domain(span) in ("sport", "business", "entertainment")

    def idle_statement(self, verb: Token, span: Span, speaker: Mention, target: Mention | None) -> bool:
        """A statement in a sentence about a game, a firm, a work or a crime that names no party besides
        the speaker ("'The boot was full of drugs,' added Mr Crowson"), or whose sides are only places."""
        if target is None and self.domain(span) is not None:
            return True
        return self.team_event(verb, span, [speaker], [target] if target is not None else [])

    def crime_only(self, code: str, source: Mention, target: Mention | None, place: str | None, span: Span
                   ) -> bool:
        """Crime news between private persons: a private person accusing, suing or attacking another of their
        own country ("a man stabbed his neighbour"), or a private person attacked by no one named ("Anna Berg
        was shot dead"). Acts of the state's authority on a person are events, as CAMEO codes them: police
        arresting, prosecutors charging, a jury convicting ("Boston police arrested Lena Ortiz", USACOP ->
        USA 173), and an arrest, detention or charge in an agentless passive, whose agent the verb tells
        ("Justin Pittman was later charged with murder": police and prosecutors arrest and charge; the
        source is left empty). A political person ("opposition leader Navalny") or a foreigner attacked
        abroad (``place``, the country of the event's location, is another than the person's) is no
        private person; a person named by their place ("a Denver man", in ``span``) is one."""
        if target is None or not code.startswith(_JUSTICE_CODES + tuple(_FORCE_ROOTS)):
            return False
        country = (target.code or "")[:3]
        unknown = target.actor_id.startswith(PROVISIONAL_PREFIX) and len(target.code or "") <= 3
        if not (unknown or self.people_of_place(target, span)):
            return False  # a known actor, or a person whose title gave a sector
        if source.kind == "implicit" or not source.code:
            if code.startswith(_AUTHORITY_CODES):
                return False  # "was arrested", "was charged with": only the state arrests and charges
            return place is None or place == country  # "Anna Berg was shot dead in Denver" too
        if code[:2] in _FORCE_ROOTS:
            return False  # a named party's violence on a person
        return self._private(source) and source.code[:3] == country

    def _private(self, source: Mention) -> bool:
        """Whether a source is a private party: a person the base does not know and no title made an
        official ("Anna Smith", not "prosecutor Tim Hollis"), or a private sector (citizens, firms)."""
        code = source.code or ""
        if source.actor_id.startswith(PROVISIONAL_PREFIX) and len(code) == 3:
            return True
        return code[3:6].lower() in self.lex.private_sectors

    @staticmethod
    def firm_business(code: str, source: Mention | None, target: Mention | None) -> bool:
        """Business news: a firm the base does not know ("WeWork", "the lender HSBC") as a party to anything
        but a public act between it and a state body: an investigation, a lawsuit, a charge, a fine, a
        sanction, a demand or an agreement ("the New York attorney general is investigating WeWork" is one;
        "WeWork signed a lease with Google" is not)."""
        sides = [m for m in (source, target) if m is not None]
        firms = [m for m in sides if m.kind == "org" and (m.code or "")[3:6] == _FIRM_SECTOR]
        if not firms:
            return False
        others = [m for m in sides if m not in firms]
        return code[:2] not in _PUBLIC_ROOTS or not others or not all(_state_body(m) for m in others)

    @staticmethod
    def state_protest(source: Mention) -> bool:
        """Whether a protest's source is a state or its government, forces or police: a state "blocking"
        access is a blockade, a president's rally a campaign event; neither is a protest against no one or
        against the state itself (a diplomatic protest names its target)."""
        code = source.code or ""
        return (len(code) == 3 and not source.actor_id.startswith("group:")) or code[3:6] in _STATE_SECTORS

    def people_of_place(self, mention: Mention, span: Span) -> bool:
        """Whether a country or place mention only says where private persons are from or live ("a Syrian
        refugee", "Rukban residents", "the US lawyers"): those persons are no state acting."""
        if not _place(mention):
            return False
        token = next((t for t in span if t.idx == mention.start), None)
        return token is not None and token.dep_ in ("amod", "compound", "nmod") \
            and self.grammar.lemma(token.head) in self.lex.unnamed_parties

    def needs_party(self, predicate: Token) -> bool:
        """Whether the predicate's verb is an event only with a party acted on ("recognised Kosovo", not
        "recognises four types of violence"; "defended Ukraine", not "defending itself")."""
        return self.grammar.lemma(predicate) in self.lex.party_object_verbs

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
            if node.dep_ in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "dobj") \
                    and self.grammar.lemma(head) in self.lex.unreal_heads \
                    and not (head.pos_ == "VERB" and self.grammar.lemma(head) in self.lex.future_heads):
                return True  # "a plan to return people", "canceled his trip"; the verb "plans to" is a future
            if node.dep_ not in ("xcomp", "ccomp", "acl", "pcomp", "pobj", "prep", "conj", "dobj"):
                return False
            node = head
        return False

    def _owed(self, predicate: Token) -> bool:
        """"The refugees must not be forced to ...": what must or must not be done has not been done (a
        speaker's "must" on another party is a demand, coded from the statement)."""
        return any(c.dep_ == "aux" and c.lower_ in self.lex.obligation_words for c in predicate.children)

    def _on_front(self, predicate: Token) -> bool:
        """"put pressure on Ukrainian defences", "pushed back on the Russian lines": the object, or the
        object of one of the predicate's prepositions, is a front line (``front_nouns``), so the verb tells
        of fighting, not of words."""
        phrases = [c for c in predicate.children if relation(c) in OBJECT_DEPS]
        phrases += [g for c in [predicate, *phrases] for p in c.children if p.dep_ == "prep"
                    for g in p.children if g.dep_ == "pobj"]
        return any(self.grammar.lemma(p) in self.lex.front_nouns or p.lower_ in self.lex.front_nouns
                   for p in phrases)

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


def _state_body(mention: Mention) -> bool:
    """Whether a mention is a state or one of its bodies (government, forces, police, courts, parliament,
    spies) or an intergovernmental organisation, rather than a person or a private party."""
    code = mention.code or ""
    if mention.kind == "implicit" or mention.actor_id.startswith(PROVISIONAL_PREFIX) and len(code) <= 3:
        return False
    return code[3:6] in _STATE_SECTORS | _STATE_BODY_SECTORS or code[:3] == "IGO" \
        or (len(code) == 3 and not mention.actor_id.startswith("group:"))


def _place(mention: Mention) -> bool:
    """Whether a mention is a bare country, a nationality or a place ("Canada", "Serbian", "Amsterdam",
    "Toyota" read as the Japanese city) rather than a named body or person."""
    if mention.actor_id.startswith("group:"):
        return False
    code = mention.code or ""
    return mention.actor_id.startswith("geo:") or len(code) == 3 \
        or (mention.actor_id == code[:3] and code[3:] == "GOV")  # a capital for its government
