"""National scale: the pages people hit most, measured on the seed-scale data set.

For each page: SQL statements per request (counted in-process; they must be the same at demo
size and national size), then p50/p99 latency and requests/s under wrk at 50 connections,
as a ratio to a bare Flask hello-world served the same way in the same run. For the CSV and
JSON exports of the large dialogue (100,000 responses at scale 1): rows/s and the process's
resident memory after 10,000 rows and after all of them (streamed: the two are close). With
`--retention`: `enforce-retention` on the data set (about a million answers) with a writer
inserting answers into another dialogue meanwhile, reporting the writer's slowest commit.

Usage:
  python benchmarks/scale_bench.py [--seed 1.0] [--seconds 5] [--retention]
The database is DIALOG_BENCH_SCALE_URL (default: the scale_bench database on 127.0.0.1);
`--seed F` empties it and seeds it at scale F first (without it, an empty database is seeded
at scale 1). `--retention` deletes the free-text answers of the closed dialogues: seed again
before the next run. Traffic goes only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
URL = os.environ.get("DIALOG_BENCH_SCALE_URL",
                     "postgresql+psycopg://postgres@127.0.0.1:5432/scale_bench")
SECRET = secrets.token_urlsafe(40)
CONNECTIONS = 50
THREADS = 2
WARM_SECONDS = 1
PORT_SITE, PORT_HELLO = 18441, 18442
WRK_SCRIPT = ROOT / "benchmarks" / "submit.lua"  # without arguments: a plain GET


@dataclass(frozen=True)
class Load:
    per_second: float
    p50_ms: float
    p99_ms: float
    failed: int


def wrk(url: str, seconds: float, cookie: str = "") -> Load:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--timeout", "10s",
               "-s", str(WRK_SCRIPT)]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], check=True, capture_output=True, text=True).stdout
    figures = dict(re.findall(r"^(requests|failed|p50_us|p99_us|seconds) (\d+(?:\.\d+)?)$", out,
                              re.MULTILINE))
    ok = int(figures["requests"]) - int(figures["failed"])
    return Load(per_second=ok / float(figures["seconds"]), p50_ms=float(figures["p50_us"]) / 1000,
                p99_ms=float(figures["p99_us"]) / 1000, failed=int(figures["failed"]))


def app_for(url: str):  # type: ignore[no-untyped-def]
    from dialog import create_app
    from dialog.config import Settings

    return create_app({"SETTINGS": Settings(env="testing", database_url=url,
                                            secret_key=SECRET)})


def prepare(url: str, scale: float | None) -> None:
    from sqlalchemy import create_engine, select, text

    from dialog.cli import upgrade_database
    from dialog.db import db
    from dialog.demo.scale import LARGE_SLUG, dump, seed_scale
    from dialog.dialogues.models import Dialogue

    admin = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        name = url.rsplit("/", 1)[1]
        if conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}) is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    if scale is not None:
        engine = create_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    upgrade_database(url)
    app = app_for(url)
    with app.app_context():
        if db.session.scalar(select(Dialogue.id).where(Dialogue.slug == LARGE_SLUG)) is None:
            report = seed_scale(db.session, 1.0 if scale is None else scale)
            db.session.commit()
            print("seed-scale:", dump(report).replace("\n", "; "))
        db.session.execute(text("ANALYZE"))
        db.session.commit()
    app.extensions["dialog_db"].dispose()


def login(client) -> None:  # type: ignore[no-untyped-def]
    from dialog.demo.scale import SCALE_ADMIN_EMAIL, SCALE_PASSWORD

    page = client.get("/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    done = client.post("/staff/login", data={"email": SCALE_ADMIN_EMAIL,
                                             "password": SCALE_PASSWORD,
                                             "csrf_token": token.group(1)})
    assert done.status_code == 302, done.status_code


def statements(url: str) -> tuple[dict[str, int], dict[str, int]]:
    """SQL statements per request, counted in-process: each page rendered (for a staff
    member, who never gets a kept page), and each public page as a visitor gets it once it
    is kept (dialog.pagecache)."""
    from sqlalchemy import event

    from dialog.db import db
    from dialog.demo.scale import PAGES

    app = app_for(url)
    staff = app.test_client()
    login(staff)
    visitor = app.test_client()
    rendered: dict[str, int] = {}
    kept: dict[str, int] = {}
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*_args: object) -> None:
        seen.append("")

    def measure(client, page: str) -> int:  # type: ignore[no-untyped-def]
        client.get(page).get_data()
        event.listen(engine, "before_cursor_execute", count)
        seen.clear()
        response = client.get(page)
        response.get_data()
        event.remove(engine, "before_cursor_execute", count)
        assert response.status_code == 200, (page, response.status_code)
        return len(seen)

    for name, page, is_staff in PAGES:
        if "export" in name:
            continue
        rendered[name] = measure(staff, page)
        if not is_staff:
            kept[name] = measure(visitor, page)
    app.extensions["dialog_db"].dispose()
    return rendered, kept


def exports(url: str) -> None:
    """Rows/s and peak memory of the streamed exports of the large dialogue."""
    from dialog.demo.scale import PAGES

    app = app_for(url)
    client = app.test_client()
    login(client)
    for name, page, _staff in PAGES:
        if "export" not in name:
            continue
        started = time.perf_counter()
        response = client.get(page)
        rows, marks = 0, {}
        for chunk in response.response:
            rows += chunk.count(b"\n")
            if rows >= 10_000 and "10k" not in marks:
                marks["10k"] = rss()
        seconds = time.perf_counter() - started
        end = rss()
        early = marks.get("10k", end)
        print(f"{name}: {rows} lines in {seconds:.1f} s = {rows / seconds:,.0f} rows/s; "
              f"resident memory {early / 1e6:.0f} MB after 10,000 rows, {end / 1e6:.0f} MB "
              f"after all ({'flat' if end < early * 1.1 else 'GROWS'})")
    app.extensions["dialog_db"].dispose()


def rss() -> int:
    """This process's resident memory in bytes (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def serve(app_path: str, port: int, url: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DIALOG_ENV="testing", DIALOG_DATABASE_URL=url,
               DIALOG_SECRET_KEY=SECRET, DIALOG_BIND=f"127.0.0.1:{port}",
               DIALOG_REDIS_URL="", PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c",
                                str(ROOT / "gunicorn.conf.py"), app_path], env=env, cwd=ROOT)
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz" if "dialog" in app_path else "/")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn did not start on port {port}")


