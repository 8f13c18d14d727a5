"""Small pieces shared by the text checks (leading questions here, SMART promises in dialog).

Both checks match word lists against short texts in Swedish or English and report findings
with a plain-language message, so they share the finding type and the matching helpers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CHECK_LANGUAGES: tuple[str, ...] = ("sv", "en")
FALLBACK_LANGUAGE = "sv"

LEADING = "leading"
ADVICE = "advice"


@dataclass(frozen=True)
class Finding:
    """One problem a check found; `match` is the text that triggered it, for highlighting."""

    rule: str
    message: str
    suggestion: str = ""
    severity: str = ADVICE
    match: str = ""
    # Values besides `match` that the message and suggestion were written from, kept so the
    # advice can be written again in another language (name, value) pairs.
    details: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "message": self.message,
            "suggestion": self.suggestion,
            "severity": self.severity,
            "match": self.match,
        }


def normalise(text: str) -> str:
    """Lower-case, NFC and straight quotes/dashes so word lists need only one spelling."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("´", "'")
    text = text.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


WORD_RE = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


def words(text: str) -> list[str]:
    """Words as a reader counts them (hyphenated and apostrophe words count once)."""
    return WORD_RE.findall(text)


def compile_words(phrases: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of `phrases` as whole words.

    Each phrase is itself a regex fragment (so inflections can be written as `minsk\\w*`).
    Spaces match one space: match against `normalise`d text, where whitespace is collapsed.
    """
    parts = sorted(phrases, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])", re.UNICODE)


_SV_HINTS = compile_words(
    [
        "och",
        "är",
        "du",
        "det",
        "att",
        "i",
        "på",
        "hur",
        "vad",
        "vilka",
        "har",
        "för",
        "inte",
        "känner",
        "ditt",
        "din",
        "om",
        "med",
        "eller",
        "bör",
        "ska",
        "visst",
        "varför",
        "någon",
        "av",
        "till",
        "vi",
        "senast",
        "ett",
        "antalet",
        "under",
    ]
)
_EN_HINTS = compile_words(
    [
        "and",
        "is",
        "you",
        "the",
        "to",
        "in",
        "on",
        "how",
        "what",
        "which",
        "have",
        "for",
        "not",
        "feel",
        "your",
        "about",
        "with",
        "or",
        "should",
        "do",
        "does",
        "why",
        "any",
        "are",
        "by",
        "of",
        "a",
        "we",
        "will",
        "at",
        "number",
        "during",
    ]
)


def guess_language(text: str) -> str:
    """Swedish or English, from letters and common short words; ties go to Swedish."""
    norm = normalise(text)
    sv = len(_SV_HINTS.findall(norm)) + 2 * len(re.findall(r"[åäö]", norm))
    en = len(_EN_HINTS.findall(norm))
    return "en" if en > sv else "sv"


def resolve_language(lang: str, text: str) -> str:
    """`sv` or `en`; `auto` guesses. Anything else is a caller error."""
    code = lang.strip().lower()
    if code == "auto":
        return guess_language(text)
    if code not in CHECK_LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of sv, en, auto")
    return code


def localised(values: Mapping[str, str], lang: str) -> str:
    """The value in `lang`, falling back to Swedish (the language every text must have)."""
    return values.get(lang) or values.get(FALLBACK_LANGUAGE, "")
