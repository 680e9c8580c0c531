"""Finding and resolving time expressions in sentences.

dateparser's ``search_dates`` resolves relative words against the clock and misreads
short numbers as dates, so the finder is our own: regular expressions per category
(absolute, partial, relative, weekday, decade, century, named period, Solar and lunar
Hijri), each resolved against the publication date, never against today.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import jdatetime
import yaml
from hijridate import Hijri

from dyads.extract.dates import MAX_YEAR, MIN_YEAR, normalize_digits
from dyads.time.languages import TimeLanguage, fold, time_language
from dyads.types import Precision

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a couple of": 2, "a few": 3, "several": 3, "eleven": 11,
                "twelve": 12}
HIJRI_MONTHS = {"muharram": 1, "safar": 2, "rabi al-awwal": 3, "rabi i": 3, "rabi al-thani": 4, "rabi ii": 4,
                "jumada al-awwal": 5, "jumada i": 5, "jumada al-thani": 6, "jumada ii": 6, "rajab": 7,
                "shaban": 8, "sha'ban": 8, "ramadan": 9, "shawwal": 10, "dhu al-qadah": 11, "dhul qadah": 11,
                "dhu al-hijjah": 12, "dhul hijjah": 12}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_NUM = r"(?P<n>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_UNIT = r"(?P<unit>day|week|month|year|decade)s?"

SOLAR_MONTHS = {name: i for i, name in enumerate(
    "farvardin ordibehesht khordad tir mordad shahrivar mehr aban azar dey bahman esfand".split(), start=1)}
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

_NARRATIVE = re.compile(
    r"\b(?:"
    r"(?P<same>(?:later |earlier )?that (?:day|night|evening|morning|afternoon)|(?:on )?the same (?:day|night)"
    r"|within (?:hours|minutes)|(?:hours|minutes) later)"
    r"|(?:on )?(?:the )?(?P<which>next|following|previous|preceding) "
    r"(?P<unit>day|week|month|year|morning|evening|night|afternoon)"
    r"|(?P<which2>later|earlier) that (?P<unit2>week|month|year)"
    r"|(?P<nn>\d+|" + _NUMBER_WORD + r") (?P<nunit>day|week|month|year)s? (?P<dir>later|earlier|afterwards?)"
    r"|the day (?P<beforeafter>before|after)(?! yesterday| tomorrow)"
    r")\b",
    re.IGNORECASE,
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")),
    ("ymd", re.compile(r"\b(?P<year>(?:19|20)\d\d)[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})\b")),
    ("solar_hijri_named", re.compile(r"\b(?P<day>\d{1,2})\s+(?P<pmonth>" + "|".join(SOLAR_MONTHS)
                                     + r")\s+(?P<year>1[34]\d\d)\b", re.IGNORECASE)),
    ("solar_hijri", re.compile(r"\b(?P<year>1[34]\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>(?:19|20)\d\d)\b")),
    ("lunar_hijri", re.compile(r"\b(?P<day>\d{1,2})\s+(?P<hmonth>" + "|".join(HIJRI_MONTHS) + r")\s+(?P<year>1[34]\d\d)"
                               r"(?:\s*(?:AH|A\.H\.|hijri))?", re.IGNORECASE)),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)),
    ("month_year", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.IGNORECASE)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)", re.IGNORECASE)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d)", re.IGNORECASE)),
    ("month_only", re.compile(rf"\b(?:in|since|until|till|by|from|early|late|mid-?|during)\s+{_MONTH}\b"
                              r"(?!\s*,?\s*\d)", re.IGNORECASE)),
    ("decade", re.compile(r"\b(?:the\s+)?(?P<year>1[89]\d0|20\d0)s\b", re.IGNORECASE)),
    ("century", re.compile(r"\b(?:the\s+)?(?P<c>1\d|2[01])(?:st|nd|rd|th)\s+century\b", re.IGNORECASE)),
    ("ago", re.compile(rf"\b{_NUM}\s+{_UNIT}\s+ago\b", re.IGNORECASE)),
    ("in_n", re.compile(rf"\b(?:in|within)\s+{_NUM}\s+{_UNIT}(?:'s)?(?:\s+time)?\b", re.IGNORECASE)),
    ("shift", re.compile(r"\b(?P<which>last|next|this|earlier this|later this|past)\s+(?P<unit>week|month|year)\b",
                         re.IGNORECASE)),
    ("word", re.compile(r"\b(?P<word>the day before yesterday|the day after tomorrow|yesterday|today|tonight|"
                        r"tomorrow|last night|this morning|this afternoon|this evening|earlier today|later today)\b",
                        re.IGNORECASE)),
    ("weekday", re.compile(r"\b(?:(?P<which>last|next|this|on|on last)\s+)?(?P<weekday>"
                           + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)),
    ("year", re.compile(r"(?<![\d,.$€£/-])\b" + _YEAR + r"\b(?![\d,.%]\d|\s*(?:people|troops|km|dollars|tons))")),
]


@dataclass(frozen=True)
class Resolved:
    """A time expression found in a text, with its resolved value."""

    start: int
    end: int
    text: str
    value: str | None
    precision: Precision | None
    anchor: str  # absolute, publication, period, unresolved


#: Literal words of a pattern outside its groups and classes: a sentence without them cannot match.
_REGEX_SYNTAX = re.compile(r"\\.|\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\]")


def _required_word(pattern: str) -> str | None:
    """The longest literal word that every match of ``pattern`` contains, if any."""
    if "|" in _REGEX_SYNTAX.sub(" ", pattern):
        return None  # a top-level alternative: no single required word
    literal = _REGEX_SYNTAX.sub(" ", pattern)
    words = [w for w in re.findall(r"[a-z]{3,}(?![?*{])", literal.lower())]
    return max(words, key=len, default=None)


@dataclass(frozen=True)
class Periods:
    """The named-period table: (pattern, value) entries, each with a word it requires.

    A sentence is searched only with the patterns whose required word it contains (or that
    have none): the table grows to hundreds of entries while most sentences name no period.
    """

    entries: tuple[tuple[re.Pattern[str], str], ...]
    required: tuple[str | None, ...]

    def __iter__(self):
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def candidates(self, text: str) -> list[tuple[re.Pattern[str], str]]:
        """The entries that may match ``text``."""
        lowered = text.lower()
        return [entry for entry, word in zip(self.entries, self.required, strict=True)
                if word is None or word in lowered]


def load_periods(extra: Path | None = None) -> Periods:
    """The named-period table (bundled, plus a user's YAML file of the same shape)."""
    texts = [(resources.files("dyads.time") / "periods.yaml").read_text(encoding="utf-8")]
    if extra is not None:
        texts.append(Path(extra).read_text(encoding="utf-8"))
    table = []
    for text in texts:
        for entry in yaml.safe_load(text) or []:
            for pattern in entry["patterns"]:
                table.append((re.compile(r"\b" + pattern + r"\b" if pattern[0].isalnum() else pattern,
                                         re.IGNORECASE), str(entry["value"])))
    return Periods(tuple(table), tuple(_required_word(p.pattern) for p, _ in table))


def _iso(year: int, month: int | None = None, day: int | None = None) -> tuple[str, Precision] | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat(), "day"
        if month is not None:
            date(year, month, 1)
            return f"{year:04d}-{month:02d}", "month"
    except ValueError:
        return None
    return f"{year:04d}", "year"


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else NUMBER_WORDS.get(text, 1)


def _shift_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _relative(pub: date, unit: str, amount: int) -> tuple[str, Precision]:
    """``amount`` units from the publication date (negative is earlier), at the unit's precision."""
    unit = unit.lower()
    if unit == "day":
        return (pub + timedelta(days=amount)).isoformat(), "day"
    if unit == "week":
        monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=amount)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}", "range"
    if unit == "month":
        shifted = _shift_months(pub, amount)
        return f"{shifted.year:04d}-{shifted.month:02d}", "month"
    if unit == "decade":
        return f"{(pub.year + 10 * amount) // 10 * 10:04d}", "decade"
    return f"{pub.year + amount:04d}", "year"


