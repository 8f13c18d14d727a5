"""What staff and residents noticed on promise pages: Markdown and empty fields on the staff
overview, activities created late, feed dates, the goals table on a phone, untranslated notes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from xml.etree import ElementTree as ET

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import Role
from dialog.authz import SYSTEM
from dialog.db import db
from dialog.promises.models import FeedbackUpdate, Promise
from dialog.promises.services import promises as services
from dialog.promises.services.promises import ActivityFields
from tests.helpers import visible_text
from tests.promises.conftest import MUNICIPALITY

SLUG = "tryggare-torg"
A = "{http://www.w3.org/2005/Atom}"


def test_staff_overview_renders_markdown_and_says_when_there_is_no_number(
    app: Flask, login_as: Callable[..., FlaskClient], make_promise: Callable[..., str]
) -> None:
    make_promise()
    make_promise(slug="utan-nummer", registration_number="", starts_on=None, ends_on=None,
                 publish=False)
    staff = login_as(Role.VIEWER)
    page = staff.get(f"/staff/promises/{SLUG}")
    assert "<em>februari</em>" in page.get_data(as_text=True)
    assert "*februari*" not in visible_text(page)
    text = visible_text(staff.get("/staff/promises/utan-nummer"))
    assert "Diarienummer: –" not in text and "· ·" not in text
    assert "Inget diarienummer än" in text


def test_an_activity_created_delayed_is_in_the_timeline_and_the_feed(
    app: Flask, client: FlaskClient, make_promise: Callable[..., str]
) -> None:
    make_promise()
    with app.app_context():
        promise = db.session.scalars(select(Promise).where(Promise.slug == SLUG)).one()
        activity = services.add_activity(db.session, promise, ActivityFields(
            title={"sv": "Kameror vid torget"}, status="delayed",
            status_reason={"sv": "Tillståndet är inte klart."}), on=date(2026, 6, 3),
            actor=SYSTEM)
        planned = services.add_activity(db.session, promise, ActivityFields(
            title={"sv": "Nytt möte"}, status="planned"), actor=SYSTEM)
        db.session.commit()
        entries = [(e.kind, e.old_status, e.new_status, e.published_on)
                   for e in db.session.scalars(select(FeedbackUpdate).where(
                       FeedbackUpdate.activity_id.in_([activity.id, planned.id])))]
    assert entries == [("status", None, "delayed", date(2026, 6, 3))]
    page = client.get(f"/sv/promises/{SLUG}")
    timeline = page.get_data(as_text=True).split('id="h-timeline"', 1)[1]
    assert "Kameror vid torget" in timeline and "Tillståndet är inte klart." in timeline
    feed = ET.fromstring(client.get(f"/sv/promises/{SLUG}/feed.atom").data)  # noqa: S314
    titles = [e.findtext(f"{A}title") for e in feed.findall(f"{A}entry")]
    assert "Kameror vid torget: Försenad" in titles


def test_feed_dates_are_the_dates_residents_see(
    app: Flask, client: FlaskClient, make_promise: Callable[..., str]
) -> None:
    make_promise()  # history entered today, dated February to May 2026
    feed = ET.fromstring(client.get(f"/sv/promises/{SLUG}/feed.atom").data)  # noqa: S314
    page = client.get(f"/sv/promises/{SLUG}").get_data(as_text=True)
    shown = {f"update-{m[0]}": m[1] for m in re.findall(
        r'<li id="update-(\d+)">\s*<h3><time datetime="([\d-]+)"', page)}
    assert len(shown) == 5
    entries = feed.findall(f"{A}entry")
    for entry in entries:
        link = entry.find(f"{A}link")
        assert link is not None
        anchor = link.get("href", "").split("#")[1]
        updated = datetime.fromisoformat(entry.findtext(f"{A}updated", "").replace("Z", "+00:00"))
        published = datetime.fromisoformat(
            entry.findtext(f"{A}published", "").replace("Z", "+00:00"))
        assert updated.date().isoformat() == shown[anchor]
        assert published == updated and published.tzinfo is not None
    newest = max(datetime.fromisoformat(e.findtext(f"{A}updated", "").replace("Z", "+00:00"))
                 for e in entries)
    feed_updated = datetime.fromisoformat(feed.findtext(f"{A}updated", "").replace("Z", "+00:00"))
    assert feed_updated == newest and feed_updated.date() == date(2026, 5, 2)
    assert feed_updated.date() != datetime.now(UTC).date()


def test_goals_table_labels_every_cell_for_narrow_screens(
    client: FlaskClient, make_promise: Callable[..., str]
) -> None:
    make_promise()
    page = client.get(f"/sv/promises/{SLUG}").get_data(as_text=True)
    goals = page.split('id="h-goals"', 1)[1].split("</table>", 1)[0]
    assert 'class="goals stack"' in goals
    for label in ("Vad vi mäter", "Utgångsläge", "Mål", "Senast"):
        assert f'data-label="{label}"' in goals


def test_untranslated_texts_are_announced_once(
    client: FlaskClient, make_promise: Callable[..., str]
) -> None:
    make_promise()
    text = visible_text(client.get(f"/ar/promises/{SLUG}"))
    assert text.count("السويدية") == 1, text.count("السويدية")
    assert MUNICIPALITY in text
