"""Quotes and who said them: each construction on small hand-written sentences, real model."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslens.entities import extract_entities
from newslens.model import Quote
from newslens.quotes import extract_quotes
from newslens.quotes.confidence import QuoteFilter, load_quote_filter, quote_features
from newslens.quotes.marks import find_quoted_segments


def quotes_of(nlp, text: str) -> list[Quote]:
    doc = nlp(text)
    entities, clusters = extract_entities(doc)
    return extract_quotes(doc, entities, clusters)


def pieces(text: str, quote: Quote) -> list[str]:
    spans = quote.pieces
    return [text[s:e] for s, e in spans]


def only_quote(nlp, text: str, needle: str) -> Quote:
    """The one quote whose text contains `needle`."""
    found = [q for q in quotes_of(nlp, text) if needle in q.text]
    assert len(found) == 1, [q.text for q in quotes_of(nlp, text)]
    return found[0]


# ---------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    ("open_mark", "close_mark"),
    [
        ('"', '"'),
        ("\u201c", "\u201d"),
        ("\u2018", "\u2019"),
        ("\u00ab", "\u00bb"),
        ("\u201e", "\u201c"),
    ],
)
def test_every_mark_style_gives_a_direct_quote_with_its_speaker(nlp, open_mark, close_mark):
    text = (
        f"The minister spoke on Monday. {open_mark}We will not give up the port,{close_mark} "
        "Anna Berg said."
    )
    quote = only_quote(nlp, text, "give up the port")
    assert quote.kind == "direct"
    assert quote.text.startswith(open_mark) and quote.text.endswith(close_mark)
    assert quote.speaker is not None and quote.speaker.text == "Anna Berg"
    assert quote.cue is not None and quote.cue.text == "said"


def test_apostrophes_are_not_quotes():
    assert find_quoted_segments("It\u2019s the farmers\u2019 land, and they don't sell.") == []


def test_two_apostrophe_quotes_as_in_nyt_archives(nlp):
    text = "''This isn't tax reform,'' said Leonard Burman, an economist."
    quote = only_quote(nlp, text, "tax reform")
    assert quote.text == "''This isn't tax reform,''"
    assert quote.speaker is not None and quote.speaker.text == "Leonard Burman"


def test_quotes_inside_markup_attributes_are_ignored():
    text = '<tweet author="someone">Hello</tweet> and then "a real quote" here.'
    segments = find_quoted_segments(text)
    assert [text[s.start : s.end] for s in segments] == ['"a real quote"']


# ---------------------------------------------------------------- direct quotes


def test_interrupted_quote_is_one_quote_in_two_pieces(nlp):
    text = "Talks resumed in Geneva. \u201cFirst,\u201d he said, \u201cwe need a deal.\u201d"
    quote = only_quote(nlp, text, "First")
    assert pieces(text, quote) == ["\u201cFirst,\u201d", "\u201cwe need a deal.\u201d"]
    assert quote.speaker is not None and quote.speaker.text == "he"


def test_interrupted_quote_over_two_sentences(nlp):
    text = (
        "Maria Lopez runs the shelter. \u201cWe are full,\u201d Lopez said. "
        "\u201cNobody else will take them.\u201d"
    )
    quote = only_quote(nlp, text, "We are full")
    assert len(pieces(text, quote)) == 2
    assert quote.speaker is not None and quote.speaker.name == "Maria Lopez"


def test_quote_over_several_paragraphs(nlp):
    text = (
        "Governor Tom Reyes said:\n\n"
        "\u201cThe river has risen for three days.\n\n"
        "\u201cWe have moved every family from the lower town.\n\n"
        "\u201cNow we wait.\u201d\n\n"
        "The water fell on Friday."
    )
    found = quotes_of(nlp, text)
    assert len(found) == 1
    quote = found[0]
    assert "three days" in quote.text and "Now we wait" in quote.text
    assert "fell on Friday" not in quote.text
    assert quote.speaker is not None and quote.speaker.name == "Tom Reyes"


@pytest.mark.parametrize(
    "text",
    [
        "He said \u201cthis never ends.",
        "\u201d backwards \u201c marks \u201d\u201d",
        '"""',
        "\u00ab\u00ab\u00bb",
        "She said: \u201e\n\n\u201c\n\n",
        "'' '' ``",
        "\u2018\u2019\u2018",
        '"a\n\n"b\n\n"c',
    ],
)
def test_unbalanced_marks_never_crash(nlp, text):
    for quote in quotes_of(nlp, text):
        assert 0 <= quote.start < quote.end <= len(text)


