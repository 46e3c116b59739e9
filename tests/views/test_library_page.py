"""AppTest of the Library page: lists saved analyses, reopens one without re-analysing it,
deletes one, and stays calm when empty or when titles carry markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from newslens.library import Library
from newslens.model import Analysis, Meta
from newslens.pipeline import analyze_text

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGE = str(ROOT / "views" / "library.py")


@pytest.fixture()
def library(tmp_path, monkeypatch) -> Library:
    path = tmp_path / "library.sqlite3"
    monkeypatch.setenv("NEWSLENS_LIBRARY", str(path))
    return Library(path)


@pytest.fixture(scope="module")
def other_analysis(nlp) -> Analysis:
    return analyze_text(
        "The mayor of Bergen, Marte Mjøs Persen, opened the new bridge on Friday.",
        doc_id="bergen.txt",
        meta=Meta(title="Bergen bridge opens", source="bergen.txt", published="2024-06-07"),
        nlp=nlp,
    )


def library_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("views/library.py")
    return at.run()


def texts(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    )


def button(at: AppTest, prefix: str, entry_id: int):
    return at.button(key=f"{prefix}-{entry_id}")


def test_empty_library_says_how_to_fill_it(library):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert "Nothing saved yet" in texts(at)


def test_lists_title_date_source_and_counts(library, seed_analysis, other_analysis):
    library.save(seed_analysis)
    library.save(other_analysis)
    at = library_page()
    assert not at.exception
    shown = texts(at)
    assert "Bergen bridge opens" in shown
    assert "2024\\-06\\-07" in shown or "2024-06-07" in shown
    assert "bergen\\.txt" in shown or "bergen.txt" in shown
    n_entities = len(other_analysis.entity_clusters)
    assert f"{n_entities} entities" in shown
    assert f"{len(seed_analysis.quotes)} quotes" in shown
    assert len([b for b in at.button if b.label == "Open"]) == 2


def test_filter_narrows_the_list(library, seed_analysis, other_analysis):
    library.save(seed_analysis)
    library.save(other_analysis)
    at = library_page()
    at.text_input(key="nl-lib-filter").input("bergen").run()
    assert len([b for b in at.button if b.label == "Open"]) == 1
    at.text_input(key="nl-lib-filter").input("no such article").run()
    assert "No saved analysis matches" in texts(at)


def test_open_puts_the_saved_analysis_on_the_read_page(
    library, seed_analysis, other_analysis, monkeypatch
):
    library.save(seed_analysis)
    entry_id = library.save(other_analysis)
    # Reopening must not re-analyse: make any analysis fail loudly.
    import newslens.pipeline

    def no_analysis(*args, **kwargs):
        raise AssertionError("re-analysed")

    monkeypatch.setattr(newslens.pipeline, "analyze_doc", no_analysis)
    at = library_page()
    button(at, "nl-lib-open", entry_id).click().run()
    assert not at.exception
    opened = at.session_state["nl_analysis"]
    assert opened.to_dict() == other_analysis.to_dict()
    assert not [b for b in at.button if (b.key or "").startswith("nl-lib-open")]  # left the page


def test_delete_asks_then_removes(library, seed_analysis, other_analysis):
    keep = library.save(seed_analysis)
    gone = library.save(other_analysis)
    at = library_page()
    button(at, "nl-lib-delete", gone).click().run()
    assert any("cannot be undone" in w.value for w in at.warning)
    assert len(library.list()) == 2  # nothing deleted before the confirmation
    button(at, "nl-lib-cancel", gone).click().run()
    assert len(library.list()) == 2
    button(at, "nl-lib-delete", gone).click().run()
    button(at, "nl-lib-confirm", gone).click().run()
    assert not at.exception
    assert [e.id for e in library.list()] == [keep]
    assert "Bergen bridge opens" not in texts(at)


def test_markup_in_titles_is_shown_as_text(library, other_analysis):
    hostile = Analysis.from_dict(other_analysis.to_dict())
    hostile.text += " "
    hostile.meta.title = "<script>alert(1)</script> [click](javascript:alert(2)) **bold**"
    library.save(hostile)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    (title,) = [m.value for m in at.markdown if "script" in m.value]
    # Every markdown/HTML character is escaped, so it renders literally.
    assert "\\<script\\>" in title and "\\[click\\]\\(javascript" in title
    assert "\\*\\*bold\\*\\*" in title
