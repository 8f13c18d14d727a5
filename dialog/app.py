"""The application factory."""

from __future__ import annotations

import functools
import itertools
import threading
import weakref
from datetime import timedelta
from typing import Any

import flask_babel
from flask import Flask, Response, g, request
from flask_babel import gettext
from markupsafe import Markup
from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException

from dialog import fragments, gc_points, i18n, inputs, pagecache, ratelimit, signing
from dialog.accounts.models import Role
from dialog.auth import current_user, guard_staff
from dialog.config import INSTANCE, ROOT, ConfigError, Settings
from dialog.db import EXTENSION, Database, db
from dialog.dialogues.models import KIND_LABELS, STATUS_LABELS
from dialog.extensions import babel, csrf
from dialog.security import apply_security_headers


def build_app(config: dict[str, Any] | None = None) -> Flask:
    overrides = dict(config or {})
    settings = overrides.pop("SETTINGS", None) or Settings.from_env(**overrides)
    app = Flask(
        "dialog",
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "dialog" / "static"),
        instance_path=str(INSTANCE),
    )
    INSTANCE.mkdir(exist_ok=True)
    app.session_interface = signing.SessionInterface()
    app.config.update(
        SETTINGS=settings,
        SECRET_KEY=settings.secret_key,
        TESTING=settings.env == "testing",
        WTF_CSRF_TIME_LIMIT=None,  # the form token carries its own age; see dialogues.views
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.production,
        SESSION_COOKIE_NAME="__Host-session" if settings.production else "session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.session_max_hours),
        # The cookie lives as long as the longest session (from login); idle time is kept on
        # the server. So it is not signed and sent again with every page, only when it changes.
        SESSION_REFRESH_EACH_REQUEST=False,
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "translations"),
        BABEL_DEFAULT_LOCALE=i18n.LANGUAGES[0],
        MAX_CONTENT_LENGTH=512 * 1024,
    )

    database = Database(settings.database_url, scopefunc=_context_id)
    app.extensions[EXTENSION] = database
    # An app that is dropped closes its pooled connections instead of leaving them to the GC.
    weakref.finalize(app, database.engine.dispose)
    ratelimit.init_app(app)
    gc_points.init_app(app)
    if settings.proxy_hops:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = settings.proxy_hops
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops
        )
    babel.init_app(app, locale_selector=i18n.babel_locale)
    i18n.install_gettext(app)
    csrf.init_app(app)
    pagecache.init_app(app, settings.page_cache_mb * 1024 * 1024)  # after csrf: its token
    fragments.init_app(app, settings.page_cache_mb * 1024 * 1024)
    inputs.init_app(app)  # the <id:...> converter, before the blueprints' rules use it
    _register_request_cycle(app)
    _register_blueprints(app)
    _register_errors(app)
    _register_template_helpers(app)

    from dialog.cli import register_cli

    register_cli(app)
    if settings.production:
        with app.app_context():
            _refuse_demo_accounts()
    return app


_SCOPES = itertools.count(1)


def _context_id() -> object:
    """Scope database sessions to the app context (one per request or CLI command).

    The key is a number drawn once per context and kept in `g`, never `id(g)`: an address is
    reused as soon as a context is freed, so a session left behind under it would be handed
    to a later request, possibly on another thread. Outside any context, each thread has its
    own session.
    """
    from flask import has_app_context

    if not has_app_context():
        return ("thread", threading.get_ident())
    scope = g.get("_db_scope")
    if scope is None:
        scope = g._db_scope = next(_SCOPES)
    return scope


def _register_request_cycle(app: Flask) -> None:
    @app.url_value_preprocessor
    def pull_lang(endpoint: str | None, values: dict[str, Any] | None) -> None:
        if values and "lang" in values:
            code = values.pop("lang")
            if code not in i18n.LANGUAGES:
                from flask import abort

                abort(404)
            g.lang = code

    @app.url_defaults
    def add_lang(endpoint: str, values: dict[str, Any]) -> None:
        if "lang" not in values and app.url_map.is_endpoint_expecting(endpoint, "lang"):
            values["lang"] = i18n.current()

    @app.before_request
    def refuse_undecodable_address() -> None:
        """A query string that is not UTF-8 gets the 400 page. Browsers percent-encode
        what they send, so only a hand-made request has raw bytes there, and it used to fail
        with a 500 wherever the address is written back (a staff page's return address, the
        login redirect, the kept public pages' key)."""
        try:
            request.query_string.decode()
        except UnicodeDecodeError:
            from flask import abort

            abort(400)

    app.before_request(guard_staff)

    @app.after_request
    def finish_transaction(response: Response) -> Response:
        """One transaction per request: commit what a successful request did, else undo it.
        A request that never used the database (the answer path's own statement) has none."""
        if (session := db.opened()) is not None:
            if response.status_code < 400:
                session.commit()
            else:
                session.rollback()
        if request.path.startswith("/staff/"):
            # Staff pages show residents' answers and accounts: no browser or proxy keeps them.
            response.headers["Cache-Control"] = "no-store"
        return apply_security_headers(response, app.config["SETTINGS"])

    @app.teardown_appcontext
    def end_session(_exc: BaseException | None) -> None:
        session = db.opened()
        if session is not None:
            session.rollback()
            db.remove()


