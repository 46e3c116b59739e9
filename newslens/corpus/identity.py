"""Cross-article identity of actors: one actor across articles, whatever name each article
uses for it.

Scope: the store keys every entity cluster by its normalised full name (`names.entity_key`:
case, titles, possessives and punctuation removed), so "Mr. Trump's" is already "trump".
This module joins the keys that name the same person:

- full names that differ only by a middle name or initial ("donald j trump", "donald trump"),
  unless the corpus has two different middles for the same first and last name ("george w
  bush", "george h w bush": then each stays apart);
  a generational suffix (jr, sr, ii, iii) keeps a name apart ("donald trump jr");
- a one-word key (a surname, or a first name when no surname matches) joins the one full
  name it can mean. When several people share it ("clinton": Hillary and Bill), it is joined
  only with evidence: in an article that names exactly one of them, it is that one (an
  article naming both leaves it apart); elsewhere it joins the person named in at least
  `DOMINANCE` times as many articles as the next one, and otherwise stays its own
  (ambiguous) actor;
- a few fixed aliases of places and bodies (`ALIASES`: "u s" -> "united states").

The result is two small tables that the dashboard's queries join: `keys` (key -> actor, the
default for that key) and `overrides` (article_id, key -> actor, where the article's own
names decide). An actor id is the canonical key; `names` gives its display name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import duckdb
import pandas as pd

PERSON = "PERSON"
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# How many times more articles the leading bearer of a shared surname must be named in than
# the next one before a bare surname, with no other evidence, is taken to mean them.
DOMINANCE = 4.0
# A one-word key is a person's name only when spaCy labelled it PERSON in at least this
# share of its articles (or it speaks): "Jordan" the country never becomes Michael Jordan.
PERSON_SHARE = 0.3
MAX_NAME_WORDS = 4
MIN_ARTICLES = 2
# Speakers the quote extractor left as a pronoun: no actor (their quotes count as unattributed).
PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "him", "her", "them", "one"})
FUNCTION_WORDS = frozenset({"of", "for", "the", "and", "a", "an", "to", "in", "on", "at", "by"})
_NAME_WORD = re.compile(r"^[^\W\d_][\w'-]*$")
ALIASES = {
    "u s": "united states",
    "us": "united states",
    "u s a": "united states",
    "usa": "united states",
    "america": "united states",
    "the united states": "united states",
    "u k": "united kingdom",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "u n": "united nations",
    "un": "united nations",
    "e u": "european union",
    "eu": "european union",
    "gop": "republican party",
    "g o p": "republican party",
}


@dataclass
class Identity:
    keys: pd.DataFrame  # key, actor, name, label
    overrides: pd.DataFrame  # article_id, key, actor
    names: dict[str, str]  # actor -> display name
    ambiguous: set[str]  # one-word keys left apart because several people bear them

    def actor_of(self, key: str | None, article_id: str | None = None) -> str | None:
        """The actor a key names (in an article, when given); the key itself if unknown,
        None for a pronoun."""
        if key is None:
            return None
        if article_id is not None and not self.overrides.empty:
            hit = self._override_index.get((article_id, key))
            if hit is not None:
                return hit
        return self._key_index.get(key, key)

    def __post_init__(self) -> None:
        self._key_index = {
            k: a if isinstance(a, str) else None
            for k, a in zip(self.keys["key"], self.keys["actor"], strict=True)
        }
        self._override_index = {
            (a, k): v
            for a, k, v in zip(
                self.overrides["article_id"],
                self.overrides["key"],
                self.overrides["actor"],
                strict=True,
            )
        }

    def name(self, actor: str | None) -> str:
        if not isinstance(actor, str):  # None, or NaN from a pandas column
            return ""
        return self.names.get(actor) or actor.title()


class KeyStats(NamedTuple):
    """One row of the key statistics (`KEY_STATS_SQL`)."""

    key: str
    label: str  # the key's most common entity label
    articles: int  # entity clusters with this key (about: articles naming it)
    person_articles: int  # of them, labelled PERSON
    speaks: bool  # a quote's speaker has this key
    name: str | None  # its most common display form


def _full_name_id(words: list[str]) -> str:
    """'donald j trump' -> 'donald trump'; 'donald trump jr' -> 'donald trump jr'."""
    suffix = [words[-1]] if words[-1] in SUFFIXES and len(words) > 2 else []
    core = words[: len(words) - len(suffix)]
    return " ".join([core[0], core[-1], *suffix])


def _middle(words: list[str]) -> str:
    end = len(words) - (1 if words[-1] in SUFFIXES and len(words) > 2 else 0)
    return " ".join(words[1 : end - 1])


def _surname(actor: str) -> str:
    words = actor.split()
    return words[-2] if words[-1] in SUFFIXES and len(words) > 2 else words[-1]


def resolve(
    key_stats: pd.DataFrame,
    article_keys: pd.DataFrame | Callable[[list[str], list[str]], pd.DataFrame],
) -> Identity:
    """Identity from `key_stats` (key, label, articles, person_articles, speaks, name: one row
    per key, name its most common display form) and `article_keys` (article_id, key: the
    distinct keys each article names), or a function that returns those rows for the given
    bare keys and full-name keys only (what the per-article evidence needs)."""
    rows = key_stats[list(KeyStats._fields)].itertuples(index=False)
    stats = {r.key: r for r in map(KeyStats._make, rows)}

    def person_like(key: str) -> bool:
        r = stats[key]
        if r.articles == 0:  # named only as a speaker, never as an entity
            return bool(r.speaks)
        return r.person_articles >= PERSON_SHARE * r.articles

    def full_name(key: str) -> bool:
        words = key.split()
        return (
            2 <= len(words) <= MAX_NAME_WORDS
            and all(_NAME_WORD.match(w) and w not in FUNCTION_WORDS for w in words)
            and stats[key].label == PERSON
            and stats[key].articles > 0  # a spaCy PERSON somewhere, not only a speaker phrase
        )

    actor_of: dict[str, str] = {}
    # 1. full names (two words or more) of people: grouped by first + last name (+ suffix);
    # middle names join the group unless two different ones occur ("george w bush" and
    # "george h w bush" are two people, so each keeps its middle and "george bush" its own).
    groups: dict[str, list[str]] = defaultdict(list)
    for key in stats:
        if key not in ALIASES and full_name(key):
            groups[_full_name_id(key.split())].append(key)
    full_articles: dict[str, int] = defaultdict(int)
    for actor, keys in groups.items():
        middles = {_middle(k.split()) for k in keys} - {""}
        for key in keys:
            own = actor if len(middles) <= 1 and len(keys) > 1 else key
            actor_of[key] = own
            full_articles[own] += int(stats[key].articles)
    # A name with a word before a well-known full name ("billionaire donald trump", the
    # cluster named after "Billionaire Donald Trump") is that person when the full name is
    # named in `DOMINANCE` times as many articles.
    for key in list(actor_of):
        words = key.split()
        if actor_of[key] != key or len(words) < 3 or words[-1] in SUFFIXES:
            continue
        tail = " ".join(words[-2:])
        if (
            tail in full_articles
            and tail != key
            and full_articles[tail] >= DOMINANCE * int(stats[key].articles)
        ):
            full_articles[tail] += full_articles.pop(key, 0)
            actor_of[key] = tail
    by_surname: dict[str, list[str]] = defaultdict(list)
    by_first: dict[str, list[str]] = defaultdict(list)
    for actor in full_articles:
        by_surname[_surname(actor)].append(actor)
        by_first[actor.split()[0]].append(actor)

    # 2. one-word keys: the full names they can mean (as surname or first name). A one-word
    # key spaCy seldom calls PERSON still names a person when it speaks ("Kasich said").
    candidates: dict[str, list[str]] = {}
    for key, r in stats.items():
        if " " in key or key in actor_of or key in ALIASES:
            continue
        found = sorted(
            set(by_surname.get(key, [])) | set(by_first.get(key, [])),
            key=lambda a: (-full_articles[a], a),
        )
        if found and (person_like(key) or (r.speaks and r.person_articles > 0)):
            candidates[key] = found
    ambiguous: set[str] = set()
    for key, found in candidates.items():
        # Corpus-wide, a bare name follows a full name seen in a few articles at least
        # (one stray "Cruz's Iowa" does not rename Iowa); within an article, see step 4.
        first = found[0]
        second = full_articles[found[1]] if len(found) > 1 else 0
        if full_articles[first] < MIN_ARTICLES:
            continue
        if len(found) == 1 or full_articles[first] >= DOMINANCE * second:
            actor_of[key] = first
        else:
            ambiguous.add(key)

    # 3. aliases, then every other key is its own actor; pronouns name no actor.
    for key in stats:
        if key in ALIASES:
            actor_of[key] = ALIASES[key]
        actor_of.setdefault(key, key)

    # 4. per-article evidence for shared one-word keys: the article names exactly one of them.
    overrides = []
    shared = {k: set(v) for k, v in candidates.items()}
    relevant = set(shared) | {a for v in shared.values() for a in v}
    keyed: pd.DataFrame | None = None
    if shared and callable(article_keys):
        full_keys = [k for k, a in actor_of.items() if " " in k and a in relevant]
        keyed = article_keys(sorted(shared), sorted(full_keys))
    elif shared and not callable(article_keys):
        keyed = article_keys
    if keyed is not None and not keyed.empty:
        named_keys: pd.DataFrame = keyed.loc[keyed["key"].isin(list(relevant | set(actor_of)))]
        named: dict[str, set[str]] = defaultdict(set)
        bare: dict[str, set[str]] = defaultdict(set)
        for article_id, key in zip(named_keys["article_id"], named_keys["key"], strict=True):
            if key in shared:
                bare[article_id].add(key)
            elif " " in key and actor_of.get(key) in relevant:
                named[article_id].add(actor_of[key])
        for article_id, keys in bare.items():
            for key in keys:
                present = shared[key] & named.get(article_id, set())
                if len(present) == 1:
                    actor = next(iter(present))
                elif len(present) > 1:
                    actor = key  # both people named here: "Clinton" alone stays apart
                else:
                    continue
                if actor != actor_of[key]:
                    overrides.append((article_id, key, actor))

    names = _display_names(stats, actor_of)
    # Pronouns name no actor.
    actors = {key: None if key in PRONOUNS else actor for key, actor in actor_of.items()}
    keys = pd.DataFrame(
        {
            "key": list(actors),
            "actor": list(actors.values()),
            "label": [PERSON if person_like(k) else stats[k].label for k in actors],
        }
    )
    keys["name"] = keys["actor"].map(lambda a: names.get(a) if a else None)
    return Identity(
        keys=keys,
        overrides=pd.DataFrame(overrides, columns=["article_id", "key", "actor"]),
        names=names,
        ambiguous=ambiguous,
    )


def _display_names(stats: dict[str, KeyStats], actor_of: dict[str, str]) -> dict[str, str]:
    """Each actor's name: as articles write its own key ('Donald Trump'), else its full name
    named in most articles."""
    best: dict[str, tuple[bool, bool, int, str]] = {}
    for key, actor in actor_of.items():
        r = stats[key]
        rank = (key == actor, len(key.split()) >= 2, int(r.articles), r.name or key)
        if actor not in best or rank[:3] > best[actor][:3]:
            best[actor] = rank
    return {actor: rank[3] for actor, rank in best.items()}


# Counts are of entity clusters (an article rarely has two clusters with one key): far
# cheaper than distinct articles on millions of rows, and the rules only compare them.
KEY_STATS_SQL = """
    WITH per_key AS (
        SELECT key,
               mode(label) AS label,
               count(*) AS articles,
               count(*) FILTER (WHERE label = 'PERSON') AS person_articles,
               mode(name) AS name
        FROM entities WHERE key IS NOT NULL GROUP BY key
    ),
    s AS (
        SELECT DISTINCT speaker_key AS key FROM quotes WHERE speaker_key IS NOT NULL
    )
    SELECT coalesce(p.key, s.key) AS key,
           coalesce(p.label, 'PERSON') AS label,
           coalesce(p.articles, 0) AS articles,
           coalesce(p.person_articles, 0) AS person_articles,
           s.key IS NOT NULL AS speaks,
           coalesce(p.name, s.key) AS name
    FROM per_key p FULL OUTER JOIN s ON p.key = s.key
"""


def corpus_identity(con: duckdb.DuckDBPyConnection) -> Identity:
    """The identity of every key of the corpus behind `con` (a `queries.connect` connection)."""
    key_stats = con.execute(KEY_STATS_SQL).df()

    def article_keys(bare: list[str], full: list[str]) -> pd.DataFrame:
        # Only articles that name a shared bare name, and only the names that can decide it.
        return con.execute(
            """
            WITH bare AS (SELECT DISTINCT article_id FROM entities
                          WHERE list_contains($bare, key))
            SELECT DISTINCT e.article_id, e.key FROM entities e SEMI JOIN bare USING (article_id)
            WHERE list_contains($keys, e.key)
            """,
            {"bare": bare, "keys": bare + full},
        ).df()

    return resolve(key_stats, article_keys)
