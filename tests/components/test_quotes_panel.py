"""Quotes panel: grouped by speaker, filterable, ticking lights quotes and speakers, the
speaker links to its entity."""

from __future__ import annotations

from components.quotes_panel import speaker_groups
from newslens.model import Quote, Speaker
from tests.components.handmade import handmade_analysis
from tests.components.harness import panel_app


def test_groups_by_speaker_entity_most_quoted_first_unattributed_last():
    analysis = handmade_analysis()
    analysis.quotes.append(Quote(start=0, end=5, text="Talks", kind="indirect"))
    analysis.quotes.append(
        Quote(start=19, end=26, text="x", kind="partial", speaker=Speaker(19, 26, "Russian"))
    )
    groups = speaker_groups(analysis)
    assert [(g.name, g.quote_indices) for g in groups] == [
        ("Sergei Lavrov", [0, 1]),  # "Sergei Lavrov" and "He": one entity
        ("Russian", [3]),
        ("Unattributed", [2]),
    ]


def test_panel_groups_quotes_and_lights_the_ticked_ones():
    at = panel_app("quotes_panel").run()
    assert not at.exception
    assert "**Sergei Lavrov** · 2 quotes" in [m.value for m in at.markdown]
    cues = " ".join(c.label for c in at.checkbox)  # each quote's kind and cue follow it
    assert "cue: “said”" in cues and "cue: “added”" in cues
    assert at.session_state["highlights"].lit_quotes == set()

    at.checkbox(key="t-quote-1").check().run()
    assert at.session_state["highlights"].lit_quotes == {1}
    at.checkbox(key="t-quote-1").uncheck().run()
    at.checkbox(key="t-speaker-0").check().run()
    assert at.session_state["highlights"].lit_quotes == {0, 1}


def test_filter_by_words_and_kind():
    at = panel_app("quotes_panel").run()
    at.text_input(key="t-filter").input("deal").run()
    assert [c.key for c in at.checkbox if c.key.startswith("t-quote")] == ["t-quote-1"]
    at.text_input(key="t-filter").input("").run()
    at.multiselect(key="t-kinds").select("direct").run()
    assert len([c for c in at.checkbox if c.key.startswith("t-quote")]) == 2
    at.text_input(key="t-filter").input("no such words").run()
    assert "No quote matches" in at.info[0].value


def test_speaker_links_to_its_entity():
    at = panel_app("quotes_panel").run()
    at.button(key="t-link-0").click().run()
    assert at.session_state["linked"] == "E_lavrov"


def test_untrusted_quote_text_is_shown_literally():
    at = panel_app("quotes_panel")
    analysis = handmade_analysis()
    analysis.quotes[0].text = "**bold** <b>x</b> [link](javascript:alert(1))"
    analysis.quotes[0].speaker.name = "<img src=x onerror=alert(1)>"
    at.session_state["analysis"] = analysis
    at.run()
    assert not at.exception
    label = at.checkbox(key="t-quote-0").label
    assert "\\*\\*bold\\*\\*" in label and "\\<b\\>" in label and "\\[link\\]" in label
    assert any("\\<img src=x onerror=alert\\(1\\)\\>" in m.value for m in at.markdown)


def test_panel_without_quotes_says_so():
    at = panel_app("quotes_panel", "empty_analysis").run()
    assert not at.exception
    assert "No quotes found" in at.info[0].value
