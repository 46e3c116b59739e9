"""Who did what to whom, when: every actor-driven action of an article.

Scope: each verb whose subject (or by-agent, controller, relative antecedent, headline
subject) acts — business ("won a contract", "sold its unit", "filed for bankruptcy") as
well as politics ("met", "sanctioned", "apologised") — and event nouns with their
participants ("Russia's invasion of Ukraine", "a call between Putin and Trump", "the
talks took place on May 16"). Not events: states, thoughts and perceptions ("seem",
"believe", "have"), the speech verbs that introduce a quote or a clause (the clause is the
event, `reported`), control and aspect verbs ("continued to push" -> push), generic
statements ("people who sell cars"), conditions ("unless Baghdad accepts"), clauses that
complete a noun ("an offer to host talks"), descriptions ("a council representing
Albanians"); and, beside a coded act by someone, scenery by no one ("a lunch hosted by")
and uncoded aims ("to press their demands").

Each event gets its arguments with offsets (`arguments.py`), a CAMEO root and Goldstein
score where the CAMEO lexicon (newslens/data/cameo.py) classifies the action in this
sense (`sense.py`), else the category "other"; its modality; the date of its own clause
(`dates.py`); and the offsets of every mention of the same happening (repeats are merged).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newslens.data import cameo
from newslens.events import dates, sense
from newslens.events.arguments import (
    Context,
    QuoteSpans,
    arguments,
    cache_children,
    drop_children,
    is_abstract,
    is_agentive,
    is_generic,
    is_headline_infinitive,
    is_passive,
    is_place,
    is_pronoun,
    kids,
    make_ref,
    object_of,
    prep_object,
)
from newslens.events.lexicon import (
    AGENT_LABELS,
    AGENT_NOUNS,
    CATEGORY_NAMES,
    CLAUSE_DEPS,
    COMMITMENT_NOUNS,
    CONDITION_MARKS,
    CONDITIONAL_MARKS,
    CRAFT_MOTION_VERBS,
    DEMAND_CONTROLLERS,
    DEMANDING_AUX,
    DESIRE_CONTROLLERS,
    EMPTY_SUBJECTS,
    FIRST_PERSON,
    LEMMA_FIXES,
    MEANINGFUL_CONTROLLERS,
    NEGATING_CONTROLLERS,
    NON_ACTION_VERBS,
    NON_PARTICIPANTS,
    NOUN_VERBS,
    OBJECT_CONTROL,
    OBJECT_DEPS,
    OCCURRENCE_VERBS,
    OTHER_CATEGORY,
    PART_NOUNS,
    PASS_THROUGH_CONTROLLERS,
    PLACE_PREPS,
    PLANNING_AUX,
    PLANNING_CONTROLLERS,
    POSSIBLE_AUX,
    RECIPROCAL_ROOTS,
    SPEECH_EVENTS,
    TARGET_PREPS,
    TIME_LABELS,
    TRANSFER_VERBS,
    UNACCUSATIVE_VERBS,
)
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
from newslens.quotes.speakers import SpeakerResolver
from newslens.vocabulary import DOUBLE_QUOTE_MARKS, SAYING_VERBS

# Codes of cooperation that, announced for the future, are an intent to cooperate (03).
INTENT_CODES = frozenset({"04", "05", "06", "07"})
# Codes of force that, announced for the future, are a threat (13).
THREAT_CODES = frozenset({"14", "15", "16", "17", "18", "19", "20"})
# "said it would sell": in a report, "would" is the future seen from the past.
FUTURE_IN_PAST = frozenset({"would", "'d"})
# Controllers that promise: promising force is threatening.
PROMISING_CONTROLLERS = frozenset({"promise", "pledge", "vow", "swear"})
# Codes of agreeing and yielding that, negated, are a rejection (12).
AGREEMENT_CODES = frozenset({"03", "05", "08"})
VERBAL = frozenset({"VERB", "AUX"})
AMOUNT_LABELS = frozenset({"MONEY", "QUANTITY", "CARDINAL", "PERCENT"})
# Prepositions that, beside a direct object, set the scene rather than name a recipient.
SETTING_PREPS = frozenset({"at", "into", "over", "upon"})
# A headline's words after its verb: a longer run is running text, not a headline (and
# looking further would scan the rest of a text without line breaks for each verb).
HEADLINE_TOKENS = 30
# Adjectives that control an infinitive like verbs do: "is set to sell", "is due to meet".
CONTROL_ADJECTIVES = frozenset(
    {"set", "due", "likely", "able", "ready", "poised", "expected", "reluctant", "unwilling"}
)
# "appears reluctant to ratchet up the pressure": it may or may not happen.
DOUBT_ADJECTIVES = frozenset({"likely", "able", "reluctant", "unwilling"})
PLANNING_ADJECTIVES = frozenset({"set", "due", "poised", "ready", "expected"})


@dataclass
class _Found:
    event: Event
    anchor: int  # token index of the trigger
    verb: str  # the verb lemma the happening is named by (for merging nouns into verbs)
    reported_by: int = -1  # character start of the speech verb or quote cue reporting it
    aim: bool = False  # an uncoded purpose ("to monitor the plant"), told only when alone


def extract_events(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    timexes: list[Timex],
    quotes: list[Quote],
    *,
    published: str | None = None,
) -> list[Event]:
    """Events of `doc`, one per happening, in text order of their first mention."""
    text = cache_children(doc)
    try:
        ctx = _build_context(doc, text, entities, clusters, quotes)
        times = dates.index_timexes(doc, text, timexes, published)
        found: list[_Found] = []
        nouns: list[Token] = []
        claimed: set[int] = set()
        for tok in doc:
            if tok.pos_ == "VERB" and tok.dep_ in CLAUSE_DEPS:
                item = _verb_event(tok, ctx, times, claimed)
                if item is not None:
                    found.append(item)
            elif tok.pos_ in ("NOUN", "PROPN") and tok.dep_ != "compound":
                nouns.append(tok)
        known: dict[str, tuple[Token | None, Token | None]] = {}
        for tok in nouns:
            if tok.i in claimed:
                _remember_participants(tok, ctx, known)  # "proposed talks between X and Y"
                continue
            item = _nominal_event(tok, ctx, times, known)
            if item is not None:
                found.append(item)
        found.sort(key=lambda f: f.event.trigger[0])
        # A statement whose content is a coded act (CAMEO codes the act, its speaker is the
        # act's `source`) says nothing more than that act, unless it is an announcement,
        # an act of its own ("Ryanair announced that it is buying five jets").
        coded_reports = {f.reported_by for f in found if f.event.cameo is not None}
        found = [
            f
            for f in found
            if not (
                f.event.category == "statement"
                and f.event.trigger[0] in coded_reports
                and f.verb not in SPEECH_EVENTS
            )
        ]
        return _merge(_without_background(_without_named_objects(found, ctx), ctx))
    finally:
        drop_children(doc)


def _without_named_objects(found: list[_Found], ctx: Context) -> list[_Found]:
    """An event noun inside what another event was done to ("agreed to US mediation",
    "protested against Sweden's decision") is that event's object, not a happening told
    on its own; what a statement is about is ("insisted on its demands that ...")."""
    targets = [
        (f.event.target.start, f.event.target.end)
        for f in found
        if f.event.target is not None
        and f.event.target.start is not None
        and f.event.category != "statement"
    ]
    kept = []
    for f in found:
        tok = ctx.doc[f.anchor]
        nominal = tok.pos_ in ("NOUN", "PROPN")
        if nominal and any(s <= tok.idx < e for s, e in targets):  # type: ignore[operator]
            continue
        kept.append(f)
    return kept


def _without_background(found: list[_Found], ctx: Context) -> list[_Found]:
    """In a sentence that says who did a coded act, an action with no one behind it is a
    detail of the scene ("held talks at a lunch hosted by the embassy", "violated the
    agreement signed in March"): it is listed only when its sentence tells of no other
    coded act by someone. An uncoded purpose ("blocked roads to press their demands") is
    an aim that may never be reached: listed only when its sentence tells nothing done."""
    coded = {
        ctx.sentence_of[f.anchor]
        for f in found
        if f.event.actor is not None and f.event.cameo is not None
    }
    done = {ctx.sentence_of[f.anchor] for f in found if f.event.actor is not None and not f.aim}
    return [
        f
        for f in found
        if not (f.event.actor is None and ctx.sentence_of[f.anchor] in coded)
        and not (f.aim and ctx.sentence_of[f.anchor] in done)
    ]


# --- context --------------------------------------------------------------------------------


def _build_context(
    doc: Doc,
    text: str,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    quotes: list[Quote],
) -> Context:
    mention_at: list[EntityMention | None] = [None] * len(doc)
    for mention in entities:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                mention_at[tok.i] = mention
    quote_spans: list[tuple[int, int, EntityRef | None, int]] = []
    for quote in quotes:
        speaker = quote.speaker
        ref = None
        if speaker is not None:
            ref = EntityRef(
                speaker.name or speaker.text, speaker.entity_id, speaker.start, speaker.end
            )
        cue = quote.cue.start if quote.cue is not None else -1
        for start, end in quote.pieces:
            quote_spans.append((start, end, ref, cue))
    sentence_of = _sentence_index(doc)
    is_quoted = _quoted_characters(text)
    resolver = SpeakerResolver(doc, entities, clusters, is_quoted=is_quoted, text=text)
    return Context(
        doc=doc,
        text=text,
        mention_at=mention_at,
        clusters={c.id: c for c in clusters},
        resolver=resolver,
        is_quoted=is_quoted,
        quote_spans=QuoteSpans(quote_spans),
        sentence_of=sentence_of,
    )


def _sentence_index(doc: Doc) -> list[tuple[int, int]]:
    """token -> (first token, end token) of its sentence, in one pass over the doc."""
    sentence_of: list[tuple[int, int]] = [(0, 0)] * len(doc)
    for sent in doc.sents:
        first, end = sent.start, sent.end
        sentence_of[first:end] = [(first, end)] * (end - first)
    return sentence_of


def _quoted_characters(text: str) -> Callable[[int], bool]:
    """Whether a character lies between quotation marks on its line."""
    marks = [i for i, ch in enumerate(text) if ch in DOUBLE_QUOTE_MARKS or ch == "\n"]

    def quoted(char: int) -> bool:
        k = bisect_right(marks, char)
        count = 0
        while k > 0:
            k -= 1
            if text[marks[k]] == "\n":
                break
            count += 1
        return count % 2 == 1

    return quoted


# --- verbal events --------------------------------------------------------------------------


def _controllers(verb: Token) -> list[Token]:
    """The verbs (and adjectives) whose infinitive `verb` is, nearest first: "has refused to
    sign" -> [refused]; "is set to sell" -> [set]."""
    chain: list[Token] = []
    tok = verb
    while tok.dep_ == "xcomp" and tok.head.i != tok.i:
        head = tok.head
        if head.pos_ in VERBAL or head.lemma_.lower() in CONTROL_ADJECTIVES:
            chain.append(head)
            tok = head
        else:
            break
    return chain


def _is_saying(verb: Token) -> bool:
    """A speech verb introducing a quote or a clause ("said that ..."): a statement whose
    content is an event of its own, `reported` by this verb's subject."""
    lemma = verb.lemma_.lower()
    if lemma not in SAYING_VERBS:
        return False
    has_clause = any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in kids(verb))
    if lemma in SPEECH_EVENTS:
        return has_clause
    return has_clause or object_of(verb) is None


