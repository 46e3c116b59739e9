"""The corpus dashboard's questions, answered by DuckDB over a corpus folder with actors
joined across articles (`identity`).

`Explorer(root)` opens the folder once (views over the Parquet tables plus two small identity
tables) and answers each view's question as a pandas DataFrame, within `Filters` (date range,
outlets, an actor the articles must name). Every answer is a plain aggregate of the stored
rows, so each can be checked against pandas over the same tables. A DuckDB connection is not
safe to share between threads (Streamlit runs sessions on threads): each question runs on
its own cursor.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import duckdb
import pandas as pd

from newslens.corpus import stories as stories_mod
from newslens.corpus.identity import Identity, corpus_identity
from newslens.corpus.queries import ACTOR_LABELS, connect, polarity_counts
from newslens.corpus.schema import PARTITION, UNKNOWN_MONTH

TOP_SPEAKERS = 20
TOP_ACTORS = 60
TOP_MATRIX = 15
QUOTE_LIMIT = 500
EVIDENCE_LIMIT = 200
EVENT_ITEMS_LIMIT = 300
EXAMPLES = 12  # reports kept per event item (their sentences are read for numbers)
TITLE_CHARS = 300
STORY_ARTICLES = 3000  # stories are grouped among this many most recent filtered articles
STORY_LABELS = (*ACTOR_LABELS, "EVENT", "LAW", "FAC", "LOC")
# What `Explorer.article_rows` reads of given articles, by kind: view, columns, row order.
ARTICLE_ROWS = {
    "quotes": (
        "nl_quotes",
        'article_id, quote_index, start, "end", kind, text, speaker, speaker_text, '
        "cue_start, cue_end",
        "article_id, quote_index",
    ),
    "mentions": (
        "nl_mentions",
        'article_id, actor, label, text, start, "end", polarity, '
        "coalesce(sentence_start, start) AS sentence_start, "
        'coalesce(sentence_end, "end") AS sentence_end',
        "article_id, start",
    ),
    "events": (
        "nl_events",
        'article_id, event_index, start, "end", action, phrase, negated, actor, target, '
        "date_text, event_date",
        "article_id, event_index",
    ),
    "timexes": ("timexes", 'article_id, start, "end", text, type, value', "article_id, start"),
    "sentences": ("sentences", 'article_id, sentence, start, "end"', "article_id, sentence"),
}
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion))?")
_BLANK = " \t\r\n"


@dataclass(frozen=True)
class Filters:
    """What the dashboard shows: articles published in [start, end] (YYYY-MM-DD), from these
    outlets (empty: all), naming this actor (an actor id; None: any)."""

    start: str | None = None
    end: str | None = None
    outlets: tuple[str, ...] = ()
    actor: str | None = None


@dataclass
class Explorer:
    root: Path
    con: duckdb.DuckDBPyConnection = field(repr=False)
    identity: Identity = field(repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, root: str | Path) -> Explorer:
        """Raises `queries.QueryError` when the folder is not a corpus."""
        con = connect(root)
        identity = corpus_identity(con)
        _install(con, identity)
        return cls(Path(root), con, identity)

    def sql(self, query: str, params: dict | None = None) -> pd.DataFrame:
        with self._lock:
            cursor = self.con.cursor()
        try:
            return cursor.execute(query, params or {}).df()
        finally:
            cursor.close()

    def name(self, actor: str | None) -> str:
        return self.identity.name(actor)

    # ------------------------------------------------------------------ filters

    def _where(self, f: Filters, params: dict, *, alias: str = "") -> str:
        p = f"{alias}." if alias else ""
        where = ["TRUE"]
        if f.start:
            where.append(f"{p}published >= CAST($start AS DATE)")
            params["start"] = f.start
        if f.end:
            where.append(f"{p}published <= CAST($end AS DATE)")
            params["end"] = f.end
        if f.outlets:
            where.append(f"list_contains($outlets, {p}outlet)")
            params["outlets"] = list(f.outlets)
        if f.actor:
            where.append(
                f"{p}article_id IN (SELECT article_id FROM nl_entities WHERE actor = $f_actor)"
            )
            params["f_actor"] = f.actor
        return " AND ".join(where)

    # ------------------------------------------------------------------ overview

    def outlets(self) -> list[str]:
        rows = self.sql("SELECT DISTINCT outlet FROM nl_articles WHERE outlet IS NOT NULL")
        return sorted(rows["outlet"])

    def date_range(self) -> tuple[object, object]:
        row = self.sql("SELECT min(published) AS a, max(published) AS b FROM nl_articles")
        return row["a"].iloc[0], row["b"].iloc[0]

    def headline_counts(self, f: Filters) -> dict[str, int]:
        params: dict = {}
        where = self._where(f, params)
        row = self.sql(
            f"""
            SELECT (SELECT count(*) FROM nl_articles WHERE {where}) AS articles,
                   (SELECT count(DISTINCT outlet) FROM nl_articles WHERE {where}) AS outlets,
                   (SELECT count(*) FROM nl_quotes WHERE {where}) AS quotes,
                   (SELECT count(DISTINCT speaker) FROM nl_quotes WHERE {where}) AS speakers,
                   (SELECT count(DISTINCT actor) FROM nl_entities
                    WHERE {where} AND list_contains($labels, label)) AS actors,
                   (SELECT count(*) FROM nl_events WHERE {where}) AS events
            """,
            {**params, "labels": list(ACTOR_LABELS)},
        )
        return {k: int(v) for k, v in row.iloc[0].items()}

    def articles_per_week(self, f: Filters) -> pd.DataFrame:
        """outlet, week (Monday), articles."""
        params: dict = {}
        where = self._where(f, params)
        return self.sql(
            f"""
            SELECT coalesce(outlet, '(none)') AS outlet,
                   CAST(date_trunc('week', published) AS DATE) AS week, count(*) AS articles
            FROM nl_articles WHERE {where} AND published IS NOT NULL
            GROUP BY ALL ORDER BY week, outlet
            """,
            params,
        )

    def articles(self, f: Filters, *, limit: int = 5000) -> pd.DataFrame:
        """article_id, outlet, published, title, n_quotes, n_events: newest first."""
        params: dict = {"limit": limit}
        where = self._where(f, params)
        return self.sql(
            f"""
            SELECT article_id, outlet, published, title, n_quotes, n_events
            FROM nl_articles WHERE {where}
            ORDER BY published DESC NULLS LAST, article_id LIMIT $limit
            """,
            params,
        )

    def actors(self, f: Filters, *, top: int = TOP_ACTORS) -> pd.DataFrame:
        """actor, name, label, articles, mentions: the actors named in most articles
        (articles counts entity clusters: an article seldom has two for one actor)."""
        params: dict = {"top": top, "labels": list(ACTOR_LABELS)}
        where = self._where(f, params)
        frame = self.sql(
            f"""
            SELECT actor, mode(label) AS label, count(*) AS articles,
                   sum(n_mentions)::BIGINT AS mentions
            FROM nl_entities WHERE {where} AND list_contains($labels, label)
            GROUP BY actor ORDER BY articles DESC, mentions DESC, actor LIMIT $top
            """,
            params,
        )
        frame.insert(1, "name", frame["actor"].map(self.name))
        return frame

    # ------------------------------------------------------------------ share of voice

    def share_of_voice(self, f: Filters, *, top: int = TOP_SPEAKERS) -> pd.DataFrame:
        """speaker, name, quotes, words, articles, outlets, share (of all attributed quotes):
        the most quoted actors, most quotes first."""
        params: dict = {"top": top}
        where = self._where(f, params)
        frame = self.sql(
            f"""
            SELECT speaker, count(*) AS quotes, sum(n_words)::BIGINT AS words,
                   count(DISTINCT article_id) AS articles, count(DISTINCT outlet) AS outlets,
                   count(*) / sum(count(*)) OVER () AS share
            FROM nl_quotes WHERE {where} AND speaker IS NOT NULL
            GROUP BY speaker ORDER BY quotes DESC, words DESC, speaker LIMIT $top
            """,
            params,
        )
        frame.insert(1, "name", frame["speaker"].map(self.name))
        return frame

    def voice_by_outlet(self, f: Filters, *, speakers: list[str]) -> pd.DataFrame:
        """speaker, name, outlet, quotes, words, share: each speaker's share of the outlet's
        attributed quotes (normalised per outlet), for the given speakers."""
        params: dict = {"speakers": speakers}
        where = self._where(f, params)
        frame = self.sql(
            f"""
            WITH c AS (
                SELECT speaker, coalesce(outlet, '(none)') AS outlet, count(*) AS quotes,
                       sum(n_words)::BIGINT AS words
                FROM nl_quotes WHERE {where} AND speaker IS NOT NULL GROUP BY ALL
            )
            SELECT speaker, outlet, quotes, words,
                   quotes / sum(quotes) OVER (PARTITION BY outlet) AS share
            FROM c QUALIFY list_contains($speakers, speaker)
            ORDER BY outlet, quotes DESC, speaker
            """,
            params,
        )
        frame.insert(1, "name", frame["speaker"].map(self.name))
        return frame

    def top_speakers_by_outlet(self, f: Filters, *, top: int = 10) -> pd.DataFrame:
        """outlet, rank, speaker, name, quotes: each outlet's `top` most quoted actors."""
        params: dict = {"top": top}
        where = self._where(f, params)
        frame = self.sql(
            f"""
            WITH c AS (
                SELECT coalesce(outlet, '(none)') AS outlet, speaker, count(*) AS quotes
                FROM nl_quotes WHERE {where} AND speaker IS NOT NULL GROUP BY ALL
            )
            SELECT outlet, row_number() OVER (PARTITION BY outlet
                                              ORDER BY quotes DESC, speaker) AS rank,
                   speaker, quotes
            FROM c QUALIFY rank <= $top ORDER BY outlet, rank
            """,
            params,
        )
        frame.insert(3, "name", frame["speaker"].map(self.name))
        return frame

    def quotes_of(
        self, f: Filters, *, speaker: str, outlet: str | None = None, limit: int = QUOTE_LIMIT
    ) -> pd.DataFrame:
        """article_id, outlet, published, title, quote_index, start, end, kind, text: the
        speaker's quotes (in one outlet when given)."""
        params: dict = {"speaker": speaker, "limit": limit}
        where = self._where(f, params, alias="q")
        if outlet:
            where += " AND coalesce(q.outlet, '(none)') = $outlet"
            params["outlet"] = outlet
        return self.sql(
            f"""
            SELECT q.article_id, q.outlet, q.published, a.title, q.quote_index, q.start,
                   q."end", q.kind, q.text
            FROM nl_quotes q JOIN nl_articles a USING (article_id)
            WHERE {where} AND q.speaker = $speaker
            ORDER BY q.published DESC NULLS LAST, q.article_id, q.quote_index LIMIT $limit
            """,
            params,
        )

    # ------------------------------------------------------------------ portrayal

    def portrayal(self, f: Filters, *, actor: str) -> pd.DataFrame:
        """outlet, week (Monday), mentions, negative, neutral, positive, net (mean polarity):
        the stance of the actor's scored mentions."""
        params: dict = {"actor": actor}
        where = self._where(f, params)
        return self.sql(
            f"""
            SELECT coalesce(outlet, '(none)') AS outlet,
                   CAST(date_trunc('week', published) AS DATE) AS week,
                   {polarity_counts("mentions")}
            FROM nl_mentions
            WHERE {where} AND actor = $actor AND polarity IS NOT NULL
                  AND published IS NOT NULL
            GROUP BY ALL ORDER BY outlet, week
            """,
            params,
        )

    def portrayal_evidence(
        self,
        f: Filters,
        *,
        actor: str,
        outlet: str | None = None,
        week: str | None = None,
        limit: int = EVIDENCE_LIMIT,
    ) -> pd.DataFrame:
        """article_id, outlet, published, title, mention, polarity, confidence, start, end,
        sentence_start, sentence_end, sentence: most decided first."""
        params: dict = {"actor": actor, "limit": limit}
        where = self._where(f, params, alias="m")
        if outlet:
            where += " AND coalesce(m.outlet, '(none)') = $outlet"
            params["outlet"] = outlet
        if week:
            where += " AND date_trunc('week', m.published) = CAST($week AS DATE)"
            params["week"] = week
        frame = self.sql(
            f"""
            WITH hits AS (
                SELECT m.article_id, m.outlet, m.published, m.text AS mention, m.polarity,
                       round(greatest(m.p_negative, m.p_neutral, m.p_positive)::DOUBLE, 3)
                           AS confidence,
                       m.start, m."end",
                       coalesce(m.sentence_start, m.start) AS sentence_start,
                       coalesce(m.sentence_end, m."end") AS sentence_end
                FROM nl_mentions m
                WHERE {where} AND m.actor = $actor AND m.polarity IS NOT NULL
                ORDER BY greatest(m.p_negative, m.p_positive) DESC, m.published,
                         m.article_id, m.start
                LIMIT $limit
            )
            SELECT h.article_id, h.outlet, h.published, t.title, h.mention, h.polarity,
                   h.confidence, h.start, h."end", h.sentence_start, h.sentence_end
            FROM hits h JOIN nl_articles t USING (article_id)
            ORDER BY greatest(h.polarity, -h.polarity) DESC, h.confidence DESC, h.published,
                     h.article_id, h.start
            """,
            params,
        )
        texts = self.texts(list(frame["article_id"]))
        frame["sentence"] = [
            texts.get(a, "")[int(s) : int(e)].strip(_BLANK)
            for a, s, e in zip(
                frame["article_id"], frame["sentence_start"], frame["sentence_end"], strict=True
            )
        ]
        return frame

    # ------------------------------------------------------------------ who about whom

    def who_about_whom(self, f: Filters, *, top: int = TOP_MATRIX) -> pd.DataFrame:
        """speaker, speaker_name, target, target_name, positions, negative, positive, net:
        what quoted actors say about other actors, among the `top` speakers and targets."""
        params: dict = {"top": top}
        where = self._where(f, params)
        frame = self.sql(
            f"""
            WITH p AS (
                SELECT speaker, target, polarity FROM nl_positions
                WHERE {where} AND speaker IS NOT NULL AND target IS NOT NULL
                      AND speaker <> target
            ),
            s AS (SELECT speaker FROM p GROUP BY speaker ORDER BY count(*) DESC, speaker
                  LIMIT $top),
            t AS (SELECT target FROM p GROUP BY target ORDER BY count(*) DESC, target
                  LIMIT $top)
            SELECT speaker, target, {polarity_counts("positions", neutral=False)}
            FROM p SEMI JOIN s USING (speaker) SEMI JOIN t USING (target)
            GROUP BY ALL ORDER BY positions DESC, speaker, target
            """,
            params,
        )
        frame.insert(1, "speaker_name", frame["speaker"].map(self.name))
        frame.insert(3, "target_name", frame["target"].map(self.name))
        return frame

    # ------------------------------------------------------------------ events

    def event_items(
        self,
        f: Filters,
        *,
        min_articles: int = 2,
        limit: int = EVENT_ITEMS_LIMIT,
    ) -> pd.DataFrame:
        """One row per happening: events with the same actor, action and target (actors
        joined across articles) reported by articles published in the same week (Monday to
        Sunday) are one item. item, actor, action, target, week, first_published,
        last_published, event_dates (the distinct dates the articles give it), articles,
        outlets, outlet_list, date_differs, numbers, numbers_differ, phrase, examples
        (article_id:start:end of up to `EXAMPLES` reports' sentences). Items reported by
        fewer than `min_articles` articles are left out; most reported first."""
        params: dict = {"min": min_articles, "limit": limit}
        where = self._where(f, params)
        # Only the `limit` items shown get their details (dates, outlets, reports).
        frame = self.sql(
            f"""
            WITH e AS (
                SELECT article_id, outlet, published, start, "end", action, phrase, negated,
                       coalesce(actor, '') AS actor_k, coalesce(target, '') AS target_k,
                       event_date, CAST(date_trunc('week', published) AS DATE) AS week
                FROM nl_events
                WHERE {where} AND published IS NOT NULL AND action IS NOT NULL
                      AND (actor IS NOT NULL OR target IS NOT NULL)
            ),
            items AS (
                SELECT actor_k, action, target_k, negated, week,
                       count(DISTINCT article_id) AS articles
                FROM e GROUP BY ALL HAVING count(DISTINCT article_id) >= $min
                ORDER BY articles DESC, week, actor_k, action, target_k LIMIT $limit
            )
            SELECT nullif(actor_k, '') AS actor, action, nullif(target_k, '') AS target,
                   negated, week, min(published) AS first_published,
                   max(published) AS last_published,
                   string_agg(DISTINCT strftime(event_date, '%Y-%m-%d'), ', ')
                       AS event_dates,
                   count(DISTINCT event_date) > 1 AS date_differs,
                   any_value(i.articles) AS articles,
                   count(DISTINCT outlet) AS outlets,
                   string_agg(DISTINCT outlet, ', ') AS outlet_list,
                   min(phrase) AS phrase,
                   list(article_id || ':' || start || ':' || "end")[1:{EXAMPLES}] AS examples
            FROM e JOIN items i USING (actor_k, action, target_k, negated, week)
            GROUP BY actor_k, action, target_k, negated, week
            ORDER BY articles DESC, first_published, actor NULLS LAST, action
            """,
            params,
        )
        for column in ("event_dates", "outlet_list"):  # sorted, whatever the engine's order
            frame[column] = frame[column].map(
                lambda v: ", ".join(sorted(v.split(", "))) if isinstance(v, str) else v
            )
        frame["examples"] = frame["examples"].map(lambda refs: sorted(refs, key=_ref_order))
        if frame.empty:
            return frame.assign(item="", numbers="", numbers_differ=False)
        numbers = self._numbers_per_report(cast(pd.Series, frame["examples"]))
        frame["numbers"] = [
            "; ".join(sorted({n for ns in numbers.get(i, []) for n in ns}))
            for i in range(len(frame))
        ]
        frame["numbers_differ"] = [
            len({frozenset(ns) for ns in numbers.get(i, []) if ns}) > 1 for i in range(len(frame))
        ]
        frame["item"] = [
            _item_label(self.name(a), action, self.name(t), bool(neg))
            for a, action, t, neg in zip(
                frame["actor"], frame["action"], frame["target"], frame["negated"], strict=True
            )
        ]
        first = ["item", "actor", "action", "target"]
        return frame.loc[:, first + [c for c in frame.columns if c not in first]]

    def _numbers_per_report(self, examples: pd.Series) -> dict[int, list[list[str]]]:
        """For each item, the numbers written in each report's evidence sentence."""
        rows = [(i, *ref.rsplit(":", 2)) for i, refs in enumerate(examples) for ref in list(refs)]
        if not rows:
            return {}
        texts = self.texts([str(r[1]) for r in rows])
        out: dict[int, list[list[str]]] = {}
        for item, article_id, start, end in rows:
            sentence = texts.get(article_id, "")[int(start) : int(end)]
            out.setdefault(int(item), []).append(numbers_in(sentence))
        return out

    # ------------------------------------------------------------------ stories

    def stories(
        self, f: Filters, *, limit: int = STORY_ARTICLES, min_articles: int = 2
    ) -> tuple[pd.DataFrame, pd.DataFrame, int]:
        """(stories, members, articles considered). stories: story, label, first, last,
        articles, outlets, outlet_list (stories of at least `min_articles`, largest first);
        members: story, article_id, outlet, published, title, similarity. The grouping runs
        over the `limit` most recent articles of the filter."""
        params: dict = {"limit": limit}
        where = self._where(f, params)
        chosen = f"""
            SELECT article_id, outlet, published, title FROM nl_articles
            WHERE {where} AND published IS NOT NULL
            ORDER BY published DESC, article_id LIMIT $limit
        """
        articles = self.sql(chosen, params)
        features = self.sql(
            f"""
            SELECT e.article_id, e.actor, sum(e.n_mentions)::BIGINT AS mentions
            FROM nl_entities e SEMI JOIN ({chosen}) c USING (article_id)
            WHERE list_contains($labels, e.label) AND e.actor IS NOT NULL
            GROUP BY ALL
            """,
            {**params, "labels": list(STORY_LABELS)},
        )
        grouped = stories_mod.group(articles, features)
        members = articles.merge(grouped, on="article_id")
        sizes = cast(pd.Series, members.groupby("story")["article_id"].transform("size"))
        members = members.loc[sizes >= min_articles]
        if members.empty:
            empty = pd.DataFrame(
                columns=["story", "label", "first", "last", "articles", "outlets", "outlet_list"]
            )
            return empty, members.assign(story=[]), len(articles)
        shared = features.merge(members[["article_id", "story"]], on="article_id")
        per_actor = cast(pd.Series, shared.groupby(["story", "actor"])["article_id"].nunique())
        shared = per_actor.reset_index(name="n")
        shared = shared.loc[shared["n"] >= 2].sort_values(
            ["story", "n", "actor"], ascending=[True, False, True]
        )
        labels = {
            story: ", ".join(self.name(a) for a in rows["actor"].head(3))
            for story, rows in shared.groupby("story")
        }
        table = (
            members.groupby("story")
            .agg(
                first=("published", "min"),
                last=("published", "max"),
                articles=("article_id", "size"),
                outlets=("outlet", "nunique"),
                outlet_list=("outlet", lambda o: ", ".join(sorted(set(o.dropna())))),
            )
            .reset_index()
        )
        table.insert(1, "label", table["story"].map(lambda s: labels.get(s, "")))
        table = table.sort_values(["articles", "first"], ascending=[False, True])
        members = members.sort_values(["story", "outlet", "published", "article_id"])
        cols = ["story", "article_id", "outlet", "published", "title", "similarity"]
        return table.reset_index(drop=True), members[cols].reset_index(drop=True), len(articles)

    # ------------------------------------------------------------------ compare

    def compare(self, article_ids: tuple[str, ...] | list[str]) -> list:
        """`compare.compare` of these articles (a list of `compare.ArticleCoverage`)."""
        from newslens.corpus.compare import compare

        return compare(self, list(article_ids))

    # ------------------------------------------------------------------ one article

    def _in_months(self, article_ids: list[str]) -> str:
        """SQL: the partitions (months) that hold these articles, so a scan reads only
        their files."""
        months = self.sql(
            "SELECT DISTINCT coalesce(strftime(published, '%Y-%m'), $unknown) AS m "
            "FROM nl_articles WHERE list_contains($ids, article_id)",
            {"ids": sorted(set(article_ids)), "unknown": UNKNOWN_MONTH},
        )["m"]
        quoted = ", ".join("'" + m.replace("'", "''") + "'" for m in months) or "NULL"
        return f"{PARTITION} IN ({quoted})"

    def texts(self, article_ids: list[str]) -> dict[str, str]:
        """The texts of these articles. Only their months' files are read (the text column
        is most of a corpus's bytes; the month partition prunes it)."""
        ids = sorted(set(article_ids))
        if not ids:
            return {}
        rows = self.sql(
            f"SELECT article_id, text FROM articles WHERE {self._in_months(ids)} "
            "AND list_contains($ids, article_id)",
            {"ids": ids},
        )
        return dict(zip(rows["article_id"], rows["text"], strict=True))

    def articles_meta(self, article_ids: list[str]) -> dict[str, dict]:
        rows = self.sql(
            "SELECT article_id, outlet, published, title FROM nl_articles "
            "WHERE list_contains($ids, article_id)",
            {"ids": list(article_ids)},
        )
        return {r["article_id"]: r for r in rows.to_dict("records")}

    def article(self, article_id: str) -> dict | None:
        rows = self.sql(
            "SELECT article_id, outlet, published, title FROM nl_articles WHERE article_id = $id",
            {"id": article_id},
        )
        if rows.empty:
            return None
        meta = rows.iloc[0].to_dict()
        meta["text"] = self.texts([article_id]).get(article_id, "")
        return meta

    def article_rows(self, kind: str, article_ids: list[str]) -> pd.DataFrame:
        """The rows of one kind (a key of `ARTICLE_ROWS`: quotes, mentions, events, timexes,
        sentences) of these articles, in article and text order."""
        table, columns, order = ARTICLE_ROWS[kind]
        ids = list(article_ids)
        return self.sql(
            f"SELECT {columns} FROM {table} WHERE {self._in_months(ids)} "
            f"AND list_contains($ids, article_id) ORDER BY {order}",
            {"ids": ids},
        )


