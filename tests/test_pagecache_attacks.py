"""Attacks on the public page cache (dialog.pagecache): by a hostile visitor and by a careless
developer. Each test is a way a visitor could be served a page that is stale, someone else's or
broken, or a way to make a worker hold more than its limit."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text, update

from dialog import pagecache
from dialog.db import db
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services.queries import get_dialogue
from tests.conftest import _empty_tables, csrf_from
from tests.helpers import open_form, visible_text

URL = "/sv/d/trygghet-norra"


def _kept(app: Flask) -> int:
    return len(app.extensions[pagecache.EXTENSION])


def test_a_database_emptied_and_filled_again_does_not_bring_back_old_pages(
        app: Flask, client: FlaskClient, database_url: str,
        make_dialogue: Callable[..., str]) -> None:
    # A fresh database counts its generations from the start again (a reseed, a schema
    # recreated, a backup restored): a worker that kept pages from before must not serve
    # them under the same number.
    make_dialogue()
    assert "Trygghet i Norra" in visible_text(client.get("/sv/dialogues/"))
    _empty_tables(database_url)
    make_dialogue(title={"sv": "Helt annan dialog"})
    page = visible_text(client.get("/sv/dialogues/"))
    assert "Helt annan dialog" in page
    assert "Trygghet i Norra" not in page


def test_text_that_looks_like_a_token_marker_is_shown_as_written(
        app: Flask, make_dialogue: Callable[..., str]) -> None:
    # Staff write the texts of a dialogue; a marker's shape in them must neither break the
    # kept answer form for every visitor nor be replaced with a visitor's token.
    written = "Skriv __dialog_token_nope___, __dialog_token_form___ eller __dialog_token_csrf___."
    make_dialogue(purpose={"sv": written})
    for visitor in (app.test_client(), app.test_client()):
        page = visitor.get(URL)
        assert page.status_code == 200
        assert written in visible_text(page)
        open_form(visitor, URL)  # the real tokens are still filled in


def test_a_rolled_back_savepoint_does_not_swallow_a_later_change(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    assert "Trygghet i Norra" in visible_text(client.get("/sv/dialogues/"))
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        savepoint = db.session.begin_nested()
        dialogue.title = {"sv": "Försök som ångras"}
        db.session.flush()
        savepoint.rollback()
        dialogue.title = {"sv": "Rättad titel"}
        db.session.commit()
    page = visible_text(client.get("/sv/dialogues/"))
    assert "Rättad titel" in page
    assert "Trygghet i Norra" not in page


def test_a_dialogue_put_back_to_draft_with_raw_sql_is_no_longer_served(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    assert client.get(URL).status_code == 200
    with app.app_context():
        db.session.execute(text("UPDATE dialogue SET status = 'draft' WHERE slug = :slug"),
                           {"slug": "trygghet-norra"})
        db.session.commit()
    assert client.get(URL).status_code == 404


def test_a_core_statement_on_the_sessions_connection_is_seen(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    assert client.get(URL).status_code == 200
    with app.app_context():
        db.session.connection().execute(
            update(Dialogue.__table__).where(Dialogue.__table__.c.slug == "trygghet-norra")
            .values(status="draft"))
        db.session.commit()
    assert client.get(URL).status_code == 404


def test_addresses_count_against_the_workers_limit(
        app: Flask, make_dialogue: Callable[..., str]) -> None:
    # Each address and host is a page of its own: long made-up query strings must not let the
    # store hold many times its limit.
    make_dialogue()
    limit = 40_000
    app.extensions[pagecache.EXTENSION] = pagecache.PageStore(limit)
    client = app.test_client()
    for i in range(40):
        assert client.get(f"/sv/dialogues/feed.atom?x={i}{'y' * 3000}").status_code == 200
    store = app.extensions[pagecache.EXTENSION]
    held = sum(len(page.body) + len(repr(key)) for key, (page, _cost) in store._kept.items())
    assert 0 < held <= limit, held


def test_head_first_then_get_serves_the_whole_page(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    assert client.head("/sv/dialogues/").status_code == 200
    page = client.get("/sv/dialogues/")
    assert "Trygghet i Norra" in visible_text(page)
    assert int(page.headers["Content-Length"]) == len(page.get_data())


def test_error_pages_and_redirects_are_not_kept(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    for _ in range(2):
        assert client.get("/sv/d/no-such-dialogue").status_code == 404
        assert client.get(f"{URL}/results").status_code == 302  # still open
        assert client.get("/sv/promises/?municipality=x").status_code == 400
    assert _kept(app) == 0


def test_a_kept_page_gives_each_new_visitor_a_session_of_their_own(
        app: Flask, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    first, second = app.test_client(), app.test_client()
    first.get(URL)
    page = second.get(URL)
    assert "Cookie" in page.headers.get("Vary", "")
    cookie = page.headers.get("Set-Cookie", "")
    assert cookie.startswith("session=")
    assert first.get_cookie("session").value != second.get_cookie("session").value


def test_links_built_from_the_request_follow_its_scheme(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    # Without DIALOG_PUBLIC_URL (development, a test server) the feed's links are built from
    # the request's own address, scheme included.
    make_dialogue()
    assert "http://localhost/sv/" in client.get("/sv/dialogues/feed.atom").get_data(as_text=True)
    secure = client.get("/sv/dialogues/feed.atom", base_url="https://localhost")
    body = secure.get_data(as_text=True)
    assert "https://localhost/sv/" in body
    assert "http://localhost/" not in body


def test_a_kept_view_that_makes_a_csrf_token_itself_does_not_share_it(
        app: Flask, make_dialogue: Callable[..., str]) -> None:
    # A careless developer adds a form to a public page with Flask-WTF's own token
    # (`form.hidden_tag()`, `generate_csrf()`) instead of `pagecache.token`: the first
    # visitor's token must not be kept and handed to everyone after them.
    from flask_wtf.csrf import generate_csrf

    @pagecache.for_all()
    def signup() -> str:
        return f'<input name="csrf_token" value="{generate_csrf()}">'

    app.add_url_rule("/<lang>/signup", "signup", signup)
    make_dialogue()
    anna, bo = app.test_client(), app.test_client()
    open_form(anna, URL)  # Anna has a token in her session already
    open_form(bo, URL)
    anna_token = csrf_from(anna.get("/sv/signup").get_data(as_text=True))
    bo_token = csrf_from(bo.get("/sv/signup").get_data(as_text=True))
    assert anna_token != bo_token


def test_language_and_page_number_are_pages_of_their_own(
        app: Flask, client: FlaskClient, make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    assert "Trygghet i Norra" in visible_text(client.get("/sv/dialogues/"))
    english = visible_text(client.get("/en/dialogues/"))
    assert "Safety in Norra" in english and "Trygghet i Norra" not in english
    client.get("/sv/dialogues/?page=2")  # clamped to the last page, but an address of its own
    assert "Trygghet i Norra" in visible_text(client.get("/sv/dialogues/"))
    assert _kept(app) == 3
