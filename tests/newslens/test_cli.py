"""The CLI contract: one JSON object per article per line, errors on one line."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, SEED


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newslens", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
    )


def test_analyze_file_prints_contract_keys():
    proc = run_cli("analyze", str(SEED), "--published", "2025-05-20")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    for key in (
        "id",
        "text",
        "meta",
        "entities",
        "entity_clusters",
        "quotes",
        "timexes",
        "events",
        "stance",
    ):
        assert key in record
    assert record["id"] == SEED.name
    assert record["meta"]["published"] == "2025-05-20"
    for ent in record["entities"]:
        assert record["text"][ent["start"] : ent["end"]] == ent["text"]


def test_bad_file_is_one_line_error_and_others_still_analysed(tmp_path):
    bad = tmp_path / "image.png"
    bad.write_bytes(b"\x89PNG\r\n")
    proc = run_cli("analyze", str(bad), str(SEED))
    assert proc.returncode != 0
    error, count = proc.stderr.strip().splitlines()  # the bad file, then the count
    assert "image.png" in error
    assert count.startswith("newslens: error: 1 of 2 inputs failed")
    assert len(proc.stdout.strip().splitlines()) == 1


def test_jsonl_offsets_index_into_input_text():
    text = "  “Hello,” said  Angela Merkel in Berlin.\r\n"
    line = json.dumps({"id": "x1", "text": text, "extra": 1})
    proc = run_cli("analyze", "--jsonl", "-", stdin=line + "\n")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["id"] == "x1"
    assert record["text"] == text
    assert any(text[e["start"] : e["end"]] == "Angela Merkel" for e in record["entities"])
