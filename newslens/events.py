"""Who did what to whom, where and when: events read off the dependency parse.

An event is a predicate that reports an action between actors — a verb ("Russia sent a
delegation"), a light verb with an event noun ("the Senate threatened sanctions", "start
negotiations") or a nominal event with its participants ("a call between Putin and Trump",
"the talks took place on May 16"). Each gets its actor, target, place, date, negation, the
evidence sentence and a CAMEO root category (newslens/data/cameo.py).

Only predicates the CAMEO lexicon can classify become events: copulas, mental and light
verbs ("seem", "believe", "have"), aspectual and control verbs ("continue to push" -> the
event is "push") and the reporting verbs of quotes are skipped, so the list stays a list of
things that happened (or were said not to have happened: `negated`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from newslens.data import cameo
from newslens.model import (
    Cameo,
    EntityCluster,
    EntityMention,
    EntityRef,
    Event,
    EventDate,
    Quote,
    Timex,
)

CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "advcl", "xcomp", "relcl", "acl", "pcomp", "parataxis", "csubj"}
)
# Dependents that open another clause: their words belong to that clause, not this one.
NESTED_CLAUSE_DEPS = frozenset(
    {"ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "xcomp", "pcomp"}
)
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative"})

# Verbs that never report an action themselves.
NON_EVENT_VERBS = frozenset(
    "be have do seem appear become remain look sound feel believe think know understand "
    "want wish hope expect consider see say tell note add write explain according conclude "
    "suggest argue claim tweet reply ask insist mean let".split()
)
# Control and aspect verbs that hand the event to their xcomp ("continues to push" -> push,
# "did not try to attack" -> attack, negated). "fail to X" means X did not happen.
PASS_THROUGH_CONTROLLERS = frozenset(
    "continue begin start try attempt want need hope seek decide expect manage appear seem "
    "tend aim prepare move go have fail like love prefer help keep stop cease".split()
)
NEGATING_CONTROLLERS = frozenset({"fail", "cease", "stop"})
# Controllers whose infinitive is wished for, not done.
DESIRE_CONTROLLERS = frozenset("want hope wish need aim seek expect".split())
CONDITIONAL_MARKS = frozenset({"if", "whether", "unless"})
# Verbs that take an object-controlled infinitive: "urged Russia to stop" -> Russia stops.
OBJECT_CONTROL = frozenset("urge ask order tell force persuade call allow permit".split())
# Reporting verbs: skipped when they introduce a quote or a clause (the content carries the
# event); kept when they take a plain object ("announced sanctions").
REPORTING_VERBS = frozenset(
    "say tell note add state write explain report according declare conclude reply answer "
    "comment acknowledge claim argue suggest tweet announce confirm insist mention describe "
    "stress emphasize reiterate indicate predict reveal disclose speak".split()
)
# Verbs whose two participants do the same thing: "X and Y met" -> actor X, target Y.
RECIPROCAL_ROOTS = frozenset({"04", "05", "06", "19"})
# Occurrence verbs whose subject is the event: "the talks took place", "fighting continues".
OCCURRENCE_VERBS = frozenset(
    "happen occur begin start end continue resume collapse stall conclude open close "
    "break proceed finish fail intensify escalate erupt".split()
)
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor"})

TARGET_PREPS = ("against", "on", "with", "to", "toward", "towards", "at", "into", "upon", "over")
PLACE_PREPS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "within", "from", "to", "into"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
DATE_TYPES = frozenset({"DATE", "TIME"})
VERBAL = frozenset({"VERB", "AUX"})
# Heads that only quantify the noun that names the real object: "any of the land" -> land.
QUANTIFIERS = frozenset(
    "any some all none one part most many much each several thousand hundred dozen "
    "million score number group".split()
)
# Generic heads named by their "of" phrase: "the city of Kharkiv" -> Kharkiv.
NAMED_BY_OF = frozenset(
    "city town village region province country state capital port district republic island "
    "government people".split()
)
# Verbs of giving: "to X" names the recipient (the target), not a place.
TRANSFER_VERBS = frozenset(
    "send supply deliver give provide sell export ship transfer donate lend hand".split()
)

FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her"})
THING_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
MAX_NP_TOKENS = 10


@dataclass
class _Context:
    doc: Doc
    mention_at: list[EntityMention | None]  # the mention covering each token
    mentions: list[tuple[int, EntityMention]]  # (head token index, mention), in text order
    # Dated timexes: (first token, last token, the token the timex modifies, timex).
    timexes: list[tuple[int, int, int, Timex]]
    cue_spans: list[tuple[int, int]]
    quote_speakers: list[tuple[int, int, EntityRef]]  # content span -> speaker
    text: str  # doc.text, which spaCy rebuilds on every access
    sentence_of: list[tuple[int, int]]  # token -> (first token, end token) of its sentence
    noun_participants: dict[str, tuple[EntityRef | None, EntityRef | None]] = field(
        default_factory=dict
    )


def extract_events(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    timexes: list[Timex],
    quotes: list[Quote],
) -> list[Event]:
    """Events of `doc`, in text order."""
    doc.user_data[_KIDS_KEY] = {}
    try:
        return _extract(doc, entities, timexes, quotes)
    finally:
        doc.user_data.pop(_KIDS_KEY, None)


def _extract(
    doc: Doc, entities: list[EntityMention], timexes: list[Timex], quotes: list[Quote]
) -> list[Event]:
    ctx = _build_context(doc, entities, timexes, quotes)
    events: list[Event] = []
    claimed_nouns: set[int] = set()
    # Verbs first, so that an event noun already taken as a verb's object ("proposed talks")
    # is not reported twice; nouns then go in text order, so "the talks" can borrow the
    # participants of the talks mentioned before.
    event_nouns: list[Token] = []
    for tok in doc:
        if _is_predicate(tok):
            event = _verb_event(tok, ctx, claimed_nouns)
            if event is not None:
                events.append(event)
        elif _is_event_noun(tok):
            event_nouns.append(tok)
    for tok in event_nouns:
        event = _nominal_event(tok, ctx, claimed_nouns)
        if event is not None:
            events.append(event)
    events.sort(key=lambda e: e.trigger[0] if e.trigger else e.start)
    return events


def redate_events(events: list[Event], timexes: list[Timex]) -> list[Event]:
    """Refresh each event's date value from the (re-resolved) timexes, without re-parsing."""
    by_span = {(t.start, t.end): t for t in timexes}
    redated: list[Event] = []
    for event in events:
        date = event.date
        if date is not None:
            if date.start is not None:
                timex = by_span.get((date.start, date.end))
            else:  # saved before dates kept their offsets: the same words in the sentence
                timex = next(
                    (
                        t
                        for t in timexes
                        if t.text == date.text and event.start <= t.start < event.end
                    ),
                    None,
                )
            if timex is not None:
                date = replace(
                    date, text=timex.text, value=timex.value, start=timex.start, end=timex.end
                )
            event = replace(event, date=date)
        redated.append(event)
    return redated


