"""Bad input in addresses and forms gets a clear 400, 404 or form error in the reader's language,
never a server error, and stores nothing (on SQLite and PostgreSQL alike)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from dialog.accounts.models import Role, User
from dialog.authz import SYSTEM
from dialog.concerns.services import runs as concerns
from dialog.db import db
from dialog.dialogues.models import DialogueKind
from dialog.dialogues.services.invitations import issue_codes, reach
from dialog.dialogues.services.queries import get_dialogue
from dialog.inputs import MAX_ID, bounded_int, parse_id
from dialog.promises.models import Activity
from tests.conftest import csrf_from
from tests.promises.conftest import make_promise, submit
from tests.security.routes import row_counts
from tests.test_concerns import THEMES, answer

__all__ = ["make_promise"]  # a fixture, used by name

HUGE = [str(MAX_ID + 1), "99999999999999999999", str(2**63)]
NOT_NUMBERS = ["⁰⁴⁵", "²", "١٢", "-1", "0", "1e3", " 7"]
NOT_FOUND = "Vi hittade inte sidan."
NOT_UNDERSTOOD = "Vi kunde inte förstå förfrågan."
BAD_TEXT = "osynliga styrtecken"  # "The text contains invisible control characters."
NUL, FORM_FEED, NONCHARACTER = "\x00", "\x0c", "\ufffe"


@pytest.fixture
def world(app: Flask, make_dialogue: Callable[..., str], make_promise: Callable[..., str],
          login_as: Callable[..., FlaskClient]) -> dict[str, Any]:
    """An admin, a targeted dialogue with a batch, a run with groups and a focus area, a
    promise with activities; returns the ids the addresses need."""
    make_dialogue()
    make_dialogue("riktad", kind=DialogueKind.TARGETED)
    for i in range(6):
        for text, who in THEMES.values():
            answer(app, f"{text} {i}", who)
    make_promise()
    staff = login_as(Role.ADMIN)
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        targeted = get_dialogue(db.session, "riktad")
        assert dialogue is not None and targeted is not None
        issue_codes(db.session, targeted, 10, "butiksägare", actor=SYSTEM)
        run = concerns.start_run(db.session, dialogue, concerns.text_questions(dialogue)[0],
                                 SYSTEM, k=3)
        concerns.execute_run(db.session, run.id)
        first, second = [c for c in run.clusters if c.number >= 0][:2]
        area = concerns.promote(db.session, run, second.id, SYSTEM, "Fokusområde")
        db.session.commit()
        answer_id = concerns.cluster_answers(db.session, run, first.id)[0].answer_id
        ids = {"run": run.id, "cluster": first.id, "other": second.id, "area": area.id,
               "answer": answer_id, "batch": reach(db.session, targeted.id)[0].batch_id,
               "user": db.session.scalars(select(User.id)).first(),
               "activity": db.session.scalars(select(Activity.id)).first(),
               "question": dialogue.questionnaire.questions[0].id}
    return {"staff": staff, **ids}


def _token(staff: FlaskClient) -> str:
    return csrf_from(staff.get("/staff/").get_data(as_text=True))


def _send(staff: FlaskClient, method: str, url: str, data: dict[str, Any] | None = None
          ) -> TestResponse:
    if method == "GET":
        return staff.get(url)
    return staff.post(url, data={"csrf_token": _token(staff), **(data or {})})


CONCERNS = "/staff/dialogues/trygghet-norra/concerns"
# (method, address with {id} where the bad id goes, form data)
ID_IN_ADDRESS = [
    ("GET", "/staff/dialogues/riktad/invitations/{id}", None),
    ("GET", CONCERNS + "/runs/{id}/answers?cluster=1", None),
    ("POST", CONCERNS + "/runs/{run}/clusters/{id}", {"action": "exclude"}),
    ("POST", CONCERNS + "/runs/{id}/clusters/{cluster}", {"action": "exclude"}),
    ("GET", CONCERNS + "/focus-areas/{id}", None),
    ("POST", "/staff/users/{id}", {"action": "deactivate"}),
    ("POST", "/staff/dialogues/trygghet-norra/questions/{id}/up", None),
    ("GET", "/staff/promises/tryggare-torg/activities/{id}/edit", None),
]
ID_IN_FORM = [
    (CONCERNS + "/runs/{run}/clusters/{cluster}", "target", {"action": "merge"}),
    (CONCERNS + "/runs/{run}/merge", "target", {"source": "{cluster}"}),
    (CONCERNS + "/runs/{run}/merge", "source", {"target": "{other}"}),
    (CONCERNS + "/runs/{run}/answers?cluster={cluster}", "answer", {"action": "exclude"}),
]


@pytest.mark.parametrize(("method", "url", "data"), ID_IN_ADDRESS)
def test_huge_ids_in_staff_addresses_are_not_found(
        app: Flask, world: dict[str, Any], method: str, url: str, data: dict[str, str] | None
        ) -> None:
    staff = world["staff"]
    before = row_counts(app)
    for bad in HUGE:
        response = _send(staff, method, url.format(id=bad, **world), data)
        assert response.status_code == 404, bad
        assert NOT_FOUND in response.get_data(as_text=True)
    assert row_counts(app) == before


@pytest.mark.parametrize(("url", "name", "data"), ID_IN_FORM)
def test_bad_ids_in_staff_forms_are_bad_requests(
        app: Flask, world: dict[str, Any], url: str, name: str, data: dict[str, str]) -> None:
    staff = world["staff"]
    before = row_counts(app)
    for bad in HUGE + NOT_NUMBERS:
        filled = {key: value.format(**world) for key, value in data.items()}
        response = _send(staff, "POST", url.format(**world), {**filled, name: bad})
        assert response.status_code == 400, bad
        assert NOT_UNDERSTOOD in response.get_data(as_text=True)
    assert row_counts(app) == before


@pytest.mark.parametrize("bad", HUGE + NOT_NUMBERS)
def test_bad_municipality_filter_is_a_bad_request(client: FlaskClient, bad: str) -> None:
    response = client.get("/sv/promises/", query_string={"municipality": bad})
    assert response.status_code == 400
    assert NOT_UNDERSTOOD in response.get_data(as_text=True)
    assert client.get("/sv/promises/", query_string={"municipality": ""}).status_code == 200
    assert client.get("/sv/promises/", query_string={"municipality": "12"}).status_code == 200


def test_odd_digits_in_numbers_staff_type_are_form_errors(
        app: Flask, world: dict[str, Any]) -> None:
    staff = world["staff"]
    for bad in ["²", "⁰⁴⁵", str(2**63)]:
        privacy = submit(staff, "/staff/dialogues/trygghet-norra/privacy",
                         {"retention_months": bad})
        assert privacy.status_code == 422
        assert "mellan 1 och 120" in privacy.get_data(as_text=True)
        page = staff.get(CONCERNS + "/").get_data(as_text=True)
        run = staff.post(CONCERNS + "/runs", data={"csrf_token": csrf_from(page), "k": bad,
                                                   "question": str(world["question"] + 1)})
        assert run.status_code == 303  # an unreadable number of groups means "choose for me"


def _follow(staff: FlaskClient, response: TestResponse) -> tuple[int, str]:
    """Forms that answer with a redirect show their message on the page they lead to."""
    if response.status_code not in (302, 303):
        return response.status_code, response.get_data(as_text=True)
    return response.status_code, staff.get(response.headers["Location"]).get_data(as_text=True)


# Each sends `text` where staff would type it and returns (status, the page that answers).
def _cluster_label(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
    url = CONCERNS + "/runs/{run}/clusters/{cluster}".format(**world)
    response = _send(staff, "POST", url, {"action": "rename", "label": text})
    return _follow(staff, response)


def _split_label(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
    url = CONCERNS + "/runs/{run}/answers?cluster={cluster}".format(**world)
    response = _send(staff, "POST", url, {"action": "split", "label": text,
                                          "answer": str(world["answer"])})
    return _follow(staff, response)


def _batch_label(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
    response = _send(staff, "POST", "/staff/dialogues/riktad/invitations",
                     {"count": "10", "label": text})
    return _follow(staff, response)


def _new_user(field: str) -> Callable[[FlaskClient, dict[str, Any], str], tuple[int, str]]:
    def send(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
        values = {"email": "ny@kommun.example", "password": "ett långt lösenord",
                  "role": "viewer"}
        values[field] = values[field].replace("o", text, 1)
        response = _send(staff, "POST", "/staff/users", values)
        return response.status_code, response.get_data(as_text=True)
    return send


def _promise(field: str) -> Callable[[FlaskClient, dict[str, Any], str], tuple[int, str]]:
    def send(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
        response = submit(staff, "/staff/promises/tryggare-torg/edit",
                          {field: f"A 123{text}456/2026"})
        return response.status_code, response.get_data(as_text=True)
    return send


def _activity_title(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
    url = "/staff/promises/tryggare-torg/activities/{activity}/edit".format(**world)
    response = submit(staff, url, {"title": f"Trygghets{text}vandring"})
    return response.status_code, response.get_data(as_text=True)


def _dialogue_title(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
    response = submit(staff, "/staff/dialogues/trygghet-norra/edit",
                      {"title_sv": f"Trygghet{text} i Norra"})
    return response.status_code, response.get_data(as_text=True)


def _update_text(staff: FlaskClient, world: dict[str, Any], text: str) -> tuple[int, str]:
    response = submit(staff, "/staff/promises/tryggare-torg/updates/new",
                      {"text": f"Nytt{text} möte"})
    return response.status_code, response.get_data(as_text=True)


TEXT_INPUTS = {
    "cluster label": _cluster_label,
    "split-off label": _split_label,
    "batch label": _batch_label,
    # (New accounts belong to the admin's own organisation: the form has no such field.)
    "e-mail": _new_user("email"),
    "registration number": _promise("registration_number"),
    "plan": _promise("resource_plan"),
    "activity title": _activity_title,
    "dialogue title": _dialogue_title,
    "feedback update": _update_text,
}


@pytest.mark.parametrize("where", list(TEXT_INPUTS))
def test_control_characters_in_staff_text_are_refused_clearly(
        app: Flask, world: dict[str, Any], where: str) -> None:
    staff = world["staff"]
    before = row_counts(app)
    for character in (NUL, FORM_FEED, NONCHARACTER):
        status, page = TEXT_INPUTS[where](staff, world, character)
        # a redirect to a page with the message, or the form again with what was typed
        assert status in (302, 303, 422), repr(character)
        assert BAD_TEXT in page, repr(character)
    assert row_counts(app) == before


def test_id_helpers_accept_only_database_ids() -> None:
    assert parse_id("1") == 1 and parse_id(str(MAX_ID)) == MAX_ID
    for bad in [*HUGE, *NOT_NUMBERS, "", None, "0x1"]:
        assert parse_id(bad) is None, bad
    assert bounded_int("40", 2, 40) == 40 and bounded_int("41", 2, 40) is None
    assert bounded_int("²", 0, 9) is None
