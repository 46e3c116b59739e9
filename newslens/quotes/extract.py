"""Attributions from a parsed doc: direct, partial and reported speech with their cue and source.

The plan, in one pass over the tokens:
1. quoted stretches from the quotation marks (`marks.py`), whatever their style;
2. cue candidates: reporting verbs (`say`, `tell`, ... from the lexicon) and `according to`
   outside quoted text, each with its source (the subject; the head verb's subject for
   "..., adding"; the object of "according to") and its content (the quoted stretches of its
   sentence, else its clausal complement);
3. quoted stretches left over: continuations of an interrupted quote, quotes introduced by
   a colon in the previous sentence, and floating quotes inheriting the last speaker.
"""

from __future__ import annotations

import bisect
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newslens.quotes.lexicon import cue_lemmas
from newslens.quotes.marks import QuotedSegment, find_quoted_segments
from newslens.vocabulary import SUBJECT_DEPS

# A speaker is an active subject or a passive nominal one (not a passive clause).
_SUBJECT_DEPS = SUBJECT_DEPS | {"nsubjpass"}
# Speech verbs whose object is what was said: "announced his resignation", "asked if
# they planned to attend", "asked them to leave".
_OBJECT_CONTENT = {
    "announce": ("dobj",),
    "ask": ("dobj", "xcomp", "advcl"),
    "say": ("dobj", "intj"),
}
_COMPLEMENT_DEPS = ("ccomp", "parataxis")
# Verbs whose subject a dependent reporting verb shares ("..., adding", "and told").
_SHARED_SUBJECT_DEPS = ("conj", "advcl", "xcomp", "pcomp")
_PUNCT_EDGE = set(",.;:!?-—–()[]") | {"...", "…", "--"}
# How far (in characters) a floating quote may sit from the last attributed quote.
_FLOAT_WINDOW = 600


@dataclass
class Attribution:
    pieces: list[tuple[int, int]]
    kind: str
    cue: tuple[int, int] | None
    speaker: Token | None
    speaker_span: tuple[int, int] | None = None
    segments: set[int] = field(default_factory=set)
    # A floating quote (no cue of its own): its speaker is the previous attribution's.
    speaker_inherited: bool = False
    tier: str = "speech"  # the cue's tier: "quoted" cues need a quotation in the content

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


class _Context:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.segments: list[QuotedSegment] = find_quoted_segments(self.text)
        self.seg_starts = [s.start for s in self.segments]
        self.seg_of_token: list[int] = [self._segment_at(t.idx) for t in doc]
        self.claimed: dict[int, int] = {}  # segment index -> attribution index
        self.sentences = self._quote_aware_sentences()
        self.sentence_starts = [s for s, _ in self.sentences]

    def _quote_aware_sentences(self) -> list[tuple[int, int]]:
        """spaCy's sentences, re-joined where a quoted stretch runs across a boundary or the
        next sentence carries on in lower case (`“Will you?” | he asks.`)."""
        out: list[tuple[int, int]] = []
        self.sentence_tokens: list[tuple[int, int]] = []
        prev_sent: Span | None = None
        for sent in self._paragraph_clipped_sentences():
            start, end = sent.start_char, sent.end_char
            if out and prev_sent is not None:
                prev_start, prev_end = out[-1]
                first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
                last_word = next(
                    (t for t in reversed(prev_sent) if not (t.is_punct or t.is_space)), None
                )
                seg = self._segment_at(last_word.idx) if last_word is not None else -1
                crosses = seg >= 0 and first is not None and self.segments[seg].end > first.idx
                same_par = "\n" not in self.text[prev_end:start]
                lower = first is not None and first.text[:1].islower() and same_par
                credit = (
                    same_par
                    and seg >= 0
                    and not self.text[self.segments[seg].end : start].strip()
                    and _bare_credit(sent)
                )
                if crosses or lower or credit:
                    out[-1] = (prev_start, end)
                    self.sentence_tokens[-1] = (self.sentence_tokens[-1][0], sent.end)
                    prev_sent = sent
                    continue
            out.append((start, end))
            prev_sent = sent
            self.sentence_tokens.append((sent.start, sent.end))
        return out

    def _paragraph_clipped_sentences(self) -> list[Span]:
        """spaCy's sentences, cut where a line break lies inside one."""
        doc = self.doc
        out: list[Span] = []
        for sent in doc.sents:
            first = sent.start
            for tok in sent:
                if tok.is_space and "\n" in tok.text and tok.i > first:
                    out.append(doc[first : tok.i + 1])
                    first = tok.i + 1
            if first < sent.end:
                out.append(doc[first : sent.end])
        return self._move_opening_marks(out)

    def _move_opening_marks(self, sents: list[Span]) -> list[Span]:
        """spaCy sometimes ends a sentence with the opening mark of the next one's quotation
        (`… with Mr. Cruz. '' | I don't …`); the mark goes to the sentence it opens, else
        that quotation would look like part of the sentence before."""
        doc = self.doc
        out = list(sents)
        for k in range(len(out) - 1):
            sent, nxt = out[k], out[k + 1]
            cut = sent.end
            while cut - 1 > sent.start and doc[cut - 1].is_punct:
                seg = self._segment_at(doc[cut - 1].idx)
                if seg < 0 or self.segments[seg].start != doc[cut - 1].idx:
                    break
                cut -= 1
            if cut < sent.end and nxt.start == sent.end:
                out[k] = doc[sent.start : cut]
                out[k + 1] = doc[cut : nxt.end]
        return out

    def sentence_of(self, char: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_starts, char) - 1
        return self.sentences[max(i, 0)]

    def sentence_tokens_of(self, char: int) -> tuple[int, int]:
        """Token bounds [first, end) of the quote-aware sentence holding `char`."""
        i = bisect_right(self.sentence_starts, char) - 1
        return self.sentence_tokens[max(i, 0)]

    def _segment_at(self, char: int) -> int:
        i = bisect_right(self.seg_starts, char) - 1
        if i >= 0 and self.segments[i].start <= char < self.segments[i].end:
            return i
        return -1

    def segments_between(self, start: int, end: int) -> list[int]:
        i = max(0, bisect_right(self.seg_starts, start) - 1)
        out = []
        while i < len(self.segments) and self.segments[i].start < end:
            seg = self.segments[i]
            if seg.end > start:
                out.append(i)
            i += 1
        return out

    def paragraph_end(self, char: int) -> int:
        j = self.text.find("\n", char)
        return len(self.text) if j == -1 else j

    def paragraph_start(self, char: int) -> int:
        return self.text.rfind("\n", 0, char) + 1


