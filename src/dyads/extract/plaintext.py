"""Article extraction from plain text: scrapes, copy-pastes and OCR output.

HTML extractors see no markup here, so they return nothing or everything. We write our
own: split the text into paragraphs, classify each (body, heading, header metadata,
chrome), and keep the highest-scoring contiguous run of body paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dyads.extract.dates import parse_date_value
from dyads.types import Precision

_SENTENCE_END = re.compile(r"""[.!?。؟…"”’»)\]:]\s*$""")
_BYLINE = re.compile(r"^\s*(?:by|par|von|por|di|автор[:\s]|بقلم|نویسنده[:\s])\s*(.{2,120})$", re.IGNORECASE)
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
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Za-z .'’-]{1,40}?)(?:\s*\([A-Za-z .]+\))?,\s+"
    r"((?:[A-Z][a-z]{2,9}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,9}\.?\s+\d{4}))"
    r"\s*(?:[-—–(]|$)"
)
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


@dataclass
class _Unit:
    text: str
    words: int
    script: str | None
    kind: str = "body"  # body, heading, chrome, meta


def _classify(unit: _Unit, main_script: str | None) -> str:
    if _SITE_DATE.match(unit.text) or _BYLINE.match(unit.text) and unit.words <= 8:
        return "meta"
    if unit.words <= 12 and (_PUBLISHED.match(unit.text) or _UPDATED.match(unit.text)):
        return "meta"
    if unit.script and main_script and unit.script != main_script:
        return "chrome"
    if unit.words <= 15 and _CHROME.search(unit.text):
        return "chrome"
    if unit.words <= 30 and _TEASER_END.search(unit.text) and not unit.text.rstrip().endswith(("”", '"')):
        return "chrome"
    if unit.words >= 4 and _SENTENCE_END.search(unit.text):
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
    units = [_Unit(p, len(p.split()), script_of(p)) for p in paragraphs]
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
        elif unit.kind in ("heading", "body") and unit.script == main_script and 2 <= unit.words <= 30 \
                and not _CHROME.search(unit.text) and parse_date_value(unit.text) is None:
            # The headline is the last heading before the body: site names and menus come first.
            result.title = unit.text.rstrip(". …")
    if result.published is None and body_start < len(units):
        match = _DATELINE.match(units[body_start].text)
        if match:
            parsed = parse_date_value(match.group(2))
            if parsed:
                result.published, result.published_precision = parsed
