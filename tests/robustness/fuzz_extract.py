"""Coverage-guided fuzzing of the HTML and plain-text extractors with atheris.

Run: .venv/bin/python tests/robustness/fuzz_extract.py -atheris_runs=20000
Any exception other than our documented results is a crash atheris reports.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from dyads.extract import extract_document
    from dyads.types import Document, InputError, RawInput


def one_input(data: bytes) -> None:
    """Feed the bytes to both extraction paths."""
    provider = atheris.FuzzedDataProvider(data)
    kind = "html" if provider.ConsumeBool() else "text"
    content = provider.ConsumeBytes(len(data))
    result = extract_document(RawInput(source="fuzz", content=content, kind=kind))
    if not isinstance(result, Document | InputError):
        raise TypeError(f"unexpected result {type(result)}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
