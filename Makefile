# s3gen: the two commands are `make pdf` and `make test`; each installs what it needs first.
#
# The virtualenv in .venv/ is created on first use and refreshed when pyproject.toml changes.
# Debian packages are installed only when missing (build machines run as root; otherwise sudo).

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
STRATEGY ?= strategy
S3GEN    := $(BIN)/s3gen

# Debian packages the build needs at run time: Pango for WeasyPrint's layout, poppler-utils to
# look at the PDF.
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
# What the test suite's HTML checks need: Java for the Nu HTML Checker, Debian's Chromium for
# axe-core (never a downloaded browser), Node.js and npm for both; qpdf to check PDFs; git and
# fontconfig's tools (fc-match) for the tests that make their own repositories and font setups.
CHECKER_PACKAGES := default-jre-headless chromium nodejs npm qpdf git fontconfig
CHECKERS := tests/a11y
CHECKERS_STAMP := $(CHECKERS)/node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help install debian-packages checker-packages apt validate html pdf serve test check lint typecheck clean bench catalogs

help:
	@echo "make pdf        build the HTML and the PDFs of the strategy in $(STRATEGY)/: report, summary, factsheets (installs first)"
	@echo "make test       run the whole test suite (installs first)"
	@echo "make validate   check the strategy files and list every problem"
	@echo "make html       build the HTML report"
	@echo "make serve      preview the report live on http://127.0.0.1:8000/ while you edit"
	@echo "make check      lint (ruff), type-check (mypy) and test"
	@echo "make bench      measure speed and memory against baselines (benchmarks/)"
	@echo "make catalogs   update the interface wording's catalogs from the templates (s3gen/report/locales/)"
	@echo "make clean      remove build/ outputs and caches (keeps .venv/)"

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[pdf,test]'
	@touch $(STAMP)

debian-packages:
	@$(MAKE) --no-print-directory apt PACKAGES="$(DEBIAN_PACKAGES)"

checker-packages:
	@$(MAKE) --no-print-directory apt PACKAGES="$(DEBIAN_PACKAGES) $(CHECKER_PACKAGES)"

# Installs $(PACKAGES) that are missing; a command already on PATH (node, npm, java) counts as
# installed, so a machine with its own Node.js keeps it.
apt:
	@missing=""; for p in $(PACKAGES); do \
	  case $$p in nodejs) command -v node >/dev/null && continue;; npm) command -v npm >/dev/null && continue;; \
	    default-jre-headless) command -v java >/dev/null && continue;; esac; \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# --ignore-scripts: vnu-jar ships vnu.jar itself; its install script would try to download a Java
# runtime, and Java comes from Debian here.
$(CHECKERS_STAMP): $(CHECKERS)/package.json $(CHECKERS)/package-lock.json
	cd $(CHECKERS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

validate: $(STAMP)
	$(S3GEN) validate --strategy $(STRATEGY)

html: $(STAMP)
	$(S3GEN) html --strategy $(STRATEGY) --out build/html

# `make pdf` rebuilds only when an input changed since the last successful build, a file was
# added, removed or renamed (the listing changes), or the PDF is gone. s3gen writes the HTML and
# the PDF in one run.
FIND_PDF_INPUTS := find $(STRATEGY) s3gen -type f ! -name '*.pyc' 2>/dev/null | sort
PDF_INPUTS := $(shell $(FIND_PDF_INPUTS)) pyproject.toml
PDF_STAMP := build/pdf/.built
PDF_LISTING := build/pdf/.inputs

pdf: $(STAMP) debian-packages
	@mkdir -p build/pdf
	@# The new listing has a name of its own (two `make pdf` at once removed or moved each
	@# other's), in one shell so that every command sees it; gone however the shell ends. It is
	@# written by find itself: thousands of names would be too long for one echo's arguments.
	@new=$$(mktemp $(PDF_LISTING).new.XXXXXX) && trap 'rm -f "$$new"' EXIT && \
	  trap 'exit 1' INT TERM HUP && \
	  { $(FIND_PDF_INPUTS); echo pyproject.toml; } > "$$new" && \
	  { cmp -s "$$new" $(PDF_LISTING) || mv "$$new" $(PDF_LISTING); }
	@[ -f $(PDF_STAMP) ] && ls build/pdf/*.pdf >/dev/null 2>&1 || rm -f $(PDF_STAMP)
	@# A PDF written since (by hand, perhaps with --no-strict): let s3gen pdf judge it again.
	@find build/pdf -maxdepth 1 -name '*.pdf' -newer $(PDF_STAMP) 2>/dev/null | grep -q . && rm -f $(PDF_STAMP) || true
	@$(MAKE) -q --no-print-directory $(PDF_STAMP) \
		&& echo "Nothing changed since the last build: $$(ls build/pdf/*.pdf) is up to date." \
		|| $(MAKE) -s --no-print-directory $(PDF_STAMP)

$(PDF_STAMP): $(PDF_INPUTS) $(PDF_LISTING)
	$(S3GEN) pdf --strategy $(STRATEGY) --out build/pdf --html-out build/html --language all
	@touch $@

test: $(STAMP) checker-packages $(CHECKERS_STAMP)
	$(BIN)/python -m pytest

serve: $(STAMP)
	$(S3GEN) serve --strategy $(STRATEGY)

lint: $(STAMP)
	$(BIN)/ruff check s3gen tests benchmarks
	$(BIN)/ruff format --check s3gen tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

# After a template's wording changed: new messages enter every catalog untranslated, for a
# translator; `--check` (a test does the same) lists what is missing.
catalogs: $(STAMP)
	$(BIN)/python tools/catalogs.py

clean:
	find build -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis

# Benchmarks: timings live here, not in the tests. `make bench` takes about 15 minutes
# (the 200-region PDF alone several); BENCH_ARGS=--quick for a one-minute run.
bench: $(STAMP) debian-packages
	$(BIN)/python -m pip install --quiet --disable-pip-version-check 'check-jsonschema>=0.28'
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
