"""Tests of the vectorised batch solver against the per-game solvers and theory."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bargaining as bg


def _games(shape, n_float, n_int, seed):
    """Random float games plus small-integer games (often degenerate)."""
    rng = np.random.default_rng(seed)
    A = np.concatenate([rng.random((n_float, *shape)), rng.integers(-2, 3, (n_int, *shape)).astype(float)])
    B = np.concatenate([rng.random((n_float, *shape)), rng.integers(-2, 3, (n_int, *shape)).astype(float)])
    return A, B


def _as_rows(found):
    return [(*e.as_float(), np.array([float(u) for u in e.payoffs])) for e in found]


def _assert_agrees(out, A, B, oracle):
    mismatches = []
    for g in range(len(A)):
        expected = _as_rows(oracle(bg.Game(A[g], B[g])))
        rows = out.rows_of(g)
        got = list(zip(out.x[rows], out.y[rows], out.payoffs[rows]))
        same = len(got) == len(expected) and all(
            np.allclose(gx, ex, atol=1e-9) and np.allclose(gy, ey, atol=1e-9) and np.allclose(gp, ep, atol=1e-9)
            for (gx, gy, gp), (ex, ey, ep) in zip(got, expected)
        )
        if not same:
            mismatches.append(g)
    assert not mismatches, f"{len(mismatches)} games disagree, first {mismatches[:5]}"


def _exact(game):
    return bg.equilibria(game, exact=True)


@pytest.mark.parametrize(
    ("shape", "n_float", "n_int"),
    [((2, 2), 8000, 2000), ((3, 3), 9000, 1000)],
    ids=["2x2", "3x3"],
)
def test_agrees_with_per_game_exact_solver(shape, n_float, n_int):
    # Same set, same order, within 1e-9, on 10,000 seeded games with degenerate ones among them.
    A, B = _games(shape, n_float, n_int, seed=20240601)
    out = bg.batch_equilibria(A, B)
    assert out.n_games == n_float + n_int
    assert out.degenerate_games[n_float:].mean() > 0.3  # the small-integer games are often flagged
    _assert_agrees(out, A, B, _exact)


@pytest.mark.parametrize("shape", [(2, 3), (3, 2), (1, 3), (4, 4)], ids=str)
def test_other_shapes_agree(shape):
    A, B = _games(shape, 150, 50, seed=7)
    _assert_agrees(bg.batch_equilibria(A, B), A, B, _exact)


def test_unflagged_games_agree_with_pygambit():
    # An independent oracle for the float path: pygambit's enumeration of extreme equilibria.
    gbt = pytest.importorskip("pygambit")
    A, B = _games((3, 3), 300, 100, seed=11)
    out = bg.batch_equilibria(A, B, exact_fallback=False)
    for g in np.flatnonzero(~out.degenerate_games):
        game = gbt.Game.from_arrays(
            [[bg.games.game.to_fraction(v) for v in r] for r in A[g]], [[bg.games.game.to_fraction(v) for v in r] for r in B[g]]
        )
        result = gbt.nash.enummixed_solve(game, rational=True)
        expected = sorted(
            tuple(float(eq[s]) for p in game.players for s in p.strategies) for eq in result.equilibria
        )
        rows = out.rows_of(g)
        got = sorted(tuple(np.concatenate([x, y])) for x, y in zip(out.x[rows], out.y[rows]))
        assert len(got) == len(expected)
        np.testing.assert_allclose(got, expected, atol=1e-9)


def test_known_games():
    dilemma = [[3, 0], [5, 1]], [[3, 5], [0, 1]]
    pennies = [[1, -1], [-1, 1]], [[-1, 1], [1, -1]]
    sexes = [[2, 0], [0, 1]], [[1, 0], [0, 2]]
    A, B = (np.array([g[k] for g in (dilemma, pennies, sexes)], dtype=float) for k in (0, 1))
    out = bg.batch_equilibria(A, B)
    assert out.count.tolist() == [1, 1, 3]
    assert not out.degenerate_games.any()
    # Prisoner's dilemma: (Defect, Defect) with payoffs (1, 1).
    np.testing.assert_array_equal(out.x[0], [0, 1])
    np.testing.assert_array_equal(out.y[0], [0, 1])
    np.testing.assert_array_equal(out.payoffs[0], [1, 1])
    # Matching pennies: (1/2, 1/2) each, value 0.
    np.testing.assert_allclose(out.x[1], [0.5, 0.5])
    np.testing.assert_allclose(out.y[1], [0.5, 0.5])
    np.testing.assert_allclose(out.payoffs[1], [0, 0], atol=1e-15)
    # Battle of the sexes: two pure, then x = (2/3, 1/3), y = (1/3, 2/3), payoffs (2/3, 2/3).
    rows = out.rows_of(2)
    np.testing.assert_array_equal(out.is_pure[rows], [True, True, False])
    np.testing.assert_array_equal(out.x[rows][:2], [[1, 0], [0, 1]])
    np.testing.assert_allclose(out.x[rows][2], [2 / 3, 1 / 3])
    np.testing.assert_allclose(out.y[rows][2], [1 / 3, 2 / 3])
    np.testing.assert_allclose(out.payoffs[rows][2], [2 / 3, 2 / 3])


def test_rock_paper_scissors_unique_uniform():
    A = np.array([[[0, -1, 1], [1, 0, -1], [-1, 1, 0]]], dtype=float)
    out = bg.batch_equilibria(A, -A)
    assert out.count.tolist() == [1]
    np.testing.assert_allclose(out.x[0], [1 / 3] * 3)
    np.testing.assert_allclose(out.y[0], [1 / 3] * 3)


def test_degenerate_game_solved_exactly():
    # Player 2 is indifferent in row 1: a continuum of equilibria, whose extreme points are returned.
    A = np.array([[[1, 1], [0, 0]]], dtype=float)
    B = np.array([[[1, 1], [0, 0]]], dtype=float)
    out = bg.batch_equilibria(A, B)
    assert out.degenerate_games.tolist() == [True]
    assert out.degenerate.all()
    assert out.count.tolist() == [2]
    np.testing.assert_array_equal(out.y, [[1, 0], [0, 1]])


def test_hidden_float_tie_is_flagged():
    # 0.1 + 0.2 != 0.3 in binary: within tolerance it is a tie, so the game is flagged.
    A = np.array([[[0.1 + 0.2, 0.0], [0.3, 1.0]]])
    B = np.array([[[1.0, 0.0], [0.0, 1.0]]])
    out = bg.batch_equilibria(A, B)
    assert out.degenerate_games.tolist() == [True]
    _assert_agrees(out, A, B, _exact)


def test_chunking_does_not_change_the_answer():
    A, B = _games((2, 2), 500, 100, seed=3)
    whole = bg.batch_equilibria(A, B, exact_fallback=False)
    chunked = bg.batch_equilibria(A, B, chunk_size=7, exact_fallback=False)
    for name in ("game", "x", "y", "payoffs", "is_pure", "degenerate_games", "count"):
        np.testing.assert_array_equal(getattr(whole, name), getattr(chunked, name))


def test_record_is_frozen_and_labelled():
    A, B = _games((2, 2), 20, 0, seed=5)
    out = bg.batch_equilibria(A, B)
    with pytest.raises(ValueError):
        out.x[0, 0] = 2.0
    assert out.count.sum() == len(out) == len(out.game)
    assert np.all(np.diff(out.game) >= 0)
    frame = out.to_frame(players=("Russia", "Belarus"), strategies=(("Subsidize", "Cut"), ("Align", "Hedge")))
    assert list(frame.columns[2:6]) == ["Russia: Subsidize", "Russia: Cut", "Belarus: Align", "Belarus: Hedge"]
    np.testing.assert_allclose(frame[["Russia: Subsidize", "Russia: Cut"]].sum(axis=1), 1.0)
    assert "20 games of shape 2x2" in repr(out)
    with pytest.raises(bg.GameError):
        out.to_frame(strategies=(("a",), ("b", "c")))
    with pytest.raises(bg.GameError):
        out.rows_of(20)


def test_empty_batch():
    out = bg.batch_equilibria(np.zeros((0, 2, 3)), np.zeros((0, 2, 3)))
    assert len(out) == 0 and out.x.shape == (0, 2) and out.y.shape == (0, 3)


@pytest.mark.parametrize(
    ("A", "B"),
    [
        (np.zeros((3, 2, 2)), np.zeros((3, 2, 3))),  # shape mismatch
        (np.zeros((2, 2)), np.zeros((2, 2))),  # one game, not a stack
        (np.zeros((1, 0, 2)), np.zeros((1, 0, 2))),  # no strategies
        (np.full((1, 2, 2), np.nan), np.zeros((1, 2, 2))),  # NaN
        (np.zeros((1, 2, 2)), np.full((1, 2, 2), np.inf)),  # infinite
        (np.array([[["a", "b"], ["c", "d"]]]), np.zeros((1, 2, 2))),  # not numbers
        (np.zeros((1, 2, 2), dtype=complex), np.zeros((1, 2, 2))),  # complex
    ],
    ids=["mismatch", "2d", "empty-strategies", "nan", "inf", "strings", "complex"],
)
def test_invalid_input(A, B):
    with pytest.raises(bg.GameError):
        bg.batch_equilibria(A, B)


@pytest.mark.parametrize("kwargs", [{"tol": 0}, {"tol": -1.0}, {"chunk_size": 0}, {"chunk_size": 2.5}])
def test_invalid_options(kwargs):
    with pytest.raises(bg.GameError):
        bg.batch_equilibria(np.zeros((1, 2, 2)), np.zeros((1, 2, 2)), **kwargs)


@settings(max_examples=25, deadline=None)
@given(
    rows=st.integers(1, 3),
    cols=st.integers(1, 3),
    seed=st.integers(0, 2**32 - 1),
    integer=st.booleans(),
)
def test_every_row_is_an_equilibrium(rows, cols, seed, integer):
    rng = np.random.default_rng(seed)
    shape = (20, rows, cols)
    A, B = (rng.integers(-3, 4, shape).astype(float) if integer else rng.normal(size=shape) for _ in range(2))
    out = bg.batch_equilibria(A, B)
    assert np.all(out.count >= 1)
    np.testing.assert_allclose(out.x.sum(axis=1), 1.0)
    np.testing.assert_allclose(out.y.sum(axis=1), 1.0)
    for r in range(len(out)):
        g = out.game[r]
        assert bg.regret(bg.Game(A[g], B[g]), (out.x[r], out.y[r])) <= 1e-9
    # A game that is not flagged has an odd number of equilibria.
    assert np.all(out.count[~out.degenerate_games] % 2 == 1)


def test_sign_table_matches_general_rule():
    # The 2x2 kernel reads an untied game's candidates off its four signs; that table
    # must agree with the general comparison rule for every sign pattern.
    from bargaining.batch.two_by_two import _SIGN_CODE, _codes

    signs = np.array([[-1.0 if k >> bit & 1 else 1.0 for bit in (3, 2, 1, 0)] for k in range(16)])
    assert np.array_equal(_codes(*signs.T, np.zeros(16, dtype=bool)), _SIGN_CODE)


def test_rows_written_in_place_survive_exact_fallback_and_growth():
    # Flagged chunks take their float rows back out of the result; tiny chunks force regrowth.
    A, B = _games((2, 2), 300, 300, seed=11)
    out = bg.batch_equilibria(A, B, chunk_size=7)
    assert np.array_equal(out.count, np.diff(out.offsets))
    assert np.array_equal(out.game, np.repeat(np.arange(len(A)), out.count))
    _assert_agrees(out, A, B, _exact)


def test_support_kernel_answers_do_not_depend_on_earlier_calls():
    # The general kernel keeps scratch arrays between calls: other shapes and chunk sizes
    # run in between must not change an answer, which must agree with the exact solver.
    A, B = _games((3, 4), 120, 40, seed=5)
    first = bg.batch_equilibria(A, B)
    bg.batch_equilibria(*_games((4, 3), 50, 10, seed=6))
    bg.batch_equilibria(*_games((3, 3), 500, 0, seed=7), chunk_size=97)
    again = bg.batch_equilibria(A, B, chunk_size=33)
    for name in ("game", "x", "y", "payoffs", "is_pure", "count", "degenerate_games"):
        assert np.array_equal(getattr(first, name), getattr(again, name)), name
    _assert_agrees(first, A, B, _exact)
