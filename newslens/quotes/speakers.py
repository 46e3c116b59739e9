"""Who said it: from the source expression of an attribution to a named entity cluster.

Our own small resolver (no coreference model can be downloaded here): names map to their
cluster; pronouns to the most recent compatible person outside quotation marks (gender from
titles and from the pronouns that follow the person's mentions); roles and titles ("the
foreign minister") to the person last introduced with that role ("Foreign Minister Sergei
Lavrov"); relative pronouns ("who said") to the noun they modify; organisations and
newspapers ("the Izvestia newspaper") to the named organisation in the phrase.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Doc, Token

from newslens.model import EntityCluster, EntityMention, Speaker
from newslens.quotes.lexicon import (
    FEMALE_PRONOUNS,
    FEMALE_TITLES,
    MALE_PRONOUNS,
    MALE_TITLES,
    RELATIVE_PRONOUNS,
    first_name_genders,
)
from newslens.vocabulary import ACTOR_LABELS

_PERSON = "PERSON"
# Names that can be a quote's source: the actors, and products and works.
_NAMED_SOURCE_LABELS = ACTOR_LABELS | {"PRODUCT", "WORK_OF_ART"}
_ROLE_DEPS = ("compound", "amod", "appos", "nmod")
# How far back (characters) a pronoun looks for its person.
_PRONOUN_WINDOW = 3000
# Pronouns of organisations and countries ("it", "their"), resolved only on request
# (`resolve_reference`): quote speakers are people, events' actors are often companies.
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
_THING_LABELS = frozenset({"ORG", "GPE", "NORP"})
# How far back (characters) "it" / "they" look for their organisation or country.
_THING_WINDOW = 600


class SpeakerResolver:
    def __init__(
        self,
        doc: Doc,
        entities: list[EntityMention],
        clusters: list[EntityCluster],
        *,
        is_quoted: Callable[[int], bool],
        text: str | None = None,
    ) -> None:
        self.doc = doc
        # `doc.text` is rebuilt on every access; a caller that has it passes it in.
        self.text = doc.text if text is None else text
        self.is_quoted = is_quoted
        self.clusters = {c.id: c for c in clusters}
        self.mentions = sorted(entities, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.persons = [m for m in self.mentions if self._label(m) == _PERSON]
        self.person_starts = [m.start for m in self.persons]
        self._gender: dict[str, str | None] = {}
        self._roles: dict[str, list[tuple[int, str]]] | None = None
        self._canonical = self._canonical_persons(clusters)

    # ------------------------------------------------------------------ helpers
    def _label(self, mention: EntityMention) -> str:
        cluster = self.clusters.get(mention.entity_id)
        return cluster.label if cluster is not None else mention.label

    def _canonical_persons(self, clusters: list[EntityCluster]) -> dict[str, str]:
        """Map a short-name person cluster ("Trump") to the full-name one ("Donald Trump")."""
        persons = [c for c in clusters if c.label == _PERSON]
        out: dict[str, str] = {}
        for c in persons:
            words = c.name.split()
            if len(words) != 1:
                continue
            longer = [
                o
                for o in persons
                if o.id != c.id and len(o.name.split()) > 1 and o.name.split()[-1] == words[0]
            ]
            if len(longer) == 1:
                out[c.id] = longer[0].id
        return out

    def mention_at(self, char: int) -> EntityMention | None:
        i = bisect_right(self.mention_starts, char) - 1
        if i >= 0 and self.mentions[i].start <= char < self.mentions[i].end:
            return self.mentions[i]
        return None

    def _mentions_in(self, start: int, end: int) -> list[EntityMention]:
        i = max(0, bisect_right(self.mention_starts, start) - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            if m.end > start and m.start >= start:
                out.append(m)
            i += 1
        return out

    def _speaker(self, start: int, end: int, entity_id: str | None) -> Speaker:
        if entity_id is not None:
            entity_id = self._canonical.get(entity_id, entity_id)
        cluster = self.clusters.get(entity_id) if entity_id else None
        return Speaker(
            start=start,
            end=end,
            text=self.text[start:end],
            entity_id=cluster.id if cluster else None,
            name=cluster.name if cluster else None,
        )

    # ------------------------------------------------------------------ gender
    def gender(self, entity_id: str) -> str | None:
        if entity_id in self._gender:
            return self._gender[entity_id]
        cluster = self.clusters.get(entity_id)
        votes = {"m": 0, "f": 0}
        if cluster is not None:
            names = first_name_genders()
            for start, end in cluster.mentions:
                words = self.text[start:end].split()
                if len(words) > 1 and words[0] in names:
                    votes[names[words[0]]] += 3
                if words and words[0].lower() in MALE_TITLES:
                    votes["m"] += 5
                elif words and words[0].lower() in FEMALE_TITLES:
                    votes["f"] += 5
                self._vote_title(start, votes)
                self._vote_following_pronoun(end, votes)
        g = None
        if votes["m"] > votes["f"]:
            g = "m"
        elif votes["f"] > votes["m"]:
            g = "f"
        self._gender[entity_id] = g
        return g

    def _vote_title(self, start: int, votes: dict[str, int]) -> None:
        before = self.text[max(0, start - 6) : start].lower().split()
        if before:
            word = before[-1]
            if word in MALE_TITLES:
                votes["m"] += 5
            elif word in FEMALE_TITLES:
                votes["f"] += 5

    def _vote_following_pronoun(self, end: int, votes: dict[str, int]) -> None:
        """The first personal pronoun after a mention, before any other person, votes."""
        doc = self.doc
        span = doc.char_span(end, min(len(self.text), end + 160), alignment_mode="contract")
        if span is None:
            return
        for tok in span:
            if self.mention_at(tok.idx) is not None and self._is_person_at(tok.idx):
                return
            low = tok.lower_
            if low in MALE_PRONOUNS:
                votes["m"] += 1
                return
            if low in FEMALE_PRONOUNS:
                votes["f"] += 1
                return

    def _is_person_at(self, char: int) -> bool:
        m = self.mention_at(char)
        return m is not None and self._label(m) == _PERSON

    # ------------------------------------------------------------------ roles
    def roles(self) -> dict[str, list[tuple[int, str]]]:
        """Role lemma -> [(position, person cluster)] from "Foreign Minister Sergei Lavrov",
        "Lavrov, the foreign minister", "Putin's adviser Yuri Ushakov"."""
        if self._roles is not None:
            return self._roles
        roles: dict[str, list[tuple[int, str]]] = {}
        doc = self.doc
        for m in self.persons:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            words: list[Token] = []
            for child in root.children:
                if child.dep_ in _ROLE_DEPS and child.i < span.start or child.dep_ == "appos":
                    words.append(child)
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                words.append(root.head)
            for w in words:
                for t in w.subtree:
                    if t.pos_ == "NOUN" and not (span.start <= t.i < span.end):
                        roles.setdefault(t.lemma_.lower(), []).append((m.start, m.entity_id))
            # Title words inside the mention itself ("President Putin" tagged whole).
            for t in span:
                if t.pos_ == "NOUN" or (t.is_title and t.lower_ in ("president", "minister")):
                    roles.setdefault(t.lemma_.lower(), []).append((m.start, m.entity_id))
        self._roles = roles
        return roles

    # ------------------------------------------------------------------ resolve
    def resolve(self, tok: Token) -> Speaker:
        """The speaker record for the source token `tok` (the head of the source phrase)."""
        m = self.mention_at(tok.idx)
        if m is not None and self._label(m) in _NAMED_SOURCE_LABELS:
            return self._speaker(m.start, m.end, m.entity_id)
        low = tok.lower_
        if tok.pos_ == "PRON" or low in RELATIVE_PRONOUNS:
            if low in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
                antecedent = tok.head.head
                eid = self.resolve(antecedent).entity_id
                return self._speaker(tok.idx, tok.idx + len(tok.text), eid)
            eid = self._pronoun(tok)
            return self._speaker(tok.idx, tok.idx + len(tok.text), eid)
        # A noun phrase: names inside it ("the Izvestia newspaper", "Stein spokeswoman ...").
        first = tok.left_edge
        start, end = first.idx, tok.idx + len(tok.text)
        inside = [x for x in self._mentions_in(start, end) if x.end <= end]
        persons = [x for x in inside if self._label(x) == _PERSON]
        named = persons or [x for x in inside if self._label(x) in _NAMED_SOURCE_LABELS]
        if named:
            best = named[-1]
            if persons:
                return self._speaker(best.start, best.end, best.entity_id)
            return self._speaker(start, end, best.entity_id)
        for child in tok.children:
            if child.dep_ == "appos":
                cm = self.mention_at(child.idx)
                if cm is not None and self._label(cm) == _PERSON:
                    return self._speaker(start, end, cm.entity_id)
        # A role or title: the person last introduced with it.
        eid = self._role(tok)
        return self._speaker(start, end, eid)

    def resolve_reference(self, tok: Token) -> Speaker:
        """Like `resolve`, and also "it"/"its" to the nearest organisation or country that
        is a subject (else the nearest one) in the last few sentences, and "they"/"their"
        to the nearest organisation, country or nationality. Events use this for their
        actors and targets; quote speakers keep `resolve` (people only)."""
        low = tok.lower_
        if low not in _THING_PRONOUNS and low not in _PLURAL_PRONOUNS:
            return self.resolve(tok)
        labels = _THING_LABELS if low in _PLURAL_PRONOUNS else _THING_LABELS - {"NORP"}
        k = bisect_right(self.mention_starts, tok.idx) - 1
        nearest: str | None = None
        while k >= 0:
            m = self.mentions[k]
            k -= 1
            if tok.idx - m.start > _THING_WINDOW:
                break
            if m.end > tok.idx or self._label(m) not in labels or self.is_quoted(m.start):
                continue
            if self._is_subject_mention(m):
                nearest = m.entity_id
                break
            nearest = nearest or m.entity_id
        return self._speaker(tok.idx, tok.idx + len(tok.text), nearest)

    def _role(self, tok: Token) -> str | None:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ in ("NNS", "NNPS"):
            return None
        found = self.roles().get(tok.lemma_.lower())
        if not found:
            return None
        before = [eid for pos, eid in found if pos < tok.idx]
        if before:
            return before[-1]
        return found[0][1]

    def _pronoun(self, tok: Token) -> str | None:
        low = tok.lower_
        if low in MALE_PRONOUNS:
            want = "m"
        elif low in FEMALE_PRONOUNS:
            want = "f"
        else:
            return None
        k = bisect_right(self.person_starts, tok.idx) - 1
        sent_start = tok.sent.start_char
        while k >= 0:
            m = self.persons[k]
            k -= 1
            if tok.idx - m.start > _PRONOUN_WINDOW:
                break
            if self.is_quoted(m.start):
                continue
            if m.start >= sent_start and not self._is_subject_mention(m):
                continue
            g = self.gender(m.entity_id)
            if g is None or g == want:
                return m.entity_id
        return None

    def _is_subject_mention(self, m: EntityMention) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
