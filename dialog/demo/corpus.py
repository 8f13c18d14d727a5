"""Synthetic respondents for the demo dialogue "Trygghet i Ekeby centrum".

Everything in this module is made up for demonstration. Ekeby is a fictional town; no
answer comes from a real person. The few answers that contain something that looks like
personal data (about 2 %, there to exercise masking) use obviously fake values: phone
numbers from the range 070-174 06 05 to 070-174 06 99 that PTS reserves for fiction,
e-mail addresses at example.com / example.org, a made-up street number in Ekeby and a
made-up number plate.

The answers are built from phrase banks with one seeded `random.Random`, so a seed always
gives the same respondents. Each respondent first gets one to three underlying concern
themes, drawn with weights that depend on gender, age band and the area they think of most;
the free text, the ticked problems, the safety rating and the time of day all follow from
those themes, so the text analysis finds real structure:

- mopeds      mopeds and EPA tractors, buskörning on the square and walkways in the evening
- darkness    the dark pedestrian tunnel under the railway, poor street lighting, the park path
- drugs       drug dealing (langning) on the square and behind the station
- youth       groups of young people hanging around, loud, fights, disorder
- harassment  comments, catcalling, following and groping aimed at women and girls
- drunk       drunk people at the bus station and outside Systembolaget
- litter      littering, broken glass, graffiti and vandalism
- traffic     speeding cars and a dangerous crossing by the school
- bikes       bike theft at the station
- burglary    burglaries and break-ins into storage rooms in Norra
- safe        "nothing special, I feel safe"

Women raise darkness and harassment clearly more often than men and rate themselves less
safe; older people raise drunk people, mopeds and litter more, and young people ask for
police less; the area a person picks shifts the themes (stationen: tunnel, drunk people and
bikes; torget: drugs and mopeds; skolan: traffic; norra: burglary; parken: darkness).
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dialog.demo.texts import demo_data

__all__ = ["AREAS", "THEMES", "DemoRespondent", "synthetic_respondents"]


ANSWER_LANGUAGES = ("sv", "en", "ar")  # the languages the synthetic residents write in
GENDERS = ("woman", "man", "other", "prefer_not")
AGE_BANDS = ("u16", "16-24", "25-44", "45-64", "65+")
SAFETY_LEVELS = ("very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "dont_know")
PROBLEM_KEYS = (
    "littering", "vandalism", "disorder", "drugs", "mopeds", "lighting", "drunk",
    "harassment", "none",
)
TIMES_OF_DAY = ("morning", "daytime", "evening", "night", "no_particular")
CHANNELS = ("web", "paper", "meeting")
THEMES = (
    "mopeds", "darkness", "drugs", "youth", "harassment", "drunk", "litter", "traffic",
    "bikes", "burglary", "safe",
)


@dataclass(frozen=True)
class DemoRespondent:
    language: str  # "sv" | "en" | "ar": the language the person answered in
    gender: str  # "woman" | "man" | "other" | "prefer_not"
    age_band: str | None  # "u16" | "16-24" | "25-44" | "45-64" | "65+" | None (skipped)
    area: str | None  # a key of AREAS, or None (skipped)
    safety: str | None  # a key of SAFETY_LEVELS, or None (skipped)
    problems: tuple[str, ...]  # keys of PROBLEM_KEYS in that order; "none" only alone
    concern: str  # what makes you feel unsafe / what problems you see; "" when skipped
    works_well: str  # what works well in the centre today; "" when skipped
    time_of_day: str | None  # a key of TIMES_OF_DAY, or None (skipped)
    channel: str  # "web" | "paper" | "meeting"
    days_ago: int  # submitted this many days ago, 1..40


# --------------------------------------------------------------------------------------------
# Who answers, and which themes they raise

_LANGUAGE_WEIGHTS = {"sv": 85, "en": 9, "ar": 6}
_GENDER_WEIGHTS = {"woman": 50, "man": 42, "other": 3, "prefer_not": 5}
_AGE_WEIGHTS: dict[str, dict[str | None, float]] = {
    "sv": {"u16": 4, "16-24": 13, "25-44": 31, "45-64": 28, "65+": 21, None: 3},
    "en": {"u16": 2, "16-24": 22, "25-44": 50, "45-64": 20, "65+": 3, None: 3},
    "ar": {"u16": 4, "16-24": 20, "25-44": 46, "45-64": 24, "65+": 3, None: 3},
}
_AREA_WEIGHTS: dict[str | None, float] = {
    "torget": 28, "stationen": 25, "parken": 15, "skolan": 11, "norra": 13, None: 8,
}
_THEME_BASE = {
    "mopeds": 14, "darkness": 12, "drugs": 9, "youth": 10, "harassment": 5, "drunk": 9,
    "litter": 9, "traffic": 6, "bikes": 5, "burglary": 4, "safe": 10,
}
_GENDER_FACTOR: dict[str, dict[str, float]] = {
    "woman": {"darkness": 1.8, "harassment": 3.0, "youth": 1.15, "safe": 0.5, "bikes": 0.8},
    "man": {
        "darkness": 0.55, "harassment": 0.2, "safe": 1.9, "bikes": 1.3, "mopeds": 1.15,
        "burglary": 1.2, "traffic": 1.1,
    },
    "other": {"darkness": 1.5, "harassment": 2.5, "safe": 0.6},
    "prefer_not": {"safe": 0.9, "drugs": 1.2, "harassment": 1.2},
}
_AGE_FACTOR: dict[str | None, dict[str, float]] = {
    "u16": {
        "harassment": 1.6, "youth": 0.4, "drunk": 0.6, "burglary": 0.2, "bikes": 1.6,
        "traffic": 0.8, "litter": 0.8,
    },
    "16-24": {"harassment": 1.8, "drugs": 1.3, "bikes": 1.4, "burglary": 0.3, "youth": 0.6},
    "25-44": {"traffic": 1.7, "darkness": 1.1, "drugs": 1.1},
    "45-64": {"drunk": 1.3, "mopeds": 1.3, "litter": 1.2, "burglary": 1.4},
    "65+": {
        "drunk": 1.7, "mopeds": 1.6, "litter": 1.5, "youth": 1.5, "harassment": 0.3,
        "bikes": 0.4, "burglary": 1.5, "traffic": 0.8,
    },
}
_AREA_FACTOR: dict[str | None, dict[str, float]] = {
    "torget": {
        "drugs": 1.8, "mopeds": 2.0, "youth": 1.5, "litter": 1.3, "traffic": 0.5,
        "burglary": 0.3, "bikes": 0.6, "darkness": 0.7,
    },
    "stationen": {
        "darkness": 1.9, "drunk": 2.2, "bikes": 2.6, "drugs": 1.3, "traffic": 0.4,
        "burglary": 0.3,
    },
    "parken": {
        "darkness": 2.4, "drugs": 1.2, "litter": 1.3, "harassment": 1.3, "traffic": 0.3,
        "burglary": 0.3, "bikes": 0.5,
    },
    "skolan": {"traffic": 5.0, "mopeds": 1.2, "litter": 1.1, "drunk": 0.3, "burglary": 0.3},
    "norra": {"burglary": 6.0, "darkness": 1.1, "mopeds": 1.1, "drunk": 0.4, "traffic": 0.8},
}

# How much a theme moves the safety rating towards "very unsafe".
_THEME_UNSAFETY = {
    "mopeds": 0.35, "darkness": 0.85, "drugs": 0.6, "youth": 0.6, "harassment": 1.1,
    "drunk": 0.4, "litter": 0.1, "traffic": 0.2, "bikes": 0.1, "burglary": 0.5, "safe": -1.6,
}
_GENDER_UNSAFETY = {"woman": 0.0, "man": -0.35, "other": 0.0, "prefer_not": -0.1}
_AGE_UNSAFETY: dict[str | None, float] = {
    "u16": 0.1, "16-24": 0.0, "25-44": 0.0, "45-64": 0.05, "65+": 0.25, None: 0.1,
}

# The boxes someone writing about a theme is likely to tick: (problem, probability).
_THEME_TICKS: dict[str, tuple[tuple[str, float], ...]] = {
    "mopeds": (("mopeds", 0.9), ("disorder", 0.15)),
    "darkness": (("lighting", 0.9),),
    "drugs": (("drugs", 0.88), ("disorder", 0.1)),
    "youth": (("disorder", 0.75), ("harassment", 0.2), ("littering", 0.15)),
    "harassment": (("harassment", 0.9), ("disorder", 0.2)),
    "drunk": (("drunk", 0.88), ("disorder", 0.35), ("littering", 0.15)),
    "litter": (("littering", 0.8), ("vandalism", 0.6)),
    "traffic": (("mopeds", 0.12),),
    "bikes": (("vandalism", 0.25),),
    "burglary": (("vandalism", 0.1),),
    "safe": (),
}

# When the problem a theme describes happens: (time of day, weight).
_THEME_TIMES: dict[str, tuple[tuple[str, float], ...]] = {
    "mopeds": (("evening", 75), ("night", 10), ("daytime", 10), ("no_particular", 5)),
    "darkness": (("evening", 55), ("night", 33), ("morning", 6), ("no_particular", 6)),
    "drugs": (("evening", 50), ("daytime", 20), ("night", 20), ("no_particular", 10)),
    "youth": (("evening", 70), ("daytime", 12), ("night", 13), ("no_particular", 5)),
    "harassment": (("evening", 55), ("night", 25), ("daytime", 15), ("no_particular", 5)),
    "drunk": (
        ("daytime", 45), ("evening", 30), ("night", 15), ("morning", 5), ("no_particular", 5),
    ),
    "litter": (("no_particular", 40), ("morning", 25), ("daytime", 20), ("evening", 15)),
    "traffic": (("morning", 70), ("daytime", 20), ("no_particular", 10)),
    "bikes": (("no_particular", 40), ("daytime", 30), ("night", 20), ("evening", 10)),
    "burglary": (("night", 60), ("no_particular", 25), ("evening", 15)),
    "safe": (("no_particular", 65), ("evening", 15), ("daytime", 10), ("night", 10)),
}

_FEARFUL_THEMES = frozenset({"darkness", "drugs", "youth", "harassment", "burglary"})


# --------------------------------------------------------------------------------------------
# Phrase banks. A template may contain {slot} or {slot|lc} / {slot|cap}; slots are filled
# from the theme's own slots, the language's common slots and "plats" (a place phrase that
# usually matches the respondent's area).


@dataclass(frozen=True)
class _Bank:
    short: Sequence[str]  # noun phrases, for short answers and "Sen är det också ..."
    long: Sequence[str]  # sentences anyone could write
    places: Mapping[str | None, Sequence[str]] = field(default_factory=dict)
    slots: Mapping[str, Sequence[str]] = field(default_factory=dict)
    woman: Sequence[str] = ()  # first-person sentences only a woman or girl would write
    not_man: Sequence[str] = ()  # first-person experiences as a target, not written by men
    man: Sequence[str] = ()
    young: Sequence[str] = ()  # under 25
    adult: Sequence[str] = ()  # 25 and older (parents, long-time residents)
    old: Sequence[str] = ()  # 65 and older
    wishes: Sequence[str] = ()


@dataclass(frozen=True)
class _Language:
    banks: Mapping[str, _Bank]
    places: Mapping[str | None, Sequence[str]]  # default place phrases by area
    common: Mapping[str, Sequence[str]]
    openings: Mapping[str, Sequence[str]]  # "any", an age band, "woman", "young_woman"
    fear: Sequence[str]
    annoy: Sequence[str]
    wishes: Sequence[str]
    police_wishes: Sequence[str]
    young_wishes: Sequence[str]
    connectors: Sequence[str]  # with {x}: a second theme's noun phrase
    short_joiners: Sequence[str]
    safe_long: Sequence[str]
    safe_short: Sequence[str]
    personal: Sequence[str]
    works_np: Sequence[str]
    works_np_templates: Sequence[str]  # with {np}
    works_full: Sequence[str]
    works_misc: Sequence[str]
    self_label: Mapping[str, str]  # "young" / "adult": how a woman refers to herself


def _places(table: Mapping[str, Sequence[str]]) -> dict[str | None, Sequence[str]]:
    """Place phrases by area; "default" (where no area is known) becomes the key None."""
    return {None if area == "default" else area: list(phrases) for area, phrases in table.items()}


def _bank(table: Mapping[str, Any]) -> _Bank:
    values = dict(table)
    if "places" in values:
        values["places"] = _places(values["places"])
    return _Bank(**values)


def _language(table: Mapping[str, Any]) -> _Language:
    values = dict(table)
    values["banks"] = {theme: _bank(bank) for theme, bank in values["banks"].items()}
    values["places"] = _places(values["places"])
    return _Language(**values)


def _load() -> tuple[dict[str, dict[str, str]], dict[str, _Language], list[str]]:
    """The areas, the phrase banks by language and the Swedish minor remarks of people who feel
    safe, from dialog/demo/data/corpus.toml; checked here, so a bad edit fails at import."""
    data = demo_data("corpus")
    areas = {key: dict(labels) for key, labels in data["areas"].items()}
    banks = {code: _language(data[code]) for code in ANSWER_LANGUAGES}
    for code, language in banks.items():
        unknown = sorted(set(language.banks) - set(THEMES))
        if unknown:
            raise ValueError(f"corpus {code}: unknown themes {unknown}")
        named = [*language.places, *(a for bank in language.banks.values() for a in bank.places)]
        for area in named:
            if area is not None and area not in areas:
                raise ValueError(f"corpus {code}: unknown area {area}")
    if any(not labels.get("sv") or not labels.get("en") for labels in areas.values()):
        raise ValueError("corpus: every area needs a Swedish and an English label")
    return areas, banks, list(data["safe_minor"]["sv"])


AREAS, _LANGUAGE_BANKS, _SV_SAFE_MINOR = _load()


# --------------------------------------------------------------------------------------------
# Text helpers

_SLOT = re.compile(r"\{(\w+)(?:\|(\w+))?\}")
_PROPER = ("EPA", "ICA", "Ekeby", "Norra", "Storgatan", "Systemet", "Systembolaget",
           "Pressbyrån", "Stortorget", "Järnvägsgatan", "Skolvägen", "Parkvägen", "A-traktor")


def _lc_first(text: str) -> str:
    """Lower-case the first letter unless the text starts with a name or an abbreviation."""
    if not text or text.startswith(_PROPER) or (len(text) > 1 and text[1].isupper()):
        return text
    return text[0].lower() + text[1:]


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(
    rng: random.Random,
    template: str,
    slots: Mapping[str, Sequence[str]],
    used: set[str] | None = None,
) -> str:
    """Fill the slots of `template`; options already in `used` are avoided while others remain."""

    def replace(match: re.Match[str]) -> str:
        options = slots[match.group(1)]
        if used is not None:
            options = [o for o in options if o not in used] or options
        choice = rng.choice(options)
        if used is not None:
            used.add(choice)
        value = _fill(rng, choice, slots, used)
        if match.group(2) == "lc":
            return _lc_first(value)
        if match.group(2) == "cap":
            return _cap_first(value)
        return value

    return _SLOT.sub(replace, template)


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" ([.,?!])", r"\1", text)
    return text.strip()


_K = TypeVar("_K")


def _weighted(rng: random.Random, weights: Mapping[_K, float]) -> _K:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# --------------------------------------------------------------------------------------------
# Swedish spelling as people actually type it

_COLLOQUIAL = (
    (r"\bdet\b", "de", 0.25), (r"\bDet\b", "De", 0.2), (r"\bnågon\b", "nån", 0.5),
    (r"\bnågot\b", "nåt", 0.5), (r"\bmycket\b", "mkt", 0.15), (r"\bockså\b", "oxå", 0.2),
    (r"\bjag\b", "ja", 0.1), (r"\bsedan\b", "sen", 0.5), (r"\bmig\b", "mej", 0.2),
    (r"\boch\b", "o", 0.06), (r"\bvad\b", "va", 0.3), (r"\bAlltså\b", "Asså", 0.5),
)
_EMPHASIS = ("aldrig", "alltid", "måste", "ingen", "inget", "livsfarlig", "varje")
_STYLE_WEIGHTS: dict[str | None, dict[str, float]] = {
    "u16": {"careful": 15, "casual": 45, "sloppy": 35, "shouty": 5},
    "16-24": {"careful": 22, "casual": 45, "sloppy": 28, "shouty": 5},
    "25-44": {"careful": 45, "casual": 38, "sloppy": 12, "shouty": 5},
    "45-64": {"careful": 55, "casual": 30, "sloppy": 8, "shouty": 7},
    "65+": {"careful": 72, "casual": 18, "sloppy": 3, "shouty": 7},
    None: {"careful": 45, "casual": 35, "sloppy": 15, "shouty": 5},
}


def _typo(rng: random.Random, text: str) -> str:
    words = list(re.finditer(r"[^\W\d_]{5,}", text))
    if not words:
        return text
    match = rng.choice(words)
    word = match.group(0)
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.45:
        changed = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif kind < 0.85:
        changed = word[:i] + word[i + 1:]
    else:
        changed = word[:i] + word[i] + word[i:]
    return text[: match.start()] + changed + text[match.end():]


def _join_sentences(rng: random.Random, text: str, probability: float) -> str:
    """Sometimes run sentences together with a comma, as people do on phones."""

    def replace(match: re.Match[str]) -> str:
        if rng.random() < probability:
            return ", " + _lc_first(match.group(1))
        return match.group(0)

    return re.sub(r"\. (\w)", replace, text)


def _style_sv(rng: random.Random, text: str, age: str | None, channel: str) -> str:
    if channel == "web":
        style = _weighted(rng, _STYLE_WEIGHTS[age])
    else:
        style = "careful" if rng.random() < 0.8 else "casual"
    if style in ("casual", "sloppy"):
        boost = 1.6 if style == "sloppy" else 1.0
        for pattern, replacement, probability in _COLLOQUIAL:
            if rng.random() < probability * boost:
                text = re.sub(pattern, replacement, text)
        text = _join_sentences(rng, text, 0.3 if style == "casual" else 0.6)
    if style == "careful":
        text = _cap_first(text)
        if text[-1].isalnum() and rng.random() < 0.4:
            text += "."
    elif style == "casual":
        if rng.random() < 0.5:
            text = _lc_first(text)
        if text.endswith(".") and rng.random() < 0.6:
            text = text[:-1]
        if rng.random() < 0.15:
            text = _typo(rng, text)
    elif style == "sloppy":
        text = text.lower().replace(". ", " ").rstrip(".")
        for _ in range(rng.choice((0, 1, 1, 2))):
            text = _typo(rng, text)
        if rng.random() < 0.1:
            text = text.replace("å", "a").replace("ä", "a").replace("ö", "o")
    else:
        words = [w for w in _EMPHASIS if re.search(rf"\b{w}\b", text)]
        if words:
            word = rng.choice(words)
            text = re.sub(rf"\b{word}\b", word.upper(), text, count=1)
        text = text.rstrip(".") + rng.choice(("!!", "!!!", "!"))
    return text


def _style_en(rng: random.Random, text: str) -> str:
    roll = rng.random()
    if roll < 0.25:
        text = _lc_first(text).rstrip(".")
    elif roll < 0.35:
        text = text.lower().rstrip(".")
    elif roll < 0.4:
        text = _typo(rng, text)
    return text


def _style_ar(rng: random.Random, text: str) -> str:
    if rng.random() < 0.35:
        text = text.rstrip(".")
    return text


# --------------------------------------------------------------------------------------------
# Building one respondent


@dataclass(frozen=True)
class _Person:
    language: str
    gender: str
    age_band: str | None
    area: str | None
    channel: str

    @property
    def young(self) -> bool:
        return self.age_band in ("u16", "16-24")

    @property
    def adult(self) -> bool:
        return self.age_band in ("25-44", "45-64", "65+")


def _pick_themes(rng: random.Random, person: _Person) -> tuple[str, ...]:
    weights = {}
    for theme, base in _THEME_BASE.items():
        weight = float(base)
        weight *= _GENDER_FACTOR[person.gender].get(theme, 1.0)
        weight *= _AGE_FACTOR.get(person.age_band, {}).get(theme, 1.0)
        weight *= _AREA_FACTOR.get(person.area, {}).get(theme, 1.0)
        weights[theme] = weight
    themes = [_weighted(rng, weights)]
    if themes[0] == "safe":
        return ("safe",)
    weights.pop("safe")
    for probability in (0.45, 0.14):
        if rng.random() >= probability:
            break
        for chosen in themes:
            weights.pop(chosen, None)
        themes.append(_weighted(rng, weights))
    return tuple(themes)


def _pick_safety(rng: random.Random, person: _Person, themes: Sequence[str]) -> str | None:
    roll = rng.random()
    if roll < 0.035:
        return None
    if roll < 0.065:
        return "dont_know"
    score = _GENDER_UNSAFETY[person.gender] + _AGE_UNSAFETY[person.age_band]
    score += sum(_THEME_UNSAFETY[t] for t in themes[:2]) + 0.5 * sum(
        _THEME_UNSAFETY[t] for t in themes[2:]
    )
    score += rng.gauss(0.0, 0.55)
    if score < -0.25:
        return "very_safe"
    if score < 0.6:
        return "fairly_safe"
    if score < 1.4:
        return "fairly_unsafe"
    return "very_unsafe"


def _pick_problems(rng: random.Random, person: _Person, themes: Sequence[str]) -> tuple[str, ...]:
    if rng.random() < 0.07:
        return ()  # skipped the question
    ticked: set[str] = set()
    for theme in themes:
        for problem, probability in _THEME_TICKS[theme]:
            if rng.random() < probability:
                ticked.add(problem)
    if themes[0] == "safe":
        if rng.random() < 0.25:
            ticked.add(rng.choice(("littering", "mopeds", "disorder")))
    else:
        for problem in PROBLEM_KEYS[:-1]:
            extra = 0.06
            if person.gender in ("woman", "other") and problem in ("lighting", "harassment"):
                extra = 0.12
            if rng.random() < extra:
                ticked.add(problem)
    if not ticked:
        return ("none",) if themes[0] == "safe" or rng.random() < 0.4 else ()
    return tuple(p for p in PROBLEM_KEYS if p in ticked)


def _pick_time(rng: random.Random, themes: Sequence[str]) -> str | None:
    if rng.random() < 0.05 or (themes[0] == "safe" and rng.random() < 0.25):
        return None
    return _weighted(rng, dict(_THEME_TIMES[themes[0]]))


def _place_options(
    lang: _Language, bank: _Bank, area: str | None, rng: random.Random, faithful: float
) -> Sequence[str]:
    places = bank.places or lang.places
    if rng.random() < faithful and area in places:
        return places[area]
    return [p for options in places.values() for p in options]


def _slots(
    rng: random.Random, lang: _Language, bank: _Bank, person: _Person, faithful: float
) -> dict[str, Sequence[str]]:
    slots: dict[str, Sequence[str]] = {**lang.common, **bank.slots}
    slots["plats"] = _place_options(lang, bank, person.area, rng, faithful)
    label = lang.self_label["young" if person.young else "adult"]
    slots["jag_som"] = [label]
    slots["ar_self"] = [label]
    slots["fear"] = lang.fear
    return slots


def _templates(bank: _Bank, person: _Person) -> list[str]:
    pool = list(bank.long)
    personal: list[str] = []
    if person.gender == "woman":
        personal += [*bank.woman, *bank.not_man]
    elif person.gender == "man":
        personal += bank.man
    else:
        personal += bank.not_man
    if person.young:
        personal += bank.young
    if person.adult:
        personal += bank.adult
    if person.age_band == "65+":
        personal += bank.old
    # Sentences about one's own situation are over-represented among those who write at all.
    return pool + personal * 2


def _openings(lang: _Language, person: _Person) -> list[str]:
    options = list(lang.openings.get("any", ()))
    if person.age_band is not None:
        options += lang.openings.get(person.age_band, ())
    if person.gender == "woman":
        options += lang.openings.get("young_woman" if person.young else "woman", ())
    return options


def _concern(rng: random.Random, person: _Person, themes: Sequence[str]) -> str:
    lang = _LANGUAGE_BANKS[person.language]
    if themes[0] == "safe":
        if rng.random() < 0.4:
            return rng.choice(lang.safe_short)
        slots = {**lang.common, "safe_minor": _SV_SAFE_MINOR}
        return _tidy(_fill(rng, rng.choice(lang.safe_long), slots))

    short_weight = 0.22 if person.channel == "web" else 0.1
    long_weight = 0.3 if person.age_band != "u16" else 0.12
    mode = _weighted(rng, {"short": short_weight, "medium": 0.5, "long": long_weight})
    used: set[str] = set()
    if mode == "short":
        parts = []
        for i, theme in enumerate(themes[:2]):
            bank = lang.banks[theme]
            slots = _slots(rng, lang, bank, person, 0.8 if i == 0 else 0.4)
            parts.append(_fill(rng, rng.choice(bank.short), slots, used))
        return _cap_first(_tidy(rng.choice(lang.short_joiners).join(parts)))

    sentences: list[str] = []
    if rng.random() < (0.12 if mode == "medium" else 0.4):
        sentences.append(_fill(rng, rng.choice(_openings(lang, person)), lang.common))
    covered = themes[:2] if mode == "medium" else themes
    for i, theme in enumerate(covered):
        bank = lang.banks[theme]
        slots = _slots(rng, lang, bank, person, 0.8 if i == 0 else 0.5)
        if i > 0 and rng.random() < 0.35:
            x = _fill(rng, rng.choice(bank.short), slots, used)
            sentences.append(_fill(rng, rng.choice(lang.connectors), {"x": [x]}))
            continue
        count = 2 if mode == "long" and i == 0 and rng.random() < 0.5 else 1
        templates = _templates(bank, person)
        chosen: list[str] = []
        while len(chosen) < count:
            template = rng.choice(templates)
            if template not in chosen:
                chosen.append(template)
        sentences.extend(_fill(rng, template, slots, used) for template in chosen)
    if rng.random() < (0.25 if mode == "medium" else 0.5):
        feelings = lang.fear if themes[0] in _FEARFUL_THEMES else lang.annoy
        feeling = rng.choice(feelings)
        if all(feeling.casefold() not in s.casefold() for s in sentences):
            sentences.append(feeling)
    if rng.random() < (0.15 if mode == "medium" else 0.45):
        wishes = list(lang.wishes) + list(lang.banks[themes[0]].wishes)
        police = 0.15 if person.young else 0.5
        if rng.random() < police:
            wishes = list(lang.police_wishes)
        elif person.young and rng.random() < 0.4:
            wishes = list(lang.young_wishes)
        sentences.append(rng.choice(wishes))
    if rng.random() < 0.022:
        sentences.append(rng.choice(lang.personal))
    separator = "\n" if mode == "long" and rng.random() < 0.15 else " "
    return _tidy(separator.join(sentences))


def _works_well(rng: random.Random, person: _Person, themes: Sequence[str]) -> str:
    answer_rate = 0.7 if themes[0] == "safe" else 0.52
    if person.channel != "web":
        answer_rate -= 0.1
    if rng.random() >= answer_rate:
        return ""
    lang = _LANGUAGE_BANKS[person.language]
    roll = rng.random()
    if roll < 0.08:
        return rng.choice(lang.works_misc)
    if roll < 0.5:
        return rng.choice(lang.works_full)
    nps = rng.sample(list(lang.works_np), 3)
    slots = {"np": [nps[0]], "np2": [nps[1]], "np3": [nps[2]]}
    return _fill(rng, rng.choice(lang.works_np_templates), slots)


def _days_ago(rng: random.Random, channel: str) -> int:
    if channel == "paper":
        return rng.choice((31, 24, 17, 10, 3))  # paper forms are typed in in batches
    if channel == "meeting":
        return rng.choice((26, 12))  # the two open meetings in the library
    weights = {
        day: 1.0 + (3.0 if day >= 36 else 0.0) + (2.0 if 19 <= day <= 22 else 0.0) + day / 30
        for day in range(1, 41)
    }
    return _weighted(rng, weights)


def _channel(rng: random.Random, age_band: str | None) -> str:
    paper = 0.25 if age_band == "65+" else 0.045
    roll = rng.random()
    if roll < paper:
        return "paper"
    if roll < paper + 0.04:
        return "meeting"
    return "web"


def _respondent(rng: random.Random, seen: set[str]) -> DemoRespondent:
    language = _weighted(rng, _LANGUAGE_WEIGHTS)
    gender = _weighted(rng, _GENDER_WEIGHTS)
    age_band = _weighted(rng, _AGE_WEIGHTS[language])
    channel = _channel(rng, age_band)
    area = _weighted(rng, _AREA_WEIGHTS)
    person = _Person(language, gender, age_band, area, channel)
    themes = _pick_themes(rng, person)

    concern = ""
    if rng.random() >= 0.07:
        for _ in range(12):
            concern = _concern(rng, person, themes)
            if person.language == "sv":
                concern = _style_sv(rng, concern, age_band, channel)
            elif person.language == "en":
                concern = _style_en(rng, concern)
            else:
                concern = _style_ar(rng, concern)
            if concern not in seen or themes[0] == "safe":
                break
        seen.add(concern)

    return DemoRespondent(
        language=language,
        gender=gender,
        age_band=age_band,
        area=area,
        safety=_pick_safety(rng, person, themes),
        problems=_pick_problems(rng, person, themes),
        concern=concern,
        works_well=_works_well(rng, person, themes),
        time_of_day=_pick_time(rng, themes),
        channel=channel,
        days_ago=_days_ago(rng, channel),
    )


def synthetic_respondents(n: int = 400, seed: int = 2026) -> list[DemoRespondent]:
    """`n` synthetic respondents for the demo dialogue; the same seed gives the same list."""
    if n < 0:
        raise ValueError("n must not be negative")
    rng = random.Random(seed)  # noqa: S311 - demo data, not security
    seen: set[str] = set()
    return [_respondent(rng, seen) for _ in range(n)]
