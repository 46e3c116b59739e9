"""Events from the dependency parse: actor, target, place, date, negation, CAMEO category."""

from __future__ import annotations

import pytest

from newslens.data import cameo
from newslens.entities import extract_entities
from newslens.events import extract_events, redate_events
from newslens.model import Analysis, Event, EventDate, Quote, Span, Speaker, Timex
from newslens.quotes import extract_quotes
from newslens.timexes import extract_timexes


def _events(nlp, text: str, *, timexes=(), quotes=()) -> list[Event]:
    doc = nlp(text)
    mentions, clusters = extract_entities(doc)
    return extract_events(doc, mentions, clusters, list(timexes), list(quotes))


def _timex(text: str, phrase: str, value: str | None, type_: str = "DATE") -> Timex:
    start = text.index(phrase)
    return Timex(start, start + len(phrase), phrase, type_, value)


def _one(events: list[Event], action: str) -> Event:
    found = [e for e in events if e.action == action]
    assert len(found) == 1, [(e.action, e.phrase) for e in events]
    return found[0]


def _text(ref) -> str:
    return ref.text if ref is not None else ""


# --- argument structure --------------------------------------------------------------------


def test_active_clause_gives_actor_target_and_clause_date(nlp):
    text = "Russian forces attacked Kharkiv on Tuesday."
    events = _events(nlp, text, timexes=[_timex(text, "Tuesday", "2025-05-13")])
    attack = _one(events, "attack")
    assert "Russian" in _text(attack.actor) and attack.actor.entity_id
    assert attack.target.text == "Kharkiv" and attack.target.entity_id
    assert attack.cameo.code == "19" and attack.cameo.goldstein < 0
    day = text.index("Tuesday")
    assert attack.date == EventDate("Tuesday", "2025-05-13", day, day + len("Tuesday"))
    assert text[attack.trigger[0] : attack.trigger[1]] == "attacked"
    assert (attack.start, attack.end) == (0, len(text))
    assert attack.negated is False


def test_passive_agent_is_the_actor_and_generic_head_yields_its_name(nlp):
    attack = _one(_events(nlp, "The city of Kharkiv was attacked by Russian forces."), "attack")
    assert "Russian forces" in _text(attack.actor)
    assert attack.target.text == "Kharkiv"
    assert attack.phrase == "was attacked"


def test_negation_and_recipient_of_a_transfer(nlp):
    send = _one(_events(nlp, "Germany did not send tanks to Ukraine."), "send")
    assert send.negated is True
    assert send.actor.text == "Germany"
    assert send.target.text == "Ukraine"
    assert send.cameo.code == "07"  # sending weapons is military aid
    assert send.phrase == "did not send tanks"


def test_still_not_agreed_to_a_ceasefire_is_a_negated_rejection(nlp):
    agree = _one(_events(nlp, "Russia has still not agreed to a ceasefire."), "agree")
    assert agree.negated is True and agree.modality == "negated"
    assert agree.actor.text == "Russia"
    assert agree.cameo.code == "12"  # CAMEO: refusing a ceasefire is a rejection


def test_conjoined_verbs_share_subject_and_negation(nlp):
    events = _events(nlp, "Russia did not attack Poland or invade Lithuania.")
    attack, invade = _one(events, "attack"), _one(events, "invade")
    assert attack.actor.text == invade.actor.text == "Russia"
    assert (attack.target.text, invade.target.text) == ("Poland", "Lithuania")
    assert attack.negated and invade.negated


def test_relative_clause_inherits_its_head_as_subject_and_finds_the_place(nlp):
    events = _events(nlp, "Putin, who met Modi in Moscow, later criticized NATO.")
    meet, criticize = _one(events, "meet"), _one(events, "criticize")
    assert meet.actor.text == "Putin" and meet.target.text == "Modi"
    assert meet.place.text == "Moscow" and meet.place.entity_id
    assert meet.cameo.code == "04"
    assert criticize.actor.text == "Putin" and criticize.target.text == "NATO"
    assert criticize.cameo.code == "11"


