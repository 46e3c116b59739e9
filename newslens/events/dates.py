"""When an event happened: the time expression of the event's own clause.

A date belongs to an event when the parse attaches it on the path from the trigger: to the
verb itself ("sold the unit on Monday"), to the controller whose infinitive the event is
("agreed on Friday to share"), to an event noun ("a 2010 raid") or to the verb that says
it happened ("the talks took place on May 16"). The nearest date of the sentence is never
borrowed: in "a 2010 raid that killed ..." the killing is not dated by another clause.

Without such a date, a past-tense statement of fact in an article with a dateline is dated
by the publication date and marked `inferred` (news reports what just happened).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newslens.model import Event, EventDate, Timex

DATE_TYPES = frozenset({"DATE", "TIME"})
# Characters from the start of the text in which a dateline carries the publication date.
DATELINE_CHARS = 400
PAST_TAGS = frozenset({"VBD"})
PRESENT_TAGS = frozenset({"VBZ", "VBP"})


@dataclass
class TimeIndex:
    """The article's dated time expressions by the token they modify."""

    by_token: dict[int, list[Timex]]
    published: str | None
    has_dateline: bool
    text: str


def index_timexes(doc: Doc, text: str, timexes: list[Timex], published: str | None) -> TimeIndex:
    by_token: dict[int, list[Timex]] = {}
    for timex in timexes:
        if timex.type not in DATE_TYPES:
            continue  # "two-hour" says how long, not when
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is not None and len(span):
            by_token.setdefault(attachment(span), []).append(timex)
    dateline = published is not None and any(
        t.value == published and t.start < DATELINE_CHARS for t in timexes
    )
    return TimeIndex(by_token, published, dateline, text)


def attachment(span: Span) -> int:
    """The token a time expression modifies: "on May 16" -> its verb, "yesterday" -> its
    verb, "a 2010 raid" -> raid."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i


def clause_date(path: list[Token], index: TimeIndex) -> EventDate | None:
    """The first time expression attached to a token of `path` (the trigger first)."""
    for tok in path:
        # A date on another line (a dateline under a headline) is never the clause's.
        found = [
            t
            for t in index.by_token.get(tok.i, ())
            if "\n" not in index.text[min(t.start, tok.idx) : max(t.end, tok.idx)]
        ]
        if found:
            timex = min(found, key=lambda t: abs(t.start - tok.idx))
            return EventDate(text=timex.text, value=timex.value, start=timex.start, end=timex.end)
    return None


def inferred_date(verb: Token, index: TimeIndex, *, headline: bool) -> EventDate | None:
    """The publication date for a past-tense (or headline present-tense) event in an
    article with a dateline; None otherwise."""
    if not index.has_dateline or index.published is None:
        return None
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    past = bool(tags & PAST_TAGS) or (
        verb.tag_ == "VBN" and any(c.lower_ in ("has", "have") for c in verb.children)
    )
    if past or (headline and verb.tag_ in PRESENT_TAGS):
        return EventDate(text="", value=index.published, inferred=True)
    return None


def redate_events(
    events: list[Event], timexes: list[Timex], *, published: str | None = None
) -> list[Event]:
    """Refresh each event's date value from the (re-resolved) timexes and publication date,
    without re-parsing."""
    by_span = {(t.start, t.end): t for t in timexes}
    redated: list[Event] = []
    for event in events:
        date = event.date
        if date is not None and date.inferred:
            date = replace(date, value=published) if published else None
        elif date is not None:
            if date.start is not None:
                timex = by_span.get((date.start, date.end))  # pyright: ignore[reportArgumentType]
            else:  # saved before dates kept their offsets: the same words in the sentence
                timex = next(
                    (
                        t
                        for t in timexes
                        if t.text == date.text and event.start <= t.start < event.end
                    ),
                    None,
                )
            if timex is not None:
                date = replace(
                    date, text=timex.text, value=timex.value, start=timex.start, end=timex.end
                )
        redated.append(replace(event, date=date))
    return redated
