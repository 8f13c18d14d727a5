"""Fixtures: an app on a fresh database (SQLite, and PostgreSQL when a URL is given), and
factories that build what a test needs the way a user would have it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, inspect, text

import analysis.embed
from dialog import create_app
from dialog.accounts.models import OrganisationKind, Role
from dialog.accounts.services.users import create_user, get_or_create_organisation
from dialog.cli import upgrade_database
from dialog.config import Settings
from dialog.db import EXTENSION, Base, db, today
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus
from surveys.models import Question, Questionnaire, QuestionOption
from tests.external import in_ci, missing

PG_URL = os.environ.get("DIALOG_TEST_DATABASE_URL", "")
PASSWORD = "correct horse battery"


# Sentence vectors of texts already embedded in this test process. The suite seeds the same
# demo and writes the same answers many times; embedding each text once keeps it fast. The
# analysis tests (tests/analysis/) always use the real engine.
_EMBEDDED: dict[str, np.ndarray] = {}


@pytest.fixture(autouse=True)
def _embed_each_text_once(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "analysis" in request.node.path.parts:
        return
    real = analysis.embed.embed_texts

    def embed_texts(texts: Sequence[str], threads: int | None = None) -> tuple[np.ndarray, str]:
        keys = [t if isinstance(t, str) else "" for t in texts]
        missing = [t for t in dict.fromkeys(keys) if t not in _EMBEDDED]
        if missing:
            vectors, _model = real(missing, threads=threads)
            _EMBEDDED.update(zip(missing, vectors, strict=True))
        rows = [_EMBEDDED[t] for t in keys]
        out = np.vstack(rows) if rows else np.zeros((0, analysis.embed.DIMENSIONS), np.float32)
        return out.astype(np.float32), analysis.embed.model_id()

    monkeypatch.setattr(analysis.embed, "embed_texts", embed_texts)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres_only` run on PostgreSQL alone: their SQLite variant is left out
    (deselected, not skipped: nothing is missing)."""
    dropped = [item for item in items if item.get_closest_marker("postgres_only")
               and getattr(item, "callspec", None) is not None
               and item.callspec.params.get("database_url") == "sqlite"]  # type: ignore[attr-defined]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


def _backends() -> list[Any]:
    backends: list[Any] = ["sqlite"]
    if PG_URL:
        backends.append(pytest.param("postgresql", marks=pytest.mark.postgres))
    elif in_ci():
        backends.append(
            pytest.param(
                "postgresql",
                marks=pytest.mark.postgres,
                id="postgresql-missing-url",
            )
        )
    return backends


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(scope="session", params=_backends())
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated, empty database for the whole session."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    else:
        if not PG_URL:
            pytest.fail("CI must set DIALOG_TEST_DATABASE_URL so the suite runs on PostgreSQL")
        url = PG_URL
        try:
            _reset_postgres(url)
        except Exception as exc:
            missing(f"PostgreSQL at {url} is not reachable: {exc}")  # fails in CI
    upgrade_database(url)
    return url


