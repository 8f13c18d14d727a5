"""One typed configuration, read from `DIALOG_*` environment variables and validated at start."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
INSTANCE = ROOT / "instance"
DEFAULT_SECRET = "dev-only-not-secret"  # noqa: S105 - the known default that production refuses
ENVIRONMENTS = ("development", "testing", "production")


class ConfigError(RuntimeError):
    """The configuration is unsafe or incomplete; the app refuses to start."""


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    secret_key: str = DEFAULT_SECRET
    database_url: str = field(default_factory=lambda: f"sqlite:///{INSTANCE / 'dialog.db'}")
    redis_url: str = ""
    hsts: bool = False
    submit_rate_limit: str = "30/hour"
    # Failed logins allowed per account and per client address before login is refused.
    login_rate_per_account: str = "5/15minutes"
    login_rate_per_client: str = "20/15minutes"
    # Trusted reverse proxies in front of the app (0 = none): how many X-Forwarded-* hops to
    # believe, passed to werkzeug's ProxyFix.
    proxy_hops: int = 0
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    # The address residents use, for QR codes and posters; the request's host when empty.
    public_url: str = ""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Read every field from `DIALOG_<FIELD>`; explicit overrides win."""
        environ = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"DIALOG_{f.name.upper()}")
            if raw is None or raw == "":
                continue
            if f.type == "bool":
                values[f.name] = _bool(raw)
            elif f.type == "int":
                try:
                    values[f.name] = int(raw)
                except ValueError as exc:
                    raise ConfigError(f"DIALOG_{f.name.upper()} must be a whole number") from exc
            else:
                values[f.name] = raw
        values.update(overrides)
        settings = cls(**values)
        settings.validate()
        return settings

    @property
    def production(self) -> bool:
        return self.env == "production"

    def validate(self) -> None:
        if self.env not in ENVIRONMENTS:
            raise ConfigError(f"DIALOG_ENV must be one of {', '.join(ENVIRONMENTS)}")
        from dialog.ratelimit import Rate

        for name in ("submit_rate_limit", "login_rate_per_account", "login_rate_per_client"):
            try:
                Rate.parse(getattr(self, name))
            except ValueError as exc:
                raise ConfigError(f"DIALOG_{name.upper()}: {exc}") from exc
        if self.production and (self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32):
            raise ConfigError(
                "DIALOG_SECRET_KEY must be set to a random value of at least 32 characters "
                "in production"
            )
