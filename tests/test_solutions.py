"""Closed forms of the solutions against numerical optimisation, and published examples."""

from fractions import Fraction

import numpy as np
import pytest
from scipy.optimize import linprog, minimize_scalar

from bargaining import (
    BargainingError,
    BargainingProblem,
    egalitarian,
    get_solution,
    kalai_smorodinsky,
    nash_solution,
    utilitarian,
)


def _frontier_param(problem):
    f = np.array([[float(a), float(b)] for a, b in problem.rational_frontier()])
    return f


def _numeric_nash(problem, power):
    f = _frontier_param(problem)
    d = np.array([float(x) for x in problem.disagreement])
    best = (-np.inf, f[0])
    for a, b in zip(f[:-1], f[1:]):
        def neg(s, a=a, b=b):
            u = a + s * (b - a)
            g = np.maximum(u - d, 1e-300)
            return -(power * np.log(g[0]) + (1 - power) * np.log(g[1]))
        r = minimize_scalar(neg, bounds=(0, 1), method="bounded", options={"xatol": 1e-12})
        if -r.fun > best[0]:
            best = (-r.fun, a + r.x * (b - a))
    return best[1]


@pytest.mark.parametrize("seed", range(30))
def test_closed_forms_match_numerical_optimisation(seed):
    rng = np.random.default_rng(seed)
    pts = [tuple(map(int, p)) for p in rng.integers(0, 30, size=(8, 2))]
    d = (Fraction(int(np.mean([p[0] for p in pts]))), Fraction(int(np.mean([p[1] for p in pts]))))
    try:
        problem = BargainingProblem.from_points(pts, d)
    except BargainingError:
        pytest.skip("no gain from agreement")
    power = float(rng.uniform(0.1, 0.9))
    exact = nash_solution(problem, power=power).payoffs
    assert np.allclose([float(x) for x in exact], _numeric_nash(problem, power), atol=1e-6)
    # utilitarian: a linear programme over the hull of the rational frontier's vertices
    f = _frontier_param(problem)
    res = linprog(-f.sum(axis=1), A_eq=np.ones((1, len(f))), b_eq=[1], bounds=[(0, None)] * len(f))
    assert float(sum(utilitarian(problem).payoffs)) == pytest.approx(-res.fun)
    # egalitarian: the largest t with d + t(1, 1) in the comprehensive set, by bisection
    a = egalitarian(problem)
    dd = np.array([float(x) for x in d])
    lo, hi = 0.0, 100.0
    for _ in range(80):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _in_comprehensive(problem, dd + mid) else (lo, mid)
    assert min(float(a.payoffs[k] - d[k]) for k in range(2)) == pytest.approx(lo, abs=1e-9)


def _in_comprehensive(problem, p):
    f = _frontier_param(problem)
    if len(f) == 1:
        return bool(np.all(p <= f[0] + 1e-12))
    if p[0] < f[0][0]:
        return p[1] <= f[0][1] + 1e-12
    for a, b in zip(f[:-1], f[1:]):
        if a[0] <= p[0] <= b[0]:
            return p[1] <= a[1] + (b[1] - a[1]) * (p[0] - a[0]) / (b[0] - a[0]) + 1e-12
    return False


def test_split_the_dollar():
    """Nash (1950): dividing a unit of money with d = 0 gives each 1/2; power a gives a."""
    p = BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)], (0, 0))
    assert nash_solution(p).payoffs == (Fraction(1, 2), Fraction(1, 2))
    assert nash_solution(p, power=Fraction(2, 3)).payoffs == (Fraction(2, 3), Fraction(1, 3))


def test_kalai_smorodinsky_1975_example():
    """Kalai and Smorodinsky (1975, Econometrica 43(3), p. 515): S = conv{0, (1,0), (0,1), (3/4,3/4)},
    T = conv{0, (1,0), (0,1), (1, 7/10)}. Nash gives (3/4, 3/4) on S and (1, 7/10) on T, so player 2
    loses although T offers it more at every payoff of player 1; KS gives (3/4, 3/4) and (10/13, 10/13)."""
    S = BargainingProblem.from_points([(0, 0), (1, 0), (0, 1), (Fraction(3, 4), Fraction(3, 4))], (0, 0))
    T = BargainingProblem.from_points([(0, 0), (1, 0), (0, 1), (1, Fraction(7, 10))], (0, 0))
    assert nash_solution(S).payoffs == (Fraction(3, 4), Fraction(3, 4))
    assert nash_solution(T).payoffs == (1, Fraction(7, 10))
    assert kalai_smorodinsky(S).payoffs == (Fraction(3, 4), Fraction(3, 4))
    assert kalai_smorodinsky(T).payoffs == (Fraction(10, 13), Fraction(10, 13))


def test_proportional_and_utilitarian_tie():
    p = BargainingProblem.from_points([(0, 0), (2, 0), (0, 2)], (0, 0))
    assert egalitarian(p, weights=(1, 3)).payoffs == (Fraction(1, 2), Fraction(3, 2))
    u = utilitarian(p)
    assert u.optimal_set == ((0, 2), (2, 0)) and u.payoffs == (1, 1)
    assert utilitarian(p, weights=(2, 1)).payoffs == (2, 0)


def test_registry_and_errors():
    assert get_solution("ks") is kalai_smorodinsky
    with pytest.raises(BargainingError):
        get_solution("shapley")
    p = BargainingProblem.from_points([(0, 0), (1, 0), (0, 1)], (0, 0))
    for bad in (0, 1, 1.5, "x"):
        with pytest.raises(BargainingError):
            nash_solution(p, power=bad)
    with pytest.raises(BargainingError):
        egalitarian(p, weights=(0, 1))
