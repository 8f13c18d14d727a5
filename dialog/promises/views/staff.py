"""Staff pages for promises: list, overview (with SMART advice and what publishing still
needs), and forms for the promise, its activities and feedback updates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_date, get_locale, gettext
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from dialog import fragments, i18n, pagecache
from dialog.accounts.models import Organisation, OrganisationKind, User
from dialog.auth import current_user, staff_user
from dialog.authz import Action, can, require
from dialog.db import Translated, db, today
from dialog.dialogues.services.queries import organisations, staff_dialogues
from dialog.paging import parse_page
from dialog.promises.display import progress_words
from dialog.promises.forms import (
    MARKDOWN_HINT,
    ActivityForm,
    CompleteForm,
    PromiseForm,
    UpdateForm,
    form_errors,
)
from dialog.promises.models import PLAN_LABELS, Activity, PlanKind, Promise, PromiseStatus
from dialog.promises.services import promises as services
from dialog.promises.services.promises import (
    ActivityFields,
    GoalFields,
    PromiseError,
    PromiseFields,
    SignatoryFields,
    merge_translation,
)
from dialog.promises.services.smart import EFFECT, PRODUCTION, advice_text, findings_of
from surveys.checks_common import Finding

bp = Blueprint("staff_promises", __name__, url_prefix="/staff/promises")


def error_message(code: str) -> str:
    messages = {
        "slug_missing": gettext("Give a short name."),
        "slug_taken": gettext("Another promise already has this short name."),
        "title_missing": gettext("Write a title in at least one language."),
        "ends_before_starts": gettext("The end is before the start."),
        "unknown_reference": gettext("Something you chose no longer exists. Reload the page."),
        "public_part_removed": gettext(
            "A published promise must keep every public part. Fill in what is missing."),
        "reason_required": gettext(
            "Say why the activity is delayed or cancelled: residents are told the reason."),
        "bad_status": gettext("Choose a status."),
        "text_missing": gettext("Write what has happened."),
        "not_published": gettext("Only a published promise can be completed or renewed."),
        "renews_itself": gettext("A promise cannot be renewed by itself."),
        "own_party": gettext("Your own organisation must stay a party to the promise: as "
                             "police area, municipality or partner."),
        "not_a_party": gettext("Only the promise's own parties approve it."),
    }
    return messages.get(code, gettext("Something went wrong."))


def part_labels() -> dict[str, str]:
    """What each missing public part is called when publishing is refused."""
    return {
        "title": gettext("a title"),
        "registration_number": gettext("the registration number (diarienummer)"),
        "police_area": gettext("the local police area"),
        "municipality": gettext("the municipality"),
        "period": gettext("the period (start and end dates)"),
        "introduction": gettext("an introduction with the purpose"),
        "situation_picture": gettext("the joint situation picture and how it was produced"),
        "focus_areas": gettext("at least one focus area"),
        "activities": gettext("at least one activity"),
        "goals": gettext("effect goals, each with what is measured, the goal and a date"),
        "how_to_follow": gettext("how residents can follow the work"),
        "signatories": gettext("at least one signatory"),
    }


def _load(slug: str, action: Action = Action.VIEW_PROMISE, *, head: bool = False
          ) -> Promise:
    """The promise, if the logged-in user may take `action` on it (else 403/404); loaded
    with its parties and plans only (`head`: its overview keeps the rest), or with
    everything."""
    promise = (services.get_promise_head if head else services.get_promise)(db.session, slug)
    if promise is None:
        abort(404)
    require(current_user(), action, promise)
    return promise


def _load_editable(slug: str) -> Promise:
    return _load(slug, Action.EDIT_PROMISE)


def _user() -> User:
    return staff_user()


# --- the list and the overview -------------------------------------------------------------


@bp.get("/")
def index() -> str:
    user = _user()
    return render_template("staff/promises/index.html",
                           promises=services.staff_promises(
                               db.session, user, parse_page(request.args.get("page"))),
                           may_create=can(user, Action.CREATE_PROMISE))


@dataclass(frozen=True)
class SmartAdvice:
    subject: str
    text: str
    findings: list[Any]


def smart_advice(promise: Promise) -> list[SmartAdvice]:
    """The SMART check on every effect goal and every activity's production goal, each by
    its own rules, with advice in the staff member's language."""
    lang = promise.source_language if promise.source_language in ("sv", "en") else "auto"
    advice: list[SmartAdvice] = []
    for number, goal in enumerate(promise.goals, start=1):
        parts = [i18n.pick(goal.indicator, lang, promise.source_language).text,
                 i18n.pick(goal.target, lang, promise.source_language).text]
        if goal.deadline:
            parts.append(goal.deadline.isoformat())
        text = " – ".join(p for p in parts if p)
        advice.append(SmartAdvice(gettext("Effect goal %(number)d", number=number), text,
                                  _in_staff_language(findings_of(text, lang, EFFECT))))
    for activity in promise.activities:
        title = i18n.pick(activity.title, lang, promise.source_language).text
        text = i18n.pick(activity.production_goal, lang, promise.source_language).text or title
        advice.append(SmartAdvice(gettext("Activity: %(title)s", title=title), text,
                                  _in_staff_language(findings_of(text, lang, PRODUCTION))))
    return advice


