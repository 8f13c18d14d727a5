"""A national-scale data set for benchmarks: `flask --app dialog seed-scale [--scale F]`.

At scale 1: 290 municipalities and 100 local police areas, 1,000 dialogues, about a million
answers (140,000 responses of about seven answers each, 100,000 of them in one large dialogue
for the export benchmark), 600 promises with 6,000 activities, and an audit log of 100,000
events; and one more dialogue whose 20,000 free-text concerns an analyst has grouped (a
finished run of the concerns analysis, by shared words, with focus areas and decisions).
Answers come from the demo corpus (Swedish, English, Arabic, with its typos and
styles) and from short phrases in Persian, Somali, Tigrinya and Finnish, so every one of the
seven languages is present.

Rows are written with COPY on PostgreSQL and with batched INSERTs elsewhere; ids are assigned
here so parents and children can be written table by table without a round trip per row.
"""

from __future__ import annotations

import io
import json
import random
import time
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import JSON, Table, func, select, text
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from dialog.accounts.models import Organisation, OrganisationKind, Role, User
from dialog.audit import AuditEvent
from dialog.db import Base, today
from dialog.demo.corpus import AREAS, DemoRespondent, synthetic_respondents
from dialog.demo.seed import QUESTIONS
from dialog.dialogues.models import Dialogue, DialogueKind, DialogueStatus, dialogue_organiser
from dialog.pagecache import changed
from dialog.promises.models import (
    Activity,
    ActivityStatus,
    FeedbackUpdate,
    Promise,
    PromiseStatus,
    promise_dialogue,
)
from surveys.models import Answer, Question, Questionnaire, QuestionOption, Response
from surveys.tally import fold_past_days

SLUG_PREFIX = "scale-"
SCALE_ADMIN_EMAIL = "scale-admin@example.org"
SCALE_PASSWORD = "dialog-scale"  # noqa: S105 - benchmark data, never in production
LANGUAGE_WEIGHTS = {"sv": 80, "en": 6, "ar": 5, "fa": 3, "so": 3, "ti": 1.5, "fi": 1.5}
CHANNEL_WEIGHTS = {"web": 90, "paper": 7, "meeting": 3}
CONCERN_POSITION = 1  # QUESTIONS: the free-text question the concerns run groups
_TEXTS = tomllib.loads(
    (Path(__file__).parent / "data" / "scale_texts.toml").read_text(encoding="utf-8"))
BATCH = 20_000
GROUPS = 24  # the number of groups the analyst asks the national-scale run for
# Enough answers for the run to make groups, focus areas and decisions at the smallest scale.
MIN_CONCERN_ANSWERS = 40
LARGE_SLUG = f"{SLUG_PREFIX}0001"  # the large, open dialogue (the export benchmark's)
PROMISE_SLUG = f"{SLUG_PREFIX}lofte-0001"  # a published promise
CONCERNS_INDEX = 1  # the dialogue whose concerns are grouped, organised by the first area
CONCERNS_SLUG = f"{SLUG_PREFIX}{CONCERNS_INDEX + 1:04d}"
RESULTS_SLUG = CONCERNS_SLUG  # closed, with its 20,000 concerns: the largest results page
# The pages a resident, the public or staff hit most, as (name, address, needs a staff login);
# tests/test_scale_queries.py and benchmarks/scale_bench.py measure the same list.
PAGES = (
    ("respondent page", f"/sv/d/{LARGE_SLUG}", False),
    ("home", "/sv/", False),
    ("dialogue list", "/sv/dialogues/", False),
    ("dialogue archive", "/sv/dialogues/archive", False),
    ("results page", f"/sv/d/{RESULTS_SLUG}/results", False),
    ("promise list", "/sv/promises/", False),
    ("promise list, filtered", "/sv/promises/?status=published", False),
    ("promise page", f"/sv/promises/{PROMISE_SLUG}", False),
    ("promise feed", f"/sv/promises/{PROMISE_SLUG}/feed.atom", False),
    ("all promises feed", "/sv/promises/feed.atom", False),
    ("staff dialogue list", "/staff/", True),
    ("staff dialogue page", f"/staff/dialogues/{LARGE_SLUG}", True),
    ("staff responses, oldest page", f"/staff/dialogues/{LARGE_SLUG}?after=0", True),
    ("staff responses, filtered", f"/staff/dialogues/{LARGE_SLUG}?channel=web&language=sv",
     True),
    ("concerns page", f"/staff/dialogues/{CONCERNS_SLUG}/concerns/", True),
    ("audit log", "/staff/audit", True),
    ("staff promise list", "/staff/promises/", True),
    ("staff promise page", f"/staff/promises/{PROMISE_SLUG}", True),
    ("CSV export", f"/staff/dialogues/{LARGE_SLUG}/responses.csv", True),
    ("JSON export", f"/staff/dialogues/{LARGE_SLUG}/responses.json", True),
)


