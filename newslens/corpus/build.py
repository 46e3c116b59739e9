"""Building a corpus: plan shards, analyse each shard, write it.

The shard function `analyse_shard` is the one unit of work: a list of articles (plain dicts)
in, Arrow tables of their rows and a few facts out; no spaCy object crosses a process
boundary. It runs serially (``workers=1``), in a local process pool (``workers=N``) or on Dask
(``dask="local:N"`` starts a LocalCluster, ``dask="tcp://HOST:8786"`` uses a running one);
the spaCy model and the stance model load once per worker process (pool initializer, Dask
worker plugin). Only the driver writes, so Dask workers on other machines need no access to
the corpus folder.

Shards are planned from the input alone: distinct texts (content hash) in input order, cut
into groups of `shard_size`; a shard's id is the hash of its articles' hashes. So a rerun
plans the same shards, skips the finished ones, and two builds give the same rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import os
import resource
import socket
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from newslens.corpus import store
from newslens.corpus.inputs import InputArticle, ReadError, read_library, read_sources
from newslens.corpus.rows import (
    ArticleInfo,
    analysis_rows,
    empty_rows,
    error_row,
    rough_sentences,
    to_tables,
)
from newslens.library import content_hash
from newslens.model import Meta

SHARD_SIZE = 200  # the most articles in a shard
# Small inputs get smaller shards, so that every worker has work: the default size depends
# on the number of articles only (never on the engine), so a resumed build with other
# workers plans the same shards.
MIN_SHARD_SIZE = 8
SHARDS_PER_INPUT = 16
# Shards handed out beyond the number of workers, so that none waits for work while the
# driver writes; more would only hold texts and results in memory.
IN_FLIGHT_PER_WORKER = 2
# Dask places a shard on a worker as soon as it is submitted (the pool keeps one shared
# queue): a second shard waiting behind a busy worker could be left there while the other
# worker had nothing more to do at the end of a build. One each; the next goes out as one
# comes back.
DASK_IN_FLIGHT_PER_WORKER = 1
# A worker is one core: a corpus gets its parallelism from worker processes (one per core),
# so the stance network inside a worker runs its calls one after another. Two runner
# threads (what a single analysis uses for latency) only made each worker contend with the
# others: on 2 cores `--workers 2` ran 1.05x `--workers 1` when that one took both cores.
WORKER_STANCE_THREADS = 1
# Dask's settings for the workers of a build (no profiler, quieter monitors, glibc's own
# memory trimming), one file for the local cluster and for workers started by hand: the
# measurements are in its comments.
DASK_WORKER_SETTINGS = Path(__file__).resolve().parent / "dask" / "newslens-workers.yaml"
# Articles the parser takes at once. Its memory grows with the tokens of a batch: on 60
# PolNeAR articles (two of 27,000 and 34,000 characters) peak RSS was 739 MB at 16, 537 at
# 4, 446 at 2 and 433 at 1, for the same CPU time (12.7-13.9 s) at every size.
PIPE_BATCH_SIZE = 2


@dataclass
class Shard:
    shard_id: str
    articles: list[dict[str, Any]]  # InputArticle.to_dict() + content_hash


@dataclass
class Plan:
    shards: list[Shard]
    read_errors: list[ReadError]
    duplicates: int  # inputs whose text came earlier in the input


@dataclass
class BuildSummary:
    corpus: str
    engine: str
    articles: int = 0  # analysed and written by this run
    errors: int = 0
    shards_done: int = 0
    shards_skipped: int = 0  # finished by an earlier run
    already_stored: int = 0  # texts that an earlier build stored
    duplicates: int = 0
    seconds: float = 0.0
    run_file: str = ""
    shard_facts: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


# ---------------------------------------------------------------- planning


def _digest(parts: Iterable[str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", errors="surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()[:20]


def default_shard_size(n_articles: int) -> int:
    """At least SHARDS_PER_INPUT shards when the input allows, none over SHARD_SIZE."""
    return max(MIN_SHARD_SIZE, min(SHARD_SIZE, -(-n_articles // SHARDS_PER_INPUT)))


def plan_shards(
    items: Iterable[InputArticle | ReadError], *, shard_size: int | None = None
) -> Plan:
    """Distinct texts in input order, cut into shards (of `default_shard_size` unless
    given); ids made unique per distinct text."""
    seen: set[str] = set()
    ids: set[str] = set()
    articles: list[dict[str, Any]] = []
    errors: list[ReadError] = []
    duplicates = 0
    for item in items:
        if isinstance(item, ReadError):
            errors.append(item)
            continue
        digest = content_hash(item.text)
        if digest in seen:
            duplicates += 1
            continue
        seen.add(digest)
        record = item.to_dict()
        if record["article_id"] in ids:  # the same id for another text: keep both
            record["article_id"] = f"{record['article_id']}~{digest[:8]}"
        ids.add(record["article_id"])
        record["content_hash"] = digest
        articles.append(record)
    shard_size = shard_size or default_shard_size(len(articles))
    shards = [
        Shard(_digest(a["content_hash"] for a in group), group)
        for group in (
            articles[i : i + shard_size] for i in range(0, len(articles), max(1, shard_size))
        )
    ]
    return Plan(shards, errors, duplicates)


# ---------------------------------------------------------------- the shard function


def load_models(model: str | None = None, *, stance_threads: int = WORKER_STANCE_THREADS) -> None:
    """Load the spaCy pipeline and the stance model into this process (once; cached), the
    stance network running `stance_threads` calls side by side."""
    from newslens.nlp import load_nlp
    from newslens.stance import load_model, use_threads

    load_nlp(model)
    load_model()
    use_threads(stance_threads)


def _info(record: dict[str, Any]) -> ArticleInfo:
    return ArticleInfo(
        article_id=record["article_id"],
        content_hash=record["content_hash"],
        outlet=record.get("outlet"),
        url=record.get("url"),
        source=record.get("source"),
    )


def _meta(record: dict[str, Any]) -> Meta:
    return Meta(
        title=record.get("title"),
        published=record.get("published"),
        source=record.get("source"),
        byline=record.get("byline"),
    )


def analyse_shard(shard: Shard, *, model: str | None = None) -> dict[str, Any]:
    """Analyse one shard; returns {"shard_id", "tables": {name: pyarrow.Table}, "facts"}.
    An article that fails becomes an `errors` row; the others are still analysed."""
    from newslens.nlp import load_nlp
    from newslens.pipeline import AnalysisError

    t0 = time.perf_counter()
    cpu0 = time.process_time()
    nlp = load_nlp(model)
    rows = empty_rows()
    items = [(a["article_id"], a["text"], _meta(a)) for a in shard.articles]
    try:
        results = _analyse(items, nlp)
    except Exception:  # a bug on one article must not cost the shard: one at a time
        results = []
        for item in items:
            try:
                results.extend(_analyse([item], nlp))
            except Exception as exc:  # noqa: BLE001 (reported as an errors row)
                results.append((AnalysisError(f"{type(exc).__name__}: {exc}"), []))
    errors = 0
    for record, (result, sentences) in zip(shard.articles, results, strict=True):
        if isinstance(result, AnalysisError):
            errors += 1
            error_row(
                rows,
                source=record.get("source") or record["article_id"],
                article_id=record["article_id"],
                stage="analyse",
                reason=str(result),
            )
            continue
        analysis_rows(result, _info(record), sentences, rows)
    facts = {
        "shard_id": shard.shard_id,
        "articles": len(shard.articles) - errors,
        "errors": errors,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "seconds": round(time.perf_counter() - t0, 3),
        "cpu_seconds": round(time.process_time() - cpu0, 3),
        "peak_rss_mb": peak_rss_mb(),
    }
    return {"shard_id": shard.shard_id, "tables": to_tables(rows), "facts": facts}


def _analyse(
    items: list[tuple[str, str, Meta]], nlp: Any
) -> list[tuple[Any, list[tuple[int, int]]]]:
    """(Analysis or AnalysisError, sentence spans) per item, in order; the sentence spans
    come from each item's own parsed doc, so rows can point at evidence sentences."""
    from newslens.pipeline import AnalysisError, analyze_many

    sentences: dict[int, list[tuple[int, int]]] = {}

    def keep_sentences(index: int, doc: Any) -> None:
        sentences[index] = [(s.start_char, s.end_char) for s in doc.sents]

    results = analyze_many(items, nlp=nlp, batch_size=PIPE_BATCH_SIZE, on_doc=keep_sentences)
    return [
        (result, [] if isinstance(result, AnalysisError) else sentences.get(index, []))
        for index, result in enumerate(results)
    ]


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process's own address
    space; ru_maxrss would also count the parent's peak from before a spawned worker's exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def library_shard(shard: Shard, analyses: dict[str, Any]) -> dict[str, Any]:
    """The rows of saved analyses (no re-analysis; sentences by punctuation)."""
    rows = empty_rows()
    for record in shard.articles:
        analysis = analyses[record["content_hash"]]
        analysis_rows(analysis, _info(record), rough_sentences(analysis.text), rows)
    facts = {"shard_id": shard.shard_id, "articles": len(shard.articles), "errors": 0}
    return {"shard_id": shard.shard_id, "tables": to_tables(rows), "facts": facts}


