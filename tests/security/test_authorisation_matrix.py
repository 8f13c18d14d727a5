"""Every staff route x every role x own or other organisation: the status, and for a refused
POST, that nothing in the database changed.

The table below must name every rule under /staff/ (collected from the app's URL map), so a
new route without an entry fails here until someone decides who may use it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import inspect, select

from dialog.accounts.models import OrganisationKind, Role
from dialog.accounts.services.users import create_user, get_or_create_organisation
from dialog.audit import audit
from dialog.auth import PUBLIC_STAFF_ENDPOINTS
from dialog.authz import SYSTEM
from dialog.db import Base, db
from dialog.dialogues.models import DialogueKind
from tests.conftest import PASSWORD, csrf_from
from tests.helpers import visible_text
from tests.promises.conftest import make_promise  # noqa: F401 (a fixture used here too)
from tests.security.routes import concrete_url

OWN = "Lokalpolisområde Norra"  # organises make_dialogue's dialogues, party to make_promise's
OTHER = "Södra kommun"
READERS = frozenset(Role)
ANALYSTS = frozenset({Role.ADMIN, Role.EDITOR, Role.ANALYST})
EDITORS = frozenset({Role.ADMIN, Role.EDITOR})
ADMINS = frozenset({Role.ADMIN})


@dataclass(frozen=True)
class Rule:
    """Who may use a route in their own organisation, and the status they then get."""

    roles: frozenset[Role]
    ok: int
    scoped: bool = True  # the URL names an object; other organisations get 404
    values: dict[str, Any] = field(default_factory=dict)  # URL arguments for this route
    data: dict[str, str] = field(default_factory=dict)  # POST fields besides the CSRF token


TABLE: dict[tuple[str, str], Rule] = {
    # dialogues: reading
    ("staff_dialogues.index", "GET"): Rule(READERS, 200, scoped=False),
    ("staff_dialogues.responses", "GET"): Rule(READERS, 200),
    ("staff_dialogues.qr", "GET"): Rule(READERS, 200),
    ("staff_dialogues.poster", "GET"): Rule(READERS, 200),
    ("staff_dialogues.export_csv", "GET"): Rule(READERS, 200),
    ("staff_dialogues.export_csv_semicolon", "GET"): Rule(READERS, 200),
    ("staff_dialogues.export_json", "GET"): Rule(READERS, 200),
    ("comparison.report", "GET"): Rule(READERS, 200, values={"slug": "uppfoljning"}),
    # dialogues: invitation codes of a targeted dialogue
    ("staff_dialogues.create_invitations", "POST"): Rule(
        EDITORS, 303, values={"slug": "riktad"}, data={"count": "10", "label": "matrix"}),
    ("staff_dialogues.invitation_sheet", "GET"): Rule(EDITORS, 200, values={"slug": "riktad"}),
    # dialogues: editing
    ("dialogue_editor.new", "GET"): Rule(EDITORS, 200, scoped=False),
    ("dialogue_editor.new", "POST"): Rule(EDITORS, 422, scoped=False),
    ("dialogue_editor.edit", "GET"): Rule(EDITORS, 200),
    ("dialogue_editor.edit", "POST"): Rule(EDITORS, 422),
    ("dialogue_editor.status", "POST"): Rule(EDITORS, 303, data={"status": "closed"}),
    ("dialogue_editor.questions", "GET"): Rule(EDITORS, 200),
    ("dialogue_editor.add_from_templates", "POST"): Rule(EDITORS, 303),
    ("dialogue_editor.add_custom", "POST"): Rule(EDITORS, 422),
    ("dialogue_editor.question_action", "POST"): Rule(EDITORS, 303, values={"action": "up"}),
    ("dialogue_editor.edit_question_page", "GET"): Rule(EDITORS, 200),
    ("dialogue_editor.edit_question_page", "POST"): Rule(EDITORS, 422),
    ("dialogue_editor.paper", "GET"): Rule(EDITORS, 200),
    ("dialogue_editor.paper", "POST"): Rule(EDITORS, 422),
    ("dialogue_privacy.edit", "GET"): Rule(EDITORS, 200),
    ("dialogue_privacy.edit", "POST"): Rule(EDITORS, 303, data={"retention_months": "6"}),
    ("dialogue_privacy.delete", "POST"): Rule(EDITORS, 303,
                                              data={"scope": "free_text", "confirm": "yes"}),
    # concerns
    ("concerns.index", "GET"): Rule(READERS, 200),
    ("concerns.start", "POST"): Rule(ANALYSTS, 303),
    ("concerns.decide", "POST"): Rule(ANALYSTS, 303,
                                      data={"action": "rename", "label": "Nytt namn"}),
    ("concerns.merge", "POST"): Rule(ANALYSTS, 303, data={"source": "", "target": ""}),
    ("concerns.place", "POST"): Rule(ANALYSTS, 303),
    ("concerns.undo", "POST"): Rule(ANALYSTS, 303),
    ("concerns.answers", "GET"): Rule(READERS, 200),
    ("concerns.answers", "POST"): Rule(ANALYSTS, 303, data={"action": "exclude"}),
    ("concerns.focus_area", "GET"): Rule(ANALYSTS, 200),
    ("concerns.focus_area", "POST"): Rule(ANALYSTS, 303, data={"title": "Mopeder"}),
    # promises
    ("staff_promises.index", "GET"): Rule(READERS, 200, scoped=False),
    ("staff_promises.new", "GET"): Rule(EDITORS, 200, scoped=False),
    ("staff_promises.new", "POST"): Rule(EDITORS, 422, scoped=False),
    ("staff_promises.show", "GET"): Rule(READERS, 200),
    ("staff_promises.edit", "GET"): Rule(EDITORS, 200),
    ("staff_promises.edit", "POST"): Rule(EDITORS, 422),
    ("staff_promises.approve", "POST"): Rule(EDITORS, 303),
    ("staff_promises.publish", "POST"): Rule(EDITORS, 422),  # the municipality has not approved
    ("staff_promises.complete", "POST"): Rule(EDITORS, 303, data={"successor": "0"}),
    ("staff_promises.new_activity", "GET"): Rule(EDITORS, 200),
    ("staff_promises.new_activity", "POST"): Rule(EDITORS, 422),
    ("staff_promises.edit_activity", "GET"): Rule(EDITORS, 200),
    ("staff_promises.edit_activity", "POST"): Rule(EDITORS, 422),
    ("staff_promises.new_update", "GET"): Rule(EDITORS, 200),
    ("staff_promises.new_update", "POST"): Rule(EDITORS, 422),
    # administration
    ("admin.users", "GET"): Rule(ADMINS, 200, scoped=False),
    ("admin.create", "POST"): Rule(ADMINS, 303, scoped=False, data={
        "email": "ny@polisen.example", "password": "a long password", "role": "viewer"}),
    ("admin.update", "POST"): Rule(ADMINS, 303, data={"action": "deactivate"}),
    ("admin.audit_log", "GET"): Rule(ADMINS, 200, scoped=False),
    # one's own account (nothing of an organisation in the address)
    ("accounts.password", "GET"): Rule(READERS, 200, scoped=False),
    ("accounts.password", "POST"): Rule(READERS, 422, scoped=False),
    # last, because it ends the session
    ("accounts.logout", "POST"): Rule(READERS, 302, scoped=False),
}


def staff_routes(app: Flask) -> list[tuple[str, str]]:
    found = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/staff/") or rule.endpoint in PUBLIC_STAFF_ENDPOINTS:
            continue
        for method in (rule.methods or set()) - {"HEAD", "OPTIONS"}:
            found.add((rule.endpoint, method))
    return sorted(found, key=lambda key: (key[0] == "accounts.logout", key[1] == "POST", key))


def test_every_staff_route_has_a_rule(app: Flask) -> None:
    routes = set(staff_routes(app))
    assert routes - set(TABLE) == set(), "staff routes without an entry in TABLE"
    assert set(TABLE) - routes == set(), "entries in TABLE for routes that no longer exist"


def snapshot(app: Flask) -> dict[str, list[str]]:
    """Every row of every table, to prove that a refused request changed nothing."""
    with app.app_context():
        existing = set(inspect(db.session.connection()).get_table_names())
        rows = {t.name: sorted(repr(tuple(r)) for r in db.session.execute(select(t)))
                for t in Base.metadata.sorted_tables if t.name in existing}
        db.session.rollback()
    return rows


@pytest.fixture
def matrix_world(app: Flask, make_dialogue: Callable[..., str],
                 make_promise: Callable[..., str]) -> dict[str, Any]:  # noqa: F811
    """Objects of the own organisation that every route can point at, and one of another."""
    from dialog.concerns.services.runs import execute_run, promote, start_run, text_questions
    from dialog.dialogues.services.invitations import issue_codes, reach
    from dialog.dialogues.services.queries import get_dialogue
    from dialog.promises.services import promises
    from surveys.questions import AnswerValue
    from surveys.responses import record_response

    make_dialogue("trygghet-norra")
    make_dialogue("riktad", kind=DialogueKind.TARGETED)
    make_dialogue("uppfoljning", kind=DialogueKind.FOLLOW_UP)
    make_dialogue("sodra", title={"sv": "Trygghet i Södra", "en": "Safety in Södra"})
    make_promise(publish=False)
    texts = ("Mopeder på gångvägen vid skolan", "Mörkt i tunneln under järnvägen",
             "Langning bakom stationen varje helg")
    with app.app_context():
        session = db.session
        dialogue = get_dialogue(session, "trygghet-norra")
        follow_up = get_dialogue(session, "uppfoljning")
        targeted = get_dialogue(session, "riktad")
        other_dialogue = get_dialogue(session, "sodra")
        assert dialogue and follow_up and targeted and other_dialogue
        follow_up.baseline = dialogue
        other_org = get_or_create_organisation(session, OTHER,
                                               OrganisationKind.MUNICIPALITY.value)
        other_dialogue.organisers = [other_org]
        scale, concern, *_rest = dialogue.questionnaire.questions
        for i in range(30):
            record_response(session, dialogue.questionnaire, {
                scale.field_name: AnswerValue(choices=("safe",)),
                concern.field_name: AnswerValue(text=f"{texts[i % 3]} {i}")}, language="sv")
        issue_codes(session, targeted, 10, "shop owners", actor=SYSTEM)
        run = start_run(session, dialogue, text_questions(dialogue)[0], SYSTEM, k=3)
        execute_run(session, run.id)
        cluster = next(c for c in run.clusters if c.number >= 0)
        area = promote(session, run, cluster.id, SYSTEM, "Fokus")
        from dialog.concerns.services.runs import last_undoable, rename_cluster

        rename_cluster(session, run, cluster.id, "Ett namn", SYSTEM)
        decision = last_undoable(session, run)
        assert decision is not None
        promise = promises.get_promise(session, "tryggare-torg")
        assert promise is not None
        police = get_or_create_organisation(session, OWN)
        promises.approve_promise(session, promise, actor=SYSTEM, organisation=police)
        colleague = create_user(session, "kollega@polisen.example", PASSWORD, Role.VIEWER,
                                police)
        audit("test.event", ("thing", 1, "kollegans-händelse"), actor=colleague)
        session.commit()
        values = {
            "slug": "trygghet-norra", "kind": "svg", "action": "up",
            "batch_id": reach(session, targeted.id)[0].batch_id,
            "question_id": dialogue.questionnaire.questions[0].id,
            "run_id": run.id, "cluster_id": cluster.id, "area_id": area.id,
            "decision_id": decision.id,
            "user_id": colleague.id, "activity_id": promise.activities[0].id,
        }
    return values


def _url(app: Flask, endpoint: str, method: str, values: dict[str, Any]) -> str:
    rule = next(r for r in app.url_map.iter_rules(endpoint) if method in (r.methods or ()))
    wanted = dict(values) | TABLE[(endpoint, method)].values
    if endpoint.startswith("staff_promises."):
        wanted["slug"] = "tryggare-torg"
    url = concrete_url(rule, wanted)
    if endpoint == "concerns.answers":
        url += f"?cluster={values['cluster_id']}"
    return url


def expected(rule: Rule, role: Role, organisation: str) -> int:
    if rule.scoped and organisation != OWN:
        return 404  # not even whether it exists is given away
    return rule.ok if role in rule.roles else 403


@pytest.mark.parametrize("organisation", [OWN, OTHER], ids=["own", "other"])
@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_status_of_every_staff_route(app: Flask, login_as: Callable[..., FlaskClient],
                                     matrix_world: dict[str, Any], role: Role,
                                     organisation: str) -> None:
    kind = (OrganisationKind.POLICE_AREA if organisation == OWN
            else OrganisationKind.MUNICIPALITY).value
    client = login_as(role, organisation=organisation, kind=kind)
    token = csrf_from(client.get("/staff/").get_data(as_text=True))
    wrong = []
    for endpoint, method in staff_routes(app):
        rule = TABLE[(endpoint, method)]
        url = _url(app, endpoint, method, matrix_world)
        want = expected(rule, role, organisation)
        if method == "GET":
            got = client.get(url).status_code
        else:
            before = snapshot(app) if want >= 400 else None
            got = client.post(url, data=rule.data | {"csrf_token": token}).status_code
            if before is not None:
                assert snapshot(app) == before, f"refused POST {url} changed the database"
        if got != want:
            wrong.append(f"{method} {url}: {got}, expected {want}")
    assert wrong == []


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_lists_show_only_the_own_organisation(app: Flask, login_as: Callable[..., FlaskClient],
                                              matrix_world: dict[str, Any],
                                              role: Role) -> None:
    client = login_as(role, organisation=OTHER, kind=OrganisationKind.MUNICIPALITY.value)
    dialogues = visible_text(client.get("/staff/"))
    assert "Trygghet i Södra" in dialogues
    assert "Trygghet i Norra" not in dialogues
    assert "Tryggare torg i Norra" not in visible_text(client.get("/staff/promises/"))
    if role == Role.ADMIN:
        users = visible_text(client.get("/staff/users"))
        assert "admin@polisen.example" in users
        assert "kollega@polisen.example" not in users
        entries = visible_text(client.get("/staff/audit"))
        assert "login.success" in entries  # the admin's own login
        assert "kollegans-händelse" not in entries
