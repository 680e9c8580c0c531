"""Name normalisation that makes spelling and transliteration variants meet.

Both knowledge-base aliases and text tokens go through ``normalize_token`` so that
"Ebrahim" and "Ibrahim", "Rohani" and "Rouhani", "al-Assad" and "el-Assad" compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Whole-token equivalences seen in transliterations of Arabic, Persian and Russian names.
# Each variant maps to one canonical spelling; the table is ours, built from common news usage.
_TOKEN_EQUIVALENTS = {
    "ebrahim": "ibrahim", "ebrahimi": "ibrahimi",
    "mohammed": "mohammad", "muhammad": "mohammad", "muhammed": "mohammad", "mohamed": "mohammad",
    "mohamad": "mohammad", "mehmet": "mohammad", "mohammadreza": "mohammad reza",
    "rohani": "rouhani", "rowhani": "rouhani", "rouhani": "rouhani",
    "hassan": "hasan", "hussein": "husayn", "hossein": "husayn", "husain": "husayn", "hosein": "husayn",
    "husayn": "husayn", "houssein": "husayn",
    "raeisi": "raisi", "raeesi": "raisi",
    "khamenei": "khamenei", "khamanei": "khamenei", "khamene'i": "khamenei",
    "khomeini": "khomeini", "khomeyni": "khomeini",
    "el": "al", "ul": "al", "ad": "al", "an": "an", "ar": "ar", "as": "as",
    "abdollahian": "abdollahian", "abdullahian": "abdollahian",
    "abdullah": "abdallah", "abdallah": "abdallah", "abdollah": "abdallah",
    "zelenskyy": "zelensky", "zelenskiy": "zelensky", "zelenskyi": "zelensky", "zelenskii": "zelensky",
    "sergey": "sergei", "sergej": "sergei", "andrey": "andrei", "alexey": "alexei", "aleksei": "alexei",
    "aleksey": "alexei", "yuri": "yury", "yuriy": "yury", "dmitry": "dmitri", "dmitriy": "dmitri",
    "nikolay": "nikolai", "valeriy": "valery", "valerii": "valery", "mikhail": "mikhail",
    "shoygu": "shoigu", "lavrov": "lavrov", "erdoğan": "erdogan", "qalibaf": "ghalibaf",
    "araqchi": "araghchi", "zarif": "zarif", "ghasem": "qasem", "qassem": "qasem", "kassem": "qasem",
    "soleimani": "soleimani", "suleimani": "soleimani", "sulaimani": "soleimani",
    "qatar": "qatar", "gaddafi": "qaddafi", "qadhafi": "qaddafi", "kadhafi": "qaddafi",
    "netanyahu": "netanyahu", "nasrallah": "nasrallah", "nasrullah": "nasrallah",
    "mashad": "mashhad", "meshed": "mashhad",
}
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?", re.UNICODE)


@lru_cache(maxsize=200_000)
def normalize_token(token: str) -> str:
    """Lowercase, strip diacritics and possessives, fold transliteration variants."""
    token = token.translate(_APOSTROPHES).lower()
    if token.endswith("'s"):
        token = token[:-2]
    token = token.replace("'", "")
    decomposed = unicodedata.normalize("NFKD", token)
    token = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    token = token.replace("ı", "i")
    if token.endswith("off") and len(token) > 5:  # Russian -ov rendered -off (Smirnoff)
        token = token[:-3] + "ov"
    return _TOKEN_EQUIVALENTS.get(token, token)


# German and French spellings of names that English writes otherwise, as ordered rewrites to the
# English convention: German "ch" is English "kh" (Chamenei), "sch" "sh", "tsch" "ch", "j" "y"
# (Netanjahu, Selenskyj), "w" "v" (Lawrow), an initial "s" before a vowel "z" (Selenskyj);
# French "ch" is "sh" (Choïgou), "tch" "ch", "ou" "u" (Poutine, Nétanyahou), "gu" before e/i "g"
# (Sergueï), a doubled "s" between vowels "s" (Raïssi), and a silent final "e" after a consonant
# (Poutine). One table per language rather than an alias per name: wires and translations
# bring these spellings to English text for every person, not only for those the base lists.
_GERMAN = re.compile(r"tsch|sch|ch|ck|j|w|^s(?=[aeiouy])")
_GERMAN_MAP = {"tsch": "ch", "sch": "sh", "ch": "kh", "ck": "k", "j": "y", "w": "v", "s": "z"}
_FRENCH = re.compile(r"tch|ch|ou|gu(?=[ei])|(?<=[aeiouy])ss(?=[aeiouy])|(?<=[^aeiouy])e$")
_FRENCH_MAP = {"tch": "ch", "ch": "sh", "ou": "u", "gu": "g", "ss": "s", "e": ""}


@lru_cache(maxsize=50_000)
def foreign_readings(token: str) -> tuple[str, ...]:
    """The English-convention spellings of ``token`` read as German and as French, normalised
    (``Netanjahu`` -> ``netanyahu``, ``Poutine`` -> ``putin``); readings equal to the token's own
    normalisation are left out."""
    own = normalize_token(token)
    base = own.replace("'", "")
    readings = []
    for pattern, table in ((_GERMAN, _GERMAN_MAP), (_FRENCH, _FRENCH_MAP)):
        reading = normalize_token(pattern.sub(lambda m, t=table: t[m.group(0)], base))
        if reading and reading != own and reading not in readings:
            readings.append(reading)
    return tuple(readings)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` as (token, start, end); hyphens and punctuation split words."""
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text.translate(_APOSTROPHES))]


def normalize_name(name: str) -> tuple[str, ...]:
    """The normalised token sequence of a name or alias."""
    return tuple(
        part for token, _s, _e in tokenize(name) for part in normalize_token(token).split() if part
    )
