"""Quotations and who said them: direct, partial and reported speech, speakers resolved to
entity clusters. The work is done in `newslens.quotes`; this module is the stage's entry."""

from __future__ import annotations

from spacy.tokens import Doc

from newslens.model import EntityCluster, EntityMention, Quote, Span
from newslens.quotes.confidence import load_quote_filter
from newslens.quotes.extract import Attribution, extract_attributions
from newslens.quotes.speakers import SpeakerResolver


def extract_quotes(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    *,
    use_filter: bool = True,
) -> list[Quote]:
    """Every attribution of the article as a `Quote`, offsets into `doc.text`. With
    `use_filter`, quotes the learned filter finds unlikely (`confidence.py`) are
    left out."""
    text = doc.text  # spaCy rebuilds it on every access: read it once
    if not text.strip():
        return []
    attributions, quoted = extract_attributions(doc)
    resolver = SpeakerResolver(doc, entities, clusters, is_quoted=quoted)
    speakers = [
        resolver.resolve(a.speaker) if a.speaker is not None else None for a in attributions
    ]
    quotes: list[Quote] = []
    for attr, speaker in zip(attributions, speakers, strict=True):
        quotes.append(_to_quote(attr, speaker, text))
    quote_filter = load_quote_filter() if use_filter else None
    if quote_filter is not None:
        # Floating quotes (no cue) are kept: they are whole quoted sentences, a construction
        # the extractor promises, and the gold marks too few of them to judge them by.
        quotes = [q for q in quotes if q.cue is None or quote_filter.keep(doc, q, text=text)]
    return quotes


def _to_quote(attr: Attribution, speaker, text: str) -> Quote:
    start, end = attr.start, attr.end
    cue = Span(attr.cue[0], attr.cue[1], text[attr.cue[0] : attr.cue[1]]) if attr.cue else None
    return Quote(
        start=start,
        end=end,
        text=text[start:end],
        kind=attr.kind,
        speaker=speaker,
        cue=cue,
        spans=[[s, e] for s, e in attr.pieces] if len(attr.pieces) > 1 else [],
    )