def test_aspect_verbs_hand_the_event_to_their_infinitive(nlp):
    events = _events(nlp, "Moscow continues to push for more territory.")
    assert "continue" not in [e.action for e in events]
    push = _one(events, "push")
    assert push.actor.text == "Moscow"
    assert push.cameo.code == "10"  # push for = demand


def test_meaningful_controller_gives_its_meaning_to_the_infinitive(nlp):
    events = _events(nlp, "Hamas refused to release the hostages.")
    release = _one(events, "release")
    assert [e.action for e in events] == ["release"]
    assert release.phrase == "refused to release"
    assert release.cameo.code == "12" and release.category == "rejection"
    assert release.target.text == "the hostages"
    assert release.modality == "negated" and release.negated is True


def test_object_control_and_appeal(nlp):
    urge = _one(_events(nlp, "The United Nations urged Israel to allow aid into Gaza."), "urge")
    assert "United Nations" in urge.actor.text
    assert urge.target.text == "Israel"
    assert urge.cameo.code == "02"
    allow = _one(_events(nlp, "The United Nations urged Israel to allow aid into Gaza."), "allow")
    assert allow.actor.text == "Israel" and allow.modality == "demanded"


def test_light_verb_takes_its_category_from_the_event_noun(nlp):
    impose = _one(_events(nlp, "The European Union imposed sanctions on Iran."), "impose")
    assert impose.cameo.code == "16" and impose.target.text == "Iran"
    hold = _one(_events(nlp, "China and India held talks in New Delhi."), "hold")
    assert hold.cameo.code == "04"
    assert (hold.actor.text, hold.target.text) == ("China", "India")  # reciprocal
    assert hold.place.text == "New Delhi"


def test_threatening_sanctions_is_a_threat(nlp):
    text = "The US Senate has threatened tough new sanctions against Russia."
    threaten = _one(_events(nlp, text), "threaten")
    assert threaten.cameo.code == "13" and threaten.cameo.name == "THREATEN"
    assert "Senate" in threaten.actor.text and threaten.target.text == "Russia"
    assert threaten.negated is False


@pytest.mark.parametrize(
    ("text", "action", "code"),
    [
        ("Merkel called Putin on Friday.", "call", "04"),
        ("The NAACP called for a moratorium on charter schools.", "call", "02"),
        ("Hamas released three hostages.", "release", "08"),
        ("Apple released a statement.", "release", "01"),
        ("North Korea fired missiles into the sea.", "fire", "19"),
    ],
)
def test_the_object_or_particle_decides_the_category(nlp, text, action, code):
    assert _one(_events(nlp, text), action).cameo.code == code


def test_calling_something_a_name_is_not_a_phone_call(nlp):
    events = _events(nlp, "Trump called the charges fabricated.")
    assert "call" not in [e.action for e in events]


def test_copulas_and_mental_verbs_are_not_events_saying_is_a_statement(nlp):
    text = "The Kremlin seems confident. Analysts believe the war is long."
    assert _events(nlp, text) == []
    events = _events(nlp, "The minister said that the economy was strong.")
    assert [(e.action, e.category, e.target) for e in events] == [("say", "statement", None)]


def test_announcing_a_thing_is_one_event_announcing_a_clause_reports_it(nlp):
    text = "Zelensky announced new elections."
    assert [e.action for e in _events(nlp, text)] == ["announce"]
    events = _events(nlp, "Ukraine announced that it had sent troops to the border.")
    send = _one(events, "send")
    assert send.modality == "reported" and send.source.text == "Ukraine"
    assert send.actor.entity_id == send.source.entity_id  # "it" -> Ukraine


def test_first_person_in_a_quote_is_its_speaker(nlp):
    text = "“We will never surrender to Russia,” Zelensky said."
    assert [e.action for e in _events(nlp, text)] == ["say"]  # "we" alone names nobody
    doc = nlp(text)
    mentions, clusters = extract_entities(doc)
    zelensky = next(m for m in mentions if m.text == "Zelensky")
    quote = Quote(
        start=1,
        end=text.index("”"),
        text=text[1 : text.index("”")],
        kind="direct",
        speaker=Speaker(zelensky.start, zelensky.end, "Zelensky", zelensky.entity_id, "Zelensky"),
        cue=Span(text.index("said"), text.index("said") + 4, "said"),
    )
    events = extract_events(doc, mentions, clusters, [], [quote])
    surrender = _one(events, "surrender")
    assert surrender.actor.entity_id == zelensky.entity_id
    assert surrender.negated is True


