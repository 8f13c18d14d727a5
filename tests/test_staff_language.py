"""Issue 12: staff read advice, questions and dates in their own language."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from flask.testing import FlaskClient

from dialog.accounts.models import Role
from dialog.dialogues.models import DialogueStatus
from surveys.leading import check_question
from tests.conftest import csrf_from
from tests.helpers import visible_text


def choose_language(client: FlaskClient, code: str) -> None:
    page = client.get("/staff/")
    token = csrf_from(page.get_data(as_text=True))
    client.post("/staff/language", data={"lang": code, "csrf_token": token, "next": "/staff/"})


def _checked_in_english(login_as: Callable[..., FlaskClient],
                        make_dialogue: Callable[..., str], question_sv: str) -> str:
    """The page an English-reading editor gets after saving a Swedish question the check flags."""
    make_dialogue(status=DialogueStatus.DRAFT)
    client = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    choose_language(client, "en")
    url = "/staff/dialogues/trygghet-norra/questions"
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    token = csrf_from(page.get_data(as_text=True))
    response = client.post(url + "/custom", data={
        "csrf_token": token, "text_sv": question_sv, "answer_type": "long_text"})
    assert response.status_code == 422
    return visible_text(response)


def test_leading_check_advice_in_the_staff_language(
        login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str]) -> None:
    text = _checked_in_english(login_as, make_dialogue,
                               "Håller du med om att polisen gör ett bra jobb?")
    assert "The question hints at the expected answer" in text
    assert "Frågan antyder" not in text


def test_a_classifier_flag_is_explained_in_the_staff_language(
        login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str]) -> None:
    text = _checked_in_english(login_as, make_dialogue, "Behövs det fler bänkar i parken?")
    assert "The question reads like questions the check learned are leading" in text
    learned = check_question("Behövs det fler bänkar i parken?", "sv").findings[0]
    for word in filter(None, dict(learned.details)["weighing"].split("|")):
        assert f"“{word}”" in text  # the words the small word model weighs, quoted
    assert "{" not in text


def test_staff_dates_follow_the_staff_locale(
        login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str]) -> None:
    make_dialogue(closes_on=date(2026, 9, 30))
    client = login_as(Role.ANALYST)
    choose_language(client, "en")
    text = visible_text(client.get("/staff/"))
    assert "9/30/26" not in text
    assert "2026-09-30" in text
    choose_language(client, "fa")
    text = visible_text(client.get("/staff/"))
    assert "۲۰۲۶" in text  # Persian digits


def test_staff_text_fields_take_their_language_direction(
        login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str]) -> None:
    make_dialogue(status=DialogueStatus.DRAFT)
    client = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    body = client.get("/staff/dialogues/trygghet-norra/questions").get_data(as_text=True)
    for code in ("ar", "fa"):
        field = re.search(rf'<textarea[^>]*name="text_{code}"[^>]*>', body)
        assert field, code
        assert f'lang="{code}"' in field.group(0) and 'dir="rtl"' in field.group(0)
    sv = re.search(r'<textarea[^>]*name="text_sv"[^>]*>', body)
    assert sv and 'dir="ltr"' in sv.group(0)


def test_paper_form_in_the_staff_language(
        login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    client = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    choose_language(client, "en")
    text = visible_text(client.get("/staff/dialogues/trygghet-norra/paper"))
    assert "How safe do you feel in the area in the evening?" in text
    assert "Hur trygg" not in text
    assert "Unsafe" in text and "Otrygg" not in text
