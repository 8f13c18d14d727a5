"""SMART check for promise goals, with the method support's own examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from dialog.promises.services.smart import EFFECT, PRODUCTION, check_smart, findings_of


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
    import dialog.promises.services.smart as smart

    source = Path(smart.__file__).read_text(encoding="utf-8").lower()
    assert "flask" not in smart.__dict__
    assert "import flask" not in source
    assert "from flask" not in source


# --- production goals and effect goals, each by its own rules (issue 12) --------------------

@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Trygghetsvandring två gånger per termin under 2026"),
        ("sv", "Mopedkontroller fyra gånger per månad under 2026"),
        ("sv", "Fritidsgården öppen varje fredag under hösten 2026"),
        ("sv", "Tio trygghetsvandringar under vårterminen 2027"),
        ("en", "Safety walks twice a term during 2026"),
        ("en", "A police officer at the school every week during 2026"),
        ("en", "Hold four open meetings in 2027"),
    ],
)
def test_production_goals_pass_without_a_movement_word(lang: str, text: str) -> None:
    result = check_smart(text, lang, "production")
    assert result.smart, [f.rule for f in result.findings]


@pytest.mark.parametrize(
    ("rule", "lang", "text"),
    [
        ("no_quantity", "sv", "Trygghetsvandringar under 2026"),
        ("no_period", "sv", "Trygghetsvandring varje vecka"),
        ("vague_verb", "sv", "Verka för trygghetsvandringar varje vecka under 2026"),
        ("no_quantity", "en", "Safety walks during 2026"),
        ("no_period", "en", "Safety walks twice a term"),
    ],
)
def test_production_goals_get_their_own_findings(rule: str, lang: str, text: str) -> None:
    found = {f.rule for f in check_smart(text, lang, "production").findings}
    assert rule in found
    assert not found & {"no_movement", "no_measure", "no_deadline"}


def test_frequencies_are_measures() -> None:
    for lang, text in [("sv", "Öka antalet trygghetsvandringar till två gånger per termin "
                               "under 2026"),
                       ("en", "Increase safety walks to every week during 2026")]:
        assert "no_measure" not in rules(text, lang), text


def test_an_activity_written_as_an_effect_goal_is_named_for_what_it_is() -> None:
    found = rules("Trygghetsvandring varje vecka under 2026", "sv")
    assert found == {"looks_like_production"}
    assert check_smart("Minska buskörningen med hälften senast 2026", "sv").smart


def test_unknown_goal_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        check_smart("Minska buskörningen med hälften senast 2026", "sv", "output")


def test_advice_text_is_translated_with_the_match() -> None:
    from dialog.promises.services.smart import advice_text

    finding = check_smart("Verka för ökad trygghet", "sv").findings[0]
    calls: list[tuple[str, dict[str, str]]] = []

    def fake_gettext(message: str, **params: str) -> str:
        calls.append((message, params))
        return message % params

    text = advice_text(finding, fake_gettext)
    assert calls[0][1] == {"match": "verka för"}
    assert text.startswith("“verka för” is a vague phrase")


@pytest.mark.parametrize("text, kind", [
    ("Vi ska verka för ökad trygghet i centrum", EFFECT),
    ("Andelen som känner sig trygga ska öka från 60 % till 75 % senast december 2027",
     EFFECT),
    ("Fyra trygghetsvandringar per termin under 2026", PRODUCTION),
    ("Work for a safer town", PRODUCTION),
])
def test_the_kept_findings_are_check_smart_s_and_worked_out_once(text: str, kind: str) -> None:
    findings_of.cache_clear()
    assert findings_of(text, "auto", kind) == tuple(check_smart(text, "auto", kind).findings)
    assert findings_of(text, "auto", kind) is findings_of(text, "auto", kind)
    assert findings_of.cache_info().misses == 1
