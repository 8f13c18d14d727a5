"""Background jobs: in an RQ worker when `DIALOG_REDIS_URL` is set, in-process otherwise.

A job is named by its dotted path ("analysis.cli:run") so the worker imports it itself and
the web process never pickles a function object. Arguments must be plain values (ids, strings).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from typing import Any

from flask import current_app, has_app_context

QUEUE = "dialog"
ALLOWED_PACKAGES = {"dialog", "surveys", "analysis"}


def resolve(func_path: str) -> Callable[..., Any]:
    """'package.module:function' (or 'package.module.function') -> the function."""
    separator = ":" if ":" in func_path else "."
    module_name, _, name = func_path.rpartition(separator)
    if not module_name or not name:
        raise ValueError(f"not a function path: {func_path!r}")
    if module_name.split(".")[0] not in ALLOWED_PACKAGES:
        raise ValueError(f"jobs run only the project's own code, not {func_path!r}")
    function = getattr(importlib.import_module(module_name), name)
    if not callable(function):
        raise ValueError(f"{func_path!r} is not callable")
    return function


def run_job(func_path: str, *args: Any) -> Any:
    """What the worker executes: the function inside an application context."""
    if has_app_context():
        return resolve(func_path)(*args)
    from dialog import create_app

    with create_app().app_context():
        return resolve(func_path)(*args)


def redis_connection(url: str | None = None) -> Any:
    import redis

    return redis.Redis.from_url(url or current_app.config["SETTINGS"].redis_url)


@cache
def redis_client(url: str) -> Any:
    """One client (and connection pool) per URL and process, with short timeouts: for calls on
    a request's path, where an unreachable Redis must cost a second at most."""
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=1.0)


def enqueue(func_path: str, *args: Any) -> str | None:
    """Run `func_path(*args)` in the background; returns the RQ job id, or None when it ran
    synchronously because no Redis is configured."""
    resolve(func_path)  # fail now, in the request, for a mistyped path
    url = current_app.config["SETTINGS"].redis_url
    if not url:
        run_job(func_path, *args)
        return None
    return enqueue_to(url, func_path, *args)


def enqueue_to(url: str, func_path: str, *args: Any) -> str:
    """Put `func_path(*args)` on the queue of the Redis at `url` (no application context
    needed: also after a request's commit)."""
    from rq import Queue

    resolve(func_path)
    queue = Queue(QUEUE, connection=redis_client(url))
    job = queue.enqueue(run_job, func_path, *args, job_timeout=30 * 60, result_ttl=24 * 3600,
                        failure_ttl=7 * 24 * 3600)
    return str(job.id)


def work(url: str, *, burst: bool = False) -> None:
    """Process jobs from the queue (what `flask --app dialog worker` runs)."""
    from rq import Queue, Worker

    connection = redis_connection(url)
    worker = Worker([Queue(QUEUE, connection=connection)], connection=connection)
    worker.work(burst=burst, with_scheduler=False)
