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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain

from flask_babel import gettext
from sqlalchemy.orm import Session

from dialog import i18n
from dialog.audit import audit
from dialog.authz import Action, Actor, audit_actor, require
from dialog.db import db
from dialog.dialogues.models import Dialogue
from dialog.dialogues.services.editing import response_count
from surveys.models import Question
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


def response_table(
    dialogue: Dialogue, lang: str, mask: Callable[[str], str] | None = None,
    responses: Iterable[ResponseRow] | None = None,
) -> tuple[list[str], Iterator[list[str]]]:
    """Header and rows (read as they are used): id, date, channel, language, then one column
    per question. Without `responses`, every response of the dialogue in one statement."""
    source = dialogue.source_language
    labels = _option_labels(dialogue, lang)

    def lookup(question: Question) -> Mapping[str, str]:
        return labels[question.id]

    header = [gettext("Response"), gettext("Date"), gettext("Channel"), gettext("Language")]
    header += [i18n.pick(q.text, lang, source).text for q in dialogue.questionnaire.questions]

    def rows() -> Iterator[list[str]]:
        # db.session is looked up when the rows are read: a download reads them after the
        # request, in an application context (and database session) of its own.
        source_rows = (responses if responses is not None
                       else iter_responses(db.session, dialogue.questionnaire))
        for r in source_rows:
            yield [
                str(r.id),
                r.submitted_on.isoformat(),
                f"{r.channel}: {mask(r.channel_detail) if mask else r.channel_detail}"
                if r.channel_detail else r.channel,
                r.language,
                *answer_cells(dialogue.questionnaire, r, lookup, mask),
            ]

    return header, rows()


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
