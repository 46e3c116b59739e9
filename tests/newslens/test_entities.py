"""Entity mentions and clusters, on the seed article and on small hand-written sentences."""

from __future__ import annotations

import pytest

from newslens.entities import extract_entities


@pytest.fixture(scope="module")
def seed_entities(nlp, seed_text):
    return extract_entities(nlp(seed_text))


def _entities(nlp, text: str):
    mentions, clusters = extract_entities(nlp(text))
    return mentions, clusters


def _cluster_of(mentions, clusters, surface: str):
    """The cluster of the first mention whose text contains `surface`."""
    mention = next(m for m in mentions if surface in m.text)
    return next(c for c in clusters if c.id == mention.entity_id)


def _word_positions(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


# ---------------------------------------------------------------- seed article


def test_seed_every_trump_mention_is_a_person_in_the_donald_trump_cluster(seed_entities, seed_text):
    mentions, clusters = seed_entities
    trump = [m for m in mentions if "Trump" in m.text]
    # Every "Trump" in the text is covered by a mention.
    for pos in _word_positions(seed_text, "Trump"):
        assert any(m.start <= pos < m.end for m in trump), seed_text[pos - 30 : pos + 10]
    assert {m.label for m in trump} == {"PERSON"}
    assert len({m.entity_id for m in trump}) == 1
    cluster = _cluster_of(mentions, clusters, "Trump")
    assert cluster.name == "Donald Trump"
    assert cluster.label == "PERSON"


def test_seed_putin_zelensky_clusters(seed_entities, seed_text):
    mentions, clusters = seed_entities
    for surname, full in (("Putin", "Vladimir Putin"), ("Zelensky", "Volodymyr Zelensky")):
        covering = [m for m in mentions if surname in m.text]
        assert len(covering) == len(_word_positions(seed_text, surname))
        assert len({m.entity_id for m in covering}) == 1
        cluster = _cluster_of(mentions, clusters, surname)
        assert cluster.name == full and cluster.label == "PERSON"
    # "Putin's foreign policy advisor" joins Putin without its possessive.
    possessive = seed_text.index("Putin’s")
    m = next(m for m in mentions if m.start <= possessive < m.end)
    assert m.text == "Putin"


def test_seed_shouted_end_is_dropped(seed_entities, seed_text):
    mentions, _ = seed_entities
    end = seed_text.index("END")
    assert not any(m.start <= end < m.end for m in mentions)


def test_seed_moscow_and_russia_stay_apart(seed_entities):
    mentions, clusters = seed_entities
    assert _cluster_of(mentions, clusters, "Moscow") is not _cluster_of(
        mentions, clusters, "Russia"
    )


def test_seed_offsets_and_clusters_are_consistent(seed_entities, seed_text):
    mentions, clusters = seed_entities
    by_id = {c.id: c for c in clusters}
    assert len(by_id) == len(clusters)
    spans = set()
    for m in mentions:
        assert seed_text[m.start : m.end] == m.text
        assert m.text == m.text.strip() and m.text
        assert m.label == by_id[m.entity_id].label
        assert [m.start, m.end] in by_id[m.entity_id].mentions
        spans.add((m.start, m.end))
    assert sum(len(c.mentions) for c in clusters) == len(mentions) == len(spans)
    assert mentions == sorted(mentions, key=lambda m: m.start)
    # Mentions never overlap (the renderer lights them one by one).
    for a, b in zip(mentions, mentions[1:], strict=False):
        assert a.end <= b.start


# ---------------------------------------------------------------- clustering rules


def test_surname_and_first_name_join_the_full_name(nlp):
    text = (
        "Angela Merkel met Emmanuel Macron in Berlin on Monday. "
        "Merkel said the talks went well, and Macron agreed. Later Angela spoke to reporters."
    )
    mentions, clusters = _entities(nlp, text)
    merkel = _cluster_of(mentions, clusters, "Merkel")
    macron = _cluster_of(mentions, clusters, "Macron")
    assert merkel is not macron
    assert merkel.name == "Angela Merkel" and merkel.label == "PERSON"
    merkel_texts = sorted(text[s:e] for s, e in merkel.mentions)
    assert "Merkel" in merkel_texts and "Angela Merkel" in merkel_texts
    assert len(macron.mentions) == 2


def test_two_people_with_one_surname_are_not_merged_by_full_name(nlp):
    text = "George Bush and Laura Bush arrived in Texas. George Bush spoke first."
    mentions, clusters = _entities(nlp, text)
    ids = {m.text.replace("President ", ""): m.entity_id for m in mentions if "Bush" in m.text}
    assert ids["George Bush"] != ids["Laura Bush"]


def test_acronym_joins_the_organisation_it_abbreviates(nlp):
    text = (
        "The World Health Organization issued a warning on Tuesday. "
        "A WHO spokesman said the World Health Organization would meet again. "
        "Officials at the North Atlantic Treaty Organization disagreed, and NATO said so."
    )
    mentions, clusters = _entities(nlp, text)
    nato = _cluster_of(mentions, clusters, "North Atlantic")
    assert any(text[s:e] == "NATO" for s, e in nato.mentions)
    assert nato.name == "North Atlantic Treaty Organization"


def test_a_word_of_a_name_is_not_its_acronym(nlp):
    text = "The US Senate voted on Monday. The US economy grew, and the Senate adjourned."
    mentions, clusters = _entities(nlp, text)
    us = [m for m in mentions if m.text in ("US", "the US")]
    senate = _cluster_of(mentions, clusters, "Senate")
    assert all(m.entity_id != senate.id for m in us)


def test_country_aliases_share_a_cluster(nlp):
    text = (
        "The United States imposed tariffs on Canada. "
        "The U.S. said more would follow, and the US Treasury agreed."
    )
    mentions, clusters = _entities(nlp, text)
    usa = _cluster_of(mentions, clusters, "United States")
    texts = {text[s:e] for s, e in usa.mentions}
    assert any("U.S." in t for t in texts)
    assert usa.name == "United States"


def test_possessive_and_determiner_are_kept_out_of_the_name(nlp):
    text = "The Pentagon said on Friday that it would review the Pentagon's budget."
    mentions, clusters = _entities(nlp, text)
    pentagon = _cluster_of(mentions, clusters, "Pentagon")
    assert pentagon.name == "Pentagon"
    for s, e in pentagon.mentions:
        assert not text[s:e].endswith("'s")
    # The determiner of the name itself is part of the mention, as news corpora mark it.
    assert [0, len("The Pentagon")] in pentagon.mentions


def test_cluster_label_follows_the_full_name(nlp):
    text = (
        "Elon Musk announced a new factory in Texas. "
        "Musk told investors that Musk would fund it himself."
    )
    mentions, clusters = _entities(nlp, text)
    musk = _cluster_of(mentions, clusters, "Musk")
    assert musk.label == "PERSON"
    assert len(musk.mentions) == 3
    assert all(m.label == "PERSON" for m in mentions if m.entity_id == musk.id)


# ---------------------------------------------------------------- false positives


def test_shouted_common_words_are_dropped_but_acronyms_kept(nlp):
    text = (
        "The company promised an END to the delays, the CEO said. "
        "NASA and the FBI said they would STOP the investigation."
    )
    mentions, _ = _entities(nlp, text)
    texts = {m.text for m in mentions}
    assert "END" not in texts and "STOP" not in texts
    assert "NASA" in texts


def _with_ents(nlp, text: str, ents: list[tuple]):
    """Parse `text`, then replace spaCy's entities by `ents`: (surface, label) pairs, or
    (surface, label, search_from) for a later occurrence."""
    doc = nlp(text)
    spans = []
    for surface, label, *search_from in ents:
        start = text.index(surface, *search_from)
        spans.append(doc.char_span(start, start + len(surface), label=label))
    doc.ents = spans
    return doc


def test_numbers_and_currency_codes_are_not_entities(nlp):
    text = "The screen is 320x240 pixels and the deal was worth USD 40 million to Acme Corp."
    doc = _with_ents(nlp, text, [("320x240", "ORG"), ("USD", "ORG"), ("Acme Corp.", "ORG")])
    mentions, _ = extract_entities(doc)
    assert [m.text for m in mentions] == ["Acme Corp."]


def test_person_title_is_part_of_the_mention_but_not_the_name(nlp):
    text = "Senator John McCain spoke first. Apple CEO Tim Cook spoke second."
    doc = _with_ents(
        nlp, text, [("John McCain", "PERSON"), ("Apple", "ORG"), ("Tim Cook", "PERSON")]
    )
    mentions, clusters = extract_entities(doc)
    texts = [m.text for m in mentions]
    assert "Senator John McCain" in texts
    # A role qualified by its organisation stays out of the person's mention.
    assert "Tim Cook" in texts
    assert {c.name for c in clusters} >= {"John McCain", "Tim Cook"}


def test_a_countrys_title_goes_with_the_person(seed_entities):
    mentions, _ = seed_entities
    texts = {m.text for m in mentions}
    # "US President Donald Trump", "Russian President Vladimir Putin"
    assert {"President Donald Trump", "President Vladimir Putin"} <= texts
    assert "US" in texts


def test_missed_surname_is_added_to_the_person(nlp):
    text = (
        "Apple chief executive Steve Jobs opened the conference in San Francisco. "
        "Jobs welcomed everyone to the show."
    )
    mentions, clusters = _entities(nlp, text)
    jobs = _cluster_of(mentions, clusters, "Steve Jobs")
    second = text.index("Jobs welcomed")
    assert [second, second + len("Jobs")] in jobs.mentions


def test_empty_and_entity_free_texts(nlp):
    assert extract_entities(nlp("")) == ([], [])
    assert extract_entities(nlp("it was raining and nothing happened.")) == ([], [])


def test_quote_marks_and_articles_before_a_name_are_trimmed(nlp):
    text = "Jobs said that the “Lion” release of OS X will ship next summer."
    doc = _with_ents(nlp, text, [("the “Lion", "ORG"), ("OS X", "ORG")])
    mentions, _ = extract_entities(doc)
    assert [m.text for m in mentions][:1] == ["Lion"]


def test_short_forms_of_organisation_names(nlp):
    text = (
        "The US Senate passed the bill, and the Senate will vote again. Lockheed Martin "
        "won the contract; Lockheed said so. The White House said the House must act."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("US Senate", "ORG"),
            ("Senate", "ORG", text.index("and the")),
            ("Lockheed Martin", "ORG"),
            ("Lockheed", "ORG", text.index("contract")),
            ("White House", "ORG"),
            ("House", "ORG", text.index("said the")),
        ],
    )
    mentions, clusters = extract_entities(doc)
    by_text = {m.text: m.entity_id for m in mentions}
    assert by_text["the Senate"] == by_text["The US Senate"]  # after a country
    assert by_text["Lockheed"] == by_text["Lockheed Martin"]  # first word of a short name
    assert by_text["the House"] != by_text["The White House"]  # not after a country


