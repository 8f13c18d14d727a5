"""Forms staff use to describe a dialogue and to write their own questions."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, Regexp

from dialog import i18n
from dialog.dialogues.models import DialogueKind, Influence
from dialog.inputs import StaffForm
from surveys.questions import ANSWER_TYPE_LABELS

KIND_CHOICES = [
    SelectChoice(DialogueKind.OPEN.value, _l("Open: anyone with the link or QR code")),
    SelectChoice(DialogueKind.TARGETED.value, _l("Targeted: invited people with a code")),
    SelectChoice(DialogueKind.FOLLOW_UP.value, _l("Follow-up: asks again after activities")),
]
INFLUENCE_CHOICES = [
    SelectChoice(Influence.INFORM.value, _l("Inform")),
    SelectChoice(Influence.CONSULT.value, _l("Consult")),
    SelectChoice(Influence.INVOLVE.value, _l("Involve")),
    SelectChoice(Influence.CO_DECIDE.value, _l("Co-decide")),
]
FORM_CHOICES = [
    SelectChoice("digital_survey", _l("Digital survey")),
    SelectChoice("open_meeting", _l("Open meeting")),
    SelectChoice("targeted_meeting", _l("Targeted meeting")),
    SelectChoice("safety_walk", _l("Safety walk")),
    SelectChoice("interview", _l("Interview")),
    SelectChoice("focus_group", _l("Focus group")),
]
# Per-language text fields: (name, label, long)
TRANSLATED_FIELDS = (
    ("title", _l("Title"), False),
    ("purpose", _l("Purpose: why you ask and what the answers are used for"), True),
    ("target_group", _l("Target group"), False),
    ("place", _l("Place and time (for meetings and walks)"), False),
    ("next_steps", _l("Next steps and timeline, shown when someone has answered"), True),
)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def slug_field() -> StringField:
    """The short name in a public address (/sv/d/<slug>, /sv/promises/<slug>)."""
    return StringField(
        _l("Short name for the address (letters a–z, digits and hyphens)"),
        validators=[
            DataRequired(_l("Give a short name.")),
            Length(max=80),
            Regexp(r"^[a-z0-9]+(-[a-z0-9]+)*$",
                   message=_l("Use only lower-case letters a–z, digits and hyphens.")),
        ],
    )


class DialogueFormBase(StaffForm):
    kind = SelectField(_l("Kind of dialogue"), choices=KIND_CHOICES)
    slug = slug_field()
    source_language = SelectField(_l("Original language"))
    influence = SelectField(_l("What residents can influence"), choices=INFLUENCE_CHOICES)
    # Translators: the way a dialogue is held (survey, meeting, safety walk), not a web form.
    form_kind = SelectField(_l("Form"), choices=FORM_CHOICES)
    opens_on = DateField(_l("Opens on"), validators=[Optional()])
    closes_on = DateField(_l("Closes on"), validators=[Optional()])
    areas = TextAreaField(_l("Areas residents can choose, one per line"),
                          validators=[Length(max=5000)])
    organisers = MultiCheckboxField(_l("Organisers"), coerce=int)
    baseline = SelectField(_l("Baseline dialogue (for a follow-up)"), coerce=int,
                           validators=[Optional()])


def dialogue_form_class() -> type[DialogueFormBase]:
    """The dialogue form with one text field per language and translated field."""
    attrs: dict[str, Any] = {}
    for name, label, long in TRANSLATED_FIELDS:
        for code in i18n.LANGUAGES:
            field_label = _l("%(field)s (%(language)s)", field=label,
                             language=i18n.language(code).name)
            validators = [Length(max=5000 if long else 300)]
            attrs[f"{name}_{code}"] = (TextAreaField if long else StringField)(
                field_label, validators=validators)
    return type("DialogueForm", (DialogueFormBase,), attrs)


class QuestionForm(StaffForm):
    answer_type = SelectField(_l("Answer type"),
                              choices=[SelectChoice(k, _l(v))
                                       for k, v in ANSWER_TYPE_LABELS.items()])
    required = BooleanField(_l("An answer is required"))
    options = TextAreaField(
        _l("Options, one per line (choice and scale questions; for other languages write "
           "“sv text | en text”)"), validators=[Length(max=5000)])
    save_anyway = BooleanField(_l("Save even though the check found problems"))


def question_form_class() -> type[QuestionForm]:
    attrs: dict[str, Any] = {}
    for code in i18n.LANGUAGES:
        name = i18n.language(code).name
        attrs[f"text_{code}"] = TextAreaField(_l("Question (%(language)s)", language=name),
                                              validators=[Length(max=1000)])
        attrs[f"help_{code}"] = StringField(_l("Help text (%(language)s)", language=name),
                                            validators=[Length(max=500)])
    return type("CustomQuestionForm", (QuestionForm,), attrs)
