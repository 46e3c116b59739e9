"""The Read page end to end in AppTest, with the real spaCy model: paste, upload each file type,
samples, bad input, the publication date, the hand-over from the Library page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from newslens.model import Analysis
from tests.components.handmade import handmade_analysis
from tests.views import files
from tests.views.read_app import ROOT, app, paste_and_analyze, upload_and_analyze

SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"


def article_markup(at: AppTest) -> str:
    """The highlighted article HTML handed to the text component."""
    bodies = [
        json.loads(c.proto.json_args)["html"]
        for c in at.get("component_instance")
        if c.proto.component_name.endswith("article_frame")
    ]
    assert len(bodies) == 1, "exactly one highlighted article on the page"
    return bodies[0]


def has_mark(markup: str, name: str) -> bool:
    """A highlighted entity whose text contains `name` (titles may be part of the mention)."""
    return (
        re.search(rf'<mark class="nl-ent[^>]*>[^<]*{re.escape(name)}[^<]*</mark>', markup)
        is not None
    )


def plain(markdown: str) -> str:
    """Markdown-escaped text back to what the reader sees."""
    return re.sub(r"\\(.)", r"\1", markdown)


def shown(at: AppTest) -> Analysis:
    return at.session_state["nl_analysis"]


def test_welcome_before_any_article():
    at = app().run()
    assert not at.exception
    assert "press **Analyze**" in at.info[0].value
    assert not at.get("component_instance")
    assert "sidebar" not in at.info[0].value  # a phone hides the sidebar: never point to it


def test_paste_the_seed_article_shows_highlights_and_the_tabs():
    at = paste_and_analyze(app().run(), SEED.read_text(encoding="utf-8"))
    assert not at.exception and not at.error
    markup = article_markup(at)
    assert has_mark(markup, "Vladimir Putin")
    assert 'data-label="PERSON"' in markup and "Legend" in markup
    assert [t.label for t in at.tabs] == ["Entities", "Quotes", "Stance", "Events", "Export"]
    table = at.dataframe[0].value
    assert {"Name", "Type", "Mentions"} <= set(table.columns) and len(table) > 3


@pytest.mark.parametrize(
    ("name", "make", "mime"),
    [
        ("leaders.txt", files.txt_bytes, "text/plain"),
        ("leaders.html", files.html_bytes, "text/html"),
        ("leaders.pdf", files.pdf_bytes, "application/pdf"),
        (
            "leaders.docx",
            files.docx_bytes,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_upload_each_file_type(name, make, mime):
    at = upload_and_analyze(app().run(), (name, make(), mime))
    assert not at.exception and not at.error
    markup = article_markup(at)
    assert "Merkel" in markup and "<mark" in markup
    assert shown(at).meta.source.endswith(name) or shown(at).meta.source == name


def test_html_upload_prefills_the_publication_date():
    at = upload_and_analyze(app().run(), ("leaders.html", files.html_bytes(), "text/html"))
    date_inputs = [d for d in at.text_input if d.key.endswith("dct-sidebar-date")]
    assert date_inputs[0].value == "2024-03-05"


def test_several_files_give_a_picker():
    other = files.ARTICLE.replace("Geneva", "Lisbon")
    at = upload_and_analyze(
        app().run(),
        ("geneva.txt", files.txt_bytes(), "text/plain"),
        ("lisbon.md", other.encode(), "text/markdown"),
    )
    assert not at.exception and not at.error
    picker = next(s for s in at.selectbox if s.key.startswith("read-pick-"))
    assert len(picker.options) == 2
    assert "Geneva" in article_markup(at)
    picker.set_value(1).run()
    assert "Lisbon" in article_markup(at) and "Geneva" not in article_markup(at)


def test_bad_file_gives_a_message_and_keeps_the_previous_analysis():
    at = paste_and_analyze(app().run(), files.ARTICLE)
    before = shown(at)
    at = upload_and_analyze(at, ("broken.pdf", b"%PDF-1.4 this is not a pdf", "application/pdf"))
    assert not at.exception
    assert len(at.error) == 1 and "broken.pdf" in plain(at.error[0].value)
    assert "\n" not in at.error[0].value and "Traceback" not in at.error[0].value
    assert shown(at) is before and "Merkel" in article_markup(at)
    at = upload_and_analyze(at, ("junk.docx", b"PK\x03\x04junk", "application/octet-stream"))
    assert len(at.error) == 1 and "junk.docx" in plain(at.error[0].value)
    assert shown(at) is before


def test_empty_paste_is_refused_politely():
    at = paste_and_analyze(app().run(), "   \n  ")
    assert not at.exception
    assert len(at.error) == 1 and "empty" in at.error[0].value.lower()


def test_unexpected_failure_is_one_line_and_keeps_the_page(monkeypatch):
    import components.article_input as article_input

    at = paste_and_analyze(app().run(), files.ARTICLE)
    before = shown(at)

    def broken(*args, **kwargs):
        raise RuntimeError("stage exploded\nwith a second line")

    monkeypatch.setattr(article_input, "analyze_text", broken)
    at = paste_and_analyze(at, "Another article about Angela Merkel.")
    assert not at.exception
    message = at.error[0].value
    assert "RuntimeError" in message and "\n" not in message and "Traceback" not in message
    assert shown(at) is before


def test_article_text_is_rendered_inert():
    hostile = (
        'Breaking: <script>alert("x")</script> Angela Merkel visited Paris.\n\n'
        "<img src=x onerror=alert(1)> Emmanuel Macron said </div> nothing."
    )
    at = paste_and_analyze(app().run(), hostile)
    assert not at.exception
    markup = article_markup(at)
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup and "&lt;/div&gt;" in markup


def test_samples_are_offered_and_analysed():
    at = app().run()
    at.radio(key="read-input-source").set_value("Try a sample").run()
    picker = at.selectbox(key="read-input-sample")
    names = [Path(str(o)).name for o in picker.options]
    assert "russia-ukraine-diplomacy.txt" in names and "SOURCES.md" not in names
    picker.set_value(SEED).run()
    at.button(key="read-input-analyze").click().run()
    assert not at.exception and not at.error
    assert has_mark(article_markup(at), "Vladimir Putin")


def test_changing_the_publication_date_reanchors_without_reparsing():
    at = paste_and_analyze(app().run(), files.ARTICLE)
    analysis = shown(at)
    assert analysis.meta.published is None
    assert any("No publication date" in w.value for w in at.warning)
    sidebar_date = next(d for d in at.text_input if d.key.endswith("dct-sidebar-date"))
    sidebar_date.input("2024-03-05").run()
    assert not at.exception
    assert shown(at) is analysis and analysis.meta.published == "2024-03-05"
    assert not any("No publication date" in w.value for w in at.warning)
    at.session_state["read-tabs"] = "Events"  # only the open tab is drawn
    at.run()
    events_date = next(d for d in at.text_input if d.key.endswith("events-dct-date"))
    assert events_date.value == "2024-03-05"  # both copies of the date stay in step


def test_an_analysis_handed_over_by_another_page_is_shown():
    at = app()
    at.session_state["nl_analysis"] = handmade_analysis()
    at.run()
    assert not at.exception
    assert "Sergei Lavrov" in article_markup(at)
    assert at.session_state["read-tabs"] == "Entities"
    at.session_state["read-tabs"] = "Quotes"  # the reader is on the Quotes tab
    at.run()
    at.button(key=next(b.key for b in at.button if b.key.endswith("quotes-link-0"))).click()
    at.run()
    assert 'nl-lit" title="PERSON (people): Sergei Lavrov"' in article_markup(at)
    assert at.session_state["read-tabs"] == "Entities"  # the link opened the Entities tab


def test_the_app_never_shows_error_details():
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] in (False, "none")


def test_a_messy_analysis_still_draws_the_whole_page():
    from tests.components.handmade import messy_analysis

    at = app()
    at.session_state["nl_analysis"] = messy_analysis()
    at.run()
    assert not at.exception
    assert "Sergei Lavrov" in article_markup(at)
    warnings = [w.value for w in at.warning]
    assert "A stage reported a problem <b>with markup</b>." in [plain(w) for w in warnings]
    assert any("\\<b\\>" in w for w in warnings)  # shown literally, not as markup


def test_a_broken_panel_costs_only_its_tab(monkeypatch):
    import components.quotes_panel as quotes_panel

    def broken(*args, **kwargs):
        raise KeyError("bug")

    monkeypatch.setattr(quotes_panel, "render", broken)
    at = app()
    at.session_state["nl_analysis"] = handmade_analysis()
    at.run()
    assert not at.exception and not at.error  # the Entities tab is open: drawn, no error
    at.session_state["read-tabs"] = "Quotes"
    at.run()
    assert [e.value for e in at.error] == ["The Quotes panel could not be drawn (KeyError)."]
    assert "Sergei Lavrov" in article_markup(at)
    at.session_state["read-tabs"] = "Stance"
    at.run()
    assert not at.error and len(at.get("plotly_chart")) >= 3
