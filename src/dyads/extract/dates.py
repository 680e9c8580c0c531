"""Reading publication dates from metadata strings and header lines."""

from __future__ import annotations

import re
from datetime import date

from dateparser.date import DateDataParser

from dyads.types import Precision

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")

# Arabic month names as used in the Levant/Iraq (Syriac) and in Egypt/the Gulf (from the
# Latin). dateparser knows only the latter, and Arab news sites use both.
ARABIC_MONTHS = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10,
    "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6,
    "يوليو": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10,
    "نوفمبر": 11, "ديسمبر": 12,
}
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_ARABIC_DATE = re.compile(
    r"(\d{1,2})\s+(" + "|".join(sorted(ARABIC_MONTHS, key=len, reverse=True)) + r")\s+(\d{4})"
)

# The languages whose month names news headers use here; asking dateparser to try all of its
# 200 locales costs a fifth of a second per call.
HEADER_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "ru", "uk", "ar", "fa", "tr", "nl", "pl", "zh", "ja",
                    "he", "id"]
_PARSER = DateDataParser(languages=HEADER_LANGUAGES, try_previous_locales=True,
                         settings={"REQUIRE_PARTS": ["year"], "PREFER_DAY_OF_MONTH": "first"})

MIN_YEAR = 1800
MAX_YEAR = 2100


def load_date_parser() -> None:
    """Load the header languages' locale data now rather than on the first date read (about 3 s
    once per process): before worker processes fork, so that they share it, and outside the
    timed coding of the first document."""
    # A text no locale reads makes dateparser try, and so load, every one of them.
    _PARSER.get_date_data("0 xx 0000")


def normalize_digits(text: str) -> str:
    """Replace Arabic-Indic and Persian digits with ASCII digits."""
    return text.translate(_EASTERN_DIGITS)


def format_partial(year: int, month: int | None = None, day: int | None = None) -> tuple[str, Precision]:
    """ISO string with as much precision as is known."""
    if month is None:
        return f"{year:04d}", "year"
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    return date(year, month, day).isoformat(), "day"


def parse_date_value(text: str | None) -> tuple[str, Precision] | None:
    """Parse a metadata or header date, keeping its precision; None when unsure or absurd."""
    if not text or not text.strip():
        return None
    text = normalize_digits(text.strip())[:200]
    if not re.search(r"\d{2}", text):
        return None  # every date we accept has a year in digits
    match = _ISO.match(text)
    try:
        if match:
            year, month, day = (int(g) if g else None for g in match.groups())
            result = format_partial(year, month, day)
        else:
            arabic = _ARABIC_DATE.search(text)
            if arabic:
                result = format_partial(int(arabic.group(3)), ARABIC_MONTHS[arabic.group(2)], int(arabic.group(1)))
            else:
                data = _PARSER.get_date_data(text)
                if data.date_obj is None:
                    return None
                found = data.date_obj
                # dateparser fills missing parts from today's date; keep only what the text said.
                if data.period == "year":
                    result = format_partial(found.year)
                elif data.period == "month":
                    result = format_partial(found.year, found.month)
                else:
                    result = format_partial(found.year, found.month, found.day)
    except (ValueError, OverflowError):
        return None
    year = int(result[0][:4])
    return result if MIN_YEAR <= year <= MAX_YEAR else None
