"""Turning what a user types for an actor (a name, an actor id, a code) into an ``ActorFilter``."""

from __future__ import annotations

import re

from dyads.kb.base import KnowledgeBase
from dyads.store import Store
from dyads.store.queries import ActorFilter, stored_actor_ids

_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")


class UnknownActorError(LookupError):
    """Nothing in the knowledge base or the store answers to the given name."""


def resolve_actor(spec: str, kb: KnowledgeBase, store: Store | None = None) -> ActorFilter:
    """Resolve a name ("Ibrahim Raisi", "Russia"), an actor id ("raisi_ebrahim") or a CAMEO code ("RUSGOV").

    States select every event whose actor code starts with their country code, so "Russia"
    covers RUS, RUSGOV, RUSMIL and the Russian people of the knowledge base; people and
    organisations select their own actor id.
    """
    spec = spec.strip()
    if spec in kb.actors or (store is not None and stored_actor_ids(store, [spec])):
        actor = kb.actors.get(spec)
        if actor is not None and actor.type == "state":
            return ActorFilter(label=actor.actor_id, code_prefixes=(actor.actor_id,))
        return ActorFilter(label=actor.name if actor else spec, actor_ids=(spec,))
    if _CODE.match(spec):
        return ActorFilter(label=spec, code_prefixes=(spec,))
    found = kb.lookup(spec)
    if not found:
        raise UnknownActorError(f"no actor named {spec!r} (try 'dyads kb search {spec}')")
    actor = found[0]
    if actor.type == "state":
        return ActorFilter(label=actor.actor_id, code_prefixes=(actor.actor_id,))
    return ActorFilter(label=actor.name, actor_ids=(actor.actor_id,))
