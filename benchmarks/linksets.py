"""The entity-linking gold sets and their scores.

Three sets, scored side by side by ``bench_linking.py`` and held to floors by ``tests/test_linking_floors.py``:

- own: ``data/linking_gold.jsonl``, articles written for the project, every mention of a KB actor marked;
- real working and real kept: ``data/linking_real_gold.jsonl``, mentions drawn at random from the bodies
  of the English pages in ``../shared/dev-data`` (``sample_linking_real.py``) and labelled by hand with
  the KB actor they refer to, or null when the KB does not hold it, before the linker ran on them.

The real gold holds no page text: each mention names its page ("extraction/<id>" or "dates/<id>"),
character offsets into the page body, the surface of the name, and short hashes of the surface and of
its context. Bodies are read at run time: an extraction page's body is that benchmark's gold body; a
dates page's body is what dyads' extractor gives for its HTML. When a body changes (the extractor is
improved), a mention is found again by its surface and context hash; mentions that cannot be found
are counted as drifted and left out. Pages were dealt whole to the working or the kept half.

A gold mention is scored against the linker's mentions that overlap its span:
- linked: one of them carries a KB actor; right when one of them carries the gold actor;
- link accuracy: right actor, or no KB actor at all where the gold is null;
- provisional: one of them carries a provisional actor (``new:...``, a person the KB does not know).
A mention of a region, a town or the Gaza Strip labelled "not in the KB" may carry ``place_ids``
(GeoNames ``geo:<id>``, ``feature:<slug>``): once the KB holds one of them, it is the gold.
Precision = right links / linked, recall = right links / gold mentions in the KB. On the own set,
whose gold marks every KB mention of its articles, precision counts every KB link the linker makes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dyads import Pipeline
from dyads.extract import content_hash, extract_document
from dyads.extract.language import detect_language
from dyads.nlp import parse_documents
from dyads.types import Document, Mention, RawInput

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DEV_DATA = SHARED / "dev-data"
OWN_GOLD = HERE / "data" / "linking_gold.jsonl"
REAL_GOLD = HERE / "data" / "linking_real_gold.jsonl"
FLOORS = HERE / "linking_floors.json"
#: What a gold mention names, in words, for the error classes.
WHAT_WORDS = {
    "person": "person", "org": "organisation", "state": "state or its people", "city": "city", "town": "town",
    "district": "district", "region": "region, province or continent", "place": "other place (street, building, "
    "camp, landform)", "role": "role phrase", "group": "group or nationality", "other": "name of no actor "
    "(product, event, work, title)",
}
#: Words on each side of a mention that its context hash covers.
CONTEXT_WORDS = 3
_WORD = re.compile(r"\w+")

@dataclass(frozen=True)
class Page:
    """One English page body and the publication day used to resolve its roles."""

    page_id: str  # "extraction/<id>" or "dates/<id>"
    text: str
    published: str | None


def short_hash(text: str) -> str:
    """Eight hex digits of the SHA-256 of ``text``: enough to notice that a span moved."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def context_hash(text: str, start: int, end: int) -> str:
    """Hashes of the words before and after a span ("left:right"), to re-find it in a changed body:
    words only, lowercased, so that a changed line break, table border or spacing does not matter."""
    before = _WORD.findall(text[max(0, start - 120):start])[-CONTEXT_WORDS:]
    after = _WORD.findall(text[end:end + 120])[:CONTEXT_WORDS]
    return f"{short_hash(' '.join(before).lower())[:6]}:{short_hash(' '.join(after).lower())[:6]}"


def available() -> bool:
    """True when ../shared/dev-data holds the extraction and dates pages."""
    return (DEV_DATA / "extraction" / "gold.jsonl").is_file() and (DEV_DATA / "dates" / "gold.jsonl").is_file()


def _extracted(folder: str, item: dict):
    raw = gzip.decompress((DEV_DATA / folder / "html" / f"{item['id']}.html.gz").read_bytes())
    return extract_document(RawInput(source=f"{folder}/{item['id']}", content=raw, kind="html", url=item.get("url")))


