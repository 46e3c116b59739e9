"""newslens makes no network call at run time: a fresh process with every socket connection
and name lookup blocked loads the models, analyses an article (every stage) and makes the
data exports and the report."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "sample_articles" / "russia-ukraine-diplomacy.txt"

BLOCK_SOCKETS = textwrap.dedent(
    """
    import socket

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:200])
        raise OSError("network access is blocked in this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.socket.sendto = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    socket.gethostbyname = refuse
    """
)


def test_analysis_and_exports_with_sockets_blocked(tmp_path):
    script = BLOCK_SOCKETS + textwrap.dedent(
        f"""
        import json
        from pathlib import Path

        from newslens import export
        from newslens.ingest import load_path
        from newslens.pipeline import analyze_text

        article = load_path({str(SEED)!r})
        article.meta.published = "2025-05-20"
        analysis = analyze_text(article.text, doc_id="seed", meta=article.meta)
        out = Path({str(tmp_path)!r})
        (out / "data.zip").write_bytes(export.data_zip(analysis))
        (out / "report.html").write_text(export.report_html(analysis, figures={{}}))
        print(json.dumps({{
            "attempts": attempts,
            "entities": len(analysis.entities),
            "stages": sorted(analysis.timings),
        }}))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "HF_HUB_OFFLINE": "1"},
    )
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["attempts"] == []
    assert result["entities"] > 0
    assert {"parse", "entities", "quotes", "timexes", "events", "stance"} <= set(result["stages"])
    assert (tmp_path / "report.html").stat().st_size > 0


def test_blocking_really_blocks(monkeypatch):
    # The guard used above must itself work, or the test above could not fail.
    namespace: dict = {}
    monkeypatch.setattr(socket.socket, "connect", socket.socket.connect)
    monkeypatch.setattr(socket, "create_connection", socket.create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", socket.getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect_ex", socket.socket.connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", socket.socket.sendto)
    monkeypatch.setattr(socket, "gethostbyname", socket.gethostbyname)
    exec(BLOCK_SOCKETS, namespace)
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("127.0.0.1", 9))
    with socket.socket() as sock, pytest.raises(OSError, match="blocked"):
        sock.connect(("127.0.0.1", 9))
    assert len(namespace["attempts"]) == 2


def test_in_process_analysis_with_connect_blocked(nlp, monkeypatch):
    from newslens.pipeline import analyze_text

    def refuse(*args, **kwargs):
        raise AssertionError(f"network call: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    analysis = analyze_text(
        "Angela Merkel told reporters in Berlin on Monday that “talks will go on.”", nlp=nlp
    )
    assert analysis.entities
