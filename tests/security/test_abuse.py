"""Robots and floods: the honeypot, the submission rate limit and login throttling."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import Role
from dialog.audit import AuditEvent
from dialog.db import db
from dialog.ratelimit import Limiter, MemoryStore, Rate, RedisStore
from tests.conftest import PASSWORD, csrf_from
from tests.external import redis_client
from tests.helpers import count_responses, open_form, visible_text

URL = "/sv/d/trygghet-norra"


def _settings(app: Flask, **changes: str) -> None:
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"], **changes)


def test_honeypot_is_hidden_from_people_and_screen_readers(client: FlaskClient,
                                                            names: list[str]) -> None:
    page = client.get(URL).get_data(as_text=True)
    wrapper = re.search(r'<div class="hp" aria-hidden="true">(.*?)</div>', page, re.S)
    assert wrapper, "the honeypot sits in a hidden wrapper"
    field = re.search(r'<input[^>]*name="homepage"[^>]*>', wrapper.group(1))
    assert field and 'tabindex="-1"' in field.group(0) and 'autocomplete="off"' in field.group(0)


def test_filled_honeypot_gets_the_normal_thanks_and_nothing_is_stored(
        app: Flask, client: FlaskClient, names: list[str]) -> None:
    data = open_form(client, URL) | {names[0]: "safe", names[1]: "Köp billiga klockor",
                                     "homepage": "http://spam.example", "send": "1"}
    response = client.post(URL, data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith("/thanks")
    assert count_responses(app) == 0
    assert client.get(response.headers["Location"]).status_code == 200


def test_submissions_over_the_limit_get_a_friendly_429_that_keeps_the_answers(
        app: Flask, client: FlaskClient, names: list[str]) -> None:
    _settings(app, submit_rate_limit="2/hour")
    for _ in range(2):
        data = open_form(client, URL) | {names[0]: "safe", "send": "1"}
        assert client.post(URL, data=data).status_code == 303
    data = open_form(client, URL) | {names[0]: "unsafe", names[1]: "Mörkt vid <b>torget</b>",
                                     "send": "1"}
    refused = client.post(URL, data=data)
    assert refused.status_code == 429
    text = visible_text(refused)
    assert "vänta en stund" in text.lower()
    assert "Mörkt vid <b>torget</b>" in text  # kept, and escaped
    assert "<b>torget</b>" not in refused.get_data(as_text=True)
    assert count_responses(app) == 2
    english = client.post("/en/d/trygghet-norra",
                          data=open_form(client, URL) | {names[0]: "safe", "send": "1"})
    assert english.status_code == 429 and "wait a while" in visible_text(english)


def _try_login(client: FlaskClient, email: str, password: str,
               address: str = "127.0.0.1") -> int:
    page = client.get("/staff/login").get_data(as_text=True)
    response = client.post("/staff/login", data={"email": email, "password": password,
                                                 "csrf_token": csrf_from(page)},
                           environ_base={"REMOTE_ADDR": address})
    return response.status_code


def test_login_is_throttled_per_account_and_client_with_a_clear_message(
        app: Flask, client: FlaskClient, make_user: Callable[..., str]) -> None:
    email = make_user("analys@polisen.example")
    other = make_user("annan@polisen.example")
    for _ in range(5):
        assert _try_login(client, email, "wrong password!") == 422
    assert _try_login(client, email, PASSWORD) == 429  # even the right password waits
    page = client.get("/staff/login")
    assert page.status_code == 200
    response = client.post("/staff/login", data={
        "email": email, "password": PASSWORD, "csrf_token": csrf_from(page.get_data(as_text=True))})
    assert "Vänta 15 minuter" in visible_text(response) or "Wait 15 minutes" in visible_text(
        response)
    assert _try_login(client, other, PASSWORD) == 302  # another account is not affected
    with app.app_context():
        events = list(db.session.scalars(select(AuditEvent)))
        actions = [e.action for e in events]
        details = [str(e.details) for e in events]
        failures = [(e.details["count"], e.target_label) for e in events
                    if e.action == "login.failure"]
    # Five failures in one row that counts them, labelled with the account.
    assert failures == [(5, email)]
    assert "login.throttled" in actions and "login.success" in actions
    assert not any("wrong password" in d or PASSWORD in d for d in details)


def test_login_is_throttled_per_client(app: Flask, client: FlaskClient,
                                       make_user: Callable[..., str]) -> None:
    _settings(app, login_rate_per_client="3/15minutes")
    email = make_user("analys@polisen.example")
    for n in range(3):
        assert _try_login(client, f"guess{n}@polisen.example", "wrong password!") == 422
    assert _try_login(client, email, PASSWORD) == 429


def test_limiter_keys_never_contain_the_address(app: Flask, client: FlaskClient,
                                                names: list[str]) -> None:
    client.post(URL, data=open_form(client, URL) | {names[0]: "safe", "send": "1"},
                environ_base={"REMOTE_ADDR": "203.0.113.77"})
    store = app.extensions["dialog_limiter"].store
    assert isinstance(store, MemoryStore)
    keys = list(store._counters)
    assert keys and not any("203.0.113" in k for k in keys)
    assert not _recoverable(keys)


def _recoverable(stored: list[str]) -> bool:
    """Whether an address in 203.0.113.0/24 can be found again from what the store holds:
    every stored string is tried as the salt of the old `sha256(salt:ip)` names, as an HMAC key
    and as the secret of today's derived key."""
    import hashlib
    import hmac

    parts = {part for s in stored for part in s.split(":")}
    for candidate in (f"203.0.113.{n}" for n in range(256)):
        for salt in parts | {""}:
            guesses = {hashlib.sha256(f"{salt}:{candidate}".encode()).hexdigest()[:32],
                       hmac.new(salt.encode(), candidate.encode(), "sha256").hexdigest()[:32],
                       Limiter(MemoryStore(), salt).hashed(candidate)}
            if parts & guesses:
                return True
    return False


