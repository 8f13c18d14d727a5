"""Counts of responses and answers kept by the database itself, exact at any size.

The staff dialogue page shows how many responses a dialogue has (in all, per channel, per
day given, and matching the list's filter) and the concerns page how many free-text answers a
question has. Counted from the rows, each of those grows with the data: 100,000 responses
and a million answers cost tens of milliseconds per count. Instead, triggers on `response` and
`answer` keep `response_tally` (per questionnaire, day given, channel and language) and
`answer_tally` (non-empty free-text answers per question) up to date in the same transaction
as the rows they count, whatever writes them: the answer path, paper entry, retention and
erasure, the ORM, a bulk COPY. A reader sums a few rows.

Each count is split over `TALLY_SHARDS` rows by response id, so two residents answering the
same dialogue at the same moment add to different rows and neither waits for the other's
commit. On PostgreSQL the triggers run once per statement over its transition table (a COPY of
a million answers or a retention delete is one grouped update, not a million); on SQLite, which
has only row triggers and one writer at a time, once per row.

The triggers are created by migration 0015 and, for a schema made from the metadata
(`create_all`), by the `after_create` listener below. SQLite's "batch" migrations rebuild a
table and drop its triggers: a later migration that rebuilds `response` or `answer` on SQLite
must call `create_triggers` again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, event, func, select, text, true
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from dialog.base import Base, column_rows
from surveys.models import TALLY_SHARDS, AnswerTally, ResponseTally
from surveys.responses import ResponseFilter, bound_conditions

_RESPONSE_KEY = "questionnaire_id, submitted_on, channel, language, shard"


def _non_empty(row: str = "") -> str:
    """A free-text answer as `count_answers` counts it: text that is not blank."""
    return f"{row}text IS NOT NULL AND trim({row}text) <> ''"


_NON_EMPTY = _non_empty()

POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION response_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE response_tally AS t SET responses = t.responses - gone.n
    FROM (SELECT questionnaire_id, submitted_on, channel, language,
                 id % {TALLY_SHARDS} AS shard, count(*) AS n
          FROM old_rows GROUP BY 1, 2, 3, 4, 5) AS gone
    WHERE t.questionnaire_id = gone.questionnaire_id AND t.submitted_on = gone.submitted_on
      AND t.channel = gone.channel AND t.language = gone.language AND t.shard = gone.shard;
    DELETE FROM response_tally AS t
    USING (SELECT DISTINCT questionnaire_id FROM old_rows) AS gone
    WHERE t.questionnaire_id = gone.questionnaire_id AND t.responses <= 0;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    -- in key order, so that concurrent writers take the rows' locks in the same order
    INSERT INTO response_tally AS t ({_RESPONSE_KEY}, responses)
    SELECT questionnaire_id, submitted_on, channel, language, id % {TALLY_SHARDS}, count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ({_RESPONSE_KEY}) DO UPDATE SET responses = t.responses + excluded.responses;
  END IF;
  RETURN NULL;
END $$""",
    f"""
CREATE OR REPLACE FUNCTION answer_tally_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE answer_tally AS t SET answers = t.answers - gone.n
    FROM (SELECT question_id, response_id % {TALLY_SHARDS} AS shard, count(*) AS n
          FROM old_rows WHERE {_NON_EMPTY} GROUP BY 1, 2) AS gone
    WHERE t.question_id = gone.question_id AND t.shard = gone.shard;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO answer_tally AS t (question_id, shard, answers)
    SELECT question_id, response_id % {TALLY_SHARDS}, count(*)
    FROM new_rows WHERE {_NON_EMPTY} GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (question_id, shard) DO UPDATE SET answers = t.answers + excluded.answers;
  END IF;
  RETURN NULL;
END $$""",
    *(
        statement
        for table in ("response", "answer")
        for op, transition in (("INSERT", "NEW TABLE AS new_rows"),
                               ("DELETE", "OLD TABLE AS old_rows"),
                               ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"))
        for statement in (  # dropped first: PostgreSQL before 14 has no CREATE OR REPLACE
            f"DROP TRIGGER IF EXISTS {table}_tally_{op.lower()} ON {table}",
            f"CREATE TRIGGER {table}_tally_{op.lower()} AFTER {op} ON {table} "
            f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {table}_tally_change()",
        )
    ),
]

_SQLITE_RESPONSE_ADD = f"""
  INSERT INTO response_tally ({_RESPONSE_KEY}, responses)
  VALUES (NEW.questionnaire_id, NEW.submitted_on, NEW.channel, NEW.language,
          NEW.id % {TALLY_SHARDS}, 1)
  ON CONFLICT ({_RESPONSE_KEY}) DO UPDATE SET responses = responses + 1;"""
