"""Business rules for dialogues, callable without HTTP."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, func, or_, select
from sqlalchemy.orm import Session, joinedload, load_only, selectinload

from dialog.accounts.models import Organisation
from dialog.authz import Actor, SystemActor
from dialog.db import may_be_stored_slug, today
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus, dialogue_organiser
from dialog.paging import Listing, Page, paginate
from surveys.models import Question, Questionnaire, ResponseTally

# Built once (their values bound when they run): on every staff page, making a statement
# with its loader options and its cache key costs a third of loading the dialogue.
_QUESTIONS = joinedload(Dialogue.questionnaire).joinedload(Questionnaire.questions)
_BY_SLUG = Dialogue.slug == bindparam("slug")
# One round trip: the dialogue, its questionnaire, questions and (or not) their options
# joined. Organisers load on first use: the submit path, the busiest one, never needs them.
_WITH_OPTIONS = select(Dialogue).where(_BY_SLUG).options(
    _QUESTIONS.joinedload(Question.options))
# The staff pages that show no option (the concerns pages) also check who may see the
# dialogue: its organisers (two or so) are joined too, where loading them on first use cost a
# statement and 0.3 ms more.
_WITHOUT_OPTIONS = select(Dialogue).where(_BY_SLUG).options(
    _QUESTIONS, joinedload(Dialogue.organisers))
_ALONE = select(Dialogue).where(_BY_SLUG).options(joinedload(Dialogue.organisers))


def get_dialogue(session: Session, slug: str, *, options: bool = True) -> Dialogue | None:
    """`options=False` for a staff page that shows none of the questions' answer options
    (the join repeats the dialogue's row, and decodes its texts again, for every option):
    its organisers come joined instead."""
    if not may_be_stored_slug(slug):
        return None
    return session.scalars(_WITH_OPTIONS if options else _WITHOUT_OPTIONS,
                           {"slug": slug}).unique().one_or_none()


def get_dialogue_alone(session: Session, slug: str) -> Dialogue | None:
    """The dialogue and its organisers (who may see it) in one round trip, without its
    questionnaire: for pages that keep what they need of it by the dialogue's version."""
    if not may_be_stored_slug(slug):
        return None
    return session.scalars(_ALONE, {"slug": slug}).unique().one_or_none()


def answers_so_far(session: Session, slug: str) -> int:
    """How many responses the dialogue named `slug` has (0 for none or no such dialogue): one
    statement over the kept counts, for pages that depend on it."""
    return int(session.scalar(
        select(func.coalesce(func.sum(ResponseTally.responses), 0))
        .join(Dialogue, Dialogue.questionnaire_id == ResponseTally.questionnaire_id)
        .where(Dialogue.slug == slug)) or 0)


def public_dialogue_page(session: Session, number: int = 1) -> Page[Dialogue]:
    """One page (50) of the open dialogues anyone may answer today, newest first; targeted
    ones are never listed. The dates are checked in SQL, so the count and the pages agree."""
    day = today()
    return paginate(session, (
        select(Dialogue)
        .where(
            Dialogue.status == DialogueStatus.OPEN,
            Dialogue.kind.in_([DialogueKind.OPEN, DialogueKind.FOLLOW_UP]),
            or_(Dialogue.opens_on.is_(None), Dialogue.opens_on <= day),
            or_(Dialogue.closes_on.is_(None), Dialogue.closes_on >= day),
        )
        .options(selectinload(Dialogue.organisers))
        .order_by(Dialogue.created_at.desc(), Dialogue.id.desc())
    ), number)


def _staff_query(everything: bool, org: Any = None) -> Select[Any]:
    """The dialogues an actor may see: those its organisation `org` (an id or a bound
    parameter) organises (all for the system: `everything`)."""
    query = (select(Dialogue).options(selectinload(Dialogue.organisers))
             .order_by(Dialogue.created_at.desc(), Dialogue.id.desc()))
    if not everything:
        query = query.where(Dialogue.id.in_(
            select(dialogue_organiser.c.dialogue_id)
            .where(dialogue_organiser.c.organisation_id == org)))
    return query


@cache
def _staff_listing(everything: bool) -> Listing:
    """Built once: `_staff_query` of the bound `organisation_id`, with only the columns the
    list shows (a dialogue's texts in every language are most of its row)."""
    return Listing.of(_staff_query(everything, bindparam("organisation_id", type_=Integer))
                      .options(load_only(Dialogue.slug, Dialogue.kind, Dialogue.status,
                                         Dialogue.source_language, Dialogue.title,
                                         Dialogue.opens_on, Dialogue.closes_on,
                                         Dialogue.created_at, raiseload=True)))


def staff_dialogues(session: Session, actor: Actor) -> list[Dialogue]:
    return list(session.scalars(_staff_query(isinstance(actor, SystemActor),
                                             actor.organisation_id)))


def staff_dialogue_page(session: Session, actor: Actor, number: int) -> Page[Dialogue]:
    """One page of the dialogues `actor` may see, newest first (50 a page)."""
    everything = isinstance(actor, SystemActor)
    return paginate(session, _staff_listing(everything), number, params={} if everything else {
        "organisation_id": actor.organisation_id})


def organisations(session: Session) -> list[Organisation]:
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))


def paper_language(dialogue: Dialogue, wanted: str) -> str:
    """The language to show a dialogue's questions in to staff: theirs where the questions
    have it, else the dialogue's own (so question and options never mix two languages)."""
    questions = dialogue.questionnaire.questions
    if questions and all((q.text or {}).get(wanted) for q in questions):
        return wanted
    return dialogue.source_language
