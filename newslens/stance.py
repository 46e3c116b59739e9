"""Target-dependent sentiment and the stance of the article.

The model (``models/stance/``) is all-MiniLM-L6-v2 fine-tuned on NewsMTSC to say whether a
sentence portrays one target mention negatively, neutrally or positively. The target is
wrapped in two marker tokens, so two targets of one sentence get their own answers; the
network pools the sentence (mean) and the opening marker. It runs in onnxruntime (int8), with
the `tokenizers` tokenizer; nothing is downloaded. ``scripts/train_stance.py`` trains and
exports it with the very encoding defined here.
"""

from __future__ import annotations

import bisect
import json
import os
import sys
import threading
from collections.abc import Sequence
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

if TYPE_CHECKING:
    import numpy as np
    import onnxruntime
    from spacy.tokens import Doc
    from tokenizers import Tokenizer

MODEL_DIR_ENV = "NEWSLENS_STANCE_MODEL"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "stance"
LABELS = ("negative", "neutral", "positive")
POLARITY = {"negative": -1, "neutral": 0, "positive": 1}
MARK_OPEN = "[unused0]"
MARK_CLOSE = "[unused1]"
# The window of tokens around the target when config.json does not name one (older models).
MAX_TOKENS = 128
# Text farther than this many characters per token of the window from the target cannot fit
# in the window anyway (a word piece is rarely under 2 characters with its space); cropping
# first keeps the tokenizer's work bounded for run-on "sentences".
CONTEXT_CHARS_PER_TOKEN = 6
BATCH_SIZE = 32
THREADS_ENV = "NEWSLENS_STANCE_THREADS"


class StanceModelMissing(RuntimeError):
    """The stance model files are not where they should be."""


# ------------------------------------------------------------------ encoding (shared with training)