# --- context -------------------------------------------------------------------------------


def _build_context(
    doc: Doc, entities: list[EntityMention], timexes: list[Timex], quotes: list[Quote]
) -> _Context:
    mention_at: list[EntityMention | None] = [None] * len(doc)
    heads: list[tuple[int, EntityMention]] = []
    for mention in entities:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        for tok in span:
            mention_at[tok.i] = mention
        heads.append((span.root.i, mention))
    heads.sort(key=lambda pair: pair[0])
    timex_tokens: list[tuple[int, int, int, Timex]] = []
    for timex in timexes:
        if timex.type not in DATE_TYPES:
            continue  # "two-hour" says how long, not when
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is not None and len(span):
            timex_tokens.append((span.start, span.end - 1, _attachment(span.root), timex))
    cue_spans: list[tuple[int, int]] = []
    quote_speakers: list[tuple[int, int, EntityRef]] = []
    for quote in quotes:
        if quote.cue is not None:
            cue_spans.append((quote.cue.start, quote.cue.end))
        if quote.speaker is not None and quote.speaker.entity_id:
            ref = EntityRef(quote.speaker.name or quote.speaker.text, quote.speaker.entity_id)
            for start, end in quote.spans or [[quote.start, quote.end]]:
                quote_speakers.append((start, end, ref))
    sentence_of: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            sentence_of[i] = (sent.start, sent.end)
    return _Context(
        doc, mention_at, heads, timex_tokens, cue_spans, quote_speakers, doc.text, sentence_of
    )


# --- predicates ----------------------------------------------------------------------------


_KIDS_KEY = "newslens.events.children"


