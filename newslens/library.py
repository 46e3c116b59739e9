"""The library: saved analyses in a local SQLite database (stdlib `sqlite3`).

One row per article text (keyed by a content hash, so re-analysing the same text updates its
row instead of adding a copy), holding the text, its metadata, the whole analysis as JSON, when
it was analysed and with which model. Every write is one transaction in WAL mode, so a crash
mid-write leaves what was saved before intact. A library carries our `application_id`;
any other SQLite file is refused untouched, and a library we may not write is read read-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from newslens.model import Analysis

LIBRARY_ENV = "NEWSLENS_LIBRARY"
SCHEMA_VERSION = 1
# PRAGMA application_id of every newslens library ("NLib"): the library opens only these.
APPLICATION_ID = 0x4E4C6962
_OWN_OBJECTS = {"analyses", "analyses_analysed_at", "sqlite_autoindex_analyses_1"}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS analyses (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    title TEXT,
    published TEXT,
    source TEXT,
    byline TEXT,
    text TEXT NOT NULL,
    analysis_json TEXT NOT NULL,
    analysed_at TEXT NOT NULL,
    model_version TEXT NOT NULL,
    counts_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS analyses_analysed_at ON analyses (analysed_at);
"""


class LibraryError(RuntimeError):
    """A library problem the user should read (missing entry, unreadable database)."""


def _writable(path: Path) -> bool:
    """Whether we may write the database (and the journal files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _peek(path: Path, sql: str, *, immutable: bool) -> list[tuple]:
    """Rows of a query on the database, opened so that nothing in it can change. Immutable,
    SQLite creates no -wal/-shm files beside it (a foreign WAL database stays untouched) but
    does not see what is still in the WAL."""
    if immutable:
        uri = f"{path.absolute().as_uri()}?immutable=1"
        conn = sqlite3.connect(uri, uri=True, timeout=15)
    else:
        conn = _open_read_only(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _check_own(path: Path) -> None:
    """Refuse (without touching it) any file that is not a newslens library: ours carry our
    application_id; an empty database, or a library made before it was set, is ours too."""
    wal = path.with_name(path.name + "-wal")
    # The file alone first; what the WAL holds only when the file alone is not conclusive.
    for immutable in (True, False):
        try:
            ((app_id,),) = _peek(path, "PRAGMA application_id", immutable=immutable)
            names = {
                n for (n,) in _peek(path, "SELECT name FROM sqlite_master", immutable=immutable)
            }
            ((version,),) = _peek(path, "PRAGMA user_version", immutable=immutable)
        except sqlite3.DatabaseError as exc:
            raise LibraryError(
                f"{path} is not a newslens library ({exc}); it was left untouched"
            ) from exc
        if app_id == APPLICATION_ID:
            return
        if not (wal.exists() and wal.stat().st_size > 0):
            break
    if app_id == 0 and (not names or (names <= _OWN_OBJECTS and version == SCHEMA_VERSION)):
        return
    raise LibraryError(
        f"{path} is not a newslens library (another application's SQLite database); "
        "it was left untouched: choose another library file"
    )


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection. A WAL database needs its -shm file, which a read-only
    folder may not let us create: then the file is read as immutable."""
    error: sqlite3.Error | None = None
    for query in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"{path.absolute().as_uri()}?{query}", uri=True, timeout=15)
        except sqlite3.Error as exc:
            error = exc
            continue
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            return conn
        except sqlite3.Error as exc:
            conn.close()
            if isinstance(exc, sqlite3.DatabaseError) and "not a database" in str(exc):
                raise
            error = exc
    assert error is not None
    raise error


@dataclass
class LibraryEntry:
    id: int
    title: str | None
    published: str | None
    source: str | None
    analysed_at: str  # ISO 8601, UTC
    model_version: str
    counts: dict[str, int] = field(default_factory=dict)  # entities, quotes, events, ...
    doc_id: str = ""


