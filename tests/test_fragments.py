"""Parts of staff pages kept per worker (dialog.fragments): every reader still gets their own
token, what they may do, their language and the data as it is now."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import ChoiceLoader, DictLoader, Template

from dialog import create_app, fragments
from dialog.accounts.models import Role
from dialog.config import Settings
from dialog.db import db
from dialog.promises.models import FocusArea
from tests.conftest import PASSWORD, csrf_from
from tests.helpers import visible_text
from tests.test_concerns import answered, clusters, start  # noqa: F401 - a fixture

PAGE = "/staff/dialogues/trygghet-norra/concerns/"


def log_in(app: Flask, email: str) -> FlaskClient:
    client = app.test_client()
    token = csrf_from(client.get("/staff/login").get_data(as_text=True))
    response = client.post("/staff/login", data={"email": email, "password": PASSWORD,
                                                 "csrf_token": token})
    assert response.status_code == 302
    return client


def tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', page))


@pytest.fixture
def group_renders(app: Flask, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The groups rendered from the template (not taken as kept)."""
    rendered: list[str] = []
    real = app.jinja_env.get_template

    def counting(name: Any, *args: Any, **kwargs: Any) -> Template:
        if name == "staff/_cluster.html":
            rendered.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(app.jinja_env, "get_template", counting)
    return rendered


def test_groups_are_rendered_once_and_every_reader_gets_their_own_token(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],  # noqa: F811
    make_user: Callable[..., str], group_renders: list[str]
) -> None:
    first = login_as(Role.ANALYST)
    start(first)
    page = first.get(PAGE).get_data(as_text=True)
    shown = len(group_renders)
    assert shown == len(clusters(app)) > 1
    second = log_in(app, make_user(email="andra@polisen.example"))
    again = second.get(PAGE).get_data(as_text=True)
    assert len(group_renders) == shown  # taken as kept
    assert len(tokens(page)) == len(tokens(again)) == 1 and tokens(page) != tokens(again)
    assert "__dialog_token" not in again
    # A token from inside a group's form is the reader's own, and works.
    group = clusters(app)[0]
    form = again[again.index(f'id="label-{group.id}"') - 400:again.index(f'id="label-{group.id}"')]
    response = second.post(f"{PAGE}runs/{group.run_id}/clusters/{group.id}",
                           data={"csrf_token": csrf_from(form), "action": "rename",
                                 "label": "Belysning i tunneln"})
    assert response.status_code == 303
    # The first reader sees the new name at once: a changed group is a new part.
    text = visible_text(first.get(PAGE))
    assert "Belysning i tunneln" in text and group.label not in text
    assert len(group_renders) == shown + 1  # only the renamed group was rendered again


def test_a_viewer_after_an_analyst_gets_no_forms_and_english_readers_english(
    app: Flask, answered: list[str], login_as: Callable[..., FlaskClient],  # noqa: F811
    make_user: Callable[..., str]
) -> None:
    analyst = login_as(Role.ANALYST)
    start(analyst)
    assert "Byt namn" in visible_text(analyst.get(PAGE))
    viewer = log_in(app, make_user(email="lasare@polisen.example", role=Role.VIEWER))
    text = visible_text(viewer.get(PAGE))
    assert "Byt namn" not in text and "Fokusområde" not in text
    assert "12 svar" in text
    viewer.post("/staff/language", data={"lang": "en", "next": PAGE,
                                         "csrf_token": csrf_from(viewer.get(PAGE).get_data(
                                             as_text=True))})
    text = visible_text(viewer.get(PAGE))
    assert "12 answers" in text and "12 svar" not in text


@dataclasses.dataclass
class OwnRepr:
    shown: str
    secret: str

    def __repr__(self) -> str:  # says less than the fields: the key must not rely on it
        return f"OwnRepr({self.shown!r})"


@pytest.fixture
def probes(app: Flask) -> Iterator[Flask]:
    """Templates of parts that read more than they may, or only what they may."""
    original = app.jinja_env.loader
    assert original is not None
    app.jinja_env.loader = ChoiceLoader([DictLoader({
        "probe_request.html": "{{ request.path }}",
        "probe_user.html": "{{ v.shown }} {{ current_user.email }}",
        "probe_session.html": "{% if session %}x{% endif %}{{ csrf_token() }}",
        "probe_import.html": '{% from "probe_macro.html" import m %}{{ m() }}',
        "probe_macro.html": "{% macro m() %}{{ config.SECRET_KEY }}{% endmacro %}",
        "probe_ok.html": "{{ v.shown }}/{{ v.secret }}/{{ csrf }}/{{ _('Answers') }}",
        "probe_plain.txt": "{{ v.shown }}",
    }), original])
    yield app
    app.jinja_env.loader = original


def test_a_part_may_read_only_its_values_and_the_language(probes: Flask) -> None:
    with probes.test_request_context("/staff/"):
        for name in ("probe_request.html", "probe_user.html", "probe_session.html",
                     "probe_import.html"):
            with pytest.raises(TypeError, match="may not"):
                fragments.render_each(name, [{"v": OwnRepr("a", "b")}])
        # A template that does not escape: its text would be marked safe as it is.
        with pytest.raises(TypeError, match="does not escape"):
            fragments.render_each("probe_plain.txt", [{"v": OwnRepr("<b>", "b")}])
        escaped = fragments.render_each("probe_ok.html", [{"v": OwnRepr("<b>", "b")}])
        assert escaped.startswith("&lt;b&gt;/b/")
        one = fragments.render_each("probe_ok.html", [{"v": OwnRepr("a", "första")}])
        two = fragments.render_each("probe_ok.html", [{"v": OwnRepr("a", "andra")}])
    # Kept by the fields, not by the dataclass's own repr (which leaves `secret` out).
    assert "a/första/" in one and "a/andra/" in two


