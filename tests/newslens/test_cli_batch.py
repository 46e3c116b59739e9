"""One bad record never costs another: each hostile line of a JSONL batch gets its own
one-line error naming its line and id, every good record is still answered, and the run
ends non-zero with a count. The same for --save and target-sentiment."""

from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys

from newslens.library import Library
from tests.conftest import ROOT, SEED

GOOD = "Angela Merkel said on Monday that the talks in Berlin went well."
RELATIVE = "Yesterday the mayor said the bridge will reopen tomorrow and next year."


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "newslens", *args],
        cwd=ROOT,
        capture_output=True,
        input=stdin,
        timeout=300,
    )
    proc.stdout = proc.stdout.decode("utf-8")
    proc.stderr = proc.stderr.decode("utf-8")
    return proc


def line(**record: object) -> bytes:
    return json.dumps(record).encode("utf-8")


def hostile_batch() -> tuple[bytes, list[str], dict[int, str]]:
    """The batch of issue 15 item 3: (file bytes, ids that must be answered, expected error
    fragment by line number)."""
    lines = [
        codecs.BOM_UTF8 + line(id="first", text=GOOD),  # a BOM must not lose this record
        b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"id": "big", "text": "x", "n": ' + b"7" * 5_000 + b"}",
        b'{"id": "latin1", "text": "caf\xe9 society"}',
        line(id="dawn", text=RELATIVE, published="0001-01-01"),
        line(id="doom", text=RELATIVE + " Really.", published="9999-12-31"),
        line(id="surrogate", text="Bad \ud800 text"),  # json.dumps writes "\ud800"
        line(id="empty", text="   "),
        # Metadata that is not a string is left out; the text is still analysed.
        line(id="titled", text=GOOD + " Again.", title={"not": "a string"}, source=["a", "b"]),
        line(id="last", text=GOOD + " Still."),
    ]
    errors = {
        2: "nested too deeply",
        3: "digit",
        4: "not UTF-8",
        7: "not valid Unicode",
        8: "empty",
    }
    return b"\n".join(lines) + b"\n", ["first", "dawn", "doom", "titled", "last"], errors


def check_errors(stderr: str, path: str, errors: dict[int, str], total: int) -> None:
    *lines, count = stderr.strip().splitlines()
    assert "Traceback" not in stderr
    assert len(lines) == len(errors), stderr
    # Lines unfit to read are named as they are read, records unfit to analyse after.
    by_line = {}
    for message in lines:
        assert message.startswith(f"newslens: error: {path}:"), message
        by_line[int(re.match(r"\d+", message[len(f"newslens: error: {path}:") :])[0])] = message
    assert sorted(by_line) == sorted(errors), stderr
    for lineno, fragment in errors.items():
        assert fragment in by_line[lineno], by_line[lineno]
    assert count == (
        f"newslens: error: {len(errors)} of {total} inputs failed (each is named above); "
        "the others were handled"
    )


def test_hostile_jsonl_batch_loses_no_good_record(tmp_path):
    data, answered, errors = hostile_batch()
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    proc = run_cli("analyze", "--jsonl", str(path))
    assert proc.returncode == 1
    out = [json.loads(row) for row in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == answered
    check_errors(proc.stderr, str(path), errors, total=10)
    # The ids are named where the line has one.
    assert f'{path}:8 (id "empty"): ' in proc.stderr
    # Dates past the calendar's ends resolve to nothing rather than raising.
    dawn = next(o for o in out if o["id"] == "dawn")
    assert dawn["meta"]["published"] == "0001-01-01"
    assert any(t["value"] is None for t in dawn["timexes"])


def test_hostile_batch_with_save_saves_every_good_record(tmp_path):
    data, answered, errors = hostile_batch()
    path = tmp_path / "in.jsonl"
    path.write_bytes(data)
    db = tmp_path / "library.sqlite3"
    proc = run_cli("analyze", "--jsonl", str(path), "--save", "--library", str(db))
    assert proc.returncode == 1
    assert proc.stdout == ""
    # The progress bar shares stderr: keep the error lines only.
    stderr = "\n".join(re.findall(r"newslens: error: [^\r\n]*", proc.stderr))
    check_errors(stderr, str(path), errors, total=10)
    assert sorted(e.doc_id for e in Library(db).list()) == sorted(answered)


def test_published_at_the_ends_of_the_calendar_keeps_every_file(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text(RELATIVE + "\n", encoding="utf-8")
    for published in ("0001-01-01", "9999-12-31"):
        proc = run_cli("analyze", str(SEED), str(other), "--published", published)
        assert proc.returncode == 0, proc.stderr
        assert len(proc.stdout.splitlines()) == 2


def test_bad_published_is_one_line_not_a_usage_block():
    proc = run_cli("analyze", str(SEED), "--published", "20-05-2025")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1, proc.stderr
    assert proc.stderr.startswith("newslens: error: argument --published: not a date")
    assert "usage:" not in proc.stderr


def test_target_sentiment_survives_a_lone_surrogate_and_a_bom(tmp_path):
    sentence = "Trump is good, but Putin is bad."
    start = sentence.index("Putin")
    rows = [
        codecs.BOM_UTF8 + line(id="a", text=sentence, start=0, end=5),
        line(id="s", text="Bad \ud800 Putin", start=7, end=12),
        b'{"id": "deep", "text": ' + b"[" * 50_000 + b"}",
        line(id="b", text=sentence, start=start, end=start + 5),
    ]
    path = tmp_path / "ts.jsonl"
    path.write_bytes(b"\n".join(rows) + b"\n")
    proc = run_cli("target-sentiment", "--jsonl", str(path))
    assert proc.returncode == 1
    assert [json.loads(r)["id"] for r in proc.stdout.splitlines()] == ["a", "b"]
    *errors, count = proc.stderr.strip().splitlines()
    assert errors[0].startswith(f'newslens: error: {path}:2 (id "s"): ')
    assert "not valid Unicode" in errors[0]
    assert errors[1].startswith(f"newslens: error: {path}:3: ") and "nested" in errors[1]
    assert count.startswith("newslens: error: 2 of 4 input lines failed")
