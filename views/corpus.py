"""Corpus page (`/corpus`): explore a corpus folder or the saved library across articles.

Sections: Corpus overview (source, filters, counts), Share of voice, Portrayal over time,
Who speaks about whom, Events across articles, Stories, Compare coverage. Each section is a
fragment: a click inside it reruns that section only. `?article=ID&lit=START-END` opens an
article (the links in the tables) with that span lit."""

from __future__ import annotations

import logging

import streamlit as st

from components import (
    corpus_compare,
    corpus_events,
    corpus_overview,
    corpus_portrayal,
    corpus_positions,
    corpus_stories,
    corpus_voice,
)
from components.corpus_common import CORPUS_SECTIONS, ask, marked_text_html, title_of
from components.util import md_escape
from newslens.corpus.explore import Explorer, Filters

LOG = logging.getLogger("newslens.corpus.page")
KEY = "corpus"
# Each inner list is one fragment: Stories and Compare coverage share one, so that opening a
# story in Compare reruns those two sections only.
# Headings are CORPUS_SECTIONS[anchor].
SECTIONS = [
    [("voice", corpus_voice.render)],
    [("portrayal", corpus_portrayal.render)],
    [("positions", corpus_positions.render)],
    [("events", corpus_events.render)],
    [("stories", corpus_stories.render), ("compare", corpus_compare.render)],
]


def _linked_article(x: Explorer) -> None:
    """The article a table link opened (query parameters), with its span lit."""
    article_id = st.query_params.get("article")
    if not article_id:
        return
    meta = ask(x, "article", article_id)
    if meta is None:
        st.warning("That article is not in this corpus.")
        return
    spans = []
    lit = st.query_params.get("lit", "")
    start, _, end = lit.partition("-")
    if start.isdigit() and end.isdigit():
        spans.append((int(start), int(end)))
    with st.expander(f"Article: {md_escape(title_of(meta))}", expanded=True):
        with st.container(height=360, key=f"{KEY}-linked-text"):
            st.html(marked_text_html(meta["text"] or "", spans, mark_class="nl-corpus-lit"))
        if st.button("Close the article", key=f"{KEY}-close-article"):
            st.query_params.clear()
            st.rerun()


def _sections(group, x: Explorer, f: Filters) -> None:
    @st.fragment
    def run() -> None:
        for key, render in group:
            title = CORPUS_SECTIONS[key]
            st.header(title, anchor=key)
            try:
                render(x, f, key=f"{KEY}-{key}")
            except Exception as exc:  # one broken view must not take the page down
                LOG.exception("corpus view %s failed", title)
                st.error(f"This view could not be shown ({type(exc).__name__}).")

    run()


st.title("Corpus")
st.header(CORPUS_SECTIONS["overview"], anchor="overview")
explorer = corpus_overview.choose_corpus(key=f"{KEY}-source")
if explorer is None:
    st.stop()
filters = corpus_overview.filters(explorer, key=f"{KEY}-filters")
_linked_article(explorer)
corpus_overview.render(explorer, filters, key=f"{KEY}-overview")
for group in SECTIONS:
    _sections(group, explorer, filters)
