"""What residents may see of a dialogue once it has closed: what was asked, how many answered
(by channel and language), what was heard and which promises answer it.

Every count shown here goes through `analysis.publishable` (1–4 as "<5", the rest rounded to
base 5, a cell withheld where the others would give it away), and the focus areas' figures are
the ones an analyst published (`FocusArea.size`, `gender_breakdown`): nothing new is worked out
from the answers, so the page cannot narrow any answer down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Date, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from analysis.breakdown import publishable
from dialog import i18n
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from dialog.paging import Page, paginate
from dialog.promises.display import FocusAreaFigures, focus_area_figures, shown_count
from dialog.promises.models import PUBLIC_STATUSES, FocusArea, Promise
from surveys.models import Response
from surveys.questions import N_

CHANNEL_LABELS = {
    "web": N_("On the web"),
    "paper": N_("On paper"),
    # Translators: how residents answered: at a meeting (notes entered by staff).
    "meeting": N_("At a meeting"),
}

# Statuses whose results page residents can read; only these are in the archive.
FINISHED = (DialogueStatus.CLOSED.value, DialogueStatus.FED_BACK.value)
LISTED_KINDS = (DialogueKind.OPEN.value, DialogueKind.FOLLOW_UP.value)


@dataclass(frozen=True)
class CountRow:
    """One published count: `key` is a channel or language code, `count` as it may be shown."""

    key: str
    count: str


@dataclass(frozen=True)
class HeardArea:
    area: FocusArea
    figures: FocusAreaFigures


@dataclass(frozen=True)
class DialogueResults:
    dialogue: Dialogue
    total: str
    by_channel: list[CountRow]
    by_language: list[CountRow]
    heard: list[HeardArea]
    promises: list[Promise]

    @property
    def fed_back(self) -> bool:
        return self.dialogue.status == DialogueStatus.FED_BACK


def _published(counts: dict[str, int]) -> tuple[str, list[CountRow]]:
    """The total and the cells as they may be published (see module docstring)."""
    total = sum(counts.values())
    figures = publishable(total, counts)
    rows = [CountRow(key, shown_count(figures.cells[key]))
            for key in sorted(figures.cells, key=lambda k: (-counts[k], k))]
    return shown_count(figures.size), rows


def _counts(session: Session, dialogue: Dialogue, column: InstrumentedAttribute[str]
            ) -> dict[str, int]:
    rows = session.execute(
        select(column, func.count(Response.id))
        .where(Response.questionnaire_id == dialogue.questionnaire_id)
        .group_by(column)
    )
    return {str(key): int(n) for key, n in rows}


def dialogue_results(session: Session, dialogue: Dialogue) -> DialogueResults | None:
    """The results page's content, or None while the dialogue is not finished."""
    if dialogue.status not in FINISHED:
        return None
    total, by_channel = _published(_counts(session, dialogue, Response.channel))
    _total, by_language = _published(_counts(session, dialogue, Response.language))
    heard: list[HeardArea] = []
    if dialogue.status == DialogueStatus.FED_BACK:
        areas = session.scalars(
            select(FocusArea)
            .where(FocusArea.dialogue_id == dialogue.id, FocusArea.published_at.is_not(None))
            .order_by(FocusArea.id)
        )
        heard = [HeardArea(a, focus_area_figures(a)) for a in areas]
    return DialogueResults(dialogue=dialogue, total=total, by_channel=by_channel,
                           by_language=by_language, heard=heard,
                           promises=promises_answering(session, dialogue))


def promises_answering(session: Session, dialogue: Dialogue) -> list[Promise]:
    """Public promises built on the dialogue or on one of its focus areas."""
    from dialog.promises.models import promise_dialogue, promise_focus_area

    by_dialogue = select(promise_dialogue.c.promise_id).where(
        promise_dialogue.c.dialogue_id == dialogue.id)
    by_area = (select(promise_focus_area.c.promise_id)
               .join(FocusArea, FocusArea.id == promise_focus_area.c.focus_area_id)
               .where(FocusArea.dialogue_id == dialogue.id))
    return list(session.scalars(
        select(Promise)
        .where(Promise.status.in_([s.value for s in PUBLIC_STATUSES]),
               Promise.id.in_(by_dialogue.union(by_area)))
        .order_by(Promise.id)
    ))


def finished_dialogue_page(session: Session, number: int = 1) -> Page[Dialogue]:
    """One page (50) of the closed public dialogues for the archive, most recently closed
    first (the day as `closed_day` gives it, in SQL)."""
    closed = func.coalesce(Dialogue.closed_on, Dialogue.closes_on, cast(Dialogue.created_at, Date))
    return paginate(session, (
        select(Dialogue)
        .where(Dialogue.status.in_(FINISHED), Dialogue.kind.in_(LISTED_KINDS))
        .options(selectinload(Dialogue.organisers))
        .order_by(closed.desc(), Dialogue.id.desc())
    ), number)


def closed_day(dialogue: Dialogue) -> date:
    """When a finished dialogue stopped taking answers, as best it is known."""
    return dialogue.closed_on or dialogue.closes_on or dialogue.created_at.date()


def feed_dialogues(session: Session) -> list[Dialogue]:
    """Every public dialogue, open or finished, for the Atom feed."""
    found = session.scalars(
        select(Dialogue)
        .where(Dialogue.status != DialogueStatus.DRAFT.value, Dialogue.kind.in_(LISTED_KINDS))
        .options(selectinload(Dialogue.organisers))
    )
    return sorted(found, key=lambda d: (d.created_at, d.id), reverse=True)


def language_label(code: str) -> str:
    return i18n.language(code).name if code in i18n.LANGUAGES else code
