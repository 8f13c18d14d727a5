"""Staff page "Concerns": cluster a dialogue's free-text answers and shape focus areas."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext, ngettext
from markupsafe import Markup
from werkzeug.wrappers import Response

from analysis.labels import GroupDescription
from dialog import fragments, i18n
from dialog.auth import current_user, staff_user
from dialog.authz import Action, can, require
from dialog.concerns.models import AnalysisRun, RunStatus
from dialog.concerns.services import runs as services
from dialog.concerns.services import vectors
from dialog.db import db
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services.queries import get_dialogue
from dialog.inputs import BAD_CHARACTERS, bounded_int, id_or_400, ids_or_400
from dialog.jobs import enqueue
from dialog.paging import parse_id, parse_page
from dialog.promises.forms import FocusAreaForm, form_errors
from dialog.promises.models import FocusArea
from dialog.promises.services.promises import PromiseError, set_focus_area_texts
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
    "place_answers": N_("Placed new answers"),
    "publish": N_("Updated the public figures"),
    "undo": N_("Undone"),
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
        "bad_characters": str(BAD_CHARACTERS),
        "same_cluster": gettext("Choose two different groups to merge."),
        "no_answers": gettext("Tick at least one answer."),
        "excluded": gettext("An excluded group cannot become a focus area."),
        "various": gettext("Answers that fit in no group cannot become a focus area: open "
                           "them and move those that belong together to a new group first."),
        "empty_title": gettext("Write the title residents will read. The group's name is "
                               "not used: it may contain residents' own words."),
        "already_promoted": gettext("This group is a focus area already."),
        "target_excluded": gettext("An excluded group cannot take in other groups. Include it "
                                   "again first."),
        "cannot_undo": gettext("Only the latest decision can be undone, and only until "
                               "something else is decided."),
        "not_promoted": gettext("Only a focus area has public figures."),
        "too_few_changes": gettext(
            "The public figures can be updated once at least %(num)d answers have joined or "
            "left the group since they were published. Two versions that differ by a few "
            "answers would show what those answers were.",
            num=services.REPUBLISH_MIN_CHANGES),
    }
    return messages.get(code, gettext("Something went wrong."))


def label_language(dialogue: Dialogue) -> str:
    """Readable labels exist in Swedish and English: the staff member's language if it is
    one of them, else the dialogue's source language if it is, else Swedish."""
    for code in (i18n.current(), dialogue.source_language):
        if code in ("sv", "en"):
            return code
    return "sv"


@dataclass(frozen=True)
class Described:
    """What the page says of a group's answers in the staff member's label language: the
    phrase label its answers say; or, none of them being in that language, the nearest
    answers in it from the whole dialogue, or that there are none (`none_near`); and its
    answers per language ("svenska 120, English <5")."""

    phrase: str
    nearest: list[str]
    none_near: bool
    languages: str


def described(readable: Mapping[int, GroupDescription], lang: str,
              names: Mapping[str, str]) -> dict[int, Described]:
    """Per group, what `Described` says, from the groups' stored descriptions and the
    languages' names in the page's language."""
    out = {}
    for cluster_id, desc in readable.items():
        phrase = desc.labels.get(lang) or ""
        nearest = [] if phrase else list(desc.nearest.get(lang) or [])
        out[cluster_id] = Described(
            phrase, nearest, not phrase and not nearest and lang in desc.nearest,
            ", ".join(f"{names.get(code, code)} {'<5' if 0 < count < 5 else count}"
                      for code, count in desc.languages.items()))
    return out


def readable_groups(run: AnalysisRun) -> dict[int, GroupDescription]:
    """Per group, as stored by the run and the last decision that moved answers: phrase
    labels, answers per language and nearest answers (`services.describe_run`)."""
    return {c.id: GroupDescription(labels=dict(c.labels or {}), languages=dict(c.languages or {}),
                                   nearest=dict(c.nearest or {}))
            for c in run.clusters if c.languages}


