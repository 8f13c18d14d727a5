"""Citizen promises (medborgarlöften): what the police and the municipality promise, the
activities that keep the promise, the feedback they give residents, and the focus areas
(chosen from what residents said) that the promise answers."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialog.accounts.models import Organisation, User
from dialog.db import Base, Translated, utcnow
from dialog.dialogues.models import Dialogue
from surveys.questions import N_


class PromiseStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    COMPLETED = "completed"
    RENEWED = "renewed"


class ActivityStatus(enum.StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class PlanKind(enum.StrEnum):
    """The parts of a promise that each partner keeps internally (never public)."""

    ACTIVITY_PLAN = "activity_plan"
    RESOURCE_PLAN = "resource_plan"
    FOLLOW_UP_PLAN = "follow_up_plan"
    COMMUNICATION_PLAN = "communication_plan"


PUBLIC_STATUSES = (PromiseStatus.PUBLISHED, PromiseStatus.COMPLETED, PromiseStatus.RENEWED)
REASON_REQUIRED = (ActivityStatus.DELAYED, ActivityStatus.CANCELLED)

PROMISE_STATUS_LABELS = {
    PromiseStatus.DRAFT: N_("Draft"),
    # Translators: the status of a citizen promise that is public and being carried out.
    PromiseStatus.PUBLISHED: N_("In progress"),
    PromiseStatus.COMPLETED: N_("Completed"),
    PromiseStatus.RENEWED: N_("Renewed"),
}
ACTIVITY_STATUS_LABELS = {
    ActivityStatus.PLANNED: N_("Planned"),
    ActivityStatus.ONGOING: N_("Ongoing"),
    ActivityStatus.DONE: N_("Done"),
    ActivityStatus.DELAYED: N_("Delayed"),
    ActivityStatus.CANCELLED: N_("Cancelled"),
}
# A symbol beside every status word, so status never depends on colour alone.
ACTIVITY_STATUS_ICONS = {
    ActivityStatus.PLANNED: "○",
    ActivityStatus.ONGOING: "◐",
    ActivityStatus.DONE: "✔",
    ActivityStatus.DELAYED: "⏸",
    ActivityStatus.CANCELLED: "✖",
}
PLAN_LABELS = {
    PlanKind.ACTIVITY_PLAN: N_("Activity plan with timeline"),
    PlanKind.RESOURCE_PLAN: N_("Resource plan"),
    PlanKind.FOLLOW_UP_PLAN: N_("Follow-up plan"),
    PlanKind.COMMUNICATION_PLAN: N_("Communication plan"),
}

promise_partner = Table(
    "promise_partner",
    Base.metadata,
    Column("promise_id", ForeignKey("promise.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", ForeignKey("organisation.id"), primary_key=True),
)
promise_dialogue = Table(
    "promise_dialogue",
    Base.metadata,
    Column("promise_id", ForeignKey("promise.id", ondelete="CASCADE"), primary_key=True),
    Column("dialogue_id", ForeignKey("dialogue.id", ondelete="CASCADE"), primary_key=True),
)
promise_focus_area = Table(
    "promise_focus_area",
    Base.metadata,
    Column("promise_id", ForeignKey("promise.id", ondelete="CASCADE"), primary_key=True),
    Column("focus_area_id", ForeignKey("focus_area.id", ondelete="CASCADE"), primary_key=True),
)


class FocusArea(Base):
    """A prioritised problem, usually promoted from a group of residents' concerns.

    `size` and `gender_breakdown` are the published figures, rounded to base 5 and suppressed
    ({"woman": 10, "man": "<5", "other": 0}); they change only when an analyst publishes.
    """

    __tablename__ = "focus_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    dialogue_id: Mapped[int | None] = mapped_column(
        ForeignKey("dialogue.id", ondelete="SET NULL"), index=True)
    title: Mapped[Translated] = mapped_column(default=dict)
    description: Mapped[Translated] = mapped_column(default=dict)
    size: Mapped[int | None] = mapped_column()
    gender_breakdown: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The answers behind the published figures (ids only), to count how many changed before
    # the figures may be published again; and when they were published.
    published_members: Mapped[list[int] | None] = mapped_column(JSON)
    published_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    dialogue: Mapped[Dialogue | None] = relationship()

    def __repr__(self) -> str:
        return f"<FocusArea {self.id} {self.title.get('sv', '')!r}>"


class Promise(Base):
    __tablename__ = "promise"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    registration_number: Mapped[str] = mapped_column(String(60), default="")
    status: Mapped[str] = mapped_column(String(20), default=PromiseStatus.DRAFT.value)
    source_language: Mapped[str] = mapped_column(String(10), default="sv")
    title: Mapped[Translated] = mapped_column(default=dict)
    police_area_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    starts_on: Mapped[date | None] = mapped_column()
    ends_on: Mapped[date | None] = mapped_column()
    # Limited Markdown, rendered through dialog.richtext.render_markdown.
    introduction: Mapped[Translated] = mapped_column(default=dict)
    situation_picture: Mapped[Translated] = mapped_column(default=dict)
    how_to_follow: Mapped[Translated] = mapped_column(default=dict)
    # A renewed promise points to the promise that continues it.
    successor_id: Mapped[int | None] = mapped_column(
        ForeignKey("promise.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    police_area: Mapped[Organisation | None] = relationship(foreign_keys=[police_area_id])
    municipality: Mapped[Organisation | None] = relationship(foreign_keys=[municipality_id])
    partners: Mapped[list[Organisation]] = relationship(secondary=promise_partner)
    dialogues: Mapped[list[Dialogue]] = relationship(secondary=promise_dialogue)
    focus_areas: Mapped[list[FocusArea]] = relationship(secondary=promise_focus_area,
                                                        order_by="FocusArea.id")
    successor: Mapped[Promise | None] = relationship(remote_side=[id])
    goals: Mapped[list[EffectGoal]] = relationship(
        back_populates="promise", cascade="all, delete-orphan", order_by="EffectGoal.position")
    signatories: Mapped[list[Signatory]] = relationship(
        back_populates="promise", cascade="all, delete-orphan", order_by="Signatory.position")
    activities: Mapped[list[Activity]] = relationship(
        back_populates="promise", cascade="all, delete-orphan",
        order_by="[Activity.position, Activity.id]")
    updates: Mapped[list[FeedbackUpdate]] = relationship(
        back_populates="promise", cascade="all, delete-orphan",
        order_by="[FeedbackUpdate.published_on.desc(), FeedbackUpdate.id.desc()]")
    plans: Mapped[list[PromisePlan]] = relationship(
        back_populates="promise", cascade="all, delete-orphan")
    approvals: Mapped[list[PromiseApproval]] = relationship(
        back_populates="promise", cascade="all, delete-orphan", order_by="PromiseApproval.id")

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def parties(self) -> list[Organisation]:
        """The police area, the municipality and every partner: who may edit the promise."""
        found = [o for o in (self.police_area, self.municipality) if o is not None]
        return found + [p for p in self.partners if p not in found]

    def __repr__(self) -> str:
        return f"<Promise {self.slug!r} {self.status}>"


class EffectGoal(Base):
    """The change in the local problem the promise seeks (effektmål)."""

    __tablename__ = "effect_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(default=0)
    indicator: Mapped[Translated] = mapped_column(default=dict)
    baseline: Mapped[Translated] = mapped_column(default=dict)
    target: Mapped[Translated] = mapped_column(default=dict)
    deadline: Mapped[date | None] = mapped_column()

    promise: Mapped[Promise] = relationship(back_populates="goals")


class Signatory(Base):
    __tablename__ = "signatory"

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[Translated] = mapped_column(default=dict)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    signed_on: Mapped[date | None] = mapped_column()

    promise: Mapped[Promise] = relationship(back_populates="signatories")


class Activity(Base):
    __tablename__ = "activity"

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[Translated] = mapped_column(default=dict)
    description: Mapped[Translated] = mapped_column(default=dict)
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    starts_on: Mapped[date | None] = mapped_column()
    ends_on: Mapped[date | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default=ActivityStatus.PLANNED.value)
    # Why the activity is delayed or cancelled; required for those statuses, shown publicly.
    status_reason: Mapped[Translated] = mapped_column(default=dict)
    production_goal: Mapped[Translated] = mapped_column(default=dict)
    focus_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("focus_area.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    promise: Mapped[Promise] = relationship(back_populates="activities")
    responsible: Mapped[Organisation | None] = relationship()
    focus_area: Mapped[FocusArea | None] = relationship()


class FeedbackUpdate(Base):
    """Återkoppling: a dated entry in the promise's public timeline.

    Written by staff (`kind` "update") or added automatically when an activity changes
    status (`kind` "status", with the old and new status and the reason as text).
    """

    __tablename__ = "feedback_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id", ondelete="CASCADE"),
                                            index=True)
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("activity.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    published_on: Mapped[date] = mapped_column()
    kind: Mapped[str] = mapped_column(String(20), default="update")
    old_status: Mapped[str | None] = mapped_column(String(20))
    new_status: Mapped[str | None] = mapped_column(String(20))
    text: Mapped[Translated] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    promise: Mapped[Promise] = relationship(back_populates="updates")
    activity: Mapped[Activity | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class PromisePlan(Base):
    """An internal plan (activity, resource, follow-up, communication): staff eyes only."""

    __tablename__ = "promise_plan"
    __table_args__ = (UniqueConstraint("promise_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id", ondelete="CASCADE"),
                                            index=True)
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    promise: Mapped[Promise] = relationship(back_populates="plans")


class PromiseApproval(Base):
    """A signing organisation's approval of the promise exactly as it read then.

    `content_digest` is the digest of every public part and the set of parties when the
    approval was given; once the promise changes, the approval no longer counts.
    """

    __tablename__ = "promise_approval"
    __table_args__ = (UniqueConstraint("promise_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promise.id", ondelete="CASCADE"),
                                            index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"))
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    content_digest: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime] = mapped_column(default=utcnow)

    promise: Mapped[Promise] = relationship(back_populates="approvals")
    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User | None] = relationship()
