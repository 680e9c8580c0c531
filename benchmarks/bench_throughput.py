"""Throughput benchmark: a synthetic corpus end to end through `dyads run`.

The corpus is built from our own texts (fixture articles and the sentences of our gold
sets): each article draws its sentences at random from that pool, with actors, numbers and
dates varied, so that no cache sees the same text twice and two articles rarely share a
passage (as distinct news articles rarely do; syndicated copies are a separate case).
For each size it runs 1 worker and 2 workers (and Ray with 2 workers when Ray is
installed), and prints articles/s, words/s, peak RSS, seconds per stage, the speed
relative to the spaCy parse alone on the same texts, and the 2-worker speed-up.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from dyads.extract import extract_document
from dyads.nlp import load_nlp
from dyads.sources import iter_inputs
from dyads.types import Document

REPO = Path(__file__).resolve().parent.parent
SOURCES = [REPO / "examples" / "corpus", REPO / "tests" / "fixtures" / "articles"]
OUT = REPO / "build" / "bench"
SWAPS = [("Russia", "China", "Turkey", "India", "Brazil", "France"),
         ("Iran", "Iraq", "Syria", "Egypt", "Pakistan", "Japan"),
         ("Putin", "Xi", "Erdogan", "Modi", "Lula", "Macron")]
PER_FILE = 500


GOLD_TEXTS = [REPO / "benchmarks" / "data" / name for name in
              ("events_gold.jsonl", "linking_gold.jsonl", "time_gold.jsonl")]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def _sentences() -> list[str]:
    """The sentence pool: English sentences of our fixture articles and gold sets."""
    bodies = []
    for raw in iter_inputs(SOURCES):
        document = extract_document(raw)
        if isinstance(document, Document) and document.language == "en":
            bodies.append(document.text)
    for path in GOLD_TEXTS:
        bodies += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    pool = {s.strip() for body in bodies for part in body.split("\n\n") for s in _SENTENCE_END.split(part)}
    return sorted(s for s in pool if len(s.split()) >= 6)


def _vary(paragraph: str, rng: random.Random) -> str:
    for group in SWAPS:
        if rng.random() < 0.5:
            a, b = rng.sample(group, 2)
            paragraph = re.sub(rf"\b{a}\b", b, paragraph)
    return re.sub(r"\b\d{2,3}\b", lambda m: str(int(m.group()) + rng.randint(1, 9)), paragraph)


def build_corpus(size: int, seed: int = 7) -> tuple[Path, list[str]]:
    """Write ``size`` synthetic articles as JSONL files; return the folder and the texts."""
    folder = OUT / f"synthetic-{size}"
    rng = random.Random(seed)
    sentences = _sentences()
    texts = []
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.jsonl"):
        old.unlink()
    handle = None
    for n in range(size):
        if n % PER_FILE == 0:
            if handle:
                handle.close()
            handle = (folder / f"part-{n // PER_FILE:05d}.jsonl").open("w", encoding="utf-8")
        paragraphs = [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(rng.randint(4, 7))]
        text = "\n\n".join(_vary(p, rng) for p in paragraphs)
        day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        handle.write(json.dumps({"id": f"s{n}", "published": day, "text": text}) + "\n")
        texts.append(text)
    if handle:
        handle.close()
    return folder, texts


def spacy_alone(texts: list[str]) -> float:
    """Words per second of the spaCy pipeline alone (one process) on the same texts."""
    nlp = load_nlp()
    sample = texts[:2000]
    started = time.perf_counter()
    for _doc in nlp.pipe(sample, batch_size=32):
        pass
    return sum(len(t.split()) for t in sample) / (time.perf_counter() - started)


def run_dyads(folder: Path, extra: list[str]) -> dict:
    """One `dyads run` in a child process: wall seconds, peak RSS (MB) of the run and of its
    worker processes, and stage timings."""
    db = folder / "bench.duckdb"
    db.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.shards", ignore_errors=True)  # a Ray run's shards would be reused
    command = [sys.executable, "-m", "dyads.cli", "run", str(folder), "--db", str(db), "--quiet", "--timings",
               *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peaks: dict[str, int] = {}
    sampler = threading.Thread(target=_watch_peaks, args=(process.pid, peaks), daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else ""  # to the end: a full pipe would block the run
    status = process.wait()
    seconds = time.perf_counter() - started
    sampler.join()
    if status != 0:
        raise SystemExit(f"dyads run failed: {stderr[-2000:]}")
    timings = next((json.loads(line[9:]) for line in stderr.splitlines() if line.startswith("timings: ")), {})
    return {"seconds": seconds, "rss_mb": max(peaks.values(), default=0), "peaks": peaks, "timings": timings}


def _high_water_mb(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return int(line.split()[1]) // 1024 if line else None


def _watch_peaks(pid: int, peaks: dict[str, int]) -> None:
    """Every 0.1 s until the run ends: the high-water RSS (VmHWM) of the run and of each of its
    child processes. Not the rusage of wait4: a child started from this (large) benchmark
    process inherits its parent's high-water mark through fork and exec, which at 100,000
    articles put ~790 MB of this script's own corpus into the run's figure."""
    while (main := _high_water_mb(pid)) is not None:
        peaks["run"] = max(main, peaks.get("run", 0))
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            children = []
        for child in children:
            peaks["child"] = max(_high_water_mb(int(child)) or 0, peaks.get("child", 0))
        time.sleep(0.1)


def _ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> int:
    """Build each corpus size and measure the configurations."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--configs", default="1,2,ray",
                        help="comma-separated configurations: 1 (one worker), 2 (two workers), ray (Ray, 2 workers)")
    args = parser.parse_args()
    chosen = set(args.configs.split(","))
    rss: dict[int, float] = {}
    for size in (int(s) for s in args.sizes.split(",")):
        folder, texts = build_corpus(size)
        words = sum(len(t.split()) for t in texts)
        baseline = spacy_alone(texts)
        print(f"corpus {size} articles, {words} words; spaCy parse alone {baseline:,.0f} words/s")
        configs = [(name, extra) for key, name, extra in (
            ("1", "1 worker", ["--workers", "1"]), ("2", "2 workers", ["--workers", "2"]),
            ("ray", "ray, 2 workers", ["--ray", "local", "--workers", "2"])) if key in chosen]
        if not _ray_available():
            configs = [c for c in configs if not c[0].startswith("ray")]
        results = {}
        for name, extra in configs:
            result = run_dyads(folder, extra)
            results[name] = result
            rate = words / result["seconds"]
            stages = ", ".join(f"{k} {v:.1f}s" for k, v in result["timings"].items())
            print(f"  {name:15} {size / result['seconds']:7.1f} articles/s {rate:9,.0f} words/s "
                  f"({rate / baseline:.2f} x spaCy alone)  peak RSS {result['rss_mb']:.0f} MB  [{stages}]")
            print(f"  {'':15} peak RSS by process: the run {result['peaks'].get('run', 0)} MB, "
                  f"largest child process {result['peaks'].get('child', 0)} MB")
        if "1 worker" in results and "2 workers" in results:
            speedup = results["1 worker"]["seconds"] / results["2 workers"]["seconds"]
            print(f"  speed-up at 2 workers: {speedup:.2f}")
        # Ray's workers are not children of the run, so their memory is not in its peak RSS
        local = [r["rss_mb"] for name, r in results.items() if not name.startswith("ray")]
        if local:
            rss[size] = max(local)
    if len(rss) > 1:
        sizes = sorted(rss)
        pairs = zip(sizes, sizes[1:], strict=False)
        print("peak RSS growth: " + ", ".join(f"{b}/{a}: {rss[b] / rss[a]:.2f}" for a, b in pairs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