_CONTENT_DEPS = ("ccomp", "dobj", "parataxis", "xcomp", "attr", "oprd")


def _bare_credit(sent: Span) -> bool:
    """ "Trump said." / "Clinton said to People." after a quotation that ends in its own
    full stop, question or exclamation mark: a sentence made of a source and a reporting
    verb with nothing said of its own credits the quotation before it."""
    root = sent.root
    if root.pos_ != "VERB" or root.lemma_.lower() not in cue_lemmas():
        return False
    subjects = [c for c in root.children if c.dep_ in _SUBJECT_DEPS]
    if len(subjects) != 1 or subjects[0].i > root.i:
        return False
    first = next((t for t in sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.i != subjects[0].left_edge.i:
        return False
    return not any(c.dep_ in _CONTENT_DEPS or c.text == ":" for c in root.children if c.i > root.i)


def _is_cue(tok: Token, lemmas: dict[str, str]) -> str | None:
    if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.dep_ == "ROOT"):
        return None
    lemma = tok.lemma_.lower()
    tier = lemmas.get(lemma)
    if tier is None and tok.lower_ in lemmas:
        tier = lemmas[tok.lower_]
    return tier


def _credits_quote_before(ctx: _Context, verb: Token) -> bool:
    """ "“Go back to Univision,” Trump barked." / "“This is fantastic!” beamed Hartley": any
    verb with its subject right after a quotation that closes on a comma, ! or ? credits
    that quotation, whether or not it is a known reporting verb."""
    if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "parataxis"):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("PROPN", "PRON", "NOUN"):
        return False
    first = subject.left_edge.i if subject.i < verb.i else verb.i
    if subject.i < verb.i and subject.right_edge.i != verb.i - 1:
        return False
    doc = ctx.doc
    before = first - 1
    while before >= 0 and doc[before].is_space:
        before -= 1
    if before < 0:
        return False
    seg = ctx.seg_of_token[before]
    if seg < 0 or ctx.segments[seg].end > doc[first].idx:
        return False
    inner = ctx.text[ctx.segments[seg].start : ctx.segments[seg].end].rstrip("\"”’»“' ")
    return inner[-1:] in (",", "!", "?")


def _subject(verb: Token) -> Token | None:
    """The source of a reporting verb, following shared subjects up the tree."""
    tok: Token | None = verb
    for _ in range(4):
        if tok is None:
            return None
        for child in tok.children:
            if child.dep_ in _SUBJECT_DEPS:
                return child
        if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head  # "the Izvestia newspaper declaring ..."
        if tok.dep_ == "conj" and tok.head.dep_ == "ccomp" and tok.i == verb.i:
            # "X said the move was made by Y and said, “…”": the second "said" shares X,
            # not the subject of the clause the parser hangs it on.
            outer = tok.head.head
            if outer.pos_ == "VERB" and outer.lemma_.lower() in cue_lemmas():
                tok = outer
                continue
        if tok.dep_ in _SHARED_SUBJECT_DEPS:
            tok = tok.head
            continue
        return None
    return None


_SOURCE_POS = ("PROPN", "PRON", "NOUN")


def _usable_source(ctx: _Context, verb: Token, speaker: Token) -> bool:
    if speaker.is_punct or ctx.seg_of_token[speaker.i] >= 0:
        return False
    if speaker.ent_type_ in ("DATE", "TIME"):
        return False
    sent_first, sent_end = ctx.sentence_tokens_of(verb.idx)
    return sent_first <= speaker.i < sent_end


def _adjacent_source(ctx: _Context, verb: Token) -> Token | None:
    """When the parse gives no usable subject (odd quote marks confuse it), take the name or
    pronoun right next to the cue: `… Anna Berg said` / `said Anna Berg` / `…,” Flynn, a
    top surrogate, said Thursday`."""
    doc = ctx.doc
    sent_first, sent_end = ctx.sentence_tokens_of(verb.idx)
    named = _named_source_left(ctx, verb, sent_first)
    if named is not None:
        return named
    j = verb.i - 1
    while j >= sent_first and doc[j].pos_ in ("ADV", "AUX", "PART"):
        j -= 1
    if j >= sent_first and doc[j].pos_ in _SOURCE_POS and ctx.seg_of_token[j] < 0:
        return doc[j]
    k = verb.i + 1
    while k < sent_end and doc[k].pos_ in ("DET", "ADJ", "PROPN", "NOUN"):
        if ctx.seg_of_token[k] >= 0 or doc[k].ent_type_ in ("DATE", "TIME"):
            break
        if k + 1 >= sent_end or doc[k + 1].pos_ not in ("PROPN", "NOUN"):
            return doc[k] if doc[k].pos_ in _SOURCE_POS else None
        k += 1
    if k < sent_end and doc[k].pos_ == "PRON" and ctx.seg_of_token[k] < 0:
        return doc[k]
    return None


