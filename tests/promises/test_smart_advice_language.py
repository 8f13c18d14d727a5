"""Issue 12: SMART advice in the staff member's language, each goal by its own rules."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from dialog.accounts.models import Role
from dialog.authz import SYSTEM
from dialog.db import db
from dialog.promises.services import promises as services
from dialog.promises.services.promises import ActivityFields
from tests.helpers import visible_text
from tests.test_staff_language import choose_language


def test_smart_advice_in_the_staff_language_and_by_goal_kind(
        app: Flask, login_as: Callable[..., FlaskClient], make_promise: Callable[..., str]
) -> None:
    make_promise(publish=False)
    with app.app_context():
        promise = services.get_promise(db.session, "tryggare-torg")
        assert promise is not None
        services.add_activity(db.session, promise, ActivityFields(
            title={"sv": "Trygghetsvandring"},
            production_goal={"sv": "Trygghetsvandring två gånger per termin"}), actor=SYSTEM)
        db.session.commit()
    client = login_as(Role.ANALYST)
    choose_language(client, "en")
    page = visible_text(client.get("/staff/promises/tryggare-torg"))
    # The Swedish production goal gets English advice, by the production goal's rules.
    assert "The production goal has no period." in page
    assert "Produktionsmålet" not in page and "Målet saknar" not in page
    assert "no word showing direction" not in page
    # Examples of both kinds of goal are on the page.
    assert "Effect goals are about the problem" in page
    assert "Production goals belong to activities" in page
