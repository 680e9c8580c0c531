# Every target creates the virtual environment from the hashed lock file on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed


.PHONY: browser serve test-robustness lexicon wordnet
.PHONY: venv demo test test-slow lint clean bench-time bench-extraction bench-events bench-event-pages bench-predicate-model bench-linking bench-store bench-throughput bench-big-jsonl

venv: $(STAMP)

# The lock is fully resolved, so pip installs it without resolving again (--no-deps): a new upstream
# release of a package that others ask for with an extra (lxml[html_clean]) then cannot make
# pip's resolver try an unpinned version. pip check proves the pinned set is consistent.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip check
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	rm -f build/demo.duckdb
	mkdir -p build
	$(BIN)/dyads run examples/corpus --db build/demo.duckdb

# The browser tests drive Debian's chromium; install it when we may (root with apt), else they skip.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: browser tests will be skipped"; }

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts training

clean:
	rm -rf $(VENV) build

# Debian's WordNet 3.0, a dev-time resource: the lexicon script and bench-events' noun coverage read it.
wordnet:
	@test -f /usr/share/wordnet/data.verb || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base >/dev/null) || \
	  echo "wordnet-base not installed: the lexicon cannot be regenerated and noun coverage is skipped"; }

# Regenerate the WordNet-derived dictionary entries (src/dyads/events/dictionary/wordnet/) from the
# hand-written dictionary and the review in scripts/lexicon_rejected.tsv.
lexicon: $(STAMP) wordnet
	$(BIN)/python scripts/build_lexicon.py

bench-time: $(STAMP)
	$(BIN)/python benchmarks/bench_time.py

bench-extraction: $(STAMP)
	$(BIN)/python benchmarks/bench_extraction.py

bench-events: $(STAMP) wordnet
	$(BIN)/python benchmarks/bench_events.py

# dyads run over every dev page, 100 stored events drawn for judging (then: judge_stored_events.py score FILE)
bench-event-pages: $(STAMP)
	$(BIN)/python benchmarks/judge_stored_events.py draw

# Would a trained predicate classifier help? Cross-validated on training/'s labelled real sentences
bench-predicate-model: $(STAMP)
	$(BIN)/python benchmarks/bench_predicate_model.py

bench-linking: $(STAMP)
	$(BIN)/python benchmarks/bench_linking.py

serve: $(STAMP)
	$(BIN)/dyads serve --db build/demo.duckdb

bench-store: $(STAMP)
	$(BIN)/python benchmarks/bench_store.py

# Long: 100k articles take hours on 2 cores; use SIZES=1000,10000 for a shorter run.
# SINGLE_MB: the single-file corpus (one JSONL of dev pages) in MB; ONLY_SINGLE=1 runs only that one,
# e.g. make bench-throughput ONLY_SINGLE=1 SINGLE_MB=40 for the single-file speed-ups in a few minutes
# (150 MB, the default, is about the size of the 931-page file of issue 21; Ray start-up weighs on small files).
SIZES ?= 1000,10000,100000
SINGLE_MB ?= 150
bench-throughput: $(STAMP)
	$(BIN)/python benchmarks/bench_throughput.py --sizes $(SIZES) --single-file-mb $(SINGLE_MB) $(if $(ONLY_SINGLE),--only-single)

# Peak RSS of a run over one 50 MB vs one 1 GB JSONL (2 workers; pages padded to 1 MB each with an
# inline JSON state script, as many news pages carry, so that 1 GB is ~1,000 pages, not ~6,000).
bench-big-jsonl: $(STAMP)
	$(BIN)/python benchmarks/bench_throughput.py --only-single --single-file-mb 50,1024 --pad-kb 1024 --configs 2

# The robustness suite with its slow variants (20 kill points) and a longer fuzzing budget.
test-robustness: $(STAMP)
	DYADS_FUZZ_RUNS=50000 $(BIN)/python -m pytest -q -m "slow or not slow" tests/robustness
