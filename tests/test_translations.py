"""Catalogs: the template is current, every catalog is complete, placeholders and plurals hold."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from dialog.i18n import LANGUAGES
from tests.conftest import ROOT

TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _catalog(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as fh:
        return read_po(fh)


def test_template_is_not_stale(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
         str(ROOT / "babel.cfg"), "-k", "N_", "-k", "_l", "-k", "lazy_gettext",
         "--add-comments=Translators:", "-o", str(fresh), str(ROOT)],
        check=True, cwd=ROOT,
    )
    extracted = {m.id if isinstance(m.id, str) else tuple(m.id) for m in _catalog(fresh) if m.id}
    committed = {m.id if isinstance(m.id, str) else tuple(m.id)
                 for m in _catalog(TRANSLATIONS / "messages.pot") if m.id}
    assert extracted - committed == set(), "run `make translations`: new strings not extracted"
    assert committed - extracted == set(), "run `make translations`: stale strings in template"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_is_complete_and_consistent(lang: str) -> None:
    template = {m.id if isinstance(m.id, str) else tuple(m.id)
                for m in _catalog(TRANSLATIONS / "messages.pot") if m.id}
    catalog = _catalog(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
    seen = set()
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        seen.add(key)
        assert "fuzzy" not in message.flags, (lang, key)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(strings), f"{lang}: untranslated {key!r}"
        if isinstance(message.id, str):
            assert len(strings) == 1
        else:
            assert len(strings) == catalog.num_plurals, (lang, key)
        wanted = set(PLACEHOLDER.findall(key if isinstance(key, str) else key[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= wanted | {"num"}, (lang, key, string)
            if isinstance(key, str):
                assert set(PLACEHOLDER.findall(string)) == wanted, (lang, key, string)
    assert template - seen == set(), f"{lang} misses strings; run `make translations`"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalog_compiles(lang: str, tmp_path: Path) -> None:
    po = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "m.mo"), str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
