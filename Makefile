# specx -- two commands set everything up on a fresh machine:
#   make run    raw/ -> normalized/
#   make test   the test suite (what CI runs)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PIP_LOG := $(VENV)/pip.log
OUT    ?= normalized
# files holding the warning-code table that `make schema` regenerates
SCHEMA_DOCS := docs/output-format.md

.PHONY: run test schema golden golden-accept golden-gaps vocab clean
.PHONY: catalogue
.PHONY: watch
.PHONY: ocr-deps chromium-deps fixtures bench
.PHONY: accuracy accuracy-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || { echo "specx needs Python >= 3.10 ($(PYTHON))" >&2; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { echo "cannot create a virtual environment: install python3-venv" >&2; exit 1; }
	@echo "installing packages into $(VENV) (log: $(PIP_LOG))"
	@$(PY) -m pip install --quiet --upgrade pip >$(PIP_LOG) 2>&1 && $(PY) -m pip install --quiet -e '.[test,cluster]' >>$(PIP_LOG) 2>&1 || \
	  { tail -n 20 $(PIP_LOG) >&2; echo "pip install failed: see $(PIP_LOG) (PyPI must be reachable)" >&2; exit 1; }
	@touch $(STAMP)

run: $(STAMP) ocr-deps
	$(PY) -m extract run raw --out $(OUT) --review

test: $(STAMP) ocr-deps chromium-deps
	$(PY) -m pytest

schema: $(STAMP)
	$(PY) -m extract schema --out schemas --docs $(SCHEMA_DOCS)

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

# Catalogue + CSV/Parquet/SQLite exports from the per-document outputs already in $(OUT).
catalogue: $(STAMP)
	$(PY) -m extract catalogue --out $(OUT)

# Poll raw/ and run whenever an input changes; Ctrl-C stops it.
INTERVAL ?= 60
watch: $(STAMP)
	$(PY) -m extract watch raw --out $(OUT) --interval $(INTERVAL)

vocab: $(STAMP)
	$(PY) -m extract.repair.vocabulary raw

clean:
	# outputs, manifest, catalogue and exports; the history in normalized/changes and normalized/retired stays
	rm -rf .golden-scratch normalized/*.json normalized/catalogue normalized/review normalized/specx.sqlite normalized/.specx.lock .pytest_cache

# Scanned PDF pages need tesseract with English data: installed with apt where missing
# and possible (root + apt-get); otherwise a message, and scanned pages are reported, not read.
TESSERACT_APT := tesseract-ocr tesseract-ocr-eng
ocr-deps:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx eng; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing tesseract for scanned PDF pages: apt-get install $(TESSERACT_APT)"; \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TESSERACT_APT) >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TESSERACT_APT) >/dev/null; }; } || \
	  echo "could not install tesseract: scanned PDF pages will not be read (apt-get install -y $(TESSERACT_APT))" >&2; \
	else echo "tesseract missing: scanned PDF pages will not be read; install $(TESSERACT_APT) (needs root)" >&2; fi

# Headless Chromium for the review report tests (tests/test_review.py skips without it).
chromium-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing chromium for the review report tests: apt-get install chromium"; \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; } || \
	  echo "could not install chromium: the review browser tests will be skipped (apt-get install -y chromium)" >&2; \
	else echo "chromium missing: the review browser tests will be skipped; install chromium (needs root)" >&2; fi

# Fixture PDFs + golden JSON from tests/fixtures/spec_data.py (needs LibreOffice: installed by the script).
DEV_STAMP := $(VENV)/.installed-dev
$(DEV_STAMP): $(STAMP) pyproject.toml
	@echo "installing the dev packages (log: $(PIP_LOG))"
	@$(PY) -m pip install --quiet -e '.[test,cluster,dev]' >>$(PIP_LOG) 2>&1 || \
	  { tail -n 20 $(PIP_LOG) >&2; echo "pip install failed: see $(PIP_LOG)" >&2; exit 1; }
	@touch $(DEV_STAMP)

fixtures: $(DEV_STAMP)
	$(PY) tests/fixtures/make_fixtures.py

# PDF ingestion benchmark: specx run (default options) vs raw PyMuPDF and pdfplumber over >= 1,000 generated
# pages, the small-input rule for --jobs, OCR pages/s in one process and on a 2-worker Dask LocalCluster;
# then bench/bench_ocr.py: OCR pages/s with 1 and 2 tesseract workers and specx's overhead over bare
# tesseract (both always run; the status is 1 when either misses a target).
bench: $(DEV_STAMP) ocr-deps
	@$(PY) bench/bench_pdf.py; pdf=$$?; $(PY) bench/bench_ocr.py; ocr=$$?; exit $$(( pdf || ocr ))

# Accuracy on generated specimens (docs/accuracy.md): render SEED's documents in every house style
# and variant into .accuracy/seed-N/, run specx over them and print F1 per style and variant.
# Needs the dev extra (reportlab, python-docx) and pdftotext/pdftoppm, tesseract, LibreOffice.
SEED ?= 1
VARIANTS ?= pdf,layout,text,md,ocr,scan
ACCURACY_DIR := .accuracy/seed-$(SEED)
accuracy-deps:
	@missing=""; \
	command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v tesseract >/dev/null 2>&1 || missing="$$missing tesseract-ocr tesseract-ocr-eng"; \
	command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || missing="$$missing libreoffice-writer-nogui"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing for make accuracy: apt-get install$$missing"; \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null 2>&1 || \
	    { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; }; } || \
	  { echo "could not install$$missing: run apt-get install -y$$missing" >&2; exit 1; }; \
	else echo "make accuracy needs$$missing (apt-get install -y$$missing, as root)" >&2; exit 1; fi

accuracy: $(DEV_STAMP) accuracy-deps
	@rm -rf $(ACCURACY_DIR)
	$(PY) -m specimens render --seed $(SEED) --out $(ACCURACY_DIR) --variants $(VARIANTS)
	$(PY) -m specimens score $(ACCURACY_DIR) $(if $(VERBOSE),--verbose)
