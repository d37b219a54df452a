"""Rubinstein's alternating offers: closed forms, costs, outside options, the short-period limit."""

import math
from fractions import Fraction

import pytest
import sympy

from bargaining import BargainingError, rubinstein, rubinstein_limit


def test_published_shares():
    """Rubinstein (1982); Osborne and Rubinstein (1990), Proposition 3.5: (1-d2)/(1-d1 d2)."""
    assert rubinstein(0.9, 0.9).shares == (Fraction(10, 19), Fraction(9, 19))
    assert rubinstein(0.9, 0.8).shares[0] == Fraction(5, 7)
    second = rubinstein(0.9, 0.8, proposer=2)
    assert second.shares[1] == (1 - Fraction(9, 10)) / (1 - Fraction(72, 100))
    assert rubinstein(0.5, 0.5, pie=10).shares == (Fraction(20, 3), Fraction(10, 3))


def test_outside_option_principle():
    """Binmore, Shaked and Sutton (1989); Muthoo (1999), Theorem 5.1: an option binds only
    above the Rubinstein share; then the player gets exactly its option."""
    base = rubinstein(0.9, 0.9)
    assert rubinstein(0.9, 0.9, outside_options=(0, 0.4)).shares == base.shares  # 0.4 < 9/19
    bound = rubinstein(0.9, 0.9, outside_options=(0, 0.6))
    assert bound.shares[1] == Fraction(3, 5) and "binds for player 2" in bound.method
    # stationarity equations hold in every case
    for w1, w2 in [(0.1, 0.2), (0.55, 0.1), (0.3, 0.6), (0.45, 0.5)]:
        x = rubinstein(0.9, 0.8, outside_options=(w1, w2)).shares[0]
        y = rubinstein(0.9, 0.8, proposer=2, outside_options=(w1, w2)).shares[0]
        W1, W2 = Fraction(str(w1)), Fraction(str(w2))
        assert 1 - x == max(W2, Fraction(8, 10) * (1 - y))
        assert y == max(W1, Fraction(9, 10) * x)
    with pytest.raises(BargainingError):
        rubinstein(0.9, 0.9, outside_options=(0.6, 0.5))


def test_fixed_costs():
    """Rubinstein (1982), Theorem C; Osborne and Rubinstein (1990), section 3.9.2."""
    assert rubinstein(costs=(0.1, 0.2)).shares == (1, 0)
    assert rubinstein(costs=(0.2, 0.1)).shares == (Fraction(1, 10), Fraction(9, 10))
    assert rubinstein(costs=(0.2, 0.1), proposer=2).shares == (0, 1)
    assert "many SPE" in rubinstein(costs=(0.1, 0.1)).method


def test_short_period_limit_is_asymmetric_nash():
    """Binmore, Rubinstein and Wolinsky (1986): delta_i = exp(-r_i D), D -> 0."""
    r1, r2, D = sympy.symbols("r1 r2 D", positive=True)
    share = (1 - sympy.exp(-r2 * D)) / (1 - sympy.exp(-(r1 + r2) * D))
    assert sympy.simplify(sympy.limit(share, D, 0) - r2 / (r1 + r2)) == 0
    out = rubinstein_limit(0.05, 0.1)
    assert out.shares == (Fraction(2, 3), Fraction(1, 3)) and out.nash_power == Fraction(2, 3)
    near = rubinstein(math.exp(-0.05 * 1e-4), math.exp(-0.1 * 1e-4))
    assert float(near.shares[0]) == pytest.approx(2 / 3, abs=1e-4)


def test_bad_inputs():
    for args in [(1, 0.5), (-0.1, 0.5), (None, 0.5)]:
        with pytest.raises(BargainingError):
            rubinstein(*args)
    with pytest.raises(BargainingError):
        rubinstein(0.9, 0.9, proposer=3)
    with pytest.raises(BargainingError):
        rubinstein(costs=(0, 0.1))
