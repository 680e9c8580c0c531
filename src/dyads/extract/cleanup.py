"""Boilerplate lines that HTML extractors leave in an article body.

The title repeated as the first line, inline "Read more: ..." links to other articles, and
the trailing block of share, subscribe, newsletter and comment prompts.
"""

from __future__ import annotations

import re

# A line that points to another article ('Read more: Alibaba poised to ...', '[Related: ...]').
_OTHER_ARTICLE = re.compile(
    r"^\s*[\[(]?\s*(?:read more|read also|related(?: article| story| stories| articles| posts?)?|see also|"
    r"more|more on this|recommended|lesen sie auch|lesen sie mehr|mehr zum thema|auch interessant|lire aussi|"
    r"à lire aussi|a lire aussi|voir aussi|leer más|lee también|lea también|leia também|leia mais|leggi anche|"
    r"читайте также|читайте еще|читайте також|اقرأ أيضا|اقرأ أيضاً|اقرأ ايضا|بیشتر بخوانید)\s*[:：|»>]"
    r"|^\s*also on [\w-]+\.[\w.]+\s"
    r"|^\s*(?:you may also like|you might also like|more from|more stories|related stories|"
    r"related articles|das könnte sie auch interessieren|à lire également)\W*$",
    re.IGNORECASE,
)
# Reading-time and bare date lines that open a body ('Tempo de leitura: 2 minutos').
_OPENING = re.compile(
    r"^\s*(?:(?:reading time|read time|tempo de leitura|lesezeit|lesedauer|temps de lecture|tiempo de lectura|"
    r"tempo di lettura|время чтения)\s*:?\s*\d+|\d+\s*(?:min(?:ute)?s?|minuten|minutos)\.?\s*(?:read|lesezeit|"
    r"de leitura|de lectura|de lecture)\b)",
    re.IGNORECASE,
)
# A closing prompt: share, subscribe, newsletters, comments, tips, follow us.
_CLOSING = re.compile(
    r"(?:\bshare (?:it|this)\b|\blike this (?:story|article)\b|\bsubscribe\b|\bnewsletters?\b|"
    r"\bsign up\b|\bhave a tip\b|\btell us what you think\b|^\W*\d*\s*comments?\W*$|\bleave a comment\b|"
    r"^\s*follow\b.{0,80}\bon (?:facebook|twitter|instagram|x)\b|\bclick here\b|^\s*\[button\b|"
    r"\bdelivered (?:to|through) your\b|^\s*filed under\b|^\s*(?:tags|schlagworte|mots-clés)\s*:|"
    r"\bin your inbox\b|\ball rights reserved\b|^\W*copyright\b|\bteilen sie\b|\babonnieren\b|"
    # a call for readers' letters closing an opinion piece
    r"\bwe(?:'|’)d (?:like|love) to hear\b|\bwe want to hear from you\b|\bsend us your (?:thoughts|views|letters?)\b|"
    r"\bpartagez\b|\babonnez-vous\b|\bsuscríbete\b|\bподпишитесь\b)",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"[.!?。؟…\"”’»)]\s*$")
#: Longest line that may be a closing prompt (characters); longer lines are article text.
CLOSING_MAX = 220
#: At most this many lines are trimmed from the end.
CLOSING_LINES = 6


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _is_date_line(line: str) -> bool:
    from dyads.extract.pagedates import dates_in_text  # (pagedates imports nothing from here)

    line = line.strip()
    return (len(line) <= 60 and not line.endswith((".", "!", "?", ":")) and bool(dates_in_text(line))
            and len(re.findall(r"[^\W\d_]{4,}", line)) <= 5)


def trim_boilerplate(text: str, title: str | None = None) -> str:
    """The body without a repeated title, links to other articles and the closing prompts."""
    lines = text.split("\n")
    if title and lines and len(_norm(title)) >= 12 and _norm(lines[0]) == _norm(title) and len(lines) > 1:
        lines = lines[1:]
    # opening reading-time or bare date lines
    while len(lines) > 1 and (_OPENING.match(lines[0]) or _is_date_line(lines[0])):
        lines = lines[1:]
    kept: list[str] = []
    after_link = False
    for line in lines:
        if _OTHER_ARTICLE.match(line):
            after_link = True
            continue
        # the list of headlines under a 'Related:' line
        if after_link and _LIST_ITEM.match(line) and len(line) <= 120 and not _SENTENCE_END.search(line):
            continue
        after_link = False
        kept.append(line)
    lines = kept
    trimmed = 0
    while lines and trimmed < CLOSING_LINES and len(lines) > 1:
        last = lines[-1]
        if not last.strip() or (len(last) <= CLOSING_MAX and not _LIST_ITEM.match(last) and _CLOSING.search(last)):
            lines.pop()
            trimmed += 1
        else:
            break
    return "\n".join(lines)