def _kids(tok: Token) -> list[Token]:
    """The token's dependents, cached: spaCy's `Token.children` scans the token's whole
    subtree span and builds new Token objects on every call."""
    cache = tok.doc.user_data.get(_KIDS_KEY)
    if cache is None:
        return list(tok.children)
    kids = cache.get(tok.i)
    if kids is None:
        kids = cache[tok.i] = list(tok.children)
    return kids


def _is_predicate(tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.dep_ in CLAUSE_DEPS


def _is_event_noun(tok: Token) -> bool:
    return (
        tok.pos_ in ("NOUN", "PROPN")
        and tok.dep_ != "compound"
        and cameo.noun_root(tok.lemma_) is not None
    )


def _particle(verb: Token) -> str | None:
    for child in _kids(verb):
        if child.dep_ == "prt":
            return child.lemma_.lower()
    obj = _object(verb)
    for child in _kids(verb):
        # a phrasal preposition follows its verb ("called for", "called on X"); in
        # "called X on Friday" it is no particle
        if child.dep_ == "prep" and verb.i < child.i <= verb.i + 2:
            if obj is None or child.i < obj.i:
                return child.lemma_.lower()
    return None


def _absorbed_xcomp(verb: Token) -> Token | None:
    """The infinitive that a meaningful controller keeps in its own event ("refuse to X")."""
    if verb.lemma_.lower() in PASS_THROUGH_CONTROLLERS:
        return None
    for child in _kids(verb):
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX"):
            return child
    return None


def _is_absorbed(verb: Token) -> bool:
    """True when the verb's controller already made it part of its own event."""
    if verb.dep_ != "xcomp":
        return False
    head = verb.head
    return (
        head.i != verb.i
        and head.pos_ == "VERB"
        and head.lemma_.lower() not in PASS_THROUGH_CONTROLLERS
        and head.lemma_.lower() not in NON_EVENT_VERBS
        and _classify_verb(head) is not None
    )


def _object(verb: Token) -> Token | None:
    for child in _kids(verb):
        if child.dep_ in OBJECT_DEPS:
            return _unquantify(child)
    return None


def _prep_object(verb: Token, preps: Iterable[str]) -> Token | None:
    for child in _kids(verb):
        if child.dep_ in ("prep", "agent") and child.lemma_.lower() in preps:
            for grandchild in _kids(child):
                if grandchild.dep_ == "pobj":
                    return _unquantify(grandchild)
    return None


def _unquantify(tok: Token) -> Token:
    lemma = tok.lemma_.lower()
    if lemma in QUANTIFIERS or (lemma in NAMED_BY_OF and tok.ent_type_ == ""):
        inner = _prep_object(tok, ("of",))
        if inner is not None:
            return inner
    return tok


def _classify_verb(verb: Token) -> str | None:
    """CAMEO root of a verb predicate: verb+object override, light verb+event noun, verb."""
    lemma = verb.lemma_.lower()
    objects = [o for o in (_object(verb), _prep_object(verb, ("to", "on", "for"))) if o]
    if verb.dep_ == "relcl" and not objects:
        objects.append(_unquantify(verb.head))  # "the land it has seized"
    xcomp = _absorbed_xcomp(verb)
    if xcomp is not None:
        objects += [o for o in (_object(xcomp),) if o]
    for obj in objects:
        code = cameo.phrase_root(lemma, obj.lemma_)
        if code:
            return code
    if lemma in cameo.LIGHT_VERBS:
        for obj in objects:
            code = cameo.noun_root(obj.lemma_)
            if code:
                return code
    if lemma == "call" and _is_naming(verb):
        return None  # "called the charges fabricated", "what he called a hoax"
    code = cameo.verb_root(lemma, _particle(verb))
    if code is None and xcomp is not None and lemma not in NON_EVENT_VERBS:
        code = _classify_verb(xcomp)
    return code


def _is_naming(verb: Token) -> bool:
    """ "call X Y" names or labels X; only "call X" (on the phone) is a contact."""
    if any(
        c.dep_ == "prt" or (c.dep_ == "prep" and c.lemma_ in ("for", "on")) for c in _kids(verb)
    ):
        return False
    obj = _object(verb)
    if (
        obj is None
        or obj.tag_ in ("WP", "WDT")
        or obj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")
    ):
        return True
    return any(
        c.dep_ in ("oprd", "ccomp", "xcomp", "attr", "dobj") and c.i > obj.i for c in _kids(verb)
    )


def _is_reporting(verb: Token, ctx: _Context) -> bool:
    """A reporting verb that introduces a quote or a clause: the content is the event."""
    lemma = verb.lemma_.lower()
    if lemma not in REPORTING_VERBS:
        return False
    if any(s <= verb.idx < e for s, e in ctx.cue_spans):
        return True
    if any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in _kids(verb)):
        return True
    return _object(verb) is None