def read_error_tables(errors: list[ReadError]) -> dict[str, Any]:
    rows = empty_rows()
    for error in errors:
        error_row(rows, source=error.source, article_id=None, stage="read", reason=error.reason)
    return to_tables(rows)


# ---------------------------------------------------------------- engines

Engine = Callable[[list[Shard]], Iterator[dict[str, Any]]]


def serial_engine(model: str | None) -> Engine:
    def run(shards: list[Shard]) -> Iterator[dict[str, Any]]:
        load_models(model)
        for shard in shards:
            yield analyse_shard(shard, model=model)

    return run


def _bounded(
    shards: list[Shard], submit: Callable[[Shard], Any], wait_one: Callable, limit: int
) -> Iterator[dict[str, Any]]:
    """Keep at most `limit` shards in flight; yield results as they complete."""
    queue = deque(shards)
    pending: set[Any] = set()
    while queue or pending:
        while queue and len(pending) < limit:
            pending.add(submit(queue.popleft()))
        done, pending = wait_one(pending)
        for future in done:
            yield future.result()


@contextlib.contextmanager
def _main_script_hidden() -> Iterator[None]:
    """Spawned workers (the pool's, Dask's) re-run the parent's __main__ script when it
    was started from a file; nothing they run lives there, and a script that is not a
    program (a Streamlit page, a test's AppTest script) would fail or run again in each
    worker. A module run with -m (python -m newslens) is re-imported by name, harmlessly."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    hide = main is not None and path is not None and getattr(main, "__spec__", None) is None
    if hide and main is not None:
        del main.__file__
    try:
        yield
    finally:
        if hide and main is not None:
            main.__file__ = path


def pool_engine(model: str | None, workers: int) -> Engine:
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    def run(shards: list[Shard]) -> Iterator[dict[str, Any]]:
        with (
            _main_script_hidden(),
            ProcessPoolExecutor(
                max_workers=workers,
                # spawn: a fresh interpreter per worker, never a fork of a threaded driver
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_pool_init,
                initargs=(model,),
            ) as pool,
        ):
            yield from _bounded(
                shards,
                lambda shard: pool.submit(analyse_shard, shard, model=model),
                lambda pending: wait(pending, return_when=FIRST_COMPLETED),
                workers * IN_FLIGHT_PER_WORKER,
            )

    return run


def _pool_init(model: str | None) -> None:
    load_models(model)


def dask_worker_settings() -> dict[str, Any]:
    """DASK_WORKER_SETTINGS as dotted keys, so that `dask.config.set` changes those keys only
    (a nested dict would replace all of `distributed`)."""
    import yaml

    def flat(tree: dict[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
        for key, value in tree.items():
            if isinstance(value, dict) and value:
                yield from flat(value, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", value

    return dict(flat(yaml.safe_load(DASK_WORKER_SETTINGS.read_text(encoding="utf-8")), ""))


def local_cluster(workers: int) -> Any:
    """A Dask LocalCluster of `workers` single-threaded worker processes, no dashboard, with
    the settings of DASK_WORKER_SETTINGS."""
    import logging

    import dask.config
    from distributed import LocalCluster

    with _main_script_hidden(), dask.config.set(dask_worker_settings()):
        return LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            # None turns the dashboard off (documented; the type hint says str).
            dashboard_address=None,  # pyright: ignore[reportArgumentType]
            silence_logs=logging.ERROR,
        )


def dask_engine(model: str | None, address: str) -> Engine:
    """`address` is "local:N" (a LocalCluster of N single-threaded worker processes) or a
    scheduler address such as "tcp://10.0.0.5:8786"."""

    def run(shards: list[Shard]) -> Iterator[dict[str, Any]]:
        from distributed import Client, wait

        from newslens.corpus.dask_plugin import ModelsPlugin

        cluster = None
        if address.startswith("local"):
            cluster = local_cluster(int(address.partition(":")[2] or (os.cpu_count() or 1)))
            client = Client(cluster)
        else:
            client = Client(address, timeout="30s")
        try:
            client.register_plugin(ModelsPlugin(model=model))
            n_workers = max(1, len(client.scheduler_info().get("workers", {})))

            def wait_one(pending: set[Any]) -> tuple[set[Any], set[Any]]:
                # A (done, not_done) named tuple; typed as a coroutine, being wrapped by sync.
                done, not_done = cast(
                    "tuple[set[Any], set[Any]]",
                    wait(list(pending), return_when="FIRST_COMPLETED"),
                )
                return set(done), set(not_done)

            yield from _bounded(
                shards,
                lambda shard: client.submit(
                    analyse_shard, shard, model=model, pure=False, key=f"shard-{shard.shard_id}"
                ),
                wait_one,
                n_workers * DASK_IN_FLIGHT_PER_WORKER,
            )
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    return run


# ---------------------------------------------------------------- the driver


def build(
    sources: list[str],
    corpus: str | Path,
    *,
    workers: int = 1,
    dask: str | None = None,
    model: str | None = None,
    shard_size: int | None = None,
    outlet: str | None = None,
    polnear_ids: bool = False,
    from_library: bool = False,
    library: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildSummary:
    """Analyse the sources into the corpus folder; resumes an interrupted build."""
    root = Path(corpus)
    root.mkdir(parents=True, exist_ok=True)
    started = time.time()
    t0 = time.perf_counter()
    store.remove_unfinished(root)
    inputs = read_sources(sources, outlet=outlet, polnear_ids=polnear_ids)
    plan = plan_shards(inputs, shard_size=shard_size)
    analyses: dict[str, Any] = {}  # saved analyses by content hash (--from-library)
    if from_library:
        # Saved analyses get shards of their own (their rows need no analysis); a text
        # that the sources also hold is analysed afresh with them instead.
        planned = {a["content_hash"] for s in plan.shards for a in s.articles}
        saved = []
        for article, analysis in read_library(library):
            digest = content_hash(article.text)
            if digest not in planned and digest not in analyses:
                analyses[digest] = analysis
                saved.append(article)
        library_plan = plan_shards(saved, shard_size=shard_size)
        plan.shards += library_plan.shards
    finished = store.finished_shards(root)
    stored = store.stored_hashes(root)
    todo: list[Shard] = []
    already = 0
    for shard in plan.shards:
        if shard.shard_id in finished:
            continue
        fresh = [a for a in shard.articles if a["content_hash"] not in stored]
        already += len(shard.articles) - len(fresh)
        todo.append(Shard(shard.shard_id, fresh))
    engine_name = f"dask {dask}" if dask else ("serial" if workers <= 1 else f"pool {workers}")
    summary = BuildSummary(
        corpus=str(root),
        engine=engine_name,
        shards_skipped=len(plan.shards) - len(todo),
        already_stored=already,
        duplicates=plan.duplicates,
    )
    if plan.read_errors:
        read_id = "read-" + _digest(f"{e.source}\t{e.reason}" for e in plan.read_errors)
        if read_id not in finished:
            store.write_shard(
                root, read_id, read_error_tables(plan.read_errors), {"shard_id": read_id}
            )
        summary.errors += len(plan.read_errors)
    total = sum(len(s.articles) for s in todo)
    if progress:
        progress(0, total)
    library_ids = {s.shard_id for s in plan.shards if s.articles[0]["content_hash"] in analyses}
    library_todo = [s for s in todo if s.shard_id in library_ids]
    analyse_todo = [s for s in todo if s.shard_id not in library_ids]
    if dask:
        engine = dask_engine(model, dask)
    elif workers > 1:
        engine = pool_engine(model, workers)
    else:
        engine = serial_engine(model)
    done = 0
    results = (library_shard(s, analyses) for s in library_todo)
    for result in itertools.chain(results, engine(analyse_todo) if analyse_todo else ()):
        store.write_shard(root, result["shard_id"], result["tables"], result["facts"])
        facts = result["facts"]
        summary.shard_facts.append(facts)
        summary.shards_done += 1
        summary.articles += facts["articles"]
        summary.errors += facts["errors"]
        done += facts["articles"] + facts["errors"]
        if progress:
            progress(done, total)
    summary.seconds = round(time.perf_counter() - t0, 3)
    summary.run_file = str(
        store.write_run(
            root,
            {
                "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
                "seconds": summary.seconds,
                "engine": engine_name,
                "driver_host": socket.gethostname(),
                "cpu_count": os.cpu_count(),
                "sources": [str(s) for s in sources] + (["library"] if from_library else []),
                "argv": sys.argv,
                "shard_size": shard_size or "default",
                "articles": summary.articles,
                "errors": summary.errors,
                "shards_done": summary.shards_done,
                "shards_skipped": summary.shards_skipped,
                "already_stored": summary.already_stored,
                "duplicates": summary.duplicates,
                "articles_per_second": round(summary.articles_per_second, 3),
                "model": _model_facts(model),
                "shards": summary.shard_facts,
            },
        )
    )
    return summary


def _model_facts(model: str | None) -> dict[str, str]:
    try:
        from newslens.nlp import model_candidates

        return {"spacy_model": ",".join(model_candidates(model))}
    except Exception:  # noqa: BLE001 (facts are best effort)
        return {}
