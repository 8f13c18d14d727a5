"""One page of a list that grows with the data: a count and a LIMIT/OFFSET query, two
statements whatever the number of rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, bindparam, func, select
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


@dataclass(frozen=True)
class Listing:
    """A list's two statements, built once from its query (any values in it bound parameters,
    given to `paginate`): how many rows, and one page of them (its size and offset bound too).
    Building them and their cache keys on every request costs as much as a round trip."""

    count: Select[Any]
    page: Select[Any]

    @classmethod
    def of(cls, query: Select[Any]) -> Listing:
        return cls(select(func.count()).select_from(query.order_by(None).subquery()),
                   query.limit(bindparam("page_size")).offset(bindparam("page_offset")))


def paginate(session: Session, query: Select[Any] | Listing, number: int,
             size: int = PAGE_SIZE, params: Mapping[str, Any] | None = None) -> Page[Any]:
    """Page `number` (1-based, clamped to the pages there are) of `query`'s entities;
    `params`: the values of its bound parameters."""
    listing = query if isinstance(query, Listing) else Listing.of(query)
    values = dict(params or {})
    total = int(session.scalar(listing.count, values) or 0)
    pages = max(1, -(-total // size))
    number = min(max(1, number), pages)
    items = list(session.scalars(listing.page, {**values, "page_size": size,
                                                "page_offset": (number - 1) * size}))
    return Page(items, number, pages, total)
