"""Target-dependent sentiment and the stance of the article.

The model (``models/stance/``) is the first layers of all-MiniLM-L6-v2, fine-tuned on
NewsMTSC and distilled from an ensemble of full-size target-marking models
(``scripts/train_stance.py``) to say whether a sentence portrays one target mention
negatively, neutrally or positively. Each sentence is encoded once, whatever the number of
targets in it; a target's answer is read from its own tokens' vectors (mean and max) next to
the sentence's mean, so two targets of one sentence get their own answers ("Trump is good,
but Putin is bad"). It runs in onnxruntime (int8) with the `tokenizers` tokenizer; nothing is
downloaded. The training script uses the very encoding defined here.
"""

from __future__ import annotations

import bisect
import json
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newslens.model import (
    EntityCluster,
    EntityMention,
    EntityStance,
    Position,
    Quote,
    StanceMention,
)
from newslens.vocabulary import ACTOR_LABELS

if TYPE_CHECKING:
    import numpy as np
    import onnxruntime
    from spacy.tokens import Doc
    from tokenizers import Tokenizer

MODEL_DIR_ENV = "NEWSLENS_STANCE_MODEL"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent.parent / "models" / "stance"
LABELS = ("negative", "neutral", "positive")
POLARITY = {"negative": -1, "neutral": 0, "positive": 1}
# The longest token row the network reads when config.json does not name one; a longer
# sentence is cut to a window around each target.
MAX_TOKENS = 128
# Text farther than this many characters per token of the window from the target cannot fit
# in the window anyway (a word piece is rarely under 2 characters with its space); cropping
# run-on "sentences" first keeps the tokenizer's work bounded.
CONTEXT_CHARS_PER_TOKEN = 6
# Rows per network call are capped by padded tokens: rows sorted by length, a few at a time.
# Small calls waste little on padding; articles ran fastest at about 96-160 padded tokens a
# call with one onnxruntime thread each (larger calls with two threads were slower).
BATCH_TOKENS = 96
THREADS_ENV = "NEWSLENS_STANCE_THREADS"


class StanceModelMissing(RuntimeError):
    """The stance model files are not where they should be."""


# ------------------------------------------------------------------ encoding (shared with training)