def _in_staff_language(findings: Sequence[Finding]) -> list[Finding]:
    """The same findings with their advice in the staff member's interface language."""
    return [replace(f, message=advice_text(f, gettext)) for f in findings]


@dataclass(frozen=True)
class Named:
    name: str


@dataclass(frozen=True)
class ActivityRow:
    """What the overview shows of an activity (read as the activity itself would be)."""

    id: int
    title: Translated
    status: str
    status_reason: Translated
    starts_on: date | None
    ends_on: date | None
    responsible: Named | None


@dataclass(frozen=True)
class Titled:
    title: Translated


@dataclass(frozen=True)
class UpdateRow:
    published_on: date
    kind: str
    activity: Titled | None
    new_status: str | None
    text: Translated


@dataclass(frozen=True)
class OverviewParts:
    """What the overview shows of a promise's activities, updates and effect goals, in the
    staff member's language: kept per worker while no public content changes."""

    activities: list[ActivityRow]
    updates: list[UpdateRow]
    advice: list[SmartAdvice]
    progress: services.Progress


def overview_parts(promise: Promise) -> OverviewParts:
    return OverviewParts(
        [ActivityRow(a.id, a.title, a.status, a.status_reason, a.starts_on, a.ends_on,
                     Named(a.responsible.name) if a.responsible else None)
         for a in promise.activities],
        [UpdateRow(u.published_on, u.kind, Titled(u.activity.title) if u.activity else None,
                   u.new_status, u.text) for u in promise.updates],
        smart_advice(promise), services.promise_progress(promise))


def _kept_parts(promise: Promise, generation: int) -> OverviewParts:
    """`overview_parts`, kept per worker under the public content's generation (read before
    the promise), which every write to a promise, its activities, updates, effect goals or
    an organisation raises (`dialog.pagecache`); the statements that load them run only when
    nothing is kept."""
    def read() -> OverviewParts:
        services.load_overview(db.session, promise)
        return overview_parts(promise)

    return fragments.kept_value(("promise overview", generation, promise.id, i18n.current(),
                                 str(get_locale())), read, fragments.repr_cost)


