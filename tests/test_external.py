"""A test that needs Redis or a browser is skipped on a developer's machine without them, and
fails in CI: a missing service never makes a CI run green."""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.external
from tests.external import missing, redis_client, require_browser


def test_a_missing_service_skips_here_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        missing("Redis is away")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"Redis is away \(CI must provide it\)"):
        missing("Redis is away")


def test_browser_tests_fail_in_ci_without_chromium_or_playwright(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="Chromium is not installed"):
        require_browser(tmp_path / "chromium")
    chromium = tmp_path / "chromium"
    chromium.touch()
    monkeypatch.setattr(tests.external.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="Playwright is not installed"):
        require_browser(chromium)
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        require_browser(chromium)


def test_browser_fixture_asks_for_the_browser_before_anything_else() -> None:
    """The session fixture every browser test uses goes through `require_browser`."""
    import inspect

    from tests.browser import conftest

    source = inspect.getsource(conftest.site)
    assert "require_browser(CHROMIUM)" in source
    assert "pytest.skip" not in inspect.getsource(conftest)


def test_redis_tests_fail_in_ci_without_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    monkeypatch.setattr(tests.external, "REDIS_URL", "")
    with pytest.raises(pytest.fail.Exception, match="DIALOG_TEST_REDIS_URL is not set"):
        redis_client()
    monkeypatch.setattr(tests.external, "REDIS_URL", "redis://127.0.0.1:1/0")
    with pytest.raises(pytest.fail.Exception, match="not reachable"):
        redis_client()