def _named_source_left(ctx: _Context, verb: Token, sent_first: int) -> Token | None:
    """A person or organisation name just before the cue, across an apposition."""
    doc = ctx.doc
    for j in range(verb.i - 1, max(sent_first, verb.i - 15) - 1, -1):
        tok = doc[j]
        if ctx.seg_of_token[j] >= 0:
            return None
        if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and (
            j + 1 >= len(doc) or doc[j + 1].ent_iob_ != "I"
        ):
            return tok
    return None


def _according_to_source(according: Token) -> Token | None:
    doc = according.doc
    to = doc[according.i + 1] if according.i + 1 < len(doc) else None
    if to is None:
        return None
    for child in to.children:
        if child.dep_ == "pobj":
            return child
    for child in according.children:
        if child.dep_ == "pobj":
            return child
    return doc[to.i + 1] if to.i + 1 < len(doc) else None


def _trim(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens first..last without punctuation at its edges."""
    while first <= last and (doc[first].text in _PUNCT_EDGE or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].text in _PUNCT_EDGE or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _subtree_bounds(tok: Token, *, exclude: Token | None = None) -> tuple[int, int]:
    first, last = tok.left_edge.i, tok.right_edge.i
    if exclude is not None:
        for conj in tok.children:
            # "said the move was made by Y and said, “…”": the second cue ends the first's
            # clause.
            if (
                conj.dep_ == "conj"
                and conj.pos_ == "VERB"
                and conj.lemma_.lower() in cue_lemmas()
                and not any(c.dep_ in _SUBJECT_DEPS for c in conj.children)
            ):
                cut = conj.left_edge.i
                while cut - 1 > first and tok.doc[cut - 1].dep_ in ("cc", "punct"):
                    cut -= 1
                last = min(last, cut - 1)
    if exclude is not None and first <= exclude.i <= last:
        # The complement's subtree wraps the cue (a parse error): keep the side without it.
        if exclude.i > tok.i:
            last = exclude.i - 1
        else:
            first = exclude.i + 1
    return first, last


def _merge(pieces: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Sorted pieces, joined where only spaces/punctuation lie between them."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(pieces):
        if out and (s <= out[-1][1] or not text[out[-1][1] : s].strip(" ,")):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _has_words_outside(ctx: _Context, first: int, last: int) -> bool:
    """Whether tokens first..last hold words that are not inside quotation marks."""
    doc = ctx.doc
    for i in range(first, last + 1):
        tok = doc[i]
        if ctx.seg_of_token[i] >= 0 or tok.is_punct or tok.is_space:
            continue
        if tok.dep_ == "mark" and tok.lower_ in ("that", "if", "whether"):
            continue
        return True
    return False


def _cue_span(verb: Token) -> tuple[int, int]:
    if verb.lower_ == "according":
        nxt = verb.doc[verb.i + 1]
        return verb.idx, nxt.idx + len(nxt.text)
    return verb.idx, verb.idx + len(verb.text)


def _colon_after(ctx: _Context, verb: Token) -> int | None:
    """The char after a colon that closes the cue's clause ("Lavrov said:"), if any."""
    doc = ctx.doc
    sent = verb.sent
    for i in range(verb.i + 1, min(sent.end + 1, len(doc), verb.i + 12)):
        tok = doc[i]
        if tok.text == ":":
            return tok.idx + 1
        if ctx.seg_of_token[i] >= 0 or tok.dep_ in _COMPLEMENT_DEPS:
            return None
        if tok.pos_ == "VERB" and tok.lemma_.lower() in cue_lemmas():
            return None  # "…,” Cruz said as the heckler yelled: “…”: the colon is the nearer cue's
    return None


def _attribution_for_cue(
    ctx: _Context, verb: Token, tier: str, lemmas: dict[str, str]
) -> Attribution | None:
    doc = ctx.doc
    according = verb.lower_ == "according"
    speaker = _according_to_source(verb) if according else _subject(verb)
    if speaker is not None and not _usable_source(ctx, verb, speaker):
        speaker = None
    if speaker is None and not according:
        speaker = _adjacent_source(ctx, verb)
    sent_start, sent_end = ctx.sentence_of(verb.idx)
    comp_bounds: list[tuple[int, int]] = []
    if not according:
        # "X said: “…”" / "…, and when pressed, replied: “…”": the quote after the colon.
        colon = _colon_after(ctx, verb)
        after_colon = _segments_after_colon(ctx, colon) if colon is not None else []
        if after_colon:
            pieces = [(ctx.segments[i].start, ctx.segments[i].end) for i in after_colon]
            return Attribution(
                pieces=_merge(pieces, ctx.text),
                kind="direct",
                cue=_cue_span(verb),
                speaker=speaker,
                segments=set(after_colon),
            )
    if according:
        head = verb.head
        first, last = head.left_edge.i, head.right_edge.i
        according_edge = verb.right_edge.i
        if verb.i <= first + 1:
            first = according_edge + 1
        elif according_edge >= last - 1:
            last = verb.i - 1
        else:
            comp_bounds.append((first, verb.i - 1))
            first = according_edge + 1
        comp_bounds.append((first, last))
    else:
        for child in verb.children:
            if child.dep_ in _COMPLEMENT_DEPS:
                bounds = _subtree_bounds(child, exclude=verb)
                comp_bounds.append(_extend_clause(ctx, verb, child, bounds, speaker, lemmas))
            elif (
                child.dep_ in ("dobj", "oprd", "xcomp", "attr", "npadvmod")
                and tier == "quoted"
                or child.dep_ == "dobj"
                and ctx.seg_of_token[child.i] >= 0
                or child.dep_ in _OBJECT_CONTENT.get(verb.lemma_.lower(), ())
                and not any(c.dep_ in _COMPLEMENT_DEPS for c in verb.children)
                or _gerund_clause(child)
            ):
                comp_bounds.append(_subtree_bounds(child, exclude=verb))
        if not comp_bounds and tier == "speech":
            inverted = _inverted_advcl(ctx, verb, speaker)
            if inverted is None:
                inverted = _that_clause_in_adjunct(verb)
            if inverted is not None:
                comp_bounds.append(inverted)

    # Quoted stretches of the sentence (not the one holding the cue itself).
    sent_segs = [
        i
        for i in ctx.segments_between(sent_start, sent_end)
        if not (ctx.segments[i].start <= verb.idx < ctx.segments[i].end)
    ]
    comp_segs: set[int] = set()
    pieces: list[tuple[int, int]] = []
    words_outside = False
    sent_first, sent_last = ctx.sentence_tokens_of(verb.idx)
    for first, last in comp_bounds:
        first, last = max(first, sent_first), min(last, sent_last - 1)
        span = _trim(doc, first, last)
        if span is None:
            continue
        pieces.append(span)
        comp_segs.update(ctx.segments_between(*span))
        words_outside = words_outside or _has_words_outside(ctx, first, last)

    if pieces and words_outside:
        # Reported speech, possibly with quoted fragments: the clause is the content.
        paren = _parenthetical(ctx, verb, speaker)
        if paren:
            pieces = paren
            comp_segs = {i for p in paren for i in ctx.segments_between(*p)}
        segs = comp_segs
        for i in segs:
            pieces.append((ctx.segments[i].start, ctx.segments[i].end))
        kind = "partial" if segs else "indirect"
        if not segs and tier != "speech":
            return None
    else:
        segs = set(sent_segs) | comp_segs
        if not segs:
            colon = _colon_after(ctx, verb)
            if colon is not None:
                segs = set(_segments_after_colon(ctx, colon))
        if not segs and tier == "speech":
            paren = _parenthetical(ctx, verb, speaker)
            if paren:
                cue = _cue_span(verb)
                return Attribution(pieces=paren, kind="indirect", cue=cue, speaker=speaker)
        if not segs:
            return None
        pieces = [(ctx.segments[i].start, ctx.segments[i].end) for i in sorted(segs)]
        kind = "direct"
        wider = _partial_host(ctx, verb, speaker)
        if wider:
            pieces = wider + pieces
            kind = "partial"
    pieces = _merge(pieces, ctx.text)
    cue = _cue_span(verb)
    # The cue must not sit inside its own content (parse noise): cut the content at the cue.
    pieces = _cut_out(pieces, cue, speaker, ctx)
    if not pieces:
        return None
    return Attribution(
        pieces=pieces, kind=kind, cue=cue, speaker=speaker, segments=set(segs), tier=tier
    )


def _inverted_advcl(ctx: _Context, verb: Token, speaker: Token | None) -> tuple[int, int] | None:
    """ "…, a girl was pepper-sprayed by a bystander, police said.": the parser sometimes
    hangs the sentence before a closing attribution on the cue as an adverbial clause."""
    doc = ctx.doc
    if speaker is None or speaker.i > verb.i or speaker.right_edge.i != verb.i - 1:
        return None
    sent_first, sent_end = ctx.sentence_tokens_of(verb.idx)
    comma = speaker.left_edge.i - 1
    if comma <= sent_first or doc[comma].text != ",":
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[verb.i + 1 : sent_end]):
        return None
    if not any(c.dep_ == "advcl" and c.i < comma for c in verb.children):
        return None
    return sent_first, comma - 1


