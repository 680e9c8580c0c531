"""Could a trained predicate classifier help the event coder? Cross-validated on the labelled real sentences.

Issue 19 asks for a trained component where rules are weakest, if measurement says rules cannot get
there. This benchmark measures the two places a classifier of predicates could serve, trained on the
project's labelled training sentences (``training/``: 2248 real sentences, each event with the word
that reports it):

- **recall**: a verb the dictionary has no pattern for, given the CAMEO root of the event it reports;
- **precision**: a verb the dictionary matches, dropped when the classifier says it reports no event.

Every verb of a labelled sentence is an example: its class is the root of the event whose trigger it is,
or ``none``. Features: lemma, particle, object and prepositions, dependency relation, tag, head, the
kind of party its subject and objects name (linked by dyads), negation, modality, complements, the
words either side and the dictionary's root for it. A multinomial logistic regression (scikit-learn,
a dev-time dependency) is scored by five-fold cross-validation grouped by page, so no page is in both
training and test folds.

Measured on main a9e2225: for recall, the surest proposals were right in 1 of 10 and 3 of 88 (73
events on such verbs are too few and too varied to learn); for precision, dropping matches at a
probability of ``none`` of 0.65 loses 5 of 190 events and drops 124 non-events, but wired into the
coder it changed no figure of any set: the verbs it drops are ones the rules' argument finding and
filters already code nothing for. So dyads ships no trained component; rerun this when the labelled
sentences grow.

    python benchmarks/bench_predicate_model.py        (make bench-predicate-model)
"""

from __future__ import annotations

import sys
from collections import Counter

from eventsets import real_train_items, shared_present
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.tokens import Token

from dyads.events.coder import EventCoder
from dyads.events.syntax import OBJECT_DEPS, relation
from dyads.extract import content_hash
from dyads.pipeline import Analysis, Pipeline
from dyads.types import Document, Mention

NO_EVENT = "none"
#: A feature seen in fewer verbs than this is left out (it cannot be learnt, only memorised).
MIN_COUNT = 2
#: Share of the dictionary's labelled events that dropping matches may lose (the precision use).
LOSS = 0.03


def party_kind(mentions: list[Mention]) -> str:
    """The kind of party a phrase names: STATE, IGO/NGO, a sector (GOV, MIL, BUS ...), actor or none."""
    if not mentions:
        return "none"
    code = next((m.code for m in mentions if m.code), None)
    if code is None:
        return "actor"
    return code[:3] if code.startswith(("IGO", "NGO")) else code[3:6] or "STATE"


def verb_features(coder: EventCoder, token: Token, token_mention: dict[int, Mention]) -> tuple[list[str], bool]:
    """A verb's features, and whether the dictionary has a pattern for it."""
    grammar = coder.grammar
    kind = lambda t: party_kind(coder.arguments.actors_of(t, token_mention))  # noqa: E731
    candidate = coder.predicates.match_verb(token)
    lemma = grammar.lemma(token)
    subject, passive = grammar.subject(token)
    features = [f"lemma={lemma}", f"dep={relation(token)}", f"tag={token.tag_}",
                f"dict={candidate.pattern.code[:2] if candidate else '-'}", f"head={grammar.lemma(token.head)}",
                f"subj={kind(subject)}", f"passive={passive}", f"lemma_subj={lemma}|{kind(subject)}"]
    for child in token.children:
        if child.dep_ == "prt":
            features.append(f"prt={lemma}_{child.lower_}")
        elif relation(child) in OBJECT_DEPS:
            features += [f"obj={kind(child)}", f"lemma_obj={lemma}|{grammar.lemma(child)}"]
        elif child.dep_ == "prep":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            features += [f"prep={child.lower_}|{kind(objects[0] if objects else None)}",
                         f"lemma_prep={lemma}|{child.lower_}"]
        elif child.dep_ == "neg" or (child.dep_ == "aux" and child.tag_ == "MD"):
            features.append(f"{child.dep_}={child.lower_}")
        elif child.dep_ in ("ccomp", "xcomp"):
            features.append(f"comp={child.dep_}|{grammar.lemma(child)}")
    sentence = token.sent
    features += [f"w{k - token.i:+d}={token.doc[k].lower_}" for k in range(token.i - 2, token.i + 3)
                 if k != token.i and sentence.start <= k < sentence.end]
    return features, candidate is not None


