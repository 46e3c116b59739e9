"""Every chart of the dashboard as a plain plotly Figure, so the app and the exports share them.

Each chart has a title, axis titles and a legend in words. Colours are mid-tones that read on
light and dark backgrounds; no background colour is fixed, so the app's theme (or the export
template) decides it. Points carry `customdata` that the app uses to light the text when a
bar or point is clicked (entity ids, event indices, quote indices).
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections import defaultdict
from dataclasses import dataclass

import plotly.graph_objects as go

from newslens.events.display import action_text, goldstein_text, modality_text
from newslens.model import Analysis, EntityRef, Event
from newslens.vocabulary import ACTOR_LABELS

NEGATIVE_COLOUR = "#e0484d"
NEUTRAL_COLOUR = "#9a9a9a"
POSITIVE_COLOUR = "#3fa34d"
CONFLICT_COLOUR = NEGATIVE_COLOUR
COOPERATION_COLOUR = POSITIVE_COLOUR
UNKNOWN_COLOUR = "#5b8def"
ZERO_LINE_COLOUR = "rgba(110,110,110,0.9)"  # mid-grey: visible on light and dark themes

MAX_ACTORS = 25
# Axis labels: names are wrapped to lines of about this many characters (y axes, x axes).
Y_LABEL_CHARS = 26
X_LABEL_CHARS = 16
MAX_LABEL_LINES = 2
LINE_PX = 16  # one line of 12 px tick label text
ROW_PX = 32  # the least height of one category row
MIN_HEIGHT_PX = 320
MODEBAR_BAND_PX = 26  # plotly's toolbar floats here, top right, above the title
# More columns than this in the Positions chart: its x labels stand upright.
UPRIGHT_X_LABELS_FROM = 7
UPRIGHT_X_LABEL_PX = 10


def _safe(text: str) -> str:
    """Article-derived text for plotly, which reads a few HTML tags (<b>, <a href>) and
    entities in labels: escaped, it shows literally."""
    return html.escape(text, quote=False)


def wrap_label(text: str, *, width: int, lines: int = MAX_LABEL_LINES) -> str:
    """`text` escaped for plotly and broken at spaces into at most `lines` lines of about
    `width` characters (plotly's `<br>`); what does not fit ends in "…". The full name stays
    in the hover text."""
    rows: list[str] = []
    for word in text.split():
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][: width - 1].rstrip() + "…"
    rows = [r if len(r) <= width + 2 else r[: width - 1] + "…" for r in rows]
    return "<br>".join(_safe(r) for r in rows) or _safe(text)


def _line_count(label: str) -> int:
    return label.count("<br>") + 1


def _category_axis(labels: dict[str, str]) -> dict:
    """Axis settings that draw every category with its wrapped label: with tickvals plotly
    never skips a category tick (it did: 4 speakers, 2 labels)."""
    return {"tickmode": "array", "tickvals": list(labels), "ticktext": list(labels.values())}


def _layout(
    fig: go.Figure,
    *,
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    rows: int,
    row_lines: int = 1,
    x_label_px: int = LINE_PX,
) -> go.Figure:
    # Title at the very top, under the band where the app's plotly toolbar floats, and the
    # legend in its own band under it (both placed in pixels of the whole figure): they never
    # overlap, whatever theme (the app's or the export template) restyles the rest. The height
    # gives every row room for its (wrapped) label and the bottom room for the x labels, and
    # automargin is set here, not left to a template: Streamlit's template has none, which is
    # what cut the labels of the app's exports to "p", "ia".
    row_px = max(ROW_PX, 10 + LINE_PX * row_lines)
    top = MODEBAR_BAND_PX + 105
    height = max(MIN_HEIGHT_PX, top + row_px * max(rows, 1) + x_label_px + 60)
    fig.update_layout(
        title={
            "text": title,
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "y": 1,
            "yanchor": "top",
            "yref": "container",
            "pad": {"t": MODEBAR_BAND_PX + 6, "l": 8},
        },
        xaxis_title=x_title,
        yaxis_title=y_title,
        height=height,
        margin={"l": 10, "r": 30, "t": top, "b": 50, "autoexpand": True},
        legend={
            "title": {"text": legend_title, "side": "left"},
            "orientation": "h",
            "xref": "container",
            "x": 0.01,
            "xanchor": "left",
            "yref": "container",
            "y": 1 - (MODEBAR_BAND_PX + 44) / height,
            "yanchor": "top",
        },
        hoverlabel={"namelength": -1},
        showlegend=True,  # even with one trace: the legend says in words what colours mean
    )
    fig.update_xaxes(automargin=True, title_standoff=12)
    fig.update_yaxes(automargin=True, title_standoff=10)
    return fig


def _row_layout(
    fig: go.Figure,
    *,
    rows: list[str],
    labels: dict[str, str],
    title: str,
    x_title: str,
    y_title: str,
    legend_title: str,
    x_label_px: int = LINE_PX,
) -> go.Figure:
    """`_layout` for a chart with one row per category: the y axis lists `rows` top-down,
    each under its wrapped label, and the height gives every row room for the longest label."""
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=rows[::-1],
        **_category_axis({r: labels[r] for r in rows}),
    )
    return _layout(
        fig,
        title=title,
        x_title=x_title,
        y_title=y_title,
        legend_title=legend_title,
        rows=len(rows),
        row_lines=max(map(_line_count, labels.values()), default=1),
        x_label_px=x_label_px,
    )


# --- Portrayal --------------------------------------------------------------------------


@dataclass
class ActorPortrayal:
    entity_id: str
    name: str
    negative: int
    neutral: int
    positive: int

    @property
    def total(self) -> int:
        return self.negative + self.neutral + self.positive

    @property
    def net(self) -> float:
        return (self.positive - self.negative) / self.total if self.total else 0.0


def portrayal_rows(analysis: Analysis, *, min_mentions: int = 2) -> list[ActorPortrayal]:
    """Actors (people, organisations, places) with at least `min_mentions` scored mentions,
    most negative first."""
    rows = []
    for entity_stance in analysis.stance:
        cluster = analysis.cluster(entity_stance.entity_id)
        if cluster is not None and cluster.label not in ACTOR_LABELS:
            continue
        counts = {-1: 0, 0: 0, 1: 0}
        for mention in entity_stance.mentions:
            counts[mention.polarity if mention.polarity in counts else 0] += 1
        row = ActorPortrayal(
            entity_id=entity_stance.entity_id,
            name=entity_stance.name
            or analysis.name_of(entity_stance.entity_id, entity_stance.entity_id),
            negative=counts[-1],
            neutral=counts[0],
            positive=counts[1],
        )
        if row.total >= min_mentions:
            rows.append(row)
    rows.sort(key=lambda r: -r.total)
    rows = rows[:MAX_ACTORS]
    rows.sort(key=lambda r: (r.net, -r.total, r.name))
    return rows


def portrayal_figure(analysis: Analysis) -> go.Figure:
    """Diverging stacked bar: negative mentions to the left, positive to the right, neutral
    centred on zero; one bar per actor, sorted by net score (most negative on top)."""
    rows = portrayal_rows(analysis)
    names = [_safe(r.name) for r in rows]
    ids = [r.entity_id for r in rows]
    fig = go.Figure()

    def bar(values: list[float], counts: list[int], word: str, colour: str, show: bool) -> None:
        fig.add_trace(
            go.Bar(
                y=names,
                x=values,
                orientation="h",
                name=word,
                legendgroup=word,
                legendrank={"negative": 1, "neutral": 2, "positive": 3}[word],
                showlegend=show,
                marker_color=colour,
                customdata=ids,
                text=[str(c) if c and show else "" for c in counts],
                textposition="inside",
                hoverinfo="text",
                hovertext=[
                    f"{name}: {c} {word} of {r.total} mentions (net {r.net:+.2f})"
                    for name, c, r in zip(names, counts, rows, strict=True)
                ],
            )
        )

    neutral = [r.neutral for r in rows]
    # In "relative" mode the first trace on each side sits next to zero.
    bar([-n / 2 for n in neutral], neutral, "neutral", NEUTRAL_COLOUR, False)
    bar([n / 2 for n in neutral], neutral, "neutral", NEUTRAL_COLOUR, True)
    bar([-r.negative for r in rows], [r.negative for r in rows], "negative", NEGATIVE_COLOUR, True)
    bar([r.positive for r in rows], [r.positive for r in rows], "positive", POSITIVE_COLOUR, True)
    widest = max([max(r.negative + r.neutral / 2, r.positive + r.neutral / 2) for r in rows] or [1])
    step = max(1, round(widest / 3))
    reach = math.ceil(widest / step)
    ticks = [i * step for i in range(-reach, reach + 1)]  # symmetric, through zero
    fig.update_layout(barmode="relative", bargap=0.3)
    fig.update_xaxes(
        tickvals=ticks,
        ticktext=[str(abs(t)) for t in ticks],
        zeroline=True,
        zerolinewidth=2,
        zerolinecolor=ZERO_LINE_COLOUR,
    )
    labels = {n: wrap_label(r.name, width=Y_LABEL_CHARS) for n, r in zip(names, rows, strict=True)}
    return _row_layout(
        fig,
        rows=names,
        labels=labels,
        title="Portrayal: how each actor is written about",
        x_title="mentions (← negative · positive →)",
        y_title="actor",
        legend_title="Mentions:",
    )


# --- Positions --------------------------------------------------------------------------


@dataclass
class PositionCell:
    speaker_id: str
    speaker: str
    target_id: str
    target: str
    polarities: list[int]
    quote_indices: list[int]

    @property
    def mean(self) -> float:
        return sum(self.polarities) / len(self.polarities) if self.polarities else 0.0


def _entity_name(analysis: Analysis, entity_id: str) -> str:
    return analysis.name_of(entity_id, entity_id)


def position_cells(analysis: Analysis) -> list[PositionCell]:
    cells: dict[tuple[str, str], PositionCell] = {}
    for position in analysis.positions:
        pair = (position.speaker_entity_id, position.target_entity_id)
        cell = cells.get(pair)
        if cell is None:
            cell = cells[pair] = PositionCell(
                speaker_id=pair[0],
                speaker=_entity_name(analysis, pair[0]),
                target_id=pair[1],
                target=_entity_name(analysis, pair[1]),
                polarities=[],
                quote_indices=[],
            )
        cell.polarities.append(position.polarity)
        cell.quote_indices.append(position.quote_index)
    return list(cells.values())


def _polarity_word(mean: float) -> str:
    if mean <= -1 / 3:
        return "negative"
    if mean >= 1 / 3:
        return "positive"
    return "neutral or mixed"


def positions_figure(analysis: Analysis) -> go.Figure:
    """Dot matrix: speakers (rows) by the entities their quotes mention (columns), coloured by
    the mean polarity of the speaker toward that entity; dot size = number of quotes."""
    cells = position_cells(analysis)
    speakers = sorted({_safe(c.speaker) for c in cells})
    targets = sorted({_safe(c.target) for c in cells})
    speaker_labels = {_safe(c.speaker): wrap_label(c.speaker, width=Y_LABEL_CHARS) for c in cells}
    upright = len(targets) >= UPRIGHT_X_LABELS_FROM
    # Upright labels: one line each (a column is one line high), as long as a y label;
    # level ones share the plot's width on two lines.
    target_labels = {
        _safe(c.target): wrap_label(c.target, width=Y_LABEL_CHARS + 6, lines=1)
        if upright
        else wrap_label(c.target, width=X_LABEL_CHARS)
        for c in cells
    }
    fig = go.Figure()
    for word, colour in (
        ("negative", NEGATIVE_COLOUR),
        ("neutral or mixed", NEUTRAL_COLOUR),
        ("positive", POSITIVE_COLOUR),
    ):
        group = [c for c in cells if _polarity_word(c.mean) == word]
        if not group:
            continue
        fig.add_trace(
            go.Scatter(
                x=[_safe(c.target) for c in group],
                y=[_safe(c.speaker) for c in group],
                mode="markers",
                name=word,
                marker={
                    "color": colour,
                    # At most 26 px: dots of neighbouring columns stay apart.
                    "size": [10 + 4 * min(len(c.polarities), 4) for c in group],
                    "line": {"width": 1, "color": "rgba(128,128,128,0.8)"},
                },
                customdata=[",".join(map(str, c.quote_indices)) for c in group],
                hoverinfo="text",
                hovertext=[
                    f"{_safe(c.speaker)} about {_safe(c.target)}: {word} "
                    f"({len(c.polarities)} quote{'s' if len(c.polarities) != 1 else ''})"
                    ""
                    for c in group
                ],
            )
        )
    x_lines = max(map(_line_count, target_labels.values()), default=1)
    # Upright labels need the longest line's length (about 7 px a character) below the plot.
    longest = max(
        (len(line) for t in target_labels.values() for line in t.split("<br>")), default=0
    )
    fig.update_xaxes(
        categoryorder="array",
        categoryarray=targets,
        tickangle=-90 if upright else None,  # level unless plotly must tilt them
        # Upright, a column is a line high: a smaller font fits more columns in a narrow panel.
        tickfont_size=UPRIGHT_X_LABEL_PX if upright else None,
        **_category_axis({t: target_labels[t] for t in targets}),
    )
    return _row_layout(
        fig,
        rows=speakers,
        labels=speaker_labels,
        title="Positions: how each speaker talks about whom",
        x_title="entity mentioned in the quotes",
        y_title="speaker",
        legend_title="Speaks:",
        x_label_px=6 * longest + 8 if upright else LINE_PX * x_lines,
    )


# --- Cooperation / conflict ---------------------------------------------------------------


@dataclass
class ActorPair:
    actor: str
    target: str
    goldsteins: list[float]
    event_indices: list[int]

    @property
    def mean(self) -> float:
        return sum(self.goldsteins) / len(self.goldsteins) if self.goldsteins else 0.0

    @property
    def label(self) -> str:
        return f"{self.actor} → {self.target}"


def _ref_key(analysis: Analysis, ref: EntityRef | None) -> tuple[str, str] | None:
    """(entity id, display name) of an event participant resolved to an entity, else None."""
    if ref is None or not ref.entity_id:
        return None
    return ref.entity_id, analysis.name_of(ref.entity_id, ref.text)


def actor_pairs(analysis: Analysis) -> list[ActorPair]:
    """Actor → target entity pairs of the (non-negated, classified) events, by mean Goldstein.
    Participants not resolved to an entity ("a new lineup") are left out."""
    pairs: dict[tuple[str, str], ActorPair] = {}
    for index, event in enumerate(analysis.events):
        if event.negated or event.cameo is None:
            continue
        actor, target = _ref_key(analysis, event.actor), _ref_key(analysis, event.target)
        if actor is None or target is None or actor[0] == target[0]:
            continue
        pair = pairs.setdefault(
            (actor[0], target[0]), ActorPair(actor[1], target[1], goldsteins=[], event_indices=[])
        )
        pair.goldsteins.append(float(event.cameo.goldstein))
        pair.event_indices.append(index)
    return sorted(pairs.values(), key=lambda p: (p.mean, p.label))


def cooperation_figure(analysis: Analysis) -> go.Figure:
    """Horizontal bars: mean Goldstein score (−10 conflict … +10 cooperation) per actor pair;
    a pair that averages 0 is a diamond on the zero line (a bar would have no length)."""
    pairs = actor_pairs(analysis)
    labels = [_safe(p.label) for p in pairs]
    # Actor on the first line(s), "→ target" under it.
    ticks = {
        _safe(p.label): wrap_label(p.actor, width=Y_LABEL_CHARS + 4, lines=1)
        + "<br>"
        + wrap_label(f"→ {p.target}", width=Y_LABEL_CHARS + 4, lines=1)
        for p in pairs
    }
    fig = go.Figure()
    for word, colour, test in (
        ("conflict (< 0)", CONFLICT_COLOUR, lambda m: m < 0),
        ("neutral (0)", NEUTRAL_COLOUR, lambda m: m == 0),
        ("cooperation (> 0)", COOPERATION_COLOUR, lambda m: m > 0),
    ):
        group = [p for p in pairs if test(p.mean)]
        if not group:
            continue
        common = {
            "y": [_safe(p.label) for p in group],
            "x": [p.mean for p in group],
            "name": word,
            "customdata": [",".join(map(str, p.event_indices)) for p in group],
            "hoverinfo": "text",
            "hovertext": [
                f"{_safe(p.label)}: mean Goldstein {p.mean:+.1f} over {len(p.goldsteins)} "
                f"event{'s' if len(p.goldsteins) != 1 else ''}"
                for p in group
            ],
        }
        if word.startswith("neutral"):
            marker = {"color": colour, "size": 13, "symbol": "diamond"}
            fig.add_trace(go.Scatter(mode="markers", marker=marker, **common))
        else:
            fig.add_trace(go.Bar(orientation="h", marker_color=colour, **common))
    fig.update_xaxes(
        range=[-10.5, 10.5],
        zeroline=True,
        zerolinewidth=2,
        zerolinecolor=ZERO_LINE_COLOUR,
        tickvals=[-10, -5, 0, 5, 10],
        ticktext=["−10", "−5", "0", "+5", "+10"],
    )
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], **_category_axis(ticks))
    return _layout(
        fig,
        title="Cooperation and conflict between actors",
        # Two short lines: one long line is cut in a narrow column.
        x_title="mean Goldstein score<br>← conflict · cooperation →",
        y_title="actor → target",
        legend_title="Mean Goldstein:",
        rows=len(pairs),
        row_lines=2,
        x_label_px=2 * LINE_PX,  # the axis title's second line
    )


# --- Timeline ---------------------------------------------------------------------------

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON_OR_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|AU|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_QUARTER_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7}
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}


def timex_date(value: str | None) -> dt.date | None:
    """The first day a TIMEX3 date value points at (2025-05-16, 2025-W20, 2025-05, 2025-Q3,
    2025), or None when it is not a calendar date (PAST_REF, durations, ...)."""
    if not value:
        return None
    try:
        if m := _DAY.match(value):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _WEEK.match(value):
            return dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _MONTH.match(value):
            return dt.date(int(m[1]), int(m[2]), 1)
        if m := _SEASON_OR_QUARTER.match(value):
            month = _QUARTER_MONTH.get(m[2]) or _SEASON_MONTH[m[2]]
            return dt.date(int(m[1]), month, 1)
        if m := _YEAR.match(value):
            return dt.date(int(m[1]), 1, 1)
    except ValueError:
        return None
    return None


def event_date(event: Event) -> dt.date | None:
    return timex_date(event.date.value) if event.date else None


def _event_class(event: Event) -> tuple[str, str]:
    if event.cameo is None:
        return "unclassified", UNKNOWN_COLOUR
    if event.cameo.goldstein > 0:
        return "cooperative", COOPERATION_COLOUR
    if event.cameo.goldstein < 0:
        return "conflictual", CONFLICT_COLOUR
    return "neutral", NEUTRAL_COLOUR


def _ref_text(analysis: Analysis, ref: EntityRef | None) -> str:
    key = _ref_key(analysis, ref)
    if key:
        return key[1]
    return ref.text if ref is not None and ref.text else "(no actor)"


def _event_summary(analysis: Analysis, event: Event) -> str:
    if event.date is None:
        when = "undated"
    elif event.date.inferred:
        when = f"{event.date.value} (publication date)"
    else:
        when = f"{event.date.value} ({event.date.text})"
    target = f" {_ref_text(analysis, event.target)}" if event.target else ""
    mode = f" [{modality_text(event)}]" if modality_text(event) else ""
    return (
        f"{when}: {_ref_text(analysis, event.actor)} {action_text(event)}{target}{mode}"
        f" · {event.category} · {goldstein_text(event)}"
    )


def timeline_figure(analysis: Analysis) -> go.Figure:
    """Dated events on a time axis, one row per actor, coloured by cooperation/conflict."""
    dated = [(i, e, event_date(e)) for i, e in enumerate(analysis.events)]
    dated = [(i, e, d) for i, e, d in dated if d is not None]
    groups: dict[tuple[str, str], list[tuple[int, Event, dt.date]]] = defaultdict(list)
    for item in dated:
        groups[_event_class(item[1])].append(item)
    actors = sorted({_safe(_ref_text(analysis, e.actor)) for _, e, _ in dated})
    actor_labels = {
        _safe(_ref_text(analysis, e.actor)): wrap_label(
            _ref_text(analysis, e.actor), width=Y_LABEL_CHARS
        )
        for _, e, _ in dated
    }
    fig = go.Figure()
    for (word, colour), items in sorted(groups.items()):
        fig.add_trace(
            go.Scatter(
                x=[d.isoformat() for _, _, d in items],
                y=[_safe(_ref_text(analysis, e.actor)) for _, e, _ in items],
                mode="markers",
                name=word,
                marker={"color": colour, "size": 14, "symbol": "diamond"},
                customdata=[i for i, _, _ in items],
                hoverinfo="text",
                hovertext=[_safe(_event_summary(analysis, e)) for _, e, _ in items],
            )
        )
    days = [d for _, _, d in dated]
    if days:
        # Pad the range: events on a single day would otherwise zoom in to milliseconds.
        pad = max(dt.timedelta(days=3), (max(days) - min(days)) * 0.06)
        fig.update_xaxes(range=[(min(days) - pad).isoformat(), (max(days) + pad).isoformat()])
    fig.update_xaxes(type="date", tickformat="%-d %b %Y")
    return _row_layout(
        fig,
        rows=actors,
        labels=actor_labels,
        title="Timeline of dated events",
        x_title="date",
        y_title="actor",
        legend_title="Event (Goldstein):",
    )


def all_figures(analysis: Analysis) -> dict[str, go.Figure]:
    """Chart name -> Figure, only for charts that have data."""
    figures: dict[str, go.Figure] = {}
    if portrayal_rows(analysis):
        figures["portrayal"] = portrayal_figure(analysis)
    if analysis.positions:
        figures["positions"] = positions_figure(analysis)
    if actor_pairs(analysis):
        figures["cooperation"] = cooperation_figure(analysis)
    if any(event_date(e) for e in analysis.events):
        figures["timeline"] = timeline_figure(analysis)
    return figures
