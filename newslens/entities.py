"""Named entities: spaCy's mentions, cleaned, and clustered per real-world entity.

spaCy's NER gives one label per mention and knows nothing of the rest of the article, so
"Trump" can be ORG in one sentence and PERSON in the next, and a shouted "END" becomes an
organisation. Here the mentions are

1. trimmed (possessive "'s", stray punctuation) and filtered (no letters, mostly digits,
   currency codes next to amounts, shouted common words);
2. widened to the whole name as news corpora annotate it: the determiner of the name
   ("the Pentagon") and, for people, a capitalised title right before it
   ("President Vladimir Putin");
3. clustered within the article: same name, a person's surname or first name, the first or
   last words of an organisation's name, an acronym of a longer name, a country's aliases;
4. relabelled: one label per cluster (PERSON when the full name is a PERSON, else the
   majority), and a person's bare surname that spaCy missed is added when it is written
   exactly like a known name of the article.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newslens.model import EntityCluster, EntityMention

# Labels shown as entities in the dashboard (numbers and dates go to timexes.py instead).
NAME_LABELS = {
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "NORP",
    "FAC",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
    "LANGUAGE",
}
# Names that take a determiner as part of the name ("the Kremlin", "the US").
DETERMINED_LABELS = {"ORG", "GPE", "LOC", "FAC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}

# Titles and roles written before a person's name ("President Vladimir Putin").
PERSON_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady madam
    president vice senator sen rep representative congressman congresswoman governor gov
    mayor minister prime chancellor secretary ambassador commissioner premier
    general gen colonel col lieutenant lt captain capt sergeant sgt admiral adm major marshal
    judge justice presiding attorney king queen prince princess emperor pope cardinal bishop
    archbishop rabbi imam reverend rev father sheikh chief executive ceo chairman chairwoman
    chair spokesman spokeswoman spokesperson director deputy foreign defence defense interior
    finance economy health justice trade officer leader speaker
    """.split()
)
# Titles that only ever come before a person's name (not "President's Council").
PERSON_ONLY_TITLES = frozenset(
    "mr mrs ms mx dr sen senator rep congressman congresswoman gov governor mayor judge "
    "spokesman spokeswoman spokesperson sir dame".split()
)
# Possessive endings spaCy keeps inside a name ("Apple Computer 's").
POSSESSIVES = {"'s", "'", "’s", "’", "`s"}
FUNCTION_WORDS = {"of", "and", "the", "for", "de", "du", "la", "le", "&", "in", "on", "at"}
ARTICLES = {"the"}
# Different spellings of one country: mentions with these keys share a cluster.
COUNTRY_ALIASES = {
    "us": "us",
    "usa": "us",
    "united states": "us",
    "united states of america": "us",
    "uk": "uk",
    "united kingdom": "uk",
    "great britain": "uk",
    "britain": "uk",
    "uae": "uae",
    "united arab emirates": "uae",
    "prc": "china",
    "china": "china",
    "people 's republic of china": "china",
    "people's republic of china": "china",
    "ussr": "ussr",
    "soviet union": "ussr",
    "drc": "drc",
    "democratic republic of the congo": "drc",
}
CURRENCY_SIGNS = {"$", "#", "£", "€", "¥"}


@dataclass
class _Mention:
    start: int  # token index of the mention (determiner and title included)
    end: int
    label: str
    key: tuple[str, ...]  # normalised bare name ("vladimir", "putin")
    name: str  # the bare name as written ("Vladimir Putin")
    cluster: _Cluster | None = None
    headline: bool = False  # in a title-case line, where spaCy's boundaries are unreliable


@dataclass
class _Cluster:
    key: tuple[str, ...]
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def first_token(self) -> int:
        return min(m.start for m in self.mentions)


def extract_entities(doc: Doc) -> tuple[list[EntityMention], list[EntityCluster]]:
    """Entity mentions of `doc` (in text order) and their clusters (in order of appearance)."""
    mentions = [m for ent in doc.ents if (m := _mention_from_ent(doc, ent)) is not None]
    text = doc.text  # built on every access: read it once
    headlines: dict[tuple[int, int], bool] = {}
    for mention in mentions:
        mention.headline = _in_headline(doc, text, mention, headlines)
    clusters = _cluster(mentions)
    mentions.extend(_missed_surnames(doc, mentions, clusters))
    mentions.sort(key=lambda m: m.start)
    return _to_model(doc, text, mentions, clusters)


