"""Absolute links to this site, built from `DIALOG_PUBLIC_URL`, never from the Host header.

A request can claim any host (`Host: evil.example`); a feed reader or a printed QR code would
then carry that address. Production refuses to start without the setting; in development and
testing the request's own address stands in when it is empty.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import current_app, request, url_for


def public_base() -> str:
    """The site's address without a trailing slash, e.g. `https://dialog.example.se`."""
    configured: str = current_app.config["SETTINGS"].public_url.rstrip("/")
    return configured or request.host_url.rstrip("/")


def external_url(endpoint: str, **values: Any) -> str:
    """`url_for(..., _external=True)`, but on the configured site address."""
    return public_base() + url_for(endpoint, **values)


def public_host() -> str:
    """The configured host name (for tag: URIs in feeds)."""
    return urlsplit(public_base()).hostname or "localhost"
