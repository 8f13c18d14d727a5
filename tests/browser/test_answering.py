"""A resident answers on a phone: in Swedish and Arabic, by keyboard only, without JavaScript,
at 200% text, switching language mid-way without losing anything."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Visit


def _answer_and_send(visit: Visit, lang: str, sent_heading: str) -> None:
    page = visit.page
    visit.go(f"/{lang}/d/{visit.site.facts['open']}")
    page.locator("input[type=radio]").first.check()
    page.locator("textarea").first.fill("Mörkt vid stationen på kvällen.")
    page.click("button[name=send]")
    page.wait_for_url("**/thanks")
    assert sent_heading in page.locator("h1").inner_text()
    assert visit.offsite_requests() == []


def test_answer_in_swedish(visit: Visit) -> None:
    _answer_and_send(visit, "sv", "Tack")


def test_answer_in_arabic_right_to_left(visit: Visit) -> None:
    visit.go(f"/ar/d/{visit.site.facts['open']}")
    assert visit.page.get_attribute("html", "dir") == "rtl"
    # The question column starts at the right edge: the layout mirrors.
    box = visit.page.locator("ol.questions").bounding_box()
    assert box is not None and box["x"] + box["width"] > 300
    _answer_and_send(visit, "ar", "شكرًا")


def test_switch_language_mid_way_keeps_answers(visit_without_js: Visit) -> None:
    visit = visit_without_js
    page = visit.page
    visit.go(f"/sv/d/{visit.site.facts['open']}")
    page.locator("input[type=radio]").nth(1).check()
    page.locator("textarea").first.fill("Mopeder på gångvägen")
    page.locator("input[type=checkbox]").nth(4).check()
    page.select_option("#switch-lang-to", "ar")
    page.click("button[name=switch_lang]")

    page.wait_for_url(f"**/ar/d/{visit.site.facts['open']}")
    assert page.get_attribute("html", "lang") == "ar"
    assert page.locator("input[type=radio]").nth(1).is_checked()
    assert page.locator("input[type=checkbox]").nth(4).is_checked()
    assert page.locator("textarea").first.input_value() == "Mopeder på gångvägen"
    assert page.locator("#summary").count() == 0
    page.click("button[name=send]")
    page.wait_for_url("**/ar/d/*/thanks")


def test_keyboard_only(visit: Visit) -> None:
    """Tab, Space and Enter complete the questionnaire; focus is always visible."""
    page = visit.page
    visit.go(f"/sv/d/{visit.site.facts['open']}")
    seen_radio = seen_text = False
    for _ in range(200):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {tag: el.tagName, type: el.type || "", name: el.name || "",
                    visible: style.outlineStyle !== "none" && style.outlineWidth !== "0px"};
        }""")
        assert focused["visible"], focused
        if focused["type"] == "radio" and not seen_radio:
            page.keyboard.press("Space")
            seen_radio = True
        elif focused["tag"] == "TEXTAREA" and not seen_text:
            page.keyboard.type("Skräp vid torget")
            seen_text = True
        elif focused["name"] == "send":
            break
    assert seen_radio and seen_text
    page.keyboard.press("Enter")
    page.wait_for_url("**/thanks")


def test_error_summary_links_focus_the_field(visit: Visit) -> None:
    page = visit.page
    visit.go(f"/sv/d/{visit.site.facts['open']}")
    page.click("button[name=send]")
    link = page.locator("#summary a").first
    target = link.get_attribute("href")
    assert target and target.startswith("#")
    link.click()
    assert page.evaluate("document.activeElement.id") == target[1:]
    # The error is said in words and marked with an icon, not only in red.
    assert page.locator(".question.has-error .error").first.inner_text().strip() != ""


@pytest.mark.parametrize("lang", ["sv", "ar"])
def test_nothing_overflows_at_200_percent_text(browser: object, visit: Visit, lang: str) -> None:
    page = visit.page
    for path in ("/{lang}/", "/{lang}/d/{open}", "/{lang}/accessibility",
                 "/{lang}/promises/{promise}"):
        visit.go(path.format(lang=lang, **visit.site.facts))
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)


def test_answer_without_javascript(visit_without_js: Visit) -> None:
    _answer_and_send(visit_without_js, "sv", "Tack")
