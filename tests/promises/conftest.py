"""Fixtures for promise tests: a complete promise built through the service functions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict
from werkzeug.test import TestResponse

from dialog.accounts.models import OrganisationKind
from dialog.accounts.services.users import get_or_create_organisation
from dialog.authz import SYSTEM
from dialog.db import db
from dialog.promises.services import promises as services
from dialog.promises.services.promises import (
    ActivityFields,
    GoalFields,
    PromiseFields,
    SignatoryFields,
)

SECRET_PLAN = "Internt: två extra patruller fredagar, budget 40 000 kr"
MUNICIPALITY = "Norra kommun"
POLICE_AREA = "Lokalpolisområde Norra"


def promise_fields(slug: str, police_id: int, municipality_id: int, area_ids: list[int],
                   **overrides: Any) -> PromiseFields:
    values: dict[str, Any] = {
        "slug": slug,
        "title": {"sv": "Tryggare torg i Norra", "en": "A safer square in Norra"},
        "registration_number": "A 123.456/2026",
        "police_area_id": police_id,
        "municipality_id": municipality_id,
        "starts_on": date(2026, 1, 1),
        "ends_on": date(2026, 12, 31),
        "introduction": {"sv": "Vi lovar att **minska** otryggheten vid torget.",
                      "en": "We promise to **reduce** insecurity at the square."},
        "situation_picture": {"sv": "Många kvinnor undviker torget på kvällen.",
                           "en": "Many women avoid the square in the evening."},
        "how_to_follow": {"sv": "Följ arbetet här och på öppna möten.",
                       "en": "Follow the work here and at open meetings."},
        "focus_area_ids": area_ids,
        "goals": [GoalFields(indicator={"sv": "Andel som känner sig otrygga vid torget"},
                          baseline={"sv": "38 procent (2025)"},
                          target={"sv": "Minska till 25 procent"},
                          deadline=date(2026, 12, 31))],
        "signatories": [SignatoryFields(name="Anna Berg", title={"sv": "Lokalpolisområdeschef"},
                                     organisation=POLICE_AREA, signed_on=date(2026, 1, 10)),
                     SignatoryFields(name="Erik Lund", title={"sv": "Kommundirektör"},
                                     organisation=MUNICIPALITY, signed_on=date(2026, 1, 10))],
    }
    values.update(overrides)
    return PromiseFields(**values)


@pytest.fixture
def make_promise(app: Flask) -> Callable[..., str]:
    """A published promise with five activities (2 done, 1 ongoing, 1 delayed, 1 cancelled),
    two focus areas, feedback, and an internal plan; returns its slug."""

    def make(slug: str = "tryggare-torg", publish: bool = True,
             municipality: str = MUNICIPALITY, **overrides: Any) -> str:
        with app.app_context():
            session = db.session
            police = get_or_create_organisation(session, POLICE_AREA,
                                                OrganisationKind.POLICE_AREA.value)
            town = get_or_create_organisation(session, municipality,
                                              OrganisationKind.MUNICIPALITY.value)
            mopeds = services.create_focus_area(
                session, {"sv": "Mopeder och buskörning", "en": "Mopeds and reckless riding"},
                {"sv": "Mopeder på gångvägar."}, size=48,
                gender_breakdown={"woman": 30, "man": 15, "other": 3, "prefer_not": "<5"})
            dark = services.create_focus_area(
                session, {"sv": "Mörker vid stationen"}, size=4,
                gender_breakdown={"woman": 3, "man": 1})
            promise = services.create_promise(session, promise_fields(
                slug, police.id, town.id, [mopeds.id, dark.id], **overrides), actor=SYSTEM)
            services.save_plans(session, promise, {"resource_plan": SECRET_PLAN}, actor=SYSTEM)

            def add(title: str, status: str = "planned", reason: str = "",
                    area: int | None = None) -> Any:
                return services.add_activity(session, promise, ActivityFields(
                    title={"sv": title}, status=status,
                    status_reason={"sv": reason} if reason else {},
                    production_goal={"sv": f"{title}: fyra gånger per månad under 2026"},
                    responsible_id=police.id, focus_area_id=area,
                    starts_on=date(2026, 2, 1), ends_on=date(2026, 6, 30)), actor=SYSTEM)

            done1 = add("Trygghetsvandring", area=dark.id)
            done2 = add("Mopedkontroller", area=mopeds.id)
            add("Belysning vid torget", "ongoing", area=dark.id)
            late = add("Fritidsgård öppen på fredagar", area=mopeds.id)
            cancel = add("Ungdomsdisco")
            services.change_activity_status(session, done1, "done", on=date(2026, 3, 1),
                                            actor=SYSTEM)
            services.change_activity_status(session, done2, "done", on=date(2026, 4, 1),
                                            actor=SYSTEM)
            services.change_activity_status(
                session, late, "delayed", {"sv": "Personalen är inte anställd än."},
                organisation_id=town.id, on=date(2026, 5, 1), actor=SYSTEM)
            services.change_activity_status(
                session, cancel, "cancelled", {"sv": "Lokalen brann i mars."},
                organisation_id=town.id, on=date(2026, 5, 2), actor=SYSTEM)
            services.add_feedback_update(session, promise,
                                         {"sv": "Första mötet hölls i *februari*."},
                                         police.id, on=date(2026, 2, 15), actor=SYSTEM)
            if publish:
                for party in promise.parties():
                    services.approve_promise(session, promise, actor=SYSTEM, organisation=party)
                assert not services.publish_promise(session, promise, actor=SYSTEM)
            session.commit()
        return slug

    return make


class _FormReader(HTMLParser):
    """What a browser would send for the page's first post form that posts to the page itself
    (forms with an action, such as the header's language and logout forms, are skipped)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._done = False
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []
        self._option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if (tag == "form" and a.get("method", "").lower() == "post" and "action" not in a
                and not self._done):
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select":
            self._select, self._select_value, self._first_option = a.get("name"), None, None
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            if self._first_option is None:
                self._first_option = value
            if "selected" in a:
                self._select_value = value
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self._in_form:
            return
        if tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._first_option
            self.fields.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text).removeprefix("\r\n").removeprefix("\n")
            self.fields.append((self._textarea, text))
            self._textarea = None
        elif tag == "form":
            self._in_form, self._done = False, True


def browser_form(html: str) -> dict[str, list[str]]:
    """The first post form's fields, as a browser would submit them untouched."""
    reader = _FormReader()
    reader.feed(html)
    data: dict[str, list[str]] = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data


def submit(client: FlaskClient, url: str, changes: dict[str, str | list[str]],
           post_url: str | None = None) -> TestResponse:
    """Open the form at `url`, change some fields, and send it like a browser."""
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    data = browser_form(page.get_data(as_text=True))
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return client.post(post_url or url, data=MultiDict(
        [(k, v) for k, values in data.items() for v in values]))