def _is_controller(verb: Token) -> bool:
    """A control or aspect verb whose event is its infinitive ("plans to sell")."""
    lemma = verb.lemma_.lower()
    if lemma not in PASS_THROUGH_CONTROLLERS and lemma not in MEANINGFUL_CONTROLLERS:
        return False  # "urged Israel to allow": the urging is an event of its own
    return any(c.dep_ == "xcomp" and c.pos_ == "VERB" for c in kids(verb))


def _verb_event(
    verb: Token, ctx: Context, times: dates.TimeIndex, claimed: set[int]
) -> _Found | None:
    lemma = verb.lemma_.lower()
    if lemma in NON_ACTION_VERBS and not _light_event_noun(verb):
        return None
    if len(verb.text) < 2 or not verb.text[0].isalpha():
        return None  # "Apple ’ s": a clitic split off by a curly apostrophe is no verb
    saying = _is_saying(verb)
    if _is_controller(verb) and not saying:
        return None
    if _complements_noun(verb):
        return None  # "rejected an offer to host a summit": the offer is the happening
    if _under_condition(verb, CONDITION_MARKS):
        return None  # "unless Baghdad accepts": a condition, not a happening
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return None  # "a council representing Albanians": a standing description
    if _occurrence_noun(verb) is not None:
        return None  # reported by the event noun ("the talks took place")
    if lemma == "call" and _is_naming(verb):
        return None  # "called the charges fabricated", "what he called a hoax"
    if lemma == "meet" and is_passive(verb):
        return None  # "was met with skepticism" is a reception, not a meeting
    actor_tok, patient_tok = arguments(verb)
    if actor_tok is not None and (
        actor_tok.lower_ in EMPTY_SUBJECTS
        and not _is_relative(actor_tok)
        or actor_tok.ent_type_ in TIME_LABELS
        or is_generic(actor_tok, ctx, verb)
    ):
        actor_tok = None
    if actor_tok is not None and actor_tok.i == verb.i:
        actor_tok = None
    if actor_tok is not None and (
        lemma in UNACCUSATIVE_VERBS
        or _is_take_place(verb)  # "the take-off took place": it happened
        or not (
            is_agentive(actor_tok, ctx)
            or _is_named(actor_tok, ctx)
            or (object_of(verb) is not None and not is_abstract(actor_tok, ctx))
        )
    ):
        actor_tok = None  # "the aircraft landed", "Jobs died": it happened to them
    if (
        actor_tok is not None
        and lemma in CRAFT_MOTION_VERBS
        and object_of(verb) is None
        and not _is_someone(actor_tok, ctx)
    ):
        actor_tok = None  # "the aircraft flew into clear skies": the craft moved
    controllers = _controllers(verb)
    code = "01" if saying else _classify(verb, controllers)
    object_tok = object_of(verb)
    if saying and (actor_tok is None or lemma == "according"):
        return None
    event_object = object_tok is not None and _names_the_event(verb, object_tok)
    target_tok = _target_token(verb, actor_tok, patient_tok, object_tok, event_object, code, ctx)
    args = [t for t in (actor_tok, target_tok) if t is not None]
    code = sense.sense_code(verb, code, args)
    if code is None and _content_of_another_event(verb):
        return None  # "claims to be building": the claim tells it
    actor = make_ref(actor_tok, ctx) if actor_tok is not None else None
    if (
        actor_tok is not None
        and actor is not None
        and actor.entity_id is None
        and is_pronoun(actor_tok)
        and (actor_tok.lower_ in FIRST_PERSON or actor_tok.lower_ in ("you", "one"))
    ):
        return None  # "we will decide": nobody we can name
    controller = _absorbing_controller(controllers)
    if controller is not None and target_tok is not None and not _is_party(target_tok, ctx):
        target_tok = None  # "plans to sell movies": the movies are what, not whom
    if target_tok is not None and target_tok.lemma_.lower() in NON_PARTICIPANTS:
        # "took necessary measures": no one it is done to; "marked the end of the DC-9": the DC-9
        whole = prep_object(target_tok, ("of",))
        target_tok = whole if target_tok.lemma_.lower() in PART_NOUNS else None
    target = make_ref(target_tok, ctx) if target_tok is not None else None
    if target is None and object_tok is None and not saying:
        target = _line_object(verb, ctx)
    if target is None and code in RECIPROCAL_ROOTS and actor_tok is not None:
        later = [c for c in actor_tok.conjuncts if c.i > actor_tok.i]
        if later:  # "Putin and Trump met": Putin meets Trump
            target = make_ref(later[0], ctx)
            first = ctx.doc[actor_tok.i]
            actor = (
                EntityRef(actor.text, actor.entity_id, first.idx, first.idx + len(first.text))
                if actor
                else None
            )
            if actor is not None:
                actor.text = (
                    ctx.mention_at[actor_tok.i].text if ctx.mention_at[actor_tok.i] else first.text  # pyright: ignore[reportOptionalMemberAccess]
                )
    if actor is None and (target is None or code is None or code == "01"):
        # an action with no one behind it is listed only when CAMEO codes it, and a
        # statement by no one ("comments published Thursday") says nothing
        return None
    if object_tok is not None:
        claimed.add(object_tok.i)
    modality, source, cue = _modality(verb, controllers, ctx)
    negated = modality == "negated"
    code = _modal_code(code, modality, reported=source is not None)
    path = [verb, *controllers]
    if verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
        path.append(verb.head)  # "a 2010 raid that killed ...": the raid's date
    date = dates.clause_date(path, times)
    if date is None and event_object and object_tok is not None:
        date = dates.clause_date([object_tok], times)
    if date is None and modality in ("asserted", "reported"):
        date = dates.inferred_date(verb, times, headline=_is_headline(verb, ctx))
    shown_object = (
        object_tok
        if object_tok is not None
        and (event_object or target_tok is None or target_tok.i != object_tok.i)
        else None
    )  # "did not send tanks" (to Ukraine): the object says what was done
    start_i, end_i = _phrase_bounds(verb, controllers, shown_object)
    action = lemma + (f" {p}" if (p := _particle(verb)) else "")
    found = _Found(
        _make_event(
            ctx,
            anchor=verb,
            actor=actor,
            action=action,
            target=target,
            place=_place(verb, [actor, target], ctx),
            date=date,
            negated=negated,
            modality=modality,
            source=source,
            code=code,
            phrase=ctx.doc[start_i : end_i + 1].text,
            # "plans to sell": the planning is the happening told; its wording shows both
            trigger=_trigger(controller or verb),
        ),
        verb.i,
        lemma,
        cue,
    )
    found.aim = code is None and _is_purpose(verb)
    return found


