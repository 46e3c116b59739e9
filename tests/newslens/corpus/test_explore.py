"""The dashboard's questions on the 30-article corpus, checked against pandas over the same
stored rows (with the same cross-article identity), and the story grouping measured against
the stories the test articles were written to tell."""

from __future__ import annotations

import pandas as pd
import pytest

from newslens.corpus import store
from newslens.corpus.explore import Explorer, Filters, numbers_in
from newslens.corpus.stories import pair_scores
from tests.corpus_ui_articles import STORY_OF, article_id, built_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, nlp):
    return built_corpus(tmp_path_factory)


@pytest.fixture(scope="module")
def x(corpus):
    return Explorer.open(corpus)


def table(corpus, name: str) -> pd.DataFrame:
    return store.read_table(corpus, name).to_pandas()


def with_speakers(x: Explorer, quotes: pd.DataFrame) -> pd.DataFrame:
    speakers = [
        x.identity.actor_of(k, a) if isinstance(k, str) else None
        for k, a in zip(quotes["speaker_key"], quotes["article_id"], strict=True)
    ]
    return quotes.assign(speaker=speakers)


def test_trump_under_three_names_is_one_speaker(x, corpus):
    quotes = with_speakers(x, table(corpus, "quotes"))
    trump = quotes[quotes["speaker_text"].isin(["Trump", "Mr. Trump", "Donald Trump"])]
    assert set(trump["speaker_text"]) >= {"Trump", "Mr. Trump"}
    assert set(trump["speaker"]) == {"donald trump"}
    assert x.identity.actor_of("mcconnell") == "mitch mcconnell"
    # Bill and Hillary Clinton share a surname and stay two people.
    assert x.identity.actor_of("bill clinton") != x.identity.actor_of("hillary clinton")


def test_share_of_voice_equals_pandas(x, corpus):
    quotes = with_speakers(x, table(corpus, "quotes")).dropna(subset=["speaker"])
    expected = (
        quotes.groupby("speaker")
        .agg(quotes=("quote_index", "size"), words=("n_words", "sum"))
        .reset_index()
    )
    got = x.share_of_voice(Filters(), top=1000)
    merged = got.merge(expected, on="speaker", suffixes=("", "_pd"))
    assert len(merged) == len(expected) == len(got)
    assert (merged["quotes"] == merged["quotes_pd"]).all()
    assert (merged["words"] == merged["words_pd"]).all()
    assert got["share"].sum() == pytest.approx(1.0)
    top = got.iloc[0]
    assert top["speaker"] == "donald trump" and top["name"] == "Donald Trump"


def test_share_per_outlet_is_normalised_per_outlet(x, corpus):
    quotes = with_speakers(x, table(corpus, "quotes")).dropna(subset=["speaker"])
    speakers = sorted(quotes["speaker"].unique())
    got = x.voice_by_outlet(Filters(), speakers=speakers)
    assert got.groupby("outlet")["share"].sum().round(6).eq(1.0).all()
    nyt = quotes[quotes["outlet"] == "nyt"]
    expected = nyt.groupby("speaker").size() / len(nyt)
    got_nyt = got[got["outlet"] == "nyt"].set_index("speaker")["share"]
    pd.testing.assert_series_equal(got_nyt.sort_index(), expected.sort_index(), check_names=False)


def test_filters_outlet_dates_and_actor(x, corpus):
    articles = table(corpus, "articles")
    f = Filters(start="2015-12-01", end="2015-12-31", outlets=("nyt", "wash-post"))
    counts = x.headline_counts(f)
    published = pd.to_datetime(articles["published"])
    chosen = articles[
        articles["outlet"].isin(["nyt", "wash-post"])
        & (published >= "2015-12-01")
        & (published <= "2015-12-31")
    ]
    assert counts["articles"] == len(chosen)
    naming = x.headline_counts(Filters(actor="benjamin netanyahu"))
    assert naming["articles"] == 3  # the three articles of the Netanyahu story