def test_headline_capitals_do_not_name_a_cluster(nlp):
    text = (
        "Black Lawmakers Rip Donald Trump Over Remarks\n"
        "Members of Congress criticised Donald Trump on Friday. Trump did not reply."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("Rip Donald Trump", "PERSON"),
            ("Congress", "ORG"),
            ("Donald Trump", "PERSON", text.index("criticised")),
            ("Trump", "PERSON", text.index("Friday")),
        ],
    )
    mentions, clusters = extract_entities(doc)
    # The headline's capitalised verb is cut off the name (issue #16).
    assert mentions[0].text == "Donald Trump" and mentions[0].start == text.index("Donald")
    trump = _cluster_of(mentions, clusters, "Donald Trump")
    assert len(trump.mentions) == 3
    assert trump.name == "Donald Trump"


def test_lower_case_words_are_not_names(nlp):
    text = "The Islamic State lost ground, and the state said it would rebuild."
    doc = _with_ents(nlp, text, [("Islamic State", "ORG"), ("state", "ORG", 20)])
    mentions, _ = extract_entities(doc)
    assert [m.text for m in mentions] == ["The Islamic State"]


def test_a_shared_surname_goes_to_the_person_introduced_first(nlp):
    text = (
        "Hillary Clinton spoke in Ohio on Monday. Her daughter Chelsea Clinton joined her "
        "later. Clinton told the crowd that the election was close."
    )
    mentions, clusters = _entities(nlp, text)
    bare = text.index("Clinton told")
    mention = next(m for m in mentions if m.start <= bare < m.end)
    cluster = next(c for c in clusters if c.id == mention.entity_id)
    assert cluster.name == "Hillary Clinton"


