"""Public promise pages: the list, one promise with its activities and timeline, Atom feeds.

Nothing here reads the internal plans (`Promise.plans`): they are staff-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext

from dialog import i18n, pagecache
from dialog.db import db, utcnow
from dialog.feeds import FeedEntry, as_utc, build_feed, shown_moment, tag_uri
from dialog.i18n import Localised
from dialog.inputs import parse_id
from dialog.links import external_url, public_host
from dialog.paging import parse_page
from dialog.promises.display import focus_area_figures, language_name, progress_words
from dialog.promises.models import (
    ACTIVITY_STATUS_ICONS,
    ACTIVITY_STATUS_LABELS,
    PROMISE_STATUS_LABELS,
    PUBLIC_STATUSES,
    REASON_REQUIRED,
    Activity,
    FeedbackUpdate,
    Promise,
)
from dialog.promises.services import promises as services
from dialog.richtext import render_markdown

bp = Blueprint("promises", __name__)
FEED_SIZE = 50


@bp.app_context_processor
def promise_helpers() -> dict[str, Any]:
    return {
        "activity_status_labels": ACTIVITY_STATUS_LABELS,
        "activity_status_icons": ACTIVITY_STATUS_ICONS,
        "promise_status_labels": PROMISE_STATUS_LABELS,
        "reason_required_statuses": [s.value for s in REASON_REQUIRED],
        "markdown": render_markdown,
        "language_name": lambda code: language_name(code, i18n.current()),
        "progress_words": lambda promise: progress_words(services.promise_progress(promise)),
    }


@dataclass(frozen=True)
class TimelineItem:
    id: int
    day: date
    created_at: datetime
    is_status_change: bool
    activity: Localised | None
    old_status: str | None
    new_status: str | None
    text: Localised
    organisation: str


def timeline_item(update: FeedbackUpdate, lang: str, source: str) -> TimelineItem:
    return TimelineItem(
        id=update.id, day=update.published_on, created_at=update.created_at,
        is_status_change=update.kind == "status",
        activity=i18n.pick(update.activity.title, lang, source) if update.activity else None,
        old_status=update.old_status, new_status=update.new_status,
        text=i18n.pick(update.text, lang, source),
        organisation=update.organisation.name if update.organisation else "",
    )


def timeline(promise: Promise, lang: str) -> list[TimelineItem]:
    """The feedback updates, newest first (status changes included)."""
    items = [timeline_item(u, lang, promise.source_language) for u in promise.updates]
    items.sort(key=lambda i: (i.day, as_utc(i.created_at), i.id), reverse=True)
    return items


def _filters() -> tuple[int | None, str | None]:
    municipality = request.args.get("municipality", "")
    status = request.args.get("status", "")
    municipality_id = parse_id(municipality) if municipality else None
    if municipality and municipality_id is None:
        abort(400)  # not an id any page links to
    valid = {s.value for s in PUBLIC_STATUSES}
    return municipality_id, status if status in valid else None


@bp.get("/<lang>/promises/")
@pagecache.for_all()
def index() -> str:
    municipality_id, status = _filters()
    promises = services.public_promise_page(db.session, parse_page(request.args.get("page")),
                                            municipality_id, status)
    return render_template(
        "promises/index.html",
        fallbacks=[language_name(code, i18n.current()) for code in
                   fallback_languages(promises.items, i18n.current(), whole=False)],
        promises=promises,
        municipalities=services.public_municipalities(db.session),
        statuses=[s.value for s in PUBLIC_STATUSES],
        chosen_municipality=municipality_id,
        chosen_status=status,
    )


def _public(slug: str) -> Promise:
    promise = services.get_promise(db.session, slug)
    if promise is None or not promise.is_public:
        abort(404)
    return promise


def answering_activities(promise: Promise) -> dict[int, list[Activity]]:
    """Per focus area: the activities that answer it ("what you said – what we do")."""
    answers: dict[int, list[Activity]] = {area.id: [] for area in promise.focus_areas}
    for activity in promise.activities:
        if activity.focus_area_id in answers:
            answers[activity.focus_area_id].append(activity)
    return answers


def fallback_languages(promises: list[Promise], lang: str, *, whole: bool) -> list[str]:
    """The languages that texts on the page fall back to because they are not translated into
    `lang`, so the page can say so once instead of after every text."""
    found: dict[str, None] = {}

    def see(texts: Mapping[str, str] | None, source: str) -> None:
        picked = i18n.pick(texts, lang, source)
        if picked.text and picked.lang != lang:
            found[picked.lang] = None

    for promise in promises:
        source = promise.source_language
        see(promise.title, source)
        if not whole:
            continue
        for texts in (promise.introduction, promise.situation_picture, promise.how_to_follow):
            see(texts, source)
        for area in promise.focus_areas:
            see(area.title, source)
            see(area.description, source)
        for goal in promise.goals:
            for texts in (goal.indicator, goal.baseline, goal.target):
                see(texts, source)
        for activity in promise.activities:
            for texts in (activity.title, activity.description, activity.production_goal,
                          activity.status_reason):
                see(texts, source)
        for update in promise.updates:
            see(update.text, source)
        for signatory in promise.signatories:
            see(signatory.title, source)
        for dialogue in promise.dialogues:
            see(dialogue.title, dialogue.source_language)
    return list(found)


@bp.get("/<lang>/promises/<slug>")
@pagecache.for_all()
def show(slug: str) -> str:
    promise = _public(slug)
    return render_template(
        "promises/show.html",
        fallbacks=[language_name(code, i18n.current()) for code in
                   fallback_languages([promise], i18n.current(), whole=True)],
        page_url=external_url("promises.show", slug=promise.slug),
        promise=promise,
        progress=services.promise_progress(promise),
        timeline=timeline(promise, i18n.current()),
        answers=answering_activities(promise),
        figures={a.id: focus_area_figures(a) for a in promise.focus_areas},
    )


def _entry(promise: Promise, item: TimelineItem, lang: str) -> FeedEntry:
    title = i18n.pick(promise.title, lang, promise.source_language).text
    if item.is_status_change and item.new_status:
        status = gettext(ACTIVITY_STATUS_LABELS[item.new_status])  # type: ignore[index]
        entry_title = gettext("%(activity)s: %(status)s",
                              activity=item.activity.text if item.activity else title,
                              status=status)
        body = item.text.text or gettext("The activity is now: %(status)s.", status=status)
        content, kind = body, "text"
    else:
        entry_title = (gettext("Update about %(activity)s", activity=item.activity.text)
                       if item.activity else gettext("Update on %(promise)s", promise=title))
        content, kind = str(render_markdown(item.text.text)), "html"
    page = external_url("promises.show", slug=promise.slug)
    return FeedEntry(
        id=tag_uri(public_host(), promise.created_at.date(),
                   f"promises/{promise.id}/updates/{item.id}"),
        title=entry_title,
        # The date residents see on the page, not the day the row was stored.
        updated=shown_moment(item.day, item.created_at),
        published=shown_moment(item.day, item.created_at),
        link=f"{page}#update-{item.id}",
        author=item.organisation or _author(promise),
        content=content,
        content_type=kind,
        lang=item.text.lang,
    )


def _author(promise: Promise) -> str:
    names = [o.name for o in (promise.police_area, promise.municipality) if o is not None]
    return gettext(" and ").join(names) or gettext("Dialog")


def _atom(body: bytes) -> Response:
    return Response(body, content_type="application/atom+xml; charset=utf-8")


@bp.get("/<lang>/promises/<slug>/feed.atom")
@pagecache.for_all()
def promise_feed(slug: str) -> Response:
    promise = _public(slug)
    lang = i18n.current()
    items = timeline(promise, lang)[:FEED_SIZE]
    body = build_feed(
        feed_id=tag_uri(public_host(), promise.created_at.date(), f"promises/{promise.id}"),
        title=i18n.pick(promise.title, lang, promise.source_language).text,
        self_url=external_url("promises.promise_feed", slug=slug),
        page_url=external_url("promises.show", slug=slug),
        updated=promise.published_at or promise.updated_at,
        lang=lang,
        entries=[_entry(promise, item, lang) for item in items],
        author=_author(promise),
    )
    return _atom(body)


@bp.get("/<lang>/promises/feed.atom")
@pagecache.for_all()
def all_feed() -> Response:
    lang = i18n.current()
    # The newest updates across every public promise, read in one statement.
    updates = services.recent_public_updates(db.session, FEED_SIZE)
    changed = services.public_promises_changed(db.session)
    body = build_feed(
        feed_id=tag_uri(public_host(), date(2026, 1, 1), "promises"),
        title=gettext("Citizen promises: updates and progress"),
        self_url=external_url("promises.all_feed"),
        page_url=external_url("promises.index"),
        updated=as_utc(changed) if changed else as_utc(utcnow()),
        lang=lang,
        entries=[_entry(u.promise, timeline_item(u, lang, u.promise.source_language), lang)
                 for u in updates],
        author=gettext("Dialog"),
    )
    return _atom(body)
