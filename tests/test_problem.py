"""Tests for bargaining.solutions.problem: hulls, validation, disagreement rules."""

from fractions import Fraction

import numpy as np
import pytest
from scipy.spatial import ConvexHull

from bargaining import BargainingError, BargainingProblem, Game, GameError, convex_hull, security_levels
from bargaining.solutions.disagreement import game_disagreement


def test_hull_matches_scipy_on_random_points():
    rng = np.random.default_rng(0)
    for _ in range(50):
        pts = rng.integers(-20, 21, size=(int(rng.integers(3, 90)), 2))
        try:
            ref = ConvexHull(pts.astype(float))
        except Exception:
            continue
        exact = convex_hull([tuple(map(int, p)) for p in pts])
        assert {tuple(map(float, v)) for v in exact} == {tuple(map(float, pts[k])) for k in ref.vertices}


def test_degenerate_sets():
    seg = BargainingProblem.from_points([(0, 0), (1, 1), (2, 2)], (0, 0))
    assert seg.vertices == ((0, 0), (2, 2))
    assert seg.frontier == ((2, 2),)
    assert seg.contains((Fraction(1, 2), Fraction(1, 2)))
    with pytest.raises(BargainingError, match="strictly better"):
        BargainingProblem.from_points([(0, 2), (1, 1), (2, 0)], (1, 1))
    with pytest.raises(BargainingError, match="strictly better"):
        BargainingProblem.from_points([(1, 1)], (1, 1))


def test_validation_errors():
    tri = [(0, 0), (1, 0), (0, 1)]
    with pytest.raises(BargainingError, match="outside"):
        BargainingProblem.from_points(tri, (1, 1))
    with pytest.raises(BargainingError, match="strictly better"):
        BargainingProblem.from_points([(0, 0), (1, 0), (1, 1)], (1, 0))
    with pytest.raises(BargainingError):
        BargainingProblem.from_points(tri, (float("nan"), 0))
    with pytest.raises(BargainingError):
        BargainingProblem.from_points([(0, float("nan"))], (0, 0))
    with pytest.raises(BargainingError):
        BargainingProblem(((0, 0), (2, 0), (Fraction(1, 2), Fraction(1, 2)), (0, 2)), (0, 0))  # not convex


def test_rational_frontier_and_ideal_point():
    p = BargainingProblem.from_points([(0, 0), (4, 0), (0, 4)], (1, 2))
    assert p.rational_frontier() == ((1, 3), (2, 2))
    assert p.ideal_point() == (2, 3)


def test_security_levels_by_theory():
    # matching pennies: value 0; battle of the sexes (2,1)/(1,2): maxmin 2/3 each
    pennies = Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert security_levels(pennies) == (0, 0)
    bos = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert security_levels(bos) == (Fraction(2, 3), Fraction(2, 3))


def test_risk_dominance_stag_hunt():
    """Stag hunt (Harsanyi and Selten 1988): (Hare, Hare) risk-dominates, 3*3 > 1*1."""
    g = Game([[4, 0], [3, 3]], [[4, 3], [0, 3]], strategies=(("Stag", "Hare"), ("Stag", "Hare")))
    d, rule = game_disagreement(g, "risk-dominant")
    assert d == (3, 3) and "Hare" in rule
    with pytest.raises(GameError):
        game_disagreement(Game([[1, 0], [0, 1]], [[1, 0], [0, 1]]), "risk-dominant")


def test_equilibrium_rules_on_battle_of_sexes():
    bos = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert game_disagreement(bos, "best-for-1")[0] == (2, 1)
    worst = game_disagreement(bos, "worst-for-1")[0]
    assert worst == (Fraction(2, 3), Fraction(2, 3))  # the mixed equilibrium
    with pytest.raises(BargainingError):
        game_disagreement(bos, "nonsense")


def test_from_game_mix():
    g = Game([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=(("F", "B"), ("F", "B")))
    p = BargainingProblem.from_game(g, (0, 0))
    assert p.mix((Fraction(3, 2), Fraction(3, 2))) == {("F", "F"): Fraction(1, 2), ("B", "B"): Fraction(1, 2)}
