"""Static reference data shipped with newslens (no downloads at run time)."""
