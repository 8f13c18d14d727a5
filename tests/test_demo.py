"""The demo data that `make run` seeds: realistic, idempotent, never in production."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

import analysis
from dialog import create_app
from dialog.concerns.models import ConcernCluster, ConcernMembership
from dialog.config import Settings
from dialog.db import db
from dialog.demo.more_dialogues import FOLLOW_UP_SLUG, TARGETED_SLUG
from dialog.demo.promises import CURRENT_SLUG
from dialog.demo.seed import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_SLUG, seed
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services.invitations import reach
from dialog.promises.models import Promise
from surveys.models import Response
from tests.conftest import csrf_from
from tests.helpers import visible_text


def test_seed_is_idempotent_and_answerable(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        assert seed(db.session) is True
        db.session.commit()
        assert seed(db.session) is False
        db.session.commit()
        counts = dict(db.session.execute(
            select(Dialogue.slug, func.count(Response.id))
            .join(Response, Response.questionnaire_id == Dialogue.questionnaire_id)
            .group_by(Dialogue.slug)).all())
        targeted = db.session.scalar(select(Dialogue).where(Dialogue.slug == TARGETED_SLUG))
        assert targeted is not None
        batches = reach(db.session, targeted.id)
    assert counts[DEMO_SLUG] == 400
    assert "Trygghet i Ekeby centrum" in visible_text(client.get("/sv/dialogues/"))
    assert counts[TARGETED_SLUG] == 12
    assert counts[FOLLOW_UP_SLUG] > 150
    assert [(b.label, b.issued, b.used) for b in batches] == [
        ("Unga kvinnor, Norra", 40, 12), ("Fritidsgården", 25, 0)]
    page = visible_text(client.get(f"/sv/d/{DEMO_SLUG}"))
    assert "Trygghet i Ekeby centrum" in page
    assert "Lokalpolisområde Ekeby och Ekeby kommun" in page
    assert "Trygghet i Ekeby centrum" in visible_text(client.get("/en/dialogues/")) or \
        "Safety in Ekeby town centre" in visible_text(client.get("/en/dialogues/"))

    login = client.get("/staff/login").get_data(as_text=True)
    response = client.post("/staff/login", data={"email": DEMO_ADMIN_EMAIL,
                                                 "password": DEMO_ADMIN_PASSWORD,
                                                 "csrf_token": csrf_from(login)})
    assert response.status_code == 302
    assert "400 svar" in visible_text(client.get(f"/staff/dialogues/{DEMO_SLUG}"))
    concerns = visible_text(client.get(f"/staff/dialogues/{DEMO_SLUG}/concerns/"))
    assert "mopeder" in concerns.lower() and "Kvinna" in concerns

    # The demo promise's focus areas are groups the analysis found, with its own figures.
    with app.app_context():
        promise = db.session.scalars(select(Promise).where(Promise.slug == CURRENT_SLUG)).one()
        linked = {c.focus_area_id: c for c in db.session.scalars(
            select(ConcernCluster).where(ConcernCluster.focus_area_id.is_not(None)))}
        for area in promise.focus_areas:
            cluster = linked[area.id]
            assert cluster.accepted and cluster.label == area.title["sv"]
            members = db.session.scalar(select(func.count()).where(
                ConcernMembership.cluster_id == cluster.id,
                ConcernMembership.excluded.is_(False)))
            # Published rounded to base 5 (see analysis.publishable).
            assert members >= 5 and area.size == analysis.publishable(
                members, {"woman": members}).size
            assert area.gender_breakdown and set(area.gender_breakdown) <= {
                "woman", "man", "other", "prefer_not", "unknown"}
    assert "Mörker och belysning vid stationen" in visible_text(
        client.get(f"/sv/promises/{CURRENT_SLUG}"))


def test_seed_demo_command_refuses_production(tmp_path: Path) -> None:
    from dialog.cli import upgrade_database

    url = f"sqlite:///{tmp_path / 'p.db'}"
    upgrade_database(url)
    app = create_app({"SETTINGS": Settings(env="production", secret_key="z" * 40,
                                           database_url=url)})
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code != 0
    assert "never created in production" in result.output
