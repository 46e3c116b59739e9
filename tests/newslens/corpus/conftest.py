"""A small corpus built once per test session (serially, in-process) for the query tests."""

from __future__ import annotations

import pytest

from tests.newslens.corpus.articles import polnear_like, write_jsonl

QUERY_CORPUS_ARTICLES = 16


@pytest.fixture(scope="session")
def query_corpus(tmp_path_factory, nlp):
    from newslens.corpus.build import build

    folder = tmp_path_factory.mktemp("query-corpus")
    source = write_jsonl(folder / "in.jsonl", polnear_like(QUERY_CORPUS_ARTICLES))
    summary = build([str(source)], folder / "corpus", polnear_ids=True, shard_size=5)
    assert summary.articles == QUERY_CORPUS_ARTICLES and summary.errors == 0
    return folder / "corpus"
