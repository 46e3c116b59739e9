"""HTML of the article with highlights, built from character offsets (like displaCy).

Every highlight is a span of `Analysis.text` on a layer (paragraph, evidence sentence, quote,
speaker, entity, polarity, time expression). Spans may overlap or nest in any way: the text is
cut at every span boundary into non-overlapping segments, and elements are opened and closed
so that nesting stays valid (a span that crosses another is split in two). Every text fragment
and every attribute value is HTML-escaped, because the article text is untrusted.

Used by the app (`st.html`) and by the HTML report (`ARTICLE_CSS` + `article_html`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from newslens.model import Analysis, Quote
from newslens.timewords import time_in_words

# Fixed colour per entity label (RGB): the Okabe–Ito palette, whose colours stay distinct under
# the common colour-vision deficiencies (protan, deutan, tritan). Drawn as a translucent fill
# with a solid underline, so text stays readable on light and dark backgrounds alike (the text
# colour is inherited from the page theme). The type is also written after each mention
# (`ENTITY_TAGS`), so nothing depends on colour alone.
LABEL_COLOURS: dict[str, tuple[int, int, int]] = {
    "PERSON": (0, 114, 178),  # blue
    "GPE": (213, 94, 0),  # vermillion
    "ORG": (240, 228, 66),  # yellow
    "NORP": (204, 121, 167),  # reddish purple
    "LOC": (86, 180, 233),  # sky blue
    "FAC": (230, 159, 0),  # orange
    "EVENT": (0, 158, 115),  # bluish green
}
OTHER_COLOUR = (150, 150, 150)

LABEL_DESCRIPTIONS: dict[str, str] = {
    "PERSON": "people",
    "ORG": "organisations",
    "GPE": "countries, cities, states",
    "LOC": "other places",
    "NORP": "nationalities, political or religious groups",
    "FAC": "buildings, airports, roads",
    "EVENT": "named events",
    "WORK_OF_ART": "titles of works",
    "LAW": "laws",
    "PRODUCT": "products",
    "LANGUAGE": "languages",
    "DATE": "dates",
    "TIME": "times",
}

# The short word written after each mention (as displaCy does), so the type can be read
# without telling colours apart.
ENTITY_TAGS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "location",
    "NORP": "group",
    "FAC": "facility",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "law",
    "PRODUCT": "product",
    "LANGUAGE": "language",
}

POLARITY_WORDS = {-1: "negative", 0: "neutral", 1: "positive"}
POLARITY_CLASSES = {-1: "nl-pol-neg", 0: "nl-pol-neu", 1: "nl-pol-pos"}


def entity_tag(label: str) -> str:
    return ENTITY_TAGS.get(label, label.lower().replace("_", " "))


def label_description(label: str) -> str:
    return LABEL_DESCRIPTIONS.get(label, label.lower().replace("_", " "))


def _css_label(label: str) -> str:
    """A label as a safe CSS class suffix."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", label) or "OTHER"


def _rgba(rgb: tuple[int, int, int], alpha: float) -> str:
    return f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})"


def _label_css() -> str:
    rules = [_label_rule(_css_label(label), rgb) for label, rgb in LABEL_COLOURS.items()]
    rules.append(_label_rule("OTHER", OTHER_COLOUR))
    return "\n".join(rules)


def _label_rule(css_label: str, rgb: tuple[int, int, int]) -> str:
    solid = _rgba(rgb, 1)
    return (
        f".nl-l-{css_label}{{background:{_rgba(rgb, 0.3)};box-shadow:inset 0 -2px 0 {solid};}}"
        f".nl-l-{css_label}.nl-lit{{background:{_rgba(rgb, 0.6)};"
        f"box-shadow:inset 0 -3px 0 {solid},0 0 0 2px currentColor;}}"
    )


