"""Batched support enumeration for many small bimatrix games of one shape.

For every pair of supports ``I`` (rows) and ``J`` (columns) of equal size
``k`` (all a nondegenerate game needs: von Stengel 2007, Theorem 3.4; Nisan
et al. 2007, Algorithm 3.4), the indifference systems

    A[I, J] y_J = v 1,  sum(y_J) = 1       B[I, J]^T x_I = u 1,  sum(x_I) = 1

are solved for all games at once by Cramer's rule on the bordered systems:
written out on contiguous per-entry arrays for ``k = 2`` (all support pairs
stacked along one axis) and ``k = 3``, with LU determinants for larger ``k``;
regrets are computed only where both strategies are feasible. A solution is kept when its probabilities are positive and no pure strategy
does better than ``v`` (resp. ``u``) by more than the tolerance. Games where
something is in doubt are flagged as possibly degenerate: a pure best-response
tie, a singular or near-singular system, a probability near zero, a regret
near the tolerance, an equilibrium with more best responses than its support
size, or an even number of equilibria.

This module is the general kernel of :func:`bargaining.batch_equilibria`.

References
----------
B. von Stengel, "Equilibrium computation for two-player games in strategic
and extensive form", in N. Nisan et al. (eds.), *Algorithmic Game Theory*,
Cambridge University Press, 2007, ch. 3.
"""

from __future__ import annotations

import threading
from itertools import combinations
from math import comb

import numpy as np

__all__ = ["solve_support_enumeration"]

#: Doubt zone: a quantity within ``DOUBT * tol * scale`` of a decision boundary flags the game.
DOUBT = 1e3


def _pure(a, b, th, flag):
    """Pure equilibria as (cell, game) pairs, cell-major; flags ties among pure best responses.

    ``a[i, j]`` and ``b[j, i]`` are the contiguous per-entry arrays of ``A[:,
    i, j]`` and ``B[:, i, j]``; loops run over the (few) strategies, not over
    games.
    """
    rows, cols, n = a.shape
    col_max = a.max(axis=0)  # (cols, n): player 1's best payoff against each column
    row_max = b.max(axis=0)  # (rows, n)
    near = np.zeros((cols, n), dtype=np.int8)
    level = col_max - th
    for i in range(rows):
        near += a[i] >= level
    flag |= (near > 1).any(axis=0)
    near = np.zeros((rows, n), dtype=np.int8)
    level = row_max - th
    for j in range(cols):
        near += b[j] >= level
    flag |= (near > 1).any(axis=0)
    is_eq = a >= col_max
    is_eq &= (b >= row_max).transpose(1, 0, 2)
    return np.nonzero(is_eq.reshape(rows * cols, n))


def _solve_indifference(M, sing_th):
    """Probabilities solving stacked ``[[M, -1], [1, 0]] z = e_last`` by Cramer's rule; singular systems give NaN.

    With ``T = [M | -1]`` (k x (k+1)), the solution is ``z_i = (-1)**(k+i) det(T
    without column i) / D`` where ``D = sum over i < k`` of the same signed minors
    (the determinant of the bordered matrix, a polynomial of degree k - 1).
    Used for ``k >= 4`` (LU determinants); only ``z_0 .. z_{k-1}`` are returned.
    """
    n, k, _ = M.shape
    T = np.empty((n, k, k + 1))
    T[:, :, :k] = M
    T[:, :, k] = -1.0
    z = np.empty((n, k))
    for i in range(k):
        cols = [c for c in range(k + 1) if c != i]
        z[:, i] = np.linalg.det(T[:, :, cols])
        if (k + i) % 2:
            z[:, i] *= -1.0
    D = z[:, 0].copy()
    for i in range(1, k):
        D += z[:, i]  # column by column: faster than a reduction over a short axis
    singular = ~(np.abs(D) > sing_th)
    D[singular] = np.nan
    z /= D[:, None]
    return z, singular


