"""Word sense of violent verbs (newslens/events/sense.py): a violence code only when the
clause is physical. Each pair is one verb used literally and figuratively, in sentences
written for this test."""

from __future__ import annotations

import pytest

from newslens.entities import extract_entities
from newslens.events import extract_events
from newslens.model import Event

# Codes of physical force: coerce (seizures), assault, fight, mass violence.
VIOLENT = {"17", "18", "19", "20"}

PAIRS = [
    (
        "attack",
        "Russian troops attacked the village of Novoselivka at dawn.",
        "The senator attacked the governor's budget plan on Tuesday.",
    ),
    (
        "attack",
        "Gunmen attacked a police station in Peshawar.",
        "The opposition leader attacked the prime minister over rising prices.",
    ),
    (
        "fight",
        "Rebel fighters fought government forces near Aleppo.",
        "The mayor is fighting to keep the library open.",
    ),
    (
        "fight",
        "Soldiers fought militants in the mountains for three days.",
        "Consumer groups fought the merger in court.",
    ),
    (
        "battle",
        "Ukrainian forces battled Russian troops outside Bakhmut.",
        "The senator has been battling the agency's chief for months.",
    ),
    (
        "battle",
        "Police battled armed smugglers on the border.",
        "Two tech giants are battling for market share in Europe.",
    ),
    (
        "clash",
        "Protesters clashed with riot police in Tbilisi, leaving dozens wounded.",
        "Ministers clashed over the budget at the cabinet meeting.",
    ),
    (
        "clash",
        "Troops clashed with insurgents near the frontline.",
        "The two candidates clashed over taxes in the debate.",
    ),
    (
        "strike",
        "A Russian missile struck an apartment block in Dnipro.",
        "The union struck a deal with the airline.",
    ),
    (
        "strike",
        "Israeli jets struck targets in southern Lebanon.",
        "The company struck an agreement with its suppliers.",
    ),
    (
        "hit",
        "Artillery shells hit the hospital in Kharkiv.",
        "The senator hit out at the new tariff rules.",
    ),
    (
        "target",
        "Drones targeted an oil refinery near Ryazan.",
        "The campaign targeted young voters with online ads.",
    ),
    (
        "target",
        "Missiles targeted a military airfield in Crimea.",
        "The retailer targets wealthy customers in its new stores.",
    ),
    (
        "capture",
        "Russian troops captured the town of Avdiivka.",
        "The party captured three seats in the election.",
    ),
    (
        "capture",
        "Rebels captured two soldiers near the border.",
        "The film captured the mood of the country.",
    ),
    (
        "seize",
        "Soldiers seized the airport after heavy fighting.",
        "Investors seized the opportunity to buy cheap shares.",
    ),
    (
        "storm",
        "Armed men stormed the parliament building in the capital.",
        "The singer stormed the charts with her new album.",
    ),
    (
        "kill",
        "An air strike killed twelve civilians in Gaza.",
        "The Senate killed the immigration bill on Friday.",
    ),
    (
        "kill",
        "Gunmen killed two police officers in Karachi.",
        "The board killed the proposal after a short debate.",
    ),
    (
        "shoot",
        "A sniper shot a soldier at the checkpoint.",
        "The committee shot down the proposal.",
    ),
    (
        "beat",
        "Police beat protesters with batons in the square.",
        "The campaign beat the bushes for votes in Ohio.",
    ),
    (
        "beat",
        "Militia members beat a journalist near the front.",
        "Apple beat analysts' expectations for the quarter.",
    ),
    (
        "bomb",
        "Warplanes bombed the bridge over the Dnieper.",
        "The comedian's show bombed at the festival.",
    ),
    (
        "destroy",
        "Artillery fire destroyed a school in Bakhmut.",
        "The scandal destroyed the minister's career.",
    ),
    (
        "invade",
        "Russia invaded Ukraine in February 2022, killing thousands.",
        "Fans invaded the pitch after the final whistle.",
    ),
    (
        "assault",
        "Soldiers assaulted the compound with grenades.",
        "The report assaulted the government's record on housing.",
    ),
    (
        "shell",
        "Russian artillery shelled Kherson overnight.",
        "The opposition shelled the government with questions.",
    ),
    (
        "occupy",
        "Troops occupied the city of Kherson.",
        "The question occupied the council for hours.",
    ),
    (
        "raid",
        "Police raided the militants' hideout and seized weapons.",
        "Investors raided the tech sector for bargains.",
    ),
    (
        "besiege",
        "Government forces besieged the rebel-held town.",
        "Reporters besieged the minister after the hearing.",
    ),
    (
        "fight",
        "Kurdish fighters fought Islamic State militants in Raqqa.",
        "The government is fighting to stave off a crash.",
    ),
    (
        "attack",
        "Militants attacked an army convoy with rockets.",
        "The coach attacked the referee's decision.",
    ),
    (
        "strike",
        "A drone struck a fuel depot in Belgorod.",
        "The two parties struck a coalition deal.",
    ),
    (
        "battle",
        "Security forces battled gunmen for hours.",
        "The two airlines battled for the contract.",
    ),
    (
        "clash",
        "Border guards clashed with armed smugglers.",
        "The regulator clashed with the bank over fees.",
    ),
    (
        "capture",
        "Islamist fighters captured the town of Palmyra.",
        "The startup captured a fifth of the market.",
    ),
    (
        "kill",
        "A car bomb killed five soldiers in Mogadishu.",
        "Lawmakers killed the plan to raise fuel taxes.",
    ),
    (
        "target",
        "Rockets targeted the army base near Erbil.",
        "The new tax targets the wealthiest households.",
    ),
    (
        "hit",
        "A missile hit a power station in Lviv.",
        "The new rules hit small businesses hardest.",
    ),
    (
        "attack",
        "Armed men attacked a church in Burkina Faso, killing fifteen.",
        "Critics attacked the film as shallow.",
    ),
    (
        "seize",
        "Pirates seized a cargo ship off Somalia.",
        "The striker seized his chance to score.",
    ),
    (
        "invade",
        "The army invaded the neighbouring province with tanks.",
        "Tourists invaded the old town over the holiday.",
    ),
]


