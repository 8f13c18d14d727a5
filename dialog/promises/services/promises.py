"""Business rules for citizen promises, callable without HTTP (from views, tests, the CLI).

Functions only add and flush; the caller owns the transaction (the request, or a command).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, bindparam, func, or_, select
from sqlalchemy.orm import (
    Session,
    contains_eager,
    joinedload,
    load_only,
    object_session,
    selectinload,
)

from dialog.accounts.models import Organisation
from dialog.audit import audit
from dialog.authz import Action, Actor, NotAllowed, SystemActor, audit_actor, can, require
from dialog.db import Translated, may_be_stored_slug, today, utcnow
from dialog.dialogues.models import Dialogue
from dialog.paging import Listing, Page, paginate
from dialog.promises.models import (
    PUBLIC_STATUSES,
    REASON_REQUIRED,
    Activity,
    ActivityStatus,
    EffectGoal,
    FeedbackUpdate,
    FocusArea,
    PlanKind,
    Promise,
    PromiseApproval,
    PromisePlan,
    PromiseStatus,
    Signatory,
    promise_partner,
)

# What publishing needs, in the order a promise is read; `missing_parts` returns these codes.
PUBLIC_PARTS = (
    "title",
    "registration_number",
    "police_area",
    "municipality",
    "period",
    "introduction",
    "situation_picture",
    "focus_areas",
    "activities",
    "goals",
    "how_to_follow",
    "signatories",
)


class PromiseError(ValueError):
    """An action the rules do not allow; `code` names the rule for a message to the user."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class GoalFields:
    indicator: Translated
    baseline: Translated
    target: Translated
    deadline: date | None


@dataclass
class SignatoryFields:
    name: str
    title: Translated
    organisation: str
    signed_on: date | None


@dataclass
class PromiseFields:
    """Everything staff write about a promise (its activities and updates are separate)."""

    slug: str
    title: Translated
    registration_number: str = ""
    police_area_id: int | None = None
    municipality_id: int | None = None
    partner_ids: Sequence[int] = ()
    starts_on: date | None = None
    ends_on: date | None = None
    introduction: Translated = field(default_factory=dict)
    situation_picture: Translated = field(default_factory=dict)
    how_to_follow: Translated = field(default_factory=dict)
    dialogue_ids: Sequence[int] = ()
    focus_area_ids: Sequence[int] = ()
    goals: Sequence[GoalFields] = ()
    signatories: Sequence[SignatoryFields] = ()
    source_language: str = "sv"


@dataclass
class ActivityFields:
    title: Translated
    description: Translated = field(default_factory=dict)
    responsible_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    status: str = ActivityStatus.PLANNED.value
    status_reason: Translated = field(default_factory=dict)
    production_goal: Translated = field(default_factory=dict)
    focus_area_id: int | None = None


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    ongoing: int
    planned: int
    delayed: int
    cancelled: int


def has_text(texts: Mapping[str, str] | None) -> bool:
    return any((v or "").strip() for v in (texts or {}).values())


def merge_translation(texts: Mapping[str, str] | None, language: str,
                      value: str | None) -> Translated:
    """`texts` with `language` set to `value`, or removed when `value` is empty."""
    merged = dict(texts or {})
    value = (value or "").strip()
    if value:
        merged[language] = value
    else:
        merged.pop(language, None)
    return merged


def _clean(texts: Mapping[str, str] | None) -> Translated:
    """Keep only languages with text, stripped."""
    return {k: v.strip() for k, v in (texts or {}).items() if v and v.strip()}


# --- reading -------------------------------------------------------------------------------


# Built once (the slug bound when they run): the loader options' cache key cost as much to
# make on every request as a round trip.
_FULL = select(Promise).where(Promise.slug == bindparam("slug")).options(
    # Each activity's focus area and organisation, each update's organisation: one row
    # each, joined to the rows that name them instead of a statement apiece.
    selectinload(Promise.activities).joinedload(Activity.focus_area),
    selectinload(Promise.activities).joinedload(Activity.responsible),
    selectinload(Promise.updates).joinedload(FeedbackUpdate.organisation),
    selectinload(Promise.focus_areas),
    selectinload(Promise.partners),
    selectinload(Promise.signatories),
    selectinload(Promise.goals),
    selectinload(Promise.dialogues),
)


