"""The staff page of a dialogue's responses keeps what it needs of the questionnaire per
worker: what it shows follows every edit of the questions, every deletion of answers, and
keeps free text escaped and personal details masked."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from dialog.accounts.models import Role
from dialog.authz import SYSTEM
from dialog.db import db
from dialog.dialogues.services.editing import QuestionEdit, edit_question
from dialog.dialogues.services.exports import _cell
from dialog.dialogues.services.queries import get_dialogue
from tests.conftest import PASSWORD, csrf_from
from tests.helpers import open_form, visible_text

SLUG = "trygghet-norra"
URL = f"/sv/d/{SLUG}"
PAGE = f"/staff/dialogues/{SLUG}"


def _answer(client: FlaskClient, names: list[str], concern: str) -> None:
    scale, text, seen, where, gender, area = names
    resident = open_form(client, URL) | {scale: "unsafe", text: concern,
                                         seen: ["litter", "mopeds"], gender: "other",
                                         area: "torget", where: "Torget"}
    assert client.post(URL, data=resident).status_code == 303


def _edit(app: Flask, position: int, text: str | None = None,
          option_labels: list[str] | None = None) -> None:
    """An edit through the service the editor uses (any caller bumps the version)."""
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        question = dialogue.questionnaire.questions[position]
        options = [dict(o.label) for o in question.options]
        for option, label in zip(options, option_labels or (), strict=False):
            option["sv"] = label
        edit_question(db.session, dialogue, question.id, QuestionEdit(
            text=dict(question.text) | ({"sv": text} if text else {}), help=dict(question.help),
            options=options, required=question.required), actor=SYSTEM)
        db.session.commit()


def test_the_page_shows_questions_and_labels_as_they_are_after_an_edit(
    app: Flask, client: FlaskClient, login_as: Callable[..., FlaskClient],
    make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]],
) -> None:
    make_dialogue()
    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    # No answers yet, so no table: this worker has made the table's shape all the same.
    assert staff.get(PAGE).status_code == 200

    _edit(app, 0, text="Hur trygg känner du dig i ditt kvarter?",
          option_labels=["Ganska trygg", "Ganska otrygg"])
    _answer(client, question_names(SLUG), "Mopeder vid torget")
    after = visible_text(staff.get(PAGE))
    assert "Hur trygg känner du dig i ditt kvarter?" in after
    assert "Hur trygg känner du dig i området på kvällen?" not in after
    assert "Ganska otrygg" in after  # the answer's choice, under its new label

    # A correction after the first answer is shown too.
    _edit(app, 0, text="Hur trygg känner du dig i ditt kvarter ?")
    assert "Hur trygg känner du dig i ditt kvarter ?" in visible_text(staff.get(PAGE))


def test_deleted_answers_are_gone_from_the_page(
    client: FlaskClient, login_as: Callable[..., FlaskClient],
    make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]],
) -> None:
    make_dialogue()
    names = question_names(SLUG)
    _answer(client, names, "Mopeder kör på trottoaren vid torget")
    staff = login_as(Role.EDITOR, organisation="Lokalpolisområde Norra")
    page = staff.get(PAGE).get_data(as_text=True)
    assert "Mopeder kör på trottoaren vid torget" in page

    def delete(scope: str) -> None:
        token = csrf_from(staff.get(PAGE).get_data(as_text=True))
        response = staff.post(f"/staff/dialogues/{SLUG}/delete-answers",
                              data={"csrf_token": token, "scope": scope, "confirm": "yes"})
        assert response.status_code == 303

    delete("free_text")
    page = visible_text(staff.get(PAGE))
    assert "Mopeder kör på trottoaren vid torget" not in page
    assert "Skräp; Mopeder" in page  # the choices are kept
    delete("all")
    page = visible_text(staff.get(PAGE))
    assert "Skräp; Mopeder" not in page and "Inga svar än." in page


def test_free_text_is_escaped_and_masked_every_time_it_is_shown(
    client: FlaskClient, login_as: Callable[..., FlaskClient],
    make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]],
) -> None:
    make_dialogue()
    typed = '<script>alert("x")</script> & ring 070-123 45 67 eller anna@example.se'
    _answer(client, question_names(SLUG), typed)
    staff = login_as(Role.ANALYST)
    for _ in range(2):  # the second time from this worker's kept cells
        page = staff.get(PAGE).get_data(as_text=True)
        assert "<script>alert" not in page and "070-123" not in page
        assert "anna@example.se" not in page
        cell = '&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; ring [telefon] eller [e-post]'
        assert f'<td class="prewrap">{cell}</td>' in page


def test_a_cell_is_written_as_the_template_wrote_it() -> None:
    for text in ("", "a < b & c > 'd' \"e\"", "Torget\r\n🚲", "{{ x }}"):
        assert _cell(text) == f'<td class="prewrap">{escape(text)}</td>'
        assert re.fullmatch(r'<td class="prewrap">[^<>]*</td>', _cell(text))


def test_the_responses_per_day_are_listed_by_channel(
    client: FlaskClient, login_as: Callable[..., FlaskClient],
    make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]],
) -> None:
    make_dialogue()
    names = question_names(SLUG)
    _answer(client, names, "Mopeder")
    _answer(client, names, "Skräp")
    page = login_as(Role.ANALYST).get(PAGE).get_data(as_text=True)
    [table] = re.findall(r'<caption id="by-date-caption">.*?</table>', page, flags=re.S)
    assert re.search(r'<tr><th scope="row">\d{4}-\d\d-\d\d</th><td>2</td><td>0</td><td>0</td>'
                     r'</tr></tbody>', table)


def test_a_long_text_is_masked_and_escaped_like_a_short_one(
    client: FlaskClient, login_as: Callable[..., FlaskClient],
    make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]],
) -> None:
    make_dialogue()
    typed = "Ring 070-123 45 67 <b>nu</b>. " + "Mopeder på torget. " * 80  # over KEPT_TEXT
    _answer(client, question_names(SLUG), typed)
    page = login_as(Role.ANALYST).get(PAGE).get_data(as_text=True)
    assert "Ring [telefon] &lt;b&gt;nu&lt;/b&gt;. Mopeder på torget." in page
    assert "070-123" not in page



def test_the_kept_head_shows_each_reader_their_own_rights_status_and_token(
    app: Flask, login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str],
    make_user: Callable[..., str],
) -> None:
    """The page's head is kept per worker by what it shows (dialog.fragments): an editor's
    actions are never shown to a viewer after it, a status change shows at once, and each
    reader's forms carry their own CSRF token."""
    make_dialogue()
    editor = login_as(Role.EDITOR)
    first = editor.get(PAGE)
    assert "Status: Öppen" in visible_text(first)
    assert "Ändra status till: Stängd" in visible_text(first)
    editor_token = csrf_from(first.get_data(as_text=True))

    viewer = app.test_client()  # the same worker, another reader
    email = make_user(email="viewer@polisen.example", role=Role.VIEWER)
    login = csrf_from(viewer.get("/staff/login").get_data(as_text=True))
    assert viewer.post("/staff/login", data={"email": email, "password": PASSWORD,
                                             "csrf_token": login}).status_code == 302
    seen = viewer.get(PAGE)
    assert "Status: Öppen" in visible_text(seen)
    assert "Ändra status" not in visible_text(seen)
    assert "Redigera beskrivningen" not in visible_text(seen)
    assert editor_token not in seen.get_data(as_text=True)

    # The form in the head the viewer's visit kept carries the editor's own token: accepted.
    again = csrf_from(editor.get(PAGE).get_data(as_text=True))
    assert editor.post(f"{PAGE}/status", data={"status": "closed", "csrf_token": again}
                       ).status_code == 303
    after = visible_text(editor.get(PAGE))
    assert "Status: Stängd" in after
    assert "Ändra status till: Öppen" in after and "Ändra status till: Stängd" not in after
    assert "Status: Stängd" in visible_text(viewer.get(PAGE))


