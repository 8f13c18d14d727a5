"""The public home page and the index of open dialogues."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from dialog import i18n
from dialog.db import db
from dialog.dialogues.services import public_dialogues

bp = Blueprint("public", __name__)


@bp.get("/")
def root() -> Response:
    """`/` has no language: send the visitor to the best one their browser asks for."""
    response = redirect(url_for("public.home", lang=i18n.negotiate()))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/d/<slug>")
def short_link(slug: str) -> Response:
    """The short address printed on posters and QR codes; picks the reader's language."""
    args: dict[str, Any] = {"slug": slug, "lang": i18n.negotiate()}
    if request.args.get("code"):
        args["code"] = request.args["code"]
    response = redirect(url_for("respond.show", **args))
    response.headers["Vary"] = "Accept-Language"
    return response


@bp.get("/<lang>/")
def home() -> str:
    return render_template("public/home.html", dialogues=public_dialogues(db.session))


@bp.get("/<lang>/dialogues/")
def dialogues() -> str:
    return render_template("public/dialogues.html", dialogues=public_dialogues(db.session))


@bp.get("/<lang>/accessibility")
def accessibility() -> str:
    """The accessibility statement: what is tested, known gaps, how to report a problem."""
    return render_template("public/accessibility.html")
