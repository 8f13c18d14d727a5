"""Staff sessions held on the server: started at login, ended by logout, by time, and by every
account change that should end them (new password, new role, deactivation).

The browser's signed cookie carries only a random token; the table stores its SHA-256, so
neither a copied cookie after logout nor a copy of the table logs anyone in. No Flask here:
the CLI and tests call these functions directly.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import bindparam, delete, or_, select
from sqlalchemy.orm import Session, joinedload

from dialog.accounts.models import StaffSession, User
from dialog.db import utcnow

# A session's "seen" time is written at most this often, not on every request.
TOUCH_EVERY = timedelta(seconds=60)


@dataclass(frozen=True)
class Lifetime:
    """How long a session lives: since its last request, and at most since login."""

    idle: timedelta
    total: timedelta


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def start_session(session: Session, user: User, lifetime: Lifetime) -> str:
    """A new session for `user`; returns the token for the cookie (stored only as a hash).

    Also clears out sessions that have expired, so the table stays small without a job.
    """
    now = utcnow()
    session.execute(delete(StaffSession).where(or_(
        StaffSession.created_at < now - lifetime.total,
        StaffSession.seen_at < now - lifetime.idle,
    )))
    token = secrets.token_urlsafe(32)
    session.add(StaffSession(token_hash=_hash(token), user_id=user.id, created_at=now,
                             seen_at=now))
    session.flush()
    return token


# Built once: on every staff request, making the statement and its cache key cost as much as
# loading the row.
_FIND = select(StaffSession).options(
    joinedload(StaffSession.user).joinedload(User.organisation)).where(
    StaffSession.token_hash == bindparam("token_hash"))


def find_session(session: Session, token: str, lifetime: Lifetime) -> StaffSession | None:
    """The live session for `token`, or None when it was ended, has expired or its user was
    deactivated. An expired session is deleted on the way; a live one is marked as seen.
    The user and their organisation come in the same statement: every staff page shows them."""
    found = session.scalar(_FIND, {"token_hash": _hash(token)})
    if found is None:
        return None
    now = utcnow()
    if (now - _aware(found.seen_at) > lifetime.idle
            or now - _aware(found.created_at) > lifetime.total
            or not found.user.is_active):
        session.delete(found)
        session.flush()
        return None
    if now - _aware(found.seen_at) > TOUCH_EVERY:
        found.seen_at = now
    return found


def end_session(session: Session, token: str) -> None:
    """Logout: this session is over, wherever its cookie has been copied to. Audited."""
    from dialog.audit import audit

    found = session.scalar(select(StaffSession).where(StaffSession.token_hash == _hash(token)))
    if found is None:
        return
    audit("logout", found.user, actor=found.user, session=session)
    session.delete(found)
    session.flush()


def end_all_sessions(session: Session, user: User) -> int:
    """End every session of `user` (after a new password, a new role, deactivation)."""
    result = session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
    return int(getattr(result, "rowcount", 0) or 0)