def _ref_order(ref: str) -> tuple[str, int]:
    article_id, start, _ = ref.rsplit(":", 2)
    return article_id, int(start)


def _item_label(actor: str, action: str, target: str, negated: bool) -> str:
    verb = f"not {action}" if negated else action
    return " ".join(p for p in (actor or "(someone)", verb, target) if p)


def numbers_in(text: str) -> list[str]:
    """The numbers written with digits in a sentence ('65', '1.6 billion')."""
    return [" ".join(m.group(0).replace(",", "").split()) for m in _NUMBER.finditer(text)]


def _actor(override: str, key: str, raw: str) -> str:
    """SQL: the actor of a key in its article (the key itself when the identity table does
    not know it; NULL when the identity says it names no actor, a pronoun)."""
    return (
        f"CASE WHEN {override}.actor IS NOT NULL THEN {override}.actor "
        f"WHEN {key}.key IS NOT NULL THEN {key}.actor ELSE {raw} END"
    )


def _actor_joins(table: str, column: str, override: str, key: str) -> str:
    """SQL: the two joins that `_actor(override, key, ...)` reads for `table.column`."""
    raw = f"{table}.{column}"
    return (
        f"LEFT JOIN nl_actor_overrides {override} "
        f"ON {override}.article_id = {table}.article_id AND {override}.key = {raw} "
        f"LEFT JOIN nl_actor_keys {key} ON {key}.key = {raw}"
    )