def _modal_code(code: str | None, modality: str, *, reported: bool) -> str | None:
    """CAMEO codes what is announced, not yet done, as intent or threat: "will provide
    aid" is an intent to cooperate, "would boycott" a threat, "has not agreed" a rejection."""
    if code is None:
        return None
    if modality in ("planned", "possible"):
        if code in INTENT_CODES:
            return "03"
        if code in THREAT_CODES:
            return "13"
    if modality == "negated" and code in AGREEMENT_CODES:
        return "12"
    if modality == "demanded" and reported:
        return "10"  # "the minister said Israel must allow aid": a demand
    return code


def _is_named(tok: Token, ctx: Context) -> bool:
    """A noun phrase with a name in it ("The iPod Nano", "Apple's new phone"): things that
    news writes as doers ("the Macbook features ..."), unlike "the problem" or "the deal"."""
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if ctx.mention_at[tok.i] is not None:
        return True
    return any(ctx.mention_at[c.i] is not None for c in kids(tok) if c.i < tok.i)


def _is_someone(tok: Token, ctx: Context) -> bool:
    """A person or a group by its own head word ("Putin", "the minister", "they"), unlike a
    craft named after its maker ("the Airbus A330 jetliner", "it")."""
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ == "relcl":
        tok = tok.head.head
    if is_pronoun(tok):
        return tok.lower_ not in ("it", "its", "itself")
    mention = ctx.mention_at[tok.i]
    if mention is not None and mention.label in AGENT_LABELS:
        return True
    return tok.lemma_.lower() in AGENT_NOUNS