def _resolve(kind: str, m: re.Match[str], pub: date | None, future: bool) -> tuple[str, Precision] | None:
    g = m.groupdict()
    if kind == "solar_hijri_named":
        try:
            day = jdatetime.date(int(g["year"]), SOLAR_MONTHS[g["pmonth"].lower()], int(g["day"])).togregorian()
        except ValueError:
            return None
        return day.isoformat(), "day"
    if kind == "numeric":
        # day first, as most of the world writes; 05/21/2024 can only be month first
        return _iso(int(g["year"]), int(g["month"]), int(g["day"])) or _iso(int(g["year"]), int(g["day"]),
                                                                            int(g["month"]))
    if kind in ("iso", "ymd", "month_day_year", "day_month_year"):
        month = int(g["month"]) if g["month"].isdigit() else MONTHS[g["month"].lower()]
        return _iso(int(g["year"]), month, int(g["day"]))
    if kind == "solar_hijri":
        try:
            day = jdatetime.date(int(g["year"]), int(g["month"]), int(g["day"])).togregorian()
        except ValueError:
            return None
        return day.isoformat(), "day"
    if kind == "lunar_hijri":
        try:
            day = Hijri(int(g["year"]), HIJRI_MONTHS[g["hmonth"].lower()], int(g["day"])).to_gregorian()
        except (ValueError, OverflowError):
            return None
        return day.isoformat(), "day"
    if kind == "month_year":
        return _iso(int(g["year"]), MONTHS[g["month"].lower()])
    if kind == "year":
        return _iso(int(g["year"]))
    if kind == "decade":
        return g["year"], "decade"
    if kind == "century":
        century = int(g["c"])
        return f"{(century - 1) * 100 + 1:04d}/{century * 100:04d}", "range"
    if pub is None:
        return None  # everything below is relative to the publication date
    if kind in ("month_day", "day_month"):
        return _day_without_year(pub, MONTHS[g["month"].lower()], int(g["day"]), future)
    if kind == "month_only":  # "in March": the nearest such month on the side the clause points to
        month = MONTHS[g["month"].lower()]
        year = pub.year - (1 if not future and month > pub.month else 0) + (1 if future and month < pub.month else 0)
        return _iso(year, month)
    if kind == "ago":
        return _relative(pub, g["unit"], -_number(g["n"]))
    if kind == "in_n":
        return _relative(pub, g["unit"], _number(g["n"]))
    if kind == "shift":
        which = g["which"].lower()
        amount = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        return _relative(pub, g["unit"], amount)
    if kind == "word":
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the day before yesterday": -2,
                  "the day after tomorrow": 2}.get(g["word"].lower(), 0)
        return (pub + timedelta(days=offset)).isoformat(), "day"
    if kind == "weekday":
        which = (g["which"] or "").lower()
        return _weekday(pub, WEEKDAYS[g["weekday"].lower()], "last" if which == "on last" else which, future)
    return None


