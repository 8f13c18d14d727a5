"""A promise is published only when every signing organisation approved it as it reads now."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from dialog.accounts.models import OrganisationKind, Role, User
from dialog.accounts.services.users import get_or_create_organisation
from dialog.audit import AuditEvent
from dialog.authz import SYSTEM, NotAllowed
from dialog.db import db
from dialog.promises.models import PromiseApproval
from dialog.promises.services import promises as services
from dialog.promises.services.promises import PromiseError
from tests.conftest import PASSWORD, csrf_from
from tests.helpers import visible_text
from tests.promises.conftest import MUNICIPALITY, POLICE_AREA, promise_fields, submit

SLUG = "tryggare-torg"
NORRBY = "Norrby kommun"


@pytest.fixture
def sign_in(client: FlaskClient, make_user: Callable[..., str]) -> Callable[..., FlaskClient]:
    """Log in as a new staff member of `organisation` (any number per test)."""

    def sign(role: Role, organisation: str,
             kind: str = OrganisationKind.MUNICIPALITY.value) -> FlaskClient:
        email = make_user(email=f"{role.value}@{organisation.split()[-1].lower()}.example",
                          role=role, organisation=organisation, kind=kind)
        client.post("/staff/logout", data={
            "csrf_token": csrf_from(client.get("/staff/login").get_data(as_text=True))})
        token = csrf_from(client.get("/staff/login").get_data(as_text=True))
        response = client.post("/staff/login", data={
            "email": email, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 302
        return client

    return sign


def _post(client: FlaskClient, url: str, **data: str) -> int:
    token = csrf_from(client.get("/staff/").get_data(as_text=True))
    return client.post(url, data=data | {"csrf_token": token}).status_code


def _status(app: Flask) -> str:
    with app.app_context():
        promise = services.get_promise(db.session, SLUG)
        assert promise is not None
        return promise.status


def test_each_party_approves_before_publishing(
        app: Flask, sign_in: Callable[..., FlaskClient],
        make_promise: Callable[..., str]) -> None:
    make_promise(publish=False)
    town = sign_in(Role.EDITOR, MUNICIPALITY)
    page = visible_text(town.get(f"/staff/promises/{SLUG}"))
    assert "Godkänn för Norra kommun" in page  # the button names the user's organisation
    assert _post(town, f"/staff/promises/{SLUG}/approve") == 303
    assert _post(town, f"/staff/promises/{SLUG}/publish") == 422
    refused = town.post(f"/staff/promises/{SLUG}/publish", data={
        "csrf_token": csrf_from(town.get("/staff/").get_data(as_text=True))})
    assert "Lokalpolisområde Norra" in visible_text(refused).split("Godkännanden")[0]
    assert _status(app) == "draft"

    police = sign_in(Role.EDITOR, POLICE_AREA, OrganisationKind.POLICE_AREA.value)
    assert _post(police, f"/staff/promises/{SLUG}/approve") == 303
    assert _post(police, f"/staff/promises/{SLUG}/publish") == 303
    assert _status(app) == "published"
    with app.app_context():
        events = db.session.scalars(select(AuditEvent).where(
            AuditEvent.action == "promise.approve").order_by(AuditEvent.id)).all()
        assert [(e.actor_email, e.details["organisation"]) for e in events] == [
            ("editor@kommun.example", MUNICIPALITY), ("editor@norra.example", POLICE_AREA)]
        assert all(e.created_at is not None for e in events)
        approvals = db.session.scalars(select(PromiseApproval)).all()
        assert {a.organisation.name for a in approvals} == {MUNICIPALITY, POLICE_AREA}
        assert all(a.user is not None and a.approved_at for a in approvals)


def test_the_partner_trick_from_the_issue(app: Flask, sign_in: Callable[..., FlaskClient]
                                          ) -> None:
    """Norrby writes a promise for two other organisations and adds itself as a partner."""
    with app.app_context():
        police = get_or_create_organisation(db.session, POLICE_AREA,
                                            OrganisationKind.POLICE_AREA.value)
        town = get_or_create_organisation(db.session, MUNICIPALITY,
                                          OrganisationKind.MUNICIPALITY.value)
        norrby = get_or_create_organisation(db.session, NORRBY,
                                            OrganisationKind.MUNICIPALITY.value)
        area = services.create_focus_area(db.session, {"sv": "Mopeder"})
        ids = police.id, town.id, norrby.id, area.id
        db.session.commit()
    police_id, town_id, norrby_id, area_id = ids
    editor = sign_in(Role.EDITOR, NORRBY)
    with app.app_context():
        norrby_editor = db.session.scalar(select(User).where(User.organisation_id == norrby_id))
        assert norrby_editor is not None
        # Without Norrby as a party, Norrby cannot even save it.
        with pytest.raises(PromiseError, match="own_party"):
            services.create_promise(db.session, promise_fields(
                "i-andras-namn", police_id, town_id, [area_id]), actor=norrby_editor)
        db.session.rollback()
        promise = services.create_promise(db.session, promise_fields(
            "i-andras-namn", police_id, town_id, [area_id], partner_ids=[norrby_id]),
            actor=norrby_editor)
        services.add_activity(db.session, promise, services.ActivityFields(
            title={"sv": "Kontroller"}), actor=norrby_editor)
        db.session.commit()
    assert _post(editor, "/staff/promises/i-andras-namn/approve") == 303
    refused = editor.post("/staff/promises/i-andras-namn/publish", data={
        "csrf_token": csrf_from(editor.get("/staff/").get_data(as_text=True))})
    assert refused.status_code == 422
    missing = visible_text(refused).split("Godkännanden")[0]
    assert POLICE_AREA in missing and MUNICIPALITY in missing
    assert editor.get("/sv/promises/i-andras-namn").status_code == 404


def test_an_outsider_cannot_join_someone_elses_promise(
        app: Flask, sign_in: Callable[..., FlaskClient],
        make_promise: Callable[..., str]) -> None:
    make_promise(publish=False)
    outsider = sign_in(Role.EDITOR, NORRBY)
    assert outsider.get(f"/staff/promises/{SLUG}/edit").status_code == 404
    assert _post(outsider, f"/staff/promises/{SLUG}/approve") == 404
    with app.app_context():
        promise = services.get_promise(db.session, SLUG)
        assert promise is not None
        assert NORRBY not in [o.name for o in promise.parties()]
        assert promise.approvals == []


def test_a_change_after_approval_withdraws_every_approval(
        app: Flask, sign_in: Callable[..., FlaskClient],
        make_promise: Callable[..., str]) -> None:
    make_promise(publish=False)
    with app.app_context():
        promise = services.get_promise(db.session, SLUG)
        assert promise is not None
        for party in promise.parties():
            services.approve_promise(db.session, promise, actor=SYSTEM, organisation=party)
        assert services.missing_approvals(promise) == []
        db.session.commit()
    town = sign_in(Role.EDITOR, MUNICIPALITY)
    response = submit(town, f"/staff/promises/{SLUG}/edit", {"title": "Ett annat löfte"})
    assert response.status_code == 303, visible_text(response)
    page = visible_text(town.get(f"/staff/promises/{SLUG}"))
    assert page.count("godkännandet återkallat") == 2
    assert _post(town, f"/staff/promises/{SLUG}/publish") == 422
    assert _status(app) == "draft"


def test_a_new_partner_must_approve_too(app: Flask, sign_in: Callable[..., FlaskClient],
                                        make_promise: Callable[..., str]) -> None:
    make_promise(publish=False)
    with app.app_context():
        housing = get_or_create_organisation(db.session, "Norrahem AB")
        promise = services.get_promise(db.session, SLUG)
        assert promise is not None
        for party in promise.parties():
            services.approve_promise(db.session, promise, actor=SYSTEM, organisation=party)
        db.session.commit()
        housing_id = housing.id
    town = sign_in(Role.EDITOR, MUNICIPALITY)
    response = submit(town, f"/staff/promises/{SLUG}/edit", {"partners": [str(housing_id)]})
    assert response.status_code == 303, visible_text(response)
    with app.app_context():
        promise = services.get_promise(db.session, SLUG)
        assert promise is not None
        assert {o.name for o in services.missing_approvals(promise)} == {
            "Norrahem AB", MUNICIPALITY, POLICE_AREA}
        with pytest.raises(PromiseError, match="not_a_party"):
            services.approve_promise(db.session, promise, actor=SYSTEM,
                                     organisation=get_or_create_organisation(db.session,
                                                                             NORRBY))


def test_only_editors_and_admins_of_a_party_approve(
        app: Flask, sign_in: Callable[..., FlaskClient],
        make_promise: Callable[..., str]) -> None:
    make_promise(publish=False)
    viewer = sign_in(Role.VIEWER, MUNICIPALITY)
    assert "Godkänn för" not in visible_text(viewer.get(f"/staff/promises/{SLUG}"))
    assert _post(viewer, f"/staff/promises/{SLUG}/approve") == 403
    analyst = sign_in(Role.ANALYST, MUNICIPALITY)
    assert _post(analyst, f"/staff/promises/{SLUG}/approve") == 403
    with app.app_context():
        promise = services.get_promise(db.session, SLUG)
        assert promise is not None and promise.approvals == []
        viewer_user = db.session.scalar(select(User).where(User.role == "viewer"))
        assert viewer_user is not None
        with pytest.raises(NotAllowed):
            services.approve_promise(db.session, promise, actor=viewer_user)


def test_a_party_keeps_what_another_party_referred_to(
        app: Flask, sign_in: Callable[..., FlaskClient], make_dialogue: Callable[..., str],
        make_promise: Callable[..., str]) -> None:
    """The municipality's own dialogue stays on the promise when the police edit it."""
    from dialog.dialogues.services.queries import get_dialogue

    make_promise(publish=False)
    make_dialogue("kommunens-dialog")
    with app.app_context():
        dialogue = get_dialogue(db.session, "kommunens-dialog")
        promise = services.get_promise(db.session, SLUG)
        assert dialogue is not None and promise is not None
        dialogue.organisers = [o for o in dialogue.organisers if o.name == MUNICIPALITY]
        promise.dialogues = [dialogue]
        db.session.commit()
    police = sign_in(Role.EDITOR, POLICE_AREA, OrganisationKind.POLICE_AREA.value)
    assert police.get("/staff/dialogues/kommunens-dialog").status_code == 404
    response = submit(police, f"/staff/promises/{SLUG}/edit", {"title": "Nytt namn"})
    assert response.status_code == 303, visible_text(response)
    with app.app_context():
        promise = services.get_promise(db.session, SLUG)
        assert promise is not None
        assert [d.slug for d in promise.dialogues] == ["kommunens-dialog"]