def test_a_name_after_a_person_only_title_is_a_person(nlp):
    text = "Spokeswoman Sandy Angers said the plant would stay open. Angers declined to add more."
    doc = _with_ents(
        nlp, text, [("Spokeswoman Sandy Angers", "ORG"), ("Angers", "ORG", text.index("open"))]
    )
    mentions, clusters = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [
        ("Spokeswoman Sandy Angers", "PERSON"),
        ("Angers", "PERSON"),
    ]
    assert len(clusters) == 1 and clusters[0].name == "Sandy Angers"


# ---------------------------------------------------------------- span repairs (issue #16)


def test_editorial_brackets_keep_the_name_whole(nlp):
    text = '"[Russian President Vladimir] Putin is right," he said. Putin agreed.'
    doc = _with_ents(nlp, text, [("Russian", "NORP"), ("Vladimir] Putin", "PERSON")])
    doc2 = _with_ents(nlp, text, [("Russian", "NORP"), ("Putin", "PERSON")])
    for mentions, clusters in (extract_entities(doc), extract_entities(doc2)):
        first = mentions[0]
        assert first.text == "[Russian President Vladimir] Putin"
        assert first.label == "PERSON"
        cluster = next(c for c in clusters if c.id == first.entity_id)
        assert cluster.name in ("Vladimir Putin", "Putin")
    # With spaCy's own span, the name is "Vladimir Putin", brackets dropped.
    assert extract_entities(doc)[1][0].name == "Vladimir Putin"


def test_a_bracketed_first_name_joins_the_surname(nlp):
    text = '"Secretary [Hillary] Clinton has gone too far," he said of Clinton.'
    doc = _with_ents(nlp, text, [("Clinton", "PERSON"), ("Clinton", "PERSON", 40)])
    mentions, clusters = extract_entities(doc)
    assert [m.text for m in mentions] == ["Secretary [Hillary] Clinton", "Clinton"]
    assert len(clusters) == 1 and clusters[0].name == "Hillary Clinton"


def test_a_dateline_is_split_from_the_name_after_it(nlp):
    text = "DETROIT - Chrysler said on Monday that it had sued Wal - Mart over a lease."
    doc = _with_ents(nlp, text, [("DETROIT - Chrysler", "ORG"), ("Wal - Mart", "ORG")])
    mentions, _ = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [
        ("DETROIT", "GPE"),
        ("Chrysler", "ORG"),
        # Text rebuilt from tokens writes a hyphenated name with spaces: it stays whole.
        ("Wal - Mart", "ORG"),
    ]


# ---------------------------------------------------------------- false positives (issue #16)


def test_time_zones_and_currency_codes_are_not_organisations(nlp):
    text = "Trading opens at 0800 UTC and at 9 a.m. ET; the fee is $ 99 ( USD ) for Acme Corp."
    doc = _with_ents(
        nlp, text, [("UTC", "ORG"), ("ET", "ORG"), ("USD", "ORG"), ("Acme Corp.", "ORG")]
    )
    mentions, _ = extract_entities(doc)
    assert [m.text for m in mentions] == ["Acme Corp."]


def test_a_surname_used_as_a_verb_is_no_entity(nlp):
    text = "Republicans said they had been Warrened again by the senator."
    doc = _with_ents(nlp, text, [("Republicans", "NORP"), ("Warrened", "NORP")])
    mentions, _ = extract_entities(doc)
    assert [m.text for m in mentions] == ["Republicans"]


# ---------------------------------------------------------------- acronyms and forms (issue #16)


def test_an_acronym_defined_in_parentheses_joins_its_organisation(nlp):
    text = (
        "The Securities and Exchange Commission (SEC) opened an inquiry on Monday. "
        "The SEC said it would report in May, and SEC officials agreed."
    )
    mentions, clusters = _entities(nlp, text)
    sec = _cluster_of(mentions, clusters, "Securities")
    assert sec.label == "ORG"
    texts = sorted(text[s:e] for s, e in sec.mentions)
    # "SEC" is also an English adjective ("dry"): defined here, it is kept every time.
    assert texts.count("SEC") == 2 and "The SEC" in texts
    assert len(sec.mentions) == 4


def test_the_acronym_rule_reads_letters_in_order():
    from newslens.entities.acronyms import abbreviates

    assert abbreviates("SEC", "Securities and Exchange Commission")
    assert abbreviates("SIA", "Singapore Airlines")
    assert abbreviates("U.N.", "United Nations")
    assert not abbreviates("AP", "WASHINGTON")
    assert not abbreviates("NRA", "Federal Bureau of Investigation")


def test_a_ticker_in_parentheses_is_no_acronym(nlp):
    text = "Shares of JPMorgan Chase & Co (JPM.N) lost 5 percent, and JPM.N fell again."
    mentions, _ = _entities(nlp, text)
    assert [m.text for m in mentions] == ["JPMorgan Chase & Co"]


