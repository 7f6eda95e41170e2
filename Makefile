# Village Station — the README's two commands are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DIR ?= .demo
# Debian packages: zbar for pyzbar, Chinese fonts, Qt's xcb/EGL libraries, Xvfb for screenshots,
# PostgreSQL, openssl and Chromium for the hub's PostgreSQL, TLS and browser tests (under CI=true
# a test whose program is missing fails: tests/ci.py), binutils to strip the bundle.
DEB_PACKAGES := libzbar0 fonts-noto-cjk libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 \
	libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0 \
	libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 xvfb postgresql poppler-utils \
	chromium chromium-driver openssl binutils espeak-ng
# the station bundle's size goal, without the optional camera component (`make package` fails above it)
BUNDLE_GOAL_MB ?= 150
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: run test lint bench setup system-deps translations demo clean screenshots package

setup: system-deps $(STAMP)

# Installs missing Debian packages when we are root (or have sudo without a password);
# otherwise says which are missing and goes on.
system-deps:
	@if command -v dpkg >/dev/null 2>&1; then \
	  missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi; \
	    if [ "$$SUDO" = none ]; then echo "Please install: $$missing"; \
	    else (test -n "$$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null)" || $$SUDO apt-get update -qq) && \
	      DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; fi; \
	  fi; \
	fi

# `.[dev]` is both programs (`.[station]` and `.[hub]`, pyproject.toml) and the test and bench tools
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	$(MAKE) --no-print-directory translations
	touch $(STAMP)

translations: assets/translations/station_zh_CN.qm

assets/translations/station_zh_CN.qm: assets/translations/station_zh_CN.ts
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

demo: setup
	@test -f $(DEMO_DIR)/station.sqlite || $(VENV)/bin/station-app simulate --days 60 --seed 7 --data-dir $(DEMO_DIR)

run: setup demo
	@echo "Demo station: 站长 王建国 PIN 1234 · 操作员 李秀英 PIN 5678"
	$(VENV)/bin/station-app --data-dir $(DEMO_DIR)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -q -rs -p no:cacheprovider $(PYTEST_ARGS)

# every benchmark runs; the run fails if any of them missed a goal (each exits 1 then)
bench: setup
	@missed=; for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || missed="$$missed $$b"; echo; done; \
	if [ -n "$$missed" ]; then echo "make bench: goals missed in:$$missed"; exit 1; fi; echo "make bench: every goal met"

screenshots: setup
	$(PY) tools/screenshots.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) build dist *.egg-info

# The station PC bundle (installer/README.md): PyInstaller one-folder build in dist/station-app
# and the optional camera component (OpenCV, numpy) in dist/station-camera, the strict smoke
# test of the frozen program without and with the component (a missing subcommand fails),
# both sizes, the Windows bundle estimated from the Windows wheels, and the base bundle's size
# against BUNDLE_GOAL_MB. Not part of `make test`.
package: setup
	@$(PY) -c "import PyInstaller" 2>/dev/null || $(PY) -m pip install -q pyinstaller
	$(PY) installer/build.py --smoke --estimate-windows --goal-mb $(BUNDLE_GOAL_MB)
