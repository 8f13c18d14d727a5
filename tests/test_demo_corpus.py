"""The synthetic demo respondents: deterministic, well-formed, and shaped like a real dialogue."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable

import pytest

from dialog.demo.corpus import AREAS, DemoRespondent, synthetic_respondents

LANGUAGES = {"sv", "en", "ar"}
GENDERS = {"woman", "man", "other", "prefer_not"}
AGE_BANDS = {"u16", "16-24", "25-44", "45-64", "65+", None}
AREA_KEYS = {"torget", "stationen", "parken", "skolan", "norra"}
SAFETY = {"very_safe", "fairly_safe", "fairly_unsafe", "very_unsafe", "dont_know", None}
PROBLEMS = {
    "littering", "vandalism", "disorder", "drugs", "mopeds", "lighting", "drunk", "harassment",
    "none",
}
TIMES = {"morning", "daytime", "evening", "night", "no_particular", None}
CHANNELS = {"web", "paper", "meeting"}

# A deliberately simple keyword check, the kind an analyst would do by hand.
DARKNESS = re.compile(
    r"mörk|mörker|belysning|lampor|tunnel|dark|light|lamps|مظلم|الظلام|إضاءة|الإضاءة|النفق",
    re.IGNORECASE,
)
HARASSMENT = re.compile(
    r"kommentar|trakass|tafs|förföljd|följer efter|visslar|visslad|ropar efter|harass|catcall"
    r"|comment|followed|whistl|تحرش|التحرش|تعليقات|يعاكس",
    re.IGNORECASE,
)
BURGLARY = re.compile(r"inbrott|break-in|burglar|سرقة المنازل|سرقات|للسرقة", re.IGNORECASE)
TRAFFIC = re.compile(r"korsning|farthinder|fortkörning|kör för fort|speed|crossing|السرعة")
ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
PHONE_OR_EMAIL = re.compile(r"\b07\d[- ]?\d{3} ?\d{2} ?\d{2}\b|\b07\d{8}\b|@example\.(com|org)")


@pytest.fixture(scope="module")
def people() -> list[DemoRespondent]:
    return synthetic_respondents()


@pytest.fixture(scope="module")
def many() -> list[DemoRespondent]:
    return synthetic_respondents(3000, seed=11)


def share(people: list[DemoRespondent], test: Callable[[DemoRespondent], bool]) -> float:
    return sum(1 for p in people if test(p)) / len(people)


def test_same_seed_gives_the_same_respondents(people: list[DemoRespondent]) -> None:
    assert synthetic_respondents() == people
    assert synthetic_respondents(50, seed=5) == synthetic_respondents(50, seed=5)


def test_other_seeds_give_other_respondents(people: list[DemoRespondent]) -> None:
    assert synthetic_respondents(seed=2027) != people


def test_does_not_touch_the_global_random_state() -> None:
    state = random.getstate()
    synthetic_respondents(30)
    assert random.getstate() == state


@pytest.mark.parametrize("n", [0, 1, 17, 400])
def test_n_is_respected(n: int) -> None:
    assert len(synthetic_respondents(n)) == n


def test_negative_n_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        synthetic_respondents(-1)


def test_every_field_is_within_its_allowed_set(many: list[DemoRespondent]) -> None:
    for p in many:
        assert p.language in LANGUAGES
        assert p.gender in GENDERS
        assert p.age_band in AGE_BANDS
        assert p.area in AREA_KEYS | {None}
        assert p.safety in SAFETY
        assert p.time_of_day in TIMES
        assert p.channel in CHANNELS
        assert 1 <= p.days_ago <= 40
        assert set(p.problems) <= PROBLEMS
        assert len(set(p.problems)) == len(p.problems)
        assert "none" not in p.problems or p.problems == ("none",)
        assert isinstance(p.concern, str) and isinstance(p.works_well, str)
        assert p.concern == p.concern.strip()
        assert len(p.concern) <= 5000 and len(p.works_well) <= 5000


def test_areas_have_labels_in_every_language() -> None:
    assert set(AREAS) == AREA_KEYS
    for labels in AREAS.values():
        assert set(labels) == {"sv", "en", "ar", "fa", "so", "ti", "fi"}
        assert all(label.strip() for label in labels.values())
        assert ARABIC_LETTERS.search(labels["ar"])


def test_distributions_are_roughly_as_specified(many: list[DemoRespondent]) -> None:
    def close(value: float, target: float, tolerance: float) -> bool:
        return abs(value - target) <= tolerance

    assert close(share(many, lambda p: p.language == "sv"), 0.85, 0.04)
    assert close(share(many, lambda p: p.language == "en"), 0.09, 0.03)
    assert close(share(many, lambda p: p.language == "ar"), 0.06, 0.025)
    assert close(share(many, lambda p: p.gender == "woman"), 0.50, 0.04)
    assert close(share(many, lambda p: p.gender == "man"), 0.42, 0.04)
    assert close(share(many, lambda p: p.gender == "other"), 0.03, 0.02)
    assert close(share(many, lambda p: p.gender == "prefer_not"), 0.05, 0.02)
    assert close(share(many, lambda p: p.age_band is None), 0.03, 0.02)
    assert close(share(many, lambda p: p.channel == "web"), 0.88, 0.04)
    assert close(share(many, lambda p: p.channel == "paper"), 0.08, 0.03)
    assert close(share(many, lambda p: p.channel == "meeting"), 0.04, 0.02)
    assert close(share(many, lambda p: p.concern == ""), 0.07, 0.03)
    assert close(share(many, lambda p: p.works_well == ""), 0.45, 0.08)
    assert close(share(many, lambda p: p.safety is None), 0.035, 0.025)
    # every area is used, and most people name one
    assert Counter(p.area for p in many).keys() == AREA_KEYS | {None}
    assert share(many, lambda p: p.area is None) < 0.15


def test_concerns_are_almost_all_distinct(people: list[DemoRespondent]) -> None:
    texts = [p.concern for p in people if p.concern]
    assert len(set(texts)) >= 0.95 * len(texts)


def test_concerns_vary_in_length(people: list[DemoRespondent]) -> None:
    words = [len(p.concern.split()) for p in people if p.concern]
    assert min(words) <= 3
    assert max(words) >= 35
    assert sum(1 for w in words if w <= 5) >= 0.1 * len(words)
    assert sum(1 for w in words if w >= 20) >= 0.2 * len(words)


def test_women_raise_darkness_and_harassment_more_often(people: list[DemoRespondent]) -> None:
    women = [p for p in people if p.gender == "woman"]
    men = [p for p in people if p.gender == "man"]

    def raises(pattern: re.Pattern[str]) -> Callable[[DemoRespondent], bool]:
        return lambda p: bool(pattern.search(p.concern))

    for pattern in (DARKNESS, HARASSMENT):
        assert share(women, raises(pattern)) > 1.5 * share(men, raises(pattern))
    def either(p: DemoRespondent) -> bool:
        return bool(DARKNESS.search(p.concern) or HARASSMENT.search(p.concern))

    assert share(women, either) - share(men, either) >= 0.12


def test_women_feel_less_safe(people: list[DemoRespondent]) -> None:
    def unsafe(p: DemoRespondent) -> bool:
        return p.safety in ("fairly_unsafe", "very_unsafe")

    women = [p for p in people if p.gender == "woman"]
    men = [p for p in people if p.gender == "man"]
    assert share(women, unsafe) - share(men, unsafe) >= 0.15


def test_ticks_and_safety_agree_with_the_text(many: list[DemoRespondent]) -> None:
    dark = [p for p in many if DARKNESS.search(p.concern)]
    other = [p for p in many if p.concern and not DARKNESS.search(p.concern)]
    assert share(dark, lambda p: "lighting" in p.problems) > 0.6
    assert share(other, lambda p: "lighting" in p.problems) < 0.25

    def unsafe(p: DemoRespondent) -> bool:
        return p.safety in ("fairly_unsafe", "very_unsafe")

    assert share(dark, unsafe) > share(other, unsafe) + 0.15


def test_area_shapes_the_themes(many: list[DemoRespondent]) -> None:
    def rate(area: str, pattern: re.Pattern[str], inside: bool) -> float:
        group = [p for p in many if p.concern and (p.area == area) == inside]
        return share(group, lambda p: bool(pattern.search(p.concern)))

    assert rate("norra", BURGLARY, True) > 2 * rate("norra", BURGLARY, False)
    assert rate("skolan", TRAFFIC, True) > 2 * rate("skolan", TRAFFIC, False)


def test_there_are_english_and_arabic_answers(people: list[DemoRespondent]) -> None:
    english = [p.concern for p in people if p.language == "en" and p.concern]
    arabic = [p.concern for p in people if p.language == "ar" and p.concern]
    assert len(english) >= 15 and len(arabic) >= 10
    assert all(ARABIC_LETTERS.search(text) for text in arabic)
    assert not any(ARABIC_LETTERS.search(text) for text in english)


def test_a_few_answers_look_like_personal_data(many: list[DemoRespondent]) -> None:
    rate = share(many, lambda p: bool(PHONE_OR_EMAIL.search(p.concern)))
    assert 0.002 < rate < 0.04


def test_safe_respondents_say_so(people: list[DemoRespondent]) -> None:
    assert any(p.problems == ("none",) for p in people)
    assert share(people, lambda p: p.safety in ("very_safe", "fairly_safe")) > 0.3