def language_names(codes: set[str]) -> dict[str, str]:
    """Each language's name in the page's language ("svenska", "English", "arabiska")."""
    ui = i18n.current()
    names = {}
    for code in codes:
        try:
            names[code] = Locale.parse(code).get_display_name(ui) or code
        except (ValueError, UnknownLocaleError):  # answers with no recorded language
            names[code] = code
    return names


def _dialogue(slug: str, action: Action = Action.VIEW_DIALOGUE) -> Dialogue:
    # The pages here show no question's answer options.
    dialogue = get_dialogue(db.session, slug, options=False)
    if dialogue is None:
        abort(404)
    require(current_user(), action, dialogue)
    return dialogue


def _run(dialogue: Dialogue, run_id: int) -> AnalysisRun:
    run = db.session.get(AnalysisRun, run_id)
    if run is None or run.dialogue_id != dialogue.id:
        abort(404)
    return run


@dataclass(frozen=True)
class Bar:
    """One bar of a group's breakdown chart, placed: its label and value as shown, the
    baseline of its texts, and its length (None: a hidden count, drawn as no bar)."""

    label: str
    value: int | str
    y: int
    width: float | None


def bars(groups: Mapping[str, int | str], labels: Mapping[str, str]) -> list[Bar]:
    """The bars of `staff/_bar_chart.html`'s chart, scaled to the largest count; `labels`:
    each group's name, translated already."""
    top = max([v for v in groups.values() if isinstance(v, int | float)] + [1])
    return [Bar(labels[key] if key in labels else gettext(key), value, i * 26 + 18,
                round(150 * value / top, 1) if isinstance(value, int | float) else None)
            for i, (key, value) in enumerate(groups.items())]


@bp.get("/")
def index(slug: str) -> str:
    dialogue = _dialogue(slug)
    runs, run = services.runs_and_latest(db.session, dialogue)
    user = current_user()
    clusters: list[services.ClusterView] = []
    total = 0
    waiting = 0
    published: dict[int, tuple[FocusArea, int]] = {}
    lang = label_language(dialogue)
    readable: dict[int, GroupDescription] = {}
    questions = services.text_questions(dialogue)
    decisions = services.decisions(db.session, run) if run else []
    version = services.groups_version(run, decisions) if run else None
    groups = _groups(run, version) if run is not None and run.status == RunStatus.DONE \
        else None
    # What a new run of each question would do, from the runs and decisions read already.
    done = services.latest_done(runs)
    answers = services.count_answers_of(db.session, questions)
    plans = []
    for q in questions:
        latest = run if run is not None and done.get(q.id) == run.id else (
            None if q.id not in done else services.LOOK_UP)
        decided = sum(1 for d in decisions if d.run_id == latest.id) \
            if isinstance(latest, AnalysisRun) else None
        plans.append((q, services.plan_run(
            db.session, dialogue, q, latest, decided, answers[q.id],
            groups.views if groups is not None and latest is run else None)))
    if run is not None and groups is not None:  # a finished run
        # Reading the page changes nothing and computes no labels: new answers wait for an
        # analyst to place them, and the groups' descriptions and figures were stored with
        # the run and its decisions.
        waiting = services.count_new_answers(
            db.session, run, next((p.answers for q, p in plans if q.id == run.question_id),
                                  None))
        clusters, total = groups.views, groups.total
        published = services.published_areas(db.session, run, groups.promoted)
        readable = groups.readable
    codes = {code for desc in readable.values() for code in desc.languages} | {lang}
    names = language_names(codes)
    may_decide = can(user, Action.ANALYSE, dialogue)
    return render_template(
        "staff/concerns.html", dialogue=dialogue, run=run, clusters=clusters, total=total,
        waiting=waiting, articles=_articles(dialogue, run, clusters, readable, published,
                                            lang, names, may_decide, version) if run else "",
        questions=questions, decision_labels=DECISION_LABELS, merge_sources=clusters,
        merge_targets=[c for c in clusters if not c.excluded],
        merge_chosen=(parse_id(request.args.get("source")), parse_id(request.args.get("target"))),
        decisions=decisions, runs=runs, plans=plans,
        last=services.last_undoable_of(decisions, run) if run else None,
        may_decide=may_decide, preparing=vectors.summary(run.params or {}) if run else None,
    )


