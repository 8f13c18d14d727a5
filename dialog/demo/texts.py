"""The demo's texts, kept as data in `dialog/demo/data/*.toml` (read once, with `tomllib`)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def demo_data(name: str) -> dict[str, Any]:
    """The parsed `dialog/demo/data/<name>.toml`; callers build and check their objects."""
    with resources.files("dialog.demo").joinpath(f"data/{name}.toml").open("rb") as source:
        return tomllib.load(source)
