"""The tables of a corpus folder and their columns (pyarrow schemas).

Layout: ``DIR/<table>/month=YYYY-MM/part-<shard>.parquet`` (hive partitioning on the month
of publication; ``month=unknown`` when an article has no date). DuckDB reads a table as
``read_parquet('DIR/<table>/**/*.parquet', hive_partitioning=true)``, which adds the
``month`` column (VARCHAR). Every row is keyed by ``article_id``; offsets (``start``,
``end``) are Python character offsets into that article's ``articles.text``. The fact tables
repeat the article's ``outlet`` and ``published`` so that the common questions need no join.
Tables hold only what the articles determine (no timings, no hosts): two builds of the same
input give the same rows. Run facts are JSON files in ``DIR/runs/``.

articles    one row per distinct article text (content hash):
            article_id, content_hash (sha256 of the text), title, published (date), outlet,
            source (file path, JSONL location or library entry), url, byline, n_chars,
            n_words, n_sentences, n_entities (clusters), n_mentions, n_quotes, n_events,
            n_timexes, text
sentences   article_id, sentence (0-based index), start, end
entities    one row per entity cluster of an article: article_id, outlet, published,
            entity_id (the article's cluster id), key (normalised name, the cross-article
            identity, `names.entity_key`), name, label (spaCy label), n_mentions, first_start
mentions    one row per entity mention, with its stance when it is an actor mention:
            article_id, outlet, published, mention_index, entity_id, key, label, start, end,
            text, sentence, sentence_start, sentence_end, polarity (-1/0/1, null when the
            stance model was not asked), p_negative, p_neutral, p_positive
quotes      article_id, outlet, published, quote_index, start, end, text, kind
            (direct/partial/indirect), n_words, speaker_text, speaker_name,
            speaker_entity_id, speaker_key, cue, cue_start, cue_end
positions   who speaks how about whom, per quote: article_id, outlet, published,
            quote_index, speaker_entity_id, speaker_key, target_entity_id, target_key, polarity
events      article_id, outlet, published, event_index, start, end (evidence sentence),
            action (lemma), phrase, negated, actor_text, actor_entity_id, actor_key,
            target_text, target_entity_id, target_key, place_text, place_entity_id,
            place_key, date_text, date_value (TIMEX3), event_date (date, when the value is a
            day), cameo_code, cameo_name, goldstein
timexes     article_id, outlet, published, timex_index, start, end, text, type, value,
            date (date, when the value is a day)
errors      one row per input that could not be analysed: source, article_id (null when the
            input never became an article), stage (read/analyse), reason (one line)
"""

from __future__ import annotations

import pyarrow as pa

PARTITION = "month"  # the hive partition key; a column of every table while in memory
UNKNOWN_MONTH = "unknown"

_ARTICLE_KEYS = [
    pa.field("article_id", pa.string(), nullable=False),
    pa.field("outlet", pa.string()),
    pa.field("published", pa.date32()),
]

ARTICLES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("content_hash", pa.string(), nullable=False),
        pa.field("title", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("outlet", pa.string()),
        pa.field("source", pa.string()),
        pa.field("url", pa.string()),
        pa.field("byline", pa.string()),
        pa.field("n_chars", pa.int32()),
        pa.field("n_words", pa.int32()),
        pa.field("n_sentences", pa.int32()),
        pa.field("n_entities", pa.int32()),
        pa.field("n_mentions", pa.int32()),
        pa.field("n_quotes", pa.int32()),
        pa.field("n_events", pa.int32()),
        pa.field("n_timexes", pa.int32()),
        pa.field("text", pa.string()),
    ]
)

SENTENCES = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        pa.field("sentence", pa.int32()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
    ]
)

ENTITIES = pa.schema(
    [
        *_ARTICLE_KEYS,
        pa.field("entity_id", pa.string()),
        pa.field("key", pa.string()),
        pa.field("name", pa.string()),
        pa.field("label", pa.string()),
        pa.field("n_mentions", pa.int32()),
        pa.field("first_start", pa.int32()),
    ]
)

