"""The writing aids' advice (leading-question check, SMART check) in the staff member's language.

The checks read a text in its own language (Swedish or English) and return findings; a staff
member reading the English interface should get the advice on a Swedish question in English.
The leading-question check has its advice in Swedish and English only, so other interface
languages get it in Swedish, the language of the method support.
"""

from __future__ import annotations

from dialog import i18n
from surveys.checks_common import CHECK_LANGUAGES, FALLBACK_LANGUAGE, Finding


def advice_language() -> str:
    """The language the leading-question advice is written in for the current staff member."""
    code = i18n.current()
    return code if code in CHECK_LANGUAGES else FALLBACK_LANGUAGE


def leading_findings_in(findings: list[Finding], lang: str) -> list[Finding]:
    """The same findings with message and suggestion in `lang` ("sv" or "en")."""
    from surveys.leading import RULES, render_finding

    return [
        render_finding(finding, lang) if finding.rule in RULES else finding
        for finding in findings
    ]