def test_portrayal_equals_pandas(x, corpus):
    mentions = table(corpus, "mentions")
    mentions["actor"] = [
        x.identity.actor_of(k, a)
        for k, a in zip(mentions["key"], mentions["article_id"], strict=True)
    ]
    trump = mentions[(mentions["actor"] == "donald trump") & mentions["polarity"].notna()]
    trump = trump.assign(
        week=pd.to_datetime(trump["published"]).dt.to_period("W-SUN").dt.start_time
    )
    expected = trump.groupby(["outlet", "week"])["polarity"].agg(["size", "mean"])
    got = x.portrayal(Filters(), actor="donald trump").set_index(["outlet", "week"])
    assert got["mentions"].sum() == len(trump)
    for (outlet, week), row in expected.iterrows():
        hit = got.loc[(outlet, pd.Timestamp(week))]
        assert hit["mentions"] == row["size"]
        assert hit["net"] == pytest.approx(row["mean"])
    evidence = x.portrayal_evidence(Filters(), actor="donald trump", outlet="nyt")
    assert len(evidence) == len(trump[trump["outlet"] == "nyt"])
    assert all(m in s for m, s in zip(evidence["mention"], evidence["sentence"], strict=True))


def test_who_about_whom_equals_pandas(x, corpus):
    positions = table(corpus, "positions")
    positions["speaker"] = [
        x.identity.actor_of(k, a)
        for k, a in zip(positions["speaker_key"], positions["article_id"], strict=True)
    ]
    positions["target"] = [
        x.identity.actor_of(k, a)
        for k, a in zip(positions["target_key"], positions["article_id"], strict=True)
    ]
    positions = positions.dropna(subset=["speaker", "target"])
    positions = positions[positions["speaker"] != positions["target"]]
    got = x.who_about_whom(Filters(), top=100)
    assert got["positions"].sum() == len(positions)


def test_one_event_reported_by_several_articles_is_one_item(x):
    items = x.event_items(Filters(), min_articles=2)
    ban = items[(items["actor"] == "donald trump") & (items["action"] == "call")]
    assert len(ban) == 1
    item = ban.iloc[0]
    assert item["articles"] >= 3 and item["outlets"] >= 3
    assert "nyt" in item["outlet_list"] and "breitbart" in item["outlet_list"]


def test_numbers_in_sentences():
    assert numbers_in("by a vote of 65 to 33, affecting 1.6 billion people") == [
        "65",
        "33",
        "1.6 billion",
    ]


def test_stories_group_the_articles_of_each_story(x):
    stories, members, considered = x.stories(Filters())
    assert considered == 30
    predicted = dict(zip(members["article_id"], members["story"], strict=True))
    # Articles alone in their story are singletons of their own.
    for aid in STORY_OF:
        predicted.setdefault(aid, f"alone-{aid}")
    scores = pair_scores(predicted, STORY_OF)
    assert scores["precision"] >= 0.9 and scores["recall"] >= 0.7
    caucus = {predicted[article_id(i)] for i in (7, 8, 9, 10)}
    assert len(caucus) == 1


def test_compare_marks_shared_and_only_here_speakers(x):
    nyt, post = article_id(0), article_id(1)
    coverage = {c.article_id: c for c in x.compare([nyt, post])}
    nyt_speakers = coverage[nyt].speakers.set_index("speaker")
    post_speakers = coverage[post].speakers.set_index("speaker")
    assert nyt_speakers.loc["donald trump", "status"] == "only here"
    assert nyt_speakers.loc["paul ryan", "status"] == "shared"
    assert post_speakers.loc["paul ryan", "status"] == "shared"
    text = coverage[nyt].text
    ((start, end),) = nyt_speakers.loc["donald trump", "spans"]
    assert "We have no choice" in text[start:end]
    items = coverage[nyt].items
    assert {"portrayal", "date"} <= set(items["kind"])
    assert (items.loc[items["start"] >= 0, "end"] <= len(text)).all()
