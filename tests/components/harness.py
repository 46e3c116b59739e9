"""Run one panel on its own in AppTest, on a hand-made analysis."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _panel_script(panel: str, maker: str) -> None:
    import importlib

    import streamlit as st

    from tests.components import handmade

    if "analysis" not in st.session_state:
        st.session_state["analysis"] = getattr(handmade, maker)()
    module = importlib.import_module(f"components.{panel}")
    options = {}
    if panel == "quotes_panel":
        options["on_speaker"] = lambda entity_id: st.session_state.update(linked=entity_id)
    st.session_state["highlights"] = module.render(st.session_state["analysis"], key="t", **options)


def panel_app(panel: str, maker: str = "handmade_analysis") -> AppTest:
    """AppTest of `components.<panel>.render(analysis, key="t")`; after each run the panel's
    returned highlights are in session_state["highlights"]."""
    return AppTest.from_function(_panel_script, args=(panel, maker), default_timeout=60)
