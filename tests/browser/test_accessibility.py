"""Every page type has zero axe violations in Swedish and in Arabic (right to left)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import Visit

LANGS = ("sv", "ar")
# WCAG 2.0/2.1 A and AA, plus axe's best practices (landmarks, headings, regions).
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}

_axe = Axe()


def assert_accessible(visit: Visit, lang: str) -> None:
    page = visit.page
    assert page.get_attribute("html", "lang") == lang
    assert page.get_attribute("html", "dir") == ("rtl" if lang in {"ar", "fa"} else "ltr")
    results = _axe.run(page, options=AXE_OPTIONS)
    violations: list[dict[str, Any]] = results.response["violations"]
    assert violations == [], f"{page.url}\n{results.generate_report()}"
    assert visit.offsite_requests() == []


PUBLIC_PAGES = {
    "home": "/{lang}/",
    "dialogue list": "/{lang}/dialogues/",
    "questionnaire": "/{lang}/d/{open}",
    "targeted code page": "/{lang}/d/{targeted}",
    "thanks": "/{lang}/d/{open}/thanks",
    "closed dialogue": "/{lang}/d/{closed}",
    "results of a closed dialogue": "/{lang}/d/{closed}/results",
    "past dialogues": "/{lang}/dialogues/archive",
    "accessibility statement": "/{lang}/accessibility",
    "privacy notice": "/{lang}/d/{open}/privacy",
    "promise list": "/{lang}/promises/",
    "promise page": "/{lang}/promises/{promise}",
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_type", sorted(PUBLIC_PAGES))
def test_public_page(visit: Visit, lang: str, page_type: str) -> None:
    response = visit.go(PUBLIC_PAGES[page_type].format(lang=lang, **visit.site.facts))
    assert response.status == 200
    assert_accessible(visit, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_not_found_page(visit: Visit, lang: str) -> None:
    response = visit.go(f"/{lang}/no-such-page")
    assert response.status == 404
    assert_accessible(visit, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_questionnaire_with_errors(visit: Visit, lang: str) -> None:
    visit.go(f"/{lang}/d/{visit.site.facts['open']}")
    visit.page.click("form.questionnaire button[name=send]")
    assert visit.page.locator("#summary a").count() >= 1
    assert_accessible(visit, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_staff_login_page(visit: Visit, lang: str) -> None:
    visit.go(f"/{lang}/")  # the staff pages start in the language the visitor came with
    visit.go("/staff/login")
    _choose_staff_language(visit, lang)
    assert_accessible(visit, lang)


STAFF_PAGES = {
    "dialogue list": "/staff/",
    "dialogue page": "/staff/dialogues/{open}",
    "questions page": "/staff/dialogues/{open}/questions",
    "question editor": "/staff/dialogues/{open}/questions/{question}/edit",
    "new-dialogue form": "/staff/dialogues/new",
    "paper-answers page": "/staff/dialogues/{open}/paper",
    "concerns page": "/staff/dialogues/{open}/concerns/",
    "focus-area texts": "/staff/dialogues/{open}/concerns/focus-areas/{focus_area}",
    "follow-up comparison": "/staff/dialogues/{closed}/comparison",
    "privacy settings": "/staff/dialogues/{open}/privacy",
    "user administration": "/staff/users",
    "audit log": "/staff/audit",
    "promise list": "/staff/promises/",
    "promise overview": "/staff/promises/{promise}",
    "promise form": "/staff/promises/{promise}/edit",
    "new-activity form": "/staff/promises/{promise}/activities/new",
    "feedback form": "/staff/promises/{promise}/updates/new",
}


def _choose_staff_language(visit: Visit, lang: str) -> None:
    if visit.page.get_attribute("html", "lang") != lang:
        visit.page.select_option("#staff-lang", lang)
        visit.page.click("header form.langs button[type=submit]")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page_type", sorted(STAFF_PAGES))
def test_staff_page(staff_visit: Visit, lang: str, page_type: str) -> None:
    response = staff_visit.go(STAFF_PAGES[page_type].format(**staff_visit.site.facts))
    assert response.status == 200
    _choose_staff_language(staff_visit, lang)
    assert_accessible(staff_visit, lang)
