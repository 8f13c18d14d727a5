"""Submit throughput, latency and integrity under load (prints figures; not a timed test).

Runs the site under gunicorn against a scratch PostgreSQL database (dialog_bench) and drives
the submit endpoint with wrk (Debian's package) at 50 connections for a fixed time, each
request a new resident's answers with its own one-time form token; a bare Flask hello-world
served the same way, in the same run, is the yardstick. Then an integrity run on a second
dialogue: retries of the same form token, and one gunicorn worker killed with SIGKILL midway;
afterwards the database must hold every acknowledged (303) answer exactly once and nothing
else. Traffic goes only to 127.0.0.1. Usage: python benchmarks/submit_bench.py [--quick]
"""

from __future__ import annotations

import hashlib
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
ADMIN_URL = os.environ.get("DIALOG_BENCH_ADMIN_URL",
                           "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BENCH_DB = os.environ.get("DIALOG_BENCH_DB", "dialog_bench")  # a scratch database, dropped first
SECRET = secrets.token_urlsafe(40)
CONNECTIONS = 50
PORT_SITE, PORT_HELLO, PORT_FLOOR = 18431, 18432, 18433
THREADS = 2  # wrk threads: one per core of the machines this runs on
ROUNDS = 3  # the floor and the site measured in turns, each for a third of the time
WRK_SCRIPT = ROOT / "benchmarks" / "submit.lua"


def scratch_database() -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)"))
        conn.execute(text(f"CREATE DATABASE {BENCH_DB}"))
    engine.dispose()
    return ADMIN_URL.rsplit("/", 1)[0] + "/" + BENCH_DB


def seed(url: str) -> dict[str, tuple[int, list[str]]]:
    """Two open dialogues, "bench" (throughput) and "bench-integrity"; their ids and fields."""
    from dialog import create_app
    from dialog.accounts.models import OrganisationKind
    from dialog.accounts.services.users import get_or_create_organisation
    from dialog.cli import upgrade_database
    from dialog.config import Settings
    from dialog.db import db, today
    from dialog.dialogues.models import Dialogue
    from surveys.models import Question, Questionnaire, QuestionOption

    upgrade_database(url)
    app = create_app({"SETTINGS": Settings(env="testing", database_url=url, secret_key=SECRET)})
    made = {}
    with app.app_context():
        police = get_or_create_organisation(db.session, "Lokalpolisområde Bänk",
                                            OrganisationKind.POLICE_AREA.value)
        for slug in ("bench", "bench-integrity"):
            scale = Question(position=0, answer_type="scale", required=True,
                             text={"sv": "Hur trygg känner du dig?"})
            scale.options = [QuestionOption(position=0, key="safe", label={"sv": "Trygg"}),
                             QuestionOption(position=1, key="unsafe", label={"sv": "Otrygg"})]
            concern = Question(position=1, answer_type="long_text",
                               text={"sv": "Vad oroar dig?"})
            dialogue = Dialogue(slug=slug, kind="open", status="open", title={"sv": "Bänk"},
                                questionnaire=Questionnaire(questions=[scale, concern]),
                                organisers=[police], opens_on=today())
            db.session.add(dialogue)
            db.session.commit()
            made[slug] = dialogue.id, [q.field_name for q in dialogue.questionnaire.questions]
    app.extensions["dialog_db"].dispose()
    return made


def serve(app_path: str, port: int, url: str, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, DIALOG_ENV="testing", DIALOG_DATABASE_URL=url,
               DIALOG_SECRET_KEY=SECRET, DIALOG_BIND=f"127.0.0.1:{port}",
               DIALOG_WORKERS=str(workers), DIALOG_SUBMIT_RATE_LIMIT="100000000/hour",
               DIALOG_REDIS_URL="", PYTHONPATH=str(ROOT))
    process = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c",
                                str(ROOT / "gunicorn.conf.py"), app_path], env=env, cwd=ROOT)
    for _ in range(100):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz" if "dialog" in app_path else "/")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn did not start on port {port}")


