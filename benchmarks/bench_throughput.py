"""Throughput benchmark: a synthetic corpus end to end through `dyads run`.

The corpus is built from our own texts (fixture articles and the sentences of our gold
sets): each article draws its sentences at random from that pool, with actors, numbers and
dates varied, so that no cache sees the same text twice and two articles rarely share a
passage (as distinct news articles rarely do; syndicated copies are a separate case).
For each size it runs 1 worker and 2 workers (and Ray with 2 workers when Ray is
installed), and prints articles/s, words/s, peak RSS, seconds per stage, the speed
relative to the spaCy parse alone on the same texts, and the 2-worker speed-up.

The single-file corpus (``--single-file-mb``) is one JSONL of about that many MB, one HTML
page per line: the real pages of ../shared/dev-data read at run time (names, numbers
varied per copy; written under build/, never committed), or our synthetic texts when
../shared is absent. It shows how workers and Ray share one big file (speed-ups against
1 worker) and, over several sizes, how peak RSS grows with the file's size
(``--only-single --single-file-mb 50,1024 --configs 2`` for the 50 MB vs 1 GB figure).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import threading
import time
from collections import Counter
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


def _dev_pages(shared: Path) -> list[str]:
    """The HTML of the real pages of ../shared/dev-data (read here, never stored in the repo)."""
    pages = []
    for folder in ("extraction", "dates"):
        for page in sorted((shared / "dev-data" / folder / "html").glob("*.html.gz")):
            pages.append(gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace"))
    return pages


def _page_state(rng: random.Random, size: int) -> str:
    """An inline JSON state script of about ``size`` bytes, as many news sites embed in their
    pages (the app's data for the page): random keys and numbers, nothing of an article."""
    items, length = [], 0
    while length < size:
        items.append(f'"k{rng.randrange(10**6)}":[{rng.random():.6f},{rng.randrange(10**9)},"v{rng.randrange(10**6)}"]')
        length += len(items[-1]) + 1
    return '<script type="application/json" id="state">{' + ",".join(items) + "}</script>"


def build_single_file(megabytes: float, shared: Path, seed: int = 7,
                      pad_kb: int = 0) -> tuple[Path, int, int | None]:
    """One JSONL of about ``megabytes`` MB: dev pages (one per line, each copy varied, with an
    inline state script up to ``pad_kb`` KB per page) or, without ../shared, synthetic texts.
    Returns the file, its article count and the words of its texts (None for pages: their
    bodies are known only after extraction)."""
    target = int(megabytes * 1024 * 1024)
    pages = _dev_pages(shared) if (shared / "dev-data").is_dir() else []
    rng = random.Random(seed)
    folder = OUT / f"single-{megabytes:g}mb-{pad_kb}kb"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corpus.jsonl"
    sentences = [] if pages else _sentences()
    written = articles = words = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            if pages:
                html = _vary(pages[articles % len(pages)], rng)
                if len(html) < pad_kb * 1024:
                    html = html.replace("</body>", _page_state(rng, pad_kb * 1024 - len(html)) + "</body>", 1)
                line = json.dumps({"id": f"p{articles}", "html": html})
            else:
                paragraphs = [" ".join(rng.sample(sentences, rng.randint(2, 4))) for _ in range(rng.randint(4, 7))]
                text = "\n\n".join(_vary(p, rng) for p in paragraphs)
                line = json.dumps({"id": f"s{articles}", "text": text})
                words += len(text.split())
            handle.write(line + "\n")
            written += len(line.encode("utf-8")) + 1
            articles += 1
    return path, articles, (words if not pages else None)


def run_dyads(folder: Path, extra: list[str]) -> dict:
    """One `dyads run` in a child process over a folder or a file: wall seconds, peak RSS (MB)
    of the run and of its worker processes, and stage timings."""
    db = (folder if folder.is_dir() else folder.parent) / "bench.duckdb"
    db.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.shards", ignore_errors=True)  # a Ray run's shards would be reused
    command = [sys.executable, "-m", "dyads.cli", "run", str(folder), "--db", str(db), "--quiet", "--timings",
               *extra]
    started = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    peaks: dict[str, int] = {}
    cpu: dict[int, float] = {}
    sampler = threading.Thread(target=_watch_peaks, args=(process.pid, peaks, cpu), daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else ""  # to the end: a full pipe would block the run
    status = process.wait()
    seconds = time.perf_counter() - started
    sampler.join()
    if status not in (0, 1):  # 1: some inputs were refused (pages without an article), each named on stderr
        raise SystemExit(f"dyads run failed: {stderr[-2000:]}")
    timings = next((json.loads(line[9:]) for line in stderr.splitlines() if line.startswith("timings: ")), {})
    return {"seconds": seconds, "rss_mb": max(peaks.values(), default=0), "peaks": peaks, "timings": timings,
            "cpu": sum(cpu.values()), "cpu_bound": cpu_bound_seconds(cpu), "cpu_run": cpu.get(process.pid, 0.0),
            "cpu_others": sorted((v for k, v in cpu.items() if k != process.pid), reverse=True),
            "refused": Counter(line[7:].split(": ", 1)[-1].split(" (")[0] for line in stderr.splitlines()
                               if line.startswith("error: "))}


def _high_water_mb(pid: int) -> int | None:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), None)
    return int(line.split()[1]) // 1024 if line else None


