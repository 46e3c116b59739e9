"""Chart labels that stay readable: every category gets its own tick label (plotly skipped
some: 4 speakers, 2 labels), long names are wrapped and shortened with "…" but kept whole in
the hover text, and axes grow their margins whatever template draws them."""

from __future__ import annotations

from newslens.charts import (
    MAX_LABEL_LINES,
    all_figures,
    positions_figure,
    wrap_label,
)
from newslens.export import export_figure
from tests.components.handmade import handmade_analysis


def test_wrap_label_breaks_at_spaces_and_ends_what_does_not_fit_in_an_ellipsis():
    assert wrap_label("Vladimir Putin", width=26) == "Vladimir Putin"
    assert wrap_label("International Federation of Maritime Shipping Unions", width=26) == (
        "International Federation<br>of Maritime Shipping…"
    )
    label = wrap_label("Organisation for Economic Co-operation and Development", width=12)
    assert label.count("<br>") == MAX_LABEL_LINES - 1 and label.endswith("…")
    assert wrap_label("<b>Putin</b> & co", width=26) == "&lt;b&gt;Putin&lt;/b&gt; &amp; co"


def test_every_speaker_and_target_has_a_tick_label(seed_analysis):
    fig = positions_figure(seed_analysis)
    speakers = {y for trace in fig.data for y in trace.y}
    targets = {x for trace in fig.data for x in trace.x}
    assert fig.layout.yaxis.tickmode == "array" and set(fig.layout.yaxis.tickvals) == speakers
    assert set(fig.layout.xaxis.tickvals) == targets
    assert len(fig.layout.yaxis.ticktext) == len(speakers) == 4


def test_every_chart_grows_its_margins_for_its_labels():
    for name, fig in all_figures(handmade_analysis()).items():
        for exported in (fig, export_figure(fig)):
            assert exported.layout.xaxis.automargin and exported.layout.yaxis.automargin, name
        assert export_figure(fig).layout.template.layout.paper_bgcolor == "white", name
