"""The axioms of bargaining solutions as hypothesis properties over random convex polygons.

Nash (1950): Pareto optimality, symmetry, invariance to positive affine
rescaling, independence of irrelevant alternatives. Kalai and Smorodinsky
(1975): individual monotonicity. Kalai (1977): equal gains.
"""

from fractions import Fraction

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bargaining import SOLUTIONS, BargainingError, BargainingProblem, kalai_smorodinsky, nash_solution

SETTINGS = settings(max_examples=200, deadline=None)
coord = st.integers(min_value=-10, max_value=20)
points = st.lists(st.tuples(coord, coord), min_size=3, max_size=8, unique=True)
weights = st.lists(st.integers(min_value=1, max_value=5), min_size=8, max_size=8)


def _problem(pts, w):
    """A problem on the hull of ``pts`` with d a strictly interior convex combination."""
    total = sum(w[: len(pts)])
    d = (
        sum(Fraction(k) * p[0] for k, p in zip(w, pts)) / total,
        sum(Fraction(k) * p[1] for k, p in zip(w, pts)) / total,
    )
    try:
        return BargainingProblem.from_points(pts, d)
    except BargainingError:
        assume(False)


def _pareto_optimal(problem, point):
    """No feasible point is at least as good for both and better for one."""
    f = problem.frontier
    for v in problem.vertices:
        if v[0] >= point[0] and v[1] >= point[1] and v != tuple(point):
            return False
    if len(f) == 1:
        return tuple(point) == f[0]
    for a, b in zip(f[:-1], f[1:]):
        if a[0] <= point[0] <= b[0]:
            on = a[1] + (b[1] - a[1]) * (point[0] - a[0]) / (b[0] - a[0])
            return on == point[1]
    return False


@pytest.mark.parametrize("name", sorted(SOLUTIONS))
@SETTINGS
@given(pts=points, w=weights)
def test_pareto_optimal_and_individually_rational(name, pts, w):
    problem = _problem(pts, w)
    a = SOLUTIONS[name](problem)
    assert _pareto_optimal(problem, a.payoffs)
    assert a.payoffs[0] >= problem.disagreement[0] and a.payoffs[1] >= problem.disagreement[1]
    assert problem.contains(a.payoffs)


@pytest.mark.parametrize("name", sorted(SOLUTIONS))
@SETTINGS
@given(pts=points, c=st.integers(min_value=-5, max_value=5))
def test_symmetry(name, pts, c):
    sym = pts + [(b, a) for a, b in pts]
    try:
        problem = BargainingProblem.from_points(sym, (c, c))
    except BargainingError:
        assume(False)
    a = SOLUTIONS[name](problem)
    assert a.payoffs[0] == a.payoffs[1]


@pytest.mark.parametrize("func", [nash_solution, kalai_smorodinsky], ids=["nash", "kalai-smorodinsky"])
@SETTINGS
@given(
    pts=points, w=weights,
    scale=st.tuples(st.fractions(min_value=Fraction(1, 10), max_value=10), st.fractions(min_value=Fraction(1, 10), max_value=10)),
    shift=st.tuples(st.integers(-5, 5), st.integers(-5, 5)),
)
def test_affine_invariance(func, pts, w, scale, shift):
    problem = _problem(pts, w)

    def f(p):
        return (scale[0] * p[0] + shift[0], scale[1] * p[1] + shift[1])

    moved = BargainingProblem.from_points([f(v) for v in problem.vertices], f(problem.disagreement))
    assert func(moved).payoffs == f(func(problem).payoffs)


@SETTINGS
@given(pts=points, w=weights, keep=st.lists(st.booleans(), min_size=8, max_size=8))
def test_nash_independence_of_irrelevant_alternatives(pts, w, keep):
    problem = _problem(pts, w)
    a = nash_solution(problem)
    kept = [v for v, k in zip(problem.vertices, keep) if k]
    smaller = BargainingProblem.from_points([*kept, a.payoffs, problem.disagreement], problem.disagreement)
    assert nash_solution(smaller).payoffs == a.payoffs


@SETTINGS
@given(pts=points, w=weights, extra=st.tuples(coord, coord))
def test_ks_individual_monotonicity(pts, w, extra):
    """Enlarging the set without changing player 1's ideal payoff never hurts player 2."""
    problem = _problem(pts, w)
    ideal = problem.ideal_point()
    assume(extra[0] <= ideal[0])
    bigger = BargainingProblem.from_points([*problem.vertices, extra], problem.disagreement)
    assume(bigger.ideal_point()[0] == ideal[0])
    assert kalai_smorodinsky(bigger).payoffs[1] >= kalai_smorodinsky(problem).payoffs[1]


@SETTINGS
@given(pts=points, w=weights)
def test_egalitarian_equal_gains(pts, w):
    problem = _problem(pts, w)
    a = SOLUTIONS["egalitarian"](problem)
    g1 = a.payoffs[0] - problem.disagreement[0]
    g2 = a.payoffs[1] - problem.disagreement[1]
    t = problem.comprehensive_ray((1, 1))
    assert min(g1, g2) == t
    if "leximin" not in a.method:
        assert g1 == g2