def load_tokenizer(path: str | Path) -> Tokenizer:
    """The tokenizer with the two target markers as unsplittable tokens and no padding."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    tokenizer.add_special_tokens([MARK_OPEN, MARK_CLOSE])
    return tokenizer


def encode_target(
    tokenizer: Tokenizer, text: str, start: int, end: int, *, max_tokens: int = MAX_TOKENS
) -> list[int]:
    """Token ids of `text` with text[start:end] wrapped in the markers, at most `max_tokens`
    long; a long text is cut to a window around the target."""
    return encode_targets(tokenizer, [(text, start, end)], max_tokens=max_tokens)[0]


def encode_targets(
    tokenizer: Tokenizer,
    items: Sequence[tuple[str, int, int]],
    *,
    max_tokens: int = MAX_TOKENS,
) -> list[list[int]]:
    """`encode_target` for many items at once (the tokenizer works on them in parallel)."""
    marked = []
    context = CONTEXT_CHARS_PER_TOKEN * max_tokens
    for text, start, end in items:
        if not (0 <= start < end <= len(text)):
            raise ValueError(f"target span [{start}, {end}) is not inside a text of {len(text)}")
        left = text[max(0, start - context) : start]
        right = text[end : end + context]
        marked.append(f"{left} {MARK_OPEN} {text[start:end]} {MARK_CLOSE} {right}")
    open_id = tokenizer.token_to_id(MARK_OPEN)
    close_id = tokenizer.token_to_id(MARK_CLOSE)
    return [_window(e.ids, open_id, close_id, max_tokens) for e in tokenizer.encode_batch(marked)]


def _window(ids: list[int], open_id: int, close_id: int, max_tokens: int) -> list[int]:
    if len(ids) <= max_tokens:
        return ids
    body = ids[1:-1]
    keep = max_tokens - 2
    open_at = body.index(open_id)
    close_at = body.index(close_id)
    centre = (open_at + close_at) // 2
    lo = max(0, min(centre - keep // 2, len(body) - keep))
    lo = min(lo, open_at)  # the opening marker is what the network reads the target from
    return [ids[0], *body[lo : lo + keep], ids[-1]]


def pad_batch(rows: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask) as int64 arrays padded to the longest row."""
    import numpy as np

    width = max(len(r) for r in rows)
    ids = np.zeros((len(rows), width), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return ids, mask


# ------------------------------------------------------------------ the model, loaded once


@dataclass
class StanceModel:
    session: onnxruntime.InferenceSession
    tokenizer: Tokenizer
    config: dict[str, Any]

    @property
    def max_tokens(self) -> int:
        """The window the model was trained with (config.json), so inference sees the same."""
        return int(self.config.get("max_tokens") or MAX_TOKENS)

    def predict(self, items: Sequence[tuple[str, int, int]]) -> list[tuple[int, dict[str, float]]]:
        """(polarity, scores) per (text, start, end), in input order; a repeated item (the
        same span in the same context) is run once."""
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

        encoded = encode_targets(self.tokenizer, items, max_tokens=self.max_tokens)
        # Sorting by length keeps padding (wasted work) small within each batch.
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        probs = np.zeros((len(encoded), len(LABELS)), dtype=np.float32)
        for lo in range(0, len(order), BATCH_SIZE):
            chunk = order[lo : lo + BATCH_SIZE]
            ids, mask = pad_batch([encoded[i] for i in chunk])
            (logits,) = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
            logits = logits - logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            probs[chunk] = exp / exp.sum(axis=1, keepdims=True)
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
    threads = int(os.environ.get(THREADS_ENV) or 2)
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = onnxruntime.InferenceSession(
        str(files["model.onnx"]), options, providers=["CPUExecutionProvider"]
    )
    config = json.loads(files["config.json"].read_text(encoding="utf-8"))
    return StanceModel(session, load_tokenizer(files["tokenizer.json"]), config)


def predict(items: Sequence[tuple[str, int, int]]) -> list[tuple[int, dict[str, float]]]:
    """Polarity (-1/0/1) and class scores toward text[start:end] for each (text, start, end)."""
    return load_model().predict(items)


# ------------------------------------------------------------------ the article's stance

# Entity labels that name actors someone can be portrayed as or speak about.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def compute_stance(
    doc: Doc,
    entities: list[EntityMention],
    clusters: list[EntityCluster],
    quotes: list[Quote],
) -> tuple[list[EntityStance], list[Position]]:
    """How the article portrays each actor, and how each quoted speaker speaks about others.

    Every mention of an actor cluster is scored in its sentence; `portrayal` counts the
    mentions per polarity and gives `net` = (positive - negative) / mentions, in [-1, 1].
    A position is the polarity of one quote toward one other actor named inside it (the
    class scores of its mentions in the quote averaged). All of it is one model call.
    Raises StanceModelMissing when the model files are not there.
    """
    actors = {c.id: c for c in clusters if c.label in ACTOR_LABELS}
    mentions = sorted(
        (m for m in entities if m.entity_id in actors and 0 <= m.start < m.end <= len(doc.text)),
        key=lambda m: (m.start, m.end),
    )
    model = load_model()
    if not mentions:
        return [], []
    text = doc.text
    bounds = _sentence_bounds(doc)
    items: list[tuple[str, int, int]] = []
    for m in mentions:
        lo, hi = _enclosing(bounds, m.start, m.end)
        items.append((text[lo:hi], m.start - lo, m.end - lo))
    quoted = _quoted_targets(quotes, mentions)
    for qi, m in quoted:
        lo, hi = quotes[qi].start, quotes[qi].end
        items.append((text[lo:hi], m.start - lo, m.end - lo))
    results = model.predict(items)

    by_cluster: dict[str, list[StanceMention]] = {}
    for m, (polarity, scores) in zip(mentions, results, strict=False):
        by_cluster.setdefault(m.entity_id, []).append(
            StanceMention(m.start, m.end, polarity, scores)
        )
    stances = [
        EntityStance(cid, actors[cid].name, ms, _portrayal(ms)) for cid, ms in by_cluster.items()
    ]
    return stances, _positions(quotes, quoted, results[len(mentions) :])


def _sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    try:
        return [(s.start_char, s.end_char) for s in doc.sents]
    except ValueError:  # a doc without sentence boundaries: the whole text is the context
        return [(0, len(doc.text))]


