"""Reading a dependency parse for the event coder: lemmas, a predicate's dependents and clause,
complements and their embedding verbs, light verbs, prepositional objects and subjects.

The rules read Universal Dependencies relations (``relation``): the French and Russian parsers give
them (nlp/languages.py), and the English parser's ClearNLP labels are mapped onto them (dobj -> obj,
nsubjpass -> nsubj:pass, a preposition's object -> obl or nmod, "by" -> obl:agent). A preposition
is an ``case`` child of its noun in UD and the head of its object in ClearNLP: ``prep_object`` and
``Grammar.agent`` find a phrase by its preposition in both shapes.
"""

from __future__ import annotations

from spacy.tokens import Token

from dyads.events.language import Lexicon

# Relations in the UD vocabulary (``relation``); "attr" and "dative" are English-only objects.
SUBJECT_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJECT_DEPS = {"nsubj:pass", "csubj:pass"}
OBJECT_DEPS = {"obj", "iobj", "attr", "dative"}
MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "npadvmod"}
# ClearNLP labels of the English parser and the UD relation each stands for
_CLEARNLP = {"dobj": "obj", "nsubjpass": "nsubj:pass", "csubjpass": "csubj:pass", "auxpass": "aux:pass"}
# UD subtypes that the rules read as their base relation (French obl:arg and obl:mod are obliques)
_SUBTYPES_KEPT = {"nsubj:pass", "csubj:pass", "aux:pass", "obl:agent", "nmod:poss", "expl:pass"}
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM"}
# relations that make a clause passive, and a subject of either voice
_PASSIVE_MARKS = PASSIVE_SUBJECT_DEPS | {"aux:pass", "expl:pass"}
_ANY_SUBJECT = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS


def relation(token: Token) -> str:
    """The token's relation to its head in the UD vocabulary, whichever parser made it: an English
    preposition's object is an oblique of a verb (obl), a modifier of a noun (nmod) or the passive
    agent (obl:agent); "acl:relcl" reads as the English "relcl"."""
    dep = token.dep_
    if dep == "pobj":
        if token.head.dep_ == "agent":
            return "obl:agent"
        return "nmod" if token.head.head.pos_ in _NOMINAL else "obl"
    if ":" in dep:
        if dep == "acl:relcl":
            return "relcl"
        return dep if dep in _SUBTYPES_KEPT else dep.split(":")[0]
    return _CLEARNLP.get(dep, dep)


def case_marker(token: Token) -> str | None:
    """The preposition of a UD oblique or nominal modifier ("avec" in "avec Moscou", "с" in "с послом")."""
    return next((c.lower_ for c in token.children if c.dep_ == "case"), None)


