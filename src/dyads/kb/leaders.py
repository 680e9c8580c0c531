"""Dated office holders since 1975: heads of state and government of every UN member state, and
foreign ministers of the G20, the Middle East and North Africa, the post-Soviet states, the Balkans
and the largest African states.

The table lives in ``dyads/kb/data/leaders/<region>.psv``, one term of office a line::

    KEN|P|Daniel arap Moi|1978-08-22|2002-12-30|Daniel Moi;Daniel Toroitich arap Moi

(country ISO alpha-3, title code, name, start, end (empty while in office), aliases separated by
``;``). Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``. The rows of one name in one file are one
person; a person the base already holds (``people.jsonl``, matched by name or alias and country)
gets the new terms added to its roles instead of a second actor. The format is compact because the
table has thousands of rows; each row becomes an ordinary person record with dated roles, so
linking reads it through the same alias, surname and role machinery as ``people.jsonl``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from dyads.kb.normalize import normalize_name

#: Title codes of the table -> the role titles of the base's vocabulary.
TITLES = {
    "P": "president", "PM": "prime minister", "K": "king", "Q": "queen", "E": "emir", "SU": "sultan",
    "SL": "supreme leader", "HS": "head of state", "GS": "general secretary", "CH": "chancellor",
    "FM": "foreign minister",
}
#: Titles that head a state or a government: a country with none in a year has a gap in the table.
HEAD_TITLES = frozenset(TITLES.values()) - {"foreign minister"}
#: The table's folder under ``dyads/kb/data``.
LEADERS_DIR = "leaders"
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class LeaderTableError(ValueError):
    """A row of the leaders table that does not follow its format."""


@dataclass(frozen=True)
class Term:
    """One term of office of the table."""

    country: str
    title: str
    name: str
    start: str
    end: str | None
    aliases: tuple[str, ...]
    origin: str  # file:line, for messages

    @property
    def end_day(self) -> str | None:
        """The last day of the term as an ISO date: a year or month given alone ends on its last day."""
        return last_day(self.end) if self.end else None


def last_day(date: str) -> str:
    """``1993`` -> ``1993-12-31``, ``1993-02`` -> ``1993-02-28``; full dates as they are."""
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:])
        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date


def parse_terms(lines: Iterable[str], origin: str) -> Iterator[Term]:
    """The terms of one table file; a broken row raises naming its file and line."""
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        where = f"{origin}:{number}"
        if len(fields) < 5:
            raise LeaderTableError(f"{where}: expected country|title|name|start|end[|aliases]")
        country, code, name, start, end = fields[:5]
        if code not in TITLES:
            raise LeaderTableError(f"{where}: unknown title code {code!r}")
        if not re.fullmatch(r"[A-Z]{3}", country) or not name:
            raise LeaderTableError(f"{where}: bad country {country!r} or empty name")
        for date in (start, end):
            if date and not _DATE.fullmatch(date):
                raise LeaderTableError(f"{where}: bad date {date!r}")
        if not start or (end and last_day(end) < start):
            raise LeaderTableError(f"{where}: no start, or the end comes before it")
        aliases = tuple(a.strip() for a in fields[5].split(";") if a.strip()) if len(fields) > 5 else ()
        yield Term(country, TITLES[code], name, start, end or None, aliases, where)


def read_terms(folder: Traversable | Path) -> list[Term]:
    """Every term of the table's files in ``folder`` (``*.psv``, read in name order)."""
    if not folder.is_dir():
        return []
    terms: list[Term] = []
    for entry in sorted((e for e in folder.iterdir() if e.name.endswith(".psv")), key=lambda e: e.name):
        terms += parse_terms(entry.read_text(encoding="utf-8").splitlines(), entry.name)
    return terms


