"""Balanced wording: a question that offers both sides, or a way out, does not push one answer.

Rules that read one-sidedness or two questions from the words of a question ("how much",
"for ... or ...", a list of options, "all groups") misread questions that name both poles
("how much or how little", "för eller emot", "hur troligt eller otroligt"), give two views
("some people think X, others Y"), or leave room for no answer ("if any", "om något",
"none of these", "vet inte", "no change"). `balance` finds such wording; the check then lets
the classifier overrule rule flags on a balanced question, and the double-question rule reads
an opposite pair as one scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from surveys.checks_common import compile_words
from surveys.valence import valence

# Pairs of scale ends that are opposites without a negating prefix.
_ANTONYMS: dict[str, frozenset[frozenset[str]]] = {
    "sv": frozenset(
        frozenset(pair)
        for pair in (
            ("mycket", "lite"),
            ("stort", "litet"),
            ("stor", "liten"),
            ("stora", "små"),
            ("bra", "dåligt"),
            ("bra", "dålig"),
            ("väl", "illa"),
            ("väl", "dåligt"),
            ("ofta", "sällan"),
            ("för", "emot"),
            ("mer", "mindre"),
            ("fler", "färre"),
            ("bättre", "sämre"),
            ("positiv", "negativ"),
            ("positivt", "negativt"),
            ("ökat", "minskat"),
            ("ökar", "minskar"),
            ("högt", "lågt"),
            ("hög", "låg"),
            ("ja", "nej"),
        )
    ),
    "en": frozenset(
        frozenset(pair)
        for pair in (
            ("much", "little"),
            ("well", "badly"),
            ("well", "poorly"),
            ("good", "bad"),
            ("good", "poor"),
            ("for", "against"),
            ("more", "less"),
            ("more", "fewer"),
            ("better", "worse"),
            ("often", "rarely"),
            ("often", "seldom"),
            ("positive", "negative"),
            ("positively", "negatively"),
            ("increased", "decreased"),
            ("increase", "decrease"),
            ("big", "small"),
            ("large", "small"),
            ("high", "low"),
            ("yes", "no"),
            ("agree", "disagree"),
        )
    ),
}
_NEGATING_PREFIXES = {"sv": ("o", "miss"), "en": ("un", "in", "im", "dis", "ir")}


def opposite(first: str, second: str, lang: str) -> bool:
    """True when two words name the two ends of one scale: "troligt"/"otroligt",
    "much"/"little", "satisfied"/"dissatisfied", or two words of opposite valence."""
    if frozenset((first, second)) in _ANTONYMS[lang]:
        return True
    for prefix in _NEGATING_PREFIXES[lang]:
        if first == prefix + second or second == prefix + first:
            return True
    return (valence(first, lang) or 0) * (valence(second, lang) or 0) < 0


_PAIR = {
    "sv": re.compile(r"(?<![\w-])(\w+) eller (?:hur |så )?(\w+)(?![\w-])"),
    "en": re.compile(r"(?<![\w-])([\w-]+) or (?:how |so )?([\w-]+)(?![\w-])"),
}


def opposite_pairs(norm: str, lang: str) -> list[re.Match[str]]:
    """Each "X eller Y"/"X or (how) Y" in normalised text whose two words are opposites."""
    found = []
    position = 0
    while match := _PAIR[lang].search(norm, position):
        if opposite(match.group(1), match.group(2), lang):
            found.append(match)
            position = match.end()
        else:
            position = match.start(2)
    return found


# A way out or a second view written into the question.
_MARKERS = {
    "sv": compile_words(
        [
            r"om (?:något|några|någon|alls|ens)",
            r"eller inte",
            r"(?:eller )?(?:har (?:du|ni) )?ingen (?:åsikt|uppfattning)",
            r"vet inte",
            r"ingen förändring",
            r"oförändra\w+",
            r"(?:eller )?(?:är det )?ungefär (?:som förut|lika)",
            r"inget av (?:detta|dessa|ovanstående)",
            r"ingen av (?:dessa|dem)",
            r"(?:eller )?inget alls",
            r"(?:vissa|en del|somliga) (?:\w+ )?(?:menar|tycker|anser|tror|säger|vill)"
            r"[^?]*?\bandra\b",
        ]
    ),
    "en": compile_words(
        [
            r"if (?:any|at all|anything|ever|so)",
            r"or not",
            r"(?:or )?(?:do you have )?no (?:opinion|view)",
            r"(?:don't|do not) know",
            r"no change",
            r"(?:stayed|stay|remained) (?:about )?the same",
            r"none of (?:these|the above|the following|them)",
            r"(?:little|some) or none",
            r"(?:some|many) (?:[\w-]+ ){0,2}?(?:think|say|believe|feel|argue|want|prefer)"
            r"[^?]*?\bothers?\b",
        ]
    ),
}


# A second alternative put as its own clause: "…, eller behandlas vissa grupper annorlunda?"
_ALTERNATIVE = {
    "sv": re.compile(
        r", eller (?:\w+ )?(?:har|är|finns|blir|gör|tycker|anser|upplever|känner|\w+as)"
        r" (?:det|du|ni|de|vissa|någon|\w+)\b"
    ),
    "en": re.compile(
        r", or (?:do|does|did|is|are|was|were|have|has|would|will|should|can)"
        r" (?:you|they|it|there|some|the)\b"
    ),
}


@dataclass(frozen=True)
class Balance:
    """What makes a question balanced: "pair" (both poles named) or "way_out" (a way out, two
    views or a second alternative), and the words that do it."""

    kind: str
    words: str


def balance(norm: str, lang: str) -> Balance | None:
    """What makes a normalised question balanced, or None.

    A way out ("if any", "vet inte", "none of these", "ingen förändring"), two views
    ("vissa menar …, andra …") or a second alternative ("…, eller behandlas vissa …") first;
    otherwise both poles named ("hur bra eller dåligt").
    """
    if found := _MARKERS[lang].search(norm) or _ALTERNATIVE[lang].search(norm):
        return Balance("way_out", found.group(0))
    if pairs := opposite_pairs(norm, lang):
        return Balance("pair", pairs[0].group(0))
    return None
