"""Degenerate games solved exactly inside the batch (bargaining.batch.integer).

The oracles: the exact per-game solver ``equilibria(game, exact=True)``, and,
for 2x2 games, an independent enumeration written here in Fractions (every
vertex of a 2x2 best-response polytope is a pure strategy or the unique mix
that makes the other player indifferent, so the extreme equilibria are the
Nash pairs among those candidates). Probabilities and payoffs must be equal
as floats (both sides are the correctly rounded values of the same
fractions), and in the same order. The 2x2 oracle is fast enough for every
game; the slower exact solver sees a deterministic subsample.
"""

from itertools import product

import numpy as np
import pytest

import bargaining as bg
from bargaining.batch.integer import exact_rows, integer_scale, solve_integer


def _order(x, y):
    sx = tuple(i for i, v in enumerate(x) if v)
    sy = tuple(j for j, v in enumerate(y) if v)
    return (not (len(sx) == 1 and len(sy) == 1), len(sx) + len(sy), sx + (-1,) + sy, [-v for v in x], [-v for v in y])


def _extreme_2x2(a, b):
    """Every extreme equilibrium of an integer 2x2 game, by candidates, in integers.

    Returns ``[(x, y, (u1, u2))]`` as floats, each the correctly rounded value
    of an exact ratio of Python integers, in the order of ``equilibria``.
    """
    (a00, a01), (a10, a11) = ((int(v) for v in row) for row in a)
    (b00, b01), (b10, b11) = ((int(v) for v in row) for row in b)
    xs = [(1, 0, 1), (0, 1, 1)]  # (numerator 0, numerator 1, denominator)
    ys = list(xs)
    s, t = b00 - b01, b10 - b11  # player 2: column 0 minus column 1, against each row
    if s * t < 0:
        xs.append((t, -s, t - s) if t > s else (-t, s, s - t))
    u, w = a00 - a10, a01 - a11  # player 1: row 0 minus row 1, against each column
    if u * w < 0:
        ys.append((w, -u, w - u) if w > u else (-w, u, u - w))
    found = []
    for x0, x1, dx in xs:
        col0, col1 = x0 * b00 + x1 * b10, x0 * b01 + x1 * b11  # times dx
        for y0, y1, dy in ys:
            row0, row1 = a00 * y0 + a01 * y1, a10 * y0 + a11 * y1  # times dy
            v1, v2 = x0 * row0 + x1 * row1, y0 * col0 + y1 * col1  # times dx * dy
            if v1 == max(row0, row1) * dx and v2 == max(col0, col1) * dy:
                x, y = [x0 / dx, x1 / dx], [y0 / dy, y1 / dy]
                found.append((x, y, [v1 / (dx * dy), v2 / (dx * dy)]))
    return sorted(found, key=lambda e: _order(e[0], e[1]))


def _rows(out, g):
    rows = out.rows_of(g)
    return out.x[rows], out.y[rows], out.payoffs[rows]


def _same(got, expected, atol=0.0):
    """Same equilibria in the same order: floats equal (``atol=0``) or within ``atol``."""
    gx, gy, gp = got
    if len(gx) != len(expected):
        return False
    for k, (x, y, pay) in enumerate(expected):
        want = [float(v) for v in (*x, *y, *pay)]
        if not np.allclose(np.concatenate([gx[k], gy[k], gp[k]]), want, rtol=0.0, atol=atol):
            return False
        if atol == 0.0 and np.concatenate([gx[k], gy[k], gp[k]]).tolist() != want:
            return False
    return True


def _as_lists(out):
    """Each game's rows as one list of [x..., y..., payoffs...] lists (fast to compare)."""
    flat = np.concatenate([out.x, out.y, out.payoffs], axis=1).tolist()
    offsets = out.offsets.tolist()
    return [flat[offsets[g] : offsets[g + 1]] for g in range(out.n_games)]


def _from_solver(game):
    return [(e.profile[0], e.profile[1], e.payoffs) for e in bg.equilibria(game, exact=True)]


def _check_2x2(A, B, subsample):
    out = bg.batch_equilibria(A, B)
    got = _as_lists(out)
    bad = [g for g in range(len(A)) if got[g] != [x + y + p for x, y, p in _extreme_2x2(A[g], B[g])]]
    assert not bad, f"{len(bad)} games disagree with the candidate enumeration, first {bad[:5]}"
    bad = [g for g in subsample if not _same(_rows(out, g), _from_solver(bg.Game(A[g], B[g])))]
    assert not bad, f"{len(bad)} games disagree with equilibria(exact=True), first {bad[:5]}"
    return out


