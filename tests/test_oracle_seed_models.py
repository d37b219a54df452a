"""pygambit as the oracle for the seed models' games at and around their thresholds.

At a threshold R* a payoff tie makes the game degenerate (the Armenia game is
degenerate at every R): exactly where a float solver goes wrong. Every
rational threshold, and a point on each side of it, is checked.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import bargaining as bg
from bargaining.games.exact import extreme_equilibria

pytest.importorskip("pygambit")

from gambit_cases import SEED_MODELS, seed_model_points  # noqa: E402
from oracle import gambit_extreme, gambit_game  # noqa: E402  (tests/oracle.py)


@pytest.mark.parametrize("name", SEED_MODELS)
def test_seed_model_games_at_thresholds_match_gambit(name):
    model = bg.load_model(name)
    points = seed_model_points(model)
    assert len(points) >= 3, "each seed model has at least one rational threshold"
    for R in points:
        game = model.game(R=R)
        ours = extreme_equilibria(game.exact_A, game.exact_B)
        assert set(ours) == gambit_extreme(gambit_game(game.exact_A, game.exact_B)), (name, R)
        assert len(bg.equilibria(game)) == len(ours)


def test_belarus_at_R1_is_a_continuum():
    belarus = bg.load_model("russia_belarus")
    game = belarus.game(R=Fraction(4, 5))
    assert bg.is_degenerate(game)
    (component,) = bg.components(game)
    assert not component.is_singleton
