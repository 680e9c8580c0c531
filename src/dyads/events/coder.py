"""Event coding over dependency parses: predicate, source, target, code, mode, date, place.

The parts: ``syntax`` reads the parse, ``predicates`` matches the dictionary, ``arguments`` finds
source and target, ``attributes`` gives mode, date, place and confidence; the word lists they read
are per language (``events/lexicon/<language>.yaml``).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Span, Token

from dyads.events.arguments import FORCE_ROOTS, ArgumentFinder
from dyads.events.attributes import Attributes
from dyads.events.dictionary import CodeInfo, EventDictionary, Pattern
from dyads.events.filters import EventFilter, dateline_free
from dyads.events.language import Lexicon, load_lexicon
from dyads.events.predicates import Candidate, PredicateMatcher, announced_code, is_state, plover_type, same_party
from dyads.events.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, Grammar, case_marker, relation
from dyads.kb.base import KnowledgeBase
from dyads.kb.link import PROVISIONAL_PREFIX, page_country
from dyads.nlp import ParsedDocument
from dyads.time import speaks_of_future
from dyads.types import Event, Location, Mention, TimeExpression

# Acts that the news reports in agentless passives ("Russia is accused of ...", "X was arrested").
_AGENTLESS_ROOTS = {"11", "12", "16", "17", "18", "19", "20"}
# Acts whose subject can be a set of parties acting with each other ("Russia and China held drills").
_SYMMETRIC_ROOTS = {"03", "04", "05", "06", "08"}
# Military cooperation: what a show of force by several states together is.
_JOINT_FORCE = "062"
# Acts of words that go on ("Iran has been pressuring the U.S. to leave", "have been urging Kyiv to ..."): a
# campaign of appeals, demands or criticism is reported as the act, not as a state.
_CAMPAIGN_ROOTS = {"02", "10", "11"}
# Acts whose target a report may leave to the paragraph ("the reimposition of sanctions").
_TOPIC_TARGET_ROOTS = {"16"}
# Codes of measures a government takes on its own country, whose target may go unnamed: curfews, states
# of emergency and martial law (1723, 1724), threats of them (1323, 1324) and their lifting (0813, 0814).
_DOMESTIC_CODES = {"1723", "1724", "1323", "1324", "0813", "0814"}
# Entity types of names that may be a party ("Sony", "the Labour leader", "Catholic").
_NAME_ENTITIES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
# Deny responsibility or reject an accusation: coded beside the act denied, never a part of it.
_DENIAL = "016"
# Acts of authority that an announcing body names in an agentless passive as its own ("Three people have
# been arrested, federal authorities announced"): investigations and coercion (arrests, charges).
_ANNOUNCED_ROOTS = {"09", "17"}
# Sectors of a state that wages a military campaign: the state itself, its government and its forces.
_ARMED_STATE_SECTORS = {"", "GOV", "MIL"}
# Sectors of the state bodies that announce such acts.
_STATE_BODIES = {"GOV", "COP", "JUD", "SPY"}
# Sentences back that a bare title ("the diplomat said") may refer to.
_TITLE_REACH = 3


class EventCoder:
    """Codes events in parsed documents with a pattern dictionary and linked mentions."""

    def __init__(self, dictionary: EventDictionary, kb: KnowledgeBase, lexicon: Lexicon | None = None):
        self.dictionary = dictionary
        self.kb = kb
        self.grammar = Grammar(lexicon or load_lexicon("en"))
        self.predicates = PredicateMatcher(dictionary, self.grammar)
        self.arguments = ArgumentFinder(kb, self.grammar)
        self.attributes = Attributes(kb, self.grammar)
        self.filters = EventFilter(self.grammar)

    def code(self, parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]) -> list[Event]:
        """Events of a parsed document, read with this coder's patterns and word lists."""
        events: list[Event] = []
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
        times_by_sentence: dict[int, list[TimeExpression]] = {}
        for expression in times:
            times_by_sentence.setdefault(expression.sentence_index, []).append(expression)
        context: TimeExpression | None = None  # the last date told in this paragraph
        page = page_country(self.kb, mentions)  # the state the page is plainly about, if one
        previous_end = 0
        previous: list[Mention] = []  # the sentence before's mentions, in the same paragraph
        earlier: list[Mention] = []  # the mentions of the sentences before, in reading order
        told: set[str] = set()  # the actors named in full (not by a surname alone) in the sentences before
        for sentence, span in zip(parsed.sentences, parsed.doc.sents, strict=True):
            if "\n" in parsed.document.text[previous_end:sentence.start]:
                context = None  # a new paragraph starts a new scene
                previous = []
            previous_end = sentence.end
            sentence_times = times_by_sentence.get(sentence.index, [])
            resolved = [t for t in sentence_times if t.value]
            if resolved:
                context = replace(resolved[-1], anchor="context")
            elif context is not None and not sentence_times:
                # "Within hours, two planes were dispatched": the paragraph's last date
                sentence_times = [context]
            sentence_mentions = by_sentence.get(sentence.index, [])
            coded: list[Event] = []
            if sentence_mentions:
                # "The diplomat said ...": a bare title refers back to a party of the last few sentences
                recent = [m for m in earlier if m.sentence_index >= sentence.index - _TITLE_REACH]
                coded = self._distinct(self._code_sentence(parsed, sentence.index, span, sentence_mentions,
                                                           sentence_times, previous, page, recent, told))
                events += coded
            previous = sentence_mentions
            told.update(m.actor_id for m in sentence_mentions if m.kind != "surname")
            earlier += sorted(sentence_mentions + _sides(coded), key=lambda m: m.start)
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
        # "bombed the consulate in Damascus, killing two commanders": an act with one side unnamed whose
        # named side also acts on a named party in the sentence is a part of that act, not another event;
        # a denial ("Iran denied supplying drones to Russia") is no part of the act it denies
        paired_sources = {e.source_actor_id for e in best.values() if e.source_code and e.target_code}
        paired_targets = {e.target_actor_id for e in best.values() if e.source_code and e.target_code}
        return [e for e in best.values() if (e.source_code or e.target_actor_id not in paired_targets)
                and (e.target_code or e.cameo == _DENIAL or e.source_actor_id not in paired_sources)]

    def _code_sentence(self, parsed: ParsedDocument, index: int, span: Span, mentions: list[Mention],
                       times: list[TimeExpression], previous: list[Mention], page: str | None,
                       recent: list[Mention], told: set[str]) -> list[Event]:
        token_mention = {}
        starts = [token.idx for token in span]  # ascending: each mention's tokens are found by bisection
        for mention in dateline_free(mentions, span.text, span.start_char):
            for k in range(bisect_left(starts, mention.start), bisect_left(starts, mention.end)):
                token_mention[span.start + k] = mention
        if self.filters.question(span):
            return []  # "Why did Russia attack ...?": a question reports no act
        grammar, lex = self.grammar, self.grammar.lex
        coded: list[tuple[int, Event]] = []  # events with their predicate's token index
        used_nouns: set[int] = set()
        announcers = self._announcers(span, token_mention)
        for token in span:
            if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
                embedder = grammar.embedder(token)
                if embedder is not None and self.predicates.match_verb(embedder) is not None:
                    # "offered to host talks": the offer is the event, not the talks
                    used_nouns.update(c.i for c in token.children if relation(c) in OBJECT_DEPS)
                    continue
                candidate = self.predicates.match_verb(token)
                received = candidate is None and grammar.lemma(token) in lex.receiving_verbs
                if received:
                    candidate = self.predicates.match_received(token)  # "received weapons from North Korea"
                if candidate is None:
                    continue
                sources, targets = self.arguments.received_arguments(token, token_mention) if received else \
                    self.arguments.verb_arguments(token, candidate.pattern, token_mention)
                if not sources and candidate.pattern.code[:2] in lex.addressless_roots:
                    # "The ministry rejected the claims": a verbal act of a title told before
                    sources = self.arguments.title_antecedent(token, index, recent)
                used_nouns.update(c.i for c in token.children if relation(c) in OBJECT_DEPS)
                if grammar.lemma(token) in lex.embedding_heads:  # "offered to host talks" (host parsed as a noun)
                    used_nouns.update(g.i for c in grammar.complements(token) for g in c.children
                                      if relation(g) in OBJECT_DEPS)
            elif token.pos_ == "NOUN" and token.i not in used_nouns and self.predicates.nominal_event(token):
                candidate = self.predicates.match_noun(token)
                if candidate is None:
                    continue
                sources, targets = self.arguments.noun_arguments(token, candidate.pattern, token_mention)
            else:
                continue
            made = self._make_events(parsed, index, span, candidate, sources, targets, times, token_mention,
                                     previous, page, announcers.get(token.i, []), told)
            coded += [(token.i, e) for e in made]
        statements, demanded = self._statements(parsed, index, span, coded, times, token_mention, recent, told)
        return [e for i, e in coded if i not in demanded] + statements

    def _announcers(self, span: Span, token_mention: dict[int, Mention]) -> dict[int, list[Mention]]:
        """The tokens of what a state body announces ("..., federal authorities announced", "the U.S.
        Attorney's office said"), each with that body: an act of authority told there without its agent
        is the body's own."""
        grammar = self.grammar
        found: dict[int, list[Mention]] = {}
        for token in span:
            if token.lower_ == "according" and token.head.i != token.i:
                # "was charged with conspiracy, according to authorities from Homeland Security and the
                # Cambridge Police": the bodies the report is attributed to, wherever named in the phrase
                bodies = [m for m in dict.fromkeys(token_mention.get(t.i) for t in token.subtree)
                          if m is not None and (m.code or "")[-3:] in _STATE_BODIES]
                for inner in token.head.subtree if bodies else ():
                    found.setdefault(inner.i, bodies)
                continue
            if token.pos_ == "VERB" and any(relation(c) in PASSIVE_SUBJECT_DEPS for c in token.children):
                # "were arraigned in Boston's U.S. District Court": the court an agentless act happens in
                courts = [m for c in token.children if c.dep_ == "prep" and c.lower_ in grammar.lex.locative_preps
                          for g in c.children if g.dep_ == "pobj"
                          for m in self.arguments.actors_of(g, token_mention) if (m.code or "")[-3:] == "JUD"]
                if courts:
                    found.setdefault(token.i, courts)
            if token.pos_ != "VERB" or grammar.lemma(token) not in grammar.lex.statement_verbs:
                continue
            subject, passive = grammar.subject(token)
            bodies = [m for m in self.arguments.actors_of(subject, token_mention)
                      if (m.code or "")[-3:] in _STATE_BODIES] if not passive else []
            for clause in (c for c in token.children if bodies and c.dep_ in ("ccomp", "parataxis")):
                for inner in clause.subtree:
                    found.setdefault(inner.i, bodies)
        return found

    def _statements(self, parsed: ParsedDocument, index: int, span: Span, coded: list[tuple[int, Event]],
                    times: list[TimeExpression], token_mention: dict[int, Mention], recent: list[Mention],
                    told: set[str]) -> tuple[list[Event], set[int]]:
        """Statements (root 01): "Zelensky said Russia violated the truce" is the speaker's statement about
        the first other party in what was said (UKRGOV 010 RUS), beside the event inside it (RUS 196 UKR).
        When what was said is the speaker's own act ("the ministry said it would expel ..."), that act is
        the event and the statement is not coded apart, as CAMEO does. What another party "must" do is a
        demand (10x); the act demanded has not happened, so it is not coded: the token indices of such
        clauses are returned beside the statements. ``told``: the actors named in full in the sentences
        before, whose surname is no guess ("Donald Trump ... Trump said")."""
        grammar, lex = self.grammar, self.grammar.lex
        statements: list[Event] = []
        demanded: set[int] = set()
        for token in span:
            if token.pos_ != "VERB" or grammar.lemma(token) not in lex.statement_verbs \
                    or grammar.embedder(token) is not None or grammar.accuser(token) is not None:
                continue  # "declined to comment", "accused China of arguing that": the refusal, the accusation
            # what was said: a clause, or what the statement is "on" or "about" ("commented on the vote")
            content = [c for c in token.children if c.dep_ in ("ccomp", "parataxis")
                       or (c.dep_ == "prep" and c.lower_ in ("on", "about"))]
            subject, passive = grammar.subject(token)
            if not content or passive:
                continue
            # a mention that starts before the subject phrase runs across a clause boundary ("sanctions on
            # Chinese banks, officials said"): it does not tell whose officials speak
            speakers = [m for m in self.arguments.actors_of(subject, token_mention)
                        if _country(m) and m.start >= subject.left_edge.idx
                        and (_political(m, told) or not m.actor_id.startswith(PROVISIONAL_PREFIX))
                        and not self.filters.people_of_place(m, span)  # "a Syrian refugee said": no state
                        and not self._local_place(m)]  # "York said", "Cambridge has said": no city speaks
            speakers = speakers or self.arguments.title_antecedent(token, index, recent)
            if not speakers:
                continue
            inside = {t.i for clause in content for t in clause.subtree}
            inside_events = [e for i, e in coded if i in inside]
            said = [t for t in span if t.i in inside]
            words = {grammar.lemma(t) for t in said} | {t.lower_ for t in said}
            if any(i == token.i for i, _e in coded):
                continue  # "Iran warned Israel that it would retaliate": the verb is an act of its own (a threat)
            warning = grammar.lemma(token) in lex.pessimistic_verbs
            if warning and any(grammar.possibility(clause) for clause in content):
                continue  # "officials warned that China could invade Taiwan": China's possible act is the event
            pessimistic = warning or words & lex.pessimistic_words
            code = "012" if pessimistic else "013" if words & lex.optimistic_words else "010"
            info = self.dictionary.codes.get(code)
            if info is None:
                continue
            mode = self.attributes.mode(token, span)
            dated = self.attributes.date(parsed, token, times, mode)
            demands = self._demands(parsed, index, token, content, speakers, mode, dated, token_mention)
            if demands:
                statements += demands
                demanded.update(inside)
                continue
            candidate = Candidate(Pattern(code, grammar.lemma(token), (), None), token)
            actors = [self.arguments.actors_of(c, token_mention) for clause in content for c in clause.children
                      if relation(c) in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS]
            referring = any(self._own_report(clause) for clause in content)
            # "the ministry said it had expelled the ambassador": the speaker's own act, coded as that act
            # where its sides are known, never as a statement about it
            own_act = any(self._own_act(clause) for clause in content)
            # "Macron told Putin that ...": the addressee the statement is made to, if a party
            addressees = [m for c in token.children if relation(c) in OBJECT_DEPS
                          for m in self.arguments.actors_of(c, token_mention) if _country(m)]
            for speaker in speakers:
                country = _country(speaker)
                own = referring or any(_country_of_code(e.source_code) == country for e in inside_events) \
                    or any(_country(m) == country for found in actors for m in found)
                addressee = next((m for m in addressees if _country(m) != country), None)
                named = [(t, m) for t in said if (m := token_mention.get(t.i)) is not None and _country(m)]
                # the first other party said, else a body or person of the speaker's own country with a
                # role of its own ("Gov. Inslee said Judge Montoya-Lewis ...": USAGOV 010 USAJUD)
                target = addressee or next((m for t, m in named if _country(m) != country
                                            and not self._scene(t, m)), None) \
                    or next((m for _t, m in named if _domestic_party(speaker, m)
                             and not self.filters.people_of_place(m, span)), None)
                if own and addressee is None and (inside_events or own_act or code == "010" and (
                        not referring or target is not None or not _political(speaker, told))):
                    # the speaker's own act or intention, coded as that act if at all; what a political
                    # actor says of itself naming no other party is a statement ("'We need to end this
                    # war,' DeSantis said"), and so is its outlook ("he was pessimistic about ...")
                    continue
                if self.filters.idle_statement(token, span, speaker, target) \
                        or self.filters.firm_business(code, speaker, target):
                    continue  # a statement about a game, a firm, a work or a crime, naming no party
                private = (speaker.code or "")[3:].lower() in lex.private_sectors
                if target is None and (not _political(speaker, told) or private or speaker.kind == "org"):
                    # "Cook said", "David Kershaw, division vice president, said": a statement about nobody is
                    # coded only when the speaker is plainly a political actor; a firm, a newspaper, a school or
                    # an agency the base does not know speaks on a public matter only when it speaks of a party
                    continue
                statements.append(self._event(parsed, index, candidate, info, speaker, target, mode, dated, None))
        return statements, demanded

    def _demands(self, parsed: ParsedDocument, index: int, verb: Token, content: list[Token], speakers: list[Mention],
                 mode: str, dated: tuple, token_mention: dict[int, Mention]) -> list[Event]:
        """"The administration declared that China must drop barriers": what the speaker says another party
        must do is a demand (100, refined by the cue words of the clause: "must withdraw" is 1056)."""
        grammar, lex = self.grammar, self.grammar.lex
        demands = []
        for clause in content:
            if clause.dep_ != "ccomp" or not any(c.dep_ == "aux" and c.lower_ in lex.obligation_words
                                                 for c in clause.children):
                continue
            subject = next((c for c in clause.children if relation(c) in SUBJECT_DEPS), None)
            if subject is None or subject.lower_ in lex.own_pronouns:
                continue  # "Israel said it must respond": the speaker's own duty, no demand
            code = self.predicates.refine("100", clause)
            info = self.dictionary.codes.get(code)
            if info is None:
                continue
            candidate = Candidate(Pattern(code, grammar.lemma(verb), (), None), verb)
            for speaker in speakers:
                for party in self.arguments.actors_of(subject, token_mention):
                    if _country(party) and not same_party(party.code, speaker.code):
                        demands.append(self._event(parsed, index, candidate, info, speaker, party, mode, dated,
                                                   None))
        return demands

    def _make_events(self, parsed: ParsedDocument, index: int, span: Span, candidate: Candidate,
                     sources: list[Mention], targets: list[Mention], times: list[TimeExpression],
                     token_mention: dict[int, Mention], previous: list[Mention], page: str | None,
                     announcers: list[Mention] | None = None, told: set[str] = frozenset()) -> list[Event]:
        info = self.dictionary.codes.get(candidate.pattern.code)
        if info is None or not (sources or targets or announcers) \
                or (is_state(candidate.predicate) and info.root not in _CAMPAIGN_ROOTS) \
                or self.filters.no_act(candidate.predicate, info.root):
            return []
        grammar, lex, arguments = self.grammar, self.grammar.lex, self.arguments
        predicate = candidate.predicate
        if info.root == "01" and grammar.lemma(predicate) in lex.statement_verbs | lex.speech_verbs:
            return []  # "X said ...": a statement, coded by _statements beside what was said
        if info.root == "01" and grammar.accuser(predicate) is not None:
            return []  # "accused Bloomberg of arguing ...": the accusation (112) is the event
        if targets and len(sources) >= 2 and info.root in _SYMMETRIC_ROOTS and span.doc.lang_ != "en" \
                and all(self._at_place(t, span, token_mention) for t in targets):
            targets = []  # "ont tenu à Oman des pourparlers": a state after a preposition of places is the venue
        if info.root == "15" and not any(t.code or not self._place(t) for t in targets) \
                and len({_country(m) for m in sources} - {None}) >= 2 and _JOINT_FORCE in self.dictionary.codes:
            # "Russia and China held military exercises": a show of force of several states aimed at no one
            # is their military cooperation (PLOVER: joint exercises are COOPERATE, one state's MOBILIZE)
            info = self.dictionary.codes[_JOINT_FORCE]
            candidate = Candidate(replace(candidate.pattern, code=_JOINT_FORCE), predicate)
        if not any(t.code or not self._place(t) for t in targets) and len(sources) >= 2 and (
                info.root in _SYMMETRIC_ROOTS or grammar.lemma(predicate) in lex.symmetric_verbs
                or grammar.reciprocal(predicate)):
            # "Russia and China held joint drills", "Greece and Turkey took aim at each other": each party
            # acts toward the others
            return [e for source in sources for e in self._make_events(
                parsed, index, span, candidate, [source], [t for t in sources if t is not source], times,
                token_mention, previous, page, told=told)]
        if not targets and sources and info.root in _TOPIC_TARGET_ROOTS:
            targets = arguments.topic_target(sources, previous)
        if not targets and sources and info.root in FORCE_ROOTS:
            targets = arguments.struck_place(predicate, sources, token_mention)
        if not targets and self.filters.needs_party(predicate):
            return []  # "recognises four types of violence", "defending itself": not the event's sense
        unnamed_source = unnamed_target = False
        if not (sources and targets):
            # "Unknown attackers shot ...", "vowed to retaliate against anyone ...": one side is a party
            # the text does not name; the event is kept with that side empty
            unnamed_source, unnamed_target = arguments.unnamed_sides(predicate, candidate.pattern, token_mention)
        if not targets and sources and info.code[:4] in _DOMESTIC_CODES:
            targets = self._domestic_target(sources[0], self.attributes.location(predicate, token_mention))
        clause = predicate
        if clause.pos_ == "NOUN" and grammar.light_verb(clause) is not None:
            clause = clause.head  # "held talks ...": the subject and the place are on the light verb
        if not targets and sources and clause.pos_ == "VERB" \
                and ((info.root in lex.addressless_roots and clause is predicate)
                     or (self._own_report(clause) and _done_or_to_come(clause))) \
                and all(_political(m, told) and not self.filters.people_of_place(m, span)
                        and (m.code or "")[3:].lower() not in lex.private_sectors for m in sources) \
                and _names_no_one_else(clause, sources, token_mention, grammar):
            # "Biden called for the release of the data", "the royal denied the claims": what a political
            # actor says, asks or rejects needs no named addressee; nor does an act it reports as its own
            # ("the army said it had encircled the town"), which CAMEO codes in place of the statement
            # (the target is left empty)
            unnamed_target = True
        if not targets and info.root == "19" and sources and all(
                _country(m) and (m.code or "")[3:] in _ARMED_STATE_SECTORS and not self._place(m) for m in sources) \
                and any(grammar.lemma(t) in lex.campaign_nouns for t in (predicate, *predicate.children)) \
                and self.filters.domain(span) != "sport":
            # "Azerbaijan has launched a counteroffensive to restore its territorial integrity": a state's
            # military campaign whose enemy goes unnamed is kept with the target empty (a city is no state,
            # and a team's offensive in a match no war: "Real Madrid launched an offensive after halftime")
            unnamed_target = True
        if not targets and info.root != "14" and not unnamed_target:
            return []  # no party acted on; protests can stand alone
        mode = self.attributes.mode(predicate, span)
        announced = self._announced(clause, info.code, mode, sources)
        if announced is not None:
            # "Hungary said it will support ...": the announcement is the event, an intent or a threat
            info, mode = self.dictionary.codes[announced], "asserted"
            candidate = Candidate(replace(candidate.pattern, code=announced), predicate)
        date, precision, date_source, time_text = self.attributes.date(parsed, predicate, times, mode)
        location = self.attributes.location(clause, token_mention)
        sources = [arguments.with_country(m, location, targets, page) for m in sources]
        targets = [arguments.with_country(m, location, sources, page) for m in targets]
        if self.filters.team_event(predicate, span, sources, targets):
            return []  # a game between countries or cities named as teams
        if not sources and unnamed_source:
            sources = [arguments.implicit_source(info.root, location, targets, index, parsed.document.doc_id)]
        elif not sources:
            passive = any(relation(c) in ("aux:pass", "nsubj:pass") for c in predicate.children)
            light = grammar.light_verb(predicate) if predicate.pos_ == "NOUN" else None
            named_agent = light is not None and any(c.dep_ in ("agent", "nsubj") for c in light.children)
            undergone = predicate.pos_ == "NOUN" and grammar.undergoer(predicate) is not None \
                and info.root in _AGENTLESS_ROOTS | {"09"}  # "X is facing charges", "X is under investigation"
            if not undergone and (not ((passive and info.root in _AGENTLESS_ROOTS) or info.root == "14")
                                  or (predicate.pos_ == "NOUN" and not (info.root == "14" and light is not None
                                                                        and not named_agent))):
                return []  # a missing subject is only known to be unnamed in a passive or a protest
            if announcers and info.root in _ANNOUNCED_ROOTS:
                # "Three people have been arrested, federal authorities announced": the body announcing
                # an act of authority without its agent is the one that acted, on people of its own
                # country where they go unnamed or are named by their place only ("a Texas man")
                sources = [arguments.with_country(m, location, targets, page) for m in announcers]
                places = [t for t in targets if getattr(self.kb.actors.get(t.actor_id), "type", None) == "location"]
                if (unnamed_target and not targets) or (targets and len(places) == len(targets)):
                    targets = self._domestic_target(sources[0], location)
            else:
                sources = [arguments.implicit_source(info.root, location, targets, index,
                                                     parsed.document.doc_id)]
        events = []
        for source in sources:
            for target in targets or [self._home_government(source, location, info.root, unnamed_target)]:
                if target is not None and (target is source or (same_party(source.code, target.code)
                                                                and target.kind != "implicit"
                                                                and not self._two_people(source, target))):
                    continue  # an actor acting on itself; one country's sectors may act on each other
                if not any(m is not None and (_country(m) or (info.root == "14" and m.code)) for m in (source, target)):
                    # neither side is a known party: "1400 civilians were killed" names a sector of no country
                    # (protesters of no known country still protest)
                    continue
                if self.filters.crime_only(info.code, source, target, location.country if location else None,
                                           span):
                    continue  # "Grupp is charged with attempted enticement": crime news
                if self.filters.firm_business(info.code, source, target):
                    continue  # "WeWork signed a lease with Google": business news
                if info.root == "14" and (target is None or target.kind == "implicit") \
                        and self.filters.state_protest(source):
                    continue  # "Russia is blocking them from food", "Trump held a rally": no protest
                if target is None and source.actor_id.startswith(PROVISIONAL_PREFIX) and not _political(source, told):
                    continue  # "the man who kidnapped the child, Michael Webb": a private person's act on no party
                events.append(self._event(parsed, index, candidate, info, source, target, mode,
                                          (date, precision, date_source, time_text), location))
        return events

    def _two_people(self, source: Mention, target: Mention) -> bool:
        """Whether two mentions are two different parties whose codes differ only by a sector: two people
        ("Haley called Ramaswamy 'scum'": USAGOV and a candidate the base does not know, USA), or a state
        body acting on a person or organisation the base does not know ("the SEC sued Elon Musk": USAGOV on
        USA), not a state and its own government."""
        def person(mention: Mention) -> bool:
            actor = self.kb.actors.get(mention.actor_id)
            return mention.kind in ("name", "surname", "ner", "fuzzy") and (
                actor.type == "person" if actor is not None else mention.actor_id.startswith(PROVISIONAL_PREFIX))
        if source.actor_id == target.actor_id:
            return False
        if person(source) and person(target):
            return True  # two people of one code ("DeSantis jabbed at Trump": both USAGOV) are still two parties
        on_unknown = target.actor_id.startswith(PROVISIONAL_PREFIX) and not source.actor_id.startswith(
            PROVISIONAL_PREFIX) and not self._place(source)  # a place stands for no body ("gaze travels to NYC")
        return source.code != target.code and on_unknown

    @staticmethod
    def _domestic_target(source: Mention, location: Location | None) -> list[Mention]:
        """Whom a curfew, a state of emergency or martial law (or the threat of one) naming no party acts
        on: the people of the place's country, else of the source's own ("Iraq's government is prepared to
        impose martial law": IRQGOV -> IRQCVL)."""
        country = (location.country if location is not None else None) or _country(source)
        if not country or country in ("IGO", "NGO"):
            return []
        return [Mention(source.doc_id, source.sentence_index, source.start, source.start, "", country,
                        f"{country}CVL", round(source.confidence * 0.5, 3), "implicit")]

    @staticmethod
    def _home_government(source: Mention, location: Location | None, root: str, unnamed: bool) -> Mention | None:
        """The party a protest naming none is against: the government of the protesters' country (of the
        place, when they have none), as CAMEO codes domestic protest ("supporters of Imran Khan rallied in
        Islamabad": PAKOPP -> PAKGOV). None for other acts, or when the country is unknown."""
        state = len(source.code or "") == 3 and not source.actor_id.startswith("group:")
        if root != "14" or unnamed or not source.code or state:
            return None  # an unknown protester, or a state protesting (a diplomatic protest needs its target)
        country = _country(source) or (location.country if location is not None else None)
        if not country or country in ("IGO", "NGO"):
            return None
        return Mention(source.doc_id, source.sentence_index, source.start, source.start, "", country,
                       f"{country}GOV", round(source.confidence * 0.5, 3), "implicit")

    def _announced(self, predicate: Token, code: str, mode: str, sources: list[Mention]) -> str | None:
        """The code of the speaker's own act announced in a statement, as CAMEO codes it: "Hungary said it
        will support the resolution" is an intent (032), "Nigeria announced that it will withdraw its
        force" a threat, "Syria says it will not accept more refugees" a rejection (122). Only a subject
        referring to the speaker (``_own_report``) makes the act the speaker's own ("France will recognise
        ..., Macron said" stays a future act). None when the predicate is no such act."""
        if not sources or not self._own_report(predicate):
            return None
        if mode == "negated":
            # only a refusal said of the future: "it did not accept refugees" is a denial, not a refusal
            if not _to_come(predicate):
                return None
        elif mode != "future":
            return None
        announced = announced_code(code, mode == "negated")
        return announced if announced in self.dictionary.codes else None

    def _own_report(self, predicate: Token) -> bool:
        """Whether a predicate is an act a statement reports as the speaker's own: its subject is a pronoun
        ("the ministry said it would expel ...", "the army said they had captured ...") or a group owned by
        "its" or "their" ("Turkey said its jets struck ...") in the clause the statement verb reports."""
        lex = self.grammar.lex
        subject, passive = self.grammar.subject(predicate)
        if subject is None or passive or not self.attributes.reported(predicate):
            return False
        return subject.lower_ in lex.own_pronouns or self.arguments.owned(subject)

    def _own_act(self, clause: Token) -> bool:
        """Whether what a statement reports is an act the speaker tells as its own, done or to come
        ("Latvia said it had expelled the ambassador", "Turkey said its jets struck ..."), not a state of it
        ("it was concerned", "it has been cooperating", "it was looking into pauses") nor another statement."""
        candidate = self.predicates.match_verb(clause) if clause.pos_ == "VERB" else None
        if candidate is None or candidate.pattern.code[:2] == "01" or is_state(clause) \
                or not _done_or_to_come(clause):
            return False
        return self._own_report(clause) and not self.filters.no_act(clause, candidate.pattern.code[:2])

    def _place(self, mention: Mention) -> bool:
        """Whether a mention is a place of the gazetteer rather than a state or its government ("a joint project
        on the Mediterranean coast"): no party acted on, so coordinated subjects of a mutual act act on each
        other."""
        actor = self.kb.actors.get(mention.actor_id)
        return actor is not None and actor.type == "location"

    def _local_place(self, mention: Mention) -> bool:
        """Whether a mention is a city, a region or another place that is not its country's capital ("York",
        "Cambridge", "Gaza"): it names no government, as a capital may ("Taipei" for Taiwan's)."""
        actor = self.kb.actors.get(mention.actor_id)
        return actor is not None and actor.type == "location" and self.kb.capitals.get(actor.country) != actor.name

    def _scene(self, token: Token, mention: Mention) -> bool:
        """Whether a place mention at ``token`` only says where something happens ("pauses in the fighting
        in Gaza"): a city or region after a preposition of places is the scene of what was said, not
        the party it is about (a capital may stand for its state: "the vote in Taipei")."""
        if not self._local_place(mention):
            return False
        while token.head.i != token.i and mention.start <= token.head.idx < mention.end:
            token = token.head  # the head word of a name of several words ("Gaza City")
        marker = token.head.lower_ if token.dep_ == "pobj" else case_marker(token)
        return marker in self.grammar.lex.locative_preps

    def _at_place(self, mention: Mention, span: Span, token_mention: dict[int, Mention]) -> bool:
        """Whether a mention's phrase is marked by a preposition of places ("à Oman", "в Стамбуле")."""
        return any(token_mention.get(t.i) is mention and case_marker(t) in self.grammar.lex.locative_preps
                   for t in span)

    def _event(self, parsed: ParsedDocument, index: int, candidate: Candidate, info: CodeInfo, source: Mention,
               target: Mention | None, mode: str, dated: tuple, location: Location | None) -> Event:
        """One event record; its id is stable over reruns (document, sentence, predicate, actors, code)."""
        predicate = candidate.predicate
        date, precision, date_source, time_text = dated
        key = f"{parsed.document.doc_id}|{index}|{predicate.i}|{source.start}|" \
              f"{target.start if target else ''}|{info.code}"
        return Event(
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
            plover=plover_type(self.dictionary, info, mode),
            mode=mode,
            confidence=self.attributes.confidence(candidate, source, target),
            predicate=predicate.text,
            date=date,
            date_precision=precision,
            date_source=date_source,
            time_text=time_text,
            location=location,
            source_span=(source.start, source.end) if source.kind != "implicit" else None,
            target_span=(target.start, target.end) if target else None,
        )


