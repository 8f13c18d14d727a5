"""Targeted dialogues: single-use invitation codes that never link to the answer."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, inspect, select

from dialog.accounts.models import Role
from dialog.authz import SYSTEM
from dialog.db import db
from dialog.dialogues.models import DialogueKind, InviteCode
from dialog.dialogues.services.invitations import (
    ALPHABET,
    CODE_LENGTH,
    issue_codes,
    normalise,
)
from surveys.models import Response
from tests.conftest import csrf_from
from tests.helpers import visible_text

URL = "/sv/d/riktad"


@pytest.fixture
def targeted(make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]]
             ) -> list[str]:
    return question_names(make_dialogue("riktad", kind=DialogueKind.TARGETED))


def make_codes(app: Flask, count: int = 10, label: str = "unga kvinnor, Norra") -> list[str]:
    with app.app_context():
        from dialog.dialogues.services.queries import get_dialogue

        dialogue = get_dialogue(db.session, "riktad")
        assert dialogue is not None
        codes = issue_codes(db.session, dialogue, count, label, actor=SYSTEM)
        db.session.commit()
        return codes


def answer_with(client: FlaskClient, code: str, names: list[str]) -> tuple[int, str]:
    page = client.get(f"{URL}?code={code}")
    if page.status_code != 200:
        return page.status_code, visible_text(page)
    body = page.get_data(as_text=True)
    data = {"csrf_token": csrf_from(body), "form_token": csrf_from(body, "form_token"),
            "invite_code": csrf_from(body, "invite_code"), names[0]: "safe"}
    response = client.post(URL, data=data)
    return response.status_code, visible_text(response)


def test_codes_are_typable_unambiguous_and_strong() -> None:
    assert not set("01IO") & set(ALPHABET)
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 40
    assert normalise("k7qm-4txd") == "K7QM4TXD"
    assert normalise(" K7QM 4TXD ") == "K7QM4TXD"
    assert normalise("K7QM-4TX0") is None


def test_targeted_dialogue_is_not_listed_and_asks_for_a_code(
    client: FlaskClient, targeted: list[str]
) -> None:
    assert "riktad" not in client.get("/sv/dialogues/").get_data(as_text=True)
    page = visible_text(client.get(URL))
    assert "Din inbjudningskod" in page
    assert "<textarea" not in client.get(URL).get_data(as_text=True)


def test_a_code_works_exactly_once(app: Flask, client: FlaskClient, targeted: list[str]) -> None:
    code = make_codes(app)[0]
    status, _ = answer_with(client, code.lower(), targeted)
    assert status == 303
    status, page = answer_with(app.test_client(), code, targeted)
    assert status == 422
    assert "Koden kan inte användas" in page
    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 1


def test_a_used_code_is_refused_at_submit_too(app: Flask, client: FlaskClient,
                                              targeted: list[str]) -> None:
    """Two phones open the form with the same code; only the first answer counts."""
    code = make_codes(app)[0]
    first, second = app.test_client(), app.test_client()
    forms = []
    for phone in (first, second):
        body = phone.get(f"{URL}?code={code}").get_data(as_text=True)
        forms.append({"csrf_token": csrf_from(body), "form_token": csrf_from(body, "form_token"),
                      "invite_code": code, targeted[0]: "unsafe"})
    assert first.post(URL, data=forms[0]).status_code == 303
    refused = second.post(URL, data=forms[1])
    assert refused.status_code == 409
    # The second phone keeps its answer on screen, with a field for another code.
    assert "Svaren skickades inte: koden kan inte användas nu." in visible_text(refused)
    assert 'id="invite-code"' in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 1


def test_unknown_code_and_missing_code(app: Flask, client: FlaskClient, targeted: list[str]
                                       ) -> None:
    make_codes(app)
    assert "Koden kan inte användas" in visible_text(client.get(f"{URL}?code=ZZZZ-ZZZZ"))
    form_page = client.get(f"{URL}?code={make_codes(app)[0]}").get_data(as_text=True)
    data = {"csrf_token": csrf_from(form_page), "form_token": csrf_from(form_page, "form_token"),
            targeted[0]: "safe"}
    refused = client.post(URL, data=data)  # the code field removed from the form
    assert refused.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 0


def test_nothing_links_a_code_to_its_response(app: Flask, client: FlaskClient,
                                              targeted: list[str]) -> None:
    codes = make_codes(app)
    for code in (codes[2], codes[0]):
        assert answer_with(app.test_client(), code, targeted)[0] == 303
    with app.app_context():
        assert db.engine is not None
        inspector = inspect(db.engine)
        code_columns = {c["name"] for c in inspector.get_columns("invite_code")}
        assert code_columns == {"id", "batch_id", "code"}  # no time, no response, no flag
        for fk in inspector.get_foreign_keys("response"):
            assert fk["referred_table"] not in {"invite_code", "invite_batch"}
        for fk in inspector.get_foreign_keys("invite_code"):
            assert fk["referred_table"] == "invite_batch"
        response_columns = {c["name"] for c in inspector.get_columns("response")}
        assert not {"code", "invite_code_id", "batch_id"} & response_columns
        rows = db.session.scalars(select(InviteCode.code).order_by(InviteCode.id)).all()
    # Codes are stored sorted (unrelated to the order they are handed out), and used ones
    # are gone: the rest are the same rows, untouched.
    assert list(rows) == sorted(set(codes) - {codes[0], codes[2]})


def test_staff_create_a_batch_and_print_it_with_qr_codes(
    app: Flask, login_as: Callable[..., FlaskClient], targeted: list[str]
) -> None:
    staff = login_as(Role.EDITOR)
    page = staff.get("/staff/dialogues/riktad").get_data(as_text=True)
    response = staff.post("/staff/dialogues/riktad/invitations",
                          data={"count": "12", "label": "butiksägare",
                                "csrf_token": csrf_from(page)})
    assert response.status_code == 303
    sheet_url = response.headers["Location"]
    sheet = staff.get(sheet_url)
    text = visible_text(sheet)
    assert "butiksägare" in text
    body = sheet.get_data(as_text=True)
    assert body.count('class="code-slip"') == 12
    assert body.count("data:image/svg+xml") == 12
    overview = visible_text(staff.get("/staff/dialogues/riktad"))
    assert "butiksägare 12 0" in overview
    code = csrf_from(body, "code") if 'name="code"' in body else None
    assert code is None  # the sheet has no form
    first = body.split('<p class="code">', 1)[1].split("<", 1)[0]
    assert answer_with(app.test_client(), first, targeted)[0] == 303
    assert "butiksägare 12 1" in visible_text(staff.get("/staff/dialogues/riktad"))
    sheet = staff.get(sheet_url)
    assert sheet.get_data(as_text=True).count('class="code-slip"') == 11
    assert "1 kod i den här omgången har använts" in visible_text(sheet)


@pytest.mark.parametrize("count", ["1", "9", "1001"])
def test_batches_below_the_minimum_are_refused_with_the_reason(
    app: Flask, login_as: Callable[..., FlaskClient], targeted: list[str], count: str
) -> None:
    """A batch of one code would tell whoever sees "codes used" whose answer just came in."""
    staff = login_as(Role.EDITOR)
    page = staff.get("/staff/dialogues/riktad").get_data(as_text=True)
    refused = staff.post("/staff/dialogues/riktad/invitations", data={
        "count": count, "label": "en person", "csrf_token": csrf_from(page)},
        follow_redirects=True)
    assert "mellan 10 och 1000" in visible_text(refused)
    assert "vems svar" in visible_text(refused)
    with app.app_context():
        assert db.session.scalar(select(func.count(InviteCode.id))) == 0
    with pytest.raises(ValueError, match="between 10"):
        make_codes(app, 9)
    result = app.test_cli_runner().invoke(args=["invite-codes", "riktad", "--count", "2"])
    assert result.exit_code != 0


def test_viewer_cannot_create_codes(login_as: Callable[..., FlaskClient], targeted: list[str]
                                    ) -> None:
    staff = login_as(Role.VIEWER)
    page = staff.get("/staff/dialogues/riktad").get_data(as_text=True)
    assert staff.post("/staff/dialogues/riktad/invitations",
                      data={"count": "10", "csrf_token": csrf_from(page)}).status_code == 403


def test_invite_codes_command(app: Flask, targeted: list[str]) -> None:
    result: Result = app.test_cli_runner().invoke(
        args=["invite-codes", "riktad", "--count", "10", "--batch", "butiker"])
    assert result.exit_code == 0, result.output
    lines = result.output.split()
    assert len(lines) == 10
    assert all(len(line) == 9 and line[4] == "-" and normalise(line) for line in lines)
    refused = app.test_cli_runner().invoke(args=["invite-codes", "nope", "--count", "10"])
    assert refused.exit_code != 0


def test_dialogues_command_prints_json(app: Flask, make_dialogue: Callable[..., str]) -> None:
    import json

    make_dialogue("en-dialog")
    result = app.test_cli_runner().invoke(args=["dialogues"])
    assert result.exit_code == 0
    assert json.loads(result.output) == [
        {"slug": "en-dialog", "kind": "open", "status": "open", "title": "Trygghet i Norra"}]
    # JSON is the only format: no flag pretends to choose it.
    assert app.test_cli_runner().invoke(args=["dialogues", "--json"]).exit_code != 0


def test_short_link_qr_and_poster(app: Flask, client: FlaskClient,
                                  login_as: Callable[..., FlaskClient],
                                  make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    short = client.get("/d/trygghet-norra", headers={"Accept-Language": "en"})
    assert short.headers["Location"] == "/en/d/trygghet-norra"
    staff = login_as(Role.EDITOR)
    svg = staff.get("/staff/dialogues/trygghet-norra/qr.svg")
    assert svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    assert svg.headers["Content-Disposition"] == 'attachment; filename="trygghet-norra-qr.svg"'
    png = staff.get("/staff/dialogues/trygghet-norra/qr.png")
    assert png.data.startswith(b"\x89PNG")
    assert png.headers["Content-Disposition"] == 'attachment; filename="trygghet-norra-qr.png"'
    poster = staff.get("/staff/dialogues/trygghet-norra/poster?lang=sv&lang=en")
    assert poster.headers["Content-Disposition"] == (
        'inline; filename="trygghet-norra-poster-sv-en.html"')  # it opens to be printed
    text = visible_text(poster)
    assert "Trygghet i Norra" in text and "Safety in Norra" in text
    assert "http://localhost/d/trygghet-norra" in text


def test_each_slip_stands_on_its_own_in_the_residents_languages(
    app: Flask, login_as: Callable[..., FlaskClient], targeted: list[str]
) -> None:
    """A slip handed out on the street says what it is, that it is anonymous, how to answer
    and until when, in the language(s) staff choose."""
    make_codes(app, 10)
    staff = login_as(Role.EDITOR)
    overview = staff.get("/staff/dialogues/riktad").get_data(as_text=True)
    sheet_url = overview.split('href="/staff/dialogues/riktad/invitations/', 1)[1].split('"')[0]
    sheet_url = f"/staff/dialogues/riktad/invitations/{sheet_url}"
    with app.app_context():
        from dialog.dialogues.services.queries import get_dialogue

        dialogue = get_dialogue(db.session, "riktad")
        assert dialogue is not None and dialogue.closes_on is not None
        closes = dialogue.closes_on

    swedish = staff.get(sheet_url).get_data(as_text=True)
    slip = swedish.split('<li class="code-slip">', 2)[1]
    assert "Trygghet i Norra" in slip
    assert "Lokalpolisområde Norra" in slip
    assert "anonymt" in slip
    assert "skriv in koden" in slip
    assert str(closes.year) in slip and "Svara senast" in slip
    assert swedish.count('class="slip-text" lang="sv"') == 10

    both = staff.get(f"{sheet_url}?lang=ar&lang=en").get_data(as_text=True)
    slip = both.split('<li class="code-slip">', 2)[1]
    assert 'lang="ar" dir="rtl"' in slip and 'lang="en" dir="ltr"' in slip
    assert "Safety in Norra" in slip
    assert "Your answer is anonymous" in slip
    assert "type in the code" in slip
