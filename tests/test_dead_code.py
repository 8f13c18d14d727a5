"""No code that nothing uses: functions, parameters, settings and test markers that are
defined but never read mislead the next reader."""

from __future__ import annotations

import ast
import re
import tomllib
from collections import Counter
from dataclasses import fields
from pathlib import Path

from dialog.config import Settings
from tests.conftest import ROOT

PACKAGES = ("dialog", "surveys", "analysis")
EVERYWHERE = (*PACKAGES, "tests", "benchmarks", "migrations")


def _sources(folders: tuple[str, ...], pattern: str = "*.py") -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8")
            for folder in folders for path in sorted((ROOT / folder).rglob(pattern))}


def _all_text() -> str:
    code = _sources(EVERYWHERE)
    templates = _sources(("templates",), "*.html")
    return "\n".join([*code.values(), *templates.values(),
                      (ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")])


def _is_stub(node: ast.FunctionDef) -> bool:
    """A Protocol method: a docstring and/or `...`, nothing else."""
    return all(isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant)
               for s in node.body)


def test_every_module_function_is_used_somewhere() -> None:
    words = Counter(re.findall(r"\w+", _all_text()))
    unused = [f"{path.relative_to(ROOT)}:{node.name}"
              for path, source in _sources(PACKAGES).items()
              for node in ast.parse(source).body
              if isinstance(node, ast.FunctionDef) and not node.decorator_list
              and words[node.name] < 2]  # its definition only
    assert unused == []


def test_no_function_ignores_one_of_its_parameters() -> None:
    """Framework callbacks (decorated) and Protocol stubs must accept what they are given."""
    unused = []
    for path, source in _sources(PACKAGES).items():
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef) or node.decorator_list or _is_stub(node):
                continue
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            for arg in [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]:
                if arg.arg not in names and arg.arg not in {"self", "cls"} \
                        and not arg.arg.startswith("_"):
                    unused.append(f"{path.relative_to(ROOT)}:{node.name}({arg.arg})")
    assert unused == []


def test_every_setting_is_read_and_documented() -> None:
    code = "\n".join(source for path, source in _sources(PACKAGES).items()
                     if path.name != "config.py")
    code += (ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")
    config = (ROOT / "dialog" / "config.py").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for setting in fields(Settings):
        used = re.search(rf"\.{setting.name}\b", code) or re.search(
            rf"self\.{setting.name}\b", config)
        assert used, f"Settings.{setting.name} is never read"
        assert f"`{setting.name.upper()}`" in readme or f"DIALOG_{setting.name.upper()}" in readme


def test_every_declared_marker_is_used() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    markers = [m.split(":")[0] for m in pyproject["tool"]["pytest"]["ini_options"]["markers"]]
    tests = "\n".join(_sources(("tests",)).values())
    for marker in markers:
        assert f"mark.{marker}" in tests, f"the {marker} marker is declared but never used"
