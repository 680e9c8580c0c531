"""Entity linking: find actor mentions in a parsed document and link them to the base.

Order of evidence, strongest first: exact (normalised) alias matches over the whole
text; role phrases resolved by the document date ("Iran's president"); demonym plus
group noun ("Iranian students" -> IRN + EDU); surnames of people already named in
the document; fuzzy matches of NER spans; provisional actors for unknown people.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from dyads.kb.base import AliasEntry, KnowledgeBase
from dyads.kb.normalize import normalize_token, tokenize
from dyads.nlp import ParsedDocument
from dyads.types import Actor, Mention

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

# Group nouns after a demonym -> CAMEO sector code ("Iranian students" -> IRNEDU).
SECTOR_NOUNS: dict[str, str] = {
    **dict.fromkeys(["student", "students", "university", "universities", "academics", "teachers"], "EDU"),
    **dict.fromkeys(["military", "army", "troops", "soldiers", "forces", "navy", "air", "armed", "warplanes",
                     "jets", "drones", "commander", "commanders", "general", "generals", "warships", "warship",
                     "artillery", "positions", "bombers", "tanks", "marines", "paratroopers", "units", "battalions",
                     "missiles", "gunboats", "submarines", "peacekeepers", "garrison", "defences", "defenses"],
                    "MIL"),
    **dict.fromkeys(["government", "officials", "official", "authorities", "ministry", "minister", "ministers",
                     "diplomats", "diplomat", "embassy", "envoy", "ambassador", "delegation", "leaders",
                     "leadership", "administration", "cabinet", "rescue", "emergency", "negotiators",
                     "delegations", "envoys", "junta", "regime", "spokesman", "spokeswoman", "mediators",
                     "agency", "authority"], "GOV"),
    **dict.fromkeys(["police", "policemen", "security"], "COP"),
    **dict.fromkeys(["intelligence", "spies", "spy", "agents"], "SPY"),
    **dict.fromkeys(["protesters", "demonstrators", "protestors", "activists"], "CVL"),
    **dict.fromkeys(["people", "citizens", "civilians", "residents", "villagers", "public", "women", "men",
                     "children", "youth", "fans", "voters", "workers", "farmers", "pilgrims", "hostages",
                     "citizen", "national", "nationals", "homes", "families", "tourists", "sailors", "crew"],
                    "CVL"),
    **dict.fromkeys(["opposition", "dissidents", "reformists", "exiles"], "OPP"),
    **dict.fromkeys(["rebels", "insurgents", "militants", "fighters", "militia", "militias"], "REB"),
    **dict.fromkeys(["businessmen", "companies", "company", "firms", "firm", "banks", "investors",
                     "businesses", "traders", "oil"], "BUS"),
    **dict.fromkeys(["media", "journalists", "journalist", "reporters", "press", "commentator", "newspaper",
                     "television", "tv", "broadcaster", "broadcasters", "reporter"], "MED"),
    **dict.fromkeys(["judges", "judge", "court", "courts", "judiciary", "prosecutors", "prosecutor"], "JUD"),
    **dict.fromkeys(["parliament", "lawmakers", "legislators", "mps", "deputies", "senators", "congress"], "LEG"),
    **dict.fromkeys(["refugees", "migrants", "asylum"], "REF"),
    **dict.fromkeys(["doctors", "hospitals", "nurses", "health"], "HLH"),
    **dict.fromkeys(["clerics", "cleric", "clergy", "imams", "mullahs"], "REL"),
}

#: Words that are titles or common name parts, never a surname on their own.
TITLE_WORDS = frozenset(
    "shah king emir sheikh sultan prince president minister general ayatollah imam khan ali abu bin ibn al "
    "mohammad hasan husayn ahmad said saint".split()
)
# Group nouns that name actors even without a country ("protesters stormed the parliament").
BARE_GROUP_NOUNS = frozenset(
    "protesters demonstrators protestors students police policemen troops soldiers civilians villagers residents "
    "rebels militants insurgents fighters journalists reporters opposition refugees migrants lawmakers legislators "
    "judges doctors activists dissidents pilgrims workers farmers parliament government".split()
)
# Nouns for the people of a group rather than a group of their own ("opposition supporters", "party
# members", "Venezuelan opposition activists"): the group word before them decides the sector.
MEMBER_NOUNS = frozenset("supporters supporter members member activists activist followers loyalists backers "
                         "sympathisers sympathizers partisans cadres".split())
# Words between a country and a name that make a title ("Venezuelan opposition candidate", "German
# Economy Minister"): capitalised words, or lowercase title and group words only.
_TITLE_WORDS_LOWER = ("candidate|leader|activist|official|spokesman|spokeswoman|minister|president|envoy|ambassador|"
                      "commander|general|chief|head|lawmaker|journalist|reporter|opposition|foreign|defence|defense|"
                      "interior|prime|deputy|former|senior|top|economy|finance|trade|human|rights|military|army|"
                      "police|intelligence|dissident|blogger|cleric|businessman|tycoon|billionaire|negotiator")
_TITLE_RUN = re.compile(rf"(?:\s*(?:'s|’s)?\s*(?:[A-Z][a-z]+|(?:{_TITLE_WORDS_LOWER})|-)){{0,4}}\s*")
# "in Moscow" is a place; "to Moscow" only after a verb of motion ("a letter to Moscow" is not).
_STATIC_PREPS = frozenset("in at near inside outside around across through within".split())
_MOTION_VERBS = frozenset("travel fly arrive return go come head flee move drive sail land visit deploy send "
                          "evacuate march walk relocate transfer bring take".split())
_NON_PLACE_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
_PLACE_NOUNS = frozenset("centre center city town village outskirts suburbs streets province region district port "
                         "capital area heart east west north south".split())
_MODIFIER_POS = frozenset({"NOUN", "ADJ", "PROPN"})  # words inside a noun phrase ("rescue forces")
_LOCATIVE_WORDS = frozenset("in at near from to into outside inside across toward towards around through "
                            "via within".split())

_WHOLE_NAME_CONFIDENCE = 0.95
_SURNAME_CONFIDENCE = 0.85
_FUZZY_MIN_SCORE = 90.0
_FUZZY_MIN_SCORE_IN_CONTEXT = 85.0  # a place in a country the article is about


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


def _role_at(tokens: list[_Token], index: int) -> tuple[str, int] | None:
    """Canonical role title starting at ``tokens[index]`` and its length in tokens."""
    for size in range(_MAX_ROLE_TOKENS, 0, -1):
        key = tuple(t.norm for t in tokens[index : index + size])
        if len(key) == size and key in ROLE_TITLES:
            return ROLE_TITLES[key], size
    return None


def _code_on(actor: Actor, day: str | None) -> str | None:
    """The actor's CAMEO code on ``day``: country plus the sector of a role held then."""
    for role in actor.roles:
        if role.holds_on(day) and role.country and role.sector and len(role.country) == 3:
            return f"{role.country}{role.sector}"
    return actor.code


