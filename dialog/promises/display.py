"""What residents see of a promise: progress in words, focus areas with small cells hidden."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from babel import Locale
from flask_babel import gettext, ngettext

from dialog.promises.models import FocusArea
from dialog.promises.services.promises import Progress
from surveys.questions import FIXED_OPTIONS, AnswerType

SMALL = "<5"
WITHHELD = ".."
GENDER_LABELS = dict(FIXED_OPTIONS[AnswerType.GENDER])


def shown_count(value: object) -> str:
    """A count as it may be published: 1–4 become "<5"; markers pass through; never a guess."""
    if isinstance(value, bool):
        return WITHHELD
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit():
            return shown_count(int(text))
        return text if text in (SMALL, WITHHELD) else WITHHELD
    if isinstance(value, int):
        if value < 0:
            return WITHHELD
        return SMALL if 1 <= value <= 4 else str(value)
    return WITHHELD


@dataclass(frozen=True)
class FocusAreaFigures:
    """The size of a focus area and who raised it by gender, safe to publish."""

    size: str | None
    rows: list[tuple[str, str]]


def focus_area_figures(area: FocusArea) -> FocusAreaFigures:
    """A group smaller than five shows "<5" and no breakdown, which would reveal its cells."""
    size = None if area.size is None else shown_count(area.size)
    small_group = area.size is not None and area.size < 5
    rows: list[tuple[str, str]] = []
    if not small_group:
        rows = [(gender_label(key), shown_count(value))
                for key, value in _ordered(area.gender_breakdown or {})]
    return FocusAreaFigures(size=size, rows=rows)


def _ordered(breakdown: Mapping[str, object]) -> list[tuple[str, object]]:
    order = list(GENDER_LABELS)
    return sorted(breakdown.items(),
                  key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order), kv[0]))


def gender_label(key: str) -> str:
    if key in GENDER_LABELS:
        return gettext(GENDER_LABELS[key])
    # Translators: a gender group for answers where no gender was given.
    return gettext("Not stated")


def progress_words(progress: Progress) -> str:
    """E.g. "3 of 5 activities done, 1 delayed"."""
    if progress.total == 0:
        return gettext("No activities yet")
    parts = [ngettext("%(done)d of %(num)d activity done", "%(done)d of %(num)d activities done",
                      progress.total, done=progress.done)]
    if progress.delayed:
        # Translators: part of "3 of 5 activities done, 1 delayed"; counts activities.
        parts.append(ngettext("%(num)d delayed", "%(num)d delayed", progress.delayed))
    if progress.cancelled:
        # Translators: part of "3 of 5 activities done, 1 cancelled"; counts activities.
        parts.append(ngettext("%(num)d cancelled", "%(num)d cancelled", progress.cancelled))
    return ", ".join(parts)


def language_name(code: str, in_lang: str) -> str:
    """A language's name in the reader's language, e.g. "Swedish" on an English page."""
    try:
        name = Locale.parse(code).get_display_name(in_lang)
    except (ValueError, TypeError):
        name = None
    return name or code
