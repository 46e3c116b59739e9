"""Entities panel: type filter, entity table, row selection lights mentions."""

from __future__ import annotations

from components.entities_panel import entity_table, table_key
from tests.components.handmade import handmade_analysis
from tests.components.harness import panel_app


def test_table_lists_entities_with_type_and_mention_count_most_mentioned_first():
    table = entity_table(handmade_analysis())
    assert list(table.columns) == ["Name", "Type", "Mentions"]
    assert table.loc["E_putin"].tolist() == ["Vladimir Putin", "PERSON", 2]
    assert table["Mentions"].tolist() == sorted(table["Mentions"], reverse=True)
    assert set(entity_table(handmade_analysis(), ["GPE"])["Type"]) == {"GPE"}


def test_panel_filters_by_type_and_lights_selected_rows():
    at = panel_app("entities_panel").run()
    assert not at.exception
    labels = at.multiselect(key="t-labels")
    assert labels.value == ["GPE", "NORP", "PERSON"]
    shown = at.dataframe[0].value
    assert len(shown) == len(handmade_analysis().entity_clusters)
    assert at.session_state["highlights"].lit_entity_ids == set()

    labels.unselect("GPE").run()
    # Shown in the words the text writes after each mention.
    assert set(at.dataframe[0].value["Type"]) == {"GROUP", "PERSON"}
    assert at.session_state["highlights"].entity_labels == {"NORP", "PERSON"}

    table = at.dataframe[0].value
    lavrov_row = list(table["Name"]).index("Sergei Lavrov")
    at.session_state[table_key("t", ["NORP", "PERSON"])] = {
        "selection": {"rows": [lavrov_row], "columns": []}
    }
    at.run()
    assert at.session_state["highlights"].lit_entity_ids == {"E_lavrov"}

    # Changing the filter keeps the selected entity (by id, not by row number).
    at.multiselect(key="t-labels").select("GPE").run()
    assert at.session_state["highlights"].lit_entity_ids == {"E_lavrov"}
    at.multiselect(key="t-labels").unselect("PERSON").run()
    assert at.session_state["highlights"].lit_entity_ids == set()


def test_panel_without_entities_says_so():
    at = panel_app("entities_panel", "empty_analysis").run()
    assert not at.exception
    assert "No named entities" in at.info[0].value
    assert len(at.dataframe) == 0
