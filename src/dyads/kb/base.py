"""The knowledge base: actors with aliases, demonyms, metonyms and dated roles.

The bundled data lives in ``dyads/kb/data/*.jsonl`` (one actor per line, format in
``docs/knowledge-base.md``); users add their own files with the same format.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dyads.kb.leaders import LEADERS_DIR, person_records, read_terms
from dyads.kb.normalize import foreign_readings, normalize_name, normalize_token, tokenize
from dyads.types import Actor, Role

if TYPE_CHECKING:
    from dyads.geo.gazetteer import Towns

BUNDLED_FILES = ("states.jsonl", "organizations.jsonl", "people.jsonl", "features.jsonl")
#: Names in Russian, French, Spanish, Arabic and Persian (the format is in docs/knowledge-base.md):
#: states and capitals from CLDR and GeoNames (scripts/build_intl_names.py), and our own table of
#: people, demonyms and common short names.
INTL_FILES = ("intl_states.jsonl", "intl_names.jsonl")
VALID_TYPES = {"person", "state", "organization", "location", "group"}
#: Countries whose people English news calls by the first word of the name: the family name in
#: Chinese and Korean order (Xi Jinping, Moon Jae-in, Tsai Ing-wen), the given name in Ethiopian
#: and Eritrean naming (Abiy Ahmed). Elsewhere the last word is the surname.
FIRST_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "ETH", "ERI"})
_NAME_SUFFIXES = frozenset({"senior", "junior", "sr", "jr", "ii", "iii", "iv", "v"})


def surname_of(tokens: tuple[str, ...], country: str | None) -> str | None:
    """The word a person's normalised name is shortened to in news ("Raisi", "Xi", "Abiy"), or None
    when it is too short to tell from ordinary words."""
    if "of" in tokens:  # "Abdullah II of Jordan" is not called "Jordan"
        return None
    while tokens and tokens[-1] in _NAME_SUFFIXES:  # "George Bush Senior" is Bush, not "Senior"
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    if country in FIRST_NAME_FIRST:
        return tokens[0] if len(tokens[0]) >= 2 else None
    return tokens[-1] if len(tokens[-1]) >= 4 else None


class KnowledgeBaseError(ValueError):
    """A knowledge-base record that does not follow the documented format."""


@dataclass(frozen=True)
class AliasEntry:
    """What a normalised alias points to, and how it was written in the base."""

    actor_id: str
    code: str | None
    kind: str  # name, alias, demonym, metonym
    acronym: bool = False  # "WHO", "US": matches only when written in capitals
    lowercase: bool = False  # a name of another language written in lowercase (хуситы, talibans): matches so


class ActorTable(dict):
    """Actors by id; a town of the gazetteer becomes an entry the first time it is asked for."""

    def __init__(self, towns: Towns | None = None):
        super().__init__()
        self.towns = towns

    def __missing__(self, actor_id: str) -> Actor:
        row = self.towns.row_of(actor_id) if self.towns is not None else None
        if row is None:
            raise KeyError(actor_id)
        actor = self[actor_id] = self.towns.actor(row)
        return actor

    def __contains__(self, actor_id: object) -> bool:
        return super().__contains__(actor_id) or (
            isinstance(actor_id, str) and self.towns is not None and self.towns.row_of(actor_id) is not None)

    def get(self, actor_id: str, default: Actor | None = None) -> Actor | None:  # type: ignore[override]
        """The actor with this id, or ``default``."""
        try:
            return self[actor_id]
        except KeyError:
            return default


@dataclass
class KnowledgeBase:
    """Actors by id plus an index from normalised alias token tuples to actors."""

    actors: ActorTable = field(default_factory=ActorTable)
    aliases: dict[tuple[str, ...], list[AliasEntry]] = field(default_factory=dict)
    demonyms: dict[tuple[str, ...], str] = field(default_factory=dict)  # -> country actor id
    surnames: dict[str, list[str]] = field(default_factory=dict)  # person surname -> actor ids
    #: every normalised word of a person's name or alias, for reading foreign spellings
    name_words: set[str] = field(default_factory=set)
    max_alias_tokens: int = 1
    #: first alias token -> the token lengths of aliases starting with it, longest first
    alias_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: people living in the gazetteer's cities and regions (a region: in its towns), to weigh places of one name
    populations: dict[str, int] = field(default_factory=dict, repr=False)
    #: names in other languages than English, matched only in documents of another language: apart
    #: from ``aliases`` because a French or Spanish name may be an English word ("Dominique", "Maurice")
    foreign_aliases: dict[tuple[str, ...], list[AliasEntry]] = field(default_factory=dict)
    foreign_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
    foreign_demonyms: dict[tuple[str, ...], str] = field(default_factory=dict)
    foreign_surnames: dict[str, list[str]] = field(default_factory=dict)  # as ``surnames``
    capitals: dict[str, str] = field(default_factory=dict)  # state id -> the capital's English name
    _holders: dict[tuple[str, str | None], list[str]] | None = field(default=None, repr=False)

    def add(self, record: dict) -> Actor:
        """Add one actor record (the documented JSONL format) to the base."""
        actor = actor_from_record(record)
        self._holders = None
        self.actors[actor.actor_id] = actor
        country_code = actor.codes[0] if actor.codes else actor.country
        for alias in (actor.name, *actor.aliases):
            self._index(alias, AliasEntry(actor.actor_id, country_code, "name" if alias == actor.name else "alias"))
        if actor.type == "state":
            gov_code = f"{actor.actor_id}GOV"
            if record.get("capital"):
                self.capitals[actor.actor_id] = str(record["capital"])
            for alias in record.get("gov_aliases") or ():
                self._index(alias, AliasEntry(actor.actor_id, gov_code, "metonym"))
            for demonym in record.get("demonyms") or ():
                key = normalize_name(demonym)
                if key:
                    self.demonyms.setdefault(key, actor.actor_id)
        if actor.type == "person":
            for alias in (actor.name, *actor.aliases):
                tokens = normalize_name(alias)
                self.name_words.update(tokens)
                surname = surname_of(tokens, actor.country)
                if surname is not None:
                    ids = self.surnames.setdefault(surname, [])
                    if actor.actor_id not in ids:
                        ids.append(actor.actor_id)
        return actor

    def add_names(self, record: dict, origin: str = "") -> None:
        """Add one record of names in other languages: ``{"actor_id", "names": {lang: [...]},
        "demonyms": {lang: [...]}, "capital": {lang: [...]}}`` for an actor already in the base. A
        capital's names name both the city (the most populous place of the capital's English name in
        that country) and, as a metonym, the state's government."""
        actor = self.actors.get(str(record.get("actor_id")))
        if actor is None:
            raise KnowledgeBaseError(f"{origin}: names for unknown actor {record.get('actor_id')!r}")
        code = actor.codes[0] if actor.codes else actor.country
        for names in (record.get("names") or {}).values():
            for name in names:
                self._index(name, AliasEntry(actor.actor_id, code, "alias"), foreign=True)
                surname = surname_of(normalize_name(name), actor.country) if actor.type == "person" else None
                if surname is not None and actor.actor_id not in self.foreign_surnames.setdefault(surname, []):
                    self.foreign_surnames[surname].append(actor.actor_id)
        for names in (record.get("demonyms") or {}).values():
            for name in names:
                key = normalize_name(name)
                if key:
                    self.foreign_demonyms.setdefault(key, actor.actor_id)
        capital_names = [n for names in (record.get("capital") or {}).values() for n in names]
        if not capital_names:
            return
        cities = [e for e in self.aliases.get(normalize_name(self.capitals.get(actor.actor_id, "")), ())
                  if self.actors[e.actor_id].type == "location" and self.actors[e.actor_id].country == actor.actor_id]
        city = max(cities, key=lambda e: self.populations.get(e.actor_id, 0), default=None)
        for name in capital_names:
            self._index(name, AliasEntry(actor.actor_id, f"{actor.actor_id}GOV", "metonym"), foreign=True)
            if city is not None:
                self._index(name, city, foreign=True)

    def _index(self, alias: str, entry: AliasEntry, foreign: bool = False) -> None:
        key = normalize_name(alias)
        if not key:
            return
        letters = alias.replace(".", "").replace(" ", "")
        if letters.isalpha() and letters.isupper() and len(letters) <= 6:
            entry = AliasEntry(entry.actor_id, entry.code, entry.kind, acronym=True)
        if foreign and alias[:1].islower():
            entry = AliasEntry(entry.actor_id, entry.code, entry.kind, entry.acronym, lowercase=True)
        index, lengths_of = (self.foreign_aliases, self.foreign_lengths) if foreign else \
            (self.aliases, self.alias_lengths)
        entries = index.setdefault(key, [])
        if all(e.actor_id != entry.actor_id or e.code != entry.code for e in entries):
            entries.append(entry)
        self.max_alias_tokens = max(self.max_alias_tokens, len(key))
        lengths = lengths_of.get(key[0], ())
        if len(key) not in lengths:
            lengths_of[key[0]] = tuple(sorted({*lengths, len(key)}, reverse=True))

    def lookup(self, name: str) -> list[Actor]:
        """Actors whose name or alias normalises like ``name`` (variant spellings included)."""
        key = normalize_name(name)
        if key not in self.aliases and not (len(key) == 1 and key[0] in self.surnames):
            # a German or French spelling ("Netanjahu", "Wladimir Poutine"): words read by rule
            key = tuple(next((r for r in foreign_readings(t) if r in self.name_words), normalize_token(t))
                        for t, _s, _e in tokenize(name)) or key
        found = [self.actors[e.actor_id] for e in self.aliases.get(key, [])]
        if not found and len(key) == 1:
            found = [self.actors[a] for a in self.surnames.get(key[0], [])]
        if not found and key in self.demonyms:
            found = [self.actors[self.demonyms[key]]]
        if not found and self.towns is not None:
            found = [self.actors[f"geo:{self.towns.ids[row]}"] for row in self.towns.find(name)]
        return list(dict.fromkeys(found))

    @property
    def towns(self) -> Towns | None:
        """The gazetteer's small towns, looked up apart from the alias index (see ``dyads.geo.gazetteer``)."""
        return self.actors.towns

    def holders(self, title: str, country: str | None, day: str | None) -> list[Actor]:
        """People holding ``title`` in ``country`` on ISO ``day``."""
        if self._holders is None:  # index built on first use, after every actor was added
            self._holders = {}
            for actor in self.actors.values():
                for role in actor.roles:
                    ids = self._holders.setdefault((role.title, role.country), [])
                    if actor.actor_id not in ids:
                        ids.append(actor.actor_id)
        candidates = (self.actors[a] for a in self._holders.get((title, country), ()))
        return [a for a in candidates if any(r.title == title and r.country == country and r.holds_on(day)
                                             for r in a.roles)]


