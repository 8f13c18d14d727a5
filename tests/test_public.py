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