def _cookies(response: http.client.HTTPResponse, jar: dict[str, str]) -> str:
    for header in response.msg.get_all("Set-Cookie") or []:
        name, value = header.split(";")[0].split("=", 1)
        jar[name] = value
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def staff_cookie(port: int) -> str:
    """The cookie of a staff login, checked to open a staff page (not a login redirect)."""
    import urllib.parse

    from dialog.demo.scale import SCALE_ADMIN_EMAIL, SCALE_PASSWORD

    jar: dict[str, str] = {}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/staff/login")
    response = conn.getresponse()
    body = response.read().decode()
    cookie = _cookies(response, jar)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', body)
    assert token
    conn.request("POST", "/staff/login", body=urllib.parse.urlencode(
        {"email": SCALE_ADMIN_EMAIL, "password": SCALE_PASSWORD, "csrf_token": token.group(1)}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    response = conn.getresponse()
    response.read()
    assert response.status == 302, response.status
    cookie = _cookies(response, jar)
    conn.request("GET", "/staff/audit", headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    assert response.status == 200, f"the staff login did not hold: {response.status}"
    return cookie


def under_load(url: str, seconds: float, counts: tuple[dict[str, int], dict[str, int]]
               ) -> None:
    from dialog.demo.scale import PAGES

    site = serve("dialog:create_app()", PORT_SITE, url)
    hello = serve("benchmarks.hello_app:create_app()", PORT_HELLO, url)
    worst = 0.0
    try:
        wrk(f"http://127.0.0.1:{PORT_HELLO}/", WARM_SECONDS)
        base = wrk(f"http://127.0.0.1:{PORT_HELLO}/", seconds)
        cookie = staff_cookie(PORT_SITE)
        print(f"hello-world: {base.per_second:,.0f} req/s, p50 {base.p50_ms:.1f} ms, "
              f"p99 {base.p99_ms:.1f} ms (wrk, {CONNECTIONS} connections; every run after "
              f"{WARM_SECONDS} s of the same load, not counted)")
        rendered, kept = counts
        print("stmts: SQL statements of a rendered page / of a kept public page")
        print(f"{'page':28} {'stmts':>7} {'req/s':>7} {'ratio':>6} {'p50 ms':>7} {'p99 ms':>7}")
        for name, page, staff in PAGES:
            if "export" in name:
                continue
            target = f"http://127.0.0.1:{PORT_SITE}{page}"
            # A server in a news burst has been running: each worker has compiled its
            # templates and filled its caches. One second of the same load, not counted.
            wrk(target, WARM_SECONDS, cookie if staff else "")
            load = wrk(target, seconds, cookie if staff else "")
            worst = max(worst, load.p99_ms)
            stmts = f"{rendered.get(name, 0)}/{kept[name]}" if name in kept else \
                str(rendered.get(name, 0))
            print(f"{name:28} {stmts:>7} {load.per_second:>7,.0f} "
                  f"{load.per_second / base.per_second:>6.2f} {load.p50_ms:>7.0f} "
                  f"{load.p99_ms:>7.0f}{'  FAILED ' + str(load.failed) if load.failed else ''}")
        print(f"{'PASS' if worst <= 300 else 'FAIL'} every page p99 <= 300 ms (worst {worst:.0f})")
    finally:
        for process in (site, hello):
            process.terminate()
            process.wait(timeout=30)


def retention(url: str, scope: str = "all") -> None:
    """enforce-retention on every dialogue but one (`scope`: "all" deletes every answer,
    "free_text" the written ones), with answers being written to that one meanwhile."""
    from sqlalchemy import create_engine, func, insert, select, update

    from dialog.db import db, today
    from dialog.demo.scale import SLUG_PREFIX
    from dialog.dialogues.models import Dialogue
    from dialog.dialogues.services.privacy import enforce_retention
    from surveys.models import Answer, Question, Response

    app = app_for(url)
    with app.app_context():
        db.session.execute(update(Dialogue).where(Dialogue.slug.startswith(SLUG_PREFIX))
                           .values(retention_months=1, retention_scope=scope,
                                   status="closed", closed_on=today().replace(year=2020)))
        open_one = db.session.scalars(select(Dialogue).where(
            Dialogue.slug == f"{SLUG_PREFIX}0011")).one()
        db.session.execute(update(Dialogue).where(Dialogue.id == open_one.id)
                           .values(retention_months=None, status="open"))
        questionnaire_id = open_one.questionnaire_id
        question_id = db.session.scalar(select(func.min(Question.id)).where(
            Question.questionnaire_id == questionnaire_id))
        texts = db.session.scalar(select(func.count(Answer.id)).where(Answer.text.is_not(None)))
        total = db.session.scalar(select(func.count(Answer.id)))
        db.session.commit()
    writer = create_engine(url)
    latencies: list[float] = []
    stop = threading.Event()

    def write() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            with writer.begin() as conn:
                rid = conn.execute(insert(Response).values(
                    questionnaire_id=questionnaire_id, submitted_on=today(), channel="web",
                    language="sv").returning(Response.id)).scalar_one()
                conn.execute(insert(Answer).values(response_id=rid, question_id=question_id,
                                                   text="Det är mörkt vid stationen."))
            latencies.append(time.perf_counter() - started)
            time.sleep(0.02)

    thread = threading.Thread(target=write)
    thread.start()
    started = time.perf_counter()
    with app.app_context():
        done = enforce_retention(db.session, today())
        db.session.commit()
    seconds = time.perf_counter() - started
    stop.set()
    thread.join()
    writer.dispose()
    deleted = sum(d.answers for d in done)
    responses = sum(d.responses for d in done)
    latencies.sort()
    print(f"enforce-retention ({scope}): {len(done)} dialogues, {responses:,} responses and "
          f"{deleted:,} answers deleted (there were {total:,} answers, {texts:,} of them "
          f"written) in {seconds:.1f} s")
    print(f"answers written meanwhile: {len(latencies)}, slowest commit "
          f"{latencies[-1] * 1000:.0f} ms, p99 {latencies[int(len(latencies) * .99)] * 1000:.0f} ms"
          if latencies else "no answers written meanwhile")


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=float, help="empty the database and seed at this scale")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--retention", action="store_true")
    parser.add_argument("--quick", action="store_true",
                        help="seed afresh at scale 0.05 and load each page for 2 s")
    args = parser.parse_args()
    if args.quick:
        args.seed, args.seconds = 0.05, 2
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    prepare(URL, args.seed)
    print(f"load: {os.getloadavg()[0]:.1f} (1-minute load average, {os.cpu_count()} cores)")
    counts = statements(URL)
    exports(URL)
    under_load(URL, args.seconds, counts)
    if args.retention:
        retention(URL)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