# ---------------------------------------------------------------- one mention


def _mention_from_ent(doc: Doc, ent: Span) -> _Mention | None:
    label = ent.label_
    if label not in NAME_LABELS:
        return None
    start, end = ent.start, ent.end
    # Trailing possessives and punctuation are not part of the name ("Putin 's").
    possessive = False
    while end > start and (doc[end - 1].text in POSSESSIVES or doc[end - 1].is_punct):
        possessive = possessive or doc[end - 1].text in POSSESSIVES
        end -= 1
    while start < end and doc[start].is_punct:
        start += 1
    if start >= end:
        return None
    name_start = start
    while name_start < end and (doc[name_start].lower_ in ARTICLES or doc[name_start].is_punct):
        name_start += 1
    if any(doc[i].is_punct for i in range(start, name_start)):
        start = name_start  # 'the “Lion' -> 'Lion'; the article may come back below
    if label != "PERSON" and _titled_name(doc, name_start, end):
        label = "PERSON"  # "Spokeswoman Sandy Angers" tagged ORG
    if label == "PERSON":
        while name_start < end - 1 and _is_title(doc[name_start]):
            name_start += 1
    if name_start >= end or _is_false_positive(doc, name_start, end, label):
        return None
    if possessive or _is_premodifier(doc[start:end]):
        # "the Air Force 's plan", "the Apple store": the article belongs to the outer phrase.
        start = name_start
    elif label in DETERMINED_LABELS and start == name_start:
        start = _with_determiner(doc, start, end)
    if label == "PERSON":
        start = _with_title(doc, start, name_start)
    name_span = doc[name_start:end]
    key = _key(name_span)
    if not key:
        return None
    return _Mention(start=start, end=end, label=label, key=key, name=name_span.text)


def _key(span: Span) -> tuple[str, ...]:
    """Lower-case words of a name without periods ("U.S." -> "us"), for matching."""
    words = (t.lower_.replace(".", "").replace("’", "'") for t in span)
    return tuple(w for w in words if w and any(ch.isalnum() for ch in w))


def _titled_name(doc: Doc, start: int, end: int) -> bool:
    """A person-only title followed by capitalised words: "Spokeswoman Sandy Angers"."""
    first = doc[start]
    if end - start < 2 or first.lower_.rstrip(".") not in PERSON_ONLY_TITLES:
        return False
    return all(t.text[:1].isupper() for t in doc[start + 1 : end] if t.is_alpha)


def _is_title(token: Token) -> bool:
    return token.lower_.rstrip(".") in PERSON_TITLES


def _with_determiner(doc: Doc, start: int, end: int) -> int:
    """Include a "the" that determines the name itself ("the Pentagon", not "the US plan")."""
    if start == 0:
        return start
    prev = doc[start - 1]
    if prev.lower_ in ARTICLES and prev.dep_ == "det" and start <= prev.head.i < end:
        return start - 1
    return start


def _is_premodifier(span: Span) -> bool:
    """The name modifies a noun after it ("the Apple store", "the US Senate vote")."""
    root = span.root
    return root.dep_ in ("compound", "amod", "nmod") and not span.start <= root.head.i < span.end


def _with_title(doc: Doc, start: int, name_start: int) -> int:
    """Include a run of title words right before a person's name when it stands on its own
    and begins with a capital ("President Vladimir Putin", "Chief executive Thomas Enders");
    not a role qualified by what precedes it ("Airbus chief executive Noel Forgeard",
    "Apple CEO Steve Jobs", "company CEO Steve Jobs")."""
    i = start
    while i > 0 and _is_title(doc[i - 1]) and not doc[i - 1].ent_type_:
        i -= 1
    while i < name_start and not doc[i].text[:1].isupper():
        i += 1
    if i < name_start and i > 0:
        before = doc[i - 1]
        # "US President Donald Trump": a country's title is the person's own.
        of_a_place = before.ent_type_ in ("GPE", "NORP", "LOC")
        if before.ent_type_ in ("ORG", "PERSON") or (
            before.pos_ in ("NOUN", "PROPN") and not of_a_place
        ):
            return name_start
    return i