_SQLITE_RESPONSE_REMOVE = f"""
  UPDATE response_tally SET responses = responses - 1
  WHERE questionnaire_id = OLD.questionnaire_id AND submitted_on = OLD.submitted_on
    AND channel = OLD.channel AND language = OLD.language AND shard = OLD.id % {TALLY_SHARDS};
  DELETE FROM response_tally
  WHERE questionnaire_id = OLD.questionnaire_id AND submitted_on = OLD.submitted_on
    AND channel = OLD.channel AND language = OLD.language AND shard = OLD.id % {TALLY_SHARDS}
    AND responses <= 0;"""
_SQLITE_ANSWER_ADD = f"""
  INSERT INTO answer_tally (question_id, shard, answers)
  SELECT NEW.question_id, NEW.response_id % {TALLY_SHARDS}, 1
  WHERE {_non_empty("NEW.")}
  ON CONFLICT (question_id, shard) DO UPDATE SET answers = answers + 1;"""
_SQLITE_ANSWER_REMOVE = f"""
  UPDATE answer_tally SET answers = answers - 1
  WHERE question_id = OLD.question_id AND shard = OLD.response_id % {TALLY_SHARDS}
    AND {_non_empty("OLD.")};"""

SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS response_tally_insert AFTER INSERT ON response BEGIN"
    f"{_SQLITE_RESPONSE_ADD}\nEND",
    f"CREATE TRIGGER IF NOT EXISTS response_tally_delete AFTER DELETE ON response BEGIN"
    f"{_SQLITE_RESPONSE_REMOVE}\nEND",
    f"CREATE TRIGGER IF NOT EXISTS response_tally_update AFTER UPDATE ON response BEGIN"
    f"{_SQLITE_RESPONSE_REMOVE}{_SQLITE_RESPONSE_ADD}\nEND",
    f"CREATE TRIGGER IF NOT EXISTS answer_tally_insert AFTER INSERT ON answer BEGIN"
    f"{_SQLITE_ANSWER_ADD}\nEND",
    f"CREATE TRIGGER IF NOT EXISTS answer_tally_delete AFTER DELETE ON answer BEGIN"
    f"{_SQLITE_ANSWER_REMOVE}\nEND",
    f"CREATE TRIGGER IF NOT EXISTS answer_tally_update AFTER UPDATE ON answer BEGIN"
    f"{_SQLITE_ANSWER_REMOVE}{_SQLITE_ANSWER_ADD}\nEND",
]

def create_triggers(connection: Connection) -> None:
    """Create the triggers that keep the tallies (the tables must exist)."""
    name = connection.dialect.name
    if name not in ("postgresql", "sqlite"):
        raise RuntimeError(f"Dialog runs on PostgreSQL or SQLite, not {name}")
    for statement in POSTGRESQL if name == "postgresql" else SQLITE:
        connection.execute(text(statement))


@event.listens_for(Base.metadata, "after_create")
def _after_create(_target: Any, connection: Connection, **_kw: Any) -> None:
    """A schema made from the metadata (not by the migrations) gets the triggers too."""
    create_triggers(connection)


@dataclass(frozen=True)
class ResponseCounts:
    """A questionnaire's responses per day given and channel: all of them, and those that
    match a filter."""

    rows: tuple[tuple[date, str, int, int], ...]  # day, channel, responses, matching

    def total(self) -> int:
        return sum(n for _day, _channel, n, _matching in self.rows)

    def matching(self) -> int:
        return sum(m for _day, _channel, _n, m in self.rows)

    def by_channel(self, channels: tuple[str, ...]) -> dict[str, int]:
        counts = dict.fromkeys(channels, 0)
        for _day, channel, n, _matching in self.rows:
            counts[channel] = counts.get(channel, 0) + n
        return counts

    def by_date(self, channels: tuple[str, ...]) -> list[tuple[date, dict[str, int]]]:
        """Per day given, per channel, oldest first."""
        days: dict[date, dict[str, int]] = {}
        for day, channel, n, _matching in self.rows:
            days.setdefault(day, dict.fromkeys(channels, 0))[channel] = n
        return sorted(days.items())


