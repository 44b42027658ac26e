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

.DEFAULT_GOAL := help
.PHONY: help install debian-packages validate html pdf test check lint typecheck clean

help:
	@echo "make pdf        build the HTML and PDF of the strategy in $(STRATEGY)/ (installs first)"
	@echo "make test       run the whole test suite (installs first)"
	@echo "make validate   check the strategy files and list every problem"
	@echo "make html       build the HTML report"
	@echo "make check      lint (ruff), type-check (mypy) and test"
	@echo "make clean      remove build/ outputs and caches (keeps .venv/)"

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

debian-packages:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

validate: $(STAMP)
	$(S3GEN) validate --strategy $(STRATEGY)

html: $(STAMP) validate
	@echo "s3gen html is not implemented yet (issue #4): the HTML report cannot be built." >&2
	@exit 1

pdf: $(STAMP) debian-packages validate
	@echo "s3gen pdf is not implemented yet (issue #5): the PDF cannot be built." >&2
	@exit 1

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check s3gen tests
	$(BIN)/ruff format --check s3gen tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

clean:
	find build -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
	rm -rf .pytest_cache .mypy_cache .ruff_cache .hypothesis
