"""What residents read after the glossary work (issue 12): the same question in every language."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask.testing import FlaskClient

from tests.helpers import visible_text

TIME_QUESTION = [{"answer_type": "time_of_day", "required": False,
                  "text": {"sv": "När händer det?", "en": "When does it happen?"}}]


@pytest.mark.parametrize(("lang", "evening", "wrong"), [
    ("sv", "Kväll (18–22)", None),
    ("en", "Evening (18–22)", None),
    ("fa", "سرِ شب (18–22)", "عصر"),
    ("ti", "መዓልቲ (10–18)", "ቀትሪ"),
])
def test_time_bands_show_clock_hours_in_every_language(
        client: FlaskClient, make_dialogue: Callable[..., str], lang: str, evening: str,
        wrong: str | None) -> None:
    make_dialogue(questions=TIME_QUESTION)
    page = visible_text(client.get(f"/{lang}/d/trygghet-norra"))
    assert evening in page
    if wrong:
        assert wrong not in page


@pytest.mark.parametrize(("months", "wanted"), [(1, "1 månad efter"), (6, "6 månader efter")])
def test_retention_period_is_plural_aware(client: FlaskClient,
                                          make_dialogue: Callable[..., str], months: int,
                                          wanted: str) -> None:
    make_dialogue(retention_months=months, retention_scope="all")
    page = visible_text(client.get("/sv/d/trygghet-norra/privacy"))
    assert wanted in page
    assert "1 månader" not in page


def test_arabic_answer_by_keeps_the_last_day(client: FlaskClient,
                                            make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    page = visible_text(client.get("/ar/dialogues/"))
    assert "آخر موعد للإجابة" in page
    assert "أجب قبل" not in page


def test_menu_and_promise_words_for_residents(client: FlaskClient) -> None:
    arabic = client.get("/ar/promises/").get_data(as_text=True)
    assert "القائمة الرئيسية" in arabic and "وعود المواطنين" not in arabic
    somali = client.get("/so/promises/").get_data(as_text=True)
    assert "muwaadiniinta" not in somali and "Ugu muhiimsan" not in somali
    tigrinya = client.get("/ti/promises/").get_data(as_text=True)
    assert "ዜጋታት" not in tigrinya and "ንነበርቲ" in tigrinya

