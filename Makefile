# The two commands of the README: `make report` (set up + run on the sample), `make test`.
# conda is not needed: a venv is built from the pinned requirements.txt when it is missing.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
YEARS  ?= 2564-2568
RAW    ?= data/raw
CLEAN  ?= data/clean

.PHONY: setup report clean-data test lab sample distclean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

## the main job on the bundled sample data
report: clean-data
	$(PY) -m analysis score --clean-dir $(CLEAN) --year $(YEARS)

clean-data: setup
	$(PY) -m analysis clean --raw-dir $(RAW) --year $(YEARS) --out-dir $(CLEAN)

test: setup
	$(PY) -m pytest -q

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks

## regenerate the committed sample (seeded: the same files every time)
sample: setup
	$(PY) -m analysis sample --raw-dir $(RAW)

distclean:
	rm -rf $(VENV) $(CLEAN)
