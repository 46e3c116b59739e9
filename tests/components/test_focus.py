"""What the text scrolls to (`components.focus`): the newly lit thing, kept while lit."""

from __future__ import annotations

from components.focus import entity_focus, newly_lit, quotes_focus, still_lit
from components.highlights import Highlights
from tests.components.handmade import handmade_analysis


def test_a_newly_selected_entity_is_the_focus_with_all_its_mentions_in_order():
    analysis = handmade_analysis()
    focus = newly_lit(analysis, Highlights(lit_entity_ids={"E_putin"}), Highlights())
    mentions = sorted((m.start, m.end) for m in analysis.entities if m.entity_id == "E_putin")
    assert focus is not None and focus.label == "Vladimir Putin"
    assert list(focus.spans) == mentions and focus.scroll
    assert focus.args(7) == {
        "label": "Vladimir Putin",
        "count": len(mentions),
        "index": 0,
        "scroll": True,
        "token": 7,
        "unit": "mention",
    }


def test_nothing_new_gives_no_focus_and_a_dropped_selection_ends_it():
    analysis = handmade_analysis()
    lit = Highlights(lit_entity_ids={"E_putin"})
    assert newly_lit(analysis, lit, lit) is None
    focus = entity_focus(analysis, "E_putin")
    assert still_lit(focus, lit) and not still_lit(focus, Highlights())


def test_quotes_and_evidence_become_the_focus_too():
    analysis = handmade_analysis()
    focus = newly_lit(analysis, Highlights(lit_quotes={0}), Highlights())
    assert focus is not None and focus.label.startswith("quote by")
    assert quotes_focus(analysis, {99}) is None  # an index out of range is ignored
    spans = [(0, 5), (10, 20)]
    focus = newly_lit(analysis, Highlights(evidence_spans=spans), Highlights())
    assert focus is not None and list(focus.spans) == spans and focus.label == "2 sentences"


def test_a_click_in_the_text_focuses_that_mention_without_scrolling():
    analysis = handmade_analysis()
    focus = entity_focus(analysis, "E_putin", index=99, scroll=False)
    assert focus is not None and focus.index == len(focus.spans) - 1 and not focus.scroll
    assert entity_focus(analysis, "no-such-entity") is None