class Linker:
    """Links mentions in parsed documents to a knowledge base."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._fuzzy_people = {
            " ".join(key): entries[0].actor_id
            for key, entries in kb.aliases.items()
            if len(key) >= 2 and kb.actors[entries[0].actor_id].type in ("person", "organization", "group")
        }
        self._buckets: dict[int, dict[tuple[str, int], list[str]]] = {}
        self._fuzzy_places = {
            " ".join(key): entries[0].actor_id
            for key, entries in kb.aliases.items()
            if kb.actors[entries[0].actor_id].type in ("location", "state")
        }

    def link(self, parsed: ParsedDocument) -> tuple[list[Mention], list[Actor]]:
        """Mentions of known and provisional actors in one parsed document."""
        text = parsed.document.text
        day = parsed.document.published
        tokens = [_Token(t, normalize_token(t), s, e) for t, s, e in tokenize(text)]
        starts = [t.start for t in tokens]
        links: list[_Link] = []
        covered = [False] * len(tokens)
        pos = {t.idx: t.pos_ for t in parsed.doc}
        proper = self._proper_token_starts(parsed)
        places, located = self._place_token_starts(parsed)

        i = 0
        while i < len(tokens):
            found = self._match_alias(tokens, i, proper, places | located)
            if found is None:
                i += 1
                continue
            size, entries = found
            entry = self._prefer(entries, as_place=tokens[i].start in located)
            link = _Link(i, i + size, entry.actor_id, entry.code, entry.kind, _WHOLE_NAME_CONFIDENCE)
            actor = self.kb.actors[entry.actor_id]
            if actor.type == "person":
                link.code = _code_on(actor, day)
            links.append(link)
            i += size

        links = self._roles_and_groups(tokens, links, day, pos)
        self._cover(links, covered)
        doc_countries = self._doc_countries(links)
        people = {e.start_char for e in parsed.doc.ents if e.label_ == "PERSON"}
        surname_links = self._surnames(tokens, links, covered, doc_countries, people)
        self._cover(surname_links, covered)
        links += surname_links
        group_links = self._bare_groups(tokens, covered, pos)
        self._cover(group_links, covered)
        links += group_links
        mentions = [self._mention(parsed, tokens, link) for link in links]
        extra, provisional = self._from_ner(parsed, starts, covered, doc_countries)
        mentions += self._titled(extra, links, tokens, text)
        mentions.sort(key=lambda m: m.start)
        return mentions, provisional

    # -- unnamed groups and titled unknown people ----------------------------------------
    @staticmethod
    def _bare_groups(tokens: list[_Token], covered: list[bool], pos: dict[int, str]) -> list[_Link]:
        """Group nouns with no country ("protesters", "the police"): a sector code whose country
        the event coder fills in from the event's context."""
        found = []
        for i, token in enumerate(tokens):
            if covered[i] or token.norm not in BARE_GROUP_NOUNS or pos.get(token.start) != "NOUN":
                continue
            end = i + 1
            if i + 1 < len(tokens) and tokens[i + 1].norm in MEMBER_NOUNS:
                end = i + 2  # "opposition supporters": people of the opposition
            elif i + 1 < len(tokens) and tokens[i + 1].norm in SECTOR_NOUNS:
                continue  # "student protesters": the head noun decides the group
            if i > 0 and covered[i - 1]:
                continue  # "Hamas fighters", "Islamic State militants": the named group is the actor
            if found and found[-1].end_token > i:
                continue  # the member noun of the group before
            sector = SECTOR_NOUNS[token.norm]
            found.append(_Link(i, end, f"group:{sector}", sector, "group", 0.6))
        return found

    def _titled(self, mentions: list[Mention], links: list[_Link], tokens: list[_Token], text: str) -> list[Mention]:
        """Unknown people right after a country and a title ("German Economy Minister Robert Habeck")
        take the country's government (or military) code."""
        ends = {tokens[link.end_token - 1].end: link for link in links if self.kb.actors.get(link.actor_id)
                and self.kb.actors[link.actor_id].type == "state"}
        result = []
        for mention in mentions:
            if mention.code is None:
                for end, link in ends.items():
                    between = text[end:mention.start]
                    if end <= mention.start and len(between) <= 40 and _TITLE_RUN.fullmatch(between):
                        if link.kind == "group" and link.code and len(link.code) > 3:
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

    @staticmethod
    def _place_token_starts(parsed: ParsedDocument) -> tuple[set[int], set[int]]:
        """Tokens that may name a place (no person or organisation entity covers them), and the
        names used as places by their grammar ("in Kyiv, Kharkiv and Odesa", "the centre of Kharkiv")."""
        not_places = {t.idx for e in parsed.doc.ents if e.label_ in _NON_PLACE_LABELS for t in e}
        possible = {t.idx for t in parsed.doc if t.idx not in not_places and (t.pos_ == "PROPN" or t.ent_type_)}
        located: set[int] = set()
        for token in parsed.doc:
            governor = token.head
            static = governor.lower_ in _STATIC_PREPS
            moving = governor.lower_ in ("to", "from", "into") and governor.head.lemma_.lower() in _MOTION_VERBS
            if token.dep_ == "pobj" and (static or moving or (
                    governor.lower_ == "of" and governor.head.lemma_.lower() in _PLACE_NOUNS)):
                for place in (token, *token.conjuncts):  # the name itself and its compound parts
                    located.update(t.idx for t in place.doc[place.left_edge.i:place.i + 1] if t.pos_ == "PROPN")
        return possible, located

    @staticmethod
    def _cover(links: list[_Link], covered: list[bool]) -> None:
        for link in links:
            for k in range(link.start_token, link.end_token):
                covered[k] = True

    def _doc_countries(self, links: list[_Link]) -> set[str | None]:
        """Countries the document speaks about: its linked states and their metonyms and demonyms."""
        return {self.kb.actors[link.actor_id].country for link in links
                if self.kb.actors[link.actor_id].type == "state"}

    def _match_alias(self, tokens: list[_Token], i: int, proper: set[int], places: set[int]
                     ) -> tuple[int, list[AliasEntry]] | None:
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
            if span[0].start not in places:
                # a city name only counts where the text uses it as a place ("Reza", "Republic")
                entries = [e for e in entries if self.kb.actors[e.actor_id].type != "location"]
                if not entries:
                    continue
            return size, entries
        return None

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
    def _roles_and_groups(self, tokens: list[_Token], links: list[_Link], day: str | None,
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
                if link:
                    result.append(link)
                    i = link.end_token
                else:
                    i += 1
                continue
            coordinated = self._coordinated_group(tokens, i, end, country, day, by_start, taken, pos)
            if coordinated:
                result += coordinated
                i = coordinated[-1].end_token
                continue
            extended = self._extend_with_role_or_group(tokens, i, end, country, day, by_start, pos)
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

    def _coordinated_group(self, tokens: list[_Token], i: int, end: int, country: str, day: str | None,
                           by_start: dict[int, _Link], taken: set[int], pos: dict[int, str]) -> list[_Link]:
        """"Russian and Chinese warships", "US and British jets": both countries take the group noun."""
        if end + 1 >= len(tokens) or tokens[end].norm != "and":
            return []
        partner, partner_end = self._country_at(tokens, end + 1, by_start.get(end + 1), taken)
        if partner is None:
            return []
        shared = self._extend_with_role_or_group(tokens, end + 1, partner_end, partner, day, by_start, pos)
        if shared is None or shared.kind != "group" or not shared.code:
            return []
        return [_Link(i, end, country, f"{country}{shared.code[3:]}", "group", 0.85), shared]

    @staticmethod
    def _adjacent(tokens: list[_Token], left: int, right: int) -> bool:
        """Only spaces between two tokens (no comma, no sentence end)."""
        return right < len(tokens) and tokens[left].end <= tokens[right].start and \
            tokens[right].start - tokens[left].end <= 1

    def _extend_with_role_or_group(
        self, tokens: list[_Token], start: int, end: int, country: str, day: str | None, by_start: dict[int, _Link],
        pos: dict[int, str],
    ) -> _Link | None:
        role = _role_at(tokens, end)
        if role and not self._adjacent(tokens, end - 1, end):
            role = None  # "... Syria. Secretary of State John Kerry": a sentence or clause lies between
        if role:
            title, size = role
            role_end = end + size
            name_link = by_start.get(role_end)
            if name_link and self.kb.actors[name_link.actor_id].type == "person" \
                    and self._adjacent(tokens, role_end - 1, role_end):
                # "Russian President Vladimir Putin": the name decides; the role only confirms.
                return _Link(start, name_link.end_token, name_link.actor_id, name_link.code, "name", 0.98)
            holders = self.kb.holders(title, country, day) if day else []
            sector = ROLE_SECTORS.get(title, "GOV")
            if len(holders) == 1:
                return _Link(start, role_end, holders[0].actor_id, f"{country}{sector}", "role", 0.9)
            return _Link(start, role_end, country, f"{country}{sector}", "role", 0.8)
        # "Iranian students", "Russian rescue forces": the last group noun of a short lowercase run
        # is the head that decides the sector.
        head = None
        for k in range(end, min(end + 3, len(tokens))):
            if k in by_start or not tokens[k].text.islower() or pos.get(tokens[k].start) not in _MODIFIER_POS:
                break
            if tokens[k].norm in SECTOR_NOUNS and not (head is not None and tokens[k].norm in MEMBER_NOUNS):
                head = k  # "opposition activists" stay the opposition's
        if head is not None:
            return _Link(start, head + 1, country, f"{country}{SECTOR_NOUNS[tokens[head].norm]}", "group", 0.85)
        return None

    # -- surnames ------------------------------------------------------------------------
    def _surnames(self, tokens: list[_Token], links: list[_Link], covered: list[bool],
                  doc_countries: set[str | None], people: set[int]) -> list[_Link]:
        """Later mentions of people by the tail of their name ("Raisi", "Amir-Abdollahian")."""
        named: dict[tuple[str, ...], _Link] = {}
        for link in links:
            if self.kb.actors[link.actor_id].type == "person" and link.kind != "role":
                full = tuple(t.norm for t in tokens[link.start_token : link.end_token])
                for cut in range(1, len(full)):
                    named.setdefault(full[cut:], link)
        longest = max((len(k) for k in named), default=1)
        found = []
        i = 0
        while i < len(tokens):
            hit = None
            for size in range(min(longest, len(tokens) - i), 0, -1):
                key = tuple(t.norm for t in tokens[i : i + size])
                if key in named and tokens[i].capitalized and not any(covered[i : i + size]):
                    hit = size, named[key]
                    break
            if hit:
                size, prior = hit
                found.append(_Link(i, i + size, prior.actor_id, prior.code, "surname", _SURNAME_CONFIDENCE))
                i += size
                continue
            token = tokens[i]
            candidates = self.kb.surnames.get(token.norm, ())
            if not covered[i] and token.capitalized and len(candidates) == 1 and token.norm not in TITLE_WORDS:
                actor = self.kb.actors[candidates[0]]
                # a bare surname: for people of a country in the story, or office holders NER reads as a person
                if actor.country in doc_countries or (actor.roles and token.start in people):
                    found.append(_Link(i, i + 1, actor.actor_id, actor.code, "surname", 0.75))
            i += 1
        return found

    # -- NER spans: fuzzy matches and provisional actors ----------------------------------------
    def _from_ner(
        self, parsed: ParsedDocument, starts: list[int], covered: list[bool], doc_countries: set[str | None]
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
            query = " ".join(normalize_token(t) for t, _s, _e in tokenize(surface))
            actor_id, score = self._fuzzy(query, ent.label_, doc_countries)
            sentence_index = self._sentence_of(parsed, ent.start_char)
            if actor_id:
                actor = self.kb.actors[actor_id]
                mentions.append(Mention(parsed.document.doc_id, sentence_index, ent.start_char, ent.end_char,
                                        ent.text, actor_id, _code_on(actor, parsed.document.published),
                                        round(score / 100 * 0.9, 3), "fuzzy"))
            elif ent.label_ == "PERSON" and len(query.split()) >= 2:
                actor = Actor(actor_id="new:" + query.replace(" ", "_"), name=surface, type="person")
                provisional.append(actor)
                mentions.append(Mention(parsed.document.doc_id, sentence_index, ent.start_char, ent.end_char,
                                        ent.text, actor.actor_id, None, 0.6, "ner"))
            else:
                continue
            for k in range(first, last):
                covered[k] = True
        return mentions, provisional

    def _fuzzy(self, query: str, label: str, doc_countries: set[str | None]) -> tuple[str | None, float]:
        if len(query) < 4:
            return None, 0.0
        if label in ("GPE", "LOC", "FAC") or (label == "PERSON" and " " not in query):
            hit = process.extractOne(query, self._bucket(self._fuzzy_places, query), scorer=fuzz.ratio,
                                     score_cutoff=_FUZZY_MIN_SCORE_IN_CONTEXT)
            if hit:
                actor = self.kb.actors[self._fuzzy_places[hit[0]]]
                # a name NER reads as a person is a place only with the country in the story
                if (hit[1] >= _FUZZY_MIN_SCORE and label != "PERSON") or actor.country in doc_countries:
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
