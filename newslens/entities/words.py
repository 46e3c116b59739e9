"""Words of a document: the English verbs, adjectives and adverbs a shouted "END" or "STOP"
may be, and a doc's words read as strings.

The list ships in `newslens/data/common_words.txt.gz` so that the entities of a document do
not depend on which spaCy pipeline parsed it (one loaded without `newslens.nlp.load_nlp`, or
one without a lemmatizer, gives the same entities). It is the verb, adjective and adverb
index of the English lemmatizer tables of spaCy's `en_core_web_sm` 3.8 (MIT; the index comes
from WordNet 3.0, Princeton University, under the WordNet licence), alphabetic words of
three letters or more. Nouns are left out on purpose: WordNet's noun index lists acronyms
such as "nasa".
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

COMMON_WORDS_FILE = "common_words.txt.gz"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The lower-case common words (read once per process)."""
    data = resources.files("newslens.data").joinpath(COMMON_WORDS_FILE).read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").split())


def word_strings(doc: Doc) -> list[str]:
    """Each token's text, read from the doc's arrays: Token objects are costly to create,
    and the rules that scan every word need only its text."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array("ORTH").tolist()]