def check_terms(terms: list[Term]) -> list[str]:
    """Problems of a table: a term given twice, and terms of one office that overlap by more than
    the day or month the office changed hands (two holders of one office at once). Offices several
    people hold at once by design (Bosnia's presidency, Andorra's co-princes, San Marino's captains
    regent) are written with the title ``head of state`` and are only checked for repeats."""
    problems = []
    seen: dict[tuple[str, str, str, str], str] = {}
    by_office: dict[tuple[str, str], list[Term]] = {}
    for term in terms:
        key = (term.country, term.title, term.name, term.start)
        if key in seen:
            problems.append(f"{term.origin}: the same term as {seen[key]}")
            continue
        seen[key] = term.origin
        by_office.setdefault((term.country, term.title), []).append(term)
    for (_country, title), office in by_office.items():
        if title == "head of state":
            continue
        office.sort(key=lambda t: t.start)
        for before, after in zip(office, office[1:], strict=False):
            end = before.end_day or "9999"
            # the successor's start may share the predecessor's last day, month or year when the
            # table knows no finer date; a longer overlap is two holders at once
            if end > last_day(after.start) and not (before.end and after.start.startswith(before.end)):
                problems.append(f"{after.origin}: {after.name} starts {after.start} while {before.name} "
                                f"({before.origin}) holds the office until {before.end or 'now'}")
    return problems


#: Latin letters that Unicode does not decompose into a base letter and a mark.
_UNDECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "þ": "th",
                               "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "ı": "i", "ħ": "h"})


def slug(name: str) -> str:
    """An actor id for a person of the table in the base's style: the name's last word in plain
    letters, then the others, joined by ``_`` (``moi_daniel_arap``)."""
    plain = unicodedata.normalize("NFKD", name.split(" of ")[0].translate(_UNDECOMPOSED)).encode(
        "ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain.replace("'", "")) or [normalize_name(name)[0]]
    if re.fullmatch(r"[ivx]+", words[-1]):  # a regnal number: "hasan_ii"
        return "_".join(words)
    return "_".join(words[-1:] + words[:-1])


def person_records(terms: Iterable[Term], known: Iterable[dict], taken_ids: set[str]) -> Iterator[dict]:
    """Person records for the table's terms, one per person. A person of ``known`` (records
    already in the base) with the term's name or alias, of that country, is extended with the
    table's terms (a term is added where the record holds no role of that title and country
    overlapping it) and aliases, and comes out under its own id; new people get an id from their
    name that is not in ``taken_ids``."""
    existing: dict[str, dict] = {}
    for record in known:
        for name in (record["name"], *(record.get("aliases") or ())):
            existing.setdefault(" ".join(normalize_name(name)), record)
    taken = set(taken_ids)
    people: dict[str, dict] = {}  # actor id -> record
    ids: dict[str, str] = {}  # normalised name of the table -> actor id
    for term in terms:
        key = " ".join(normalize_name(term.name))
        record = people.get(ids.get(key, ""))
        if record is None:
            base = existing.get(key) or next((existing[k] for a in term.aliases
                                              if (k := " ".join(normalize_name(a))) in existing), None)
            if base is not None and base["country"] not in (term.country, None) and not any(
                    r.get("country") == term.country for r in base.get("roles") or ()):
                base = None  # a namesake in another country
            if base is not None:
                record = people.get(base["actor_id"]) or {
                    **base, "aliases": list(base.get("aliases") or ()), "roles": list(base.get("roles") or ())}
            else:
                actor_id = slug(term.name)
                while actor_id in taken:
                    actor_id += "_"
                taken.add(actor_id)
                record = {"actor_id": actor_id, "name": term.name, "type": "person", "country": term.country,
                          "codes": [f"{term.country}GOV"], "aliases": [], "wikidata": None, "roles": []}
            people[record["actor_id"]] = record
            ids[key] = record["actor_id"]
        for alias in (term.name, *term.aliases):
            if alias != record["name"] and alias not in record["aliases"]:
                record["aliases"].append(alias)
        role = {"title": term.title, "country": term.country, "sector": "GOV", "start": term.start,
                "end": term.end_day}
        end = role["end"] or "9999"
        if not any(r.get("title") == term.title and r.get("country") == term.country
                   and (r.get("start") or "") <= end and term.start <= (r.get("end") or "9999")
                   for r in record["roles"]):
            record["roles"].append(role)
    yield from people.values()
