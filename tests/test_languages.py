"""A resident reads and answers in their own language and can switch language mid-way."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dialog.db import db
from dialog.i18n import LANGUAGES, language
from surveys.models import Response
from tests.helpers import open_form, visible_text

SLUG = "trygghet-norra"


@pytest.fixture
def names(make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]]
          ) -> list[str]:
    return question_names(make_dialogue(SLUG))


def _responses(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count(Response.id))) or 0)


def test_switching_language_keeps_answers_and_stores_nothing(
    app: Flask, client: FlaskClient, names: list[str]
) -> None:
    form = open_form(client, f"/sv/d/{SLUG}")
    typed = "Mopeder på torget & <mörkt> vid parken"
    data = {**form, names[0]: "unsafe", names[1]: typed, names[2]: ["litter", "dark"],
            "switch_lang": "1", "switch_to": "en"}

    moved = client.post(f"/sv/d/{SLUG}", data=data)
    assert moved.status_code == 307  # the browser posts the same form again ...
    assert moved.headers["Location"].endswith(f"/en/d/{SLUG}")
    page = client.post(f"/en/d/{SLUG}", data=data)  # ... to the page in the new language

    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert 'lang="en"' in body and "How safe do you feel" in body
    assert "Mopeder på torget &amp; &lt;mörkt&gt; vid parken" in body
    assert body.count("checked") == 3
    assert "need your attention" not in body  # no errors shown for a language switch
    assert _responses(app) == 0


def test_form_offers_every_language_by_its_own_name(client: FlaskClient, names: list[str]
                                                    ) -> None:
    body = client.get(f"/sv/d/{SLUG}").get_data(as_text=True)
    for code in LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in body
        assert language(code).name in body
    assert 'name="switch_lang"' in body


def test_question_without_translation_says_so_and_marks_its_language(
    client: FlaskClient, make_dialogue: Callable[..., str]
) -> None:
    make_dialogue(SLUG, questions=[{"answer_type": "long_text", "required": False,
                                    "text": {"sv": "Vad oroar dig?"}}])
    response = client.get(f"/en/d/{SLUG}")
    assert 'lang="sv" dir="auto">Vad oroar dig?' in response.get_data(as_text=True)
    assert "Some questions have no text in your language yet" in visible_text(response)


def test_error_page_is_in_the_language_of_the_address(client: FlaskClient) -> None:
    response = client.get("/sv/no-such-page", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert '<html lang="sv"' in response.get_data(as_text=True)


def test_every_page_links_the_accessibility_statement(client: FlaskClient) -> None:
    home = client.get("/sv/").get_data(as_text=True)
    assert 'href="/sv/accessibility"' in home
    statement = visible_text(client.get("/sv/accessibility"))
    assert "WCAG 2.1" in statement and "114 14" in statement
    login = client.get("/staff/login").get_data(as_text=True)
    assert "/accessibility" in login


def test_templates_follow_a_forced_language_and_return_to_the_page_language(app: Flask) -> None:
    """Templates keep the request's catalogue between strings, but a text made in another
    language (a poster, a privacy notice) gets that language's, and the page its own after."""
    from flask import render_template_string
    from flask_babel import force_locale

    snippet = "{{ _('Log out') }}|{{ ngettext('%(num)d answer', '%(num)d answers', 2) }}"
    with app.test_request_context("/sv/"):
        app.preprocess_request()
        before = render_template_string(snippet)
        with force_locale("en"):
            forced = render_template_string(snippet)
            with force_locale("fi"):
                nested = render_template_string(snippet)
        after = render_template_string(snippet)
    assert before == after == "Logga ut|2 svar"
    assert forced == "Log out|2 answers"
    assert nested.split("|")[0] not in ("Logga ut", "Log out")


def test_dates_and_numbers_are_written_for_each_language_also_when_remembered(
        app: Flask) -> None:
    """The filters remember what they wrote, per language and locale: the same date is
    written anew in each language, and a forced locale is honoured."""
    from datetime import date

    from flask import render_template_string
    from flask_babel import force_locale, format_date

    snippet = "{{ day|dateformat('long') }}|{{ 1234567|numberformat }}|{{ 0.25|percentformat }}"
    day = date(2026, 3, 1)
    written = {}
    for lang in ("sv", "fa", "en", "sv"):
        with app.test_request_context(f"/{lang}/"):
            app.preprocess_request()
            first = render_template_string(snippet, day=day)
            assert render_template_string(snippet, day=day) == first
            written.setdefault(lang, first)
            assert written[lang] == first
            if lang == "en":
                with force_locale("sv"):
                    forced = render_template_string(snippet, day=day)
                    assert forced.split("|")[0] == format_date(day, "long")
    assert written["sv"].startswith("1 mars 2026")
    assert written["fa"].split("|")[1] == "۱,۲۳۴,۵۶۷"
    assert "۲۵" in written["fa"].split("|")[2]  # shares too, in the language's own digits
    assert written["sv"].split("|")[2].replace("\xa0", " ") == "25 %"
    assert "March" in written["en"] and "March" not in forced


def test_template_translations_escape_their_variables_and_keep_the_format_rules(
        app: Flask) -> None:
    """`_()`, `ngettext` and `{% trans %}` in templates: the catalogue's text, each variable
    escaped in an escaping template, and always a %-format ("%%" is a percent sign)."""
    snippet = ("{{ _('Log out') }}|{{ _('%(size)s answers', size='<b>') }}|"
               "{{ ngettext('%(num)d answer', '%(num)d answers', 3) }}|{{ _('100%%') }}|"
               "{% trans who='<i>' %}Hello {{ who }}{% endtrans %}")
    with app.test_request_context("/sv/"):
        app.preprocess_request()
        escaping = app.jinja_env.from_string(snippet).render()
        chosen = app.jinja_env.autoescape
        app.jinja_env.autoescape = False
        try:
            plain = app.jinja_env.from_string(snippet).render()
        finally:
            app.jinja_env.autoescape = chosen
    assert escaping == "Logga ut|&lt;b&gt; svar|3 svar|100%|Hello &lt;i&gt;"
    assert plain == "Logga ut|<b> svar|3 svar|100%|Hello <i>"
