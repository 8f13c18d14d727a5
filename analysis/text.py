"""Text preparation for residents' free-text answers: normalising, PII masking, language
guessing, tokenising, stemming and splitting Swedish compounds.

Everything here is a pure function of its inputs (stopword lists are read from the package
once and cached; the cache is read-only data, not fitted state).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import stopwordsiso
from nltk.stem.snowball import SnowballStemmer

Language = Literal["sv", "en", "other"]
LANGUAGES: tuple[Language, ...] = ("sv", "en", "other")

# C0/C1 control characters except tab/newline/carriage return, and the bidi embedding,
# override and isolate characters that can make displayed text lie about its order.
# Zero-width (non-)joiners stay: Persian and emoji sequences need them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
# Arabic-Indic, Persian and Devanagari digits read as ASCII so phone numbers typed in them are
# found too (NFKC already folds full-width digits).
_DIGITS = {
    base + i: ord("0") + i for base in (0x0660, 0x06F0, 0x0966, 0x09E6) for i in range(10)
}

# PII patterns. Every quantifier is bounded and every pattern is anchored to a token start by a
# look-behind, so a pass is linear in the text length even on hostile input. A "]" counts as
# part of a word in the look-behinds, so text next to a placeholder is judged the same way on
# a second pass as on the first (masking is idempotent).
_URL = re.compile(r"(?<![\w@\]])(?:(?:https?|ftp)://|www\.)[^\s<>\"']{1,2000}", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\""
_EMAIL = re.compile(r"(?<![\w.+\-\]])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# "anna(at)example.se", "anna [at] example(dot)se", "anna(snabel-a)example.se".
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+\-\]])[\w.+-]{1,64}\s?[(\[{]\s?(?:at|snabel-?a)\s?[)\]}]\s?[\w-]{1,63}"
    r"(?:(?:\.|\s?[(\[{]\s?(?:dot|punkt)\s?[)\]}]\s?)[\w-]{1,63}){1,8}",
    re.IGNORECASE,
)
# YYMMDD-NNNN / YYMMDD+NNNN (100+ years) / YYYYMMDDNNNN / YYYYMMDD-NNNN. Day 61-91 covers
# samordningsnummer. Ten digits without a separator only count when the Luhn check passes,
# so that 0701234567 is left to the phone pattern.
_PNR = re.compile(
    r"(?<![\d-])(?P<cent>(?:18|19|20))?(?P<date>\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01]))"
    r"(?P<sep>[-+ ]?)(?P<tail>\d{4})(?![\d])"
)
# Between two digits of a phone number: a dash of any kind or a slash with up to two spaces
# around it ("070 - 123"), one or two spaces, a single dot ("070.123.45.67") or a bracket.
_PHONE_SEP = r"(?:\s{0,2}[-\u2010-\u2015\u2212/]\s{0,2}|\s{1,2}|\.|\s?[()]\s?)"
# Swedish numbers: 0 + area code, 7-12 digits; international numbers: +CC or 00CC and 7-13
# digits ("+1 (415) 555-0100", "+46 (0)70-123 45 67").
_PHONE = re.compile(
    rf"(?<![\w+\]])(?<!\d[-\u2010-\u2015./])"
    rf"(?:(?:\+|00)\d{{1,3}}(?:{_PHONE_SEP}?\d){{6,12}}|\(?0\d(?:{_PHONE_SEP}?\d){{5,11}})(?!\d)"
)
# What the phone pattern must leave alone: dates ("01.02.2026", "01-02-2026") and time spans
# ("07.30-08.00").
_NOT_PHONE = re.compile(
    r"[0-3]?\d[./-][01]?\d[./-](?:19|20)?\d{2}"
    r"|[0-2]?\d[.:][0-5]\d\s{0,2}[-\u2010-\u2015\u2212]\s{0,2}[0-2]?\d[.:][0-5]\d"
)
# Swedish plates: three letters (no I, Q, V, Å, Ä, Ö) then 123 or 12A, in any case. Written
# together ("abc123") they always count; with a space or dash ("Abc 123") the three letters
# must not be an everyday word ("och 120 personer", "tar 100 kr").
_PLATE_LETTERS = "A-HJ-PR-UW-Za-hj-pr-uw-z"
_REGNR = re.compile(
    rf"(?<![\w\-\]])(?P<letters>[{_PLATE_LETTERS}]{{3}})(?P<sep>[ -]?)"
    rf"\d{{2}}[0-9{_PLATE_LETTERS}](?![\w-])"
)
_SHORT_WORDS = frozenset(
    " ".join((
        "age all and any are bad big bil bit bor bus buss car dog ett fem fick får gav got han",
        "hon kan kom kul kör led man med men new nog not now nya och old one our out pay per run",
        "sad saw say see ser sex sju som tar ten the tio tog top tre two ung ute var vid was way",
        "who why yes you jan feb mar apr maj may jun jul aug sep okt oct nov dec",
    )).split()
)
_STREET_SUFFIXES = (
    r"gatan|gata|vägen|väg|gränd|gränden|torget|torg|platsen|plan|backe|backen|stigen|stig|"
    r"allé|allén|alle|allen|leden|led|kajen|kaj|stråket|liden|esplanaden|promenaden|"
    r"parkvägen|gården|ringen|slingan|bron"
)
# The number after a street name: "12", "3B", "4 b", also glued on ("Bakgatan12") or after
# "nr"/"nummer" ("Skolgatan nr 4"); not a time or decimal ("torget 22.30").
_HOUSE_NUMBER = (
    r"(?P<gap>\s{0,3}(?:(?:nr|no|nummer)\.?\s{0,2})?)\d{1,3}(?:\s?[A-Za-z](?![\w]))?"
    r"(?![\d:.,]\d)"
)
_STREET = re.compile(
    rf"(?<![\w-])(?P<street>\w{{1,40}}?(?:{_STREET_SUFFIXES})){_HOUSE_NUMBER}",
    re.IGNORECASE,
)
# Abbreviated street names: "Storg. 12", "Kungsv. 3" (capitalised, at least three letters
# before the g/v, so "ang. 12" and "ung. 100" stay; weekdays "tisdag. 12" stay too).
_STREET_SHORT = re.compile(
    rf"(?<![\w.\]])(?P<street>[A-ZÅÄÖ][^\W\d_]{{2,37}}(?<!dag)[gv]\.){_HOUSE_NUMBER}"
)

PLACEHOLDERS: Mapping[str, str] = {
    "url": "[url]",
    "email": "[e-post]",
    "pnr": "[personnummer]",
    "phone": "[telefon]",
    "regnr": "[regnr]",
    "street_number": "[nr]",
}
MAX_PASSES = 4
_ANY_DIGIT = re.compile(r"\d")
_PLACEHOLDER_RE = re.compile(r"\[(?:url|e-post|personnummer|telefon|regnr|nr)\]")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LATIN = re.compile(r"[a-zA-ZåäöÅÄÖéÉüÜæøÆØ]")
_LETTER = re.compile(r"[^\W\d_]")


def normalize(text: str) -> str:
    """NFKC-normalise, drop control/bidi-override characters and read non-ASCII digits as
    ASCII, so look-alike forms compare equal and nothing can hide or reorder text."""
    text = unicodedata.normalize("NFKC", text)
    text = _CONTROL.sub(" ", text).translate(_DIGITS)
    return _SPACES.sub(" ", text).strip()


def _luhn_ok(digits: str) -> bool:
    """The personnummer check digit (Luhn over the ten last digits)."""
    total = 0
    for i, ch in enumerate(digits):
        value = int(ch) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _pnr_sub(match: re.Match[str]) -> str:
    """Mask a personnummer candidate unless it is a bare ten-digit number failing Luhn."""
    if match.group("sep") or match.group("cent"):
        if match.group("sep") == " " and not match.group("cent"):
            # "850101 1234" is ambiguous with phone digit groups; require the check digit.
            digits = "".join(ch for ch in match.group(0) if ch.isdigit())
            return PLACEHOLDERS["pnr"] if _luhn_ok(digits[-10:]) else match.group(0)
        return PLACEHOLDERS["pnr"]
    digits = match.group("date") + match.group("tail")
    if _luhn_ok(digits):
        return PLACEHOLDERS["pnr"]
    return match.group(0)


def _url_sub(match: re.Match[str]) -> str:
    """Mask a URL but keep sentence punctuation that follows it."""
    url = match.group(0)
    kept = url.rstrip(_TRAILING)
    return PLACEHOLDERS["url"] + url[len(kept) :]


def _phone_sub(match: re.Match[str]) -> str:
    """Mask a phone number unless the digits are a date or a span of clock times."""
    if _NOT_PHONE.fullmatch(match.group(0)):
        return match.group(0)
    return PLACEHOLDERS["phone"]


def _regnr_sub(match: re.Match[str]) -> str:
    """Mask a plate; "och 120" (an everyday word, space, number) is not one."""
    letters = match.group("letters")
    if match.group("sep") and not letters.isupper() and letters.lower() in _plate_words():
        return match.group(0)
    return PLACEHOLDERS["regnr"]


@cache
def _plate_words() -> frozenset[str]:
    """Three-letter words that can stand before a number in ordinary text."""
    short = {w for w in stopwords("sv") | stopwords("en") if len(w) == 3}
    return frozenset(short) | _SHORT_WORDS


def _street_sub(match: re.Match[str]) -> str:
    """Keep the street name, replace the number (and any "nr" before it) by "[nr]"."""
    return match.group("street") + " " + PLACEHOLDERS["street_number"]


def _mask_once(text: str) -> str:
    """One pass of every pattern, in order."""
    text = _URL.sub(_url_sub, text)
    text = _EMAIL.sub(PLACEHOLDERS["email"], text)
    text = _EMAIL_SPELLED.sub(PLACEHOLDERS["email"], text)
    if not _ANY_DIGIT.search(text):  # everything below needs a digit; most answers have none
        return text
    text = _PNR.sub(_pnr_sub, text)
    text = _PHONE.sub(_phone_sub, text)
    text = _REGNR.sub(_regnr_sub, text)
    text = _STREET.sub(_street_sub, text)
    return _STREET_SHORT.sub(_street_sub, text)


def mask_pii(text: str) -> str:
    """Replace personal data in a free-text answer with bracketed Swedish placeholders.

    Masks, in this order: URLs "[url]", e-mail addresses, also spelled out ("anna(at)
    example.se") "[e-post]", personal identity numbers "[personnummer]", phone numbers in
    any common writing ("070–123 45 67", "070.123.45.67", "+1 (415) 555-0100") "[telefon]",
    vehicle registration numbers in any case ("abc123", "Abc 123") "[regnr]" and house
    numbers after a street name ("Storgatan 12", "Storg. 12", "Bakgatan12", "Skolgatan nr 4"
    -> "Storgatan [nr]"; a bare "vägen 2" or "torget 2023" is not an address and stays).
    Public short numbers (114 14, 112, 1177), years, clock times, dates and counts stay.
    The text is NFKC-normalised, stripped of control and bidi-override characters and has
    Arabic-Indic/Persian digits written as ASCII digits first. Passes repeat until nothing
    changes (masking one thing can expose another), so masking masked text changes nothing.
    Any Unicode input is accepted; the cost is linear in the length. Masking is a safety net
    for display, not an anonymisation guarantee: names and rare details are not detected.
    """
    if not text:
        return ""
    text = normalize(text)
    for _ in range(MAX_PASSES):
        masked = _mask_once(text)
        if masked == text:
            break
        text = masked
    return text


def strip_placeholders(text: str) -> str:
    """Remove masking placeholders so they do not become clustering features."""
    return _PLACEHOLDER_RE.sub(" ", text)


# Residents also write in languages the library does not stem; their answers are "other".
# Their function words come from stopwords-iso (the stopwordsiso package), so labels and
# features of such groups are content words ("الدراجات", not "في"). Tigrinya has no list.
OTHER_LANGUAGE_STOPWORDS = ("ar", "fa", "fi", "so")


@cache
def stopwords(language: str) -> frozenset[str]:
    """The shipped stopword list for "sv" or "en"; for "other", those two and the
    stopwords-iso lists of the other languages residents write in; empty for anything else."""
    if language == "other":
        return stopwords("sv") | stopwords("en") | frozenset(
            word.lower() for word in stopwordsiso.stopwords(OTHER_LANGUAGE_STOPWORDS))
    if language not in ("sv", "en"):
        return frozenset()
    raw = resources.files("analysis").joinpath("stopwords", f"{language}.txt").read_text("utf-8")
    return frozenset(
        line.strip().lower()
        for line in raw.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens (letters, with inner hyphens/apostrophes), digits dropped."""
    return _WORD.findall(text.lower())


def detect_language(text: str, default: Language = "other") -> Language:
    """Guess "sv", "en" or "other" from stopword hits and Swedish letters.

    Text written mostly outside the Latin script is "other". Latin-script text without any
    evidence gets `default`, so a caller clustering a Swedish survey can pass "sv".
    """
    letters = _LETTER.findall(text)
    if not letters:
        return default
    latin = sum(1 for ch in letters if _LATIN.match(ch))
    if latin < 0.5 * len(letters):
        return "other"
    tokens = tokenize(text)
    sv_words, en_words = stopwords("sv"), stopwords("en")
    en = float(sum(1 for t in tokens if t in en_words))
    sv = sum(1 for t in tokens if t in sv_words) + 0.5 * sum(
        1 for ch in text.lower() if ch in "åäö"
    )
    if sv == 0 and en == 0:
        return default
    return "sv" if sv >= en else "en"


@cache
def _stemmer(language: str) -> SnowballStemmer | None:
    """One Snowball stemmer per language ("other" is not stemmed)."""
    if language == "sv":
        return SnowballStemmer("swedish")
    if language == "en":
        return SnowballStemmer("english")
    return None


def stem(word: str, language: str) -> str:
    """Snowball stem for Swedish and English; other languages keep the word as written."""
    stemmer = _stemmer(language)
    return stemmer.stem(word) if stemmer is not None else word


@dataclass(frozen=True)
class PreparedText:
    """One answer ready for analysis: the masked display text and its content terms."""

    original: str
    masked: str
    language: Language
    tokens: list[str] = field(default_factory=list)
    stems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for JSON."""
        return asdict(self)


def prepare(text: str, language: Language | Literal["auto"] = "auto") -> PreparedText:
    """Normalise, mask, detect language, tokenise, drop stopwords and stem one answer."""
    masked = mask_pii(text or "")
    lang: Language = detect_language(masked) if language == "auto" else language
    stop = stopwords(lang)
    tokens = [
        t for t in tokenize(strip_placeholders(masked)) if len(t) > 1 and t not in stop
    ]
    stems = [stem(t, lang) for t in tokens]
    return PreparedText(original=text, masked=masked, language=lang, tokens=tokens, stems=stems)


class CompoundSplitter:
    """Split Swedish compounds into parts that occur on their own in the same corpus.

    "mopedbuskörning" -> ("moped", "buskörning") when "moped"/"mopeder" and "buskörning" occur
    as words elsewhere. Only a word list built from the corpus is used: no dictionary, no
    download. A linking "s" ("ungdomsgäng") is allowed.
    """

    MIN_WORD = 8
    MIN_PART = 4

    def __init__(self, known: Iterable[str]) -> None:
        """`known`: surface words and stems seen standalone (at least twice, ideally)."""
        self.known = frozenset(k for k in known if len(k) >= self.MIN_PART)

    def split(self, word: str) -> tuple[str, str] | None:
        """Best two-part split (longest shorter part), or None."""
        if len(word) < self.MIN_WORD:
            return None
        best: tuple[str, str] | None = None
        best_score = 0
        for i in range(self.MIN_PART, len(word) - self.MIN_PART + 1):
            head, tail = word[:i], word[i:]
            if tail not in self.known:
                continue
            if head not in self.known:
                if head.endswith("s") and head[:-1] in self.known and len(head) > self.MIN_PART:
                    head = head[:-1]
                else:
                    continue
            score = min(len(head), len(tail))
            if score > best_score:
                best, best_score = (head, tail), score
        return best


def surface_forms(counts: Mapping[tuple[str, str], int]) -> dict[str, str]:
    """Map each stem to its most frequent surface word (ties: alphabetically first), so terms
    are shown as people write them ("mopeder"), not as stems ("moped")."""
    best: dict[str, tuple[int, str]] = {}
    for (stem_, word), count in counts.items():
        current = best.get(stem_)
        if current is None or (-count, word) < (-current[0], current[1]):
            best[stem_] = (count, word)
    return {s: w for s, (_, w) in best.items()}
