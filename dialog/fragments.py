"""Parts of a staff page rendered once per worker and shown again while what they show is the same.

A staff page is rendered for its reader, but most of a long one is the same for everyone who
may see it: each group on the concerns page, with its examples, chart and forms, is ~90
escaped values, 25 groups most of the page's cost. Such a part is a template rendered from
plain values only: text, numbers, dates, and lists, dicts and dataclasses of them, each
dataclass handed to the template as its fields alone, so the template sees nothing the
key does not hold. It is kept under its template, the page's language and the address prefix
and **the values themselves**: a changed value is a different key, so nothing has to be told
when the data changes, and a value that cannot be written out as such (an ORM object) is
refused rather than risk showing one reader another's data. The template may read those
values, `csrf` (the reader's CSRF token, kept as a marker that `pagecache.fill` fills in for
each reader), `pick`, `_`/`gettext`/`ngettext`, `url_for` and filters: a name besides these
(`request`, `session`, `current_user`, `config`, ...) is refused before anything is kept.

A page whose parts all follow from a version the database keeps (the concerns page's groups:
a finished run and its decisions) can hand that version to `render_each`: the parts are then
kept together under it, and the values they are made from are not even built while it holds.
`kept_value` keeps any other value the same way, under the caller's version.

The parts are kept by the app (`init_app`), up to the public pages' budget (`page_cache_mb`;
0 keeps none); the values under a version, up to a quarter of it.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import sys
from collections.abc import Callable, Hashable, Sequence
from types import SimpleNamespace
from typing import Any, TypeVar

from flask import Flask, current_app, request
from flask_babel import get_locale
from jinja2 import Environment, meta
from markupsafe import Markup

from dialog import i18n
from dialog.pagecache import Kept, fill, marker

EXTENSION = "dialog_fragments"
VALUES = "dialog_kept_values"
V = TypeVar("V")
_PLAIN = frozenset({str, int, float, bool, type(None), datetime.date, datetime.datetime})
# What a part's template may read besides its values (filters are not names).
_ALLOWED = frozenset({"csrf", "pick", "_", "gettext", "ngettext", "pgettext", "npgettext",
                      "url_for", "range", "dict", "namespace", "cycler", "joiner"})


def init_app(app: Flask, limit_bytes: int) -> None:
    if limit_bytes > 0:
        app.extensions[EXTENSION] = Kept[str](limit_bytes)
        app.extensions[VALUES] = Kept[object](limit_bytes // 4)


def kept_value(version: Hashable | None, build: Callable[[], V], cost: Callable[[V], int]) -> V:
    """`build()`, kept by this worker under `version` while it holds.

    The caller vouches that `version` tells apart every state of what `build` reads (ids and
    timestamps the database keeps, never a value this worker counts), so that whoever reads
    it, in any worker, sees a change at once. None: built every time. `cost(value)`: about
    how many bytes the value holds (`repr_cost` for plain values); its key's are added.
    """
    kept: Kept[object] | None = current_app.extensions.get(VALUES)
    if version is None or kept is None:
        return build()
    key = (build.__module__, build.__qualname__, version)
    found = kept.get(key)
    if found is None:
        found = build()
        kept.keep(key, found, cost(found) + repr_cost(key))
    return found  # type: ignore[return-value]


def text_cost(*texts: str) -> int:
    """Bytes that texts take as Python holds them: 1, 2 or 4 a character, by the widest one
    (a part naming the languages in their own scripts takes 2, one emoji 4), and a header
    each. Their UTF-8 length counted half of what the language form really held."""
    return sum(sys.getsizeof(text) for text in texts)


def repr_cost(value: object) -> int:
    """About how many bytes plain values (dataclasses, lists, dicts, text and numbers) take
    in memory: four a character of their repr (3.7 measured on the concerns page's groups
    and a promise's overview)."""
    return 4 * len(repr(value))


def _plain(value: object) -> object:
    """`value` as the template gets it, written out in plain values (see the module's
    description); TypeError for anything else."""
    kind: Any = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return [_plain(item) for item in value]  # type: ignore[attr-defined]
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}  # type: ignore[attr-defined]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Its fields only, read as attributes (a dict's methods would shadow fields such as
        # `items`); written out as `namespace(...)`, told apart from a dict in the key.
        return SimpleNamespace(**{name: _plain(getattr(value, name))
                                  for name in _field_names(kind)})
    raise TypeError(f"a kept part is rendered from plain values, not {kind!r}")