def test_pronoun_subject_resolves_to_the_recent_country(nlp):
    text = "Moscow says it has signed a treaty with Ukraine."
    sign = _one(_events(nlp, text), "sign")
    assert sign.actor.text == "Moscow" and sign.actor.entity_id
    assert sign.target.text == "Ukraine"


def test_conditional_and_wished_for_events(nlp):
    text = "Moscow is casting doubt on whether it would sign a treaty with Ukraine."
    assert _one(_events(nlp, text), "sign").modality == "possible"
    text = "If Iran attacks Israel, the United States will respond."
    events = _events(nlp, text)
    assert not [e for e in events if e.action == "attack"]  # a condition, not a happening
    assert _one(events, "respond").modality == "planned"
    text = "Russia will cut gas supplies unless Ukraine pays its debts."
    events = _events(nlp, text)
    assert [e.action for e in events] == ["cut"]
    meet = _one(_events(nlp, "Trump wants to meet Putin in Alaska."), "meet")
    assert meet.cameo.code == "03"  # an intent to meet, not a meeting
    assert (meet.actor.text, meet.target.text, meet.place.text) == ("Trump", "Putin", "Alaska")


def test_nominal_event_between_two_parties(nlp):
    text = "Despite a telephone call between Putin and Trump, Russia refused."
    call = _one(_events(nlp, text), "call")
    assert (call.actor.text, call.target.text) == ("Putin", "Trump")
    assert call.cameo.code == "04"
    assert text[call.trigger[0] : call.trigger[1]] == "call"


def test_occurring_event_noun_borrows_participants_and_date(nlp):
    text = "Putin proposed talks between Russia and Ukraine. The talks took place on May 16."
    events = _events(nlp, text, timexes=[_timex(text, "May 16", "2025-05-16")])
    propose = _one(events, "propose")
    assert propose.actor.text == "Putin" and propose.cameo.code == "03"
    talk = _one(events, "talk")
    assert (talk.actor.text, talk.target.text) == ("Russia", "Ukraine")
    assert talk.date.text == "May 16" and talk.date.value == "2025-05-16"
    assert talk.phrase == "The talks took place"
    assert talk.start == text.index("The talks")


def test_duration_is_not_an_event_date(nlp):
    text = "Russia attacked Kyiv for two hours."
    events = _events(nlp, text, timexes=[_timex(text, "two hours", "PT2H", "DURATION")])
    assert _one(events, "attack").date is None


def test_date_of_a_reporting_verb_or_another_line_is_not_the_event_date(nlp):
    text = "Jobs said yesterday that Apple will offer a free case to its customers."
    events = _events(nlp, text, timexes=[_timex(text, "yesterday", "2010-07-16")])
    assert _one(events, "offer").date is None
    text = "Apple launches new iPod\nSeptember 05, 2007\nApple today launched a phone."
    timexes = [_timex(text, "September 05, 2007", "2007-09-05"), _timex(text, "today", None)]
    launches = [e for e in _events(nlp, text, timexes=timexes) if e.action == "launch"]
    assert [e.date.text if e.date else None for e in launches] == [None, "today"]


def test_missing_full_stop_before_a_line_break(nlp):
    text = "Experts see impediments to peace talks in Ukraine\nPutin proposed talks in Istanbul."
    propose = _one(_events(nlp, text), "propose")
    assert propose.actor.text == "Putin"
    assert propose.place.text == "Istanbul"
    assert propose.start == text.index("Putin")  # the evidence sentence stops at the break


# --- CAMEO table ---------------------------------------------------------------------------