def _enclosing(bounds: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Character range of the sentence(s) holding [start, end)."""
    starts = [b[0] for b in bounds]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_left(starts, end) - 1)
    lo, hi = bounds[first][0], bounds[last][1]
    return min(lo, start), max(hi, end)


def _inside(quote: Quote, start: int, end: int) -> bool:
    pieces = quote.spans or [[quote.start, quote.end]]
    return any(s <= start and end <= e for s, e in pieces)


def _quoted_targets(
    quotes: list[Quote], mentions: list[EntityMention]
) -> list[tuple[int, EntityMention]]:
    """(quote index, mention) for every actor mention inside a quote with a known speaker,
    other than the speaker."""
    out = []
    for qi, quote in enumerate(quotes):
        speaker = quote.speaker.entity_id if quote.speaker else None
        if not speaker:
            continue
        for m in mentions:
            if m.entity_id != speaker and _inside(quote, m.start, m.end):
                out.append((qi, m))
    return out


def _portrayal(mentions: list[StanceMention]) -> dict[str, float]:
    counts = {label: 0.0 for label in LABELS}
    for m in mentions:
        counts[LABELS[m.polarity + 1]] += 1
    total = len(mentions)
    net = (counts["positive"] - counts["negative"]) / total if total else 0.0
    return {**counts, "net": round(net, 4)}


def _positions(
    quotes: list[Quote],
    quoted: list[tuple[int, EntityMention]],
    results: list[tuple[int, dict[str, float]]],
) -> list[Position]:
    summed: dict[tuple[int, str], dict[str, float]] = {}
    for (qi, m), (_, scores) in zip(quoted, results, strict=True):
        acc = summed.setdefault((qi, m.entity_id), dict.fromkeys(LABELS, 0.0))
        for label in LABELS:
            acc[label] += scores[label]
    positions = []
    for (qi, target), scores in summed.items():
        speaker = quotes[qi].speaker
        best = max(LABELS, key=lambda label: scores[label])
        positions.append(Position(speaker.entity_id, target, qi, POLARITY[best]))  # type: ignore[union-attr, arg-type]
    return positions


# ------------------------------------------------------------------ CLI: target-sentiment


def _error(message: str) -> None:
    print("newslens: error: " + " ".join(str(message).split()), file=sys.stderr)


def _read_target_line(line: str) -> tuple[str, str, int, int]:
    record = json.loads(line)
    if not isinstance(record, dict):
        raise TypeError("a line must be a JSON object")
    text, start, end = record["text"], record["start"], record["end"]
    if not isinstance(text, str):
        raise TypeError("'text' is not a string")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
        raise TypeError("'start' and 'end' must be integers")
    if not (0 <= start < end <= len(text)):
        raise ValueError(f"target span [{start}, {end}) is not inside the text")
    return str(record.get("id", "")), text, start, end


def cli_target_sentiment(jsonl_path: str) -> int:
    """`python -m newslens target-sentiment --jsonl IN.jsonl`: one line {id, polarity,
    scores} per valid input line {id, text, start, end}; '-' reads stdin. A bad line is one
    error line on stderr and a non-zero exit; the other lines are still answered."""
    try:
        handle = sys.stdin if jsonl_path == "-" else open(jsonl_path, encoding="utf-8")
    except OSError as exc:
        _error(f"{jsonl_path}: cannot be read ({exc.strerror})")
        return 1
    try:
        model = load_model()
    except StanceModelMissing as exc:
        _error(str(exc))
        return 1
    status = 0
    pending: list[tuple[str, str, int, int]] = []

    def flush() -> None:
        results = model.predict([(t, s, e) for _, t, s, e in pending])
        for (doc_id, *_), (polarity, scores) in zip(pending, results, strict=True):
            line = {"id": doc_id, "polarity": polarity, "scores": scores}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        pending.clear()

    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                pending.append(_read_target_line(line))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                _error(f"{jsonl_path}:{lineno}: not a valid input line ({exc})")
                status = 1
                continue
            if len(pending) >= 256:
                flush()
    if pending:
        flush()
    return status