@dataclass(frozen=True)
class Groups:
    """What the page shows of a finished run's groups, as stored with the run and its
    decisions (`services.cluster_views`, `promoted_groups`, `readable_groups`)."""

    views: list[services.ClusterView]
    total: int
    promoted: list[services.Promoted]
    readable: dict[int, GroupDescription]


def _groups(run: AnalysisRun, version: Hashable | None) -> Groups:
    """The run's groups, kept per worker under `services.groups_version` while it holds:
    the page then reads none of the groups' rows."""
    def read() -> Groups:
        views, total = services.cluster_views(db.session, run)
        return Groups(views, total, services.promoted_groups(run), readable_groups(run))

    return fragments.kept_value(version, read, fragments.repr_cost)


def _articles(dialogue: Dialogue, run: AnalysisRun, clusters: list[services.ClusterView],
              readable: Mapping[int, GroupDescription],
              published: Mapping[int, tuple[FocusArea, int]], lang: str,
              names: Mapping[str, str], may_decide: bool, version: Hashable | None) -> Markup:
    """Each group's part of the page (`staff/_cluster.html`), kept per worker by what it
    shows (`dialog.fragments`): the groups are most of the page and change only with a run
    or a decision. Under the run's `version` (`services.groups_version`) all of them are kept
    together with the focus areas' figures (read on every visit: an area's title is edited
    on its own page), so their values are not even written out again."""
    # Translated once per page, not once per group or chart.
    group_labels = {key: gettext(label) for key, label in GROUP_LABELS.items()}
    formats = _group_formats()
    decide = url_for(".index", slug=dialogue.slug) + f"runs/{run.id}/clusters/"
    answers = url_for(".answers", slug=dialogue.slug, run_id=run.id) + "?cluster="
    areas = {cluster_id: {"title": area.title, "size": area.size,
                          "published_at": area.published_at, "changed": changed}
             for cluster_id, (area, changed) in published.items()}

    def each() -> list[dict[str, object]]:
        shown = described(readable, lang, names)
        return [{"c": c, "r": shown.get(c.id), "area": areas.get(c.id),
                 "chart": bars(c.groups, group_labels) if c.groups else None,
                 "decide": f"{decide}{c.id}", "answers_url": f"{answers}{c.id}"}
                for c in clusters]

    # The groups and their descriptions follow from the version; the language names from
    # the page's language, and the addresses from the slug, both in the shared values.
    return fragments.render_each(
        "staff/_cluster.html", each, None if version is None else (version, repr(areas)),
        may_decide=may_decide, label_language=lang, lang_name=names.get(lang, lang),
        min_changes=services.REPUBLISH_MIN_CHANGES, slug=dialogue.slug,
        source_language=dialogue.source_language, group_labels=group_labels, formats=formats)


def _group_formats() -> dict[str, str]:
    """The texts every group says with its own figures in them, translated once per page;
    the page fills them in with `format`, and escapes the whole."""
    return {
        "size": gettext("%(size)d answers (%(share)s of all)"),
        "who": gettext("Who wrote about “%(label)s”, by gender"),
        "raised": gettext("Raised significantly more often by this group than by everyone "
                          "else: %(group)s."),
    }


@bp.post("/runs")
def start(slug: str) -> Response:
    dialogue = _dialogue(slug, Action.ANALYSE)
    question = next((q for q in services.text_questions(dialogue)
                     if str(q.id) == request.form.get("question")), None)
    if question is None:
        flash(error_message("not_a_text_question"), "error")
        return redirect(url_for(".index", slug=slug), code=303)
    k_raw = request.form.get("k", "").strip()
    k = bounded_int(k_raw, 2, 40)
    run = services.start_run(db.session, dialogue, question, staff_user(), k=k)
    if services.run_in_background(db.session, question):
        db.session.commit()  # the worker must see the run
        enqueue("dialog.concerns.services.runs:execute_run_job", run.id)
    else:
        services.execute_run(db.session, run.id)
    return redirect(url_for(".index", slug=slug), code=303)


