"""Check that a promise's goal is written the SMART way the method support asks for.

The method support says: use words of movement (minska, öka, utveckla), avoid vague phrases
(verka för, värna om), say how the result is measured and by when. Staff see this check
while they write a promise, so findings are plain sentences in the text's language.
Pure function, no Flask: usable from a view, a worker or the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from surveys.checks_common import ADVICE, Finding, compile_words, normalise, resolve_language

__all__ = ["SmartResult", "check_smart"]


@dataclass(frozen=True)
class SmartResult:
    """`smart` is true only when no rule found anything."""

    text: str
    lang: str
    smart: bool
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "smart": self.smart,
            "findings": [{"rule": f.rule, "message": f.message} for f in self.findings],
        }


_MESSAGES: dict[str, dict[str, str]] = {
    "vague_verb": {
        "sv": "”{match}” är ett allmänt ord som inte säger vad som ska bli annorlunda. Skriv "
        "vad som ska hända, t.ex. ”minska”, ”öka” eller ”utveckla”.",
        "en": "“{match}” is a vague phrase that does not say what will change. Say what will "
        "happen, e.g. “reduce”, “increase” or “develop”.",
    },
    "no_movement": {
        "sv": "Målet saknar ett ord som visar riktning, t.ex. ”minska”, ”öka”, ”halvera” "
        "eller ”förbättra”.",
        "en": "The goal has no word showing direction, e.g. “reduce”, “increase”, “halve” or "
        "“improve”.",
    },
    "no_measure": {
        "sv": "Målet säger inte hur mycket eller hur det mäts. Ange ett antal, en procent "
        "eller hur det följs upp, t.ex. ”med 20 procent” eller ”mätt i trygghetsenkäten”.",
        "en": "The goal does not say how much or how it is measured. Give a number, a "
        "percentage or how it is followed up, e.g. “by 20 percent” or “measured in the "
        "safety survey”.",
    },
    "no_deadline": {
        "sv": "Målet saknar tid. Ange när det ska vara klart eller vilken period det gäller, "
        "t.ex. ”senast december 2026” eller ”under 2026”.",
        "en": "The goal has no time. Say when it is due or which period it covers, e.g. “by "
        "December 2026” or “during 2026”.",
    },
}

_VAGUE = {
    "sv": compile_words(
        [
            r"verka[rt]? för",
            r"verkar för",
            r"värna[rt]?(?: om)?",
            r"arbeta[rt]? för",
            r"jobba[rt]? för",
            r"sträva[rt]? (?:efter|mot)",
            r"främja(?:r|s|t|nde)?",
            r"bidra(?:r|git|g)? till",
            r"ha fokus på",
            r"fokusera på",
            r"se över",
            r"eftersträva\w*",
            r"möjliggöra\w*",
        ]
    ),
    "en": compile_words(
        [
            r"work(?:s|ing|ed)? (?:towards?|for)",
            r"striv(?:e|es|ing)",
            r"promot(?:e|es|ing)",
            r"contribut(?:e|es|ing) to",
            r"safeguard(?:s|ing)?",
            r"endeavou?r\w*",
            r"seek(?:s|ing)? to",
            r"aim(?:s|ing)? to",
            r"focus(?:es|ing)? on",
            r"look into",
            r"foster(?:s|ing)?",
            r"enable(?:s)?",
        ]
    ),
}

_MOVEMENT = {
    "sv": compile_words(
        [
            r"minsk\w*",
            r"ök(?:a|ar|at|ade|as|ad|ade|ning|ningen|ningar)",
            r"ökad\w*",
            r"halver\w*",
            r"fördubbl\w*",
            r"utveckl\w*",
            r"förbättr\w*",
            r"sänk\w*",
            r"höj(?:a|er|t|de|s|ning\w*)",
            r"reducer\w*",
            r"stärk\w*",
            r"färre",
            r"fler",
            r"lägre",
            r"högre",
            r"mindre",
            r"tryggare",
            r"upphör\w*",
            r"avskaffa\w*",
            r"eliminer\w*",
        ]
    ),
    "en": compile_words(
        [
            r"reduc\w*",
            r"increas\w*",
            r"develop\w*",
            r"improv\w*",
            r"halv(?:e|es|ed|ing)",
            r"doubl(?:e|es|ed|ing)",
            r"cut(?:s|ting)?",
            r"lower\w*",
            r"rais(?:e|es|ed|ing)",
            r"decreas\w*",
            r"strengthen\w*",
            r"fewer",
            r"less",
            r"more",
            r"higher",
            r"safer",
            r"grow(?:s|n|th)?",
            r"eliminat\w*",
            r"end(?:s)?",
        ]
    ),
}

_SV_MONTHS = (
    r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober"
    r"|november|december"
)
# "May" only with a date or a preposition: alone it is usually the verb.
_EN_MONTHS = (
    r"january|february|march|april|june|july|august|september|october"
    r"|november|december|(?<=by |in )may|(?<=until )may|may(?= \d)"
)
_SV_NUMBER_WORDS = (
    r"två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv|femton|tjugo|trettio"
    r"|fyrtio|femtio|hundra|tusen"
)
_EN_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|hundred|thousand"
)

_DEADLINE = {
    "sv": compile_words(
        [
            r"(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?",
            r"senast",
            rf"(?:\d{{1,2}} )?(?:{_SV_MONTHS})",
            r"vecka \d{1,2}",
            r"(?:v\.|v) ?\d{1,2}",
            r"q[1-4]",
            rf"inom (?:en|ett|\d+|{_SV_NUMBER_WORDS}) (?:dag|dagar|vecka|veckor|månad|månader"
            r"|år|kvartal|halvår)",
            r"(?:per|varje|en gång per|en gång i) (?:dag|vecka|månad|kvartal|halvår|år|termin)",
            r"årligen",
            r"kvartalsvis",
            r"månadsvis",
            r"veckovis",
            r"dagligen",
            r"under (?:året|hösten|våren|sommaren|vintern|kvartalet|halvåret|terminen"
            r"|första|andra|tredje|fjärde)",
            r"(?:höst|vår)terminen",
            r"i år",
            r"nästa år",
            r"till (?:sommaren|hösten|våren"
            r"|vintern|årsskiftet)",
            r"före (?:sommaren|hösten|våren|vintern|årsskiftet)",
            r"halvår\w*",
            r"kvartal\w*",
        ]
    ),
    "en": compile_words(
        [
            r"(?:19|20)\d\d(?:-\d\d(?:-\d\d)?)?",
            rf"(?:\d{{1,2}} )?(?:{_EN_MONTHS})(?: \d{{1,2}})?",
            r"q[1-4]",
            r"deadline",
            r"by the end of \w+",
            rf"within (?:a|an|one|\d+|{_EN_NUMBER_WORDS}) (?:days?|weeks?|months?|years?"
            r"|quarters?)",
            r"(?:per|every|each|once a) (?:day|week|month|quarter|year|term)",
            r"annually",
            r"quarterly",
            r"monthly",
            r"weekly",
            r"daily",
            r"this year",
            r"next year",
            r"by (?:summer|autumn|spring|winter|year end|the end of the year)",
            r"before (?:summer|autumn|spring|winter|the end of the year)",
            r"during (?:the )?(?:year|summer|autumn|spring|winter|first|second|third|fourth)",
        ]
    ),
}

_MEASURE = {
    "sv": compile_words(
        [
            r"\d+(?:[.,]\d+)?(?: ?%)?",
            r"procent\w*",
            r"procentenhet\w*",
            rf"(?:{_SV_NUMBER_WORDS})",
            r"hälften",
            r"halva",
            r"dubbelt",
            r"tredjedel\w*",
            r"fjärdedel\w*",
            r"noll",
            r"halver\w*",
            r"fördubbl\w*",
            r"mät(?:s|t|as)? (?:genom|i|med)",
            r"enligt (?:\w+ )?(?:trygghetsmätning\w*"
            r"|trygghetsundersökning\w*|enkät\w*|ntu)",
        ]
    ),
    "en": compile_words(
        [
            r"\d+(?:[.,]\d+)?(?: ?%)?",
            r"per ?cent\w*",
            r"percentage points?",
            rf"(?:{_EN_NUMBER_WORDS})",
            r"half",
            r"a third",
            r"a quarter",
            r"twice",
            r"zero",
            r"halv(?:e|es|ed|ing)",
            r"doubl(?:e|es|ed|ing)",
            r"measured (?:by|in|through|with)",
            r"according to (?:the )?(?:\w+ )?(?:safety |crime )?(?:survey|count)",
        ]
    ),
}
_PERCENT_SIGN = re.compile(r"\d\s?%")


def _finding(rule: str, lang: str, match: str = "") -> Finding:
    return Finding(
        rule=rule, message=_MESSAGES[rule][lang].format(match=match), severity=ADVICE, match=match
    )


def check_smart(text: str, lang: str) -> SmartResult:
    """Check one goal; `lang` is "sv", "en" or "auto". ValueError for other languages.

    Years, dates and periods count as the deadline only, so "under 2026" alone does not make
    a goal measurable and "by the end of" is no movement word.
    """
    code = resolve_language(lang, text)
    norm = normalise(text)
    findings: list[Finding] = []

    vague = _VAGUE[code].search(norm)
    if vague:
        findings.append(_finding("vague_verb", code, vague.group(0)))
    deadline = _DEADLINE[code].search(norm)
    without_time = _DEADLINE[code].sub(" ", norm)
    if not _MOVEMENT[code].search(without_time):
        findings.append(_finding("no_movement", code))
    if not (_MEASURE[code].search(without_time) or _PERCENT_SIGN.search(without_time)):
        findings.append(_finding("no_measure", code))
    if not deadline:
        findings.append(_finding("no_deadline", code))
    return SmartResult(text=text, lang=code, smart=not findings, findings=findings)
