"""The library opens only its own databases and reads read-only ones: another application's
SQLite file (or any other file) is refused and left byte for byte untouched; a library the
user may not write is listed and opened, and only saving is refused, with a clear sentence."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newslens.library import APPLICATION_ID, Library, LibraryError
from newslens.model import Analysis, Meta
from tests.conftest import ROOT, SEED


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of the folder and the hash of its bytes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def small(text: str = "Angela Merkel spoke in Berlin.") -> Analysis:
    return Analysis(id="a1", text=text, meta=Meta(title="Merkel"))


def foreign_database(path: Path, *, wal: bool = False) -> Path:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.execute("PRAGMA user_version=42")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("wal", [False, True], ids=["rollback", "wal"])
def test_another_applications_database_is_refused_untouched(tmp_path, wal):
    db = foreign_database(tmp_path / "other.db", wal=wal)
    before = fingerprint(tmp_path)
    library = Library(db)
    for action in (library.list, lambda: library.save(small()), library.check, len):
        with pytest.raises(LibraryError, match="is not a newslens library .* left untouched"):
            action(library) if action is len else action()
    assert fingerprint(tmp_path) == before
    conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone() == (42,)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal" if wal else "delete",)
    conn.close()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("my notes\n" * 100, encoding="utf-8")
    before = fingerprint(tmp_path)
    with pytest.raises(LibraryError, match="not a newslens library"):
        Library(path).save(small())
    assert fingerprint(tmp_path) == before


def test_cli_save_into_a_foreign_database_stops_before_analysing(tmp_path):
    db = foreign_database(tmp_path / "other.db")
    before = fingerprint(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "newslens", "analyze", str(SEED), "--save", "--library", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "is not a newslens library" in proc.stderr
    assert fingerprint(tmp_path) == before


def test_new_library_carries_our_application_id_and_older_ones_are_adopted(tmp_path):
    lib = Library(tmp_path / "new.sqlite3")
    lib.save(small())
    conn = sqlite3.connect(lib.path)
    assert conn.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    # A library made before the id existed: our schema, application_id 0.
    conn.execute("PRAGMA application_id=0")
    conn.commit()
    conn.close()
    again = Library(lib.path)
    assert len(again) == 1
    again.save(small("Another text."))
    assert len(again) == 2


_READ_ONLY = textwrap.dedent(
    """
    import sys
    from newslens.library import Library, LibraryError
    from newslens.model import Analysis
    lib = Library(sys.argv[1])
    entries = lib.list()
    print(len(lib), entries[0].title, lib.load(entries[0].id).text)
    try:
        lib.save(Analysis(id="x", text="New text."))
    except LibraryError as exc:
        print("refused:", exc)
    """
)


def run_unprivileged(*args: str) -> subprocess.CompletedProcess:
    """Python as a user bound by file permissions: root without its capabilities (root
    would write a read-only file), else the user itself."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: read-only files cannot be made")
        prefix = [setpriv, "--bounding-set=-all", "--inh-caps=-all"]
    return subprocess.run(
        [*prefix, sys.executable, "-c", _READ_ONLY, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("folder_writable", [True, False], ids=["file", "file-and-folder"])
def test_read_only_library_is_read_and_saving_is_refused(tmp_path, folder_writable):
    folder = tmp_path / "lib"
    folder.mkdir()
    db = folder / "library.sqlite3"
    Library(db).save(small())
    for extra in folder.glob("library.sqlite3-*"):
        extra.unlink()  # as after a clean close
    db.chmod(0o444)
    folder.chmod(0o755 if folder_writable else 0o555)
    try:
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        proc = run_unprivileged(str(db))
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 0, proc.stderr[-2000:]
    listed, refused = proc.stdout.strip().splitlines()
    assert listed == "1 Merkel Angela Merkel spoke in Berlin."
    assert refused == (
        f"refused: the library {db} is read-only: it can be read, but nothing can be saved into it"
    )
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