def _absorbing_controller(controllers: list[Token]) -> Token | None:
    """The outermost control verb that has no event of its own ("plans", "agreed",
    "continued" in "plans to sell"), if any."""
    for head in reversed(controllers):
        if head.pos_ == "VERB" and _is_controller(head):
            return head
    return None


def _is_party(tok: Token, ctx: Context) -> bool:
    """Whether an argument names a party ("Boeing", "the company", "it", "Ukraine") rather
    than a thing done or dealt in ("movies", "the opening keynote", "$ 11bn")."""
    if tok.like_num or tok.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "CARDINAL"):
        return False
    if is_pronoun(tok):
        return True
    mention = ctx.mention_at[tok.i]
    return is_agentive(tok, ctx) or (mention is not None and mention.label != "PRODUCT")


def _line_object(verb: Token, ctx: Context) -> EntityRef | None:
    """The object of a headline verb that the parser attached to the line below ("Boeing
    unveils long-range 777" over a dateline): the noun phrase that ends the verb's line."""
    doc = ctx.doc
    words: list[Token] = []
    for tok in doc[verb.i + 1 : verb.i + 1 + HEADLINE_TOKENS]:
        if tok.is_space or "\n" in tok.text:
            break
        words.append(tok)
        if "\n" in tok.whitespace_:
            break
    else:
        return None  # not a (short) line of its own
    if not words or words[0].pos_ in ("ADP", "VERB", "AUX", "SCONJ", "PART", "PUNCT"):
        return None
    if any(t.pos_ in ("VERB", "AUX", "ADP") and t.dep_ != "amod" for t in words):
        return None  # a clause, not a noun phrase ("new Intel-based Mac" is one)
    if words[-1].pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    inside = [ctx.mention_at[t.i] for t in words if ctx.mention_at[t.i] is not None]
    entity = inside[-1].entity_id if inside else None  # pyright: ignore[reportOptionalMemberAccess]
    return EntityRef(ctx.text[start:end], entity, start, end)


def _is_relative(tok: Token) -> bool:
    return tok.lower_ in ("which", "that") and tok.head.dep_ == "relcl"


def _light_event_noun(verb: Token) -> bool:
    """ "have talks", "make an offer": a light verb whose object is an event noun."""
    obj = object_of(verb)
    return (
        obj is not None
        and verb.lemma_.lower() in cameo.LIGHT_VERBS
        and bool(cameo.noun_root(obj.lemma_))
    )


def _names_the_event(verb: Token, obj: Token) -> bool:
    """Whether the object is the event itself ("threatened sanctions", "held talks")."""
    lemma = verb.lemma_.lower()
    if not cameo.noun_root(obj.lemma_):
        return False  # "released the hostages": the hostages are whom it was done to
    return bool(cameo.phrase_root(lemma, obj.lemma_) or lemma in cameo.LIGHT_VERBS)


