"""The public index of open dialogues, languages and health."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from dialog.dialogues.models import DialogueKind, DialogueStatus
from tests.helpers import visible_text


def test_root_negotiates_language(client: FlaskClient) -> None:
    assert client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}
                      ).headers["Location"] == "/en/"
    assert client.get("/", headers={"Accept-Language": "sv-SE"}).headers["Location"] == "/sv/"
    assert client.get("/").headers["Location"] == "/sv/"


def test_unknown_language_is_not_found(client: FlaskClient) -> None:
    assert client.get("/xx/dialogues/").status_code == 404


def test_index_lists_open_dialogues_only(client: FlaskClient,
                                         make_dialogue: Callable[..., str]) -> None:
    make_dialogue("oppen", title={"sv": "Öppen dialog om parken"})
    make_dialogue("riktad", kind=DialogueKind.TARGETED, title={"sv": "Riktad till butiker"})
    make_dialogue("utkast", status=DialogueStatus.DRAFT, title={"sv": "Ett utkast"})
    make_dialogue("stangd", status=DialogueStatus.CLOSED, title={"sv": "En stängd"})
    page = client.get("/sv/dialogues/")
    text = visible_text(page)
    assert "Öppen dialog om parken" in text
    assert 'href="/sv/d/oppen"' in page.get_data(as_text=True)
    for hidden in ("Riktad till butiker", "Ett utkast", "En stängd"):
        assert hidden not in text


def test_html_lang_and_switcher_keep_the_page(client: FlaskClient,
                                              make_dialogue: Callable[..., str]) -> None:
    make_dialogue()
    body = client.get("/en/d/trygghet-norra").get_data(as_text=True)
    assert '<html lang="en" dir="ltr">' in body
    # On the questionnaire the switcher posts the answers along (see test_residents.py).
    assert 'form="answer-form" name="lang_link" value="sv"' in body
    assert "Svenska" in body and "English" in body
    privacy = client.get("/en/d/trygghet-norra/privacy").get_data(as_text=True)
    assert 'href="/sv/d/trygghet-norra/privacy"' in privacy


def test_fallback_to_source_language_is_said(client: FlaskClient,
                                             make_dialogue: Callable[..., str]) -> None:
    make_dialogue(title={"sv": "Bara svenska"})
    text = visible_text(client.get("/en/d/trygghet-norra"))
    assert "Bara svenska" in text
    assert "shown in its original language" in text


def test_healthz(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"


def test_security_headers_on_every_response(client: FlaskClient) -> None:
    for url in ("/sv/", "/staff/login", "/nope"):
        headers = client.get(url).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp and "base-uri 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"]


def test_nul_in_an_address_is_not_found_on_every_database(client: FlaskClient) -> None:
    assert client.get("/sv/d/a%00b").status_code == 404
    assert client.get("/d/a%00b").status_code in {302, 404}


def test_the_not_found_page_has_a_language_switcher(client: FlaskClient) -> None:
    page = client.get("/ar/no-such-page")
    assert page.status_code == 404
    body = page.get_data(as_text=True)
    assert 'href="/sv/no-such-page"' in body and 'href="/en/no-such-page"' in body
    english = client.get("/en/no-such-page")
    assert "We could not find that page." in visible_text(english)
    bare = client.get("/no/such/page/here")
    assert bare.status_code == 404
    assert 'href="/fi/"' in bare.get_data(as_text=True)


def test_privacy_notice_names_a_single_organiser_in_the_singular(
    client: FlaskClient, make_dialogue: Callable[..., str]
) -> None:
    from dialog.accounts.models import OrganisationKind
    from dialog.accounts.services.users import get_or_create_organisation
    from dialog.db import db
    from dialog.dialogues.services.queries import get_dialogue

    make_dialogue()
    text = visible_text(client.get("/sv/d/trygghet-norra/privacy"))
    assert "Lokalpolisområde Norra och Norra kommun ansvarar tillsammans för svaren." in text
    with client.application.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        dialogue.organisers = [get_or_create_organisation(
            db.session, "Lokalpolisområde Ekeby", OrganisationKind.POLICE_AREA.value)]
        db.session.commit()
    text = visible_text(client.get("/sv/d/trygghet-norra/privacy"))
    assert "Lokalpolisområde Ekeby ansvarar för svaren." in text
    assert "ansvarar tillsammans" not in text


def test_open_and_past_dialogues_are_paged(client: FlaskClient,
                                           make_dialogue: Callable[..., str]) -> None:
    from datetime import timedelta

    from dialog.db import today

    one = [{"answer_type": "short_text", "text": {"sv": "Var?"}}]
    for i in range(51):
        make_dialogue(slug=f"oppen-{i:02d}", questions=one)
    for i in range(52):
        make_dialogue(slug=f"stangd-{i:02d}", questions=one, status=DialogueStatus.CLOSED,
                      closed_on=today() - timedelta(days=i))
    home = client.get("/sv/").get_data(as_text=True)
    assert home.count('class="card"') == 50
    assert "Sida 1 av 2" in home and "/sv/dialogues/?page=2" in home
    second = client.get("/sv/dialogues/?page=2").get_data(as_text=True)
    assert second.count('class="card"') == 1 and "/sv/d/oppen-00" in second  # the oldest
    archive = client.get("/sv/dialogues/archive").get_data(as_text=True)
    assert archive.count('class="card"') == 50 and "/sv/d/stangd-00/results" in archive
    last = client.get("/sv/dialogues/archive?page=2").get_data(as_text=True)
    assert last.count('class="card"') == 2 and "/sv/d/stangd-51/results" in last  # closed first