def _overview(promise: Promise, refusal: services.Unpublishable | None = None,
              status: int = 200, parts: OverviewParts | None = None) -> tuple[str, int]:
    user = _user()
    if parts is None:
        parts = overview_parts(promise)
    editable = can(user, Action.EDIT_PROMISE, promise)
    complete = CompleteForm()
    if editable and promise.status in (PromiseStatus.PUBLISHED, PromiseStatus.COMPLETED):
        # The only case the page shows the form in: a successor is chosen among these.
        complete.successor.choices = [SelectChoice(0, "–")] + [
            SelectChoice(p.id, i18n.pick(p.title, i18n.current(), p.source_language).text)
            for p in services.promise_choices(db.session, user) if p.id != promise.id]
    # Approvals and what is missing are shown while the promise is a draft, never after: a
    # published promise's page neither reads its approvals nor digests its texts.
    draft = promise.status == PromiseStatus.DRAFT
    approvals = services.approval_states(promise) if draft else []
    return render_template(
        "staff/promises/show.html",
        promise=promise,
        editable=editable,
        may_approve=can(user, Action.APPROVE_PROMISE, promise),
        approvals=approvals,
        my_approval=next((a for a in approvals if a.organisation.id == user.organisation_id),
                         None),
        missing=(services.missing_parts(promise) if draft else [])
        if refusal is None else refusal.parts,
        missing_approvals=[a.organisation for a in approvals if not a.current],
        refused=refusal is not None,
        part_labels=part_labels(),
        advice=parts.advice,
        activities=parts.activities,
        updates=parts.updates,
        progress_text=progress_words(parts.progress),
        plans=services.plan_texts(promise),
        plan_labels=PLAN_LABELS,
        complete_form=complete,
        languages=i18n.available(),
    ), status


@bp.get("/<slug>")
def show(slug: str) -> tuple[str, int]:
    generation = pagecache.generation(db.session)  # before anything it versions is read
    promise = _load(slug, head=True)
    return _overview(promise, parts=_kept_parts(promise, generation))


@bp.post("/<slug>/approve")
def approve(slug: str) -> Response:
    """An editor or admin approves the promise as it reads now, for their organisation."""
    promise = _load(slug, Action.APPROVE_PROMISE)
    services.approve_promise(db.session, promise, actor=_user())
    flash(gettext("You approved the promise for %(organisation)s.",
                  organisation=_user().organisation.name))
    return redirect(url_for(".show", slug=slug), code=303)


@bp.post("/<slug>/publish")
def publish(slug: str) -> Response | tuple[str, int]:
    promise = _load_editable(slug)
    missing = services.publish_promise(db.session, promise, actor=_user())
    if missing:
        return _overview(promise, missing, 422)
    flash(gettext("The promise is published."))
    return redirect(url_for(".show", slug=slug), code=303)


@bp.post("/<slug>/complete")
def complete(slug: str) -> Response | tuple[str, int]:
    promise = _load_editable(slug)
    form = CompleteForm()
    form.successor.choices = [SelectChoice(0, "–")] + [
        SelectChoice(p.id, p.slug) for p in services.promise_choices(db.session, _user())]
    if not form.validate_on_submit():
        abort(400)
    successor = db.session.get(Promise, form.successor.data) if form.successor.data else None
    try:
        services.complete_promise(db.session, promise, successor, actor=_user())
    except PromiseError as exc:
        flash(error_message(exc.code), "error")
        return redirect(url_for(".show", slug=slug), code=303)
    flash(gettext("The promise is marked as renewed.") if promise.status == PromiseStatus.RENEWED
          else gettext("The promise is marked as completed."))
    return redirect(url_for(".show", slug=slug), code=303)


# --- the promise form ----------------------------------------------------------------------


def _organisations() -> list[Organisation]:
    return organisations(db.session)


def _prepare_promise_form(form: PromiseForm, promise: Promise | None = None) -> None:
    """Choices: organisations, and the dialogues and focus areas of the user's organisation
    (plus those the promise already refers to, which a partner may have chosen)."""
    orgs = _organisations()
    police = [o for o in orgs if o.kind == OrganisationKind.POLICE_AREA]
    towns = [o for o in orgs if o.kind == OrganisationKind.MUNICIPALITY]
    form.police_area.choices = [SelectChoice(0, "–")] + [SelectChoice(o.id, o.name)
                                                         for o in police]
    form.municipality.choices = [SelectChoice(0, "–")] + [SelectChoice(o.id, o.name)
                                                          for o in towns]
    form.partners.choices = [SelectChoice(o.id, o.name) for o in orgs]
    lang = i18n.current()
    dialogues = staff_dialogues(db.session, _user())
    areas = services.focus_areas_for(db.session, _user())
    if promise is not None:
        dialogues += [d for d in promise.dialogues if d not in dialogues]
        areas += [a for a in promise.focus_areas if a not in areas]
    form.dialogues.choices = [
        SelectChoice(d.id, i18n.pick(d.title, lang, d.source_language).text) for d in dialogues]
    form.focus_areas.choices = [
        SelectChoice(a.id, _focus_label(a.title, a.size)) for a in areas]