def _that_clause_in_adjunct(verb: Token) -> tuple[int, int] | None:
    """ "said on Friday during a news conference that he may wait …": the parser takes the
    that-clause for a relative clause of the adjunct's noun, but a relative clause is not
    introduced by "that" as a mark. (A noun's own that-clause, "his claim that …", is an
    acl and stays out.)"""
    for child in verb.children:
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        for tok in child.subtree:
            if tok.dep_ != "relcl":
                continue
            mark = next((c for c in tok.children if c.dep_ == "mark"), None)
            if mark is not None and mark.lower_ == "that" and mark.i == tok.left_edge.i:
                return mark.i, tok.right_edge.i
    return None


def _gerund_clause(child: Token) -> bool:
    """ "He said legalizing it could put thousands to work": the parser hangs a clause with a
    gerund subject on the cue as an xcomp; it is what was said."""
    return (
        child.dep_ == "xcomp"
        and child.tag_ == "VBG"
        and child.i == child.head.i + 1
        and any(c.dep_ in _COMPLEMENT_DEPS for c in child.children)
    )


def _extend_clause(
    ctx: _Context,
    verb: Token,
    comp: Token,
    bounds: tuple[int, int],
    speaker: Token | None,
    lemmas: dict[str, str],
) -> tuple[int, int]:
    """Widen a complement to the clause as written: "A, but B, a source said" reports both A
    and B although the parser hangs only B on "said"; likewise "said A but B"."""
    doc = ctx.doc
    first, last = bounds
    sent_first, sent_end = ctx.sentence_tokens_of(verb.idx)
    if comp.i < verb.i:
        # Inverted attribution: everything from the sentence start up to the source/cue.
        stop = verb.i
        if speaker is not None and speaker.i < verb.i:
            stop = min(stop, speaker.left_edge.i)
        if first > sent_first and not _has_cue_between(ctx, sent_first, first, lemmas):
            first = sent_first
        last = min(max(last, stop - 1), stop - 1)
        return first, last
    # Forward attribution: carry on to the sentence end unless another claim starts.
    i = last + 1
    while i < sent_end:
        tok = doc[i]
        if comp.left_edge.i <= tok.i and _is_descendant(tok, comp):
            i += 1
            continue
        if tok.is_punct or tok.is_space or tok.dep_ == "cc":
            i += 1
            continue
        clause = tok if tok.pos_ in ("VERB", "AUX") else tok.head
        if _is_cue(clause, lemmas) or not any(c.dep_ in _SUBJECT_DEPS for c in clause.children):
            break
        if tok.lower_ == "according":
            break
        last = tok.right_edge.i
        i = last + 1
    return first, last


