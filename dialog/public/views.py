"""The public home page and the index of open dialogues."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask_babel import gettext
from werkzeug.wrappers import Response

from dialog import i18n, pagecache
from dialog.db import db, utcnow
from dialog.dialogues.models import Dialogue, DialogueStatus
from dialog.dialogues.services.queries import public_dialogue_page
from dialog.dialogues.services.results import closed_day, feed_dialogues, finished_dialogue_page
from dialog.feeds import FeedEntry, as_utc, build_feed, tag_uri
from dialog.links import external_url, public_host
from dialog.paging import parse_page

FEED_SIZE = 50

bp = Blueprint("public", __name__)


@bp.get("/")
def root() -> Response:
    """`/` has no language: send the visitor to the best one their browser asks for."""
    response = redirect(url_for("public.home", lang=i18n.negotiate()))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/d/<slug>")
def short_link(slug: str) -> Response:
    """The short address printed on posters and QR codes; picks the reader's language."""
    args: dict[str, Any] = {"slug": slug, "lang": i18n.negotiate()}
    if request.args.get("code"):
        args["code"] = request.args["code"]
    response = redirect(url_for("respond.show", **args))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/<lang>/")
@pagecache.for_all()
def home() -> str:
    return render_template("public/home.html", page=public_dialogue_page(db.session))


@bp.get("/<lang>/dialogues/")
@pagecache.for_all()
def dialogues() -> str:
    page = public_dialogue_page(db.session, parse_page(request.args.get("page")))
    return render_template("public/dialogues.html", page=page)


@bp.get("/<lang>/dialogues/archive")
@pagecache.for_all()
def archive() -> str:
    """Past dialogues, most recently closed first, each with its results page."""
    page = finished_dialogue_page(db.session, parse_page(request.args.get("page")))
    return render_template("public/archive.html", page=page)


@bp.get("/<lang>/dialogues/feed.atom")
@pagecache.for_all()
def dialogues_feed() -> Response:
    """Atom feed of public dialogues: new ones to answer, and closed ones with their results."""
    lang = i18n.current()
    dialogues = feed_dialogues(db.session)[:FEED_SIZE]
    body = build_feed(
        feed_id=tag_uri(public_host(), date(2026, 1, 1), "dialogues"),
        title=gettext("Dialogues and their results"),
        self_url=external_url("public.dialogues_feed"),
        page_url=external_url("public.dialogues"),
        updated=max([_entry_updated(d) for d in dialogues], default=as_utc(utcnow())),
        lang=lang,
        entries=[_feed_entry(d, lang) for d in dialogues],
        author=gettext("Dialog"),
    )
    return Response(body, content_type="application/atom+xml; charset=utf-8")


def _entry_updated(dialogue: Dialogue) -> datetime:
    if dialogue.status == DialogueStatus.OPEN:
        return as_utc(dialogue.opens_on or dialogue.created_at)
    return as_utc(closed_day(dialogue))


def _feed_entry(dialogue: Dialogue, lang: str) -> FeedEntry:
    title = i18n.pick(dialogue.title, lang, dialogue.source_language)
    purpose = i18n.pick(dialogue.purpose, lang, dialogue.source_language)
    if dialogue.status == DialogueStatus.OPEN:
        heading = gettext("Open for answers: %(title)s", title=title.text)
        link = external_url("respond.show", slug=dialogue.slug)
        state = "open"
    elif dialogue.status == DialogueStatus.FED_BACK:
        heading = gettext("Results: %(title)s", title=title.text)
        link = external_url("respond.results", slug=dialogue.slug)
        state = "results"
    else:
        heading = gettext("Closed: %(title)s", title=title.text)
        link = external_url("respond.results", slug=dialogue.slug)
        state = "closed"
    names = [o.name for o in dialogue.organisers]
    return FeedEntry(
        # A new state gets a new id, so a feed reader shows "closed" and "results" as news.
        id=tag_uri(public_host(), dialogue.created_at.date(), f"dialogues/{dialogue.id}/{state}"),
        title=heading,
        updated=_entry_updated(dialogue),
        link=link,
        author=gettext(" and ").join(names) or gettext("Dialog"),
        content=purpose.text,
        content_type="text",
        lang=purpose.lang,
    )


@bp.get("/<lang>/accessibility")
@pagecache.for_all()
def accessibility() -> str:
    """The accessibility statement: what is tested, known gaps, how to report a problem."""
    return render_template("public/accessibility.html")
