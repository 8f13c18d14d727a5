"""Links, QR codes and printable material that bring residents to a dialogue."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import segno

from dialog.links import external_url


def public_link(slug: str, code: str | None = None) -> str:
    """The short absolute address of a dialogue, with an invitation code when given."""
    link = external_url("public.short_link", slug=slug)
    return link + (f"?{urlencode({'code': code})}" if code else "")


def qr_svg(data: str, scale: int = 4) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="svg", scale=scale, xmldecl=False,
                                     svgns=True, title=None)
    return buffer.getvalue()


def qr_png(data: str, scale: int = 10) -> bytes:
    buffer = io.BytesIO()
    segno.make(data, error="m").save(buffer, kind="png", scale=scale)
    return buffer.getvalue()


def qr_data_uri(data: str, scale: int = 3) -> str:
    """An SVG data URI, for <img> on printable pages (the CSP allows data: images)."""
    return str(segno.make(data, error="m").svg_data_uri(scale=scale))
