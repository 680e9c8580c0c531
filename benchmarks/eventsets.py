"""The event-coding gold sets, their working/kept split and their scores.

Three sets, scored side by side by ``bench_events.py`` and held to floors by ``tests/test_event_floors.py``:

- own: ``data/events_gold.jsonl``, sentences written for the project (text in the repo);
- real: ``data/events_real_gold.jsonl``, sentences drawn at random from the bodies of the real pages
  in ``../shared/dev-data`` (``draw_real_sentences.py``) and labelled by CAMEO's rules before the coder
  ran on them. The repo keeps only page id, character span and a short hash; the text is read from
  ``../shared`` at run time;
- plover: ``../shared/dev-data/events-plover/gold.jsonl``, real sentences whose focal event the PLOVER
  project's experts coded, scored by ``../shared/tools/score_events_plover.py``.

The real sets are split by id into a working half (errors may be looked at while changing rules) and a
kept half (reported only), with a fixed seed, so a record never changes halves.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from dyads import Pipeline
from dyads.extract import content_hash, extract_document
from dyads.types import UNCOUNTED_MODES, Document, ProcessedDocument, RawInput

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
DEV = SHARED / "dev-data"
OWN_GOLD = HERE / "data" / "events_gold.jsonl"
REAL_GOLD = HERE / "data" / "events_real_gold.jsonl"
#: Every sentence of the dev date pages in Arabic, Persian and Spanish (by page id, span and hash).
INTL_REAL_GOLD = HERE / "data" / "events_intl_real_gold.jsonl"
PLOVER_GOLD = DEV / "events-plover" / "gold.jsonl"
#: The labelled training sentences (training/draw_training.py): spans, and labels in parts.
TRAIN_SPANS = REPO / "training" / "events_real_train.jsonl"
TRAIN_LABELS = REPO / "training" / "labels"
PLOVER_SCORER = SHARED / "tools" / "score_events_plover.py"
#: The seed of the working/kept split; changing it would let kept errors leak into rule work.
SPLIT_SEED = "dyads-events-split-1"
#: Characters of the sentence's sha256 kept in the gold to check that the span still holds it.
HASH_CHARS = 12


def is_kept(record_id: str) -> bool:
    """Whether a real-text record belongs to the kept half (decided by a seeded hash of its id)."""
    return hashlib.sha256(f"{SPLIT_SEED}:{record_id}".encode()).digest()[0] % 2 == 1


def short_hash(text: str) -> str:
    """The short hash that ties a gold span to its sentence text (whitespace runs count as one space)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:HASH_CHARS]


def shared_present() -> bool:
    """Whether ../shared/dev-data with the real pages and PLOVER records is here."""
    return (DEV / "extraction" / "gold.jsonl").is_file() and PLOVER_GOLD.is_file()


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- the real pages -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    """A real page's body: the gold body of an extraction page, dyads' extraction of a date page."""

    page_id: str  # "extraction/<id>" or "dates/<id>"
    body: str
    date: str | None  # the gold publication day where the page has one


@cache
def _date_gold() -> dict[str, dict]:
    return {g["id"]: g for g in _jsonl(DEV / "dates" / "gold.jsonl")}


@cache
def _extraction_gold() -> dict[str, dict]:
    return {g["id"]: g for g in _jsonl(DEV / "extraction" / "gold.jsonl")}


@cache
def real_page(page_id: str) -> Page | None:
    """One real page by id, or None when absent or when dyads finds no body in it."""
    folder, _, name = page_id.partition("/")
    if folder == "extraction" and name in _extraction_gold():
        return Page(page_id, _extraction_gold()[name]["text"], None)
    if folder == "dates" and name in _date_gold():
        gold = _date_gold()[name]
        html = gzip.decompress((DEV / "dates" / "html" / f"{name}.html.gz").read_bytes())
        document = extract_document(RawInput(source=name, content=html, kind="html", url=gold.get("url")))
        return Page(page_id, document.text, gold.get("date")) if isinstance(document, Document) else None
    return None


def real_pages() -> dict[str, Page]:
    """Every real page in ../shared/dev-data with its body, by page id (empty when absent)."""
    if not shared_present():
        return {}
    ids = [f"extraction/{i}" for i in _extraction_gold()] + [f"dates/{i}" for i in _date_gold()]
    return {page_id: page for page_id in ids if (page := real_page(page_id)) is not None}


