"""One Arabic-script letter folding for every stage: names and time words meet in any spelling."""

from __future__ import annotations

import pytest

from dyads.kb.normalize import normalize_name
from dyads.letters import fold_arabic_letters
from dyads.time.languages import fold


@pytest.mark.parametrize("variant, plain", [
    ("إيران", "ايران"),  # hamza below alef
    ("سوریه", "سوريه"),  # Persian yeh
    ("کشور", "كشور"),  # keheh
    ("مدرسة", "مدرسه"),  # teh marbuta
    ("مـوسـكو", "موسكو"),  # tatweel
])
def test_variants_fold_to_one_letter(variant, plain):
    assert fold_arabic_letters(variant) == plain


def test_the_joiner_joins_names_and_splits_time_words():
    """می‌خواهد: one token for a name lookup, two words for a time phrase, in every stage that folds."""
    assert fold_arabic_letters("می\u200cخواهد") == "ميخواهد"
    assert fold_arabic_letters("می\u200cخواهد", joiner=" ") == "مي خواهد"
    assert fold("هفته\u200cی گذشته") == "هفته ي گذشته"
    assert normalize_name("إيران") == normalize_name("ایران")
    assert normalize_name("ولادیمیر پوتین") == normalize_name("فلاديمير بوتين".replace("ف", "و").replace("ب", "پ"))
