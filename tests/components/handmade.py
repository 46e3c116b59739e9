"""Hand-made `Analysis` objects for panel, render and chart tests: every list filled (or
emptied) by hand, so the UI can be tested before and independently of the analysis stages."""

from __future__ import annotations

from newslens.model import (
    Analysis,
    Cameo,
    EntityCluster,
    EntityMention,
    EntityRef,
    EntityStance,
    Event,
    EventDate,
    Meta,
    Position,
    Quote,
    Span,
    Speaker,
    StanceMention,
    Timex,
)

TEXT = (
    "Talks in Istanbul\n\n"
    "Russian President Vladimir Putin spoke with Donald Trump on Monday. Putin praised Trump.\n\n"
    "Sergei Lavrov said, “Zelensky does not have legitimacy.” He added: “We need a deal.”\n\n"
    "Russia attacked Ukraine on May 16. The United States and Ukraine signed a deal last week."
)


def span(needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of `needle` in TEXT."""
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def _mention(needle: str, label: str, entity_id: str, nth: int = 0) -> EntityMention:
    start, end = span(needle, nth)
    return EntityMention(start, end, needle, label, entity_id)


def handmade_analysis() -> Analysis:
    entities = [
        _mention("Istanbul", "GPE", "E_ist"),
        _mention("Russian", "NORP", "E_rus_norp"),
        _mention("Vladimir Putin", "PERSON", "E_putin"),
        _mention("Donald Trump", "PERSON", "E_trump"),
        _mention("Putin", "PERSON", "E_putin", nth=1),
        _mention("Trump", "PERSON", "E_trump", nth=1),
        _mention("Sergei Lavrov", "PERSON", "E_lavrov"),
        _mention("Zelensky", "PERSON", "E_zel"),
        _mention("Russia", "GPE", "E_russia", nth=1),
        _mention("Ukraine", "GPE", "E_ukr"),
        _mention("The United States", "GPE", "E_us"),
        _mention("Ukraine", "GPE", "E_ukr", nth=1),
    ]
    names = {
        "E_ist": "Istanbul",
        "E_rus_norp": "Russian",
        "E_putin": "Vladimir Putin",
        "E_trump": "Donald Trump",
        "E_lavrov": "Sergei Lavrov",
        "E_zel": "Zelensky",
        "E_russia": "Russia",
        "E_ukr": "Ukraine",
        "E_us": "The United States",
    }
    clusters = []
    for entity_id, name in names.items():
        members = [m for m in entities if m.entity_id == entity_id]
        clusters.append(
            EntityCluster(entity_id, name, members[0].label, [[m.start, m.end] for m in members])
        )
    lavrov = span("Sergei Lavrov")
    he = span("He added")
    q0, q1 = span("“Zelensky does not have legitimacy.”"), span("“We need a deal.”")
    quotes = [
        Quote(
            *q0,
            text=TEXT[q0[0] : q0[1]],
            kind="direct",
            speaker=Speaker(*lavrov, "Sergei Lavrov", "E_lavrov", "Sergei Lavrov"),
            cue=Span(*span("said"), "said"),
        ),
        Quote(
            *q1,
            text=TEXT[q1[0] : q1[1]],
            kind="direct",
            speaker=Speaker(he[0], he[0] + 2, "He", "E_lavrov", "Sergei Lavrov"),
            cue=Span(*span("added"), "added"),
        ),
    ]
    timexes = [
        Timex(*span("Monday"), "Monday", "DATE", "2025-05-19"),
        Timex(*span("May 16"), "May 16", "DATE", "2025-05-16"),
        Timex(*span("last week"), "last week", "DATE", "2025-W20"),
    ]
    s_call = span("Russian President Vladimir Putin spoke with Donald Trump on Monday.")
    s_attack = span("Russia attacked Ukraine on May 16.")
    s_deal = span("The United States and Ukraine signed a deal last week.")
    s_said = span("Sergei Lavrov said, “Zelensky does not have legitimacy.”")
    events = [
        Event(
            *s_call,
            actor=EntityRef("Vladimir Putin", "E_putin"),
            action="speak",
            target=EntityRef("Donald Trump", "E_trump"),
            date=EventDate("Monday", "2025-05-19"),
            cameo=Cameo("04", "Consult", 1.0),
            phrase="spoke with",
            category="consultation",
        ),
        Event(
            *s_attack,
            actor=EntityRef("Russia", "E_russia"),
            action="attack",
            target=EntityRef("Ukraine", "E_ukr"),
            date=EventDate("May 16", "2025-05-16"),
            cameo=Cameo("19", "Fight", -10.0),
            phrase="attacked",
            category="fighting",
        ),
        Event(
            *s_deal,
            actor=EntityRef("The United States", "E_us"),
            action="sign",
            target=EntityRef("Ukraine", "E_ukr"),
            date=EventDate("last week", "2025-W20"),
            cameo=Cameo("06", "Engage in material cooperation", 6.0),
            phrase="signed a deal",
            category="material cooperation",
            modality="planned",
        ),
        Event(
            *s_said,
            actor=EntityRef("Sergei Lavrov", "E_lavrov"),
            action="say",
            cameo=Cameo("01", "Make public statement", 0.0),
            phrase="said",
            category="statement",
        ),
    ]

    def stance_of(entity_id: str, polarities: list[int]) -> EntityStance:
        members = [m for m in entities if m.entity_id == entity_id]
        mentions = [
            StanceMention(m.start, m.end, p) for m, p in zip(members, polarities, strict=True)
        ]
        counts = {
            w: sum(1 for p in polarities if p == v)
            for w, v in (("negative", -1), ("neutral", 0), ("positive", 1))
        }
        net = (counts["positive"] - counts["negative"]) / len(polarities)
        return EntityStance(entity_id, names[entity_id], mentions, {**counts, "net": net})

    stance = [
        stance_of("E_putin", [1, 0]),
        stance_of("E_trump", [1, 1]),
        stance_of("E_ukr", [-1, 0]),
        stance_of("E_zel", [-1]),
    ]
    positions = [Position("E_lavrov", "E_zel", 0, -1)]
    return Analysis(
        id="handmade",
        text=TEXT,
        meta=Meta(title="Talks in Istanbul", published="2025-05-20", source="handmade"),
        entities=entities,
        entity_clusters=clusters,
        quotes=quotes,
        timexes=timexes,
        events=events,
        stance=stance,
        positions=positions,
    )


def _at(text: str, fragment: str) -> tuple[int, int]:
    start = text.index(fragment)
    return start, start + len(fragment)


def small_analysis(
    *, name: str = "Anna Berg", quote: str = "We will build the bridge."
) -> Analysis:
    """A three-sentence analysis with one record in every table (the export tests'), whose
    speaker's name and quote are given: text that must stay text in every export."""
    text = (
        f"{name} met Tom Vik in Oslo on Monday. “{quote}” {name} said. "
        "The council rejected the plan."
    )
    a_start, a_end = _at(text, name)
    t_start, t_end = _at(text, "Tom Vik")
    o_start, o_end = _at(text, "Oslo")
    q_start, q_end = _at(text, f"“{quote}”")
    s2 = text.index(name, q_end)
    cue = text.index("said", s2)
    d_start, d_end = _at(text, "Monday")
    return Analysis(
        id="handmade.txt",
        text=text,
        meta=Meta(title=f"{name} in Oslo", published="2025-05-20", source="handmade.txt"),
        entities=[
            EntityMention(a_start, a_end, name, "PERSON", "e1"),
            EntityMention(t_start, t_end, "Tom Vik", "PERSON", "e2"),
            EntityMention(o_start, o_end, "Oslo", "GPE", "e3"),
            EntityMention(s2, s2 + len(name), name, "PERSON", "e1"),
        ],
        entity_clusters=[
            EntityCluster("e1", name, "PERSON", [[a_start, a_end], [s2, s2 + len(name)]]),
            EntityCluster("e2", "Tom Vik", "PERSON", [[t_start, t_end]]),
            EntityCluster("e3", "Oslo", "GPE", [[o_start, o_end]]),
        ],
        quotes=[
            Quote(
                q_start,
                q_end,
                text[q_start:q_end],
                "direct",
                speaker=Speaker(s2, s2 + len(name), name, "e1", name),
                cue=Span(cue, cue + 4, "said"),
            )
        ],
        timexes=[Timex(d_start, d_end, "Monday", "DATE", "2025-05-19")],
        events=[
            Event(
                0,
                text.index(".") + 1,
                EntityRef(name, "e1"),
                "meet",
                target=EntityRef("Tom Vik", "e2"),
                place=EntityRef("Oslo", "e3"),
                date=EventDate("Monday", "2025-05-19"),
                cameo=Cameo("04", "Consult", 1.0),
                phrase="met",
            )
        ],
        stance=[
            EntityStance(
                "e1",
                name,
                [StanceMention(a_start, a_end, -1, {"negative": 0.7, "neutral": 0.2})],
                {"negative": 1, "neutral": 0, "positive": 0, "net": -1.0},
            )
        ],
        positions=[Position("e1", "e2", 0, -1)],
        model={"spacy_model": "en_core_web_sm", "spacy_model_version": "3.8.0"},
    )


def empty_analysis() -> Analysis:
    """An analysis where every list is empty (nothing found), with no publication date."""
    return Analysis(id="empty", text="Nothing to see here.", meta=Meta(source="paste"))


def messy_analysis() -> Analysis:
    """Everything a half-finished or buggy stage could hand over: unknown ids, missing parts,
    out-of-range offsets, odd labels and values. The UI must still draw."""
    analysis = handmade_analysis()
    analysis.entities.append(EntityMention(5, 9, "in I", "WEIRD<b>", "E_missing"))
    analysis.entities.append(EntityMention(len(TEXT) - 3, len(TEXT) + 40, "k.", "ORG", "E_x"))
    analysis.quotes.append(Quote(start=0, end=5, text="Talks", kind="indirect"))
    analysis.quotes.append(
        Quote(
            start=19,
            end=200,
            text="",
            kind="direct",
            speaker=Speaker(0, 5, "Talks", "E_nowhere", None),
            spans=[[19, 30], [40, 2000]],
        )
    )
    analysis.timexes.append(Timex(0, 5, "Talks", "DATE", None))
    analysis.events.append(
        Event(0, 5, actor=None, action="talk", date=EventDate("now", "PRESENT_REF"))
    )
    analysis.events.append(
        Event(6, 8, actor=EntityRef("", None), action="", target=EntityRef("x", "E_nowhere"))
    )
    analysis.stance.append(
        EntityStance("E_nowhere", "", [StanceMention(0, 5, 2), StanceMention(6, 9, -1)], {})
    )
    analysis.positions.append(Position("E_nowhere", "E_zel", 99, 1))
    analysis.warnings.append("A stage reported a problem <b>with markup</b>.")
    return analysis