def load_pages(wanted: set[str] | None = None) -> dict[str, Page]:
    """The English pages of ../shared/dev-data by page id, or only the ``wanted`` ones (whatever
    their language). Extraction pages keep their gold body and take the day dyads' extractor reads
    from the HTML (that set has no gold dates); dates pages take dyads' body and their gold day."""
    pages: dict[str, Page] = {}
    for folder in ("extraction", "dates"):
        for line in (DEV_DATA / folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            page_id = f"{folder}/{item['id']}"
            if wanted is not None and page_id not in wanted:
                continue
            document = _extracted(folder, item)
            if not isinstance(document, Document):
                continue  # no body: nothing to label
            if folder == "extraction":
                text, published = item["text"], document.published
            else:
                text, published = document.text, item.get("date")
            if wanted is None and detect_language(text) != "en":
                continue
            pages[page_id] = Page(page_id, text, published)
    return pages


def load_gold(path: Path = REAL_GOLD) -> list[dict]:
    """The labelled mentions, one dict per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def anchor(mention: dict, text: str) -> tuple[int, int] | None:
    """Where a gold mention lies in ``text`` now: its own offsets while the surface hash still matches
    there; else the occurrence of the surface with the same words on both sides; else the only
    occurrence with the same words on one side; else None (drifted: the body lost or reworded it)."""
    start, end = mention["start"], mention["end"]
    if short_hash(text[start:end]) == mention["sha"]:
        return start, end
    surface = mention["surface"]
    left, right = mention["ctx"].split(":")
    one_side = []
    at = text.find(surface)
    while at >= 0:
        found_left, found_right = context_hash(text, at, at + len(surface)).split(":")
        if (found_left, found_right) == (left, right):
            return at, at + len(surface)
        if found_left == left or found_right == right:
            one_side.append(at)
        at = text.find(surface, at + 1)
    if len(one_side) == 1:
        return one_side[0], one_side[0] + len(surface)
    return None


@dataclass
class LinkScore:
    """Counts of one set's scoring and the figures made from them."""

    name: str
    mentions: int = 0  # gold mentions scored
    in_kb: int = 0  # gold mentions whose referent the KB holds
    linked: int = 0  # mentions the linker tied to a KB actor (own set: all its KB links)
    right: int = 0  # links to the gold actor
    correct: int = 0  # right actor, or no KB actor where the gold is null
    provisional: int = 0  # gold mentions the linker gave a provisional actor
    drifted: int = 0  # gold mentions no longer found in their page body
    errors: Counter = field(default_factory=Counter)  # error class -> count
    details: list[str] = field(default_factory=list)  # one line per error

    def figures(self) -> dict[str, float]:
        """Precision, recall, link accuracy and the provisional share."""
        return {
            "precision": self.right / self.linked if self.linked else 0.0,
            "recall": self.right / self.in_kb if self.in_kb else 0.0,
            "accuracy": self.correct / self.mentions if self.mentions else 0.0,
            "provisional": self.provisional / self.mentions if self.mentions else 0.0,
        }


def _link(pipeline: Pipeline, documents: list[Document]) -> list[list[Mention]]:
    nlp, linker = pipeline._part("nlp"), pipeline._part("linker")
    return [linker.link(parsed)[0] for parsed in parse_documents(nlp, documents)]


def _judge(score: LinkScore, kb_actors, gold: str | None, accepted: set[str], what: str,
           overlapping: list[Mention], where: str) -> None:
    """Score one gold mention against the linker's mentions overlapping it."""
    ours = [m for m in overlapping if m.actor_id in kb_actors]
    score.mentions += 1
    score.in_kb += gold is not None
    score.provisional += any(m.actor_id.startswith("new:") for m in overlapping)
    if ours:
        score.linked += 1
    if any(m.actor_id in accepted for m in ours):
        score.right += 1
        score.correct += 1
        return
    if gold is None and not ours:
        score.correct += 1
        return
    what = WHAT_WORDS.get(what, what)
    if gold is None:
        kind = f"{what} not in the KB, linked to a KB actor"
    elif ours:
        kind = f"{what} linked to the wrong KB actor"
    else:
        kind = f"{what} left unlinked"
    score.errors[kind] += 1
    score.details.append(f"{where}: {kind}; gold {gold}, ours {[(m.surface, m.actor_id) for m in overlapping]}")


def score_own(pipeline: Pipeline) -> LinkScore:
    """The own gold: every KB mention of its articles is marked, so precision counts every KB link
    the linker makes; a predicted mention counts for one gold mention at most."""
    items = [json.loads(line) for line in OWN_GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    kb = pipeline._part("kb")
    documents = [Document(doc_id=i["id"], source="gold", text=i["text"], content_hash=content_hash(i["text"]),
                          published=i.get("published")) for i in items]
    score = LinkScore("own")
    for item, mentions in zip(items, _link(pipeline, documents), strict=True):
        ours = [m for m in mentions if m.actor_id in kb.actors]
        score.linked += len(ours)
        used: set[int] = set()
        for gold in item["mentions"]:
            score.mentions += 1
            score.in_kb += 1
            overlapping = [k for k, m in enumerate(ours) if m.start < gold["end"] and gold["start"] < m.end]
            score.provisional += any(m.actor_id.startswith("new:") and m.start < gold["end"] and gold["start"] < m.end
                                     for m in mentions)
            hit = next((k for k in overlapping if k not in used and ours[k].actor_id == gold["actor_id"]), None)
            if hit is not None:
                used.add(hit)
                score.right += 1
                score.correct += 1
                continue
            kind = "mention linked to the wrong KB actor" if overlapping else "mention left unlinked"
            score.errors[kind] += 1
            score.details.append(f"{item['id']} {gold['surface']!r}: {kind}; gold {gold['actor_id']}, "
                                 f"ours {[(ours[k].surface, ours[k].actor_id) for k in overlapping]}")
        for k, m in enumerate(ours):
            if k not in used and not any(m.start < g["end"] and g["start"] < m.end for g in item["mentions"]):
                score.errors["link where the gold marks no mention"] += 1
                score.details.append(f"{item['id']} {m.surface!r}: extra link to {m.actor_id} ({m.kind})")
    return score


@cache
def _real_bodies(pages: frozenset[str]) -> dict[str, str]:
    return {page_id: page.text for page_id, page in load_pages(set(pages)).items()}


def real_gold(half: str) -> list[dict]:
    """The real-text gold mentions of one half ("working" or "kept")."""
    return [m for m in load_gold() if m["half"] == half]


def score_real(pipeline: Pipeline, half: str) -> LinkScore:
    """One half of the real-text gold (needs ../shared/dev-data)."""
    gold = real_gold(half)
    bodies = _real_bodies(frozenset(m["page"] for m in gold))
    days = {m["page"]: m.get("published") for m in gold}
    page_ids = sorted(p for p in days if p in bodies)
    documents = [Document(doc_id=p, source="real", text=bodies[p], content_hash=content_hash(bodies[p]),
                          published=days[p]) for p in page_ids]
    linked = dict(zip(page_ids, _link(pipeline, documents), strict=True))
    kb = pipeline._part("kb")
    score = LinkScore(f"real {half}")
    for mention in gold:
        text = bodies.get(mention["page"])
        span = anchor(mention, text) if text is not None else None
        if span is None:
            score.drifted += 1
            continue
        start, end = span
        overlapping = [m for m in linked[mention["page"]] if m.start < end and start < m.end]
        # a place the KB did not hold when it was labelled counts once the KB holds it (a gazetteer)
        later = [p for p in mention.get("place_ids", ()) if p in kb.actors]
        gold = mention["gold"] or (later[0] if later else None)
        accepted = {gold, *mention.get("alt", ()), *later} - {None}
        _judge(score, kb.actors, gold, accepted, mention.get("what", "mention"), overlapping,
               f"{mention['page']}@{start} {mention['surface']!r}")
    return score


def floors() -> dict[str, dict[str, float]]:
    """The floors ``make test`` holds the sets to (benchmarks/linking_floors.json)."""
    return {k: v for k, v in json.loads(FLOORS.read_text(encoding="utf-8")).items() if not k.startswith("_")}
