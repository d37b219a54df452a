"""Fearon (1995): the bargaining range [p - c1, p + c2]."""

from fractions import Fraction

import pytest

from bargaining import BargainingError, fearon_range, fearon_range_contest


def test_range_and_offers():
    r = fearon_range(0.5, 0.1, 0.2)
    assert (r.low, r.high) == (Fraction(2, 5), Fraction(7, 10))
    assert r.offer_by_1 == r.high and r.offer_by_2 == r.low
    assert r.width == Fraction(3, 10)


def test_clipping_and_contest():
    r = fearon_range(0.95, 0.1, 0.2)
    assert r.high == 1 and r.low == Fraction(17, 20)
    assert fearon_range(0, 0.1, 0.1).low == 0
    c = fearon_range_contest(3, 1, 0.05, 0.05)
    assert c.p == Fraction(3, 4) and (c.low, c.high) == (Fraction(7, 10), Fraction(4, 5))


def test_errors():
    with pytest.raises(BargainingError):
        fearon_range(1.2, 0, 0)
    with pytest.raises(BargainingError):
        fearon_range(0.5, -0.1, 0)
    with pytest.raises(BargainingError):
        fearon_range_contest(0, 0, 0.1, 0.1)
