"""Equilibria of textbook games, with their known equilibria."""

from fractions import Fraction as F

import numpy as np
import pytest

import bargaining as bg
from bargaining.games.equilibria import make_equilibrium

# Textbook games: (A, B, strategy names, expected equilibria as exact profiles)
TEXTBOOK = {
    "prisoners_dilemma": (
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], ("Cooperate", "Defect"),
        [((0, 1), (0, 1))],
    ),
    "battle_of_the_sexes": (
        [[2, 0], [0, 1]], [[1, 0], [0, 2]], ("Opera", "Football"),
        [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))],
    ),
    "matching_pennies": (
        [[1, -1], [-1, 1]], [[-1, 1], [1, -1]], ("Heads", "Tails"),
        [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))],
    ),
    "chicken": (
        [[0, -1], [1, -10]], [[0, 1], [-1, -10]], ("Swerve", "Straight"),
        [((1, 0), (0, 1)), ((0, 1), (1, 0)), ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10)))],
    ),
    "stag_hunt": (
        [[4, 0], [3, 3]], [[4, 3], [0, 3]], ("Stag", "Hare"),
        [((1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4)))],
    ),
    "rock_paper_scissors": (
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
        ("Rock", "Paper", "Scissors"),
        [((F(1, 3),) * 3, (F(1, 3),) * 3)],
    ),
}


def _as_set(profiles):
    return {tuple(tuple(round(float(p), 9) for p in s) for s in profile) for profile in profiles}


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
@pytest.mark.parametrize("exact", [False, True], ids=["float", "exact"])
def test_textbook_games(name, exact):
    A, B, names, expected = TEXTBOOK[name]
    game = bg.Game(A, B, strategies=(names, names))
    found = bg.equilibria(game, exact=exact)
    assert _as_set(e.profile for e in found) == _as_set(expected)
    for eq in found:
        assert eq.regret <= 1e-9
        assert eq.regret == 0 if exact else True
        assert set(eq.strategies[0]) == set(names)
        assert eq.exact is exact


def test_prisoners_dilemma_record_is_labelled():
    (eq,) = bg.equilibria(bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    assert eq.is_pure
    assert eq.support == (("s2",), ("s2",))
    assert eq.strategies[0]["s2"] == 1.0 and eq.strategies[1]["s1"] == 0.0
    assert eq.payoffs == (1.0, 1.0)
    assert eq.method == "exact" and not eq.exact  # found exactly, reported in floats
    assert "Player 1: s2 · Player 2: s2" in repr(eq)


def test_order_is_pure_first_then_support_size():
    A, B, names, _ = TEXTBOOK["battle_of_the_sexes"]
    found = bg.equilibria(bg.Game(A, B))
    assert [e.is_pure for e in found] == [True, True, False]
    assert found[0].support == (("s1",), ("s1",))


def test_mixed_payoffs_battle_of_the_sexes():
    A, B, _, _ = TEXTBOOK["battle_of_the_sexes"]
    mixed = bg.equilibria(bg.Game(A, B), exact=True)[-1]
    assert mixed.payoffs == (F(2, 3), F(2, 3))


def test_records_are_frozen():
    (eq,) = bg.equilibria(bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    with pytest.raises(AttributeError):
        eq.method = "x"
    with pytest.raises(TypeError):
        eq.strategies[0]["s1"] = 0.5
    with pytest.raises(ValueError):
        eq.profile[0][0] = 0.5


def test_unknown_method():
    with pytest.raises(bg.GameError, match="unknown method"):
        bg.equilibria(bg.Game([[1]], [[1]]), method="magic")


def test_forcing_nashpy_on_a_degenerate_game_is_refused():
    game = bg.Game([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    with pytest.raises(bg.GameError, match="degenerate"):
        bg.equilibria(game, method="support_enumeration")


def test_nashpy_methods_with_exact_are_refused():
    with pytest.raises(bg.GameError, match="floating point"):
        bg.equilibria(bg.Game([[1]], [[1]]), method="support_enumeration", exact=True)


@pytest.mark.parametrize("method", ["support_enumeration", "vertex_enumeration"])
def test_nashpy_methods_keep_equilibria_that_nashpy_itself_drops(method):
    # nashpy 0.0.43's support_enumeration returns 3 of these 5 (float == test)
    A = [[358, -708, 530], [604, 107, -242], [-416, -180, 558]]
    B = [[132, -621, -479], [-618, -127, -420], [-731, 292, 406]]
    game = bg.Game(A, B)
    found = bg.equilibria(game, method=method)
    exact = bg.equilibria(game, exact=True)
    assert len(found) == len(exact) == 5
    for f, e in zip(found, exact):
        assert np.allclose(np.concatenate(f.as_float()), np.concatenate(e.as_float()), atol=1e-9)


def test_vertex_enumeration_method_agrees():
    A, B, _, expected = TEXTBOOK["battle_of_the_sexes"]
    found = bg.equilibria(bg.Game(A, B), method="vertex_enumeration")
    assert _as_set(e.profile for e in found) == _as_set(expected)
    assert {e.method for e in found} == {"vertex_enumeration"}


def test_pure_equilibria_in_a_degenerate_game():
    game = bg.Game([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    assert [e.support for e in bg.pure_equilibria(game)] == [(("s1",), ("s1",)), (("s1",), ("s2",))]


def test_best_responses_to_names_and_mixtures():
    A, B, names, _ = TEXTBOOK["battle_of_the_sexes"]
    game = bg.Game(A, B, strategies=(names, names))
    assert bg.best_responses(game, 1, "Opera") == ("Opera",)
    assert bg.best_responses(game, 2, "Football") == ("Football",)
    # against player 2's equilibrium mixture player 1 is indifferent, exactly
    assert bg.best_responses(game, 1, {"Opera": F(1, 3), "Football": F(2, 3)}) == ("Opera", "Football")
    assert bg.best_responses(game, 1, [0.5, 0.5]) == ("Opera",)
    with pytest.raises(bg.GameError):
        bg.best_responses(game, 3, "Opera")
    with pytest.raises(bg.GameError):
        bg.best_responses(game, 1, {"Ballet": 1})


def test_regret_of_a_non_equilibrium():
    game = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert bg.regret(game, ((1, 0), (1, 0))) == pytest.approx(2.0)
    assert bg.regret(game, ((F(1), F(0)), (F(1), F(0))), exact=True) == 2


def test_make_equilibrium_refuses_a_non_equilibrium():
    game = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(bg.SolverError, match="regret"):
        make_equilibrium(game, (np.array([1, 0]), np.array([1, 0])), "test")
