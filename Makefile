# specx -- two commands set everything up on a fresh machine:
#   make run    raw/ -> normalized/
#   make test   the test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
OUT    ?= normalized

.PHONY: run test schema golden golden-accept golden-gaps vocab clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "specx needs Python >= 3.10 ($(PYTHON))" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "cannot create a virtual environment: install python3-venv" >&2; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]' || { echo "pip install failed: see the messages above (PyPI must be reachable)" >&2; exit 1; }
	@touch $(STAMP)

run: $(STAMP)
	$(PY) -m extract run raw --out $(OUT)

test: $(STAMP)
	$(PY) -m pytest

schema: $(STAMP)
	$(PY) -m extract schema --out schemas

# Re-extract into a scratch folder and show a field-level diff against tests/golden (never overwrites).
golden: $(STAMP)
	@rm -rf .golden-scratch && $(PY) -m extract run raw --out .golden-scratch --quiet >/dev/null || true
	$(PY) tests/golden_form.py diff .golden-scratch

# After checking that diff by hand against the source: copy the projections into tests/golden.
golden-accept: $(STAMP)
	$(PY) tests/golden_form.py accept .golden-scratch

# Record the remaining differences as known gaps (only ever to remove fixed ones: review the git diff).
golden-gaps: $(STAMP)
	@rm -rf .golden-scratch && $(PY) -m extract run raw --out .golden-scratch --quiet >/dev/null || true
	$(PY) tests/golden_form.py gaps .golden-scratch >/dev/null

vocab: $(STAMP)
	$(PY) -m extract.vocabulary raw

clean:
	rm -rf .golden-scratch normalized/*.json .pytest_cache
