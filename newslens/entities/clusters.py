"""Clustering an article's mentions per real-world entity, and one label per cluster.

Scope: same name; a country's aliases; a nationality's singular, plural and adjective
("Russian", "Russians"; "Democrat", "Democrats", "Democratic"); a person's surname or first
name; the first or last words of an organisation's name; an acronym of a longer name, or
one the article defines in parentheses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from newslens.entities.mentions import Mention
from newslens.entities.vocab import (
    COMPANY_TAILS,
    COUNTRY_ALIASES,
    FUNCTION_WORDS,
    INSTITUTION_HEADS,
    UNIT_NOUNS,
)

# Vote of a mention in a title-case headline, where spaCy's labels are unreliable.
HEADLINE_VOTE = 0.5
# Vote of a one-word PERSON when no full name backs it.
BARE_PERSON_VOTE = 0.5


@dataclass
class Cluster:
    key: tuple[str, ...]
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first_token(self) -> int:
        return min(m.start for m in self.mentions)


def cluster_mentions(
    mentions: list[Mention], acronym_keys: dict[tuple[str, ...], tuple[str, ...]]
) -> list[Cluster]:
    """Cluster mentions, longest names first so a short name finds its full form; names in
    title-case headlines last, so that "Clinton Plan ..." cannot claim every "Clinton".
    `acronym_keys` maps the key of an acronym the article defines to its full name's key."""
    clusters: list[Cluster] = []
    by_key: dict[tuple[str, ...], Cluster] = {}
    places: dict[tuple[str, ...], Cluster] = {}  # "in Washington" beside a "Jim Washington"
    for mention in sorted(mentions, key=lambda m: (m.headline, -len(m.key), m.start)):
        alias = _alias(mention)
        cluster = by_key.get(mention.key) or by_key.get(alias)
        if cluster is not None and _is_place_not_person(mention, cluster):
            cluster = places.get(mention.key)
        if cluster is None and mention.key in acronym_keys:
            cluster = by_key.get(acronym_keys[mention.key])
        if cluster is None:
            cluster = _nearest(mention, _partial_matches(mention, clusters))
        if cluster is None:
            cluster = Cluster(key=mention.key)
            clusters.append(cluster)
        cluster.mentions.append(mention)
        mention.cluster = cluster
        if _is_place_not_person(mention, cluster) or mention.place_cue:
            places.setdefault(mention.key, cluster)
        by_key.setdefault(mention.key, cluster)
        by_key.setdefault(alias, cluster)
    clusters = _with_company_short_forms(clusters)
    clusters.sort(key=lambda c: c.first_token)
    return clusters


def _with_company_short_forms(clusters: list[Cluster]) -> list[Cluster]:
    """A one-word name that spaCy calls a place as often as an organisation, and that
    starts the name of one organisation of the article, is that organisation's short form
    ("Cisco sues Apple" tagged GPE, "Cisco said" ORG, beside "Cisco Systems"). A word
    spaCy mostly calls a place ("China" beside "China Eastern Airlines") stays a place."""
    orgs = [c for c in clusters if len(c.key) > 1 and majority_label(c) == "ORG"]
    if not orgs:
        return clusters
    merged: set[int] = set()
    for cluster in clusters:
        if len(cluster.key) != 1 or any(m.place_cue for m in cluster.mentions):
            continue
        labels = [m.label for m in cluster.mentions]
        org_votes = labels.count("ORG")
        place_votes = sum(label in ("GPE", "LOC") for label in labels)
        if not (0 < place_votes <= org_votes):
            continue
        owners = [c for c in orgs if c.key[0] == cluster.key[0] and _is_plain_name(c.key)]
        if len(owners) != 1:
            continue
        for m in cluster.mentions:
            m.cluster = owners[0]
            owners[0].mentions.append(m)
        merged.add(id(cluster))
    return [c for c in clusters if id(c) not in merged]


def _is_place_not_person(mention: Mention, cluster: Cluster) -> bool:
    """A place after "in", "to", "from" is not the person whose surname it shares."""
    return (
        mention.place_cue
        and not mention.town_of_person
        and len(mention.key) == 1
        and mention.label in ("GPE", "LOC", "FAC")
        and majority_label(cluster) == "PERSON"
    )