def _names_no_one_else(predicate: Token, sources: list[Mention], token_mention: dict[int, Mention],
                       grammar: Grammar) -> bool:
    """Whether the predicate's phrase (its subject aside) names no party beside its sources: no other
    linked actor, no name left unlinked ("called on the Labour leader", "denied responsibility for the
    attack on Sony") and no title ("took aim at the former president"), where the addressee is named but
    not found; names in the clause a denial denies, or in a clause that tells what a report or a claim
    says ("declined to comment on reports that an Irish citizen was among the hostages"), are no addressee."""
    if not any(child.dep_ in SUBJECT_DEPS for child in predicate.children):
        return False  # a subject taken from another clause ("closed the crossing to aid trucks"): too far to tell
    own = {m.start for m in sources}
    # the act denied in a clause ("denied having sex with girls supplied by Epstein") is what is denied,
    # not whom the denial is addressed to
    content = {"xcomp", "ccomp"} if grammar.lemma(predicate) in grammar.lex.denying_heads else set()
    phrase = [t for child in predicate.children if child.dep_ not in SUBJECT_DEPS | content for t in child.subtree]
    for token in phrase:
        if _in_clause(token, predicate):
            continue
        mention = token_mention.get(token.i)
        if mention is not None:
            if mention.start not in own:
                return False
        elif token.ent_type_ in _NAME_ENTITIES or (token.pos_ == "PROPN" and not token.ent_type_) \
                or (token.pos_ == "NOUN" and token.lower_ in grammar.lex.title_sectors):
            return False  # a name or a title, not a day ("on Thursday")
    return True


