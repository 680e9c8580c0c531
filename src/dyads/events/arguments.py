"""Argument finding: the source and target actors of a predicate (subjects, objects, passives, "of" and
possessor phrases, coordinated and titled actors), and the stand-ins used when the text leaves one out."""

from __future__ import annotations

from spacy.tokens import Token

from dyads.events.attributes import place_of
from dyads.events.dictionary import Pattern
from dyads.events.syntax import (
    MODIFIER_DEPS,
    OBJECT_DEPS,
    PASSIVE_SUBJECT_DEPS,
    SUBJECT_DEPS,
    Grammar,
    case_marker,
    front_object,
    prep_object,
    quantified_object,
    relation,
)
from dyads.kb.base import KnowledgeBase
from dyads.kb.link import PROVISIONAL_PREFIX, SECTOR_NOUNS
from dyads.types import Location, Mention

_NO_PATTERN = Pattern("", "", (), None)
_FORCE_SECTORS = {"MIL", "COP", "SPY"}
# Acts of force, whose target may be only the place struck ("struck camps in Pakistan").
FORCE_ROOTS = frozenset({"18", "19", "20"})


def is_bare_force(mention: Mention) -> bool:
    """"troops", "forces", "police": armed men of no named country (they belong to the acting side)."""
    return mention.actor_id.startswith("group:") and (mention.code or "")[-3:] in _FORCE_SECTORS


def _a_name(token: Token) -> bool:
    """Whether a phrase's head names a person or a body ("WeWork", "Sony"), not a common noun ("the
    company") nor a place or a dateline ("BUFFALO, N.Y. - A Lancaster man ...", parsed as the subject)."""
    return token.ent_type_ in ("PERSON", "ORG") or (token.pos_ == "PROPN" and not token.ent_type_
                                                    and not token.text.isupper())


