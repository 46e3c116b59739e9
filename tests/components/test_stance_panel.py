"""Stance panel: portrayal chart with an actor to light, evidence sentences, positions and
cooperation charts, empty states."""

from __future__ import annotations

from components.stance_panel import evidence_rows
from components.util import clicked_values
from tests.components.handmade import TEXT, handmade_analysis
from tests.components.harness import panel_app


def test_evidence_rows_are_the_sentences_of_the_actor_mentions():
    rows = evidence_rows(handmade_analysis(), "E_ukr")
    assert [(TEXT[s:e], polarity) for s, e, polarity in rows] == [
        ("Russia attacked Ukraine on May 16.", -1),
        ("The United States and Ukraine signed a deal last week.", 0),
    ]


def test_clicked_values_reads_customdata_of_points():
    selection = {"points": [{"customdata": "E_ukr"}, {"customdata": ["1,4"]}, {"x": 1}]}
    assert clicked_values(selection) == ["E_ukr", "1,4"]


def test_panel_draws_three_charts_and_lights_the_chosen_actor():
    at = panel_app("stance_panel").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 3
    assert at.session_state["highlights"].stance_entity_id is None
    at.selectbox(key="t-actor").select("E_ukr").run()
    highlights = at.session_state["highlights"]
    assert highlights.stance_entity_id == "E_ukr"
    assert [TEXT[s:e] for s, e in highlights.evidence_spans][0].startswith("Russia attacked")
    evidence = at.dataframe[0].value
    assert evidence["Stance"].tolist() == ["negative", "neutral"]


def test_positions_click_lights_the_quote():
    at = panel_app("stance_panel").run()
    at.session_state["t-positions"] = {"selection": {"points": [{"customdata": "0"}]}}
    at.run()
    assert at.session_state["highlights"].lit_quotes == {0}


def test_panel_without_stance_or_events_says_so():
    at = panel_app("stance_panel", "empty_analysis").run()
    assert not at.exception
    infos = " ".join(i.value for i in at.info)
    assert "Portrayal:" in infos and "Positions:" in infos and "Cooperation and conflict:" in infos
    assert len(at.get("plotly_chart")) == 0