def get_promise(session: Session, slug: str) -> Promise | None:
    if not may_be_stored_slug(slug):
        return None
    return session.scalar(_FULL, {"slug": slug})


# The staff overview's: the promise with its parties (who may see it: police area,
# municipality, partners) and plans joined to its row (a few partners at most, one plan of
# each of four kinds at most: a round trip saved costs more than a few repeated rows); what
# it shows of the activities, updates and effect goals is kept (`load_overview` loads them
# when it is not).
_HEAD = select(Promise).where(Promise.slug == bindparam("slug")).options(
    joinedload(Promise.police_area), joinedload(Promise.municipality),
    joinedload(Promise.partners), joinedload(Promise.plans))
# Rows already in the session are read afresh (populate_existing): the reader's own
# organisation, loaded with their login before the caller read what versions these rows, may
# be an activity's responsible one.
_CHILDREN = select(Promise).where(Promise.id == bindparam("id")).options(
    selectinload(Promise.activities).joinedload(Activity.responsible),
    selectinload(Promise.updates),
    selectinload(Promise.goals),
).execution_options(populate_existing=True)


def get_promise_head(session: Session, slug: str) -> Promise | None:
    """The promise with its parties (who may see it) and internal plans; what else the
    overview shows loads with `load_overview` (or when it is read)."""
    if not may_be_stored_slug(slug):
        return None
    return session.scalars(_HEAD, {"slug": slug}).unique().one_or_none()


def load_overview(session: Session, promise: Promise) -> None:
    """Load what the staff overview shows besides the head into `promise`: its activities
    with who is responsible, updates and effect goals (three statements besides the
    promise's)."""
    session.scalars(_CHILDREN, {"id": promise.id}).unique().all()


# What a list shows of each promise (and its activities' statuses, for the progress): not the
# Markdown texts, plans or activity texts, which a list of 50 promises would decode for nothing.
_LISTED = load_only(Promise.slug, Promise.status, Promise.source_language, Promise.title,
                    Promise.starts_on, Promise.ends_on, Promise.police_area_id,
                    Promise.municipality_id, Promise.created_at)


def _public_query(municipality_id: int | None, status: str | None) -> Select[Any]:
    statuses = [s.value for s in PUBLIC_STATUSES]
    if status:
        statuses = [s for s in statuses if s == status]
    query = (
        select(Promise)
        .where(Promise.status.in_(statuses))
        .options(selectinload(Promise.activities).load_only(Activity.status),
                 selectinload(Promise.municipality), selectinload(Promise.police_area))
        .order_by(Promise.starts_on.desc(), Promise.id.desc())
    )
    if municipality_id is not None:
        query = query.where(Promise.municipality_id == municipality_id)
    return query


def public_promises(
    session: Session, municipality_id: int | None = None, status: str | None = None
) -> list[Promise]:
    """Published, completed and renewed promises, newest period first; drafts never."""
    return list(session.scalars(_public_query(municipality_id, status)))


def public_promise_page(session: Session, number: int, municipality_id: int | None = None,
                        status: str | None = None) -> Page[Promise]:
    """One page of `public_promises` (50 a page)."""
    return paginate(session, _public_query(municipality_id, status).options(_LISTED), number)


def recent_public_updates(session: Session, limit: int) -> list[FeedbackUpdate]:
    """The newest `limit` updates of every public promise, newest first, in one statement
    whatever the number of promises (the site-wide feed)."""
    return list(session.scalars(
        select(FeedbackUpdate)
        .join(FeedbackUpdate.promise)
        .where(Promise.status.in_([s.value for s in PUBLIC_STATUSES]))
        .options(contains_eager(FeedbackUpdate.promise).joinedload(Promise.police_area),
                 contains_eager(FeedbackUpdate.promise).joinedload(Promise.municipality),
                 joinedload(FeedbackUpdate.activity), joinedload(FeedbackUpdate.organisation))
        .order_by(FeedbackUpdate.published_on.desc(), FeedbackUpdate.created_at.desc(),
                  FeedbackUpdate.id.desc())
        .limit(limit)))


def public_promises_changed(session: Session) -> datetime | None:
    """When a public promise was last published or changed (the site-wide feed's date)."""
    return session.scalar(
        select(func.max(func.coalesce(Promise.published_at, Promise.updated_at)))
        .where(Promise.status.in_([s.value for s in PUBLIC_STATUSES])))


