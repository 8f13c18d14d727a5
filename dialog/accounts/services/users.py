"""Account actions, callable without HTTP."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dialog.accounts.models import Organisation, OrganisationKind, Role, User
from dialog.accounts.services.sessions import end_all_sessions
from dialog.audit import audit

MIN_PASSWORD_LENGTH = 10

if TYPE_CHECKING:
    from dialog.authz import Actor

# Compared against when the e-mail is unknown, so a failed login takes the same time either way.
_DUMMY = User(email="", password_hash="")
_DUMMY.set_password("not-a-real-password")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def authenticate(session: Session, email: str, password: str) -> User | None:
    address = normalise_email(email)
    # PostgreSQL refuses NUL in a query; no stored address holds one.
    user = None if "\x00" in address else session.scalar(
        select(User).where(User.email == address))
    if user is None:
        _DUMMY.check_password(password)
        return None
    return user if user.check_password(password) and user.is_active else None


def get_or_create_organisation(
    session: Session, name: str, kind: str = OrganisationKind.OTHER.value
) -> Organisation:
    organisation = session.scalar(
        select(Organisation).where(func.lower(Organisation.name) == name.strip().lower())
    )
    if organisation is None:
        organisation = Organisation(name=name.strip(), kind=kind)
        session.add(organisation)
        session.flush()
    return organisation


def create_user(
    session: Session,
    email: str,
    password: str,
    role: Role,
    organisation: Organisation,
    *,
    is_demo: bool = False,
    actor: Actor | None = None,
) -> User:
    """A staff account. Without `actor` the command line (or the demo) creates it."""
    from dialog.authz import audit_actor

    email = normalise_email(email)
    if "@" not in email:
        raise ValueError("not an e-mail address")
    if session.scalar(select(User.id).where(User.email == email)) is not None:
        raise ValueError(f"a user with e-mail {email} already exists")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError("the password must have at least 10 characters")
    user = User(email=email, role=role.value, organisation=organisation, is_demo=is_demo)
    user.set_password(password)
    session.add(user)
    session.flush()
    audit("user.create", user, {"role": user.role, "organisation": organisation.name},
          actor=audit_actor(actor), session=session)
    return user


def _audit_actor(actor: Actor) -> User | None:
    from dialog.authz import audit_actor

    return audit_actor(actor)


class AccountError(ValueError):
    """An account change the rules do not allow; the code names the reason."""


def _other_active_admins(session: Session, user: User) -> int:
    return int(session.scalar(select(func.count(User.id)).where(
        User.role == Role.ADMIN.value, User.is_active.is_(True), User.id != user.id)) or 0)


def _authorise(actor: Actor, user: User) -> None:
    """Admins manage only accounts of their own organisation, and never their own here."""
    from dialog.authz import Action, require

    require(actor, Action.MANAGE_USERS, user)
    if actor is user:
        raise AccountError("self")


def create_account(session: Session, email: str, password: str, role: Role, *,
                   actor: User) -> User:
    """An admin creates a staff account in the admin's own organisation."""
    from dialog.authz import Action, require

    require(actor, Action.MANAGE_USERS)
    return create_user(session, email, password, role, actor.organisation, actor=actor)


def change_role(session: Session, user: User, role: Role, *, actor: Actor) -> None:
    """Give `user` another role; the last active admin stays an admin. The user's sessions
    end, so the new role applies from their next login and no open page keeps the old one."""
    _authorise(actor, user)
    if user.role == Role.ADMIN and role != Role.ADMIN and not _other_active_admins(session, user):
        raise AccountError("last_admin")
    old = user.role
    if old != role.value:
        end_all_sessions(session, user)
    user.role = role.value
    session.flush()
    audit("user.role", user, {"from": old, "to": role.value}, actor=_audit_actor(actor),
          session=session)


def set_active(session: Session, user: User, active: bool, *, actor: Actor) -> None:
    """Deactivate (or reactivate) an account; the last active admin cannot be deactivated.
    Deactivation ends every session of the account at once."""
    _authorise(actor, user)
    if not active and user.role == Role.ADMIN and not _other_active_admins(session, user):
        raise AccountError("last_admin")
    if not active:
        end_all_sessions(session, user)
    user.is_active = active
    session.flush()
    audit("user.activate" if active else "user.deactivate", user, actor=_audit_actor(actor),
          session=session)


def change_password(session: Session, user: User, current: str, new: str) -> None:
    """A user sets a new password, proving the current one. Every session of the account ends
    (a stolen cookie included); the caller starts a fresh one for the person at the keyboard.
    The change is recorded in the audit log, without either password."""
    if not user.check_password(current):
        raise AccountError("wrong_password")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise AccountError("too_short")
    if new == current:
        raise AccountError("same_password")
    user.set_password(new)
    ended = end_all_sessions(session, user)
    audit("user.password", user, {"sessions_ended": ended}, actor=user, session=session)
    session.flush()


def list_users(session: Session, actor: Actor) -> list[User]:
    """The accounts `actor` administers: those of its own organisation."""
    from dialog.authz import Action, SystemActor, require

    require(actor, Action.MANAGE_USERS)
    query = select(User).order_by(User.email)
    if not isinstance(actor, SystemActor):
        query = query.where(User.organisation_id == actor.organisation_id)
    return list(session.scalars(query))
