"""Languages: which exist, which one a request is in, and how text is chosen per language."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import flask_babel
from babel import Locale
from flask import g, has_app_context, has_request_context, request, session
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

# Every language whose catalog is complete; the first is the default. One list for the whole
# product, kept in `surveys` (which the question templates share and which needs no Flask).
from surveys.languages import LANGUAGES as LANGUAGES


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's own name for itself
    rtl: bool


@functools.cache
def language(code: str) -> Language:
    locale = Locale.parse(code)
    name = (locale.get_display_name(code) or code).capitalize()
    return Language(code=code, name=name, rtl=locale.character_order == "right-to-left")


def available() -> list[Language]:
    return list(_available())


@functools.cache
def choices() -> tuple[tuple[str, str], ...]:
    """Each language's code and own name, as plain values (a kept part's menu of languages)."""
    return tuple((language.code, language.name) for language in _available())


@functools.cache
def _available() -> tuple[Language, ...]:
    return tuple(language(code) for code in LANGUAGES)


def field_language(name: str) -> Language | None:
    """The language of a form field holding one language's text (`title_ar`), if any."""
    head, _sep, suffix = name.rpartition("_")
    return language(suffix) if head and suffix in LANGUAGES else None


def edit_language(default: str) -> str:
    """The language staff chose to edit a text in (`?language=`), else `default`."""
    wanted = request.args.get("language", "")
    return wanted if wanted in LANGUAGES else default


# Digits of the numbering systems CLDR gives as a language's default (Persian: arabext).
_DIGITS = {"arab": "٠١٢٣٤٥٦٧٨٩", "arabext": "۰۱۲۳۴۵۶۷۸۹"}


def babel_locale() -> str:
    """The locale for dates and numbers: the language, but English as written in Sweden
    (2026-09-30, 30 Sept 2026), not the United States' 9/30/26."""
    code = current()
    return "en_SE" if code == "en" else code


def local_digits(text: str, code: str | None = None) -> str:
    """`text` with Latin digits written in the language's own digits (۱۲۳ in Persian)."""
    table = _digit_table(code or current())
    return text.translate(table) if table else text


@functools.cache
def _digit_table(code: str) -> dict[int, int] | None:
    digits = _DIGITS.get(Locale.parse(code).default_numbering_system)
    return str.maketrans("0123456789", digits) if digits else None


def negotiate() -> str:
    """The best language from Accept-Language, else the default (worked out once a
    request: templates ask for the language many times)."""
    found = g.get("_negotiated")
    if found is None:
        found = g._negotiated = request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]
    return str(found)


def current() -> str:
    """The request's language: the URL prefix for public pages, else the staff choice.

    Worked out once a request, like Flask-Babel's locale (a staff page asks ~50 times); a
    choice made during the request counts from the next one, which its redirect makes."""
    if not has_app_context():
        return LANGUAGES[0]
    state = vars(g._get_current_object())  # one look-up through the proxy, not three
    code = state.get("lang")
    if code in LANGUAGES:
        return str(code)
    found = state.get("_current_lang")
    if found is None:
        if not has_request_context():  # the command line and jobs: the default language
            return LANGUAGES[0]
        found = state["_current_lang"] = _from_request()
    return str(found)


def _from_request() -> str:
    prefix = request.path.split("/")[1]  # an error page for /ar/no-such-page is in Arabic
    if prefix in LANGUAGES:
        return prefix
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return str(chosen)
    return negotiate()


@dataclass(frozen=True)
class Localised:
    """A text chosen for a language, and the language it is really in."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text

    @property
    def is_fallback(self) -> bool:
        return self.lang != current()


def pick(texts: Mapping[str, str] | None, lang: str, source: str = "sv") -> Localised:
    """The text in `lang`, else in the source language, else any text there is."""
    texts = texts or {}
    for code in (lang, source, *texts.keys()):
        value = texts.get(code)
        if value:
            return Localised(value, code)
    return Localised("", lang)


def picker(lang: str) -> Callable[..., Localised]:
    """Templates' `pick(texts, source="sv")`: `pick` in `lang`."""
    return lambda texts, source="sv": pick(texts, lang, source)


def translations() -> Any:
    """The catalogue of this context's locale, looked up once per locale and context.

    Flask-Babel finds it anew for every string (the context, the domain, the locale and its
    name, then the cache): about 5 µs, 100-600 times a staff page. The catalogue is kept on
    Flask-Babel's own context next to the locale it was looked up for, so `force_locale` (a
    poster in two languages) and `flask_babel.refresh` are honoured: a new locale object
    means a new lookup.
    """
    state = g.get("_flask_babel")
    if state is None:
        return flask_babel.get_translations()
    locale = getattr(state, "babel_locale", None)
    kept = getattr(state, "dialog_translations", None)
    if kept is not None and locale is not None and kept[0] is locale:
        return kept[1]
    found = flask_babel.get_translations()
    state.dialog_translations = (getattr(state, "babel_locale", None), found)
    return found


def _formatted(eval_ctx: EvalContext, text: str, variables: dict[str, Any]) -> str:
    """A translation with its variables filled in, as Jinja's newstyle gettext does it: in an
    escaping template the catalogue's text is markup (it is ours and the translators', like
    the template's own text) and each variable is escaped as it is put in."""
    if eval_ctx.autoescape:
        return Markup(text) % variables  # noqa: S704 - catalogue text; variables escaped
    return text % variables


def install_gettext(app: Any) -> None:
    """Templates translate through `translations()`: the same strings and catalogues as
    Flask-Babel's callables, and the same rules as Jinja's "newstyle" gettext (the result is
    markup when the template escapes, and always a %-format, so "%%" is a percent sign), but
    each `_()` is one call instead of three through Jinja's context (8 µs -> 2 µs a string;
    a staff page has 50-200)."""
    env = app.jinja_env
    env.newstyle_gettext = True  # `{% trans %}` passes its variables to these as keywords

    @pass_eval_context
    def gettext(eval_ctx: EvalContext, string: str, **variables: Any) -> str:
        text = translations().ugettext(string)
        return _formatted(eval_ctx, text, variables)

    @pass_eval_context
    def ngettext(eval_ctx: EvalContext, singular: str, plural: str, num: int,
                 **variables: Any) -> str:
        variables.setdefault("num", num)
        text = translations().ungettext(singular, plural, num)
        return _formatted(eval_ctx, text, variables)

    @pass_eval_context
    def pgettext(eval_ctx: EvalContext, context: str, string: str, **variables: Any) -> str:
        variables.setdefault("context", context)
        text = translations().upgettext(context, string)
        return _formatted(eval_ctx, text, variables)

    @pass_eval_context
    def npgettext(eval_ctx: EvalContext, context: str, singular: str, plural: str, num: int,
                  **variables: Any) -> str:
        variables.setdefault("context", context)
        variables.setdefault("num", num)
        text = translations().unpgettext(context, singular, plural, num)
        return _formatted(eval_ctx, text, variables)

    env.globals.update(gettext=gettext, ngettext=ngettext, pgettext=pgettext,
                       npgettext=npgettext, _=gettext)
