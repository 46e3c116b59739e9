"""Events: who did what to whom, when (see `extract.py` for the scope).

Modules: `lexicon` (word lists), `arguments` (actor, target and their offsets), `sense`
(literal vs figurative violence), `dates` (the date of the event's own clause),
`extract` (the stage itself: predicates, modality, one event per happening).
"""

from newslens.events.dates import redate_events
from newslens.events.extract import extract_events

__all__ = ["extract_events", "redate_events"]
