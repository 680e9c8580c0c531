"""Letter folding shared by the stages that match Arabic-script words (knowledge-base names, time words).

Arabic and Persian news write one letter in several ways: hamza forms of alef, Persian yeh and keheh
beside Arabic yeh and kaf, alef maksura, teh marbuta for heh, the tatweel stretch. Every stage that looks
a word up must fold them the same way, so the folding lives here, outside any one stage.
"""

from __future__ import annotations

#: Each variant and the letter it folds to; tatweel is dropped.
_ARABIC_LETTER_FOLD = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك", "ة": "ه", "ە": "ه",
                       "ۀ": "ه", "\u0640": None}
_TABLES = {joiner: str.maketrans({**_ARABIC_LETTER_FOLD, "\u200c": joiner}) for joiner in ("", " ")}


def fold_arabic_letters(text: str, joiner: str = "") -> str:
    """``text`` with Arabic-script letter variants folded to one form.

    ``joiner`` replaces the zero-width non-joiner Persian writes inside words and between a verb and its
    prefix (می‌خواهد): "" joins the parts into one word (names: one token), " " splits them (time
    phrases, matched word by word)."""
    return text.translate(_TABLES[joiner])
