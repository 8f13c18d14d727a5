"""The respondent flow: read who asks and why, answer, submit once, see what happens next."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_wtf.csrf import validate_csrf
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.wrappers import Response as WerkzeugResponse
from wtforms import ValidationError

from dialog import i18n, pagecache, signing
from dialog.concerns.services.vectors import embed_committed, embed_soon, fields_of
from dialog.db import db, today
from dialog.dialogues.display import QuestionView, question_views
from dialog.dialogues.models import (
    INFLUENCE_TEXTS,
    Dialogue,
    DialogueKind,
    DialogueStatus,
    Influence,
)
from dialog.dialogues.services import form_cache
from dialog.dialogues.services.form_cache import FormCache
from dialog.dialogues.services.invitations import is_valid, normalise, redeem
from dialog.dialogues.services.queries import answers_so_far, get_dialogue
from dialog.extensions import csrf
from dialog.ratelimit import Rate, limiter
from surveys.responses import (
    check_submission,
    find_by_token,
    nothing_answered,
    record_response,
)

if TYPE_CHECKING:
    from dialog.promises.models import Promise

bp = Blueprint("respond", __name__, url_prefix="/<lang>/d")

# A field hidden from people and screen readers; robots that fill every field give themselves away.
HONEYPOT = "homepage"
FORM_TOKEN_MAX_AGE = 7 * 24 * 3600  # a form left open for a week is re-issued, answers kept
# In the resident's own (signed) session cookie only: the targeted dialogues this browser has
# answered, so "Back" after sending can say the answer arrived. Nothing on the server links a
# code, a browser or a cookie to an answer.
ANSWERED = "answered"


def _serializer() -> URLSafeTimedSerializer:
    return signing.app_serializer(current_app, "dialog-form-token")


def issue_form_token(dialogue: Dialogue) -> str:
    return pagecache.token("form", str(dialogue.id))


def _new_form_token(dialogue_id: str) -> str:
    """A fresh one-time token for each visitor, also on a page kept for everyone."""
    return _serializer().dumps({"d": int(dialogue_id), "n": secrets.token_urlsafe(18)})


pagecache.register_token("form", _new_form_token)


def read_form_token(token: str, dialogue_id: int) -> str | None:
    """The token's one-time nonce, or None when it is forged, stale or for another dialogue."""
    try:
        data = _serializer().loads(token, max_age=FORM_TOKEN_MAX_AGE)
    except BadData:
        return None
    if not isinstance(data, dict) or data.get("d") != dialogue_id:
        return None
    nonce = data.get("n")
    return nonce if isinstance(nonce, str) else None


def _load(slug: str) -> Dialogue:
    dialogue = get_dialogue(db.session, slug)
    if dialogue is None or dialogue.status == DialogueStatus.DRAFT:
        abort(404)
    return dialogue


def _render_form(
    dialogue: Dialogue,
    questions: Sequence[QuestionView],
    notice: str | None = None,
    status: int = 200,
    invite_code: str = "",
    ask_code: bool = False,
) -> tuple[str, int]:
    """The questionnaire; `ask_code` shows the invitation code as a field to type anew."""
    return (
        render_template(
            "respondent/form.html",
            dialogue=dialogue,
            reports_on=_reported_promises(dialogue),
            questions=questions,
            influence_text=gettext(INFLUENCE_TEXTS[Influence(dialogue.influence)]),
            form_token=issue_form_token(dialogue),
            notice=notice,
            invite_code=invite_code,
            ask_code=ask_code,
        ),
        status,
    )


def _reported_promises(dialogue: Dialogue) -> list[Promise]:
    """For a follow-up: the public promises it reports on (its own, or its baseline's)."""
    if dialogue.kind != DialogueKind.FOLLOW_UP:
        return []
    from dialog.dialogues.services.results import promises_answering

    found = promises_answering(db.session, dialogue)
    if not found and dialogue.baseline is not None:
        found = promises_answering(db.session, dialogue.baseline)
    return found


def _remember_answered(dialogue: Dialogue) -> None:
    answered = [i for i in session.get(ANSWERED, []) if isinstance(i, int)]
    if dialogue.id not in answered:
        session[ANSWERED] = [*answered, dialogue.id][-20:]


def _has_answered(dialogue: Dialogue) -> bool:
    return dialogue.id in session.get(ANSWERED, [])


def _code_used_notice() -> str:
    return gettext(
        "Your answers were not sent: this code cannot be used now. It may already have been "
        "used, for example in another tab or window. Your answers are kept below. If you "
        "have another code, type it below and press Send again."
    )


