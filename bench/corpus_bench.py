"""Speed, size and memory of the corpus store (`newslens corpus`), against the goals of the
corpus-build issue.

    .venv/bin/python bench/corpus_bench.py [--articles 64] [--repeat 1] \
        [--corpus DIR] [--synthetic DIR] [--json OUT] [--skip-throughput] [--skip-queries]

Throughput, on the first --articles PolNeAR train articles (../shared/eval/data/
quotes_train.jsonl; its ids give outlet and date): articles/s of bare `nlp.pipe` (parse
only), of `corpus build --workers 1` (in-process, models already loaded, Parquet written),
`--workers 2` (process pool) and `--dask local:2`. For the pool and Dask, "end to end"
includes starting the workers and loading their models; "steady" is articles over the
busiest worker's time in shards (what a long build approaches). Ratios: workers 1 / bare
(goal >= 0.7), workers 2 / workers 1 (goal >= 1.7 on 2 cores), Dask / pool (goal: within
15 %). Peak RSS per worker (goal <= 600 MB) comes from the shards' own figures.

Queries: each named query on --corpus (the 840-article PolNeAR corpus, built with
`corpus build ../shared/eval/data/quotes_train.jsonl --corpus DIR --polnear-ids` when
missing) and on a synthetic corpus made from it by replicating its Parquet rows (no
re-analysis): replica r (r = 0..k-1) gets article ids suffixed "~r<r>", content hashes
suffixed likewise, and every date (published, event and timex dates) shifted by 7*r days;
k is the smallest that gives >= 1 M quote rows and >= 5 M mention rows. Goals: <= 50 ms on
the 840 articles, <= 0.3 s on the synthetic corpus. Times are the median of 5 runs on an
open connection (after one warm-up run); opening the connection is timed apart.

Query CPU time (all of DuckDB's threads) is printed beside each wall time: on a loaded
machine it is the steadier figure. Store size: Parquet bytes per 1,000 articles of
--corpus. The machine's core count and load average head the report: on a shared machine
wall time mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from common import EVAL  # noqa: E402

from newslens.corpus import queries, store  # noqa: E402
from newslens.corpus.build import build  # noqa: E402
from newslens.corpus.schema import PARTITION, TABLES  # noqa: E402

TRAIN = EVAL / "data" / "quotes_train.jsonl"
SYNTHETIC_QUOTES = 1_000_000
SYNTHETIC_MENTIONS = 5_000_000
QUERY_RUNS = 5
GOALS = {
    "workers1_over_bare": 0.7,
    "workers2_over_workers1": 1.7,
    "dask_within_pool": 0.15,
    "query_small_s": 0.05,
    "query_synthetic_s": 0.3,
    "worker_peak_mb": 600,
}
# The named queries, as the dashboard asks them (an actor present in every outlet).
ACTOR = "Trump"
QUERIES = {
    "share-of-voice": lambda con: queries.share_of_voice(con),
    "stance (Trump)": lambda con: queries.stance_by_week(con, ACTOR),
    "stance evidence (Trump)": lambda con: queries.stance_evidence(con, ACTOR),
    "co-occurrence (top pairs)": lambda con: queries.cooccurrence(con),
    "co-occurrence (Trump)": lambda con: queries.cooccurrence(con, actor=ACTOR),
    "events by date": lambda con: queries.events_by_date(con),
}


def log(message: str) -> None:
    print(message, flush=True)


# ---------------------------------------------------------------- throughput


def _reset_peak_rss() -> None:
    """Start this process's VmHWM afresh (Linux: clear_refs 5), so that a serial build's
    peak is its own, not that of the bare parse run before it in the same process."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def throughput(train: Path, n: int, repeat: int) -> dict:
    from newslens.nlp import load_nlp
    from newslens.stance import load_model

    lines = train.read_text(encoding="utf-8").splitlines()[:n]
    # The build stores an article once (PolNeAR train holds one text twice): every engine and
    # the bare parse get the same distinct texts.
    distinct: dict[str, str] = {}
    for line in lines:
        distinct.setdefault(json.loads(line)["text"], line)
    lines, texts = list(distinct.values()), list(distinct)
    n = len(lines)
    words = sum(len(t.split()) for t in texts)
    work = Path(tempfile.mkdtemp(prefix="corpus-bench-"))
    source = work / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    nlp = load_nlp()
    load_model()
    list(nlp.pipe(texts[:4]))  # warm-up
    out: dict = {"articles": n, "words": words}

    bare_cpu: list[float] = []

    def bare() -> float:
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        bare_cpu.append(time.process_time() - c0)
        return time.perf_counter() - t0

    def run(**engine) -> tuple[float, float, float, float]:
        """wall s, busiest worker's s, peak RSS MB of a worker, CPU s of all processes"""
        corpus = work / "c"
        shutil.rmtree(corpus, ignore_errors=True)
        _reset_peak_rss()  # the serial build's worker is this process: not the bare parse's peak
        c0 = time.process_time()
        summary = build([str(source)], corpus, polnear_ids=True, **engine)
        driver_cpu = time.process_time() - c0
        assert summary.articles == n, summary
        busy: dict[int, float] = {}
        for facts in summary.shard_facts:
            busy[facts["pid"]] = busy.get(facts["pid"], 0.0) + facts["seconds"]
        peak = max(f["peak_rss_mb"] for f in summary.shard_facts)
        cpu = driver_cpu
        if engine.get("workers", 1) > 1 or engine.get("dask"):
            cpu += sum(f["cpu_seconds"] for f in summary.shard_facts)
        return summary.seconds, max(busy.values()), peak, cpu

    out["bare_s"] = min(bare() for _ in range(repeat))
    log(f"bare nlp.pipe: {n / out['bare_s']:.2f} articles/s")
    engines = {
        "workers1": {"workers": 1},
        "workers2": {"workers": 2},
        "dask_local2": {"dask": "local:2"},
    }
    runs: dict[str, list[tuple[float, float, float, float]]] = {name: [] for name in engines}
    for _ in range(repeat):  # interleaved, so that a burst of load hits every engine alike
        for name, engine in engines.items():
            runs[name].append(run(**engine))
            wall, steady, _, cpu = runs[name][-1]
            log(
                f"  {name}: {n / wall:.2f} articles/s end to end, {n / steady:.2f} steady, "
                f"CPU {cpu / n * 1000:.0f} ms per article"
            )
    results = {}
    for name, measured in runs.items():
        results[name] = {
            "end_to_end_aps": n / min(r[0] for r in measured),
            "steady_aps": n / min(r[1] for r in measured),
            "peak_rss_mb": max(r[2] for r in measured),
            "cpu_ms_per_article": min(r[3] for r in measured) / n * 1000,
        }
        log(
            f"{name} (best of {repeat}): {results[name]['end_to_end_aps']:.2f} articles/s "
            f"end to end, {results[name]['steady_aps']:.2f} steady, "
            f"peak RSS per worker {results[name]['peak_rss_mb']:.0f} MB"
        )
    out.update(results)
    out["bare_aps"] = n / out["bare_s"]
    out["bare_cpu_ms_per_article"] = min(bare_cpu) / n * 1000
    log(f"bare nlp.pipe CPU {out['bare_cpu_ms_per_article']:.0f} ms per article")
    w1 = results["workers1"]["end_to_end_aps"]
    out["ratios"] = {
        "workers1_over_bare": w1 / out["bare_aps"],
        "workers2_over_workers1_end_to_end": results["workers2"]["end_to_end_aps"] / w1,
        "workers2_over_workers1_steady": results["workers2"]["steady_aps"] / w1,
        "dask_over_pool_end_to_end": results["dask_local2"]["end_to_end_aps"]
        / results["workers2"]["end_to_end_aps"],
        "dask_over_pool_steady": results["dask_local2"]["steady_aps"]
        / results["workers2"]["steady_aps"],
        # CPU work per article against the bare parse (a core-seconds view, load-proof)
        "bare_cpu_over_workers1_cpu": out["bare_cpu_ms_per_article"]
        / results["workers1"]["cpu_ms_per_article"],
        "workers1_cpu_over_workers2_cpu": results["workers1"]["cpu_ms_per_article"]
        / results["workers2"]["cpu_ms_per_article"],
    }
    shutil.rmtree(work, ignore_errors=True)
    return out