MENTIONS = pa.schema(
    [
        *_ARTICLE_KEYS,
        pa.field("mention_index", pa.int32()),
        pa.field("entity_id", pa.string()),
        pa.field("key", pa.string()),
        pa.field("label", pa.string()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("text", pa.string()),
        pa.field("sentence", pa.int32()),
        pa.field("sentence_start", pa.int32()),
        pa.field("sentence_end", pa.int32()),
        pa.field("polarity", pa.int8()),
        pa.field("p_negative", pa.float32()),
        pa.field("p_neutral", pa.float32()),
        pa.field("p_positive", pa.float32()),
    ]
)

QUOTES = pa.schema(
    [
        *_ARTICLE_KEYS,
        pa.field("quote_index", pa.int32()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("text", pa.string()),
        pa.field("kind", pa.string()),
        pa.field("n_words", pa.int32()),
        pa.field("speaker_text", pa.string()),
        pa.field("speaker_name", pa.string()),
        pa.field("speaker_entity_id", pa.string()),
        pa.field("speaker_key", pa.string()),
        pa.field("cue", pa.string()),
        pa.field("cue_start", pa.int32()),
        pa.field("cue_end", pa.int32()),
    ]
)

POSITIONS = pa.schema(
    [
        *_ARTICLE_KEYS,
        pa.field("quote_index", pa.int32()),
        pa.field("speaker_entity_id", pa.string()),
        pa.field("speaker_key", pa.string()),
        pa.field("target_entity_id", pa.string()),
        pa.field("target_key", pa.string()),
        pa.field("polarity", pa.int8()),
    ]
)

EVENTS = pa.schema(
    [
        *_ARTICLE_KEYS,
        pa.field("event_index", pa.int32()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("action", pa.string()),
        pa.field("phrase", pa.string()),
        pa.field("negated", pa.bool_()),
        pa.field("actor_text", pa.string()),
        pa.field("actor_entity_id", pa.string()),
        pa.field("actor_key", pa.string()),
        pa.field("target_text", pa.string()),
        pa.field("target_entity_id", pa.string()),
        pa.field("target_key", pa.string()),
        pa.field("place_text", pa.string()),
        pa.field("place_entity_id", pa.string()),
        pa.field("place_key", pa.string()),
        pa.field("date_text", pa.string()),
        pa.field("date_value", pa.string()),
        pa.field("event_date", pa.date32()),
        pa.field("cameo_code", pa.string()),
        pa.field("cameo_name", pa.string()),
        pa.field("goldstein", pa.float32()),
    ]
)

TIMEXES = pa.schema(
    [
        *_ARTICLE_KEYS,
        pa.field("timex_index", pa.int32()),
        pa.field("start", pa.int32()),
        pa.field("end", pa.int32()),
        pa.field("text", pa.string()),
        pa.field("type", pa.string()),
        pa.field("value", pa.string()),
        pa.field("date", pa.date32()),
    ]
)

ERRORS = pa.schema(
    [
        pa.field("source", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("stage", pa.string()),
        pa.field("reason", pa.string()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "sentences": SENTENCES,
    "entities": ENTITIES,
    "mentions": MENTIONS,
    "quotes": QUOTES,
    "positions": POSITIONS,
    "events": EVENTS,
    "timexes": TIMEXES,
    "errors": ERRORS,
}

# The columns that order a table's rows (articles in input order come first in each shard;
# these keys make comparisons and exports independent of shard order).
ROW_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "sentences": ("article_id", "sentence"),
    "entities": ("article_id", "entity_id"),
    "mentions": ("article_id", "mention_index"),
    "quotes": ("article_id", "quote_index"),
    "positions": ("article_id", "quote_index", "speaker_entity_id", "target_entity_id"),
    "events": ("article_id", "event_index"),
    "timexes": ("article_id", "timex_index"),
    "errors": ("source", "article_id", "stage"),
}


def with_partition(schema: pa.Schema) -> pa.Schema:
    """The in-memory schema: the table's columns plus the partition key."""
    return schema.append(pa.field(PARTITION, pa.string(), nullable=False))
