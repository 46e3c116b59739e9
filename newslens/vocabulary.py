"""Word and label lists that several stages share, so that they agree by construction.

A stage that needs a variant derives it here-from in its own lexicon and says why (events
add PRODUCT to the actors; quote speakers add PRODUCT and WORK_OF_ART). Lists that only one
stage uses stay in that stage's lexicon. Not (yet) merged, because their contents differ and
merging them would change what the stages find: the quote extractor's tiered reporting verbs
(`newslens/data/quotes/cue_verbs.txt`), the tense cues of the time stage
(`timexes.vocabulary.REPORTING_LEMMAS`) and the quote marks the learned quote filter counts
(`quotes.confidence`, the marks it was trained on).
"""

from __future__ import annotations

# Entity labels of actors: someone, or a body, that can act, speak or be portrayed.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

# Subjects in spaCy's English dependency labels.
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})

# Double quotation marks: straight, curly, guillemets and the low opening mark.
DOUBLE_QUOTE_MARKS = frozenset('"“”«»„')

# Verbs of saying: their clause is reported, not done. "announce", "deny" and their kin
# are events when they take a plain object ("announced job cuts") and also report the
# clause they introduce ("announced that it will cut jobs").
SAYING_VERBS = frozenset(
    "say tell note add state write explain report according declare conclude reply answer "
    "comment acknowledge claim argue suggest tweet announce confirm insist mention describe "
    "stress emphasize reiterate indicate predict reveal disclose speak allege deny admit "
    "warn estimate told quote cite".split()
)