def _verb_event(verb: Token, ctx: _Context, claimed: set[int]) -> Event | None:
    lemma = verb.lemma_.lower()
    if _is_absorbed(verb) or _is_reporting(verb, ctx):
        return None
    if lemma in PASS_THROUGH_CONTROLLERS and any(c.dep_ == "xcomp" for c in _kids(verb)):
        return None
    if _is_passive(verb) and lemma == "meet":
        return None  # "was met with skepticism" is a reception, not a meeting
    occurrence = _occurrence_noun(verb)
    if occurrence is not None:
        return None  # reported by the event noun ("the talks took place")
    if _is_hypothetical(verb):
        return None
    code = _classify_verb(verb)
    if code is None or lemma in NON_EVENT_VERBS - cameo.LIGHT_VERBS:
        return None
    if _is_desired(verb) and int(code) <= 8:
        code = "03"  # "wants to meet" expresses an intent to cooperate; no meeting yet
    actor_tok, target_tok = _arguments(verb)
    actor = _ref(actor_tok, ctx) if actor_tok is not None else None
    target = _target(verb, actor_tok, code, ctx)
    if target is None and target_tok is not None:
        target = _ref(target_tok, ctx)
    if actor is None and target is None:
        return None
    if actor is not None and actor.entity_id is None and _is_pronoun(actor_tok):
        if target is None or target.entity_id is None:
            return None  # "we will decide", "it's agreed": nobody we can name
    for obj in (_object(verb), _prep_object(verb, TARGET_PREPS)):
        if obj is not None:
            claimed.add(obj.i)
    xcomp = _absorbed_xcomp(verb)
    if xcomp is not None and _object(xcomp) is not None:
        claimed.add(_object(xcomp).i)  # type: ignore[union-attr]
    phrase_start, phrase_end = _phrase_bounds(verb, xcomp, code)
    doc = ctx.doc
    return _make_event(
        ctx,
        anchor=verb,
        actor=actor,
        action=lemma,
        target=target,
        place=_place(verb, [actor, target], ctx),
        date=_date(verb, ctx),
        negated=_negated(verb),
        code=code,
        phrase=doc[phrase_start : phrase_end + 1].text,
        trigger=_trigger(verb),
    )


def _is_hypothetical(verb: Token) -> bool:
    """A clause under "if", "whether" or "unless" has not happened."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in _kids(verb))


def _under_hypothesis(tok: Token) -> bool:
    """Whether the nearest clause above the token is hypothetical."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in VERBAL:
            return _is_hypothetical(tok)
    return False


def _is_desired(verb: Token) -> bool:
    """The infinitive of "want/hope/need/plan to ..." (through aspect verbs)."""
    while verb.dep_ in ("xcomp", "conj") and verb.head.i != verb.i:
        verb = verb.head
        if verb.lemma_.lower() in DESIRE_CONTROLLERS:
            return True
    return False


def _occurrence_noun(verb: Token) -> Token | None:
    """The event noun a "take place"/"continue"-type verb reports, if any."""
    lemma = verb.lemma_.lower()
    is_take_place = lemma == "take" and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "place" for c in _kids(verb)
    )
    if not is_take_place and (lemma not in OCCURRENCE_VERBS or _object(verb) is not None):
        return None
    for child in _kids(verb):
        if child.dep_ in ("nsubj", "nsubjpass") and cameo.noun_root(child.lemma_):
            return child
    return None


def _token_index(tok: Token | None) -> int:
    return -1 if tok is None else tok.i


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in _kids(verb))


