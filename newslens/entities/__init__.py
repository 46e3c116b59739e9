"""Named entities: spaCy's mentions, cleaned, and clustered per real-world entity.

spaCy's NER gives one label per mention and knows nothing of the rest of the article, so
"Trump" can be ORG in one sentence and PERSON in the next, and a shouted "END" becomes an
organisation. Here the mentions are

1. repaired, trimmed, filtered, widened and relabelled one by one (`mentions.py`: editorial
   brackets, datelines, line breaks, possessives, numbers, currency codes, time zones,
   tickers, shouted common words, names used as verbs, a brand before a product noun; the
   name's own determiner and a person's title; descriptors such as "engine maker"; a
   politician's party tag); in a title-case headline, capitalised verbs are cut from the
   names ("Obama Names Henderson", "Henderson Named GM Chief" tagged as one ORG);
2. clustered within the article (`clusters.py`: same name, a person's surname or first
   name, the first or last words of an organisation's name past its legal form, acronyms,
   a country's aliases, a nationality's forms, a company's one-word name spaCy calls a
   place);
3. relabelled: one label per cluster (PERSON when the full name is a PERSON, else the
   majority; an untitled "person" the article treats as a company is an ORG), and a
   "person" that is only a capitalised common word ("Exit polls") is dropped;
4. completed: a person's bare surname that spaCy missed, written exactly like a known name
   of the article, every use of an acronym the article defines ("the SEC"), and a name of
   two words or more written again where spaCy saw nothing ("- Apple Inc. -").

The result depends only on the parsed document, not on the pipeline object that parsed it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from newslens.entities.acronyms import defined_acronyms
from newslens.entities.clusters import Cluster, cluster_mentions, majority_label
from newslens.entities.mentions import Mention, mention_from_span, mention_key, name_spans
from newslens.entities.vocab import ARTICLES, NAME_LABELS, NAME_SUFFIXES, PERSON_TITLES
from newslens.entities.words import common_words, word_strings
from newslens.model import EntityCluster, EntityMention

__all__ = ["NAME_LABELS", "extract_entities"]

# A title-case line of this many content words or more, without a sentence end, is a
# headline even when spaCy took its capitalised words into names.
HEADLINE_MIN_WORDS = 3
HEADLINE_SENTENCE_ENDS = {".", "!", "?", ":", ";", ","}
# Labels whose names, written again where spaCy saw nothing, are added as mentions.
REPEATED_LABELS = {"ORG", "GPE", "LOC", "FAC", "PERSON"}


def extract_entities(doc: Doc) -> tuple[list[EntityMention], list[EntityCluster]]:
    """Entity mentions of `doc` (in text order) and their clusters (in order of appearance)."""
    spans = name_spans(doc)
    acronyms = defined_acronyms(doc, spans)
    mentions = [
        m
        for start, end, label in spans
        if (m := mention_from_span(doc, start, end, label, acronyms=frozenset(acronyms)))
        is not None
    ]
    mentions = _without_overlaps(mentions)
    text = doc.text  # built on every access: read it once
    headlines: dict[tuple[int, int], bool] = {}
    for mention in mentions:
        mention.headline = _in_headline(doc, text, mention, headlines)
    mentions = _headline_names(doc, mentions)
    acronym_keys = _acronym_keys(doc, acronyms)
    clusters = cluster_mentions(mentions, acronym_keys)
    clusters, mentions = _without_word_persons(doc, clusters, mentions)
    mentions.extend(_missed_acronyms(doc, mentions, acronyms))
    mentions.extend(_missed_surnames(doc, mentions, clusters))
    mentions.extend(_missed_repeats(doc, mentions, clusters))
    mentions.sort(key=lambda m: m.start)
    return _to_model(doc, text, mentions, clusters)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Widening may make two mentions share tokens: a mention that holds the other wins
    ("the German airline Lufthansa" over "German"), else the earlier one."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            if m.end > out[-1].end and m.start == out[-1].start:
                out[-1] = m
            continue
        out.append(m)
    return out


def _without_word_persons(
    doc: Doc, clusters: list[Cluster], mentions: list[Mention]
) -> tuple[list[Cluster], list[Mention]]:
    """Drop a "person" that is only ever one capitalised common word, never tagged a proper
    noun: a sentence-initial "Exit polls showed", "Cheers erupted", "Subscribe here", or a
    lone title ("Sec.")."""
    lower_words: set[str] | None = None
    dropped: set[int] = set()
    for cluster in clusters:
        if majority_label(cluster) != "PERSON" or len(cluster.key) != 1:
            continue
        tokens = [doc[m.end - 1] for m in cluster.mentions]
        word = cluster.key[0]
        if word in PERSON_TITLES:
            dropped.add(id(cluster))
            continue
        if any(t.tag_ in ("NNP", "NNPS") for t in tokens):
            continue
        if lower_words is None:
            lower_words = {w for w in word_strings(doc) if w.islower()}
        if word in common_words() or word in lower_words:
            dropped.add(id(cluster))
    if not dropped:
        return clusters, mentions
    return (
        [c for c in clusters if id(c) not in dropped],
        [m for m in mentions if id(m.cluster) not in dropped],
    )


def _headline_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """In a title-case headline spaCy takes capitalised verbs and nouns for names ("Obama
    Names Henderson", "Toyota Overtakes GM", "Sales Slump"). A headline mention of several
    words is cut at the words that are English verbs, adjectives or adverbs ("Names",
    "Overtakes") into runs, and keeps the runs that hold a word the body text uses in its
    names ("Obama", "Henderson", "Mike Crapo"); with none, it is dropped. Without body
    names, headlines are left alone."""
    body_words = {w for m in mentions if not m.headline for w in m.key}
    if not body_words or not any(m.headline and len(m.key) > 1 for m in mentions):
        return mentions
    out: list[Mention] = []
    for m in mentions:
        if not m.headline or len(m.key) < 2 or all(w in body_words for w in m.key):
            out.append(m)
            continue
        known = {i for i in range(m.start, m.end) if set(mention_key(doc, i, i + 1)) & body_words}
        kept = [i for i in range(m.start, m.end) if i in known or _may_be_name_word(doc[i])]
        for run_start, run_end in _runs(kept):
            key = mention_key(doc, run_start, run_end)
            if not key or not known.intersection(range(run_start, run_end)):
                continue
            out.append(
                Mention(
                    start=run_start,
                    end=run_end,
                    label=m.label,
                    key=key,
                    name=doc[run_start:run_end].text,
                    headline=True,
                    titled=m.titled,
                    org_cue=m.org_cue,
                )
            )
    return out


def _may_be_name_word(token: Token) -> bool:
    """A capitalised word that is no function word, verb, adjective or adverb."""
    text = token.text
    return text[:1].isupper() and token.is_alpha and not token.is_stop and not _is_common_word(text)


def _is_common_word(word: str) -> bool:
    """An English verb, adjective or adverb in any inflection ("Names", "Overtakes",
    "Rampages", "Blasts")."""
    lower = word.lower()
    forms = {lower}
    for ending, replacement in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e")):
        if lower.endswith(ending):
            forms.add(lower[: -len(ending)] + replacement)
    for ending, replacement in (("ing", ""), ("ing", "e")):
        if lower.endswith(ending):
            forms.add(lower[: -len(ending)] + replacement)
    return bool(forms & common_words())


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive token indices, as (start, end) spans."""
    runs: list[tuple[int, int]] = []
    for i in indices:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _acronym_keys(
    doc: Doc, acronyms: dict[str, tuple[int, int]]
) -> dict[tuple[str, ...], tuple[str, ...]]:
    out = {}
    for short, (start, end) in acronyms.items():
        long_key = mention_key(doc, start, end)
        if long_key:
            out[(short.lower().replace(".", ""),)] = long_key
    return out


def _missed_acronyms(
    doc: Doc,
    mentions: list[Mention],
    acronyms: dict[str, tuple[int, int]],
) -> list[Mention]:
    """Every use of an acronym the article defines that spaCy did not mark: "( USAF )" and
    a later "the SEC said" join the full name's cluster ("the" included, as for the name)."""
    if not acronyms:
        return []
    owner: dict[str, Cluster] = {}
    for short, (start, end) in acronyms.items():
        cluster = next(
            (m.cluster for m in mentions if m.cluster and start <= m.start < end and m.end <= end),
            None,
        )
        if cluster is not None:
            owner[short] = cluster
    taken = set()
    for m in mentions:
        taken.update(range(m.start, m.end))
    added = []
    for token in doc:
        cluster = owner.get(token.text)
        if cluster is None or token.i in taken:
            continue
        start = token.i
        before = doc[start - 1] if start > 0 else None
        if (
            before is not None
            and before.lower_ in ARTICLES
            and before.i not in taken
            and before.dep_ == "det"
            and before.head.i == start
        ):
            start -= 1
        mention = Mention(
            start=start,
            end=token.i + 1,
            label=majority_label(cluster),
            key=(token.lower_.replace(".", ""),),
            name=token.text,
        )
        mention.cluster = cluster
        cluster.mentions.append(mention)
        taken.update(range(start, token.i + 1))
        added.append(mention)
    return added


# ---------------------------------------------------------------- missed mentions


def _missed_surnames(doc: Doc, mentions: list[Mention], clusters: list[Cluster]) -> list[Mention]:
    """A bare surname of a person named in full elsewhere in the article, written exactly
    the same and used as a name, that spaCy did not mark ("Jobs welcomed ...")."""
    surnames: dict[str, Cluster | None] = {}
    for cluster in clusters:
        if majority_label(cluster) != "PERSON" or len(cluster.key) < 2:
            continue
        longest = max(cluster.mentions, key=lambda m: len(m.key))
        words = longest.name.split()
        while len(words) > 1 and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
            words.pop()  # "Henry M. Paulson Jr."
        surname = words[-1]
        # A surname shared by two people is ambiguous: leave it to spaCy.
        surnames[surname] = None if surname in surnames else cluster
    if not surnames:
        return []
    taken = _taken_tokens(doc, mentions)
    # Token objects are costly to create: scan the words as strings, build tokens for hits.
    words = word_strings(doc)
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
        mention = Mention(
            start=token.i, end=token.i + 1, label="PERSON", key=(token.lower_,), name=token.text
        )
        mention.cluster = cluster
        cluster.mentions.append(mention)
        added.append(mention)
    return added


def _taken_tokens(doc: Doc, mentions: list[Mention]) -> set[int]:
    """Token indices inside a mention or inside any spaCy entity (IOB 1 = inside,
    3 = beginning), numbers and dates included: no new name may start there."""
    taken = {i for m in mentions for i in range(m.start, m.end)}
    taken.update(i for i, iob in enumerate(doc.to_array("ENT_IOB").tolist()) if iob in (1, 3))
    return taken


def _missed_repeats(doc: Doc, mentions: list[Mention], clusters: list[Cluster]) -> list[Mention]:
    """An organisation's or place's name of two words or more written again, word for
    word, where spaCy did not mark it ("- Apple Inc. -", "`` AirTran Airways would like
    ..."). One-word names are left to spaCy: they are often products ("iPhone")."""
    words = word_strings(doc)
    names: dict[str, list[tuple[tuple[str, ...], Cluster]]] = {}
    for cluster in clusters:
        if majority_label(cluster) not in REPEATED_LABELS:
            continue
        for m in cluster.mentions:
            name = tuple(m.name.split())
            if len(name) < 2 or tuple(words[m.end - len(name) : m.end]) != name:
                continue  # one word, or written otherwise than its tokens ("Hewlett-Packard")
            if not any(name == seen for seen, _ in names.get(name[0], [])):
                names.setdefault(name[0], []).append((name, cluster))
    if not names:
        return []
    taken = _taken_tokens(doc, mentions)
    added: list[Mention] = []
    for i, word in enumerate(words):
        if word not in names or i in taken:
            continue
        for name, cluster in sorted(names[word], key=lambda n: -len(n[0])):
            end = i + len(name)
            if tuple(words[i:end]) != name or taken.intersection(range(i, end)):
                continue
            if _is_name_word(doc, i - 1) or _is_name_word(doc, end):
                continue  # part of a longer name
            mention = Mention(
                start=i,
                end=end,
                label=majority_label(cluster),
                key=cluster.key,
                name=" ".join(name),
            )
            mention.cluster = cluster
            cluster.mentions.append(mention)
            taken.update(range(i, end))
            added.append(mention)
            break
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
    doc: Doc, text: str, mentions: list[Mention], clusters: list[Cluster]
) -> tuple[list[EntityMention], list[EntityCluster]]:
    out_clusters: list[EntityCluster] = []
    ids: dict[int, str] = {}
    labels: dict[int, str] = {}
    for index, cluster in enumerate(clusters):
        cluster_id = f"E{index}"
        label = majority_label(cluster)
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