def code_on(actor: Actor, day: str | None) -> str | None:
    """The actor's CAMEO code on ``day``: country plus the sector of a role held then."""
    for role in actor.roles:
        if role.holds_on(day) and role.country and role.sector and len(role.country) == 3:
            return f"{role.country}{role.sector}"
    return actor.code


def actor_from_record(record: dict) -> Actor:
    """Validate one JSONL record and build the ``Actor``."""
    try:
        actor_id = str(record["actor_id"])
        name = str(record["name"])
        actor_type = record["type"]
    except KeyError as exc:
        raise KnowledgeBaseError(f"missing field {exc.args[0]!r}") from exc
    if actor_type not in VALID_TYPES:
        raise KnowledgeBaseError(f"actor {actor_id}: unknown type {actor_type!r}")
    roles = tuple(
        Role(
            title=str(r["title"]),
            country=r.get("country"),
            sector=r.get("sector"),
            start=r.get("start"),
            end=r.get("end"),
        )
        for r in record.get("roles") or ()
    )
    return Actor(
        actor_id=actor_id,
        name=name,
        type=actor_type,
        country=record.get("country"),
        codes=tuple(record.get("codes") or ()),
        aliases=tuple(record.get("aliases") or ()),
        wikidata=record.get("wikidata"),
        roles=roles,
        lat=record.get("lat"),
        lon=record.get("lon"),
    )


