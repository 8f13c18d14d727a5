"""Forms staff use to write a promise, its activities and feedback updates.

Text fields edit one language at a time (the page's `?language=`); the view merges them into
the stored per-language texts, so translating never overwrites another language.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import (
    DateField,
    FieldList,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from dialog.dialogues.forms import MultiCheckboxField, slug_field
from dialog.inputs import StaffForm, SubForm
from dialog.promises.models import ACTIVITY_STATUS_LABELS, REASON_REQUIRED

MARKDOWN_HINT = _l("You can use simple formatting: **bold**, *italics*, lists with - and "
                   "links as [text](https://…).")


class GoalForm(SubForm):
    indicator = StringField(_l("What is measured"), validators=[Length(max=300)])
    baseline = StringField(_l("Starting point"), validators=[Length(max=300)])
    target = StringField(_l("Goal"), validators=[Length(max=300)])
    deadline = DateField(_l("Goal reached by"), validators=[Optional()])


class SignatoryForm(SubForm):
    name = StringField(_l("Name"), validators=[Length(max=200)])
    title = StringField(_l("Job title"), validators=[Length(max=200)])
    organisation = StringField(_l("Organisation"), validators=[Length(max=200)])
    signed_on = DateField(_l("Signed on"), validators=[Optional()])


class PromiseForm(StaffForm):
    slug = slug_field()
    registration_number = StringField(_l("Registration number (diarienummer)"),
                                      validators=[Length(max=60)])
    title = StringField(_l("Title"), validators=[Length(max=300)])
    police_area = SelectField(_l("Local police area"), coerce=int)
    municipality = SelectField(_l("Municipality"), coerce=int)
    partners = MultiCheckboxField(_l("Other partners"), coerce=int)
    starts_on = DateField(_l("Starts on"), validators=[Optional()])
    ends_on = DateField(_l("Ends on"), validators=[Optional()])
    introduction = TextAreaField(_l("Introduction: why we make this promise"),
                                 validators=[Length(max=10000)])
    situation_picture = TextAreaField(
        _l("The joint situation picture, in short, and how it was produced"),
        validators=[Length(max=10000)])
    dialogues = MultiCheckboxField(_l("Citizen dialogues the situation picture builds on"),
                                   coerce=int)
    focus_areas = MultiCheckboxField(_l("Focus areas this promise addresses"), coerce=int)
    how_to_follow = TextAreaField(_l("How residents can follow the work"),
                                  validators=[Length(max=5000)])
    goals = FieldList(FormField(GoalForm), min_entries=3, max_entries=10)
    signatories = FieldList(FormField(SignatoryForm), min_entries=4, max_entries=10)
    activity_plan = TextAreaField(_l("Activity plan with timeline"),
                                  validators=[Length(max=20000)])
    resource_plan = TextAreaField(_l("Resource plan"), validators=[Length(max=20000)])
    follow_up_plan = TextAreaField(_l("Follow-up plan"), validators=[Length(max=20000)])
    communication_plan = TextAreaField(_l("Communication plan"),
                                       validators=[Length(max=20000)])


class ActivityForm(StaffForm):
    title = StringField(_l("Title"), validators=[DataRequired(_l("Give the activity a title.")),
                                                 Length(max=300)])
    description = TextAreaField(_l("What will be done"), validators=[Length(max=5000)])
    responsible = SelectField(_l("Responsible organisation"), coerce=int)
    starts_on = DateField(_l("Planned start"), validators=[Optional()])
    ends_on = DateField(_l("Planned end"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=[
        SelectChoice(code.value, _l(label)) for code, label in ACTIVITY_STATUS_LABELS.items()])
    status_reason = TextAreaField(
        _l("Reason (required when the activity is delayed or cancelled; shown to residents)"),
        validators=[Length(max=2000)])
    production_goal = TextAreaField(_l("Production goal: what and how much, by when"),
                                    validators=[Length(max=1000)])
    focus_area = SelectField(_l("Focus area it serves"), coerce=int)

    def validate_status_reason(self, field: Any) -> None:
        if self.status.data in REASON_REQUIRED and not (field.data or "").strip():
            raise ValidationError(_l("Say why the activity is delayed or cancelled: residents "
                                     "are told the reason."))

    def validate_ends_on(self, field: Any) -> None:
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end is before the start."))


class UpdateForm(StaffForm):
    text = TextAreaField(_l("What has happened"),
                         validators=[DataRequired(_l("Write what has happened.")),
                                     Length(max=10000)])
    activity = SelectField(_l("About one activity (optional)"), coerce=int)
    published_on = DateField(_l("Date"), validators=[Optional()])


class CompleteForm(StaffForm):
    successor = SelectField(_l("Renewed by (leave empty if the promise is simply completed)"),
                            coerce=int)


def form_errors(form: Any) -> list[tuple[str, str, str]]:
    """(field id, label, first message) for every failing field, nested ones included."""
    found: list[tuple[str, str, str]] = []
    for item in form:
        if isinstance(item, FieldList):
            for entry in item:
                found += form_errors(entry.form)
        elif item.errors and not isinstance(item.errors, dict):
            found.append((item.id, str(item.label.text), str(item.errors[0])))
    return found


class FocusAreaForm(StaffForm):
    """A focus area's public texts in one language (shown on the promise pages)."""

    title = StringField(_l("Title"), validators=[Length(max=300)])
    description = TextAreaField(_l("Description for residents"), validators=[Length(max=2000)])