ARTICLE_CSS = """
.nl-root{line-height:1.75;color:inherit;}
.nl-legend{display:flex;flex-wrap:wrap;gap:.3rem .9rem;font-size:.8rem;margin:0 0 .9rem;
  padding:.4rem .6rem;border:1px solid rgba(128,128,128,.35);border-radius:.4rem;}
.nl-legend-title{font-weight:600;margin-right:.2rem;}
.nl-legend-item{display:inline-flex;align-items:center;gap:.3rem;white-space:nowrap;}
.nl-swatch{display:inline-block;padding:0 .35em;border-radius:.25em;font-weight:600;
  font-size:.72rem;line-height:1.5;color:inherit;}
.nl-article{font-size:1.02rem;}
.nl-p{margin:0 0 .9em;white-space:pre-wrap;overflow-wrap:anywhere;}
mark.nl-ent{color:inherit;padding:.05em .15em;border-radius:.25em;
  -webkit-box-decoration-break:clone;box-decoration-break:clone;}
mark.nl-ent.nl-lit{font-weight:700;}
mark.nl-ent[data-tag]::after{content:attr(data-tag);font-size:.62em;font-weight:600;
  letter-spacing:.02em;text-transform:uppercase;opacity:.75;margin-left:.3em;
  vertical-align:.12em;}
.nl-swatch.nl-ent::after{content:none;}
.nl-anchor-now{outline:3px solid rgba(255,120,0,.95);outline-offset:2px;border-radius:.2em;}
.nl-quote{border-bottom:2px dotted rgba(215,150,0,.9);}
.nl-quote.nl-quote-lit{background:rgba(255,196,0,.22);border-bottom:2px solid rgba(230,150,0,1);}
.nl-speaker{outline:2px dashed rgba(235,110,0,1);outline-offset:1px;border-radius:.2em;
  font-weight:700;}
.nl-cue{text-decoration:underline wavy rgba(235,110,0,.9);text-underline-offset:.2em;}
.nl-timex{border-bottom:2px dashed rgba(0,165,165,1);cursor:help;}
.nl-pol{border-radius:.25em;padding:0 .1em;font-weight:700;color:inherit;}
.nl-pol-neg{background:rgba(230,60,60,.42);box-shadow:inset 0 -3px 0 rgba(230,60,60,1);}
.nl-pol-neu{background:rgba(140,140,140,.38);box-shadow:inset 0 -3px 0 rgba(140,140,140,1);}
.nl-pol-pos{background:rgba(40,170,80,.42);box-shadow:inset 0 -3px 0 rgba(40,170,80,1);}
.nl-evidence{background:rgba(250,200,40,.2);border-radius:.2em;
  -webkit-box-decoration-break:clone;box-decoration-break:clone;}
""" + _label_css()

