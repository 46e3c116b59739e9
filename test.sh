#!/usr/bin/env bash
# Set up (see scripts/setup.sh), then lint and run the whole test suite, browser tests included.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/pyright newslens components
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
