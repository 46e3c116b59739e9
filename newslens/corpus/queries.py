"""The named questions a corpus answers, as DuckDB queries over its Parquet folder.

Each function takes the corpus folder (or a connection from `connect`, which is faster when
several questions are asked) and returns a pandas DataFrame:

- `share_of_voice`: who is quoted, by speaker x outlet x month (quotes, quoted words, share
  of the outlet's quotes that month);
- `stance_by_week`: how an actor's mentions are portrayed, by outlet x week (ISO week,
  starting Monday), and `stance_evidence`: the mentions behind those figures with their
  sentences;
- `cooccurrence`: entities named in the same articles (with an actor: its partners);
- `events_by_date`: happenings by their date, the same (actor, action, target) on the same
  day reported by several articles counted once with its article and outlet counts.

An actor is matched by its key (`names.entity_key`): "Trump" finds "trump" and any key
ending in " trump" ("donald trump").
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd

from newslens.corpus import QUERY_NAMES, store
from newslens.corpus.names import entity_key
from newslens.corpus.schema import PARTITION, TABLES, UNKNOWN_MONTH, with_partition

# Entity labels that name actors in the corpus questions (co-occurrence here; the actors that
# `explore` counts and lists). Not `newslens.vocabulary.ACTOR_LABELS`, and not derived
# from it, on purpose: that set, which the per-article stages (stance, quotes, events, charts)
# use, also holds the places LOC and FAC, while the corpus lists count people, bodies,
# countries and groups only; stories add the places back (`explore.STORY_LABELS`). Merging
# the two would change the corpus answers.
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
EVIDENCE_LIMIT = 200
# Co-occurrence without an actor: pairs among this many most named keys (at most 64: each
# article's keys are one 64-bit mask).
TOP_ENTITIES = 50
MAX_MASK_BITS = 64  # keys or outlets counted as bits of one UBIGINT
OUTLETS_SQL = "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
MASK_CHUNK = 200_000  # articles unpacked to a 0/1 matrix at a time (64 bytes each)

Corpus = str | Path | duckdb.DuckDBPyConnection


class QueryError(ValueError):
    """A question the corpus cannot answer as asked; the message is meant for the user."""


def connect(corpus: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of the corpus folder."""
    root = Path(corpus)
    if not root.is_dir() or not store.is_corpus(root):
        raise QueryError(f"{root}: not a corpus folder (build one with: corpus build)")
    con = duckdb.connect()
    # Parquet footers are read once per connection, not once per query: a corpus is many
    # small files (one per shard and month), and their metadata is most of a small query.
    con.execute("SET parquet_metadata_cache = true")
    for table, schema in TABLES.items():
        files = store.table_files(root, table)
        if files:
            # The files as listed now (no glob per query); reconnect to see a newer build.
            listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            con.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}], "
                f"hive_partitioning = true, hive_types = {{'{PARTITION}': 'VARCHAR'}})"
            )
        else:
            empty = with_partition(schema).empty_table()
            con.register(f"_{table}_empty", empty)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _{table}_empty")
    return con


def _con(corpus: Corpus) -> duckdb.DuckDBPyConnection:
    return corpus if isinstance(corpus, duckdb.DuckDBPyConnection) else connect(corpus)


def _actor(actor: str | None) -> str:
    key = entity_key(actor)
    if not key:
        raise QueryError("give an actor (--actor NAME)")
    return key


def _filters(
    params: dict,
    *,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
    prefix: str = "",
) -> str:
    """' AND ...' conditions for the optional outlet and date range (named parameters)."""
    where = []
    if outlet:
        where.append(f"{prefix}outlet = $outlet")
        params["outlet"] = outlet
    if start:
        where.append(f"{prefix}published >= CAST($start AS DATE)")
        params["start"] = start
    if end:
        where.append(f"{prefix}published <= CAST($end AS DATE)")
        params["end"] = end
    return "".join(f" AND {w}" for w in where)


