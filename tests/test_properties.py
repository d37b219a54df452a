"""Property tests of the equilibrium solver on random games (hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining as bg

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def games(draw, max_size=4):
    rows = draw(st.integers(1, max_size))
    cols = draw(st.integers(1, max_size))
    entries = st.integers(-9, 9)
    A = draw(st.lists(st.lists(entries, min_size=cols, max_size=cols), min_size=rows, max_size=rows))
    B = draw(st.lists(st.lists(entries, min_size=cols, max_size=cols), min_size=rows, max_size=rows))
    return bg.Game(A, B)


def _profiles(found):
    return sorted(tuple(np.round(np.concatenate(e.as_float()), 9)) for e in found)


@SETTINGS
@given(games())
def test_every_equilibrium_has_no_regret(game):
    found = bg.equilibria(game)
    assert found, "every finite game has an equilibrium"
    for eq in found:
        assert eq.regret <= 1e-9
        assert bg.regret(game, eq.profile, exact=eq.exact) <= 1e-9
        for probs in eq.as_float():
            assert abs(probs.sum() - 1) < 1e-12 and probs.min() >= 0


@SETTINGS
@given(games(), st.randoms(use_true_random=False))
def test_relabelling_strategies_permutes_the_answer(game, random):
    rows, cols = game.shape
    row_order = list(range(rows))
    col_order = list(range(cols))
    random.shuffle(row_order)
    random.shuffle(col_order)
    permuted = bg.Game(game.A[np.ix_(row_order, col_order)], game.B[np.ix_(row_order, col_order)],
                       strategies=([game.strategies[0][i] for i in row_order],
                                   [game.strategies[1][j] for j in col_order]))
    by_name = [
        sorted((name, round(float(p), 9)) for mapping in e.strategies for name, p in mapping.items())
        for e in bg.equilibria(game)
    ]
    by_name_permuted = [
        sorted((name, round(float(p), 9)) for mapping in e.strategies for name, p in mapping.items())
        for e in bg.equilibria(permuted)
    ]
    assert sorted(map(str, by_name)) == sorted(map(str, by_name_permuted))


@SETTINGS
@given(games(), st.integers(-5, 5), st.integers(-5, 5))
def test_adding_a_constant_to_a_players_payoffs_changes_nothing(game, c1, c2):
    shifted = bg.Game(game.A + c1, game.B + c2)
    assert _profiles(bg.equilibria(game)) == _profiles(bg.equilibria(shifted))


@SETTINGS
@given(games(max_size=3))
def test_exact_and_float_answers_agree(game):
    assert _profiles(bg.equilibria(game)) == _profiles(bg.equilibria(game, exact=True))


@SETTINGS
@given(games(max_size=3))
def test_pure_equilibria_are_among_all_equilibria(game):
    everything = _profiles(bg.equilibria(game, exact=True))
    for eq in bg.pure_equilibria(game):
        assert tuple(np.round(np.concatenate(eq.as_float()), 9)) in everything
