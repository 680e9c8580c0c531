"""Typed records passed between the pipeline stages.

Each stage takes and returns these dataclasses; nothing else crosses a stage
boundary. Character offsets always point into ``Document.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ActorType = Literal["person", "state", "organization", "location", "group"]
Mode = Literal["asserted", "negated", "alleged", "future", "hypothetical"]
Precision = Literal["day", "month", "year", "decade", "range"]

#: Modes that are stored but left out of counts by default.
UNCOUNTED_MODES: frozenset[str] = frozenset({"negated", "hypothetical"})


@dataclass(frozen=True)
class RawInput:
    """One article as read from a source, before extraction."""

    source: str  # input path or URL, with "#line" or "#record" suffixes inside containers
    content: bytes | str
    kind: Literal["html", "text"]
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class InputPart:
    """A piece of one input file that a reader can take on its own: the whole file, or the
    records from byte ``start`` (a record's first byte) up to ``end`` (``None``: the end).

    ``first_record`` numbers the part's first record in the file (a JSONL line, a WARC
    record), so sources read as ``FILE#N`` whichever part they are read in. ``size`` is the
    part's raw bytes (``None`` when unknown, as for most URLs); ``stamp`` tells a local
    file's versions apart (size and modification time).
    """

    name: str  # a local path or a URL
    start: int = 0
    end: int | None = None
    first_record: int = 1
    size: int | None = None
    stamp: str = ""

    @property
    def whole(self) -> bool:
        """True when the part is the whole file."""
        return self.start == 0 and self.end is None

    def __str__(self) -> str:
        return self.name if self.whole else f"{self.name}#{self.first_record}@{self.start}-{self.end or ''}"


@dataclass(frozen=True)
class InputError:
    """A source item that could not be read or extracted; the run goes on."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{self.source}: {self.problem}"


@dataclass
class Document:
    """A clean article body with its metadata."""

    doc_id: str
    source: str
    text: str
    content_hash: str
    external_id: str | None = None
    url: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date, possibly partial (2017-05)
    published_precision: Precision | None = None
    site_date: str | None = None  # repost date of a hosting site; never the publication date
    language: str | None = None
    method: str = ""
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document, by character span."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str

    @property
    def sentence_id(self) -> str:
        """Stable id: document id plus sentence number."""
        return f"{self.doc_id}:{self.index}"


@dataclass(frozen=True)
class Role:
    """A dated office: title held in a country (or organisation) between two dates."""

    title: str
    country: str | None
    sector: str | None = None
    start: str | None = None
    end: str | None = None

    def holds_on(self, day: str | None) -> bool:
        """True when the role is held on ISO ``day`` (open ends count as held)."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start[: len(day)] <= day) and (
            self.end is None or day <= self.end
        )


@dataclass(frozen=True)
class Actor:
    """An entry of the knowledge base, or a provisional actor found in text."""

    actor_id: str
    name: str
    type: ActorType
    country: str | None = None
    codes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    roles: tuple[Role, ...] = ()
    lat: float | None = None
    lon: float | None = None

    @property
    def code(self) -> str | None:
        """The primary CAMEO actor code."""
        return self.codes[0] if self.codes else self.country


@dataclass(frozen=True)
class Mention:
    """A span of text linked to an actor, with the CAMEO code it carries there."""

    doc_id: str
    sentence_index: int
    start: int
    end: int
    surface: str
    actor_id: str
    code: str | None  # e.g. RUSGOV for "the Kremlin", IRNEDU for "Iranian students"
    confidence: float
    kind: str = "name"  # name, alias, demonym, metonym, role, surname, fuzzy, ner


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a sentence and its resolved value."""

    doc_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    value: str | None  # ISO date, partial date, or "1939/1945" for ranges
    precision: Precision | None
    anchor: Literal["absolute", "publication", "context", "period", "unresolved"]


@dataclass(frozen=True)
class Location:
    """Where an event happened."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    actor_id: str | None = None


@dataclass
class Event:
    """A coded event with its evidence sentence."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    source_actor_id: str | None
    source_code: str | None
    target_actor_id: str | None
    target_code: str | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str
    mode: Mode
    confidence: float
    predicate: str
    date: str | None = None
    date_precision: Precision | None = None
    date_source: Literal["sentence", "context", "publication", "unknown"] = "unknown"
    time_text: str | None = None
    location: Location | None = None
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    method: Literal["parsed", "shallow"] = "parsed"  # coded over a parse, or from word order alone
    language: str | None = None  # the document's language (ISO 639-1); the evidence stays in it


@dataclass
class ProcessedDocument:
    """Everything the pipeline learned from one document, ready for the store."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    times: list[TimeExpression]
    events: list[Event]
    actors: list[Actor]  # provisional actors first seen in this document
