"""Database plumbing: the declarative base, the engine and one session per request.

Kept free of Flask imports at module level so that `surveys` can define its models on the
same metadata.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, DateTime, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Translated = dict[str, str]
"""A text stored per language code, e.g. {"sv": "Hej", "en": "Hello"}."""


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        Translated: JSON,
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[dict[str, Any]]: JSON,
        datetime: DateTime(timezone=True),
    }


def utcnow() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return datetime.now(UTC).date()


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets foreign keys and a busy timeout so writers queue."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # Deleted rows (used invitation codes, answers past retention) are overwritten
            # with zeros, not left readable in free pages of the file.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


class Database:
    """Owns the engine and a session scoped to the current application context."""

    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.registry: scoped_session[Session] = scoped_session(sessionmaker())

    @property
    def session(self) -> Session:
        """The session of the current request or command."""
        return self.registry()

    def remove(self) -> None:
        self.registry.remove()

    def configure(self, url: str, scopefunc: Any = None) -> None:
        if self.engine is not None:
            self.engine.dispose()
        self.engine = make_engine(url)
        self.registry = scoped_session(
            sessionmaker(bind=self.engine, expire_on_commit=False), scopefunc=scopefunc
        )



db = Database()