def default_path() -> Path:
    """$NEWSLENS_LIBRARY, else the user's data folder ($XDG_DATA_HOME or ~/.local/share)."""
    if os.environ.get(LIBRARY_ENV):
        return Path(os.environ[LIBRARY_ENV]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "newslens" / "library.sqlite3"


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def model_version(analysis: Analysis) -> str:
    model = analysis.model
    if not model:
        return "unknown"
    parts = [f"{model.get('spacy_model', '?')} {model.get('spacy_model_version', '')}".strip()]
    parts += [f"{k}={v}" for k, v in sorted(model.items()) if not k.startswith("spacy_")]
    return "; ".join(parts)


def counts(analysis: Analysis) -> dict[str, int]:
    return {
        "entities": len(analysis.entity_clusters),
        "mentions": len(analysis.entities),
        "quotes": len(analysis.quotes),
        "timexes": len(analysis.timexes),
        "events": len(analysis.events),
    }


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Library:
    """A SQLite library of analyses; safe to use from several threads and processes."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path).expanduser() if path else default_path()
        self._ready = False
        self._own = False  # the file was checked to be a newslens library

    def check(self) -> None:
        """Raise LibraryError unless the library can be saved into: a database that is not
        a newslens library, or a read-only one, is refused before any analysis is done."""
        with self._connect(write=True):
            pass

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        # A connection per operation: Streamlit calls from many threads, and short-lived
        # connections never hold the write lock between user actions.
        conn = self._open(write=write)
        try:
            yield conn
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"the library {self.path} cannot be used ({exc})") from exc
        finally:
            conn.close()

    def _open(self, *, write: bool) -> sqlite3.Connection:
        """A connection to our own database. Anything else is refused before a single byte
        of it is written; a library we may not write is opened read-only for reading."""
        exists = self.path.exists() and self.path.stat().st_size > 0
        if exists and not self._own:
            _check_own(self.path)
            self._own = True
        if exists and not _writable(self.path):
            if write:
                raise LibraryError(
                    f"the library {self.path} is read-only: it can be read, but nothing "
                    "can be saved into it"
                )
            try:
                return _open_read_only(self.path)
            except sqlite3.Error as exc:
                raise LibraryError(f"the library {self.path} cannot be opened ({exc})") from exc
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=15)
        except (OSError, sqlite3.Error) as exc:
            raise LibraryError(f"the library {self.path} cannot be opened ({exc})") from exc
        try:
            if not self._ready:
                conn.execute("PRAGMA journal_mode=WAL")
                with conn:
                    conn.executescript(_SCHEMA)
                    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
                self._ready = True
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(f"the library {self.path} cannot be used ({exc})") from exc
        return conn

    def save(self, analysis: Analysis) -> int:
        """Store the analysis; the same text again updates its entry. Returns the entry id."""
        meta = analysis.meta
        row = {
            "content_hash": content_hash(analysis.text),
            "doc_id": analysis.id,
            "title": meta.title,
            "published": meta.published,
            "source": meta.source,
            "byline": meta.byline,
            "text": analysis.text,
            "analysis_json": json.dumps(analysis.to_dict(), ensure_ascii=False),
            "analysed_at": _now(),
            "model_version": model_version(analysis),
            "counts_json": json.dumps(counts(analysis)),
        }
        columns = ", ".join(row)
        values = ", ".join(f":{c}" for c in row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "content_hash")
        with self._connect(write=True) as conn, conn:
            conn.execute(
                f"INSERT INTO analyses ({columns}) VALUES ({values}) "
                f"ON CONFLICT(content_hash) DO UPDATE SET {updates}",
                row,
            )
            (entry_id,) = conn.execute(
                "SELECT id FROM analyses WHERE content_hash = ?", (row["content_hash"],)
            ).fetchone()
        return int(entry_id)

    def list(self) -> list[LibraryEntry]:
        """Every saved analysis, most recently analysed first."""
        if not self.path.exists():  # reading never creates the database
            return []
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, title, published, source, analysed_at, model_version, counts_json, "
                "doc_id FROM analyses ORDER BY analysed_at DESC, id DESC"
            ).fetchall()
        return [
            LibraryEntry(
                id=r[0],
                title=r[1],
                published=r[2],
                source=r[3],
                analysed_at=r[4],
                model_version=r[5],
                counts=json.loads(r[6]),
                doc_id=r[7],
            )
            for r in rows
        ]

    def load(self, entry_id: int) -> Analysis:
        """The saved analysis, exactly as it was saved (no re-analysis)."""
        if not self.path.exists():
            raise LibraryError(f"no saved analysis with id {entry_id}: the library is empty")
        with self._connect() as conn:
            row = conn.execute(
                "SELECT analysis_json FROM analyses WHERE id = ?", (int(entry_id),)
            ).fetchone()
        if row is None:
            raise LibraryError(f"no saved analysis with id {entry_id}")
        return Analysis.from_dict(json.loads(row[0]))

    def find(self, text: str) -> int | None:
        """The id of the entry for this exact text, if it was saved."""
        if not self.path.exists():
            return None
        with self._connect() as conn:
            row = conn.execute(
                "SELECT id FROM analyses WHERE content_hash = ?", (content_hash(text),)
            ).fetchone()
        return int(row[0]) if row else None

    def delete(self, entry_id: int) -> bool:
        """Remove an entry; False when there was none with this id."""
        if not self.path.exists():
            return False
        with self._connect(write=True) as conn, conn:
            cursor = conn.execute("DELETE FROM analyses WHERE id = ?", (int(entry_id),))
        return cursor.rowcount > 0

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with self._connect() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM analyses").fetchone()[0])
