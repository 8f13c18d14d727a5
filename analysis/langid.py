"""Which of the project's seven languages an answer is written in, for the embedding step.

`analysis.text.detect_language` tells only "sv", "en" or "other" (what the stemmer needs). The
multilingual features need finer groups, because every language shifts its sentence vectors
in its own direction (see `analysis.embed`). The guess is cheap and explainable: the script
first (Ethiopic is Tigrinya here; Arabic script is Persian or Arabic by the letters and
function words only one of them uses), then, for Latin script, function-word hits in Swedish,
English, Finnish and Somali. No evidence gives "und" (undetermined).
"""

from __future__ import annotations

import re
from functools import cache

import stopwordsiso

from analysis.text import stopwords

LANGUAGE_CODES = ("sv", "en", "fi", "so", "ar", "fa", "ti")
UNDETERMINED = "und"

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Letters Persian writes and Arabic does not (and its own forms of yeh and kaf), and the
# reverse; both sets are tie-breakers next to the function words.
_PERSIAN_LETTERS = frozenset("پچژگیک")
_ARABIC_LETTERS = frozenset("ةىإأؤيك")
# stopwords-iso's Somali list has only 30 words; these are the commonest function words it lacks.
_SOMALI_EXTRA = frozenset(
    [
        "iyo", "ee", "waxaa", "u", "la", "ah", "aan", "wuxuu", "sida", "leh", "laga", "loo",
        "kaas", "taas", "ayay", "ma", "haddii", "ahaa", "kii", "kan", "tan",
    ]
)


@cache
def _function_words(language: str) -> frozenset[str]:
    """Function words per language: the project's own lists for sv/en, stopwords-iso else."""
    if language in ("sv", "en"):
        return stopwords(language)
    words = frozenset(word.lower() for word in stopwordsiso.stopwords(language))
    return words | _SOMALI_EXTRA if language == "so" else words


def _script(ch: str) -> str:
    """Coarse script of one letter."""
    code = ord(ch)
    if code < 0x250:
        return "latin"
    if 0x600 <= code <= 0x6FF or 0x750 <= code <= 0x77F or 0xFB50 <= code <= 0xFEFF:
        return "arabic"
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return "ethiopic"
    return "other"


def guess_language(text: str) -> str:
    """One of `LANGUAGE_CODES`, or "und" when the text gives no evidence."""
    counts = {"latin": 0, "arabic": 0, "ethiopic": 0, "other": 0}
    for ch in text:
        if ch.isalpha():
            counts[_script(ch)] += 1
    script = max(counts, key=lambda s: counts[s])
    if counts[script] == 0 or script == "other":
        return UNDETERMINED
    if script == "ethiopic":
        return "ti"
    if script == "arabic":
        tokens = _WORD.findall(text)
        ar_words, fa_words = _function_words("ar"), _function_words("fa")
        fa = sum(ch in _PERSIAN_LETTERS for ch in text) + 2 * sum(
            t in fa_words and t not in ar_words for t in tokens
        )
        ar = sum(ch in _ARABIC_LETTERS for ch in text) + 2 * sum(
            t in ar_words and t not in fa_words for t in tokens
        )
        return "fa" if fa > ar else "ar"
    tokens = _WORD.findall(text.lower())
    score = {
        lang: float(sum(t in _function_words(lang) for t in tokens))
        for lang in ("sv", "en", "fi", "so")
    }
    lower = text.lower()
    score["sv"] += 0.5 * lower.count("å")
    score["fi"] += 0.2 * sum(lower.count(d) for d in ("ää", "yy", "ii", "uu", "kk", "tt"))
    ranked = sorted(score.values(), reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[1]:
        return UNDETERMINED
    return max(score, key=lambda lang: score[lang])
