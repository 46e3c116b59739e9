"""Compare coverage: 2-4 articles (or one story) side by side. For each article: the speakers
it quotes (shared with another of the articles, or only here), its portrayal of the actors
they share, the events it reports and those it omits, the dates and numbers it gives. Click
a speaker to light their quotes in the article's text, or select an item to light its
sentence; the text is shown under each article's items."""

from __future__ import annotations

import streamlit as st

from components.corpus_common import ask, downloads, marked_text_html, row_picker, title_of
from components.corpus_stories import COMPARE_REQUEST
from components.util import md_escape
from newslens.corpus.compare import MAX_ARTICLES
from newslens.corpus.explore import Explorer, Filters

LIT_CLASS = "nl-corpus-lit"
TEXT_HEIGHT = 420


def _choose(x: Explorer, f: Filters, *, key: str) -> list[str]:
    articles = ask(x, "articles", f)
    labels: dict[str, str] = {
        a: title_of(row)
        for a, row in zip(articles["article_id"], articles.to_dict("records"), strict=True)
    }
    pick_key = f"{key}-articles"
    request = st.session_state.pop(COMPARE_REQUEST, None)
    if request:
        for article_id in request:  # a story's articles may lie outside the filters
            if article_id not in labels:
                meta = ask(x, "article", article_id)
                labels[article_id] = title_of(meta) if meta else article_id
        st.session_state[pick_key] = [a for a in request if a in labels][:MAX_ARTICLES]

    def label_of(article_id: str) -> str:
        return labels.get(article_id, article_id)

    chosen = st.multiselect(
        f"Articles to compare (2 to {MAX_ARTICLES})",
        list(labels),
        format_func=label_of,
        max_selections=MAX_ARTICLES,
        key=pick_key,
        placeholder="Choose articles, or open a story from Stories",
    )
    return list(chosen)


def _column(cov, *, key: str) -> None:
    st.markdown(f"**{md_escape(title_of({**cov.__dict__, 'title': cov.title}))}**")
    speakers = cov.speakers
    if speakers.empty:
        st.caption("Quotes no one by name.")
        lit_speakers: list[str] = []
    else:
        labels = {
            s: f"{n} · {q} · {status}"
            for s, n, q, status in zip(
                speakers["speaker"],
                speakers["name"],
                speakers["quotes"],
                speakers["status"],
                strict=True,
            )
        }
        lit_speakers = (
            st.pills(
                "Speakers (name · quotes · shared or only here)",
                list(speakers["speaker"]),
                format_func=lambda s: labels[s],
                selection_mode="multi",
                key=f"{key}-speakers",
            )
            or []
        )
    items = cov.items
    picked = row_picker(
        items[["kind", "item", "status", "detail"]],
        key=f"{key}-items",
        height=min(320, 38 + 35 * max(1, len(items))),
    )
    downloads(
        key=f"{key}-dl",
        name=f"compare {cov.article_id}",
        frame=items.assign(article_id=cov.article_id),
    )
    spans = [
        span
        for spans_of in speakers[speakers["speaker"].isin(lit_speakers)]["spans"]
        for span in spans_of
    ]
    for row in picked:
        if 0 <= row < len(items) and items.iloc[row]["start"] >= 0:
            spans.append((int(items.iloc[row]["start"]), int(items.iloc[row]["end"])))
        elif 0 <= row < len(items):
            st.caption("Omitted here: this article has no sentence for it.")
    with st.container(height=TEXT_HEIGHT, key=f"{key}-text"):
        st.html(marked_text_html(cov.text, spans, mark_class=LIT_CLASS))


def render(x: Explorer, f: Filters, *, key: str) -> None:
    chosen = _choose(x, f, key=key)
    if len(chosen) < 2:
        st.info("Choose two to four articles (or a story in Stories) to compare their coverage.")
        return
    coverage = ask(x, "compare", tuple(chosen))
    columns = st.columns(len(coverage))
    for i, (col, cov) in enumerate(zip(columns, coverage, strict=True)):
        with col:
            _column(cov, key=f"{key}-{i}")
