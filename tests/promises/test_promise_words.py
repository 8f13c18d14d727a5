"""The promise page in plain words: updates, not feedback; the situation picture explained."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from tests.helpers import visible_text


def test_english_promise_page_speaks_of_updates(client: FlaskClient,
                                               make_promise: Callable[..., str]) -> None:
    make_promise()
    page = visible_text(client.get("/en/promises/tryggare-torg"))
    assert "Updates: what has happened" in page
    assert "Feedback" not in page
    swedish = visible_text(client.get("/sv/promises/tryggare-torg"))
    assert "Lägesbilden är det som polisen, kommunen och invånarna tillsammans vet" in swedish
