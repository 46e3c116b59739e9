"""One mention: spaCy's entity span repaired, trimmed, widened and relabelled on its own.

Scope: everything that can be decided from the mention and its sentence, before the article
is clustered.

* Repairs of spaCy's spans: editorial brackets ("[Russian President Vladimir] Putin"), two
  names joined by a dash (a dateline "DETROIT - Chrysler"), a surname with its apostrophe
  written apart ("Michael O' Leary"), a company's legal form or a word cut from its name
  ("Chrysler LLC", "Lockheed Martin"), a town and its state ("San Francisco, California"),
  a maker's name before a model ("Airbus A380" is a product) or before a noun for a kind
  of product ("MacBook Air laptops", "Airbus jets": the product, not the company).
* Drops: numbers, lower-case words, currency codes, time zones, shouted common words (not
  an acronym used as a name: "SEC Chairman"), a name used as a verb ("Warrened"), a lone
  function word. A name never runs across a line break; two touching person spans are one
  name ("Karl-Theodor" + "zu Guttenberg"); a party tag after a politician ("(R-AZ)") is
  the party.
* Extents as news corpora mark them: the name's own determiner ("the Pentagon", not before
  a possessive: "the Apple 's sales"), a person's title ("President Vladimir Putin"), an
  organisation's descriptor ("engine maker Europrop"), a possessive that owns nothing
  ("Moody 's said").
* Labels from the words around: a name after a person-only title is a PERSON; after an
  organisation's descriptor, with its own "the" ("the Beatles") or ending in "Aircraft" or
  "Inc" it is an ORG; "Conference", "Summit" or "Show" make an EVENT; the EU is a place;
  a name described by a person's role in apposition ("Vikram Pandit, Citi's chief
  executive") is a PERSON; a one-word "person" in a place inside a place ("from Toulouse in
  France") is a town.
  `Mention.org_cue` records what the sentence says of an organisation ("Ryanair CEO",
  "shares of Fannie Mae", "sold to Magna") for the cluster's label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from newslens.entities.vocab import (
    ARTICLES,
    COMPANY_SUFFIXES,
    COUNTRY_UNIONS,
    CURRENCY_CODES,
    CURRENCY_SIGNS,
    DEAL_VERBS,
    DETERMINED_LABELS,
    EVENT_HEADS,
    NAME_LABELS,
    NAME_SUFFIXES,
    ORG_DESCRIPTORS,
    ORG_NAME_ENDINGS,
    ORG_OWNED_NOUNS,
    PERSON_HEAD_TITLES,
    PERSON_ONLY_TITLES,
    PERSON_ROLE_WORDS,
    PERSON_TITLES,
    PLATFORMS,
    POSSESSIVES,
    PRODUCT_NOUNS,
    ROLE_NOUNS,
    SPACED_DASHES,
    STAKE_NOUNS,
    TIME_ZONES,
    TIME_ZONES_AFTER_TIME,
)
from newslens.entities.words import common_words

if TYPE_CHECKING:
    from newslens.entities.clusters import Cluster

# Prepositions that make the name after "<role> <prep>" an employer ("an analyst at UBS").
EMPLOYER_PREPOSITIONS = {"at", "with"}
# Prepositions before a place ("in Washington"), never before a person's surname.
PLACE_PREPOSITIONS = {"in", "to", "from", "near", "across", "throughout"}
# Words after a number that make it an amount, not a model ("Airbus 320 million").
AMOUNT_WORDS = {"million", "billion", "trillion", "percent", "%", "per", "years", "jobs"}
# A politician's party in a tag after the name ("(R-AZ)", ", D-Conn.,").
PARTY_LETTERS = {"R", "D", "I"}
STATE_MAX_LETTERS = 6
# How far back an opening bracket may be from the name it opens ("[Russian President
# Vladimir] Putin").
BRACKET_REACH = 6


@dataclass
class Mention:
    start: int  # token index of the mention (determiner and title included)
    end: int
    label: str
    key: tuple[str, ...]  # normalised bare name ("vladimir", "putin")
    name: str  # the bare name as written ("Vladimir Putin")
    cluster: Cluster | None = None
    headline: bool = False  # in a title-case line, where spaCy's boundaries are unreliable
    titled: bool = False  # a person's title stands before the name ("Senator McCain")
    org_cue: bool = False  # said of an organisation ("Ryanair CEO", "an analyst at UBS")
    place_cue: bool = False  # after a preposition of place ("in Washington")
    # spaCy's PERSON made a town by its place ("from Toulouse in France"): still the
    # person when the article names a person so.
    town_of_person: bool = False


def name_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """spaCy's name entities as (start, end, label) token spans, with editorial brackets
    closed over and split at a dash between two names."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start = _bracket_start(doc, ent.start)
        piece = start
        for i in range(start, ent.end):
            if _breaks_line(doc[i]) or _splits_names(doc, piece, i):
                if piece < i:
                    # A dateline's place in capitals ("DETROIT - ...") is a place.
                    dateline = doc[i].text == "-" and _starts_line(doc, piece)
                    out.append((piece, i, "GPE" if dateline else ent.label_))
                piece = i + 1
        if piece < ent.end:
            out.append((piece, ent.end, ent.label_))
    spans = _with_suffixes_joined(doc, _with_places_joined(doc, _with_apostrophes_joined(doc, out)))
    return _with_party_tags(doc, spans)


