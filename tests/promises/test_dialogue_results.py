"""Issue 12: a dialogue's results page, linked to and from the promises that answer it."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from dialog.db import db, today
from dialog.dialogues.models import DialogueKind, DialogueStatus
from dialog.dialogues.services.queries import get_dialogue
from dialog.promises.services import promises as promise_services
from surveys.questions import AnswerValue
from surveys.responses import record_response
from tests.helpers import visible_text

URL = "/sv/d/trygghet-norra"


def _answers(app: Flask, slug: str, channels: dict[tuple[str, str], int]) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        field = dialogue.questionnaire.questions[1].field_name
        for (channel, lang), n in channels.items():
            for i in range(n):
                record_response(db.session, dialogue.questionnaire,
                                {field: AnswerValue(text=f"svar {i}")},
                                language=lang, channel=channel)
        db.session.commit()


def _finish(app: Flask, slug: str, status: DialogueStatus) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        dialogue.status = status.value
        dialogue.closed_on = today()
        db.session.commit()


def test_results_page_of_a_closed_dialogue(client: FlaskClient, app: Flask,
                                          make_dialogue: Callable[..., str],
                                          make_promise: Callable[..., str]) -> None:
    make_dialogue()
    assert client.get(URL + "/results").status_code == 302  # still open: the questionnaire
    _answers(app, "trygghet-norra", {("web", "sv"): 23, ("paper", "sv"): 3, ("web", "ar"): 7})
    _finish(app, "trygghet-norra", DialogueStatus.CLOSED)
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        area = promise_services.create_focus_area(
            db.session, {"sv": "Mopeder på gångvägar", "en": "Mopeds on footpaths"},
            {"sv": "Många skrev om mopeder."}, dialogue_id=dialogue.id, size=20,
            gender_breakdown={"woman": 10, "man": "<5", "other": ".."})
        area.published_at = area.created_at
        db.session.commit()
    page = client.get(URL + "/results")
    assert page.status_code == 200
    text = visible_text(page)
    assert "Hur trygg känner du dig i området på kvällen?" in text  # what was asked
    assert "Svar som kommit in: 35" in text  # 33 rounded to base 5
    assert re.search(r"På papper <5", text)  # 3 on paper: suppressed
    assert "Vi återkommer i juni med resultatet." in text  # what happens next
    assert "Mopeder på gångvägar" not in text  # not fed back yet
    assert " 23 " not in f" {text} " and " 33 " not in f" {text} " and " 3 " not in f" {text} "

    _finish(app, "trygghet-norra", DialogueStatus.FED_BACK)
    text = visible_text(client.get(URL + "/results"))
    assert "Mopeder på gångvägar" in text
    assert "Residents who raised this" not in text
    assert "20" in text and "<5" in text

    # The promise built on the dialogue links to its results, and back.
    make_promise()
    with app.app_context():
        from dialog.promises.services.promises import get_promise

        promise = get_promise(db.session, "tryggare-torg")
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert promise is not None and dialogue is not None
        promise.dialogues.append(dialogue)
        db.session.commit()
    results = client.get(URL + "/results").get_data(as_text=True)
    assert 'href="/sv/promises/tryggare-torg"' in results
    promise_page = client.get("/sv/promises/tryggare-torg").get_data(as_text=True)
    assert 'href="/sv/d/trygghet-norra/results"' in promise_page


def test_follow_up_links_to_the_promise_it_reports_on(app: Flask, client: FlaskClient,
                                                     make_dialogue: Callable[..., str],
                                                     make_promise: Callable[..., str]) -> None:
    make_dialogue("baslinje", status=DialogueStatus.FED_BACK)
    make_promise()
    with app.app_context():
        from dialog.promises.services.promises import get_promise

        baseline = get_dialogue(db.session, "baslinje")
        promise = get_promise(db.session, "tryggare-torg")
        assert baseline is not None and promise is not None
        promise.dialogues.append(baseline)
        db.session.commit()
        baseline_id = baseline.id
    make_dialogue("uppfoljning", kind=DialogueKind.FOLLOW_UP, baseline_id=baseline_id)
    body = client.get("/sv/d/uppfoljning").get_data(as_text=True)
    assert 'href="/sv/promises/tryggare-torg"' in body