@lru_cache(maxsize=32)
def _counts_statement(shape: tuple[bool, bool, bool, bool]) -> Select[date, str, int, int]:
    match = and_(true(), *bound_conditions(ResponseTally, shape))
    return (select(ResponseTally.submitted_on, ResponseTally.channel,
                   func.sum(ResponseTally.responses),
                   func.coalesce(func.sum(ResponseTally.responses).filter(match), 0))
            .where(ResponseTally.questionnaire_id == bindparam("questionnaire_id",
                                                               type_=Integer))
            .group_by(ResponseTally.submitted_on, ResponseTally.channel))


def response_counts(session: Session, questionnaire_id: int,
                    chosen: ResponseFilter | None = None) -> ResponseCounts:
    """The questionnaire's responses per day and channel, and of them those `chosen` lets
    into the list: one statement over at most days × channels × languages × shards rows
    (built once per shape of filter, its values bound when it runs)."""
    chosen = chosen or ResponseFilter()
    rows = column_rows(session, _counts_statement(chosen.shape()),
                       {**chosen.params(), "questionnaire_id": questionnaire_id}).all()
    # Fetched at once: a row at a time is a Python call each (a year has 1,000 rows).
    return ResponseCounts(tuple((day, channel, int(n), int(m))
                                for day, channel, n, m in rows if n))


_FOLD = f"""
INSERT INTO response_tally AS t ({_RESPONSE_KEY}, responses)
SELECT questionnaire_id, submitted_on, channel, language, 0, sum(responses)
FROM {{source}} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
ON CONFLICT ({_RESPONSE_KEY}) DO UPDATE SET responses = t.responses + excluded.responses"""


def fold_past_days(session: Session, before: date) -> int:
    """Fold the shares of each count of a day before `before` into one row (shard 0).

    Shares keep residents answering at the same moment from waiting on each other; once a
    day is over, few answers are still given on it (paper typed in later), and reading the
    staff page sums a fraction of the rows. Exact whenever it runs, and safe to run again:
    an answer to a folded day meanwhile adds a share that the next run folds. Returns the
    number of rows folded away."""
    if session.get_bind().dialect.name == "postgresql":
        # One statement: the deleted shares (their latest values, after any writer holding
        # them has committed) are what is added to shard 0.
        return int(session.scalar(text(
            "WITH gone AS (DELETE FROM response_tally WHERE submitted_on < :before "
            f"AND shard <> 0 RETURNING {_RESPONSE_KEY}, responses), "
            "added AS (" + _FOLD.format(source="gone") + " RETURNING 1) "
            "SELECT count(*) FROM gone"), {"before": before}) or 0)
    # SQLite: one writer at a time, so two statements in one transaction are as good.
    session.execute(text(_FOLD.format(
        source="response_tally WHERE submitted_on < :before AND shard <> 0")),
        {"before": before})
    result = session.execute(text(
        "DELETE FROM response_tally WHERE submitted_on < :before AND shard <> 0"),
        {"before": before})
    return int(getattr(result, "rowcount", 0) or 0)


def take_response_counts(session: Session, questionnaire_id: int) -> None:
    """Lock the questionnaire's response counts until the transaction ends, before deleting
    its answers and then its responses. An answer takes its response's count first, then
    its texts' counts; the deletion would otherwise take them the other way round, and a
    resident answering meanwhile could deadlock with it (and lose the answer). No-op on
    SQLite, where one writer at a time holds the whole database."""
    session.execute(select(ResponseTally.shard)
                    .where(ResponseTally.questionnaire_id == questionnaire_id)
                    .with_for_update()).all()


def response_total(session: Session, questionnaire_id: int) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(ResponseTally.responses), 0))
                              .where(ResponseTally.questionnaire_id == questionnaire_id)) or 0)


def answer_total(session: Session, question_id: int) -> int:
    """Non-empty free-text answers to the question (text not blank after trimming spaces)."""
    return int(session.scalar(select(func.coalesce(func.sum(AnswerTally.answers), 0))
                              .where(AnswerTally.question_id == question_id)) or 0)


# Built once, its ids bound when it runs (the concerns page asks on every view).
_ANSWER_TOTALS = (select(AnswerTally.question_id, func.sum(AnswerTally.answers))
                  .where(AnswerTally.question_id.in_(bindparam("ids", expanding=True)))
                  .group_by(AnswerTally.question_id))


def answer_totals(session: Session, question_ids: Sequence[int]) -> dict[int, int]:
    """`answer_total` of each question, in one statement (0 for a question with none)."""
    totals = dict.fromkeys(question_ids, 0)
    if question_ids:
        totals.update((question_id, int(n)) for question_id, n in session.execute(
            _ANSWER_TOTALS, {"ids": list(question_ids)}))
    return totals
