"""Speed and memory of newslens, against the goals of the export/hardening issue.

    .venv/bin/python bench/bench.py [--repeat 5] [--batch 40] [--n-process 1] [--json OUT]

Prints, for the sample articles and a ~1,000-word article: bare spaCy parse time, full
analysis time and their ratio (goal <= 1.5x), per-stage times; cold start to the first
analysis in a fresh process (goal <= 5 s); peak memory; warm PNG export time (goal <= 0.3 s);
and the batch throughput of `analyze_many` (what `analyze DIR` runs) against bare `nlp.pipe`
(goal >= 0.7). Each figure is the best of --repeat runs.

Ratios are wall time, what a reader waits for: the stance network runs on its own threads
beside the other stages (and, in a batch, beside the next parse), so on two or more cores it
hides behind other work. CPU time (all threads of the process added up) is printed next to
each figure: that is the ratio a single core would see. The machine's load average and core
count head the report; wall time on a loaded machine mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import EVAL  # noqa: E402

from newslens.ingest import SUPPORTED_SUFFIXES, load_path  # noqa: E402
from newslens.model import Meta  # noqa: E402

SAMPLES = ROOT / "sample_articles"
SEED = SAMPLES / "russia-ukraine-diplomacy.txt"
# Development data of the evaluation kit (allowed for tuning); used only when present.
QUOTES_DEV = EVAL / "data" / "quotes_dev.jsonl"

GOALS = {"ratio": 1.5, "cold_start_s": 5.0, "png_s": 0.3, "batch_ratio": 0.7}

# torch is in this venv only for training the stance model (requirements-train.txt); the
# runtime never uses it, but thinc imports it when present (seconds). The runtime install has
# no torch, so cold start is measured with it hidden as well.
HIDE_TORCH = "import sys; sys.modules['torch'] = None\n"
COLD_START = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
from newslens.model import Meta
from newslens.pipeline import analyze_text
text = open({seed!r}, encoding="utf-8").read()
analysis = analyze_text(text, doc_id="seed", meta=Meta(published="2025-05-20"))
done = time.time()
print(json.dumps({{"done": done, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "entities": len(analysis.entities)}}))
"""


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """(min, median) wall seconds over `repeat` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times), result


class Clock:
    """Wall and CPU seconds (all threads of this process) of one call."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def run(self, fn: Callable[[], object]) -> object:
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        self.cpu.append(time.process_time() - c0)
        self.wall.append(time.perf_counter() - w0)
        return result

    @property
    def best_wall(self) -> float:
        return min(self.wall)

    @property
    def best_cpu(self) -> float:
        return min(self.cpu)


def sample_articles() -> list[tuple[str, str, Meta]]:
    out = []
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES or path.name.lower() == "sources.md":
            continue
        article = load_path(path)
        if path == SEED:
            article.meta.published = "2025-05-20"
        out.append((path.name, article.text, article.meta))
    return out


def thousand_words() -> tuple[str, str, Meta]:
    """A real ~1,000-word news article: from the dev data when present, else samples joined."""
    if QUOTES_DEV.is_file():
        records = [json.loads(line) for line in QUOTES_DEV.open(encoding="utf-8")]
        best = min(records, key=lambda r: abs(len(r["text"].split()) - 1000))
        return f"dev:{best['id']}", best["text"], Meta()
    paragraphs = [p for _, text, _ in sample_articles() for p in text.split("\n\n") if p.strip()]
    chosen: list[str] = []
    while sum(len(p.split()) for p in chosen) < 1000:
        chosen.append(paragraphs[len(chosen) % len(paragraphs)])
    return "samples-1000w", "\n\n".join(chosen), Meta()


def batch_corpus(size: int) -> list[tuple[str, str, Meta]]:
    if QUOTES_DEV.is_file():
        records = [json.loads(line) for line in QUOTES_DEV.open(encoding="utf-8")][:size]
        return [(r["id"], r["text"], Meta()) for r in records]
    samples = sample_articles()
    return [(f"{i}-{n}", t, m) for i in range(size) for n, t, m in samples][:size]


def bench_articles(nlp, articles, repeat: int) -> list[dict]:
    from newslens.pipeline import analyze_text

    rows = []
    for name, text, meta in articles:
        parse, full = Clock(), Clock()
        stages: dict[str, list[float]] = {}
        for _ in range(repeat):  # interleaved, so both see the same load on the machine
            parse.run(lambda t=text: nlp(t))
            analysis = full.run(
                lambda t=text, m=meta: analyze_text(t, doc_id="bench", meta=m, nlp=nlp)
            )
            for stage, seconds in analysis.timings.items():
                stages.setdefault(stage, []).append(seconds)
        rows.append(
            {
                "article": name,
                "words": len(text.split()),
                "parse_wall_s": parse.best_wall,
                "full_wall_s": full.best_wall,
                "parse_cpu_s": parse.best_cpu,
                "full_cpu_s": full.best_cpu,
                "ratio_cpu": full.best_cpu / parse.best_cpu,
                "ratio_wall": full.best_wall / parse.best_wall,
                "stages_s": {k: min(v) for k, v in stages.items()},
            }
        )
    return rows


