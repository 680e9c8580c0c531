"""Near-duplicate fingerprints: MinHash over word shingles, cut into LSH bands.

The store keeps the band keys so that a later copy of an article (syndication, a repost
with a new headline, small edits) is found among millions with an indexed lookup.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from dyads.extract.core import normalize_for_hash

NUM_PERM = 128
BANDS = 32  # 32 bands of 4 rows: pairs at Jaccard 0.8 collide in at least one band with p > 0.99
ROWS = NUM_PERM // BANDS
SHINGLE_WORDS = 5
#: Estimated Jaccard similarity above which two bodies are the same article.
DUPLICATE_THRESHOLD = 0.8
_SEED = 7


@dataclass(frozen=True)
class Fingerprint:
    """A body's MinHash signature and its LSH band keys."""

    signature: np.ndarray
    bands: tuple[int, ...]

    def similarity(self, other_signature: np.ndarray) -> float:
        """Estimated Jaccard similarity with another signature."""
        return float(np.mean(self.signature == other_signature))

    def signature_bytes(self) -> bytes:
        """The signature as bytes, for storage."""
        return self.signature.astype(np.uint64).tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """Inverse of ``Fingerprint.signature_bytes``."""
    return np.frombuffer(data, dtype=np.uint64)


def fingerprint(text: str) -> Fingerprint:
    """MinHash fingerprint of a body (word 5-shingles of the normalised text)."""
    words = re.findall(r"\w+", normalize_for_hash(text))
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    signature = minhash.hashvalues.astype(np.uint64)
    bands = tuple(
        # a band key: a 64-bit digest of the band number and its rows, signed to fit a BIGINT column
        int.from_bytes(
            hashlib.blake2b(bytes([band]) + signature[band * ROWS : (band + 1) * ROWS].tobytes(),
                            digest_size=8).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    )
    return Fingerprint(signature=signature, bands=bands)
