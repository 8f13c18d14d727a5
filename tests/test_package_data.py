"""The data files the code reads at run time are installed with it (pyproject package-data)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_data_file_is_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    data_files = [path for package in ("dialog", "surveys", "analysis")
                  for folder in ("data", "stopwords")
                  for path in (ROOT / package).rglob(f"{folder}/**/*")
                  if path.is_file() and "__pycache__" not in path.parts]
    assert any(p.name == "templates.toml" for p in data_files)
    missing = []
    for path in data_files:
        # Relative to the package that holds it: the nearest folder with an __init__.py.
        package = next(parent for parent in path.parents if (parent / "__init__.py").exists())
        relative = path.relative_to(package).as_posix()
        if not any(fnmatch(relative, pattern) and relative.count("/") == pattern.count("/")
                   for pattern in patterns):
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []
