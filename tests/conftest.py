"""Shared fixtures: the real spaCy model, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_articles"
SEED = SAMPLES / "russia-ukraine-diplomacy.txt"


@pytest.fixture(scope="session")
def nlp():
    from newslens.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_analysis(nlp, seed_text):
    from newslens.model import Meta
    from newslens.pipeline import analyze_text

    return analyze_text(seed_text, doc_id="seed", meta=Meta(published="2025-05-20"), nlp=nlp)
