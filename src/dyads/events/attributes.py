"""An event's attributes: mode (asserted, negated, hypothetical, future, alleged), date, place and
confidence."""

from __future__ import annotations

from spacy.tokens import Span, Token

from dyads.events.predicates import Candidate
from dyads.events.syntax import Grammar, relation
from dyads.kb.base import KnowledgeBase
from dyads.nlp import ParsedDocument
from dyads.time import speaks_of_future
from dyads.types import Location, Mention, TimeExpression


def place_of(kb: KnowledgeBase, mention: Mention) -> Location | None:
    """The place a mention names: a location, a city named for its government ("in Moscow"), a state."""
    actor = kb.actors.get(mention.actor_id)
    if actor is None:
        return None
    if actor.type == "location":
        return Location(actor.name, actor.country, actor.lat, actor.lon, actor.actor_id)
    if mention.kind == "metonym":  # "in Moscow": the city, not the government
        for candidate in kb.lookup(mention.surface):
            if candidate.type == "location":
                return Location(candidate.name, candidate.country, candidate.lat, candidate.lon,
                                candidate.actor_id)
    if actor.type == "state":
        return Location(actor.name, actor.country, actor.lat, actor.lon, actor.actor_id)
    return None


class Attributes:
    """Mode, date, place and confidence of a coded predicate."""

    def __init__(self, kb: KnowledgeBase, grammar: Grammar):
        self.kb = kb
        self.grammar = grammar

    def mode(self, predicate: Token, span: Span) -> str:
        """How the sentence reports the act: negated, hypothetical, future, alleged or asserted."""
        lex, lemma = self.grammar.lex, self.grammar.lemma
        if predicate.pos_ == "NOUN" and (light := self.grammar.light_verb(predicate)) is not None:
            predicate = light  # "have not carried out mass deportations": the light verb's clause tells the mode
        children = list(predicate.children)
        heads = [predicate.head] if predicate.head.i != predicate.i else []  # spaCy makes new Token objects
        if any(c.dep_ == "neg" or c.lower_ in lex.negation_words for c in children) or any(
            lemma(h) in lex.negating_heads for h in heads if predicate.dep_ == "xcomp"
        ):
            return "negated"
        clause_words = {c.lower_ for c in children}
        conditional = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.hypothetical_marks
                                                    for m in c.children) for c in children)
        if "would" in clause_words and not conditional and self.reported(predicate):
            return "future"  # "said it would expel": the future of reported speech, not a hypothesis
        if clause_words & lex.hypothetical_words or any(c.dep_ == "mark" and c.lower_ in lex.hypothetical_marks
                                                         for c in children):
            return "hypothetical"
        if predicate.doc.lang_ != "en" and any(lemma(h) in lex.hypothetical_words for h in heads
                                               if predicate.dep_ == "xcomp"):
            return "hypothetical"  # "pourrait riposter", "может ответить": the modal is the head in UD
        if speaks_of_future(children) or any(lemma(h) in lex.future_heads for h in heads
                                             if predicate.dep_ == "xcomp"):
            return "future"
        if predicate.doc.lang_ != "en" and ("Fut" in predicate.morph.get("Tense") or any(
                relation(c) == "aux" and lemma(c) in lex.future_heads for c in children)):
            return "future"  # "livrera", "передадут" (a perfective non-past), "va fournir"
        if self._alleged(predicate):
            return "alleged"
        return "asserted"

    def _alleged(self, predicate: Token) -> bool:
        """Is the act only alleged? A cue ("reportedly", "according to", "accused X of", "denied that")
        governs its own clause and what that clause embeds, not the rest of the sentence: from the
        predicate up through complements (and, for an event noun, its clause) to the first cue."""
        lex, lemma = self.grammar.lex, self.grammar.lemma
        phrases = [p.split() for p in lex.alleged_phrases]
        node = predicate
        for _ in range(6):
            for child in node.children:
                if child.lower_ in lex.alleged_words:
                    return True
                following = [t.lower_ for t in child.doc[child.i:child.i + 3]]
                if any(following[:len(words)] == words for words in phrases):
                    return True  # "according to officials"
            if self.grammar.accuser(node) is not None:
                return True  # "accused Tehran of supplying drones": the supplying is alleged
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ in ("xcomp", "ccomp") and lemma(head) in lex.alleged_heads | lex.denying_heads:
                return True  # "reported that ...", "denied that its troops attacked ..."
            own_subject = any(relation(c) in ("nsubj", "nsubj:pass") for c in node.children)
            climbs = node.dep_ in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "obj", "attr", "acomp",
                                   "nsubj", "nsubjpass") or relation(node) in ("obl", "nsubj:pass") \
                or (node.dep_ in ("conj", "advcl") and not own_subject)
            if not climbs:
                return False
            node = head
        return False

    def reported(self, predicate: Token) -> bool:
        """Is the predicate what a statement verb reports ("the ministry said it would ...")?"""
        clause = predicate
        for _ in range(3):
            if clause.dep_ in ("ccomp", "parataxis") and clause.head.i != clause.i:
                return self.grammar.lemma(clause.head) in self.grammar.lex.statement_verbs
            if clause.dep_ not in ("xcomp", "conj") or clause.head.i == clause.i:
                return False
            clause = clause.head
        return False

    @staticmethod
    def date(parsed: ParsedDocument, predicate: Token, times: list[TimeExpression], mode: str):
        """Date, precision, where the date came from and its text: the time expression nearest the
        predicate (inside its clause first), else the publication date."""
        resolved = [t for t in times if t.value]
        if resolved:
            subtree = list(predicate.subtree)
            lo, hi = subtree[0].idx, subtree[-1].idx + len(subtree[-1])
            inside = [t for t in resolved if lo <= t.start < hi]
            chosen = min(inside or resolved, key=lambda t: abs(t.start - predicate.idx))
            return chosen.value, chosen.precision, "context" if chosen.anchor == "context" else "sentence", \
                chosen.text
        if parsed.document.published and not any(t.anchor == "unresolved" for t in times):
            return parsed.document.published, parsed.document.published_precision, "publication", None
        return None, None, "unknown", None

    def location(self, predicate: Token, token_mention: dict[int, Mention]) -> Location | None:
        """Where the action lands: the destination of sending, deploying or travel ("dispatched from
        Moscow to the Iranian city of Tabriz": Tabriz), else the venue or the place struck ("met in
        Geneva", "struck camps in Pakistan"), the origin ("from") last; named places before states
        ("outside the French embassy in Niamey": the city, not the embassy's country)."""
        lex = self.grammar.lex
        found = []
        for token in predicate.subtree:
            if token.dep_ != "pobj" or token.head.lower_ not in lex.locative_preps:
                continue
            prep = token.head.lower_
            rank = 0 if prep in lex.destination_preps else 2 if prep in lex.origin_preps else 1
            for named in self._named_in(token, token_mention):
                place = place_of(self.kb, named)
                if place is not None:
                    actor = self.kb.actors.get(place.actor_id)
                    found.append((rank, actor is None or actor.type != "location", token.i, place))
        return min(found, key=lambda f: f[:3])[3] if found else None

    @staticmethod
    def _named_in(token: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The mention a locative object names: itself, or the place in "the Iranian city of Tabriz"."""
        if token.i in token_mention:
            return [token_mention[token.i]]
        return [token_mention[g.i] for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for g in c.children if g.dep_ == "pobj" and g.i in token_mention]

    @staticmethod
    def confidence(candidate: Candidate, source: Mention, target: Mention | None) -> float:
        """Pattern specificity and actor confidence, half each."""
        pattern_weight = min(1.0, 0.6 + 0.15 * candidate.pattern.specificity)
        actor_weight = (source.confidence + (target.confidence if target else 0.5)) / 2
        return round(0.5 * pattern_weight + 0.5 * actor_weight, 3)
