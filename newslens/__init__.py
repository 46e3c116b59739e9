"""newslens: the analysis core of the reading dashboard (no Streamlit in here)."""

__version__ = "0.1.0"
