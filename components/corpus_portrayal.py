"""Portrayal over time: for a chosen actor, the stance of its mentions per outlet per week
(net stance, -1 all negative to +1 all positive, with the counts); click a point, or pick an
outlet and a week, for the evidence sentences."""

from __future__ import annotations

import html
from typing import cast

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.corpus_common import article_link, ask, downloads, linked_table
from components.util import clickable_chart, clicked_values
from newslens.corpus.explore import Explorer, Filters

ALL = ""
SEP = "\u241f"
POLARITY = {-1: "negative", 0: "neutral", 1: "positive"}


def figure(weekly: pd.DataFrame, name: str) -> go.Figure:
    fig = go.Figure()
    for outlet, rows in weekly.groupby("outlet", sort=True):
        weeks = pd.to_datetime(rows["week"]).dt.strftime("%Y-%m-%d")
        fig.add_trace(
            go.Scatter(
                x=weeks,
                y=rows["net"],
                mode="lines+markers",
                name=html.escape(str(outlet), quote=False),
                marker={"size": [min(22, 6 + 2 * m) for m in rows["mentions"]]},
                customdata=[f"{outlet}{SEP}{w}" for w in weeks],
                text=[
                    f"{m} mentions: {n} negative, {u} neutral, {p} positive"
                    for m, n, u, p in zip(
                        rows["mentions"],
                        rows["negative"],
                        rows["neutral"],
                        rows["positive"],
                        strict=True,
                    )
                ],
                hovertemplate="%{fullData.name}, week of %{x}: net %{y:+.2f}<br>%{text}"
                "<extra></extra>",
            )
        )
    fig.add_hline(y=0, line_width=1, line_color="gray")
    fig.update_layout(
        title={
            "text": f"How each outlet portrays {html.escape(name, quote=False)} "
            "(net stance per week; click a point for the evidence)",
            "x": 0,
        },
        yaxis={"title": "Net stance (−1 negative … +1 positive)", "range": [-1.1, 1.1]},
        xaxis={"title": "Week (Monday)"},
        height=420,
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        legend={"title": {"text": "Outlet"}},
    )
    return fig


def render(x: Explorer, f: Filters, *, key: str) -> None:
    actors = ask(x, "actors", f, top=60)
    if actors.empty:
        st.info("No actors match the filters.")
        return
    names = dict(zip(actors["actor"], actors["name"], strict=True))
    options = list(actors["actor"])
    if f.actor and f.actor not in names:
        options.insert(0, f.actor)
        names[f.actor] = x.name(f.actor)
    default = options.index(f.actor) if f.actor in options else 0
    # Never None: the options are not empty and one is chosen by default.
    actor = cast(
        str,
        st.selectbox(
            "Actor",
            options,
            index=default,
            format_func=lambda a: names.get(a, a),
            key=f"{key}-actor",
        ),
    )
    weekly = ask(x, "portrayal", f, actor=actor)
    if weekly.empty:
        st.info(f"No scored mentions of {names.get(actor, actor)} match the filters.")
        return
    fig = figure(weekly, names.get(actor, actor))
    selection = clickable_chart(fig, key=f"{key}-chart")
    downloads(key=f"{key}-chart-dl", name=f"portrayal {actor}", frame=weekly, fig=fig)
    outlets = sorted(weekly["outlet"].unique())
    weeks = sorted(pd.to_datetime(weekly["week"]).dt.strftime("%Y-%m-%d").unique())
    _apply_click(selection, key=key, outlets=outlets, weeks=weeks)
    c1, c2 = st.columns(2)
    outlet = c1.selectbox(
        "Evidence from",
        [ALL, *outlets],
        format_func=lambda o: o or "All outlets",
        key=f"{key}-outlet",
    )
    week = c2.selectbox(
        "Week of", [ALL, *weeks], format_func=lambda w: w or "All weeks", key=f"{key}-week"
    )
    evidence = ask(
        x, "portrayal_evidence", f, actor=actor, outlet=outlet or None, week=week or None
    )
    shown = evidence.assign(
        stance=evidence["polarity"].map(POLARITY),
        open=[
            article_link(a, s, e)
            for a, s, e in zip(
                evidence["article_id"],
                evidence["sentence_start"],
                evidence["sentence_end"],
                strict=True,
            )
        ],
    )[["published", "outlet", "stance", "confidence", "sentence", "open"]]
    st.caption(f"{len(evidence)} evidence sentences, most decided first")
    linked_table(
        shown,
        key=f"{key}-evidence",
        sentence=st.column_config.TextColumn("Sentence", width="large"),
    )
    downloads(key=f"{key}-evidence-dl", name=f"portrayal evidence {actor}", frame=evidence)


def _apply_click(selection: dict, *, key: str, outlets: list[str], weeks: list[str]) -> None:
    values = clicked_values(selection)
    seen = st.session_state.get(f"{key}-clicked")
    if values and values[0] != seen and SEP in values[0]:
        outlet, week = values[0].split(SEP, 1)
        if outlet in outlets and week in weeks:
            st.session_state[f"{key}-outlet"] = outlet
            st.session_state[f"{key}-week"] = week
        st.session_state[f"{key}-clicked"] = values[0]
