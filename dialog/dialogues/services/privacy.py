"""Privacy per dialogue: the notice residents read, and retention (deleting answers in time).

Deleting answers is final. Each deletion, scheduled or by staff, is written to the audit log.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale, gettext, ngettext
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from dialog import i18n
from dialog.audit import audit
from dialog.authz import SYSTEM, Action, Actor, audit_actor, require
from dialog.dialogues.models import Dialogue, DialogueStatus
from surveys.models import Answer, Response
from surveys.questions import N_
from surveys.tally import take_response_counts

SCOPES = {
    "free_text": N_("Free-text answers only (choices and scales are kept)"),
    "all": N_("All answers"),
}
# The parts of a privacy notice, in the order residents read them.
PARTS = {
    "controller": N_("Who is responsible for your answers"),
    "purpose": N_("What your answers are used for"),
    "legal_basis": N_("Legal basis"),
    "retention": N_("How long your answers are kept"),
    "rights": N_("Your rights"),
    "contact": N_("Contact"),
}


def retention_ends(dialogue: Dialogue) -> date | None:
    """The day the answers are to be deleted, or None when no retention period applies yet."""
    if dialogue.retention_months is None:
        return None
    if dialogue.status not in (DialogueStatus.CLOSED, DialogueStatus.FED_BACK):
        return None
    start = dialogue.closed_on or dialogue.closes_on
    if start is None:
        return None
    month = start.month - 1 + dialogue.retention_months
    year, month = start.year + month // 12, month % 12 + 1
    # 31 January + 1 month -> the last day of February
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Deleted:
    slug: str
    scope: str
    responses: int
    answers: int


def save_privacy(session: Session, dialogue: Dialogue, *, months: int | None, scope: str,
                 texts: dict[str, dict[str, str]], actor: Actor) -> None:
    """Set the retention period and the notice's own texts (part -> language -> text)."""
    require(actor, Action.EDIT_DIALOGUE, dialogue)
    if (months is not None and not 1 <= months <= 120) or scope not in SCOPES:
        raise ValueError("retention")
    dialogue.retention_months = months
    dialogue.retention_scope = scope
    dialogue.privacy = {key: dict(texts.get(key, {})) for key in PARTS}
    audit("dialogue.privacy", dialogue, {"retention_months": months, "scope": scope},
          actor=audit_actor(actor), session=session)
    session.flush()


def delete_answers(session: Session, dialogue: Dialogue, scope: str, *, reason: str,
                   actor: Actor) -> Deleted:
    """Delete a dialogue's free-text answers or all its responses; audited, final."""
    require(actor, Action.DELETE_ANSWERS, dialogue)
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    response_ids = select(Response.id).where(
        Response.questionnaire_id == dialogue.questionnaire_id)
    if scope == "all":
        take_response_counts(session, dialogue.questionnaire_id)
        answers = int(session.scalar(select(func.count(Answer.id)).where(
            Answer.response_id.in_(response_ids))) or 0)
        responses = int(session.scalar(select(func.count()).select_from(
            response_ids.subquery())) or 0)
        session.execute(delete(Answer).where(Answer.response_id.in_(response_ids)))
        session.execute(delete(Response).where(
            Response.questionnaire_id == dialogue.questionnaire_id))
    else:
        responses = 0
        free_text = (Answer.response_id.in_(response_ids), Answer.text.is_not(None))
        answers = int(session.scalar(select(func.count(Answer.id)).where(*free_text)) or 0)
        session.execute(delete(Answer).where(*free_text))
    runs = _delete_analysis(session, dialogue)
    session.expire_all()
    result = Deleted(dialogue.slug, scope, responses, answers)
    audit("retention.delete", dialogue, {"scope": scope, "reason": reason,
                                         "responses": result.responses,
                                         "answers": result.answers,
                                         "analysis_runs": runs},
          actor=audit_actor(actor), session=session)
    session.flush()
    return result


def _delete_analysis(session: Session, dialogue: Dialogue) -> int:
    """Every analysis run of the dialogue, with all it copied from the answers.

    Runs keep quotes (examples), labels and terms made of residents' words, and a model built
    from them; without the answers they are copies that outlive the promise to delete. Focus
    areas stay: their title and description are written by analysts, and their figures are
    published aggregates.
    """
    from dialog.concerns.models import AnalysisRun

    result = session.execute(delete(AnalysisRun).where(AnalysisRun.dialogue_id == dialogue.id))
    return int(getattr(result, "rowcount", 0) or 0)


def enforce_retention(session: Session, on: date) -> list[Deleted]:
    """Delete what every dialogue's retention says is due on `on`; safe to run again."""
    done = []
    for dialogue in session.scalars(select(Dialogue).where(
            Dialogue.retention_months.is_not(None)).order_by(Dialogue.id)):
        ends = retention_ends(dialogue)
        if ends is None or ends > on or not _has_something(session, dialogue):
            continue
        done.append(delete_answers(session, dialogue, dialogue.retention_scope,
                                   reason="retention period ended", actor=SYSTEM))
    return done


def _has_something(session: Session, dialogue: Dialogue) -> bool:
    if dialogue.retention_scope == "all":
        query = select(Response.id).where(Response.questionnaire_id == dialogue.questionnaire_id)
    else:
        query = select(Answer.id).join(Response).where(
            Response.questionnaire_id == dialogue.questionnaire_id, Answer.text.is_not(None))
    return session.scalar(query.limit(1)) is not None


def default_notice(dialogue: Dialogue, lang: str) -> dict[str, str]:
    """Sensible texts for each part, in `lang`, from the dialogue's organisers and settings."""
    with force_locale(lang):
        organisers = gettext(" and ").join(o.name for o in dialogue.organisers) or "–"
        title = i18n.pick(dialogue.title, lang, dialogue.source_language).text
        if dialogue.retention_months is None:
            retention = gettext(
                "The answers are kept until the dialogue's results have been fed back and "
                "staff delete them.")
        elif dialogue.retention_scope == "all":
            retention = ngettext(
                "All answers are deleted %(months)d month after the dialogue closes.",
                "All answers are deleted %(months)d months after the dialogue closes.",
                dialogue.retention_months, months=dialogue.retention_months)
        else:
            retention = ngettext(
                "Written answers are deleted %(months)d month after the dialogue closes; "
                "the choices you ticked are kept as anonymous statistics.",
                "Written answers are deleted %(months)d months after the dialogue closes; "
                "the choices you ticked are kept as anonymous statistics.",
                dialogue.retention_months, months=dialogue.retention_months)
        return {
            "controller": gettext("%(organisers)s are responsible for the answers together.",
                                  organisers=organisers)
            if len(dialogue.organisers) > 1 else
            gettext("%(organiser)s is responsible for the answers.", organiser=organisers),
            "purpose": gettext(
                "Your answers help us understand what residents experience in the area and "
                "decide what to work on. Results are only shown for groups of at least five "
                "people."),
            "legal_basis": gettext(
                "A task in the public interest: the police and the municipality work together "
                "to prevent crime and make the area safer (GDPR article 6.1 e)."),
            "retention": retention,
            "rights": gettext(
                "You answer anonymously. We do not save your name or IP address, so we cannot "
                "find or change your answer afterwards. You may complain to the Swedish "
                "Authority for Privacy Protection (IMY)."),
            "contact": gettext(
                "Contact %(organisers)s and mention the dialogue “%(title)s”.",
                organisers=organisers, title=title),
        }


def notice(dialogue: Dialogue, lang: str) -> list[tuple[str, str, str]]:
    """(part key, heading, text) for every part: the dialogue's own text, else the default."""
    defaults = default_notice(dialogue, lang)
    own = dialogue.privacy or {}
    rows = []
    for key, heading in PARTS.items():
        texts = own.get(key) or {}
        text = texts.get(lang) if isinstance(texts, dict) else None
        rows.append((key, gettext(heading), text or defaults[key]))
    return rows
