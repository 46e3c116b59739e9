"""Stories: articles about the same happening, grouped by the actors they name and the words
of their headlines, within a date window.

Scope and method: each article is a tf-idf vector of its actors (joined across articles by
`identity`, weighted by 1 + log of their mentions) and of its headline's content words
(weight `TITLE_WEIGHT`), normalised to length 1. Two articles published at most
`WINDOW_DAYS` apart are similar by the cosine of their vectors. Articles are taken in order
of publication; each joins the story whose members (those within the window) it is most
similar to on average, when that average reaches `THRESHOLD`, or starts a story of its own.
Average linkage keeps a busy actor (named everywhere, low idf) from chaining unrelated
articles into one story. The threshold and window were chosen on the 30-article test corpus
whose stories are known (tests/corpus_ui_articles.py; `pair_scores` measures it) and checked
by hand on PolNeAR.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

WINDOW_DAYS = 3
THRESHOLD = 0.25
TITLE_WEIGHT = 0.5
# Features named in more than this share of the articles say nothing about which story an
# article tells (their idf is near 0) and would make every pair a candidate: left out.
MAX_DF = 0.2
_WORD = re.compile(r"[a-z][a-z'-]{3,}")
STOPWORDS = frozenset(
    """about after again against also amid among back been before being between both could
    does doing down during each even first from have having here into just like made make
    many more most much must next only other over plan says said same should since some still
    such than that their them then there these they this those through under until very want
    what when where which while will with within would year years your news just""".split()
)


@dataclass
class Story:
    story: int
    articles: list[str]
    label: str


def title_words(title: str | None) -> set[str]:
    words = _WORD.findall((title or "").lower().replace("\u2019", "'"))
    return {w.removesuffix("'s") for w in words if w not in STOPWORDS}


def vectors(
    articles: pd.DataFrame, features: pd.DataFrame
) -> tuple[list[dict[str, float]], dict[str, int]]:
    """Unit tf-idf vectors (one per row of `articles`: article_id, title) from `features`
    (article_id, actor, mentions); document frequencies by feature."""
    index = {a: i for i, a in enumerate(articles["article_id"].tolist())}
    raw: list[dict[str, float]] = [{} for _ in index]
    for aid, actor, n in zip(
        features["article_id"].tolist(),
        features["actor"].tolist(),
        features["mentions"].tolist(),
        strict=True,
    ):
        i = index.get(aid)
        if i is not None and isinstance(actor, str):
            raw[i]["a:" + actor] = 1.0 + math.log(max(1, int(n)))
    for i, title in enumerate(articles["title"].tolist()):
        for word in title_words(title):
            raw[i].setdefault("w:" + word, TITLE_WEIGHT)
    df: dict[str, int] = defaultdict(int)
    for vec in raw:
        for feature in vec:
            df[feature] += 1
    n = max(1, len(raw))
    idf = {f: math.log((1 + n) / (1 + d)) for f, d in df.items() if d <= MAX_DF * n or n < 20}
    out = []
    for vec in raw:
        weighted = {f: w * idf[f] for f, w in vec.items() if f in idf}
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        out.append({f: w / norm for f, w in weighted.items() if w > 0})
    return out, dict(df)


def group(
    articles: pd.DataFrame,
    features: pd.DataFrame,
    *,
    window_days: int = WINDOW_DAYS,
    threshold: float = THRESHOLD,
) -> pd.DataFrame:
    """article_id -> story (int, stories numbered by their first article) and similarity
    (to the story's other members, 0 for an article alone). `articles`: article_id,
    published, title; `features`: article_id, actor, mentions."""
    if articles.empty:
        return pd.DataFrame(columns=["article_id", "story", "similarity"])
    articles = articles.sort_values(["published", "article_id"], na_position="last")
    articles = articles.reset_index(drop=True)
    vecs, _ = vectors(articles, features)
    elapsed = (pd.to_datetime(articles["published"]) - pd.Timestamp(0)).dt.days
    days = [None if pd.isna(d) else int(d) for d in elapsed]
    # Only dated articles are posted, so only they are ever compared or joined: an undated
    # one is a story of its own.
    day_of = {i: d for i, d in enumerate(days) if d is not None}
    postings: dict[str, list[int]] = defaultdict(list)
    story_of: list[int] = []
    members: dict[int, list[int]] = defaultdict(list)
    similarity: list[float] = []
    for i, vec in enumerate(vecs):
        sims: dict[int, float] = defaultdict(float)
        best, best_score = -1, 0.0
        day = days[i]
        if day is not None:
            for feature, weight in vec.items():
                for j in postings.get(feature, ()):
                    if day - day_of[j] <= window_days:
                        sims[j] += weight * vecs[j][feature]
            for story in {story_of[j] for j in sims}:
                near = [j for j in members[story] if day - day_of[j] <= window_days]
                score = sum(sims.get(j, 0.0) for j in near) / max(1, len(near))
                if score > best_score or (score == best_score and story < best):
                    best, best_score = story, score
        if best >= 0 and best_score >= threshold:
            story_of.append(best)
            similarity.append(round(best_score, 3))
        else:
            best = len(members)
            story_of.append(best)
            similarity.append(0.0)
        members[best].append(i)
        if day is not None:
            for feature in vec:
                postings[feature].append(i)
                # Drop postings that fell out of the window: articles come in date order.
                while day - day_of[postings[feature][0]] > window_days:
                    postings[feature].pop(0)
    return pd.DataFrame(
        {"article_id": articles["article_id"], "story": story_of, "similarity": similarity}
    )


def pair_scores(predicted: dict[str, int], truth: dict[str, str | None]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a grouping against known stories (None: an
    article of no story)."""
    ids = sorted(set(predicted) & set(truth))
    tp = fp = fn = 0
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            a, b = ids[x], ids[y]
            same_pred = predicted[a] == predicted[b]
            same_true = truth[a] is not None and truth[a] == truth[b]
            tp += same_pred and same_true
            fp += same_pred and not same_true
            fn += same_true and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