def examples(sentences: list[dict]) -> tuple[list[dict], list[str], list[str], list[bool]]:
    """Every verb of the sentences: features, class, page, and whether the dictionary matches it."""
    pipeline = Pipeline(quiet=True)
    coder = pipeline.coders().parsed
    by_id = {s["id"]: s for s in sentences}
    documents = [Document(doc_id=s["id"], source=f"train:{s['id']}", text=s["text"],
                          content_hash=content_hash(s["text"]), language="en") for s in sentences]
    rows, classes, groups, known = [], [], [], []
    for analysis in pipeline.analyse(documents):
        if not isinstance(analysis, Analysis):
            continue
        sentence = by_id[analysis.parsed.document.doc_id]
        triggers = {e["trigger_at"]: e["code"][:2] for e in reversed(sentence["events"])}
        token_mention = {t.i: m for m in analysis.mentions for t in analysis.parsed.doc
                         if m.start <= t.idx < m.end}
        for token in analysis.parsed.doc:
            if token.pos_ != "VERB":
                continue
            features, matched = verb_features(coder, token, token_mention)
            rows.append(dict.fromkeys(features, 1))
            classes.append(next((r for at, r in triggers.items() if token.idx <= at < token.idx + len(token)),
                                NO_EVENT))
            groups.append(sentence["page"])
            known.append(matched)
    counts = Counter(f for row in rows for f in row)
    return [{f: 1 for f in row if counts[f] >= MIN_COUNT} for row in rows], classes, groups, known


def main() -> int:
    """Cross-validate and print what each use would gain."""
    if not shared_present():
        print("../shared/dev-data is absent: the training sentences' text is there; nothing measured")
        return 0
    sentences, _missing = real_train_items()
    rows, classes, groups, known = examples(sentences)
    dropped, proposals = [], []
    for train, test in GroupKFold(n_splits=5).split(rows, classes, groups):
        vectorizer = DictVectorizer()
        regression = LogisticRegression(C=0.5, max_iter=2000, class_weight="balanced")
        regression.fit(vectorizer.fit_transform([rows[i] for i in train]), [classes[i] for i in train])
        probabilities = regression.predict_proba(vectorizer.transform([rows[i] for i in test]))
        none = list(regression.classes_).index(NO_EVENT)
        for i, row in zip(test, probabilities, strict=True):
            best = max(range(len(row)), key=row.__getitem__)
            if known[i]:
                dropped.append((row[none], classes[i] != NO_EVENT))
            elif best != none:
                proposals.append((row[best], regression.classes_[best] == classes[i]))
    events = sum(c != NO_EVENT for c in classes)
    print(f"{len(sentences)} labelled sentences, {len(classes)} verbs, {events} of them report an event")
    unknown = sum(1 for c, k in zip(classes, known, strict=True) if c != NO_EVENT and not k)
    proposals.sort(reverse=True)
    print(f"recall use: {unknown} events on verbs without a dictionary pattern")
    for cut in (10, 25, 50, len(proposals)):
        right = sum(r for _p, r in proposals[:cut])
        if cut and cut <= len(proposals):
            print(f"  the {cut} surest proposals (probability >= {proposals[cut - 1][0]:.2f}): {right} with the "
                  f"right root (P {right / cut:.2f}, R {right / max(unknown, 1):.2f})")
    dropped.sort(reverse=True)
    matched_events = sum(e for _p, e in dropped)
    print(f"precision use: {len(dropped)} verbs the dictionary matches, {matched_events} report an event")
    lost = 0
    for n, (probability, event) in enumerate(dropped, 1):
        lost += event
        if lost > LOSS * matched_events:
            print(f"  dropping at none >= {probability:.2f} would lose {lost} events for {n - lost} non-events")
            break
        if n % 50 == 0:
            print(f"  none >= {probability:.2f}: {n} dropped, {lost} of them events")
    return 0


if __name__ == "__main__":
    sys.exit(main())
