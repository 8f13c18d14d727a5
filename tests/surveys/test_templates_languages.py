"""The question library in every interface language: complete, in the right script, and with
the same shape (question or statement, numbers, placeholders, quoted answers) as the Swedish."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from surveys.templates import LANGUAGES, TEMPLATES, QuestionTemplate

ROOT = Path(__file__).resolve().parents[2]
IDS = [t.id for t in TEMPLATES]
OTHER_LANGUAGES = [lang for lang in LANGUAGES if lang not in ("sv", "en")]

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
ETHIOPIC_SCRIPT = re.compile(r"[\u1200-\u137F]")
SCRIPT = {"ar": ARABIC_SCRIPT, "fa": ARABIC_SCRIPT, "ti": ETHIOPIC_SCRIPT}
QUESTION_MARKS = "?؟፧"
FULL_STOPS = ".።"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(?\w*\)?[sd]")
NUMBER = re.compile(r"\d+")
QUOTED = re.compile(r"[«“”\"]([^«»“”\"]+)[»”\"]")


def texts(template: QuestionTemplate) -> Iterator[tuple[str, Mapping[str, str]]]:
    """Every translatable text of a template, named for assertion messages."""
    yield "text", template.text
    if template.help.get("sv"):
        yield "help", template.help
    yield "note", template.note
    for i, option in enumerate(template.options):
        yield f"option {i}", option


def ending(text: str) -> str:
    last = text.rstrip()[-1]
    if last in QUESTION_MARKS:
        return "question"
    if last in FULL_STOPS:
        return "statement"
    return "label"


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_exists_in_every_language(template: QuestionTemplate, lang: str) -> None:
    for name, by_lang in texts(template):
        value = by_lang.get(lang, "")
        assert value.strip(), f"{template.id}: {name} has no {lang} text"
        assert value == value.strip(), f"{template.id}: {name} [{lang}] has stray spaces"
    if not template.help.get("sv"):
        assert not template.help, f"{template.id}: help without Swedish"


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
@pytest.mark.parametrize("lang", OTHER_LANGUAGES)
def test_translations_are_real_and_in_the_right_script(
    template: QuestionTemplate, lang: str
) -> None:
    for name, by_lang in texts(template):
        value = by_lang[lang]
        where = f"{template.id}: {name} [{lang}] {value!r}"
        if lang in SCRIPT:
            assert SCRIPT[lang].search(value), where
        else:
            assert not ARABIC_SCRIPT.search(value) and not ETHIOPIC_SCRIPT.search(value), where
        if lang != "fi" or len(value) > 3:  # short Finnish labels may coincide, e.g. "Ei"
            assert value not in (by_lang["sv"], by_lang["en"]), f"{where}: not translated"
    assert template.text["ar"] != template.text["fa"]


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_the_format_of_the_swedish(template: QuestionTemplate, lang: str) -> None:
    for name, by_lang in texts(template):
        source, value = by_lang["sv"], by_lang[lang]
        where = f"{template.id}: {name} [{lang}] {value!r}"
        assert ending(value) == ending(source), where
        assert sorted(PLACEHOLDER.findall(value)) == sorted(PLACEHOLDER.findall(source)), where
        assert sorted(int(n) for n in NUMBER.findall(value)) == sorted(
            int(n) for n in NUMBER.findall(source)
        ), where
        assert source.count("?") == sum(value.count(mark) for mark in QUESTION_MARKS), where


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_notes_quote_the_answers_as_the_resident_sees_them(
    template: QuestionTemplate, lang: str
) -> None:
    quoted_sv = QUOTED.findall(template.note["sv"])
    quoted = QUOTED.findall(template.note[lang])
    for option in template.options:
        if option["sv"] in quoted_sv:
            assert option[lang] in quoted, f"{template.id} [{lang}]: quote {option[lang]!r}"


def test_a_text_without_a_translation_still_falls_back_to_swedish() -> None:
    base = TEMPLATES[0]
    swedish_only = QuestionTemplate(
        id=base.id,
        purpose=base.purpose,
        answer_type=base.answer_type,
        text={"sv": "Fråga?", "en": "Question?"},
        help={"sv": "Hjälp.", "en": "Help."},
        options=({"sv": "Ja", "en": "Yes"},),
        note={"sv": "Notering.", "en": "Note.", "so": "Qoraal."},
    )
    data = swedish_only.localised("so")
    assert (data["text"], data["help"], data["options"]) == ("Fråga?", "Hjälp.", ["Ja"])
    assert data["note"] == "Qoraal."


def test_cli_prints_the_library_in_somali() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "surveys", "templates", "--lang", "so"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [item["id"] for item in data] == IDS
    first = data[0]
    assert first["text"] == TEMPLATES[0].text["so"] != TEMPLATES[0].text["sv"]
    assert "xaafaddaada" in first["text"]
    assert first["note"] == TEMPLATES[0].note["so"]
    listed = next(item for item in data if item["options"])
    template = next(t for t in TEMPLATES if t.id == listed["id"])
    assert listed["options"] == [option["so"] for option in template.options]