def public_municipalities(session: Session) -> list[Organisation]:
    """Municipalities that have at least one public promise (choices for the list filter)."""
    return list(session.scalars(
        select(Organisation)
        .where(Organisation.id.in_(select(Promise.municipality_id)
                                   .where(Promise.status.in_([s.value for s in PUBLIC_STATUSES]))))
        .order_by(Organisation.name)))


@cache
def _staff_listing(everything: bool) -> Listing:
    """Built once: the staff list of promises (all, for the system; else those the bound
    `organisation_id` is party to), with what a list shows and its activities' statuses."""
    query = (select(Promise).options(selectinload(Promise.activities).load_only(Activity.status),
                                     joinedload(Promise.municipality), _LISTED)
             .order_by(Promise.created_at.desc(), Promise.id.desc()))
    if not everything:
        query = query.where(_party_to(bindparam("organisation_id", type_=Integer)))
    return Listing.of(query)


def _party_to(org: Any) -> ColumnElement[bool]:
    """Promises the organisation `org` (an id or a bound parameter) is party to."""
    return or_(Promise.police_area_id == org, Promise.municipality_id == org,
               Promise.id.in_(select(promise_partner.c.promise_id)
                              .where(promise_partner.c.organisation_id == org)))


@cache
def _choices_statement(everything: bool) -> Select[int, str, Translated, str]:
    """Built once: the id, slug, title and source language of the promises of the bound
    `organisation_id` (of all, for the system), newest first."""
    query = (select(Promise.id, Promise.slug, Promise.title, Promise.source_language)
             .order_by(Promise.created_at.desc(), Promise.id.desc()))
    if not everything:
        query = query.where(_party_to(bindparam("organisation_id", type_=Integer)))
    return query


def staff_promises(session: Session, actor: Actor, number: int = 1) -> Page[Promise]:
    """One page of the promises `actor` may see, newest first (50 a page)."""
    everything = isinstance(actor, SystemActor)
    return paginate(session, _staff_listing(everything), number, params={} if everything else {
        "organisation_id": actor.organisation_id})


def promise_choices(session: Session, actor: Actor) -> list[Any]:
    """The id, slug, title and source language of every promise `actor` may see (choices
    for a successor), newest first, without loading their activities."""
    everything = isinstance(actor, SystemActor)
    return list(session.execute(_choices_statement(everything), {} if everything else {
        "organisation_id": actor.organisation_id}))


def all_focus_areas(session: Session) -> list[FocusArea]:
    return list(session.scalars(select(FocusArea).order_by(FocusArea.id)))


def focus_areas_for(session: Session, actor: Actor) -> list[FocusArea]:
    """Focus areas `actor` may choose: from dialogues its organisation organises."""
    return [a for a in all_focus_areas(session) if _may_reference(actor, a)]


def promise_progress(promise: Promise) -> Progress:
    """How many activities are done, ongoing, planned, delayed and cancelled."""
    counts = {s.value: 0 for s in ActivityStatus}
    for activity in promise.activities:
        counts[activity.status] = counts.get(activity.status, 0) + 1
    return Progress(
        total=len(promise.activities),
        done=counts[ActivityStatus.DONE],
        ongoing=counts[ActivityStatus.ONGOING],
        planned=counts[ActivityStatus.PLANNED],
        delayed=counts[ActivityStatus.DELAYED],
        cancelled=counts[ActivityStatus.CANCELLED],
    )


def missing_parts(promise: Promise) -> list[str]:
    """The public parts a promise still lacks (codes from PUBLIC_PARTS)."""
    present = {
        "title": has_text(promise.title),
        "registration_number": bool(promise.registration_number.strip()),
        "police_area": promise.police_area_id is not None,
        "municipality": promise.municipality_id is not None,
        "period": promise.starts_on is not None and promise.ends_on is not None,
        "introduction": has_text(promise.introduction),
        "situation_picture": has_text(promise.situation_picture),
        "focus_areas": bool(promise.focus_areas),
        "activities": bool(promise.activities),
        "goals": bool(promise.goals) and all(
            has_text(g.indicator) and has_text(g.target) and g.deadline is not None
            for g in promise.goals),
        "how_to_follow": has_text(promise.how_to_follow),
        "signatories": bool(promise.signatories),
    }
    return [part for part in PUBLIC_PARTS if not present[part]]