def _arguments(verb: Token) -> tuple[Token | None, Token | None]:
    """(actor head, patient head from a passive subject or a relative clause)."""
    subject = next((c for c in _kids(verb) if c.dep_ in SUBJECT_DEPS), None)
    if subject is not None and not _same_line(subject, verb):
        subject = None  # a parse run over a missing full stop and a paragraph break
    passive_subject = next((c for c in _kids(verb) if c.dep_ in PASSIVE_SUBJECT_DEPS), None)
    agent = _agent(verb)
    patient: Token | None = None
    if passive_subject is not None:
        patient = passive_subject
        subject = agent
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        subject = verb.head
    if patient is not None and patient.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        patient = verb.head
    if verb.dep_ == "relcl" and patient is None and subject is not None:
        if subject.i != verb.head.i and _object(verb) is None:
            patient = verb.head  # "the land it has seized": the head noun is the object
    if subject is None and passive_subject is None:
        subject, inherited_patient = _inherited_subject(verb)
        patient = patient or inherited_patient
    if subject is None and passive_subject is None:
        subject = _adjacent_subject(verb)
    if patient is not None:
        patient = _unquantify(patient)
    if subject is not None:
        subject = _unquantify(subject)
    return subject, patient


def _agent(verb: Token) -> Token | None:
    for child in _kids(verb):
        if child.dep_ == "agent":
            for grandchild in _kids(child):
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _inherited_subject(verb: Token) -> tuple[Token | None, Token | None]:
    """Subject of a clause with none of its own: xcomp, conj, participial advcl/acl."""
    head = verb.head
    if head.i == verb.i:
        return None, None
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN", "PRON"):
        if verb.tag_ == "VBN":
            return None, head  # "the land occupied ..." -> the land is the patient
        if verb.tag_ == "VBG":
            return head, None
        return None, None
    participial = verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN")
    participial = participial and not any(c.dep_ == "mark" for c in _kids(verb))
    if verb.dep_ in ("xcomp", "conj") or participial:
        if head.pos_ not in ("VERB", "AUX", "ADJ"):
            return None, None
        if verb.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            obj = _object(head)
            if obj is not None:
                return obj, None
        if head.pos_ == "ADJ":  # "reluctant to X": the adjective's verb has the subject
            head = head.head
        actor, patient = _arguments(head)
        if verb.dep_ == "conj" and any(c.dep_ in PASSIVE_SUBJECT_DEPS for c in _kids(head)):
            return actor, patient
        return actor, None
    return None, None


def _same_line(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text_with_ws for t in a.doc[lo:hi])


def _adjacent_subject(verb: Token) -> Token | None:
    """A finite verb the parser left without a subject (often after a missing full stop):
    take the proper noun right before it."""
    doc = verb.doc
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in _kids(verb)
    )
    if not finite:
        return None
    i = verb.i - 1
    while i >= 0 and doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[i].head.i == verb.i:
        i -= 1
    if i >= 0 and doc[i].pos_ == "PROPN" and doc[i].ent_type_ in ACTOR_LABELS:
        return doc[i]
    return None


def _target(verb: Token, actor_tok: Token | None, code: str, ctx: _Context) -> EntityRef | None:
    """Whom the action is done to: an entity object first, then prepositional targets."""
    lemma = verb.lemma_.lower()
    xcomp = _absorbed_xcomp(verb)
    holders = [verb] + ([xcomp] if xcomp is not None else [])
    candidates: list[Token] = []
    event_objects: list[Token] = []
    for holder in holders:
        obj = _object(holder)
        if obj is not None:
            light = lemma in cameo.LIGHT_VERBS or cameo.phrase_root(lemma, obj.lemma_)
            if light and cameo.noun_root(obj.lemma_) or cameo.phrase_root(lemma, obj.lemma_):
                event_objects.append(obj)  # the object is the event itself ("threaten sanctions")
            else:
                candidates.append(obj)
        prep_obj = _prep_object(holder, TARGET_PREPS)
        recipient = holder.lemma_.lower() in TRANSFER_VERBS and prep_obj is not None
        if prep_obj is not None and (recipient or not _is_place(prep_obj, ctx)):
            candidates.append(prep_obj)
    for noun in event_objects:
        inner = _prep_object(noun, TARGET_PREPS + ("between",))
        if inner is not None:
            candidates.append(inner)
    for noun in list(candidates):
        inner = _prep_object(noun, TARGET_PREPS)
        if inner is not None:
            candidates.append(inner)
    candidates = [tok for tok in candidates if tok.ent_type_ not in TIME_LABELS]
    refs = [_ref(tok, ctx) for tok in candidates]
    actor_ref = _ref(actor_tok, ctx) if actor_tok is not None else None
    refs = [r for r in refs if not _same(r, actor_ref)]
    for ref in refs:
        if ref.entity_id:
            return ref
    if code in RECIPROCAL_ROOTS and actor_tok is not None:
        for conj in actor_tok.conjuncts:
            if conj.i > actor_tok.i:
                return _ref(conj, ctx)
    return refs[0] if refs else None


