"""Invitation codes for targeted dialogues: single use, and never linked to the answer.

Only codes still unused are stored. Redeeming a code deletes its row in the transaction that
stores the answer, so nothing that remains (no column, no flag, no row version) records when a
code was used or which answer it let in: an UPDATE would leave the used row with the answer's
transaction id (`xmin` on PostgreSQL) and move it to the end of the table (`ctid`, and so the
order of `pg_dump`), which together give the order of use and so the answer. A deleted row is
gone from every table, dump and system column that a reader can see (see README, "Privacy").

A batch keeps the number of codes it was issued with; reach is that number minus the codes
still unused. Batches are never smaller than `MIN_BATCH`, so the count of used codes never
narrows an answer down to fewer than that many people.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from dialog.audit import audit
from dialog.authz import Action, Actor, audit_actor, require
from dialog.dialogues.models import CODE_LENGTH, Dialogue, InviteBatch, InviteCode
from surveys.questions import has_bad_characters

# 32 symbols without 0/O and 1/I, so a code read aloud or from paper is unambiguous;
# 8 symbols give 40 bits.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
GROUP = 4
# A batch of one code would tell whoever watches "codes used" whose answer just arrived.
MIN_BATCH = 10
MAX_BATCH = 5000


@dataclass(frozen=True)
class Reach:
    batch_id: int
    label: str
    issued: int
    used: int


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def display(code: str) -> str:
    """K7QM4TXD -> K7QM-4TXD, the way it is printed."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalise(typed: str) -> str | None:
    """What a resident typed, as a stored code, or None if it cannot be one."""
    cleaned = "".join(ch for ch in typed.upper() if not ch.isspace() and ch not in "-–—")
    if len(cleaned) != CODE_LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


class BatchSizeError(ValueError):
    """A batch outside MIN_BATCH..MAX_BATCH codes."""


def issue_codes(session: Session, dialogue: Dialogue, count: int, label: str = "", *,
                actor: Actor) -> list[str]:
    """Create a batch of `count` new codes for a dialogue; returns them for printing."""
    require(actor, Action.MANAGE_INVITATIONS, dialogue)
    if not MIN_BATCH <= count <= MAX_BATCH:
        raise BatchSizeError(f"a batch has between {MIN_BATCH} and {MAX_BATCH} codes")
    if has_bad_characters(label):
        raise ValueError("the label holds control characters")
    batch = InviteBatch(dialogue_id=dialogue.id, label=label.strip()[:120], issued=count)
    codes: set[str] = set()
    existing = set()
    while len(codes) < count:
        candidates = {new_code() for _ in range(count - len(codes))} - codes
        existing = set(session.scalars(select(InviteCode.code).where(
            InviteCode.code.in_(candidates))))
        codes |= candidates - existing
    batch.codes = [InviteCode(code=c) for c in sorted(codes)]
    session.add(batch)
    session.flush()
    audit("invitations.create", dialogue,
          {"batch_id": batch.id, "count": count, "label": batch.label},
          actor=audit_actor(actor), session=session)
    return [c.code for c in batch.codes]


def is_valid(session: Session, dialogue_id: int, typed: str) -> bool:
    """Whether `typed` is a code of this dialogue that has not been used.

    A used code and a code that never existed look the same: nothing records used codes.
    """
    code = normalise(typed)
    if code is None:
        return False
    return session.scalar(
        select(InviteCode.id)
        .join(InviteBatch)
        .where(InviteCode.code == code, InviteBatch.dialogue_id == dialogue_id)
    ) is not None


def redeem(session: Session, dialogue_id: int, typed: str) -> bool:
    """Use up a code, atomically, by deleting it; False if it is unknown or already used."""
    code = normalise(typed)
    if code is None:
        return False
    batch_ids = select(InviteBatch.id).where(InviteBatch.dialogue_id == dialogue_id)
    result = session.execute(
        delete(InviteCode)
        .where(InviteCode.code == code, InviteCode.batch_id.in_(batch_ids))
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def reach(session: Session, dialogue_id: int) -> list[Reach]:
    rows = session.execute(
        select(InviteBatch.id, InviteBatch.label, InviteBatch.issued, func.count(InviteCode.id))
        .join(InviteCode, isouter=True)
        .where(InviteBatch.dialogue_id == dialogue_id)
        .group_by(InviteBatch.id, InviteBatch.label, InviteBatch.issued)
        .order_by(InviteBatch.id)
    )
    return [Reach(batch_id=i, label=label, issued=issued, used=issued - unused)
            for i, label, issued, unused in rows]


def batch_codes(session: Session, batch_id: int) -> list[InviteCode]:
    return list(session.scalars(select(InviteCode).where(InviteCode.batch_id == batch_id)
                                .order_by(InviteCode.code)))