def test_cameo_roots_are_the_twenty_codebook_roots():
    assert sorted(cameo.ROOTS) == [f"{i:02d}" for i in range(1, 21)]
    assert cameo.root("01") == ("MAKE PUBLIC STATEMENT", 0.0)
    assert cameo.root("20")[0] == "USE UNCONVENTIONAL MASS VIOLENCE"
    for code, (name, goldstein) in cameo.ROOTS.items():
        assert name.isupper() and -10.0 <= goldstein <= 10.0
        # cooperation (01-08) scores at or above zero, conflict (09-20) below it
        assert (goldstein >= 0) == (int(code) <= 8), code


@pytest.mark.parametrize(
    ("lemma", "particle", "codes"),
    [
        ("propose", None, {"03"}),
        ("meet", None, {"04"}),
        ("talk", None, {"04"}),
        ("threaten", None, {"13"}),
        ("sanction", None, {"16"}),
        ("attack", None, {"18", "19"}),
        ("reject", None, {"12"}),
        ("refuse", None, {"12"}),
        ("call", "for", {"02"}),
        ("Condemn", None, {"11"}),
    ],
)
def test_verb_lexicon(lemma, particle, codes):
    assert cameo.verb_root(lemma, particle) in codes


def test_lexicon_size_and_phrase_overrides():
    assert len(cameo.VERB_ROOTS) >= 250
    assert set(cameo.VERB_ROOTS.values()) == set(cameo.ROOTS)
    assert set(cameo.EVENT_NOUN_ROOTS.values()) <= set(cameo.ROOTS)
    assert cameo.phrase_root("threaten", "sanction") == "13"
    assert cameo.phrase_root("send", "delegation") in {"04", "05"}
    assert cameo.noun_root("summit") == "04"
    assert cameo.verb_root("photosynthesize") is None


# --- redating ------------------------------------------------------------------------------


def test_redate_events_follows_the_re_resolved_timex():
    dated = Event(0, 40, None, "meet", date=EventDate("Friday", "2025-05-16", 20, 26))
    undated = Event(41, 80, None, "attack")
    orphan = Event(81, 99, None, "visit", date=EventDate("May", "2025-05", 90, 93))
    timexes = [Timex(20, 26, "Friday", "DATE", "2024-05-17"), Timex(50, 55, "today", "DATE")]
    out = redate_events([dated, undated, orphan], timexes)
    assert out[0].date == EventDate("Friday", "2024-05-17", 20, 26)
    assert out[1].date is None
    assert out[2].date == orphan.date  # its timex is gone: keep what we had
    assert dated.date.value == "2025-05-16"  # the input is not mutated
    cleared = redate_events(out, [Timex(20, 26, "Friday", "DATE", None)])
    assert cleared[0].date.value is None
    legacy = Event(0, 40, None, "meet", date=EventDate("Friday", "2025-05-16"))
    assert redate_events([legacy], timexes)[0].date == EventDate("Friday", "2024-05-17", 20, 26)


# --- the seed article ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    """The seed article through the stages events depend on (not the whole pipeline)."""
    doc = nlp(seed_text)
    mentions, clusters = extract_entities(doc)
    timexes = extract_timexes(doc, "2025-05-20")
    quotes = extract_quotes(doc, mentions, clusters)
    analysis = Analysis(id="seed", text=seed_text, entities=mentions, entity_clusters=clusters)
    analysis.events = extract_events(doc, mentions, clusters, timexes, quotes)
    return analysis


def _cluster_name(analysis, ref) -> str:
    cluster = analysis.cluster(ref.entity_id) if ref is not None else None
    return cluster.name if cluster else (ref.text if ref else "")