class Grammar:
    """Parse-reading helpers that depend on one language's word lists."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon

    def lemma(self, token: Token) -> str:
        """The token's lemma in the dictionary's spelling."""
        lemma = token.lemma_.lower()
        return self.lex.spellings.get(lemma, lemma)

    def dependents(self, token: Token, depth: int = 3) -> dict[str, int]:
        """Lemmas of a predicate's dependents down to ``depth`` (objects, particles, prepositions), with
        the level each is first found at."""
        found: dict[str, int] = {}
        frontier = [token]
        for level in range(depth):
            # a complement clause is what is demanded, threatened or refused ("demanded that Washington lift
            # all sanctions"): its words count, but only below the predicate itself
            # the subject of what a permissive verb lets happen is its object ("allowed IAEA inspectors to
            # visit": the parser makes "inspectors" the subject of "visit")
            frontier = [c for t in frontier for c in t.children
                        if (relation(c) not in ("nsubj", "advcl", "relcl") or (
                            relation(c) == "nsubj" and t.dep_ in ("ccomp", "xcomp")
                            and self.lemma(t.head) in self.lex.permissive_verbs))
                        and not (c.dep_ == "ccomp" and (level or self.lemma(t) in self.lex.speech_verbs))
                        # "denied having supplied weapons": the act denied, not what is withheld
                        and not (c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")
                                 and self.lemma(t) in self.lex.denying_heads)
                        and not (c.dep_ == "conj" and c.pos_ == "VERB")]
            for c in frontier:
                found.setdefault(self.lemma(c), level)
                found.setdefault(c.lower_, level)
        return found

    def clause_words(self, token: Token, depth: int = 4) -> set[str]:
        """Lemmas and words of a predicate's own clause, its subject and complements included."""
        found = {self.lemma(token), token.lower_}
        frontier = [token]
        for _ in range(depth):
            frontier = [c for t in frontier for c in t.children
                        if relation(c) not in ("advcl", "relcl", "punct")
                        and not (c.dep_ == "ccomp" and self.lemma(t) in self.lex.speech_verbs)
                        and not (c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
            found.update(self.lemma(c) for c in frontier)
            found.update(c.lower_ for c in frontier)
        return found

    def complements(self, verb: Token) -> list[Token]:
        """Complement clauses of a verb, also through a readiness adjective ("is ready to talk") or noun
        ("expressed willingness to hold a summit", "signalled its readiness to ease sanctions")."""
        found = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp")]
        for child in verb.children:
            if child.dep_ == "acomp" and child.lower_ in self.lex.ready_words:
                found += [c for c in child.children if c.dep_ in ("xcomp", "ccomp")]
            elif relation(child) == "obj" and self.lemma(child) in self.lex.ready_words:
                found += [c for c in child.children if c.dep_ in ("acl", "xcomp", "ccomp") and c.pos_ == "VERB"]
        return found

    def embedder(self, token: Token) -> Token | None:
        """The verb that embeds a complement as what it codes ("threatened to attack", "is ready to talk")."""
        if token.dep_ not in ("xcomp", "ccomp") or token.head.i == token.i:
            return None
        if self.possibility(token):
            return None  # "officials warned that China could invade Taiwan": a possible act told, coded as such
        head = token.head
        if self.lemma(head) in self.lex.embedding_heads:
            return head
        if head.dep_ == "acomp" and head.lower_ in self.lex.ready_words and head.head.i != head.i:
            return head.head
        return None

    def possibility(self, clause: Token) -> bool:
        """Whether a complement clause tells what another party could do: its own subject, not one referring
        to the speaker ("Iran warned it could close the strait" is a threat), and an auxiliary of
        possibility ("warned that Russia might use a nuclear weapon")."""
        subject = next((c for c in clause.children if relation(c) in SUBJECT_DEPS), None)
        return subject is not None and subject.lower_ not in self.lex.own_pronouns and any(
            relation(c) == "aux" and c.lower_ in self.lex.possibility_words for c in clause.children)

    def light_verb(self, noun: Token) -> Token | None:
        """The light verb carrying a nominal event ("held a demonstration", "a rally was staged")."""
        if relation(noun) in ("obj", "nsubj:pass") and noun.head.lemma_.lower() in self.lex.light_verbs:
            return noun.head
        return None

    def _gathering(self, verb: Token) -> Token | None:
        """The verb of the clause whose act an infinitive names the purpose of, through the noun it hangs
        on: "were converging for a rally to protest ...", "held a march to demand ..." (an infinitive
        with no subject of its own, on a noun after "for" or the object of a light verb). None otherwise."""
        if verb.dep_ not in ("relcl", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
                or any(relation(c) in _ANY_SUBJECT for c in verb.children):
            return None
        noun = verb.head
        if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.pos_ in ("VERB", "AUX"):
            return noun.head.head
        return self.light_verb(noun)

    def reciprocal(self, predicate: Token) -> bool:
        """Whether the predicate's object, or the object of one of its prepositions, is a reciprocal pronoun
        ("took aim at each other", "accused one another": ``reciprocal_pronouns``)."""
        phrases = [c for c in predicate.children if relation(c) in OBJECT_DEPS | {"obl", "nmod"}]
        phrases += [g for c in predicate.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        # the two words in reading order, whichever the parser made the head ("each" under "other", "another"
        # under "one")
        return any(" ".join(t.lower_ for t in sorted((c, phrase), key=lambda t: t.i)) in self.lex.reciprocal_pronouns
                   for phrase in phrases for c in phrase.children)

    def accuser(self, verb: Token) -> Token | None:
        """The accusing verb above "violating" in "accused Cambodia of violating the truce" (in UD
        parses the act hangs off the accusing verb: "accusé Israël d'avoir assassiné")."""
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and self.lemma(verb.head.head) in self.lex.alleged_heads:
            return verb.head.head
        head = verb.head
        if verb.doc.lang_ != "en" and head.i != verb.i and relation(verb) in ("xcomp", "advcl", "ccomp", "obl", "acl") \
                and self.lemma(head) in self.lex.accusing_heads \
                and not any(relation(c) in SUBJECT_DEPS for c in verb.children):
            return head
        return None

    def undergoer(self, noun: Token) -> Token | None:
        """The clause whose subject undergoes the act an event noun names: "X is facing charges", "X is
        under investigation", "X is the subject of an inquiry" (``undergoing_heads``); None for any other noun."""
        head = noun.head
        if head.lower_ == "of" and head.head.i != head.i and relation(head.head) in OBJECT_DEPS \
                and self.lemma(head.head) in self.lex.undergoing_heads:
            head = head.head  # "is the subject of an inquiry": the noun the subject is
        if head.i == noun.i or (self.lemma(head) not in self.lex.undergoing_heads
                                and head.lower_ not in self.lex.undergoing_heads):
            return None
        if head.pos_ in ("ADP", "NOUN"):
            head = head.head  # "is under investigation", "is the subject of": the clause of "under", "subject"
        return head if head.pos_ in ("VERB", "AUX") else None

    def agent(self, predicate: Token | None) -> Token | None:
        """The agent of a passive verb or of an event noun: "by" Israel, "par" Israël, a UD obl:agent, or
        a bare instrumental where the language marks the agent by case ("атакована Россией")."""
        if predicate is None:
            return None
        for prep in self.lex.agent_preps:
            found = prep_object(predicate, prep)
            if found is not None:
                return found
        for child in predicate.children:
            if relation(child) == "obl:agent" or (
                    relation(child) in ("obl", "nmod") and case_marker(child) is None
                    and set(child.morph.get("Case")) & self.lex.agent_cases):
                return child
        return None

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The grammatical subject (inherited through xcomp and conj), and whether the verb is passive."""
        passive = any(relation(c) in _PASSIVE_MARKS for c in verb.children) or "Pass" in verb.morph.get("Voice")
        accuser = self.accuser(verb)
        if accuser is not None:
            # "accused Cambodia of violating the truce": the accused is the one said to act
            accused = next((c for c in accuser.children if relation(c) in OBJECT_DEPS), None)
            if accused is None and any(relation(c) in PASSIVE_SUBJECT_DEPS for c in accuser.children):
                accused = next(c for c in accuser.children if relation(c) in PASSIVE_SUBJECT_DEPS)
            return accused, False
        current = verb
        gathering = self._gathering(verb)
        if gathering is not None:
            verb = current = gathering  # "converged for a rally in Lagos to protest ...": the rally's people
        if verb.dep_ == "acl" and not any(relation(c) in SUBJECT_DEPS for c in verb.children):
            return verb.head, passive  # "Thousands of students protested ...", parsed as a modifier
        for _ in range(4):
            for child in current.children:
                if relation(child) in _ANY_SUBJECT:
                    if relation(current) == "relcl" and (child.tag_ in ("WP", "WDT")
                                                         or "Rel" in child.morph.get("PronType")):
                        return current.head, passive  # "Justin Pittman, who was later charged": the antecedent
                    return child, passive
            # "was due to meet Safadi": the complement of an adjective of the future shares the subject of its
            # copula ("is likely to attack" is not said to happen, so it is left without one)
            if current.head.i != current.i and (current.dep_ == "xcomp" or (
                    current.dep_ == "acomp" and self.lemma(current) in self.lex.future_heads) or (
                    current.dep_ == "conj" and _coordinated(current))
                    or (current.dep_ == "advcl" and not _finite(current))):
                # "struck Gaza, killing 20", "met Putin and signed a deal" share the subject; a finite
                # clause hung on another with no coordinator states its own, which the parser lost
                # ("Blinken was due to visit Israel as Israel's military battled Hamas": "as" misread as a
                # preposition leaves "battled" without its subject, and Blinken did not battle)
                current = current.head
            else:
                break
        return None, passive


def _finite(verb: Token) -> bool:
    """Whether a verb is finite (a tense or a mood of its own: "battled", "says"), not an infinitive or a
    participle that takes its subject from the clause it hangs on."""
    return bool(verb.morph.get("VerbForm") == ["Fin"] or verb.tag_ in ("VBD", "VBZ", "VBP", "MD"))


def _coordinated(conjunct: Token) -> bool:
    """Whether a verb parsed as a conjunct is joined by a coordinator ("and", "but") to its first conjunct
    or to a conjunct beside it ("visited Kyiv, met Zelensky and signed a deal"), or is a non-finite one."""
    head = conjunct.head
    return not _finite(conjunct) or any(c.dep_ == "cc" for member in (head, *head.children)
                                        if member is head or member.dep_ == "conj" for c in member.children)


def prep_object(token: Token, prep: str) -> Token | None:
    """The object of ``prep`` under a token, or under its object ("impose sanctions on Iran")."""
    for child in token.children:
        dep = child.dep_
        if dep in ("prep", "dative", "agent") and child.lower_ == prep:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
        child_relation = relation(child)  # asked many times a sentence: read once per child
        if child_relation in ("obl", "nmod", "obl:agent", "nmod:poss") and case_marker(child) == prep:
            return child  # UD: the preposition is the phrase's "case" child
        if child_relation in OBJECT_DEPS or dep == "acomp":
            # "impose sanctions on Iran", "was optimistic about ...": the preposition hangs off the object
            found = prep_object(child, prep)
            if found is not None:
                return found
    return None


def front_object(token: Token) -> Token | None:
    """The X of "in front of X" under a predicate (a protest's target)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.lower_ == "front":
                    return grandchild  # the argument finder follows "front" to its "of" object
    return None


def quantified_object(verb: Token) -> Token | None:
    """The object the English parser hangs off a quantifier ("kidnapped up to 16 Russian advisers": "up"
    a particle, "to" a preposition, "advisers" its object); None when the verb has no such phrase."""
    for particle in verb.children:
        if particle.dep_ == "prt" and particle.lower_ == "up":
            for prep in particle.children:
                if prep.lower_ == "to":
                    for noun in prep.children:
                        if noun.dep_ == "pobj" and any(c.dep_ == "nummod" for c in noun.children):
                            return noun
    return None
