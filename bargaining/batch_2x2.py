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

Implementation: every game gets a 5-bit code of the candidates it has
(candidate ``c = 0..3`` is the pure cell ``(c // 2, c % 2)``, candidate 4 the
mixed one, in the order of :func:`bargaining.equilibria`); tables indexed by
the code give each game's number of equilibria and, with ``numpy.repeat``,
each row's candidate. Rows are then filled by gathers from small tables and
the payoff arrays, and the mixed rows patched afterwards. All work arrays live
in a reusable :class:`Workspace` so that a long run of chunks allocates
nothing (fresh memory is expensive: every page is zeroed on first touch).
"""

from __future__ import annotations

import numpy as np

__all__ = ["Workspace", "solve_2x2"]

#: Number of candidates in each 5-bit code.
_COUNT = np.array([bin(code).count("1") for code in range(32)], dtype=np.int64)
#: ``_CANDIDATE[8 * code + rank]``: the candidate of a game's ``rank``-th equilibrium.
_CANDIDATE = np.full(256, 4, dtype=np.int64)
for _code in range(32):
    _found = [c for c in range(5) if _code >> c & 1]
    _CANDIDATE[8 * _code : 8 * _code + len(_found)] = _found
del _code, _found
#: Strategies of the pure candidates as complex numbers ``p0 + 1j * p1`` (candidate 4 is patched).
_X_PURE = np.array([1, 1, 1j, 1j, 0], dtype=np.complex128)
_Y_PURE = np.array([1, 1j, 1, 1j, 0], dtype=np.complex128)


def _bound(A, B) -> float:
    """The largest absolute payoff of a chunk, at least 1 (NaN if a payoff is NaN)."""
    if A.size == 0:
        return 1.0
    return float(np.max([1.0, A.max(), -A.min(), B.max(), -B.min()]))  # numpy's max propagates NaN


class Workspace:
    """Reusable work arrays for :func:`solve_2x2` on chunks of up to ``size`` games.

    Parameters
    ----------
    size : int
        The largest chunk it serves.

    Examples
    --------
    >>> work = Workspace(1024)
    >>> A = np.array([[[1.0, -1.0], [-1.0, 1.0]]])
    >>> solve_2x2(A, -A, 1e-9, work=work)["x"]
    array([[0.5, 0.5]])
    """

    def __init__(self, size: int):
        self.size = int(size)
        self.real = np.empty((6, self.size))
        self.bools = np.empty((7, self.size), dtype=bool)
        self.codes = np.empty((2, self.size), dtype=np.uint8)
        self.ints = np.empty((3, self.size), dtype=np.int64)
        self.arange = np.arange(self.size, dtype=np.int64)
        self.rows = -1
        self.reserve(self.size + self.size // 2)

    def reserve(self, rows: int) -> None:
        """Make room for ``rows`` output rows (grows by half again at least)."""
        if rows <= self.rows:
            return
        rows = max(rows, self.rows + self.rows // 2)
        self.rows = rows
        self.row_ints = np.empty((3, rows), dtype=np.int64)
        self.row_arange = np.arange(rows, dtype=np.int64)
        self.row_real = np.empty(rows)
        self.x = np.empty((rows, 2))
        self.y = np.empty((rows, 2))
        self.payoffs = np.empty((rows, 2))
        self.is_pure = np.empty(rows, dtype=bool)


def _codes(u, w, s, t, flag, work, n):
    """Each game's 5-bit candidate code (bit c: candidate c is an equilibrium) and mixed mask."""
    up, wp, sp, tp, low, found, mixed = (row[:n] for row in work.bools)
    code, bit = (row[:n] for row in work.codes)
    np.greater_equal(u, 0.0, out=up)
    np.greater_equal(w, 0.0, out=wp)
    np.greater_equal(s, 0.0, out=sp)
    np.greater_equal(t, 0.0, out=tp)
    np.logical_and(up, sp, out=found)
    code[...] = found.view(np.uint8)
    np.less_equal(s, 0.0, out=low)
    np.logical_and(wp, low, out=found)
    np.multiply(found.view(np.uint8), 2, out=bit)
    code += bit
    np.less_equal(u, 0.0, out=low)
    np.logical_and(low, tp, out=found)
    np.multiply(found.view(np.uint8), 4, out=bit)
    code += bit
    np.less_equal(w, 0.0, out=low)
    np.less_equal(t, 0.0, out=found)
    found &= low
    np.multiply(found.view(np.uint8), 8, out=bit)
    code += bit
    np.not_equal(up, wp, out=low)
    np.not_equal(sp, tp, out=found)
    found &= low
    np.greater(found, flag, out=mixed)  # a tied game's mixed equilibria are the exact solver's job
    np.multiply(mixed.view(np.uint8), 16, out=bit)
    code += bit
    return code, mixed


def solve_2x2(
    A: np.ndarray, B: np.ndarray, tol: float, bound: float | None = None, *, work: Workspace | None = None
) -> dict[str, np.ndarray]:
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
    work : Workspace, optional
        Work arrays to reuse across calls. The returned arrays are then views
        into it, overwritten by the next call; without it they are fresh.

    Returns
    -------
    dict
        ``game`` (local indices), ``x``, ``y`` (k, 2), ``payoffs`` (k, 2),
        ``is_pure`` (k,), one row per equilibrium in the order of
        :func:`bargaining.equilibria`, ``flag`` (n,), the games that may be
        degenerate (their rows are best effort), and ``count`` (n,), the
        number of rows of each game.

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
    own = work is None or work.size < n
    if own:
        work = Workspace(n)
    a = A.reshape(n, 4)
    b = B.reshape(n, 4)
    u, w, s, t, smallest, spare = (row[:n] for row in work.real)
    np.subtract(a[:, 0], a[:, 2], out=u)
    np.subtract(a[:, 1], a[:, 3], out=w)
    np.subtract(b[:, 0], b[:, 1], out=s)
    np.subtract(b[:, 2], b[:, 3], out=t)
    # Ties: first against the chunk's bound (cheap, rarely true), then per game exactly.
    np.abs(u, out=smallest)
    np.minimum(smallest, np.abs(w, out=spare), out=smallest)
    np.minimum(smallest, np.abs(s, out=spare), out=smallest)
    np.minimum(smallest, np.abs(t, out=spare), out=smallest)
    flag = smallest <= tol * bound
    if flag.any():
        near = np.flatnonzero(flag)
        scale = np.maximum(np.abs(a[near]).max(axis=1), np.abs(b[near]).max(axis=1))
        flag[near] = smallest[near] <= tol * np.maximum(scale, 1.0)
    code, mixed = _codes(u, w, s, t, flag, work, n)

    # Rows: game g has count[g] of them, from ends[g] - count[g]; row i of game g is
    # its candidate _CANDIDATE[8 * code + rank], found from one repeat of 8 * code - start.
    count, ends, key = (row[:n] for row in work.ints)
    np.take(_COUNT, code, out=count, mode="clip")
    np.cumsum(count, out=ends)
    k = int(ends[-1]) if n else 0
    work.reserve(k)
    np.multiply(code, 8, out=key)
    key -= ends
    key += count
    rank, game, cell = (row[:k] for row in work.row_ints)
    rank[...] = np.repeat(key, count)
    rank += work.row_arange[:k]
    cand = np.take(_CANDIDATE, rank, out=rank, mode="clip")
    game[...] = np.repeat(work.arange[:n], count)
    x, y, payoffs, is_pure = work.x[:k], work.y[:k], work.payoffs[:k], work.is_pure[:k]
    xc, yc, pc = (v.reshape(-1).view(np.complex128) for v in (x, y, payoffs))
    np.take(_X_PURE, cand, out=xc, mode="clip")
    np.take(_Y_PURE, cand, out=yc, mode="clip")
    np.less(cand, 4, out=is_pure)
    np.multiply(game, 4, out=cell)
    cell += cand  # the mixed rows' cells are wrong (clipped) and patched below
    value = work.row_real[:k]
    np.take(a.reshape(-1), cell, out=value, mode="clip")
    payoffs[:, 0] = value
    np.take(b.reshape(-1), cell, out=value, mode="clip")
    payoffs[:, 1] = value

    g = np.flatnonzero(mixed)
    if len(g):  # the mixed row is its game's last
        rows = ends[g]
        rows -= 1
        ug, wg, sg, tg = u[g], w[g], s[g], t[g]
        pair = np.empty((len(g), 2))
        pair_c = pair.reshape(-1).view(np.complex128)
        p = np.divide(tg, np.subtract(tg, sg, out=sg), out=sg)
        pair[:, 0] = p
        np.subtract(1.0, p, out=pair[:, 1])
        xc[rows] = pair_c
        q = np.divide(wg, np.subtract(wg, ug, out=ug), out=ug)
        pair[:, 0] = q
        np.subtract(1.0, q, out=pair[:, 1])
        yc[rows] = pair_c
        a00, a01 = a[:, 0][g], a[:, 1][g]
        b00, b10 = b[:, 0][g], b[:, 2][g]
        a00 -= a01
        a00 *= q
        np.add(a01, a00, out=pair[:, 0])  # a01 + q * (a00 - a01)
        b00 -= b10
        b00 *= p
        np.add(b10, b00, out=pair[:, 1])  # b10 + p * (b00 - b10)
        pc[rows] = pair_c
    out = {"game": game, "x": x, "y": y, "payoffs": payoffs, "is_pure": is_pure, "flag": flag, "count": count}
    if own:
        out = {name: value.copy() for name, value in out.items()}
    return out
