"""From plain text to an `Analysis`: parse once, then run each stage on the parsed doc."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from newslens import entities, events, quotes, stance, timexes
from newslens.model import Analysis, Meta
from newslens.nlp import load_nlp, model_info

# Refuse (never truncate) longer texts: spaCy's own limit (nlp.max_length) is the same.
MAX_TEXT_CHARS = 1_000_000
NO_DCT_WARNING = (
    "No publication date: relative dates such as 'yesterday' stay unresolved. "
    "Set the publication date to resolve them."
)


class AnalysisError(ValueError):
    """Input that cannot be analysed; the message is meant for the user."""


def check_text(text: str) -> None:
    if not isinstance(text, str):
        raise AnalysisError("the article text must be a string")
    if not text.strip():
        raise AnalysisError("the article is empty: there is no text to analyse")
    if len(text) > MAX_TEXT_CHARS:
        raise AnalysisError(
            f"the article is too long ({len(text):,} characters; the limit is "
            f"{MAX_TEXT_CHARS:,}): split it and analyse the parts"
        )
    try:  # lone surrogates (e.g. "\ud800" escapes in JSON input) break the tokenizer
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise AnalysisError(
            f"the text holds a character that is not valid Unicode (at position {exc.start})"
        ) from exc


def analyze_doc(doc: Doc, *, doc_id: str, meta: Meta | None = None) -> Analysis:
    """Run every analysis stage on an already parsed doc."""
    meta = meta or Meta()
    analysis = Analysis(id=doc_id, text=doc.text, meta=meta)
    t = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        analysis.timings[stage] = round(now - t, 4)
        t = now

    analysis.entities, analysis.entity_clusters = entities.extract_entities(doc)
    lap("entities")
    analysis.quotes = quotes.extract_quotes(doc, analysis.entities, analysis.entity_clusters)
    lap("quotes")
    analysis.timexes = timexes.extract_timexes(doc, meta.published)
    lap("timexes")
    analysis.events = events.extract_events(
        doc, analysis.entities, analysis.entity_clusters, analysis.timexes, analysis.quotes
    )
    lap("events")
    analysis.stance, analysis.positions = stance.compute_stance(
        doc, analysis.entities, analysis.entity_clusters, analysis.quotes
    )
    lap("stance")
    if not meta.published:
        analysis.warnings.append(NO_DCT_WARNING)
    return analysis


def analyze_text(
    text: str,
    *,
    doc_id: str = "article",
    meta: Meta | None = None,
    nlp: Language | None = None,
) -> Analysis:
    """Analyse one article; raises AnalysisError for input that cannot be analysed."""
    check_text(text)
    nlp = nlp or load_nlp()
    t0 = time.perf_counter()
    doc = nlp(text)
    parse = time.perf_counter() - t0
    analysis = analyze_doc(doc, doc_id=doc_id, meta=meta)
    analysis.model = model_info(nlp)
    analysis.timings = {"parse": round(parse, 4), **analysis.timings}
    return analysis


def analyze_many(
    items: Iterable[tuple[str, str, Meta]],
    *,
    nlp: Language | None = None,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Analysis | AnalysisError]:
    """Analyse (doc_id, text, meta) items with `nlp.pipe`; yields an error for bad items."""
    nlp = nlp or load_nlp()
    items = list(items)
    errors: list[AnalysisError | None] = []
    for _, text, _ in items:
        try:
            check_text(text)
            errors.append(None)
        except AnalysisError as exc:
            errors.append(exc)
    docs = nlp.pipe(
        (text for (_, text, _), error in zip(items, errors, strict=True) if error is None),
        batch_size=batch_size,
        n_process=n_process,
    )
    info = model_info(nlp)
    for (doc_id, _, meta), error in zip(items, errors, strict=True):
        if error is not None:
            yield error
            continue
        analysis = analyze_doc(next(docs), doc_id=doc_id, meta=meta)
        analysis.model = info
        yield analysis


def reanchor(analysis: Analysis, published: str | None) -> Analysis:
    """Re-resolve dates against a new publication date without re-parsing the text."""
    analysis.meta.published = published
    analysis.timexes = timexes.resolve_timexes(analysis.timexes, published)
    analysis.events = events.redate_events(analysis.events, analysis.timexes)
    analysis.warnings = [w for w in analysis.warnings if w != NO_DCT_WARNING]
    if not published:
        analysis.warnings.append(NO_DCT_WARNING)
    return analysis
