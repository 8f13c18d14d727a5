"""What the dialogue views share: loading a dialogue for staff, questions as the respondent
form shows them, and the links and QR codes that bring residents to a dialogue."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno
from flask import abort
from flask_babel import gettext

from dialog import i18n
from dialog.auth import current_user
from dialog.authz import Action, require
from dialog.db import db
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services.queries import get_dialogue, get_dialogue_alone
from dialog.links import external_url
from surveys.questions import MAX_LENGTH, AnswerType, AnswerValue, FieldError, Option
from surveys.responses import options_for


def public_link(slug: str, code: str | None = None) -> str:
    """The short absolute address of a dialogue, with an invitation code when given."""
    link = external_url("public.short_link", slug=slug)
    return link + (f"?{urlencode({'code': code})}" if code else "")


def qr_svg(data: str, scale: int = 4) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=scale, xmldecl=False,
                                     svgns=True, title=None)
    return buffer.getvalue()


def qr_png(data: str, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale)
    return buffer.getvalue()


def qr_data_uri(data: str, scale: int = 3) -> str:
    """An SVG data URI, for <img> on printable pages (the CSP allows data: images)."""
    return str(segno.make(data, error="m").svg_data_uri(scale=scale))


def load_dialogue(slug: str, action: Action = Action.EDIT_DIALOGUE, *,
                  questions: bool = True) -> Dialogue:
    """The dialogue, if the logged-in user may take `action` on it (else 403/404); with its
    questions loaded at once, or (`questions=False`) with its organisers instead."""
    dialogue = (get_dialogue if questions else get_dialogue_alone)(db.session, slug)
    if dialogue is None:
        abort(404)
    require(current_user(), action, dialogue)
    return dialogue


@dataclass
class QuestionView:
    """What the template needs to show one question."""

    name: str
    question_id: int
    number: int
    answer_type: str
    text: i18n.Localised
    help: i18n.Localised
    required: bool
    options: list[Option]
    value: AnswerValue = field(default_factory=AnswerValue)
    error: str | None = None

    @property
    def is_text(self) -> bool:
        return self.answer_type in {"long_text", "short_text"}

    @property
    def max_length(self) -> int:
        """The longest answer a text question takes (also the field's `maxlength`)."""
        return MAX_LENGTH[AnswerType(self.answer_type)]

    @property
    def multiple(self) -> bool:
        return self.answer_type == "multiple_choice"

    @property
    def has_fallback(self) -> bool:
        """Whether any of its own text is shown in another language than the reader's."""
        lang = i18n.current()
        return (self.text.lang != lang
                or bool(self.help.text and self.help.lang != lang)
                or any(o.lang and o.lang != lang for o in self.options))


def _translate(message: FieldError) -> str:
    return gettext(message.message, **message.params)


def question_views(
    dialogue: Dialogue,
    lang: str,
    values: Mapping[str, AnswerValue] | None = None,
    errors: Mapping[str, FieldError] | None = None,
) -> list[QuestionView]:
    values = values or {}
    errors = errors or {}
    source = dialogue.source_language
    views = []
    for number, question in enumerate(dialogue.questionnaire.questions, start=1):
        options = [
            Option(o.key, gettext(o.label), translate=True) if o.translate else o
            for o in options_for(question, dialogue.areas, lang)
        ]
        error = errors.get(question.field_name)
        views.append(
            QuestionView(
                name=question.field_name,
                question_id=question.id,
                number=number,
                answer_type=question.answer_type,
                text=i18n.pick(question.text, lang, source),
                help=i18n.pick(question.help, lang, source),
                required=question.required,
                options=options,
                value=values.get(question.field_name, AnswerValue()),
                error=_translate(error) if error else None,
            )
        )
    return views
