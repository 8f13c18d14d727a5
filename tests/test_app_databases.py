"""Each application has its own database: two apps in one process never share one."""

from __future__ import annotations

import json
import math
from pathlib import Path

from flask import Flask
from sqlalchemy import select

from dialog import create_app
from dialog.cli import upgrade_database
from dialog.config import Settings
from dialog.db import EXTENSION, db
from dialog.dialogues.models import Dialogue, DialogueStatus
from surveys.models import Questionnaire


def _app(path: Path) -> Flask:
    url = f"sqlite:///{path}"
    upgrade_database(url)
    return create_app({"SETTINGS": Settings(env="testing", database_url=url,
                                            secret_key="two-apps")})


def _add(app: Flask, slug: str) -> None:
    with app.app_context():
        db.session.add(Dialogue(slug=slug, kind="open", status=DialogueStatus.OPEN.value,
                                title={"sv": slug}, questionnaire=Questionnaire()))
        db.session.commit()


def _slugs(app: Flask) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(Dialogue.slug).order_by(Dialogue.slug)))


def test_two_apps_keep_their_own_databases(tmp_path: Path) -> None:
    first = _app(tmp_path / "first.db")
    _add(first, "forsta")
    second = _app(tmp_path / "second.db")  # created after: it must not take the first's place
    _add(second, "andra")
    _add(first, "forsta-igen")
    assert _slugs(first) == ["forsta", "forsta-igen"]
    assert _slugs(second) == ["andra"]
    # Requests and commands use the app they were given.
    assert "forsta" in first.test_client().get("/sv/dialogues/").get_data(as_text=True)
    assert "forsta" not in second.test_client().get("/sv/dialogues/").get_data(as_text=True)
    listed = json.loads(second.test_cli_runner().invoke(args=["dialogues"]).output)
    assert [d["slug"] for d in listed] == ["andra"]
    # Nested contexts of different apps each see their own.
    with first.app_context():
        with second.app_context():
            assert db.engine is second.extensions[EXTENSION].engine
        assert db.engine is first.extensions[EXTENSION].engine
    for app in (first, second):
        app.extensions[EXTENSION].dispose()


def test_stored_json_reads_back_as_written_on_either_database(app: Flask) -> None:
    """JSON columns are read with orjson (`json_loads`), on SQLite and on PostgreSQL alike;
    what orjson refuses and the standard library reads (NaN, a lone surrogate) is still read."""
    from dialog.db import json_loads

    texts = {"sv": "Trygghet på torget – ”kväll”", "ar": "الأمان", "fa": "امنیت", "so": "Ammaan"}
    with app.app_context():
        assert db.engine.dialect._json_deserializer is json_loads
        db.session.add(Dialogue(slug="json", kind="open", status=DialogueStatus.OPEN.value,
                                title=texts, areas=["Södra", "Norra"],
                                questionnaire=Questionnaire()))
        db.session.commit()
        db.session.expunge_all()
        read = db.session.scalars(select(Dialogue).where(Dialogue.slug == "json")).one()
        assert read.title == texts and read.areas == ["Södra", "Norra"]
    assert json_loads(b'{"k": [1, 2.5, null, true]}') == {"k": [1, 2.5, None, True]}
    assert math.isnan(json_loads("[NaN]")[0])
    assert json_loads('"\\ud800"') == json.loads('"\\ud800"')