def plan_texts(promise: Promise) -> dict[str, str]:
    """The internal plans by kind (empty text when not written)."""
    texts = {k.value: "" for k in PlanKind}
    texts.update({p.kind: p.text for p in promise.plans})
    return texts


# --- approval by every signing organisation ------------------------------------------------


def public_digest(promise: Promise) -> str:
    """A digest of everything residents will read and of who signs: an approval covers it."""

    def day(value: date | None) -> str | None:
        return value.isoformat() if value else None

    content = {
        "slug": promise.slug,
        "title": promise.title,
        "registration_number": promise.registration_number,
        "parties": sorted(o.id for o in promise.parties()),
        "police_area": promise.police_area_id,
        "municipality": promise.municipality_id,
        "period": [day(promise.starts_on), day(promise.ends_on)],
        "introduction": promise.introduction,
        "situation_picture": promise.situation_picture,
        "how_to_follow": promise.how_to_follow,
        "dialogues": sorted(d.id for d in promise.dialogues),
        "focus_areas": sorted(a.id for a in promise.focus_areas),
        "goals": [[g.indicator, g.baseline, g.target, day(g.deadline)] for g in promise.goals],
        "signatories": [[s.name, s.title, s.organisation, day(s.signed_on)]
                        for s in promise.signatories],
        "activities": [[a.title, a.description, a.responsible_id, day(a.starts_on),
                        day(a.ends_on), a.status, a.status_reason, a.production_goal,
                        a.focus_area_id] for a in promise.activities],
        "updates": [[u.kind, u.text, u.organisation_id, u.activity_id, day(u.published_on)]
                    for u in promise.updates],
    }
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ApprovalState:
    """One signing organisation: whether its approval covers the promise as it reads now."""

    organisation: Organisation
    approved_by: str
    approved_at: datetime | None
    current: bool
    withdrawn: bool  # approved once, but the promise changed since


def approval_states(promise: Promise) -> list[ApprovalState]:
    digest = public_digest(promise)
    given = {a.organisation_id: a for a in promise.approvals}
    states = []
    for org in promise.parties():
        approval = given.get(org.id)
        current = approval is not None and approval.content_digest == digest
        states.append(ApprovalState(
            organisation=org,
            approved_by=(approval.user.email if approval and approval.user else "")
            if current else "",
            approved_at=approval.approved_at if approval and current else None,
            current=current, withdrawn=approval is not None and not current))
    return states


def missing_approvals(promise: Promise) -> list[Organisation]:
    """The signing organisations whose approval of the promise as it reads now is missing."""
    return [s.organisation for s in approval_states(promise) if not s.current]


def approve_promise(session: Session, promise: Promise, *, actor: Actor,
                    organisation: Organisation | None = None) -> PromiseApproval:
    """An editor or admin approves the promise, as it reads now, for their organisation.

    The system (command line, demo) names the organisation it approves for.
    """
    require(actor, Action.APPROVE_PROMISE, promise)
    if not isinstance(actor, SystemActor):
        organisation = actor.organisation
    if organisation is None or organisation not in promise.parties():
        raise PromiseError("not_a_party")
    digest = public_digest(promise)
    user = audit_actor(actor)
    approval = next((a for a in promise.approvals if a.organisation_id == organisation.id),
                    None)
    if approval is None:
        approval = PromiseApproval(organisation=organisation, content_digest=digest)
        promise.approvals.append(approval)
    approval.user_id = user.id if user else None
    approval.content_digest = digest
    approval.approved_at = utcnow()
    audit("promise.approve", promise, {"organisation": organisation.name},
          actor=user, session=session)
    session.flush()
    return approval


def _may_reference(actor: Actor, target: Dialogue | FocusArea) -> bool:
    """Whether a promise edited by `actor` may newly refer to a dialogue or focus area."""
    if isinstance(target, FocusArea):
        if target.dialogue is None:
            return True
        target = target.dialogue
    return can(actor, Action.VIEW_DIALOGUE, target)


def _require_party(actor: Actor, promise: Promise) -> None:
    """Whoever saves a promise stays party to it, so nobody writes in others' names only."""
    if not isinstance(actor, SystemActor) and actor.organisation_id not in {
            o.id for o in promise.parties()}:
        raise PromiseError("own_party")


# --- writing -------------------------------------------------------------------------------