def _focus_label(title: Translated, size: int | None) -> str:
    text = i18n.pick(title, i18n.current()).text
    return f"{text} ({size})" if size is not None and size >= 5 else text


def _fill_promise_form(form: PromiseForm, promise: Promise, lang: str) -> None:
    form.slug.data = promise.slug
    form.registration_number.data = promise.registration_number
    form.title.data = promise.title.get(lang, "")
    form.police_area.data = promise.police_area_id or 0
    form.municipality.data = promise.municipality_id or 0
    form.partners.data = [o.id for o in promise.partners]
    form.starts_on.data = promise.starts_on
    form.ends_on.data = promise.ends_on
    form.introduction.data = promise.introduction.get(lang, "")
    form.situation_picture.data = promise.situation_picture.get(lang, "")
    form.how_to_follow.data = promise.how_to_follow.get(lang, "")
    form.dialogues.data = [d.id for d in promise.dialogues]
    form.focus_areas.data = [a.id for a in promise.focus_areas]
    for i, goal in enumerate(promise.goals[:10]):
        if i >= len(form.goals.entries):
            form.goals.append_entry()
        entry = form.goals.entries[i].form
        entry.indicator.data = goal.indicator.get(lang, "")
        entry.baseline.data = goal.baseline.get(lang, "")
        entry.target.data = goal.target.get(lang, "")
        entry.deadline.data = goal.deadline
    for i, signer in enumerate(promise.signatories[:10]):
        if i >= len(form.signatories.entries):
            form.signatories.append_entry()
        entry = form.signatories.entries[i].form
        entry.name.data = signer.name
        entry.title.data = signer.title.get(lang, "")
        entry.organisation.data = signer.organisation
        entry.signed_on.data = signer.signed_on
    plans = services.plan_texts(promise)
    for kind in PlanKind:
        getattr(form, kind.value).data = plans[kind.value]


def _promise_fields(form: PromiseForm, promise: Promise | None, lang: str) -> PromiseFields:
    goals: list[GoalFields] = []
    old_goals = list(promise.goals) if promise else []
    for i, entry in enumerate(form.goals.entries):
        old = old_goals[i] if i < len(old_goals) else None
        sub = entry.form
        goals.append(GoalFields(
            indicator=merge_translation(old.indicator if old else None, lang, sub.indicator.data),
            baseline=merge_translation(old.baseline if old else None, lang, sub.baseline.data),
            target=merge_translation(old.target if old else None, lang, sub.target.data),
            deadline=sub.deadline.data))
    signers: list[SignatoryFields] = []
    old_signers = list(promise.signatories) if promise else []
    for i, entry in enumerate(form.signatories.entries):
        old_signer = old_signers[i] if i < len(old_signers) else None
        sub = entry.form
        signers.append(SignatoryFields(
            name=sub.name.data or "",
            title=merge_translation(old_signer.title if old_signer else None, lang, sub.title.data),
            organisation=sub.organisation.data or "", signed_on=sub.signed_on.data))
    return PromiseFields(
        slug=form.slug.data or "",
        title=merge_translation(promise.title if promise else None, lang, form.title.data),
        registration_number=form.registration_number.data or "",
        police_area_id=form.police_area.data or None,
        municipality_id=form.municipality.data or None,
        partner_ids=form.partners.data or [],
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        introduction=merge_translation(promise.introduction if promise else None, lang,
                            form.introduction.data),
        situation_picture=merge_translation(promise.situation_picture if promise else None, lang,
                                 form.situation_picture.data),
        how_to_follow=merge_translation(promise.how_to_follow if promise else None, lang,
                             form.how_to_follow.data),
        dialogue_ids=form.dialogues.data or [],
        focus_area_ids=form.focus_areas.data or [],
        goals=goals,
        signatories=signers,
        source_language=promise.source_language if promise else "sv",
    )


