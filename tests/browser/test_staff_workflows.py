"""Staff do the work as it is really done, on a desktop; residents read the results on a
phone. One test per point of issue 15 (except the leading-question check and the exports)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from dialog.db import db, today
from dialog.dialogues.models import InviteBatch
from dialog.dialogues.services.queries import get_dialogue
from tests.browser.conftest import Visit


def _flash(visit: Visit) -> str:
    return str(visit.page.locator(".flashes").inner_text())


def test_staff_correct_a_question_that_residents_have_answered(staff_desktop: Visit) -> None:
    page, slug = staff_desktop.page, staff_desktop.site.facts["open"]
    staff_desktop.go(f"/staff/dialogues/{slug}/questions")
    assert "du kan fortfarande rätta stavfel och översättningar" in page.inner_text("main")
    page.locator("ol.question-list a", has_text="Rätta").first.click()
    assert "Invånare har redan svarat på frågan." in page.inner_text("#locked-note")
    original = page.input_value("#text_sv")
    # Another question is refused, with the reason, and what was typed stays.
    page.fill("#text_sv", "Varför är det så otryggt i centrum?")
    page.click("main form button[type=submit]")
    assert "inte att jämföra med dem som kommer" in page.inner_text("#summary")
    assert page.input_value("#text_sv") == "Varför är det så otryggt i centrum?"
    # A translation is a correction: it is saved, and the old text kept in the audit log.
    page.fill("#text_sv", original)
    page.fill("#help_fi", "Kirjoita omin sanoin.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/staff/dialogues/{slug}/questions")
    assert "Frågan sparades" in _flash(staff_desktop)
    with staff_desktop.site.app.app_context():
        from dialog.audit import AuditEvent

        event = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "question.correct").order_by(AuditEvent.id.desc())).first()
        assert event is not None
        assert {"field": "help", "language": "fi", "old": "",
                "new": "Kirjoita omin sanoin."} in event.details["changes"]


def test_staff_type_in_meeting_answers_dated_the_day_of_the_meeting(staff_desktop: Visit) -> None:
    page, slug = staff_desktop.page, staff_desktop.site.facts["open"]
    staff_desktop.go(f"/staff/dialogues/{slug}/paper")
    assert page.input_value("#answered_on") == today().isoformat()
    page.check("#ch-meeting")
    page.fill("#detail", "Boendemöte i Folkets hus")
    page.locator("ol.questions input[type=radio]").first.check()
    page.locator("ol.questions textarea").first.fill("Mörkt vid busshållplatsen.")
    page.fill("#answered_on", (today() + timedelta(days=3)).isoformat())
    page.click("main form button[type=submit]")
    assert "kan inte ligga i framtiden" in page.inner_text("#summary")
    assert page.input_value("#detail") == "Boendemöte i Folkets hus"
    assert page.locator("ol.questions textarea").first.input_value() == \
        "Mörkt vid busshållplatsen."
    met = today() - timedelta(days=5)
    page.fill("#answered_on", met.isoformat())
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*/paper\?.*"))
    assert "Svaret är sparat" in _flash(staff_desktop)
    assert page.input_value("#answered_on") == met.isoformat()  # ready for the next form
    staff_desktop.go(f"/staff/dialogues/{slug}")
    page.locator("details.by-date summary").click()
    row = page.locator("details.by-date tr", has_text=met.isoformat())
    assert int(row.locator("td").nth(2).inner_text()) >= 1


def test_an_invitation_slip_stands_on_its_own(staff_desktop: Visit) -> None:
    slug = staff_desktop.site.facts["targeted"]
    with staff_desktop.site.app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        batch = db.session.scalars(select(InviteBatch.id).where(
            InviteBatch.dialogue_id == dialogue.id)).first()
    staff_desktop.go(f"/staff/dialogues/{slug}/invitations/{batch}")
    staff_desktop.page.select_option("#slip-lang-1", "sv")
    staff_desktop.page.select_option("#slip-lang-2", "ar")
    staff_desktop.page.click("form.noprint button[type=submit]")
    slip = staff_desktop.page.locator("li.code-slip").first
    swedish = slip.locator('.slip-text[lang="sv"]').inner_text()
    assert "anonymt" in swedish and "skriv in koden" in swedish and "Svara senast" in swedish
    assert slip.locator('.slip-text[lang="ar"]').get_attribute("dir") == "rtl"
    staff_desktop.page.emulate_media(media="print")
    assert staff_desktop.page.locator("form.noprint").is_hidden()
    assert slip.locator(".slip-text").first.is_visible()


def test_concerns_actions_ask_confirm_and_undo(staff_desktop: Visit) -> None:
    page, slug = staff_desktop.page, staff_desktop.site.facts["open"]
    staff_desktop.go(f"/staff/dialogues/{slug}/concerns/")
    group = page.locator("article.cluster:not(.excluded)").first
    label = group.locator("h3").evaluate("h => h.firstChild.textContent.trim()")
    group.get_by_role("button", name="Uteslut (hör inte hit)").click()
    assert "Bekräfta" in page.inner_text("h1")
    assert label in page.inner_text("main")
    page.get_by_role("button", name="Ja, uteslut").click()
    assert "är utesluten" in _flash(staff_desktop)
    excluded_id = page.locator("article.cluster.excluded").first.get_attribute("aria-labelledby")
    assert excluded_id is not None
    for select_box in page.locator("select[name=target]").all():
        values = [o.get_attribute("value") for o in select_box.locator("option").all()]
        assert excluded_id.removeprefix("c") not in values
    page.get_by_role("button", name="Ångra").click()
    assert "Ångrat." in _flash(staff_desktop)
    assert page.locator("article.cluster.excluded").count() == 0


def test_staff_overview_of_a_promise_reads_cleanly(staff_desktop: Visit) -> None:
    staff_desktop.go(f"/staff/promises/{staff_desktop.site.facts['promise']}")
    text = staff_desktop.page.inner_text("main")
    assert "**" not in text
    assert "· ·" not in text and "Diarienummer: –" not in text


def test_printed_promise_is_two_a4_pages_with_address_and_number(visit: Visit) -> None:
    slug = visit.site.facts["promise"]
    visit.go(f"/sv/promises/{slug}")
    pdf = visit.page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages == 2, pages
    visit.page.emulate_media(media="print")
    head = visit.page.locator(".print-head")
    assert head.is_visible()
    with visit.site.app.app_context():
        from dialog.promises.models import Promise

        number = db.session.scalars(select(Promise.registration_number).where(
            Promise.slug == slug)).one()
    assert number and number in head.inner_text()
    assert f"/sv/promises/{slug}" in head.inner_text()


def test_goal_table_on_a_phone_shows_every_column(visit: Visit) -> None:
    visit.go(f"/sv/promises/{visit.site.facts['promise']}")
    table = visit.page.locator("table.goals")
    table.scroll_into_view_if_needed()
    width = visit.page.evaluate("window.innerWidth")
    for label in ("Mål", "Senast"):
        cell = table.locator(f'td[data-label="{label}"]').first
        box = cell.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, label
        before = visit.page.evaluate(
            "c => getComputedStyle(c, '::before').content", cell.element_handle())
        assert label in before


def test_arabic_promise_says_once_that_texts_are_untranslated(visit: Visit) -> None:
    visit.go(f"/ar/promises/{visit.site.facts['promise']}")
    text = visit.page.inner_text("main")
    assert text.count("لم تُترجم بعد") == 1
    assert visit.page.locator(".fallback").count() == 1


def test_not_found_page_offers_the_other_languages(visit: Visit) -> None:
    response = visit.go("/ar/promises/no-such-promise-here")
    assert response is not None and response.status == 404
    visit.page.locator('nav.langs a[lang="sv"]').click()
    assert visit.page.get_attribute("html", "lang") == "sv"
    assert "Vi hittade inte sidan" in visit.page.inner_text("h1")


def test_privacy_page_of_a_single_organiser(visit: Visit) -> None:
    slug = visit.site.facts["closed"]
    with visit.site.app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        both = list(dialogue.organisers)
        assert len(both) == 2
        dialogue.organisers = both[:1]
        db.session.commit()
        single = both[0].name
    try:
        visit.go(f"/sv/d/{slug}/privacy")
        text = visit.page.inner_text("main")
        assert f"{single} ansvarar för svaren." in text
        assert "ansvarar tillsammans" not in text
    finally:
        with visit.site.app.app_context():
            dialogue = get_dialogue(db.session, slug)
            assert dialogue is not None
            dialogue.organisers = [db.session.merge(o) for o in both]
            db.session.commit()


def test_an_activity_created_delayed_reaches_the_timeline_and_the_feed(
    staff_desktop: Visit, visit: Visit
) -> None:
    """Staff add a delayed activity on a desktop; a resident sees it in the timeline on a
    phone, and the feed dates it as the page does. (On the earlier demo promise, so the
    current one keeps its printed length.)"""
    from dialog.demo.promises import EARLIER_SLUG

    page = staff_desktop.page
    staff_desktop.go(f"/staff/promises/{EARLIER_SLUG}/activities/new")
    page.fill("#title", "Mobil kamera vid cykelparkeringen")
    page.select_option("#status", "delayed")
    page.fill("#status_reason", "Leveransen av kameran är försenad.")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/staff/promises/{EARLIER_SLUG}")
    assert "Aktiviteten är tillagd" in _flash(staff_desktop)

    visit.go(f"/sv/promises/{EARLIER_SLUG}")
    entry = visit.page.locator("ol.timeline > li", has_text="Mobil kamera vid cykelparkeringen")
    assert entry.count() == 1
    assert "Leveransen av kameran är försenad." in entry.inner_text()
    shown = entry.locator("time").get_attribute("datetime")
    feed = visit.page.request.get(f"{visit.site.url}/sv/promises/{EARLIER_SLUG}/feed.atom")
    body = feed.text()
    item = body.split("Mobil kamera vid cykelparkeringen", 1)[1].split("</entry>", 1)[0]
    assert f"<updated>{shown}T" in item and f"<published>{shown}T" in item


def test_an_analysts_work_survives_a_new_run(staff_desktop: Visit) -> None:
    """Issue 11: an analyst renames a group, merges two, promotes one to a focus area (a
    title is needed), groups the answers again, and finds it all still there."""
    page, slug = staff_desktop.page, staff_desktop.site.facts["open"]
    staff_desktop.go(f"/staff/dialogues/{slug}/concerns/")

    def form_of(field: str) -> Any:
        return page.locator(f"#{field}").locator("xpath=ancestor::form[1]")

    ids = [str(a.get_attribute("aria-labelledby")).removeprefix("c")
           for a in page.locator("article.cluster:not(.excluded)").all()
           if a.locator("input[name=title]").count()]  # groups that can still be promoted
    assert len(ids) >= 3, ids
    renamed, merged, promoted = ids[:3]
    page.fill(f"#label-{renamed}", "Mopeder och buskörning – analytikerns namn")
    form_of(f"label-{renamed}").get_by_role("button", name="Byt namn").click()
    assert "heter nu ”Mopeder och buskörning – analytikerns namn”" in _flash(staff_desktop)
    page.select_option("#merge-source", merged)
    page.select_option("#merge-target", renamed)
    form_of("merge-source").get_by_role("button", name="Slå ihop").click()
    page.get_by_role("button", name="Ja, slå ihop").click()
    assert "slogs ihop med" in _flash(staff_desktop)
    promote = form_of(f"title-{promoted}").get_by_role("button", name="Gör till fokusområde")
    promote.click()  # no title: the browser asks for one, nothing is sent
    assert page.locator(f"#title-{promoted}").evaluate("e => e.validity.valueMissing")
    page.fill(f"#title-{promoted}", "Otrygghet i tunneln")
    promote.click()
    assert "fokusområde" in _flash(staff_desktop)
    answers_before = page.locator(f"#c{promoted}").locator("xpath=..").inner_text()

    page.get_by_role("button", name="Gruppera svaren").click()
    main = page.inner_text("main")
    assert "Mopeder och buskörning – analytikerns namn" in main  # the name carried over
    area = page.locator("article.cluster", has_text="Offentlig rubrik: Otrygghet i tunneln")
    assert area.count() == 1 and "Fokusområde" in area.locator("h3").inner_text()
    assert re.search(r"\d+ svar", answers_before)
    area.get_by_role("link", name="Läs alla svar i gruppen").click()
    assert page.locator("input[name=answer]").count() >= 5  # its answers stayed with it
    staff_desktop.go(f"/staff/dialogues/{slug}/concerns/")
    decisions = page.locator("table", has_text="Bytte namn").inner_text()
    assert "Slog ihop" in decisions and "Gjordes till fokusområde" in decisions
    assert re.search(r"fokusområden som behölls: [1-9]", page.inner_text("main"))  # history


def test_the_one_merge_form_fits_a_phone(staff_visit: Visit) -> None:
    """The run's one merge form (two lists of every group, names as long as an analyst
    made them) and the form that starts a run (a list of long questions) stay within a
    360 px screen."""
    page, slug = staff_visit.page, staff_visit.site.facts["open"]
    staff_visit.go(f"/staff/dialogues/{slug}/concerns/")
    assert page.locator("#merge-source option").count() >= 3
    assert page.locator("select[name=target]").count() == 1  # not one per group
    for field in ("#merge-source", "#merge-target", "#run-question"):
        box = page.locator(field).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, overflow