def _solve3(m, sing_th):
    """:func:`_solve_indifference` for ``k = 3``, written out on per-entry arrays ``m[r][c]`` of shape (n,).

    The minors are the closed-form 3x3 determinants (cofactor expansion along
    the first row); the probabilities are returned as a (3, n) array.
    """

    def det(c0, c1):  # determinant of N = [M[:, c0] | M[:, c1] | -1]
        # N00 (N11 N22 - N12 N21) - N01 (N10 N22 - N12 N20) + N02 (N10 N21 - N11 N20) with N?2 = -1
        # (x * -1 is exactly -x and -b - (-a) exactly a - b: the roundings of the full expansion).
        n0, n1, n2 = ([m[r][c0], m[r][c1]] for r in range(3))
        return (n0[0] * (n2[1] - n1[1]) - n0[1] * (n2[0] - n1[0])) - (n1[0] * n2[1] - n1[1] * n2[0])

    z = np.empty((3, len(sing_th)))
    np.negative(det(1, 2), out=z[0])
    z[1] = det(0, 2)
    np.negative(det(0, 1), out=z[2])
    D = z[0] + z[1]
    D += z[2]
    singular = ~(np.abs(D) > sing_th)
    D[singular] = np.nan
    z /= D
    return z, singular


def _row_max(M):
    """Row maxima of a 2-D array, column by column (fast for few columns)."""
    out = M[:, 0].copy()
    for i in range(1, M.shape[1]):
        np.maximum(out, M[:, i], out=out)
    return out


def _row_sum(M):
    """Row sums of a 2-D array, column by column (fast for few columns)."""
    out = M[:, 0].copy()
    for i in range(1, M.shape[1]):
        out += M[:, i]
    return out


def _column_min(z, k):
    """Smallest of the first ``k`` columns, column by column (NaN propagates)."""
    low = z[:, 0].copy()
    for i in range(1, k):
        np.minimum(low, z[:, i], out=low)
    return low


_LOCAL = threading.local()
_KEEP = 2**24  # bytes of scratch kept per thread and buffer (default chunks need less)


def _buffer(name, shape, dtype):
    """A scratch array kept per thread between calls (fresh large arrays cost page faults).

    Only up to ``_KEEP`` bytes are kept; larger requests get a fresh array.
    """
    size = int(np.prod(shape))
    if size * np.dtype(dtype).itemsize > _KEEP:
        return np.empty(shape, dtype=dtype)
    store = getattr(_LOCAL, name, None)
    if store is None or store.dtype != dtype or store.size < size:
        store = np.empty(size, dtype=dtype)
        setattr(_LOCAL, name, store)
    return store[:size].reshape(shape)


def _any_pair(mask):
    """Games (last axis) where a stacked (pair, ..., game) mask holds for some pair."""
    flat = mask.reshape(-1, mask.shape[-1])
    out = flat[0].copy()
    for row in flat[1:]:
        out |= row
    return out


