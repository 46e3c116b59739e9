"""The one data model of newslens: the `Analysis` of an article.

Every record carries character offsets (`start`, `end`) into `Analysis.text`, the exact plain
text that was analysed. Everything here is plain data (JSON-serialisable through
`Analysis.to_dict()` / `Analysis.from_dict()`), so the UI, the exports, the library and the
CLI all read the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Meta:
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, the document creation time (DCT)
    source: str | None = None  # file name, URL or "paste"
    byline: str | None = None
    # Where `published` came from: "text" (a dateline, "Published …"), "html" (the page's
    # metadata), "file" (the file's creation time), "user" (typed or --published), or None.
    published_source: str | None = None


@dataclass
class EntityMention:
    start: int
    end: int
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    entity_id: str  # id of the EntityCluster this mention belongs to


@dataclass
class EntityCluster:
    id: str
    name: str  # the longest / most complete name of the entity in the article
    label: str
    mentions: list[list[int]] = field(default_factory=list)  # [[start, end], ...]


@dataclass
class Span:
    start: int
    end: int
    text: str


@dataclass
class Speaker:
    start: int
    end: int
    text: str
    entity_id: str | None = None
    name: str | None = None


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str  # "direct" | "partial" | "indirect"
    speaker: Speaker | None = None
    cue: Span | None = None
    # A quote interrupted by its attribution comes in several pieces; start/end cover them all.
    spans: list[list[int]] = field(default_factory=list)

    @property
    def pieces(self) -> list[list[int]]:
        """The quote's pieces of text, [[start, end], ...]: its spans, else its one span."""
        return self.spans or [[self.start, self.end]]


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str | None = None  # TIMEX3 value, None when it cannot be resolved
    # Whatever the normaliser needs to re-resolve the value against another DCT without
    # re-parsing (e.g. tense of the governing verb); free-form, owned by timexes.py.
    anchor: dict[str, Any] = field(default_factory=dict)


@dataclass
class EntityRef:
    text: str  # what the argument names: the entity's name for a resolved pronoun
    entity_id: str | None = None
    # Where the argument is written in the event's sentence ("it", "the company", "Apple");
    # None for references kept from before arguments had offsets.
    start: int | None = None
    end: int | None = None


@dataclass
class EventDate:
    text: str
    value: str | None = None
    # Offsets of the timex the date came from, so a new DCT can refresh the value.
    start: int | None = None
    end: int | None = None
    # True when no time expression dates the event and the publication date stands in
    # (a past-tense event in an article with a dateline): the value is the DCT.
    inferred: bool = False


@dataclass
class Cameo:
    code: str  # CAMEO root code "01" .. "20"
    name: str
    goldstein: float


@dataclass
class Event:
    start: int  # evidence sentence span
    end: int
    actor: EntityRef | None
    action: str  # lemma of the predicate
    target: EntityRef | None = None
    place: EntityRef | None = None
    date: EventDate | None = None
    negated: bool = False
    cameo: Cameo | None = None
    phrase: str = ""  # the predicate phrase as written
    trigger: list[int] = field(default_factory=list)  # [start, end] of the predicate
    # asserted | planned | possible | demanded | negated | reported (see newslens/events)
    modality: str = "asserted"
    source: EntityRef | None = None  # who reports it (a quote's speaker, "said that")
    # Plain-language category: the CAMEO root's reader name, or "other" (no CAMEO class,
    # no Goldstein score).
    category: str = "other"
    # Every mention of the same happening: [[sentence start, sentence end, trigger start,
    # trigger end], ...], the event's own first.
    mentions: list[list[int]] = field(default_factory=list)


@dataclass
class StanceMention:
    start: int
    end: int
    polarity: int  # -1 | 0 | 1
    scores: dict[str, float] = field(default_factory=dict)  # negative / neutral / positive


@dataclass
class EntityStance:
    entity_id: str
    name: str
    mentions: list[StanceMention] = field(default_factory=list)
    portrayal: dict[str, float] = field(default_factory=dict)  # negative/neutral/positive/net


@dataclass
class Position:
    speaker_entity_id: str
    target_entity_id: str
    quote_index: int
    polarity: int


_NESTED = {
    "speaker": Speaker,
    "cue": Span,
    "actor": EntityRef,
    "target": EntityRef,
    "place": EntityRef,
    "date": EventDate,
    "cameo": Cameo,
    "source": EntityRef,
}


def _build(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a dataclass from its dict, ignoring unknown keys (forward compatibility)."""
    names = {f.name for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in data.items():
        if key not in names:
            continue
        if key in _NESTED and isinstance(value, dict):
            value = _build(_NESTED[key], value)
        elif key == "mentions" and cls is EntityStance:
            value = [_build(StanceMention, m) for m in value]
        kwargs[key] = value
    return cls(**kwargs)


@dataclass
class Analysis:
    id: str
    text: str
    meta: Meta = field(default_factory=Meta)
    entities: list[EntityMention] = field(default_factory=list)
    entity_clusters: list[EntityCluster] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stance: list[EntityStance] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    model: dict[str, str] = field(default_factory=dict)  # name/version of the models used
    warnings: list[str] = field(default_factory=list)  # user-facing notes, e.g. "no DCT"
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            id=data["id"],
            text=data["text"],
            meta=_build(Meta, data.get("meta") or {}),
            entities=[_build(EntityMention, d) for d in data.get("entities", [])],
            entity_clusters=[_build(EntityCluster, d) for d in data.get("entity_clusters", [])],
            quotes=[_build(Quote, d) for d in data.get("quotes", [])],
            timexes=[_build(Timex, d) for d in data.get("timexes", [])],
            events=[_build(Event, d) for d in data.get("events", [])],
            stance=[_build(EntityStance, d) for d in data.get("stance", [])],
            positions=[_build(Position, d) for d in data.get("positions", [])],
            model=dict(data.get("model") or {}),
            warnings=list(data.get("warnings") or []),
            timings=dict(data.get("timings") or {}),
        )

    def cluster(self, entity_id: str | None) -> EntityCluster | None:
        """The entity cluster with this id (the first, should two share it), else None."""
        return self._clusters_by_id().get(entity_id) if entity_id is not None else None

    def name_of(self, entity_id: str | None, default: str = "") -> str:
        """The name of the entity cluster `entity_id`, else `default`."""
        cluster = self.cluster(entity_id)
        return cluster.name if cluster is not None else default

    def _clusters_by_id(self) -> dict[str, EntityCluster]:
        # Built once per list of clusters, not per lookup: the article view and the tables look
        # a name up for every mention. Not a dataclass field, so never serialised or compared.
        clusters = self.entity_clusters
        cached = self.__dict__.get("_cluster_index")
        if cached is not None and cached[0] is clusters and cached[1] == len(clusters):
            return cached[2]
        index: dict[str, EntityCluster] = {}
        for cluster in clusters:
            index.setdefault(cluster.id, cluster)
        self.__dict__["_cluster_index"] = (clusters, len(clusters), index)
        return index
