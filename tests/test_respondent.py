"""A resident answers a dialogue on a phone: intro, questions, errors, submit once, thanks."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select

from dialog.db import db
from dialog.dialogues.models import DialogueStatus
from surveys.models import Answer
from tests.helpers import count_responses, open_form, visible_text

URL = "/sv/d/trygghet-norra"


def stored_texts(app: Flask) -> list[str]:
    with app.app_context():
        return [t for t in db.session.scalars(select(Answer.text)) if t is not None]


@pytest.fixture
def dialogue(make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]]
             ) -> list[str]:
    return question_names(make_dialogue())


def test_intro_says_who_asks_why_influence_and_anonymity(client: FlaskClient, dialogue: list[str]
                                                         ) -> None:
    page = visible_text(client.get(URL))
    assert "Trygghet i Norra" in page
    assert "Lokalpolisområde Norra och Norra kommun" in page
    assert "Vi vill veta vad du upplever." in page
    assert "Vad dina svar kan påverka" in page
    assert "Du svarar anonymt" in page
    assert "Hur trygg känner du dig i området på kvällen?" in page


def test_english_page_shows_english_texts(client: FlaskClient, dialogue: list[str]) -> None:
    page = visible_text(client.get("/en/d/trygghet-norra"))
    assert "Safety in Norra" in page
    assert "Who is asking" in page
    assert "How safe do you feel in the area in the evening?" in page


def test_submit_stores_once_and_shows_next_steps(app: Flask, client: FlaskClient,
                                                 dialogue: list[str]) -> None:
    scale, concern, seen, _where, gender, area = dialogue
    data = open_form(client, URL) | {
        scale: "unsafe", concern: "Mopeder på gångvägen vid skolan på kvällarna",
        seen: ["mopeds", "dark"], gender: "woman", area: "torget",
    }
    response = client.post(URL, data=data)
    assert response.status_code == 303
    thanks = visible_text(client.get(response.headers["Location"]))
    assert "Tack" in thanks
    assert "Vi återkommer i juni med resultatet." in thanks

    again = client.post(URL, data=data)  # a double tap or a retry after a timeout
    assert again.status_code == 303
    assert again.headers["Location"] == response.headers["Location"]
    assert count_responses(app) == 1
    with app.app_context():
        stored = db.session.scalars(select(Answer).order_by(Answer.question_id)).all()
        assert [(a.text, a.choices) for a in stored] == [
            (None, ["unsafe"]),
            ("Mopeder på gångvägen vid skolan på kvällarna", None),
            (None, ["mopeds", "dark"]),
            (None, ["woman"]),
            (None, ["torget"]),
        ]


def test_response_records_nothing_that_identifies_the_resident(app: Flask) -> None:
    with app.app_context():
        assert db.engine is not None
        columns = {c["name"] for c in inspect(db.engine).get_columns("response")}
    # channel_detail is the meeting or place staff write for answers typed in from paper or a
    # meeting; the web form never sets it.
    assert columns == {"id", "questionnaire_id", "submitted_on", "channel", "channel_detail",
                       "language", "form_token"}
    with app.app_context():
        assert db.engine is not None
        submitted = next(c for c in inspect(db.engine).get_columns("response")
                         if c["name"] == "submitted_on")
    assert "DATE" in str(submitted["type"]).upper() and "TIME" not in str(submitted["type"]).upper()


def test_missing_required_answer_keeps_everything_typed(app: Flask, client: FlaskClient,
                                                        dialogue: list[str]) -> None:
    scale, concern, seen, *_ = dialogue
    data = open_form(client, URL) | {concern: "Det är mörkt i tunneln <b>ärligt</b>",
                                     seen: ["dark"]}
    response = client.post(URL, data=data)
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'role="alert"' in body
    assert f'href="#{scale}-first"' in body  # the summary links to the field
    assert "Svara på den här frågan." in visible_text(response)
    assert "Det är mörkt i tunneln &lt;b&gt;ärligt&lt;/b&gt;</textarea>" in body
    assert 'value="dark"\n              checked' in body or 'value="dark" checked' in body.replace(
        "\n", " ").replace("              ", "")
    assert count_responses(app) == 0


def test_errors_in_english_for_english_respondent(client: FlaskClient, dialogue: list[str]
                                                  ) -> None:
    response = client.post("/en/d/trygghet-norra", data=open_form(client, "/en/d/trygghet-norra"))
    assert "Please answer this question." in visible_text(response)


def test_missing_csrf_token_stores_nothing_and_keeps_answers(app: Flask, client: FlaskClient,
                                                             dialogue: list[str]) -> None:
    scale, concern, *_ = dialogue
    data = open_form(client, URL) | {scale: "safe", concern: "Klotter vid stationen"}
    del data["csrf_token"]
    response = client.post(URL, data=data)
    assert response.status_code == 400
    assert "Klotter vid stationen" in response.get_data(as_text=True)
    assert "sidan hade gått ut" in visible_text(response)
    assert count_responses(app) == 0


def test_forged_or_stale_form_token_is_refused_with_answers_kept(
    app: Flask, client: FlaskClient, dialogue: list[str]
) -> None:
    scale, concern, *_ = dialogue
    data = open_form(client, URL) | {scale: "safe", concern: "Bra belysning"}
    data["form_token"] = data["form_token"][:-4] + "AAAA"
    response = client.post(URL, data=data)
    assert response.status_code == 400
    assert "Bra belysning" in response.get_data(as_text=True)
    assert count_responses(app) == 0


def test_invalid_choice_is_refused(app: Flask, client: FlaskClient, dialogue: list[str]) -> None:
    scale, _concern, seen, *_ = dialogue
    response = client.post(URL, data=open_form(client, URL) | {scale: "hacked", seen: "x"})
    assert response.status_code == 422
    assert "Välj bland de svar som visas." in visible_text(response)
    assert count_responses(app) == 0


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a" * 50_000, "högst 5000 tecken"),
        ("tunnel\x00mörk", "dolda tecken"),
        ("bell\x07", "dolda tecken"),
    ],
)
def test_bad_text_gets_a_clear_message(app: Flask, client: FlaskClient, dialogue: list[str],
                                       text: str, message: str) -> None:
    scale, concern, *_ = dialogue
    response = client.post(URL, data=open_form(client, URL) | {scale: "safe", concern: text})
    assert response.status_code == 422
    assert message in visible_text(response)
    assert count_responses(app) == 0


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script> & \"citat\"",
        "Mörkt 🌑🚲 vid tunneln\r\nrad två\ttab",
        "الإضاءة سيئة قرب المحطة",
        "=SUM(A1:A9), semikolon; \"citat\"",
    ],
)
def test_accepted_text_is_stored_exactly_and_shown_escaped(
    app: Flask, client: FlaskClient, login_as: Callable[..., FlaskClient],
    dialogue: list[str], text: str,
) -> None:
    scale, concern, *_ = dialogue
    response = client.post(URL, data=open_form(client, URL) | {scale: "safe", concern: text})
    assert response.status_code == 303
    assert stored_texts(app) == [text]
    staff = login_as()
    page = staff.get("/staff/dialogues/trygghet-norra").get_data(as_text=True)
    assert "<script>alert" not in page
    if "<script>" in text:
        assert "&lt;script&gt;alert(" in page


def test_closed_dialogue_says_so(client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue(status=DialogueStatus.CLOSED)
    page = client.get(URL)
    assert page.status_code == 200
    assert "Den här dialogen är inte öppen för svar." in visible_text(page)
    assert "<form" not in page.get_data(as_text=True).split("<main", 1)[1]


def test_dialogue_past_its_close_date_takes_no_answers(
    app: Flask, client: FlaskClient, make_dialogue: Callable[..., str],
    question_names: Callable[[str], list[str]],
) -> None:
    make_dialogue(closes_in_days=-1)
    assert "inte öppen för svar" in visible_text(client.get(URL))
    response = client.post(URL, data={question_names("trygghet-norra")[0]: "safe"})
    assert response.status_code == 409
    assert count_responses(app) == 0


def test_draft_dialogue_is_not_found(client: FlaskClient, make_dialogue: Callable[..., str]
                                     ) -> None:
    make_dialogue(status=DialogueStatus.DRAFT)
    assert client.get(URL).status_code == 404


def test_page_is_usable_without_javascript_on_a_phone(client: FlaskClient, dialogue: list[str]
                                                      ) -> None:
    body = client.get(URL).get_data(as_text=True)
    assert "<script" not in body
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in body
    assert 'type="submit"' in body