@dataclass(frozen=True)
class Figures:
    municipalities: int
    police_areas: int
    dialogues: int
    responses: int
    large_dialogue_responses: int
    promises: int
    activities_per_promise: int
    audit_events: int
    concern_answers: int = 0  # free-text concerns in the CONCERNS_SLUG dialogue, grouped

    @classmethod
    def at(cls, scale: float) -> Figures:
        def n(full: int, least: int = 1) -> int:
            return max(least, round(full * scale))

        return cls(municipalities=n(290), police_areas=n(100), dialogues=n(1000, 2),
                   responses=n(140_000, 2), large_dialogue_responses=n(100_000),
                   promises=n(600), activities_per_promise=10, audit_events=n(100_000),
                   concern_answers=n(20_000, MIN_CONCERN_ANSWERS))


@dataclass
class Report:
    figures: Figures
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    concerns_seconds: float = 0.0  # of `seconds`: the concerns run and its decisions

    @property
    def answers(self) -> int:
        return self.rows.get("answer", 0)


class _Writer:
    """Writes rows table by table: COPY on PostgreSQL, batched INSERTs elsewhere."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.counts: dict[str, int] = {}

    def next_id(self, table: Table) -> int:
        return int(self.session.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1

    def write(self, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        defaults = {
            c.name: (c.default.arg(None) if c.default.is_callable else c.default.arg)  # type: ignore[attr-defined]
            for c in table.columns
            if c.name not in columns and c.default is not None and not c.primary_key
        }
        names = [*columns, *defaults]
        extra = tuple(defaults.values())
        count = 0
        if self.postgres:
            json_cols = {i for i, name in enumerate(names) if isinstance(table.c[name].type, JSON)}
            raw = self.session.connection().connection.driver_connection
            cursor = raw.cursor()  # type: ignore[union-attr]
            statement = f"COPY {table.name} ({', '.join(names)}) FROM STDIN"
            with cursor.copy(statement) as copy:
                for row in rows:
                    values = (*row, *extra)
                    copy.write_row([json.dumps(v, ensure_ascii=False)
                                    if i in json_cols and v is not None else v
                                    for i, v in enumerate(values)])
                    count += 1
        else:
            batch: list[dict[str, Any]] = []
            for row in rows:
                batch.append(dict(zip(names, (*row, *extra), strict=True)))
                count += 1
                if len(batch) >= BATCH:
                    self.session.execute(table.insert(), batch)
                    batch = []
            if batch:
                self.session.execute(table.insert(), batch)
        self.counts[table.name] = self.counts.get(table.name, 0) + count

    def fix_sequences(self, tables: Iterable[Table]) -> None:
        if not self.postgres:
            return
        for table in tables:  # names from our own metadata, never from input
            self.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"))


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _title(place: str, year: int) -> dict[str, str]:
    return {"sv": f"Trygghet i {place} {year}", "en": f"Safety in {place} {year}",
            "ar": f"الأمان في {place} {year}", "fa": f"امنیت در {place} {year}",
            "so": f"Ammaanka {place} {year}", "ti": f"ድሕነት ኣብ {place} {year}",
            "fi": f"Turvallisuus: {place} {year}"}


def _purpose(place: str) -> dict[str, str]:
    return {"sv": f"Polisen och {place} vill veta vad du upplever som problem där du bor.",
            "en": f"The police and {place} want to know what you see as problems where you "
                  "live."}


def _respondent_values(person: DemoRespondent, language: str, rng: random.Random
                       ) -> list[tuple[str | None, list[str] | None]]:
    concern, works_well = person.concern, person.works_well
    if language in _TEXTS:  # a language the corpus does not write: everyday phrases instead
        bank = _TEXTS[language]
        concern = " ".join(rng.sample(bank["concerns"], rng.randint(1, 2))) if concern else ""
        works_well = rng.choice(bank["works_well"]) if works_well else ""

    def one(key: str | None) -> list[str] | None:
        return [key] if key else None

    return [(None, one(person.safety)), (concern or None, None),
            (None, list(person.problems) or None), (None, one(person.area)),
            (None, one(person.time_of_day)), (works_well or None, None),
            (None, one(person.gender)), (None, one(person.age_band))]


def _share(total: int, parts: int, large: int) -> list[int]:
    """Responses per dialogue: the first gets `large`, the rest share what remains."""
    counts = [0] * parts
    counts[0] = min(large, total)
    rest = total - counts[0]
    for i in range(1, parts):
        counts[i] = rest // (parts - 1) + (1 if i - 1 < rest % (parts - 1) else 0)
    if parts == 1:
        counts[0] = total
    return counts


def seed_scale(session: Session, scale: float = 1.0, seed: int = 2026,
               figures: Figures | None = None) -> Report:
    """Fill the database with the national-scale data set (refuses to run twice); `figures`
    overrides the volumes `scale` gives."""
    if session.scalar(select(Dialogue.id).where(Dialogue.slug.startswith(SLUG_PREFIX))):
        raise ValueError("the scale data set is already present")
    changed(session)  # written with COPY, past the ORM's events: every kept page is stale
    started = time.perf_counter()
    figures = figures or Figures.at(scale)
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not security
    w = _Writer(session)
    t_org, t_user = _table(Organisation), _table(User)
    t_dlg, t_qn = _table(Dialogue), _table(Questionnaire)
    t_q, t_opt = _table(Question), _table(QuestionOption)
    t_resp, t_ans = _table(Response), _table(Answer)
    t_prom, t_act, t_upd = _table(Promise), _table(Activity), _table(FeedbackUpdate)
    t_audit = _table(AuditEvent)
    now = datetime.now(UTC)

    # Organisations and one staff account per police area (one password hash for all).
    org0 = w.next_id(t_org)
    municipalities = [(org0 + i, f"Kommun {i + 1:03d} (skala)",
                       OrganisationKind.MUNICIPALITY.value) for i in range(figures.municipalities)]
    police = [(org0 + figures.municipalities + i, f"Lokalpolisområde {i + 1:03d} (skala)",
               OrganisationKind.POLICE_AREA.value) for i in range(figures.police_areas)]
    w.write(t_org, ("id", "name", "kind"), municipalities + police)
    password = generate_password_hash(SCALE_PASSWORD)
    user0 = w.next_id(t_user)
    w.write(t_user, ("id", "email", "password_hash", "role", "organisation_id", "created_at"),
            [(user0 + i, SCALE_ADMIN_EMAIL if i == 0 else f"staff{i:03d}@scale.example",
              password, Role.ADMIN.value if i == 0 else Role.ANALYST.value, org[0], now)
             for i, org in enumerate(police)])

    # Dialogues, each with the demo questionnaire (eight questions in seven languages).
    qn0, dlg0 = w.next_id(t_qn), w.next_id(t_dlg)
    q0, opt0 = w.next_id(t_q), w.next_id(t_opt)
    areas = [{"key": key, "label": label} for key, label in AREAS.items()]
    question_ids: list[list[int]] = []
    questions, options, dialogues, organisers = [], [], [], []
    qid, oid = q0, opt0
    for d in range(figures.dialogues):
        qn = qn0 + d
        ids = []
        for position, (answer_type, required, qtext, help_text, opts) in enumerate(QUESTIONS):
            questions.append((qid, qn, position, answer_type, required, qtext, help_text))
            for i, (key, label) in enumerate(opts):
                options.append((oid, qid, i, key, label))
                oid += 1
            ids.append(qid)
            qid += 1
        question_ids.append(ids)
        muni = municipalities[d % len(municipalities)]
        # The grouped dialogue belongs to the first area, whose admin the benchmark logs in as.
        area = police[0 if d == CONCERNS_INDEX else d % len(police)]
        year = 2026 - (d * 5 // max(1, figures.dialogues))
        status = (DialogueStatus.OPEN if d % 10 == 0 else
                  DialogueStatus.FED_BACK if d % 3 == 0 else DialogueStatus.CLOSED).value
        opens = today() - timedelta(days=30 + (2026 - year) * 365 + d % 200)
        closes = opens + timedelta(days=60) if status != DialogueStatus.OPEN else today() + \
            timedelta(days=30)
        dialogues.append((dlg0 + d, f"{SLUG_PREFIX}{d + 1:04d}", DialogueKind.OPEN.value, status,
                          "sv", _title(muni[1], year), _purpose(muni[1]), areas, opens, closes,
                          qn, closes if status != DialogueStatus.OPEN else None,
                          now - timedelta(days=(2026 - year) * 365)))
        organisers += [(dlg0 + d, area[0]), (dlg0 + d, muni[0])]
    w.write(t_qn, ("id", "source_language"), [(qn0 + d, "sv") for d in range(figures.dialogues)])
    w.write(t_q, ("id", "questionnaire_id", "position", "answer_type", "required", "text",
                  "help"), questions)
    w.write(t_opt, ("id", "question_id", "position", "key", "label"), options)
    w.write(t_dlg, ("id", "slug", "kind", "status", "source_language", "title", "purpose",
                    "areas", "opens_on", "closes_on", "questionnaire_id", "closed_on",
                    "created_at"), dialogues)
    w.write(dialogue_organiser, ("dialogue_id", "organisation_id"), organisers)

    # Responses and answers, drawn from a pool of corpus respondents.
    pool = synthetic_respondents(min(4000, max(50, figures.responses)), seed=seed)
    per_dialogue = _share(figures.responses, figures.dialogues,
                          figures.large_dialogue_responses)
    resp0, ans0 = w.next_id(t_resp), w.next_id(t_ans)
    answers: list[tuple[Any, ...]] = []
    by_language: dict[str, list[DemoRespondent]] = {}
    for person in pool:
        by_language.setdefault(person.language, []).append(person)

    def response_rows() -> Iterator[tuple[Any, ...]]:
        rid, aid = resp0, ans0
        for d, count in enumerate(per_dialogue):
            close = dialogues[d][9]
            made = 0
            # The grouped dialogue gets responses until it has its number of concerns.
            grouped = d == CONCERNS_INDEX and figures.concern_answers > 0
            concerns = figures.concern_answers if grouped else 0
            while concerns > 0 if grouped else made < count:
                made += 1
                language = _weighted(rng, LANGUAGE_WEIGHTS)
                bucket = by_language.get(language, pool)
                person = bucket[rng.randrange(len(bucket))]
                day = min(close, today()) - timedelta(days=rng.randrange(60))
                yield (rid, qn0 + d, day, _weighted(rng, CHANNEL_WEIGHTS), language)
                values = _respondent_values(person, language, rng)
                if values[CONCERN_POSITION][0]:
                    concerns -= 1
                for qid_, (answer_text, choices) in zip(question_ids[d], values, strict=True):
                    if answer_text is not None or choices:
                        answers.append((aid, rid, qid_, answer_text, choices))
                        aid += 1
                rid += 1

    w.write(t_resp, ("id", "questionnaire_id", "submitted_on", "channel", "language"),
            response_rows())
    w.write(t_ans, ("id", "response_id", "question_id", "text", "choices"), answers)
    answers.clear()

    # Promises, ten activities each, two updates each, and a linked dialogue.
    prom0, act0, upd0 = w.next_id(t_prom), w.next_id(t_act), w.next_id(t_upd)
    promises, activities, updates, links = [], [], [], []
    statuses = [s.value for s in ActivityStatus]
    for p in range(figures.promises):
        pid = prom0 + p
        muni, area = municipalities[p % len(municipalities)], police[p % len(police)]
        status = (PromiseStatus.DRAFT if p % 20 == 19 else PromiseStatus.COMPLETED if p % 4 == 3
                  else PromiseStatus.PUBLISHED).value
        starts = date(2026 - p % 3, 1, 1)
        promises.append((pid, f"{SLUG_PREFIX}lofte-{p + 1:04d}", f"SKALA-{p + 1:04d}", status,
                         "sv", _title(muni[1], starts.year), area[0], muni[0], starts,
                         starts + timedelta(days=364),
                         {"sv": "Vi lovar att arbeta tillsammans mot otrygghet.",
                          "en": "We promise to work together against unsafety."},
                         None if status == PromiseStatus.DRAFT.value else now, now, now))
        links.append((pid, dlg0 + p % figures.dialogues))
        for a in range(figures.activities_per_promise):
            aid = act0 + p * figures.activities_per_promise + a
            state = statuses[(p + a) % len(statuses)]
            reason = ({"sv": "Väntar på budget.", "en": "Waiting for the budget."}
                      if state in (ActivityStatus.DELAYED, ActivityStatus.CANCELLED) else {})
            activities.append((aid, pid, a, {"sv": f"Aktivitet {a + 1}",
                                             "en": f"Activity {a + 1}"},
                               {"sv": "Fler kvällspromenader i centrum.",
                                "en": "More evening walks in the centre."},
                               area[0] if a % 2 else muni[0], starts + timedelta(days=30 * a),
                               state, reason))
        for u in range(2):
            updates.append((upd0 + 2 * p + u, pid, act0 + p * figures.activities_per_promise + u,
                            muni[0], starts + timedelta(days=40 * (u + 1)), "update",
                            {"sv": f"Lägesrapport {u + 1}.", "en": f"Progress report {u + 1}."},
                            now))
    w.write(t_prom, ("id", "slug", "registration_number", "status", "source_language", "title",
                     "police_area_id", "municipality_id", "starts_on", "ends_on",
                     "introduction", "published_at", "created_at", "updated_at"), promises)
    w.write(promise_dialogue, ("promise_id", "dialogue_id"), links)
    w.write(t_act, ("id", "promise_id", "position", "title", "description", "responsible_id",
                    "starts_on", "status", "status_reason"), activities)
    w.write(t_upd, ("id", "promise_id", "activity_id", "organisation_id", "published_on",
                    "kind", "text", "created_at"), updates)

    # The audit log of a few years of staff work.
    audit0 = w.next_id(t_audit)
    actions = ("dialogue.edit", "responses.export", "concerns.run", "promise.update",
               "login.success", "promise.activity.update")
    w.write(t_audit, ("id", "created_at", "actor_id", "actor_organisation_id", "actor_email",
                      "action", "target_type", "target_id", "target_label", "details"),
            ((audit0 + i, now - timedelta(minutes=7 * i), user0, police[0][0], SCALE_ADMIN_EMAIL,
              actions[i % len(actions)], "dialogue", str(dlg0 + i % figures.dialogues),
              f"{SLUG_PREFIX}{i % figures.dialogues + 1:04d}", {})
             for i in range(figures.audit_events)))
    w.fix_sequences([t_org, t_user, t_qn, t_q, t_opt, t_dlg, t_resp, t_ans, t_prom,
                     t_act, t_upd, t_audit])
    fold_past_days(session, today())  # as the daily fold-counts leaves them
    session.flush()
    concerns_seconds = 0.0
    if figures.concern_answers and figures.dialogues > CONCERNS_INDEX:
        concerns_started = time.perf_counter()
        _group_concerns(session, dlg0 + CONCERNS_INDEX, user0)
        concerns_seconds = time.perf_counter() - concerns_started
    return Report(figures=figures, rows=dict(w.counts), seconds=time.perf_counter() - started,
                  concerns_seconds=concerns_seconds)


def _group_concerns(session: Session, dialogue_id: int, admin_id: int) -> None:
    """The analyst's work on the grouped dialogue, through the real services: a run by shared
    words (the seed needs no language model), the two largest groups promoted to focus areas,
    a rename and an exclusion."""
    from dialog.concerns.services import runs

    dialogue, admin = session.get_one(Dialogue, dialogue_id), session.get_one(User, admin_id)
    question = runs.text_questions(dialogue)[0]
    # The analyst asks for 24 groups: choosing the number takes 22 s of the run's 32 at 20,000
    # answers (4 s with it given). Few answers keep the automatic choice.
    k = GROUPS if runs.count_answers(session, question) >= 50 * GROUPS else None
    run = runs.start_run(session, dialogue, question, admin, seed=2026, lexical=True, k=k)
    runs.execute_run(session, run.id)
    groups = sorted((c for c in run.clusters if c.number != -1), key=lambda c: (-c.size, c.number))
    if len(groups) < 4:
        return
    for number, cluster in enumerate(groups[:2], start=1):
        runs.promote(session, run, cluster.id, admin,
                     {"sv": f"Fokusområde {number}", "en": f"Focus area {number}"})
    runs.rename_cluster(session, run, groups[2].id, "Trafik och parkering", admin)
    # An exclusion rather than a merge: a merge describes every group again (6 s here).
    runs.set_excluded(session, run, groups[-1].id, True, admin)


def dump(report: Report) -> str:
    out = io.StringIO()
    for name, count in report.rows.items():
        out.write(f"{name}: {count}\n")
    out.write(f"seconds: {report.seconds:.1f} (the concerns run and decisions: "
              f"{report.concerns_seconds:.1f})\n")
    return out.getvalue()