def test_unclosed_quote_is_repaired_at_the_paragraph_end():
    text = 'He said: "We will rebuild the bridge before winter\n\nThe council met.'
    segments = find_quoted_segments(text)
    assert len(segments) == 1
    assert text[segments[0].start : segments[0].end].endswith("before winter")
    assert not segments[0].closed


def test_partial_quote_inside_a_sentence(nlp):
    text = (
        "Yuri Ushakov, an adviser, noted that the president \u201cspoke rather emotionally\u201d "
        "about trade."
    )
    quote = only_quote(nlp, text, "emotionally")
    assert quote.kind == "partial"
    assert quote.text.startswith("that the president")
    assert quote.speaker is not None and quote.speaker.name == "Yuri Ushakov"


# ---------------------------------------------------------------- reported speech


def test_said_that(nlp):
    text = "Mayor Linda Park said that the bridge would reopen in May."
    quote = only_quote(nlp, text, "bridge")
    assert quote.kind == "indirect"
    assert quote.text == "that the bridge would reopen in May"
    assert quote.speaker is not None and quote.speaker.name == "Linda Park"


def test_said_without_that_and_inverted(nlp):
    text = "The factory will close next year, a company spokesman said."
    quote = only_quote(nlp, text, "factory")
    assert quote.text == "The factory will close next year"
    assert quote.speaker is not None and "spokesman" in quote.speaker.text


def test_told_reporters(nlp):
    text = "Senator John Hale told reporters the vote would be delayed."
    quote = only_quote(nlp, text, "vote")
    assert quote.text == "the vote would be delayed"
    assert quote.cue is not None and quote.cue.text == "told"
    assert quote.speaker is not None and quote.speaker.name == "John Hale"


def test_according_to(nlp):
    text = "According to the Red Cross, more than 300 people were evacuated."
    quote = only_quote(nlp, text, "evacuated")
    assert quote.text == "more than 300 people were evacuated"
    assert quote.speaker is not None and "Red Cross" in quote.speaker.text


def test_colon_introduction(nlp):
    text = "Sergei Lavrov said: \u201cWe need to have a deal first.\u201d"
    quote = only_quote(nlp, text, "deal")
    assert quote.text == "\u201cWe need to have a deal first.\u201d"
    assert quote.speaker is not None and quote.speaker.name == "Sergei Lavrov"


def test_colon_after_a_name_without_a_verb(nlp):
    text = "Polls were wrong again - Carl Bialik: \u201cThe lesson is to keep calling voters.\u201d"
    quote = only_quote(nlp, text, "lesson")
    assert quote.cue is not None and quote.cue.text == ":"
    assert quote.speaker is not None and quote.speaker.text.endswith("Bialik")


def test_dash_credit_with_a_no_break_space_after_the_dash(nlp):
    text = (
        "Readers wrote to us.\n"
        "\u201cI just hope this campaign makes people vote.\u201d \u2015\u00a0Jorge Falcon\n"
        "\u201cMaybe we can build a wall around him.\u201d \u2015\u00a0Steve Quinlan.\n"
    )
    found = quotes_of(nlp, text)
    speakers = {q.text[:12]: q.speaker.text for q in found if q.speaker}
    assert speakers["\u201cI just hope"].startswith("Jorge")
    assert speakers["\u201cMaybe we ca"].startswith("Steve")


def test_dash_credit(nlp):
    text = (
        "Readers wrote to us.\n\n"
        "\u201cThe debate showed who he really is.\u201d \u2015 Martha Aguilar\n"
        "\u201cI am afraid for our future.\u201d \u2015 Carlos Ruiz\n"
    )
    found = quotes_of(nlp, text)
    speakers = {q.text[:12]: q.speaker.text for q in found if q.speaker}
    assert speakers["\u201cThe debate "].startswith("Martha")
    assert speakers["\u201cI am afraid"].startswith("Carlos")


