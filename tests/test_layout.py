"""One shape for every feature package, held by reading the code (see README, "Layout").

dialog/<feature>/ holds models.py, forms.py, views.py or views/ (blueprints), services.py or
services/ (every read and change, with its rules, authorisation and audit), display.py (what
the feature's views share) and cli.py; nothing else. A view never imports another view, and
a service never touches the request or renders a page.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEATURES = ("accounts", "concerns", "dialogues", "promises", "public")
ALLOWED = {"__init__.py", "models.py", "forms.py", "views.py", "views", "services.py",
           "services", "display.py", "cli.py", "__pycache__"}
# What a service may not use: the request, the response, the page being rendered.
WEB_ONLY = {"request", "session", "g", "render_template", "render_template_string", "redirect",
            "url_for", "flash", "make_response", "Response", "stream_with_context"}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _modules(kind: str) -> dict[str, Path]:
    found = {}
    for feature in FEATURES:
        package = ROOT / "dialog" / feature
        for path in [package / f"{kind}.py", *sorted((package / kind).glob("*.py"))]:
            if path.exists() and path.name != "__init__.py":
                found[_module(path)] = path
    return found


def _imports(path: Path) -> list[tuple[str, str]]:
    """(module, name) for every import in the file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [(node.module, alias.name) for alias in node.names]
    return found


def test_every_feature_package_has_the_same_shape() -> None:
    for feature in FEATURES:
        package = ROOT / "dialog" / feature
        names = {p.name for p in package.iterdir()}
        assert names <= ALLOWED, f"dialog/{feature}: {sorted(names - ALLOWED)} do not belong"
        assert names & {"views.py", "views"}, f"dialog/{feature} has no views"
        assert not {"views.py", "views"} <= names and not {"services.py", "services"} <= names


def test_views_never_import_other_views() -> None:
    views = _modules("views")
    assert len(views) >= 10  # the scan finds the blueprints
    for name, path in views.items():
        for module, imported in _imports(path):
            targets = {module, f"{module}.{imported}"}
            assert not targets & (views.keys() - {name}), f"{name} imports {targets & views.keys()}"


def test_services_never_touch_the_request_or_render() -> None:
    services = _modules("services")
    assert len(services) >= 12
    views = _modules("views")
    for name, path in services.items():
        for module, imported in _imports(path):
            assert not (module == "flask" and imported in WEB_ONLY), f"{name}: flask.{imported}"
            assert module != "flask" or imported, f"{name} imports flask whole"
            assert module not in views and f"{module}.{imported}" not in views, (
                f"{name} imports the view {module}")


def test_surveys_and_analysis_stand_without_the_web_application() -> None:
    for package in ("surveys", "analysis"):
        for path in (ROOT / package).rglob("*.py"):
            for module, _name in _imports(path):
                assert module.split(".")[0] not in {"dialog", "flask", "flask_babel"} or (
                    module == "dialog.base"), f"{path.relative_to(ROOT)} imports {module}"