def _is_false_positive(doc: Doc, start: int, end: int, label: str) -> bool:
    span = doc[start:end]
    text = span.text
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    if letters == 0 or digits > letters:
        return True
    if not any(ch.isupper() for ch in text):
        return True  # names are capitalised: "state", "the president"
    if label == "NORP":
        return False
    if len(span) == 1:
        word = span[0].text
        if word.isupper() and word.isalpha():
            # A currency code next to an amount ("USD 40", "GB # 20.1 billion").
            if len(word) <= 3 and _next_to_amount(doc, start, end):
                return True
            # A shouted common word ("an END to the war"), not an acronym.
            if len(word) >= 3 and word.lower() in _common_words(doc) and not _shouting(span):
                return True
    return False


def _next_to_amount(doc: Doc, start: int, end: int) -> bool:
    after = doc[end] if end < len(doc) else None
    before = doc[start - 1] if start > 0 else None
    return bool(
        (after is not None and (after.like_num or after.text in CURRENCY_SIGNS))
        or (before is not None and before.like_num)
    )


def _shouting(span: Span) -> bool:
    """True when the whole sentence is in capitals (a headline), so capitals say nothing."""
    letters = [ch for ch in span.sent.text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


def _common_words(doc: Doc) -> frozenset[str]:
    """English verbs, adjectives and adverbs known to the pipeline's lemmatizer (WordNet).

    Nouns are left out on purpose: WordNet's noun index lists acronyms such as "nasa"."""
    from newslens import nlp as nlp_module

    for pipeline in list(nlp_module._cache.values()):
        if pipeline.vocab is doc.vocab:
            return _lemmatizer_words(pipeline)
    return frozenset()


@lru_cache(maxsize=4)
def _lemmatizer_words(pipeline) -> frozenset[str]:
    try:
        table = pipeline.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError, AttributeError):
        return frozenset()
    words: set[str] = set()
    for pos in ("verb", "adj", "adv"):
        if pos in table:
            words.update(w for w in table[pos] if "_" not in w)
    return frozenset(words)


# ---------------------------------------------------------------- clustering


def _cluster(mentions: list[_Mention]) -> list[_Cluster]:
    """Cluster mentions, longest names first so a short name finds its full form; names in
    title-case headlines last, so that "Clinton Plan ..." cannot claim every "Clinton"."""
    clusters: list[_Cluster] = []
    by_key: dict[tuple[str, ...], _Cluster] = {}
    for mention in sorted(mentions, key=lambda m: (m.headline, -len(m.key), m.start)):
        cluster = by_key.get(mention.key) or by_key.get(_alias(mention.key))
        if cluster is None:
            cluster = _nearest(mention, _partial_matches(mention, clusters))
        if cluster is None:
            cluster = _Cluster(key=mention.key)
            clusters.append(cluster)
        cluster.mentions.append(mention)
        mention.cluster = cluster
        by_key.setdefault(mention.key, cluster)
        by_key.setdefault(_alias(mention.key), cluster)
    clusters.sort(key=lambda c: c.first_token)
    return clusters


def _alias(key: tuple[str, ...]) -> tuple[str, ...]:
    alias = COUNTRY_ALIASES.get(" ".join(key))
    return ("@country", alias) if alias else key


def _partial_matches(mention: _Mention, clusters: list[_Cluster]) -> list[_Cluster]:
    out = []
    for cluster in clusters:
        if mention.headline and _contains_person(mention, cluster):
            out.append(cluster)
            continue
        if len(cluster.key) <= len(mention.key):
            continue
        full = _majority_label(cluster)
        if _acronym_of(mention, cluster):
            out.append(cluster)
        elif full == "PERSON" and _is_part_of_person(mention, cluster):
            out.append(cluster)
        elif full == "ORG" and _is_part_of_org(mention, cluster):
            out.append(cluster)
    return out


def _contains_person(mention: _Mention, cluster: _Cluster) -> bool:
    """A headline's "Rip Donald Trump" holds the person "Donald Trump" of the body text."""
    return (
        mention.label == "PERSON"
        and _majority_label(cluster) == "PERSON"
        and _is_edge_of(cluster.key, mention.key)
    )


