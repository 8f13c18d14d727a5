"""Downloads of a dialogue's responses, streamed row by row.

Every spreadsheet cell that a program could take for a formula (it starts with `=`, `+`, `-`,
`@`, a tab or a carriage return) gets a leading apostrophe, as OWASP advises against CSV
injection: a resident's `=cmd|' /C calc'!A0` reaches staff as text. The JSON export keeps every
text exactly as typed.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from flask import Response, current_app

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


def download(chunks: Iterator[bytes], filename: str, mimetype: str) -> Response:
    """A streamed attachment named `filename`, never cached.

    The chunks are written after the request has ended, in an application context of their
    own: its database session is closed when the last chunk is out or the client goes away.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def in_own_context() -> Iterator[bytes]:
        with app.app_context():
            yield from chunks

    return Response(
        in_own_context(),
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
