"""Check that a promise's goal is written the SMART way the method support asks for.

The method has two kinds of goal, each checked by its own rules:

- an **effect goal** is about the problem: what should change, how much, by when. It needs a
  word of movement (minska, öka, halvera), a measure and a time, e.g. "Minska anmälda
  skadegörelser vid torget med 20 procent till december 2026".
- a **production goal** belongs to an activity: what is carried out, how many times or how
  often, and in which period, e.g. "Trygghetsvandring två gånger per termin under 2026". It
  needs no word of movement: the activity itself is the point, and a frequency ("varje
  vecka", "twice a term") is its measure.

Both avoid vague phrases (verka för, värna om). Findings carry a rule name and the matched
words; `advice_text` gives the message in any interface language (gettext), while `message`
is in the goal's own language for the command line. No Flask needed to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from surveys.checks_common import ADVICE, Finding, compile_words, normalise, resolve_language
from surveys.questions import N_

__all__ = ["EFFECT", "GOAL_KINDS", "PRODUCTION", "SmartResult", "check_smart", "findings_of"]

EFFECT = "effect"
PRODUCTION = "production"
GOAL_KINDS = (EFFECT, PRODUCTION)


@dataclass(frozen=True)
class SmartResult:
    """`smart` is true only when no rule found anything."""

    text: str
    lang: str
    smart: bool
    findings: list[Finding] = field(default_factory=list)
    kind: str = EFFECT

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
    "looks_like_production": {
        "sv": "Målet säger hur ofta något görs men inte vad som ska bli annorlunda. Ett "
        "effektmål handlar om problemet, t.ex. ”minska otryggheten vid torget från 38 till 25 "
        "procent under 2026”; hur ofta en aktivitet görs är aktivitetens produktionsmål.",
        "en": "The goal says how often something is done but not what should change. An "
        "effect goal is about the problem, e.g. “reduce the share who feel unsafe at the "
        "square from 38 to 25 percent during 2026”; how often an activity is done is the "
        "activity's production goal.",
    },
    "no_quantity": {
        "sv": "Produktionsmålet säger inte hur mycket eller hur ofta. Ange ett antal eller en "
        "frekvens, t.ex. ”fyra trygghetsvandringar” eller ”två gånger per termin”.",
        "en": "The production goal does not say how much or how often. Give a number or a "
        "frequency, e.g. “four safety walks” or “twice a term”.",
    },
    "no_period": {
        "sv": "Produktionsmålet saknar period. Ange när aktiviteten görs, t.ex. ”under 2026” "
        "eller ”under vårterminen 2027”.",
        "en": "The production goal has no period. Say when the activity is carried out, e.g. "
        "“during 2026” or “in the spring term of 2027”.",
    },
}

# The same advice for every interface language, through the catalogs (msgids are English).
# Kept apart from _MESSAGES, which the command line prints in the goal's own language.
ADVICE_TEXTS: dict[str, str] = {
    "vague_verb": N_("“%(match)s” is a vague phrase that does not say what will change. Say "
                     "what will happen, e.g. “reduce”, “increase” or “develop”."),
    "no_movement": N_("The goal has no word showing direction, e.g. “reduce”, “increase”, "
                      "“halve” or “improve”."),
    "no_measure": N_("The goal does not say how much or how it is measured. Give a number, a "
                     "percentage or how it is followed up, e.g. “by 20 percent” or “measured "
                     "in the safety survey”."),
    "no_deadline": N_("The goal has no time. Say when it is due or which period it covers, "
                      "e.g. “by December 2026” or “during 2026”."),
    "looks_like_production": N_(
        "The goal says how often something is done but not what should change. An effect "
        "goal is about the problem, e.g. “reduce the share who feel unsafe at the square from "
        "38 to 25 percent during 2026”; how often an activity is done is the activity's "
        "production goal."),
    "no_quantity": N_("The production goal does not say how much or how often. Give a number "
                      "or a frequency, e.g. “four safety walks” or “twice a term”."),
    "no_period": N_("The production goal has no period. Say when the activity is carried out, "
                    "e.g. “during 2026” or “in the spring term of 2027”."),
}


def advice_text(finding: Finding, translate: Callable[..., str]) -> str:
    """The finding's advice in the reader's language; `translate` is gettext."""
    template = ADVICE_TEXTS.get(finding.rule)
    if template is None:
        return finding.message
    if "%(match)s" in template:
        return translate(template, match=finding.match)
    return translate(template)

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

_SV_UNITS = r"dag|dagen|vecka|veckan|månad|månaden|kvartal|kvartalet|halvår|halvåret|år|året" \
    r"|termin|terminen|helg|helgen|lov|lovet"
_EN_UNITS = r"day|week|month|quarter|year|term|weekend|holiday|semester"
# How often an activity is carried out: a measure for a production goal.
_FREQUENCY = {
    "sv": compile_words(
        [
            rf"(?:varje|var|varannan|per|en gång (?:per|i|om)) (?:{_SV_UNITS})",
            rf"(?:\d+|{_SV_NUMBER_WORDS}|en|ett) gånger? (?:per|i|om|varje|under) (?:{_SV_UNITS})",
            rf"(?:\d+|{_SV_NUMBER_WORDS}|en|ett) gånger?",
            r"dagligen",
            r"veckovis",
            r"månadsvis",
            r"kvartalsvis",
            r"årligen",
            r"(?:varje|var) (?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)\w*",
            r"(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)ar",
        ]
    ),
    "en": compile_words(
        [
            rf"(?:every|each|per|a|an|once a|twice a|every other) (?:{_EN_UNITS})",
            rf"(?:\d+|{_EN_NUMBER_WORDS}) times? (?:a|an|per|every|each) (?:{_EN_UNITS})",
            rf"(?:\d+|{_EN_NUMBER_WORDS}) times",
            r"once",
            r"twice",
            r"daily",
            r"weekly",
            r"fortnightly",
            r"monthly",
            r"quarterly",
            r"annually",
            r"yearly",
            r"every (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
            r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s",
        ]
    ),
}


def _finding(rule: str, lang: str, match: str = "") -> Finding:
    return Finding(
        rule=rule, message=_MESSAGES[rule][lang].format(match=match), severity=ADVICE, match=match
    )


def check_smart(text: str, lang: str, kind: str = EFFECT) -> SmartResult:
    """Check one goal of `kind` ("effect" or "production"); `lang` is "sv", "en" or "auto".

    ValueError for other languages or kinds. Years, dates and periods count as the time
    only, so "under 2026" alone does not make a goal measurable and "by the end of" is no
    movement word; a frequency ("varje vecka", "twice a term") counts as a measure.
    """
    if kind not in GOAL_KINDS:
        raise ValueError(f"a goal is one of {', '.join(GOAL_KINDS)}, not {kind!r}")
    code = resolve_language(lang, text)
    norm = normalise(text)
    findings: list[Finding] = []

    vague = _VAGUE[code].search(norm)
    if vague:
        findings.append(_finding("vague_verb", code, vague.group(0)))
    frequency = _FREQUENCY[code].search(norm)
    deadline = _DEADLINE[code].search(norm)
    without_time = _DEADLINE[code].sub(" ", norm)
    measured = bool(frequency or _MEASURE[code].search(without_time)
                    or _PERCENT_SIGN.search(without_time))
    if kind == PRODUCTION:
        if not measured:
            findings.append(_finding("no_quantity", code))
        # "varje vecka" says how often, not in which period: the period must be there too.
        if not _DEADLINE[code].search(_FREQUENCY[code].sub(" ", norm)):
            findings.append(_finding("no_period", code))
    else:
        if not _MOVEMENT[code].search(without_time):
            findings.append(_finding("looks_like_production" if frequency else "no_movement",
                                     code))
        if not measured:
            findings.append(_finding("no_measure", code))
        if not deadline:
            findings.append(_finding("no_deadline", code))
    return SmartResult(text=text, lang=code, smart=not findings, findings=findings, kind=kind)


@lru_cache(maxsize=4096)
def findings_of(text: str, lang: str, kind: str) -> tuple[Finding, ...]:
    """`check_smart`'s findings, worked out once per text: a staff promise page checks every
    goal and activity of the promise each time it is shown."""
    return tuple(check_smart(text, lang, kind).findings)
