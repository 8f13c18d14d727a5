"""Invitation codes for targeted dialogues: single use, and never linked to the answer.

A code row records only that it was used. There is no column, relation or timestamp that ties
a code to the response it let in, so staff can count reach per batch but never learn who said
what.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, func, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

if TYPE_CHECKING:
    from dialog.dialogues.models import Dialogue

from dialog.authz import Action, Actor, require
from dialog.db import Base, utcnow

# 32 symbols without 0/O and 1/I, so a code read aloud or from paper is unambiguous;
# 8 symbols give 40 bits.
ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 8
GROUP = 4


class InviteBatch(Base):
    __tablename__ = "invite_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogue.id", ondelete="CASCADE"),
                                             index=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    codes: Mapped[list[InviteCode]] = relationship(back_populates="batch",
                                                   cascade="all, delete-orphan")


class InviteCode(Base):
    __tablename__ = "invite_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("invite_batch.id", ondelete="CASCADE"),
                                          index=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    used: Mapped[bool] = mapped_column(default=False)

    batch: Mapped[InviteBatch] = relationship(back_populates="codes")


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


def issue_codes(session: Session, dialogue: Dialogue, count: int, label: str = "", *,
                actor: Actor) -> list[str]:
    """Create a batch of `count` new codes for a dialogue; returns them for printing."""
    require(actor, Action.MANAGE_INVITATIONS, dialogue)
    if not 1 <= count <= 5000:
        raise ValueError("count must be between 1 and 5000")
    batch = InviteBatch(dialogue_id=dialogue.id, label=label.strip()[:120])
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
    return [c.code for c in batch.codes]


class CodeState:
    UNKNOWN = "unknown"
    USED = "used"
    VALID = "valid"


def code_state(session: Session, dialogue_id: int, typed: str) -> str:
    code = normalise(typed)
    if code is None:
        return CodeState.UNKNOWN
    used = session.scalar(
        select(InviteCode.used)
        .join(InviteBatch)
        .where(InviteCode.code == code, InviteBatch.dialogue_id == dialogue_id)
    )
    if used is None:
        return CodeState.UNKNOWN
    return CodeState.USED if used else CodeState.VALID


def redeem(session: Session, dialogue_id: int, typed: str) -> bool:
    """Mark a code used, atomically; False if it is unknown or was already used."""
    code = normalise(typed)
    if code is None:
        return False
    batch_ids = select(InviteBatch.id).where(InviteBatch.dialogue_id == dialogue_id)
    result = session.execute(
        update(InviteCode)
        .where(InviteCode.code == code, InviteCode.used.is_(False),
               InviteCode.batch_id.in_(batch_ids))
        .values(used=True)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


def reach(session: Session, dialogue_id: int) -> list[Reach]:
    rows = session.execute(
        select(
            InviteBatch.id,
            InviteBatch.label,
            func.count(InviteCode.id),
            func.count(InviteCode.id).filter(InviteCode.used.is_(True)),
        )
        .join(InviteCode, isouter=True)
        .where(InviteBatch.dialogue_id == dialogue_id)
        .group_by(InviteBatch.id, InviteBatch.label)
        .order_by(InviteBatch.id)
    )
    return [Reach(batch_id=i, label=label, issued=issued, used=used)
            for i, label, issued, used in rows]


def batch_codes(session: Session, batch_id: int) -> list[InviteCode]:
    return list(session.scalars(select(InviteCode).where(InviteCode.batch_id == batch_id)
                                .order_by(InviteCode.code)))