def test_nationality_forms_share_a_cluster(nlp):
    text = (
        "Russian troops advanced, and the Russians said so. "
        "A Democrat objected and Democrats walked out of the Democratic caucus."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("Russian", "NORP"),
            ("Russians", "NORP"),
            ("Democrat", "NORP"),
            ("Democrats", "NORP"),
            ("Democratic", "NORP"),
        ],
    )
    mentions, clusters = extract_entities(doc)
    ids = {m.text.removeprefix("the "): m.entity_id for m in mentions}
    assert ids["Russian"] == ids["Russians"]
    assert ids["Democrat"] == ids["Democrats"] == ids["Democratic"]
    assert ids["Russian"] != ids["Democrat"]


def test_the_senate_is_not_one_of_its_committees(nlp):
    text = "The Senate Banking Committee met on Tuesday. The Senate then voted on the bill."
    doc = _with_ents(nlp, text, [("Senate Banking Committee", "ORG"), ("Senate", "ORG", 30)])
    mentions, clusters = extract_entities(doc)
    assert len(clusters) == 2
    assert {c.name for c in clusters} == {"Senate Banking Committee", "Senate"}


def test_a_company_tagged_person_in_a_headline_joins_the_company(nlp):
    text = (
        "Ford Sues Chrysler Over Patent Rights\n"
        "Ford Motor Co. said on Monday it had sued Chrysler LLC in Detroit."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("Ford", "PERSON"),
            ("Chrysler", "PERSON"),
            ("Ford Motor Co.", "ORG"),
            ("Chrysler LLC", "ORG"),
            ("Detroit", "GPE"),
        ],
    )
    mentions, clusters = extract_entities(doc)
    by_text = {m.text: m for m in mentions}
    assert by_text["Ford"].entity_id == by_text["Ford Motor Co."].entity_id
    assert by_text["Chrysler"].entity_id == by_text["Chrysler LLC"].entity_id
    assert by_text["Ford"].label == by_text["Chrysler"].label == "ORG"


def test_a_person_named_with_first_name_keeps_the_person_label(nlp):
    # The headline rule must not pull a surname away from a person who has one.
    text = "Ford Praises Workers\nBill Ford said on Monday that Ford Motor Co. would hire."
    doc = _with_ents(
        nlp, text, [("Ford", "PERSON"), ("Bill Ford", "PERSON"), ("Ford Motor Co.", "ORG")]
    )
    mentions, _ = extract_entities(doc)
    assert mentions[0].text == "Ford" and mentions[0].label == "PERSON"


# ---------------------------------------------------------------- labels from context (issue #16)


def test_an_organisations_descriptor_or_role_makes_it_an_organisation(nlp):
    text = (
        "The engine maker Europrop blamed a software fault. "
        "Ryanair CEO Michael Leary said Ryanair would wait, and an analyst at Kepler agreed."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("Europrop", "PERSON"),
            ("Ryanair", "PERSON"),
            ("Michael Leary", "PERSON"),
            ("Ryanair", "PERSON", 70),
            ("Kepler", "PERSON"),
        ],
    )
    mentions, _ = extract_entities(doc)
    labels = {m.text: m.label for m in mentions}
    # The descriptor is part of the mention, as news corpora mark it.
    assert labels == {
        "The engine maker Europrop": "ORG",
        "Ryanair": "ORG",
        "Michael Leary": "PERSON",
        "Kepler": "ORG",
    }


def test_a_band_with_its_article_is_an_organisation_but_a_family_is_not(nlp):
    text = "The Beatles sued Apple. Bill Clinton and Hillary Clinton arrived; the Clintons left."
    doc = _with_ents(
        nlp,
        text,
        [
            ("Beatles", "PERSON"),
            ("Apple", "ORG"),
            ("Bill Clinton", "PERSON"),
            ("Hillary Clinton", "PERSON"),
            ("Clintons", "PERSON"),
        ],
    )
    labels = {m.text: m.label for m in extract_entities(doc)[0]}
    assert labels["The Beatles"] == "ORG"
    assert labels["Clintons"] == "PERSON"


def test_a_conference_is_an_event(nlp):
    text = "Apple spoke at the Worldwide Developers Conference in San Francisco."
    doc = _with_ents(
        nlp,
        text,
        [("Apple", "ORG"), ("Worldwide Developers Conference", "ORG"), ("San Francisco", "GPE")],
    )
    labels = {m.text: m.label for m in extract_entities(doc)[0]}
    assert labels["Worldwide Developers Conference"] == "EVENT"


# ---------------------------------------------------------------- independence of the pipeline


SHOUTING_TEXT = (
    "The company promised an END to the delays, the CEO said. The Securities and Exchange "
    "Commission (SEC) disagreed, and NASA said the SEC would STOP the review."
)


def test_entities_do_not_depend_on_the_pipeline_object(nlp):
    """A pipeline loaded without newslens.nlp.load_nlp (issue #10) gives the same entities."""
    import spacy

    other = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    assert other is not nlp
    ours = extract_entities(nlp(SHOUTING_TEXT))
    theirs = extract_entities(other(SHOUTING_TEXT))
    assert ours == theirs
    texts = {m.text for m in ours[0]}
    assert "END" not in texts and "STOP" not in texts
    assert {"NASA", "SEC"} <= texts


def test_a_pipeline_without_a_lemmatizer_still_drops_shouted_words():
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    doc = blank("The company promised an END to the delays, and NASA agreed.")
    doc.ents = [
        doc.char_span(doc.text.index("END"), doc.text.index("END") + 3, label="ORG"),
        doc.char_span(doc.text.index("NASA"), doc.text.index("NASA") + 4, label="ORG"),
    ]
    mentions, _ = extract_entities(doc)
    assert [m.text for m in mentions] == ["NASA"]


def test_the_shipped_common_words_are_the_lemmatizers_index(nlp):
    from newslens.entities.words import common_words

    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    expected = {
        w
        for pos in ("verb", "adj", "adv")
        for w in table[pos]
        if "_" not in w and len(w) >= 3 and w.isalpha()
    }
    assert common_words() == expected


