"""Writing a corpus folder safely: hive partitions, temporary names, finished-shard marks.

Each shard's rows go to ``DIR/<table>/month=M/part-<shard>.parquet``: written under a
temporary name (``.part-<shard>.parquet.tmp``, which no ``*.parquet`` pattern matches) and
renamed when complete; when every table of the shard is in place, ``DIR/_shards/<shard>.json``
marks the shard finished. A run killed at any point leaves only whole files; the next run
skips the marked shards and rewrites (with the same content) the files of unmarked ones.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newslens.corpus.schema import PARTITION, TABLES

SHARDS_DIR = "_shards"
RUNS_DIR = "runs"
TEMP_SUFFIX = ".tmp"
COMPRESSION = "zstd"
ROW_GROUP_SIZE = 256_000


class StoreError(RuntimeError):
    """A corpus folder that cannot be used; the message is meant for the user."""


def table_dir(root: Path, table: str) -> Path:
    return Path(root) / table


def table_files(root: Path, table: str) -> list[Path]:
    return sorted(table_dir(root, table).glob(f"{PARTITION}=*/*.parquet"))


def table_glob(root: Path, table: str) -> str:
    return str(table_dir(root, table) / "**" / "*.parquet")


def is_corpus(root: Path) -> bool:
    root = Path(root)
    return (root / SHARDS_DIR).is_dir() or any(table_dir(root, t).is_dir() for t in TABLES)


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}{TEMP_SUFFIX}")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def write_table(root: Path, table: str, name: str, data: pa.Table) -> list[Path]:
    """Write `data` (with its partition column) as one file per month; returns the paths."""
    written: list[Path] = []
    if data.num_rows == 0:
        return written
    months = sorted(data[PARTITION].unique().to_pylist())
    body_columns = [c for c in data.column_names if c != PARTITION]
    for month in months:
        # pc.equal, called by name: pyarrow generates it at import, so type checkers miss it.
        in_month = pc.call_function("equal", [data[PARTITION], month])
        part = data.filter(in_month).select(body_columns)
        folder = table_dir(root, table) / f"{PARTITION}={month}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.parquet"
        tmp = folder / f".{name}.parquet{TEMP_SUFFIX}"
        pq.write_table(
            part.cast(TABLES[table]),
            tmp,
            compression=COMPRESSION,
            row_group_size=ROW_GROUP_SIZE,
        )
        os.replace(tmp, path)
        written.append(path)
    return written


def write_shard(root: Path, shard_id: str, tables: dict[str, pa.Table], facts: dict) -> None:
    """All tables of one shard, then its finished mark (last, so a kill never marks a
    shard whose files are not all there)."""
    for table, data in tables.items():
        write_table(root, table, f"part-{shard_id}", data)
    marks = Path(root) / SHARDS_DIR
    marks.mkdir(parents=True, exist_ok=True)
    _atomic_write_bytes(
        marks / f"{shard_id}.json", json.dumps(facts, sort_keys=True).encode("utf-8")
    )


def finished_shards(root: Path) -> set[str]:
    marks = Path(root) / SHARDS_DIR
    return {p.stem for p in marks.glob("*.json")} if marks.is_dir() else set()


def _shard_of(path: Path) -> str:
    return path.stem.removeprefix("part-")


def stored_hashes(root: Path) -> set[str]:
    """Content hashes of the articles stored by finished shards."""
    done = finished_shards(root)
    hashes: set[str] = set()
    for path in table_files(root, "articles"):
        if _shard_of(path) in done:
            column = pq.read_table(path, columns=["content_hash"]).column("content_hash")
            hashes.update(column.to_pylist())
    return hashes


def remove_unfinished(root: Path) -> int:
    """Delete what a killed run left: temporary files and the files of unmarked shards
    (their shard is analysed again), so the folder holds exactly the finished shards."""
    done = finished_shards(root)
    count = 0
    for path in Path(root).rglob(f".*{TEMP_SUFFIX}"):
        path.unlink(missing_ok=True)
        count += 1
    for table in TABLES:
        for path in table_files(root, table):
            if _shard_of(path) not in done:
                path.unlink(missing_ok=True)
                count += 1
    return count


def write_run(root: Path, facts: dict[str, Any]) -> Path:
    """The facts of one run (timings, hosts, engine) as DIR/runs/<UTC time>-<host>-<pid>.json."""
    folder = Path(root) / RUNS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
    path = folder / f"{stamp}-{socket.gethostname()}-{os.getpid()}.json"
    _atomic_write_bytes(path, json.dumps(facts, indent=1, sort_keys=True).encode("utf-8"))
    return path


def read_runs(root: Path) -> list[dict[str, Any]]:
    folder = Path(root) / RUNS_DIR
    runs = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            runs.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError):
            continue
    return runs


def read_table(root: Path, table: str) -> pa.Table:
    """A whole table (without the partition column), rows in `ROW_KEYS` order: the same
    for any build of the same input, whatever the engine or shard order."""
    from newslens.corpus.schema import ROW_KEYS

    files = table_files(root, table)
    data = (
        pa.concat_tables([pq.read_table(f).cast(TABLES[table]) for f in files])
        if files
        else TABLES[table].empty_table()
    )
    return data.sort_by([(key, "ascending") for key in ROW_KEYS[table]])