def torch_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("torch") is not None


def bench_cold_start(repeat: int, *, hide_torch: bool = False) -> dict:
    script = (HIDE_TORCH if hide_torch else "") + COLD_START.format(root=str(ROOT), seed=str(SEED))
    times, rss, cpu = [], [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.time()
        out = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(result["done"] - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        rss.append(result["maxrss_kb"] / 1024)
    return {
        "cold_start_s": min(times),
        "cold_start_median_s": statistics.median(times),
        "cold_start_cpu_s": min(cpu),  # the whole child process, exit included
        "cold_process_peak_rss_mb": max(rss),
    }


def bench_memory(nlp, text: str) -> dict:
    from newslens.pipeline import analyze_text

    tracemalloc.start()
    analyze_text(text, doc_id="memory", nlp=nlp)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "analysis_python_peak_mb": peak / 2**20,
        "bench_process_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bench_png(analysis, repeat: int) -> dict:
    import plotly.graph_objects as go

    from newslens import export

    figures = export.dashboard_figures(analysis)
    source = "dashboard charts of the seed article"
    if not figures:
        figures = {"fallback-bar": go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2]))}
        source = "a plain bar chart (the seed article has no charts yet)"
    first = next(iter(figures.values()))
    t0 = time.perf_counter()
    export.figure_png(first)  # starts Chromium: the cold export
    cold = time.perf_counter() - t0
    per_chart = {}
    for name, fig in figures.items():
        best, median, png = timed(lambda f=fig: export.figure_png(f), repeat)
        per_chart[name] = {"png_s": best, "png_median_s": median, "bytes": len(png)}
    svg_best, _, _ = timed(lambda: export.figure_svg(first), repeat)
    report_best, _, _ = timed(lambda: export.report_html(analysis), max(1, repeat // 2))
    export.stop_image_server()
    return {
        "charts": source,
        "cold_first_png_s": cold,
        "warm_png": per_chart,
        "warm_png_max_s": max(c["png_s"] for c in per_chart.values()),
        "warm_svg_s": svg_best,
        "report_html_s": report_best,
    }


def bench_batch(nlp, items, *, n_process: int, rounds: int = 2) -> dict:
    from newslens.pipeline import analyze_many

    texts = [t for _, t, _ in items]
    words = sum(len(t.split()) for t in texts)
    bare, full = Clock(), Clock()
    results: list = []
    for _ in range(rounds):
        bare.run(lambda: list(nlp.pipe(texts, batch_size=16, n_process=n_process)))
        results = full.run(
            lambda: list(analyze_many(items, nlp=nlp, batch_size=16, n_process=n_process))
        )
    failures = [r for r in results if not hasattr(r, "entities")]
    # With n_process > 1 the work runs in child processes: only wall time sees it.
    use_cpu = n_process == 1
    bare_s = bare.best_cpu if use_cpu else bare.best_wall
    full_s = full.best_cpu if use_cpu else full.best_wall
    return {
        "articles": len(texts),
        "words": words,
        "n_process": n_process,
        "clock": "cpu" if use_cpu else "wall",
        "nlp_pipe_words_per_s": words / bare.best_wall,
        "analyze_many_words_per_s": words / full.best_wall,
        "batch_ratio": bare_s / full_s,
        "batch_ratio_wall": bare.best_wall / full.best_wall,
        "failed_articles": len(failures),
    }


def bench_cli_batch(items, *, limit: int = 20) -> dict:
    """`python -m newslens analyze DIR --save` end to end (process start included)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i, (_, text, _) in enumerate(items[:limit]):
            (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
        cmd = [sys.executable, "-m", "newslens", "analyze", str(folder), "--save"]
        t0 = time.perf_counter()
        subprocess.run(
            [*cmd, "--library", str(Path(tmp) / "lib.sqlite3")],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        wall = time.perf_counter() - t0
    return {"cli_articles": min(limit, len(items)), "cli_analyze_dir_save_s": wall}


def report(results: dict) -> str:
    lines = [
        f"== {results.get('machine', '')} ==",
        "== per article: best of runs; wall seconds (CPU seconds in brackets) ==",
        f"{'article':<44} {'words':>6} {'parse':>15} {'full':>15} {'ratio':>13}",
    ]
    for row in results["articles"]:
        lines.append(
            f"{row['article'][:44]:<44} {row['words']:>6} "
            f"{row['parse_wall_s']:>6.3f} [{row['parse_cpu_s']:.3f}] "
            f"{row['full_wall_s']:>6.3f} [{row['full_cpu_s']:.3f}] "
            f"{row['ratio_wall']:>5.2f}x [{row['ratio_cpu']:.2f}x]"
        )
        stages = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in row["stages_s"].items())
        lines.append(f"    stages (wall): {stages}")
    worst = max(r["ratio_wall"] for r in results["articles"])
    worst_cpu = max(r["ratio_cpu"] for r in results["articles"])
    lines.append(
        f"worst full/parse ratio: {worst:.2f}x wall (goal <= {GOALS['ratio']}x); "
        f"on CPU time {worst_cpu:.2f}x"
    )
    cold = results["cold_start"]
    no_torch = results.get("cold_start_no_torch")
    mem = results["memory"]
    png = results["png"]
    batch = results["batch"]
    lines += [
        "== start, memory, export, batch ==",
        f"cold start to first analysis: {cold['cold_start_s']:.2f} s wall "
        f"(median {cold['cold_start_median_s']:.2f} s; CPU {cold['cold_start_cpu_s']:.2f} s; "
        f"goal <= {GOALS['cold_start_s']} s)"
        + (
            f"; with torch hidden, as in the runtime install: {no_torch['cold_start_s']:.2f} s "
            f"wall (CPU {no_torch['cold_start_cpu_s']:.2f} s)"
            if no_torch
            else ""
        ),
        f"peak RSS: fresh process after one analysis {cold['cold_process_peak_rss_mb']:.0f} MB; "
        f"this bench process {mem['bench_process_peak_rss_mb']:.0f} MB; "
        f"Python allocations during a 1,000-word analysis {mem['analysis_python_peak_mb']:.1f} MB",
        f"PNG export ({png['charts']}): cold (Chromium start) {png['cold_first_png_s']:.2f} s, "
        f"warm max {png['warm_png_max_s']:.3f} s (goal <= {GOALS['png_s']} s); "
        f"warm SVG {png['warm_svg_s']:.3f} s; whole report {png['report_html_s']:.2f} s",
    ]
    for name, chart in png["warm_png"].items():
        lines.append(f"    {name}: {chart['png_s']:.3f} s ({chart['bytes'] / 1024:.0f} KiB)")
    lines += [
        f"batch ({batch['articles']} articles, {batch['words']} words, n_process "
        f"{batch['n_process']}, wall time): nlp.pipe "
        f"{batch['nlp_pipe_words_per_s']:.0f} words/s, analyze_many "
        f"{batch['analyze_many_words_per_s']:.0f} words/s; ratio {batch['batch_ratio_wall']:.2f} "
        f"wall (goal >= {GOALS['batch_ratio']}), {batch['batch_ratio']:.2f} on "
        f"{batch['clock']} time",
    ]
    if "cli" in results:
        cli = results["cli"]
        lines.append(
            f"`analyze DIR --save` on {cli['cli_articles']} articles, process start included: "
            f"{cli['cli_analyze_dir_save_s']:.1f} s"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch", type=int, default=40, help="articles in the batch test")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--cold", type=int, default=3, help="fresh processes for cold start")
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI batch run")
    parser.add_argument("--json", help="also write the figures to this JSON file")
    args = parser.parse_args()

    from newslens.nlp import load_nlp
    from newslens.pipeline import analyze_text

    results: dict = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    load = os.getloadavg()[0]
    results["machine"] = (
        f"{os.cpu_count()} CPU cores, load average {load:.2f} at start, Python {results['python']}"
    )
    results["cold_start"] = bench_cold_start(args.cold)  # before this process warms anything
    if torch_installed():
        results["cold_start_no_torch"] = bench_cold_start(args.cold, hide_torch=True)
    nlp = load_nlp()
    articles = sample_articles() + [thousand_words()]
    analyze_text(articles[0][1], nlp=nlp)  # load every model once before timing
    results["articles"] = bench_articles(nlp, articles, args.repeat)
    results["memory"] = bench_memory(nlp, articles[-1][1])
    seed_name, seed_text, seed_meta = next(a for a in articles if a[0] == SEED.name)
    results["png"] = bench_png(analyze_text(seed_text, meta=seed_meta, nlp=nlp), args.repeat)
    items = batch_corpus(args.batch)
    results["batch"] = bench_batch(nlp, items, n_process=args.n_process)
    if not args.no_cli:
        results["cli"] = bench_cli_batch(items)
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
