"""Atom feeds parse and carry the elements RFC 4287 requires; internal plans stay out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from xml.etree import ElementTree as ET

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.db import db
from dialog.promises.models import Activity
from tests.promises.conftest import SECRET_PLAN

A = "{http://www.w3.org/2005/Atom}"


def _check_atom(body: bytes) -> ET.Element:
    root = ET.fromstring(body)  # noqa: S314 - our own feed
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, name
    datetime.fromisoformat(root.findtext(f"{A}updated", "").replace("Z", "+00:00"))
    assert [link for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    feed_author = root.find(f"{A}author/{A}name") is not None
    for entry in root.findall(f"{A}entry"):
        entry_id = entry.findtext(f"{A}id", "")
        assert entry_id.startswith(("tag:", "urn:")), entry_id
        assert entry.findtext(f"{A}title")
        updated = entry.findtext(f"{A}updated", "")
        assert datetime.fromisoformat(updated.replace("Z", "+00:00")).tzinfo is not None
        assert feed_author or entry.find(f"{A}author/{A}name") is not None
        content = entry.find(f"{A}content")
        assert content is not None and content.get("type") in {"html", "text"}
    return root


def test_promise_feed_is_valid_atom(client: FlaskClient,
                                    make_promise: Callable[..., str]) -> None:
    make_promise()
    response = client.get("/sv/promises/tryggare-torg/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    root = _check_atom(response.data)
    entries = root.findall(f"{A}entry")
    assert len(entries) == 5
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == len(ids)
    titles = [e.findtext(f"{A}title") for e in entries]
    assert titles[0] == "Ungdomsdisco: Inställd"
    contents = [e.findtext(f"{A}content") for e in entries]
    assert contents[0] == "Lokalen brann i mars."
    # Markdown in feedback arrives as escaped, sanitised HTML.
    assert "<p>Första mötet hölls i <em>februari</em>.</p>" in contents
    assert SECRET_PLAN not in response.get_data(as_text=True)


def test_all_promises_feed_is_valid_atom(client: FlaskClient,
                                         make_promise: Callable[..., str]) -> None:
    make_promise()
    make_promise(slug="utkast", publish=False, title={"sv": "Hemligt utkast"})
    response = client.get("/en/promises/feed.atom")
    assert response.status_code == 200
    root = _check_atom(response.data)
    assert len(root.findall(f"{A}entry")) == 5  # the draft's updates are not published
    assert "Hemligt utkast" not in response.get_data(as_text=True)
    assert SECRET_PLAN not in response.get_data(as_text=True)


def test_feed_escapes_markup_in_titles(client: FlaskClient,
                                       make_promise: Callable[..., str]) -> None:
    make_promise(title={"sv": "Torget <b>&</b> parken"})
    body = client.get("/sv/promises/tryggare-torg/feed.atom").data
    root = _check_atom(body)
    assert root.findtext(f"{A}title") == "Torget <b>&</b> parken"
    assert b"<b>" not in body


def test_empty_feed_is_still_valid(client: FlaskClient) -> None:
    root = _check_atom(client.get("/sv/promises/feed.atom").data)
    assert root.findall(f"{A}entry") == []


def test_feed_links_come_from_the_public_url_never_the_host_header(
        app: Flask, client: FlaskClient, make_promise: Callable[..., str]) -> None:
    import dataclasses

    make_promise()
    app.config["SETTINGS"] = dataclasses.replace(app.config["SETTINGS"],
                                                 public_url="https://dialog.example.se")
    for url in ("/sv/promises/feed.atom", "/en/promises/tryggare-torg/feed.atom"):
        response = client.get(url, headers={"Host": "evil.example"})
        body = response.get_data(as_text=True)
        assert response.status_code == 200 and "evil.example" not in body, url
        root = _check_atom(response.data)
        hrefs = [link.get("href", "") for link in root.iter(f"{A}link")]
        assert len(hrefs) > 2 and all(
            h.startswith("https://dialog.example.se/") for h in hrefs), hrefs
        ids = [e.text or "" for e in root.iter(f"{A}id")]
        assert all(i.startswith("tag:dialog.example.se,") for i in ids), ids


def test_feeds_parse_even_when_stored_text_holds_characters_xml_refuses(
        app: Flask, client: FlaskClient, make_promise: Callable[..., str]) -> None:
    """Text stored before input was checked (or by another route) never breaks a feed."""
    make_promise(title={"sv": "Tryggare\x0c torg\ufffe"})
    with app.app_context():
        disco = db.session.scalars(select(Activity).where(
            Activity.title["sv"].as_string() == "Ungdomsdisco")).one()
        disco.title = {"sv": "Ungdoms\x0cdisco\ufffe\x00"}
        db.session.commit()
    for url in ("/sv/promises/tryggare-torg/feed.atom", "/sv/promises/feed.atom"):
        root = _check_atom(client.get(url).data)
        titles = [e.findtext(f"{A}title") for e in root.findall(f"{A}entry")]
        assert "Ungdomsdisco: Inställd" in titles, url
    assert _check_atom(client.get("/sv/promises/tryggare-torg/feed.atom").data).findtext(
        f"{A}title") == "Tryggare torg"


def test_feed_writer_drops_what_xml_1_0_forbids() -> None:
    from dialog.feeds import xml_text

    assert xml_text("a\x00b\x0cc\x1fd\ufffe\uffffe\ud800f") == "abcdef"
    assert xml_text("tab\tline\nreturn\r 👩🏽 \u0085") == "tab\tline\nreturn\r 👩🏽 \u0085"