def _pairs_of_two(A, B, a, b, th, doubt, sing_th, p_doubt, flag, first_id):
    """All support pairs of size 2 at once, stacked along a pair axis; returns the output pieces.

    With ``dA[p, j] = A[i1, j] - A[i0, j]`` for the row pair ``p = (i0, i1)``,
    player 2's indifference on the column pair ``(j0, j1)`` gives ``y = (dA[p,
    j1], -dA[p, j0]) / (dA[p, j1] - dA[p, j0])`` (Cramer's rule on the
    bordered system); player 1's
    likewise from the column differences of ``B``. Regrets are computed only
    for the (pair, game) combinations where both strategies are feasible,
    gathered by flat indices from contiguous per-entry arrays.
    """
    n, rows, cols = A.shape
    row_pairs = np.array(list(combinations(range(rows), 2))).T  # (2, row pairs)
    col_pairs = np.array(list(combinations(range(cols), 2))).T
    n_rp, n_cp = row_pairs.shape[1], col_pairs.shape[1]
    dA = _buffer("dA", (n_rp, cols, n), float)  # dA[p] = A[:, i1, :] - A[:, i0, :] for the row pair p = (i0, i1)
    for p, (i0, i1) in enumerate(row_pairs.T):
        np.subtract(a[i1], a[i0], out=dA[p])
    dB = _buffer("dB", (n_cp, rows, n), float)  # dB[q] = B[:, :, j1] - B[:, :, j0] for the column pair q = (j0, j1)
    for q, (j0, j1) in enumerate(col_pairs.T):
        np.subtract(b[j1], b[j0], out=dB[q])
    # One workspace, written in place: large temporaries cost page faults.
    f = _buffer("f", (7, n_rp * n_cp * n), float)
    y_0, y_1, D_y, low = (f[k].reshape(n_rp, n_cp, n) for k in (0, 1, 2, 3))  # (row pair, col pair, game)
    x_0, x_1, D_x = (f[k].reshape(n_cp, n_rp, n) for k in (4, 5, 6))  # (col pair, row pair, game)
    m = _buffer("m", (5, n_rp, n_cp, n), bool)
    bad_y, bad_x, cand, feasible, t = m
    bad_x_c = bad_x.reshape(n_cp, n_rp, n)
    np.take(dA, col_pairs[1], axis=1, out=y_0, mode="clip")  # y on j0, times D_y
    np.take(dA, col_pairs[0], axis=1, out=y_1, mode="clip")  # minus y on j1, times D_y (clip: out unbuffered)
    np.subtract(y_0, y_1, out=D_y)
    np.take(dB, row_pairs[1], axis=1, out=x_0, mode="clip")  # x on i0, times D_x
    np.take(dB, row_pairs[0], axis=1, out=x_1, mode="clip")  # minus x on i1, times D_x
    np.subtract(x_0, x_1, out=D_x)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.abs(D_y, out=low)
        np.greater(low, sing_th, out=bad_y)
        np.logical_not(bad_y, out=bad_y)
        np.abs(D_x, out=low.reshape(n_cp, n_rp, n))
        np.greater(low.reshape(n_cp, n_rp, n), sing_th, out=bad_x_c)
        np.logical_not(bad_x_c, out=bad_x_c)
        for z, D in ((y_0, D_y), (y_1, D_y), (x_0, D_x), (x_1, D_x)):
            np.divide(z, D, out=z)
        np.negative(y_1, out=y_1)
        np.negative(x_1, out=x_1)
        np.minimum(y_0, y_1, out=low)
        np.greater(low, -p_doubt, out=cand)
        np.logical_not(bad_y, out=t)
        cand &= t
        doubtful = bad_y
        bad_x_y = bad_x_c.transpose(1, 0, 2)
        np.logical_and(bad_x_y, cand, out=bad_x_y)
        doubtful |= bad_x_y  # y feasible but x singular
        np.minimum(low, x_0.transpose(1, 0, 2), out=low)
        np.minimum(low, x_1.transpose(1, 0, 2), out=low)
        np.greater(low, -p_doubt, out=feasible)
        feasible &= cand
        np.logical_not(bad_x_y, out=t)
        feasible &= t
        np.less_equal(low, p_doubt, out=t)
        t &= feasible
        doubtful |= t
    flag |= _any_pair(doubtful)
    pieces = []
    for pair, on in enumerate(feasible.reshape(n_rp * n_cp, n)):
        game = np.flatnonzero(on)
        if len(game) == 0:
            continue
        r, c = divmod(pair, n_cp)
        i0, i1, j0, j1 = row_pairs[0, r], row_pairs[1, r], col_pairs[0, c], col_pairs[1, c]
        px_0, px_1 = (np.maximum(z[c, r].take(game), 0.0) for z in (x_0, x_1))
        py_0, py_1 = (np.maximum(z[r, c].take(game), 0.0) for z in (y_0, y_1))
        total = px_0 + px_1
        px_0 /= total
        px_1 /= total
        total = py_0 + py_1
        py_0 /= total
        py_1 /= total
        # Payoff of every pure strategy against the other player's mixed strategy.
        m = len(game)
        row_values = np.empty((rows, m))
        for i in range(rows):
            np.add(a[i, j0].take(game) * py_0, a[i, j1].take(game) * py_1, out=row_values[i])
        col_values = np.empty((cols, m))
        for j in range(cols):
            np.add(px_0 * b[j, i0].take(game), px_1 * b[j, i1].take(game), out=col_values[j])
        v = px_0 * row_values[i0] + px_1 * row_values[i1]
        u = py_0 * col_values[j0] + py_1 * col_values[j1]
        th_c, doubt_c = th.take(game), doubt.take(game)
        gap = np.maximum(row_values.max(axis=0) - v, col_values.max(axis=0) - u)
        ok = (gap <= th_c) & (low[r, c].take(game) > p_doubt)
        # Doubt: a regret near the tolerance, or more best responses than 2.
        near = (gap > th_c) & (gap <= doubt_c)
        extra = ((row_values >= v - doubt_c).sum(axis=0) > 2) | ((col_values >= u - doubt_c).sum(axis=0) > 2)
        flag[game[near | (ok & extra)]] = True
        keep = np.flatnonzero(ok)
        if len(keep) == 0:
            continue
        xs = np.zeros((len(keep), rows))
        ys = np.zeros((len(keep), cols))
        xs[:, i0], xs[:, i1] = px_0[keep], px_1[keep]
        ys[:, j0], ys[:, j1] = py_0[keep], py_1[keep]
        pieces.append(
            (np.full(len(keep), first_id + pair), game[keep], xs, ys, np.stack([v[keep], u[keep]], axis=1))
        )
    return pieces


