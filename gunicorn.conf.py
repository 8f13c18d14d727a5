"""Gunicorn settings for production: `gunicorn -c gunicorn.conf.py "dialog:create_app()"`.

Everything can be changed with environment variables; no access log is written, so no client
address ends up in a log file (errors go to stderr without request details).
"""

import multiprocessing
import os

bind = os.environ.get("DIALOG_BIND", "127.0.0.1:8000")
# One process per core, eight threads each (gthread). Measured with benchmarks/submit_bench.py
# --quick on 2 cores shared with other jobs (load average 8-14, so noisy; the same layout serves
# the floor and hello-world in each run): answers/s (submit/floor ratio, p99)
#   sync, 5 workers (the old default, 2 x cores + 1):   157/s (0.39, p99 454 ms)
#   gthread, 2 workers x 8 threads:                     541/s (0.47, p99 242 ms)
#   gthread, 2 workers x 16 threads:                    454/s (0.54, p99 332 ms)
#   gthread, 4 workers x 4 threads:                     413/s (0.43, p99 377 ms)
# An answer waits on the database twice (its statement, then the durable commit); threads
# let a process take other requests meanwhile, and more processes than cores only add
# switching. Eight threads stay within each process's pool of database connections (5 + 10).
workers = int(os.environ.get("DIALOG_WORKERS", str(multiprocessing.cpu_count())))
threads = int(os.environ.get("DIALOG_THREADS", "8"))
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