def test_comma_fenced_attribution(nlp):
    text = "The museum, Mr. Obama said, would make visitors face uncomfortable truths."
    quote = only_quote(nlp, text, "museum")
    assert pieces(text, quote) == ["The museum", "would make visitors face uncomfortable truths"]


def test_scene_setting_clause_before_the_attribution_is_not_content(nlp):
    text = "Asked about the wall on Tuesday, Ryan said, \u201cWe will get it done.\u201d"
    quote = only_quote(nlp, text, "get it done")
    assert pieces(text, quote) == ["\u201cWe will get it done.\u201d"]
    assert quote.speaker is not None and quote.speaker.text == "Ryan"


def test_quote_with_its_own_full_stop_credited_by_the_next_sentence(nlp):
    text = (
        "The emails were deleted.\n\n"
        "\u201cSometimes we need our fix!\u201d Clinton said to People. "
        "The former senator headed the State Department."
    )
    quote = only_quote(nlp, text, "our fix")
    assert quote.text == "\u201cSometimes we need our fix!\u201d"
    assert quote.speaker is not None and quote.speaker.text == "Clinton"
    assert quote.cue is not None and quote.cue.text == "said"


def test_colon_of_a_nearer_cue_leaves_the_first_cue_its_own_quote(nlp):
    text = (
        "He was interrupted.\n\n"
        '"There is a young man with some problems," Cruz said as the heckler yelled: '
        '"You suck!"'
    )
    found = {q.text: q for q in quotes_of(nlp, text)}
    first = found['"There is a young man with some problems,"']
    assert first.speaker is not None and first.speaker.text == "Cruz"
    heckle = found['"You suck!"']
    assert heckle.cue is not None and heckle.cue.text == "yelled"


@pytest.mark.parametrize(
    ("sentence", "speaker", "verb"),
    [
        ("\u201cGo back to Univision,\u201d Trump barked.", "Trump", "barked"),
        ("\u201cThis is fantastic!\u201d beamed Donald Hartley.", "Donald Hartley", "beamed"),
    ],
)
def test_any_verb_right_after_a_quotation_credits_it(nlp, sentence, speaker, verb):
    text = "The rally ran late on Monday.\n\n" + sentence
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "direct" and quote.text.startswith("\u201c")
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.cue is not None and quote.cue.text == verb


def test_reported_speech_before_a_quotation_in_nyt_apostrophes(nlp):
    text = (
        "Mr. Manafort said he agreed with Mr. Cruz. "
        "''I don't want a fractured convention,'' he said."
    )
    reported = only_quote(nlp, text, "agreed")
    assert reported.text == "he agreed with Mr. Cruz"
    assert reported.speaker is not None and reported.speaker.text == "Mr. Manafort"
    direct = only_quote(nlp, text, "fractured")
    assert direct.text == "''I don't want a fractured convention,''"


def test_reported_clause_with_a_gerund_subject(nlp):
    text = "He said legalizing it could put thousands of people to work in upstate New York."
    quote = only_quote(nlp, text, "legalizing")
    assert quote.text == ("legalizing it could put thousands of people to work in upstate New York")
    assert quote.kind == "indirect" and quote.cue is not None and quote.cue.text == "said"


def test_comma_fenced_attribution_after_an_opening_adverbial(nlp):
    text = (
        "At times last year, people close to the vice president said, "
        "the mere mention of the name could make him fume."
    )
    quote = only_quote(nlp, text, "mention")
    assert pieces(text, quote) == [
        "At times last year",
        "the mere mention of the name could make him fume",
    ]


def test_closing_attribution_after_a_clause_parsed_as_adverbial(nlp):
    text = (
        "As Trump prepared to speak to supporters in Wisconsin on Tuesday, a 15-year-old girl "
        "outside the venue was pepper-sprayed by another bystander, police said."
    )
    quote = only_quote(nlp, text, "pepper-sprayed")
    assert quote.text.startswith("As Trump prepared") and quote.text.endswith("bystander")
    assert quote.speaker is not None and quote.speaker.text == "police"


def test_that_clause_after_the_cue_s_adjuncts(nlp):
    text = (
        "Courted by most of the Republican candidates, Adelson said earlier on Friday during "
        "a news conference that he may wait until February\u2019s primaries to decide who to back."
    )
    quote = only_quote(nlp, text, "may wait")
    assert quote.text.startswith("that he may wait") and quote.text.endswith("who to back")
    assert quote.speaker is not None and quote.speaker.text == "Adelson"


