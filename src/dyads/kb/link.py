"""Entity linking: find actor mentions in a parsed document and link them to the base.

Order of evidence, strongest first: exact (normalised) alias matches over the whole
text, German and French spellings read by rule; role phrases resolved on the day the
sentence speaks of ("Iran's president"); demonym plus group noun ("Iranian students" ->
IRN + EDU); roles whose country comes from the context ("the president"); surnames of
people named in the document, else of their prominent bearer where the context fits;
fuzzy matches of NER spans; provisional actors for unknown people. The rules are set out
in docs/knowledge-base.md.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from importlib import resources

import yaml
from rapidfuzz import fuzz, process
from spacy.tokens import Token

from dyads.geo.gazetteer import CALENDAR_WORDS, REGION_NOUNS
from dyads.kb.base import FIRST_NAME_FIRST, AliasEntry, KnowledgeBase, code_on, surname_of
from dyads.kb.fuzzy import is_generic
from dyads.kb.link_foreign import FOREIGN_CONFIDENCE, ForeignLinker
from dyads.kb.normalize import foreign_readings, normalize_name, normalize_token, tokenize
from dyads.kb.place_words import needs_place_evidence
from dyads.nlp import ParsedDocument
from dyads.types import Actor, Mention, TimeExpression

# Role words as written -> canonical role titles of the knowledge base.
ROLE_TITLES: dict[tuple[str, ...], str] = {
    ("president",): "president",
    ("vice", "president"): "vice president",
    ("prime", "minister"): "prime minister",
    ("premier",): "prime minister",
    ("pm",): "prime minister",
    ("supreme", "leader"): "supreme leader",
    ("spiritual", "leader"): "supreme leader",
    ("foreign", "minister"): "foreign minister",
    ("minister", "of", "foreign", "affairs"): "foreign minister",
    ("top", "diplomat"): "foreign minister",
    ("defence", "minister"): "defence minister",
    ("defense", "minister"): "defence minister",
    ("minister", "of", "defence"): "defence minister",
    ("minister", "of", "defense"): "defence minister",
    ("secretary", "of", "state"): "secretary of state",
    ("secretary", "of", "defense"): "secretary of defense",
    ("king",): "king",
    ("emir",): "emir",
    ("crown", "prince"): "crown prince",
    ("chancellor",): "chancellor",
    ("chief", "of", "the", "general", "staff"): "chief of the general staff",
    ("security", "council", "secretary"): "security council secretary",
    ("security", "council", "head"): "security council secretary",
}
ROLE_SECTORS = {"chief of the general staff": "MIL"}
_MAX_ROLE_TOKENS = max(len(k) for k in ROLE_TITLES)

#: Words that are titles or common name parts, never a surname on their own.
TITLE_WORDS = frozenset(
    "shah king emir sheikh sultan prince president minister general ayatollah imam khan ali abu bin ibn al "
    "mohammad hasan husayn ahmad said saint".split()
)


def load_group_nouns() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """The bundled group_nouns.yaml: group noun (words joined by a space, as normalised) -> CAMEO
    sector, the nouns that name an actor with no country, and the nouns for a group's people."""
    data = yaml.safe_load((resources.files("dyads.kb") / "data" / "group_nouns.yaml").read_text(encoding="utf-8"))
    sectors = {noun: sector for sector, nouns in data["sectors"].items() for noun in nouns}
    return sectors, frozenset(data["bare"]), frozenset(data["members"])


# Group nouns after a demonym or place -> CAMEO sector ("Iranian students" -> IRNEDU); those naming
# an actor on their own ("protesters stormed the parliament"); those for the people of a group
# ("opposition supporters": the group word before them decides the sector).
SECTOR_NOUNS, BARE_GROUP_NOUNS, MEMBER_NOUNS = load_group_nouns()

# Words between a country and a name that make a title ("Venezuelan opposition candidate", "German
# Economy Minister", "South Dakota Gov."): capitalised words, abbreviated or not, or lowercase title and
# group words only; an envoy's host is part of the title ("Pakistani Ambassador to Azerbaijan X" is
# Pakistan's).
_TITLE_WORDS_LOWER = ("candidate|leader|activist|official|spokesman|spokeswoman|minister|president|envoy|ambassador|"
                      "commander|general|chief|head|lawmaker|journalist|reporter|opposition|foreign|defence|defense|"
                      "interior|prime|deputy|former|senior|top|economy|finance|trade|human|rights|military|army|"
                      "police|intelligence|dissident|blogger|cleric|businessman|tycoon|billionaire|negotiator")
_TITLE_RUN = re.compile(rf"(?:\s*(?:'s|’s)?\s*(?:(?:[Aa]mbassador|[Ee]nvoy)\s+to\s+(?:the\s+)?[A-Z][a-z]+|[A-Z][a-z]+|"
                        rf"(?:{_TITLE_WORDS_LOWER})|-)\.?){{0,4}}\s*")
# "in Moscow" is a place; "to Moscow" only after a verb of motion ("a letter to Moscow" is not).
_STATIC_PREPS = frozenset("in at near inside outside around across through within".split())
_MOTION_VERBS = frozenset("travel fly arrive return go come head flee move drive sail land visit deploy send "
                          "evacuate march walk relocate transfer bring take".split())
_NON_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# Nouns whose "of" or possessive names a place ("the streets of Tehran", "Kyiv's suburbs", "residents of
# Sanaa", "the mayor of London"), compared by lemma.
_PLACE_NOUNS = frozenset("centre center city town village outskirt outskirts suburb suburbs street streets province "
                         "region district port capital area heart east west north south resident residents "
                         "inhabitant inhabitants mayor governor sky skies airport bridge bridges neighbourhood "
                         "neighborhood part parts edge gate gates".split())
# Capitals are places, not governments, where the grammar moves, fights or stands in them: the
# object of these verbs ("entered Kabul", "shelled Kyiv", "escape Khartoum"; also their passive subject) ...
_PLACE_TAKING_VERBS = frozenset("enter reach capture seize recapture retake besiege encircle surround storm overrun "
                                "approach shell bomb bombard strike hit attack liberate escape flee leave evacuate "
                                "occupy invade raid visit tour".split())
# ... the object of "on" after these nouns and verbs ("their march on Moscow", "strikes on Kyiv") ...
_ASSAULT_WORDS = frozenset("march advance assault attack strike offensive raid push drive bombardment shelling "
                           "bombing airstrike onslaught siege".split())
# ... and the object of "toward" or "over" ("pushed toward Khartoum", "jets low over Ankara").
_DIRECTION_PREPS = frozenset({"toward", "towards", "over"})
# "Tensions over Taipei": a topic, not the sky over a city.
_OVER_TOPICS = frozenset("tension dispute row concern anger fear talk clash standoff spat feud worry criticism "
                         "disagreement quarrel negotiation deal split".split())
