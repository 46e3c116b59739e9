"""From plain text to an `Analysis`: parse once, then run each stage on the parsed doc."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor

from spacy.language import Language
from spacy.tokens import Doc

from newslens import entities, events, quotes, stance, timexes
from newslens.article_check import article_doubt
from newslens.ingest import MAX_TEXT_CHARS
from newslens.language import language_notes
from newslens.model import Analysis, Meta
from newslens.nlp import load_nlp, model_info

NO_DCT_WARNING = (
    "No publication date: relative dates such as 'yesterday' stay unresolved. "
    "Set the publication date to resolve them."
)

FILE_DATE_WARNING = (
    "The publication date comes from the file's creation time, not from the article: "
    "check it, and set the right date if it is wrong."
)


# Texts longer than this are parsed in pieces of about PARSE_CHUNK_CHARS, cut at paragraph
# breaks, and joined into one Doc: one spaCy call on a whole 1 M-character text held 3 GB and
# grew faster than the text; shorter texts (every news article) are parsed whole as before.
LONG_TEXT_CHARS = 100_000
PARSE_CHUNK_CHARS = 10_000
_BREAKS = ("\n\n", "\n", ". ", " ")  # where a piece may end, best first


# Parsed articles that may wait for their stance in `analyze_many`.
MAX_AHEAD = 32
_worker: ThreadPoolExecutor | None = None
_worker_lock = threading.Lock()


def stance_worker() -> ThreadPoolExecutor:
    """One background thread for the stance network, shared by all analyses: onnxruntime
    releases the GIL, so the network runs beside the pure-Python stages (and, in a batch,
    beside the parse of the next articles) on a second core."""
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslens-stance")
    return _worker


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


def text_pieces(text: str) -> list[str]:
    """The text cut into pieces that join back into it exactly: whole for a text up to
    LONG_TEXT_CHARS, else pieces of about PARSE_CHUNK_CHARS ending at a paragraph break
    (else a line break, a sentence end, a space)."""
    if len(text) <= LONG_TEXT_CHARS:
        return [text]
    pieces, start = [], 0
    while len(text) - start > PARSE_CHUNK_CHARS:
        end = start + PARSE_CHUNK_CHARS
        for brk in _BREAKS:
            found = text.find(brk, end, end + PARSE_CHUNK_CHARS)
            if found != -1:
                end = found + len(brk)
                break
        while end < len(text) and text[end].isspace():
            end += 1  # whitespace stays with the piece before it
        pieces.append(text[start:end])
        start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def parse_many(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 16, n_process: int = 1
) -> Iterator[Doc]:
    """One Doc per text, in order (`nlp.pipe`, long texts in pieces joined back)."""
    pieces = ((piece, i) for i, text in enumerate(texts) for piece in text_pieces(text))
    current, parts = -1, []
    for doc, i in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size, n_process=n_process):
        if i != current and parts:
            yield _joined(parts)
            parts = []
        current = i
        parts.append(doc)
    if parts:
        yield _joined(parts)


def _joined(parts: list[Doc]) -> Doc:
    return parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)


def analyze_doc(doc: Doc, *, doc_id: str, meta: Meta | None = None) -> Analysis:
    """Run every analysis stage on an already parsed doc."""
    return finish_analysis(*start_analysis(doc, doc_id=doc_id, meta=meta))


def start_analysis(
    doc: Doc, *, doc_id: str, meta: Meta | None = None
) -> tuple[Analysis, stance.PendingStance]:
    """Every stage but the end of stance, which may still be running on the stance worker
    when this returns; `finish_analysis` completes it."""
    meta = meta or Meta()
    analysis = Analysis(id=doc_id, text=doc.text, meta=meta)
    analysis.warnings.extend(language_notes(analysis.text))  # "newslens reads English"
    t = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal t
        now = time.perf_counter()
        analysis.timings[stage] = round(now - t, 4)
        t = now

    analysis.entities, analysis.entity_clusters = entities.extract_entities(doc)
    lap("entities")
    pending = stance.start_stance(
        doc, analysis.entities, analysis.entity_clusters, executor=stance_worker()
    )
    lap("stance_inputs")
    analysis.quotes = quotes.extract_quotes(doc, analysis.entities, analysis.entity_clusters)
    lap("quotes")
    analysis.timexes = timexes.extract_timexes(doc, meta.published)
    lap("timexes")
    analysis.events = events.extract_events(
        doc,
        analysis.entities,
        analysis.entity_clusters,
        analysis.timexes,
        analysis.quotes,
        published=meta.published,
    )
    lap("events")
    if doubt := article_doubt(doc.text):
        analysis.warnings.append(doubt)
    if not meta.published:
        analysis.warnings.append(NO_DCT_WARNING)
    elif meta.published_source == "file":
        analysis.warnings.append(FILE_DATE_WARNING)
    return analysis, pending


def finish_analysis(analysis: Analysis, pending: stance.PendingStance) -> Analysis:
    """Wait for the stance answers and add the portrayals and positions. `timings` gets
    the network's own time as "stance" and the time spent waiting for it as "stance_wait"."""
    t = time.perf_counter()
    analysis.stance, analysis.positions, seconds = stance.finish_stance(pending, analysis.quotes)
    analysis.timings["stance_wait"] = round(time.perf_counter() - t, 4)
    analysis.timings["stance"] = round(seconds, 4)
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
    doc = next(parse_many(nlp, [text], batch_size=4))
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
    on_doc: Callable[[int, Doc], None] | None = None,
) -> Iterator[Analysis | AnalysisError]:
    """Analyse (doc_id, text, meta) items with `nlp.pipe`; yields an error for bad items.
    `on_doc(index, doc)` sees each parsed doc (whole, long texts joined) with its item's
    index, for callers that keep more of the parse than an `Analysis` holds."""
    nlp = nlp or load_nlp()
    items = list(items)
    errors: list[AnalysisError | None] = []
    for _, text, _ in items:
        try:
            check_text(text)
            errors.append(None)
        except AnalysisError as exc:
            errors.append(exc)
    docs = parse_many(
        nlp,
        (text for (_, text, _), error in zip(items, errors, strict=True) if error is None),
        batch_size=batch_size,
        n_process=n_process,
    )
    info = model_info(nlp)
    # Articles whose stance is still on the worker, oldest first; the parse of the next ones
    # goes on meanwhile, and results still come out in input order.
    waiting: deque[tuple[Analysis, stance.PendingStance] | AnalysisError] = deque()
    for index, ((doc_id, _, meta), error) in enumerate(zip(items, errors, strict=True)):
        if error is not None:
            waiting.append(error)
        else:
            doc = next(docs)
            if on_doc is not None:
                on_doc(index, doc)
            try:
                analysis, pending = start_analysis(doc, doc_id=doc_id, meta=meta)
            except Exception as exc:  # noqa: BLE001 - one odd article never sinks the batch
                waiting.append(_failed(exc))
                continue
            analysis.model = info
            waiting.append((analysis, pending))
        # A bound on how far ahead the parse runs keeps memory flat on big folders.
        while waiting and (_ready(waiting[0]) or len(waiting) > MAX_AHEAD):
            yield _finish(waiting.popleft())
    while waiting:
        yield _finish(waiting.popleft())


