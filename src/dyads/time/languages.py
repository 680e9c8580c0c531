"""Time words of languages other than English, for the time stage's finder.

Month and weekday names come from CLDR through babel (every locale, in the format and
stand-alone forms, wide and abbreviated); `languages/<code>.yaml` adds the forms CLDR lacks
(Russian prepositional months, Levantine Arabic months, Solar Hijri months in Persian) and the
words no library lists for us: yesterday/today/tomorrow, last/this/next week, "N days ago", "in
N days". dateparser reads such words too, but resolves them against the clock; the finder
resolves them against the publication date only, so it needs the words, not dateparser's result.
A language is added by adding its file; the code does not change.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from babel.core import UnknownLocaleError
from babel.dates import get_day_names, get_month_names

from dyads.letters import fold_arabic_letters

_ARABIC_CLASS = {"ا": "[اأإآٱ]", "أ": "[اأإآٱ]", "إ": "[اأإآٱ]", "آ": "[اأإآٱ]", "ي": "[يىی]", "ى": "[يىی]",
                 "ی": "[يىی]", "ك": "[كک]", "ک": "[كک]", "ة": "[ةه]", "ه": "[ةه]", "\u200c": "[\u200c ]?"}
#: The order in which a language's templates claim text: full dates first, bare words last.
_KIND_ORDER = ("solar_day_month_year", "day_month_year", "month_year", "ago", "in_n", "shift", "weekday",
               "day_month", "word")
_WORD_START = r"(?<!\w)"
_WORD_END = r"(?!\w)"


def fold(text: str) -> str:
    """A word's lookup key: lower case, no diacritics, Arabic-script variants and spacing folded."""
    text = unicodedata.normalize("NFC", fold_arabic_letters(text.lower(), joiner=" "))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")  # harakat, tanween
    return " ".join(text.replace("’", "'").split())


def _alternation(words) -> str:
    """A regular expression matching any of the words, in any of their written variants, longest first."""
    parts = []
    for word in sorted(set(words), key=len, reverse=True):
        parts.append("".join(_ARABIC_CLASS.get(ch) or (r"\s+" if ch == " " else re.escape(ch)) for ch in word))
    return "|".join(parts)


@dataclass(frozen=True)
class TimeLanguage:
    """One language's time words (lookup keys folded) and its compiled patterns, in claiming order."""

    code: str
    months: dict[str, int]
    solar_months: dict[str, int]
    weekdays: dict[str, int]  # Monday = 0
    days: dict[str, int]  # day offset from the publication day
    shifts: dict[str, tuple[str, int]]  # phrase -> (unit, offset)
    numbers: dict[str, int]
    units: dict[str, str]
    next_words: frozenset[str]  # the words that point a weekday forward ("prochain"); others point back
    patterns: tuple[tuple[str, re.Pattern[str]], ...]

    def number(self, text: str) -> int:
        """A count written in digits or in words."""
        return int(text) if text.isdigit() else self.numbers.get(fold(text), 1)


def _cldr_names(code: str) -> tuple[dict[str, int], dict[str, int]]:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    try:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                months.update({name.rstrip("."): number for number, name in get_month_names(width, context,
                                                                                              code).items()})
                weekdays.update({name.rstrip("."): number for number, name in get_day_names("wide", context,
                                                                                             code).items()})
    except UnknownLocaleError:
        pass
    return ({name: number for name, number in months.items() if len(fold(name)) >= 3},
            {name: number for name, number in weekdays.items() if len(fold(name)) >= 3})


@cache
def time_language(code: str | None) -> TimeLanguage | None:
    """The time words of a language (ISO 639-1), or None where dyads has none (English is built in)."""
    if not code or not re.fullmatch(r"[a-z]{2,3}", code):
        return None
    entry = resources.files("dyads.time") / "languages" / f"{code}.yaml"
    if not entry.is_file():
        return None
    data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    months, weekdays = _cldr_names(code)
    months.update(data.get("months") or {})
    weekdays.update(data.get("weekdays") or {})
    solar_months = data.get("solar_months") or {}
    shifts = {phrase: (str(unit), int(offset)) for phrase, (unit, offset) in (data.get("shifts") or {}).items()}
    numbers, units, days = data.get("numbers") or {}, data.get("units") or {}, data.get("days") or {}
    groups = {
        "day": r"(?P<day>[0-3]?\d)",
        "year": r"(?P<year>1[3489]\d\d|20\d\d)",
        "month": f"(?P<month>{_alternation(months)})",
        "solar_month": f"(?P<pmonth>{_alternation(solar_months)})" if solar_months else "(?!)",
        "weekday": f"(?P<weekday>{_alternation(weekdays)})",
        "n": rf"(?P<n>\d+|{_alternation(numbers)})" if numbers else r"(?P<n>\d+)",
        "unit": f"(?P<unit>{_alternation(units)})",
        "last": f"(?:{_alternation(data.get('last') or ['(?!)'])})",
        "next": f"(?:{_alternation(data.get('next') or ['(?!)'])})",
    }
    templates = dict(data.get("templates") or {})
    templates["shift"] = [f"(?P<shift>{_alternation(shifts)})"] if shifts else []
    templates["word"] = [f"(?P<word>{_alternation(days)})"] if days else []
    # Arabic writes the conjunctions و and ف onto the next word
    start = r"(?:(?<!\w)|(?<=(?<!\w)[وف]))" if code == "ar" else _WORD_START
    patterns = []
    for kind in _KIND_ORDER:
        for template in templates.get(kind) or ():
            body = re.sub(r"\{(\w+)\}", lambda m: groups[m.group(1)], template)
            patterns.append((kind, re.compile(start + body + _WORD_END, re.IGNORECASE)))
    return TimeLanguage(
        code=code,
        months={fold(k): int(v) for k, v in months.items()},
        solar_months={fold(k): int(v) for k, v in solar_months.items()},
        weekdays={fold(k): int(v) for k, v in weekdays.items()},
        days={fold(k): int(v) for k, v in days.items()},
        shifts={fold(k): v for k, v in shifts.items()},
        numbers={fold(k): int(v) for k, v in numbers.items()},
        units={fold(k): str(v) for k, v in units.items()},
        next_words=frozenset(fold(word) for word in data.get("next") or ()),
        patterns=tuple(patterns),
    )