def _render_promise_form(form: PromiseForm, promise: Promise | None, lang: str,
                         error: str | None = None, status: int = 200) -> tuple[str, int]:
    if form.errors and error is None:
        status = 422
    reference = {}
    if promise is not None and lang != promise.source_language:
        src = promise.source_language
        reference = {name: i18n.pick(getattr(promise, name), src, src)
                     for name in ("title", "introduction", "situation_picture", "how_to_follow")}
    return render_template(
        "staff/promises/promise_form.html", form=form, promise=promise, error=error,
        errors=form_errors(form), edit_language=i18n.language(lang),
        languages=i18n.available(), reference=reference, markdown_hint=MARKDOWN_HINT,
        plan_kinds=[k.value for k in PlanKind],
    ), status


def _save_promise(form: PromiseForm, promise: Promise | None, lang: str
                  ) -> Response | tuple[str, int]:
    fields = _promise_fields(form, promise, lang)
    try:
        if promise is None:
            promise = services.create_promise(db.session, fields, actor=_user(), language=lang)
        else:
            services.update_promise(db.session, promise, fields, actor=_user(), language=lang)
    except PromiseError as exc:
        db.session.rollback()
        if exc.code in ("slug_taken", "slug_missing"):
            form.slug.errors = [error_message(exc.code)]
        elif exc.code == "title_missing":
            form.title.errors = [error_message(exc.code)]
        elif exc.code == "ends_before_starts":
            form.ends_on.errors = [error_message(exc.code)]
        return _render_promise_form(form, promise if promise and promise.id else None, lang,
                                    error=error_message(exc.code), status=422)
    services.save_plans(db.session, promise, {
        kind.value: getattr(form, kind.value).data or "" for kind in PlanKind}, actor=_user())
    flash(gettext("The promise is saved."))
    return redirect(url_for(".show", slug=promise.slug), code=303)


@bp.route("/new", methods=["GET", "POST"])
def new() -> Response | tuple[str, int]:
    require(current_user(), Action.CREATE_PROMISE)
    form = PromiseForm()
    _prepare_promise_form(form)
    if request.method == "GET":
        user = _user()
        if user.organisation.kind == OrganisationKind.POLICE_AREA:
            form.police_area.data = user.organisation_id
        elif user.organisation.kind == OrganisationKind.MUNICIPALITY:
            form.municipality.data = user.organisation_id
        return _render_promise_form(form, None, "sv")
    if not form.validate():
        return _render_promise_form(form, None, "sv")
    return _save_promise(form, None, "sv")


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str) -> Response | tuple[str, int]:
    promise = _load_editable(slug)
    lang = i18n.edit_language(promise.source_language)
    form = PromiseForm()
    _prepare_promise_form(form, promise)
    if request.method == "GET":
        _fill_promise_form(form, promise, lang)
        return _render_promise_form(form, promise, lang)
    if not form.validate():
        return _render_promise_form(form, promise, lang)
    return _save_promise(form, promise, lang)


# --- activities ----------------------------------------------------------------------------


def _prepare_activity_form(form: ActivityForm, promise: Promise) -> None:
    form.responsible.choices = [SelectChoice(0, "–")] + [
        SelectChoice(o.id, o.name) for o in promise.parties()]
    form.focus_area.choices = [SelectChoice(0, "–")] + [
        SelectChoice(a.id, i18n.pick(a.title, i18n.current(), promise.source_language).text)
        for a in promise.focus_areas]


def _activity_fields(form: ActivityForm, activity: Activity | None, lang: str) -> ActivityFields:
    return ActivityFields(
        title=merge_translation(activity.title if activity else None, lang, form.title.data),
        description=merge_translation(activity.description if activity else None, lang,
                           form.description.data),
        responsible_id=form.responsible.data or None,
        starts_on=form.starts_on.data,
        ends_on=form.ends_on.data,
        status=form.status.data or "planned",
        status_reason=merge_translation(activity.status_reason if activity else None, lang,
                             form.status_reason.data),
        production_goal=merge_translation(activity.production_goal if activity else None, lang,
                               form.production_goal.data),
        focus_area_id=form.focus_area.data or None,
    )