def _particle(verb: Token) -> str | None:
    for child in kids(verb):
        if child.dep_ == "prt":
            return child.lower_
    return None


def _phrasal_prep(verb: Token) -> str | None:
    """A preposition right after the verb that changes its meaning ("called for")."""
    obj = object_of(verb)
    for child in kids(verb):
        if (
            child.dep_ == "prep"
            and verb.i < child.i <= verb.i + 2
            and (obj is None or child.i < obj.i)
        ):
            return child.lower_
    return None


def _classify(verb: Token, controllers: list[Token]) -> str | None:
    """CAMEO root: a meaningful controller ("refused to" -> reject), verb + object, light
    verb + event noun, the verb (with its particle); desire turns cooperation into intent."""
    for head in controllers:
        head_lemma = head.lemma_.lower()
        if head_lemma in MEANINGFUL_CONTROLLERS:
            inner = _classify_verb(verb)
            if head_lemma == "agree" and inner == "08":
                return inner  # "agreed to withdraw": yielding
            if head_lemma in PROMISING_CONTROLLERS and inner in THREAT_CODES:
                return "13"  # "vowed to fight": a threat
            return cameo.verb_root(head_lemma)
    code = _classify_verb(verb)
    if (
        code is not None
        and int(code) <= 8
        and any(h.lemma_.lower() in DESIRE_CONTROLLERS for h in controllers)
    ):
        return "03"  # "wants to meet" expresses an intent to cooperate; no meeting yet
    return code


def _classify_verb(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    lemma = LEMMA_FIXES.get(lemma, lemma)
    objects = [o for o in (object_of(verb), prep_object(verb, ("to", "on", "for", "in"))) if o]
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
    particle = _particle(verb) or _phrasal_prep(verb)
    return cameo.verb_root(lemma, particle)


def _is_naming(verb: Token) -> bool:
    """ "call X Y" names or labels X; only "call X" (on the phone) is a contact."""
    if any(c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in ("for", "on")) for c in kids(verb)):
        return False
    obj = object_of(verb)
    if (
        obj is None
        or obj.tag_ in ("WP", "WDT")
        or obj.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP")
    ):
        return True
    return any(
        c.dep_ in ("oprd", "ccomp", "xcomp", "attr", "dobj") and c.i > obj.i for c in kids(verb)
    )


def _target_token(
    verb: Token,
    actor: Token | None,
    patient: Token | None,
    obj: Token | None,
    event_object: bool,
    code: str | None,
    ctx: Context,
) -> Token | None:
    """Whom or what the action is done to: the patient of a passive or relative clause,
    the direct object, else a recipient or a prepositional target."""
    if patient is not None:
        return patient
    candidates: list[Token] = []
    if obj is not None and not event_object:
        candidates.append(_measured_thing(obj))
    if obj is not None and event_object:
        inner = prep_object(obj, (*TARGET_PREPS, "between"))
        if inner is not None:
            candidates.append(inner)  # "threatened sanctions against Russia"
    dative = next((c for c in kids(verb) if c.dep_ == "dative"), None)
    transfer = verb.lemma_.lower() in TRANSFER_VERBS
    if dative is not None:
        dative = prep_object(dative, ("to",)) or dative
        if dative.pos_ != "ADP":
            candidates.append(dative)
    prep_target = prep_object(verb, TARGET_PREPS)
    if prep_target is not None and obj is not None and prep_target.head.lower_ in SETTING_PREPS:
        prep_target = None  # "unveiled the products at the Cupertino event": where, not whom
    if (
        prep_target is not None
        and (transfer or not is_place(prep_target, ctx))
        and (code is not None or transfer or obj is None)
    ):
        candidates.append(prep_target)
    candidates = [
        c
        for c in candidates
        if c.ent_type_ not in TIME_LABELS and (actor is None or c.i != actor.i) and c.pos_ != "ADP"
    ]
    if not candidates:
        return None
    first = candidates[0]
    if (transfer or code is not None) and not is_agentive(first, ctx):
        for other in candidates[1:]:
            if is_agentive(other, ctx):
                return other  # "sent tanks to Ukraine": the recipient is the target
    return first


def _measured_thing(obj: Token) -> Token:
    """The thing an amount measures: "ordered US$ 6 billion in new airliners" -> airliners,
    "bought 30 of the jets" -> jets; any other object as it is."""
    amount = obj.like_num or obj.ent_type_ in AMOUNT_LABELS or obj.text[:1].isdigit()
    if not (amount or any(c.tag_ == "$" for c in kids(obj))):
        return obj  # "$ 11bn of aircraft deals": the parser may miss the amount
    for prep in kids(obj):
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "worth"):
            thing = next((c for c in kids(prep) if c.dep_ == "pobj"), None)
            if thing is not None and not (thing.like_num or thing.ent_type_ in AMOUNT_LABELS):
                return thing
    return obj


