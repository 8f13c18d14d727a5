"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py "dialog:create_app()"`.

Everything can be changed with environment variables; no access log is written, so no client
address ends up in a log file (errors go to stderr without request details).
"""

import multiprocessing
import os

bind = os.environ.get("DIALOG_BIND", "127.0.0.1:8000")
# One single-threaded process per core and one more (sync workers), from measurements on 2
# cores in one session, the same code for every count (benchmarks/submit_bench.py, full;
# benchmarks/scale_bench.py --seconds 5 at national scale; 50 connections):
#                          2 sync         3 sync         4 sync         8 sync
#   answers/s (p99)        1,092 (72 ms)  1,203 (54 ms)  1,070 (67 ms)  895 (74 ms)
#   floor, req/s           1,461          1,714          1,466          1,339
#   public pages, req/s    965-1,728      871-1,564      1,015-1,611    622-1,111
#   staff pages, req/s     143-345        145-307        161-364        120-305
#   staff pages, p99       233-590 ms     233-616 ms     222-505 ms     260-751 ms
# The more processes share the two cores, the more CPU each request costs (a staff page's
# Python under wrk: 6 ms with 2 processes, 9-10 ms with 8: each process has its own heap and
# caches, and they push each other out of the CPU's caches), and PostgreSQL waits are short
# enough that two or three processes keep both cores busy. One more than the cores leaves a
# core working while a process streams an export or waits on a slow statement. Earlier
# sessions compared 2 gthread x 8 threads with 8 sync (threads in one process queue for its
# interpreter lock: staff p99 337-1,452 ms against 216-767 ms).
# gthread (DIALOG_THREADS > 1) keeps connections open between requests; sync workers need the
# reverse proxy in front (see the README) to deal with slow clients. A streamed export of
# 100,000 responses takes about 5 s of the 30 s a worker may go silent (DIALOG_WORKER_TIMEOUT);
# where staff export large dialogues often, more workers keep the site answering meanwhile.
workers = int(os.environ.get("DIALOG_WORKERS", str(multiprocessing.cpu_count() + 1)))
threads = int(os.environ.get("DIALOG_THREADS", "1"))
worker_class = "sync" if threads == 1 else "gthread"
preload_app = True  # load the app once, fail fast on a bad configuration
timeout = int(os.environ.get("DIALOG_WORKER_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, but not in the middle of every burst: at 1,000 requests/s a
# limit of 5,000 restarted each worker every few seconds, and each restart renders every
# public page again and compiles the templates (p99 of a kept page 100 ms -> 500 ms).
max_requests = int(os.environ.get("DIALOG_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
accesslog = None
errorlog = "-"
loglevel = os.environ.get("DIALOG_LOG_LEVEL", "warning")
forwarded_allow_ips = os.environ.get("DIALOG_FORWARDED_ALLOW_IPS", "127.0.0.1")
limit_request_line = 8190


def _refuse_unsafe_layout() -> None:
    """Fail before forking: the whole configuration is checked, and several workers need Redis
    so that they share one set of rate-limit counters."""
    from dialog.config import ConfigError, Settings, check_workers

    try:
        check_workers(Settings.from_env(), workers)
    except ConfigError as exc:
        raise SystemExit(f"Dialog refuses to start: {exc}") from exc


_refuse_unsafe_layout()


def post_fork(server, worker):  # type: ignore[no-untyped-def]
    """Each worker opens its own database connections (none are shared across fork).

    What the app loaded before the fork lives as long as the worker: frozen, the garbage
    collector no longer walks it at every full collection (about 10 ms each before).
    """
    import gc

    from dialog.db import all_databases

    for database in all_databases():
        database.engine.dispose(close=False)
    gc.freeze()