def _alias(mention: Mention) -> tuple[str, ...]:
    """A key shared by the spellings of one entity: a country's names, a nationality's
    forms."""
    key = mention.key
    alias = COUNTRY_ALIASES.get(" ".join(key))
    if alias:
        return ("@country", alias)
    if mention.label == "NORP":
        return ("@norp", *key[:-1], demonym_stem(key[-1]))  # "African-Americans"
    return key


def demonym_stem(word: str) -> str:
    """One form for a nationality or group: "russians" -> "russian", "democratic" ->
    "democrat", "republicans" -> "republican"."""
    if word.endswith("s") and len(word) > 4 and not word.endswith(("ss", "is", "us")):
        word = word[:-1]
    if word.endswith("atic") and len(word) > 6:
        word = word[:-2]  # "democratic" -> "democrat"
    return word


def _partial_matches(mention: Mention, clusters: list[Cluster]) -> list[Cluster]:
    out = []
    for cluster in clusters:
        if mention.headline and _contains_person(mention, cluster):
            out.append(cluster)
            continue
        if len(cluster.key) <= len(mention.key):
            continue
        full = majority_label(cluster)
        if (
            _acronym_of(mention, cluster)
            or (full == "PERSON" and _is_part_of_person(mention, cluster))
            or (full == "ORG" and _is_part_of_org(mention, cluster))
        ):
            out.append(cluster)
    if mention.label == "PERSON" and any(majority_label(c) == "PERSON" for c in out):
        out = [c for c in out if majority_label(c) == "PERSON"]
    return out


def _contains_person(mention: Mention, cluster: Cluster) -> bool:
    """A headline's "Rip Donald Trump" holds the person "Donald Trump" of the body text."""
    return (
        mention.label == "PERSON"
        and majority_label(cluster) == "PERSON"
        and _is_edge_of(cluster.key, mention.key)
    )


def _is_part_of_person(mention: Mention, cluster: Cluster) -> bool:
    """A person's surname or first name ("Putin", "Vladimir"); spaCy often tags a bare
    surname ORG, so a one-word ORG may join a person's full name too, and a one-word
    place the surname, unless it follows "in", "to", "from"."""
    if mention.label in ("GPE", "LOC", "NORP"):
        # spaCy's small model calls some surnames places ("Scholz told ..."): a one-word
        # place that is a person's surname and stands where no place would ("in ...").
        return (
            len(mention.key) == 1
            and cluster.key[-1:] == mention.key
            and (not mention.place_cue or mention.town_of_person)
        )
    if mention.label not in ("PERSON", "ORG"):
        return False
    if mention.label == "ORG" and len(mention.key) != 1:
        return False
    return _is_edge_of(mention.key, cluster.key)


def _is_part_of_org(mention: Mention, cluster: Cluster) -> bool:
    """A short form of an organisation's name: its first words when the name is short and
    plain ("Lockheed" for "Lockheed Martin", "Ford" for "Ford Motor Co.", not "Senate" for
    "Senate Banking Committee" nor "State Department" for "State Department of Revenue"),
    or its last words after a country ("Senate" for "US Senate", not "House" for "White
    House"). spaCy often calls a part of a company's name a PERSON ("Music Store"); a
    one-word PERSON joins only in a headline ("Ford Sues ...") or where the sentence treats
    it as an organisation, never an institution named after a person."""
    if mention.label not in ("ORG", "PERSON"):
        return False
    part, whole = mention.key, cluster.key
    if not _is_edge_of(part, whole):
        return False
    if mention.label == "PERSON":
        if whole[-1] in INSTITUTION_HEADS:
            return False  # "Muhammad Ali" is not "the Muhammad Ali Center"
        if len(part) < 2 and not (mention.headline or mention.org_cue):
            return False  # "Obama" is not "the Obama White House"
    if whole[: len(part)] == part:
        return _is_plain_name(whole)
    if mention.label == "PERSON" and len(part) < 2:
        return False
    return " ".join(whole[: len(whole) - len(part)]) in COUNTRY_ALIASES


