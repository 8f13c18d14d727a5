"""How strongly positive or negative a word is, in Swedish and English.

The leading-question check uses it to find praise or alarm words in a question stem ("our
wonderful new square", "den alarmerande situationen"): such words tell the resident what to
think about the very thing asked. Valences come from the VADER lexicon (MIT licence; English
from the `vadersentiment` package, Swedish from its translation in `vadersentiment-swedish`),
copied into `surveys/data/valence/` because the two packages install the same module name and
cannot be installed side by side. Words that name what a safety survey asks about ("brott",
"crime", "trygg", "safe") carry valence in a general lexicon but are the topic here, not a
judgement, so they are listed as topic words and never count as loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from nltk.stem.snowball import SnowballStemmer

from surveys.checks_common import WORD_RE

DATA = Path(__file__).resolve().parent / "data" / "valence"

# A word at least this far from 0 on VADER's -4..+4 scale is "strongly" valenced.
STRONG = 1.8

_STEMMERS = {"sv": "swedish", "en": "english"}

# Words of the survey's own subject, neutral scale ends, and Swedish words the machine
# translation of the lexicon gave a valence they do not have ("känner" from "feel") are
# listed in topic_<lang>.txt.


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


@cache
def _topic_words(lang: str) -> frozenset[str]:
    with (DATA / f"topic_{lang}.txt").open(encoding="utf-8") as f:
        return frozenset(line.strip() for line in f if line.strip() and not line.startswith("#"))


# Words for how the person answering feels (the survey's construct, some missing from the
# general lexicon); they count only when two are doubled up ("unsafe and afraid"), never alone.
_CONSTRUCT: dict[str, dict[str, float]] = {
    "sv": {
        "otrygg": -1.6,
        "otrygga": -1.6,
        "otryggt": -1.6,
        "rädd": -2.2,
        "rädda": -2.2,
        "orolig": -1.4,
        "oroliga": -1.4,
        "ängslig": -1.0,
        "hotad": -2.0,
        "utsatt": -1.5,
        "utsatta": -1.5,
        "illa": -2.0,
        "obekväm": -1.6,
        "osäker": -1.5,
        "bekväm": 1.5,
        "bekvämt": 1.5,
        "välkommen": 2.0,
        "välkomna": 2.0,
        "glad": 2.0,
        "lycklig": 2.5,
        "olycklig": -2.0,
        "lugn": 1.5,
        "lugnt": 1.5,
        "ensam": -1.5,
    },
    "en": {
        "unsafe": -1.6,
        "afraid": -2.0,
        "scared": -1.9,
        "worried": -1.2,
        "anxious": -1.0,
        "frightened": -1.9,
        "threatened": -2.0,
        "uneasy": -1.5,
        "vulnerable": -1.5,
        "insecure": -1.8,
        "nervous": -1.1,
        "uncomfortable": -1.6,
        "comfortable": 1.5,
        "welcome": 2.0,
        "happy": 2.7,
        "unhappy": -1.8,
        "pleased": 2.0,
        "glad": 2.0,
        "lonely": -1.5,
        "calm": 1.5,
        "relaxed": 1.5,
    },
}


@dataclass(frozen=True)
class Valenced:
    """A word of the text with its valence; `start`/`end` locate it in the normalised text."""

    word: str
    valence: float
    start: int
    end: int
    topic: bool


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, float]
    stems: dict[str, float]
    stemmer: SnowballStemmer


@cache
def _lexicon(lang: str) -> _Lexicon:
    stemmer = SnowballStemmer(_STEMMERS[lang])
    words: dict[str, float] = {}
    by_stem: dict[str, list[float]] = {}
    with (DATA / f"vader_{lang}.txt").open(encoding="utf-8") as f:
        for line in f:
            word, value = line.rstrip("\n").split("\t")
            words[word] = float(value)
            by_stem.setdefault(stemmer.stem(word), []).append(float(value))
    with (DATA / f"dialog_{lang}.txt").open(encoding="utf-8") as f:
        for line in f:
            added, added_value = line.rstrip("\n").split("\t")
            words[added] = float(added_value)
    for construct, construct_value in _CONSTRUCT[lang].items():
        words.setdefault(construct, construct_value)
    stems = {stem: sum(values) / len(values) for stem, values in by_stem.items()}
    return _Lexicon(words, stems, stemmer)


def valence(word: str, lang: str) -> float | None:
    """The word's valence (-4..+4) as written or by its stem, or None when it has none."""
    lex = _lexicon(lang)
    found = lex.words.get(word)
    if found is None:
        found = lex.stems.get(lex.stemmer.stem(word))
    return found


def is_topic(word: str, lang: str) -> bool:
    """True for words that name what a safety survey asks about rather than judge it."""
    return word in _topic_words(lang) or word in _CONSTRUCT[lang]


def is_feeling(word: Valenced, lang: str) -> bool:
    """A word for how someone feels or judges: a safety feeling or any non-topic valence."""
    return word.word in _CONSTRUCT[lang] or (not word.topic and abs(word.valence) >= 1.0)


def valenced_words(norm: str, lang: str) -> list[Valenced]:
    """Every word of normalised text that has a valence, in reading order."""
    found = []
    for match in WORD_RE.finditer(norm):
        word = match.group(0)
        value = valence(word, lang)
        if value is not None:
            found.append(Valenced(word, value, match.start(), match.end(), is_topic(word, lang)))
    return found


# Judging words are mostly adjectives and adverbs ("fantastiska", "alarmingly"); strongly
# valenced nouns ("ban", "förbud", "fights") usually name an event or a measure instead.
_ADJECTIVE_ENDINGS = {
    "sv": re.compile(
        r"(?:ig|lig|isk|bar|sam|ande|ende|värd|full|lös|ad|iv|ell|ent|ant|al|ös|rd)"
        r"(?:t|a|e|are|ast|aste)?$"
    ),
    "en": re.compile(r"(?:ful|ous|ible|able|ive|ic|ing|ed|ly|ent|ant|y|less|ish|al|est)$"),
}
_SHORT_ADJECTIVES = {
    "sv": _word_set(
        """
        fin fint fina vacker vackert vackra hemsk hemskt hemska otäck otäckt otäcka grym grymt
        grymma ful fult fula snygg snyggt snygga utmärkt utmärkta suverän suveränt suveräna
        kanon toppen härlig mardröm underbar underbart underbara förträfflig
        """
    ),
    "en": _word_set(
        """
        great grim dire sad bad awful vile superb fine nice cool lovely horrid gross brilliant
        excellent vibrant nightmare disgrace shame tragedy
        """
    ),
}


def judges(word: str, lang: str) -> bool:
    """True for a word shaped like an adjective or adverb, or a known judging word."""
    return word in _SHORT_ADJECTIVES[lang] or bool(_ADJECTIVE_ENDINGS[lang].search(word))


def strong_words(norm: str, lang: str) -> list[Valenced]:
    """Strongly valenced words that judge rather than name the topic."""
    return [
        v
        for v in valenced_words(norm, lang)
        if not v.topic and abs(v.valence) >= STRONG and judges(v.word, lang)
    ]
