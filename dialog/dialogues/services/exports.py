"""A dialogue's responses as a table: on the staff page and as downloads streamed row by row.

Every spreadsheet cell that a program could take for a formula (it starts with `=`, `+`, `-`,
`@`, a tab or a carriage return) gets a leading apostrophe, as OWASP advises against CSV
injection: a resident's `=cmd|' /C calc'!A0` reaches staff as text. The JSON export keeps every
text exactly as typed.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import Any

from flask import current_app
from flask_babel import get_locale, gettext
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, object_session

from analysis import mask_pii
from dialog import i18n
from dialog.audit import audit
from dialog.authz import Action, Actor, audit_actor, require
from dialog.db import db
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services.editing import response_count
from surveys.models import Question, Questionnaire
from surveys.responses import ResponseRow, answer_cells, iter_responses, options_for

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so spreadsheet programs read UTF-8


@dataclass(frozen=True)
class CsvFlavour:
    """A CSV dialect and the name part of its file."""

    suffix: str
    delimiter: str


# Comma-separated, as always (a contract: scripts read it); and semicolon-separated, which
# spreadsheet programs set up for Swedish (decimal comma) open directly in columns.
COMMA = CsvFlavour("responses.csv", ",")
SEMICOLON = CsvFlavour("responses-excel.csv", ";")


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[str]], delimiter: str = ","
               ) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark, CRLF line ends, every cell neutralised; a row at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    yield BOM.encode("utf-8")
    for row in chain([header], rows):
        writer.writerow([neutralise(cell) for cell in row])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def json_chunks(dialogue: str, header: Sequence[str], rows: Iterable[Sequence[str]]
                ) -> Iterator[bytes]:
    """`{"dialogue": …, "columns": […], "rows": [[…], …]}` with text exactly as stored."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    yield f'{{"dialogue": {dump(dialogue)}, "columns": {dump(list(header))}, "rows": ['.encode()
    for number, row in enumerate(rows):
        yield (("," if number else "") + "\n" + dump(list(row))).encode("utf-8")
    yield b"\n]}\n"


#END


def _option_labels(dialogue: Dialogue, lang: str) -> dict[int, dict[str, str]]:
    """Per question: option key -> label in `lang`, for showing and exporting choices."""
    labels: dict[int, dict[str, str]] = {}
    for question in dialogue.questionnaire.questions:
        labels[question.id] = {
            o.key: gettext(o.label) if o.translate else o.label
            for o in options_for(question, dialogue.areas, lang)
        }
    return labels


def _header(dialogue: Dialogue, lang: str) -> list[str]:
    source = dialogue.source_language
    header = [gettext("Response"), gettext("Date"), gettext("Channel"), gettext("Language")]
    return header + [i18n.pick(q.text, lang, source).text
                     for q in dialogue.questionnaire.questions]


def _row_start(r: ResponseRow, mask: Callable[[str], str] | None) -> list[str]:
    return [
        str(r.id),
        r.submitted_on.isoformat(),
        f"{r.channel}: {mask(r.channel_detail) if mask else r.channel_detail}"
        if r.channel_detail else r.channel,
        r.language,
    ]


def response_table(
    dialogue: Dialogue, lang: str, mask: Callable[[str], str] | None = None,
    responses: Iterable[ResponseRow] | None = None,
) -> tuple[list[str], Iterator[list[str]]]:
    """Header and rows (read as they are used): id, date, channel, language, then one column
    per question. Without `responses`, every response of the dialogue in one statement."""
    labels = _option_labels(dialogue, lang)

    def lookup(question: Question) -> Mapping[str, str]:
        return labels[question.id]

    header = _header(dialogue, lang)

    def rows() -> Iterator[list[str]]:
        # db.session is looked up when the rows are read: a download reads them after the
        # request, in an application context (and database session) of its own.
        source_rows = (responses if responses is not None
                       else iter_responses(db.session, dialogue.questionnaire))
        for r in source_rows:
            yield [*_row_start(r, mask), *answer_cells(dialogue.questionnaire, r, lookup, mask)]

    return header, rows()


# The staff page's table. What it needs of the questionnaire (the column heads and each
# question's option labels, in the language shown) is kept per worker as plain data, keyed
# by the dialogue's id and `version`: every edit of the dialogue, its questionnaire, a
# question or an option bumps the version in the same flush (form_cache._bump_versions), so
# a page read after an edit looks for a key no copy has, and builds a new one.
MAX_TABLE_SHAPES = 200


@dataclass(frozen=True)
class TableShape:
    """The column heads and, per question in order, its id and its labels per option key."""

    header: tuple[str, ...]
    questions: tuple[tuple[int, Mapping[str, str]], ...]
    # A cell's markup per question and stored choices: a page repeats the same few.
    choice_cells: dict[tuple[int, Sequence[str] | None], str] = field(
        default_factory=dict, compare=False, repr=False)

    def choice_cell(self, question_id: int, labels: Mapping[str, str],
                    choices: Sequence[str] | None) -> str:
        key = (question_id, choices)
        cell = self.choice_cells.get(key)
        if cell is None:
            cell = _cell("; ".join(labels.get(c, c) for c in choices or ()))
            if len(self.choice_cells) < MAX_CHOICE_CELLS:
                self.choice_cells[key] = cell
        return cell


