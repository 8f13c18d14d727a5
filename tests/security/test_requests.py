"""Every URL: security headers, no state change on GET, CSRF on every POST, cookies, sessions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, timedelta
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from dialog import create_app
from dialog.accounts.models import Role
from dialog.db import db
from tests.conftest import PASSWORD, csrf_from
from tests.security.routes import concrete_url, row_counts, rules

CSP_PARTS = ("default-src 'self'", "script-src 'self'", "object-src 'none'",
             "base-uri 'none'", "frame-ancestors 'none'")


def assert_secure_headers(response: TestResponse, where: str) -> None:
    headers = response.headers
    csp = headers.get("Content-Security-Policy", "")
    for part in CSP_PARTS:
        assert part in csp, (where, part)
    assert "unsafe-inline" not in csp, where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy"), where
    assert "camera=()" in headers.get("Permissions-Policy", ""), where
    assert headers.get("X-Frame-Options") == "DENY", where


def _get_everything(app: Flask, client: FlaskClient, world: dict[str, Any]) -> list[str]:
    seen = []
    for rule in rules(app, "GET"):
        url = concrete_url(rule, world)
        response = client.get(url)
        response.close()
        assert response.status_code < 500, url
        assert_secure_headers(response, url)
        if url.startswith("/staff/"):
            assert response.headers.get("Cache-Control") == "no-store", url
        seen.append(url)
    return seen


def test_every_get_page_sends_security_headers_and_changes_nothing_anonymous(
        app: Flask, client: FlaskClient, world: dict[str, Any]) -> None:
    before = row_counts(app)
    seen = _get_everything(app, client, world)
    assert "/sv/d/trygghet-norra" in seen and "/staff/" in seen
    assert row_counts(app) == before


def test_every_get_page_sends_security_headers_and_changes_nothing_as_admin(
        app: Flask, login_as: Callable[..., FlaskClient], world: dict[str, Any]) -> None:
    client = login_as(Role.ADMIN)
    before = row_counts(app)
    _get_everything(app, client, world)
    after = row_counts(app)
    # Downloading responses is itself recorded (who exported what); nothing else changes.
    exports = after.pop("audit_event") - before.pop("audit_event")
    assert after == before
    with app.app_context():
        from sqlalchemy import select

        from dialog.audit import AuditEvent

        newest = list(db.session.scalars(
            select(AuditEvent.action).order_by(AuditEvent.id.desc()).limit(exports)))
    assert newest == ["responses.export"] * exports


def test_error_pages_send_security_headers(app: Flask, client: FlaskClient,
                                           world: dict[str, Any]) -> None:
    not_found = client.get("/sv/no-such-page")
    assert not_found.status_code == 404
    assert_secure_headers(not_found, "404")
    wrong_method = client.put("/sv/")
    assert wrong_method.status_code == 405
    assert_secure_headers(wrong_method, "405")
    no_token = client.post("/staff/login", data={"email": "a@b.se", "password": "x"})
    assert no_token.status_code == 400
    assert_secure_headers(no_token, "400")
    too_large = client.post("/sv/d/trygghet-norra", data={"q": "x" * 600_000})
    assert too_large.status_code == 413
    assert_secure_headers(too_large, "413")


def test_hsts_only_when_switched_on(app: Flask, client: FlaskClient) -> None:
    assert "Strict-Transport-Security" not in client.get("/sv/").headers
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"], hsts=True)
    assert "max-age=" in client.get("/sv/").headers["Strict-Transport-Security"]


def _session_cookie(response: TestResponse) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if "session=" in c]
    assert cookies, response.headers
    return cookies[0]


def test_session_cookie_is_httponly_and_samesite_in_development(
        make_user: Callable[..., str], client: FlaskClient) -> None:
    page = client.get("/staff/login")
    cookie = _session_cookie(page)
    assert cookie.startswith("session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_session_cookie_is_secure_with_host_prefix_in_production(
        app: Flask, database_url: str) -> None:
    settings = dataclasses.replace(app.config["SETTINGS"], env="production",
                                   secret_key="p" * 40)
    production = create_app({"SETTINGS": settings})
    cookie = _session_cookie(production.test_client().get("/staff/login",
                                                          base_url="https://localhost"))
    assert cookie.startswith("__Host-session=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert attribute in cookie
    assert "Domain=" not in cookie
    production.extensions["dialog_db"].dispose()


def _age_sessions(app: Flask, **ago: timedelta) -> None:
    """Move the server-side session times back, as if time had passed."""
    from sqlalchemy import select

    from dialog.accounts.models import StaffSession
    from dialog.db import utcnow

    with app.app_context():
        for row in db.session.scalars(select(StaffSession)):
            for stamp, delta in ago.items():
                setattr(row, stamp, utcnow() - delta)
        db.session.commit()


@pytest.mark.parametrize("ago", [
    {"seen_at": timedelta(minutes=31)},
    # Active just now: only the lifetime is over.
    {"created_at": timedelta(hours=12, minutes=1), "seen_at": timedelta(0)},
])
def test_staff_session_ends_after_inactivity_and_absolute_lifetime(
        app: Flask, login_as: Callable[..., FlaskClient], ago: dict[str, timedelta]) -> None:
    client = login_as(Role.ADMIN)
    assert client.get("/staff/").status_code == 200
    _age_sessions(app, **ago)
    response = client.get("/staff/")
    assert response.status_code == 302 and "/staff/login" in response.headers["Location"]
    with client.session_transaction() as sess:
        assert "sid" not in sess
    from sqlalchemy import func, select

    from dialog.accounts.models import StaffSession

    with app.app_context():
        assert db.session.scalar(select(func.count(StaffSession.id))) == 0


def test_staff_session_survives_while_active(app: Flask,
                                             login_as: Callable[..., FlaskClient]) -> None:
    from sqlalchemy import select

    from dialog.accounts.models import StaffSession
    from dialog.db import utcnow

    client = login_as(Role.ADMIN)
    _age_sessions(app, seen_at=timedelta(minutes=29))
    assert client.get("/staff/").status_code == 200
    with app.app_context():  # that request counted as activity
        seen = db.session.scalar(select(StaffSession.seen_at))
        assert seen is not None
        seen = seen if seen.tzinfo else seen.replace(tzinfo=UTC)
        assert utcnow() - seen < timedelta(minutes=1)


def _post_body(rule_endpoint: str, world: dict[str, Any], app: Flask,
               client: FlaskClient) -> dict[str, Any]:
    """A body that would change something if the CSRF check were missing."""
    if rule_endpoint == "respond.submit":
        page = client.get(f"/sv/d/{world['slug']}").get_data(as_text=True)
        return {"form_token": csrf_from(page, "form_token"), "send": "1"}
    return {"email": "admin@polisen.example", "password": PASSWORD, "count": "5",
            "status": "closed", "template": "problems_open", "answer_type": "long_text",
            "text_sv": "Vad händer?", "lang": "en", "role": "viewer", "confirm": "1",
            "organisation": "Ny kommun"}


@pytest.mark.parametrize("token", [None, "forged-token"])
def test_every_post_without_a_valid_csrf_token_is_refused_and_stores_nothing(
        app: Flask, login_as: Callable[..., FlaskClient], world: dict[str, Any],
        token: str | None) -> None:
    client = login_as(Role.ADMIN)
    posted = []
    for rule in rules(app, "POST"):
        url = concrete_url(rule, world)
        body = _post_body(rule.endpoint, world, app, client)
        if token:
            body["csrf_token"] = token
        before = row_counts(app)
        response = client.post(url, data=body)
        assert response.status_code in {400, 403}, (url, response.status_code)
        assert row_counts(app) == before, url
        assert_secure_headers(response, url)
        posted.append(url)
    assert "/staff/logout" in posted and "/sv/d/trygghet-norra" in posted
    # Still logged in: the refused logout did not end the session.
    assert client.get("/staff/").status_code == 200


def test_no_column_could_hold_an_address_or_a_device_fingerprint(app: Flask) -> None:
    from sqlalchemy import inspect

    suspicious = ("ip", "addr", "agent", "fingerprint", "remote", "host")
    with app.app_context():
        inspector = inspect(db.session.connection())
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                parts = column["name"].lower().split("_")
                assert not any(p in suspicious for p in parts), (table, column["name"])
                assert "user_agent" not in column["name"].lower()


@pytest.mark.parametrize("hsts", [False, True])
def test_a_response_keeps_its_own_header_and_gets_each_other_once(hsts: bool) -> None:
    from flask import Response

    from dialog.config import Settings
    from dialog.security import apply_security_headers

    response = Response("x", headers={"referrer-policy": "no-referrer"})
    apply_security_headers(response, dataclasses.replace(Settings(), hsts=hsts))
    names = [name.lower() for name, _value in response.headers.items()]
    assert len(names) == len(set(names)), names
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert_secure_headers(response, "own header")  # type: ignore[arg-type]
    assert ("Strict-Transport-Security" in response.headers) is hsts