def test_a_town_and_its_state_are_one_place_but_a_list_is_not(nlp):
    text = (
        "The plane landed in Bangkok, Thailand after a delay. He visited France, Germany "
        "and Italy. In Bangkok, people cheered."
    )
    mentions, clusters = _entities(nlp, text)
    texts = [m.text for m in mentions]
    assert "Bangkok, Thailand" in texts
    assert {"France", "Germany", "Italy"} <= set(texts)
    bangkok = _cluster_of(mentions, clusters, "Bangkok, Thailand")
    assert len(bangkok.mentions) == 2  # the bare town joins the town with its state


def test_the_sentence_says_when_a_person_is_a_company(nlp):
    text = (
        "General Motors said it would sell Hummer, and Opel would be sold to Magna. "
        "Shares of Fannie Mae fell. Douglas Aircraft was merged into Boeing."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("General Motors", "ORG"),
            ("Hummer", "PERSON"),
            ("Opel", "ORG"),
            ("Magna", "PERSON"),
            ("Fannie Mae", "PERSON"),
            ("Douglas Aircraft", "PERSON"),
            ("Boeing", "ORG"),
        ],
    )
    labels = {m.text: m.label for m in extract_entities(doc)[0]}
    assert labels == {
        "General Motors": "ORG",
        "Hummer": "ORG",
        "Opel": "ORG",
        "Magna": "ORG",
        "Fannie Mae": "ORG",
        "Douglas Aircraft": "ORG",
        "Boeing": "ORG",
    }


def test_a_person_stays_a_person_beside_an_organisations_words(nlp):
    # "rival", "spokesman" and "Trump administration" say nothing against a person.
    text = (
        "Clinton's rival Donald Trump spoke. Trump spokesman Sean Spicer said the Trump "
        "administration would act."
    )
    mentions, _ = _entities(nlp, text)
    trump = [m for m in mentions if "Trump" in m.text]
    assert trump and {m.label for m in trump} == {"PERSON"}


def test_a_makers_name_before_a_model_is_a_product(nlp):
    text = (
        "The new Airbus A380 and a Boeing 787-8 flew on Monday. "
        "Boeing said Airbus lost 320 million in 2008."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("Airbus", "ORG"),
            ("Boeing", "ORG"),
            ("Boeing", "ORG", 40),
            ("Airbus", "ORG", 60),
        ],
    )
    mentions, _ = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [
        ("Airbus A380", "PRODUCT"),
        ("Boeing 787-8", "PRODUCT"),
        ("Boeing", "ORG"),
        ("Airbus", "ORG"),  # an amount after the name is no model
    ]


def test_the_eu_is_a_place_and_a_show_is_an_event(nlp):
    text = "The European Union fined Apple, and the EU said so at the Paris Air Show."
    doc = _with_ents(
        nlp,
        text,
        [("European Union", "ORG"), ("Apple", "ORG"), ("EU", "ORG"), ("Paris Air Show", "GPE")],
    )
    mentions, clusters = extract_entities(doc)
    labels = {m.text: m.label for m in mentions}
    assert labels["The European Union"] == labels["the EU"] == "GPE"
    assert labels["Paris Air Show"] == "EVENT"
    eu = _cluster_of(mentions, clusters, "European Union")
    assert len(eu.mentions) == 2


def test_a_capitalised_common_word_or_a_lone_title_is_no_person(nlp):
    text = "Exit polls showed a close race. Sec. Clinton posted on Twitter that she won."
    doc = _with_ents(
        nlp,
        text,
        [("Exit", "PERSON"), ("Sec", "PERSON"), ("Clinton", "PERSON"), ("Twitter", "PERSON")],
    )
    labels = {m.text: m.label for m in extract_entities(doc)[0]}
    assert labels == {"Clinton": "PERSON", "Twitter": "ORG"}


def test_a_possessive_that_owns_nothing_is_part_of_the_name(nlp):
    text = "Moody 's said it would cut the rating . Moody added that Apple 's sales rose ."
    doc = _with_ents(nlp, text, [("Moody 's", "ORG"), ("Moody", "ORG", 30), ("Apple 's", "ORG")])
    mentions, clusters = extract_entities(doc)
    assert [m.text for m in mentions] == ["Moody 's", "Moody", "Apple"]
    assert mentions[0].entity_id == mentions[1].entity_id


def test_a_companys_legal_form_is_part_of_its_name(nlp):
    text = "Chrysler LLC said on Monday that Chrysler would merge with Fiat SpA by June."
    doc = _with_ents(
        nlp, text, [("Chrysler", "ORG"), ("LLC", "ORG"), ("Chrysler", "ORG", 20), ("Fiat", "ORG")]
    )
    mentions, clusters = extract_entities(doc)
    assert [m.text for m in mentions] == ["Chrysler LLC", "Chrysler", "Fiat SpA"]
    assert mentions[0].entity_id == mentions[1].entity_id


def test_a_surname_with_an_apostrophe_written_apart_is_one_name(nlp):
    # Text rebuilt from tokens writes "O'Leary" as "O' Leary".
    text = "Ryanair CEO , Michael O' Leary , justified his choice . O' Leary said so ."
    doc = _with_ents(
        nlp,
        text,
        [("Ryanair", "ORG"), ("Michael O'", "PERSON"), ("Leary", "GPE"), ("Leary", "PERSON", 50)],
    )
    mentions, clusters = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [
        ("Ryanair", "ORG"),
        ("Michael O' Leary", "PERSON"),
        ("O' Leary", "PERSON"),
    ]
    assert mentions[1].entity_id == mentions[2].entity_id


