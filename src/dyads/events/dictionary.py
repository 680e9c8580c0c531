"""The CAMEO verb and noun pattern dictionary (YAML, one file per root).

Format (see docs/event-dictionary.md): each file has ``root``, ``name``, ``quad_class``,
``plover`` and ``codes``; each code has ``code``, ``name``, ``goldstein``, ``plover``,
``verbs`` (lemma phrases, first word the verb), ``nouns`` (lemma phrases, first word
the noun) and ``cues`` (lemma phrases that refine a coarser code of the same family into
this one: "demanded that Israel halt its offensive" is 100 by its verb, 1056 by the cue
"halt"). A user file of the same shape extends the dictionary; a code entry with
``replace: true`` replaces the bundled patterns of that code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

PREPOSITIONS = frozenset(
    "to with for on against of in from at into over about toward towards upon by after onto across alongside".split()
)


class DictionaryError(ValueError):
    """A dictionary file that does not follow the documented format."""


@dataclass(frozen=True)
class CodeInfo:
    """One CAMEO event code and what it means."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover: str


@dataclass(frozen=True)
class Pattern:
    """A lemma phrase that signals an event code."""

    code: str
    head: str  # verb or noun lemma
    others: tuple[str, ...]  # further lemmas that must be among the head's dependents
    target_prep: str | None  # the preposition whose object is the target, if the phrase ends in one

    @property
    def specificity(self) -> int:
        """More words matched means a more specific pattern."""
        return 1 + len(self.others)


@dataclass
class EventDictionary:
    """Codes and patterns, indexed by head lemma."""

    codes: dict[str, CodeInfo] = field(default_factory=dict)
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    # code -> cue phrases (lemma tuples) that refine a coarser code of the same family into it
    cues: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # the words that end a phrase as the preposition of its target ("meet with", "rencontrer avec")
    prepositions: frozenset[str] = PREPOSITIONS

    def add_file(self, data: dict, origin: str) -> None:
        """Add the codes and patterns of one parsed YAML file."""
        try:
            root = str(data["root"]).zfill(2)
            quad_class = int(data["quad_class"])
            root_plover = str(data.get("plover", ""))
            entries = data["codes"]
        except (KeyError, TypeError, ValueError) as exc:
            raise DictionaryError(f"{origin}: missing or bad root fields ({exc})") from exc
        for entry in entries:
            code = str(entry.get("code", ""))
            if not code.startswith(root):
                raise DictionaryError(f"{origin}: code {code!r} does not belong to root {root}")
            previous = self.codes.get(code)
            self.codes[code] = CodeInfo(
                code=code,
                name=str(entry.get("name") or (previous.name if previous else code)),
                root=root,
                quad_class=quad_class,
                goldstein=float(entry["goldstein"]) if "goldstein" in entry else (previous.goldstein if previous
                                                                                    else 0.0),
                plover=str(entry.get("plover") or (previous.plover if previous else root_plover)),
            )
            if entry.get("replace"):
                for index in (self.verbs, self.nouns):
                    for lemma, patterns in index.items():
                        index[lemma] = [p for p in patterns if p.code != code]
                self.cues.pop(code, None)
            for cue in entry.get("cues") or ():
                words = tuple(str(cue).lower().split())
                if words:
                    self.cues.setdefault(code, []).append(words)
            self._add_patterns(self.verbs, code, entry.get("verbs") or ())
            self._add_patterns(self.nouns, code, entry.get("nouns") or ())

    def add_language_file(self, data: dict, origin: str) -> None:
        """Replace the patterns with those of another language's file (``dictionary/languages/<code>.yaml``:
        ``prepositions`` and ``codes``, a mapping of CAMEO code to ``verbs``, ``nouns`` and ``cues``); the
        codes' names and weights stay the bundled ones."""
        codes = data.get("codes") if isinstance(data, dict) else None
        if not isinstance(codes, dict) or not isinstance(data.get("prepositions"), list):
            raise DictionaryError(f"{origin}: needs 'prepositions' (a list) and 'codes' (a mapping)")
        self.verbs, self.nouns, self.cues = {}, {}, {}
        self.prepositions = frozenset(str(p).lower() for p in data["prepositions"])
        for code, entry in codes.items():
            code = str(code)
            if code not in self.codes or not isinstance(entry, dict):
                raise DictionaryError(f"{origin}: unknown code {code!r} or an entry that is not a mapping")
            for cue in entry.get("cues") or ():
                self.cues.setdefault(code, []).append(tuple(str(cue).lower().split()))
            self._add_patterns(self.verbs, code, entry.get("verbs") or ())
            self._add_patterns(self.nouns, code, entry.get("nouns") or ())

    def _add_patterns(self, index: dict[str, list[Pattern]], code: str, phrases: Iterable[str]) -> None:
        for phrase in phrases:
            words = str(phrase).lower().split()
            if not words:
                continue
            target_prep = words[-1] if len(words) > 1 and words[-1] in self.prepositions else None
            index.setdefault(words[0], []).append(Pattern(code, words[0], tuple(words[1:]), target_prep))


def load_dictionary(extra_files: Iterable[str | Path] = (), language: str = "en") -> EventDictionary:
    """The bundled dictionary (hand-written, then WordNet-derived) plus the user's own files, in order;
    for another language, the bundled codes with that language's patterns (``dictionary/languages``)."""
    dictionary = EventDictionary()
    folder = resources.files("dyads.events") / "dictionary"
    # the hand-written files first, then the reviewed WordNet entries (scripts/build_lexicon.py)
    for part in (folder, folder / "wordnet"):
        for entry in sorted(part.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".yaml"):
                dictionary.add_file(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
    if language != "en":
        entry = folder / "languages" / f"{language}.yaml"
        if not entry.is_file():
            raise DictionaryError(f"no event patterns for language {language!r}")
        dictionary.add_language_file(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)
        return dictionary
    for path in extra_files:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for part in data if isinstance(data, list) else [data]:
            dictionary.add_file(part, str(path))
    return dictionary


def code_family(code: str) -> str:
    """The prefix shared by a code and its refinements: "10" for 100, "023" for 023."""
    return code[:2] if len(code) == 3 and code.endswith("0") else code


def load_nonevents(language: str = "en") -> dict[str, frozenset[str]]:
    """Verb and noun lemmas reviewed as deliberately not events (the coverage figure counts them as answered)."""
    entry = resources.files("dyads.events") / "dictionary" / "nonevents" / f"{language}.yaml"
    data = yaml.safe_load(entry.read_text(encoding="utf-8")) if entry.is_file() else {}
    return {kind: frozenset(str(word).lower() for word in (data or {}).get(kind) or ()) for kind in ("verbs", "nouns")}
