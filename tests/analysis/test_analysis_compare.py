"""Baseline vs follow-up on a safety scale."""

from __future__ import annotations

import pytest

from analysis import compare_scale

STEPS = ["Mycket trygg", "Ganska trygg", "Ganska otrygg", "Mycket otrygg"]
UNSAFE = {"Ganska otrygg", "Mycket otrygg"}


def test_a_clear_drop_in_feeling_unsafe_is_significant() -> None:
    result = compare_scale(dict(zip(STEPS, [40, 30, 20, 10], strict=True)),
                           dict(zip(STEPS, [55, 30, 10, 5], strict=True)), UNSAFE)
    assert result.baseline_unsafe.share == 0.3 and result.follow_up_unsafe.share == 0.15
    assert result.difference == pytest.approx(-0.15)
    assert result.difference_ci is not None
    assert result.difference_ci[0] < -0.15 < result.difference_ci[1] < 0
    assert result.significant and result.p_value is not None and result.p_value < 0.05
    assert [s.step for s in result.steps] == STEPS
    assert result.steps[0].baseline.n == 100
    result.to_dict()


def test_a_small_change_in_small_samples_is_not_significant() -> None:
    result = compare_scale([5, 5, 3, 2], [6, 5, 2, 2], {"3", "4"})
    assert not result.significant
    assert result.difference_ci is not None
    assert result.difference_ci[0] < 0 < result.difference_ci[1]


def test_positional_counts_with_step_names_and_empty_follow_up() -> None:
    result = compare_scale([10, 5, 3, 2], [0, 0, 0, 0], UNSAFE, steps=STEPS)
    assert result.follow_up_unsafe.share is None and result.difference is None
    assert not result.significant


def test_unknown_unsafe_step_is_refused() -> None:
    with pytest.raises(ValueError, match="unsafe steps"):
        compare_scale([1, 2], [1, 2], {"otrygg"})