# "officials in Washington": a government where it sits.
_OFFICIAL_NOUNS = frozenset("officials diplomats authorities policymakers".split())
# Entity labels whose longer names hold state or city names that are not those actors ("Jordan
# Ashby", "USS George Washington", "Lake Chad", "the OSCE Minsk Group").
_LONGER_NAME_LABELS = frozenset({"PERSON", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LOC", "ORG"})
# What follows the place of a dateline: "TEHRAN (Reuters) -", "KYIV, Ukraine -", "MOSCOW \u2014".
_DATELINE_END = re.compile(r" ?[,(\u2014\u2013-]")
_DIRECTION_WORDS = frozenset("the north south east west northern southern eastern western central upper lower "
                             "greater".split())
_MODIFIER_POS = frozenset({"NOUN", "ADJ", "PROPN"})  # words inside a noun phrase ("rescue forces")
# Group nouns of a state's own bodies: a name of a state and one of them is the state's ("the Russian Embassy").
_STATE_ORGANS = frozenset(noun for noun, sector in SECTOR_NOUNS.items()
                          if sector in ("GOV", "MIL", "COP", "SPY", "JUD", "LEG"))
# Lowercase words inside one name ("Souq al-Juma", "Bois de Boulogne").
_NAME_PARTICLES = frozenset("al el ad ash as bin ibn abu bint de del della la le du des von van da di".split())
_LOCATIVE_WORDS = frozenset("in at near from to into outside inside across toward towards around through "
                            "via within".split())

# National offices by seniority: a bare surname shared by several office holders is the most
# senior one's ("Li" in 2015 is the premier), and a "counterpart" holds the speaker's first office.
_OFFICE_RANK = {
    **dict.fromkeys(["president", "head of state", "supreme leader", "king", "queen", "emir", "sultan", "shah",
                     "general secretary"], 0),
    **dict.fromkeys(["prime minister", "chancellor", "secretary general"], 1),
    **dict.fromkeys(["foreign minister", "defence minister", "secretary of state", "secretary of defense",
                     "vice president", "crown prince", "speaker of parliament", "chief of the general staff",
                     "security council secretary", "chief justice", "chairman"], 2),
}
# Titles before a surname that name offices outside the base's vocabulary or below the national
# level: a person with no role of that title is someone else ("Sen. Johnson", "Gov. Abbott").
_OTHER_TITLES = {
    **{w: "senator" for w in ("senator", "sen")},
    **{w: "representative" for w in ("rep", "representative", "congressman", "congresswoman")},
    **{w: "governor" for w in ("gov", "governor")},
    **{w: w for w in ("mayor", "judge", "justice", "sheriff", "coach", "professor", "bishop", "rabbi",
                      "councillor", "councilman", "councilwoman", "lawmaker", "colonel", "sergeant",
                      "lieutenant", "captain", "major", "detective", "ambassador", "speaker", "chairman")},
    "prof": "professor", "col": "colonel", "sgt": "sergeant", "lt": "lieutenant", "capt": "captain",
    "maj": "major",
}

# Titles written before a ruler's name and "of" the state ("King Idris of Morocco").
_STATE_TITLES = {"king": "king", "queen": "queen", "emir": "emir", "amir": "emir", "sultan": "sultan",
                 "president": "president", "shah": "shah", "sheikh": "emir", "prince": "crown prince"}

#: The id prefix of provisional actors (people and organisations the base does not know).
PROVISIONAL_PREFIX = "new:"
#: Sentences naming a state that make a page plainly about it (with most of the page's mentions).
_PAGE_COUNTRY_SENTENCES = 2
#: Confidence of a person the base does not know who takes the page's country.
_PAGE_COUNTRY_CONFIDENCE = 0.5
#: Words of the longest title in person_titles.yaml or group noun in group_nouns.yaml.
_MAX_NOUN_WORDS = 4
# Entity labels of names that are no organisation's: people, and words of number, time and kind.
_NOT_ORG_LABELS = frozenset({"PERSON", "DATE", "TIME", "LANGUAGE", "ORDINAL", "CARDINAL", "MONEY", "PERCENT",
                             "QUANTITY", "NORP"})
# Entity labels of words that are no surname even when a person of the base bears them as one.
_NOT_NAME_LABELS = frozenset({"DATE", "TIME", "NORP", "LANGUAGE", "ORDINAL", "CARDINAL", "MONEY", "PERCENT",
                              "QUANTITY"})

#: A place this populous is well known enough to be read as a place when NER calls it an organisation.
_WELL_KNOWN_CITY = 50_000
_WHOLE_NAME_CONFIDENCE = 0.95
_SURNAME_CONFIDENCE = 0.85
_FUZZY_MIN_SCORE = 90.0
_FUZZY_MIN_SCORE_IN_CONTEXT = 85.0  # a place in a country the article is about


def page_country(kb: KnowledgeBase, mentions: list[Mention]) -> str | None:
    """The state a page is plainly about, for its people and groups named without a country: the
    state of the known people and organisations the page names (a page on Labour's row over Gaza
    is British), else of all its mentions with a state's code (places and states too). A state
    qualifies when its code is in at least ``_PAGE_COUNTRY_SENTENCES`` sentences and in more than
    half of those mentions; None when none does (and in a one-sentence text, which has no page)."""
    political: list[Mention] = []
    stated: list[Mention] = []
    for m in mentions:
        if m.code and not m.actor_id.startswith(("group:", PROVISIONAL_PREFIX)) \
                and (state := kb.actors.get(m.code[:3])) is not None and state.type == "state":
            stated.append(m)
            actor = kb.actors.get(m.actor_id)
            if actor is not None and actor.type in ("person", "organization"):
                political.append(m)
    return _dominant(political) or _dominant(stated)


def _dominant(mentions: list[Mention]) -> str | None:
    """The state whose code most mentions carry, if in enough sentences and more than half of them."""
    told = Counter(m.code[:3] for m in mentions)
    if not told:
        return None
    country, count = told.most_common(1)[0]
    sentences = {m.sentence_index for m in mentions if m.code[:3] == country}
    return country if len(sentences) >= _PAGE_COUNTRY_SENTENCES and 2 * count > told.total() else None


def load_org_heads() -> dict[str, str]:
    """Head word of an organisation's name (lowercase) -> CAMEO sector, from the bundled org_heads.yaml."""
    data = yaml.safe_load((resources.files("dyads.kb") / "data" / "org_heads.yaml").read_text(encoding="utf-8"))
    return {word: sector for sector, words in data.items() for word in words}


#: Head words of organisations' names -> CAMEO sector ("Acme Holdings" BUS, "University of Leeds" EDU).
ORG_HEADS = load_org_heads()


def org_sector(name: str) -> str | None:
    """The sector an organisation's name tells by its head word: the word before "of" where there is
    one ("Bank of X", "University of X"), else the last ("Bloomberg News", "Acme Corp.")."""
    words = [w.strip(".,").lower() for w in name.split()]
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1] if words else ""
    return ORG_HEADS.get(head)


def load_org_cues() -> tuple[dict[str, str], frozenset[str]]:
    """Nouns describing an organisation (lemma -> CAMEO sector) and nouns only a firm owns, from the
    bundled org_cues.yaml."""
    data = yaml.safe_load((resources.files("dyads.kb") / "data" / "org_cues.yaml").read_text(encoding="utf-8"))
    described = {word: sector for sector, words in data["described"].items() for word in words}
    return described, frozenset(data["owned"])


#: Nouns beside a name that tell an organisation's sector ("the lender HSBC"), and nouns only firms own.
DESCRIBING_NOUNS, FIRM_NOUNS = load_org_cues()


def _org_key(surface: str) -> str:
    """The key of an organisation's name: its normalised words without "the" ("The We Company's")."""
    surface = re.sub(r"^(?:the|The)\s+", "", surface)
    return " ".join(normalize_token(t) for t, _s, _e in tokenize(surface))


def _name_word(token: Token) -> bool:
    """Whether a word is written as a name: a capitalised proper noun, or a word with capitals inside it
    ("WeWork", "HSBC"), which the tagger may call a noun at the start of a sentence."""
    return token.text[:1].isupper() and (token.pos_ == "PROPN" or any(c.isupper() for c in token.text[1:]))


def described_sector(entity) -> str | None:
    """The sector the words beside an organisation's name (a spaCy span) tell: a describing noun in
    apposition or before it ("WeWork, the workspace provider", "the lender HSBC"), else a noun only a
    firm has, of which the name is the possessor or modifier ("WeWork founder Adam Neumann": BUS)."""
    root = entity.root
    inside = range(entity.start, entity.end)
    beside = [c for c in root.children if c.dep_ in ("appos", "compound") and c.i not in inside]
    if root.dep_ == "appos" and root.head.i not in inside:
        beside.append(root.head)
    for noun in beside:
        sector = DESCRIBING_NOUNS.get(noun.lemma_.lower())
        if sector is not None:
            return sector
    if root.dep_ in ("poss", "compound") and root.head.i not in inside and root.head.lemma_.lower() in FIRM_NOUNS:
        return "BUS"
    return None


def load_person_titles() -> dict[str, str]:
    """Title (lowercase words, no stops) -> CAMEO sector, from the bundled person_titles.yaml."""
    data = yaml.safe_load((resources.files("dyads.kb") / "data" / "person_titles.yaml").read_text(encoding="utf-8"))
    return {title: sector for sector, titles in data.items() for title in titles}


@dataclass
class _Token:
    text: str
    norm: str
    start: int
    end: int

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass
class _Link:
    start_token: int
    end_token: int  # exclusive
    actor_id: str
    code: str | None
    kind: str
    confidence: float
    title: str | None = None  # the role a role phrase names ("foreign minister")


#: The relations in which ``_used_as_place`` may find a place.
_PLACE_RELATIONS = frozenset({"pobj", "poss", "dobj", "nsubjpass"})


def _used_as_place(token) -> bool:
    """The grammar of a name that makes it a place: see ``Linker._place_token_starts``."""
    dep = token.dep_
    if dep not in _PLACE_RELATIONS:
        return False  # asked of every token: most are settled by their relation alone
    governor = token.head
    word, head = governor.lower_, governor.head
    head_lemma = head.lemma_.lower()
    if dep == "pobj":
        if word in _STATIC_PREPS:
            # "officials in Washington": the government where it sits
            return not (word == "in" and head.lower_ in _OFFICIAL_NOUNS)
        if word in ("to", "from", "into"):
            return head_lemma in _MOTION_VERBS or head_lemma in _ASSAULT_WORDS or word == "into"
        if word in _DIRECTION_PREPS:  # "jets over Ankara", not "tensions over Taipei"
            return word != "over" or head_lemma not in _OVER_TOPICS
        if word == "on":  # "strikes on Kyiv"; "halted their march on Moscow" (parsed onto the verb)
            return head_lemma in _ASSAULT_WORDS or head.lower_ in _ASSAULT_WORDS or any(
                c.dep_ == "dobj" and c.lemma_.lower() in _ASSAULT_WORDS for c in head.children)
        if word == "of":
            return head_lemma in _PLACE_NOUNS or head.lower_ in _PLACE_NOUNS
        return False
    if dep == "poss":
        return governor.lemma_.lower() in _PLACE_NOUNS or word in _PLACE_NOUNS
    return governor.lemma_.lower() in _PLACE_TAKING_VERBS  # dobj, nsubjpass


class _Days:
    """The day each sentence speaks of: a full date it tells ("on Sunday", "on 19 May 2024"), else
    the publication date. Roles are resolved on that day, so a role that ends on a day (a death, a
    dismissal) still belongs to its old holder in reports of that day's events."""

    def __init__(self, parsed: ParsedDocument, times: Sequence[TimeExpression]):
        self.published = parsed.document.published
        self._starts = parsed.sentence_starts
        self._told: dict[int, str] = {}
        for time in times:
            if time.value and time.precision == "day" and len(time.value) == 10 and time.anchor != "period":
                self._told.setdefault(time.sentence_index, time.value)

    def at(self, offset: int) -> str | None:
        """The day of the sentence holding character ``offset``."""
        if not self._told:
            return self.published
        return self._told.get(max(0, bisect.bisect_right(self._starts, offset) - 1), self.published)


def _role_at(tokens: list[_Token], index: int) -> tuple[str, int] | None:
    """Canonical role title starting at ``tokens[index]`` and its length in tokens."""
    for size in range(_MAX_ROLE_TOKENS, 0, -1):
        key = tuple(t.norm for t in tokens[index : index + size])
        if len(key) == size and key in ROLE_TITLES:
            return ROLE_TITLES[key], size
    return None


def _after_initials(tokens: list[_Token], index: int) -> bool:
    """Whether ``tokens[index]`` follows initials and their stop ("U.S. Attorney"): one capital letter,
    then a stop and a space."""
    before = tokens[index - 1]
    return len(before.text) == 1 and before.text.isupper() and tokens[index].start - before.end == 2


def _group_noun_at(tokens: list[_Token], index: int, nouns: frozenset[str] | dict[str, str]
                   ) -> tuple[str, int] | None:
    """The longest group noun of ``nouns`` starting at ``tokens[index]`` (words joined by a space) and
    the index of the token after it."""
    for size in range(min(_MAX_NOUN_WORDS, len(tokens) - index), 0, -1):
        key = " ".join(t.norm for t in tokens[index:index + size])
        if key in nouns:
            return key, index + size
    return None


class Linker:
    """Links mentions in parsed documents to a knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._surname_cache: dict[str, set[str]] = {}
        self._fuzzy_people = {
            " ".join(key): entries[0].actor_id
            for key, entries in kb.aliases.items()
            if len(key) >= 2 and kb.actors[entries[0].actor_id].type in ("person", "organization", "group")
        }
        self._buckets: dict[int, dict[tuple[str, int], list[str]]] = {}
        self._foreign = ForeignLinker(kb)
        self._person_titles = load_person_titles()
        self._fuzzy_places = {
            " ".join(key): entries[0].actor_id
            for key, entries in kb.aliases.items()
            if kb.actors[entries[0].actor_id].type in ("location", "state")
        }

    def link(self, parsed: ParsedDocument, times: Sequence[TimeExpression] = ()) -> tuple[list[Mention], list[Actor]]:
        """Mentions of known and provisional actors in one parsed document; ``times`` (the
        document's resolved time expressions) date roles by the day a sentence tells, else the
        publication date ("Iran's president died on Sunday" is the president of that Sunday)."""
        text = parsed.document.text
        days = _Days(parsed, times)
        language = parsed.document.language
        if language and language != "en":
            return self._link_foreign(parsed, language, days), []
        proper = self._proper_token_starts(parsed)
        tokens = [_Token(t, self._norm(t, s in proper), s, e) for t, s, e in tokenize(text)]
        starts = [t.start for t in tokens]
        links: list[_Link] = []
        covered = [False] * len(tokens)
        pos = {t.idx: t.pos_ for t in parsed.doc}
        places, located = self._place_token_starts(parsed, proper)
        read_as_places = located | {t.idx for e in parsed.doc.ents if e.label_ == "GPE" for t in e}
        inside = self._inside_longer_names(parsed)
        # "Feliciano Lopez ... Lopez said": the surname of a person the page names in full (NER reads the
        # full name as a person) is that person's, not a town of that name
        person_surnames = {self._norm(ent[-1].text) for ent in parsed.doc.ents
                           if ent.label_ == "PERSON" and len(ent) >= 2 and ent[-1].text[:1].isupper()}

        i = 0
        while i < len(tokens):
            found = self._match_alias(tokens, i, proper, places | located, inside)
            if found is None:
                i += 1
                continue
            size, entries = found
            if size == 1 and tokens[i].norm in person_surnames and all(
                    self.kb.actors[e.actor_id].type == "location" for e in entries):
                i += 1  # "Mohamed Morsi ... Morsi said": the person named, not a town of that name
                continue
            entries = self._region_before(tokens, i, size) or entries
            as_place = any(t.start in located for t in tokens[i:i + size]) or text.startswith(
                "-based", tokens[i + size - 1].end) or (i == 0 and _DATELINE_END.match(text, tokens[size - 1].end)
                                                        is not None)  # "a Beirut-based institute", "TEHRAN -"
            entries = self._written_as_place(tokens, i, size, entries, text,
                                             as_place or tokens[i].start in read_as_places)
            if not entries:
                i += 1
                continue
            entry = self._prefer(entries, as_place=as_place)
            link = _Link(i, i + size, entry.actor_id, entry.code, entry.kind, _WHOLE_NAME_CONFIDENCE)
            actor = self.kb.actors[entry.actor_id]
            if actor.type == "person":
                link.code = code_on(actor, days.at(tokens[i].start))
                person_surnames.update(self._surname_keys(actor))
            links.append(link)
            i += size

        self._places_of_the_story(tokens, links)
        links = self._roles_and_groups(tokens, links, days, pos)
        links = self._titled_of_state(tokens, links)
        links = self._parts_of_names(parsed, tokens, links)
        self._cover(links, covered)
        role_links = self._bare_roles(tokens, links, covered, days, text)
        self._cover(role_links, covered)
        links = sorted(links + role_links, key=lambda link: link.start_token)
        doc_countries = self._doc_countries(links)
        surname_links, deferred = self._surnames(parsed, tokens, links, covered, days, inside, proper)
        self._cover(surname_links, covered)
        links += surname_links
        group_links = self._bare_groups(tokens, covered, pos, links, days)
        self._cover(group_links, covered)
        links += group_links
        mentions = [self._mention(parsed, tokens, link) for link in links]
        states = frozenset(actor.country for link in links
                           if (actor := self.kb.actors.get(link.actor_id)) is not None and actor.type == "state")
        described = self._described_orgs(parsed)
        extra, provisional = self._org_mentions(parsed, tokens, covered, described)
        found, others = self._from_ner(parsed, starts, covered, doc_countries, located, states)
        extra += found
        provisional += others
        extra += self._deferred_surnames(parsed, tokens, deferred, extra)
        mentions += self._titled(extra, links, tokens, text)
        mentions.sort(key=lambda m: m.start)
        mentions = self._provisional_codes(mentions, page_country(self.kb, mentions), text, described)
        # an organisation with no country is no party to code: it is left out, as before it was found
        mentions = [m for m in mentions if m.kind != "org" or m.code]
        kept = {m.actor_id for m in mentions}
        return mentions, [a for a in provisional if a.type != "organization" or a.actor_id in kept]

    def _link_foreign(self, parsed: ParsedDocument, language: str, days: _Days) -> list[Mention]:
        """Mentions in a document of another language: names of the alias index over the text (see
        ``kb.link_foreign``); the English NER's spans are not read, so no provisional actors."""
        text = parsed.document.text
        return [Mention(doc_id=parsed.document.doc_id, sentence_index=self._sentence_of(parsed, first.start),
                        start=first.start, end=last.end, surface=text[first.start:last.end],
                        actor_id=link.actor_id, code=link.code if self.kb.actors[link.actor_id].type != "person"
                        else code_on(self.kb.actors[link.actor_id], days.at(first.start)),
                        confidence=FOREIGN_CONFIDENCE, kind=link.kind)
                for first, last, link in self._foreign.link(text, language, days.at)]

    def _norm(self, token: str, proper: bool = True) -> str:
        """The token's normalised form, or, for a proper name (``proper``), its English reading
        when it is a German or French spelling of a word of a person's name (``Netanjahu``,
        ``Poutine``) and not a known word itself."""
        norm = normalize_token(token)
        if not proper or len(token) < 4 or not token[:1].isupper() or token.isupper() \
                or norm in self.kb.name_words or norm in self.kb.alias_lengths:
            return norm
        return next((r for r in foreign_readings(token) if r in self.kb.name_words), norm)

    # -- unnamed groups and titled unknown people ----------------------------------------
    def _bare_groups(self, tokens: list[_Token], covered: list[bool], pos: dict[int, str], links: list[_Link],
                     days: _Days) -> list[_Link]:
        """Group nouns with no country ("protesters", "the police", "security forces"): a sector code
        whose country the event coder fills in from the event's context. Partisans of a person of the
        base ("Morales supporters") are that person's country: civilians while the person holds an
        office that day, the opposition when not."""
        people = {link.end_token: link for link in links
                  if getattr(self.kb.actors.get(link.actor_id), "type", None) == "person"}
        found: list[_Link] = []
        for i in range(len(tokens)):
            if covered[i] or (found and found[-1].end_token > i):
                continue  # the member noun of the group before
            person = people.get(i)
            if person is not None and tokens[i].norm in MEMBER_NOUNS and pos.get(tokens[i].start) == "NOUN" \
                    and self._adjacent(tokens, i - 1, i) and (country := self._country_of(person)):
                actor = self.kb.actors[person.actor_id]
                in_office = any(r.holds_on(days.at(tokens[i].start)) for r in actor.roles)
                sector = "CVL" if in_office else "OPP"
                found.append(_Link(i, i + 1, f"group:{sector}", f"{country}{sector}", "group", 0.7))
                continue
            noun = _group_noun_at(tokens, i, BARE_GROUP_NOUNS)
            last = tokens[noun[1] - 1] if noun is not None else None
            # a noun, not a verb ("he rebels"); a lowercase word the tagger calls a name is a noun ("the feds")
            if last is None or not (pos.get(last.start) == "NOUN" or (pos.get(last.start) == "PROPN"
                                                                      and last.text.islower())) \
                    or any(covered[i:noun[1]]):
                continue
            key, end = noun
            if end < len(tokens) and tokens[end].norm in MEMBER_NOUNS:
                end += 1  # "opposition supporters": people of the opposition
            elif _group_noun_at(tokens, end, SECTOR_NOUNS) is not None:
                continue  # "student protesters": the head noun decides the group
            if i > 0 and covered[i - 1] and self._adjacent(tokens, i - 1, i):
                continue  # "Hamas fighters", "Islamic State militants": the named group is the actor
            sector = SECTOR_NOUNS[key]
            found.append(_Link(i, end, f"group:{sector}", sector, "group", 0.6))
        return found

    def _titled(self, mentions: list[Mention], links: list[_Link], tokens: list[_Token], text: str) -> list[Mention]:
        """Unknown people right after a country and a title ("German Economy Minister Robert Habeck")
        take the country's government (or military) code; after an intergovernmental organisation and a
        title ("United Nations spokesman Farhan Haq"), the organisation's."""
        ends = {tokens[link.end_token - 1].end: link for link in links if self.kb.actors.get(link.actor_id)
                and (self.kb.actors[link.actor_id].type == "state" or (link.code or "").startswith("IGO"))}
        result = []
        for mention in mentions:
            if mention.code is None:
                for end, link in ends.items():
                    between = text[end:mention.start]
                    if link.kind == "group":
                        between = between.removeprefix(".")  # the stop of a title it ends with: "Gov."
                        if tokens[link.end_token - 1].norm in ("ambassador", "envoy"):
                            between = re.sub(r"^\s+to\s+(?:the\s+)?", " ", between)  # "Indian envoy to the UN X"
                    if end <= mention.start and len(between) <= 40 and _TITLE_RUN.fullmatch(between):
                        if (link.kind == "group" and link.code and len(link.code) > 3) or \
                                (link.code or "").startswith("IGO"):
                            code = link.code  # "Venezuelan opposition candidate Edmundo Gonzalez": VENOPP
                        else:
                            military = re.search(r"(?i)general|commander|admiral|colonel", between)
                            code = f"{link.actor_id}{'MIL' if military else 'GOV'}"
                        mention = Mention(mention.doc_id, mention.sentence_index, mention.start, mention.end,
                                          mention.surface, mention.actor_id, code, mention.confidence, mention.kind)
                        break
            result.append(mention)
        return result

    # -- exact alias matches -------------------------------------------------------------
    @staticmethod
    def _proper_token_starts(parsed: ParsedDocument) -> set[int]:
        return {t.idx for t in parsed.doc if t.pos_ == "PROPN" or t.ent_type_}

    def _place_name(self, entity) -> bool:
        """An entity spaCy calls an organisation or a nationality that is exactly the name of a
        place of the base and of no person or organisation ("the Aleppo blasts", "control of
        Kherson", "districts of Homs"): the small model often mislabels foreign place names.
        Names NER reads as people stay people ("Morsi", "Florence"), and small places named like
        words or people need more ("Vincent", a city of 15,000, is no place as an organisation)."""
        if entity.label_ not in ("ORG", "NORP"):
            return False
        key = tuple(normalize_token(t) for t, _s, _e in tokenize(re.sub(r"^(?:the|The)\s+", "", entity.text)))
        entries = self.kb.aliases.get(key, ())
        return bool(entries) and all(self.kb.actors[e.actor_id].type == "location" for e in entries) \
            and self.kb.populations.get(entries[0].actor_id, 0) >= _WELL_KNOWN_CITY \
            and not (len(key) == 1 and key[0] in self.kb.name_words)

    def _place_token_starts(self, parsed: ParsedDocument, proper: set[int]) -> tuple[set[int], set[int]]:
        """Tokens that may name a place (no person or organisation entity covers them), and the
        names the grammar uses as places: after a locative preposition ("in Kyiv, Kharkiv and
        Odesa"), after a place noun ("the centre of Kharkiv", "Kyiv's suburbs"), as the goal of a
        movement or an attack ("pushed toward Khartoum", "the march on Moscow", "entered Kabul").
        "Moscow said" or "the Kremlin warned Kyiv" stay governments: no such grammar holds them.
        ``proper`` holds the starts of the names (``_proper_token_starts``)."""
        not_places = {t.idx for e in parsed.doc.ents if e.label_ in _NON_PLACE_LABELS
                      and not self._place_name(e) for t in e}
        possible = proper - not_places
        located: set[int] = set()
        for token in parsed.doc:
            if _used_as_place(token):
                for place in (token, *token.conjuncts):  # the name itself and its compound parts
                    located.add(place.idx)
                    located.update(t.idx for t in place.children if t.dep_ == "compound" and t.pos_ == "PROPN")
        return possible, located

    @staticmethod
    def _inside_longer_names(parsed: ParsedDocument) -> dict[int, tuple[str, list[int]]]:
        """For tokens inside a person, facility, product, location or organisation name of several
        words: the entity label and the starts of its capitalised words ("Jordan Ashby")."""
        inside: dict[int, tuple[str, list[int]]] = {}
        for ent in parsed.doc.ents:
            if ent.label_ not in _LONGER_NAME_LABELS or len(ent) < 2:
                continue
            words = [t.idx for t in ent if t.text[:1].isupper() and t.lower_ not in _DIRECTION_WORDS]
            for token in ent:
                inside[token.idx] = (ent.label_, words)
        return inside

    @staticmethod
    def _cover(links: list[_Link], covered: list[bool]) -> None:
        for link in links:
            for k in range(link.start_token, link.end_token):
                covered[k] = True

    def _doc_countries(self, links: list[_Link]) -> set[str | None]:
        """Countries the document speaks about: its linked states and their metonyms and demonyms, and
        the countries of the places it names (a story from Tripoli is about Libya)."""
        return {self.kb.actors[link.actor_id].country for link in links
                if self.kb.actors[link.actor_id].type in ("state", "location")}

    def _match_alias(self, tokens: list[_Token], i: int, proper: set[int], places: set[int],
                     inside: dict[int, tuple[str, list[int]]]) -> tuple[int, list[AliasEntry]] | None:
        for size in self.kb.alias_lengths.get(tokens[i].norm, ()):
            if size > len(tokens) - i:
                continue
            key = tuple(t.norm for t in tokens[i : i + size])
            entries = self.kb.aliases.get(key)
            if not entries:
                continue
            span = tokens[i : i + size]
            if not any(t.capitalized for t in span):
                continue
            if not all(t.text.isupper() for t in span):
                entries = [e for e in entries if not e.acronym]  # "Who", "Us" are not WHO, US
                if not entries:
                    continue
            if size == 1 and span[0].start not in proper and not span[0].text.isupper():
                continue  # "Police", "Split", "Bath": a city name spaCy does not read as a name
            if not any(t.start in places for t in span) and not (size > 1 and key[-1] in REGION_NOUNS):
                # a city name only counts where the text uses it as a place ("Reza", "Republic");
                # "Kherson oblast" is a place whatever NER says of "Kherson"
                entries = [e for e in entries if self.kb.actors[e.actor_id].type != "location"]
                if not entries:
                    continue
            longer = inside.get(span[0].start)
            if longer and any(w < span[0].start or w >= span[-1].end for w in longer[1]):
                of_name = i > 0 and tokens[i - 1].norm == "of" and any(w < tokens[i - 1].start for w in longer[1])
                # "the United Nations Climate Action Summit": the name's last word after another of its
                # words is what the organisation is, not a town called Summit
                head = i > 0 and tokens[i - 1].start in longer[1] and max(longer[1]) < span[-1].end
                entries = self._in_longer_name(entries, longer[0], of_name or head)
                if not entries:
                    continue
            return size, entries
        return None

    def _in_longer_name(self, entries: list[AliasEntry], label: str, of_name: bool) -> list[AliasEntry]:
        """What an alias inside a longer entity name may still be: a person inside a person's
        name, and inside an organisation's name anything but a capital's metonym ("the OSCE Minsk
        Group") and a state or city after "of" in it or ending it ("The Times of Israel", "Bank of
        England", "the Climate Action Summit": ``of_name``); nothing inside the name of a person, a
        ship or a lake ("Jordan Ashby", "USS George Washington", "Lake Chad")."""
        if label == "ORG":
            return [e for e in entries if e.kind != "metonym" and not (
                of_name and self.kb.actors[e.actor_id].type in ("state", "location"))]
        if label == "PERSON":
            return [e for e in entries if self.kb.actors[e.actor_id].type == "person"]
        return []

    def _written_as_place(self, tokens: list[_Token], i: int, size: int, entries: list[AliasEntry], text: str,
                          as_place: bool) -> list[AliasEntry]:
        """The entries of an alias at ``i`` that the way it is written allows. A place called by a
        word of another kind ("Enterprise", "Lion", "Napier": ``kb.place_words``) only where the text
        uses it as a place (``as_place``: NER reads it as one, or the grammar does) or its country
        follows ("Enterprise, Alabama"). A word in capitals amid other writing is an acronym ("JAMA",
        "NICE"): a place only by an alias written so, not by its name read in capitals, unless it
        opens a dateline ("TEHRAN (Reuters) -") or stands in a line of capitals (a headline)."""
        key = tuple(t.norm for t in tokens[i:i + size])
        if not as_place:
            after = self._countries_after(tokens, i + size, text)
            entries = [e for e in entries if not needs_place_evidence(self.kb, key, e)
                       or self.kb.actors[e.actor_id].country in after]
        word = tokens[i].text
        if size == 1 and len(word) > 1 and word.isupper() and not self._in_capitals(tokens, i, text):
            entries = [e for e in entries if e.acronym or self.kb.actors[e.actor_id].type != "location"]
        return entries

    def _countries_after(self, tokens: list[_Token], j: int, text: str) -> set[str]:
        """The countries of a state or place named right after a comma at token ``j`` ("..., Belgium")."""
        if j >= len(tokens) or text[tokens[j - 1].end:tokens[j].start].strip() != ",":
            return set()
        for size in (2, 1):
            entries = self.kb.aliases.get(tuple(t.norm for t in tokens[j:j + size]), ())
            found = {actor.actor_id if actor.type == "state" else actor.country
                     for e in entries if (actor := self.kb.actors[e.actor_id]).type in ("state", "location")}
            if found:
                return found - {None}
        return set()

    @staticmethod
    def _in_capitals(tokens: list[_Token], i: int, text: str) -> bool:
        """Whether a word in capitals opens a dateline or has a neighbour in capitals on its line."""
        line_start = text.rfind("\n", 0, tokens[i].start) + 1
        if not text[line_start:tokens[i].start].strip() and _DATELINE_END.match(text, tokens[i].end):
            return True
        line_end = text.find("\n", tokens[i].end)
        line_end = len(text) if line_end < 0 else line_end
        return any(line_start <= tokens[k].start < line_end and len(tokens[k].text) > 1
                   and tokens[k].text.isupper() for k in (i - 1, i + 1) if 0 <= k < len(tokens))

    def _parts_of_names(self, parsed: ParsedDocument, tokens: list[_Token], links: list[_Link]) -> list[_Link]:
        """Links without the places, states and demonyms that are only part of an organisation's
        or a people's name ("Georgetown University", "Glasgow's Miller Street", "Native American",
        "U.S. Census Bureau"): in a multi-word ORG or NORP entity, a run of capitalised words with
        one that no link covers but one to a place. A name made whole by other links stays ("Boston
        Police": a group of the city; "Israel-Hamas"), and so does a state extended to a group or a
        role ("U.S. Army") or followed by the group noun of a state body ("the Russian Embassy"), and places apart in
        an entity NER ran too far ("Pskov to Belarus"). Such an organisation, where its name tells
        its sector, is a provisional actor of the state or city it names (``_from_ner``,
        ``_provisional_codes``: "U.S. Census Bureau")."""
        starts = [t.start for t in tokens]
        name_of: dict[int, tuple[int, int]] = {}  # token -> (first token, last token + 1) of its name
        for ent in parsed.doc.ents:
            if ent.label_ in ("ORG", "NORP") and len(ent) > 1:
                name_start = ent[1].idx if ent[0].lower_ == "the" else ent.start_char
                first, last = bisect.bisect_left(starts, name_start), bisect.bisect_left(starts, ent.end_char)
                for k in range(first, last):
                    name_of[k] = (first, last)
        if not name_of:
            return links
        other = {k for link in links if self.kb.actors[link.actor_id].type != "location"
                 for k in range(link.start_token, link.end_token)}
        text = parsed.document.text

        def word(k: int) -> bool:
            return tokens[k].capitalized or tokens[k].text.lower() in _NAME_PARTICLES

        def joined(k: int) -> bool:  # tokens k and k + 1 are words of one name ("U.S. Census", "Souq al-Juma")
            gap = text[tokens[k].end:tokens[k + 1].start]
            return len(gap) <= 2 and not gap.strip(" .-") and word(k + 1)

        kept: list[_Link] = []
        for link in links:
            name = name_of.get(link.start_token)
            actor = self.kb.actors[link.actor_id]
            if name is None or link.kind not in ("name", "alias", "demonym") or actor.type not in ("state", "location"):
                kept.append(link)
                continue
            first, last = name
            start, end = link.start_token, link.end_token
            while start > first and joined(start - 1) and word(start - 1):
                start -= 1
            while end < last and joined(end - 1):
                end += 1
            # a body of a state named by its group noun is the state's ("the Russian Embassy"; not "the
            # American University"); a city's is not the city
            organ = _STATE_ORGANS if actor.type == "state" else ()
            rest = [k for k in range(start, end) if not link.start_token <= k < link.end_token]
            if link.end_token > last or not any(tokens[k].capitalized and k not in other and tokens[k].norm not in organ
                                                for k in rest):
                kept.append(link)
        return kept

    def _places_of_the_story(self, tokens: list[_Token], links: list[_Link]) -> None:
        """Of the places sharing a name, the biggest is linked unless the article names the country
        of another one of at least a tenth of its size and not its own: "Tripoli" in a story about
        Lebanon is Lebanon's, "Beni" with Congo named the Congolese city, not Bolivia's region."""
        def places(link: _Link) -> list[AliasEntry]:
            key = tuple(t.norm for t in tokens[link.start_token:link.end_token])
            return [e for e in self.kb.aliases.get(key, ()) if self.kb.actors[e.actor_id].type == "location"]

        shared = {id(link): found for link in links
                  if self.kb.actors[link.actor_id].type == "location" and len(found := places(link)) > 1}
        # the countries of everything the article names but these ambiguous names ("Lebanese troops", "Gaza")
        states = {self.kb.actors[link.actor_id].country for link in links if id(link) not in shared}
        for link in links:
            actor = self.kb.actors[link.actor_id]
            if id(link) not in shared or actor.country in states or link.kind not in ("name", "alias"):
                continue
            size = self.kb.populations.get(actor.actor_id, 0)
            for entry in shared[id(link)]:
                other = self.kb.actors[entry.actor_id]
                if other.type == "location" and other.country in states \
                        and self.kb.populations.get(other.actor_id, 0) * 10 >= size:
                    link.actor_id, link.code = other.actor_id, entry.code
                    break

    def _region_before(self, tokens: list[_Token], i: int, size: int) -> list[AliasEntry]:
        """"the province of Idlib", "the Kherson region"'s other form: a region noun and "of" before
        a name make it the region of that name, where the base has one."""
        if i < 2 or tokens[i - 1].norm != "of" or tokens[i - 2].norm not in REGION_NOUNS:
            return []
        key = (*(t.norm for t in tokens[i:i + size]), tokens[i - 2].norm)
        return [e for e in self.kb.aliases.get(key, ()) if self.kb.actors[e.actor_id].type == "location"]

    def _prefer(self, entries: list[AliasEntry], as_place: bool = False) -> AliasEntry:
        """Among actors sharing an alias, prefer persons, states and organisations over places, except
        where the grammar uses the name as a place ("in Moscow" is the city, "Moscow said" the state)."""
        rank = {"person": 0, "organization": 1, "group": 1, "state": 2, "location": 3}

        def order(entry: AliasEntry) -> tuple[int, bool]:
            kind = self.kb.actors[entry.actor_id].type
            if as_place and entry.kind == "metonym":
                return 4, True  # a capital named as a place is the city, not its government
            return rank[kind], entry.kind == "metonym"

        return min(entries, key=order)

    # -- roles and demonym groups ------------------------------------------------------------
    def _roles_and_groups(self, tokens: list[_Token], links: list[_Link], days: _Days,
                          pos: dict[int, str]) -> list[_Link]:
        """Extend state links with following role or group words; add demonym links."""
        by_start = {link.start_token: link for link in links}
        taken = {k for link in links for k in range(link.start_token, link.end_token)}
        result: list[_Link] = []
        i = 0
        while i < len(tokens):
            link = by_start.get(i)
            country, end = self._country_at(tokens, i, link, taken)
            if country is None:
                if link is None:
                    i += 1
                    continue
                result.append(link)
                i = link.end_token
                place = self._country_of(link) if link.kind != "metonym" \
                    and self.kb.actors[link.actor_id].type == "location" and self._adjacent(tokens, i - 1, i) \
                    and not (link.start_token > 0 and tokens[link.start_token - 1].norm in _LOCATIVE_WORDS) else None
                # a place's people and bodies are its country's ("Boston police", "South Dakota Gov."): the
                # place stays a mention of its own, the group is one of the country's; not after a locative
                # word, where the place is the scene ("in Raqqa people are tired")
                grouped = self._group_after(tokens, i, i, place, by_start, pos) if place else None
                if grouped is not None:
                    result.append(grouped)
                    i = grouped.end_token
                continue
            coordinated = self._coordinated_group(tokens, i, end, country, days, by_start, taken, pos)
            if coordinated:
                result += coordinated
                i = coordinated[-1].end_token
                continue
            extended = self._extend_with_role_or_group(tokens, i, end, country, days, by_start, pos, result)
            if extended is not None:
                result.append(extended)
                i = extended.end_token
                continue
            word = tokens[end - 1].norm
            people = link is None and word.endswith("s") and self.kb.demonyms.get((word[:-1],)) == country
            # a plural demonym on its own ("Russians protested") is the people: civilians
            result.append(link or _Link(i, end, country, f"{country}CVL" if people else country, "demonym", 0.9))
            i = end
        return result

    def _country_at(self, tokens: list[_Token], i: int, link: _Link | None, taken: set[int]
                    ) -> tuple[str | None, int]:
        """The country a state name or a demonym at ``i`` names, and where that word ends."""
        if link is not None:
            if self.kb.actors[link.actor_id].type == "state" and link.kind != "metonym":
                return link.actor_id, link.end_token
            return None, i
        if i not in taken and tokens[i].capitalized:
            pair = tuple(t.norm for t in tokens[i:i + 2])
            if len(pair) == 2 and pair in self.kb.demonyms and i + 1 not in taken:  # "North Korean"
                return self.kb.demonyms[pair], i + 2
            if (tokens[i].norm,) in self.kb.demonyms:
                return self.kb.demonyms[(tokens[i].norm,)], i + 1
        return None, i

    def _coordinated_group(self, tokens: list[_Token], i: int, end: int, country: str, days: _Days,
                           by_start: dict[int, _Link], taken: set[int], pos: dict[int, str]) -> list[_Link]:
        """"Russian and Chinese warships", "US and British jets": both countries take the group noun."""
        if end + 1 >= len(tokens) or tokens[end].norm != "and":
            return []
        partner, partner_end = self._country_at(tokens, end + 1, by_start.get(end + 1), taken)
        if partner is None:
            return []
        shared = self._extend_with_role_or_group(tokens, end + 1, partner_end, partner, days, by_start, pos, [])
        if shared is None or shared.kind != "group" or not shared.code:
            return []
        return [_Link(i, end, country, f"{country}{shared.code[3:]}", "group", 0.85), shared]

    @staticmethod
    def _adjacent(tokens: list[_Token], left: int, right: int) -> bool:
        """Only spaces between two tokens (no comma, no sentence end)."""
        return right < len(tokens) and tokens[left].end <= tokens[right].start and \
            tokens[right].start - tokens[left].end <= 1

    def _extend_with_role_or_group(
        self, tokens: list[_Token], start: int, end: int, country: str, days: _Days, by_start: dict[int, _Link],
        pos: dict[int, str], previous: list[_Link],
    ) -> _Link | None:
        day = days.at(tokens[start].start)
        role = _role_at(tokens, end)
        if role is None and end < len(tokens) and tokens[end].norm in ("counterpart", "counterparts") \
                and self._adjacent(tokens, end - 1, end):
            # "his Russian counterpart": whoever holds the speaker's role in Russia that day
            titles = self._speaker_titles(previous, day)
            # the speaker's first office that the other country has too (a general secretary and
            # president meets a president)
            title = next((t for t in titles if self._holder(t, country, day) is not None), None)
            if title is None:
                return _Link(start, end + 1, country, f"{country}GOV", "role", 0.8, titles[0] if titles else None)
            role = title, 1
        if role and not self._adjacent(tokens, end - 1, end):
            role = None  # "... Syria. Secretary of State John Kerry": a sentence or clause lies between
        if role:
            title, size = role
            role_end = end + size
            name_link = by_start.get(role_end)
            if name_link and self.kb.actors[name_link.actor_id].type == "person" \
                    and self._adjacent(tokens, role_end - 1, role_end):
                # "Russian President Vladimir Putin": the name decides; the role only confirms. A person
                # who served this country acts for it ("Serbian President Vojislav Kostunica", also
                # Yugoslavia's president, acts for Serbia)
                person = self.kb.actors[name_link.actor_id]
                served = next((r for r in person.roles if r.country == country), None)
                code = name_link.code
                if served is not None and (code or "")[:3] != country:
                    code = f"{country}{served.sector or 'GOV'}"
                return _Link(start, name_link.end_token, name_link.actor_id, code, "name", 0.98)
            holder = self._holder(title, country, day) if day else None
            sector = ROLE_SECTORS.get(title, "GOV")
            if holder is not None:
                return _Link(start, role_end, holder.actor_id, f"{country}{sector}", "role", 0.9, title)
            return _Link(start, role_end, country, f"{country}{sector}", "role", 0.8, title)
        return self._group_after(tokens, start, end, country, by_start, pos)

    def _group_after(self, tokens: list[_Token], start: int, end: int, country: str, by_start: dict[int, _Link],
                     pos: dict[int, str]) -> _Link | None:
        """"Iranian students", "Bolivian security forces", "South Dakota Gov.", "the U.S. Attorney's
        office": after a country or place, the last group noun or title of a short run of lowercase
        words is the head that decides the sector. A title, or a group noun of several words, may be
        capitalised; a single capitalised word of another kind ends the run ("Iranian Students News
        Agency" is no group of students)."""
        head: tuple[str, int] | None = None
        k = end
        while k < min(end + 3, len(tokens)) and k not in by_start and pos.get(tokens[k].start) in _MODIFIER_POS \
                and (self._adjacent(tokens, k - 1, k) or _after_initials(tokens, k)):
            # "... to Ukraine, Secretary-General X said" holds no title; "the U.S. Attorney's office" does
            noun = _group_noun_at(tokens, k, SECTOR_NOUNS)
            title = _group_noun_at(tokens, k, self._person_titles)
            if title is not None and (noun is None or title[1] >= noun[1]):
                sector, after, key = self._person_titles[title[0]], title[1], title[0]
            elif noun is not None and (tokens[k].text.islower() or " " in noun[0]):
                sector, after, key = SECTOR_NOUNS[noun[0]], noun[1], noun[0]
            elif tokens[k].text.islower():
                k += 1
                continue
            else:
                break
            if any(j in by_start for j in range(k, after)):
                break
            if not (head is not None and key in MEMBER_NOUNS):
                head = sector, after  # "opposition activists" stay the opposition's
            k = after
        if head is None:
            return None
        return _Link(start, head[1], country, f"{country}{head[0]}", "group", 0.85)

    def _titled_of_state(self, tokens: list[_Token], links: list[_Link]) -> list[_Link]:
        """A title, a name the base does not know and "of" a state ("King Idris of Morocco",
        "President Ali Samir of Yemen"): that state's government, the whole phrase one mention."""
        taken = {k for link in links for k in range(link.start_token, link.end_token)}
        result = []
        for link in links:
            j = link.start_token
            actor = self.kb.actors.get(link.actor_id)
            if actor is None or actor.type != "state" or link.kind == "metonym" or j < 3 \
                    or tokens[j - 1].norm != "of" or not self._adjacent(tokens, j - 2, j - 1):
                result.append(link)
                continue
            first = j - 1
            while first > 0 and j - 1 - first < 3 and (first - 1) not in taken and tokens[first - 1].capitalized \
                    and tokens[first - 1].norm not in _STATE_TITLES and self._adjacent(tokens, first - 1, first):
                first -= 1
            title = tokens[first - 1].norm if first > 0 and first < j - 1 else None
            if title not in _STATE_TITLES or not tokens[first - 1].capitalized:
                result.append(link)
                continue
            result.append(_Link(first - 1, link.end_token, actor.actor_id, f"{actor.actor_id}GOV", "role", 0.8,
                                _STATE_TITLES[title]))
        return result

    # -- roles without a country -----------------------------------------------------------
    def _holder(self, title: str, country: str, day: str | None) -> Actor | None:
        """The one person holding ``title`` in ``country`` on ``day``; on the day a role changes
        hands the old holder keeps it (the new one's term starts that day)."""
        holders = self.kb.holders(title, country, day)
        if not holders and title == "president":  # a junta's chairman is its country's president
            title = "head of state"
            holders = self.kb.holders(title, country, day)
        if len(holders) > 1 and day:
            staying = [a for a in holders if not any(r.title == title and r.country == country and r.start == day
                                                     for r in a.roles)]
            holders = staying or holders
        return holders[0] if len(holders) == 1 else None

    def _titles(self, link: _Link, day: str | None) -> list[str]:
        """The roles a linked mention stands for that day: the role it names, or the offices its
        person holds, most senior first."""
        if link.title:
            return [link.title]
        actor = self.kb.actors.get(link.actor_id)
        if actor is None or actor.type != "person":
            return []
        held = [r.title for r in actor.roles if r.holds_on(day) and r.title in _OFFICE_RANK]
        return sorted(held, key=lambda title: _OFFICE_RANK[title])

    def _speaker_titles(self, previous: list[_Link], day: str | None) -> list[str]:
        """The roles of the person a "counterpart" is measured against: the nearest earlier person
        or role mention ("Iran's foreign minister met his Russian counterpart")."""
        for link in reversed(previous):
            titles = self._titles(link, day)
            if titles:
                return titles
        return []

    def _country_of(self, link: _Link) -> str | None:
        """The state a linked mention belongs to: the state itself, the country of a role, group,
        person or place."""
        actor = self.kb.actors.get(link.actor_id)
        if actor is not None and actor.type == "state":
            return actor.actor_id
        code = (link.code or "")[:3]
        state = self.kb.actors.get(code)
        if state is not None and state.type == "state":
            return code
        if actor is not None and actor.type in ("person", "location") and actor.country in self.kb.actors:
            return actor.country
        return None

    def _dateline_country(self, tokens: list[_Token], links: list[_Link], text: str) -> str | None:
        """The country of a dateline place opening the article ("KYIV, Ukraine (AP) -", "TEHRAN -")."""
        first = next((link for link in links if link.start_token == 0), None)
        if first is None:
            return None
        return self._country_of(first) if _DATELINE_END.match(text, tokens[first.end_token - 1].end) else None

    @staticmethod
    def _described_orgs(parsed: ParsedDocument) -> dict[str, str]:
        """The organisations of a page whose sector the words beside one of their names tell
        (``described_sector``), by the key of the name: one mention described describes them all. A name
        is an entity other than a person's, or a run of proper nouns no entity holds (NER reads many firms'
        names as places or misses them: "WeWork", "Uber")."""
        doc = parsed.doc
        names = [ent for ent in doc.ents if ent.label_ not in _NOT_ORG_LABELS]
        held = {t.i for ent in doc.ents for t in ent}
        for token in doc:
            if _name_word(token) and token.i not in held \
                    and not (token.dep_ == "compound" and token.head.pos_ == "PROPN"):
                start = token.i
                while start > 0 and _name_word(doc[start - 1]) and doc[start - 1].head.i == token.i \
                        and doc[start - 1].i not in held:
                    start -= 1
                names.append(doc[start:token.i + 1])
        described: dict[str, str] = {}
        for name in names:
            if (key := _org_key(name.text)) and key not in described \
                    and (sector := described_sector(name)) is not None:
                described[key] = sector
        return described

    def _org_mentions(self, parsed: ParsedDocument, tokens: list[_Token], covered: list[bool],
                      described: dict[str, str]) -> tuple[list[Mention], list[Actor]]:
        """Every mention, not linked already, of the organisations the page describes (``_described_orgs``):
        provisional organisations, whose code ``_provisional_codes`` gives."""
        keys = {tuple(key.split()): key for key in described}
        longest = max((len(k) for k in keys), default=0)
        mentions: list[Mention] = []
        actors: dict[str, Actor] = {}
        i = 0
        while i < len(tokens):
            size = next((n for n in range(min(longest, len(tokens) - i), 0, -1)
                         if tokens[i].capitalized and not any(covered[i:i + n])
                         and tuple(normalize_token(t.text) for t in tokens[i:i + n]) in keys), 0)
            if not size:
                i += 1
                continue
            key = keys[tuple(normalize_token(t.text) for t in tokens[i:i + size])]
            start, end = tokens[i].start, tokens[i + size - 1].end
            actor, mention = self._provisional(parsed, start, end, key, "organization")
            actors.setdefault(key, actor)
            mentions.append(mention)
            for k in range(i, i + size):
                covered[k] = True
            i += size
        return mentions, list(actors.values())

    def _provisional(self, parsed: ParsedDocument, start: int, end: int, key: str, kind: str
                     ) -> tuple[Actor, Mention]:
        """A provisional actor the base does not know (a person, or an organisation), keyed by its name's
        key (``_org_key``) so that every mention of one name is one actor, and its mention at
        ``[start, end)``, uncoded until ``_provisional_codes``."""
        text = parsed.document.text[start:end]
        actor = Actor(actor_id=PROVISIONAL_PREFIX + key.replace(" ", "_"), name=re.sub(r"^(?:the|The)\s+", "", text),
                      type=kind)
        return actor, Mention(parsed.document.doc_id, self._sentence_of(parsed, start), start, end, text,
                              actor.actor_id, None, 0.6, "org" if kind == "organization" else "ner")

    def _provisional_codes(self, mentions: list[Mention], page_country: str | None, text: str,
                           described: dict[str, str]) -> list[Mention]:
        """People the base does not know ("Sen. Elizabeth Warren", a local official, a royal) and their
        surnames: a code from a country and title beside the name (``_titled``) holds; else the page's
        country with the sector of a title written before the name (``person_titles.yaml``), at a lower
        confidence. Organisations the base does not know take the country of a state or place in their
        name ("Times of India", "Edinburgh University"), else the page's, with the sector their name
        tells (``org_heads.yaml``) or the words beside it in the page (``described``). Every mention of
        one such actor takes the code its first coded mention got."""
        codes: dict[str, str] = {}
        for mention in mentions:
            if not mention.actor_id.startswith(PROVISIONAL_PREFIX) or mention.actor_id in codes:
                continue
            if mention.code:
                codes[mention.actor_id] = mention.code
            elif mention.kind == "org":
                country = self._name_country(mention.surface) or page_country
                if country is not None:
                    sector = org_sector(mention.surface) or described.get(_org_key(mention.surface))
                    codes[mention.actor_id] = country + (sector or "")
            elif page_country is not None:
                codes[mention.actor_id] = page_country + (self._title_sector(text, mention.start) or "")
        return [replace(m, code=codes[m.actor_id], confidence=min(m.confidence, _PAGE_COUNTRY_CONFIDENCE))
                if m.code is None and m.actor_id in codes else m for m in mentions]

    def _name_country(self, name: str) -> str | None:
        """The country of the longest state, or well-known place, of the base named inside an
        organisation's name in capitalised words ("Times of India", "University of California"); small
        towns share their names with words and people ("Of", "Young", "Trinity") and do not count."""
        tokens = [t for t, _s, _e in tokenize(name)]
        for size in range(len(tokens) - 1, 0, -1):
            for i in range(len(tokens) - size + 1):
                if not all(t[:1].isupper() for t in tokens[i:i + size]):
                    continue
                for entry in self.kb.aliases.get(tuple(normalize_token(t) for t in tokens[i:i + size]), ()):
                    actor = self.kb.actors[entry.actor_id]
                    if actor.type == "state":
                        return actor.actor_id
                    if actor.type == "location" and actor.country in self.kb.actors \
                            and self.kb.populations.get(actor.actor_id, 0) >= _WELL_KNOWN_CITY:
                        return actor.country
        return None

    def _title_sector(self, text: str, start: int) -> str | None:
        """The CAMEO sector of the longest title written right before a name ("Gov.", "council leader")."""
        line = text[text.rfind("\n", 0, start) + 1:start]
        words = [w.strip(".").lower() for w in line.split()[-_MAX_NOUN_WORDS:]]
        for size in range(len(words), 0, -1):
            sector = self._person_titles.get(" ".join(words[-size:]))
            if sector is not None:
                return sector
        return None

    def _bare_roles(self, tokens: list[_Token], links: list[_Link], covered: list[bool], days: _Days,
                    text: str) -> list[_Link]:
        """Roles with no country in the phrase ("the president", "the country's foreign minister"): the
        country comes from the document as a reader takes it, in this order: an earlier mention of
        the same role, the state the paragraph speaks of most (the latest one on a tie), the
        dateline, the state the document speaks of most before it. Linked only where one person
        held the role there that day."""
        found: list[_Link] = []
        dateline: list[str | None] = []
        for i in range(1, len(tokens)):
            if covered[i] or not self._adjacent(tokens, i - 1, i) or not (tokens[i - 1].norm == "the" or (
                    i >= 2 and tokens[i - 1].norm in ("country", "nation") and tokens[i - 1].text[-2:] in ("'s", "’s")
                    and tokens[i - 2].norm == "the")):
                continue  # "the president", "the country's president"
            role = _role_at(tokens, i)
            if role is None:
                continue
            title, size = role
            end = i + size
            if any(covered[i:end]) or (end < len(tokens) and tokens[end].norm == "of"):
                continue  # "the president of Brazil": the "of" phrase names the country
            if end < len(tokens) and text[tokens[end - 1].end:tokens[end].start].strip() in (",", "", "-") and (
                    covered[end] or tokens[end].norm in ("elect", "designate")
                    or (tokens[end].capitalized and self._adjacent(tokens, end - 1, end))):
                # "the president, Emmanuel Macron": the name decides; "the president-elect" is not
                # the holder yet; "the Premier League" is no premier
                continue
            day = days.at(tokens[i].start)
            before = [link for link in links if link.end_token <= i]
            holder = None
            for link in reversed(before):  # the same role told before: the same person
                if link.title == title:
                    country = self._country_of(link)
                    holder = self._holder(title, country, day) if country else None
                    break
            if holder is None:
                if not dateline:
                    dateline.append(self._dateline_country(tokens, links, text))
                country = self._context_country(tokens, before, i, text) or dateline[0]
                if country is None:
                    country = self._most_told([self._country_of(link) for link in before])
                holder = self._holder(title, country, day) if country else None
            if holder is None:
                continue
            sector = ROLE_SECTORS.get(title, "GOV")
            found.append(_Link(i, end, holder.actor_id, f"{country}{sector}", "role", 0.8, title))
        return found

    def _context_country(self, tokens: list[_Token], before: list[_Link], i: int, text: str) -> str | None:
        """The state the paragraph holding token ``i`` speaks of most up to it, the latest on a tie."""
        paragraph = text.rfind("\n", 0, tokens[i].start) + 1
        return self._most_told([self._country_of(link) for link in before
                                if tokens[link.start_token].start >= paragraph])

    @staticmethod
    def _most_told(countries: list[str | None]) -> str | None:
        """The most frequent country of a list in reading order, the latest among equals."""
        counts = Counter(c for c in countries if c)
        if not counts:
            return None
        best = max(counts.values())
        return next(c for c in reversed(countries) if c and counts[c] == best)

    # -- surnames ------------------------------------------------------------------------
    def _surname_keys(self, actor: Actor) -> set[str]:
        """The short forms news uses for a person: the surname of each spelling of the name."""
        keys = self._surname_cache.get(actor.actor_id)
        if keys is None:
            keys = {k for alias in (actor.name, *actor.aliases)
                    if (k := surname_of(normalize_name(alias), actor.country)) is not None}
            self._surname_cache[actor.actor_id] = keys
        return keys

    def _surnames(self, parsed: ParsedDocument, tokens: list[_Token], links: list[_Link], covered: list[bool],
                  days: _Days, inside: dict[int, tuple[str, list[int]]], proper: set[int]
                  ) -> tuple[list[_Link], list[tuple[int, int]]]:
        """Mentions of people by surname or a short form ("Raisi", "Amir-Abdollahian", "Xi").

        In order: a person named or resolved from a role in the document ("Russia's foreign
        minister ... Lavrov"); an unknown person whose full name the document gives ("Sen. Ron
        Johnson ... Johnson" stays that person: returned as deferred (token, name start) pairs);
        the knowledge-base bearer of the surname, where the context fits: an office holder that
        day (the most senior one where several share the name) whose title does not contradict
        the one written before the name, in a story not about one other country alone, or any
        bearer from a country the story speaks of. A person's surname the context rejects is
        marked covered, so that no later fuzzy match makes a place of it."""
        named: dict[tuple[str, ...], _Link] = {}
        for link in links:
            actor = self.kb.actors.get(link.actor_id)
            if actor is None or actor.type != "person":
                continue
            for key in self._surname_keys(actor):
                named.setdefault((key,), link)
            if link.kind != "role":
                full = tuple(t.norm for t in tokens[link.start_token:link.end_token])
                tails = [full[:1]] if actor.country in FIRST_NAME_FIRST else \
                    [full[cut:] for cut in range(1, len(full)) if len(full[cut]) >= 3]
                for tail in tails:
                    if tail and (len(tail) > 1 or tail[0] not in TITLE_WORDS):  # "Bin Laden", not "Bin"
                        named.setdefault(tail, link)
        unknown, in_unknown = self._unknown_people(parsed, tokens, covered, named)
        countries = Counter(c for link in links if (c := self._country_of(link)))
        presence = Counter(c for link in links if link.kind != "role" and (c := self._country_of(link))
                           and getattr(self.kb.actors.get(link.actor_id), "type", None) != "person")
        parsed_token: dict[int, Token] = {}
        labels: dict[int, str] = {}
        for t in parsed.doc:  # one pass over the document for both
            if t.pos_ == "PROPN":
                parsed_token[t.idx] = t
            if t.ent_type_:
                labels[t.idx] = t.ent_type_
        people = {t.idx for e in parsed.doc.ents if e.label_ == "PERSON" for t in e}
        longest = max((len(k) for k in named), default=1)
        found: list[_Link] = []
        deferred: list[tuple[int, int]] = []
        i = 0
        while i < len(tokens):
            hit = None
            for size in range(min(longest, len(tokens) - i), 0, -1):
                key = tuple(t.norm for t in tokens[i : i + size])
                if key in named and tokens[i].capitalized and not any(covered[i : i + size]) \
                        and i not in in_unknown:
                    hit = size, named[key]
                    break
            if hit:
                size, prior = hit
                found.append(_Link(i, i + size, prior.actor_id, prior.code, "surname", _SURNAME_CONFIDENCE))
                i += size
                continue
            token = tokens[i]
            longer = inside.get(token.start)
            if covered[i] or i in in_unknown or not token.capitalized or token.norm in TITLE_WORDS \
                    or token.start not in proper or (longer and longer[0] != "PERSON" and len(longer[1]) > 1) \
                    or token.norm in CALENDAR_WORDS or labels.get(token.start) in _NOT_NAME_LABELS:
                # a word of a longer name ("the Imam Reza shrine") is not a person's surname, nor a day,
                # a month, a language or a nationality read as one ("on Friday", "in English": the
                # leaders table holds a Godwin Friday and a Bill English)
                i += 1
                continue
            if token.norm in unknown:
                deferred.append((i, unknown[token.norm]))
                covered[i] = True  # the full name's actor, once the NER pass has made it
                i += 1
                continue
            actor = self._bearer(tokens, i, days.at(token.start), countries, presence, parsed_token, people)
            if actor is not None:
                found.append(_Link(i, i + 1, actor.actor_id, code_on(actor, days.at(token.start)), "surname", 0.75))
            elif token.norm in self.kb.surnames and token.start in people:
                covered[i] = True  # a person the context does not let us name, not a town called Johnson
            i += 1
        return found, deferred

    def _bearer(self, tokens: list[_Token], i: int, day: str | None, countries: Counter[str],
                presence: Counter[str], parsed_token: dict[int, object], people: set[int]) -> Actor | None:
        """The knowledge-base person a bare surname at ``i`` stands for, if the context fits.
        ``countries`` counts the countries of every mention so far, ``presence`` those of states,
        places and institutions only (not of people and roles)."""
        token = tokens[i]
        candidates = [self.kb.actors[a] for a in self.kb.surnames.get(token.norm, ())]
        if not candidates or (len(token.norm) < 4 and token.start not in people):
            return None  # "Xi", "Li": only where the parser reads a person
        ranked = sorted((min((_OFFICE_RANK[r.title] for r in a.roles if r.holds_on(day) and r.title in _OFFICE_RANK),
                             default=len(_OFFICE_RANK)), k, a) for k, a in enumerate(candidates))
        rank, _k, actor = ranked[0]
        in_office = rank < len(_OFFICE_RANK)
        if len(ranked) > 1 and ranked[1][0] == rank:  # several bearers of the same standing
            local = [a for r, _k, a in ranked if r == rank and a.country in countries]
            if len(local) != 1:
                return None
            actor = local[0]
        if not self._title_fits(tokens, i, actor):
            return None
        if actor.country in countries:
            return actor
        # a bearer from a country the story does not name: an office holder that day, in a story
        # about several countries or none, not in one that keeps naming one other country alone (a
        # US page on a US senator who shares a foreign prime minister's surname); the only bearer
        # of a surname who holds no office then, only in a story that names no country
        if len(presence) == 1 and next(iter(presence.values())) >= 3:
            return None
        if in_office:
            return actor
        spacy_token = parsed_token.get(token.start)
        if len(candidates) != 1 or countries or spacy_token is None or (
                spacy_token.dep_ == "compound" and spacy_token.head.pos_ == "NOUN"
                and spacy_token.head.lower_ not in SECTOR_NOUNS):
            return None  # "Rice prices rose" (but "the Trump administration")
        return actor

    def _title_fits(self, tokens: list[_Token], i: int, actor: Actor) -> bool:
        """False when the title written before a surname names an office the person never held
        ("Sen. Johnson", "Gov. Abbott")."""
        if i == 0 or tokens[i].start - tokens[i - 1].end > 2:
            return True
        title = _OTHER_TITLES.get(tokens[i - 1].norm)
        return title is None or any(title in role.title for role in actor.roles)

    @staticmethod
    def _unknown_people(parsed: ParsedDocument, tokens: list[_Token], covered: list[bool],
                        named: dict[tuple[str, ...], _Link]) -> tuple[dict[str, int], set[int]]:
        """Surname -> start of the full name, for people the text names in full but the links so
        far do not know ("Ron Johnson"), and the token indices of those full names. A name that is
        the tail of a known person's ("Osama bin Laden ... Bin Laden") is that person's."""
        starts = [t.start for t in tokens]
        unknown: dict[str, int] = {}
        inside: set[int] = set()
        for ent in parsed.doc.ents:
            if ent.label_ != "PERSON":
                continue
            first, last = bisect.bisect_left(starts, ent.start_char), bisect.bisect_left(starts, ent.end_char)
            if last - first < 2 or any(covered[first:last]) or tuple(t.norm for t in tokens[first:last]) in named:
                continue
            inside.update(range(first, last))
            if len(tokens[last - 1].norm) >= 3:
                unknown.setdefault(tokens[last - 1].norm, ent.start_char)
        return unknown, inside

    def _deferred_surnames(self, parsed: ParsedDocument, tokens: list[_Token], deferred: list[tuple[int, int]],
                           extra: list[Mention]) -> list[Mention]:
        """Surnames of people first named in full: the actor their full name got (provisional or fuzzy)."""
        by_start = {m.start: m for m in extra}
        found = []
        for i, name_start in deferred:
            full = by_start.get(name_start)
            if full is None:
                continue
            token = tokens[i]
            found.append(Mention(parsed.document.doc_id, self._sentence_of(parsed, token.start), token.start,
                                 token.end, token.text, full.actor_id, full.code, min(full.confidence, 0.6),
                                 "surname"))
        return found

    # -- NER spans: fuzzy matches and provisional actors ----------------------------------------
    def _from_ner(
        self, parsed: ParsedDocument, starts: list[int], covered: list[bool], doc_countries: set[str | None],
        located: set[int], doc_states: frozenset[str | None],
    ) -> tuple[list[Mention], list[Actor]]:
        mentions: list[Mention] = []
        provisional: list[Actor] = []
        for ent in parsed.doc.ents:
            if ent.label_ not in ("PERSON", "GPE", "LOC", "ORG", "FAC"):
                continue
            first = bisect.bisect_left(starts, ent.start_char)
            last = bisect.bisect_left(starts, ent.end_char)
            if first >= last or any(covered[first:last]):
                continue
            surface = re.sub(r"^(?:the|The)\s+", "", ent.text)
            query = _org_key(surface)
            town = self._town(surface, ent, doc_countries, located)
            if town or any(t.pos_ != "PROPN" for t in ent if t.is_alpha and t.lower_ not in ("the", "of")):
                actor_id, score = town, 100.0  # a misspelt name is a proper noun: "Turnout", "metro" are words
            else:
                actor_id, score = self._fuzzy(query, ent.label_, doc_countries, surface, doc_states)
            sentence_index = self._sentence_of(parsed, ent.start_char)
            if actor_id:
                actor = self.kb.actors[actor_id]
                mentions.append(Mention(parsed.document.doc_id, sentence_index, ent.start_char, ent.end_char,
                                        ent.text, actor_id, code_on(actor, parsed.document.published),
                                        0.85 if town else round(score / 100 * 0.9, 3), "town" if town else "fuzzy"))
            elif len(query.split()) >= 2 and (ent.label_ == "PERSON" or ent.label_ == "ORG" and org_sector(surface)):
                # a person the base does not know, or an organisation whose name tells its sector ("Acme
                # Holdings"); their country comes from the page (``_provisional_codes``)
                actor, mention = self._provisional(parsed, ent.start_char, ent.end_char, query,
                                                   "person" if ent.label_ == "PERSON" else "organization")
                provisional.append(actor)
                mentions.append(mention)
            else:
                continue
            for k in range(first, last):
                covered[k] = True
        return mentions, provisional

    def _town(self, surface: str, entity, doc_countries: set[str | None], located: set[int]) -> str | None:
        """A town of the gazetteer (under 15,000 people) named exactly by a place entity, or by an
        entity the grammar uses as a place ("near Krasnohorivka"). Towns are many and their names
        often words or people's names, so the name must be written as a name (capitalised words),
        not be a stop word or a word of a known person's name, and be a town of a country the
        article names."""
        towns = self.kb.towns
        if towns is None or not (entity.label_ in ("GPE", "LOC", "FAC") or (
                entity.label_ != "PERSON" and entity.start_char in located)):
            return None
        surface = re.sub(r"(?:'s|’s)$", "", surface)
        words = surface.replace("-", " ").split()
        if not words or any(not w[:1].isupper() and len(w) > 3 for w in words) or not words[0][:1].isupper():
            return None
        if is_generic(" ".join(w.lower() for w in words)) or len(words) == 1 and (
                entity[-1].is_stop or normalize_token(words[0]) in self.kb.name_words):
            return None  # "the Middle East", "Florence"
        rows = towns.find(surface)
        if not rows:
            return None
        near = [row for row in rows if towns.countries[row] in doc_countries]
        return f"geo:{towns.ids[near[0]]}" if near else None  # "eastern Congo" is no town in Brazil

    def _fuzzy(self, query: str, label: str, doc_countries: set[str | None], surface: str = "",
               doc_states: frozenset[str | None] = frozenset()) -> tuple[str | None, float]:
        if len(query) < 4 or is_generic(query) or not surface[:1].isupper():
            return None, 0.0  # "metro", "the Gulf": words, not misspelt names
        if label in ("GPE", "LOC", "FAC") or (label == "PERSON" and " " not in query):
            if surface.replace(".", "").isupper():
                return None, 0.0  # an acronym ("JAMA") is no misspelt place: only an alias written so is one
            hit = process.extractOne(query, self._bucket(self._fuzzy_places, query), scorer=fuzz.ratio,
                                     score_cutoff=_FUZZY_MIN_SCORE_IN_CONTEXT)
            if hit:
                actor = self.kb.actors[self._fuzzy_places[hit[0]]]
                key = tuple(hit[0].split())
                if label != "GPE" and any(e.actor_id == actor.actor_id and needs_place_evidence(self.kb, key, e)
                                          for e in self.kb.aliases.get(key, ())):
                    return None, 0.0  # "Jupiter's icy moon": a word of another kind, not read as a town
                # a name NER reads as a person is a place only with the country in the story, and
                # only a well-known one when that country comes from other places ("Vincent", a US
                # city of 15,000, is a person in a story naming Harvey and Spring)
                in_story = actor.country in doc_countries and (
                    label != "PERSON" or actor.country in doc_states
                    or self.kb.populations.get(actor.actor_id, 0) >= _WELL_KNOWN_CITY)
                if (hit[1] >= _FUZZY_MIN_SCORE and label != "PERSON") or in_story:
                    return actor.actor_id, hit[1]
            return None, 0.0
        hit = process.extractOne(query, self._bucket(self._fuzzy_people, query), scorer=fuzz.ratio,
                                 score_cutoff=_FUZZY_MIN_SCORE)
        return (self._fuzzy_people[hit[0]], hit[1]) if hit else (None, 0.0)

    def _bucket(self, choices: dict[str, str], query: str) -> list[str]:
        """Names sharing the query's first letter and of similar length: a ratio of 85 or more is
        impossible beyond a third more or fewer letters, and spelling variants keep the initial
        (after normalisation folds Ebrahim/Ibrahim and the like)."""
        buckets = self._buckets.setdefault(id(choices), {})
        if not buckets:
            for name in choices:
                buckets.setdefault((name[:1], len(name)), []).append(name)
        low, high = int(len(query) * 0.7), int(len(query) * 1.35) + 1
        return [n for size in range(low, high + 1) for n in buckets.get((query[:1], size), ())]

    # -- helpers -------------------------------------------------------------------------
    @staticmethod
    def _sentence_of(parsed: ParsedDocument, offset: int) -> int:
        return max(0, bisect.bisect_right(parsed.sentence_starts, offset) - 1)

    def _mention(self, parsed: ParsedDocument, tokens: list[_Token], link: _Link) -> Mention:
        start, end = tokens[link.start_token].start, tokens[link.end_token - 1].end
        return Mention(
            doc_id=parsed.document.doc_id,
            sentence_index=self._sentence_of(parsed, start),
            start=start,
            end=end,
            surface=parsed.document.text[start:end],
            actor_id=link.actor_id,
            code=link.code,
            confidence=link.confidence,
            kind=link.kind,
        )
