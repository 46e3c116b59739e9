"""Each named query against the same figures computed by hand with pandas from the
Parquet files."""

from __future__ import annotations

import pandas as pd
import pyarrow.dataset as ds
import pytest

from newslens.corpus import queries
from newslens.corpus.store import table_dir


def table(corpus, name: str) -> pd.DataFrame:
    return (
        ds.dataset(table_dir(corpus, name), format="parquet", partitioning="hive")
        .to_table()
        .to_pandas()
    )


def is_actor(keys: pd.Series, actor: str) -> pd.Series:
    return (keys == actor) | keys.str.endswith(" " + actor, na=False)


def test_tables_hold_every_article(query_corpus):
    articles = table(query_corpus, "articles")
    assert len(articles) == 16
    assert set(articles["outlet"]) == {"nyt", "wash-post", "breitbart", "politico"}
    assert articles["content_hash"].is_unique
    mentions = table(query_corpus, "mentions")
    # every mention's sentence contains it
    assert (
        (mentions["sentence_start"] <= mentions["start"])
        & (mentions["end"] <= mentions["sentence_end"])
    ).all()


def test_share_of_voice_matches_pandas(query_corpus):
    got = queries.share_of_voice(query_corpus)
    q = table(query_corpus, "quotes")
    q = q[q["speaker_key"].notna()].copy()
    q["month"] = pd.to_datetime(q["published"]).dt.strftime("%Y-%m")
    want = (
        q.groupby(["speaker_key", "outlet", "month"])
        .agg(quotes=("quote_index", "size"), words=("n_words", "sum"))
        .reset_index()
        .rename(columns={"speaker_key": "speaker"})
    )
    want["share"] = want["quotes"] / want.groupby(["outlet", "month"])["quotes"].transform("sum")
    assert len(got) == len(want) > 5
    key = ["outlet", "month", "speaker"]
    got = got.sort_values(key).reset_index(drop=True)
    want = want.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False)
    assert "hillary clinton" in set(got["speaker"])


def test_stance_by_week_matches_pandas(query_corpus):
    got = queries.stance_by_week(query_corpus, "Clinton")
    m = table(query_corpus, "mentions")
    m = m[is_actor(m["key"], "clinton") & m["polarity"].notna()].copy()
    published = pd.to_datetime(m["published"])
    m["week"] = published - pd.to_timedelta(published.dt.day_of_week, unit="D")
    want = (
        m.groupby(["outlet", "week"])
        .agg(
            mentions=("polarity", "size"),
            negative=("polarity", lambda p: int((p < 0).sum())),
            neutral=("polarity", lambda p: int((p == 0).sum())),
            positive=("polarity", lambda p: int((p > 0).sum())),
            net=("polarity", "mean"),
        )
        .reset_index()
    )
    assert len(want) > 3
    got = got.sort_values(["outlet", "week"]).reset_index(drop=True)
    got["week"] = pd.to_datetime(got["week"])
    pd.testing.assert_frame_equal(got[want.columns], want, check_dtype=False)


def test_stance_evidence_gives_the_sentences(query_corpus):
    got = queries.stance_evidence(query_corpus, "Clinton", outlet="nyt")
    articles = table(query_corpus, "articles").set_index("article_id")["text"]
    m = table(query_corpus, "mentions")
    want = m[is_actor(m["key"], "clinton") & m["polarity"].notna() & (m["outlet"] == "nyt")]
    assert len(got) == len(want) > 0
    for row in got.itertuples():
        text = articles[row.article_id]
        assert text[row.start : row.end] == row.mention
        assert row.sentence == text[row.sentence_start : row.sentence_end].strip()
        assert row.mention in row.sentence
    assert list(got["published"]) == sorted(got["published"], reverse=True)
    # a small limit reads only the newest months, and gives the head of the full list
    few = queries.stance_evidence(query_corpus, "Clinton", limit=3)
    every = queries.stance_evidence(query_corpus, "Clinton", limit=1000)
    assert len(every) > 3 and len({str(p)[:7] for p in every["published"]}) > 3
    pd.testing.assert_frame_equal(few, every.head(3))


def test_cooccurrence_matches_pandas(query_corpus):
    e = table(query_corpus, "entities")
    e = e[e["label"].isin(queries.ACTOR_LABELS) & e["key"].notna()]
    keys = e.groupby("article_id")["key"].apply(set)
    with_actor = [ks for ks in keys if any(k == "trump" or k.endswith(" trump") for k in ks)]
    counts: dict[str, int] = {}
    for ks in with_actor:
        for k in ks:
            if not (k == "trump" or k.endswith(" trump")):
                counts[k] = counts.get(k, 0) + 1
    got = queries.cooccurrence(query_corpus, actor="Trump", top=1000)
    assert dict(zip(got["entity_b"], got["articles"], strict=True)) == counts
    assert set(got["entity_a"]) == {"trump"}

    pairs = queries.cooccurrence(query_corpus, top=1000)
    frequency = e.groupby("key").size().reset_index(name="n")
    frequency = frequency.sort_values(["n", "key"], ascending=[False, True])
    frequent = set(frequency["key"].head(queries.TOP_ENTITIES))
    want_pairs: dict[tuple[str, str], int] = {}
    for ks in keys:
        for a in ks & frequent:
            for b in ks & frequent:
                if a < b:
                    want_pairs[(a, b)] = want_pairs.get((a, b), 0) + 1
    got_pairs = {
        (a, b): n
        for a, b, n in zip(pairs["entity_a"], pairs["entity_b"], pairs["articles"], strict=True)
    }
    assert got_pairs == want_pairs and len(got_pairs) > 10
    assert list(pairs["articles"]) == sorted(pairs["articles"], reverse=True)