def load_tokenizer(path: str | Path) -> Tokenizer:
    """The tokenizer with no padding and no truncation (windows are cut here)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


@dataclass(frozen=True)
class Encoded:
    """Token rows for the network and, per input item, where its target sits:
    (row index, first target token, one past the last target token)."""

    rows: list[list[int]]
    targets: list[tuple[int, int, int]]


def encode_items(
    tokenizer: Tokenizer,
    items: Sequence[tuple[str, int, int]],
    *,
    max_tokens: int = MAX_TOKENS,
) -> Encoded:
    """Encode each distinct context once; every (text, start, end) item points into the row
    of its text. A text longer than `max_tokens` tokens gets a window around each target
    (targets sharing a window share the row)."""
    context = CONTEXT_CHARS_PER_TOKEN * max_tokens
    cropped: list[tuple[str, int, int]] = []
    for text, start, end in items:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"target span [{start}, {end}) is not inside a text of {len(text)}")
        if len(text) > 2 * context:
            lo = max(0, start - context)
            text, start, end = text[lo : end + context], start - lo, end - lo
        cropped.append((text, start, end))
    texts = list(dict.fromkeys(t for t, _, _ in cropped))
    encodings = dict(zip(texts, tokenizer.encode_batch(texts), strict=True))
    rows: list[list[int]] = []
    row_of: dict[tuple[str, int], int] = {}
    targets = []
    for text, start, end in cropped:
        enc = encodings[text]
        first, last = _target_tokens(enc.offsets, enc.special_tokens_mask, start, end)
        ids = enc.ids
        lo = 0
        if len(ids) > max_tokens:
            keep = max_tokens - 2
            body = len(ids) - 2
            centre = (first + last) // 2 - 1
            lo = max(0, min(centre - keep // 2, body - keep, first - 1))
        key = (text, lo)
        if key not in row_of:
            row_of[key] = len(rows)
            rows.append(ids if lo == 0 and len(ids) <= max_tokens else _cut(ids, lo, max_tokens))
        first, last = first - lo, min(last - lo, max_tokens - 1)
        targets.append((row_of[key], first, max(last, first + 1)))
    return Encoded(rows, targets)


def _batches(rows: Sequence[Sequence[int]], budget: int) -> list[list[int]]:
    """Row indices in calls of at most `budget` padded tokens (at least one row each),
    rows sorted by length so that padding stays small."""
    out: list[list[int]] = []
    chunk: list[int] = []
    for r in sorted(range(len(rows)), key=lambda r: len(rows[r])):
        if chunk and (len(chunk) + 1) * len(rows[r]) > budget:
            out.append(chunk)
            chunk = []
        chunk.append(r)
    if chunk:
        out.append(chunk)
    return out


def _cut(ids: list[int], lo: int, max_tokens: int) -> list[int]:
    return [ids[0], *ids[1 + lo : 1 + lo + max_tokens - 2], ids[-1]]


def _target_tokens(
    offsets: Sequence[tuple[int, int]], special: Sequence[int], start: int, end: int
) -> tuple[int, int]:
    """[first, last) token indices covering text[start:end] (at least one token)."""
    inside = [
        i for i, (a, b) in enumerate(offsets) if not special[i] and a < end and b > start and b > a
    ]
    if inside:
        return inside[0], inside[-1] + 1
    # A span of spaces or symbols the tokenizer drops: the nearest token after it stands in.
    for i, (a, _) in enumerate(offsets):
        if not special[i] and a >= start:
            return i, i + 1
    return max(1, len(offsets) - 2), max(2, len(offsets) - 1)


def batch_arrays(
    rows: Sequence[Sequence[int]], targets: Sequence[tuple[int, int, int]]
) -> dict[str, np.ndarray]:
    """The network's inputs for some rows and the targets inside them: padded
    input_ids/attention_mask (rows x tokens), target_row (targets) and target_mask
    (targets x tokens)."""
    import numpy as np

    width = max(len(r) for r in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    target_row = np.array([r for r, _, _ in targets], dtype=np.int64)
    target_mask = np.zeros((len(targets), width), dtype=np.float32)
    for k, (_, first, last) in enumerate(targets):
        target_mask[k, first:last] = 1.0
    return {
        "input_ids": ids,
        "attention_mask": mask,
        "target_row": target_row,
        "target_mask": target_mask,
    }


# ------------------------------------------------------------------ the model, loaded once


@dataclass
class StanceModel:
    session: onnxruntime.InferenceSession
    tokenizer: Tokenizer
    config: dict[str, Any]
    # Threads that run network calls side by side; None runs them one after another.
    runners: ThreadPoolExecutor | None = None
    threads: int = 1  # the runners' number of threads (1: no runners)

    @property
    def max_tokens(self) -> int:
        """The row length the model was trained with (config.json), so inference sees the same."""
        return int(self.config.get("max_tokens") or MAX_TOKENS)

    def predict(self, items: Sequence[tuple[str, int, int]]) -> list[tuple[int, dict[str, float]]]:
        """(polarity, scores) per (text, start, end), in input order. A sentence is encoded
        once for all its targets; a repeated item is answered once."""
        if not items:
            return []
        unique = list(dict.fromkeys(items))
        if len(unique) < len(items):
            answers = dict(zip(unique, self._predict_unique(unique), strict=True))
            return [answers[item] for item in items]
        return self._predict_unique(unique)

    def _predict_unique(
        self, items: Sequence[tuple[str, int, int]]
    ) -> list[tuple[int, dict[str, float]]]:
        import numpy as np

        encoded = encode_items(self.tokenizer, items, max_tokens=self.max_tokens)
        by_row: dict[int, list[int]] = {}
        for k, (row, _, _) in enumerate(encoded.targets):
            by_row.setdefault(row, []).append(k)
        probs = np.zeros((len(items), len(LABELS)), dtype=np.float32)

        def run(chunk: list[int]) -> None:
            local = {row: i for i, row in enumerate(chunk)}
            ks = [k for row in chunk for k in by_row.get(row, [])]
            targets = [(local[encoded.targets[k][0]], *encoded.targets[k][1:]) for k in ks]
            inputs = batch_arrays([encoded.rows[r] for r in chunk], targets)
            (logits,) = self.session.run(["logits"], inputs)
            logits = logits - logits.max(axis=1, keepdims=True)  # pyright: ignore[reportAttributeAccessIssue]
            exp = np.exp(logits)
            probs[ks] = exp / exp.sum(axis=1, keepdims=True)

        chunks = _batches(encoded.rows, BATCH_TOKENS)
        if self.runners is None or len(chunks) < 2:
            for chunk in chunks:
                run(chunk)
        else:  # small calls side by side (onnxruntime leaves the GIL): one per core
            list(self.runners.map(run, chunks))
        out = []
        for row in probs:
            scores = {label: round(float(p), 4) for label, p in zip(LABELS, row, strict=True)}
            out.append((POLARITY[LABELS[int(row.argmax())]], scores))
        return out


_model: StanceModel | None = None
_model_lock = threading.Lock()


def model_dir() -> Path:
    return Path(os.environ.get(MODEL_DIR_ENV) or DEFAULT_MODEL_DIR)


def load_model() -> StanceModel:
    """The stance model, loaded once per process (thread-safe); raises StanceModelMissing."""
    global _model
    if _model is not None:
        return _model
    with _model_lock:
        if _model is None:
            _model = _load(model_dir())
    return _model


def use_threads(threads: int) -> None:
    """Run the loaded model's network calls on `threads` threads side by side from now on
    (1: one after another, on the calling thread)."""
    model = load_model()
    threads = max(1, threads)
    if threads == model.threads:
        return
    old, model.runners, model.threads = model.runners, _runners(threads), threads
    if old is not None:
        old.shutdown(wait=False)


def _runners(threads: int) -> ThreadPoolExecutor | None:
    if threads <= 1:
        return None
    return ThreadPoolExecutor(max_workers=threads, thread_name_prefix="newslens-onnx")


def _load(folder: Path) -> StanceModel:
    files = {name: folder / name for name in ("model.onnx", "tokenizer.json", "config.json")}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise StanceModelMissing(
            "the stance model is missing (" + ", ".join(missing) + "); it is committed in "
            "models/stance/ — restore it from git, or retrain it with scripts/train_stance.py"
        )
    import onnxruntime

    options = onnxruntime.SessionOptions()
    # One onnxruntime thread per call: a 1,000-word article ran fastest as many small calls
    # (see BATCH_TOKENS), and several of them run side by side on `runners` instead.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = onnxruntime.InferenceSession(
        str(files["model.onnx"]), options, providers=["CPUExecutionProvider"]
    )
    config = json.loads(files["config.json"].read_text(encoding="utf-8"))
    threads = int(os.environ.get(THREADS_ENV) or min(2, os.cpu_count() or 1))
    threads = max(1, threads)
    tokenizer = load_tokenizer(files["tokenizer.json"])
    return StanceModel(session, tokenizer, config, _runners(threads), threads)


def predict(items: Sequence[tuple[str, int, int]]) -> list[tuple[int, dict[str, float]]]:
    """Polarity (-1/0/1) and class scores toward text[start:end] for each (text, start, end)."""
    return load_model().predict(items)


# ------------------------------------------------------------------ the article's stance


Answers = list[tuple[int, dict[str, float]]]


@dataclass
class PendingStance:
    """The model's answers for an article's actor mentions, each in its sentence: maybe
    still coming."""

    actors: dict[str, EntityCluster]
    mentions: list[EntityMention]
    answers: Future[tuple[Answers, float]]


def start_stance(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    *,
    executor: Executor | None = None,
) -> PendingStance:
    """Ask the model about every actor mention in its sentence; with an executor the
    network runs there (onnxruntime leaves the GIL, so the other stages go on meanwhile).
    Raises StanceModelMissing here, not later, when the model files are not there."""
    model = load_model()
    actors, mentions, items = stance_inputs(doc, entities, clusters)

    def answer() -> tuple[Answers, float]:
        t = time.perf_counter()
        results = model.predict(items)
        return results, time.perf_counter() - t

    if executor is not None:
        return PendingStance(actors, mentions, executor.submit(answer))
    done: Future[tuple[Answers, float]] = Future()
    done.set_result(answer())
    return PendingStance(actors, mentions, done)


def finish_stance(
    pending: PendingStance, quotes: list[Quote]
) -> tuple[list[EntityStance], list[Position], float]:
    """The portrayal of each actor and the speakers' positions once the answers are in;
    also the seconds the network worked."""
    results, seconds = pending.answers.result()
    by_cluster: dict[str, list[StanceMention]] = {}
    for m, (polarity, scores) in zip(pending.mentions, results, strict=True):
        by_cluster.setdefault(m.entity_id, []).append(
            StanceMention(m.start, m.end, polarity, scores)
        )
    stances = [
        EntityStance(cid, pending.actors[cid].name, ms, _portrayal(ms))
        for cid, ms in by_cluster.items()
    ]
    return stances, _positions(quotes, pending.mentions, results), seconds


def extract_stance(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    quotes: list[Quote],
) -> tuple[list[EntityStance], list[Position]]:
    """How the article portrays each actor, and how each quoted speaker speaks about others.

    Every mention of an actor cluster is scored in its sentence; `portrayal` counts the
    mentions per polarity and gives `net` = (positive - negative) / mentions, in [-1, 1].
    A position is the polarity of one quote toward one other actor named inside it: the
    class scores of that actor's mentions inside the quote, averaged. (Those mentions were
    scored in their sentences, which hold the quoted words; scoring the quote's own text
    again cost a fifth more network time for the same answers on the samples.)
    Raises StanceModelMissing when the model files are not there.
    """
    stances, positions, _ = finish_stance(start_stance(doc, entities, clusters), quotes)
    return stances, positions


def stance_inputs(
    doc: Doc, entities: list[EntityMention], clusters: list[EntityCluster]
) -> tuple[dict[str, EntityCluster], list[EntityMention], list[tuple[str, int, int]]]:
    """What the model is asked for an article: the actor clusters, their mentions in text
    order, and per mention its (sentence, start, end) item. The training script draws its
    distillation targets from here too."""
    actors = {c.id: c for c in clusters if c.label in ACTOR_LABELS}
    text = doc.text  # built anew on each access: once here, not once per mention
    mentions = sorted(
        (m for m in entities if m.entity_id in actors and 0 <= m.start < m.end <= len(text)),
        key=lambda m: (m.start, m.end),
    )
    if not mentions:
        return actors, [], []
    bounds = _sentence_bounds(doc)
    starts = [b[0] for b in bounds]
    items: list[tuple[str, int, int]] = []
    for m in mentions:
        lo, hi = _enclosing(bounds, starts, m.start, m.end)
        items.append((text[lo:hi], m.start - lo, m.end - lo))
    return actors, mentions, items


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    try:
        return [(s.start_char, s.end_char) for s in doc.sents]
    except ValueError:  # a doc without sentence boundaries: the whole text is the context
        return [(0, len(doc.text))]


def _enclosing(
    bounds: list[tuple[int, int]], starts: list[int], start: int, end: int
) -> tuple[int, int]:
    """Character range of the sentence(s) holding [start, end); `starts` are the bounds'
    first offsets."""
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_left(starts, end) - 1)
    lo, hi = bounds[first][0], bounds[last][1]
    return min(lo, start), max(hi, end)


def _inside(quote: Quote, start: int, end: int) -> bool:
    pieces = quote.pieces
    return any(s <= start and end <= e for s, e in pieces)


def _portrayal(mentions: list[StanceMention]) -> dict[str, float]:
    counts = {label: 0.0 for label in LABELS}
    for m in mentions:
        counts[LABELS[m.polarity + 1]] += 1
    total = len(mentions)
    net = (counts["positive"] - counts["negative"]) / total if total else 0.0
    return {**counts, "net": round(net, 4)}


def _positions(
    quotes: list[Quote], mentions: list[EntityMention], results: Answers
) -> list[Position]:
    """One position per (quote with a known speaker, other actor named inside it)."""
    summed: dict[tuple[int, str], dict[str, float]] = {}
    # Mentions by start, so each quote looks only at those that start inside it (every
    # quote against every mention was quadratic in the article's length).
    order = sorted(range(len(mentions)), key=lambda i: mentions[i].start)
    starts = [mentions[i].start for i in order]
    for qi, quote in enumerate(quotes):
        speaker = quote.speaker.entity_id if quote.speaker else None
        if not speaker:
            continue
        inside = set()
        for s, e in quote.pieces:
            lo, hi = bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)
            inside.update(order[lo:hi])
        for mi in sorted(inside):
            m, (_, scores) = mentions[mi], results[mi]
            if m.entity_id != speaker and _inside(quote, m.start, m.end):
                acc = summed.setdefault((qi, m.entity_id), dict.fromkeys(LABELS, 0.0))
                for label in LABELS:
                    acc[label] += scores[label]
    positions = []
    for (qi, target), scores in summed.items():
        speaker_id = quotes[qi].speaker.entity_id  # type: ignore[union-attr]
        best = max(LABELS, key=lambda label: scores[label])
        positions.append(Position(speaker_id, target, qi, POLARITY[best]))  # type: ignore[arg-type]
    return positions
