"""Streamlit widgets: each renders one panel from an `Analysis` via `render(analysis, *, key)`."""