def _same(a: EntityRef | None, b: EntityRef | None) -> bool:
    if a is None or b is None:
        return False
    if a.entity_id and b.entity_id:
        return a.entity_id == b.entity_id
    return a.text == b.text


def _phrase_bounds(verb: Token, xcomp: Token | None, code: str) -> tuple[int, int]:
    """Token range of the predicate as written: auxiliaries, negation, verb, particle, the
    absorbed infinitive and an object that names the event."""
    start = verb.i
    for child in _kids(verb):
        if child.i < verb.i and child.dep_ in ("aux", "auxpass", "neg") and child.i >= start - 4:
            start = min(start, child.i)
    end = verb.i
    for child in _kids(verb):
        if child.dep_ == "prt":
            end = max(end, child.i)
    last = xcomp if xcomp is not None else verb
    end = max(end, last.i)
    obj = _object(last)
    lemma = verb.lemma_.lower()
    if obj is not None and (
        cameo.phrase_root(lemma, obj.lemma_)
        or (lemma in cameo.LIGHT_VERBS and cameo.noun_root(obj.lemma_))
    ):
        end = max(end, obj.i)
    return start, end


def _trigger(tok: Token) -> list[int]:
    end_tok = tok
    for child in _kids(tok):
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end_tok = child
    return [tok.idx, end_tok.idx + len(end_tok.text)]


def _negated(verb: Token) -> bool:
    """Negation on the verb, inherited through pass-through controllers and shared by conjuncts."""
    if any(c.dep_ == "neg" or c.lower_ in ("never",) for c in _kids(verb)):
        return True
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in NEGATING_CONTROLLERS:
            return True
        if head.lemma_.lower() in PASS_THROUGH_CONTROLLERS:
            return _negated(head)
    if verb.dep_ == "conj" and head.i != verb.i and head.pos_ == "VERB":
        has_own_aux = any(c.dep_ in ("aux", "auxpass", "nsubj") for c in _kids(verb))
        if not has_own_aux:
            return _negated(head)
    return False


# --- nominal events ------------------------------------------------------------------------


def _nominal_event(noun: Token, ctx: _Context, claimed: set[int]) -> Event | None:
    actor, target = _noun_participants(noun, ctx)
    lemma = noun.lemma_.lower()
    if actor is not None or target is not None:
        ctx.noun_participants[lemma] = (actor, target)
    occurrence_verb = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None
    if occurrence_verb is not None and _token_index(_occurrence_noun(occurrence_verb)) != noun.i:
        occurrence_verb = None
    if occurrence_verb is None:
        if noun.i in claimed or (actor is None and target is None):
            return None
        if noun.dep_ in ("dobj", "obj", "attr", "oprd"):
            return None  # "sign a treaty", "want talks": the verb says what became of it
    if _under_hypothesis(noun):
        return None
    elif actor is None and target is None:
        actor, target = ctx.noun_participants.get(lemma, (None, None))
    code = cameo.noun_root(lemma)
    assert code is not None
    doc = ctx.doc
    start = _np_start(noun)
    if occurrence_verb is not None:
        end = _phrase_bounds(occurrence_verb, None, code)[1]
        for child in _kids(occurrence_verb):
            if child.dep_ == "dobj" and child.lemma_.lower() == "place":
                end = max(end, child.i)
        anchor = occurrence_verb
        negated = _negated(occurrence_verb)
    else:
        end = noun.i
        anchor = noun
        negated = False
    places = _place(noun, [actor, target], ctx)
    if places is None and occurrence_verb is not None:
        places = _place(occurrence_verb, [actor, target], ctx)
    date = _date(noun, ctx, sentence_fallback=False)
    if date is None:
        date = _date(anchor, ctx)
    return _make_event(
        ctx,
        anchor=noun,
        actor=actor,
        action=lemma,
        target=target,
        place=places,
        date=date,
        negated=negated,
        code=code,
        phrase=doc[start : end + 1].text,
        trigger=[noun.idx, noun.idx + len(noun.text)],
    )


