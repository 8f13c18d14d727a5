"""Staff create dialogues, build questionnaires, open them and type in paper answers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import Role
from dialog.authz import SYSTEM
from dialog.db import db, today
from dialog.dialogues.models import Dialogue, DialogueKind
from dialog.dialogues.services.editing import (
    DialogueFields,
    EditError,
    create_dialogue,
    update_dialogue,
)
from dialog.dialogues.services.queries import get_dialogue
from surveys.models import Response
from tests.conftest import csrf_from
from tests.helpers import visible_text


def new_dialogue(staff: FlaskClient, **fields: str) -> tuple[int, str]:
    page = staff.get("/staff/dialogues/new").get_data(as_text=True)
    data = {
        "csrf_token": csrf_from(page), "kind": "open", "slug": "trygg-park",
        "source_language": "sv", "influence": "consult", "form_kind": "digital_survey",
        "title_sv": "Trygghet i parken", "title_en": "Safety in the park",
        "purpose_sv": "Vi vill höra hur du upplever parken.",
        "next_steps_sv": "Resultatet kommer i maj.", "areas": "Parken\nTorget\nParken",
        "opens_on": "2026-01-01", "closes_on": "2027-12-31",
    } | fields
    response = staff.post("/staff/dialogues/new", data=data)
    return response.status_code, response.headers.get("Location", "") or response.get_data(
        as_text=True)


def test_editor_creates_a_draft_dialogue(app: Flask, login_as: Callable[..., FlaskClient]
                                         ) -> None:
    staff = login_as(Role.EDITOR)
    status, location = new_dialogue(staff)
    assert status == 303
    assert location == "/staff/dialogues/trygg-park/questions"
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygg-park")
        assert dialogue is not None
        assert dialogue.status == "draft"
        assert dialogue.title == {"sv": "Trygghet i parken", "en": "Safety in the park"}
        assert [a["key"] for a in dialogue.areas] == ["parken", "torget"]
        assert [o.name for o in dialogue.organisers] == ["Lokalpolisområde Norra"]
    assert "Trygghet i parken" in visible_text(staff.get("/staff/"))
    assert staff.get("/sv/d/trygg-park").status_code == 404  # drafts are not public


def test_bad_input_keeps_what_was_typed(login_as: Callable[..., FlaskClient]) -> None:
    staff = login_as(Role.EDITOR)
    status, page = new_dialogue(staff, slug="Inte OK!", closes_on="not a date")
    assert status == 422
    assert "Använd bara små bokstäver a–z, siffror och bindestreck." in page
    assert 'value="Trygghet i parken"' in page
    assert "Parken\nTorget\nParken</textarea>" in page


def test_dialogue_cannot_open_without_questions(app: Flask,
                                                login_as: Callable[..., FlaskClient]) -> None:
    staff = login_as(Role.EDITOR)
    new_dialogue(staff)
    page = staff.get("/staff/dialogues/trygg-park").get_data(as_text=True)
    response = staff.post("/staff/dialogues/trygg-park/status",
                          data={"status": "open", "csrf_token": csrf_from(page)})
    assert response.status_code == 303
    assert "Lägg till minst en fråga" in visible_text(staff.get("/staff/dialogues/trygg-park"))
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygg-park")
        assert dialogue is not None and dialogue.status == "draft"


def test_custom_question_then_open_then_answer(app: Flask, client: FlaskClient,
                                               login_as: Callable[..., FlaskClient]) -> None:
    staff = login_as(Role.EDITOR)
    new_dialogue(staff)
    page = staff.get("/staff/dialogues/trygg-park/questions").get_data(as_text=True)
    response = staff.post("/staff/dialogues/trygg-park/questions/custom", data={
        "csrf_token": csrf_from(page), "answer_type": "single_choice",
        "text_sv": "Hur ofta går du genom parken?", "text_en": "How often do you walk through "
        "the park?", "options": "Varje dag | Every day\nNågon gång i veckan | Sometimes\n"
        "Sällan | Rarely",
    })
    assert response.status_code == 303
    page = staff.get("/staff/dialogues/trygg-park").get_data(as_text=True)
    staff.post("/staff/dialogues/trygg-park/status",
               data={"status": "open", "csrf_token": csrf_from(page)})
    public = visible_text(client.get("/en/d/trygg-park"))
    assert "How often do you walk through the park?" in public
    assert "Every day" in public and "Rarely" in public
    assert "Trygghet i parken" in visible_text(client.get("/sv/dialogues/"))


def test_editor_of_another_organisation_cannot_edit(
    make_dialogue: Callable[..., str], login_as: Callable[..., FlaskClient]
) -> None:
    make_dialogue()
    staff = login_as(Role.EDITOR, organisation="Annan kommun")
    # Another organisation's dialogue is answered as if it did not exist.
    assert staff.get("/staff/dialogues/trygghet-norra/edit").status_code == 404
    assert staff.get("/staff/dialogues/trygghet-norra/questions").status_code == 404
    page = staff.get("/staff/").get_data(as_text=True)
    assert "Trygghet i Norra" not in page
    assert staff.post("/staff/dialogues/trygghet-norra/status",
                      data={"status": "closed", "csrf_token": csrf_from(page)}
                      ).status_code == 404


def test_viewer_and_analyst_cannot_edit(make_dialogue: Callable[..., str],
                                        login_as: Callable[..., FlaskClient]) -> None:
    make_dialogue()
    for role in (Role.VIEWER, Role.ANALYST):
        staff = login_as(role, organisation="Lokalpolisområde Norra")
        assert staff.get("/staff/dialogues/new").status_code == 403
        assert staff.get("/staff/dialogues/trygghet-norra/paper").status_code == 403


def test_paper_answers_are_counted_apart(
    app: Flask, client: FlaskClient, make_dialogue: Callable[..., str],
    question_names: Callable[[str], list[str]], login_as: Callable[..., FlaskClient],
) -> None:
    make_dialogue()
    names = question_names("trygghet-norra")
    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    page = staff.get("/staff/dialogues/trygghet-norra/paper").get_data(as_text=True)
    missing = staff.post("/staff/dialogues/trygghet-norra/paper",
                         data={"csrf_token": csrf_from(page), "channel": "meeting",
                               "answered_on": today().isoformat(),
                               names[1]: "Skrivet på papper"})
    assert missing.status_code == 422
    assert "Skrivet på papper" in missing.get_data(as_text=True)
    saved = staff.post("/staff/dialogues/trygghet-norra/paper",
                       data={"csrf_token": csrf_from(page), "channel": "meeting",
                             "answered_on": today().isoformat(),
                             names[0]: "safe", names[1]: "Skrivet på papper"})
    assert saved.status_code == 303
    with app.app_context():
        channels = list(db.session.scalars(select(Response.channel)))
    assert channels == ["meeting"]
    assert "webb 0, papper 0, möten 1" in visible_text(staff.get("/staff/dialogues/trygghet-norra"))


def test_paper_answers_carry_the_day_they_were_given_and_the_meeting(
    app: Flask, make_dialogue: Callable[..., str],
    question_names: Callable[[str], list[str]], login_as: Callable[..., FlaskClient],
) -> None:
    make_dialogue(opens_on=today() - timedelta(days=20))
    names = question_names("trygghet-norra")
    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    url = "/staff/dialogues/trygghet-norra/paper"
    page = staff.get(url).get_data(as_text=True)
    assert f'id="answered_on" name="answered_on" value="{today().isoformat()}"' in page
    met = today() - timedelta(days=6)
    base = {"csrf_token": csrf_from(page), "channel": "meeting", names[0]: "safe",
            names[1]: "Mopeder på gångvägen", "detail": "Boendemöte, Folkets hus"}

    # A date in the future or before the dialogue opened is refused, and nothing typed is lost.
    for day, message in [
        (today() + timedelta(days=1), "kan inte ligga i framtiden"),
        (today() - timedelta(days=30), "innan dialogen öppnade"),
        ("", "Ange datumet"),
    ]:
        refused = staff.post(url, data=base | {"answered_on": str(day)})
        assert refused.status_code == 422
        text = refused.get_data(as_text=True)
        assert message in visible_text(refused)
        assert "Mopeder på gångvägen</textarea>" in text
        assert 'value="Boendemöte, Folkets hus"' in text

    saved = staff.post(url, data=base | {"answered_on": met.isoformat()})
    assert saved.status_code == 303
    # The next form keeps the date and the meeting, for the rest of the pile.
    assert f"answered_on={met.isoformat()}" in saved.headers["Location"]
    next_form = staff.get(saved.headers["Location"]).get_data(as_text=True)
    assert f'value="{met.isoformat()}"' in next_form
    with app.app_context():
        stored = db.session.scalars(select(Response)).one()
        assert (stored.submitted_on, stored.channel, stored.channel_detail) == (
            met, "meeting", "Boendemöte, Folkets hus")
    overview = visible_text(staff.get("/staff/dialogues/trygghet-norra"))
    assert f"{met.isoformat()} 0 0 1" in overview
    assert "meeting: Boendemöte, Folkets hus" in overview


def test_follow_up_reuses_the_baseline_scale_questions(
    app: Flask, make_dialogue: Callable[..., str], login_as: Callable[..., FlaskClient]
) -> None:
    make_dialogue()
    with app.app_context():
        baseline_id = db.session.scalar(select(Dialogue.id))
    staff = login_as(Role.EDITOR)
    status, _ = new_dialogue(staff, kind="follow_up", slug="uppfoljning",
                             baseline=str(baseline_id))
    assert status == 303
    with app.app_context():
        follow_up = get_dialogue(db.session, "uppfoljning")
        baseline = get_dialogue(db.session, "trygghet-norra")
        assert follow_up is not None and baseline is not None
        assert follow_up.kind == DialogueKind.FOLLOW_UP
        copied = follow_up.questionnaire.questions
        assert [q.answer_type for q in copied] == ["scale"]
        assert copied[0].copied_from_id == baseline.questionnaire.questions[0].id
        assert copied[0].text == baseline.questionnaire.questions[0].text
        assert [o.key for o in copied[0].options] == ["safe", "unsafe"]


def _fields_of(dialogue: Dialogue, **changes: object) -> DialogueFields:
    values: dict[str, object] = {
        "slug": dialogue.slug, "kind": dialogue.kind,
        "source_language": dialogue.source_language, "title": dict(dialogue.title),
        "purpose": dict(dialogue.purpose), "target_group": {}, "influence": dialogue.influence,
        "form": dialogue.form, "place": {}, "next_steps": dict(dialogue.next_steps),
        "areas": list(dialogue.areas), "opens_on": dialogue.opens_on,
        "closes_on": dialogue.closes_on,
        "organiser_ids": [o.id for o in dialogue.organisers],
    }
    return DialogueFields(**values | changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "code"), [
    ({"title": {"sv": "", "en": "Safety"}}, "no_title"),
    ({"title": {}}, "no_title"),
    ({"organiser_ids": []}, "no_organisers"),
    ({"organiser_ids": [987654]}, "no_organisers"),  # no such organisation
])
def test_editing_keeps_the_rules_of_creating(app: Flask, make_dialogue: Callable[..., str],
                                             changes: dict[str, object], code: str) -> None:
    make_dialogue()
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        with pytest.raises(EditError, match=code):
            update_dialogue(db.session, dialogue, _fields_of(dialogue, **changes), actor=SYSTEM)
        with pytest.raises(EditError, match=code):
            create_dialogue(db.session, _fields_of(dialogue, slug="ny-dialog", **changes),
                            actor=SYSTEM)
        db.session.rollback()
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        assert dialogue.title["sv"] == "Trygghet i Norra" and len(dialogue.organisers) == 2


def test_edit_form_refuses_a_blank_title_and_no_organisers_and_keeps_the_text(
        app: Flask, make_dialogue: Callable[..., str],
        login_as: Callable[..., FlaskClient]) -> None:
    from tests.promises.conftest import submit

    make_dialogue()
    staff = login_as(Role.ADMIN)
    url = "/staff/dialogues/trygghet-norra/edit"
    response = submit(staff, url, {"title_sv": "", "purpose_sv": "Nytt syfte som skrevs"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Skriv titeln på originalspråket." in page
    assert "Nytt syfte som skrevs</textarea>" in page
    response = submit(staff, url, {"organisers": [], "purpose_sv": "Nytt syfte igen"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Välj minst en anordnare." in page and "Nytt syfte igen</textarea>" in page
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        assert dialogue.title["sv"] == "Trygghet i Norra" and len(dialogue.organisers) == 2
        assert dialogue.purpose["sv"] == "Vi vill veta vad du upplever."