def _is_part_of_person(mention: _Mention, cluster: _Cluster) -> bool:
    """A person's surname or first name ("Putin", "Vladimir"); spaCy often tags a bare
    surname ORG, so a one-word ORG may join a person's full name too."""
    if mention.label not in ("PERSON", "ORG"):
        return False
    if mention.label == "ORG" and len(mention.key) != 1:
        return False
    return _is_edge_of(mention.key, cluster.key)


def _is_part_of_org(mention: _Mention, cluster: _Cluster) -> bool:
    """A short form of an organisation's name: its first words when the name is short and
    plain ("Lockheed" for "Lockheed Martin", not "Senate" for "Senate Armed Services
    Committee" nor "State Department" for "State Department of Revenue"), or its last words
    after a country ("Senate" for "US Senate", not "House" for "White House"). spaCy often
    calls a several-word part of a long company name a PERSON ("Music Store")."""
    if mention.label == "PERSON" and len(mention.key) < 2:
        return False
    if mention.label not in ("ORG", "PERSON"):
        return False
    part, whole = mention.key, cluster.key
    if not _is_edge_of(part, whole):
        return False
    if whole[: len(part)] == part:
        return len(whole) <= 3 and not any(w in FUNCTION_WORDS for w in whole)
    return " ".join(whole[: len(whole) - len(part)]) in COUNTRY_ALIASES


