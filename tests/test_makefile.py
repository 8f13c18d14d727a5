"""Every target the Makefile lists does something, and `make help` describes it."""

from __future__ import annotations

import re
import subprocess

from tests.conftest import ROOT

MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


def _phony() -> list[str]:
    match = re.search(r"^\.PHONY:(.*)$", MAKEFILE, re.MULTILINE)
    assert match
    return match.group(1).split()


def _recipe(target: str) -> list[str]:
    match = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n)*)", MAKEFILE,
                      re.MULTILINE)
    assert match, f"no rule for {target}"
    return [line.strip() for line in match.group(1).splitlines()]


def test_every_listed_target_has_a_rule_with_a_recipe_or_prerequisites() -> None:
    for target in _phony():
        rule = re.search(rf"^{re.escape(target)}:([^\n#]*)", MAKEFILE, re.MULTILINE)
        assert rule, f"{target} is listed in .PHONY but has no rule"
        assert _recipe(target) or rule.group(1).strip(), f"{target} does nothing"


def test_fast_tests_leave_out_the_browser_and_check_translations_runs_the_catalog_tests(
) -> None:
    fast = " ".join(_recipe("test-fast"))
    assert "pytest" in fast and "--ignore=tests/browser" in fast
    assert "tests/test_translations.py" in " ".join(_recipe("check-translations"))
    assert _recipe("test") == ["$(BIN)/python -m pytest"]  # the whole suite, browser included
    dry = subprocess.run(["make", "-n", "test-fast", "check-translations"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    assert "pytest --ignore=tests/browser" in dry and "pytest tests/test_translations.py" in dry


def test_help_describes_every_target_people_run() -> None:
    helped = set(re.findall(r"^([a-z-]+):.*## ", MAKEFILE, re.MULTILINE))
    assert {"run", "test", "test-fast", "lint", "translations", "check-translations",
            "bench"} <= helped
