"""Building a corpus: the engines agree row for row, a killed build resumes to the same
tables, bad input becomes `errors` rows, the same text is stored once."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newslens.corpus import store
from newslens.corpus.build import build, plan_shards
from newslens.corpus.inputs import InputArticle, polnear_meta
from newslens.corpus.schema import TABLES
from tests.conftest import ROOT
from tests.files import make_pdf
from tests.newslens.corpus.articles import polnear_like, write_jsonl

N_ARTICLES = 40


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("engines")
    return write_jsonl(folder / "polnear-like.jsonl", polnear_like(N_ARTICLES))


@pytest.fixture(scope="module")
def serial_corpus(source, nlp) -> Path:
    corpus = source.parent / "serial"
    summary = build([str(source)], corpus, polnear_ids=True, shard_size=8)
    assert (summary.articles, summary.errors, summary.shards_done) == (N_ARTICLES, 0, 5)
    return corpus


def assert_same_tables(got: Path, want: Path) -> None:
    for table in TABLES:
        a, b = store.read_table(got, table), store.read_table(want, table)
        assert a.num_rows == b.num_rows, table
        assert a.equals(b), f"{table} differs"


def test_serial_build_layout(serial_corpus):
    articles = store.read_table(serial_corpus, "articles")
    assert articles.num_rows == N_ARTICLES
    assert set(articles["outlet"].to_pylist()) == {"nyt", "wash-post", "breitbart", "politico"}
    months = sorted(p.name for p in (serial_corpus / "articles").iterdir())
    assert months[0] == "month=2016-01" and len(months) >= 10
    for path in store.table_files(serial_corpus, "mentions"):
        assert "month" not in pq.read_schema(path).names  # the folder names the month
    assert store.read_table(serial_corpus, "mentions")["polarity"].null_count < (
        store.read_table(serial_corpus, "mentions").num_rows
    )
    runs = store.read_runs(serial_corpus)
    assert runs and runs[-1]["articles"] == N_ARTICLES and runs[-1]["shards"][0]["peak_rss_mb"]


@pytest.fixture
def script_main(tmp_path, monkeypatch):
    """__main__ as a script that must not run again in workers (as under Streamlit or
    AppTest, which run pages as __main__)."""
    script = tmp_path / "page.py"
    script.write_text("raise SystemExit('the page ran again in a worker')\n")
    main = sys.modules["__main__"]
    monkeypatch.setattr(main, "__file__", str(script), raising=False)
    monkeypatch.setattr(main, "__spec__", None, raising=False)
    return script


def test_process_pool_matches_serial(source, serial_corpus, tmp_path, script_main):
    summary = build([str(source)], tmp_path, workers=2, polnear_ids=True, shard_size=5)
    assert summary.articles == N_ARTICLES and summary.engine == "pool 2"
    assert len({f["pid"] for f in summary.shard_facts}) == 2  # both workers did shards
    assert_same_tables(tmp_path, serial_corpus)
    assert sys.modules["__main__"].__file__ == str(script_main)  # put back


def test_dask_local_matches_serial(source, serial_corpus, tmp_path, script_main):
    summary = build([str(source)], tmp_path, dask="local:2", polnear_ids=True, shard_size=10)
    assert summary.articles == N_ARTICLES and summary.engine == "dask local:2"
    assert all(f["pid"] != os.getpid() for f in summary.shard_facts)
    assert_same_tables(tmp_path, serial_corpus)


def _worker_settings() -> dict:
    import dask.config

    return {
        "trim": os.environ.get("MALLOC_TRIM_THRESHOLD_"),
        "omp": os.environ.get("OMP_NUM_THREADS"),
        "profile": dask.config.get("distributed.worker.profile.enabled"),
        "tick": dask.config.get("distributed.admin.tick.interval"),
    }


# Dask's own trimming threshold (65536) made every worker 10 % slower per article.
BUILD_WORKER = {"trim": None, "omp": "1", "profile": False, "tick": "1s"}


def test_local_cluster_workers_keep_glibc_memory_trimming_and_quiet_monitors(script_main):
    from distributed import Client

    from newslens.corpus.build import local_cluster

    with local_cluster(1) as cluster, Client(cluster) as client:
        (settings,) = client.run(_worker_settings).values()
    assert settings == BUILD_WORKER


def test_workers_started_by_hand_with_the_settings_folder_get_them_too(tmp_path):
    """The README's `DASK_CONFIG=newslens/corpus/dask dask worker ...` for other machines."""
    from distributed import Client

    from tests.browser import free_port

    port = free_port()
    env = {
        **os.environ,
        "DASK_CONFIG": str(ROOT / "newslens" / "corpus" / "dask"),
        "PYTHONPATH": str(ROOT),  # a worker process does not look in its working directory
    }
    dask_cli = str(Path(sys.executable).with_name("dask"))
    address = f"tcp://127.0.0.1:{port}"
    scheduler = subprocess.Popen(
        [dask_cli, "scheduler", "--host", "127.0.0.1", "--port", str(port),
         "--dashboard-address", ":0"],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    worker = subprocess.Popen(
        [dask_cli, "worker", address, "--nworkers", "1", "--nthreads", "1"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(1, timeout=120)
            (settings,) = client.run(_worker_settings).values()
            (newslens_there,) = client.run(importlib.util.find_spec, "newslens").values()
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
            proc.wait(timeout=60)
    assert settings == BUILD_WORKER
    assert newslens_there is not None


def test_kill_9_halfway_then_resume_gives_the_same_tables(source, serial_corpus, tmp_path):
    corpus = tmp_path / "killed"
    command = [sys.executable, "-m", "newslens", "corpus", "build", str(source)]
    command += ["--corpus", str(corpus), "--polnear-ids", "--workers", "1", "--shard-size", "4"]
    proc = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 240
    while len(store.finished_shards(corpus)) < 5 and time.monotonic() < deadline:
        assert proc.poll() is None, "the build ended before it could be killed"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    finished = store.finished_shards(corpus)
    assert 5 <= len(finished) < 10, "killed halfway"
    resumed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(finished)} shards already done" in resumed.stderr
    assert_same_tables(corpus, serial_corpus)
    assert not list(corpus.rglob(".*.tmp"))


def test_leftovers_of_a_killed_run_are_removed(serial_corpus, tmp_path):
    import shutil

    corpus = tmp_path / "c"
    shutil.copytree(serial_corpus, corpus)
    month = corpus / "quotes" / "month=2016-01"
    (month / ".part-x.parquet.tmp").write_bytes(b"half a file")
    shutil.copy(next(month.glob("part-*.parquet")), month / "part-unfinished.parquet")
    assert store.remove_unfinished(corpus) == 2
    assert_same_tables(corpus, serial_corpus)


def test_bad_inputs_go_to_errors_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    records = polnear_like(3)
    for i, record in enumerate(records[:2]):
        (folder / f"a{i}.txt").write_text(record["text"], encoding="utf-8")
    (folder / "a1b-broken.pdf").write_bytes(b"%PDF-1.4 this is not a pdf")
    (folder / "a1c.pdf").write_bytes(make_pdf(["Paul Ryan said the plan was a success."]))
    lines = [
        json.dumps(records[2]),
        "{not json",
        json.dumps({"id": "blank", "text": "   \n  "}),
        json.dumps({"id": "ok-2", "text": "Warren praised Ryan in Ohio on Monday."}),
    ]
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    proc = subprocess.run(
        [sys.executable, "-m", "newslens", "corpus", "build", str(folder), "--corpus",
         str(corpus), "--workers", "1", "--outlet", "test-outlet"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 1
    assert "5 articles analysed" in proc.stderr and "3 errors" in proc.stderr
    assert "Traceback" not in proc.stderr
    errors = store.read_table(corpus, "errors").to_pylist()
    by_stage = {(e["stage"], Path(e["source"]).name) for e in errors}
    assert ("read", "a1b-broken.pdf") in by_stage
    assert ("read", "more.jsonl:2") in by_stage
    assert ("analyse", "more.jsonl:3") in by_stage
    assert all("\n" not in e["reason"] and e["reason"] for e in errors)
    ids = store.read_table(corpus, "articles")["article_id"].to_pylist()
    assert sorted(ids) == sorted(["a0.txt", "a1.txt", "a1c.pdf", records[2]["id"], "ok-2"])
    info = subprocess.run(
        [sys.executable, "-m", "newslens", "corpus", "info", str(corpus)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert info.returncode == 0 and "errors: 3" in info.stdout
    assert "articles 5" in info.stdout and "test-outlet 5" in info.stdout


def test_same_text_is_stored_once(tmp_path, nlp):
    records = polnear_like(3)
    first = write_jsonl(tmp_path / "first.jsonl", [records[0], records[1], records[0]])
    corpus = tmp_path / "corpus"
    summary = build([str(first)], corpus, polnear_ids=True)
    assert (summary.articles, summary.duplicates) == (2, 1)
    again = {"id": "another-id", "text": records[1]["text"]}
    second = write_jsonl(tmp_path / "second.jsonl", [again, records[2]])
    summary = build([str(second)], corpus, polnear_ids=True)
    assert (summary.articles, summary.already_stored) == (1, 1)
    hashes = store.read_table(corpus, "articles")["content_hash"].to_pylist()
    assert len(hashes) == len(set(hashes)) == 3


def test_library_exports_into_a_corpus(tmp_path, seed_analysis):
    from newslens.library import Library

    library = tmp_path / "library.sqlite3"
    Library(library).save(seed_analysis)
    corpus = tmp_path / "corpus"
    summary = build([], corpus, from_library=True, library=str(library))
    assert summary.articles == 1
    (article,) = store.read_table(corpus, "articles").to_pylist()
    assert article["n_quotes"] == len(seed_analysis.quotes) > 0
    assert str(article["published"]) == seed_analysis.meta.published
    quotes = store.read_table(corpus, "quotes")
    assert quotes.num_rows == len(seed_analysis.quotes)


def test_plan_is_stable_and_ids_stay_unique():
    items = [InputArticle("x", "one"), InputArticle("x", "two"), InputArticle("y", "one")]
    plan = plan_shards(items, shard_size=1)
    assert [s.articles[0]["article_id"] for s in plan.shards] == [
        "x",
        "x~" + plan.shards[1].articles[0]["content_hash"][:8],
    ]
    assert plan.duplicates == 1
    assert [s.shard_id for s in plan_shards(items, shard_size=1).shards] == [
        s.shard_id for s in plan.shards
    ]


def test_polnear_ids_give_outlet_and_date():
    assert polnear_meta("wash-post_2016-09-16_burma-s-leader") == ("wash-post", "2016-09-16")
    assert polnear_meta("nyt_2016-02-30_bad-date") is None
    assert polnear_meta("article.txt") is None


def test_a_worker_is_one_core_its_stance_calls_one_after_another(serial_corpus):
    """The serial build loaded the models the way every worker does: the stance network
    runs its calls on the calling thread (a worker's parallelism is its own process)."""
    from newslens import stance

    model = stance.load_model()
    assert model.threads == 1 and model.runners is None
    stance.use_threads(2)  # what a single analysis in the app uses
    try:
        assert model.threads == 2 and model.runners is not None
        answers = stance.predict([("Critics attacked Smith.", 17, 22)] * 3)
        assert len(answers) == 3
    finally:
        stance.use_threads(1)
    assert model.runners is None
