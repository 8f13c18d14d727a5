"""The cyclic garbage collector runs between requests, never inside one (Python 3.11).

Python 3.11 may run the collector from inside an allocation, including the allocation of an
object's attribute dictionary while that object's attributes are being moved into it. When
the collection frees an ORM instance, SQLAlchemy's weak-reference callback
(`InstanceState._cleanup`) writes attributes on the very state being moved, and the
interpreter then uses freed memory. Under load on the promise list (50 promises with their
activities and organisations a page) this crashed gunicorn workers with SIGSEGV, or left a
state without its loaded attributes (`KeyError: 'police_area'` in a selectin load). Python 3.12
runs the collector only between bytecodes, where this cannot happen.

On 3.11 the automatic collector is turned off and each request, when it ends, runs the
collection the interpreter would have run (same thresholds, same choice of generation), from
plain Python code where no half-built dictionary exists. Other threads are paused at a bytecode
boundary or in I/O while it runs, never inside the dictionary code.
"""

from __future__ import annotations

import gc
import sys
import time

from flask import Flask

NEEDED = sys.version_info < (3, 12)


FULL_EVERY = 30.0  # seconds: the oldest generation, the whole heap, at most this often
_last_full = [time.monotonic()]


def collect_due() -> int | None:
    """Run the collection the automatic collector would have run by now; its generation.

    The interpreter also holds back full collections until the objects that survived since
    the last one are a quarter of the heap, which Python cannot see; a full collection at
    most every FULL_EVERY seconds stands in for that rule (a full one walks every object the
    app loaded, tens of milliseconds).
    """
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    if thresholds[0] == 0 or counts[0] < thresholds[0]:
        return None
    generation = 1 if counts[1] >= thresholds[1] else 0
    if counts[2] >= thresholds[2] and time.monotonic() - _last_full[0] >= FULL_EVERY:
        generation = 2
        _last_full[0] = time.monotonic()
    gc.collect(generation)
    return generation


def init_app(app: Flask) -> None:
    if not NEEDED:
        return
    gc.disable()

    @app.teardown_request
    def collect_garbage(_exc: BaseException | None) -> None:
        if not gc.isenabled():
            collect_due()

    # Jobs and commands run in an application context with no request: collect when it ends.
    @app.teardown_appcontext
    def collect_after_context(_exc: BaseException | None) -> None:
        if not gc.isenabled():
            collect_due()
