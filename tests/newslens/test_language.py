"""The "newslens reads English" note: other languages and scripts get it, English news never
does (every sample article), and the CLI carries it in `warnings`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newslens.language import NOT_ENGLISH_NOTE, language_notes, looks_english
from tests.conftest import ROOT, SAMPLES

FOREIGN = {
    "german": "Der Bundeskanzler sagte am Montag in Berlin, dass die Regierung die Gespräche "
    "mit der Opposition fortsetzen werde. Die Verhandlungen seien schwierig, aber man sei auf "
    "einem guten Weg, sagte er vor Journalisten in der Hauptstadt.",
    "spanish": "El presidente del Gobierno dijo el lunes en Madrid que las conversaciones con "
    "la oposición continuarán. Las negociaciones son difíciles, pero estamos en buen camino, "
    "afirmó ante los periodistas en la sede del partido.",
    "chinese": "国家主席周一在北京表示，政府将继续与反对派进行会谈。谈判很艰难，但我们正走在正确的"
    "道路上，他对记者说。",
    "arabic": "قال الرئيس يوم الاثنين في القاهرة إن المحادثات مع المعارضة ستستمر. وأضاف أن "
    "المفاوضات صعبة لكننا على الطريق الصحيح.",
}


@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_other_languages_get_the_note(language):
    assert not looks_english(FOREIGN[language])
    assert language_notes(FOREIGN[language]) == [NOT_ENGLISH_NOTE]


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_english_news_never_gets_it(path):
    assert looks_english(path.read_text(encoding="utf-8"))


def test_short_text_is_not_judged():
    assert looks_english("Merkel.") and looks_english("北京")


def test_cli_carries_the_note():
    lines = [
        json.dumps({"id": "zh", "text": FOREIGN["chinese"]}),
        json.dumps({"id": "en", "text": (SAMPLES / "russia-ukraine-diplomacy.txt").read_text()}),
    ]
    proc = subprocess.run(
        [sys.executable, "-m", "newslens", "analyze", "--jsonl", "-"],
        cwd=ROOT,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    zh, en = (json.loads(row) for row in proc.stdout.splitlines())
    assert NOT_ENGLISH_NOTE in zh["warnings"]
    assert NOT_ENGLISH_NOTE not in en["warnings"]
