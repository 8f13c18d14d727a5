"""Public pages rendered once and served to every visitor until something they show changes.

When a dialogue or a promise is in the local news, thousands of residents open the same few
pages within minutes, and rendering each one again costs the workers more than anything else
they do. Each worker therefore keeps the pages it rendered (the bytes, with each visitor's own
tokens left as markers) under a key made of:

- the **generation** of the public content: one number in the database, raised in the same
  transaction as every change to anything a public page can show, as its last statement
  before COMMIT (its row is locked only while the transaction commits). Every row counts as
  such a change except a new answer (a response and its answers being stored), an audit
  event, a staff account or session and the analysts' working rows (runs, groups, decisions,
  vectors), which no public page shows. Changing or deleting an answer (erasure, retention)
  counts. The app's engine sees every INSERT, UPDATE and DELETE it runs (ORM flushes, bulk
  statements, Core and raw SQL), so no write path can forget it. The number is raised to at
  least the time in microseconds, so it never comes back after the database is emptied,
  recreated or restored. It is read once per request, so a page is never served after the
  change that made it stale has committed, on any worker or any server;
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
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any, Generic, ParamSpec, TypeVar

from flask import Flask, current_app, g, request, session
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import generate_csrf
from sqlalchemy import DDL, BigInteger, Connection, Engine, event, select
from sqlalchemy.orm import Mapped, Session, mapped_column
from sqlalchemy.sql.dml import Insert, UpdateBase
from sqlalchemy.sql.elements import TextClause
from werkzeug.wrappers import Response

from dialog.db import Base, db, today

EXTENSION = "dialog_pages"
_CHANGED = "dialog_public_content_changed"
# What a session may hold for a visitor to be served a kept page.
_SHAREABLE_SESSION_KEYS = frozenset({"csrf_token"})
V = TypeVar("V")


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
    # The kept counts: a results page reads them itself (its fingerprint), and folding a
    # day's shares into one row (`flask fold-counts`) changes no total.
    "response_tally", "answer_tally",
})
# Rows whose *new* instances no public page shows before their dialogue closes (new answers);
# changing or deleting them does count.
_INSERT_ONLY_TABLES = frozenset({"response", "answer"})


def _private(table: str, inserted: bool) -> bool:
    return table in _PRIVATE_TABLES or (inserted and table in _INSERT_ONLY_TABLES)


def changed(session: Session) -> None:
    """For writes the engine cannot see (COPY on the driver's connection): the session's
    transaction changes public content."""
    session.connection().info[_CHANGED] = True


_WRITING_SQL = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|MERGE\s+INTO)\s+\"?(\w+)",
                          re.IGNORECASE)


def _writing(conn: Connection, statement: Any, *_args: Any) -> None:
    """Every statement the app's engine runs: note a write to public content on the
    connection, to be counted when its transaction commits."""
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
        conn.info[_CHANGED] = True


def _committing(conn: Connection) -> None:
    """Just before COMMIT: raise the generation in the same transaction when it changed
    public content. Raised this late, the row's lock is held only for the commit, so a long
    transaction (retention over a million answers) keeps no staff edit elsewhere waiting.
    The driver's own cursor: SQLAlchemy is in the middle of committing."""
    if not conn.info.pop(_CHANGED, False):
        return
    floor = time.time_ns() // 1000  # an int of our own: nothing from outside reaches the SQL
    raise_it = ("UPDATE public_content SET generation = CASE WHEN generation + 1 > "  # noqa: S608
                f"{floor} THEN generation + 1 ELSE {floor} END WHERE id = 1")
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(raise_it)
        if cursor.rowcount == 0:  # created with the table; a wholesale delete lost it
            cursor.execute("INSERT INTO public_content (id, generation) "  # noqa: S608
                           f"VALUES (1, {floor}) ON CONFLICT (id) DO NOTHING")
            if cursor.rowcount == 0:  # another transaction put it back meanwhile
                cursor.execute(raise_it)
    finally:
        cursor.close()


def _forget(conn: Connection) -> None:
    conn.info.pop(_CHANGED, None)


def _forget_on_reset(dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
    """A connection handed back to the pool without a commit: its writes are undone."""
    del dbapi_connection, reset_state
    connection_record.info.pop(_CHANGED, None)


def watch(engine: Engine) -> None:
    """Count the public-content writes of every transaction on `engine`."""
    for name, listener in (("before_execute", _writing), ("commit", _committing),
                           ("rollback", _forget), ("reset", _forget_on_reset)):
        if not event.contains(engine, name, listener):
            event.listen(engine, name, listener)


def generation(session: Session) -> int:
    return int(session.scalar(select(PublicContent.generation).where(PublicContent.id == 1)) or 0)


# -- tokens that differ per visitor ---------------------------------------------------------

_TOKEN_MAKERS: dict[str, Callable[[str], str]] = {"csrf": lambda _arg: generate_csrf()}
# A secret of this process in each marker: text written into a page (a dialogue's purpose, an
# address) cannot take a marker's shape and be replaced, or break the page for everyone.
_MARKER_PREFIX = f"__dialog_token_{secrets.token_hex(8)}_"
_MARKER = re.compile(b"(" + re.escape(_MARKER_PREFIX.encode()) + rb"([a-z]+)_([0-9]*)__)")
_MARKER_TEXT = re.compile("(" + re.escape(_MARKER_PREFIX) + r"([a-z]+)_([0-9]*)__)")


def register_token(name: str, maker: Callable[[str], str]) -> None:
    """A per-visitor value (such as a form's one-time token) that `token` may stand in for."""
    _TOKEN_MAKERS[name] = maker


def token(name: str, arg: str = "") -> str:
    """The visitor's value, or, while a page is being rendered to be kept, a marker that
    `_fill` replaces with each visitor's own value."""
    if g.get("_page_for_all"):
        g._page_markers = True
        return marker(name, arg)
    return _TOKEN_MAKERS[name](arg)


def marker(name: str, arg: str = "") -> str:
    """What stands for a visitor's token in what is kept for everyone: `fill` and the kept
    pages replace it with each visitor's own value."""
    return f"{_MARKER_PREFIX}{name}_{arg}__"


def fill(text: str) -> str:
    """`text` with each marker replaced by this visitor's own value.

    A page holds the same few markers many times (the CSRF token of ~150 forms on a kept
    concerns page): each is replaced everywhere at once, a token without an argument even
    without searching the text for markers (a Python call for every place, then a search,
    cost 0.27 and 0.22 ms of a concerns page)."""
    made: dict[tuple[str, str], str] = {}
    for name in _TOKEN_MAKERS:
        written = marker(name)
        if written in text:
            text = text.replace(written, _token_for(name, "", made, written))
    if _MARKER_PREFIX in text:  # tokens with an argument, and markers of no known token
        for written, name, arg in set(_MARKER_TEXT.findall(text)):
            text = text.replace(written, _token_for(name, arg, made, written))
    return text


def _fill(body: bytes) -> bytes:
    """`fill` for a kept page's bytes."""
    made: dict[tuple[str, str], str] = {}
    for written, name, arg in set(_MARKER.findall(body)):
        body = body.replace(written, _token_for(name.decode(), arg.decode(), made,
                                                written.decode()).encode())
    return body


def _token_for(name: str, arg: str, made: dict[tuple[str, str], str], written: str) -> str:
    """The visitor's value for a marker, made once per page; a marker of no token this
    process knows is left as it was written."""
    if name not in _TOKEN_MAKERS:
        return written
    if (name, arg) not in made:
        made[name, arg] = _TOKEN_MAKERS[name](arg)
    return made[name, arg]


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


class Kept(Generic[V]):
    """Values kept by one worker, the least recently used dropped first beyond `limit`
    (the sum of the costs given to `keep`)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self._kept: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                return None
            self._kept.move_to_end(key)
            return found[0]

    def keep(self, key: Hashable, value: V, cost: int) -> None:
        if cost > self.limit:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._kept[key] = (value, cost)
            self.size += cost
            while self.size > self.limit:
                _key, (_dropped, dropped_cost) = self._kept.popitem(last=False)
                self.size -= dropped_cost

    def __len__(self) -> int:
        return len(self._kept)


class PageStore(Kept[_Page]):
    """Pages kept by one worker, up to `limit` bytes (each page's body, headers and key: the
    key holds the address, which a visitor chooses, and can be longer than the page)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self._renders: dict[Hashable, tuple[threading.Lock, int]] = {}

    @contextmanager
    def one_at_a_time(self, key: Hashable) -> Iterator[None]:
        """While one thread renders a page, the others asking for it wait for its copy
        instead of rendering it too (a burst right after a change)."""
        with self._lock:
            lock, waiting = self._renders.get(key, (threading.Lock(), 0))
            self._renders[key] = (lock, waiting + 1)
        try:
            with lock:
                yield
        finally:
            with self._lock:
                lock, waiting = self._renders[key]
                if waiting == 1:
                    del self._renders[key]
                else:
                    self._renders[key] = (lock, waiting - 1)

    def put(self, key: Hashable, page: _Page) -> None:
        self.keep(key, page, len(page.body) + len(repr(key))
                  + sum(len(name) + len(value) for name, value in page.headers))


def init_app(app: Flask, limit_bytes: int) -> None:
    from dialog.db import EXTENSION as DATABASE

    watch(app.extensions[DATABASE].engine)
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


def _render(view: Callable[..., ResponseReturnValue], args: Any, kwargs: Any
            ) -> tuple[_Page | None, Response]:
    """The view's page to keep, or None with the response for this visitor alone."""
    # Flask-WTF keeps the visitor's signed CSRF token in `g` once made: made by the view
    # itself (a form's `hidden_tag()`), it is in the page as it is.
    csrf_field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    had_csrf = csrf_field in g
    g._page_for_all = True
    try:
        response = current_app.make_response(view(*args, **kwargs))
    finally:
        g._page_for_all = False
    markers = bool(g.pop("_page_markers", False))
    personal = bool(g.pop("_page_personal", False)) or (not had_csrf and csrf_field in g)
    if (response.status_code != 200 or response.is_streamed or personal
            or session.modified or "Set-Cookie" in response.headers):
        if markers:
            response.set_data(_fill(response.get_data()))
        return None, response
    return _Page(response.status_code,
                 tuple((k, v) for k, v in response.headers.items()
                       if k.lower() != "content-length"),
                 response.get_data(), markers), response


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
                with pages.one_at_a_time(key):
                    page = pages.get(key)
                    if page is None:
                        page, response = _render(view, args, kwargs)
                        if page is None:
                            return response
                        pages.put(key, page)
            return Response(_fill(page.body) if page.markers else page.body,
                            status=page.status, headers=list(page.headers))

        return serve

    return decorate
