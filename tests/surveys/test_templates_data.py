"""The question templates are data (surveys/data/templates.toml), checked when loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys import templates
from surveys.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]


def test_a_text_in_an_unknown_language_or_an_unknown_reference_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        templates._texts({"sv": "Hej", "en": "Hi", "xx": "?"}, {}, "test")
    with pytest.raises(ValueError, match="no shared text"):
        templates._texts("@nowhere", {}, "test")
    with pytest.raises(ValueError, match="no shared scale"):
        templates._options("@nowhere", {}, "test")
    assert templates._texts("@hi", {"hi": {"sv": "Hej", "en": "Hi"}}, "test") == {
        "sv": "Hej", "en": "Hi"}


def test_shared_texts_are_resolved_into_the_templates() -> None:
    safety = [t for t in templates.TEMPLATES if t.options == templates.SCALES["safety"]]
    assert safety, "some template uses the shared safety scale"
    assert all(set(step) == set(LANGUAGES) for step in templates.SCALES["safety"])
    assert not any(isinstance(t.note, str) or isinstance(t.help, str) for t in templates.TEMPLATES)


def test_the_safety_scale_is_written_once() -> None:
    """The demo uses the templates' scale instead of a copy that could drift."""
    holders = [p.relative_to(ROOT).as_posix() for pattern in ("*.py", "*.toml")
               for folder in ("dialog", "surveys") for p in (ROOT / folder).rglob(pattern)
               if "Mycket otrygg" in p.read_text(encoding="utf-8")]
    assert holders == ["surveys/data/templates.toml"]


def test_one_list_of_languages_answer_types_and_purposes() -> None:
    from dialog import i18n
    from surveys.questions import AnswerType

    assert i18n.LANGUAGES is LANGUAGES is templates.LANGUAGES
    assert tuple(AnswerType) == templates.ANSWER_TYPES
    assert tuple(templates.PURPOSE_LABELS) == templates.PURPOSES
    assert {t.purpose for t in templates.TEMPLATES} <= set(templates.PURPOSES)
