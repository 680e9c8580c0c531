"""The query API over a store, taking actor names as users write them; results are pandas frames."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from dyads.analysis.resolve import resolve_actor
from dyads.extract.language import language_code
from dyads.kb.base import KnowledgeBase, load_knowledge_base
from dyads.store import Store
from dyads.store import queries as q
from dyads.types import Actor


def _kb(kb: KnowledgeBase | None) -> KnowledgeBase:
    return kb if kb is not None else load_knowledge_base()


def dyad(store: Store, a: str, b: str, by: str = "month", since: str | None = None, until: str | None = None,
         modes: tuple[str, ...] | None = None, kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """Events between A and B per period, both directions: QuadClass counts, Goldstein sum and mean."""
    kb = _kb(kb)
    return q.dyad_series(store, resolve_actor(a, kb, store), resolve_actor(b, kb, store), by, since, until, modes)


def _codes(selected: q.ActorFilter, kb: KnowledgeBase) -> tuple[str, ...]:
    """CAMEO code prefixes for an actor filter (GDELT knows codes, not our actor ids)."""
    if selected.code_prefixes:
        return selected.code_prefixes
    return tuple(code for a in selected.actor_ids if a in kb.actors for code in kb.actors[a].codes[:1]) or ("?",)


def gdelt_dyad(store: Store, a: str, b: str, by: str = "month", since: str | None = None, until: str | None = None,
               kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """The dyad series over imported GDELT events, for comparison with ``dyad``."""
    kb = _kb(kb)
    a_codes = _codes(resolve_actor(a, kb, store), kb)
    b_codes = _codes(resolve_actor(b, kb, store), kb)
    return q.gdelt_dyad_series(store, a_codes, b_codes, by, since, until)


def languages(spec: str | Iterable[str] | None) -> tuple[str, ...] | None:
    """Language codes from "ru", "ru,ar" or ["ru", "AR"] (normalised: ISO 639-1, lower case);
    None for no filter. Raises ValueError for a value that is no language code."""
    if spec is None:
        return None
    parts = spec.split(",") if isinstance(spec, str) else [p for item in spec for p in str(item).split(",")]
    codes = tuple(dict.fromkeys(language_code(p) for p in parts if p.strip()))
    return codes or None


def events(store: Store, source: str | None = None, target: str | None = None, code: str | None = None,
           since: str | None = None, until: str | None = None, modes: tuple[str, ...] | None = None,
           language: str | Iterable[str] | None = None, limit: int | None = 100,
           kb: KnowledgeBase | None = None) -> pd.DataFrame:
    """Events matching the filters, newest first, with their evidence sentences and the language of
    their document; ``language`` keeps events of these languages ("ru", "ru,ar" or a list)."""
    kb = _kb(kb) if (source or target) else kb
    return q.list_events(store, q.EventQuery(
        source=resolve_actor(source, kb, store) if source else None,
        target=resolve_actor(target, kb, store) if target else None,
        code=code, since=since, until=until, modes=modes, languages=languages(language), limit=limit,
    ))


@dataclass
class ActorProfile:
    """What the store and the knowledge base know about one actor."""

    actor: Actor | None
    label: str
    partners: pd.DataFrame
    timeline: pd.DataFrame


def actor_profile(store: Store, name: str, limit: int = 50, kb: KnowledgeBase | None = None) -> ActorProfile:
    """Profile, roles, top partners and a timeline of events (either side) of an actor."""
    kb = _kb(kb)
    selected = resolve_actor(name, kb, store)
    actor = kb.actors.get(selected.actor_ids[0]) if selected.actor_ids else kb.actors.get(selected.label)
    as_source = q.list_events(store, q.EventQuery(source=selected, limit=limit))
    as_target = q.list_events(store, q.EventQuery(target=selected, limit=limit))
    timeline = pd.concat([as_source, as_target]).drop_duplicates("event_id")
    timeline = timeline.sort_values(["date", "event_id"], ascending=[False, True], na_position="last").head(limit)
    return ActorProfile(actor, selected.label, q.actor_partners(store, selected), timeline.reset_index(drop=True))


def search(store: Store, text: str, limit: int = 20) -> pd.DataFrame:
    """Full-text search over article bodies and evidence sentences."""
    return q.search(store, text, limit)


def sql(store: Store, query: str) -> pd.DataFrame:
    """A read-only SQL query (the store must be opened read-only)."""
    return q.read_only_sql(store, query)
