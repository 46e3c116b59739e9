"""The article renderer: highlights from offsets, escaped, validly nested whatever overlaps."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from newslens.model import Analysis, EntityMention, Quote, Speaker, Timex
from newslens.render import ARTICLE_CSS, article_html, paragraph_spans, sentence_span
from tests.components.handmade import TEXT, handmade_analysis, span

VOID = {"br", "img", "hr", "meta", "link", "input"}


class _Checker(HTMLParser):
    """Collects tags and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> with open {self.stack}")
        else:
            self.stack.pop()


def parse(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    return checker


def article_text(markup: str) -> str:
    """The visible article text back from the rendered HTML (legend and style left out)."""
    body = markup.split('<div class="nl-article">', 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", "", body))


class _Collector(HTMLParser):
    """Text of each element of the article body, with the element's classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, set[str], list[str]]] = []
        self.done: list[tuple[set[str], str]] = []
        self.in_article = False

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if "nl-article" in classes:
            self.in_article = True
        self.open.append((tag, classes, []))

    def handle_endtag(self, tag):
        _, classes, parts = self.open.pop()
        if self.in_article:
            self.done.append((classes, "".join(parts)))
        if self.open:
            self.open[-1][2].extend(parts)

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


def marks_with_text(markup: str, css_class: str) -> list[str]:
    """Texts of the article's elements with this class, in document order of their ends."""
    collector = _Collector()
    collector.feed(markup)
    return [text for classes, text in collector.done if css_class in classes]


def test_default_call_highlights_every_entity_and_keeps_the_text():
    analysis = handmade_analysis()
    markup = article_html(analysis)
    checker = parse(markup)
    assert checker.errors == [] and checker.stack == []
    assert article_text(markup) == TEXT
    entity_texts = marks_with_text(markup, "nl-ent")
    assert entity_texts == [m.text for m in sorted(analysis.entities, key=lambda m: m.start)]
    assert markup.startswith("<style>") and ARTICLE_CSS.strip() in markup


def test_paragraphs_are_kept():
    markup = article_html(handmade_analysis())
    assert markup.count('<p class="nl-p">') == len(TEXT.split("\n\n"))


def test_paragraphs_split_on_single_newlines_when_there_is_no_blank_line():
    text = "First line.\nstill first.\n\nSecond."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["First line.\nstill first.", "Second."]
    text = "First line.\nSecond line."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["First line.", "Second line."]


def test_entity_label_filter_and_lit_entities():
    analysis = handmade_analysis()
    markup = article_html(analysis, entity_labels={"GPE"}, lit_entity_ids={"E_lavrov"})
    shown = {tag[1].get("data-label") for tag in parse(markup).tags if tag[0] == "mark"}
    assert shown == {"GPE", "PERSON"}  # PERSON only because Lavrov is lit
    assert marks_with_text(markup, "nl-lit") == ["Sergei Lavrov"]
    assert "selected entity" in markup  # the legend explains the lit style


def test_quotes_speakers_and_cues_have_distinct_styles():
    analysis = handmade_analysis()
    markup = article_html(analysis, lit_quotes={1})
    assert marks_with_text(markup, "nl-quote-lit") == ["“We need a deal.”"]
    assert marks_with_text(markup, "nl-speaker") == ["He"]
    assert marks_with_text(markup, "nl-cue") == ["added"]
    # Every quote is marked lightly by default, none when told so.
    assert len(marks_with_text(markup, "nl-quote")) == 2
    assert marks_with_text(article_html(analysis, quotes=[]), "nl-quote") == []


def test_timexes_carry_their_meaning_in_words_in_a_tooltip():
    analysis = handmade_analysis()
    analysis.timexes.append(Timex(*span("Talks"), "Talks", "DATE", None))
    checker = parse(article_html(analysis, legend=False))
    titles = [a.get("title") for tag, a in checker.tags if "nl-timex" in (a.get("class") or "")]
    assert "date: 16 May 2025" in titles and "date: not resolved" in titles
    assert not any("2025-05-16" in t for t in titles)
    assert marks_with_text(article_html(analysis, show_timexes=False), "nl-timex") == []


def test_stance_colours_the_chosen_actor_by_polarity():
    analysis = handmade_analysis()
    analysis.stance[2].mentions[0].scores = {"negative": 0.8, "neutral": 0.15, "positive": 0.05}
    markup = article_html(analysis, stance_entity_id="E_ukr")
    assert 'title="negative toward Ukraine (80% sure)"' in markup
    assert marks_with_text(markup, "nl-pol-neg") == ["Ukraine"]
    assert marks_with_text(markup, "nl-pol-neu") == ["Ukraine"]
    assert marks_with_text(markup, "nl-pol-pos") == []
    assert "negative mention" in markup and "neutral mention" in markup


def test_evidence_sentence_crossing_other_spans_still_nests():
    analysis = handmade_analysis()
    # From inside the first quote to the middle of the second: crosses quotes and entities.
    start, end = span("does not"), span("need")
    markup = article_html(analysis, evidence_spans=[(start[0], end[1])], lit_quotes={0, 1})
    checker = parse(markup)
    assert checker.errors == [] and checker.stack == []
    assert "".join(marks_with_text(markup, "nl-evidence")) == TEXT[start[0] : end[1]]
    assert article_text(markup) == TEXT


def test_article_text_is_escaped_never_markup():
    text = (
        'Breaking <script>alert("x")</script> news.\n\n'
        "<img src=x onerror=alert(1)> said </div> Putin & co."
    )
    putin = text.index("Putin")
    analysis = Analysis(
        id="x",
        text=text,
        entities=[EntityMention(putin, putin + 5, "Putin", 'PER"SON<b>', 'E"><script>')],
        quotes=[
            Quote(
                start=0,
                end=8,
                text="Breaking",
                kind="direct",
                speaker=Speaker(0, 8, "x", None, '"><img src=x onerror=alert(2)>'),
            )
        ],
    )
    markup = article_html(analysis, lit_quotes={0})
    checker = parse(markup)
    assert [tag for tag, _ in checker.tags if tag in {"script", "img"}] == []
    assert checker.errors == [] and checker.stack == []
    assert "&lt;script&gt;" in markup and "&lt;img src=x onerror=alert(1)&gt;" in markup
    assert article_text(markup) == text


def test_out_of_range_and_empty_spans_are_ignored():
    analysis = Analysis(
        id="x",
        text="Short text.",
        entities=[
            EntityMention(5, 500, "x", "ORG", "E0"),
            EntityMention(3, 3, "", "ORG", "E1"),
            EntityMention(-4, 2, "Sh", "ORG", "E2"),
        ],
    )
    markup = article_html(analysis, evidence_spans=[(8, 2)])
    assert parse(markup).errors == []
    assert article_text(markup) == "Short text."


def test_sentence_span_finds_the_sentence_around_a_mention():
    start, end = span("Ukraine", nth=1)
    s, e = sentence_span(TEXT, start, end)
    assert TEXT[s:e] == "The United States and Ukraine signed a deal last week."
    s, e = sentence_span(TEXT, *span("Zelensky"))
    assert TEXT[s:e].startswith("Sergei Lavrov said") and TEXT[s:e].endswith("legitimacy.”")


_spans = st.tuples(st.integers(-5, 60), st.integers(-5, 60))


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n.“”")), max_size=50),
    entity_spans=st.lists(_spans, max_size=6),
    evidence=st.lists(_spans, max_size=3),
    quote_spans=st.lists(_spans, max_size=3),
)
def test_any_overlap_renders_valid_nesting_and_the_exact_text(
    text, entity_spans, evidence, quote_spans
):
    analysis = Analysis(
        id="fuzz",
        text=text,
        entities=[
            EntityMention(s, e, "", "PERSON", f"E{i}") for i, (s, e) in enumerate(entity_spans)
        ],
        quotes=[Quote(start=s, end=e, text="", kind="direct") for s, e in quote_spans],
        timexes=[Timex(s, e, "", "DATE", "2025") for s, e in evidence],
    )
    markup = article_html(
        analysis, evidence_spans=evidence, lit_quotes=range(len(quote_spans)), lit_entity_ids={"E0"}
    )
    checker = parse(markup)
    assert checker.errors == [] and checker.stack == []
    assert [tag for tag, _ in checker.tags if tag in {"script", "img", "a"}] == []
    assert article_text(markup) == text


def test_mentions_carry_their_type_as_a_word_and_their_index_for_clicks():
    analysis = handmade_analysis()
    checker = parse(article_html(analysis, legend=False))
    tags = {a.get("data-label"): a.get("data-tag") for tag, a in checker.tags if tag == "mark"}
    assert tags["PERSON"] == "person"
    quotes = [
        a.get("data-quote") for tag, a in checker.tags if "nl-quote" in (a.get("class") or "")
    ]
    assert quotes and set(quotes) <= {str(i) for i in range(len(analysis.quotes))}
    # Readable without colour: the type word is drawn after each mention by the CSS.
    assert "content:attr(data-tag)" in ARTICLE_CSS


def test_anchors_wrap_the_requested_spans_in_order():
    analysis = handmade_analysis()
    first, second = span("Talks"), span("We need a deal.")
    checker = parse(article_html(analysis, anchors=[second, first], legend=False))
    anchored = [
        a.get("data-anchor") for tag, a in checker.tags if "nl-anchor" in (a.get("class") or "")
    ]
    assert "0" in anchored and "1" in anchored
    assert marks_with_text(article_html(analysis, anchors=[first]), "nl-anchor") == ["Talks"]
