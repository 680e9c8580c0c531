"""Sources stage: turn paths (files, folders, JSONL, gzip, WARC, feeds; local or fsspec URLs) into ``RawInput``.

Contract: ``iter_inputs(paths)`` yields ``RawInput`` for every article it can read and
``InputError`` for every item it cannot; it never raises for bad input.
"""

from dyads.sources.files import DEFAULT_MAX_BYTES, count_inputs, iter_input_files, iter_inputs

__all__ = ["DEFAULT_MAX_BYTES", "count_inputs", "iter_input_files", "iter_inputs"]