def _modality(
    verb: Token, controllers: list[Token], ctx: Context
) -> tuple[str, EntityRef | None, int]:
    """(modality, source, reporting verb start): negated > demanded > possible > planned >
    reported > asserted; `source` is whoever reports it, whatever the modality."""
    source, cue = _reporter(verb, ctx)
    if _negated(verb, controllers):
        return "negated", source, cue
    chain = [verb, *controllers]
    lemmas = {h.lemma_.lower() for h in controllers}
    if lemmas & (DEMAND_CONTROLLERS | OBJECT_CONTROL) or (
        controllers
        and controllers[0].lemma_.lower() == "call"
        and _phrasal_prep(controllers[0]) == "on"
    ):
        return "demanded", source, cue
    if _demanded_clause(verb):
        return "demanded", source, cue  # "demanded that Israel release the prisoners"
    auxes = {c.lower_ for h in chain for c in kids(h) if c.dep_ in ("aux", "auxpass")}
    if auxes & DEMANDING_AUX:
        return "demanded", source, cue  # "Israel must allow aid"
    if auxes & FUTURE_IN_PAST and source is not None and not _under_condition(verb):
        return "planned", source, cue  # "said it would sell": the future of the report
    if auxes & POSSIBLE_AUX or _under_condition(verb) or lemmas & DOUBT_ADJECTIVES:
        return "possible", source, cue
    if (
        auxes & PLANNING_AUX
        or lemmas & (PLANNING_CONTROLLERS | DESIRE_CONTROLLERS | PLANNING_ADJECTIVES)
        or _going_to(controllers)
        or is_headline_infinitive(verb)
        or _noun_infinitive(verb)
    ):
        return "planned", source, cue
    if source is not None:
        return "reported", source, cue
    return "asserted", None, -1


def _noun_infinitive(verb: Token) -> bool:
    """ "a desire to reboot relations", "pressure to make concessions": an infinitive that
    modifies a noun tells what is wanted, not what was done."""
    return verb.dep_ == "acl" and any(c.tag_ == "TO" for c in kids(verb))


def _complements_noun(verb: Token) -> bool:
    """ "an offer to host a summit", "plans to sell", "a proposal for signing a treaty",
    "capable of launching": a clause that completes a noun or an adjective says what is
    offered, planned or possible; the noun (or the verb governing it) is the happening."""
    head = verb.head
    if verb.dep_ == "acl" and any(c.tag_ == "TO" for c in kids(verb)):
        if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in COMMITMENT_NOUNS:
            return False
        # "has plans to buy", "made the decision to ban": have or make with the noun is the
        # verb ("plans to buy"), whose infinitive is the (planned) event
        return not (head.dep_ in OBJECT_DEPS and head.head.lemma_.lower() in ("have", "make"))
    if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and head.dep_ == "prep":
        return head.head.pos_ in ("NOUN", "PROPN", "ADJ")
    return False


def _content_of_another_event(verb: Token) -> bool:
    """An infinitive under a verb that is an event of its own ("claims to possess", "the
    first products to use Intel chips"): what is claimed is told by that event. Not under a
    control or aspect verb, which hands its event on ("plans to sell"), nor under a verb
    that asks someone else to act, whose infinitive is the demanded event ("urged Apple to
    raise wages")."""
    head = verb.head
    if verb.dep_ != "xcomp" or head.i == verb.i or head.pos_ != "VERB":
        return False
    return not _is_controller(head) and head.lemma_.lower() not in OBJECT_CONTROL


def _demanded_clause(verb: Token) -> bool:
    """The content clause of a demand ("demanded that Israel release", "insisted that the
    army withdraw"): asked for, not done."""
    head = verb.head
    return (
        verb.dep_ == "ccomp"
        and head.i != verb.i
        and head.lemma_.lower() in DEMAND_CONTROLLERS
        and not any(c.dep_ == "aux" and c.tag_ in ("VBD", "VBZ", "VBP") for c in kids(verb))
    )


def _is_purpose(verb: Token) -> bool:
    """An infinitive of purpose ("blocked roads to press their demands", "so that the
    latter would stop"): what the action is for, which may never happen."""
    if verb.dep_ != "advcl":
        return False
    return any(c.tag_ == "TO" for c in kids(verb)) or any(
        c.dep_ == "mark" and c.lower_ in ("so", "lest") for c in kids(verb)
    )


def _going_to(controllers: list[Token]) -> bool:
    return any(h.lemma_.lower() == "go" and h.tag_ == "VBG" for h in controllers)


def _negated(verb: Token, controllers: list[Token]) -> bool:
    """Negation on the verb or on a controller ("did not try to attack"), a negating
    controller ("failed to pay"), shared with a conjoined verb without its own auxiliary."""
    for head in (verb, *controllers):
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in kids(head)):
            return True
        if head.i != verb.i and head.lemma_.lower() in NEGATING_CONTROLLERS:
            return True
    head = verb.head
    if (
        verb.dep_ == "conj"
        and head.i != verb.i
        and head.pos_ == "VERB"
        and not any(c.dep_ in ("aux", "auxpass", "nsubj") for c in kids(verb))
    ):
        return _negated(head, _controllers(head))
    return False


def _under_condition(verb: Token, marks: frozenset[str] = CONDITIONAL_MARKS) -> bool:
    """A clause under "if", "whether" or "unless" (its own or its governing clause's)."""
    tok = verb
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in marks for c in kids(tok)):
            return True
        if tok.dep_ not in ("xcomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _reporter(tok: Token, ctx: Context) -> tuple[EntityRef | None, int]:
    """Who reports the event, and where the reporting verb starts (-1: nowhere): the
    speaker of the quote it lies in, or the subject of the speech verb whose clause it is
    ("the minister said that ...")."""
    for _, _, speaker, cue in ctx.quote_spans.containing(tok.idx):
        return speaker or EntityRef("unnamed source"), cue
    cur = tok
    for _ in range(6):
        head = cur.head
        if head.i == cur.i:
            return None, -1
        if cur.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in SAYING_VERBS:
            subject = next((c for c in kids(head) if c.dep_ == "nsubj"), None)
            if subject is None:
                subject = prep_object(head, ("to",)) if head.lower_ == "according" else None
            ref = make_ref(subject, ctx) if subject is not None else EntityRef("unnamed source")
            return ref, head.idx
        if cur.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "relcl"):
            return None, -1
        cur = head
    return None, -1


