"""What the Concerns page costs an analyst: a first run that embeds every answer, a re-run over
the stored vectors, the page itself, and a merge (which re-describes the groups).

The demo dialogue is seeded with N residents (default 5,000; their free-text answers in
Swedish, English and Arabic from the demo corpus) in a fresh database (SQLite in a temporary
folder, or the PostgreSQL of DIALOG_BENCH_DATABASE_URL, emptied first). Then, in one process:

1. first run: `execute_run` with no stored vector (embedding included, vectors stored);
2. re-run over the stored vectors (the same answers, the first run's decisions carried);
3. the page: GET /staff/dialogues/<demo>/concerns/ as its admin, median of 5, and the same
   with the pre-change work (phrase labels computed on the request) for comparison;
4. a merge of the two largest groups (labels are described again, once).

Printed as seconds and as ratios (re-run / first run, page now / page computing labels).
The lexical pipeline at 100,000 texts is measured by `multilingual_bench.py --part cost`.

Run: python benchmarks/concerns_bench.py [--answers N] [--quick]
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _timed(label: str, action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"  {label}: {seconds:.2f} s")
    return seconds


def main() -> None:
    """Seed, run twice, read the page, merge; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--answers", type=int, default=5000, help="residents to seed")
    parser.add_argument("--quick", action="store_true", help="400 residents")
    args = parser.parse_args()
    if args.quick:
        args.answers = 400
    sys.path.insert(0, str(ROOT))

    from sqlalchemy import delete, func, select

    from dialog import create_app
    from dialog.authz import SYSTEM
    from dialog.cli import upgrade_database
    from dialog.concerns.models import AnalysisRun, AnswerVector
    from dialog.concerns.services import runs as services
    from dialog.config import Settings
    from dialog.db import Base, db
    from dialog.demo.seed import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DEMO_SLUG, seed
    from dialog.dialogues.services.queries import get_dialogue

    url = os.environ.get("DIALOG_BENCH_DATABASE_URL") or \
        f"sqlite:///{tempfile.mkdtemp(prefix='concerns-bench-')}/bench.db"
    upgrade_database(url)
    app = create_app({"SETTINGS": Settings(env="testing", database_url=url,
                                           secret_key=secrets.token_hex(16))})
    with app.app_context():
        for table in reversed(Base.metadata.sorted_tables):
            if table.name != "alembic_version":
                db.session.execute(table.delete())
        db.session.commit()
        limit = services.MULTILINGUAL_LIMIT
        services.MULTILINGUAL_LIMIT = 0  # the seed's own run groups by words: nothing embedded
        start = time.perf_counter()
        seed(db.session, respondents=args.answers)
        db.session.commit()
        services.MULTILINGUAL_LIMIT = limit
        db.session.execute(delete(AnalysisRun))
        db.session.commit()
        dialogue = get_dialogue(db.session, DEMO_SLUG)
        assert dialogue is not None
        question = services.text_questions(dialogue)[0]
        n = services.count_answers(db.session, question)
        print(f"{args.answers} residents seeded in {time.perf_counter() - start:.0f} s: "
              f"{n} free-text answers ({url.split(':')[0]})")

        def run() -> AnalysisRun:
            new = services.start_run(db.session, dialogue, question, SYSTEM)
            services.execute_run(db.session, new.id)
            db.session.commit()
            return new

        first = _timed("first run, embedding included", run)
        stored = db.session.scalar(select(func.count(AnswerVector.answer_id)))
        second = _timed("re-run over the stored vectors", run)
        latest = services.latest_run(db.session, dialogue)
        assert latest is not None
        print(f"  {stored} vectors stored; features {latest.params.get('features')}, "
              f"{len(latest.clusters)} groups")
        print(f"re-run / first run: {second / first:.3f}")

    client = app.test_client()
    login = client.get("/staff/login").get_data(as_text=True)
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', login)
    assert found, "no CSRF token on the login page"
    token = found.group(1)
    client.post("/staff/login", data={"email": DEMO_ADMIN_EMAIL,
                                      "password": DEMO_ADMIN_PASSWORD, "csrf_token": token})
    page = f"/staff/dialogues/{DEMO_SLUG}/concerns/"

    def median_get() -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            response = client.get(page)
            assert response.status_code == 200, response.status_code
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    now = median_get()
    with app.app_context():
        latest = services.latest_run(db.session, get_dialogue(db.session, DEMO_SLUG))
        assert latest is not None
        start = time.perf_counter()
        services.describe_run(db.session, latest)  # what every GET computed before
        db.session.rollback()
        describe = time.perf_counter() - start
    before = now + describe
    print(f"page GET now {now:.3f} s; with labels computed on the request (before) "
          f"{before:.3f} s; now / before: {now / before:.3f}")
    with app.app_context():
        latest = services.latest_run(db.session, get_dialogue(db.session, DEMO_SLUG))
        assert latest is not None
        views, _total = services.cluster_views(db.session, latest)
        big = [v.id for v in views if v.number >= 0 and not v.excluded][:2]
        _timed("merge of the two largest groups (describes the groups again)",
               lambda: (services.merge_clusters(db.session, latest, big[1], big[0], SYSTEM),
                        db.session.commit()))


if __name__ == "__main__":
    main()