def _process_table() -> dict[int, tuple[int, float]]:
    """Every process: its parent and its CPU seconds so far (user + system)."""
    table = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            table[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    return table


def _descendants(pid: int, table: dict[int, tuple[int, float]]) -> set[int]:
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, (parent, _) in table.items() if parent in frontier} - found
        found |= frontier
    return found


def _watch_peaks(pid: int, peaks: dict[str, int], cpu: dict[int, float]) -> None:
    """Every 0.2 s until the run ends: the high-water RSS (VmHWM) of the run and of each of its
    descendant processes (pool workers; Ray's raylet and workers), and the CPU seconds of each.
    Not the rusage of wait4: a child started from this (large) benchmark process inherits its
    parent's high-water mark through fork and exec, which at 100,000 articles put ~790 MB of
    this script's own corpus into the run's figure."""
    while (main := _high_water_mb(pid)) is not None:
        peaks["run"] = max(main, peaks.get("run", 0))
        table = _process_table()
        if pid in table:
            cpu[pid] = table[pid][1]
        for child in _descendants(pid, table):
            peaks["child"] = max(_high_water_mb(child) or 0, peaks.get("child", 0))
            cpu[child] = table[child][1]
        time.sleep(0.2)


def cpu_bound_seconds(cpu: dict[int, float], cores: int = 2) -> float:
    """The wall time a run's CPU work needs on ``cores`` idle cores: its CPU seconds spread over
    the cores, but never less than its busiest process. On a machine shared with other work
    the wall time says little about scaling; this says how the work itself is spread."""
    return max(sum(cpu.values()) / cores, max(cpu.values(), default=0.0))


def _ray_available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


CONFIGS = (("1", "1 worker", ["--workers", "1"]), ("2", "2 workers", ["--workers", "2"]),
           ("ray", "ray, 2 workers", ["--ray", "local", "--workers", "2"]))


def _configs(chosen: set[str]) -> list[tuple[str, list[str]]]:
    configs = [(name, extra) for key, name, extra in CONFIGS if key in chosen]
    return configs if _ray_available() else [c for c in configs if not c[0].startswith("ray")]


def _measure(target: Path, configs: list[tuple[str, list[str]]], articles: int, words: int | None,
             baseline: float | None) -> dict[str, dict]:
    """Run each configuration over ``target``; print and return its figures (words/s when the
    words are known, else input MB/s)."""
    results = {}
    megabytes = (target.stat().st_size if target.is_file() else 0) / 2**20
    for name, extra in configs:
        result = run_dyads(target, extra)
        results[name] = result
        if words:
            rate = f"{words / result['seconds']:9,.0f} words/s "
            if baseline:
                rate += f"({words / result['seconds'] / baseline:.2f} x spaCy alone)  "
        else:
            rate = f"{megabytes / result['seconds']:6.2f} MB/s  "
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in result["timings"].items())
        refused = "".join(f", {count} refused: {problem}" for problem, count in result["refused"].most_common(3))
        print(f"  {name:15} {articles / result['seconds']:7.1f} articles/s {rate}"
              f"peak RSS {result['rss_mb']:.0f} MB  {result['seconds']:.0f} s{refused}  [{stages}]")
        print(f"  {'':15} peak RSS by process: the run {result['peaks'].get('run', 0)} MB, "
              f"largest child process {result['peaks'].get('child', 0)} MB; CPU {result['cpu']:.0f} s "
              f"(on 2 idle cores at least {result['cpu_bound']:.0f} s)")
        print(f"  {'':15} {_structure(result)}")
    for name in ("2 workers", "ray, 2 workers"):
        if "1 worker" in results and name in results:
            one, other = results["1 worker"], results[name]
            print(f"  speed-up of {name} over 1 worker: {one['seconds'] / other['seconds']:.2f} by wall time "
                  f"(noisy on a shared machine); {one['cpu'] / other['cpu_bound']:.2f} by CPU work on 2 idle cores "
                  f"(a bound that leaves out start-up and waiting)")
    return results


