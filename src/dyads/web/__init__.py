"""Web stage: the explorer (dyads serve) over a store, with a JSON API under /api."""

from dyads.web.app import create_app, serve

__all__ = ["create_app", "serve"]
