"""Events panel: table sorted by date (undated last), filters, timeline and table selection
light the evidence sentence, the publication date is shown and editable."""

from __future__ import annotations

from components.events_panel import events_table, selected_event_indices
from tests.components.handmade import handmade_analysis
from tests.components.harness import panel_app


def test_table_is_sorted_by_date_with_undated_events_last():
    table = events_table(handmade_analysis())
    # In words for readers, in date order.
    assert table["When"].tolist() == ["week 20 of 2025", "16 May 2025", "19 May 2025", "undated"]
    assert table.index.tolist() == [2, 1, 0, 3]
    assert table.loc[1, "Category"] == "fighting"
    assert "Goldstein -10" in table.loc[1, "Goldstein"]
    assert table.loc[2, "Mode"] == "planned" and table.loc[1, "Mode"] == ""


def test_table_filters_by_actor_category_and_modality():
    analysis = handmade_analysis()
    assert events_table(analysis, actors=["Russia"]).index.tolist() == [1]
    assert events_table(analysis, categories=["consultation"]).index.tolist() == [0]
    assert events_table(analysis, actors=["Russia"], categories=["consultation"]).empty
    assert 2 not in events_table(analysis, all_modalities=False).index  # planned


def test_selected_event_lights_every_mention_and_is_shown_in_full():
    analysis = handmade_analysis()
    event = analysis.events[1]
    event.mentions = [[event.start, event.end, 0, 1], [0, 5, 0, 1]]
    at = panel_app("events_panel").run()
    at.session_state["analysis"].events[1].mentions = event.mentions
    at.session_state["t-table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    assert at.session_state["highlights"].evidence_spans == [(event.start, event.end), (0, 5)]
    details = [m.value for m in at.markdown if "**Did what**" in m.value]
    assert details and r"Goldstein \-10" in details[0] and "Ukraine" in details[0]


def test_negation_is_written_once():
    analysis = handmade_analysis()
    analysis.events[1].negated = True
    assert events_table(analysis).loc[1, "Did what"] == "not attacked"
    analysis.events[1].phrase = "did not attack"
    assert events_table(analysis).loc[1, "Did what"] == "did not attack"


def test_timeline_clicks_give_event_indices():
    assert selected_event_indices({"points": [{"customdata": 2}, {"customdata": [0]}]}) == [2, 0]
    assert selected_event_indices({"points": []}) == []


def test_panel_lights_the_evidence_of_selected_rows():
    at = panel_app("events_panel").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert at.session_state["highlights"].evidence_spans == []
    # the planned event (2025-W20) is behind the modality filter: row 0 is 2025-05-16
    at.session_state["t-table"] = {"selection": {"rows": [0], "columns": []}}
    at.run()
    event = handmade_analysis().events[1]
    assert at.session_state["highlights"].evidence_spans == [(event.start, event.end)]


def test_panel_filters_and_timex_toggle():
    at = panel_app("events_panel").run()
    at.multiselect(key="t-actors").select("Russia").run()
    assert at.dataframe[-1].value["Event"].tolist() == ["Russia · attacked → Ukraine"]
    assert at.dataframe[-1].value["Category"].tolist() == ["fighting -10"]
    at.checkbox(key="t-show-timexes").uncheck().run()
    assert at.session_state["highlights"].show_timexes is False


def test_publication_date_is_shown_and_editing_it_reanchors():
    at = panel_app("events_panel").run()
    date_input = at.text_input(key="t-dct-date")
    assert date_input.value == "2025-05-20"
    date_input.input("2024-01-02").run()
    assert not at.exception
    assert at.session_state["analysis"].meta.published == "2024-01-02"


def test_missing_publication_date_is_warned_about():
    at = panel_app("events_panel", "empty_analysis").run()
    assert not at.exception
    assert "No publication date" in at.warning[0].value
    assert at.text_input(key="t-dct-date").value == ""
    assert "No events found" in at.info[0].value
