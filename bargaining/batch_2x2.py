"""Closed-form Nash equilibria of many 2x2 bimatrix games at once.

A 2x2 game is degenerate exactly when a pure strategy has two pure best
responses, that is when one of the four differences

    u = a00 - a10,  w = a01 - a11   (player 1 against each column)
    s = b00 - b01,  t = b10 - b11   (player 2 against each row)

is zero. Otherwise the pure equilibria are read off the signs of these
differences, and the interior mixed equilibrium exists exactly when player 1's
preference flips between the columns (``u * w < 0``) and player 2's between
the rows (``s * t < 0``): then ``x = (p, 1 - p)`` with ``p = t / (t - s)`` and
``y = (q, 1 - q)`` with ``q = w / (w - u)`` make the other player indifferent.
A nondegenerate 2x2 game therefore has one or three equilibria.

This module is the 2x2 kernel of :func:`bargaining.batch_equilibria`; it works
on one chunk of games and knows nothing of chunking or exact fallbacks.
"""

from __future__ import annotations

import numpy as np

__all__ = ["solve_2x2"]


def _bound(A, B) -> float:
    """The largest absolute payoff of a chunk, at least 1 (NaN if a payoff is NaN)."""
    if A.size == 0:
        return 1.0
    return float(np.max([1.0, A.max(), -A.min(), B.max(), -B.min()]))  # numpy's max propagates NaN

# Candidate c = 0..3 is the pure cell (c // 2, c % 2), candidate 4 the mixed one:
# the order of :func:`bargaining.equilibria` (pure by row then column, then mixed).


def solve_2x2(A: np.ndarray, B: np.ndarray, tol: float, bound: float | None = None) -> dict[str, np.ndarray]:
    """Equilibria of a chunk of 2x2 games by the closed form.

    Parameters
    ----------
    A, B : numpy.ndarray
        Float payoff arrays of shape (n, 2, 2), finite.
    tol : float
        Relative tolerance: a payoff difference within ``tol * scale`` (scale
        being the game's largest absolute payoff, at least 1) counts as a tie
        and flags the game as possibly degenerate.
    bound : float, optional
        An upper bound on every absolute payoff of the chunk (computed if
        not given); it only serves to skip the exact tie test quickly.

    Returns
    -------
    dict
        ``game`` (local indices), ``x``, ``y`` (k, 2), ``payoffs`` (k, 2),
        ``is_pure`` (k,), one row per equilibrium in the order of
        :func:`bargaining.equilibria`, and ``flag`` (n,), the games that may
        be degenerate (their rows are best effort).

    Examples
    --------
    >>> A = np.array([[[1.0, -1.0], [-1.0, 1.0]]]); B = -A
    >>> out = solve_2x2(A, B, 1e-9)
    >>> out["x"], out["is_pure"], out["flag"]
    (array([[0.5, 0.5]]), array([False]), array([False]))
    """
    n = A.shape[0]
    if bound is None:
        bound = _bound(A, B)
    u = A[:, 0, 0] - A[:, 1, 0]
    w = A[:, 0, 1] - A[:, 1, 1]
    s = B[:, 0, 0] - B[:, 0, 1]
    t = B[:, 1, 0] - B[:, 1, 1]
    # Ties: first against the chunk's bound (cheap, rarely true), then per game exactly.
    smallest = np.minimum(np.minimum(np.abs(u), np.abs(w)), np.minimum(np.abs(s), np.abs(t)))
    flag = smallest <= tol * bound
    near = np.flatnonzero(flag)
    if len(near):
        scale = np.maximum(np.abs(A[near]).max(axis=(1, 2)), np.abs(B[near]).max(axis=(1, 2)))
        flag[near] = smallest[near] <= tol * np.maximum(scale, 1.0)

    found = np.empty((n, 5), dtype=bool)
    u_pos, w_pos, s_pos, t_pos = u >= 0, w >= 0, s >= 0, t >= 0
    np.logical_and(u_pos, s_pos, out=found[:, 0])
    np.logical_and(w_pos, s <= 0, out=found[:, 1])
    np.logical_and(u <= 0, t_pos, out=found[:, 2])
    np.logical_and(w <= 0, t <= 0, out=found[:, 3])
    mixed = u_pos != w_pos
    mixed &= s_pos != t_pos
    mixed &= ~flag  # a tied game's mixed equilibria are the exact solver's job
    found[:, 4] = mixed

    flat = np.flatnonzero(found.reshape(-1))  # faster than a 2-D nonzero
    game = flat // 5
    cand = flat - game * 5
    k = len(game)
    first_row = cand < 2
    first_col = (cand & 1) == 0
    x = np.empty((k, 2))
    y = np.empty((k, 2))
    x[:, 0] = first_row
    np.subtract(1.0, x[:, 0], out=x[:, 1])
    y[:, 0] = first_col
    np.subtract(1.0, y[:, 0], out=y[:, 1])
    cell = game * 4
    cell += np.minimum(cand, 3)
    payoffs = np.empty((k, 2))
    np.take(A.reshape(-1), cell, out=payoffs[:, 0])
    np.take(B.reshape(-1), cell, out=payoffs[:, 1])
    is_pure = cand < 4

    rows = np.flatnonzero(cand == 4)
    if len(rows):
        g = game[rows]
        ug, wg, sg, tg = u[g], w[g], s[g], t[g]
        p = tg / (tg - sg)
        q = wg / (wg - ug)
        x[rows, 0] = p
        x[rows, 1] = 1.0 - p
        y[rows, 0] = q
        y[rows, 1] = 1.0 - q
        a00, a01 = A[g, 0, 0], A[g, 0, 1]
        b00, b10 = B[g, 0, 0], B[g, 1, 0]
        payoffs[rows, 0] = a01 + q * (a00 - a01)
        payoffs[rows, 1] = b10 + p * (b00 - b10)
    return {"game": game, "x": x, "y": y, "payoffs": payoffs, "is_pure": is_pure, "flag": flag}