def iter_records(lines: Iterable[str], origin: str) -> Iterator[dict]:
    """Parse JSONL actor records, naming the file and line of any broken one."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(f"{origin}:{number}: broken JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise KnowledgeBaseError(f"{origin}:{number}: not a JSON object")
        yield record


def load_knowledge_base(extra_files: Iterable[str | Path] = (), extra_records: Iterable[dict] = (),
                        with_cities: bool = True) -> KnowledgeBase:
    """The bundled knowledge base, plus the gazetteer's places, the user's own files and records."""
    kb = KnowledgeBase()
    data = resources.files("dyads.kb") / "data"
    people: list[dict] = []
    for name in BUNDLED_FILES:
        entry = data / name
        if entry.is_file():
            for record in iter_records(entry.read_text(encoding="utf-8").splitlines(), name):
                kb.add(record)
                if record.get("type") == "person":
                    people.append(record)
    # the dated table of heads of state and government since 1975 (``kb/leaders.py``): its terms
    # extend the people above or add new ones
    for record in person_records(read_terms(data / LEADERS_DIR), people, set(kb.actors)):
        kb.add(record)
    if with_cities:
        from dyads.geo.gazetteer import city_records, read_gazetteer, region_records

        gazetteer = read_gazetteer()
        for record in city_records(gazetteer, set(kb.actors)):
            kb.add(record)
        kb.populations.update((c["actor_id"], c["population"]) for c in gazetteer.cities)
        kb.populations.update((r["actor_id"], r["population"]) for r in gazetteer.regions)

        def holders(key: tuple[str, ...]) -> list[tuple[str | None, int | None]]:
            found = [(kb.actors[e.actor_id].country, kb.populations.get(e.actor_id)) for e in kb.aliases.get(key, ())]
            return found + [(None, None)] * (key in kb.demonyms)  # "German" is no region

        for record, shared in region_records(gazetteer, holders):
            kb.add(record)
            for key in shared:  # places of one name, most populous first ("Arizona": the state, then a city)
                kb.aliases[key].sort(key=lambda e: -kb.populations.get(e.actor_id, 0))
        kb.actors.towns = gazetteer.towns
    for name in INTL_FILES:
        entry = data / name
        if entry.is_file():
            for record in iter_records(entry.read_text(encoding="utf-8").splitlines(), name):
                kb.add_names(record, name)
    for path in extra_files:
        text = Path(path).read_text(encoding="utf-8")
        for record in iter_records(text.splitlines(), str(path)):
            kb.add(record)
    for record in extra_records:
        kb.add(record)
    return kb


def state_wikidata_ids(kb: KnowledgeBase) -> dict[str, str]:
    """Wikidata QID -> ISO alpha-3 for the states of the base."""
    return {a.wikidata: a.actor_id for a in kb.actors.values() if a.type == "state" and a.wikidata}


def search_actors(kb: KnowledgeBase, text: str, limit: int = 10) -> list[tuple[Actor, float]]:
    """Actors whose names or aliases resemble ``text``, best first, scored by ``name_similarity``
    (rapidfuzz's fast scorer picks the candidates among all names and the gazetteer's towns)."""
    from rapidfuzz import fuzz, process

    from dyads.geo.gazetteer import town_key
    from dyads.kb.fuzzy import name_similarity

    query = " ".join(normalize_name(text))
    choices = {" ".join(key): entries[0].actor_id for key, entries in kb.aliases.items()}
    seen: dict[str, float] = {}
    for name, _score, _index in process.extract(query, choices.keys(), scorer=fuzz.token_set_ratio,
                                                 limit=limit * 20):
        score = name_similarity(query, name)
        if score > seen.get(choices[name], 0.0):
            seen[choices[name]] = score
    towns = kb.towns
    if towns is not None:
        key = town_key(text)
        for name, _score, index in process.extract(key, towns.keys, scorer=fuzz.token_set_ratio, limit=limit * 20):
            actor_id = f"geo:{towns.ids[towns.rows[index]]}"
            # compared in the base's normal form (Mashad is Mashhad); a town ranks under a city of its name
            score = name_similarity(query, " ".join(normalize_name(name))) - 1
            if score > seen.get(actor_id, 0.0):
                seen[actor_id] = score
    ranked = sorted(((a, s) for a, s in seen.items() if s > 0), key=lambda item: -item[1])[:limit]
    return [(kb.actors[actor_id], score) for actor_id, score in ranked]
