"""newslens: the analysis core of the reading dashboard (no Streamlit in here)."""

import os

__version__ = "0.1.0"

# Nothing leaves the machine. onnxruntime (>= 1.29 on Linux) sends telemetry to Microsoft
# (DNS lookups of mobile.events.data.microsoft.com a few seconds after the first model run;
# `onnxruntime.disable_telemetry_events()` does not stop them). This variable is its full
# opt-out, read once when onnxruntime starts: so it is set here, before anything of ours
# imports it (tests/newslens/test_network_strace.py watches the real CLI and app server).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
