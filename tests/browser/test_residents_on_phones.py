"""Issue 12 in a real browser on a 360 px phone, in Swedish, Arabic and Tigrinya: direction,
answers never lost, errors seen, targets big enough, and results residents can read."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import func, select

from dialog.authz import SYSTEM
from dialog.db import db, today
from tests.browser.conftest import Site, Visit, _open
from tests.browser.test_accessibility import assert_accessible

LANGS = ("sv", "ar", "ti")
# What each language calls an error in the page title (the catalogs' "Error: %(title)s").
ERROR_PREFIX = {"sv": "Fel:", "ar": "خطأ:", "ti": "ጌጋ፦"}
RESULTS = "resultat-ekeby"
EMPTY_OK = "bara-fritext"


@pytest.fixture(scope="module")
def extra(site: Site) -> dict[str, Any]:
    """A finished dialogue with Swedish texts only, a published focus area and a promise
    built on it; an open one with only optional free-text questions; invitation codes."""
    from dialog.accounts.models import OrganisationKind
    from dialog.accounts.services.users import get_or_create_organisation
    from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
    from dialog.dialogues.services.invitations import issue_codes
    from dialog.dialogues.services.queries import get_dialogue
    from dialog.promises.services import promises
    from surveys.models import Question, Questionnaire
    from surveys.questions import AnswerValue
    from surveys.responses import record_response

    with site.app.app_context():
        session = db.session
        facts: dict[str, Any] = {}
        if get_dialogue(session, RESULTS) is None:
            police = get_or_create_organisation(session, "Lokalpolisområde Ekeby",
                                                OrganisationKind.POLICE_AREA.value)
            town = get_or_create_organisation(session, "Ekeby kommun",
                                              OrganisationKind.MUNICIPALITY.value)

            def dialogue(slug: str, status: DialogueStatus, **fields: Any) -> Dialogue:
                questionnaire = Questionnaire(source_language="sv")
                for position, text in enumerate(["Vad gör dig otrygg i Ekeby?", "Var?"]):
                    questionnaire.questions.append(Question(
                        position=position, answer_type="long_text", required=False,
                        text={"sv": text}))
                made = Dialogue(slug=slug, kind=DialogueKind.OPEN.value, status=status.value,
                                questionnaire=questionnaire, organisers=[police, town],
                                title={"sv": f"Ekeby {slug}: 46 anmälningar per halvår"},
                                purpose={"sv": "Vi vill veta vad du upplever."},
                                next_steps={"sv": "Vi återkommer i juni."},
                                opens_on=today() - timedelta(days=40),
                                closes_on=today() + timedelta(days=30), **fields)
                session.add(made)
                session.flush()
                return made

            finished = dialogue(RESULTS, DialogueStatus.FED_BACK,
                                closed_on=today() - timedelta(days=2))
            field = finished.questionnaire.questions[0].field_name
            for channel, lang, n in (("web", "sv", 31), ("paper", "sv", 3), ("web", "ar", 8)):
                for i in range(n):
                    record_response(session, finished.questionnaire,
                                    {field: AnswerValue(text=f"svar {i}")},
                                    language=lang, channel=channel)
            area = promises.create_focus_area(
                session, {"sv": "Mopeder på gångvägar", "ar": "الدراجات النارية على الممرات"},
                {"sv": "Många skrev om mopeder."}, dialogue_id=finished.id, size=25,
                gender_breakdown={"woman": 15, "man": 10})
            area.published_at = area.created_at
            dialogue(EMPTY_OK, DialogueStatus.OPEN)
            session.commit()
        targeted = get_dialogue(session, site.facts["targeted"])
        assert targeted is not None
        facts["codes"] = issue_codes(session, targeted, 12, "browser tests", actor=SYSTEM)
        session.commit()
    return facts


def _direction(visit: Visit, selector: str) -> str:
    return str(visit.page.eval_on_selector(selector, "el => getComputedStyle(el).direction"))


# --- direction ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_swedish_fallback_keeps_its_own_direction(visit: Visit, extra: dict[str, Any],
                                                  lang: str) -> None:
    visit.go(f"/{lang}/d/{EMPTY_OK}")
    # A Swedish title on any page reads left to right, numbers in place.
    assert _direction(visit, "h1[lang=sv]") == "ltr"
    assert visit.page.locator("h1").get_attribute("dir") == "auto"
    assert visit.page.locator("h1").inner_text().startswith("Ekeby bara-fritext: 46 anmälningar")
    # Organisation names are isolated, so a joining "و" does not pull them around.
    assert visit.page.locator("dd bdi").count() == 2
    # What residents type takes the direction of what they type.
    visit.page.locator("textarea").first.fill("الإنارة ضعيفة")
    assert _direction(visit, "textarea") == "rtl"
    visit.page.locator("textarea").first.fill("Mörkt vid stationen")
    assert _direction(visit, "textarea") == "ltr"


@pytest.mark.parametrize("lang", ("ar", "fa", "sv", "ti"))
def test_the_police_number_reads_114_14(visit: Visit, lang: str) -> None:
    visit.go(f"/{lang}/accessibility")
    # Where the first group of digits starts compared with the second, as drawn on screen.
    order = visit.page.evaluate("""() => {
        const bdi = document.querySelector("main bdi");
        const text = bdi.firstChild;
        const box = (a, b) => { const r = document.createRange();
            r.setStart(text, a); r.setEnd(text, b); return r.getBoundingClientRect().left; };
        return {first: box(0, 3), second: box(4, 6), dir: getComputedStyle(bdi).direction};
    }""")
    assert order["dir"] == "ltr"
    assert order["first"] < order["second"], order


def focused(page: Any, expected: str = "summary") -> str:
    """The id of the element with focus, once the browser has applied `autofocus` (it does
    so after the element appears, so right after a wait for it the focus may not be there).
    Polled from here: the pages' Content-Security-Policy forbids the eval that Playwright's
    wait_for_function needs."""
    found = ""
    for _ in range(50):
        found = str(page.evaluate("document.activeElement ? document.activeElement.id : ''"))
        if found == expected:
            break
        page.wait_for_timeout(100)
    return found


# --- an answer is never lost ----------------------------------------------------------------

@pytest.mark.parametrize(("lang", "target"), [("sv", "ar"), ("ar", "ti"), ("ti", "sv")])
def test_header_language_link_keeps_typed_answers(visit_without_js: Visit, lang: str,
                                                  target: str) -> None:
    visit = visit_without_js
    page = visit.page
    visit.go(f"/{lang}/d/{visit.site.facts['open']}")
    page.locator("input[type=radio]").nth(1).check()
    page.locator("textarea").first.fill("Mopeder på gångvägen")
    page.click(f"nav.langs button[value={target}]")
    page.wait_for_url(f"**/{target}/d/{visit.site.facts['open']}")
    assert page.get_attribute("html", "lang") == target
    assert page.locator("input[type=radio]").nth(1).is_checked()
    assert page.locator("textarea").first.input_value() == "Mopeder på gångvägen"
    assert page.locator("#summary").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_an_error_takes_focus_and_names_itself(visit: Visit, lang: str) -> None:
    page = visit.page
    visit.go(f"/{lang}/d/{visit.site.facts['open']}")
    page.locator("textarea").first.fill("Skräp vid torget")
    page.click("form.questionnaire button[name=send]")
    page.wait_for_selector("#summary")
    assert page.title().startswith(ERROR_PREFIX[lang])
    assert focused(page) == "summary"
    # The summary is on screen, not a screen and a half further down.
    box = page.locator("#summary").bounding_box()
    assert box is not None and 0 <= box["y"] < 740
    assert page.locator("textarea").first.input_value() == "Skräp vid torget"


@pytest.mark.parametrize("lang", LANGS)
def test_free_text_shows_its_limit(visit: Visit, lang: str) -> None:
    page = visit.page
    visit.go(f"/{lang}/d/{visit.site.facts['open']}")
    textarea = page.locator("textarea").first
    assert textarea.get_attribute("maxlength") == "5000"
    limit_id = textarea.get_attribute("aria-describedby") or ""
    assert any(page.locator(f"#{i}").inner_text().strip() for i in limit_id.split()
               if i.endswith("-limit"))
    textarea.press_sequentially("x" * 20)
    textarea.fill("y" * 4999)
    textarea.press_sequentially("zz")  # the browser stops at the limit, nothing sent
    assert len(textarea.input_value()) == 5000


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_answer_is_refused_kindly(visit: Visit, extra: dict[str, Any],
                                           lang: str) -> None:
    site = visit.site

    def stored() -> int:
        from surveys.models import Response

        with site.app.app_context():
            return int(db.session.scalar(select(func.count(Response.id))) or 0)

    before = stored()
    visit.go(f"/{lang}/d/{EMPTY_OK}")
    visit.page.click("form.questionnaire button[name=send]")
    visit.page.wait_for_selector("#summary")
    assert focused(visit.page) == "summary"
    assert visit.page.locator("#summary h2").inner_text().strip()
    assert stored() == before


@pytest.mark.parametrize("lang", LANGS)
def test_back_after_sending_says_received_and_a_second_tab_keeps_its_text(
        browser: Any, site: Site, extra: dict[str, Any], lang: str) -> None:
    code = extra["codes"][LANGS.index(lang)]
    url = f"/{lang}/d/{site.facts['targeted']}?code={code}"
    for visit in _open(browser, site):
        first = visit.page
        second = first.context.new_page()
        first.goto(site.url + url)
        second.goto(site.url + url)
        first.locator("input[type=radio]").first.check()
        first.click("form.questionnaire button[name=send]")
        first.wait_for_url("**/thanks")
        first.go_back()
        first.reload()
        assert first.locator("[aria-invalid=true]").count() == 0
        assert first.locator(".note[role=status] h2").count() == 1

        second.locator("input[type=radio]").first.check()
        second.locator("textarea").first.fill("Det jag skrev i andra fliken")
        second.click("form.questionnaire button[name=send]")
        second.wait_for_selector("#summary")
        assert second.locator("textarea").first.input_value() == "Det jag skrev i andra fliken"
        assert second.locator("#invite-code").count() == 1
        assert focused(second) == "summary"


# --- targets and numbers --------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_every_target_is_44_px(visit: Visit, lang: str) -> None:
    page = visit.page
    visit.go(f"/{lang}/d/{visit.site.facts['open']}")
    sizes = page.evaluate("""() => [...document.querySelectorAll(
            "label.option, nav.langs button, .main-nav a, a.brand")].map(el => {
        const r = el.getBoundingClientRect();
        return {text: el.textContent.trim().slice(0, 20), w: r.width, h: r.height};
    })""")
    assert sizes
    small = [s for s in sizes if s["h"] < 44 or s["w"] < 44]
    assert small == [], small
    # Tapping anywhere on an option row chooses it, not only on its text.
    row = page.locator("label.option").nth(1)
    row.scroll_into_view_if_needed()
    box = row.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] - 5, box["y"] + box["height"] / 2)
    assert page.locator("label.option input").nth(1).is_checked()


@pytest.mark.parametrize("lang", LANGS)
def test_question_numbers_sit_with_the_question(visit: Visit, lang: str) -> None:
    page = visit.page
    visit.go(f"/{lang}/d/{visit.site.facts['open']}")
    placed = page.evaluate("""() => [...document.querySelectorAll("li.question")].map(li => {
        const num = li.querySelector(".qnum");
        const heading = li.querySelector("legend, label[for$='-first']");
        return num && heading && heading.contains(num);
    })""")
    assert placed and all(placed)


# --- results residents can see --------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_results_page_archive_and_feed(visit: Visit, extra: dict[str, Any], lang: str) -> None:
    page = visit.page
    response = visit.go(f"/{lang}/dialogues/archive")
    assert response.status == 200
    page.click(f"a[href='/{lang}/d/{RESULTS}/results']")
    page.wait_for_url(f"**/{lang}/d/{RESULTS}/results")
    text = page.locator("main").inner_text()
    assert "Vad gör dig otrygg i Ekeby?" in text  # what was asked
    assert "40" in text and "<5" in text  # 42 answers rounded to 40; 3 on paper suppressed
    assert "42" not in text and "31" not in text
    assert ("Mopeder på gångvägar" in text) or ("الدراجات النارية" in text)
    assert "Vi återkommer i juni." in text
    assert_accessible(visit, lang)

    feed = page.request.get(f"{visit.site.url}/{lang}/dialogues/feed.atom")
    assert feed.ok
    root = ET.fromstring(feed.body())  # noqa: S314 - our own feed
    links = [e.get("href") for e in root.iter("{http://www.w3.org/2005/Atom}link")]
    assert any(str(h).endswith(f"/{lang}/d/{RESULTS}/results") for h in links)


@pytest.mark.parametrize("lang", LANGS)
def test_closed_early_is_said(visit: Visit, extra: dict[str, Any], lang: str) -> None:
    from flask_babel import format_date, gettext

    with visit.site.app.test_request_context(f"/{lang}/"):
        early = gettext("It closed on %(date)s, earlier than planned.",
                        date=format_date(today() - timedelta(days=2), "long"))
        still_open = gettext("The dialogue is open until %(date)s.", date="").split("{")[0]
    visit.go(f"/{lang}/d/{RESULTS}")
    main = visit.page.locator("main")
    assert early in main.inner_text()
    assert main.locator(f"a[href='/{lang}/d/{RESULTS}/results']").count() == 1
    visit.go(f"/{lang}/d/{RESULTS}/thanks")
    assert still_open.strip(" .") not in visit.page.locator("main").inner_text()


# --- staff, on a desktop ---------------------------------------------------------------------

def test_staff_in_english_read_english_advice_and_dates(staff_desktop: Visit) -> None:
    visit = staff_desktop
    page = visit.page
    page.select_option("#staff-lang", "en")
    page.click("header form.langs button[type=submit]")
    page.wait_for_load_state()
    listing = page.locator("main").inner_text()
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2}\b", listing), listing  # not 9/30/26
    visit.go(f"/staff/promises/{visit.site.facts['promise']}")
    advice = page.locator("#h-smart").locator("xpath=..").inner_text()
    assert "Målet saknar" not in advice and "Produktionsmålet" not in advice
    assert "Effect goals are about the problem" in advice
    visit.go("/staff/dialogues/new")
    for code, direction in (("ar", "rtl"), ("fa", "rtl"), ("sv", "ltr"), ("ti", "ltr")):
        assert page.eval_on_selector(f"[name=title_{code}]",
                                     "el => getComputedStyle(el).direction") == direction
