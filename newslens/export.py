"""Exports: data as CSV/JSON, charts as PNG/SVG/HTML, a one-page HTML report. (Placeholder.)"""

from __future__ import annotations

import json

from newslens.model import Analysis


def analysis_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2)


def cli_export(file: str, to: str, *, published: str | None, model: str | None) -> int:
    print("newslens: error: export is not built yet", flush=True)
    return 1
