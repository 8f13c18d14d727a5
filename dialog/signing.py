"""Signed values (the session cookie, form tokens, device cookies): itsdangerous's own
signatures, made with less work.

Each itsdangerous call derives the signing key from the secret and the salt again, and
computes HMAC-SHA1 through `hmac.new` with a Python digest function, which Python assembles
from two hash objects in Python code; Flask and the answer path also made a new serializer
for every request, which test-serialises an empty dict each time. Here each (secret, salt)
key is derived once per process, the HMAC is OpenSSL's one-shot `hmac.digest`, and a
serializer is made once per purpose and key. Every signature is byte for byte the one plain
itsdangerous makes (tests), so cookies and tokens issued before a deploy stay valid.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from flask import Flask
from flask.sessions import SecureCookieSessionInterface, session_json_serializer
from itsdangerous import Signer, TimestampSigner, URLSafeTimedSerializer, want_bytes
from itsdangerous.signer import HMACAlgorithm


class _SHA1(HMACAlgorithm):
    """HMAC-SHA1 in one call into OpenSSL: the same bytes as `HMACAlgorithm(hashlib.sha1)`."""

    def __init__(self) -> None:
        super().__init__(hashlib.sha1)

    def get_signature(self, key: bytes, value: bytes) -> bytes:
        return hmac.digest(key, value, "sha1")


_ALGORITHM = _SHA1()


@lru_cache(maxsize=256)
def _derived(key_derivation: str, salt: bytes, secret_key: bytes) -> bytes:
    return Signer(secret_key, salt=salt, key_derivation=key_derivation,
                  digest_method=hashlib.sha1).derive_key()


class KeptKeySigner(TimestampSigner):
    """itsdangerous's timestamp signer (SHA-1), each derived key kept for the process."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["digest_method"] = hashlib.sha1
        kwargs["algorithm"] = _ALGORITHM
        super().__init__(*args, **kwargs)

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        key = self.secret_keys[-1] if secret_key is None else want_bytes(secret_key)
        return _derived(self.key_derivation, self.salt, key)


@lru_cache(maxsize=64)
def serializer(secret_keys: tuple[bytes, ...], salt: str,
               key_derivation: str = "django-concat", payload: Any = None
               ) -> URLSafeTimedSerializer:
    """The URL-safe timed serializer of `salt`; the newest key last (older ones verify).
    `payload`: how values become text (itsdangerous's JSON unless given)."""
    return URLSafeTimedSerializer(list(secret_keys), salt=salt, serializer=payload,
                                  signer=KeptKeySigner,
                                  signer_kwargs={"key_derivation": key_derivation})


def app_serializer(app: Flask, salt: str) -> URLSafeTimedSerializer:
    """`serializer` of the app's secret key (and its fallbacks, for key rotation)."""
    return serializer(_keys(app), salt)


def _keys(app: Flask) -> tuple[bytes, ...]:
    fallbacks: Sequence[str | bytes] = app.config.get("SECRET_KEY_FALLBACKS") or ()
    return tuple(want_bytes(key) for key in (*fallbacks, app.secret_key) if key)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, its serializer made once per key."""

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        if not app.secret_key:
            return None
        return serializer(_keys(app), self.salt, self.key_derivation, session_json_serializer)
