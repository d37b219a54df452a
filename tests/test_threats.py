"""Zero-sum games by LP made exact, and Nash's variable-threat solution."""

from fractions import Fraction

import numpy as np
import pytest

from bargaining import BargainingProblem, Game, nash_solution, solve_zero_sum, variable_threat


@pytest.mark.parametrize("seed", range(20))
def test_zero_sum_exact_matches_lp_and_is_optimal(seed):
    rng = np.random.default_rng(seed)
    M = rng.integers(-5, 6, size=(int(rng.integers(2, 5)), int(rng.integers(2, 5))))
    s = solve_zero_sum(M)
    assert s.exact
    x, y = np.array(s.row_strategy, dtype=object), np.array(s.col_strategy, dtype=object)
    Mf = [[Fraction(int(a)) for a in row] for row in M]
    assert min(sum(x[i] * Mf[i][j] for i in range(len(x))) for j in range(len(y))) == s.value
    assert max(sum(Mf[i][j] * y[j] for j in range(len(y))) for i in range(len(x))) == s.value


def test_split_or_claim():
    """Barron, Game Theory: An Introduction (2nd ed., Wiley 2013), ch. 6 exercise "Split or Claim":
    symmetric, so the agreement is (1/2, 1/2); each threatens to Claim, threat point (0, 0)."""
    g = Game([[0.5, 0], [1, 0]], [[0.5, 1], [0, 0]], strategies=(("Split", "Claim"), ("Split", "Claim")))
    s = variable_threat(g)
    assert s.payoffs == (Fraction(1, 2), Fraction(1, 2))
    assert s.threats[0]["Claim"] == 1 and s.threats[1]["Claim"] == 1
    assert s.threat_point == (0, 0)


def test_battle_of_the_sexes_threats():
    """A battle of the sexes with (-1, -1) off the diagonal: the game is symmetric under swapping
    players and strategies, so the agreement is (3/2, 3/2) on the edge u1 + u2 = 3."""
    g = Game([[2, -1], [-1, 1]], [[1, -1], [-1, 2]])
    s = variable_threat(g)
    # on the edge u1 + u2 = 3 (h = 1) the threat game is A - B; its value V gives u1 = (3 + V)/2
    v = solve_zero_sum(np.array(g.A) - np.array(g.B)).value
    assert s.payoffs[0] == (3 + v) / 2 and s.payoffs == (Fraction(3, 2), Fraction(3, 2))


@pytest.mark.parametrize("seed", range(25))
def test_agreement_is_nash_solution_from_threat_point(seed):
    rng = np.random.default_rng(100 + seed)
    A, B = rng.integers(-5, 6, size=(2, 3, 3))
    g = Game(A, B)
    s = variable_threat(g)
    t = s.threat_point
    f = BargainingProblem.from_game(g, "security").frontier
    if len(f) == 1 or not s.exact:
        # at a vertex: the agreement is a frontier vertex dominating the threat point
        assert tuple(s.payoffs) in f
        return
    try:
        p = BargainingProblem.from_game(g, t)
    except Exception:
        pytest.skip("threat point already Pareto optimal")
    assert nash_solution(p).payoffs == tuple(s.payoffs)
    # neither player can move the agreement in its favour by changing its threat alone
    h = s.slope
    M = [[h * a - b for a, b in zip(ra, rb)] for ra, rb in zip(g.exact_A, g.exact_B)]
    x = [s.threats[0][n] for n in g.strategies[0]]
    y = [s.threats[1][n] for n in g.strategies[1]]
    value = sum(x[i] * M[i][j] * y[j] for i in range(3) for j in range(3))
    assert value == solve_zero_sum(M).value


def test_transferable_utility_threats_by_hand():
    """Nash (1953), "Two-person cooperative games", Econometrica 21, 128-140: when every Pareto
    point lies on one line u1 + u2 = c (transferable utility), the variable-threat agreement is
    ((c + v)/2, (c - v)/2) with v the value of the zero-sum threat game A - B.

    Here c = 4 (cells (4, 0) and (0, 4)) and A - B = [[4, -4], [0, 1]], solved by hand: row
    mixes (1/9, 8/9), column (5/9, 4/9), v = 4/9, so the agreement is (20/9, 16/9). The game
    is not symmetric, so this checks more than the symmetric cases above."""
    g = Game([[4, 0], [1, -1]], [[0, 4], [1, -2]])
    s = variable_threat(g)
    assert s.payoffs == (Fraction(20, 9), Fraction(16, 9))
    assert s.threats[0]["s1"] == Fraction(1, 9) and s.threats[1]["s1"] == Fraction(5, 9)
    x, y = (Fraction(1, 9), Fraction(8, 9)), (Fraction(5, 9), Fraction(4, 9))
    expected_threat_point = tuple(
        sum(x[i] * M[i][j] * y[j] for i in range(2) for j in range(2)) for M in (g.exact_A, g.exact_B)
    )
    assert s.threat_point == expected_threat_point
