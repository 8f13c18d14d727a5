"""The audit log of staff actions: who did what, when, and on what.

Events are written in the request's transaction, so an action that is rolled back leaves no
event, and an event never outlives the change it describes. Login failures are the exception:
they are written even though the login page answers with an error status, and counted in one
row per account and quarter of an hour (see `audit_counted`).
Nothing about residents is ever recorded here, and no client address.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import has_request_context
from sqlalchemy import ColumnElement, ForeignKey, String, and_, cast, func, or_, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from dialog.accounts.models import User
from dialog.db import Base, db, utcnow

PAGE_SIZE = 50


class AuditEvent(Base):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # A copy of the e-mail, so the log still says who acted after an account is removed.
    actor_email: Mapped[str] = mapped_column(String(254), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[str] = mapped_column(String(80), default="")
    target_label: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)

    actor: Mapped[User | None] = relationship()


def _describe(target: Any) -> tuple[str, str, str]:
    if target is None:
        return "", "", ""
    if isinstance(target, tuple):
        kind, ident, *rest = target
        return str(kind), str(ident), str(rest[0]) if rest else ""
    kind = getattr(target, "__tablename__", type(target).__name__.lower())
    label = getattr(target, "slug", None) or getattr(target, "email", None) or ""
    return kind, str(getattr(target, "id", "")), str(label)


def audit(
    action: str,
    target: Any = None,
    details: dict[str, Any] | None = None,
    *,
    actor: User | None = None,
    session: Session | None = None,
    commit_now: bool = False,
) -> AuditEvent:
    """Record a staff action. `target` is a model instance or a (type, id[, label]) tuple.

    `actor` defaults to the logged-in user. `commit_now` writes the event in its own
    transaction, for events (a failed login) whose request ends with an error status.
    """
    if actor is None and has_request_context():
        from dialog.auth import current_user

        actor = current_user()
    kind, ident, label = _describe(target)
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        actor_email=actor.email if actor else "",
        action=action[:60],
        target_type=kind[:40],
        target_id=ident[:80],
        target_label=label[:200],
        details=dict(details or {}),
    )
    if commit_now:
        from sqlalchemy.orm import Session as PlainSession

        with PlainSession(db.session.get_bind()) as own:
            own.add(event)
            own.commit()
            own.expunge(event)
        return event
    (session or db.session).add(event)
    return event


def audit_counted(action: str, target: Any, window: timedelta,
                  details: dict[str, Any] | None = None) -> None:
    """Record a repeated event (a failed login) as one row per target and time window that
    counts its repeats, so a flood of attempts cannot grow the log without bound. Written in
    its own transaction, like `commit_now`."""
    from sqlalchemy.orm import Session as PlainSession

    kind, ident, label = _describe(target)
    now = utcnow()
    with PlainSession(db.session.get_bind()) as own:
        row = own.scalar(
            select(AuditEvent)
            .where(AuditEvent.action == action[:60], AuditEvent.target_type == kind[:40],
                   AuditEvent.target_id == ident[:80], AuditEvent.created_at >= now - window)
            .order_by(AuditEvent.id.desc())
            .limit(1)
            .with_for_update()
        )
        stamp = now.isoformat(timespec="seconds")
        if row is None:
            own.add(AuditEvent(action=action[:60], target_type=kind[:40], target_id=ident[:80],
                               target_label=label[:200],
                               details={**(details or {}), "count": 1, "last_at": stamp}))
        else:
            count = int(row.details.get("count", 1)) + 1
            row.details = {**row.details, "count": count, "last_at": stamp}
        own.commit()


def _as_text(column: Any) -> Any:
    """Ids compared with `target_id`, which is text."""
    return cast(column, String)


def _owned_by(organisation_id: int) -> ColumnElement[bool]:
    """Events on an object of the organisation: its users, the dialogues it organises, the
    promises it is a party to. Changes by the system (command line, jobs) are shown to the
    organisations whose objects they changed."""
    from dialog.dialogues.models import dialogue_organiser
    from dialog.promises.models import Promise, promise_partner

    parties = or_(Promise.police_area_id == organisation_id,
                  Promise.municipality_id == organisation_id,
                  Promise.id.in_(select(promise_partner.c.promise_id)
                                 .where(promise_partner.c.organisation_id == organisation_id)))
    return or_(
        and_(AuditEvent.target_type == User.__tablename__, AuditEvent.target_id.in_(
            select(_as_text(User.id)).where(User.organisation_id == organisation_id))),
        and_(AuditEvent.target_type == "dialogue", AuditEvent.target_id.in_(
            select(_as_text(dialogue_organiser.c.dialogue_id))
            .where(dialogue_organiser.c.organisation_id == organisation_id))),
        and_(AuditEvent.target_type == Promise.__tablename__, AuditEvent.target_id.in_(
            select(_as_text(Promise.id)).where(parties))),
    )


def recent_events(session: Session, page: int = 1, action: str = "", *,
                  organisation_id: int | None = None) -> tuple[list[AuditEvent], int]:
    """One page of events (of one action, when given), newest first, and the number of
    pages. With `organisation_id`, only events by users of that organisation."""
    query = select(AuditEvent)
    if action:
        query = query.where(AuditEvent.action == action)
    if organisation_id is not None:
        query = query.where(or_(
            AuditEvent.actor_id.in_(select(User.id).where(User.organisation_id == organisation_id)),
            and_(AuditEvent.actor_id.is_(None), _owned_by(organisation_id)),
        ))
    total = int(session.scalar(select(func.count()).select_from(query.subquery())) or 0)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    events = list(session.scalars(
        query
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    ))
    return events, pages


def event_actions(session: Session) -> list[str]:
    """The actions that occur in the log (choices for its filter)."""
    return list(session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
