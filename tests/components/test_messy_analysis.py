"""Every panel draws, without an exception, whatever a half-finished stage hands over."""

from __future__ import annotations

import pytest

from newslens.charts import all_figures
from newslens.render import article_html
from tests.components.handmade import messy_analysis
from tests.components.harness import panel_app


@pytest.mark.parametrize(
    "panel", ["entities_panel", "quotes_panel", "events_panel", "stance_panel"]
)
def test_panels_draw_a_messy_analysis(panel):
    at = panel_app(panel, "messy_analysis").run()
    assert not at.exception


def test_charts_and_article_of_a_messy_analysis():
    analysis = messy_analysis()
    assert set(all_figures(analysis)) >= {"portrayal", "timeline", "cooperation", "positions"}
    assert "nl-article" in article_html(analysis)