class ArgumentFinder:
    """Finds a predicate's source and target mentions in its parse."""

    def __init__(self, kb: KnowledgeBase, grammar: Grammar):
        self.kb = kb
        self.grammar = grammar
        self.lex = grammar.lex

    # -- noun phrases --------------------------------------------------------------------
    def actors_of(self, token: Token | None, token_mention: dict[int, Mention]) -> list[Mention]:
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
            if mention is None and head.lower_ in self.lex.pronouns:
                mention = self._antecedent(head, token_mention)
            if mention is None and head.lower_ in self.lex.own_pronouns:
                # "Norway's government said it would expel ...": the speaker of the statement around it
                found += [m for m in self._speakers(head, token_mention) if m not in found]
            if mention is None:
                mention = self._owned_sector(head, token_mention)
            if mention is not None and mention.actor_id.startswith("group:") and len(mention.code or "") == 3:
                mention = self._owned_group(head, mention, token_mention)
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
        if not found and any(c.lower_ in self.lex.pair_words for c in token.children):
            found = self._pair(token, token_mention)
        return found

    def _pair(self, token: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The parties "the two leaders" or "both sides" stand for: the subject and the object (or "with"
        phrase) of the clause that the phrase's own clause is joined to ("Zelensky met Biden ..., and the
        two leaders signed an agreement": Zelensky and Biden)."""
        clause = token.head
        if relation(token) not in SUBJECT_DEPS or clause.dep_ != "conj" or clause.head.i == clause.i:
            return []
        before = clause.head
        subject, _passive = self.grammar.subject(before)
        other = next((c for c in before.children if relation(c) in OBJECT_DEPS), None) or prep_object(before, "with")
        parties = self.actors_of(subject, token_mention)
        parties += [m for m in self.actors_of(other, token_mention) if m not in parties]
        return parties if len(parties) >= 2 else []

    def _owned_sector(self, head: Token, token_mention: dict[int, Mention]) -> Mention | None:
        """"Turkey said its jets struck ...", "Germany said its diplomats met ...": a group noun that names
        no actor alone ("jets", "forces", "diplomats") owned by "its" or "their" as a clause's subject is
        that sector of the owner, the nearest subject above it, if that owner is a state or another
        political party (a firm's "officials" are no government). None otherwise."""
        sector = SECTOR_NOUNS.get(head.lower_)
        if sector is None or relation(head) not in SUBJECT_DEPS:
            return None
        owner = self._owner(head, token_mention)
        if owner is None or owner.code[3:6].lower() in self.lex.private_sectors:
            return None
        start, end = head.left_edge.idx, head.idx + len(head)
        # the actor is the group, as a bare group owned by "its" is (_owned_group)
        return Mention(owner.doc_id, owner.sentence_index, start, end, head.doc.text[start:end], f"group:{sector}",
                       f"{owner.code[:3]}{sector}", 0.6, "group")

    def _owned_group(self, head: Token, group: Mention, token_mention: dict[int, Mention]) -> Mention:
        """"Russia denied that its troops attacked ...": a bare group owned by "its" or "their" belongs to
        the country of the nearest subject above it."""
        owner = self._owner(head, token_mention)
        if owner is None:
            return group
        # the actor stays the group: these are still the owner's own forces, not a party of their own
        return Mention(group.doc_id, group.sentence_index, group.start, group.end, group.surface,
                       group.actor_id, f"{owner.code[:3]}{group.code}", group.confidence, group.kind)

    def owned(self, head: Token) -> bool:
        """Whether a noun is owned by "its" or "their" ("its troops"), or by the country of a person
        pronoun ("his country's troops", "our nation's diplomats"): either way the clause's subject's."""
        return any(c.dep_ == "poss" and (c.lower_ in self.lex.possessive_pronouns or (
            c.lower_ in self.lex.homeland_nouns and any(g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)))
            for c in head.children)

    def _owner(self, head: Token, token_mention: dict[int, Mention]) -> Mention | None:
        """The party "its" or "their" before ``head`` refers to: the first named party (no bare group) of
        the nearest subject above it; None when the phrase has no such possessive."""
        if not self.owned(head):
            return None
        node = head
        for _ in range(6):
            if node.head.i == node.i:
                break
            node = node.head
            subject = next((c for c in node.children if relation(c) in SUBJECT_DEPS and c.i != head.i
                            and not (c.left_edge.i <= head.i <= c.right_edge.i)), None)
            if subject is None:
                continue
            owners = [m for m in self.actors_of(subject, token_mention) if m.code and len(m.code) >= 3
                      and not m.actor_id.startswith("group:")]
            return owners[0] if owners else None
        return None

    def _speakers(self, pronoun: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The speaker a subject pronoun of what was said refers to ("Armenia said it was ready ...")."""
        clause = pronoun.head
        if relation(pronoun) not in SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS or clause.dep_ not in ("ccomp", "parataxis") \
                or clause.head.i == clause.i or self.grammar.lemma(clause.head) not in self.lex.statement_verbs:
            return []
        said = clause.head
        speaker = next((c for c in said.children if relation(c) in SUBJECT_DEPS), None)
        if speaker is None and said.dep_ == "advcl" and said.tag_ == "VBG" and said.head.i != said.i:
            # "Israel has dismissed those calls, saying it targets Hamas fighters": a participle of saying
            # shares the subject of the clause it hangs on
            speaker = next((c for c in said.head.children if relation(c) in SUBJECT_DEPS), None)
        if speaker is None or speaker.lower_ in self.lex.own_pronouns:
            return []
        return self.actors_of(speaker, token_mention)

    def _antecedent(self, pronoun: Token, token_mention: dict[int, Mention]) -> Mention | None:
        """The person "he" or "she" refers to: the nearest person named before it in the sentence (a
        place is no antecedent: "a visit to Kyiv, where he met Zelensky")."""
        for token in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
            mention = token_mention.get(token.i)
            actor = self.kb.actors.get(mention.actor_id) if mention is not None else None
            # a person: a named one, or a role ("the Greek premier said he ...")
            if mention is not None and mention.kind in ("name", "surname", "role", "fuzzy", "ner") \
                    and (not mention.actor_id.isupper() or mention.kind == "role") \
                    and (actor is None or actor.type not in ("location", "state")):
                return mention
        return None

    def _head_mention(self, head: Token, token_mention: dict[int, Mention], depth: int = 0) -> Mention | None:
        if head.i in token_mention:
            mention = token_mention[head.i]
            if mention.code is None:
                # "jailed opposition figure Maria Kolesnikova": an unknown person takes the group of the title
                group = next((token_mention[t.i] for t in head.subtree if t.i != head.i and t.i in token_mention
                              and token_mention[t.i].actor_id.startswith("group:")
                              and t.dep_ in ("compound", "amod")), None)
                if group is not None:
                    return group
            return self._appositive_title(head, mention, token_mention)
        for child in head.children:  # "Iran's envoy, Kazem Jalali": the appositive names the actor
            if child.dep_ == "appos" and child.i in token_mention:
                return token_mention[child.i]
        for child in head.children:  # "Iran's envoy", "Russian rescue forces"
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in token_mention:
                return self._titled(head, token_mention[child.i])
        for child in head.children:  # "the government of Iran"; "its border with Ukraine"
            if child.dep_ == "prep" and (child.lower_ == "of" or (
                    child.lower_ in ("with", "between") and self.grammar.lemma(head) in self.lex.relational_nouns)):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj" and grandchild.i in token_mention:
                        return token_mention[grandchild.i]
                    if grandchild.dep_ == "pobj" and child.lower_ == "of" and depth < 2:
                        # "dozens of supporters of the opposition", "a delegation of Taliban officials"
                        found = self._head_mention(grandchild, token_mention, depth + 1)
                        if found is not None:
                            return found
        return None

    def _appositive_title(self, head: Token, mention: Mention, token_mention: dict[int, Mention]) -> Mention:
        """A person the base does not know, whose appositive title names whom they act for ("Stéphane
        Dujarric, spokesman for UN secretary general Antonio Guterres", "Anne Gonzales, a spokeswoman for
        the Israeli army"), takes that party's code; a code from the page alone (a country, no sector)
        gives way to it. Others keep their own."""
        if not mention.actor_id.startswith(PROVISIONAL_PREFIX) or len(mention.code or "") > 3:
            return mention
        for child in head.children:
            if child.dep_ != "appos" or child.i in token_mention or (
                    self.lex.title_sectors.get(child.lower_) or self.lex.title_sectors.get(self.grammar.lemma(child))
            ) is None:
                continue
            titled = self._of_actors(child, token_mention) or [
                m for m in [self._head_mention(child, token_mention)] if m is not None]
            if titled and len(titled[0].code or "") > 3:
                return Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end, mention.surface,
                               mention.actor_id, titled[0].code, mention.confidence, mention.kind)
        return mention

    def title_antecedent(self, predicate: Token, index: int, recent: list[Mention]) -> list[Mention]:
        """The party a bare definite title names, when the sentence names it no other way: "The diplomat
        said ...", "the officials said", "one of the officials said" refer back to the nearest party of
        the sentences before (``recent``, in reading order) that acts in the title's sector (a government's
        or a military's: ``title_sectors`` GOV and MIL; police and people are local news, left out)."""
        subject, passive = self.grammar.subject(predicate)
        if subject is None or passive:
            return []
        title = prep_object(subject, "of") if subject.lower_ == "one" else subject  # "one of the officials"
        if title is None or title.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the"
                                                              for c in title.children):
            return []
        sector = self.lex.title_sectors.get(title.lower_) or self.lex.title_sectors.get(self.grammar.lemma(title))
        if sector not in ("GOV", "MIL"):
            return []
        party = next((m for m in reversed(recent) if len(m.code or "") > 3 and m.code[3:6] == sector), None)
        if party is None:
            return []
        start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
        return [Mention(party.doc_id, index, start, end, subject.doc.text[start:end], party.actor_id,
                        party.code, round(party.confidence * 0.8, 3), "role")]

    def _titled(self, head: Token, mention: Mention) -> Mention:
        """A state named as the modifier of a title noun in a UD parse is that state's sector:
        "le président chinois", "посол Ирана" (CHNGOV, IRNGOV). English names these with the role
        phrases of its linker."""
        actor = self.kb.actors.get(mention.actor_id)
        if head.doc.lang_ == "en" or actor is None or actor.type != "state" or len(mention.code or "") != 3:
            return mention
        sector = self.lex.title_sectors.get(self.grammar.lemma(head)) or self.lex.title_sectors.get(head.lower_)
        if sector is None:
            return mention
        return Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end, mention.surface,
                       mention.actor_id, f"{mention.code}{sector}", mention.confidence, mention.kind)

    def _of_actors(self, head: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The actors of a title noun's "of" phrase: "the presidents of Brazil and Argentina" are
        BRAGOV and ARGGOV; "King Abdullah of Jordan" is JORGOV. A body that governs or lives where it
        is (``resident_titles``) is named by its "in" phrase too: "authorities in Niger" are NERGOV,
        "police in Tehran" IRNCOP (an envoy or troops "in" a country are another's). People who speak or
        work for a body (``voice_titles``) are named by their "for" and "from" phrases (``voice_preps``) and
        their "at" and "in" phrases (``voice_body_preps``) as well: "a spokesman for the Kremlin" is RUSGOV,
        "officials at the State Department" USAGOV, "officials from Iran" IRNGOV; a body named there (not a
        state or a place) lends its own code, a state only after a ``voice_preps`` word."""
        own = token_mention.get(head.i)
        group = own is not None and own.actor_id.startswith("group:") and own.code and len(own.code) == 3
        if own is not None and own.code is not None and not group:
            return []
        if any(c.dep_ in ("poss", "compound", "amod", "nmod", "appos") and c.i in token_mention
               and token_mention[c.i] is not own for c in head.children):
            return []
        lemma = self.grammar.lemma(head)
        voice = head.lower_ in self.lex.voice_titles or lemma in self.lex.voice_titles
        sector = own.code if group else (self.lex.title_sectors.get(head.lower_) or self.lex.title_sectors.get(lemma))
        if sector is None and (own is not None or voice):
            sector = "GOV"  # an unknown person "of" a country ("King Abdullah of Jordan"), "sources from Iran"
        if sector is None:
            return []
        resident = head.lower_ in self.lex.resident_titles or lemma in self.lex.resident_titles
        found = []
        for child in head.children:
            if child.dep_ != "prep":
                continue
            # the kinds of party a phrase may name: states by "of", places too by a resident's "in"
            places = ("state",) if child.lower_ == "of" else \
                ("state", "location") if resident and child.lower_ == "in" else ()
            bodies = voice and child.lower_ in self.lex.voice_preps | self.lex.voice_body_preps
            for pobj in (g for g in child.children if g.dep_ == "pobj" and (places or bodies)):
                for other in (pobj, *pobj.conjuncts):
                    mention = token_mention.get(other.i)
                    if mention is None and bodies:  # "a spokesman for Israel's military engineers"
                        mention = self._head_mention(other, token_mention)
                    actor = self.kb.actors.get(mention.actor_id) if mention is not None else None
                    if mention is None or not mention.code:
                        continue
                    if bodies and len(mention.code) > 3:
                        code = mention.code  # "a spokesman for the Kremlin", "officials at Iran's foreign ministry"
                    elif actor is not None and actor.type in places:
                        code = f"{mention.code[:3]}{sector}"
                    elif bodies and actor is not None and actor.type == "state" \
                            and child.lower_ in self.lex.voice_preps:
                        code = f"{mention.code[:3]}{sector}"  # "a spokesman for Iran", "officials from Iran"
                    else:
                        continue
                    found.append(Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end,
                                         mention.surface, mention.actor_id, code, mention.confidence, mention.kind))
        return found

    @staticmethod
    def _modifier_actors(head: Token | None, token_mention: dict[int, Mention]) -> list[Mention]:
        """The first actor among the modifiers of a noun phrase, nearest first, within three levels
        ("the US ceasefire proposal", "Kyiv's peace plan", "demanded an admission by Moscow"); clauses and
        prepositions other than "of" and the agent's "by" are not entered, since they name places and times
        rather than the phrase's owner."""
        level = [head] if head is not None else []
        for _ in range(3):
            below = [c for token in level for c in token.children
                     if c.dep_ in MODIFIER_DEPS or (c.dep_ == "prep" and c.lower_ in ("of", "by"))
                     or (c.dep_ == "pobj" and token.dep_ == "prep")]
            for token in below:
                if token.i in token_mention:
                    return [token_mention[token.i]]
            level = below
        return []

    # -- verbs ---------------------------------------------------------------------------
    def verb_arguments(self, verb: Token, pattern: Pattern, token_mention: dict[int, Mention]
                       ) -> tuple[list[Mention], list[Mention]]:
        """Sources and targets of a verb predicate."""
        subject, passive = self.grammar.subject(verb)
        if passive:
            sources = self.actors_of(self.grammar.agent(verb), token_mention)
            targets = self.actors_of(subject, token_mention)
            if targets and all(is_bare_force(t) for t in targets):
                targets = []  # "troops were sent to the border by Israel": the forces are the sender's
            own = {(m.code or "")[:3] for m in sources}
            if targets and pattern.code[:2] == "15" and all((t.code or "")[:3] in own for t in targets):
                # "US warships were deployed near Venezuela's coast by the Pentagon": the sender's own forces
                targets = self._aimed_at(verb, token_mention)
            if not sources:
                # "teams were dispatched from Moscow to Tabriz", "diplomats were expelled from Moldova"
                sources = self.actors_of(prep_object(verb, "from"), token_mention)
                if not targets:
                    targets = self.actors_of(prep_object(verb, "to"), token_mention)
            if not targets:
                # "troops were sent to the border by Israel", "sanctions on Iran were lifted by ..."
                for head in (verb, subject):
                    for prep in ([pattern.target_prep] if pattern.target_prep else []) + list(self.lex.target_preps):
                        if head is not None and prep not in ("by", "from"):
                            targets = self.actors_of(prep_object(head, prep), token_mention)
                            if targets:
                                break
                    if targets:
                        break
            return sources, targets
        sources = self.actors_of(subject, token_mention)
        accuser = self.grammar.accuser(verb)
        if accuser is not None:
            accuser_subject, _ = self.grammar.subject(accuser)
            found = self._verb_targets(verb, pattern, token_mention)
            return sources, found or self.actors_of(accuser_subject, token_mention)
        return sources, self._verb_targets(verb, pattern, token_mention)

    def received_arguments(self, verb: Token, token_mention: dict[int, Mention]) -> tuple[list[Mention], list[Mention]]:
        """Sources and targets of a verb of receiving: the party it comes "from" gives, the subject receives
        ("the Wagner group received weapons from North Korea": PRK gives to the group); none in a passive."""
        subject, passive = self.grammar.subject(verb)
        if passive:
            return [], []
        return self.actors_of(prep_object(verb, "from"), token_mention), self.actors_of(subject, token_mention)

    def _verb_targets(self, verb: Token, pattern: Pattern, token_mention: dict[int, Mention]) -> list[Mention]:
        target_token = None
        if pattern.target_prep:
            # the preposition hangs off the verb, or off a noun of the phrase ("is in touch with Iran")
            heads = [verb] + [t for t in verb.subtree if t.i != verb.i and self.grammar.lemma(t) in pattern.others
                              and t.lower_ not in self.lex.target_preps]
            target_token = next((found for head in heads if self.actors_of(
                found := prep_object(head, pattern.target_prep), token_mention)), None)
            # none found: "accused Russia of interfering", the object is the target
        if target_token is not None:
            addressees = self.actors_of(target_token, token_mention)
            if pattern.code[:2] == "11" and pattern.target_prep not in self.lex.grievance_preps:
                # "complained to the UN over two Israeli air raids": the party complained of, not the addressee
                # (unless it is the addressee's own: "protested to China over Chinese ships" stays China)
                grievance = next((found for prep in self.lex.grievance_preps
                                  if (found := self.actors_of(prep_object(verb, prep), token_mention))), [])
                own = {(m.code or "")[:3] for m in addressees}
                if grievance and not any((m.code or "")[:3] in own for m in grievance):
                    return grievance
            return self._or_occasion(verb, pattern, addressees, token_mention)
        objects = [c for c in verb.children if relation(c) in OBJECT_DEPS]
        if verb.doc.lang_ != "en":
            # "выразил соболезнования народу Ирана": the object that names a party, the dative one too;
            # a weapon's maker is no party ("tiré des missiles américains sur le territoire russe")
            objects = [c for c in objects if self.grammar.lemma(c) not in self.lex.weapon_nouns]
            objects.sort(key=lambda c: not self.actors_of(c, token_mention))
        # "called Ramaswamy 'scum'" misparsed with the name a modifier of the object predicate ("oprd")
        predicate = next((c for c in verb.children if c.dep_ == "oprd"), None)
        target_token = objects[0] if objects else predicate or quantified_object(verb) or self._shifted_object(verb)
        targets = self.actors_of(target_token, token_mention)
        if targets and target_token is not None and target_token.i not in token_mention and verb.doc.lang_ == "en":
            # "handed over 20 Benin Bronzes to Nigeria", "sent US-made missiles to Ukraine": a party that only
            # qualifies the thing given is its maker or origin; the one it goes to is the target
            recipients = next((found for prep in self.lex.destination_preps
                               if (found := self.actors_of(prep_object(verb, prep), token_mention))), [])
            if recipients and not any(c.dep_ == "appos" for c in target_token.children):
                targets = recipients
        if targets and all(is_bare_force(t) for t in targets):
            # "moved troops toward the Lithuanian border": the forces are the source's own, the
            # place they are sent to names the other party
            toward = [t for prep in self.lex.toward_preps
                      for t in self.actors_of(prep_object(verb, prep), token_mention)]
            toward = toward or next((found for prep in self.lex.target_preps
                                     if (found := self.actors_of(prep_object(verb, prep), token_mention))), [])
            if not toward and any(self.unnamed_party(prep_object(verb, prep), token_mention)
                                  for prep in self.lex.target_preps):
                targets = []  # "mobilized troops against the attackers": the party acted on is unnamed
            else:
                targets = toward or targets
        if not targets:
            for prep in self.lex.target_preps:
                targets = self.actors_of(prep_object(verb, prep), token_mention)
                if prep == "at":
                    # "signed at the White House": a place, not a party; "pledged at the UN climate summit": a
                    # gathering named after its host is where the act is done, not whom it is aimed at
                    place = prep_object(verb, prep)
                    targets = [] if place is not None and self.grammar.lemma(place) in self.lex.gathering_nouns \
                        else [t for t in targets if t.kind != "metonym"]
                if verb.doc.lang_ != "en" and prep in self.lex.locative_preps:
                    targets = [t for t in targets if not self.venue(t, pattern)]
                if targets:
                    break
        if not targets and target_token is not None and verb.doc.lang_ == "en":
            # "will send 50 million euros in humanitarian aid to Sudan": the recipient hangs off a phrase of the
            # thing given
            targets = self._nested_recipient(target_token, token_mention)
        code = pattern.code
        permissive = self.grammar.lemma(verb) in self.lex.permissive_verbs
        if not targets and (code.startswith("02") or code.startswith("10") or permissive):
            # "demanded that Moscow release ...", "allowed IAEA inspectors to visit ...": the subject of the
            # complement clause
            for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
                subject = next((c for c in clause.children if relation(c) in SUBJECT_DEPS), None)
                targets = self.actors_of(subject, token_mention)
                if targets:
                    break
        if not targets:
            # "protested in front of the embassy"
            targets = self.actors_of(front_object(verb), token_mention)
        if not targets:
            # "rejected the US ceasefire proposal", "seized a Marshall Islands-flagged tanker": the
            # party named inside the object's noun phrase, or the one it is tied to ("ships linked to Israel")
            targets = self._modifier_actors(target_token, token_mention) or self._affiliated(target_token,
                                                                                             token_mention)
        if not targets and target_token is not None and target_token.i not in token_mention and verb.doc.lang_ == "en":
            # "denied the accusations by Pakistan", "rejected the proposal put forward by Egypt": the agent of the
            # object (of its participle, or hung on the verb by the parser) is the party the act is aimed at
            heads = [target_token, *(c for c in target_token.children if c.dep_ == "acl"), verb]
            targets = next((found for head in heads if (found := self.actors_of(self.grammar.agent(head),
                                                                                token_mention))), [])
        if not targets and code[:2] == "15":
            # "built up forces near the border with Armenia", "put its forces on alert along the border with
            # India": a show or posture of force names the other side by the place it is aimed at
            targets = self._aimed_at(verb, token_mention)
        targets = self._or_occasion(verb, pattern, targets, token_mention)
        if not targets and (permissive or self.grammar.lemma(verb) in self.lex.embedding_heads):
            # "threatened to suspend talks with Israel", "refused to free X", "was ready to hold
            # talks with Y", "warned that it would strike Israel", "allowed aid trucks to enter Gaza": the
            # complement's party
            for clause in (c for c in self.grammar.complements(verb)
                           if permissive or not any(relation(g) in SUBJECT_DEPS
                                                    and g.lower_ not in self.lex.own_pronouns for g in c.children)):
                targets = self._verb_targets(clause, _NO_PATTERN, token_mention)
                if targets:
                    break
        if not targets and verb.doc.lang_ != "en":
            targets = self._nested_target(verb, pattern, token_mention)
        return targets

    @staticmethod
    def _shifted_object(verb: Token) -> Token | None:
        """A long object moved after the verb's "as" phrase, which the parser hangs there as an apposition
        ("denounced as an ugly crime Serbia's suppression of the unrest"); None when there is none."""
        return next((a for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                     for g in c.children if g.dep_ == "pobj" for a in g.children if a.dep_ == "appos"), None)

    def _nested_recipient(self, thing: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The party of the first destination phrase ("to Sudan") among the prepositional phrases of a thing
        given, down two phrases ("50 million euros in humanitarian aid to Sudan")."""
        level = [thing]
        for _ in range(2):
            phrases = [c for t in level for c in t.children if c.dep_ == "prep"]
            for prep in phrases:
                if prep.lower_ in self.lex.destination_preps:
                    found = self.actors_of(next((g for g in prep.children if g.dep_ == "pobj"), None), token_mention)
                    if found:
                        return found
            level = [g for prep in phrases for g in prep.children if g.dep_ == "pobj"]
        return []

    def _affiliated(self, thing: Token | None, token_mention: dict[int, Mention]) -> list[Mention]:
        """The party a thing is tied to by a participle of ``affiliation_verbs``: "ships linked to Israel",
        "a tanker owned by a Greek firm" (the participle's prepositional objects, nearest first)."""
        if thing is None:
            return []
        for clause in thing.children:
            if clause.dep_ != "acl" or self.grammar.lemma(clause) not in self.lex.affiliation_verbs:
                continue
            for child in clause.children:
                if child.dep_ in ("prep", "agent"):
                    found = self.actors_of(next((g for g in child.children if g.dep_ == "pobj"), None), token_mention)
                    if found:
                        return found
        return []

    def _aimed_at(self, verb: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The party named by the first place a force is moved to or held at (``toward_preps``) in the
        predicate's phrase, its subject aside."""
        subject, _passive = self.grammar.subject(verb)
        skipped = {t.i for t in subject.subtree} if subject is not None and subject.head.i == verb.i else set()
        for token in verb.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in self.lex.toward_preps and token.i not in skipped:
                found = self.actors_of(token, token_mention)
                if found:
                    return found
        return []

    def _or_occasion(self, verb: Token, pattern: Pattern, targets: list[Mention], token_mention: dict[int, Mention]
                     ) -> list[Mention]:
        """The targets found, or when they name no party (none, or only a place of no country: "sent a carrier
        to the Mediterranean", "flew bombers over the Korean peninsula"), the party the act is meant for by
        the occasion the clause gives it (``occasion_nouns``): "as a warning to Hezbollah", "in a show of force
        against North Korea", "amid tensions with Israel", "in response to Iran's attack". Force names its
        target by the place struck instead ("struck sites in Lebanon in response to ...")."""
        if any(t.code for t in targets) or pattern.code[:2] in FORCE_ROOTS:
            return targets
        for child in verb.children:
            if child.dep_ != "prep":
                continue
            for noun in (g for g in child.children if g.dep_ == "pobj"):
                if not {self.grammar.lemma(noun), noun.lower_} & self.lex.occasion_nouns:
                    continue
                for head in (noun, prep_object(noun, "of")):  # "a show of force against ..."
                    for prep in self.lex.target_preps if head is not None else ():
                        found = self.actors_of(prep_object(head, prep), token_mention)
                        if found:
                            return found
                found = self._modifier_actors(noun, token_mention)  # "during the Chinese drills"
                if found:
                    return found
        return targets

    def venue(self, mention: Mention, pattern: Pattern) -> bool:
        """A city or town after a preposition that can name the place ("à Istanbul", "в Москве") is where
        the act happens, not the party acted on, except for the place a visit goes to. Read in languages
        whose preposition of places is also that of recipients (French "à", Russian "в", "на")."""
        actor = self.kb.actors.get(mention.actor_id)
        return actor is not None and actor.type == "location" and not pattern.code.startswith("042")

    def _nested_target(self, verb: Token, pattern: Pattern, token_mention: dict[int, Mention],
                       exclude: tuple[Mention, ...] = ()) -> list[Mention]:
        """A party under the predicate's objects and obliques, nearest first, by a target preposition or
        none ("livrer d'armes à l'Ukraine", "удар беспилотниками и ракетами по Израилю"). The small
        parsers of other languages often hang such a phrase on the wrong word of the clause, so the
        phrase is looked for below the predicate rather than on it alone."""
        below = OBJECT_DEPS | {"obl", "nmod", "conj", "advmod"}
        level = [c for c in verb.children if relation(c) in below]
        for _ in range(3):
            for token in level:
                marker = case_marker(token)
                if marker is None or marker in self.lex.target_preps or (
                        pattern.code.startswith("042") and marker in self.lex.destination_preps):
                    found = [m for m in self.actors_of(token, token_mention) if m.kind != "metonym"
                             and not (marker in self.lex.locative_preps and self.venue(m, pattern))
                             and m not in exclude]
                    if found:
                        return found
            level = [c for t in level for c in t.children if relation(c) in below]
        return []

    # -- nouns ---------------------------------------------------------------------------
    def noun_arguments(self, noun: Token, pattern: Pattern, token_mention: dict[int, Mention]
                       ) -> tuple[list[Mention], list[Mention]]:
        """Sources and targets of an event noun ("Putin's visit to Beijing", "a meeting between X and Y")."""
        clause = self.grammar.undergoer(noun)
        if clause is not None:
            # "X is under investigation by the FBI", "X faces scrutiny from the SEC", "an FBI probe"
            subject, _passive = self.grammar.subject(clause)
            agent = self.grammar.agent(noun) or prep_object(noun, "from") or prep_object(clause, "from")
            sources = self.actors_of(agent, token_mention) or self._modifier_actors(noun, token_mention)
            return sources, self.actors_of(subject, token_mention)
        if noun.doc.lang_ != "en":
            sources = self._owners(noun, token_mention)
        else:
            sources = [token_mention[c.i] for c in noun.children
                       if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in token_mention]
            if not sources and any(c.dep_ == "poss" and c.lower_ in self.lex.possessive_pronouns
                                   for c in noun.children):
                sources = self._possessor(noun, token_mention)
        target_token = None
        for prep in ([pattern.target_prep] if pattern.target_prep else []) + list(self.lex.target_preps):
            target_token = prep_object(noun, prep)
            if target_token is not None:
                break
        if target_token is None:
            # "the imposition of sanctions on Venezuela": the target hangs off the "of" object
            inner = prep_object(noun, "of")
            for prep in self.lex.target_preps if inner is not None else ():
                target_token = prep_object(inner, prep)
                if target_token is not None:
                    break
        agent_token = self.grammar.agent(noun)
        for prep in self.lex.target_preps if target_token is None and agent_token is not None else ():
            # "attacks by Hamas militants on southern Israel": the parser hangs the target on the agent
            target_token = prep_object(agent_token, prep)
            if target_token is not None:
                break
        targets = self.actors_of(target_token, token_mention)
        if noun.doc.lang_ != "en":
            targets = [t for t in targets if t not in sources]  # "de Poutine": the owner, not a target
        if not targets and noun.doc.lang_ != "en":
            # "la visite de Poutine en Chine" with "en Chine" hung on "Poutine"
            targets = self._nested_target(noun, pattern, token_mention, exclude=tuple(sources))
        if not sources:
            of_token = prep_object(noun, "of")
            agent = self.actors_of(self.grammar.agent(noun) or self.grammar.agent(of_token), token_mention)
            of_actors = self.actors_of(of_token, token_mention)
            between = prep_object(noun, "between")
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
        light = self.grammar.light_verb(noun)
        if not targets and light is not None:
            # "held a demonstration in front of the Russian Embassy": the place is on the light verb
            targets = self.actors_of(front_object(light), token_mention)
        if not targets and pattern.code.startswith("14"):
            targets = self.actors_of(front_object(noun), token_mention)
        if not sources and relation(noun) in OBJECT_DEPS:
            # "Russia announced new sanctions against ...": the clause subject is the source.
            subject, _passive = self.grammar.subject(noun.head)
            sources = self.actors_of(subject, token_mention)
        if not sources and light is not None and relation(noun) == "nsubj:pass":
            # "a rally was held by opposition supporters"
            sources = self.actors_of(self.grammar.agent(light), token_mention)
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

    def _possessor(self, noun: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The party "its" or "their" before an event noun refers to: the nearest state, body or group
        named before it in the sentence ("support for Israel in its war with Hamas": ISR); a person or a
        place is no such antecedent. What an act is "over" or "about" is its reason, not an act told apart
        ("denounced Beijing over its military drills"): none there."""
        if noun.dep_ == "pobj" and noun.head.lower_ in self.lex.grievance_preps:
            return []
        for token in reversed(list(noun.sent)[: noun.i - noun.sent.start]):
            mention = token_mention.get(token.i)
            if mention is None or not mention.code:
                continue
            actor = self.kb.actors.get(mention.actor_id)
            kind = actor.type if actor is not None else None
            if kind == "person" or kind == "location" or mention.kind in ("surname", "ner"):
                return []  # "Biden doubts its war", "voters in Gaza fear its war": too unsure
            return [mention]
        return []

    def _owners(self, noun: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The parties whose act an event noun of a UD parse is: its adjectival and possessive modifiers
        and its nominal modifiers without a preposition (a Russian genitive) or with the language's
        genitive one (``of_preps``: "la visite de Poutine"), their conjuncts included ("переговоры
        России и Ирана"); a phrase with another preposition is a target or a place ("визит в Китай")."""
        found: list[Mention] = []
        for child in noun.children:
            if relation(child) not in ("amod", "nmod", "nmod:poss", "compound") or \
                    case_marker(child) not in (None, *self.lex.of_preps):
                continue
            for token in (child, *child.conjuncts):
                mention = token_mention.get(token.i)
                if mention is not None and mention not in found:
                    found.append(mention)
        return found

    # -- parties the text does not name ----------------------------------------------------
    def unnamed_party(self, token: Token | None, token_mention: dict[int, Mention]) -> bool:
        """Does the phrase headed by ``token`` stand for a party without naming it ("unknown attackers",
        "gunmen", "anyone who arms the militia")? A phrase that names an actor is not unnamed."""
        if token is None or token.pos_ not in ("NOUN", "PRON") or self.actors_of(token, token_mention):
            return False
        if self.grammar.lemma(token) in self.lex.unnamed_parties or token.lower_ in self.lex.unnamed_parties:
            return True
        # "rejected the kidnappers' demands": the possessor is the party
        return any(c.dep_ == "poss" and self.unnamed_party(c, token_mention) for c in token.children)

    def unnamed_sides(self, predicate: Token, pattern: Pattern, token_mention: dict[int, Mention]
                      ) -> tuple[bool, bool]:
        """Whether the predicate's source and its target are parties the text does not name."""
        unnamed = self.unnamed_party
        if predicate.pos_ == "NOUN":
            clause = self.grammar.undergoer(predicate)
            if clause is not None:
                # "his friendship with X is under investigation by the FBI": whatever the subject is, it
                # undergoes the act; one that names no party is a target the text does not name, but a
                # name the base does not know ("WeWork is the subject of an SEC inquiry") is a party named
                # and not found: no event is better than one with that side left empty
                subject, _passive = self.grammar.subject(clause)
                return False, subject is not None and not self.actors_of(subject, token_mention) \
                    and not _a_name(subject)
            light = self.grammar.light_verb(predicate)
            agent = self.grammar.agent(predicate) or self.grammar.agent(light)
            if agent is None and light is not None and relation(predicate) in OBJECT_DEPS:
                agent, _ = self.grammar.subject(light)
            objects = [prep_object(predicate, p) for p in self._preps(pattern)]
            return unnamed(agent, token_mention), any(unnamed(o, token_mention) for o in objects)
        subject, passive = self.grammar.subject(predicate)
        if passive:
            return unnamed(self.grammar.agent(predicate), token_mention), unnamed(subject, token_mention)
        clauses = [predicate] + [c for c in self.grammar.complements(predicate)
                                 if self.grammar.lemma(predicate) in self.lex.embedding_heads
                                 and not any(relation(g) in SUBJECT_DEPS for g in c.children)]
        objects = [o for clause in clauses
                   for o in [next((c for c in clause.children if relation(c) in OBJECT_DEPS), None)]
                   + [prep_object(clause, p) for p in self._preps(pattern)]]
        if pattern.code[:2] in ("02", "10"):
            # "demanded that the kidnappers free the hostages": who is asked is the complement's subject
            objects += [c for clause in predicate.children if clause.dep_ in ("ccomp", "xcomp")
                        for c in clause.children if relation(c) in SUBJECT_DEPS]
        return unnamed(subject, token_mention), any(unnamed(o, token_mention) for o in objects)

    def _preps(self, pattern: Pattern) -> list[str]:
        """The prepositions whose object can be the target, the pattern's own first."""
        return ([pattern.target_prep] if pattern.target_prep else []) + list(self.lex.target_preps)

    # -- stand-ins for a party the text leaves out ---------------------------------------
    def struck_place(self, predicate: Token, sources: list[Mention], token_mention: dict[int, Mention]
                     ) -> list[Mention]:
        """"India struck militant camps in Pakistan", "drones attacked a refinery in Russia's Ryazan
        region": force used on things that name no party targets the country they are in, if it is not
        the source's own."""
        own = {(m.code or "")[:3] for m in sources}
        if predicate.doc.lang_ != "en":
            return self._struck_place_marked(predicate, own, token_mention)
        if not any(relation(c) in OBJECT_DEPS for c in predicate.children):
            return []
        for token in predicate.subtree:
            if token.dep_ != "pobj" or token.head.lower_ not in self.lex.struck_place_preps:
                continue
            for mention in self._phrase_places(token, token_mention):
                struck = self._struck_country(mention, own)
                if struck:
                    return struck
        return []

    @staticmethod
    def _phrase_places(token: Token, token_mention: dict[int, Mention]) -> list[Mention]:
        """The mentions of a place phrase, its head first, then its modifiers and conjuncts nearest first:
        "in Russia's Ryazan region", "near Damascus airport", "in Pakistan and Pakistan-administered Kashmir"."""
        found: list[Mention] = []
        level = [token]
        for _ in range(3):
            for t in level:
                mention = token_mention.get(t.i)
                if mention is not None and mention not in found:
                    found.append(mention)
            level = [c for t in level for c in t.children
                     if c.dep_ in ("poss", "compound", "nmod", "amod", "npadvmod", "conj", "appos")]
        return found

    def _struck_country(self, mention: Mention, own: set[str]) -> list[Mention]:
        """The country of a place struck, as the target, unless it is the acting side's own."""
        place = place_of(self.kb, mention)
        if place is None or not place.country or place.country in own:
            return []
        return [Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end, mention.surface,
                        place.country, place.country, mention.confidence * 0.8, mention.kind)]

    def _struck_place_marked(self, predicate: Token, own: set[str], token_mention: dict[int, Mention]
                             ) -> list[Mention]:
        """The UD reading of ``struck_place``: a place in a phrase marked by a preposition of places struck
        ("des frappes contre des sites militaires en Iran", "удары по территории Ирана"), looked for in
        the clause of the predicate or of its light verb."""
        clause = self.grammar.light_verb(predicate) if predicate.pos_ == "NOUN" else None
        for token in (clause or predicate).subtree:
            mention = token_mention.get(token.i)
            if mention is None or token.i == predicate.i:
                continue
            marked = token if case_marker(token) else token.head
            if case_marker(marked) not in self.lex.struck_place_preps:
                continue
            struck = self._struck_country(mention, own)
            if struck:
                return struck
        return []

    def topic_target(self, sources: list[Mention], previous: list[Mention]) -> list[Mention]:
        """The country the paragraph is about, for acts whose target goes without saying ("... the
        Iran nuclear deal. The U.S. withdrawal and the reimposition of sanctions ..."): the one
        state named in the sentence before (``previous``), if it is not the source's."""
        own = {(m.code or "")[:3] for m in sources}
        states = {}
        for mention in previous:
            actor = self.kb.actors.get(mention.actor_id)
            if actor is not None and actor.type == "state" and mention.code and mention.code[:3] not in own:
                states.setdefault(mention.code[:3], mention)
        if len(states) != 1:
            return []
        mention = next(iter(states.values()))
        return [Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end, mention.surface,
                        mention.actor_id, mention.code[:3], mention.confidence * 0.6, mention.kind)]

    @staticmethod
    def with_country(mention: Mention, location: Location | None, others: list[Mention],
                     page: str | None = None) -> Mention:
        """A country-less group ("protesters", code CVL) takes the country of the event's place,
        else of the other party ("Iranian police detained protesters" -> IRNCVL), else of the state
        the page is plainly about (``kb.link.page_country``: protesters on a page about Bolivia)."""
        if not mention.code or len(mention.code) != 3 or not mention.actor_id.startswith("group:"):
            return mention
        country = location.country if location is not None and location.country else None
        if country is None:
            country = next((o.code[:3] for o in others if o.code and not o.actor_id.startswith("group:")
                            and o.code[:3] not in ("IGO", "NGO", "IMG")), page)
        if country is None:
            return mention
        return Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end, mention.surface,
                       country, f"{country}{mention.code}", mention.confidence, mention.kind)

    @staticmethod
    def implicit_source(root: str, location: Location | None, targets: list[Mention], index: int,
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
