"""The answer types a question can have, their fixed options, and how answers are checked.

Framework-free: labels and messages are plain English marked with `N_` for extraction; the
web layer translates them with gettext when it shows them.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


class AnswerType(enum.StrEnum):
    LONG_TEXT = "long_text"
    SHORT_TEXT = "short_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"
    GENDER = "gender"
    AGE_BAND = "age_band"
    AREA = "area"
    TIME_OF_DAY = "time_of_day"


ANSWER_TYPE_LABELS: dict[str, str] = {
    AnswerType.LONG_TEXT: N_("Long free text"),
    AnswerType.SHORT_TEXT: N_("Short text"),
    AnswerType.SINGLE_CHOICE: N_("Single choice"),
    AnswerType.MULTIPLE_CHOICE: N_("Multiple choice"),
    AnswerType.SCALE: N_("Scale"),
    AnswerType.GENDER: N_("Gender"),
    AnswerType.AGE_BAND: N_("Age band"),
    AnswerType.AREA: N_("Area"),
    AnswerType.TIME_OF_DAY: N_("Time of day"),
}

TEXT_TYPES = frozenset({AnswerType.LONG_TEXT, AnswerType.SHORT_TEXT})
MULTI_TYPES = frozenset({AnswerType.MULTIPLE_CHOICE})
STORED_OPTION_TYPES = frozenset(
    {AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE, AnswerType.SCALE}
)
MAX_LENGTH = {AnswerType.LONG_TEXT: 5000, AnswerType.SHORT_TEXT: 200}

DONT_KNOW = "dont_know"
DONT_KNOW_LABEL = N_("Don't know")

# Fixed option sets, identical in every dialogue so answers can be compared across them.
FIXED_OPTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    AnswerType.GENDER: (
        ("woman", N_("Woman")),
        ("man", N_("Man")),
        ("other", N_("Another gender")),
        ("prefer_not", N_("Prefer not to say")),
    ),
    AnswerType.AGE_BAND: (
        ("u16", N_("Under 16")),
        ("16-24", N_("16–24")),
        ("25-44", N_("25–44")),
        ("45-64", N_("45–64")),
        ("65+", N_("65 or older")),
    ),
    AnswerType.TIME_OF_DAY: (
        # Clock hours in the label: "evening" is late afternoon in some languages and night in
        # others, and an answer in the wrong band cannot be compared.
        ("morning", N_("Morning (06–10)")),
        ("daytime", N_("Daytime (10–18)")),
        ("evening", N_("Evening (18–22)")),
        ("night", N_("Night (22–06)")),
        ("no_particular", N_("No particular time")),
    ),
}

# Characters a browser never sends for typed text; tab, line feed and carriage return are fine.
_ALLOWED_CONTROLS = {"\t", "\n", "\r"}
_NONCHARACTERS = {"\ufffe", "\uffff"}


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    translate: bool = False  # True when `label` is an interface string for gettext
    lang: str = ""  # the language `label` is written in, when it is stored text


@dataclass(frozen=True)
class QuestionSpec:
    """What validation needs to know of a question, independent of storage."""

    name: str
    answer_type: str
    required: bool
    options: Sequence[Option] = ()


@dataclass(frozen=True)
class FieldError:
    message: str  # English, marked with N_, translated by the caller
    params: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class AnswerValue:
    text: str | None = None
    choices: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.text and not self.choices


def fixed_options(answer_type: str) -> list[Option]:
    return [Option(k, label, translate=True) for k, label in FIXED_OPTIONS.get(answer_type, ())]


def has_bad_characters(text: str) -> bool:
    """Control characters (but tab and line breaks), lone surrogates, U+FFFE and U+FFFF.

    Nobody types them; PostgreSQL refuses NUL and XML (the Atom feeds) refuses all of them.
    """
    return any(
        (unicodedata.category(ch) in {"Cc", "Cs"} and ch not in _ALLOWED_CONTROLS)
        or ch in _NONCHARACTERS
        for ch in text
    )


def check_answer(spec: QuestionSpec, raw: Sequence[str]) -> tuple[AnswerValue, FieldError | None]:
    """Turn the submitted strings for one question into a value, or say what is wrong.

    The value is returned even when there is an error, so the form can show it again.
    """
    if spec.answer_type in TEXT_TYPES:
        text = raw[0] if raw else ""
        value = AnswerValue(text=text if text.strip() else None)
        limit = MAX_LENGTH[AnswerType(spec.answer_type)]
        if spec.required and value.empty:
            return value, FieldError(N_("Please answer this question."))
        if len(text) > limit:
            return AnswerValue(text=text), FieldError(
                N_("Please shorten your answer to at most %(limit)d characters (now %(length)d)."),
                {"limit": limit, "length": len(text)},
            )
        if has_bad_characters(text):
            return AnswerValue(text=text), FieldError(
                N_("Your answer contains invisible control characters. Please remove them.")
            )
        return value, None

    chosen = tuple(dict.fromkeys(v for v in raw if v))
    value = AnswerValue(choices=chosen)
    allowed = {o.key for o in spec.options}
    if any(c not in allowed for c in chosen):
        return AnswerValue(choices=tuple(c for c in chosen if c in allowed)), FieldError(
            N_("Please choose among the options shown.")
        )
    if spec.answer_type not in MULTI_TYPES and len(chosen) > 1:
        return AnswerValue(choices=chosen[:1]), FieldError(N_("Please choose only one option."))
    if spec.required and not chosen:
        return value, FieldError(N_("Please answer this question."))
    return value, None


def check_answers(
    specs: Sequence[QuestionSpec], form: Mapping[str, Sequence[str]]
) -> tuple[dict[str, AnswerValue], dict[str, FieldError]]:
    """Check a whole submission; returns every value and the errors by question name."""
    values: dict[str, AnswerValue] = {}
    errors: dict[str, FieldError] = {}
    for spec in specs:
        value, error = check_answer(spec, list(form.get(spec.name, ())))
        values[spec.name] = value
        if error is not None:
            errors[spec.name] = error
    return values, errors
