"""Components of the equilibrium set: known answers and convexity properties."""

from __future__ import annotations

from fractions import Fraction as F
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining import Component, Game, GameError, components, regret

ONE, ZERO, HALF = F(1), F(0), F(1, 2)


def test_segment_game_is_one_component_with_two_extreme_points():
    comps = components(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]]))
    assert len(comps) == 1
    comp = comps[0]
    assert isinstance(comp, Component)
    assert len(comp.extreme) == 2 and not comp.is_singleton
    assert comp.contains(((1, 0), (0.5, 0.5)))
    assert comp.contains(((1, 0), (F(1, 5), F(4, 5))))
    assert not comp.contains(((HALF, HALF), (1, 0)))
    assert not comp.contains(((0.9, 0.1), (0.5, 0.5)))


def test_nondegenerate_game_has_one_singleton_component_per_equilibrium():
    comps = components(Game([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert len(comps) == 3 and all(c.is_singleton for c in comps)
    mixed = [c for c in comps if not c.extreme[0].is_pure][0]
    assert mixed.contains(((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))))
    assert mixed.contains(((2 / 3, 1 / 3), (1 / 3, 2 / 3)))
    assert not mixed.contains(((HALF, HALF), (HALF, HALF)))


def test_zero_game_is_one_component_containing_everything():
    comps = components(Game([[0, 0, 0], [0, 0, 0]], [[0, 0, 0], [0, 0, 0]]))
    assert len(comps) == 1 and len(comps[0].extreme) == 6
    assert comps[0].contains(((F(1, 3), F(2, 3)), (F(1, 3), F(1, 3), F(1, 3))))
    assert comps[0].contains(((0.3, 0.7), (0.2, 0.2, 0.6)))


def test_two_subsets_sharing_a_vertex_form_one_component():
    # Player 1 indifferent everywhere; player 2's best reply to row 1 is column 1,
    # to row 2 either column. Extreme equilibria: (r1,c1), (r2,c1), (r2,c2) ->
    # subsets {r1,r2} x {c1} and {r2} x {c1,c2}, joined at (r2, c1).
    game = Game([[0, 0], [0, 0]], [[1, 0], [1, 1]])
    comps = components(game)
    assert len(comps) == 1
    assert len(comps[0].subsets) == 2
    assert comps[0].contains(((HALF, HALF), (1, 0)))
    assert comps[0].contains(((0, 1), (HALF, HALF)))
    assert not comps[0].contains(((HALF, HALF), (HALF, HALF)))  # not an equilibrium
    assert regret(game, ((HALF, HALF), (HALF, HALF)), exact=True) > 0


def test_extreme_records_are_exact_and_verified():
    for comp in components(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]])):
        for eq in comp.extreme:
            assert eq.exact and eq.regret == 0 and eq.method == "exact"


def test_repr_is_readable():
    text = repr(components(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]]))[0])
    assert text.startswith("Component(") and "2 extreme equilibria" in text


def test_contains_checks_lengths():
    comp = components(Game([[1, 1], [0, 0]], [[1, 1], [0, 0]]))[0]
    with pytest.raises(GameError):
        comp.contains(((1, 0, 0), (1, 0)))


def test_component_is_frozen():
    comp = components(Game([[1]], [[1]]))[0]
    with pytest.raises(AttributeError):
        comp.extreme = ()


small_games = st.integers(1, 3).flatmap(
    lambda m: st.integers(1, 3).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.integers(-2, 2), min_size=n, max_size=n), min_size=m, max_size=m),
            st.lists(st.lists(st.integers(-2, 2), min_size=n, max_size=n), min_size=m, max_size=m),
        )
    )
)


def _mid(p, q):
    return tuple((a + b) / 2 for a, b in zip(p, q))


@settings(max_examples=60, deadline=None)
@given(small_games)
def test_extreme_points_and_midpoints_within_a_subset_are_equilibria(payoffs):
    game = Game(*payoffs)
    comps = components(game)
    assert comps, "every finite game has an equilibrium"
    for comp in comps:
        for eq in comp.extreme:
            assert regret(game, eq.profile, exact=True) == 0
            assert comp.contains(eq.profile)
        for xs, ys in comp.subsets:
            x_points = list(xs) + [_mid(p, q) for p, q in combinations(xs, 2)]
            y_points = list(ys) + [_mid(p, q) for p, q in combinations(ys, 2)]
            for x in x_points:
                for y in y_points:
                    assert regret(game, (x, y), exact=True) == 0
                    assert comp.contains((x, y))