def _code_problem() -> str:
    # Used codes are deleted (so nothing can link them to answers): a used code and a
    # mistyped one look the same, and the message covers both.
    return gettext(
        "This code cannot be used. Check that you typed it as printed. Each code works "
        "once: if you have not answered before, ask the person who gave you the code for a "
        "new one."
    )


def _render_code_page(dialogue: Dialogue, typed: str = "", error: str | None = None,
                      status: int = 200) -> tuple[str, int]:
    return (
        render_template("respondent/code.html", dialogue=dialogue, typed=typed, error=error,
                        answered=_has_answered(dialogue),
                        influence_text=gettext(INFLUENCE_TEXTS[Influence(dialogue.influence)])),
        status,
    )


@bp.get("/<slug>")
@pagecache.for_all()
def show(slug: str) -> tuple[str, int]:
    dialogue = _load(slug)
    if not dialogue.accepts_answers(today()):
        return render_template("respondent/closed.html", dialogue=dialogue), 200
    if dialogue.kind == DialogueKind.TARGETED:
        typed = request.args.get("code", "")[:40]
        if typed:
            pagecache.not_for_all()  # the page says whether this one code can be used
        if not typed:
            return _render_code_page(dialogue)
        if not is_valid(db.session, dialogue.id, typed):
            if _has_answered(dialogue):
                # Back after sending: this browser sent answers here, so say they arrived.
                return _render_code_page(dialogue)
            return _render_code_page(dialogue, typed, _code_problem(), 422)
        return _render_form(dialogue, question_views(dialogue, i18n.current()),
                            invite_code=normalise(typed) or "")
    return _render_form(dialogue, question_views(dialogue, i18n.current()))


def _redis_url() -> str:
    return str(current_app.config["SETTINGS"].redis_url)


def _forms() -> FormCache:
    forms: FormCache = current_app.extensions.setdefault("dialog_forms", FormCache())
    return forms


def _submit_from_copy(slug: str) -> tuple[WerkzeugResponse | None, bool | None]:
    """The common case, a complete and valid answer to an open dialogue, from this worker's
    copy of the form: one statement on PostgreSQL, then the commit. Anything else (an error
    to show, a code to check, a changed questionnaire) returns no response, for the full path.

    Also returns whether the rate limit let the answer through, when it was asked already.
    """
    forms = _forms()
    form = forms.get(slug)
    if form is None:
        form = form_cache.load(db.session, slug)
        # The read is over: its connection goes back to the pool before the answer takes one.
        db.session.rollback()
        if form is None:
            return None, None
        forms.put(form)
    if (form.targeted or not form.accepts_answers(today()) or request.form.get(HONEYPOT)
            or "switch_lang" in request.form or "lang_link" in request.form):
        return None, None
    values, errors = form.check(request.form)
    if errors or nothing_answered(values):
        return None, None
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return None, None
    nonce = read_form_token(request.form.get("form_token", ""), form.dialogue_id)
    if nonce is None:
        return None, None
    rate = Rate.parse(current_app.config["SETTINGS"].submit_rate_limit)
    if not limiter().hit("submit", limiter().client_key(), rate):
        return None, False
    stored = form_cache.store_answer(db.engine, form, values, language=i18n.current(),
                                     form_token=nonce, submitted_on=today())
    if stored is None:  # edited since this copy was made: the full path reads it afresh
        forms.drop(slug)
        return None, True
    if stored:
        embed_committed(form.questionnaire_id,
                        [(spec.name, spec.answer_type) for spec in form.specs], values,
                        redis_url=_redis_url())
    return redirect(url_for(".thanks", slug=slug), code=303), True


