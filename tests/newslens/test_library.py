"""The SQLite library: save / list / load / delete, content-hash updates, crash safety, and
`python -m newslens analyze DIR --save`."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newslens.library import Library, LibraryError, content_hash, default_path
from newslens.model import Analysis, Meta
from newslens.pipeline import analyze_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_articles"


@pytest.fixture()
def library(tmp_path) -> Library:
    return Library(tmp_path / "lib" / "library.sqlite3")


@pytest.fixture(scope="module")
def small_analysis(nlp) -> Analysis:
    text = "Angela Merkel met Emmanuel Macron in Paris on Tuesday. Merkel said the talks went well."
    return analyze_text(
        text, doc_id="small.txt", meta=Meta(title="Paris talks", source="small.txt"), nlp=nlp
    )


def test_save_then_load_gives_back_the_same_analysis(library, seed_analysis):
    entry_id = library.save(seed_analysis)
    loaded = library.load(entry_id)
    assert loaded.to_dict() == seed_analysis.to_dict()


def test_list_shows_title_date_source_and_counts(library, seed_analysis, small_analysis):
    seed_id = library.save(seed_analysis)
    small_id = library.save(small_analysis)
    entries = {e.id: e for e in library.list()}
    assert set(entries) == {seed_id, small_id}
    small = entries[small_id]
    assert (small.title, small.source) == ("Paris talks", "small.txt")
    assert small.counts["entities"] == len(small_analysis.entity_clusters)
    assert small.counts["quotes"] == len(small_analysis.quotes)
    assert entries[seed_id].published == "2025-05-20"
    assert "3.8" in entries[seed_id].model_version
    assert small.analysed_at[:4].isdigit() and "T" in small.analysed_at


def test_same_text_updates_instead_of_duplicating(library, small_analysis):
    first = library.save(small_analysis)
    again = Analysis.from_dict(small_analysis.to_dict())
    again.meta.published = "2024-01-02"
    assert library.save(again) == first
    (entry,) = library.list()
    assert entry.published == "2024-01-02"
    assert library.find(small_analysis.text) == first
    assert library.find(small_analysis.text + " ") is None


def test_delete(library, small_analysis, seed_analysis):
    keep = library.save(seed_analysis)
    gone = library.save(small_analysis)
    assert library.delete(gone) is True
    assert library.delete(gone) is False
    assert [e.id for e in library.list()] == [keep]
    with pytest.raises(LibraryError):
        library.load(gone)


def test_the_library_persists_across_instances(tmp_path, small_analysis):
    path = tmp_path / "persist.sqlite3"
    entry_id = Library(path).save(small_analysis)
    assert Library(str(path)).load(entry_id).text == small_analysis.text


def test_wal_mode(library, small_analysis):
    library.save(small_analysis)
    with sqlite3.connect(library.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_crash_mid_write_loses_nothing_already_saved(tmp_path, small_analysis):
    path = tmp_path / "crash.sqlite3"
    library = Library(path)
    saved = library.save(small_analysis)
    # Another process starts a write, gets half-way and dies without committing.
    crash = textwrap.dedent(
        f"""
        import os, sqlite3
        conn = sqlite3.connect({str(path)!r})
        conn.execute("BEGIN")
        conn.execute("DELETE FROM analyses")
        conn.execute(
            "INSERT INTO analyses (content_hash, doc_id, text, analysis_json, analysed_at, "
            "model_version, counts_json) VALUES ('x', 'x', 'x', '{{', 'now', '?', '{{}}')"
        )
        os._exit(9)
        """
    )
    assert subprocess.run([sys.executable, "-c", crash], timeout=60).returncode == 9
    assert [e.id for e in library.list()] == [saved]
    assert library.load(saved).to_dict() == small_analysis.to_dict()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_default_path_is_configurable(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSLENS_LIBRARY", str(tmp_path / "mine.sqlite3"))
    assert default_path() == tmp_path / "mine.sqlite3"
    assert Library().path == tmp_path / "mine.sqlite3"
    monkeypatch.delenv("NEWSLENS_LIBRARY")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_path() == tmp_path / "data" / "newslens" / "library.sqlite3"


def test_reading_an_absent_library_creates_nothing(tmp_path):
    library = Library(tmp_path / "nowhere" / "library.sqlite3")
    assert library.list() == [] and library.find("text") is None and len(library) == 0
    with pytest.raises(LibraryError):
        library.load(1)
    assert not (tmp_path / "nowhere").exists()


def test_unusable_database_is_a_library_error(tmp_path):
    path = tmp_path / "not-a-db.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError):
        Library(path).list()


def test_content_hash_tells_texts_apart():
    assert content_hash("a") == content_hash("a")
    assert content_hash("a") != content_hash("a ")


def test_cli_analyze_dir_save(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    sources = sorted(SAMPLES.glob("*.txt"))[:3]
    for src in sources:
        shutil.copy(src, articles / src.name)
    (articles / "broken.pdf").write_bytes(b"%PDF-1.4 not a pdf")
    db = tmp_path / "cli.sqlite3"
    cmd = [sys.executable, "-m", "newslens", "analyze", str(articles), "--save"]
    out = subprocess.run(
        [*cmd, "--library", str(db), "--published", "2025-05-20"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 1  # the broken file is reported, the others are saved
    assert "broken.pdf" in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""  # --save stores instead of printing
    assert f"{len(sources)}/{len(sources)}" in out.stderr  # the progress bar got to the end
    entries = Library(db).list()
    assert sorted(e.source for e in entries) == sorted(s.name for s in sources)
    assert all(e.published == "2025-05-20" for e in entries)
    # Saving the same folder again updates the same rows.
    again = subprocess.run(
        [*cmd, "--library", str(db)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert again.returncode == 1
    assert len(Library(db)) == len(sources)