def test_second_cue_joined_by_and_ends_the_first_clause_and_shares_its_source(nlp):
    text = (
        "De Blasio said the move was made by the police commissioner and said, "
        "\u201cWho are you going to trust on security?\u201d"
    )
    reported = only_quote(nlp, text, "the move")
    assert reported.text == "the move was made by the police commissioner"
    direct = only_quote(nlp, text, "Who are you")
    assert direct.kind == "direct"
    for quote in (reported, direct):
        assert quote.speaker is not None and quote.speaker.text == "De Blasio"


def test_floating_quote_inherits_the_previous_speaker(nlp):
    text = (
        "\u201cWe will appeal,\u201d said Karen Holt, the union leader. The hall fell silent.\n\n"
        "\u201cThis ruling ignores every worker in the plant.\u201d\n\n"
        "The company declined to comment."
    )
    found = [q for q in quotes_of(nlp, text) if "ruling" in q.text]
    assert len(found) == 1
    assert "appeal" not in found[0].text
    assert found[0].cue is None
    assert found[0].speaker is not None and found[0].speaker.name == "Karen Holt"


def test_quote_running_on_in_the_next_paragraph_is_one_more_piece(nlp):
    text = (
        "\u201cWe will appeal,\u201d said Karen Holt, the union leader.\n\n"
        "\u201cThis ruling ignores every worker in the plant.\u201d\n\n"
        "The company declined to comment."
    )
    quote = only_quote(nlp, text, "appeal")
    assert len(pieces(text, quote)) == 2 and "ruling" in pieces(text, quote)[1]
    assert quote.speaker is not None and quote.speaker.name == "Karen Holt"


# ---------------------------------------------------------------- speakers


def test_pronoun_speaker_resolves_by_gender_and_recency(nlp):
    text = (
        "Michael Brandt met Sarah Cole in Berlin. Mr. Brandt left early. "
        "\u201cThe plan is dead,\u201d she said."
    )
    quote = only_quote(nlp, text, "plan is dead")
    assert quote.speaker is not None and quote.speaker.text == "she"
    assert quote.speaker.name == "Sarah Cole"


def test_role_speaker_resolves_to_the_person_with_that_role(nlp):
    text = (
        "Foreign Minister Sergei Lavrov arrived in Ankara on Monday. "
        "The talks were short. The minister said the meeting had been useful."
    )
    quote = only_quote(nlp, text, "useful")
    assert quote.speaker is not None and quote.speaker.text.lower() == "the minister"
    assert quote.speaker.name == "Sergei Lavrov"


def test_organisation_speaker(nlp):
    text = "The Izvestia newspaper declared, \u201cRussia has won the latest round.\u201d"
    quote = only_quote(nlp, text, "latest round")
    assert quote.speaker is not None and quote.speaker.name == "Izvestia"


def test_apposition_speaker(nlp):
    text = "Hugh Hill, a doctor at the clinic, said the patients were stable."
    quote = only_quote(nlp, text, "stable")
    assert quote.speaker is not None and quote.speaker.name == "Hugh Hill"


def test_relative_pronoun_speaker(nlp):
    text = "They met Dana White, who said the fight would go ahead."
    quote = only_quote(nlp, text, "fight")
    assert quote.speaker is not None and quote.speaker.text == "who"
    assert quote.speaker.name == "Dana White"


def test_reported_speech_stops_at_a_semicolon(nlp):
    text = (
        "Republicans said the timing of the news was not intentional; "
        "they only learned on Friday of the deals."
    )
    quote = only_quote(nlp, text, "timing")
    assert quote.text == "the timing of the news was not intentional"


def test_quoted_object_stops_before_adjuncts_after_the_quotation(nlp):
    text = "Sanders attacked the deal as \u201ca disaster\u201d in a speech on Monday."
    quote = only_quote(nlp, text, "disaster")
    assert quote.text == "the deal as \u201ca disaster\u201d"
    assert quote.speaker is not None and quote.speaker.text == "Sanders"


# ---------------------------------------------------------------- the learned filter


