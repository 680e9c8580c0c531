"""Language identification with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

import py3langid


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for too little text."""
    sample = text[:2000]  # plenty for a language; identification time grows with the sample
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    language, _score = py3langid.classify(sample)
    return language