def _is_headline(verb: Token, ctx: Context) -> bool:
    return ctx.sentence_of[verb.i][0] == 0


def _occurrence_noun(verb: Token) -> Token | None:
    """The event noun a "take place"/"continue"-type verb reports, if any."""
    lemma = verb.lemma_.lower()
    is_take_place = _is_take_place(verb)
    if not is_take_place and (lemma not in OCCURRENCE_VERBS or object_of(verb) is not None):
        return None
    for child in kids(verb):
        if child.dep_ in ("nsubj", "nsubjpass") and cameo.noun_root(child.lemma_):
            return child
    return None


def _is_take_place(verb: Token) -> bool:
    return verb.lemma_.lower() == "take" and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "place" for c in kids(verb)
    )


def _phrase_bounds(
    verb: Token, controllers: list[Token], event_object: Token | None
) -> tuple[int, int]:
    """Token range of the predicate as written: auxiliaries, negation, controllers, verb,
    particle and an object that names the event ("threatened sanctions")."""
    top = controllers[-1] if controllers else verb
    start = top.i
    for head in (top, verb):
        for child in kids(head):
            if (
                child.i < head.i
                and child.dep_ in ("aux", "auxpass", "neg")
                and child.i >= start - 4
            ):
                start = min(start, child.i)
    end = verb.i
    for child in kids(verb):
        if child.dep_ == "prt":
            end = max(end, child.i)
    if event_object is not None and event_object.i - end <= 4:
        end = max(end, event_object.i)
    return start, end


def _trigger(tok: Token) -> list[int]:
    end_tok = tok
    for child in kids(tok):
        if child.dep_ == "prt" and child.i == tok.i + 1:
            end_tok = child
    return [tok.idx, end_tok.idx + len(end_tok.text)]


# --- nominal events -------------------------------------------------------------------------


def _remember_participants(
    noun: Token, ctx: Context, known: dict[str, tuple[Token | None, Token | None]]
) -> tuple[Token | None, Token | None]:
    """Participants of an event noun, remembered by lemma so that a later bare mention
    ("the talks took place") borrows them."""
    actor, target = _noun_participants(noun, ctx)
    lemma = noun.lemma_.lower()
    if actor is not None or target is not None:
        known[lemma] = (actor, target)
    return actor, target


def _nominal_event(
    noun: Token,
    ctx: Context,
    times: dates.TimeIndex,
    known: dict[str, tuple[Token | None, Token | None]],
) -> _Found | None:
    """An event noun with a named participant ("Russia's invasion of Ukraine", "a call
    between Putin and Trump"), or the subject of an occurrence verb ("the talks took place")."""
    if ctx.mention_at[noun.i] is not None:
        return None  # "Air France Flight 447", "Worldwide Developers Conference": a name
    lemma = noun.lemma_.lower()
    code = cameo.noun_root(lemma)
    verb_lemma = NOUN_VERBS.get(lemma)
    if code is None and verb_lemma is None:
        return None
    occurrence = noun.head if noun.dep_ in ("nsubj", "nsubjpass") else None
    if occurrence is not None and (
        _occurrence_noun(occurrence) is None or _occurrence_noun(occurrence).i != noun.i  # pyright: ignore[reportOptionalMemberAccess]
    ):
        occurrence = None
    actor_tok, target_tok = _remember_participants(noun, ctx, known)
    if occurrence is not None and actor_tok is None and target_tok is None:
        actor_tok, target_tok = known.get(lemma, (None, None))
    if occurrence is None and actor_tok is None:
        return None
    if occurrence is None and noun.dep_ in ("dobj", "attr", "oprd"):
        return None  # "sign a treaty", "want talks": the verb says what became of it
    if _under_hypothesis(noun):
        return None
    if code is None and verb_lemma is not None:
        code = cameo.verb_root(verb_lemma)
    actor = make_ref(actor_tok, ctx) if actor_tok is not None else None
    target = make_ref(target_tok, ctx) if target_tok is not None else None
    if occurrence is None and actor_tok is not None and not is_agentive(actor_tok, ctx):
        return None  # "since its launch" (of the service): the launched thing, not a doer
    if occurrence is None and (actor is None or actor.entity_id is None):
        return None  # "a recent flurry" is not a participant
    start = noun.i
    while start > 0 and ctx.doc[start - 1].dep_ in (
        "det",
        "amod",
        "compound",
        "poss",
        "case",
        "nummod",
    ):
        start -= 1
    end = noun.i
    negated = False
    modality = "asserted"
    if occurrence is not None:
        end = max(occurrence.i, *(c.i for c in kids(occurrence) if c.dep_ == "dobj"), noun.i)
        negated = _negated(occurrence, [])
        modality = "negated" if negated else _modality(occurrence, [], ctx)[0]
    source, cue = _reporter(occurrence or noun.head, ctx)
    if modality == "asserted" and source is not None:
        modality = "reported"
    path = [noun] + ([occurrence] if occurrence is not None else [])
    date = dates.clause_date(path, times)
    return _Found(
        _make_event(
            ctx,
            anchor=noun,
            actor=actor,
            action=lemma,
            target=target,
            place=_place(noun, [actor, target], ctx)
            or (_place(occurrence, [actor, target], ctx) if occurrence is not None else None),
            date=date,
            negated=negated,
            modality=modality,
            source=source,
            code=code,
            phrase=ctx.doc[start : end + 1].text,
            trigger=[noun.idx, noun.idx + len(noun.text)],
        ),
        noun.i,
        verb_lemma or lemma,
        cue,
    )


