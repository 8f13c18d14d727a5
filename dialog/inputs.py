"""What arrives from outside, checked once: ids in addresses and forms, and typed text.

Ids are bounded to the database's integer range, so a huge number is "not found" rather than
an overflow in PostgreSQL; typed text may not hold the characters PostgreSQL or XML refuse.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, abort
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.routing import BaseConverter
from werkzeug.routing import ValidationError as NoMatch
from wtforms import Form, StringField
from wtforms.fields import Field
from wtforms.meta import DefaultMeta
from wtforms.validators import ValidationError

from surveys.questions import has_bad_characters

MAX_ID = 2**31 - 1  # PostgreSQL's integer, the type of every id column
BAD_CHARACTERS = _l("The text contains invisible control characters. Please remove them.")


def parse_id(raw: str | None) -> int | None:
    """A positive id written in ASCII digits and within the database's range, else None.

    `str.isdigit` also accepts superscripts and other digits `int` cannot read.
    """
    if not raw or len(raw) > 10 or not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if 1 <= value <= MAX_ID else None


def id_or_400(raw: str | None) -> int:
    """An id from a form field that the page itself filled in; anything else is a bad request."""
    value = parse_id(raw)
    if value is None:
        abort(400)
    return value


def ids_or_400(raws: list[str]) -> list[int]:
    return [id_or_400(raw) for raw in raws]


def bounded_int(raw: str | None, low: int, high: int) -> int | None:
    """A whole number in ASCII digits between `low` and `high`, else None."""
    if not raw or len(raw) > 10 or not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if low <= value <= high else None


class IdConverter(BaseConverter):
    """`<id:name>`: an id as the database stores it; anything larger does not match (404)."""

    regex = r"[1-9][0-9]{0,9}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise NoMatch()
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter


def check_characters(text: str | None) -> None:
    """Refuse text with control characters (tab and line breaks are fine), U+FFFE, U+FFFF."""
    if text and has_bad_characters(text):
        raise ValidationError(str(BAD_CHARACTERS))


def _no_bad_characters(_form: Any, field: Field) -> None:
    check_characters(field.data if isinstance(field.data, str) else None)


class CleanTextMeta(DefaultMeta):
    """Every text field of a form refuses characters nobody types (see `check_characters`)."""

    def bind_field(self, form: Any, unbound_field: Any, options: dict[str, Any]) -> Field:
        field = super().bind_field(form, unbound_field, options)
        if isinstance(field, StringField):  # text areas, e-mail and password fields too
            field.validators = [*field.validators, _no_bad_characters]
        return field


class StaffForm(FlaskForm):
    """The base of every form: CSRF from Flask-WTF and clean text."""

    class Meta(CleanTextMeta):
        pass


class SubForm(Form):
    """A form nested in another (FormField): clean text, the parent carries the CSRF token."""

    Meta = CleanTextMeta