class Client:
    """One virtual respondent: a session cookie and CSRF token from one GET, then posts."""

    def __init__(self, port: int, dialogue_id: int, names: list[str],
                 slug: str = "bench") -> None:
        from itsdangerous import URLSafeTimedSerializer

        self.port = port
        self.slug = slug
        self.names = names
        self.dialogue_id = dialogue_id
        self.signer = URLSafeTimedSerializer(SECRET, salt="dialog-form-token")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", f"/sv/d/{slug}")
        response = conn.getresponse()
        body = response.read().decode()
        self.cookie = (response.getheader("Set-Cookie") or "").split(";")[0]
        match = re.search(r'name="csrf_token" value="([^"]+)"', body)
        assert match, "no CSRF token on the form"
        self.csrf = match.group(1)

    def new_token(self) -> tuple[str, str]:
        nonce = secrets.token_urlsafe(18)
        return nonce, self.signer.dumps({"d": self.dialogue_id, "n": nonce})

    def body(self, token: str, text: str) -> str:
        return urllib.parse.urlencode({"csrf_token": self.csrf, "form_token": token,
                                       self.names[0]: "unsafe", self.names[1]: text,
                                       "send": "1"})

    def submit(self, token: str, text: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("POST", f"/sv/d/{self.slug}", body=self.body(token, text), headers={
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": self.cookie})
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()


def drive(seconds: float, work: Callable[[], bool]) -> None:
    """Run `work()` from CONNECTIONS threads for `seconds` (the integrity run's clients)."""
    stop = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < stop:
            work()

    threads = [threading.Thread(target=loop) for _ in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


@dataclass(frozen=True)
class Load:
    """What wrk measured: answered requests (2xx/3xx) per second and latency percentiles."""

    ok: int
    per_second: float
    p50_ms: float
    p99_ms: float
    failed: int


def wrk(url: str, seconds: float, script: Path | None = None, *args: str) -> Load:
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--timeout", "10s",
               "-s", str(script or WRK_SCRIPT), url]
    if args:
        command += ["--", *args]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    figures = dict(re.findall(r"^(requests|failed|p50_us|p99_us|seconds) (\d+(?:\.\d+)?)$", out,
                              re.MULTILINE))
    if len(figures) != 5:
        raise SystemExit(f"wrk printed no figures:\n{out}")
    ok = int(figures["requests"]) - int(figures["failed"])
    return Load(ok=ok, per_second=ok / float(figures["seconds"]),
                p50_ms=float(figures["p50_us"]) / 1000, p99_ms=float(figures["p99_us"]) / 1000,
                failed=int(figures["failed"]))


def combined(turns: list[Load]) -> Load:
    """Several turns of the same load as one: requests over the whole time, the worst p99 and
    the middle p50 of the turns."""
    seconds = sum(t.ok / t.per_second for t in turns if t.per_second)
    ok = sum(t.ok for t in turns)
    return Load(ok=ok, per_second=ok / seconds if seconds else 0.0,
                p50_ms=sorted(t.p50_ms for t in turns)[len(turns) // 2],
                p99_ms=max(t.p99_ms for t in turns), failed=sum(t.failed for t in turns))


def request_file(clients: list[Client], count: int, folder: Path) -> Path:
    """One line per request: the cookie, a tab, the form body with its own form token."""
    folder.mkdir(exist_ok=True)
    path = folder / "submits.txt"
    with path.open("w") as out:
        for i in range(count):
            client = clients[i % len(clients)]
            _nonce, token = client.new_token()
            out.write(f"{client.cookie}\t{client.body(token, 'Mopeder vid torget ' + str(i))}\n")
    return path


def stored(url: str, slug: str) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        tokens = [row[0] for row in conn.execute(text(
            "SELECT r.form_token FROM response r JOIN questionnaire q ON q.id = r.questionnaire_id "
            "JOIN dialogue d ON d.questionnaire_id = q.id WHERE d.slug = :slug "
            "AND r.form_token IS NOT NULL"), {"slug": slug})]
    engine.dispose()
    return tokens


def main() -> int:
    quick = "--quick" in sys.argv
    seconds = 8.0 if quick else 20.0
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    # gunicorn.conf.py's layout unless told otherwise: a sync process per core and one more.
    workers = int(os.environ.get("DIALOG_WORKERS", str((os.cpu_count() or 2) + 1)))
    threads = os.environ.get("DIALOG_THREADS", "1")
    url = scratch_database()
    dialogues = seed(url)
    hello = serve("benchmarks.hello_app:create_app()", PORT_HELLO, url, workers)
    try:
        baseline = wrk(f"http://127.0.0.1:{PORT_HELLO}/", seconds)
    finally:
        hello.terminate()
        hello.wait()
    # The floor (floor_app.py: one INSERT and a durable COMMIT per request, nothing else) and
    # the site both serve meanwhile, and are measured in turns: the machine's speed drifts
    # within a run, and a ratio of two measurements taken one after the other would carry it.
    floor_site = serve("benchmarks.floor_app:create_app()", PORT_FLOOR, url, workers)
    site = serve("dialog:create_app()", PORT_SITE, url, workers)
    acknowledged: set[str] = set()
    ack_lock = threading.Lock()
    with tempfile.TemporaryDirectory() as folder:
        try:
            clients = [Client(PORT_SITE, *dialogues["bench"]) for _ in range(CONNECTIONS)]
            # Each server's workers have loaded what they keep before anything is counted.
            wrk(f"http://127.0.0.1:{PORT_FLOOR}/", 1)
            warm = request_file(clients, 2500, Path(folder) / "warm")
            wrk(f"http://127.0.0.1:{PORT_SITE}/sv/d/bench", 1, None, str(warm), str(THREADS))
            before = len(stored(url, "bench"))
            turn = seconds / ROUNDS
            floors, loads = [], []
            for round_ in range(ROUNDS):
                floors.append(wrk(f"http://127.0.0.1:{PORT_FLOOR}/", turn))
                # More form tokens than the site could take in the time, so none is used twice.
                requests = request_file(clients, int(turn * 2500), Path(folder) / str(round_))
                loads.append(wrk(f"http://127.0.0.1:{PORT_SITE}/sv/d/bench", turn, None,
                                 str(requests), str(THREADS)))
            floor_site.terminate()
            floor_site.wait()
            floor, load = combined(floors), combined(loads)
            kept = len(stored(url, "bench")) - before
            ratio = load.per_second / baseline.per_second if baseline.per_second else 0.0
            print(f"hello-world: {baseline.per_second:.0f} req/s (p50 {baseline.p50_ms:.1f} ms, "
                  f"p99 {baseline.p99_ms:.1f} ms); submit: {load.per_second:.0f} answers/s "
                  f"(wrk, {CONNECTIONS} connections, {workers} gunicorn workers x {threads} "
                  f"threads, {seconds:.0f} s each; the floor and submit in {ROUNDS} turns each)")
            print(f"submit/hello ratio: {ratio:.2f}  (goal >= 0.30)")
            print(f"floor (one INSERT + COMMIT): {floor.per_second:.0f} req/s "
                  f"(p50 {floor.p50_ms:.1f} ms, p99 {floor.p99_ms:.1f} ms)")
            floor_ratio = load.per_second / floor.per_second if floor.per_second else 0.0
            print(f"submit/floor ratio: {floor_ratio:.2f}  (goal >= 0.6)")
            print(f"submit latency: p50 {load.p50_ms:.0f} ms, p99 {load.p99_ms:.0f} ms  "
                  f"(goal p99 <= 150 ms)")
            # wrk stops counting with requests still in the workers: at each turn's end, and
            # the warm-up's, counted before the turns began.
            in_flight = CONNECTIONS * (ROUNDS + 1)
            print(f"submits: {load.ok} acknowledged, {load.failed} refused, {kept} stored "
                  f"(at most {in_flight} more than acknowledged: those in flight at each "
                  f"turn's end and the warm-up's)")
            print(f"{'PASS' if ratio >= 0.30 else 'FAIL'} throughput ratio")
            print(f"{'PASS' if load.p99_ms <= 150 else 'FAIL'} p99 latency")
            throughput_ok = load.failed == 0 and load.ok <= kept <= load.ok + in_flight
            print(f"{'PASS' if throughput_ok else 'FAIL'} no submit refused or lost under load")

            clients = [Client(PORT_SITE, *dialogues["bench-integrity"], slug="bench-integrity")
                       for _ in range(CONNECTIONS)]
            local = threading.local()
            # Integrity: every request is retried with the same token until acknowledged,
            # some are sent twice on purpose, and one worker is killed midway.
            killed = threading.Event()

            def integrity_once() -> bool:
                client = local.__dict__.setdefault("client", random.choice(clients))  # noqa: S311 - load spread, not security
                nonce, token = client.new_token()
                text = f"Integritet {nonce}"
                sends = 2 if random.random() < 0.2 else 1  # noqa: S311 - which requests to repeat
                for attempt in range(50):
                    try:
                        status = client.submit(token, text)
                    except (OSError, http.client.HTTPException):
                        # The worker died mid-answer (its commit may have happened): send the
                        # same form again, as a resident pressing Send again would.
                        status = 0
                    if status == 303:
                        sends -= 1
                        if sends == 0:
                            with ack_lock:
                                acknowledged.add(nonce)
                            return True
                    elif attempt > 40:
                        return False
                    else:
                        time.sleep(0.05)
                return False

            def killer() -> None:
                time.sleep(seconds / 4)
                children = Path(f"/proc/{site.pid}/task/{site.pid}/children").read_text().split()
                if children:
                    os.kill(int(children[0]), signal.SIGKILL)
                    killed.set()

            threading.Thread(target=killer).start()
            drive(seconds / 2, integrity_once)
        finally:
            for server in (floor_site, site):
                if server.poll() is None:
                    server.terminate()
                    server.wait()

    kept_tokens = stored(url, "bench-integrity")
    expected = {hashlib.sha256(n.encode()).hexdigest() for n in acknowledged}
    duplicates = len(kept_tokens) - len(set(kept_tokens))
    missing = expected - set(kept_tokens)
    extra = set(kept_tokens) - expected
    print(f"integrity: {len(acknowledged)} acknowledged, {len(kept_tokens)} stored, "
          f"{len(missing)} missing, {duplicates} duplicated, {len(extra)} unacknowledged; "
          f"worker killed: {killed.is_set()}")
    ok = not missing and not duplicates and not extra and killed.is_set()
    print(f"{'PASS' if ok else 'FAIL'} every acknowledged answer stored exactly once")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
