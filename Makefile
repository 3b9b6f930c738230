# duizhao: the two commands a newcomer needs are `make site` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Quiet Material's banner about MkDocs 2; builds stay reproducible with a fixed epoch.
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1700000000)

.PHONY: site serve test check bench-meta bench-meta-gold lint browser java clean lock export screenshots install review bench bench-clean bench-harden bench-align offline bench-search bench-links

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Install stamps: reinstall when the dependency list or its pins change.
$(VENV)/.site: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e '.[site]'
	@touch $@

# The distributed map's extra (dask, distributed), for bench/cluster.py.
$(VENV)/.dask: $(VENV)/.site
	$(BIN)/pip install --quiet -c constraints.txt -e '.[site,dask]'
	@touch $@

$(VENV)/.test: $(VENV)/.site
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

## site: build the site from sources/ into site/ (strict: any warning fails)
site: $(VENV)/.site
	$(BIN)/mkdocs build --strict --clean --site-dir site

## serve: live preview at http://127.0.0.1:8000, rebuilding when sources/ or docs/ change; after an
## edit only the pages it changes are written again (--dirty, exact with the hook: docs/stack.md)
serve: $(VENV)/.site
	$(BIN)/mkdocs serve --dirty

# axe-core (accessibility rules injected into Chromium by the tests) and vnu-jar (the Nu HTML
# checker), pinned by package-lock.json. No install scripts: vnu-jar's would download a Java
# runtime; the system's Java runs it (scripts/ensure-java.sh).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Test workers: one per core (pytest-xdist); the builds the tests share are made once per run.
WORKERS ?= auto

## test: install test dependencies (Chromium, Java, axe-core, vnu-jar included) and run the whole suite
test: $(VENV)/.test browser java node_modules/.installed
	$(BIN)/ruff check src tests hooks bench
	$(BIN)/pytest -n $(WORKERS) --durations=15

## check: the quick loop: lint and every test that needs no browser and no whole-site build
check: $(VENV)/.test
	$(BIN)/ruff check src tests hooks bench
	$(BIN)/pytest -n $(WORKERS) -m "not browser and not slow" --durations=10

browser:
	@scripts/ensure-chromium.sh

java:
	@scripts/ensure-java.sh

## install: every pinned dependency (site and tests), without building or testing
install: $(VENV)/.test node_modules/.installed

## review: what readers will see change against BASE (default main), as a Markdown report
BASE ?= main
review: $(VENV)/.site
	$(BIN)/duizhao review $(BASE)

## bench-harden: per-file build time on the adversarial corpus (tests/adversarial) against the 10 s budget
bench-harden: $(VENV)/.test
	$(BIN)/python bench/harden.py

## bench-clean: cleaning F1 on ../shared/gold and the realworld Chinese pages (HTML and text dumps), tuning
## and held-out halves, beside trafilatura, and throughput
GOLD ?= ../shared/gold
bench-clean: $(VENV)/.test
	$(BIN)/python bench/clean.py --gold $(GOLD) --scorer $(dir $(GOLD:/=))tools/clean_score.py

## bench-meta: metadata accuracy per field on the real-world corpus (tests/data/realworld/meta), per split (blind splits: figures only)
bench-meta: $(VENV)/.site
	$(BIN)/python bench/meta.py --misses

## bench-meta-gold: metadata accuracy (title, date, author, publisher) on the English cleaning gold pages
## of ../shared/gold (truth: tests/data/realworld/meta-goldpages), tuning and held halves (held: figures only)
bench-meta-gold: $(VENV)/.site
	$(BIN)/python bench/meta_goldpages.py --gold $(GOLD)

lint: $(VENV)/.test
	$(BIN)/ruff check src tests hooks bench

## offline: the site as one zip for reading from disk, no network: dist/<site-name>-offline.zip
offline: $(VENV)/.site
	$(BIN)/mkdocs build --strict --clean -f mkdocs-offline.yml --site-dir build/offline
	$(BIN)/duizhao bundle build/offline --config mkdocs.yml --out dist

## bench-search: search payload at 100, 1,000 and 10,000 synthetic documents (SIZES=100,1000 for less)
SIZES ?= 100,1000,10000
bench-search: $(VENV)/.site
	$(BIN)/python bench/search.py --sizes $(SIZES)

## export: the generated pages as a plain MkDocs project in export/
export: $(VENV)/.site
	$(BIN)/duizhao export export

## bench: performance on synthetic corpora (cleaner, pipeline, hook vs plain MkDocs, rebuild after one
## edit, memory, page weight, search payload); `make bench SIZES=100,1000` for a shorter run; then
## cold builds of CLUSTER_SIZES documents with the process pool and on a LocalCluster(2), sites compared
SIZES ?= 100,1000,10000
CLUSTER_SIZES ?= 1000
bench: $(VENV)/.site $(VENV)/.dask
	$(BIN)/python bench/perf.py --sizes $(SIZES) --work .bench --json .bench/results.json
	$(BIN)/python bench/cluster.py --sizes $(CLUSTER_SIZES) --work .bench/cluster --json .bench/cluster.json

## bench-align: sentence alignment against ../shared/gold (F1 by the reference scorer, tune/held halves, leave-one-chapter-out, bead shapes, time, memory; with the [embed] extra when installed)
bench-align: $(VENV)/.site
	$(BIN)/python bench/align.py --gold $(GOLD) --loo

## bench-links: cross-linking time per document as the corpus grows, and `duizhao terms` on the gold sets
bench-links: $(VENV)/.site
	$(BIN)/python bench/links.py --gold $(GOLD)

## lock: re-pin every dependency after editing pyproject.toml
lock:
	rm -rf .lockvenv && $(PYTHON) -m venv .lockvenv
	.lockvenv/bin/pip install --quiet --upgrade pip
	.lockvenv/bin/pip install --quiet -e '.[test]'
	{ sed -n '1,2p' constraints.txt; .lockvenv/bin/pip freeze --exclude-editable; } > constraints.tmp
	mv constraints.tmp constraints.txt && rm -rf .lockvenv

clean:
	rm -rf site dist build export .pytest_cache test-results node_modules .bench .cache/duizhao

## screenshots: refresh the README's screenshots from the built site
screenshots: site $(VENV)/.test browser
	$(BIN)/python scripts/screenshots.py site docs/assets/screenshots
