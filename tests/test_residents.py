"""Issue 12: residents in every language – direction, answers never lost, results they can see."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from xml.etree import ElementTree as ET

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dialog.authz import SYSTEM
from dialog.config import Settings
from dialog.db import db, today
from dialog.dialogues.models import DialogueKind, DialogueStatus
from dialog.dialogues.services.invitations import issue_codes
from dialog.dialogues.services.queries import get_dialogue
from surveys.questions import AnswerValue
from surveys.responses import EmptyResponseError, record_response
from tests.conftest import csrf_from
from tests.helpers import count_responses, open_form, visible_text

URL = "/sv/d/trygghet-norra"
ATOM = "{http://www.w3.org/2005/Atom}"


# --- Right-to-left and mixed text -------------------------------------------------------------

def test_fallback_and_user_texts_carry_their_own_direction(client: FlaskClient, names: list[str]
                                                           ) -> None:
    """A Swedish title on an Arabic page is its own island: lang="sv" with dir="auto"."""
    body = client.get("/ar/d/trygghet-norra").get_data(as_text=True)
    assert re.search(r'<h1 lang="sv" dir="auto">Trygghet i Norra</h1>', body)
    assert 'lang="sv" dir="auto">Vi vill veta vad du upplever.' in body
    # Organisation names, written by staff, each in a <bdi> so "و" does not swallow them.
    assert "<bdi>Lokalpolisområde Norra</bdi>" in body
    assert "<bdi>Norra kommun</bdi>" in body
    # Every element marked with another language than the page's also has a direction.
    for tag in re.findall(r"<[a-z0-9]+ [^>]*lang=\"sv\"[^>]*>", body):
        assert 'dir="' in tag, tag
    # What residents type takes its direction from what they type.
    assert re.search(r'<textarea[^>]*dir="auto"', body)


def test_the_phone_number_keeps_its_order(client: FlaskClient) -> None:
    for lang in ("ar", "sv", "ti"):
        body = client.get(f"/{lang}/accessibility").get_data(as_text=True)
        assert '<bdi dir="ltr" class="phone">114 14</bdi>' in body, lang
    persian = client.get("/fa/accessibility").get_data(as_text=True)
    assert '<bdi dir="ltr" class="phone">\u06f1\u06f1\u06f4 \u06f1\u06f4</bdi>' in persian  # ۱۱۴ ۱۴


# --- An answer is never lost ----------------------------------------------------------------

def test_header_language_links_on_the_questionnaire_keep_the_answers(
        client: FlaskClient, names: list[str]) -> None:
    body = client.get(URL).get_data(as_text=True)
    nav = body[body.index('<nav class="langs"'):body.index("</nav>")]
    for code in ("sv", "ar", "ti"):
        assert re.search(rf'<button type="submit" form="answer-form" name="lang_link" '
                         rf'value="{code}"', nav), code
    assert 'id="answer-form"' in body
    # The form's default button (Enter in a text field) is Send, ahead of the language buttons.
    assert body.index('form="answer-form" class="visually-hidden"') < body.index('name="lang_link"')

    form = open_form(client, URL)
    typed = {**form, names[1]: "Mopeder på gångvägen", names[3]: "Torget", "lang_link": "ar",
             names[0]: "unsafe"}
    moved = client.post(URL, data=typed)
    assert moved.status_code == 307
    assert moved.headers["Location"].endswith("/ar/d/trygghet-norra")
    shown = client.post("/ar/d/trygghet-norra", data=typed)
    assert shown.status_code == 200
    page = shown.get_data(as_text=True)
    assert 'lang="ar"' in page.split(">", 2)[1]
    assert "Mopeder på gångvägen" in page
    assert 'value="Torget"' in page
    assert re.search(r'value="unsafe"\s+checked', page)
    assert count_responses(client.application) == 0


def test_validation_error_names_itself_in_the_title_and_takes_focus(
        client: FlaskClient, names: list[str]) -> None:
    form = open_form(client, URL)
    response = client.post(URL, data={**form, names[1]: "Något"})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    assert title and title.group(1).startswith("Fel: ")
    summary = re.search(r'<div class="summary"[^>]*>', body)
    assert summary and "autofocus" in summary.group(0) and 'tabindex="-1"' in summary.group(0)
    # The summary comes before the introduction, so it is where the resident lands.
    assert body.index('id="summary"') < body.index("<h1")
    assert "Något" in body


def test_free_text_shows_its_limit_and_keeps_a_too_long_answer(
        client: FlaskClient, names: list[str]) -> None:
    body = client.get(URL).get_data(as_text=True)
    assert re.search(r'<textarea[^>]*maxlength="5000"', body)
    assert re.search(r'<input type="text"[^>]*maxlength="200"', body)
    assert "Högst 5" in visible_text(client.get(URL))  # "Högst 5 000 tecken."
    form = open_form(client, URL)
    long_text = "x" * 5001
    response = client.post(URL, data={**form, names[0]: "safe", names[1]: long_text})
    assert response.status_code == 422
    assert long_text in response.get_data(as_text=True)


def test_question_number_sits_with_the_question(client: FlaskClient, names: list[str]) -> None:
    body = client.get(URL).get_data(as_text=True)
    assert re.search(r'<legend><span class="qnum">1\.</span> <span lang="sv" dir="auto">'
                     r"Hur trygg", body)
    assert re.search(r'<label for="[^"]+-first"><span class="qnum">2\.</span>', body)
    # A whole option row is its label, so all of it can be tapped.
    assert re.search(r'<label class="option" for="[^"]+-first">\s*<input type="radio"', body)


def test_an_empty_submission_is_refused_kindly(client: FlaskClient,
                                               make_dialogue: Callable[..., str]) -> None:
    slug = make_dialogue(questions=[{"answer_type": "long_text", "text": {"sv": "Berätta"}},
                                    {"answer_type": "short_text", "text": {"sv": "Var?"}}])
    url = f"/sv/d/{slug}"
    form = open_form(client, url)
    response = client.post(url, data=form)
    assert response.status_code == 422
    assert "Du har inte svarat på någon fråga" in visible_text(response)
    assert count_responses(client.application) == 0
    with client.application.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        with pytest.raises(EmptyResponseError):
            record_response(db.session, dialogue.questionnaire, {"q": AnswerValue()},
                            language="sv", channel="paper")


def test_an_empty_paper_entry_is_refused_kindly(login_as: Callable[..., FlaskClient],
                                                make_dialogue: Callable[..., str]) -> None:
    from dialog.accounts.models import Role

    make_dialogue(questions=[{"answer_type": "long_text", "text": {"sv": "Berätta"}}])
    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    url = "/staff/dialogues/trygghet-norra/paper"
    page = staff.get(url)
    assert page.status_code == 200, page.status_code
    token = csrf_from(page.get_data(as_text=True))
    response = staff.post(url, data={"csrf_token": token, "channel": "paper"})
    assert response.status_code == 422
    assert count_responses(staff.application) == 0


def test_closing_early_says_so_everywhere(client: FlaskClient, make_dialogue: Callable[..., str]
                                          ) -> None:
    make_dialogue(status=DialogueStatus.CLOSED, closes_in_days=60, closed_on=today())
    closed = visible_text(client.get(URL))
    assert "tidigare än planerat" in closed
    assert "var öppen till" not in closed
    thanks = visible_text(client.get(URL + "/thanks"))
    assert "är öppen till" not in thanks


# --- Targeted dialogues --------------------------------------------------------------------

@pytest.fixture
def code(app: Flask, make_dialogue: Callable[..., str]) -> str:
    make_dialogue("riktad", kind=DialogueKind.TARGETED)
    with app.app_context():
        dialogue = get_dialogue(db.session, "riktad")
        assert dialogue is not None
        codes = issue_codes(db.session, dialogue, 10, "test", actor=SYSTEM)
        db.session.commit()
    return codes[0]


def _targeted_form(client: FlaskClient, code: str) -> dict[str, str]:
    body = client.get(f"/sv/d/riktad?code={code}").get_data(as_text=True)
    return {"csrf_token": csrf_from(body), "form_token": csrf_from(body, "form_token"),
            "invite_code": code}


def test_back_after_sending_says_the_answer_was_received(client: FlaskClient, app: Flask,
                                                         code: str, question_names: Callable
                                                         ) -> None:
    first = question_names("riktad")[0]
    form = _targeted_form(client, code)
    assert client.post("/sv/d/riktad", data={**form, first: "safe"}).status_code == 303
    back = client.get(f"/sv/d/riktad?code={code}")
    assert back.status_code == 200
    text = visible_text(back)
    assert "Dina svar har tagits emot" in text
    assert 'aria-invalid="true"' not in back.get_data(as_text=True)
    # Another browser with the same code learns nothing about who answered.
    other = app.test_client().get(f"/sv/d/riktad?code={code}")
    assert other.status_code == 422
    assert "Dina svar har tagits emot" not in visible_text(other)


def test_a_second_tab_with_the_same_code_keeps_what_was_typed(client: FlaskClient, app: Flask,
                                                              code: str,
                                                              question_names: Callable) -> None:
    names = question_names("riktad")
    tab1 = _targeted_form(client, code)
    tab2 = _targeted_form(client, code)
    assert client.post("/sv/d/riktad", data={**tab1, names[0]: "safe"}).status_code == 303
    refused = client.post("/sv/d/riktad",
                          data={**tab2, names[0]: "unsafe", names[1]: "Det jag skrev i flik två"})
    assert refused.status_code == 409
    body = refused.get_data(as_text=True)
    assert "Det jag skrev i flik två" in body
    assert 'id="invite-code"' in body  # a field to type another code
    assert "Svaren skickades inte" in visible_text(refused)
    assert count_responses(app) == 1


# --- Results residents can see -------------------------------------------------------------

def test_archive_and_feed_list_past_dialogues(app: Flask, client: FlaskClient,
                                              make_dialogue: Callable[..., str]) -> None:
    make_dialogue("oppen")
    make_dialogue("stangd", status=DialogueStatus.FED_BACK, closed_on=today() - timedelta(days=3),
                  title={"sv": "Stängd dialog"})
    make_dialogue("riktad-stangd", kind=DialogueKind.TARGETED, status=DialogueStatus.CLOSED)
    make_dialogue("utkast", status=DialogueStatus.DRAFT)
    archive = client.get("/sv/dialogues/archive")
    assert archive.status_code == 200
    body = archive.get_data(as_text=True)
    assert 'href="/sv/d/stangd/results"' in body
    assert "/d/oppen" not in body and "riktad-stangd" not in body and "utkast" not in body
    assert 'href="/sv/dialogues/archive"' in client.get("/sv/dialogues/").get_data(as_text=True)

    feed = client.get("/sv/dialogues/feed.atom", headers={"Host": "evil.example"})
    assert feed.status_code == 200
    assert feed.content_type.startswith("application/atom+xml")
    root = ET.fromstring(feed.get_data())  # noqa: S314 - our own feed
    links = [e.find(f"{ATOM}link").get("href") for e in root.iter(f"{ATOM}entry")]
    assert any(link.endswith("/sv/d/stangd/results") for link in links)
    assert any(link.endswith("/sv/d/oppen") for link in links)
    assert not any("riktad" in link or "utkast" in link for link in links)


def test_feed_links_come_from_the_configured_address(database_url: str) -> None:
    from dialog import create_app

    settings = Settings(env="testing", database_url=database_url, secret_key="test-secret",
                        public_url="https://dialog.example.se")
    app = create_app({"SETTINGS": settings})
    feed = app.test_client().get("/sv/dialogues/feed.atom", headers={"Host": "evil.example"})
    assert b"evil.example" not in feed.get_data()
    assert b"https://dialog.example.se/sv/dialogues/feed.atom" in feed.get_data()
    app.extensions["dialog_db"].dispose()
