"""Name normalisation that makes spelling and transliteration variants meet.

Both knowledge-base aliases and text tokens go through ``normalize_token`` so that
"Ebrahim" and "Ibrahim", "Rohani" and "Rouhani", "al-Assad" and "el-Assad" compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from dyads.letters import fold_arabic_letters

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
# Arabic-script marks inside a word: harakat and Quranic marks (combining, so no word characters to
# the regex), tatweel, and the zero-width non-joiner Persian writes inside words (می‌خواهد).
_ARABIC_MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200c"
_TOKEN = re.compile(rf"[^\W_](?:[^\W_]|[{_ARABIC_MARKS}])*(?:'[^\W_]+)?", re.UNICODE)
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
#: The Arabic definite article and the proclitics fused with it (wa-, bi-, fa-, ka-; li- + al- is "ll"):
#: stripped from every word of three letters or more after it, in aliases and text alike, so الرئيس,
#: والرئيس and رئيس meet. A bare proclitic without the article (وبوتين) is ambiguous with a word's
#: own first letter (وزير) and is tried only by the linker against the alias index.
_ARABIC_ARTICLE = re.compile("^(?:[\u0648\u0641]?[\u0628\u0643]?\u0627\u0644|[\u0648\u0641]?\u0644\u0644)"
                             "(?=..)")


@lru_cache(maxsize=1)
def russian_morphology():
    """pymorphy3's Russian analyser, loaded on the first Cyrillic word (about 0.2 s)."""
    # pymorphy3's OpenCorpora dictionary rather than our own suffix rules: Russian names and places
    # decline in six cases with stem changes (Москва/Москве, Путин/Путиным, Россия/России) that a
    # suffix list gets wrong in both directions.
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=100_000)
def russian_lemma(token: str) -> str:
    """The dictionary form of a lowercase Russian word (России -> россия, Путиным -> путин): the
    first analysis that is a name, a place or a surname, else the most probable one; unknown words
    are kept as written."""
    parses = russian_morphology().parse(token)
    if not parses:
        return token
    named = [p for p in parses if {"Geox", "Surn", "Name", "Orgn"} & set(p.tag.grammemes)]
    return (named or parses)[0].normal_form.replace("ё", "е")


@lru_cache(maxsize=200_000)
def normalize_token(token: str) -> str:
    """Lowercase, strip diacritics and possessives, fold transliteration variants."""
    token = token.translate(_APOSTROPHES).lower()
    if token.endswith("'s"):
        token = token[:-2]
    token = token.replace("'", "")
    if _CYRILLIC_LETTER.search(token):  # before NFKD, which would split й and ё
        return russian_lemma(token)
    decomposed = unicodedata.normalize("NFKD", token)
    token = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    token = token.replace("ı", "i")
    if _ARABIC_LETTER.search(token):
        return _ARABIC_ARTICLE.sub("", fold_arabic_letters(token))
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