def _plain_values(values: dict[str, object]) -> dict[str, object]:
    return {name: _plain(value) for name, value in values.items()}


@functools.cache
def _field_names(kind: Any) -> tuple[str, ...]:  # a dataclass
    return tuple(field.name for field in dataclasses.fields(kind))


def _escapes(env: Environment, template: str) -> bool:
    """Whether `template` is rendered with autoescaping (Flask: .html, .xml, .svg)."""
    return bool(env.autoescape(template) if callable(env.autoescape) else env.autoescape)


@functools.lru_cache(maxsize=64)
def _names_read(env: Environment, template: str) -> frozenset[str]:
    """The names `template` and the templates it imports read from its context."""
    source = env.loader.get_source(env, template)[0] if env.loader is not None else ""
    bare = env.overlay()
    bare.globals = {}  # names found in the globals (`request`, `session`) count as read
    parsed = bare.parse(source)
    names = set(meta.find_undeclared_variables(parsed))
    for other in meta.find_referenced_templates(parsed):
        if other is not None:
            names |= _names_read(env, other)
    return frozenset(names)


def render_each(template: str,
                each: Sequence[dict[str, object]] | Callable[[], Sequence[dict[str, object]]],
                version: Hashable | None = None, *, keep: bool = True,
                **shared: object) -> Markup:
    """`template` rendered once for each item of `each` with its values and the `shared`
    ones, as kept if it was rendered from the same values in the same language; the parts
    one after the other, each followed by a line break.

    `version`: what `each` (then a function that makes it) follows from, as `kept_value`
    takes it: the parts are kept together under it and the shared values, and `each` is
    called only when they are not. `keep=False`: rendered the same way, with the same
    checks, and not kept: for values a visitor makes up (text typed into a filter), which
    would otherwise fill the budget and push out what everyone reads.
    """
    kept: Kept[str] | None = current_app.extensions.get(EXTENSION) if keep else None
    common = _plain_values(shared)
    lang = i18n.current()
    place = (template, lang, str(get_locale()), request.script_root, repr(common))
    whole_key = (*place, "whole", version)
    whole = kept.get(whole_key) if kept is not None and version is not None else None
    if whole is None:
        whole = _render_parts(template, each, place, common, kept)
        if kept is not None and version is not None:
            kept.keep(whole_key, whole, text_cost(whole) + repr_cost(whole_key))
    # Each part from a template that escapes (checked when it was rendered); the tokens are
    # URL-safe.
    return Markup(fill(whole))  # noqa: S704 - escaped by the template


def _render_parts(template: str,
                  each: Sequence[dict[str, object]] | Callable[[], Sequence[dict[str, object]]],
                  place: tuple[str, ...], common: dict[str, object],
                  kept: Kept[str] | None) -> str:
    """The parts of `render_each`, joined, their tokens still markers."""
    env = current_app.jinja_env
    lang = place[1]
    parts = []
    for values in each() if callable(each) else each:
        own = _plain_values(values)
        key = (*place, repr(own))
        found = kept.get(key) if kept is not None else None
        if found is None:
            if not _escapes(env, template):  # the parts are joined and marked safe below
                raise TypeError(f"{template} does not escape what it writes")
            unknown = _names_read(env, template) - _ALLOWED - common.keys() - own.keys()
            if unknown:
                raise TypeError(f"{template} reads {sorted(unknown)}, which a kept part may not")
            # Without the context processors, and the names above checked: the part reads
            # nothing of the reader's besides the token.
            found = env.get_template(template).render(
                csrf=marker("csrf"), pick=i18n.picker(lang), **common, **own)
            if kept is not None:
                kept.keep(key, found, text_cost(found, *key))
        parts.append(found)
        parts.append("\n")
    return "".join(parts)