def test_quote_filter_ships_and_loads_without_network():
    quote_filter = load_quote_filter()
    assert quote_filter is not None
    assert 0.0 < quote_filter.threshold < 1.0 and len(quote_filter.weights) > 50


def test_quote_filter_keeps_a_subset_of_the_unfiltered_quotes(nlp, seed_text):
    doc = nlp(seed_text)
    entities, clusters = extract_entities(doc)
    kept = extract_quotes(doc, entities, clusters)
    every = extract_quotes(doc, entities, clusters, use_filter=False)
    spans = {(q.start, q.end) for q in every}
    assert {(q.start, q.end) for q in kept} <= spans
    assert kept and len(kept) <= len(every)


def test_quote_filter_drops_by_its_weights_and_threshold(nlp):
    text = "\u201cWe need a deal,\u201d Lavrov said. Lavrov said the talks had failed."
    doc = nlp(text)
    entities, clusters = extract_entities(doc)
    quotes = extract_quotes(doc, entities, clusters, use_filter=False)
    assert {q.kind for q in quotes} == {"direct", "indirect"}
    no_indirect = QuoteFilter({"kind=indirect": -10.0}, 0.0, 0.5)
    kept = [q for q in quotes if no_indirect.keep(doc, q)]
    assert [q.kind for q in kept] == ["direct"]
    features = quote_features(doc, quotes[0])
    assert features["kind=direct"] == 1.0 and "cue=say" in features


def test_quote_filter_sees_the_words_just_past_the_quote(nlp):
    text = "Lavrov said on Monday that the talks had failed. Nobody was surprised."
    doc = nlp(text)
    entities, clusters = extract_entities(doc)
    (quote,) = extract_quotes(doc, entities, clusters, use_filter=False)
    assert quote.text == "that the talks had failed"
    features = quote_features(doc, quote)
    assert features["after=."] == 1.0 and features["before=PROPN"] == 1.0
    assert features["sents=1"] == 1.0
    # 5 of the sentence's 9 words are quoted.
    assert features["cover=6"] == 1.0


# ---------------------------------------------------------------- the seed article


@pytest.fixture(scope="module")
def seed_quotes(nlp, seed_text) -> list[Quote]:
    # The quote stage alone, so these tests do not depend on the later stages.
    return quotes_of(nlp, seed_text)


def _by_text(quotes: list[Quote], needle: str) -> Quote:
    found = [q for q in quotes if needle in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_seed_article_quotes_and_speakers(seed_quotes):
    analysis = seed_quotes
    trump = _by_text(analysis, "start negotiations toward a ceasefire")
    assert trump.speaker is not None and trump.speaker.name == "Donald Trump"

    lavrov = _by_text(analysis, "cart before the horse")
    assert "new elections\u2026" in lavrov.text and "legitimacy\u2026" in lavrov.text
    assert lavrov.speaker is not None and lavrov.speaker.name == "Sergei Lavrov"

    izvestia = _by_text(analysis, "Russia has won the latest round of global poker.")
    assert izvestia.speaker is not None and izvestia.speaker.name == "Izvestia"

    ushakov = _by_text(analysis, "spoke rather emotionally")
    assert ushakov.kind == "partial"
    assert ushakov.speaker is not None and ushakov.speaker.name == "Yuri Ushakov"


def test_seed_quote_offsets_point_into_the_text(seed_quotes, seed_text):
    text = seed_text
    assert seed_quotes
    for quote in seed_quotes:
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            sp = quote.speaker
            assert text[sp.start : sp.end] == sp.text
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text


# ---------------------------------------------------------------- fuzz

_MARKS = ['"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "''", "`"]
_WORDS = [
    "He",
    "said",
    "she",
    "told",
    "reporters",
    "that",
    "according",
    "to",
    "Anna",
    ":",
    ",",
    ".",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.sampled_from(_MARKS), st.sampled_from(_WORDS), st.sampled_from([" ", "\n\n"])),
        min_size=1,
        max_size=40,
    )
)
def test_malformed_quote_marks_never_raise(nlp, parts):
    text = " ".join(parts)
    for quote in quotes_of(nlp, text):
        assert 0 <= quote.start < quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.text
        for s, e in quote.spans:
            assert quote.start <= s < e <= quote.end