def locate(record: dict) -> tuple[int, int] | None:
    """The character span of a gold sentence in its page's body. When the body moved (a changed
    extractor) the sentence is found again by its hash: first a span of the same length anywhere in
    the body, then a sentence of the body."""
    page = real_page(record["page"])
    if page is None:
        return None
    body, start, end = page.body, record["start"], record["end"]
    if short_hash(body[start:end]) == record["sha"]:
        return start, end
    length = end - start
    for offset in range(max(0, len(body) - length + 1)):
        if short_hash(body[offset:offset + length]) == record["sha"]:
            return offset, offset + length
    return next(((a, b) for a, b in iter_sentences(body) if short_hash(body[a:b]) == record["sha"]), None)


# -- scoring --------------------------------------------------------------------------------------
def root_key(event: dict) -> tuple:
    """(source country, target country, root): the unit of the root-level scores; a missing side is ''."""
    return ((event.get("source") or "")[:3], (event.get("target") or "")[:3], event["code"][:2])


def full_key(event: dict) -> tuple:
    """(source code, target code, event code): the unit of the full-level scores."""
    return (event.get("source") or "", event.get("target") or "", event["code"])


def prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class SetScore:
    """Scores of one labelled sentence set (own or real)."""

    name: str
    sentences: int = 0
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    missing: int = 0  # gold spans no longer found in the page body
    errors: list[dict] = field(default_factory=list)

    def level(self, level: str) -> tuple[float, float, float]:
        """P, R, F1 at "root" or "full" level."""
        c = self.counts
        return prf(c[f"{level}_right"], c[f"{level}_predicted"], c[f"{level}_gold"])

    @property
    def no_event_accuracy(self) -> float:
        """Share of sentences without gold events where nothing happening was coded."""
        return self.counts["no_event_right"] / max(1, self.counts["no_event_total"])

    def figures(self) -> dict[str, float]:
        """The figures the floors are kept on."""
        root, full = self.level("root"), self.level("full")
        return {"root_p": root[0], "root_r": root[1], "root_f1": root[2], "full_f1": full[2],
                "no_event_accuracy": self.no_event_accuracy}


def coded_without_failure(predictions: Iterable[dict]) -> Iterator[dict]:
    """``Pipeline.code``'s records, stopping at the first the coder failed on: a benchmark that
    scored a crash as "no event" would pass a broken coder on sentences without events."""
    for predicted in predictions:
        if "error" in predicted:
            raise RuntimeError(f"coding {predicted['id']} failed: {predicted['error']}")
        yield predicted


def _ours(predicted: dict) -> list[dict]:
    return [{"source": e["source_code"], "target": e["target_code"], "code": e["cameo"], "mode": e["mode"]}
            for e in predicted["events"]]


def _tally(score: SetScore, item: dict, ours: list[dict]) -> None:
    """Add one sentence's gold and coded events to a score."""
    c = score.counts
    gold_events = item["events"]
    for level, key in (("root", root_key), ("full", full_key)):
        gold_keys, our_keys = Counter(map(key, gold_events)), Counter(map(key, ours))
        c[f"{level}_right"] += sum((gold_keys & our_keys).values())
        c[f"{level}_gold"] += sum(gold_keys.values())
        c[f"{level}_predicted"] += sum(our_keys.values())
    for gold_event in gold_events:
        match = next((o for o in ours if root_key(o) == root_key(gold_event)), None)
        if match is not None:
            c["modes_total"] += 1
            c["modes_right"] += match["mode"] == gold_event["mode"]
    if not gold_events:
        c["no_event_total"] += 1
        c["no_event_right"] += not [o for o in ours if o["mode"] not in UNCOUNTED_MODES]
    if Counter(map(root_key, gold_events)) != Counter(map(root_key, ours)):
        score.errors.append({"id": item["id"], "text": item["text"], "gold": gold_events, "ours": ours})