# ---------------------------------------------------------------- the corpora


def ensure_corpus(train: Path, path: Path) -> Path:
    if store.table_files(path, "articles"):
        return path
    log(f"building the PolNeAR corpus in {path} (all cores) ...")
    summary = build([str(train)], path, workers=os.cpu_count() or 1, polnear_ids=True)
    log(f"  {summary.articles} articles in {summary.seconds:.0f} s")
    return path


def store_size(path: Path) -> dict:
    n = queries.connect(path).execute("SELECT count(*) FROM articles").fetchone()[0]
    per_table = {t: sum(f.stat().st_size for f in store.table_files(path, t)) for t in TABLES}
    total = sum(per_table.values())
    return {
        "articles": n,
        "bytes": total,
        "mb_per_1000_articles": total / n * 1000 / 1e6,
        "mb_per_1000_articles_without_text": (total - _text_bytes(path)) / n * 1000 / 1e6,
        "per_table_mb": {t: b / 1e6 for t, b in per_table.items()},
    }


def _text_bytes(path: Path) -> int:
    import pyarrow.parquet as pq

    size = 0
    for f in store.table_files(path, "articles"):
        meta = pq.ParquetFile(f).metadata
        names = meta.schema.names
        for g in range(meta.num_row_groups):
            group = meta.row_group(g)
            size += group.column(names.index("text")).total_compressed_size
    return size


