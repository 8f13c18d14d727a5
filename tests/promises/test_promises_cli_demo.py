"""The smart-check command's JSON contract, and the demo promises."""

from __future__ import annotations

import json

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.db import db
from dialog.demo.promises import CURRENT_SLUG, EARLIER_SLUG, seed_promises
from dialog.promises.models import Promise
from tests.helpers import visible_text


def test_smart_check_prints_the_json_contract(app: Flask) -> None:
    runner = app.test_cli_runner()
    good = runner.invoke(args=["smart-check", "--lang", "sv",
                               "Minska antalet inbrott med 20 procent senast december 2026"])
    assert good.exit_code == 0, good.output
    assert json.loads(good.output) == {"smart": True, "findings": []}
    bad = runner.invoke(args=["smart-check", "--lang", "sv", "Verka för ökad trygghet"])
    assert bad.exit_code == 0
    result = json.loads(bad.output)
    assert set(result) == {"smart", "findings"} and result["smart"] is False
    assert {f["rule"] for f in result["findings"]} >= {"vague_verb", "no_deadline"}
    assert all(set(f) == {"rule", "message"} for f in result["findings"])
    assert "”verka för”" in bad.output  # ensure_ascii=False: Swedish text as written
    assert bad.output.strip() == json.dumps(result, ensure_ascii=False)


def test_smart_check_refuses_an_unknown_language(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["smart-check", "--lang", "xx", "text"])
    assert result.exit_code != 0


def test_demo_promises_are_seeded_once(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        assert seed_promises(db.session) is True
        db.session.commit()
        assert seed_promises(db.session) is False
        db.session.commit()
        promises = {p.slug: p for p in db.session.scalars(select(Promise))}
        assert set(promises) == {CURRENT_SLUG, EARLIER_SLUG}
        current = promises[CURRENT_SLUG]
        assert {a.status for a in current.activities} == {
            "planned", "ongoing", "done", "delayed", "cancelled"}
        assert all(a.status_reason for a in current.activities
                   if a.status in ("delayed", "cancelled"))
        assert promises[EARLIER_SLUG].status == "renewed"
        assert promises[EARLIER_SLUG].successor_id == current.id
        assert len(current.focus_areas) == 3
    home = client.get("/sv/")
    assert "/sv/promises/" in home.get_data(as_text=True)
    listing = client.get("/sv/promises/")
    assert f"/sv/promises/{CURRENT_SLUG}" in listing.get_data(as_text=True)
    page = visible_text(client.get(f"/sv/promises/{CURRENT_SLUG}"))
    assert "Tryggare Ekeby centrum" in page and "Internt:" not in page
    english = visible_text(client.get(f"/en/promises/{CURRENT_SLUG}"))
    assert "A safer Ekeby town centre" in english and "not translated" not in english
    assert client.get(f"/sv/promises/{EARLIER_SLUG}").status_code == 200
