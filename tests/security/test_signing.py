"""Signed cookies and tokens made with the kept keys are itsdangerous's and Flask's own, byte
for byte: what was issued before a deploy stays valid, and nothing else is accepted."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from dialog import signing

SECRET = "a" * 40
OLD_SECRET = "b" * 40


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both sides sign at the same second."""
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0)


@pytest.mark.parametrize("salt", ["dialog-form-token", "dialog-known-device"])
@pytest.mark.parametrize("value", [{"d": 7, "n": "abc"}, {"u": 12, "v": "å/ä?=&"}, [], "x"])
def test_tokens_are_itsdangerous_own(salt: str, value: object) -> None:
    plain = URLSafeTimedSerializer(SECRET, salt=salt)
    kept = signing.serializer((SECRET.encode(),), salt)
    assert kept.dumps(value) == plain.dumps(value)
    assert kept.loads(plain.dumps(value), max_age=60) == value
    assert plain.loads(kept.dumps(value), max_age=60) == value


def test_a_token_of_another_key_salt_or_change_is_refused() -> None:
    kept = signing.serializer((SECRET.encode(),), "dialog-form-token")
    token = kept.dumps({"d": 1})
    for forged in (URLSafeTimedSerializer(OLD_SECRET, salt="dialog-form-token").dumps({"d": 1}),
                   URLSafeTimedSerializer(SECRET, salt="dialog-known-device").dumps({"d": 1}),
                   token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
                   token.replace(token.split(".")[0], kept.dumps({"d": 2}).split(".")[0])):
        with pytest.raises(BadSignature):
            kept.loads(forged, max_age=60)


def test_an_old_token_expires(monkeypatch: pytest.MonkeyPatch) -> None:
    kept = signing.serializer((SECRET.encode(),), "dialog-form-token")
    token = kept.dumps({"d": 1})
    monkeypatch.setattr(time, "time", lambda: 1_800_000_000.0 + 61)
    with pytest.raises(SignatureExpired):
        kept.loads(token, max_age=60)


def test_a_rotated_key_still_verifies_and_the_new_one_signs() -> None:
    old = URLSafeTimedSerializer(OLD_SECRET, salt="dialog-form-token").dumps({"d": 1})
    kept = signing.serializer((OLD_SECRET.encode(), SECRET.encode()), "dialog-form-token")
    assert kept.loads(old, max_age=60) == {"d": 1}
    assert kept.dumps({"d": 1}) == URLSafeTimedSerializer(SECRET, salt="dialog-form-token"
                                                          ).dumps({"d": 1})


def test_the_session_cookie_is_flasks_own() -> None:
    app = Flask(__name__)
    app.secret_key = SECRET
    app.config["SECRET_KEY_FALLBACKS"] = [OLD_SECRET]
    flask_own = SecureCookieSessionInterface().get_signing_serializer(app)
    kept = signing.SessionInterface().get_signing_serializer(app)
    assert flask_own is not None and kept is not None
    data = {"csrf_token": "0123abcd", "_user": 5, "answered": [1, 2]}
    assert kept.dumps(data) == flask_own.dumps(data)
    assert kept.loads(flask_own.dumps(data)) == data
    app_before_rotation = Flask(__name__)
    app_before_rotation.secret_key = OLD_SECRET
    issued_before = SecureCookieSessionInterface().get_signing_serializer(app_before_rotation)
    assert issued_before is not None
    assert kept.loads(issued_before.dumps(data)) == data
    other = Flask(__name__)
    other.secret_key = "c" * 40
    stranger = SecureCookieSessionInterface().get_signing_serializer(other)
    assert stranger is not None
    with pytest.raises(BadSignature):
        kept.loads(stranger.dumps(data))
