"""Lemke-Howson from every starting label (bargaining.games.lemke_howson)."""

import numpy as np
import pytest

import bargaining as bg
from bargaining.errors import GameError
from bargaining.games.reverse_search import reverse_search_equilibria


def _regret(A, B, x, y):
    """Independent float regret: best pure payoff minus the profile's, for each player."""
    return max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y)


def test_battle_of_the_sexes_by_hand():
    # Dropping label 0 (player 1's first strategy) from (0, 0) ends at the pure equilibrium (s2, s2)
    # or (s1, s1) depending on the path; over all four labels both pure equilibria are found (the
    # mixed one, of index -1, is never the end of a path from the artificial equilibrium).
    battle = bg.Game([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    found = bg.lemke_howson(battle, exact=True)
    assert [e.profile for e in found] == [((1, 0), (1, 0)), ((0, 1), (0, 1))]
    assert all(e.regret == 0 and e.method == "lemke-howson" for e in found)
    floats = bg.equilibria(battle, method="lemke-howson")
    assert [e.describe() for e in floats] == [e.describe() for e in found]
    assert not floats[0].exact


def test_pennies_mixed():
    pennies = bg.Game([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    (eq,) = bg.lemke_howson(pennies, label=3, exact=True)
    assert eq.profile == ((0.5, 0.5), (0.5, 0.5))


def test_exact_ends_are_extreme_equilibria_of_degenerate_games():
    # Lexicographic pivoting ends at a vertex pair, so at an extreme equilibrium, ties or not.
    rng = np.random.default_rng(51)
    for _ in range(60):
        m, n = rng.integers(1, 6, 2)
        A, B = rng.integers(-2, 3, (2, m, n))
        extreme = set(reverse_search_equilibria(A.tolist(), B.tolist()))
        for eq in bg.lemke_howson(bg.Game(A, B), exact=True):
            assert eq.profile in extreme


def test_100_random_50x50_games_verified():
    rng = np.random.default_rng(50)
    for _ in range(100):
        A, B = rng.random((2, 50, 50))
        (eq,) = bg.lemke_howson(bg.Game(A, B), label=int(rng.integers(100)))
        x, y = eq.as_float()
        assert abs(x.sum() - 1) < 1e-12 and abs(y.sum() - 1) < 1e-12 and x.min() >= 0 and y.min() >= 0
        assert _regret(A, B, x, y) <= 1e-9


def test_exact_40x40_game():
    A, B = np.random.default_rng(40).integers(-9, 10, (2, 40, 40))
    (eq,) = bg.lemke_howson(bg.Game(A, B), label=0, exact=True)
    assert eq.regret == 0 and eq.exact


def test_agrees_with_nashpy_on_a_nondegenerate_game():
    nashpy = pytest.importorskip("nashpy")
    A, B = np.random.default_rng(12).random((2, 6, 6))
    theirs = nashpy.Game(A, B).lemke_howson(initial_dropped_label=0)
    (ours,) = bg.lemke_howson(bg.Game(A, B), label=0)
    assert np.allclose(ours.as_float()[0], theirs[0]) and np.allclose(ours.as_float()[1], theirs[1])


@pytest.mark.parametrize("label", [-1, 4, 1.5, True])
def test_bad_label(label):
    with pytest.raises(GameError, match="label"):
        bg.lemke_howson(bg.Game([[1, 0], [0, 1]], [[1, 0], [0, 1]]), label=label)
