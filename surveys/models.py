"""Questionnaires, their questions and the anonymous responses to them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dialog.base import Base, Translated, today


class Questionnaire(Base):
    __tablename__ = "questionnaire"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_language: Mapped[str] = mapped_column(String(10), default="sv")

    questions: Mapped[list[Question]] = relationship(
        back_populates="questionnaire",
        order_by="Question.position",
        cascade="all, delete-orphan",
    )
    responses: Mapped[list[Response]] = relationship(
        back_populates="questionnaire", cascade="all, delete-orphan"
    )


class Question(Base):
    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    answer_type: Mapped[str] = mapped_column(String(20))
    required: Mapped[bool] = mapped_column(default=False)
    text: Mapped[Translated] = mapped_column(default=dict)
    help: Mapped[Translated] = mapped_column(default=dict)
    template_id: Mapped[str | None] = mapped_column(String(80))
    # A follow-up's copy of a baseline question points at the original, for comparisons.
    copied_from_id: Mapped[int | None] = mapped_column(ForeignKey("question.id"))

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="questions")
    options: Mapped[list[QuestionOption]] = relationship(
        back_populates="question", order_by="QuestionOption.position", cascade="all, delete-orphan"
    )

    @property
    def field_name(self) -> str:
        return f"q{self.id}"


class QuestionOption(Base):
    """An answer option of a choice or scale question, with its label per language."""

    __tablename__ = "question_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[Translated] = mapped_column(default=dict)

    question: Mapped[Question] = relationship(back_populates="options")


class Response(Base):
    """One anonymous response: no IP address, no user agent, no cookie, only the date."""

    __tablename__ = "response"
    # A questionnaire's responses in id order: the staff list pages through them by id.
    __table_args__ = (Index("ix_response_questionnaire_id_id", "questionnaire_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[int] = mapped_column(ForeignKey("questionnaire.id"))
    submitted_on: Mapped[date] = mapped_column(default=today)
    channel: Mapped[str] = mapped_column(String(10), default="web")
    # For answers typed in from paper or a meeting: which meeting or place, as staff wrote it.
    channel_detail: Mapped[str | None] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(10), default="sv")
    # Digest of the one-time form token, so a repeated submission is stored once.
    form_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    questionnaire: Mapped[Questionnaire] = relationship(back_populates="responses")
    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan"
    )


class Answer(Base):
    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    text: Mapped[str | None] = mapped_column(Text)
    choices: Mapped[list[str] | None] = mapped_column()

    response: Mapped[Response] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()


# Counts kept by database triggers (see surveys/tally.py), so that the staff pages and the
# concerns page read a few rows instead of counting 100,000 responses or a million answers.
# Each count is split over TALLY_SHARDS rows (by response id), so residents answering the same
# dialogue at the same moment update different rows instead of queueing on one row's lock.
TALLY_SHARDS = 8


class ResponseTally(Base):
    """How many responses a questionnaire has per day given, channel and language (a share)."""

    __tablename__ = "response_tally"

    questionnaire_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire.id", ondelete="CASCADE"), primary_key=True)
    submitted_on: Mapped[date] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    language: Mapped[str] = mapped_column(String(10), primary_key=True)
    shard: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    responses: Mapped[int] = mapped_column(default=0)


class AnswerTally(Base):
    """How many non-empty free-text answers a question has (a share of them)."""

    __tablename__ = "answer_tally"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), primary_key=True)
    shard: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    answers: Mapped[int] = mapped_column(default=0)
