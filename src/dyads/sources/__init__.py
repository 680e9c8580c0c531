"""Sources stage: turn paths (files, folders, JSONL, gzip, WARC, feeds; local or fsspec URLs) into ``RawInput``.

Contract: ``iter_inputs(paths)`` yields ``RawInput`` for every article it can read and
``InputError`` for every item it cannot; it never raises for bad input. ``plan_parts``
cuts the inputs into parts (files, or record ranges of big JSONL and WARC files) that
``PartReader`` reads on their own, as a stream, so workers can share one big file.
"""

from dyads.sources.files import (
    DEFAULT_MAX_BYTES,
    PART_BYTES,
    PartReader,
    iter_inputs,
    plan_parts,
    total_bytes,
)

__all__ = ["DEFAULT_MAX_BYTES", "PART_BYTES", "PartReader", "iter_inputs", "plan_parts", "total_bytes"]
