"""Vetted, non-leading questions staff can copy into a citizen-dialogue questionnaire.

The method support asks for open questions about what residents experience in their
neighbourhood, not about how they want the police to work. Writing such questions well is
hard, so the library gives staff a tested starting point in plain language (many residents
read Swedish as a second language). Every question text passes `surveys.leading`.

The questions themselves are data, in `surveys/data/templates.toml`; this module loads them
into frozen `QuestionTemplate` objects and checks them when it is imported. Texts are keyed by
language code. Swedish and English are required; more languages are added as extra keys, and
anything missing falls back to Swedish.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from surveys.checks_common import FALLBACK_LANGUAGE, localised
from surveys.languages import LANGUAGES, REQUIRED_LANGUAGES
from surveys.questions import N_, AnswerType

__all__ = [
    "ANSWER_TYPES",
    "ENGINE_OPTION_TYPES",
    "LANGUAGES",
    "PURPOSES",
    "PURPOSE_LABELS",
    "REQUIRED_LANGUAGES",
    "SCALES",
    "TEMPLATES",
    "QuestionTemplate",
    "get_template",
    "localise",
    "templates_for",
]

ANSWER_TYPES: tuple[str, ...] = tuple(t.value for t in AnswerType)
# The questionnaire engine supplies these options itself, so templates give none.
ENGINE_OPTION_TYPES = frozenset({"gender", "age_band", "area", "time_of_day"})
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "scale"})

# What each group of templates is for, in library order (the labels are translated where shown).
PURPOSE_LABELS: dict[str, str] = {
    "problems": N_("Problems experienced in the area"),
    "where_when": N_("Where and when"),
    "who_affected": N_("Who is affected"),
    "safety": N_("Feeling of safety"),
    "places_avoided": N_("Places avoided"),
    "works_well": N_("What works well"),
    "residents_can_do": N_("What residents themselves could do"),
    "changes_noticed": N_("Changes noticed (follow-up)"),
    "anything_else": N_("Anything else"),
    "demographic": N_("About the respondent"),
}
PURPOSES: tuple[str, ...] = tuple(PURPOSE_LABELS)


@dataclass(frozen=True)
class QuestionTemplate:
    """One vetted question; `note` tells staff why its wording does not steer the answer."""

    id: str
    purpose: str
    answer_type: str
    text: Mapping[str, str]
    help: Mapping[str, str]
    options: tuple[Mapping[str, str], ...]
    note: Mapping[str, str]
    required: bool = False

    def localised(self, lang: str) -> dict[str, Any]:
        """Plain data in one language (Swedish where a translation is missing)."""
        return {
            "id": self.id,
            "purpose": self.purpose,
            "answer_type": self.answer_type,
            "text": localised(self.text, lang),
            "help": localised(self.help, lang) if self.help else "",
            "options": [localised(option, lang) for option in self.options],
            "note": localised(self.note, lang),
            "required": self.required,
        }


def localise(template: QuestionTemplate, lang: str) -> dict[str, Any]:
    """Module-level form of `QuestionTemplate.localised`, for callers that map over a list."""
    return template.localised(lang)


def _texts(value: Any, shared: Mapping[str, Any], where: str) -> dict[str, str]:
    """A text by language, written out or as "@name" of a shared one."""
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in shared:
            raise ValueError(f"{where}: no shared text {value}")
        value = shared[value[1:]]
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ValueError(f"{where}: a text must map language codes to strings")
    unknown = sorted(set(value) - set(LANGUAGES))
    if unknown:
        raise ValueError(f"{where}: unknown language code(s): {', '.join(unknown)}")
    return dict(value)


def _options(value: Any, scales: Mapping[str, Any], where: str) -> tuple[dict[str, str], ...]:
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in scales:
            raise ValueError(f"{where}: no shared scale {value}")
        value = scales[value[1:]]
    return tuple(_texts(option, {}, where) for option in value)


def _load() -> tuple[dict[str, tuple[dict[str, str], ...]], tuple[QuestionTemplate, ...]]:
    with resources.files("surveys").joinpath("data/templates.toml").open("rb") as source:
        data = tomllib.load(source)
    shared, scales = data.get("texts", {}), data.get("scales", {})
    loaded_scales = {name: _options(steps, {}, f"scale {name}") for name, steps in scales.items()}
    templates = []
    for entry in data["templates"]:
        where = f"template {entry.get('id', '?')}"
        unknown = sorted(set(entry) - {"id", "purpose", "answer_type", "required", "text",
                                       "help", "options", "note"})
        if unknown:
            raise ValueError(f"{where}: unknown field(s) {', '.join(unknown)}")
        templates.append(QuestionTemplate(
            id=entry["id"],
            purpose=entry["purpose"],
            answer_type=entry["answer_type"],
            text=_texts(entry["text"], shared, where),
            help=_texts(entry["help"], shared, where) if "help" in entry else {},
            options=_options(entry.get("options", ()), scales, where),
            note=_texts(entry["note"], shared, where),
            required=bool(entry.get("required", False)),
        ))
    return loaded_scales, tuple(templates)


# Shared answer scales by name ("safety": very safe .. very unsafe), as the templates use them.
SCALES, TEMPLATES = _load()


_BY_ID: dict[str, QuestionTemplate] = {t.id: t for t in TEMPLATES}


def get_template(template_id: str) -> QuestionTemplate:
    """The template with this id; KeyError if there is none."""
    return _BY_ID[template_id]


def templates_for(purpose: str | None = None) -> list[QuestionTemplate]:
    """Templates for one purpose (all when None), in library order; unknown purpose: KeyError."""
    if purpose is None:
        return list(TEMPLATES)
    if purpose not in PURPOSES:
        raise KeyError(purpose)
    return [t for t in TEMPLATES if t.purpose == purpose]


def _validate() -> None:
    """Fail at import if the library is malformed, so a bad edit never reaches residents."""
    if FALLBACK_LANGUAGE not in REQUIRED_LANGUAGES:
        raise ValueError("the fallback language must be a required one")
    if len(_BY_ID) != len(TEMPLATES):
        raise ValueError("duplicate template id")
    for t in TEMPLATES:
        if t.purpose not in PURPOSES or t.answer_type not in ANSWER_TYPES:
            raise ValueError(f"{t.id}: unknown purpose or answer type")
        texts = [t.text, t.note, *t.options] + ([t.help] if t.help else [])
        if any(not all(m.get(lang) for lang in REQUIRED_LANGUAGES) for m in texts):
            raise ValueError(f"{t.id}: missing sv or en text")
        if (t.answer_type in CHOICE_TYPES) != bool(t.options):
            raise ValueError(f"{t.id}: options do not fit answer type {t.answer_type}")


_validate()