def _partial_host(
    ctx: _Context, verb: Token, speaker: Token | None
) -> list[tuple[int, int]] | None:
    """Words around the quoted fragments that belong to what was said: the sentence around
    a comma-fenced cue ("the weapons, he said, are like ''nuclear bombs''")."""
    doc = ctx.doc
    paren = _parenthetical(ctx, verb, speaker)
    if paren:
        first_tok = doc.char_span(paren[0][0], paren[0][1], alignment_mode="expand")
        if first_tok is not None and _has_words_outside(ctx, first_tok.start, first_tok.end - 1):
            return paren
    return None


def _parenthetical(
    ctx: _Context, verb: Token, speaker: Token | None
) -> list[tuple[int, int]] | None:
    """ "The museum, Mr. Obama said, would make visitors face ...": the sentence around a
    comma-fenced attribution is the content."""
    doc = ctx.doc
    sent_first, sent_end = ctx.sentence_tokens_of(verb.idx)
    left = verb.i if speaker is None else min(speaker.left_edge.i, verb.i)
    right = verb.i
    if left - 1 <= sent_first or right + 2 >= sent_end:
        return None
    if doc[left - 1].text != "," or doc[right + 1].text != ",":
        return None
    before = _trim(doc, sent_first, left - 2)
    after = _trim(doc, right + 2, sent_end - 1)
    if before is None or after is None:
        return None
    if ctx.seg_of_token[right + 2] >= 0 and _modifies_cue(doc, verb, sent_first, left - 2):
        return None
    return [before, after]


_CUE_MODIFIER_DEPS = ("advcl", "prep", "npadvmod", "advmod")


def _modifies_cue(doc: Doc, verb: Token, first: int, last: int) -> bool:
    """ "Asked about the wall, Trump said, “…”" / "On CNN Tuesday, he said, …": words before
    the attribution that hang on the cue as a modifier set the scene of the saying; they are
    the writer's, not part of what was said."""
    roots = [
        tok
        for tok in doc[first : last + 1]
        if not (tok.is_punct or tok.is_space) and not first <= tok.head.i <= last
    ]
    return bool(roots) and all(
        tok.head.i == verb.i and tok.dep_ in _CUE_MODIFIER_DEPS for tok in roots
    )


def _is_descendant(tok: Token, ancestor: Token) -> bool:
    return ancestor.left_edge.i <= tok.i <= ancestor.right_edge.i and ancestor.is_ancestor(tok)


def _has_cue_between(ctx: _Context, first: int, last: int, lemmas: dict[str, str]) -> bool:
    doc = ctx.doc
    for i in range(first, last):
        tok = doc[i]
        if ctx.seg_of_token[i] < 0 and (_is_cue(tok, lemmas) or tok.lower_ == "according"):
            return True
    return False


def _cut_out(
    pieces: list[tuple[int, int]],
    cue: tuple[int, int],
    speaker: Token | None,
    ctx: _Context,
) -> list[tuple[int, int]]:
    holes = [cue]
    if speaker is not None:
        holes.append((speaker.left_edge.idx, speaker.idx + len(speaker.text)))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        parts = [(s, e)]
        for hs, he in holes:
            nxt = []
            for ps, pe in parts:
                if he <= ps or hs >= pe:
                    nxt.append((ps, pe))
                    continue
                # Only cut when the hole is outside quotation marks.
                if ctx._segment_at(hs) >= 0:
                    nxt.append((ps, pe))
                    continue
                if hs > ps:
                    nxt.append((ps, hs))
                if he < pe:
                    nxt.append((he, pe))
            parts = nxt
        for ps, pe in parts:
            stripped = _strip_chars(ctx.text, ps, pe)
            if stripped:
                out.append(stripped)
    return out


def _strip_chars(text: str, s: int, e: int) -> tuple[int, int] | None:
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-"):
        e -= 1
    if e <= s or not any(ch.isalnum() for ch in text[s:e]):
        return None
    return s, e


