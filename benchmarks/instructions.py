"""Instructions per request of each staff page, counted by callgrind on the seed-scale data set.

Timings of a single request drift by 10-15% from one minute to the next on a shared machine,
more than most changes to a page are worth; the number of instructions the interpreter runs
for the same code and data is the same to the percent whatever else the machine does. Each
page runs in a child process under `valgrind --tool=callgrind` with counting switched off
while the app starts, logs in and warms up (30 requests), and on for the requests measured
(Flask's test client: no network, no server; PostgreSQL's own work is not counted). The
baseline in the same run is `/healthz` (one `SELECT 1`, no login).

Usage:
  python benchmarks/instructions.py [--requests 50] [--page SUBSTRING ...]
The database is scale_bench's (DIALOG_BENCH_SCALE_URL), seeded as it seeds it when empty.
Needs valgrind (`apt-get install valgrind`). About 20 s a page.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

WARM = 30
BASELINE = ("baseline: /healthz", "/healthz", False)


def child(page: str, requests: int, staff: bool) -> None:
    """Run under callgrind: warm up uncounted, then count `requests` requests of `page`."""
    import scale_bench

    app = scale_bench.app_for(scale_bench.URL)
    client = app.test_client()
    if staff:
        scale_bench.login(client)
    for _ in range(WARM):
        assert client.get(page).status_code == 200, page
    control = ["callgrind_control", "--instr"]
    subprocess.run([*control, "on", str(os.getpid())], check=True, capture_output=True)
    for _ in range(requests):
        client.get(page).get_data()
    subprocess.run([*control, "off", str(os.getpid())], check=True, capture_output=True)


def count(page: str, requests: int, staff: bool) -> float:
    """Millions of instructions per request of `page`."""
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null",
         sys.executable, __file__, "--child", page, "--requests", str(requests),
         *(["--staff"] if staff else [])],
        capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", run.stderr)
    if run.returncode != 0 or found is None:
        raise SystemExit(f"{page}: the counted run failed\n{run.stderr[-2000:]}")
    return int(found.group(1)) / requests / 1e6


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--page", action="append", default=[],
                        help="only the pages whose name holds this text (repeatable)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--staff", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.requests, args.staff)
        return 0
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is missing: apt-get install valgrind")
    import scale_bench

    from dialog.demo.scale import PAGES

    scale_bench.prepare(scale_bench.URL, None)
    pages = [(name, page, staff) for name, page, staff in PAGES
             if staff and "export" not in name
             and (not args.page or any(text in name for text in args.page))]
    base = count(BASELINE[1], args.requests, staff=False)
    print(f"{BASELINE[0]:32} {base:7.2f} M instructions a request")
    print(f"{'page':32} {'M/req':>7} {'ratio':>6}")
    for name, page, staff in pages:
        figure = count(page, args.requests, staff)
        print(f"{name:32} {figure:7.2f} {figure / base:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
