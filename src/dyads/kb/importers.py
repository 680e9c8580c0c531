"""Reading users' actor files into knowledge-base records: our JSONL, CSV, and Wikidata JSON dumps.

Every reader yields records in the documented JSONL format (docs/knowledge-base.md) and
raises ``KnowledgeBaseError`` naming the file and line of anything it cannot read.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path

from dyads.kb.base import VALID_TYPES, KnowledgeBaseError, iter_records

# Wikidata classes (P31 values) that tell an entity's type.
WIKIDATA_PERSON = {"Q5"}
WIKIDATA_STATE = {"Q6256", "Q3624078", "Q3024240", "Q7275"}
WIKIDATA_ORGANIZATION = {"Q43229", "Q484652", "Q7278", "Q245065", "Q1127126", "Q2659904", "Q17149090", "Q7210356",
                         "Q327333", "Q15911314"}
WIKIDATA_GROUP = {"Q17127659", "Q1520223", "Q2738074"}  # terrorist, rebel and militant groups
# Position labels -> our role titles; the longest matching phrase wins.
POSITION_TITLES = [
    ("supreme leader", "supreme leader"), ("vice president", "vice president"), ("prime minister", "prime minister"),
    ("minister of foreign affairs", "foreign minister"), ("foreign minister", "foreign minister"),
    ("secretary of state", "secretary of state"), ("minister of defence", "defence minister"),
    ("minister of defense", "defence minister"), ("defence minister", "defence minister"),
    ("defense minister", "defence minister"), ("secretary of defense", "secretary of defense"),
    ("chancellor", "chancellor"), ("crown prince", "crown prince"), ("president", "president"),
    ("king", "king"), ("queen", "queen"), ("emir", "emir"), ("sultan", "sultan"),
    ("chief of the general staff", "chief of the general staff"), ("mayor", "mayor"),
    ("speaker", "speaker of parliament"), ("secretary-general", "secretary general"),
    ("secretary general", "secretary general"),
]


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    if path.suffix == ".bz2":
        return bz2.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def read_actor_file(path: str | Path, state_qids: dict[str, str]) -> Iterator[dict]:
    """Records from a JSONL, CSV or Wikidata JSON dump file (chosen by content and suffix)."""
    path = Path(path)
    name = path.name.lower()
    with _open_text(path) as handle:
        if ".csv" in name:
            yield from _csv_records(handle, str(path))
            return
        first = handle.readline()
        rest = handle
        if first.strip().startswith("[") or '"claims"' in first:
            yield from _wikidata_records(first, rest, str(path), state_qids)
        else:
            yield from iter_records(_chain(first, rest), str(path))


def _chain(first: str, rest) -> Iterator[str]:
    yield first
    yield from rest


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def _csv_records(handle: io.TextIOBase, origin: str) -> Iterator[dict]:
    """CSV with columns actor_id, name, type, country, codes, aliases (lists separated by |), wikidata,
    lat, lon, and optional roles as JSON."""
    reader = csv.DictReader(handle)
    missing = {"actor_id", "name", "type"} - set(reader.fieldnames or ())
    if missing:
        raise KnowledgeBaseError(f"{origin}: CSV lacks column(s) {', '.join(sorted(missing))}")
    for number, row in enumerate(reader, start=2):
        if row["type"] not in VALID_TYPES:
            raise KnowledgeBaseError(f"{origin}:{number}: unknown type {row['type']!r}")
        try:
            roles = json.loads(row["roles"]) if row.get("roles") else []
            lat = float(row["lat"]) if row.get("lat") else None
            lon = float(row["lon"]) if row.get("lon") else None
        except (json.JSONDecodeError, ValueError) as exc:
            raise KnowledgeBaseError(f"{origin}:{number}: bad roles, lat or lon ({exc})") from exc
        yield {
            "actor_id": row["actor_id"], "name": row["name"], "type": row["type"],
            "country": row.get("country") or None, "codes": _split(row.get("codes")),
            "aliases": _split(row.get("aliases")), "wikidata": row.get("wikidata") or None, "roles": roles,
            "lat": lat, "lon": lon,
        }


def _claim_ids(entity: dict, prop: str) -> list[str]:
    found = []
    for claim in entity.get("claims", {}).get(prop, []):
        value = claim.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, dict) and "id" in value:
            found.append(value["id"])
    return found


def _qualifier_time(claim: dict, prop: str) -> str | None:
    for qualifier in claim.get("qualifiers", {}).get(prop, []):
        value = qualifier.get("datavalue", {}).get("value", {})
        time = value.get("time") if isinstance(value, dict) else None
        if time:
            day = time.lstrip("+")[:10]
            return day.replace("-00", "-01")
    return None


def _label(entity: dict) -> str | None:
    return (entity.get("labels", {}).get("en") or {}).get("value")


def _wikidata_records(first: str, rest, origin: str, state_qids: dict[str, str]) -> Iterator[dict]:
    """Stream a Wikidata JSON dump (one entity per line inside a JSON array): people with their
    positions held (P39, with start and end qualifiers), states and organisations."""
    positions: dict[str, tuple[str, str | None]] = {}  # position QID -> (label, country QID)
    people: list[tuple[dict, list[tuple[str, str | None, str | None]]]] = []
    for number, line in enumerate(_chain(first, rest), start=1):
        line = line.strip().rstrip(",")
        if line in ("[", "]", ""):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KnowledgeBaseError(f"{origin}:{number}: broken Wikidata entity ({exc.msg})") from exc
        classes = set(_claim_ids(entity, "P31"))
        label = _label(entity)
        if not label:
            continue
        jurisdiction = (_claim_ids(entity, "P1001") or _claim_ids(entity, "P17") or [None])[0]
        positions[entity["id"]] = (label, jurisdiction)
        aliases = [a["value"] for a in entity.get("aliases", {}).get("en", [])]
        if classes & WIKIDATA_PERSON:
            held = [(_claim.get("mainsnak", {}).get("datavalue", {}).get("value", {}).get("id"),
                     _qualifier_time(_claim, "P580"), _qualifier_time(_claim, "P582"))
                    for _claim in entity.get("claims", {}).get("P39", [])]
            country = state_qids.get((_claim_ids(entity, "P27") or [""])[0])
            people.append(({"actor_id": f"wd:{entity['id']}", "name": label, "type": "person", "country": country,
                            "codes": [f"{country}GOV"] if country and held else ([country] if country else []),
                            "aliases": aliases, "wikidata": entity["id"]}, held))
        elif classes & (WIKIDATA_STATE | WIKIDATA_ORGANIZATION | WIKIDATA_GROUP):
            kind = "state" if classes & WIKIDATA_STATE else ("group" if classes & WIKIDATA_GROUP else "organization")
            country = state_qids.get(entity["id"]) if kind == "state" else state_qids.get(jurisdiction or "")
            yield {"actor_id": state_qids.get(entity["id"], f"wd:{entity['id']}") if kind == "state"
                   else f"wd:{entity['id']}", "name": label, "type": kind, "country": country,
                   "codes": [country] if country else [], "aliases": aliases, "wikidata": entity["id"]}
    for record, held in people:
        roles = []
        for position, start, end in held:
            label, jurisdiction = positions.get(position, ("", None))
            title = next((ours for phrase, ours in POSITION_TITLES if phrase in label.lower()), None)
            if title:
                roles.append({"title": title, "country": state_qids.get(jurisdiction or "", record["country"]),
                              "sector": "GOV", "start": start, "end": end})
        record["roles"] = roles
        yield record