def _in_headline(doc: Doc, text: str, mention: Mention, cache: dict[tuple[int, int], bool]) -> bool:
    """True in a title-case line ("Black Lawmakers Rip Donald Trump ..."), where spaCy's
    name boundaries are unreliable, so it never names a cluster when anything else can."""
    start = doc[mention.start].idx
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if (0, line_start) in cache:
        return cache[0, line_start]
    # The whole line, which spaCy may cut into several sentences ("Obama Names Henderson |
    # As GM Chief"). Names are capitalised anywhere: count the other words (spaCy's own
    # entities left out).
    line = doc.char_span(line_start, line_end, alignment_mode="expand") or doc[0:0]
    words = [
        t
        for t in line
        if t.is_alpha
        and len(t) > 2
        and not t.ent_type_
        and not t.is_stop  # title case keeps "for", "but" in lower case
    ]
    headline = len(words) >= 2 and sum(t.text[0].isupper() for t in words) >= 0.7 * len(words)
    if not headline:
        headline = _is_title_case_line(line)
    cache[0, line_start] = headline
    return headline


def _is_title_case_line(line: Span) -> bool:
    """A line whose capitalised words spaCy took into its names ("Henderson Named GM
    Chief", "Dow Falls as Lehman Collapses"): no sentence end, every content word
    capitalised, and one of them an English verb, adjective or adverb ("Named", "Falls"),
    which a byline's names ("By John Smith") are not."""
    if len(line) == 0 or line[-1].text in HEADLINE_SENTENCE_ENDS:
        return False
    words = [t.text for t in line if t.is_alpha and len(t) > 2 and not t.is_stop]
    return (
        len(words) >= HEADLINE_MIN_WORDS
        and all(w[0].isupper() for w in words)
        and any(_is_common_word(w) for w in words)
    )


def _end_char(doc: Doc, end: int) -> int:
    last = doc[end - 1]
    return last.idx + len(last.text)
