"""Language identification with py3langid (its model ships inside the wheel), and language tags."""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# A language tag as inputs write it: "ru", "RU", "ru-RU", "pt_BR", or a three-letter code where
# ISO 639-1 has none.
_TAG = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


#: The languages dyads reads natively (names, time words, event coders).
NATIVE_LANGUAGES = ("en", "ru", "fr", "es", "ar", "fa")
#: Below this probability the identifier is unsure, and the likeliest native language wins: on one short
#: sentence it took "Blinken met Wang Yi in Geneva." for Dutch (0.29) and 5 of 102 short Russian gold
#: sentences for Bulgarian or Macedonian (0.30 to 0.70), while Ukrainian, Bulgarian, German or Turkish
#: sentences of our own came out at 0.97 to 1.0.
SURE = 0.9


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """py3langid's model restricted to its languages with an ISO 639-1 code.

    Its other classes (Nigerian Pidgin, Bikol, Egyptian and Moroccan Arabic, Cantonese...) took
    short English news sentences naming African or Asian places for Pidgin or Bikol (9 of the 720
    sentences of benchmarks/data/events_gold.jsonl; none once restricted), and a dialect is stored
    as its language (ar, zh) as ISO 639-1 codes are.
    """
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(sorted({code for code in identifier.nb_classes if len(code) == 2}))
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for too little text; where the identifier is
    unsure (a short sentence), the likeliest of ``NATIVE_LANGUAGES``."""
    sample = text[:2000]  # plenty for a language; identification time grows with the sample
    if sum(map(str.isalpha, sample)) < 20:
        return None
    ranked = _identifier().rank(sample)
    language, probability = ranked[0]
    if probability >= SURE:
        return language
    scores = dict(ranked)
    return max(NATIVE_LANGUAGES, key=lambda code: scores.get(code, 0.0))


def language_code(tag: str) -> str:
    """The language code of a tag as inputs write it ("RU", "ru-RU", "pt_BR" -> "ru", "ru", "pt").

    Raises ValueError for a value that is no language tag.
    """
    match = _TAG.fullmatch(tag.strip())
    if match is None:
        raise ValueError(f"{tag[:20]!r} is not a language code such as 'ru' or 'ar'")
    return match.group(1).lower()
