"""Every registered URL rule, made concrete with arguments that point at real objects."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from flask import Flask
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from dialog.inputs import IdConverter


def concrete_url(rule: Rule, values: Mapping[str, Any]) -> str:
    """A URL for `rule`: known argument names take `values`, others a value their type allows."""
    args: dict[str, Any] = {}
    for name, converter in rule._converters.items():
        if name in values:
            args[name] = values[name]
        elif isinstance(converter, AnyConverter):
            args[name] = sorted(converter.items)[0]
        elif isinstance(converter, IntegerConverter | IdConverter):
            args[name] = 1
        elif name == "filename":
            args[name] = "site.css"
        else:
            args[name] = "x"
    _domain, url = rule.build(args, append_unknown=False) or ("", "")
    return url


def rules(app: Flask, method: str) -> Iterator[Rule]:
    for rule in app.url_map.iter_rules():
        if method in (rule.methods or ()):
            yield rule


def row_counts(app: Flask) -> dict[str, int]:
    """Rows per table: the whole stored state, to prove that a request changed nothing."""
    from sqlalchemy import func, inspect, select

    from dialog.db import Base, db

    with app.app_context():
        existing = set(inspect(db.session.connection()).get_table_names())
        counts = {t.name: int(db.session.scalar(select(func.count()).select_from(t)) or 0)
                  for t in Base.metadata.sorted_tables if t.name in existing}
        db.session.rollback()
    return counts