def test_candidate_oracle_matches_exact_solver_on_classics():
    # The independent 2x2 oracle itself, on games solved by hand.
    assert [(x, y) for x, y, _ in _extreme_2x2([[1, 1], [0, 0]], [[1, 1], [0, 0]])] == [
        ([1, 0], [1, 0]),
        ([1, 0], [0, 1]),
    ]
    pennies = _extreme_2x2([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert pennies == [([0.5, 0.5], [0.5, 0.5], [0.0, 0.0])]
    battle = _extreme_2x2([[2, 0], [0, 1]], [[1, 0], [0, 2]])  # mixed: x = (2/3, 1/3), y = (1/3, 2/3)
    assert battle[-1] == ([2 / 3, 1 / 3], [1 / 3, 2 / 3], [2 / 3, 2 / 3])
    assert len(_extreme_2x2(np.zeros((2, 2)), np.zeros((2, 2)))) == 4  # every pure profile


def test_all_2x2_games_with_payoffs_1_to_4():
    # All 4**8 = 65,536 games with payoffs in {1, 2, 3, 4} (ties included): every game against the
    # independent candidate enumeration, and every 8th game against equilibria(exact=True).
    grid = np.array(list(product(range(1, 5), repeat=8)), dtype=float)
    A, B = grid[:, :4].reshape(-1, 2, 2), grid[:, 4:].reshape(-1, 2, 2)
    out = _check_2x2(A, B, range(0, len(A), 8))
    assert out.n_games == 65_536
    assert out.degenerate_games.mean() > 0.5  # most are degenerate, and were solved in the batch


def test_100k_small_integer_2x2_games():
    # 10**5 games with payoffs in -2..2 (59 % degenerate): all against the candidate enumeration,
    # a deterministic tenth against equilibria(exact=True).
    rng = np.random.default_rng(16)
    A = rng.integers(-2, 3, (100_000, 2, 2)).astype(float)
    B = rng.integers(-2, 3, (100_000, 2, 2)).astype(float)
    _check_2x2(A, B, range(0, 100_000, 10))


def test_10k_small_integer_3x3_games_against_exact_solver():
    rng = np.random.default_rng(17)
    A = rng.integers(-2, 3, (10_000, 3, 3)).astype(float)
    B = rng.integers(-2, 3, (10_000, 3, 3)).astype(float)
    out = bg.batch_equilibria(A, B)
    flagged = out.degenerate_games
    assert flagged.mean() > 0.9
    # flagged games are solved exactly (equal floats); the others by the float kernel (within 1e-12)
    bad = [
        g
        for g in range(len(A))
        if not _same(_rows(out, g), _from_solver(bg.Game(A[g], B[g])), atol=0.0 if flagged[g] else 1e-12)
    ]
    assert not bad, f"{len(bad)} games disagree, first {bad[:5]}"


@pytest.mark.parametrize(
    "values",
    [
        [-(10**6), 0, 10**6, 999_999, 123_457],  # large integers: the Python-integer path
        [-0.1, 0.2, 0.25, 0.3, 1.5],  # decimals, scaled to integers
        [1 / 3, 2 / 3, 0.0],  # not decimals: solved game by game
    ],
    ids=["large", "decimal", "thirds"],
)
@pytest.mark.parametrize("shape", [(2, 3), (3, 3), (3, 4)], ids=str)
def test_paths_agree_with_exact_solver(values, shape):
    rng = np.random.default_rng(18)
    values = np.array(values)
    A = values[rng.integers(0, len(values), (150, *shape))]
    B = values[rng.integers(0, len(values), (150, *shape))]
    out = exact_rows(A, B, np.arange(150))
    count = np.bincount(out["game"], minlength=150)
    start = np.concatenate([[0], np.cumsum(count)])
    for g in range(150):
        rows = slice(start[g], start[g + 1])
        got = (out["x"][rows], out["y"][rows], out["payoffs"][rows])
        assert _same(got, _from_solver(bg.Game(A[g], B[g]))), g


def test_integer_scale_reads_floats_as_game_does():
    M = np.array([[0.1, 0.2], [1.0, 3.0], [0.125, 2.0], [1 / 3, 0.0], [2.0**60, 1.0]])
    assert integer_scale(M).tolist() == [10, 1, 1000, 0, 0]
    for row, scale in zip(M[:3], integer_scale(M)[:3]):
        assert all(bg.Game([[v]], [[v]]).exact_A[0][0] * int(scale) == round(v * int(scale)) for v in row)


def test_degenerate_vertex_kept_once_and_continuum_ends():
    # A = B = [[1, 1], [0, 0]]: player 2 indifferent after row 0, so y runs over [0, 1]: two extreme
    # equilibria with x = (1, 0); the zero game: all four pure profiles and nothing mixed.
    A = np.array([[[1, 1], [0, 0]], [[0, 0], [0, 0]]])
    out = solve_integer(A, A.copy(), np.array([1, 1]))
    assert out["game"].tolist() == [0, 0, 1, 1, 1, 1]
    assert out["y"][:2].tolist() == [[1, 0], [0, 1]]
    assert out["is_pure"].all()
