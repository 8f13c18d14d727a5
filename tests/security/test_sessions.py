"""Sessions that end on the server, throttling that never locks the real user out, a bounded
audit of failed logins, links that ignore the Host header, and a safe production layout."""

from __future__ import annotations

import dataclasses
import runpy
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from dialog.accounts.models import Role, StaffSession, User
from dialog.audit import AuditEvent
from dialog.config import ROOT, ConfigError, Settings, check_workers
from dialog.db import db
from tests.conftest import PASSWORD, csrf_from
from tests.helpers import counting, visible_text

NEW_PASSWORD = "a brand new passphrase"


def _settings(app: Flask, **changes: Any) -> None:
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"], **changes)


def _login(client: FlaskClient, email: str, password: str = PASSWORD,
           address: str = "127.0.0.1") -> int:
    page = client.get("/staff/login").get_data(as_text=True)
    response = client.post("/staff/login", data={"email": email, "password": password,
                                                 "csrf_token": csrf_from(page)},
                           environ_base={"REMOTE_ADDR": address})
    return response.status_code


def _copy_of(client: FlaskClient, app: Flask) -> FlaskClient:
    """Another browser holding a copy of `client`'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _sessions(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count(StaffSession.id))) or 0)


def _user_id(app: Flask, email: str) -> int:
    with app.app_context():
        found = db.session.scalar(select(User.id).where(User.email == email))
        assert found is not None
        return found


# --- Logout, password change, role change and deactivation end sessions on the server ---

def test_a_copied_cookie_stops_working_when_its_owner_logs_out(
        app: Flask, login_as: Callable[..., FlaskClient], world: dict[str, Any]) -> None:
    client = login_as(Role.ADMIN)
    csv = f"/staff/dialogues/{world['slug']}/responses.csv"
    thief = _copy_of(client, app)
    assert thief.get(csv).status_code == 200  # the copy works while the session lives
    token = csrf_from(client.get("/staff/").get_data(as_text=True))
    assert client.post("/staff/logout", data={"csrf_token": token}).status_code == 302
    for url in (csv, "/staff/", f"/staff/dialogues/{world['slug']}"):
        replay = thief.get(url)
        assert replay.status_code == 302 and "/staff/login" in replay.headers["Location"], url
    assert _sessions(app) == 0


def test_the_login_check_reads_session_user_and_organisation_in_one_statement(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    """Every staff page checks the session and shows who is logged in, for which
    organisation: one statement, not three."""
    client = login_as(Role.ADMIN)
    client.get("/staff/account/password").get_data()
    with counting(app) as statements:
        page = client.get("/staff/account/password")
    assert page.status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User).where(User.role == Role.ADMIN.value))
        assert user is not None
        shown = f"{user.email} ({user.organisation.name})"
    assert shown in visible_text(page)
    reads = [s for s in statements if "staff_session" in s or "user_account" in s
             or "FROM organisation" in s]
    assert len(reads) == 1, reads


def test_the_login_cookie_is_set_once_and_ends_with_the_longest_session(
        app: Flask, client: FlaskClient, make_user: Callable[..., str],
        world: dict[str, Any]) -> None:
    """The cookie expires when the session would at the latest (the idle time is kept on the
    server), so pages after the login neither sign nor send it again."""
    from datetime import UTC, datetime, timedelta
    from email.utils import parsedate_to_datetime

    email = make_user(email="admin@polisen.example", role=Role.ADMIN)
    page = client.get("/staff/login").get_data(as_text=True)
    login = client.post("/staff/login", data={"email": email,
                                              "password": PASSWORD,
                                              "csrf_token": csrf_from(page)})
    assert login.status_code == 302
    cookie = next(c for c in login.headers.getlist("Set-Cookie") if c.startswith("session="))
    expires = parsedate_to_datetime(cookie.split("Expires=")[1].split(";")[0])
    longest = timedelta(hours=app.config["SETTINGS"].session_max_hours)
    assert abs(expires - (datetime.now(UTC) + longest)) < timedelta(minutes=1)
    client.get("/staff/")  # the first page after the login adds the form token to the session
    for url in ("/staff/", f"/staff/dialogues/{world['slug']}"):
        shown = client.get(url)
        assert shown.status_code == 200
        assert shown.headers.getlist("Set-Cookie") == [], url


def test_the_cookie_holds_only_a_random_token_and_the_table_only_its_hash(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    client = login_as(Role.ADMIN)
    with client.session_transaction() as sess:
        token = sess["sid"]
        assert set(sess) <= {"sid", "_permanent", "csrf_token", "_fresh"}
    with app.app_context():
        stored = db.session.scalar(select(StaffSession.token_hash))
    assert stored and token not in stored and len(token) >= 40


def test_changing_the_password_ends_every_other_session(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    client = login_as(Role.EDITOR)
    email = "editor@polisen.example"
    other_browser = app.test_client()
    assert _login(other_browser, email) == 302
    thief = _copy_of(client, app)
    page = client.get("/staff/account/password")
    assert page.status_code == 200 and "Byt lösenord" in visible_text(page)
    changed = client.post("/staff/account/password", data={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD,
        "repeat_password": NEW_PASSWORD,
        "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert changed.status_code == 303
    assert "utloggad överallt" in visible_text(client.get(changed.headers["Location"]))
    assert client.get("/staff/").status_code == 200  # the person at the keyboard stays in
    assert other_browser.get("/staff/").status_code == 302
    assert thief.get("/staff/").status_code == 302
    assert _sessions(app) == 1
    assert _login(app.test_client(), email, PASSWORD) == 422
    assert _login(app.test_client(), email, NEW_PASSWORD) == 302
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.password"))
        assert event is not None and event.actor_email == email
        assert event.details == {"sessions_ended": 2}  # this browser and the other
        assert PASSWORD not in str(event.details) and NEW_PASSWORD not in str(event.details)


@pytest.mark.parametrize("fields,message", [
    ({"current_password": "not my password", "new_password": NEW_PASSWORD,
      "repeat_password": NEW_PASSWORD}, "Det nuvarande lösenordet är fel."),
    ({"current_password": PASSWORD, "new_password": "short", "repeat_password": "short"},
     "minst 10 tecken"),
    ({"current_password": PASSWORD, "new_password": NEW_PASSWORD,
      "repeat_password": NEW_PASSWORD + "!"}, "inte likadana"),
    ({"current_password": PASSWORD, "new_password": PASSWORD, "repeat_password": PASSWORD},
     "skilja sig från"),
])
def test_a_refused_password_change_says_why_and_changes_nothing(
        app: Flask, login_as: Callable[..., FlaskClient], fields: dict[str, str],
        message: str) -> None:
    client = login_as(Role.VIEWER)
    other_browser = app.test_client()
    assert _login(other_browser, "viewer@polisen.example") == 302
    token = csrf_from(client.get("/staff/account/password").get_data(as_text=True))
    refused = client.post("/staff/account/password", data=fields | {"csrf_token": token})
    assert refused.status_code == 422
    assert message in visible_text(refused)
    assert other_browser.get("/staff/").status_code == 200
    assert _login(app.test_client(), "viewer@polisen.example", PASSWORD) == 302
    english = client.post("/staff/account/password", data=fields | {"csrf_token": token},
                          headers={"Accept-Language": "en"})
    assert english.status_code == 422


def test_a_new_role_or_deactivation_ends_the_accounts_sessions(
        app: Flask, login_as: Callable[..., FlaskClient], make_user: Callable[..., str]) -> None:
    admin = login_as(Role.ADMIN)
    editor_email = make_user("redaktor@kommun.example", Role.EDITOR)
    editor = app.test_client()
    assert _login(editor, editor_email) == 302
    editor_id = _user_id(app, editor_email)
    token = csrf_from(admin.get("/staff/users").get_data(as_text=True))
    admin.post(f"/staff/users/{editor_id}", data={"action": "role", "role": "viewer",
                                                  "csrf_token": token})
    assert editor.get("/staff/").status_code == 302  # logged out: the new role needs a login
    assert _login(editor, editor_email) == 302
    assert editor.get("/staff/").status_code == 200
    admin.post(f"/staff/users/{editor_id}", data={"action": "deactivate", "csrf_token": token})
    assert editor.get("/staff/").status_code == 302
    assert admin.get("/staff/").status_code == 200  # the admin's own session is untouched
    assert _sessions(app) == 1


# --- Throttling that slows guessing but does not lock the real user out ---

def test_wrong_passwords_from_five_places_do_not_lock_the_admin_out(
        app: Flask, make_user: Callable[..., str]) -> None:
    admin = make_user("admin@polisen.example", Role.ADMIN)
    for n in range(5):
        attacker = app.test_client()
        results = [_login(attacker, admin, f"guess number {i}", f"198.51.100.{n}")
                   for i in range(7)]
        assert results == [422] * 5 + [429] * 2  # each place gets five guesses
    # The admin, from their own address, in a browser that never logged in before.
    assert _login(app.test_client(), admin, PASSWORD, "192.0.2.10") == 302
    # And again, repeatably, while the attack goes on.
    for n in range(5):
        assert _login(app.test_client(), admin, "another guess", f"198.51.100.{n}") == 429
    assert _login(app.test_client(), admin, PASSWORD, "192.0.2.10") == 302


def test_a_known_browser_gets_in_during_an_attack_from_many_places(
        app: Flask, make_user: Callable[..., str]) -> None:
    _settings(app, login_rate_per_account="10/hour")
    admin = make_user("admin@polisen.example", Role.ADMIN)
    own_browser = app.test_client()
    assert _login(own_browser, admin, PASSWORD, "192.0.2.10") == 302
    assert own_browser.get_cookie("dialog-device") is not None
    token = csrf_from(own_browser.get("/staff/").get_data(as_text=True))
    own_browser.post("/staff/logout", data={"csrf_token": token})
    for n in range(4):  # 20 guesses from 4 places: over the account's 10 per hour
        attacker = app.test_client()
        for i in range(5):
            _login(attacker, admin, f"guess {i}", f"198.51.100.{n}")
    # A browser that never logged in to this account waits, with an explanation...
    stranger = app.test_client()
    page = stranger.get("/staff/login").get_data(as_text=True)
    refused = stranger.post("/staff/login", data={
        "email": admin, "password": PASSWORD, "csrf_token": csrf_from(page)},
        environ_base={"REMOTE_ADDR": "192.0.2.99"})
    assert refused.status_code == 429
    assert "dator där du har loggat in förut" in visible_text(refused)
    # ...but the admin's own browser is let in.
    assert _login(own_browser, admin, PASSWORD, "192.0.2.10") == 302
    # A stolen device cookie still allows only five guesses.
    cookie = own_browser.get_cookie("dialog-device")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("dialog-device", cookie.value)
    results = [_login(thief, admin, f"stolen {i}", "203.0.113.5") for i in range(6)]
    assert results == [422] * 5 + [429]


def test_a_device_cookie_for_another_account_or_forged_is_not_trusted(
        app: Flask, make_user: Callable[..., str]) -> None:
    _settings(app, login_rate_per_account="3/hour")
    admin = make_user("admin@polisen.example", Role.ADMIN)
    other = make_user("annan@polisen.example", Role.VIEWER)
    browser = app.test_client()
    assert _login(browser, other, PASSWORD) == 302
    for n in range(3):
        _login(app.test_client(), admin, "guess", f"198.51.100.{n}")
    assert _login(browser, admin, PASSWORD, "192.0.2.1") == 429  # known for `other` only
    browser.set_cookie("dialog-device", "forged.value.here")
    assert _login(browser, admin, PASSWORD, "192.0.2.1") == 429


# --- Failed logins leave a bounded audit trail ---

def test_a_thousand_failed_logins_write_a_bounded_number_of_audit_rows(
        app: Flask, make_user: Callable[..., str], monkeypatch: pytest.MonkeyPatch) -> None:
    from dialog.accounts.services import users as services

    admin = make_user("admin@polisen.example", Role.ADMIN)
    cheap = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1")
    with app.app_context():  # a quick hash, so a thousand checks take seconds
        user = db.session.scalar(select(User).where(User.email == admin))
        assert user is not None
        user.password_hash = cheap
        db.session.commit()
    monkeypatch.setattr(services._DUMMY, "password_hash", cheap)
    _settings(app, login_rate_per_account_client="10000/hour",
              login_rate_per_client="10000/hour", login_rate_per_account="10000/hour")
    from dialog.accounts.services.login import attempt_login

    for n in range(1000):  # through the service the login page calls, from 1000 addresses
        email = admin if n % 2 else f"guess{n}@polisen.example"
        with app.test_request_context(
                "/staff/login", method="POST",
                environ_base={"REMOTE_ADDR": f"10.0.{n // 250}.{n % 250}"}):
            attempt = attempt_login(email, f"wrong {n}")
            assert attempt.user is None and attempt.refused is None
    client = app.test_client()
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    _settings(app, login_rate_per_account_client="5/15minutes")
    for _ in range(10):  # and throttled attempts are counted the same way
        client.post("/staff/login", data={"email": admin, "password": "x", "csrf_token": token})
    with app.app_context():
        rows = [(e.action, e.target_label, e.details["count"]) for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action.like("login.%")))]
    assert sorted(rows) == [("login.failure", "", 500), ("login.failure", admin, 505),
                            ("login.throttled", admin, 5)]
    assert not any("guess" in label for _action, label, _count in rows)


# --- Links come from the configured address, never from the Host header ---

def test_dialogue_links_ignore_the_host_header(app: Flask) -> None:
    from dialog.dialogues.display import public_link

    _settings(app, public_url="https://dialog.example.se/")
    with app.test_request_context("/staff/", headers={"Host": "evil.example"}):
        assert public_link("trygghet", "ABC") == "https://dialog.example.se/d/trygghet?code=ABC"


def test_production_needs_the_public_address() -> None:
    secret = {"DIALOG_ENV": "production", "DIALOG_SECRET_KEY": "k" * 40}
    with pytest.raises(ConfigError, match="DIALOG_PUBLIC_URL"):
        Settings.from_env(secret)
    with pytest.raises(ConfigError, match="DIALOG_PUBLIC_URL"):
        Settings.from_env(secret | {"DIALOG_PUBLIC_URL": "dialog.example.se"})
    assert Settings.from_env(secret | {"DIALOG_PUBLIC_URL": "https://dialog.example.se"})


# --- Staff pages are never cached ---

def test_staff_pages_and_the_login_page_are_not_stored(client: FlaskClient) -> None:
    for url in ("/staff/login", "/staff/", "/staff/no-such-page"):
        assert client.get(url).headers.get("Cache-Control") == "no-store", url
    assert "no-store" not in client.get("/sv/").headers.get("Cache-Control", "")


# --- Several workers without Redis refuse to start in production ---

PRODUCTION = {"DIALOG_ENV": "production", "DIALOG_SECRET_KEY": "k" * 40,
              "DIALOG_PUBLIC_URL": "https://dialog.example.se"}


def test_several_workers_without_redis_refuse_to_start_in_production() -> None:
    settings = Settings.from_env(PRODUCTION)
    with pytest.raises(ConfigError, match="DIALOG_REDIS_URL"):
        check_workers(settings, 4)
    check_workers(settings, 1)
    check_workers(Settings.from_env(PRODUCTION | {"DIALOG_REDIS_URL": "redis://r:6379/0"}), 4)
    check_workers(Settings.from_env({}), 4)  # development: counters per process are fine


@pytest.mark.parametrize("extra,refused", [
    ({"DIALOG_WORKERS": "4"}, True),
    ({"DIALOG_WORKERS": "1"}, False),
    ({"DIALOG_WORKERS": "4", "DIALOG_REDIS_URL": "redis://r:6379/0"}, False),
])
def test_gunicorn_configuration_checks_the_layout(
        monkeypatch: pytest.MonkeyPatch, extra: dict[str, str], refused: bool) -> None:
    monkeypatch.delenv("DIALOG_REDIS_URL", raising=False)
    for name, value in (PRODUCTION | extra).items():
        monkeypatch.setenv(name, value)
    if refused:
        with pytest.raises(SystemExit, match=r"Dialog refuses to start.*DIALOG_REDIS_URL"):
            runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    else:
        assert runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"] == int(
            extra["DIALOG_WORKERS"])