def test_seed_article_events(seed):
    a = seed
    events = a.events
    assert all(a.text[e.start : e.end] for e in events)
    assert all((e.cameo is None) == (e.category == "other") for e in events)

    call = _one(events, "call")
    assert "Putin" in _cluster_name(a, call.actor) and "Trump" in _cluster_name(a, call.target)
    assert call.cameo.code == "04"

    propose = _one(events, "propose")
    assert "Putin" in _cluster_name(a, propose.actor)
    assert propose.place is not None and propose.place.text == "Istanbul"
    assert propose.cameo.code == "03"

    talks = [e for e in events if e.action == "talk" and e.date is not None]
    assert talks and talks[0].date.text == "May 16"
    if talks[0].date.value is not None:
        assert talks[0].date.value == "2025-05-16"

    send = _one(events, "send")
    assert send.actor.text == "Russia" and "delegation" in send.target.text
    assert send.cameo.code in {"04", "05"}

    threaten = _one(events, "threaten")
    assert "Senate" in threaten.actor.text and threaten.target.text == "Russia"
    assert threaten.cameo.code == "13" and threaten.negated is False

    agree = next(e for e in events if e.action == "agree" and e.negated)
    assert agree.actor.text == "Russia"

    assert agree.modality == "negated" and agree.phrase == "has still not agreed"

    # reporting verbs are statements; what they report carries its speaker
    assert {e.category for e in events if e.action in {"say", "note"}} == {"statement"}
    spoke = _one(events, "speak")
    assert spoke.modality == "reported" and "Ushakov" in spoke.source.text


# --- arguments with offsets, constructions, modality, dates, merging -----------------------


def _written(text: str, ref) -> str:
    """The words an argument's offsets point at."""
    return text[ref.start : ref.end]


def test_arguments_carry_the_offsets_of_their_words(nlp):
    text = "Google and Microsoft sued the agency on Monday."
    sue = _one(_events(nlp, text), "sue")
    assert _written(text, sue.actor) == "Google and Microsoft"  # conjoined actors, whole
    assert sue.actor.entity_id and _written(text, sue.target) == "the agency"


def test_control_gives_the_infinitive_the_winners_subject(nlp):
    text = "EADS won a contract to supply the Royal Air Force with tankers."
    supply = _one(_events(nlp, text), "supply")
    assert supply.actor.text == "EADS"
    assert _written(text, supply.target) == "the Royal Air Force"
    assert supply.modality == "planned"  # a contract to supply: the supplying is to come


def test_passive_by_agent_and_relative_clause(nlp):
    text = "The plant was bought by Siemens. Boeing, which lost the tender, filed a protest."
    buy = _one(_events(nlp, text), "buy")
    assert buy.actor.text == "Siemens" and _written(text, buy.target) == "The plant"
    lose = _one(_events(nlp, text), "lose")
    assert lose.actor.text == "Boeing" and _written(text, lose.actor) == "which"


def test_headline_infinitive_is_planned_with_its_subject(nlp):
    text = "Acme to sell its truck unit\nMarch 3, 2024\nThe board met on Monday."
    sell = _one(_events(nlp, text), "sell")
    assert _written(text, sell.actor) == "Acme"
    assert sell.modality == "planned"
    assert sell.date is None  # the dateline under a headline does not date it


def test_nominal_event_with_a_possessive_actor(nlp):
    text = "Russia's invasion of Ukraine began in 2022."
    invasion = _one(_events(nlp, text, timexes=[_timex(text, "2022", "2022")]), "invasion")
    assert (invasion.actor.text, invasion.target.text) == ("Russia", "Ukraine")
    assert invasion.category == "fighting" and invasion.date.value == "2022"


def test_pronoun_actor_is_resolved_by_the_shared_resolver(nlp):
    text = "Ukraine announced that it had sent troops to the border."
    send = _one(_events(nlp, text), "send")
    assert send.actor.text == "Ukraine" and send.actor.entity_id
    assert _written(text, send.actor) == "Ukraine"  # "X said it ...": the name is shown


@pytest.mark.parametrize(
    ("text", "action", "modality"),
    [
        ("Apple may cut jobs.", "cut", "possible"),
        ("Apple plans to open a store.", "open", "planned"),
        ("Apple will open a store in Paris.", "open", "planned"),
        ("The union urged Apple to raise wages.", "raise", "demanded"),
        ("Apple did not raise prices.", "raise", "negated"),
        ("Apple opened a store in Paris.", "open", "asserted"),
        ("Acme said it had sold the truck unit to Volvo.", "sell", "reported"),
    ],
)
def test_modality(nlp, text, action, modality):
    assert _one(_events(nlp, text), action).modality == modality


