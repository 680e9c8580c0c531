"""Dev script: how many PLOVER records of the working half have their gold sides among the linked actors.

For each record of ``../shared/dev-data/events-plover`` (working half only; the kept half is not
looked at), the countries of the linked mentions (the first three letters of a mention's CAMEO code,
else the actor's country) are compared with the gold source and target of the focal event. A side
counts as linked when its country is among them; a record counts when all its sides are. This
measures the knowledge base and linker alone, before any event coding.

    .venv/bin/python benchmarks/plover_sides.py [--missed]

``--missed`` lists the ids of working-half records with a side not linked.
"""

from __future__ import annotations

import sys
from collections import Counter

from eventsets import plover_records, shared_present

from dyads import Pipeline
from dyads.nlp import parse_documents
from dyads.time import resolve_times
from dyads.types import Document


def linked_countries(pipeline: Pipeline, record: dict, people: Counter) -> set[str]:
    """The countries of the mentions the linker finds in one record's sentence; ``people`` counts
    its mentions of people: of the base, provisional with a government code from their title, or
    provisional with none."""
    text = record["text"]
    document = Document(doc_id=record["id"], source="plover", text=text, content_hash=record["id"],
                        published=record.get("date"))
    parsed = next(parse_documents(pipeline._part("nlp"), [document]))
    times = resolve_times(parsed, pipeline._part("periods"))
    mentions, _provisional = pipeline._part("linker").link(parsed, times)
    kb = pipeline.knowledge_base()
    found = set()
    for mention in mentions:
        actor = kb.actors.get(mention.actor_id)
        country = mention.code[:3] if mention.code else (actor.country if actor is not None else None)
        if country:
            found.add(country)
        if actor is not None and actor.type == "person":
            people["base"] += 1
        elif mention.actor_id.startswith("new:"):
            people["provisional, coded" if mention.code else "provisional, no code"] += 1
    return found


def main() -> None:
    """Print the share of working-half records and sides whose gold country is linked."""
    if not shared_present():
        print("../shared/dev-data is absent: nothing to count")
        return
    pipeline = Pipeline()
    records = plover_records("working")
    whole = sides = sides_linked = 0
    missed = []
    people: Counter = Counter()
    for record in records:
        countries = linked_countries(pipeline, record, people)
        gold = {c for event in record["expected"] for c in (event["source"], event["target"]) if c}
        hits = {c for c in gold if c in countries}
        sides += len(gold)
        sides_linked += len(hits)
        whole += hits == gold
        if hits != gold:
            missed.append(record["id"])
    print(f"PLOVER working half: {len(records)} records; all gold sides linked in {whole} "
          f"({whole / len(records):.3f}); sides linked {sides_linked}/{sides} ({sides_linked / sides:.3f})")
    print("mentions of people: " + ", ".join(f"{k} {v}" for k, v in sorted(people.items())))
    if "--missed" in sys.argv:
        print("\n".join(missed))


if __name__ == "__main__":
    main()
