"""Analysts group free-text concerns, see who raised them, and shape focus areas."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dialog.accounts.models import Role
from dialog.concerns.models import AnalysisRun, AnalystDecision, AnswerVector, ConcernCluster
from dialog.concerns.services import vectors
from dialog.db import db, today
from dialog.dialogues.services.queries import get_dialogue
from dialog.promises.models import FocusArea
from surveys.models import Answer
from surveys.questions import AnswerValue
from surveys.responses import record_response
from tests.conftest import csrf_from
from tests.external import redis_client
from tests.helpers import counting, open_form, visible_text

URL = "/sv/d/trygghet-norra"
THEMES = {
    "mopeds": ("Mopeder och buskörning på gångvägen vid skolan på kvällarna", "woman"),
    "tunnel": ("Det är mörkt i tunneln under järnvägen, lamporna är trasiga", "woman"),
    "drugs": ("Langning och droger bakom stationen varje helg", "man"),
}


def answer(app: Flask, concern: str, gender: str) -> None:
    """Store one resident's answer the way the respondent form does (no rate limit here)."""
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        scale_q, concern_q, *_rest = dialogue.questionnaire.questions
        gender_q = next(q for q in dialogue.questionnaire.questions
                        if q.answer_type == "gender")
        record_response(db.session, dialogue.questionnaire, {
            scale_q.field_name: AnswerValue(choices=("safe",)),
            concern_q.field_name: AnswerValue(text=concern),
            gender_q.field_name: AnswerValue(choices=(gender,)),
        }, language="sv")
        db.session.commit()


@pytest.fixture
def answered(app: Flask, make_dialogue: Callable[..., str],
             question_names: Callable[[str], list[str]]) -> list[str]:
    """A dialogue with 36 answers on three themes; women write about two of them."""
    make_dialogue()
    for i in range(12):
        for text, who in THEMES.values():
            answer(app, f"{text} {i}" if i % 3 else f"{text}, ring 070-123 45 67", who)
    return question_names("trygghet-norra")


def start(staff: FlaskClient, k: str = "") -> None:
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(as_text=True)
    question = re.search(r'name="question">\s*<option value="(\d+)"', page)
    assert question, "no free-text question offered"
    response = staff.post("/staff/dialogues/trygghet-norra/concerns/runs",
                          data={"csrf_token": csrf_from(page), "question": question.group(1),
                                "k": k})
    assert response.status_code == 303


def run_directly(app: Flask, k: int | None = None) -> int:
    """A run started and executed through the services, as the worker does; its id."""
    from dialog.authz import SYSTEM
    from dialog.concerns.services import runs as services

    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        question = services.text_questions(dialogue)[0]
        run = services.start_run(db.session, dialogue, question, SYSTEM, k=k)
        services.execute_run(db.session, run.id)
        db.session.commit()
        return run.id


@dataclass(frozen=True)
class Group:
    id: int
    run_id: int
    number: int
    label: str


def clusters(app: Flask) -> list[Group]:
    with app.app_context():
        return [Group(c.id, c.run_id, c.number, c.label) for c in db.session.scalars(
            select(ConcernCluster).order_by(ConcernCluster.number))]


