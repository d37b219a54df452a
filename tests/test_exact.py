"""Exact enumeration: known answers from theory and published examples."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from bargaining import Game, GameError, equilibria
from bargaining.games.exact import extreme_equilibria, group_subsets, is_degenerate, nash_subsets

ONE, ZERO = F(1), F(0)
E1, E2 = (ONE, ZERO), (ZERO, ONE)


def test_matching_pennies_has_the_uniform_equilibrium_only():
    eqs = extreme_equilibria([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert eqs == [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))]


def test_battle_of_the_sexes_has_two_pure_and_one_mixed_equilibrium():
    # mixed: player 1 makes player 2 indifferent: x1 = 2 x2 -> x = (2/3, 1/3)
    eqs = extreme_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert set(eqs) == {(E1, E1), (E2, E2), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}


def test_von_stengel_3x2_example():
    # von Stengel (2007), Algorithmic Game Theory, section 3.2: three equilibria.
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    expected = {
        ((ONE, ZERO, ZERO), E1),
        ((F(4, 5), F(1, 5), ZERO), (F(2, 3), F(1, 3))),
        ((ZERO, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert set(extreme_equilibria(A, B)) == expected
    assert not is_degenerate(A, B)


def test_payoff_shift_and_scale_do_not_change_the_answer():
    A = [[3, 3], [2, 5], [0, 6]]
    B = [[3, 2], [2, 6], [3, 1]]
    moved_A = [[F(v, 7) - 10 for v in row] for row in A]
    moved_B = [[3 * v + F(1, 2) for v in row] for row in B]
    assert extreme_equilibria(moved_A, moved_B) == extreme_equilibria(A, B)


def test_zero_game_has_every_pure_pair_as_extreme_equilibrium():
    eqs = extreme_equilibria([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    assert set(eqs) == {(x, y) for x in (E1, E2) for y in (E1, E2)}
    assert is_degenerate([[0, 0], [0, 0]], [[0, 0], [0, 0]])


def test_results_are_exact_probability_vectors_without_duplicates():
    A = [[1, 1, 0], [1, 1, 0], [0, 0, 1]]
    eqs = extreme_equilibria(A, A)
    assert len(eqs) == len(set(eqs))
    for x, y in eqs:
        assert all(isinstance(v, F) and v >= 0 for v in (*x, *y))
        assert sum(x) == 1 and sum(y) == 1


def test_order_is_deterministic():
    A = [[0, 1, 0], [1, 0, 1], [0, 1, 1]]
    B = [[1, 0, 1], [0, 1, 1], [1, 1, 0]]
    assert extreme_equilibria(A, B) == extreme_equilibria(A, B)


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        ([[1, 1], [0, 0]], [[1, 1], [0, 0]], True),  # the brief's example
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], False),  # prisoner's dilemma
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], False),  # matching pennies
        ([[1, 0], [0, 1]], [[1, 1], [0, 0]], True),  # player 2 indifferent against row 1
        ([[5]], [[2]], False),
        ([[1, 1]], [[2, 2]], True),  # a pure strategy with two best responses
    ],
)
def test_is_degenerate_known_cases(A, B, expected):
    assert is_degenerate(A, B) is expected


def test_mixed_strategy_with_too_many_best_responses_is_degenerate():
    # x = (1/2, 1/2) makes all three columns best responses: support 2, 3 replies
    B = [[0, 1, 2], [2, 1, 0]]
    A = [[1, 0, 0], [0, 0, 1]]
    assert is_degenerate(A, B)


def test_nash_subsets_of_the_segment_game():
    subsets = nash_subsets([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    assert subsets == [((E1,), (E1, E2))]


def test_nash_subsets_of_the_zero_game_is_one_square():
    subsets = nash_subsets([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    assert len(subsets) == 1
    xs, ys = subsets[0]
    assert set(xs) == {E1, E2} and set(ys) == {E1, E2}


def test_nash_subsets_are_maximal_bicliques():
    # Every pair in a subset is an extreme equilibrium, and no subset contains another.
    A = [[1, 1, 0], [1, 1, 0], [0, 0, 1]]
    B = [[1, 1, 0], [0, 0, 0], [0, 0, 1]]
    extreme = extreme_equilibria(A, B)
    subsets = nash_subsets(A, B, extreme=extreme)
    for xs, ys in subsets:
        assert all((x, y) in extreme for x in xs for y in ys)
    for a in subsets:
        for b in subsets:
            if a is not b:
                assert not (set(a[0]) <= set(b[0]) and set(a[1]) <= set(b[1]))
    covered = {(x, y) for xs, ys in subsets for x in xs for y in ys}
    assert covered == set(extreme)


def test_nondegenerate_game_has_singleton_subsets_and_components():
    A, B = [[2, 0], [0, 1]], [[1, 0], [0, 2]]
    subsets = nash_subsets(A, B)
    assert len(subsets) == 3 and all(len(xs) == len(ys) == 1 for xs, ys in subsets)
    assert group_subsets(subsets) == [(0,), (1,), (2,)]


def test_group_subsets_joins_through_shared_vertices():
    a, b, c = (1,), (2,), (3,)
    subsets = [((a,), (b,)), ((c,), (c,)), ((a,), (c,))]
    assert group_subsets(subsets) == [(0, 1, 2)]


def test_mismatched_shapes_are_refused():
    with pytest.raises(GameError):
        extreme_equilibria([[1, 2]], [[1], [2]])


def test_equilibria_dispatches_degenerate_games_to_the_exact_path():
    game = Game([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    found = equilibria(game)  # found exactly, reported in floats unless exact=True
    assert len(found) == 2 and all(eq.method == "exact" and not eq.exact and eq.regret == 0 for eq in found)
    assert all(eq.exact for eq in equilibria(game, exact=True))
    exact = equilibria(Game([[3, 0], [5, 1]], [[3, 5], [0, 1]]), exact=True)
    assert [eq.profile for eq in exact] == [(E2, E2)]
