"""Recording anonymous responses, once each, and reading them back for staff."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import chain, groupby
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    String,
    Text,
    bindparam,
    cast,
    exists,
    false,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from dialog.base import column_rows
from surveys.models import Answer, Question, Questionnaire, Response
from surveys.questions import (
    DONT_KNOW,
    DONT_KNOW_LABEL,
    STORED_OPTION_TYPES,
    AnswerType,
    AnswerValue,
    FieldError,
    Option,
    QuestionSpec,
    check_answers,
    fixed_options,
)

CHANNELS = ("web", "paper", "meeting")


class EmptyResponseError(ValueError):
    """A response with no answer at all: it would be counted while saying nothing."""


def nothing_answered(values: Mapping[str, AnswerValue]) -> bool:
    """Whether not a single question has an answer (web form or paper entry)."""
    return all(value.empty for value in values.values())


def options_for(question: Question, areas: Sequence[Mapping[str, Any]], lang: str) -> list[Option]:
    """The options a respondent chooses among, labelled in `lang` (falling back to any text)."""

    def option(key: str, texts: Mapping[str, str]) -> Option:
        for code in (lang, *texts.keys()):
            if texts.get(code):
                return Option(key, texts[code], lang=code)
        return Option(key, "", lang=lang)

    if question.answer_type in STORED_OPTION_TYPES:
        options = [option(o.key, o.label) for o in question.options]
        if question.answer_type == AnswerType.SCALE:
            options.append(Option(DONT_KNOW, DONT_KNOW_LABEL, translate=True))
        return options
    if question.answer_type == AnswerType.AREA:
        return [option(a["key"], a.get("label", {})) for a in areas]
    return fixed_options(question.answer_type)


def question_specs(
    questionnaire: Questionnaire, areas: Sequence[Mapping[str, Any]]
) -> list[QuestionSpec]:
    return [
        QuestionSpec(
            name=q.field_name,
            answer_type=q.answer_type,
            required=q.required,
            options=options_for(q, areas, questionnaire.source_language),
        )
        for q in questionnaire.questions
    ]


def check_submission(
    questionnaire: Questionnaire,
    areas: Sequence[Mapping[str, Any]],
    form: Any,
) -> tuple[dict[str, AnswerValue], dict[str, FieldError]]:
    """Check submitted form data (a mapping with `getlist`, or of lists) for a questionnaire."""
    specs = question_specs(questionnaire, areas)
    raw = {
        spec.name: form.getlist(spec.name) if hasattr(form, "getlist") else form.get(spec.name, [])
        for spec in specs
    }
    return check_answers(specs, raw)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def find_by_token(session: Session, form_token: str) -> Response | None:
    return session.scalar(select(Response).where(Response.form_token == token_digest(form_token)))


def _insert_response(session: Session, row: Mapping[str, Any]) -> int | None:
    """Insert a response row unless its form token is stored; its id, or None."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return session.scalar(postgresql_insert(Response).values(row).on_conflict_do_nothing(
            index_elements=[Response.form_token]).returning(Response.id))
    if dialect == "sqlite":
        return session.scalar(sqlite_insert(Response).values(row).on_conflict_do_nothing(
            index_elements=[Response.form_token]).returning(Response.id))
    raise RuntimeError(f"Dialog runs on PostgreSQL or SQLite, not {dialect}")


