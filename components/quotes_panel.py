"""Quotes panel: quotes grouped by speaker, filterable; ticking a quote or a speaker lights
the quotes and their speakers in the text; a speaker links to its entity."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import streamlit as st

from components.highlights import Highlights
from components.util import md_escape, shorten
from newslens.model import Analysis, Quote

UNATTRIBUTED = "Unattributed"


@dataclass
class SpeakerGroup:
    name: str
    entity_id: str | None
    quote_indices: list[int] = field(default_factory=list)


def speaker_name(analysis: Analysis, quote: Quote) -> str:
    speaker = quote.speaker
    if speaker is None:
        return UNATTRIBUTED
    return speaker.name or analysis.name_of(speaker.entity_id) or speaker.text or UNATTRIBUTED


def speaker_groups(analysis: Analysis) -> list[SpeakerGroup]:
    """Quotes grouped by speaker entity (else by speaker name), most quoted first,
    unattributed quotes last."""
    groups: dict[str, SpeakerGroup] = {}
    for index, quote in enumerate(analysis.quotes):
        name = speaker_name(analysis, quote)
        entity_id = quote.speaker.entity_id if quote.speaker else None
        group_key = entity_id or f"name:{name.lower()}"
        group = groups.setdefault(group_key, SpeakerGroup(name=name, entity_id=entity_id))
        group.quote_indices.append(index)
    return sorted(
        groups.values(),
        key=lambda g: (g.name == UNATTRIBUTED, -len(g.quote_indices), g.name.lower()),
    )


def _matches(analysis: Analysis, index: int, needle: str, kinds: list[str]) -> bool:
    quote = analysis.quotes[index]
    if kinds and quote.kind not in kinds:
        return False
    if not needle:
        return True
    haystack = f"{quote.text} {speaker_name(analysis, quote)} {quote.cue.text if quote.cue else ''}"
    return needle.lower() in haystack.lower()


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _quote_caption(quote: Quote) -> str:
    cue = f"cue: “{md_escape(quote.cue.text)}”" if quote.cue else "no cue"
    speaker = f" · speaker as written: {md_escape(quote.speaker.text)}" if quote.speaker else ""
    return f"{quote.kind} · {cue}{speaker}"


def render(
    analysis: Analysis,
    *,
    key: str,
    on_speaker: Callable[[str], None] | None = None,
) -> Highlights:
    """`on_speaker(entity_id)` (a widget callback) selects the speaker's entity elsewhere."""
    if not analysis.quotes:
        st.info("No quotes found in this article.")
        return Highlights()
    groups = speaker_groups(analysis)
    st.caption(
        f"{_count(len(analysis.quotes), 'quote')} from {_count(len(groups), 'speaker')} · "
        "tick a quote or a "
        "speaker to light it in the text"
    )
    col_text, col_kind = st.columns([3, 2])
    needle = col_text.text_input("Filter quotes", key=f"{key}-filter", placeholder="word or name")
    kinds_present = sorted({q.kind for q in analysis.quotes})
    kinds = col_kind.multiselect("Kinds", kinds_present, key=f"{key}-kinds")
    lit: set[int] = set()
    shown = 0
    for number, group in enumerate(groups):
        indices = [i for i in group.quote_indices if _matches(analysis, i, needle.strip(), kinds)]
        if not indices:
            continue
        shown += len(indices)
        # Few elements per quote: each is a message to the browser on every click.
        with st.container(border=True, key=f"{key}-group-{number}"):
            count = len(group.quote_indices)
            with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
                st.markdown(
                    f"**{md_escape(group.name)}** · {count} quote{'s' if count != 1 else ''}",
                    width="content",
                )
                whole = st.checkbox("Light all", key=f"{key}-speaker-{number}")
                if group.entity_id and on_speaker is not None and analysis.cluster(group.entity_id):
                    st.button(
                        "Show in Entities",
                        key=f"{key}-link-{number}",
                        on_click=on_speaker,
                        args=(group.entity_id,),
                        help="Select this speaker in the Entities tab and light its mentions",
                        type="tertiary",
                    )
            for index in indices:
                quote = analysis.quotes[index]
                label = f"{md_escape(shorten(quote.text))} :small[:gray[· {_quote_caption(quote)}]]"
                ticked = st.checkbox(label, key=f"{key}-quote-{index}", value=False)
                if ticked or whole:
                    lit.add(index)
    if shown == 0:
        st.info("No quote matches the filter.")
    return Highlights(lit_quotes=lit)
