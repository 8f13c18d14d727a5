"""Public pages rendered once and served to every visitor until something they show changes.

When a dialogue or a promise is in the local news, thousands of residents open the same few
pages within minutes, and rendering each one again costs the workers more than anything else
they do. Each worker therefore keeps the pages it rendered (the bytes, with each visitor's own
tokens left as markers) under a key made of:

- the **generation** of the public content: one number in the database, raised in the same
  transaction as every change to anything a public page can show. Every row counts as such a
  change except a new answer (a response and its answers being stored), an audit event, a
  staff account or session and the analysts' working rows (runs, groups, decisions,
  vectors), which no public page shows. Changing or deleting an answer (erasure, retention)
  raises it too. It is raised by the session's events (flush, bulk statements) and by the
  app's engine for Core and raw-SQL writes on the session's connection, and always to at
  least the time in microseconds, so a number never comes back after the database is
  emptied, recreated or restored. The number is read once per request, so a page is never
  served after the change that made it stale has committed, on any worker or any server;
- the day (pages say what is open, delayed or due by today's date), the scheme, the host and
  the address with its query;
- what the view adds itself (the results page: how many responses its dialogue has, since a
  paper answer can still arrive after it closed).

Only visitors without anything personal in their session get a kept page: a staff login, a
message waiting to be shown ("flash") or the record of an answer already sent means the page
is rendered for them alone. The CSRF token and the answer form's one-time token are filled in
for each visitor, never shared. Writes past SQLAlchemy (the national-scale seed's COPY on the
driver's connection) must call `changed`.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import wraps
from typing import Any, ParamSpec

from flask import Flask, current_app, g, request, session
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import generate_csrf
from sqlalchemy import DDL, BigInteger, Connection, Engine, case, event, insert, select, update
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, UOWTransaction, mapped_column
from sqlalchemy.sql.dml import Insert, UpdateBase
from sqlalchemy.sql.elements import TextClause
from werkzeug.wrappers import Response

from dialog.db import Base, db, today

EXTENSION = "dialog_pages"
_CHANGED = "dialog_public_content_changed"
# What a session may hold for a visitor to be served a kept page.
_SHAREABLE_SESSION_KEYS = frozenset({"csrf_token"})


class PublicContent(Base):
    """One row: the generation of everything public pages show."""

    __tablename__ = "public_content"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=0)


event.listen(PublicContent.__table__, "after_create",
             DDL("INSERT INTO public_content (id, generation) VALUES (1, 0)"))


# -- the generation -------------------------------------------------------------------------

# Rows no public page shows, whatever happens to them.
_PRIVATE_TABLES = frozenset({
    "audit_event", "staff_session", "invite_code", "invite_batch", "analysis_run",
    "concern_cluster", "concern_membership", "analyst_decision", "answer_vector",
    "user_account",
})
# Rows whose *new* instances no public page shows before their dialogue closes (new answers);
# changing or deleting them does count.
_INSERT_ONLY_TABLES = frozenset({"response", "answer"})


def _private(table: str, inserted: bool) -> bool:
    return table in _PRIVATE_TABLES or (inserted and table in _INSERT_ONLY_TABLES)


def changed(session: Session) -> None:
    """Raise the generation in the session's transaction (once per transaction)."""
    _raise(session.connection())


def _raise(conn: Connection) -> None:
    """Raise the generation on `conn`, once per transaction (again after a savepoint that
    held the raise is rolled back).

    The new number is at least the time in microseconds: numbers never come back after the
    database is emptied, recreated or restored from a backup, so a page kept under an
    earlier life's number is never served for a later one."""
    if _raised(conn):
        return
    conn.info[_CHANGED] = conn.get_nested_transaction() or conn.get_transaction()
    floor = time.time_ns() // 1000
    following = PublicContent.generation + 1
    raised = conn.execute(update(PublicContent).values(
        generation=case((following > floor, following), else_=floor)))
    if raised.rowcount == 0:  # the row is created with the table; a wholesale delete lost it
        conn.execute(insert(PublicContent).values(id=1, generation=floor))


def _raised(conn: Connection) -> bool:
    """Whether this transaction (and none of its savepoints since rolled back) raised it."""
    owner = conn.info.get(_CHANGED)
    return owner is not None and owner.is_active and owner.connection is conn


def _table_of(instance: object) -> str:
    return str(getattr(instance, "__tablename__", ""))


@event.listens_for(Session, "before_flush")
def _flushing(session: Session, _context: UOWTransaction, _instances: object) -> None:
    public = (any(not _private(_table_of(o), inserted=True) for o in session.new)
              or any(not _private(_table_of(o), inserted=False)
                     for o in (*session.dirty, *session.deleted)
                     if session.is_modified(o) or o in session.deleted))
    if public:
        changed(session)


@event.listens_for(Session, "do_orm_execute")
def _bulk_statement(state: ORMExecuteState) -> None:
    """`session.execute(update(...))`, `delete(...)`, `insert(...)` on mapped tables."""
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    mapper = state.bind_mapper
    table = str(getattr(mapper.local_table, "name", "")) if mapper else \
        str(getattr(state.statement, "table", ""))
    if not _private(table, inserted=state.is_insert):
        changed(state.session)


_WRITING_SQL = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+\"?(\w+)",
                          re.IGNORECASE)


def _core_statement(conn: Connection, statement: Any, *_args: Any) -> None:
    """Writes that pass by the session's events: Core statements on the session's connection
    (`session.connection().execute(update(table))`) and raw SQL (`text("UPDATE ...")`)."""
    if isinstance(statement, UpdateBase):
        table, inserted = str(getattr(statement, "table", "")), isinstance(statement, Insert)
    elif isinstance(statement, TextClause):
        found = _WRITING_SQL.match(statement.text)
        if found is None:
            return
        table, inserted = found.group(1).lower(), found.group(0).lstrip()[:1].upper() == "I"
    else:
        return
    if table != PublicContent.__tablename__ and not _private(table, inserted=inserted):
        _raise(conn)


