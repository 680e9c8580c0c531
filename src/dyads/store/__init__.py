"""Store stage: the embedded DuckDB database (schema, transactional writes, queries, exports).

Contract: ``open_store(path)`` returns a ``Store``; ``Store.write_batch`` writes a batch of
``ProcessedDocument`` in one transaction. All SQL of dyads lives in this package.
"""

from dyads.store.duck import (
    DEFAULT_DB,
    EXPORTS,
    READ_WAIT_SECONDS,
    HeldStore,
    Store,
    StoreError,
    default_db_path,
    open_store,
    run_lock,
)

__all__ = [
    "DEFAULT_DB", "EXPORTS", "READ_WAIT_SECONDS", "HeldStore", "Store", "StoreError", "default_db_path",
    "open_store", "run_lock",
]