def test_a_word_cut_from_a_company_name_joins_it(nlp):
    text = "The contract went to Lockheed Martin , not to Boeing ; Lockheed said so ."
    doc = _with_ents(
        nlp,
        text,
        [("Lockheed", "ORG"), ("Martin", "PRODUCT"), ("Boeing", "ORG"), ("Lockheed", "ORG", 40)],
    )
    mentions, _ = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [
        ("Lockheed Martin", "ORG"),
        ("Boeing", "ORG"),
        ("Lockheed", "ORG"),
    ]
    assert mentions[0].entity_id == mentions[2].entity_id


def test_a_headlines_capitalised_verbs_are_cut_from_its_names(nlp):
    text = (
        "Obama Names Henderson As GM Chief Executive Officer\n"
        "President Barack Obama named Fritz Henderson to run GM on Monday. "
        "Sales fell at GM."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("Obama Names Henderson", "PERSON"),
            ("GM", "ORG"),
            ("Barack Obama", "PERSON"),
            ("Fritz Henderson", "PERSON"),
            ("GM", "ORG", 60),
            ("GM", "ORG", 110),
        ],
    )
    mentions, clusters = extract_entities(doc)
    texts = [m.text for m in mentions]
    assert texts[:3] == ["Obama", "Henderson", "GM"]
    assert mentions[0].entity_id == mentions[3].entity_id  # Obama, President Barack Obama
    assert {c.name for c in clusters} == {"Barack Obama", "Fritz Henderson", "GM"}


def test_a_name_after_a_persons_title_is_a_person_and_keeps_its_surname(nlp):
    text = (
        "The German chancellor Olaf Scholz met President Emmanuel Macron in Paris. "
        "Scholz told reporters he was glad to be in Washington. Washington agreed."
    )
    doc = _with_ents(
        nlp,
        text,
        [
            ("Olaf Scholz", "ORG"),
            ("Emmanuel Macron", "PERSON"),
            ("Paris", "GPE"),
            ("Scholz", "GPE", 70),
            ("Washington", "GPE"),
            ("Washington", "GPE", text.index("agreed") - 12),
        ],
    )
    mentions, clusters = extract_entities(doc)
    by_text = {}
    for m in mentions:
        by_text.setdefault(m.text, []).append(m)
    scholz = by_text["Olaf Scholz"][0]
    assert scholz.label == "PERSON"
    # The surname spaCy called a place joins the person; "in Washington" stays a place.
    assert by_text["Scholz"][0].entity_id == scholz.entity_id
    assert {m.label for m in by_text["Washington"]} == {"GPE"}


def test_a_persons_name_ends_at_its_possessive(nlp):
    text = "In Donald Trump's America, Donald Trump said, the middle class wins."
    doc = _with_ents(
        nlp, text, [("Donald Trump's America", "PERSON"), ("Donald Trump", "PERSON", 20)]
    )
    mentions, clusters = extract_entities(doc)
    assert [m.text for m in mentions] == ["Donald Trump", "Donald Trump"]
    assert len(clusters) == 1


def test_a_lone_legal_form_takes_the_name_before_it(nlp):
    text = "DETROIT - Chrysler LLC said on Monday that LLC rules apply."
    doc = _with_ents(nlp, text, [("LLC", "ORG"), ("LLC", "ORG", 30)])
    mentions, _ = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [("Chrysler LLC", "ORG")]


# -------------------------------------------------- unseen-text kinds, real spaCy output


def test_a_headline_spacy_swallowed_into_a_name_is_cut_at_its_verbs(nlp):
    # spaCy's own entities here: "Henderson Named" ORG, "Chrysler Wins Court Approval" ORG.
    text = (
        "Henderson Named GM Chief\n"
        "Fritz Henderson was named chief executive of General Motors on Monday. "
        "Henderson said GM would survive.\n\n"
        "Chrysler Wins Court Approval for Sale\n"
        "Chrysler LLC won approval on Monday to sell its assets to Fiat SpA, a judge said."
    )
    mentions, clusters = _entities(nlp, text)
    by_text = {m.text: m for m in mentions}
    assert "Henderson Named" not in by_text and "Chrysler Wins Court Approval" not in by_text
    first = mentions[0]
    assert (first.text, first.label) == ("Henderson", "PERSON")
    assert first.entity_id == by_text["Fritz Henderson"].entity_id
    assert by_text["Chrysler"].entity_id == by_text["Chrysler LLC"].entity_id


def test_a_byline_is_no_headline(nlp):
    text = "By John Smith and Jane Doe\nJohn Smith reported that the company grew."
    mentions, _ = _entities(nlp, text)
    assert mentions[0].text == "John Smith" and mentions[0].label == "PERSON"


def test_a_company_is_named_by_the_first_words_before_its_legal_form(nlp):
    text = (
        "Lehman Brothers Holdings Inc. filed for bankruptcy on Monday. Lehman had 25,000 "
        "employees, and Goldman Sachs Group Inc. said Goldman Sachs would hire some."
    )
    mentions, clusters = _entities(nlp, text)
    ids = {}
    for m in mentions:
        ids.setdefault(m.text, set()).add(m.entity_id)
    assert ids["Lehman"] == ids["Lehman Brothers Holdings Inc."]
    assert ids["Goldman Sachs"] == ids["Goldman Sachs Group Inc."]
    assert ids["Lehman"] != ids["Goldman Sachs"]


def test_a_company_spacy_calls_a_place_joins_its_full_name(nlp):
    # spaCy: "Cisco" GPE in the first line, ORG in the last sentence.
    text = (
        "Cisco sues Apple over iPhone name\n"
        "Cisco Systems filed a lawsuit against Apple on Wednesday. Cisco said Apple knew "
        "of the trademark. China Eastern Airlines flies to China."
    )
    mentions, _ = _entities(nlp, text)
    cisco = [m for m in mentions if m.text.startswith("Cisco")]
    assert len(cisco) == 3
    assert {m.label for m in cisco} == {"ORG"} and len({m.entity_id for m in cisco}) == 1
    china = [m for m in mentions if m.text == "China"]
    assert china and all(m.label == "GPE" for m in china)


