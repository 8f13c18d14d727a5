"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py "dialog:create_app()"`.

Everything can be changed with environment variables; no access log is written, so no client
address ends up in a log file (errors go to stderr without request details).
"""

import multiprocessing
import os

bind = os.environ.get("DIALOG_BIND", "127.0.0.1:8000")
# Four single-threaded processes per core (sync workers), from measurements on 2 cores in one
# session, the same code and the same layout for every server in each run (scale_bench.py at
# national scale, submit_bench.py; p99 at 50 connections):
#                               2 gthread x 8 threads   8 sync
#   answers/s (p99)             663-717 (121-170 ms)    757-811 (72-80 ms)
#   public pages, p99           78-149 ms               44-77 ms
#   staff pages, req/s          84-305                  105-300
#   staff pages, p99            337-1,452 ms            216-767 ms
#   submit/floor ratio          0.46-0.62               0.46-0.49 (the floor gains as much:
#                                                       1,073-1,547/s -> 1,646/s)
# (A later session made the answer one round trip: 0.63-0.65 with 8 sync workers, the floor
# and the site measured in alternating turns on a machine three times slower.)
# A request waits on PostgreSQL several times (each statement, the durable commit). In one
# process its threads share one interpreter lock: a thread back from the database waits for
# the others' Python, and a process holds on to the connections it accepted however busy it
# is. Separate processes use both cores while others wait, and take requests in arrival order
# from one queue (p99 close to p50). gthread (DIALOG_THREADS > 1) keeps connections open
# between requests; sync workers need the reverse proxy in front (see the README) to deal
# with slow clients. A streamed export of 100,000 responses takes about 5 s of the 30 s a
# worker may go silent (DIALOG_WORKER_TIMEOUT).
workers = int(os.environ.get("DIALOG_WORKERS", str(4 * multiprocessing.cpu_count())))
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
