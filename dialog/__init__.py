"""Dialog: citizen dialogues, follow-up questionnaires and public citizen promises."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the Flask application.

    Imported lazily so that `surveys` can use `dialog.db` without starting Flask.
    """
    from dialog.app import build_app

    return build_app(config)
