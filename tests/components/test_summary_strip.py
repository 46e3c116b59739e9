"""The at-a-glance strip: its items from a hand-made analysis, and the strip in AppTest."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.summary_strip import dated_events, portrayed, top_speakers
from tests.components.handmade import handmade_analysis


def test_items_say_who_is_quoted_and_portrayed_how_and_what_happened_when():
    analysis = handmade_analysis()
    assert [i.text for i in top_speakers(analysis)] == ["Sergei Lavrov · 2"]
    negative = portrayed(analysis, polarity=-1)
    assert [i.target for i in negative] == ["E_ukr"]
    positive = portrayed(analysis, polarity=1)
    assert positive[0].target == "E_trump" and positive[0].text == "Donald Trump · 2 of 2"
    events = dated_events(analysis)
    assert [i.text for i in events] == [
        "week 20 of 2025: The United States signed a deal → Ukraine",
        "16 May: Russia attacked → Ukraine",
        "19 May: Vladimir Putin spoke with → Donald Trump",
    ]
    assert events[0].help.startswith("week 20 of 2025")


def test_an_article_without_quotes_or_stance_has_empty_groups():
    analysis = handmade_analysis()
    analysis.quotes, analysis.stance, analysis.events = [], [], []
    assert top_speakers(analysis) == [] and dated_events(analysis) == []
    assert portrayed(analysis, polarity=1) == [] and portrayed(analysis, polarity=-1) == []


def _strip_script() -> None:
    import streamlit as st

    from components import summary_strip
    from tests.components import handmade

    def picked(kind):
        return lambda target: st.session_state.update(picked=(kind, target))

    summary_strip.render(
        handmade.handmade_analysis(),
        key="t",
        on_speaker=picked("speaker"),
        on_actor=picked("actor"),
        on_event=picked("event"),
    )


def test_each_item_is_a_button_that_calls_back_with_its_target():
    at = AppTest.from_function(_strip_script, default_timeout=60).run()
    assert not at.exception
    labels = [b.label for b in at.button]
    assert any("Sergei Lavrov" in label for label in labels)
    at.button(key="t-negative-0").click().run()
    assert at.session_state["picked"] == ("actor", "E_ukr")
    at.button(key="t-event-1").click().run()
    assert at.session_state["picked"] == ("event", 1)
    at.button(key="t-speaker-0").click().run()
    assert at.session_state["picked"] == ("speaker", 0)