def _pairs_of_size(k, A, B, a, b, th, doubt, sing_th, p_doubt, flag, pair_id):
    """Support pairs of one size ``k >= 3``, one pair at a time; returns the output pieces."""
    n, rows, cols = A.shape
    pieces = []
    row_sets = [list(c) for c in combinations(range(rows), k)]
    col_sets = [list(c) for c in combinations(range(cols), k)]
    for rows_i in row_sets:
        A_I = B_I = None
        for cols_j in col_sets:
            if k == 3:  # both players' systems for all games, from contiguous per-entry arrays
                with np.errstate(divide="ignore", invalid="ignore"):
                    zy, sing_y = _solve3([[a[i, j] for j in cols_j] for i in rows_i], sing_th)
                    zx, sing_x = _solve3([[b[j, i] for i in rows_i] for j in cols_j], sing_th)
                    flag |= sing_y
                    low = np.minimum(np.minimum(zy[0], zy[1]), zy[2])
                    cand = low > -p_doubt
                    flag |= cand & sing_x  # y feasible but x singular
                    np.minimum(np.minimum(np.minimum(low, zx[0]), zx[1]), zx[2], out=low)
                    cand &= low > -p_doubt
                    flag |= cand & (low <= p_doubt)
                cand = np.flatnonzero(cand)
                zx, zy, low = zx[:, cand].T, zy[:, cand].T, low[cand]
            else:  # player 2's strategy first, for all games; player 1's only where it is feasible
                if A_I is None:
                    A_I, B_I = A[:, rows_i, :], B[:, rows_i, :]
                zy, sing_y = _solve_indifference(A_I[:, :, cols_j], sing_th)
                flag |= sing_y
                low = _column_min(zy, k)
                with np.errstate(invalid="ignore"):
                    cand = np.flatnonzero(low > -p_doubt)
                zx, sing_x = _solve_indifference(np.swapaxes(B_I[cand][:, :, cols_j], 1, 2), sing_th[cand])
                flag[cand[sing_x]] = True
                zy = zy[cand]
                low = np.minimum(low[cand], _column_min(zx, k))
                with np.errstate(invalid="ignore"):
                    feasible = low > -p_doubt
                flag[cand[feasible & (low <= p_doubt)]] = True
                cand, zx, zy, low = cand[feasible], zx[feasible], zy[feasible], low[feasible]
            if len(cand) == 0:
                pair_id += 1
                continue
            xs = np.zeros((len(cand), rows))
            ys = np.zeros((len(cand), cols))
            xs[:, rows_i] = np.clip(zx[:, :k], 0.0, None)
            ys[:, cols_j] = np.clip(zy[:, :k], 0.0, None)
            xs /= _row_sum(xs)[:, None]
            ys /= _row_sum(ys)[:, None]
            row_values = np.einsum("nij,nj->ni", A[cand], ys)
            col_values = np.einsum("ni,nij->nj", xs, B[cand])
            v = _row_sum(xs * row_values)
            u = _row_sum(ys * col_values)
            gap = np.maximum(_row_max(row_values) - v, _row_max(col_values) - u)
            ok = (gap <= th[cand]) & (low > p_doubt)
            # Doubt: a regret near the tolerance, or more best responses than k.
            near = (gap > th[cand]) & (gap <= doubt[cand])
            extra = (_row_sum((row_values >= (v - doubt[cand])[:, None]).view(np.int8)) > k) | (
                _row_sum((col_values >= (u - doubt[cand])[:, None]).view(np.int8)) > k
            )
            flag[cand[near | (ok & extra)]] = True
            keep = np.flatnonzero(ok)
            if len(keep):
                pieces.append(
                    (
                        np.full(len(keep), pair_id),
                        cand[keep],
                        xs[keep],
                        ys[keep],
                        np.stack([v[keep], u[keep]], axis=1),
                    )
                )
            pair_id += 1
    return pieces


