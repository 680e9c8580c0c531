"""Check the leaders table (``dyads/kb/data/leaders/*.psv``) and show where it has gaps.

    .venv/bin/python scripts/check_leaders.py [REGION.psv ...] [--gaps]

Prints, for the files named (all when none is): terms given twice and terms of one office that
overlap (``dyads.kb.leaders.check_terms``); then, over the whole base (``people.jsonl`` and the
table), offices of the table held by two different people at once in two different years (the
same person spelt two ways, or a term the table repeats from ``people.jsonl`` with other dates).
With ``--gaps``: for every UN member state, the years from 1975 with no head of state or
government in the base. Exits 1 when a problem is found.
"""

from __future__ import annotations

import sys
from importlib import resources

from dyads.kb import load_knowledge_base
from dyads.kb.leaders import HEAD_TITLES, LEADERS_DIR, check_terms, last_day, parse_terms

#: The 193 member states of the United Nations (ISO alpha-3).
UN_MEMBERS = sorted(set("""
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR
BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU
EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND
IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS
MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK
PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP
SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR
ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
""".split()))
FIRST_YEAR = 1975


def main(argv: list[str]) -> int:
    """Run the checks; 0 when the table is clean."""
    folder = resources.files("dyads.kb") / "data" / LEADERS_DIR
    names = [a for a in argv if not a.startswith("--")]
    files = [folder / n for n in names] or sorted((e for e in folder.iterdir() if e.name.endswith(".psv")),
                                                   key=lambda e: e.name)
    problems = []
    table: set[tuple[str, str, str]] = set()  # (country, title, start) of the table's terms
    for entry in files:
        terms = list(parse_terms(entry.read_text(encoding="utf-8").splitlines(), entry.name))
        found = check_terms(terms)
        table.update((t.country, t.title, t.start) for t in terms)
        print(f"{entry.name}: {len(terms)} terms, {len({(t.country, t.name) for t in terms})} people, "
              f"{len({t.country for t in terms})} states, {len(found)} problems")
        problems += found
    kb = load_knowledge_base(with_cities=False)
    offices: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for actor in kb.actors.values():
        for role in actor.roles:
            if role.country and role.start and (role.title in HEAD_TITLES or role.title == "foreign minister"):
                offices.setdefault((role.country, role.title), []).append(
                    (role.start, last_day(role.end) if role.end else "9999", actor.actor_id))
    for (country, title), terms in sorted(offices.items()):
        if title == "head of state":
            continue
        terms.sort()
        for (start_a, end_a, a), (start_b, _end_b, b) in zip(terms, terms[1:], strict=False):
            from_table = (country, title, start_a) in table or (country, title, start_b) in table
            if a != b and from_table and end_a[:7] > start_b[:7] and end_a[:4] > start_b[:4]:
                problems.append(f"base: {country} {title}: {a} until {end_a} and {b} from {start_b}")
    for problem in problems:
        print(problem)
    if "--gaps" in argv:
        this_year = 2026
        for country in UN_MEMBERS:
            years: set[int] = set()
            for (c, title), terms in offices.items():
                if c == country and title != "foreign minister":
                    for start, end, _a in terms:
                        years.update(range(max(int(start[:4]), FIRST_YEAR), min(int(end[:4]), this_year) + 1))
            missing = sorted(set(range(FIRST_YEAR, this_year + 1)) - years)
            if missing:
                print(f"gap {country}: no head of state or government in {_ranges(missing)}")
    return 1 if problems else 0


def _ranges(years: list[int]) -> str:
    spans, start = [], years[0]
    for previous, year in zip(years, years[1:] + [None], strict=True):
        if year != previous + 1 if year is not None else True:
            spans.append(f"{start}-{previous}" if start != previous else str(start))
            start = year
    return ", ".join(spans)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
