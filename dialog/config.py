"""One typed configuration, read from `DIALOG_*` environment variables and validated at start."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    # Failed logins before login is refused: for one account from one client (browser or
    # address), from one client over all accounts, and for one account from every client that
    # has not logged in to it before (see dialog.accounts.services.login).
    login_rate_per_account_client: str = "5/15minutes"
    login_rate_per_client: str = "20/15minutes"
    login_rate_per_account: str = "50/hour"
    # Trusted reverse proxies in front of the app (0 = none): how many X-Forwarded-* hops to
    # believe, passed to werkzeug's ProxyFix.
    proxy_hops: int = 0
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    # The site's address (https://dialog.example.se), for every absolute link: QR codes,
    # posters, Atom feeds. Required in production, where the Host header is never used for
    # links; in development and testing the request's address stands in when it is empty.
    public_url: str = ""
    # Rendered public pages each worker keeps for every visitor (dialog.pagecache), and as much
    # again for the parts of staff pages it keeps (dialog.fragments); 0 = none.
    page_cache_mb: int = 64

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

        for name in ("submit_rate_limit", "login_rate_per_account_client",
                     "login_rate_per_client", "login_rate_per_account"):
            try:
                Rate.parse(getattr(self, name))
            except ValueError as exc:
                raise ConfigError(f"DIALOG_{name.upper()}: {exc}") from exc
        if self.production and (self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32):
            raise ConfigError(
                "DIALOG_SECRET_KEY must be set to a random value of at least 32 characters "
                "in production"
            )
        if self.public_url and urlsplit(self.public_url).scheme not in {"http", "https"}:
            raise ConfigError("DIALOG_PUBLIC_URL must start with https:// (or http://)")
        if self.production and not self.public_url:
            raise ConfigError(
                "DIALOG_PUBLIC_URL must be set in production (e.g. https://dialog.example.se): "
                "links in feeds, QR codes and posters are built from it, never from the "
                "request's Host header"
            )


def check_workers(settings: Settings, workers: int) -> None:
    """Refuse several web processes without Redis in production: each process would keep its
    own rate-limit counters, and 5 failed logins per 15 minutes would become 5 per worker."""
    if settings.production and workers > 1 and not settings.redis_url:
        raise ConfigError(
            f"DIALOG_WORKERS is {workers} but DIALOG_REDIS_URL is not set: in production, "
            "several web processes must share their rate-limit counters in Redis. Set "
            "DIALOG_REDIS_URL, or run one worker (DIALOG_WORKERS=1)."
        )