def _events_of(nlp, text: str, lemma: str) -> list[Event]:
    doc = nlp(text)
    mentions, clusters = extract_entities(doc)
    events = extract_events(doc, mentions, clusters, [], [])
    return [e for e in events if e.action.split()[0] == lemma]


def _codes(events: list[Event]) -> set[str | None]:
    return {e.cameo.code if e.cameo else None for e in events}


def test_at_least_forty_pairs():
    assert len(PAIRS) >= 40
    assert len({(lit, fig) for _, lit, fig in PAIRS}) == len(PAIRS)


@pytest.mark.parametrize(("lemma", "literal", "figurative"), PAIRS)
def test_violence_only_when_literal(nlp, lemma, literal, figurative):
    found = _events_of(nlp, literal, lemma)
    assert _codes(found) & VIOLENT, (literal, [(e.phrase, e.cameo) for e in found])
    assert all(e.cameo is not None and e.cameo.goldstein < 0 for e in found)
    figurative_codes = _codes(_events_of(nlp, figurative, lemma))
    assert not figurative_codes & VIOLENT, (figurative, figurative_codes)


@pytest.mark.parametrize(
    ("text", "lemma", "category"),
    [
        ("The senator attacked the governor's budget plan on Tuesday.", "attack", "criticism"),
        ("The Senate killed the immigration bill on Friday.", "kill", "rejection"),
        ("The union struck a deal with the airline.", "strike", "diplomatic cooperation"),
        ("The party captured three seats in the election.", "capture", "other"),
        ("The campaign targeted young voters with online ads.", "target", "other"),
    ],
)
def test_figurative_senses_get_their_own_category(nlp, text, lemma, category):
    assert {e.category for e in _events_of(nlp, text, lemma)} == {category}


def test_striving_is_not_fighting(nlp):
    text = "The government is fighting to stave off a crash."
    assert not _codes(_events_of(nlp, text, "fight")) & VIOLENT
    assert not any(e.cameo and e.cameo.code in VIOLENT for e in _events_of(nlp, text, "stave"))
