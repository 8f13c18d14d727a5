"""National scale: every page a resident, the public or staff hit most runs the same number of
SQL statements whatever the amount of data (no N+1), and the seed-scale data set is complete."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from dialog.db import Base, db
from dialog.demo.scale import LARGE_SLUG, PAGES, Figures, seed_scale
from dialog.dialogues.models import Dialogue
from surveys.models import Answer, Response
from tests.conftest import csrf_from
from tests.helpers import counting, visible_text

LARGE = LARGE_SLUG


def _statements(app: Flask, client: FlaskClient) -> dict[str, int]:
    counts = {}
    for name, url, _staff in PAGES:
        client.get(url).get_data()  # warm: a first visit may set up a session
        with counting(app) as statements:
            page = client.get(url)
            page.get_data()  # a streamed download runs its queries while it is read
        assert page.status_code == 200, (name, page.status_code)
        counts[name] = len(statements)
    return counts


def _empty(app: Flask) -> None:
    with app.app_context():
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()


def _scale_staff(app: Flask) -> FlaskClient:
    """The seeded admin of the first police area, which organises the measured dialogues."""
    from dialog.demo.scale import SCALE_ADMIN_EMAIL, SCALE_PASSWORD

    client = app.test_client()
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    response = client.post("/staff/login", data={"email": SCALE_ADMIN_EMAIL,
                                                 "password": SCALE_PASSWORD,
                                                 "csrf_token": token})
    assert response.status_code == 302, response.status_code
    return client


def _seed(app: Flask, scale: float) -> None:
    with app.app_context():
        seed_scale(db.session, scale)
        db.session.commit()


def test_statements_per_page_do_not_grow_with_the_data(
    app: Flask, login_as: Callable[..., FlaskClient]
) -> None:
    _seed(app, 0.002)
    client = _scale_staff(app)
    small = _statements(app, client)
    _empty(app)
    _seed(app, 0.01)  # five times as many dialogues, responses, promises and events
    client = _scale_staff(app)
    large = _statements(app, client)
    grown = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert not grown, f"statements per request grew with the data: {grown}"


def test_seed_scale_writes_every_language_and_refuses_to_run_twice(app: Flask) -> None:
    _seed(app, 0.002)
    with app.app_context():
        languages = set(db.session.scalars(select(Response.language).distinct()))
        assert languages == {"sv", "en", "ar", "fa", "so", "ti", "fi"}
        answers = db.session.scalar(select(func.count(Answer.id)))
        assert answers is not None and answers > 5 * 280  # about seven answers per response
        texts = db.session.scalars(
            select(Answer.text).join(Response).where(Response.language == "fi",
                                                     Answer.text.is_not(None)))
        assert any(t for t in texts)
        try:
            seed_scale(db.session, 0.002)
        except ValueError:
            pass
        else:
            raise AssertionError("seed-scale ran twice")


def _ids(html: str) -> list[int]:
    """The response ids in the table, top to bottom."""
    body = html.split('<table class="responses">', 1)[1].split("</table>", 1)[0]
    return [int(n) for n in re.findall(r'<tr><td class="prewrap">(\d+)</td>', body)]


def _link(html: str, label: str) -> str | None:
    found = re.search(rf'<a href="([^"]+)">{label}</a>', html)
    return found.group(1).replace("&amp;", "&") if found else None


def _row_count(html: str) -> int:
    body = html.split('<table class="responses">', 1)[1].split("</table>", 1)[0]
    return body.count("<tr>") - 1  # the header row


def test_staff_responses_are_paged_and_filtered_without_javascript(
    app: Flask, login_as: Callable[..., FlaskClient]
) -> None:
    _seed(app, 0.002)  # 200 responses in the large dialogue
    with app.app_context():
        web_sv = db.session.scalar(
            select(func.count(Response.id)).join(Response.questionnaire)
            .where(Response.channel == "web", Response.language == "sv",
                   Response.questionnaire_id == select(Dialogue.questionnaire_id)
                   .where(Dialogue.slug == LARGE).scalar_subquery()))
    assert web_sv is not None and 50 < web_sv < 200
    staff = _scale_staff(app)
    first = staff.get(f"/staff/dialogues/{LARGE}").get_data(as_text=True)
    assert _row_count(first) == 50 and "200 svar matchar" in first
    assert _link(first, "Nyare svar") is None
    seen, page = _ids(first), first
    for _ in range(3):  # pages of 50 by id, each one after the other, to the oldest
        older = _link(page, "Äldre svar")
        assert older is not None and "before=" in older
        page = staff.get(older).get_data(as_text=True)
        assert _row_count(page) == 50 and not set(_ids(page)) & set(seen)
        seen += _ids(page)
    assert _link(page, "Äldre svar") is None and seen == sorted(seen, reverse=True)
    oldest = staff.get(f"/staff/dialogues/{LARGE}?after=0").get_data(as_text=True)
    assert _ids(oldest) == _ids(page)  # the oldest page, straight away
    assert _link(oldest, "Äldre svar") is None and _link(oldest, "Nyare svar") is not None
    newer = _link(page, "Nyare svar")  # and back again
    assert newer is not None and "after=" in newer
    back = staff.get(newer).get_data(as_text=True)
    assert _ids(back) == seen[100:150]
    # Reached from an older page: both ways on (the older one is the page it came from).
    assert _link(back, "Nyare svar") is not None
    older = _link(back, "Äldre svar")
    assert older is not None and _ids(staff.get(older).get_data(as_text=True)) == seen[150:]
    filtered = staff.get(f"/staff/dialogues/{LARGE}?channel=web&language=sv")
    older = _link(filtered.get_data(as_text=True), "Äldre svar")
    assert older is not None
    assert f"{web_sv} svar matchar" in filtered.get_data(as_text=True)
    html = staff.get(older).get_data(as_text=True)
    assert _row_count(html) == min(50, web_sv - 50)
    assert "channel=web" in older and "language=sv" in older  # the links keep the filter
    assert f"{web_sv} svar matchar" in html
    body = html.split('<table class="responses">', 1)[1].split("</table>", 1)[0]
    assert "<td class=\"prewrap\">paper</td>" not in body
    assert ">fi</td>" not in body
    for nonsense in ("before=x", "after=-1", "before=99999999999", "after=%D9%A3"):
        assert staff.get(f"/staff/dialogues/{LARGE}?{nonsense}").status_code == 200, nonsense
    none = staff.get(f"/staff/dialogues/{LARGE}?from=2099-01-01").get_data(as_text=True)
    assert '<table class="responses">' not in none
    bad = staff.get(f"/staff/dialogues/{LARGE}?from=31/12&channel=paper")
    assert bad.status_code == 200
    text = bad.get_data(as_text=True)
    assert "2026-03-01" in text and 'value="31/12"' in text  # explained, and kept as typed


def test_promise_lists_and_audit_log_are_paged_and_filtered(
    app: Flask, client: FlaskClient, login_as: Callable[..., FlaskClient]
) -> None:
    with app.app_context():
        seed_scale(db.session, figures=replace(Figures.at(0.002), promises=120,
                                               audit_events=400))
        db.session.commit()
    # 120 promises: 6 drafts (never public), 24 completed, 90 in progress.
    public = client.get("/sv/promises/").get_data(as_text=True)
    assert public.count('class="card"') == 50 and "page=2" in public
    assert "114 medborgarlöften" in visible_text(client.get("/sv/promises/"))
    assert client.get("/sv/promises/?page=3").get_data(as_text=True).count('class="card"') == 14
    published = client.get("/sv/promises/?status=published").get_data(as_text=True)
    assert "page=2" in published and "status=published" in published.split("page=2")[0][-300:] \
        + published.split("page=2")[1][:300]  # the next-page link keeps the filter
    second = client.get("/sv/promises/?page=2&status=published").get_data(as_text=True)
    assert second.count('class="card"') == 40
    staff = _scale_staff(app)
    listed = staff.get("/staff/promises/").get_data(as_text=True)
    assert listed.count('href="/staff/promises/scale-lofte-') == 50 and "page=2" in listed
    last = staff.get("/staff/promises/?page=3").get_data(as_text=True)
    assert last.count('href="/staff/promises/scale-lofte-') == 20
    # 400 events, one in six an analysis run (67), and the seed's own grouping of concerns
    # (one more): on two pages.
    log = staff.get("/staff/audit?action=concerns.run").get_data(as_text=True)
    assert log.count("<code>concerns.run</code>") == 50 and "<code>promise.update</code>" not in log
    older = _link(log, "Äldre händelser")
    assert older is not None and "action=concerns.run" in older and "before=" in older
    assert _link(log, "Nyare händelser") is None
    rest = staff.get(older).get_data(as_text=True)
    assert rest.count("<code>concerns.run</code>") == 18 and _link(rest, "Äldre händelser") is None
    newer = _link(rest, "Nyare händelser")
    assert newer is not None and "action=concerns.run" in newer
    again = staff.get(newer).get_data(as_text=True)
    assert again.count("<code>concerns.run</code>") == 50
    assert _link(again, "Nyare händelser") is None and _link(again, "Äldre händelser") == older


def test_staff_dialogue_list_is_paged(app: Flask, login_as: Callable[..., FlaskClient]) -> None:
    with app.app_context():
        seed_scale(db.session, figures=replace(Figures.at(0.002), dialogues=60))
        db.session.commit()
    staff = _scale_staff(app)
    first = staff.get("/staff/").get_data(as_text=True)
    assert first.count('href="/staff/dialogues/scale-') == 50 and "?page=2" in first
    second = staff.get("/staff/?page=2").get_data(as_text=True)
    assert second.count('href="/staff/dialogues/scale-') == 10 and "?page=1" in second


def test_the_seeded_concerns_page_shows_a_finished_run_with_focus_areas(app: Flask) -> None:
    from dialog.concerns.models import AnalysisRun, AnalystDecision
    from dialog.demo.scale import CONCERNS_SLUG, Figures

    _seed(app, 0.002)
    with app.app_context():
        dialogue = db.session.scalar(select(Dialogue).where(Dialogue.slug == CONCERNS_SLUG))
        assert dialogue is not None
        run = db.session.scalar(select(AnalysisRun).where(AnalysisRun.dialogue_id == dialogue.id))
        assert run is not None and run.status == "done" and run.params["features"] == "lexical"
        assert run.answer_count == Figures.at(0.002).concern_answers
        assert sum(1 for c in run.clusters if c.focus_area_id is not None) == 2
        assert sum(1 for c in run.clusters if c.excluded) == 1
        actions = set(db.session.scalars(select(AnalystDecision.action)))
        assert actions == {"promote", "rename", "exclude"}
    page = visible_text(_scale_staff(app).get(f"/staff/dialogues/{CONCERNS_SLUG}/concerns/"))
    assert "Fokusområde" in page and "Trafik och parkering" in page