def score_sentences(pipeline: Pipeline, name: str, items: list[dict]) -> SetScore:
    """Code each item (``{"id","text","date","events"}``) as its own document and score it.

    Every gold and coded event counts, whatever its mode (like with like); a sentence without gold
    events is right when nothing coded there is said to happen (negated and hypothetical are fine).
    """
    score = SetScore(name, len(items))
    started = time.perf_counter()
    predictions = list(coded_without_failure(pipeline.code(
        {"id": i["id"], "text": i["text"], "date": i.get("date"), "language": i.get("language")} for i in items)))
    score.seconds = time.perf_counter() - started
    for item, predicted in zip(items, predictions, strict=True):
        _tally(score, item, _ours(predicted))
    return score


@dataclass
class PageRuns:
    """Whole real pages coded through the pipeline, each once per process (both halves share pages).

    A page is one document published on its gold day, as ``dyads run`` codes it, so a sentence's
    actors come from the page: a surname named in full earlier, the page's country, its dateline.
    """

    pipeline: Pipeline
    seconds: float = 0.0
    _runs: dict[str, ProcessedDocument] = field(default_factory=dict)

    def run(self, page_ids: list[str]) -> None:
        """Code the pages not coded yet (one batch through ``Pipeline.process``)."""
        todo = [p for p in dict.fromkeys(page_ids) if p not in self._runs and real_page(p) is not None]
        documents = []
        for page_id in todo:
            page = real_page(page_id)
            documents.append(Document(doc_id=page_id, source=f"bench:{page_id}", text=page.body,
                                      content_hash=content_hash(page.body), published=page.date,
                                      published_precision="day" if page.date else None))
        started = time.perf_counter()
        for processed in self.pipeline.process(documents):
            if not isinstance(processed, ProcessedDocument):  # a failed page would score as coding nothing
                raise RuntimeError(f"coding page {processed.source} failed: {processed.problem}")
            self._runs[processed.document.doc_id] = processed
        self.seconds += time.perf_counter() - started

    def events_in(self, page_id: str, start: int, end: int) -> list[dict]:
        """The page's events whose evidence sentence overlaps ``[start, end)``. Where the parser's
        sentence runs past the span (two sentences it did not split), an event counts only when one
        of its named actors stands inside the span."""
        processed = self._runs.get(page_id)
        if processed is None:
            return []
        found = []
        for event in processed.events:
            sentence = processed.sentences[event.sentence_index]
            if sentence.end <= start or sentence.start >= end:
                continue
            if sentence.start < start or sentence.end > end:
                spans = [s for s in (event.source_span, event.target_span) if s is not None]
                if not any(start <= a and b <= end for a, b in spans):
                    continue
            found.append({"source": event.source_code, "target": event.target_code, "code": event.cameo,
                          "mode": event.mode})
        return found


def score_in_pages(runs: PageRuns, name: str, items: list[dict]) -> SetScore:
    """Score real items (``{"id","page","start","end","events"}``) by the events coded in their whole
    page: those whose evidence sentence is the item's span (``PageRuns.events_in``)."""
    score = SetScore(name, len(items))
    before = runs.seconds
    runs.run([i["page"] for i in items])
    score.seconds = runs.seconds - before
    for item in items:
        _tally(score, item, runs.events_in(item["page"], item["start"], item["end"]))
    return score


def own_items() -> list[dict]:
    """The project's own gold sentences."""
    return _jsonl(OWN_GOLD)


#: Languages with a gold set of their own (``data/events_gold_<language>.jsonl``, sentences written for the
#: project in the style of that language's news agencies, labelled before the coder ran on them).
LANGUAGE_SETS = ("fr", "ru", "ar", "fa", "es")


def language_items(language: str, half: str) -> list[dict]:
    """One half ("working" or "kept") of a language's own gold sentences (split like the real sets)."""
    return [item for item in _jsonl(HERE / "data" / f"events_gold_{language}.jsonl")
            if is_kept(item["id"]) == (half == "kept")]


def language_real_items(half: str) -> tuple[list[dict], int]:
    """Every sentence of the Arabic, Persian and Spanish dev date pages (``data/events_intl_real_gold.jsonl``,
    by page id, span and hash) of one half with its text, and how many spans were not found (empty when
    ../shared is absent)."""
    items, missing = [], 0
    if not shared_present():
        return items, missing
    for record in _jsonl(INTL_REAL_GOLD):
        if is_kept(record["id"]) != (half == "kept"):
            continue
        text = locate(record)
        if text is None:
            missing += 1
            continue
        items.append({"id": record["id"], "text": text, "date": real_page(record["page"]).date,
                      "language": record["language"], "events": record["events"]})
    return items, missing


