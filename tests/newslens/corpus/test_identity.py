"""Cross-article actor identity on hand-made key statistics: variants of one name join,
people who share a surname stay apart without evidence, an article's own names decide."""

from __future__ import annotations

import pandas as pd

from newslens.corpus.identity import resolve

COLUMNS = ["key", "label", "articles", "person_articles", "speaks", "name"]


def stats(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def person(key: str, articles: int, *, speaks: bool = True, name: str | None = None) -> tuple:
    return (key, "PERSON", articles, articles, speaks, name or key.title())


def no_articles() -> pd.DataFrame:
    return pd.DataFrame(columns=["article_id", "key"])


def test_variants_of_one_name_are_one_actor():
    identity = resolve(
        stats(
            [
                person("donald trump", 50, name="Donald Trump"),
                person("donald j trump", 5),
                person("trump", 30),
                person("donald trump jr", 3),
                person("ivanka trump", 2),
            ]
        ),
        no_articles(),
    )
    for key in ("donald trump", "donald j trump", "trump"):
        assert identity.actor_of(key) == "donald trump"
    assert identity.name("donald trump") == "Donald Trump"
    # A generational suffix is another person; so is another first name.
    assert identity.actor_of("donald trump jr") != "donald trump"
    assert identity.actor_of("ivanka trump") == "ivanka trump"


def test_a_word_before_a_well_known_name_is_that_person():
    identity = resolve(
        stats(
            [
                person("donald trump", 50),
                person("billionaire donald trump", 1),
                person("melania trump", 4),
                person("first lady melania trump", 3),
            ]
        ),
        no_articles(),
    )
    assert identity.actor_of("billionaire donald trump") == "donald trump"
    # Not dominant enough: stays its own (no evidence that the lead words are noise).
    assert identity.actor_of("first lady melania trump") == "first lady melania trump"


def test_shared_surname_without_evidence_stays_apart():
    identity = resolve(
        stats([person("hillary clinton", 10), person("bill clinton", 8), person("clinton", 9)]),
        no_articles(),
    )
    assert identity.actor_of("clinton") == "clinton"
    assert "clinton" in identity.ambiguous
    assert identity.actor_of("hillary clinton") != identity.actor_of("bill clinton")


def test_an_article_naming_one_bearer_decides_and_naming_both_does_not():
    articles = pd.DataFrame(
        [
            ("a1", "bill clinton"),
            ("a1", "clinton"),
            ("a2", "hillary clinton"),
            ("a2", "clinton"),
            ("a3", "hillary clinton"),
            ("a3", "bill clinton"),
            ("a3", "clinton"),
        ],
        columns=["article_id", "key"],
    )
    identity = resolve(
        stats([person("hillary clinton", 10), person("bill clinton", 8), person("clinton", 9)]),
        articles,
    )
    assert identity.actor_of("clinton", "a1") == "bill clinton"
    assert identity.actor_of("clinton", "a2") == "hillary clinton"
    assert identity.actor_of("clinton", "a3") == "clinton"


def test_a_dominant_bearer_takes_the_bare_surname():
    identity = resolve(
        stats([person("hillary clinton", 80), person("bill clinton", 8), person("clinton", 9)]),
        no_articles(),
    )
    assert identity.actor_of("clinton") == "hillary clinton"
    assert identity.actor_of("bill clinton") == "bill clinton"


def test_two_middle_initials_are_two_people():
    identity = resolve(
        stats([person("george w bush", 6), person("george h w bush", 3), person("george bush", 2)]),
        no_articles(),
    )
    actors = {identity.actor_of(k) for k in ("george w bush", "george h w bush", "george bush")}
    assert len(actors) == 3


def test_places_pronouns_and_aliases():
    identity = resolve(
        stats(
            [
                person("michael jordan", 5),
                ("jordan", "GPE", 12, 0, False, "Jordan"),
                person("they", 40),
                ("u s", "GPE", 30, 0, False, "U.S."),
                ("united states", "GPE", 20, 0, False, "United States"),
            ]
        ),
        no_articles(),
    )
    assert identity.actor_of("jordan") == "jordan"
    assert identity.actor_of("they") is None
    assert identity.actor_of("u s") == identity.actor_of("united states") == "united states"
