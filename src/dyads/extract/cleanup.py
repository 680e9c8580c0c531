"""Boilerplate lines that HTML extractors leave in an article body.

The title repeated as the first line, inline "Read more: ..." links to other articles, and
the trailing block of share, subscribe, newsletter and comment prompts.
"""

from __future__ import annotations

import re

# A line that points to another article ('Read more: Alibaba poised to ...').
_OTHER_ARTICLE = re.compile(
    r"^\s*(?:read more|read also|related(?: article| story| stories| articles)?|see also|also on [\w.-]+|"
    r"more on this|recommended|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|lire aussi|"
    r"à lire aussi|a lire aussi|voir aussi|leer más|lee también|lea también|leia também|leggi anche|"
    r"читайте также|читайте еще|читайте також|اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا|بیشتر بخوانید)\b\s*[:：|»>-]",
    re.IGNORECASE,
)
# A closing prompt: share, subscribe, newsletters, comments, tips, follow us.
_CLOSING = re.compile(
    r"(?:\bshare (?:it|this)\b|\blike this (?:story|article)\b|\bsubscribe\b|\bnewsletters?\b|"
    r"\bsign up\b|\bhave a tip\b|\btell us what you think\b|^\W*\d*\s*comments?\W*$|\bleave a comment\b|"
    r"\bfollow (?:us|him|her|them) on\b|\bclick here\b|^\s*\[button\b|\bdelivered (?:to|through) your\b|"
    r"\bin your inbox\b|\ball rights reserved\b|^\W*copyright\b|\bteilen sie\b|\babonnieren\b|"
    r"\bpartagez\b|\babonnez-vous\b|\bsuscríbete\b|\bподпишитесь\b)",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s")
#: Longest line that may be a closing prompt (characters); longer lines are article text.
CLOSING_MAX = 220
#: At most this many lines are trimmed from the end.
CLOSING_LINES = 6


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def trim_boilerplate(text: str, title: str | None = None) -> str:
    """The body without a repeated title, links to other articles and the closing prompts."""
    lines = text.split("\n")
    if title and lines and len(_norm(title)) >= 12 and _norm(lines[0]) == _norm(title) and len(lines) > 1:
        lines = lines[1:]
    lines = [line for line in lines if not _OTHER_ARTICLE.match(line)]
    trimmed = 0
    while lines and trimmed < CLOSING_LINES and len(lines) > 1:
        last = lines[-1]
        if not last.strip() or (len(last) <= CLOSING_MAX and not _LIST_ITEM.match(last) and _CLOSING.search(last)):
            lines.pop()
            trimmed += 1
        else:
            break
    return "\n".join(lines)
