"""Parts of a staff page rendered once per worker and shown again while what they show is the same.

A staff page is rendered for its reader, but most of a long one is the same for everyone who
may see it: each group on the concerns page, with its examples, chart and forms, is ~90
escaped values, 25 groups most of the page's cost. Such a part is a template rendered from
plain values only (text, numbers, dates, and lists, dicts and dataclasses of them), and is
kept under its template, the page's language, the address prefix and **the values
themselves**: a changed value is a different key, so nothing has to be told when the data
changes, and a value that cannot be told apart by its text (an ORM object, whose repr shows
no data) is refused rather than risk showing one reader another's data. The template may read
nothing but those values and the language: it is rendered without the context processors,
so `current_user`, `request` and `session` are not there (`pick` is, in the page's language).

The reader's CSRF token is kept as a marker (`pagecache.marker`) and filled in for each
reader.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Sequence
from typing import Any

from flask import current_app, request
from markupsafe import Markup

from dialog import i18n
from dialog.pagecache import Kept, fill, marker

# Characters kept per worker: a run's 25 groups are ~100,000 in one language and role.
LIMIT = 16_000_000
_PLAIN = frozenset({str, int, float, bool, type(None), datetime.date, datetime.datetime})

_kept: Kept[str] = Kept(LIMIT)


@functools.cache
def _shown_fields(kind: Any) -> tuple[str, ...]:  # a dataclass
    fields = dataclasses.fields(kind)
    hidden = [f.name for f in fields if not f.repr]
    if hidden:
        raise TypeError(f"{kind.__name__}.{hidden[0]} is not in its repr")
    return tuple(f.name for f in fields)


def _check(value: object) -> None:
    """Refuse what is not told apart by its repr (see the module's description)."""
    kind: Any = type(value)
    if kind in _PLAIN:
        return
    if kind is list or kind is tuple:
        for item in value:  # type: ignore[attr-defined]
            _check(item)
    elif kind is dict:
        for key, item in value.items():  # type: ignore[attr-defined]
            _check(key)
            _check(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for name in _shown_fields(kind):
            _check(getattr(value, name))
    else:
        raise TypeError(f"a kept part is rendered from plain values, not {kind!r}")


def render_each(template: str, each: Sequence[dict[str, object]], **shared: object) -> Markup:
    """`template` rendered once for each item of `each` with its values and the `shared`
    ones, as kept if it was rendered from the same values in the same language; the parts
    one after the other, each followed by a line break. `csrf` in the template is the
    reader's CSRF token."""
    _check(shared)
    lang = i18n.current()
    common = repr(sorted(shared.items()))
    parts = []
    for values in each:
        _check(values)
        key = (template, lang, request.script_root, common, repr(sorted(values.items())))
        found = _kept.get(key)
        if found is None:
            # Without the context processors: no `current_user`, `request` or `session`.
            found = current_app.jinja_env.get_template(template).render(
                csrf=marker("csrf"), pick=i18n.picker(lang), **shared, **values)
            _kept.keep(key, found, len(found) + len(key[3]) + len(key[4]))
        parts.append(found)
        parts.append("\n")
    return Markup(fill("".join(parts)))  # noqa: S704 - rendered by the template, which escapes
