"""The publication date and where it came from (`Meta.published_source`): the text first
(dateline, "Published …", "Updated …"), then the HTML page's metadata, then the file's
creation time unless that is python-docx's template date or the moment the file was read."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslens.ingest import file_date, load_bytes, text_date
from tests.files import make_docx, make_pdf

ROOT = Path(__file__).resolve().parents[2]
BODY = "Angela Merkel met Emmanuel Macron in Geneva on Tuesday."


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (
            "By Jane Doe | Published 8 October 2016, 10:15 BST | Updated 9 October 2016",
            "2016-10-08",
        ),
        ("Updated: Oct. 9, 2016 at 10:15", "2016-10-09"),
        ("Posted on 2016-10-08", "2016-10-08"),
        ("Last updated 9 Oct 2016 · First published Sept. 30th, 2016", "2016-09-30"),
        ("WASHINGTON, March 28, 2006 (Reuters) - The Senate voted on Tuesday.", "2006-03-28"),
        ("May 2025 was the hottest month on record.", None),
        ("The report was published in 2016 by the council.", None),
    ],
)
def test_the_date_the_text_states_near_its_top(top, expected):
    assert text_date(f"Leaders meet in Geneva\n{top}\n{BODY}") == expected


def test_file_dates_that_say_nothing_about_the_article_are_ignored():
    now = dt.datetime(2026, 1, 2, 12, 0, tzinfo=dt.UTC)
    assert file_date(dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC), now=now) is None
    assert file_date(now - dt.timedelta(minutes=3), now=now) is None
    assert file_date(now - dt.timedelta(days=3), now=now) == "2025-12-30"
    assert file_date(None) is None


def test_each_source_is_named():
    html = (
        "<html><head><title>T</title><meta property='article:published_time' "
        f"content='2024-03-05T09:00:00Z'></head><body><article><p>{BODY}</p>"
        "<p>They discussed trade with the European Union.</p></article></body></html>"
    ).encode()
    assert (load_bytes(html, "a.html").meta.published_source) == "html"
    dated = load_bytes(f"Title\nPublished 8 October 2016\n{BODY}".encode(), "a.txt").meta
    assert (dated.published, dated.published_source) == ("2016-10-08", "text")
    old = make_docx([BODY], created=dt.datetime(2016, 10, 8, 9, 0))
    assert load_bytes(old, "a.docx").meta.published_source == "file"
    template = load_bytes(make_docx([BODY]), "b.docx").meta
    assert (template.published, template.published_source) == (None, None)
    pdf = load_bytes(make_pdf([BODY], created="D:20161008093000+00'00'"), "a.pdf").meta
    assert (pdf.published, pdf.published_source) == ("2016-10-08", "file")


def test_cli_meta_has_published_source(tmp_path):
    dated = tmp_path / "dated.txt"
    dated.write_text(f"Title\nPublished 8 October 2016\n{BODY}\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(f"Title\n{BODY}\n", encoding="utf-8")
    run = [sys.executable, "-m", "newslens", "analyze"]
    out = subprocess.run(
        [*run, str(dated), str(plain)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    metas = {json.loads(line)["id"]: json.loads(line)["meta"] for line in out.stdout.splitlines()}
    assert metas["dated.txt"]["published_source"] == "text"
    assert metas["plain.txt"]["published_source"] is None
    out = subprocess.run(
        [*run, str(dated), "--published", "2016-10-09"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    meta = json.loads(out.stdout)["meta"]
    assert (meta["published"], meta["published_source"]) == ("2016-10-09", "user")
