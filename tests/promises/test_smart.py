"""SMART check for promise goals, with the method support's own examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialog.promises.smart import check_smart


def rules(text: str, lang: str) -> set[str]:
    return {f.rule for f in check_smart(text, lang).findings}


def test_domain_example_vague_goal_fails() -> None:
    result = check_smart("verka för ökad trygghet", "sv")
    assert result.smart is False
    assert {"vague_verb", "no_measure", "no_deadline"} <= rules("verka för ökad trygghet", "sv")


def test_domain_example_smart_goal_passes() -> None:
    text = "Minska antalet anmälda skadegörelser vid torget med 20 procent till december 2026"
    result = check_smart(text, "sv")
    assert result.smart is True
    assert result.to_dict() == {"smart": True, "findings": []}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Halvera antalet inbrott i Ekeby senast juni 2027"),
        ("sv", "Öka andelen som känner sig trygga på kvällen från 55 % till 70 % under 2026"),
        ("sv", "Minskad skadegörelse vid skolan med hälften inom sex månader"),
        ("sv", "Antalet anmälda cykelstölder minskar med 15 procent under 2026"),
        ("en", "Reduce reported burglaries in Ekeby by 20 percent by June 2027"),
        ("en", "Cut car crime by a third by the end of 2026"),
        ("en", "Increase the share of residents who feel safe at night to 70% within a year"),
    ],
)
def test_smart_goals_pass(lang: str, text: str) -> None:
    assert check_smart(text, lang).smart, rules(text, lang)


@pytest.mark.parametrize(
    ("rule", "lang", "text"),
    [
        ("vague_verb", "sv", "Vi ska värna om tryggheten i centrum med 10 procent under 2026"),
        ("vague_verb", "sv", "Arbeta för att minska klotter med 20 procent under 2026"),
        ("vague_verb", "sv", "Främja tryggheten genom två möten under 2026"),
        ("vague_verb", "en", "We will work towards a 20 percent safer centre by 2026"),
        ("vague_verb", "en", "Promote safety with two meetings during 2026"),
        ("looks_like_production", "sv", "Genomföra fyra trygghetsvandringar per kvartal"),
        ("no_movement", "en", "Hold four safety walks by the end of 2026"),
        ("no_measure", "sv", "Minska nedskräpningen i parken under 2026"),
        ("no_measure", "en", "Increase the number of residents who feel safe within six months"),
        ("no_deadline", "sv", "Minska antalet inbrott med 20 procent"),
        ("no_deadline", "en", "Reduce burglaries by 20 percent"),
        ("no_deadline", "en", "We may reduce theft by 10 percent"),
    ],
)
def test_unsmart_goals_get_the_finding(rule: str, lang: str, text: str) -> None:
    result = check_smart(text, lang)
    assert rule in {f.rule for f in result.findings}
    assert result.smart is False


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Minskar"),
        ("sv", "minskat"),
        ("sv", "ökning"),
        ("sv", "ökade"),
        ("sv", "förbättras"),
        ("sv", "halveras"),
        ("en", "reduction"),
        ("en", "improved"),
    ],
)
def test_swedish_and_english_inflections_count_as_movement(lang: str, text: str) -> None:
    assert "no_movement" not in rules(text, lang)


def test_a_year_is_a_deadline_not_a_measure() -> None:
    found = rules("Minska skadegörelsen under 2026", "sv")
    assert "no_deadline" not in found
    assert "no_measure" in found


def test_measured_in_a_survey_counts_as_measure() -> None:
    text = "Öka tryggheten i Ekeby mätt i trygghetsenkäten senast december 2026"
    assert check_smart(text, "sv").smart


def test_messages_follow_the_language() -> None:
    sv = check_smart("verka för ökad trygghet", "sv").to_dict()
    en = check_smart("work towards a safer town", "en").to_dict()
    assert "allmänt ord" in sv["findings"][0]["message"]
    assert "vague" in en["findings"][0]["message"]
    assert set(sv["findings"][0]) == {"rule", "message"}


def test_auto_and_unknown_language() -> None:
    assert check_smart("Reduce burglaries by 20 percent by June 2027", "auto").smart
    with pytest.raises(ValueError):
        check_smart("Minska brotten", "de")


def test_smart_module_does_not_import_flask() -> None:
    import dialog.promises.smart as smart

    source = Path(smart.__file__).read_text(encoding="utf-8").lower()
    assert "flask" not in smart.__dict__
    assert "import flask" not in source
    assert "from flask" not in source
