# The two set-up commands of the README. Each creates .venv if needed.
PY ?= python3
# `make serve PORT=8001` when 8000 is taken.
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve site test test-pythons bench bench-events bench-attach bench-build bench-huge fuzz eval clean

$(BIN)/timeline: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

## Set up and preview the example site at http://127.0.0.1:$(PORT) (PORT=8000; rebuilds on changes in content/).
serve: $(BIN)/timeline
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:$(PORT)

## Set up and build the example site into site/.
site: $(BIN)/timeline
	$(BIN)/mkdocs build --strict

## Set up and run the tests.
test: $(BIN)/timeline
	$(BIN)/python -m pytest -q

## The suite under each other supported Python installed (pyenv or pythonX.Y), browser tests aside.
test-pythons: $(BIN)/timeline
	.ci/pythons $(PYTHONS)

## Accuracy on ../shared/benchmarks (README results table).
eval: $(BIN)/timeline
	$(BIN)/python scripts/eval_benchmarks.py

## Speed (characters per second), side by side with dateparser.
bench: $(BIN)/timeline
	$(BIN)/python scripts/bench_speed.py

## Event anchoring on the SemEval-2015 TimeLine trial set.
bench-events: $(BIN)/timeline
	$(BIN)/python scripts/bench_events.py

## Event dates against the TLINKs of TimeBank (developed on) and AQUAINT (the check), by situation.
bench-attach: $(BIN)/timeline
	$(BIN)/python scripts/bench_attach.py

## Site build time as the archive grows (cold, unchanged, one article added; `mkdocs serve`),
## beside plain MkDocs: make bench-build ARTICLES="2000 10000"
ARTICLES ?= 2000 10000
bench-build: $(BIN)/timeline
	$(BIN)/python scripts/bench_build.py --articles $(ARTICLES) --serve

## Property tests with many random examples (FUZZ_EXAMPLES=5000 each; a failure is kept in .hypothesis/ and replayed).
fuzz: $(BIN)/timeline
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_properties.py --hypothesis-show-statistics

## Seconds per stage for one article of 0.3 to 4.9 MB (linear in its size).
bench-huge: $(BIN)/timeline
	$(BIN)/python scripts/bench_huge.py

clean:
	rm -rf $(VENV) $(VENV)-3.* site .pytest_cache