def test_events_by_date_matches_pandas(query_corpus):
    got = queries.events_by_date(query_corpus)
    ev = table(query_corpus, "events")
    ev = ev[ev["event_date"].notna()]
    want = (
        ev.groupby(["event_date", "actor_key", "action", "target_key", "negated"], dropna=False)
        .agg(
            events=("event_index", "size"),
            articles=("article_id", "nunique"),
            outlets=("outlet", "nunique"),
            outlet_list=("outlet", lambda o: ", ".join(sorted(set(o.dropna())))),
        )
        .reset_index()
    )
    assert len(got) == len(want) > 5
    assert got["events"].sum() == len(ev)
    assert (got["articles"] >= 1).all()
    merged = got.assign(event_date=pd.to_datetime(got["event_date"])).merge(
        want.rename(columns={"actor_key": "actor", "target_key": "target"}).assign(
            event_date=lambda d: pd.to_datetime(d["event_date"])
        ),
        on=["event_date", "actor", "action", "target", "negated"],
        how="outer",
        suffixes=("", "_want"),
    )
    for column in ("events", "articles", "outlets", "outlet_list"):
        assert (merged[column] == merged[f"{column}_want"]).all(), column
    assert (got["outlets"] > 1).any()  # a day's event reported by several outlets


def test_events_by_date_without_outlet_masks_is_the_same(query_corpus, monkeypatch):
    with_masks = queries.events_by_date(query_corpus, actor="Clinton")
    monkeypatch.setattr(queries, "MAX_MASK_BITS", 1)  # more outlets than bits
    pd.testing.assert_frame_equal(
        queries.events_by_date(query_corpus, actor="Clinton"), with_masks, check_dtype=False
    )
    assert len(with_masks) > 3


def test_unknown_actor_and_folder_are_errors(query_corpus, tmp_path):
    with pytest.raises(queries.QueryError):
        queries.stance_by_week(query_corpus, "")
    with pytest.raises(queries.QueryError):
        queries.connect(tmp_path)
    assert queries.stance_by_week(query_corpus, "Nobody Atall").empty


def test_cli_query_prints_csv_and_json(query_corpus):
    import io
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "newslens", "corpus", "query", str(query_corpus), *args],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    as_csv = cli("stance", "--actor", "Clinton")
    assert as_csv.returncode == 0, as_csv.stderr
    frame = pd.read_csv(io.StringIO(as_csv.stdout))
    want = queries.stance_by_week(query_corpus, "Clinton")
    assert list(frame.columns) == list(want.columns) and len(frame) == len(want)
    assert frame["mentions"].sum() == want["mentions"].sum()

    as_json = cli("stance-evidence", "--actor", "Clinton", "--outlet", "nyt", "--format", "json")
    records = json.loads(as_json.stdout)
    assert records and all(r["outlet"] == "nyt" for r in records)
    assert all(len(r["published"]) == 10 for r in records)  # a date, not a timestamp

    missing = cli("stance")
    assert missing.returncode == 1 and "give an actor" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_progress_bar_on_a_terminal_and_lines_otherwise():
    import io

    from newslens.corpus.progress import Progress

    tty = io.StringIO()
    bar = Progress(stream=tty, tty=True)
    bar(0, 10)
    bar(5, 10)
    bar(10, 10)
    assert "\r[" in tty.getvalue() and "articles/s" in tty.getvalue()
    assert tty.getvalue().endswith("\n") and "ETA" in tty.getvalue()
    plain = io.StringIO()
    lines = Progress(stream=plain, tty=False)
    for done in range(11):
        lines(done, 10)
    out = plain.getvalue().splitlines()
    assert "\r" not in plain.getvalue()
    assert out[0].startswith("corpus: 0/10") and out[-1].startswith("corpus: 10/10")
    assert len(out) == 2  # not a line per article


def test_top_pairs_keep_only_the_most_named_keys(query_corpus, monkeypatch):
    monkeypatch.setattr(queries, "TOP_ENTITIES", 4)
    e = table(query_corpus, "entities")
    e = e[e["label"].isin(queries.ACTOR_LABELS) & e["key"].notna()]
    frequency = e.groupby("key").size().reset_index(name="n")
    frequent = frequency.sort_values(["n", "key"], ascending=[False, True])["key"].head(4)
    keys = e[e["key"].isin(set(frequent))].groupby("article_id")["key"].apply(set)
    want = {}
    for ks in keys:
        for a in ks:
            for b in ks:
                if a < b:
                    want[(a, b)] = want.get((a, b), 0) + 1
    pairs = queries.cooccurrence(query_corpus, top=1000)
    assert len(e["key"].unique()) > 4
    assert {(a, b): n for a, b, n in pairs.itertuples(index=False)} == want