def _is_plain_name(key: tuple[str, ...]) -> bool:
    """A short organisation's name whose first words alone may name it: "Lockheed Martin",
    "Lehman Brothers Holdings Inc.", not "Senate Banking Committee" nor "State Department of
    Revenue"."""
    core = _without_company_tail(key)
    return (
        len(core) <= 3 and not any(w in FUNCTION_WORDS for w in core) and core[-1] not in UNIT_NOUNS  # pyright: ignore[reportGeneralTypeIssues]
    )


def _without_company_tail(key: tuple[str, ...]) -> tuple[str, ...]:
    """A company's name without its legal form and holding words ("Lehman Brothers
    Holdings Inc." -> "Lehman Brothers"), so that its first words are judged on the name."""
    end = len(key)
    while end > 1 and key[end - 1] in COMPANY_TAILS:
        end -= 1
    return key[:end]


def _is_edge_of(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    n = len(part)
    return 0 < n < len(whole) and (whole[:n] == part or whole[-n:] == part)


def _acronym_of(mention: Mention, cluster: Cluster) -> bool:
    """ "USAF" for "United States Air Force", "EU" for "European Union"."""
    if len(mention.key) != 1 or len(mention.key[0]) < 2:
        return False
    if not mention.name.replace(".", "").isupper():
        return False
    if mention.label == "PERSON" or majority_label(cluster) == "PERSON":
        return False
    acronym = mention.key[0]
    if acronym in cluster.key:
        return False  # "US" in "US Senate" is a word of the name, not its acronym
    words = [w for w in cluster.key if w not in FUNCTION_WORDS and w[0].isalpha()]
    initials = "".join(w[0] for w in words)
    # "GM" for "General Motors Corp.": the legal form may be left out of the acronym.
    short = "".join(w[0] for w in _without_company_tail(tuple(words)))
    return len(short) >= 2 and acronym in (initials, short)


def _nearest(mention: Mention, candidates: list[Cluster]) -> Cluster | None:
    """Which of several clusters a short name belongs to. For people, the one introduced
    first: news names the main person by surname and others in full or by first name
    ("Hillary Clinton ... Chelsea Clinton ... Clinton said"). For organisations, the one
    mentioned last before `mention`. With no earlier mention, the first in the text."""
    if not candidates:
        return None
    if all(majority_label(c) == "PERSON" for c in candidates):
        introduced = [c for c in candidates if c.first_token < mention.start]
        return min(introduced or candidates, key=lambda c: c.first_token)

    def last_before(cluster: Cluster) -> int:
        before = [m.start for m in cluster.mentions if m.start < mention.start]
        return max(before) if before else -1 - cluster.first_token

    return max(candidates, key=last_before)


def majority_label(cluster: Cluster) -> str:
    """The label of the cluster's fullest name: the majority among the mentions with the
    most words (so "Donald Trump" makes a bare "Trump" tagged ORG a PERSON too), ties broken
    by the majority over all mentions. A person is introduced by their full name in news, so
    a one-word PERSON vote counts half when no full name backs it; a headline's vote counts
    half. A "person" that the article treats as an organisation ("Ryanair CEO", "an analyst
    at Goldman Sachs") and never gives a title is an organisation."""
    longest = max(len(m.key) for m in cluster.mentions)
    full: defaultdict[str, float] = defaultdict(float)
    every: defaultdict[str, float] = defaultdict(float)
    for m in cluster.mentions:
        weight = HEADLINE_VOTE if m.headline else 1.0
        if m.label == "PERSON" and longest == 1:
            weight *= BARE_PERSON_VOTE
        every[m.label] += weight
        if len(m.key) == longest:
            full[m.label] += weight
    label = max(full, key=lambda lab: (full[lab], every[lab]))
    if (
        label == "PERSON"
        and any(m.org_cue for m in cluster.mentions)
        and not any(m.titled for m in cluster.mentions)
    ):
        return "ORG"
    return label
