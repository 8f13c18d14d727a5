"""Staff pages that create and edit dialogues, their questions and paper answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import format_date, gettext
from werkzeug.wrappers import Response
from wtforms.fields.choices import SelectChoice

from dialog import i18n
from dialog.advice import advice_language, leading_findings_in
from dialog.auth import current_user, staff_user
from dialog.authz import Action, require
from dialog.db import db, today
from dialog.dialogues.display import load_dialogue, question_views
from dialog.dialogues.forms import (
    TRANSLATED_FIELDS,
    DialogueFormBase,
    dialogue_form_class,
    question_form_class,
)
from dialog.dialogues.models import STATUS_LABELS, Dialogue, DialogueStatus
from dialog.dialogues.services.editing import (
    OFFLINE_CHANNELS,
    DialogueFields,
    EditError,
    QuestionEdit,
    add_question,
    add_templates,
    change_status,
    check_answered_on,
    create_dialogue,
    edit_question,
    move_question,
    parse_areas,
    record_offline_answer,
    remove_question,
    response_count,
    update_dialogue,
)
from dialog.dialogues.services.queries import (
    organisations,
    paper_language,
    staff_dialogues,
)
from surveys.models import Question
from surveys.questions import ANSWER_TYPE_LABELS, STORED_OPTION_TYPES
from surveys.responses import check_submission, nothing_answered
from surveys.templates import PURPOSE_LABELS, PURPOSES, templates_for

bp = Blueprint("dialogue_editor", __name__, url_prefix="/staff/dialogues")


def edit_error_message(code: str) -> str:
    messages = {
        "slug_taken": gettext("Another dialogue already has this short name."),
        "no_title": gettext("Write the title in the original language."),
        "no_organisers": gettext("Choose at least one organiser."),
        "closes_before_opens": gettext("The closing date is before the opening date."),
        "baseline_missing": gettext("A follow-up needs a baseline dialogue to compare with."),
        "bad_transition": gettext("The dialogue cannot change to that status now."),
        "no_questions": gettext("Add at least one question before opening the dialogue."),
        "has_responses": gettext(
            "Questions cannot change after residents have started answering."),
        "bad_type": gettext("Choose an answer type."),
        "no_text": gettext("Write the question in at least one language."),
        "too_few_options": gettext("Choice and scale questions need at least two options."),
        "no_question": gettext("That question does not exist."),
        "own_organisation": gettext("Your own organisation must stay among the organisers."),
        "changes_meaning": gettext(
            "Residents have already answered this question, so only corrections that keep its "
            "meaning are allowed: typo fixes in the original language, and translations. A "
            "different wording would make the answers already given incomparable with the ones "
            "still to come."),
        "date_missing": gettext("Give the date the answer was given, as YYYY-MM-DD."),
        "date_future": gettext("The date the answer was given cannot be in the future."),
        "detail_too_long": gettext("Describe the meeting or place in at most 120 characters."),
        "bad_channel": gettext("Choose where the answer comes from."),
        "answered_structure": gettext(
            "Residents have already answered this question, so its options and whether an "
            "answer is required can no longer change: the answers already given would no "
            "longer be comparable with the ones still to come."),
    }
    return messages.get(code, gettext("Something went wrong."))


def _prepare_form(form: DialogueFormBase, dialogue: Dialogue | None) -> None:
    form.source_language.choices = [SelectChoice(lang.code, lang.name)
                                    for lang in i18n.available()]
    form.organisers.choices = [SelectChoice(o.id, o.name) for o in organisations(db.session)]
    baselines = [d for d in staff_dialogues(db.session, staff_user())
                 if dialogue is None or d.id != dialogue.id]
    form.baseline.choices = [SelectChoice(0, "–")] + [
        SelectChoice(d.id, i18n.pick(d.title, i18n.current(), d.source_language).text)
        for d in baselines
    ]


def _fill_form(form: Any, dialogue: Dialogue) -> None:
    form.kind.data = dialogue.kind
    form.slug.data = dialogue.slug
    form.source_language.data = dialogue.source_language
    form.influence.data = dialogue.influence
    form.form_kind.data = dialogue.form
    form.opens_on.data = dialogue.opens_on
    form.closes_on.data = dialogue.closes_on
    form.areas.data = "\n".join(
        i18n.pick(a.get("label"), dialogue.source_language).text for a in dialogue.areas)
    form.organisers.data = [o.id for o in dialogue.organisers]
    form.baseline.data = dialogue.baseline_id or 0
    for name, _label, _long in TRANSLATED_FIELDS:
        texts = getattr(dialogue, name) or {}
        for code in i18n.LANGUAGES:
            getattr(form, f"{name}_{code}").data = texts.get(code, "")


def _fields(form: Any) -> DialogueFields:
    def texts(name: str) -> dict[str, str]:
        return {code: (getattr(form, f"{name}_{code}").data or "").strip()
                for code in i18n.LANGUAGES}

    return DialogueFields(
        slug=form.slug.data,
        kind=form.kind.data,
        source_language=form.source_language.data,
        title=texts("title"),
        purpose=texts("purpose"),
        target_group=texts("target_group"),
        influence=form.influence.data,
        form=form.form_kind.data,
        place=texts("place"),
        next_steps=texts("next_steps"),
        areas=parse_areas(form.areas.data or "", form.source_language.data),
        opens_on=form.opens_on.data,
        closes_on=form.closes_on.data,
        organiser_ids=list(form.organisers.data or []),
        baseline_id=form.baseline.data or None,
    )


def _render_dialogue_form(form: Any, dialogue: Dialogue | None, error: str | None,
                          status: int) -> tuple[str, int]:
    groups = [(label, [getattr(form, f"{name}_{code}") for code in i18n.LANGUAGES])
              for name, label, _long in TRANSLATED_FIELDS]
    return render_template("staff/dialogue_form.html", form=form, dialogue=dialogue,
                           groups=groups, error=error), status


@bp.route("/new", methods=["GET", "POST"])
def new() -> Response | tuple[str, int]:
    require(current_user(), Action.CREATE_DIALOGUE)
    form = dialogue_form_class()()
    _prepare_form(form, None)
    if request.method == "GET":
        user = current_user()
        form.organisers.data = [user.organisation_id] if user else []
        form.source_language.data = i18n.LANGUAGES[0]
    error = None
    if form.validate_on_submit():
        fields = _fields(form)
        user = current_user()
        if not fields.organiser_ids and user is not None:
            fields.organiser_ids = [user.organisation_id]  # someone must own the dialogue
        try:
            dialogue = create_dialogue(db.session, fields, actor=staff_user())
        except EditError as exc:
            error = edit_error_message(str(exc))
        else:
            flash(gettext("The dialogue was created as a draft. Now add its questions."))
            return redirect(url_for(".questions", slug=dialogue.slug), code=303)
    return _render_dialogue_form(form, None, error, 200 if request.method == "GET" else 422)


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str) -> Response | tuple[str, int]:
    dialogue = load_dialogue(slug)
    form = dialogue_form_class()()
    _prepare_form(form, dialogue)
    if request.method == "GET":
        _fill_form(form, dialogue)
    error = None
    if form.validate_on_submit():
        try:
            update_dialogue(db.session, dialogue, _fields(form), actor=staff_user())
        except EditError as exc:
            error = edit_error_message(str(exc))
        else:
            flash(gettext("The changes were saved."))
            return redirect(url_for("staff_dialogues.responses", slug=dialogue.slug), code=303)
    return _render_dialogue_form(form, dialogue, error, 200 if request.method == "GET" else 422)


@bp.post("/<slug>/status")
def status(slug: str) -> Response:
    dialogue = load_dialogue(slug)
    try:
        change_status(dialogue, request.form.get("status", ""), actor=staff_user())
    except EditError as exc:
        flash(edit_error_message(str(exc)), "error")
    else:
        flash(gettext("The status is now: %(status)s.",
                      status=gettext(STATUS_LABELS[DialogueStatus(dialogue.status)])))
    return redirect(url_for("staff_dialogues.responses", slug=slug), code=303)


def _option_labels(raw: str, languages: list[str]) -> list[dict[str, str]]:
    """'Trygg | Safe' per line -> [{"sv": "Trygg", "en": "Safe"}]."""
    options = []
    for line in raw.splitlines():
        parts = [p.strip() for p in line.split("|")]
        label = {code: text for code, text in zip(languages, parts, strict=False) if text}
        if label:
            options.append(label)
    return options


def _questions_page(dialogue: Dialogue, form: Any, findings: list[Any] | None = None,
                    status: int = 200) -> tuple[str, int]:

    lang = i18n.current()
    groups = [(purpose, templates_for(purpose)) for purpose in PURPOSES]
    text_fields = [(getattr(form, f"text_{c}"), getattr(form, f"help_{c}"))
                   for c in i18n.LANGUAGES]
    return render_template(
        "staff/questions.html", dialogue=dialogue, form=form, text_fields=text_fields,
        answer_type_labels=ANSWER_TYPE_LABELS, purpose_labels=PURPOSE_LABELS,
        findings=findings or [], groups=groups, lang=lang,
        questions=question_views(dialogue, lang),
        locked=response_count(db.session, dialogue) > 0,
        used_templates={q.template_id for q in dialogue.questionnaire.questions},
    ), status


@bp.get("/<slug>/questions")
def questions(slug: str) -> tuple[str, int]:
    dialogue = load_dialogue(slug)
    return _questions_page(dialogue, question_form_class()())


@bp.post("/<slug>/questions/templates")
def add_from_templates(slug: str) -> Response:
    dialogue = load_dialogue(slug)
    try:
        added = add_templates(db.session, dialogue, request.form.getlist("template"),
                              actor=staff_user())
    except EditError as exc:
        flash(edit_error_message(str(exc)), "error")
    else:
        flash(gettext("%(num)d questions added.", num=added))
    return redirect(url_for(".questions", slug=slug), code=303)


@bp.post("/<slug>/questions/custom")
def add_custom(slug: str) -> Response | tuple[str, int]:
    """Save a staff-written question; the leading-question check runs first, server-side."""

    dialogue = load_dialogue(slug)
    form = question_form_class()()
    if not form.validate_on_submit():
        return _questions_page(dialogue, form, status=422)
    texts = {c: (getattr(form, f"text_{c}").data or "").strip() for c in i18n.LANGUAGES}
    helps = {c: (getattr(form, f"help_{c}").data or "").strip() for c in i18n.LANGUAGES}
    findings = _leading_findings(texts)
    leading = any(result.leading for _lang, result in findings)
    if leading and not form.save_anyway.data:
        return _questions_page(dialogue, form, findings, status=422)
    options = _option_labels(form.options.data or "", [dialogue.source_language] + [
        c for c in i18n.LANGUAGES if c != dialogue.source_language])
    try:
        add_question(
            db.session, dialogue, form.answer_type.data, texts, help_text=helps,
            options=options if form.answer_type.data in STORED_OPTION_TYPES else (),
            required=bool(form.required.data), leading_saved_anyway=leading,
            actor=staff_user())
    except EditError as exc:
        form.answer_type.errors = [edit_error_message(str(exc))]
        return _questions_page(dialogue, form, findings, status=422)
    flash(gettext("The question was added."))
    return redirect(url_for(".questions", slug=slug), code=303)


def _leading_findings(texts: dict[str, str]) -> list[Any]:
    """The leading-question check of each language's text, its advice in the staff member's
    language."""
    from surveys.leading import check_question

    return [
        (i18n.language(code), replace(result, findings=leading_findings_in(
            result.findings, advice_language())))
        for code, text in texts.items() if text
        for result in [check_question(text, code if code in ("sv", "en") else "sv")]
        if result.findings
    ]


def _question_edit_from(form: Any, question: Question, languages: list[str]) -> QuestionEdit:
    def texts(prefix: str) -> dict[str, str]:
        return {c: (form.get(f"{prefix}_{c}") or "")[:1000] for c in i18n.LANGUAGES}

    return QuestionEdit(
        text=texts("text"), help=texts("help"),
        options=[{c: (form.get(f"option-{o.position}-{c}") or "")[:300] for c in i18n.LANGUAGES}
                 for o in question.options],
        required=bool(form.get("required")),
        new_options=_option_labels((form.get("new_options") or "")[:5000], languages),
        removed_options=frozenset(o.position for o in question.options
                                  if form.get(f"remove-{o.position}")),
    )


@bp.route("/<slug>/questions/<id:question_id>/edit", methods=["GET", "POST"])
def edit_question_page(slug: str, question_id: int) -> Response | tuple[str, int]:
    """Change a question: freely before the first answer, afterwards only corrections."""
    dialogue = load_dialogue(slug)
    question = next((q for q in dialogue.questionnaire.questions if q.id == question_id), None)
    if question is None:
        abort(404)
    locked = response_count(db.session, dialogue) > 0
    languages = [dialogue.source_language] + [
        c for c in i18n.LANGUAGES if c != dialogue.source_language]
    typed: dict[str, Any] = {}
    error, findings = None, []
    if request.method == "POST":
        typed = request.form.to_dict()
        edit = _question_edit_from(request.form, question, languages)
        if locked:
            edit.required = question.required  # not offered once answered
        changed = {c: t for c, t in edit.text.items() if t.strip() != question.text.get(c, "")}
        findings = [] if locked else _leading_findings(changed)
        if any(r.leading for _l, r in findings) and not request.form.get("save_anyway"):
            error = gettext("The check found wording that may steer the answers")
        else:
            try:
                changes = edit_question(db.session, dialogue, question_id, edit,
                                        actor=staff_user())
            except EditError as exc:
                error = edit_error_message(str(exc))
            else:
                if changes:
                    flash(gettext("The question was saved. The old wording is kept in the "
                                  "audit log."))
                else:
                    flash(gettext("Nothing was changed."))
                return redirect(url_for(".questions", slug=slug), code=303)
    number = 1 + [q.id for q in dialogue.questionnaire.questions].index(question_id)
    return render_template(
        "staff/question_edit.html", dialogue=dialogue, question=question, number=number,
        locked=locked, typed=typed, error=error, findings=findings,
        languages=[i18n.language(c) for c in languages],
        has_options=question.answer_type in STORED_OPTION_TYPES,
        answer_type_label=ANSWER_TYPE_LABELS[question.answer_type],
    ), 422 if error else 200


@bp.post("/<slug>/questions/<id:question_id>/<any(up, down, remove):action>")
def question_action(slug: str, question_id: int, action: str) -> Response:
    dialogue = load_dialogue(slug)
    try:
        if action == "remove":
            remove_question(db.session, dialogue, question_id, actor=staff_user())
        else:
            move_question(db.session, dialogue, question_id, -1 if action == "up" else 1,
                          actor=staff_user())
    except EditError as exc:
        flash(edit_error_message(str(exc)), "error")
    return redirect(url_for(".questions", slug=slug), code=303)


def _parse_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        return None


@bp.route("/<slug>/paper", methods=["GET", "POST"])
def paper(slug: str) -> Response | tuple[str, int]:
    """Staff type in answers from paper forms or meeting notes, with the same checks, dated
    the day each answer was given and marked with the meeting or place."""
    dialogue = load_dialogue(slug)
    # Questions in the staff member's language where the dialogue has them (options follow).
    shown = paper_language(dialogue, i18n.current())
    source = request.form if request.method == "POST" else request.args
    channel = source.get("channel", "paper")
    if channel not in OFFLINE_CHANNELS:
        channel = "paper"
    answered_on = (source.get("answered_on") or "")[:20]
    detail = (source.get("detail") or "")[:200]
    date_error = None
    if request.method == "POST":
        values, errors = check_submission(dialogue.questionnaire, dialogue.areas, request.form)
        try:
            day = check_answered_on(dialogue, _parse_day(answered_on))
        except EditError as exc:
            date_error = edit_error_message(str(exc)) if str(exc) != "date_before_open" else (
                gettext("The date the answer was given is before the dialogue opened "
                        "(%(date)s).", date=format_date(dialogue.opens_on)))
            day = None
        notice = None
        if not errors and nothing_answered(values):
            notice = gettext("Nothing was filled in, so nothing was saved. Enter at least one "
                             "answer from the form, or go back to the dialogue.")
        elif not errors and day is not None:
            try:
                record_offline_answer(db.session, dialogue, values, channel=channel,
                                      answered_on=day, detail=detail, actor=staff_user(),
                                      redis_url=current_app.config["SETTINGS"].redis_url)
            except EditError as exc:
                date_error = edit_error_message(str(exc))
            else:
                flash(gettext("The answer was saved. You can enter the next one."))
                return redirect(url_for(".paper", slug=slug, channel=channel,
                                        answered_on=day.isoformat(), detail=detail), code=303)
        return render_template("staff/paper.html", dialogue=dialogue, channel=channel,
                               answered_on=answered_on, detail=detail, date_error=date_error,
                               today_iso=today().isoformat(), notice=notice,
                               questions=question_views(dialogue, shown, values, errors)), 422
    return render_template("staff/paper.html", dialogue=dialogue, channel=channel,
                           answered_on=answered_on or today().isoformat(), detail=detail,
                           date_error=None, today_iso=today().isoformat(),
                           questions=question_views(dialogue, shown)), 200
