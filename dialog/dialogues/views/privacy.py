"""Staff pages for a dialogue's privacy notice, retention period and deleting its answers."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from dialog import i18n
from dialog.auth import staff_user
from dialog.authz import Action
from dialog.db import db
from dialog.dialogues.display import load_dialogue
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services.privacy import (
    PARTS,
    SCOPES,
    default_notice,
    delete_answers,
    save_privacy,
)
from dialog.inputs import BAD_CHARACTERS, bounded_int
from surveys.questions import has_bad_characters

bp = Blueprint("dialogue_privacy", __name__, url_prefix="/staff/dialogues")
MAX_TEXT = 2000


def notice_languages(dialogue: Dialogue) -> list[str]:
    """Swedish, English and every language the dialogue has a title in."""
    wanted = {"sv", "en", dialogue.source_language, *dialogue.title.keys()}
    return [code for code in i18n.LANGUAGES if code in wanted]


@bp.route("/<slug>/privacy", methods=["GET", "POST"])
def edit(slug: str) -> Response | tuple[str, int]:
    dialogue = load_dialogue(slug)
    languages = notice_languages(dialogue)
    error = None
    if request.method == "POST":
        months_raw = request.form.get("retention_months", "").strip()
        scope = request.form.get("retention_scope", "free_text")
        months = bounded_int(months_raw, 1, 120) if months_raw else None
        texts = [value for key, value in request.form.items(multi=True)
                 if key.startswith(tuple(PARTS))]
        if (months_raw and months is None) or scope not in SCOPES:
            error = gettext("Give the retention period as a number of months between 1 and 120, "
                            "or leave it empty.")
        elif any(has_bad_characters(text) for text in texts):
            error = str(BAD_CHARACTERS)
        else:
            save_privacy(db.session, dialogue, months=months, scope=scope, actor=staff_user(),
                         texts={key: {code: text for code in languages if (
                             text := request.form.get(f"{key}_{code}", "").strip()[:MAX_TEXT])}
                                for key in PARTS})
            flash(gettext("The privacy notice and retention were saved."))
            return redirect(url_for("staff_dialogues.responses", slug=slug), code=303)
    return render_template(
        "staff/privacy.html", dialogue=dialogue, error=error, parts=PARTS, scopes=SCOPES,
        languages=[i18n.language(code) for code in languages],
        defaults={code: default_notice(dialogue, code) for code in languages},
        form=request.form if request.method == "POST" else None,
    ), 422 if error else 200


@bp.post("/<slug>/delete-answers")
def delete(slug: str) -> Response:
    """Delete answers now: needs the confirmation box ticked; final and audited."""
    dialogue = load_dialogue(slug, Action.DELETE_ANSWERS)
    scope = request.form.get("scope", "")
    if scope not in SCOPES or request.form.get("confirm") != "yes":
        flash(gettext("Nothing was deleted: tick the box to confirm that you want to delete "
                      "the answers."), "error")
        return redirect(url_for("staff_dialogues.responses", slug=slug), code=303)
    done = delete_answers(db.session, dialogue, scope, reason="deleted by staff",
                          actor=staff_user())
    flash(gettext("Deleted %(responses)d responses and %(answers)d answers.",
                  responses=done.responses, answers=done.answers))
    return redirect(url_for("staff_dialogues.responses", slug=slug), code=303)
