"""A resident follows a promise on a phone: from the list to what was said and what is done."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from dialog.db import db
from dialog.promises.display import shown_count
from dialog.promises.models import Activity, ActivityStatus, Promise
from tests.browser.conftest import Visit


@dataclass(frozen=True)
class Facts:
    title: str
    area_id: int
    area_title: str
    area_size: int
    delayed_id: int
    delayed_reason: str


def _facts(visit: Visit) -> Facts:
    """What the seeded promise holds, read from the database the site serves."""
    with visit.site.app.app_context():
        promise = db.session.scalars(
            select(Promise).where(Promise.slug == visit.site.facts["promise"])).one()
        area = max((a for a in promise.focus_areas if a.size), key=lambda a: a.size or 0)
        delayed = db.session.scalars(select(Activity).where(
            Activity.promise_id == promise.id,
            Activity.status == ActivityStatus.DELAYED.value)).first()
        assert delayed is not None and area.size is not None
        return Facts(title=promise.title["sv"], area_id=area.id, area_title=area.title["sv"],
                     area_size=area.size, delayed_id=delayed.id,
                     delayed_reason=delayed.status_reason["sv"])


def _read_promise(visit: Visit) -> None:
    facts = _facts(visit)
    page = visit.page
    visit.go("/sv/promises/")
    page.get_by_role("link", name=facts.title).click()
    page.wait_for_url(f"**/sv/promises/{visit.site.facts['promise']}")
    assert page.locator("h1").inner_text() == facts.title

    # What you said: the focus area from the dialogue, with its size and gender table.
    area = page.locator(f"#focus-{facts.area_id}")
    assert area.locator("h3").inner_text() == facts.area_title
    assert facts.area_size >= 5  # the seeded dialogue is big enough to show a breakdown
    assert shown_count(facts.area_size) in area.inner_text()
    assert area.locator("table caption").inner_text() == "Vilka som tog upp det, efter kön"
    assert area.locator("tbody tr").count() >= 2

    # What we do: a late activity says so in words, with its reason.
    delayed = page.locator(f"#activity-{facts.delayed_id}")
    assert "Försenad" in delayed.locator(".status").inner_text()
    assert delayed.locator(".reason").inner_text().strip() == facts.delayed_reason.strip()

    # The timeline is there, newest first, and nothing is wider than the phone.
    days = page.locator("ol.timeline time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))")
    assert days and days == sorted(days, reverse=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert visit.offsite_requests() == []


def test_read_a_promise_on_a_phone(visit: Visit) -> None:
    _read_promise(visit)


def test_read_a_promise_without_javascript(visit_without_js: Visit) -> None:
    _read_promise(visit_without_js)