def test_reported_event_names_its_source_and_replaces_the_bare_statement(nlp):
    text = "The minister said that Russia had attacked Kharkiv."
    events = _events(nlp, text)
    attack = _one(events, "attack")
    assert attack.modality == "reported" and attack.source.text == "The minister"
    assert [e.action for e in events] == ["attack"]  # "said" adds nothing to a coded act


def test_planned_and_negated_codes(nlp):
    assert _one(_events(nlp, "Finland will give Tanzania a grant."), "give").cameo.code == "03"
    text = "The rebels said they would boycott the talks."
    assert _one(_events(nlp, text), "boycott").cameo.code == "13"
    text = "Hamas said Israel must allow aid into Gaza."
    assert _one(_events(nlp, text), "allow").cameo.code == "10"


def test_date_comes_from_the_event_clause_not_the_sentence(nlp):
    text = "A 2010 raid that killed Osama bin Laden was planned for months."
    kill = _one(_events(nlp, text, timexes=[_timex(text, "2010", "2010")]), "kill")
    assert kill.date.value == "2010"
    assert kill.category == "assault"  # killing a person is literal violence


def test_publication_date_is_inferred_only_with_a_dateline_and_marked(nlp):
    text = "Acme sells truck unit\nMarch 3, 2024\nAcme sold its truck unit to Volvo."
    timexes = [_timex(text, "March 3, 2024", "2024-03-03")]
    doc = nlp(text)
    mentions, clusters = extract_entities(doc)
    events = extract_events(doc, mentions, clusters, timexes, [], published="2024-03-03")
    sold = [e for e in events if e.action == "sell" and e.trigger[0] > text.index("2024")]
    assert sold and sold[0].date.inferred and sold[0].date.value == "2024-03-03"
    assert redate_events(events, timexes, published=None)[-1].date is None
    no_dateline = extract_events(doc, mentions, clusters, [], [], published="2024-03-03")
    assert all(e.date is None for e in no_dateline)


def test_repeats_of_one_happening_merge_with_every_mention(nlp):
    text = (
        "Volkswagen sold its stake in Scania on Tuesday. "
        "Volkswagen sold its stake in Scania, the company said."
    )
    sells = [e for e in _events(nlp, text) if e.action == "sell"]
    assert len(sells) == 1
    triggers = [m[2:] for m in sells[0].mentions]
    assert [text[s:e] for s, e in triggers] == ["sold", "sold"]
    assert triggers[0] != triggers[1]


def test_event_to_dict_keeps_its_keys_and_adds_the_new_ones(nlp):
    event = _one(_events(nlp, "Russia attacked Kharkiv."), "attack")
    data = Analysis(id="x", text="Russia attacked Kharkiv.", events=[event]).to_dict()
    keys = set(data["events"][0])
    assert {"start", "end", "actor", "action", "target", "place", "date", "negated"} <= keys
    assert {"cameo", "phrase", "trigger", "modality", "source", "category", "mentions"} <= keys
    assert set(data["events"][0]["actor"]) == {"text", "start", "end", "entity_id"}
    assert Analysis.from_dict(data).events[0] == event


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("The statement caused a sharp fall in the company's shares.", "cause"),
        ("The problem affected the software that controls the engines.", "affect"),
        ("This new settlement replaces the agreement between the two firms.", "replace"),
    ],
)
def test_an_abstract_subject_is_no_actor(nlp, text, action):
    for event in _events(nlp, text):
        if event.action == action:
            assert event.actor is None, event


@pytest.mark.parametrize(
    ("text", "action", "actor"),
    [
        ("The government affected the markets with its decision.", "affect", "government"),
        ("The aircraft struck the side of the hangar.", "strike", "aircraft"),
    ],
)
def test_a_doer_or_a_thing_with_an_object_keeps_its_actor(nlp, text, action, actor):
    assert actor in _text(_one(_events(nlp, text), action).actor)


def test_a_bare_plural_that_acted_once_is_an_actor_a_kind_is_not(nlp):
    riot = _one(_events(nlp, "Prisoners rioted at a jail in Dili on Monday."), "riot")
    assert _text(riot.actor) == "Prisoners"
    sold = [e for e in _events(nlp, "People who sell cars earn a commission.") if e.actor]
    assert all(e.action != "sell" for e in sold), sold