def _to_come(verb: Token) -> bool:
    """Whether a verb tells its act as to come: "will", "shall", "going to", or "would" of reported speech."""
    children = list(verb.children)
    return speaks_of_future(children) or any(c.lower_ == "would" for c in children)


def _done_or_to_come(verb: Token) -> bool:
    """Whether a verb tells its act as done ("struck", "had encircled", "has expelled") or as to come,
    not as going on ("was looking into pauses", "is preparing for war": a course, not an act yet)."""
    return "Past" in verb.morph.get("Tense") or _to_come(verb)


def _in_clause(token: Token, predicate: Token) -> bool:
    """Whether a token of the predicate's phrase stands in a clause with a subject of its own told inside
    it ("reports that an Irish citizen was among ..."), not in a participle ("a statement supporting
    Azerbaijan": what the statement is for names its addressee)."""
    while token.i != predicate.i and token.head.i != token.i:
        if token.dep_ in ("ccomp", "acl", "relcl") and token.head.i != predicate.i \
                and any(relation(c) in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS for c in token.children):
            return True
        token = token.head
    return False


def _sides(events: list[Event]) -> list[Mention]:
    """The named sides of events as mentions, with the codes the coder gave them ("the government of
    Kenya held talks": KENGOV), for a title of a later sentence to refer back to."""
    found = []
    for event in events:
        for actor_id, code, span in ((event.source_actor_id, event.source_code, event.source_span),
                                     (event.target_actor_id, event.target_code, event.target_span)):
            if actor_id and code and span is not None:
                found.append(Mention(event.doc_id, event.sentence_index, span[0], span[1], "", actor_id, code,
                                     event.confidence, "role"))
    return found


