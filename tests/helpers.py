"""Small helpers shared by tests: reading pages the way a user would."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tests.conftest import csrf_from


def visible_text(response: TestResponse) -> str:
    """The page's text with tags removed and entities decoded, as a reader would see it."""
    body = response.get_data(as_text=True)
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def open_form(client: FlaskClient, url: str) -> dict[str, str]:
    """GET a questionnaire and return the hidden fields a browser would send back."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    body = page.get_data(as_text=True)
    return {"csrf_token": csrf_from(body), "form_token": csrf_from(body, "form_token")}


def count_responses(app: Flask) -> int:
    """How many responses are stored (any dialogue)."""
    from sqlalchemy import func, select

    from dialog.db import db
    from surveys.models import Response

    with app.app_context():
        return int(db.session.scalar(select(func.count(Response.id))) or 0)


@contextmanager
def counting(app: Flask) -> Iterator[list[str]]:
    """The SQL statements the app's engine runs inside the block."""
    from sqlalchemy import event

    from dialog.db import db

    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)
