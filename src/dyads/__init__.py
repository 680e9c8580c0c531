"""dyads: evidence-linked political event data (CAMEO/PLOVER) from raw news articles.

Python API: ``Pipeline`` runs the stage chain; ``open_store`` opens a database.
"""

from dyads.pipeline import Pipeline
from dyads.store import open_store

__version__ = "0.1.0"
__all__ = ["Pipeline", "__version__", "open_store"]
