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

import duckdb
import pandas as pd

from newslens.corpus import QUERY_NAMES, store
from newslens.corpus.names import entity_key
from newslens.corpus.schema import PARTITION, TABLES, with_partition

# Entity labels that name actors (the stance model's actor labels, less places).
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")
EVIDENCE_LIMIT = 200
TOP_ENTITIES = 200  # co-occurrence without an actor: pairs among the most named entities

Corpus = str | Path | duckdb.DuckDBPyConnection


class QueryError(ValueError):
    """A question the corpus cannot answer as asked; the message is meant for the user."""


def connect(corpus: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with one view per table of the corpus folder."""
    root = Path(corpus)
    if not root.is_dir() or not store.is_corpus(root):
        raise QueryError(f"{root}: not a corpus folder (build one with: corpus build)")
    con = duckdb.connect()
    for table, schema in TABLES.items():
        if store.table_files(root, table):
            glob = store.table_glob(root, table).replace("'", "''")
            con.execute(
                f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{glob}', "
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
    sql = f"""
        WITH counts AS (
            SELECT speaker_key AS speaker, outlet, strftime(published, '%Y-%m') AS month,
                   count(*) AS quotes, sum(n_words)::BIGINT AS words
            FROM quotes
            WHERE speaker_key IS NOT NULL{where}
            GROUP BY speaker_key, outlet, strftime(published, '%Y-%m')
        )
        SELECT *, quotes / sum(quotes) OVER (PARTITION BY outlet, month) AS share
        FROM counts
        ORDER BY outlet NULLS LAST, month NULLS LAST, quotes DESC, speaker
    """
    return _con(corpus).execute(sql, params).df()


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
               count(*) AS mentions,
               count(*) FILTER (WHERE polarity < 0) AS negative,
               count(*) FILTER (WHERE polarity = 0) AS neutral,
               count(*) FILTER (WHERE polarity > 0) AS positive,
               avg(polarity) AS net
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
    sentence_end, sentence. Most decided first (highest negative or positive score)."""
    params: dict = {"actor": _actor(actor), "limit": int(limit), "blank": " \t\r\n"}
    where = _filters(params, outlet=outlet, start=start, end=end, prefix="m.")
    if week:
        where += " AND date_trunc('week', m.published) = CAST($week AS DATE)"
        params["week"] = week
    order = "greatest({0}p_negative, {0}p_positive) DESC, {0}published, {0}article_id, {0}start"
    sql = f"""
        WITH hits AS (
            SELECT m.article_id, m.outlet, m.published,
                   CAST(date_trunc('week', m.published) AS DATE) AS week,
                   m.text AS mention, m.start, m."end", m.polarity,
                   round(m.p_negative::DOUBLE, 4) AS p_negative,
                   round(m.p_neutral::DOUBLE, 4) AS p_neutral,
                   round(m.p_positive::DOUBLE, 4) AS p_positive,
                   m.sentence_start, m.sentence_end
            FROM mentions m
            WHERE {_actor_match("m.key")} AND m.polarity IS NOT NULL{where}
            ORDER BY {order.format("m.")}
            LIMIT $limit
        )
        SELECT h.*,
               trim(substring(a.text, coalesce(h.sentence_start, h.start) + 1,
                   coalesce(h.sentence_end, h."end") - coalesce(h.sentence_start, h.start)),
                   $blank)
                   AS sentence
        FROM hits h JOIN articles a USING (article_id)
        ORDER BY {order.format("h.")}
    """
    return _con(corpus).execute(sql, params).df()


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
    without, pairs among the `TOP_ENTITIES` keys named in most articles."""
    params: dict = {"labels": list(labels), "top": int(top)}
    where = _filters(params, start=start, end=end)
    base = f"""
        SELECT DISTINCT article_id, key FROM entities
        WHERE key IS NOT NULL AND list_contains($labels, label){where}
    """
    if actor:
        params["actor"] = _actor(actor)
        sql = f"""
            WITH e AS ({base}),
                 a AS (SELECT DISTINCT article_id FROM e WHERE {_actor_match("key")})
            SELECT $actor AS entity_a, e.key AS entity_b, count(*) AS articles
            FROM e SEMI JOIN a USING (article_id)
            WHERE NOT {_actor_match("e.key")}
            GROUP BY e.key
            ORDER BY articles DESC, entity_b
            LIMIT $top
        """
        return _con(corpus).execute(sql, params).df()
    params["frequent"] = TOP_ENTITIES
    sql = f"""
        WITH e AS ({base}),
             frequent AS (SELECT key FROM e GROUP BY key
                          ORDER BY count(*) DESC, key LIMIT $frequent),
             f AS (SELECT e.* FROM e SEMI JOIN frequent USING (key))
        SELECT x.key AS entity_a, y.key AS entity_b, count(*) AS articles
        FROM f x JOIN f y ON x.article_id = y.article_id AND x.key < y.key
        GROUP BY ALL
        ORDER BY articles DESC, entity_a, entity_b
        LIMIT $top
    """
    return _con(corpus).execute(sql, params).df()


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
    sql = f"""
        SELECT event_date, actor_key AS actor, action, target_key AS target, negated,
               count(*) AS events, count(DISTINCT article_id) AS articles,
               count(DISTINCT outlet) AS outlets,
               string_agg(DISTINCT outlet, ', ' ORDER BY outlet) AS outlet_list,
               min(cameo_code) AS cameo_code
        FROM events
        WHERE event_date IS NOT NULL{where}
        GROUP BY event_date, actor_key, action, target_key, negated
        ORDER BY event_date, articles DESC, actor NULLS LAST, action, target NULLS LAST
    """
    return _con(corpus).execute(sql, params).df()


def run_named(
    corpus: Corpus, name: str, *, actor: str | None = None, **filters: str | None
) -> pd.DataFrame:
    """The query called `name` (one of QUERY_NAMES), as the CLI asks it."""
    filters = {k: v for k, v in filters.items() if v}
    if name == "share-of-voice":
        return share_of_voice(corpus, **filters)
    if name == "stance":
        return stance_by_week(corpus, actor, **filters)
    if name == "stance-evidence":
        return stance_evidence(corpus, actor, **filters)
    if name == "cooccurrence":
        filters.pop("outlet", None)
        return cooccurrence(corpus, actor=actor, **filters)
    if name == "events":
        return events_by_date(corpus, actor=actor, **filters)
    raise QueryError(f"no query named {name!r} (choose from: {', '.join(QUERY_NAMES)})")


def info(corpus: Corpus) -> dict:
    """Counts per table, date range, articles per outlet, errors (with their reasons)."""
    con = _con(corpus)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    first, last = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    outlets = con.execute(
        "SELECT coalesce(outlet, '(none)'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall()
    undated = con.execute("SELECT count(*) FROM articles WHERE published IS NULL").fetchone()[0]
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