def polarity_counts(total: str, *, neutral: bool = True) -> str:
    """SELECT columns that sum up the stance `polarity` (-1, 0, 1) of a group's rows: their
    number (named `total`), how many are negative, neutral (unless `neutral` is False) and
    positive, and net (the mean polarity, -1..1). For the stance questions here and in
    `explore`, which must count alike."""
    columns = [f"count(*) AS {total}", "count(*) FILTER (WHERE polarity < 0) AS negative"]
    if neutral:
        columns.append("count(*) FILTER (WHERE polarity = 0) AS neutral")
    columns += ["count(*) FILTER (WHERE polarity > 0) AS positive", "avg(polarity) AS net"]
    return ", ".join(columns)


def _actor_match(column: str) -> str:
    return f"({column} = $actor OR {column} LIKE '% ' || $actor)"


def share_of_voice(
    corpus: Corpus,
    *,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """speaker, outlet, month, quotes, words, share (of the outlet's attributed quotes that
    month); quotes without a speaker are left out. Sorted by outlet, month, quotes desc."""
    params: dict = {}
    where = _filters(params, outlet=outlet, start=start, end=end)
    # The month is the partition's (constant per file, free to group on); the share and
    # the order are computed on the aggregate in pandas, cheaper than a window in SQL.
    frame = (
        _con(corpus)
        .execute(
            f"""
            SELECT speaker_key AS speaker, outlet,
                   CASE WHEN {PARTITION} = '{UNKNOWN_MONTH}' THEN NULL ELSE {PARTITION} END
                       AS month,
                   count(*) AS quotes, sum(n_words)::BIGINT AS words
            FROM quotes
            WHERE speaker_key IS NOT NULL{where}
            GROUP BY ALL
            """,
            params,
        )
        .df()
    )
    totals = frame.groupby(["outlet", "month"], dropna=False)["quotes"].transform("sum")
    frame["share"] = frame["quotes"] / totals
    frame = frame.sort_values(
        ["outlet", "month", "quotes", "speaker"],
        ascending=[True, True, False, True],
        na_position="last",
        kind="stable",
    )
    return frame.reset_index(drop=True)


def stance_by_week(
    corpus: Corpus,
    actor: str | None,
    *,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """outlet, week (Monday), mentions, negative, neutral, positive (counts), net (mean
    polarity, -1..1) of the actor's mentions that the stance model scored."""
    params: dict = {"actor": _actor(actor)}
    where = _filters(params, outlet=outlet, start=start, end=end)
    sql = f"""
        SELECT outlet, CAST(date_trunc('week', published) AS DATE) AS week,
               {polarity_counts("mentions")}
        FROM mentions
        WHERE {_actor_match("key")} AND polarity IS NOT NULL{where}
        GROUP BY ALL
        ORDER BY outlet NULLS LAST, week NULLS LAST
    """
    return _con(corpus).execute(sql, params).df()


def stance_evidence(
    corpus: Corpus,
    actor: str | None,
    *,
    outlet: str | None = None,
    week: str | None = None,
    start: str | None = None,
    end: str | None = None,
    limit: int = EVIDENCE_LIMIT,
) -> pd.DataFrame:
    """The actor's scored mentions with their sentences: article_id, outlet, published,
    week, mention, start, end, polarity, p_negative, p_neutral, p_positive, sentence_start,
    sentence_end, sentence. Newest first, then the most decided (highest negative or
    positive score); at most `limit` rows."""
    con = _con(corpus)
    params: dict = {"actor": _actor(actor), "limit": int(limit)}
    where = _filters(params, outlet=outlet, start=start, end=end)
    if week:
        where += " AND date_trunc('week', published) = CAST($week AS DATE)"
        params["week"] = week
    match = f"{_actor_match('key')} AND polarity IS NOT NULL{where}"
    # Newest first: only the newest months that hold `limit` hits need reading in full.
    per_month = con.execute(
        f"SELECT {PARTITION}, count(*) FROM mentions WHERE {match} "
        f"GROUP BY {PARTITION} ORDER BY {PARTITION} = '{UNKNOWN_MONTH}', {PARTITION} DESC",
        {k: v for k, v in params.items() if k != "limit"},
    ).fetchall()
    months, total = [], 0
    for month, count in per_month:
        if total >= limit:
            break
        months.append(month)
        total += count
    hits = con.execute(
        f"""
        SELECT article_id, outlet, published,
               CAST(date_trunc('week', published) AS DATE) AS week,
               text AS mention, start, "end", polarity,
               round(p_negative::DOUBLE, 4) AS p_negative,
               round(p_neutral::DOUBLE, 4) AS p_neutral,
               round(p_positive::DOUBLE, 4) AS p_positive,
               sentence_start, sentence_end, {PARTITION}
        FROM mentions
        WHERE {_in_months(months)} AND {match}
        ORDER BY published DESC NULLS LAST, greatest(p_negative, p_positive) DESC,
                 article_id, start
        LIMIT $limit
        """,
        params,
    ).df()
    texts = _article_texts(con, hits)
    columns = ("article_id", "sentence_start", "sentence_end", "start", "end")
    hits["sentence"] = [
        _sentence(texts[article_id], (lo, hi), (start, end))
        for article_id, lo, hi, start, end in zip(*(hits[c] for c in columns), strict=True)
    ]
    return hits.drop(columns=[PARTITION])


def _in_months(months: list[str]) -> str:
    """A condition on the partition column that DuckDB prunes files with (literals)."""
    if not months:
        return "false"
    listed = ", ".join("'" + str(m).replace("'", "''") + "'" for m in months)
    return f"{PARTITION} IN ({listed})"


def _sentence(text: str, sentence: tuple[Any, Any], mention: tuple[int, int]) -> str:
    """The hit's sentence; the mention itself when its sentence is unknown (NA)."""
    lo = sentence[0] if pd.notna(sentence[0]) else mention[0]
    hi = sentence[1] if pd.notna(sentence[1]) else mention[1]
    return text[int(lo) : int(hi)].strip()


def _article_texts(con: duckdb.DuckDBPyConnection, hits: pd.DataFrame) -> dict[str, str]:
    """The texts of the hits' articles, reading only their months' files: the text column
    is most of the store, and a join would decompress all of it."""
    if hits.empty:
        return {}
    rows = con.execute(
        f"SELECT article_id, text FROM articles WHERE {_in_months(sorted(set(hits[PARTITION])))} "
        "AND list_contains($ids, article_id)",
        {"ids": sorted(set(hits["article_id"]))},
    ).fetchall()
    return dict(rows)


def cooccurrence(
    corpus: Corpus,
    *,
    actor: str | None = None,
    labels: tuple[str, ...] = ACTOR_LABELS,
    top: int = 100,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """entity_a, entity_b, articles: pairs of entity keys named in the same articles, most
    shared first. With an actor, entity_a is the actor's key and entity_b its partners;
    without, pairs among the `TOP_ENTITIES` keys with most entity rows (entity_a < entity_b)."""
    con = _con(corpus)
    params: dict = {"labels": list(labels), "top": int(top)}
    where = _filters(params, start=start, end=end)
    base = f"key IS NOT NULL AND list_contains($labels, label){where}"
    if actor:
        params["actor"] = _actor(actor)
        sql = f"""
            WITH a AS (SELECT DISTINCT article_id FROM entities
                       WHERE {base} AND {_actor_match("key")})
            SELECT $actor AS entity_a, key AS entity_b, count(DISTINCT article_id) AS articles
            FROM entities SEMI JOIN a USING (article_id)
            WHERE {base} AND NOT {_actor_match("key")}
            GROUP BY key
            ORDER BY articles DESC, entity_b
            LIMIT $top
        """
        return con.execute(sql, params).df()
    return _top_pairs(con, base, params)


def _top_pairs(con: duckdb.DuckDBPyConnection, base: str, params: dict) -> pd.DataFrame:
    """Pairs among the most frequent keys: each article becomes one bit mask of the
    frequent keys it names (one pass over the entities), and the masks, unpacked to a 0/1
    matrix M, give every pair's article count (M'M) in a few array sums. A self-join of the
    entity rows would make a row per pair per article instead."""
    top = params.pop("top")
    keys = [
        k
        for (k,) in con.execute(
            f"SELECT key FROM entities WHERE {base} GROUP BY key "
            f"ORDER BY count(*) DESC, key LIMIT {TOP_ENTITIES}",
            params,
        ).fetchall()
    ]
    params["keys"] = keys
    masks = con.execute(
        f"""SELECT bit_or(1::UBIGINT << (list_position($keys, key) - 1)::UBIGINT) AS mask
            FROM entities WHERE {base} AND list_contains($keys, key)
            GROUP BY article_id""",
        params,
    ).fetchnumpy()["mask"]
    # Little-endian bytes, bits unpacked least significant first: column i is key i.
    masks = np.asarray(masks, dtype="<u8")
    k = len(keys)
    counts = np.zeros((k, k), dtype=np.int64)
    for lo in range(0, len(masks), MASK_CHUNK):
        chunk = masks[lo : lo + MASK_CHUNK].view(np.uint8).reshape(-1, 8)
        bits = np.unpackbits(chunk, axis=1, bitorder="little")[:, :k]
        for i in range(k):  # integer sums: no BLAS threads spinning on a busy machine
            counts[i] += bits[bits[:, i] == 1].sum(axis=0, dtype=np.int64)
    rows = []
    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if counts[i, j] > 0:
                a, b = sorted((keys[i], keys[j]))
                rows.append((a, b, int(counts[i, j])))
    frame = pd.DataFrame(rows, columns=["entity_a", "entity_b", "articles"])
    frame = frame.sort_values(
        ["articles", "entity_a", "entity_b"], ascending=[False, True, True], kind="stable"
    )
    return frame.head(top).reset_index(drop=True)


def events_by_date(
    corpus: Corpus,
    *,
    actor: str | None = None,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """event_date, actor, action, target, negated, events, articles, outlets (count),
    outlet_list (sorted, comma-separated), cameo_code: dated events grouped by day and
    (actor, action, target); an event's date is its own resolved date, not the article's."""
    params: dict = {}
    where = ""
    if outlet:
        where += " AND outlet = $outlet"
        params["outlet"] = outlet
    if start:
        where += " AND event_date >= CAST($start AS DATE)"
        params["start"] = start
    if end:
        where += " AND event_date <= CAST($end AS DATE)"
        params["end"] = end
    if actor:
        params["actor"] = _actor(actor)
        where += f" AND ({_actor_match('actor_key')} OR {_actor_match('target_key')})"
    con = _con(corpus)
    outlets = [o for (o,) in con.execute(OUTLETS_SQL).fetchall()]
    group = "event_date, actor_key, action, target_key, negated"
    order = "event_date, articles DESC, actor NULLS LAST, action, target NULLS LAST, negated"
    if len(outlets) > MAX_MASK_BITS:
        return con.execute(
            f"""
            SELECT event_date, actor_key AS actor, action, target_key AS target, negated,
                   count(*) AS events, count(DISTINCT article_id) AS articles,
                   count(DISTINCT outlet) AS outlets,
                   string_agg(DISTINCT outlet, ', ' ORDER BY outlet) AS outlet_list,
                   min(cameo_code) AS cameo_code
            FROM events WHERE event_date IS NOT NULL{where}
            GROUP BY {group} ORDER BY {order}
            """,
            params,
        ).df()
    # The outlets of a group as one bit mask: half the cost of two DISTINCT aggregates. The
    # articles are counted by grouping per article first (an article has one outlet), and
    # the rows come back through Arrow: on the synthetic corpus's 3.7 M events and 285,000
    # groups, count(DISTINCT article_id) and `.df()` had taken 0.3 s of the 0.4.
    params["outlets"] = outlets
    frame = (
        con.sql(
            f"""
            WITH per_article AS (
                SELECT {group}, article_id, count(*) AS n, any_value(outlet) AS outlet,
                       min(cameo_code) AS cameo_code
                FROM events WHERE event_date IS NOT NULL{where}
                GROUP BY {group}, article_id
            )
            SELECT event_date::TIMESTAMP AS event_date, actor_key AS actor, action,
                   target_key AS target, negated, sum(n)::BIGINT AS events,
                   count(*) AS articles,
                   bit_or(1::UBIGINT << (list_position($outlets, outlet) - 1)::UBIGINT) AS mask,
                   min(cameo_code) AS cameo_code
            FROM per_article GROUP BY {group} ORDER BY {order}
            """,
            params=params,
        )
        .to_arrow_table()
        .to_pandas()
    )
    # Few distinct masks, many rows: decode each mask once and map the column (a loop over
    # the rows took a quarter of the query on the synthetic corpus's 285,000 groups).
    masks = frame["mask"]
    counts: dict[int, int] = {}
    lists: dict[int, str] = {}
    for mask in masks.dropna().unique():
        listed = [o for i, o in enumerate(outlets) if int(mask) >> i & 1]
        counts[int(mask)], lists[int(mask)] = len(listed), ", ".join(listed)
    frame.insert(7, "outlets", masks.map(counts).fillna(0).astype("int64"))
    frame.insert(8, "outlet_list", masks.map(lists).astype("str"))
    return frame.drop(columns=["mask"])


def run_named(
    corpus: Corpus,
    name: str,
    *,
    actor: str | None = None,
    outlet: str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> pd.DataFrame:
    """The query called `name` (one of QUERY_NAMES), as the CLI asks it (an empty filter is
    no filter; co-occurrence has no outlet filter)."""
    outlet, start, end = outlet or None, start or None, end or None
    if name == "share-of-voice":
        return share_of_voice(corpus, outlet=outlet, start=start, end=end)
    if name == "stance":
        return stance_by_week(corpus, actor, outlet=outlet, start=start, end=end)
    if name == "stance-evidence":
        return stance_evidence(corpus, actor, outlet=outlet, start=start, end=end)
    if name == "cooccurrence":
        return cooccurrence(corpus, actor=actor, start=start, end=end)
    if name == "events":
        return events_by_date(corpus, actor=actor, outlet=outlet, start=start, end=end)
    raise QueryError(f"no query named {name!r} (choose from: {', '.join(QUERY_NAMES)})")


def _one_row(con: duckdb.DuckDBPyConnection, query: str) -> tuple[Any, ...]:
    """The row of a query that always gives one (an aggregate)."""
    row = con.execute(query).fetchone()
    if row is None:
        raise QueryError(f"no row from: {query}")
    return row


def info(corpus: Corpus) -> dict:
    """Counts per table, date range, articles per outlet, errors (with their reasons)."""
    con = _con(corpus)
    counts = {t: _one_row(con, f"SELECT count(*) FROM {t}")[0] for t in TABLES}
    first, last = _one_row(con, "SELECT min(published), max(published) FROM articles")
    outlets = con.execute(
        "SELECT coalesce(outlet, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    undated = _one_row(con, "SELECT count(*) FROM articles WHERE published IS NULL")[0]
    errors = con.execute(
        "SELECT source, stage, reason FROM errors ORDER BY source, stage LIMIT 20"
    ).fetchall()
    return {
        "counts": counts,
        "first_published": first.isoformat() if first else None,
        "last_published": last.isoformat() if last else None,
        "undated_articles": undated,
        "outlets": {name: n for name, n in outlets},
        "errors": [{"source": s, "stage": st, "reason": r} for s, st, r in errors],
    }