def record_response(
    session: Session,
    questionnaire: Questionnaire,
    values: Mapping[str, AnswerValue],
    *,
    language: str,
    channel: str = "web",
    form_token: str | None = None,
    submitted_on: date | None = None,
    channel_detail: str | None = None,
) -> tuple[int, bool]:
    """Store one response; a repeated form token keeps the stored one instead.

    Returns the response's id and whether it was created now; EmptyResponseError when no
    question is answered. The response row is inserted
    with ON CONFLICT DO NOTHING on the token's digest, so a retry, or a concurrent submission
    of the same form that loses the race, stores nothing and fails nothing. Two statements in
    all (the response, then its answers in one batch): this is the busiest write of the site.
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}")
    if nothing_answered(values):
        raise EmptyResponseError("a response needs at least one answer")
    digest = token_digest(form_token) if form_token else None
    row: dict[str, Any] = {"questionnaire_id": questionnaire.id, "channel": channel,
                           "language": language, "form_token": digest}
    if submitted_on is not None:  # an answer given on paper or at a meeting, typed in later
        row["submitted_on"] = submitted_on
    if channel_detail:
        row["channel_detail"] = channel_detail[:120]
    response_id = _insert_response(session, row)
    if response_id is None:  # this form was stored before
        stored = session.scalar(select(Response.id).where(Response.form_token == digest))
        if stored is None:
            raise RuntimeError("a response conflicted with one that is not there")
        return stored, False
    answers = [
        {"response_id": response_id, "question_id": question.id, "text": value.text,
         "choices": list(value.choices) or None}
        for question in questionnaire.questions
        if (value := values.get(question.field_name)) is not None and not value.empty
    ]
    if answers:
        session.execute(insert(Answer), answers)
    return response_id, True


class AnswerRow(NamedTuple):
    """An answer as read for a table or an export (a page of responses builds hundreds: a
    tuple is made at half the cost of a frozen dataclass)."""

    question_id: int
    text: str | None
    choices: Sequence[str] | None


@dataclass(frozen=True)
class ResponseRow:
    """A response and its answers as read for a table or an export (no ORM identity)."""

    id: int
    submitted_on: date
    channel: str
    language: str
    answers: list[AnswerRow]
    channel_detail: str | None = None


def iter_responses(session: Session, questionnaire: Questionnaire, batch: int = 1000,
                   where: Sequence[ColumnElement[bool]] = ()) -> Iterator[ResponseRow]:
    """Every response (or those matching `where`) in id order with its answers, in one
    statement whose rows are fetched `batch` at a time (a server-side cursor on
    PostgreSQL): an export of any size stays small in memory and costs one query."""
    rows = session.execute(
        select(Response.id, Response.submitted_on, Response.channel, Response.language,
               Answer.question_id, Answer.text, Answer.choices, Response.channel_detail)
        .outerjoin(Answer, Answer.response_id == Response.id)
        .where(Response.questionnaire_id == questionnaire.id, *where)
        .order_by(Response.id, Answer.id)
        .execution_options(yield_per=batch)
    )
    for response_id, group in groupby(rows, key=lambda row: row[0]):
        first = next(group)
        answers = [AnswerRow(row[4], row[5], row[6]) for row in chain([first], group)
                   if row[4] is not None]
        yield ResponseRow(response_id, first[1], first[2], first[3], answers, first[7])


@dataclass(frozen=True)
class ResponseFilter:
    """Which responses a staff list shows: a date range, a channel, a language."""

    start: date | None = None
    end: date | None = None
    channel: str = ""
    language: str = ""

    def shape(self) -> tuple[bool, bool, bool, bool]:
        """Which conditions the filter has: from, to, channel, language (the conditions
        themselves are `bound_conditions`, so a statement per shape is built once)."""
        return (self.start is not None, self.end is not None, bool(self.channel),
                bool(self.language))

    def params(self) -> dict[str, Any]:
        """The values of its `bound_conditions`."""
        return {"start": self.start, "end": self.end, "channel": self.channel,
                "language": self.language}

    def args(self) -> dict[str, str]:
        """The filter as GET parameters, for links to other pages of the same list."""
        values = {"from": self.start.isoformat() if self.start else "",
                  "to": self.end.isoformat() if self.end else "",
                  "channel": self.channel, "language": self.language}
        return {key: value for key, value in values.items() if value}


def bound_conditions(rows: Any, shape: tuple[bool, bool, bool, bool]
                     ) -> list[ColumnElement[bool]]:
    """A filter's conditions of `shape` (ResponseFilter.shape) on `rows`, with their values
    left to bind (ResponseFilter.params): a statement made of them is built once."""
    start, end, channel, language = shape
    conditions: list[ColumnElement[bool]] = []
    if start:
        conditions.append(rows.submitted_on >= bindparam("start", type_=Date))
    if end:
        conditions.append(rows.submitted_on <= bindparam("end", type_=Date))
    if channel:
        conditions.append(rows.channel == bindparam("channel", type_=String))
    if language:
        conditions.append(rows.language == bindparam("language", type_=String))
    return conditions


@dataclass(frozen=True)
class ResponsePage:
    """Responses of a list, newest first, and where the pages next to it begin: `older`
    for `before=`, `newer` for `after=` (None when there is no such page)."""

    rows: list[ResponseRow]
    older: int | None
    newer: int | None


@lru_cache(maxsize=4096)
def _stored_choices(raw: str | None) -> tuple[str, ...] | None:
    """Choices as stored (JSON text): a page repeats the same few lists many times."""
    value = None if raw is None else json.loads(raw)
    return None if value is None else tuple(value)


def _scope(shape: tuple[bool, bool, bool, bool]) -> tuple[ColumnElement[bool], ...]:
    return (Response.questionnaire_id == bindparam("questionnaire_id", type_=Integer),
            *bound_conditions(Response, shape))


@lru_cache(maxsize=128)
def _page_statement(shape: tuple[bool, bool, bool, bool], forward: bool, before: bool
                    ) -> Select[int, date, str, str, int, str | None, str, str | None, bool]:
    """The responses of a page with their answers: the `limit` oldest after `after` when
    `forward`, else the newest (before `before`, when given)."""
    ids = select(Response.id).where(*_scope(shape))
    if forward:
        ids = ids.where(Response.id > bindparam("after", type_=Integer)).order_by(
            Response.id.asc())
    else:
        if before:
            ids = ids.where(Response.id < bindparam("before", type_=Integer))
        ids = ids.order_by(Response.id.desc())
    page = ids.limit(bindparam("limit", type_=Integer)).subquery()
    # Whether anything lies on the side the page was reached from: a page after `after`
    # holds the oldest responses above it, so an older one than its oldest is one at or
    # below `after` (and likewise for `before`). Read in the same statement (and snapshot)
    # as the page; a newest page has no such side.
    beyond: ColumnElement[bool]
    if forward:
        beyond = exists().where(*_scope(shape),
                                Response.id <= bindparam("after", type_=Integer))
    elif before:
        beyond = exists().where(*_scope(shape),
                                Response.id >= bindparam("before", type_=Integer))
    else:
        beyond = false()
    # Choices as their JSON text: parsed once per distinct list (_stored_choices). A
    # response's answers in no particular order: one per question (`record_response`), read
    # by question; sorting them cost more than the rest of the statement.
    return (select(Response.id, Response.submitted_on, Response.channel, Response.language,
                   Answer.question_id, Answer.text, cast(Answer.choices, Text),
                   Response.channel_detail, beyond.label("beyond"))
            .join(page, page.c.id == Response.id)
            .outerjoin(Answer, Answer.response_id == Response.id)
            .order_by(Response.id.asc() if forward else Response.id.desc()))


def response_page(session: Session, questionnaire: Questionnaire | int,
                  chosen: ResponseFilter, size: int, *,
                  before: int | None = None, after: int | None = None) -> ResponsePage:
    """The `size` newest responses `chosen` lets in with an id below `before` (or the
    `size` oldest above `after`), newest first.

    Paged by id, not by OFFSET: every page reads its own rows from the index on
    (questionnaire, id), so the 2,000th page costs what the first does. One statement for
    the responses with their answers and, when a page was asked for by `before` or
    `after`, whether there is a page on the other side. The statements are built once per
    shape of filter and direction, their values bound when they run."""
    questionnaire_id = (questionnaire if isinstance(questionnaire, int)
                        else questionnaire.id)
    forward = after is not None and before is None
    shape = chosen.shape()
    params = {**chosen.params(), "questionnaire_id": questionnaire_id, "after": after,
              "before": before, "limit": size + 1}
    found = column_rows(session, _page_statement(shape, forward, before is not None),
                        params).all()  # fetched at once: a row at a time costs a third more
    rows: list[ResponseRow] = []
    answers: list[AnswerRow] = []
    for row in found:  # a response's rows follow each other, one per answer
        if not rows or rows[-1].id != row[0]:
            answers = []
            rows.append(ResponseRow(row[0], row[1], row[2], row[3], answers, row[7]))
        if row[4] is not None:
            answers.append(AnswerRow(row[4], row[5], _stored_choices(row[6])))
    # Is there anything on the side this page was reached from? (the same on every row)
    beyond = bool(found[0][8]) if found else False
    more, rows = len(rows) > size, rows[:size]
    if forward:
        rows.reverse()
    older_exists, newer_exists = (beyond, more) if forward else (more, beyond)
    return ResponsePage(rows,
                        older=rows[-1].id if rows and older_exists else None,
                        newer=rows[0].id if rows and newer_exists else None)


def answer_cells(
    questionnaire: Questionnaire,
    response: Response | ResponseRow,
    labels: Callable[[Question], Mapping[str, str]],
    mask: Callable[[str], str] | None = None,
) -> list[str]:
    """One cell per question: text as typed (or passed through `mask` for showing), choices as
    labels joined with '; '."""
    by_question = {a.question_id: a for a in response.answers}
    cells = []
    for question in questionnaire.questions:
        answer = by_question.get(question.id)
        if answer is None:
            cells.append("")
        elif answer.text is not None:
            cells.append(mask(answer.text) if mask else answer.text)
        else:
            names = labels(question)
            cells.append("; ".join(names.get(c, c) for c in answer.choices or ()))
    return cells
