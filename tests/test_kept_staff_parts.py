"""The parts of staff pages kept per worker by what they show (a dialogue page's head, the
layout's language form and menu): each reader sees their own rights, token and menu; changes
show at once; every value is escaped; and no address a visitor makes up is kept, nor more
memory held than the budget says. Written by a reviewing helper attacking the change."""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from dialog.accounts.models import Organisation, Role, User
from dialog.base import column_rows
from dialog.db import db
from dialog.dialogues.models import Dialogue, DialogueKind, InviteCode
from tests.conftest import PASSWORD, csrf_from
from tests.helpers import visible_text

SLUG = "trygghet-norra"
PAGE = f"/staff/dialogues/{SLUG}"


def _login(app: Flask, make_user: Callable[..., str], email: str, role: Role,
           organisation: str = "Lokalpolisområde Norra") -> FlaskClient:
    client = app.test_client()
    make_user(email=email, role=role, organisation=organisation)
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    assert client.post("/staff/login", data={"email": email, "password": PASSWORD,
                                             "csrf_token": token}).status_code == 302
    return client


def _nav(html: str) -> str:
    [nav] = re.findall(r'<nav class="main-nav".*?</nav>', html, flags=re.S)
    return nav


def test_each_reader_gets_their_own_menu_and_token(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    make_dialogue()
    admin = _login(app, make_user, "boss@polisen.example", Role.ADMIN)
    viewer = _login(app, make_user, "v@kommun.example", Role.VIEWER, "Norra kommun")
    a = admin.get(PAGE).get_data(as_text=True)
    v = viewer.get(PAGE).get_data(as_text=True)
    assert "boss@polisen.example (Lokalpolisområde Norra)" in _nav(a)
    assert 'href="/staff/users"' in _nav(a) and 'href="/staff/audit"' in _nav(a)
    assert "v@kommun.example (Norra kommun)" in _nav(v)
    assert "boss@" not in v and "/staff/users" not in _nav(v)
    assert set(re.findall(r'name="csrf_token" value="([^"]+)"', a)).isdisjoint(
        re.findall(r'name="csrf_token" value="([^"]+)"', v))
    assert len(set(re.findall(r'name="csrf_token" value="([^"]+)"', v))) == 1


def test_role_change_rename_and_codes_show_at_once(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    from dialog.authz import SYSTEM
    from dialog.dialogues.services.invitations import issue_codes

    make_dialogue(kind=DialogueKind.TARGETED)
    editor = _login(app, make_user, "ed@polisen.example", Role.EDITOR)
    with app.app_context():
        d = db.session.scalar(select(Dialogue).where(Dialogue.slug == SLUG))
        issue_codes(db.session, d, 10, "butiker", actor=SYSTEM)
        db.session.commit()
    first = editor.get(PAGE).get_data(as_text=True)
    assert "Skapa koder" in first and "Ändra status" in first
    assert re.search(r"butiker</a></td>\s*<td>10</td><td>0</td>", first)

    with app.app_context():  # a code used, the org renamed, the title changed, role lowered
        code = db.session.scalars(select(InviteCode)).first()
        db.session.delete(code)
        db.session.execute(update(Organisation).where(Organisation.name == "Lokalpolisområde Norra")
                           .values(name="LPO <Norra> & Co"))
        d = db.session.scalar(select(Dialogue).where(Dialogue.slug == SLUG))
        d.title = {"sv": "Ny <b>titel</b>", "en": "x"}
        db.session.execute(update(User).where(User.email == "ed@polisen.example")
                           .values(role=Role.VIEWER.value))
        db.session.commit()
    after = editor.get(PAGE).get_data(as_text=True)
    assert re.search(r"<td>butiker</td>\s*<td>10</td><td>1</td>", after)
    assert "Skapa koder" not in after and "Ändra status" not in after
    assert "ed@polisen.example (LPO &lt;Norra&gt; &amp; Co)" in after
    assert "<h1>Ny &lt;b&gt;titel&lt;/b&gt;</h1>" in after


def test_language_switch_and_crafted_next_are_escaped(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    make_dialogue()
    editor = _login(app, make_user, "ed@polisen.example", Role.EDITOR)
    crafted = '"><script>alert(1)</script>&x=\'<img src=x onerror=alert(2)>'
    page = editor.get(PAGE, environ_overrides={"QUERY_STRING": crafted}).get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    token = csrf_from(page)
    editor.post("/staff/language", data={"lang": "en", "csrf_token": token, "next": PAGE})
    page = editor.get(PAGE).get_data(as_text=True)
    assert "Status: Open" in visible_text(editor.get(PAGE))
    assert re.search(r'<option value="en" lang="en" selected>', page)
    assert not re.search(r'<option value="sv" lang="sv" selected>', page)


def test_another_organisation_sees_no_actions(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    make_dialogue(kind=DialogueKind.TARGETED)
    editor = _login(app, make_user, "ed@polisen.example", Role.EDITOR)
    assert "Skapa koder" in editor.get(PAGE).get_data(as_text=True)
    # An editor of the other organiser (the municipality): may edit too (organiser).
    other = _login(app, make_user, "ed@annan.example", Role.EDITOR, "Annan kommun")
    assert other.get(PAGE).status_code == 404


# -- what a visitor's address makes the worker keep -------------------------------------------

def _kept_parts(app: Flask, budget: int) -> object:
    from dialog import fragments
    from dialog.pagecache import Kept

    kept = Kept[str](budget)
    app.extensions[fragments.EXTENSION] = kept
    return kept


def _held_bytes(kept: object) -> int:
    """What the kept parts really take in memory: each text and key as Python holds it."""
    import sys

    seen: dict[int, int] = {}  # each object once (a template's name is shared by its parts)
    for key, (value, cost) in kept._kept.items():  # type: ignore[attr-defined]
        for held in (value, key, cost, *key):
            seen[id(held)] = sys.getsizeof(held)
    return sum(seen.values())


def test_anonymous_addresses_do_not_fill_the_kept_parts(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    """The language form is the same on every page (the page it returns to is written outside
    the kept part): addresses anyone makes up, without a login, keep nothing new and push out
    none of the parts staff pages keep (here the dialogue head an editor's visit kept)."""
    kept = _kept_parts(app, 1024 * 1024)
    make_dialogue()
    editor = _login(app, make_user, "ed@polisen.example", Role.EDITOR)
    assert editor.get(PAGE).status_code == 200
    heads = [k for k in kept._kept if k[0] == "staff/_dialogue_head.html"]  # type: ignore[attr-defined]
    assert heads
    before = len(kept)  # type: ignore[arg-type]

    stranger = app.test_client()  # never logged in
    for n in range(300):
        assert stranger.get(f"/staff/login?n={n}&pad={'&' * 2000}").status_code == 200
    assert all(k in kept._kept for k in heads), "the editor's kept head was pushed out"  # type: ignore[attr-defined]
    assert len(kept) - before <= 1, f"{len(kept) - before} parts kept for made-up addresses"  # type: ignore[arg-type]


def test_kept_parts_stay_within_their_budget(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    """The budget counts texts as Python holds them, at one, two or four bytes a character by
    the widest, not their UTF-8 length: the filter form names the languages in their own
    scripts (العربية, ትግርኛ), so each kept copy is held at two bytes a character."""
    from datetime import date, timedelta

    budget = 200 * 1024
    kept = _kept_parts(app, budget)
    make_dialogue()
    editor = _login(app, make_user, "ed@polisen.example", Role.EDITOR)
    for n in range(150):  # a filter form kept for each day chosen
        day = (date(2026, 1, 1) + timedelta(days=n)).isoformat()
        assert editor.get(f"{PAGE}?from={day}").status_code == 200
    assert len(kept) > 10 and kept.size <= budget  # type: ignore[arg-type, attr-defined]
    held = _held_bytes(kept)
    assert held <= 1.25 * budget, f"{held / budget:.1f} times the budget held"


def test_column_rows_reads_what_session_execute_reads(
    app: Flask, make_dialogue: Callable[..., str],
) -> None:
    """Pending rows are flushed first (autoflush), left alone under no_autoflush, and the
    values come back typed as through the session."""
    from surveys.models import Answer, Response
    from surveys.responses import ResponseFilter, _page_statement, response_page
    from surveys.tally import response_counts

    make_dialogue()
    with app.app_context():
        d = db.session.scalar(select(Dialogue).where(Dialogue.slug == SLUG))
        qid = d.questionnaire_id
        r = Response(questionnaire_id=qid, channel="meeting", channel_detail="Möte",
                     language="sv")
        r.answers = [Answer(question_id=d.questionnaire.questions[2].id,
                            choices=["litter", "dark"])]
        db.session.add(r)  # pending, not flushed
        page = response_page(db.session, qid, ResponseFilter(), 50)
        assert [row.id for row in page.rows] == [r.id]
        assert page.rows[0].answers[0].choices == ("litter", "dark")
        params = {**ResponseFilter().params(), "questionnaire_id": qid, "after": None,
                  "before": None, "limit": 51}
        statement = _page_statement(ResponseFilter().shape(), False, False)
        assert [tuple(x) for x in db.session.execute(statement, params)] == [
            tuple(x) for x in column_rows(db.session, statement, params)]
        assert response_counts(db.session, qid).total() == 1
        db.session.rollback()
        with db.session.no_autoflush:
            db.session.add(Response(questionnaire_id=qid, channel="web", language="sv"))
            assert response_page(db.session, qid, ResponseFilter(), 50).rows == []
        db.session.rollback()


def test_baseline_and_batch_label_show_at_once_escaped(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    from dialog.authz import SYSTEM
    from dialog.dialogues.services.invitations import issue_codes

    make_dialogue(slug="baslinje")
    make_dialogue(kind=DialogueKind.FOLLOW_UP)
    editor = _login(app, make_user, "ed@polisen.example", Role.EDITOR)
    assert "/comparison" not in editor.get(PAGE).get_data(as_text=True)
    with app.app_context():
        base = db.session.scalar(select(Dialogue).where(Dialogue.slug == "baslinje"))
        d = db.session.scalar(select(Dialogue).where(Dialogue.slug == SLUG))
        d.baseline_id = base.id
        db.session.commit()
    assert "Uppföljningen jämförd med" in visible_text(editor.get(PAGE))

    make_dialogue(slug="riktad", kind=DialogueKind.TARGETED)
    with app.app_context():
        d = db.session.scalar(select(Dialogue).where(Dialogue.slug == "riktad"))
        issue_codes(db.session, d, 10, '<img src=x onerror=alert(1)>"', actor=SYSTEM)
        db.session.commit()
    page = editor.get("/staff/dialogues/riktad").get_data(as_text=True)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;&#34;" in page


def test_filters_a_reader_makes_up_keep_nothing_new(
    app: Flask, make_user: Callable[..., str], make_dialogue: Callable[..., str],
) -> None:
    """The filter form is kept by the filter it shows: a date typed wrong is shown as typed
    but not kept, and a date typed with spaces around it is kept as the date it is."""
    kept = _kept_parts(app, 1024 * 1024)
    make_dialogue()
    editor = _login(app, make_user, "ed@polisen.example", Role.EDITOR)
    assert editor.get(PAGE).status_code == 200
    before = len(kept)  # type: ignore[arg-type]
    for n in range(100):
        wrong = editor.get(f"{PAGE}?from=31/{n}").get_data(as_text=True)
        assert f'value="31/{n}"' in wrong  # as typed, with its error
        padded = editor.get(f"{PAGE}?to={'%20' * n}2026-01-05").get_data(as_text=True)
        assert 'value="2026-01-05"' in padded
    assert len(kept) - before <= 1, f"{len(kept) - before} parts kept for made-up filters"  # type: ignore[arg-type]


def test_an_address_with_raw_bytes_gets_the_400_page_not_a_crash(app: Flask) -> None:
    """Browsers percent-encode; a hand-made request with raw bytes in its query string is
    told it could not be understood, on staff, login and public pages alike."""
    client = app.test_client()
    for page in ("/staff/login", "/staff/", "/sv/", "/sv/promises/"):
        refused = client.get(page, environ_overrides={"QUERY_STRING": "a=\xff\xfe"})
        assert refused.status_code == 400, page
        assert "Vi kunde inte förstå förfrågan." in visible_text(refused), page
    assert client.get("/staff/login?a=%FF").status_code == 200  # percent-encoded: read
