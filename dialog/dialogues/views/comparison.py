"""The follow-up report: baseline and follow-up answers to the same scale questions, compared."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from dialog.auth import current_user
from dialog.authz import Action, require
from dialog.db import db
from dialog.dialogues.models import DialogueKind
from dialog.dialogues.services.comparison import compare
from dialog.dialogues.services.queries import get_dialogue

bp = Blueprint("comparison", __name__, url_prefix="/staff/dialogues")


@bp.get("/<slug>/comparison")
def report(slug: str) -> str:
    dialogue = get_dialogue(db.session, slug)
    if dialogue is None:
        abort(404)
    require(current_user(), Action.VIEW_DIALOGUE, dialogue)
    if dialogue.kind != DialogueKind.FOLLOW_UP or dialogue.baseline is None:
        abort(404)
    require(current_user(), Action.VIEW_DIALOGUE, dialogue.baseline)  # its answers show too
    return render_template("staff/comparison.html", dialogue=dialogue,
                           baseline=dialogue.baseline, comparisons=compare(db.session, dialogue))