def _segments_after_colon(ctx: _Context, colon: int) -> list[int]:
    """Quoted stretches right after a colon: in the same paragraph or starting the next ones."""
    text = ctx.text
    out: list[int] = []
    pos = colon
    for i in ctx.segments_between(colon, len(text)):
        seg = ctx.segments[i]
        gap = text[pos : seg.start]
        if gap.strip():
            break
        if out and "\n" not in gap:
            pass
        out.append(i)
        pos = seg.end
        # Only whole paragraphs after the first one.
        nxt_par = ctx.paragraph_end(seg.end)
        if text[seg.end : nxt_par].strip():
            break
    return out


def _starts_sentence(ctx: _Context, seg: QuotedSegment) -> bool:
    """Whether a quoted stretch begins its sentence (nothing but spaces before it)."""
    before = ctx.text[ctx.paragraph_start(seg.start) : seg.start]
    if not before.strip():
        return True
    tail = before.rstrip()
    return tail[-1:] in '.!?\u201d"' and len(tail) > 0


def _ends_sentence(ctx: _Context, seg: QuotedSegment) -> bool:
    after = ctx.text[seg.end : ctx.paragraph_end(seg.end)].strip()
    inner = ctx.text[seg.start : seg.end].rstrip("\"”’»“' ")
    return not after or (inner[-1:] in ".!?…" and after[:1] in ("\u201c", '"', "(") or not after)


def extract_attributions(doc: Doc) -> tuple[list[Attribution], Callable[[int], bool]]:
    """All attributions of `doc`, ordered by position, and a test "is this char quoted?"."""
    ctx = _Context(doc)
    lemmas = cue_lemmas()
    attributions: list[Attribution] = []
    for tok in doc:
        if ctx.seg_of_token[tok.i] >= 0:
            continue
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            attr = _attribution_for_cue(ctx, tok, "speech", lemmas)
        else:
            tier = _is_cue(tok, lemmas)
            if tier is None and _credits_quote_before(ctx, tok):
                tier = "quoted"
            if tier is None:
                continue
            attr = _attribution_for_cue(ctx, tok, tier, lemmas)
        if attr is not None:
            attributions.append(attr)
    for a in attributions:
        _stop_at_clause_breaks(ctx, a)
    attributions = _drop_nested(ctx, attributions)
    attributions = _resolve_shared_segments(ctx, attributions)
    _attach_continuations(ctx, attributions)
    attributions.extend(_colon_intros(ctx))
    attributions.extend(_dash_credits(ctx))
    attributions.extend(_quoted_objects(ctx))
    attributions.extend(_floating(ctx, attributions))
    attributions.sort(key=lambda a: a.start)
    return attributions, lambda char: ctx._segment_at(char) >= 0


CLAUSE_BREAKS = (";",)


def _stop_at_clause_breaks(ctx: _Context, a: Attribution) -> None:
    """Reported speech does not run across a semicolon outside quotation marks
    (`Republicans said the timing was not intentional; they only learned on Friday …`): the
    content keeps the side next to its cue. (Colons too would be plausible, but cutting at
    them loses on PolNeAR train and dev.)"""
    if a.kind == "direct" or a.cue is None:
        return
    text = ctx.text
    out = []
    for s, e in a.pieces:
        breaks = [
            i
            for i in range(s, e)
            if text[i] in CLAUSE_BREAKS and ctx._segment_at(i) < 0 and text[i + 1 : i + 2] == " "
        ]
        if breaks:
            if a.cue[0] >= e:
                s = breaks[-1] + 1
            elif a.cue[1] <= s:
                e = breaks[0]
        span = _strip_chars(text, s, e)
        if span is not None:
            out.append(span)
    if out:
        a.pieces = out
        a.segments = {
            i
            for i in a.segments
            if any(p < ctx.segments[i].end and ctx.segments[i].start < q for p, q in out)
        }
        if a.kind == "partial" and not a.segments:
            a.kind = "indirect"


def _drop_nested(ctx: _Context, attributions: list[Attribution]) -> list[Attribution]:
    """A cue inside another attribution's content is part of what the outer source said,
    unless the inner one holds its own quotation (`..., with the Izvestia newspaper
    declaring, "…"`): then the inner quote is kept and the outer content stops before it."""
    dropped: set[int] = set()
    # Only an attribution whose pieces reach around the cue can hold it, and pieces only
    # shrink below: the spans as they are now, sorted, narrow each search (all pairs made
    # the stage quadratic in the article's length).
    spans = sorted(
        (min(s for s, _ in b.pieces), max(e for _, e in b.pieces), bi)
        for bi, b in enumerate(attributions)
        if b.pieces
    )
    starts = [lo for lo, _, _ in spans]
    longest = max((hi - lo for lo, hi, _ in spans), default=0)
    for ai, a in enumerate(attributions):
        if a.cue is None:
            continue
        first = bisect.bisect_left(starts, a.cue[0] - longest)
        last = bisect.bisect_right(starts, a.cue[0])
        around = sorted(bi for lo, hi, bi in spans[first:last] if hi >= a.cue[1])
        for bi in around:
            b = attributions[bi]
            if bi == ai or bi in dropped:
                continue
            if not any(s <= a.cue[0] and a.cue[1] <= e for s, e in b.pieces):
                continue
            if a.kind == "direct" and b.kind != "direct" and a.speaker is not None:
                cut = min(a.speaker.left_edge.idx, a.cue[0], a.start)
                pieces = [(s, min(e, cut)) for s, e in b.pieces if s < cut]
                pieces = [p for p in (_strip_tail(ctx.text, s, e) for s, e in pieces) if p]
                if pieces:
                    b.pieces = pieces
                    b.segments = {i for i in b.segments if ctx.segments[i].start < cut}
                    if not b.segments and b.kind == "partial":
                        b.kind = "indirect"
                    if b.segments or b.tier == "speech":
                        continue
                dropped.add(bi)
                continue
            dropped.add(ai)
            break
    return [a for i, a in enumerate(attributions) if i not in dropped]


