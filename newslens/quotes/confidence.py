"""How likely a found quote is right to the word: a small learned filter that drops the least
likely ones.

The rules find more than the annotators mark (long reported clauses whose end is unclear,
verbs that report only sometimes, quotes with no cue), and a quote whose boundaries are off
counts against precision as much as a false one. A logistic regression trained on PolNeAR
train (`scripts/train_quote_filter.py`: label = the quote matches a gold attribution at token
Jaccard >= 0.8) scores each quote from its shape (kind, length, pieces, cue lemma, speaker
type, first and last words); quotes scoring under the threshold are dropped. The weights ship
as a small JSON file and are applied without scikit-learn.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from newslens.model import Quote

MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "quotes" / "quote_filter.json"
_MARKS = '"\u201c\u201d'


def _bucket(n: int) -> str:
    for limit in (2, 4, 6, 10, 15, 20, 30, 45, 70):
        if n <= limit:
            return str(limit)
    return "many"


def quote_features(doc: Doc, quote: Quote, *, text: str | None = None) -> dict[str, float]:
    """Sparse features of one quote (names -> 1.0). `text` is `doc.text`, passed in by
    callers that score many quotes: spaCy rebuilds it from every token on each access, so
    reading it once per quote made the stage quadratic in the article's length."""
    text = doc.text if text is None else text
    spans = quote.pieces
    n_words = sum(len(text[s:e].split()) for s, e in spans)
    kind = quote.kind
    feats = {
        "kind=" + kind: 1.0,
        "len=" + _bucket(n_words): 1.0,
        "kind_len=" + kind + "|" + _bucket(n_words): 1.0,
        "pieces=" + str(min(len(spans), 4)): 1.0,
        "speaker=" + ("none" if quote.speaker is None else "yes"): 1.0,
    }
    marks = sum(text[s:e].count(ch) for s, e in spans for ch in _MARKS)
    feats["marks=" + str(min(marks, 4))] = 1.0
    if quote.cue is None:
        feats["cue=none"] = 1.0
    else:
        cue = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
        if cue is not None and len(cue):
            lemma = cue[0].lemma_.lower()
            feats["cue=" + lemma] = 1.0
            feats["cue_kind=" + lemma + "|" + kind] = 1.0
            feats["cuepos=" + cue[0].pos_] = 1.0
            feats["cue_after=" + str(quote.cue.start > quote.end)] = 1.0
    if quote.speaker is not None:
        speaker = doc.char_span(quote.speaker.start, quote.speaker.end, alignment_mode="expand")
        if speaker is not None and len(speaker):
            head = speaker[-1]
            feats["speakerpos=" + head.pos_] = 1.0
            feats["speakerent=" + head.ent_type_] = 1.0
            feats["speakerpron=" + (head.lower_ if head.pos_ == "PRON" else "-")] = 1.0
    content = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    if content is not None and len(content):
        feats["first=" + (content[0].lower_ if content[0].is_stop else "-")] = 1.0
        feats["firstpos=" + content[0].pos_] = 1.0
        feats["lastpos=" + content[-1].pos_] = 1.0
    feats.update(_context_features(doc, quote, spans))
    return feats


def _word(tok: Token) -> str:
    """A token as a feature value: the word itself when it is a function word or
    punctuation, else its part of speech."""
    if tok.is_punct or tok.is_stop:
        return tok.lower_
    return tok.pos_


def _context_features(doc: Doc, quote: Quote, spans: list[list[int]]) -> dict[str, float]:
    """Where the quote's edges fall: the words just outside and inside its last piece, and
    how much of its sentence it covers. Boundaries that stop short of a clause or run past
    one show in these words ("…, which", "… and vowed")."""
    feats: dict[str, float] = {}
    last = doc.char_span(spans[-1][0], spans[-1][1], alignment_mode="expand")
    if last is None or not len(last):
        return feats
    tail = last[-1]
    feats["lastword=" + _word(tail)] = 1.0
    after = doc[last.end] if last.end < len(doc) else None
    while after is not None and after.is_space and after.i + 1 < len(doc):
        after = doc[after.i + 1]
    after_key = "END" if after is None or after.is_space else _word(after)
    feats["after=" + after_key] = 1.0
    feats["kind_after=" + quote.kind + "|" + after_key] = 1.0
    if after is not None and not after.is_punct and after.i + 1 < len(doc):
        feats["after2=" + after_key + "|" + _word(doc[after.i + 1])] = 1.0
    first = doc.char_span(spans[0][0], spans[0][1], alignment_mode="expand")
    if first is not None and len(first) and first.start > 0:
        feats["before=" + _word(doc[first.start - 1])] = 1.0
    sent = tail.sent
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    inside = sum(1 for t in words if any(s <= t.idx < e for s, e in spans))
    if words:
        feats["cover=" + str(min(10, round(10 * inside / len(words))))] = 1.0
    sentences = set()
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            sentences.update((span[0].sent.start, span[-1].sent.start))
    feats["sents=" + str(min(len(sentences), 4))] = 1.0
    return feats


class QuoteFilter:
    """Logistic regression over sparse features: P(the quote is right to the word)."""

    def __init__(self, weights: dict[str, float], intercept: float, threshold: float) -> None:
        self.weights = weights
        self.intercept = intercept
        self.threshold = threshold

    def prob(self, feats: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, doc: Doc, quote: Quote, *, text: str | None = None) -> bool:
        return self.prob(quote_features(doc, quote, text=text)) >= self.threshold


@lru_cache(maxsize=1)
def load_quote_filter() -> QuoteFilter | None:
    """The shipped filter, or None when its file is missing (then every quote is kept)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return QuoteFilter(data["weights"], data["intercept"], data["threshold"])
