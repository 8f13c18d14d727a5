"""What some tests need from outside the project (Redis, Chromium with Playwright): a test
without it is skipped on a developer's machine and fails in CI, where it must be there."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
from typing import Any, NoReturn

import pytest

REDIS_URL = os.environ.get("DIALOG_TEST_REDIS_URL", "")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def missing(reason: str) -> NoReturn:
    """Skip the test here; fail it in CI, so a missing service never turns a run green."""
    if in_ci():
        pytest.fail(f"{reason} (CI must provide it)")
    pytest.skip(reason)


def redis_client() -> Any:
    """A connection to the test Redis (`DIALOG_TEST_REDIS_URL`), emptied."""
    if not REDIS_URL:
        missing("DIALOG_TEST_REDIS_URL is not set")
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.RedisError as exc:
        missing(f"Redis at {REDIS_URL} is not reachable: {exc}")
    client.flushdb()
    return client


def require_browser(chromium: Path) -> None:
    """Chromium at `chromium` and the Playwright package, or skip (fail in CI)."""
    if not chromium.exists():
        missing(f"Debian's Chromium is not installed at {chromium} (apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing("Playwright is not installed (pip install -e '.[dev]')")
