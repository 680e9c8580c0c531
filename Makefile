# Every target creates the virtual environment from the hashed lock file on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed


.PHONY: browser serve test-robustness lexicon wordnet
.PHONY: venv demo test test-slow lint clean bench-time bench-extraction bench-events bench-event-pages bench-linking bench-store bench-throughput

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
	$(BIN)/ruff check src tests benchmarks scripts

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

bench-linking: $(STAMP)
	$(BIN)/python benchmarks/bench_linking.py

serve: $(STAMP)
	$(BIN)/dyads serve --db build/demo.duckdb

bench-store: $(STAMP)
	$(BIN)/python benchmarks/bench_store.py

# Long: 100k articles take hours on 2 cores; use SIZES=1000,10000 for a shorter run.
SIZES ?= 1000,10000,100000
bench-throughput: $(STAMP)
	$(BIN)/python benchmarks/bench_throughput.py --sizes $(SIZES)

# The robustness suite with its slow variants (20 kill points) and a longer fuzzing budget.
test-robustness: $(STAMP)
	DYADS_FUZZ_RUNS=50000 $(BIN)/python -m pytest -q -m "slow or not slow" tests/robustness
