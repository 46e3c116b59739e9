"""The dashboard's charts: plain plotly figures with titles, axis titles, legends in words and
the ids the app needs to light the text when a bar or point is clicked."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go
import pytest

from newslens.charts import (
    actor_pairs,
    all_figures,
    cooperation_figure,
    portrayal_figure,
    portrayal_rows,
    positions_figure,
    timeline_figure,
    timex_date,
)
from newslens.model import Cameo, EntityRef, Event, EventDate
from tests.components.handmade import empty_analysis, handmade_analysis


def _described(fig: go.Figure) -> None:
    """Title, both axis titles, and a legend whose entries are words."""
    assert fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.showlegend is True and fig.layout.legend.title.text
    names = [t.name for t in fig.data if t.showlegend is not False]
    assert names and all(isinstance(n, str) and n.strip() for n in names)


def test_all_figures_names_every_chart_with_data():
    figures = all_figures(handmade_analysis())
    assert set(figures) == {"portrayal", "positions", "cooperation", "timeline"}
    for fig in figures.values():
        assert isinstance(fig, go.Figure)
        _described(fig)


def test_no_chart_without_data():
    assert all_figures(empty_analysis()) == {}


def test_portrayal_keeps_actors_with_two_mentions_sorted_by_net():
    analysis = handmade_analysis()
    rows = portrayal_rows(analysis)
    assert [r.entity_id for r in rows] == ["E_ukr", "E_putin", "E_trump"]  # Zelensky: 1 mention
    assert [r.net for r in rows] == sorted(r.net for r in rows)
    fig = portrayal_figure(analysis)
    by_name = {}
    for trace in fig.data:
        by_name.setdefault(trace.legendgroup, []).append(trace)
        assert list(trace.customdata) == ["E_ukr", "E_putin", "E_trump"]
    negative, positive = by_name["negative"][0], by_name["positive"][0]
    assert list(negative.x) == [-1, 0, 0]  # negative mentions drawn left of zero
    assert list(positive.x) == [0, 1, 2]
    neutral_left, neutral_right = by_name["neutral"]
    assert list(neutral_left.x) == [-0.5, -0.5, 0] and list(neutral_right.x) == [0.5, 0.5, 0]
    assert fig.layout.barmode == "relative"
    ticks = list(fig.layout.xaxis.tickvals)
    assert 0 in ticks and ticks == [-t for t in reversed(ticks)]
    assert list(fig.layout.xaxis.ticktext) == [str(abs(t)) for t in ticks]
    assert list(fig.layout.yaxis.categoryarray)[-1] == "Ukraine"  # most negative on top


def test_portrayal_leaves_out_non_actors():
    analysis = handmade_analysis()
    analysis.cluster("E_ukr").label = "DATE"
    assert "E_ukr" not in {r.entity_id for r in portrayal_rows(analysis)}


def test_positions_dot_matrix_speaker_by_target():
    fig = positions_figure(handmade_analysis())
    (trace,) = fig.data
    assert list(trace.y) == ["Sergei Lavrov"] and list(trace.x) == ["Zelensky"]
    assert trace.name == "negative" and fig.layout.legend.title.text == "Speaks:"
    assert list(trace.customdata) == ["0"]  # the quote index behind the dot


def test_cooperation_pairs_by_mean_goldstein():
    analysis = handmade_analysis()
    analysis.events.append(
        Event(
            0,
            5,
            actor=EntityRef("Russia", "E_russia"),
            action="talk",
            target=EntityRef("Ukraine", "E_ukr"),
            cameo=Cameo("04", "Consult", 1.0),
        )
    )
    pairs = {p.label: p for p in actor_pairs(analysis)}
    assert pairs["Russia → Ukraine"].mean == pytest.approx((-10.0 + 1.0) / 2)
    assert pairs["Russia → Ukraine"].event_indices == [1, 4]
    assert "Sergei Lavrov → Sergei Lavrov" not in pairs  # no target, no pair
    unresolved = handmade_analysis()
    unresolved.events[1].target = EntityRef("a new lineup", None)
    assert "Russia → Ukraine" not in {p.label for p in actor_pairs(unresolved)}
    fig = cooperation_figure(analysis)
    names = {t.name for t in fig.data}
    assert names == {"conflict (< 0)", "cooperation (> 0)"}
    assert fig.layout.legend.title.text == "Mean Goldstein:"
    analysis.events[0].cameo.goldstein = 0.0
    neutral = [t for t in cooperation_figure(analysis).data if t.name.startswith("neutral")]
    assert neutral[0].type == "scatter" and list(neutral[0].y) == ["Vladimir Putin → Donald Trump"]
    assert tuple(fig.layout.xaxis.range) == (-10.5, 10.5)


def test_negated_events_do_not_count_as_cooperation_or_conflict():
    analysis = handmade_analysis()
    for event in analysis.events:
        event.negated = True
    assert actor_pairs(analysis) == []
    assert "cooperation" not in all_figures(analysis)


def test_timeline_places_dated_events_and_keeps_their_index():
    analysis = handmade_analysis()
    fig = timeline_figure(analysis)
    points = {
        int(i): x for trace in fig.data for i, x in zip(trace.customdata, trace.x, strict=True)
    }
    assert points == {0: "2025-05-19", 1: "2025-05-16", 2: "2025-05-12"}  # event 3 undated
    assert fig.layout.xaxis.type == "date"
    low, high = fig.layout.xaxis.range
    assert low < "2025-05-12" and high > "2025-05-19"


def test_timeline_of_a_single_day_still_spans_days():
    analysis = handmade_analysis()
    for event in analysis.events:
        event.date = EventDate("May 16", "2025-05-16")
    low, high = timeline_figure(analysis).layout.xaxis.range
    assert dt.date.fromisoformat(high) - dt.date.fromisoformat(low) >= dt.timedelta(days=6)


def test_timeline_skips_values_that_are_not_calendar_dates():
    analysis = handmade_analysis()
    for event in analysis.events:
        event.date = EventDate("recently", "PAST_REF")
    assert "timeline" not in all_figures(analysis)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-16", dt.date(2025, 5, 16)),
        ("2025-05-16T14:00", dt.date(2025, 5, 16)),
        ("2025-W20", dt.date(2025, 5, 12)),
        ("2025-05", dt.date(2025, 5, 1)),
        ("2025-Q3", dt.date(2025, 7, 1)),
        ("2025-SU", dt.date(2025, 6, 1)),
        ("2014", dt.date(2014, 1, 1)),
        ("PAST_REF", None),
        ("P2W", None),
        ("199X", None),
        ("2025-02-30", None),
        (None, None),
    ],
)
def test_timex_date(value, expected):
    assert timex_date(value) == expected


def test_article_text_in_charts_is_escaped_for_plotly():
    analysis = handmade_analysis()
    hostile = '<a href="javascript:alert(1)">x</a><b>Putin</b>'
    analysis.cluster("E_putin").name = hostile
    for entity_stance in analysis.stance:
        if entity_stance.entity_id == "E_putin":
            entity_stance.name = hostile
    analysis.cluster("E_lavrov").name = hostile
    analysis.events[0].phrase = "<script>x</script>"
    for name, fig in all_figures(analysis).items():
        text = json.dumps(json.loads(fig.to_json()), ensure_ascii=False)
        assert "<a href" not in text and "<b>" not in text and "<script>" not in text, name
        assert "&lt;b&gt;Putin&lt;/b&gt;" in text, name
