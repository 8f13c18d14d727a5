"""The audit log of staff actions: who did what, when, and on what.

Events are written in the request's transaction, so an action that is rolled back leaves no
event, and an event never outlives the change it describes. Login failures are the exception:
they are written even though the login page answers with an error status, and counted in one
row per account and quarter of an hour (see `audit_counted`).
Nothing about residents is ever recorded here, and no client address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from flask import has_request_context
from sqlalchemy import (
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    cast,
    or_,
    select,
    text,
    tuple_,
    union,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from dialog.accounts.models import User
from dialog.db import Base, db, utcnow

PAGE_SIZE = 50

# Every action the code records (the choices of the log's filter). A test reads every call of
# `audit` and `audit_counted` and holds this list to what they write.
ACTIONS = (
    "answer.paper",
    *(f"concerns.{decision}" for decision in (
        "exclude", "exclude_answers", "include", "merge", "place_answers", "promote",
        "publish", "rename", "run", "split", "undo")),
    "dialogue.create", "dialogue.edit", "dialogue.privacy", "dialogue.status",
    "focus_area.edit",
    "invitations.create",
    "login.failure", "login.success", "login.throttled", "logout",
    "promise.activity.create", "promise.activity.update", "promise.approve",
    "promise.complete", "promise.create", "promise.publish", "promise.update",
    "promise.update.create",
    "question.add", "question.add_templates", "question.correct", "question.down",
    "question.edit", "question.remove", "question.up",
    "responses.export",
    "retention.delete",
    "user.activate", "user.create", "user.deactivate", "user.password", "user.role",
)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    # The log is read newest first, a page at a time from where the last one ended: by an
    # organisation (its users' events, of any action or of one), by the system's events
    # (few: the command line and jobs), or all of it.
    __table_args__ = (
        Index("ix_audit_event_created_at_id", "created_at", "id"),
        Index("ix_audit_event_organisation_newest", "actor_organisation_id", "created_at", "id"),
        Index("ix_audit_event_organisation_action_newest", "actor_organisation_id", "action",
              "created_at", "id"),
        Index("ix_audit_event_system_newest", "created_at", "id",
              postgresql_where=text("actor_id IS NULL"), sqlite_where=text("actor_id IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    # The actor's organisation when they acted: whose log the event is in.
    actor_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="SET NULL"))
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
        actor_organisation_id=actor.organisation_id if actor else None,
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


def _owned_by(organisation_id: Any) -> ColumnElement[bool]:
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


@dataclass(frozen=True)
class EventPage:
    """Events newest first, and where the pages next to it begin: `older` for `before=`,
    `newer` for `after=` (None when there is no such page)."""

    events: list[AuditEvent]
    older: int | None
    newer: int | None


def _newest_ids(conditions: list[ColumnElement[bool]], organisation_id: Any,
                forward: bool, limit: Any) -> Select[int, datetime]:
    """Ids (and times) of the first `limit` events matching `conditions` in reading order
    (oldest first when `forward`), of one organisation when it is given: its users' events
    and the system's events on its objects, each read from an index in that order."""
    newest_first = not forward
    order = ((AuditEvent.created_at.desc(), AuditEvent.id.desc()) if newest_first
             else (AuditEvent.created_at.asc(), AuditEvent.id.asc()))

    def first(*where: ColumnElement[bool]) -> Select[int, datetime]:
        return (select(AuditEvent.id, AuditEvent.created_at).where(*where, *conditions)
                .order_by(*order).limit(limit))

    if organisation_id is None:
        return first()
    both = union(
        first(AuditEvent.actor_organisation_id == organisation_id).subquery().select(),
        first(AuditEvent.actor_id.is_(None), _owned_by(organisation_id)).subquery().select(),
    ).subquery()
    return (select(both.c.id, both.c.created_at)
            .order_by(*((both.c.created_at.desc(), both.c.id.desc()) if newest_first
                        else (both.c.created_at.asc(), both.c.id.asc())))
            .limit(limit))


def _beyond(event_id: Any, *, newer: bool) -> ColumnElement[bool]:
    """Events after (`newer`) or before the event `event_id` in the log's order."""
    at = select(AuditEvent.created_at).where(AuditEvent.id == event_id).scalar_subquery()
    key, edge = tuple_(AuditEvent.created_at, AuditEvent.id), tuple_(at, event_id)
    return key > edge if newer else key < edge


# The statements of a page, built once per shape with their values bound when run: building
# the organisation's condition (three sub-selects, a union) cost more than running it.
_ACTION = bindparam("action", type_=String)
_ORGANISATION = bindparam("organisation_id", type_=Integer)
_CURSOR = bindparam("cursor", type_=Integer)
_LIMIT = bindparam("limit", type_=Integer)


@cache
def _page_statement(action: bool, organisation: bool, forward: bool, cursor: bool
                    ) -> Select[AuditEvent]:
    """The events of a page: of an action or any, of an organisation or all, read forward
    (`after=`) or back, from an event or from the newest."""
    conditions = [AuditEvent.action == _ACTION] if action else []
    if cursor:
        conditions.append(_beyond(_CURSOR, newer=forward))
    ids = _newest_ids(conditions, _ORGANISATION if organisation else None, forward,
                      _LIMIT).subquery()
    return (select(AuditEvent).join(ids, AuditEvent.id == ids.c.id)
            .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()))


@cache
def _beyond_statement(action: bool, organisation: bool, newer: bool
                      ) -> Select[int, datetime]:
    """Whether there is an event past the event `cursor`, newer or older (one row or none)."""
    conditions = [AuditEvent.action == _ACTION] if action else []
    return _newest_ids([*conditions, _beyond(_CURSOR, newer=newer)],
                       _ORGANISATION if organisation else None, newer, 1)


def recent_events(session: Session, action: str = "", *, organisation_id: int | None = None,
                  before: int | None = None, after: int | None = None,
                  size: int = PAGE_SIZE) -> EventPage:
    """The `size` newest events (of one action, when given) older than the event `before`
    (or the `size` oldest newer than `after`), newest first. With `organisation_id`, only
    the events of that organisation's users and the system's events on its objects.

    Paged from an event, not by OFFSET, and never counted: every page costs what the first
    does. Two statements, three when reached by `before` or `after` (is there a page on
    the side it came from?)."""
    forward = after is not None and before is None
    cursor = after if forward else before
    params = {"action": action, "organisation_id": organisation_id, "cursor": cursor,
              "limit": size + 1}
    organisation = organisation_id is not None
    events = list(session.scalars(
        _page_statement(bool(action), organisation, forward, cursor is not None), params))
    more, events = len(events) > size, (events[-size:] if forward else events[:size])
    beyond = False  # is there anything on the side this page was reached from?
    if events and cursor is not None:
        edge = events[-1].id if forward else events[0].id
        side = _beyond_statement(bool(action), organisation, not forward)
        beyond = session.execute(side, {**params, "cursor": edge}).first() is not None
    older_exists, newer_exists = (beyond, more) if forward else (more, beyond)
    return EventPage(events,
                     older=events[-1].id if events and older_exists else None,
                     newer=events[0].id if events and newer_exists else None)
