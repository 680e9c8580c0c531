"""Event coding over dependency parses: predicate, source, target, code, mode, date, place."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from dyads.events.dictionary import PREPOSITIONS, EventDictionary, Pattern, code_family
from dyads.kb.base import KnowledgeBase
from dyads.nlp import ParsedDocument
from dyads.time import speaks_of_future
from dyads.types import Event, Location, Mention, TimeExpression

_SUBJECT_DEPS = {"nsubj", "csubj"}
_PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
_OBJECT_DEPS = {"dobj", "obj", "attr", "dative"}
_MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "npadvmod"}
# Prepositions whose object can be the target; "in", "near", "over" name places and topics.
_TARGET_PREPS = ("with", "to", "against", "on", "for", "toward", "towards", "at", "into", "between", "outside",
                 "around", "from")
# Acts that the news reports in agentless passives ("Russia is accused of ...", "X was arrested").
_AGENTLESS_ROOTS = {"11", "12", "16", "17", "18", "19", "20"}
# Verbs that only carry a nominal event: "hold talks", "carry out an attack", "pay a visit".
_LIGHT_VERBS = {"hold", "conduct", "have", "begin", "start", "launch", "carry", "make", "pay", "stage", "host",
                "resume", "continue", "mount", "open", "announce", "impose", "order", "complete", "end"}
_SPEECH_VERBS = {"say", "tell", "state", "add", "note", "write", "reply", "comment"}
_PRONOUNS = {"he", "she", "him", "her"}
# Verbs whose subject can be a set of parties acting with each other ("Russia and China held drills").
_SYMMETRIC_ROOTS = {"03", "04", "05", "06", "08"}
_SYMMETRIC_VERBS = {"exchange", "trade", "swap", "clash"}
_LOCATIVE_PREPS = {"in", "at", "near", "outside", "inside", "to", "from", "into"}
_HYPOTHETICAL_AUX = {"could", "might", "may", "would", "should"}
_FUTURE_HEADS = {"plan", "intend", "expect", "aim", "prepare", "schedule", "set"}
_ALLEGED_WORDS = {"reportedly", "allegedly", "purportedly", "supposedly"}
_ALLEGED_HEADS = {"accuse", "allege", "claim", "report", "rumor", "rumour", "suspect"}
_NEGATING_HEADS = {"fail", "decline"}
# Verbs whose complement is what they code ("threatened to attack" is a threat, "urged to
# withdraw" an appeal): the embedded verb is not a second event.
_EMBEDDING_HEADS = {"threaten", "warn", "vow", "pledge", "promise", "offer", "propose", "demand", "urge", "call",
                    "ask", "appeal", "refuse", "deny", "reject", "agree", "express", "request", "invite", "seek",
                    "be", "signal", "voice", "decline"}


# Acts whose target a report may leave to the paragraph ("the reimposition of sanctions").
_TOPIC_TARGET_ROOTS = {"16"}
# Acts of force whose target may be only the place struck ("struck camps in Pakistan").
_FORCE_ROOTS = {"18", "19", "20"}
# Nouns whose "with" or "between" names the other party: "its border with Ukraine".
_RELATIONAL_NOUNS = {"border", "frontier", "boundary", "relation", "relations", "tie", "ties", "line"}
_NO_PATTERN = Pattern("", "", (), None)
# Title and body nouns whose "of" phrase names a country's sector: "the presidents of Kenya and
# Tanzania", "the armies of Thailand and Cambodia".
_TITLE_SECTORS = {
    **dict.fromkeys(["president", "presidents", "leader", "leaders", "minister", "ministers", "premier",
                     "premiers", "king", "queen", "emir", "chancellor", "government", "governments",
                     "head", "heads", "envoy", "envoys", "ambassador", "ambassadors", "official", "officials",
                     "delegation", "delegations", "diplomat", "diplomats", "authorities", "ministry",
                     "ministries"], "GOV"),
    **dict.fromkeys(["army", "armies", "military", "militaries", "troops", "forces", "navy", "navies"], "MIL"),
    **dict.fromkeys(["police"], "COP"),
    **dict.fromkeys(["parliament", "parliaments", "lawmakers"], "LEG"),
    **dict.fromkeys(["people", "citizens", "civilians"], "CVL"),
}
# Speech verbs that make an event when said about a party: "commented on the Philippine elections".
_ABOUT_SPEECH_VERBS = {"comment"}


@dataclass
class _Candidate:
    pattern: Pattern
    predicate: Token


_BRITISH = {"criticise": "criticize", "recognise": "recognize", "apologise": "apologize", "mobilise": "mobilize",
            "organise": "organize", "authorise": "authorize", "normalise": "normalize", "jeopardise": "jeopardize",
            "legitimise": "legitimize", "stabilise": "stabilize", "destabilise": "destabilize",
            "sympathise": "sympathize", "emphasise": "emphasize", "characterise": "characterize",
            "militarise": "militarize", "demilitarise": "demilitarize", "nationalise": "nationalize",
            "privatise": "privatize", "pressurise": "pressure", "defence": "defense"}


_TOWARD_PREPS = ("to", "toward", "towards", "into", "near", "along", "on", "at")
_FORCE_SECTORS = {"MIL", "COP", "SPY"}


def _is_bare_force(mention: Mention) -> bool:
    """"troops", "forces", "police": armed men of no named country (they belong to the acting side)."""
    return mention.actor_id.startswith("group:") and (mention.code or "") in _FORCE_SECTORS


# "was ready to hold talks": adjectives that make their complement an intent
_READY_WORDS = {"ready", "willing", "prepared", "committed"}


def _complements(verb: Token) -> list[Token]:
    """Complement clauses of a verb, also through a readiness adjective ("is ready to talk")."""
    found = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
    for child in verb.children:
        if child.dep_ == "acomp" and child.lower_ in _READY_WORDS:
            found += [c for c in child.children if c.dep_ in ("xcomp", "ccomp")]
    return found


def _embedder(token: Token) -> Token | None:
    """The verb that embeds a complement as what it codes ("threatened to attack", "is ready to talk")."""
    if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
        return None
    head = token.head
    if _lemma(head) in _EMBEDDING_HEADS:
        return head
    if head.dep_ == "acomp" and head.lower_ in _READY_WORDS and head.head.i != head.i:
        return head.head
    return None


def _light_verb(noun: Token) -> Token | None:
    """The light verb carrying a nominal event ("held a demonstration", "a rally was staged")."""
    if noun.dep_ in ("dobj", "obj", "nsubjpass") and noun.head.lemma_.lower() in _LIGHT_VERBS:
        return noun.head
    return None


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    return _BRITISH.get(lemma, lemma)


def _dependents(token: Token, depth: int = 3) -> dict[str, int]:
    """Lemmas of a predicate's dependents down to ``depth`` (objects, particles, prepositions), with
    the level each is first found at."""
    found: dict[str, int] = {}
    frontier = [token]
    for level in range(depth):
        # a complement clause is what is demanded, threatened or refused ("demanded that Washington lift
        # all sanctions"): its words count, but only below the predicate itself
        frontier = [c for t in frontier for c in t.children
                    if c.dep_ not in ("nsubj", "advcl", "relcl")
                    and not (c.dep_ == "ccomp" and (level or _lemma(t) in _SPEECH_VERBS))
                    and not (c.dep_ == "conj" and c.pos_ == "VERB")]
        for c in frontier:
            found.setdefault(_lemma(c), level)
            found.setdefault(c.lower_, level)
    return found


def _clause_words(token: Token, depth: int = 4) -> set[str]:
    """Lemmas and words of a predicate's own clause, its subject and complements included."""
    found = {_lemma(token), token.lower_}
    frontier = [token]
    for _ in range(depth):
        frontier = [c for t in frontier for c in t.children
                    if c.dep_ not in ("advcl", "relcl", "punct")
                    and not (c.dep_ == "ccomp" and _lemma(t) in _SPEECH_VERBS)
                    and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
        found.update(_lemma(c) for c in frontier)
        found.update(c.lower_ for c in frontier)
    return found


class EventCoder:
    """Codes events in parsed documents with a pattern dictionary and linked mentions."""

    def __init__(self, dictionary: EventDictionary, kb: KnowledgeBase):
        self.dictionary = dictionary
        self.kb = kb
        self._previous_mentions: list[Mention] = []  # the sentence before, in the same paragraph

    # -- public ------------------------------------------------------------------------
    def code(self, parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]) -> list[Event]:
        """Events of a parsed document."""
        events: list[Event] = []
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
        times_by_sentence: dict[int, list[TimeExpression]] = {}
        for expression in times:
            times_by_sentence.setdefault(expression.sentence_index, []).append(expression)
        context: TimeExpression | None = None  # the last date told in this paragraph
        previous_end = 0
        self._previous_mentions = []
        for sentence, span in zip(parsed.sentences, parsed.doc.sents, strict=True):
            if "\n" in parsed.document.text[previous_end:sentence.start]:
                context = None  # a new paragraph starts a new scene
                self._previous_mentions = []
            previous_end = sentence.end
            sentence_times = times_by_sentence.get(sentence.index, [])
            resolved = [t for t in sentence_times if t.value]
            if resolved:
                context = replace(resolved[-1], anchor="context")
            elif context is not None and not sentence_times:
                # "Within hours, two planes were dispatched": the paragraph's last date
                sentence_times = [context]
            sentence_mentions = by_sentence.get(sentence.index, [])
            if sentence_mentions:
                events += self._distinct(self._code_sentence(parsed, sentence.index, span, sentence_mentions,
                                                             sentence_times))
            self._previous_mentions = sentence_mentions
        return events

    @staticmethod
    def _distinct(events: list[Event]) -> list[Event]:
        """One event per source, target, code and mode in a sentence (a verb and its noun both coding it)."""
        best: dict[tuple, Event] = {}
        for event in events:
            key = (event.source_actor_id, event.source_code, event.target_actor_id, event.target_code, event.cameo,
                   event.mode)
            if key not in best or event.confidence > best[key].confidence:
                best[key] = event
        return list(best.values())

    # -- per sentence --------------------------------------------------------------------
    def _code_sentence(self, parsed: ParsedDocument, index: int, span: Span, mentions: list[Mention],
                       times: list[TimeExpression]) -> list[Event]:
        token_mention = {}
        for mention in mentions:
            for token in span:
                if mention.start <= token.idx < mention.end:
                    token_mention[token.i] = mention
        events: list[Event] = []
        used_nouns: set[int] = set()
        for token in span:
            if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
                embedder = _embedder(token)
                if embedder is not None and self._match(embedder, self.dictionary.verbs) is not None:
                    # "offered to host talks": the offer is the event, not the talks
                    used_nouns.update(c.i for c in token.children if c.dep_ in _OBJECT_DEPS)
                    continue
                candidate = self._match(token, self.dictionary.verbs)
                if candidate is None:
                    continue
                sources, targets = self._verb_arguments(token, candidate.pattern, token_mention)
                used_nouns.update(c.i for c in token.children if c.dep_ in _OBJECT_DEPS)
                if _lemma(token) in _EMBEDDING_HEADS:  # "offered to host talks" (host parsed as a noun)
                    used_nouns.update(g.i for c in _complements(token) for g in c.children
                                      if g.dep_ in _OBJECT_DEPS)
            elif token.pos_ == "NOUN" and token.i not in used_nouns and self._nominal_event(token):
                candidate = self._match(token, self.dictionary.nouns)
                if candidate is None:
                    continue
                sources, targets = self._noun_arguments(token, candidate.pattern, token_mention)
            else:
                continue
            events += self._make_events(parsed, index, span, candidate, sources, targets, times, token_mention)
        return events

    @staticmethod
    def _nominal_event(noun: Token) -> bool:
        """Does the noun report an event ("Putin's visit", "talks were held", "staged an attack"), rather
        than name one inside another act ("suspended negotiations", "condemned the strike")?"""
        if any(c.dep_ == "poss" for c in noun.children) or noun.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            return True
        if noun.dep_ in _OBJECT_DEPS and _lemma(noun.head) in _LIGHT_VERBS:
            return True
        if noun.dep_ == "conj":
            # "the U.S. withdrawal from the deal and the subsequent reimposition of sanctions"
            head = noun
            for _ in range(4):
                if head.dep_ not in ("conj", "pobj", "prep") or head.head.i == head.i:
                    break
                head = head.head
                if head.pos_ == "NOUN" and head.dep_ not in ("pobj", "conj"):
                    return EventCoder._nominal_event(head)
        return False

    def _match(self, token: Token, index: dict[str, list[Pattern]]) -> _Candidate | None:
        patterns = index.get(_lemma(token))
        if not patterns:
            return None
        dependents = _dependents(token)
        fitting = [p for p in patterns if all(word in dependents for word in p.others)]
        if not fitting:
            return None
        # the most specific pattern; among equals, content words over prepositions, words nearer the
        # predicate ("demanded that Belarus withdraw its troops": withdraw before troops), the finer code
        pattern = max(fitting, key=lambda p: (p.specificity, -sum(w in PREPOSITIONS for w in p.others),
                                              -sum(dependents[w] for w in p.others), len(p.code)))
        refined = self._refine(pattern.code, token)
        if refined != pattern.code:
            pattern = replace(pattern, code=refined)
        return _Candidate(pattern, token)

    def _refine(self, code: str, token: Token) -> str:
        """A finer code of the same family whose cue words occur in the predicate's clause
        ("demanded that Israel halt its offensive": 100 -> 1056)."""
        family = code_family(code)
        options = [(c, cues) for c, cues in self.dictionary.cues.items() if c.startswith(family) and c != code
                   and len(c) >= len(code)]
        if not options:
            return code
        words = _clause_words(token)
        best, best_key = code, (0, 0)
        for candidate, cues in options:
            matched = max((len(cue) for cue in cues if all(w in words for w in cue)), default=0)
            if matched and (matched, len(candidate)) > best_key:
                best, best_key = candidate, (matched, len(candidate))
        return best

    # -- arguments -----------------------------------------------------------------------
    def _actors_of(self, token: Token | None, token_mention: dict[int, Mention]) -> list[Mention]:
        """The actors a noun phrase headed by ``token`` refers to, conjuncts included."""
        if token is None:
            return []
        if token.lemma_.lower() == "front":  # "in front of the embassy"
            token = next((g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"),
                         token)
        found: list[Mention] = []
        for head in [token, *token.conjuncts]:
            titled = self._of_actors(head, token_mention)
            if titled:
                found += [m for m in titled if m not in found]
                continue
            mention = self._head_mention(head, token_mention)
            if mention is None and head.lower_ in _PRONOUNS:
                mention = self._antecedent(head, token_mention)
            if mention is not None and mention not in found:
                found.append(mention)
            # "Saudi Arabia, the UAE, Bahrain and Egypt" parsed as appositions
            for child in head.children:
                if child.dep_ == "appos":
                    for other in (child, *child.conjuncts):
                        extra = token_mention.get(other.i)
                        if extra is not None and extra not in found:
                            found.append(extra)
            # "Russian and Chinese warships": coordinated modifiers are actors of their own
            for child in head.children:
                if child.dep_ in ("amod", "compound", "nmod") and child.i in token_mention and child.conjuncts:
                    for other in (child, *child.conjuncts):
                        extra = token_mention.get(other.i)
                        if extra is not None and extra not in found:
                            found.append(extra)
        return found

    @staticmethod
    def _antecedent(pronoun: Token, token_mention: dict[int, Mention]) -> Mention | None:
        """The person "he" or "she" refers to: the nearest person named before it in the sentence."""
        for token in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
            mention = token_mention.get(token.i)
            # a person: a named one, or a role ("the Greek premier said he ...")
            if mention is not None and mention.kind in ("name", "surname", "role", "fuzzy", "ner") \
                    and (not mention.actor_id.isupper() or mention.kind == "role"):
                return mention
        return None

    @staticmethod
    def _head_mention(head: Token, token_mention: dict[int, Mention], depth: int = 0) -> Mention | None:
        if head.i in token_mention:
            mention = token_mention[head.i]
            if mention.code is None:
                # "jailed opposition figure Maria Kolesnikova": an unknown person takes the group of the title
                group = next((token_mention[t.i] for t in head.subtree if t.i != head.i and t.i in token_mention
                              and token_mention[t.i].actor_id.startswith("group:")
                              and t.dep_ in ("compound", "amod")), None)
                if group is not None:
                    return group
            return mention
        for child in head.children:  # "Iran's envoy, Kazem Jalali": the appositive names the actor
            if child.dep_ == "appos" and child.i in token_mention:
                return token_mention[child.i]
        for child in head.children:  # "Iran's envoy", "Russian rescue forces"
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in token_mention:
                return token_mention[child.i]
        for child in head.children:  # "the government of Iran"; "its border with Ukraine"
            if child.dep_ == "prep" and (child.lower_ == "of" or (child.lower_ in ("with", "between")
                                                                   and _lemma(head) in _RELATIONAL_NOUNS)):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj" and grandchild.i in token_mention:
                        return token_mention[grandchild.i]
                    if grandchild.dep_ == "pobj" and child.lower_ == "of" and depth < 2:
                        # "dozens of supporters of the opposition", "a delegation of Taliban officials"
                        found = EventCoder._head_mention(grandchild, token_mention, depth + 1)
                        if found is not None:
                            return found
        return None

    def _of_actors(self, head: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The actors of a title noun's "of" phrase: "the presidents of Brazil and Argentina" are
        BRAGOV and ARGGOV; "King Abdullah of Jordan" is JORGOV."""
        own = token_mention.get(head.i)
        group = own is not None and own.actor_id.startswith("group:") and own.code and len(own.code) == 3
        if own is not None and own.code is not None and not group:
            return []
        if any(c.dep_ in ("poss", "compound", "amod", "nmod", "appos") and c.i in token_mention
               and token_mention[c.i] is not own for c in head.children):
            return []
        sector = own.code if group else (_TITLE_SECTORS.get(head.lower_) or _TITLE_SECTORS.get(_lemma(head)))
        if sector is None and own is not None:
            sector = "GOV"  # an unknown person "of" a country: "King Abdullah of Jordan"
        if sector is None:
            return []
        found = []
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    for other in (pobj, *pobj.conjuncts):
                        mention = token_mention.get(other.i)
                        actor = self.kb.actors.get(mention.actor_id) if mention is not None else None
                        if actor is None or actor.type != "state" or not mention.code:
                            continue
                        found.append(Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end,
                                             mention.surface, mention.actor_id, f"{mention.code[:3]}{sector}",
                                             mention.confidence, mention.kind))
        return found

    @staticmethod
    def _prep_object(token: Token, prep: str) -> Token | None:
        for child in token.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ == prep:
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
            if child.dep_ in _OBJECT_DEPS or child.dep_ == "acomp":
                # "impose sanctions on Iran", "was optimistic about ...": the preposition hangs off the object
                found = EventCoder._prep_object(child, prep)
                if found is not None:
                    return found
        return None

    def _subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The grammatical subject (inherited through xcomp and conj), and whether the verb is passive."""
        passive = any(c.dep_ in _PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and _lemma(verb.head.head) in _ALLEGED_HEADS:
            # "accused Cambodia of violating the truce": the accused is the one said to act
            accuser = verb.head.head
            accused = next((c for c in accuser.children if c.dep_ in _OBJECT_DEPS), None)
            if accused is None and any(c.dep_ in _PASSIVE_SUBJECT_DEPS for c in accuser.children):
                accused = next(c for c in accuser.children if c.dep_ in _PASSIVE_SUBJECT_DEPS)
            return accused, False
        current = verb
        if verb.dep_ == "acl" and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
            return verb.head, passive  # "Thousands of students protested ...", parsed as a modifier
        for _ in range(4):
            for child in current.children:
                if child.dep_ in _SUBJECT_DEPS | _PASSIVE_SUBJECT_DEPS:
                    return child, passive
            if current.dep_ in ("xcomp", "conj", "advcl") and current.head.i != current.i:
                current = current.head
            else:
                break
        return None, passive

    def _verb_arguments(self, verb: Token, pattern: Pattern, token_mention: dict[int, Mention]
                        ) -> tuple[list[Mention], list[Mention]]:
        subject, passive = self._subject(verb)
        if passive:
            sources = self._actors_of(self._prep_object(verb, "by"), token_mention)
            targets = self._actors_of(subject, token_mention)
            if targets and all(_is_bare_force(t) for t in targets):
                targets = []  # "troops were sent to the border by Israel": the forces are the sender's
            if not sources:
                # "teams were dispatched from Moscow to Tabriz", "diplomats were expelled from Moldova"
                sources = self._actors_of(self._prep_object(verb, "from"), token_mention)
                if not targets:
                    targets = self._actors_of(self._prep_object(verb, "to"), token_mention)
            if not targets:
                # "troops were sent to the border by Israel", "sanctions on Iran were lifted by ..."
                for head in (verb, subject):
                    for prep in ([pattern.target_prep] if pattern.target_prep else []) + list(_TARGET_PREPS):
                        if head is not None and prep not in ("by", "from"):
                            targets = self._actors_of(self._prep_object(head, prep), token_mention)
                            if targets:
                                break
                    if targets:
                        break
            return sources, targets
        sources = self._actors_of(subject, token_mention)
        accuser = self._accuser(verb)
        if accuser is not None:
            accuser_subject, _ = self._subject(accuser)
            found = self._verb_targets(verb, pattern, token_mention)
            return sources, found or self._actors_of(accuser_subject, token_mention)
        return sources, self._verb_targets(verb, pattern, token_mention)

    @staticmethod
    def _accuser(verb: Token) -> Token | None:
        """The accusing verb above "violating" in "accused Cambodia of violating the truce"."""
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and _lemma(verb.head.head) in _ALLEGED_HEADS:
            return verb.head.head
        return None

    def _verb_targets(self, verb: Token, pattern: Pattern, token_mention: dict[int, Mention]) -> list[Mention]:
        target_token = None
        if pattern.target_prep:
            target_token = self._prep_object(verb, pattern.target_prep)
            if not self._actors_of(target_token, token_mention):
                target_token = None  # "accused Russia of interfering": the object is the target
        if target_token is None:
            target_token = next((c for c in verb.children if c.dep_ in _OBJECT_DEPS), None)
            targets = self._actors_of(target_token, token_mention)
            if targets and all(_is_bare_force(t) for t in targets):
                # "moved troops toward the Lithuanian border": the forces are the source's own, the
                # place they are sent to names the other party
                toward = [t for prep in _TOWARD_PREPS
                          for t in self._actors_of(self._prep_object(verb, prep), token_mention)]
                toward = toward or next((found for prep in _TARGET_PREPS
                                         if (found := self._actors_of(self._prep_object(verb, prep),
                                                                      token_mention))), [])
                targets = toward or targets
            if not targets:
                for prep in _TARGET_PREPS:
                    targets = self._actors_of(self._prep_object(verb, prep), token_mention)
                    if prep == "at":  # "signed at the White House": a place, not a party
                        targets = [t for t in targets if t.kind != "metonym"]
                    if targets:
                        break
            code = pattern.code
            if not targets and (code.startswith("02") or code.startswith("10")):
                # "demanded that Moscow release ...": the subject of the complement clause
                for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
                    subject = next((c for c in clause.children if c.dep_ in _SUBJECT_DEPS), None)
                    targets = self._actors_of(subject, token_mention)
                    if targets:
                        break
            if not targets:
                # "protested in front of the embassy"
                targets = self._actors_of(self._front_object(verb), token_mention)
            if not targets:
                # "rejected the US ceasefire proposal", "seized a Marshall Islands-flagged tanker": the
                # party named inside the object's noun phrase
                targets = self._modifier_actors(target_token, token_mention)
            if not targets and _lemma(verb) in _EMBEDDING_HEADS:
                # "threatened to suspend talks with Israel", "refused to free X", "was ready to hold
                # talks with Y": the complement's party
                for clause in (c for c in _complements(verb)
                               if not any(g.dep_ in _SUBJECT_DEPS for g in c.children)):
                    targets = self._verb_targets(clause, _NO_PATTERN, token_mention)
                    if targets:
                        break
            return targets
        return self._actors_of(target_token, token_mention)

    def _noun_arguments(self, noun: Token, pattern: Pattern, token_mention: dict[int, Mention]
                        ) -> tuple[list[Mention], list[Mention]]:
        sources = [token_mention[c.i] for c in noun.children
                   if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in token_mention]
        target_token = None
        for prep in ([pattern.target_prep] if pattern.target_prep else []) + list(_TARGET_PREPS):
            target_token = self._prep_object(noun, prep)
            if target_token is not None:
                break
        if target_token is None:
            # "the imposition of sanctions on Venezuela": the target hangs off the "of" object
            inner = self._prep_object(noun, "of")
            for prep in _TARGET_PREPS if inner is not None else ():
                target_token = self._prep_object(inner, prep)
                if target_token is not None:
                    break
        targets = self._actors_of(target_token, token_mention)
        if not sources:
            of_token = self._prep_object(noun, "of")
            agent = self._actors_of(self._prep_object(noun, "by")
                                    or (self._prep_object(of_token, "by") if of_token is not None else None),
                                    token_mention)
            of_actors = self._actors_of(of_token, token_mention)
            between = self._prep_object(noun, "between")
            if agent:
                # "the arrest of a French journalist by Algerian police": the agent acts on the "of" object
                sources, targets = agent, targets or of_actors
            elif targets and of_actors and not set(map(id, of_actors)) & set(map(id, targets)):
                # "the visit of the Chinese premier to Australia": the "of" object is the one who acts
                sources = of_actors
            elif between is not None and target_token is not None and between.i == target_token.i \
                    and len(targets) >= 2:
                # "a meeting between X and Y": the parties act with each other
                sources, targets = targets, []
        light = _light_verb(noun)
        if not targets and light is not None:
            # "held a demonstration in front of the Russian Embassy": the place is on the light verb
            targets = self._actors_of(self._front_object(light), token_mention)
        if not targets and pattern.code.startswith("14"):
            targets = self._actors_of(self._front_object(noun), token_mention)
        if not sources and noun.dep_ in _OBJECT_DEPS:
            # "Russia announced new sanctions against ...": the clause subject is the source.
            subject, _passive = self._subject(noun.head)
            sources = self._actors_of(subject, token_mention)
        if not sources and light is not None and noun.dep_ == "nsubjpass":
            # "a rally was held by opposition supporters"
            sources = self._actors_of(self._prep_object(light, "by"), token_mention)
        if not sources:
            # "the U.S. withdrawal from the deal and the reimposition of sanctions": a coordinated
            # event noun shares its first conjunct's actor
            head = noun
            for _ in range(3):
                if head.dep_ not in ("conj", "pobj", "prep") or head.head.i == head.i:
                    break
                head = head.head
                if head.pos_ in ("NOUN", "PROPN") and head.dep_ != "pobj":
                    sources = [token_mention[c.i] for c in head.children
                               if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in token_mention]
                    if sources:
                        break
        return sources, targets

    @staticmethod
    def _modifier_actors(head: Token | None, token_mention: dict[int, Mention]) -> list[Mention]:
        """The first actor among the modifiers of a noun phrase, nearest first, within three levels
        ("the US ceasefire proposal", "Kyiv's peace plan"); clauses and prepositions other than "of"
        are not entered, since they name places and times rather than the phrase's owner."""
        level = [head] if head is not None else []
        for _ in range(3):
            below = [c for token in level for c in token.children
                     if c.dep_ in _MODIFIER_DEPS or (c.dep_ == "prep" and c.lower_ == "of")
                     or (c.dep_ == "pobj" and token.dep_ == "prep")]
            for token in below:
                if token.i in token_mention:
                    return [token_mention[token.i]]
            level = below
        return []

    @staticmethod
    def _front_object(token: Token) -> Token | None:
        """The X of "in front of X" under a predicate (a protest's target)."""
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "in":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj" and grandchild.lower_ == "front":
                        return grandchild  # _actors_of follows "front" to its "of" object
        return None

    # -- events --------------------------------------------------------------------------
    def _make_events(self, parsed: ParsedDocument, index: int, span: Span, candidate: _Candidate,
                     sources: list[Mention], targets: list[Mention], times: list[TimeExpression],
                     token_mention: dict[int, Mention]) -> list[Event]:
        info = self.dictionary.codes.get(candidate.pattern.code)
        if info is None or not (sources or targets) or self._is_state(candidate.predicate):
            return []
        if info.root == "01" and _lemma(candidate.predicate) in _SPEECH_VERBS and not (
                _lemma(candidate.predicate) in _ABOUT_SPEECH_VERBS and targets
                and any(c.dep_ == "prep" and c.lower_ in ("on", "about") for c in candidate.predicate.children)):
            return []  # "X said ...": the report, not an event; what was said is coded on its own
        if not targets and len(sources) >= 2 and (info.root in _SYMMETRIC_ROOTS
                                                  or _lemma(candidate.predicate) in _SYMMETRIC_VERBS):
            # "Russia and China held joint drills": each party acts toward the others
            return [e for source in sources for e in self._make_events(
                parsed, index, span, candidate, [source], [t for t in sources if t is not source], times,
                token_mention)]
        if not targets and sources and info.root in _TOPIC_TARGET_ROOTS:
            targets = self._topic_target(sources)
        if not targets and sources and info.root in _FORCE_ROOTS:
            targets = self._struck_place(candidate.predicate, sources, token_mention)
        if not targets and info.root != "14":
            return []  # statements need an addressee; protests can stand alone
        mode = self._mode(candidate.predicate, span)
        date, precision, date_source, time_text = self._date(parsed, candidate.predicate, times, mode)
        clause = candidate.predicate
        if clause.pos_ == "NOUN" and _light_verb(clause) is not None:
            clause = clause.head  # "held a demonstration ... in Tehran": the place is on the verb
        location = self._location(clause, token_mention)
        sources = [self._with_country(m, location, targets) for m in sources]
        targets = [self._with_country(m, location, sources) for m in targets]
        if not sources:
            passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in candidate.predicate.children)
            light = _light_verb(candidate.predicate) if candidate.predicate.pos_ == "NOUN" else None
            named_agent = light is not None and any(c.dep_ in ("agent", "nsubj") for c in light.children)
            if not ((passive and info.root in _AGENTLESS_ROOTS) or info.root == "14") \
                    or (candidate.predicate.pos_ == "NOUN" and not (info.root == "14" and light is not None
                                                                    and not named_agent)):
                return []  # a missing subject is only known to be unnamed in a passive or a protest
            sources = [self._implicit_source(info.root, location, targets, index, parsed.document.doc_id)]
        events = []
        for source in sources:
            for target in targets or [None]:
                if target is not None and (target is source or target.code == source.code):
                    continue  # an actor acting on itself; one country's sectors may act on each other
                if source.kind == "implicit" and target is None:
                    continue
                confidence = self._confidence(candidate, source, target)
                key = f"{parsed.document.doc_id}|{index}|{candidate.predicate.i}|{source.start}|" \
                      f"{target.start if target else ''}|{info.code}"
                events.append(Event(
                    event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
                    doc_id=parsed.document.doc_id,
                    sentence_index=index,
                    sentence=parsed.sentences[index].text,
                    source_actor_id=source.actor_id or None,
                    source_code=source.code,
                    target_actor_id=target.actor_id if target else None,
                    target_code=target.code if target else None,
                    cameo=info.code,
                    root=info.root,
                    quad_class=info.quad_class,
                    goldstein=info.goldstein,
                    plover=info.plover,
                    mode=mode,
                    confidence=confidence,
                    predicate=candidate.predicate.text,
                    date=date,
                    date_precision=precision,
                    date_source=date_source,
                    time_text=time_text,
                    location=location,
                    source_span=(source.start, source.end) if source.kind != "implicit" else None,
                    target_span=(target.start, target.end) if target else None,
                ))
        return events

    def _struck_place(self, predicate: Token, sources: list[Mention], token_mention: dict[int, Mention]
                      ) -> list[Mention]:
        """"India struck militant camps in Pakistan", "drones attacked a refinery in Russia's Ryazan
        region": force used on things that name no party targets the country they are in, if it is not
        the source's own."""
        if not any(c.dep_ in _OBJECT_DEPS for c in predicate.children):
            return []
        own = {(m.code or "")[:3] for m in sources}
        for token in predicate.subtree:
            mention = token_mention.get(token.i)
            if mention is None or token.i == predicate.i:
                continue
            governor = token.head
            if token.dep_ == "poss" and governor.dep_ == "pobj":
                governor = governor.head  # "in Russia's Ryazan region"
            elif token.dep_ != "pobj":
                continue
            if governor.lower_ not in ("in", "inside", "near", "across", "on"):
                continue
            place = self._place(mention)
            if place is not None and place.country and place.country not in own:
                return [Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end,
                                mention.surface, place.country, place.country, mention.confidence * 0.8,
                                mention.kind)]
        return []

    def _topic_target(self, sources: list[Mention]) -> list[Mention]:
        """The country the paragraph is about, for acts whose target goes without saying ("... the
        Iran nuclear deal. The U.S. withdrawal and the reimposition of sanctions ..."): the one
        state named in the sentence before, if it is not the source's."""
        own = {(m.code or "")[:3] for m in sources}
        states = {}
        for mention in self._previous_mentions:
            actor = self.kb.actors.get(mention.actor_id)
            if actor is not None and actor.type == "state" and mention.code and mention.code[:3] not in own:
                states.setdefault(mention.code[:3], mention)
        if len(states) != 1:
            return []
        mention = next(iter(states.values()))
        return [Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end, mention.surface,
                        mention.actor_id, mention.code[:3], mention.confidence * 0.6, mention.kind)]

    @staticmethod
    def _is_state(predicate: Token) -> bool:
        """"has been cooperating since 2015": an ongoing state, not a new event."""
        children = list(predicate.children)
        perfect_progressive = predicate.tag_ == "VBG" and {"been"} <= {c.lower_ for c in children} and any(
            c.lemma_ == "have" for c in children)
        since = any(c.dep_ == "prep" and c.lower_ == "since" for c in children)
        return perfect_progressive or (since and any(c.lemma_ == "have" for c in children if c.dep_ == "aux"))

    @staticmethod
    def _with_country(mention: Mention, location: Location | None, others: list[Mention]) -> Mention:
        """A country-less group ("protesters", code CVL) takes the country of the event's place,
        else of the other party ("Iranian police detained protesters" -> IRNCVL)."""
        if not mention.code or len(mention.code) != 3 or not mention.actor_id.startswith("group:"):
            return mention
        country = location.country if location is not None and location.country else None
        if country is None:
            country = next((o.code[:3] for o in others if o.code and not o.actor_id.startswith("group:")
                            and o.code[:3] not in ("IGO", "NGO", "IMG")), None)
        if country is None:
            return mention
        return Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end, mention.surface,
                       country, f"{country}{mention.code}", mention.confidence, mention.kind)

    @staticmethod
    def _implicit_source(root: str, location: Location | None, targets: list[Mention], index: int,
                         doc_id: str) -> Mention:
        """The source of an event whose text names none ("a demonstration was held outside the embassy").

        Protests without a named subject are by civilians of the country where they happen;
        other subject-less events (agentless passives: "Russia is accused of ...") keep an
        unknown source.
        """
        start = targets[0].start if targets else 0
        if root == "14" and location is not None and location.country:
            return Mention(doc_id, index, start, start, "", location.country, f"{location.country}CVL", 0.5, "implicit")
        return Mention(doc_id, index, start, start, "", "", None, 0.3, "implicit")

    @staticmethod
    def _mode(predicate: Token, span: Span) -> str:
        children = list(predicate.children)
        heads = [predicate.head] if predicate.head.i != predicate.i else []  # spaCy makes new Token objects
        if any(c.dep_ == "neg" or c.lower_ in ("never", "not", "n't") for c in children) or any(
            _lemma(h) in _NEGATING_HEADS for h in heads if predicate.dep_ == "xcomp"
        ):
            return "negated"
        clause_words = {c.lower_ for c in children}
        if clause_words & _HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in ("if", "unless")
                                                    for c in children):
            return "hypothetical"
        if speaks_of_future(children) or any(_lemma(h) in _FUTURE_HEADS for h in heads
                                             if predicate.dep_ == "xcomp"):
            return "future"
        sentence_words = {t.lower_ for t in span}
        if sentence_words & _ALLEGED_WORDS or "according to" in span.text.lower() or any(
            _lemma(h) in _ALLEGED_HEADS for h in heads
        ):
            return "alleged"
        return "asserted"

    @staticmethod
    def _date(parsed: ParsedDocument, predicate: Token, times: list[TimeExpression], mode: str):
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

    def _location(self, predicate: Token, token_mention: dict[int, Mention]) -> Location | None:
        places = []
        for token in predicate.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS and token.i in token_mention:
                mention = token_mention[token.i]
                place = self._place(mention)
                if place is not None:
                    places.append(place)
        # "outside the French embassy in Niamey": the city, not the embassy's country
        named = [p for p in places if (actor := self.kb.actors.get(p.actor_id)) is not None
                 and actor.type == "location"]
        return (named or places or [None])[0]

    def _place(self, mention: Mention) -> Location | None:
        actor = self.kb.actors.get(mention.actor_id)
        if actor is None:
            return None
        if actor.type == "location":
            return Location(actor.name, actor.country, actor.lat, actor.lon, actor.actor_id)
        if mention.kind == "metonym":  # "in Moscow": the city, not the government
            for candidate in self.kb.lookup(mention.surface):
                if candidate.type == "location":
                    return Location(candidate.name, candidate.country, candidate.lat, candidate.lon,
                                    candidate.actor_id)
        if actor.type == "state":
            return Location(actor.name, actor.country, actor.lat, actor.lon, actor.actor_id)
        return None

    @staticmethod
    def _confidence(candidate: _Candidate, source: Mention, target: Mention | None) -> float:
        pattern_weight = min(1.0, 0.6 + 0.15 * candidate.pattern.specificity)
        actor_weight = (source.confidence + (target.confidence if target else 0.5)) / 2
        return round(0.5 * pattern_weight + 0.5 * actor_weight, 3)