def test_a_pronoun_reported_by_its_group_points_at_the_group(nlp):
    text = "Palestinian leaders said they would boycott all official contact with Israel."
    boycott = _one(_events(nlp, text), "boycott")
    assert text[boycott.actor.start : boycott.actor.end] == "Palestinian leaders"


def test_a_passive_conjunct_does_not_make_the_subject_its_actor(nlp):
    text = "He did not say whether Smith decided to leave or was forced out."
    for event in _events(nlp, text):
        if event.action.startswith("force"):
            assert "Smith" not in _text(event.actor), event


def test_quote_lookup_by_character_agrees_with_a_scan_of_every_quote():
    import random

    from newslens.events.arguments import QuoteSpans

    rng = random.Random(7)
    spans = []
    for k in range(60):
        start = rng.randrange(0, 500)
        spans.append((start, start + rng.randrange(1, 80), None, k))
    index = QuoteSpans(spans)
    for char in range(-5, 600):
        assert index.containing(char) == [s for s in spans if s[0] <= char < s[1]]
    assert QuoteSpans([]).containing(3) == []


def test_a_headline_passive_without_its_auxiliary_makes_the_subject_its_patient(nlp):
    allowed = _events(nlp, "Boeing allowed to bid for launch contracts again")
    for event in allowed:
        if event.action == "allow":
            assert "Boeing" not in _text(event.actor), event
    text = "The rebels were allowed to leave the city."
    leave = _one(_events(nlp, text), "leave")
    assert "rebels" in _text(leave.actor)


def test_a_craft_that_flies_is_no_actor_a_traveller_is(nlp):
    for event in _events(nlp, "The aircraft flew into clear blue skies with a crew of six."):
        if event.action == "fly":
            assert event.actor is None, event
    trip = _one(_events(nlp, "The minister flew to Moscow on Monday."), "fly")
    assert "minister" in _text(trip.actor)


def test_a_place_of_the_scene_beside_an_object_is_not_the_target(nlp):
    text = "Apple chief Steve Jobs unveiled the new laptops at the Cupertino event."
    unveil = _one(_events(nlp, text), "unveil")
    assert "event" not in _text(unveil.target), unveil


def test_a_bare_participle_headline_is_passive(nlp):
    for event in _events(nlp, "First Airbus A380 delivered\n\nThe airline took the jet on Monday."):
        if event.action == "deliver":
            assert "A380" not in _text(event.actor), event


def test_an_amount_object_gives_way_to_the_thing_it_measures(nlp):
    text = "Air Canada has ordered US$ 6 billion in new airliners."
    order = _one(_events(nlp, text), "order")
    assert "airliners" in _text(order.target), order


def test_a_passive_infinitive_does_not_make_the_subject_its_actor(nlp):
    from newslens.events.arguments import arguments, cache_children, drop_children

    doc = nlp("The summit is to be held at the palace in Riyadh.")
    cache_children(doc)
    try:
        held = next(t for t in doc if t.text == "held")
        actor, patient = arguments(held)
    finally:
        drop_children(doc)
    assert actor is None and patient is not None and patient.text == "summit"


# --- what is not a happening ---------------------------------------------------------------


def test_clause_completing_a_noun_is_not_a_happening(nlp):
    text = "The rebels rejected an offer from the government to host peace talks in Geneva."
    assert [e.action for e in _events(nlp, text)] == ["reject"]
    text = "The union dismissed an appeal for ending the strike."
    assert [e.action for e in _events(nlp, text)] == ["dismiss"]
    # a concluded commitment tells what will be done
    text = "Lockheed signed a contract with the Navy to supply 40 fighter jets."
    assert _one(_events(nlp, text), "supply").actor.text == "Lockheed"
    # "has plans to buy" is "plans to buy"
    buy = _one(_events(nlp, "Turkey has plans to buy Russian missiles."), "buy")
    assert buy.actor.text == "Turkey" and buy.modality == "planned"


