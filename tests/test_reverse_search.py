"""Exact extreme equilibria by lexicographic pivoting (bargaining.games.reverse_search)."""

import json
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import bargaining as bg
from bargaining.games.exact import extreme_equilibria
from bargaining.games.reverse_search import lex_vertices, reverse_search_equilibria

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(
    ("shape", "low", "high", "count"),
    [((2, 2), -2, 2, 150), ((3, 3), -2, 2, 150), ((3, 4), -1, 1, 80), ((4, 4), -1, 1, 40), ((4, 3), -9, 9, 40)],
    ids=str,
)
def test_same_set_as_support_enumeration(shape, low, high, count):
    # Small integer payoffs: most of these games are degenerate (continua, extra labels).
    rng = np.random.default_rng(sum(shape) * 100 + high)
    for _ in range(count):
        A = rng.integers(low, high + 1, shape).tolist()
        B = rng.integers(low, high + 1, shape).tolist()
        found = reverse_search_equilibria(A, B)
        assert len(set(found)) == len(found)
        assert set(found) == set(extreme_equilibria(A, B)), (A, B)


def test_all_zero_1x22_game_is_quick():
    # Every column is a best response to the single row: 22 pure equilibria; the perturbed
    # polytope of player 1 has two vertices, so this takes milliseconds (support enumeration: minutes).
    found = reverse_search_equilibria([[0] * 22], [[0] * 22])
    assert sorted(y.index(1) for _, y in found) == list(range(22))


def test_degenerate_vertex_labels():
    # z <= 1 (twice) and z >= 0: the vertex z = 1 has both constraints tight.
    assert lex_vertices([[1, 1]]) == [((1,), 1, 0b110)]
    # a triangle z1 + z2 <= 1 has the vertices (1, 0) and (0, 1)
    assert sorted(v[:2] for v in lex_vertices([[1], [1]])) == [((0, 1), 1), ((1, 0), 1)]


def _as_strings(found):
    return sorted([[str(v) for v in x], [str(v) for v in y]] for x, y in found)


def test_10x10_game_equals_recorded_gambit_answer():
    # Made by tests/data/make_gambit_10x10.py with pygambit.nash.enummixed_solve(rational=True).
    data = json.loads((DATA / "gambit_10x10.json").read_text())
    found = reverse_search_equilibria(data["A"], data["B"])
    assert _as_strings(found) == data["equilibria"]
    game = bg.Game(data["A"], data["B"])
    records = bg.equilibria(game, exact=True)  # 20 strategies in all: dispatched to reverse search
    assert all(e.regret == 0 for e in records)
    assert _as_strings([e.profile for e in records]) == data["equilibria"]


def test_8x8_game_equals_live_gambit():
    gbt = pytest.importorskip("pygambit")
    A, B = np.random.default_rng(88).integers(-5, 6, (2, 8, 8))
    game = gbt.Game.from_arrays(A.tolist(), B.tolist())
    result = gbt.nash.enummixed_solve(game, rational=True)
    expected = sorted(
        [[str(profile[s]) for s in player.strategies] for player in game.players] for profile in result.equilibria
    )
    assert _as_strings(reverse_search_equilibria(A.tolist(), B.tolist())) == expected


def test_fractional_payoffs_and_dispatch():
    third = Fraction(1, 3)
    A = [[third, 0, 0, 1], [0, third, 1, 0], [1, 0, third, 0], [0, 1, 0, third]]
    B = [[0, 1, third, 0], [third, 0, 0, 1], [0, third, 1, 0], [1, 0, 0, third]]
    assert set(reverse_search_equilibria(A, B)) == set(extreme_equilibria(A, B))
    game = bg.Game(A, B)
    assert {e.profile for e in bg.equilibria(game, exact=True)} == set(extreme_equilibria(A, B))
