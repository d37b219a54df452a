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

# Candidate c = 0..3 is the pure cell (c // 2, c % 2), candidate 4 the mixed one:
# the order of :func:`bargaining.equilibria` (pure by row then column, then mixed).
_PURE_X = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [0.0, 0.0]])
_PURE_Y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])


def solve_2x2(A: np.ndarray, B: np.ndarray, tol: float) -> dict[str, np.ndarray]:
    """Equilibria of a chunk of 2x2 games by the closed form.

    Parameters
    ----------
    A, B : numpy.ndarray
        Float payoff arrays of shape (n, 2, 2), finite.
    tol : float
        Relative tolerance: a payoff difference within ``tol * scale`` (scale
        being the game's largest absolute payoff, at least 1) counts as a tie
        and flags the game as possibly degenerate.

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
    a = np.ascontiguousarray(A.reshape(n, 4).T)  # rows a00, a01, a10, a11
    b = np.ascontiguousarray(B.reshape(n, 4).T)
    scale = np.abs(a).max(axis=0)
    np.maximum(scale, np.abs(b).max(axis=0), out=scale)
    np.maximum(scale, 1.0, out=scale)
    scale *= tol
    u = a[0] - a[2]
    w = a[1] - a[3]
    s = b[0] - b[1]
    t = b[2] - b[3]
    flag = np.abs(u) <= scale
    flag |= np.abs(w) <= scale
    flag |= np.abs(s) <= scale
    flag |= np.abs(t) <= scale

    found = np.empty((n, 5), dtype=bool)
    u_pos, w_pos, s_pos, t_pos = u >= 0, w >= 0, s >= 0, t >= 0
    u_neg, w_neg, s_neg, t_neg = u <= 0, w <= 0, s <= 0, t <= 0
    np.logical_and(u_pos, s_pos, out=found[:, 0])
    np.logical_and(w_pos, s_neg, out=found[:, 1])
    np.logical_and(u_neg, t_pos, out=found[:, 2])
    np.logical_and(w_neg, t_neg, out=found[:, 3])
    mixed = u_pos != w_pos
    mixed &= s_pos != t_pos
    mixed &= ~flag  # a tied game's mixed equilibria are the exact solver's job
    found[:, 4] = mixed

    game, cand = np.nonzero(found)
    x = _PURE_X[cand]
    y = _PURE_Y[cand]
    cell = np.minimum(cand, 3)
    payoffs = np.empty((len(game), 2))
    payoffs[:, 0] = a[cell, game]
    payoffs[:, 1] = b[cell, game]
    is_pure = cand < 4

    rows = np.flatnonzero(~is_pure)
    if len(rows):
        g = game[rows]
        ug, wg, sg, tg = u[g], w[g], s[g], t[g]
        p = tg / (tg - sg)
        q = wg / (wg - ug)
        x[rows, 0] = p
        x[rows, 1] = 1.0 - p
        y[rows, 0] = q
        y[rows, 1] = 1.0 - q
        payoffs[rows, 0] = q * a[0, g] + (1.0 - q) * a[1, g]
        payoffs[rows, 1] = p * b[0, g] + (1.0 - p) * b[2, g]
    return {"game": game, "x": x, "y": y, "payoffs": payoffs, "is_pure": is_pure, "flag": flag}
