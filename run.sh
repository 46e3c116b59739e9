#!/usr/bin/env bash
# Set up (see scripts/setup.sh) and start the newslens dashboard on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup.sh
exec .venv/bin/python -m streamlit run app.py --server.headless true \
  --browser.gatherUsageStats false "$@"
