"""Security headers sent with every response."""

from __future__ import annotations

from flask import Response

from dialog.config import Settings

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
_HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
# Lower-case name first: the response's own names are read once, not once per header (five
# `setdefault`s scanned every header each, a third of a small response's making).
_PLAIN = tuple((name.lower(), name, value) for name, value in _HEADERS)
_WITH_HSTS = (*_PLAIN, (_HSTS[0].lower(), *_HSTS))


def apply_security_headers(response: Response, settings: Settings) -> Response:
    """Each header unless the response set its own."""
    headers = response.headers
    have = {name.lower() for name, _value in headers.items()}
    for lower, name, value in _WITH_HSTS if settings.hsts else _PLAIN:
        if lower not in have:
            headers.add(name, value)
    return response