# The identity-joined views the dashboard reads. nl_articles is materialised (small: no
# text) with a title for articles whose input gave none (their first line).
_VIEWS = {
    "nl_articles": f"""
        CREATE TABLE nl_articles AS
        SELECT article_id, outlet, published,
               coalesce(title, trim(split_part(left(text, {TITLE_CHARS}), chr(10), 1)))
                   AS title,
               n_quotes, n_events, n_words
        FROM articles
    """,
    "nl_entities": f"""
        CREATE VIEW nl_entities AS
        SELECT e.*, {_actor("eo", "ek", "e.key")} AS actor
        FROM entities e {_actor_joins("e", "key", "eo", "ek")}
        WHERE e.key IS NOT NULL
    """,
    "nl_mentions": f"""
        CREATE VIEW nl_mentions AS
        SELECT m.*, {_actor("mo", "mk", "m.key")} AS actor
        FROM mentions m {_actor_joins("m", "key", "mo", "mk")}
    """,
    "nl_quotes": f"""
        CREATE VIEW nl_quotes AS
        SELECT q.*, {_actor("so", "sk", "q.speaker_key")} AS speaker
        FROM quotes q {_actor_joins("q", "speaker_key", "so", "sk")}
    """,
    "nl_positions": f"""
        CREATE VIEW nl_positions AS
        SELECT p.*, {_actor("so", "sk", "p.speaker_key")} AS speaker,
               {_actor("tov", "tk", "p.target_key")} AS target
        FROM positions p {_actor_joins("p", "speaker_key", "so", "sk")}
            {_actor_joins("p", "target_key", "tov", "tk")}
    """,
    "nl_events": f"""
        CREATE VIEW nl_events AS
        SELECT e.*, {_actor("ao", "ak", "e.actor_key")} AS actor,
               {_actor("tov", "tk", "e.target_key")} AS target
        FROM events e {_actor_joins("e", "actor_key", "ao", "ak")}
            {_actor_joins("e", "target_key", "tov", "tk")}
    """,
}


def _install(con: duckdb.DuckDBPyConnection, identity: Identity) -> None:
    keys = identity.keys[["key", "actor"]]  # noqa: F841 (read by DuckDB by name)
    overrides = identity.overrides  # noqa: F841
    con.execute("CREATE TABLE nl_actor_keys AS SELECT * FROM keys")
    con.execute("CREATE TABLE nl_actor_overrides (article_id VARCHAR, key VARCHAR, actor VARCHAR)")
    if not identity.overrides.empty:
        con.execute("INSERT INTO nl_actor_overrides SELECT * FROM overrides")
    for sql in _VIEWS.values():
        con.execute(sql)