def _structure(result: dict) -> str:
    """Where a run's time went: CPU seconds of the run's own process and of the others (workers,
    Ray's processes), the start-up before work began, the seconds the run's process waited on
    workers, and the workers' busy and idle seconds (from ``dyads run --timings``)."""
    timings = result["timings"]
    others = [f"{c:.0f}" for c in result.get("cpu_others", []) if c >= 1]
    parts = [f"CPU s: run {result.get('cpu_run', 0):.0f}" + (f", others {' '.join(others)}" if others else ""),
             f"start-up {timings.get('startup', 0):.1f} s" + (
                 f" + {timings['first_task']:.1f} s to the first task" if "first_task" in timings else "")]
    if "wait" in timings:
        parts.append(f"run waited on workers {timings['wait']:.0f} s")
    if "store" in timings or "load" in timings:
        parts.append(f"writing {timings.get('store', 0) + timings.get('load', 0):.0f} s (incl. shards)")
    if "worker_busy" in timings:
        parts.append(f"workers busy {timings['worker_busy']:.0f} s, idle {timings['worker_idle']:.1f} s")
    return "; ".join(parts)


def _rss_growth(label: str, rss: dict) -> None:
    if len(rss) > 1:
        sizes = sorted(rss)
        pairs = zip(sizes, sizes[1:], strict=False)
        print(f"peak RSS growth ({label}): " + ", ".join(f"{b:g}/{a:g}: {rss[b] / rss[a]:.2f}" for a, b in pairs))


def main() -> int:
    """Build each corpus size and measure the configurations."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated corpus sizes")
    parser.add_argument("--configs", default="1,2,ray",
                        help="comma-separated configurations: 1 (one worker), 2 (two workers), ray (Ray, 2 workers)")
    parser.add_argument("--single-file-mb", default="150",
                        help="comma-separated sizes in MB of the single-file corpus ('' for none)")
    parser.add_argument("--only-single", action="store_true", help="only the single-file corpus")
    parser.add_argument("--pad-kb", type=int, default=0,
                        help="pad each page of the single file to this many KB with an inline JSON state script "
                             "(fewer, bigger pages: a 1 GB file in less time)")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="the shared folder with dev-data/ (default ../shared)")
    args = parser.parse_args()
    configs = _configs(set(args.configs.split(",")))
    rss: dict[float, float] = {}
    for size in ([] if args.only_single else [int(s) for s in args.sizes.split(",")]):
        folder, texts = build_corpus(size)
        words = sum(len(t.split()) for t in texts)
        baseline = spacy_alone(texts)
        print(f"corpus {size} articles, {words} words; spaCy parse alone {baseline:,.0f} words/s")
        results = _measure(folder, configs, size, words, baseline)
        # Ray's workers are not children of the run, so their memory is not in its peak RSS
        local = [r["rss_mb"] for name, r in results.items() if not name.startswith("ray")]
        if local:
            rss[size] = max(local)
    _rss_growth("many files, by articles", rss)
    single: dict[float, float] = {}
    for megabytes in (float(s) for s in args.single_file_mb.split(",") if s):
        path, articles, words = build_single_file(megabytes, args.shared, pad_kb=args.pad_kb)
        kind = "dev pages" if (args.shared / "dev-data").is_dir() else "synthetic texts"
        print(f"single file {path.stat().st_size / 2**20:,.0f} MB ({kind}), {articles} articles")
        results = _measure(path, configs, articles, words, None)
        local = [r["rss_mb"] for name, r in results.items() if not name.startswith("ray")]
        if local:
            single[megabytes] = max(local)
        path.unlink()  # up to gigabytes of build output
    _rss_growth("one file, by MB", single)
    return 0


if __name__ == "__main__":
    sys.exit(main())
