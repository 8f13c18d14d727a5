"""More than one machine: two app servers (two gunicorn processes on two ports) sharing one
PostgreSQL and one Redis behave as one site for a staff login, a form token and the submit
rate limit."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask

from tests.conftest import PASSWORD
from tests.external import REDIS_URL, redis_client

ROOT = Path(__file__).resolve().parent.parent
SECRET = "two-servers-shared-secret-key-0123456789"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(port: int, database_url: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DIALOG_ENV="testing", DIALOG_DATABASE_URL=database_url,
               DIALOG_SECRET_KEY=SECRET, DIALOG_BIND=f"127.0.0.1:{port}", DIALOG_WORKERS="1",
               DIALOG_REDIS_URL=REDIS_URL, DIALOG_SUBMIT_RATE_LIMIT="3/hour",
               PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c",
                                str(ROOT / "gunicorn.conf.py"), "dialog:create_app()"],
                               env=env, cwd=ROOT)
    for _ in range(300):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        try:
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.1)
        finally:
            conn.close()  # threaded workers keep connections alive
    process.kill()
    raise AssertionError(f"gunicorn did not start on port {port}")


def _request(port: int, method: str, path: str, cookie: str = "",
             form: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Status, body and the cookie to send next (the new one if the server set one)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Cookie": cookie} if cookie else {}
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
    finally:
        conn.close()  # threaded workers keep connections alive
    jar = dict(part.split("=", 1) for part in cookie.split("; ") if "=" in part)
    for header in response.msg.get_all("Set-Cookie") or []:
        name, value = header.split(";")[0].split("=", 1)
        jar[name] = value
    return response.status, text, "; ".join(f"{k}={v}" for k, v in jar.items())


def _field(html: str, name: str) -> str:
    match = re.search(rf'name="{name}"[^>]*value="([^"]+)"', html)
    assert match, f"no {name}"
    return match.group(1)


@pytest.fixture
def two_servers(app: Flask, database_url: str) -> Iterator[tuple[int, int]]:
    # On SQLite both servers open the same file (one machine); on PostgreSQL, the same server.
    redis_client()  # emptied; skipped here and failed in CI without Redis
    ports = _free_port(), _free_port()
    servers = [_serve(port, database_url) for port in ports]
    try:
        yield ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def test_two_app_servers_behave_as_one_site(
    two_servers: tuple[int, int], make_user: Callable[..., str],
    make_dialogue: Callable[..., str],
) -> None:
    a, b = two_servers
    email = make_user()
    slug = make_dialogue()

    # A login on one server is a login on the other.
    _status, page, cookie = _request(a, "GET", "/staff/login")
    status, _body, cookie = _request(a, "POST", "/staff/login", cookie,
                                     {"email": email, "password": PASSWORD,
                                      "csrf_token": _field(page, "csrf_token")})
    assert status == 302
    status, body, _cookie = _request(b, "GET", "/staff/", cookie)
    assert status == 200 and "Trygghet i Norra" in body

    # A form opened on one server is accepted by the other, once; the limit of three
    # answers an hour from one client counts on both servers together.
    def answer(open_on: int, send_to: int) -> int:
        _status, form, session = _request(open_on, "GET", f"/sv/d/{slug}")
        scale = re.search(r'name="(q\d+)"[^>]*value="safe"', form)
        assert scale
        status, _body, _session = _request(send_to, "POST", f"/sv/d/{slug}", session, {
            "csrf_token": _field(form, "csrf_token"), "form_token": _field(form, "form_token"),
            scale.group(1): "safe", "send": "1"})
        return status

    assert answer(a, b) == 303
    assert answer(b, a) == 303
    assert answer(a, b) == 303
    assert answer(b, a) == 429