def test_only_values_written_out_in_full_make_a_key(app: Flask) -> None:
    with app.test_request_context("/staff/"):
        with pytest.raises(TypeError):
            fragments.render_each("staff/_cluster.html", [{"area": FocusArea()}])
        with pytest.raises(TypeError):
            fragments.render_each("staff/_cluster.html", [], formats={"x": object()})
        with pytest.raises(TypeError):
            fragments.render_each("staff/_cluster.html", [], user=db.session)


def test_nothing_is_kept_when_the_page_budget_is_zero(database_url: str) -> None:
    off = create_app({"SETTINGS": Settings(env="testing", database_url=database_url,
                                           page_cache_mb=0)})
    assert fragments.EXTENSION not in off.extensions
    original = off.jinja_env.loader
    assert original is not None
    rendered: list[str] = []
    off.jinja_env.loader = ChoiceLoader([DictLoader({"probe.html": "{{ v.shown }}"}), original])
    real = off.jinja_env.get_template
    off.jinja_env.get_template = lambda name, *a, **k: rendered.append(name) or real(name, *a, **k)  # type: ignore[method-assign]
    with off.test_request_context("/staff/"):
        for _ in range(2):
            assert fragments.render_each("probe.html", [{"v": OwnRepr("a", "b")}]) == "a\n"
    assert rendered == ["probe.html", "probe.html"]


def test_a_marker_of_no_known_token_is_left_as_it_is(app: Flask) -> None:
    from dialog import pagecache

    with app.test_request_context("/staff/"):
        text = f"{pagecache.marker('nosuch', '1')} {pagecache.marker('csrf')}"
        filled = pagecache.fill(text)
        body = pagecache._fill(text.encode()).decode()
    assert filled.startswith(pagecache.marker("nosuch", "1") + " ")
    assert "__dialog_token" not in filled.split(" ", 1)[1]
    # Kept public pages follow the same rule.
    assert body.startswith(pagecache.marker("nosuch", "1") + " ")
    assert "__dialog_token" not in body.split(" ", 1)[1]


def test_every_marker_is_filled_each_token_made_once(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Markers with and without an argument, many times over, in text and in bytes: each
    filled with its own value, each value made once per page."""
    from dialog import pagecache

    made: list[str] = []

    def probe(arg: str) -> str:
        made.append(arg)
        return f"<{arg}>"

    monkeypatch.setitem(pagecache._TOKEN_MAKERS, "probe", probe)
    text = " ".join([pagecache.marker("probe"), pagecache.marker("probe", "7"),
                     pagecache.marker("probe", "12")] * 3)
    with app.test_request_context("/"):
        assert pagecache.fill(text) == " ".join(["<>", "<7>", "<12>"] * 3)
        assert sorted(made) == ["", "12", "7"]
        made.clear()
        assert pagecache._fill(text.encode()) == " ".join(["<>", "<7>", "<12>"] * 3).encode()
        assert sorted(made) == ["", "12", "7"]


def test_parts_under_a_version_are_made_once_and_filled_for_each_reader(probes: Flask) -> None:
    """`render_each` with a version: the values are made only while nothing is kept under
    it, each reader still gets their own token, and a new version is made afresh."""
    made: list[str] = []

    def each(shown: str) -> Callable[[], list[dict[str, object]]]:
        def make() -> list[dict[str, object]]:
            made.append(shown)
            return [{"v": OwnRepr(shown, "x")}]
        return make

    pages = []
    for version, shown in ((1, "a"), (1, "a"), (2, "b"), (1, "a")):
        with probes.test_request_context("/staff/"):
            from flask import session

            session["csrf_token"] = f"reader-{len(pages)}"
            pages.append(str(fragments.render_each("probe_ok.html", each(shown), version)))
    assert made == ["a", "b"]
    assert [p.split("/")[0] for p in pages] == ["a", "a", "b", "a"]
    assert len({p.split("/")[2] for p in pages}) == 4  # each reader's own token
    assert "__dialog_token" not in "".join(pages)


def test_a_value_is_kept_under_its_version_only(database_url: str, app: Flask) -> None:
    built: list[int] = []

    def build() -> list[int]:
        built.append(1)
        return [len(built)]

    with app.app_context():
        assert fragments.kept_value(("v", 1), build, len) == [1]
        assert fragments.kept_value(("v", 1), build, len) == [1]
        assert fragments.kept_value(("v", 2), build, len) == [2]
        assert fragments.kept_value(None, build, len) == [3]  # no version: made every time
    off = create_app({"SETTINGS": Settings(env="testing", database_url=database_url,
                                           page_cache_mb=0)})
    with off.app_context():
        assert fragments.kept_value(("v", 1), build, len) == [4]
        assert fragments.kept_value(("v", 1), build, len) == [5]