def _with_party_tags(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A politician's party and state after the name ("Senator John McCain (R-AZ)", "Sen.
    Christopher Dodd, D-Conn.,") names the party, an organisation, as news corpora mark
    it; spaCy misses it or calls it a place."""
    tags = []
    for _start, end, label in spans:
        if label == "PERSON" and (tag_end := _party_tag_end(doc, end)):
            tags.append((end + 1, tag_end, "ORG"))
    if not tags:
        return spans
    covered = {i for start, end, _ in tags for i in range(start, end)}
    kept = [s for s in spans if not covered.intersection(range(s[0], s[1]))]
    return sorted(kept + tags)


def _party_tag_end(doc: Doc, end: int) -> int:
    """The end of a party tag "R-AZ" right after "(" or "," at `end`, or 0."""
    if end + 4 > len(doc) or doc[end].text not in ("(", ","):
        return 0
    party, dash, state = doc[end + 1], doc[end + 2], doc[end + 3]
    if party.text not in PARTY_LETTERS or dash.text != "-" or party.whitespace_ or dash.whitespace_:
        return 0
    letters = state.text.rstrip(".")
    if not (letters.isalpha() and letters[:1].isupper() and len(letters) <= STATE_MAX_LETTERS):
        return 0
    after = doc[end + 4].text if end + 4 < len(doc) else ""
    return end + 4 if after in (")", ",", ".", "") else 0


def _with_apostrophes_joined(
    doc: Doc, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A surname with an apostrophe written apart ("Michael O' Leary", text rebuilt from
    tokens) is one name: spaCy sees "Michael O'" and a place "Leary", or a bare "Leary";
    so are two persons' names that touch ("Karl-Theodor" + "zu Guttenberg")."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if out and out[-1][2] == label == "PERSON" and out[-1][1] == start:
            # One name that spaCy cut in two ("Karl-Theodor" + "zu Guttenberg").
            out[-1] = (out[-1][0], end, "PERSON")
            continue
        if (
            out
            and out[-1][2] == "PERSON"
            and _ends_in_prefix(doc, out[-1][1])
            and (
                start == out[-1][1] or (start == out[-1][1] + 1 and _is_apostrophe(doc[start - 1]))
            )
        ):
            out[-1] = (out[-1][0], end, "PERSON")
            continue
        if start >= 2 and _is_apostrophe(doc[start - 1]) and _ends_in_prefix(doc, start):
            start -= 2  # "O' Leary" where spaCy saw "Leary"
            label = "PERSON"
        out.append((start, end, label))
    return out


def _is_apostrophe(token: Token) -> bool:
    return token.text in ("'", "’")


def _ends_in_prefix(doc: Doc, end: int) -> bool:
    """The tokens before `end` are a one-letter prefix and its apostrophe ("O '")."""
    return (
        end >= 2
        and _is_apostrophe(doc[end - 1])
        and len(doc[end - 2].text) == 1
        and doc[end - 2].text.isupper()
    )


def _with_suffixes_joined(
    doc: Doc, spans: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """A company's legal form belongs to its name ("Chrysler LLC"), whether spaCy left it
    out or made it an entity of its own, and so does a word of the name that spaCy made an
    entity of its own ("Lockheed Martin")."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if (
            out
            and out[-1][2] == "ORG"
            and out[-1][1] == start
            and (_is_suffix(doc, start, end) or _is_name_part(doc, start, end, label))
        ):
            out[-1] = (out[-1][0], end, "ORG")
            continue
        if label == "ORG" and end < len(doc) and _is_suffix(doc, end, end + 1):
            end += 1
        if _is_suffix(doc, start, end):
            # spaCy marked only "LLC": the name is the capitalised words before it.
            floor = out[-1][1] if out else 0
            while (
                start > floor
                and _is_bare_name_word(doc[start - 1])
                and not doc[start - 1].ent_type_
            ):
                start -= 1
            label = "ORG"
        out.append((start, end, label))
    return out