def _political(speaker: Mention, told: set[str] = frozenset()) -> bool:
    """Whether a speaker is plainly a political actor: a known actor named in full, or by the surname of a
    name told in full before (``told``: "Donald Trump ... Trump said"; a bare surname alone is the linker's
    guess), or a person the base does not know whose title gave a sector ("Sen. Warren", "Gov. DeSantis
    ... DeSantis": USALEG, USAGOV)."""
    if speaker.actor_id.startswith(PROVISIONAL_PREFIX):
        return len(speaker.code or "") > 3
    return speaker.kind != "surname" or speaker.actor_id in told


def _domestic_party(speaker: Mention, mention: Mention) -> bool:
    """Whether a mention is another party of the speaker's own country: another actor whose code has a
    sector (a body, an office, a group) that is not the speaker's own code nor the state it speaks for."""
    code = mention.code or ""
    return _country(mention) == _country(speaker) and len(code) > 3 and mention.actor_id != speaker.actor_id \
        and not same_party(code, speaker.code)


def _country_of_code(code: str | None) -> str | None:
    """The country (or IGO/NGO) part of an actor code; None for a sector without a country ("GOV")."""
    if not code or len(code) < 3:
        return None
    return code[:3]


def _country(mention: Mention) -> str | None:
    """The country a mention belongs to, None for a bare sector ("officials", "analysts")."""
    if mention.actor_id.startswith("group:") and len(mention.code or "") <= 3:
        return None
    return _country_of_code(mention.code)