def test_a_rows_first_cells_are_written_escaped_and_masked(
    app: Flask, login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str],
) -> None:
    """The id, date, channel (with the meeting staff wrote down, masked) and language cells
    of a row, written in one pass, as `_cell` writes any cell."""
    from surveys.models import Answer, Response

    make_dialogue()
    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        response = Response(questionnaire_id=dialogue.questionnaire_id, channel="meeting",
                            channel_detail='<b>Möte</b> & "ring" 070-123 45 67',
                            language="ar")
        response.answers = [Answer(question_id=dialogue.questionnaire.questions[1].id,
                                   text="Mopeder")]
        db.session.add(response)
        db.session.commit()
        response_id, day = response.id, response.submitted_on
    page = login_as(Role.ANALYST).get(PAGE).get_data(as_text=True)
    assert "<b>Möte" not in page and "070-123" not in page
    assert (_cell(str(response_id)) + _cell(day.isoformat())
            + _cell('meeting: <b>Möte</b> & "ring" [telefon]') + _cell("ar")) in page


def test_the_kept_filter_and_delete_forms_follow_the_filter_rights_and_retention(
    app: Flask, login_as: Callable[..., FlaskClient], make_dialogue: Callable[..., str],
    make_user: Callable[..., str],
) -> None:
    """The filter form shows each visit's own filter and errors, and the delete form only
    those who may edit see, with the retention as it is now (both kept per worker)."""
    make_dialogue(retention_months=6)
    editor = login_as(Role.EDITOR)
    page = editor.get(f"{PAGE}?channel=paper&language=ar&from=2026-01-05")
    body = page.get_data(as_text=True)
    assert '<option value="paper" selected>' in body and '<option value="ar" selected>' in body
    assert 'value="2026-01-05"' in body and 'role="alert"' not in body
    assert "Radera svar" in visible_text(page)
    assert "svaren raderas 6 månader efter" in visible_text(page)

    plain = editor.get(PAGE).get_data(as_text=True)
    assert " selected>" not in plain.split('class="filters"', 1)[1].split("</form>", 1)[0]
    assert 'value="2026-01-05"' not in plain
    bad = editor.get(f"{PAGE}?to=%3Cb%3E31/12").get_data(as_text=True)
    assert 'value="&lt;b&gt;31/12"' in bad and "<b>31/12" not in bad  # kept as typed, escaped
    assert "Till måste vara ett datum som 2026-03-01." in bad

    with app.app_context():
        dialogue = get_dialogue(db.session, SLUG)
        assert dialogue is not None
        dialogue.retention_months = 12
        db.session.commit()
    assert "svaren raderas 12 månader efter" in visible_text(editor.get(PAGE))

    viewer = app.test_client()
    email = make_user(email="viewer@polisen.example", role=Role.VIEWER)
    login = csrf_from(viewer.get("/staff/login").get_data(as_text=True))
    assert viewer.post("/staff/login", data={"email": email, "password": PASSWORD,
                                             "csrf_token": login}).status_code == 302
    seen = viewer.get(PAGE)
    assert "Radera svar" not in visible_text(seen)
    assert 'class="filters"' in seen.get_data(as_text=True)  # the filter is for every reader
