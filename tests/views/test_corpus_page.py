"""AppTest of the Corpus page on the 30-article corpus built in the test: every section
shows its answer, each view reacts to its controls, and a bad folder, an empty library or a
link to an article behave."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.corpus_common import CORPUS_SECTIONS
from tests.corpus_ui_articles import article_id, built_corpus

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp):
    return built_corpus(tmp_path_factory)


@pytest.fixture()
def page(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSLENS_CORPUS", str(corpus))
    monkeypatch.setenv("NEWSLENS_LIBRARY", str(tmp_path / "library.sqlite3"))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/corpus.py")
    return at.run()


def calm(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def frame_with(at: AppTest, *columns: str):
    """The first table showing these columns (plain tables have no key in AppTest)."""
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return frame.value
    raise AssertionError(f"no table with columns {columns}")


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_every_section_is_headed_and_answers(page):
    calm(page)
    assert [h.value for h in page.header] == list(CORPUS_SECTIONS.values())
    assert metric(page, "Articles") == "30"
    assert metric(page, "Outlets") == "7"
    charts = page.get("plotly_chart")
    assert len(charts) >= 5  # weekly, heatmap, portrayal, who-about-whom, events


def test_overview_filters_by_outlet_and_actor(page):
    page.multiselect(key="corpus-filters-outlets").set_value(["nyt"]).run()
    calm(page)
    assert metric(page, "Articles") == "5"
    page.multiselect(key="corpus-filters-outlets").set_value([]).run()
    page.selectbox(key="corpus-filters-actor").set_value("benjamin netanyahu").run()
    calm(page)
    assert metric(page, "Articles") == "3"


def test_share_of_voice_lists_a_speakers_quotes(page):
    assert page.selectbox(key="corpus-voice-speaker").value == "donald trump"
    page.selectbox(key="corpus-voice-speaker").set_value("paul ryan").run()
    calm(page)
    quotes = frame_with(page, "text", "title", "open")
    assert len(quotes) == 3
    assert "This is not conservatism" in " ".join(quotes["text"])
    assert all(link.startswith("/corpus?article=") for link in quotes["open"])
    page.selectbox(key="corpus-voice-outlet").set_value("nyt").run()
    assert len(frame_with(page, "text", "title", "open")) == 1


def test_portrayal_over_time_shows_evidence_for_an_actor(page):
    page.selectbox(key="corpus-portrayal-actor").set_value("benjamin netanyahu").run()
    calm(page)
    evidence = frame_with(page, "stance", "sentence")
    assert len(evidence) > 0
    assert all("Netanyahu" in s for s in evidence["sentence"])


def test_who_speaks_about_whom_has_a_table(page):
    table = frame_with(page, "speaker_name", "target_name")
    assert {"speaker_name", "target_name", "positions", "net"} <= set(table.columns)
    assert table["positions"].sum() > 0


def test_events_across_articles_merges_reports(page):
    table = page.dataframe(key="corpus-events-table").value
    ban = table[table["item"].str.startswith("Donald Trump call")]
    assert len(ban) == 1 and ban.iloc[0]["articles"] >= 3
    page.slider(key="corpus-events-min").set_value(6).run()
    calm(page)
    assert any("No event is reported" in i.value for i in page.info)


def test_stories_open_in_compare_coverage(page):
    stories = page.dataframe(key="corpus-stories-table").value
    assert len(stories) == 5
    page.button(key="corpus-stories-compare").click().run()
    calm(page)
    chosen = page.multiselect(key="corpus-compare-articles").value
    assert len(chosen) >= 3
    assert len(page.get("button_group")) >= 1 + len(chosen) - 1  # source switch + speakers


def test_compare_lights_the_quotes_of_a_chosen_speaker(page):
    nyt, post = article_id(0), article_id(1)
    page.multiselect(key="corpus-compare-articles").set_value([nyt, post]).run()
    calm(page)
    texts = [h.proto.body for h in page.get("html")]
    assert not any("nl-corpus-lit" in t for t in texts)
    page.button_group(key="corpus-compare-0-speakers").set_value(["donald trump"]).run()
    calm(page)
    lit = [t for t in (h.proto.body for h in page.get("html")) if "nl-corpus-lit" in t]
    assert len(lit) == 1
    assert "We have no choice" in lit[0].split('class="nl-corpus-lit"')[1]


def test_a_link_opens_the_article_with_its_span_lit(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSLENS_CORPUS", str(corpus))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/corpus.py")
    at.query_params["article"] = article_id(0)
    at.query_params["lit"] = "157-177"
    at.run()
    calm(at)
    lit = [h.proto.body for h in at.get("html") if "nl-corpus-lit" in h.proto.body]
    assert lit and "We have no choice" in lit[0]


def test_a_folder_that_is_no_corpus_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSLENS_CORPUS", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("views/corpus.py")
    at.run()
    assert not at.exception
    assert any("not a corpus folder" in e.value for e in at.error)


def test_the_saved_library_when_empty(page):
    page.segmented_control(key="corpus-source-source").set_value("Saved library").run()
    assert not page.exception
    assert any("library is empty" in i.value for i in page.info)


def test_the_saved_library_as_a_corpus(seed_analysis, corpus, monkeypatch, tmp_path):
    from newslens.library import Library

    path = tmp_path / "library.sqlite3"
    Library(path).save(seed_analysis)
    monkeypatch.setenv("NEWSLENS_CORPUS", str(corpus))
    monkeypatch.setenv("NEWSLENS_LIBRARY", str(path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page("views/corpus.py")
    at.run()
    at.segmented_control(key="corpus-source-source").set_value("Saved library").run()
    calm(at)
    assert metric(at, "Articles") == "1"
    assert int(metric(at, "Quotes").replace(",", "")) == len(seed_analysis.quotes)
