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

from itertools import combinations
from math import comb

import numpy as np

from .pairs import pairs_of_two, scratch

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
        order of :func:`bargaining.games.equilibria`, and ``flag`` (n,), the games
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
    a = scratch("a", (rows, cols, n), float)  # a[i, j] = A[:, i, j]
    b = scratch("b", (cols, rows, n), float)  # b[j, i] = B[:, i, j]
    a[...] = A.transpose(1, 2, 0)
    b[...] = B.transpose(2, 1, 0)
    magnitude = scratch("abs", (rows * cols, n), float)
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
        pieces += pairs_of_two(A, B, a, b, th, doubt, DOUBT * tol * scale, p_doubt, flag, pair_id)
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
