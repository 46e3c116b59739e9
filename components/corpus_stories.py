"""Stories: articles about the same story grouped (actors and headline words in common,
published within a few days: `newslens.corpus.stories`); each story lists its articles by
outlet, and can be opened in Compare coverage."""

from __future__ import annotations

import streamlit as st

from components.corpus_common import article_link, ask, downloads, linked_table, row_picker
from newslens.corpus.explore import Explorer, Filters

COMPARE_REQUEST = "corpus-compare-request"  # article ids the Compare view should show


def render(x: Explorer, f: Filters, *, key: str) -> None:
    stories, members, considered = ask(x, "stories", f)
    if stories.empty:
        st.info("No two filtered articles tell the same story.")
        return
    st.caption(
        f"{len(stories)} stories of 2+ articles among {considered:,} articles "
        "(grouped by shared actors and headline words, published within 3 days)"
    )
    table = stories.assign(
        first=stories["first"].dt.strftime("%Y-%m-%d"),
        last=stories["last"].dt.strftime("%Y-%m-%d"),
    )[["label", "first", "last", "articles", "outlets", "outlet_list"]]
    rows = row_picker(
        table,
        key=f"{key}-table",
        column_config={"label": st.column_config.TextColumn("Story (actors in common)")},
    )
    downloads(key=f"{key}-dl", name="stories", frame=members.merge(stories[["story", "label"]]))
    story = stories.iloc[rows[0] if rows else 0]
    st.markdown(
        f"**Articles of the story** ({story['articles']} articles, {story['outlets']} outlets)"
    )
    articles = members[members["story"] == story["story"]]
    shown = articles.assign(open=[article_link(a) for a in articles["article_id"]])[
        ["outlet", "published", "title", "similarity", "open"]
    ]
    linked_table(
        shown,
        key=f"{key}-members",
        similarity=st.column_config.NumberColumn(
            "Similarity", help="Mean similarity to the story's earlier articles", format="%.2f"
        ),
    )
    if st.button(
        "Compare these articles",
        key=f"{key}-compare",
        icon=":material/compare:",
        help="Shows them side by side in Compare coverage (below)",
    ):
        # Compare coverage renders after this section, in the same fragment: it takes the
        # request in this very run.
        st.session_state[COMPARE_REQUEST] = list(articles["article_id"])[:4]