def _label(run: AnalysisRun, cluster_id: int) -> str:
    return next((c.label for c in run.clusters if c.id == cluster_id), "")


def _confirm(dialogue: Dialogue, run: AnalysisRun, cluster_id: int, action: str,
             target_id: int | None = None) -> tuple[str, int]:
    """The page that asks before a merge or an exclusion, with the form to go ahead."""
    sizes = {v.id: v.size for v in services.cluster_views(db.session, run)[0]}
    return render_template(
        "staff/concern_confirm.html", dialogue=dialogue, run=run, action=action,
        cluster_id=cluster_id, label=_label(run, cluster_id), size=sizes.get(cluster_id, 0),
        target_id=target_id, target_label=_label(run, target_id) if target_id else "",
    ), 200


@bp.post("/runs/<id:run_id>/clusters/<id:cluster_id>")
def decide(slug: str, run_id: int, cluster_id: int) -> Response | tuple[str, int]:
    dialogue = _dialogue(slug, Action.ANALYSE)
    run = _run(dialogue, run_id)
    user = staff_user()
    action = request.form.get("action", "")
    confirmed = request.form.get("confirmed") == "1"
    label = _label(run, cluster_id)
    try:
        if action == "rename":
            services.rename_cluster(db.session, run, cluster_id, request.form.get("label", ""),
                                    user)
            flash(gettext("“%(old)s” is now called “%(new)s”.", old=label,
                          new=_label(run, cluster_id)))
        elif action == "merge":
            return _merge(dialogue, run, cluster_id, id_or_400(request.form.get("target")),
                          confirmed)
        elif action == "exclude":
            if not confirmed:
                _cluster_or_404(run, cluster_id)
                return _confirm(dialogue, run, cluster_id, action)
            services.set_excluded(db.session, run, cluster_id, True, user)
            flash(gettext("“%(label)s” is excluded: its answers no longer count in the "
                          "shares.", label=label))
        elif action == "include":
            services.set_excluded(db.session, run, cluster_id, False, user)
            flash(gettext("“%(label)s” is included again.", label=label))
        elif action == "promote":
            services.promote(db.session, run, cluster_id, user, request.form.get("title", ""))
            flash(gettext("The group is now a focus area that promises can refer to. Its "
                          "figures are published rounded; they change only when you update "
                          "them."))
        elif action == "publish":
            services.publish_figures(db.session, run, cluster_id, user)
            flash(gettext("The public figures are updated."))
        else:
            abort(400)
    except services.ConcernError as exc:
        flash(error_message(str(exc)), "error")
    return redirect(url_for(".index", slug=slug), code=303)


@bp.post("/runs/<id:run_id>/merge")
def merge(slug: str, run_id: int) -> Response | tuple[str, int]:
    """The page's one merge form: group `source` into group `target` (as `decide` with
    action=merge does for one group)."""
    dialogue = _dialogue(slug, Action.ANALYSE)
    run = _run(dialogue, run_id)
    source, target = request.form.get("source", ""), request.form.get("target", "")
    if not source or not target:  # a group not chosen
        flash(error_message("same_cluster"), "error")
        return _back_to_merge(slug, parse_id(source), parse_id(target))
    return _merge(dialogue, run, id_or_400(source), id_or_400(target),
                  request.form.get("confirmed") == "1")


def _back_to_merge(slug: str, source: int | None, target: int | None) -> Response:
    """Back to the page's merge form after a refused merge, with the groups that were
    chosen still chosen."""
    return redirect(url_for(".index", slug=slug, source=source, target=target,
                            _anchor="merge-title"), code=303)


