"""The interval and test behind "significant" in breakdowns and follow-ups, pinned to
published and independently computed values (not only to their ordering)."""

from __future__ import annotations

import pytest
from scipy.stats import binomtest, chi2_contingency

from analysis.stats import newcombe, two_proportion_p, wilson

# Newcombe (1998), "Interval estimation for the difference between independent proportions:
# comparison of eleven methods", Statistics in Medicine 17:873-890, Table II, method 10
# (score interval, no continuity correction), 95 %: (x1, n1, x2, n2) -> (lower, upper).
NEWCOMBE_TABLE_II = [
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0000)),
    ((10, 10, 0, 10), (0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "expected"), NEWCOMBE_TABLE_II)
def test_newcombe_matches_the_published_table(counts: tuple[int, int, int, int],
                                               expected: tuple[float, float]) -> None:
    lower, upper = newcombe(*counts)
    assert (round(lower, 4), round(upper, 4)) == expected


@pytest.mark.parametrize(("x", "n"), [(0, 10), (1, 10), (5, 10), (10, 10), (0, 1), (1, 1),
                                      (3, 7), (38, 100), (412, 1000), (999, 1000)])
def test_wilson_matches_scipy(x: int, n: int) -> None:
    reference = binomtest(x, n).proportion_ci(confidence_level=0.95, method="wilson")
    lower, upper = wilson(x, n)
    assert lower == pytest.approx(reference.low, abs=1e-12)
    assert upper == pytest.approx(reference.high, abs=1e-12)


def test_wilson_of_nothing_is_the_whole_range() -> None:
    assert wilson(0, 0) == (0.0, 1.0)


@pytest.mark.parametrize("counts", [(56, 70, 48, 80), (9, 10, 3, 10), (30, 45, 15, 60),
                                    (5, 56, 1, 29), (120, 400, 95, 410)])
def test_two_proportion_p_equals_the_chi_square_test_without_correction(
        counts: tuple[int, int, int, int]) -> None:
    x1, n1, x2, n2 = counts
    table = [[x1, n1 - x1], [x2, n2 - x2]]
    reference = chi2_contingency(table, correction=False).pvalue
    assert two_proportion_p(*counts) == pytest.approx(float(reference), rel=1e-9)


def test_two_proportion_p_when_undefined() -> None:
    assert two_proportion_p(0, 0, 3, 10) == 1.0
    assert two_proportion_p(0, 10, 0, 20) == 1.0  # nobody in either group: no evidence
    assert two_proportion_p(56, 70, 48, 80) == pytest.approx(0.008048, abs=5e-6)