MAX_CHOICE_CELLS = 500  # per shape: a few dozen combinations are usual


class TableShapes:
    """The shapes one app has made (one per worker process; threads share it)."""

    def __init__(self) -> None:
        self._shapes: dict[tuple[Any, ...], TableShape] = {}
        self._lock = threading.Lock()

    def get(self, dialogue: Dialogue, lang: str) -> TableShape:
        """The staff table's shape for `dialogue` shown in `lang` (its questionnaire is
        loaded only when there is no copy of the dialogue's current version). The key holds
        when the dialogue was made too: SQLite may give a new dialogue a deleted one's id."""
        key = (dialogue.id, dialogue.version, dialogue.created_at, lang, str(get_locale()))
        shape = self._shapes.get(key)
        if shape is None:
            session = object_session(dialogue)
            # The questionnaire's graph in one round trip (held here while it is read: the
            # session keeps only what something refers to).
            graph = None if session is None else session.scalars(
                select(Questionnaire).where(Questionnaire.id == dialogue.questionnaire_id)
                .options(joinedload(Questionnaire.questions).joinedload(Question.options))
            ).unique().one_or_none()
            labels = _option_labels(dialogue, lang)
            shape = TableShape(tuple(_header(dialogue, lang)), tuple(
                (q.id, labels[q.id]) for q in dialogue.questionnaire.questions))
            del graph
            with self._lock:
                if len(self._shapes) >= MAX_TABLE_SHAPES:
                    self._shapes.clear()
                self._shapes[key] = shape
        return shape


def table_shape(dialogue: Dialogue, lang: str) -> TableShape:
    shapes: TableShapes = current_app.extensions.setdefault("dialog_table_shapes",
                                                            TableShapes())
    return shapes.get(dialogue, lang)


_OPEN = '<td class="prewrap">'


def _cell(value: str) -> str:
    """`<td class="prewrap">` with the text escaped as Jinja escapes it (markupsafe)."""
    return f"{_OPEN}{escape(value)}</td>"


# A free-text cell: masking is a pure function of the text (analysis.text.mask_pii), so the
# cell of a text never goes stale; the most recently shown are kept per worker, ~40 pages'
# worth. Bounded in memory too: a text longer than KEPT_TEXT is masked each time (a few
# MB at most per worker). A deleted answer is no longer read from the database, so it is
# never shown again; its text leaves this memory as newer texts are shown.
KEPT_TEXT = 1000


@lru_cache(maxsize=4096)
def _kept_masked_cell(text: str) -> str:
    return _cell(mask_pii(text))


def _masked_cell(text: str) -> str:
    return _kept_masked_cell(text) if len(text) <= KEPT_TEXT else _cell(mask_pii(text))


_EMPTY_CELL = _cell("")


def row_markup(shape: TableShape, r: ResponseRow) -> Markup:
    """One row of the staff table as its cells' markup, every text escaped and free text
    masked: as the template wrote it, one `<td class="prewrap">` per cell. Written in one
    pass (a page's 50 rows are a twentieth of its cost): the id and the date are digits."""
    detail = r.channel_detail
    channel = f"{r.channel}: {mask_pii(detail)}" if detail else r.channel
    cells = [f'{_OPEN}{r.id}</td>{_OPEN}{r.submitted_on.isoformat()}</td>'
             f'{_OPEN}{escape(channel)}</td>{_OPEN}{escape(r.language)}</td>']
    by_question = {answer[0]: answer for answer in r.answers}
    for question_id, labels in shape.questions:
        answer = by_question.get(question_id)
        if answer is None:
            cells.append(_EMPTY_CELL)
        elif answer.text is not None:
            cells.append(_masked_cell(answer.text))
        else:
            cells.append(shape.choice_cell(question_id, labels, answer.choices))
    return Markup("".join(cells))  # noqa: S704 - every text escaped as _cell does


EXPORT_KINDS = ("csv", "csv-semicolon", "json")


def export_responses(session: Session, dialogue: Dialogue, kind: str, lang: str, *,
                     actor: Actor) -> tuple[list[str], Iterator[list[str]]]:
    """Every response of the dialogue for a download of `kind`; the export is audited."""
    require(actor, Action.EXPORT_RESPONSES, dialogue)
    if kind not in EXPORT_KINDS:
        raise ValueError(f"no export of kind {kind!r}")
    audit("responses.export", dialogue, {"rows": response_count(session, dialogue), "format": kind},
          actor=audit_actor(actor), session=session)
    return response_table(dialogue, lang)
