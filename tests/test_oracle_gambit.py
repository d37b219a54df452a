"""pygambit as an independent oracle for the set of extreme equilibria.

pygambit's ``enummixed_solve(rational=True)`` enumerates the extreme
equilibria of a bimatrix game exactly (lrs-style vertex enumeration in C++),
so for every game the set it returns must equal ours, as exact Fractions.
The games come from ``tests/gambit_cases.py``; Gambit's answers for them are
also recorded (``tests/data/gambit_fixtures.json``) and checked without
pygambit by ``tests/test_gambit_fixtures.py``.
"""

from __future__ import annotations

import functools
from fractions import Fraction

import numpy as np
import pytest

from bargaining import Game, equilibria
from bargaining.games.exact import extreme_equilibria, is_degenerate

gbt = pytest.importorskip("pygambit")

from gambit_cases import (  # noqa: E402  (tests/gambit_cases.py)
    CLASSIC_DEGENERATE,
    GAMES_DIR,
    nondegenerate_games,
    random_games,
    rational_games,
)
from oracle import gambit_extreme, gambit_game  # noqa: E402  (tests/oracle.py)


def assert_same_set(A, B):
    ours = extreme_equilibria(A, B)
    assert len(ours) == len(set(ours)), "duplicates in our answer"
    assert set(ours) == gambit_extreme(gambit_game(A, B)), (A, B)


@pytest.mark.parametrize("seed", range(6))
def test_random_small_integer_games_match_gambit(seed):
    # payoffs in -2..2: ties everywhere, so most of these games are degenerate
    for A, B in random_games(seed, 60, -2, 2, 5):
        assert_same_set(A, B)


def test_random_games_are_mostly_degenerate_so_the_oracle_bites():
    games = list(random_games(0, 60, -2, 2, 5))
    assert sum(is_degenerate(A, B) for A, B in games) > 30


@pytest.mark.parametrize("seed", range(2))
def test_random_wider_payoff_games_match_gambit(seed):
    for A, B in random_games(100 + seed, 40, -9, 9, 5):
        assert_same_set(A, B)


def test_rational_payoffs_match_gambit():
    for A, B in rational_games():
        assert_same_set(A, B)


@pytest.mark.parametrize("name", sorted(CLASSIC_DEGENERATE))
def test_classic_degenerate_examples_match_gambit(name):
    A, B = CLASSIC_DEGENERATE[name]
    assert_same_set(A, B)


def test_segment_example_is_degenerate_with_two_extreme_points():
    # Theory: row 1 is strictly dominant, both columns are best responses to it.
    A, B = CLASSIC_DEGENERATE["segment"]
    one, zero = Fraction(1), Fraction(0)
    assert set(extreme_equilibria(A, B)) == {((one, zero), (one, zero)), ((one, zero), (zero, one))}


@pytest.mark.skipif(not GAMES_DIR.is_dir(), reason="the shared gambit-games folder is absent")
@pytest.mark.parametrize("name", sorted(p.name for p in GAMES_DIR.glob("*.nfg")) if GAMES_DIR.is_dir() else [])
def test_gambit_example_files_match_gambit(name):
    path = GAMES_DIR / name
    game = Game.from_nfg(path)
    expected = gambit_extreme(gbt.read_nfg(str(path)))
    ours = extreme_equilibria(game.exact_A, game.exact_B)
    assert len(ours) == len(set(ours))
    assert set(ours) == expected


@pytest.mark.skipif(not GAMES_DIR.is_dir(), reason="the shared gambit-games folder is absent")
def test_the_winkels_game_has_twelve_extreme_equilibria():
    # its title in the Gambit collection says so
    game = Game.from_nfg(GAMES_DIR / "winkels.nfg")
    assert len(equilibria(game)) == 12


def _float_and_gambit(A, B):
    found = equilibria(Game(A, B), method="support_enumeration")
    assert all(not eq.exact and eq.method == "support_enumeration" for eq in found)
    expected = [
        (np.array([float(v) for v in x]), np.array([float(v) for v in y]))
        for x, y in gambit_extreme(gambit_game(A, B))
    ]
    return [eq.as_float() for eq in found], expected


def _close(p, q):
    return all(np.allclose(a, b, atol=1e-9, rtol=0) for a, b in zip(p, q))


FLOAT_GAMES = list(nondegenerate_games(2024, 200))


@functools.cache
def float_results():
    """Both answers for every game in FLOAT_GAMES, computed once for two tests."""
    return [(A, B, *_float_and_gambit(A, B)) for A, B in FLOAT_GAMES]


def test_float_path_equilibria_are_gambit_equilibria():
    for A, B, found, expected in float_results():
        for profile in found:
            assert any(_close(profile, e) for e in expected), (A, B)


# nashpy's own acceptance test (support_enumeration.is_ne, nashpy 0.0.43)
# compares floats with ==, and so drops genuine equilibria (about 1 game in
# 50 with payoffs in -1000..1000; e.g. A = [[358, -708, 530], [604, 107, -242],
# [-416, -180, 558]], B = [[132, -621, -479], [-618, -127, -420], [-731, 292,
# 406]] has 5 equilibria and nashpy returns 3). We take nashpy's candidates and
# verify them by regret instead: this test guards that.
def test_float_path_finds_every_gambit_equilibrium():
    for A, B, found, expected in float_results():
        assert len(found) == len(expected), (A, B)
        for e in expected:
            assert any(_close(profile, e) for profile in found), (A, B)