def _is_name_part(doc: Doc, start: int, end: int, label: str) -> bool:
    """A capitalised word that spaCy cut from the company name right before it ("Lockheed"
    + "Martin", tagged a person or a product)."""
    word = doc[start]
    return (
        end - start == 1
        and label in ("PERSON", "PRODUCT", "ORG")
        and word.is_alpha
        and word.text.istitle()
        and bool(doc[start - 1].whitespace_)
    )


def _is_suffix(doc: Doc, start: int, end: int) -> bool:
    word = doc[start]
    return (
        end - start == 1 and word.lower_.rstrip(".") in COMPANY_SUFFIXES and word.text[0].isupper()
    )


def _with_places_joined(doc: Doc, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ "San Francisco, California" and "Bangkok, Thailand" are one place, as news corpora
    mark them: a place, a comma and a place in apposition to it, not in a list ("France,
    Germany and Italy")."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and _is_place_of(doc, out[-1], span):
            out[-1] = (out[-1][0], span[1], "GPE")
        else:
            out.append(span)
    return out


def _is_place_of(doc: Doc, first: tuple[int, int, str], second: tuple[int, int, str]) -> bool:
    (a_start, a_end, a_label), (b_start, b_end, b_label) = first, second
    if a_label != "GPE" or b_label != "GPE" or b_start != a_end + 1 or doc[a_end].text != ",":
        return False
    if doc[b_end - 1].dep_ == "conj":
        return False
    before = doc[a_start - 1].lower_ if a_start > 0 else ""
    after = doc[b_end].lower_ if b_end < len(doc) else ""
    return before not in (",", "and", "or") and after not in ("and", "or")


def _breaks_line(token: Token) -> bool:
    """A line break inside spaCy's entity ("Penske" ending a headline, "General Motors Co."
    opening the text): no name runs across lines."""
    return token.is_space and "\n" in token.text


def _starts_line(doc: Doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].whitespace_ or "\n" in doc[i - 1].text


def _bracket_start(doc: Doc, start: int) -> int:
    """Where a name starts when an editor's bracket closes inside it: "[Hillary] Clinton"
    (spaCy's entity "Clinton") starts at "Hillary"; a title or nationality inside the
    brackets is left to the title rule ("[Russian President Vladimir] Putin")."""
    if start < 2 or doc[start - 1].text != "]":
        return start
    opening = next(
        (j for j in range(start - 2, max(start - 2 - BRACKET_REACH, -1), -1) if doc[j].text == "["),
        None,
    )
    if opening is None:
        return start
    j = start - 2
    while j > opening and _is_bare_name_word(doc[j]):
        j -= 1
    return j + 1 if j + 1 <= start - 2 else start


def _with_open_bracket(doc: Doc, start: int, end: int) -> int:
    """Widen a mention that closes an editor's bracket to where it opens, over capitalised
    words ("[Russian President Vladimir] Putin", "Secretary [Hillary] Clinton"), so that
    the brackets stay balanced."""
    texts = [t.text for t in doc[start:end]]
    if "]" not in texts or "[" in texts[: texts.index("]")]:
        return start
    j = start - 1
    while j >= max(start - BRACKET_REACH, 0) and doc[j].text != "[":
        if not (doc[j].is_alpha and doc[j].text[:1].isupper()):
            return start
        j -= 1
    if j < 0 or doc[j].text != "[":
        return start
    return _with_title(doc, j, j + 1) if j > 0 and _is_title(doc[j - 1]) else j


def _is_bare_name_word(token: Token) -> bool:
    return (
        token.is_alpha
        and token.text[:1].isupper()
        and not _is_title(token)
        and token.ent_type_ not in ("NORP", "GPE", "ORG")
    )


def _splits_names(doc: Doc, piece_start: int, i: int) -> bool:
    """A dash between spaces ends a name: always a long dash ("Chrysler — Fiat"); a hyphen
    only after a dateline in capitals ("DETROIT - Chrysler"), since text rebuilt from
    tokens writes a hyphenated name with spaces ("Wal - Mart")."""
    token = doc[i]
    if token.text not in SPACED_DASHES or i == 0:
        return False
    if not (doc[i - 1].whitespace_ and token.whitespace_):
        return False
    if token.text != "-":
        return True
    before = doc[piece_start:i].text
    return sum(ch.isalpha() for ch in before) >= 2 and before.isupper()


def mention_from_span(
    doc: Doc, start: int, end: int, label: str, *, acronyms: frozenset[str] = frozenset()
) -> Mention | None:
    """The mention of the entity span [start, end) of `doc`, or None when it is no name.
    `acronyms` are those the article defines ("SEC"): kept even when they spell a word."""
    # Trailing possessives and punctuation are not part of the name ("Putin 's"), unless
    # nothing follows for the name to possess ("Moody 's said", "McDonald 's .").
    possessive = False
    while end > start and (doc[end - 1].text in POSSESSIVES or _is_punct(doc[end - 1])):
        if doc[end - 1].text in POSSESSIVES and label == "ORG" and _owns_nothing(doc, end):
            break
        possessive = possessive or doc[end - 1].text in POSSESSIVES
        end -= 1
    if end < len(doc) and doc[end].text in POSSESSIVES:
        possessive = True  # "the Apple 's sales": "the" goes with "sales"
    while start < end and _is_punct(doc[start]):
        start += 1  # '`` AirTran Airways' (a quote written as two backticks)
    if start >= end:
        return None
    if label == "PERSON":
        # "Donald Trump's America": a person's name ends at its possessive.
        end = next((i for i in range(start + 1, end) if doc[i].lower_ in ("'s", "’s")), end)
    name_start = start
    while name_start < end and (doc[name_start].lower_ in ARTICLES or _is_punct(doc[name_start])):
        name_start += 1
    if any(_is_punct(doc[i]) for i in range(start, name_start)):
        start = name_start  # 'the “Lion' -> 'Lion'; the article may come back below
    label = _relabel(doc, name_start, end, label)
    titled = False
    if label == "PERSON":
        while name_start < end - 1 and _is_title(doc[name_start]):
            name_start += 1
            titled = True
    if name_start >= end or _is_false_positive(doc, name_start, end, label, acronyms):
        return None
    if label == "ORG" and (model_end := _model_end(doc, end)) > end:
        # "Airbus A380", "Boeing 787": the maker's name is part of a product's.
        label, end = "PRODUCT", model_end
        start = name_start
    product = (
        label in ("ORG", "PERSON")
        and not possessive
        and _names_a_product(doc[name_start:end], person=label == "PERSON")
    )
    if product:
        label = "PRODUCT"  # "MacBook Air laptops", "long-haul Airbus jets"
    if possessive or _is_premodifier(doc[start:end]):
        # "the Air Force 's plan", "the Apple store": the article belongs to the outer phrase.
        start = name_start
    elif (
        label == "ORG"
        and start == name_start
        and _after_org_descriptor(doc, start, end, comma=False)
    ):
        start = _with_descriptor(doc, start)
    elif label in DETERMINED_LABELS and start == name_start:
        start = _with_determiner(doc, start, end)
    if label == "PERSON":
        start = _with_title(doc, start, name_start)
        start = _with_open_bracket(doc, start, end)
        titled = titled or any(_is_title(t) for t in doc[start:name_start])
    name_span = doc[name_start:end]
    key = _key(name_span)
    words = [t.text for t in name_span]
    if label == "GPE" and "," in words:
        # "Worcester, Massachusetts" is the town: it shares a cluster with "Worcester".
        key = _key(doc[name_start : name_start + words.index(",")])
    if label == "PERSON":
        while len(key) > 1 and key[-1] in NAME_SUFFIXES:
            key = key[:-1]  # "Henry M. Paulson Jr." is the "Paulson" of the article
    if not key:
        return None
    if product:
        key = ("@product", *key)  # not the maker: "Airbus jets" is not "Airbus"
    place_cue = _has_place_cue(doc, start, name_span)
    town = label == "PERSON" and not titled and place_cue and _is_place_in_place(doc, name_span)
    if town:
        label = "GPE"  # "from Toulouse in France", "flown to Hamburg, Germany"
    return Mention(
        start=start,
        end=end,
        label=label,
        key=key,
        name=_name_text(name_span),
        titled=titled,
        org_cue=_has_org_cue(doc, name_start, end) or _after_org_descriptor(doc, name_start, end),
        place_cue=place_cue,
        town_of_person=town,
    )


def _is_place_in_place(doc: Doc, name: Span) -> bool:
    """A one-word "person" after a preposition of place that a place follows, inside it
    ("from Toulouse in France", "to Hamburg, Germany"): a town, never a person."""
    end = name.end
    if len(name) != 1 or end + 1 >= len(doc) or doc[end].lower_ not in ("in", ","):
        return False
    return doc[end + 1].ent_type_ in ("GPE", "LOC") and doc[end + 1].ent_iob_ == "B"


def _is_punct(token: Token) -> bool:
    """Punctuation, quote marks included: spaCy does not call a backtick "`" punctuation."""
    return token.is_punct or token.is_quote


def _owns_nothing(doc: Doc, end: int) -> bool:
    """Nothing possessed follows a possessive ending at `end`: a verb, punctuation, a
    conjunction or the end of the text."""
    while end < len(doc) and doc[end].is_space and "\n" not in doc[end].text:
        end += 1  # a non-breaking space
    if end >= len(doc):
        return True
    after = doc[end]
    if after.tag_ in ("VBD", "VBZ", "VBP", "MD") or after.pos_ in ("CCONJ", "ADP"):
        return True  # "Moody 's said", "Moody 's and Fitch"
    return after.text in (".", ",", ";", ":", "!", "?", ")") or after.is_space


def _has_place_cue(doc: Doc, start: int, name: Span) -> bool:
    """After "in", "to", "from", or a dateline in capitals ("WASHINGTON (AP)")."""
    if start > 0 and doc[start - 1].lower_ in PLACE_PREPOSITIONS:
        return name.root.head.i == start - 1  # not "in Sanders' camp"
    return len(name.text) > 2 and name.text.isupper() and _starts_line(doc, name.start)


def _key(span: Span) -> tuple[str, ...]:
    """Lower-case words of a name without periods ("U.S." -> "us"), for matching."""
    words = (t.lower_.replace(".", "").replace("’", "'") for t in span)
    # "Moody 's" and "Moody" are one name.
    return tuple(w for w in words if w and w != "'s" and any(ch.isalnum() for ch in w))


def _name_text(span: Span) -> str:
    """The name as written, without an editor's brackets ("Vladimir] Putin" -> "Vladimir
    Putin")."""
    text = span.text
    if "[" not in text and "]" not in text:
        return text
    return " ".join(text.replace("[", " ").replace("]", " ").split())


# ---------------------------------------------------------------- labels


def _relabel(doc: Doc, start: int, end: int, label: str) -> str:
    """A label decided by the words around the name, where they are unambiguous."""
    last = doc[end - 1].lower_
    if label != "PERSON" and _titled_name(doc, start, end):
        return "PERSON"  # "Spokeswoman Sandy Angers" tagged ORG
    if label in ("ORG", "GPE", "NORP") and _after_person_title(doc, start, end):
        return "PERSON"  # "German chancellor Olaf Scholz" tagged ORG
    if label in ("ORG", "GPE", "NORP") and _described_as_person(doc, start, end):
        return "PERSON"  # "Vikram Pandit, Citi's chief executive," tagged ORG
    if label == "PERSON" and end - start == 1 and doc[start].lower_ in PLATFORMS:
        return "ORG"  # "on Twitter"
    if (
        label == "ORG"
        and last in ("eu", "union")
        and " ".join(_key(doc[start:end])) in COUNTRY_UNIONS
    ):
        return "GPE"  # "the EU" is a geopolitical entity like its members
    if label in ("ORG", "GPE", "LOC", "FAC") and last in EVENT_HEADS and end - start > 1:
        return "EVENT"  # "Worldwide Developers Conference"
    if label in ("PERSON", "GPE", "LOC", "NORP") and _after_org_descriptor(doc, start, end):
        return "ORG"  # "engine maker Europrop", "German magazine Der Spiegel"
    if label == "PERSON" and _owns_article(doc, start, end):
        return "ORG"  # "the Beatles": a person's name takes no "the"
    if label == "PERSON" and end - start > 1 and last.rstrip(".") in ORG_NAME_ENDINGS:
        return "ORG"  # "Douglas Aircraft"
    return label


def _described_as_person(doc: Doc, start: int, end: int) -> bool:
    """A name of two capitalised words or more followed by a person's title in apposition
    ("Vikram Pandit, Citi's chief executive, said"), not an organisation's descriptor."""
    words = [t for t in doc[start:end] if t.is_alpha]
    if len(words) < 2 or not all(t.text.istitle() for t in words):
        return False
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    for tok in doc[end + 1 : end + 7]:
        if tok.text in (",", ".", ";") or tok.lower_ in ORG_DESCRIPTORS:
            return False
        if tok.lower_.rstrip(".") in PERSON_ROLE_WORDS and tok.pos_ in ("NOUN", "PROPN"):
            return tok.dep_ == "appos" or tok.head.dep_ == "appos"
    return False


def _titled_name(doc: Doc, start: int, end: int) -> bool:
    """A person-only title followed by capitalised words: "Spokeswoman Sandy Angers"."""
    first = doc[start]
    if end - start < 2 or first.lower_.rstrip(".") not in PERSON_ONLY_TITLES:
        return False
    return all(t.text[:1].isupper() for t in doc[start + 1 : end] if t.is_alpha)


def _after_person_title(doc: Doc, start: int, end: int) -> bool:
    """The name right after a title that only ever heads a person's name, every word of it
    capitalised ("chancellor Olaf Scholz", "President Trump")."""
    if start == 0 or doc[start - 1].lower_.rstrip(".") not in PERSON_HEAD_TITLES:
        return False
    words = [t for t in doc[start:end] if t.is_alpha]
    return bool(words) and all(t.text.istitle() for t in words) and end - start <= 3


def _after_org_descriptor(doc: Doc, start: int, end: int, *, comma: bool = True) -> bool:
    """The name right after a lower-case noun that says what kind of organisation it is
    ("engine maker Europrop"), or in apposition to one ("low cost airline, Ryanair") when
    `comma` allows it."""
    i = start - 1
    comma = comma and i >= 1 and doc[i].text == ","
    if comma:
        i -= 1
    if i < 0:
        return False
    word = doc[i]
    if word.lower_ not in ORG_DESCRIPTORS or not word.text.islower() or word.pos_ != "NOUN":
        return False
    return not comma or doc[end - 1].dep_ == "appos" or word.dep_ == "appos"


def _with_descriptor(doc: Doc, start: int) -> int:
    """Widen an organisation's name over the descriptor before it, as news corpora mark
    the mention ("engine maker Europrop", "the German airline Lufthansa", "computer and
    electronics maker Apple Computer"): lower-case nouns and adjectives, nationalities and
    countries, joined by "and", and a "the" before them. Not a role relative to another
    name ("Airbus parent EADS")."""
    j = start - 1  # the descriptor noun
    while j > 0:
        tok = doc[j - 1]
        if _is_descriptor_word(tok):
            j -= 1
        elif tok.lower_ in ("and", "-") and j >= 2 and _is_descriptor_word(doc[j - 2]):
            j -= 2
        else:
            break
    if j > 0 and doc[j - 1].ent_type_ in ("ORG", "PERSON") and doc[j - 1].text[:1].isupper():
        return start
    if j > 0 and doc[j - 1].lower_ in ARTICLES:
        j -= 1
    return j


def _is_descriptor_word(tok: Token) -> bool:
    if tok.is_alpha and not tok.ent_type_:
        if tok.text.islower() and tok.pos_ in ("NOUN", "ADJ"):
            return True
        # "Aircraft manufacturer Boeing" at the start of a sentence.
        starts = bool(tok.is_sent_start) or _starts_line(tok.doc, tok.i)
        return starts and tok.text.istitle() and tok.pos_ in ("NOUN", "ADJ", "PROPN")
    # A nationality is part of it ("German airline"); a country is a name of its own.
    return tok.ent_type_ == "NORP" and tok.text[:1].isupper() and tok.dep_ in ("amod", "compound")


def _owns_article(doc: Doc, start: int, end: int) -> bool:
    """ "the" determines the name itself, not a noun after it ("the Beatles", but not "the
    Trump administration")."""
    if start == 0 or doc[start - 1].lower_ not in ARTICLES:
        return False
    article = doc[start - 1]
    if not (article.dep_ == "det" and start <= article.head.i < end):
        return False
    # "the Clintons" are people when the article names a "Clinton".
    last = doc[end - 1].text
    return not (last.endswith("s") and any(t.text == last[:-1] for t in doc))


def _has_org_cue(doc: Doc, start: int, end: int) -> bool:
    """The sentence treats the name as an organisation: it owns a role or shares ("Ryanair
    CEO", "Boeing 's shareholders") or employs someone ("an analyst at Goldman Sachs")."""
    after = end
    if after < len(doc) and doc[after].text in POSSESSIVES:
        after += 1
    if (
        after < len(doc)
        and doc[after].lower_ in ORG_OWNED_NOUNS
        and doc[after].pos_ in ("NOUN", "PROPN")
    ):
        return True
    if start >= 2 and doc[start - 1].lower_ in EMPLOYER_PREPOSITIONS:
        role = doc[start - 2]
        if role.lower_ in ROLE_NOUNS and doc[start - 1].head.i == role.i:
            return True
    return _is_deal_object(doc[end - 1]) or _is_described_after(doc, end)


def _is_deal_object(root: Token) -> bool:
    """ "shares of Fannie Mae", "a stake in Magna", "sold Opel to Magna", "acquire
    Chrysler": what is owned, bought or sold is a company."""
    head = root.head
    if root.dep_ == "dobj":
        return head.lemma_ in DEAL_VERBS
    if root.dep_ != "pobj":
        return False
    owner = head.head
    if head.lower_ in ("of", "in"):
        return owner.lower_ in STAKE_NOUNS
    return head.lower_ in ("to", "with") and owner.lemma_ in DEAL_VERBS


def _is_described_after(doc: Doc, end: int) -> bool:
    """ "Morgan Stanley, the investment bank, said": an organisation's descriptor in
    apposition after the name."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    for tok in doc[end + 1 : end + 5]:
        if tok.lower_ in ORG_DESCRIPTORS and tok.pos_ == "NOUN":
            return tok.dep_ == "appos" and end - 1 >= tok.head.i
        if not (tok.is_alpha and (tok.text.islower() or tok.ent_type_ == "NORP")):
            return False
    return False


# ---------------------------------------------------------------- span extent


def _model_end(doc: Doc, end: int) -> int:
    """The end of the model designations right after a maker's name ("A380", "787",
    "737-800", "A400M"), or `end` when there is none. A year or an amount is no model."""
    i = end
    while i < len(doc) and _is_model_designation(doc[i]):
        i += 1
        # "787-8" is three tokens.
        joined = i + 1 < len(doc) and doc[i].text == "-" and not doc[i - 1].whitespace_
        suffix = doc[i + 1].text if joined else ""
        if joined and not doc[i].whitespace_ and suffix.isalnum() and suffix == suffix.upper():
            i += 2
    if i > end and i < len(doc) and doc[i].lower_ in AMOUNT_WORDS:
        return end
    return i


def _is_model_designation(token: Token) -> bool:
    text = token.text
    if not any(ch.isdigit() for ch in text) or len(text) > 10 or not text[:1].isalnum():
        return False
    if text.isdigit() and (len(text) == 4 and text[:2] in ("19", "20") or len(text) < 3):
        return False
    return all(ch.isalnum() or ch == "-" for ch in text) and text == text.upper()


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


def _names_a_product(name: Span, *, person: bool = False) -> bool:
    """The name modifies a noun for a kind of product ("MacBook Air laptops", "Airbus
    jets", "Mac OS X operating system" tagged PERSON): it names the product or its brand,
    which news corpora do not mark as the company. A person's "family" is no product."""
    root = name.root
    if root.dep_ not in ("compound", "nmod") or name.start <= root.head.i < name.end:
        return False
    head = root.head
    while head.dep_ in ("compound", "nmod") and head.head.i > head.i:
        head = head.head
    if person and head.lower_ in ("family", "families"):
        return False
    return head.pos_ == "NOUN" and head.lower_ in PRODUCT_NOUNS


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


# ---------------------------------------------------------------- false positives


def _is_false_positive(
    doc: Doc, start: int, end: int, label: str, acronyms: frozenset[str]
) -> bool:
    span = doc[start:end]
    text = span.text
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    if letters == 0 or digits > letters:
        return True
    if not any(ch.isupper() for ch in text):
        return True  # names are capitalised: "state", "the president"
    if len(span) == 1 and _is_name_as_verb(span[0]):
        return True  # "they had been Warrened"
    if len(span) == 1 and label != "PERSON" and span[0].is_stop and span[0].text.istitle():
        return True  # "NEW HAMPSHIRE - Since January": a function word
    if label == "NORP":
        return False
    if len(span) == 1:
        word = span[0].text
        lower = word.lower()
        if lower.rstrip(".") in COMPANY_SUFFIXES:
            return True  # a legal form without its company ("LLC")
        if word.isupper() and word.isalpha():
            if lower in CURRENCY_CODES or lower in TIME_ZONES:
                return True  # "( USD )", "0800 UTC"
            if lower in TIME_ZONES_AFTER_TIME and _after_time(doc, start):
                return True  # "9 a.m. ET"
            # A currency code next to an amount ("GB # 20.1 billion").
            if len(word) <= 3 and _next_to_amount(doc, start, end):
                return True
            # A shouted common word ("an END to the war"), not an acronym.
            if (
                len(word) >= 3
                and lower in common_words()
                and word not in acronyms
                and not _shouting(span)
                and not _acts_as_organisation(doc, start)
            ):
                return True
    return False


def _acts_as_organisation(doc: Doc, i: int) -> bool:
    """A word in capitals that the sentence uses as an organisation's name: before a role
    ("SEC Chairman Christopher Cox", "SEC officials") or as "the ..." that acts ("the SEC
    said"); a shouted "an END to the war" does neither."""
    token = doc[i]
    after = doc[i + 1].lower_.rstrip(".") if i + 1 < len(doc) else ""
    if after in PERSON_TITLES or after in ROLE_NOUNS or after in ORG_OWNED_NOUNS:
        return True
    if after in ("officials", "official", "staff"):
        return True
    before = doc[i - 1].lower_ if i > 0 else ""
    return before in ARTICLES and token.dep_ in ("nsubj", "nsubjpass")


def _is_name_as_verb(token: Token) -> bool:
    """A capitalised past participle or gerund: a name made a verb ("Borked", "Warrened")."""
    return token.tag_ in ("VBD", "VBN", "VBG") and token.lower_.endswith(("ed", "ing"))


def _after_time(doc: Doc, start: int) -> bool:
    if start == 0:
        return False
    before = doc[start - 1]
    return before.like_num or before.lower_ in ("a.m.", "p.m.", "am", "pm")


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


def mention_key(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The key of the bare name in the span [start, end): no "the", punctuation or
    possessive."""
    while end > start and (doc[end - 1].text in POSSESSIVES or _is_punct(doc[end - 1])):
        end -= 1
    while start < end and (_is_punct(doc[start]) or doc[start].lower_ in ARTICLES):
        start += 1
    return _key(doc[start:end]) if start < end else ()