def _merge(dialogue: Dialogue, run: AnalysisRun, source: int, target: int,
           confirmed: bool) -> Response | tuple[str, int]:
    """Ask first (naming both groups), then merge; back to the page with what was done."""
    label = _label(run, source)
    try:
        if not confirmed and source != target and any(c.id == source for c in run.clusters) \
                and any(c.id == target and not c.excluded for c in run.clusters):
            return _confirm(dialogue, run, source, "merge", target)
        services.merge_clusters(db.session, run, source, target, staff_user())
        flash(gettext("“%(source)s” was merged into “%(target)s”.", source=label,
                      target=_label(run, target)))
    except services.ConcernError as exc:
        flash(error_message(str(exc)), "error")
        return _back_to_merge(dialogue.slug, source, target)
    return redirect(url_for(".index", slug=dialogue.slug), code=303)


def _cluster_or_404(run: AnalysisRun, cluster_id: int) -> None:
    if not any(c.id == cluster_id for c in run.clusters):
        abort(404)


@bp.post("/runs/<id:run_id>/decisions/<id:decision_id>/undo")
def undo(slug: str, run_id: int, decision_id: int) -> Response:
    """Take back the latest decision; back to the page it was taken on."""
    dialogue = _dialogue(slug, Action.ANALYSE)
    run = _run(dialogue, run_id)
    try:
        services.undo_decision(db.session, run, decision_id, staff_user())
    except services.ConcernError as exc:
        flash(error_message(str(exc)), "error")
    else:
        flash(gettext("Undone."))
    back = request.form.get("back", "")
    if back.isdigit() and any(str(c.id) == back for c in run.clusters):
        return redirect(url_for(".answers", slug=slug, run_id=run.id, cluster=back), code=303)
    return redirect(url_for(".index", slug=slug), code=303)


@bp.post("/runs/<id:run_id>/place")
def place(slug: str, run_id: int) -> Response:
    """Place answers that arrived after the run in the accepted focus areas (or "various")."""
    dialogue = _dialogue(slug, Action.ANALYSE)
    run = _run(dialogue, run_id)
    placed = services.assign_new_answers(db.session, run, staff_user())
    flash(ngettext("%(num)d new answer was placed.", "%(num)d new answers were placed.", placed))
    return redirect(url_for(".index", slug=slug), code=303)


@bp.route("/runs/<id:run_id>/answers", methods=["GET", "POST"])
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
        chosen = ids_or_400(request.form.getlist("answer"))
        try:
            if request.form.get("action") == "split":
                new = services.split_off(db.session, run, chosen, request.form.get("label", ""),
                                         user)
                flash(ngettext("%(num)d answer was moved to the new group “%(label)s”.",
                               "%(num)d answers were moved to the new group “%(label)s”.",
                               len(chosen), label=new.label))
            else:
                if not chosen:
                    raise services.ConcernError("no_answers")
                if request.form.get("confirmed") != "1":
                    return render_template(
                        "staff/concern_confirm.html", dialogue=dialogue, run=run,
                        action="exclude_answers", cluster_id=cluster.id, label=cluster.label,
                        size=len(chosen), chosen=chosen, raw=raw, target_id=None,
                        target_label="")
                services.exclude_answers(db.session, run, chosen, user)
                flash(ngettext("%(num)d answer is excluded: it no longer counts in any group.",
                               "%(num)d answers are excluded: they no longer count in any "
                               "group.", len(chosen)))
        except services.ConcernError as exc:
            flash(error_message(str(exc)), "error")
        number = parse_page(request.args.get("page"))  # back to the page the answers were on
        return redirect(url_for(".answers", slug=slug, run_id=run.id, cluster=raw,
                                page=number if number > 1 else None), code=303)
    page = services.cluster_answer_page(db.session, run, cluster.id,
                                        parse_page(request.args.get("page")))
    viewer = current_user()
    return render_template("staff/concern_answers.html", dialogue=dialogue, run=run,
                           cluster=cluster, raw=raw, rows=page.items, page=page,
                           mask=services.masked,
                           last=services.last_undoable(db.session, run),
                           decision_labels=DECISION_LABELS,
                           may_decide=can(viewer, Action.ANALYSE, dialogue))


@bp.route("/focus-areas/<id:area_id>", methods=["GET", "POST"])
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
