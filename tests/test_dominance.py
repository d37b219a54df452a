"""Iterated elimination of strictly dominated strategies."""

from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining as bg
from bargaining.games.dominance import eliminate_dominated


def test_prisoners_dilemma_reduces_to_mutual_defection():
    pd = bg.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=(("C", "D"), ("C", "D")))
    reduction = eliminate_dominated(pd)
    assert reduction.game.strategies == (("D",), ("D",))
    assert [(s.player, s.strategy, s.by) for s in reduction.steps] == [
        ("Player 1", "C", "D"), ("Player 2", "C", "D")]


def test_only_mixed_domination_needs_the_lp():
    # Row 3 pays 1 against both columns; the 50-50 mix of rows 1 and 2 pays 1.5.
    game = bg.Game([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [0, 0]])
    assert eliminate_dominated(game).steps == ()
    mixed = eliminate_dominated(game, mixed=True)
    assert mixed.steps[0].strategy == "s3"
    assert mixed.steps[0].by == {"s1": 0.5, "s2": 0.5}
    assert mixed.game.shape == (2, 2)


def test_weak_domination_is_not_strict():
    game = bg.Game([[1, 1], [1, 0]], [[1, 1], [1, 1]])
    assert eliminate_dominated(game).steps == ()


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 3), st.integers(1, 3), st.data())
def test_elimination_keeps_every_equilibrium(rows, cols, data):
    entries = st.lists(st.lists(st.integers(-4, 4), min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    game = bg.Game(data.draw(entries), data.draw(entries))
    reduced = eliminate_dominated(game).game
    pure_full = {e.support for e in bg.pure_equilibria(game)}
    pure_reduced = {e.support for e in bg.pure_equilibria(reduced)}
    assert pure_full == pure_reduced
