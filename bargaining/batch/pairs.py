"""The size-2 supports of batched support enumeration, all pairs at once.

For games with at least two strategies each, every pair of size-2 supports
is solved in one pass, the support pairs stacked along a leading axis, on
contiguous per-entry payoff arrays; see :mod:`bargaining.batch.support` for
the method and the flags. Scratch arrays are kept per thread between calls,
since fresh large arrays cost page faults on every chunk.
"""

from __future__ import annotations

import threading
from itertools import combinations

import numpy as np

__all__ = ["pairs_of_two", "scratch", "any_pair"]


_LOCAL = threading.local()
_KEEP = 2**24  # bytes of scratch kept per thread and buffer (default chunks need less)


def scratch(name, shape, dtype):
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


def any_pair(mask):
    """Games (last axis) where a stacked (pair, ..., game) mask holds for some pair."""
    flat = mask.reshape(-1, mask.shape[-1])
    out = flat[0].copy()
    for row in flat[1:]:
        out |= row
    return out


def pairs_of_two(A, B, a, b, th, doubt, sing_th, p_doubt, flag, first_id):
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
    dA = scratch("dA", (n_rp, cols, n), float)  # dA[p] = A[:, i1, :] - A[:, i0, :] for the row pair p = (i0, i1)
    for p, (i0, i1) in enumerate(row_pairs.T):
        np.subtract(a[i1], a[i0], out=dA[p])
    dB = scratch("dB", (n_cp, rows, n), float)  # dB[q] = B[:, :, j1] - B[:, :, j0] for the column pair q = (j0, j1)
    for q, (j0, j1) in enumerate(col_pairs.T):
        np.subtract(b[j1], b[j0], out=dB[q])
    # One workspace, written in place: large temporaries cost page faults.
    f = scratch("f", (7, n_rp * n_cp * n), float)
    y_0, y_1, D_y, low = (f[k].reshape(n_rp, n_cp, n) for k in (0, 1, 2, 3))  # (row pair, col pair, game)
    x_0, x_1, D_x = (f[k].reshape(n_cp, n_rp, n) for k in (4, 5, 6))  # (col pair, row pair, game)
    m = scratch("m", (5, n_rp, n_cp, n), bool)
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
    flag |= any_pair(doubtful)
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
