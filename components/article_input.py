"""Where an article comes from: pasted text, uploaded files or a sample; the Analyze button.

Every failure ends as a one-line `st.error` (never a traceback); what was already analysed
stays in place because only a successful run returns new analyses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from components.util import md_escape, spacy_pipeline
from newslens.ingest import (
    MAX_FILES,
    SUPPORTED_SUFFIXES,
    Article,
    IngestError,
    from_paste,
    load_bytes,
    load_path,
)
from newslens.model import Analysis
from newslens.pipeline import AnalysisError, analyze_text

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "sample_articles"
NOT_ARTICLES = {"sources.md", "readme.md", "license", "license.md"}
PASTE, UPLOAD, SAMPLE = "Paste text", "Upload files", "Try a sample"


def sample_files(folder: Path = SAMPLES_DIR) -> list[Path]:
    """The sample articles offered in the picker (attribution files left out)."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file()
        and p.suffix.lower() in SUPPORTED_SUFFIXES
        and p.name.lower() not in NOT_ARTICLES
    )


def one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] + ("…" if len(text) > 300 else "")


def _unexpected(what: str, exc: BaseException) -> str:
    detail = one_line(exc)
    return f"{what}: unexpected error ({type(exc).__name__}{': ' + detail if detail else ''})"


def _load(loaders: list[tuple[str, Callable[[], Article]]]) -> tuple[list[Article], list[str]]:
    articles, errors = [], []
    for name, load in loaders:
        try:
            articles.append(load())
        except IngestError as exc:
            errors.append(one_line(exc))
        except Exception as exc:  # a reader bug must not reach the page as a traceback
            errors.append(_unexpected(name, exc))
    return articles, errors


def _analyse(articles: list[Article], status) -> tuple[list[tuple[str, Analysis]], list[str]]:
    results, errors = [], []
    nlp = spacy_pipeline()
    for number, article in enumerate(articles, start=1):
        label = article.meta.title or article.name
        status.update(label=f"Analysing {number} of {len(articles)}: {label[:60]}")
        try:
            analysis = analyze_text(article.text, doc_id=article.name, meta=article.meta, nlp=nlp)
        except AnalysisError as exc:
            errors.append(f"{article.name}: {one_line(exc)}")
            continue
        except Exception as exc:  # any stage failing: say so, keep the page alive
            errors.append(_unexpected(f"{article.name}: analysis failed", exc))
            continue
        results.append((label, analysis))
    return results, errors


def _loaders(source: str, *, key: str) -> list[tuple[str, Callable[[], Article]]] | None:
    """Draw the input widgets of the chosen source; the loaders of what is there to read."""
    if source == PASTE:
        text = st.text_area(
            "Article text",
            key=f"{key}-paste",
            height=220,
            placeholder="Paste the text of a news article here…",
        )
        return [("pasted text", lambda: from_paste(text))]
    if source == UPLOAD:
        files = st.file_uploader(
            "Article files",
            type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
            accept_multiple_files=True,
            key=f"{key}-files",
            help=f"Up to {MAX_FILES} files: " + ", ".join(SUPPORTED_SUFFIXES),
        )
        files = files or []
        if len(files) > MAX_FILES:
            return [
                (
                    "upload",
                    _raise(f"too many files ({len(files)}); the limit is {MAX_FILES} at once"),
                )
            ]
        return [(f.name, lambda f=f: load_bytes(f.getvalue(), f.name)) for f in files]
    samples = sample_files()
    if not samples:
        st.caption("No sample articles found.")
        return []
    chosen = st.selectbox(
        "Sample article", samples, key=f"{key}-sample", format_func=lambda p: p.name
    )
    return [(chosen.name, lambda: load_path(chosen))]


def _raise(message: str) -> Callable[[], Article]:
    def fail() -> Article:
        raise IngestError(message)

    return fail


def render(
    *, key: str, messages=None, on_analyze: Callable[[], None] | None = None
) -> list[tuple[str, Analysis]] | None:
    """The input widgets; on Analyze, the new (label, analysis) pairs, or None when nothing
    new was analysed. Errors and progress go to `messages` (a container; default: here).
    `on_analyze` is the Analyze button's callback (e.g. to close the box it is in)."""
    source = st.radio("Article from", [PASTE, UPLOAD, SAMPLE], key=f"{key}-source")
    loaders = _loaders(source, key=key)
    clicked = st.button(
        "Analyze", type="primary", key=f"{key}-analyze", width="stretch", on_click=on_analyze
    )
    if not clicked:
        return None
    where = messages if messages is not None else st.container()
    with where:
        if not loaders:
            st.error("Nothing to analyse: paste a text, upload a file or pick a sample first.")
            return None
        total = len(loaders)  # what the user gave, read or not
        articles, errors = _load(loaders)
        results: list[tuple[str, Analysis]] = []
        if articles:
            with st.status("Analysing…", expanded=False) as status:
                try:
                    results, analysis_errors = _analyse(articles, status)
                except Exception as exc:  # e.g. the language model cannot be loaded
                    results, analysis_errors = [], [_unexpected("analysis failed", exc)]
                errors.extend(analysis_errors)
                done = f"Analysed {len(results)} of {total}"
                status.update(label=done, state="complete" if results else "error")
        if errors and total > 1:
            failed = total - len(results)
            st.warning(f"{failed} of {total} files could not be analysed:")
        for error in errors:
            st.error(md_escape(error))  # file names are untrusted: shown literally
    return results or None
