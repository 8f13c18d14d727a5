"""One page of a list that grows with the data: a count and a LIMIT/OFFSET query, two
statements whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

PAGE_SIZE = 50
T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    pages: int
    total: int


def parse_page(raw: str | None) -> int:
    """A page number from a GET parameter; anything else is page 1."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 7 else 1


def parse_id(raw: str | None) -> int | None:
    """A row id from a GET parameter (where a page of a list begins), or None; at most nine
    digits, so it fits the database's integer ids."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 10 else None


def paginate(session: Session, query: Select[Any], number: int, size: int = PAGE_SIZE
             ) -> Page[Any]:
    """Page `number` (1-based, clamped to the pages there are) of `query`'s entities."""
    total = int(session.scalar(
        select(func.count()).select_from(query.order_by(None).subquery())) or 0)
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    items = list(session.scalars(query.offset((number - 1) * size).limit(size)))
    return Page(items, number, pages, total)
