"""Public pages kept for every visitor (dialog.pagecache): served from memory until something
they show changes, on any server; never shared when they carry something personal."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select, text, update

from dialog import create_app, pagecache
from dialog.config import Settings
from dialog.db import db, today
from dialog.dialogues.models import Dialogue, DialogueStatus
from dialog.dialogues.services.queries import get_dialogue
from surveys.models import Answer, Response
from tests.conftest import csrf_from
from tests.helpers import counting, open_form, visible_text

URL = "/sv/d/trygghet-norra"


def _generation(app: Flask) -> int:
    with app.app_context():
        return pagecache.generation(db.session)


def _retitle(app: Flask, slug: str, title: str) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        assert dialogue is not None
        dialogue.title = {"sv": title}
        db.session.commit()


def test_a_kept_page_is_the_same_page_for_one_statement(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    first = client.get("/sv/dialogues/")
    with counting(app) as statements:
        again = client.get("/sv/dialogues/")
    assert again.status_code == 200
    assert again.get_data() == first.get_data()
    assert len(statements) == 1, statements  # the generation, nothing rendered
    assert "Trygghet i Norra" in visible_text(again)


def test_a_change_shows_at_once_also_on_another_server(
        app: Flask, client: FlaskClient, database_url: str,
        make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    assert "Trygghet i Norra" in visible_text(client.get("/sv/dialogues/"))
    other = create_app({"SETTINGS": Settings(env="testing", database_url=database_url,
                                             secret_key=app.config["SECRET_KEY"])})
    _retitle(other, "trygghet-norra", "Trygghet vid torget")
    page = visible_text(client.get("/sv/dialogues/"))
    assert "Trygghet vid torget" in page
    assert "Trygghet i Norra" not in page
    other.extensions["dialog_db"].dispose()


def test_new_answers_and_staff_work_leave_kept_pages_alone(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str],
        login_as: Callable[..., FlaskClient], question_names: Callable[[str], list[str]]
) -> None:
    make_dialogue()
    before = _generation(app)
    scale = question_names("trygghet-norra")[0]
    visitor = app.test_client()
    sent = visitor.post(URL, data=open_form(visitor, URL) | {scale: "unsafe"})
    assert sent.status_code in (302, 303), sent.status_code
    staff = login_as()
    assert staff.get("/staff/dialogues/trygghet-norra").status_code == 200
    assert _generation(app) == before
    _retitle(app, "trygghet-norra", "Nytt namn")
    assert _generation(app) > before


def test_each_visitor_gets_own_tokens_from_a_kept_form(
        app: Flask, make_dialogue: Callable[..., str],
        question_names: Callable[[str], list[str]]) -> None:
    make_dialogue()
    scale = question_names("trygghet-norra")[0]
    anna, bo = app.test_client(), app.test_client()
    anna_form = open_form(anna, URL)
    with counting(app) as statements:
        bo_form = open_form(bo, URL)
    assert len(statements) == 1, statements  # Bo got the kept page
    assert anna_form["csrf_token"] != bo_form["csrf_token"]
    assert anna_form["form_token"] != bo_form["form_token"]
    assert "__dialog_token" not in bo.get(URL).get_data(as_text=True)
    for visitor, form in ((anna, anna_form), (bo, bo_form)):
        sent = visitor.post(URL, data=form | {scale: "safe"})
        assert sent.status_code in (302, 303), sent.status_code
    with app.app_context():
        assert db.session.scalar(select(func.count(Response.id))) == 2
    # Anna's token is hers only: Bo cannot send with it.
    refused = bo.post(URL, data={"csrf_token": anna_form["csrf_token"],
                                 "form_token": bo_form["form_token"], scale: "safe"})
    assert refused.status_code == 400


def test_staff_and_visitors_with_a_message_get_their_own_page(
        app: Flask, make_dialogue: Callable[..., str],
        login_as: Callable[..., FlaskClient]) -> None:
    make_dialogue()
    app.test_client().get("/sv/dialogues/")  # kept
    staff = login_as()
    with counting(app) as statements:
        assert staff.get("/sv/dialogues/").status_code == 200
    assert len(statements) > 1  # rendered for the staff member
    visitor = app.test_client()
    with visitor.session_transaction() as session:
        session["_flashes"] = [("message", "Tack för ditt svar")]
    with counting(app) as statements:
        visitor.get("/sv/dialogues/")
    assert len(statements) > 1


def test_an_invitation_code_page_is_never_kept(
        app: Flask, make_dialogue: Callable[..., str]) -> None:
    from dialog.dialogues.models import DialogueKind

    make_dialogue(kind=DialogueKind.TARGETED)
    client = app.test_client()
    client.get(f"{URL}?code=ABCD-EFGH")
    with counting(app) as statements:
        page = client.get(f"{URL}?code=ABCD-EFGH")
    assert page.status_code == 422
    assert len(statements) > 1
    assert len(app.extensions[pagecache.EXTENSION]) == 0


def test_a_new_day_renders_the_page_again(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    make_dialogue(closes_in_days=0)
    assert "Trygghet i Norra" in visible_text(client.get("/sv/dialogues/"))
    monkeypatch.setattr(pagecache, "today", lambda: today() + timedelta(days=1))
    with counting(app) as statements:
        client.get("/sv/dialogues/")
    assert len(statements) > 1


def test_results_page_counts_a_paper_answer_entered_after_closing(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue(status=DialogueStatus.CLOSED, closes_in_days=None)
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        dialogue.closed_on = today()
        questionnaire_id = dialogue.questionnaire_id
        for _ in range(12):
            db.session.add(Response(questionnaire_id=questionnaire_id, language="sv",
                                    submitted_on=today(), channel="web"))
        db.session.commit()

    def answered() -> str:
        page = visible_text(client.get("/sv/d/trygghet-norra/results"))
        found = re.search(r"Svar som kommit in: (\S+)", page)
        assert found, page
        return found.group(1)

    assert answered() == "10"  # rounded to fives
    before = _generation(app)
    with app.app_context():
        for _ in range(4):
            db.session.add(Response(questionnaire_id=questionnaire_id, language="sv",
                                    submitted_on=today(), channel="paper"))
        db.session.commit()
    assert _generation(app) == before  # new answers are not public content ...
    assert answered() == "15"  # ... but the results page counts them


def test_erasing_or_redacting_answers_changes_the_generation(
        app: Flask, make_dialogue: Callable[..., str], monkeypatch: pytest.MonkeyPatch) -> None:
    make_dialogue()
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        question = dialogue.questionnaire.questions[1]
        response = Response(questionnaire_id=dialogue.questionnaire_id, language="sv",
                            submitted_on=today(), channel="web")
        response.answers.append(Answer(question_id=question.id, text="Mörkt vid skolan"))
        db.session.add(response)
        db.session.commit()
        response_id = response.id
    before = _generation(app)
    with app.app_context():
        db.session.execute(update(Answer).where(Answer.response_id == response_id)
                           .values(text=None))
        db.session.commit()
    redacted = _generation(app)
    assert redacted > before
    with app.app_context():
        db.session.delete(db.session.get(Response, response_id))
        db.session.commit()
    erased = _generation(app)
    assert erased > redacted
    # One raise per transaction, however many rows change (with the clock stopped, each
    # raise adds exactly one).
    monkeypatch.setattr(pagecache.time, "time_ns", lambda: 0)
    with app.app_context():
        db.session.execute(update(Dialogue).values(version=Dialogue.version + 1))
        db.session.execute(update(Dialogue).values(version=Dialogue.version + 1))
        db.session.commit()
    assert _generation(app) == erased + 1


def test_a_rolled_back_change_keeps_the_pages(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    client.get("/sv/dialogues/")
    before = _generation(app)
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        dialogue.title = {"sv": "Aldrig sparat"}
        db.session.flush()
        db.session.rollback()
        db.session.execute(text("SELECT 1"))
        db.session.commit()
    assert _generation(app) == before
    assert "Aldrig sparat" not in visible_text(client.get("/sv/dialogues/"))


def test_the_store_keeps_at_most_its_limit() -> None:
    store = pagecache.PageStore(limit=1000)
    page = pagecache._Page(200, (), b"x" * 400, markers=False)
    for key in "abc":
        store.put(key, page)
    assert len(store) == 2 and store.size == 2 * (400 + len(repr("a")))
    assert store.get("a") is None and store.get("c") is page
    store.put("big", pagecache._Page(200, (), b"x" * 2000, markers=False))
    assert store.get("big") is None


def test_no_store_when_turned_off(database_url: str, make_dialogue: Callable[..., str]
                                  ) -> None:
    off = create_app({"SETTINGS": Settings(env="testing", database_url=database_url,
                                           page_cache_mb=0)})
    assert pagecache.EXTENSION not in off.extensions
    make_dialogue()
    client = off.test_client()
    body = client.get(URL).get_data(as_text=True)
    assert csrf_from(body) and "__dialog_token" not in body
    off.extensions["dialog_db"].dispose()


def test_a_burst_after_a_change_renders_the_page_once() -> None:
    import threading
    import time

    store = pagecache.PageStore(limit=10_000)
    renders: list[int] = []
    start = threading.Barrier(8)

    def visit() -> None:
        start.wait()
        if store.get("page") is None:
            with store.one_at_a_time("page"):
                if store.get("page") is None:
                    time.sleep(0.05)  # rendering
                    renders.append(1)
                    store.put("page", pagecache._Page(200, (), b"<p>sida</p>", markers=False))

    threads = [threading.Thread(target=visit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(renders) == 1
    assert store._renders == {}  # nothing left behind


def test_the_generation_is_raised_only_as_the_transaction_commits(
        app: Flask, database_url: str, make_dialogue: Callable[..., str]) -> None:
    """The generation's row is locked only while a transaction commits, so a long one
    (retention over a million answers) keeps no staff edit elsewhere waiting."""
    from sqlalchemy import create_engine

    make_dialogue()
    before = _generation(app)
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        dialogue.title = {"sv": "Nytt namn"}
        db.session.flush()
        db.session.execute(select(func.count(Response.id)))  # more work in the transaction
        assert pagecache.generation(db.session) == before  # not raised yet, not locked
        if database_url.startswith("postgresql"):
            # Another transaction changes public content and commits meanwhile.
            other = create_engine(database_url)
            with other.begin() as conn:
                conn.execute(text("SET LOCAL lock_timeout = '2s'"))
                conn.execute(text("UPDATE public_content SET generation = generation + 1"))
            other.dispose()
        db.session.commit()
    assert _generation(app) > before


def test_a_burst_of_visitors_gets_one_render_per_page(
        app: Flask, make_dialogue: Callable[..., str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the real view: visitors arriving together while the page is being rendered
    wait for that render instead of rendering it again."""
    import threading
    import time

    from dialog.public import views

    make_dialogue()
    renders: list[int] = []
    real = views.render_template

    def slow_render(*args: object, **kwargs: object) -> str:
        renders.append(1)
        time.sleep(0.2)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "render_template", slow_render)
    start = threading.Barrier(6)
    pages: list[bytes] = []

    def visit() -> None:
        client = app.test_client()
        start.wait()
        pages.append(client.get("/sv/dialogues/").get_data())

    threads = [threading.Thread(target=visit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(pages) == 6 and len(set(pages)) == 1
    assert len(renders) == 1


def test_folding_the_counts_keeps_the_pages(app: Flask, make_dialogue: Callable[..., str]
                                            ) -> None:
    from surveys.tally import fold_past_days

    make_dialogue()
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        for _ in range(3):
            db.session.add(Response(questionnaire_id=dialogue.questionnaire_id, language="sv",
                                    submitted_on=today() - timedelta(days=2), channel="paper"))
        db.session.commit()
    before = _generation(app)
    with app.app_context():
        assert fold_past_days(db.session, today()) > 0
        db.session.commit()
    assert _generation(app) == before
