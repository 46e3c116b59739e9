"""The Read page's reading area in AppTest: the strip opens the right tab and gives the text
something to scroll to; a closed tab keeps its selection; the input box closes after Analyze."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.components.handmade import handmade_analysis
from tests.views.read_app import TIMEOUT, app, paste_and_analyze
from tests.views.test_read_page import SEED, article_markup


def frame_args(at: AppTest) -> dict:
    frames = [
        c for c in at.get("component_instance") if c.proto.component_name.endswith("article_frame")
    ]
    assert len(frames) == 1
    return json.loads(frames[0].proto.json_args)


def with_handmade() -> AppTest:
    at = app()
    at.session_state["nl_analysis"] = handmade_analysis()
    return at.run()


def test_a_strip_speaker_opens_quotes_and_focuses_the_text_on_them():
    at = with_handmade()
    assert frame_args(at)["focus"] is None
    at.button(key="read-glance-speaker-0").click().run()
    assert not at.exception
    assert at.session_state["read-tabs"] == "Quotes"
    focus = frame_args(at)["focus"]
    assert focus["label"] == "2 quotes" and focus["count"] == 2 and focus["scroll"]
    markup = article_markup(at)
    assert 'data-anchor="0"' in markup and 'data-anchor="1"' in markup
    assert "nl-quote-lit" in markup


def test_a_strip_actor_opens_stance_and_an_event_opens_events():
    at = with_handmade()
    at.button(key="read-glance-negative-0").click().run()
    assert at.session_state["read-tabs"] == "Stance"
    assert frame_args(at)["focus"]["label"] == "Ukraine (stance)"
    assert "nl-pol" in article_markup(at)
    token = frame_args(at)["focus"]["token"]
    at.button(key="read-glance-event-0").click().run()
    assert not at.exception and at.session_state["read-tabs"] == "Events"
    assert frame_args(at)["focus"]["token"] > token  # a new focus: the text scrolls again
    # The Events panel speaks in words, not TimeML values.
    dates = at.dataframe[-1].value["When"].tolist() if at.dataframe else []
    assert "16 May 2025" in dates and "week 20 of 2025" in dates


def test_a_closed_tab_keeps_its_selection():
    at = with_handmade()
    at.session_state["read-tabs"] = "Quotes"
    at.run()
    key = next(c.key for c in at.checkbox if c.key.endswith("-quotes-quote-0"))
    at.checkbox(key=key).check().run()
    assert "nl-quote-lit" in article_markup(at)
    at.session_state["read-tabs"] = "Entities"
    at.run()
    assert "nl-quote-lit" in article_markup(at)  # still lit with its tab closed
    at.session_state["read-tabs"] = "Quotes"
    at.run()
    assert at.checkbox(key=key).value is True


def test_the_input_box_closes_after_analyze():
    at = AppTest.from_file(str(SEED.parents[1] / "app.py"), default_timeout=TIMEOUT).run()
    assert at.expander[0].proto.expanded
    at = paste_and_analyze(at, SEED.read_text(encoding="utf-8"))
    assert not at.exception
    assert at.session_state["read-input-open"] is False
