"""`python -m surveys`: the JSON contracts other tools read, and clean errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from surveys.templates import TEMPLATES, QuestionTemplate

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "surveys", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_templates_in_english() -> None:
    done = run("templates", "--lang", "en")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data) == len(TEMPLATES)
    first = data[0]
    assert {"id", "text", "answer_type", "purpose", "options", "help", "note"} <= set(first)
    assert first["text"] == TEMPLATES[0].text["en"]


def test_templates_keep_swedish_letters_readable() -> None:
    done = run("templates", "--lang", "sv")
    assert done.returncode == 0
    assert "område" in done.stdout
    assert "\\u00" not in done.stdout


def test_templates_fall_back_to_swedish_for_untranslated_language() -> None:
    partial = QuestionTemplate(
        id="only-sv-en", purpose="anything_else", answer_type="long_text",
        text={"sv": "Vill du berätta något mer?", "en": "Anything else?"}, help={},
        options=(), note={"sv": "Öppen.", "en": "Open."})
    assert partial.localised("ti")["text"] == "Vill du berätta något mer?"
    assert partial.localised("en")["text"] == "Anything else?"


def test_templates_unknown_language_is_one_line_exit_2() -> None:
    done = run("templates", "--lang", "xx")
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_lint_leading_question() -> None:
    done = run("lint", "--lang", "sv", "Visst är det otryggt i parken?")
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert data["leading"] is True
    finding = data["findings"][0]
    assert {"rule", "message", "suggestion"} <= set(finding)
    assert "”" in done.stdout or "å" in done.stdout


def test_lint_neutral_question() -> None:
    done = run("lint", "--lang", "en", "How safe or unsafe do you feel in your area?")
    assert json.loads(done.stdout) == {"leading": False, "lang": "en", "findings": []}


def test_lint_auto_guesses_the_language() -> None:
    data = json.loads(run("lint", "--lang", "auto", "Don't you agree the park is bad?").stdout)
    assert data["leading"] is True
    assert data["lang"] == "en"


@pytest.mark.parametrize(
    "args",
    [
        ("lint", "--lang", "de", "Wie sicher fühlen Sie sich?"),
        ("lint", "--lang", "sv"),
        ("lint", "--lang", "sv", "   "),
        ("frobnicate",),
        (),
    ],
)
def test_bad_input_is_one_line_exit_2(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
