"""Session-state keys that more than one page reads or writes."""

# The analysis the Read page shows; the Library page puts a reopened analysis here.
ANALYSIS_KEY = "nl_analysis"
