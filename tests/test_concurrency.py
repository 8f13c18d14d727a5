"""Many requests at once against one app: each has its own database session, none crashes.

Under wrk, gunicorn workers serving the promise list died with SIGSEGV or failed with
`KeyError: 'police_area'`: Python 3.11 ran the garbage collector inside the allocation of an
ORM state's attribute dictionary, and SQLAlchemy's weak-reference callback then wrote to the
state being built (see dialog/gc_points.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from flask import Flask

from dialog import gc_points
from dialog.app import _context_id
from dialog.db import db
from dialog.demo.scale import PROMISE_SLUG, seed_scale

ROOT = Path(__file__).resolve().parent.parent

# Fifteen visits to a page of 30 promises with their activities, the collector due every
# 150 allocations: before the fix this died with SIGSEGV in most runs on Python 3.11.
CHILD = """
import gc, sys
from dialog import create_app
app = create_app()
gc.set_threshold(150, 10, 10)
client = app.test_client()
for _ in range(15):
    page = client.get("/sv/promises/")
    assert page.status_code == 200, page.status_code
print("served", flush=True)
"""


def _seed(app: Flask, scale: float) -> None:
    with app.app_context():
        seed_scale(db.session, scale)
        db.session.commit()


def test_each_app_context_has_a_session_of_its_own(app: Flask) -> None:
    """An address is reused as soon as a context is freed; a session key never is."""
    keys = []
    for _ in range(200):
        with app.app_context():
            keys.append(_context_id())
            assert _context_id() == keys[-1]  # stable within the context
    assert len(set(keys)) == len(keys)
    with app.app_context():
        outer = db.session
        with app.app_context():
            assert db.session is not outer


def test_concurrent_requests_from_threads_get_their_own_results(app: Flask) -> None:
    _seed(app, 0.01)
    pages = {"/sv/promises/": "Medborgarlöften", f"/sv/promises/{PROMISE_SLUG}": "Aktiviteter",
             "/sv/dialogues/": "dialog"}
    failures: list[str] = []
    start = threading.Barrier(6)

    def visit(offset: int) -> None:
        client = app.test_client()
        start.wait()
        for i in range(12):
            url = list(pages)[(i + offset) % len(pages)]
            try:
                page = client.get(url)
                text = page.get_data(as_text=True)
            except Exception as exc:  # any error in a thread is a failure of the test
                failures.append(f"{url}: {exc!r}")
                continue
            if page.status_code != 200 or pages[url] not in text:
                failures.append(f"{url}: {page.status_code}")

    threads = [threading.Thread(target=visit, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    database = app.extensions["dialog_db"]
    assert not database.registry.registry.registry  # every request's session was removed


def test_the_collector_runs_between_requests_not_inside_them(
    app: Flask, database_url: str
) -> None:
    _seed(app, 0.05)
    env = dict(os.environ, DIALOG_ENV="testing", DIALOG_DATABASE_URL=database_url,
               DIALOG_SECRET_KEY="x" * 40, DIALOG_REDIS_URL="", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0 and "served" in done.stdout, (done.returncode, done.stderr[-2000:])


def test_garbage_is_collected_when_a_request_ends(app: Flask) -> None:
    import gc

    if not gc_points.NEEDED:
        assert gc.isenabled()
        return
    assert not gc.isenabled()
    gc.collect()
    for _ in range(gc.get_threshold()[0] * 2):
        cycle: list[object] = []
        cycle.append(cycle)
    assert gc.get_count()[0] >= gc.get_threshold()[0]
    app.test_client().get("/healthz")
    assert gc.get_count()[0] < gc.get_threshold()[0]


def test_garbage_is_collected_when_a_job_or_command_ends(app: Flask) -> None:
    """A job or a command runs in an application context with no request."""
    import gc

    if not gc_points.NEEDED:
        assert gc.isenabled()
        return
    gc.collect()
    with app.app_context():
        for _ in range(gc.get_threshold()[0] * 2):
            cycle: list[object] = []
            cycle.append(cycle)
        assert gc.get_count()[0] >= gc.get_threshold()[0]
    assert gc.get_count()[0] < gc.get_threshold()[0]