def _day_without_year(pub: date, month: int, day: int, future: bool) -> tuple[str, Precision] | None:
    """A day and month without a year: this year's, last year's when well ahead of a past-tense report."""
    year = pub.year
    if not future and (month, day) > (pub.month, pub.day) and month - pub.month > 2:
        year -= 1
    if future and (month, day) < (pub.month, pub.day):
        year += 1
    return _iso(year, month, day)


def _weekday(pub: date, target: int, which: str, future: bool) -> tuple[str, Precision]:
    """The weekday ``target`` (Monday 0) nearest the publication day: ``which`` is "last", "next" or ""."""
    if which == "next" or (future and which != "last"):
        delta = (target - pub.weekday()) % 7 or 7
        return (pub + timedelta(days=delta)).isoformat(), "day"
    delta = (pub.weekday() - target) % 7
    if which == "last" and delta == 0:
        delta = 7
    return (pub - timedelta(days=delta)).isoformat(), "day"


def _resolve_local(kind: str, m: re.Match[str], pub: date | None, future: bool,
                   words: TimeLanguage) -> tuple[str, Precision] | None:
    """Resolve a match of another language's template (dyads.time.languages) against the publication date."""
    g = m.groupdict()
    if kind == "solar_day_month_year":
        try:
            day = jdatetime.date(int(g["year"]), words.solar_months[fold(g["pmonth"])], int(g["day"])).togregorian()
        except (KeyError, ValueError):
            return None
        return day.isoformat(), "day"
    month = words.months.get(fold(g["month"])) if g.get("month") else None
    if kind == "day_month_year" and month:
        return _iso(int(g["year"]), month, int(g["day"]))
    if kind == "month_year" and month:
        return _iso(int(g["year"]), month)
    if pub is None:
        return None  # everything below is relative to the publication date
    if kind == "day_month" and month:
        return _day_without_year(pub, month, int(g["day"]), future)
    if kind in ("ago", "in_n"):
        unit = words.units.get(fold(g["unit"]), "day")
        return _relative(pub, unit, words.number(g["n"]) * (-1 if kind == "ago" else 1))
    if kind == "shift" and fold(g["shift"]) in words.shifts:
        unit, offset = words.shifts[fold(g["shift"])]
        return _relative(pub, unit, offset)
    if kind == "word" and fold(g["word"]) in words.days:
        return (pub + timedelta(days=words.days[fold(g["word"])])).isoformat(), "day"
    if kind == "weekday" and fold(g["weekday"]) in words.weekdays:
        which = g.get("which") or ""
        side = "" if not which else ("next" if fold(which) in words.next_words else "last")
        return _weekday(pub, words.weekdays[fold(g["weekday"])], side, future)
    return None


_FUTURE_MARKERS = re.compile(
    r"\b(?:will|shall|won't|is to|are to|is due|are due|due to|plans? to|planning to|scheduled|set to|"
    r"expected to|going to|would|intends? to|to be held|upcoming|next)\b|'ll\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[.;!?]|\b(?:after|before|since|when|while|because|but|although)\b", re.IGNORECASE)
_LOCAL = "local:"  # marks a match of another language's template
_ABSOLUTE_KINDS = {"solar_day_month_year", "iso", "ymd", "solar_hijri", "solar_hijri_named", "numeric",
                   "lunar_hijri", "month_day_year", "day_month_year", "month_year", "year", "decade", "century"}
