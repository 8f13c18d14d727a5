"""Who may do what, in one place: one rule per action, called by the services.

Every role (admin included) sees and acts only on dialogues whose organisers include the
user's organisation and on promises whose parties include it. Within their own organisation,
roles rank admin > editor > analyst > viewer:

- viewers read dialogues, their answers and promises, and download answers;
- analysts also run the analysis of concerns and decide on its groups;
- editors also create and edit dialogues, invitation codes, answers from paper, privacy
  notices and promises, and approve a promise for their organisation;
- admins also manage the staff accounts of their organisation and read its audit log.

The command line and background jobs act as `SYSTEM`, the installation itself, which may do
everything. A refusal raises `NotAllowed`; `hide` is true when the object belongs to other
organisations, so views answer 404 and do not confirm that it exists.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from werkzeug.exceptions import Forbidden

from dialog.accounts.models import Role, User


@dataclass(frozen=True)
class SystemActor:
    """The installation acting through the command line, a scheduled job or the demo."""

    name: str = "system"
    organisation_id: None = None

    @property
    def is_active(self) -> bool:
        return True


SYSTEM = SystemActor()
Actor = User | SystemActor


class Action(enum.StrEnum):
    VIEW_DIALOGUE = "view_dialogue"  # its page, answers (masked), QR, poster, comparison
    EXPORT_RESPONSES = "export_responses"  # the CSV with text exactly as typed
    CREATE_DIALOGUE = "create_dialogue"
    EDIT_DIALOGUE = "edit_dialogue"  # texts, status, questions, paper answers, privacy
    MANAGE_INVITATIONS = "manage_invitations"  # code batches and their printed sheets
    DELETE_ANSWERS = "delete_answers"
    ANALYSE = "analyse"  # run the analysis, rename, merge, split, exclude, promote
    VIEW_PROMISE = "view_promise"
    CREATE_PROMISE = "create_promise"
    EDIT_PROMISE = "edit_promise"  # texts, activities, feedback, publish, complete
    APPROVE_PROMISE = "approve_promise"  # for the user's own organisation
    MANAGE_USERS = "manage_users"  # accounts of the admin's own organisation
    VIEW_AUDIT = "view_audit"  # entries by users of the admin's own organisation


_READERS = frozenset({Role.ADMIN, Role.EDITOR, Role.ANALYST, Role.VIEWER})
_ANALYSTS = frozenset({Role.ADMIN, Role.EDITOR, Role.ANALYST})
_EDITORS = frozenset({Role.ADMIN, Role.EDITOR})
_ADMINS = frozenset({Role.ADMIN})

# The roles that may take each action (inside their own organisation).
ROLES: dict[Action, frozenset[Role]] = {
    Action.VIEW_DIALOGUE: _READERS,
    Action.EXPORT_RESPONSES: _READERS,
    Action.CREATE_DIALOGUE: _EDITORS,
    Action.EDIT_DIALOGUE: _EDITORS,
    Action.MANAGE_INVITATIONS: _EDITORS,
    Action.DELETE_ANSWERS: _EDITORS,
    Action.ANALYSE: _ANALYSTS,
    Action.VIEW_PROMISE: _READERS,
    Action.CREATE_PROMISE: _EDITORS,
    Action.EDIT_PROMISE: _EDITORS,
    Action.APPROVE_PROMISE: _EDITORS,
    Action.MANAGE_USERS: _ADMINS,
    Action.VIEW_AUDIT: _ADMINS,
}


class NotAllowed(Forbidden):
    """The actor may not take this action; `hide` means: answer as if it did not exist."""

    def __init__(self, action: Action, hide: bool = False) -> None:
        super().__init__(f"not allowed: {action}")
        self.action = action
        self.hide = hide
        if hide:
            self.code = 404


def organisation_ids(target: Any) -> set[int] | None:
    """The organisations an object belongs to, or None for actions without an object."""
    if target is None:
        return None
    if isinstance(target, User):
        return {target.organisation_id}
    parties = getattr(target, "parties", None)
    if callable(parties):  # a promise: police area, municipality and partners
        return {o.id for o in parties()}
    organisers = getattr(target, "organisers", None)
    if organisers is not None:  # a dialogue
        return {o.id for o in organisers}
    raise TypeError(f"no organisation rule for {type(target).__name__}")


def belongs(actor: Actor | None, target: Any) -> bool:
    """Whether `target` belongs to the actor's organisation (the system owns everything)."""
    if isinstance(actor, SystemActor):
        return True
    if actor is None or not actor.is_active:
        return False
    owners = organisation_ids(target)
    return owners is None or actor.organisation_id in owners


def has_role_for(actor: Actor | None, action: Action) -> bool:
    if isinstance(actor, SystemActor):
        return True
    return actor is not None and actor.is_active and actor.has_role(*ROLES[action])


def can(actor: Actor | None, action: Action, target: Any = None) -> bool:
    return belongs(actor, target) and has_role_for(actor, action)


def require(actor: Actor | None, action: Action, target: Any = None) -> None:
    """Raise `NotAllowed` unless `actor` may take `action` on `target`."""
    if not belongs(actor, target):
        raise NotAllowed(action, hide=True)
    if not has_role_for(actor, action):
        raise NotAllowed(action)


def actor_email(actor: Actor | None) -> str:
    return actor.email if isinstance(actor, User) else ""


def audit_actor(actor: Actor | None) -> User | None:
    """The user to name in the audit log (None for the system)."""
    return actor if isinstance(actor, User) else None