def test_deactivated_staff_cannot_log_in_and_lose_their_session(
        app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    from dialog.accounts.models import User

    client = login_as(Role.EDITOR)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "editor@polisen.example"))
        assert user is not None
        user.is_active = False
        db.session.commit()
    assert client.get("/staff/").status_code == 302
    assert _try_login(client, "editor@polisen.example", PASSWORD) == 422


def test_rates_are_parsed_and_counted() -> None:
    assert Rate.parse("30/hour") == Rate(30, 3600)
    assert Rate.parse("5/15minutes") == Rate(5, 900)
    with pytest.raises(ValueError, match="not a rate"):
        Rate.parse("lots")
    now = [0.0]
    limiter = Limiter(MemoryStore(clock=lambda: now[0]), "a secret")
    rate = Rate(2, 60)
    assert limiter.hit("s", "k", rate) and limiter.hit("s", "k", rate)
    assert not limiter.hit("s", "k", rate) and limiter.exceeded("s", "k", rate)
    now[0] = 61.0
    assert limiter.hit("s", "k", rate)


def test_client_keys_come_from_the_secret_and_the_day() -> None:
    store = MemoryStore()
    one, same, other = Limiter(store, "s" * 40), Limiter(store, "s" * 40), Limiter(store, "t" * 40)
    assert one.hashed("203.0.113.7") == same.hashed("203.0.113.7")
    assert one.hashed("203.0.113.7") != other.hashed("203.0.113.7")
    assert one.hashed("203.0.113.7", "2026-11-28") != one.hashed("203.0.113.7", "2026-11-29")
    # The day's key is kept between requests, and changes with the day given: the same key as
    # an HMAC under the HMAC of the day, whatever was asked before.
    import hashlib
    import hmac

    for day in ("2026-11-28", "2026-11-29", "2026-11-28"):
        daily = hmac.new(b"s" * 40, f"dialog-ratelimit:{day}".encode(), hashlib.sha256).digest()
        assert one.hashed("203.0.113.7", day) == hmac.new(
            daily, b"203.0.113.7", hashlib.sha256).hexdigest()[:32]


def test_redis_store_shares_counters_and_holds_nothing_that_recovers_an_address(
        app: Flask, client: FlaskClient, names: list[str]) -> None:
    store = redis_client()
    first = Limiter(RedisStore(store), "s" * 40)
    second = Limiter(RedisStore(store), "s" * 40)
    rate = Rate(2, 60)
    assert first.hit("s", "k", rate) and second.hit("s", "k", rate)
    assert not first.hit("s", "k", rate)
    assert 0 < store.ttl("dialog:rl:s:k") <= 60
    store.flushdb()

    # The app's own counters: a submission and a failed login from one address.
    app.extensions["dialog_limiter"] = Limiter(RedisStore(store), app.config["SECRET_KEY"])
    client.post(URL, data=open_form(client, URL) | {names[0]: "safe", "send": "1"},
                environ_base={"REMOTE_ADDR": "203.0.113.77"})
    _try_login(client, "nobody@polisen.example", "wrong password!", "203.0.113.77")
    stored = []
    for key in store.scan_iter("*"):
        stored.append(key.decode())
        value = store.get(key)
        assert value is not None and value.decode().isdigit(), "only counts are stored"
        stored.append(value.decode())
    assert len(stored) >= 8  # submit, and pair, client and account counters of the login
    joined = " ".join(stored)
    assert "203.0.113" not in joined and "salt" not in joined
    assert app.config["SECRET_KEY"] not in joined
    assert not _recoverable(stored)
    store.flushdb()
