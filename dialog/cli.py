"""Command-line commands: `flask --app dialog <command>`."""

from __future__ import annotations

import json

import click
from flask import Flask, current_app

from dialog import i18n
from dialog.accounts.models import OrganisationKind, Role
from dialog.accounts.services.users import create_user, get_or_create_organisation
from dialog.db import db
from dialog.promises.cli import register_promise_cli


def upgrade_database(url: str, revision: str = "head") -> None:
    """Run the Alembic migrations against `url`."""
    from alembic import command
    from alembic.config import Config

    from dialog.config import ROOT

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    config.attributes["database_url"] = url
    command.upgrade(config, revision)


def register_cli(app: Flask) -> None:
    register_promise_cli(app)

    @app.cli.command("upgrade-db")
    def upgrade_db() -> None:
        """Bring the database schema up to date (creates it if needed)."""
        upgrade_database(current_app.config["SETTINGS"].database_url)
        click.echo("Database is up to date.")

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option(
        "--role",
        type=click.Choice([r.value for r in Role]),
        default=Role.VIEWER.value,
        show_default=True,
    )
    @click.option("--organisation", required=True, help="Name of the organisation.")
    @click.option(
        "--organisation-kind",
        type=click.Choice([k.value for k in OrganisationKind]),
        default=OrganisationKind.OTHER.value,
        help="Used only when the organisation does not exist yet.",
    )
    @click.password_option(help="Prompted for when not given.")
    def create_user_command(
        email: str, role: str, organisation: str, organisation_kind: str, password: str
    ) -> None:
        """Create a staff user (prompts for the password)."""
        org = get_or_create_organisation(db.session, organisation, organisation_kind)
        try:
            user = create_user(db.session, email, password, Role(role), org)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        click.echo(f"Created {user.email} ({user.role}) in {org.name}.")

    @app.cli.command("dialogues")
    def dialogues_command() -> None:
        """Print every dialogue as JSON: slug, kind, status, title."""
        from dialog.authz import SYSTEM
        from dialog.dialogues.services.queries import staff_dialogues

        rows = [
            {"slug": d.slug, "kind": d.kind, "status": d.status,
             "title": i18n.pick(d.title, d.source_language, d.source_language).text}
            for d in staff_dialogues(db.session, SYSTEM)
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))

    @app.cli.command("invite-codes")
    @click.argument("slug")
    @click.option("--count", type=click.IntRange(10, 5000), required=True,
                  help="10 to 5000: smaller batches would tell whose answer just arrived.")
    @click.option("--batch", "label", default="", help='A label such as "shop owners".')
    def invite_codes_command(slug: str, count: int, label: str) -> None:
        """Print COUNT new single-use invitation codes for a targeted dialogue."""
        from dialog.authz import SYSTEM
        from dialog.dialogues.models import DialogueKind
        from dialog.dialogues.services.invitations import display, issue_codes
        from dialog.dialogues.services.queries import get_dialogue

        dialogue = get_dialogue(db.session, slug)
        if dialogue is None:
            raise click.ClickException(f"no dialogue with slug {slug!r}")
        if dialogue.kind != DialogueKind.TARGETED:
            raise click.ClickException(f"{slug} is not a targeted dialogue")
        try:
            codes = issue_codes(db.session, dialogue, count, label, actor=SYSTEM)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        for code in codes:
            click.echo(display(code))

    @app.cli.command("seed-demo")
    def seed_demo() -> None:
        """Add the demo organisations, users, dialogues and answers (does nothing twice)."""
        from dialog.demo.seed import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, seed

        if current_app.config["SETTINGS"].production:
            raise click.ClickException("Demo data is never created in production.")
        created = seed(db.session)
        db.session.commit()
        click.echo("Demo data created." if created else "Demo data already present.")
        click.echo(f"Demo staff login: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}")

    @app.cli.command("seed-scale")
    @click.option("--scale", type=click.FloatRange(0.0001, 10), default=1.0, show_default=True,
                  help="1 is national scale (about a million answers); 0.01 a hundredth.")
    def seed_scale_command(scale: float) -> None:
        """Fill the database with the national-scale benchmark data set."""
        from dialog.demo.scale import SCALE_ADMIN_EMAIL, SCALE_PASSWORD, dump, seed_scale

        if current_app.config["SETTINGS"].production:
            raise click.ClickException("Benchmark data is never created in production.")
        try:
            report = seed_scale(db.session, scale)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from exc
        db.session.commit()
        click.echo(dump(report), nl=False)
        click.echo(f"Staff login: {SCALE_ADMIN_EMAIL} / {SCALE_PASSWORD}")

    @app.cli.command("enforce-retention")
    def enforce_retention_command() -> None:
        """Delete the answers whose retention period has ended (safe to run daily)."""
        from dialog.db import today
        from dialog.dialogues.services.privacy import enforce_retention

        done = enforce_retention(db.session, today())
        db.session.commit()
        for item in done:
            click.echo(f"{item.slug}: deleted {item.responses} responses and {item.answers} "
                       f"answers ({item.scope}).")
        if not done:
            click.echo("Nothing to delete.")

    @app.cli.command("fold-counts")
    def fold_counts_command() -> None:
        """Fold the shares of the response counts of past days into one row each, so staff
        pages read fewer rows (safe to run daily, and at any time)."""
        from dialog.db import today
        from surveys.tally import fold_past_days

        folded = fold_past_days(db.session, today())
        db.session.commit()
        click.echo(f"Folded {folded} rows of response counts of past days.")

    @app.cli.command("worker")
    @click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
    def worker_command(burst: bool) -> None:
        """Run background jobs (analysis) from Redis; needs DIALOG_REDIS_URL."""
        from dialog.jobs import work

        url = current_app.config["SETTINGS"].redis_url
        if not url:
            raise click.ClickException(
                "DIALOG_REDIS_URL is not set: without Redis, jobs run inside the web process "
                "and no worker is needed.")
        work(url, burst=burst)