_TAIL_WORDS = {"with", "and", "but", "as", "while", "after", "before", "when", "the", "a"}


def _strip_tail(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Cut dangling connectives and punctuation off the end of a piece."""
    while True:
        span = _strip_chars(text, s, e)
        if span is None:
            return None
        s, e = span
        words = text[s:e].rsplit(None, 1)
        if len(words) == 2 and words[1].lower() in _TAIL_WORDS:
            e = s + len(words[0])
            continue
        return s, e


def _resolve_shared_segments(ctx: _Context, attributions: list[Attribution]) -> list[Attribution]:
    """A quoted stretch claimed by two cues goes to the nearer one."""
    owner: dict[int, int] = {}
    for ai, a in enumerate(attributions):
        for si in a.segments:
            if si in owner:
                seg = ctx.segments[si]
                prev = attributions[owner[si]]
                if _distance(a, seg) < _distance(prev, seg):
                    owner[si] = ai
            else:
                owner[si] = ai
    out = []
    for ai, a in enumerate(attributions):
        lost = {si for si in a.segments if owner.get(si) != ai}
        if lost:
            if a.kind != "direct":
                continue
            a.segments -= lost
            lost_spans = {(ctx.segments[si].start, ctx.segments[si].end) for si in lost}
            a.pieces = [p for p in a.pieces if p not in lost_spans]
            if not a.pieces:
                continue
        out.append(a)
    for ai, a in enumerate(out):
        for si in a.segments:
            ctx.claimed[si] = ai
    return out


def _distance(a: Attribution, seg: QuotedSegment) -> int:
    if a.cue is None:
        return 10**9
    if a.cue[0] >= seg.end:
        return a.cue[0] - seg.end
    return max(0, seg.start - a.cue[1])


def _attach_continuations(ctx: _Context, attributions: list[Attribution]) -> None:
    """`“First,” he said, “we need a deal.”` and `..., Schiff said. “The other factor ...”`:
    quoted sentences that follow an attribution in its paragraph, with nothing but its own
    cue and source in between, continue it."""
    text = ctx.text
    for a in sorted(attributions, key=lambda x: x.end):
        par_end = ctx.paragraph_end(a.end)
        pos = a.end
        for nxt in ctx.segments_between(a.end, par_end):
            seg = ctx.segments[nxt]
            if seg.start < pos:
                continue
            if nxt in ctx.claimed or not _starts_sentence(ctx, seg):
                break
            between = text[pos : seg.start]
            if any(ch.isalnum() for ch in between):
                # Only the attribution's own cue and source may lie in between.
                if a.cue is None or not (pos <= a.cue[0] < seg.start):
                    break
                if _has_other_words(ctx, pos, seg.start, a):
                    break
            a.pieces.append((seg.start, seg.end))
            a.segments.add(nxt)
            ctx.claimed[nxt] = -1
            pos = seg.end
            if a.kind == "indirect":
                a.kind = "partial"


def _has_other_words(ctx: _Context, start: int, end: int, a: Attribution) -> bool:
    """Whether text[start:end] holds words beyond the sentence of `a`'s cue."""
    if a.cue is None:
        return True
    _, sent_end = ctx.sentence_of(a.cue[0])
    return any(ch.isalnum() for ch in ctx.text[max(start, sent_end) : end])


_AGENT_POS = ("PROPN", "PRON", "NOUN")


def _looks_like_title(ctx: _Context, seg: QuotedSegment) -> bool:
    """“Shark Tank”, ''Keepin' It Real'': names of shows, books and slogans, not speech."""
    words = [w for w in ctx.text[seg.start : seg.end].split() if any(c.isalpha() for c in w)]
    if not words or len(words) > 8:
        return False
    capital = sum(1 for w in words if w.lstrip("\"“‘'«„(").strip()[:1].isupper())
    return capital * 3 >= len(words) * 2


def _quoted_objects(ctx: _Context) -> list[Attribution]:
    """Quoted fragments governed by any verb with an agent: `Reid has gone after Trump as a
    “spoiled brat”`, `Trump openly admires Putin as a “strong leader”`. The writer
    attributes the quoted words to the verb's subject; the verb's object side is the content."""
    doc = ctx.doc
    out: list[Attribution] = []
    for si, seg in enumerate(ctx.segments):
        if si in ctx.claimed or _starts_sentence(ctx, seg) or _looks_like_title(ctx, seg):
            continue
        span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        for _ in range(6):
            if tok.pos_ == "VERB" and ctx.seg_of_token[tok.i] < 0:
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        verb = tok
        if verb.pos_ != "VERB" or ctx.seg_of_token[verb.i] >= 0 or verb.i > span.start:
            continue
        subject = _subject(verb)
        if subject is None or subject.pos_ not in _AGENT_POS or ctx.seg_of_token[subject.i] >= 0:
            continue
        if subject.i > verb.i or subject.lower_ in ("it", "this", "that", "there"):
            continue
        sent_first, sent_end = ctx.sentence_tokens_of(verb.idx)
        first = verb.i + 1
        last = min(_last_quoted_child_edge(ctx, verb), sent_end - 1)
        piece = _trim(doc, first, last)
        if piece is None:
            continue
        segs = {i for i in ctx.segments_between(*piece) if i not in ctx.claimed}
        if si not in segs:
            continue
        out.append(
            Attribution(
                pieces=[piece],
                kind="partial",
                cue=_cue_span(verb),
                speaker=subject,
                segments=segs,
            )
        )
        for i in segs:
            ctx.claimed[i] = -1
    return out


def _last_quoted_child_edge(ctx: _Context, verb: Token) -> int:
    """The right edge of the verb's last dependent that holds quoted words: adjuncts after it
    (`… as a “disgrace” Wednesday on The Laura Ingraham Show`) are the writer's."""
    for child in reversed(list(verb.rights)):
        if any(ctx.seg_of_token[i] >= 0 for i in range(child.left_edge.i, child.right_edge.i + 1)):
            return child.right_edge.i
    return verb.right_edge.i


def _colon_intros(ctx: _Context) -> list[Attribution]:
    """`Pollster Carl Bialik: “One of the lessons …”`, `He wrote in November:¶“In the piece
    …”`: a quotation introduced by a colon with no reporting verb; the source is the name
    just before the colon, else the subject of the introducing clause."""
    doc = ctx.doc
    text = ctx.text
    out: list[Attribution] = []
    for si, seg in enumerate(ctx.segments):
        if si in ctx.claimed:
            continue
        before = text[: seg.start].rstrip()
        if not before.endswith(":") or seg.start - len(before) > 3:
            continue
        colon = len(before) - 1
        intro = doc.char_span(ctx.paragraph_start(colon), colon, alignment_mode="contract")
        if intro is None or len(intro) == 0:
            continue
        source = _intro_source(intro)
        if source is None:
            continue
        segs = _segments_after_colon(ctx, colon + 1)
        segs = [i for i in segs if i not in ctx.claimed] or [si]
        pieces = [(ctx.segments[i].start, ctx.segments[i].end) for i in segs]
        out.append(
            Attribution(
                pieces=_merge(pieces, text),
                kind="direct",
                cue=(colon, colon + 1),
                speaker=source,
                segments=set(segs),
            )
        )
        for i in segs:
            ctx.claimed[i] = -1
    return out


def _intro_source(intro: Span) -> Token | None:
    last = intro[-1]
    if last.ent_type_ in ("PERSON", "ORG", "NORP") or last.pos_ == "PROPN":
        return last
    sent_root = last.sent.root
    for child in sent_root.children:
        if child.dep_ in _SUBJECT_DEPS and child.pos_ in _SOURCE_POS and child.i >= intro.start:
            if child.lower_ in ("it", "this", "there", "that"):
                return None
            return child
    return None


_DASHES = "\u2015\u2014\u2013-"
_MAX_CREDIT_CHARS = 80


def _dash_credits(ctx: _Context) -> list[Attribution]:
    """`“…” ― Sonya Herridge`: a quote credited by a dash and a name closing its line."""
    out: list[Attribution] = []
    text = ctx.text
    for si, seg in enumerate(ctx.segments):
        if si in ctx.claimed:
            continue
        line_end = ctx.paragraph_end(seg.end)
        rest = text[seg.end : line_end]
        stripped = rest.lstrip()
        if not stripped or stripped[0] not in _DASHES or len(rest) > _MAX_CREDIT_CHARS:
            continue
        dash = seg.end + len(rest) - len(stripped)
        name_start = dash
        while name_start < line_end and (text[name_start] in _DASHES or text[name_start].isspace()):
            name_start += 1  # a no-break space may follow the dash
        if name_start >= line_end or not text[name_start].isupper():
            continue
        name = ctx.doc.char_span(name_start, line_end, alignment_mode="contract")
        if name is None or len(name) == 0:
            continue
        head = name[0]
        for tok in name:
            if tok.is_punct or tok.text == ",":
                break
            head = tok
        out.append(
            Attribution(
                pieces=[(seg.start, seg.end)],
                kind="direct",
                cue=(dash, dash + 1),
                speaker=head,
                segments={si},
            )
        )
        ctx.claimed[si] = -1
    return out


def _floating(ctx: _Context, attributions: list[Attribution]) -> list[Attribution]:
    """Whole quoted sentences with no cue inherit the speaker of the quote just before."""
    out: list[Attribution] = []
    ordered = sorted(attributions, key=lambda a: a.start)
    starts = [a.start for a in ordered]
    for si, seg in enumerate(ctx.segments):
        if si in ctx.claimed:
            continue
        if not (_starts_sentence(ctx, seg) and _ends_sentence(ctx, seg)):
            continue
        if len(ctx.text[seg.start : seg.end].split()) < 3:
            continue
        k = bisect_right(starts, seg.start) - 1
        prev = ordered[k] if k >= 0 else None
        if out and (prev is None or out[-1].start > prev.start):
            prev = out[-1]
        if prev is None or prev.speaker is None or seg.start - prev.end > _FLOAT_WINDOW:
            continue
        if ctx.text[prev.end : seg.start].count("\n") > 4:
            continue
        gap = ctx.text[prev.end : seg.start]
        if not any(ch.isalnum() for ch in gap) or not _has_other_words(
            ctx, prev.end, seg.start, prev
        ):
            # A quote running on in the next paragraph: one more piece of the same quote.
            prev.pieces.append((seg.start, seg.end))
            prev.segments.add(si)
            ctx.claimed[si] = -1
            continue
        out.append(
            Attribution(
                pieces=[(seg.start, seg.end)],
                kind="direct",
                cue=None,
                speaker=prev.speaker,
                segments={si},
                speaker_inherited=True,
            )
        )
        ctx.claimed[si] = -1
    return out