def _empty_tables(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            existing = set(inspect(conn).get_table_names())
            for table in reversed(Base.metadata.sorted_tables):
                if table.name in existing:
                    conn.execute(table.delete())
    finally:
        engine.dispose()


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    settings = Settings(env="testing", database_url=database_url, secret_key="test-secret")
    application = create_app({"SETTINGS": settings})
    yield application
    application.extensions[EXTENSION].dispose()
    _empty_tables(database_url)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def make_user(app: Flask) -> Callable[..., str]:
    def make(
        email: str = "analyst@polisen.example",
        role: Role = Role.ANALYST,
        # The organiser of `make_dialogue`'s dialogues and a party to `make_promise`'s promise.
        organisation: str = "Lokalpolisområde Norra",
        kind: str = OrganisationKind.POLICE_AREA.value,
    ) -> str:
        with app.app_context():
            org = get_or_create_organisation(db.session, organisation, kind)
            create_user(db.session, email, PASSWORD, role, org)
            db.session.commit()
        return email

    return make


@pytest.fixture
def login_as(client: FlaskClient, make_user: Callable[..., str]) -> Callable[..., FlaskClient]:
    def login(role: Role = Role.ANALYST, **kwargs: Any) -> FlaskClient:
        email = make_user(email=f"{role.value}@polisen.example", role=role, **kwargs)
        with client.session_transaction() as sess:
            sess.clear()
        page = client.get("/staff/login")
        token = csrf_from(page.get_data(as_text=True))
        response = client.post(
            "/staff/login", data={"email": email, "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return login


def csrf_from(html: str, name: str = "csrf_token") -> str:
    import re

    match = re.search(rf'name="{name}"[^>]*value="([^"]+)"', html) or re.search(
        rf'value="([^"]+)"[^>]*name="{name}"', html
    )
    assert match, f"no {name} in page"
    return match.group(1)


STANDARD_QUESTIONS: list[dict[str, Any]] = [
    {"answer_type": "scale", "required": True,
     "text": {"sv": "Hur trygg känner du dig i området på kvällen?",
              "en": "How safe do you feel in the area in the evening?"},
     "options": [("safe", {"sv": "Trygg", "en": "Safe"}),
                 ("unsafe", {"sv": "Otrygg", "en": "Unsafe"})]},
    {"answer_type": "long_text", "required": False,
     "text": {"sv": "Vilka problem upplever du?", "en": "What problems do you experience?"},
     "help": {"sv": "Skriv med egna ord.", "en": "Use your own words."}},
    {"answer_type": "multiple_choice", "required": False,
     "text": {"sv": "Vad ser du?", "en": "What do you see?"},
     "options": [("litter", {"sv": "Skräp", "en": "Litter"}),
                 ("mopeds", {"sv": "Mopeder", "en": "Mopeds"}),
                 ("dark", {"sv": "Mörker", "en": "Darkness"})]},
    {"answer_type": "short_text", "required": False,
     "text": {"sv": "Var?", "en": "Where?"}},
    {"answer_type": "gender", "required": False,
     "text": {"sv": "Kön", "en": "Gender"}},
    {"answer_type": "area", "required": False,
     "text": {"sv": "Område", "en": "Area"}},
]


@pytest.fixture
def make_dialogue(app: Flask) -> Callable[..., str]:
    """Create a dialogue (open and accepting answers unless told otherwise); returns its slug."""

    def make(
        slug: str = "trygghet-norra",
        kind: DialogueKind = DialogueKind.OPEN,
        status: DialogueStatus = DialogueStatus.OPEN,
        questions: list[dict[str, Any]] | None = None,
        closes_in_days: int | None = 30,
        **fields: Any,
    ) -> str:
        with app.app_context():
            police = get_or_create_organisation(
                db.session, "Lokalpolisområde Norra", OrganisationKind.POLICE_AREA.value
            )
            municipality = get_or_create_organisation(
                db.session, "Norra kommun", OrganisationKind.MUNICIPALITY.value
            )
            questionnaire = Questionnaire(source_language="sv")
            for position, spec in enumerate(questions or STANDARD_QUESTIONS):
                question = Question(
                    position=position,
                    answer_type=spec["answer_type"],
                    required=spec.get("required", False),
                    text=spec["text"],
                    help=spec.get("help", {}),
                )
                question.options = [
                    QuestionOption(position=i, key=key, label=label)
                    for i, (key, label) in enumerate(spec.get("options", ()))
                ]
                questionnaire.questions.append(question)
            values: dict[str, Any] = {
                "title": {"sv": "Trygghet i Norra", "en": "Safety in Norra"},
                "purpose": {"sv": "Vi vill veta vad du upplever.",
                            "en": "We want to know what you experience."},
                "next_steps": {"sv": "Vi återkommer i juni med resultatet.",
                               "en": "We will report back in June."},
                "areas": [{"key": "torget", "label": {"sv": "Torget", "en": "The square"}},
                          {"key": "parken", "label": {"sv": "Parken", "en": "The park"}}],
                "opens_on": today() - timedelta(days=1),
                "closes_on": today() + timedelta(days=closes_in_days)
                if closes_in_days is not None else None,
            }
            values.update(fields)
            dialogue = Dialogue(
                slug=slug,
                kind=kind.value,
                status=status.value,
                questionnaire=questionnaire,
                organisers=[police, municipality],
                **values,
            )
            db.session.add(dialogue)
            db.session.commit()
        return slug

    return make


@pytest.fixture
def question_names(app: Flask) -> Callable[[str], list[str]]:
    """The form field names of a dialogue's questions, in order."""

    def names(slug: str) -> list[str]:
        from dialog.dialogues.services.queries import get_dialogue

        with app.app_context():
            dialogue = get_dialogue(db.session, slug)
            assert dialogue is not None
            return [q.field_name for q in dialogue.questionnaire.questions]

    return names


ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def names(make_dialogue: Callable[..., str], question_names: Callable[[str], list[str]]
          ) -> list[str]:
    """The field names of a standard open dialogue's questions (slug trygghet-norra)."""
    return question_names(make_dialogue())