def _is_edge_of(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    n = len(part)
    return 0 < n < len(whole) and (whole[:n] == part or whole[-n:] == part)


def _acronym_of(mention: _Mention, cluster: _Cluster) -> bool:
    """ "USAF" for "United States Air Force", "EU" for "European Union"."""
    if len(mention.key) != 1 or len(mention.key[0]) < 2:
        return False
    if not mention.name.replace(".", "").isupper():
        return False
    if mention.label == "PERSON" or _majority_label(cluster) == "PERSON":
        return False
    acronym = mention.key[0]
    if acronym in cluster.key:
        return False  # "US" in "US Senate" is a word of the name, not its acronym
    initials = "".join(w[0] for w in cluster.key if w not in FUNCTION_WORDS and w[0].isalpha())
    return len(initials) >= 2 and initials == acronym


def _nearest(mention: _Mention, candidates: list[_Cluster]) -> _Cluster | None:
    """Which of several clusters a short name belongs to. For people, the one introduced
    first: news names the main person by surname and others in full or by first name
    ("Hillary Clinton ... Chelsea Clinton ... Clinton said"). For organisations, the one
    mentioned last before `mention`. With no earlier mention, the first in the text."""
    if not candidates:
        return None
    if all(_majority_label(c) == "PERSON" for c in candidates):
        introduced = [c for c in candidates if c.first_token < mention.start]
        return min(introduced or candidates, key=lambda c: c.first_token)

    def last_before(cluster: _Cluster) -> int:
        before = [m.start for m in cluster.mentions if m.start < mention.start]
        return max(before) if before else -1 - cluster.first_token

    return max(candidates, key=last_before)


def _majority_label(cluster: _Cluster) -> str:
    """The label of the cluster's fullest name: the majority among the mentions with the
    most words (so "Donald Trump" makes a bare "Trump" tagged ORG a PERSON too), ties broken
    by the majority over all mentions. A person is introduced by their full name in news, so
    a one-word PERSON vote counts half when no full name backs it."""
    longest = max(len(m.key) for m in cluster.mentions)
    full = Counter(m.label for m in cluster.mentions if len(m.key) == longest)
    every = Counter(m.label for m in cluster.mentions)

    def votes(label: str) -> tuple[float, float]:
        weight = 0.5 if label == "PERSON" and longest == 1 else 1.0
        return (full[label] * weight, every[label] * weight)

    return max(full, key=votes)


# ---------------------------------------------------------------- missed mentions


def _missed_surnames(
    doc: Doc, mentions: list[_Mention], clusters: list[_Cluster]
) -> list[_Mention]:
    """A bare surname of a person named in full elsewhere in the article, written exactly
    the same and used as a name, that spaCy did not mark ("Jobs welcomed ...")."""
    surnames: dict[str, _Cluster | None] = {}
    for cluster in clusters:
        if _majority_label(cluster) != "PERSON" or len(cluster.key) < 2:
            continue
        longest = max(cluster.mentions, key=lambda m: len(m.key))
        surname = longest.name.split()[-1]
        # A surname shared by two people is ambiguous: leave it to spaCy.
        surnames[surname] = None if surname in surnames else cluster
    if not surnames:
        return []
    taken = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    for ent in doc.ents:
        taken.update(range(ent.start, ent.end))
    # Token objects are costly to create: scan the words as strings, build tokens for hits.
    strings = doc.vocab.strings
    words = [strings[orth] for orth in doc.to_array("ORTH").tolist()]
    lower_words = {w for w in words if w.islower()}
    added = []
    for i, word in enumerate(words):
        cluster = surnames.get(word)
        if cluster is None or i in taken:
            continue
        token = doc[i]
        if not _may_be_name(token, lower_words):
            continue
        if _is_name_word(doc, token.i - 1) or _is_name_word(doc, token.i + 1):
            continue  # part of a longer name spaCy did not see
        mention = _Mention(
            start=token.i, end=token.i + 1, label="PERSON", key=(token.lower_,), name=token.text
        )
        mention.cluster = cluster
        cluster.mentions.append(mention)
        added.append(mention)
    return added


def _may_be_name(token: Token, lower_words: set[str]) -> bool:
    """A proper noun, or a noun that the article never writes in lower case (the tagger
    calls a sentence-initial "Trump sees ..." a common noun; "Jobs were cut" in an article
    that also says "jobs" stays a common noun)."""
    if token.tag_ in ("NNP", "NNPS"):
        return True
    return token.tag_ in ("NN", "NNS") and token.text.lower() not in lower_words


def _is_name_word(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].tag_ in ("NNP", "NNPS") and doc[i].text[:1].isupper()


# ---------------------------------------------------------------- output


def _to_model(
    doc: Doc, text: str, mentions: list[_Mention], clusters: list[_Cluster]
) -> tuple[list[EntityMention], list[EntityCluster]]:
    out_clusters: list[EntityCluster] = []
    ids: dict[int, str] = {}
    labels: dict[int, str] = {}
    for index, cluster in enumerate(clusters):
        cluster_id = f"E{index}"
        label = _majority_label(cluster)
        ids[id(cluster)] = cluster_id
        labels[id(cluster)] = label
        fullest = max(
            cluster.mentions,
            key=lambda m: (not m.headline, len(m.key), len(m.name), -m.start),
        )
        spans = sorted((doc[m.start].idx, _end_char(doc, m.end)) for m in cluster.mentions)
        out_clusters.append(
            EntityCluster(
                id=cluster_id,
                name=fullest.name,
                label=label,
                mentions=[list(s) for s in spans],
            )
        )
    out_mentions = []
    for m in mentions:
        start, end = doc[m.start].idx, _end_char(doc, m.end)
        out_mentions.append(
            EntityMention(
                start=start,
                end=end,
                text=text[start:end],
                label=labels[id(m.cluster)],
                entity_id=ids[id(m.cluster)],
            )
        )
    return out_mentions, out_clusters


def _in_headline(
    doc: Doc, text: str, mention: _Mention, cache: dict[tuple[int, int], bool]
) -> bool:
    """True in a title-case line ("Black Lawmakers Rip Donald Trump ..."), where spaCy's
    name boundaries are unreliable, so it never names a cluster when anything else can."""
    start = doc[mention.start].idx
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    sent = doc[mention.start].sent
    if (sent.start, line_start) in cache:
        return cache[sent.start, line_start]
    # Names are capitalised anywhere: count the other words (spaCy's own entities left out).
    words = [
        t
        for t in sent
        if line_start <= t.idx < line_end
        and t.is_alpha
        and len(t) > 2
        and not t.ent_type_
        and not t.is_stop  # title case keeps "for", "but" in lower case
    ]
    headline = len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)
    cache[sent.start, line_start] = headline
    return headline


def _end_char(doc: Doc, end: int) -> int:
    last = doc[end - 1]
    return last.idx + len(last.text)