@bp.post("/<slug>")
@csrf.exempt  # checked below, so a failed check can show the answers again instead of a 400
def submit(slug: str) -> WerkzeugResponse | tuple[str, int]:
    done, allowed = _submit_from_copy(slug)
    if done is not None:
        return done
    dialogue = _load(slug)
    lang = i18n.current()
    if not dialogue.accepts_answers(today()):
        return render_template("respondent/closed.html", dialogue=dialogue), 409
    if "switch_lang" in request.form or "lang_link" in request.form:
        return _switch_language(dialogue)
    if request.form.get(HONEYPOT):
        # Only a robot fills a field that people cannot see: it gets the thanks, nothing is kept.
        return redirect(url_for(".thanks", slug=slug), code=303)

    values, errors = check_submission(dialogue.questionnaire, dialogue.areas, request.form)
    targeted = dialogue.kind == DialogueKind.TARGETED
    code = normalise(request.form.get("invite_code", "")) or "" if targeted else ""
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        notice = gettext(
            "Your answers were not sent because the page had expired. They are kept below: "
            "please check them and press Send again."
        )
        return _render_form(dialogue, question_views(dialogue, lang, values), notice, 400, code)

    nonce = read_form_token(request.form.get("form_token", ""), dialogue.id)
    if nonce is None:
        notice = gettext(
            "Your answers were not sent because the form was open for a long time. They are "
            "kept below: please check them and press Send again."
        )
        return _render_form(dialogue, question_views(dialogue, lang, values), notice, 400, code)
    if targeted and find_by_token(db.session, nonce) is not None:
        # A retry of a stored form: its code is spent by then, so answer before checking it.
        # (Open dialogues need no look-up: storing a form twice keeps the first, see below.)
        return redirect(url_for(".thanks", slug=slug), code=303)
    if errors:
        notice = gettext("Some answers need your attention before they can be sent.")
        return _render_form(dialogue, question_views(dialogue, lang, values, errors), notice, 422,
                            code)
    if nothing_answered(values):
        notice = gettext(
            "You have not answered any question yet, so there is nothing to send. Answer at "
            "least one question, then press Send."
        )
        return _render_form(dialogue, question_views(dialogue, lang, values), notice, 422, code)
    if allowed is None:
        rate = Rate.parse(current_app.config["SETTINGS"].submit_rate_limit)
        allowed = limiter().hit("submit", limiter().client_key(), rate)
    if not allowed:
        notice = gettext(
            "Many answers have been sent from your connection in a short time, so we could "
            "not take this one yet. Your answers are kept below: please wait a while and "
            "press Send again."
        )
        return _render_form(dialogue, question_views(dialogue, lang, values), notice, 429, code)
    if targeted and not redeem(db.session, dialogue.id, code):
        # Another tab may have used the code: keep what was typed and ask for a code.
        return _render_form(dialogue, question_views(dialogue, lang, values),
                            _code_used_notice(), 409, code, ask_code=True)

    # A form token already stored (a retry, or the same form sent twice at once) stores nothing.
    _id, created = record_response(db.session, dialogue.questionnaire, values, language=lang,
                                   form_token=nonce)
    if created:
        embed_soon(db.session, dialogue.questionnaire_id, fields_of(dialogue.questionnaire),
                   values, redis_url=_redis_url())
    if targeted:
        _remember_answered(dialogue)
    return redirect(url_for(".thanks", slug=slug), code=303)


def _switch_language(dialogue: Dialogue) -> WerkzeugResponse | tuple[str, int]:
    """Show the questionnaire in another language with the answers given so far; store nothing.

    A 307 redirect makes the browser post the same form to /<new language>/d/<slug>, so the
    page gets the new language's address without the answers being kept anywhere but the form.
    """
    # The header's language buttons send `lang_link`; the bottom "Change language" `switch_to`.
    target = request.form.get("lang_link") or request.form.get("switch_to", "")
    if target in i18n.LANGUAGES and target != i18n.current():
        return redirect(url_for(".submit", slug=dialogue.slug, lang=target), code=307)
    code = ""
    if dialogue.kind == DialogueKind.TARGETED:
        code = normalise(request.form.get("invite_code", "")) or ""
    values, _errors = check_submission(dialogue.questionnaire, dialogue.areas, request.form)
    if dialogue.kind == DialogueKind.TARGETED and not is_valid(db.session, dialogue.id, code):
        return _render_form(dialogue, question_views(dialogue, i18n.current(), values),
                            _code_used_notice(), 409, code, ask_code=True)
    return _render_form(dialogue, question_views(dialogue, i18n.current(), values),
                        invite_code=code)


@bp.get("/<slug>/thanks")
def thanks(slug: str) -> str:
    dialogue = _load(slug)
    return render_template("respondent/thanks.html", dialogue=dialogue)


@bp.get("/<slug>/privacy")
@pagecache.for_all()
def privacy(slug: str) -> str:
    """The dialogue's privacy notice in the reader's language."""
    from dialog.dialogues.services.privacy import notice

    dialogue = _load(slug)
    return render_template("respondent/privacy.html", dialogue=dialogue,
                           parts=notice(dialogue, i18n.current()))


@bp.get("/<slug>/results")
# A paper answer can still be entered after the dialogue closed: the kept page depends on
# the number of answers too.
@pagecache.for_all(fingerprint=lambda slug: answers_so_far(db.session, slug))
def results(slug: str) -> WerkzeugResponse | str:
    """What was asked, how many answered, what was heard and what happens next."""
    from dialog.dialogues.services.results import CHANNEL_LABELS, dialogue_results, language_label

    dialogue = _load(slug)
    found = dialogue_results(db.session, dialogue)
    if found is None:  # still open: the questionnaire is the page to read
        return redirect(url_for(".show", slug=slug))
    return render_template("respondent/results.html", dialogue=dialogue, results=found,
                           questions=question_views(dialogue, i18n.current()),
                           channel_labels=CHANNEL_LABELS, language_label=language_label)
