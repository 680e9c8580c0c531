"""The one-screen summary printed at the end of a run."""

from __future__ import annotations

from dataclasses import dataclass, field

from dyads.types import InputError


@dataclass
class RunSummary:
    """What a run did and what the store holds afterwards."""

    added: int = 0
    skipped_known: int = 0
    errors: list[InputError] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    top_dyads: list[tuple[str, str, int, float]] = field(default_factory=list)
    #: documents and events per document language (ISO 639-1; '?' where none was identified)
    languages: dict[str, tuple[int, int]] = field(default_factory=dict)
    seconds: float = 0.0
    #: a Ray run that kept its Parquet shards instead of loading them: their folder
    shard_folder: str | None = None

    @property
    def failed(self) -> bool:
        """True when any input could not be read or extracted."""
        return bool(self.errors)


def format_summary(summary: RunSummary) -> str:
    """Human-readable summary: documents, actors, events, languages, top dyads."""
    counts = summary.counts
    if summary.shard_folder:
        return (f"run: {summary.added} documents in Parquet shards, {len(summary.errors)} inputs failed "
                f"({summary.seconds:.1f} s)\nshards: {summary.shard_folder} (not loaded; query in place, e.g. "
                f"SELECT count(*) FROM '{summary.shard_folder}/events/*.parquet')")
    lines = [
        f"run: {summary.added} documents added, {summary.skipped_known} already stored, "
        f"{len(summary.errors)} inputs failed ({summary.seconds:.1f} s)",
        f"store: {counts.get('documents', 0)} documents, {counts.get('sentences', 0)} sentences, "
        f"{counts.get('actors', 0)} actors, {counts.get('mentions', 0)} mentions, "
        f"{counts.get('events', 0)} events",
    ]
    if summary.languages:
        lines.append("languages (documents / events): " + ", ".join(
            f"{language} {documents} / {events}" for language, (documents, events) in summary.languages.items()))
    if summary.top_dyads:
        lines.append("top dyads (source -> target: events, mean Goldstein):")
        for source, target, n, goldstein in summary.top_dyads:
            lines.append(f"  {source:>4} -> {target:<4} {n:5d}  {goldstein:+.2f}")
    return "\n".join(lines)