def synthesize(small: Path, out: Path) -> dict:
    """Replicate the small corpus's rows (see the module docstring) into `out`."""
    import duckdb

    con = queries.connect(small)
    quotes = con.execute("SELECT count(*) FROM quotes").fetchone()[0]
    mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    k = max(math.ceil(SYNTHETIC_QUOTES / quotes), math.ceil(SYNTHETIC_MENTIONS / mentions))
    marker = out / "replicas.json"
    if marker.exists() and json.loads(marker.read_text())["k"] == k:
        return json.loads(marker.read_text())
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    log(f"synthetic corpus: {k} replicas of {small} into {out} ...")
    raw = duckdb.connect()
    raw.execute("SET preserve_insertion_order = false")
    t0 = time.perf_counter()
    for table, schema in TABLES.items():
        files = store.table_files(small, table)
        if not files or table == "errors":
            continue
        glob = store.table_glob(small, table)
        src = f"read_parquet('{glob}', hive_partitioning = false)"
        shift = "INTERVAL (7 * r) DAY"
        exprs = []
        for name in schema.names:
            if name == "article_id":
                exprs.append("t.article_id || '~r' || r AS article_id")
            elif name == "content_hash":
                exprs.append("content_hash || '~r' || r AS content_hash")
            elif name in ("published", "event_date", "date"):
                exprs.append(f"CAST(t.{name} + {shift} AS DATE) AS {name}")
            else:
                exprs.append(f't."{name}"')
        if "published" in schema.names:
            month = f"coalesce(strftime(t.published + {shift}, '%Y-%m'), 'unknown')"
            source = f"{src} t"
        else:  # sentences: the month of their article
            month = f"coalesce(strftime(a.published + {shift}, '%Y-%m'), 'unknown')"
            articles = store.table_glob(small, "articles")
            source = (
                f"{src} t JOIN read_parquet('{articles}', hive_partitioning = false) a "
                "USING (article_id)"
            )
            exprs = [e.replace("t.article_id ||", "article_id ||") for e in exprs]
        sql = (
            f"COPY (SELECT {', '.join(exprs)}, {month} AS {PARTITION} "
            f"FROM {source}, range({k}) AS rr(r)) "
            f"TO '{out / table}' (FORMAT parquet, PARTITION_BY ({PARTITION}), "
            "COMPRESSION zstd, ROW_GROUP_SIZE 256000)"
        )
        raw.execute(sql)
        log(f"  {table}: done ({time.perf_counter() - t0:.0f} s)")
    (out / store.SHARDS_DIR).mkdir(exist_ok=True)
    con = queries.connect(out)
    facts = {
        "k": k,
        "rows": {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES},
        "seconds": round(time.perf_counter() - t0, 1),
    }
    marker.write_text(json.dumps(facts))
    return facts


def time_queries(path: Path) -> dict:
    t0 = time.perf_counter()
    con = queries.connect(path)
    connect_s = time.perf_counter() - t0
    out = {"connect_s": connect_s, "queries": {}}
    for name, query in QUERIES.items():
        rows = len(query(con))  # warm-up (file metadata, caches)
        times, cpu = [], []
        for _ in range(QUERY_RUNS):
            t, c = time.perf_counter(), time.process_time()
            query(con)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        out["queries"][name] = {
            "median_s": statistics.median(times),
            "median_cpu_s": statistics.median(cpu),
            "rows": rows,
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=TRAIN, help="PolNeAR quotes_train.jsonl")
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/newslens-polnear-corpus"))
    parser.add_argument("--synthetic", type=Path, default=Path("/tmp/newslens-synthetic"))
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    report: dict = {"cpu_count": os.cpu_count(), "loadavg_start": os.getloadavg(), "goals": GOALS}
    log(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    if not args.train.exists():
        log(f"{args.train} is missing (give --train): nothing to measure")
        return 1
    if not args.skip_throughput:
        report["throughput"] = throughput(args.train, args.articles, args.repeat)
        for name, value in report["throughput"]["ratios"].items():
            log(f"  {name}: {value:.2f}")
    if not args.skip_queries:
        small = ensure_corpus(args.train, args.corpus)
        report["store"] = store_size(small)
        log(
            f"store: {report['store']['mb_per_1000_articles']:.1f} MB per 1,000 articles "
            f"({report['store']['mb_per_1000_articles_without_text']:.1f} MB without the text)"
        )
        report["synthetic"] = synthesize(small, args.synthetic)
        log(f"synthetic rows: {report['synthetic']['rows']}")
        for label, path, goal in (
            ("polnear", small, GOALS["query_small_s"]),
            ("synthetic", args.synthetic, GOALS["query_synthetic_s"]),
        ):
            timed = time_queries(path)
            report[f"queries_{label}"] = timed
            log(f"queries on {label} (connect {timed['connect_s'] * 1000:.0f} ms):")
            for name, figures in timed["queries"].items():
                ok = "ok" if figures["median_s"] <= goal else "OVER GOAL"
                log(
                    f"  {name:28s} {figures['median_s'] * 1000:7.1f} ms "
                    f"(CPU {figures['median_cpu_s'] * 1000:6.1f} ms, {figures['rows']} rows) {ok}"
                )
    report["loadavg_end"] = os.getloadavg()
    log(f"load average at the end {os.getloadavg()[0]:.2f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
