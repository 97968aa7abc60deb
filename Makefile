# Two commands: `make run` builds the warehouse from data/raw, `make test` runs the whole suite.
# Only python3 (3.11), pip and make are needed: uv is bootstrapped into .tools/ and installs the
# locked dependencies into .venv/.

PYTHON ?= python3
VENV := .venv
UV := .tools/bin/uv
UV_VERSION := 0.13.9
export DAGSTER_HOME := $(CURDIR)/.dagster
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup system-deps node-deps run test lint format ui bench bench-scale bench-site bench-robustness eval fuzz clean

setup: $(VENV)/.synced

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

# An instance file of our own: local storage under .dagster/, no telemetry (the machine may be offline).
$(DAGSTER_HOME)/dagster.yaml:
	@mkdir -p $(DAGSTER_HOME)
	@printf 'telemetry:\n  enabled: false\n' > $@

run: setup $(DAGSTER_HOME)/dagster.yaml
	$(VENV)/bin/python -m pipelines.build

# Programs the tests drive for real (pdftotext …), installed from Debian when missing.
system-deps:
	@scripts/system-deps.sh

# pdf.js (Firefox's PDF viewer) writes the text a browser's copy-paste gives, which the tests read as
# they read the other extractors' text: its npm packages, locked, installed where Node.js is.
PDFJS_TEXT := scripts/pdfjs-text

node-deps: $(PDFJS_TEXT)/node_modules/.installed

$(PDFJS_TEXT)/node_modules/.installed: $(PDFJS_TEXT)/package.json $(PDFJS_TEXT)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(PDFJS_TEXT) --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "warning: npm (Node.js) is not installed; the tests of pdf.js text will be skipped"; fi

# One pytest process per core (pytest-xdist), each test file's tests in one of them (--dist loadfile),
# so a module's cached fixtures are built once.
test: setup system-deps node-deps lint
	$(VENV)/bin/python -m pytest -n auto --dist loadfile

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

ui: setup $(DAGSTER_HOME)/dagster.yaml
	$(VENV)/bin/dagster dev -w workspace.yaml

bench: setup system-deps node-deps
	$(VENV)/bin/python -m benchmarks.run

# Errors injected into the real reports, found or not by the rules: docs/validation-benchmark.md.
eval: setup system-deps node-deps
	$(VENV)/bin/python -m benchmarks.validation

# A nightly run at 1,000 and 10,000 reports, and a cold build of CORES_REPORTS (default 10,000) really
# extracted reports on 1 core and on all (long). On a shared machine run it as root at a raised
# priority (docs/benchmarks.md says how).
bench-scale: setup
	$(VENV)/bin/python -m benchmarks.scale $(if $(REPORTS),$(foreach n,$(REPORTS),--reports $(n))) \
		$(if $(CORES_REPORTS),--cores-reports $(CORES_REPORTS))

# Read time against file size, and extraction on 1 and 2 workers (docs/robustness.md).
# What the evidence boxes and the review site cost: docs/benchmarks.md, section "review-site".
bench-site: setup
	$(VENV)/bin/python -m benchmarks.site_speed

bench-robustness: setup
	$(VENV)/bin/python -m benchmarks.robustness

# The property-based tests at length (make test runs them briefly); results in docs/robustness.md.
fuzz: setup
	HYPOTHESIS_PROFILE=fuzz $(VENV)/bin/python -m pytest tests/test_fuzz.py -p no:cacheprovider

clean:
	rm -rf $(VENV) .tools data/warehouse/* .dagster