def _by_ids(session: Session, model: Any, ids: Iterable[int]) -> list[Any]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    found = {o.id: o for o in session.scalars(select(model).where(model.id.in_(wanted)))}
    if len(found) != len(wanted):
        raise PromiseError("unknown_reference")
    return [found[i] for i in wanted]


def _apply(session: Session, promise: Promise, fields: PromiseFields, actor: Actor) -> None:
    slug = fields.slug.strip()
    if not slug:
        raise PromiseError("slug_missing")
    taken = session.scalar(select(Promise.id).where(Promise.slug == slug))
    if taken is not None and taken != promise.id:
        raise PromiseError("slug_taken")
    if not has_text(fields.title):
        raise PromiseError("title_missing")
    if fields.starts_on and fields.ends_on and fields.ends_on < fields.starts_on:
        raise PromiseError("ends_before_starts")
    orgs = {o.id: o for o in _by_ids(
        session, Organisation,
        [i for i in (fields.police_area_id, fields.municipality_id) if i is not None])}
    promise.slug = slug
    promise.source_language = fields.source_language
    promise.title = _clean(fields.title)
    promise.registration_number = fields.registration_number.strip()
    promise.police_area = orgs.get(fields.police_area_id or 0)
    promise.municipality = orgs.get(fields.municipality_id or 0)
    promise.partners = _by_ids(session, Organisation, fields.partner_ids)
    promise.starts_on = fields.starts_on
    promise.ends_on = fields.ends_on
    promise.introduction = _clean(fields.introduction)
    promise.situation_picture = _clean(fields.situation_picture)
    promise.how_to_follow = _clean(fields.how_to_follow)
    dialogues = _by_ids(session, Dialogue, fields.dialogue_ids)
    areas = _by_ids(session, FocusArea, fields.focus_area_ids)
    if any(not _may_reference(actor, d) for d in dialogues if d not in promise.dialogues) or any(
            not _may_reference(actor, a) for a in areas if a not in promise.focus_areas):
        raise PromiseError("unknown_reference")
    promise.dialogues = dialogues
    promise.focus_areas = areas
    promise.goals = [
        EffectGoal(position=i, indicator=_clean(g.indicator), baseline=_clean(g.baseline),
                   target=_clean(g.target), deadline=g.deadline)
        for i, g in enumerate(fields.goals)
        if has_text(g.indicator) or has_text(g.target)
    ]
    promise.signatories = [
        Signatory(position=i, name=s.name.strip(), title=_clean(s.title),
                  organisation=s.organisation.strip(), signed_on=s.signed_on)
        for i, s in enumerate(fields.signatories)
        if s.name.strip()
    ]
    promise.updated_at = utcnow()


def create_promise(session: Session, fields: PromiseFields, *, actor: Actor,
                   language: str | None = None) -> Promise:
    """A new promise, always as a draft, with the creator's organisation among its parties.
    `language`: the language staff wrote in (the audit entry names it)."""
    require(actor, Action.CREATE_PROMISE)
    promise = Promise(status=PromiseStatus.DRAFT.value)
    with session.no_autoflush:
        _apply(session, promise, fields, actor)
        _require_party(actor, promise)
    session.add(promise)
    session.flush()
    audit("promise.create", promise, {"language": language or fields.source_language},
          actor=audit_actor(actor), session=session)
    return promise


def update_promise(session: Session, promise: Promise, fields: PromiseFields, *,
                   actor: Actor, language: str | None = None) -> Promise:
    """Change a promise; only its parties may, and a change withdraws earlier approvals."""
    require(actor, Action.EDIT_PROMISE, promise)
    _apply(session, promise, fields, actor)
    _require_party(actor, promise)
    if promise.is_public and missing_parts(promise):
        # A public promise must stay complete: refuse edits that remove a public part.
        raise PromiseError("public_part_removed")
    session.flush()
    audit("promise.update", promise, {"language": language or fields.source_language},
          actor=audit_actor(actor), session=session)
    return promise


def save_plans(session: Session, promise: Promise, texts: Mapping[str, str], *,
               actor: Actor) -> None:
    """Store the internal plans (never shown on a public page or feed)."""
    require(actor, Action.EDIT_PROMISE, promise)
    existing = {p.kind: p for p in promise.plans}
    for kind in PlanKind:
        text = (texts.get(kind.value) or "").strip()
        if kind.value in existing:
            existing[kind.value].text = text
        elif text:
            promise.plans.append(PromisePlan(kind=kind.value, text=text))
    session.flush()