def _noun_participants(noun: Token, ctx: Context) -> tuple[Token | None, Token | None]:
    actor: Token | None = None
    target: Token | None = None
    between = prep_object(noun, ("between",))
    if between is not None:
        actor = between
        later = [c for c in between.conjuncts if c.i > between.i]
        target = later[0] if later else None
    for child in kids(noun):
        if actor is None and child.dep_ == "poss":
            actor = child
        if actor is None and child.dep_ in ("compound", "amod") and ctx.mention_at[child.i]:
            actor = child
    if actor is None:
        actor = prep_object(noun, ("by",))
    if target is None:
        target = prep_object(noun, ("with", "against", "on", "to", "toward", "towards", "of"))
        if target is not None and is_place(target, ctx) and target.head.lower_ == "to":
            target = None
    return actor, target


def _under_hypothesis(tok: Token) -> bool:
    """Whether the nearest clause above the token is hypothetical."""
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.pos_ in VERBAL:
            return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in kids(tok))
    return False


# --- places, sentences, records ------------------------------------------------------------


def _clause_tokens(head: Token) -> list[Token]:
    """Tokens of the clause headed by `head`, without nested clauses."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in kids(tok):
            if (
                child.dep_
                in (
                    "ccomp",
                    "advcl",
                    "relcl",
                    "acl",
                    "conj",
                    "parataxis",
                    "csubj",
                    "xcomp",
                    "pcomp",
                )
                and child.pos_ in VERBAL
            ):
                continue
            stack.append(child)
    return out


def _place(head: Token, exclude: list[EntityRef | None], ctx: Context) -> EntityRef | None:
    """A GPE/LOC/FAC in the clause, preferring "in X" attached to the predicate."""
    excluded = {r.entity_id for r in exclude if r is not None and r.entity_id}
    best: tuple[int, int, EntityRef] | None = None
    for tok in _clause_tokens(head):
        if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
            continue
        prep = tok.head
        if prep.lower_ not in PLACE_PREPS or not is_place(tok, ctx):
            continue
        mention = ctx.mention_at[tok.i]
        assert mention is not None
        if mention.entity_id in excluded:
            continue
        attached = prep.head
        rank = 0 if attached.i == head.i else 1 if attached.head.i == head.i else 2
        if prep.lower_ not in ("in", "at"):
            rank += 3 if prep.lower_ not in ("to", "into") else 6
        ref = EntityRef(mention.text, mention.entity_id, mention.start, mention.end)
        if best is None or (rank, tok.i) < best[:2]:
            best = (rank, tok.i, ref)
    return best[2] if best else None


def _sentence_bounds(tok: Token, ctx: Context) -> tuple[int, int]:
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
    ctx: Context,
    *,
    anchor: Token,
    actor: EntityRef | None,
    action: str,
    target: EntityRef | None,
    place: EntityRef | None,
    date: EventDate | None,
    negated: bool,
    modality: str,
    source: EntityRef | None,
    code: str | None,
    phrase: str,
    trigger: list[int],
) -> Event:
    start, end = _sentence_bounds(anchor, ctx)
    if code is not None:
        name, goldstein = cameo.root(code)
        category = CATEGORY_NAMES[code]
        code_record: Cameo | None = Cameo(code=code, name=name, goldstein=goldstein)
    else:
        category = OTHER_CATEGORY
        code_record = None
    return Event(
        start=start,
        end=end,
        actor=actor,
        action=action,
        target=target,
        place=place,
        date=date,
        negated=negated,
        cameo=code_record,
        phrase=phrase,
        trigger=trigger,
        modality=modality,
        source=source,
        category=category,
        mentions=[[start, end, *trigger]],
    )


# --- one event per happening ---------------------------------------------------------------


def _who(ref: EntityRef | None) -> str | None:
    if ref is None:
        return None
    return ref.entity_id or ref.text.lower()


def _merge(found: list[_Found]) -> list[Event]:
    """Merge repeats of one happening (same action, same actor, same or no target, same
    modality) and nominal re-mentions ("the sale") into the first mention, keeping every
    mention's offsets."""
    kept: list[_Found] = []
    # Only events of the same verb can be one happening, and statements never merge: an
    # index by verb keeps merging linear in the article's length.
    by_verb: dict[str, list[_Found]] = {}
    for item in found:
        event = item.event
        match = None
        if event.actor is not None or event.target is not None:
            for prior in by_verb.get(item.verb, ()):
                if _same_happening(prior, item):
                    match = prior
                    break
        if match is None:
            kept.append(item)
            if event.category != "statement":
                by_verb.setdefault(item.verb, []).append(item)
            continue
        first = match.event
        first.mentions.append([event.start, event.end, *event.trigger])
        if first.date is None or (first.date.inferred and event.date and not event.date.inferred):
            first.date = event.date
    return [k.event for k in kept]


def _same_happening(prior: _Found, item: _Found) -> bool:
    """The same action by the same actor on the same named target ("Apple sold Beats" in
    the headline and again in the text), or a bare nominal re-mention ("the sale") of an
    action told before. Statements are never merged: each says something else."""
    a, b = prior.event, item.event
    if prior.verb != item.verb or a.negated != b.negated:
        return False
    if a.modality != b.modality and {a.modality, b.modality} != {"asserted", "reported"}:
        return False
    if a.category == "statement":
        return False
    if b.actor is None and b.target is None:
        return True  # "the sale" after "sold"
    if _who(a.actor) is None or _who(a.actor) != _who(b.actor):
        return False
    if a.target is None or b.target is None or _who(a.target) != _who(b.target):
        return False
    if a.date and b.date and a.date.value != b.date.value:
        return a.date.inferred or b.date.inferred
    return True
