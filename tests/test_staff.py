"""Staff log in, see dialogues and answers, and export them; everything else is denied."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dialog.accounts.models import Role
from tests.conftest import PASSWORD, csrf_from
from tests.helpers import open_form, visible_text

URL = "/sv/d/trygghet-norra"


def test_every_staff_page_needs_login(app: Flask, client: FlaskClient,
                                      make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    public = {"/staff/login", "/staff/language"}
    rules = [r for r in app.url_map.iter_rules() if r.rule.startswith("/staff/")]
    assert len(rules) >= 4
    for rule in rules:
        if rule.rule in public:
            continue
        url = rule.rule.replace("<slug>", "trygghet-norra")
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code in {302, 400}, (url, method, response.status_code)
            if response.status_code == 302:
                assert response.headers["Location"].startswith("/staff/login")


def test_wrong_password_gets_a_clear_message(client: FlaskClient,
                                             make_user: Callable[..., str]) -> None:
    email = make_user()
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    response = client.post("/staff/login",
                           data={"email": email, "password": "wrong", "csrf_token": token})
    assert response.status_code == 422
    page = visible_text(response)
    assert "E-postadressen eller lösenordet är fel." in page
    assert client.get("/staff/").status_code == 302


def test_login_without_csrf_is_refused(client: FlaskClient, make_user: Callable[..., str]) -> None:
    email = make_user()
    response = client.post("/staff/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 400
    assert "Formuläret har gått ut" in visible_text(response)
    assert client.get("/staff/").status_code == 302


def test_login_redirects_back_but_never_off_site(client: FlaskClient,
                                                 make_user: Callable[..., str]) -> None:
    email = make_user()
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    response = client.post("/staff/login?next=//evil.example/x",
                           data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"] == "/staff/"


def test_analyst_sees_answer_and_exports_it_exactly(
    client: FlaskClient, login_as: Callable[..., FlaskClient],
    make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]],
) -> None:
    make_dialogue()
    scale, concern, seen, where, gender, area = question_names("trygghet-norra")
    typed = 'Mopeder, "buskörning" och\r\nlangning; vid torget 🚲'
    resident = open_form(client, URL) | {scale: "unsafe", concern: typed,
                                         seen: ["litter", "mopeds"], gender: "other",
                                         area: "torget", where: "Torget"}
    assert client.post(URL, data=resident).status_code == 303

    staff = login_as(Role.ANALYST)
    listing = visible_text(staff.get("/staff/"))
    assert "Trygghet i Norra" in listing
    page = staff.get("/staff/dialogues/trygghet-norra")
    assert "1 svar" in visible_text(page)
    assert "buskörning" in visible_text(page)

    export = staff.get("/staff/dialogues/trygghet-norra/responses.csv")
    assert export.status_code == 200
    assert export.headers["Content-Type"].startswith("text/csv")
    raw = export.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 2
    header, row = rows
    assert header[4:] == ["Hur trygg känner du dig i området på kvällen?",
                          "Vilka problem upplever du?", "Vad ser du?", "Var?", "Kön", "Område"]
    assert row[4:] == ["Otrygg", typed, "Skräp; Mopeder", "Torget",
                       "Annan könstillhörighet", "Torget"]
    assert row[2:4] == ["web", "sv"]


def test_logout_is_a_post_and_ends_the_session(login_as: Callable[..., FlaskClient]) -> None:
    staff = login_as()
    page = staff.get("/staff/").get_data(as_text=True)
    assert staff.get("/staff/logout").status_code == 405
    staff.post("/staff/logout", data={"csrf_token": csrf_from(page)})
    assert staff.get("/staff/").status_code == 302


@pytest.mark.parametrize("lang, heading", [("en", "Dialogues"), ("sv", "Dialoger")])
def test_staff_choose_their_language(login_as: Callable[..., FlaskClient], lang: str,
                                     heading: str) -> None:
    staff = login_as()
    token = csrf_from(staff.get("/staff/").get_data(as_text=True))
    staff.post("/staff/language", data={"lang": lang, "next": "/staff/", "csrf_token": token})
    assert f"<h1>{heading}</h1>" in staff.get("/staff/").get_data(as_text=True)


def test_create_user_command_prompts_for_the_password(app: Flask,
                                                      client: FlaskClient) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-user", "Kommunpolis@Ekeby.example", "--role", "admin",
              "--organisation", "Lokalpolisområde Ekeby"],
        input="ett långt lösenord\nett långt lösenord\n")
    assert result.exit_code == 0, result.output
    assert "Created kommunpolis@ekeby.example (admin) in Lokalpolisområde Ekeby." in result.output
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    response = client.post("/staff/login", data={"email": "kommunpolis@ekeby.example",
                                                 "password": "ett långt lösenord",
                                                 "csrf_token": token})
    assert response.status_code == 302
    again = app.test_cli_runner().invoke(
        args=["create-user", "kommunpolis@ekeby.example", "--organisation", "X"],
        input="ett långt lösenord\nett långt lösenord\n")
    assert again.exit_code != 0
    assert "already exists" in again.output


def test_the_kept_staff_menu_and_language_form_are_each_readers_own(
    app: Flask, login_as: Callable[..., FlaskClient], make_user: Callable[..., str],
) -> None:
    """The layout's menu and language form are kept per worker by what they show
    (dialog.fragments): an admin's menu items never reach an analyst after them, each reader
    sees their own address and organisation, the form returns to the page it is on, and the
    token in it is the reader's own."""
    admin = login_as(Role.ADMIN)
    shown = visible_text(admin.get("/staff/"))
    assert "Personalkonton" in shown and "Händelselogg" in shown
    assert "admin@polisen.example (Lokalpolisområde Norra)" in shown

    analyst = app.test_client()  # the same worker, another reader
    email = make_user(email="analys@kommun.example", role=Role.ANALYST,
                      organisation="Malmö stad")
    login = csrf_from(analyst.get("/staff/login").get_data(as_text=True))
    assert analyst.post("/staff/login", data={"email": email, "password": PASSWORD,
                                              "csrf_token": login}).status_code == 302
    page = analyst.get("/staff/?page=1")
    shown = visible_text(page)
    assert "Personalkonton" not in shown and "Händelselogg" not in shown
    assert "analys@kommun.example (Malmö stad)" in shown
    assert "admin@polisen.example" not in shown
    body = page.get_data(as_text=True)
    assert 'name="next" value="/staff/?page=1"' in body
    # Written after the kept form, the return address still belongs to it: a browser sends it.
    assert '<input type="hidden" name="next" value="/staff/?page=1" form="staff-language">' \
        in body
    [form] = re.findall(r'<form [^>]*action="/staff/language"[^>]*>', body)
    assert 'id="staff-language"' in form

    # Both forms of the layout carry the analyst's own token: the language form works.
    changed = analyst.post("/staff/language", data={
        "lang": "en", "next": "/staff/?page=1", "csrf_token": csrf_from(body)})
    assert changed.status_code in (302, 303)
    assert "Log out" in visible_text(analyst.get("/staff/"))
    assert "Logga ut" in visible_text(admin.get("/staff/"))
