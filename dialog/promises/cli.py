"""Command-line commands for promises: `flask --app dialog smart-check --lang sv "TEXT"`."""

from __future__ import annotations

import json

import click
from flask import Flask

from dialog.promises.services.smart import EFFECT, GOAL_KINDS, check_smart


def register_promise_cli(app: Flask) -> None:
    @app.cli.command("smart-check")
    @click.option("--lang", default="auto", show_default=True,
                  help='Language of the text: "sv", "en" or "auto".')
    @click.option("--kind", type=click.Choice(GOAL_KINDS), default=EFFECT, show_default=True,
                  help="An effect goal (about the problem) or an activity's production goal.")
    @click.argument("text")
    def smart_check(lang: str, kind: str, text: str) -> None:
        """Check one goal the SMART way; prints {"smart": ..., "findings": [...]} as JSON."""
        try:
            result = check_smart(text, lang, kind)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--lang") from exc
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
