"""Every chart of the dashboard as a plain plotly Figure, so the app and the exports share
them. (Placeholder: the stance/events work fills this in.)"""

from __future__ import annotations

import plotly.graph_objects as go

from newslens.model import Analysis


def all_figures(analysis: Analysis) -> dict[str, go.Figure]:
    """Chart name -> Figure, only for charts that have data."""
    return {}
