"""Events across articles: one timeline where the same happening reported by several
articles is one item, with its number of sources and the outlets; items whose articles give
it different dates or different numbers are flagged. Pick an item for its reports."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.corpus_common import article_link, ask, downloads, linked_table, row_picker
from components.util import md_escape
from newslens.corpus.explore import Explorer, Filters

TIMELINE_ITEMS = 40


def flag_of(row: pd.Series) -> str:
    flags = [
        w
        for w, on in (
            ("dates differ", bool(row["date_differs"])),
            ("numbers differ", bool(row["numbers_differ"])),
        )
        if on
    ]
    return ", ".join(flags)


def figure(items: pd.DataFrame) -> go.Figure:
    shown = items.head(TIMELINE_ITEMS).copy()
    shown["flag"] = shown.apply(flag_of, axis=1)
    fig = go.Figure()
    for flagged, rows in shown.groupby(shown["flag"] != ""):
        fig.add_trace(
            go.Scatter(
                x=pd.to_datetime(rows["first_published"]),
                y=[html.escape(i, quote=False) for i in rows["item"]],
                mode="markers",
                name="dates or numbers differ" if flagged else "reports agree",
                marker={
                    "size": [8 + 4 * min(8, a) for a in rows["articles"]],
                    "color": "#d62728" if flagged else "#1f77b4",
                    "symbol": "diamond" if flagged else "circle",
                },
                text=[
                    html.escape(f"{a} articles, {o} outlets ({ol}); {fl}", quote=False)
                    for a, o, ol, fl in zip(
                        rows["articles"],
                        rows["outlets"],
                        rows["outlet_list"],
                        rows["flag"],
                        strict=True,
                    )
                ],
                hovertemplate="%{y}<br>first reported %{x|%Y-%m-%d}<br>%{text}<extra></extra>",
            )
        )
    fig.update_layout(
        title={"text": "Events reported by several articles (size: number of articles)", "x": 0},
        height=max(360, 120 + 22 * len(shown)),
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
        xaxis={"title": "First reported"},
        yaxis={"autorange": "reversed"},
    )
    return fig


def render(x: Explorer, f: Filters, *, key: str) -> None:
    min_articles = st.slider("Reported by at least (articles)", 2, 6, 2, key=f"{key}-min")
    items = ask(x, "event_items", f, min_articles=min_articles)
    if items.empty:
        st.info("No event is reported by that many articles in the filtered corpus.")
        return
    flagged = int((items["date_differs"] | items["numbers_differ"]).sum())
    st.caption(
        f"{len(items)} events reported by {min_articles}+ articles; "
        f"{flagged} flagged (their articles give different dates or numbers)"
    )
    fig = figure(items)
    st.plotly_chart(fig, key=f"{key}-timeline", width="stretch")
    downloads(key=f"{key}-dl", name="events across articles", frame=items, fig=fig)
    table = items.assign(flag=items.apply(flag_of, axis=1))[
        [
            "item",
            "first_published",
            "articles",
            "outlets",
            "outlet_list",
            "event_dates",
            "numbers",
            "flag",
        ]
    ]
    rows = row_picker(
        table,
        key=f"{key}-table",
        column_config={"first_published": st.column_config.DateColumn("First reported")},
    )
    if not rows:
        st.caption("Select an event to read how each article reports it.")
        return
    item = items.iloc[rows[0]]
    reports = []
    for ref in list(item["examples"]):
        article_id, start, end = ref.rsplit(":", 2)
        meta = ask(x, "article", article_id) or {}
        text = meta.get("text") or ""
        reports.append(
            {
                "outlet": meta.get("outlet"),
                "published": meta.get("published"),
                "sentence": " ".join(text[int(start) : int(end)].split()),
                "open": article_link(article_id, int(start), int(end)),
            }
        )
    st.markdown(f"**Reports of: {md_escape(item['item'])}**")
    linked_table(
        pd.DataFrame(reports),
        key=f"{key}-reports",
        sentence=st.column_config.TextColumn("Sentence", width="large"),
    )