def test_a_town_spacy_calls_a_person_is_a_place_inside_a_place(nlp):
    # spaCy: "Toulouse" PERSON.
    text = "The plane took off from Toulouse in France and landed in Hamburg, Germany."
    mentions, _ = _entities(nlp, text)
    by_text = {m.text: m.label for m in mentions}
    assert by_text["Toulouse"] == "GPE"
    # A person after "to" stays a person.
    text = "The letter went to Smith in the morning, and Smith replied."
    mentions, _ = _entities(nlp, text)
    assert all(m.label == "PERSON" for m in mentions if "Smith" in m.text)


def test_unseen_time_zones_and_name_verbs_are_not_entities(nlp):
    # spaCy: "GMT" and "BST" ORG, "Warrened" ORG.
    text = (
        "The report lands at 1400 GMT and trading in London ends at 1630 BST. "
        "One aide said the nominee was Warrened."
    )
    mentions, _ = _entities(nlp, text)
    assert [m.text for m in mentions] == ["London"]


def test_a_companys_acronym_may_leave_out_its_legal_form(nlp):
    text = "General Motors Corp. filed for bankruptcy. GM said Opel would be sold."
    mentions, _ = _entities(nlp, text)
    by_text = {m.text: m for m in mentions}
    assert by_text["GM"].entity_id == by_text["General Motors Corp."].entity_id


def test_a_name_after_an_organisations_descriptor_makes_its_cluster_a_company(nlp):
    # spaCy calls every "Koenigsegg" a PERSON.
    text = (
        "GM would sell Saab to a group led by sports car maker Koenigsegg. "
        "Koenigsegg is based in Sweden, and Koenigsegg said so."
    )
    mentions, _ = _entities(nlp, text)
    koenigsegg = [m for m in mentions if "Koenigsegg" in m.text]
    assert len(koenigsegg) == 3 and {m.label for m in koenigsegg} == {"ORG"}


def test_a_company_name_before_a_product_noun_names_the_product(nlp):
    text = (
        "Toyota recalled 2 million Toyota vehicles on Tuesday. Toyota Motor Corp. said the "
        "Toyota sedans were safe, and Toyota shares rose."
    )
    mentions, clusters = _entities(nlp, text)
    company = _cluster_of(mentions, clusters, "Toyota Motor Corp.")
    assert company.label == "ORG"
    products = [m for m in mentions if m.label == "PRODUCT"]
    # "Toyota vehicles", "Toyota sedans": the brand, outside the company's cluster.
    assert [text[m.end + 1 : m.end + 6] for m in products] == ["vehic", "sedan"]
    assert all(m.entity_id != company.id for m in products)
    # The company owns its shares: "Toyota shares" stays the company.
    shares = next(m for m in mentions if text[m.end :].startswith(" shares"))
    assert shares.entity_id == company.id


def test_an_acronym_that_spells_a_word_stays_when_the_sentence_uses_it_as_a_name(nlp):
    text = (
        "SEC Chairman Christopher Cox met bankers on Monday, and the SEC said it would act. "
        "The company promised an END to the delays."
    )
    mentions, _ = _entities(nlp, text)
    assert [m.text for m in mentions if "SEC" in m.text or "END" in m.text] == ["SEC", "the SEC"]


def test_a_name_spacy_cut_in_two_is_one_person(nlp):
    # spaCy: "Karl-Theodor" PERSON, "zu Guttenberg" PERSON.
    text = "Economy Minister Karl-Theodor zu Guttenberg said the state would give a loan."
    mentions, clusters = _entities(nlp, text)
    assert [(m.text, m.label) for m in mentions] == [
        ("Economy Minister Karl-Theodor zu Guttenberg", "PERSON")
    ]
    assert clusters[0].name == "Karl-Theodor zu Guttenberg"


def test_a_company_spacy_tags_person_in_a_headline_is_the_company(nlp):
    # spaCy's own labels: "Magna" PERSON (headline and "Magna shares"), "Daimler" PERSON
    # in the headline.
    articles = (
        (
            "Magna Says Opel Talks Progressing\n"
            "Magna International Inc. said on Friday that talks over Opel were progressing. "
            "Magna shares rose 3 percent in Toronto.",
            "Magna",
            "Magna International Inc.",
        ),
        (
            "Chrysler Sues Daimler Over Pension Costs\n"
            "Chrysler LLC sued Daimler AG in New York on Monday, and Daimler said the claim "
            "had no merit.",
            "Daimler",
            "Daimler AG",
        ),
    )
    for text, name, full in articles:
        mentions, _ = _entities(nlp, text)
        group = [m for m in mentions if m.text.startswith(name)]
        assert len(group) == 3, name
        assert {m.label for m in group} == {"ORG"}
        assert len({m.entity_id for m in group}) == 1
        assert full in {m.text for m in group}


def test_issue_16_kinds_on_spacys_own_entities(nlp):
    # Editorial brackets: spaCy's own span is "Li] Qiang's".
    text = '"We will not accept [Chinese Premier Li] Qiang\'s terms," the minister said.'
    mentions, clusters = _entities(nlp, text)
    person = next(m for m in mentions if m.label == "PERSON")
    assert person.text == "[Chinese Premier Li] Qiang"
    assert next(c for c in clusters if c.id == person.entity_id).name == "Li Qiang"
    # Nationality forms, each a separate spaCy entity, share a cluster.
    text = (
        "Russian forces shelled the town. The Russians denied it. Democrats blocked the "
        "measure, and one Democrat, Senator Jon Tester, voted with Republicans."
    )
    mentions, _ = _entities(nlp, text)
    ids = {m.text.removeprefix("The "): m.entity_id for m in mentions}
    assert ids["Russian"] == ids["Russians"] and ids["Democrat"] == ids["Democrats"]
    assert len({ids["Russian"], ids["Democrat"], ids["Republicans"]}) == 3
    # "the Senate" is not its Banking Committee.
    text = (
        "The Senate Banking Committee heard testimony on Thursday. The Senate is expected "
        "to vote next week."
    )
    mentions, clusters = _entities(nlp, text)
    assert [m.text for m in mentions] == ["The Senate Banking Committee", "The Senate"]
    assert len(clusters) == 2


