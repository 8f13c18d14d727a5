"""Staff login: throttling that slows password guessing without locking the real user out,
and an audit trail of failures that a flood cannot grow without bound.

Failed logins are counted (see `dialog.ratelimit`; counter names are keyed HMACs, so neither an
address nor an e-mail address is kept in clear) in three ways:

- per account *and* client (`DIALOG_LOGIN_RATE_PER_ACCOUNT_CLIENT`, 5 per 15 minutes): one
  address guessing one account. Other addresses are not affected, so five wrong passwords from
  five places do not lock anyone out;
- per client (`DIALOG_LOGIN_RATE_PER_CLIENT`, 20 per 15 minutes): one address trying many
  accounts;
- per account, from browsers that have never logged in to it (`DIALOG_LOGIN_RATE_PER_ACCOUNT`,
  50 per hour): guessing spread over many addresses.

After a successful login the browser keeps a signed "known device" cookie for that account
(90 days). A known browser is exempt from the last two counters and has its own (the first
rate, counted per browser instead of per address), so no flood from elsewhere locks the real
user out of a browser they have used before; a stolen device cookie still allows only five
guesses per quarter of an hour.
"""

from __future__ import annotations

import enum
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select

from dialog import signing
from dialog.accounts.models import User
from dialog.accounts.services.users import authenticate, normalise_email
from dialog.audit import audit, audit_counted
from dialog.db import db
from dialog.ratelimit import Rate, limiter

DEVICE_DAYS = 90
# Failed and refused logins share one audit row per account (or one for unknown addresses)
# per window.
AUDIT_WINDOW = timedelta(minutes=15)
UNKNOWN_ACCOUNT = ("login", "unknown-account", "")


class Refusal(enum.StrEnum):
    """Why a login was refused before the password was even checked."""

    CLIENT = "client"  # this client (or this known browser) failed too often
    ACCOUNT = "account"  # this account failed too often from unknown browsers


@dataclass(frozen=True)
class LoginAttempt:
    user: User | None = None
    refused: Refusal | None = None
    # The known-device cookie to set after a successful login.
    device_cookie: str | None = None


def device_cookie_name() -> str:
    production = current_app.config["SETTINGS"].production
    return "__Host-dialog-device" if production else "dialog-device"


def _serializer() -> URLSafeTimedSerializer:
    return signing.app_serializer(current_app, "dialog-known-device")


def _known_device(account: User | None, raw: str | None) -> str | None:
    """The id of this browser if `raw` is its valid device cookie for `account`."""
    if account is None or not raw:
        return None
    try:
        data: Any = _serializer().loads(raw, max_age=DEVICE_DAYS * 86400)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("u") != account.id:
        return None
    device = data.get("d")
    return device if isinstance(device, str) else None


def _rates() -> tuple[Rate, Rate, Rate]:
    settings = current_app.config["SETTINGS"]
    return (Rate.parse(settings.login_rate_per_account_client),
            Rate.parse(settings.login_rate_per_client),
            Rate.parse(settings.login_rate_per_account))


def _buckets(email: str, device: str | None) -> list[tuple[str, str, Rate, Refusal]]:
    """The counters this attempt is checked against and, if it fails, added to."""
    per_pair, per_client, per_account = _rates()
    lim = limiter()
    if device is not None:
        return [("login-device", lim.hashed(f"{email}\n{device}"), per_pair, Refusal.CLIENT)]
    client = lim.client_key()
    return [
        ("login-pair", lim.hashed(f"{email}\n{client}"), per_pair, Refusal.CLIENT),
        ("login-client", client, per_client, Refusal.CLIENT),
        ("login-account", lim.hashed(email), per_account, Refusal.ACCOUNT),
    ]


def attempt_login(email: str, password: str, device_cookie: str | None = None) -> LoginAttempt:
    """Check a login against the throttles, then the password; audit the outcome.

    `device_cookie`: the browser's known-device cookie (named `device_cookie_name()`), if any.
    """
    email = normalise_email(email)
    account = None if "\x00" in email else db.session.scalar(
        select(User).where(User.email == email))
    target: Any = account if account is not None else UNKNOWN_ACCOUNT
    device = _known_device(account, device_cookie)
    buckets = _buckets(email, device)
    lim = limiter()
    for scope, key, rate, refusal in buckets:
        if lim.exceeded(scope, key, rate):
            audit_counted("login.throttled", target, AUDIT_WINDOW, {"reason": refusal.value})
            return LoginAttempt(refused=refusal)
    user = authenticate(db.session, email, password)
    if user is None:
        for scope, key, rate, _refusal in buckets:
            lim.hit(scope, key, rate)
        audit_counted("login.failure", target, AUDIT_WINDOW)
        return LoginAttempt()
    lim.reset(*buckets[0][:2])
    audit("login.success", user, actor=user)
    cookie = _serializer().dumps({"u": user.id, "d": device or secrets.token_urlsafe(16)})
    return LoginAttempt(user=user, device_cookie=cookie)