# Layers, outer to inner: where spans nest, the outer layer's element encloses the inner one.
# Anchors (innermost) mark the spans a reader can step through (`anchors` of `article_html`).
_PARAGRAPH, _EVIDENCE, _QUOTE, _CUE, _SPEAKER, _ENTITY, _POLARITY, _TIMEX, _ANCHOR = range(9)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    layer: int
    tag: str
    classes: tuple[str, ...]
    title: str | None = None
    data: tuple[tuple[str, str], ...] = ()

    def sort_key(self) -> tuple[int, int, int, int]:
        # Paragraphs always outermost; otherwise outer = starts first, then longer first.
        return (0 if self.layer == _PARAGRAPH else 1, self.start, -self.end, self.layer)

    def open_tag(self) -> str:
        attrs = [f'class="{html.escape(" ".join(self.classes))}"']
        if self.title:
            attrs.append(f'title="{html.escape(self.title)}"')
        attrs.extend(f'data-{name}="{html.escape(value)}"' for name, value in self.data)
        return f"<{self.tag} {' '.join(attrs)}>"

    def close_tag(self) -> str:
        return f"</{self.tag}>"


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs of the text: blank-line separated when the text has blank lines, else
    one paragraph per line. Offsets into `text`; whitespace-only paragraphs are skipped."""
    separator = (
        re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n+")
    )
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in separator.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_SENTENCE_WINDOW = 2000
_SENTENCE_END = re.compile(r"[.!?…](?:[\"'”’»)\]]*)(?=\s)|\n")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end] by punctuation (a display heuristic for evidence
    when the analysis did not keep sentence boundaries)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    # Look only so far around the mention: a run-on "sentence" is cut, a huge text stays fast.
    window_start = max(0, start - _SENTENCE_WINDOW)
    left = window_start
    for match in _SENTENCE_END.finditer(text, window_start, start):
        left = match.end()
    following = _SENTENCE_END.search(text, end, min(len(text), end + _SENTENCE_WINDOW))
    right = following.end() if following else min(len(text), end + _SENTENCE_WINDOW)
    while left < right and text[left].isspace():
        left += 1
    while right > left and text[right - 1].isspace():
        right -= 1
    return left, right


def _clip(start: int, end: int, size: int) -> tuple[int, int] | None:
    start, end = max(0, int(start)), min(size, int(end))
    return (start, end) if start < end else None


def quote_pieces(quote: Quote) -> list[tuple[int, int]]:
    """The pieces of a quote (an interrupted quote has several), else its whole span."""
    pieces = [(int(p[0]), int(p[1])) for p in quote.spans if len(p) >= 2]
    return pieces or [(quote.start, quote.end)]


def _quote_title(quote: Quote) -> str:
    who = (quote.speaker.name or quote.speaker.text) if quote.speaker else "unknown speaker"
    return f"{quote.kind} quote · {who}"


def _confidence(scores: dict[str, float], word: str) -> str:
    score = scores.get(word) if isinstance(scores, dict) else None
    return f" ({score:.0%} sure)" if isinstance(score, int | float) else ""


def _collect_marks(
    analysis: Analysis,
    *,
    entity_labels: Collection[str] | None,
    lit_entity_ids: Collection[str],
    quotes: Collection[int] | None,
    lit_quotes: Collection[int],
    speaker_spans: Iterable[tuple[int, int]],
    show_timexes: bool,
    stance_entity_id: str | None,
    evidence_spans: Iterable[tuple[int, int]],
    anchors: Iterable[tuple[int, int]] = (),
) -> list[_Mark]:
    size = len(analysis.text)
    marks: list[_Mark] = []

    def add(start: int, end: int, layer: int, tag: str, classes: tuple[str, ...], **kw) -> None:
        clipped = _clip(start, end, size)
        if clipped:
            marks.append(_Mark(clipped[0], clipped[1], layer, tag, classes, **kw))

    for start, end in paragraph_spans(analysis.text):
        add(start, end, _PARAGRAPH, "p", ("nl-p",))

    for start, end in evidence_spans:
        add(start, end, _EVIDENCE, "span", ("nl-evidence",), title="evidence sentence")

    lit_quote_set = set(lit_quotes)
    marked_quotes = range(len(analysis.quotes)) if quotes is None else quotes
    speakers = list(speaker_spans)
    for index in sorted(set(marked_quotes) | lit_quote_set):
        if not 0 <= index < len(analysis.quotes):
            continue
        quote = analysis.quotes[index]
        lit = index in lit_quote_set
        classes = ("nl-quote", "nl-quote-lit") if lit else ("nl-quote",)
        for start, end in quote_pieces(quote):
            add(
                start,
                end,
                _QUOTE,
                "span",
                classes,
                title=_quote_title(quote),
                data=(("quote", str(index)),),
            )
        if lit and quote.speaker is not None:
            speakers.append((quote.speaker.start, quote.speaker.end))
        if lit and quote.cue is not None:
            add(quote.cue.start, quote.cue.end, _CUE, "span", ("nl-cue",), title="reporting cue")
    for start, end in dict.fromkeys(speakers):
        add(start, end, _SPEAKER, "span", ("nl-speaker",), title="speaker")

    lit_ids = set(lit_entity_ids)
    for mention in analysis.entities:
        lit = mention.entity_id in lit_ids
        if not lit and entity_labels is not None and mention.label not in entity_labels:
            continue
        name = analysis.name_of(mention.entity_id, mention.text)
        classes = ("nl-ent", f"nl-l-{_label_class(mention.label)}") + (("nl-lit",) if lit else ())
        add(
            mention.start,
            mention.end,
            _ENTITY,
            "mark",
            classes,
            title=f"{mention.label} ({label_description(mention.label)}): {name}",
            data=(
                ("label", mention.label),
                ("entity", mention.entity_id),
                ("tag", entity_tag(mention.label)),
            ),
        )

    if stance_entity_id is not None:
        for entity_stance in analysis.stance:
            if entity_stance.entity_id != stance_entity_id:
                continue
            for m in entity_stance.mentions:
                word = POLARITY_WORDS.get(m.polarity, "neutral")
                add(
                    m.start,
                    m.end,
                    _POLARITY,
                    "span",
                    ("nl-pol", POLARITY_CLASSES.get(m.polarity, "nl-pol-neu")),
                    title=f"{word} toward {entity_stance.name}" + _confidence(m.scores, word),
                )

    if show_timexes:
        for number, timex in enumerate(analysis.timexes):
            words = time_in_words(timex.value, kind=timex.type)
            add(
                timex.start,
                timex.end,
                _TIMEX,
                "span",
                ("nl-timex",),
                title=f"{timex.type.lower()}: {words}",
                data=(("value", timex.value or ""), ("timex", str(number))),
            )

    for number, (start, end) in enumerate(anchors):
        add(start, end, _ANCHOR, "span", ("nl-anchor",), data=(("anchor", str(number)),))
    return marks


def _label_class(label: str) -> str:
    return _css_label(label) if label in LABEL_COLOURS else "OTHER"


def _render_marks(text: str, marks: list[_Mark]) -> str:
    """Flatten possibly overlapping marks into validly nested HTML."""
    bounds = sorted({0, len(text)} | {m.start for m in marks} | {m.end for m in marks})
    starts: dict[int, list[_Mark]] = {}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
    active: list[_Mark] = []
    stack: list[_Mark] = []
    out: list[str] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        active = [m for m in active if m.end > left] + starts.get(left, [])
        in_paragraph = any(m.layer == _PARAGRAPH for m in active)
        # Text between paragraphs (the newlines) carries no highlight.
        wanted = sorted(active, key=_Mark.sort_key) if in_paragraph else []
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] is wanted[keep]:
            keep += 1
        out.extend(m.close_tag() for m in reversed(stack[keep:]))
        out.extend(m.open_tag() for m in wanted[keep:])
        stack = wanted
        out.append(html.escape(text[left:right]))
    out.extend(m.close_tag() for m in reversed(stack))
    return "".join(out)


def _legend_item(swatch_classes: str, swatch_text: str, words: str, title: str = "") -> str:
    title_attr = f' title="{html.escape(title)}"' if title else ""
    return (
        f'<span class="nl-legend-item"{title_attr}><span class="{swatch_classes}">'
        f"{html.escape(swatch_text)}</span>{html.escape(words)}</span>"
    )


def _legend(marks: list[_Mark]) -> str:
    items: list[str] = []
    labels: list[str] = []
    kinds: set[str] = set()
    for mark in marks:
        kinds.update(mark.classes)
        label = dict(mark.data).get("label")
        if mark.layer == _ENTITY and label and label not in labels:
            labels.append(label)
    for label in sorted(labels):
        items.append(
            _legend_item(
                f"nl-swatch nl-l-{_label_class(label)}",
                entity_tag(label).upper(),
                label_description(label),
                title=label,
            )
        )
    if "nl-lit" in kinds:
        items.append(_legend_item("nl-swatch nl-ent nl-l-OTHER nl-lit", "Abc", "selected entity"))
    if "nl-quote" in kinds:
        items.append(_legend_item("nl-swatch nl-quote", "“…”", "quote"))
    if "nl-quote-lit" in kinds:
        items.append(_legend_item("nl-swatch nl-quote nl-quote-lit", "“…”", "selected quote"))
    if "nl-speaker" in kinds:
        items.append(_legend_item("nl-swatch nl-speaker", "Abc", "speaker"))
    if "nl-cue" in kinds:
        items.append(_legend_item("nl-swatch nl-cue", "said", "reporting cue"))
    if "nl-timex" in kinds:
        items.append(
            _legend_item("nl-swatch nl-timex", "May 16", "date or time (hover: what it means)")
        )
    for polarity in (-1, 0, 1):
        if POLARITY_CLASSES[polarity] in kinds:
            words = f"{POLARITY_WORDS[polarity]} mention"
            items.append(
                _legend_item(f"nl-swatch nl-pol {POLARITY_CLASSES[polarity]}", "Abc", words)
            )
    if "nl-evidence" in kinds:
        items.append(_legend_item("nl-swatch nl-evidence", "Abc.", "evidence sentence"))
    if not items:
        return ""
    return (
        '<div class="nl-legend"><span class="nl-legend-title">Legend</span>'
        + "".join(items)
        + "</div>"
    )


def article_html(
    analysis: Analysis,
    *,
    entity_labels: Collection[str] | None = None,
    lit_entity_ids: Collection[str] = (),
    quotes: Collection[int] | None = None,
    lit_quotes: Collection[int] = (),
    speaker_spans: Iterable[tuple[int, int]] = (),
    show_timexes: bool = True,
    stance_entity_id: str | None = None,
    evidence_spans: Iterable[tuple[int, int]] = (),
    anchors: Iterable[tuple[int, int]] = (),
    legend: bool = True,
    include_css: bool = True,
) -> str:
    """The article as HTML with highlights; every fragment escaped.

    entity_labels: labels whose mentions are shown (None: all); lit_entity_ids: clusters whose
    mentions are lit (shown even when their label is filtered out); quotes: indices of
    `analysis.quotes` marked (None: all); lit_quotes: quotes lit, with their speaker and cue;
    speaker_spans: more speaker spans to light; show_timexes: time expressions with their
    value as a tooltip; stance_entity_id: colour that actor's mentions by polarity;
    evidence_spans: sentences lit as evidence; anchors: spans wrapped in
    `<span class="nl-anchor" data-anchor="N">` (N: position in `anchors`) for the app to scroll
    to (a span crossing other marks is split: N may occur several times). include_css: prefix
    a <style> with ARTICLE_CSS (leave it out when the page already has it)."""
    marks = _collect_marks(
        analysis,
        entity_labels=entity_labels,
        lit_entity_ids=lit_entity_ids,
        quotes=quotes,
        lit_quotes=lit_quotes,
        speaker_spans=speaker_spans,
        show_timexes=show_timexes,
        stance_entity_id=stance_entity_id,
        evidence_spans=evidence_spans,
        anchors=anchors,
    )
    body = _render_marks(analysis.text, marks)
    parts = []
    if include_css:
        parts.append(f"<style>{ARTICLE_CSS}</style>")
    parts.append('<div class="nl-root">')
    if legend:
        parts.append(_legend(marks))
    parts.append(f'<div class="nl-article">{body}</div></div>')
    return "".join(parts)