_ANCHOR_KINDS = {"solar_day_month_year", "iso", "solar_hijri", "solar_hijri_named", "numeric", "ymd", "lunar_hijri",
                 "month_day_year", "day_month_year", "month_day", "day_month", "word", "weekday", "ago", "in_n"}


def _future_context(text: str, start: int) -> bool:
    """Does the clause before ``start`` speak of the future ("will meet on Friday")?"""
    window = text[max(0, start - 90):start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    return bool(_FUTURE_MARKERS.search(window))


def _narrative(m: re.Match[str], anchor: date) -> tuple[str, Precision] | None:
    """Resolve "the next day", "two days later", "that evening" against the last full date."""
    g = m.groupdict()
    if g.get("same"):
        return anchor.isoformat(), "day"
    if g.get("beforeafter"):
        return _relative(anchor, "day", -1 if g["beforeafter"].lower() == "before" else 1)
    if g.get("nunit"):
        return _relative(anchor, g["nunit"], _number(g["nn"]) * (-1 if g["dir"].lower() == "earlier" else 1))
    if g.get("unit2"):
        return _relative(anchor, g["unit2"], 0)  # "later that month": the anchor's month
    unit = g["unit"].lower()
    unit = "day" if unit in ("morning", "evening", "night", "afternoon") else unit
    return _relative(anchor, unit, -1 if g["which"].lower() in ("previous", "preceding") else 1)


def find_time_expressions(
    text: str,
    published: str | None,
    periods: Periods,
    anchor: str | None = None,
    language: str | None = None,
) -> list[Resolved]:
    """Time expressions in ``text``, resolved against ISO ``published`` (None: relative ones stay unresolved).

    ``language`` (ISO 639-1) adds that language's time words (dyads.time.languages) to the
    English ones, which also read the numeric dates and years of any text.

    Weekdays and dates without a year point forward when their clause speaks of the future
    ("will meet on Friday"). Narrative expressions ("the next day") resolve against the last
    full date before them in the text, or ``anchor`` (the last full date of earlier sentences).
    """
    scan = normalize_digits(text)  # same length as text, so offsets stay valid
    pub = None
    if published and len(published) >= 10:
        try:
            pub = date.fromisoformat(published[:10])
        except ValueError:
            pub = None
    taken = [False] * len(scan)
    matches: list[tuple[str, re.Match[str] | None, int, int, str | None]] = []

    def claim(start: int, end: int) -> bool:
        if any(taken[start:end]):
            return False
        for k in range(start, end):
            taken[k] = True
        return True

    for m in _NARRATIVE.finditer(scan):
        if claim(m.start(), m.end()):
            matches.append(("narrative", m, m.start(), m.end(), None))
    for pattern, value in periods.candidates(scan):
        for m in pattern.finditer(scan):
            if claim(m.start(), m.end()):
                matches.append(("period", m, m.start(), m.end(), value))
    words = time_language(language)
    for kind, pattern in words.patterns if words else ():
        for m in pattern.finditer(scan):
            if claim(m.start(), m.end()):
                matches.append((_LOCAL + kind, m, m.start(), m.end(), None))
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(scan):
            month_word = m.groupdict().get("month")
            if month_word and month_word.isalpha() and not month_word[0].isupper():
                continue  # "may" the modal verb, "march" the verb
            if claim(m.start(), m.end()):
                matches.append((kind, m, m.start(), m.end(), None))
    matches.sort(key=lambda item: item[2])

    context = date.fromisoformat(anchor) if anchor else None
    found: list[Resolved] = []
    for kind, m, start, end, value in matches:
        original = text[start:end]
        if kind == "period":
            precision: Precision = "range" if "/" in value else ("day" if len(value) == 10 else
                                                                  "month" if len(value) == 7 else "year")
            found.append(Resolved(start, end, original, value, precision, "period"))
            continue
        if kind == "narrative":
            base = context or pub
            result = _narrative(m, base) if base else None
            found.append(Resolved(start, end, original, *(result or (None, None)),
                                  "context" if result else "unresolved"))
            if result and result[1] == "day":
                context = date.fromisoformat(result[0])
            continue
        if kind.startswith(_LOCAL):
            kind = kind.removeprefix(_LOCAL)
            result = _resolve_local(kind, m, pub, False, words)
        else:
            result = _resolve(kind, m, pub, _future_context(scan, start))
        absolute = kind in _ABSOLUTE_KINDS
        anchor_name = "absolute" if absolute else ("publication" if result else "unresolved")
        found.append(Resolved(start, end, original, *(result or (None, None)), anchor_name))
        if result and result[1] == "day" and kind in _ANCHOR_KINDS:
            context = date.fromisoformat(result[0])
    return found
