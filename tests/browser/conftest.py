"""Browser fixtures: the site served from a background thread on a fresh, seeded SQLite
database, and one Debian Chromium for the whole session, driven through Playwright."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import make_server

from dialog import create_app
from dialog.cli import upgrade_database
from dialog.config import Settings
from dialog.db import db
from tests.external import require_browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@dataclass
class Site:
    """The served application and what it holds."""

    app: Flask
    url: str
    database_url: str
    staff_email: str
    staff_password: str
    facts: dict[str, Any] = field(default_factory=dict)


def _seed(app: Flask) -> dict[str, Any]:
    from dialog.demo.more_dialogues import FOLLOW_UP_SLUG, TARGETED_SLUG
    from dialog.demo.promises import CURRENT_SLUG
    from dialog.demo.seed import DEMO_SLUG, seed
    from dialog.promises.models import FocusArea

    with app.app_context():
        seed(db.session, respondents=160)
        db.session.commit()
        focus_area = db.session.scalars(select(FocusArea.id).where(
            FocusArea.dialogue_id.is_not(None)).order_by(FocusArea.id)).first()
        from dialog.dialogues.services.queries import get_dialogue

        demo = get_dialogue(db.session, DEMO_SLUG)
        question = demo.questionnaire.questions[0].id if demo else None
    return {"open": DEMO_SLUG, "targeted": TARGETED_SLUG, "closed": FOLLOW_UP_SLUG,
            "promise": CURRENT_SLUG, "focus_area": focus_area, "question": question}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    require_browser(CHROMIUM)
    from dialog.demo.seed import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD

    url = f"sqlite:///{tmp_path_factory.mktemp('browser-db') / 'site.db'}"
    upgrade_database(url)
    settings = Settings(env="testing", database_url=url, secret_key="browser-test-secret")
    app = create_app({"SETTINGS": settings})
    facts = _seed(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(app=app, url=f"http://127.0.0.1:{server.server_port}", database_url=url,
                   staff_email=DEMO_ADMIN_EMAIL, staff_password=DEMO_ADMIN_PASSWORD, facts=facts)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        app.extensions["dialog_db"].dispose()


@pytest.fixture(scope="session")
def browser(site: Site) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class Visit:
    """A phone-sized browser tab, and every address it asked for."""

    page: Any
    site: Site
    requests: list[str]

    def go(self, path: str) -> Any:
        return self.page.goto(self.site.url + path)

    def offsite_requests(self) -> list[str]:
        return [u for u in self.requests
                if urlsplit(u).scheme not in {"data", "about"}
                and urlsplit(u).hostname != "127.0.0.1"]


def _open(browser: Any, site: Site, viewport: dict[str, int] = PHONE,
          **options: Any) -> Iterator[Visit]:
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    try:
        yield Visit(page=page, site=site, requests=requests)
    finally:
        context.close()


@pytest.fixture
def visit(browser: Any, site: Site) -> Iterator[Visit]:
    yield from _open(browser, site)


@pytest.fixture
def visit_without_js(browser: Any, site: Site) -> Iterator[Visit]:
    yield from _open(browser, site, java_script_enabled=False)


def _logged_in(visits: Iterator[Visit], site: Site) -> Iterator[Visit]:
    for visit in visits:
        visit.go("/staff/login")
        visit.page.fill("#email", site.staff_email)
        visit.page.fill("#password", site.staff_password)
        visit.page.click("main form button[type=submit]")
        visit.page.wait_for_url("**/staff/")
        yield visit


@pytest.fixture
def staff_visit(browser: Any, site: Site) -> Iterator[Visit]:
    """A phone-sized tab logged in as the demo admin."""
    yield from _logged_in(_open(browser, site), site)


@pytest.fixture
def staff_desktop(browser: Any, site: Site) -> Iterator[Visit]:
    """A desktop tab (Swedish browser) logged in as the demo admin."""
    yield from _logged_in(_open(browser, site, DESKTOP, locale="sv-SE"), site)