def _noun_participants(noun: Token, ctx: _Context) -> tuple[EntityRef | None, EntityRef | None]:
    actor: Token | None = None
    target: Token | None = None
    between = _prep_object(noun, ("between",))
    if between is not None:
        actor = between
        later = [c for c in between.conjuncts if c.i > between.i]
        target = later[0] if later else None
    for child in _kids(noun):
        if actor is None and child.dep_ == "poss":
            actor = child
        if actor is None and child.dep_ in ("compound", "amod") and ctx.mention_at[child.i]:
            actor = child
    if actor is None:
        actor = _prep_object(noun, ("by",))
    if target is None:
        target = _prep_object(noun, ("with", "against", "on", "to", "toward", "towards", "of"))
        if target is not None and _is_place(target, ctx) and target.head.lemma_ == "to":
            target = None
    actor_ref = _ref(actor, ctx) if actor is not None else None
    target_ref = _ref(target, ctx) if target is not None else None
    if actor_ref is not None and actor_ref.entity_id is None:
        actor_ref = None  # "a recent flurry" is not a participant
    if target_ref is not None and target_ref.entity_id is None:
        target_ref = None
    return actor_ref, target_ref


# --- arguments ------------------------------------------------------------------------------


def _is_pronoun(tok: Token | None) -> bool:
    return tok is not None and (tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"))


def _ref(tok: Token, ctx: _Context) -> EntityRef:
    """The entity a noun head stands for, or its noun phrase as written."""
    lower = tok.lower_
    if tok.pos_ == "PRON" or lower in PERSON_PRONOUNS | THING_PRONOUNS | PLURAL_PRONOUNS:
        resolved = _resolve_pronoun(tok, ctx)
        if resolved is not None:
            return resolved
        return EntityRef(tok.text, None)
    mention = ctx.mention_at[tok.i]
    if mention is not None and mention.label in ACTOR_LABELS:
        return EntityRef(mention.text, mention.entity_id)
    for child in _kids(tok):
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < tok.i:
            inner = ctx.mention_at[child.i]
            if inner is not None and inner.label in ACTOR_LABELS:
                return EntityRef(_np_text(tok), inner.entity_id)
    return EntityRef(_np_text(tok), None)


def _np_start(tok: Token) -> int:
    start = tok.left_edge.i
    doc = tok.doc
    if tok.i - start > MAX_NP_TOKENS:
        start = tok.i
        while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "det", "poss", "case"):
            start -= 1
    while start < tok.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start


def _np_text(tok: Token) -> str:
    return tok.doc[_np_start(tok) : tok.i + 1].text


def _resolve_pronoun(tok: Token, ctx: _Context) -> EntityRef | None:
    lower = tok.lower_
    if lower in FIRST_PERSON:
        for start, end, speaker in ctx.quote_speakers:
            if start <= tok.idx < end:
                return speaker
        return None
    if _inside_quote_marks(tok, ctx):
        return None  # a quoted "it" or "he" refers to the speaker's context, not ours
    if lower in PERSON_PRONOUNS:
        labels = {"PERSON"}
    elif lower in THING_PRONOUNS:
        labels = {"GPE", "ORG"}
    elif lower in PLURAL_PRONOUNS:
        labels = {"GPE", "ORG", "NORP"}
    else:
        return None
    sent_start = ctx.sentence_of[tok.i][0]
    earliest = max(0, sent_start - 80)  # look back about two sentences
    nearest: EntityMention | None = None
    for head_i, mention in reversed(ctx.mentions):
        if head_i >= tok.i or mention.label not in labels:
            continue
        if head_i < earliest:
            break
        head = ctx.doc[head_i]
        if head.dep_ in ("nsubj", "nsubjpass") or head.head.dep_ in ("nsubj", "nsubjpass"):
            return EntityRef(mention.text, mention.entity_id)
        nearest = nearest or mention
    if nearest is not None:
        return EntityRef(nearest.text, nearest.entity_id)
    return None


QUOTE_MARKS = frozenset('"“”«»„')


def _inside_quote_marks(tok: Token, ctx: _Context) -> bool:
    """Whether the token sits between quotation marks on its line (odd count before it)."""
    text = ctx.text
    line_start = text.rfind("\n", 0, tok.idx) + 1
    return sum(ch in QUOTE_MARKS for ch in text[line_start : tok.idx]) % 2 == 1