def _render_activity_form(form: ActivityForm, promise: Promise, activity: Activity | None,
                          lang: str, error: str | None = None) -> tuple[str, int]:
    status = 422 if (form.errors or error) else 200
    return render_template(
        "staff/promises/activity_form.html", form=form, promise=promise, activity=activity,
        errors=form_errors(form), error=error, edit_language=i18n.language(lang),
        languages=i18n.available()), status


@bp.route("/<slug>/activities/new", methods=["GET", "POST"])
def new_activity(slug: str) -> Response | tuple[str, int]:
    promise = _load_editable(slug)
    return _activity_page(promise, None, promise.source_language)


@bp.route("/<slug>/activities/<id:activity_id>/edit", methods=["GET", "POST"])
def edit_activity(slug: str, activity_id: int) -> Response | tuple[str, int]:
    promise = _load_editable(slug)
    activity = next((a for a in promise.activities if a.id == activity_id), None)
    if activity is None:
        abort(404)
    return _activity_page(promise, activity, i18n.edit_language(promise.source_language))


def _activity_page(promise: Promise, activity: Activity | None, lang: str
                   ) -> Response | tuple[str, int]:
    """The form for a new activity (`activity` None) or one being edited, and its saving."""
    form = ActivityForm()
    _prepare_activity_form(form, promise)
    if request.method == "GET" and activity is not None:
        form.title.data = activity.title.get(lang, "")
        form.description.data = activity.description.get(lang, "")
        form.responsible.data = activity.responsible_id or 0
        form.starts_on.data = activity.starts_on
        form.ends_on.data = activity.ends_on
        form.status.data = activity.status
        form.status_reason.data = activity.status_reason.get(lang, "")
        form.production_goal.data = activity.production_goal.get(lang, "")
        form.focus_area.data = activity.focus_area_id or 0
    if request.method == "GET" or not form.validate():
        return _render_activity_form(form, promise, activity, lang)
    fields = _activity_fields(form, activity, lang)
    try:
        if activity is None:
            services.add_activity(db.session, promise, fields,
                                  organisation_id=_user().organisation_id, actor=_user())
        else:
            services.update_activity(db.session, activity, fields,
                                     organisation_id=_user().organisation_id, actor=_user())
    except PromiseError as exc:
        db.session.rollback()
        return _render_activity_form(form, promise, activity, lang, error_message(exc.code))
    flash(gettext("The activity is added.") if activity is None
          else gettext("The activity is saved."))
    return redirect(url_for(".show", slug=promise.slug), code=303)


# --- feedback updates ----------------------------------------------------------------------


@bp.route("/<slug>/updates/new", methods=["GET", "POST"])
def new_update(slug: str) -> Response | tuple[str, int]:
    promise = _load_editable(slug)
    lang = promise.source_language
    form = UpdateForm()
    form.activity.choices = [SelectChoice(0, "–")] + [
        SelectChoice(a.id, i18n.pick(a.title, i18n.current(), promise.source_language).text)
        for a in promise.activities]
    if request.method == "GET":
        form.published_on.data = today()
    error = None
    if request.method == "POST" and form.validate():
        try:
            services.add_feedback_update(
                db.session, promise, {lang: form.text.data or ""}, _user().organisation_id,
                activity_id=form.activity.data or None, on=form.published_on.data,
                actor=_user())
        except PromiseError as exc:
            db.session.rollback()
            error = error_message(exc.code)
        else:
            flash(gettext("The update is published on the promise's page."))
            return redirect(url_for(".show", slug=slug), code=303)
    status = 422 if (form.errors or error) else 200
    return render_template(
        "staff/promises/update_form.html", form=form, promise=promise, error=error,
        errors=form_errors(form), markdown_hint=MARKDOWN_HINT,
        today=format_date(today(), "long")), status
