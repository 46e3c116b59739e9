"""Stance panel: portrayal of each actor (click a bar to light its mentions by polarity and
list the evidence sentences), positions of speakers, cooperation/conflict between actors."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.highlights import Highlights
from components.util import clickable_chart, clicked_values, md_escape
from newslens.charts import (
    actor_pairs,
    cooperation_figure,
    portrayal_figure,
    portrayal_rows,
    positions_figure,
)
from newslens.model import Analysis
from newslens.render import POLARITY_WORDS, sentence_span

NO_ACTOR = ""


def _indices(values: list[str]) -> list[int]:
    return [int(part) for value in values for part in value.split(",") if part.isdigit()]


def evidence_rows(analysis: Analysis, entity_id: str) -> list[tuple[int, int, int]]:
    """(sentence start, sentence end, polarity) for each scored mention of the entity, one row
    per sentence and polarity, in text order."""
    rows: dict[tuple[int, int, int], None] = {}
    for entity_stance in analysis.stance:
        if entity_stance.entity_id != entity_id:
            continue
        for mention in sorted(entity_stance.mentions, key=lambda m: m.start):
            start, end = sentence_span(analysis.text, mention.start, mention.end)
            rows[(start, end, mention.polarity)] = None
    return list(rows)


def _on_portrayal_click(chart_key: str, actor_key: str) -> None:
    state = st.session_state.get(chart_key)
    values = clicked_values(state.get("selection", {}) if state else {})
    if values:
        st.session_state[actor_key] = values[0]


def _portrayal(analysis: Analysis, *, key: str) -> Highlights:
    rows = portrayal_rows(analysis)
    if not rows:
        st.info("Portrayal: no actor is mentioned at least twice with a scored stance yet.")
        return Highlights()
    chart_key, actor_key = f"{key}-portrayal", f"{key}-actor"
    st.plotly_chart(
        portrayal_figure(analysis),
        key=chart_key,
        on_select=lambda: _on_portrayal_click(chart_key, actor_key),
        selection_mode="points",
        width="stretch",
    )
    names = {r.entity_id: r.name for r in rows}
    if st.session_state.get(actor_key, NO_ACTOR) not in (NO_ACTOR, *names):
        st.session_state[actor_key] = NO_ACTOR
    actor = st.selectbox(
        "Light an actor's mentions (or click a bar)",
        [NO_ACTOR, *names],
        key=actor_key,
        format_func=lambda entity_id: names.get(entity_id, "— none —"),
    )
    if not actor:
        return Highlights()
    evidence = evidence_rows(analysis, actor)
    st.markdown(f"**Evidence for {md_escape(names[actor])}** · {len(evidence)} sentences")
    frame = pd.DataFrame(
        [
            {"Stance": POLARITY_WORDS.get(polarity, "neutral"), "Sentence": analysis.text[s:e]}
            for s, e, polarity in evidence
        ],
        columns=["Stance", "Sentence"],
    )
    st.dataframe(frame, hide_index=True, width="stretch", key=f"{key}-evidence")
    return Highlights(stance_entity_id=actor, evidence_spans=[(s, e) for s, e, _ in evidence])


def _positions(analysis: Analysis, *, key: str) -> Highlights:
    if not analysis.positions:
        st.info("Positions: no quote with a named speaker speaks about another entity.")
        return Highlights()
    selection = clickable_chart(positions_figure(analysis), key=f"{key}-positions")
    st.caption("Click a dot to light the quotes behind it.")
    picked = _indices(clicked_values(selection))
    return Highlights(lit_quotes={i for i in picked if 0 <= i < len(analysis.quotes)})


def _cooperation(analysis: Analysis, *, key: str) -> Highlights:
    if not actor_pairs(analysis):
        st.info("Cooperation and conflict: no events between two named actors to score.")
        return Highlights()
    selection = clickable_chart(cooperation_figure(analysis), key=f"{key}-cooperation")
    st.caption("Click a bar to light the sentences of those events.")
    picked = _indices(clicked_values(selection))
    events = [analysis.events[i] for i in picked if 0 <= i < len(analysis.events)]
    return Highlights(evidence_spans=[(e.start, e.end) for e in events])


def render(analysis: Analysis, *, key: str) -> Highlights:
    highlights = _portrayal(analysis, key=key)
    highlights = highlights.merge(_positions(analysis, key=key))
    return highlights.merge(_cooperation(analysis, key=key))
