"""Bad input: huge, malformed, binary, control characters, mixed scripts, markup.

Never a server error; what was accepted is stored and exported exactly as typed; what is shown
is escaped.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from dialog.accounts.models import Role
from dialog.db import db
from surveys.models import Answer
from tests.helpers import open_form

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
URL = "/sv/d/trygghet-norra"

nasty_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
    st.sampled_from([
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "{{ 7*7 }}",
        "'; DROP TABLE response; --", "\x00\x01\x1b[31m", "مرحبا Hej ሰላም 你好 👩🏽‍🦱",
        "\u202eevil\u202c", "a" * 20_000, "=cmd|' /C calc'!A0", "\r\n\r\n", "%(x)s {x}",
    ]),
)
params = st.one_of(st.text(max_size=100), st.binary(max_size=60).map(
    lambda b: b.decode("latin-1")))


@pytest.fixture
def fuzz_dialogue(app: Flask, make_dialogue: Callable[..., str],
                  question_names: Callable[[str], list[str]]) -> list[str]:
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"],
                                                 submit_rate_limit="100000/hour")
    return question_names(make_dialogue())


@FUZZ
@given(concern=nasty_text, where=nasty_text, extra=st.dictionaries(
    st.text(max_size=20), st.text(max_size=50), max_size=5))
def test_respondent_form_never_fails_and_keeps_text_exactly(
        app: Flask, client: FlaskClient, fuzz_dialogue: list[str], concern: str, where: str,
        extra: dict[str, str]) -> None:
    scale, long_text, _seen, short_text, _gender, _area = fuzz_dialogue
    data: dict[str, Any] = {k: v for k, v in extra.items() if k not in {"csrf_token",
                                                                          "form_token"}}
    data |= open_form(client, URL) | {scale: "safe", long_text: concern, short_text: where,
                                      "send": "1", "homepage": ""}
    response = client.post(URL, data=data)
    assert response.status_code < 500
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body and "<img src=x" not in body
    if response.status_code == 303:
        with app.app_context():
            stored = set(db.session.scalars(select(Answer.text)))
        for typed in (concern, where):
            if typed.strip():
                assert typed in stored or typed.strip() in stored


def test_spreadsheet_exports_never_carry_a_formula_and_json_keeps_text_exactly(
        app: Flask, client: FlaskClient, login_as: Callable[..., FlaskClient],
        fuzz_dialogue: list[str]) -> None:
    formulas = ["=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
                "\t=1+1", "\r=1+1"]
    plain = ["مرحبا\nHej; \"citat\", ሰላም", "<b>fet</b> \t tab", "1 = 1"]
    for text in formulas + plain:
        data = open_form(client, URL) | {fuzz_dialogue[0]: "safe", fuzz_dialogue[1]: text,
                                         "send": "1"}
        assert client.post(URL, data=data).status_code == 303
    staff = login_as(Role.VIEWER)
    for url, delimiter in [("/staff/dialogues/trygghet-norra/responses.csv", ","),
                           ("/staff/dialogues/trygghet-norra/responses-excel.csv", ";")]:
        export = staff.get(url).get_data(as_text=True).removeprefix("\ufeff")
        rows = list(csv.reader(io.StringIO(export, newline=""), delimiter=delimiter))
        cells = {cell for row in rows for cell in row}
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], url
        for text in formulas:
            assert "'" + text in cells and text not in cells, (url, text)
        for text in plain:
            assert text in cells, (url, text)
    exact = staff.get("/staff/dialogues/trygghet-norra/responses.json").get_json()
    answers = {row[5] for row in exact["rows"]}
    assert answers == set(formulas + plain)
    page = staff.get("/staff/dialogues/trygghet-norra").get_data(as_text=True)
    assert "<b>fet</b>" not in page and "&lt;b&gt;fet&lt;/b&gt;" in page


@FUZZ
@given(slug=params, code=params, lang=params, page=params)
def test_public_url_parameters_never_fail(client: FlaskClient, fuzz_dialogue: list[str],
                                          slug: str, code: str, lang: str, page: str) -> None:
    slug, lang = quote(slug, safe=""), quote(lang, safe="")
    for url, query in [(f"/sv/d/{slug}", {}), (URL, {"code": code}), ("/d/trygghet-norra", {}),
                       (f"/{lang}/", {}), (f"/{lang}/d/trygghet-norra/privacy", {}),
                       ("/sv/dialogues/", {"page": page})]:
        response = client.get(url, query_string=query)
        assert response.status_code < 500, (url, query)


@FUZZ
@given(email=params, password=params, page=params, lang=params)
def test_staff_forms_and_parameters_never_fail(
        app: Flask, client: FlaskClient, fuzz_dialogue: list[str], email: str, password: str,
        page: str, lang: str) -> None:
    from tests.conftest import csrf_from

    login_page = client.get("/staff/login").get_data(as_text=True)
    response = client.post("/staff/login", data={"email": email, "password": password,
                                                 "csrf_token": csrf_from(login_page)})
    assert response.status_code < 500
    assert client.get("/staff/audit", query_string={"page": page}).status_code < 500
    assert client.get("/staff/dialogues/trygghet-norra/poster",
                      query_string={"lang": lang}).status_code < 500
