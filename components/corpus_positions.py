"""Who speaks about whom: what quoted actors say about other actors across the corpus (the
per-article speaker -> target positions, actors joined across articles), as a matrix coloured
by net stance with the number of quotes in each cell."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

from components.corpus_common import ask, downloads, matrix_layout
from newslens.corpus.explore import Explorer, Filters


def figure(pairs) -> go.Figure:
    speakers = list(dict.fromkeys(pairs.sort_values("positions", ascending=False)["speaker"]))
    targets = list(dict.fromkeys(pairs.sort_values("positions", ascending=False)["target"]))
    names = {
        **dict(zip(pairs["speaker"], pairs["speaker_name"], strict=True)),
        **dict(zip(pairs["target"], pairs["target_name"], strict=True)),
    }
    cell = {
        (s, t): (n, v)
        for s, t, n, v in zip(
            pairs["speaker"], pairs["target"], pairs["positions"], pairs["net"], strict=True
        )
    }
    z = [[cell[(s, t)][1] if (s, t) in cell else None for t in targets] for s in speakers]
    text = [[str(cell[(s, t)][0]) if (s, t) in cell else "" for t in targets] for s in speakers]
    esc = lambda a: html.escape(names.get(a, a), quote=False)  # noqa: E731
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[esc(t) for t in targets],
            y=[esc(s) for s in speakers],
            text=text,
            texttemplate="%{text}",
            zmin=-1,
            zmax=1,
            colorscale="RdBu",
            colorbar={"title": "Net stance"},
            hovertemplate="%{y} about %{x}: net %{z:+.2f} over %{text} quotes<extra></extra>",
        )
    )
    return matrix_layout(
        fig,
        title={
            "text": "Who speaks about whom (rows: speakers, columns: whom they speak about)",
            "x": 0,
        },
        rows=len(speakers),
        row_height=28,
    )


def render(x: Explorer, f: Filters, *, key: str) -> None:
    pairs = ask(x, "who_about_whom", f, top=15)
    if pairs.empty:
        st.info("No quoted actor speaks about another actor in the filtered articles.")
        return
    fig = figure(pairs)
    st.plotly_chart(fig, key=f"{key}-matrix", width="stretch")
    downloads(key=f"{key}-dl", name="who speaks about whom", frame=pairs, fig=fig)
    with st.expander("As a table"):
        st.dataframe(
            pairs.drop(columns=["speaker", "target"]),
            hide_index=True,
            key=f"{key}-table",
            width="stretch",
        )
