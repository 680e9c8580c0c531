"""Article extraction from plain text: scrapes, copy-pastes and OCR output.

HTML extractors see no markup here, so they return nothing or everything. We write our
own: split the text into paragraphs, classify each (body, heading, header metadata,
chrome), and keep the highest-scoring contiguous run of body paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dyads.extract.dates import format_partial, normalize_digits, parse_date_value
from dyads.types import Precision

_SENTENCE_END = re.compile(r"""[.!?。؟…"”’»)\]:]\s*$""")
# The by-word is a word of its own: "PARIS, 21 mai 2024" and "Bypass road reopens" are no bylines.
_BYLINE = re.compile(r"^\s*(?:(?:by|par|von|por|di|بقلم)\b|автор[:\s]|نویسنده[:\s])\s*(.{2,120})$", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^\s*(?:(?:first\s+)?published(?:\s+on)?|posted(?:\s+on)?|date|dated|publié le|publiée? le|"
    r"опубликовано|дата публикации|veröffentlicht(?:\s+am)?|publicado(?:\s+el)?|تاريخ النشر|نشر في|"
    r"تاریخ انتشار)\s*[:\-–]?\s*(.{4,80})$",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"^\s*(?:last\s+)?(?:updated|modified|mis à jour|обновлено)\b", re.IGNORECASE)
# Repost lines of hosting sites ("date added"): the date the copy appeared, not the article's.
_SITE_DATE = re.compile(r"^\s*(?:تاريخ الإضافة|تاريخ الاضافة|date added|added on|ajouté le|добавлено)\s*:?\s*(.*)$",
                        re.IGNORECASE)
# A dateline opens a story with where and when it was filed: "MOSCOW, 21 May 2024 (Reuters) -",
# "ТЕГЕРАН, 21 мая 2024 года.", "طهران - ٢١ مايو ٢٠٢٤", "Tehran, 3 March 2024" on a line of its own.
# The place: up to five words of letters, each opening with a capital (or a letter of a script
# without case), lower-case joiners allowed (Rio de Janeiro); an agency may follow in brackets.
_DATELINE_PLACE = re.compile(
    r"^\s*(?P<place>[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,4}"
    r"(?:,\s*[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,2})?)"  # a region or country may follow
    r"\s*(?:\([^()\d]{1,30}\)\s*)?(?P<separator>[,،]|\s[-–—]\s|[-–—]\s|:\s)\s*"
)
_PLACE_JOINERS = frozenset({"de", "la", "el", "al", "es", "do", "da", "di", "du", "of", "on", "upon", "am", "an"})
# Where the date of a dateline may end: an agency in brackets or slashes (/PRNewswire/), a dash,
# a full stop or colon before the story, or the end of the line.
_DATELINE_DATE_END = re.compile(r"\s*[(/]|\s*[-–—]+(?:\s|$)|[.:](?:\s|$)|\s*$")
_DATELINE_MAX_DATE = 40
_YEAR_DIGITS = re.compile(r"\b\d{4}\b")
# A year the input states outside the story: a copyright line (© 2024, Copyright 2019-2024).
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?(\d{4})\b", re.IGNORECASE)
# A leap year to tell a day and month without a year (Feb 29) from text that is no date.
_PLACEHOLDER_YEAR = 2000
_CHROME = re.compile(
    r"(?:\b(?:views?|visits?|visitors?|comments?|shares?|likes?|reads?|online now)\b\s*[:：]?\s*[\d,.\s]+$"
    r"|^[\d,.\s]+\s*(?:views?|visits?|comments?|shares?|likes?|reads?)\b"
    r"|^\s*(?:share|tweet|email|print|subscribe|sign up|log ?in|register|advertisement|sponsored|"
    r"read more|related(?: articles| stories)?|more from|most read|trending|follow us|cookies?|menu|home|"
    r"all rights reserved|copyright|©|next article|previous article)\b"
    r"|عدد الزيارات|عدد الزوار|المتواجدون الآن|التعليقات|تتمة|اقرأ أيضا|اقرأ ايضا|شارك|الرئيسية|أخبار عاجلة"
    r"|بازدید|اشتراک گذاری|بیشتر بخوانید|صفحه اصلی"
    r"|просмотр|комментари|поделиться|читайте также|подписывайтесь|главная|реклама"
    r"|partager|lire aussi|commentaires|abonnez-vous|accueil|publicité"
    r"|teilen|lesen sie auch|kommentare|startseite|anzeige"
    r"|compartir|leer más|comentarios|suscríbete|inicio|publicidad"
    r"|paylaş|yorumlar|okunma|ana sayfa)",
    re.IGNORECASE,
)
_TEASER_END = re.compile(r"(?:\.{3,}|…|»)\s*$")
_WRAPPED_LINE_MIN = 45
#: A wrapped line reaches at least this share of the longest line of its block.
WRAP_WIDTH_SHARE = 0.85
# The last word or punctuation of a line (mid-sentence when a lower-case word, a comma, a dash).
_MID_SENTENCE = re.compile(r"(?:^|\s)[^\W\d_]+\s*$|[,;–—-]\s*$")


@dataclass
class TextExtraction:
    """What the plain-text path finds: body and header metadata."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_precision: Precision | None = None
    site_date: str | None = None
    method: str = "plaintext"
    #: (month, day) of a dateline without a year, for a caller that knows the year (JSONL 'published')
    dateline_day: tuple[int, int] | None = None


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of a line: the place, and the day it names (the year may be unknown)."""

    place: str
    end: int  # where the dateline ends in the line
    month: int
    day: int
    year: int | None


def read_dateline(line: str) -> Dateline | None:
    """The dateline opening ``line`` ("MOSCOW, 21 May 2024 (Reuters) -"), or None.

    The date is read with ``parse_date_value`` (the header-date reader, dateparser in the
    languages news headers use); it must name a day. Without a year ("MOSCOW, May 21 -") the
    day and month are kept and the year is left for the caller to find, never taken from the clock.
    """
    if any(header.match(line) for header in (_PUBLISHED, _UPDATED, _SITE_DATE, _BYLINE)):
        return None  # "Updated: May 22, 2024" names a day but no place
    head = _DATELINE_PLACE.match(line[:120])
    if head is None or any(word[0].islower() and word not in _PLACE_JOINERS
                           for word in head.group("place").split()):
        return None
    if head.group("separator").startswith(":") and head.group("place") != head.group("place").upper():
        return None  # "NEW DELHI: ..." is a dateline, "Tarih: 05.06.2023" a header label
    rest = line[head.end():head.end() + _DATELINE_MAX_DATE + 20]
    for cut in _DATELINE_DATE_END.finditer(rest):
        text = rest[:cut.start()].strip()
        if not text:
            continue
        if len(text) > _DATELINE_MAX_DATE:
            return None
        if not any(ch.isdigit() for ch in text):
            continue
        found = _read_day(text)
        if found is not None:
            month, day, year = found
            return Dateline(head.group("place"), head.end() + cut.end(), month, day, year)
    return None


def _dateline_line(text: str) -> Dateline | None:
    """The dateline when ``text`` is one and nothing more (an agency may follow): not a story's opening."""
    if len(text) > 120:
        return None
    found = read_dateline(text)
    return found if found is not None and len(text[found.end:].split()) <= 3 else None


def _read_day(text: str) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) when ``text`` is a date naming a day, with or without a year."""
    if not any(ch.isalpha() for ch in text) and len(re.findall(r"\d+", text)) < 3:
        return None  # no month named: dateparser would take the month (and year) from the clock
    has_year = _YEAR_DIGITS.search(normalize_digits(text)) is not None
    parsed = parse_date_value(text if has_year else f"{text} {_PLACEHOLDER_YEAR}")
    if parsed is None or parsed[1] != "day":
        return None
    year, month, day = (int(part) for part in parsed[0].split("-"))
    if not has_year and year != _PLACEHOLDER_YEAR:
        return None
    return month, day, year if has_year else None


def dated_day(year: int, month: int, day: int) -> tuple[str, Precision] | None:
    """The ISO day, or None when the day does not exist in that year (Feb 29)."""
    try:
        return format_partial(year, month, day)
    except ValueError:
        return None


def script_of(text: str) -> str | None:
    """The dominant writing system of ``text`` (latin, arabic, cyrillic, cjk, ...)."""
    counts: dict[str, int] = {}
    seen = 0
    for ch in text:
        if not ch.isalpha():
            continue
        seen += 1
        if seen > 300:  # enough letters to tell the script
            break
        if ch < "\u0250":  # Basic Latin to Latin Extended-B: skip the name lookup
            counts["latin"] = counts.get("latin", 0) + 1
            continue
        name = unicodedata.name(ch, "")
        script = name.split(" ", 1)[0].lower() if name else "other"
        if script in ("cjk", "hiragana", "katakana", "hangul"):
            script = "cjk"
        counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _goes_on(previous: str, line: str, width: int) -> bool:
    """Whether a line starting with a capital continues the previous line of a hard-wrapped
    paragraph: the previous line runs to the block's wrap width and stops mid-sentence (on a
    lower-case word, a comma or a dash), and this line is long too ("... sanctions against" /
    "Belarus were ..."). A title above a body, or a byline or date, is shorter than the width."""
    if len(line) < _WRAPPED_LINE_MIN or len(previous) < WRAP_WIDTH_SHARE * width:
        return False
    ending = _MID_SENTENCE.search(previous)
    first = ending.group(0).strip()[:1] if ending else ""
    return first.islower() or (first != "" and first in ",;–—-")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a scrape: blank-line blocks, with hard-wrapped lines joined."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [part.strip() for part in block.split("\n") if part.strip()]
        width = max((len(line) for line in lines), default=0)
        current = previous = ""
        for line in lines:
            if current and len(current) >= _WRAPPED_LINE_MIN and not _SENTENCE_END.search(current) \
                    and (line[:1].islower() or _goes_on(previous, line, width)):
                current = f"{current} {line}"
            else:
                if current:
                    paragraphs.append(current)
                current = line
            previous = line
        if current:
            paragraphs.append(current)
    return paragraphs


# Markup-like strings in text handed over as text (leftover tags of a scrape, an article on web
# security quoting <script>): kept in the body, but invisible to the classifier, so a
# paragraph ending in a tag still ends on its sentence's full stop.
# A script or style element is invisible with its content (code, not prose).
_MARKUP = re.compile(r"<(script|style)\b[^<>]{0,300}>[^<]{0,2000}</\1\s*>|<!--.{0,2000}?-->"
                     r"|</?[A-Za-z][\w:-]*(?:\s[^<>]{0,300})?/?>", re.DOTALL | re.IGNORECASE)


def mask_markup(text: str) -> str:
    """``text`` with markup-like tags blanked by spaces of the same length: what a reader sees,
    at the same offsets (the parser reads this, the store keeps the text as given)."""
    if "<" not in text:
        return text
    return _MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


@dataclass
class _Unit:
    text: str
    words: int
    script: str | None
    kind: str = "body"  # body, heading, chrome, meta
    visible: str = ""  # the text without markup-like tags: what the classifier reads

    @classmethod
    def of(cls, text: str) -> _Unit:
        """A paragraph as a unit, measured on its text without tags."""
        visible = " ".join(mask_markup(text).split()) or text
        return cls(text, len(visible.split()), script_of(visible), visible=visible)


def _classify(unit: _Unit, main_script: str | None) -> str:
    if _SITE_DATE.match(unit.visible) or _BYLINE.match(unit.visible) and unit.words <= 8:
        return "meta"
    if unit.words <= 12 and (_PUBLISHED.match(unit.visible) or _UPDATED.match(unit.visible)
                             or _dateline_line(unit.visible)):
        return "meta"
    if unit.script and main_script and unit.script != main_script:
        return "chrome"
    if unit.words <= 15 and _CHROME.search(unit.visible):
        return "chrome"
    if unit.words <= 30 and _TEASER_END.search(unit.visible) and not unit.visible.rstrip().endswith(("”", '"')):
        return "chrome"
    if unit.words >= 4 and _SENTENCE_END.search(unit.visible):
        return "body"
    if unit.words <= 20 and unit.script == main_script:
        return "heading"
    return "body" if unit.words >= 15 else "chrome"


_SCORES = {"body": 1.0, "heading": -1.0, "chrome": -60.0, "meta": -1000.0}


def _best_run(units: list[_Unit]) -> tuple[int, int]:
    """Indexes [start, end) of the contiguous run with the most body words (Kadane)."""
    best, best_span = float("-inf"), (0, 0)
    total, start = 0.0, 0
    for index, unit in enumerate(units):
        gain = _SCORES[unit.kind] * (unit.words if unit.kind == "body" else 1)
        if unit.kind in ("chrome", "meta"):
            gain = min(gain, _SCORES[unit.kind])
        if total <= 0:
            total, start = gain, index
        else:
            total += gain
        if total > best:
            best, best_span = total, (start, index + 1)
    start, end = best_span
    while start < end and units[start].kind != "body":
        start += 1
    while end > start and units[end - 1].kind != "body":
        end -= 1
    return start, end


def _authors(byline: str) -> list[str]:
    names = re.split(r"\s*(?:,|\band\b|&|\bet\b|\bund\b|\bи\b|\bو\b)\s*", byline.strip().rstrip("."))
    return [n.strip() for n in names if 1 <= len(n.split()) <= 5]


def extract_plain_text(text: str) -> TextExtraction:
    """Find the article body and header metadata in a plain-text scrape."""
    paragraphs = split_paragraphs(text)
    units = [_Unit.of(p) for p in paragraphs]
    weights: dict[str, int] = {}
    for unit in units:
        if unit.script and unit.words >= 6:
            weights[unit.script] = weights.get(unit.script, 0) + unit.words
    main_script = max(weights, key=weights.__getitem__) if weights else None
    for unit in units:
        unit.kind = _classify(unit, main_script)
    start, end = _best_run(units)
    result = TextExtraction(text="\n\n".join(u.text for u in units[start:end]))
    _read_header(units, start, main_script, result)
    return result


def _read_header(units: list[_Unit], body_start: int, main_script: str | None, result: TextExtraction) -> None:
    dateline = None
    known_year: int | None = None  # a year the input states outside a dateline (copyright, update lines)
    for unit in units[:body_start]:
        if (match := _SITE_DATE.match(unit.text)) and result.site_date is None:
            parsed = parse_date_value(match.group(1))
            result.site_date = parsed[0] if parsed else None
        elif (match := _BYLINE.match(unit.text)) and unit.words <= 8 and not result.authors:
            result.authors = _authors(match.group(1))
        elif (match := _PUBLISHED.match(unit.text)) and result.published is None:
            parsed = parse_date_value(match.group(1))
            if parsed:
                result.published, result.published_precision = parsed
        elif _UPDATED.match(unit.text):
            parsed = parse_date_value(_UPDATED.sub("", unit.text).lstrip(" :-–"))
            known_year = known_year or (int(parsed[0][:4]) if parsed else None)
        elif (found := _dateline_line(unit.text)) is not None:
            # a line that is a place and a date ("Tehran, 3 March 2024 (IRNA)"): never the headline
            dateline = dateline or found
        elif unit.kind in ("heading", "body") and unit.script == main_script and 2 <= unit.words <= 30 \
                and not _CHROME.search(unit.text) and parse_date_value(unit.text) is None:
            # The headline is the last heading before the body: site names and menus come first.
            result.title = unit.text.rstrip(". …")
    if dateline is None and body_start < len(units):
        dateline = read_dateline(units[body_start].text)  # "MOSCOW, 21 May 2024 (Reuters) - Iran ..."
    if dateline is None or result.published is not None:
        return
    for unit in units:
        if known_year is None and (match := _COPYRIGHT_YEAR.search(normalize_digits(unit.text))):
            known_year = int(match.group(1))
    year = dateline.year or known_year
    day = dated_day(year, dateline.month, dateline.day) if year else None
    if day is not None:
        result.published, result.published_precision = day
    elif dateline.year is None:
        result.dateline_day = (dateline.month, dateline.day)
