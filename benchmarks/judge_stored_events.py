"""Precision on real pages: draw stored events at random for judging, and score a judgement file.

    python benchmarks/judge_stored_events.py draw [--count 100] [--reuse FILE...]   # over every dev page
    python benchmarks/judge_stored_events.py score FILE           # % right, wrong ones by class

``draw`` runs ``dyads run`` over all pages in ../shared/dev-data (extraction and date pages, every
language) into a temporary store, exports the events and draws ``--count`` of them with a fixed
seed. It writes ``build/bench/stored_events_draw.jsonl`` (sentence text included, outside the repo)
for reading, and ``build/bench/stored_events_judgement.jsonl``: one line per drawn event with the
page id, the sentence's character span and short hash in dyads' body of the page, the event, and
empty judgement fields to fill in. A filled judgement file goes to ``benchmarks/data/`` (no text).

Judgement fields: ``source``, ``target``, ``root`` (true when that part is right: the actor, or null
where the sentence names none, and the CAMEO root) and ``class`` (for a wrong event, the kind of
error in a few words: "not an event: sport", "wrong sense", "wrong target", ...). An event is right
when all three are.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from eventsets import DEV, REPO, shared_present, short_hash

SEED = 20261207
OUT = REPO / "build" / "bench"


def _dyads(*args: str) -> None:
    command = [str(Path(sys.executable).parent / "dyads"), *args]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def _jsonl(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _page_id(source: str) -> str:
    """"extraction/<id>" or "dates/<id>" from a stored document's source path."""
    path = Path(source)
    return f"{path.parent.parent.name}/{path.name.removesuffix('.html.gz')}"


def _event_key(row: dict) -> tuple:
    return (row["page"], row["sha"], row["source_code"], row["target_code"], row["cameo"])


def _added(path: Path) -> int:
    """When git first committed a file (seconds; 0 when git does not know it): the newest judgement of
    an event must win, and a shell's glob lists the files by name, not by age."""
    done = subprocess.run(["git", "log", "--diff-filter=A", "--format=%ct", "--", str(path)], cwd=REPO,
                          capture_output=True, text=True, check=False)
    return int(done.stdout.split()[-1]) if done.returncode == 0 and done.stdout.split() else 0


def draw(count: int, earlier: list[Path]) -> int:
    """Run dyads over the dev pages, draw ``count`` stored events and write the files to judge;
    an event judged in an ``earlier`` judgement file (same sentence, sides and code) keeps its judgement,
    the one of the file committed last where several judge it."""
    if not shared_present():
        print("../shared/dev-data is absent: nothing to draw")
        return 0
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "pages.duckdb"
        # input errors (pages without a body) are part of a real run: the run goes on without them
        subprocess.run([str(Path(sys.executable).parent / "dyads"), "run", str(DEV / "extraction" / "html"),
                        str(DEV / "dates" / "html"), "--db", str(db), "--quiet"], stdout=subprocess.DEVNULL)
        _dyads("export", "events", "--format", "jsonl", "-o", str(Path(folder) / "events.jsonl"), "--db", str(db))
        _dyads("export", "documents", "--format", "jsonl", "-o", str(Path(folder) / "docs.jsonl"), "--db", str(db))
        events = _jsonl(Path(folder) / "events.jsonl")
        documents = {d["doc_id"]: d for d in _jsonl(Path(folder) / "docs.jsonl")}
    print(f"{len(documents)} pages stored, {len(events)} events")
    rows = []
    for event in events:
        document = documents[event["doc_id"]]
        start = document["text"].find(event["sentence"])
        rows.append({"page": _page_id(document["source"]), "start": start, "end": start + len(event["sentence"]),
                     "sha": short_hash(event["sentence"]), "source_code": event["source_code"],
                     "target_code": event["target_code"], "cameo": event["cameo"], "mode": event["mode"],
                     "predicate": event["predicate"], "sentence": event["sentence"]})
    rows.sort(key=lambda r: (r["page"], r["start"], r["cameo"], r["source_code"] or "", r["target_code"] or ""))
    drawn = random.Random(SEED).sample(rows, min(count, len(rows)))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "stored_events_draw.jsonl").write_text(
        "".join(json.dumps({"n": n, **row}, ensure_ascii=False) + "\n" for n, row in enumerate(drawn, 1)),
        encoding="utf-8")
    known = {_event_key(row): row["judged"] for path in sorted(earlier, key=_added) for row in _jsonl(path)}
    blank = {"source": None, "target": None, "root": None, "class": ""}
    judgement = [{"n": n, **{k: v for k, v in row.items() if k != "sentence"},
                  "judged": known.get(_event_key(row), blank)}
                 for n, row in enumerate(drawn, 1)]
    print(f"{sum(j['judged'] is not blank for j in judgement)} of them judged before")
    (OUT / "stored_events_judgement.jsonl").write_text("".join(json.dumps(j) + "\n" for j in judgement),
                                                        encoding="utf-8")
    print(f"drew {len(drawn)} events into {OUT / 'stored_events_draw.jsonl'} (to read) and "
          f"{OUT / 'stored_events_judgement.jsonl'} (to fill in)")
    return 0


def score(path: Path) -> int:
    """Print the share of judged events that are right and the wrong ones by class."""
    judged = [row for row in _jsonl(path) if row["judged"]["root"] is not None]
    right = [row for row in judged if all(row["judged"][part] for part in ("source", "target", "root"))]
    print(f"{path.name}: {len(right)}/{len(judged)} right ({len(right) / max(1, len(judged)):.0%}); "
          f"source right {sum(bool(r['judged']['source']) for r in judged)}, "
          f"target right {sum(bool(r['judged']['target']) for r in judged)}, "
          f"root right {sum(bool(r['judged']['root']) for r in judged)}")
    wrong = [row["judged"]["class"] or "unclassified" for row in judged if row not in right]
    details = Counter(wrong)
    # a class is the text before any parenthesis, which says more about the case
    for name, number in Counter(c.split(" (")[0] for c in wrong).most_common():
        print(f"  {number:3}  {name}")
        for detail, count in details.most_common():
            if detail.split(" (")[0] == name and detail != name:
                print(f"         {count:3}  {detail[len(name):].strip(' ()')}")
    return 0


def main() -> int:
    """Draw events or score a judgement file."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    draw_command = commands.add_parser("draw")
    draw_command.add_argument("--count", type=int, default=100)
    draw_command.add_argument("--reuse", type=Path, nargs="*", default=[], metavar="FILE",
                              help="earlier judgement files whose judgements carry over")
    score_command = commands.add_parser("score")
    score_command.add_argument("file", type=Path)
    args = parser.parse_args()
    return draw(args.count, args.reuse) if args.command == "draw" else score(args.file)


if __name__ == "__main__":
    sys.exit(main())
