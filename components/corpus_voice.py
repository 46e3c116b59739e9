"""Share of voice: who is quoted most (quotes and quoted words), overall and per outlet (a
speaker x outlet heatmap, each outlet's column normalised to its own attributed quotes);
click a cell, or pick a speaker and an outlet, to read the quotes, each linked to its article."""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

from components.corpus_common import article_link, ask, downloads, linked_table, matrix_layout
from components.util import clickable_chart, clicked_values
from newslens.corpus.explore import Explorer, Filters

ALL = ""
SEP = "\u241f"  # joins speaker and outlet in a heatmap cell's customdata


def heatmap(by_outlet, speakers, names) -> go.Figure:
    outlets = sorted(by_outlet["outlet"].unique())
    share = {
        (s, o): v
        for s, o, v in zip(
            by_outlet["speaker"], by_outlet["outlet"], by_outlet["share"], strict=True
        )
    }
    quotes = {
        (s, o): v
        for s, o, v in zip(
            by_outlet["speaker"], by_outlet["outlet"], by_outlet["quotes"], strict=True
        )
    }
    z = [[share.get((s, o), 0.0) * 100 for o in outlets] for s in speakers]
    text = [[str(quotes.get((s, o), "")) for o in outlets] for s in speakers]
    custom = [[f"{s}{SEP}{o}" for o in outlets] for s in speakers]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[html.escape(o, quote=False) for o in outlets],
            y=[html.escape(names.get(s, s), quote=False) for s in speakers],
            text=text,
            texttemplate="%{text}",
            customdata=custom,
            colorscale="Blues",
            colorbar={"title": "% of outlet's<br>quotes"},
            hovertemplate="%{y} in %{x}: %{z:.1f}% of the outlet's attributed quotes "
            "(%{text} quotes)<extra></extra>",
        )
    )
    return matrix_layout(
        fig,
        title={
            "text": "Share of voice per outlet (click a cell for its quotes)",
            "x": 0,
            "xref": "container",
            "y": 0.99,
            "yref": "container",
            "yanchor": "top",
        },
        rows=len(speakers),
        row_height=26,
    )


def render(x: Explorer, f: Filters, *, key: str) -> None:
    top = ask(x, "share_of_voice", f, top=20)
    if top.empty:
        st.info("No attributed quotes match the filters.")
        return
    table = top.assign(share=(top["share"] * 100).round(1)).rename(columns={"share": "share %"})
    left, right = st.columns([2, 3])
    with left:
        st.markdown("**Most quoted (all outlets)**")
        st.dataframe(
            table.drop(columns=["speaker"]),
            hide_index=True,
            key=f"{key}-top",
            width="stretch",
        )
        downloads(key=f"{key}-top-dl", name="share of voice", frame=top)
    speakers = list(top["speaker"])
    names = dict(zip(top["speaker"], top["name"], strict=True))
    by_outlet = ask(x, "voice_by_outlet", f, speakers=speakers)
    with right:
        fig = heatmap(by_outlet, speakers, names)
        selection = clickable_chart(fig, key=f"{key}-heat")
        downloads(key=f"{key}-heat-dl", name="share of voice per outlet", frame=by_outlet, fig=fig)
    _apply_click(selection, key=key)
    outlets = sorted(by_outlet["outlet"].unique())
    c1, c2 = st.columns(2)
    speaker = c1.selectbox(
        "Quotes of", speakers, format_func=lambda s: names.get(s, s), key=f"{key}-speaker"
    )
    outlet = c2.selectbox(
        "In outlet",
        [ALL, *outlets],
        format_func=lambda o: "All outlets" if o == ALL else o,
        key=f"{key}-outlet",
    )
    quotes = ask(x, "quotes_of", f, speaker=speaker, outlet=outlet or None)
    st.caption(
        f"{len(quotes)} quotes of {names.get(speaker, speaker)}"
        + (f" in {outlet}" if outlet else "")
    )
    shown = quotes.assign(
        open=[
            article_link(a, s, e)
            for a, s, e in zip(quotes["article_id"], quotes["start"], quotes["end"], strict=True)
        ]
    )[["published", "outlet", "text", "title", "open"]]
    linked_table(
        shown,
        key=f"{key}-quotes",
        text=st.column_config.TextColumn("Quote", width="large"),
    )
    downloads(key=f"{key}-quotes-dl", name="quotes", frame=quotes)


def _apply_click(selection: dict, *, key: str) -> None:
    """A clicked heatmap cell chooses the speaker and outlet below (once per click)."""
    values = clicked_values(selection)
    seen = st.session_state.get(f"{key}-clicked")
    if values and values[0] != seen and SEP in values[0]:
        speaker, outlet = values[0].split(SEP, 1)
        st.session_state[f"{key}-speaker"] = speaker
        st.session_state[f"{key}-outlet"] = outlet
        st.session_state[f"{key}-clicked"] = values[0]
