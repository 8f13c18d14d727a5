"""Database plumbing: each app's engine and one session per request.

The declarative base lives in `dialog.base`, which `surveys` imports for its models.
"""

from __future__ import annotations

import json
import time
import weakref
from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, scoped_session, sessionmaker

# Re-exported: the models and services import them from here.
from dialog.base import NAMING_CONVENTION as NAMING_CONVENTION
from dialog.base import Base as Base
from dialog.base import Translated as Translated
from dialog.base import today as today
from dialog.base import utcnow as utcnow

_AFTER_COMMIT = "dialog_after_commit"


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Call `callback` once the session's transaction is committed (never if it is rolled
    back): for telling another process about rows it must be able to read."""
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)


@event.listens_for(Session, "after_commit")
def _run_after_commit(session: Session) -> None:
    for callback in session.info.pop(_AFTER_COMMIT, []):
        callback()


@event.listens_for(Session, "after_rollback")
def _forget_after_commit(session: Session) -> None:
    session.info.pop(_AFTER_COMMIT, None)


def may_be_stored_slug(slug: str) -> bool:
    """Whether `slug` could name a stored row: none holds a NUL or is longer than 80, and
    PostgreSQL refuses a NUL in a query. Look-ups by slug from an address check this first."""
    return "\x00" not in slug and len(slug) <= 80


def json_loads(text: str | bytes) -> Any:
    """A stored JSON value, read with orjson: every translated text, group and figure is one,
    hundreds on a staff page, and the standard library's reader took a tenth of the page.
    What orjson refuses and the standard library reads (NaN, a lone surrogate) is read by the
    latter. orjson reads an integer past 64 bits as a float: no stored value holds one (the
    app's own ids, counts and bounded settings)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def make_engine(url: str) -> Engine:
    """Create the engine; SQLite gets foreign keys and a busy timeout so writers queue.
    JSON columns are read with `json_loads` on both."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, json_deserializer=json_loads)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            # Deleted rows (used invitation codes, answers past retention) are overwritten
            # with zeros, not left readable in free pages of the file.
            cursor.execute("PRAGMA secure_delete=ON")
            cursor.close()

        return engine
    engine = create_engine(url, json_deserializer=json_loads)
    _ping_idle_connections(engine)
    return engine


PING_AFTER_IDLE = 10.0  # seconds


def _ping_idle_connections(engine: Engine) -> None:
    """Check a pooled connection before use only when it has been idle a while.

    `pool_pre_ping` pings before every checkout: a round trip on every request, as many as the
    answer path's own statement. A connection in steady use needs none; one left idle (when
    the database may have restarted meanwhile) is pinged, and replaced if dead, as before.
    """

    @event.listens_for(engine, "checkin")
    def _idle_since(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError("a pooled connection was dead") from exc


class Database:
    """One application's engine and its sessions, one per application context."""

    def __init__(self, url: str, scopefunc: Any = None) -> None:
        self.url = url
        self.engine: Engine = make_engine(url)
        self.registry: scoped_session[Session] = scoped_session(
            sessionmaker(bind=self.engine, expire_on_commit=False), scopefunc=scopefunc
        )
        _ALL.add(self)

    @property
    def session(self) -> Session:
        """The session of the current request or command."""
        return self.registry()

    def opened(self) -> Session | None:
        """The current request's session if it has one yet (none is made by asking)."""
        return self.registry() if self.registry.registry.has() else None

    def remove(self) -> None:
        self.registry.remove()

    def dispose(self) -> None:
        """Close the sessions and every pooled connection (the app is done with them)."""
        self.registry.remove()
        self.engine.dispose()


_ALL: weakref.WeakSet[Database] = weakref.WeakSet()
EXTENSION = "dialog_db"


def all_databases() -> list[Database]:
    """Every database handle of this process (gunicorn resets their pools after fork)."""
    return list(_ALL)


class CurrentDatabase:
    """`db`: the database of the application in whose context the code runs.

    Each `create_app()` binds its own `Database` (in `app.extensions`), so two apps in one
    process (a test, a worker serving several sites) never use each other's database.
    """

    @staticmethod
    def get() -> Database:
        from flask import current_app

        database: Database = current_app.extensions[EXTENSION]
        return database

    @property
    def session(self) -> Session:
        return self.get().session

    @property
    def engine(self) -> Engine:
        return self.get().engine

    def opened(self) -> Session | None:
        return self.get().opened()

    def remove(self) -> None:
        self.get().remove()


db = CurrentDatabase()
