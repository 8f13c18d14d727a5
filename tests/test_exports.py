"""Staff download a dialogue's responses as CSV (comma and semicolon) and JSON, streamed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from dialog.accounts.models import Role
from dialog.audit import AuditEvent
from dialog.db import db
from dialog.dialogues.services.exports import csv_chunks, json_chunks, neutralise
from dialog.dialogues.services.queries import get_dialogue
from surveys.questions import AnswerValue
from surveys.responses import iter_responses, record_response

BASE = "/staff/dialogues/trygghet-norra"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(start: str) -> None:
    assert neutralise(f"{start}HYPERLINK(\"http://x\")") == f"'{start}HYPERLINK(\"http://x\")"


@pytest.mark.parametrize("cell", ["", "Torget", "1 = 1", "'citat'", " =1", "\n=1", "٣"])
def test_other_cells_are_left_alone(cell: str) -> None:
    assert neutralise(cell) == cell


def test_csv_and_json_writers_stream_one_row_at_a_time() -> None:
    rows = iter([["1", "=1+1"], ["2", "a;b"]])
    chunks = list(csv_chunks(["id", "svar"], rows, ";"))
    assert chunks == ["\ufeff".encode(), b"id;svar\r\n", b"1;'=1+1\r\n", b'2;"a;b"\r\n']
    text = b"".join(json_chunks("d", ["id", "svar"], iter([["1", "=1+1"]]))).decode()
    assert json.loads(text) == {"dialogue": "d", "columns": ["id", "svar"],
                                "rows": [["1", "=1+1"]]}
    assert json.loads(b"".join(json_chunks("d", ["id"], iter([]))))["rows"] == []


@pytest.fixture
def answered(app: Flask, make_dialogue: Callable[..., str]) -> list[str]:
    """Five responses; the texts are returned in the order they were given."""
    make_dialogue()
    texts = ["=SUM(1+1)", "Mopeder på torget", "-minus", "Hej; \"citat\",\r\nny rad", "@x"]
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        scale, concern, *_rest = dialogue.questionnaire.questions
        for text in texts:
            record_response(db.session, dialogue.questionnaire, {
                scale.field_name: AnswerValue(choices=("safe",)),
                concern.field_name: AnswerValue(text=text)}, language="sv")
        db.session.commit()
    return texts


def test_responses_are_read_in_batches_in_order(app: Flask, answered: list[str]) -> None:
    with app.app_context():
        dialogue = get_dialogue(db.session, "trygghet-norra")
        assert dialogue is not None
        for batch in (1, 2, 5, 500):
            texts = [next(a.text for a in r.answers if a.text)
                     for r in iter_responses(db.session, dialogue.questionnaire, batch=batch)]
            assert texts == answered, batch


def test_three_downloads_hold_the_same_rows(
        app: Flask, answered: list[str], login_as: Callable[..., FlaskClient]) -> None:
    staff = login_as(Role.VIEWER)

    def download(name: str) -> TestResponse:
        response = staff.get(f"{BASE}/{name}")
        assert response.is_streamed, name  # written row by row, not built in memory
        response.get_data()  # read the stream to its end, as a browser does, before the next
        response.close()
        return response

    comma = download("responses.csv")
    semicolon = download("responses-excel.csv")
    exact = download("responses.json")
    for response, name in [(comma, "responses.csv"), (semicolon, "responses-excel.csv"),
                           (exact, "responses.json")]:
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == (
            f'attachment; filename="trygghet-norra-{name}"')
        assert response.headers["Cache-Control"] == "no-store"
    assert semicolon.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert exact.mimetype == "application/json"

    def table(raw: bytes, delimiter: str) -> list[list[str]]:
        assert raw.startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""),
                               delimiter=delimiter))

    by_comma, by_semicolon = table(comma.data, ","), table(semicolon.data, ";")
    assert by_comma == by_semicolon
    assert b";" in semicolon.data.split(b"\r\n")[0] and b"," not in semicolon.data.split(b"\r\n")[0]
    data = exact.get_json()
    assert data["dialogue"] == "trygghet-norra" and data["columns"] == by_comma[0]
    assert [row[5] for row in data["rows"]] == answered
    assert [row[5] for row in by_comma[1:]] == [neutralise(t) for t in answered]
    with app.app_context():
        formats = [(e.details or {}).get("format") for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "responses.export")
            .order_by(AuditEvent.id))]
        rows = {(e.details or {}).get("rows") for e in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "responses.export"))}
    assert formats == ["csv", "csv-semicolon", "json"] and rows == {5}


def test_the_staff_page_offers_every_download(
        answered: list[str], login_as: Callable[..., FlaskClient]) -> None:
    page = login_as(Role.VIEWER).get(BASE).get_data(as_text=True)
    for name in ("responses.csv", "responses-excel.csv", "responses.json"):
        assert f'href="{BASE}/{name}"' in page, name
