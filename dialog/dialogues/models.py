"""A citizen dialogue: who asks, why, what residents can influence, and its questionnaire."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialog.accounts.models import Organisation
from dialog.db import Base, Translated, utcnow
from surveys.models import Questionnaire
from surveys.questions import N_


class DialogueKind(enum.StrEnum):
    OPEN = "open"
    TARGETED = "targeted"
    FOLLOW_UP = "follow_up"


class DialogueStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    FED_BACK = "fed_back"


class Influence(enum.StrEnum):
    INFORM = "inform"
    CONSULT = "consult"
    INVOLVE = "involve"
    CO_DECIDE = "co_decide"


KIND_LABELS = {
    DialogueKind.OPEN: N_("Open dialogue"),
    DialogueKind.TARGETED: N_("Targeted dialogue"),
    DialogueKind.FOLLOW_UP: N_("Follow-up questionnaire"),
}
STATUS_LABELS = {
    DialogueStatus.DRAFT: N_("Draft"),
    # Translators: the status of a dialogue that accepts answers now.
    DialogueStatus.OPEN: N_("Open"),
    DialogueStatus.CLOSED: N_("Closed"),
    DialogueStatus.FED_BACK: N_("Results fed back"),
}
# Plain words for residents: what their answers can change.
INFLUENCE_TEXTS = {
    Influence.INFORM: N_(
        "We are telling you about our work. Your answers help us explain it better."
    ),
    Influence.CONSULT: N_(
        "We will read every answer and take it into account when we decide what to work on."
    ),
    Influence.INVOLVE: N_(
        "Your answers shape which problems we work on, and we will ask you again along the way."
    ),
    Influence.CO_DECIDE: N_("Residents decide together with us which problems we work on."),
}

dialogue_organiser = Table(
    "dialogue_organiser",
    Base.metadata,
    Column("dialogue_id", ForeignKey("dialogue.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id"), primary_key=True),
)


def takes_answers(status: str, opens_on: date | None, closes_on: date | None, on: date) -> bool:
    """Whether a dialogue with this status and these dates takes answers on day `on`."""
    if status != DialogueStatus.OPEN:
        return False
    if opens_on and on < opens_on:
        return False
    return not (closes_on and on > closes_on)


class Dialogue(Base):
    __tablename__ = "dialogue"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default=DialogueKind.OPEN.value)
    status: Mapped[str] = mapped_column(String(20), default=DialogueStatus.DRAFT.value)
    source_language: Mapped[str] = mapped_column(String(10), default="sv")
    title: Mapped[Translated] = mapped_column(default=dict)
    purpose: Mapped[Translated] = mapped_column(default=dict)
    target_group: Mapped[Translated] = mapped_column(default=dict)
    influence: Mapped[str] = mapped_column(String(20), default=Influence.CONSULT.value)
    form: Mapped[str] = mapped_column(String(30), default="digital_survey")
    place: Mapped[Translated] = mapped_column(default=dict)
    next_steps: Mapped[Translated] = mapped_column(default=dict)
    # [{"key": "torget", "label": {"sv": "Torget", "en": "The square"}}, ...]
    areas: Mapped[list[dict[str, Any]]] = mapped_column(default=list)
    opens_on: Mapped[date | None] = mapped_column()
    closes_on: Mapped[date | None] = mapped_column()
    baseline_id: Mapped[int | None] = mapped_column(ForeignKey("dialogue.id"))
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Bumped by every edit of the dialogue or its questionnaire
    # (dialog.dialogues.services.form_cache):
    # each app server's copy of the form is current while its version is the stored one.
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The day the dialogue was closed, from which its retention period runs.
    closed_on: Mapped[date | None] = mapped_column()
    # Keep answers this many months after closing (None: until staff delete them), then
    # delete what `retention_scope` says: free-text answers only, or every answer.
    retention_months: Mapped[int | None] = mapped_column()
    retention_scope: Mapped[str] = mapped_column(String(20), default="free_text")
    # The privacy notice's own texts per part and language, e.g.
    # {"contact": {"sv": "...", "en": "..."}}; a missing part gets a generated default.
    privacy: Mapped[dict[str, Any]] = mapped_column(default=dict)

    questionnaire: Mapped[Questionnaire] = relationship(cascade="all, delete-orphan",
                                                        single_parent=True)
    organisers: Mapped[list[Organisation]] = relationship(secondary=dialogue_organiser)
    baseline: Mapped[Dialogue | None] = relationship(remote_side=[id])

    def accepts_answers(self, on: date) -> bool:
        return takes_answers(self.status, self.opens_on, self.closes_on, on)

    @property
    def closed_early(self) -> bool:
        """Closed by staff before its planned last day."""
        return (self.status in (DialogueStatus.CLOSED, DialogueStatus.FED_BACK)
                and self.closed_on is not None and self.closes_on is not None
                and self.closed_on < self.closes_on)

    def __repr__(self) -> str:
        return f"<Dialogue {self.slug!r} {self.kind} {self.status}>"


# Invitation codes of targeted dialogues (see `dialog.dialogues.services.invitations`: only
# unused codes are stored, and a redeemed code's row is deleted).
CODE_LENGTH = 8


class InviteBatch(Base):
    __tablename__ = "invite_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int] = mapped_column(ForeignKey("dialogue.id", ondelete="CASCADE"),
                                             index=True)
    label: Mapped[str] = mapped_column(String(120), default="")
    issued: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    codes: Mapped[list[InviteCode]] = relationship(back_populates="batch",
                                                   cascade="all, delete-orphan")


class InviteCode(Base):
    __tablename__ = "invite_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("invite_batch.id", ondelete="CASCADE"),
                                          index=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)

    batch: Mapped[InviteBatch] = relationship(back_populates="codes")
