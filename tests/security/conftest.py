"""A small world for security tests: an admin, open and targeted dialogues, a code batch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from dialog.authz import SYSTEM
from dialog.db import db
from dialog.dialogues.models import DialogueKind
from tests.promises.conftest import make_promise  # noqa: F401  (a fixture for the audit tests)


@pytest.fixture
def world(app: Flask, make_dialogue: Callable[..., str]) -> dict[str, Any]:
    """URL argument values that point at real objects."""
    from dialog.dialogues.services.invitations import issue_codes, reach
    from dialog.dialogues.services.queries import get_dialogue

    slug = make_dialogue("trygghet-norra")
    make_dialogue("riktad", kind=DialogueKind.TARGETED)
    with app.app_context():
        dialogue = get_dialogue(db.session, slug)
        targeted = get_dialogue(db.session, "riktad")
        assert dialogue is not None and targeted is not None
        issue_codes(db.session, targeted, 10, "shop owners", actor=SYSTEM)
        batch_id = reach(db.session, targeted.id)[0].batch_id
        question_id = dialogue.questionnaire.questions[0].id
        db.session.commit()
    return {"lang": "sv", "slug": slug, "batch_id": batch_id, "question_id": question_id,
            "kind": "svg", "filename": "site.css"}
