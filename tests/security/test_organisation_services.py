"""The services themselves refuse staff of other organisations, whoever calls them (a view,
the command line, a job or a test), and refuse roles that may not take the action."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from dialog.accounts.models import OrganisationKind, Role, User
from dialog.accounts.services.users import (
    change_role,
    create_user,
    get_or_create_organisation,
    list_users,
    set_active,
)
from dialog.authz import SYSTEM, Action, NotAllowed, can
from dialog.db import db
from dialog.dialogues.models import DialogueKind
from tests.conftest import PASSWORD
from tests.promises.conftest import make_promise  # noqa: F401 (a fixture used here too)

OWN = "Lokalpolisområde Norra"
OTHER = "Södra kommun"


@pytest.fixture
def ctx(app: Flask) -> Iterator[None]:
    with app.app_context():
        yield
        db.session.rollback()


def user(role: Role, organisation: str = OTHER) -> User:
    org = get_or_create_organisation(db.session, organisation,
                                     OrganisationKind.MUNICIPALITY.value)
    return create_user(db.session, f"{role.value}.{org.id}@example.org", PASSWORD, role, org)


@pytest.fixture
def objects(app: Flask, make_dialogue: Callable[..., str],
            make_promise: Callable[..., str]) -> None:  # noqa: F811
    from surveys.questions import AnswerValue
    from surveys.responses import record_response

    make_dialogue("trygghet-norra")
    make_dialogue("riktad", kind=DialogueKind.TARGETED)
    make_promise(publish=False)
    texts = ("Mopeder på gångvägen", "Mörkt i tunneln", "Langning vid stationen")
    with app.app_context():
        questionnaire = _dialogue().questionnaire
        concern = questionnaire.questions[1]
        for i in range(30):
            record_response(db.session, questionnaire,
                            {concern.field_name: AnswerValue(text=f"{texts[i % 3]} {i}")},
                            language="sv")
        db.session.commit()


def _dialogue(slug: str = "trygghet-norra") -> Any:
    from dialog.dialogues.services.queries import get_dialogue

    found = get_dialogue(db.session, slug)
    assert found is not None
    return found


def _promise() -> Any:
    from dialog.promises.services.promises import get_promise

    found = get_promise(db.session, "tryggare-torg")
    assert found is not None
    return found


def dialogue_calls() -> list[tuple[str, Callable[[User], Any]]]:
    from dialog.dialogues.services import editing, invitations, privacy

    def fields() -> editing.DialogueFields:
        d = _dialogue()
        return editing.DialogueFields(
            slug=d.slug, kind=d.kind, source_language="sv", title={"sv": "Omdöpt"},
            purpose={}, target_group={}, influence=d.influence, form=d.form, place={},
            next_steps={}, areas=[], opens_on=None, closes_on=None,
            organiser_ids=[o.id for o in d.organisers])

    return [
        ("update_dialogue", lambda u: editing.update_dialogue(
            db.session, _dialogue(), fields(), actor=u)),
        ("change_status", lambda u: editing.change_status(_dialogue(), "closed", actor=u)),
        ("add_question", lambda u: editing.add_question(
            db.session, _dialogue(), "short_text", {"sv": "Fråga?"}, actor=u)),
        ("add_templates", lambda u: editing.add_templates(
            db.session, _dialogue(), [], actor=u)),
        ("move_question", lambda u: editing.move_question(
            db.session, _dialogue(), _dialogue().questionnaire.questions[0].id, 1, actor=u)),
        ("remove_question", lambda u: editing.remove_question(
            db.session, _dialogue(), _dialogue().questionnaire.questions[0].id, actor=u)),
        ("record_offline_answer", lambda u: editing.record_offline_answer(
            db.session, _dialogue(), {}, channel="paper", answered_on=date.today(), actor=u)),
        ("edit_question", lambda u: editing.edit_question(
            db.session, _dialogue(), _dialogue().questionnaire.questions[0].id,
            editing.QuestionEdit(text={"sv": "Ny text"}, help={}, options=[], required=False),
            actor=u)),
        ("issue_codes", lambda u: invitations.issue_codes(
            db.session, _dialogue("riktad"), 10, "x", actor=u)),
        ("save_privacy", lambda u: privacy.save_privacy(
            db.session, _dialogue(), months=3, scope="all", texts={}, actor=u)),
        ("delete_answers", lambda u: privacy.delete_answers(
            db.session, _dialogue(), "all", reason="test", actor=u)),
    ]


def promise_calls() -> list[tuple[str, Callable[[User], Any]]]:
    from dialog.promises.services import promises as services
    from dialog.promises.services.promises import ActivityFields, PromiseFields

    def fields() -> PromiseFields:
        p = _promise()
        return PromiseFields(slug=p.slug, title={"sv": "Omdöpt"},
                             police_area_id=p.police_area_id,
                             municipality_id=p.municipality_id,
                             partner_ids=[o.id for o in p.partners])

    return [
        ("update_promise", lambda u: services.update_promise(
            db.session, _promise(), fields(), actor=u)),
        ("save_plans", lambda u: services.save_plans(
            db.session, _promise(), {"resource_plan": "x"}, actor=u)),
        ("publish_promise", lambda u: services.publish_promise(db.session, _promise(), actor=u)),
        ("approve_promise", lambda u: services.approve_promise(db.session, _promise(), actor=u)),
        ("complete_promise", lambda u: services.complete_promise(
            db.session, _promise(), actor=u)),
        ("add_activity", lambda u: services.add_activity(
            db.session, _promise(), ActivityFields(title={"sv": "Ny"}), actor=u)),
        ("change_activity_status", lambda u: services.change_activity_status(
            db.session, _promise().activities[0], "ongoing", actor=u)),
        ("add_feedback_update", lambda u: services.add_feedback_update(
            db.session, _promise(), {"sv": "Nytt"}, None, actor=u)),
    ]


def concern_calls() -> list[tuple[str, Callable[[User], Any]]]:
    from dialog.concerns.services import runs as services
    from dialog.promises.services.promises import set_focus_area_texts

    def run() -> Any:
        d = _dialogue()
        created = services.start_run(db.session, d, services.text_questions(d)[0], SYSTEM)
        services.execute_run(db.session, created.id)
        return created

    def area() -> Any:
        created = run()
        cluster = next(c for c in created.clusters if c.number >= 0)
        return services.promote(db.session, created, cluster.id, SYSTEM, "Fokus")

    return [
        ("start_run", lambda u: services.start_run(
            db.session, _dialogue(), services.text_questions(_dialogue())[0], u)),
        ("rename_cluster", lambda u: services.rename_cluster(db.session, run(), 1, "x", u)),
        ("set_excluded", lambda u: services.set_excluded(db.session, run(), 1, True, u)),
        ("exclude_answers", lambda u: services.exclude_answers(db.session, run(), [1], u)),
        ("split_off", lambda u: services.split_off(db.session, run(), [1], "x", u)),
        ("merge_clusters", lambda u: services.merge_clusters(db.session, run(), 1, 2, u)),
        ("promote", lambda u: services.promote(db.session, run(), 1, u, "Fokus")),
        ("assign_new_answers", lambda u: services.assign_new_answers(db.session, run(), u)),
        ("publish_figures", lambda u: services.publish_figures(db.session, run(), 1, u)),
        ("set_focus_area_texts", lambda u: set_focus_area_texts(
            area(), "sv", "Omdöpt av Norrby", None, actor=u)),
    ]


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
@pytest.mark.parametrize("calls", [dialogue_calls, promise_calls, concern_calls],
                         ids=["dialogues", "promises", "concerns"])
def test_services_refuse_every_role_of_another_organisation(
        objects: None, ctx: None, role: Role,
        calls: Callable[[], list[tuple[str, Callable[[User], Any]]]]) -> None:
    stranger = user(role, OTHER)
    for name, call in calls():
        with pytest.raises(NotAllowed) as refused:
            call(stranger)
        assert refused.value.hide, name  # answered as if it did not exist
        db.session.rollback()
        stranger = db.session.merge(stranger)


@pytest.mark.parametrize("calls", [dialogue_calls, promise_calls],
                         ids=["dialogues", "promises"])
def test_services_refuse_readers_of_the_own_organisation(
        objects: None, ctx: None,
        calls: Callable[[], list[tuple[str, Callable[[User], Any]]]]) -> None:
    for role in (Role.VIEWER, Role.ANALYST):
        reader = db.session.merge(user(role, OWN))
        for name, call in calls():
            with pytest.raises(NotAllowed) as refused:
                call(reader)
            assert not refused.value.hide and refused.value.code == 403, name
            db.session.rollback()
            reader = db.session.merge(reader)


def test_viewers_may_not_analyse_their_own_dialogues(objects: None, ctx: None) -> None:
    viewer = user(Role.VIEWER, OWN)
    for name, call in concern_calls():
        with pytest.raises(NotAllowed) as refused:
            call(viewer)
        assert refused.value.code == 403, name
        db.session.rollback()
        viewer = db.session.merge(viewer)


def test_the_issue_example_an_editor_of_another_organisation_cannot_make_codes(
        objects: None, ctx: None) -> None:
    """Norrby's editor could open Ekeby's invitation sheets and add batches (issue 10)."""
    from dialog.dialogues.models import InviteBatch
    from dialog.dialogues.services.invitations import issue_codes

    before = len(db.session.scalars(select(InviteBatch)).all())
    with pytest.raises(NotAllowed):
        issue_codes(db.session, _dialogue("riktad"), 10, "Norrby", actor=user(Role.EDITOR))
    assert len(db.session.scalars(select(InviteBatch)).all()) == before
    editor = user(Role.EDITOR, OWN)
    assert len(issue_codes(db.session, _dialogue("riktad"), 10, "", actor=editor)) == 10


def test_an_editor_keeps_their_organisation_among_the_organisers(objects: None,
                                                                  ctx: None) -> None:
    from dialog.dialogues.services.editing import DialogueFields, EditError, create_dialogue

    editor = user(Role.EDITOR, OWN)
    other = get_or_create_organisation(db.session, OTHER)
    fields = DialogueFields(
        slug="bara-andra", kind="open", source_language="sv", title={"sv": "Andras"},
        purpose={}, target_group={}, influence="consult", form="digital_survey", place={},
        next_steps={}, areas=[], opens_on=None, closes_on=None, organiser_ids=[other.id])
    with pytest.raises(EditError, match="own_organisation"):
        create_dialogue(db.session, fields, actor=editor)
    fields.organiser_ids = [other.id, editor.organisation_id]
    assert create_dialogue(db.session, fields, actor=editor).slug == "bara-andra"


def test_a_follow_up_cannot_copy_another_organisations_baseline(objects: None,
                                                                ctx: None) -> None:
    from dialog.dialogues.services.editing import DialogueFields, EditError, create_dialogue

    stranger = user(Role.EDITOR, OTHER)
    fields = DialogueFields(
        slug="kopia", kind="follow_up", source_language="sv", title={"sv": "Kopia"},
        purpose={}, target_group={}, influence="consult", form="digital_survey", place={},
        next_steps={}, areas=[], opens_on=None, closes_on=None,
        organiser_ids=[stranger.organisation_id], baseline_id=_dialogue().id)
    with pytest.raises(EditError, match="baseline_missing"):
        create_dialogue(db.session, fields, actor=stranger)


def test_lists_hold_only_the_own_organisation(objects: None, ctx: None) -> None:
    from dialog.dialogues.services.queries import staff_dialogue_page, staff_dialogues
    from dialog.promises.services.promises import staff_promises

    own, stranger = user(Role.VIEWER, OWN), user(Role.ADMIN, OTHER)
    assert {d.slug for d in staff_dialogues(db.session, own)} == {"trygghet-norra", "riktad"}
    assert [p.slug for p in staff_promises(db.session, own).items] == ["tryggare-torg"]
    assert staff_dialogues(db.session, stranger) == []
    assert staff_promises(db.session, stranger).items == []
    assert len(staff_dialogues(db.session, SYSTEM)) == 2
    # The paged lists are built once and bound to each reader's organisation when they run:
    # one reader's organisation never stays in them for the next.
    for _round in range(2):
        page = staff_dialogue_page(db.session, own, 1)
        assert {d.slug for d in page.items} == {"trygghet-norra", "riktad"}
        assert page.total == 2
        assert staff_dialogue_page(db.session, stranger, 1).items == []
        assert staff_dialogue_page(db.session, stranger, 1).total == 0
        assert staff_dialogue_page(db.session, SYSTEM, 1).total == 2
        assert [p.slug for p in staff_promises(db.session, own).items] == ["tryggare-torg"]
        assert staff_promises(db.session, stranger).total == 0


def test_admins_manage_accounts_of_their_own_organisation_only(ctx: None) -> None:
    admin, colleague = user(Role.ADMIN, OWN), user(Role.VIEWER, OWN)
    stranger = user(Role.VIEWER, OTHER)
    assert {u.email for u in list_users(db.session, admin)} == {admin.email, colleague.email}
    change_role(db.session, colleague, Role.EDITOR, actor=admin)
    for call in (lambda: change_role(db.session, stranger, Role.ADMIN, actor=admin),
                 lambda: set_active(db.session, stranger, False, actor=admin)):
        with pytest.raises(NotAllowed) as refused:
            call()
        assert refused.value.hide
    assert stranger.role == Role.VIEWER and stranger.is_active
    with pytest.raises(NotAllowed):
        change_role(db.session, admin, Role.VIEWER, actor=colleague)


def test_the_rules_are_one_table(ctx: None) -> None:
    """Each action has exactly one rule; the system may do everything."""
    from dialog.authz import ROLES

    assert set(ROLES) == set(Action)
    assert all(can(SYSTEM, action) for action in Action)
    inactive = user(Role.ADMIN, OWN)
    inactive.is_active = False
    assert not any(can(inactive, action) for action in Action)
    assert not can(None, Action.VIEW_DIALOGUE)