def _ready(entry: tuple[Analysis, stance.PendingStance] | AnalysisError) -> bool:
    return isinstance(entry, AnalysisError) or entry[1].answers.done()


def _finish(
    entry: tuple[Analysis, stance.PendingStance] | AnalysisError,
) -> Analysis | AnalysisError:
    if isinstance(entry, AnalysisError):
        return entry
    try:
        return finish_analysis(*entry)
    except Exception as exc:  # noqa: BLE001 - the results waiting behind it still come out
        return _failed(exc)


def _failed(exc: Exception) -> AnalysisError:
    """A bug met on one article, as that article's error (the batch goes on)."""
    return AnalysisError(f"the analysis failed ({type(exc).__name__}: {exc})")


def reanchor(analysis: Analysis, published: str | None, *, source: str | None = "user") -> Analysis:
    """Re-resolve dates against a new publication date without re-parsing the text; the date
    is the user's unless `source` says otherwise."""
    analysis.meta.published = published
    analysis.meta.published_source = source if published else None
    analysis.timexes = timexes.resolve_timexes(analysis.timexes, published)
    analysis.events = events.redate_events(analysis.events, analysis.timexes, published=published)
    analysis.warnings = [
        w for w in analysis.warnings if w not in (NO_DCT_WARNING, FILE_DATE_WARNING)
    ]
    if not published:
        analysis.warnings.append(NO_DCT_WARNING)
    return analysis
