"""Configuration is read from DIALOG_* variables and refuses unsafe production settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialog import create_app
from dialog.accounts.models import Role
from dialog.accounts.services.users import create_user, get_or_create_organisation
from dialog.cli import upgrade_database
from dialog.config import ConfigError, Settings
from dialog.db import db


def test_embedded_default_needs_no_configuration() -> None:
    settings = Settings.from_env({})
    assert settings.env == "development"
    assert settings.database_url.startswith("sqlite:///")
    assert settings.database_url.endswith("instance/dialog.db")


def test_settings_come_from_prefixed_environment() -> None:
    settings = Settings.from_env({"DIALOG_DATABASE_URL": "postgresql+psycopg://x/y",
                                  "DIALOG_HSTS": "true", "DIALOG_SESSION_IDLE_MINUTES": "15"})
    assert settings.database_url == "postgresql+psycopg://x/y"
    assert settings.hsts is True
    assert settings.session_idle_minutes == 15


@pytest.mark.parametrize("environ", [
    {"DIALOG_ENV": "production"},
    {"DIALOG_ENV": "production", "DIALOG_SECRET_KEY": "short"},
    {"DIALOG_ENV": "staging"},
    {"DIALOG_SESSION_IDLE_MINUTES": "soon"},
])
def test_unsafe_or_invalid_settings_refuse_to_start(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        Settings.from_env(environ)


def test_production_refuses_a_database_with_demo_accounts(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'prod.db'}"
    upgrade_database(url)
    secret = "x" * 40
    app = create_app({"SETTINGS": Settings(env="production", secret_key=secret, database_url=url)})
    with app.app_context():
        org = get_or_create_organisation(db.session, "Demo")
        create_user(db.session, "demo@example.org", "dialog-demo", Role.ADMIN, org, is_demo=True)
        db.session.commit()
    with pytest.raises(ConfigError, match="Demo accounts"):
        create_app({"SETTINGS": Settings(env="production", secret_key=secret, database_url=url)})


def test_production_cookies_are_host_only_and_secure(tmp_path: Path) -> None:
    app = create_app({"SETTINGS": Settings(env="production", secret_key="y" * 40,
                                           database_url=f"sqlite:///{tmp_path / 'p.db'}")})
    assert app.config["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
