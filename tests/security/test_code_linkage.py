"""The attack on targeted dialogues: match invitation codes to the answers they let in.

Threat model (README, "Privacy"): someone holds a backup taken before residents answered and
later has read access to every table, with PostgreSQL's system columns (`xmin`, `xmax`,
`ctid`) and `pg_dump` output. Whoever handed out the codes knows who got which, so a code
matched to its answer names the resident. The attacker may learn how many codes were used
(reach), never which answer came with which code.
"""

from __future__ import annotations

import random
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from dialog.authz import SYSTEM
from dialog.db import db
from dialog.dialogues.models import DialogueKind
from dialog.dialogues.services.invitations import issue_codes
from dialog.dialogues.services.queries import get_dialogue
from tests.conftest import csrf_from

URL = "/sv/d/riktad"
CODE = re.compile(r"\b[23456789A-HJ-NP-Z]{8}\b")


def _redeem_in_random_order(app: Flask, codes: list[str], names: list[str], n: int) -> list[str]:
    chosen = random.Random(7).sample(codes, n)  # noqa: S311 - a reproducible order of use
    for number, code in enumerate(chosen):
        client = app.test_client()
        body = client.get(f"{URL}?code={code}").get_data(as_text=True)
        data = {"csrf_token": csrf_from(body), "form_token": csrf_from(body, "form_token"),
                "invite_code": code, names[0]: ("safe", "unsafe")[number % 2],
                names[1]: f"Svar nummer {number}"}
        assert client.post(URL, data=data).status_code == 303
    return chosen


def _rows(url: str, system_columns: bool) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as a reader with SELECT on everything sees it."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            extra = "xmin::text AS xmin, xmax::text AS xmax, ctid::text AS ctid, " \
                if system_columns else ""
            return {t: [dict(r._mapping) for r in conn.execute(
                text(f'SELECT {extra}* FROM "{t}"'))]  # noqa: S608 - table names from the db
                for t in tables}
    finally:
        engine.dispose()


def _setup(app: Flask, make_dialogue: Callable[..., str],
           question_names: Callable[[str], list[str]]) -> tuple[list[str], list[str]]:
    make_dialogue("riktad", kind=DialogueKind.TARGETED)
    names = question_names("riktad")
    with app.app_context():
        dialogue = get_dialogue(db.session, "riktad")
        assert dialogue is not None
        codes = issue_codes(db.session, dialogue, 30, "unga kvinnor", actor=SYSTEM)
        db.session.commit()
    return codes, names


def test_nothing_a_reader_sees_orders_or_links_used_codes(
    app: Flask, database_url: str, make_dialogue: Callable[..., str],
    question_names: Callable[[str], list[str]],
) -> None:
    codes, names = _setup(app, make_dialogue, question_names)
    postgres = database_url.startswith("postgresql")
    backup = _rows(database_url, postgres)  # the earlier backup
    used = _redeem_in_random_order(app, codes, names, 20)
    later = _rows(database_url, postgres)

    # No used code is stored anywhere, in any table or column.
    stored = " ".join(str(v) for rows in later.values() for row in rows for v in row.values())
    assert not set(CODE.findall(stored)) & set(used)
    assert len(later["response"]) == 20

    # The unused codes are the backup's rows, untouched: same row versions, same places.
    before = {r["code"]: r for r in backup["invite_code"]}
    after = {r["code"]: r for r in later["invite_code"]}
    assert set(after) == set(codes) - set(used)
    for code, row in after.items():
        assert row == before[code]
    assert backup["invite_batch"] == later["invite_batch"]

    if postgres:
        # Rows the answering transactions wrote: responses and their answers, and the counts
        # of them (surveys/tally.py), keyed only by what the response itself holds.
        questions = {q["id"] for q in later["question"]}
        for response in later["response"]:
            same_tx = [(t, r) for t, rows in later.items() for r in rows
                       if r["xmin"] == response["xmin"] and r is not response]
            assert {t for t, _ in same_tx} <= {"answer", "response_tally", "answer_tally"}, \
                same_tx
            for table, row in same_tx:
                if table == "answer":
                    assert row["response_id"] == response["id"]
                elif table == "response_tally":
                    assert set(row) - {"xmin", "xmax", "ctid"} == {
                        "questionnaire_id", "submitted_on", "channel", "language", "shard",
                        "responses"}
                    assert [row[k] for k in ("questionnaire_id", "submitted_on", "channel",
                                             "language")] == [
                        response[k] for k in ("questionnaire_id", "submitted_on", "channel",
                                              "language")]
                else:
                    assert set(row) - {"xmin", "xmax", "ctid"} == {"question_id", "shard",
                                                                   "answers"}
                    assert row["question_id"] in questions
        # No row is left locked or half-deleted by a redemption.
        assert all(r["xmax"] == "0" for r in later["invite_code"])


def test_pg_dump_holds_no_used_code(
    app: Flask, database_url: str, make_dialogue: Callable[..., str],
    question_names: Callable[[str], list[str]], tmp_path: Path,
) -> None:
    codes, names = _setup(app, make_dialogue, question_names)
    used = _redeem_in_random_order(app, codes, names, 12)
    if database_url.startswith("postgresql"):
        url = make_url(database_url)
        dump = subprocess.run(
            ["pg_dump", "--data-only", "-h", url.host or "127.0.0.1", "-p", str(url.port or 5432),
             "-U", url.username or "postgres", url.database or "test"],
            check=True, capture_output=True, text=True, timeout=60).stdout
        assert "COPY public.invite_code" in dump
    else:
        # SQLite: the file itself, free pages included (secure_delete zeroes deleted rows).
        app.extensions["dialog_db"].dispose()
        dump = Path(make_url(database_url).database or "").read_bytes().decode("latin-1")
    found = set(CODE.findall(dump))
    assert not found & set(used)
    assert set(codes) - set(used) <= found
