"""Staff page "Concerns": cluster a dialogue's free-text answers and shape focus areas."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from dialog import i18n
from dialog.audit import audit
from dialog.auth import current_user, staff_user
from dialog.authz import Action, can, require
from dialog.concerns import services
from dialog.concerns.models import AnalysisRun, RunStatus
from dialog.db import db
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services import get_dialogue
from dialog.jobs import enqueue
from dialog.promises.forms import FocusAreaForm, form_errors
from dialog.promises.models import FocusArea
from dialog.promises.services import PromiseError, set_focus_area_texts
from surveys.questions import FIXED_OPTIONS, N_, AnswerType

bp = Blueprint("concerns", __name__, url_prefix="/staff/dialogues/<slug>/concerns")
DECISION_LABELS = {
    "rename": N_("Renamed"),
    "merge": N_("Merged"),
    "split": N_("Split off"),
    "exclude": N_("Excluded"),
    "include": N_("Included again"),
    "exclude_answers": N_("Excluded answers"),
    "promote": N_("Promoted to focus area"),
}
GROUP_LABELS = {
    **dict(FIXED_OPTIONS[AnswerType.GENDER]),
    services.UNKNOWN_GROUP: N_("Not answered"),
}


def error_message(code: str) -> str:
    messages = {
        "not_a_text_question": gettext("Choose a free-text question."),
        "no_cluster": gettext("That group does not exist in this run."),
        "empty_label": gettext("Write a name for the group."),
        "same_cluster": gettext("Choose two different groups to merge."),
        "no_answers": gettext("Tick at least one answer."),
        "excluded": gettext("An excluded group cannot become a focus area."),
        "various": gettext("Answers that fit in no group cannot become a focus area: open "
                           "them and move those that belong together to a new group first."),
    }
    return messages.get(code, gettext("Something went wrong."))


def _dialogue(slug: str, action: Action = Action.VIEW_DIALOGUE) -> Dialogue:
    dialogue = get_dialogue(db.session, slug)
    if dialogue is None:
        abort(404)
    require(current_user(), action, dialogue)
    return dialogue


def _run(dialogue: Dialogue, run_id: int) -> AnalysisRun:
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.dialogue_id != dialogue.id:
        abort(404)
    return run


@bp.get("/")
def index(slug: str) -> str:
    dialogue = _dialogue(slug)
    run = services.latest_run(db.session, dialogue)
    user = current_user()
    clusters: list[services.ClusterView] = []
    total = 0
    if run is not None and run.status == RunStatus.DONE:
        services.assign_new_answers(db.session, run)
        clusters, total = services.cluster_views(db.session, run)
    return render_template(
        "staff/concerns.html", dialogue=dialogue, run=run, clusters=clusters, total=total,
        questions=services.text_questions(dialogue), group_labels=GROUP_LABELS,
        decision_labels=DECISION_LABELS,
        decisions=services.decisions(db.session, run) if run else [],
        may_decide=can(user, Action.ANALYSE, dialogue),
    )


@bp.post("/runs")
def start(slug: str) -> Response:
    dialogue = _dialogue(slug, Action.ANALYSE)
    question = next((q for q in services.text_questions(dialogue)
                     if str(q.id) == request.form.get("question")), None)
    if question is None:
        flash(error_message("not_a_text_question"), "error")
        return redirect(url_for(".index", slug=slug), code=303)
    k_raw = request.form.get("k", "").strip()
    k = int(k_raw) if k_raw.isdigit() and 2 <= int(k_raw) <= 40 else None
    run = services.start_run(db.session, dialogue, question, staff_user(), k=k)
    if len(services.answer_rows(db.session, dialogue, question)) > services.BACKGROUND_THRESHOLD:
        db.session.commit()  # the worker must see the run
        enqueue("dialog.concerns.services:execute_run_job", run.id)
    else:
        services.execute_run(db.session, run.id)
    return redirect(url_for(".index", slug=slug), code=303)


@bp.post("/runs/<int:run_id>/clusters/<int:cluster_id>")
def decide(slug: str, run_id: int, cluster_id: int) -> Response:
    dialogue = _dialogue(slug, Action.ANALYSE)
    run = _run(dialogue, run_id)
    user = staff_user()
    action = request.form.get("action", "")
    try:
        if action == "rename":
            services.rename_cluster(db.session, run, cluster_id, request.form.get("label", ""),
                                    user)
        elif action == "merge":
            target = request.form.get("target", "")
            services.merge_clusters(db.session, run, cluster_id,
                                    int(target) if target.isdigit() else -1, user)
        elif action in ("exclude", "include"):
            services.set_excluded(db.session, run, cluster_id, action == "exclude", user)
        elif action == "promote":
            services.promote(db.session, run, cluster_id, user)
            flash(gettext("The group is now a focus area that promises can refer to."))
        else:
            abort(400)
    except services.ConcernError as exc:
        flash(error_message(str(exc)), "error")
    return redirect(url_for(".index", slug=slug), code=303)


@bp.route("/runs/<int:run_id>/answers", methods=["GET", "POST"])
def answers(slug: str, run_id: int) -> Response | str:
    """All answers of one group (or of "various"), with splitting off and exclusion."""
    dialogue = _dialogue(slug, Action.ANALYSE if request.method == "POST"
                         else Action.VIEW_DIALOGUE)
    run = _run(dialogue, run_id)
    raw = request.values.get("cluster", "")
    cluster = next((c for c in run.clusters if str(c.id) == raw), None)
    if cluster is None:
        abort(404)
    if request.method == "POST":
        user = staff_user()
        chosen = [int(a) for a in request.form.getlist("answer") if a.isdigit()]
        try:
            if request.form.get("action") == "split":
                services.split_off(db.session, run, chosen, request.form.get("label", ""), user)
            else:
                if not chosen:
                    raise services.ConcernError("no_answers")
                services.exclude_answers(db.session, run, chosen, user)
        except services.ConcernError as exc:
            flash(error_message(str(exc)), "error")
        return redirect(url_for(".answers", slug=slug, run_id=run.id, cluster=raw), code=303)
    rows = services.cluster_answers(db.session, run, cluster.id)
    return render_template("staff/concern_answers.html", dialogue=dialogue, run=run,
                           cluster=cluster, raw=raw, rows=rows, mask=services.masked)


@bp.route("/focus-areas/<int:area_id>", methods=["GET", "POST"])
def focus_area(slug: str, area_id: int) -> Response | tuple[str, int]:
    """A promoted group's public texts, one language at a time, as promise pages show them."""
    dialogue = _dialogue(slug, Action.ANALYSE)
    area = db.session.get(FocusArea, area_id)
    if area is None or area.dialogue_id != dialogue.id:
        abort(404)
    lang = i18n.edit_language(dialogue.source_language)
    form = FocusAreaForm()
    error = None
    if request.method == "POST" and form.validate():
        try:
            set_focus_area_texts(area, lang, form.title.data, form.description.data,
                                 actor=staff_user())
        except PromiseError:
            error = gettext("Write a title in at least one language.")
        else:
            audit("focus_area.edit", dialogue, {"focus_area": area.id, "language": lang})
            flash(gettext("The focus area is saved."))
            return redirect(url_for(".focus_area", slug=slug, area_id=area.id, language=lang),
                            code=303)
    elif request.method == "GET":
        form.title.data = area.title.get(lang, "")
        form.description.data = (area.description or {}).get(lang, "")
    source = dialogue.source_language
    reference = {}
    if lang != source:
        reference = {"title": i18n.pick(area.title, source, source),
                     "description": i18n.pick(area.description or {}, source, source)}
    status = 422 if form.errors or error else 200
    return render_template(
        "staff/focus_area.html", dialogue=dialogue, area=area, form=form, error=error,
        errors=form_errors(form), edit_language=i18n.language(lang),
        languages=i18n.available(), reference=reference,
        title=i18n.pick(area.title, lang, source),
    ), status
