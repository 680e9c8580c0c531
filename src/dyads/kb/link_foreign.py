"""Linking in documents written in another language than English (Russian, French, Spanish,
Arabic, Persian...).

The English NER and parser mean nothing on such text ("России Владимир Путин" as one person), so
nothing here reads them: names are found by the alias index over the text's tokens alone, with the
base's names in those languages (``KnowledgeBase.foreign_aliases``) besides the English ones.
Tokens are compared in the base's normal form, which lemmatises Russian (Москве -> москва) and
folds Arabic-script spellings and the article (kb/normalize.py); an Arabic word with a bare
proclitic (وبوتين, بموسكو) is read without it when only that reading is a name. The language's
own words (intl_words.yaml) tell where a capital is a place ("в Москве") rather than its
government, and which role phrases name the holder of an office ("президент России").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from importlib import resources

import yaml

from dyads.kb.base import AliasEntry, KnowledgeBase
from dyads.kb.normalize import normalize_name, normalize_token, tokenize
from dyads.types import Actor

_ARABIC = re.compile(r"[\u0600-\u06ff]")
# Arabic proclitics (wa-, fa-, bi-, li-, ka- and their pairs), longest first; bi- ("in") makes a place.
_PROCLITICS = tuple(sorted((c + p for c in ("", "\u0648", "\u0641") for p in ("", "\u0628", "\u0644", "\u0643")
                            if c + p), key=len, reverse=True))
_BI = ("\u0628", "\u0648\u0628", "\u0641\u0628")
# French elision: "l'Iran", "d'Iran", "qu'Israël" are the name after the apostrophe.
_ELISION = re.compile(r"(?i)^(?:l|d|qu|lorsqu|puisqu|jusqu|s|n|c|j|m|t)['’](?=\w)")
_SECTOR = "sector:"
#: The confidence of these links, below the English linker's 0.95: no parse or NER backs them.
FOREIGN_CONFIDENCE = 0.9


@dataclass
class ForeignToken:
    """A word of the text, its normal form and its character span."""

    text: str
    norm: str
    start: int
    end: int
    place_clitic: bool = False  # an Arabic word read without a fused bi- ("in")

    @property
    def proper(self) -> bool:
        """Written as a name: capitalised, or in a script without case (Arabic, Persian)."""
        return self.text[:1].isupper() or not self.text[:1].islower()


@dataclass
class ForeignLink:
    """A linked span of tokens."""

    start_token: int
    end_token: int
    actor_id: str
    code: str | None
    kind: str


@dataclass
class LanguageWords:
    """One language's locative words, role joiners and role phrases, in normal form."""

    locatives: frozenset[str]
    joiners: frozenset[str]
    roles: dict[tuple[str, ...], str]  # phrase -> role title, or "sector:" and a CAMEO sector for a group noun

    @cached_property
    def role_words(self) -> frozenset[str]:
        """First words of the role phrases."""
        return frozenset(key[0] for key in self.roles)


def load_language_words() -> dict[str, LanguageWords]:
    """The bundled word lists of every language (kb/data/intl_words.yaml)."""
    data = yaml.safe_load((resources.files("dyads.kb") / "data" / "intl_words.yaml").read_text(encoding="utf-8"))
    words = {}
    for language, entry in data.items():
        roles = {normalize_name(phrase): title for title, phrases in entry["roles"].items() for phrase in phrases}
        groups = entry.get("groups") or {}
        roles.update({normalize_name(noun): f"{_SECTOR}{sector}" for sector, nouns in groups.items() for noun in nouns})
        words[language] = LanguageWords(
            locatives=frozenset(normalize_token(w) for w in entry["locatives"]),
            joiners=frozenset(normalize_token(w) for w in entry["joiners"]),
            roles={k: v for k, v in roles.items() if k})
    return words


