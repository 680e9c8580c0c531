"""Analysis stage: summaries, dyad series and actor profiles over a store."""

from dyads.analysis.summary import RunSummary, format_summary

__all__ = ["RunSummary", "format_summary"]
