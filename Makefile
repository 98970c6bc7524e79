# The two commands of the README: `make report` (set up + run on the sample), `make test`.
# conda is not needed: a venv is built from the pinned requirements.txt when it is missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
YEARS  ?= 2564-2568
RAW    ?= data/raw
CLEAN  ?= data/clean
OUT    ?= reports
CHROMIUM ?= /usr/bin/chromium
PDFTOTEXT ?= /usr/bin/pdftotext
SOFFICE ?= /usr/bin/soffice
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# JupyterLab will not start as root unless told to; containers and WSL often run as root
LAB_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)
LAB_ARGS ?=

.PHONY: setup report clean-data score test lab sample bench unseen distclean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(PY) -m analysis kernel
	touch $@

## the main job on the bundled sample data: every year through the notebooks, ending in reports/index.html
report: setup
	$(VENV)/bin/analysis run --raw-dir $(RAW) --years $(YEARS) --out-dir $(OUT) --clean-dir $(CLEAN)

## the steps one by one, without notebooks
clean-data: setup
	$(VENV)/bin/analysis clean --raw-dir $(RAW) --years $(YEARS) --clean-dir $(CLEAN)

score: clean-data
	$(VENV)/bin/analysis score --clean-dir $(CLEAN) --years $(YEARS)

## the browser test opens the reports in Debian's Chromium: installed here when missing
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

## the print tests read the A4 PDFs with poppler's pdftotext, and open the workbooks (and Word
## documents) in LibreOffice as officials do: installed here when missing
$(PDFTOTEXT):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq poppler-utils

$(SOFFICE):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libreoffice-calc-nogui libreoffice-writer-nogui

## Thai fonts for LibreOffice, as an official's machine has them: a workbook names no Thai font, and
## without one the workbook's Thai prints as boxes
THAIFONTS ?= /usr/share/fonts/truetype/tlwg
$(THAIFONTS):
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-thai-tlwg

## a test file per worker: module fixtures (the batch a file prints) are built once
test: setup $(CHROMIUM) $(PDFTOTEXT) $(SOFFICE) $(THAIFONTS)
	$(PY) -m pytest -q -n auto --dist loadfile

## the benchmark (not a test): a table of timings, then batch_vs_floor, score_vs_duckdb,
## intervals_share and report_max_mb against their targets
bench: setup
	$(PY) benchmarks/bench.py

## the clean step on forms it has never seen (tests/unseen): both parts of the generator, figures per
## part and the classes that fail; `$(PY) benchmarks/unseen.py --write-docs` also writes docs/unseen-forms.md
unseen: setup
	$(PY) benchmarks/unseen.py

## JupyterLab on the notebooks, with the kernel 'analysis' (this venv) that they name
lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(LAB_ROOT) $(LAB_ARGS)

## regenerate the committed sample (seeded: the same files every time)
sample: setup
	$(VENV)/bin/analysis sample --raw-dir $(RAW)

distclean:
	rm -rf $(VENV) $(CLEAN)