@dataclass(frozen=True)
class Unpublishable:
    """Why a promise cannot be published yet: public parts and approvals still missing."""

    parts: list[str]
    approvals: list[Organisation]

    def __bool__(self) -> bool:
        return bool(self.parts or self.approvals)


def publish_promise(session: Session, promise: Promise, *, actor: Actor) -> Unpublishable:
    """Publish when every public part is there and every signing organisation approved it.

    Returns what is missing (false when the promise was published).
    """
    require(actor, Action.EDIT_PROMISE, promise)
    missing = Unpublishable(missing_parts(promise), missing_approvals(promise))
    if missing:
        return missing
    if promise.status == PromiseStatus.DRAFT:
        promise.status = PromiseStatus.PUBLISHED.value
        promise.published_at = utcnow()
        session.flush()
    audit("promise.publish", promise, actor=audit_actor(actor), session=session)
    return missing


def complete_promise(session: Session, promise: Promise, successor: Promise | None = None, *,
                     actor: Actor) -> None:
    """End a published promise: completed, or renewed when a successor continues it."""
    require(actor, Action.EDIT_PROMISE, promise)
    if successor is not None and not can(actor, Action.VIEW_PROMISE, successor):
        raise PromiseError("unknown_reference")
    if promise.status not in (PromiseStatus.PUBLISHED, PromiseStatus.COMPLETED):
        raise PromiseError("not_published")
    if successor is not None and successor.id == promise.id:
        raise PromiseError("renews_itself")
    promise.successor = successor
    promise.status = (PromiseStatus.RENEWED if successor is not None
                      else PromiseStatus.COMPLETED).value
    session.flush()
    audit("promise.complete", promise, {"status": promise.status}, actor=audit_actor(actor),
          session=session)


def _check_activity(session: Session, fields: ActivityFields) -> None:
    if not has_text(fields.title):
        raise PromiseError("title_missing")
    if fields.status not in {s.value for s in ActivityStatus}:
        raise PromiseError("bad_status")
    if fields.status in REASON_REQUIRED and not has_text(fields.status_reason):
        raise PromiseError("reason_required")
    if fields.starts_on and fields.ends_on and fields.ends_on < fields.starts_on:
        raise PromiseError("ends_before_starts")
    if fields.responsible_id is not None:
        _by_ids(session, Organisation, [fields.responsible_id])
    if fields.focus_area_id is not None:
        _by_ids(session, FocusArea, [fields.focus_area_id])


def _set_texts(activity: Activity, fields: ActivityFields) -> None:
    activity.title = _clean(fields.title)
    activity.description = _clean(fields.description)
    activity.responsible_id = fields.responsible_id
    activity.starts_on = fields.starts_on
    activity.ends_on = fields.ends_on
    activity.production_goal = _clean(fields.production_goal)
    activity.focus_area_id = fields.focus_area_id


# A new activity that starts planned or ongoing is simply listed; one that is already done,
# delayed or cancelled is news, as a change to that status would be.
NEWS_ON_CREATION = frozenset({ActivityStatus.DONE, ActivityStatus.DELAYED,
                              ActivityStatus.CANCELLED})


def add_activity(session: Session, promise: Promise, fields: ActivityFields,
                 organisation_id: int | None = None, on: date | None = None, *,
                 actor: Actor) -> Activity:
    """Add an activity; delayed and cancelled need a reason. Done, delayed and cancelled add
    a timeline entry, as a change of status does."""
    require(actor, Action.EDIT_PROMISE, promise)
    _check_activity(session, fields)
    activity = Activity(status=fields.status, status_reason=_clean(fields.status_reason),
                        position=len(promise.activities))
    _set_texts(activity, fields)
    promise.activities.append(activity)
    if fields.status in NEWS_ON_CREATION:
        # Created already done, delayed or cancelled: residents see it in the timeline and
        # the feed as they see a later change of status, with its reason.
        promise.updates.append(FeedbackUpdate(
            activity=activity, organisation_id=organisation_id, published_on=on or today(),
            kind="status", old_status=None, new_status=fields.status,
            text=_clean(fields.status_reason)))
        promise.updated_at = utcnow()
    session.flush()
    audit("promise.activity.create", promise, {"activity": activity.id},
          actor=audit_actor(actor), session=session)
    return activity