def test_present_participle_describing_a_noun_is_no_event(nlp):
    text = "Rebels shot down a helicopter carrying aid workers."
    assert [e.action for e in _events(nlp, text)] == ["shoot down"]


def test_statement_needs_a_speaker_and_says_no_more_than_its_coded_act(nlp):
    text = "Troops killed six people, officials said in remarks published on Sunday."
    assert [e.action for e in _events(nlp, text)] == ["kill"]
    said = _events(nlp, "Qantas said that it will buy 20 Airbus jets.")
    assert [e.action for e in said] == ["buy"]
    # an announcement is an act of its own
    announced = _events(nlp, "Qantas announced that it will buy 20 Airbus jets.")
    assert [e.action for e in announced] == ["announce", "buy"]


def test_what_a_claim_holds_is_told_by_the_claim(nlp):
    events = _events(nlp, "The rebels claim to be building rockets.")
    assert [e.action for e in events] == ["claim"]
    # a verb that asks someone else to act keeps its infinitive, as a demand
    raise_ = _one(_events(nlp, "The union urged Apple to raise wages."), "raise")
    assert raise_.modality == "demanded"


def test_the_content_of_a_demand_is_demanded_not_done(nlp):
    text = "Hamas demanded that Israel release the prisoners."
    release = _one(_events(nlp, text), "release")
    assert release.modality == "demanded" and release.actor.text == "Israel"


def test_an_object_that_names_no_participant_is_no_target(nlp):
    take = _one(_events(nlp, "The regulator took necessary measures to protect customers."), "take")
    assert take.target is None
    # a part names its whole: the end of the business is done to the business
    mark = _one(_events(nlp, "The closure marked the end of the family business."), "mark")
    assert mark.target.text == "the family business"
    # an amount the parser did not tag measures the thing after "of"
    secure = _one(_events(nlp, "Airbus secured $ 20bn of aircraft orders."), "secure")
    assert secure.target.text == "aircraft orders"


def test_a_participle_after_while_or_after_acts_with_the_main_subject(nlp):
    text = "While visiting Kyiv, the senator criticised the government."
    visit = _one(_events(nlp, text), "visit")
    assert (visit.actor.text, visit.target.text) == ("the senator", "Kyiv")


def test_an_action_by_no_one_beside_a_coded_act_by_someone_is_scenery(nlp):
    text = "The delegates held talks with the president at a dinner hosted by the embassy."
    assert [e.action for e in _events(nlp, text)] == ["hold"]
    # alone in its sentence it is still told
    kill = _one(_events(nlp, "A bombing killed two soldiers."), "kill")
    assert kill.actor is None and kill.target.text == "two soldiers"


def test_an_event_noun_that_another_event_is_done_to_is_its_object(nlp):
    events = _events(nlp, "Israel agreed to US mediation in the talks.")
    assert [(e.action, _text(e.target)) for e in events] == [("agree", "US mediation")]


def test_an_uncoded_purpose_is_an_aim_told_only_when_nothing_was_done(nlp):
    events = _events(nlp, "The farmers blocked roads to press their demands.")
    assert [e.action for e in events] == ["block"]
    alone = _one(_events(nlp, "The army stayed on alert to forestall more violence."), "forestall")
    assert alone.actor.text == "The army"


def test_headline_object_with_a_participle_modifier(nlp):
    text = (
        "Samsung unveils new AI-powered phone\nMarch 3 , 2024\n"
        "Samsung Electronics said on Monday it would ship the phone in April ."
    )
    unveil = _one(_events(nlp, text), "unveil")
    assert unveil.target.text == "new AI-powered phone"


def test_what_takes_place_has_no_actor(nlp):
    # an occurrence: the launch happened, nobody "took" anything
    assert _events(nlp, "The launch took place at the Kennedy Space Center.") == []


def test_a_happening_as_subject_is_no_doer(nlp):
    text = "The order has given a boost to the struggling airshow."
    assert _one(_events(nlp, text), "give").actor is None
    give = _one(_events(nlp, "The company has given a boost to the struggling airshow."), "give")
    assert give.actor.text == "The company"
