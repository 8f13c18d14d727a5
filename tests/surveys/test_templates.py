"""The question library: shape the questionnaire engine relies on, and every question clean."""

from __future__ import annotations

import pytest

from surveys.leading import check_question
from surveys.templates import (
    ANSWER_TYPES,
    ENGINE_OPTION_TYPES,
    PURPOSES,
    TEMPLATES,
    QuestionTemplate,
    get_template,
    templates_for,
)

IDS = [t.id for t in TEMPLATES]


def test_library_is_big_enough_and_covers_every_purpose() -> None:
    assert len(TEMPLATES) >= 25
    assert {t.purpose for t in TEMPLATES} == set(PURPOSES)


def test_ids_are_unique_slugs() -> None:
    assert len(set(IDS)) == len(IDS)
    for template_id in IDS:
        assert template_id == template_id.lower()
        assert " " not in template_id


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
def test_template_shape(template: QuestionTemplate) -> None:
    assert template.answer_type in ANSWER_TYPES
    assert template.text["sv"] and template.text["en"]
    assert template.note["sv"] and template.note["en"]
    for option in template.options:
        assert option["sv"] and option["en"]
    if template.answer_type in ENGINE_OPTION_TYPES or "text" in template.answer_type:
        assert template.options == ()
    else:
        assert len(template.options) >= 2


@pytest.mark.parametrize("template", TEMPLATES, ids=IDS)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_template_passes_the_leading_check_without_findings(
    template: QuestionTemplate, lang: str
) -> None:
    result = check_question(template.text[lang], lang)
    assert not result.leading
    assert result.findings == []


def test_scales_leave_dont_know_to_the_engine() -> None:
    for template in templates_for():
        if template.answer_type == "scale":
            assert 4 <= len(template.options) <= 5
            labels = {o["sv"].lower() for o in template.options}
            assert "vet inte" not in labels


def test_safety_scale_runs_from_safe_to_unsafe() -> None:
    labels = [o["sv"] for o in get_template("safety-evening-scale").options]
    assert labels[0] == "Mycket trygg"
    assert labels[-1] == "Mycket otrygg"


def test_follow_up_surveys_can_repeat_the_baseline_scale() -> None:
    baseline = get_template("safety-evening-scale")
    repeat = get_template("changes-safety-evening-repeat")
    assert repeat.purpose == "changes_noticed"
    assert repeat.text == baseline.text
    assert repeat.options == baseline.options


def test_get_template_unknown_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        get_template("no-such-question")


def test_templates_for_filters_by_purpose_in_order() -> None:
    safety = templates_for("safety")
    assert safety and all(t.purpose == "safety" for t in safety)
    assert [t.id for t in templates_for()] == IDS
    with pytest.raises(KeyError):
        templates_for("how-police-should-work")


def _only(base: QuestionTemplate, keep: set[str]) -> QuestionTemplate:
    """The template with only the languages in `keep`, as a newly written one would be."""
    return QuestionTemplate(
        id=base.id,
        purpose=base.purpose,
        answer_type=base.answer_type,
        text={k: v for k, v in base.text.items() if k in keep},
        help={k: v for k, v in base.help.items() if k in keep},
        options=tuple({k: v for k, v in o.items() if k in keep} for o in base.options),
        note={k: v for k, v in base.note.items() if k in keep},
    )


def test_missing_language_falls_back_to_swedish() -> None:
    data = _only(get_template("works-well-open"), {"sv", "en"}).localised("so")
    assert data["text"] == get_template("works-well-open").text["sv"]


def test_added_language_is_used_when_present() -> None:
    base = _only(get_template("works-well-open"), {"sv", "en"})
    extended = QuestionTemplate(
        id=base.id,
        purpose=base.purpose,
        answer_type=base.answer_type,
        text={**base.text, "fi": "Mikä toimii hyvin alueellasi?"},
        help=base.help,
        options=base.options,
        note=base.note,
    )
    assert extended.localised("fi")["text"] == "Mikä toimii hyvin alueellasi?"
    assert extended.localised("fi")["note"] == base.note["sv"]


def test_questions_ask_about_residents_not_police_methods() -> None:
    for template in TEMPLATES:
        assert "polis" not in template.text["sv"].lower()
        assert "police" not in template.text["en"].lower()