def update_activity(
    session: Session, activity: Activity, fields: ActivityFields,
    organisation_id: int | None = None, on: date | None = None, *, actor: Actor,
) -> FeedbackUpdate | None:
    """Change an activity's texts and, through `change_activity_status`, its status."""
    require(actor, Action.EDIT_PROMISE, activity.promise)
    _check_activity(session, fields)
    _set_texts(activity, fields)
    old_status = activity.status
    entry = change_activity_status(session, activity, fields.status, fields.status_reason,
                                   organisation_id=organisation_id, on=on, actor=actor)
    audit("promise.activity.update", activity.promise,
          {"activity": activity.id, "status": [old_status, activity.status]},
          actor=audit_actor(actor), session=session)
    return entry


def change_activity_status(
    session: Session, activity: Activity, status: str, reason: Mapping[str, str] | None = None,
    organisation_id: int | None = None, on: date | None = None, *, actor: Actor,
) -> FeedbackUpdate | None:
    """Set the status; a change adds a timeline entry with its reason.

    Delayed and cancelled need a reason (residents are told why). Returns the new timeline
    entry, or None when the status did not change (the reason is still updated).
    """
    require(actor, Action.EDIT_PROMISE, activity.promise)
    if status not in {s.value for s in ActivityStatus}:
        raise PromiseError("bad_status")
    if status in REASON_REQUIRED and not has_text(reason):
        raise PromiseError("reason_required")
    old = activity.status
    activity.status_reason = _clean(reason)
    if old == status:
        session.flush()
        return None
    activity.status = status
    entry = FeedbackUpdate(
        activity=activity, organisation_id=organisation_id, published_on=on or today(),
        kind="status", old_status=old, new_status=status, text=_clean(reason))
    activity.promise.updates.append(entry)
    activity.promise.updated_at = utcnow()
    session.flush()
    return entry


def add_feedback_update(
    session: Session, promise: Promise, text: Mapping[str, str], organisation_id: int | None,
    activity_id: int | None = None, on: date | None = None, *, actor: Actor,
) -> FeedbackUpdate:
    """Återkoppling: a dated text from an organisation, optionally about one activity."""
    require(actor, Action.EDIT_PROMISE, promise)
    if not has_text(text):
        raise PromiseError("text_missing")
    if activity_id is not None and activity_id not in {a.id for a in promise.activities}:
        raise PromiseError("unknown_reference")
    entry = FeedbackUpdate(activity_id=activity_id, organisation_id=organisation_id,
                           published_on=on or today(), kind="update", text=_clean(text))
    promise.updates.append(entry)
    promise.updated_at = utcnow()
    session.flush()
    audit("promise.update.create", promise, actor=audit_actor(actor), session=session)
    return entry


def set_focus_area_texts(area: FocusArea, language: str, title: str | None,
                         description: str | None, *, actor: Actor) -> None:
    """Set (or, when empty, remove) the focus area's public texts in one language.

    Other languages are kept; a focus area must keep a title in at least one language.
    Analysts of the dialogue's organisers write them.
    """
    if area.dialogue is not None:
        require(actor, Action.ANALYSE, area.dialogue)
    elif not isinstance(actor, SystemActor):
        raise NotAllowed(Action.ANALYSE, hide=True)
    titles = merge_translation(area.title, language, title)
    if not has_text(titles):
        raise PromiseError("title_missing")
    area.title = titles
    area.description = merge_translation(area.description, language, description)
    audit("focus_area.edit", area.dialogue or area, {"focus_area": area.id, "language": language},
          actor=audit_actor(actor), session=object_session(area))


def create_focus_area(
    session: Session, title: Mapping[str, str], description: Mapping[str, str] | None = None,
    dialogue_id: int | None = None, size: int | None = None,
    gender_breakdown: Mapping[str, int | str] | None = None,
) -> FocusArea:
    """A focus area (the analysis feature promotes groups of concerns to these)."""
    if not has_text(title):
        raise PromiseError("title_missing")
    area = FocusArea(title=_clean(title), description=_clean(description),
                     dialogue_id=dialogue_id, size=size,
                     gender_breakdown=dict(gender_breakdown) if gender_breakdown else None)
    session.add(area)
    session.flush()
    return area