def _clause_tokens(head: Token) -> list[Token]:
    """Tokens of the clause headed by `head`, without nested clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in _kids(tok):
            if child.dep_ in NESTED_CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
                continue
            if child.dep_ == "conj" and tok.i == head.i:
                continue
            stack.append(child)
    return out


def _is_place(tok: Token, ctx: _Context) -> bool:
    mention = ctx.mention_at[tok.i]
    return mention is not None and mention.label in PLACE_LABELS


def _place(head: Token, exclude: list[EntityRef | None], ctx: _Context) -> EntityRef | None:
    """A GPE/LOC/FAC in the clause, preferring "in X" attached to the predicate or object."""
    excluded = {r.entity_id for r in exclude if r is not None and r.entity_id}
    best: tuple[int, int, EntityRef] | None = None
    for tok in _clause_tokens(head):
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            continue
        prep = tok.head
        if prep.lemma_.lower() not in PLACE_PREPS or not _is_place(tok, ctx):
            continue
        mention = ctx.mention_at[tok.i]
        assert mention is not None
        if mention.entity_id in excluded:
            continue
        attached = prep.head
        rank = 0 if attached.i == head.i else 1 if attached.head.i == head.i else 2
        if prep.lemma_.lower() not in ("in", "at"):
            rank += 3 if prep.lemma_.lower() not in ("to", "into") else 6
        candidate = (rank, tok.i, EntityRef(mention.text, mention.entity_id))
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return best[2] if best else None


def _attachment(root: Token) -> int:
    """The token a time expression modifies: "on May 16" -> its verb, "yesterday" -> its verb."""
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    return head.i


def _date(head: Token, ctx: _Context, *, sentence_fallback: bool = True) -> EventDate | None:
    """The DATE/TIME timex that modifies the predicate, else the nearest one in its sentence
    that modifies some other verb. Never a date inside a noun phrase ("a resolution in the
    near future" dates the resolution), nor the date of a reporting verb ("said yesterday
    that it will offer" is not dated yesterday), nor one across a line break (a headline
    is not dated by the dateline under it)."""
    if not ctx.timexes:
        return None
    lo, hi = _sentence_bounds(head, ctx)
    on_line = [(s, e, a, t) for s, e, a, t in ctx.timexes if lo <= t.start < hi]
    attached = [t for s, e, a, t in on_line if a == head.i]
    if attached:
        return _event_date(min(attached, key=lambda t: abs(t.start - head.idx)))
    if not sentence_fallback:
        return None
    sent_start, sent_end = ctx.sentence_of[head.i]
    doc = ctx.doc
    in_sentence = [
        t
        for s, e, a, t in on_line
        if sent_start <= s
        and e < sent_end
        and doc[a].pos_ in VERBAL
        and doc[a].lemma_.lower() not in REPORTING_VERBS
    ]
    if in_sentence:
        return _event_date(min(in_sentence, key=lambda t: abs(t.start - head.idx)))
    return None


def _event_date(timex: Timex) -> EventDate:
    return EventDate(text=timex.text, value=timex.value, start=timex.start, end=timex.end)


def _sentence_bounds(tok: Token, ctx: _Context) -> tuple[int, int]:
    """Character span of the token's sentence, cut at line breaks (the parser sometimes
    runs a sentence over a paragraph break when a full stop is missing)."""
    first, last = ctx.sentence_of[tok.i]
    text = ctx.text
    start = ctx.doc[first].idx
    end_tok = ctx.doc[last - 1]
    end = end_tok.idx + len(end_tok.text)
    line_start = text.rfind("\n", start, tok.idx)
    if line_start != -1:
        start = line_start + 1
    line_end = text.find("\n", tok.idx, end)
    if line_end != -1:
        end = line_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _make_event(
    ctx: _Context,
    *,
    anchor: Token,
    actor: EntityRef | None,
    action: str,
    target: EntityRef | None,
    place: EntityRef | None,
    date: EventDate | None,
    negated: bool,
    code: str,
    phrase: str,
    trigger: list[int],
) -> Event:
    start, end = _sentence_bounds(anchor, ctx)
    name, goldstein = cameo.root(code)
    return Event(
        start=start,
        end=end,
        actor=actor,
        action=action,
        target=target,
        place=place,
        date=date,
        negated=negated,
        cameo=Cameo(code=code, name=name, goldstein=goldstein),
        phrase=phrase,
        trigger=trigger,
    )
