"""What a resident sees on the public promise pages."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from flask.testing import FlaskClient

from tests.helpers import visible_text
from tests.promises.conftest import SECRET_PLAN


def test_list_shows_progress_in_words_and_numbers(client: FlaskClient,
                                                  make_promise: Callable[..., str]) -> None:
    make_promise()
    page = visible_text(client.get("/sv/promises/"))
    assert "Tryggare torg i Norra" in page
    assert "2 av 5 aktiviteter genomförda, 1 försenad, 1 inställd" in page
    english = visible_text(client.get("/en/promises/"))
    assert "2 of 5 activities done, 1 delayed, 1 cancelled" in english


def test_drafts_are_not_public(client: FlaskClient, make_promise: Callable[..., str]) -> None:
    make_promise(publish=False)
    assert "Tryggare torg" not in visible_text(client.get("/sv/promises/"))
    assert client.get("/sv/promises/tryggare-torg").status_code == 404
    assert client.get("/sv/promises/tryggare-torg/feed.atom").status_code == 404


def test_page_shows_every_public_part(client: FlaskClient,
                                      make_promise: Callable[..., str]) -> None:
    make_promise()
    response = client.get("/sv/promises/tryggare-torg")
    assert response.status_code == 200
    page = visible_text(response)
    for text in ("A 123.456/2026", "Anna Berg", "Lokalpolisområdeschef", "Erik Lund",
                 "Följ arbetet här", "Många kvinnor undviker torget",
                 "Andel som känner sig otrygga vid torget", "Minska till 25 procent",
                 "Vad ni sa – vad vi gör", "Mopeder och buskörning"):
        assert text in page, text
    # Status as a word and an icon, with reasons for delays and cancellations.
    assert "✖ Inställd" in page and "⏸ Försenad" in page and "✔ Genomförd" in page
    assert "Lokalen brann i mars." in page
    assert "Personalen är inte anställd än." in page
    assert "<strong>minska</strong>" in response.get_data(as_text=True)


def test_timeline_is_newest_first_with_status_changes(client: FlaskClient,
                                                      make_promise: Callable[..., str]) -> None:
    make_promise()
    response = client.get("/sv/promises/tryggare-torg")
    page = visible_text(response)
    timeline = page[page.index("Återkoppling: vad som har hänt"):]
    order = [timeline.index(t) for t in ("2 maj 2026", "1 maj 2026", "1 april 2026",
                                         "1 mars 2026", "15 februari 2026")]
    assert order == sorted(order)
    assert "Första mötet hölls i" in timeline
    assert "Första mötet hölls i <em>februari</em>." in response.get_data(as_text=True)


def test_fallback_note_when_text_is_not_translated(client: FlaskClient,
                                                   make_promise: Callable[..., str]) -> None:
    make_promise()
    page = visible_text(client.get("/en/promises/tryggare-torg"))
    assert "A safer square in Norra" in page
    assert "Trygghetsvandring" in page
    # Said once for the page, not after each of the many untranslated texts.
    assert page.count("Some texts on this page are shown in Swedish because they have not "
                      "been translated yet.") == 1
    assert "not translated yet)" not in page
    swedish = visible_text(client.get("/sv/promises/tryggare-torg"))
    assert "inte översatt" not in swedish


def test_staff_only_plans_never_appear_publicly(client: FlaskClient,
                                                make_promise: Callable[..., str]) -> None:
    make_promise()
    for url in ("/sv/promises/", "/sv/promises/tryggare-torg", "/en/promises/tryggare-torg",
                "/sv/promises/feed.atom", "/sv/promises/tryggare-torg/feed.atom"):
        body = client.get(url).get_data(as_text=True)
        assert SECRET_PLAN not in body, url
        assert "40 000" not in body, url


def test_filters_by_municipality_and_status(app: Flask, client: FlaskClient,
                                            make_promise: Callable[..., str]) -> None:
    make_promise()
    make_promise(slug="sodra-torg", municipality="Södra kommun",
                 title={"sv": "Lugnare kvällar i Södra"})
    from sqlalchemy import select

    from dialog.accounts.models import Organisation
    from dialog.db import db
    from dialog.promises.models import Promise

    with app.app_context():
        south = db.session.scalar(select(Organisation).where(Organisation.name == "Södra kommun"))
        assert south is not None
        south_id = south.id
        promise = db.session.scalar(select(Promise).where(Promise.slug == "sodra-torg"))
        assert promise is not None
        promise.status = "completed"
        db.session.commit()
    both = visible_text(client.get("/sv/promises/"))
    assert "Tryggare torg i Norra" in both and "Lugnare kvällar i Södra" in both
    south_only = visible_text(client.get(f"/sv/promises/?municipality={south_id}"))
    assert "Lugnare kvällar i Södra" in south_only and "Tryggare torg i Norra" not in south_only
    completed = visible_text(client.get("/sv/promises/?status=completed"))
    assert "Lugnare kvällar i Södra" in completed and "Tryggare torg i Norra" not in completed
    ignored = visible_text(client.get("/sv/promises/?status=draft"))  # not a public status
    assert "Tryggare torg i Norra" in ignored
    # A municipality that is not an id at all is a bad request, said in the reader's language.
    malformed = client.get("/sv/promises/?status=draft&municipality=x")
    assert malformed.status_code == 400
    assert "Vi kunde inte förstå förfrågan." in visible_text(malformed)


def test_focus_areas_hide_small_cells(client: FlaskClient,
                                      make_promise: Callable[..., str]) -> None:
    make_promise()
    page = visible_text(client.get("/sv/promises/tryggare-torg"))
    mopeds = page[page.index("Mopeder och buskörning"):page.index("Mörker vid stationen")]
    assert "48" in mopeds and "Kvinna 30" in mopeds and "Man 15" in mopeds
    assert "Annan könstillhörighet <5" in mopeds and "Vill inte svara <5" in mopeds
    assert " 3 " not in mopeds
    dark = page[page.index("Mörker vid stationen"):page.index("Effekter")]
    # A group of four: size hidden as <5 and no breakdown at all (it would reveal the cells).
    assert "<5" in dark
    assert "Kvinna" not in dark and "Man 1" not in dark
    assert "Trygghetsvandring" in dark and "Belysning vid torget" in dark
