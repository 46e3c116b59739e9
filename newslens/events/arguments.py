"""Who did it and to whom: the actor and target of a predicate, read off the parse.

Subjects, passive by-agents, controllers of infinitives ("won a contract to supply the RAF"
-> the winner supplies), object control ("urged Russia to stop" -> Russia), shared subjects
of conjoined verbs, relative clauses ("Boeing, which lost" -> Boeing), reduced relatives
("a plane built by Airbus"), headline infinitives ("Acme to sell its truck unit"),
possessors of event nouns ("Russia's invasion of Ukraine"). Each argument keeps where it is
written (offsets of its noun phrase) and, through the quote speakers' resolver
(newslens/quotes/speakers.py), the entity it stands for ("it" -> the company named before).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newslens.events.lexicon import (
    ABSTRACT_NOUNS,
    ABSTRACT_SUFFIXES,
    ACTOR_LABELS,
    AGENT_LABELS,
    AGENT_NOUNS,
    CONCRETE_NOMINALS,
    FIRST_PERSON,
    MAX_NP_TOKENS,
    NAMED_BY_OF,
    NOUN_VERBS,
    OBJECT_CONTROL,
    OBJECT_DEPS,
    PLACE_LABELS,
    QUANTIFIERS,
    RELATIVE_PRONOUNS,
    TEMPORAL_MARKS,
)
from newslens.model import EntityCluster, EntityMention, EntityRef
from newslens.quotes.speakers import SpeakerResolver
from newslens.vocabulary import PASSIVE_SUBJECT_DEPS, SAYING_VERBS, SUBJECT_DEPS

_KIDS_KEY = "newslens.events.children"
_BREAKS_KEY = "newslens.events.line_breaks"


QuoteSpan = tuple[int, int, "EntityRef | None", int]


class QuoteSpans:
    """Quote contents (start, end, speaker ref or None, cue start or -1), looked up by
    character in logarithmic time: every verb asks whether it lies in a quote, so a scan of
    all quotes per verb would grow with the square of the article's length."""

    def __init__(self, spans: list[QuoteSpan]) -> None:
        self._spans = spans
        self._order = sorted(range(len(spans)), key=lambda k: spans[k][0])
        self._starts = [spans[k][0] for k in self._order]
        self._reach: list[int] = []  # the furthest end among the spans starting so far
        furthest = -1
        for k in self._order:
            furthest = max(furthest, spans[k][1])
            self._reach.append(furthest)

    def containing(self, char: int) -> list[QuoteSpan]:
        """The spans that contain `char`, in the order they were given."""
        found: list[int] = []
        i = bisect_right(self._starts, char) - 1
        while i >= 0 and self._reach[i] > char:
            k = self._order[i]
            if self._spans[k][1] > char:
                found.append(k)
            i -= 1
        return [self._spans[k] for k in sorted(found)]


@dataclass
class Context:
    """What every part of the event stage reads about one article."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    mention_at: list[EntityMention | None]  # the entity mention covering each token
    clusters: dict[str, EntityCluster]
    resolver: SpeakerResolver
    is_quoted: Callable[[int], bool]
    quote_spans: QuoteSpans  # the quotes' contents, by character
    sentence_of: list[tuple[int, int]]  # token -> (first token, end token) of its sentence


def cache_children(doc: Doc) -> str:
    """Start the per-call caches (children, line breaks) for the duration of a call;
    returns the doc's text (spaCy rebuilds `doc.text` on every access)."""
    doc.user_data[_KIDS_KEY] = {}
    text = doc.text
    doc.user_data[_BREAKS_KEY] = [i for i, ch in enumerate(text) if ch == "\n"]
    return text


def drop_children(doc: Doc) -> None:
    doc.user_data.pop(_KIDS_KEY, None)
    doc.user_data.pop(_BREAKS_KEY, None)


