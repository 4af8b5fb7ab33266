# Two commands a new user needs: `make demo` (sample article → briefing.pdf) and `make test`.
# Debian's own interpreter where there is one: Debian builds it with PGO and LTO, and the merged
# 10-source brief renders 22 % faster with it than with an unoptimised build such as pyenv's
# (bench/multisource.py's brief, both interpreters interleaved in the same minutes)
# (if it is 3.11 or newer, as pyproject.toml needs)
PY ?= $(shell test -f /etc/debian_version && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo /usr/bin/python3 || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test gui bench lint clean train crossval

$(STAMP): pyproject.toml scripts/system-packages.txt
	bash scripts/system-deps.sh
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/briefing export assets/samples/niger-airbase-101.txt -o briefing.pdf
	@echo "briefing.pdf written from assets/samples/niger-airbase-101.txt"

gui: $(STAMP)
	$(BIN)/briefing gui assets/samples/niger-airbase-101.txt

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(BIN)/ruff check .

# Retrain the outlook and forces classifiers from corpus/gold and ../shared/corpus (deterministic:
# the same annotations give byte-identical assets/models/*.json).
train: $(STAMP)
	$(BIN)/python -m briefing.training

# Article-level 5-fold cross-validation of the trained cards on our corpus (prints figures).
crossval: $(STAMP)
	$(BIN)/python scripts/crossval.py

bench: $(STAMP)
	$(BIN)/python bench/export.py
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/startup.py

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) briefing.pdf briefing.html