def solve_support_enumeration(A: np.ndarray, B: np.ndarray, tol: float) -> dict[str, np.ndarray]:
    """Equilibria of a chunk of games of one shape by batched support enumeration.

    Parameters
    ----------
    A, B : numpy.ndarray
        Float payoff arrays of shape (n, rows, cols), finite.
    tol : float
        Relative tolerance on regrets and probabilities (times the game's
        largest absolute payoff, at least 1).

    Returns
    -------
    dict
        ``game`` (local indices), ``x`` (k, rows), ``y`` (k, cols),
        ``payoffs`` (k, 2), ``is_pure`` (k,), one row per equilibrium in the
        order of :func:`bargaining.equilibria`, and ``flag`` (n,), the games
        that may be degenerate (their rows are best effort).

    Examples
    --------
    >>> A = np.array([[[0.0, -1, 1], [1, 0, -1], [-1, 1, 0]]])  # rock-paper-scissors
    >>> out = solve_support_enumeration(A, -A, 1e-9)
    >>> out["x"].round(4)
    array([[0.3333, 0.3333, 0.3333]])
    >>> out["flag"]  # conservative: some support systems of this game are singular
    array([ True])
    """
    n, rows, cols = A.shape
    a = _buffer("a", (rows, cols, n), float)  # a[i, j] = A[:, i, j]
    b = _buffer("b", (cols, rows, n), float)  # b[j, i] = B[:, i, j]
    a[...] = A.transpose(1, 2, 0)
    b[...] = B.transpose(2, 1, 0)
    magnitude = _buffer("abs", (rows * cols, n), float)
    scale = np.abs(a.reshape(-1, n), out=magnitude).max(axis=0)
    np.maximum(scale, np.abs(b.reshape(-1, n), out=magnitude).max(axis=0), out=scale)
    np.maximum(scale, 1.0, out=scale)
    th = tol * scale
    doubt = DOUBT * th
    p_doubt = DOUBT * tol  # probabilities are scale-free
    flag = np.zeros(n, dtype=bool)

    cell, pure_game = _pure(a, b, th, flag)
    # Best-response counts at pure equilibria: a tie there is already flagged by _pure.
    pieces = []  # (pair id, games, x, y, payoffs), in pair order; games increasing within a piece
    pair_id = rows * cols
    if min(rows, cols) >= 2:
        pieces += _pairs_of_two(A, B, a, b, th, doubt, DOUBT * tol * scale, p_doubt, flag, pair_id)
        pair_id += comb(rows, 2) * comb(cols, 2)
    for k in range(3, min(rows, cols) + 1):
        sing_th = DOUBT * tol * scale ** (k - 1)  # the bordered determinant has degree k - 1
        pieces += _pairs_of_size(k, A, B, a, b, th, doubt, sing_th, p_doubt, flag, pair_id)
        pair_id += comb(rows, k) * comb(cols, k)

    # Rows grouped by game, within a game pure cells first (row-major), then pairs in order:
    # each row is written once at its place, found from running per-game counters.
    count = np.bincount(np.concatenate([pure_game] + [p[1] for p in pieces]), minlength=n)
    flag |= count % 2 == 0
    total = int(count.sum())
    fill = np.cumsum(count) - count
    x = np.zeros((total, rows))
    y = np.zeros((total, cols))
    payoffs = np.empty((total, 2))
    is_pure = np.zeros(total, dtype=bool)
    bounds = np.searchsorted(cell, np.arange(rows * cols + 1))  # the pure rows are cell-major
    for c in range(rows * cols):
        game = pure_game[bounds[c] : bounds[c + 1]]
        if len(game) == 0:
            continue
        i, j = divmod(c, cols)
        at = fill[game]
        fill[game] += 1
        x[at, i] = 1.0
        y[at, j] = 1.0
        payoffs[at, 0] = a[i, j].take(game)
        payoffs[at, 1] = b[j, i].take(game)
        is_pure[at] = True
    for _, game, xs, ys, values in pieces:  # a piece holds each game at most once
        at = fill[game]
        fill[game] += 1
        x[at] = xs
        y[at] = ys
        payoffs[at] = values
    game = np.repeat(np.arange(n), count)
    return {"game": game, "x": x, "y": y, "payoffs": payoffs, "is_pure": is_pure, "flag": flag}