class ForeignLinker:
    """Alias-index linking for one knowledge base in documents of other languages."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @cached_property
    def words(self) -> dict[str, LanguageWords]:
        """Word lists by language, read on the first foreign document."""
        return load_language_words()

    def tokens(self, text: str, language: str, words: LanguageWords) -> list[ForeignToken]:
        """The text's words in normal form; French elided articles are split off ("l'Iran"), and
        Arabic proclitics where the word is no name but the rest is (وبوتين, بموسكو, بوزير)."""
        found = []
        for word, start, end in tokenize(text):
            elided = _ELISION.match(word) if language == "fr" else None
            if elided:
                word, start = word[elided.end():], start + elided.end()
            token = ForeignToken(word, normalize_token(word), start, end)
            if _ARABIC.search(word) and not self._known(token.norm, words):
                for clitic in _PROCLITICS:
                    rest = word[len(clitic):]
                    if word.startswith(clitic) and len(rest) >= 3 and self._known(bare := normalize_token(rest), words):
                        token.norm, token.place_clitic = bare, clitic in _BI
                        break
            found.append(token)
        return found

    def _known(self, norm: str, words: LanguageWords) -> bool:
        return norm in self.kb.foreign_lengths or norm in self.kb.alias_lengths or norm in words.role_words \
            or (norm,) in self.kb.foreign_demonyms

    def link(self, text: str, language: str, day_at) -> list[tuple[ForeignToken, ForeignToken, ForeignLink]]:
        """Linked spans of ``text`` as (first token, last token, link); ``day_at(offset)`` is the
        day a sentence speaks of, for roles and people's codes."""
        words = self.words.get(language) or self.words["ar" if _ARABIC.search(text[:500]) else "fr"]
        tokens = self.tokens(text, language, words)
        links: list[ForeignLink] = []
        named: set[str] = set()  # people named so far, for their surnames
        i = 0
        while i < len(tokens):
            found = self._name_at(tokens, i, words) or self._surname_at(tokens, i, named, day_at)
            if found is None:
                i += 1
                continue
            links.append(found)
            if self.kb.actors[found.actor_id].type == "person":
                named.add(found.actor_id)
            i = found.end_token
        links = self._roles(tokens, links, words, day_at)
        return [(tokens[link.start_token], tokens[link.end_token - 1], link) for link in links]

    def _name_at(self, tokens: list[ForeignToken], i: int, words: LanguageWords) -> ForeignLink | None:
        """The longest name or demonym starting at token ``i``."""
        first = tokens[i].norm
        sizes = sorted({*self.kb.foreign_lengths.get(first, ()), *self.kb.alias_lengths.get(first, ())}, reverse=True)
        for size in sizes:
            span = tokens[i:i + size]
            if len(span) < size:
                continue
            key = tuple(t.norm for t in span)
            entries = [*self.kb.foreign_aliases.get(key, ()), *self.kb.aliases.get(key, ())]
            if not span[0].proper:  # "хуситы", "les talibans": names written in lowercase only
                entries = [e for e in entries if e.lowercase]
            if not all(t.text.isupper() for t in span):
                entries = [e for e in entries if not e.acronym]
            place = span[0].place_clitic or (i > 0 and tokens[i - 1].norm in words.locatives)
            if not place:  # a city is named as a place only after a locative word ("в Москве")
                entries = [e for e in entries if self.kb.actors[e.actor_id].type != "location"]
            if entries:
                entry = self._prefer(entries, place)
                return ForeignLink(i, i + size, entry.actor_id, entry.code, entry.kind)
        for size in (2, 1):
            key = tuple(t.norm for t in tokens[i:i + size])
            country = self.kb.foreign_demonyms.get(key) if len(key) == size else None
            if country is not None:
                return ForeignLink(i, i + size, country, country, "demonym")
        return None

    def _surname_at(self, tokens: list[ForeignToken], i: int, named: set[str], day_at) -> ForeignLink | None:
        """A surname on its own ("Лавров", "Лаврову", "ظريف"): a person of that surname named before in
        the document, else the only bearer holding an office on the day (a capitalised word at the
        start of a sentence may be a surname of someone out of office: "Para", "Sur")."""
        token = tokens[i]
        if not token.proper or len(token.norm) < 4:
            return None
        bearers = self.kb.foreign_surnames.get(token.norm) or self.kb.surnames.get(token.norm, [])
        before = [b for b in bearers if b in named]
        serving = [b for b in bearers if any(r.holds_on(day_at(token.start)) for r in self.kb.actors[b].roles)]
        chosen = before or serving
        if len(chosen) != 1:
            return None
        return ForeignLink(i, i + 1, chosen[0], None, "surname")

    def _prefer(self, entries: list[AliasEntry], place: bool) -> AliasEntry:
        """People, then states and organisations, then places; after a locative word a state by its
        own name, else a place: a capital there is the city, elsewhere its government ("Москва заявила")."""
        rank = {"person": 0, "organization": 1, "group": 1, "state": 2, "location": 3}

        def order(entry: AliasEntry) -> int:
            kind = self.kb.actors[entry.actor_id].type
            if place:
                # a state's own name is the state after a locative word too ("a Venezuela", not a town
                # of that name in Cuba); its capital ("в Москве") is the city
                if kind == "state" and entry.kind in ("name", "alias"):
                    return -1
                return 0 if kind == "location" else 5
            return rank[kind]

        return min(entries, key=order)

    def _roles(self, tokens: list[ForeignToken], links: list[ForeignLink], words: LanguageWords,
               day_at) -> list[ForeignLink]:
        """Role phrases with their country ("президент России", "le président russe", "وزير الخارجية
        الإيراني", "وزیر امور خارجه ایران"): the holder of the role on the day, unless a name follows
        (then the name is the person and the country stays a state)."""
        by_start = {link.start_token: link for link in links}
        by_end = {link.end_token: link for link in links}
        taken = {k for link in links for k in range(link.start_token, link.end_token)}
        max_size = max((len(k) for k in words.roles), default=0)
        result = list(links)
        i = 0
        while i < len(tokens):
            role = next(((size, words.roles[key]) for size in range(max_size, 0, -1)
                         if len(key := tuple(t.norm for t in tokens[i:i + size])) == size and key in words.roles
                         and not any(k in taken for k in range(i, i + size))), None)
            split = None if role is not None else self._split_role(tokens, i, by_start, words)
            if split is not None:  # "le ministre iranien des Affaires étrangères"
                country_link, title, end = split
                found = self._office(title, country_link, i, end, day_at(tokens[i].start))
                if found is not None and not self._named(by_start.get(end)):
                    result = [link for link in result if link is not country_link] + [found]
                i = end
                continue
            if role is None:
                i += 1
                continue
            size, title = role
            end = i + size
            while end < len(tokens) and tokens[end].norm in words.joiners:
                end += 1
            country_link = by_start.get(end)
            if country_link is None or not self._is_country(country_link):
                country_link = by_end.get(i)  # "российский президент", "le président russe" is after
                if country_link is None or not self._is_country(country_link):
                    i += size
                    continue
                span_start, span_end = country_link.start_token, end
            else:
                span_start, span_end = i, country_link.end_token
            if self._named(by_start.get(span_end)):
                i = span_end
                continue
            found = self._office(title, country_link, span_start, span_end, day_at(tokens[i].start))
            if found is not None:
                result = [link for link in result if link is not country_link] + [found]
            i = span_end
        return sorted(result, key=lambda link: link.start_token)

    def _split_role(self, tokens: list[ForeignToken], i: int, by_start: dict[int, ForeignLink],
                    words: LanguageWords) -> tuple[ForeignLink, str, int] | None:
        """A role whose first word is followed by the country's adjective before the rest of the
        role ("ministre iranien des Affaires étrangères", "ministro ruso de Defensa"): the country's
        link, the title and the end of the phrase."""
        link = by_start.get(i + 1)
        if link is None or link.kind != "demonym" or tokens[i].norm not in words.role_words:
            return None
        rest = tuple(t.norm for t in tokens[link.end_token:link.end_token + 6])
        for key, title in words.roles.items():
            if len(key) > 1 and key[0] == tokens[i].norm and rest[:len(key) - 1] == key[1:]:
                return link, title, link.end_token + len(key) - 1
        return None

    def _office(self, title: str, country_link: ForeignLink, start: int, end: int, day: str | None
                ) -> ForeignLink | None:
        """The link of a role phrase (its holder on ``day``) or a group noun (the state with the
        sector) with its country, spanning tokens ``start`` to ``end``."""
        country = country_link.actor_id
        if title.startswith(_SECTOR):
            return ForeignLink(start, end, country, f"{country}{title.removeprefix(_SECTOR)}", "group")
        holder = self._holder(title, country, day)
        return None if holder is None else ForeignLink(start, end, holder.actor_id, None, "role")

    def _named(self, link: ForeignLink | None) -> bool:
        return link is not None and self.kb.actors[link.actor_id].type == "person"

    def _is_country(self, link: ForeignLink) -> bool:
        return self.kb.actors[link.actor_id].type == "state" and link.kind != "metonym"

    def _holder(self, title: str, country: str, day: str | None) -> Actor | None:
        holders = self.kb.holders(title, country, day)
        return holders[0] if len(holders) == 1 else None