def test_analyst_sees_groups_with_masked_examples_and_gender_breakdown(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/")
    text = visible_text(page)
    body = page.get_data(as_text=True)
    labels = {c.label for c in clusters(app) if c.number >= 0}
    assert len(labels) == 3
    assert any("buskörning" in label for label in labels), labels
    assert "12 svar" in text
    assert "070-123 45 67" not in body  # examples are masked
    assert "<svg" in body and "<caption>" in body  # a chart and the same numbers as a table
    # Women wrote every tunnel answer: the breakdown says so, and men are "0" there.
    assert "Kvinna 12" in text


def test_decisions_are_applied_and_logged(app: Flask, answered: list[str],
                                          login_as: Callable[..., FlaskClient]) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    found = [c for c in clusters(app) if c.number >= 0]
    first, second = found[0], found[1]
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(as_text=True)
    token = csrf_from(page)
    base = f"/staff/dialogues/trygghet-norra/concerns/runs/{first.run_id}/clusters"
    staff.post(f"{base}/{first.id}", data={"csrf_token": token, "action": "rename",
                                            "label": "Trafik & <b>mopeder</b>"})
    staff.post(f"{base}/{second.id}", data={"csrf_token": token, "action": "merge",
                                             "target": str(first.id), "confirmed": "1"})
    staff.post(f"{base}/{first.id}", data={"csrf_token": token, "action": "promote",
                                   "title": "Fokus"})
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/")
    text = visible_text(page)
    assert "Trafik & <b>mopeder</b>" in text  # shown escaped, as typed
    assert "&lt;b&gt;mopeder" in page.get_data(as_text=True)
    assert "24 svar" in text  # merged
    assert "Fokusområde" in text
    with app.app_context():
        actions = list(db.session.scalars(select(AnalystDecision.action)
                                          .order_by(AnalystDecision.id)))
    assert actions == ["rename", "merge", "promote"]


def test_split_off_and_new_answers_join_accepted_focus_areas(
    app: Flask, client: FlaskClient, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    group = next(c for c in clusters(app) if c.number >= 0)
    answers_url = (f"/staff/dialogues/trygghet-norra/concerns/runs/{group.run_id}/answers"
                   f"?cluster={group.id}")
    page = staff.get(answers_url).get_data(as_text=True)
    ids = [line.split('value="')[1].split('"')[0]
           for line in page.splitlines() if 'name="answer"' in line][:2]
    staff.post(answers_url, data={"csrf_token": csrf_from(page), "action": "split",
                                  "answer": ids, "label": "Särskilt fall"})
    assert "Särskilt fall" in {c.label for c in clusters(app)}
    overview = visible_text(staff.get("/staff/dialogues/trygghet-norra/concerns/"))
    assert "Särskilt fall <5 svar" in overview  # a group of two shows no exact size
    assert "Särskilt fall 2 svar" not in overview

    token = csrf_from(staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(
        as_text=True))
    tunnel = next(c for c in clusters(app) if "mörkt" in c.label)
    staff.post(f"/staff/dialogues/trygghet-norra/concerns/runs/{tunnel.run_id}/clusters/"
               f"{tunnel.id}", data={"csrf_token": token, "action": "promote",
                                   "title": "Fokus"})
    scale, concern, *_ = answered
    late = open_form(client, URL) | {scale: "safe", concern: "Mörkt i tunneln, lamporna är "
                                     "trasiga igen"}
    assert client.post(URL, data=late).status_code == 303
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/")
    text = visible_text(page)
    assert "12 svar" in text and "1 svar har kommit in sedan körningen" in text  # not placed yet
    placed = staff.post(f"/staff/dialogues/trygghet-norra/concerns/runs/{tunnel.run_id}/place",
                        data={"csrf_token": csrf_from(page.get_data(as_text=True))},
                        follow_redirects=True)
    assert "1 nytt svar placerades" in visible_text(placed)
    text = visible_text(staff.get("/staff/dialogues/trygghet-norra/concerns/"))
    assert "13 svar" in text  # the late answer joined the accepted focus area


def test_viewer_may_read_but_not_decide(app: Flask, answered: list[str],
                                        login_as: Callable[..., FlaskClient]) -> None:
    analyst = login_as(Role.ANALYST)
    start(analyst)
    viewer = login_as(Role.VIEWER)
    page = viewer.get("/staff/dialogues/trygghet-norra/concerns/")
    assert page.status_code == 200
    assert "Byt namn" not in visible_text(page)
    group = clusters(app)[0]
    response = viewer.post(
        f"/staff/dialogues/trygghet-norra/concerns/runs/{group.run_id}/clusters/{group.id}",
        data={"csrf_token": csrf_from(page.get_data(as_text=True)), "action": "promote",
                                   "title": "Fokus"})
    assert response.status_code == 403


def test_small_groups_are_suppressed(app: Flask, make_dialogue: Callable[..., str],
                                     login_as: Callable[..., FlaskClient]) -> None:
    make_dialogue()
    for i in range(12):
        place = ("torget", "skolan", "parken", "stationen")[i % 4]
        answer(app, f"Mopeder kör fort vid {place} på kvällarna, {i + 2} stycken",
               "other" if i < 2 else "woman")
    staff = login_as(Role.ANALYST)
    run_directly(app, k=1)  # one group of 12 (the form offers 2 to 40 groups)
    text = visible_text(staff.get("/staff/dialogues/trygghet-norra/concerns/"))
    assert "Annan könstillhörighet <5" in text
    assert "Kvinna 10" not in text  # complementary suppression: 12 - 2 must not be shown
    with app.app_context():
        assert db.session.scalar(select(func.count(ConcernCluster.id))) >= 1


def test_promoted_group_becomes_a_focus_area_promises_can_use(
    app: Flask, client: FlaskClient, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ADMIN)
    start(staff)
    tunnel = next(c for c in clusters(app) if "mörkt" in c.label)
    base = f"/staff/dialogues/trygghet-norra/concerns/runs/{tunnel.run_id}/clusters/{tunnel.id}"
    token = csrf_from(staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(
        as_text=True))
    staff.post(base, data={"csrf_token": token, "action": "rename",
                           "label": "Mörker i tunneln"})
    staff.post(base, data={"csrf_token": token, "action": "promote",
                           "title": "Mörka gångtunneln"})
    with app.app_context():
        area = db.session.scalars(select(FocusArea)).one()
        assert area.title == {"sv": "Mörka gångtunneln"}  # the analyst's title, not the label
        # The analysis' own figures, rounded to base 5: men wrote none of these.
        assert (area.size, area.gender_breakdown) == (
            10, {"woman": 10, "man": 0, "other": 0, "prefer_not": 0})
    # A promise editor can choose it among the focus areas the promise addresses.
    form = visible_text(staff.get("/staff/promises/new"))
    assert "Mörka gångtunneln" in form

    staff.post(base, data={"csrf_token": token, "action": "rename", "label": "Mörka tunneln"})
    scale, concern, *_ = answered
    late = open_form(client, URL) | {scale: "safe", concern: "Mörkt i tunneln, lamporna är "
                                     "trasiga igen"}
    assert client.post(URL, data=late).status_code == 303
    staff.get("/staff/dialogues/trygghet-norra/concerns/")
    with app.app_context():
        area = db.session.scalars(select(FocusArea)).one()
        # Neither a rename nor a new answer nor reading the page changes what is public.
        assert area.title == {"sv": "Mörka gångtunneln"}
        assert area.size == 10


def test_excluded_groups_and_various_cannot_be_promoted(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(as_text=True)
    token = csrf_from(page)
    group = next(c for c in clusters(app) if c.number >= 0)
    with app.app_context():  # "various" (answers the analysis could not group), if absent
        various = db.session.scalar(select(ConcernCluster.id).where(
            ConcernCluster.run_id == group.run_id, ConcernCluster.number == -1))
        if various is None:
            cluster = ConcernCluster(run_id=group.run_id, number=-1, label="Övrigt", terms=[])
            db.session.add(cluster)
            db.session.commit()
            various = cluster.id
    base = f"/staff/dialogues/trygghet-norra/concerns/runs/{group.run_id}/clusters"
    staff.post(f"{base}/{group.id}", data={"csrf_token": token, "action": "exclude",
                                            "confirmed": "1"})
    for cluster_id, message in (
            (group.id, "En utesluten grupp kan inte bli ett fokusområde."),
            (various, "Svar som inte passar i någon grupp kan inte bli ett fokusområde")):
        response = staff.post(f"{base}/{cluster_id}", data={"csrf_token": token,
                                                             "action": "promote",
                                   "title": "Fokus"},
                              follow_redirects=True)
        assert response.status_code == 200
        assert message in visible_text(response)
    with app.app_context():
        assert db.session.scalar(select(func.count(FocusArea.id))) == 0
        assert not db.session.scalar(select(func.count(ConcernCluster.id)).where(
            ConcernCluster.accepted.is_(True)))


def test_analyst_writes_the_focus_area_texts_residents_read(
    app: Flask, client: FlaskClient, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    tunnel = next(c for c in clusters(app) if "mörkt" in c.label)
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(as_text=True)
    staff.post(f"/staff/dialogues/trygghet-norra/concerns/runs/{tunnel.run_id}/clusters/"
               f"{tunnel.id}", data={"csrf_token": csrf_from(page), "action": "promote",
                                   "title": "Fokus"})
    with app.app_context():
        area_id = db.session.scalars(select(FocusArea.id)).one()
    url = f"/staff/dialogues/trygghet-norra/concerns/focus-areas/{area_id}"
    assert url in staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(as_text=True)

    # Swedish first (the dialogue's language), then English beside it.
    form = staff.get(url).get_data(as_text=True)
    response = staff.post(url, data={"csrf_token": csrf_from(form), "title": "Mörk tunnel",
                                     "description": "Tunneln under järnvägen är mörk."})
    assert response.status_code == 303

    # Emptying the only title is refused, in the user's language, and nothing typed is lost.
    refused = staff.post(url, data={"csrf_token": csrf_from(form), "title": "",
                                    "description": "Ny text om tunneln"})
    assert refused.status_code == 422
    assert "Skriv en titel på minst ett språk." in visible_text(refused)
    assert "Ny text om tunneln" in refused.get_data(as_text=True)

    english = staff.get(f"{url}?language=en")
    assert "Mörk tunnel" in visible_text(english)  # the original, to translate from
    staff.post(f"{url}?language=en", data={"csrf_token": csrf_from(english.get_data(
        as_text=True)), "title": "Dark underpass", "description": ""})
    with app.app_context():
        area = db.session.get(FocusArea, area_id)
        assert area is not None
        assert area.title == {"sv": "Mörk tunnel", "en": "Dark underpass"}
        assert area.description == {"sv": "Tunneln under järnvägen är mörk."}


def test_a_focus_area_of_another_dialogue_is_not_found(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    with app.app_context():
        area = FocusArea(title={"sv": "Annan"}, dialogue_id=None)
        db.session.add(area)
        db.session.commit()
        area_id = area.id
    assert staff.get(f"/staff/dialogues/trygghet-norra/concerns/focus-areas/{area_id}"
                     ).status_code == 404
    assert login_as(Role.VIEWER).get(
        f"/staff/dialogues/trygghet-norra/concerns/focus-areas/{area_id}").status_code == 403


def test_a_new_run_keeps_focus_areas_names_merges_and_decisions(
    app: Flask, client: FlaskClient, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    """Rename, merge and promote; run again; the analyst's work is all still there."""
    from dialog.audit import AuditEvent

    staff = login_as(Role.ANALYST)
    start(staff)
    groups = [c for c in clusters(app) if c.number >= 0]
    tunnel = next(c for c in groups if "mörkt" in c.label)
    others = [c for c in groups if c.id != tunnel.id]
    base = f"/staff/dialogues/trygghet-norra/concerns/runs/{tunnel.run_id}/clusters"
    token = csrf_from(staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(
        as_text=True))
    staff.post(f"{base}/{tunnel.id}", data={"csrf_token": token, "action": "promote",
                                             "title": "Mörker i tunneln"})
    renamed = others[0]
    staff.post(f"{base}/{renamed.id}", data={"csrf_token": token, "action": "rename",
                                              "label": "Buskörning med moped"})
    page = visible_text(staff.get("/staff/dialogues/trygghet-norra/concerns/"))
    assert "fokusområdena (" in page.lower() and "följer med" in page  # said before the run
    scale, concern, *_ = answered
    late = open_form(client, URL) | {scale: "safe", concern: "Lamporna i tunneln är trasiga "
                                     "och det är mörkt där"}
    assert client.post(URL, data=late).status_code == 303

    start(staff)
    with app.app_context():
        runs = sorted({c.run_id for c in clusters(app)})
        assert len(runs) == 2
        new = list(db.session.scalars(select(ConcernCluster).where(
            ConcernCluster.run_id == runs[-1])))
        area = db.session.scalars(select(FocusArea)).one()
        anchored = next(c for c in new if c.focus_area_id == area.id)
        members = services_members(runs[-1], anchored.id)
        assert len(members) == 13  # its 12 answers, and the new one close to them
        assert any(c.label == "Buskörning med moped" for c in new)
        actions = list(db.session.scalars(select(AuditEvent.action)))
    assert {"concerns.run", "concerns.promote", "concerns.rename"} <= set(actions)
    page = visible_text(staff.get("/staff/dialogues/trygghet-norra/concerns/"))
    assert "Mörker i tunneln" in page and "Fokusområde" in page
    assert "Buskörning med moped" in page
    assert "Gjordes till fokusområde" in page and "Bytte namn" in page  # decisions kept
    assert page.count("fokusområden som behölls: 1") == 1  # run history


def services_members(run_id: int, cluster_id: int) -> list[int]:
    from dialog.concerns.models import AnalysisRun
    from dialog.concerns.services import runs as services

    run = db.session.get(AnalysisRun, run_id)
    assert run is not None
    return [r.answer_id for r in services.cluster_answers(db.session, run, cluster_id)]


def answer_in(app: Flask, concern: str, gender: str, language: str) -> None:
    """Store one answer written in `language` (the respondent's chosen page language)."""
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        scale_q, concern_q, *_rest = dialogue.questionnaire.questions
        gender_q = next(q for q in dialogue.questionnaire.questions
                        if q.answer_type == "gender")
        record_response(db.session, dialogue.questionnaire, {
            scale_q.field_name: AnswerValue(choices=("safe",)),
            concern_q.field_name: AnswerValue(text=concern),
            gender_q.field_name: AnswerValue(choices=(gender,)),
        }, language=language)
        db.session.commit()


def test_groups_show_a_readable_label_and_answers_per_language(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    for i in range(6):
        answer_in(app, f"Mopeds on the walkway by the school in the evenings {i}", "man", "en")
    staff = login_as(Role.ANALYST)
    start(staff)
    text = visible_text(staff.get("/staff/dialogues/trygghet-norra/concerns/"))
    assert "På svenska säger svaren:" in text
    assert "mörkt i tunneln" in text  # a phrase from the answers, not a word list
    assert "Svar per språk:" in text and "svenska 12" in text and "engelska 6" in text
    assert "Grupperade efter betydelse, oavsett språk" in text  # which features, on the page
    with app.app_context():
        run = db.session.scalars(select(AnalysisRun)).one()
        assert run.params["features"] == "multilingual"
        assert run.params["embedding_model"] == vectors.current_model()


def test_staff_reading_english_see_english_phrases_or_the_nearest_english_answers(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    for i in range(6):
        answer_in(app, f"Mopeds on the walkway by the school in the evenings {i}", "man", "en")
    staff = login_as(Role.ANALYST)
    start(staff)
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/").get_data(as_text=True)
    staff.post("/staff/language", data={"csrf_token": csrf_from(page), "lang": "en",
                                        "next": "/staff/dialogues/trygghet-norra/concerns/"})
    text = visible_text(staff.get("/staff/dialogues/trygghet-norra/concerns/"))
    assert "In English the answers say:" in text
    assert "mopeds on the walkway" in text.lower()
    # The tunnel group has Swedish answers only, and no English answer is about the tunnel.
    assert "No answer in this group is in English, and none in English in the whole " \
           "dialogue is close to it." in text
    assert "Answers per language:" in text and "English 6" in text and "Swedish 12" in text


def test_nearest_answers_are_marked_and_escaped(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    group = next(c for c in clusters(app) if c.number == 0)
    with app.app_context():  # what the run stores for a group with no answer in Swedish
        stored = db.session.get(ConcernCluster, group.id)
        assert stored is not None
        stored.labels, stored.languages = {}, {"en": 12}
        stored.nearest = {"sv": ["<b>the dark tunnel</b> at night"]}
        db.session.commit()
    page = staff.get("/staff/dialogues/trygghet-norra/concerns/")
    body, text = page.get_data(as_text=True), visible_text(page)
    assert ("Inget svar i den här gruppen är på svenska. De närmaste svaren på svenska från hela "
            "dialogen – inte en översättning:") in text
    assert "&lt;b&gt;the dark tunnel&lt;/b&gt;" in body and "<b>the dark" not in body


def test_language_names_in_the_page_language_and_unknown_codes_as_written(app: Flask) -> None:
    from dialog.concerns.views import language_names

    with app.test_request_context("/sv/"):
        assert language_names({"sv", "en", "other", ""}) == {
            "sv": "svenska", "en": "engelska", "other": "other", "": ""}
def _merge_form(page: str) -> tuple[str, str, str]:
    """The page's one merge form: its address, and the options of its two lists."""
    form = re.search(r'<form method="post" action="([^"]+/merge)"[^>]*>(.*?)</form>', page,
                     re.S)
    assert form, "no merge form"
    sources = re.search(r'<select id="merge-source" name="source" required>(.*?)</select>',
                        form.group(2))
    targets = re.search(r'<select id="merge-target" name="target" required>(.*?)</select>',
                        form.group(2))
    assert sources and targets
    return form.group(1), sources.group(1), targets.group(1)


def test_one_merge_form_for_the_run_merges_without_script(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    """The page has one merge form (two lists of groups), not a list of every other group in
    every group; it asks first, then merges, as the group's own merge did."""
    staff = login_as(Role.ANALYST)
    start(staff, k="3")
    first, second, *_ = [c for c in clusters(app) if c.number >= 0]
    page = staff.get(PAGE).get_data(as_text=True)
    action, sources, targets = _merge_form(page)
    assert action == f"{PAGE}runs/{first.run_id}/merge"
    # One list of groups to merge and one to merge into, for all the groups together.
    assert page.count('name="source"') == page.count('name="target"') == 1
    groups = clusters(app)
    assert sources.count("<option") == targets.count("<option") == len(groups) + 1
    assert sources.startswith('<option value="">')  # nothing chosen at first
    token = csrf_from(page)
    before = _sizes(app)

    asked = staff.post(action, data={"csrf_token": token, "source": str(second.id),
                                     "target": str(first.id)})
    assert asked.status_code == 200
    text = visible_text(asked)
    assert second.label in text and first.label in text and "Ja, slå ihop" in text
    assert _sizes(app) == before  # nothing changes until confirmed
    confirm = re.search(r'<form method="post" action="([^"]+)"[^>]*>(?:(?!</form>).)*'
                        r'name="confirmed"', asked.get_data(as_text=True), re.S)
    assert confirm and confirm.group(1).startswith(f"{PAGE}runs/{first.run_id}/")
    merged = staff.post(confirm.group(1), data={
        "csrf_token": token, "action": "merge", "target": str(first.id), "confirmed": "1"},
        follow_redirects=True)
    assert f"”{second.label}” slogs ihop med ”{first.label}”." in visible_text(merged)
    assert _sizes(app)[first.label] == before[first.label] + before[second.label]
    with app.app_context():
        logged = db.session.scalars(select(AnalystDecision).order_by(AnalystDecision.id.desc())
                                    ).first()
        assert logged is not None and logged.action == "merge"
        assert (logged.details["source"], logged.details["target"]) == (second.id, first.id)
    # Confirmed in the form itself, it merges at once, as the group's own form did.
    _undo(staff, merged.get_data(as_text=True))
    restored = next(c for c in clusters(app) if c.label == second.label)
    again = staff.post(action, data={"csrf_token": token, "source": str(restored.id),
                                     "target": str(first.id), "confirmed": "1"},
                       follow_redirects=True)
    assert f"”{second.label}” slogs ihop med ”{first.label}”." in visible_text(again)


def test_the_merge_form_says_what_is_wrong_and_changes_nothing(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff, k="3")
    first, second, *_ = [c for c in clusters(app) if c.number >= 0]
    page = staff.get(PAGE).get_data(as_text=True)
    action, _sources, _targets = _merge_form(page)
    token = csrf_from(page)
    before = _sizes(app)

    def merge(source: str, target: str) -> str:
        response = staff.post(action, data={"csrf_token": token, "source": source,
                                            "target": target}, follow_redirects=True)
        assert response.status_code == 200
        assert _sizes(app) == before
        # Back at the form, with what was chosen still chosen (a group still offered).
        _action, sources, targets = _merge_form(response.get_data(as_text=True))
        for chosen, options in ((source, sources), (target, targets)):
            selected = re.findall(r'<option value="(\d+)" selected>', options)
            offered = f'value="{chosen}"' in options
            assert selected == ([chosen] if chosen and offered else []), (chosen, selected)
        return visible_text(response)

    # The same group twice, or a list left on "choose a group".
    assert "Välj två olika grupper att slå ihop." in merge(str(first.id), str(first.id))
    assert "Välj två olika grupper att slå ihop." in merge("", str(first.id))
    assert "Välj två olika grupper att slå ihop." in merge(str(first.id), "")
    # A group that is not in the run (merged away, or another run's).
    unknown = str(max(c.id for c in clusters(app)) + 100)
    assert "Den gruppen finns inte i den här körningen." in merge(unknown, str(first.id))
    assert "Den gruppen finns inte i den här körningen." in merge(str(first.id), unknown)
    # An excluded group takes in no other group (and is not offered as one).
    staff.post(f"{PAGE}runs/{second.run_id}/clusters/{second.id}", data={
        "csrf_token": token, "action": "exclude", "confirmed": "1"})
    before = _sizes(app)
    assert "En utesluten grupp kan inte ta emot" in merge(str(first.id), str(second.id))
    _action, sources, targets = _merge_form(staff.get(PAGE).get_data(as_text=True))
    assert f'value="{second.id}"' in sources and f'value="{second.id}"' not in targets
    with app.app_context():
        actions = list(db.session.scalars(select(AnalystDecision.action)))
    assert actions == ["exclude"]


def test_a_viewer_gets_no_merge_form_and_cannot_merge(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    analyst = login_as(Role.ANALYST)
    start(analyst, k="3")
    first, second, *_ = [c for c in clusters(app) if c.number >= 0]
    viewer = login_as(Role.VIEWER)
    page = viewer.get(PAGE).get_data(as_text=True)
    assert "/merge" not in page and 'name="source"' not in page
    refused = viewer.post(f"{PAGE}runs/{first.run_id}/merge", data={
        "csrf_token": csrf_from(page), "source": str(second.id), "target": str(first.id),
        "confirmed": "1"})
    assert refused.status_code == 403
    assert len([c for c in clusters(app) if c.number >= 0]) == 3


def test_the_page_says_what_a_new_run_would_do_as_plan_run_counts_it(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    """The page reads the plan from the runs and decisions it shows; it says what
    `plan_run` counts on its own."""
    from dialog.authz import SYSTEM
    from dialog.concerns.services import runs as services

    staff = login_as(Role.ANALYST)
    start(staff, k="3")
    first, second, *_ = [c for c in clusters(app) if c.number >= 0]
    with app.app_context():
        run = db.session.get(AnalysisRun, first.run_id)
        assert run is not None
        services.promote(db.session, run, first.id, SYSTEM, "Fokus")
        services.rename_cluster(db.session, run, second.id, "Ett namn", SYSTEM)
        db.session.commit()
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        question = services.text_questions(dialogue)[0]
        plan = services.plan_run(db.session, dialogue, question)
        last = services.last_undoable(db.session, run)
        assert last is not None and last.action == "rename"
    assert plan.answers == 36 and plan.focus_areas == [first.label] and plan.decisions == 2
    text = visible_text(staff.get(PAGE))
    assert f"grupperar dess {plan.answers} svar." in text
    assert f"Fokusområdena ({first.label}) behåller sina {plan.in_focus_areas} svar" in text
    assert "Namn, sammanslagningar och uteslutningar följer med" in text
    assert "Senaste beslut: Bytte namn." in text  # the rename can be undone


def test_answer_totals_count_each_question_in_one_statement(
    app: Flask, answered: list[str]
) -> None:
    from surveys.tally import answer_total, answer_totals

    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        ids = [q.id for q in dialogue.questionnaire.questions]
        assert answer_totals(db.session, [*ids, 10**6]) == {
            **{i: answer_total(db.session, i) for i in ids}, 10**6: 0}
        assert 36 in answer_totals(db.session, ids).values()
        assert answer_totals(db.session, []) == {}


def _sizes(app: Flask) -> dict[str, int]:
    with app.app_context():
        from dialog.concerns.models import ConcernMembership

        rows = db.session.execute(
            select(ConcernCluster.label, func.count(ConcernMembership.answer_id))
            .join(ConcernMembership, ConcernMembership.cluster_id == ConcernCluster.id)
            .where(ConcernMembership.excluded.is_(False))
            .group_by(ConcernCluster.label))
        return {label: int(n) for label, n in rows}


def _undo(staff: FlaskClient, page: str) -> FlaskClient:
    action = re.search(r'action="([^"]+/undo)"', page)
    assert action, "no undo offered"
    back = re.search(r'name="back" value="([^"]*)"', page)
    response = staff.post(action.group(1), data={"csrf_token": csrf_from(page),
                                                  "back": back.group(1) if back else ""},
                          follow_redirects=True)
    assert "Ångrat." in visible_text(response)
    return staff


def test_every_action_says_what_it_did_and_can_be_undone(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    first, second, *_ = [c for c in clusters(app) if c.number >= 0]
    index = "/staff/dialogues/trygghet-norra/concerns/"
    base = f"/staff/dialogues/trygghet-norra/concerns/runs/{first.run_id}/clusters"
    token = csrf_from(staff.get(index).get_data(as_text=True))
    before = _sizes(app)

    renamed = staff.post(f"{base}/{first.id}", data={
        "csrf_token": token, "action": "rename", "label": "Mopeder"}, follow_redirects=True)
    page = renamed.get_data(as_text=True)
    assert f"”{first.label}” heter nu ”Mopeder”." in visible_text(renamed)
    _undo(staff, page)
    assert first.label in {c.label for c in clusters(app)}

    # Merging asks first, names both groups, and changes nothing until confirmed.
    asked = staff.post(f"{base}/{second.id}", data={"csrf_token": token, "action": "merge",
                                                    "target": str(first.id)})
    assert asked.status_code == 200
    text = visible_text(asked)
    assert second.label in text and first.label in text and "Ja, slå ihop" in text
    assert _sizes(app) == before
    merged = staff.post(f"{base}/{second.id}", data={
        "csrf_token": token, "action": "merge", "target": str(first.id), "confirmed": "1"},
        follow_redirects=True)
    assert f"”{second.label}” slogs ihop med ”{first.label}”." in visible_text(merged)
    assert _sizes(app)[first.label] == before[first.label] + before[second.label]
    _undo(staff, merged.get_data(as_text=True))
    assert _sizes(app) == before

    # Excluding asks first too; an excluded group is no longer offered as a merge target.
    second_now = next(c for c in clusters(app) if c.label == second.label)  # restored
    asked = staff.post(f"{base}/{second_now.id}", data={"csrf_token": token,
                                                        "action": "exclude"})
    assert "Ja, uteslut" in visible_text(asked)
    excluded = staff.post(f"{base}/{second_now.id}", data={
        "csrf_token": token, "action": "exclude", "confirmed": "1"}, follow_redirects=True)
    assert f"”{second.label}” är utesluten" in visible_text(excluded)
    body = excluded.get_data(as_text=True)
    targets = re.search(r'<select id="merge-target" name="target"[^>]*>(.*?)</select>', body)
    assert targets and f'value="{first.id}"' in targets.group(1)
    assert f'value="{second_now.id}"' not in targets.group(1)
    refused = staff.post(f"{base}/{first.id}", data={
        "csrf_token": token, "action": "merge", "target": str(second_now.id),
        "confirmed": "1"}, follow_redirects=True)
    assert "En utesluten grupp kan inte ta emot" in visible_text(refused)
    assert _sizes(app)[first.label] == before[first.label]
    _undo(staff, refused.get_data(as_text=True))
    with app.app_context():
        assert not db.session.get(ConcernCluster, second_now.id).excluded  # type: ignore[union-attr]

    # Only the latest decision can be undone.
    with app.app_context():
        decisions = list(db.session.scalars(select(AnalystDecision.action)
                                            .order_by(AnalystDecision.id)))
    assert decisions == ["rename", "undo", "merge", "undo", "exclude", "undo"]
    assert "/undo" not in staff.get(index).get_data(as_text=True)


def test_split_and_excluded_answers_are_confirmed_and_undoable(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    group = next(c for c in clusters(app) if c.number >= 0)
    url = (f"/staff/dialogues/trygghet-norra/concerns/runs/{group.run_id}/answers"
           f"?cluster={group.id}")
    page = staff.get(url).get_data(as_text=True)
    ids = re.findall(r'name="answer" value="(\d+)"', page)[:3]
    before = _sizes(app)
    split = staff.post(url, data={"csrf_token": csrf_from(page), "action": "split",
                                  "answer": ids[:2], "label": "Särskilt fall"},
                       follow_redirects=True)
    assert "2 svar flyttades till den nya gruppen ”Särskilt fall”." in visible_text(split)
    assert _sizes(app)["Särskilt fall"] == 2
    _undo(staff, split.get_data(as_text=True))
    assert _sizes(app) == before

    asked = staff.post(url, data={"csrf_token": csrf_from(page), "action": "exclude",
                                  "answer": ids})
    assert "Ja, uteslut" in visible_text(asked)
    assert _sizes(app) == before
    done = staff.post(url, data={"csrf_token": csrf_from(page), "action": "exclude",
                                 "answer": ids, "confirmed": "1"}, follow_redirects=True)
    assert "3 svar är uteslutna" in visible_text(done)
    assert _sizes(app)[group.label] == before[group.label] - 3
    _undo(staff, done.get_data(as_text=True))
    assert _sizes(app) == before


# Grouping by meaning across languages, each answer embedded once, a page that only reads.

PAGE = "/staff/dialogues/trygghet-norra/concerns/"


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many texts each call of the real model embedded."""
    calls: list[int] = []
    real = vectors._embed

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return real(texts)

    monkeypatch.setattr(vectors, "_embed", counting)
    return calls


def _vector_count(app: Flask) -> int:
    with app.app_context():
        return int(db.session.scalar(select(func.count(AnswerVector.answer_id))) or 0)


def test_each_answer_is_embedded_once_and_a_new_run_reuses_the_vectors(
    app: Flask, client: FlaskClient, answered: list[str], embedded: list[int],
    login_as: Callable[..., FlaskClient],
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    assert sum(embedded) == 36
    assert _vector_count(app) == 36
    with app.app_context():
        models = set(db.session.scalars(select(AnswerVector.model)))
        row = db.session.scalars(select(AnswerVector)).first()
        assert row is not None and len(row.vector) == 384 * 4  # float32
    assert models == {vectors.current_model()}

    scale, concern, *_ = answered
    late = open_form(client, URL) | {scale: "safe", concern: "Lamporna i tunneln är trasiga"}
    assert client.post(URL, data=late).status_code == 303
    embedded.clear()
    start(staff)
    assert embedded == [1]  # only the new answer
    assert _vector_count(app) == 37


def test_a_vector_of_another_model_is_made_again(
    app: Flask, answered: list[str], embedded: list[int], login_as: Callable[..., FlaskClient]
) -> None:
    run_directly(app)
    with app.app_context():
        db.session.execute(AnswerVector.__table__.update().values(model="older-model/1"))
        db.session.commit()
    embedded.clear()
    run_directly(app)
    assert sum(embedded) == 36
    with app.app_context():
        assert set(db.session.scalars(select(AnswerVector.model))) == {vectors.current_model()}
    assert _vector_count(app) == 36


def test_deleting_answers_and_retention_delete_their_vectors(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    from dialog.authz import SYSTEM
    from dialog.dialogues.models import DialogueStatus
    from dialog.dialogues.services.privacy import delete_answers, enforce_retention

    run_directly(app)
    assert _vector_count(app) == 36
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        one = db.session.scalars(select(AnswerVector.answer_id)).first()
        db.session.execute(Answer.__table__.delete().where(Answer.id == one))
        db.session.commit()
    assert _vector_count(app) == 35  # one answer deleted: its vector with it
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        dialogue.status = DialogueStatus.CLOSED
        dialogue.closed_on = today() - timedelta(days=400)
        dialogue.retention_months = 6
        dialogue.retention_scope = "free_text"
        db.session.commit()
        done = enforce_retention(db.session, today())
        db.session.commit()
        assert [d.slug for d in done] == ["trygghet-norra"]
    assert _vector_count(app) == 0
    run_directly(app)
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        assert delete_answers(db.session, dialogue, "all", reason="test", actor=SYSTEM)
        db.session.commit()
    assert _vector_count(app) == 0


def test_without_the_model_the_run_groups_by_words_and_says_so(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(texts: Sequence[str]) -> np.ndarray:
        raise vectors.EmbeddingUnavailable("the engine could not be loaded")

    monkeypatch.setattr(vectors, "_embed", broken)
    staff = login_as(Role.ANALYST)
    start(staff)
    text = visible_text(staff.get(PAGE))
    assert "Grupperade efter gemensamma ord (språkmodellen kunde inte köras)" in text
    assert len([c for c in clusters(app) if c.number >= 0]) == 3  # still three groups
    assert _vector_count(app) == 0


def test_the_page_shows_how_far_a_first_run_has_prepared_the_answers(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the worker embeds, each batch is committed; the page (no JavaScript) says how
    many answers are ready and reloads itself."""
    from dialog.authz import SYSTEM
    from dialog.concerns.services import runs as services

    monkeypatch.setattr(vectors, "BATCH", 10)
    staff = login_as(Role.ANALYST)
    seen: list[str] = []
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        run = services.start_run(db.session, dialogue, services.text_questions(dialogue)[0],
                                 SYSTEM)
        db.session.commit()

        def checkpoint() -> None:
            db.session.commit()
            page = staff.get(PAGE)
            seen.append(visible_text(page))
            assert '<meta http-equiv="refresh" content="10">' in page.get_data(as_text=True)

        services.execute_run(db.session, run.id, checkpoint=checkpoint)
        db.session.commit()
    assert any("0 av 36 svar förberedda" in page for page in seen), seen
    assert any("20 av 36 svar förberedda" in page for page in seen), seen
    done = staff.get(PAGE).get_data(as_text=True)
    assert "förberedda" not in done and 'http-equiv="refresh"' not in done


def test_reading_the_page_computes_no_labels(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import analysis.labels
    from dialog.concerns.services import runs as services

    staff = login_as(Role.ANALYST)
    start(staff)

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("labels computed while reading the page")

    monkeypatch.setattr(analysis.labels, "describe_groups", forbidden)
    monkeypatch.setattr(services, "new_answers", forbidden)  # counted in the database
    staff.get(PAGE)  # warm
    text = visible_text(staff.get(PAGE))
    assert "På svenska säger svaren:" in text and "mörkt i tunneln" in text


def test_labels_follow_a_merge(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    staff = login_as(Role.ANALYST)
    start(staff)
    groups = [c for c in clusters(app) if c.number >= 0]
    tunnel = next(c for c in groups if "mörkt" in c.label)
    other = next(c for c in groups if c.id != tunnel.id)
    token = csrf_from(staff.get(PAGE).get_data(as_text=True))
    staff.post(f"{PAGE}runs/{tunnel.run_id}/clusters/{other.id}",
               data={"csrf_token": token, "action": "merge", "target": str(tunnel.id),
                     "confirmed": "1"})
    with app.app_context():
        merged = db.session.get(ConcernCluster, tunnel.id)
        assert merged is not None
        assert merged.languages == {"sv": 24}  # stored after the merge, not on reading


def test_a_new_answer_is_queued_for_embedding_and_the_worker_embeds_it(
    app: Flask, client: FlaskClient, answered: list[str]
) -> None:
    from rq import Queue

    from dialog.jobs import QUEUE, run_job
    from tests.external import REDIS_URL

    connection = redis_client()
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"], redis_url=REDIS_URL)
    scale, concern, *_ = answered
    for text in ("Mörkt i tunneln på kvällarna", "Mopeder vid skolan"):
        form = open_form(client, URL) | {scale: "safe", concern: text}
        assert client.post(URL, data=form).status_code == 303
    queue = Queue(QUEUE, connection=connection)
    jobs = queue.get_jobs()
    assert len(jobs) == 1  # one job per questionnaire while one is waiting
    assert jobs[0].args[0] == "dialog.concerns.services.vectors:embed_answers_job"
    with app.app_context():
        assert run_job(*jobs[0].args) == 38  # what arrived, and what was there before
    assert _vector_count(app) == 38
    only_scale = open_form(client, URL) | {scale: "safe"}
    assert client.post(URL, data=only_scale).status_code == 303
    assert len(queue.get_jobs()) == 1  # no free text: nothing to embed, no job


def test_an_answer_is_stored_when_redis_is_down(
    app: Flask, client: FlaskClient, answered: list[str]
) -> None:
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"],
                                                 redis_url="redis://127.0.0.1:1/0")
    scale, concern, *_ = answered
    form = open_form(client, URL) | {scale: "safe", concern: "Mörkt i tunneln"}
    assert client.post(URL, data=form).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count(Answer.id)).where(
            Answer.text == "Mörkt i tunneln")) == 1
    assert _vector_count(app) == 0  # the next run embeds it


def _stored_equals_computed(app: Flask, run_id: int) -> None:
    """What the page reads (kept by the last decision) is what the answers give now."""
    from dialog.concerns.models import ConcernMembership
    from dialog.concerns.services import runs as services

    with app.app_context():
        run = db.session.get_one(AnalysisRun, run_id)
        members = services.group_members(db.session, run)
        assert services.cluster_views(db.session, run) == \
            services.cluster_views(db.session, run, members)
        areas = {a.id: a for a in db.session.scalars(select(FocusArea))}
        assert {cid: changed for cid, (_area, changed)
                in services.published_areas(db.session, run).items()} == {
            c.id: services.changes_since_published(db.session, run, c, areas[c.focus_area_id],
                                                   members)
            for c in run.clusters if c.focus_area_id is not None}
        placed = select(ConcernMembership.answer_id).where(
            ConcernMembership.run_id == run.id, ConcernMembership.answer_id == Answer.id)
        unplaced = db.session.scalar(select(func.count(Answer.id)).where(
            Answer.question_id == run.question_id, Answer.text.is_not(None),
            func.trim(Answer.text) != "", ~placed.exists()))
        assert services.count_new_answers(db.session, run) == unplaced


def test_the_page_shows_what_the_answers_give_after_every_decision(
    app: Flask, client: FlaskClient, answered: list[str]
) -> None:
    from dialog.authz import SYSTEM
    from dialog.concerns.services import runs as services

    run_id = run_directly(app)
    _stored_equals_computed(app, run_id)
    with app.app_context():
        run = db.session.get_one(AnalysisRun, run_id)
        first, second, *_rest = [c.id for c in run.clusters if c.number >= 0]
        services.promote(db.session, run, first, SYSTEM, "Fokus")
        db.session.commit()
    _stored_equals_computed(app, run_id)
    scale, concern, *_ = answered
    late = open_form(client, URL) | {scale: "safe", concern: "Ännu en mening om något annat"}
    assert client.post(URL, data=late).status_code == 303
    _stored_equals_computed(app, run_id)  # one answer waits
    for step in _every_decision(first, second):
        with app.app_context():
            step(db.session.get_one(AnalysisRun, run_id))
            db.session.commit()
        _stored_equals_computed(app, run_id)


def _every_decision(first: int, second: int) -> list[Callable[[AnalysisRun], object]]:
    """Each kind of decision on a run whose group `first` is a focus area, as the services
    take them (with the system as the analyst), undos included."""
    from dialog.authz import SYSTEM
    from dialog.concerns.services import runs as services

    def other(run: AnalysisRun) -> int:  # the undone merge brought `second` back anew
        return next(c.id for c in run.clusters if c.number >= 0 and c.id != first)

    def undo_last(run: AnalysisRun) -> None:
        last = services.last_undoable(db.session, run)
        assert last is not None
        services.undo_decision(db.session, run, last.id, SYSTEM)

    def publish_if_allowed(run: AnalysisRun) -> None:
        try:
            services.publish_figures(db.session, run, first, SYSTEM)
        except services.ConcernError as refused:  # too few changes: the figures still match
            assert str(refused) == "too_few_changes"

    return [
        lambda run: services.assign_new_answers(db.session, run, SYSTEM),
        lambda run: services.merge_clusters(db.session, run, second, first, SYSTEM),
        undo_last,
        lambda run: services.split_off(
            db.session, run, [r.answer_id for r in services.cluster_answers(
                db.session, run, first)][:6], "Särskilt", SYSTEM),
        lambda run: services.exclude_answers(
            db.session, run, [r.answer_id for r in services.cluster_answers(
                db.session, run, first)][:2], SYSTEM),
        lambda run: services.set_excluded(db.session, run, other(run), True, SYSTEM),
        undo_last,
        lambda run: services.rename_cluster(db.session, run, other(run), "Nytt namn", SYSTEM),
        lambda run: services.set_excluded(db.session, run, other(run), True, SYSTEM),
        lambda run: publish_if_allowed(run),
        lambda run: services.set_excluded(
            db.session, run, next(c.id for c in run.clusters if c.excluded), False, SYSTEM),
    ]


def test_a_worker_that_kept_the_groups_shows_every_decision_at_once(
    app: Flask, client: FlaskClient, answered: list[str], login_as: Callable[..., FlaskClient],
) -> None:
    """The page keeps a finished run's groups per worker (under the run and its decisions):
    after every decision it is the page a worker that keeps nothing shows, and a second
    visit reads no group row."""
    from dialog import fragments
    from dialog.authz import SYSTEM
    from dialog.concerns.services import runs as services
    from dialog.pagecache import Kept

    staff = login_as(Role.ANALYST)
    run_id = run_directly(app)
    with app.app_context():
        run = db.session.get_one(AnalysisRun, run_id)
        first, second, *_rest = [c.id for c in run.clusters if c.number >= 0]
        services.promote(db.session, run, first, SYSTEM, "Fokus")
        db.session.commit()
    scale, concern, *_ = answered
    late = open_form(client, URL) | {scale: "safe", concern: "Ännu en mening om något annat"}
    assert client.post(URL, data=late).status_code == 303

    def forget() -> None:
        app.extensions[fragments.EXTENSION] = Kept[str](10**7)
        app.extensions[fragments.VALUES] = Kept[object](10**7)

    def page() -> str:
        return visible_text(staff.get(PAGE))

    def group_rows_read() -> int:
        with counting(app) as statements:
            page()
        return sum("FROM concern_cluster" in s for s in statements)

    versions = []
    for step in [lambda _run: None, *_every_decision(first, second)]:
        with app.app_context():
            run = db.session.get_one(AnalysisRun, run_id)
            step(run)
            db.session.commit()
            decided = services.decisions(db.session, run)
            versions.append((len(decided), services.groups_version(run, decided)))
        kept = page()
        assert group_rows_read() == 0
        forget()
        assert page() == kept
    assert "Nytt namn" in kept
    # Every decision is a new version (a refused publication decides nothing).
    assert len({version for _n, version in versions}) == len({n for n, _v in versions}) == 11


def test_reading_the_page_reads_no_answers(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dialog.concerns.services import runs as services

    staff = login_as(Role.ANALYST)
    start(staff)
    before = visible_text(staff.get(PAGE))

    def forbidden(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("every answer read to show the page")

    monkeypatch.setattr(services, "group_members", forbidden)
    monkeypatch.setattr(services, "answer_rows", forbidden)
    assert visible_text(staff.get(PAGE)) == before
    assert "12 svar" in before or "11 svar" in before or "13 svar" in before


def test_a_group_s_answers_are_paged(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dialog.concerns.services.runs as services

    monkeypatch.setattr(services, "PAGE_SIZE", 5)
    monkeypatch.setattr(services.cluster_answer_page, "__defaults__", (5,))
    staff = login_as(Role.ANALYST)
    start(staff)
    group = next(c for c in clusters(app) if c.number >= 0)
    with app.app_context():
        run = db.session.get_one(AnalysisRun, group.run_id)
        everyone = [r.answer_id for r in services.cluster_answers(db.session, run, group.id)]
    assert len(everyone) > 5
    url = (f"/staff/dialogues/trygghet-norra/concerns/runs/{group.run_id}/answers"
           f"?cluster={group.id}")
    seen: list[int] = []
    pages = -(-len(everyone) // 5)
    for number in range(1, pages + 1):
        html = staff.get(f"{url}&page={number}").get_data(as_text=True)
        shown = [int(v) for v in re.findall(r'name="answer" value="(\d+)"', html)]
        assert 0 < len(shown) <= 5
        assert f"{len(everyone)} svar" in visible_text(staff.get(f"{url}&page={number}"))
        seen += shown
        assert ("page=" + str(number + 1) in html) == (number < pages)
    assert seen == everyone


def test_a_run_from_before_the_figures_were_kept_shows_the_same_page(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]
) -> None:
    from dialog.authz import SYSTEM
    from dialog.concerns.services import runs as services

    run_id = run_directly(app)
    with app.app_context():
        run = db.session.get_one(AnalysisRun, run_id)
        services.promote(db.session, run, next(c.id for c in run.clusters if c.number >= 0),
                         SYSTEM, "Fokus")
        db.session.commit()
    staff = login_as(Role.ANALYST)
    stored = visible_text(staff.get(PAGE))
    with app.app_context():  # as migration 0017 leaves a run made before it
        run = db.session.get_one(AnalysisRun, run_id)
        run.placed = run.counted = None
        for cluster in run.clusters:
            cluster.size, cluster.breakdown, cluster.flags = 0, {}, []
            cluster.shown_examples, cluster.changed = [], None
        db.session.commit()
    assert visible_text(staff.get(PAGE)) == stored
