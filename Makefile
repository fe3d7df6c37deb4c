# Afterview: `make run` starts the app, `make test` runs the tests.
# Both create the virtual environment in .venv on first use (Python 3.11 or newer).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo test bench bundle clean-venv

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Afterview needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

run: $(STAMP)
	$(VENV)/bin/afterview

demo: $(STAMP)
	$(VENV)/bin/afterview --demo

test: $(STAMP)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) bench/startup.py

# The double-click app: dist/Afterview/afterview (Afterview.app on macOS).
BUNDLE_STAMP := $(VENV)/.installed-bundle
$(BUNDLE_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bundle]'
	@touch $@

bundle: $(BUNDLE_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build packaging/afterview.spec
	@du -sh dist/Afterview

clean-venv:
	rm -rf $(VENV)