def kids(tok: Token) -> list[Token]:
    """The token's dependents, cached: spaCy's `Token.children` builds new Token objects
    on every call."""
    cache = tok.doc.user_data.get(_KIDS_KEY)
    if cache is None:
        return list(tok.children)
    found = cache.get(tok.i)
    if found is None:
        found = cache[tok.i] = list(tok.children)
    return found


def object_of(verb: Token) -> Token | None:
    for child in kids(verb):
        if child.dep_ in OBJECT_DEPS and same_line(child, verb):
            return unquantify(child)
    return None


def prep_object(head: Token, preps: Iterable[str]) -> Token | None:
    for child in kids(head):
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for grandchild in kids(child):
                if grandchild.dep_ == "pobj" and same_line(grandchild, head):
                    return unquantify(grandchild)
    return None


def unquantify(tok: Token) -> Token:
    """ "any of the land" -> land, "the city of Kharkiv" -> Kharkiv."""
    lemma = tok.lemma_.lower()
    if lemma in QUANTIFIERS or (lemma in NAMED_BY_OF and tok.ent_type_ == ""):
        inner = prep_object(tok, ("of",))
        if inner is not None:
            return inner
    return tok


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in kids(verb))


def agent_of(verb: Token) -> Token | None:
    for child in kids(verb):
        if child.dep_ == "agent":
            for grandchild in kids(child):
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def headline_subject(verb: Token) -> Token | None:
    """ "Acme to sell its truck unit": the noun phrase that opens a line and is followed by
    an infinitive is its subject (the parser may even tag an unknown name as a verb)."""
    to = next((c for c in kids(verb) if c.tag_ == "TO" and c.i == verb.i - 1), None)
    if to is None or to.i == 0:
        return None
    doc = verb.doc
    i = to.i - 1
    words = 0
    while i >= 0 and "\n" not in doc[i].text and words <= MAX_NP_TOKENS:
        tok = doc[i]
        if not (tok.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PART") or tok.is_title):
            return None  # "Apple wants to sell": a clause, not a headline
        words += 1
        if i == 0 or "\n" in doc[i - 1].text_with_ws:
            return doc[to.i - 1] if words else None
        i -= 1
    return None


def is_headline_infinitive(verb: Token) -> bool:
    return headline_subject(verb) is not None


def arguments(verb: Token) -> tuple[Token | None, Token | None]:
    """(actor head, patient head from a passive subject or a relative clause)."""
    subject = next((c for c in kids(verb) if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and not same_line(subject, verb):
        subject = None  # a parse run over a missing full stop and a paragraph break
    passive_subject = next((c for c in kids(verb) if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
    if passive_subject is None and subject is not None and _reduced_passive(verb):
        passive_subject = subject  # "Apple swamped by pre-orders", "Boeing allowed to bid"
    patient: Token | None = None
    if passive_subject is not None:
        patient = passive_subject
        subject = agent_of(verb)
        if subject is None:  # "were selected and purchased by the government"
            for conj in kids(verb):
                if conj.dep_ == "conj" and conj.tag_ == "VBN":
                    subject = agent_of(conj)
                    break
    if verb.dep_ == "relcl":
        head = verb.head
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS:
            pass  # "which" stands for its noun (see make_ref)
        elif patient is not None and patient.lower_ in RELATIVE_PRONOUNS:
            patient = head
        elif (
            subject is not None
            and patient is None
            and object_of(verb) is None
            and subject.i != head.i
            and head.pos_ in ("NOUN", "PROPN")
        ):
            patient = head  # "the land it has seized": the head noun is the object
    headline = headline_subject(verb) if passive_subject is None else None
    if headline is not None and (subject is None or subject.i == headline.i):
        subject = headline
    if subject is None and passive_subject is None:
        subject, inherited_patient = _inherited_subject(verb)
        patient = patient or inherited_patient
    if subject is None and passive_subject is None:
        subject = _adjacent_subject(verb)
    if patient is not None:
        patient = unquantify(patient)
        if not same_line(patient, verb):
            patient = None
    if subject is not None:
        subject = unquantify(subject)
        if not same_line(subject, verb):
            subject = None  # a headline parsed into the line under it
    return subject, patient


def _reduced_passive(verb: Token) -> bool:
    """A participle without its auxiliary, as headlines write passives: one with a by-agent
    ("Apple swamped by pre-orders"), or a verb of letting or making with an infinitive
    but no object ("Boeing allowed to bid": someone allowed Boeing)."""
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("aux", "auxpass") for c in kids(verb)):
        return False
    if any(c.dep_ == "agent" for c in kids(verb)):
        return True
    if verb.dep_ == "ROOT" and object_of(verb) is None and _ends_headline(verb):
        return True  # "First Airbus A380 delivered": headlines tell acts in the present
    return (
        verb.lemma_.lower() in OBJECT_CONTROL
        and object_of(verb) is None
        and any(c.dep_ == "xcomp" for c in kids(verb))
    )


def _ends_headline(verb: Token) -> bool:
    """Whether `verb` ends the article's first line, one without a full stop (a headline)."""
    doc = verb.doc
    breaks = doc.user_data.get(_BREAKS_KEY)
    if breaks is None:  # outside a call of the event stage: no cache of line breaks
        breaks = [i for i, ch in enumerate(doc.text) if ch == "\n"]
    if breaks and breaks[0] < verb.idx:  # no break at all: the whole text is one line
        return False
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    return "\n" in verb.whitespace_ or after is None or after.is_space


def _inherited_subject(verb: Token) -> tuple[Token | None, Token | None]:
    """Subject of a clause with none of its own: xcomp, conj, participial advcl/acl."""
    head = verb.head
    if head.i == verb.i:
        return None, None
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBN":
            return agent_of(verb), head  # "a plane built by Airbus"
        if verb.tag_ == "VBG":
            return head, None  # "Boeing, promising 44,000 jobs"
        if any(c.tag_ == "TO" for c in kids(verb)):
            return _controller_subject(head), None  # "a contract to supply the RAF"
        return None, None
    participial = verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN")
    participial = participial and not any(
        c.dep_ == "mark" and c.lower_ not in TEMPORAL_MARKS for c in kids(verb)
    )  # "while introducing the phone, Jobs ...": Jobs introduced it
    purpose = verb.dep_ == "advcl" and any(c.tag_ == "TO" for c in kids(verb))
    if verb.dep_ in ("xcomp", "conj") or participial or purpose:
        if head.pos_ not in ("VERB", "AUX", "ADJ"):
            return None, None
        if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            obj = object_of(head)
            if obj is not None:
                return obj, None
        if head.pos_ == "ADJ":  # "reluctant to X": the adjective's verb has the subject
            head = head.head
        actor, patient = arguments(head)
        if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL and patient is not None:
            return patient, None  # "Boeing was allowed to bid": Boeing bids
        if verb.dep_ == "conj" and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in kids(head)):
            if not any(c.dep_ == "auxpass" for c in kids(verb)) and verb.tag_ != "VBN":
                return patient, None  # "was founded by X and makes Y": the subject acts
            return agent_of(verb) or actor, patient
        if verb.dep_ in ("conj", "xcomp") and any(c.dep_ == "auxpass" for c in kids(verb)):
            # "he decided to leave or was forced out", "it is to be held": done to them
            return agent_of(verb), actor
        return actor, None
    return None, None


def _controller_subject(noun: Token) -> Token | None:
    """The subject of the verb whose object is `noun`: "won a contract to supply" -> winner."""
    verb = noun.head
    if noun.dep_ in OBJECT_DEPS and verb.pos_ in ("VERB", "AUX"):
        return arguments(verb)[0]
    if noun.dep_ == "pobj" and verb.head.pos_ in ("VERB", "AUX"):
        return arguments(verb.head)[0]  # "defeated Boeing for a contract to supply"
    return None


def same_line(a: Token, b: Token) -> bool:
    """No line break between the two tokens."""
    lo, hi = sorted((a.idx, b.idx))
    breaks = a.doc.user_data.get(_BREAKS_KEY)
    if breaks is None:
        return "\n" not in a.doc.text[lo:hi]
    k = bisect_left(breaks, lo)
    return k == len(breaks) or breaks[k] >= hi


def _adjacent_subject(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject (often after a missing full stop):
    the proper noun right before it."""
    doc = verb.doc
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in kids(verb)
    )
    if not finite:
        return None
    i = verb.i - 1
    while i >= 0 and (
        (doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head.i == verb.i)
        or doc[i].ent_type_ in ("DATE", "TIME")  # "Apple Computer today announced"
        or doc[i].text == ","  # "Irish airline, Ryanair, announced"
    ):
        i -= 1
    if (
        i >= 0
        and doc[i].pos_ == "PROPN"
        and doc[i].ent_type_ in ACTOR_LABELS
        and same_line(doc[i], verb)
    ):
        return doc[i]
    return None


# --- references -----------------------------------------------------------------------------


def is_pronoun(tok: Token | None) -> bool:
    return tok is not None and (tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"))


def is_generic(tok: Token, ctx: Context, verb: Token) -> bool:
    """A bare plural noun names a kind, not someone who acted ("people who sell cars"),
    unless the clause tells one past happening ("doctors delivered goods", "prisoners have
    rioted") or a name places the group ("rebels in the Ivory Coast")."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "people who sell cars": the people
    if tok.tag_ not in ("NNS",) or ctx.mention_at[tok.i] is not None:
        return False
    if any(c.dep_ in ("det", "poss", "nummod", "compound", "amod", "nmod") for c in kids(tok)):
        return False
    if _is_past(verb):
        return False
    return not any(
        c.dep_ == "prep" and any(ctx.mention_at[t.i] is not None for t in c.subtree)
        for c in kids(tok)
    )


def _is_past(verb: Token) -> bool:
    """A past or present perfect clause: "rioted", "have staged" (of `verb` or the verb it is
    conjoined to)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.tag_ == "VBN":
        verb = verb.head
    if verb.tag_ == "VBD":
        return True
    auxes = [c for c in kids(verb) if c.dep_ in ("aux", "auxpass")]
    return any(a.tag_ == "VBD" for a in auxes) or (
        verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes)
    )


def is_agentive(tok: Token, ctx: Context) -> bool:
    """Whether the noun phrase can name someone who acts: a name of a person, organisation
    or country, a personal pronoun, a person or organisation noun ("the company",
    "officials"). Products and things ("the aircraft flew") are not agents."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if is_pronoun(tok):
        if tok.lower_ in ("it", "its", "itself"):
            return ctx.resolver.resolve_reference(tok).entity_id is not None
        return True
    mention = ctx.mention_at[tok.i]
    if mention is not None and mention.label in AGENT_LABELS:
        return True
    if tok.lemma_.lower() in AGENT_NOUNS:
        return True
    return any(
        c.dep_ in ("compound", "amod", "poss", "nmod")
        and ctx.mention_at[c.i] is not None
        and ctx.mention_at[c.i].label in AGENT_LABELS  # type: ignore[union-attr]
        for c in kids(tok)
    )


def is_abstract(tok: Token, ctx: Context) -> bool:
    """Whether a subject names an abstraction rather than a doer or a thing: a common noun
    that is a nominalisation ("the statement", "this new settlement", "a recording") or an
    abstract head ("the problem", "the deal"). A name, a pronoun or a person or organisation
    noun ("the government", "the administration") is never abstract."""
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if tok.pos_ != "NOUN" or ctx.mention_at[tok.i] is not None:
        return False
    lemma = tok.lemma_.lower()
    if lemma in AGENT_NOUNS or lemma in CONCRETE_NOMINALS:
        return False
    return (
        lemma in ABSTRACT_NOUNS
        or lemma in NOUN_VERBS  # "the order has given a boost": a happening, not a doer
        or (len(lemma) > 6 and lemma.endswith(ABSTRACT_SUFFIXES))
    )


def np_bounds(tok: Token) -> tuple[int, int]:
    """Token range [first, last] of the noun phrase headed by `tok`, without relative
    clauses and appositions after the head; a coordination ("Boeing and Lockheed") whole."""
    doc = tok.doc
    start = tok.left_edge.i
    if tok.i - start > MAX_NP_TOKENS:
        start = tok.i
        while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "det", "poss", "case"):
            start -= 1
    while start < tok.i and (
        doc[start].is_punct or doc[start].is_space or "\n" in doc[start].text_with_ws
    ):
        start += 1
    for i in range(tok.i - 1, start - 1, -1):
        if "\n" in doc[i].text_with_ws:  # a dateline above a sentence is not its subject
            start = i + 1
            break
    end = tok.i
    for child in kids(tok):
        if child.i > tok.i and child.dep_ in ("compound", "flat", "nummod") and child.i - end < 3:
            end = child.i
    conjuncts = [c for c in kids(tok) if c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN")]
    if conjuncts and conjuncts[-1].i - tok.i <= MAX_NP_TOKENS:
        end = max(end, conjuncts[-1].i)
    return start, end


def make_ref(tok: Token, ctx: Context) -> EntityRef:
    """The argument headed by `tok`: the entity it stands for (resolving pronouns,
    relative pronouns and roles like "the minister"), and where it is written."""
    doc = ctx.doc
    if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
        # "which" is written where it stands; it names its noun
        start, end = tok.idx, tok.idx + len(tok.text)
        inner = make_ref(tok.head.head, ctx)
        return EntityRef(inner.text, inner.entity_id, start, end)
    first, last = np_bounds(tok)
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    if is_pronoun(tok) and tok.lower_ in FIRST_PERSON:
        for _, _, speaker, _ in ctx.quote_spans.containing(tok.idx):
            if speaker is not None:
                return EntityRef(speaker.text, speaker.entity_id, start, end)
        return EntityRef(tok.text, None, start, end)
    mention = ctx.mention_at[tok.i]
    if mention is not None and mention.label in ACTOR_LABELS and tok.pos_ == "PROPN":
        cluster = ctx.clusters.get(mention.entity_id)
        return EntityRef(mention.text, cluster.id if cluster else None, start, end)
    found = ctx.resolver.resolve_reference(tok)
    if found.entity_id:
        cluster = ctx.clusters.get(found.entity_id)
        name = cluster.name if cluster is not None and is_pronoun(tok) else None
        text = name or (mention.text if mention is not None else ctx.text[start:end])
        if is_pronoun(tok) and cluster is not None:
            reporter = _reporting_subject(tok)
            named = ctx.mention_at[reporter.i] if reporter is not None else None
            if named is not None:
                if named.entity_id == found.entity_id:  # "Hungary said it will ...": the name
                    start, end = named.start, named.end
            elif reporter is not None:
                r_first, r_last = np_bounds(reporter)
                if any(  # "Palestinian leaders said they would ...": the leaders
                    (m := ctx.mention_at[i]) is not None and m.entity_id == found.entity_id
                    for i in range(r_first, r_last + 1)
                ):
                    start = doc[r_first].idx
                    end = doc[r_last].idx + len(doc[r_last].text)
        return EntityRef(text, found.entity_id, start, end)
    return EntityRef(ctx.text[start:end], None, start, end)


def _reporting_subject(tok: Token) -> Token | None:
    """The subject of the speech verb whose clause holds `tok` ("Hungary" in "Hungary said
    it will support ...")."""
    clause = tok.head
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in ("ccomp", "parataxis") or clause.head.i == clause.i:
        return None
    speech = clause.head
    if speech.lemma_.lower() not in SAYING_VERBS:
        return None
    return next((c for c in kids(speech) if c.dep_ == "nsubj"), None)


def is_place(tok: Token, ctx: Context) -> bool:
    mention = ctx.mention_at[tok.i]
    return mention is not None and mention.label in PLACE_LABELS
