"""Library page: the analyses saved earlier — reopen one on the Read page without
re-analysing it, or delete it."""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from components.session import ANALYSIS_KEY
from components.util import md_escape
from newslens.library import Library, LibraryEntry, LibraryError

READ_PAGE = "views/read.py"
PENDING_DELETE = "nl_library_pending_delete"


def _plain(text: str | None) -> str:
    """Untrusted text shown through markdown (the one escaping helper: no markup, no link)."""
    return md_escape(text or "")


def _title(entry: LibraryEntry) -> str:
    return entry.title or entry.doc_id or entry.source or f"Entry {entry.id}"


def _open(library: Library, entry: LibraryEntry) -> None:
    try:
        analysis = library.load(entry.id)
    except LibraryError as exc:
        st.error(_plain(str(exc)))
        return
    st.session_state[ANALYSIS_KEY] = analysis
    try:
        st.switch_page(READ_PAGE)
    except StreamlitPageNotFoundError:  # page run on its own, outside app.py's navigation
        st.success("Opened: go to the Read page to see it.")


def _delete_confirmation(library: Library, entry: LibraryEntry) -> None:
    st.warning(f"Delete “{_plain(_title(entry))}” from the library? This cannot be undone.")
    yes, no, _ = st.columns([1, 1, 4])
    if yes.button("Yes, delete", key=f"nl-lib-confirm-{entry.id}", type="primary"):
        try:
            library.delete(entry.id)
        except LibraryError as exc:
            st.error(_plain(str(exc)))
            return
        st.session_state.pop(PENDING_DELETE, None)
        st.toast(f"Deleted “{_plain(_title(entry))}”.")
        st.rerun()
    if no.button("Cancel", key=f"nl-lib-cancel-{entry.id}"):
        st.session_state.pop(PENDING_DELETE, None)
        st.rerun()


def _entry(library: Library, entry: LibraryEntry) -> None:
    with st.container(border=True, key=f"nl-lib-entry-{entry.id}"):
        text, actions = st.columns([5, 2], vertical_alignment="center")
        counts = entry.counts
        facts = [
            f"published {entry.published}" if entry.published else "no publication date",
            f"source: {entry.source}" if entry.source else None,
            f"{counts.get('entities', 0)} entities",
            f"{counts.get('quotes', 0)} quotes",
            f"{counts.get('events', 0)} events",
            f"analysed {entry.analysed_at.replace('T', ' ')[:16]} UTC",
        ]
        text.markdown(f"**{_plain(_title(entry))}**")
        text.caption(_plain(" · ".join(f for f in facts if f)))
        open_col, delete_col = actions.columns(2)
        if open_col.button("Open", key=f"nl-lib-open-{entry.id}", type="primary"):
            _open(library, entry)
        if delete_col.button("Delete", key=f"nl-lib-delete-{entry.id}"):
            st.session_state[PENDING_DELETE] = entry.id
        if st.session_state.get(PENDING_DELETE) == entry.id:
            _delete_confirmation(library, entry)


st.title("Library")
library = Library()
try:
    entries = library.list()
except LibraryError as exc:
    st.error(f"The library cannot be opened: {_plain(str(exc))}")
    st.stop()

st.caption(f"{len(entries)} saved · {_plain(str(library.path))}")
if not entries:
    st.info(
        "Nothing saved yet. Analyse an article on the Read page and press **Save to library** "
        "in its Export tab, or save a whole folder from the command line: "
        "`python -m newslens analyze DIR --save`."
    )
    st.stop()

query = st.text_input("Filter by title or source", key="nl-lib-filter").strip().lower()
shown = [
    e
    for e in entries
    if not query or query in f"{e.title or ''} {e.source or ''} {e.doc_id}".lower()
]
if not shown:
    st.info("No saved analysis matches the filter.")
for entry in shown:
    _entry(library, entry)
