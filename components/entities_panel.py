"""Entities panel: filter by type, a table of entities; selecting rows lights mentions."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from components.highlights import Highlights
from components.util import selected_rows
from newslens.model import Analysis
from newslens.render import entity_tag, label_description


def type_word(label: str) -> str:
    """The type as the text writes it after each mention ("PLACE" for GPE)."""
    return entity_tag(label).upper()


def labels_present(analysis: Analysis) -> list[str]:
    return sorted({m.label for m in analysis.entities})


def entity_table(analysis: Analysis, labels: list[str] | set[str] | None = None) -> pd.DataFrame:
    """One row per entity cluster of the shown labels: name, type, mention count, most
    mentioned first. The index is the cluster id."""
    counts = Counter(m.entity_id for m in analysis.entities)
    rows = [
        {"id": c.id, "Name": c.name, "Type": c.label, "Mentions": counts.get(c.id, len(c.mentions))}
        for c in analysis.entity_clusters
        if labels is None or c.label in labels
    ]
    rows = [r for r in rows if r["Mentions"] > 0]
    rows.sort(key=lambda r: (-r["Mentions"], r["Name"].lower(), r["id"]))
    frame = pd.DataFrame(rows, columns=["id", "Name", "Type", "Mentions"])
    return frame.set_index("id")


def _labels_key(key: str) -> str:
    return f"{key}-labels"


def table_key(key: str, labels: list[str] | set[str]) -> str:
    """One table widget per type filter: its row numbers mean other entities when the filter
    changes, so the selection is carried over by entity id instead (see `_lit_key`)."""
    return f"{key}-table-" + "_".join(sorted(labels))


def _lit_key(key: str) -> str:
    return f"{key}-lit"


def select_entity(analysis: Analysis, entity_id: str, *, key: str) -> None:
    """Select one entity in the panel (for links from other panels; call it from a widget
    callback, before the panel is drawn). Its type is added to the filter if needed."""
    cluster = analysis.cluster(entity_id)
    if cluster is None:
        return
    labels = list(st.session_state.get(_labels_key(key), labels_present(analysis)))
    if cluster.label not in labels:
        labels.append(cluster.label)
        st.session_state[_labels_key(key)] = labels
    table = entity_table(analysis, labels)
    if entity_id in table.index:
        row = table.index.get_loc(entity_id)
        st.session_state[table_key(key, labels)] = {"selection": {"rows": [row], "columns": []}}
        st.session_state[_lit_key(key)] = [entity_id]


def render(analysis: Analysis, *, key: str) -> Highlights:
    present = labels_present(analysis)
    if not present:
        st.info("No named entities found in this article.")
        return Highlights()
    if _labels_key(key) not in st.session_state:
        st.session_state[_labels_key(key)] = present
    labels = st.multiselect(
        "Entity types",
        options=present,
        key=_labels_key(key),
        format_func=type_word,
        help="Only mentions of these types are highlighted in the text. "
        + "; ".join(f"{type_word(label)}: {label_description(label)}" for label in present),
    )
    table = entity_table(analysis, labels)
    if table.empty:
        st.info("No entity of the chosen types. Pick a type above to see its entities.")
        return Highlights(entity_labels=set(labels))
    st.caption(f"{len(table)} entities · select rows to light their mentions in the text")
    widget_key = table_key(key, labels)
    carried = None
    if widget_key not in st.session_state:
        rows = [
            table.index.get_loc(i)
            for i in st.session_state.get(_lit_key(key), [])
            if i in table.index
        ]
        carried = {"selection": {"rows": rows, "columns": []}} if rows else None
    event = st.dataframe(  # pyright: ignore[reportCallIssue]
        table.assign(Type=table["Type"].map(type_word)),
        key=widget_key,
        selection_default=carried,  # pyright: ignore[reportArgumentType]
        on_select="rerun",
        selection_mode="multi-row",
        hide_index=True,
        width="stretch",
        column_config={
            "Mentions": st.column_config.NumberColumn("Mentions", format="%d", width="small"),
            "Type": st.column_config.TextColumn("Type", width="small"),
        },
    )
    rows = [r for r in selected_rows(event) if 0 <= r < len(table)]
    lit = {str(table.index[r]) for r in rows}
    st.session_state[_lit_key(key)] = sorted(lit)
    return Highlights(entity_labels=set(labels), lit_entity_ids=lit)