def generation(session: Session) -> int:
    return int(session.scalar(select(PublicContent.generation).where(PublicContent.id == 1)) or 0)


# -- tokens that differ per visitor ---------------------------------------------------------

_TOKEN_MAKERS: dict[str, Callable[[str], str]] = {"csrf": lambda _arg: generate_csrf()}
# A secret of this process in each marker: text written into a page (a dialogue's purpose, an
# address) cannot take a marker's shape and be replaced, or break the page for everyone.
_MARKER_PREFIX = f"__dialog_token_{secrets.token_hex(8)}_"
_MARKER = re.compile(re.escape(_MARKER_PREFIX.encode()) + rb"([a-z]+)_([0-9]*)__")


def register_token(name: str, maker: Callable[[str], str]) -> None:
    """A per-visitor value (such as a form's one-time token) that `token` may stand in for."""
    _TOKEN_MAKERS[name] = maker


def token(name: str, arg: str = "") -> str:
    """The visitor's value, or, while a page is being rendered to be kept, a marker that
    `_fill` replaces with each visitor's own value."""
    if g.get("_page_for_all"):
        g._page_markers = True
        return f"{_MARKER_PREFIX}{name}_{arg}__"
    return _TOKEN_MAKERS[name](arg)


def _fill(body: bytes) -> bytes:
    return _MARKER.sub(lambda m: _TOKEN_MAKERS[m.group(1).decode()](m.group(2).decode())
                       .encode(), body)


def not_for_all() -> None:
    """Called by a view whose page this time belongs to one visitor (an invitation code)."""
    g._page_personal = True


# -- the kept pages -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Page:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    markers: bool


class PageStore:
    """Pages kept by one worker, the least recently served dropped first beyond `limit`
    bytes (each page's body, headers and key: the key holds the address, which a visitor
    chooses, and can be longer than the page)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._pages: OrderedDict[Hashable, tuple[_Page, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> _Page | None:
        with self._lock:
            found = self._pages.get(key)
            if found is None:
                return None
            self._pages.move_to_end(key)
            return found[0]

    def put(self, key: Hashable, page: _Page) -> None:
        cost = (len(page.body) + len(repr(key))
                + sum(len(name) + len(value) for name, value in page.headers))
        if cost > self.limit:
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._pages[key] = (page, cost)
            self.size += cost
            while self.size > self.limit:
                _key, (_dropped, dropped_cost) = self._pages.popitem(last=False)
                self.size -= dropped_cost

    def __len__(self) -> int:
        return len(self._pages)


def init_app(app: Flask, limit_bytes: int) -> None:
    from dialog.db import EXTENSION as DATABASE

    engine: Engine = app.extensions[DATABASE].engine
    if not event.contains(engine, "before_execute", _core_statement):
        event.listen(engine, "before_execute", _core_statement)
    if limit_bytes > 0:
        app.extensions[EXTENSION] = PageStore(limit_bytes)
    # Flask-WTF offers `csrf_token` as a global and from a context processor; this one,
    # registered after it, wins in both places.
    app.jinja_env.globals["csrf_token"] = _csrf_token
    app.context_processor(lambda: {"csrf_token": _csrf_token})


def _csrf_token() -> str:
    return token("csrf")


def store() -> PageStore | None:
    found: PageStore | None = current_app.extensions.get(EXTENSION)
    return found


def _shareable() -> bool:
    return request.method in {"GET", "HEAD"} and set(session.keys()) <= _SHAREABLE_SESSION_KEYS


P = ParamSpec("P")


def for_all(fingerprint: Callable[..., Hashable] | None = None
            ) -> Callable[[Callable[P, ResponseReturnValue]], Callable[P, Response]]:
    """Keep the view's page for every visitor (see the module's description). `fingerprint`,
    given the view's arguments, adds what else the page depends on."""

    def decorate(view: Callable[P, ResponseReturnValue]) -> Callable[P, Response]:
        @wraps(view)
        def serve(*args: P.args, **kwargs: P.kwargs) -> Response:
            pages = store()
            if pages is None or not _shareable():
                return current_app.make_response(view(*args, **kwargs))
            key = (view.__qualname__, generation(db.session), today(), request.scheme,
                   request.host, request.full_path,
                   fingerprint(**kwargs) if fingerprint else None)
            page = pages.get(key)
            if page is None:
                # Flask-WTF keeps the visitor's signed CSRF token in `g` once made: made by
                # the view itself (a form's `hidden_tag()`), it is in the page as it is.
                csrf_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
                had_csrf = csrf_field in g
                g._page_for_all = True
                try:
                    response = current_app.make_response(view(*args, **kwargs))
                finally:
                    g._page_for_all = False
                markers = bool(g.pop("_page_markers", False))
                personal = (bool(g.pop("_page_personal", False))
                            or (not had_csrf and csrf_field in g))
                if (response.status_code != 200 or response.is_streamed or personal
                        or session.modified or "Set-Cookie" in response.headers):
                    if markers:
                        response.set_data(_fill(response.get_data()))
                    return response
                page = _Page(response.status_code,
                             tuple((k, v) for k, v in response.headers.items()
                                   if k.lower() != "content-length"),
                             response.get_data(), markers)
                pages.put(key, page)
            return Response(_fill(page.body) if page.markers else page.body,
                            status=page.status, headers=list(page.headers))

        return serve

    return decorate