def _located(records: Iterable[dict]) -> tuple[list[dict], int]:
    """Records (``{"id","page","start","end","sha","events"}``) with their text and span in the page's
    body, and how many spans were not found there."""
    items, missing = [], 0
    for record in records:
        span = locate(record)
        if span is None:
            missing += 1
            continue
        page = real_page(record["page"])
        items.append({"id": record["id"], "page": record["page"], "start": span[0], "end": span[1],
                      "text": page.body[span[0]:span[1]], "date": page.date, "events": record["events"]})
    return items, missing


def real_items(half: str) -> tuple[list[dict], int]:
    """The real random sentences of one half ("working" or "kept") with their text and span in the
    page's body, and how many gold spans were not found in the bodies (empty when ../shared is absent)."""
    if not shared_present():
        return [], 0
    return _located(r for r in _jsonl(REAL_GOLD) if is_kept(r["id"]) == (half == "kept"))


def real_train_items() -> tuple[list[dict], int]:
    """The labelled training sentences (``training/``: drawn from the same English pages as the real
    gold, never one of its sentences) with their text and span, and how many spans were not found.
    They are working data: their errors may be read while changing rules."""
    if not shared_present():
        return [], 0
    labels = {}
    for path in sorted(TRAIN_LABELS.glob("part*.jsonl")):
        labels.update((r["id"], r["events"]) for r in _jsonl(path))
    return _located({**r, "events": labels[r["id"]]} for r in _jsonl(TRAIN_SPANS) if r["id"] in labels)


def plover_records(half: str) -> list[dict]:
    """The PLOVER gold records of one half ("working" or "kept")."""
    return [r for r in _jsonl(PLOVER_GOLD) if is_kept(r["id"]) == (half == "kept")]


@dataclass
class PloverScore:
    """The PLOVER scorer's figures on one half."""

    name: str
    recall: float  # focal event found with its type and both sides
    dyad: float  # both sides right, any type
    type: float  # type right, any sides
    n: int
    seconds: float
    predictions: list[dict]


def score_plover(pipeline: Pipeline, name: str, records: list[dict]) -> PloverScore:
    """Code the records and score them with the PLOVER scorer in ../shared/tools."""
    started = time.perf_counter()
    predictions = list(coded_without_failure(pipeline.code(
        {"id": r["id"], "text": r["text"], "date": r.get("date")} for r in records)))
    seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        gold, pred = Path(folder) / "gold.jsonl", Path(folder) / "pred.jsonl"
        gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        pred.write_text("".join(json.dumps(p) + "\n" for p in predictions), encoding="utf-8")
        done = subprocess.run([sys.executable, str(PLOVER_SCORER), str(gold), str(pred)],
                              capture_output=True, text=True, check=True)
    figures = dict(re.findall(r"(\w+)=([\d.]+)", done.stdout.strip().splitlines()[-1]))
    return PloverScore(name, float(figures["recall"]), float(figures["dyad"]), float(figures["type"]),
                       int(figures["n"]), seconds, predictions)


def iter_sentences(body: str) -> Iterator[tuple[int, int]]:
    """Character spans of the sentences of a body: paragraphs by line, then sentence ends.

    Written here rather than taken from the parser so that gold spans do not move when the
    parser or its model changes. A stop followed by space and a capital, digit or quote ends a
    sentence, except after a title or initial ("Mr.", "U.S.", "J.").
    """
    for paragraph in re.finditer(r"[^\n]+", body):
        start = paragraph.start()
        text = paragraph.group()
        for end_match in _SENTENCE_END.finditer(text):
            before = text[start - paragraph.start():end_match.start()].split()
            last = before[-1] if before else ""
            if last.lower().rstrip(".") in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)+", last):
                continue
            yield from _trimmed(body, start, paragraph.start() + end_match.start() + len(end_match.group(1)))
            start = paragraph.start() + end_match.end()
        yield from _trimmed(body, start, paragraph.end())


_SENTENCE_END = re.compile(r"(?<=[.!?])([\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st sen rep gov gen lt col sgt capt prof jr sr inc corp co ltd no vs etc e.g i.e "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig approx est".split())


def _trimmed(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