def _register_blueprints(app: Flask) -> None:
    from dialog.accounts.views.account import bp as accounts_bp
    from dialog.accounts.views.admin import bp as admin_bp
    from dialog.concerns.views import bp as concerns_bp
    from dialog.dialogues.views.comparison import bp as comparison_bp
    from dialog.dialogues.views.editor import bp as dialogue_editor_bp
    from dialog.dialogues.views.privacy import bp as dialogue_privacy_bp
    from dialog.dialogues.views.respond import bp as respond_bp
    from dialog.dialogues.views.staff import bp as staff_dialogues_bp
    from dialog.promises.views.public import bp as promises_bp
    from dialog.promises.views.staff import bp as staff_promises_bp
    from dialog.public.views import bp as public_bp

    for bp in (public_bp, respond_bp, accounts_bp, staff_dialogues_bp, dialogue_editor_bp,
               concerns_bp, comparison_bp,
               admin_bp, dialogue_privacy_bp, promises_bp, staff_promises_bp):
        app.register_blueprint(bp)

    @app.get("/healthz")
    def healthz() -> tuple[str, int, dict[str, str]]:
        try:
            db.session.execute(text("SELECT 1"))
        except Exception:  # any database failure means "not healthy"
            return "database unavailable", 503, {"Content-Type": "text/plain"}
        return "ok", 200, {"Content-Type": "text/plain"}


def _register_errors(app: Flask) -> None:
    from flask import render_template
    from flask_wtf.csrf import CSRFError

    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> tuple[str, int]:
        message = gettext(
            "This form has expired or was sent from another site. Go back, reload the page "
            "and try again."
        )
        return render_template("errors/error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int] | HTTPException:
        if exc.code is None or exc.code < 400:
            return exc
        messages = {
            400: gettext("The request could not be understood."),
            403: gettext("You do not have permission to see this page."),
            404: gettext("We could not find that page."),
            405: gettext("That action is not possible here."),
            413: gettext("What you sent is too large. Please shorten it and try again."),
            429: gettext("Too many attempts. Please wait a while and try again."),
        }
        message = messages.get(exc.code, gettext("Something went wrong."))
        return render_template("errors/error.html", code=exc.code, message=message), exc.code


def _register_template_helpers(app: Flask) -> None:
    _register_local_digits(app)
    app.jinja_env.globals["field_language"] = i18n.field_language
    # A global, not a filter: Jinja folds filters on constants once, in the first language.
    app.jinja_env.globals["local_digits"] = i18n.local_digits
    app.jinja_env.globals["staff_languages"] = _staff_languages
    app.jinja_env.globals["staff_nav"] = _staff_nav

    @app.context_processor
    def inject() -> dict[str, Any]:
        lang = i18n.current()
        return {
            "current_lang": i18n.language(lang),
            "languages": i18n.available(),
            "current_user": current_user(),
            "pick": i18n.picker(lang),
            "switch_url": _switch_url,
            "kind_labels": KIND_LABELS,
            "status_labels": STATUS_LABELS,
        }


def _register_local_digits(app: Flask) -> None:
    """Flask-Babel's date and number filters, in the language's own digits (Persian).

    What they write depends only on the value, the format, the locale and the page's language
    (the time zone is the app's): each worker remembers the last 8,192 it wrote. A staff list
    shows a hundred dates, most of them seen on the pages before it; Babel takes about 10 µs
    for each (the concerns page writes a share for each group).
    """
    for name in ("dateformat", "datetimeformat", "numberformat", "percentformat"):
        babel_filter = app.jinja_env.filters[name]

        @functools.lru_cache(maxsize=8192)
        def written(value: Any, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...],
                    locale: Any, lang: str, _wrapped: Any = babel_filter) -> str:
            return i18n.local_digits(str(_wrapped(value, *args, **dict(kwargs))), lang)

        def localised(value: Any, *args: Any, _written: Any = written, **kwargs: Any) -> str:
            try:
                return str(_written(value, args, tuple(sorted(kwargs.items())),
                                    flask_babel.get_locale(), i18n.current()))
            except TypeError:  # a value that cannot be a key (none is expected): not kept
                return str(_written.__wrapped__(value, args, tuple(sorted(kwargs.items())),
                                                None, i18n.current()))

        app.jinja_env.filters[name] = localised


# The staff layout's language form and menu: the same for every visit of a reader to a page,
# and 5-9% of a staff page's instructions. Kept per worker by what they show
# (dialog.fragments), the CSRF token filled in for each reader.
def _staff_languages() -> Markup:
    return fragments.render_each("staff/_languages.html", [{
        "languages": i18n.choices(), "current": i18n.current()}])


def _staff_nav() -> Markup:
    user = current_user()
    if user is None:
        return Markup("")
    return fragments.render_each("staff/_nav.html", [{
        "admin": user.role == Role.ADMIN, "email": user.email,
        "organisation": user.organisation.name}])


def _switch_url(code: str) -> str | None:
    """The same page in another language, or None on pages without a language prefix."""
    from flask import url_for

    if request.endpoint is None or request.url_rule is None:
        # No page at this address (a 404): the same address in the other language when it
        # has a language prefix, else that language's start page, so the error can be read.
        if code not in i18n.LANGUAGES:
            return None
        parts = request.path.split("/", 2)
        if len(parts) > 1 and parts[1] in i18n.LANGUAGES:
            return "/".join(["", code, *parts[2:]])
        return url_for("public.home", lang=code)
    if "lang" not in request.url_rule.arguments:
        return None
    args = dict(request.view_args or {})
    args["lang"] = code
    url = url_for(request.endpoint, **args)
    # Replaced, not refused: the 400 page for an address with raw bytes has these links too.
    query = request.query_string.decode(errors="replace")
    return f"{url}?{query}" if query else url


def _refuse_demo_accounts() -> None:
    from dialog.accounts.models import User

    try:
        demo = db.session.scalar(select(User.id).where(User.is_demo.is_(True)).limit(1))
    except SQLAlchemyError:  # no schema yet: nothing to refuse
        demo = None
    finally:
        db.remove()
    if demo is not None:
        raise ConfigError("Demo accounts exist in this database; remove them before production.")