def test_a_name_written_again_where_spacy_saw_nothing_is_added(nlp):
    # spaCy marks the first "Apple Inc." only.
    text = (
        "Cisco sued Apple Inc. on Wednesday. The suit was filed against the maker of the "
        "iPhone ( which was presented on Tuesday for the first time ) - Apple Inc. - and a "
        "leader in network systems ."
    )
    mentions, _ = _entities(nlp, text)
    apple = [m for m in mentions if m.text == "Apple Inc."]
    assert len(apple) == 2 and apple[0].entity_id == apple[1].entity_id
    assert apple[1].start == text.rindex("Apple Inc.")
    # A one-word name is not repeated: it is often a product ("iPhone").
    assert len([m for m in mentions if "iPhone" in m.text]) == 1


def test_quote_marks_written_as_backticks_are_not_part_of_the_name(nlp):
    # spaCy's own span is "`` AirTran Airways" (two backtick tokens, not punctuation).
    text = (
        "Boeing delivered the last jet to AirTran Airways on Monday. `` AirTran Airways "
        "would like to thank the many people , '' said Joe Leonard ."
    )
    mentions, _ = _entities(nlp, text)
    assert [m.text for m in mentions if "AirTran" in m.text] == ["AirTran Airways"] * 2


def test_a_descriptor_that_opens_a_line_keeps_its_capital_word(nlp):
    text = (
        "Boeing unveils new jet\nJuly 09 , 2007\nAircraft manufacturer Boeing have unveiled "
        "their new 787 Dreamliner at their factory."
    )
    mentions, _ = _entities(nlp, text)
    assert [m.text for m in mentions] == ["Boeing", "Aircraft manufacturer Boeing"]


def test_a_surname_joins_a_full_name_with_a_generational_suffix(nlp):
    text = "Treasury Secretary Henry M. Paulson Jr. met bankers. Paulson said they agreed."
    mentions, clusters = _entities(nlp, text)
    people = [m for m in mentions if "Paulson" in m.text]
    assert len(people) == 2 and people[0].entity_id == people[1].entity_id
    assert next(c for c in clusters if c.id == people[0].entity_id).name == "Henry M. Paulson Jr."


def test_a_name_described_by_a_persons_role_is_a_person(nlp):
    # spaCy: "Vikram Pandit" ORG, "Pandit" ORG.
    text = (
        "Citi shares jumped 38 percent. Vikram Pandit, Citi's chief executive, said in a "
        "memo that the bank was doing well. Pandit's memo lifted other banks. Morgan "
        "Stanley, the investment bank, said so too."
    )
    mentions, _ = _entities(nlp, text)
    labels = {m.text: m.label for m in mentions}
    assert labels["Vikram Pandit"] == labels["Pandit"] == "PERSON"
    assert labels["Morgan Stanley"] == "ORG"


def test_a_politicians_party_tag_is_the_party(nlp):
    # spaCy: "R-AZ" nothing, "D-Conn." GPE.
    text = (
        "Senator John McCain ( R-AZ ) entered them into the record. Sen. Christopher J. "
        "Dodd, D-Conn., and Rep. Barney Frank (D-Mass.) agreed."
    )
    mentions, _ = _entities(nlp, text)
    assert [(m.text, m.label) for m in mentions] == [
        ("Senator John McCain", "PERSON"),
        ("R-AZ", "ORG"),
        ("Sen. Christopher J. Dodd", "PERSON"),
        ("D-Conn.", "ORG"),
        ("Rep. Barney Frank", "PERSON"),
        ("D-Mass.", "ORG"),
    ]


def test_no_name_runs_across_a_line_break(nlp):
    # spaCy's own entity: "Penske\nGeneral Motors Co." (ORG).
    text = (
        "GM to sell Saturn to Penske\nGeneral Motors Co. agreed to sell its Saturn brand to "
        "Penske Automotive Group Inc., the company said on Friday."
    )
    mentions, _ = _entities(nlp, text)
    by_text = {m.text: m for m in mentions}
    assert "\n" not in "".join(by_text)
    assert by_text["GM"].entity_id == by_text["General Motors Co."].entity_id
    assert by_text["Penske"].entity_id == by_text["Penske Automotive Group Inc."].entity_id


def test_a_person_before_a_product_noun_is_the_product_but_a_family_is_people(nlp):
    text = "The Bush family gathered in Texas. George Bush spoke."
    mentions, _ = _entities(nlp, text)
    bush = [m for m in mentions if "Bush" in m.text]
    assert {m.label for m in bush} == {"PERSON"} and len({m.entity_id for m in bush}) == 1
    # spaCy tagged "Mac" PERSON in a dev article of this shape.
    text = "Jobs unveiled Lion , the new version of their Mac OS X operating system ."
    doc = _with_ents(nlp, text, [("Jobs", "PERSON"), ("Mac", "PERSON")])
    mentions, _ = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [("Jobs", "PERSON"), ("Mac", "PRODUCT")]


def test_a_person_in_a_place_stays_the_person_the_article_names(nlp):
    text = "John Smith wrote to the board. A letter from Smith in Washington arrived."
    doc = _with_ents(
        nlp, text, [("John Smith", "PERSON"), ("Smith", "PERSON", 20), ("Washington", "GPE")]
    )
    mentions, _ = extract_entities(doc)
    assert [(m.text, m.label) for m in mentions] == [
        ("John Smith", "PERSON"),
        ("Smith", "PERSON"),
        ("Washington", "GPE"),
    ]
    assert mentions[0].entity_id == mentions[1].entity_id
